"""The database's own refusal to change or delete audit entries, on both engines.

The ORM refuses too (``AuditEntry.save``/``delete`` and its queryset), but only the database
stops raw SQL, a shell session or a future bug. One change is let through: clearing
``actor`` alone, which is what deleting a person does (``on_delete=SET_NULL``); the entry
keeps ``actor_ref``.

On SQLite a migration that rebuilds ``core_auditentry`` (most ``AlterField``s do) drops these
triggers with the old table: such a migration must call ``seal_sql`` again afterwards.
``tests/core/test_audit_seal.py`` fails if the triggers are missing.
"""

TABLE = "core_auditentry"
MESSAGE = "Audit entries are never changed or deleted."

# Every column but actor_id: SQLite fires "UPDATE OF" when any of them is assigned.
SEALED_COLUMNS = (
    "id",
    "created_at",
    "action",
    "content_type_id",
    "object_id",
    "object_repr",
    "data",
    "actor_ref",
    "ip_address",
    "user_agent",
)

POSTGRESQL_SEAL = [
    f"""
    CREATE OR REPLACE FUNCTION {TABLE}_refuse_change() RETURNS trigger AS $$
    BEGIN
        IF TG_OP = 'UPDATE' AND NEW.actor_id IS NULL
                AND (to_jsonb(NEW) - 'actor_id') = (to_jsonb(OLD) - 'actor_id') THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'restrict_violation';
    END;
    $$ LANGUAGE plpgsql
    """,
    f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}",
    f"""
    CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION {TABLE}_refuse_change()
    """,
]
POSTGRESQL_UNSEAL = [
    f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}",
    f"DROP FUNCTION IF EXISTS {TABLE}_refuse_change()",
]

SQLITE_TRIGGERS = ("no_update", "no_actor_change", "no_delete")
SQLITE_DELETE_TRIGGER = f"""
    CREATE TRIGGER IF NOT EXISTS {TABLE}_no_delete BEFORE DELETE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END
"""
SQLITE_SEAL = [
    f"""
    CREATE TRIGGER IF NOT EXISTS {TABLE}_no_update
    BEFORE UPDATE OF {", ".join(SEALED_COLUMNS)} ON {TABLE}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS {TABLE}_no_actor_change BEFORE UPDATE OF actor_id ON {TABLE}
    WHEN NEW.actor_id IS NOT NULL
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END
    """,
    SQLITE_DELETE_TRIGGER,
]
SQLITE_UNSEAL = [f"DROP TRIGGER IF EXISTS {TABLE}_{name}" for name in SQLITE_TRIGGERS]


def seal_sql(vendor):
    """The statements that make the table append-only on ``vendor``; none for an engine the
    platform does not support."""
    return {"postgresql": POSTGRESQL_SEAL, "sqlite": SQLITE_SEAL}.get(vendor, [])


def unseal_sql(vendor):
    return {"postgresql": POSTGRESQL_UNSEAL, "sqlite": SQLITE_UNSEAL}.get(vendor, [])
