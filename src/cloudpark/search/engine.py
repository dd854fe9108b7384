"""The stored search index behind ``SearchDocument`` and the two queries run against it.

Tokens are cut once, when a document is written (``core.search.document_tokens``: CJK
characters and overlapping pairs, lower-cased words), so that 园区 is found inside
文化产业园区. The engines index them as they are:

* SQLite: an FTS5 table with external content over ``title_text``, ``body_text`` and
  ``scope`` (``unicode61``, with ``_`` a token character), kept in sync by triggers; the
  candidates are weighed from their stored title tokens (``_sqlite_relevance``), not by
  ``bm25``, whose first call scans each query piece's whole list of matches;
* PostgreSQL: a stored generated ``tsvector`` column (title tokens weight A, body D, the
  scope's tokens as they are) with a GIN index, ranked by ``ts_rank`` over the query's words.
  The RUM extension, which can hand matches out in id order, was measured and not taken: it
  sorts every match of a prefix or a common word (docs/search.md); GIN it is.

``scope`` holds ``_kind<key>``, and for a document only one organisation's members may find,
``_audprivate _audorg<id>``. Every scope token begins with ``_``, which no query piece holds
(``core.search.WORD`` leaves it out), so a query's words cannot match one, even as a prefix,
and need neither a column filter nor a weight. A query is its words AND the kind's token
(when one is asked for) NOT ``_audprivate`` (for a member: NOT ``_audprivate`` NOT any of
their organisations' tokens). Without weights, GIN answers this from the index, without
reading each match's stored vector back from the heap to test it again; the NOT reads only
the few private documents' entries. Matching the audience positively instead (a
``_audpublic`` token on every public document, ``words & (_audpublic | _audorg<id>)``) was
measured slower: 30 ms against 17 ms for the newest 500 of 汉服's 5,000 matches at
1,000,000 documents, the intersection stepping through a list of every document.

No query sorts every match: ``candidates`` reads the newest ``limit`` matches (by document
id, which follows the order documents were indexed in, and ``reindex`` writes them oldest
first) and ranks only those; ``counts`` reads up to a cap of matching ids once and tells
their kinds apart by the kind number each id carries in its low bits
(``models.SearchDocument``). A query made of very common pieces (公司) therefore costs what
a rare one does, and ranks its newest matches. On PostgreSQL a search over every kind takes
its candidates' ids from the count's scan (``matches``): one scan of the matching rows, not two.
"""

from django.db import connections

from cloudpark.search.models import KIND_MASK, SearchDocument

TABLE = SearchDocument._meta.db_table
FTS = f"{TABLE}_fts"
VECTOR = "search_vector"
MARK = "_"  # the first character of every scope token, and of no query piece


def _sqlite_statements():
    columns = '"title_text", "body_text", "scope"'
    new = 'new."title_text", new."body_text", new."scope"'
    old = 'old."title_text", old."body_text", old."scope"'
    return [
        f'CREATE VIRTUAL TABLE IF NOT EXISTS "{FTS}" USING fts5({columns}, '
        f"content='{TABLE}', content_rowid='id', tokenize=\"unicode61 tokenchars '{MARK}'\")",
        f'CREATE TRIGGER IF NOT EXISTS "{FTS}_ai" AFTER INSERT ON "{TABLE}" BEGIN '
        f'INSERT INTO "{FTS}"(rowid, {columns}) VALUES (new."id", {new}); END',
        f'CREATE TRIGGER IF NOT EXISTS "{FTS}_ad" AFTER DELETE ON "{TABLE}" BEGIN '
        f'INSERT INTO "{FTS}"("{FTS}", rowid, {columns}) VALUES (\'delete\', old."id", {old}); '
        "END",
        f'CREATE TRIGGER IF NOT EXISTS "{FTS}_au" AFTER UPDATE ON "{TABLE}" BEGIN '
        f'INSERT INTO "{FTS}"("{FTS}", rowid, {columns}) VALUES (\'delete\', old."id", {old}); '
        f'INSERT INTO "{FTS}"(rowid, {columns}) VALUES (new."id", {new}); END',
        f'INSERT INTO "{FTS}"("{FTS}") VALUES (\'rebuild\')',
    ]


def _postgres_statements():
    vector = (
        "setweight(to_tsvector('simple'::regconfig, \"title_text\"), 'A') || "
        "setweight(to_tsvector('simple'::regconfig, \"body_text\"), 'D') || "
        # As they are: the text parser would cut a scope token at its "_".
        "array_to_tsvector(array_remove(string_to_array(\"scope\", ' '), ''))"
    )
    return [
        f'ALTER TABLE "{TABLE}" ADD COLUMN IF NOT EXISTS "{VECTOR}" tsvector '
        f"GENERATED ALWAYS AS ({vector}) STORED",
        f'CREATE INDEX IF NOT EXISTS "{TABLE}_vector" ON "{TABLE}" USING gin ("{VECTOR}")',
    ]


def ensure_index(sender=None, using="default", **kwargs):
    """Make the index where it is missing; run after every ``migrate`` (once, for this app),
    because SQLite rebuilds a table on most schema changes and drops its triggers with it.
    The FTS5 table is filled from the documents only when it is new: a rebuilt table keeps
    its rows and their ids, so the index still matches them."""
    if sender is not None and sender.label != "search":
        return
    connection = connections[using]
    statements = {"sqlite": _sqlite_statements, "postgresql": _postgres_statements}.get(
        connection.vendor
    )
    tables = connection.introspection.table_names()
    if statements is None or TABLE not in tables:
        return
    statements = statements()
    if connection.vendor == "sqlite" and FTS in tables:
        statements = statements[1:-1]  # the triggers only
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def rebuild(using="default"):
    """Refill the SQLite FTS5 table from the documents (after a load without its triggers);
    PostgreSQL's generated column and GIN index need nothing."""
    connection = connections[using]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f'INSERT INTO "{FTS}"("{FTS}") VALUES (\'rebuild\')')


def kind_token(kind):
    return f"{MARK}kind{kind}"


PRIVATE = f"{MARK}audprivate"


def organization_token(organization_id):
    return f"{MARK}audorg{int(organization_id)}"


def scope_tokens(kind, organization_id=None):
    """The kind's token, and for a document only one organisation's members may find,
    ``_audprivate`` and that organisation's token."""
    if organization_id is None:
        return kind_token(kind)
    return f"{kind_token(kind)} {PRIVATE} {organization_token(organization_id)}"


# Query expressions ------------------------------------------------------------------------


def _sqlite_match(terms, kind, organization_ids):
    words = " AND ".join(f'"{token}"' + ("*" if prefix else "") for token, prefix in terms)
    expression = f"({words})" + (f' AND "{kind_token(kind)}"' if kind else "")
    if organization_ids:
        own = " OR ".join(f'"{organization_token(pk)}"' for pk in organization_ids)
        return f'({expression}) NOT ("{PRIVATE}" NOT ({own}))'
    return f'({expression}) NOT "{PRIVATE}"'


def _postgres_words(terms):
    return " & ".join(f"'{token}'" + (":*" if prefix else "") for token, prefix in terms)


def _postgres_scope(kind, organization_ids):
    """A tsquery read as it is (``::tsquery``): ``to_tsquery`` would cut its tokens."""
    kind = f"'{kind_token(kind)}' & " if kind else ""
    if organization_ids:
        own = " | ".join(f"'{organization_token(pk)}'" for pk in organization_ids)
        return f"{kind}!('{PRIVATE}' & !({own}))"
    return f"{kind}!'{PRIVATE}'"


def _match(vendor, terms, kind, organization_ids):
    """``(condition, params)``: the documents holding every piece of ``terms``, of ``kind``
    ("" for any), that a member of ``organization_ids`` may see."""
    if vendor == "sqlite":
        return f'"{FTS}" MATCH %s', [_sqlite_match(terms, kind, organization_ids)]
    return (
        f"\"{VECTOR}\" @@ (to_tsquery('simple'::regconfig, %s) && %s::tsquery)",
        [_postgres_words(terms), _postgres_scope(kind, organization_ids)],
    )


def _vendor(using):
    vendor = connections[using].vendor
    if vendor not in ("sqlite", "postgresql"):
        raise NotImplementedError(f"No platform search for the {vendor} database")
    return vendor


def _sqlite_relevance(terms):
    """A title match counts four, a body match one, over 1 + the title's tokens / 40 (a short
    title that holds the words is closer to them): bm25's weighing without its inverse
    document frequency, whose first call reads each term's whole list of matches (a common
    word's half a million ids at 1,000,000 documents) to count them."""
    parts, params = [], []
    for token, prefix in terms:
        if prefix:
            parts.append("(CASE WHEN instr(' ' || d.\"title_text\", %s) > 0 THEN 4 ELSE 1 END)")
            params.append(f" {token}")
        else:
            parts.append(
                "(CASE WHEN instr(' ' || d.\"title_text\" || ' ', %s) > 0 THEN 4 ELSE 1 END)"
            )
            params.append(f" {token} ")
    tokens = "(length(d.\"title_text\") - length(replace(d.\"title_text\", ' ', '')) + 1)"
    return f"({' + '.join(parts)}) / (1.0 + {tokens} / 40.0)", params


def candidates(terms, *, kind="", organization_ids=(), limit=500, using="default"):
    """``[(document id, relevance, published)]`` of the newest ``limit`` matches, relevance
    the higher the better, ``published`` in seconds since 1970 (None when undated)."""
    vendor = _vendor(using)
    condition, params = _match(vendor, terms, kind, organization_ids)
    if vendor == "sqlite":
        # Materialised, so that the planner does not flatten the join into the FTS scan.
        relevance, relevance_params = _sqlite_relevance(terms)
        sql = (
            f'WITH c AS MATERIALIZED (SELECT rowid AS id FROM "{FTS}" WHERE {condition} '
            f"ORDER BY rowid DESC LIMIT %s) "
            f"SELECT c.id, {relevance}, "
            f'(julianday(d."published_at") - 2440587.5) * 86400.0 '
            f'FROM c JOIN "{TABLE}" d ON d."id" = c.id'
        )
        params = [*params, limit, *relevance_params]
    else:
        # Only the ids are sorted; the newest ``limit`` are read again for their rank and
        # date (sorting the matches with their vectors took 35 ms for 汉服's 4,953 matches at
        # 1,000,000 documents, the ids alone then the 500 rows 25 ms).
        sql = _postgres_ranked(
            f'(SELECT "id" AS id FROM "{TABLE}" WHERE {condition} ORDER BY "id" DESC LIMIT %s)'
        )
        params = [_postgres_words(terms), *params, limit]
    return _fetch_ranked(sql, params, using)


def _postgres_ranked(source):
    """The statement reading the ids of ``source`` (a subquery or a set-returning function)
    again for their rank and date; the rank's words are its first parameter. Ranked by the
    words alone: the scope's tokens are in every document."""
    return (
        f'SELECT d."id", ts_rank(d."{VECTOR}", to_tsquery(\'simple\'::regconfig, %s)), '
        f'extract(epoch FROM d."published_at") FROM {source} c(id) '
        f'JOIN "{TABLE}" d ON d."id" = c.id'
    )


def _fetch_ranked(sql, params, using):
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [
        (pk, float(score), None if published is None else float(published))
        for pk, score, published in rows
    ]


def matches(terms, kinds, *, kind="", cap, facet_cap, limit, organization_ids=(), using="default"):
    """``(total, {kind: matches}, candidates)``: what ``counts`` and ``candidates`` give.

    On PostgreSQL, a search over every kind reads its candidates off the count's own scan:
    the count reads the newest ``cap`` + 1 matching ids and hands back the first ``limit`` of
    them, which are the candidates' ids; only their rank and date are read again. Each
    matching row read tests its stored vector in the heap, so one scan instead of two saves a
    common word a third of its rows (``festival`` at 1,000,000 documents: some 19,000 rows
    for the count and 9,600 more for the candidates before). A search of one kind, and
    SQLite, whose count reads ids off its index, count and find the candidates apart."""
    vendor = _vendor(using)
    if vendor == "postgresql" and not kind and limit <= cap + 1:
        total, counted, newest = _counts(
            vendor, terms, kinds, cap, facet_cap, organization_ids, limit, using
        )
        sql = _postgres_ranked("unnest(%s::bigint[])")
        return total, counted, _fetch_ranked(sql, [_postgres_words(terms), newest], using)
    total, counted = counts(
        terms, kinds, cap=cap, facet_cap=facet_cap, organization_ids=organization_ids, using=using
    )
    rows = candidates(terms, kind=kind, organization_ids=organization_ids, limit=limit, using=using)
    return total, counted, rows


def counts(terms, kinds, *, cap, facet_cap, organization_ids=(), using="default"):
    """``(total, {kind: matches})`` in one statement, ``kinds`` a ``{key: number}``.

    One scan reads up to ``cap`` + 1 matching ids; their low bits (``models.number_of``)
    count every kind at once. When the scan reached its end, each kind's count is exact.
    When it stopped at the cap, a kind with more than ``facet_cap`` of the ids read has more
    than that in all; only a kind with fewer is counted apart (its own match, up to
    ``facet_cap`` + 1): a rare kind among very common words, which costs what its few
    matches do. So a count above ``facet_cap`` is never exact when the total is capped."""
    vendor = _vendor(using)
    total, counted, _newest = _counts(
        vendor, terms, kinds, int(cap), int(facet_cap), organization_ids, 0, using
    )
    return total, counted


def _counts(vendor, terms, kinds, cap, facet_cap, organization_ids, newest, using):
    """``counts``, and with ``newest`` (PostgreSQL only) the ids of the newest ``newest``
    matches: the scan then reads the matches newest first, as ``candidates`` does."""
    cap, facet_cap = int(cap), int(facet_cap)
    if vendor == "sqlite":
        scan = f'SELECT rowid AS id FROM "{FTS}" WHERE {{}} LIMIT {cap + 1}'
        count = f'(SELECT count(*) FROM (SELECT 1 FROM "{FTS}" WHERE {{}} LIMIT {facet_cap + 1}))'
    else:
        order = 'ORDER BY "id" DESC ' if newest else ""
        scan = f'SELECT "id" AS id FROM "{TABLE}" WHERE {{}} {order}LIMIT {cap + 1}'
        count = (
            f'(SELECT count(*) FROM (SELECT 1 FROM "{TABLE}" WHERE {{}} LIMIT {facet_cap + 1}) s)'
        )
    condition, params = _match(vendor, terms, "", organization_ids)
    scan = scan.format(condition)
    tallies, columns = [], []
    for position, (key, number) in enumerate(kinds.items()):
        # One aggregate row: FILTER counts each kind without grouping (which would sort).
        tallies.append(f"count(*) FILTER (WHERE m.id & {KIND_MASK} = {int(number)}) AS k{position}")
        kind_condition, kind_params = _match(vendor, terms, key, organization_ids)
        columns.append(
            f"CASE WHEN t.n > {cap} AND t.k{position} <= {facet_cap} "
            f"THEN {count.format(kind_condition)} ELSE t.k{position} END"
        )
        params.extend(kind_params)
    aggregate = f"SELECT {', '.join(['count(*) AS n', *tallies])}"
    if newest:
        # The scan kept apart (materialised) and read twice: for the tallies, and for the
        # newest ids, in the order it read them.
        columns.append(f"ARRAY(SELECT m.id FROM m ORDER BY m.id DESC LIMIT {int(newest)})")
        sql = (
            f"WITH m AS MATERIALIZED ({scan}), t AS MATERIALIZED ({aggregate} FROM m) "
            f"SELECT {', '.join(['t.n', *columns])} FROM t"
        )
    else:
        sql = (
            f"WITH t AS MATERIALIZED ({aggregate} FROM ({scan}) m) "
            f"SELECT {', '.join(['t.n', *columns])} FROM t"
        )
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        total, *numbers = cursor.fetchone()
    newest_ids = numbers.pop() if newest else None
    return total, dict(zip(kinds, numbers, strict=True)), newest_ids
