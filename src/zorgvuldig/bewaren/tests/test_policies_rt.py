"""Pure retention rules (SPEC §10: RT-01 … RT-13). No database."""

from __future__ import annotations

import datetime as dt

import pytest

from zorgvuldig.bewaren import policies as p
from zorgvuldig.registers.datacategorieen import BEWAARREGELS

D = dt.date


def zin(tekst: str) -> bool:
    """A message the user reads: a Dutch sentence, not a changed or shouted string."""
    return tekst[:1].isupper() and not tekst.startswith("XX") and tekst not in (tekst.upper(), tekst.lower())


def velden(fouten) -> set[str]:
    assert all(zin(reden) for _, reden in fouten), fouten
    return {veld for veld, _ in fouten}


# --- RT-10: one rule per record type ------------------------------------------------------------------


def test_rt_10_every_rule_is_complete_and_the_registry_uses_them():
    assert {code: r.omschrijving for code, r in p.REGELS.items()} == BEWAARREGELS
    for code, regel in p.REGELS.items():
        assert regel.brondatum and regel.termijn and regel.afleiding and regel.bron, code
        assert regel.actie in p.ACTIES
    # RT-13: dates derived from an event need a list; the SPEC-fixed ones (VI, outreach, audit) do not
    lijst = {c for c, r in p.REGELS.items() if r.vernietigingslijst}
    assert lijst == {"dossier", "toestemming", "administratie", "casusoverleg"}
    eenheden = {c for c, r in p.REGELS.items() if r.eenheid}
    assert eenheden == lijst | {"zorgsignaal"}


# --- RT-01, RT-05, RT-08, consent and admin terms --------------------------------------------------------


@pytest.mark.parametrize(
    ("einde", "verval"),
    [
        (D(2024, 3, 10), D(2039, 1, 1)),  # the SPEC's example
        (D(2024, 1, 1), D(2039, 1, 1)),
        (D(2024, 12, 31), D(2039, 1, 1)),
        (D(2025, 6, 1), D(2040, 1, 1)),  # E8: support ended in 2025
    ],
)
def test_rt_01_dossier_due_on_1_january_of_end_year_plus_15(einde, verval):
    assert p.dossier_vervaldatum(einde) == verval
    assert p.vervaldatum("dossier", einde) == verval


def test_rt_01_sector_law_file_due_years_after_its_last_change_to_the_day():
    # BW 7:454(3): 20 years from the last change, not RT-01's 1 January
    assert p.vervaldatum("dossier", D(2024, 5, 2), sectorjaren=20) == D(2044, 5, 2)
    assert p.vervaldatum("dossier", D(2024, 2, 29), sectorjaren=20) == D(2044, 2, 29)
    assert p.vervaldatum("dossier", D(2024, 2, 29), sectorjaren=21) == D(2045, 2, 28)
    assert p.vervaldatum("dossier", D(2024, 5, 2), sectorjaren=None) == D(2039, 1, 1)
    # the clock starts at the last change, never before support ended
    assert p.sector_brondatum(D(2024, 3, 10), D(2025, 1, 7)) == D(2025, 1, 7)
    assert p.sector_brondatum(D(2024, 3, 10), D(2024, 1, 7)) == D(2024, 3, 10)
    assert p.sector_brondatum(D(2024, 3, 10), None) == D(2024, 3, 10)


def test_rt_01_sector_terms_setting_is_parsed_strictly():
    assert p.sectortermijnen([]) == {}
    assert p.sectortermijnen(["wgbo_zorg:20", " veilig_thuis : 20"]) == {"wgbo_zorg": 20, "veilig_thuis": 20}
    assert p.sectortermijnen(["wgbo_zorg:15"]) == {"wgbo_zorg": 15}
    assert p.sectortermijnen(["wgbo_zorg:115"]) == {"wgbo_zorg": 115}
    for fout in (
        ["wgbo_zorg:14"],
        ["wgbo_zorg:116"],
        ["wgbo_zorg"],
        [":20"],
        ["wgbo_zorg:x"],
        ["a:20", "a:30"],
    ):
        with pytest.raises(ValueError, match=r"retention\.sector_terms"):
            p.sectortermijnen(fout)


def test_rt_05_outreach_signal_six_months_or_the_channel_term():
    assert p.vervaldatum("zorgsignaal", D(2026, 1, 15)) == D(2026, 7, 15)
    assert p.vervaldatum("zorgsignaal", D(2026, 8, 31)) == D(2027, 2, 28)  # a day February lacks
    assert p.vervaldatum("zorgsignaal", D(2026, 1, 15), maanden=3) == D(2026, 4, 15)


def test_rt_08_case_table_file_the_types_term_after_closing():
    assert p.vervaldatum("casusoverleg", D(2026, 3, 31), maanden=24) == D(2028, 3, 31)
    assert p.vervaldatum("casusoverleg", D(2026, 3, 31), maanden=11) == D(2027, 2, 28)


def test_consent_five_years_after_expiry_or_revocation_whichever_first():
    assert p.toestemming_brondatum(None, None) is None  # open-ended and standing: no term yet
    assert p.toestemming_brondatum(D(2027, 1, 1), None) == D(2027, 1, 1)
    assert p.toestemming_brondatum(None, D(2026, 5, 5)) == D(2026, 5, 5)
    assert p.toestemming_brondatum(D(2027, 1, 1), D(2026, 5, 5)) == D(2026, 5, 5)
    assert p.toestemming_brondatum(D(2026, 1, 1), D(2026, 5, 5)) == D(2026, 1, 1)
    assert p.vervaldatum("toestemming", D(2026, 5, 5)) == D(2031, 5, 5)
    assert p.vervaldatum("toestemming", D(2028, 2, 29)) == D(2033, 2, 28)


def test_requests_and_admin_five_years_after_closing():
    assert p.vervaldatum("administratie", D(2026, 12, 1)) == D(2031, 12, 1)


def test_no_start_event_no_due_date_and_rules_without_own_records_refuse():
    for regel in ("dossier", "zorgsignaal", "toestemming", "administratie", "casusoverleg"):
        assert p.vervaldatum(regel, None) is None
    with pytest.raises(ValueError, match="persoon"):
        p.vervaldatum("persoon", D(2026, 1, 1))


def test_calendar_arithmetic():
    assert p.plus_maanden(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert p.plus_maanden(D(2028, 1, 31), 1) == D(2028, 2, 29)
    assert p.plus_maanden(D(2026, 11, 30), 2) == D(2027, 1, 30)
    assert p.plus_maanden(D(2026, 12, 15), 0) == D(2026, 12, 15)
    assert p.plus_jaren(D(2026, 6, 30), 5) == D(2031, 6, 30)


# --- RT-07, RT-12: states from the dates at read time -----------------------------------------------------


def test_rt_12_states_follow_the_dates():
    v = D(2039, 1, 1)
    assert p.status(None, "", False, D(2050, 1, 1)) == p.ACTIEF  # no start event yet
    assert p.status(v, "", False, D(2038, 12, 31)) == p.ACTIEF
    assert p.status(v, "", False, v) == p.VERLOPEN  # due from its date on
    assert p.status(v, "", True, v) == p.GEBLOKKEERD
    assert p.status(v, "", True, D(2038, 1, 1)) == p.ACTIEF  # a hold on an active record changes nothing
    for uitkomst in p.UITKOMSTEN:
        assert p.status(v, uitkomst, True, v) == uitkomst
    assert set(p.STATUSSEN) == {
        "actief",
        "verlopen",
        "geblokkeerd",
        "vernietigd",
        "geanonimiseerd",
        "overgebracht",
    }


def test_rt_07_a_hold_holds_until_its_end_date_or_lifting():
    eind = D(2027, 1, 1)
    assert p.blokkade_actief(eind, False, D(2026, 12, 31))
    assert not p.blokkade_actief(eind, False, eind)
    assert not p.blokkade_actief(eind, True, D(2026, 6, 1))


def test_rt_07_hold_needs_ground_future_end_and_explanation():
    vandaag = D(2026, 6, 1)
    goed = ("lopend_verzoek", D(2026, 9, 1), "Bezwaar tegen het besluit loopt nog.", "", vandaag)
    assert p.blokkade_fouten(*goed) == []
    assert set(p.BLOKKADEREDENEN) == {
        "wettelijke_plicht",
        "verantwoording_financier",
        "lopend_verzoek",
        "klacht",
        "bezwaar",
    }
    for reden in p.BLOKKADEREDENEN:
        assert p.blokkade_fouten(reden, *goed[1:]) == []
    assert velden(p.blokkade_fouten("omdat", *goed[1:])) == {"reden"}
    assert velden(p.blokkade_fouten(goed[0], vandaag, *goed[2:])) == {"einddatum"}
    assert velden(p.blokkade_fouten(goed[0], None, *goed[2:])) == {"einddatum"}
    assert p.blokkade_fouten(goed[0], vandaag + dt.timedelta(days=1), *goed[2:]) == []
    assert velden(p.blokkade_fouten(goed[0], goed[1], "kort", "", vandaag)) == {"toelichting"}
    assert velden(p.blokkade_fouten(goed[0], goed[1], " " * 20, "", vandaag)) == {"toelichting"}
    assert p.blokkade_fouten(goed[0], goed[1], "x" * p.MIN_REDEN, "", vandaag) == []
    assert velden(p.blokkade_fouten(goed[0], goed[1], goed[2], "vernietigd", vandaag)) == {"status"}
    assert velden(p.blokkade_fouten("x", vandaag, "", "vernietigd", vandaag)) == {
        "status",
        "reden",
        "einddatum",
        "toelichting",
    }


# --- RT-02: extension ---------------------------------------------------------------------------------------


def test_rt_02_extension_needs_a_later_date_and_a_reason():
    vandaag, huidig = D(2039, 1, 5), D(2039, 1, 1)
    reden = "Broertje nog in zorg; dossier nodig voor zorgvuldige hulp."
    assert p.verlenging_fouten(D(2041, 1, 1), huidig, reden, "", vandaag) == []
    assert velden(p.verlenging_fouten(vandaag, huidig, reden, "", vandaag)) == {
        "nieuweDatum"
    }  # not after today
    assert p.verlenging_fouten(vandaag + dt.timedelta(days=1), huidig, reden, "", vandaag) == []
    later = D(2040, 1, 1)
    assert velden(p.verlenging_fouten(later, later, reden, "", vandaag)) == {
        "nieuweDatum"
    }  # not after current
    assert velden(p.verlenging_fouten(D(2041, 1, 1), huidig, "langer", "", vandaag)) == {"reden"}
    assert velden(p.verlenging_fouten(D(2041, 1, 1), None, reden, "", vandaag)) == {"nieuweDatum"}
    assert velden(p.verlenging_fouten(None, huidig, reden, "", vandaag)) == {"nieuweDatum"}  # no crash
    assert velden(p.verlenging_fouten(None, None, reden, "", vandaag)) == {"nieuweDatum"}
    assert velden(p.verlenging_fouten(D(2041, 1, 1), huidig, reden, "vernietigd", vandaag)) == {"status"}
    assert velden(p.verlenging_fouten(vandaag, None, "", "vernietigd", vandaag)) == {
        "status",
        "nieuweDatum",
        "reden",
    }
    assert velden(p.verlenging_fouten(vandaag, huidig, reden, "", vandaag)) == {"nieuweDatum"}


# --- RT-13: destruction lists -----------------------------------------------------------------------------


def test_rt_13_each_item_destroy_keep_with_date_and_reason_or_transfer():
    peil = D(2039, 1, 1)
    reden = "Lopende hulp aan een gezinslid vraagt dit dossier."
    assert p.beoordeling_fouten("vernietigen", None, "", peil) == []
    assert p.beoordeling_fouten("overbrengen", None, "", peil) == []
    assert velden(p.beoordeling_fouten("vernietigen", D(2040, 1, 1), "", peil)) == {"nieuweDatum"}
    assert p.beoordeling_fouten("bewaren", D(2040, 1, 1), reden, peil) == []
    assert velden(p.beoordeling_fouten("bewaren", None, reden, peil)) == {"nieuweDatum"}
    assert velden(p.beoordeling_fouten("bewaren", peil, reden, peil)) == {"nieuweDatum"}
    assert p.beoordeling_fouten("bewaren", peil + dt.timedelta(days=1), reden, peil) == []
    assert velden(p.beoordeling_fouten("bewaren", D(2040, 1, 1), "kort", peil)) == {"reden"}
    assert velden(p.beoordeling_fouten("weggooien", None, "", peil)) == {"beoordeling"}
    assert velden(p.beoordeling_fouten("bewaren", None, "", peil)) == {"nieuweDatum", "reden"}
    assert velden(p.beoordeling_fouten("overbrengen", D(2040, 1, 1), "", peil)) == {"nieuweDatum"}
    assert set(p.BEOORDELINGEN) == {"vernietigen", "bewaren", "overbrengen"}


def test_rt_13_leidinggevende_and_fg_approve_as_two_people():
    assert p.goedkeuring_fout("leidinggevende", "a", [], p.CONCEPT) == ""
    assert p.goedkeuring_fout("fg", "b", [("leidinggevende", "a")], p.CONCEPT) == ""
    assert "vier ogen" in p.goedkeuring_fout("fg", "a", [("leidinggevende", "a")], p.CONCEPT)
    assert "al goedgekeurd" in p.goedkeuring_fout("leidinggevende", "c", [("leidinggevende", "a")], p.CONCEPT)
    assert "Alleen" in p.goedkeuring_fout("beheerder", "a", [], p.CONCEPT)
    assert p.goedkeuring_fout("", "a", [], p.CONCEPT) == p.goedkeuring_fout("beheerder", "a", [], p.CONCEPT)
    for fout in (
        p.goedkeuring_fout("beheerder", "a", [], p.CONCEPT),
        p.goedkeuring_fout("fg", "a", [("leidinggevende", "a")], p.CONCEPT),
        p.goedkeuring_fout("leidinggevende", "c", [("leidinggevende", "a")], p.CONCEPT),
        p.goedkeuring_fout("fg", "b", [], p.UITGEVOERD),
    ):
        assert zin(fout), fout
    for status in (p.GOEDGEKEURD, p.UITGEVOERD):
        assert "al goedgekeurd of uitgevoerd" in p.goedkeuring_fout("fg", "b", [], status)
    assert not p.volledig_goedgekeurd([])
    assert not p.volledig_goedgekeurd([("leidinggevende", "a")])
    assert not p.volledig_goedgekeurd([("fg", "b")])
    assert p.volledig_goedgekeurd([("leidinggevende", "a"), ("fg", "b")])


# --- RT-03, RT-09, RT-11, RT-13: what the sweep may do ----------------------------------------------


def test_rt_13_sweep_destroys_list_types_only_from_an_approved_list():
    assert p.opruimbezwaar(p.VERLOPEN, False, None, False) == ""  # fixed date: no list needed
    assert p.opruimbezwaar(p.VERLOPEN, True, None, False) == "geen_goedgekeurde_lijst"
    assert p.opruimbezwaar(p.VERLOPEN, True, "vernietigen", False) == "geen_goedgekeurde_lijst"
    assert p.opruimbezwaar(p.VERLOPEN, True, "vernietigen", True) == ""
    assert p.opruimbezwaar(p.VERLOPEN, True, "overbrengen", True) == ""
    assert p.opruimbezwaar(p.VERLOPEN, True, "bewaren", True) == "geen_goedgekeurde_lijst"


def test_rt_12_the_sweep_never_touches_what_is_active_held_or_done():
    for status in (p.ACTIEF, p.GEBLOKKEERD, *p.UITKOMSTEN):
        assert p.opruimbezwaar(status, False, "vernietigen", True) == status


def test_rt_11_permanent_types_and_list_transfers_go_to_the_archive():
    assert p.wijze(p.VERNIETIGEN, "", None) == p.VERNIETIGD
    assert p.wijze(p.VERNIETIGEN, "", "vernietigen") == p.VERNIETIGD
    assert p.wijze(p.ANONIMISEREN, "", None) == p.GEANONIMISEERD
    assert p.wijze(p.VERNIETIGEN, "1.1.2", None) == p.OVERGEBRACHT
    assert p.wijze(p.VERNIETIGEN, "", "overbrengen") == p.OVERGEBRACHT
