"""The rights-request pages (SPEC §9) through the Django test client, around SPEC example E3 (the mother's
inzage request for Lisa, 15): the list with its terms and never a BSN, registering a request, verifying
(RI-01, RI-02, RI-04), review, extension (RI-15), the decision under mandate with its grounds and bezwaar
clause (RI-02, RI-07, RI-13, RI-16), execution (RI-05, RI-06, RI-11), the answer and its PDF, the FG's
decision to name staff (RI-17). Who may see a request: its handler, the leidinggevende and the FG; anyone
else gets the page of a missing one. A refused step shows the service's Dutch reason and changes nothing."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.conftest import als_systeem, maak_gebruiker
from zorgvuldig.core.clock import today
from zorgvuldig.dossiers.tests import hulp
from zorgvuldig.personen.services import registreer_relatie
from zorgvuldig.rechten import services
from zorgvuldig.rechten.models import Beperking, Verzoek
from zorgvuldig.rechten.policies import lange_datum
from zorgvuldig.rechten.tests.hulp import Gezin, verstrekking
from zorgvuldig.ui.tests.test_ui import nav

pytestmark = pytest.mark.django_db

NIET_GEVONDEN = "Pagina niet gevonden"
BSN = "111222333"  # a test BSN (11-proef), never a real person


def url(verzoek, rest: str = "") -> str:
    return f"/verzoeken/{verzoek.uuid}{rest}"


def tekst(r) -> str:
    return html.unescape(r.content.decode())


def leesbaar(r) -> str:
    """The main content as read on screen: no tags, single spaces."""
    inhoud = tekst(r).split('id="inhoud"', 1)[1]
    return " ".join(re.sub(r"<[^>]+>", " ", inhoud).split())


def vers(verzoek) -> Verzoek:
    """The request as stored now (as the system: PostgreSQL's row security would hide it from the test)."""
    als_systeem()
    return Verzoek.objects.get(pk=verzoek.pk)


def aantal() -> int:
    als_systeem()
    return Verzoek.objects.count()


def mandaat(gebruiker) -> str:
    return str(gebruiker.mandaten.get(soort="verzoeken_besluiten").uuid)


def registreer(regio, gezin, **over) -> Verzoek:
    """E3's request, recorded by Fatima through the service (the form has its own tests)."""
    data = {
        "soort": "inzage",
        "persoon": str(gezin.lisa.uuid),
        "indiener": str(gezin.moeder.uuid),
        "hoedanigheid": "wettelijk_vertegenwoordiger",
        "toelichting": "Ik wil weten wat er over mijn dochter staat.",
    }
    data.update(over)
    return services.registreer(actor=regio.actor(regio.medewerker), data=data)


def in_behandeling(regio, gezin, **over) -> Verzoek:
    v = registreer(regio, gezin, **over)
    services.verifieer(actor=regio.actor(regio.medewerker), uuid=v.uuid, identiteit=True, hoedanigheid=True)
    return services.beoordeel(actor=regio.actor(regio.leidinggevende), uuid=v.uuid)


def toegewezen(regio, gezin, **over) -> Verzoek:
    """Decided as far as it may be: everything, but for the mother's inzage not the note Lisa keeps from
    her (PE-11), which the decision withholds in Lisa's interest (RI-02, SPEC E3)."""
    v = in_behandeling(regio, gezin, **over)
    data = {"uitkomst": "toegewezen", "redenen": "Alles.", "mandaat": mandaat(regio.leidinggevende)}
    if v.soort == "inzage":
        data["uitkomst"] = "gedeeltelijk"
        data["achtergehouden"] = [{"item": str(gezin.vertrouwelijk.uuid), "grond": "belang_kind"}]
    return services.besluit(actor=regio.actor(regio.leidinggevende), uuid=v.uuid, data=data)


def item_veld(r, item_uuid) -> str:
    """The index of the withhold row for an item on the decision form."""
    m = re.search(rf'name="achter_(\d+)"[^>]*>\s*<label[^>]*>[^<]*nummer {str(item_uuid)[:8]}', tekst(r))
    assert m, "item offered on the decision form"
    return m.group(1)


# --- The menu and the list ------------------------------------------------------------------------------


def test_the_menu_offers_requests_to_staff_who_register_them(regio, ui):
    # the VI-beheerder registers and decides requests about VI data (RI-08, RI-12)
    for gebruiker in (regio.medewerker, regio.leidinggevende, regio.fg, regio.vi_beheerder):
        assert "Verzoeken" in nav(ui(gebruiker).get("/overzicht").content.decode()), gebruiker
    for gebruiker in (regio.beheerder, regio.auditor):
        assert "Verzoeken" not in nav(ui(gebruiker).get("/overzicht").content.decode()), gebruiker
        assert ui(gebruiker).get("/verzoeken").status_code == 404


def test_the_fg_oversees_requests_and_is_not_offered_to_register_one(regio, ui):
    """ADR 0013 (FG review F16): the FG sees every request but handles none — no "register" button, and
    the form itself answers like a missing page (refusal logged, AU-04); a worker is offered both."""
    fg = ui(regio.fg)
    lijst = tekst(fg.get("/verzoeken"))
    assert "Nieuw verzoek registreren" not in lijst and "als FG alle verzoeken" in lijst
    assert fg.get("/verzoeken/nieuw").status_code == 404
    assert "Nieuw verzoek registreren" in tekst(ui(regio.medewerker).get("/verzoeken"))
    assert ui(regio.medewerker).get("/verzoeken/nieuw").status_code == 200
    als_systeem()
    assert AuditRegel.objects.filter(actie="toegang.geweigerd", actor_gebruiker=str(regio.fg.uuid)).exists()


def test_the_list_shows_kind_receipt_status_and_term_and_never_a_bsn(regio, ui):
    lisa = hulp.client(regio, bsn=BSN, bsn_ontbreekt_reden="")
    client = ui(regio.medewerker)
    r = client.post(
        "/verzoeken/nieuw",
        {"soort": "inzage", "bsn": BSN, "hoedanigheid": "zelf", "ontvangen_op": today().isoformat()},
    )
    assert r.status_code == 302 and BSN not in r["Location"]
    als_systeem()
    v = Verzoek.objects.get()
    assert v.persoon_id == lisa.pk
    r = client.get("/verzoeken")
    assert r.status_code == 200
    assert BSN not in r.content.decode()
    assert all(BSN not in href for href in re.findall(r'href="([^"]*)"', r.content.decode()))
    rij = leesbaar(r)
    assert "Inzage" in rij and "Lisa Visser" in rij and "Ontvangen" in rij
    assert f"{(today() + dt.timedelta(days=28)).day} " in rij and "Op tijd" in rij  # RI-05: 4 weeks
    assert f'href="{url(v)}"' in r.content.decode()
    r = client.get(url(v))
    assert BSN not in r.content.decode()


def test_ri_05_the_list_warns_seven_days_before_the_term_and_shows_an_expired_one(regio, ui):
    gezin = Gezin(regio)
    registreer(regio, gezin, ontvangen_op=today() - dt.timedelta(days=22))
    registreer(regio, gezin, ontvangen_op=today() - dt.timedelta(days=29))
    registreer(regio, gezin)
    r = ui(regio.medewerker).get("/verzoeken")
    assert 'utrecht-status-badge--warning">Let op: nog minder dan 7 dagen' in tekst(r)
    assert 'utrecht-status-badge--danger">Verlopen' in tekst(r)
    assert 'utrecht-data-badge">Op tijd' in tekst(r)


def test_the_list_filters_by_status(regio, ui):
    gezin = Gezin(regio)
    open_ = registreer(regio, gezin)
    behandeld = in_behandeling(regio, gezin)
    client = ui(regio.leidinggevende)
    r = client.get("/verzoeken", {"status": "in_behandeling"})
    assert url(behandeld) in tekst(r) and url(open_) not in tekst(r)
    r = client.get("/verzoeken", {"status": "gesloten"})
    assert "Er zijn geen verzoeken met deze status." in leesbaar(r)
    assert client.get("/verzoeken", {"status": "alles"}).status_code == 200  # an unknown status: no filter


def test_requests_are_seen_by_handler_leidinggevende_and_fg_only(regio, ui):
    gezin = Gezin(regio)
    v = registreer(regio, gezin)
    for gebruiker in (regio.medewerker, regio.leidinggevende, regio.fg):
        r = ui(gebruiker).get(url(v))
        assert r.status_code == 200, gebruiker
        assert "Verzoek: inzage" in leesbaar(r)
        assert url(v) in tekst(ui(gebruiker).get("/verzoeken"))
    for gebruiker in (regio.collega, regio.leraar, regio.school_lg, regio.beheerder):
        r = ui(gebruiker).get(url(v))
        assert r.status_code == 404 and NIET_GEVONDEN in tekst(r), gebruiker
        assert url(v) not in tekst(ui(gebruiker).get("/verzoeken"))
    # a step on a request one may not see answers like a missing page, and changes nothing
    r = ui(regio.collega).post(url(v, "/verifieren"), {"identiteit": "on", "hoedanigheid": "on"})
    assert r.status_code == 404
    assert vers(v).status == "ontvangen"


# --- Registering ----------------------------------------------------------------------------------------


def test_registering_the_mothers_request_for_lisa_through_the_form(regio, ui):
    gezin = Gezin(regio)
    client = ui(regio.medewerker)
    r = client.get("/verzoeken/nieuw", {"persoon": str(gezin.lisa.uuid)})
    assert r.status_code == 200
    pagina = tekst(r)
    assert f'<option value="{gezin.lisa.uuid}" selected>' in pagina
    assert f'<option value="{gezin.moeder.uuid}">Sanne Visser (ouder met gezag)</option>' in pagina
    # htmx: the relations of another chosen subject
    r = client.get("/verzoeken/nieuw/indiener", {"betrokkene": str(gezin.broer.uuid)})
    assert r.status_code == 200 and f'value="{gezin.moeder.uuid}"' in tekst(r)
    assert 'id="indiener-keuze"' in tekst(r)
    r = client.post(
        "/verzoeken/nieuw",
        {
            "soort": "inzage",
            "betrokkene": str(gezin.lisa.uuid),
            "hoedanigheid": "wettelijk_vertegenwoordiger",
            "indiener": str(gezin.moeder.uuid),
            "ontvangen_op": today().isoformat(),
            "schriftelijk": "on",
            "toelichting": "Ik wil weten wat er over mijn dochter staat.",
        },
    )
    assert r.status_code == 302, leesbaar(r)
    als_systeem()
    v = Verzoek.objects.get()
    assert r["Location"] == url(v)
    assert (v.soort, v.status, v.hoedanigheid) == ("inzage", "ontvangen", "wettelijk_vertegenwoordiger")
    assert v.persoon_id == gezin.lisa.pk and v.indiener_id == gezin.moeder.pk and v.schriftelijk
    r = client.get(r["Location"])
    assert "Het verzoek is geregistreerd." in leesbaar(r)
    assert "Sanne Visser – wettelijk vertegenwoordiger" in leesbaar(r)
    assert "Identiteit en hoedanigheid controleren" in leesbaar(r)


def test_a_person_reference_that_is_malformed_or_not_visible_offers_nothing(regio, ui):
    gezin = Gezin(regio)
    client = ui(regio.leraar)  # another organisation: Lisa is not the teacher's to see
    for waarde in ("abc", str(gezin.lisa.uuid)):
        r = client.get("/verzoeken/nieuw", {"persoon": waarde})
        assert r.status_code == 200 and str(gezin.moeder.uuid) not in tekst(r)
        assert "Lisa" not in leesbaar(r)
        r = client.get("/verzoeken/nieuw/indiener", {"betrokkene": waarde})
        assert r.status_code == 200 and str(gezin.moeder.uuid) not in tekst(r)
    r = ui(regio.medewerker).post(
        "/verzoeken/nieuw", {"soort": "inzage", "betrokkene": "abc", "hoedanigheid": "zelf"}
    )
    assert r.status_code == 400 and "Kies een van de mogelijkheden." in leesbaar(r)
    assert aantal() == 0


def test_without_script_the_form_shows_the_relations_of_the_chosen_subject(regio, ui):
    gezin = Gezin(regio)
    r = ui(regio.medewerker).post(
        "/verzoeken/nieuw",
        {"actie": "bijwerken", "betrokkene": str(gezin.broer.uuid), "soort": "inzage", "bsn": BSN},
    )
    assert r.status_code == 200
    assert f'value="{gezin.moeder.uuid}"' in tekst(r) and BSN not in tekst(r)
    assert aantal() == 0


def test_a_third_partys_name_is_enough_to_register(regio, ui):
    gezin = Gezin(regio)
    r = ui(regio.medewerker).post(
        "/verzoeken/nieuw",
        {
            "soort": "klacht",
            "betrokkene": str(gezin.moeder.uuid),
            "hoedanigheid": "derde_met_toestemming",
            "indiener_naam": "Buurman De Boer",
            "ontvangen_op": today().isoformat(),
        },
    )
    assert r.status_code == 302
    als_systeem()
    v = Verzoek.objects.get()
    assert v.indiener_id is None and "Buurman De Boer" in leesbaar(ui(regio.medewerker).get(url(v)))


@pytest.mark.parametrize(
    ("wijziging", "melding"),
    [
        ({"soort": ""}, "Kies de soort verzoek."),
        ({"hoedanigheid": ""}, "Kies wie het verzoek doet."),
        ({"bsn": BSN}, "Kies de betrokkene uit de lijst, of vul het BSN in (niet allebei)."),
        ({"betrokkene": ""}, "Kies de betrokkene uit de lijst, of vul het BSN in (niet allebei)."),
        ({"indiener_naam": "Sanne"}, "Kies de indiener uit de lijst, of vul een naam in (niet allebei)."),
        (
            {"ontvangen_op": (today() + dt.timedelta(days=1)).isoformat()},
            "De ontvangstdatum ligt in het afgelopen jaar en niet in de toekomst.",
        ),
        (
            {"hoedanigheid": "zelf"},
            "Noem de indiener precies dan als die een ander is dan de betrokkene (RI-01).",
        ),
        ({"indiener": str(today())}, "Kies een van de mogelijkheden."),
    ],
)
def test_bad_input_on_the_new_request_gives_a_dutch_reason_and_stores_nothing(regio, ui, wijziging, melding):
    gezin = Gezin(regio)
    data = {
        "soort": "inzage",
        "betrokkene": str(gezin.lisa.uuid),
        "hoedanigheid": "wettelijk_vertegenwoordiger",
        "indiener": str(gezin.moeder.uuid),
        "ontvangen_op": today().isoformat(),
        "toelichting": "Mijn eigen tekst.",
        **wijziging,
    }
    r = ui(regio.medewerker).post("/verzoeken/nieuw", data)
    assert r.status_code == 400
    assert melding in leesbaar(r)
    assert "Mijn eigen tekst." in tekst(r)  # the entered values are kept
    assert BSN not in tekst(r)  # a typed BSN is never echoed
    assert aantal() == 0


def test_ri_10_a_destruction_request_is_made_in_writing(regio, ui):
    gezin = Gezin(regio)
    r = ui(regio.medewerker).post(
        "/verzoeken/nieuw",
        {
            "soort": "vernietiging",
            "betrokkene": str(gezin.moeder.uuid),
            "hoedanigheid": "zelf",
            "ontvangen_op": today().isoformat(),
        },
    )
    assert r.status_code == 400
    assert "Een vernietigingsverzoek wordt schriftelijk gedaan (RI-10)." in leesbaar(r)
    assert aantal() == 0


def test_a_bsn_that_fails_the_11_check_or_is_unknown_is_refused_without_repeating_it(regio, ui):
    client = ui(regio.medewerker)
    basis = {"soort": "inzage", "hoedanigheid": "zelf", "ontvangen_op": today().isoformat()}
    r = client.post("/verzoeken/nieuw", {**basis, "bsn": "111222334"})
    assert r.status_code == 400 and "elfproef" in leesbaar(r) and "111222334" not in tekst(r)
    r = client.post("/verzoeken/nieuw", {**basis, "bsn": BSN})  # valid, but nobody has it
    assert r.status_code == 400 and "geen persoon met dit BSN" in leesbaar(r) and BSN not in tekst(r)
    assert aantal() == 0


# --- Verifying (RI-01, RI-02, RI-04) --------------------------------------------------------------------


def test_ri_02_a_parent_with_authority_of_a_15_year_old_is_verified(regio, ui):
    gezin = Gezin(regio)
    v = registreer(regio, gezin)
    client = ui(regio.medewerker)
    r = client.post(url(v, "/verifieren"), {"identiteit": "on"})
    assert r.status_code == 400
    assert "Controleer identiteit en hoedanigheid van de indiener." in leesbaar(r)
    assert vers(v).status == "ontvangen"
    r = client.post(url(v, "/verifieren"), {"identiteit": "on", "hoedanigheid": "on"}, follow=True)
    assert r.status_code == 200
    assert "De indiener mag dit recht uitoefenen." in leesbaar(r)
    assert vers(v).status == "geverifieerd"
    # the handler has no scope to take it in review; the leidinggevende does
    assert client.post(url(v, "/beoordelen")).status_code == 404
    assert "In behandeling nemen" not in leesbaar(client.get(url(v)))
    r = ui(regio.leidinggevende).post(url(v, "/beoordelen"), follow=True)
    assert "Het verzoek is in behandeling genomen." in leesbaar(r)
    assert vers(v).status == "in_behandeling"


def test_ri_01_at_16_the_parents_request_is_refused_at_verification_and_then_by_decision(regio, ui):
    actor = regio.actor(regio.medewerker)
    noor = hulp.client(regio, voornamen="Noor", geboortedatum=dt.date(2010, 1, 1))
    moeder = hulp.client(regio, voornamen="Sanne", geboortedatum=dt.date(1985, 2, 1))
    registreer_relatie(
        actor=actor, persoon_uuid=noor.uuid, ander_uuid=moeder.uuid, data={"soort": "ouder_met_gezag"}
    )
    v = services.registreer(
        actor=actor,
        data={
            "soort": "inzage",
            "persoon": str(noor.uuid),
            "indiener": str(moeder.uuid),
            "hoedanigheid": "wettelijk_vertegenwoordiger",
        },
    )
    r = ui(regio.medewerker).post(url(v, "/verifieren"), {"identiteit": "on", "hoedanigheid": "on"})
    assert r.status_code == 400
    assert "vanaf 16 jaar is het verzoek van een ouder een verzoek van een derde" in leesbaar(r)
    assert vers(v).status == "ontvangen"
    # the leidinggevende refuses it by decision, on that ground alone, straight from receipt
    lg = ui(regio.leidinggevende)
    r = lg.get(url(v))
    assert "Afwijzen omdat de indiener niet bevoegd is" in leesbaar(r)
    r = lg.post(
        url(v, "/besluiten"),
        {
            "uitkomst": "afgewezen",
            "redenen": "Noor is 16; voor uw verzoek is haar toestemming nodig.",
            "weigeringsgronden": ["niet_bevoegd"],
            "mandaat": mandaat(regio.leidinggevende),
            "verzonden_op": today().isoformat(),
        },
        follow=True,
    )
    assert "Het besluit is vastgelegd." in leesbaar(r)
    assert vers(v).status == "afgewezen"
    assert "De indiener is niet bevoegd dit recht uit te oefenen (RI-01)" in leesbaar(r)


def test_ri_04_a_limit_on_the_representative_refuses_her_next_request(regio, ui):
    gezin = Gezin(regio)
    v = in_behandeling(regio, gezin)
    lg = ui(regio.leidinggevende)
    besluit = {
        "uitkomst": "afgewezen",
        "redenen": "Zwaarwegende belangen van Lisa verzetten zich ertegen.",
        "weigeringsgronden": ["beperking_vertegenwoordiger"],
        "mandaat": mandaat(regio.leidinggevende),
        "beperken": "on",
        "beperking_redenen": "",
    }
    r = lg.post(url(v, "/besluiten"), besluit)
    assert r.status_code == 400 and "Een beperking noemt grond en redenen (RI-04)." in leesbaar(r)
    assert vers(v).status == "in_behandeling"
    r = lg.post(
        url(v, "/besluiten"), {**besluit, "beperking_redenen": "Lopend onderzoek naar de thuissituatie."}
    )
    assert r.status_code == 302
    als_systeem()
    assert Beperking.objects.filter(vertegenwoordiger=gezin.moeder).count() == 1
    tweede = registreer(regio, gezin)
    r = ui(regio.medewerker).post(url(tweede, "/verifieren"), {"identiteit": "on", "hoedanigheid": "on"})
    assert (
        r.status_code == 400
        and "de leidinggevende heeft de uitoefening door deze persoon beperkt" in leesbaar(r)
    )


# --- Extension (RI-15) ------------------------------------------------------------------------------------


def test_ri_15_the_term_is_extended_once_with_reasons_within_the_first_term(regio, ui):
    gezin = Gezin(regio)
    ontvangen = today() - dt.timedelta(days=22)
    v = in_behandeling(regio, gezin, ontvangen_op=ontvangen)
    lg = ui(regio.leidinggevende)
    r = lg.get(url(v))
    assert "Let op: besluit uiterlijk op" in leesbaar(r)  # the 7-day warning
    r = lg.post(url(v, "/verlengen"), {"redenen": "Gegevens bij drie organisaties."})
    assert r.status_code == 400 and "Verlengen met 1 of 2 maanden (RI-15)." in leesbaar(r)
    r = lg.post(url(v, "/verlengen"), {"maanden": "2", "redenen": " "})
    assert r.status_code == 400 and "Vermeld waarom de termijn wordt verlengd (RI-15)." in leesbaar(r)
    assert vers(v).status == "in_behandeling"
    r = lg.post(
        url(v, "/verlengen"), {"maanden": "2", "redenen": "Gegevens bij drie organisaties."}, follow=True
    )
    assert "De termijn is verlengd." in leesbaar(r)
    assert "Verlengd met 2 maanden" in leesbaar(r) and "Termijn verlengen" not in leesbaar(r)
    assert (vers(v).status, vers(v).verlenging_maanden) == ("verlengd", 2)
    r = lg.post(url(v, "/verlengen"), {"maanden": "1", "redenen": "Nog eens."})
    assert r.status_code == 400 and "Een termijn wordt één keer verlengd" in leesbaar(r)
    assert vers(v).verlenging_maanden == 2


def test_ri_15_an_extension_after_the_first_term_is_refused_and_the_term_shows_as_expired(regio, ui):
    gezin = Gezin(regio)
    v = in_behandeling(regio, gezin, ontvangen_op=today() - dt.timedelta(days=29))
    lg = ui(regio.leidinggevende)
    assert "De termijn voor het besluit is verlopen" in leesbaar(lg.get(url(v)))
    r = lg.post(url(v, "/verlengen"), {"maanden": "1", "redenen": "Te laat bedacht."})
    assert r.status_code == 400
    assert "Verlengen kan alleen binnen de eerste termijn van 4 weken." in leesbaar(r)
    assert vers(v).status == "in_behandeling"


# --- The decision (RI-02, RI-07, RI-13, RI-16) -------------------------------------------------------------


def test_e3_ri_02_the_decision_withholds_the_note_lisa_asked_to_keep_from_her_mother(regio, ui):
    gezin = Gezin(regio)
    v = in_behandeling(regio, gezin)
    lg = ui(regio.leidinggevende)
    r = lg.get(url(v))
    # the preview's left-out items are offered, each with the reason it is not in the answer
    for item in (gezin.vertrouwelijk, gezin.van_broer, gezin.verborgen):
        assert f"nummer {str(item.uuid)[:8]}" in leesbaar(r)
    for reden in (
        "Niet voor vertegenwoordigers (PE-11)",
        "Gaat over een ander lid",
        "Verborgen voor de veiligheid",
    ):
        assert reden in leesbaar(r), reden
    rij = item_veld(r, gezin.vertrouwelijk.uuid)
    opties = re.search(rf'<select name="grond_{rij}".*?</select>', tekst(r), re.S).group(0)
    assert 'value="belang_kind"' in opties and 'value="gegevens_juist"' not in opties  # RI-02, per kind
    r = lg.post(
        url(v, "/besluiten"),
        {
            "uitkomst": "gedeeltelijk",
            "redenen": "Eén notitie verstrekken wij niet: Lisa vroeg om vertrouwelijkheid, in haar belang.",
            f"achter_{rij}": "on",
            f"grond_{rij}": "belang_kind",
            "mandaat": mandaat(regio.leidinggevende),
            "verzonden_op": today().isoformat(),
        },
        follow=True,
    )
    assert "Het besluit is vastgelegd." in leesbaar(r)
    opgeslagen = vers(v)
    assert opgeslagen.status == "gedeeltelijk"
    assert opgeslagen.besluit["achtergehouden"] == [
        {"item": str(gezin.vertrouwelijk.uuid), "grond": "belang_kind"}
    ]
    assert opgeslagen.besluit["mandaat"]["uuid"] == mandaat(regio.leidinggevende)  # RI-13
    pagina = leesbaar(r)
    assert "Gedeeltelijk toegewezen" in pagina and "door Marieke Bakker, in mandaat" in pagina
    assert "goede zorg voor het kind (RI-02)" in pagina


def test_ri_16_the_decision_of_a_bestuursorgaan_carries_the_bezwaar_clause(regio, ui):
    gezin = Gezin(regio)
    v = toegewezen(regio, gezin)
    pagina = leesbaar(ui(regio.medewerker).get(url(v)))
    assert "Bezwaar maken (RI-16)" in pagina
    tot = today() + dt.timedelta(weeks=6)
    assert f"uiterlijk op {lange_datum(tot)}" in pagina  # L7: the page's one date format, "9 januari 2027"


@pytest.mark.parametrize(
    ("velden", "melding"),
    [
        ({"uitkomst": ""}, "Kies of u toewijst, gedeeltelijk toewijst of afwijst."),
        ({"uitkomst": "gedeeltelijk"}, "Een gedeeltelijke toewijzing noemt wat niet wordt verstrekt"),
        ({"uitkomst": "afgewezen"}, "Een weigering noemt haar grond (RI-07)."),
        ({"redenen": " "}, "Een besluit is gemotiveerd (RI-16)."),
        ({"weigeringsgronden": ["e"]}, "Een toewijzing weigert niets; kies gedeeltelijk."),
        ({"achter_0": "on"}, "Kies de grond waarop u dit achterhoudt."),
        ({"grond_0": "belang_kind"}, "Vink aan dat u dit achterhoudt, of kies geen grond."),
        (
            {"verzonden_op": (today() - dt.timedelta(days=1)).isoformat()},
            "Verzenden kan vanaf vandaag en binnen twee weken.",
        ),
    ],
)
def test_ri_07_a_decision_without_its_grounds_or_reasons_is_refused_and_changes_nothing(
    regio, ui, velden, melding
):
    gezin = Gezin(regio)
    v = in_behandeling(regio, gezin)
    data = {
        "uitkomst": "toegewezen",
        "redenen": "Mijn motivering.",
        "mandaat": mandaat(regio.leidinggevende),
        "verzonden_op": today().isoformat(),
        **velden,
    }
    r = ui(regio.leidinggevende).post(url(v, "/besluiten"), data)
    assert r.status_code == 400
    assert melding in leesbaar(r)
    assert vers(v).status == "in_behandeling" and vers(v).besluit == {}


def test_ri_13_a_decision_needs_the_deciders_own_mandate(regio, ui):
    gezin = Gezin(regio)
    v = in_behandeling(regio, gezin)
    ander = maak_gebruiker(
        regio.wijkteam, "lg2@krimpen.example.org", ["leidinggevende"], mandaten=["verzoeken_besluiten"]
    )
    lg = ui(regio.leidinggevende)
    pagina = tekst(lg.get(url(v)))
    assert f'value="{mandaat(regio.leidinggevende)}"' in pagina and mandaat(ander) not in pagina
    basis = {"uitkomst": "toegewezen", "redenen": "Alles.", "verzonden_op": today().isoformat()}
    r = lg.post(url(v, "/besluiten"), {**basis, "mandaat": mandaat(ander)})
    assert r.status_code == 400 and "Kies een van de mogelijkheden." in leesbaar(r)
    # a leidinggevende without a mandate lacks the scope: the decision is not there for her
    zonder = maak_gebruiker(regio.wijkteam, "lg3@krimpen.example.org", ["leidinggevende"], team=regio.team)
    assert "Besluit vastleggen" not in leesbaar(ui(zonder).get(url(v)))
    assert ui(zonder).post(url(v, "/besluiten"), basis).status_code == 404
    assert ui(regio.medewerker).post(url(v, "/besluiten"), basis).status_code == 404
    assert vers(v).status == "in_behandeling"


# --- Execution, the answer and its PDF (RI-05, RI-06, RI-11, RI-17) --------------------------------------


def test_ri_06_an_answer_by_conversation_records_why(regio, ui):
    gezin = Gezin(regio)
    v = toegewezen(regio, gezin)
    lg = ui(regio.leidinggevende)
    # writing is the rule (RI-05): the form shows it chosen, nothing is assumed unseen
    assert re.search(r'<input[^>]*name="vorm"[^>]*value="schriftelijk"[^>]*checked', tekst(lg.get(url(v))))
    r = lg.post(url(v, "/uitvoeren"), {"vorm": "gesprek"})
    assert r.status_code == 400
    assert "Leg vast waarom de betrokkene het antwoord anders krijgt." in leesbaar(r)
    assert vers(v).status == "gedeeltelijk"
    r = lg.post(
        url(v, "/uitvoeren"),
        {"vorm": "gesprek", "toelichting": "Moeder leest slecht; samen doorgenomen."},
        follow=True,
    )
    assert "Het besluit is uitgevoerd." in leesbaar(r)
    assert "in een gesprek. Moeder leest slecht" in leesbaar(r)
    assert vers(v).status == "uitgevoerd"


def test_ri_11_every_earlier_recipient_is_told_or_skipped_with_a_reason(regio, ui):
    from zorgvuldig.berichten.models import Bericht

    gezin = Gezin(regio)
    school = verstrekking(regio, gezin.lisa)
    huisarts = verstrekking(
        regio, gezin.lisa, ontvanger_organisatie=None, ontvanger_naam="Huisartsenpraktijk"
    )
    v = toegewezen(regio, gezin, soort="correctie", items=[str(gezin.feit.uuid)])
    lg = ui(regio.leidinggevende)
    r = lg.get(url(v))
    formulier = tekst(r).split('id="uitvoeren-kop"', 1)[1]
    rijen = re.findall(r'<th class="utrecht-table__header-cell" scope="row">([^<]*)</th>', formulier)
    assert sorted(rijen) == [
        "Huisartsenpraktijk (buiten zorgvuldig), verstrekt op 2 maart 2026",
        "OSG Het Baken (in zorgvuldig), verstrekt op 2 maart 2026",
    ]
    huisarts_rij = rijen.index("Huisartsenpraktijk (buiten zorgvuldig), verstrekt op 2 maart 2026")
    assert school.uuid != huisarts.uuid
    # left empty: the school hears it through the outbox, the GP outside the platform cannot
    r = lg.post(url(v, "/uitvoeren"), {"vorm": "schriftelijk"})
    assert r.status_code == 400 and "Een ontvanger buiten zorgvuldig vertelt u het zelf" in leesbaar(r)
    assert vers(v).status == "toegewezen"
    r = lg.post(
        url(v, "/uitvoeren"),
        {"vorm": "schriftelijk", f"reden_{huisarts_rij}": "Praktijk opgeheven."},
        follow=True,
    )
    assert "Het besluit is uitgevoerd." in leesbaar(r)
    assert vers(v).status == "uitgevoerd"
    pagina = leesbaar(r)
    assert "OSG Het Baken: bericht via zorgvuldig" in pagina
    assert "Huisartsenpraktijk: overgeslagen: Praktijk opgeheven." in pagina
    als_systeem()
    assert Bericht.objects.filter(aan="directie@hetbaken.example.org").count() == 1


def test_e3_ri_05_the_delivered_answer_and_its_pdf(regio, ui):
    gezin = Gezin(regio)
    v = in_behandeling(regio, gezin)
    lg = ui(regio.leidinggevende)
    services.besluit(
        actor=regio.actor(regio.leidinggevende),
        uuid=v.uuid,
        data={
            "uitkomst": "gedeeltelijk",
            "redenen": "Eén notitie verstrekken wij niet, in het belang van Lisa.",
            "achtergehouden": [{"item": str(gezin.vertrouwelijk.uuid), "grond": "belang_kind"}],
            "mandaat": mandaat(regio.leidinggevende),
        },
    )
    # before execution: a preview with what is left out and why, and no PDF yet
    r = lg.get(url(v, "/overzicht"))
    assert r.status_code == 200 and "Voorbeeld van het antwoord" in leesbaar(r)
    assert "Wat niet in het antwoord staat" in leesbaar(
        r
    ) and "Verborgen voor de veiligheid (DS-13)" in leesbaar(r)
    r = lg.get(url(v, "/overzicht.pdf"), follow=True)
    assert r["Content-Type"].startswith("text/html")
    assert "Een PDF is er pas als het besluit is uitgevoerd." in leesbaar(r)
    assert "Download PDF" not in leesbaar(lg.get(url(v)))
    r = lg.post(url(v, "/uitvoeren"), {"vorm": "schriftelijk"}, follow=True)
    assert vers(v).status == "uitgevoerd"
    assert "Download PDF" in leesbaar(r)
    r = lg.get(url(v, "/overzicht"))
    pagina = leesbaar(r)
    assert "Het verstuurde antwoord" in pagina and "Lisa gaat weer naar school." in pagina
    for weg in ("vriendje", "astma", "bang voor", "Fatima", "El Amrani", "Bakker"):
        assert weg not in pagina, weg
    assert "Jeugdcoach" in pagina and "Wijkteam Krimpen" in pagina  # RI-17: by function and organisation
    assert "Bezwaar maken" in pagina and "Wat niet in het antwoord staat" not in pagina
    pdf = lg.get(url(v, "/overzicht.pdf"))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"] == 'attachment; filename="overzicht-gegevens.pdf"'
    assert pdf.content.startswith(b"%PDF") and len(pdf.content) > 2000
    assert "no-store" in pdf["Cache-Control"]
    # the PDF is the decider's: others get the page of a missing one
    assert ui(regio.medewerker).get(url(v, "/overzicht.pdf")).status_code == 404
    assert ui(regio.leraar).get(url(v, "/overzicht.pdf")).status_code == 404
    r = lg.post(url(v, "/afsluiten"), follow=True)
    assert "Het verzoek is gesloten." in leesbaar(r) and vers(v).status == "gesloten"
    assert lg.get(url(v, "/overzicht.pdf")).status_code == 200  # the delivered answer stays


def test_only_an_inzage_request_has_an_overview(regio, ui):
    gezin = Gezin(regio)
    v = registreer(
        regio, gezin, soort="klacht", indiener=None, hoedanigheid="zelf", persoon=str(gezin.moeder.uuid)
    )
    r = ui(regio.leidinggevende).get(url(v, "/overzicht"), follow=True)
    assert "Alleen een inzageverzoek heeft een overzicht." in leesbaar(r)


def test_ri_17_the_fg_decides_with_reasons_that_staff_names_appear(regio, ui):
    gezin = Gezin(regio)
    v = registreer(regio, gezin, indiener=None, hoedanigheid="zelf", persoon=str(gezin.moeder.uuid))
    fg = ui(regio.fg)
    r = fg.get(url(v))
    assert "Namen van medewerkers vermelden" in leesbaar(r)
    assert "Controle vastleggen" not in leesbaar(r)  # the FG oversees, it does not move the request on
    assert "Namen van medewerkers vermelden" not in leesbaar(ui(regio.medewerker).get(url(v)))
    r = fg.post(url(v, "/namen"), {"redenen": " "})
    assert r.status_code == 400 and "Vermeld waarom namen worden genoemd (RI-17)." in leesbaar(r)
    r = ui(regio.medewerker).post(url(v, "/namen"), {"redenen": "Ik wil het."})
    assert r.status_code == 400 and "Alleen de FG besluit dit (RI-17)." in leesbaar(r)
    assert not vers(v).naam_vermelding
    r = fg.post(url(v, "/namen"), {"redenen": "Vermoeden van misbruik door een bekende."}, follow=True)
    assert "noemt de namen van medewerkers" in leesbaar(r)
    assert vers(v).naam_vermelding


def test_a_step_opened_with_get_goes_back_to_the_request(regio, ui):
    gezin = Gezin(regio)
    v = registreer(regio, gezin)
    r = ui(regio.medewerker).get(url(v, "/verifieren"))
    assert r.status_code == 302 and r["Location"] == url(v)
    assert vers(v).status == "ontvangen"


def test_ri_07_sh_14_a_provision_whose_informing_is_still_postponed_is_flagged_and_withheld(regio, ui):
    """SH-14 against RI-05: the answer lists every recipient, so a share whose informing was postponed
    for someone's safety would reach the client through the inzage. The decision form offers every
    provision (and consent, signal) for withholding and flags the postponed one; withheld on ground (e),
    it stays out of the answer."""
    from zorgvuldig.verstrekkingen.models import Deelbesluit

    gezin = Gezin(regio)
    als_systeem()
    besluit = Deelbesluit.objects.create(
        verwerkingsverantwoordelijke=regio.gemeente,
        organisatie=regio.wijkteam,
        dossier=gezin.dossier,
        richting="verstrekken",
        status="informeren_uitgesteld",
        ontvanger_organisatie=regio.school,
        ontvanger_type="organisatie",
        antwoorden_versleuteld="-",
        informeren_moment="uitgesteld",
        informeren_grond="veiligheid",
        aangemaakt_door=regio.medewerker,
    )
    uitgesteld = verstrekking(regio, gezin.lisa, herkomst=f"deelbesluit:{besluit.uuid}")
    verstrekking(regio, gezin.lisa, datum=dt.date(2026, 4, 1))
    v = in_behandeling(regio, gezin)
    lg = ui(regio.leidinggevende)
    r = lg.get(url(v))
    pagina = leesbaar(r)
    assert "Verstrekking aan OSG Het Baken op 2 maart 2026" in pagina
    assert "Verstrekking aan OSG Het Baken op 1 april 2026" in pagina
    assert pagina.count("uitgesteld om iemands veiligheid (SH-14)") == 1
    rij = re.search(r'name="achter_(\d+)"[^>]*>\s*<label[^>]*>Verstrekking aan [^<]*2 maart 2026', tekst(r))
    assert rij, "the postponed provision is offered"
    rij = rij.group(1)
    r = lg.post(
        url(v, "/besluiten"),
        {
            "uitkomst": "gedeeltelijk",
            "redenen": "Eén verstrekking noemen wij nog niet: het informeren daarover is uitgesteld.",
            f"achter_{rij}": "on",
            f"grond_{rij}": "e",
            f"achter_{item_veld(r, gezin.vertrouwelijk.uuid)}": "on",  # PE-11, pre-ticked (RI-02)
            f"grond_{item_veld(r, gezin.vertrouwelijk.uuid)}": "belang_kind",
            "mandaat": mandaat(regio.leidinggevende),
            "verzonden_op": today().isoformat(),
        },
        follow=True,
    )
    assert "Het besluit is vastgelegd." in leesbaar(r), leesbaar(r)[:2000]
    assert {"item": str(uitgesteld.uuid), "grond": "e"} in vers(v).besluit["achtergehouden"]
    # L7: the decision names what it withholds in words, not as "Item 1120742b"
    assert "Niet verstrekt of niet uitgevoerd:" in leesbaar(r)
    assert "Verstrekking aan OSG Het Baken op 2 maart 2026:" in leesbaar(r)
    assert f"Item {str(uitgesteld.uuid)[:8]}" not in leesbaar(r)
    als_systeem()
    antwoord = services.selectors.stel_samen(vers(v), achterhouden={str(uitgesteld.uuid)}).overzicht
    assert [o["datum"] for o in antwoord["ontvangers"]] == ["2026-04-01"]
