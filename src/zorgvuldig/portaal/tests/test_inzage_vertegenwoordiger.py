"""Finding H1 of the portal review: a parent's inzage answer about a 14-year-old told her that he used the
portal himself and filed an objection ("mijn moeder mag dit niet zien"), and its count of "Dossieritem
vastgelegd" lines betrayed a note kept from her (PE-11). A representative's answer leaves out the
person's own portal acts and requests and another's, and every line about an item it leaves out (RI-03,
RI-17, PE-11)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from zorgvuldig.audit.acties import ACTIES, actie_voor_client
from zorgvuldig.conftest import BSN_ANDER, BSN_SAM, als_systeem
from zorgvuldig.dossiers import services as dossiers
from zorgvuldig.dossiers.tests import hulp as dossierhulp
from zorgvuldig.portaal.tests.hulp import inloggen, sam_en_moeder
from zorgvuldig.rechten.models import Verzoek
from zorgvuldig.rechten.tests.hulp import beantwoord_volledig

pytestmark = pytest.mark.django_db
T = "http://testserver"


def test_ri_03_pe_11_a_parents_answer_keeps_the_youths_own_requests_and_kept_notes_out(regio, api):
    sam, _moeder = sam_en_moeder(regio)
    d = dossierhulp.dossier(regio, persoon=sam)
    dossierhulp.gestart(regio, d)
    dossierhulp.notitie(regio, d, tekst="Sam komt weer op school.")
    geheim = dossierhulp.notitie(regio, d, soort="mening", basis="Gesprek.", tekst="Sam heeft een vriendin.")
    dossiers.markeer_niet_voor_vertegenwoordigers(
        actor=regio.actor(regio.medewerker),
        uuid=d.uuid,
        notitie_uuid=geheim.uuid,
        persoon_uuid=sam.uuid,
        reden="Sam wil dit niet met zijn moeder delen.",
    )

    # Sam objects himself, in the portal; the team reads his request
    sam_client = Client()
    inloggen(sam_client, BSN_SAM)
    r = sam_client.post(
        "/mijn/verzoeken/nieuw",
        {"soort": "verzet", "persoon": str(sam.uuid), "toelichting": "Mijn moeder mag dit niet zien."},
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    als_systeem()
    eigen = Verzoek.objects.get(kanaal="portaal", hoedanigheid="zelf")
    lg = api(regio.leidinggevende)
    assert lg.get(f"{T}/api/v1/verzoeken/{eigen.uuid}").status_code == 200

    # Ingrid asks for Sam's data; the team grants it in full
    moeder_client = Client()
    inloggen(moeder_client, BSN_ANDER)
    r = moeder_client.post("/mijn/verzoeken/nieuw", {"soort": "inzage", "persoon": str(sam.uuid)})
    assert r.status_code == 302, r.content.decode()[:2000]
    als_systeem()
    v = Verzoek.objects.exclude(pk=eigen.pk).get(kanaal="portaal")
    url = f"{T}/api/v1/verzoeken/{v.uuid}"
    beantwoord_volledig(lg, url, regio.leidinggevende)

    antwoord = lg.get(f"{url}/overzicht").json()
    assert "vriendin" not in json.dumps(antwoord, ensure_ascii=False)
    regels = antwoord["inzagen"]
    assert regels, "the team's acts on Sam's data are listed (RI-17)"
    assert not [r for r in regels if r["functie"].startswith("de betrokkene zelf")], regels
    assert "vertegenwoordiger via Mijn gegevens" in {r["functie"] for r in regels}  # her own request stays
    # every line about a request is about hers: Sam's objection and its handling stay out
    assert [r["actie"] for r in regels].count(actie_voor_client("verzoek.geregistreerd")) == 1
    over_verzoeken = {actie_voor_client(a) for a in ACTIES if a.startswith("verzoek.")}
    voor_haar_verzoek = [r for r in regels if r["datum"] < v.aangemaakt.isoformat()]
    assert not [r for r in voor_haar_verzoek if r["actie"] in over_verzoeken], voor_haar_verzoek
    # one "Dossieritem vastgelegd" per item she is shown: the kept note is not counted
    items = [i for dos in antwoord["gegevens"]["dossiers"] for i in dos["items"]]
    assert len(items) == 1
    assert [r["actie"] for r in regels].count(actie_voor_client("dossier.item_geregistreerd")) == len(items)

    pagina = moeder_client.get(f"/mijn/verzoeken/{v.uuid}").content.decode()
    assert "de betrokkene zelf via Mijn gegevens" not in pagina
    assert "Mijn moeder mag dit niet zien" not in pagina


def test_ri_05_an_adults_own_answer_lists_her_relations_consents_she_gave_and_their_purposes(regio, api):
    """RI-05 (portal review M13): Ingrid has no dossier of her own, but the team recorded her as Sam's
    parent with authority (from the Gezagsregister) and she gave a consent for him. Her own answer lists
    both, names the source, and gives the purposes her data was processed for — not only "to handle your
    request"."""
    from types import SimpleNamespace

    from zorgvuldig.personen.models import Relatie
    from zorgvuldig.verstrekkingen.tests import hulp as deelhulp

    sam, moeder = sam_en_moeder(regio)
    als_systeem()
    Relatie.objects.filter(persoon=sam, ander=moeder).update(bewijs="Gezagsregister")
    d = dossierhulp.dossier(regio, persoon=sam)
    casus = SimpleNamespace(lisa=sam, moeder=moeder, dossier=d)
    body = deelhulp.toestemming_body(regio, casus, deelhulp.veilig_thuis(regio))
    r = api(regio.medewerker).post("/api/v1/toestemmingen", body, format="json")
    assert r.status_code == 201, r.content

    moeder_client = Client()
    inloggen(moeder_client, BSN_ANDER)
    r = moeder_client.post("/mijn/verzoeken/nieuw", {"soort": "inzage", "persoon": str(moeder.uuid)})
    assert r.status_code == 302, r.content.decode()[:2000]
    als_systeem()
    v = Verzoek.objects.get(kanaal="portaal")
    url = f"{T}/api/v1/verzoeken/{v.uuid}"
    lg = api(regio.leidinggevende)
    beantwoord_volledig(lg, url, regio.leidinggevende)
    antwoord = lg.get(f"{url}/overzicht").json()
    relaties = antwoord["gegevens"]["relaties"]
    assert [r["omschrijving"] for r in relaties] == ["Ingrid Jansen is ouder met gezag van Sam Jansen"]
    assert "Gezagsregister" in antwoord["herkomst"]
    gegeven = antwoord["gegevens"]["toestemmingenGegeven"]
    assert [(t["voor"], t["hoedanigheid"]) for t in gegeven] == [("Sam Jansen", "ouder_met_gezag")]
    assert antwoord["gegevens"]["toestemmingen"] == []  # none is about her
    assert len(antwoord["doelen"]) > 1, antwoord["doelen"]

    pagina = moeder_client.get(f"/mijn/verzoeken/{v.uuid}").content.decode()
    assert "Ingrid Jansen is ouder met gezag van Sam Jansen (bron: Gezagsregister)" in pagina
    assert "Voor Sam Jansen, als ouder met gezag" in pagina
