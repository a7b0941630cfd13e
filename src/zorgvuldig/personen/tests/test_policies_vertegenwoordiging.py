"""Representation (PE-04, PE-07, PE-08), who consents (CS-05, CS-14, CS-15, CS-16) and who may
exercise data-subject rights (RI-01, RI-02, RI-04). Pure: no Django, no database."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zorgvuldig.personen.policies import (
    HOEDANIGHEDEN,
    RELATIESOORTEN,
    SOORTEN_TOESTEMMING,
    UITZONDERINGEN,
    ZELF,
    LeeftijdOnbekend,
    Leeftijdscategorie,
    Relatie,
    Situatie,
    Uitkomst,
    mag_recht_uitoefenen,
    toets_gevers,
    vertegenwoordigers,
)

OP = date(2025, 6, 1)
ONDER_12 = Leeftijdscategorie.ONDER_12
JONG_12_15 = Leeftijdscategorie.JONG_12_15
JONG_16_17 = Leeftijdscategorie.JONG_16_17
VOLWASSEN = Leeftijdscategorie.VOLWASSEN
MINDERJARIG = [ONDER_12, JONG_12_15, JONG_16_17]

WRONG = "E_CS_WRONG_GIVER"
OBJECTS = "E_CS_PARENT_OBJECTS"
NOT_ENTITLED = "E_RI_NOT_ENTITLED"

MOEDER = Relatie("moeder", "ouder_met_gezag")
VADER = Relatie("vader", "ouder_met_gezag")
STIEFVADER = Relatie("stiefvader", "ouder")  # a parent without gezag
VOOGD = Relatie("voogd", "voogd")
CURATOR = Relatie("curator", "curator", reikwijdte=frozenset({"zorg", "vermogen"}))
MENTOR = Relatie("mentor", "mentor", reikwijdte=frozenset({"zorg", "behandeling", "begeleiding"}))
PARTNER = Relatie("partner", "echtgenoot_partner")
ZUS = Relatie("zus", "meerderjarige_broer_zus")
KIND = Relatie("kind", "meerderjarig_kind")
OUDER = Relatie("ouder", "ouder")


def sit(categorie, *relaties, **kwargs) -> Situatie:
    return Situatie(categorie, relaties, **kwargs)


def niet(r: Relatie) -> Relatie:
    """The same relation, but the person is unwilling to act (PE-08)."""
    return Relatie(r.persoon, r.soort, r.vanaf, r.tot, False, r.reikwijdte)


def toets(s: Situatie, soort: str, *gevers: str, **kwargs) -> Uitkomst:
    return toets_gevers(s, soort=soort, gevers=frozenset(gevers), op=OP, **kwargs)


def mag(s: Situatie, indiener: str, hoedanigheid: str, **kwargs) -> Uitkomst:
    return mag_recht_uitoefenen(s, indiener=indiener, hoedanigheid=hoedanigheid, op=OP, **kwargs)


def ja(u: Uitkomst, regel: str) -> None:
    assert u.toegestaan, u.reden
    assert u.code is None
    assert u.reden.startswith(regel + ":"), u.reden


def nee(u: Uitkomst, code: str, regel: str) -> None:
    assert not u.toegestaan, u.reden
    assert u.code == code, u.reden
    assert u.reden.startswith(regel + ":"), u.reden


GEZIN = sit(ONDER_12, MOEDER, VADER, STIEFVADER)
GEZIN_13 = sit(JONG_12_15, MOEDER, VADER, STIEFVADER)


# --- Relatie --------------------------------------------------------------------------------------


def test_pe_04_relatie_geldig_van_vanaf_tot_en_met_tot():
    """PE-04/PE-08: a relation counts from `vanaf` through `tot` inclusive; open ends are open."""
    r = Relatie("p", "voogd", vanaf=date(2025, 1, 1), tot=date(2025, 12, 31))
    assert not r.geldig_op(date(2024, 12, 31))
    assert r.geldig_op(date(2025, 1, 1))
    assert r.geldig_op(date(2025, 12, 31))
    assert not r.geldig_op(date(2026, 1, 1))
    assert Relatie("p", "voogd").geldig_op(date(1900, 1, 1))
    assert Relatie("p", "voogd", vanaf=date(2025, 1, 1)).geldig_op(date(2999, 1, 1))
    assert not Relatie("p", "voogd", tot=date(2025, 1, 1)).geldig_op(date(2025, 1, 2))


def test_pe_04_onbekende_relatiesoort_wordt_geweigerd():
    """PE-04 / API §2.2: only the listed kinds of relation exist (no 'verzorger' without gezag)."""
    with pytest.raises(ValueError, match="relatiesoort"):
        Relatie("p", "verzorger")


def test_pe_05_situatie_normaliseert_invoer():
    """PE-05: a band given as its API string and relations as a list are accepted as enum and tuple."""
    s = Situatie("12_15", [MOEDER])  # type: ignore[arg-type]
    assert s.categorie is JONG_12_15
    assert s.relaties == (MOEDER,)
    r = Relatie("c", "curator", reikwijdte={"zorg"})  # type: ignore[arg-type]
    assert isinstance(r.reikwijdte, frozenset)
    assert r.reikwijdte == {"zorg"}
    assert hash(r) == hash(Relatie("c", "curator", reikwijdte=frozenset({"zorg"})))


# --- vertegenwoordigers: PE-04 -----------------------------------------------------------------------


@pytest.mark.parametrize("categorie", MINDERJARIG)
def test_pe_04_minderjarige_alle_gezaghebbende_ouders(categorie):
    """PE-04: a minor is represented by every parent with gezag (joint gezag), not a parent without."""
    assert vertegenwoordigers(sit(categorie, VADER, STIEFVADER, MOEDER), OP) == ["moeder", "vader"]


def test_pe_04_voogd_alleen_als_er_geen_ouder_met_gezag_is():
    """PE-04: the guardian represents only when no parent exercises gezag on that date."""
    assert vertegenwoordigers(sit(JONG_12_15, MOEDER, VOOGD), OP) == ["moeder"]
    assert vertegenwoordigers(sit(JONG_12_15, VOOGD, STIEFVADER), OP) == ["voogd"]
    verlopen = Relatie("moeder", "ouder_met_gezag", tot=OP - timedelta(days=1))
    assert vertegenwoordigers(sit(JONG_12_15, verlopen, VOOGD), OP) == ["voogd"]
    nog_niet = Relatie("moeder", "ouder_met_gezag", vanaf=OP + timedelta(days=1))
    assert vertegenwoordigers(sit(JONG_12_15, nog_niet, VOOGD), OP) == ["voogd"]


def test_pe_04_zonder_gezaghebbende_geen_vertegenwoordiger():
    """PE-04: a parent without gezag, a partner or sibling is no legal representative of a capable minor."""
    assert vertegenwoordigers(sit(JONG_16_17, STIEFVADER, ZUS, PARTNER), OP) == []


def test_pe_04_gezag_hangt_niet_af_van_bereidheid():
    """PE-04: gezag is a legal position; PE-08's willingness only ranks representatives of the incapable."""
    assert vertegenwoordigers(sit(ONDER_12, niet(MOEDER)), OP) == ["moeder"]


def test_pe_05_vertegenwoordigers_zonder_leeftijd():
    """PE-05: without an age band representation cannot be determined."""
    with pytest.raises(LeeftijdOnbekend, match="PE-05"):
        vertegenwoordigers(sit(None, MOEDER), OP)


# --- vertegenwoordigers: PE-07, PE-08, CS-16 ------------------------------------------------------------


def test_pe_08_rang_1_curator_of_mentor_gaat_voor():
    """PE-08: for an incapacitated adult the curator and mentor (rank 1) come before everyone else."""
    s = sit(VOLWASSEN, PARTNER, ZUS, MENTOR, CURATOR, wilsonbekwaam=True)
    assert vertegenwoordigers(s, OP) == ["curator", "mentor"]


def test_pe_08_rang_2_partner_als_rang_1_ontbreekt_of_niet_bereid_is():
    """PE-08: spouse/partner acts when no willing curator or mentor is registered."""
    assert vertegenwoordigers(sit(VOLWASSEN, PARTNER, KIND, wilsonbekwaam=True), OP) == ["partner"]
    assert vertegenwoordigers(sit(VOLWASSEN, niet(CURATOR), PARTNER, KIND, wilsonbekwaam=True), OP) == [
        "partner"
    ]


def test_pe_08_rang_3_ouder_broer_zus_kind_samen():
    """PE-08: rank 3 (parent, adult sibling, adult child) when ranks 1 and 2 are absent or unwilling."""
    s = sit(VOLWASSEN, niet(PARTNER), KIND, ZUS, OUDER, STIEFVADER, wilsonbekwaam=True)
    assert vertegenwoordigers(s, OP) == ["ouder", "stiefvader", "zus", "kind"]


def test_pe_08_onwillige_in_rang_3_wordt_overgeslagen_en_niemand_blijft_over():
    """PE-08: unwilling persons are skipped; with nobody willing there is no representative."""
    s = sit(VOLWASSEN, niet(PARTNER), niet(ZUS), KIND, wilsonbekwaam=True)
    assert vertegenwoordigers(s, OP) == ["kind"]
    assert vertegenwoordigers(sit(VOLWASSEN, niet(KIND), wilsonbekwaam=True), OP) == []


def test_pe_08_verlopen_hogere_rang_telt_niet():
    """PE-08: a rank counts only while its relation is valid on the date of the act."""
    oud = Relatie("curator", "curator", tot=OP - timedelta(days=1))
    assert vertegenwoordigers(sit(VOLWASSEN, oud, PARTNER, wilsonbekwaam=True), OP) == ["partner"]


def test_pe_08_ouder_met_gezag_van_een_volwassene_is_een_ouder():
    """PE-08: a parent whose (stale) gezag relation was never closed still counts as parent, rank 3."""
    s = sit(VOLWASSEN, MOEDER, ZUS, wilsonbekwaam=True)
    assert vertegenwoordigers(s, OP) == ["moeder", "zus"]
    assert vertegenwoordigers(sit(VOLWASSEN, MOEDER, PARTNER, wilsonbekwaam=True), OP) == ["partner"]


def test_pe_07_wilsonbekwame_16_17_eerst_gezaghebbers_dan_pe_08():
    """PE-07: an incapacitated 16–17-year-old is represented by the gezag holders; if they are
    unwilling, PE-08 ranks 2–3 follow."""
    assert vertegenwoordigers(sit(JONG_16_17, MOEDER, VADER, ZUS, wilsonbekwaam=True), OP) == [
        "moeder",
        "vader",
    ]
    assert vertegenwoordigers(sit(JONG_16_17, niet(MOEDER), VADER, ZUS, wilsonbekwaam=True), OP) == ["vader"]
    s = sit(JONG_16_17, niet(MOEDER), niet(VADER), STIEFVADER, ZUS, CURATOR, wilsonbekwaam=True)
    assert vertegenwoordigers(s, OP) == ["stiefvader", "zus"]
    assert vertegenwoordigers(sit(JONG_16_17, VOOGD, ZUS, wilsonbekwaam=True), OP) == ["voogd"]


def test_pe_07_wilsonbekwaamheid_telt_pas_vanaf_16():
    """PE-07: incapacity is determined for persons of 16+; under 16 PE-04 applies unchanged."""
    s = sit(JONG_12_15, niet(MOEDER), ZUS, wilsonbekwaam=True)
    assert vertegenwoordigers(s, OP) == ["moeder"]


def test_cs_16_bekwame_volwassene_alleen_curator_of_mentor():
    """CS-16: a capable adult acts themself; only a willing curator/mentor represents them."""
    assert vertegenwoordigers(sit(VOLWASSEN, PARTNER, OUDER), OP) == []
    assert vertegenwoordigers(sit(VOLWASSEN, PARTNER, MENTOR), OP) == ["mentor"]
    assert vertegenwoordigers(sit(VOLWASSEN, niet(MENTOR)), OP) == []
    beeindigd = Relatie("mentor", "mentor", vanaf=date(2020, 1, 1), tot=OP - timedelta(days=1))
    assert vertegenwoordigers(sit(VOLWASSEN, beeindigd), OP) == []


# --- property tests on representation ---------------------------------------------------------------

PERSONEN = ["a", "b", "c", "d", "e"]
optionele_datum = st.none() | st.dates(min_value=OP - timedelta(days=3), max_value=OP + timedelta(days=3))
relaties = st.builds(
    Relatie,
    persoon=st.sampled_from(PERSONEN),
    soort=st.sampled_from(RELATIESOORTEN),
    vanaf=optionele_datum,
    tot=optionele_datum,
    bereid=st.booleans(),
    reikwijdte=st.frozensets(st.sampled_from(["zorg", "behandeling", "begeleiding", "vermogen"])),
)
situaties = st.builds(
    Situatie,
    categorie=st.sampled_from(list(Leeftijdscategorie)),
    relaties=st.lists(relaties, max_size=7).map(tuple),
    wilsonbekwaam=st.booleans(),
    bekwaam_12_15=st.sampled_from([None, True, False]),
)


def rang_orakel(s: Situatie, r: Relatie) -> int | None:
    """Independent statement of PE-04/PE-08 ranks for an incapacitated person of 16+."""
    volwassen = s.categorie is VOLWASSEN
    if r.soort in ("curator", "mentor"):
        return 1 if volwassen else None
    if r.soort == "ouder_met_gezag":
        return 3 if volwassen else 1
    if r.soort == "voogd":
        heeft_ouder_met_gezag = any(x.soort == "ouder_met_gezag" and x.geldig_op(OP) for x in s.relaties)
        return None if volwassen or heeft_ouder_met_gezag else 1
    return 2 if r.soort == "echtgenoot_partner" else 3


@given(s=situaties)
def test_pe_08_vertegenwoordiger_heeft_een_geldige_relatie(s):
    """PE-04/PE-08: nobody is returned whose relation is not valid on the date of the act."""
    for persoon in vertegenwoordigers(s, OP):
        assert any(r.persoon == persoon and r.geldig_op(OP) for r in s.relaties)


@given(s=situaties, seed=st.integers())
def test_pe_08_uitkomst_hangt_niet_af_van_de_volgorde_van_relaties(s, seed):
    """PE-08: the result is deterministic: same persons, same order, whatever order relations have."""
    gehusseld = list(s.relaties)
    random.Random(seed).shuffle(gehusseld)
    uitkomst = vertegenwoordigers(s, OP)
    assert vertegenwoordigers(Situatie(s.categorie, tuple(gehusseld), s.wilsonbekwaam), OP) == uitkomst
    assert len(set(uitkomst)) == len(uitkomst)


@given(s=situaties)
def test_pe_08_geen_lagere_rang_naast_een_bereide_hogere(s):
    """PE-08: an incapacitated person of 16+ gets exactly the willing persons of the highest rank that
    has one; a lower rank never appears while a willing higher rank is registered."""
    if not s.wilsonbekwaam or s.categorie not in (JONG_16_17, VOLWASSEN):
        return
    bereid = [(rang_orakel(s, r), r.persoon) for r in s.relaties if r.geldig_op(OP) and r.bereid]
    bereid = [(rang, p) for rang, p in bereid if rang is not None]
    uitkomst = vertegenwoordigers(s, OP)
    if not bereid:
        assert uitkomst == []
        return
    hoogste = min(rang for rang, _ in bereid)
    assert set(uitkomst) == {p for rang, p in bereid if rang == hoogste}


@given(s=situaties)
def test_pe_04_bekwame_minderjarige_heeft_precies_de_gezaghebbers(s):
    """PE-04: a capable minor's representatives are the parents with gezag, else the guardian(s)."""
    if s.categorie is VOLWASSEN or (s.wilsonbekwaam and s.categorie is JONG_16_17):
        return
    geldig = [r for r in s.relaties if r.geldig_op(OP)]
    ouders = {r.persoon for r in geldig if r.soort == "ouder_met_gezag"}
    voogden = {r.persoon for r in geldig if r.soort == "voogd"}
    assert set(vertegenwoordigers(s, OP)) == (ouders or voogden)


# --- toets_gevers: the "Who consents" table, CS-05 ---------------------------------------------------


def test_cs_05_geen_gevers_is_de_verkeerde_gever():
    """CS-05: a consent without any giver is refused."""
    nee(toets(sit(VOLWASSEN), "grondslag_verwerking"), WRONG, "CS-05")


def test_cs_05_onder_12_routine_een_gezaghebbende_ouder_volstaat():
    """CS-05: under joint gezag a routine consent (kind 1) needs one parent with gezag."""
    ja(toets(GEZIN, "grondslag_verwerking", "moeder"), "CS-05")
    ja(toets(GEZIN, "grondslag_verwerking", "vader"), "CS-05")
    ja(toets(GEZIN, "grondslag_verwerking", "moeder", "vader"), "CS-05")


@pytest.mark.parametrize(
    ("soort", "extra"),
    [
        ("doorbreking_beroepsgeheim", {}),
        ("start_jeugdhulp", {}),
        ("grondslag_verwerking", {"bijzondere_gegevens": True}),
        ("overig", {"is_grondslag": False, "bijzondere_gegevens": True}),
    ],
)
def test_cs_05_niet_routine_beide_ouders_of_geen_bezwaar(soort, extra):
    """CS-05: non-routine consent (kinds 2, 3 or special-category data) needs both parents with gezag,
    or one plus the other's recorded informed non-objection."""
    nee(toets(GEZIN, soort, "moeder", **extra), WRONG, "CS-05")
    ja(toets(GEZIN, soort, "moeder", "vader", **extra), "CS-05")
    ja(toets(GEZIN, soort, "vader", andere_ouder_geen_bezwaar=frozenset({"moeder"}), **extra), "CS-05")
    # the non-objection of a parent without gezag does not replace the other gezag holder
    geen_bezwaar_stief = frozenset({"stiefvader"})
    nee(toets(GEZIN, soort, "vader", andere_ouder_geen_bezwaar=geen_bezwaar_stief, **extra), WRONG, "CS-05")
    # a non-objection alone is no consent: someone with gezag must give it
    beide = frozenset({"moeder", "vader"})
    nee(toets(GEZIN, soort, "stiefvader", andere_ouder_geen_bezwaar=beide, **extra), WRONG, "CS-05")


def test_cs_05_een_gezaghebbende_mag_niet_routine_alleen():
    """CS-05: with a single gezag holder that one suffices, also for non-routine consent."""
    ja(toets(sit(ONDER_12, MOEDER), "doorbreking_beroepsgeheim", "moeder"), "CS-05")
    ja(toets(sit(ONDER_12, VOOGD, STIEFVADER), "start_jeugdhulp", "voogd"), "CS-05")


def test_cs_05_ouder_zonder_gezag_of_vreemde_is_verkeerde_gever():
    """CS-05/PE-04: a parent without gezag or a stranger is not a giver, alone or next to a valid one."""
    nee(toets(GEZIN, "grondslag_verwerking", "stiefvader"), WRONG, "CS-05")
    nee(toets(GEZIN, "grondslag_verwerking", "buurman"), WRONG, "CS-05")
    nee(toets(GEZIN, "grondslag_verwerking", "moeder", "buurman"), WRONG, "CS-05")


def test_pe_04_zonder_gezaghebbende_kan_niemand_voor_het_kind_toestemmen():
    """PE-04/CS-05: with no parent with gezag or guardian the youth's consent cannot be completed."""
    nee(toets(sit(JONG_12_15, STIEFVADER), "start_jeugdhulp", ZELF), WRONG, "PE-04")
    nee(toets(sit(ONDER_12, STIEFVADER), "grondslag_verwerking", "stiefvader"), WRONG, "CS-05")


def test_cs_05_bezwaar_van_gezaghebbende_ouder_blokkeert():
    """CS-05: a parent-with-gezag's recorded objection blocks, even for routine consent by the other."""
    nee(toets(GEZIN, "grondslag_verwerking", "moeder", bezwaar=frozenset({"vader"})), OBJECTS, "CS-05")
    nee(
        toets(GEZIN_13, "start_jeugdhulp", ZELF, "moeder", "vader", bezwaar=frozenset({"vader"})),
        OBJECTS,
        "CS-05",
    )


def test_cs_05_bezwaar_van_ouder_zonder_gezag_telt_niet():
    """CS-05: only a parent with gezag can block; a parent without gezag has no say."""
    ja(toets(GEZIN, "grondslag_verwerking", "moeder", bezwaar=frozenset({"stiefvader"})), "CS-05")


def test_cs_05_onder_12_geeft_het_kind_geen_toestemming():
    """CS-05 table, under 12: representatives only, in every column."""
    for soort, regel in zip(SOORTEN_TOESTEMMING, ["CS-14", "CS-05", "CS-05", "CS-14"], strict=True):
        nee(toets(GEZIN, soort, ZELF), WRONG, regel)
        nee(toets(GEZIN, soort, ZELF, "moeder", "vader"), WRONG, regel)
    nee(toets(GEZIN, "overig", ZELF, is_grondslag=False), WRONG, "CS-05")


def test_cs_05_tabel_12_15_kolom_1_vertegenwoordiger_met_gehoorde_jongere():
    """CS-05 table, 12–15, kind (1): the representative consents, the youth not; the youth's view heard."""
    ja(toets(GEZIN_13, "grondslag_verwerking", "moeder", jongere_gehoord=True), "CS-05")
    nee(toets(GEZIN_13, "grondslag_verwerking", ZELF, jongere_gehoord=True), WRONG, "CS-14")
    nee(toets(GEZIN_13, "grondslag_verwerking", ZELF, "moeder", jongere_gehoord=True), WRONG, "CS-14")


def test_cs_14_vanaf_12_moet_de_mening_van_de_jongere_vastliggen():
    """CS-14: kind (1) under 16: from 12 the youth's view is recorded, else the giver check fails."""
    nee(toets(GEZIN_13, "grondslag_verwerking", "moeder"), WRONG, "CS-14")
    ja(toets(GEZIN, "grondslag_verwerking", "moeder"), "CS-05")  # under 12 not required


@pytest.mark.parametrize("categorie", [ONDER_12, JONG_12_15])
def test_cs_14_gratis_en_direct_de_jongere_alleen(categorie):
    """CS-14: prevention/counselling offered free and directly to the minor: the youth's own consent
    suffices under 16, without parents and without a separate hearing."""
    s = sit(categorie, MOEDER, VADER)
    cs14 = {"uitzondering": "gratis_direct_aan_minderjarige", "activiteit_gratis_direct": True}
    ja(toets(s, "grondslag_verwerking", ZELF, **cs14), "CS-14")
    ja(toets(s, "overig", ZELF, is_grondslag=True, **cs14), "CS-14")
    # both conditions are needed: the recorded ground and the purpose flagged in RG-01
    nee(toets(s, "grondslag_verwerking", ZELF, uitzondering="gratis_direct_aan_minderjarige"), WRONG, "CS-14")
    nee(toets(s, "grondslag_verwerking", ZELF, activiteit_gratis_direct=True), WRONG, "CS-14")
    # only for kind (1): a secrecy release still needs the representative(s)
    nee(toets(s, "doorbreking_beroepsgeheim", ZELF, **cs14), WRONG, "CS-05")
    # a stranger does not become a giver under the exception
    nee(toets(s, "grondslag_verwerking", ZELF, "buurman", **cs14), WRONG, "CS-05")


def test_cs_14_bezwaar_van_ouder_blokkeert_ook_bij_gratis_direct():
    """CS-05/CS-14: only CS-15 sets a parent's objection aside; under CS-14 it still blocks."""
    cs14 = {"uitzondering": "gratis_direct_aan_minderjarige", "activiteit_gratis_direct": True}
    nee(
        toets(GEZIN_13, "grondslag_verwerking", ZELF, bezwaar=frozenset({"moeder"}), **cs14), OBJECTS, "CS-05"
    )


@pytest.mark.parametrize("soort", ["doorbreking_beroepsgeheim", "start_jeugdhulp"])
def test_cs_05_tabel_12_15_kolom_2_3_jongere_en_vertegenwoordigers(soort):
    """CS-05 table, 12–15, kinds (2), (3): youth **and** representative(s)."""
    ja(toets(GEZIN_13, soort, ZELF, "moeder", "vader"), "CS-05")
    nee(toets(GEZIN_13, soort, "moeder", "vader"), WRONG, "CS-05")
    nee(toets(GEZIN_13, soort, ZELF), WRONG, "CS-05")
    nee(toets(GEZIN_13, soort, ZELF, "moeder"), WRONG, "CS-05")  # non-routine under joint gezag
    ja(toets(GEZIN_13, soort, ZELF, "moeder", andere_ouder_geen_bezwaar=frozenset({"vader"})), "CS-05")
    nee(toets(GEZIN_13, soort, ZELF, "stiefvader"), WRONG, "CS-05")


@pytest.mark.parametrize("grond", ["ernstig_nadeel", "jongere_volhardt"])
@pytest.mark.parametrize("soort", ["doorbreking_beroepsgeheim", "start_jeugdhulp"])
def test_cs_15_jongere_alleen_bij_ernstig_nadeel_of_volharden(soort, grond):
    """CS-15: at 12–15 the youth alone suffices for kinds (2), (3) under a recorded CS-15 ground, and a
    parent's objection does not block (CS-05)."""
    ja(toets(GEZIN_13, soort, ZELF, uitzondering=grond), "CS-15")
    ja(toets(GEZIN_13, soort, ZELF, uitzondering=grond, bezwaar=frozenset({"moeder", "vader"})), "CS-15")
    nee(toets(GEZIN_13, soort, "moeder", "vader", uitzondering=grond), WRONG, "CS-15")


@pytest.mark.parametrize("grond", ["ernstig_nadeel", "jongere_volhardt"])
def test_cs_15_geldt_niet_onder_12_en_niet_voor_kolom_1(grond):
    """CS-15: only at 12–15 and only for kinds (2), (3); elsewhere the ground changes nothing."""
    nee(toets(GEZIN, "start_jeugdhulp", ZELF, uitzondering=grond), WRONG, "CS-05")
    vader_bezwaar = frozenset({"vader"})
    nee(
        toets(GEZIN, "start_jeugdhulp", "moeder", "vader", uitzondering=grond, bezwaar=vader_bezwaar),
        OBJECTS,
        "CS-05",
    )
    nee(toets(GEZIN_13, "grondslag_verwerking", ZELF, uitzondering=grond), WRONG, "CS-14")
    gehoord = {"jongere_gehoord": True, "uitzondering": grond, "bezwaar": vader_bezwaar}
    nee(toets(GEZIN_13, "grondslag_verwerking", "moeder", **gehoord), OBJECTS, "CS-05")


def test_cs_05_soort_4_volgt_kolom_1_of_kolom_2_3():
    """CS-05 table: kind (4) uses column (1) if consent is the legal basis, else (2)–(3)."""
    # as legal basis: the representative, youth heard; the youth does not sign
    ja(toets(GEZIN_13, "overig", "moeder", is_grondslag=True, jongere_gehoord=True), "CS-05")
    nee(toets(GEZIN_13, "overig", ZELF, "moeder", is_grondslag=True, jongere_gehoord=True), WRONG, "CS-14")
    # otherwise: youth and representative; routine, so one parent with gezag suffices
    ja(toets(GEZIN_13, "overig", ZELF, "moeder", is_grondslag=False), "CS-05")
    nee(toets(GEZIN_13, "overig", "moeder", "vader", is_grondslag=False), WRONG, "CS-05")
    ja(toets(GEZIN_13, "overig", ZELF, is_grondslag=False, uitzondering="ernstig_nadeel"), "CS-15")
    nee(toets(GEZIN_13, "overig", ZELF, is_grondslag=False), WRONG, "CS-05")


@pytest.mark.parametrize("soort", SOORTEN_TOESTEMMING)
@pytest.mark.parametrize("categorie", [JONG_16_17, VOLWASSEN])
def test_cs_05_vanaf_16_alleen_de_betrokkene_zelf(categorie, soort):
    """CS-05 table, 16–17 and 18+: the person consents themself; parents neither give nor block."""
    s = sit(categorie, MOEDER, VADER, PARTNER)
    ja(toets(s, soort, ZELF, bezwaar=frozenset({"moeder"})), "CS-05")
    nee(toets(s, soort, "moeder"), WRONG, "CS-05")
    nee(toets(s, soort, ZELF, "moeder"), WRONG, "CS-05")
    nee(toets(s, soort, "partner"), WRONG, "CS-05")


# --- toets_gevers: incapacity (PE-07, PE-08) and curatele/mentorschap (CS-16) --------------------------


def test_pe_07_wilsonbekwame_16_17_gezaghebbers_geven_toestemming():
    """PE-07/CS-05: for an incapacitated 16–17-year-old the gezag holders consent, jointly where
    non-routine; the youth does not; a parent's objection blocks."""
    s = sit(JONG_16_17, MOEDER, VADER, ZUS, wilsonbekwaam=True)
    nee(toets(s, "grondslag_verwerking", ZELF), WRONG, "PE-08")
    ja(toets(s, "grondslag_verwerking", "moeder"), "CS-05")
    nee(toets(s, "start_jeugdhulp", "moeder"), WRONG, "CS-05")
    ja(toets(s, "start_jeugdhulp", "moeder", "vader"), "CS-05")
    nee(toets(s, "grondslag_verwerking", "zus"), WRONG, "PE-08")
    nee(toets(s, "grondslag_verwerking", "moeder", bezwaar=frozenset({"vader"})), OBJECTS, "CS-05")
    # a parent whose gezag ended before the date of the act can no longer block
    ex = Relatie("vader", "ouder_met_gezag", vanaf=date(2010, 1, 1), tot=OP - timedelta(days=1))
    s = sit(JONG_16_17, MOEDER, ex, wilsonbekwaam=True)
    ja(toets(s, "grondslag_verwerking", "moeder", bezwaar=frozenset({"vader"})), "CS-05")


def test_pe_08_wilsonbekwame_16_17_zonder_bereide_ouders():
    """PE-08: for an incapacitated 16–17-year-old whose gezag holders are unwilling, rank 2–3 act."""
    s = sit(JONG_16_17, niet(MOEDER), ZUS, wilsonbekwaam=True)
    ja(toets(s, "start_jeugdhulp", "zus"), "PE-08")
    nee(toets(s, "start_jeugdhulp", "moeder"), WRONG, "PE-08")


def test_pe_08_wilsonbekwame_volwassene_volgt_de_rangorde():
    """PE-08: a lower rank cannot consent while a willing higher rank is registered."""
    s = sit(VOLWASSEN, CURATOR, PARTNER, KIND, wilsonbekwaam=True)
    ja(toets(s, "doorbreking_beroepsgeheim", "curator"), "PE-08")
    nee(toets(s, "doorbreking_beroepsgeheim", "partner"), WRONG, "PE-08")
    nee(toets(s, "doorbreking_beroepsgeheim", ZELF), WRONG, "PE-08")
    s = sit(VOLWASSEN, niet(CURATOR), PARTNER, KIND, wilsonbekwaam=True)
    ja(toets(s, "doorbreking_beroepsgeheim", "partner"), "PE-08")
    nee(toets(s, "doorbreking_beroepsgeheim", "kind"), WRONG, "PE-08")
    nee(toets(s, "doorbreking_beroepsgeheim", "partner", "kind"), WRONG, "PE-08")
    nee(toets(sit(VOLWASSEN, niet(KIND), wilsonbekwaam=True), "overig", "kind"), WRONG, "PE-08")


def test_pe_08_curator_buiten_reikwijdte_treedt_niet_op_voor_wilsonbekwame():
    """PE-08/CS-16: outside the court order's scope the curator does not act; the next rank does."""
    alleen_vermogen = Relatie("curator", "curator", reikwijdte=frozenset({"vermogen"}))
    s = sit(VOLWASSEN, alleen_vermogen, PARTNER, wilsonbekwaam=True)
    ja(toets(s, "start_jeugdhulp", "partner", curatele_reikwijdte_nodig="zorg"), "PE-08")
    nee(toets(s, "start_jeugdhulp", "curator", curatele_reikwijdte_nodig="zorg"), WRONG, "PE-08")
    ja(toets(s, "start_jeugdhulp", "curator", curatele_reikwijdte_nodig="vermogen"), "PE-08")


def test_cs_16_curator_binnen_reikwijdte_zonder_pe_07_bevinding():
    """CS-16: for an adult under curatele the curator consents within the order's scope, with no PE-07
    finding; outside the scope the adult consents."""
    s = sit(VOLWASSEN, CURATOR, PARTNER)  # not wilsonbekwaam
    ja(toets(s, "grondslag_verwerking", "curator", curatele_reikwijdte_nodig="zorg"), "CS-16")
    nee(toets(s, "grondslag_verwerking", ZELF, curatele_reikwijdte_nodig="zorg"), WRONG, "CS-16")
    nee(toets(s, "grondslag_verwerking", "partner", curatele_reikwijdte_nodig="zorg"), WRONG, "CS-16")
    ja(toets(s, "grondslag_verwerking", ZELF, curatele_reikwijdte_nodig="begeleiding"), "CS-05")
    nee(toets(s, "grondslag_verwerking", "curator", curatele_reikwijdte_nodig="begeleiding"), WRONG, "CS-05")
    # no scope asked: the curator acts on the order as such
    ja(toets(s, "grondslag_verwerking", "curator"), "CS-16")


def test_cs_16_mentor_zorg_behandeling_begeleiding():
    """CS-16: a mentor consents for care, treatment and guidance; for money matters the adult does."""
    s = sit(VOLWASSEN, MENTOR)
    for scope in ("zorg", "behandeling", "begeleiding"):
        ja(toets(s, "start_jeugdhulp", "mentor", curatele_reikwijdte_nodig=scope), "CS-16")
    ja(toets(s, "start_jeugdhulp", ZELF, curatele_reikwijdte_nodig="vermogen"), "CS-05")


def test_cs_16_verlopen_of_onwillige_curator_telt_niet():
    """CS-16: a curatele that ended, or a curator unwilling to act, leaves the adult to consent."""
    oud = Relatie("curator", "curator", tot=OP - timedelta(days=1), reikwijdte=frozenset({"zorg"}))
    ja(toets(sit(VOLWASSEN, oud), "start_jeugdhulp", ZELF, curatele_reikwijdte_nodig="zorg"), "CS-05")
    ja(
        toets(sit(VOLWASSEN, niet(CURATOR)), "start_jeugdhulp", ZELF, curatele_reikwijdte_nodig="zorg"),
        "CS-05",
    )


def test_cs_16_geen_curatele_voor_minderjarigen():
    """CS-16: curatele/mentorschap concerns adults; a 16–17-year-old with such a relation consents."""
    ja(toets(sit(JONG_16_17, CURATOR), "start_jeugdhulp", ZELF, curatele_reikwijdte_nodig="zorg"), "CS-05")


def test_pe_05_toets_gevers_zonder_leeftijd():
    """PE-05: without a known or estimated age band the giver check refuses E_PE_AGE_UNKNOWN."""
    nee(toets(sit(None, MOEDER), "grondslag_verwerking", "moeder"), "E_PE_AGE_UNKNOWN", "PE-05")


def test_cs_05_onbekende_soort_of_uitzondering_is_een_programmeerfout():
    """CS-01/CS-05: unknown kinds and grounds are rejected rather than guessed."""
    with pytest.raises(ValueError, match="soort"):
        toets(GEZIN, "instemming", "moeder")
    with pytest.raises(ValueError, match="uitzondering"):
        toets(GEZIN, "grondslag_verwerking", "moeder", uitzondering="spoed")


# --- property tests on the giver check -----------------------------------------------------------

giver_ids = st.frozensets(st.sampled_from([ZELF, *PERSONEN, "vreemde"]), max_size=4)
toets_args = st.fixed_dictionaries(
    {
        "soort": st.sampled_from(SOORTEN_TOESTEMMING),
        "gevers": giver_ids,
        "is_grondslag": st.booleans(),
        "bijzondere_gegevens": st.booleans(),
        "uitzondering": st.none() | st.sampled_from(UITZONDERINGEN),
        "activiteit_gratis_direct": st.booleans(),
        "andere_ouder_geen_bezwaar": st.frozensets(st.sampled_from(PERSONEN)),
        "bezwaar": st.frozensets(st.sampled_from(PERSONEN), max_size=2),
        "jongere_gehoord": st.booleans(),
        "curatele_reikwijdte_nodig": st.none() | st.sampled_from(["zorg", "vermogen"]),
    }
)


@settings(max_examples=300)
@given(s=situaties, args=toets_args)
def test_cs_05_uitkomst_is_consistent_en_deterministisch(s, args):
    """CS-05: the same question gives the same answer; a refusal carries a code, an allowance none;
    an empty set of givers is never enough; nobody outside the subject's relations ever gives."""
    eerste = toets_gevers(s, op=OP, **args)
    assert toets_gevers(s, op=OP, **args) == eerste
    gehusseld = Situatie(s.categorie, tuple(reversed(s.relaties)), s.wilsonbekwaam, s.bekwaam_12_15)
    assert toets_gevers(gehusseld, op=OP, **args) == eerste
    assert (eerste.code is None) == eerste.toegestaan
    assert eerste.code in (None, WRONG, OBJECTS)
    assert eerste.reden
    if eerste.toegestaan:
        assert args["gevers"]
        assert "vreemde" not in args["gevers"]
        for gever in args["gevers"] - {ZELF}:
            assert any(r.persoon == gever and r.geldig_op(OP) for r in s.relaties)


@settings(max_examples=300)
@given(s=situaties, args=toets_args)
def test_cs_05_vreemde_gever_maakt_het_altijd_fout(s, args):
    """CS-05: adding a giver who is not entitled turns any outcome into E_CS_WRONG_GIVER."""
    args["gevers"] = args["gevers"] | {"vreemde"}
    assert toets_gevers(s, op=OP, **args).code == WRONG


@settings(max_examples=300)
@given(s=situaties, args=toets_args, extra=st.sampled_from(PERSONEN))
def test_cs_05_extra_bezwaar_maakt_een_weigering_nooit_goed(s, args, extra):
    """CS-05: recording one more parent's objection never turns a refusal into an allowance, and an
    objection of a valid parent with gezag under 16 outside CS-15 always refuses."""
    voor = toets_gevers(s, op=OP, **args)
    args["bezwaar"] = args["bezwaar"] | {extra}
    na = toets_gevers(s, op=OP, **args)
    assert not (na.toegestaan and not voor.toegestaan)
    cs15 = args["uitzondering"] in ("ernstig_nadeel", "jongere_volhardt") and not (
        args["soort"] == "grondslag_verwerking" or (args["soort"] == "overig" and args["is_grondslag"])
    )
    gezag = any(r.persoon == extra and r.soort == "ouder_met_gezag" and r.geldig_op(OP) for r in s.relaties)
    if s.categorie in (ONDER_12, JONG_12_15) and gezag and not (cs15 and s.categorie is JONG_12_15):
        assert not na.toegestaan


@settings(max_examples=300)
@given(s=situaties, args=toets_args, extra=st.sampled_from(PERSONEN))
def test_cs_05_vastgelegd_geen_bezwaar_maakt_een_toestemming_nooit_fout(s, args, extra):
    """CS-05: recording one more parent's informed non-objection never turns an allowance into a refusal."""
    voor = toets_gevers(s, op=OP, **args)
    args["andere_ouder_geen_bezwaar"] = args["andere_ouder_geen_bezwaar"] | {extra}
    assert not (voor.toegestaan and not toets_gevers(s, op=OP, **args).toegestaan)


@settings(max_examples=300)
@given(s=situaties, args=toets_args)
def test_cs_05_vanaf_16_bekwaam_zonder_curatele_alleen_zelf(s, args):
    """CS-05 table 16–17/18+: without incapacity or curatele, allowed exactly when the person alone
    consents."""
    curatele = any(r.soort in ("curator", "mentor") and r.geldig_op(OP) and r.bereid for r in s.relaties)
    if s.categorie not in (JONG_16_17, VOLWASSEN) or s.wilsonbekwaam or curatele:
        return
    assert toets_gevers(s, op=OP, **args).toegestaan == (args["gevers"] == {ZELF})


# --- mag_recht_uitoefenen: RI-01, RI-02, RI-04 -------------------------------------------------------


def test_ri_01_onder_12_alleen_de_vertegenwoordigers():
    """RI-01: under 12 the representative(s) exercise the rights, each alone; not the child."""
    nee(mag(GEZIN, ZELF, "zelf"), NOT_ENTITLED, "RI-01")
    ja(mag(GEZIN, "moeder", "wettelijk_vertegenwoordiger"), "RI-01")
    ja(mag(GEZIN, "vader", "wettelijk_vertegenwoordiger"), "RI-01")
    nee(mag(GEZIN, "stiefvader", "wettelijk_vertegenwoordiger"), NOT_ENTITLED, "RI-01")
    ja(mag(sit(ONDER_12, VOOGD), "voogd", "wettelijk_vertegenwoordiger"), "RI-01")


def test_ri_01_12_15_jongere_alleen_als_bekwaam():
    """RI-01/PE-06: at 12–15 the youth may act alone only if assessed competent."""
    ja(mag(sit(JONG_12_15, MOEDER, bekwaam_12_15=True), ZELF, "zelf"), "RI-01")
    nee(mag(sit(JONG_12_15, MOEDER, bekwaam_12_15=False), ZELF, "zelf"), NOT_ENTITLED, "RI-01")
    nee(mag(sit(JONG_12_15, MOEDER), ZELF, "zelf"), NOT_ENTITLED, "RI-01")


def test_ri_02_gezaghebbende_ouder_van_kind_onder_16_elk_alleen():
    """RI-02: parents with gezag of a child under 16 may each ask for the child's information, also
    when the youth is competent; a parent without gezag may not."""
    s = sit(JONG_12_15, MOEDER, VADER, STIEFVADER, bekwaam_12_15=True)
    ja(mag(s, "moeder", "wettelijk_vertegenwoordiger"), "RI-01")
    ja(mag(s, "vader", "wettelijk_vertegenwoordiger"), "RI-01")
    nee(mag(s, "stiefvader", "wettelijk_vertegenwoordiger"), NOT_ENTITLED, "RI-01")


@pytest.mark.parametrize("categorie", [JONG_16_17, VOLWASSEN])
def test_ri_01_vanaf_16_de_betrokkene_en_ouder_alleen_als_derde(categorie):
    """RI-01 (SPEC E3): from 16 the youth acts; a parent's request is a third-party request that needs
    the youth's consent."""
    s = sit(categorie, MOEDER)
    ja(mag(s, ZELF, "zelf"), "RI-01")
    nee(mag(s, "moeder", "wettelijk_vertegenwoordiger"), NOT_ENTITLED, "RI-01")
    nee(mag(s, "moeder", "wettelijk_vertegenwoordiger", toestemming_betrokkene=True), NOT_ENTITLED, "RI-01")
    nee(mag(s, "moeder", "derde_met_toestemming"), NOT_ENTITLED, "RI-01")
    ja(mag(s, "moeder", "derde_met_toestemming", toestemming_betrokkene=True), "RI-01")


def test_ri_01_wilsonbekwaam_pe_07_pe_08():
    """RI-01: for an incapacitated person of 16+ the PE-07/PE-08 representatives act, not the person."""
    s = sit(VOLWASSEN, PARTNER, KIND, wilsonbekwaam=True)
    nee(mag(s, ZELF, "zelf"), NOT_ENTITLED, "RI-01")
    ja(mag(s, "partner", "vertegenwoordiger_wilsonbekwame"), "RI-01")
    nee(mag(s, "kind", "vertegenwoordiger_wilsonbekwame"), NOT_ENTITLED, "RI-01")
    nee(mag(sit(VOLWASSEN, PARTNER), "partner", "vertegenwoordiger_wilsonbekwame"), NOT_ENTITLED, "RI-01")
    moeder_sinds = Relatie("moeder", "ouder_met_gezag", vanaf=date(2008, 5, 1))
    jong = sit(JONG_16_17, moeder_sinds, VADER, wilsonbekwaam=True)
    ja(mag(jong, "moeder", "wettelijk_vertegenwoordiger"), "RI-01")
    ja(mag(jong, "vader", "vertegenwoordiger_wilsonbekwame"), "RI-01")
    nee(mag(jong, ZELF, "zelf"), NOT_ENTITLED, "RI-01")
    onwillig = sit(JONG_16_17, niet(MOEDER), ZUS, wilsonbekwaam=True)
    nee(mag(onwillig, "moeder", "wettelijk_vertegenwoordiger"), NOT_ENTITLED, "RI-01")
    ja(mag(onwillig, "zus", "vertegenwoordiger_wilsonbekwame"), "RI-01")
    nee(mag(onwillig, "zus", "wettelijk_vertegenwoordiger"), NOT_ENTITLED, "RI-01")


def test_ri_01_curatele_ook_de_curator_of_mentor():
    """RI-01/CS-16: under curatele or mentorschap the curator or mentor may also act, next to the adult."""
    s = sit(VOLWASSEN, CURATOR, MENTOR)
    ja(mag(s, ZELF, "zelf"), "RI-01")
    ja(mag(s, "curator", "curator"), "RI-01")
    ja(mag(s, "mentor", "mentor"), "RI-01")
    nee(mag(s, "curator", "mentor"), NOT_ENTITLED, "RI-01")  # the capacity must be the real one
    nee(mag(s, "curator", "wettelijk_vertegenwoordiger"), NOT_ENTITLED, "RI-01")
    oud = Relatie("curator", "curator", tot=OP - timedelta(days=1))
    nee(mag(sit(VOLWASSEN, oud), "curator", "curator"), NOT_ENTITLED, "RI-01")
    nee(mag(sit(JONG_16_17, CURATOR), "curator", "curator"), NOT_ENTITLED, "RI-01")


def test_ri_01_derde_alleen_met_toestemming():
    """RI-01: other third parties only with consent of the subject (or those consenting for them)."""
    for categorie in Leeftijdscategorie:
        nee(mag(sit(categorie), "buurman", "derde_met_toestemming"), NOT_ENTITLED, "RI-01")
        ja(mag(sit(categorie), "buurman", "derde_met_toestemming", toestemming_betrokkene=True), "RI-01")


def test_ri_01_hoedanigheid_zelf_alleen_voor_de_betrokkene():
    """RI-01: 'zelf' is the subject's capacity only; the subject does not file as someone else."""
    nee(mag(sit(VOLWASSEN), "moeder", "zelf"), NOT_ENTITLED, "RI-01")
    nee(
        mag(sit(VOLWASSEN), ZELF, "derde_met_toestemming", toestemming_betrokkene=True), NOT_ENTITLED, "RI-01"
    )


def test_ri_04_beperkte_vertegenwoordiger_wordt_geweigerd():
    """RI-04: a representative whose exercise the leidinggevende limited is refused; others are not."""
    beperkt = frozenset({"moeder"})
    nee(mag(GEZIN, "moeder", "wettelijk_vertegenwoordiger", beperkt=beperkt), NOT_ENTITLED, "RI-04")
    ja(mag(GEZIN, "vader", "wettelijk_vertegenwoordiger", beperkt=beperkt), "RI-01")
    derde = mag(GEZIN, "moeder", "derde_met_toestemming", beperkt=beperkt, toestemming_betrokkene=True)
    nee(derde, NOT_ENTITLED, "RI-04")
    volwassene = sit(VOLWASSEN, CURATOR)
    nee(mag(volwassene, "curator", "curator", beperkt=frozenset({"curator"})), NOT_ENTITLED, "RI-04")
    ja(mag(volwassene, ZELF, "zelf", beperkt=frozenset({ZELF, "curator"})), "RI-01")


def test_pe_05_recht_uitoefenen_zonder_leeftijd():
    """PE-05: without an age band the entitlement cannot be judged: E_PE_AGE_UNKNOWN."""
    nee(mag(sit(None, MOEDER), "moeder", "wettelijk_vertegenwoordiger"), "E_PE_AGE_UNKNOWN", "PE-05")
    with pytest.raises(ValueError, match="hoedanigheid"):
        mag(GEZIN, "moeder", "oma")


indieners = st.sampled_from([ZELF, *PERSONEN, "vreemde"])


@settings(max_examples=300)
@given(
    s=situaties,
    indiener=indieners,
    hoedanigheid=st.sampled_from(HOEDANIGHEDEN),
    beperkt=st.frozensets(st.sampled_from(PERSONEN), max_size=2),
    toestemming=st.booleans(),
)
def test_ri_01_eigenschappen(s, indiener, hoedanigheid, beperkt, toestemming):
    """RI-01/RI-04: deterministic; a limited person is never allowed; limiting one more person never
    turns a refusal into an allowance; a stranger only as consenting third party."""
    kwargs = {
        "indiener": indiener,
        "hoedanigheid": hoedanigheid,
        "op": OP,
        "toestemming_betrokkene": toestemming,
    }
    u = mag_recht_uitoefenen(s, beperkt=beperkt, **kwargs)
    assert mag_recht_uitoefenen(s, beperkt=beperkt, **kwargs) == u
    assert (u.code is None) == u.toegestaan
    assert u.code in (None, NOT_ENTITLED)
    if indiener in beperkt:
        assert not u.toegestaan
    if not u.toegestaan:
        assert not mag_recht_uitoefenen(s, beperkt=beperkt | {"a"}, **kwargs).toegestaan
    if indiener == "vreemde":
        assert u.toegestaan == (hoedanigheid == "derde_met_toestemming" and toestemming)
    if u.toegestaan and hoedanigheid in ("wettelijk_vertegenwoordiger", "curator", "mentor"):
        assert indiener in vertegenwoordigers(s, OP)
