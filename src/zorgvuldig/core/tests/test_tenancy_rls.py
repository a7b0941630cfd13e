"""AC-15 second line of defence: PostgreSQL row-level security as the runtime role (ADR 0002).

Runs in the PostgreSQL pass only (the conftest runs each test as the runtime role there).
"""

from __future__ import annotations

import pytest
from django.db import connection

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.core import tenancy
from zorgvuldig.core.context import Actor
from zorgvuldig.personen.models import Persoon
from zorgvuldig.personen.services import registreer_persoon
from zorgvuldig.toegang.services import verleen_intern

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def _runtime_role() -> str:
    with connection.cursor() as cur:
        cur.execute("SELECT current_user")
        return cur.fetchone()[0]


def test_ac_15_query_that_forgets_the_filter_returns_nothing_of_another_organisation(regio):
    assert _runtime_role() != "postgres", "tests must run as the runtime role"
    eigen = registreer_persoon(
        actor=regio.actor(regio.medewerker), data={"geslachtsnaam": "Eigen", "bsn_ontbreekt_reden": "t"}
    )
    ander = registreer_persoon(
        actor=regio.actor(regio.leraar), data={"geslachtsnaam": "Ander", "bsn_ontbreekt_reden": "t"}
    )
    tenancy.activeer(regio.actor(regio.medewerker))
    assert list(Persoon.objects.all()) == [eigen]  # no filter at all: RLS still narrows
    tenancy.activeer(regio.actor(regio.leraar))
    assert list(Persoon.objects.all()) == [ander]
    tenancy.activeer(None)
    assert not Persoon.objects.exists()  # no context: fail closed
    tenancy.activeer(Actor.systeem())
    assert Persoon.objects.count() == 2


def test_ac_15_a_grant_opens_exactly_the_granted_row_to_another_organisation(regio):
    eigen = registreer_persoon(
        actor=regio.actor(regio.medewerker), data={"geslachtsnaam": "Eigen", "bsn_ontbreekt_reden": "t"}
    )
    registreer_persoon(
        actor=regio.actor(regio.medewerker), data={"geslachtsnaam": "Nog een", "bsn_ontbreekt_reden": "t"}
    )
    verleen_intern(
        actor=regio.actor(regio.leidinggevende),
        object=eigen,
        bron="toedeling",
        reden="Toedeling",
        ontvanger_gebruiker=regio.leraar,
    )
    tenancy.activeer(regio.actor(regio.leraar))
    assert list(Persoon.objects.all()) == [eigen]


def test_au_03_runtime_role_cannot_update_or_delete_audit_rows(regio):
    """AU-03: the runtime role may only INSERT into the audit log."""
    from django.db import DatabaseError, transaction

    registreer_persoon(
        actor=regio.actor(regio.medewerker), data={"geslachtsnaam": "X", "bsn_ontbreekt_reden": "t"}
    )
    for sql in (
        "UPDATE audit_auditregel SET actie = 'x'",
        "DELETE FROM audit_auditregel",
        "TRUNCATE audit_auditregel",
        "DELETE FROM audit_zegel",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
            cur.execute(sql)
    assert AuditRegel.objects.exists()
