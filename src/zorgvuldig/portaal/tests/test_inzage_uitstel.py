"""Finding H1, as the reviewer walked it: a provision to Veilig Thuis whose informing is postponed for safety
(SH-14) is withheld from a parent's inzage answer on ground (e) (RI-07). Withholding it withholds every
part of the answer that reveals it — its lines in "who saw my data", its sharing decision, consultation
and postponement — on the portal page, in the PDF and in the JSON; and the answer never says that no one
received data (RI-05)."""

from __future__ import annotations

import datetime as dt
import json
import re
from types import SimpleNamespace

import pytest

from zorgvuldig.audit.acties import actie_voor_client
from zorgvuldig.conftest import BSN_ANDER, als_systeem
from zorgvuldig.core.clock import today
from zorgvuldig.dossiers.tests import hulp as dossierhulp
from zorgvuldig.portaal.tests.hulp import inloggen, pdf_tekst, sam_en_moeder
from zorgvuldig.rechten.models import Verzoek
from zorgvuldig.rechten.tests.hulp import VERIFIEER, beantwoord_volledig, mandaat
from zorgvuldig.verstrekkingen.models import Deelbesluit, Verstrekking
from zorgvuldig.verstrekkingen.tests import hulp as deelhulp
from zorgvuldig.verstrekkingen.tests.test_api_deelbesluiten import consulteer

pytestmark = pytest.mark.django_db
T = "http://testserver"

# What would tell the parent that data went to Veilig Thuis, or that informing her was postponed.
VERRADERS = (
    "Veilig Thuis",
    "Verstrekking",
    "verstrekking",
    "Deelbesluit",
    "Besluit over delen",
    "Consultatie",
    "uitgesteld",
    "Uitgesteld",
    "Waarneming huisbezoek",
    "Wij gaven geen gegevens aan anderen",
    "geen gegevens aan anderen verstrekt",
    # the same acts in the client's words (finding 14)
    "delen van gegevens",
    "gedeeld",
    "andere organisatie",
    "Later vertellen",
    "Advies gevraagd",
)


def _deel_met_veilig_thuis_uitgesteld(regio, api, sam, *, goedgekeurd=True):
    """E5 for Sam: G5 share with Veilig Thuis after consultation, executed, informing postponed (asked
    for in the wizard; approved by the leidinggevende unless `goedgekeurd` is False)."""
    d = dossierhulp.dossier(regio, persoon=sam)
    dossierhulp.gestart(regio, d)
    feit = dossierhulp.notitie(regio, d, tekst="Huisbezoek afgelegd; Sam was aanwezig.")
    medewerker = api(regio.medewerker)
    r = medewerker.post(
        "/api/v1/deelbesluiten",
        deelhulp.g5_aan_vt(regio, SimpleNamespace(dossier=d, feit=feit)),
        format="json",
    )
    assert r.status_code == 201, r.content
    url = r.json()["url"]
    assert consulteer(medewerker, url, regio).status_code == 200
    r = medewerker.post(
        f"{url}/_besluiten", {"besluit": "delen", "redenen": "Nodig voor het onderzoek."}, format="json"
    )
    assert r.status_code == 200, r.content
    uitvoering = {"datum": today().isoformat(), "vorm": "digitaal"}
    r = medewerker.post(f"{url}/_uitvoeren", uitvoering, format="json")
    assert r.status_code == 200, r.content
    if not goedgekeurd:
        als_systeem()
        return Verstrekking.objects.get(persoon=sam), d
    r = api(regio.leidinggevende).post(
        f"{url}/_uitstellen",
        {
            "grond": "veiligheid",
            "toelichting": "Vader heeft gedreigd; informeren brengt moeder en kind in gevaar.",
            "reviewdatum": (dt.date.today() + dt.timedelta(days=17)).isoformat(),
        },
        format="json",
    )
    assert r.status_code == 200 and r.json()["status"] == "informeren_uitgesteld", r.content
    als_systeem()
    return Verstrekking.objects.get(persoon=sam), d


def _inzage_in_behandeling(regio, api, client, sam):
    """Ingrid asks for Sam's data in the portal; the leidinggevende verifies and reviews the request.
    Returns the request, its API URL and the leidinggevende's client."""
    inloggen(client, BSN_ANDER)
    r = client.post("/mijn/verzoeken/nieuw", {"soort": "inzage", "persoon": str(sam.uuid)})
    assert r.status_code == 302, r.content.decode()
    als_systeem()
    v = Verzoek.objects.get(kanaal="portaal")
    url = f"{T}/api/v1/verzoeken/{v.uuid}"
    lg = api(regio.leidinggevende)
    assert lg.post(f"{url}/_verifieren", VERIFIEER, format="json").status_code == 200
    assert lg.post(f"{url}/_beoordelen", {}, format="json").status_code == 200
    return v, url, lg


def test_h1_ri_07_sh_14_a_withheld_postponed_provision_leaves_no_trace_in_the_answer(regio, api, ui, client):
    sam, _moeder = sam_en_moeder(regio)
    verstrekking, _d = _deel_met_veilig_thuis_uitgesteld(regio, api, sam)

    # Ingrid asks for Sam's data in the portal; the leidinggevende verifies and reviews it
    v, url, lg = _inzage_in_behandeling(regio, api, client, sam)

    # SH-14: the preview warns before anyone decides, as the decision form does
    voorbeeld = ui(regio.leidinggevende).get(f"/verzoeken/{v.uuid}/overzicht").content.decode()
    assert "Let op: het informeren van de cliënt is uitgesteld (SH-14)." in voorbeeld
    assert "Houd haar achter op grond (e) zolang het uitstel loopt" in voorbeeld

    r = lg.post(
        f"{url}/_besluiten",
        {
            "uitkomst": "gedeeltelijk",
            "redenen": "Een deel van de gegevens krijgt u niet, ter bescherming van anderen.",
            "achtergehouden": [{"item": str(verstrekking.uuid), "grond": "e"}],
            "mandaat": mandaat(regio.leidinggevende),
        },
        format="json",
    )
    assert r.status_code == 200, r.content
    assert lg.post(f"{url}/_uitvoeren", {"vorm": "schriftelijk"}, format="json").status_code == 200

    # the JSON as sent: no recipient, no line about the decision, and the answer marks itself incomplete
    antwoord = lg.get(f"{url}/overzicht").json()
    assert antwoord["ontvangers"] == [] and antwoord["onvolledig"] is True
    assert antwoord["inzagen"], "other acts on Sam's data are still listed (RI-17)"
    regels = json.dumps(antwoord["inzagen"], ensure_ascii=False)
    for woord in VERRADERS:
        assert woord not in regels, woord

    # the portal page, as Ingrid reads it
    pagina = client.get(f"/mijn/verzoeken/{v.uuid}").content.decode()
    assert "Wie de gegevens van Sam Jansen bekeek" in pagina and "Wijkteam Krimpen" in pagina
    assert "In dit antwoord staat niemand aan wie wij gegevens gaven." in pagina
    # RI-07: the decision in the portal names the statutory ground of what is withheld, as the PDF does
    assert (
        "Dit is nodig om u of andere mensen te beschermen (Uitvoeringswet AVG, artikel 41 lid 1 onder i)."
        in (pagina)
    )
    for woord in VERRADERS:
        assert woord not in pagina, woord

    # the PDF
    pdf = client.get(f"/mijn/verzoeken/{v.uuid}/antwoord.pdf")
    assert pdf.status_code == 200
    tekst = pdf_tekst(pdf.content)
    assert "Wie de gegevens van Sam Jansen bekeek" in tekst and "In dit antwoord staat niemand" in tekst
    for woord in VERRADERS:
        assert woord not in tekst, woord


def test_ri_05_m5_granted_in_full_the_answer_names_the_share_in_words_with_repeated_reads_grouped(
    regio, api, client
):
    """The control: granted in full, the answer names Veilig Thuis and the acts on the share (RI-05, RI-17)
    — what the test above removes is there to remove. And M5: the client reads words, not codes, and the
    same read repeated on one day is one row with how often."""
    sam, moeder = sam_en_moeder(regio)
    _verstrekking, d = _deel_met_veilig_thuis_uitgesteld(regio, api, sam)
    medewerker = api(regio.medewerker)
    casus = SimpleNamespace(lisa=sam, moeder=moeder, dossier=d)
    body = deelhulp.toestemming_body(regio, casus, deelhulp.veilig_thuis(regio))
    assert medewerker.post("/api/v1/toestemmingen", body, format="json").status_code == 201
    for _ in range(3):
        assert medewerker.get(f"/api/v1/dossiers/{d.uuid}").status_code == 200
    inloggen(client, BSN_ANDER)
    client.post("/mijn/verzoeken/nieuw", {"soort": "inzage", "persoon": str(sam.uuid)})
    als_systeem()
    v = Verzoek.objects.get(kanaal="portaal")
    url = f"{T}/api/v1/verzoeken/{v.uuid}"
    lg = api(regio.leidinggevende)
    beantwoord_volledig(lg, url, regio.leidinggevende)
    antwoord = lg.get(f"{url}/overzicht").json()
    assert [o["ontvanger"] for o in antwoord["ontvangers"]] == ["Veilig Thuis Zuid-Holland"]
    assert antwoord["onvolledig"] is False
    acties = {r["actie"] for r in antwoord["inzagen"]}
    assert {
        actie_voor_client("deelbesluit.besloten"),
        actie_voor_client("deelbesluit.informeren_uitgesteld"),
    } <= (acties)
    # the JSON keeps the codes and adds the words
    toestemming = antwoord["gegevens"]["toestemmingen"][0]
    assert toestemming["soort"] == "doorbreking_beroepsgeheim"
    assert toestemming["soortNaam"] == "Toestemming om gegevens te delen met een andere organisatie"

    pagina = client.get(f"/mijn/verzoeken/{v.uuid}").content.decode()
    assert "Toestemming om gegevens te delen met een andere organisatie" in pagina
    for code in ("doorbreking_beroepsgeheim", "gegevensdeling", "DS doel", ">systeem<", ": gegeven"):
        assert code not in pagina, code
    gezien = pagina.split("Wie de gegevens van Sam Jansen bekeek", 1)[1]
    rijen = re.findall(r"<tr class=\"utrecht-table__row\"><td", gezien)
    assert 0 < len(rijen) < len(antwoord["inzagen"])  # grouped
    assert re.search(r"Dossier bekeken \((\d+) keer\)", pagina)
    tekst = pdf_tekst(client.get(f"/mijn/verzoeken/{v.uuid}/antwoord.pdf").content)
    assert "Dossier bekeken \\(" in tekst or "Dossier bekeken (" in tekst
    assert "DS doel" not in tekst and "doorbreking_beroepsgeheim" not in tekst


def test_sh_14_ri_07_the_preview_warns_while_a_postponement_awaits_approval(regio, api, ui, client):
    """SH-14, RI-07 (FG review): the wizard asked to postpone informing and the leidinggevende has not
    decided yet — the client has not been told either, so the preview warns as for an approved one."""
    sam, _moeder = sam_en_moeder(regio)
    _deel_met_veilig_thuis_uitgesteld(regio, api, sam, goedgekeurd=False)
    v, _url, _lg = _inzage_in_behandeling(regio, api, client, sam)
    voorbeeld = ui(regio.leidinggevende).get(f"/verzoeken/{v.uuid}/overzicht").content.decode()
    assert "Let op: het informeren van de cliënt is uitgesteld (SH-14)." in voorbeeld


def _deel_besloten_niet_uitgevoerd(regio, api, sam):
    """E5 for Sam, decided but not executed: informing postponed in the wizard, no provision yet — only
    the decision's log lines. Returns the decision's API URL and uuid."""
    d = dossierhulp.dossier(regio, persoon=sam)
    dossierhulp.gestart(regio, d)
    feit = dossierhulp.notitie(regio, d, tekst="Huisbezoek afgelegd; Sam was aanwezig.")
    medewerker = api(regio.medewerker)
    body = deelhulp.g5_aan_vt(regio, SimpleNamespace(dossier=d, feit=feit))
    r = medewerker.post("/api/v1/deelbesluiten", body, format="json")
    assert r.status_code == 201, r.content
    url = r.json()["url"]
    assert consulteer(medewerker, url, regio).status_code == 200
    besluit = {"besluit": "delen", "redenen": "Nodig voor het onderzoek."}
    assert medewerker.post(f"{url}/_besluiten", besluit, format="json").status_code == 200
    return url, r.json()["uuid"]


def test_sh_14_ri_07_a_decided_share_not_yet_executed_is_flagged_and_can_be_withheld(regio, api, ui, client):
    """SH-14, RI-07, RI-17 (FG review): the worker decided to share with Veilig Thuis and postponed telling
    the family, but has not shared yet. There is no provision to withhold, yet the answer's "who saw my
    data" would list "Besluit over delen genomen" and the consultation. The preview and the decision form
    warn of the decision and offer it; withheld on ground (e), it leaves no trace — also when the share is
    executed between the inzage decision and its execution."""
    sam, _moeder = sam_en_moeder(regio)
    deel_url, deel_uuid = _deel_besloten_niet_uitgevoerd(regio, api, sam)
    v, url, lg = _inzage_in_behandeling(regio, api, client, sam)

    voorbeeld = ui(regio.leidinggevende).get(f"/verzoeken/{v.uuid}/overzicht").content.decode()
    assert "Let op: het informeren van de cliënt is uitgesteld (SH-14)." in voorbeeld
    assert "Besluit over delen met Veilig Thuis Zuid-Holland van" in voorbeeld
    assert "Nog niet uitgevoerd, maar het informeren is uitgesteld" in voorbeeld
    pagina = ui(regio.leidinggevende).get(f"/verzoeken/{v.uuid}").content.decode()
    assert re.search(r'name="achter_\d+"[^>]*>\s*<label[^>]*>Besluit over delen met Veilig Thuis', pagina)
    api_voorbeeld = lg.get(f"{url}/overzicht").json()
    assert [(u["soort"], u["item"]) for u in api_voorbeeld["uitstelLoopt"]] == [("deelbesluit", deel_uuid)]

    r = lg.post(
        f"{url}/_besluiten",
        {
            "uitkomst": "gedeeltelijk",
            "redenen": "Een deel van de gegevens krijgt u niet, ter bescherming van anderen.",
            "achtergehouden": [{"item": deel_uuid, "grond": "e"}],
            "mandaat": mandaat(regio.leidinggevende),
        },
        format="json",
    )
    assert r.status_code == 200, r.content
    # the share goes out before the answer does: withholding the decision withholds its provision
    uitvoering = {"datum": today().isoformat(), "vorm": "digitaal"}
    assert api(regio.medewerker).post(f"{deel_url}/_uitvoeren", uitvoering, format="json").status_code == 200
    assert lg.post(f"{url}/_uitvoeren", {"vorm": "schriftelijk"}, format="json").status_code == 200

    antwoord = lg.get(f"{url}/overzicht").json()
    assert antwoord["ontvangers"] == [] and antwoord["onvolledig"] is True
    assert antwoord["inzagen"], "other acts on Sam's data are still listed (RI-17)"
    regels = json.dumps(antwoord["inzagen"], ensure_ascii=False)
    for woord in VERRADERS:
        assert woord not in regels, woord
    pagina = client.get(f"/mijn/verzoeken/{v.uuid}").content.decode()
    for woord in VERRADERS:
        assert woord not in pagina, woord


def test_ri_17_a_decision_not_withheld_or_not_postponed_stays_in_who_saw_my_data(regio, api, client):
    """The control: only a postponement is flagged, and only withholding removes the lines (RI-17)."""
    sam, _moeder = sam_en_moeder(regio)
    _deel_url, deel_uuid = _deel_besloten_niet_uitgevoerd(regio, api, sam)
    _v, url, lg = _inzage_in_behandeling(regio, api, client, sam)
    als_systeem()
    Deelbesluit.objects.filter(uuid=deel_uuid).update(informeren_moment="na")  # the family is told after
    assert lg.get(f"{url}/overzicht").json()["uitstelLoopt"] == []
    r = lg.post(
        f"{url}/_besluiten",
        {"uitkomst": "toegewezen", "redenen": "U krijgt alles.", "mandaat": mandaat(regio.leidinggevende)},
        format="json",
    )
    assert r.status_code == 200, r.content
    assert lg.post(f"{url}/_uitvoeren", {"vorm": "schriftelijk"}, format="json").status_code == 200
    acties = {r["actie"] for r in lg.get(f"{url}/overzicht").json()["inzagen"]}
    assert {
        actie_voor_client("deelbesluit.besloten"),
        actie_voor_client("deelbesluit.geconsulteerd"),
    } <= acties
