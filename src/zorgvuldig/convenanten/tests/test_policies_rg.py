"""Pure rules of RG-04 (changes, accession ends), RG-05 (the arrangement, breach notifier) and RG-06
(validity of agreements)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from zorgvuldig.convenanten import policies as p

D = dt.date
VOLLE_REGELING = {
    "modules": ["verwijsindex"],
    "informerenBetrokkenen": "x",
    "contactpunt": "x",
    "melderDatalekken": object(),
    "beveiliging": "x",
    "klachten": "x",
    "incidenten": "x",
    "aansprakelijkheid": "x",
}


def test_rg_04_only_a_concept_changes_and_an_active_one_only_its_arrangement():
    assert p.wijziging_toegestaan("concept", alleen_regeling=False)
    assert p.wijziging_toegestaan("concept", alleen_regeling=True)
    assert p.wijziging_toegestaan("actief", alleen_regeling=True)
    assert not p.wijziging_toegestaan("actief", alleen_regeling=False)
    assert not p.wijziging_toegestaan("beeindigd", alleen_regeling=True)
    assert not p.wijziging_toegestaan("beeindigd", alleen_regeling=False)


def test_vi_25_a_passed_accession_end_is_fixed():
    vandaag = D(2026, 6, 1)
    assert p.toetreding_wijziging_fout(huidig_tot=None, vandaag=vandaag) is None
    assert p.toetreding_wijziging_fout(huidig_tot=vandaag, vandaag=vandaag) is None  # still its last day
    assert p.toetreding_wijziging_fout(huidig_tot=D(2026, 5, 31), vandaag=vandaag) is not None


def test_rg_05_the_arrangement_has_the_items_of_gdpr_art_26():
    assert p.REGELING_SLEUTELS == (
        "modules",
        "informerenBetrokkenen",
        "contactpunt",
        "melderDatalekken",
        "beveiliging",
        "klachten",
        "incidenten",
        "aansprakelijkheid",
    )
    assert set(p.MODULES) == {"verwijsindex", "casusoverleg"}


def test_rg_05_a_complete_arrangement_misses_nothing():
    assert p.regeling_ontbrekend(VOLLE_REGELING) == []


@given(st.sets(st.sampled_from(p.REGELING_SLEUTELS), min_size=1), st.sampled_from(["", "  \n", None]))
def test_rg_05_each_empty_item_is_named_in_order(leeg, waarde):
    regeling = {
        k: (([] if k == "modules" else None if k == "melderDatalekken" else waarde) if k in leeg else v)
        for k, v in VOLLE_REGELING.items()
    }
    assert p.regeling_ontbrekend(regeling) == [k for k in p.REGELING_SLEUTELS if k in leeg]


def test_rg_05_a_missing_key_counts_as_empty():
    assert p.regeling_ontbrekend({}) == list(p.REGELING_SLEUTELS)


def test_rg_05_unknown_modules_are_named():
    assert p.onbekende_modules(["verwijsindex", "casusoverleg"]) == []
    assert p.onbekende_modules(["verwijsindex", "jeugdzorg"]) == ["jeugdzorg"]


def test_rg_05_breach_notifier_is_the_first_arrangement_covering_the_module_that_names_one():
    regelingen = [
        (["casusoverleg"], 1),
        (["verwijsindex"], None),
        (["verwijsindex", "casusoverleg"], 2),
        (["verwijsindex"], 3),
    ]
    assert p.melder(regelingen, "verwijsindex") == 2
    assert p.melder(regelingen, "casusoverleg") == 1
    assert p.melder(regelingen, "anders") is None
    assert p.melder([], "verwijsindex") is None
    assert p.melder([(["verwijsindex"], None)], "verwijsindex") is None


def test_rg_06_validity_from_the_dates_both_ends_inclusive():
    vanaf, tot = D(2026, 3, 1), D(2026, 3, 31)
    assert p.geldigheid(vanaf=vanaf, tot=tot, vandaag=D(2026, 2, 28)) == "toekomstig"
    assert p.geldigheid(vanaf=vanaf, tot=tot, vandaag=vanaf) == "geldig"
    assert p.geldigheid(vanaf=vanaf, tot=tot, vandaag=tot) == "geldig"
    assert p.geldigheid(vanaf=vanaf, tot=tot, vandaag=D(2026, 4, 1)) == "verlopen"
    assert p.geldigheid(vanaf=vanaf, tot=None, vandaag=D(2099, 1, 1)) == "geldig"


@given(st.dates(), st.integers(-400, 400), st.integers(-400, 400))
def test_rg_06_validity_matches_its_definition(vanaf, tot_na, vandaag_na):
    tot = vanaf + dt.timedelta(days=abs(tot_na))
    vandaag = vanaf + dt.timedelta(days=vandaag_na)
    g = p.geldigheid(vanaf=vanaf, tot=tot, vandaag=vandaag)
    assert (g == "geldig") == (vanaf <= vandaag <= tot)
    assert (g == "toekomstig") == (vandaag < vanaf)


def test_rg_06_warns_within_60_days_of_the_end_only():
    vandaag = D(2026, 1, 1)
    assert p.WAARSCHUWING_DAGEN == 60
    assert p.verloopt_binnenkort(tot=vandaag, vandaag=vandaag)
    assert p.verloopt_binnenkort(tot=D(2026, 3, 2), vandaag=vandaag)  # 60 days
    assert not p.verloopt_binnenkort(tot=D(2026, 3, 3), vandaag=vandaag)  # 61 days
    assert not p.verloopt_binnenkort(tot=D(2025, 12, 31), vandaag=vandaag)  # expired: no warning
    assert not p.verloopt_binnenkort(tot=None, vandaag=vandaag)
    assert p.verloopt_binnenkort(tot=D(2026, 1, 11), vandaag=vandaag, dagen=10)
    assert not p.verloopt_binnenkort(tot=D(2026, 1, 12), vandaag=vandaag, dagen=10)


def test_rg_06_an_agreement_ends_on_or_after_it_starts():
    assert p.geldigheid_fout(vanaf=D(2026, 1, 1), tot=None) is None
    assert p.geldigheid_fout(vanaf=D(2026, 1, 1), tot=D(2026, 1, 1)) is None
    assert "RG-06" in (p.geldigheid_fout(vanaf=D(2026, 1, 2), tot=D(2026, 1, 1)) or "")


VOLLE_INHOUD = {sleutel: "ingevuld" for sleutel in p.ONDERDEEL_SLEUTELS}


def test_rg_04_nine_items_in_letter_order():
    assert [letter for letter, _, _ in p.ONDERDELEN] == list("abcdefghi")
    assert p.ONDERDEEL_SLEUTELS == (
        "deelnemersEnDoelen",
        "bijzondereGegevens",
        "informeringBetrokkenen",
        "verwerkingenEnProtocol",
        "toestemmingKetenpartner",
        "zonderToestemming",
        "escalatie",
        "rechtenBetrokkenen",
        "beveiliging",
    )
    assert all(omschrijving.strip() for _, _, omschrijving in p.ONDERDELEN)


def test_rg_04_missing_items_blank_whitespace_or_absent_in_order():
    assert p.ontbrekende_onderdelen(VOLLE_INHOUD) == []
    assert p.ontbrekende_onderdelen({}) == list(p.ONDERDEEL_SLEUTELS)
    inhoud = {**VOLLE_INHOUD, "escalatie": " \n", "bijzondereGegevens": None, "beveiliging": ""}
    assert p.ontbrekende_onderdelen(inhoud) == ["bijzondereGegevens", "escalatie", "beveiliging"]


def test_rg_04_activation_refused_naming_letter_and_field_of_each_missing_item():
    assert p.activering_weigering(VOLLE_INHOUD) is None
    weigering = p.activering_weigering({**VOLLE_INHOUD, "bijzondereGegevens": "", "escalatie": "  "})
    assert weigering and "RG-04" in weigering
    assert "(b) bijzondereGegevens, (g) escalatie" in weigering
    assert "(a)" not in weigering
    assert (
        p.beschrijf_ontbrekend(["deelnemersEnDoelen", "beveiliging"])
        == "(a) deelnemersEnDoelen, (i) beveiliging"
    )
    assert p.beschrijf_ontbrekend([]) == ""


def test_rg_04_transitions_only_forward_and_staying_is_allowed():
    statussen = (p.CONCEPT, p.ACTIEF, p.BEEINDIGD)
    toegestaan = {(p.CONCEPT, p.ACTIEF), (p.ACTIEF, p.BEEINDIGD)} | {(s, s) for s in statussen}
    for van in statussen:
        for naar in statussen:
            assert p.overgang_toegestaan(van, naar) == ((van, naar) in toegestaan), (van, naar)
    assert not p.overgang_toegestaan("onbekend", p.ACTIEF)


def test_rg_04_accession_ends_on_or_after_its_start():
    assert p.toetreding_fout(datum=D(2026, 1, 2), tot=None) is None
    assert p.toetreding_fout(datum=D(2026, 1, 2), tot=D(2026, 1, 2)) is None
    assert p.toetreding_fout(datum=D(2026, 1, 2), tot=D(2026, 1, 3)) is None
    fout = p.toetreding_fout(datum=D(2026, 1, 2), tot=D(2026, 1, 1))
    assert fout and fout.strip()


def test_vi_25_refusal_names_the_rules_and_only_for_a_passed_end():
    vandaag = D(2026, 6, 1)
    fout = p.toetreding_wijziging_fout(huidig_tot=D(2026, 5, 31), vandaag=vandaag)
    assert fout and "VI-25" in fout and "RG-04" in fout
    assert p.toetreding_wijziging_fout(huidig_tot=D(2026, 6, 2), vandaag=vandaag) is None


def test_rg_06_end_before_start_refused_only_when_strictly_before():
    assert p.geldigheid_fout(vanaf=D(2026, 1, 1), tot=D(2026, 1, 2)) is None
    fout = p.geldigheid_fout(vanaf=D(2026, 1, 2), tot=D(2026, 1, 1))
    assert fout and "RG-06" in fout
