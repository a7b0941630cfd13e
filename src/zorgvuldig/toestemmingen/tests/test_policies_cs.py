"""Consent registry rules (SPEC §6, CS-01 … CS-16; API §2.5; SPEC §15 E3, E7). Pure: no Django, no database.

Who may give a consent is `personen.policies.toets_gevers` (tested there); here only what the adapter
`gever_toets` adds on top of it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zorgvuldig.personen.policies import (
    SOORTEN_TOESTEMMING,
    Leeftijdscategorie,
    Relatie,
    Situatie,
    Uitkomst,
    leeftijdscategorie,
)
from zorgvuldig.toestemmingen.policies import (
    BIJZONDERE_CATEGORIEEN,
    DELING_UITGEVOERD,
    FOUT_VOLGORDE,
    KADERS,
    MEDISCHE_CATEGORIEEN,
    STATUSSEN,
    TRANSITIES,
    AndereOuder,
    Fout,
    Gever,
    InformatieGegeven,
    JongereGehoord,
    Ontvanger,
    Toestemmingsfeit,
    Toestemmingsinvoer,
    Uitzondering,
    afhankelijke_delingen,
    dekt,
    doel_fouten,
    gever_fout,
    gever_toets,
    gevolgen,
    hoofdcode,
    intrekken_fout,
    is_bijzonder,
    is_geldig,
    is_grondslag,
    na_intrekking,
    overgang_fout,
    record_fouten,
    status_op,
    te_informeren_delingen,
    terzijdeleggen_fouten,
    waarschuwingen,
)

VANDAAG = date(2025, 6, 2)
GISTEREN = VANDAAG - timedelta(days=1)
MORGEN = VANDAAG + timedelta(days=1)

NOT_SPECIFIC = "E_CS_NOT_SPECIFIC"
WRONG = "E_CS_WRONG_GIVER"
OBJECTS = "E_CS_PARENT_OBJECTS"
AGE = "E_PE_AGE_UNKNOWN"
CONFLICT = "E_STATE_CONFLICT"
INVALID = "E_INVALID_INPUT"

GRONDSLAG, BEROEPSGEHEIM, JEUGDHULP, OVERIG = SOORTEN_TOESTEMMING
BUURTTEAM = "https://z.example/api/v1/organisaties/7f0c"
INFO = InformatieGegeven(GISTEREN, frozenset({"doel", "ontvanger", "gegevens"}))
INFO_HULP = InformatieGegeven(GISTEREN, frozenset({"doel", "ontvanger", "gegevens", "hulp"}))

# A complete, valid given consent of kind (1) by an adult for ordinary data.
GELDIG = Toestemmingsinvoer(
    soort=GRONDSLAG,
    status="gegeven",
    betrokkene="lisa",
    gevers=(Gever("lisa", "zelf"),),
    doel="ondersteuning",
    ontvangers=(Ontvanger(organisatie=BUURTTEAM),),
    gegevenscategorieen=frozenset({"contact", "huisvesting"}),
    vorm="schriftelijk",
    informatie_gegeven=INFO,
    belang_bevestigd=True,
    datum=VANDAAG,
)
# A valid secrecy release (kind 2): why, explicit.
RELEASE = dataclasses.replace(
    GELDIG, soort=BEROEPSGEHEIM, waarom_nodig="De school kan de begeleiding afstemmen.", uitdrukkelijk=True
)


def met(**kwargs) -> Toestemmingsinvoer:
    return dataclasses.replace(GELDIG, **kwargs)


def fouten(t: Toestemmingsinvoer, *, publiek: bool = False, kader: str = "vrijwillig") -> tuple[Fout, ...]:
    return record_fouten(t, vandaag=VANDAAG, organisatie_is_publiek=publiek, kader=kader)


def zin(reden: str) -> None:
    """A reason is a short Dutch sentence: capital first, not shouted, ending in a full stop."""
    assert reden[0].isupper() and reden != reden.upper() and reden.endswith("."), reden


def paren(fs) -> set[tuple[str, str]]:
    return {(f.code, f.naam) for f in fs}


def enige(t: Toestemmingsinvoer, code: str, naam: str, regel: str | None = None, **kwargs) -> Fout:
    """Exactly one failure, with this code and field, naming the rule."""
    fs = fouten(t, **kwargs)
    assert paren(fs) == {(code, naam)}, fs
    assert len(fs) == 1, fs
    if regel is not None:
        assert regel in fs[0].reden, fs[0].reden
    zin(fs[0].reden)
    return fs[0]


def test_basisgeval_is_geldig():
    assert fouten(GELDIG) == ()
    assert fouten(RELEASE) == ()


# --- States (SPEC §6, RT-12) -------------------------------------------------------------------------------


def test_cs_staten_en_transities_als_data():
    """SPEC §6 states: REQUESTED → GIVEN | REFUSED; GIVEN → REVOKED; EXPIRED derived; nothing else."""
    assert STATUSSEN == ("gevraagd", "gegeven", "geweigerd", "ingetrokken", "verlopen")
    assert dict(TRANSITIES) == {
        "gevraagd": {"gegeven", "geweigerd"},
        "gegeven": {"ingetrokken"},
        "geweigerd": set(),
        "ingetrokken": set(),
        "verlopen": set(),
    }


TOEGESTAAN = {("gevraagd", "gegeven"), ("gevraagd", "geweigerd"), ("gegeven", "ingetrokken")}


@pytest.mark.parametrize("van", [*STATUSSEN, "onbekend"])
@pytest.mark.parametrize("naar", STATUSSEN)
def test_cs_overgang_alleen_langs_de_toestandsmachine(van, naar):
    f = overgang_fout(van, naar)
    if (van, naar) in TOEGESTAAN:
        assert f is None
    else:
        assert f is not None
        assert (f.code, f.naam) == (CONFLICT, "status")
        assert f"van {van} naar {naar}" in f.reden
        assert f.reden.endswith("(CS).")


def test_rt_12_geldig_tot_is_inclusief():
    """RT-12: valid through the whole `geldigTot` day; `verlopen` from the day after, derived at read time."""
    assert status_op("gegeven", VANDAAG, VANDAAG) == "gegeven"
    assert is_geldig("gegeven", VANDAAG, VANDAAG)
    assert status_op("gegeven", GISTEREN, VANDAAG) == "verlopen"
    assert not is_geldig("gegeven", GISTEREN, VANDAAG)
    assert status_op("gegeven", None, date(2999, 1, 1)) == "gegeven"
    assert is_geldig("gegeven", None, VANDAAG)


@pytest.mark.parametrize("opgeslagen", ["gevraagd", "geweigerd", "ingetrokken"])
def test_rt_12_alleen_een_gegeven_toestemming_verloopt(opgeslagen):
    assert status_op(opgeslagen, GISTEREN, VANDAAG) == opgeslagen
    assert not is_geldig(opgeslagen, None, VANDAAG)


@given(
    opgeslagen=st.sampled_from(["gevraagd", "gegeven", "geweigerd", "ingetrokken"]),
    geldig_tot=st.none() | st.dates(date(2000, 1, 1), date(2050, 1, 1)),
    vandaag=st.dates(date(2000, 1, 1), date(2050, 1, 1)),
)
def test_rt_12_status_op_eigenschap(opgeslagen, geldig_tot, vandaag):
    verlopen = opgeslagen == "gegeven" and geldig_tot is not None and geldig_tot < vandaag
    assert status_op(opgeslagen, geldig_tot, vandaag) == ("verlopen" if verlopen else opgeslagen)
    assert is_geldig(opgeslagen, geldig_tot, vandaag) == (opgeslagen == "gegeven" and not verlopen)


# --- Error order --------------------------------------------------------------------------------------------


def test_fout_volgorde_en_hoofdcode():
    assert FOUT_VOLGORDE == (
        "E_AC_NOT_AUTHORISED",
        CONFLICT,
        AGE,
        OBJECTS,
        WRONG,
        NOT_SPECIFIC,
        INVALID,
    )
    assert hoofdcode([]) is None
    assert hoofdcode([Fout(INVALID, "a", "."), Fout(NOT_SPECIFIC, "b", ".")]) == NOT_SPECIFIC
    assert hoofdcode([Fout(WRONG, "a", "."), Fout(OBJECTS, "b", ".")]) == OBJECTS
    assert hoofdcode([Fout("E_ONBEKEND", "a", ".")]) is None


def test_alle_fouten_worden_tegelijk_gemeld():
    """All failures are listed (invalidParams); the response code is the first by FOUT_VOLGORDE."""
    t = met(soort="onzin", ontvangers=(), doel="", datum=MORGEN, belang_bevestigd=False)
    fs = fouten(t, kader="dwang")
    assert paren(fs) == {
        (INVALID, "soort"),
        (NOT_SPECIFIC, "ontvangers"),
        (NOT_SPECIFIC, "doel"),
        (INVALID, "datum"),
        (INVALID, "belangBevestigd"),
    }
    assert hoofdcode(fs) == NOT_SPECIFIC
    assert hoofdcode(fouten(met(ontvangers=(), datum=None), kader="dwang")) == CONFLICT


def test_onbekend_kader_is_een_programmeerfout():
    with pytest.raises(ValueError, match="kader"):
        fouten(GELDIG, kader="vrij")


# --- CS-01 kind ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("soort", ["", "toestemming", "GRONDSLAG_VERWERKING", "instemming"])
def test_cs_01_onbekende_soort_is_ongeldige_invoer(soort):
    """CS-01: each record states one of the four kinds; *instemming* is no consent."""
    enige(met(soort=soort), INVALID, "soort", "CS-01")


def test_cs_01_vier_soorten():
    assert SOORTEN_TOESTEMMING == (
        "grondslag_verwerking",
        "doorbreking_beroepsgeheim",
        "start_jeugdhulp",
        "overig",
    )
    assert fouten(met(soort=OVERIG)) == ()
    assert fouten(dataclasses.replace(RELEASE, soort=JEUGDHULP, informatie_gegeven=INFO_HULP)) == ()


@pytest.mark.parametrize("doel", ["signalering", " signalering "])
def test_cs_01_een_verwijsindexsignaal_berust_nooit_op_toestemming(doel):
    """CS-01/VI-05: no consent for the verwijsindex purpose."""
    enige(met(doel=doel), INVALID, "doel", "VI-05")


ACTIVITEITEN = {
    "sociaal-domein-ondersteuning": ("Ondersteuning door het wijkteam", "ondersteuning"),
    "gegevensdeling": ("Verstrekken en opvragen van gegevens", "afstemming"),
    "verwijsindex": ("Verwijsindex risicojongeren", "signalering"),
}
DOELEN = {code: doel for code, (_, doel) in ACTIVITEITEN.items()}


@pytest.mark.parametrize(
    ("doel", "regel"),
    [
        ("Zodat de school kan helpen", "GP-02"),  # a text of one's own
        ("ondersteuning", "GP-02"),  # a purpose, not an activity
        ("Gegevensdeling", "GP-02"),  # codes are exact
        ("verwijsindex", "VI-05"),  # an activity for signalling: CS-01
    ],
)
def test_gp_02_cs_02_het_doel_is_een_verwerkingsactiviteit_uit_het_register(doel, regel):
    """GP-02/CS-02: a consent names the processing activity it is for by its code (the closed list a
    sharing decision's step 1 names too); another value is refused on `doel`, and so is the verwijsindex
    (CS-01/VI-05)."""
    (fout,) = doel_fouten(doel, DOELEN)
    assert (fout.code, fout.naam) == (INVALID, "doel") and regel in fout.reden
    zin(fout.reden)


@pytest.mark.parametrize("doel", ["sociaal-domein-ondersteuning", "gegevensdeling", "", "signalering"])
def test_gp_02_een_activiteit_uit_het_register_past_en_leeg_of_signalering_meldt_record_fouten(doel):
    """An activity of the list passes; an empty purpose (CS-02) and `signalering` (CS-01) are named once,
    by `record_fouten`, not twice."""
    assert doel_fouten(doel, DOELEN) == []


def test_gp_02_het_formulier_biedt_geen_activiteit_voor_signalering():
    from zorgvuldig.toestemmingen.policies import toestemmingsdoelen

    assert toestemmingsdoelen(ACTIVITEITEN) == [
        ("sociaal-domein-ondersteuning", "Ondersteuning door het wijkteam"),
        ("gegevensdeling", "Verstrekken en opvragen van gegevens"),
    ]


# --- Status on create ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["ingetrokken", "verlopen", "", "GEGEVEN"])
def test_cs_aanmaken_alleen_gevraagd_gegeven_of_geweigerd(status):
    enige(met(status=status), INVALID, "status")


def test_cs_gevraagd_en_geweigerd_vragen_nog_geen_geefgegevens():
    """A request or refusal needs no form, information, explicitness or interest confirmation yet."""
    kaal = met(vorm=None, informatie_gegeven=None, belang_bevestigd=False)
    assert fouten(dataclasses.replace(kaal, status="gevraagd", gevers=())) == ()
    assert fouten(dataclasses.replace(kaal, status="geweigerd")) == ()
    release = dataclasses.replace(RELEASE, uitdrukkelijk=False, informatie_gegeven=None, status="gevraagd")
    assert fouten(release) == ()


# --- CS-02 specific -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["gevraagd", "gegeven", "geweigerd"])
def test_cs_02_toestemming_zonder_ontvanger_is_niet_specifiek(status):
    """CS-02: without a named addressee a consent (or request, or refusal) is invalid."""
    enige(met(ontvangers=(), status=status), NOT_SPECIFIC, "ontvangers", "CS-02")


@pytest.mark.parametrize(
    "ontvanger", [Ontvanger(), Ontvanger(naam="  "), Ontvanger(organisatie=""), Ontvanger(None, " ")]
)
def test_cs_02_elke_ontvanger_moet_genoemd_zijn(ontvanger):
    enige(met(ontvangers=(ontvanger,)), NOT_SPECIFIC, "ontvangers", "CS-02")
    enige(met(ontvangers=(Ontvanger(naam="Huisarts De Vries"), ontvanger)), NOT_SPECIFIC, "ontvangers")


def test_cs_02_ontvanger_met_organisatie_of_naam_volstaat():
    assert fouten(met(ontvangers=(Ontvanger(naam="Huisarts De Vries"),))) == ()
    assert fouten(met(ontvangers=(Ontvanger(organisatie=BUURTTEAM), Ontvanger(naam="School")))) == ()


@pytest.mark.parametrize("doel", ["", "   "])
def test_cs_02_toestemming_zonder_doel_is_niet_specifiek(doel):
    enige(met(doel=doel), NOT_SPECIFIC, "doel", "CS-02")


@pytest.mark.parametrize("categorieen", [set(), {""}, {"contact", " "}])
def test_cs_02_toestemming_zonder_gegevenssoorten_is_niet_specifiek(categorieen):
    enige(met(gegevenscategorieen=frozenset(categorieen)), NOT_SPECIFIC, "gegevenscategorieen", "CS-02")


@pytest.mark.parametrize("algemeen", ["alle", "alles", "alle_gegevens", "volledig_dossier"])
def test_cs_02_alle_gegevens_is_niet_specifiek(algemeen):
    f = enige(met(gegevenscategorieen=frozenset({"contact", algemeen})), NOT_SPECIFIC, "gegevenscategorieen")
    assert "alle gegevens" in f.reden and "CS-02" in f.reden


# --- CS-03 / CS-12 informed ---------------------------------------------------------------------------------


def test_cs_03_gegeven_toestemming_zonder_informatie_is_ongeldig():
    """CS-03: consent only after informing of purpose, recipient and data."""
    enige(met(informatie_gegeven=None), NOT_SPECIFIC, "informatieGegeven", "CS-03")


@pytest.mark.parametrize("ontbreekt", ["doel", "ontvanger", "gegevens"])
def test_cs_03_elk_onderwerp_is_nodig(ontbreekt):
    onderwerpen = frozenset({"doel", "ontvanger", "gegevens", "hulp"} - {ontbreekt})
    info = InformatieGegeven(GISTEREN, onderwerpen)
    enige(met(informatie_gegeven=info), NOT_SPECIFIC, "informatieGegeven.onderwerpen", "CS-03")


def test_cs_03_onbekend_onderwerp_is_ongeldige_invoer():
    info = InformatieGegeven(GISTEREN, INFO.onderwerpen | {"risico"})
    enige(met(informatie_gegeven=info), INVALID, "informatieGegeven.onderwerpen")


def test_cs_03_informatie_voor_of_op_de_dag_van_de_toestemming():
    """CS-03 "prior": informing on the consent's day is fine, the day after is not; a date is required."""
    assert fouten(met(informatie_gegeven=InformatieGegeven(VANDAAG, INFO.onderwerpen))) == ()
    na = InformatieGegeven(MORGEN, INFO.onderwerpen)
    enige(met(informatie_gegeven=na, datum=VANDAAG), NOT_SPECIFIC, "informatieGegeven.datum", "CS-03")
    zonder = InformatieGegeven(None, INFO.onderwerpen)
    enige(met(informatie_gegeven=zonder), NOT_SPECIFIC, "informatieGegeven.datum", "CS-03")


def test_cs_03_informatiedatum_zonder_toestemmingsdatum_alleen_datumfout():
    assert paren(fouten(met(datum=None))) == {(INVALID, "datum")}


def test_cs_12_jeugdhulp_pas_na_informatie_over_de_hulp():
    """CS-12: treatment/youth-care consent is valid only after information about the help."""
    t = dataclasses.replace(GELDIG, soort=JEUGDHULP)
    enige(t, NOT_SPECIFIC, "informatieGegeven.onderwerpen", "CS-12")
    assert fouten(dataclasses.replace(t, informatie_gegeven=INFO_HULP)) == ()
    # Other kinds need no information about the help.
    assert fouten(GELDIG) == ()


# --- CS-04 secrecy release, medical data ------------------------------------------------------------------


@pytest.mark.parametrize("status", ["gevraagd", "gegeven"])
@pytest.mark.parametrize("waarom", ["", "  "])
def test_cs_04_doorbreking_beroepsgeheim_noemt_waarom(status, waarom):
    """CS-04: a secrecy release states why sharing matters for the help."""
    t = dataclasses.replace(RELEASE, waarom_nodig=waarom, status=status)
    enige(t, NOT_SPECIFIC, "waaromNodig", "CS-04")


def test_cs_04_doorbreking_beroepsgeheim_is_uitdrukkelijk():
    """CS-04: the release must be explicit, not merely implied."""
    enige(dataclasses.replace(RELEASE, uitdrukkelijk=False), NOT_SPECIFIC, "uitdrukkelijk", "CS-04")


@pytest.mark.parametrize("medisch", sorted(MEDISCHE_CATEGORIEEN))
def test_cs_04_medische_gegevens_vragen_waarom_en_uitdrukkelijk(medisch):
    """CS-04: medical information likewise needs explicit consent stating why — whatever the kind."""
    t = met(gegevenscategorieen=frozenset({"contact", medisch}))
    assert paren(fouten(t)) == {(NOT_SPECIFIC, "waaromNodig"), (NOT_SPECIFIC, "uitdrukkelijk")}
    assert fouten(dataclasses.replace(t, waarom_nodig="Voor de juiste zorg.", uitdrukkelijk=True)) == ()


@pytest.mark.parametrize("bijzonder", sorted(BIJZONDERE_CATEGORIEEN - MEDISCHE_CATEGORIEEN))
def test_cs_04_bijzondere_gegevens_uitdrukkelijk_maar_zonder_waarom(bijzonder):
    t = met(gegevenscategorieen=frozenset({bijzonder}))
    enige(t, NOT_SPECIFIC, "uitdrukkelijk", "CS-04")
    assert fouten(dataclasses.replace(t, uitdrukkelijk=True)) == ()


def test_cs_04_bijzondere_categorieen_volgens_spec_5():
    """SPEC §5 "S": health, criminal, nuisance under a ban, religion, race, politics, sexual orientation,
    union membership; and ZRM's starred domains."""
    assert {
        "gezondheid",
        "geestelijke_gezondheid",
        "lichamelijke_gezondheid",
        "verslaving",
        "justitie",
        "strafrechtelijk",
        "overlast_gebiedsverbod",
        "religie",
        "ras",
        "politieke_opvatting",
        "seksuele_gerichtheid",
        "vakbondslidmaatschap",
    } <= BIJZONDERE_CATEGORIEEN
    assert MEDISCHE_CATEGORIEEN <= BIJZONDERE_CATEGORIEEN
    assert not {"contact", "huisvesting", "inkomen", "identificerend"} & BIJZONDERE_CATEGORIEEN
    assert is_bijzonder(["contact", "religie"])
    assert not is_bijzonder(["contact"])
    assert not is_bijzonder([])


# --- Form, dates ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("vorm", [None, "", "email", "Schriftelijk"])
def test_cs_gegeven_toestemming_heeft_een_vorm(vorm):
    enige(met(vorm=vorm), INVALID, "vorm")


@pytest.mark.parametrize("vorm", ["schriftelijk", "mondeling", "digitaal"])
def test_cs_vormen(vorm):
    assert fouten(met(vorm=vorm)) == ()


def test_cs_datum_verplicht_en_niet_in_de_toekomst():
    f = enige(met(datum=None), INVALID, "datum")
    assert f.reden == "Vul de datum van de toestemming in."
    f = enige(
        met(datum=MORGEN, informatie_gegeven=InformatieGegeven(GISTEREN, INFO.onderwerpen)), INVALID, "datum"
    )
    assert f.reden == "De datum van de toestemming ligt in de toekomst."
    assert fouten(met(datum=GISTEREN, informatie_gegeven=InformatieGegeven(GISTEREN, INFO.onderwerpen))) == ()


def test_cs_geldig_tot_niet_voor_de_datum():
    assert fouten(met(geldig_tot=VANDAAG)) == ()
    f = enige(met(geldig_tot=GISTEREN), INVALID, "geldigTot")
    assert f.reden == "Geldig tot ligt vóór de datum van de toestemming."
    # A historic consent that already expired may still be recorded (it shows as verlopen).
    oud = date(2020, 1, 1)
    info = InformatieGegeven(oud, INFO.onderwerpen)
    assert fouten(met(datum=oud, geldig_tot=date(2021, 1, 1), informatie_gegeven=info)) == ()


# --- CS-10 public body -------------------------------------------------------------------------------------


def test_cs_10_overheid_met_toestemming_als_grondslag_waarschuwt_en_vraagt_reden():
    """CS-10: a public body choosing consent as legal basis is warned and must record why."""
    f = enige(GELDIG, INVALID, "afhankelijkheidReden", "CS-10", publiek=True)
    assert "overheidsorganisatie" in f.reden
    (waarschuwing,) = waarschuwingen(GELDIG, organisatie_is_publiek=True)
    assert waarschuwing.startswith("Let op:") and "(CS-10)" in waarschuwing and "afhankelijk" in waarschuwing
    met_reden = met(afhankelijkheid_reden="De cliënt vroeg zelf om deze deling.")
    assert fouten(met_reden, publiek=True) == ()
    assert len(waarschuwingen(met_reden, organisatie_is_publiek=True)) == 1
    assert fouten(met(afhankelijkheid_reden="  "), publiek=True) != ()


def test_cs_10_alleen_voor_overheid_en_alleen_als_grondslag():
    assert fouten(GELDIG, publiek=False) == ()
    assert waarschuwingen(GELDIG, organisatie_is_publiek=False) == ()
    assert fouten(RELEASE, publiek=True) == ()
    assert waarschuwingen(RELEASE, organisatie_is_publiek=True) == ()
    overig = met(soort=OVERIG)
    assert fouten(overig, publiek=True) == ()
    assert waarschuwingen(overig, organisatie_is_publiek=True) == ()
    als_grondslag = met(soort=OVERIG, als_grondslag=True)
    enige(als_grondslag, INVALID, "afhankelijkheidReden", "CS-10", publiek=True)
    assert len(waarschuwingen(als_grondslag, organisatie_is_publiek=True)) == 1


# --- CS-11 interest -------------------------------------------------------------------------------------


def test_cs_11_belang_bevestigd_bij_gegeven_toestemming():
    """CS-11: even with consent the professional confirms sharing is in the client's interest."""
    enige(met(belang_bevestigd=False), INVALID, "belangBevestigd", "CS-11")
    assert fouten(met(belang_bevestigd=False, status="gevraagd")) == ()


# --- CS-13 DWANG ------------------------------------------------------------------------------------------


def test_cs_13_geen_toestemming_als_grondslag_in_dwang():
    """CS-13: in DWANG consent is not asked as legal basis: E_STATE_CONFLICT on `soort`."""
    f = enige(GELDIG, CONFLICT, "soort", "CS-13", kader="dwang")
    assert "dwang" in f.reden
    enige(met(status="gevraagd"), CONFLICT, "soort", "CS-13", kader="dwang")
    enige(met(soort=OVERIG, als_grondslag=True), CONFLICT, "soort", "CS-13", kader="dwang")


@pytest.mark.parametrize("kader", ["vrijwillig", "drang"])
def test_cs_13_buiten_dwang_mag_toestemming_als_grondslag(kader):
    assert fouten(GELDIG, kader=kader) == ()


def test_cs_13_andere_soorten_mogen_in_dwang():
    assert fouten(RELEASE, kader="dwang") == ()
    assert fouten(met(soort=OVERIG), kader="dwang") == ()


def test_cs_is_grondslag():
    assert is_grondslag(GRONDSLAG, False)
    assert is_grondslag(OVERIG, True)
    assert not is_grondslag(OVERIG, False)
    assert not is_grondslag(BEROEPSGEHEIM, True)
    assert not is_grondslag(JEUGDHULP, True)


# --- Giver facts in the record (CS-05, CS-14, CS-15) --------------------------------------------------


@pytest.mark.parametrize(
    "gever", [Gever("lisa", "buurvrouw"), Gever("", "zelf"), Gever(" ", "ouder_met_gezag")]
)
def test_cs_05_gever_heeft_persoon_en_hoedanigheid(gever):
    enige(met(gevers=(gever,)), INVALID, "gevers")


@pytest.mark.parametrize("status", ["gegeven", "geweigerd"])
def test_cs_05_gegeven_of_geweigerd_noemt_de_gever(status):
    enige(met(gevers=(), status=status), INVALID, "gevers", "CS-05")


def test_cs_14_jongere_gehoord_met_datum_en_mening():
    """CS-14: from 12 the youth's view is recorded, with its date (not after the consent)."""
    assert fouten(met(jongere_gehoord=JongereGehoord(VANDAAG, "Vindt het goed."))) == ()
    enige(met(jongere_gehoord=JongereGehoord(None, "Goed.")), INVALID, "jongereGehoord.datum", "CS-14")
    t = met(jongere_gehoord=JongereGehoord(MORGEN, "Goed."), datum=VANDAAG)
    enige(t, INVALID, "jongereGehoord.datum", "CS-14")
    enige(met(jongere_gehoord=JongereGehoord(GISTEREN, " ")), INVALID, "jongereGehoord.mening", "CS-14")


GEEN_BEZWAAR = AndereOuder("vader", "geen_bezwaar", "medewerker-1", GISTEREN, "telefonisch")


def test_cs_05_geen_bezwaar_van_de_andere_ouder_is_geinformeerd():
    """CS-05: the other parent's non-objection records who informed, when and how."""
    assert fouten(met(andere_ouder=GEEN_BEZWAAR)) == ()
    assert fouten(met(andere_ouder=dataclasses.replace(GEEN_BEZWAAR, datum=VANDAAG))) == ()
    for veld, waarde, naam in [
        ("geinformeerd_door", " ", "andereOuder.geinformeerdDoor"),
        ("datum", None, "andereOuder.datum"),
        ("datum", MORGEN, "andereOuder.datum"),
        ("wijze", "", "andereOuder.wijze"),
        ("persoon", "", "andereOuder.persoon"),
        ("reactie", "misschien", "andereOuder.reactie"),
    ]:
        enige(met(andere_ouder=dataclasses.replace(GEEN_BEZWAAR, **{veld: waarde})), INVALID, naam, "CS-05")


def test_cs_05_bezwaar_van_de_andere_ouder_vraagt_geen_informeringsgegevens():
    assert fouten(met(andere_ouder=AndereOuder("vader", "bezwaar"))) == ()


def test_cs_15_uitzondering_met_redenen_en_passende_soort():
    """CS-15 (kinds 2, 3) and CS-14 (consent as basis): recorded with reasons; the wrong kind is refused."""
    nadeel = Uitzondering("ernstig_nadeel", "Zonder hulp ernstig nadeel.")
    assert fouten(dataclasses.replace(RELEASE, uitzondering=nadeel)) == ()
    assert (
        fouten(
            dataclasses.replace(RELEASE, uitzondering=dataclasses.replace(nadeel, grond="jongere_volhardt"))
        )
        == ()
    )
    enige(met(uitzondering=nadeel), INVALID, "uitzondering.grond", "CS-15")
    enige(met(soort=OVERIG, als_grondslag=True, uitzondering=nadeel), INVALID, "uitzondering.grond", "CS-15")
    assert fouten(met(soort=OVERIG, uitzondering=nadeel)) == ()
    enige(
        dataclasses.replace(RELEASE, uitzondering=dataclasses.replace(nadeel, redenen=" ")),
        INVALID,
        "uitzondering.redenen",
        "CS-15",
    )


def test_cs_14_uitzondering_gratis_direct_alleen_als_grondslag():
    gratis = Uitzondering("gratis_direct_aan_minderjarige", "Gratis en direct aangeboden.")
    assert fouten(met(uitzondering=gratis)) == ()
    assert fouten(met(soort=OVERIG, als_grondslag=True, uitzondering=gratis)) == ()
    enige(dataclasses.replace(RELEASE, uitzondering=gratis), INVALID, "uitzondering.grond", "CS-14")
    enige(met(soort=OVERIG, uitzondering=gratis), INVALID, "uitzondering.grond", "CS-14")


def test_cs_15_onbekende_uitzondering():
    f = enige(met(uitzondering=Uitzondering("noodgeval", "Reden.")), INVALID, "uitzondering.grond")
    assert "CS-14, CS-15" in f.reden


# --- The giver adapter (CS-05, CS-14, CS-15, CS-16) -----------------------------------------------------

MOEDER = Relatie("moeder", "ouder_met_gezag")
VADER = Relatie("vader", "ouder_met_gezag")
OP = VANDAAG


def jongere(categorie=Leeftijdscategorie.JONG_12_15, *relaties: Relatie) -> Situatie:
    return Situatie(categorie, relaties or (MOEDER,))


def gevers(*paren_: tuple[str, str]) -> tuple[Gever, ...]:
    return tuple(Gever(p, h) for p, h in paren_)


ZELF_G = ("lisa", "zelf")
MOEDER_G = ("moeder", "ouder_met_gezag")
VADER_G = ("vader", "ouder_met_gezag")
GEHOORD = JongereGehoord(GISTEREN, "Vindt het goed.")


def toets(s: Situatie, t: Toestemmingsinvoer, gratis: bool = False, **kwargs) -> Uitkomst:
    return gever_toets(s, t, OP, gratis, **kwargs)


def ja(u: Uitkomst) -> None:
    assert u.toegestaan, u.reden
    assert u.code is None


def nee(u: Uitkomst, code: str, regel: str) -> None:
    assert u.toegestaan is False, u.reden
    assert u.code == code, u.reden
    assert u.reden.startswith(regel + ":"), u.reden


def test_cs_05_adapter_14_jarige_doorbreking_vraagt_jongere_en_ouder():
    """SPEC §6 table, kinds (2)–(3) at 12–15: youth **and** representative."""
    s = jongere()
    ja(toets(s, dataclasses.replace(RELEASE, gevers=gevers(ZELF_G, MOEDER_G))))
    nee(toets(s, dataclasses.replace(RELEASE, gevers=gevers(ZELF_G))), WRONG, "CS-05")
    nee(toets(s, dataclasses.replace(RELEASE, gevers=gevers(MOEDER_G))), WRONG, "CS-05")


def test_cs_05_adapter_gezamenlijk_gezag_met_geen_bezwaar_van_de_andere_ouder():
    """CS-05: non-routine under joint gezag: both, or one plus the other's recorded informed non-objection."""
    s = jongere(Leeftijdscategorie.JONG_12_15, MOEDER, VADER)
    t = dataclasses.replace(RELEASE, gevers=gevers(ZELF_G, MOEDER_G))
    nee(toets(s, t), WRONG, "CS-05")
    ja(toets(s, dataclasses.replace(t, andere_ouder=GEEN_BEZWAAR)))
    ja(toets(s, dataclasses.replace(t, andere_ouder=dataclasses.replace(GEEN_BEZWAAR, datum=OP))))
    for onvolledig in [
        dataclasses.replace(GEEN_BEZWAAR, geinformeerd_door=" "),
        dataclasses.replace(GEEN_BEZWAAR, wijze=""),
        dataclasses.replace(GEEN_BEZWAAR, datum=None),
        dataclasses.replace(GEEN_BEZWAAR, datum=OP + timedelta(days=1)),
        dataclasses.replace(GEEN_BEZWAAR, persoon="iemand_anders"),
        dataclasses.replace(GEEN_BEZWAAR, reactie="misschien"),
    ]:
        nee(toets(s, dataclasses.replace(t, andere_ouder=onvolledig)), WRONG, "CS-05")
    ja(toets(s, dataclasses.replace(t, gevers=gevers(ZELF_G, MOEDER_G, VADER_G))))


def test_cs_05_adapter_bezwaar_van_de_andere_ouder_blokkeert():
    s = jongere(Leeftijdscategorie.JONG_12_15, MOEDER, VADER)
    t = dataclasses.replace(
        RELEASE, gevers=gevers(ZELF_G, MOEDER_G), andere_ouder=AndereOuder("vader", "bezwaar")
    )
    nee(toets(s, t), OBJECTS, "CS-05")
    assert gever_fout(toets(s, t)) == Fout(OBJECTS, "andereOuder.reactie", toets(s, t).reden)


def test_cs_05_adapter_bijzondere_gegevens_maken_toestemming_niet_routine():
    """CS-05: a kind (1) consent covering special-category data needs both gezag holders."""
    s = jongere(Leeftijdscategorie.ONDER_12, MOEDER, VADER)
    gewoon = met(gevers=gevers(MOEDER_G))
    ja(toets(s, gewoon))
    bijzonder = dataclasses.replace(gewoon, gegevenscategorieen=frozenset({"contact", "religie"}))
    nee(toets(s, bijzonder), WRONG, "CS-05")
    ja(toets(s, dataclasses.replace(bijzonder, andere_ouder=GEEN_BEZWAAR)))


def test_cs_15_adapter_jongere_alleen_met_redenen():
    """CS-15: the youth alone at 12–15 only under a recorded exception with reasons."""
    s = jongere()
    alleen = dataclasses.replace(RELEASE, gevers=gevers(ZELF_G))
    nadeel = Uitzondering("ernstig_nadeel", "Zonder hulp ernstig nadeel.")
    ja(toets(s, dataclasses.replace(alleen, uitzondering=nadeel)))
    ja(
        toets(
            s, dataclasses.replace(alleen, uitzondering=dataclasses.replace(nadeel, grond="jongere_volhardt"))
        )
    )
    nee(
        toets(s, dataclasses.replace(alleen, uitzondering=dataclasses.replace(nadeel, redenen="  "))),
        WRONG,
        "CS-05",
    )
    # An unknown ground is refused as bad input elsewhere; here it just does not count (no ValueError).
    nee(toets(s, dataclasses.replace(alleen, uitzondering=Uitzondering("noodgeval", "x"))), WRONG, "CS-05")
    # CS-15: a parent's objection does not block.
    ja(
        toets(
            jongere(Leeftijdscategorie.JONG_12_15, MOEDER, VADER),
            dataclasses.replace(alleen, uitzondering=nadeel, andere_ouder=AndereOuder("vader", "bezwaar")),
        )
    )


def test_cs_14_adapter_gratis_direct_alleen_met_de_vlag_van_de_activiteit():
    """CS-14: the youth's own consent suffices only for an activity flagged free and direct (RG-01)."""
    s = jongere()
    gratis = Uitzondering("gratis_direct_aan_minderjarige", "Gratis en direct aangeboden.")
    t = met(gevers=gevers(ZELF_G), uitzondering=gratis)
    ja(toets(s, t, gratis=True))
    nee(toets(s, t, gratis=False), WRONG, "CS-14")
    nee(
        toets(s, dataclasses.replace(t, uitzondering=dataclasses.replace(gratis, redenen="")), gratis=True),
        WRONG,
        "CS-14",
    )


def test_cs_14_adapter_jongere_gehoord_telt_alleen_volledig_en_niet_later():
    """CS-14: kind (1) at 12–15: the representative consents and the youth's view is recorded."""
    s = jongere()
    t = met(gevers=gevers(MOEDER_G), jongere_gehoord=GEHOORD)
    ja(toets(s, t))
    ja(toets(s, dataclasses.replace(t, jongere_gehoord=JongereGehoord(OP, "Goed."))))
    for niet_gehoord in [
        None,
        JongereGehoord(None, "Goed."),
        JongereGehoord(OP + timedelta(days=1), "Goed."),
        JongereGehoord(GISTEREN, " "),
    ]:
        nee(toets(s, dataclasses.replace(t, jongere_gehoord=niet_gehoord)), WRONG, "CS-14")


def test_cs_05_adapter_zelf_is_alleen_de_betrokkene():
    """A parent cannot sign as "zelf", and the subject signs only as "zelf"."""
    s = jongere(Leeftijdscategorie.JONG_16_17)
    ja(toets(s, met(gevers=gevers(ZELF_G))))
    u = toets(s, met(gevers=gevers(("moeder", "zelf"))))
    nee(u, WRONG, "CS-05")
    assert u.reden == "CS-05: alleen de betrokkene zelf geeft toestemming als 'zelf'"
    nee(toets(s, met(gevers=gevers(("lisa", "ouder_met_gezag")))), WRONG, "CS-05")
    nee(toets(s, met(gevers=gevers(ZELF_G), betrokkene="sam")), WRONG, "CS-05")


def test_cs_05_adapter_hoedanigheid_moet_een_geldige_relatie_zijn():
    s = jongere(Leeftijdscategorie.ONDER_12, MOEDER, Relatie("vader", "ouder"))
    ja(toets(s, met(gevers=gevers(MOEDER_G))))
    u = toets(s, met(gevers=gevers(("moeder", "voogd"))))
    assert u == Uitkomst(
        False, WRONG, "CS-05: de hoedanigheid van een gever staat niet als geldige relatie geregistreerd"
    )
    nee(toets(s, met(gevers=gevers(VADER_G))), WRONG, "CS-05")  # a parent without gezag
    verlopen = Relatie("moeder", "ouder_met_gezag", tot=OP - timedelta(days=1))
    nee(
        toets(Situatie(Leeftijdscategorie.ONDER_12, (verlopen,)), met(gevers=gevers(MOEDER_G))),
        WRONG,
        "CS-05",
    )
    tot_vandaag = Relatie("moeder", "ouder_met_gezag", tot=OP)
    ja(toets(Situatie(Leeftijdscategorie.ONDER_12, (tot_vandaag,)), met(gevers=gevers(MOEDER_G))))


def test_pe_05_adapter_leeftijd_onbekend_gaat_voor():
    u = toets(Situatie(None, (MOEDER,)), met(gevers=gevers(("moeder", "zelf"))))
    nee(u, AGE, "PE-05")
    assert gever_fout(u) == Fout(AGE, "betrokkene", u.reden)


def test_cs_01_adapter_onbekende_soort():
    u = toets(jongere(), met(soort="onzin"))
    assert u == Uitkomst(False, INVALID, "CS-01: onbekende soort toestemming")


def test_cs_05_adapter_soort_4_volgt_kolom_1_alleen_als_grondslag():
    """SPEC §6: kind (4) uses column (1) if consent is the legal basis, else (2)–(3)."""
    s = jongere()
    ouder_en_gehoord = met(soort=OVERIG, gevers=gevers(MOEDER_G), jongere_gehoord=GEHOORD)
    ja(toets(s, dataclasses.replace(ouder_en_gehoord, als_grondslag=True)))
    nee(toets(s, ouder_en_gehoord), WRONG, "CS-05")  # column (2)–(3): youth and representative
    ja(toets(s, dataclasses.replace(ouder_en_gehoord, gevers=gevers(ZELF_G, MOEDER_G))))


def test_cs_16_adapter_reikwijdte_van_de_beschikking():
    """CS-16: the mentor consents within the order's scope; outside it the adult."""
    mentor = Relatie("mentor", "mentor", reikwijdte=frozenset({"zorg"}))
    s = Situatie(Leeftijdscategorie.VOLWASSEN, (mentor,))
    door_mentor = met(gevers=gevers(("mentor", "mentor")))
    ja(toets(s, door_mentor, curatele_reikwijdte="zorg"))
    nee(toets(s, door_mentor, curatele_reikwijdte="vermogen"), WRONG, "CS-05")
    ja(toets(s, met(gevers=gevers(ZELF_G)), curatele_reikwijdte="vermogen"))
    nee(toets(s, met(gevers=gevers(ZELF_G))), WRONG, "CS-16")


def test_cs_05_gever_fout():
    assert gever_fout(Uitkomst(True, None, "ok")) is None
    assert gever_fout(Uitkomst(False, WRONG, "CS-05: x")) == Fout(WRONG, "gevers", "CS-05: x")
    assert gever_fout(Uitkomst(False, None, "CS-05: y")) == Fout(WRONG, "gevers", "CS-05: y")


def test_e3_lisa_op_15_geeft_moeder_toestemming_op_16_lisa_zelf():
    """SPEC §15 E3 (consent part): at 15 the mother with gezag consents for Lisa (her view heard); from her
    16th birthday only Lisa herself can consent."""
    geboren = date(2009, 8, 15)
    moeder = Relatie("moeder", "ouder_met_gezag")
    t = met(gevers=gevers(MOEDER_G), jongere_gehoord=JongereGehoord(date(2025, 8, 1), "Liever niet alles."))
    dag_ervoor = date(2025, 8, 14)
    verjaardag = date(2025, 8, 15)

    def op(dag):
        return Situatie(leeftijdscategorie(geboren, dag), (moeder,))

    ja(gever_toets(op(dag_ervoor), t, dag_ervoor, False))
    nee(gever_toets(op(verjaardag), t, verjaardag, False), WRONG, "CS-05")
    ja(gever_toets(op(verjaardag), met(gevers=gevers(ZELF_G)), verjaardag, False))


# --- CS-03 coverage of a provision ------------------------------------------------------------------------

FEIT = Toestemmingsfeit(
    soort=GRONDSLAG,
    status="gegeven",
    doel="afstemming",
    ontvangers=(Ontvanger(organisatie=BUURTTEAM), Ontvanger(naam="Huisarts  De Vries")),
    gegevenscategorieen=frozenset({"contact", "huisvesting", "gezondheid"}),
    vorm="schriftelijk",
    uitdrukkelijk=True,
)


def dekking(feit: Toestemmingsfeit = FEIT, **kwargs) -> Fout | None:
    aanvraag = {
        "ontvanger": BUURTTEAM,
        "doel": "afstemming",
        "gegevens": frozenset({"contact"}),
        "vandaag": VANDAAG,
        "bijzonder": False,
    } | kwargs
    return dekt(feit, **aanvraag)


def gat(f: Fout | None, naam: str, regel: str = "CS-03") -> Fout:
    assert f is not None
    assert (f.code, f.naam) == (NOT_SPECIFIC, naam), f
    assert f"({regel}" in f.reden or f", {regel})" in f.reden, f.reden
    assert f.reden.endswith(")."), f.reden
    zin(f.reden)
    return f


def test_cs_03_dekking_basisgeval():
    assert dekking() is None
    assert dekking(gegevens=frozenset({"contact", "huisvesting"})) is None
    assert dekking(feit=dataclasses.replace(FEIT, soort=BEROEPSGEHEIM)) is None


@pytest.mark.parametrize("status", ["gevraagd", "geweigerd", "ingetrokken"])
def test_cs_03_alleen_een_gegeven_toestemming_dekt(status):
    f = gat(dekking(dataclasses.replace(FEIT, status=status)), "status")
    assert f"zij is {status}" in f.reden


def test_cs_03_verlopen_toestemming_dekt_niet_meer_rt_12():
    assert dekking(dataclasses.replace(FEIT, geldig_tot=VANDAAG)) is None
    f = gat(dekking(dataclasses.replace(FEIT, geldig_tot=GISTEREN)), "status")
    assert "zij is verlopen" in f.reden


def test_cs_03_soort_moet_grondslag_of_doorbreking_zijn():
    gat(dekking(dataclasses.replace(FEIT, soort=JEUGDHULP)), "soort")
    gat(dekking(dataclasses.replace(FEIT, soort=OVERIG)), "soort")
    assert dekking(dataclasses.replace(FEIT, soort=OVERIG, als_grondslag=True)) is None
    gat(dekking(dataclasses.replace(FEIT, soort=JEUGDHULP, als_grondslag=True)), "soort")


@pytest.mark.parametrize("vorm", ["mondeling", None, ""])
def test_cs_03_verstrekking_vraagt_schriftelijke_toestemming(vorm):
    gat(dekking(dataclasses.replace(FEIT, vorm=vorm)), "vorm")


def test_cs_03_digitaal_geldt_als_schriftelijk():
    assert dekking(dataclasses.replace(FEIT, vorm="digitaal")) is None


def test_cs_03_ontvanger_moet_genoemd_zijn():
    assert dekking(ontvanger="huisarts de vries") is None
    assert dekking(ontvanger=" Huisarts De  Vries ") is None
    gat(dekking(ontvanger="Huisarts Jansen"), "ontvangers")
    gat(dekking(ontvanger="https://z.example/api/v1/organisaties/0000"), "ontvangers")
    gat(dekking(ontvanger=""), "ontvangers")
    leeg = dataclasses.replace(FEIT, ontvangers=(Ontvanger(naam=""),))
    gat(dekking(leeg, ontvanger=" "), "ontvangers")


def test_cs_03_doel_moet_overeenkomen():
    gat(dekking(doel="ondersteuning"), "doel")
    assert dekking(doel=" afstemming ") is None
    gat(dekking(dataclasses.replace(FEIT, doel=""), doel=""), "doel")


def test_cs_03_elke_gegevenscategorie_moet_gedekt_zijn():
    f = gat(dekking(gegevens=frozenset({"inkomen", "contact", "adres"})), "gegevenscategorieen")
    assert f.reden == "De toestemming dekt deze gegevens niet: adres, inkomen (CS-03)."
    gat(dekking(gegevens=frozenset()), "gegevenscategorieen", "CS-02")


def test_cs_04_bijzondere_gegevens_vragen_uitdrukkelijke_toestemming():
    """CS-04/GDPR art 9(2)(a): special-category data and secrecy releases only on explicit consent."""
    stil = dataclasses.replace(FEIT, uitdrukkelijk=False)
    assert dekking(stil) is None
    gat(dekking(stil, bijzonder=True), "uitdrukkelijk", "CS-04")
    gat(dekking(stil, gegevens=frozenset({"gezondheid"})), "uitdrukkelijk", "CS-04")
    gat(dekking(dataclasses.replace(stil, soort=BEROEPSGEHEIM)), "uitdrukkelijk", "CS-04")
    assert dekking(gegevens=frozenset({"gezondheid"}), bijzonder=True) is None


@given(
    toegestaan=st.frozensets(st.sampled_from(["a", "b", "c", "d", "gezondheid"]), min_size=1),
    gevraagd=st.frozensets(st.sampled_from(["a", "b", "c", "d", "gezondheid"]), min_size=1),
    uitdrukkelijk=st.booleans(),
)
def test_cs_03_dekking_eigenschap(toegestaan, gevraagd, uitdrukkelijk):
    """Covered iff every requested category is consented to (and explicitly so for special ones)."""
    feit = dataclasses.replace(FEIT, gegevenscategorieen=toegestaan, uitdrukkelijk=uitdrukkelijk)
    verwacht = gevraagd <= toegestaan and (uitdrukkelijk or "gezondheid" not in gevraagd)
    assert (dekking(feit, gegevens=gevraagd) is None) == verwacht


# --- CS-07 / CS-08 / CS-09 revocation; SPEC §15 E7 ------------------------------------------------------


def test_cs_07_alleen_een_gegeven_toestemming_intrekken():
    assert intrekken_fout("gegeven") is None
    for status, tekst in [
        ("ingetrokken", "Deze toestemming is al ingetrokken (CS-07)."),
        ("verlopen", "Deze toestemming is verlopen en geldt al niet meer (CS-07)."),
        ("gevraagd", "Alleen een gegeven toestemming kan worden ingetrokken; weiger een verzoek (CS-07)."),
        ("geweigerd", "Alleen een gegeven toestemming kan worden ingetrokken; weiger een verzoek (CS-07)."),
    ]:
        assert intrekken_fout(status) == Fout(CONFLICT, "status", tekst)


def test_cs_07_een_eerder_gemelde_intrekking_krijgt_haar_eigen_dag():
    """CS-07, API §2.5: revoked by phone last week, recorded today — with that day; never in the future
    and never before the consent was given."""
    from zorgvuldig.toestemmingen.policies import intrekdatum_fout

    gegeven = VANDAAG - timedelta(days=30)
    assert intrekdatum_fout(None, gegeven, VANDAAG) is None
    assert intrekdatum_fout(VANDAAG, gegeven, VANDAAG) is None
    assert intrekdatum_fout(gegeven, gegeven, VANDAAG) is None
    assert intrekdatum_fout(GISTEREN, gegeven, VANDAAG) is None
    toekomst = intrekdatum_fout(VANDAAG + timedelta(days=1), gegeven, VANDAAG)
    assert toekomst is not None and toekomst.code == "E_INVALID_INPUT" and toekomst.naam == "datum"
    assert "toekomst" in toekomst.reden
    eerder = intrekdatum_fout(gegeven - timedelta(days=1), gegeven, VANDAAG)
    assert eerder is not None and eerder.naam == "datum" and "vóór" in eerder.reden
    assert eerder.code == "E_INVALID_INPUT"


def test_cs_07_intrekken_is_even_makkelijk_als_geven():
    """CS-07: giving is one transition from `gevraagd`; revoking one from `gegeven`, needing only that."""
    assert overgang_fout("gevraagd", "gegeven") is None
    assert overgang_fout("gegeven", "ingetrokken") is None
    assert intrekken_fout(status_op("gegeven", None, VANDAAG)) is None
    assert intrekken_fout(status_op("gegeven", GISTEREN, VANDAAG)) is not None


def test_cs_07_gevolgen_in_gewone_taal():
    """CS-07: the person is told plainly what revoking means."""
    assert gevolgen(GRONDSLAG, 2, "vrijwillig") == (
        "U trekt uw toestemming in. Dat geldt vanaf nu. "
        "Wat wij eerder met uw toestemming deden, blijft wel toegestaan. "
        "Wij gebruiken uw gegevens niet meer voor het doel waarvoor u toestemming gaf. "
        "2 delingen van uw gegevens stoppen. "
        "Wij laten de ontvangers weten dat u uw toestemming hebt ingetrokken. "
        "U kunt later altijd opnieuw toestemming geven."
    )
    assert gevolgen(BEROEPSGEHEIM, 1, "drang") == (
        "U trekt uw toestemming in. Dat geldt vanaf nu. "
        "Wat wij eerder met uw toestemming deden, blijft wel toegestaan. "
        "De hulpverlener deelt uw gegevens niet meer met de ontvangers die in uw toestemming staan. "
        "1 deling van uw gegevens stopt. Wij laten de ontvanger weten dat u uw toestemming hebt ingetrokken. "
        "U kunt later altijd opnieuw toestemming geven."
    )
    assert gevolgen(JEUGDHULP, 0, "dwang") == (
        "U trekt uw toestemming in. Dat geldt vanaf nu. "
        "Wat wij eerder met uw toestemming deden, blijft wel toegestaan. "
        "De hulp waarvoor u toestemming gaf, stopt. Uw hulpverlener bespreekt met u wat dat betekent. "
        "Er worden geen gegevens gedeeld op basis van deze toestemming. "
        "De hulp die de rechter heeft opgelegd, gaat wel door. Daarvoor is uw toestemming niet nodig. "
        "U kunt later altijd opnieuw toestemming geven."
    )
    assert "bijvoorbeeld het bespreken in een overleg" in gevolgen(OVERIG, 0, "vrijwillig")


@given(
    soort=st.sampled_from(SOORTEN_TOESTEMMING),
    aantal=st.integers(0, 500),
    kader=st.sampled_from(KADERS),
)
def test_cs_07_gevolgen_eigenschap(soort, aantal, kader):
    tekst = gevolgen(soort, aantal, kader)
    assert tekst.startswith("U trekt uw toestemming in. Dat geldt vanaf nu. ")
    assert "blijft wel toegestaan" in tekst
    assert ("rechter heeft opgelegd" in tekst) == (kader == "dwang")
    assert ("laten de ontvanger" in tekst) == (aantal > 0)
    if aantal > 1:
        assert f"{aantal} delingen van uw gegevens stoppen." in tekst


def test_cs_07_gevolgen_onbekende_waarden():
    with pytest.raises(ValueError, match="soort"):
        gevolgen("onzin", 0, "vrijwillig")
    with pytest.raises(ValueError, match="kader"):
        gevolgen(GRONDSLAG, 0, "vrij")
    with pytest.raises(ValueError, match="negatief"):
        gevolgen(GRONDSLAG, -1, "vrijwillig")


DELINGEN = [
    ("d1", "g1_toestemming", "t1", "besloten"),
    ("d2", "g1_toestemming", "t1", "uitgevoerd"),
    ("d3", "g1_toestemming", "t2", "uitgevoerd"),  # another consent
    ("d4", "g4_wettelijke_bevoegdheid", "t1", "uitgevoerd"),  # does not rest on consent
    ("d5", "g1_toestemming", "t1", "beeindigd"),  # already ended
    ("d6", "g1_toestemming", "t1", "client_geinformeerd"),
    ("d7", "g1_toestemming", "t1", "concept"),
    ("d8", "g1_toestemming", "t1", "informeren_uitgesteld"),
]


def test_cs_08_afhankelijke_delingen_worden_gesloten():
    """CS-08: revocation closes the shares resting on this consent that have not ended."""
    assert afhankelijke_delingen(DELINGEN, "t1") == ("d1", "d2", "d6", "d7", "d8")
    assert afhankelijke_delingen(DELINGEN, "t2") == ("d3",)
    assert afhankelijke_delingen(DELINGEN, "t9") == ()
    assert afhankelijke_delingen(iter(DELINGEN), "t1") == ("d1", "d2", "d6", "d7", "d8")


def test_cs_08_ontvangers_van_uitgevoerde_delingen_worden_geinformeerd():
    """CS-08: recipients of shares already carried out are notified."""
    assert sorted(DELING_UITGEVOERD) == ["client_geinformeerd", "informeren_uitgesteld", "uitgevoerd"]
    assert te_informeren_delingen(iter(DELINGEN), "t1") == ("d2", "d6", "d8")
    assert te_informeren_delingen(DELINGEN, "t2") == ("d3",)


def test_cs_09_veiligheid_na_intrekking_overdragen_of_kader_wijzigen():
    """CS-09: if safety requires involvement, consent can no longer be the basis."""
    for kader in ("vrijwillig", "drang"):
        advies = na_intrekking(True, kader)
        assert advies is not None
        assert advies.startswith("Toestemming kan niet langer de grondslag zijn.")
        assert "Draag de zaak over" in advies and "kaderwijziging met een wettelijke grondslag" in advies
        assert advies.endswith("(CS-09, DS-14).")


def test_ds_15_vrijwillig_zonder_zorgen_mag_de_client_stoppen():
    """DS-15: in VOLUNTARY frame without safety concerns the client may stop; the dossier closes."""
    for soort in (GRONDSLAG, JEUGDHULP):
        assert na_intrekking(False, "vrijwillig", soort) == (
            "De cliënt mag stoppen: sluit het dossier af met als reden 'De cliënt wil stoppen' (DS-15)."
        )
        assert na_intrekking(False, "drang", soort) is None


@pytest.mark.parametrize("kader", ["vrijwillig", "drang"])
@pytest.mark.parametrize("soort", [BEROEPSGEHEIM, OVERIG])
def test_cs_01_cs_08_revoking_a_consent_to_share_ends_the_sharing_not_the_help(kader, soort):
    """CS-01 kinds 2 and 4: revoking a release of secrecy (or a participation consent) stops only what
    rested on it (CS-08); advising to close the dossier (DS-15) would end help the client did not refuse."""
    advies = na_intrekking(False, kader, soort)
    assert advies is not None and "de hulp zelf gaat door" in advies and "CS-08" in advies
    assert "DS-15" not in advies
    # safety concerns still call for CS-09, whatever the consent was for
    assert "CS-09" in (na_intrekking(True, kader, soort) or "")


def test_cs_09_onbekende_soort():
    with pytest.raises(ValueError, match="soort"):
        na_intrekking(False, "vrijwillig", "delen")


@pytest.mark.parametrize("veiligheid", [True, False])
def test_cs_13_in_dwang_gaat_de_opgelegde_hulp_door(veiligheid):
    advies = na_intrekking(veiligheid, "dwang")
    assert (
        advies is not None
        and advies.startswith("De opgelegde hulp gaat door")
        and advies.endswith("(CS-13).")
    )


def test_cs_09_onbekend_kader():
    with pytest.raises(ValueError, match="kader"):
        na_intrekking(True, "vrij")


def test_e7_toestemming_ingetrokken_kinderen_in_gevaar():
    """SPEC §15 E7: the mother revokes online in one step (CS-07); consent-based shares close and recipients
    are told (CS-08); fearing for the children the team cannot rest on consent (CS-09); without safety
    concerns the dossier would close (DS-15)."""
    opgeslagen, geldig_tot = "gegeven", None
    status = status_op(opgeslagen, geldig_tot, VANDAAG)
    assert intrekken_fout(status) is None
    assert overgang_fout(status, "ingetrokken") is None

    delingen = [
        ("school", "g1_toestemming", "t-moeder", "uitgevoerd"),
        ("huisarts", "g1_toestemming", "t-moeder", "besloten"),
        ("vt", "g5_wettelijke_plicht", None, "uitgevoerd"),
    ]
    te_sluiten = afhankelijke_delingen(delingen, "t-moeder")
    assert te_sluiten == ("school", "huisarts")
    assert te_informeren_delingen(delingen, "t-moeder") == ("school",)

    tekst = gevolgen(GRONDSLAG, len(te_sluiten), "vrijwillig")
    assert "Dat geldt vanaf nu." in tekst
    assert "2 delingen van uw gegevens stoppen." in tekst
    assert "rechter" not in tekst

    advies = na_intrekking(True, "vrijwillig")
    assert advies is not None and "Veilig Thuis" in advies and "CS-09" in advies
    assert "DS-15" in (na_intrekking(False, "vrijwillig") or "")

    # After the revocation nothing more can be done with it, and it covers no provision any more.
    assert intrekken_fout("ingetrokken") is not None
    assert overgang_fout("ingetrokken", "gegeven") is not None
    gat(dekking(dataclasses.replace(FEIT, status="ingetrokken")), "status")


# --- CS-06 setting aside ------------------------------------------------------------------------------------


def test_cs_06_leidinggevende_legt_beslissing_vertegenwoordiger_terzijde_met_redenen():
    """CS-06: only the leidinggevende, only a representative's decision, with reasons."""
    assert terzijdeleggen_fouten("Zwaarwegend belang van het kind.", True, True) == ()
    assert paren(terzijdeleggen_fouten("Reden.", False, True)) == {("E_AC_NOT_AUTHORISED", "redenen")}
    assert paren(terzijdeleggen_fouten("Reden.", True, False)) == {(CONFLICT, "gevers")}
    assert paren(terzijdeleggen_fouten("  ", True, True)) == {(INVALID, "redenen")}
    alle = terzijdeleggen_fouten("", False, False)
    assert paren(alle) == {("E_AC_NOT_AUTHORISED", "redenen"), (CONFLICT, "gevers"), (INVALID, "redenen")}
    assert hoofdcode(alle) == "E_AC_NOT_AUTHORISED"
    assert all("(CS-06)." in f.reden for f in alle)


# --- API mapping -----------------------------------------------------------------------------------------


def test_uit_api_leest_alle_velden():
    data = {
        "soort": "doorbreking_beroepsgeheim",
        "status": "gegeven",
        "betrokkene": "lisa",
        "gevers": [
            {"persoon": "lisa", "hoedanigheid": "zelf"},
            {"persoon": "moeder", "hoedanigheid": "ouder_met_gezag"},
        ],
        "jongereGehoord": {"datum": GISTEREN, "mening": "Goed."},
        "andereOuder": {
            "persoon": "vader",
            "reactie": "geen_bezwaar",
            "geinformeerdDoor": "medewerker-1",
            "datum": GISTEREN,
            "wijze": "telefonisch",
        },
        "uitzondering": {"grond": "ernstig_nadeel", "redenen": "Nadeel."},
        "doel": "afstemming",
        "ontvangers": [{"organisatie": BUURTTEAM}, {"naam": "School"}],
        "gegevenscategorieen": ["contact", "school"],
        "inhoud": "Aanwezigheid.",
        "waaromNodig": "Afstemming begeleiding.",
        "vorm": "digitaal",
        "uitdrukkelijk": True,
        "alsGrondslag": True,
        "informatieGegeven": {"datum": GISTEREN, "onderwerpen": ["doel", "ontvanger", "gegevens"]},
        "belangBevestigd": True,
        "afhankelijkheidReden": "Reden.",
        "datum": VANDAAG,
        "geldigTot": date(2026, 6, 1),
        "bewijs": "formulier.pdf",
    }
    assert Toestemmingsinvoer.uit_api(data) == Toestemmingsinvoer(
        soort=BEROEPSGEHEIM,
        status="gegeven",
        betrokkene="lisa",
        gevers=(Gever("lisa", "zelf"), Gever("moeder", "ouder_met_gezag")),
        jongere_gehoord=JongereGehoord(GISTEREN, "Goed."),
        andere_ouder=AndereOuder("vader", "geen_bezwaar", "medewerker-1", GISTEREN, "telefonisch"),
        uitzondering=Uitzondering("ernstig_nadeel", "Nadeel."),
        doel="afstemming",
        ontvangers=(Ontvanger(organisatie=BUURTTEAM), Ontvanger(naam="School")),
        gegevenscategorieen=frozenset({"contact", "school"}),
        inhoud="Aanwezigheid.",
        waarom_nodig="Afstemming begeleiding.",
        vorm="digitaal",
        uitdrukkelijk=True,
        als_grondslag=True,
        informatie_gegeven=InformatieGegeven(GISTEREN, frozenset({"doel", "ontvanger", "gegevens"})),
        belang_bevestigd=True,
        afhankelijkheid_reden="Reden.",
        datum=VANDAAG,
        geldig_tot=date(2026, 6, 1),
        bewijs="formulier.pdf",
    )


def test_uit_api_leeg_en_slecht_getypeerd_geeft_de_smalste_waarden():
    """GP-06: omitted options take the narrowest value; ill-typed parts count as absent."""
    assert Toestemmingsinvoer.uit_api({}) == Toestemmingsinvoer()
    assert Toestemmingsinvoer() == Toestemmingsinvoer(
        status="gevraagd", uitdrukkelijk=False, als_grondslag=False, belang_bevestigd=False
    )
    slecht = Toestemmingsinvoer.uit_api(
        {
            "gevers": ["lisa", {"persoon": "lisa"}],
            "jongereGehoord": "ja",
            "andereOuder": {},
            "uitzondering": [],
            "ontvangers": "school",
            "gegevenscategorieen": "contact",
            "uitdrukkelijk": "true",
            "alsGrondslag": 1,
            "belangBevestigd": "ja",
            "informatieGegeven": {"onderwerpen": "doel"},
            "datum": dt.datetime(2025, 6, 2, 12, 0),
            "geldigTot": "2026-01-01",
            "status": None,
        }
    )
    assert slecht == Toestemmingsinvoer(
        gevers=(Gever("lisa", ""),),
        andere_ouder=AndereOuder(),
        informatie_gegeven=InformatieGegeven(),
    )
    assert Toestemmingsinvoer.uit_api({"gegevenscategorieen": ("a",), "ontvangers": ({"naam": "x"},)}) == (
        Toestemmingsinvoer(gegevenscategorieen=frozenset({"a"}), ontvangers=(Ontvanger(naam="x"),))
    )


def test_uit_api_record_is_te_toetsen():
    t = Toestemmingsinvoer.uit_api(
        {
            "soort": "grondslag_verwerking",
            "status": "gegeven",
            "betrokkene": "lisa",
            "gevers": [{"persoon": "lisa", "hoedanigheid": "zelf"}],
            "doel": "ondersteuning",
            "ontvangers": [{"naam": "Buurtteam"}],
            "gegevenscategorieen": ["contact"],
            "vorm": "schriftelijk",
            "informatieGegeven": {"datum": VANDAAG, "onderwerpen": ["doel", "ontvanger", "gegevens"]},
            "belangBevestigd": True,
            "datum": VANDAAG,
        }
    )
    assert fouten(t) == ()
    ja(toets(Situatie(Leeftijdscategorie.VOLWASSEN, ()), t))


def test_uit_api_ontbrekende_delen_blijven_leeg():
    """Missing parts stay blank, so `record_fouten` names them (never a made-up value)."""
    t = Toestemmingsinvoer.uit_api(
        {"gevers": [{"hoedanigheid": "zelf"}], "jongereGehoord": {}, "uitzondering": {}, "andereOuder": {}}
    )
    assert t.gevers == (Gever("", "zelf"),)
    assert t.jongere_gehoord == JongereGehoord(None, "")
    assert t.uitzondering == Uitzondering("", "")
    assert t.andere_ouder == AndereOuder("", "", "", None, "")


# --- Exact wording of the reasons a person or worker reads ---------------------------------------------


def test_teksten_van_de_belangrijkste_redenen():
    assert overgang_fout("gegeven", "gevraagd") == Fout(
        CONFLICT,
        "status",
        "Toestemming kan niet van gegeven naar gevraagd: alleen gevraagd → gegeven of geweigerd, "
        "gegeven → ingetrokken (CS).",
    )
    assert fouten(GELDIG, kader="dwang")[0].reden == (
        "In het kader dwang wordt geen toestemming als grondslag gevraagd; de opgelegde hulp vraagt de "
        "verwerking (CS-13)."
    )
    assert fouten(dataclasses.replace(RELEASE, uitdrukkelijk=False))[0].reden == (
        "Doorbreking van het beroepsgeheim en bijzondere gegevens vragen uitdrukkelijke toestemming, niet "
        "alleen stilzwijgend (CS-04)."
    )
    nadeel = Uitzondering("ernstig_nadeel", "Nadeel.")
    assert fouten(met(uitzondering=nadeel))[0].reden == (
        "Deze uitzondering geldt alleen voor doorbreking van het beroepsgeheim en start van "
        "jeugdhulp (CS-15)."
    )
    assert waarschuwingen(GELDIG, organisatie_is_publiek=True) == (
        "Let op: u kiest toestemming als grondslag bij een overheidsorganisatie. De cliënt is van u "
        "afhankelijk, dus toestemming is dan zelden vrij; meestal past de publieke taak (CS-10).",
    )
    stil = dataclasses.replace(FEIT, uitdrukkelijk=False)
    assert dekking(stil, bijzonder=True) == Fout(
        NOT_SPECIFIC,
        "uitdrukkelijk",
        "Bijzondere gegevens en doorbreking van het beroepsgeheim vragen uitdrukkelijke toestemming (CS-04).",
    )
    assert na_intrekking(True, "vrijwillig") == (
        "Toestemming kan niet langer de grondslag zijn. Draag de zaak over aan de verantwoordelijke "
        "organisatie (zoals Veilig Thuis) of leg een kaderwijziging met een wettelijke grondslag vast en leg "
        "die uit aan de cliënt (CS-09, DS-14)."
    )
    assert terzijdeleggen_fouten("", False, False) == (
        Fout(
            "E_AC_NOT_AUTHORISED",
            "redenen",
            "Alleen de leidinggevende kan de beslissing van een vertegenwoordiger terzijde leggen (CS-06).",
        ),
        Fout(
            CONFLICT,
            "gevers",
            "Alleen de beslissing van een vertegenwoordiger kan terzijde worden gelegd, niet die van de "
            "betrokkene zelf (CS-06).",
        ),
        Fout(
            INVALID,
            "redenen",
            "Leg vast welke zwaarwegende belangen van de cliënt zich tegen de beslissing verzetten (CS-06).",
        ),
    )
