"""Database-level safeguards: runtime-role privileges, row-level security, append-only triggers."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import connections
from django.utils import timezone

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


# --- which role the application runs as (docs/operators.md "owner role and runtime role") -------------


def rol_bezwaren(rol: str, *, superuser: bool, bypassrls: bool, eigen_tabellen: list[str]) -> list[str]:
    """Why the database role `rol` must not serve the application, or []: row-level security does not
    apply to a superuser, to a role with BYPASSRLS or to the owner of a table (or a role with the owner's
    rights), and only a non-owner is held to INSERT/SELECT on the audit log (ADR 0002, AU-03)."""
    bezwaren = []
    if superuser:
        bezwaren.append(f"database role {rol!r} is a superuser")
    if bypassrls:
        bezwaren.append(f"database role {rol!r} has BYPASSRLS")
    if eigen_tabellen and not superuser:
        voorbeelden = ", ".join(eigen_tabellen[:3]) + (", …" if len(eigen_tabellen) > 3 else "")
        bezwaren.append(
            f"database role {rol!r} owns (or has the rights of the owner of) {len(eigen_tabellen)} "
            f"protected tables ({voorbeelden})"
        )
    return bezwaren


# The tables row-level security or the audit log's INSERT-only rights protect; pg_has_role(… 'USAGE'):
# the role is their owner or inherits the owner's rights, which is the same for RLS.
_ROL_SQL = """
SELECT r.rolname, r.rolsuper, r.rolbypassrls, ARRAY(
    SELECT c.relname::text FROM pg_class c
    WHERE c.relkind IN ('r', 'p') AND (c.relrowsecurity OR c.relname::text = ANY(%s::text[]))
      AND pg_has_role(current_user, c.relowner, 'USAGE')
    ORDER BY c.relname
)
FROM pg_roles r WHERE r.rolname = current_user
"""


def runtime_rol_bezwaren(using: str = "default") -> list[str] | None:
    """What is wrong with the role this process connects as, [] if nothing; None where it is not checked:
    outside production mode (tests and benchmarks connect as the owner) and on SQLite."""
    conn = connections[using]
    if not settings.PRODUCTION or conn.vendor != "postgresql":
        return None
    with conn.cursor() as cur:
        cur.execute(_ROL_SQL, [APPEND_ONLY])
        rol, superuser, bypassrls, tabellen = cur.fetchone()
    return rol_bezwaren(rol, superuser=superuser, bypassrls=bypassrls, eigen_tabellen=list(tabellen))


def runtime_rol_waarschuwing(rol: str, andere_rollen: list[str]) -> str | None:
    """`migrate` in production without ZORGVULDIG_DB_RUNTIME_ROLE: the grants were skipped, so tables this
    run created are closed to the application (500s). The roles that already hold rights are named."""
    if rol:
        return None
    tekst = (
        "WARNING: ZORGVULDIG_DB_RUNTIME_ROLE is not set, so this migrate gave the runtime role no rights: "
        "tables it created or changed stay closed to the application (errors 500)."
    )
    if andere_rollen:
        tekst += f" Roles that hold rights on the tables now: {', '.join(andere_rollen)}."
    return tekst + " Run `zorgvuldig migrate` again with ZORGVULDIG_DB_RUNTIME_ROLE=<runtime role> set."


def migrate_waarschuwing(using: str = "default") -> str | None:
    """What `migrate` says at the end (core/management/commands/migrate.py): only in production mode on
    PostgreSQL, where the grants matter."""
    from django.db import DatabaseError

    if not settings.PRODUCTION or connections[using].vendor != "postgresql" or settings.DB_RUNTIME_ROLE:
        return None
    try:
        andere = rollen_met_tabelrechten(using)
    except DatabaseError:
        andere = []
    return runtime_rol_waarschuwing(settings.DB_RUNTIME_ROLE, andere)


def rollen_met_tabelrechten(using: str = "default") -> list[str]:
    """Other roles with rights on the application's tables (the runtime role after an earlier migrate)."""
    with connections[using].cursor() as cur:
        cur.execute(
            "SELECT DISTINCT grantee::text FROM information_schema.role_table_grants "
            "WHERE table_schema = current_schema() AND grantee NOT IN (current_user, 'PUBLIC') "
            "ORDER BY 1"
        )
        return [row[0] for row in cur.fetchall()]


# --- how far a poller may read (docs/integrators.md "Polling for matches", ADR 0006 item 40) -----------

# Client sessions of this database with an open transaction, other than the asking one. Other roles'
# sessions show no `xact_start` without pg_read_all_stats; the application writes as one role.
_OUDSTE_OPEN_TRANSACTIE = """
SELECT LEAST(clock_timestamp(), min(xact_start)) FROM pg_stat_activity
WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()
  AND xact_start IS NOT NULL
"""


def vastgelegd_tot(using: str = "default") -> dt.datetime:
    """A moment up to which every change stamped `gewijzigd` has committed, so a cursor may move up to it.

    `gewijzigd` is stamped inside the writing transaction, before its commit: a change stamped at t that
    commits after a poll which read up to a later change would otherwise fall behind that poller's cursor
    and never be read. On PostgreSQL the horizon is the start of the oldest transaction still open (it may
    yet commit changes stamped after its start); SQLite serialises its writers and has no such view. Less
    a margin (`API_POLL_SETTLE_MS`) for a stamp taken just before its transaction's first statement and
    for the clock difference between application servers and the database."""
    conn = connections[using]
    moment = timezone.now()
    if conn.vendor == "postgresql":
        with conn.cursor() as cur:
            # the activity view is read once per transaction: read it afresh inside a longer one
            cur.execute("SELECT pg_stat_clear_snapshot()")
            cur.execute(_OUDSTE_OPEN_TRANSACTIE)
            moment = cur.fetchone()[0]
    return moment - dt.timedelta(milliseconds=settings.API_POLL_SETTLE_MS)
