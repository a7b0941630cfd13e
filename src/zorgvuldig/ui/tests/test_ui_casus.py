"""The case-table pages (SPEC §8) through the Django test client, around SPEC example E6 (a Local PGA for
Tom, 17): the list without identification, registering and intake (CT-02), invitations with role and reason
(CT-04, CT-06), the triage question and nothing more (CT-05), client involvement and informing (CT-07,
CT-13), what each role sees (CT-06), contributions with their ground (CT-08, CT-09), the contributor's
control (CT-10), the allocation and the plan (CT-12), confidentiality (CT-11), the safety plan (CT-14),
phase re-confirmation (CT-03), closing (CT-15, RT-08), meetings and actions. A refused act shows the
service's Dutch reason and changes nothing; a case without a place at the table is not found."""

from __future__ import annotations

import datetime as dt
import html
import re
import uuid as uuid_

import pytest
from django.contrib.staticfiles import finders

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.casusoverleg import selectors, services
from zorgvuldig.casusoverleg.models import (
    Actiepunt,
    Bijdrage,
    Bijeenkomst,
    Casusoverleg,
    Deelnemer,
    Toedeling,
)
from zorgvuldig.casusoverleg.tests.hulp import Tafel, tom
from zorgvuldig.casusoverleg.tests.test_services_ct import _uitgevoerd_deelbesluit
from zorgvuldig.conftest import als_systeem
from zorgvuldig.core.clock import today
from zorgvuldig.toegang.models import Bron, Toegang
from zorgvuldig.ui import forms_casus
from zorgvuldig.ui.forms_dossier import persoon_label
from zorgvuldig.ui.tests.test_ui import nav
from zorgvuldig.verstrekkingen.models import Deelbesluit, Verstrekking

pytestmark = pytest.mark.django_db

NIET_GEVONDEN = "Pagina niet gevonden"
POLITIE_TEKST = "Drie registraties: winkeldiefstal, vernieling en overlast."
ZORG_TEKST = "Tom gebruikt dagelijks cannabis; behandeling is gestart."


def url(casus, rest: str = "") -> str:
    return f"/casusoverleggen/{casus.uuid}{rest}"


def tekst(r) -> str:
    return html.unescape(r.content.decode())


def inhoud(r) -> str:
    """The page's main content, without the header and menu."""
    return tekst(r).split('id="inhoud"', 1)[1]


def leesbaar(r) -> str:
    """The main content as read on screen: no tags, single spaces."""
    return " ".join(re.sub(r"<[^>]+>", " ", inhoud(r)).split())


def vers(rij):
    """The row as stored now (as the system: PostgreSQL's row security would hide it from the test)."""
    als_systeem()
    return type(rij).objects.get(pk=rij.pk)


def aantal(model, **filters) -> int:
    als_systeem()
    return model.objects.filter(**filters).count()


def politie_bijdrage(t, casus) -> Bijdrage:
    return services.breng_in(
        actor=t.regio.actor(t.agent),
        uuid=casus.uuid,
        data={
            "inhoud": POLITIE_TEKST,
            "soort": "feit",
            "bron": "registratie",
            "grond": {"soort": "wpg_art20"},
        },
    )


def zorg_bijdrage(t, casus) -> Bijdrage:
    toestemming = t.toestemming_tom()
    return services.breng_in(
        actor=t.regio.actor(t.jeugdwerker),
        uuid=casus.uuid,
        data={
            "inhoud": ZORG_TEKST,
            "soort": "feit",
            "bron": "eigen_waarneming",
            "bijzonder": True,
            "gegevenscategorieen": ["gezondheid"],
            "grond": {"soort": "toestemming", "toestemming": str(toestemming.uuid)},
            "noodzaak": "Zodat het plan aansluit op de lopende behandeling.",
        },
    )


def informeren(t, casus) -> None:
    services.wijzig(
        actor=t.regio.actor(t.regio.medewerker),
        uuid=casus.uuid,
        data={"informeertClient": str(t.d_jeugdzorg.uuid), "deelbaarMetClient": "Het plan en de afspraken."},
    )


def plan_vastgesteld(t, casus) -> tuple[Bijdrage, Bijdrage]:
    """E6 up to the adopted plan: the police item allocated to youth care and approved."""
    fatima = t.regio.actor(t.regio.medewerker)
    politie, zorg = politie_bijdrage(t, casus), zorg_bijdrage(t, casus)
    toedeling = services.deel_toe(
        actor=fatima, uuid=casus.uuid, deelnemer_uuid=t.d_jeugdzorg.uuid, bijdragen=[str(politie.uuid)]
    )
    services.keur_toedeling_goed(actor=t.regio.actor(t.agent), uuid=casus.uuid, toedeling_uuid=toedeling.uuid)
    informeren(t, casus)
    services.stel_vast(actor=fatima, uuid=casus.uuid, plan="Begeleiding naar school en werk.")
    return politie, zorg


def eigen_deelbesluit(t, ontvanger) -> Deelbesluit:
    """Youth care's executed sharing decision towards `ontvanger`, arranged like the service tests do, in a
    dossier the coach works on (a case-team grant), so that the coach may read it."""
    besluit = _uitgevoerd_deelbesluit(t, ontvanger)
    als_systeem()
    Toegang.objects.create(
        verwerkingsverantwoordelijke_id=besluit.verwerkingsverantwoordelijke_id,
        organisatie=t.jeugdzorg,
        object_type="dossiers.dossier",
        object_id=besluit.dossier_id,
        bron=Bron.CASUSTEAM,
        ontvanger_gebruiker=t.jeugdwerker,
        lezen=True,
        reden="Toewijzing als casusteam",
        geldig_vanaf=today(),
    )
    return besluit


def fouten_in(pagina: str) -> str:
    """The error alerts of a page (the form's summary and the top alert)."""
    return " ".join(re.findall(r'role="alert"[^>]*>(.*?)</div>', pagina, re.S))


@pytest.fixture
def tafel(regio):
    return Tafel(regio)


# --- the list and the menu ----------------------------------------------------------------------------


def test_ct_06_my_case_tables_list_reference_table_and_phase_without_identification(tafel, regio, ui):
    """The list shows reference, table, phase and state of the user's cases only, never who it is about;
    each listed row is audited (AU-01)."""
    casus = tafel.in_overleg()
    r = ui(regio.medewerker).get("/casusoverleggen")
    assert r.status_code == 200
    assert "Casusoverleg" in nav(r.content.decode())
    pagina = inhoud(r)
    rij = re.search(rf"{casus.kenmerk}</a>.*?</tr>", pagina, re.S).group(0)
    assert "Lokale PGA Krimpen" in rij and "Overleg" in rij and "In overleg" in rij
    for persoonsgegeven in ("Tom", "Kramer", casus.pseudoniem, str(tafel.tom.uuid)):
        assert persoonsgegeven not in pagina
    assert casus.kenmerk in inhoud(ui(tafel.expert).get("/casusoverleggen"))  # a participant
    assert casus.kenmerk not in inhoud(ui(tafel.buitenstaander).get("/casusoverleggen"))
    als_systeem()
    regel = AuditRegel.objects.filter(actie="casusoverleg.lijst_ingezien").latest("id")
    assert regel.betrokkene  # the person, read by the selector past row security (AU-01)


def test_au_01_the_case_page_audits_its_participants_meetings_and_actions(tafel, regio, ui):
    casus = tafel.in_overleg()
    services.leg_bijeenkomst_vast(
        actor=regio.actor(regio.medewerker),
        uuid=casus.uuid,
        datum=today(),
        agenda=["Opening"],
        aanwezig=[],
        besluiten=[],
    )
    voor = aantal(AuditRegel, actie="casusoverleg.ingezien", object_uuid=str(casus.uuid))
    assert ui(tafel.agent).get(url(casus)).status_code == 200
    als_systeem()
    velden = [
        r.velden
        for r in AuditRegel.objects.filter(
            actie="casusoverleg.ingezien", object_uuid=str(casus.uuid)
        ).order_by("id")[voor:]
    ]
    assert ["deelnemers"] in velden and ["bijeenkomsten"] in velden


def test_a_registrant_who_does_not_direct_loses_the_case_once_it_is_accepted(tafel, regio, ui):
    casus = services.registreer(
        actor=regio.actor(regio.collega),
        overlegtype_uuid=tafel.type.uuid,
        persoon_uuid=tom(regio, regio.collega).uuid,
        vraag="Tom heeft drie politieregistraties en is gestopt met school.",
        procesregisseur_uuid=regio.medewerker.uuid,
    )
    aanmelder = ui(regio.collega)
    assert casus.kenmerk in inhoud(aanmelder.get("/casusoverleggen"))
    services.accepteer(
        actor=regio.actor(regio.medewerker),
        uuid=casus.uuid,
        criteria_toets=dict.fromkeys(tafel.type.criteria, True),
        client_geinformeerd=True,
    )
    assert casus.kenmerk not in inhoud(aanmelder.get("/casusoverleggen"))
    r = aanmelder.get(url(casus))
    assert r.status_code == 404 and NIET_GEVONDEN in tekst(r)
    assert casus.kenmerk in inhoud(ui(regio.medewerker).get("/casusoverleggen"))


def test_ac_06_the_beheerder_has_no_case_tables(regio, ui):
    client = ui(regio.beheerder)
    assert "Casusoverleg" not in nav(client.get("/overzicht").content.decode())
    r = client.get("/casusoverleggen")
    assert r.status_code == 404 and NIET_GEVONDEN in tekst(r)


# --- registering and intake (CT-02) -------------------------------------------------------------------


def test_ct_02_a_registration_is_accepted_after_the_criteria_check_and_informing(tafel, regio, ui):
    fatima = ui(regio.medewerker)
    r = fatima.get("/casusoverleggen/nieuw")
    assert r.status_code == 200
    assert "Lokale PGA Krimpen" in tekst(r) and persoon_label(tafel.tom) in tekst(r)
    keuze = {"overlegtype": str(tafel.type.uuid), "persoon": str(tafel.tom.uuid)}
    r = fatima.post("/casusoverleggen/nieuw", {**keuze, "vraag": "Tom"})
    assert r.status_code == 400 and "Omschrijf de vraag aan het overleg (CT-03)." in tekst(r)
    assert aantal(Casusoverleg) == 0
    vraag = "Tom heeft drie politieregistraties in twaalf maanden en is gestopt met school."
    r = fatima.post("/casusoverleggen/nieuw", {**keuze, "vraag": vraag})
    assert r.status_code == 302
    als_systeem()
    casus = Casusoverleg.objects.get()
    assert r["Location"] == url(casus) and casus.status == "aangemeld"
    pagina = inhoud(fatima.get(url(casus)))
    assert "Aanmelding accepteren" in pagina and "Tom Kramer" in pagina and vraag in pagina

    # every criterion needs a yes or no; nothing changes while one is open
    r = fatima.post(url(casus, "/accepteren"), {"criterium_0": "ja", "client_geinformeerd": "ja"})
    assert r.status_code == 400
    assert "Beantwoord elk criterium van het type met ja of nee (CT-02)." in fouten_in(tekst(r))
    assert vers(casus).status == "aangemeld"
    # the resident is informed, or the exception is recorded
    r = fatima.post(
        url(casus, "/accepteren"), {"criterium_0": "ja", "criterium_1": "nee", "client_geinformeerd": "nee"}
    )
    assert r.status_code == 400
    assert "Informeer de betrokkene, of leg concreet vast waarom niet (SPEC §8 Intake)." in tekst(r)
    assert vers(casus).status == "aangemeld"
    r = fatima.post(
        url(casus, "/accepteren"), {"criterium_0": "ja", "criterium_1": "nee", "client_geinformeerd": "ja"}
    )
    assert r.status_code == 302
    assert vers(casus).status == "geaccepteerd" and vers(casus).client_geinformeerd is True
    pagina = inhoud(fatima.get(url(casus)))
    assert "Twee of meer politieregistraties in 12 maanden: Ja" in pagina
    assert "Sociale of zorgproblemen: Nee" in pagina
    assert "De betrokkene is geïnformeerd over de aanmelding." in pagina


def test_ct_02_under_the_minimum_age_the_intake_is_refused(regio, ui):
    t = Tafel(regio, minimumleeftijd=18)
    casus = t.aanmelding()
    r = ui(regio.medewerker).post(
        url(casus, "/accepteren"), {"criterium_0": "ja", "criterium_1": "ja", "client_geinformeerd": "ja"}
    )
    assert r.status_code == 400 and "Jonger dan de minimumleeftijd van 18 jaar (CT-02)." in tekst(r)
    assert vers(casus).status == "aangemeld"


def test_ct_02_a_rejection_records_advice_for_the_registrant_who_cannot_accept(tafel, regio, ui):
    casus = services.registreer(
        actor=regio.actor(regio.medewerker),
        overlegtype_uuid=tafel.type.uuid,
        persoon_uuid=tafel.tom.uuid,
        vraag="Tom heeft drie politieregistraties en is gestopt met school.",
        procesregisseur_uuid=regio.collega.uuid,
    )
    aanmelder, regisseur = ui(regio.medewerker), ui(regio.collega)
    pagina = inhoud(aanmelder.get(url(casus)))
    assert "Aanmelding accepteren" not in pagina  # the registrant is not the director
    r = aanmelder.post(
        url(casus, "/accepteren"), {"criterium_0": "ja", "criterium_1": "ja", "client_geinformeerd": "ja"}
    )
    assert r.status_code == 400 and "Alleen de regisseur van het overleg doet dit (SPEC §8)." in tekst(r)
    assert vers(casus).status == "aangemeld"

    r = regisseur.post(url(casus, "/afwijzen"), {"advies": "Nee."})
    assert r.status_code == 400 and "Geef de aanmelder een advies bij de afwijzing (CT-02)." in tekst(r)
    assert vers(casus).status == "aangemeld"
    advies = "Meld Tom aan bij het jongerenwerk in de wijk."
    assert regisseur.post(url(casus, "/afwijzen"), {"advies": advies}).status_code == 302
    assert vers(casus).status == "afgewezen"
    pagina = inhoud(aanmelder.get(url(casus)))  # the registrant reads the advice
    assert "Afgewezen" in pagina and advies in pagina


def test_ct_02_early_signalling_is_weighed_without_a_name_first(regio, ui):
    t = Tafel(regio, soort="vroegsignalering")
    fatima = ui(regio.medewerker)
    r = fatima.post(
        "/casusoverleggen/nieuw",
        {"overlegtype": str(t.type.uuid), "vraag": "Signaal van school over verzuim en zorgen thuis."},
    )
    assert r.status_code == 302
    als_systeem()
    casus = Casusoverleg.objects.get()
    assert casus.persoon_id is None
    pagina = inhoud(fatima.get(url(casus)))
    assert "Nog niet genoemd" in pagina and "Signaal wegen zonder naam (CT-02)" in pagina
    assert "Aanmelding accepteren" not in pagina
    criteria = {"criterium_0": "ja", "criterium_1": "ja", "client_geinformeerd": "ja"}
    r = fatima.post(url(casus, "/accepteren"), criteria)
    assert r.status_code == 400 and "Vroegsignalering: eerst anoniem wegen (CT-02)." in tekst(r)

    r = fatima.post(url(casus, "/wegen"), {"agenderen": "ja", "advies": "Kort"})
    assert r.status_code == 400 and "Geef een advies bij de weging (CT-02)." in tekst(r)
    r = fatima.post(url(casus, "/wegen"), {"agenderen": "ja", "advies": "Op de agenda: zorgen over thuis."})
    assert r.status_code == 302
    pagina = leesbaar(fatima.get(url(casus)))
    assert "Weging zonder naam (CT-02): op de agenda" in pagina and "Persoon noemen" in pagina
    assert fatima.post(url(casus, "/persoon"), {"persoon": str(t.tom.uuid)}).status_code == 302
    assert fatima.post(url(casus, "/accepteren"), criteria).status_code == 302
    assert vers(casus).status == "geaccepteerd" and vers(casus).persoon_id == t.tom.pk


# --- participants (CT-04, CT-05, CT-06, CT-07) ----------------------------------------------------------


def test_the_step_buttons_are_only_the_plain_transitions_the_others_have_their_own_form(tafel, regio, ui):
    assert set(forms_casus.FASE_KNOPPEN) == services.EENVOUDIGE_OVERGANGEN
    casus = tafel.aanmelding()
    fatima = ui(regio.medewerker)
    for naar in ("geaccepteerd", "afgewezen", "plan_vastgesteld", "gesloten"):
        r = fatima.post(url(casus, "/fase"), {"naar": naar})
        assert r.status_code == 400 and "Kies een van de stappen." in tekst(r)
    assert vers(casus).status == "aangemeld"
    pagina = inhoud(fatima.get(url(casus)))
    for waarde in re.findall(r'name="naar" value="(\w+)"', pagina):
        assert waarde in services.EENVOUDIGE_OVERGANGEN


def test_ct_04_ct_06_an_invitation_records_role_and_reason(tafel, regio, ui):
    casus = tafel.geaccepteerd()
    fatima = ui(regio.medewerker)
    assert fatima.post(url(casus, "/fase"), {"naar": "triage"}).status_code == 302
    assert vers(casus).status == "triage"
    uitnodiging = {
        "organisatie": str(tafel.politie.uuid),
        "gebruiker": str(tafel.agent.uuid),
        "rol": "eigen_taak",
    }
    r = fatima.post(url(casus, "/deelnemers/nieuw"), uitnodiging)
    assert r.status_code == 400 and "Leg vast waarom deze partij nodig is (CT-04)." in tekst(r)
    r = fatima.post(
        url(casus, "/deelnemers/nieuw"),
        {
            "organisatie": str(tafel.leerplicht.uuid),
            "gebruiker": str(tafel.leerplichtambtenaar.uuid),
            "rol": "informant",
            "reden": "Leerplicht weet of Tom nog staat ingeschreven.",
        },
    )
    assert r.status_code == 400 and "Een informant krijgt de vraag die hem gesteld wordt." in tekst(r)
    assert aantal(Deelnemer) == 0
    reden = "De politie heeft de registraties en een eigen taak in de aanpak."
    assert fatima.post(url(casus, "/deelnemers/nieuw"), {**uitnodiging, "reden": reden}).status_code == 302
    r = fatima.post(url(casus, "/deelnemers/nieuw"), {**uitnodiging, "reden": reden})  # CT-04: once
    assert r.status_code == 400 and "Deze deelnemer is al uitgenodigd." in tekst(r)
    assert aantal(Deelnemer) == 1
    als_systeem()
    d = Deelnemer.objects.get()
    assert (d.rol, d.gebruiker_id, selectors.deelnemer_inhoud(d)["reden"]) == (
        "eigen_taak",
        tafel.agent.pk,
        reden,
    )
    rij = re.search(r"<td[^>]*>Politie Krimpen</td>.*?</tr>", inhoud(fatima.get(url(casus))), re.S).group(0)
    assert "Wijkagent Smit" in rij and "Eigen taak" in rij and reden in rij
    pagina = inhoud(ui(tafel.agent).get(url(casus)))
    assert "Waarom u bent uitgenodigd" in pagina and reden in pagina


def test_ct_05_triage_asks_only_whether_the_party_knows_the_person_and_a_contact(tafel, regio, ui):
    casus = tafel.geaccepteerd()
    services.ga_naar(actor=regio.actor(regio.medewerker), uuid=casus.uuid, naar="triage")
    d = tafel.nodig_uit(casus, tafel.politie, tafel.agent, "eigen_taak")
    agent = ui(tafel.agent)
    pagina = tekst(agent.get(url(casus)))
    formulier = re.search(r'<form[^>]*action="[^"]*/triage".*?</form>', pagina, re.S).group(0)
    velden = set(re.findall(r'name="(\w+)"', formulier)) - {"csrfmiddlewaretoken"}
    assert velden == {"bekend", "contact_naam", "contact_email", "contact_telefoon"}
    r = agent.post(url(casus, "/triage"), {"bekend": "ja"})
    assert r.status_code == 400 and "Noem de contactpersoon als u betrokken bent." in tekst(r)
    assert vers(d).bekend is None
    r = agent.post(
        url(casus, "/triage"),
        {
            "bekend": "ja",
            "contact_naam": "Wijkagent Smit",
            "contact_telefoon": "0612345678",
            "diagnose": "ADHD",
        },
    )
    assert r.status_code == 302
    d = vers(d)
    inh = selectors.deelnemer_inhoud(d)
    assert d.bekend is True and "ADHD" not in str(inh)
    assert inh["contact"] == {"naam": "Wijkagent Smit", "email": "", "telefoon": "0612345678"}
    assert "Kent de persoon. Contact: Wijkagent Smit, 0612345678" in inhoud(
        ui(regio.medewerker).get(url(casus))
    )


def test_ct_07_ct_13_the_conference_starts_only_once_client_involvement_is_recorded(tafel, regio, ui):
    casus = tafel.geaccepteerd()
    fatima_actor = regio.actor(regio.medewerker)
    services.ga_naar(actor=fatima_actor, uuid=casus.uuid, naar="triage")
    d = tafel.nodig_uit(casus, tafel.jeugdzorg, tafel.jeugdwerker, "eigen_taak")
    services.ga_naar(actor=fatima_actor, uuid=casus.uuid, naar="geagendeerd")
    fatima = ui(regio.medewerker)
    r = fatima.post(url(casus, "/fase"), {"naar": "in_overleg"})
    assert r.status_code == 400
    assert "Leg vast hoe de cliënt betrokken wordt, of waarom niet (CT-07)." in fouten_in(tekst(r))
    assert vers(casus).status == "geagendeerd"
    r = fatima.post(url(casus, "/client"), {"wijze": "Tom komt erbij.", "reden_niet": "Veiligheid."})
    assert (
        r.status_code == 400 and "Leg vast hoe de cliënt betrokken wordt, of waarom niet (CT-07)." in tekst(r)
    )
    r = fatima.post(
        url(casus, "/client"),
        {
            "wijze": "Tom komt bij het tweede deel van het overleg.",
            "informeert_client": str(d.uuid),
            "deelbaar_met_client": "Het plan en de afspraken.",
        },
    )
    assert r.status_code == 302
    data = selectors.inhoud(vers(casus))
    assert data["client_betrokkenheid"]["wijze"] == "Tom komt bij het tweede deel van het overleg."
    assert (
        vers(casus).informeert_client_id == d.pk
        and data["deelbaar_met_client"] == "Het plan en de afspraken."
    )
    pagina = inhoud(fatima.get(url(casus)))
    assert "Jeugdzorg Krimpen, Coach Yilmaz (eigen taak)" in re.search(
        r"Wie informeert de cliënt \(CT-13\).*?</dd>", pagina, re.S
    ).group(0)
    assert fatima.post(url(casus, "/fase"), {"naar": "in_overleg"}).status_code == 302
    assert vers(casus).status == "in_overleg"


# --- what each role sees (CT-06) ------------------------------------------------------------------------


def test_ct_06_advisor_sees_pseudonym(tafel, regio, ui):
    casus = tafel.in_overleg()
    politie_bijdrage(tafel, casus)
    pagina = inhoud(ui(tafel.expert).get(url(casus)))
    assert casus.pseudoniem in pagina and "u ziet de casus zonder naam" in pagina
    for geheim in ("Tom Kramer", "Kramer", "Aangemeld door", str(tafel.tom.uuid)):
        assert geheim not in pagina
    assert POLITIE_TEKST in pagina  # the conference's contributions, without the name
    assert "Tom Kramer" in inhoud(ui(tafel.agent).get(url(casus)))  # OWN_TASK sees the case


def test_ct_06_informant_sees_only_the_identification_and_its_question(tafel, regio, ui):
    casus = tafel.in_overleg()
    politie_bijdrage(tafel, casus)
    pagina = inhoud(ui(tafel.leerplichtambtenaar).get(url(casus)))
    assert "Tom Kramer" in pagina and "Staat Tom nog ingeschreven?" in pagina
    for niet in (
        "drie politieregistraties",  # the case's own question
        POLITIE_TEKST,
        "Deelnemers",
        "Politie Krimpen",
        "Verslavingszorg",
        "Fatima El Amrani",
        "Bijeenkomsten",
        ">De cliënt</h2>",
    ):
        assert niet not in pagina
    # its answer is a contribution of its own (in the conference); it still sees no one else's
    antwoord = "Tom staat sinds maart niet meer ingeschreven op een school."
    r = ui(tafel.leerplichtambtenaar).post(
        url(casus, "/bijdragen/nieuw"),
        {
            "inhoud": antwoord,
            "soort": "feit",
            "bron": "registratie",
            "bijzonder": "nee",
            "grond": "g4_wettelijke_bevoegdheid",
        },
    )
    assert r.status_code == 302
    pagina = leesbaar(ui(tafel.leerplichtambtenaar).get(url(casus)))
    assert "Uw antwoord" in pagina and antwoord in pagina and POLITIE_TEKST not in pagina
    assert antwoord in leesbaar(ui(regio.medewerker).get(url(casus)))


# --- contributions (CT-08, CT-09, CT-10, CT-03) ---------------------------------------------------------


def test_ct_08_police_contribute_under_the_wpg_never_on_consent(tafel, regio, ui):
    casus = tafel.in_overleg()
    agent = ui(tafel.agent)
    bijdrage = {"inhoud": POLITIE_TEKST, "soort": "feit", "bron": "registratie", "bijzonder": "nee"}
    r = agent.post(url(casus, "/bijdragen/nieuw"), {**bijdrage, "grond": "toestemming"})
    assert r.status_code == 400
    assert "Politie en OM brengen in op hun eigen wettelijke grond, nooit op toestemming (CT-08)." in tekst(r)
    assert POLITIE_TEKST in tekst(r)  # the typed text is kept
    assert aantal(Bijdrage) == 0
    assert agent.post(url(casus, "/bijdragen/nieuw"), {**bijdrage, "grond": "wpg_art20"}).status_code == 302
    als_systeem()
    b = Bijdrage.objects.get()
    assert (b.grond, b.fase, b.organisatie_id) == ("wpg_art20", "overleg", tafel.politie.pk)
    artikel = re.search(r"<article.*?</article>", inhoud(ui(tafel.expert).get(url(casus))), re.S).group(0)
    assert "Feit – Politie Krimpen" in artikel and "Wet politiegegevens, artikel 20 (politie)" in artikel


def test_ct_08_ct_09_youth_care_contributes_with_consent_from_its_own_registry(tafel, regio, ui):
    casus = tafel.in_overleg()
    toestemming = tafel.toestemming_tom()
    coach = ui(tafel.jeugdwerker)
    pagina = tekst(coach.get(url(casus)))
    assert f'value="{toestemming.uuid}"' in pagina  # a consent of its own registry to choose
    assert f'value="{toestemming.uuid}"' not in tekst(ui(tafel.agent).get(url(casus)))  # not another's
    bijdrage = {
        "inhoud": ZORG_TEKST,
        "soort": "feit",
        "bron": "eigen_waarneming",
        "bijzonder": "ja",
        "grond": "toestemming",
        "toestemming": str(toestemming.uuid),
        "gegevenscategorieen": "gezondheid",
    }
    r = coach.post(url(casus, "/bijdragen/nieuw"), bijdrage)
    assert r.status_code == 400 and "Leg vast waarom uw eigen taak dit vraagt (CT-09)." in tekst(r)
    r = coach.post(url(casus, "/bijdragen/nieuw"), {**bijdrage, "toestemming": ""})
    assert r.status_code == 400 and "Er is geen geldige toestemming voor dit overleg (CT-08)." in tekst(r)
    assert aantal(Bijdrage) == 0
    noodzaak = "Zodat het plan aansluit op de lopende behandeling."
    assert coach.post(url(casus, "/bijdragen/nieuw"), {**bijdrage, "noodzaak": noodzaak}).status_code == 302
    als_systeem()
    b = Bijdrage.objects.get()
    assert b.toestemming_id == toestemming.pk and b.bijzonder and b.grond == "toestemming"
    eigen = inhoud(coach.get(url(casus)))
    assert "De toestemming uit uw register is vastgelegd bij deze bijdrage." in eigen
    ander = inhoud(ui(tafel.agent).get(url(casus)))  # others see the ground, not the registry record
    assert "Grond: Toestemming van de cliënt" in ander and "Bijzonder persoonsgegeven" in ander
    assert noodzaak in ander and "uit uw register" not in ander


def test_ct_10_a_contributor_restricts_and_withdraws_its_own_contribution(tafel, regio, ui):
    casus = tafel.in_overleg()
    b = politie_bijdrage(tafel, casus)
    agent, coach, expert = ui(tafel.agent), ui(tafel.jeugdwerker), ui(tafel.expert)
    # only the contributor: another participant is refused and nothing changes
    assert "Bijdrage intrekken" not in inhoud(coach.get(url(casus)))
    r = coach.post(url(casus, f"/bijdragen/{b.uuid}/intrekken"))
    assert r.status_code == 400
    assert "Alleen de inbrenger trekt in of beperkt, tot de toedeling (CT-10)." in fouten_in(tekst(r))
    assert vers(b).status == "actief"
    r = agent.post(url(casus, f"/bijdragen/{b.uuid}/beperken"), {"beperk_tot": [str(tafel.d_jeugdzorg.uuid)]})
    assert r.status_code == 302 and vers(b).status == "beperkt"
    assert POLITIE_TEKST in inhoud(coach.get(url(casus)))
    assert POLITIE_TEKST not in inhoud(expert.get(url(casus)))
    assert "Alleen zichtbaar voor: Jeugdzorg Krimpen, Coach Yilmaz (eigen taak)" in inhoud(
        agent.get(url(casus))
    )
    assert agent.post(url(casus, f"/bijdragen/{b.uuid}/intrekken")).status_code == 302
    assert vers(b).status == "ingetrokken"
    assert POLITIE_TEKST not in inhoud(coach.get(url(casus)))
    eigen = inhoud(agent.get(url(casus)))
    assert POLITIE_TEKST in eigen and "Ingetrokken" in eigen and "Bijdrage intrekken" not in eigen


def test_ct_03_an_earlier_phase_contribution_shows_once_the_procesregisseur_confirms_it(tafel, regio, ui):
    fatima_actor = regio.actor(regio.medewerker)
    casus = tafel.geaccepteerd()
    services.ga_naar(actor=fatima_actor, uuid=casus.uuid, naar="triage")
    tafel.nodig_uit(casus, tafel.politie, tafel.agent, "eigen_taak")
    tafel.nodig_uit(casus, tafel.jeugdzorg, tafel.jeugdwerker, "eigen_taak")
    fatima, agent, coach = ui(regio.medewerker), ui(tafel.agent), ui(tafel.jeugdwerker)
    tekst_ = "Tom is bekend bij het wijkteam sinds vorig jaar."
    r = fatima.post(
        url(casus, "/bijdragen/nieuw"),
        {
            "inhoud": tekst_,
            "soort": "feit",
            "bron": "eigen_waarneming",
            "bijzonder": "nee",
            "grond": "g4_wettelijke_bevoegdheid",
        },
    )
    assert r.status_code == 302
    assert tekst_ in inhoud(agent.get(url(casus)))  # its own phase: triage
    services.ga_naar(actor=fatima_actor, uuid=casus.uuid, naar="geagendeerd")
    services.wijzig(
        actor=fatima_actor, uuid=casus.uuid, data={"clientBetrokkenheid": {"wijze": "Tom komt erbij."}}
    )
    services.ga_naar(actor=fatima_actor, uuid=casus.uuid, naar="in_overleg")
    politie = politie_bijdrage(tafel, casus)  # another organisation's item, in the conference
    assert POLITIE_TEKST in inhoud(coach.get(url(casus)))
    services.wijzig(  # a changed question: the police item, too, needs re-confirming
        actor=fatima_actor,
        uuid=casus.uuid,
        data={"vraag": "Tom is ook betrokken bij een jeugdgroep; wat nu?"},
    )
    # CT-03: hidden from the other participants in the next phase and after a changed purpose
    assert tekst_ not in inhoud(agent.get(url(casus)))
    assert POLITIE_TEKST not in inhoud(coach.get(url(casus)))
    # the procesregisseur sees both, marked, with the confirm button
    pagina = inhoud(fatima.get(url(casus)))
    artikel = re.search(rf"<article[^>]*>(?:(?!</article>).)*{POLITIE_TEKST}.*?</article>", pagina, re.S)
    artikel_tekst = " ".join(re.sub(r"<[^>]+>", " ", artikel.group(0)).split())
    assert "Feit – Politie Krimpen" in artikel_tekst
    assert "Nog niet bevestigd voor deze fase — anderen zien dit niet" in artikel_tekst
    assert "Bevestigen voor deze fase" in artikel_tekst
    assert tekst_ in pagina and pagina.count("Bevestigen voor deze fase") == 2
    # the contributor sees its own item, marked, without the button
    eigen = leesbaar(agent.get(url(casus)))
    assert POLITIE_TEKST in eigen and "Nog niet bevestigd voor deze fase — anderen zien dit niet" in eigen
    assert "Bevestigen voor deze fase" not in eigen
    r = agent.post(url(casus, f"/bijdragen/{politie.uuid}/bevestigen"))  # only the procesregisseur
    assert r.status_code in (400, 404) and vers(politie).bevestigd_voor in ("", None)

    assert fatima.post(url(casus, f"/bijdragen/{politie.uuid}/bevestigen")).status_code == 302
    assert vers(politie).bevestigd_voor == "overleg:2"
    assert POLITIE_TEKST in inhoud(coach.get(url(casus)))  # now a participant sees it
    assert tekst_ not in inhoud(coach.get(url(casus)))  # the other is still unconfirmed
    als_systeem()
    eigen_b = Bijdrage.objects.get(organisatie=regio.wijkteam)
    assert fatima.post(url(casus, f"/bijdragen/{eigen_b.uuid}/bevestigen")).status_code == 302
    assert tekst_ in inhoud(agent.get(url(casus)))
    pagina = leesbaar(fatima.get(url(casus)))
    assert "Bevestigen voor deze fase" not in pagina and "Nog niet bevestigd" not in pagina


# --- allocation and the plan (CT-12, CT-13, SH-16) --------------------------------------------------------


def test_ct_12_an_allocation_needs_each_contributors_approval_then_only_allocated_items_show(
    tafel, regio, ui
):
    casus = tafel.in_overleg()
    politie, zorg = politie_bijdrage(tafel, casus), zorg_bijdrage(tafel, casus)
    fatima, agent, coach, expert = (
        ui(regio.medewerker),
        ui(tafel.agent),
        ui(tafel.jeugdwerker),
        ui(tafel.expert),
    )
    r = fatima.post(
        url(casus, "/toedelingen/nieuw"),
        {"deelnemer": str(tafel.d_expert.uuid), "bijdragen": [str(politie.uuid)]},
    )
    assert r.status_code == 400
    assert "Alleen een deelnemer met een eigen taak krijgt gegevens toegedeeld." in tekst(r)
    assert aantal(Toedeling) == 0
    r = fatima.post(
        url(casus, "/toedelingen/nieuw"),
        {"deelnemer": str(tafel.d_jeugdzorg.uuid), "bijdragen": [str(politie.uuid)]},
    )
    assert r.status_code == 302
    als_systeem()
    toedeling = Toedeling.objects.get()
    assert toedeling.verstrekt_op is None

    # only the contributor approves the reuse of its item (CT-10)
    pagina = inhoud(coach.get(url(casus)))
    assert "Toedeling aan Jeugdzorg Krimpen" in pagina and "Hergebruik goedkeuren" not in pagina
    r = coach.post(url(casus, f"/toedelingen/{toedeling.uuid}/goedkeuren"))
    assert r.status_code == 400 and "Alleen de inbrenger keurt het hergebruik goed (CT-10)." in tekst(r)
    # the plan needs every approval, and who informs the client with what may be shared (CT-13)
    r = fatima.post(url(casus, "/plan"), {"plan": "Begeleiding naar school en werk."})
    assert r.status_code == 400
    fouten = fouten_in(tekst(r))
    assert "1 bijdrage(n) wachten op goedkeuring van de inbrenger (CT-12)." in fouten
    assert "Leg vast wie de cliënt informeert (CT-13)." in fouten
    assert vers(casus).status == "in_overleg"
    informeren(tafel, casus)

    pagina = inhoud(agent.get(url(casus)))
    assert (
        "Hergebruik goedkeuren" in pagina and "wacht op goedkeuring van de inbrenger (uw bijdrage)" in pagina
    )
    assert agent.post(url(casus, f"/toedelingen/{toedeling.uuid}/goedkeuren")).status_code == 302
    assert vers(toedeling).verstrekt_op == today()
    als_systeem()
    entry = Verstrekking.objects.get(herkomst=f"toedeling:{toedeling.uuid}")  # SH-16
    assert (entry.organisatie_id, entry.ontvanger_organisatie_id, entry.grond) == (
        tafel.politie.pk,
        tafel.jeugdzorg.pk,
        "wpg_art20",
    )
    assert fatima.post(url(casus, "/plan"), {"plan": "Begeleiding naar school en werk."}).status_code == 302
    assert vers(casus).status == "plan_vastgesteld"
    assert "Veiligheidsplan" not in inhoud(fatima.get(url(casus)))  # not a safety table (CT-14)

    # afterwards each participant sees only what was allocated to it, and its own
    pagina = inhoud(coach.get(url(casus)))
    assert POLITIE_TEKST in pagina and ZORG_TEKST in pagina and "Begeleiding naar school en werk." in pagina
    pagina = inhoud(agent.get(url(casus)))
    assert POLITIE_TEKST in pagina and ZORG_TEKST not in pagina
    pagina = inhoud(expert.get(url(casus)))
    assert POLITIE_TEKST not in pagina and ZORG_TEKST not in pagina
    assert zorg.uuid  # youth care's own item stayed its own


# --- confidentiality (CT-11) ----------------------------------------------------------------------------


def test_ct_11_no_export_download_or_print_and_no_copy_in_a_cache(tafel, regio, ui):
    casus = tafel.in_overleg()
    politie_bijdrage(tafel, casus)
    expert, fatima = ui(tafel.expert), ui(regio.medewerker)
    antwoorden = [
        expert.get(url(casus)),
        fatima.get(url(casus)),
        fatima.get("/casusoverleggen"),
        fatima.get("/casusoverleggen/nieuw"),
        fatima.post(url(casus, "/plan"), {"plan": ""}),  # a refusal shows the page too
    ]
    for r in antwoorden:
        assert r.status_code in (200, 400)
        cache = {w.strip() for w in r["Cache-Control"].split(",")}
        assert {"no-store", "no-cache", "private"} <= cache, r["Cache-Control"]
        assert r.has_header("Expires")
        pagina = tekst(r)
        for a in re.findall(r"<a\b[^>]*>.*?</a>", pagina, re.S):
            assert not re.search(r"export|download|csv|pdf|print|afdruk", a, re.I), a
        for knop in re.findall(r"<button\b[^>]*>.*?</button>", pagina, re.S):
            assert not re.search(r"export|download|print|afdruk", knop, re.I), knop
        assert not re.search(r"\bdownload\b\s*=|window\.print|\.csv|\.pdf", pagina)

    # the print stylesheet leaves the contributions out; every contribution is inside that section
    pagina = tekst(antwoorden[0])
    assert re.search(r'<link rel="stylesheet" href="/static/ui/casus\.css">', pagina)
    with open(finders.find("ui/casus.css"), encoding="utf-8") as bestand:
        css = bestand.read()
    printblok = re.search(r"@media print\s*{(.*)}", css, re.S).group(1)
    assert re.search(r"\.zv-bijdragen[^{]*{\s*display:\s*none", printblok)
    sectie = re.search(r'<section[^>]*class="zv-bijdragen".*?</section>', pagina, re.S).group(0)
    assert POLITIE_TEKST in sectie and POLITIE_TEKST not in pagina.replace(sectie, "")


# --- the safety plan (CT-14) ----------------------------------------------------------------------------


def test_ct_14_a_safety_table_shares_facts_and_keeps_a_joint_safety_plan(regio, ui):
    t = Tafel(regio, soort="kinderbeschermingstafel")
    casus = t.in_overleg()
    agent = ui(t.agent)
    r = agent.post(
        url(casus, "/bijdragen/nieuw"),
        {"inhoud": "Ik denk dat het thuis onveilig is.", "soort": "mening", "bron": "eigen_waarneming"}
        | {"bijzonder": "nee", "grond": "wpg_art20"},
    )
    assert r.status_code == 400
    assert "In een veiligheidszaak alleen concrete feiten en gebeurtenissen (CT-14)." in tekst(r)
    assert aantal(Bijdrage) == 0
    assert "Er zijn nog geen afspraken." in inhoud(agent.get(url(casus)))
    r = agent.post(url(casus, "/veiligheidsplan"), {"wie_0": "Politie", "wat_0": "", "wanneer_0": ""})
    assert r.status_code == 400 and "Wie doet wat wanneer (CT-14)." in tekst(r)
    assert selectors.inhoud(vers(casus)).get("veiligheidsplan") is None
    r = agent.post(
        url(casus, "/veiligheidsplan"),
        {"wie_0": "Politie", "wat_0": "Rijdt extra langs het huis", "wanneer_0": "Elke avond"},
    )
    assert r.status_code == 302
    plan = selectors.inhoud(vers(casus))["veiligheidsplan"]
    assert plan["afspraken"] == [
        {"wie": "Politie", "wat": "Rijdt extra langs het huis", "wanneer": "Elke avond"}
    ]
    pagina = inhoud(ui(t.jeugdwerker).get(url(casus)))  # kept jointly: every OWN_TASK party sees it
    assert "Rijdt extra langs het huis" in pagina and "door Politie Krimpen" in pagina
    assert "Veiligheidsplan bijstellen" in pagina
    assert "Veiligheidsplan" not in inhoud(ui(t.expert).get(url(casus)))  # an advisor keeps no plan


# --- meetings and actions ----------------------------------------------------------------------------------


def test_meetings_record_attendance_and_decisions_and_an_owner_marks_its_action_done(tafel, regio, ui):
    casus = tafel.in_overleg()
    fatima, coach, agent = ui(regio.medewerker), ui(tafel.jeugdwerker), ui(tafel.agent)
    r = fatima.post(url(casus, "/bijeenkomsten/nieuw"), {"agenda": "Opening"})
    assert r.status_code == 400 and "Vul de datum van de bijeenkomst in." in tekst(r)
    r = fatima.post(
        url(casus, "/bijeenkomsten/nieuw"),
        {
            "datum": today().isoformat(),
            "agenda": "Opening\nStand van zaken school",
            "aanwezig": [str(tafel.d_politie.uuid), str(tafel.d_jeugdzorg.uuid)],
            "besluiten": "Jeugdzorg zoekt contact met school.",
        },
    )
    assert r.status_code == 302
    als_systeem()
    bijeenkomst = Bijeenkomst.objects.get()
    assert sorted(bijeenkomst.aanwezig) == sorted([str(tafel.d_politie.uuid), str(tafel.d_jeugdzorg.uuid)])
    actie = {"omschrijving": "Contact opnemen met de school.", "deelnemer": str(tafel.d_jeugdzorg.uuid)}
    r = fatima.post(
        url(casus, "/actiepunten/nieuw"), {**actie, "deadline": (today() - dt.timedelta(days=1)).isoformat()}
    )
    assert r.status_code == 400 and "De deadline ligt niet in het verleden." in tekst(r)
    deadline = today() + dt.timedelta(days=7)
    r = fatima.post(
        url(casus, "/actiepunten/nieuw"),
        {**actie, "deadline": deadline.isoformat(), "bijeenkomst": str(bijeenkomst.uuid)},
    )
    assert r.status_code == 302
    als_systeem()
    a = Actiepunt.objects.get()
    assert (a.eigenaar_gebruiker_id, a.deadline, a.bijeenkomst_id) == (
        tafel.jeugdwerker.pk,
        deadline,
        bijeenkomst.pk,
    )

    pagina = inhoud(agent.get(url(casus)))
    assert "Stand van zaken school" in pagina and "Jeugdzorg zoekt contact met school." in pagina
    assert "Contact opnemen met de school." in pagina and "Gereed melden" not in pagina
    r = agent.post(url(casus, f"/actiepunten/{a.uuid}/gereed"))  # not its action
    assert r.status_code == 400 and "Alleen de regisseur van het overleg doet dit (SPEC §8)." in tekst(r)
    assert vers(a).gereed_op is None
    assert "Gereed melden" in inhoud(coach.get(url(casus)))
    assert coach.post(url(casus, f"/actiepunten/{a.uuid}/gereed")).status_code == 302
    assert vers(a).gereed_op == today()


def test_an_informant_sees_its_own_actions_only_and_marks_them_done(tafel, regio, ui):
    casus = tafel.in_overleg()
    fatima = regio.actor(regio.medewerker)
    eigen = services.maak_actiepunt(
        actor=fatima,
        uuid=casus.uuid,
        omschrijving="Inschrijving nagaan bij de school.",
        deadline=today() + dt.timedelta(days=5),
        deelnemer_uuid=tafel.d_leerplicht.uuid,
    )
    services.maak_actiepunt(
        actor=fatima,
        uuid=casus.uuid,
        omschrijving="Gesprek met Tom over de behandeling.",
        deadline=today() + dt.timedelta(days=5),
        deelnemer_uuid=tafel.d_jeugdzorg.uuid,
    )
    leerplicht = ui(tafel.leerplichtambtenaar)
    pagina = leesbaar(leerplicht.get(url(casus)))
    assert "Uw actiepunten" in pagina and "Inschrijving nagaan bij de school." in pagina
    assert "Gesprek met Tom" not in pagina and "Bijeenkomsten" not in pagina
    assert "Gereed melden" in pagina
    assert leerplicht.post(url(casus, f"/actiepunten/{eigen.uuid}/gereed")).status_code == 302
    assert vers(eigen).gereed_op == today()
    assert f"Gereed op {today().day}" in leesbaar(leerplicht.get(url(casus)))


# --- closing (CT-15, RT-08) ---------------------------------------------------------------------------------


def overdragen_actie(pagina: str, bijdrage) -> str:
    """The action of the transfer form on one contribution's card."""
    artikel = re.search(
        rf'<article[^>]*aria-labelledby="bijdrage-{bijdrage.uuid}".*?</article>', pagina, re.S
    )
    return re.search(r'<form[^>]*action="([^"]+/overdragen)"', artikel.group(0)).group(1)


def test_ct_15_the_contributor_links_its_decision_and_the_director_transfers_the_item(tafel, regio, ui):
    casus = tafel.in_overleg()
    politie, zorg = plan_vastgesteld(tafel, casus)
    naar_wijkteam = eigen_deelbesluit(tafel, regio.wijkteam)  # youth care's own executed decision
    als_systeem()
    naar_school = Deelbesluit.objects.get(pk=naar_wijkteam.pk)
    naar_school.pk, naar_school.uuid, naar_school.ontvanger_organisatie = None, uuid_.uuid4(), regio.school
    naar_school.save()
    fatima, coach, agent = ui(regio.medewerker), ui(tafel.jeugdwerker), ui(tafel.agent)
    overdragen = url(casus, f"/bijdragen/{zorg.uuid}/overdragen")
    koppel = {"deelbesluit": str(naar_wijkteam.uuid)}

    # only during afschaling
    assert "Overdragen met deelbesluit" not in inhoud(coach.get(url(casus)))
    r = coach.post(overdragen, koppel)
    assert r.status_code == 400 and "Overdragen gebeurt tijdens de afschaling" in tekst(r)
    assert vers(zorg).overdracht_deelbesluit_id is None
    assert fatima.post(url(casus, "/fase"), {"naar": "monitoring"}).status_code == 302
    assert fatima.post(url(casus, "/fase"), {"naar": "afschaling"}).status_code == 302

    # nothing linked yet: the close form offers no contribution to transfer
    pagina = tekst(fatima.get(url(casus)))
    formulier = re.search(r'<form[^>]*action="[^"]*/afsluiten".*?</form>', pagina, re.S).group(0)
    assert 'name="overdracht"' not in formulier and 'name="overdracht_0"' not in formulier
    assert "Nog geen inbrenger heeft een deelbesluit gekoppeld." in pagina
    assert "Overdragen met deelbesluit" not in inhoud(fatima.get(url(casus)))  # not the director's items

    # youth care chooses among its own executed decisions
    pagina = tekst(coach.get(url(casus)))
    assert "Overdragen met deelbesluit" in pagina
    assert f'value="{naar_wijkteam.uuid}"' in pagina and "Aan Wijkteam Krimpen: " in pagina
    actie = overdragen_actie(pagina, zorg)
    # the police hold no such decision, and cannot hand over youth care's item
    pagina = leesbaar(agent.get(url(casus)))
    assert "Uw organisatie heeft geen uitgevoerd deelbesluit" in pagina
    r = agent.post(overdragen, koppel)
    assert r.status_code == 400 and vers(zorg).overdracht_deelbesluit_id is None
    r = coach.post(actie, {"deelbesluit": ""})
    assert r.status_code == 400 and "Kies een uitgevoerd deelbesluit van uw organisatie (CT-15)." in tekst(r)

    # linked to a decision towards another party than the one taking over: closing is refused
    assert coach.post(actie, {**koppel, "deelbesluit": str(naar_school.uuid)}).status_code == 302
    assert vers(zorg).overdracht_deelbesluit_id == naar_school.pk
    partij = {"overnemende_partij": str(regio.wijkteam.uuid)}
    r = fatima.post(url(casus, "/afsluiten"), {**partij, "overdracht": [str(zorg.uuid)]})
    assert r.status_code == 400
    assert "Het deelbesluit is van de inbrenger, gericht aan de overnemende partij (CT-10, CT-15)." in tekst(
        r
    )
    assert vers(casus).status == "afschaling"

    assert coach.post(actie, koppel).status_code == 302
    assert vers(zorg).overdracht_deelbesluit_id == naar_wijkteam.pk
    pagina = leesbaar(coach.get(url(casus)))
    assert "Over te dragen met uw deelbesluit: Aan Wijkteam Krimpen" in pagina

    # the director: the linked contribution as a checkbox, nothing typed
    pagina = tekst(fatima.get(url(casus)))
    formulier = re.search(r'<form[^>]*action="[^"]*/afsluiten".*?</form>', pagina, re.S).group(0)
    assert f'name="overdracht" value="{zorg.uuid}"' in formulier
    assert f'value="{politie.uuid}"' not in formulier  # not linked by the police
    assert f"Feit van Jeugdzorg Krimpen: {ZORG_TEKST[:20]}" in formulier
    assert 'type="text"' not in formulier
    r = fatima.post(url(casus, "/afsluiten"), {"overdracht": [str(zorg.uuid)]})
    assert r.status_code == 400 and "Noem de partij die overneemt (CT-15)." in tekst(r)
    r = fatima.post(url(casus, "/afsluiten"), {**partij, "overdracht": [str(politie.uuid)]})
    assert r.status_code == 400 and "Kies alleen uit de genoemde mogelijkheden." in tekst(r)
    assert vers(casus).status == "afschaling"

    assert (
        fatima.post(url(casus, "/afsluiten"), {**partij, "overdracht": [str(zorg.uuid)]}).status_code == 302
    )
    casus = vers(casus)
    assert casus.status == "gesloten" and casus.overnemende_partij_id == regio.wijkteam.pk
    assert casus.vernietigen_op is not None
    assert not vers(zorg).gearchiveerd and vers(politie).gearchiveerd  # transferred; the rest archived
    pagina = inhoud(fatima.get(url(casus)))
    assert "Gesloten op" in pagina and "Wijkteam Krimpen neemt over." in pagina and POLITIE_TEKST in pagina
    # RT-08: the participants' places at the table ended
    for g in (tafel.agent, tafel.jeugdwerker, tafel.expert):
        r = ui(g).get(url(casus))
        assert r.status_code == 404 and NIET_GEVONDEN in tekst(r)


# --- not visible, refused -------------------------------------------------------------------------------


def test_ac_14_a_case_without_a_place_at_the_table_is_not_found_like_a_missing_one(tafel, regio, ui):
    """AC-14, DESIGN §5.2: no grant, no case — the same 404 page as a missing one, also for every act;
    nothing changes and the attempt is logged (AU-04)."""
    casus = tafel.in_overleg()
    buiten = ui(tafel.buitenstaander)
    ontbrekend = f"/casusoverleggen/{uuid_.uuid4()}"
    geweigerd = aantal(AuditRegel, status="geweigerd")
    uitgevoerd = aantal(AuditRegel, status="uitgevoerd", actie="casusoverleg.status_gewijzigd")
    for pad in (url(casus), ontbrekend):
        r = buiten.get(pad)
        assert r.status_code == 404 and NIET_GEVONDEN in tekst(r)
        assert "Tom" not in tekst(r)
    bijdrage = {"inhoud": "Iets", "soort": "feit", "bron": "derde", "grond": "g4_wettelijke_bevoegdheid"}
    for pad, data in (
        ("/fase", {"naar": "monitoring"}),
        ("/bijdragen/nieuw", bijdrage),
        ("/triage", {"bekend": "nee"}),
        ("/deelnemers/nieuw", {"organisatie": str(tafel.politie.uuid), "rol": "adviseur", "reden": "x" * 20}),
    ):
        for basis in (url(casus), ontbrekend):
            r = buiten.post(basis + pad, data)
            assert r.status_code == 404 and NIET_GEVONDEN in tekst(r), pad
    assert vers(casus).status == "in_overleg" and aantal(Bijdrage) == 0
    assert aantal(AuditRegel, status="uitgevoerd", actie="casusoverleg.status_gewijzigd") == uitgevoerd
    # AU-04, AU-02: every attempt is logged; one on the existing case names it for the log's readers (the
    # page above revealed nothing), one on a made-up uuid names nothing
    assert aantal(AuditRegel, status="geweigerd") - geweigerd == 10
    assert aantal(AuditRegel, status="geweigerd", object_uuid=str(casus.uuid)) == 5


def test_ct_08_cs_02_a_consent_that_does_not_name_the_readers_is_refused_in_dutch(tafel, regio, ui):
    """Review finding: a consent naming one recipient does not carry a contribution the whole table reads."""
    casus = tafel.in_overleg()
    toestemming = tafel.toestemming_tom()
    als_systeem()
    toestemming.ontvangers = [
        {"organisatie": str(tafel.politie.uuid)}
    ]  # not the GGD-like advisor, nor the host
    toestemming.save()
    coach = ui(tafel.jeugdwerker)
    bijdrage = {
        "inhoud": ZORG_TEKST,
        "soort": "feit",
        "bron": "eigen_waarneming",
        "bijzonder": "ja",
        "grond": "toestemming",
        "toestemming": str(toestemming.uuid),
        "gegevenscategorieen": "gezondheid",
        "noodzaak": "Zodat het plan aansluit op de lopende behandeling.",
    }
    r = coach.post(url(casus, "/bijdragen/nieuw"), bijdrage)
    assert r.status_code == 400
    assert "niet als ontvanger, maar" in tekst(r) and "leest aan deze tafel mee (CS-02, CT-08)." in tekst(r)
    r = coach.post(url(casus, "/bijdragen/nieuw"), {**bijdrage, "gegevenscategorieen": ""})
    assert r.status_code == 400 and "Noem welke soorten gegevens u inbrengt" in tekst(r)
    assert aantal(Bijdrage) == 0
