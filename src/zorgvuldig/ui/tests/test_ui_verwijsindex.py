"""The verwijsindex pages (SPEC §4) through the Django test client: the menu and overview without search
(VI-01), the signal form with its justification (VI-02 … VI-09) and every refusal, the signal and match
pages with their actions (VI-11 … VI-16, VI-24), need-to-know (404 = not visible), and the dashboard's
tasks and inbox (VI-11, VI-14, VI-20). Every read and write goes through the verwijsindex services."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.core import mail
from django.utils.formats import date_format
from django.utils.timezone import localtime

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.berichten.bezorging import bezorg
from zorgvuldig.conftest import BSN_ANDER, BSN_SAM, als_systeem, maak_gebruiker
from zorgvuldig.core.clock import today
from zorgvuldig.organisaties.models import Mandaat
from zorgvuldig.verwijsindex import services
from zorgvuldig.verwijsindex.models import Instellingen, Match, Signaal, Verantwoording
from zorgvuldig.verwijsindex.tests.hulp import VI, verantwoording

pytestmark = pytest.mark.django_db


def geboren() -> dt.date:
    """13 or 14 today: youth and representative (VI-08)."""
    return dt.date(today().year - 14, 1, 1)


VERMOEDEN = "Structureel verzuim; zorgen over de thuissituatie."
WILLEKEURIG = "0b9d1a52-52c5-4d55-8a43-7a4a0f5c1e11"


@pytest.fixture
def vi(regio):
    return VI(regio)


def formulier(**over) -> dict:
    """The signal form as a professional fills it in: agreement given by youth and parent."""
    data = {
        "bsn": BSN_SAM,
        "geboortedatum": geboren().isoformat(),
        "criteria": ["e", "k"],
        "vermoeden": VERMOEDEN,
        "instemming_uitkomst": "gegeven",
        "instemming_met": ["jongere", "vertegenwoordiger"],
        "instemming_datum": today().isoformat(),
        "informatie_methode": "vi_folder",
        "informatie_datum": today().isoformat(),
        "risico_met": ["jongere", "vertegenwoordiger"],
        "risico_datum": today().isoformat(),
    }
    data.update(over)
    return {k: v for k, v in data.items() if v is not None}


def tekst(r) -> str:
    return html.unescape(r.content.decode())


def zonder_csrf(inhoud: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", inhoud)


def signalen() -> int:
    als_systeem()
    return Signaal.objects.count()


def match_van(signaal) -> Match:
    als_systeem()
    return Signaal.objects.get(pk=signaal.pk).match


def een_match(vi, regio):
    """The wijkteam worker and the school mentor signal Sam: a match (E1)."""
    eigen = vi.signaleer(regio.medewerker, geboortedatum=geboren())
    ander = vi.signaleer(regio.leraar, geboortedatum=geboren())
    return eigen, ander, match_van(eigen)


def deelnemer(match, gebruiker) -> str:
    als_systeem()
    return str(Signaal.objects.get(match=match, signaleerder=gebruiker).deelnemer_uuid)


# --- menu and overview (VI-01) ---------------------------------------------------------------------


def _schoolcollega(regio):
    """A mandated user of the school who is in no match: another organisation's view of a match."""
    return maak_gebruiker(
        regio.school,
        "k.smit@hetbaken.example.org",
        ["medewerker"],
        naam="Karin Smit",
        mandaten=["vi_signaleren"],
    )


def test_vi_01_menu_and_overview_offer_no_search_and_no_browse(regio, ui, vi):
    """VI-01: the overview lists only own signals and matches; there is no search box."""
    vi.signaleer(regio.leraar, geboortedatum=geboren())  # another organisation's signal on Sam
    r = ui(regio.medewerker).get("/overzicht")
    assert "Verwijsindex" in re.findall(r'zv-nav-link"[^>]*>([^<]+)</a>', r.content.decode())
    r = ui(regio.medewerker).get("/verwijsindex")
    pagina = tekst(r)
    assert r.status_code == 200
    assert "niet doorzoeken of doorbladeren (VI-01)" in pagina
    assert "<input" not in pagina.split('id="inhoud"')[1]  # no search box, no filter
    assert BSN_SAM not in pagina and "OSG Het Baken" not in pagina  # the school's signal stays unseen
    assert "Er zijn geen actieve signalen." in pagina
    # the technical beheerder has no verwijsindex at all (AC-06), and it looks like a missing page
    beheer = ui(regio.beheerder)
    assert beheer.get("/verwijsindex").status_code == 404
    assert "Verwijsindex" not in beheer.get("/overzicht").content.decode()


def test_vi_01_the_leidinggevende_sees_the_organisations_signals_the_worker_only_own(regio, ui, vi):
    s = vi.signaleer(regio.medewerker, geboortedatum=geboren())
    lg = tekst(ui(regio.leidinggevende).get("/verwijsindex"))
    assert "Signalen van uw organisatie" in lg and f"/verwijsindex/signalen/{s.uuid}" in lg
    assert "Fatima El Amrani" in lg  # the contact column
    assert "Signaal afgeven" not in lg  # no mandate to signal
    eigen = tekst(ui(regio.medewerker).get("/verwijsindex"))
    assert "Mijn signalen" in eigen and f"/verwijsindex/signalen/{s.uuid}" in eigen
    assert f"/verwijsindex/signalen/{s.uuid}" not in tekst(ui(regio.leraar).get("/verwijsindex"))
    als_systeem()
    assert AuditRegel.objects.filter(actie="signaal.ingezien", object_uuid=str(s.uuid)).exists()


# --- the signal form (VI-02 … VI-09) ---------------------------------------------------------------


def test_vi_05_the_form_explains_basis_fields_and_age_bands(regio, ui, vi):
    """VI-05 (meldrecht, not consent), VI-09 (only BSN and contact details in the index), VI-08 (who by
    age); VI-23: criterion (l) is not offered while the profile keeps it off."""
    r = ui(regio.medewerker).get("/verwijsindex/signaal-afgeven")
    pagina = tekst(r)
    assert r.status_code == 200
    assert "meldrecht van uw organisatie (Jeugdwet art. 7.1.4.1), niet op grond van toestemming" in pagina
    assert "Alleen het BSN van de jongere en uw contactgegevens" in pagina
    assert "eigen dossier van uw organisatie" in pagina
    assert "12 tot en met 15 jaar: met de jongere" in pagina
    assert 'value="e"' in pagina and 'value="l"' not in pagina
    assert "staat uit voor uw organisatie (VI-23)." in pagina
    assert "Vier vragen" not in pagina  # only once agreement is refused or impossible (VI-06)


def test_vi_06_the_four_questions_appear_when_agreement_is_refused(regio, ui, vi):
    """VI-06 through htmx: only the chosen outcome travels in the URL."""
    client = ui(regio.medewerker)
    geweigerd = tekst(client.get("/verwijsindex/signaal-afgeven/vier-vragen?instemming_uitkomst=geweigerd"))
    assert "Vier vragen" in geweigerd and "Is signaleren de enige manier" in geweigerd
    assert "<html" not in geweigerd
    gegeven = tekst(client.get("/verwijsindex/signaal-afgeven/vier-vragen?instemming_uitkomst=gegeven"))
    assert "Vier vragen" not in gegeven and 'id="vier-vragen"' in gegeven


def test_vi_05_vi_09_giving_a_signal_stores_the_index_fields_and_the_justification_apart(regio, ui, vi):
    """VI-05 … VI-09: one submit drafts and activates; the index holds BSN and contact details, the
    justification is kept apart and shown only on its own audited page."""
    client = ui(regio.medewerker)
    r = client.post("/verwijsindex/signaal-afgeven", formulier())
    assert r.status_code == 302
    als_systeem()
    signaal = Signaal.objects.get()
    assert r["Location"] == f"/verwijsindex/signalen/{signaal.uuid}"
    assert signaal.status == "actief" and signaal.signaleerder == regio.medewerker
    assert Verantwoording.objects.filter(signaal=signaal).count() == 1
    pagina = tekst(client.get(r["Location"]))
    assert "Uw signaal staat in de verwijsindex." in pagina
    assert BSN_SAM in pagina and "Actief" in pagina and "Fatima El Amrani" in pagina
    assert VERMOEDEN not in pagina and "Vaak afwezig" not in pagina  # the justification is not in the index
    verantwoording = tekst(client.get(f"/verwijsindex/signalen/{signaal.uuid}/verantwoording"))
    assert VERMOEDEN in verantwoording and "(e) Vaak afwezig op school" in verantwoording
    assert "Instemming gegeven" in verantwoording
    acties = set(AuditRegel.objects.filter(object_uuid=str(signaal.uuid)).values_list("actie", flat=True))
    assert {"signaal.geregistreerd", "signaal.geactiveerd", "signaal.verantwoording_ingezien"} <= acties


def test_vi_06_without_agreement_four_yes_answers_let_the_signal_through(regio, ui, vi):
    """E1: the family refuses the worker; four yes answers and the reasons are her basis (VI-06)."""
    vragen = dict.fromkeys(
        ("legitiem_doel", "enige_weg", "instemming_onmogelijk_of_gezocht", "belang_jongere"), "ja"
    )
    r = ui(regio.medewerker).post(
        "/verwijsindex/signaal-afgeven",
        formulier(instemming_uitkomst="geweigerd", vier_vragen_toelichting="Veiligheid gaat voor.", **vragen),
    )
    assert r.status_code == 302
    als_systeem()
    v = services.lees_verantwoording(Signaal.objects.get())
    assert v["vierVragen"] == {
        "legitiemDoel": True,
        "enigeWeg": True,
        "instemmingOnmogelijkOfGezocht": True,
        "belangJongereWeegtZwaarder": True,
        "toelichting": "Veiligheid gaat voor.",
    }


def test_an_empty_signal_form_summarises_its_errors_each_leading_to_its_field(regio, ui, vi):
    """After a refused submit the error summary takes the focus, and every line links to its field — for
    a group of radio buttons or check boxes the first of them, never to nothing (`#`)."""
    r = ui(regio.medewerker).post("/verwijsindex/signaal-afgeven", {"bsn": ""})
    assert r.status_code == 400
    pagina = tekst(r)
    alert = r'<div class="utrecht-alert utrecht-alert--error"[^>]*>(.*?)</div>'
    samenvatting = re.search(alert, pagina, re.S)
    assert samenvatting and 'tabindex="-1" autofocus' in samenvatting.group(0)
    doelen = re.findall(r'href="#([^"]*)"', samenvatting.group(1))
    assert len(doelen) >= 4 and all(doelen)
    for doel in doelen:
        assert f'id="{doel}"' in pagina, doel


ALLE_VRAGEN_JA = {
    "legitiem_doel": "ja",
    "enige_weg": "ja",
    "instemming_onmogelijk_of_gezocht": "ja",
    "belang_jongere": "ja",
    "vier_vragen_toelichting": "Afgewogen.",
}
GEEN_INSTEMMING = dict.fromkeys(("instemming_uitkomst", "instemming_met", "instemming_datum"))


@pytest.mark.parametrize(
    ("over", "code", "melding", "veld"),
    [
        pytest.param(
            {"bsn": ""}, "E_PE_BSN_REQUIRED", "Vul het BSN van de jongere in.", "bsn", id="VI-09-no-bsn"
        ),
        pytest.param(
            {"bsn": "123456789"},
            "E_PE_BSN_INVALID",
            "Geen geldig BSN: 9 cijfers die voldoen aan de elfproef.",
            "bsn",
            id="PE-02-elfproef",
        ),
        pytest.param(
            {"geboortedatum": "2000-01-01"},
            "E_VI_AGE",
            "De verwijsindex is voor jongeren onder de 23",
            "geboortedatum",
            id="VI-02-age",
        ),
        pytest.param(
            {"criteria": None},
            "E_VI_NO_CRITERION",
            "Kies ten minste één criterium (VI-03).",
            "criteria",
            id="VI-03",
        ),
        pytest.param(
            {"vermoeden": ""},
            "E_VI_NO_CRITERION",
            "Beschrijf het redelijk vermoeden (VI-03).",
            "vermoeden",
            id="VI-03-suspicion",
        ),
        pytest.param(
            GEEN_INSTEMMING,
            "E_VI_NO_BASIS",
            "Leg vast of instemming is gevraagd en met welke uitkomst (VI-05).",
            "instemming_uitkomst",
            id="VI-05-agreement",
        ),
        pytest.param(
            {"instemming_met": ["jongere"]},
            "E_VI_NO_BASIS",
            "vraag instemming van de jongere en de wettelijk vertegenwoordiger(s) (VI-05, VI-08).",
            "instemming_met",
            id="VI-08-agreement-by-age",
        ),
        pytest.param(
            {"instemming_uitkomst": "geweigerd", **ALLE_VRAGEN_JA, "enige_weg": "nee"},
            "E_VI_NO_BASIS",
            "Zonder instemming moeten alle vier vragen met ja beantwoord zijn (VI-06).",
            "enige_weg",
            id="VI-06-four-questions",
        ),
        pytest.param(
            {"instemming_uitkomst": "onmogelijk", **ALLE_VRAGEN_JA},
            "E_VI_NO_BASIS",
            "Leg vast waarom instemming niet te vragen was.",
            "reden_onmogelijk",
            id="VI-05-impossible-why",
        ),
        pytest.param(
            {"informatie_methode": None},
            "E_VI_INFO_DUTY",
            "Kies hoe de jongere is geïnformeerd (VI-07).",
            "informatie_methode",
            id="VI-07-info-duty",
        ),
        pytest.param(
            {"risico_met": None, "risico_datum": None},
            "E_INVALID_INPUT",
            "Leg vast met wie en wanneer de risico's zijn besproken, of waarom niet (VI-08).",
            "risico_met",
            id="VI-08-risks",
        ),
    ],
)
def test_vi_02_to_09_a_refusal_shows_the_services_message_at_its_field_and_stores_nothing(
    regio, ui, vi, over, code, melding, veld
):
    """AU-04: the refusal is logged; nothing is stored (no draft either); what was typed stays."""
    r = ui(regio.medewerker).post("/verwijsindex/signaal-afgeven", formulier(**over))
    pagina = tekst(r)
    assert r.status_code == 400
    bij_veld = re.search(rf'id="id_{veld}_error">([^<]*)<', pagina)
    assert bij_veld and melding in bij_veld.group(1)  # next to the field it concerns
    assert signalen() == 0 and Verantwoording.objects.count() == 0
    if over.get("vermoeden") is None:
        assert VERMOEDEN in pagina  # the form keeps what was typed
    weigering = AuditRegel.objects.filter(status="geweigerd", actor_gebruiker=str(regio.medewerker.uuid))
    assert weigering.filter(code=code).count() == 1  # logged once, although the draft was rolled back


def test_ac_01_vi_05_a_refusal_at_the_draft_step_is_shown_and_stores_nothing(regio, ui, vi):
    """AC-01: the organisation's accession ended; VI-05: a profile without meldrecht. The page warns
    beforehand; the service decides on submit."""
    client = ui(regio.medewerker)
    vi.toetreding_wijkteam.tot = today() - dt.timedelta(days=1)
    vi.toetreding_wijkteam.save()
    assert "niet toegetreden" in tekst(client.get("/verwijsindex/signaal-afgeven"))
    r = client.post("/verwijsindex/signaal-afgeven", formulier())
    assert r.status_code == 400
    assert "Uw organisatie is niet (meer) toegetreden tot een actief convenant" in tekst(r)
    assert signalen() == 0
    vi.toetreding_wijkteam.tot = None
    vi.toetreding_wijkteam.save()
    vi.profiel.meldrecht_bepaling = ""
    vi.profiel.save()
    r = client.post("/verwijsindex/signaal-afgeven", formulier())
    assert r.status_code == 400
    assert "Het profiel van uw organisatie kent geen meldrecht; signaleren kan niet (VI-05)." in tekst(r)
    assert signalen() == 0


def test_ac_08_without_a_mandate_there_is_no_signal_form(regio, ui, vi):
    """AC-08: a colleague without the vi_signaleren mandate has neither the menu item nor the page."""
    client = ui(regio.collega)
    assert "Verwijsindex" not in client.get("/overzicht").content.decode()
    assert client.get("/verwijsindex/signaal-afgeven").status_code == 404
    assert client.post("/verwijsindex/signaal-afgeven", formulier()).status_code == 404
    assert signalen() == 0


def test_vi_duplicate_a_second_active_signal_is_refused_without_leaving_a_draft(regio, ui, vi):
    vi.signaleer(regio.medewerker, geboortedatum=geboren())
    r = ui(regio.medewerker).post("/verwijsindex/signaal-afgeven", formulier())
    assert r.status_code == 400
    assert "U heeft al een actief signaal op deze jongere (zie Mijn signalen)" in tekst(r)
    assert signalen() == 1  # no draft is left behind
    assert AuditRegel.objects.filter(status="geweigerd", code="E_VI_DUPLICATE").exists()


def test_a_draft_from_a_partner_system_is_finished_not_replaced(regio, ui, vi):
    """A draft (API `POST /signalen`) is finished on its own page; a refusal leaves it as it was."""
    concept = services.registreer_signaal(actor=regio.actor(regio.medewerker), velden={"bsn": BSN_SAM})
    client = ui(regio.medewerker)
    assert "Concept: nog niet in de verwijsindex" in tekst(client.get("/verwijsindex"))
    pagina = tekst(client.get(f"/verwijsindex/signalen/{concept.uuid}"))
    assert f"/verwijsindex/signalen/{concept.uuid}/afmaken" in pagina
    assert "Verantwoording bekijken" not in pagina
    pad = f"/verwijsindex/signalen/{concept.uuid}/afmaken"
    form = tekst(client.get(pad))
    assert 'name="bsn"' not in form
    r = client.post(pad, {k: v for k, v in formulier().items() if k not in ("bsn", "criteria")})
    assert r.status_code == 400 and "Kies ten minste één criterium (VI-03)." in tekst(r)
    als_systeem()
    assert Signaal.objects.get().status == "concept"
    r = client.post(pad, {k: v for k, v in formulier().items() if k != "bsn"})
    assert r.status_code == 302
    als_systeem()
    assert Signaal.objects.get().status == "actief" and Signaal.objects.count() == 1
    assert ui(regio.leidinggevende).get(pad).status_code == 404  # only the signaler finishes a draft


# --- need-to-know: not visible = missing (DESIGN §5.2, VI-01, VI-11) --------------------------------


def test_vi_01_another_organisations_signal_and_a_foreign_match_look_exactly_like_missing_ones(regio, ui, vi):
    _eigen, ander, match = een_match(vi, regio)
    client = ui(regio.medewerker)
    for pad in (
        f"/verwijsindex/signalen/{ander.uuid}",
        f"/verwijsindex/signalen/{ander.uuid}/verantwoording",
    ):
        vreemd = client.get(pad)
        missend = client.get(pad.replace(str(ander.uuid), WILLEKEURIG))
        assert vreemd.status_code == missend.status_code == 404
        assert zonder_csrf(vreemd.content.decode()) == zonder_csrf(missend.content.decode())
        assert "Pagina niet gevonden" in vreemd.content.decode()
    karin = _schoolcollega(regio)
    buiten = ui(karin)  # a mandated user of the school who is not in the match
    vreemd = buiten.get(f"/verwijsindex/matches/{match.uuid}")
    missend = buiten.get(f"/verwijsindex/matches/{WILLEKEURIG}")
    assert vreemd.status_code == missend.status_code == 404
    assert zonder_csrf(vreemd.content.decode()) == zonder_csrf(missend.content.decode())
    actie = buiten.post(f"/verwijsindex/matches/{match.uuid}/afstemmen", {"datum": today().isoformat()})
    assert actie.status_code == 404
    als_systeem()
    assert Match.objects.get(pk=match.pk).status == "nieuw"
    # a refused look names the record for the log's readers (AU-04, AU-02), the page revealed nothing;
    # a made-up uuid names nothing
    assert AuditRegel.objects.filter(
        actor_gebruiker=str(karin.uuid), code="E_NOT_FOUND", object_uuid=str(match.uuid)
    ).exists()
    assert AuditRegel.objects.filter(
        actor_gebruiker=str(karin.uuid), code="E_NOT_FOUND", object_uuid=""
    ).exists()


def test_vi_11_the_match_partner_sees_contact_details_only_never_the_justification(regio, ui, vi):
    """VI-11: organisation, name, e-mail, phone; not the BSN, the criteria or the suspicion. The
    justification is the signaler's and the own leidinggevende's (VI-09)."""
    eigen, _ander, match = een_match(vi, regio)
    leraar = ui(regio.leraar)
    pagina = tekst(leraar.get(f"/verwijsindex/matches/{match.uuid}"))
    assert "Wijkteam Krimpen" in pagina and "Fatima El Amrani" in pagina
    assert regio.medewerker.email in pagina
    # VI-13: exchanging data goes through a sharing decision, which the dossier's Delen tab offers
    assert "deelbesluit" in pagina and "tabblad Delen" in pagina and "nog niet in zorgvuldig" not in pagina
    for verboden in ("verzuim", "Vaak afwezig", str(geboren().year), "Jeugdcoach", str(eigen.uuid)):
        assert verboden not in pagina
    # the BSN shown is the teacher's OWN signal's (M12); another youth's never is (see the VI-22 test below)
    assert f"BSN {BSN_SAM}, afgegeven op" in pagina
    assert leraar.get(f"/verwijsindex/signalen/{eigen.uuid}/verantwoording").status_code == 404
    assert ui(regio.collega).get(f"/verwijsindex/signalen/{eigen.uuid}/verantwoording").status_code == 404
    assert "verzuim" in tekst(ui(regio.medewerker).get(f"/verwijsindex/signalen/{eigen.uuid}/verantwoording"))
    lg = ui(regio.leidinggevende)  # the own leidinggevende reads it (and it is logged)
    assert "verzuim" in tekst(lg.get(f"/verwijsindex/signalen/{eigen.uuid}/verantwoording"))
    als_systeem()
    assert AuditRegel.objects.filter(
        actie="signaal.verantwoording_ingezien", actor_gebruiker=str(regio.leidinggevende.uuid)
    ).exists()


def _familiematch(regio):
    """VI-22: the teacher signals Sam, the wijkteam worker Sam's brother at the same address, so one match
    holds two different BSNs — the case where showing the wrong signal's BSN would show it."""
    inst = Instellingen.huidig()
    inst.field_set, inst.family_matching = "extended_2009", True
    inst.save()
    uit = []
    for gebruiker, bsn in ((regio.leraar, BSN_SAM), (regio.medewerker, BSN_ANDER)):
        actor = regio.actor(gebruiker)
        velden = {
            "bsn": bsn,
            "jongere": {"adres": "Voorbeeldstraat 12", "woonplaats": "Krimpen aan den IJssel"},
        }
        concept = services.registreer_signaal(actor=actor, velden=velden)
        uit.append(
            services.activeer_signaal(
                actor=actor, uuid=concept.uuid, verantwoording=verantwoording(geboortedatum=geboren())
            )
        )
    return uit[0], uit[1], match_van(uit[1])


def test_vi_01_vi_10_each_signaler_sees_a_match_labelled_by_the_own_signals_bsn_only(regio, ui, vi):
    """M12, VI-01, VI-10: the match list and match page name the BSN of the user's OWN signal, as "Mijn
    signalen" does — never the other organisation's signal's BSN, never an address, never in a link — and
    the view is logged as a view of the own signal's BSN (AU-01). Someone outside the match sees neither."""
    van_school, van_wijkteam, match = _familiematch(regio)
    for gebruiker, eigen, ander in (
        (regio.medewerker, BSN_ANDER, BSN_SAM),
        (regio.leraar, BSN_SAM, BSN_ANDER),
    ):
        client = ui(gebruiker)
        lijst = client.get("/verwijsindex").content.decode()
        matches = lijst.split('id="matches-kop"')[1]
        assert f'href="/verwijsindex/matches/{match.uuid}">{eigen}</a>' in matches
        pagina = client.get(f"/verwijsindex/matches/{match.uuid}").content.decode()
        assert f"BSN {eigen}, afgegeven op" in pagina
        for inhoud in (lijst, pagina):
            assert ander not in inhoud and "Voorbeeldstraat" not in inhoud
            assert not [u for u in re.findall(r'href="([^"]*)"', inhoud) if eigen in u or ander in u]
    als_systeem()
    gelogd = AuditRegel.objects.filter(actie="signaal.ingezien", velden=["bsn"])
    assert gelogd.filter(
        actor_gebruiker=str(regio.medewerker.uuid), object_uuid=str(van_wijkteam.uuid)
    ).exists()
    assert gelogd.filter(actor_gebruiker=str(regio.leraar.uuid), object_uuid=str(van_school.uuid)).exists()
    for wie, vreemd in ((regio.medewerker, van_school), (regio.leraar, van_wijkteam)):
        assert not AuditRegel.objects.filter(
            actor_gebruiker=str(wie.uuid), object_uuid=str(vreemd.uuid)
        ).exists()
    karin = _schoolcollega(regio)
    buiten = ui(karin)  # the teacher's colleague, not in the match
    assert buiten.get(f"/verwijsindex/matches/{match.uuid}").status_code == 404
    lijst = buiten.get("/verwijsindex").content.decode()
    assert BSN_SAM not in lijst and BSN_ANDER not in lijst and "U zit niet in een match." in lijst


def test_vi_11_the_inbox_tells_matches_apart_by_the_own_signals_date_not_by_the_youth(regio, ui, vi):
    """M12 with VI-11: a match notice names the own signal by its date and time, so two notices differ —
    but, like the e-mail, carries no BSN or other subject data."""
    eerste, _ander, _match = een_match(vi, regio)
    als_systeem()
    Signaal.objects.filter(pk=eerste.pk).update(
        signaleringstijdstip=dt.datetime(2026, 11, 3, 9, 15, tzinfo=dt.UTC)
    )
    vi.signaleer(regio.leraar, bsn=BSN_ANDER, geboortedatum=geboren())
    tweede = vi.signaleer(regio.medewerker, bsn=BSN_ANDER, geboortedatum=geboren())
    overzicht = tekst(ui(regio.medewerker).get("/overzicht"))
    assert "Het gaat om uw signaal van 3 november 2026, 10:15 uur." in overzicht  # Amsterdam time
    als_systeem()
    moment = localtime(Signaal.objects.get(pk=tweede.pk).signaleringstijdstip)
    assert f"Het gaat om uw signaal van {date_format(moment, 'j F Y, H:i')} uur." in overzicht
    assert BSN_SAM not in overzicht and BSN_ANDER not in overzicht
    # the other organisation's notices name its own signals, never the worker's
    school = tekst(ui(regio.leraar).get("/overzicht"))
    assert (
        "uw signaal van 3 november 2026, 10:15 uur" not in school and "Het gaat om uw signaal van" in school
    )


# --- the match workflow (VI-12, VI-14, VI-15) ------------------------------------------------------


def test_vi_12_youth_informed_before_contact_is_refused_then_the_workflow_runs(regio, ui, vi):
    _eigen, _ander, match = een_match(vi, regio)
    client = ui(regio.medewerker)
    pad = f"/verwijsindex/matches/{match.uuid}"
    pagina = tekst(client.get(pad))
    assert "Neem eerst contact op met de andere signaleerder(s)" in pagina
    assert "Dit kan nadat het contact is vastgelegd." in pagina
    ik, jan = deelnemer(match, regio.medewerker), deelnemer(match, regio.leraar)
    te_vroeg = client.post(
        f"{pad}/informeren", {"datum": today().isoformat(), "door": ik, "wijze": "gesprek"}
    )
    assert te_vroeg.status_code == 400
    assert "Leg eerst het contact tussen de signaleerders vast (VI-12)." in tekst(te_vroeg)
    coordinator = client.post(f"{pad}/zorgcoordinator", {"deelnemer": ik})
    assert "Wijs een zorgcoördinator aan nadat het contact is vastgelegd (VI-15)." in tekst(coordinator)
    als_systeem()
    m = Match.objects.get(pk=match.pk)
    assert m.informeren_datum is None and m.zorgcoordinator_id is None and m.status == "nieuw"
    leeg = client.post(f"{pad}/afstemmen", {"datum": today().isoformat()})
    assert "Kies met welke andere deelnemer(s) contact is gelegd." in tekst(leeg)
    assert client.post(f"{pad}/afstemmen", {"datum": today().isoformat(), "met": [jan]}).status_code == 302
    assert client.post(f"{pad}/zorgcoordinator", {"deelnemer": ik}).status_code == 302
    r = client.post(f"{pad}/informeren", {"datum": today().isoformat(), "door": ik, "wijze": "gesprek"})
    assert r.status_code == 302
    pagina = tekst(client.get(pad))
    assert "Zorgcoördinator: <strong>uzelf (Fatima El Amrani, Wijkteam Krimpen)</strong>" in pagina
    assert "in een gesprek geïnformeerd door uzelf" in pagina
    jan_ziet = tekst(ui(regio.leraar).get(pad))  # the partner sees the same agreements, named from his side
    assert "Zorgcoördinator: <strong>Fatima El Amrani (Wijkteam Krimpen)</strong>" in jan_ziet
    als_systeem()
    m = Match.objects.get(pk=match.pk)
    assert m.status == "contact_gelegd" and m.informeren_wijze == "gesprek"


# --- signal actions (VI-16, VI-17, VI-24) ----------------------------------------------------------


def test_vi_16_extension_only_in_the_last_30_days_and_withdrawal_after_confirmation(regio, ui, vi):
    s = vi.signaleer(regio.medewerker, geboortedatum=geboren())
    client = ui(regio.medewerker)
    pad = f"/verwijsindex/signalen/{s.uuid}"
    assert "Signaal verlengen" not in tekst(client.get(pad))
    r = client.post(f"{pad}/verlengen", follow=True)  # the service decides, also when posted anyway
    assert "Verlengen kan alleen in de laatste 30 dagen" in tekst(r)
    als_systeem()
    Signaal.objects.filter(pk=s.pk).update(verwijderdatum=today() + dt.timedelta(days=10))
    assert "Signaal verlengen" in tekst(client.get(pad))
    r = client.post(f"{pad}/verlengen", follow=True)
    assert "Het signaal is verlengd." in tekst(r)
    als_systeem()
    assert Signaal.objects.get(pk=s.pk).verwijderdatum > today() + dt.timedelta(days=150)
    bevestig = tekst(client.get(f"{pad}/intrekken"))
    assert "Weet u zeker" in bevestig and "Ja, intrekken" in bevestig
    als_systeem()
    assert Signaal.objects.get(pk=s.pk).status == "actief"  # the question changes nothing
    r = client.post(f"{pad}/intrekken")
    assert r.status_code == 302 and r["Location"] == "/verwijsindex"
    assert client.get(pad).status_code == 404  # VI-17: gone for the signaler too


def test_vi_24_the_leidinggevende_hands_over_only_to_a_mandated_colleague(regio, ui, vi):
    s = vi.signaleer(regio.medewerker, geboortedatum=geboren())
    lg = ui(regio.leidinggevende)
    pad = f"/verwijsindex/signalen/{s.uuid}"
    pagina = tekst(lg.get(pad))
    assert "Overdragen aan een collega (VI-24)" in pagina
    assert "Pieter de Vos" not in pagina  # only mandated colleagues are offered (AC-08)
    assert "geen andere collega met een mandaat" in pagina and "Kies een collega" not in pagina  # say so
    assert "Overdragen aan een collega" not in tekst(ui(regio.medewerker).get(pad))  # not the signaler's act
    r = lg.post(f"{pad}/overdragen", {"naar": regio.collega.pk, "reden": "Uit dienst"})
    assert r.status_code == 400  # forged: refused, the typed reason kept
    assert 'value="Uit dienst"' in tekst(r)
    als_systeem()
    assert Signaal.objects.get(pk=s.pk).signaleerder == regio.medewerker
    Mandaat.objects.create(gebruiker=regio.collega, soort="vi_signaleren", vanaf=dt.date(2026, 1, 1))
    assert "Kies een collega" in tekst(lg.get(pad)) and "Pieter de Vos" in tekst(lg.get(pad))
    leeg = lg.post(f"{pad}/overdragen", {"naar": regio.collega.pk})
    assert "Verplicht." in tekst(leeg)  # the reason (VI-24)
    r = lg.post(f"{pad}/overdragen", {"naar": regio.collega.pk, "reden": "Uit dienst"})
    assert r.status_code == 302
    als_systeem()
    assert Signaal.objects.get(pk=s.pk).signaleerder == regio.collega
    pagina = tekst(lg.get(pad))
    assert "van Fatima El Amrani naar Pieter de Vos, door Marieke Bakker. Reden: Uit dienst" in pagina


# --- dashboard: tasks and inbox (VI-11, VI-14, VI-20) ----------------------------------------------


def test_vi_11_vi_14_vi_20_match_notices_in_the_inbox_and_tasks_on_the_dashboard(regio, ui, vi):
    eigen, ander, match = een_match(vi, regio)
    client = ui(regio.medewerker)
    overzicht = tekst(client.get("/overzicht"))
    assert (
        f'<a class="utrecht-link" href="/verwijsindex/matches/{match.uuid}">Verwijsindex: uw signaal heeft'
        in (overzicht)
    )
    assert BSN_SAM not in overzicht
    assert "Jongere informeren over een match" not in overzicht  # not yet due (VI-14)
    # 10 working days later without YOUTH_INFORMED: a task (VI-14)
    als_systeem()
    Match.objects.filter(pk=match.pk).update(aangemaakt=dt.datetime.now(dt.UTC) - dt.timedelta(days=20))
    overzicht = tekst(client.get("/overzicht"))
    assert "Jongere informeren over een match in de verwijsindex" in overzicht
    assert "(te laat)" in overzicht
    # 14 days before the removal date: a reminder (VI-20)
    als_systeem()  # the request reset the connection's organisation (RLS on PostgreSQL)
    Signaal.objects.filter(pk=eigen.pk).update(verwijderdatum=today() + dt.timedelta(days=10))
    overzicht = tekst(client.get("/overzicht"))
    assert (
        "Signaal in de verwijsindex verloopt" in overzicht
        and f"/verwijsindex/signalen/{eigen.uuid}" in overzicht
    )
    assert "Signaal in de verwijsindex verloopt" not in tekst(ui(regio.leraar).get("/overzicht"))
    # the school withdraws: the match dissolves, the notice stays without a link (VI-17)
    services.trek_signaal_in(actor=regio.actor(regio.leraar), uuid=ander.uuid)
    overzicht = tekst(client.get("/overzicht"))
    assert "U kunt deze match niet (meer) openen." in overzicht
    assert f"/verwijsindex/matches/{match.uuid}" not in overzicht
    assert "Jongere informeren over een match" not in overzicht
    assert client.get(f"/verwijsindex/matches/{match.uuid}").status_code == 404
    eigen_pagina = tekst(client.get(f"/verwijsindex/signalen/{eigen.uuid}"))
    assert "Match bekijken" not in eigen_pagina and "Ja; de signaleerder" not in eigen_pagina


def test_vi_11_the_e_mail_links_to_the_own_signal_page(regio, ui, vi):
    """VI-11: the notice names only the others' contact set and links to the recipient's own signal."""
    eigen, _ander, match = een_match(vi, regio)
    bezorg()
    aan_fatima = next(m for m in mail.outbox if m.to == [regio.medewerker.email])
    pad = re.search(r"https?://[^/\s]+(/verwijsindex/signalen/\S+)", aan_fatima.body).group(1)
    assert pad == f"/verwijsindex/signalen/{eigen.uuid}"
    pagina = tekst(ui(regio.medewerker).get(pad))
    assert "Match bekijken" in pagina and f"/verwijsindex/matches/{match.uuid}" in pagina
    assert ui(regio.leraar).get(pad).status_code == 404  # the link is no use to anyone else


def test_an_action_url_opened_with_get_goes_back_to_its_page(regio, ui, vi):
    """Reloading after an error or opening an action link: back to the page (which checks visibility),
    not a bare 405; for someone who may not see it, the page is the usual 404."""
    eigen, _ander, match = een_match(vi, regio)
    client = ui(regio.medewerker)
    r = client.get(f"/verwijsindex/matches/{match.uuid}/afstemmen")
    assert r.status_code == 302 and r["Location"] == f"/verwijsindex/matches/{match.uuid}"
    r = client.get(f"/verwijsindex/signalen/{eigen.uuid}/verlengen")
    assert r.status_code == 302 and r["Location"] == f"/verwijsindex/signalen/{eigen.uuid}"
    buiten = ui(regio.school_lg).get(f"/verwijsindex/matches/{match.uuid}/afstemmen", follow=True)
    assert buiten.status_code == 404


def test_vi_09_an_empty_form_shows_every_missing_part_at_once(regio, ui, vi):
    """A professional sees all that is missing in one round, not the BSN first and the rest later."""
    r = ui(regio.medewerker).post("/verwijsindex/signaal-afgeven", {"bsn": "", "vermoeden": ""})
    assert r.status_code == 400
    pagina = tekst(r)
    for melding in (
        "Vul het BSN van de jongere in.",
        "Vul de geboortedatum van de jongere in.",
        "Kies ten minste één criterium (VI-03).",
        "Beschrijf het redelijk vermoeden (VI-03).",
    ):
        assert melding in pagina, melding
    als_systeem()
    assert not Signaal.objects.exists()
