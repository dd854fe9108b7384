"""Rewrite every document's scope in the tokens of ``engine.scope_tokens``: ``_kind<key>``,
and ``_audprivate _audorg<id>`` for a private document (was ``kind<key> audpublic`` or
``kind<key> audprivate audorg<id>``). No query piece can match a token beginning with ``_``,
so a query's words need no weight, which made PostgreSQL test every match again in the heap.

In bulk, in SQL: the index is dropped first (SQLite: the FTS5 table, which also takes a new
tokenizer, and its triggers; PostgreSQL: the GIN index and the generated vector column, whose
expression changes), one ``UPDATE`` rewrites the scopes, and ``engine.ensure_index`` makes
the index again from them in one pass (docs/search.md gives the cost)."""

from django.db import migrations

from cloudpark.search import engine


def rewrite(apps, schema_editor):
    connection = schema_editor.connection
    table = apps.get_model("search", "SearchDocument")._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for suffix in ("ai", "ad", "au"):
                cursor.execute(f'DROP TRIGGER IF EXISTS "{engine.FTS}_{suffix}"')
            cursor.execute(f'DROP TABLE IF EXISTS "{engine.FTS}"')
        elif connection.vendor == "postgresql":
            cursor.execute(f'DROP INDEX IF EXISTS "{table}_vector"')
            cursor.execute(f'ALTER TABLE "{table}" DROP COLUMN IF EXISTS "{engine.VECTOR}"')
            # The GIN index below is built in memory rather than in many sorted runs.
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        mark = engine.MARK
        cursor.execute(
            f'UPDATE "{table}" SET "scope" = %s || "kind" || CASE WHEN "organization_id" IS NULL '
            f"THEN '' ELSE %s || CAST(\"organization_id\" AS VARCHAR(20)) END",
            [f"{mark}kind", f" {engine.PRIVATE} {mark}audorg"],
        )
    engine.ensure_index(using=connection.alias)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Without statistics of the new column the planner walked the whole id index for
            # a common word (1.6 s for 园区 at 1,000,000 documents) until autovacuum came by.
            cursor.execute(f'ANALYZE "{table}"')


class Migration(migrations.Migration):
    dependencies = [("search", "0002_kind_in_document_ids")]

    operations = [migrations.RunPython(rewrite, migrations.RunPython.noop)]
