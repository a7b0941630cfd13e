"""The dossier pages (SPEC §5) through the Django test client: Mijn dossiers and a new dossier, every
sub-page for the case worker with the frame on each (DS-14), need-to-know (AC-04: a colleague not on the
case team and another organisation get the 404 page), the informing checklist and start (DS-02, DS-03),
typed notes and their refusals (DS-07, DS-09, DS-10, DS-13, PE-11), special categories only with the
separate permission (AC-10), ZRM, plan, referral, frame, safety and closure (DS-04 … DS-17), the
leidinggevende's assignments (AC-04, AC-05), the team meeting's summary (AC-04), outreach signals, and
no content for the beheerder (AC-06). Every read and write goes through the dossier services."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import Counter

import pytest
import time_machine
from django.utils.formats import date_format

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.conftest import BSN_SAM, als_systeem, maak_gebruiker
from zorgvuldig.core.clock import today
from zorgvuldig.dossiers import selectors, services
from zorgvuldig.dossiers.models import (
    Clientverklaring,
    Dossier,
    Kaderwijziging,
    Notitie,
    Plan,
    Toewijzing,
    Zorgsignaal,
    Zrmscore,
)
from zorgvuldig.dossiers.tests import hulp
from zorgvuldig.toegang.services import verleen
from zorgvuldig.ui.tests.test_ui import nav

pytestmark = pytest.mark.django_db

PAGINAS = [
    "",
    "/notities",
    "/zrm",
    "/plan",
    "/verwijzing",
    "/kader",
    "/veiligheid",
    "/afsluiten",
    "/teambespreking",
]
NIET_GEVONDEN = "Pagina niet gevonden"


@pytest.fixture
def casus(regio):
    return hulp.Casus(regio)


def url(d, rest: str = "") -> str:
    return f"/dossiers/{d.uuid}{rest}"


def tekst(r) -> str:
    return html.unescape(r.content.decode())


def inhoud(r) -> str:
    """The page's main content, without the header and menu."""
    return tekst(r).split('id="inhoud"', 1)[1]


def aantal(model) -> int:
    als_systeem()
    return model.objects.count()


def notitie(**over) -> dict:
    data = {
        "sectie": "voortgang",
        "soort": "feit",
        "tekst": "Lisa was vandaag op school.",
        "bron_soort": "eigen_waarneming",
        "geverifieerd": "ja",
    }
    data.update(over)
    return {k: v for k, v in data.items() if v is not None}


def bijzondere_grant(regio, d, gebruiker, secties=("gezondheid",)):
    return verleen(
        actor=regio.actor(regio.leidinggevende),
        object=d,
        bron="bijzondere_categorie",
        ontvanger_gebruiker=gebruiker,
        reden="Medische situatie relevant voor de hulp",
        rechten=frozenset({"lezen", "aanmaken"}),
        secties=list(secties),
    )


def wijs_toe(regio, d, gebruiker, rol="casusteam"):
    return services.wijs_toe(
        actor=regio.actor(regio.leidinggevende), uuid=d.uuid, gebruiker=gebruiker, rol=rol
    )


# --- menu, list, need-to-know ----------------------------------------------------------------------


def test_ac_04_my_dossiers_lists_only_dossiers_with_a_grant_with_their_frame(casus, regio, ui):
    """AC-04/DS-14: the list shows reference, team, status and frame of the user's own dossiers only;
    each listed row is audited (AU-01)."""
    r = ui(regio.medewerker).get("/dossiers")
    assert r.status_code == 200
    assert "Dossiers" in nav(r.content.decode())
    pagina = inhoud(r)
    assert casus.dossier.kenmerk in pagina and casus.ander.kenmerk not in pagina
    rij = re.search(rf"{casus.dossier.kenmerk}</a>.*?</tr>", pagina, re.S).group(0)
    assert "Wijkteam Oost" in rij and "Vraagverheldering" in rij and "Vrijwillig" in rij
    assert casus.dossier.kenmerk not in inhoud(ui(regio.collega).get("/dossiers"))  # not on the case team
    als_systeem()
    assert AuditRegel.objects.filter(
        actie="dossier.lijst_ingezien", object_uuid=str(casus.dossier.uuid)
    ).exists()


def _rij(pagina: str, d) -> str:
    return re.search(rf"{d.kenmerk}</a>.*?</tr>", pagina, re.S).group(0)


def test_ac_14_au_01_the_list_names_the_client_only_where_the_dossier_page_would(casus, regio, ui):
    """L5, AC-14, AU-01, AU-09: the list names the client of a dossier to whoever may read its identification
    section — the same grants that show the name on the dossier page — and the list entry then says the
    members were shown and names the grant that opened them. A section grant without identification, a
    team meeting, the leidinggevende who only assigns and another organisation see no name."""
    d = casus.dossier
    worker = inhoud(ui(regio.medewerker).get("/dossiers"))
    assert "Lisa Visser" in _rij(worker, d)
    assert "Lisa Visser" in inhoud(ui(regio.medewerker).get(url(d)))  # the same name as on the page
    school = inhoud(ui(regio.leraar).get("/dossiers"))
    assert "Lisa Bos" in _rij(school, casus.ander) and "Visser" not in school
    assert "Bos" not in worker
    # a colleague with only a section grant for the progress notes: listed, but no name (AC-05)
    verleen(
        actor=regio.actor(regio.leidinggevende),
        object=d,
        bron="sectie",
        ontvanger_gebruiker=regio.collega,
        reden="Voortgang lezen",
        secties=["voortgang"],
    )
    collega = ui(regio.collega)
    lijst = inhoud(collega.get("/dossiers"))
    assert "niet zichtbaar voor u" in _rij(lijst, d) and "Lisa" not in lijst
    pagina = collega.get(url(d))  # nor on the dossier page (which used to fail without identification)
    assert pagina.status_code == 200 and "Lisa" not in inhoud(pagina)
    assert "U kunt de identificatiegegevens van dit dossier niet inzien." in inhoud(pagina)
    lg = inhoud(ui(regio.leidinggevende).get("/dossiers"))  # assigning is not reading (AC-04)
    assert d.kenmerk in lg and "Lisa" not in lg
    als_systeem()
    from zorgvuldig.toegang.models import Toegang

    regels = AuditRegel.objects.filter(actie="dossier.lijst_ingezien", object_uuid=str(d.uuid))
    eigen = regels.get(actor_gebruiker=str(regio.medewerker.uuid))
    assert "leden" in eigen.velden
    grant = Toegang.objects.get(uuid=eigen.toegang)
    assert grant.ontvanger_gebruiker_id == regio.medewerker.pk and grant.bron == "casusteam"
    for wie in (regio.collega, regio.leidinggevende):
        assert all("leden" not in r.velden for r in regels.filter(actor_gebruiker=str(wie.uuid)))
    assert regels.filter(actor_gebruiker=str(regio.collega.uuid)).exists()


def test_ac_14_the_list_reads_grants_and_members_once_per_page_not_per_dossier(casus, regio):
    """AC-14, AU-01: the list decides per dossier from the grants and members it read for the whole page —
    one statement each however many dossiers it shows — and still audits each row with its members."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    actor = regio.actor(regio.medewerker)

    def lezingen(aantal_extra: int) -> Counter:
        for i in range(aantal_extra):
            hulp.dossier(regio, persoon=hulp.client(regio, voornamen=f"Kind{i}"))
        dossiers = list(selectors.dossiers_zichtbaar_voor(actor))
        with CaptureQueriesContext(connection) as q:
            zichtbaar = selectors.lijst(actor, dossiers, met_leden=True)
        assert set(zichtbaar) == {d.pk for d in dossiers}
        return Counter(
            t for s in q.captured_queries for t in ("toegang_toegang", "dossiers_lid") if t in s["sql"]
        )

    assert lezingen(0) == lezingen(3) == Counter({"toegang_toegang": 1, "dossiers_lid": 1})
    als_systeem()
    assert (
        AuditRegel.objects.filter(actie="dossier.lijst_ingezien").values("object_uuid").distinct().count()
        == 4
    )


@pytest.mark.parametrize("pad", [*PAGINAS, "/samenvatting"])
def test_ac_04_each_dossier_page_renders_for_the_case_worker(casus, regio, ui, pad):
    r = ui(regio.medewerker).get(url(casus.dossier, pad))
    assert r.status_code == 200
    pagina = inhoud(r)
    assert f"Dossier {casus.dossier.kenmerk}" in pagina
    assert 'aria-label="Onderdelen van dit dossier"' in pagina
    assert "Toewijzingen" not in re.search(r"Onderdelen van dit dossier.*?</nav>", pagina, re.S).group(0)


def test_ds_14_every_dossier_page_shows_the_current_frame(casus, regio, ui):
    """DS-14: after a frame change, every dossier view — list row, each sub-page, the leidinggevende's
    assignments page — shows the new frame."""
    worker = ui(regio.medewerker)
    r = worker.post(
        url(casus.dossier, "/kader/wijzigen"),
        {
            "kader": "drang",
            "datum": today().isoformat(),
            "reden": "Afspraken met de ouders over schoolbezoek.",
            "grondslag": "Jeugdwet art. 2.3",
            "client_geinformeerd": "on",
        },
    )
    assert r.status_code == 302
    for pad in [*PAGINAS, "/samenvatting"]:
        pagina = inhoud(worker.get(url(casus.dossier, pad)))
        assert "Kader: Drang." in pagina, pad
    assert "Kader: Drang." in inhoud(ui(regio.leidinggevende).get(url(casus.dossier, "/toewijzingen")))
    rij = re.search(rf"{casus.dossier.kenmerk}</a>.*?</tr>", inhoud(worker.get("/dossiers")), re.S).group(0)
    assert "Drang" in rij


def test_ds_07_an_empty_note_names_every_missing_field_at_once(casus, regio, ui):
    """DS-07: a note sent without section, type, source and text is refused with all four named at once
    and the section asked for in words — not "Onbekende sectie." alone, then the rest one try later."""
    voor = aantal(Notitie)
    r = ui(regio.medewerker).post(
        url(casus.dossier, "/notities/nieuw"), notitie(sectie="", soort="", bron_soort="", tekst="")
    )
    scherm = tekst(r)
    assert r.status_code == 400 and "Kies het onderdeel van het dossier." in scherm
    assert "Kies feit, mening of visie van de cliënt" in scherm and "Onbekende sectie" not in scherm
    assert aantal(Notitie) == voor


def test_a_note_over_the_body_limit_gets_a_dutch_page_and_changes_nothing(casus, regio, ui, settings):
    """Bad input (a note far over the request limit, ZORGVULDIG_MAX_BODY_BYTES) is refused before any view:
    in the UI a Dutch page saying what to do — not the API's problem+json — and nothing is stored."""
    voor = aantal(Notitie)
    r = ui(regio.medewerker).post(url(casus.dossier, "/notities/nieuw"), notitie(tekst="x" * 300_000))
    assert r.status_code == 400 and r["Content-Type"].startswith("text/html")
    assert "Formulier te groot" in tekst(r) and "niets opgeslagen" in tekst(r)
    assert aantal(Notitie) == voor


def test_ac_04_a_colleague_not_on_the_case_team_gets_the_not_found_page(casus, regio, ui):
    """AC-04 / DESIGN §5.2: a team colleague without an assignment sees nothing, and cannot write."""
    collega = ui(regio.collega)
    for pad in [*PAGINAS, "/samenvatting"]:
        r = collega.get(url(casus.dossier, pad))
        assert r.status_code == 404 and NIET_GEVONDEN in tekst(r), pad
        assert casus.dossier.kenmerk not in tekst(r)
    voor = aantal(Notitie)
    r = collega.post(url(casus.dossier, "/notities/nieuw"), notitie())
    assert r.status_code == 404
    assert aantal(Notitie) == voor
    assert collega.get(url(casus.dossier, "/toewijzingen")).status_code == 404  # not a leidinggevende
    als_systeem()
    assert AuditRegel.objects.filter(
        actie="toegang.geweigerd", actor_gebruiker=str(regio.collega.uuid), status="geweigerd"
    ).exists()  # AU-04


def test_ac_15_another_organisations_dossier_is_not_found_for_worker_and_leidinggevende(casus, regio, ui):
    for pad in ["", "/notities", "/samenvatting"]:
        assert ui(regio.medewerker).get(url(casus.ander, pad)).status_code == 404
    lg = ui(regio.leidinggevende)
    assert lg.get(url(casus.ander, "/toewijzingen")).status_code == 404
    r = lg.post(url(casus.ander, "/toewijzingen/nieuw"), {"gebruiker": regio.collega.pk, "rol": "casusteam"})
    assert r.status_code == 404
    als_systeem()
    assert not Toewijzing.objects.filter(dossier=casus.ander, gebruiker=regio.collega).exists()
    assert casus.ander.kenmerk not in inhoud(lg.get("/dossiers"))


def test_ac_06_the_beheerder_gets_no_dossier_content(casus, regio, ui):
    """AC-06: no menu item, and every dossier and outreach page looks like a missing one."""
    beheer = ui(regio.beheerder)
    assert "Dossiers" not in nav(beheer.get("/overzicht").content.decode())
    for pad in [
        "/dossiers",
        "/dossiers/nieuw",
        url(casus.dossier),
        url(casus.dossier, "/notities"),
        url(casus.dossier, "/toewijzingen"),
        "/zorgsignalen",
        f"/zorgsignalen/{casus.zorgsignaal.uuid}",
    ]:
        r = beheer.get(pad)
        assert r.status_code == 404, pad
        assert casus.dossier.kenmerk not in tekst(r) and "Lisa" not in tekst(r)


def test_ac_09_the_auditor_sees_only_dossiers_of_a_statutory_grant(casus, regio, ui):
    """The auditor has the menu item (dossier:inzien) but no dossier without an AC-09 grant, and no forms."""
    auditor = ui(regio.auditor)
    r = auditor.get("/dossiers")
    assert r.status_code == 200 and "U heeft geen dossiers." in inhoud(r)
    assert "Nieuw dossier" not in inhoud(r)
    assert auditor.get(url(casus.dossier)).status_code == 404
    assert auditor.get("/zorgsignalen").status_code == 404  # outreach signals are the professionals'


def test_ac_09_an_auditor_with_a_statutory_grant_reads_the_dossier_but_gets_no_forms(casus, regio, ui):
    """AC-09: a statutory grant is read-only: the dossier is listed and readable, no page offers a form."""
    verleen(
        actor=regio.actor(regio.leidinggevende),
        object=casus.dossier,
        bron="wettelijk",
        ontvanger_gebruiker=regio.auditor,
        reden="Toezicht",
        rechten=frozenset({"lezen"}),
        vanaf=today(),
        tot=today() + dt.timedelta(days=30),
        wettelijk={
            "instantie": "Inspectie Gezondheidszorg en Jeugd",
            "bepaling": "Jeugdwet art. 9.1",
            "doel": "Toezicht",
        },
    )
    auditor = ui(regio.auditor)
    assert casus.dossier.kenmerk in inhoud(auditor.get("/dossiers"))
    # the auditor sees what the statutory access is and until when (FG review F13)
    profiel = inhoud(auditor.get("/profiel"))
    assert "Uw wettelijke toegang" in profiel and "Inspectie Gezondheidszorg en Jeugd" in profiel
    assert "Jeugdwet art. 9.1" in profiel
    assert f"tot en met {date_format(today() + dt.timedelta(days=30), 'j F Y')}" in profiel
    assert "geldig tot en met" in inhoud(auditor.get("/overzicht"))
    assert "Uw wettelijke toegang" not in inhoud(ui(regio.medewerker).get("/profiel"))
    for pad in [p for p in PAGINAS if p != "/teambespreking"]:
        r = auditor.get(url(casus.dossier, pad))
        assert r.status_code == 200, pad
        assert '<form method="post" action="/dossiers' not in inhoud(r), pad
    assert "Huisbezoek afgelegd" in inhoud(auditor.get(url(casus.dossier, "/notities")))
    voor = aantal(Notitie)
    assert auditor.post(url(casus.dossier, "/notities/nieuw"), notitie()).status_code == 404
    assert aantal(Notitie) == voor


def test_ac_07_no_dossier_page_before_the_confidentiality_undertaking(casus, regio, ui):
    nieuw = maak_gebruiker(
        regio.wijkteam, "nieuw@krimpen.example.org", ["medewerker"], team=regio.team, verklaring=False
    )
    wijs_toe(regio, casus.dossier, nieuw)
    for pad in ("/dossiers", url(casus.dossier), url(casus.dossier, "/notities"), "/zorgsignalen"):
        r = ui(nieuw).get(pad)
        assert r.status_code == 302 and r["Location"] == "/geheimhouding", pad


def test_pe_01_no_bsn_in_any_dossier_page_or_url(regio, ui):
    """SPEC §3: the BSN is never shown on the dossier pages, and no URL carries it."""
    sam = hulp.client(regio, geslachtsnaam="Jansen", voornamen="Sam", bsn=BSN_SAM, bsn_ontbreekt_reden="")
    d = hulp.dossier(regio, persoon=sam)
    worker = ui(regio.medewerker)
    for pad in ["/dossiers", "/dossiers/nieuw", *[url(d, p) for p in PAGINAS]]:
        pagina = tekst(worker.get(pad))
        assert BSN_SAM not in pagina and "9999 93 653" not in pagina, pad
        assert all(BSN_SAM not in h for h in re.findall(r'(?:href|action)="([^"]+)"', pagina))


# --- a new dossier, informing, agreement, start (DS-02, DS-03) --------------------------------------


def test_ds_02_ds_03_new_dossier_informing_agreement_and_start(regio, ui):
    """A new dossier stays REGISTERED until the client was told orally and in writing about every topic
    (DS-02); then instemming (not consent, DS-03) and the start."""
    lisa = hulp.client(regio)
    worker = ui(regio.medewerker)
    nieuw = tekst(worker.get("/dossiers/nieuw"))
    assert "Lisa Visser (geboren 4 mei 2011)" in nieuw
    r = worker.post(
        "/dossiers/nieuw", {"soort": "individueel", "team": regio.team.pk, "client": str(lisa.uuid)}
    )
    assert r.status_code == 302
    als_systeem()
    d = Dossier.objects.get()
    assert r["Location"] == url(d)
    assert d.status == "geregistreerd" and d.kader == "vrijwillig"
    pagina = inhoud(worker.get(url(d)))
    assert "De informering is nog niet compleet." in pagina and "Kader: Vrijwillig." in pagina
    assert "Dossier starten" in pagina
    assert 'name="gegeven"' not in pagina  # instemming only after informing

    r = worker.post(url(d, "/starten"), follow=True)
    assert "blijft 'geregistreerd' tot de cliënt mondeling en schriftelijk is geïnformeerd" in tekst(r)
    als_systeem()
    d.refresh_from_db()
    assert d.status == "geregistreerd"

    zes = {"mondeling_op": today().isoformat(), "schriftelijk_op": today().isoformat()}
    r = worker.post(url(d, "/informeren"), {**zes, "onderwerpen": ["a", "b", "c", "d", "e", "f"]})
    assert r.status_code == 400
    assert "Nog niet verteld: g (DS-02)." in inhoud(r)
    invoer = re.findall(r'<input type="checkbox" name="onderwerpen"[^>]*>', r.content.decode())
    assert ["checked" in i for i in invoer] == [True] * 6 + [False]  # what was ticked stays ticked
    als_systeem()
    d.refresh_from_db()
    assert d.informering == {}
    r = worker.post(url(d, "/informeren"), {**zes, "onderwerpen": hulp.ALLE_ONDERWERPEN})
    assert r.status_code == 302
    pagina = inhoud(worker.get(url(d)))
    assert "De informering is compleet." in pagina
    assert "Instemming is geen toestemming" in html.unescape(re.sub(r"</?strong>", "", pagina))

    r = worker.post(url(d, "/instemming"), {"persoon": str(lisa.uuid), "datum": today().isoformat()})
    assert r.status_code == 400 and "Ja of nee." in inhoud(r)
    r = worker.post(
        url(d, "/instemming"), {"persoon": str(lisa.uuid), "gegeven": "ja", "datum": today().isoformat()}
    )
    assert r.status_code == 302
    assert "Lisa Visser: stemt in" in inhoud(worker.get(url(d)))

    r = worker.post(url(d, "/starten"), follow=True)
    assert "Het dossier is gestart" in tekst(r)
    als_systeem()
    d.refresh_from_db()
    assert d.status == "vraagverheldering"


def test_ds_11_a_family_dossier_with_members_and_roles_and_a_refused_individual_one(regio, ui):
    """DS-11 / PE-09: a household dossier holds several members with their role; an individual dossier
    has exactly one client — the service's reason is shown at the form and nothing is stored."""
    lisa = hulp.client(regio)
    moeder = hulp.client(regio, voornamen="Anja", geboortedatum=dt.date(1984, 2, 1))
    worker = ui(regio.medewerker)
    r = worker.post(
        "/dossiers/nieuw",
        {
            "soort": "individueel",
            "team": regio.team.pk,
            "client": str(lisa.uuid),
            "gezinsleden": [str(moeder.uuid)],
        },
    )
    assert r.status_code == 400
    assert "Een individueel dossier heeft één cliënt; een gezinsdossier minstens één." in inhoud(r)
    assert aantal(Dossier) == 0
    r = worker.post(
        "/dossiers/nieuw",
        {
            "soort": "gezin",
            "team": regio.team.pk,
            "client": str(lisa.uuid),
            "gezinsleden": [str(moeder.uuid)],
        },
    )
    assert r.status_code == 302
    als_systeem()
    d = Dossier.objects.get()
    pagina = inhoud(worker.get(url(d)))
    assert re.search(r"Lisa Visser</a></td><td[^>]*>Cliënt", pagina)
    assert re.search(r"Anja Visser</a></td><td[^>]*>Gezinslid", pagina)
    # DS-11/DS-12: in a family dossier a note names whom it concerns and whether all may see it
    notities = inhoud(worker.get(url(d, "/notities")))
    assert 'name="betreft"' in notities and 'name="deelbaar"' in notities


def test_ds_02_the_leidinggevende_approves_a_deviation_without_reading(regio, ui):
    """DS-02 / ADR 0010 §4: the leidinggevende approves a reason to start without the full checklist from
    the assignments page, without a content grant; the case worker then starts."""
    d = hulp.dossier(regio)
    lg = ui(regio.leidinggevende)
    assert lg.get(url(d)).status_code == 404
    r = lg.post(url(d, "/afwijking"), {"reden": "", "terug": "overzicht"})
    assert r.status_code == 400 and "Geef de reden." in inhoud(r)
    r = lg.post(url(d, "/afwijking"), {"reden": "Cliënt in crisis; informeren volgt.", "terug": "overzicht"})
    assert r.status_code == 302 and r["Location"] == url(d, "/toewijzingen")  # cannot read the overview
    worker = ui(regio.medewerker)
    assert "de leidinggevende heeft een afwijking goedgekeurd" in inhoud(worker.get(url(d)))
    worker.post(url(d, "/starten"))
    als_systeem()
    d.refresh_from_db()
    assert d.status == "vraagverheldering"


# --- notes (DS-07, DS-09, DS-10, DS-13, PE-11) ------------------------------------------------------


def test_ds_07_a_note_without_type_is_refused_with_the_dutch_reason_and_stores_nothing(casus, regio, ui):
    worker = ui(regio.medewerker)
    voor = aantal(Notitie)
    r = worker.post(
        url(casus.dossier, "/notities/nieuw"),
        notitie(
            soort=None,
            tekst="Moeder vertelt dat Lisa slecht slaapt.",
            bron_soort="client",
            geverifieerd="nee",
        ),
    )
    assert r.status_code == 400
    pagina = inhoud(r)
    assert "Kies feit, mening of visie van de cliënt (DS-07)." in pagina
    assert "Moeder vertelt dat Lisa slecht slaapt.</textarea>" in pagina  # what was typed is kept
    assert "Kader: Vrijwillig." in pagina
    r = worker.post(url(casus.dossier, "/notities/nieuw"), notitie(soort="mening", tekst="Lisa is somber."))
    assert r.status_code == 400
    assert "Een professioneel oordeel vermeldt waarop het rust (DS-07)." in inhoud(r)
    r = worker.post(url(casus.dossier, "/notities/nieuw"), notitie(bron_soort="derde"))
    assert "Noem de derde of het document (DS-07)." in inhoud(r)
    assert aantal(Notitie) == voor
    als_systeem()
    assert AuditRegel.objects.filter(
        actie="dossier.item_geregistreerd", status="geweigerd", code="E_DS_NOTE_TYPE"
    ).exists()  # AU-04


def test_ds_07_notes_of_each_type_are_listed_with_their_markings(casus, regio, ui):
    """DS-07: type, source and verified shown on every note; a fact not from own observation is marked."""
    worker = ui(regio.medewerker)
    for data in (
        notitie(
            tekst="Mentor meldt drie dagen verzuim.",
            bron_soort="derde",
            bron_omschrijving="Mentor Jan de Vries",
            geverifieerd="nee",
        ),
        notitie(soort="mening", tekst="Lisa heeft steun nodig.", basis="Gesprekken van 3 en 10 maart."),
        notitie(
            soort="client_visie", tekst="Lisa vindt school saai.", bron_soort="client", geverifieerd="nee"
        ),
    ):
        r = worker.post(url(casus.dossier, "/notities/nieuw"), data)
        assert r.status_code == 302, inhoud(r)
    pagina = inhoud(worker.get(url(casus.dossier, "/notities")))
    artikelen = re.findall(r"<article.*?</article>", pagina, re.S)
    per_tekst = {a: a for a in artikelen}
    verzuim = next(a for a in per_tekst if "Mentor meldt drie dagen verzuim." in a)
    assert "Feit – " in verzuim and "Niet eigen waarneming" in verzuim and "Niet geverifieerd" in verzuim
    assert "Bron: Iemand anders (Mentor Jan de Vries)" in html.unescape(verzuim)
    eigen = next(a for a in per_tekst if "Huisbezoek afgelegd" in a)
    assert "Niet eigen waarneming" not in eigen and "Geverifieerd" in eigen
    steun = next(a for a in per_tekst if "Lisa heeft steun nodig." in a)
    assert "Mening (professioneel oordeel)" in html.unescape(steun)
    assert "Waarop gebaseerd:</strong> Gesprekken van 3 en 10 maart." in steun
    visie = next(a for a in per_tekst if "Lisa vindt school saai." in a)
    assert "Visie van de cliënt" in html.unescape(visie) and "Bron: De cliënt" in html.unescape(visie)


def test_ds_09_the_clients_statement_is_stored_unaltered_and_shown_under_its_opinion(casus, regio, ui):
    worker = ui(regio.medewerker)
    eigen_woorden = "  Ik trek me niet terug; ik ben moe van school.  "
    r = worker.post(
        url(casus.dossier, f"/notities/{casus.mening.uuid}/verklaring"),
        {"persoon": str(casus.lisa.uuid), "tekst": eigen_woorden},
    )
    assert r.status_code == 302
    als_systeem()
    assert selectors.notitie_weergave(casus.mening)["clientverklaringen"][0]["tekst"] == eigen_woorden
    pagina = html.unescape(inhoud(worker.get(url(casus.dossier, "/notities"))))
    mening = next(
        a for a in re.findall(r"<article.*?</article>", pagina, re.S) if "Lisa lijkt zich terug" in a
    )
    assert "Eigen verklaring van Lisa Visser" in mening and eigen_woorden.strip() in mening
    # a statement answers an opinion, not a fact: refused, shown at the fact's form, nothing stored
    voor = aantal(Clientverklaring)
    r = worker.post(
        url(casus.dossier, f"/notities/{casus.feit.uuid}/verklaring"),
        {"persoon": str(casus.lisa.uuid), "tekst": "Klopt niet."},
    )
    assert r.status_code == 400
    assert "Een eigen verklaring hoort bij een mening of oordeel (DS-09)." in inhoud(r)
    assert aantal(Clientverklaring) == voor


def test_ds_13_pe_11_hiding_for_safety_and_not_for_representatives_are_marked(casus, regio, ui):
    worker = ui(regio.medewerker)
    morgen = (today() + dt.timedelta(days=30)).isoformat()
    r = worker.post(
        url(casus.dossier, f"/notities/{casus.feit.uuid}/verbergen"),
        {"persoon": str(casus.lisa.uuid), "reden": "Veiligheid", "reviewdatum": today().isoformat()},
    )
    assert r.status_code == 400 and "Kies een reviewdatum in de toekomst (DS-13)." in inhoud(r)
    assert "<details open>" in inhoud(r)  # the refused form stays open with its reasons
    r = worker.post(
        url(casus.dossier, f"/notities/{casus.feit.uuid}/verbergen"),
        {"persoon": str(casus.lisa.uuid), "reden": "Vader wordt verdacht van geweld.", "reviewdatum": morgen},
    )
    assert r.status_code == 302
    r = worker.post(
        url(casus.dossier, f"/notities/{casus.mening.uuid}/markeren"),
        {"persoon": str(casus.lisa.uuid), "reden": "Lisa wil niet dat haar ouders dit lezen."},
    )
    assert r.status_code == 302
    pagina = inhoud(worker.get(url(casus.dossier, "/notities")))
    artikelen = re.findall(r"<article.*?</article>", pagina, re.S)
    feit = next(a for a in artikelen if "Huisbezoek afgelegd" in a)
    assert "Verborgen voor Lisa Visser" in feit and "Vader wordt verdacht van geweld." in feit
    mening = next(a for a in artikelen if "Lisa lijkt zich terug" in a)
    assert "Niet voor vertegenwoordigers" in mening


def test_ac_10_special_category_sections_only_with_the_separate_permission(casus, regio, ui):
    """AC-10: without the special-category grant the health and justice sections are not offered, their
    ZRM domains are absent and a direct attempt gets the service's refusal; with it, DS-10 asks a basis."""
    d = casus.dossier
    worker = ui(regio.medewerker)
    pagina = inhoud(worker.get(url(d, "/notities")))
    assert 'value="gezondheid"' not in pagina and 'value="justitie"' not in pagina
    assert "Bijzondere persoonsgegevens (DS-10)" not in pagina
    assert "Geestelijke gezondheid" not in inhoud(worker.get(url(d, "/zrm")))
    gezondheid = notitie(sectie="gezondheid", tekst="Gebruikt medicatie voor ADHD.", bron_soort="client")
    r = worker.post(url(d, "/notities/nieuw"), gezondheid)
    assert r.status_code == 400
    assert (
        "U heeft geen recht 'aanmaken' op de sectie 'gezondheid' van dit dossier (AC-05, AC-10)." in inhoud(r)
    )
    als_systeem()
    assert not Notitie.objects.filter(sectie="gezondheid").exists()

    bijzondere_grant(regio, d, regio.medewerker)
    pagina = inhoud(worker.get(url(d, "/notities")))
    assert 'value="gezondheid"' in pagina and 'value="justitie"' not in pagina
    assert "Bijzondere persoonsgegevens (DS-10)" in pagina
    assert "Geestelijke gezondheid" in inhoud(worker.get(url(d, "/zrm")))
    r = worker.post(url(d, "/notities/nieuw"), gezondheid)
    assert r.status_code == 400
    assert "Bijzondere persoonsgegevens vragen uitdrukkelijke toestemming of een wettelijke taak" in inhoud(r)
    r = worker.post(
        url(d, "/notities/nieuw"),
        {**gezondheid, "grondslag": "wettelijke_taak", "wettelijke_bepaling": "Jeugdwet art. 7.4.0"},
    )
    assert r.status_code == 302
    pagina = inhoud(worker.get(url(d, "/notities")))
    assert "Gebruikt medicatie voor ADHD." in pagina and "wettelijke taak: Jeugdwet art. 7.4.0" in pagina

    # a colleague on the case team without the permission does not see the health note
    wijs_toe(regio, d, regio.collega)
    collega = inhoud(ui(regio.collega).get(url(d, "/notities")))
    assert "Huisbezoek afgelegd" in collega and "Gebruikt medicatie voor ADHD." not in collega


# --- ZRM, plan, referral, frame, safety, closure (DS-04 … DS-17) -----------------------------------


def test_ds_05_zrm_scores_keep_their_history_and_need_a_justification(casus, regio, ui):
    worker = ui(regio.medewerker)
    r = worker.post(
        url(casus.dossier, "/zrm/nieuw"),
        {"domein": "dagbesteding", "onderbouwing": "", "besproken_met_client": "ja"},
    )
    assert r.status_code == 400
    assert "Het niveau is 1 tot en met 5 (DS-05)." in inhoud(r)
    assert "Elk niveau heeft een feitelijke onderbouwing (DS-05)." in inhoud(r)
    assert aantal(Zrmscore) == 0
    for niveau, feit in (("2", "Verzuimt drie dagen per week."), ("3", "Verzuimt nog één dag per week.")):
        r = worker.post(
            url(casus.dossier, "/zrm/nieuw"),
            {"domein": "dagbesteding", "niveau": niveau, "onderbouwing": feit, "besproken_met_client": "ja"},
        )
        assert r.status_code == 302
    pagina = inhoud(worker.get(url(casus.dossier, "/zrm")))
    huidig = re.search(r"Dagbesteding</th>\s*<td[^>]*>(.*?)</td>", pagina, re.S).group(1)
    assert "3 – Beperkt zelfredzaam" in huidig
    historie = re.search(r"Geschiedenis: Dagbesteding.*?</table>", pagina, re.S).group(0)
    assert "Verzuimt drie dagen per week." in historie and "Verzuimt nog één dag per week." in historie


def test_ds_06_the_plan_is_agreed_with_the_client_then_monitored_and_revised(casus, regio, ui):
    d = casus.dossier
    worker = ui(regio.medewerker)
    morgen = (today() + dt.timedelta(days=1)).isoformat()
    r = worker.post(url(d, f"/plan/{casus.plan.uuid}/vaststellen"), {"met_client_afgesproken_op": morgen})
    assert r.status_code == 400
    assert "Leg vast wanneer het plan met de cliënt of het gezin is afgesproken (DS-06)." in inhoud(r)
    r = worker.post(url(d, f"/plan/{casus.plan.uuid}/vaststellen"), {"met_client_afgesproken_op": today()})
    assert r.status_code == 302
    als_systeem()
    d.refresh_from_db()
    assert d.status == "plan_vastgesteld"
    worker.post(url(d, "/monitoren"))
    worker.post(url(d, "/herzien"))
    als_systeem()
    d.refresh_from_db()
    assert d.status == "plan_herzien"
    r = worker.post(
        url(d, "/plan/nieuw"), {"doelen": "Weer naar school\nSporten", "actie_1": "Gesprek met mentor"}
    )
    assert r.status_code == 400
    assert "Elke actie noemt wat en wie het uitvoert (DS-06)." in inhoud(r)
    assert aantal(Plan) == 1
    r = worker.post(
        url(d, "/plan/nieuw"),
        {"doelen": "Weer naar school\nSporten", "actie_1": "Gesprek met mentor", "uitvoerder_1": "Fatima"},
    )
    assert r.status_code == 302
    pagina = inhoud(worker.get(url(d, "/plan")))
    assert "Versie 2" in pagina and "Sporten" in pagina and "Gesprek met mentor" in pagina
    als_systeem()
    nieuw = Plan.objects.get(versie=2)
    worker.post(url(d, f"/plan/{nieuw.uuid}/vaststellen"), {"met_client_afgesproken_op": today()})
    als_systeem()
    d.refresh_from_db()
    assert d.status == "monitoring"


def test_ds_12_a_joint_family_plan_refuses_a_note_not_shareable_with_all(regio, ui):
    lisa = hulp.client(regio)
    moeder = hulp.client(regio, voornamen="Anja", geboortedatum=dt.date(1984, 2, 1))
    d = services.registreer_dossier(
        actor=regio.actor(regio.medewerker),
        soort="gezin",
        team=regio.team,
        leden=[(str(lisa.uuid), "client"), (str(moeder.uuid), "gezinslid")],
    )
    prive = hulp.notitie(regio, d, tekst="Alleen voor Lisa.")
    worker = ui(regio.medewerker)
    r = worker.post(
        url(d, "/plan/nieuw"), {"doelen": "Rust thuis", "gezamenlijk": "on", "notities": [str(prive.uuid)]}
    )
    assert r.status_code == 400
    assert (
        "Een gezamenlijk plan bevat alleen items die met alle leden gedeeld kunnen worden (DS-12)."
        in inhoud(r)
    )
    assert aantal(Plan) == 0


def test_ds_04_a_referral_records_agreement_and_who_contacts_the_client(casus, regio, ui):
    worker = ui(regio.medewerker)
    r = worker.post(
        url(casus.dossier, "/verwijzing/nieuw"),
        {"verwijzer_naam": "Huisarts De Wit", "besproken_met_client": "nee"},
    )
    assert r.status_code == 400
    pagina = inhoud(r)
    assert "De reden van verwijzing ontbreekt (DS-04)." in pagina
    assert "Zonder besproken akkoord leggen team en verwijzer vast wie de cliënt benadert (DS-04)." in pagina
    r = worker.post(
        url(casus.dossier, "/verwijzing/nieuw"),
        {
            "verwijzer_naam": "Huisarts De Wit",
            "reden": "Somberheid",
            "besproken_met_client": "nee",
            "client_akkoord": "onbekend",
            "contact_door": "team",
        },
    )
    assert r.status_code == 302
    pagina = inhoud(ui(regio.medewerker).get(url(casus.dossier, "/verwijzing")))
    assert "Huisarts De Wit" in pagina and "Het team" in pagina and "Nog niet bekend" in pagina
    # DS-02: after a referral the checklist also asks who referred
    assert "Wie verwees en wat daarbij is doorgegeven" in inhoud(worker.get(url(casus.dossier)))


def test_ds_14_coercion_needs_the_court_decision(casus, regio, ui):
    worker = ui(regio.medewerker)
    basis = {
        "kader": "dwang",
        "datum": today().isoformat(),
        "reden": "OTS uitgesproken",
        "grondslag": "BW 1:255",
        "client_geinformeerd": "on",
    }
    r = worker.post(url(casus.dossier, "/kader/wijzigen"), basis)
    assert r.status_code == 400
    assert "Dwang vraagt de rechterlijke uitspraak: soort en kenmerk (SPEC §5 Kader)." in inhoud(r)
    assert "Kader: Vrijwillig." in inhoud(r)
    r = worker.post(url(casus.dossier, "/kader/wijzigen"), {**basis, "client_geinformeerd": ""})
    assert "De cliënt moet zijn uitgelegd wat het kader betekent en welke rechten gelden (DS-14)." in inhoud(
        r
    )
    assert aantal(Kaderwijziging) == 0
    r = worker.post(
        url(casus.dossier, "/kader/wijzigen"),
        {**basis, "uitspraak_soort": "kinderbeschermingsmaatregel", "uitspraak_kenmerk": "C/10/123456"},
    )
    assert r.status_code == 302
    pagina = inhoud(worker.get(url(casus.dossier, "/kader")))
    assert "Kader: Dwang." in pagina and "Vrijwillig – Dwang" in pagina and "C/10/123456" in pagina


def test_ds_08_a_safety_assessment_consults_the_leidinggevende(casus, regio, ui):
    worker = ui(regio.medewerker)
    r = worker.post(
        url(casus.dossier, "/veiligheid/nieuw"), {"meldcodestap": "2", "risicotaxatie": "Blauwe plekken"}
    )
    assert r.status_code == 400 and "Raadpleeg de leidinggevende en leg dat vast (DS-08)." in inhoud(r)
    r = worker.post(
        url(casus.dossier, "/veiligheid/nieuw"),
        {
            "meldcodestap": "2",
            "risicotaxatie": "Blauwe plekken",
            "geconsulteerd": regio.leidinggevende.pk,
            "geconsulteerd_op": today().isoformat(),
        },
    )
    assert r.status_code == 302
    pagina = inhoud(worker.get(url(casus.dossier, "/veiligheid")))
    assert "Blauwe plekken" in pagina and "Marieke Bakker" in pagina and "Stap 2" in pagina


def test_ds_16_ds_17_closing_needs_opinion_and_results_and_the_leidinggevende_confirms(casus, regio, ui):
    d = casus.dossier
    worker = ui(regio.medewerker)
    r = worker.post(
        url(d, "/afsluiten/vastleggen"),
        {
            "einddatum": today().isoformat(),
            "reden": "niet_meewerken",
            "client_oordeel_geweigerd": "on",
            "resultaten": "Weinig",
        },
    )
    assert r.status_code == 400
    assert "Stoppen wegens niet meewerken is een laatste redmiddel: leg het besluit vast (DS-17)." in inhoud(
        r
    )
    r = worker.post(url(d, "/afsluiten/vastleggen"), {"einddatum": today().isoformat(), "reden": "afgerond"})
    assert "Leg het oordeel van de cliënt vast, of dat de cliënt geen oordeel wilde geven (DS-16)." in inhoud(
        r
    )
    als_systeem()
    d.refresh_from_db()
    assert d.status == "vraagverheldering"
    r = worker.post(
        url(d, "/afsluiten/vastleggen"),
        {
            "einddatum": today().isoformat(),
            "reden": "afgerond",
            "client_oordeel": "Tevreden",
            "resultaten": "Lisa gaat weer naar school.",
        },
    )
    assert r.status_code == 302
    pagina = inhoud(worker.get(url(d, "/afsluiten")))
    assert "nog niet bevestigd door de leidinggevende" in pagina and "Tevreden" in pagina
    assert "Sluiting bevestigen" not in pagina  # the worker does not confirm
    assert worker.post(url(d, "/bevestigen")).status_code == 404
    lg = ui(regio.leidinggevende)
    r = lg.post(url(d, "/bevestigen"), {"terug": "afsluiten"})
    assert r.status_code == 302 and r["Location"] == url(d, "/toewijzingen")
    als_systeem()
    d.refresh_from_db()
    assert d.bevestigd_op == today()
    assert "bevestigd op" in inhoud(worker.get(url(d, "/afsluiten")))


# --- the leidinggevende's assignments and the team meeting (AC-04, AC-05) --------------------------


def test_ac_04_the_leidinggevende_assigns_and_ends_an_assignment_without_reading(casus, regio, ui):
    """AC-04/AC-05: the leidinggevende finds the team's dossiers, assigns a substitute and ends the
    assignment; the substitute reads and may add to, but not create in, the dossier (GP-06)."""
    d = casus.dossier
    lg = ui(regio.leidinggevende)
    lijst = inhoud(lg.get("/dossiers"))
    assert f'href="{url(d, "/toewijzingen")}"' in lijst
    assert lg.get(url(d)).status_code == 404  # managing is not reading (ADR 0010 §4)
    pagina = inhoud(lg.get(url(d, "/toewijzingen")))
    assert "Fatima El Amrani" in pagina and "Casusteam" in pagina
    assert "Lisa" not in pagina and "Huisbezoek" not in pagina
    collega = ui(regio.collega)
    assert collega.get(url(d)).status_code == 404

    r = lg.post(url(d, "/toewijzingen/nieuw"), {"gebruiker": regio.collega.pk, "rol": "vervanger"})
    assert r.status_code == 302
    assert collega.get(url(d)).status_code == 200
    notities = inhoud(collega.get(url(d, "/notities")))
    assert "Huisbezoek afgelegd" in notities and "Nieuwe notitie" not in notities
    voor = aantal(Notitie)
    r = collega.post(url(d, "/notities/nieuw"), notitie())
    assert r.status_code == 400
    assert "U heeft geen recht 'aanmaken' op de sectie 'voortgang' van dit dossier (AC-05, AC-10)." in inhoud(
        r
    )
    assert aantal(Notitie) == voor
    r = lg.post(url(d, "/toewijzingen/nieuw"), {"gebruiker": regio.collega.pk, "rol": "vervanger"})
    assert r.status_code == 400 and "Deze medewerker heeft deze rol al in dit dossier." in inhoud(r)

    als_systeem()
    t = Toewijzing.objects.get(dossier=d, gebruiker=regio.collega)
    r = lg.post(url(d, f"/toewijzingen/{t.uuid}/beeindigen"), follow=True)
    assert "De toewijzing van Pieter de Vos is beëindigd." in tekst(r)
    assert collega.get(url(d)).status_code == 404
    als_systeem()
    assert AuditRegel.objects.filter(actie="dossier.toegewezen", object_uuid=str(d.uuid)).exists()
    als_systeem()
    assert AuditRegel.objects.filter(actie="dossier.toewijzing_beeindigd", object_uuid=str(d.uuid)).exists()


def test_ac_04_a_team_meeting_gives_those_present_the_summary_for_that_day_only(casus, regio, ui):
    d = casus.dossier
    worker = ui(regio.medewerker)
    r = worker.post(url(d, "/teambespreking/vastleggen"), {})
    assert r.status_code == 400 and "Alleen leden van het team van het dossier." in inhoud(r)
    r = worker.post(
        url(d, "/teambespreking/vastleggen"), {"aanwezigen": [regio.collega.pk, regio.medewerker.pk]}
    )
    assert r.status_code == 302
    collega = ui(regio.collega)
    assert d.kenmerk in inhoud(collega.get("/dossiers"))
    r = collega.get(url(d, "/samenvatting"))
    assert r.status_code == 200
    pagina = inhoud(r)
    assert "Lisa gaat weer naar school" in pagina and "Kader: Vrijwillig." in pagina
    tabs = re.search(r"Onderdelen van dit dossier.*?</nav>", pagina, re.S).group(0)
    assert "Notities" not in tabs and "Samenvatting" in tabs
    r = collega.get(url(d, "/notities"))
    assert r.status_code == 403 and "U heeft geen recht 'lezen' op de sectie 'notities'" in inhoud(r)
    assert "Huisbezoek" not in inhoud(r)
    with time_machine.travel(dt.datetime.combine(today() + dt.timedelta(days=1), dt.time(9))):
        morgen = ui(regio.collega)  # a fresh session: the old one has idled out by then
        assert morgen.get(url(d, "/samenvatting")).status_code == 404
        assert d.kenmerk not in inhoud(morgen.get("/dossiers"))
    als_systeem()
    assert AuditRegel.objects.filter(
        actie="dossier.samenvatting_ingezien", actor_gebruiker=str(regio.collega.uuid)
    ).exists()


# --- outreach signals ------------------------------------------------------------------------------


def test_zorgsignaal_registered_assessed_linked_and_converted_into_a_dossier(casus, regio, ui):
    """SPEC §5 States: RECEIVED → ASSESSED → MELDING (a dossier opens, the user is taken there)."""
    worker = ui(regio.medewerker)
    basis = {
        "team": regio.team.pk,
        "ontvangen_op": today().isoformat(),
        "kanaal": "telefoon",
        "zorg": "Buurvrouw hoort 's nachts geschreeuw.",
    }
    r = worker.post("/zorgsignalen/nieuw", basis)
    assert r.status_code == 400 and "Wie meldde de zorg?" in inhoud(r)
    assert "Buurvrouw hoort 's nachts geschreeuw.</textarea>" in inhoud(r)
    voor = aantal(Zorgsignaal)
    r = worker.post("/zorgsignalen/nieuw", {**basis, "melder_naam": "Mevrouw Smit"})
    assert r.status_code == 302
    als_systeem()
    z = Zorgsignaal.objects.exclude(pk__in=[casus.zorgsignaal.pk, casus.ander_zorgsignaal.pk]).get()
    als_systeem()
    assert Zorgsignaal.objects.count() == voor + 1
    assert r["Location"] == f"/zorgsignalen/{z.uuid}"
    lijst = inhoud(worker.get("/zorgsignalen"))
    assert f"/zorgsignalen/{z.uuid}" in lijst and "Mevrouw Smit" in lijst
    assert f"/zorgsignalen/{casus.ander_zorgsignaal.uuid}" not in lijst
    assert worker.get(f"/zorgsignalen/{casus.ander_zorgsignaal.uuid}").status_code == 404

    r = worker.post(f"/zorgsignalen/{z.uuid}/beoordelen", {})
    assert r.status_code == 400 and "laag, midden of hoog" in inhoud(r)
    assert worker.post(f"/zorgsignalen/{z.uuid}/beoordelen", {"ernst": "midden"}).status_code == 302
    r = worker.post(f"/zorgsignalen/{z.uuid}/omzetten", follow=True)
    assert "Koppel eerst de persoon om wie het gaat." in tekst(r)
    assert (
        worker.post(f"/zorgsignalen/{z.uuid}/koppelen", {"persoon": str(casus.lisa.uuid)}).status_code == 302
    )
    r = worker.post(f"/zorgsignalen/{z.uuid}/omzetten")
    assert r.status_code == 302
    als_systeem()
    z.refresh_from_db()
    assert z.status == "melding" and z.dossier is not None
    assert r["Location"] == url(z.dossier)
    pagina = inhoud(worker.get(r["Location"]))
    assert "Kader: Vrijwillig." in pagina and "Lisa Visser" in pagina and "Geregistreerd" in pagina


def test_zorgsignaal_discarded_and_the_dossier_form_is_not_for_the_auditor(casus, regio, ui):
    worker = ui(regio.medewerker)
    r = worker.post(f"/zorgsignalen/{casus.zorgsignaal.uuid}/afwijzen", follow=True)
    assert "Het zorgsignaal is afgewezen." in tekst(r)
    als_systeem()
    casus.zorgsignaal.refresh_from_db()
    assert casus.zorgsignaal.status == "afgewezen"
    r = worker.post(f"/zorgsignalen/{casus.zorgsignaal.uuid}/afwijzen", follow=True)
    assert "Een zorgsignaal in status 'afgewezen' kan niet naar 'afgewezen'." in tekst(r)
    assert ui(regio.auditor).get("/dossiers/nieuw").status_code == 404
