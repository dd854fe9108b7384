"""CJK full-text search over a bigram shadow column.

Chinese has no spaces between words and the databases' own tokenisers cannot find a
two-character word such as 园区 inside 文化产业园区. So each searchable model keeps a shadow
column, ``search_text``, holding the single characters and overlapping character pairs of its
CJK text and the lower-cased words of everything else. The column is indexed by

* SQLite: an FTS5 table with external content, kept in sync by triggers;
* PostgreSQL: a GIN index over ``to_tsvector('simple', search_text)``.

A query is cut the same way (pairs for CJK runs of two or more characters, the character for
a lone one, prefixes for other words) and every piece must match.

The tables, triggers and indexes are (re)made after every ``migrate``, because SQLite rebuilds
a table on most schema changes and drops its triggers with it.
"""

import re
import unicodedata

from django.core.paginator import Paginator
from django.db import connections
from django.db.models.expressions import RawSQL

CJK_CHARACTER = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002a6df\U0002a700-\U0002ebef"
CJK_RUN = re.compile(f"[{CJK_CHARACTER}]+")
WORD = re.compile(f"[^\\W_{CJK_CHARACTER}]+")

_INDEXED = {}  # model label -> (model, column)


def register(model, column="search_text"):
    """Declare that ``model`` keeps its shadow text in ``column``; returns the model."""
    _INDEXED[model._meta.label] = (model, column)
    return model


def _normalize(text):
    return unicodedata.normalize("NFKC", str(text or "")).lower()


def document_tokens(*parts):
    """The tokens a record is found by, in order, without repeats."""
    tokens = []
    for part in parts:
        text = _normalize(part)
        for run in CJK_RUN.findall(text):
            tokens.extend(run)
            tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
        tokens.extend(WORD.findall(text))
    return list(dict.fromkeys(tokens))


def shadow_text(*parts):
    return " ".join(document_tokens(*parts))


def query_terms(query):
    """``[(token, is_prefix)]``: what every match must contain."""
    terms = []
    text = _normalize(query)
    for run in CJK_RUN.findall(text):
        if len(run) == 1:
            terms.append((run, False))
        else:
            terms.extend((run[i : i + 2], False) for i in range(len(run) - 1))
    terms.extend((word, True) for word in WORD.findall(text))
    return list(dict.fromkeys(terms))


def _fts_table(table):
    return f"{table}_fts"


def _sqlite_match(terms):
    return " AND ".join(f'"{token}"' + ("*" if prefix else "") for token, prefix in terms)


def _postgres_tsquery(terms):
    return " & ".join(f"'{token}'" + (":*" if prefix else "") for token, prefix in terms)


def _indexed_for(model):
    """The registered model behind ``model``: itself, or for a multi-table child its parent."""
    for candidate in [model, *model._meta.get_parent_list()]:
        if candidate._meta.label in _INDEXED:
            return _INDEXED[candidate._meta.label]
    raise LookupError(f"{model._meta.label} has no search index")


def _matching_ids(queryset, terms, low=None, high=None):
    """``RawSQL`` of the ids of the rows matching every term (with ``low``/``high``: only
    those with ``low`` <= id < ``high``, a range the index itself narrows to)."""
    model, column = _indexed_for(queryset.model)
    table = model._meta.db_table
    pk = model._meta.pk.column
    vendor = connections[queryset.db].vendor
    if vendor == "sqlite":
        fts = _fts_table(table)
        key = "rowid"
        sql = f'SELECT rowid FROM "{fts}" WHERE "{fts}" MATCH %s'
        params = [_sqlite_match(terms)]
    elif vendor == "postgresql":
        key = f'"{pk}"'
        sql = (
            f'SELECT "{pk}" FROM "{table}" WHERE '
            f"to_tsvector('simple'::regconfig, \"{column}\") @@ "
            "to_tsquery('simple'::regconfig, %s)"
        )
        params = [_postgres_tsquery(terms)]
    else:
        raise NotImplementedError(f"No CJK search for the {vendor} database")
    if low is not None:
        sql += f" AND {key} >= %s AND {key} < %s"
        params += [low, high]
    return RawSQL(sql, params)


def search(queryset, query):
    """Narrow ``queryset`` (of a registered model) to the rows matching every query term."""
    terms = query_terms(query)
    if not terms:
        return queryset
    return queryset.filter(pk__in=_matching_ids(queryset, terms))


# The first range of ids a newest-first walk reads, and how much each next one grows.
FIRST_SPAN = 8192
SPAN_GROWTH = 4
# On PostgreSQL, how many ids at most a walk reads range by range (``_tokens_within``)
# before it asks the index for the rest of the matches at once (``_rest``).
SCAN_IDS = 65536


def _tokens_within(queryset, terms, low, high):
    """``RawSQL`` of the ids from ``low`` to ``high`` whose shadow text holds every term,
    tested on the text itself: PostgreSQL's index is over an expression, so a range read by
    the primary key and tested by ``@@`` computes ``to_tsvector`` again for each row (some
    9 µs, 75 ms for 8,192 rows), where finding a string in the text takes well under one.

    A CJK piece is in the text exactly when it is one of its tokens: the tokens are the
    characters and pairs of CJK runs, apart from everything else by spaces. A word (a prefix)
    must begin a token: after a space, tested only where the plain search found it. The
    shadow text's words hold no ``%``, ``_`` or ``\\``."""
    model, column = _indexed_for(queryset.model)
    pk = model._meta.pk.column
    tests, params = [], []
    for token, prefix in terms:
        tests.append(f'strpos("{column}", %s) > 0')
        params.append(token)
        if prefix:
            tests.append(f"(' ' || \"{column}\") LIKE %s")
            params.append(f"% {token}%")
    return RawSQL(
        f'SELECT "{pk}" FROM "{model._meta.db_table}" '
        f'WHERE "{pk}" >= %s AND "{pk}" < %s AND {" AND ".join(tests)}',
        [low, high, *params],
    )


class NewestMatches:
    """The rows of ``queryset`` matching ``query``, read newest (highest id) first without
    sorting every match: the ids are walked from the highest down, range by range, each range
    narrowed by the index (SQLite) or the shadow text (PostgreSQL, ``_tokens_within``) and
    then by ``queryset``'s own filters, until enough rows are read. A query made of very
    common pieces (公司) stops in the first range.

    SQLite's ranges grow (``FIRST_SPAN``, then ``SPAN_GROWTH`` times the last): a rare query
    reads a handful, each an index lookup. PostgreSQL sizes each next range from the matches
    the walk met so far, and once the rows still wanted would take more than ``SCAN_IDS`` ids
    in all, reads the rest of the matches through the GIN index in one query (``_rest``):
    cheap for a rare query, whose few matches are all the index holds for it."""

    def __init__(self, queryset, query):
        self.queryset = queryset
        self.terms = query_terms(query)
        self._top = ...
        self._read = (0, None)

    def top(self):
        """The highest id of the indexed model, or None when it has no rows."""
        if self._top is ...:
            model, _column = _indexed_for(self.queryset.model)
            self._top = (
                model._base_manager.using(self.queryset.db)
                .order_by("-pk")
                .values_list("pk", flat=True)
                .first()
            )
        return self._top

    def _within(self, low, high):
        if connections[self.queryset.db].vendor == "postgresql":
            ids = _tokens_within(self.queryset, self.terms, low, high)
        else:
            ids = _matching_ids(self.queryset, self.terms, low, high)
        return self.queryset.filter(pk__gte=low, pk__lt=high, pk__in=ids)

    def _rest(self, high):
        return self.queryset.filter(pk__lt=high, pk__in=_matching_ids(self.queryset, self.terms))

    def _walk(self, wanted, read, *, got=0, below=None):
        """Calls ``read(part, need)`` on the parts of the matches, newest first, until
        ``wanted`` rows are read (``read`` returns how many it read of ``part``, no more than
        ``need``); returns how many were read in all. A walk may go on from where an earlier
        one stopped: ``got`` rows read, every match from id ``below`` up among them."""
        top = self.top()
        if not self.terms or top is None:
            return got
        ranged = connections[self.queryset.db].vendor != "postgresql"
        high = top + 1 if below is None else below
        walked = top + 1 - high
        span = max(FIRST_SPAN, walked * (SPAN_GROWTH - 1)) if ranged else FIRST_SPAN
        while high > 0 and got < wanted:
            need = wanted - got
            if not ranged and walked:
                if not got or need * walked / got > SCAN_IDS - walked:
                    return got + read(self._rest(high), need)
                # The ids the rows still wanted take at the density met so far, and a quarter.
                span = max(FIRST_SPAN, int(need * walked / got * 1.25))
            low = max(high - span, 0)
            got += read(self._within(low, high), need)
            walked, high, span = walked + high - low, low, span * SPAN_GROWTH
        return got

    def rows(self, *fields, limit):
        """``(rows, complete)``: ``(pk, *fields)`` of the newest ``limit`` matching rows,
        highest id first; ``complete`` when they are every match."""
        rows = []

        def read(part, need):
            found = list(part.order_by("-pk").values_list("pk", *fields)[:need])
            rows.extend(found)
            return len(found)

        self._walk(limit + 1, read)
        if len(rows) > limit:
            # Every match from the last row's id up is read: a count may go on from there.
            self._read = (len(rows), rows[-1][0])
        return rows[:limit], len(rows) <= limit

    def count(self, cap):
        """``(count, more)``: the matching rows counted no further than ``cap``; ``more``
        when there are more. After ``rows``, it counts on from the rows read."""
        got, below = self._read if self._read[0] <= cap + 1 else (0, None)
        counted = self._walk(
            cap + 1,
            lambda part, need: part.order_by().values("pk")[:need].count(),
            got=got,
            below=below,
        )
        return min(counted, cap), counted > cap


class RankedPaginator(Paginator):
    """The pages of a searched list: its matches most relevant first, as a selector ranked
    them (an answer with ``ids``, ``count``, ``more`` and ``complete``), read ``per_page`` at
    a time by page number (an offset into a few hundred ids, never into the table).
    ``rows_of(ids)`` reads a page's rows; ``count`` is the matches (capped: ``more``) and
    ``shown`` how many of them the pages hold, the most relevant when not ``complete``."""

    def __init__(self, ranked, per_page, rows_of):
        super().__init__(ranked.ids, per_page)
        self.ranked = ranked
        self.rows_of = rows_of

    @property
    def count(self):
        return self.ranked.count

    @property
    def more(self):
        return self.ranked.more

    @property
    def shown(self):
        return len(self.ranked.ids)

    @property
    def complete(self):
        return self.ranked.complete

    @property
    def num_pages(self):
        return max(1, -(-self.shown // self.per_page))

    def page(self, number):
        number = self.validate_number(number)
        ids = self.ranked.ids[(number - 1) * self.per_page : number * self.per_page]
        by_id = {row.pk: row for row in self.rows_of(ids)}
        return self._get_page([by_id[pk] for pk in ids if pk in by_id], number, self)


def relevance(query, name, *others):
    """How closely a match answers ``query``, the lower the closer: 0 its name is the query,
    1 its name starts with it, 2 its name holds it, 3 one of ``others`` (an English name, a
    code) holds it, 4 it holds only the query's pieces."""
    wanted = " ".join(_normalize(query).split())
    name = _normalize(name)
    if not wanted:
        return 4
    if name == wanted:
        return 0
    if name.startswith(wanted):
        return 1
    if wanted in name:
        return 2
    if any(wanted in _normalize(other) for other in others):
        return 3
    return 4


def _sqlite_statements(table, column, pk):
    fts = _fts_table(table)
    return [
        f'CREATE VIRTUAL TABLE IF NOT EXISTS "{fts}" USING fts5('
        f"\"{column}\", content='{table}', content_rowid='{pk}', tokenize='unicode61')",
        f'CREATE TRIGGER IF NOT EXISTS "{fts}_ai" AFTER INSERT ON "{table}" BEGIN '
        f'INSERT INTO "{fts}"(rowid, "{column}") VALUES (new."{pk}", new."{column}"); END',
        f'CREATE TRIGGER IF NOT EXISTS "{fts}_ad" AFTER DELETE ON "{table}" BEGIN '
        f'INSERT INTO "{fts}"("{fts}", rowid, "{column}") '
        f'VALUES (\'delete\', old."{pk}", old."{column}"); END',
        f'CREATE TRIGGER IF NOT EXISTS "{fts}_au" AFTER UPDATE OF "{column}" ON "{table}" BEGIN '
        f'INSERT INTO "{fts}"("{fts}", rowid, "{column}") '
        f'VALUES (\'delete\', old."{pk}", old."{column}"); '
        f'INSERT INTO "{fts}"(rowid, "{column}") VALUES (new."{pk}", new."{column}"); END',
        f'INSERT INTO "{fts}"("{fts}") VALUES (\'rebuild\')',
    ]


def _postgres_statements(table, column, pk):
    return [
        f'CREATE INDEX IF NOT EXISTS "{table}_{column}_tsv" ON "{table}" '
        f"USING gin (to_tsvector('simple'::regconfig, \"{column}\"))"
    ]


def plan_searches_afresh(sender, connection, **kwargs):
    """``connection_created``: a statement that searches text (PostgreSQL's ``@@``) is not
    prepared, on a connection that prepares the statements it runs often
    (``CLOUDPARK_POSTGRES_PREPARED``), so it is planned for its own words every time.

    After five runs PostgreSQL may keep one plan for a prepared statement, whatever its
    parameters: one made for a rare word (its few matches read through the index, then
    sorted) and then used for a common one (a fifth of the rows read that way, where reading
    newest first stops after a thousand) took the platform search at 1,000,000 documents
    from 9 ms to 690 ms for 园区, and to 1.1 s for 公司."""
    if getattr(connection.connection, "prepare_threshold", None) is None:
        return
    if _unprepared_search not in connection.execute_wrappers:
        connection.execute_wrappers.append(_unprepared_search)


def _unprepared_search(execute, sql, params, many, context):
    if "@@" not in sql:
        return execute(sql, params, many, context)
    client = context["connection"].connection
    threshold, client.prepare_threshold = client.prepare_threshold, None
    try:
        return execute(sql, params, many, context)
    finally:
        client.prepare_threshold = threshold


def ensure_search_indexes(using="default", **kwargs):
    """Make the search index of every registered model, where it is missing."""
    connection = connections[using]
    statements = {"sqlite": _sqlite_statements, "postgresql": _postgres_statements}.get(
        connection.vendor
    )
    if statements is None:
        return
    existing = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for model, column in _INDEXED.values():
            table = model._meta.db_table
            if table not in existing:
                continue
            for statement in statements(table, column, model._meta.pk.column):
                cursor.execute(statement)
