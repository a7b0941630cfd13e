"""AC-11 break-glass: concrete indications required, today only, reviewed by the leidinggevende."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.core.errors import DomainError, NotFound
from zorgvuldig.personen import selectors
from zorgvuldig.personen.services import registreer_persoon
from zorgvuldig.toegang import services

pytestmark = pytest.mark.django_db
REDEN = "Verwijzer meldt dat vader gisteren dreigde de partner iets aan te doen; politie is ingelicht."


@pytest.fixture
def vader(regio):
    return registreer_persoon(
        actor=regio.actor(regio.medewerker), data={"geslachtsnaam": "Vader", "bsn_ontbreekt_reden": "test"}
    )


def test_ac_11_breakglass_needs_concrete_indications(regio, vader):
    actor = regio.actor(regio.collega)
    for reden, voor in (("Zorgen", ["gezin"]), (REDEN, []), (REDEN, ["iedereen"])):
        with pytest.raises(DomainError) as exc:
            services.noodtoegang(actor=actor, object=vader, reden=reden, dreiging_voor=voor)
        assert exc.value.code == "E_AC_BREAKGLASS_REASON"
    with pytest.raises(NotFound):
        selectors.persoon_of_404(actor, vader.uuid)
    assert AuditRegel.objects.filter(actie="toegang.noodtoegang", status="geweigerd").count() == 3


def test_ac_11_breakglass_gives_read_access_for_today_and_a_review_deadline(regio, vader):
    """The grant ends at midnight; the leidinggevende reviews within 2 working days."""
    actor = regio.actor(regio.collega)
    with time_machine.travel(dt.datetime(2026, 4, 2, 9, tzinfo=dt.UTC)):  # Maundy Thursday
        grant = services.noodtoegang(actor=actor, object=vader, reden=REDEN, dreiging_voor=["gezin"])
        _, gebruikt = selectors.persoon_of_404(actor, vader.uuid)
        assert gebruikt == grant and grant.rechten == ["lezen"]
        open_ = list(services.open_noodtoegangen(regio.actor(regio.leidinggevende)))
        assert [n.toegang for n in open_] == [grant]
        assert open_[0].beoordelen_voor == dt.date(2026, 4, 8)  # Good Friday and Easter Monday skipped
    with time_machine.travel(dt.datetime(2026, 4, 3, 9, tzinfo=dt.UTC)), pytest.raises(NotFound):
        selectors.persoon_of_404(actor, vader.uuid)


def test_ac_11_review_by_the_leidinggevende_only_once_and_not_of_own_access(regio, vader):
    grant = services.noodtoegang(
        actor=regio.actor(regio.collega), object=vader, reden=REDEN, dreiging_voor=["gezin", "anderen"]
    )
    with pytest.raises(DomainError):
        services.beoordeel_noodtoegang(
            actor=regio.actor(regio.medewerker), uuid=grant.uuid, akkoord=True, toelichting=""
        )
    with pytest.raises(NotFound):
        services.beoordeel_noodtoegang(
            actor=regio.actor(regio.school_lg), uuid=grant.uuid, akkoord=True, toelichting=""
        )
    row = services.beoordeel_noodtoegang(
        actor=regio.actor(regio.leidinggevende),
        uuid=grant.uuid,
        akkoord=True,
        toelichting="Terecht: acuut risico",
    )
    assert row.akkoord and row.beoordeeld_door == regio.leidinggevende
    with pytest.raises(DomainError) as exc:
        services.beoordeel_noodtoegang(
            actor=regio.actor(regio.leidinggevende), uuid=grant.uuid, akkoord=False, toelichting=""
        )
    assert exc.value.code == "E_STATE_CONFLICT"
    assert not list(services.open_noodtoegangen(regio.actor(regio.leidinggevende)))


def test_ac_11_no_breakglass_into_another_organisation(regio, vader):
    with pytest.raises(NotFound):
        services.noodtoegang(
            actor=regio.actor(regio.leraar), object=vader, reden=REDEN, dreiging_voor=["gezin"]
        )
    with pytest.raises(DomainError):
        services.noodtoegang(
            actor=regio.actor(regio.beheerder), object=vader, reden=REDEN, dreiging_voor=["gezin"]
        )


def test_ac_11_unjustified_ends_the_access_at_once_and_the_log_names_the_outcome(regio, vader):
    """Judged "not justified", the break-glass grant ends now (not at midnight), audited; the review's
    entry names its outcome in its action, and the reviewer's explanation is required."""
    actor = regio.actor(regio.collega)
    grant = services.noodtoegang(actor=actor, object=vader, reden=REDEN, dreiging_voor=["gezin"])
    selectors.persoon_of_404(actor, vader.uuid)  # reachable under the break-glass
    lg = regio.actor(regio.leidinggevende)
    with pytest.raises(DomainError) as exc:
        services.beoordeel_noodtoegang(actor=lg, uuid=grant.uuid, akkoord=False, toelichting=" ")
    assert exc.value.code == "E_INVALID_INPUT"
    grant.refresh_from_db()
    assert grant.ingetrokken_op is None and not grant.noodtoegang.beoordeeld_op  # nothing changed
    row = services.beoordeel_noodtoegang(
        actor=lg, uuid=grant.uuid, akkoord=False, toelichting="Geen acute dreiging"
    )
    grant.refresh_from_db()
    assert grant.ingetrokken_op is not None and grant.ingetrokken_door == regio.leidinggevende
    assert not grant.geldig(dt.date.today()) and row.beoordeeld_door == regio.leidinggevende
    with pytest.raises(NotFound):
        selectors.persoon_of_404(actor, vader.uuid)  # the same day: access is gone
    oordeel = AuditRegel.objects.get(actie="toegang.noodtoegang_niet_terecht")
    assert oordeel.object_uuid == str(grant.uuid) and oordeel.betrokkene  # in the person's own trail
    assert "Geen acute dreiging" not in str(oordeel.velden)
    einde = AuditRegel.objects.get(actie="toegang.ingetrokken", object_uuid=str(grant.uuid))
    assert einde.actor_gebruiker == str(regio.leidinggevende.uuid)
    assert not AuditRegel.objects.filter(actie="toegang.noodtoegang_beoordeeld", status="uitgevoerd")


def test_ac_11_justified_keeps_the_day_and_a_late_unjustified_review_ends_nothing(regio, vader):
    actor = regio.actor(regio.collega)
    lg = regio.actor(regio.leidinggevende)
    with time_machine.travel(dt.datetime(2026, 4, 2, 9, tzinfo=dt.UTC)):
        eerste = services.noodtoegang(actor=actor, object=vader, reden=REDEN, dreiging_voor=["gezin"])
        services.beoordeel_noodtoegang(actor=lg, uuid=eerste.uuid, akkoord=True, toelichting="")
        selectors.persoon_of_404(actor, vader.uuid)  # still reachable today
        assert AuditRegel.objects.filter(actie="toegang.noodtoegang_terecht").count() == 1
        tweede = services.noodtoegang(actor=actor, object=vader, reden=REDEN, dreiging_voor=["client"])
    with time_machine.travel(dt.datetime(2026, 4, 7, 9, tzinfo=dt.UTC)):  # expired at midnight already
        services.beoordeel_noodtoegang(actor=lg, uuid=tweede.uuid, akkoord=False, toelichting="Te ruim")
    tweede.refresh_from_db()
    assert tweede.ingetrokken_op is None  # it ended by its date; no second end
    assert not AuditRegel.objects.filter(actie="toegang.ingetrokken", object_uuid=str(tweede.uuid))


def test_ac_11_fg_finds_break_glass_grants_by_source_and_review_status(regio, vader, api):
    """API: `bron` and `beoordeling` filter the grants; a break-glass grant carries its review (who,
    when, outcome, deadline); an unknown value is a 400 that names it."""
    actor = regio.actor(regio.collega)
    with time_machine.travel(dt.datetime(2026, 4, 2, 9, tzinfo=dt.UTC)):
        oud = services.noodtoegang(actor=actor, object=vader, reden=REDEN, dreiging_voor=["gezin"])
    with time_machine.travel(dt.datetime(2026, 4, 9, 9, tzinfo=dt.UTC)):
        nieuw = services.noodtoegang(actor=actor, object=vader, reden=REDEN, dreiging_voor=["client"])
        afgewezen = services.noodtoegang(actor=actor, object=vader, reden=REDEN, dreiging_voor=["team"])
        services.beoordeel_noodtoegang(
            actor=regio.actor(regio.leidinggevende), uuid=afgewezen.uuid, akkoord=False, toelichting="Nee"
        )
        client = api(regio.fg)

        def uuids(query):
            r = client.get(f"/api/v1/toegangen?{query}&pageSize=100")
            assert r.status_code == 200, r.content
            return {t["uuid"] for t in r.json()["results"]}

        assert uuids("bron=noodtoegang") == {str(oud.uuid), str(nieuw.uuid), str(afgewezen.uuid)}
        assert str(oud.uuid) not in uuids("bron=casusteam")
        assert uuids("beoordeling=te_laat") == {str(oud.uuid)}  # deadline 8 April passed
        assert uuids("beoordeling=open") == {str(nieuw.uuid)}
        assert uuids("beoordeling=niet_terecht") == {str(afgewezen.uuid)}
        assert uuids("beoordeling=terecht") == set()
        r = client.get("/api/v1/toegangen?bron=onbekend")
        assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "bron"
        item = client.get(f"/api/v1/toegangen/{afgewezen.uuid}").json()
        assert item["geldig"] is False and item["ingetrokkenOp"]
        assert item["noodtoegang"]["beoordeling"] == "niet_terecht"
        assert item["noodtoegang"]["beoordeeldDoor"] == str(regio.leidinggevende.uuid)
        assert item["noodtoegang"]["beoordeeldOp"] and item["noodtoegang"]["toelichting"] == "Nee"
        assert item["noodtoegang"]["dreigingVoor"] == ["team"]
        open_ = client.get(f"/api/v1/toegangen/{nieuw.uuid}").json()["noodtoegang"]
        assert open_["beoordeling"] == "open" and open_["beoordelenVoor"] == "2026-04-13"
        assert open_["beoordeeldDoor"] is None
        ander = AuditRegel.objects.filter(actie="toegang.ingezien").latest("id")
        assert "beoordeling" in ander.velden
        casus = client.get("/api/v1/toegangen?bron=casusteam").json()["results"]
        assert casus and all(t["noodtoegang"] is None for t in casus)
