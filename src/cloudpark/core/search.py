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


def search(queryset, query):
    """Narrow ``queryset`` (of a registered model) to the rows matching every query term."""
    terms = query_terms(query)
    if not terms:
        return queryset
    model, column = _indexed_for(queryset.model)
    table = model._meta.db_table
    pk = model._meta.pk.column
    vendor = connections[queryset.db].vendor
    if vendor == "sqlite":
        fts = _fts_table(table)
        subquery = RawSQL(
            f'SELECT rowid FROM "{fts}" WHERE "{fts}" MATCH %s', [_sqlite_match(terms)]
        )
    elif vendor == "postgresql":
        subquery = RawSQL(
            f'SELECT "{pk}" FROM "{table}" WHERE '
            f"to_tsvector('simple'::regconfig, \"{column}\") @@ "
            "to_tsquery('simple'::regconfig, %s)",
            [_postgres_tsquery(terms)],
        )
    else:
        raise NotImplementedError(f"No CJK search for the {vendor} database")
    return queryset.filter(pk__in=subquery)


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
