"""The acting organisation on the database connection: PostgreSQL row-level security's input (ADR 0002).

Selectors and services call `activeer(actor)`; it sets `zorgvuldig.organisatie`/`zorgvuldig.gebruiker`
(or `zorgvuldig.systeem`) for the connection. The middleware clears them after each request, so a
reused connection never carries one request's organisation into the next.
"""

from __future__ import annotations

import contextlib

from django.db import DatabaseError, connection

_ATTR = "_zorgvuldig_tenancy"


def _waarden(actor) -> tuple[str, str, str, str]:
    """(organisation, user, system, FG's controller) for the row-level-security policies."""
    if actor is None:
        return ("", "", "", "")
    if actor.is_systeem:
        return ("", "", "aan", "")
    fg = str(actor.verwerkingsverantwoordelijke_id) if "fg" in actor.rollen else ""
    return (str(actor.organisatie.pk), str(actor.gebruiker.pk), "", fg)


def activeer(actor) -> None:
    if connection.vendor != "postgresql":
        return
    _zet(_waarden(actor))


def _zet(waarden: tuple[str, str, str, str]) -> None:
    conn = connection.connection
    if conn is not None and getattr(connection, _ATTR, None) == (id(conn), waarden):
        return
    with connection.cursor() as cur:
        cur.execute(
            "SELECT set_config('zorgvuldig.organisatie', %s, false), "
            "set_config('zorgvuldig.gebruiker', %s, false),"
            " set_config('zorgvuldig.systeem', %s, false),"
            " set_config('zorgvuldig.fg_verantwoordelijke', %s, false)",
            list(waarden),
        )
    setattr(connection, _ATTR, (id(connection.connection), waarden))


def wis() -> None:
    """Forget the acting organisation (end of request)."""
    if connection.vendor == "postgresql" and connection.connection is not None:
        activeer(None)


@contextlib.contextmanager
def systeem():
    """Run a block in the system context and restore the acting organisation afterwards.

    Only for the platform's own cross-organisation processing that the SPEC assigns to the system, such
    as verwijsindex matching (VI-11, ADR 0009): selectors never use it to widen what a user sees."""
    from zorgvuldig.core.context import Actor

    if connection.vendor != "postgresql":
        yield
        return
    vorige = getattr(connection, _ATTR, None)
    activeer(Actor.systeem())
    try:
        yield
    finally:
        try:
            if vorige is not None and vorige[0] == id(connection.connection):
                _zet(vorige[1])
            else:
                activeer(None)
        except DatabaseError:
            # The block's transaction failed; its rollback restores the settings in the database, so
            # forget what we believe is set and let the next `activeer` set it again.
            setattr(connection, _ATTR, None)
