"""Grants in the database (AC-04, AC-05, AC-09, AC-14): who may give them, revocation, expiry at read time."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.core.errors import DomainError, NotFound
from zorgvuldig.personen import selectors
from zorgvuldig.personen.services import registreer_persoon
from zorgvuldig.toegang import services
from zorgvuldig.toegang.models import Toegang

pytestmark = pytest.mark.django_db


@pytest.fixture
def sam(regio):
    return registreer_persoon(
        actor=regio.actor(regio.medewerker), data={"geslachtsnaam": "Jansen", "bsn_ontbreekt_reden": "test"}
    )


def test_ac_14_creator_gets_a_case_team_grant_with_reason(regio, sam):
    """AC-14: the access rests on an explicit grant with source, reason and validity."""
    grant = Toegang.objects.get(object_id=sam.pk)
    assert grant.bron == "casusteam" and grant.reden and grant.ontvanger_gebruiker == regio.medewerker
    assert grant.geldig_vanaf <= dt.date.today()


def test_ac_05_only_the_leidinggevende_grants_and_new_users_have_nothing(regio, sam, api):
    """AC-05: new users have no grants; a medewerker cannot grant; the leidinggevende can."""
    with pytest.raises(NotFound):
        selectors.persoon_of_404(regio.actor(regio.collega), sam.uuid)
    with pytest.raises(DomainError) as exc:
        services.verleen(
            actor=regio.actor(regio.medewerker),
            object=sam,
            bron="sectie",
            ontvanger_gebruiker=regio.collega,
            reden="Vervanging",
        )
    assert exc.value.code == "E_AC_NOT_AUTHORISED"
    assert AuditRegel.objects.filter(actie="toegang.verleend", status="geweigerd").exists()  # AU-04
    grant = services.verleen(
        actor=regio.actor(regio.leidinggevende),
        object=sam,
        bron="sectie",
        ontvanger_gebruiker=regio.collega,
        reden="Vervanging tijdens verlof",
    )
    _, gebruikt = selectors.persoon_of_404(regio.actor(regio.collega), sam.uuid)
    assert gebruikt == grant


def test_ac_14_revoked_grant_no_longer_gives_access(regio, sam):
    grant = services.verleen(
        actor=regio.actor(regio.leidinggevende),
        object=sam,
        bron="sectie",
        ontvanger_gebruiker=regio.collega,
        reden="Vervanging",
    )
    services.trek_in(actor=regio.actor(regio.leidinggevende), uuid=grant.uuid)
    with pytest.raises(NotFound):
        selectors.persoon_of_404(regio.actor(regio.collega), sam.uuid)
    with pytest.raises(DomainError) as exc:
        services.trek_in(actor=regio.actor(regio.leidinggevende), uuid=grant.uuid)
    assert exc.value.code == "E_STATE_CONFLICT"


def test_rt_12_grant_expires_at_midnight_without_any_job(regio, sam):
    """RT-12: a grant valid until a date stops working the next day in Europe/Amsterdam, no sweep needed."""
    tot = dt.date(2026, 6, 30)
    with time_machine.travel(dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC)):
        services.verleen(
            actor=regio.actor(regio.leidinggevende),
            object=sam,
            bron="sectie",
            ontvanger_gebruiker=regio.collega,
            reden="Tijdelijk",
            tot=tot,
        )
    with time_machine.travel(dt.datetime(2026, 6, 30, 21, 59, tzinfo=dt.UTC)):  # 23:59 in Amsterdam
        selectors.persoon_of_404(regio.actor(regio.collega), sam.uuid)
    with time_machine.travel(dt.datetime(2026, 6, 30, 22, 0, 1, tzinfo=dt.UTC)), pytest.raises(NotFound):
        selectors.persoon_of_404(regio.actor(regio.collega), sam.uuid)


def test_ac_09_statutory_grant_needs_authority_provision_purpose_and_end(regio, sam):
    """AC-09: FG records authority, provision, purpose and an end date ≤ 90 days; read-only."""
    fg = regio.actor(regio.fg)
    with pytest.raises(DomainError):
        services.verleen(
            actor=fg,
            object=sam,
            bron="wettelijk",
            ontvanger_gebruiker=regio.auditor,
            reden="Onderzoek",
            tot=dt.date.today() + dt.timedelta(days=30),
        )
    with pytest.raises(DomainError):
        services.verleen(
            actor=fg,
            object=sam,
            bron="wettelijk",
            ontvanger_gebruiker=regio.auditor,
            reden="Onderzoek",
            tot=dt.date.today() + dt.timedelta(days=120),
            wettelijk={"instantie": "Inspectie JenV", "bepaling": "Jeugdwet 9.1", "doel": "Toezicht"},
        )
    grant = services.verleen(
        actor=fg,
        object=sam,
        bron="wettelijk",
        ontvanger_gebruiker=regio.auditor,
        reden="Onderzoek",
        tot=dt.date.today() + dt.timedelta(days=30),
        wettelijk={"instantie": "Inspectie JenV", "bepaling": "Jeugdwet 9.1", "doel": "Toezicht"},
    )
    assert grant.rechten == ["lezen"]


def test_ac_14_only_grant_types_a_person_gives_can_be_given_by_hand(regio, sam):
    """AC-14: case-team, break-glass, sharing and allocation grants come from their processes only."""
    for bron in ("casusteam", "noodtoegang", "deelbesluit", "toedeling"):
        with pytest.raises(DomainError) as exc:
            services.verleen(
                actor=regio.actor(regio.leidinggevende),
                object=sam,
                bron=bron,
                ontvanger_gebruiker=regio.collega,
                reden="x",
            )
        assert exc.value.code == "E_INVALID_INPUT"


def test_ac_15_leidinggevende_of_another_organisation_cannot_grant(regio, sam):
    """AC-15: a leidinggevende acts for the own organisation only."""
    with pytest.raises(NotFound):
        services.verleen(
            actor=regio.actor(regio.school_lg),
            object=sam,
            bron="sectie",
            ontvanger_gebruiker=regio.leraar,
            reden="x",
        )


def test_ac_09_statutory_grant_only_to_users_of_the_own_controller(regio, sam):
    """AC-09: the FG cannot hand a statutory grant to a user of another controller."""
    with pytest.raises(DomainError) as exc:
        services.verleen(
            actor=regio.actor(regio.fg),
            object=sam,
            bron="wettelijk",
            ontvanger_gebruiker=regio.leraar,
            reden="Onderzoek",
            tot=dt.date.today() + dt.timedelta(days=30),
            wettelijk={"instantie": "Inspectie", "bepaling": "Jeugdwet 9.1", "doel": "Toezicht"},
        )
    assert exc.value.invalid_params[0].name == "gebruiker"


def test_au_04_refusal_on_a_visible_person_names_it_in_its_audit_trail(regio, sam, api):
    """AU-04: a refused change to a person one may only read is logged with that person as subject."""
    services.verleen(
        actor=regio.actor(regio.leidinggevende),
        object=sam,
        bron="sectie",
        ontvanger_gebruiker=regio.collega,
        reden="Meelezen",
    )
    r = api(regio.collega).patch(f"/api/v1/personen/{sam.uuid}", {"telefoon": "+31600000000"}, format="json")
    assert r.status_code == 403 and r.json()["code"] == "E_AC_NOT_AUTHORISED"
    regel = AuditRegel.objects.get(status="geweigerd", actie="persoon.gewijzigd")
    assert regel.object_uuid == str(sam.uuid) and regel.betrokkene and regel.code == "E_AC_NOT_AUTHORISED"
