"""Database-level safeguards: runtime-role privileges, row-level security, append-only triggers."""

from __future__ import annotations

from django.conf import settings
from django.db import connections

# Tables the runtime role may only read and append to (AU-03).
APPEND_ONLY = ["audit_auditregel", "audit_zegel", "audit_controlepunt"]

RLS_ORGANISATIE = "NULLIF(current_setting('zorgvuldig.organisatie', true), '')::bigint"
RLS_GEBRUIKER = "NULLIF(current_setting('zorgvuldig.gebruiker', true), '')::bigint"
RLS_FG = "NULLIF(current_setting('zorgvuldig.fg_verantwoordelijke', true), '')::bigint"
RLS_SYSTEEM = "current_setting('zorgvuldig.systeem', true) = 'aan'"
RLS_VANDAAG = "(now() AT TIME ZONE 'Europe/Amsterdam')::date"


def _grant_op(object_type: str, id_expr: str) -> str:
    """A grant valid today (Europe/Amsterdam) on row `id_expr` of `object_type` naming the actor."""
    return f"""EXISTS (
        SELECT 1 FROM toegang_toegang t
        WHERE t.object_type = '{object_type}' AND t.object_id = {id_expr} AND t.ingetrokken_op IS NULL
          AND t.geldig_vanaf <= {RLS_VANDAAG} AND (t.geldig_tot IS NULL OR t.geldig_tot >= {RLS_VANDAAG})
          AND (t.ontvanger_organisatie_id = {RLS_ORGANISATIE} OR t.ontvanger_gebruiker_id = {RLS_GEBRUIKER})
    )"""


def rls_sql(table: str, object_type: str, ouder: tuple[str, str] | None = None) -> str:
    """Row-level security for a protected table: own organisation, a valid grant, the FG's own controller,
    or the system context. `ouder` = (object type, column): a grant on the parent row also opens this
    one (a case table's participants reach its contributions through their grant on the case).

    A second line of defence behind the selectors (DESIGN §4 Tenancy): a query that forgets the
    organisation filter still returns nothing of another organisation. The owner role (migrations)
    is not subject to it; the runtime role is.
    """
    via_ouder = f"\n    OR {_grant_op(ouder[0], f'{table}.{ouder[1]}')}" if ouder else ""
    return f"""
ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenancy ON {table};
CREATE POLICY tenancy ON {table} USING (
    {RLS_SYSTEEM}
    OR organisatie_id = {RLS_ORGANISATIE}
    OR verwerkingsverantwoordelijke_id = {RLS_FG}
    OR {_grant_op(object_type, f"{table}.id")}{via_ouder}
);
"""


# The grant table itself: the granting organisation, the FG's controller, and the grantees see a grant.
RLS_TOEGANG = f"""
ALTER TABLE toegang_toegang ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenancy ON toegang_toegang;
CREATE POLICY tenancy ON toegang_toegang USING (
    {RLS_SYSTEEM}
    OR organisatie_id = {RLS_ORGANISATIE}
    OR verwerkingsverantwoordelijke_id = {RLS_FG}
    OR ontvanger_organisatie_id = {RLS_ORGANISATIE}
    OR ontvanger_gebruiker_id = {RLS_GEBRUIKER}
);
"""


def rls_reverse_sql(table: str) -> str:
    return f"DROP POLICY IF EXISTS tenancy ON {table}; ALTER TABLE {table} DISABLE ROW LEVEL SECURITY;"


SQLITE_APPEND_ONLY = "\n".join(
    f"""CREATE TRIGGER IF NOT EXISTS {t}_geen_update BEFORE UPDATE ON {t}
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS {t}_geen_delete BEFORE DELETE ON {t}
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;"""
    for t in APPEND_ONLY
)
# Every entry is queued for the sequencer by the database itself, in the inserting statement: no code
# path can write an entry and forget to queue it, and the write path saves a round trip (ADR 0004).
SQLITE_QUEUE = """CREATE TRIGGER IF NOT EXISTS audit_auditregel_wachtrij AFTER INSERT ON audit_auditregel
BEGIN INSERT INTO audit_wachtrij (regel_id) VALUES (NEW.id); END;"""
PG_QUEUE = """
CREATE OR REPLACE FUNCTION zorgvuldig_audit_wachtrij() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN INSERT INTO audit_wachtrij (regel_id) VALUES (NEW.id); RETURN NULL; END $$;
DROP TRIGGER IF EXISTS audit_auditregel_wachtrij ON audit_auditregel;
CREATE TRIGGER audit_auditregel_wachtrij AFTER INSERT ON audit_auditregel
    FOR EACH ROW EXECUTE FUNCTION zorgvuldig_audit_wachtrij();
"""
SQLITE_QUEUE_REVERSE = "DROP TRIGGER IF EXISTS audit_auditregel_wachtrij;"
PG_QUEUE_REVERSE = "DROP TRIGGER IF EXISTS audit_auditregel_wachtrij ON audit_auditregel;"

SQLITE_APPEND_ONLY_REVERSE = "\n".join(
    f"DROP TRIGGER IF EXISTS {t}_geen_update; DROP TRIGGER IF EXISTS {t}_geen_delete;" for t in APPEND_ONLY
)
PG_APPEND_ONLY = """
CREATE OR REPLACE FUNCTION zorgvuldig_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit log is append-only'; END $$;
""" + "\n".join(
    f"DROP TRIGGER IF EXISTS {t}_geen_update ON {t};\n"
    f"CREATE TRIGGER {t}_geen_update BEFORE UPDATE ON {t} FOR EACH ROW "
    "EXECUTE FUNCTION zorgvuldig_append_only();"
    for t in APPEND_ONLY
)
PG_APPEND_ONLY_REVERSE = "\n".join(f"DROP TRIGGER IF EXISTS {t}_geen_update ON {t};" for t in APPEND_ONLY)


def rechten_runtime_rol(using: str = "default", **_kwargs) -> None:
    """post_migrate: give the runtime role what it needs and no more (ADR 0002, AU-03).

    SELECT/INSERT/UPDATE/DELETE on the application's tables, but only SELECT/INSERT on the audit log,
    its seals and checkpoints. Migrations themselves run as the owner role.
    """
    role = settings.DB_RUNTIME_ROLE
    conn = connections[using]
    if conn.vendor != "postgresql" or not role:
        return
    with conn.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
        if cur.fetchone() is None:
            from django.core.exceptions import ImproperlyConfigured

            # Without the grants the application cannot run as that role; fail the migration loudly.
            raise ImproperlyConfigured(f"ZORGVULDIG_DB_RUNTIME_ROLE {role!r} does not exist: create it first")
        quoted = conn.ops.quote_name(role)
        cur.execute(f"GRANT USAGE ON SCHEMA public TO {quoted}")
        cur.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quoted}")
        cur.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted}")
        for table in APPEND_ONLY:
            cur.execute(f"REVOKE UPDATE, DELETE, TRUNCATE ON {table} FROM {quoted}")


def append_only_sqlite(using: str = "default", **_kwargs) -> None:
    """post_migrate: (re)create the SQLite append-only triggers. The migration creates them; this puts
    them back after a test run's flush, which must drop them to empty the tables (see conftest)."""
    conn = connections[using]
    if conn.vendor == "sqlite":
        with conn.cursor() as cur:
            for statement in (SQLITE_APPEND_ONLY + "\n" + SQLITE_QUEUE).split("END;"):
                if statement.strip():
                    cur.execute(statement + "END;")
