"""The retention pages (SPEC §10, "Bewaren") through the Django test client: the overview of retention rows
(type, rule, dates, state; never content), one row with its rule, decision and holds, extension by the
leidinggevende (RT-02), holds (RT-07), destruction lists judged per item and approved by the leidinggevende
and the FG as two people (RT-13), and after the sweep the tombstone (RT-03, RT-09). The beheerder and the
FG see due lists, holds and tombstones; only who may extend or hold reads the reasons. Another
organisation's row is a missing page. A refused step shows the service's Dutch reason and changes nothing."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
import time_machine

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.bewaren import policies, services
from zorgvuldig.bewaren.models import Bewaartermijn, Blokkade, Vernietigingslijst
from zorgvuldig.bewaren.tests.hulp import gesloten_dossier, op
from zorgvuldig.conftest import als_systeem
from zorgvuldig.dossiers.models import Dossier
from zorgvuldig.registers.services import bewaarregels_in_woorden
from zorgvuldig.ui.tests.test_ui import nav

pytestmark = pytest.mark.django_db

NIET_GEVONDEN = "Pagina niet gevonden"
NOTITIE = "Huisbezoek afgelegd"  # the content of the dossier's note (dossiers.tests.hulp.notitie)
REDEN = "Broer krijgt nog hulp; het gezinsplan loopt door tot de zomer."
TOELICHTING = "Bewaarplicht Jeugdwet art 7.3.8 voor dit gezin."


def tekst(r) -> str:
    return html.unescape(r.content.decode())


def leesbaar(r) -> str:
    """The main content as read on screen: no tags, single spaces."""
    inhoud = tekst(r).split('id="inhoud"', 1)[1]
    return " ".join(re.sub(r"<[^>]+>", " ", inhoud).split())


def termijn_van(dossier) -> Bewaartermijn:
    """The dossier's retention row as stored now (as the system: PostgreSQL's row security)."""
    als_systeem()
    return Bewaartermijn.objects.get(objecttype="dossiers.dossier", object_id=dossier.pk)


def url(termijn, rest: str = "") -> str:
    return f"/bewaren/termijnen/{termijn.uuid}{rest}"


def vervalt(dossier) -> dt.date:
    return policies.dossier_vervaldatum(dossier.einddatum)  # RT-01: 1 January of end year + 15


def datum(d: dt.date) -> str:
    maanden = "januari februari maart april mei juni juli augustus september oktober november december"
    return f"{d.day} {maanden.split()[d.month - 1]} {d.year}"


def ingezien(actie: str) -> int:
    als_systeem()
    return AuditRegel.objects.filter(actie=actie).count()


# --- The menu and the overview -----------------------------------------------------------------------


def test_the_menu_offers_bewaren_to_the_leidinggevende_the_fg_and_the_beheerder(regio, ui):
    for gebruiker in (regio.leidinggevende, regio.fg, regio.beheerder):
        assert "Bewaren" in nav(ui(gebruiker).get("/overzicht").content.decode()), gebruiker
    for gebruiker in (regio.medewerker, regio.auditor, regio.vi_beheerder):
        client = ui(gebruiker)
        assert "Bewaren" not in nav(client.get("/overzicht").content.decode()), gebruiker
        for pad in ("/bewaren", "/bewaren/vernietigingslijsten", "/bewaren/vernietigingsbewijzen"):
            r = client.get(pad)
            assert r.status_code == 404 and NIET_GEVONDEN in tekst(r), (gebruiker, pad)


def test_the_overview_shows_type_rule_dates_and_state_and_never_content(regio, ui):
    """SPEC §10 "Visible": the beheerder and the FG see what a record is and when it goes, never what it
    says; RT-12: the state is derived at read time. Every look is audited (AU-01)."""
    d = gesloten_dossier(regio)
    t = termijn_van(d)
    for gebruiker in (regio.leidinggevende, regio.fg, regio.beheerder):
        voor = ingezien("bewaartermijn.ingezien")
        r = ui(gebruiker).get("/bewaren")
        assert r.status_code == 200, gebruiker
        scherm = leesbaar(r)
        assert "Dossier" in scherm
        # the rule in words with the installation's terms, no configuration key (review)
        assert bewaarregels_in_woorden()["dossier"] in scherm and "retention." not in scherm
        assert datum(d.einddatum) in scherm and datum(vervalt(d)) in scherm
        assert "Loopt nog" in scherm
        # the FG sees the whole controller, so which organisation holds each record
        assert ("Wijkteam Krimpen" in scherm) is (gebruiker == regio.fg)
        assert f'href="/bewaren/termijnen/{t.uuid}"' in tekst(r)
        assert NOTITIE not in tekst(r) and "Visser" not in tekst(r) and d.kenmerk not in tekst(r)
        assert ingezien("bewaartermijn.ingezien") == voor + 1


def test_the_overview_filters_by_state_rule_and_due_date(regio, ui):
    d = gesloten_dossier(regio)
    t = termijn_van(d)
    client = ui(regio.leidinggevende)
    link = f"/bewaren/termijnen/{t.uuid}"
    assert link in tekst(client.get("/bewaren", {"status": "actief"}))
    assert link in tekst(client.get("/bewaren", {"regel": "dossier"}))
    assert link not in tekst(client.get("/bewaren", {"status": "verlopen"}))
    assert link not in tekst(client.get("/bewaren", {"regel": "toestemming"}))
    voor = vervalt(d).isoformat()
    assert link not in tekst(client.get("/bewaren", {"vervalt_voor": voor}))
    na = (vervalt(d) + dt.timedelta(days=1)).isoformat()
    assert link in tekst(client.get("/bewaren", {"vervalt_voor": na}))
    r = client.get("/bewaren", {"vervalt_voor": "31-02-2040"})
    assert r.status_code == 400 and "Vul een geldige datum in." in tekst(r)
    with time_machine.travel(op(vervalt(d))):  # due that day (RT-12)
        r = ui(regio.leidinggevende).get("/bewaren", {"status": "verlopen"})
        assert link in tekst(r) and "Termijn verstreken" in leesbaar(r)


# --- One retention row -----------------------------------------------------------------------------------


def test_the_row_shows_its_rule_and_the_forms_each_role_may_use(regio, ui):
    """RT-02: only the leidinggevende extends; RT-07: the leidinggevende and the FG hold; the technical
    beheerder only looks."""
    t = termijn_van(gesloten_dossier(regio))
    verwacht = {
        regio.leidinggevende: {"Termijn verlengen": True, "Blokkade vastleggen": True},
        regio.fg: {"Termijn verlengen": False, "Blokkade vastleggen": True},
        regio.beheerder: {"Termijn verlengen": False, "Blokkade vastleggen": False},
    }
    for gebruiker, knoppen in verwacht.items():
        r = ui(gebruiker).get(url(t))
        assert r.status_code == 200, gebruiker
        scherm = leesbaar(r)
        regel = policies.REGELS["dossier"]
        for deel in (regel.brondatum, regel.termijn, regel.afleiding, regel.bron):
            assert deel in scherm
        assert "Er is geen besluit genomen over de datum." in scherm
        for knop, zichtbaar in knoppen.items():
            assert (knop in scherm) is zichtbaar, (gebruiker, knop)
        assert NOTITIE not in tekst(r)
    als_systeem()
    assert AuditRegel.objects.filter(actie="bewaartermijn.ingezien", object_uuid=str(t.uuid)).count() == 3


@pytest.mark.parametrize(
    ("data", "melding"),
    [
        ({"nieuwe_datum": "", "reden": REDEN}, "Vul de nieuwe vervaldatum in."),
        ({"nieuwe_datum": "2040-13-01", "reden": REDEN}, "Vul een geldige datum in."),
        ({"nieuwe_datum": "2030-01-01", "reden": REDEN}, "De nieuwe datum ligt na de huidige vervaldatum"),
        ({"nieuwe_datum": "2060-01-01", "reden": "Nodig."}, "Motiveer waarom zorgvuldige hulpverlening"),
    ],
)
def test_rt_02_an_extension_without_a_later_date_or_a_reason_is_refused_and_changes_nothing(
    regio, ui, data, melding
):
    """RT-02: longer only by a reasoned decision with a new date after the current due date."""
    t = termijn_van(gesloten_dossier(regio))
    r = ui(regio.leidinggevende).post(url(t, "/verlengen"), data)
    assert r.status_code == 400
    assert melding in tekst(r)
    assert "<details open>" in tekst(r)  # the form stays open with the entered values
    na = termijn_van(Dossier(pk=t.object_id))
    assert (na.vervaldatum, na.besluit, na.reden_versleuteld) == (t.vervaldatum, {}, "")


def test_rt_02_the_leidinggevende_extends_and_the_beheerder_never_reads_the_reason(regio, ui):
    """RT-02: the leidinggevende's reasoned decision with a new date; SPEC §10 "Visible": the technical
    beheerder sees the decision, never its free text. The FG cannot extend."""
    d = gesloten_dossier(regio)
    t = termijn_van(d)
    nieuw = dt.date(vervalt(d).year + 2, 6, 1)
    r = ui(regio.fg).post(url(t, "/verlengen"), {"nieuwe_datum": nieuw.isoformat(), "reden": REDEN})
    assert r.status_code == 404
    assert termijn_van(d).vervaldatum == vervalt(d)
    client = ui(regio.leidinggevende)
    r = client.post(url(t, "/verlengen"), {"nieuwe_datum": nieuw.isoformat(), "reden": REDEN})
    assert r.status_code == 302 and r["Location"] == url(t)
    na = termijn_van(d)
    assert na.vervaldatum == nieuw and na.besluit["soort"] == "verlenging"
    scherm = leesbaar(client.get(url(t)))
    assert "De bewaartermijn is verlengd (RT-02)." in scherm
    assert "Verlengd door de leidinggevende (RT-02)" in scherm and "Marieke Bakker" in scherm
    assert REDEN in scherm and datum(nieuw) in scherm
    assert REDEN in leesbaar(ui(regio.fg).get(url(t)))  # the FG may hold, and reads why
    r = ui(regio.beheerder).get(url(t))
    assert r.status_code == 200
    assert "Verlengd door de leidinggevende (RT-02)" in leesbaar(r) and datum(nieuw) in leesbaar(r)
    assert REDEN not in tekst(r)
    assert "De reden ziet alleen wie mag verlengen of blokkeren." in leesbaar(r)


def test_rt_07_the_fg_holds_destruction_and_the_leidinggevende_lifts_the_hold(regio, ui):
    """RT-07: a hold names its legal ground, an end date and why; until that date nothing is destroyed.
    The beheerder sees the hold, not its explanation."""
    d = gesloten_dossier(regio)
    t = termijn_van(d)
    fg = ui(regio.fg)
    eind = dt.date.today() + dt.timedelta(days=400)
    r = fg.post(
        url(t, "/blokkeren"),
        {"reden": "wettelijke_plicht", "einddatum": dt.date.today().isoformat(), "toelichting": TOELICHTING},
    )
    assert r.status_code == 400 and "De einddatum van een blokkade ligt in de toekomst." in tekst(r)
    r = fg.post(url(t, "/blokkeren"), {"einddatum": eind.isoformat(), "toelichting": TOELICHTING})
    assert r.status_code == 400 and "Kies waarom het nog niet mag worden vernietigd." in tekst(r)
    r = fg.post(
        url(t, "/blokkeren"), {"reden": "klacht", "einddatum": eind.isoformat(), "toelichting": "kort"}
    )
    assert r.status_code == 400 and "Licht de blokkade toe." in tekst(r)
    als_systeem()
    assert not Blokkade.objects.exists()
    r = fg.post(
        url(t, "/blokkeren"),
        {"reden": "wettelijke_plicht", "einddatum": eind.isoformat(), "toelichting": TOELICHTING},
    )
    assert r.status_code == 302
    als_systeem()
    blokkade = Blokkade.objects.get()
    scherm = leesbaar(ui(regio.leidinggevende).get(url(t)))
    assert "Wettelijke bewaarplicht" in scherm and datum(eind) in scherm and "Anne Jansen" in scherm
    assert TOELICHTING in scherm and "Geblokkeerd Ja" in scherm
    r = ui(regio.beheerder).get(url(t))
    assert "Wettelijke bewaarplicht" in leesbaar(r) and TOELICHTING not in tekst(r)
    assert "Blokkade opheffen" not in leesbaar(r)
    assert ui(regio.beheerder).post(url(t, f"/blokkades/{blokkade.uuid}/opheffen")).status_code == 404
    overzicht = ui(regio.beheerder).get("/bewaren")
    assert re.search(r"Loopt nog\s*</span>\s*</td>\s*<td[^>]*>Ja</td>", tekst(overzicht))
    lg = ui(regio.leidinggevende)
    r = lg.post(url(t, f"/blokkades/{blokkade.uuid}/opheffen"))
    assert r.status_code == 302
    als_systeem()
    blokkade.refresh_from_db()
    assert blokkade.opgeheven_door == regio.leidinggevende
    scherm = leesbaar(lg.get(url(t)))
    assert "De blokkade is opgeheven." in scherm and "Opgeheven op" in scherm and "Geblokkeerd Nee" in scherm
    r = lg.post(url(t, f"/blokkades/{blokkade.uuid}/opheffen"))
    assert r.status_code == 400 and "Deze blokkade is al opgeheven." in tekst(r)


def test_another_organisations_row_is_a_missing_page_and_nothing_changes(regio, ui):
    """AC-15: the school's leidinggevende sees the wijkteam's row as missing; the refusal is audited."""
    t = termijn_van(gesloten_dossier(regio))
    client = ui(regio.school_lg)
    als_systeem()
    voor = AuditRegel.objects.filter(status="geweigerd").count()
    for r in (
        client.get(url(t)),
        client.post(url(t, "/verlengen"), {"nieuwe_datum": "2060-01-01", "reden": REDEN}),
        client.post(
            url(t, "/blokkeren"),
            {"reden": "klacht", "einddatum": "2060-01-01", "toelichting": TOELICHTING},
        ),
        client.get("/bewaren/termijnen/00000000-0000-4000-8000-000000000000"),
    ):
        assert r.status_code == 404 and NIET_GEVONDEN in tekst(r)
    assert f"/bewaren/termijnen/{t.uuid}" not in tekst(client.get("/bewaren"))
    na = termijn_van(Dossier(pk=t.object_id))
    assert (na.vervaldatum, na.besluit) == (t.vervaldatum, {})
    als_systeem()
    assert not Blokkade.objects.exists()
    assert AuditRegel.objects.filter(status="geweigerd").count() >= voor + 4


# --- Destruction lists (RT-13) and tombstones (RT-03) -------------------------------------------------------


def _lijst_url(lijst, rest: str = "") -> str:
    return f"/bewaren/vernietigingslijsten/{lijst.uuid}{rest}"


def test_rt_13_a_list_judged_and_approved_by_leidinggevende_and_fg_then_the_sweep_leaves_a_tombstone(
    regio, ui
):
    """RT-13: the list of what is due, judged per item (destroy, or keep with a new date and reason, RT-02),
    approved by the leidinggevende and the FG as two different people; the same person twice is refused.
    RT-03/RT-09: the sweep destroys the approved items and the tombstone page shows what, when and why."""
    weg = gesloten_dossier(regio)
    blijft = gesloten_dossier(regio)
    t_weg, t_blijft = termijn_van(weg), termijn_van(blijft)
    peil = vervalt(weg) + dt.timedelta(days=1)
    with time_machine.travel(op(peil)):
        lg, fg, beheerder = ui(regio.leidinggevende), ui(regio.fg), ui(regio.beheerder)
        # the beheerder sees the lists but may not draw one up
        r = beheerder.get("/bewaren/vernietigingslijsten")
        assert r.status_code == 200 and "Lijst opstellen" not in leesbaar(r)
        assert beheerder.post("/bewaren/vernietigingslijsten/nieuw", {"peildatum": peil}).status_code == 404
        r = lg.post("/bewaren/vernietigingslijsten/nieuw", {"peildatum": ""})
        assert r.status_code == 400 and "Vul de peildatum in." in tekst(r)
        als_systeem()
        assert not Vernietigingslijst.objects.exists()
        r = lg.post("/bewaren/vernietigingslijsten/nieuw", {"peildatum": peil.isoformat()})
        assert r.status_code == 302
        als_systeem()
        lijst = Vernietigingslijst.objects.get()
        assert r["Location"] == _lijst_url(lijst)
        r = lg.get(_lijst_url(lijst))
        scherm = leesbaar(r)
        # each dossier by the kenmerk its team knows it by (RT-13), not a technical number
        assert r.status_code == 200 and f"Dossier (kenmerk {weg.kenmerk})" in scherm
        assert f"Dossier (kenmerk {blijft.kenmerk})" in scherm
        wacht = (
            "Wacht nog op de goedkeuring van de leidinggevende en de functionaris gegevensbescherming (FG)."
        )
        assert wacht in scherm
        assert "als twee verschillende personen" in scherm
        assert NOTITIE not in tekst(r)  # the kenmerk, never what the record says
        assert scherm.count("Beoordeling opslaan") == 2 and "Lijst goedkeuren" in scherm
        r = beheerder.get(_lijst_url(lijst))
        assert r.status_code == 200 and "Beoordeling opslaan" not in leesbaar(r)
        assert "Lijst goedkeuren" not in leesbaar(r)

        # keep one: without a date refused in Dutch, nothing changes (RT-02)
        r = lg.post(
            _lijst_url(lijst, "/beoordelen"), {"termijn": str(t_blijft.uuid), "beoordeling": "bewaren"}
        )
        assert r.status_code == 400
        assert "Bewaren vraagt een nieuwe datum na de peildatum (RT-02)." in tekst(r)
        assert "Motiveer waarom langer bewaren nodig is (RT-02)." in tekst(r)
        assert termijn_van(blijft).beoordeling == "vernietigen"
        nieuw = dt.date(peil.year + 3, 1, 1)
        r = lg.post(
            _lijst_url(lijst, "/beoordelen"),
            {"termijn": str(t_blijft.uuid), "beoordeling": "bewaren", "nieuwe_datum": nieuw, "reden": REDEN},
        )
        assert r.status_code == 302
        assert termijn_van(blijft).beoordeling == "bewaren"
        scherm = leesbaar(lg.get(_lijst_url(lijst)))
        assert f"Langer bewaren tot {datum(nieuw)}" in scherm and REDEN in scherm
        assert REDEN not in tekst(beheerder.get(_lijst_url(lijst)))
        scherm = leesbaar(lg.get(url(t_blijft)))  # a proposal until both approve (RT-13)
        assert f"Voorstel op de vernietigingslijst: langer bewaren tot {datum(nieuw)}" in scherm
        assert REDEN in scherm and "Langer bewaren" in scherm

        # the leidinggevende approves; approving again is refused (four eyes)
        r = lg.post(_lijst_url(lijst, "/goedkeuren"))
        assert r.status_code == 302
        r = lg.post(_lijst_url(lijst, "/goedkeuren"))
        assert r.status_code == 400 and "Deze rol heeft de lijst al goedgekeurd." in tekst(r)
        als_systeem()
        lijst.refresh_from_db()
        assert len(lijst.goedkeuringen) == 1 and lijst.status == policies.CONCEPT
        # after the first approval the judgement is fixed
        r = lg.post(
            _lijst_url(lijst, "/beoordelen"), {"termijn": str(t_blijft.uuid), "beoordeling": "vernietigen"}
        )
        assert r.status_code == 400 and "Een lijst wordt beoordeeld vóór de eerste goedkeuring." in tekst(r)
        assert termijn_van(blijft).beoordeling == "bewaren"
        scherm = leesbaar(fg.get(_lijst_url(lijst)))
        assert f"Goedgekeurd door de leidinggevende, Marieke Bakker, op {datum(peil)}" in scherm
        assert "Wacht nog op de goedkeuring van de functionaris gegevensbescherming (FG)." in scherm
        assert "Beoordeling opslaan" not in scherm

        r = fg.post(_lijst_url(lijst, "/goedkeuren"))
        assert r.status_code == 302
        scherm = leesbaar(fg.get(_lijst_url(lijst)))
        assert "De lijst is goedgekeurd door de leidinggevende en de FG." in scherm
        assert "Goedgekeurd, wordt uitgevoerd" in scherm
        fg_akkoord = "Goedgekeurd door de functionaris gegevensbescherming (FG), Anne Jansen, op"
        assert f"{fg_akkoord} {datum(peil)}" in scherm
        assert "Lijst goedkeuren" not in scherm
        assert termijn_van(blijft).vervaldatum == nieuw  # kept: the new date (RT-02), off the list
        scherm = leesbaar(lg.get(url(t_blijft)))
        assert "Langer bewaren na beoordeling op een vernietigingslijst (RT-02, RT-13)" in scherm
        assert REDEN in scherm and "Voorstel op de vernietigingslijst" not in scherm

        ronde = services.opschonen()
        assert ronde is not None and ronde.status == "klaar"
        als_systeem()
        assert not Dossier.objects.filter(pk=weg.pk).exists()
        assert Dossier.objects.filter(pk=blijft.pk).exists()

        for client in (beheerder, fg, lg):
            voor = ingezien("bewaartermijn.ingezien")
            r = client.get("/bewaren/vernietigingsbewijzen")
            assert r.status_code == 200
            scherm = leesbaar(r)
            assert f"Dossier (nummer {str(weg.uuid)[:8]})" in scherm  # destroyed: its kenmerk is gone too
            assert weg.kenmerk not in scherm
            assert "Vernietigd" in scherm and "Goedgekeurde vernietigingslijst (RT-13)" in scherm
            assert str(blijft.uuid)[:8] not in scherm
            assert "1 vernietigd" in scherm and "Echte ronde" in scherm and "Klaar" in scherm
            assert NOTITIE not in tekst(r) and "Visser" not in tekst(r)
            assert ingezien("bewaartermijn.ingezien") == voor + 1
        # the tombstone's own page: what, when, under which rule; no record to open any more
        r = lg.get(url(t_weg))
        assert r.status_code == 200 and "Vernietigd op" in leesbaar(r)
        assert "Termijn verlengen" not in leesbaar(r) and "Record openen" not in leesbaar(r)
        scherm = leesbaar(lg.get("/bewaren/vernietigingslijsten"))
        assert "Uitgevoerd" in scherm


def test_rt_13_the_same_person_cannot_approve_twice_even_in_another_role(regio, ui):
    """RT-13: the second approval comes from someone else, also after a change of role."""
    d = gesloten_dossier(regio)
    with time_machine.travel(op(vervalt(d) + dt.timedelta(days=1))):
        lijst = services.maak_lijst(actor=regio.actor(regio.leidinggevende), peildatum=dt.date.today())
        assert ui(regio.leidinggevende).post(_lijst_url(lijst, "/goedkeuren")).status_code == 302
        regio.leidinggevende.rollen = ["fg"]
        regio.leidinggevende.save()
        r = ui(regio.leidinggevende).post(_lijst_url(lijst, "/goedkeuren"))
        assert r.status_code == 400
        assert "Een tweede goedkeuring komt van een ander (vier ogen)." in tekst(r)
        als_systeem()
        lijst.refresh_from_db()
        assert lijst.status == policies.CONCEPT and len(lijst.goedkeuringen) == 1


def test_the_fg_draws_up_a_list_for_an_organisation_of_the_controller(regio, ui):
    """RT-13: the FG names the organisation; the school's leidinggevende does not see the list."""
    d = gesloten_dossier(regio)
    with time_machine.travel(op(vervalt(d) + dt.timedelta(days=1))):
        fg = ui(regio.fg)
        r = fg.get("/bewaren/vernietigingslijsten")
        assert "Wijkteam Krimpen" in tekst(r) and "OSG Het Baken" not in tekst(r)
        r = fg.post("/bewaren/vernietigingslijsten/nieuw", {"peildatum": dt.date.today().isoformat()})
        assert r.status_code == 400 and "Kies de organisatie." in tekst(r)
        r = fg.post(
            "/bewaren/vernietigingslijsten/nieuw",
            {"peildatum": dt.date.today().isoformat(), "organisatie": str(regio.school.uuid)},
        )
        assert r.status_code == 400
        r = fg.post(
            "/bewaren/vernietigingslijsten/nieuw",
            {"peildatum": dt.date.today().isoformat(), "organisatie": str(regio.wijkteam.uuid)},
        )
        assert r.status_code == 302
        als_systeem()
        lijst = Vernietigingslijst.objects.get()
        assert lijst.organisatie == regio.wijkteam
        assert termijn_van(d).lijst_id == lijst.pk
        voor = ingezien("vernietigingslijst.ingezien")
        r = ui(regio.school_lg).get(_lijst_url(lijst))
        assert r.status_code == 404 and NIET_GEVONDEN in tekst(r)
        assert "Lijst van" not in leesbaar(ui(regio.school_lg).get("/bewaren/vernietigingslijsten"))
        assert ingezien("vernietigingslijst.ingezien") == voor + 1  # the school's (empty) list page
