"""Pure rules of sharing decisions (SPEC §7, SH-01 … SH-21, G1–G8). No database: these also run under
mutmut. SH-01, SH-02 and SH-16 are service-level (what counts as a decision, the disclosure register) and
are tested there, not here."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zorgvuldig.verstrekkingen import policies as p

D = dt.date
OP = D(2026, 3, 2)  # a Monday

REDEN = re.compile(r"^[A-ZÉ][a-zé][^\n]*(\([^()]*\b[A-Z]{2}-\d{2}\b[^()]*\)|\(SPEC §7\))\.$")
NAAM = re.compile(r"^[a-z][A-Za-z]*(\[\d+\])?(\.[a-z][A-Za-z]*)*$")


def _geldig(fouten):
    """Every refusal: a known code, an API field path, a Dutch sentence that ends naming its rule."""
    for f in fouten:
        assert f.code in p.FOUT_VOLGORDE, f.code
        assert NAAM.match(f.naam), f.naam
        assert REDEN.match(f.reden), f.reden
    return tuple(fouten)


def stappen(v):
    uitkomst = p.toets(v)
    for s in uitkomst:
        _geldig(s.fouten)
    return uitkomst


def stap(v, nummer):
    return stappen(v)[nummer - 1]


def gf(v, vandaag=OP, **kw):
    return _geldig(p.grond_fouten(v, vandaag, **kw))


def bf(v, besluit="delen", redenen="Afstemming van de hulp.", vandaag=OP, **kw):
    return _geldig(p.besluit_fouten(v, besluit, redenen, vandaag, **kw))


def codes(fouten):
    return {f.code for f in fouten}


def namen(fouten):
    return {f.naam for f in fouten}


def gegeven(**over):
    kw = {"omschrijving": "Verzuim in de laatste maand", "soort": "feit", "bron": "eigen_waarneming"}
    kw.update(over)
    return p.Gegeven(**kw)


GEZONDHEID = {"bijzonder": True, "categorie": "gezondheid"}


def basis(**over):
    """A valid G2 share: a municipal team tells a co-treating youth-care provider (class B)."""
    kw = {
        "richting": "verstrekken",
        "organisatietype": "gemeentelijk_team",
        "bestuursorgaan": True,
        "ontvanger_type": "jeugdhulp",
        "ontvanger_grondslag": "e",
        "ontvanger_direct_betrokken": True,
        "doel": "ondersteuning",
        "activiteiten": {"ondersteuning": "ondersteuning", "signalering": "signalering"},
        "grondslag_eigen": "e",
        "klasse": "b",
        "grond": p.G2,
        "noodzaak": p.Noodzaak(
            "Afstemmen van het plan.", van_client=False, anoniem_volstaat=False, dat_gegeven_volstaat=False
        ),
        "gegevens": (gegeven(),),
        "beroepsgeheim": False,
        "informeren": p.Informeren("voor"),
        "rechten": p.Rechten(geen_verborgen_items=True),
    }
    kw.update(over)
    return p.Deelvraag(**kw)


TOESTEMMING = p.Toestemmingsfeit(
    soort="grondslag_verwerking",
    schriftelijk=True,
    geldig=True,
    dekt_ontvanger=True,
    dekt_doel=True,
    dekt_gegevens=True,
)
LEIDING = p.Consultatie("leidinggevende", dt.datetime(2026, 3, 2, 9, 30), "Delen, beperkt tot het onderzoek.")


def g1(**over):
    kw = {"grond": p.G1, "toestemming": TOESTEMMING}
    kw.update(over)
    return basis(**kw)


def g5_vt(**over):
    """SPEC §15 E5's shape: Veilig Thuis asks the team under G5."""
    kw = {
        "ontvanger_type": "veilig_thuis",
        "ontvanger_grondslag": "c",
        "ontvanger_direct_betrokken": False,
        "grond": p.G5,
        "klasse": "c",
        "wettelijke_plicht": p.WettelijkePlicht("veilig_thuis", "Wmo 2015 art. 5.2.6"),
        "verzoek_context": "Onderzoek naar een melding over het gezin.",
        "consultatie": LEIDING,
        "informeren": p.Informeren("uitgesteld", "veiligheid"),
    }
    kw.update(over)
    return basis(**kw)


VERZOEK_PW = p.SchriftelijkVerzoek("SR-2026-14", D(2026, 2, 20), "Participatiewet art. 53a lid 6")


def g5_pw(**over):
    kw = {
        "ontvanger_type": "toezichthouder",
        "g5_participatiewet_aan": True,
        "wettelijke_plicht": p.WettelijkePlicht(
            "participatiewet", "Participatiewet art. 53a", VERZOEK_PW, juridisch_advies=True
        ),
        "informeren": p.Informeren("uitgesteld", "participatiewet"),
    }
    kw.update(over)
    return g5_vt(**kw)


VIER_JA = p.VierVragen(True, True, True, True)
COD = p.ConflictVanPlichten(
    toestemming_niet_haalbaar="gevaar",
    ernstige_schade="Cliënt eet al dagen niet en is verward.",
    andere_wegen="Geen: cliënt weigert contact, geen vertegenwoordiger bereikbaar.",
    kans_beperking="De huisartsenpost kan vandaag langsgaan.",
    objectief_eigen_waarneming=True,
    openheid_naar_client=True,
)


def g6(**over):
    """SPEC §15 E2's shape: a secrecy-bound nurse alerts the GP out-of-hours service under G6."""
    kw = {
        "geheimhouder": True,
        "beroepsgeheim": True,
        "ontvanger_type": "wgbo_zorg",
        "ontvanger_grondslag": "d",
        "ontvanger_direct_betrokken": False,
        "grond": p.G6,
        "klasse": "b",
        "gegevens": (gegeven(omschrijving="Eet niet, verward", uitzondering="g6", **GEZONDHEID),),
        "vier_vragen": VIER_JA,
        "conflict_van_plichten": COD,
        "consultatie": p.Consultatie(
            "leidinggevende", dt.datetime(2026, 3, 2, 22, 15), "Huisartsenpost inschakelen."
        ),
        "informeren": p.Informeren("na"),
    }
    kw.update(over)
    return basis(**kw)


VITAAL = p.VitaalBelang(True, True, True, True, True)


def g7(**over):
    kw = {"grond": p.G7, "vitaal_belang": VITAAL, "consultatie": LEIDING, "informeren": p.Informeren("na")}
    kw.update(over)
    return basis(**kw)


VERENIGBAAR = p.Verenigbaarheid(
    "Zelfde hulpvraag.", "Cliënt verwacht dit.", "Laag.", "Geen nadeel.", "Versleuteld."
)


def g8(**over):
    kw = {"grond": p.G8, "verenigbaarheid": VERENIGBAAR}
    kw.update(over)
    return basis(**kw)


def verrijking_vt(**over):
    """Veilig Thuis enriches: asks a school without consent during its investigation (SH-17)."""
    kw = {
        "richting": "opvragen",
        "organisatietype": "veilig_thuis",
        "ontvanger_type": "school",
        "ontvanger_grondslag": None,
        "ontvanger_direct_betrokken": False,
        "grondslag_eigen": "c",
        "grond": p.G5,
        "klasse": None,
        "wettelijke_plicht": p.WettelijkePlicht("veilig_thuis", "Wmo 2015 art. 4.1.8"),
        "verzoek_context": "Onderzoek naar een melding van kindermishandeling.",
        "verrijking": True,
        "vt_melding": p.VtMelding(D(2026, 3, 2)),
        "onderzoek_gestart_op": D(2026, 3, 4),
        "noodzaak": p.Noodzaak("Zicht op aanwezigheid.", True, False, False),
        "gegevens": (p.Gegeven("Schoolverzuim"),),
        "informeren": p.Informeren("uitgesteld", "veiligheid"),
    }
    kw.update(over)
    return basis(**kw)


# --- Valid base cases ------------------------------------------------------------------------------


@pytest.mark.parametrize("maak", [basis, g1, g5_vt, g5_pw, g6, g7, g8, verrijking_vt])
def test_valid_cases_pass_every_step_ground_and_decision(maak):
    v = maak()
    uitkomst = stappen(v)
    assert [(s.stap, s.naam, s.ok, s.code, s.fouten) for s in uitkomst] == [
        (n, p.STAPNAMEN[n], True, None, ()) for n in range(1, 9)
    ]
    assert gf(v) == ()
    assert bf(v) == ()


def test_gp_06_empty_deelvraag_fails_the_steps_it_answers_nothing_to():
    """GP-06: defaults are the narrowest answers; an empty decision passes nothing it must answer."""
    niet_ok = {s.stap for s in stappen(p.Deelvraag()) if not s.ok}
    assert niet_ok == {1, 2, 3, 5, 6, 8}


# --- Step 1: purpose (GP-02, SH-06) --------------------------------------------------------------


@pytest.mark.parametrize("doel", [None, "onbekend"])
def test_step_1_purpose_from_the_processing_activities(doel):
    s = stap(basis(doel=doel), 1)
    assert (s.ok, s.code) == (False, "E_NO_PURPOSE")
    assert namen(s.fouten) == {"stappen.doel.verwerkingsactiviteit"}


@pytest.mark.parametrize("doel", ["signalering", "beheer-platform", "verantwoording-toezicht"])
def test_gp_02_step_1_refuses_an_activity_whose_purpose_is_not_sharing(doel):
    """GP-02 purpose binding: only an activity whose purpose is the client's support or coordination
    between professionals carries a share; supervision, platform management or the verwijsindex's own
    signalling do not (E_NO_PURPOSE)."""
    activiteiten = {
        "sociaal-domein-ondersteuning": "ondersteuning",
        "gegevensdeling": "afstemming",
        "signalering": "signalering",
        "beheer-platform": "beheer",
        "verantwoording-toezicht": "toezicht",
    }
    s = stap(basis(doel=doel, activiteiten=activiteiten), 1)
    assert (s.ok, s.code, namen(s.fouten)) == (False, "E_NO_PURPOSE", {"stappen.doel.verwerkingsactiviteit"})
    assert "GP-02" in s.fouten[0].reden and "verwerkingsactiviteiten" not in s.fouten[0].reden
    for goed in ("sociaal-domein-ondersteuning", "gegevensdeling"):
        assert stap(basis(doel=goed, activiteiten=activiteiten), 1).ok
    assert p.doel_fouten(doel, activiteiten) == list(s.fouten)


def test_gp_02_sharing_purposes_are_purposes_of_the_closed_list():
    from zorgvuldig.registers.catalogus import ACTIVITEITEN, DOELEN

    assert set(DOELEN) >= p.DEELDOELEN
    deelbaar = {code for code, (_, doel, *_rest) in ACTIVITEITEN.items() if p.doel_toegestaan(doel)}
    assert deelbaar == {"sociaal-domein-ondersteuning", "casusoverleg", "gegevensdeling"}


def test_sh_06_request_states_purpose_and_context():
    """SH-06: a request (opvragen) states purpose and context: E_SH_NO_PURPOSE."""
    vraag = basis(richting="opvragen", verzoek_context="  ")
    s = stap(vraag, 1)
    assert (s.ok, s.code, namen(s.fouten)) == (False, "E_SH_NO_PURPOSE", {"verzoekContext"})
    assert stap(dataclasses.replace(vraag, verzoek_context="Voor het plan."), 1).ok
    # Providing (not G5) needs no context of ours.
    assert stap(basis(verzoek_context=""), 1).ok


def test_sh_06_unknown_purpose_outranks_missing_context():
    s = stap(basis(richting="opvragen", doel=None), 1)
    assert codes(s.fouten) == {"E_NO_PURPOSE", "E_SH_NO_PURPOSE"}
    assert s.code == "E_NO_PURPOSE"


# --- Step 2: legal basis (GP-03, SH-06) ----------------------------------------------------------


@pytest.mark.parametrize("eigen", [None, "g", ""])
def test_step_2_own_basis_a_to_f(eigen):
    s = stap(basis(grondslag_eigen=eigen), 2)
    assert (s.ok, s.code, namen(s.fouten)) == (False, "E_SH_NO_BASIS", {"stappen.grondslag.eigen"})


@pytest.mark.parametrize("eigen", ["a", "b", "c", "d", "e", "f"])
def test_gp_03_private_organisation_may_use_every_basis(eigen):
    assert stap(basis(organisatietype="jeugdhulp", bestuursorgaan=False, grondslag_eigen=eigen), 2).ok


@pytest.mark.parametrize("soort", sorted(p.PUBLIEKE_TYPEN))
def test_gp_03_public_body_cannot_select_f(soort):
    s = stap(basis(organisatietype=soort, bestuursorgaan=False, grondslag_eigen="f"), 2)
    assert (s.ok, s.code, namen(s.fouten)) == (False, "E_SH_NO_BASIS", {"stappen.grondslag.eigen"})
    assert stap(basis(organisatietype=soort, bestuursorgaan=False, grondslag_eigen="a"), 2).ok


def test_gp_03_bestuursorgaan_flag_makes_any_type_public():
    assert not stap(basis(organisatietype="overig", bestuursorgaan=True, grondslag_eigen="f"), 2).ok
    assert stap(basis(organisatietype="overig", bestuursorgaan=False, grondslag_eigen="f"), 2).ok
    assert p.is_publiek(basis(organisatietype="overig", bestuursorgaan=True))
    assert not p.is_publiek(basis(organisatietype="school", bestuursorgaan=False))


@given(
    soort=st.sampled_from(
        ["gemeentelijk_team", "jeugdhulp", "wgbo_zorg", "school", "veilig_thuis", "overig"]
    ),
    bestuursorgaan=st.booleans(),
    richting=st.sampled_from(["verstrekken", "opvragen"]),
)
def test_gp_03_public_body_never_passes_with_f(soort, bestuursorgaan, richting):
    v = basis(organisatietype=soort, bestuursorgaan=bestuursorgaan, grondslag_eigen="f", richting=richting)
    assert stap(v, 2).ok is not p.is_publiek(v)


@pytest.mark.parametrize(
    ("eigen", "ok"), [("a", False), ("b", False), ("d", False), ("c", True), ("e", True)]
)
def test_gp_03_public_body_requests_only_for_a_statutory_task(eigen, ok):
    v = basis(richting="opvragen", verzoek_context="Plan.", grondslag_eigen=eigen)
    s = stap(v, 2)
    assert s.ok is ok
    if not ok:
        assert (s.code, namen(s.fouten)) == ("E_SH_NO_BASIS", {"stappen.grondslag.eigen"})
    # A private organisation may ask on consent.
    assert stap(dataclasses.replace(v, organisatietype="jeugdhulp", bestuursorgaan=False), 2).ok


def test_sh_06_recipient_basis_recorded_when_providing():
    """SH-06: the recipient's own legal basis is recorded."""
    for ontvanger in (None, "x"):
        s = stap(basis(ontvanger_grondslag=ontvanger), 2)
        assert (s.ok, s.code, namen(s.fouten)) == (False, "E_SH_NO_BASIS", {"stappen.grondslag.ontvanger"})
    # A private person (e.g. a parent, G3) has no basis to record; asking, we are the recipient.
    assert stap(basis(ontvanger_type="persoon", ontvanger_grondslag=None), 2).ok
    assert stap(basis(richting="opvragen", verzoek_context="x", ontvanger_grondslag=None), 2).ok


def test_sh_06_recipient_must_be_named():
    s = stap(basis(ontvanger_type=None), 2)
    assert ("E_SH_NO_BASIS", "ontvanger") in {(f.code, f.naam) for f in s.fouten}
    assert not stap(basis(richting="opvragen", verzoek_context="x", ontvanger_type=None), 2).ok


def test_gp_03_public_recipient_has_no_basis_f():
    s = stap(basis(ontvanger_type="veilig_thuis", ontvanger_grondslag="f"), 2)
    assert (s.ok, namen(s.fouten)) == (False, {"stappen.grondslag.ontvanger"})
    assert stap(basis(ontvanger_type="jeugdhulp", ontvanger_grondslag="f"), 2).ok


# --- Step 3: necessity (GP-04, SH-07, SH-18) -----------------------------------------------------


def noodzaak(**over):
    kw = {
        "onderbouwing": "Nodig.",
        "van_client": False,
        "anoniem_volstaat": False,
        "dat_gegeven_volstaat": False,
    }
    kw.update(over)
    return p.Noodzaak(**kw)


@pytest.mark.parametrize("tekst", ["", "   "])
def test_step_3_substantiation_required(tekst):
    s = stap(basis(noodzaak=noodzaak(onderbouwing=tekst)), 3)
    assert (s.ok, s.code, namen(s.fouten)) == (False, "E_SH_NOT_NECESSARY", {"stappen.noodzaak.onderbouwing"})


def test_step_3_names_the_data_no_more():
    s = stap(basis(gegevens=()), 3)
    assert (s.code, namen(s.fouten)) == ("E_SH_NOT_NECESSARY", {"gegevens"})
    s = stap(basis(gegevens=(gegeven(), gegeven(omschrijving=" "))), 3)
    assert namen(s.fouten) == {"gegevens[1].omschrijving"}


@pytest.mark.parametrize(
    ("veld", "naam"),
    [
        ("van_client", "vanClient"),
        ("anoniem_volstaat", "anoniemVolstaat"),
        ("dat_gegeven_volstaat", "datGegevenVolstaat"),
    ],
)
def test_sh_21_necessity_questions_answered_yes_or_no(veld, naam):
    s = stap(basis(noodzaak=noodzaak(**{veld: None})), 3)
    assert (s.code, namen(s.fouten)) == ("E_SH_NOT_NECESSARY", {f"stappen.noodzaak.{naam}"})


def test_sh_07_ask_the_client_first():
    """SH-07: what the client can give is asked of the client, or of others with the client's consent."""
    s = stap(basis(noodzaak=noodzaak(van_client=True)), 3)
    assert (s.code, namen(s.fouten)) == ("E_SH_NOT_NECESSARY", {"stappen.noodzaak.vanClient"})
    assert stap(g1(noodzaak=noodzaak(van_client=True)), 3).ok
    vraag = basis(richting="opvragen", verzoek_context="x", noodzaak=noodzaak(van_client=True))
    assert not stap(vraag, 3).ok
    assert stap(dataclasses.replace(vraag, verrijking=True), 3).ok  # statutory enrichment, SH-17


def test_sh_07_dat_gegeven_suffices_no_content():
    """SH-07: if a dat-gegeven suffices, no content is shared or requested."""
    s = stap(basis(noodzaak=noodzaak(dat_gegeven_volstaat=True)), 3)
    assert (s.code, namen(s.fouten)) == ("E_SH_NOT_NECESSARY", {"stappen.noodzaak.datGegevenVolstaat"})


def test_gp_04_anonymous_suffices_no_personal_data():
    s = stap(basis(noodzaak=noodzaak(anoniem_volstaat=True)), 3)
    assert (s.code, namen(s.fouten)) == ("E_SH_NOT_NECESSARY", {"stappen.noodzaak.anoniemVolstaat"})


@pytest.mark.parametrize(("antwoord", "ok"), [(None, False), (False, False), (True, True)])
def test_sh_18_veilig_thuis_to_police_only_to_end_domestic_violence(antwoord, ok):
    """SH-18: Veilig Thuis gives police/OM information only if it helps prevent or end domestic violence."""
    v = basis(
        organisatietype="veilig_thuis",
        ontvanger_type="politie_om",
        noodzaak=noodzaak(beeindigt_huiselijk_geweld=antwoord),
    )
    s = stap(v, 3)
    assert s.ok is ok
    if not ok:
        assert namen(s.fouten) == {"stappen.noodzaak.beeindigtHuiselijkGeweld"}
        # Not for another sharer, another recipient, or a request.
        assert stap(dataclasses.replace(v, organisatietype="gemeentelijk_team"), 3).ok
        assert stap(dataclasses.replace(v, ontvanger_type="jeugdhulp"), 3).ok
        assert stap(dataclasses.replace(v, richting="opvragen", verzoek_context="x"), 3).ok


# --- Step 4: special categories (SH-08) ----------------------------------------------------------


@pytest.mark.parametrize("grond", p.ALLE_GRONDEN)
@pytest.mark.parametrize(
    "uitzondering", [None, "uitdrukkelijke_toestemming", "wettelijke_taak", "g6", "g7", "x"]
)
def test_sh_08_exception_must_fit_the_ground(grond, uitzondering):
    """SH-08: explicit consent (G1), a statutory task (G4, G5), or G6/G7 — and nothing else."""
    past = {
        "uitdrukkelijke_toestemming": {p.G1},
        "wettelijke_taak": {p.G4, p.G5},
        "g6": {p.G6},
        "g7": {p.G7},
    }.get(uitzondering, set())
    v = basis(
        grond=grond,
        toestemming=dataclasses.replace(TOESTEMMING, uitdrukkelijk=True),
        gegevens=(gegeven(uitzondering=uitzondering, **GEZONDHEID),),
    )
    s = stap(v, 4)
    assert s.ok is (grond in past)
    if not s.ok:
        assert (s.code, namen(s.fouten)) == ("E_SH_SPECIAL_BASIS", {"gegevens[0].bijzonder.uitzondering"})


def test_sh_08_explicit_consent_must_be_explicit():
    item = gegeven(uitzondering="uitdrukkelijke_toestemming", **GEZONDHEID)
    assert not stap(g1(gegevens=(item,)), 4).ok  # TOESTEMMING is not explicit
    assert not stap(g1(gegevens=(item,), toestemming=None), 4).ok
    assert stap(g1(gegevens=(item,), toestemming=dataclasses.replace(TOESTEMMING, uitdrukkelijk=True)), 4).ok


def test_sh_08_category_named_and_detected():
    s = stap(g6(gegevens=(gegeven(bijzonder=True, uitzondering="g6"),)), 4)
    assert (s.code, namen(s.fouten)) == ("E_SH_SPECIAL_BASIS", {"gegevens[0].bijzonder.categorie"})
    s = stap(g6(gegevens=(gegeven(bijzonder=True, categorie="hobby", uitzondering="g6"),)), 4)
    assert namen(s.fouten) == {"gegevens[0].bijzonder.categorie"}
    # A health item is special even when the flag was forgotten.
    assert p.Gegeven(categorie="strafrechtelijk").is_bijzonder
    assert not p.Gegeven(categorie="inkomen").is_bijzonder
    s = stap(basis(gegevens=(gegeven(categorie="gezondheid"),)), 4)
    assert namen(s.fouten) == {"gegevens[0].bijzonder.uitzondering"}


def test_sh_08_ordinary_items_need_no_exception_and_each_special_item_is_checked():
    s = stap(basis(gegevens=(gegeven(), gegeven(**GEZONDHEID), gegeven())), 4)
    assert (s.ok, namen(s.fouten)) == (False, {"gegevens[1].bijzonder.uitzondering"})


# --- Step 5: secrecy and ground (SH-03, SH-04) ---------------------------------------------------


@pytest.mark.parametrize("grond", [None, "g9_anders"])
def test_sh_04_one_ground_required(grond):
    s = stap(basis(grond=grond), 5)
    assert (s.ok, s.code, namen(s.fouten)) == (False, "E_SH_NO_GROUND", {"grond"})


def test_sh_04_secrecy_answered():
    s = stap(basis(beroepsgeheim=None), 5)
    assert (s.code, namen(s.fouten)) == ("E_SH_NO_GROUND", {"stappen.beroepsgeheim"})
    assert stap(basis(beroepsgeheim=None, geheimhouder=True), 5).ok


@pytest.mark.parametrize(
    ("beroepsgeheim", "geheimhouder", "ok"),
    [(True, False, False), (False, True, False), (True, True, False), (False, False, True)],
)
def test_sh_03_secrecy_bound_sharer_cannot_use_g8(beroepsgeheim, geheimhouder, ok):
    """SH-03: A and B are allowed, but a secrecy-bound sharer needs a ground other than G8."""
    v = g8(beroepsgeheim=beroepsgeheim, geheimhouder=geheimhouder)
    s = stap(v, 5)
    assert s.ok is ok
    assert p.gebonden(v) is not ok
    if not ok:
        assert (s.code, namen(s.fouten)) == ("E_SH_NO_GROUND", {"grond"})
        assert stap(dataclasses.replace(v, grond=p.G2), 5).ok


# --- Step 6: informing (GP-05, SH-14, SH-15) -----------------------------------------------------


@pytest.mark.parametrize(("moment", "ok"), [(None, False), ("ooit", False), ("voor", True), ("na", True)])
def test_sh_14_moment_required(moment, ok):
    s = stap(basis(informeren=p.Informeren(moment)), 6)
    assert s.ok is ok
    if not ok:
        assert (s.code, namen(s.fouten)) == ("E_SH_INFORM_GROUND", {"stappen.informeren.moment"})


@pytest.mark.parametrize(("grond", "ok"), [(None, False), ("drukte", False), ("veiligheid", True)])
def test_sh_14_postponement_only_for_safety_or_participatiewet(grond, ok):
    s = stap(basis(informeren=p.Informeren("uitgesteld", grond)), 6)
    assert s.ok is ok
    if not ok:
        assert (s.code, namen(s.fouten)) == ("E_SH_INFORM_GROUND", {"stappen.informeren.grond"})


def test_sh_14_participatiewet_postponement_only_under_g5_participatiewet():
    assert stap(g5_pw(), 6).ok
    s = stap(g5_vt(informeren=p.Informeren("uitgesteld", "participatiewet")), 6)
    assert (s.ok, namen(s.fouten)) == (False, {"stappen.informeren.grond"})
    assert not stap(basis(informeren=p.Informeren("uitgesteld", "participatiewet")), 6).ok


def test_sh_14_consent_share_is_not_postponed():
    s = stap(g1(informeren=p.Informeren("uitgesteld", "veiligheid")), 6)
    assert (s.ok, namen(s.fouten)) == (False, {"stappen.informeren.moment"})


@pytest.mark.parametrize(
    ("informeren", "ok"),
    [
        (p.Informeren("voor"), True),
        (p.Informeren("na"), False),
        (p.Informeren("uitgesteld", "veiligheid"), False),
    ],
)
def test_sh_15_child_protection_table_informed_before(informeren, ok):
    """SH-15: youth and/or parents are always informed before a report to a child-protection table."""
    s = stap(basis(kinderbeschermingstafel=True, informeren=informeren), 6)
    assert s.ok is ok
    if not ok:
        assert s.code == "E_SH_INFORM_GROUND"
        assert "stappen.informeren.moment" in namen(s.fouten)


# --- Step 7: accuracy (DS-07) --------------------------------------------------------------------


@pytest.mark.parametrize("soort", sorted(p.SOORTEN))
@pytest.mark.parametrize("bron", sorted(p.BRONNEN))
def test_ds_07_every_type_and_source_accepted(soort, bron):
    assert stap(basis(gegevens=(gegeven(soort=soort, bron=bron),)), 7).ok


def test_ds_07_ac_12_a_note_from_a_partners_system_can_be_an_item_of_a_sharing_decision():
    """A partner note (AC-12) that entered the file lawfully may be chosen like any other note."""
    assert stap(basis(gegevens=(gegeven(bron="partner"),)), 7).ok


@pytest.mark.parametrize(
    ("over", "naam"),
    [
        ({"soort": None}, "gegevens[1].soort"),
        ({"soort": "oordeel"}, "gegevens[1].soort"),
        ({"bron": None}, "gegevens[1].bron"),
        ({"bron": "geruchten"}, "gegevens[1].bron"),
    ],
)
def test_ds_07_untyped_or_unsourced_item_refused(over, naam):
    s = stap(basis(gegevens=(gegeven(), gegeven(**over))), 7)
    assert (s.ok, s.code, namen(s.fouten)) == (False, "E_DS_NOTE_TYPE", {naam})


def test_ds_07_requested_data_are_typed_on_receipt():
    v = basis(richting="opvragen", verzoek_context="x", gegevens=(p.Gegeven("Schoolverzuim"),))
    assert stap(v, 7).ok


# --- Step 8: rights (DS-09, DS-13) ---------------------------------------------------------------


@pytest.mark.parametrize(("mee", "ok"), [(None, False), (False, False), (True, True)])
def test_ds_09_own_statement_travels_with_the_opinion(mee, ok):
    """DS-09: the client's own statement on an opinion travels with it."""
    v = basis(
        gegevens=(gegeven(), gegeven(soort="mening", heeft_eigen_verklaring=True)),
        rechten=p.Rechten(eigen_verklaringen_mee=mee, geen_verborgen_items=True),
    )
    s = stap(v, 8)
    assert s.ok is ok
    if not ok:
        assert (s.code, namen(s.fouten)) == ("E_SH_RIGHTS", {"stappen.rechten.eigenVerklaringenMee"})


def test_ds_09_only_opinions_with_statements_need_them():
    assert stap(basis(gegevens=(gegeven(soort="mening"),)), 8).ok
    assert stap(basis(gegevens=(gegeven(soort="feit", heeft_eigen_verklaring=True),)), 8).ok


@pytest.mark.parametrize("bevestigd", [None, False])
def test_ds_13_confirm_nothing_hidden(bevestigd):
    s = stap(basis(rechten=p.Rechten(geen_verborgen_items=bevestigd)), 8)
    assert (s.ok, s.code, namen(s.fouten)) == (False, "E_SH_RIGHTS", {"stappen.rechten.geenVerborgenItems"})


def test_ds_13_item_hidden_for_safety_never_leaves():
    """DS-13: an item hidden for safety from the recipient is refused, whatever was confirmed."""
    s = stap(basis(gegevens=(gegeven(), gegeven(verborgen_voor_ontvanger=True))), 8)
    assert (s.ok, s.code, namen(s.fouten)) == (False, "E_SH_RIGHTS", {"gegevens[1]"})


def test_ds_13_requests_carry_nothing_out():
    v = basis(richting="opvragen", verzoek_context="x", rechten=p.Rechten())
    assert stap(v, 8).ok


# --- SH-21: determinism, order, codes ------------------------------------------------------------

opt_bool = st.none() | st.booleans()
gegeven_st = st.builds(
    p.Gegeven,
    omschrijving=st.sampled_from(["", "Verzuim"]),
    bijzonder=st.booleans(),
    categorie=st.sampled_from([None, "gezondheid", "strafrechtelijk", "inkomen"]),
    uitzondering=st.sampled_from([None, "uitdrukkelijke_toestemming", "wettelijke_taak", "g6", "g7"]),
    soort=st.sampled_from([None, "feit", "mening", "client_visie"]),
    bron=st.sampled_from([None, "eigen_waarneming", "derde"]),
    heeft_eigen_verklaring=st.booleans(),
    verborgen_voor_ontvanger=st.booleans(),
)
deelvraag_st = st.builds(
    p.Deelvraag,
    richting=st.sampled_from(["verstrekken", "opvragen"]),
    organisatietype=st.sampled_from(
        ["gemeentelijk_team", "jeugdhulp", "veilig_thuis", "raad_kinderbescherming"]
    ),
    bestuursorgaan=st.booleans(),
    geheimhouder=st.booleans(),
    g5_participatiewet_aan=st.booleans(),
    ontvanger_type=st.sampled_from(
        [None, "jeugdhulp", "veilig_thuis", "politie_om", "toezichthouder", "persoon"]
    ),
    ontvanger_grondslag=st.sampled_from([None, "a", "e", "f"]),
    ontvanger_direct_betrokken=st.booleans(),
    doel=st.sampled_from([None, "ondersteuning", "x"]),
    activiteiten=st.just({"ondersteuning": "ondersteuning", "x": "beheer"}),
    grondslag_eigen=st.sampled_from([None, "a", "c", "e", "f"]),
    klasse=st.sampled_from([None, "a", "b", "c"]),
    grond=st.sampled_from([None, *p.ALLE_GRONDEN]),
    toestemming=st.none()
    | st.builds(
        p.Toestemmingsfeit,
        soort=st.sampled_from(["grondslag_verwerking", "doorbreking_beroepsgeheim", "overig"]),
        schriftelijk=st.booleans(),
        geldig=st.booleans(),
        dekt_ontvanger=st.booleans(),
        dekt_doel=st.booleans(),
        dekt_gegevens=st.booleans(),
        uitdrukkelijk=st.booleans(),
    ),
    noodzaak=st.builds(
        p.Noodzaak,
        onderbouwing=st.sampled_from(["", "Nodig."]),
        van_client=opt_bool,
        anoniem_volstaat=opt_bool,
        dat_gegeven_volstaat=opt_bool,
        beeindigt_huiselijk_geweld=opt_bool,
    ),
    gegevens=st.lists(gegeven_st, max_size=4).map(tuple),
    beroepsgeheim=opt_bool,
    informeren=st.builds(
        p.Informeren,
        moment=st.sampled_from([None, "voor", "na", "uitgesteld"]),
        grond=st.sampled_from([None, "veiligheid", "participatiewet"]),
    ),
    kinderbeschermingstafel=st.booleans(),
    rechten=st.builds(p.Rechten, opt_bool, opt_bool),
    verzoek_context=st.sampled_from(["", "Context."]),
    verrijking=st.booleans(),
    vt_melding=st.none() | st.builds(p.VtMelding, st.dates(D(2026, 1, 1), D(2026, 3, 2))),
    onderzoek_gestart_op=st.none() | st.dates(D(2026, 1, 1), D(2026, 3, 2)),
    verschoningsrecht=st.booleans(),
    consultatie=st.none() | st.builds(p.Consultatie, st.sampled_from([None, "leidinggevende", "collega"])),
    spoed=st.booleans(),
)


@settings(max_examples=150)
@given(v=deelvraag_st, besluit=st.sampled_from(p.BESLUITEN), redenen=st.sampled_from(["", "Omdat."]))
def test_sh_21_same_answers_same_result(v, besluit, redenen):
    """SH-21: evaluated by a policy; same answers, same decision (also for an equal copy)."""
    kopie = dataclasses.replace(v)
    assert p.toets(v) == p.toets(v) == p.toets(kopie)
    assert p.besluit_fouten(v, besluit, redenen, OP) == p.besluit_fouten(kopie, besluit, redenen, OP)
    uitkomst = stappen(v)
    assert [s.stap for s in uitkomst] == list(range(1, 9))
    for s in uitkomst:
        assert s.ok is (not s.fouten)
        assert s.code == p.hoofdcode(s.fouten)
    _geldig(gf(v))
    _geldig(bf(v, besluit, redenen))


@settings(max_examples=150)
@given(data=st.data(), v=deelvraag_st)
def test_sh_21_order_of_items_does_not_matter(data, v):
    andersom = dataclasses.replace(v, gegevens=tuple(data.draw(st.permutations(v.gegevens))))
    assert [(s.ok, s.code) for s in p.toets(v)] == [(s.ok, s.code) for s in p.toets(andersom)]
    assert sorted((f.code, f.reden) for f in p.besluit_fouten(v, "delen", "", OP)) == sorted(
        (f.code, f.reden) for f in p.besluit_fouten(andersom, "delen", "", OP)
    )


@settings(max_examples=150)
@given(v=deelvraag_st)
def test_sh_21_sharing_passes_only_when_every_step_passes(v):
    """SH-21: a failing step blocks the decision to share; its code is among the decision's."""
    fouten = p.besluit_fouten(v, "delen", "Omdat.", OP)
    for s in p.toets(v):
        if not s.ok:
            assert s.code in codes(fouten)
    if not fouten:
        assert all(s.ok for s in p.toets(v))


def test_sh_21_step_code_follows_fout_volgorde():
    v = basis(organisatietype="veilig_thuis", doel=None, richting="opvragen")
    assert stap(v, 1).code == "E_NO_PURPOSE"


# --- FOUT_VOLGORDE, hoofdcode --------------------------------------------------------------------


def test_hoofdcode_first_in_order_all_listed():
    fouten = (
        p.Fout("E_SH_RIGHTS", "a", "x"),
        p.Fout("E_NO_PURPOSE", "b", "y"),
        p.Fout("E_SH_CONSULT_REQUIRED", "c", "z"),
    )
    assert p.hoofdcode(fouten) == "E_NO_PURPOSE"
    assert p.hoofdcode(iter(fouten)) == "E_NO_PURPOSE"
    assert p.hoofdcode(()) is None
    assert p.hoofdcode([p.Fout("E_ONBEKEND", "a", "x"), p.Fout("E_ANDER", "b", "y")]) == "E_ONBEKEND"
    assert len(set(p.FOUT_VOLGORDE)) == len(p.FOUT_VOLGORDE)


def test_fout_volgorde_state_and_setting_first_then_wizard_order():
    i = p.FOUT_VOLGORDE.index
    assert i("E_STATE_CONFLICT") < i("E_SH_G5_DISABLED") < i("E_NO_PURPOSE")
    stappen_codes = [
        "E_NO_PURPOSE",
        "E_SH_NO_BASIS",
        "E_SH_NOT_NECESSARY",
        "E_SH_SPECIAL_BASIS",
        "E_SH_NO_GROUND",
    ]
    stappen_codes += ["E_SH_INFORM_GROUND", "E_DS_NOTE_TYPE", "E_SH_RIGHTS"]
    assert [i(c) for c in stappen_codes] == sorted(i(c) for c in stappen_codes)
    assert p.FOUT_VOLGORDE[-1] == "E_INVALID_INPUT"


# --- G1 consent (CS-01 … CS-04) ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("over", "naam"),
    [
        ({"soort": "start_jeugdhulp"}, "toestemming.soort"),
        ({"soort": "overig"}, "toestemming.soort"),
        ({"geldig": False}, "toestemming.status"),
        ({"schriftelijk": False}, "toestemming.vorm"),
        ({"dekt_ontvanger": False}, "toestemming.ontvangers"),
        ({"dekt_doel": False}, "toestemming.doel"),
        ({"dekt_gegevens": False}, "toestemming.gegevenscategorieen"),
        ({"soort": "doorbreking_beroepsgeheim"}, "toestemming.uitdrukkelijk"),
    ],
)
def test_g1_consent_valid_written_kind_1_or_2_specific(over, naam):
    """G1, CS-02/CS-03/CS-04: written, valid, kind (1) or (2), naming recipient, purpose and data; a
    secrecy release is explicit. Else E_CS_NOT_SPECIFIC."""
    fouten = gf(g1(toestemming=dataclasses.replace(TOESTEMMING, **over)))
    assert [(f.code, f.naam) for f in fouten] == [("E_CS_NOT_SPECIFIC", naam)]


def test_g1_kind_2_explicit_passes():
    t = dataclasses.replace(TOESTEMMING, soort="doorbreking_beroepsgeheim", uitdrukkelijk=True)
    assert gf(g1(toestemming=t)) == ()


def test_g1_consent_record_required():
    assert [(f.code, f.naam) for f in gf(g1(toestemming=None))] == [("E_CS_NOT_SPECIFIC", "toestemming")]


def test_g1_special_category_needs_explicit_consent():
    """SH-08 with CS-04: special-category items under G1 need an explicit consent."""
    items = (gegeven(), gegeven(uitzondering="uitdrukkelijke_toestemming", **GEZONDHEID))
    fouten = gf(g1(gegevens=items))
    assert [(f.code, f.naam) for f in fouten] == [("E_CS_NOT_SPECIFIC", "toestemming.uitdrukkelijk")]
    assert gf(g1(gegevens=items, toestemming=dataclasses.replace(TOESTEMMING, uitdrukkelijk=True))) == ()


def test_g1_all_failures_listed():
    t = p.Toestemmingsfeit("overig")
    assert len(gf(g1(toestemming=t))) == 6


# --- G2, G3, G4 ----------------------------------------------------------------------------------


def test_g2_recipient_directly_involved():
    """G2: co-treatment needs a recipient directly involved, or the substitute (agreed list)."""
    assert [(f.code, f.naam) for f in gf(basis(ontvanger_direct_betrokken=False))] == [
        ("E_SH_NO_GROUND", "ontvanger")
    ]


def g3(**over):
    kw = {
        "grond": p.G3,
        "ontvanger_type": "persoon",
        "ontvanger_grondslag": None,
        "ontvanger_direct_betrokken": False,
        "ontvanger_is_gezaghebbende_ouder": True,
        "kind_onder_16": True,
    }
    kw.update(over)
    return basis(**kw)


@pytest.mark.parametrize(
    "over",
    [
        {"ontvanger_is_gezaghebbende_ouder": False},
        {"kind_onder_16": False},
        {"onverenigbaar_met_goede_zorg": True},
    ],
)
def test_g3_parent_with_authority_child_under_16_unless_incompatible(over):
    """G3: parent with authority, child under 16, unless incompatible with good care."""
    assert gf(g3()) == ()
    assert stappen(g3())[1].ok
    assert [(f.code, f.naam) for f in gf(g3(**over))] == [("E_SH_NO_GROUND", "ontvanger")]


def g4(**over):
    """A Meldcode report to Veilig Thuis under G4 (after consultation, SH-09)."""
    kw = {
        "grond": p.G4,
        "ontvanger_type": "veilig_thuis",
        "ontvanger_grondslag": "c",
        "ontvanger_direct_betrokken": False,
        "wettelijke_bevoegdheid_bepaling": "Wmo 2015 art. 5.2.6 (Meldcode)",
        "consultatie": LEIDING,
    }
    kw.update(over)
    return basis(**kw)


@pytest.mark.parametrize("bepaling", ["", "  "])
def test_g4_statutory_power_named(bepaling):
    assert gf(g4()) == ()
    assert [(f.code, f.naam) for f in gf(g4(wettelijke_bevoegdheid_bepaling=bepaling))] == [
        ("E_SH_NO_GROUND", "wettelijkeBevoegdheid.bepaling")
    ]


# --- G5, SH-13, SH-20 ----------------------------------------------------------------------------


def test_g5_duty_toward_this_recipient_with_provision():
    fouten = gf(g5_vt(wettelijke_plicht=p.WettelijkePlicht(None, "x")))
    assert [(f.code, f.naam) for f in fouten] == [("E_SH_NO_GROUND", "wettelijkePlicht.ontvanger")]
    fouten = gf(g5_vt(wettelijke_plicht=p.WettelijkePlicht("politie", "x")))
    assert namen(fouten) == {"wettelijkePlicht.ontvanger"}
    fouten = gf(g5_vt(wettelijke_plicht=p.WettelijkePlicht("veilig_thuis", " ")))
    assert [(f.code, f.naam) for f in fouten] == [("E_SH_NO_GROUND", "wettelijkePlicht.bepaling")]


@pytest.mark.parametrize(
    "plicht", ["raad_kinderbescherming", "gecertificeerde_instelling", "participatiewet"]
)
def test_g5_duty_must_match_the_recipient(plicht):
    fouten = gf(g5_vt(wettelijke_plicht=p.WettelijkePlicht(plicht, "Jeugdwet art. 7.3.11")))
    assert ("E_SH_NO_GROUND", "wettelijkePlicht.ontvanger") in {(f.code, f.naam) for f in fouten}


@pytest.mark.parametrize("soort", ["raad_kinderbescherming", "gecertificeerde_instelling"])
def test_g5_rvdk_and_gi(soort):
    v = g5_vt(ontvanger_type=soort, wettelijke_plicht=p.WettelijkePlicht(soort, "Jeugdwet art. 7.3.11"))
    assert gf(v) == ()


def test_g5_request_to_us_means_duty_toward_our_organisation():
    v = verrijking_vt()
    assert gf(v) == ()
    assert namen(gf(dataclasses.replace(v, organisatietype="raad_kinderbescherming"))) == {
        "wettelijkePlicht.ontvanger"
    }


def test_sh_13_g5_request_states_its_context():
    """SH-13: under G5 the recipient's request states the context, shown to the sharer."""
    assert [(f.code, f.naam) for f in gf(g5_vt(verzoek_context=""))] == [
        ("E_SH_NO_PURPOSE", "verzoekContext")
    ]


def test_sh_20_g5_participatiewet_off_by_default():
    """SH-20: G5 to a toezichthouder is off by default per organisation (E_SH_G5_DISABLED, a 403)."""
    assert p.Deelvraag().g5_participatiewet_aan is False
    fouten = gf(g5_pw(g5_participatiewet_aan=False))
    assert [(f.code, f.naam) for f in fouten] == [("E_SH_G5_DISABLED", "wettelijkePlicht.ontvanger")]
    assert p.hoofdcode(bf(g5_pw(g5_participatiewet_aan=False, doel=None))) == "E_SH_G5_DISABLED"


@pytest.mark.parametrize(
    "verzoek",
    [
        None,
        dataclasses.replace(VERZOEK_PW, kenmerk=""),
        dataclasses.replace(VERZOEK_PW, datum=None),
        dataclasses.replace(VERZOEK_PW, datum=OP + dt.timedelta(days=1)),
        dataclasses.replace(VERZOEK_PW, bepaling=""),
        dataclasses.replace(VERZOEK_PW, bepaling="Wmo 2015 art. 5.1.1"),
        dataclasses.replace(VERZOEK_PW, bepaling="art. 53a pwet"),
    ],
)
def test_sh_20_only_on_a_written_request_citing_the_participatiewet(verzoek):
    """SH-20: a filed written request (reference, date not after today) citing the Participatiewet."""
    plicht = dataclasses.replace(g5_pw().wettelijke_plicht, schriftelijk_verzoek=verzoek)
    fouten = gf(g5_pw(wettelijke_plicht=plicht))
    assert [(f.code, f.naam) for f in fouten] == [
        ("E_SH_NO_WRITTEN_REQUEST", "wettelijkePlicht.schriftelijkVerzoek")
    ]


@pytest.mark.parametrize("bepaling", ["art. 53a lid 6 Pw", "PARTICIPATIEWET artikel 17"])
def test_sh_20_provision_cited_by_name_or_abbreviation(bepaling):
    verzoek = dataclasses.replace(VERZOEK_PW, bepaling=bepaling, datum=OP)
    plicht = dataclasses.replace(g5_pw().wettelijke_plicht, schriftelijk_verzoek=verzoek)
    assert gf(g5_pw(wettelijke_plicht=plicht)) == ()


@pytest.mark.parametrize(("advies", "ok"), [(None, False), (False, True), (True, True)])
def test_sh_20_legal_advice_recorded_yes_or_no(advies, ok):
    plicht = dataclasses.replace(g5_pw().wettelijke_plicht, juridisch_advies=advies)
    fouten = gf(g5_pw(wettelijke_plicht=plicht))
    verwacht = [] if ok else [("E_INVALID_INPUT", "wettelijkePlicht.juridischAdvies")]
    assert [(f.code, f.naam) for f in fouten] == verwacht


def test_sh_20_rules_only_for_participatiewet():
    # A VT duty needs no switch, written request or advice record.
    assert gf(g5_vt(g5_participatiewet_aan=False)) == ()


# --- G6, SH-12 -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("over", "naam"),
    [
        ({"toestemming_niet_haalbaar": None}, "conflictVanPlichten.toestemmingNietHaalbaar"),
        ({"toestemming_niet_haalbaar": "geen_zin"}, "conflictVanPlichten.toestemmingNietHaalbaar"),
        ({"ernstige_schade": ""}, "conflictVanPlichten.ernstigeSchade"),
        ({"andere_wegen": " "}, "conflictVanPlichten.andereWegen"),
        ({"kans_beperking": ""}, "conflictVanPlichten.kansBeperking"),
        ({"objectief_eigen_waarneming": None}, "conflictVanPlichten.objectiefEigenWaarneming"),
        ({"objectief_eigen_waarneming": False}, "conflictVanPlichten.objectiefEigenWaarneming"),
        ({"openheid_naar_client": False}, "conflictVanPlichten.openheidNaarClient"),
        ({"openheid_naar_client": None}, "conflictVanPlichten.openheidNaarClient"),
    ],
)
def test_sh_12_any_no_or_empty_answer_refuses_cod(over, naam):
    """SH-12: any no or empty answer → E_SH_COD_NOT_MET."""
    fouten = gf(g6(conflict_van_plichten=dataclasses.replace(COD, **over)))
    assert [(f.code, f.naam) for f in fouten] == [("E_SH_COD_NOT_MET", naam)]


@pytest.mark.parametrize("niet_haalbaar", ["spoed", "gevaar", "pogingen_mislukt"])
def test_sh_12_consent_not_feasible_reasons(niet_haalbaar):
    assert (
        gf(g6(conflict_van_plichten=dataclasses.replace(COD, toestemming_niet_haalbaar=niet_haalbaar))) == ()
    )


@pytest.mark.parametrize(
    ("veld", "naam"),
    [
        ("legitiem_doel", "legitiemDoel"),
        ("enige_weg", "enigeWeg"),
        ("instemming_onmogelijk_of_gezocht", "instemmingOnmogelijkOfGezocht"),
        ("belang_client_weegt_zwaarder", "belangClientWeegtZwaarder"),
    ],
)
@pytest.mark.parametrize("antwoord", [None, False])
def test_sh_12_four_vi_06_questions_yes(veld, naam, antwoord):
    fouten = gf(g6(vier_vragen=dataclasses.replace(VIER_JA, **{veld: antwoord})))
    assert [(f.code, f.naam) for f in fouten] == [("E_SH_COD_NOT_MET", f"vierVragen.{naam}")]


def test_sh_12_empty_answers_list_every_failure():
    fouten = gf(g6(vier_vragen=p.VierVragen(), conflict_van_plichten=p.ConflictVanPlichten()))
    assert len(fouten) == 10
    assert codes(fouten) == {"E_SH_COD_NOT_MET"}


# --- G7, G8 --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("veld", "naam"),
    [
        ("zeer_ernstige_situatie", "zeerErnstigeSituatie"),
        ("vitaal_belang", "vitaalBelang"),
        ("dringend_nodig_niet_door_team", "dringendNodigNietDoorTeam"),
        ("toestemming_onmogelijk", "toestemmingOnmogelijk"),
        ("enige_weg", "enigeWeg"),
    ],
)
@pytest.mark.parametrize("antwoord", [None, False])
def test_g7_every_vital_interest_condition(veld, naam, antwoord):
    """G7: very serious situation, vital interest, urgent help the team cannot give, consent impossible,
    only way — all must hold."""
    fouten = gf(g7(vitaal_belang=dataclasses.replace(VITAAL, **{veld: antwoord})))
    assert [(f.code, f.naam) for f in fouten] == [("E_SH_NO_GROUND", f"vitaalBelang.{naam}")]


@pytest.mark.parametrize(
    ("veld", "naam"),
    [
        ("verband_doelen", "verbandDoelen"),
        ("context_verwachtingen", "contextVerwachtingen"),
        ("gevoeligheid", "gevoeligheid"),
        ("gevolgen", "gevolgen"),
        ("waarborgen", "waarborgen"),
    ],
)
def test_sh_05_g8_five_compatibility_considerations(veld, naam):
    """SH-05: G8 needs link, context/expectations, sensitivity, consequences and safeguards."""
    fouten = gf(g8(verenigbaarheid=dataclasses.replace(VERENIGBAAR, **{veld: " "})))
    assert [(f.code, f.naam) for f in fouten] == [("E_SH_NO_GROUND", f"verenigbaarheid.{naam}")]


# --- SH-03 classes -------------------------------------------------------------------------------


@pytest.mark.parametrize("maak", [basis, g1, g3])
def test_sh_03_class_c_refused_on_g1_g2_g3(maak):
    """SH-03: class C (recipient's task only) is refused unless G4–G8."""
    fouten = gf(maak(klasse="c"))
    assert [(f.code, f.naam) for f in fouten] == [("E_SH_RECIPIENT_TASK_ONLY", "klasse")]
    assert gf(maak(klasse="a")) == ()


@pytest.mark.parametrize("maak", [g4, g5_vt, g6, g7, g8])
def test_sh_03_class_c_allowed_on_g4_to_g8(maak):
    assert gf(maak(klasse="c")) == ()


@pytest.mark.parametrize("klasse", [None, "d"])
def test_sh_03_class_chosen_when_providing(klasse):
    assert [(f.code, f.naam) for f in gf(basis(klasse=klasse))] == [("E_INVALID_INPUT", "klasse")]
    assert gf(basis(klasse=klasse, richting="opvragen", verzoek_context="x")) == ()


# --- SH-09, SH-11 consultation -------------------------------------------------------------------


@pytest.mark.parametrize("maak", [g4, g5_vt, g6, g7])
def test_sh_09_without_consent_share_needs_prior_consultation(maak):
    """SH-09: G5–G7 and reports to Veilig Thuis need the leidinggevende consulted first."""
    v = maak(consultatie=None)
    assert p.consultatie_vereist(v)
    assert [(f.code, f.naam) for f in gf(v)] == [("E_SH_CONSULT_REQUIRED", "consultatie")]
    assert gf(maak(consultatie=None, spoed=True)) == ()  # urgent path: afterwards


def test_sh_09_not_for_consent_co_treatment_or_requests():
    assert not p.consultatie_vereist(basis())
    assert not p.consultatie_vereist(g1(ontvanger_type="veilig_thuis"))
    assert not p.consultatie_vereist(g8())
    assert p.consultatie_vereist(basis(ontvanger_type="veilig_thuis"))
    assert not p.consultatie_vereist(verrijking_vt())
    assert not p.consultatie_vereist(g5_vt(richting="opvragen"))


@pytest.mark.parametrize(
    ("maak", "rol", "ok"),
    [
        (g6, "collega", True),
        (g6, "leidinggevende", True),
        (g5_vt, "collega", False),
        (g7, "collega", False),
        (g4, "collega", False),
        (g5_vt, None, False),
        (g6, None, False),
        (g6, "buurman", False),
    ],
)
def test_sh_09_g6_also_a_colleague_otherwise_the_leidinggevende(maak, rol, ok):
    v = maak(consultatie=dataclasses.replace(LEIDING, door_rol=rol))
    assert (gf(v) == ()) is ok


def test_sh_09_message_names_whom_to_consult():
    (g6_fout,) = gf(g6(consultatie=None))
    assert "Raadpleeg eerst een collega of de leidinggevende en" in g6_fout.reden
    (g5_fout,) = gf(g5_vt(consultatie=None))
    assert "Raadpleeg eerst de leidinggevende en" in g5_fout.reden


@pytest.mark.parametrize("over", [{"tijdstip": None}, {"advies": ""}, {"advies": "  "}])
def test_sh_11_consultation_records_who_when_advice(over):
    """SH-11: the consultation is recorded: who, when, advice."""
    fouten = gf(g5_vt(consultatie=dataclasses.replace(LEIDING, **over)))
    assert [(f.code, f.naam) for f in fouten] == [("E_SH_CONSULT_REQUIRED", "consultatie")]


@pytest.mark.parametrize(
    ("tijdstip", "ok"),
    [
        (dt.datetime(2026, 3, 2, 23, 59), True),
        (D(2026, 3, 2), True),
        (D(2026, 3, 3), False),
        (dt.datetime(2026, 3, 3, 0, 1), False),
    ],
)
def test_sh_09_consultation_precedes_the_decision(tijdstip, ok):
    fouten = bf(g5_vt(consultatie=dataclasses.replace(LEIDING, tijdstip=tijdstip)))
    assert (fouten == ()) is ok
    if not ok:
        assert [(f.code, f.naam) for f in fouten] == [("E_SH_CONSULT_REQUIRED", "consultatie.tijdstip")]
        # On the urgent path the consultation follows the decision.
        assert bf(g5_vt(consultatie=dataclasses.replace(LEIDING, tijdstip=tijdstip), spoed=True)) == ()


def test_sh_09_urgent_consultation_due_within_one_working_day():
    assert p.consultatie_uiterlijk(D(2026, 3, 2)) == D(2026, 3, 3)
    assert p.consultatie_uiterlijk(D(2026, 3, 6)) == D(2026, 3, 9)  # Friday → Monday
    # 4 May 2026: Bevrijdingsdag yearly by default; off, 2026 is no lustrum year.
    assert p.consultatie_uiterlijk(D(2026, 5, 4)) == D(2026, 5, 6)
    assert p.consultatie_uiterlijk(D(2026, 5, 4), bevrijdingsdag_jaarlijks=False) == D(2026, 5, 5)


def test_sh_09_urgent_consultation_overdue_derived():
    """RT-12: overdue is derived: after the due working day, unless consulted."""
    besloten = D(2026, 3, 6)  # Friday, due Monday 9 March
    assert not p.consultatie_te_laat(besloten, D(2026, 3, 9), geconsulteerd=False)
    assert p.consultatie_te_laat(besloten, D(2026, 3, 10), geconsulteerd=False)
    assert not p.consultatie_te_laat(besloten, D(2026, 3, 10), geconsulteerd=True)
    assert p.consultatie_te_laat(
        D(2026, 5, 4), D(2026, 5, 6), geconsulteerd=False, bevrijdingsdag_jaarlijks=False
    )
    assert not p.consultatie_te_laat(D(2026, 5, 4), D(2026, 5, 6), geconsulteerd=False)


# --- SH-17 enrichment ----------------------------------------------------------------------------


@pytest.mark.parametrize("soort", ["gemeentelijk_team", "jeugdhulp", "politie_om"])
def test_sh_17_enrichment_only_for_vt_rvdk_gi(soort):
    """SH-17: only users acting for Veilig Thuis, RvdK or GI enrich (else E_SH_NO_GROUND)."""
    fouten = gf(verrijking_vt(organisatietype=soort))
    assert ("E_SH_NO_GROUND", "verrijking") in {(f.code, f.naam) for f in fouten}
    assert "E_SH_ENRICH_WINDOW" not in codes(fouten)


@pytest.mark.parametrize("soort", ["raad_kinderbescherming", "gecertificeerde_instelling"])
def test_sh_17_rvdk_and_gi_have_no_vt_window(soort):
    v = verrijking_vt(
        organisatietype=soort, vt_melding=None, wettelijke_plicht=p.WettelijkePlicht(soort, "Jeugdwet")
    )
    assert gf(v, vandaag=D(2027, 1, 1)) == ()


def test_sh_17_enrichment_is_asking():
    fouten = gf(basis(verrijking=True))
    assert [(f.code, f.naam) for f in fouten] == [("E_INVALID_INPUT", "verrijking")]


def test_sh_17_vt_only_after_a_report():
    fouten = gf(verrijking_vt(vt_melding=None))
    assert [(f.code, f.naam) for f in fouten] == [("E_SH_ENRICH_WINDOW", "vtMelding")]


@pytest.mark.parametrize(
    ("gestart", "ok"),
    [
        (None, False),
        (D(2026, 3, 1), False),  # before the report
        (D(2026, 3, 2), True),
        (D(2026, 3, 7), True),  # day 5
        (D(2026, 3, 8), False),  # day 6
    ],
)
def test_sh_17_vt_investigation_started_within_5_days(gestart, ok):
    fouten = gf(verrijking_vt(onderzoek_gestart_op=gestart), vandaag=D(2026, 3, 9))
    assert (fouten == ()) is ok
    if not ok:
        assert [(f.code, f.naam) for f in fouten] == [("E_SH_ENRICH_WINDOW", "onderzoekGestartOp")]


@pytest.mark.parametrize(
    ("vandaag", "ok"),
    [
        (D(2026, 3, 1), False),  # before the report
        (D(2026, 3, 2), True),
        (D(2026, 5, 11), True),  # exactly 10 weeks
        (D(2026, 5, 12), False),  # one day later
    ],
)
def test_sh_17_vt_enrichment_until_10_weeks_after_the_report(vandaag, ok):
    fouten = gf(verrijking_vt(onderzoek_gestart_op=D(2026, 3, 2)), vandaag=vandaag)
    assert (fouten == ()) is ok
    if not ok:
        assert [(f.code, f.naam) for f in fouten] == [("E_SH_ENRICH_WINDOW", "vtMelding.datum")]


def test_sh_17_new_ex_officio_report_opens_a_new_window():
    laat = D(2026, 6, 1)
    assert codes(gf(verrijking_vt(), vandaag=laat)) == {"E_SH_ENRICH_WINDOW"}
    nieuw = verrijking_vt(vt_melding=p.VtMelding(D(2026, 5, 30), ambtshalve=True), onderzoek_gestart_op=laat)
    assert gf(nieuw, vandaag=laat) == ()


def test_sh_17_window_settings():
    """`vt.start_days`, `vt.decision_weeks` are settings."""
    assert p.verrijkingsvenster(D(2026, 3, 2)) == (D(2026, 3, 7), D(2026, 5, 11))
    assert p.verrijkingsvenster(D(2026, 3, 2), vt_start_dagen=3, vt_besluit_weken=8) == (
        D(2026, 3, 5),
        D(2026, 4, 27),
    )
    v = verrijking_vt(onderzoek_gestart_op=D(2026, 3, 6))
    assert gf(v, vandaag=D(2026, 4, 27), vt_start_dagen=3, vt_besluit_weken=8) != ()
    v = verrijking_vt(onderzoek_gestart_op=D(2026, 3, 5))
    assert gf(v, vandaag=D(2026, 4, 27), vt_start_dagen=3, vt_besluit_weken=8) == ()
    assert gf(v, vandaag=D(2026, 4, 28), vt_start_dagen=3, vt_besluit_weken=8) != ()
    assert bf(v, vandaag=D(2026, 4, 28), vt_start_dagen=3, vt_besluit_weken=8) != ()
    assert bf(v, vandaag=D(2026, 4, 28)) == ()
    laat_gestart = verrijking_vt(onderzoek_gestart_op=D(2026, 3, 6))
    assert bf(laat_gestart) == ()
    assert codes(bf(laat_gestart, vt_start_dagen=3)) == {"E_SH_ENRICH_WINDOW"}


def test_sh_17_window_messages_name_the_settings():
    fouten = gf(verrijking_vt(onderzoek_gestart_op=D(2026, 3, 30)), vandaag=D(2026, 9, 1), vt_start_dagen=4)
    redenen = {f.naam: f.reden for f in fouten}
    assert "binnen 4 dagen" in redenen["onderzoekGestartOp"]
    assert "tot 10 weken" in redenen["vtMelding.datum"]


# --- CS-04 medical requests ----------------------------------------------------------------------


def medisch_verzoek(**over):
    kw = {
        "richting": "opvragen",
        "verzoek_context": "Medicatie voor het plan.",
        "ontvanger_type": "wgbo_zorg",
        "grond": p.G1,
        "toestemming": dataclasses.replace(
            TOESTEMMING, soort="doorbreking_beroepsgeheim", uitdrukkelijk=True
        ),
        "gegevens": (p.Gegeven("Medicatie", uitzondering="uitdrukkelijke_toestemming", **GEZONDHEID),),
    }
    kw.update(over)
    return basis(**kw)


def test_cs_04_medical_information_from_a_doctor_needs_explicit_secrecy_release():
    """CS-04: requesting medical information from a medical professional always needs explicit consent."""
    assert gf(medisch_verzoek()) == ()
    kind_1 = dataclasses.replace(TOESTEMMING, uitdrukkelijk=True)
    assert [(f.code, f.naam) for f in gf(medisch_verzoek(toestemming=kind_1))] == [
        ("E_CS_NOT_SPECIFIC", "toestemming")
    ]
    fouten = gf(medisch_verzoek(grond=p.G8, verenigbaarheid=VERENIGBAAR))
    assert [(f.code, f.naam) for f in fouten] == [("E_CS_NOT_SPECIFIC", "toestemming")]
    fouten = gf(medisch_verzoek(toestemming=None))
    assert ("E_CS_NOT_SPECIFIC", "toestemming") in {(f.code, f.naam) for f in fouten}


def test_cs_04_only_medical_data_from_a_doctor_when_asking():
    geen = dataclasses.replace(TOESTEMMING, uitdrukkelijk=False)
    assert gf(medisch_verzoek(toestemming=geen, gegevens=(p.Gegeven("Adres"),))) == ()
    assert gf(medisch_verzoek(grond=p.G8, verenigbaarheid=VERENIGBAAR, ontvanger_type="jeugdhulp")) == ()
    fouten = gf(medisch_verzoek(grond=p.G8, verenigbaarheid=VERENIGBAAR, richting="verstrekken"))
    assert "toestemming" not in namen(fouten)


def test_cs_04_statutory_enrichment_excepted():
    v = verrijking_vt(
        ontvanger_type="wgbo_zorg",
        gegevens=(p.Gegeven("Letsel", uitzondering="wettelijke_taak", **GEZONDHEID),),
    )
    assert gf(v) == ()


# --- SH-10, SH-19: the decision ------------------------------------------------------------------


def test_sh_10_refusal_needs_only_reasons():
    """SH-10: refusing needs its reasons, nothing else."""
    kapot = p.Deelvraag(verschoningsrecht=True)
    assert bf(kapot, "weigeren", "Niet nodig.") == ()
    assert [(f.code, f.naam) for f in bf(kapot, "weigeren", " ")] == [("E_INVALID_INPUT", "redenen")]


def test_sh_10_without_consent_share_records_reasons():
    """SH-10: decision and reasons of every without-consent share go into the dossier."""
    assert [(f.code, f.naam) for f in bf(basis(), redenen="")] == [("E_INVALID_INPUT", "redenen")]
    assert bf(g1(), redenen="") == ()
    assert [(f.code, f.naam) for f in bf(g1(), "gedeeltelijk", "")] == [("E_INVALID_INPUT", "redenen")]
    assert bf(g1(), "gedeeltelijk", "Alleen het verzuim.") == ()


def test_gp_05_informing_afterwards_needs_reasons():
    """GP-05: informing after is allowed only with recorded reasons."""
    assert [f.naam for f in bf(g1(informeren=p.Informeren("na")), redenen="")] == ["redenen"]


@pytest.mark.parametrize("grond", p.ALLE_GRONDEN)
def test_sh_10_zonder_toestemming(grond):
    assert p.zonder_toestemming(grond) is (grond != p.G1)
    assert p.zonder_toestemming(None) is False


def test_sh_10_unknown_decision():
    assert [(f.code, f.naam) for f in bf(basis(), "misschien")] == [("E_INVALID_INPUT", "besluit")]


def test_sh_19_privilege_invoked_nothing_provided():
    """SH-19: with verschoningsrecht invoked nothing is provided (409)."""
    fouten = bf(basis(verschoningsrecht=True))
    assert [(f.code, f.naam) for f in fouten] == [("E_STATE_CONFLICT", "verschoningsrecht")]
    assert p.hoofdcode(bf(basis(verschoningsrecht=True, doel=None), "gedeeltelijk")) == "E_STATE_CONFLICT"


def test_besluit_lists_all_failures_first_code_answers():
    fouten = bf(basis(doel=None, klasse="c", gegevens=(gegeven(soort=None),)), redenen="")
    assert codes(fouten) == {"E_NO_PURPOSE", "E_SH_RECIPIENT_TASK_ONLY", "E_DS_NOTE_TYPE", "E_INVALID_INPUT"}
    assert p.hoofdcode(fouten) == "E_NO_PURPOSE"


# --- States, execution (SPEC §7 States, SH-15, SH-19) --------------------------------------------

TOEGESTAAN = {
    ("concept", "consultatie"),
    ("concept", "besloten"),
    ("consultatie", "besloten"),
    ("besloten", "uitgevoerd"),
    ("besloten", "client_geinformeerd"),
    ("uitgevoerd", "informeren_uitgesteld"),
    ("uitgevoerd", "client_geinformeerd"),
    ("informeren_uitgesteld", "informeren_uitgesteld"),
    ("informeren_uitgesteld", "client_geinformeerd"),
    # CS-08: a revoked consent ends a decision that rests on it, until it is executed
    ("concept", "beeindigd"),
    ("consultatie", "beeindigd"),
    ("besloten", "beeindigd"),
}
STATUSSEN = [
    "concept",
    "consultatie",
    "besloten",
    "uitgevoerd",
    "informeren_uitgesteld",
    "client_geinformeerd",
    "beeindigd",
]


@pytest.mark.parametrize("van", STATUSSEN)
@pytest.mark.parametrize("naar", STATUSSEN)
def test_states_transitions(van, naar):
    fout = p.overgang_fout(van, naar)
    assert (fout is None) is ((van, naar) in TOEGESTAAN)
    if fout is not None:
        assert fout == f"Een deelbesluit gaat niet van {van} naar {naar} (SPEC §7 States)."


def test_states_unknown_state_and_table():
    assert p.overgang_fout("gewist", "concept") is not None
    assert set(p.TRANSITIES) == set(STATUSSEN)


def test_states_after_execution():
    assert p.status_na_uitvoeren(True) == "client_geinformeerd"
    assert p.status_na_uitvoeren(False) == "uitgevoerd"


@pytest.mark.parametrize("besluit", ["delen", "gedeeltelijk"])
def test_execution_of_a_decided_share(besluit):
    assert _geldig(p.uitvoeren_fouten("besloten", besluit, False, False, False)) == ()


@pytest.mark.parametrize("status", [s for s in STATUSSEN if s != "besloten"])
def test_execution_only_from_besloten(status):
    fouten = _geldig(p.uitvoeren_fouten(status, "delen", False, False, True))
    assert [(f.code, f.naam) for f in fouten] == [("E_STATE_CONFLICT", "status")]


@pytest.mark.parametrize("besluit", ["weigeren", None])
def test_execution_never_of_a_refusal(besluit):
    fouten = _geldig(p.uitvoeren_fouten("besloten", besluit, False, False, True))
    assert [(f.code, f.naam) for f in fouten] == [("E_STATE_CONFLICT", "besluit")]


def test_sh_19_execution_refused_with_privilege():
    fouten = _geldig(p.uitvoeren_fouten("besloten", "delen", True, False, True))
    assert [(f.code, f.naam) for f in fouten] == [("E_STATE_CONFLICT", "verschoningsrecht")]


def test_sh_15_child_protection_report_executed_only_after_informing():
    """SH-15: a report to a child-protection table waits until youth/parents were informed (409)."""
    fouten = _geldig(p.uitvoeren_fouten("besloten", "delen", False, True, False))
    assert [(f.code, f.naam) for f in fouten] == [("E_STATE_CONFLICT", "clientInformering")]
    assert p.uitvoeren_fouten("besloten", "delen", False, True, True) == ()
    assert p.uitvoeren_fouten("besloten", "delen", False, False, False) == ()


# --- SH-14 postponement --------------------------------------------------------------------------


def uitstel(
    grond="veiligheid", toelichting="Dreiging door vader.", reviewdatum=OP + dt.timedelta(days=30), **kw
):
    kw.setdefault("goedgekeurd_door_leidinggevende", True)
    return _geldig(p.uitstel_fouten(grond, toelichting, reviewdatum, OP, **kw))


@pytest.mark.parametrize(("dagen", "ok"), [(-1, False), (0, False), (1, True), (30, True), (31, False)])
def test_sh_14_review_after_today_at_most_postpone_review_days(dagen, ok):
    """SH-14: review date after today and ≤ today + `sharing.postpone_review_days` (30)."""
    fouten = uitstel(reviewdatum=OP + dt.timedelta(days=dagen))
    assert (fouten == ()) is ok
    if not ok:
        assert [(f.code, f.naam) for f in fouten] == [("E_SH_INFORM_GROUND", "reviewdatum")]


@pytest.mark.parametrize(
    ("max_dagen", "dagen", "ok"), [(90, 90, True), (90, 91, False), (1, 1, True), (1, 2, False)]
)
def test_sh_14_review_setting(max_dagen, dagen, ok):
    fouten = uitstel(reviewdatum=OP + dt.timedelta(days=dagen), max_dagen=max_dagen)
    assert (fouten == ()) is ok
    if not ok:
        assert f"uiterlijk {max_dagen} dagen" in fouten[0].reden


@pytest.mark.parametrize("max_dagen", [0, 91])
def test_sh_14_review_setting_between_1_and_90(max_dagen):
    with pytest.raises(ValueError, match=r"^sharing\.postpone_review_days ligt tussen 1 en 90$"):
        uitstel(max_dagen=max_dagen)


def test_sh_14_review_date_required():
    assert [f.naam for f in uitstel(reviewdatum=None)] == ["reviewdatum"]


@pytest.mark.parametrize("grond", [None, "drukte"])
def test_sh_14_postpone_only_safety_or_participatiewet(grond):
    assert [(f.code, f.naam) for f in uitstel(grond)] == [("E_SH_INFORM_GROUND", "grond")]


def test_sh_14_participatiewet_postponement_needs_g5_participatiewet():
    assert [f.naam for f in uitstel("participatiewet")] == ["grond"]
    assert uitstel("participatiewet", participatiewet_g5=True) == ()


def test_sh_14_postponement_reasons_and_approval():
    assert [f.naam for f in uitstel(toelichting=" ")] == ["toelichting"]
    assert [f.naam for f in uitstel(goedgekeurd_door_leidinggevende=False)] == ["goedkeuring"]


@pytest.mark.parametrize(("dag", "verschuldigd"), [(-1, False), (0, True), (5, True)])
def test_rt_12_review_due_derived(dag, verschuldigd):
    review = D(2026, 4, 1)
    assert p.review_verschuldigd(review, review + dt.timedelta(days=dag)) is verschuldigd


# --- Explanations ---------------------------------------------------------------------------------


def test_uitleg_per_step_and_grounds():
    assert sorted(p.UITLEG) == list(range(1, 9))
    for tekst in p.UITLEG.values():
        assert re.search(r"\([A-Z]{2}-\d{2}", tekst)
    assert list(p.GRONDEN) == list(p.ALLE_GRONDEN)
    for code, grond in p.GRONDEN.items():
        assert grond.code == code
        assert grond.label.startswith(f"G{code[1]} ")
        assert grond.betekenis


# --- SPEC §15 worked examples --------------------------------------------------------------------


def test_e2_medical_information_without_consent_g6():
    """E2: a Wet BIG nurse alerts the GP out-of-hours service under G6 (class B, health data, SH-08);
    four yes answers and harm/alternatives/effect (SH-12); the leidinggevende's phoned advice (SH-09,
    SH-11); reasons recorded (SH-10); the client is told afterwards (SH-14)."""
    v = g6()
    assert all(s.ok for s in stappen(v))
    assert bf(v, redenen="Acuut gevaar voor de gezondheid; geen andere weg.") == ()
    assert [f.naam for f in bf(v, redenen="")] == ["redenen"]
    assert p.zonder_toestemming(v.grond)
    # Without the consultation it waits; G8 is no ground for her; a no answer refuses.
    assert p.hoofdcode(bf(g6(consultatie=None))) == "E_SH_CONSULT_REQUIRED"
    assert p.hoofdcode(bf(g6(grond=p.G8, verenigbaarheid=VERENIGBAAR))) == "E_SH_SPECIAL_BASIS"
    assert (
        p.hoofdcode(bf(g6(vier_vragen=dataclasses.replace(VIER_JA, enige_weg=False)))) == "E_SH_COD_NOT_MET"
    )
    # Executed, then told two days later.
    assert p.uitvoeren_fouten("besloten", "delen", False, False, False) == ()
    assert p.status_na_uitvoeren(False) == "uitgevoerd"
    assert p.overgang_fout("uitgevoerd", "client_geinformeerd") is None


def test_e5_veilig_thuis_asks_g5_postponed_informing():
    """E5: Veilig Thuis asks, stating its context; under G5 the worker consults the leidinggevende
    (SH-09), gives only what the investigation needs (SH-13), records why (SH-10); informing is postponed
    for safety with 30-day reviews (SH-14)."""
    v = g5_vt()
    assert all(s.ok for s in stappen(v))
    assert bf(v, redenen="Alleen wat het onderzoek nodig heeft.") == ()
    assert p.hoofdcode(bf(v, redenen="")) == "E_INVALID_INPUT"
    assert p.hoofdcode(bf(g5_vt(verzoek_context=""))) == "E_SH_NO_PURPOSE"
    assert p.hoofdcode(bf(g5_vt(consultatie=None))) == "E_SH_CONSULT_REQUIRED"
    assert p.overgang_fout("uitgevoerd", "informeren_uitgesteld") is None
    assert uitstel(reviewdatum=OP + dt.timedelta(days=30)) == ()
    assert [f.naam for f in uitstel(reviewdatum=OP + dt.timedelta(days=31))] == ["reviewdatum"]
    assert not p.review_verschuldigd(OP + dt.timedelta(days=30), OP + dt.timedelta(days=29))
    assert p.review_verschuldigd(OP + dt.timedelta(days=30), OP + dt.timedelta(days=30))
    assert p.overgang_fout("informeren_uitgesteld", "informeren_uitgesteld") is None


def test_spec_7_states_only_a_draft_is_discarded_and_with_a_reason():
    """SPEC §7 States (review M13): concept or consultatie → beeindigd with a reason; a decided share
    stays in the dossier (SH-10)."""
    for status in (p.CONCEPT, p.CONSULTATIE):
        assert p.vervallen_fouten(status, "Per ongeluk aangemaakt.") == ()
        assert p.overgang_fout(status, p.BEEINDIGD) is None
        assert codes(_geldig(p.vervallen_fouten(status, "  "))) == {"E_INVALID_INPUT"}
    for status in (p.BESLOTEN, p.UITGEVOERD, p.INFORMEREN_UITGESTELD, p.CLIENT_GEINFORMEERD, p.BEEINDIGD):
        assert codes(_geldig(p.vervallen_fouten(status, "Reden."))) == {"E_STATE_CONFLICT"}


@pytest.mark.parametrize(
    ("status", "moment", "toelichting", "codes"),
    [
        (p.UITGEVOERD, p.UITGESTELD, "Geen concrete aanwijzingen.", []),  # asked, awaiting approval
        (p.INFORMEREN_UITGESTELD, p.UITGESTELD, "Het gevaar is geweken.", []),  # running: ended at review
        (p.UITGEVOERD, p.UITGESTELD, "  ", [("E_INVALID_INPUT", "toelichting")]),  # a refusal says why
        (p.UITGEVOERD, p.NA, "x", [("E_STATE_CONFLICT", "status")]),  # nothing postponed
        (p.CLIENT_GEINFORMEERD, p.UITGESTELD, "x", [("E_STATE_CONFLICT", "status")]),  # already informed
        (
            p.BESLOTEN,  # not shared yet
            p.UITGESTELD,
            "",
            [("E_STATE_CONFLICT", "status"), ("E_INVALID_INPUT", "toelichting")],
        ),
    ],
)
def test_sh_14_a_postponement_can_be_refused_or_ended_with_a_reason(status, moment, toelichting, codes):
    """SH-14/GP-05: informing is the rule, so the leidinggevende may refuse a postponement that awaits
    approval, or end one that runs — with a reason; there must be a postponement to refuse. Each error
    names its field, so the form shows it there."""
    fouten = p.uitstel_afwijzen_fouten(status, moment, toelichting)
    assert [(f.code, f.naam) for f in fouten] == codes
    assert all(f.reden.strip() for f in fouten)


@pytest.mark.parametrize(
    ("maak", "rol", "codes"),
    [
        (g5_vt, "leidinggevende", []),
        (g5_vt, "collega", [("E_SH_CONSULT_REQUIRED", "adviseur")]),  # SH-09: only the leidinggevende
        (g7, "collega", [("E_SH_CONSULT_REQUIRED", "adviseur")]),
        (g6, "collega", []),  # G6: a colleague counts too
        (basis, "collega", []),  # an optional consultation may be with anyone
        (g5_vt, None, [("E_SH_CONSULT_REQUIRED", "adviseur")]),
    ],
)
def test_sh_09_who_may_be_consulted_is_checked_when_consulting(maak, rol, codes):
    """SH-09 (review M1): a consultation that could never satisfy the rule is refused at once, with the
    adviser field named — otherwise it froze the answers and the decision stayed refused for good."""
    v = maak(consultatie=None)
    fouten = p.consultatie_fouten(v, rol, OP, concept=False)
    assert [(f.code, f.naam) for f in fouten] == codes
    assert all("leidinggevende" in f.reden for f in fouten)
    assert p.consultatie_rollen(v) >= ({rol} if not codes else set())


def test_sh_09_sh_21_an_incomplete_draft_is_not_consulted_and_the_open_items_are_named():
    """SH-09/SH-21 (review M2): consulting fixes the answers, so a draft is consulted only once every step
    and the ground's own questions are in order; the refusal lists what is open. A decided draft
    (concept=False) is not re-checked."""
    compleet = g5_vt(consultatie=None)
    assert p.open_punten(compleet, OP) == ()
    assert p.consultatie_fouten(compleet, "leidinggevende", OP, concept=True) == ()
    zonder_plicht = g5_vt(consultatie=None, wettelijke_plicht=p.WettelijkePlicht())
    open_ = p.open_punten(zonder_plicht, OP)
    assert open_ and all(f.code != "E_SH_CONSULT_REQUIRED" for f in open_)
    fouten = p.consultatie_fouten(zonder_plicht, "leidinggevende", OP, concept=True)
    assert [(f.code, f.naam) for f in fouten[:1]] == [("E_STATE_CONFLICT", "status")]
    assert fouten[1:] == open_ and "liggen de antwoorden vast" in fouten[0].reden
    assert p.consultatie_fouten(zonder_plicht, "leidinggevende", OP, concept=False) == ()
    # a step left open counts as much as the ground's questions
    zonder_doel = g5_vt(consultatie=None, doel=None)
    assert "E_NO_PURPOSE" in codes(p.open_punten(zonder_doel, OP))
    assert "E_NO_PURPOSE" in codes(p.consultatie_fouten(zonder_doel, "leidinggevende", OP, concept=True))
