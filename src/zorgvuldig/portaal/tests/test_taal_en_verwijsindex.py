"""Mijn gegevens as a client with B1-level Dutch reads it (review findings 4, 5, 12, 14, 18): decisions name
their grounds without rule IDs and say where bezwaar goes; pages and the PDF say whom to ask; a parent reads
"the data of Sam", not "your data"; and a youth can ask about the verwijsindex, which the VI-beheerder
handles (RI-08, RI-12). That no page or PDF of any portal journey names a rule ID is checked for every
portal test by `conftest.py`."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from zorgvuldig.berichten.models import Bericht
from zorgvuldig.conftest import BSN_ANDER, BSN_SAM, als_systeem
from zorgvuldig.dossiers.tests import hulp as dossierhulp
from zorgvuldig.organisaties.models import Verwerkingsverantwoordelijke
from zorgvuldig.portaal.tests.hulp import inloggen, pdf_tekst, sam_en_moeder
from zorgvuldig.rechten.models import Verzoek
from zorgvuldig.rechten.tests.hulp import VERIFIEER, beantwoord_volledig, mandaat

pytestmark = pytest.mark.django_db
T = "http://testserver"
ADRES = "Voorbeeldplein 1, 2921 AA Krimpen aan den IJssel"
SPEC_ID = re.compile(r"\b(RI|CS|PE|DS|VI|SH|AU|AC|GP|RT|RG|RP)-\d")


def _bezwaar_en_fg(regio):
    """The controller's bezwaar address and FG contact, as its beheerder configures them (RI-16)."""
    from zorgvuldig.organisaties.services import wijzig_verwerkingsverantwoordelijke

    wijzig_verwerkingsverantwoordelijke(
        actor=regio.actor(regio.beheerder),
        uuid=regio.gemeente.uuid,
        data={
            "bezwaar_adres": ADRES,
            "bezwaar_email": "Bezwaar@Krimpen.example.org",
            "fg_telefoon": "+31600000010",
        },
    )


def _portaalverzoek(client, **data):
    r = client.post("/mijn/verzoeken/nieuw", data)
    assert r.status_code == 302, r.content.decode()[:3000]
    als_systeem()
    return Verzoek.objects.get(uuid=r["Location"].rsplit("/", 1)[1])


def _tekst(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_finding_12_ri_16_the_bezwaar_clause_names_the_bestuursorgaan_its_address_and_the_fg(
    regio, api, client
):
    """RI-16 (Awb 6:4): the clause names the body that decided — the controller, by its name — with the
    address and e-mail it configured; pages and the PDF give the FG's contact, not just "contact us". A
    decision that grants in full is an Awb besluit too (UAVG art 34, Awb 3:45): it keeps the clause and
    says why a client who got everything may still object."""
    _bezwaar_en_fg(regio)
    _sam, moeder = sam_en_moeder(regio)
    inloggen(client, BSN_ANDER)
    v = _portaalverzoek(client, soort="inzage", persoon=str(moeder.uuid))
    beantwoord_volledig(api(regio.leidinggevende), f"{T}/api/v1/verzoeken/{v.uuid}", regio.leidinggevende)

    pagina = _tekst(client.get(f"/mijn/verzoeken/{v.uuid}").content.decode())
    clausule = (
        f"Stuur uw bezwaarschrift aan College van B en W Krimpen, {ADRES}. "
        "U kunt het ook e-mailen naar bezwaar@krimpen.example.org."
    )
    assert clausule in pagina
    assert "het bestuursorgaan dat het besluit nam" not in pagina
    assert "Wij doen wat u vroeg. Denkt u toch dat het besluit niet klopt" in pagina  # a full grant
    for waar in (pagina, _tekst(client.get("/mijn/overzicht").content.decode())):
        assert "De functionaris gegevensbescherming van College van B en W Krimpen" in waar
        assert "Anne Jansen." in waar and "fg@krimpen.example.org" in waar and "+31600000010" in waar

    pdf = pdf_tekst(client.get(f"/mijn/verzoeken/{v.uuid}/antwoord.pdf").content)
    assert "Stuur uw bezwaarschrift aan College van B en W Krimpen, Voorbeeldplein 1" in pdf
    assert "functionaris gegevensbescherming van College van B en W Krimpen: Anne Jansen" in pdf
    assert "Overzicht van uw gegevens" in pdf  # she asked about herself

    # the beheerder's change is audited like any configuration change (AU-02), the e-mail normalised
    als_systeem()
    vv = Verwerkingsverantwoordelijke.objects.get(pk=regio.gemeente.pk)
    assert (vv.bezwaar_adres, vv.bezwaar_email) == (ADRES, "bezwaar@krimpen.example.org")


def test_finding_4_ri_07_a_refusal_names_its_ground_in_words_without_rule_ids(regio, api, client):
    """RI-07, RI-08: a correction refused because the data are right gives the client that ground in plain
    words — on the page and nowhere an "(RI-08)" — and the bezwaar clause without the full-grant note."""
    _sam, moeder = sam_en_moeder(regio)
    inloggen(client, BSN_ANDER)
    v = _portaalverzoek(
        client, soort="correctie", persoon=str(moeder.uuid), toelichting="Mijn geboortedatum klopt niet."
    )
    url = f"{T}/api/v1/verzoeken/{v.uuid}"
    lg = api(regio.leidinggevende)
    assert lg.post(f"{url}/_verifieren", VERIFIEER, format="json").status_code == 200
    assert lg.post(f"{url}/_beoordelen", {}, format="json").status_code == 200
    r = lg.post(
        f"{url}/_besluiten",
        {
            "uitkomst": "afgewezen",
            "redenen": "Wij hebben de datum nagekeken bij de gemeente.",
            "weigeringsgronden": ["gegevens_juist"],
            "mandaat": mandaat(regio.leidinggevende),
        },
        format="json",
    )
    assert r.status_code == 200, r.content
    assert lg.post(f"{url}/_uitvoeren", {"vorm": "schriftelijk"}, format="json").status_code == 200

    pagina = _tekst(client.get(f"/mijn/verzoeken/{v.uuid}").content.decode())
    assert "Uw verzoek is afgewezen" in pagina
    assert "De gegevens kloppen, zijn volledig en zijn nodig voor de hulp." in pagina
    assert not SPEC_ID.search(pagina)
    assert "Bezwaar maken tegen dit besluit" in pagina and "Wij doen wat u vroeg" not in pagina


def test_finding_12_ri_12_verzet_is_not_called_bezwaar(regio, client):
    """RI-12 vs RI-16: the request to stop using one's data is "verzet", in words that do not sound like
    the bezwaar against a decision."""
    sam_en_moeder(regio)
    inloggen(client, BSN_ANDER)
    pagina = _tekst(client.get("/mijn/verzoeken/nieuw").content.decode())
    assert "Stoppen met het gebruik van mijn gegevens (verzet)" in pagina
    assert "Bezwaar maken tegen gebruik" not in pagina


def test_finding_18_a_parent_reads_the_data_of_her_son_by_name(regio, api, client):
    """RI-05 for a representative (finding 18): the answer and its PDF speak of Sam's data by name, not of
    "your data"; the table of who saw the data has a caption (finding 22)."""
    sam, _moeder = sam_en_moeder(regio)
    inloggen(client, BSN_ANDER)
    v = _portaalverzoek(client, soort="inzage", persoon=str(sam.uuid))
    beantwoord_volledig(api(regio.leidinggevende), f"{T}/api/v1/verzoeken/{v.uuid}", regio.leidinggevende)

    html = client.get(f"/mijn/verzoeken/{v.uuid}").content.decode()
    assert "Het antwoord: de gegevens van Sam Jansen" in html
    assert "Wie de gegevens van Sam Jansen bekeek" in html
    tabel = html.split("Wie de gegevens van Sam Jansen bekeek", 1)[1].split("</table>", 1)[0]
    assert re.search(r"<caption[^>]*>Wie de gegevens bekeek of gebruikte", tabel)
    pdf = pdf_tekst(client.get(f"/mijn/verzoeken/{v.uuid}/antwoord.pdf").content)
    assert "Overzicht van de gegevens van Sam Jansen" in pdf and "Overzicht van uw gegevens" not in pdf
    assert "Wie de gegevens van Sam Jansen bekeek" in pdf


def test_finding_14_the_answer_uses_the_clients_words(regio, api, client):
    """RI-05 (finding 14): the categories, purposes, acts, retention and the dossier's state and frame read
    in plain words on the page and in the PDF; the JSON keeps its codes."""
    _sam, moeder = sam_en_moeder(regio)
    d = dossierhulp.dossier(regio, persoon=moeder)
    dossierhulp.gestart(regio, d)
    inloggen(client, BSN_ANDER)
    v = _portaalverzoek(client, soort="inzage", persoon=str(moeder.uuid))
    url = f"{T}/api/v1/verzoeken/{v.uuid}"
    lg = api(regio.leidinggevende)
    beantwoord_volledig(lg, url, regio.leidinggevende)

    pagina = _tekst(client.get(f"/mijn/verzoeken/{v.uuid}").content.decode())
    pdf = pdf_tekst(client.get(f"/mijn/verzoeken/{v.uuid}/antwoord.pdf").content)
    for tekst in (pagina, pdf.replace("\\(", "(").replace("\\)", ")")):
        for jargon in (
            "blinde index",
            "ZRM-domeinen",
            "Proactieve",
            "Deelbesluit",
            "(tot 1 januari)",
            "status vraagverheldering",
            "kader vrijwillig",
            "Persoon geregistreerd",
        ):
            assert jargon not in tekst, jargon
        assert "Burgerservicenummer (BSN). Wij bewaren het zo dat anderen het niet kunnen lezen." in tekst
        assert "Hulp en ondersteuning bij alles wat nodig is" in tekst
        assert "Persoonsgegevens vastgelegd" in tekst
        assert "Hoe het ervoor staat: wij zoeken samen uit welke hulp nodig is. Soort hulp: vrijwillig." in (
            tekst
        )
        assert "Wij vernietigen het op 1 januari, 15 jaar na het jaar waarin de hulp stopte." in tekst
    dossier = lg.get(f"{url}/overzicht").json()["gegevens"]["dossiers"][0]
    assert (dossier["status"], dossier["kader"]) == ("vraagverheldering", "vrijwillig")  # codes stay


# --- Finding 5: the verwijsindex (RI-08, RI-12, VI-01) ------------------------------------------------------


@pytest.fixture
def jongere(regio):
    """Sam, 15, a client of the wijkteam, with an active verwijsindex signal from his school (and a note in
    his wijkteam dossier that a VI answer must not contain); assessed competent to act alone (RI-01)."""
    from zorgvuldig.personen.services import registreer_beoordeling
    from zorgvuldig.verwijsindex.tests.hulp import VI, sam_geboren

    sam = dossierhulp.client(
        regio,
        voornamen="Sam",
        geslachtsnaam="de Wit",
        geboortedatum=sam_geboren(),
        bsn=BSN_SAM,
        bsn_ontbreekt_reden="",
    )
    d = dossierhulp.dossier(regio, persoon=sam)
    dossierhulp.gestart(regio, d)
    dossierhulp.notitie(regio, d, tekst="Gesprek over thuis; Sam was open.")
    signaal = VI(regio).signaleer(regio.leraar)  # OSG Het Baken, another controller
    registreer_beoordeling(
        actor=regio.actor(regio.medewerker),
        persoon_uuid=sam.uuid,
        soort="bekwaamheid_12_15",
        uitkomst=True,
        datum=dt.date.today(),
        redenen="Gesprek over zijn situatie.",
    )
    return sam, signaal


def _vi_keuze(client) -> str:
    html = client.get("/mijn/verzoeken/nieuw").content.decode()
    keuze = re.search(r'name="persoon" value="(vi:[0-9a-f-]+)"', html)
    assert keuze, "the form offers a choice about the verwijsindex"
    return keuze.group(1)


def test_finding_5_ri_12_a_youths_verzet_about_the_verwijsindex_reaches_the_vi_beheerder(
    regio, api, client, jongere
):
    """RI-12, RI-08 (finding 5): Sam (15) objects in Mijn gegevens to the school's use of his data in the
    verwijsindex. The form offers "about the verwijsindex" with what it is; the request is about VI data
    and lands with the VI-beheerder, who decides it (the leidinggevende may not); upheld, the school's
    signal is withdrawn."""
    sam, signaal = jongere
    inloggen(client, BSN_SAM)
    html = client.get("/mijn/verzoeken/nieuw").content.decode()
    assert "Uzelf – over de verwijsindex" in html and "Uzelf – bij Wijkteam Krimpen" in html
    assert "De verwijsindex is een lijst waarin hulpverleners, scholen en zorgverleners" in html
    assert "OSG Het Baken" not in html  # the form reveals nothing of the index (VI-01)
    v = _portaalverzoek(
        client,
        soort="verzet",
        persoon=_vi_keuze(client),
        toelichting="Ik wil niet dat de school mijn gegevens krijgt.",
    )
    assert v.verwijsindex and v.persoon == sam and v.hoedanigheid == "zelf"
    assert v.behandelaar == regio.vi_beheerder and v.kanaal == "portaal"
    assert Bericht.objects.filter(sleutel=f"portaalverzoek:{v.uuid}", aan=regio.vi_beheerder.email).exists()
    pagina = _tekst(client.get(f"/mijn/verzoeken/{v.uuid}").content.decode())
    assert "Waarover De verwijsindex" in pagina

    vib = api(regio.vi_beheerder)
    assert str(v.uuid) in str(vib.get("/api/v1/verzoeken").json())  # the VI-beheerder's queue
    url = f"{T}/api/v1/verzoeken/{v.uuid}"
    assert vib.post(f"{url}/_verifieren", VERIFIEER, format="json").status_code == 200
    assert vib.post(f"{url}/_beoordelen", {}, format="json").status_code == 200
    besluit = {"uitkomst": "toegewezen", "redenen": "Uw verzet is gegrond."}
    lg = api(regio.leidinggevende)
    r = lg.post(f"{url}/_besluiten", {**besluit, "mandaat": mandaat(regio.leidinggevende)}, format="json")
    assert r.status_code == 403 and r.json()["code"] == "E_AC_NOT_AUTHORISED"  # RI-12: not the wijkteam's
    assert vib.post(f"{url}/_besluiten", besluit, format="json").status_code == 200
    r = vib.post(f"{url}/_uitvoeren", {}, format="json")
    assert r.status_code == 200, r.content
    assert r.json()["uitvoering"]["signalenIngetrokken"] == 1
    from zorgvuldig.verwijsindex.models import Signaal

    als_systeem()
    assert Signaal.objects.get(pk=signaal.pk).status == "ingetrokken"
    assert "Uw verzoek is toegewezen" in _tekst(client.get(f"/mijn/verzoeken/{v.uuid}").content.decode())


def test_finding_5_ri_08_an_inzage_about_the_verwijsindex_is_answered_from_the_index(
    regio, api, client, jongere
):
    """RI-05, RI-08 (finding 5): asked about the verwijsindex, the VI-beheerder answers with the index's
    data — the school's signal — and not the wijkteam's dossier."""
    inloggen(client, BSN_SAM)
    v = _portaalverzoek(client, soort="inzage", persoon=_vi_keuze(client))
    url = f"{T}/api/v1/verzoeken/{v.uuid}"
    vib = api(regio.vi_beheerder)
    assert vib.post(f"{url}/_verifieren", VERIFIEER, format="json").status_code == 200
    assert vib.post(f"{url}/_beoordelen", {}, format="json").status_code == 200
    r = vib.post(f"{url}/_besluiten", {"uitkomst": "toegewezen", "redenen": "U krijgt alles."}, format="json")
    assert r.status_code == 200, r.content
    assert vib.post(f"{url}/_uitvoeren", {"vorm": "schriftelijk"}, format="json").status_code == 200

    pagina = _tekst(client.get(f"/mijn/verzoeken/{v.uuid}").content.decode())
    assert "Signaal van OSG Het Baken" in pagina
    assert "Gesprek over thuis" not in pagina and "Er is geen dossier." in pagina
    pdf = pdf_tekst(client.get(f"/mijn/verzoeken/{v.uuid}/antwoord.pdf").content)
    assert "OSG Het Baken" in pdf and "Gesprek over thuis" not in pdf


def test_finding_5_vi_01_the_choice_is_offered_whether_or_not_the_index_holds_a_signal(regio, client):
    """VI-01: the portal must not tell whether the index holds a signal, so someone without one is offered
    the same choice — and a choice the form did not offer is refused like an unknown one."""
    _sam, moeder = sam_en_moeder(regio)  # no signal on Ingrid or Sam
    vreemde = dossierhulp.client(regio)
    inloggen(client, BSN_ANDER)
    keuze = _vi_keuze(client)
    assert keuze == f"vi:{moeder.uuid}"
    html = client.get("/mijn/verzoeken/nieuw").content.decode()
    assert "Sam Jansen (uw kind) – over de verwijsindex" in html
    r = client.post("/mijn/verzoeken/nieuw", {"soort": "inzage", "persoon": f"vi:{vreemde.uuid}"})
    assert r.status_code == 400  # not one of hers
    als_systeem()
    assert not Verzoek.objects.filter(kanaal="portaal").exists()
