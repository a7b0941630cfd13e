"""The sharing pages (SPEC §6, §7) through the Django test client: the dossier's "Delen" tab, the "mag ik
delen?" wizard with each step's explanation and live result (SH-21), the ground's own questions, the
decision page with consultation (SH-09, SH-11), decision (SH-10), execution (SH-16) and informing (SH-14,
the leidinggevende's postponement), the consent record (CS-01 … CS-16) with one-click revocation and its
consequences (CS-07, CS-08) and setting aside (CS-06), what was shared about a person, the FG's register
(metadata only), and need-to-know (a colleague not on the case team gets the 404 page). Every read and
write goes through the services of `verstrekkingen` and `toestemmingen`."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.conftest import als_systeem
from zorgvuldig.core.clock import today
from zorgvuldig.dossiers import services as dossierservices
from zorgvuldig.toestemmingen.models import Toestemming
from zorgvuldig.ui import forms_dossier as ui_formulieren
from zorgvuldig.verstrekkingen import deelbesluiten
from zorgvuldig.verstrekkingen import policies as p
from zorgvuldig.verstrekkingen.models import Deelbesluit, Verstrekking
from zorgvuldig.verstrekkingen.tests import hulp

pytestmark = pytest.mark.django_db

NIET_GEVONDEN = "Pagina niet gevonden"


def tekst(r) -> str:
    return html.unescape(r.content.decode())


def inhoud(r) -> str:
    """The page's main content, without the header and menu."""
    return tekst(r).split('id="inhoud"', 1)[1]


def rij(uuid=None) -> Deelbesluit:
    als_systeem()
    return Deelbesluit.objects.get(uuid=uuid) if uuid else Deelbesluit.objects.get()


@pytest.fixture
def casus(regio):
    return hulp.casus_met_moeder(regio)


@pytest.fixture
def vt(regio):
    return hulp.veilig_thuis(regio)


def g5_formulier(casus, vt, **over) -> dict:
    """E5 as the wizard's form: Veilig Thuis asks, G5, class C, the fact note, informing postponed."""
    data = {
        "rijen": "3",
        "richting": "verstrekken",
        "ontvanger_organisatie": str(vt.pk),
        "ontvanger_naam": "Team onderzoek",
        "verzoek_context": "Onderzoek naar een melding van huiselijk geweld in het gezin.",
        "klasse": "c",
        "doel": "gegevensdeling",
        "grondslag_eigen": "c",
        "grondslag_ontvanger": "c",
        "g1_item": str(casus.feit.uuid),
        "g1_omschrijving": "Waarneming huisbezoek",
        "onderbouwing": "Veilig Thuis heeft de waarneming nodig voor het onderzoek.",
        "van_client": "nee",
        "anoniem_volstaat": "nee",
        "dat_gegeven_volstaat": "nee",
        "beroepsgeheim": "ja",
        "grond": "g5_wettelijke_plicht",
        "plicht_ontvanger": "veilig_thuis",
        "plicht_bepaling": "Wmo 2015 art. 5.2.6",
        "informeren_moment": "uitgesteld",
        "uitstel_grond": "veiligheid",
        "eigen_verklaringen_mee": "on",
        "geen_verborgen_items": "on",
    }
    data.update(over)
    return {k: v for k, v in data.items() if v is not None}


def g5_via_service(regio, casus, **over) -> Deelbesluit:
    """The same E5 draft made as the API makes it (`verstrekkingen.api._splits`)."""
    vt = hulp.veilig_thuis(regio)
    a = hulp.g5_aan_vt(regio, casus)
    antwoorden = {k: a[k] for k in ("verzoekContext", "gegevens", "wettelijkePlicht", "stappen")}
    antwoorden["gegevens"] = [{"omschrijving": "Waarneming huisbezoek", "item": str(casus.feit.uuid)}]
    return deelbesluiten.maak(
        actor=regio.actor(regio.medewerker),
        dossier_uuid=casus.dossier.uuid,
        data={
            "richting": "verstrekken",
            "ontvanger_organisatie": vt,
            "ontvanger_type": "veilig_thuis",
            "ontvanger": {"naam": "Team onderzoek"},
            "klasse": "c",
            "grond": "g5_wettelijke_plicht",
            **over,
        },
        antwoorden_=antwoorden,
    )


def consent_formulier(casus, vt, **over) -> dict:
    """CS-05/E3: a written, explicit secrecy release by Lisa (14) and her mother, naming Veilig Thuis."""
    data = {
        "betrokkene": str(casus.lisa.uuid),
        "soort": "doorbreking_beroepsgeheim",
        "status": "gegeven",
        "gevers": [f"{casus.lisa.uuid}|zelf", f"{casus.moeder.uuid}|ouder_met_gezag"],
        "jongere_gehoord_datum": today().isoformat(),
        "jongere_mening": "Vindt het goed.",
        "doel": "gegevensdeling",
        "ontvanger_organisaties": [str(vt.pk)],
        "gegevenscategorieen": "schoolgegevens",
        "inhoud": "Verzuimgegevens van dit schooljaar",
        "waarom_nodig": "Zodat Veilig Thuis de situatie thuis kan beoordelen.",
        "vorm": "schriftelijk",
        "uitdrukkelijk": "on",
        "informatie_datum": today().isoformat(),
        "informatie_onderwerpen": ["doel", "ontvanger", "gegevens"],
        "belang_bevestigd": "on",
        "datum": today().isoformat(),
    }
    data.update(over)
    return {k: v for k, v in data.items() if v is not None}


def consulteer(client, uuid, regio, advies="Delen, alleen wat het onderzoek nodig heeft."):
    nu = dt.datetime.now() - dt.timedelta(minutes=2)
    return client.post(
        f"/deelbesluiten/{uuid}/consulteren",
        {
            "adviseur": str(regio.leidinggevende.pk),
            "datum": nu.date().isoformat(),
            "tijd": nu.strftime("%H:%M"),
            "advies": advies,
        },
    )


# --- the tab ----------------------------------------------------------------------------------------


def test_sh_10_cs_03_the_delen_tab_lists_decisions_and_consents_with_links(casus, vt, regio, ui):
    """SH-10/CS-03: the dossier's "Delen" tab lists its sharing decisions (recipient, ground, decision,
    status) and consents (kind, derived status incl. `verlopen`, recipients, purpose), each linked; the
    tab is in the dossier's own navigation; every listed row is audited (AU-01)."""
    besluit = g5_via_service(regio, casus)
    worker = ui(regio.medewerker)
    r = worker.post(
        f"/dossiers/{casus.dossier.uuid}/toestemmingen/nieuw",
        consent_formulier(casus, vt, geldig_tot=today().isoformat()),
    )
    assert r.status_code == 302, inhoud(r)
    r = worker.get(f"/dossiers/{casus.dossier.uuid}/delen")
    assert r.status_code == 200
    pagina = inhoud(r)
    tabs = re.search(r"Onderdelen van dit dossier.*?</nav>", pagina, re.S).group(0)
    assert 'aria-current="page">Delen</a>' in tabs
    assert "Kader: Vrijwillig." in pagina
    besluitrij = re.search(rf"/deelbesluiten/{besluit.uuid}.*?</tr>", pagina, re.S).group(0)
    assert "Veilig Thuis Zuid-Holland, Team onderzoek" in besluitrij
    assert (
        "G5 Wettelijke plicht" in besluitrij and "Concept" in besluitrij and "Nog geen besluit" in besluitrij
    )
    als_systeem()
    toestemming = Toestemming.objects.get()
    consentrij = re.search(rf"/toestemmingen/{toestemming.uuid}.*?</tr>", pagina, re.S).group(0)
    assert "Doorbreken beroepsgeheim" in consentrij and "Gegeven" in consentrij
    assert "Veilig Thuis Zuid-Holland" in consentrij and "Verstrekken en opvragen" in consentrij
    assert "Nieuw deelbesluit" in pagina and "Toestemming vastleggen" in pagina
    assert f"/personen/{casus.lisa.uuid}/gedeeld" in pagina
    # RT-12: expired the day after `geldig tot`, derived at read time
    Toestemming.objects.filter(pk=toestemming.pk).update(geldig_tot=today() - dt.timedelta(days=1))
    consentrij = re.search(
        rf"/toestemmingen/{toestemming.uuid}.*?</tr>",
        inhoud(worker.get(f"/dossiers/{casus.dossier.uuid}/delen")),
        re.S,
    ).group(0)
    assert "Verlopen" in consentrij
    als_systeem()
    assert AuditRegel.objects.filter(
        actie="deelbesluit.lijst_ingezien", object_uuid=str(besluit.uuid)
    ).exists()
    assert AuditRegel.objects.filter(actie="toestemming.lijst_ingezien").exists()
    # the tab is offered on every dossier page
    assert ">Delen</a>" in inhoud(worker.get(f"/dossiers/{casus.dossier.uuid}/notities"))


# --- the wizard -------------------------------------------------------------------------------------


def test_sh_21_the_wizard_explains_each_step_and_the_rule_it_applies(casus, regio, ui):
    r = ui(regio.medewerker).get(f"/dossiers/{casus.dossier.uuid}/delen/nieuw")
    assert r.status_code == 200
    pagina = inhoud(r)
    for nummer, uitleg in p.UITLEG.items():
        assert f"Stap {nummer}: " in pagina and uitleg in pagina
    for code in ("E_NO_PURPOSE", "E_SH_NO_BASIS", "E_SH_NOT_NECESSARY", "E_SH_SPECIAL_BASIS"):
        assert f"Niet in orde: {code}." in pagina
    for code in ("E_SH_NO_GROUND", "E_SH_INFORM_GROUND", "E_DS_NOTE_TYPE", "E_SH_RIGHTS"):
        assert f"Niet in orde: {code}." in pagina
    for grond in p.GRONDEN.values():
        assert grond.label in pagina
    # the dossier's notes are offered as items (DS-07): the note's text, never a BSN
    assert "Huisbezoek afgelegd; Lisa was aanwezig." in pagina
    assert "Uitkomst per stap" not in pagina  # nothing saved yet


def test_sh_21_e5_saving_the_wizard_makes_the_draft_and_shows_every_step_in_order(casus, vt, regio, ui):
    """E5/SH-21: the complete G5 answers, typed in the form, give the same structured answers as the API and
    all eight steps in order; the answers are stored encrypted, only the codes in clear."""
    worker = ui(regio.medewerker)
    r = worker.post(f"/dossiers/{casus.dossier.uuid}/delen/nieuw", g5_formulier(casus, vt))
    assert r.status_code == 302, inhoud(r)
    besluit = rij()
    assert r["Location"] == f"/deelbesluiten/{besluit.uuid}/wizard"
    assert besluit.status == p.CONCEPT and besluit.grond == p.G5 and besluit.klasse == "c"
    assert besluit.ontvanger_organisatie == vt and besluit.ontvanger_type == "veilig_thuis"
    assert [s["ok"] for s in besluit.toetsing] == [True] * 8
    a = deelbesluiten.antwoorden(besluit)
    assert a["gegevens"] == [{"omschrijving": "Waarneming huisbezoek", "item": str(casus.feit.uuid)}]
    assert a["wettelijkePlicht"] == {
        "ontvanger": "veilig_thuis",
        "bepaling": "Wmo 2015 art. 5.2.6",
        "juridischAdvies": None,
    }
    assert a["stappen"]["informeren"] == {"moment": "uitgesteld", "grond": "veiligheid"}
    assert a["stappen"]["noodzaak"]["datGegevenVolstaat"] is False
    assert "Waarneming huisbezoek" not in besluit.antwoorden_versleuteld
    pagina = inhoud(worker.get(r["Location"]))
    assert "8 van de 8 stappen zijn in orde." in pagina
    assert pagina.count("Uitkomst stap ") == 8 and "nog niet in orde" not in pagina
    assert "raadpleegt u vóór het besluit de leidinggevende" in pagina  # SH-09 announced
    # the stored answers are shown again in the form (chosen ground's questions included)
    assert 'value="Wmo 2015 art. 5.2.6"' in pagina and "Vragen bij G5 Wettelijke plicht" in pagina


def test_sh_21_a_failing_step_shows_its_code_and_dutch_reason_after_saving(casus, vt, regio, ui):
    worker = ui(regio.medewerker)
    r = worker.post(
        f"/dossiers/{casus.dossier.uuid}/delen/nieuw",
        g5_formulier(casus, vt, doel="", dat_gegeven_volstaat="ja", geen_verborgen_items=None),
    )
    assert r.status_code == 302
    pagina = inhoud(worker.get(r["Location"]))
    assert "5 van de 8 stappen zijn in orde." in pagina
    assert "Uitkomst stap 1: nog niet in orde (E_NO_PURPOSE – Geen (toegestaan) verwerkingsdoel)" in pagina
    assert "Kies het doel uit de verwerkingsactiviteiten (GP-02)." in pagina
    assert "Het dat-gegeven volstaat; deel of vraag geen inhoud (SH-07)." in pagina
    assert "Bevestig dat geen gegeven voor de ontvanger is afgeschermd (DS-13)." in pagina
    # the next save re-evaluates (SH-21): the same answers, corrected, pass
    besluit = rij()
    r = worker.post(f"/deelbesluiten/{besluit.uuid}/wizard", g5_formulier(casus, vt))
    assert r.status_code == 302
    assert "8 van de 8 stappen zijn in orde." in inhoud(worker.get(r["Location"]))
    assert [s["ok"] for s in rij().toetsing] == [True] * 8


def test_sh_01_the_wizard_without_a_recipient_is_refused_and_stores_nothing(casus, vt, regio, ui):
    r = ui(regio.medewerker).post(
        f"/dossiers/{casus.dossier.uuid}/delen/nieuw",
        g5_formulier(casus, vt, ontvanger_organisatie="", ontvanger_naam=""),
    )
    assert r.status_code == 400
    pagina = inhoud(r)
    assert "Het deelbesluit is onvolledig." in pagina and "Wie ontvangt (of wie vraagt u)?" in pagina
    assert 'value="Onderzoek naar een melding van huiselijk geweld in het gezin."' not in pagina  # textarea
    assert "Onderzoek naar een melding van huiselijk geweld in het gezin." in pagina  # the typed text stays
    als_systeem()
    assert not Deelbesluit.objects.exists()


@pytest.mark.parametrize(
    ("grond", "verwacht"),
    [
        ("g1_toestemming", "Welke toestemming?"),
        ("g4_wettelijke_bevoegdheid", "Welke wet geeft het recht om te delen?"),
        ("g5_wettelijke_plicht", "Kenmerk van het schriftelijke verzoek"),
        (
            "g6_conflict_van_plichten",
            "4. Weegt het belang van de cliënt zwaarder dan het belang van geheimhouding?",
        ),
        ("g7_vitaal_belang", "Is delen de enige manier?"),
        ("g8_verenigbaar_doel", "Welke waarborgen zijn er"),
    ],
)
def test_sh_04_the_chosen_grounds_own_questions_appear(casus, regio, ui, grond, verwacht):
    """htmx fragment: only the chosen ground travels in the URL; its questions come back."""
    r = ui(regio.medewerker).get(f"/dossiers/{casus.dossier.uuid}/delen/grondvragen?grond={grond}")
    assert r.status_code == 200
    pagina = tekst(r)
    assert 'id="grondvragen"' in pagina and verwacht in pagina
    assert "Vier vragen" not in pagina or grond == "g6_conflict_van_plichten"
    assert "Welke toestemming?" not in pagina or grond == "g1_toestemming"


def test_sh_12_e2_conflict_of_duties_any_no_refuses(casus, regio, ui):
    """SH-12: G6 with the four questions, one of them no, shows E_SH_COD_NOT_MET for the ground."""
    worker = ui(regio.medewerker)
    data = g5_formulier(
        casus,
        hulp.veilig_thuis(regio),
        ontvanger_organisatie="",
        ontvanger_naam="Huisartsenpost Krimpen",
        ontvanger_functie="dienstdoende huisarts",
        ontvanger_type="wgbo_zorg",
        klasse="b",
        grondslag_eigen="e",
        grondslag_ontvanger="d",
        grond="g6_conflict_van_plichten",
        informeren_moment="na",
        uitstel_grond=None,
        niet_haalbaar="pogingen_mislukt",
        vv_legitiem_doel="ja",
        vv_enige_weg="nee",
        vv_instemming="ja",
        vv_belang="ja",
        ernstige_schade="Ondervoeding en uitdroging.",
        andere_wegen="Geen vertegenwoordiger bereikbaar.",
        kans_beperking="De huisarts kan vandaag langsgaan.",
        objectief="ja",
        openheid="ja",
    )
    r = worker.post(f"/dossiers/{casus.dossier.uuid}/delen/nieuw", data)
    assert r.status_code == 302, inhoud(r)
    pagina = inhoud(worker.get(r["Location"]))
    # M2: the ground's own questions count in step 5, so the draft is not shown as complete
    assert "7 van de 8 stappen zijn in orde." in pagina
    assert "Uitkomst stap 5: nog niet in orde (E_SH_COD_NOT_MET" in pagina
    assert "Alle vier vragen moeten met ja beantwoord zijn (SH-12, VI-06)." in pagina
    assert "Alle stappen zijn in orde." not in pagina
    a = deelbesluiten.antwoorden(rij())
    assert (
        a["vierVragen"]["enigeWeg"] is False and a["conflictVanPlichten"]["objectiefEigenWaarneming"] is True
    )
    assert "wettelijkePlicht" not in a  # only the chosen ground's answers are sent


# --- consultation, decision, execution, informing ---------------------------------------------------


def test_sh_09_deciding_a_g5_share_without_consultation_is_refused_and_changes_nothing(casus, regio, ui):
    besluit = g5_via_service(regio, casus)
    worker = ui(regio.medewerker)
    r = worker.post(
        f"/deelbesluiten/{besluit.uuid}/besluiten",
        {"besluit": "delen", "redenen": "Nodig voor het onderzoek"},
    )
    assert r.status_code == 400
    pagina = inhoud(r)
    assert (
        "Raadpleeg eerst de leidinggevende en leg vast wie, wanneer en welk advies (SH-09, SH-11)." in pagina
    )
    assert "Code: E_SH_CONSULT_REQUIRED – Eerst de leidinggevende raadplegen." in pagina
    assert "Nodig voor het onderzoek" in pagina  # the typed reasons stay
    besluit = rij(besluit.uuid)
    assert besluit.status == p.CONCEPT and besluit.besluit == "" and besluit.besloten_op is None
    assert AuditRegel.objects.filter(
        actie="deelbesluit.besloten", status="geweigerd", code="E_SH_CONSULT_REQUIRED"
    ).exists()


def test_e5_consult_decide_execute_postpone_and_inform(casus, vt, regio, ui):
    """E5 / SH-09 … SH-16: consultation (who, when, advice) fixes the answers; the decision needs reasons;
    execution writes the register; the leidinggevende approves postponed informing with a review within 30
    days (not 31); the client is told later. The decision page shows everything recorded."""
    besluit = g5_via_service(regio, casus)
    worker = ui(regio.medewerker)
    pagina = inhoud(worker.get(f"/deelbesluiten/{besluit.uuid}"))
    assert "Marieke Bakker" in pagina  # the adviser is chosen from the organisation's staff
    r = consulteer(worker, besluit.uuid, regio)
    assert r.status_code == 302, inhoud(r)
    assert rij(besluit.uuid).status == p.CONSULTATIE
    r = worker.get(f"/deelbesluiten/{besluit.uuid}/wizard")
    assert r.status_code == 302 and r["Location"] == f"/deelbesluiten/{besluit.uuid}"  # answers fixed
    r = worker.post(f"/deelbesluiten/{besluit.uuid}/besluiten", {"besluit": "delen", "redenen": ""})
    assert r.status_code == 400 and "Leg de redenen van het besluit vast (SH-10)." in inhoud(r)
    r = worker.post(
        f"/deelbesluiten/{besluit.uuid}/besluiten",
        {"besluit": "delen", "redenen": "Nodig voor het onderzoek van Veilig Thuis."},
    )
    assert r.status_code == 302
    assert rij(besluit.uuid).status == p.BESLOTEN
    r = worker.post(
        f"/deelbesluiten/{besluit.uuid}/uitvoeren", {"datum": today().isoformat(), "vorm": "digitaal"}
    )
    assert r.status_code == 302
    assert rij(besluit.uuid).status == p.UITGEVOERD
    assert Verstrekking.objects.get().gegevens == ["Waarneming huisbezoek"]
    pagina = inhoud(worker.get(f"/deelbesluiten/{besluit.uuid}"))
    assert "de leidinggevende moet dat nog goedkeuren (SH-14)" in pagina
    # SH-14: only the leidinggevende approves; the worker is not even shown the approval page
    assert worker.get(f"/deelbesluiten/{besluit.uuid}/uitstellen").status_code == 404
    lg = ui(regio.leidinggevende)
    register = inhoud(lg.get("/verstrekkingenregister"))
    assert f"/deelbesluiten/{besluit.uuid}/uitstellen" in register and casus.dossier.kenmerk in register
    # the approval is a task on the leidinggevende's overview too, naming nobody
    taken = inhoud(lg.get("/overzicht"))
    assert (
        "Uitstel van informeren goedkeuren" in taken and f"/deelbesluiten/{besluit.uuid}/uitstellen" in taken
    )
    assert "Uitstel van informeren" not in inhoud(worker.get("/overzicht"))
    uitstel = {
        "grond": "veiligheid",
        "toelichting": "De melding gaat over geweld van vader; informeren brengt moeder in gevaar.",
    }
    r = lg.post(
        f"/deelbesluiten/{besluit.uuid}/uitstellen",
        {**uitstel, "reviewdatum": (today() + dt.timedelta(days=31)).isoformat()},
    )
    assert r.status_code == 400 and "uiterlijk 30 dagen vooruit (SH-14)" in inhoud(r)
    assert rij(besluit.uuid).status == p.UITGEVOERD
    review = today() + dt.timedelta(days=30)
    r = lg.post(f"/deelbesluiten/{besluit.uuid}/uitstellen", {**uitstel, "reviewdatum": review.isoformat()})
    assert r.status_code == 302
    besluit = rij(besluit.uuid)
    assert besluit.status == p.INFORMEREN_UITGESTELD and besluit.reviewdatum == review
    assert f"/deelbesluiten/{besluit.uuid}/uitstellen" not in inhoud(lg.get("/verstrekkingenregister"))
    assert "Uitstel van informeren" not in inhoud(lg.get("/overzicht"))  # approved; review not yet due
    pagina = inhoud(worker.get(f"/deelbesluiten/{besluit.uuid}"))
    assert "Informeren uitgesteld" in pagina
    assert "Uitstel goedgekeurd door Marieke Bakker" in pagina and "brengt moeder in gevaar" in pagina
    assert "Geraadpleegd: Marieke Bakker (leidinggevende)" in pagina
    assert "Delen, alleen wat het onderzoek nodig heeft." in pagina
    assert "Nodig voor het onderzoek van Veilig Thuis." in pagina
    assert "Gedeeld op" in pagina and "(digitaal)" in pagina
    assert "Waarneming huisbezoek (notitie uit het dossier)" in pagina
    assert "Wmo 2015 art. 5.2.6" in pagina and "Onderzoek naar een melding van huiselijk geweld" in pagina
    r = worker.post(
        f"/deelbesluiten/{besluit.uuid}/informeren", {"datum": today().isoformat(), "wijze": "in een gesprek"}
    )
    assert r.status_code == 302
    assert rij(besluit.uuid).status == p.CLIENT_GEINFORMEERD
    assert "De cliënt is geïnformeerd op" in inhoud(worker.get(f"/deelbesluiten/{besluit.uuid}"))


def test_sh_09_urgent_path_decides_first_and_shows_the_consultation_due(casus, regio, ui):
    besluit = g5_via_service(regio, casus)
    worker = ui(regio.medewerker)
    r = worker.post(
        f"/deelbesluiten/{besluit.uuid}/besluiten",
        {"besluit": "delen", "redenen": "Acuut gevaar", "spoed": "on"},
    )
    assert r.status_code == 302
    besluit = rij(besluit.uuid)
    assert besluit.status == p.BESLOTEN and besluit.consultatie_uiterlijk is not None
    pagina = inhoud(worker.get(f"/deelbesluiten/{besluit.uuid}"))
    assert "Besloten via de spoedroute: raadpleeg de leidinggevende uiterlijk op" in pagina
    assert "Consultatie vastleggen" in pagina
    assert consulteer(worker, besluit.uuid, regio, advies="Achteraf: terecht.").status_code == 302
    assert "Achteraf: terecht." in inhoud(worker.get(f"/deelbesluiten/{besluit.uuid}"))


# --- consents ---------------------------------------------------------------------------------------


def test_cs_05_recording_a_consent_offers_the_person_and_registered_relations(casus, vt, regio, ui):
    worker = ui(regio.medewerker)
    r = worker.get(f"/dossiers/{casus.dossier.uuid}/toestemmingen/nieuw")
    assert r.status_code == 200
    pagina = inhoud(r)
    assert "Lisa Visser zelf" in pagina and "Sanne Visser, ouder met gezag van Lisa Visser" in pagina
    assert "Let op: u kiest toestemming als grondslag bij een overheidsorganisatie." in pagina  # CS-10
    # GP-02, CS-01: the purpose is chosen from the register's activities, by name; never the verwijsindex
    assert '<option value="gegevensdeling">Verstrekken en opvragen van gegevens' in pagina
    assert 'value="verwijsindex"' not in pagina
    r = worker.post(f"/dossiers/{casus.dossier.uuid}/toestemmingen/nieuw", consent_formulier(casus, vt))
    assert r.status_code == 302, inhoud(r)
    als_systeem()
    t = Toestemming.objects.get()
    assert r["Location"] == f"/toestemmingen/{t.uuid}"
    assert t.status == "gegeven" and t.ontvangers == [{"organisatie": str(vt.uuid)}]
    assert {g["hoedanigheid"] for g in t.gevers} == {"zelf", "ouder_met_gezag"}
    pagina = inhoud(worker.get(r["Location"]))
    assert "Gegeven" in pagina and "Sanne Visser (ouder met gezag)" in pagina and "Intrekken" in pagina


def test_cs_05_a_youth_alone_cannot_release_secrecy_and_nothing_is_stored(casus, vt, regio, ui):
    r = ui(regio.medewerker).post(
        f"/dossiers/{casus.dossier.uuid}/toestemmingen/nieuw",
        consent_formulier(casus, vt, gevers=[f"{casus.lisa.uuid}|zelf"]),
    )
    assert r.status_code == 400
    assert "Code: E_CS_WRONG_GIVER" in inhoud(r)
    als_systeem()
    assert not Toestemming.objects.exists()


def test_cs_02_a_consent_without_recipient_purpose_or_data_is_refused_at_the_fields(casus, vt, regio, ui):
    r = ui(regio.medewerker).post(
        f"/dossiers/{casus.dossier.uuid}/toestemmingen/nieuw",
        consent_formulier(casus, vt, ontvanger_organisaties=[], doel="", gegevenscategorieen=""),
    )
    assert r.status_code == 400
    pagina = inhoud(r)
    assert "Noem elke ontvanger: organisatie of naam (CS-02)." in pagina
    assert "Noem het doel van de toestemming (CS-02)." in pagina
    assert "Noem welke soorten gegevens het betreft (CS-02)." in pagina
    assert "Verzuimgegevens van dit schooljaar" in pagina  # what was typed stays
    als_systeem()
    assert not Toestemming.objects.exists()


def test_cs_05_an_asked_consent_is_given_on_its_page(casus, vt, regio, ui):
    worker = ui(regio.medewerker)
    r = worker.post(
        f"/dossiers/{casus.dossier.uuid}/toestemmingen/nieuw",
        consent_formulier(
            casus, vt, status="gevraagd", gevers=[], vorm=None, uitdrukkelijk=None, belang_bevestigd=None
        ),
    )
    assert r.status_code == 302, inhoud(r)
    pagina = inhoud(worker.get(r["Location"]))
    assert "Gevraagd" in pagina and "Geven" in pagina and "Weigeren" in pagina and "Intrekken" not in pagina
    uuid = r["Location"].rsplit("/", 1)[1]
    r = worker.post(f"/toestemmingen/{uuid}/geven", {"gevers": [f"{casus.lisa.uuid}|zelf"]})
    assert r.status_code == 400 and "Code: E_CS_WRONG_GIVER" in inhoud(r)  # CS-05 checked again
    r = worker.post(
        f"/toestemmingen/{uuid}/geven",
        {
            "gevers": [f"{casus.lisa.uuid}|zelf", f"{casus.moeder.uuid}|ouder_met_gezag"],
            "vorm": "schriftelijk",
            "uitdrukkelijk": "on",
            "belang_bevestigd": "on",
            "jongere_gehoord_datum": today().isoformat(),
            "jongere_mening": "Vindt het goed.",
            "informatie_datum": today().isoformat(),
            "informatie_onderwerpen": ["doel", "ontvanger", "gegevens"],
        },
    )
    assert r.status_code == 302, inhoud(r)
    als_systeem()
    assert Toestemming.objects.get().status == "gegeven"


def test_cs_07_cs_08_e7_revoking_takes_one_post_ends_decisions_and_explains(casus, vt, regio, ui):
    """E7 / CS-07, CS-08: a G1 share chosen with the consent picker and decided; revoking is one POST
    without any field, then the consent page tells the consequences in plain Dutch and which decisions
    ended; the ended decision can no longer be executed."""
    worker = ui(regio.medewerker)
    r = worker.post(f"/dossiers/{casus.dossier.uuid}/toestemmingen/nieuw", consent_formulier(casus, vt))
    assert r.status_code == 302
    als_systeem()
    t = Toestemming.objects.get()
    keuze = tekst(worker.get(f"/dossiers/{casus.dossier.uuid}/delen/grondvragen?grond=g1_toestemming"))
    assert f'value="{t.uuid}"' in keuze and "Doorbreken beroepsgeheim van Lisa Visser" in keuze  # G1's picker
    data = g5_formulier(
        casus,
        vt,
        klasse="b",
        grond="g1_toestemming",
        toestemming=str(t.uuid),
        g1_item="",
        g1_omschrijving="Verzuim",
        g1_categorie="schoolgegevens",
        g1_soort="feit",
        g1_bron="document",
        informeren_moment="voor",
        uitstel_grond=None,
    )
    r = worker.post(f"/dossiers/{casus.dossier.uuid}/delen/nieuw", data)
    assert r.status_code == 302
    besluit = rij()
    assert besluit.toestemming == t and [s["ok"] for s in besluit.toetsing] == [True] * 8
    r = worker.post(
        f"/deelbesluiten/{besluit.uuid}/besluiten", {"besluit": "delen", "redenen": "Met toestemming"}
    )
    assert r.status_code == 302, inhoud(r)
    r = worker.post(f"/toestemmingen/{t.uuid}/intrekken")  # one step, nothing to fill in
    assert r.status_code == 302 and r["Location"] == f"/toestemmingen/{t.uuid}"
    als_systeem()
    assert Toestemming.objects.get().status == "ingetrokken"
    assert rij(besluit.uuid).status == p.BEEINDIGD
    pagina = inhoud(worker.get(r["Location"]))
    assert "De toestemming is ingetrokken. Dat geldt vanaf nu (CS-07)." in pagina
    assert "U trekt uw toestemming in. Dat geldt vanaf nu." in pagina
    assert "Wat wij eerder met uw toestemming deden, blijft wel toegestaan." in pagina
    assert (
        "Deze deelbesluiten zijn beëindigd (CS-08):" in pagina and f"/deelbesluiten/{besluit.uuid}" in pagina
    )
    assert "Ingetrokken" in pagina
    # the dossier's header above it shows the dossier's own state, not the consent's
    kop = pagina.split('aria-label="Onderdelen van dit dossier"')[0]
    assert "Ingetrokken" not in kop and "Doorbreken van het beroepsgeheim" not in kop
    als_systeem()
    casus.dossier.refresh_from_db()
    assert f">{ui_formulieren.STATUS[casus.dossier.status]}<" in kop
    assert "Wat betekent het intrekken?" not in inhoud(worker.get(r["Location"]))  # shown once
    r = worker.post(
        f"/deelbesluiten/{besluit.uuid}/uitvoeren", {"datum": today().isoformat(), "vorm": "digitaal"}
    )
    assert r.status_code == 400 and "E_STATE_CONFLICT" in inhoud(r)
    als_systeem()
    assert not Verstrekking.objects.exists()


def test_cs_06_the_leidinggevende_sets_aside_a_representatives_decision(casus, vt, regio, ui):
    worker = ui(regio.medewerker)
    r = worker.post(f"/dossiers/{casus.dossier.uuid}/toestemmingen/nieuw", consent_formulier(casus, vt))
    uuid = r["Location"].rsplit("/", 1)[1]
    assert "Terzijde leggen" not in inhoud(worker.get(f"/toestemmingen/{uuid}"))
    dossierservices.wijs_toe(
        actor=regio.actor(regio.leidinggevende),
        uuid=casus.dossier.uuid,
        gebruiker=regio.leidinggevende,
        rol="casusteam",
    )
    lg = ui(regio.leidinggevende)
    assert "Terzijde leggen" in inhoud(lg.get(f"/toestemmingen/{uuid}"))
    r = lg.post(f"/toestemmingen/{uuid}/terzijdeleggen", {"redenen": ""})
    assert r.status_code == 400 and "zwaarwegende belangen" in inhoud(r)
    r = lg.post(
        f"/toestemmingen/{uuid}/terzijdeleggen", {"redenen": "Zwaarwegend belang: Lisa heeft hulp nodig."}
    )
    assert r.status_code == 302
    pagina = inhoud(lg.get(f"/toestemmingen/{uuid}"))
    assert "Terzijde gelegd (CS-06)" in pagina and "Zwaarwegend belang: Lisa heeft hulp nodig." in pagina


# --- need-to-know -----------------------------------------------------------------------------------


def test_ac_04_a_colleague_not_on_the_case_team_gets_the_not_found_page(casus, vt, regio, ui):
    besluit = g5_via_service(regio, casus)
    r = ui(regio.medewerker).post(
        f"/dossiers/{casus.dossier.uuid}/toestemmingen/nieuw", consent_formulier(casus, vt)
    )
    toestemming = r["Location"].rsplit("/", 1)[1]
    collega = ui(regio.collega)
    for pad in (
        f"/dossiers/{casus.dossier.uuid}/delen",
        f"/dossiers/{casus.dossier.uuid}/delen/nieuw",
        f"/dossiers/{casus.dossier.uuid}/toestemmingen/nieuw",
        f"/deelbesluiten/{besluit.uuid}",
        f"/deelbesluiten/{besluit.uuid}/wizard",
        f"/toestemmingen/{toestemming}",
        f"/personen/{casus.lisa.uuid}/gedeeld",
    ):
        r = collega.get(pad)
        assert r.status_code == 404 and NIET_GEVONDEN in tekst(r), pad
    r = collega.post(f"/deelbesluiten/{besluit.uuid}/besluiten", {"besluit": "weigeren", "redenen": "x"})
    assert r.status_code == 404
    r = collega.post(f"/toestemmingen/{toestemming}/intrekken")
    assert r.status_code == 404
    assert rij(besluit.uuid).status == p.CONCEPT and Toestemming.objects.get().status == "gegeven"
    # another organisation's leidinggevende cannot approve a postponement either
    assert ui(regio.school_lg).get(f"/deelbesluiten/{besluit.uuid}/uitstellen").status_code == 404


# --- the register -----------------------------------------------------------------------------------


def _uitgevoerd(regio, casus) -> Deelbesluit:
    besluit = g5_via_service(regio, casus)
    actor = regio.actor(regio.medewerker)
    deelbesluiten.consulteer(
        actor=actor,
        uuid=besluit.uuid,
        adviseur=regio.leidinggevende,
        tijdstip=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5),
        advies="Delen.",
    )
    deelbesluiten.besluit(actor=actor, uuid=besluit.uuid, besluit_="delen", redenen="Onderzoek VT.")
    return deelbesluiten.voer_uit(actor=actor, uuid=besluit.uuid, datum=today(), vorm="digitaal")


def test_sh_14_postponement_approval_task_is_due_one_working_day_after_execution(casus, regio, ui, api):
    """F20: the leidinggevende's task "Uitstel van informeren goedkeuren" showed "Uiterlijk –"; it is due 1
    working day after the execution (werkvoorraad.policies, core.kalender), late after that day."""
    from zorgvuldig.core.kalender import plus_werkdagen
    from zorgvuldig.werkvoorraad.selectors import taken_voor

    besluit = _uitgevoerd(regio, casus)
    uiterlijk = plus_werkdagen(besluit.uitgevoerd_op, 1)
    [taak] = [t for t in taken_voor(regio.actor(regio.leidinggevende)) if t.soort == "uitstel_goedkeuren"]
    assert taak.vervaldatum == uiterlijk and not taak.te_laat
    overzicht = inhoud(ui(regio.leidinggevende).get("/overzicht"))
    regel = re.search(r"Uitstel van informeren goedkeuren.*?</tr>", overzicht, re.S).group(0)
    assert "–" not in regel.split("</td>", 1)[1]
    assert re.search(rf">{uiterlijk.day} [a-z]+ {uiterlijk.year}<", regel), regel
    r = api(regio.leidinggevende).get("/api/v1/taken", {"soort": "uitstel_goedkeuren"})
    assert r.json()["results"][0]["vervaldatum"] == uiterlijk.isoformat()
    laat = [
        t
        for t in taken_voor(regio.actor(regio.leidinggevende), uiterlijk + dt.timedelta(days=1))
        if t.soort == "uitstel_goedkeuren"
    ]
    assert laat[0].te_laat and laat[0].status == "te_laat"


def test_sh_16_what_was_shared_about_a_person(casus, regio, ui):
    besluit = _uitgevoerd(regio, casus)
    worker = ui(regio.medewerker)
    assert f"/personen/{casus.lisa.uuid}/gedeeld" in inhoud(worker.get(f"/personen/{casus.lisa.uuid}"))
    r = worker.get(f"/personen/{casus.lisa.uuid}/gedeeld")
    assert r.status_code == 200
    pagina = inhoud(r)
    assert "Wat is er over Lisa Visser gedeeld?" in pagina
    regel = re.search(r"<tbody.*?</tbody>", pagina, re.S).group(0)
    assert "Veilig Thuis Zuid-Holland (Team onderzoek)" in regel and "Waarneming huisbezoek" in regel
    # AU-02, SH-16: the purpose step 1 names (here the sharing activity), not SH-03's class C
    assert "G5 Wettelijke plicht" in regel and "Verstrekken en opvragen van gegevens" in regel
    assert "Voor de taak van de ontvanger" not in regel
    assert f"/deelbesluiten/{besluit.uuid}" in regel
    assert "Er is (nog) niets over deze persoon gedeeld." in inhoud(
        worker.get(f"/personen/{casus.moeder.uuid}/gedeeld")
    )
    als_systeem()
    assert AuditRegel.objects.filter(
        actie="verstrekking.ingezien", actor_gebruiker=str(regio.medewerker.uuid)
    ).exists()


def test_sh_16_the_fg_searches_the_register_by_recipient_and_period_metadata_only(casus, vt, regio, ui):
    _uitgevoerd(regio, casus)
    fg = ui(regio.fg)
    r = fg.get("/verstrekkingenregister")
    assert r.status_code == 200 and "Verstrekkingen (" not in inhoud(r)  # nothing shown before a search
    assert "Uitstel van informeren" not in inhoud(r)  # the FG approves nothing
    r = fg.get(f"/verstrekkingenregister?zoeken=1&ontvanger={vt.pk}&vanaf={today().isoformat()}")
    pagina = inhoud(r)
    assert "Verstrekkingen (1)" in pagina, pagina
    regel = re.search(r"<tbody.*?</tbody>", pagina.split("resultaten-kop")[-1], re.S).group(0)
    assert "Veilig Thuis Zuid-Holland" in regel and "G5 Wettelijke plicht" in regel
    assert "Waarneming huisbezoek" not in pagina and ">Gegevens<" not in pagina  # no items for the FG
    assert "/deelbesluiten/" not in regel  # the FG does not open decisions
    r = fg.get(f"/verstrekkingenregister?zoeken=1&ontvanger={regio.school.pk}")
    assert "Geen verstrekkingen gevonden." in inhoud(r)
    gisteren = today() - dt.timedelta(days=1)
    r = fg.get(f"/verstrekkingenregister?zoeken=1&vanaf={today().isoformat()}&tot={gisteren.isoformat()}")
    assert "De einddatum ligt vóór de begindatum." in inhoud(r)
    als_systeem()
    regel = AuditRegel.objects.filter(
        actie="verstrekking.ingezien", actor_gebruiker=str(regio.fg.uuid)
    ).first()
    assert regel is not None and "gegevens" not in regel.velden
    assert ui(regio.medewerker).get("/verstrekkingenregister").status_code == 404  # not their page


def test_cs_05_an_asked_consent_is_refused_by_the_parent(casus, vt, regio, ui):
    worker = ui(regio.medewerker)
    r = worker.post(
        f"/dossiers/{casus.dossier.uuid}/toestemmingen/nieuw",
        consent_formulier(casus, vt, status="gevraagd", gevers=[], belang_bevestigd=None),
    )
    uuid = r["Location"].rsplit("/", 1)[1]
    r = worker.post(
        f"/toestemmingen/{uuid}/weigeren",
        {"gevers": [f"{casus.lisa.uuid}|zelf", f"{casus.moeder.uuid}|ouder_met_gezag"]},
    )
    assert r.status_code == 302, inhoud(r)
    pagina = inhoud(worker.get(f"/toestemmingen/{uuid}"))
    assert "Geweigerd" in pagina and "Intrekken" not in pagina and "Sanne Visser (ouder met gezag)" in pagina
    r = worker.post(f"/toestemmingen/{uuid}/intrekken")  # only a given consent is revoked (CS-07)
    assert r.status_code == 302
    assert "Alleen een gegeven toestemming kan worden ingetrokken" in inhoud(worker.get(r["Location"]))


def test_cs_05_in_a_family_dossier_the_worker_first_chooses_whom_the_consent_concerns(casus, regio, ui):
    gezin = dossierservices.registreer_dossier(
        actor=regio.actor(regio.medewerker),
        soort="gezin",
        team=regio.team,
        leden=[(str(casus.lisa.uuid), "client"), (str(casus.moeder.uuid), "gezinslid")],
    )
    worker = ui(regio.medewerker)
    r = worker.get(f"/dossiers/{gezin.uuid}/toestemmingen/nieuw")
    assert r.status_code == 200 and "Over wie gaat de toestemming?" in inhoud(r)
    r = worker.get(f"/dossiers/{gezin.uuid}/toestemmingen/nieuw?betrokkene={casus.moeder.uuid}")
    pagina = inhoud(r)
    assert "Toestemming vastleggen voor Sanne Visser" in pagina and "Sanne Visser zelf" in pagina
    assert "ouder met gezag van" not in pagina  # the mother has no representative registered


def test_sh_17_sh_18_the_wizard_asks_veilig_thuis_about_enrichment_and_the_police(regio):
    """The form itself: a Veilig Thuis worker gets the enrichment questions (SH-17) and the SH-18 question;
    the answers take the API's shape (dates as ISO text)."""
    from zorgvuldig.organisaties.models import Organisatie
    from zorgvuldig.ui.forms_delen import DeelbesluitFormulier

    def form(vt: bool, **extra):
        return DeelbesluitFormulier(
            {"rijen": "1", "ontvanger_naam": "Politie", "ontvanger_type": "politie_om", **extra},
            organisaties=Organisatie.objects.all(),
            activiteiten=[],
            notities=[],
            toestemmingen=[],
            rijen=1,
            verrijker=vt,
            veilig_thuis=vt,
        )

    f = form(
        True,
        verrijking="on",
        vt_melding_datum=today().isoformat(),
        onderzoek_gestart_op=today().isoformat(),
        beeindigt_huiselijk_geweld="ja",
    )
    assert f.is_valid(), f.errors
    data, a = f.data_voor_service()
    assert data["ontvanger_type"] == "politie_om" and data["ontvanger"] == {"naam": "Politie"}
    assert a["verrijking"] is True and a["vtMelding"] == {"datum": today().isoformat(), "ambtshalve": False}
    assert a["onderzoekGestartOp"] == today().isoformat()
    assert a["stappen"]["noodzaak"]["beeindigtHuiselijkGeweld"] is True
    gewoon = form(False, verrijking="on", beeindigt_huiselijk_geweld="ja")
    assert gewoon.is_valid()
    _data, a = gewoon.data_voor_service()
    assert "verrijking" not in a and "beeindigtHuiselijkGeweld" not in a["stappen"]["noodzaak"]


# --- purpose binding and consultation (review H2, M1, M2) ----------------------------------------


def test_gp_02_the_wizard_offers_only_sharing_purposes_and_refuses_another(casus, vt, regio, ui):
    """GP-02 (review H2): step 1 lists only the activities whose purpose allows sharing client data; a
    forged other purpose is refused in Dutch and nothing is stored."""
    worker = ui(regio.medewerker)
    pagina = inhoud(worker.get(f"/dossiers/{casus.dossier.uuid}/delen/nieuw"))
    doel = re.search(r'<select name="doel".*?</select>', pagina, re.S).group(0)
    assert "Verstrekken en opvragen van gegevens" in doel and "Ondersteuning door het wijkteam" in doel
    for ander in ("Beheer van organisaties", "Logboek dataverwerkingen", "datalekken", "toegangspatronen"):
        assert ander not in doel
    r = worker.post(
        f"/dossiers/{casus.dossier.uuid}/delen/nieuw", g5_formulier(casus, vt, doel="beheer-platform")
    )
    assert r.status_code == 400
    assert (
        "Voor dit doel deelt u geen gegevens van een cliënt. Kies een doel uit de lijst (GP-02)." in inhoud(r)
    )
    als_systeem()
    assert not Deelbesluit.objects.exists()


def test_sh_09_the_consultation_offers_only_leidinggevenden_where_required(casus, vt, regio, ui):
    """SH-09 (review M1): for G5 to Veilig Thuis the form lists the leidinggevende, not a colleague; a
    forged colleague is refused in Dutch and the draft stays open."""
    besluit = g5_via_service(regio, casus)
    worker = ui(regio.medewerker)
    pagina = inhoud(worker.get(f"/deelbesluiten/{besluit.uuid}"))
    keuze = re.search(r'<select name="adviseur".*?</select>', pagina, re.S).group(0)
    assert "Marieke Bakker" in keuze and "Pieter de Vos" not in keuze and "Kies de leidinggevende" in keuze
    nu = dt.datetime.now() - dt.timedelta(minutes=2)
    r = worker.post(
        f"/deelbesluiten/{besluit.uuid}/consulteren",
        {
            "adviseur": str(regio.collega.pk),
            "datum": nu.date().isoformat(),
            "tijd": nu.strftime("%H:%M"),
            "advies": "Doen.",
        },
    )
    assert r.status_code == 400
    assert rij(besluit.uuid).status == p.CONCEPT and rij(besluit.uuid).consultatie_door is None


def test_sh_09_a_draft_consulted_with_a_colleague_before_can_still_consult_the_leidinggevende(
    casus, regio, ui
):
    """SH-09 (review M1): a G5 draft consulted with a colleague before this rule (the answers fixed, the
    decision refused) is not stuck: the page says why and offers the leidinggevende's consultation."""
    besluit = g5_via_service(regio, casus)
    worker = ui(regio.medewerker)
    assert consulteer(worker, besluit.uuid, regio).status_code == 302
    # as stored by the earlier version: a colleague's consultation
    oud = rij(besluit.uuid)
    a = deelbesluiten.antwoorden(oud)
    a["consultatie"] = {**a["consultatie"], "rol": "collega", "adviseur": regio.collega.naam}
    oud.consultatie_door = regio.collega
    oud.antwoorden_versleuteld = deelbesluiten.crypto.versleutel(oud, "antwoorden", a)
    oud.save()
    pagina = inhoud(worker.get(f"/deelbesluiten/{besluit.uuid}"))
    assert "De vastgelegde consultatie is niet genoeg" in pagina and "Consultatie vastleggen" in pagina
    assert consulteer(worker, besluit.uuid, regio, advies="Alsnog: delen.").status_code == 302
    r = worker.post(
        f"/deelbesluiten/{besluit.uuid}/besluiten", {"besluit": "delen", "redenen": "Voor het onderzoek."}
    )
    assert r.status_code == 302 and rij(besluit.uuid).status == p.BESLOTEN


def test_sh_09_sh_21_the_step_table_counts_the_grounds_questions_and_consultation_waits(casus, vt, regio, ui):
    """SH-21/SH-09 (review M2): with G5 chosen but the duty's questions open, step 5 is not in order
    (7 of 8) and no consultation is offered; recording one anyway is refused and changes nothing."""
    worker = ui(regio.medewerker)
    r = worker.post(
        f"/dossiers/{casus.dossier.uuid}/delen/nieuw",
        g5_formulier(casus, vt, plicht_ontvanger=None, plicht_bepaling=None),
    )
    assert r.status_code == 302, inhoud(r)
    besluit = rij()
    pagina = inhoud(worker.get(r["Location"]))
    assert "7 van de 8 stappen zijn in orde." in pagina and "Alle stappen zijn in orde." not in pagina
    assert "Kies voor wie de wettelijke plicht geldt (G5, SH-13)." in pagina
    pagina = inhoud(worker.get(f"/deelbesluiten/{besluit.uuid}"))
    assert "Consultatie vastleggen" not in pagina
    assert "U legt de consultatie vast zodra alle stappen en de vragen bij de grond in orde zijn." in pagina
    r = consulteer(worker, besluit.uuid, regio)
    assert r.status_code == 400
    assert "Consulteer pas als alle stappen en de vragen bij de grond in orde zijn" in inhoud(r)
    assert rij(besluit.uuid).status == p.CONCEPT
    # completed, the consultation is offered
    r = worker.post(f"/deelbesluiten/{besluit.uuid}/wizard", g5_formulier(casus, vt))
    assert "8 van de 8 stappen zijn in orde." in inhoud(worker.get(r["Location"]))
    assert "Consultatie vastleggen" in inhoud(worker.get(f"/deelbesluiten/{besluit.uuid}"))


def test_spec_7_states_a_draft_is_discarded_with_a_reason_and_audited(casus, regio, ui):
    """SPEC §7 States (review M13): a draft (also a consulted one) that will not be decided is declared
    void with a reason: status beeindigd, nothing registered, an audit entry; without a reason it is
    refused; a decision taken is never discarded (SH-10)."""
    besluit = g5_via_service(regio, casus)
    worker = ui(regio.medewerker)
    assert "Concept vervallen verklaren" in inhoud(worker.get(f"/deelbesluiten/{besluit.uuid}"))
    r = worker.post(f"/deelbesluiten/{besluit.uuid}/vervallen", {"reden": " "})
    assert r.status_code == 400 and "Geef de reden waarom het concept vervalt (SPEC §7)." in inhoud(r)
    assert rij(besluit.uuid).status == p.CONCEPT
    r = worker.post(f"/deelbesluiten/{besluit.uuid}/vervallen", {"reden": "Per ongeluk aangemaakt."})
    assert r.status_code == 302
    besluit = rij(besluit.uuid)
    assert besluit.status == p.BEEINDIGD and besluit.beeindigd_op is not None
    assert not Verstrekking.objects.exists()
    assert AuditRegel.objects.filter(
        actie="deelbesluit.vervallen", object_uuid=str(besluit.uuid), status="uitgevoerd"
    ).exists()
    pagina = inhoud(worker.get(f"/deelbesluiten/{besluit.uuid}"))
    assert (
        "het concept is vervallen verklaard door Fatima El Amrani. Reden: Per ongeluk aangemaakt." in pagina
    )
    assert "Concept vervallen verklaren" not in pagina and "Besluit vastleggen" not in pagina
    assert "toestemming is ingetrokken" not in pagina
    # a decision taken stays: refusing is a decision too
    tweede = g5_via_service(regio, casus)
    worker.post(f"/deelbesluiten/{tweede.uuid}/besluiten", {"besluit": "weigeren", "redenen": "Niet nodig."})
    assert rij(tweede.uuid).status == p.BESLOTEN
    assert "Concept vervallen verklaren" not in inhoud(worker.get(f"/deelbesluiten/{tweede.uuid}"))
    r = worker.post(f"/deelbesluiten/{tweede.uuid}/vervallen", {"reden": "Toch niet."})
    assert r.status_code == 400 and "een genomen besluit blijft in het dossier (SH-10)" in inhoud(r)
    assert rij(tweede.uuid).status == p.BESLOTEN


def test_sh_14_the_postponement_offers_participatiewet_only_for_g5_to_a_toezichthouder(casus, regio, ui):
    """SH-14 (review M11): for a share to Veilig Thuis, the leidinggevende is offered only the safety
    ground for postponing; Participatiewet enforcement fits only G5 to a toezichthouder."""
    besluit = _uitgevoerd(regio, casus)
    assert rij(besluit.uuid).status == p.UITGEVOERD
    pagina = inhoud(ui(regio.leidinggevende).get(f"/deelbesluiten/{besluit.uuid}/uitstellen"))
    assert 'value="veiligheid"' in pagina and 'value="participatiewet"' not in pagina


def test_sh_14_the_leidinggevende_may_refuse_a_postponement_and_the_worker_then_informs(casus, regio, ui):
    """SH-14/GP-05 (review M11): informing is the rule, so the leidinggevende can also say no — with a
    reason. The task ends, the decision's maker gets an e-mail (the dossier reference only) to inform the
    client as soon as possible; an empty reason is refused with a Dutch message and changes nothing."""
    from zorgvuldig.berichten.models import Bericht

    besluit = _uitgevoerd(regio, casus)
    assert rij(besluit.uuid).informeren_moment == p.UITGESTELD
    lg = ui(regio.leidinggevende)
    pad = f"/deelbesluiten/{besluit.uuid}/uitstellen"
    assert "Uitstel niet goedkeuren" in inhoud(lg.get(pad))
    r = lg.post(pad, {"actie": "afwijzen", "toelichting": " "})
    assert r.status_code == 400 and "Waarom kan de cliënt wel geïnformeerd worden?" in inhoud(r)
    assert rij(besluit.uuid).informeren_moment == p.UITGESTELD
    als_systeem()
    voor = Bericht.objects.count()
    r = lg.post(pad, {"actie": "afwijzen", "toelichting": "Geen concrete aanwijzingen van gevaar."})
    assert r.status_code == 302
    na = rij(besluit.uuid)
    assert na.informeren_moment == p.NA and na.status == p.UITGEVOERD and na.reviewdatum is None
    als_systeem()
    [mail] = Bericht.objects.order_by("id")[voor:]
    assert mail.aan == regio.medewerker.email and casus.dossier.kenmerk in mail.tekst
    assert "Lisa" not in mail.tekst + mail.onderwerp
    assert AuditRegel.objects.filter(actie="deelbesluit.uitstel_afgewezen", status="uitgevoerd").exists()
    assert "Uitstel van informeren" not in inhoud(lg.get("/overzicht"))  # the task is gone
    pagina = inhoud(lg.get(pad))
    assert (
        "Uitstel niet goedgekeurd door Marieke Bakker" in pagina and "Uitstel niet goedkeuren" not in pagina
    )
    # nothing left to refuse: a second try is a state conflict, shown in Dutch, nothing changes
    r = lg.post(pad, {"actie": "afwijzen", "toelichting": "Nogmaals."})
    assert r.status_code == 400 and "geen uitstel van informeren om af te wijzen" in inhoud(r)
