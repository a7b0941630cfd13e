"""Pure rules of the registers: RG-01 (versions, items), RG-02 (DPIA states, steps, review), GP-02."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zorgvuldig.bewaren.policies import REGELS
from zorgvuldig.registers import policies as p
from zorgvuldig.registers.catalogus import ACTIVITEITEN

DPIA_STATUSSEN = [p.DPIA_CONCEPT, p.GEADVISEERD, p.DPIA_GOEDGEKEURD, p.IN_HERZIENING]


def test_rg_02_transition_table():
    """RG-02: concept → geadviseerd → goedgekeurd → in_herziening → geadviseerd, nothing else."""
    toegestaan = {
        (p.DPIA_CONCEPT, p.GEADVISEERD),
        (p.GEADVISEERD, p.DPIA_GOEDGEKEURD),
        (p.DPIA_GOEDGEKEURD, p.IN_HERZIENING),
        (p.IN_HERZIENING, p.GEADVISEERD),
    }
    for van in DPIA_STATUSSEN:
        for naar in DPIA_STATUSSEN:
            assert p.dpia_overgang_toegestaan(van, naar) == ((van, naar) in toegestaan), (van, naar)
    assert not p.dpia_overgang_toegestaan("onbekend", p.GEADVISEERD)


def test_rg_02_steps_are_written_in_concept_and_review_only():
    assert [s for s in DPIA_STATUSSEN if p.dpia_bewerkbaar(s)] == [p.DPIA_CONCEPT, p.IN_HERZIENING]


def test_rg_02_missing_steps_in_order():
    """RG-02: the four steps; blank or whitespace counts as missing."""
    assert p.ontbrekende_stappen({}) == ["proces", "rechtmatigheid", "risicos", "maatregelen"]
    assert p.ontbrekende_stappen(
        {"proces": "x", "rechtmatigheid": "  ", "risicos": None, "maatregelen": "y"}
    ) == [
        "rechtmatigheid",
        "risicos",
    ]
    assert (
        p.ontbrekende_stappen(dict.fromkeys(["proces", "rechtmatigheid", "risicos", "maatregelen"], "a"))
        == []
    )


def test_rg_02_review_date_defaults_to_three_years():
    assert p.standaard_herziendatum(dt.date(2026, 11, 27)) == dt.date(2029, 11, 27)
    assert p.standaard_herziendatum(dt.date(2028, 2, 29)) == dt.date(2031, 2, 28)


def test_rg_02_decision_dates():
    vandaag = dt.date(2026, 11, 27)
    assert p.besluit_fouten(vandaag, dt.date(2029, 11, 27), vandaag) == {}
    assert set(p.besluit_fouten(vandaag + dt.timedelta(days=1), dt.date(2029, 1, 1), vandaag)) == {
        "besluitdatum"
    }
    assert set(p.besluit_fouten(vandaag, vandaag, vandaag)) == {"herziendatum"}
    assert p.besluit_fouten(vandaag, vandaag + dt.timedelta(days=1), vandaag) == {}
    # the controller decides after the FG's advice (GDPR art 35(2)): the same day is fine, earlier is not
    gisteren = vandaag - dt.timedelta(days=1)
    assert p.besluit_fouten(vandaag, dt.date(2029, 1, 1), vandaag, geadviseerd=vandaag) == {}
    assert p.besluit_fouten(vandaag, dt.date(2029, 1, 1), vandaag, geadviseerd=gisteren) == {}
    assert set(p.besluit_fouten(gisteren, dt.date(2029, 1, 1), vandaag, geadviseerd=vandaag)) == {
        "besluitdatum"
    }


def test_rg_02_review_overdue_only_after_the_date_and_only_when_approved():
    d = dt.date(2026, 11, 27)
    assert not p.herziening_verlopen(p.DPIA_GOEDGEKEURD, d, d)
    assert p.herziening_verlopen(p.DPIA_GOEDGEKEURD, d, d + dt.timedelta(days=1))
    assert not p.herziening_verlopen(p.IN_HERZIENING, d, d + dt.timedelta(days=1))
    assert not p.herziening_verlopen(p.DPIA_GOEDGEKEURD, None, d)


@pytest.mark.parametrize(
    ("code", "bijzonder", "criterium_l", "nodig"),
    [
        ("rapportage", False, False, False),
        ("rapportage", True, False, True),
        ("toegangsbewaking", False, False, True),  # RP-06
        ("verwijsindex", False, False, False),
        ("verwijsindex", False, True, True),  # VI-23
        ("rapportage", False, True, False),
    ],
)
def test_rg_02_which_activities_need_a_dpia(code, bijzonder, criterium_l, nodig):
    """RG-02, RP-06, VI-23: special categories, staff monitoring, criterion (l)."""
    assert p.dpia_nodig(code=code, bijzondere_categorieen=bijzonder, criterium_l=criterium_l) is nodig


def test_rg_01_missing_items():
    """RG-01: every item must be filled before approval; an empty purpose list is missing too."""
    vol = {
        "doelen": ["ondersteuning"],
        "categorieen_betrokkenen": "a",
        "categorieen_gegevens": "b",
        "ontvangers": "c",
        "bewaartermijn": "d",
        "grondslag": "e",
        "beveiliging": "f",
    }
    assert p.ontbrekende_onderdelen(vol) == []
    assert p.ontbrekende_onderdelen({**vol, "doelen": []}) == ["doelen"]
    assert p.ontbrekende_onderdelen({**vol, "doelen": [" "]}) == ["doelen"]
    assert p.ontbrekende_onderdelen({**vol, "beveiliging": " ", "grondslag": ""}) == [
        "grondslag",
        "beveiliging",
    ]
    assert p.ontbrekende_onderdelen({}) == [v for v, _ in p.REGISTER_ONDERDELEN]


def test_rg_01_approved_versions_are_not_editable():
    assert p.versie_bewerkbaar(p.CONCEPT)
    assert not p.versie_bewerkbaar(p.GOEDGEKEURD)


@given(st.lists(st.tuples(st.integers(1, 50), st.sampled_from([p.CONCEPT, p.GOEDGEKEURD])), max_size=10))
def test_rg_01_current_version_is_the_latest_approved(versies):
    """RG-01: a newer concept never replaces the approved one."""
    goedgekeurd = [n for n, s in versies if s == p.GOEDGEKEURD]
    assert p.huidige_versie(versies) == (max(goedgekeurd) if goedgekeurd else None)


def test_rg_01_current_version_examples():
    assert p.huidige_versie([(1, p.GOEDGEKEURD), (2, p.CONCEPT)]) == 1
    assert p.huidige_versie([(1, p.GOEDGEKEURD), (3, p.GOEDGEKEURD), (2, p.GOEDGEKEURD)]) == 3
    assert p.huidige_versie([(1, p.CONCEPT)]) is None


def test_gp_02_shipped_purposes_cannot_be_deleted():
    assert p.doel_verwijder_weigering(meegeleverd=True, in_gebruik=False)
    assert p.doel_verwijder_weigering(meegeleverd=False, in_gebruik=True)
    assert p.doel_verwijder_weigering(meegeleverd=False, in_gebruik=False) is None


def test_rg_01_retention_text_comes_from_the_retention_rules():
    """RG-01, RT-10: every catalogue activity has a retention text made of existing rules."""
    for code in ACTIVITEITEN:
        assert set(p.BEWAARREGELS_PER_ACTIVITEIT[code]) <= set(REGELS), code
        assert p.bewaartermijn_tekst(code)
    assert p.bewaartermijn_tekst("sociaal-domein-ondersteuning").startswith(REGELS["dossier"].omschrijving)
    assert p.bewaartermijn_tekst("onbekend") == REGELS["register"].omschrijving


@pytest.mark.parametrize("grondslag", ["a", "b", "c", "d", "e", "f"])
def test_gp_03_private_organisation_may_choose_every_basis(grondslag):
    assert p.grondslag_fout(grondslag, "zorgaanbieder", bestuursorgaan=False) is None


@pytest.mark.parametrize("grondslag", [None, "", " a", "g", "A"])
def test_gp_03_basis_outside_the_closed_list_is_refused(grondslag):
    reden = p.grondslag_fout(grondslag, "zorgaanbieder", bestuursorgaan=False)
    assert reden and "a–f" in reden


@pytest.mark.parametrize(
    ("organisatie_type", "bestuursorgaan"),
    [("gemeentelijk_team", False), ("veilig_thuis", False), ("zorgaanbieder", True)],
)
def test_gp_03_public_body_cannot_rely_on_legitimate_interest(organisatie_type, bestuursorgaan):
    reden = p.grondslag_fout("f", organisatie_type, bestuursorgaan)
    assert reden and "GP-03" in reden
    assert p.grondslag_fout("e", organisatie_type, bestuursorgaan) is None


def test_gp_02_refusals_name_the_rule_and_say_why():
    meegeleverd = p.doel_verwijder_weigering(meegeleverd=True, in_gebruik=True)
    in_gebruik = p.doel_verwijder_weigering(meegeleverd=False, in_gebruik=True)
    assert meegeleverd and "GP-02" in meegeleverd
    assert in_gebruik and "GP-02" in in_gebruik
    assert meegeleverd != in_gebruik
    assert p.doel_verwijder_weigering(meegeleverd=True, in_gebruik=False) == meegeleverd


def test_rg_02_decision_date_refusals_give_a_reason_per_field():
    vandaag = dt.date(2026, 11, 27)
    morgen = vandaag + dt.timedelta(days=1)
    gisteren = vandaag - dt.timedelta(days=1)
    beide = p.besluit_fouten(morgen, morgen, vandaag)
    assert set(beide) == {"besluitdatum", "herziendatum"}
    assert all(r.strip() for r in beide.values())
    # a future decision is reported as such, even with an advice of later date
    toekomst = p.besluit_fouten(morgen, dt.date(2029, 1, 1), vandaag, geadviseerd=vandaag)
    voor_advies = p.besluit_fouten(gisteren, dt.date(2029, 1, 1), vandaag, geadviseerd=vandaag)
    assert set(toekomst) == set(voor_advies) == {"besluitdatum"}
    assert toekomst["besluitdatum"] != voor_advies["besluitdatum"]
    assert voor_advies["besluitdatum"].strip()
    assert p.besluit_fouten(vandaag, gisteren, vandaag)["herziendatum"].strip()


def test_rg_02_four_numbered_steps_and_review_after_three_years():
    assert [v for v, _ in p.DPIA_STAPPEN] == ["proces", "rechtmatigheid", "risicos", "maatregelen"]
    assert [label[:2] for _, label in p.DPIA_STAPPEN] == ["1.", "2.", "3.", "4."]
    assert p.HERZIEN_NA_JAREN == 3
    assert p.ontbrekende_stappen({"proces": "\t\n", "rechtmatigheid": "a", "risicos": "a"}) == [
        "proces",
        "maatregelen",
    ]


def test_rg_02_review_overdue_in_every_other_state_is_false():
    d = dt.date(2026, 11, 27)
    later = d + dt.timedelta(days=1)
    for status in (p.DPIA_CONCEPT, p.GEADVISEERD, p.IN_HERZIENING):
        assert not p.herziening_verlopen(status, d, later)
    assert p.herziening_verlopen(p.DPIA_GOEDGEKEURD, d, d + dt.timedelta(days=400))
    assert not p.herziening_verlopen(p.DPIA_GOEDGEKEURD, d, d - dt.timedelta(days=1))


def test_rg_02_dpia_needed_for_special_categories_whatever_the_activity():
    assert p.dpia_nodig(code="verwijsindex", bijzondere_categorieen=True, criterium_l=False)
    assert p.dpia_nodig(code="toegangsbewaking", bijzondere_categorieen=False, criterium_l=True)
    assert not p.dpia_nodig(code="casusoverleg", bijzondere_categorieen=False, criterium_l=True)


def test_rg_01_items_accept_tuples_and_count_whitespace_as_missing():
    vol = {v: "x" for v, _ in p.REGISTER_ONDERDELEN}
    assert p.ontbrekende_onderdelen({**vol, "doelen": ("ondersteuning",)}) == []
    assert p.ontbrekende_onderdelen({**vol, "doelen": ()}) == ["doelen"]
    assert p.ontbrekende_onderdelen({**vol, "doelen": [" ", "\t"]}) == ["doelen"]
    assert p.ontbrekende_onderdelen({**vol, "doelen": [" ", "zorg"]}) == []
    assert p.ontbrekende_onderdelen({**vol, "ontvangers": None, "bewaartermijn": "\n"}) == [
        "ontvangers",
        "bewaartermijn",
    ]
    assert [v for v, _ in p.REGISTER_ONDERDELEN] == [
        "doelen",
        "categorieen_betrokkenen",
        "categorieen_gegevens",
        "ontvangers",
        "bewaartermijn",
        "grondslag",
        "beveiliging",
    ]


def test_rg_01_versions_other_statuses_are_not_editable_or_current():
    assert not p.versie_bewerkbaar("onbekend")
    assert p.huidige_versie([]) is None
    assert p.huidige_versie([(4, "onbekend"), (2, p.GOEDGEKEURD)]) == 2


def test_rg_01_retention_text_joins_every_rule_of_the_activity():
    """RT-10: an activity that keeps several record types lists each rule, in order."""
    assert p.bewaartermijn_tekst("sociaal-domein-ondersteuning") == "; ".join(
        REGELS[c].omschrijving for c in ("dossier", "zorgsignaal", "toestemming")
    )
    assert p.bewaartermijn_tekst("verwijsindex") == "; ".join(
        REGELS[c].omschrijving for c in ("signaal", "vi_archief")
    )
