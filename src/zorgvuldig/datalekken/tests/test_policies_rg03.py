"""RG-03: the pure rules of the data-breach register — the 72-hour clock, its alerts, transitions and the
decision's reasons. No database."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zorgvuldig.datalekken import policies as p

AMS = ZoneInfo("Europe/Amsterdam")
T0 = dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC)
H = dt.timedelta(hours=1)


def test_rg_03_deadline_is_72_elapsed_hours_after_discovery():
    assert p.MELDTERMIJN_UREN == 72
    assert p.deadline(T0) == T0 + 72 * H
    assert p.deadline(T0, uren=10) == T0 + 10 * H


def test_rg_03_deadline_over_the_start_of_summer_time_counts_elapsed_hours():
    """Discovered Saturday 28 March 2026 10:00 CET; the clocks go forward on Sunday: 72 hours later is
    Tuesday 11:00 CEST (a wall-clock +3 days would say 10:00, an hour too early)."""
    ontdekt = dt.datetime(2026, 3, 28, 10, 0, tzinfo=AMS)
    eind = p.deadline(ontdekt)
    assert eind.astimezone(AMS) == dt.datetime(2026, 3, 31, 11, 0, tzinfo=AMS)
    assert eind - ontdekt == 72 * H


def test_rg_03_deadline_over_the_end_of_summer_time_counts_elapsed_hours():
    """Discovered Saturday 24 October 2026 10:00 CEST; clocks go back on Sunday: deadline 09:00 CET."""
    ontdekt = dt.datetime(2026, 10, 24, 10, 0, tzinfo=AMS)
    assert p.deadline(ontdekt).astimezone(AMS) == dt.datetime(2026, 10, 27, 9, 0, tzinfo=AMS)


def test_rg_03_alerts_over_dst_fall_at_24_and_48_elapsed_hours():
    ontdekt = dt.datetime(2026, 3, 28, 10, 0, tzinfo=AMS)
    # 24 h later is Sunday 11:00 CEST, not 10:00
    zondag_10 = dt.datetime(2026, 3, 29, 10, 0, tzinfo=AMS)
    assert p.klok(ontdekt, p.ONTDEKT, zondag_10).stand == p.LOOPT
    assert p.klok(ontdekt, p.ONTDEKT, zondag_10 + H).stand == p.ALERT_24


def test_rg_03_naive_discovery_time_is_refused():
    with pytest.raises(ValueError):
        p.deadline(dt.datetime(2026, 1, 1, 9, 0))


@pytest.mark.parametrize(
    ("uren", "stand"),
    [
        (0, p.LOOPT),
        (23.99, p.LOOPT),
        (24, p.ALERT_24),
        (47.99, p.ALERT_24),
        (48, p.ALERT_48),
        (71.99, p.ALERT_48),
        (72, p.VERLOPEN),
        (500, p.VERLOPEN),
    ],
)
def test_rg_03_clock_state_at_24_48_72_hours(uren, stand):
    nu = T0 + dt.timedelta(hours=uren)
    k = p.klok(T0, p.ONTDEKT, nu)
    assert k.stand == stand
    assert k.deadline == T0 + 72 * H
    assert k.resterend == T0 + 72 * H - nu
    assert k.op_tijd is None


def test_rg_03_clock_runs_while_assessed_and_stops_at_the_decision():
    assert p.klok(T0, p.BEOORDEELD, T0 + 30 * H).stand == p.ALERT_24
    for status in (p.GEMELD, p.NIET_GEMELD, p.GESLOTEN):
        k = p.klok(T0, status, T0 + 100 * H, besloten_op=T0 + 70 * H)
        assert k.stand == p.GESTOPT
        assert k.op_tijd is True
        assert k.resterend == 2 * H
    te_laat = p.klok(T0, p.GEMELD, T0 + 100 * H, besloten_op=T0 + 73 * H)
    assert te_laat.op_tijd is False
    assert te_laat.resterende_uren == -1
    assert p.klok(T0, p.GEMELD, T0 + 100 * H, besloten_op=T0 + 72 * H).op_tijd is True


def test_rg_03_remaining_hours_round_down():
    assert p.klok(T0, p.ONTDEKT, T0 + dt.timedelta(minutes=30)).resterende_uren == 71
    assert p.klok(T0, p.ONTDEKT, T0 + dt.timedelta(hours=71, minutes=30)).resterende_uren == 0
    assert p.klok(T0, p.ONTDEKT, T0 + dt.timedelta(hours=72, minutes=30)).resterende_uren == -1


@given(st.integers(min_value=0, max_value=200 * 3600))
def test_rg_03_clock_state_follows_the_marks(seconden):
    nu = T0 + dt.timedelta(seconds=seconden)
    marks = p.bereikte_markeringen(T0, nu)
    assert marks == tuple(m for m in (24, 48, 72) if seconden >= m * 3600)
    stand = p.klok(T0, p.ONTDEKT, nu).stand
    verwacht = {0: p.LOOPT, 1: p.ALERT_24, 2: p.ALERT_48, 3: p.VERLOPEN}[len(marks)]
    assert stand == verwacht


def test_rg_03_alerts_to_send_only_new_marks_and_only_while_undecided():
    assert p.te_versturen(T0, p.ONTDEKT, [], T0 + 23 * H) == ()
    assert p.te_versturen(T0, p.ONTDEKT, [], T0 + 25 * H) == (24,)
    assert p.te_versturen(T0, p.ONTDEKT, [24], T0 + 25 * H) == ()
    assert p.te_versturen(T0, p.BEOORDEELD, [24], T0 + 50 * H) == (48,)
    assert p.te_versturen(T0, p.ONTDEKT, [], T0 + 80 * H) == (24, 48, 72)
    assert p.te_versturen(T0, p.ONTDEKT, [24, 48, 72], T0 + 80 * H) == ()
    for status in (p.GEMELD, p.NIET_GEMELD, p.GESLOTEN):
        assert p.te_versturen(T0, status, [], T0 + 80 * H) == ()


def test_rg_03_transition_table():
    assert p.mag_overgaan(p.ONTDEKT, p.BEOORDEELD)
    assert p.mag_overgaan(p.BEOORDEELD, p.GEMELD)
    assert p.mag_overgaan(p.BEOORDEELD, p.NIET_GEMELD)
    assert p.mag_overgaan(p.GEMELD, p.GESLOTEN)
    assert p.mag_overgaan(p.NIET_GEMELD, p.GESLOTEN)
    toegestaan = {(a, b) for a, naar in p.TRANSITIES.items() for b in naar}
    assert len(toegestaan) == 5
    for a in p.STATUSSEN:
        for b in p.STATUSSEN:
            assert p.mag_overgaan(a, b) == ((a, b) in toegestaan)
    assert not p.mag_overgaan("onbekend", p.BEOORDEELD)
    assert frozenset({p.ONTDEKT, p.BEOORDEELD}) == p.WIJZIGBAAR
    assert p.na_besluit(True) == p.GEMELD
    assert p.na_besluit(False) == p.NIET_GEMELD


def test_rg_03_discovery_time_required_and_not_in_the_future():
    assert [f.veld for f in p.ontdekt_fouten(None, T0)] == ["ontdektOp"]
    assert [f.veld for f in p.ontdekt_fouten(T0 + dt.timedelta(seconds=1), T0)] == ["ontdektOp"]
    assert p.ontdekt_fouten(T0, T0) == []
    assert p.ontdekt_fouten(T0 - H, T0) == []


def test_rg_03_risk_is_a_closed_list():
    for r in ("geen", "risico", "hoog_risico"):
        assert p.beoordeling_fouten(r) == []
    assert [f.veld for f in p.beoordeling_fouten("")] == ["risico"]
    assert [f.veld for f in p.beoordeling_fouten("laag")] == ["risico"]


def _besluit(**over):
    basis = {
        "risico": p.RISICO,
        "melden": True,
        "informeren": False,
        "reden": "",
        "ontdekt_op": T0,
        "gemeld_op": T0 + 10 * H,
        "nu": T0 + 20 * H,
    }
    basis.update(over)
    return [(f.veld, f.code) for f in p.besluit_fouten(**basis)]


def test_rg_03_reason_required_when_not_notifying():
    assert _besluit() == []
    assert _besluit(melden=False, gemeld_op=None) == [("reden", "E_INVALID_INPUT")]
    assert _besluit(melden=False, gemeld_op=None, reden="   ") == [("reden", "E_INVALID_INPUT")]
    assert _besluit(melden=False, gemeld_op=None, reden="Versleutelde laptop, geen risico.") == []


def test_rg_03_reason_required_when_not_informing_subjects_of_a_high_risk():
    assert _besluit(risico=p.HOOG_RISICO, informeren=False) == [("reden", "E_INVALID_INPUT")]
    assert _besluit(risico=p.HOOG_RISICO, informeren=True) == []
    assert _besluit(risico=p.HOOG_RISICO, informeren=False, reden="Onevenredige inspanning.") == []
    assert _besluit(risico=p.RISICO, informeren=False) == []


def test_rg_03_notification_time_checked_and_late_notification_needs_a_reason():
    assert _besluit(gemeld_op=T0 + 21 * H) == [("gemeldOp", "E_INVALID_INPUT")]  # after nu
    assert _besluit(gemeld_op=T0 - H) == [("gemeldOp", "E_INVALID_INPUT")]
    assert _besluit(gemeld_op=T0) == []
    laat = {"gemeld_op": T0 + 73 * H, "nu": T0 + 80 * H}
    assert _besluit(**laat) == [("reden", "E_INVALID_INPUT")]
    assert _besluit(**laat, reden="Pas later bekend hoeveel personen.") == []
    assert _besluit(gemeld_op=T0 + 72 * H, nu=T0 + 80 * H) == []


def test_rg_03_scope_needs_a_period_and_an_account_or_recipient():
    iets = object()
    assert p.afbakening_fouten(iets, T0, T0 + H, None) == []
    assert p.afbakening_fouten(None, T0, T0 + H, iets) == []
    assert [f.veld for f in p.afbakening_fouten(None, T0, T0 + H, None)] == ["afbakening"]
    assert [f.veld for f in p.afbakening_fouten(iets, None, T0, None)] == ["afbakening.periode"]
    assert [f.veld for f in p.afbakening_fouten(iets, T0, None, None)] == ["afbakening.periode"]
    assert [f.veld for f in p.afbakening_fouten(iets, T0, T0, None)] == ["afbakening.periode"]


def test_rg_03_alert_marks_and_deadline_are_stored_in_utc():
    assert p.WAARSCHUWINGSUREN == (24, 48)
    ontdekt = dt.datetime(2026, 3, 28, 10, 0, tzinfo=AMS)
    assert p.deadline(ontdekt).tzinfo == dt.UTC
    assert p.verstreken(ontdekt, dt.datetime(2026, 3, 29, 11, 0, tzinfo=AMS)) == 24 * H


def test_rg_03_marks_and_clock_follow_a_configured_term():
    assert p.bereikte_markeringen(T0, T0 + 10 * H, uren=10) == (10,)
    assert p.bereikte_markeringen(T0, T0 + 10 * H - dt.timedelta(seconds=1), uren=10) == ()
    k = p.klok(T0, p.ONTDEKT, T0 + 10 * H, uren=10)
    assert (k.stand, k.deadline, k.resterend) == (p.VERLOPEN, T0 + 10 * H, dt.timedelta(0))
    assert p.te_versturen(T0, p.ONTDEKT, [], T0 + 10 * H, uren=10) == (10,)
    gestopt = p.klok(T0, p.GEMELD, T0 + 20 * H, besloten_op=T0 + 11 * H, uren=10)
    assert (gestopt.deadline, gestopt.op_tijd) == (T0 + 10 * H, False)


def test_rg_03_decided_clock_without_decision_time_stops_at_now():
    k = p.klok(T0, p.GEMELD, T0 + 70 * H)
    assert (k.stand, k.deadline, k.resterend, k.op_tijd) == (p.GESTOPT, T0 + 72 * H, 2 * H, True)


def test_rg_03_remaining_whole_hours_exactly_on_the_hour():
    assert p.klok(T0, p.ONTDEKT, T0 + 71 * H).resterende_uren == 1
    assert p.klok(T0, p.ONTDEKT, T0 + 72 * H).resterende_uren == 0
    assert p.klok(T0, p.ONTDEKT, T0).resterende_uren == 72


def test_rg_03_alerts_exactly_at_24_and_48_hours_are_sent():
    assert p.te_versturen(T0, p.ONTDEKT, [], T0 + 24 * H) == (24,)
    assert p.te_versturen(T0, p.ONTDEKT, (24,), T0 + 48 * H) == (48,)
    assert p.te_versturen(T0, p.ONTDEKT, [24, 48], T0 + 72 * H) == (72,)


def _volledig(fouten):
    return [(f.code, f.veld, bool(f.reden.strip())) for f in fouten]


def test_rg_03_discovery_refusals_give_code_field_and_reason():
    ontbreekt = p.ontdekt_fouten(None, T0)
    toekomst = p.ontdekt_fouten(T0 + dt.timedelta(seconds=1), T0)
    assert _volledig(ontbreekt) == [("E_INVALID_INPUT", "ontdektOp", True)]
    assert _volledig(toekomst) == [("E_INVALID_INPUT", "ontdektOp", True)]
    assert ontbreekt[0].reden != toekomst[0].reden


def test_rg_03_risk_refusal_names_the_rule():
    (fout,) = p.beoordeling_fouten("laag")
    assert (fout.code, fout.veld) == ("E_INVALID_INPUT", "risico")
    assert "RG-03" in fout.reden


def test_rg_03_scope_refusals_give_code_field_and_reason():
    fouten = p.afbakening_fouten(None, None, None, None)
    assert _volledig(fouten) == [
        ("E_INVALID_INPUT", "afbakening.periode", True),
        ("E_INVALID_INPUT", "afbakening", True),
    ]
    (omgekeerd,) = p.afbakening_fouten(object(), T0 + H, T0, None)
    assert (omgekeerd.code, omgekeerd.veld) == ("E_INVALID_INPUT", "afbakening.periode")
    assert omgekeerd.reden.strip() and omgekeerd.reden != fouten[0].reden


def test_rg_03_decision_reasons_name_the_rule():
    basis = {
        "risico": p.HOOG_RISICO,
        "melden": False,
        "informeren": False,
        "reden": "",
        "ontdekt_op": T0,
        "gemeld_op": None,
        "nu": T0 + 20 * H,
    }
    fouten = p.besluit_fouten(**basis)
    assert [(f.code, f.veld) for f in fouten] == [("E_INVALID_INPUT", "reden")] * 2
    assert all("RG-03" in f.reden for f in fouten)
    assert fouten[0].reden != fouten[1].reden
    assert p.besluit_fouten(**{**basis, "reden": "\t\n "}) != []
    laat = p.besluit_fouten(
        **{**basis, "risico": p.RISICO, "melden": True, "gemeld_op": T0 + 73 * H, "nu": T0 + 80 * H}
    )
    assert [(f.code, f.veld) for f in laat] == [("E_INVALID_INPUT", "reden")]
    assert "RG-03" in laat[0].reden and "72" in laat[0].reden


def test_rg_03_notification_time_boundaries():
    basis = {"risico": p.RISICO, "melden": True, "informeren": False, "reden": "", "ontdekt_op": T0}
    assert p.besluit_fouten(**basis, gemeld_op=T0 + 20 * H, nu=T0 + 20 * H) == []
    assert p.besluit_fouten(**basis, gemeld_op=None, nu=T0 + 80 * H) == []
    toekomst = p.besluit_fouten(**basis, gemeld_op=T0 + 21 * H, nu=T0 + 20 * H)
    te_vroeg = p.besluit_fouten(**basis, gemeld_op=T0 - H, nu=T0 + 20 * H)
    assert _volledig(toekomst) == _volledig(te_vroeg) == [("E_INVALID_INPUT", "gemeldOp", True)]
    assert toekomst[0].reden != te_vroeg[0].reden
    # a configured term: late after 10 hours
    assert [f.veld for f in p.besluit_fouten(**basis, gemeld_op=T0 + 11 * H, nu=T0 + 20 * H, uren=10)] == [
        "reden"
    ]
    # late and in the future: only the future is reported
    assert [f.veld for f in p.besluit_fouten(**basis, gemeld_op=T0 + 81 * H, nu=T0 + 80 * H)] == ["gemeldOp"]


def test_rg_05_notifier_rule_is_choice_then_arrangement_then_own():
    assert p.melder(7, "verwijsindex", 5, 1) == 7
    assert p.melder(None, "verwijsindex", 5, 1) == 5
    assert p.melder(None, "verwijsindex", None, 1) == 1
    assert p.melder(None, "", 5, 1) == 1  # own processing: the arrangement does not apply
    assert p.module_fouten("") == [] and p.module_fouten("casusoverleg") == []
    [fout] = p.module_fouten("dossiers")
    assert (fout.code, fout.veld) == ("E_INVALID_INPUT", "module")
    assert fout.reden.startswith("Kies verwijsindex, casusoverleg")


# --- informing the data subjects (GDPR art 34) ----------------------------------------------------------

DAG = dt.date(2026, 6, 1)


def _informeren(**over):
    basis = {
        "datum": DAG,
        "wijze": p.BRIEF,
        "aantal": 12,
        "toelichting": "",
        "ontdekt_op_dag": DAG - dt.timedelta(days=2),
        "vandaag": DAG,
    }
    return p.informeren_fouten(**{**basis, **over})


def test_rg_03_informing_is_recorded_after_the_decision_before_closing_and_once():
    assert p.informeren_staat_fout(p.ONTDEKT, False) is not None
    assert p.informeren_staat_fout(p.BEOORDEELD, False) is not None
    assert p.informeren_staat_fout(p.GEMELD, False) is None
    assert p.informeren_staat_fout(p.NIET_GEMELD, False) is None
    assert "al vastgelegd" in p.informeren_staat_fout(p.GEMELD, True)
    assert "afgesloten" in p.informeren_staat_fout(p.GESLOTEN, False)
    assert p.informeren_staat_fout(p.ONTDEKT, False).startswith("Leg eerst het besluit")
    assert p.informeren_staat_fout(p.GESLOTEN, False).startswith("Het datalek is afgesloten")
    assert p.informeren_staat_fout(p.GEMELD, True).startswith("Het informeren van de betrokkenen")


def test_rg_03_informing_date_not_in_the_future_nor_before_the_discovery_day():
    assert _informeren() == []
    assert _informeren(datum=DAG - dt.timedelta(days=2)) == []  # the discovery day itself
    for datum, woord in (
        (DAG + dt.timedelta(days=1), "toekomst"),
        (DAG - dt.timedelta(days=3), "vóór de ontdekking"),
        (None, "verplicht"),
    ):
        [fout] = _informeren(datum=datum)
        assert (fout.code, fout.veld) == ("E_INVALID_INPUT", "datum") and woord in fout.reden


def test_rg_03_informing_means_is_a_closed_list():
    assert p.INFORMEER_WIJZEN == ("brief", "email", "telefoon", "gesprek", "openbare_mededeling")
    for wijze in p.INFORMEER_WIJZEN:
        assert _informeren(wijze=wijze) == []
    for wijze in ("", "Brief", "sms", "e-mail"):
        assert [f.veld for f in _informeren(wijze=wijze)] == ["wijze"]


def test_rg_03_informing_number_at_least_one_and_note_short():
    assert [f.veld for f in _informeren(aantal=0)] == ["aantal"]
    assert "verplicht" in _informeren(aantal=None)[0].reden
    assert _informeren(aantal=1) == []
    assert _informeren(toelichting="x" * p.MAX_TOELICHTING) == []
    assert [f.veld for f in _informeren(toelichting="x" * (p.MAX_TOELICHTING + 1))] == ["toelichting"]
    fouten = _informeren(datum=None, wijze="x", aantal=None)
    assert [f.veld for f in fouten] == ["datum", "wijze", "aantal"]  # every refusal at once
    # each is bad input (400), never a state conflict, and says what to do in Dutch
    for fout in [*fouten, *_informeren(aantal=0), *_informeren(toelichting="x" * (p.MAX_TOELICHTING + 1))]:
        assert fout.code == "E_INVALID_INPUT" and fout.reden[0].isupper(), fout
    assert (
        "Kies hoe u de betrokkenen informeerde" in fouten[1].reden
        and "1 of meer" in _informeren(aantal=0)[0].reden
    )


def test_rg_03_closing_waits_for_the_informing_the_decision_promised():
    melding = p.sluiten_fout(True, False)
    assert melding is not None and "geïnformeerd" in melding and "RG-03" in melding
    assert p.sluiten_fout(True, True) is None
    assert p.sluiten_fout(False, False) is None  # decided not to inform (with a reason where required)
    assert p.sluiten_fout(None, False) is None
