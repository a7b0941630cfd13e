"""RP-06: access-pattern monitoring stays off until an approved DPIA and the works council's consent exist;
the daily job turns real audit entries into alerts for the FG, once per day; the FG reviews them."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.conftest import maak_gebruiker
from zorgvuldig.core.errors import DomainError, NotFound
from zorgvuldig.registers.models import Dpia
from zorgvuldig.toegang import services as toegang
from zorgvuldig.toegangsbewaking import selectors, services
from zorgvuldig.toegangsbewaking.models import Bewaking, Signalering
from zorgvuldig.toegangsbewaking.tests.hulp import (
    AAN,
    DAG,
    VOLGENDE_DAG,
    aanzetten,
    als_systeem,
    dpia,
    instemming,
    op,
    persoon,
)

pytestmark = pytest.mark.django_db
REDEN = "Verwijzer meldt dat vader gisteren dreigde de partner iets aan te doen; politie is ingelicht."


def _signaleringen(**filters) -> list[Signalering]:
    als_systeem()
    return list(Signalering.objects.filter(**filters).order_by("soort", "id"))


# --- activation ---------------------------------------------------------------------------------------


def test_rp_06_activation_refused_without_dpia(regio):
    instemming(regio)
    with pytest.raises(DomainError) as exc:
        services.activeer(actor=regio.actor(regio.fg))
    assert exc.value.code == "E_RP_MONITORING_NOT_APPROVED"
    assert exc.value.status == 409
    assert "DPIA" in exc.value.detail and "ondernemingsraad" not in exc.value.detail
    assert not Bewaking.objects.filter(actief=True).exists()
    geweigerd = AuditRegel.objects.filter(actie="toegangsbewaking.geactiveerd", status="geweigerd")
    assert list(geweigerd.values_list("code", flat=True)) == ["E_RP_MONITORING_NOT_APPROVED"]


def test_rp_06_activation_refused_without_works_council_consent(regio):
    dpia(regio.gemeente)
    with pytest.raises(DomainError) as exc:
        services.activeer(actor=regio.actor(regio.fg))
    assert exc.value.code == "E_RP_MONITORING_NOT_APPROVED"
    assert "ondernemingsraad" in exc.value.detail and "DPIA" not in exc.value.detail
    assert not Bewaking.objects.exists()


def test_rp_06_a_dpia_not_yet_approved_does_not_count(regio):
    instemming(regio)
    rij = dpia(regio.gemeente, Dpia.Status.CONCEPT)
    for status in (Dpia.Status.CONCEPT, Dpia.Status.GEADVISEERD, Dpia.Status.IN_HERZIENING):
        Dpia.objects.filter(pk=rij.pk).update(status=status)
        with pytest.raises(DomainError) as exc:
            services.activeer(actor=regio.actor(regio.fg))
        assert exc.value.code == "E_RP_MONITORING_NOT_APPROVED"


def test_rp_06_another_controllers_dpia_and_consent_do_not_count(regio):
    fg_school = maak_gebruiker(regio.school, "fg@hetbaken.example.org", ["fg"], naam="Bram Smit")
    dpia(regio.school_vv)
    instemming(regio, fg_school)
    with pytest.raises(DomainError) as exc:
        services.activeer(actor=regio.actor(regio.fg))
    assert exc.value.code == "E_RP_MONITORING_NOT_APPROVED"
    assert "DPIA" in exc.value.detail and "ondernemingsraad" in exc.value.detail


def test_rp_06_activation_allowed_with_both_and_audited(regio):
    bewaking = aanzetten(regio)
    assert bewaking.actief and bewaking.geactiveerd_door == regio.fg and bewaking.geactiveerd_op == AAN
    assert bewaking.max_personen_per_dag == 50
    assert (bewaking.werktijd_van, bewaking.werktijd_tot) == (dt.time(7), dt.time(19))
    assert bewaking.dpia is not None and bewaking.instemming is not None
    assert AuditRegel.objects.filter(actie="toegangsbewaking.geactiveerd", status="uitgevoerd").count() == 1
    # a second activation changes thresholds, keeps the moment of activation
    weer = services.activeer(actor=regio.actor(regio.fg), max_personen=20)
    assert weer.max_personen_per_dag == 20 and weer.geactiveerd_op == AAN


def test_rp_06_thresholds_are_checked(regio):
    dpia(regio.gemeente)
    instemming(regio)
    with pytest.raises(DomainError) as exc:
        services.activeer(actor=regio.actor(regio.fg), werktijd_van=dt.time(19), werktijd_tot=dt.time(7))
    assert exc.value.code == "E_INVALID_INPUT"
    with pytest.raises(DomainError):
        services.activeer(actor=regio.actor(regio.fg), max_personen=0)
    assert not Bewaking.objects.exists()


def test_rp_06_only_the_fg_manages_monitoring(regio):
    dpia(regio.gemeente)
    for wie in (regio.leidinggevende, regio.medewerker, regio.beheerder, regio.auditor):
        with pytest.raises(DomainError) as exc:
            services.activeer(actor=regio.actor(wie))
        assert exc.value.code == "E_AC_NOT_AUTHORISED"
        with pytest.raises(DomainError):
            instemming(regio, wie)
    assert not Bewaking.objects.exists()


def test_rp_06_consent_input_is_checked(regio):
    actor = regio.actor(regio.fg)
    with pytest.raises(DomainError) as exc:
        services.leg_instemming_vast(actor=actor, datum=None, kenmerk=" ")
    assert {p.name for p in exc.value.invalid_params} == {"datum", "kenmerk"}
    with pytest.raises(DomainError):
        services.leg_instemming_vast(actor=actor, datum=dt.date(2026, 1, 1), kenmerk="x" * 101)
    with pytest.raises(DomainError):
        services.leg_instemming_vast(
            actor=actor, datum=dt.date(2026, 1, 1), kenmerk="OR-1", omschrijving="x" * 501
        )


def test_rp_06_deactivation_always_allowed_and_only_once(regio):
    aanzetten(regio)
    uit = services.deactiveer(actor=regio.actor(regio.fg))
    assert not uit.actief and uit.gedeactiveerd_door == regio.fg
    with pytest.raises(DomainError) as exc:
        services.deactiveer(actor=regio.actor(regio.fg))
    assert exc.value.code == "E_STATE_CONFLICT"


# --- the daily job -------------------------------------------------------------------------------------


def _werkdag(regio):
    """Real work on DAG through the real services: registrations at 10:00, one at 20:30, a break-glass."""
    with op(DAG, 10):
        familie = persoon(regio, regio.medewerker, "El Amrani")  # the medewerker is Fatima El Amrani
        anderen = [persoon(regio, regio.medewerker, naam) for naam in ("Jansen", "Visser")]
    with op(DAG, 11):
        toegang.noodtoegang(
            actor=regio.actor(regio.collega), object=anderen[0], reden=REDEN, dreiging_voor=["gezin"]
        )
    with op(DAG, 20, 30):
        laat = persoon(regio, regio.leidinggevende, "Smit")
    return familie, anderen, laat


def test_rp_06_job_creates_nothing_while_monitoring_is_off(regio):
    dpia(regio.gemeente)
    instemming(regio)  # conditions met, but never switched on
    _werkdag(regio)
    assert services.dagelijks(VOLGENDE_DAG)["aangemaakt"] == 0
    assert _signaleringen() == []


def test_rp_06_job_creates_nothing_after_deactivation(regio):
    aanzetten(regio)
    services.deactiveer(actor=regio.actor(regio.fg))
    _werkdag(regio)
    services.dagelijks(VOLGENDE_DAG)
    assert _signaleringen() == []


def test_rp_06_job_skips_a_controller_whose_dpia_is_under_review(regio):
    aanzetten(regio)
    _werkdag(regio)
    Dpia.objects.filter(verwerkingsverantwoordelijke=regio.gemeente).update(status=Dpia.Status.IN_HERZIENING)
    uitkomst = services.dagelijks(VOLGENDE_DAG)
    assert uitkomst["overgeslagen"] == 1 and uitkomst["aangemaakt"] == 0
    assert _signaleringen() == []


def test_rp_06_each_alert_type_from_real_audit_entries(regio):
    aanzetten(regio, max_personen=2)
    familie, _anderen, _laat = _werkdag(regio)
    uitkomst = services.dagelijks(VOLGENDE_DAG)
    assert uitkomst["aangemaakt"] == 4
    soorten = {(s.soort, s.gebruiker_id): s for s in _signaleringen(dag=DAG)}
    assert set(soorten) == {
        ("veel_personen", regio.medewerker.pk),  # 3 distinct persons > 2
        ("zelfde_achternaam", regio.medewerker.pk),  # Fatima El Amrani and a person El Amrani
        ("noodtoegang", regio.collega.pk),
        ("buiten_werktijd", regio.leidinggevende.pk),  # 20:30
    }
    veel = soorten[("veel_personen", regio.medewerker.pk)]
    assert (veel.aantal, veel.drempel, veel.status) == (3, 2, "open")
    assert (
        veel.organisatie_id == regio.wijkteam.pk and veel.verwerkingsverantwoordelijke_id == regio.gemeente.pk
    )
    assert soorten[("zelfde_achternaam", regio.medewerker.pk)].aantal == 1
    assert soorten[("noodtoegang", regio.collega.pk)].aantal == 1
    assert soorten[("buiten_werktijd", regio.leidinggevende.pk)].aantal == 1
    # references, not content: uuids of the audit entries it rests on
    nood = soorten[("noodtoegang", regio.collega.pk)]
    assert set(AuditRegel.objects.filter(uuid__in=nood.auditregels).values_list("actie", flat=True)) == {
        "toegang.noodtoegang"
    }
    familie_regels = AuditRegel.objects.filter(
        uuid__in=soorten[("zelfde_achternaam", regio.medewerker.pk)].auditregels
    )
    assert familie_regels.count() >= 1
    assert set(familie_regels.values_list("object_uuid", flat=True)) == {str(familie.uuid)}
    # the job's work is audited: one entry per alert, one per controller and run
    assert AuditRegel.objects.filter(actie="toegangssignalering.aangemaakt").count() == 4
    gescand = AuditRegel.objects.get(actie="toegangsbewaking.gescand")
    assert gescand.verwerkingsverantwoordelijke == str(regio.gemeente.uuid)
    assert gescand.koppeling["dagen"] == ["2026-03-09", "2026-03-10"]


def test_rp_06_job_is_idempotent_per_day(regio):
    aanzetten(regio, max_personen=2)
    _werkdag(regio)
    assert services.dagelijks(VOLGENDE_DAG)["aangemaakt"] == 4
    assert services.dagelijks(VOLGENDE_DAG)["aangemaakt"] == 0
    assert services.dagelijks(VOLGENDE_DAG + dt.timedelta(days=1))["aangemaakt"] == 0  # catch-up window
    assert len(_signaleringen()) == 4
    assert AuditRegel.objects.filter(actie="toegangssignalering.aangemaakt").count() == 4


def test_rp_06_within_threshold_and_working_hours_no_alert(regio):
    aanzetten(regio)  # 50 persons per day
    with op(DAG, 7):
        persoon(regio, regio.collega, "Jansen")
    with op(DAG, 18, 59):
        persoon(regio, regio.collega, "Visser")
    services.dagelijks(VOLGENDE_DAG)
    assert _signaleringen() == []


def test_rp_06_weekend_and_holiday_are_outside_working_hours(regio):
    aanzetten(regio)
    zaterdag = dt.date(2026, 3, 14)
    goede_vrijdag = dt.date(2026, 4, 3)
    with op(zaterdag, 10):
        persoon(regio, regio.collega, "Jansen")
    with time_machine.travel(dt.datetime(2026, 4, 3, 8, tzinfo=dt.UTC), tick=False):  # 10:00 CEST
        persoon(regio, regio.collega, "Visser")
    services.dagelijks(dt.date(2026, 3, 15))
    services.dagelijks(dt.date(2026, 4, 4))
    assert [(s.soort, s.dag) for s in _signaleringen()] == [
        ("buiten_werktijd", zaterdag),
        ("buiten_werktijd", goede_vrijdag),
    ]


def test_rp_06_nothing_from_before_the_activation(regio):
    with op(dt.date(2026, 3, 9), 6):  # 05:00 UTC, before AAN (08:00 UTC) on the same day
        persoon(regio, regio.collega, "Jansen")
    aanzetten(regio)
    services.dagelijks(DAG)
    assert _signaleringen() == []


def test_rp_06_other_controller_is_not_scanned_and_its_fg_sees_nothing(regio):
    aanzetten(regio, max_personen=1)
    with op(DAG, 22):
        persoon(regio, regio.leraar, "Jansen")  # another controller's staff, monitoring off there
        persoon(regio, regio.leraar, "Visser")
    services.dagelijks(VOLGENDE_DAG)
    assert _signaleringen() == []
    _werkdag(regio)
    services.dagelijks(VOLGENDE_DAG)
    fg_school = maak_gebruiker(regio.school, "fg@hetbaken.example.org", ["fg"], naam="Bram Smit")
    assert list(selectors.signaleringen(regio.actor(fg_school))) == []
    uuid = _signaleringen()[0].uuid
    with pytest.raises(NotFound):
        selectors.signalering_of_404(regio.actor(fg_school), uuid)
    with pytest.raises(NotFound):
        services.beoordeel(actor=regio.actor(fg_school), uuid=uuid, uitkomst="geen_bijzonderheden")


# --- review -------------------------------------------------------------------------------------------------


@pytest.fixture
def signalering(regio):
    aanzetten(regio)
    with op(DAG, 21):
        persoon(regio, regio.collega, "Jansen")
    services.dagelijks(VOLGENDE_DAG)
    [rij] = _signaleringen()
    return rij


def test_rp_06_review_outcomes(regio, signalering):
    fg = regio.actor(regio.fg)
    rij = services.beoordeel(actor=fg, uuid=signalering.uuid, uitkomst="navraag_gedaan", toelichting="")
    assert (rij.status, rij.uitkomst, rij.beoordeeld_door) == ("beoordeeld", "navraag_gedaan", regio.fg)
    assert rij.toelichting_versleuteld == ""
    with pytest.raises(DomainError) as exc:
        services.beoordeel(actor=fg, uuid=signalering.uuid, uitkomst="geen_bijzonderheden")
    assert exc.value.code == "E_STATE_CONFLICT"
    assert AuditRegel.objects.filter(actie="toegangssignalering.beoordeeld", status="uitgevoerd").count() == 1
    assert AuditRegel.objects.filter(actie="toegangssignalering.beoordeeld", status="geweigerd").count() == 1


def test_rp_06_incident_needs_an_explanation_which_is_encrypted(regio, signalering):
    from zorgvuldig.core import crypto

    fg = regio.actor(regio.fg)
    for uitkomst, toelichting in (("incident", ""), ("incident", "kort"), ("onbekend", "")):
        with pytest.raises(DomainError) as exc:
            services.beoordeel(actor=fg, uuid=signalering.uuid, uitkomst=uitkomst, toelichting=toelichting)
        assert exc.value.code == "E_INVALID_INPUT"
    tekst = "Geen werkrelatie met deze persoon; besproken en als datalek beoordeeld."
    rij = services.beoordeel(actor=fg, uuid=signalering.uuid, uitkomst="incident", toelichting=tekst)
    assert rij.uitkomst == "incident" and "datalek" not in rij.toelichting_versleuteld
    assert crypto.ontsleutel(rij, "toelichting", als_json=False) == tekst


def test_rp_06_fg_does_not_review_own_alert(regio):
    aanzetten(regio)
    tweede_fg = maak_gebruiker(regio.wijkteam, "fg2@krimpen.example.org", ["fg"], naam="Ruud Willems")
    with op(DAG, 21):
        persoon(regio, regio.collega, "Jansen")
    services.dagelijks(VOLGENDE_DAG)
    [rij] = _signaleringen()
    Signalering.objects.filter(pk=rij.pk).update(gebruiker=tweede_fg)  # an alert about an FG's own access
    with pytest.raises(DomainError) as exc:
        services.beoordeel(actor=regio.actor(tweede_fg), uuid=rij.uuid, uitkomst="geen_bijzonderheden")
    assert exc.value.code == "E_AC_NOT_AUTHORISED"
    services.beoordeel(actor=regio.actor(regio.fg), uuid=rij.uuid, uitkomst="geen_bijzonderheden")


def test_rp_06_the_leidinggevende_and_the_staff_member_see_no_alerts(regio, signalering):
    for wie in (regio.leidinggevende, regio.collega, regio.beheerder, regio.auditor):
        actor = regio.actor(wie)
        assert list(selectors.signaleringen(actor)) == []
        with pytest.raises(NotFound):
            selectors.signalering_of_404(actor, signalering.uuid)
        with pytest.raises(DomainError):
            services.beoordeel(actor=actor, uuid=signalering.uuid, uitkomst="geen_bijzonderheden")


@pytest.mark.postgres
def test_rp_06_row_level_security_hides_alerts_from_the_leidinggevende(regio, signalering):
    """On PostgreSQL the table's own policy opens alerts to the FG's controller and the system only: even a
    query without the selector's filter, in the leidinggevende's or the staff member's context, finds none."""
    from zorgvuldig.core import tenancy

    for wie in (regio.leidinggevende, regio.collega):
        tenancy.activeer(regio.actor(wie))
        assert Signalering.objects.count() == 0
    tenancy.activeer(regio.actor(regio.fg))
    assert Signalering.objects.count() == 1


def test_rp_06_a_list_is_no_look_up_for_many_persons_but_counts_outside_working_hours(regio):
    """A list writes an entry per person shown (AU-01); showing is not looking up, so lists do not count
    towards `veel_personen` — they do count for the other patterns."""
    from zorgvuldig.personen.selectors import audit_lijst

    aanzetten(regio, max_personen=2)
    with op(DAG, 9):
        eigen = [persoon(regio, regio.medewerker, naam) for naam in ("Jansen", "Visser")]
        van_collega = persoon(regio, regio.collega, "Terpstra")
    with op(DAG, 10):
        audit_lijst(regio.actor(regio.medewerker), [*eigen, van_collega])
    services.dagelijks(VOLGENDE_DAG)
    assert _signaleringen() == []  # 3 persons shown, only 2 looked up: not more than 2
    with op(DAG + dt.timedelta(days=1), 20):
        audit_lijst(regio.actor(regio.medewerker), [*eigen, van_collega])
    services.dagelijks(VOLGENDE_DAG + dt.timedelta(days=1))
    [rij] = _signaleringen()
    assert (rij.soort, rij.aantal, rij.gebruiker) == ("buiten_werktijd", 3, regio.medewerker)
