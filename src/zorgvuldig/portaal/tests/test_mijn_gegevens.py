"""\"Mijn gegevens\": the overview, filing a request, revoking a consent, the answer (SPEC §6, §9)."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

import pytest

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.berichten.models import Bericht
from zorgvuldig.conftest import BSN_ANDER, BSN_SAM, als_systeem
from zorgvuldig.dossiers.tests import hulp as dossierhulp
from zorgvuldig.portaal.tests.hulp import inloggen, sam_en_moeder
from zorgvuldig.rechten.models import Verzoek
from zorgvuldig.rechten.tests.hulp import beantwoord_volledig
from zorgvuldig.toestemmingen.models import Toestemming
from zorgvuldig.verstrekkingen.tests import hulp as deelhulp

pytestmark = pytest.mark.django_db
T = "http://testserver"


class Gezin:
    """Sam (14, BSN_SAM) and Ingrid (BSN_ANDER, authority) in a started dossier at the wijkteam, with
    their written consent naming Veilig Thuis and a decision to share resting on it; and Lisa, another
    client with her own request and consent."""

    def __init__(self, regio, api):
        self.sam, self.moeder = sam_en_moeder(regio)
        self.dossier = dossierhulp.dossier(regio, persoon=self.sam)
        dossierhulp.gestart(regio, self.dossier)
        self.vt = deelhulp.veilig_thuis(regio)
        medewerker = api(regio.medewerker)
        casus = SimpleNamespace(lisa=self.sam, moeder=self.moeder, dossier=self.dossier)
        r = medewerker.post(
            "/api/v1/toestemmingen", deelhulp.toestemming_body(regio, casus, self.vt), format="json"
        )
        assert r.status_code == 201, r.content
        self.toestemming = r.json()
        # CS-08: a decision to share that rests on the consent, decided but not yet executed
        g1 = deelhulp.g5_aan_vt(
            regio,
            SimpleNamespace(dossier=self.dossier, feit=self.dossier),
            grond="g1_toestemming",
            klasse="b",
            toestemming=self.toestemming["url"],
        )
        g1["gegevens"] = [
            {"omschrijving": "Verzuim", "categorie": "schoolgegevens", "soort": "feit", "bron": "document"}
        ]
        g1["stappen"]["informeren"] = {"moment": "voor"}
        g1.pop("wettelijkePlicht")
        r = medewerker.post("/api/v1/deelbesluiten", g1, format="json")
        assert r.status_code == 201, r.content
        self.deelbesluit = r.json()["url"]
        r = medewerker.post(
            f"{self.deelbesluit}/_besluiten",
            {"besluit": "delen", "redenen": "Met toestemming"},
            format="json",
        )
        assert r.status_code == 200, r.content
        # someone else: Lisa, with her own request and consent
        self.lisa = dossierhulp.client(
            regio,
            bsn="999990032",
            voornamen="Lisa",
            geslachtsnaam="Visser",
            geboortedatum=dt.date(1990, 1, 1),
        )
        self.lisa_dossier = dossierhulp.dossier(regio, persoon=self.lisa)
        dossierhulp.gestart(regio, self.lisa_dossier)
        r = medewerker.post(
            "/api/v1/verzoeken",
            {
                "soort": "inzage",
                "betrokkene": {"persoon": f"{T}/api/v1/personen/{self.lisa.uuid}"},
                "hoedanigheid": "zelf",
                "toelichting": "Verzoek van Lisa",
            },
            format="json",
        )
        assert r.status_code == 201, r.content
        self.lisa_verzoek = r.json()["url"]


@pytest.fixture
def gezin(regio, api):
    return Gezin(regio, api)


def _uuid(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[1]


def test_ri_05_overview_shows_only_the_clients_own_requests_and_consents(regio, api, client, gezin):
    """RI-05 / SPEC §9 Visibility: Ingrid sees her consent (she gave it, for Sam) and her requests —
    not Lisa's request or anything of anyone else; the read is audited on channel portaal."""
    r, _ = inloggen(client, BSN_ANDER)
    tekst = r.content.decode()
    assert "Toestemming om gegevens te delen met Veilig Thuis Zuid-Holland, voor Sam Jansen, van " in tekst
    assert "Verzoek van Lisa" not in tekst and "Lisa" not in tekst
    assert f"/mijn/toestemmingen/{_uuid(gezin.toestemming['url'])}/intrekken" in tekst
    assert _uuid(gezin.lisa_verzoek) not in tekst
    assert BSN_ANDER not in tekst and BSN_SAM not in tekst
    als_systeem()
    gelezen = AuditRegel.objects.filter(actie="portaal.overzicht_ingezien")
    assert gelezen.exists() and set(gelezen.values_list("kanaal", flat=True)) == {"portaal"}


def test_ri_05_file_an_inzage_request_in_two_clicks_channel_portaal_and_audited(regio, client, gezin):
    """RI-05, RI-15: "Inzage vragen" opens the form with inzage chosen; "Verstuur" files it at the
    organisation holding the record, received today, term 4 weeks; channel portaal, audited, the handler
    (the leidinggevende) is told by e-mail without naming the person."""
    r, _ = inloggen(client, BSN_SAM)
    assert "/mijn/verzoeken/nieuw?soort=inzage" in r.content.decode()
    r = client.get("/mijn/verzoeken/nieuw?soort=inzage")
    assert r.status_code == 200
    tekst = r.content.decode()
    assert 'value="inzage" id="soort_inzage" checked' in tekst
    keuze = re.search(r'name="persoon" value="([0-9a-f-]+)"', tekst).group(1)
    r = client.post("/mijn/verzoeken/nieuw", {"soort": "inzage", "persoon": keuze})
    assert r.status_code == 302, r.content.decode()
    als_systeem()
    v = Verzoek.objects.get(kanaal="portaal")
    assert r["Location"] == f"/mijn/verzoeken/{v.uuid}"
    assert v.persoon == gezin.sam and v.hoedanigheid == "zelf" and v.indiener is None
    assert v.status == "ontvangen" and v.organisatie == regio.wijkteam
    assert v.behandelaar == regio.leidinggevende
    regel = AuditRegel.objects.get(actie="verzoek.geregistreerd", object_uuid=str(v.uuid))
    assert regel.kanaal == "portaal" and regel.actor_rol == "client"
    assert regel.actor_functie == "de betrokkene zelf via Mijn gegevens"
    bericht = Bericht.objects.get(sleutel=f"portaalverzoek:{v.uuid}")
    assert bericht.aan == regio.leidinggevende.email and "Sam" not in bericht.tekst
    r = client.get(r["Location"])
    tekst = r.content.decode()
    assert r.status_code == 200 and "Ontvangen" in tekst and "op tijd" in tekst
    assert BSN_SAM not in tekst
    # the handler finds it among the requests to verify, like one on paper (RI-01 stays their step)
    assert str(v.uuid) in str(api_lijst(regio))
    # … but sees that it came through Mijn gegevens after DigiD: identity established, capacity to check
    from django.test import Client

    from zorgvuldig.conftest import aanmelden

    pagina = aanmelden(Client(), regio.leidinggevende).get(f"/verzoeken/{v.uuid}").content.decode()
    assert "via Mijn gegevens (ingelogd met DigiD)" in pagina and ", schriftelijk<" not in pagina
    assert re.search(r'name="identiteit"[^>]*checked', pagina)
    assert not re.search(r'name="hoedanigheid"[^>]*checked', pagina)


def api_lijst(regio):
    from rest_framework.test import APIClient

    from zorgvuldig.conftest import aanmelden

    c = APIClient()
    aanmelden(c, regio.leidinggevende)
    return c.get("/api/v1/verzoeken").json()


def test_ri_01_a_parent_files_for_her_child_under_16_as_representative(regio, client, gezin):
    """RI-01, RI-02: Ingrid may act for Sam (14): the request names her as requester in the capacity of
    legal representative; Sam, logging in himself, does not see his mother's request."""
    inloggen(client, BSN_ANDER)
    tekst = client.get("/mijn/verzoeken/nieuw").content.decode()
    assert "Sam Jansen (uw kind) – bij Wijkteam Krimpen" in tekst
    r = client.post(
        "/mijn/verzoeken/nieuw",
        {"soort": "correctie", "persoon": str(gezin.sam.uuid), "toelichting": "Zijn adres klopt niet."},
    )
    assert r.status_code == 302, r.content.decode()
    als_systeem()
    v = Verzoek.objects.get(kanaal="portaal")
    assert v.persoon == gezin.sam and v.indiener == gezin.moeder
    assert v.hoedanigheid == "wettelijk_vertegenwoordiger" and v.soort == "correctie"
    client.post("/mijn/uitloggen")
    r, _ = inloggen(client, BSN_SAM)
    assert f"/mijn/verzoeken/{v.uuid}" not in r.content.decode()
    assert client.get(f"/mijn/verzoeken/{v.uuid}").status_code == 404


def test_a_correction_needs_an_explanation_and_a_stranger_record_is_refused(regio, client, gezin):
    inloggen(client, BSN_SAM)
    r = client.post("/mijn/verzoeken/nieuw", {"soort": "correctie", "persoon": str(gezin.sam.uuid)})
    assert r.status_code == 400 and "Schrijf kort op wat u wilt" in r.content.decode()
    r = client.post("/mijn/verzoeken/nieuw", {"soort": "inzage", "persoon": str(gezin.lisa.uuid)})
    assert r.status_code == 400
    r = client.post("/mijn/verzoeken/nieuw", {"soort": "onbekend", "persoon": str(gezin.sam.uuid)})
    assert r.status_code == 400
    als_systeem()
    assert not Verzoek.objects.filter(kanaal="portaal").exists()


def test_cs_07_cs_08_revoke_a_consent_in_one_step_ends_the_share_and_is_audited(regio, api, client, gezin):
    """CS-07: one POST from the overview — as many steps as giving took; the consequences in plain words.
    CS-08: the decision to share that rested on it ends. Audited on channel portaal."""
    inloggen(client, BSN_ANDER)
    uuid = _uuid(gezin.toestemming["url"])
    r = client.post(f"/mijn/toestemmingen/{uuid}/intrekken", follow=True)
    assert r.status_code == 200
    tekst = r.content.decode()
    assert "Uw toestemming is ingetrokken" in tekst and "vanaf nu" in tekst
    # the professional's next step (CS-09/DS-15 advice) is not for the client
    assert "(DS-15)" not in tekst and "(CS-09" not in tekst and "client_stopt" not in tekst
    assert "Toestemming intrekken</button>" not in tekst  # nothing left to revoke
    als_systeem()
    rij = Toestemming.objects.get(uuid=uuid)
    assert rij.status == "ingetrokken" and rij.ingetrokken_kanaal == "portaal"
    regel = AuditRegel.objects.get(actie="toestemming.ingetrokken", status="uitgevoerd")
    assert regel.kanaal == "portaal" and regel.actor_functie == "vertegenwoordiger via Mijn gegevens"
    assert AuditRegel.objects.filter(actie="deelbesluit.beeindigd", kanaal="portaal").exists()
    # the FG's log says a representative acted in the portal, not "systeem"/"client" (AU-02, review M15)
    from django.test import Client as WebClient

    from zorgvuldig.conftest import aanmelden

    logboek = aanmelden(WebClient(), regio.fg).post("/logboek", {"bsn": BSN_SAM}).content.decode()
    assert "vertegenwoordiger via Mijn gegevens" in logboek and "Cliëntportaal" in logboek
    assert "Cliënt of vertegenwoordiger" in logboek
    assert api(regio.medewerker).get(gezin.deelbesluit).json()["status"] == "beeindigd"
    # a second time: already revoked, nothing changes
    r = client.post(f"/mijn/toestemmingen/{uuid}/intrekken", follow=True)
    assert "al ingetrokken" in r.content.decode() or "niet mogelijk" in r.content.decode().lower()


def test_e7_cs_09_the_case_team_hears_at_once_of_a_revocation_in_mijn_gegevens(regio, api, client, ui, gezin):
    """SPEC E7: the mother revokes online; the team must weigh CS-09 — so every case-team member gets an
    e-mail through the outbox (the dossier's reference only, no client data) and the advice in their
    inbox. A revocation by the worker in the web UI sends nothing: they already know."""
    from django.core import mail

    from zorgvuldig.berichten.bezorging import bezorg

    inloggen(client, BSN_ANDER)
    assert client.post(f"/mijn/toestemmingen/{_uuid(gezin.toestemming['url'])}/intrekken").status_code == 302
    bezorg()
    aan_team = [m for m in mail.outbox if m.subject == "Toestemming ingetrokken"]
    assert [m.to for m in aan_team] == [[regio.medewerker.email]]
    tekst = aan_team[0].body
    assert gezin.dossier.kenmerk in tekst and f"/toestemmingen/{_uuid(gezin.toestemming['url'])}" in tekst
    for verboden in ("Sam", "Ingrid", BSN_SAM, BSN_ANDER, "Veilig Thuis"):
        assert verboden not in tekst + aan_team[0].subject
    inbox = ui(regio.medewerker).get("/overzicht").content.decode()
    assert f"Via Mijn gegevens is in dossier {gezin.dossier.kenmerk} een toestemming ingetrokken." in inbox
    # a release of secrecy (CS-01 kind 2) ends the sharing, not the help: no advice to close (DS-15)
    assert "de hulp zelf gaat door" in inbox and "DS-15" not in inbox
    assert "toestemming ingetrokken" not in ui(regio.leraar).get("/overzicht").content.decode()
    # a revocation the worker records (the client told them) sends nothing: they already know
    casus = SimpleNamespace(lisa=gezin.sam, moeder=gezin.moeder, dossier=gezin.dossier)
    medewerker = api(regio.medewerker)
    r = medewerker.post(
        "/api/v1/toestemmingen", deelhulp.toestemming_body(regio, casus, gezin.vt), format="json"
    )
    assert r.status_code == 201, r.content
    assert medewerker.post(f"{r.json()['url']}/_intrekken", {}, format="json").status_code == 200
    bezorg()
    assert len([m for m in mail.outbox if m.subject == "Toestemming ingetrokken"]) == 1


def test_cs_07_sam_may_revoke_what_he_gave_but_not_a_consent_of_someone_else(regio, api, client, gezin):
    """CS-07: the giver revokes; a consent of another person is "not found" and stays as it was."""
    medewerker = api(regio.medewerker)
    lisa = SimpleNamespace(lisa=gezin.lisa, moeder=gezin.moeder, dossier=gezin.lisa_dossier)  # adult Lisa
    body = deelhulp.toestemming_body(regio, lisa, gezin.vt, soort="grondslag_verwerking")
    body["gevers"] = [{"persoon": f"{T}/api/v1/personen/{gezin.lisa.uuid}", "hoedanigheid": "zelf"}]
    body["betrokkene"] = f"{T}/api/v1/personen/{gezin.lisa.uuid}"
    r = medewerker.post("/api/v1/toestemmingen", body, format="json")
    assert r.status_code == 201, r.content
    vreemd = _uuid(r.json()["url"])
    inloggen(client, BSN_SAM)
    assert vreemd not in client.get("/mijn/overzicht").content.decode()
    assert client.post(f"/mijn/toestemmingen/{vreemd}/intrekken").status_code == 404
    als_systeem()
    assert Toestemming.objects.get(uuid=vreemd).status == "gegeven"
    r = client.post(f"/mijn/toestemmingen/{_uuid(gezin.toestemming['url'])}/intrekken")
    assert r.status_code == 302
    als_systeem()
    assert Toestemming.objects.get(uuid=_uuid(gezin.toestemming["url"])).status == "ingetrokken"


def test_revoking_needs_post_and_csrf(regio, client, gezin):
    from django.test import Client

    inloggen(client, BSN_ANDER)
    uuid = _uuid(gezin.toestemming["url"])
    assert client.get(f"/mijn/toestemmingen/{uuid}/intrekken").status_code == 405
    streng = Client(enforce_csrf_checks=True)
    streng.cookies = client.cookies
    assert streng.post(f"/mijn/toestemmingen/{uuid}/intrekken").status_code == 403
    als_systeem()
    assert Toestemming.objects.get(uuid=uuid).status == "gegeven"


def test_ri_05_ri_17_the_delivered_answer_and_its_pdf(regio, api, client, gezin):
    """RI-05: once executed, the client reads the answer as it was sent, with who saw the data by function
    and organisation (RI-17), and downloads the PDF; both reads audited on channel portaal; no BSN."""
    inloggen(client, BSN_ANDER)  # an adult asks for her own data (Sam, 14, would first need PE-06)
    client.post("/mijn/verzoeken/nieuw", {"soort": "inzage", "persoon": str(gezin.moeder.uuid)})
    als_systeem()
    v = Verzoek.objects.get(kanaal="portaal")
    url = f"{T}/api/v1/verzoeken/{v.uuid}"
    lg = api(regio.leidinggevende)
    beantwoord_volledig(lg, url, regio.leidinggevende)

    r = client.get("/mijn/overzicht")
    tekst = r.content.decode()
    assert f"/mijn/verzoeken/{v.uuid}/antwoord.pdf" in tekst and "Klaar: toegewezen" in tekst
    r = client.get(f"/mijn/verzoeken/{v.uuid}")
    tekst = r.content.decode()
    assert r.status_code == 200
    assert "Het antwoord: uw gegevens" in tekst and "Ingrid Jansen" in tekst
    assert "Wie uw gegevens bekeek" in tekst and "Wijkteam Krimpen" in tekst
    assert "Uw verzoek is toegewezen" in tekst and "U krijgt alles." in tekst
    assert "bezwaar" in tekst  # RI-16: the wijkteam is a bestuursorgaan
    assert BSN_ANDER not in tekst and "Fatima" not in tekst  # RI-17: functions, not names
    pdf = client.get(f"/mijn/verzoeken/{v.uuid}/antwoord.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "no-store" in pdf["Cache-Control"]
    als_systeem()
    gelezen = AuditRegel.objects.filter(actie="verzoek.ingezien", object_uuid=str(v.uuid), kanaal="portaal")
    assert gelezen.count() >= 3  # detail, answer on the page, PDF


def test_no_bsn_in_any_portal_page(regio, client, gezin):
    _r, bezocht = inloggen(client, BSN_ANDER)
    paginas = [
        "/mijn/overzicht",
        "/mijn/verzoeken/nieuw",
        "/mijn/verzoeken/nieuw?soort=inzage",
        "/mijn/uitloggen",
    ]
    for pad in paginas:
        tekst = client.get(pad).content.decode()
        assert BSN_ANDER not in tekst and BSN_SAM not in tekst, pad
    for url in bezocht:
        assert BSN_ANDER not in url
