"""Pure rules of the registers: RG-01 (versions, items), RG-02 (DPIA states, steps, review), GP-02."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

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
    """RG-01, RT-10: every catalogue activity has a retention text made of existing rules, in words."""
    woorden = p.bewaartermijnen_in_woorden()
    assert set(woorden) == set(REGELS)  # every record type of the retention engine has its words
    for code in ACTIVITEITEN:
        assert set(p.BEWAARREGELS_PER_ACTIVITEIT[code]) <= set(REGELS), code
        assert p.bewaartermijn_tekst(code)
    assert p.bewaartermijn_tekst("sociaal-domein-ondersteuning").startswith("Dossier: 15 jaar na het einde")
    assert (
        p.bewaartermijn_tekst("onbekend") == "Registergegevens: 5 jaar nadat ze zijn vervangen of beëindigd."
    )


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
    """RT-10: an activity that keeps several record types lists each rule, in order, as one sentence."""
    w = p.bewaartermijnen_in_woorden()
    assert p.bewaartermijn_tekst("sociaal-domein-ondersteuning") == (
        "; ".join(w[c] for c in ("dossier", "zorgsignaal", "toestemming")) + "."
    )
    assert (
        p.bewaartermijn_tekst("verwijsindex")
        == "S" + "; ".join(w[c] for c in ("signaal", "vi_archief"))[1:] + "."
    )


# --- privacy officer review: retention in words, the statutory provision, the export for the AP ----------

SLEUTEL = re.compile(r"\b(?:retention|vi)\.[a-z_]+")


def test_rg_01_retention_texts_are_words_not_configuration_keys():
    """RG-01 (review finding a): a proposed retention text names no SPEC §0.2 key such as
    `retention.dossier_years`; it says what is kept and for how long."""
    for code in [*ACTIVITEITEN, "onbekend"]:
        tekst = p.bewaartermijn_tekst(code)
        assert not SLEUTEL.search(tekst) and "_" not in tekst, (code, tekst)
        assert tekst[0].isupper() and tekst.endswith("."), tekst
    for code, tekst in p.bewaartermijnen_in_woorden().items():
        assert not SLEUTEL.search(tekst) and ": " in tekst, code
    assert "15 jaar" in p.bewaartermijn_tekst("sociaal-domein-ondersteuning")
    assert "7 jaar" in p.bewaartermijn_tekst("verantwoording-toezicht")


def test_rg_01_retention_text_fills_in_the_configured_terms():
    """RG-01, RT-04, RT-01: the region's archive term and the sector terms as configured."""
    assert "36 maanden na het einde" in p.bewaartermijn_tekst("verwijsindex", vi_archief_maanden=36)
    assert "24 maanden na het einde" in p.bewaartermijn_tekst("verwijsindex")
    standaard = p.bewaartermijn_tekst("sociaal-domein-ondersteuning")
    assert "voor Zorg (Wgbo) 20 jaar" in standaard
    zonder = p.bewaartermijn_tekst("sociaal-domein-ondersteuning", sectortermijnen={})
    assert "sectorwet" not in zonder and zonder.startswith("Dossier: 15 jaar")
    twee = p.bewaartermijn_tekst(
        "sociaal-domein-ondersteuning", sectortermijnen={"Zorg (Wgbo)": 20, "Veilig Thuis": 25}
    )
    assert "na de laatste wijziging, voor Veilig Thuis 25 jaar, voor Zorg (Wgbo) 20 jaar;" in twee


def test_rg_01_a_stored_retention_text_with_keys_reads_in_words():
    """RG-01: a version proposed from the rules' own texts (with keys) is shown in words; the meaning, and
    a text the FG wrote, stay as they were."""
    oud = "; ".join(
        REGELS[c].omschrijving for c in p.BEWAARREGELS_PER_ACTIVITEIT["sociaal-domein-ondersteuning"]
    )
    assert p.leesbare_bewaartermijn(oud) == p.bewaartermijn_tekst("sociaal-domein-ondersteuning")
    for code, regel in REGELS.items():
        assert not SLEUTEL.search(p.leesbare_bewaartermijn(regel.omschrijving)), code
    assert p.leesbare_bewaartermijn("retention.admin_years (7) na beëindiging") == "7 jaar na beëindiging"
    assert p.leesbare_bewaartermijn("daarna retention.audit_years") == "daarna 7 jaar"
    assert p.leesbare_bewaartermijn("vi.archive_months (36) na het einde") == "36 maanden na het einde"
    assert p.leesbare_bewaartermijn("zie retention.sector_terms") == "zie de termijn van de sectorwet"
    assert p.leesbare_bewaartermijn("zie vi.signal_term_months") == "zie de looptijd van het signaal"
    eigen = "15 jaar na het einde van de ondersteuning; zie ook vi.onbekende_sleutel en www.example.org"
    assert p.leesbare_bewaartermijn(eigen) == eigen
    assert p.leesbare_bewaartermijn("") == ""


@pytest.mark.parametrize("grondslag", ["c", "e"])
@pytest.mark.parametrize("bepaling", ["", "  \n", None])
def test_gp_02_rg_01_basis_c_or_e_is_not_approved_without_its_provision(grondslag, bepaling):
    """RG-01, GP-02/GP-03 with AVG art. 6(3) (review finding b): a legal obligation or public task rests on
    a statute, so the register names the provision."""
    reden = p.wettelijke_bepaling_fout(grondslag, bepaling)
    assert reden and "AVG art. 6 lid 3" in reden and "RG-01" in reden and "wettelijke bepaling" in reden


@pytest.mark.parametrize("grondslag", ["a", "b", "d", "f", "", None])
def test_gp_02_rg_01_other_bases_need_no_provision(grondslag):
    assert p.wettelijke_bepaling_fout(grondslag, "") is None


@pytest.mark.parametrize("grondslag", ["c", "e"])
def test_gp_02_rg_01_a_named_provision_suffices(grondslag):
    assert p.wettelijke_bepaling_fout(grondslag, "Jeugdwet art. 2.3 en 7.1.1.1") is None
    assert {"c", "e"} == p.WETTELIJKE_GRONDSLAGEN


def _rij(**over):
    waarden = {
        "naam": "Ondersteuning door het wijkteam",
        "code": "sociaal-domein-ondersteuning",
        "versie": 2,
        "goedgekeurd_op": dt.date(2026, 11, 27),
        "doelen": ["Integraal plan", "Kwaliteit; beoordeling"],
        "grondslag": "e",
        "bepaling": "Jeugdwet art. 2.3",
        "betrokkenen": "Inwoners",
        "gegevens": "Naam, adres",
        "bijzonder": True,
        "ontvangers": "Casusteam",
        "bewaartermijn": REGELS["audit"].omschrijving,
        "beveiliging": "Twee factoren",
        "gezamenlijk": "",
        "dpia_status": "goedgekeurd",
    }
    return p.export_rij(**{**waarden, **over})


def test_rg_01_export_row_is_in_words():
    """AVG art. 30(1), RG-01 (review finding c): the basis by name, retention in words, the state of the
    linked DPIA (RG-02)."""
    rij = _rij()
    assert [k for k, _ in p.EXPORT_KOLOMMEN] == list(rij)
    assert rij["grondslag"] == "Publieke taak / openbaar gezag (AVG art. 6(1)(e))"
    assert rij["wettelijkeBepaling"] == "Jeugdwet art. 2.3" and rij["goedgekeurdOp"] == "2026-11-27"
    assert rij["bewaartermijn"] == "Logboek: 7 jaar (AU-03)."
    assert rij["dpia"] == "Goedgekeurd" and rij["bijzonderePersoonsgegevens"] is True
    assert rij["doelen"] == ["Integraal plan", "Kwaliteit; beoordeling"] and rij["versie"] == 2
    assert _rij(dpia_status=None)["dpia"] == "Geen"
    assert {_rij(dpia_status=s)["dpia"] for s in DPIA_STATUSSEN} == set(p.DPIA_IN_WOORDEN.values())
    assert len(set(p.DPIA_IN_WOORDEN.values())) == 4
    assert _rij(goedgekeurd_op=None)["goedgekeurdOp"] is None


def test_rg_01_export_csv_has_dutch_columns_and_one_row_per_activity():
    """AVG art. 30(4): readable Dutch column names; the controller and its FG on every row; a `;` inside a
    value does not split it."""
    tekst = p.export_csv(
        verwerkingsverantwoordelijke="College van B en W Krimpen",
        fg=p.fg_in_woorden("Anne Jansen", "fg@krimpen.example.org", ""),
        rijen=[_rij(), _rij(code="casusoverleg", bijzonder=False, doelen=[])],
    )
    kop, een, twee = list(csv.reader(io.StringIO(tekst), delimiter=";"))
    assert kop[:3] == ["Verwerkingsverantwoordelijke", "Functionaris gegevensbescherming", "Verwerking"]
    assert kop == [*p.CSV_VOORAF, *(k for _, k in p.EXPORT_KOLOMMEN)]
    assert not [k for k in kop if "_" in k or re.search(r"[a-z][A-Z]", k)]  # words, not field names
    rij = dict(zip(kop, een, strict=True))
    assert rij["Verwerkingsverantwoordelijke"] == "College van B en W Krimpen"
    assert rij["Functionaris gegevensbescherming"] == "Anne Jansen (fg@krimpen.example.org)"
    assert rij["Doelen"] == "Integraal plan; Kwaliteit; beoordeling"
    assert rij["Bijzondere persoonsgegevens"] == "ja" and rij["Versie"] == "2"
    assert rij["Gezamenlijke verwerkingsverantwoordelijken"] == ""
    tweede = dict(zip(kop, twee, strict=True))
    assert tweede["Code in het logboek"] == "casusoverleg" and tweede["Bijzondere persoonsgegevens"] == "nee"
    assert tweede["Doelen"] == ""
    assert p.export_csv(verwerkingsverantwoordelijke="X", fg="", rijen=[]).count("\r\n") == 1


def test_rg_01_fg_contact_in_one_cell():
    assert p.fg_in_woorden("Anne Jansen", "fg@krimpen.example.org", "0180-1") == (
        "Anne Jansen (fg@krimpen.example.org, 0180-1)"
    )
    assert p.fg_in_woorden("Anne Jansen", "", "") == "Anne Jansen"
    assert p.fg_in_woorden("", "fg@krimpen.example.org", "") == "fg@krimpen.example.org"
    assert p.fg_in_woorden("", "", "") == ""
