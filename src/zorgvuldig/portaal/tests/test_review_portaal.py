"""The portal review, walked as a mother with authority, a 10-year-old, a 14-year-old, a 17-year-old and an
adult: who may file for themselves by age (RI-01, PE-06), revoking a consent and being told of it (CS-07),
error pages under /mijn, a double submit, shielding and an own statement (RI-08, RI-09), an extended term
(RI-15), the outcome of a decision in words, the form's errors (WCAG 3.3.1/3.3.3) and the consents' names."""

from __future__ import annotations

import datetime as dt
import re
import uuid as uuidlib

import pytest
from django.test import Client

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.berichten.models import Bericht
from zorgvuldig.conftest import BSN_ANDER, BSN_SAM, als_systeem
from zorgvuldig.core.clock import today
from zorgvuldig.core.errors import DomainError
from zorgvuldig.portaal import policies
from zorgvuldig.portaal.tests.hulp import BSN_DAAN, BSN_NOOR, bekwaam, inloggen, kind_van
from zorgvuldig.portaal.tests.test_mijn_gegevens import Gezin
from zorgvuldig.rechten.models import Verzoek
from zorgvuldig.rechten.policies import besluittermijn, lange_datum
from zorgvuldig.rechten.tests.hulp import VERIFIEER, mandaat
from zorgvuldig.toestemmingen.models import Toestemming
from zorgvuldig.verstrekkingen.tests import hulp as deelhulp

pytestmark = pytest.mark.django_db
T = "http://testserver"


@pytest.fixture
def gezin(regio, api):
    return Gezin(regio, api)


def _uuid(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[1]


def _tekst(r) -> str:
    return r.content.decode()


def _zonder_tokens(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def _dien_in(client, **data) -> object:
    return client.post("/mijn/verzoeken/nieuw", data)


def _portaal_verzoek(gezin, **data):
    return Verzoek.objects.filter(kanaal="portaal", **data)


# --- 3. Age (RI-01, PE-06) ---------------------------------------------------------------------------


def test_ri_01_a_child_under_12_gets_no_form_for_herself_and_a_posted_request_is_refused(
    regio, client, gezin
):
    """RI-01: under 12 the parent or guardian exercises the child's rights. Noor (10) sees why and who can
    ask for her, instead of a form that would end in a formal refusal with a bezwaar clause; a request
    posted anyway is not filed. Her mother can still ask for her."""
    noor = kind_van(regio, gezin.moeder, bsn=BSN_NOOR, voornaam="Noor", jaren=10)
    r, _ = inloggen(client, BSN_NOOR)
    tekst = _tekst(r)
    assert "Je ouder of voogd kan dit voor je vragen." in tekst
    assert "Inzage vragen</a>" not in tekst and "?soort=inzage" not in tekst
    r = client.get("/mijn/verzoeken/nieuw")
    tekst = _tekst(r)
    assert (
        r.status_code == 200 and "Je bent jonger dan 12. Je ouder of voogd kan dit voor je vragen." in tekst
    )
    assert 'name="soort"' not in tekst and "Verstuur" not in tekst
    r = _dien_in(client, soort="inzage", persoon=str(noor.uuid))
    assert r.status_code == 200 and 'name="soort"' not in _tekst(r)
    als_systeem()
    assert not Verzoek.objects.filter(persoon=noor).exists()
    # her mother asks for her (RI-01, RI-02)
    client.post("/mijn/uitloggen")
    inloggen(client, BSN_ANDER)
    assert "Noor Jansen (uw kind)" in _tekst(client.get("/mijn/verzoeken/nieuw"))
    assert _dien_in(client, soort="inzage", persoon=str(noor.uuid)).status_code == 302
    als_systeem()
    assert Verzoek.objects.get(persoon=noor).indiener == gezin.moeder


def test_ri_01_the_rights_service_refuses_a_request_of_a_child_under_12_about_herself(regio, gezin):
    """RI-01 at the service: a portal request by a child under 12 about herself is refused before it is
    filed (E_RI_NOT_ENTITLED), audited as refused, nothing written and no handler mailed."""
    from zorgvuldig.core.context import Actor
    from zorgvuldig.rechten.services import registreer_via_portaal

    noor = kind_van(regio, gezin.moeder, bsn=BSN_NOOR, voornaam="Noor", jaren=10)
    with pytest.raises(DomainError) as fout:
        registreer_via_portaal(actor=Actor.portaal(noor.organisatie), persoon=noor, soort="inzage")
    assert fout.value.code == "E_RI_NOT_ENTITLED"
    als_systeem()
    assert not Verzoek.objects.filter(persoon=noor).exists()
    assert not Bericht.objects.filter(sleutel__startswith="portaalverzoek:").exists()
    assert AuditRegel.objects.filter(
        actie="verzoek.geregistreerd", status="geweigerd", code="E_RI_NOT_ENTITLED", kanaal="portaal"
    ).exists()


def test_ri_01_pe_06_a_youth_of_14_keeps_the_form_and_is_told_the_team_first_checks_competence(
    regio, client, gezin
):
    """RI-01, PE-06: Sam (14) may file; the form and his request say, in "je", that the team first checks
    whether he can decide this alone, and what happens then — not "Wij controleren eerst …".
    Once assessed competent, the form no longer says so."""
    inloggen(client, BSN_SAM)
    tekst = _tekst(client.get("/mijn/verzoeken/nieuw?soort=inzage"))
    assert policies.BEKWAAMHEID_UITLEG in tekst
    assert "Je ouder of voogd kan het dan voor je vragen." in tekst
    r = _dien_in(client, soort="inzage", persoon=str(gezin.sam.uuid))
    assert r.status_code == 302
    tekst = _tekst(client.get(r["Location"]))
    assert "Wij hebben je verzoek ontvangen. Je krijgt binnen 4 weken antwoord." in tekst
    assert "Het team kijkt eerst of je dit zelf kunt beslissen." in tekst
    assert policies.BEKWAAMHEID_UITLEG in tekst
    assert "Wij controleren eerst" not in tekst
    bekwaam(regio, gezin.sam)
    tekst = _tekst(client.get("/mijn/verzoeken/nieuw?soort=inzage"))
    assert policies.BEKWAAMHEID_UITLEG not in tekst and 'name="soort"' in tekst


def test_ri_01_an_adult_is_not_told_about_competence(regio, client, gezin):
    inloggen(client, BSN_ANDER)
    assert policies.BEKWAAMHEID_UITLEG not in _tekst(client.get("/mijn/verzoeken/nieuw"))
    r = _dien_in(client, soort="inzage", persoon=str(gezin.moeder.uuid))
    tekst = _tekst(client.get(r["Location"]))
    assert "Wij controleren eerst of u dit mag vragen" in tekst and policies.BEKWAAMHEID_STATUS not in tekst


# --- 6. Revoking a consent (CS-07) ---------------------------------------------------------------------


def test_cs_07_after_revoking_the_message_names_the_consent_where_the_page_lands_and_takes_focus(
    regio, client, gezin
):
    """CS-07: the message names the revoked consent (recipient, date), does not say twice that it is
    revoked, tells how to give it again (contact the organisation), and sits in the consents section
    where the redirect lands, focusable and focused on load (a live region present at load is not read)."""
    inloggen(client, BSN_ANDER)
    uuid = _uuid(gezin.toestemming["url"])
    r = client.post(f"/mijn/toestemmingen/{uuid}/intrekken")
    assert r.status_code == 302 and r["Location"] == "/mijn/overzicht#toestemming-melding"
    tekst = _tekst(client.get(r["Location"].split("#")[0]))
    datum = lange_datum(today())
    kop = f"Toestemming om gegevens te delen met Veilig Thuis Zuid-Holland, voor Sam Jansen, van {datum}"
    melding = re.search(r'<div id="toestemming-melding"[^>]*>(.*?)</div>\s*</div>', tekst, re.S)
    assert melding, tekst
    assert 'tabindex="-1" autofocus' in melding.group(0)
    assert tekst.index('id="toestemmingen-kop"') < melding.start()  # in the section it lands on
    inhoud = melding.group(1)
    assert f"U heeft deze toestemming ingetrokken: {kop}." in inhoud
    assert "Uw toestemming is ingetrokken" in inhoud  # its heading
    assert "U trekt uw toestemming in" not in inhoud and "Dat geldt vanaf nu." in inhoud
    assert "Neem dan contact op met Wijkteam Krimpen." in inhoud
    assert "U kunt later altijd opnieuw toestemming geven" not in tekst
    assert 'role="status"' not in tekst  # nothing left at the top of the page
    # the revoked consent itself says how to give it again
    artikel = tekst[tekst.index(f'id="toestemming-{uuid}"') :]
    assert "Wilt u later toch weer toestemming geven? Neem dan contact op met Wijkteam Krimpen." in artikel


def test_cs_07_a_failed_revocation_is_told_in_the_same_place(regio, client, gezin):
    inloggen(client, BSN_ANDER)
    uuid = _uuid(gezin.toestemming["url"])
    client.post(f"/mijn/toestemmingen/{uuid}/intrekken")
    client.get("/mijn/overzicht")  # the first message is read
    tekst = _tekst(client.post(f"/mijn/toestemmingen/{uuid}/intrekken", follow=True))
    melding = tekst[tekst.index('id="toestemming-melding"') :]
    assert "Intrekken is niet gelukt" in melding and "utrecht-alert--error" in melding


# --- 17. Every consent has its own name ------------------------------------------------------------------


def test_cs_07_each_consent_and_its_revoke_button_is_named_by_recipient_and_date(regio, api, client, gezin):
    """Two consents of the same kind get different headings (recipient, date); each "Toestemming
    intrekken" button is described by its own heading."""
    from zorgvuldig.organisaties.models import Organisatie

    ander = Organisatie.objects.create(
        verwerkingsverantwoordelijke=regio.gemeente, code="ggd-zh", naam="GGD Zuid-Holland", type="ggd"
    )
    from types import SimpleNamespace

    casus = SimpleNamespace(lisa=gezin.sam, moeder=gezin.moeder, dossier=gezin.dossier)
    gisteren = (today() - dt.timedelta(days=1)).isoformat()
    body = deelhulp.toestemming_body(regio, casus, ander, datum=gisteren)
    body["informatieGegeven"]["datum"] = gisteren
    body["jongereGehoord"]["datum"] = gisteren
    r = api(regio.medewerker).post("/api/v1/toestemmingen", body, format="json")
    assert r.status_code == 201, r.content
    inloggen(client, BSN_ANDER)
    tekst = _tekst(client.get("/mijn/overzicht"))
    koppen = re.findall(
        r'<h3 class="utrecht-heading-3" id="(toestemming-[0-9a-f-]+)" tabindex="-1">([^<]+)</h3>', tekst
    )
    assert len(koppen) == 2 and len({k for _i, k in koppen}) == 2
    namen = " ".join(k for _i, k in koppen)
    assert "GGD Zuid-Holland" in namen and "Veilig Thuis Zuid-Holland" in namen
    assert lange_datum(today() - dt.timedelta(days=1)) in namen
    for kop_id, _kop in koppen:
        assert f'type="submit" aria-describedby="{kop_id}">Toestemming intrekken</button>' in tekst


# --- 19/20. Children of 16 and older; a revocation by someone else ------------------------------------------


def test_ri_01_the_mothers_overview_explains_why_a_child_of_16_or_older_is_not_listed(regio, client, gezin):
    """SPEC §9 "Who may exercise": from 16 the youth asks and consents themselves. Daan (17) is not
    listed; one sentence says why and how Daan can do it. A youth does not get that sentence."""
    kind_van(regio, gezin.moeder, bsn=BSN_DAAN, voornaam="Daan", jaren=17)
    r, _ = inloggen(client, BSN_ANDER)
    tekst = _tekst(r)
    assert "U kunt ook iets vragen voor Sam Jansen." in tekst and "Daan" not in tekst
    assert policies.KIND_16_PLUS in tekst
    client.post("/mijn/uitloggen")
    r, _ = inloggen(client, BSN_SAM)
    assert policies.KIND_16_PLUS not in _tekst(r)
    client.post("/mijn/uitloggen")
    r, _ = inloggen(client, BSN_DAAN)  # Daan himself may ask
    assert "?soort=inzage" in _tekst(r) and policies.BEKWAAMHEID_UITLEG not in _tekst(
        client.get("/mijn/verzoeken/nieuw")
    )


def test_cs_07_a_youth_is_told_that_a_parent_revoked_a_consent_they_gave_together(regio, client, gezin):
    """CS-07: Sam and his mother gave the consent together; she revokes it. Sam's overview tells him, at
    the top and with the consent: revoked, when, and by his parent or guardian."""
    inloggen(client, BSN_ANDER)
    uuid = _uuid(gezin.toestemming["url"])
    assert client.post(f"/mijn/toestemmingen/{uuid}/intrekken").status_code == 302
    client.post("/mijn/uitloggen")
    r, _ = inloggen(client, BSN_SAM)
    tekst = _tekst(r)
    datum = lange_datum(today())
    melding = re.search(r'id="ingetrokken-door-ander">(.*?)</div>', tekst, re.S)
    assert melding, tekst
    assert f"Een toestemming over jou is ingetrokken op {datum}, door je ouder of voogd" in melding.group(1)
    assert f'href="#toestemming-{uuid}"' in melding.group(1)
    assert f"Ingetrokken op {datum} door je ouder of voogd" in tekst
    assert "Wil je later toch weer toestemming geven? Neem dan contact op met Wijkteam Krimpen." in tekst


def test_cs_07_no_notice_when_the_youth_revoked_it_himself_and_the_parent_sees_who_did(regio, client, gezin):
    inloggen(client, BSN_SAM)
    uuid = _uuid(gezin.toestemming["url"])
    assert client.post(f"/mijn/toestemmingen/{uuid}/intrekken").status_code == 302
    tekst = _tekst(client.get("/mijn/overzicht"))
    assert 'id="ingetrokken-door-ander"' not in tekst
    assert f"Ingetrokken op {lange_datum(today())} door u" in tekst
    client.post("/mijn/uitloggen")
    r, _ = inloggen(client, BSN_ANDER)
    assert f"Ingetrokken op {lange_datum(today())} door Sam Jansen" in _tekst(r)


# --- 7. Error pages under /mijn ------------------------------------------------------------------------


def test_errors_under_mijn_are_portal_pages_and_not_found_looks_the_same_for_missing_and_not_yours(
    regio, client, gezin
):
    """A missing page, a malformed id, a missing request and someone else's request give one and the same
    HTML page in the portal style, linking back to /mijn — never problem+json, whatever the Accept."""
    inloggen(client, BSN_SAM)
    paginas = {}
    for pad in (
        "/mijn/bestaatniet",
        "/mijn/verzoeken/not-a-uuid",
        f"/mijn/verzoeken/{uuidlib.uuid4()}",
        f"/mijn/verzoeken/{_uuid(gezin.lisa_verzoek)}",
        f"/mijn/verzoeken/{_uuid(gezin.lisa_verzoek)}/antwoord.pdf",
    ):
        for accept in ("*/*", "text/html", "application/json"):
            r = client.get(pad, HTTP_ACCEPT=accept)
            assert r.status_code == 404, pad
            assert r["Content-Type"].startswith("text/html"), (pad, accept)
            paginas[(pad, accept)] = _zonder_tokens(_tekst(r))
    assert len(set(paginas.values())) == 1
    tekst = next(iter(paginas.values()))
    assert "Pagina niet gevonden" in tekst and 'href="/mijn">Naar Mijn gegevens</a>' in tekst
    assert "Uitloggen" in tekst  # still the signed-in portal's header


def test_a_get_on_an_action_gives_the_portal_405_page(regio, client, gezin):
    inloggen(client, BSN_ANDER)
    uuid = _uuid(gezin.toestemming["url"])
    r = client.get(f"/mijn/toestemmingen/{uuid}/intrekken")
    assert r.status_code == 405 and r["Allow"] == "POST"
    tekst = _tekst(r)
    assert r["Content-Type"].startswith("text/html") and "Deze pagina kunt u zo niet openen" in tekst
    assert 'href="/mijn">Naar Mijn gegevens</a>' in tekst and "Er is niets veranderd." in tekst
    als_systeem()
    assert Toestemming.objects.get(uuid=uuid).status == "gegeven"


def test_an_expired_form_under_mijn_gives_the_portal_page_back_to_mijn(regio, client, gezin):
    """A failed CSRF check under /mijn: the portal's page, linking to /mijn (not the staff log-in at /)."""
    inloggen(client, BSN_ANDER)
    streng = Client(enforce_csrf_checks=True)
    streng.cookies = client.cookies
    uuid = _uuid(gezin.toestemming["url"])
    for pad, data in (
        (f"/mijn/toestemmingen/{uuid}/intrekken", {}),
        ("/mijn/verzoeken/nieuw", {"soort": "inzage", "persoon": str(gezin.moeder.uuid)}),
    ):
        r = streng.post(pad, data, HTTP_ACCEPT="text/html")
        tekst = _tekst(r)
        assert r.status_code == 403 and "Formulier verlopen" in tekst
        assert 'href="/mijn">Naar Mijn gegevens</a>' in tekst and 'href="/"' not in tekst
        assert "Mijn gegevens" in tekst and "Er is niets" in tekst
    als_systeem()
    assert Toestemming.objects.get(uuid=uuid).status == "gegeven"
    assert not Verzoek.objects.filter(kanaal="portaal").exists()


def test_a_form_over_the_body_limit_under_mijn_gives_the_portal_page_and_files_nothing(regio, client, gezin):
    """Bad input: a request text far over ZORGVULDIG_MAX_BODY_BYTES is refused before any view, with the
    portal's page in plain words (not problem+json), and no request is filed."""
    inloggen(client, BSN_ANDER)
    data = {"soort": "inzage", "persoon": str(gezin.moeder.uuid), "toelichting": "x" * 300_000}
    r = client.post("/mijn/verzoeken/nieuw", data, HTTP_ACCEPT="text/html")
    tekst = _tekst(r)
    assert r.status_code == 400 and r["Content-Type"].startswith("text/html")
    assert "Dit kon niet worden verstuurd" in tekst and 'href="/mijn">Naar Mijn gegevens</a>' in tekst
    als_systeem()
    assert not Verzoek.objects.filter(kanaal="portaal").exists()


# --- 8. Double submit ----------------------------------------------------------------------------------


def test_ri_05_two_identical_submits_file_one_request(regio, client, gezin):
    """The same inzage sent twice (a double click, a resent form) is one request: one term, one message to
    the handler; the second lands on the first with a word of explanation. The form is sent once by the
    browser too (data-eenmaal, progressive enhancement)."""
    inloggen(client, BSN_ANDER)
    assert "data-eenmaal" in _tekst(client.get("/mijn/verzoeken/nieuw"))
    data = {"soort": "inzage", "persoon": str(gezin.moeder.uuid)}
    eerste = _dien_in(client, **data)
    tweede = _dien_in(client, **data)
    assert eerste.status_code == tweede.status_code == 302
    assert eerste["Location"] == tweede["Location"]
    assert "U had dit verzoek net al verstuurd" in _tekst(client.get(tweede["Location"]))
    als_systeem()
    v = Verzoek.objects.get(kanaal="portaal")
    assert Bericht.objects.filter(sleutel__startswith="portaalverzoek:").count() == 1
    geregistreerd = AuditRegel.objects.filter(actie="verzoek.geregistreerd", kanaal="portaal")
    assert geregistreerd.filter(status="uitgevoerd").count() == 1
    geweigerd = geregistreerd.get(status="geweigerd")
    assert geweigerd.object_uuid == str(v.uuid)


def test_ri_05_the_rights_service_files_an_identical_open_request_once_within_minutes(regio, gezin):
    """The service's guard: same subject, requester, kind and explanation, still open, within
    `DUBBEL_BINNEN` → `DubbelVerzoek` naming the first; another explanation, a decided one, or a later one
    is a new request."""
    import time_machine

    from zorgvuldig.core.context import Actor
    from zorgvuldig.rechten.policies import DUBBEL_BINNEN
    from zorgvuldig.rechten.services import DubbelVerzoek, registreer_via_portaal

    def dien_in(toelichting="", soort="correctie"):
        return registreer_via_portaal(
            actor=Actor.portaal(gezin.moeder.organisatie),
            persoon=gezin.moeder,
            soort=soort,
            toelichting=toelichting,
        )

    eerste = dien_in("Mijn adres klopt niet.")
    with pytest.raises(DubbelVerzoek) as dubbel:
        dien_in("  Mijn adres klopt niet. ")
    assert dubbel.value.verzoek.pk == eerste.pk
    anders = dien_in("Mijn telefoonnummer klopt niet.")  # another request
    assert anders.pk != eerste.pk
    assert dien_in("Mijn adres klopt niet.", soort="aanvulling").pk != eerste.pk
    with time_machine.travel(dt.datetime.now(dt.UTC) + DUBBEL_BINNEN + dt.timedelta(minutes=1)):
        later = dien_in("Mijn adres klopt niet.")
    assert later.pk not in (eerste.pk, anders.pk)
    als_systeem()
    assert Verzoek.objects.filter(persoon=gezin.moeder).count() == 4


# --- 9. Shielding and an own statement (RI-08, RI-09) ---------------------------------------------------


@pytest.mark.parametrize("soort", ["afscherming", "eigen_verklaring"])
def test_ri_08_ri_09_shielding_and_an_own_statement_can_be_asked_in_the_portal(regio, client, gezin, soort):
    inloggen(client, BSN_ANDER)
    tekst = _tekst(client.get("/mijn/verzoeken/nieuw"))
    assert f'value="{soort}" id="soort_{soort}"' in tekst
    r = _dien_in(client, soort=soort, persoon=str(gezin.moeder.uuid), toelichting="Over de notitie van mei.")
    assert r.status_code == 302, _tekst(r)
    als_systeem()
    assert Verzoek.objects.get(kanaal="portaal").soort == soort


# --- 10/11. An extended term; the outcome in words -------------------------------------------------------


def _in_behandeling(api, regio, gezin, soort="inzage"):
    Client_ = api(regio.leidinggevende)
    als_systeem()
    v = Verzoek.objects.get(kanaal="portaal", soort=soort)
    url = f"{T}/api/v1/verzoeken/{v.uuid}"
    assert Client_.post(f"{url}/_verifieren", VERIFIEER, format="json").status_code == 200
    assert Client_.post(f"{url}/_beoordelen", {}, format="json").status_code == 200
    return Client_, url, v


def test_ri_15_after_an_extension_the_request_shows_the_reason_and_the_new_date(regio, api, client, gezin):
    """RI-15: the reasons staff recorded for the requester and the new date; no line that no longer
    applies (the identity check, the promise of a letter)."""
    inloggen(client, BSN_ANDER)
    _dien_in(client, soort="inzage", persoon=str(gezin.moeder.uuid))
    lg, url, v = _in_behandeling(api, regio, gezin)
    tekst = _tekst(client.get(f"/mijn/verzoeken/{v.uuid}"))
    assert "Wij controleren eerst" not in tekst and "Wij beslissen binnen 4 weken" in tekst
    reden = "Wij moeten gegevens bij drie teams opvragen."
    r = lg.post(f"{url}/_verlengen", {"maanden": 2, "redenen": reden}, format="json")
    assert r.status_code == 200, r.content
    tekst = _tekst(client.get(f"/mijn/verzoeken/{v.uuid}"))
    nieuw = lange_datum(besluittermijn(v.ontvangen_op, 2))
    assert "In behandeling, het duurt langer" in tekst
    assert (
        f"Wij hebben de termijn met 2 maanden verlengd. U krijgt uiterlijk op {nieuw} ons besluit." in tekst
    )
    assert f"De reden: {reden}" in tekst
    assert "Wij controleren eerst" not in tekst and "brief" not in tekst
    assert "Duurt het langer dan 4 weken" not in tekst
    assert f"{nieuw} (op tijd)" in _tekst(client.get("/mijn/overzicht"))


def test_ri_07_a_refused_request_shows_its_outcome_in_words(regio, api, client, gezin):
    """A refusal reads "afgewezen" in the table and on the page, never a bare "Klaar"."""
    inloggen(client, BSN_ANDER)
    _dien_in(client, soort="inzage", persoon=str(gezin.moeder.uuid))
    lg, url, v = _in_behandeling(api, regio, gezin)
    r = lg.post(
        f"{url}/_besluiten",
        {
            "uitkomst": "afgewezen",
            "redenen": "Het belang van een ander gaat voor.",
            "weigeringsgronden": ["e"],
            "mandaat": mandaat(regio.leidinggevende),
        },
        format="json",
    )
    assert r.status_code == 200, r.content
    assert "Besluit: afgewezen" in _tekst(client.get(f"/mijn/verzoeken/{v.uuid}"))
    assert lg.post(f"{url}/_uitvoeren", {"vorm": "schriftelijk"}, format="json").status_code == 200
    overzicht = _tekst(client.get("/mijn/overzicht"))
    rij = re.search(rf'href="/mijn/verzoeken/{v.uuid}".*?</tr>', overzicht, re.S).group(0)
    assert "Klaar: afgewezen" in rij and f"Beantwoord op {lange_datum(today())}" in rij and "–" not in rij
    tekst = _tekst(client.get(f"/mijn/verzoeken/{v.uuid}"))
    assert "Klaar: afgewezen. Wij doen niet wat u vroeg." in tekst
    assert "Uw verzoek is afgewezen" in tekst
    assert "Wij hebben gedaan wat in het besluit staat" not in tekst


# --- 15/16. The form's errors ----------------------------------------------------------------------------


def test_form_errors_have_a_focused_summary_linking_to_each_field(regio, client, gezin):
    """WCAG 3.3.1: a summary with a heading and a link to each field, focused on load; each field names
    its message (aria-describedby) — no reference to a colour."""
    inloggen(client, BSN_ANDER)
    r = _dien_in(client, toelichting="")
    assert r.status_code == 400
    tekst = _tekst(r)
    assert "rode tekst" not in tekst
    samenvatting = re.search(r'<div class="[^"]*" id="foutoverzicht"[^>]*>(.*?)</div>', tekst, re.S)
    assert samenvatting and 'tabindex="-1" autofocus' in samenvatting.group(0)
    assert '<h2 class="utrecht-heading-2" id="foutoverzicht-kop">' in samenvatting.group(1)
    assert '<a class="utrecht-link" href="#soort_inzage">Kies wat u wilt vragen.</a>' in samenvatting.group(1)
    assert (
        '<a class="utrecht-link" href="#id_persoon_0">Kies voor wie u het vraagt.</a>'
        in samenvatting.group(1)
    )
    assert 'id="id_persoon_0"' in tekst and 'id="soort_inzage"' in tekst
    assert re.search(r'id="soort_inzage"[^>]*aria-describedby="soort_fout uitleg_inzage"', tekst)
    assert "<title>Fout: Iets vragen" in tekst
    r = _dien_in(client, soort="correctie", persoon=str(gezin.moeder.uuid))
    tekst = _tekst(r)
    assert '<a class="utrecht-link" href="#id_toelichting">Schrijf kort op wat u wilt.' in tekst
    assert re.search(r'<textarea[^>]*aria-describedby="id_toelichting_fout id_toelichting_helptext"', tekst)
    assert 'id="id_toelichting_fout"' in tekst


def test_form_messages_are_our_own_and_never_echo_the_input(regio, client, gezin):
    """Too long: one Dutch message of our own (not Django's, and not also "write something"); a tampered
    choice: a plain message without the value sent."""
    inloggen(client, BSN_ANDER)
    r = _dien_in(client, soort="correctie", persoon=str(gezin.moeder.uuid), toelichting="x" * 5000)
    tekst = _tekst(r)
    assert (
        r.status_code == 400 and "Uw uitleg is te lang. U kunt hier hooguit 4000 tekens gebruiken." in tekst
    )
    assert "Schrijf kort op wat u wilt" not in tekst
    assert "Zorg ervoor" not in tekst and "Ensure" not in tekst and "5000" not in tekst
    vals = "0000" + "9" * 40
    r = _dien_in(client, soort=vals, persoon=vals, toelichting="Iets")
    tekst = _tekst(r)
    assert r.status_code == 400 and vals not in tekst
    assert "geen beschikbare keuze" not in tekst and "is not one of" not in tekst
    assert "Kies wat u wilt vragen. Dat kan alleen uit de mogelijkheden op deze pagina." in tekst
    assert "Kies voor wie u het vraagt. Dat kan alleen uit de mogelijkheden op deze pagina." in tekst
    als_systeem()
    assert not Verzoek.objects.filter(kanaal="portaal").exists()
