"""The convenant and agreement pages (RG-04, RG-05, RG-06) through the Django test client: a concept with
an empty item, activation refused with the empty items named in Dutch, completed and activated; the
arrangement; an accession and its end (VI-25); agreements with their derived validity and the 60-day
warning; who may see and change what."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from zorgvuldig.conftest import als_systeem
from zorgvuldig.convenanten import policies
from zorgvuldig.convenanten.models import Convenant, Toetreding, Verwerkersovereenkomst
from zorgvuldig.convenanten.tests.voorbeelden import verwerkersovereenkomst
from zorgvuldig.core.clock import today
from zorgvuldig.ui.forms_overeenkomsten import ONDERDEEL_LABELS

pytestmark = pytest.mark.django_db

NIET_GEVONDEN = "Pagina niet gevonden"
LIJST, NIEUW = "/registers/convenanten", "/registers/convenanten/nieuw"
AFSPRAKEN, NIEUWE_AFSPRAAK = "/registers/overeenkomsten", "/registers/overeenkomsten/nieuw"


def leesbaar(r) -> str:
    tekst = html.unescape(r.content.decode()).split('id="inhoud"', 1)[1]
    return " ".join(re.sub(r"<[^>]+>", " ", tekst).split())


def formulier(regio, **anders) -> dict:
    data = {
        "code": "vi-voorbeeld",
        "naam": "Convenant VI Voorbeeldstad",
        **{k: f"Afspraak over {k}." for k in policies.ONDERDEEL_SLEUTELS},
        "gv_modules": ["verwijsindex"],
        "gv_informerenBetrokkenen": "De signalerende organisatie.",
        "gv_contactpunt": "Het wijkteam.",
        "gv_melderDatalekken": str(regio.gemeente.uuid),
        "gv_beveiliging": "De gemeente.",
        "gv_klachten": "Klachtenregeling van de eigen organisatie.",
        "gv_incidenten": "Melden bij de regiocoördinator.",
        "gv_aansprakelijkheid": "Ieder voor de eigen registraties.",
    }
    data.update(anders)
    return data


def vers(code="vi-voorbeeld") -> Convenant:
    als_systeem()
    return Convenant.objects.get(code=code)


def test_rg_04_concept_activation_refused_names_the_empty_items_in_dutch(regio, ui):
    client = ui(regio.beheerder)
    assert client.get(NIEUW).status_code == 200
    r = client.post(NIEUW, formulier(regio, escalatie="", beveiliging=""))
    assert r.status_code == 302
    c = vers()
    assert c.status == "concept" and c.gv_melder_datalekken == regio.gemeente
    pagina = leesbaar(client.get(r["Location"]))
    assert "Nog leeg: 2 van 9 onderdelen" in pagina
    r = client.post(f"{LIJST}/{c.uuid}/activeren")
    assert r.status_code == 400
    tekst = leesbaar(r)
    assert "Het convenant kan nog niet actief worden. Deze onderdelen zijn nog leeg:" in tekst
    assert ONDERDEEL_LABELS["escalatie"] in tekst and ONDERDEEL_LABELS["beveiliging"] in tekst
    assert (
        ONDERDEEL_LABELS["bijzondereGegevens"] + " " not in tekst.split("nog leeg:")[1].split("Vul ze in")[0]
    )
    assert vers().status == "concept"
    # completed while concept, then activated
    r = client.post(f"{LIJST}/{c.uuid}", formulier(regio, code=""))
    assert r.status_code == 302, leesbaar(r)
    r = client.post(f"{LIJST}/{c.uuid}/activeren", follow=True)
    assert "Het convenant is actief" in leesbaar(r)
    assert vers().status == "actief"
    # active: only the arrangement can be changed; the items are no longer in the form
    pagina = client.get(f"{LIJST}/{c.uuid}")
    assert (
        'name="escalatie"' not in pagina.content.decode() and 'name="gv_klachten"' in pagina.content.decode()
    )
    r = client.post(f"{LIJST}/{c.uuid}", {**formulier(regio), "gv_klachten": "Via de ombudsman."})
    assert r.status_code == 302 and vers().gv_klachten == "Via de ombudsman."
    assert vers().escalatie == "Afspraak over escalatie."
    r = client.post(f"{LIJST}/{c.uuid}/beeindigen", follow=True)
    assert "Het convenant is beëindigd" in leesbaar(r) and vers().status == "beeindigd"


def test_rg_05_the_page_shows_the_arrangement_and_what_is_not_agreed_yet(regio, ui):
    client = ui(regio.fg)
    client.post(NIEUW, formulier(regio, gv_melderDatalekken="", gv_klachten=""))
    c = vers()
    tekst = leesbaar(client.get(f"{LIJST}/{c.uuid}"))
    assert "Gezamenlijke verantwoordelijkheid" in tekst
    assert "Nog niet afgesproken: Wie meldt datalekken, Klachten." in tekst
    assert "De signalerende organisatie." in tekst and "Verwijsindex" in tekst
    # an unknown controller is refused at the field, nothing changes
    r = client.post(f"{LIJST}/{c.uuid}", formulier(regio, code="", gv_melderDatalekken="onbekend"))
    assert r.status_code == 400 and "Kies een van de mogelijkheden." in leesbaar(r)
    assert vers().gv_melder_datalekken is None


def test_vi_25_accession_and_its_end_through_the_page(regio, ui):
    client = ui(regio.beheerder)
    client.post(NIEUW, formulier(regio))
    c = vers()
    r = client.post(
        f"{LIJST}/{c.uuid}/toetredingen", {"organisatie": str(regio.school.uuid), "datum": "2026-01-01"}
    )
    assert r.status_code == 302
    als_systeem()
    t = Toetreding.objects.get(convenant=c)
    r = client.post(f"{LIJST}/{c.uuid}/toetredingen/{t.uuid}", {"einddatum": "2025-12-01"})
    assert r.status_code == 400 and "vóór de toetredingsdatum" in leesbaar(r)
    gisteren = today() - dt.timedelta(days=1)
    r = client.post(
        f"{LIJST}/{c.uuid}/toetredingen/{t.uuid}", {"einddatum": gisteren.isoformat()}, follow=True
    )
    assert "De einddatum van OSG Het Baken is vastgelegd" in leesbaar(r)
    als_systeem()
    assert Toetreding.objects.get(pk=t.pk).tot == gisteren
    assert "afgelopen" in leesbaar(client.get(f"{LIJST}/{c.uuid}"))
    r = client.post(f"{LIJST}/{c.uuid}/toetredingen/{t.uuid}", {"einddatum": today().isoformat()})
    assert r.status_code == 400 and "al beëindigd" in leesbaar(r)


def test_rg_04_who_sees_and_changes_convenants(regio, ui):
    ui(regio.fg).post(NIEUW, formulier(regio))
    c = vers()
    lg = ui(regio.leidinggevende)
    assert "Convenant VI Voorbeeldstad" in leesbaar(lg.get(LIJST))
    pagina = lg.get(f"{LIJST}/{c.uuid}")
    assert pagina.status_code == 200 and "Wijzigingen opslaan" not in leesbaar(pagina)
    assert NIET_GEVONDEN in leesbaar(lg.post(f"{LIJST}/{c.uuid}", formulier(regio, naam="Gekaapt")))
    assert lg.post(f"{LIJST}/{c.uuid}/activeren").status_code == 404
    assert lg.get(NIEUW).status_code == 404
    mw = ui(regio.medewerker)
    assert mw.get(LIJST).status_code == 404 and mw.get(f"{LIJST}/{c.uuid}").status_code == 404
    assert ui(regio.fg).get(f"{LIJST}/00000000-0000-4000-8000-000000000000").status_code == 404
    assert vers().naam == "Convenant VI Voorbeeldstad" and vers().status == "concept"


def test_rg_06_agreements_list_new_edit_with_validity_and_warning(regio, ui):
    fg = ui(regio.fg)
    bijna = (today() + dt.timedelta(days=20)).isoformat()
    r = fg.post(
        NIEUWE_AFSPRAAK,
        {
            "partij": "Hosting Voorbeeld BV",
            "reikwijdte": "Hosting.",
            "geldig_vanaf": "2026-01-01",
            "geldig_tot": bijna,
        },
    )
    assert r.status_code == 302
    tekst = leesbaar(fg.get(r["Location"]))
    assert "verloopt binnen 60 dagen" in tekst and "Geldig" in tekst
    lijst = leesbaar(fg.get(AFSPRAKEN))
    assert "1 overeenkomst verloopt binnen 60 dagen" in lijst  # the mandates have no end date
    assert "Hosting Voorbeeld BV" in lijst and "Verloopt binnenkort" in lijst
    assert "Fatima El Amrani" in lijst  # the wijkteam's mandates, read-only
    als_systeem()
    o = Verwerkersovereenkomst.objects.get(partij="Hosting Voorbeeld BV")
    r = fg.post(
        f"{AFSPRAKEN}/{o.uuid}",
        {
            "partij": "Hosting Voorbeeld BV",
            "reikwijdte": "Hosting.",
            "geldig_vanaf": "2026-01-01",
            "geldig_tot": "2025-01-01",
        },
    )
    assert r.status_code == 400 and "De einddatum ligt vóór de begindatum (RG-06)." in leesbaar(r)
    r = fg.post(
        f"{AFSPRAKEN}/{o.uuid}",
        {
            "partij": "Hosting Voorbeeld BV",
            "reikwijdte": "Hosting.",
            "geldig_vanaf": "2026-01-01",
            "geldig_tot": "",
        },
    )
    assert r.status_code == 302
    als_systeem()
    assert Verwerkersovereenkomst.objects.get(pk=o.pk).geldig_tot is None
    r = fg.post(NIEUWE_AFSPRAAK, {"partij": "", "reikwijdte": "", "geldig_vanaf": "gisteren"})
    assert r.status_code == 400 and "Noem de verwerker." in leesbaar(r)
    assert fg.get(f"{AFSPRAKEN}?geldigheid=verlopen").status_code == 200
    assert fg.get(f"{AFSPRAKEN}?geldigheid=kapot").status_code == 400


def test_rg_06_who_sees_and_changes_agreements(regio, ui):
    eigen = verwerkersovereenkomst(regio.gemeente, "Eigen BV")
    ander = verwerkersovereenkomst(regio.school_vv, "Ander BV")
    lg = ui(regio.leidinggevende)
    assert "Eigen BV" in leesbaar(lg.get(AFSPRAKEN)) and "Ander BV" not in leesbaar(lg.get(AFSPRAKEN))
    pagina = lg.get(f"{AFSPRAKEN}/{eigen.uuid}")
    assert pagina.status_code == 200 and "Wijzigingen opslaan" not in leesbaar(pagina)
    assert lg.post(f"{AFSPRAKEN}/{eigen.uuid}", {"partij": "x"}).status_code == 404
    assert lg.get(NIEUWE_AFSPRAAK).status_code == 404
    assert ui(regio.fg).get(f"{AFSPRAKEN}/{ander.uuid}").status_code == 404
    for gebruiker in (regio.medewerker, regio.beheerder):
        assert ui(gebruiker).get(AFSPRAKEN).status_code == 404
    # a mandate is read-only here, for the FG too
    als_systeem()
    mandaat = regio.medewerker.mandaten.get()
    fg = ui(regio.fg)
    tekst = leesbaar(fg.get(f"{AFSPRAKEN}/{mandaat.uuid}"))
    assert "Mandaat: Fatima El Amrani" in tekst and "Wijzigingen opslaan" not in tekst
    assert fg.post(f"{AFSPRAKEN}/{mandaat.uuid}", {"partij": "x"}).status_code == 404
