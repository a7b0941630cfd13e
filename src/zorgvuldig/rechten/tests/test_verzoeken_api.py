"""Rights requests through the API (API §2.8): E3 end to end, entitlement, terms, decisions, execution."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from zorgvuldig.conftest import als_systeem, maak_gebruiker
from zorgvuldig.dossiers.tests import hulp
from zorgvuldig.personen.services import registreer_relatie
from zorgvuldig.rechten.tests.hulp import VERIFIEER, Gezin, V, mandaat, verstrekking
from zorgvuldig.rechten.tests.hulp import persoon_url as _p

pytestmark = pytest.mark.django_db


def _in_behandeling(regio, api, gezin, **over) -> str:
    """The mother's request for Lisa, verified by the handler and taken in review by Marieke."""
    url = gezin.verzoek(api(regio.medewerker), **over)["url"]
    assert api(regio.medewerker).post(f"{url}/_verifieren", VERIFIEER, format="json").status_code == 200
    assert api(regio.leidinggevende).post(f"{url}/_beoordelen", {}, format="json").status_code == 200
    return url


def test_e3_a_parents_inzage_for_a_15_year_old_from_receipt_to_the_delivered_answer(regio, api):
    gezin = Gezin(regio)
    medewerker, lg = api(regio.medewerker), api(regio.leidinggevende)
    verzoek = gezin.verzoek(medewerker)
    url = verzoek["url"]
    vandaag = dt.date.today()
    assert verzoek["status"] == "ontvangen"
    assert verzoek["besluittermijn"] == (vandaag + dt.timedelta(days=28)).isoformat()  # RI-05: 4 weeks
    assert verzoek["waarschuwingOp"] == (vandaag + dt.timedelta(days=21)).isoformat()

    r = medewerker.post(
        f"{url}/_verifieren",
        VERIFIEER,
        format="json",
    )
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "geverifieerd"  # RI-02: a parent with authority of a child under 16
    assert lg.post(f"{url}/_beoordelen", {}, format="json").json()["status"] == "in_behandeling"

    # The preview tells the decider what the rules leave out (RI-03, DS-13, PE-11), and why.
    preview = lg.get(f"{url}/overzicht").json()
    uit = {u["item"]: u["reden"] for u in preview["uitgesloten"]}
    assert uit == {
        str(gezin.vertrouwelijk.uuid): "niet_voor_vertegenwoordigers",  # PE-11
        str(gezin.van_broer.uuid): "ander_lid",  # RI-03
        str(gezin.verborgen.uuid): "verborgen",  # DS-13
    }

    r = lg.post(
        f"{url}/_besluiten",
        {
            "uitkomst": "gedeeltelijk",
            "redenen": "Eén notitie verstrekken wij niet: Lisa vroeg om vertrouwelijkheid, in haar belang.",
            "achtergehouden": [{"item": str(gezin.vertrouwelijk.uuid), "grond": "belang_kind"}],
            "mandaat": mandaat(regio.leidinggevende),
        },
        format="json",
    )
    assert r.status_code == 200, r.content
    besluit = r.json()["besluit"]
    assert r.json()["status"] == "gedeeltelijk"
    assert besluit["uitkomst"] == "gedeeltelijk" and besluit["mandaat"] == mandaat(regio.leidinggevende)
    assert "bezwaar" in besluit["bezwaarclausule"]  # RI-16: the wijkteam is a bestuursorgaan
    assert besluit["bezwaarTot"] == (vandaag + dt.timedelta(weeks=6)).isoformat()
    assert r.json()["besluitTijdig"] is True

    r = lg.post(f"{url}/_uitvoeren", {"vorm": "schriftelijk"}, format="json")
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "uitgevoerd"

    antwoord = lg.get(f"{url}/overzicht")
    assert antwoord.status_code == 200
    data = antwoord.json()
    tekst = json.dumps(data, ensure_ascii=False)
    assert "uitgesloten" not in data
    items = [i for d in data["gegevens"]["dossiers"] for i in d["items"]]
    assert [i["tekst"] for i in items if i["soort"] == "notitie"] == ["Lisa gaat weer naar school."]
    for weg in ("vriendje", "astma", "bang voor"):
        assert weg not in tekst
    assert data["betrokkene"]["naam"] == "Lisa Visser"
    assert data["rechten"] and data["bewaartermijnen"] and data["geautomatiseerdeVerwerking"]  # RI-05
    # RI-17: who saw the data, by function and organisation, never by staff name
    assert data["inzagen"], "the professionals' reads of Lisa's data are listed"
    assert {r["organisatie"] for r in data["inzagen"]} == {"Wijkteam Krimpen"}
    assert "Jeugdcoach" in {r["functie"] for r in data["inzagen"]}
    for naam in ("Fatima", "El Amrani", "Marieke", "Bakker"):
        assert naam not in tekst

    pdf = lg.get(f"{url}/overzicht", HTTP_ACCEPT="application/pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF") and len(pdf.content) > 2000

    # The delivered answer stays what it was: a later note does not change it.
    hulp.notitie(regio, gezin.dossier, tekst="Nieuw na het besluit.", betreft=[str(gezin.lisa.uuid)])
    assert lg.get(f"{url}/overzicht").json()["gegevens"] == data["gegevens"]
    assert lg.post(f"{url}/_afsluiten", {}, format="json").json()["status"] == "gesloten"


def test_e3_ri_01_at_16_the_parents_request_is_a_third_partys_and_is_refused(regio, api):
    actor = regio.actor(regio.medewerker)
    jongere = hulp.client(regio, voornamen="Noor", geboortedatum=dt.date(2010, 1, 1))
    moeder = hulp.client(regio, voornamen="Sanne", geboortedatum=dt.date(1985, 2, 1))
    registreer_relatie(
        actor=actor, persoon_uuid=jongere.uuid, ander_uuid=moeder.uuid, data={"soort": "ouder_met_gezag"}
    )
    medewerker = api(regio.medewerker)
    r = medewerker.post(
        V,
        {
            "soort": "inzage",
            "betrokkene": {"persoon": _p(jongere)},
            "indiener": {"persoon": _p(moeder)},
            "hoedanigheid": "wettelijk_vertegenwoordiger",
        },
        format="json",
    )
    url = r.json()["url"]
    r = medewerker.post(
        f"{url}/_verifieren",
        VERIFIEER,
        format="json",
    )
    assert r.status_code == 400
    assert r.json()["code"] == "E_RI_NOT_ENTITLED"
    assert medewerker.get(url).json()["status"] == "ontvangen"  # nothing changed
    # The refusal is a decision too, on that ground alone, straight from receipt.
    r = api(regio.leidinggevende).post(
        f"{url}/_besluiten",
        {
            "uitkomst": "afgewezen",
            "redenen": "Noor is 16; voor uw verzoek is haar toestemming nodig.",
            "weigeringsgronden": ["niet_bevoegd"],
            "mandaat": mandaat(regio.leidinggevende),
        },
        format="json",
    )
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "afgewezen"


def test_ri_13_without_a_valid_mandate_there_is_no_decision(regio, api):
    gezin = Gezin(regio)
    url = gezin.verzoek(api(regio.medewerker))["url"]
    api(regio.medewerker).post(
        f"{url}/_verifieren",
        VERIFIEER,
        format="json",
    )
    lg = api(regio.leidinggevende)
    lg.post(f"{url}/_beoordelen", {}, format="json")
    body = {"uitkomst": "toegewezen", "redenen": "Alles."}
    r = lg.post(f"{url}/_besluiten", body, format="json")
    assert r.status_code == 403 and r.json()["code"] == "E_AC_NOT_AUTHORISED"
    # the mandate of another user does not count
    ander = maak_gebruiker(
        regio.wijkteam, "lg2@krimpen.example.org", ["leidinggevende"], mandaten=["verzoeken_besluiten"]
    )
    r = lg.post(f"{url}/_besluiten", {**body, "mandaat": mandaat(ander)}, format="json")
    assert r.status_code == 403
    # a leidinggevende without a mandate lacks the scope: the request is not there for deciding
    zonder = maak_gebruiker(regio.wijkteam, "lg3@krimpen.example.org", ["leidinggevende"], team=regio.team)
    assert api(zonder).post(f"{url}/_besluiten", body, format="json").status_code == 404
    # the handler (medewerker) has no scope to decide
    assert api(regio.medewerker).post(f"{url}/_besluiten", body, format="json").status_code == 404
    assert api(regio.medewerker).get(url).json()["status"] == "in_behandeling"


def test_ri_15_an_extension_within_the_first_term_moves_the_deadline_once(regio, api):
    gezin = Gezin(regio)
    ontvangen = dt.date.today() - dt.timedelta(days=22)
    url = _in_behandeling(regio, api, gezin, ontvangenOp=ontvangen.isoformat())
    lg = api(regio.leidinggevende)
    assert lg.get(url).json()["besluittermijnStand"] == "waarschuwing"  # 6 days left
    r = lg.post(
        f"{url}/_verlengen", {"maanden": 2, "redenen": "Gegevens bij drie organisaties."}, format="json"
    )
    assert r.status_code == 200, r.content
    from zorgvuldig.rechten.policies import besluittermijn

    assert r.json()["besluittermijn"] == besluittermijn(ontvangen, 2).isoformat()
    assert r.json()["status"] == "verlengd"
    r = lg.post(f"{url}/_verlengen", {"maanden": 1, "redenen": "Nog eens."}, format="json")
    assert r.status_code == 409


def test_ri_15_an_extension_after_the_first_term_is_refused(regio, api):
    gezin = Gezin(regio)
    ontvangen = dt.date.today() - dt.timedelta(days=29)
    url = _in_behandeling(regio, api, gezin, ontvangenOp=ontvangen.isoformat())
    lg = api(regio.leidinggevende)
    r = lg.post(f"{url}/_verlengen", {"maanden": 1, "redenen": "Te laat bedacht."}, format="json")
    assert r.status_code == 409 and r.json()["code"] == "E_RI_EXTENSION_LATE"
    assert lg.get(url).json()["besluittermijnStand"] == "verlopen"
    assert lg.get(url).json()["status"] == "in_behandeling"


def test_ri_04_a_limited_representative_is_refused_at_the_next_request(regio, api):
    gezin = Gezin(regio)
    medewerker, lg = api(regio.medewerker), api(regio.leidinggevende)
    url = _in_behandeling(regio, api, gezin)
    r = lg.post(
        f"{url}/_besluiten",
        {
            "uitkomst": "afgewezen",
            "redenen": "Zwaarwegende belangen van Lisa verzetten zich ertegen.",
            "weigeringsgronden": ["beperking_vertegenwoordiger"],
            "beperkingVertegenwoordiger": {"redenen": "Lopend onderzoek naar de thuissituatie."},
            "mandaat": mandaat(regio.leidinggevende),
        },
        format="json",
    )
    assert r.status_code == 200, r.content
    tweede = gezin.verzoek(medewerker)["url"]
    r = medewerker.post(
        f"{tweede}/_verifieren",
        VERIFIEER,
        format="json",
    )
    assert r.status_code == 400 and r.json()["code"] == "E_RI_NOT_ENTITLED"
    # Lisa herself (15, competent or not yet assessed) is not limited by it; her request is hers to make.
    eigen = gezin.verzoek(medewerker, indiener=None, hoedanigheid="zelf")
    assert eigen["hoedanigheid"] == "zelf"


def _entry(client, persoon, verstrekking) -> dict:
    r = client.get("/api/v1/verstrekkingen", {"persoon": _p(persoon)})
    assert r.status_code == 200, r.content
    return next(e for e in r.json()["results"] if e["uuid"] == str(verstrekking.uuid))


def _toegewezen(regio, api, gezin, soort="correctie"):
    lg = api(regio.leidinggevende)
    url = _in_behandeling(
        regio, api, gezin, soort=soort, items=[str(gezin.feit.uuid)], toelichting="Datum klopt niet."
    )
    r = lg.post(
        f"{url}/_besluiten",
        {
            "uitkomst": "toegewezen",
            "redenen": "De datum wordt verbeterd.",
            "mandaat": mandaat(regio.leidinggevende),
        },
        format="json",
    )
    assert r.status_code == 200, r.content
    return url, r.json()


def test_ri_11_after_a_correction_every_earlier_recipient_is_told_through_the_outbox(regio, api):
    from zorgvuldig.berichten.models import Bericht

    gezin = Gezin(regio)
    aan_school = verstrekking(regio, gezin.lisa)
    url, verzoek = _toegewezen(regio, api, gezin)
    assert verzoek["uitvoeringstermijn"] == (dt.date.today() + dt.timedelta(weeks=4)).isoformat()  # RI-08
    lg = api(regio.leidinggevende)
    r = lg.post(f"{url}/_uitvoeren", {}, format="json")
    assert r.status_code == 200, r.content
    als_systeem()
    bericht = Bericht.objects.get(aan="directie@hetbaken.example.org")  # the school's leidinggevende
    assert str(aan_school.uuid) in bericht.tekst and "verbeterd" in bericht.tekst
    for persoonlijk in ("Lisa", "Visser", "Sanne", "schoolverzuim"):
        assert persoonlijk not in bericht.tekst + bericht.onderwerp
    entry = _entry(api(regio.medewerker), gezin.lisa, aan_school)
    assert entry["correctieNotificaties"] == [{"verzoek": url, "datum": dt.date.today().isoformat()}]


def test_ri_11_a_recipient_outside_the_platform_is_told_by_the_handler_or_skipped_with_a_reason(regio, api):
    gezin = Gezin(regio)
    huisarts = verstrekking(
        regio, gezin.lisa, ontvanger_organisatie=None, ontvanger_naam="Huisartsenpraktijk"
    )
    url, _ = _toegewezen(regio, api, gezin, soort="verwijdering")
    lg = api(regio.leidinggevende)
    assert lg.post(f"{url}/_uitvoeren", {}, format="json").status_code == 400
    overslaan = {"notificaties": [{"verstrekking": str(huisarts.uuid), "overgeslagenReden": " "}]}
    assert lg.post(f"{url}/_uitvoeren", overslaan, format="json").status_code == 400
    onbekend = {
        "notificaties": [{"verstrekking": str(gezin.feit.uuid), "datum": dt.date.today().isoformat()}]
    }
    assert lg.post(f"{url}/_uitvoeren", onbekend, format="json").status_code == 400
    assert lg.get(url).json()["status"] == "toegewezen"
    overslaan = {
        "notificaties": [{"verstrekking": str(huisarts.uuid), "overgeslagenReden": "Praktijk opgeheven."}]
    }
    r = lg.post(f"{url}/_uitvoeren", overslaan, format="json")
    assert r.status_code == 200, r.content
    entry = _entry(api(regio.medewerker), gezin.lisa, huisarts)
    assert entry["correctieNotificaties"] == [{"verzoek": url, "overgeslagenReden": "Praktijk opgeheven."}]


def test_ri_12_an_upheld_objection_to_the_verwijsindex_withdraws_the_signals_at_once(regio, api):
    from zorgvuldig.conftest import BSN_SAM
    from zorgvuldig.verwijsindex.models import Signaal
    from zorgvuldig.verwijsindex.tests.hulp import VI

    vi = VI(regio)
    eigen, ander = vi.signaleer(regio.medewerker), vi.signaleer(regio.leraar)
    sam = hulp.client(
        regio, voornamen="Sam", geboortedatum=dt.date(2011, 9, 20), bsn=BSN_SAM, bsn_ontbreekt_reden=""
    )
    registreer_relatie(
        actor=regio.actor(regio.medewerker),
        persoon_uuid=sam.uuid,
        ander_uuid=hulp.client(regio, voornamen="Moeder", geboortedatum=dt.date(1980, 1, 1)).uuid,
        data={"soort": "ouder_met_gezag"},
    )
    medewerker = api(regio.medewerker)
    url = medewerker.post(
        V,
        {
            "soort": "verzet",
            "betrokkene": {"persoon": _p(sam)},
            "hoedanigheid": "zelf",
            "onderwerp": {"verwijsindex": True},
            "toelichting": "Ik wil niet in de verwijsindex.",
        },
        format="json",
    ).json()["url"]
    # Sam is 15 and not yet assessed competent: his own objection is not (yet) his to make (RI-01)
    r = medewerker.post(
        f"{url}/_verifieren",
        VERIFIEER,
        format="json",
    )
    assert r.json()["code"] == "E_RI_NOT_ENTITLED"
    from zorgvuldig.personen.services import registreer_beoordeling

    registreer_beoordeling(
        actor=regio.actor(regio.medewerker),
        persoon_uuid=sam.uuid,
        soort="bekwaamheid_12_15",
        uitkomst=True,
        datum=dt.date.today(),
        redenen="Gesprek over zijn situatie.",
    )
    r = medewerker.post(
        f"{url}/_verifieren",
        VERIFIEER,
        format="json",
    )
    assert r.status_code == 200, r.content
    # the VI-beheerder decides requests about VI data, without the leidinggevende's mandate (RI-12)
    vib = api(regio.vi_beheerder)
    assert vib.post(f"{url}/_beoordelen", {}, format="json").status_code == 200
    r = vib.post(
        f"{url}/_besluiten", {"uitkomst": "toegewezen", "redenen": "Uw bezwaar is gegrond."}, format="json"
    )
    assert r.status_code == 200, r.content
    r = vib.post(f"{url}/_uitvoeren", {}, format="json")
    assert r.status_code == 200, r.content
    assert r.json()["uitvoering"]["signalenIngetrokken"] == 2
    als_systeem()
    assert set(Signaal.objects.filter(pk__in=[eigen.pk, ander.pk]).values_list("status", flat=True)) == {
        "ingetrokken"
    }
    # the index no longer shows them to their signalers (VI-17)
    assert api(regio.medewerker).get(f"/api/v1/signalen/{eigen.uuid}").status_code == 404


def test_ri_14_a_complaint_is_registered_and_linked_to_the_dossier(regio, api):
    gezin = Gezin(regio)
    r = gezin.verzoek(
        api(regio.medewerker),
        soort="klacht",
        indiener=None,
        hoedanigheid="zelf",
        betrokkene={"persoon": _p(gezin.moeder)},
        onderwerp={"dossier": f"http://testserver/api/v1/dossiers/{gezin.dossier.uuid}"},
        toelichting="Ik ben niet goed behandeld.",
    )
    assert r["onderwerp"]["dossier"].endswith(str(gezin.dossier.uuid))
    # a dossier the person is not a member of cannot be the subject
    ander = hulp.dossier(regio)
    r = api(regio.medewerker).post(
        V,
        {
            "soort": "klacht",
            "betrokkene": {"persoon": _p(gezin.moeder)},
            "hoedanigheid": "zelf",
            "onderwerp": {"dossier": f"http://testserver/api/v1/dossiers/{ander.uuid}"},
        },
        format="json",
    )
    assert r.status_code == 400


def test_ri_17_the_fg_may_decide_that_staff_names_appear_with_reasons(regio, api):
    gezin = Gezin(regio)
    url = gezin.verzoek(
        api(regio.medewerker), indiener=None, hoedanigheid="zelf", betrokkene={"persoon": _p(gezin.moeder)}
    )["url"]
    # not the handler, not without reasons
    assert (
        api(regio.medewerker).patch(url, {"naamVermelding": {"redenen": "x"}}, format="json").status_code
        == 403
    )
    fg = api(regio.fg)
    assert fg.patch(url, {"naamVermelding": {"redenen": " "}}, format="json").status_code == 400
    r = fg.patch(
        url, {"naamVermelding": {"redenen": "Vermoeden van misbruik door een bekende."}}, format="json"
    )
    assert r.status_code == 200, r.content
    medewerker, lg = api(regio.medewerker), api(regio.leidinggevende)
    medewerker.post(
        f"{url}/_verifieren",
        VERIFIEER,
        format="json",
    )
    lg.post(f"{url}/_beoordelen", {}, format="json")
    inzagen = lg.get(f"{url}/overzicht").json()["inzagen"]
    assert "Fatima El Amrani" in {r.get("naam") for r in inzagen}


def test_requests_are_seen_by_handler_leidinggevende_and_fg_only(regio, api):
    gezin = Gezin(regio)
    url = gezin.verzoek(api(regio.medewerker))["url"]
    for gebruiker in (regio.medewerker, regio.leidinggevende, regio.fg):
        assert api(gebruiker).get(url).status_code == 200, gebruiker
    for gebruiker in (regio.collega, regio.leraar, regio.school_lg):
        assert api(gebruiker).get(url).status_code == 404, gebruiker
    assert api(regio.beheerder).get(url).json()["code"] == "E_AC_ADMIN_CONTENT"
    assert [v["url"] for v in api(regio.collega).get(V).json()["results"]] == []
    assert [v["url"] for v in api(regio.fg).get(V).json()["results"]] == [url]
    # the FG oversees; changing the request is the handler's and the leidinggevende's
    r = api(regio.fg).post(
        f"{url}/_verifieren",
        VERIFIEER,
        format="json",
    )
    assert r.status_code == 403


def test_requests_found_by_bsn_in_the_body(regio, api):
    lisa = hulp.client(regio, bsn="111222333", bsn_ontbreekt_reden="")
    r = api(regio.medewerker).post(
        V, {"soort": "inzage", "betrokkene": {"bsn": "111222333"}, "hoedanigheid": "zelf"}, format="json"
    )
    assert r.status_code == 201, r.content
    assert r.json()["betrokkene"]["persoon"].endswith(str(lisa.uuid))
    gevonden = api(regio.medewerker).post(f"{V}/_zoek", {"bsn": "111222333"}, format="json").json()["results"]
    assert [v["uuid"] for v in gevonden] == [r.json()["uuid"]]
    assert api(regio.collega).post(f"{V}/_zoek", {"bsn": "111222333"}, format="json").json()["results"] == []
    fout = api(regio.medewerker).post(f"{V}/_zoek", {"bsn": "111222334"}, format="json")
    assert fout.status_code == 400 and "111222334" not in fout.content.decode()


def test_bad_input_is_refused_and_changes_nothing(regio, api):
    from zorgvuldig.rechten.models import Verzoek

    gezin = Gezin(regio)
    client = api(regio.medewerker)
    basis = {"soort": "inzage", "betrokkene": {"persoon": _p(gezin.lisa)}, "hoedanigheid": "zelf"}
    for body in (
        {**basis, "onbekend": 1},
        {**basis, "soort": "alles"},
        {**basis, "toelichting": "x" * 4001},
        {**basis, "betrokkene": {"persoon": _p(gezin.lisa), "bsn": "111222333"}},
        {**basis, "hoedanigheid": "wettelijk_vertegenwoordiger"},  # a representative needs a requester
        {**basis, "indiener": {"naam": "Buurman"}},  # 'zelf' with a requester
        {**basis, "ontvangenOp": (dt.date.today() + dt.timedelta(days=1)).isoformat()},
        {**basis, "soort": "vernietiging", "schriftelijk": False},  # RI-10: in writing
        [],
    ):
        r = client.post(V, body, format="json")
        assert r.status_code == 400, (body, r.content)
        assert r["Content-Type"].startswith("application/problem+json")
    onbekend = {
        **basis,
        "betrokkene": {"persoon": "http://testserver/api/v1/personen/00000000-0000-0000-0000-000000000000"},
    }
    assert client.post(V, onbekend, format="json").status_code == 404
    als_systeem()
    assert Verzoek.objects.count() == 0


def test_a_pdf_exists_only_for_the_delivered_answer_and_refusals_stay_problem_json(regio, api):
    gezin = Gezin(regio)
    url = gezin.verzoek(api(regio.medewerker))["url"]
    lg = api(regio.leidinggevende)
    r = lg.get(f"{url}/overzicht", HTTP_ACCEPT="application/pdf")
    assert r.status_code == 409 and r["Content-Type"].startswith("application/problem+json")
    r = api(regio.leraar).get(f"{url}/overzicht", HTTP_ACCEPT="application/pdf")
    assert r.status_code == 404 and r.json()["code"] == "E_NOT_FOUND"
