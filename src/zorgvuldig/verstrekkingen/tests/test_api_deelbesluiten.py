"""Sharing decisions over HTTP (API §2.6): the wizard, consultation, decision, execution, informing and
the disclosure register — with the worked examples E2, E5 and E7 of SPEC §15 end to end."""

from __future__ import annotations

import datetime as dt

import pytest

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.berichten.models import Bericht
from zorgvuldig.conftest import als_systeem
from zorgvuldig.core.clock import today
from zorgvuldig.dossiers.tests import hulp as dh
from zorgvuldig.registers.catalogus import doel_voor_client
from zorgvuldig.verstrekkingen.models import Deelbesluit, Verstrekking
from zorgvuldig.verstrekkingen.tests import hulp

pytestmark = pytest.mark.django_db
T = hulp.T


def consulteer(client, url, regio, adviseur=None, advies="Delen, alleen wat het onderzoek nodig heeft."):
    adviseur = adviseur or regio.leidinggevende
    return client.post(
        f"{url}/_consulteren",
        {
            "adviseur": f"{T}/api/v1/gebruikers/{adviseur.uuid}",
            "tijdstip": dt.datetime.now(dt.UTC).isoformat(),
            "advies": advies,
        },
        format="json",
    )


def test_e5_veilig_thuis_asks_g5_with_consultation_postponed_informing(regio, api):
    """E5 / SH-09, SH-10, SH-13, SH-14, SH-16: Veilig Thuis investigates; under G5 the worker consults the
    leidinggevende, shares only what the investigation needs, records why; informing is postponed for
    safety with 30-day reviews; the disclosure register shows the provision."""
    casus = dh.Casus(regio)
    client = api(regio.medewerker)
    r = client.post("/api/v1/deelbesluiten", hulp.g5_aan_vt(regio, casus), format="json")
    assert r.status_code == 201, r.content
    assert all(stap["ok"] for stap in r.json()["toetsing"]) and len(r.json()["toetsing"]) == 8
    url = r.json()["url"]
    r = client.post(
        f"{url}/_besluiten", {"besluit": "delen", "redenen": "Nodig voor het onderzoek"}, format="json"
    )
    assert r.status_code == 409 and r.json()["code"] == "E_SH_CONSULT_REQUIRED"  # SH-09
    r = consulteer(client, url, regio)
    assert r.status_code == 200 and r.json()["status"] == "consultatie"
    r = client.post(f"{url}/_besluiten", {"besluit": "delen", "redenen": ""}, format="json")
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "redenen"  # SH-10
    r = client.post(
        f"{url}/_besluiten",
        {"besluit": "delen", "redenen": "Nodig voor het onderzoek van Veilig Thuis."},
        format="json",
    )
    assert r.status_code == 200 and r.json()["status"] == "besloten"
    assert r.json()["besluit"]["redenen"] == "Nodig voor het onderzoek van Veilig Thuis."
    r = client.post(f"{url}/_uitvoeren", {"datum": today().isoformat(), "vorm": "digitaal"}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "uitgevoerd"
    # SH-14: postponement needs the leidinggevende, a safety ground and a review within 30 days
    lg = api(regio.leidinggevende)
    uitstel = {
        "grond": "veiligheid",
        "toelichting": "De melding gaat over geweld van vader; informeren brengt moeder in gevaar.",
    }
    r = client.post(f"{url}/_uitstellen", {**uitstel, "reviewdatum": today().isoformat()}, format="json")
    assert r.status_code == 404  # no approval scope: not even visible as an approver
    r = lg.post(
        f"{url}/_uitstellen",
        {**uitstel, "reviewdatum": (dt.date.today() + dt.timedelta(days=31)).isoformat()},
        format="json",
    )
    assert r.status_code == 400
    review = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    r = lg.post(f"{url}/_uitstellen", {**uitstel, "reviewdatum": review}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "informeren_uitgesteld"
    assert r.json()["clientInformering"] == {
        "moment": "uitgesteld",
        "grond": "veiligheid",
        "reviewdatum": review,
        "reviewVerschuldigd": False,
        "geinformeerdOp": None,
    }
    # SH-16: the disclosure register, for the case team with the data, for the FG without
    rijen = client.get("/api/v1/verstrekkingen").json()["results"]
    assert (
        len(rijen) == 1
        and rijen[0]["grond"] == "g5_wettelijke_plicht"
        and rijen[0]["gegevens"] == ["Waarneming huisbezoek"]
    )
    assert rijen[0]["herkomst"] == url
    vt = hulp.veilig_thuis(regio)
    fg = (
        api(regio.fg)
        .get(
            f"/api/v1/verstrekkingen?ontvanger={T}/api/v1/organisaties/{vt.uuid}&datumVanaf={today().isoformat()}"
        )
        .json()
    )
    assert fg["count"] == 1 and "gegevens" not in fg["results"][0]
    assert (
        api(regio.fg)
        .get(f"/api/v1/verstrekkingen?ontvanger={T}/api/v1/organisaties/{regio.school.uuid}")
        .json()["count"]
        == 0
    )
    # the client is told later
    r = client.post(f"{url}/_informeren", {"datum": today().isoformat(), "wijze": "gesprek"}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "client_geinformeerd"
    als_systeem()
    assert AuditRegel.objects.filter(actie="deelbesluit.uitgevoerd", status="uitgevoerd").exists()


def test_e2_medical_information_under_conflict_of_duties(regio, api):
    """E2 / SH-08, SH-09, SH-11, SH-12, SH-14: a BIG-registered nurse alerts the GP out-of-hours service
    about a confused adult who refuses contact: G6, class B, health data, four questions yes, the written
    answers, own observation; the leidinggevende's phoned advice; the client is told afterwards."""
    from zorgvuldig.conftest import maak_gebruiker
    from zorgvuldig.dossiers import services as ds
    from zorgvuldig.toegang.services import verleen

    verpleegkundige = maak_gebruiker(
        regio.wijkteam, "v.bakker@krimpen.example.org", ["medewerker"], naam="Vera Bakker", team=regio.team
    )
    verpleegkundige.registratie_register = "big"
    verpleegkundige.registratie_nummer = "19012345601"
    verpleegkundige.save()
    man = dh.client(
        regio, verpleegkundige, voornamen="Henk", geslachtsnaam="Smit", geboortedatum=dt.date(1951, 3, 3)
    )
    d = dh.dossier(regio, verpleegkundige, persoon=man)
    verleen(
        actor=regio.actor(regio.leidinggevende),
        object=d,
        bron="bijzondere_categorie",
        ontvanger_gebruiker=verpleegkundige,
        reden="Gezondheid relevant",
        rechten=frozenset({"lezen", "aanmaken"}),
        secties=["gezondheid"],
    )
    waarneming = ds.registreer_notitie(
        actor=regio.actor(verpleegkundige),
        uuid=d.uuid,
        data={
            "sectie": "gezondheid",
            "soort": "feit",
            "bron": {"soort": "eigen_waarneming"},
            "geverifieerd": True,
            "tekst": "Verward, heeft dagen niet gegeten, weigert contact.",
            "bijzondere_grondslag": {
                "soort": "wettelijke_taak",
                "wettelijke_bepaling": "Wmo 2015 art. 5.1.1",
            },
        },
    )
    client = api(verpleegkundige)
    body = {
        "dossier": f"{T}/api/v1/dossiers/{d.uuid}",
        "richting": "verstrekken",
        "ontvanger": {
            "naam": "Huisartsenpost Krimpen",
            "functie": "dienstdoende huisarts",
            "type": "wgbo_zorg",
        },
        "klasse": "b",
        "grond": "g6_conflict_van_plichten",
        "gegevens": [
            {
                "omschrijving": "Verwardheid, niet gegeten",
                "item": str(waarneming.uuid),
                "categorie": "gezondheid",
                "bijzonder": True,
                "uitzondering": "g6",
            }
        ],
        "vierVragen": {
            "legitiemDoel": True,
            "enigeWeg": True,
            "instemmingOnmogelijkOfGezocht": True,
            "belangClientWeegtZwaarder": True,
        },
        "conflictVanPlichten": {
            "toestemmingNietHaalbaar": "pogingen_mislukt",
            "ernstigeSchade": "Ondervoeding en uitdroging; levensgevaar binnen dagen.",
            "andereWegen": "Geen vertegenwoordiger bereikbaar; cliënt weigert contact.",
            "kansBeperking": "De huisarts kan vandaag langsgaan en behandelen.",
            "objectiefEigenWaarneming": True,
            "openheidNaarClient": True,
        },
        "stappen": {
            "doel": {"verwerkingsactiviteit": "gegevensdeling"},
            "grondslag": {"eigen": "e", "ontvanger": "d"},
            "noodzaak": {
                "onderbouwing": "Zonder medische hulp loopt de cliënt ernstig gevaar.",
                "vanClient": False,
                "anoniemVolstaat": False,
                "datGegevenVolstaat": False,
            },
            "beroepsgeheim": True,
            "informeren": {"moment": "na"},
            "rechten": {"eigenVerklaringenMee": True, "geenVerborgenItems": True},
        },
    }
    r = client.post("/api/v1/deelbesluiten", body, format="json")
    assert r.status_code == 201, r.content
    url = r.json()["url"]
    assert [s["ok"] for s in r.json()["toetsing"]] == [True] * 8
    # SH-12: any "no" refuses
    r = client.patch(url, {"vierVragen": {**body["vierVragen"], "enigeWeg": False}}, format="json")
    assert r.status_code == 200
    r = client.post(f"{url}/_besluiten", {"besluit": "delen", "redenen": "Levensgevaar"}, format="json")
    assert r.status_code == 400 and r.json()["code"] == "E_SH_COD_NOT_MET"
    # SH-09: consultation fixes the answers, so an incomplete draft is not consulted (it would be stuck)
    r = consulteer(client, url, regio, advies="Telefonisch: bel de huisartsenpost.")
    assert r.status_code == 409 and r.json()["code"] == "E_STATE_CONFLICT"
    assert "vierVragen.enigeWeg" in {p["name"] for p in r.json()["invalidParams"]}
    assert client.get(url).json()["status"] == "concept"
    assert client.patch(url, {"vierVragen": body["vierVragen"]}, format="json").status_code == 200
    assert consulteer(client, url, regio, advies="Telefonisch: bel de huisartsenpost.").status_code == 200
    # in consultation the answers are fixed
    assert client.patch(url, {"vierVragen": body["vierVragen"]}, format="json").status_code == 409
    r = client.post(
        f"{url}/_besluiten",
        {"besluit": "delen", "redenen": "Levensgevaar; de huisarts kan helpen."},
        format="json",
    )
    assert r.status_code == 200, r.content
    assert (
        client.post(
            f"{url}/_uitvoeren", {"datum": today().isoformat(), "vorm": "mondeling"}, format="json"
        ).json()["status"]
        == "uitgevoerd"
    )
    # SH-10: decision and reasons in the dossier (its "delen" section lists them)
    lijst = client.get(f"/api/v1/deelbesluiten?dossier={T}/api/v1/dossiers/{d.uuid}").json()["results"]
    assert [x["besluit"]["redenen"] for x in lijst if x["besluit"]] == [
        "Levensgevaar; de huisarts kan helpen."
    ]
    r = client.post(
        f"{url}/_informeren",
        {"datum": today().isoformat(), "wijze": "gesprek twee dagen later"},
        format="json",
    )
    assert r.json()["status"] == "client_geinformeerd"


def test_sh_08_special_category_data_need_explicit_consent_statutory_task_or_g6_g7(regio, api):
    casus = dh.Casus(regio)
    body = hulp.g5_aan_vt(regio, casus, grond="g2_medebehandeling", klasse="b", ontvangerDirectBetrokken=True)
    body["gegevens"] = [
        {
            "omschrijving": "Diagnose",
            "categorie": "gezondheid",
            "bijzonder": True,
            "soort": "feit",
            "bron": "document",
        }
    ]
    r = api(regio.medewerker).post("/api/v1/deelbesluiten", body, format="json")
    stap4 = next(s for s in r.json()["toetsing"] if s["stap"] == 4)
    assert stap4 == {"stap": 4, "naam": "bijzondere_categorieen", "ok": False, "code": "E_SH_SPECIAL_BASIS"}


def test_sh_21_same_answers_same_result_and_patch_re_evaluates(regio, api):
    casus = dh.Casus(regio)
    client = api(regio.medewerker)
    een = client.post("/api/v1/deelbesluiten", hulp.g5_aan_vt(regio, casus), format="json").json()
    twee = client.post("/api/v1/deelbesluiten", hulp.g5_aan_vt(regio, casus), format="json").json()
    assert een["toetsing"] == twee["toetsing"]
    r = client.patch(
        een["url"],
        {"stappen": {**hulp.g5_aan_vt(regio, casus)["stappen"], "doel": {"verwerkingsactiviteit": None}}},
        format="json",
    )
    stap1 = r.json()["toetsing"][0]
    assert stap1["ok"] is False and stap1["code"] == "E_NO_PURPOSE"
    r = client.patch(een["url"], {"stappen": {"onbekend": True}}, format="json")
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "stappen.onbekend"  # GP-04
    r = client.patch(een["url"], {"stappen": {"noodzaak": {"geheimVeld": 1}}}, format="json")
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "stappen.noodzaak.geheimVeld"
    # a list replaces the stored one: each item is whole, also in a PATCH (was stored without omschrijving)
    r = client.patch(een["url"], {"gegevens": [{}]}, format="json")
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"].startswith("gegevens.0.")
    assert client.get(een["url"]).json()["gegevens"] == een["gegevens"]


def test_sh_15_child_protection_table_only_after_informing(regio, api):
    casus = dh.Casus(regio)
    client = api(regio.medewerker)
    body = hulp.g5_aan_vt(regio, casus, kinderbeschermingstafel=True)
    body["stappen"]["informeren"] = {"moment": "voor"}
    url = client.post("/api/v1/deelbesluiten", body, format="json").json()["url"]
    consulteer(client, url, regio)
    r = client.post(f"{url}/_besluiten", {"besluit": "delen", "redenen": "Voor de tafel"}, format="json")
    assert r.status_code == 200, r.content
    r = client.post(
        f"{url}/_uitvoeren", {"datum": today().isoformat(), "vorm": "schriftelijk"}, format="json"
    )
    assert r.status_code == 409 and "SH-15" in r.json()["detail"]
    client.post(
        f"{url}/_informeren",
        {"datum": today().isoformat(), "wijze": "gesprek met Lisa en moeder"},
        format="json",
    )
    r = client.post(
        f"{url}/_uitvoeren", {"datum": today().isoformat(), "vorm": "schriftelijk"}, format="json"
    )
    assert r.status_code == 200 and r.json()["status"] == "client_geinformeerd"


def test_sh_19_invoked_privilege_provides_nothing(regio, api):
    casus = dh.Casus(regio)
    client = api(regio.medewerker)
    url = client.post(
        "/api/v1/deelbesluiten", hulp.g5_aan_vt(regio, casus, verschoningsrecht=True), format="json"
    ).json()["url"]
    consulteer(client, url, regio)
    r = client.post(f"{url}/_besluiten", {"besluit": "delen", "redenen": "x"}, format="json")
    assert r.status_code == 409 and r.json()["code"] == "E_STATE_CONFLICT"
    r = client.post(
        f"{url}/_besluiten", {"besluit": "weigeren", "redenen": "Beroep op verschoningsrecht"}, format="json"
    )
    assert r.status_code == 200
    assert (
        client.post(
            f"{url}/_uitvoeren", {"datum": today().isoformat(), "vorm": "mondeling"}, format="json"
        ).status_code
        == 409
    )
    als_systeem()
    assert not Verstrekking.objects.exists()


def test_sh_20_participatiewet_off_by_default(regio, api):
    casus = dh.Casus(regio)
    body = hulp.g5_aan_vt(
        regio,
        casus,
        wettelijkePlicht={
            "ontvanger": "participatiewet",
            "bepaling": "Participatiewet art. 53a",
            "juridischAdvies": True,
        },
    )
    body["ontvanger"] = {"naam": "Sociale recherche", "type": "toezichthouder"}
    client = api(regio.medewerker)
    url = client.post("/api/v1/deelbesluiten", body, format="json").json()["url"]
    consulteer(client, url, regio)
    r = client.post(f"{url}/_besluiten", {"besluit": "delen", "redenen": "Handhaving"}, format="json")
    assert r.status_code == 403 and r.json()["code"] == "E_SH_G5_DISABLED"


def test_sh_09_urgent_path_decides_first_consults_within_one_working_day(regio, api):
    from zorgvuldig.core.kalender import plus_werkdagen

    casus = dh.Casus(regio)
    client = api(regio.medewerker)
    url = client.post("/api/v1/deelbesluiten", hulp.g5_aan_vt(regio, casus), format="json").json()["url"]
    r = client.post(
        f"{url}/_besluiten", {"besluit": "delen", "redenen": "Acuut gevaar", "spoed": True}, format="json"
    )
    assert r.status_code == 200 and r.json()["status"] == "besloten"
    assert r.json()["consultatieUiterlijk"] == plus_werkdagen(dt.date.today(), 1).isoformat()
    r = consulteer(client, url, regio, advies="Achteraf: terecht.")
    assert r.status_code == 200 and r.json()["consultatie"]["advies"] == "Achteraf: terecht."


def test_sh_01_disclosure_entries_only_through_an_executed_decision(regio, api):
    """SH-01/SH-16: the register is written by `_uitvoeren`, never directly."""
    assert api(regio.medewerker).post("/api/v1/verstrekkingen", {}, format="json").status_code == 405


def test_sharing_decisions_only_for_the_case_team(regio, api):
    casus = dh.Casus(regio)
    url = (
        api(regio.medewerker)
        .post("/api/v1/deelbesluiten", hulp.g5_aan_vt(regio, casus), format="json")
        .json()["url"]
    )
    assert api(regio.collega).get(url).status_code == 404
    assert api(regio.leraar).get(url).status_code == 404
    r = api(regio.collega).post("/api/v1/deelbesluiten", hulp.g5_aan_vt(regio, casus), format="json")
    assert r.status_code == 404  # the dossier is not visible to them


def test_e7_revoked_consent_ends_shares_recipients_told_then_report_on_g4(regio, api):
    """E7 / CS-07, CS-08, CS-09, DS-14, SH-09: the mother revokes in one step; consent-based shares end and
    recipients of executed ones are told; fearing for the children the worker reports to Veilig Thuis on
    G4 after consultation and records the frame change."""
    from zorgvuldig.conftest import maak_gebruiker
    from zorgvuldig.dossiers import services as ds

    casus = hulp.casus_met_moeder(regio)
    vt = hulp.veilig_thuis(regio)
    vt_lg = maak_gebruiker(vt, "lg@veiligthuis.example.org", ["leidinggevende"], naam="Leiding VT")
    client = api(regio.medewerker)
    toestemming = client.post(
        "/api/v1/toestemmingen", hulp.toestemming_body(regio, casus, vt), format="json"
    ).json()
    g1 = hulp.g5_aan_vt(regio, casus, grond="g1_toestemming", klasse="b", toestemming=toestemming["url"])
    g1["gegevens"] = [
        {"omschrijving": "Verzuim", "categorie": "schoolgegevens", "soort": "feit", "bron": "document"}
    ]
    g1["stappen"]["informeren"] = {"moment": "voor"}
    g1.pop("wettelijkePlicht")
    uitgevoerd = client.post("/api/v1/deelbesluiten", g1, format="json").json()["url"]
    r = client.post(
        f"{uitgevoerd}/_besluiten", {"besluit": "delen", "redenen": "Met toestemming"}, format="json"
    )
    assert r.status_code == 200, r.content
    client.post(
        f"{uitgevoerd}/_informeren", {"datum": today().isoformat(), "wijze": "gesprek"}, format="json"
    )
    assert (
        client.post(
            f"{uitgevoerd}/_uitvoeren", {"datum": today().isoformat(), "vorm": "digitaal"}, format="json"
        ).status_code
        == 200
    )
    open_ = client.post("/api/v1/deelbesluiten", g1, format="json").json()["url"]
    client.post(f"{open_}/_besluiten", {"besluit": "delen", "redenen": "Met toestemming"}, format="json")
    # one step, like giving
    r = client.post(f"{toestemming['url']}/_intrekken", {"kanaal": "telefoon"}, format="json")
    assert r.status_code == 200
    assert r.json()["beeindigdeDeelbesluiten"] == [open_]
    assert "niet meer" in r.json()["gevolgen"]
    assert client.get(open_).json()["status"] == "beeindigd"
    r = client.post(f"{open_}/_uitvoeren", {"datum": today().isoformat(), "vorm": "digitaal"}, format="json")
    assert r.status_code == 409
    als_systeem()
    assert Bericht.objects.filter(onderwerp="Toestemming ingetrokken", aan=vt_lg.email).count() == 1
    assert Verstrekking.objects.count() == 1  # only the one executed before the revocation
    # CS-09 → a statutory basis: frame change (DS-14) and a G4 report after consultation (SH-09)
    ds.wijzig_kader(
        actor=regio.actor(regio.medewerker),
        uuid=casus.dossier.uuid,
        data={
            "kader": "drang",
            "datum": dt.date.today(),
            "reden": "Zorgen om de kinderen",
            "grondslag": "Jeugdwet art. 2.3",
            "client_geinformeerd": True,
        },
    )
    melding = hulp.g5_aan_vt(
        regio,
        casus,
        grond="g4_wettelijke_bevoegdheid",
        wettelijkeBevoegdheid={"bepaling": "Wet verplichte meldcode"},
    )
    melding.pop("wettelijkePlicht")
    url = client.post("/api/v1/deelbesluiten", melding, format="json").json()["url"]
    assert (
        client.post(f"{url}/_besluiten", {"besluit": "delen", "redenen": "Melding"}, format="json").json()[
            "code"
        ]
        == "E_SH_CONSULT_REQUIRED"
    )
    consulteer(client, url, regio)
    assert (
        client.post(
            f"{url}/_besluiten", {"besluit": "delen", "redenen": "Melding aan Veilig Thuis"}, format="json"
        ).status_code
        == 200
    )
    assert client.get(f"/api/v1/dossiers/{casus.dossier.uuid}").json()["kader"] == "drang"


def test_sh_06_sh_13_incoming_request_arrives_as_draft_for_the_case_team(regio, api):
    """A partner asks through the API stating purpose and context; each dossier of the organisation on
    that person gets a DRAFT decision pre-filled with the request; the requester always gets the same
    answer, dossier or not."""
    from zorgvuldig.conftest import BSN_ANDER, BSN_SAM, maak_gebruiker

    sam = dh.client(regio, bsn=BSN_SAM, bsn_ontbreekt_reden="")
    d = dh.dossier(regio, persoon=sam)
    vt = hulp.veilig_thuis(regio)
    onderzoeker = maak_gebruiker(
        vt, "onderzoek@veiligthuis.example.org", ["medewerker"], naam="Onderzoeker VT"
    )
    body = {
        "organisatie": f"{T}/api/v1/organisaties/{regio.wijkteam.uuid}",
        "bsn": BSN_SAM,
        "doel": "Onderzoek na een melding",
        "verzoekContext": "Melding van huiselijk geweld op 20 november; wij onderzoeken de veiligheid.",
        "gevraagdeGegevens": "Contacten en zorgen van het wijkteam over het gezin",
        "bepaling": "Wmo 2015 art. 5.2.6",
        "kenmerk": "VT-2026-0042",
    }
    r = api(onderzoeker).post("/api/v1/informatieverzoeken", body, format="json")
    assert r.status_code == 202 and r.json()["kenmerk"] == "VT-2026-0042"
    onbekend = api(onderzoeker).post("/api/v1/informatieverzoeken", {**body, "bsn": BSN_ANDER}, format="json")
    assert onbekend.status_code == 202 and set(onbekend.json()) == set(r.json())  # nothing revealed
    assert (
        api(onderzoeker)
        .post("/api/v1/informatieverzoeken", {**body, "verzoekContext": ""}, format="json")
        .json()["code"]
        == "E_SH_NO_PURPOSE"
    )
    [concept] = (
        api(regio.medewerker)
        .get(f"/api/v1/deelbesluiten?dossier={T}/api/v1/dossiers/{d.uuid}")
        .json()["results"]
    )
    assert concept["status"] == "concept" and concept["grond"] == "g5_wettelijke_plicht"
    assert concept["verzoekVan"] == f"{T}/api/v1/organisaties/{vt.uuid}"
    assert "huiselijk geweld" in concept["verzoekContext"]  # SH-13: the context shown to the sharer
    assert concept["wettelijkePlicht"]["ontvanger"] == "veilig_thuis"
    als_systeem()
    assert (
        Bericht.objects.filter(onderwerp="Informatieverzoek ontvangen", aan=regio.medewerker.email).count()
        == 1
    )
    assert Deelbesluit.objects.count() == 1
    entry = AuditRegel.objects.filter(
        actie="informatieverzoek.ontvangen", actor_gebruiker=str(onderzoeker.uuid)
    ).first()
    assert entry is not None and entry.object_uuid in ("", None)
    # AU-02 (FG review F15): the system drafted the decision on behalf of the asking organisation
    concept_entry = AuditRegel.objects.get(actie="deelbesluit.geregistreerd")
    assert concept_entry.kanaal == "systeem" and concept_entry.namens == {"organisatie": str(vt.uuid)}


def test_vi_13_after_a_match_information_only_to_a_signaler_in_it_through_a_decision(regio, api):
    """VI-13: sharing after a match is a sharing decision whose recipient must be another signaler's
    organisation in that match."""
    from zorgvuldig.conftest import BSN_SAM
    from zorgvuldig.verwijsindex.tests.hulp import VI

    vi = VI(regio)
    vi.signaleer(regio.medewerker)
    vi.signaleer(regio.leraar)
    from zorgvuldig.verwijsindex import selectors as vis

    [match] = vis.matches_zichtbaar_voor(regio.actor(regio.medewerker))
    sam = dh.client(regio, bsn=BSN_SAM, bsn_ontbreekt_reden="")
    casus = dh.Casus(regio)
    casus.dossier = dh.dossier(regio, persoon=sam)
    casus.feit = dh.notitie(regio, casus.dossier)
    body = hulp.g5_aan_vt(regio, casus, viMatch=f"{T}/api/v1/matches/{match.uuid}")
    r = api(regio.medewerker).post("/api/v1/deelbesluiten", body, format="json")
    assert r.status_code == 400 and "VI-13" in r.json()["detail"]  # Veilig Thuis is not in the match
    body["ontvanger"] = {"organisatie": f"{T}/api/v1/organisaties/{regio.school.uuid}", "type": "school"}
    r = api(regio.medewerker).post("/api/v1/deelbesluiten", body, format="json")
    assert r.status_code == 201 and r.json()["viMatch"] == f"{T}/api/v1/matches/{match.uuid}"
    vreemd = {**body, "viMatch": f"{T}/api/v1/matches/8f9e1c2a-1111-4222-8333-444455556666"}
    assert api(regio.medewerker).post("/api/v1/deelbesluiten", vreemd, format="json").status_code == 400


def test_ac_10_items_must_be_notes_the_sharer_may_read_and_no_self_consultation(regio, api):
    """Sharing cannot reach what reading cannot: a health note outside the sharer's grants is refused as
    an item; and a consultation is with someone else (SH-09, SH-11)."""
    from zorgvuldig.dossiers import services as ds
    from zorgvuldig.toegang.services import verleen

    casus = dh.Casus(regio)
    verleen(
        actor=regio.actor(regio.leidinggevende),
        object=casus.dossier,
        bron="bijzondere_categorie",
        ontvanger_gebruiker=regio.medewerker,
        reden="Gezondheid",
        rechten=frozenset({"lezen", "aanmaken"}),
        secties=["gezondheid"],
    )
    gezondheid = ds.registreer_notitie(
        actor=regio.actor(regio.medewerker),
        uuid=casus.dossier.uuid,
        data={
            "sectie": "gezondheid",
            "soort": "feit",
            "bron": {"soort": "client"},
            "geverifieerd": False,
            "tekst": "Medicatie",
            "bijzondere_grondslag": {
                "soort": "wettelijke_taak",
                "wettelijke_bepaling": "Jeugdwet art. 7.4.0",
            },
        },
    )
    ds.wijs_toe(
        actor=regio.actor(regio.leidinggevende),
        uuid=casus.dossier.uuid,
        gebruiker=regio.collega,
        rol="casusteam",
    )
    body = hulp.g5_aan_vt(
        regio, casus, gegevens=[{"omschrijving": "Medicatie", "item": str(gezondheid.uuid)}]
    )
    r = api(regio.collega).post("/api/v1/deelbesluiten", body, format="json")
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "gegevens.item"
    url = (
        api(regio.medewerker)
        .post("/api/v1/deelbesluiten", hulp.g5_aan_vt(regio, casus), format="json")
        .json()["url"]
    )
    r = consulteer(api(regio.medewerker), url, regio, adviseur=regio.medewerker)
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "adviseur"


def test_cs_05_one_parents_refusal_blocks_without_the_youth_signing(regio, api):
    casus = hulp.casus_met_moeder(regio)
    vt = hulp.veilig_thuis(regio)
    body = hulp.toestemming_body(
        regio,
        casus,
        vt,
        status="geweigerd",
        gevers=[{"persoon": f"{T}/api/v1/personen/{casus.moeder.uuid}", "hoedanigheid": "ouder_met_gezag"}],
    )
    r = api(regio.medewerker).post("/api/v1/toestemmingen", body, format="json")
    assert r.status_code == 201 and r.json()["status"] == "geweigerd"


# --- purpose binding and consultation (review H2, M1, M2) ----------------------------------------


@pytest.mark.parametrize("doel", ["beheer-platform", "verantwoording-toezicht", "datalekken", "onbekend"])
def test_gp_02_a_purpose_that_is_no_sharing_purpose_is_refused_and_nothing_stored(regio, api, doel):
    """GP-02 purpose binding: the wizard's purpose is a processing activity whose purpose allows sharing
    client data; platform management, the audit log or the breach register do not. Refused E_NO_PURPOSE
    on create and on PATCH; nothing is stored."""
    casus = dh.Casus(regio)
    client = api(regio.medewerker)
    body = hulp.g5_aan_vt(regio, casus)
    fout = {**body, "stappen": {**body["stappen"], "doel": {"verwerkingsactiviteit": doel}}}
    r = client.post("/api/v1/deelbesluiten", fout, format="json")
    assert r.status_code == 400 and r.json()["code"] == "E_NO_PURPOSE", r.content
    assert r.json()["invalidParams"][0]["name"] == "stappen.doel.verwerkingsactiviteit"
    assert "GP-02" in r.json()["detail"]
    als_systeem()
    assert not Deelbesluit.objects.exists()
    url = client.post("/api/v1/deelbesluiten", body, format="json").json()["url"]
    r = client.patch(url, {"stappen": fout["stappen"]}, format="json")
    assert r.status_code == 400 and r.json()["code"] == "E_NO_PURPOSE"
    opgeslagen = client.get(url).json()
    assert opgeslagen["stappen"]["doel"] == {"verwerkingsactiviteit": "gegevensdeling"}
    assert [s["ok"] for s in opgeslagen["toetsing"]] == [True] * 8
    # the team's support purpose is one too
    ondersteuning = {**body["stappen"], "doel": {"verwerkingsactiviteit": "sociaal-domein-ondersteuning"}}
    assert client.patch(url, {"stappen": ondersteuning}, format="json").status_code == 200


def test_sh_09_where_the_leidinggevende_is_required_a_colleague_is_refused_at_consultation(regio, api):
    """SH-09 (review M1): a G5 share to Veilig Thuis is consulted with the leidinggevende. A colleague is
    refused when the consultation is recorded (E_SH_CONSULT_REQUIRED), the draft stays open, and the
    leidinggevende's consultation then lets the decision through."""
    casus = dh.Casus(regio)
    client = api(regio.medewerker)
    url = client.post("/api/v1/deelbesluiten", hulp.g5_aan_vt(regio, casus), format="json").json()["url"]
    r = consulteer(client, url, regio, adviseur=regio.collega)
    assert r.status_code == 409 and r.json()["code"] == "E_SH_CONSULT_REQUIRED", r.content
    assert r.json()["invalidParams"][0]["name"] == "adviseur"
    assert "leidinggevende" in r.json()["detail"] and "SH-09" in r.json()["detail"]
    na = client.get(url).json()
    assert na["status"] == "concept" and na["consultatie"] is None
    assert consulteer(client, url, regio).status_code == 200
    r = client.post(f"{url}/_besluiten", {"besluit": "delen", "redenen": "Voor het onderzoek"}, format="json")
    assert r.status_code == 200, r.content


def test_sh_09_g6_may_be_consulted_with_a_colleague_and_an_optional_consultation_with_anyone(regio, api):
    """SH-09: for G6 a colleague or the leidinggevende; where no consultation is required (G1 to a
    co-treating provider is not even asked), any colleague may be consulted."""
    from zorgvuldig.verstrekkingen import policies as p

    g6 = p.Deelvraag(grond=p.G6, ontvanger_type="wgbo_zorg")
    assert p.consultatie_rollen(g6) == {p.LEIDINGGEVENDE, p.COLLEGA}
    assert p.consultatie_rollen(p.Deelvraag(grond=p.G2, ontvanger_type="jeugdhulp")) == {
        p.LEIDINGGEVENDE,
        p.COLLEGA,
    }
    for grond in (p.G5, p.G7):
        assert p.consultatie_rollen(p.Deelvraag(grond=grond, ontvanger_type="jeugdhulp")) == {
            p.LEIDINGGEVENDE
        }
    assert p.consultatie_rollen(p.Deelvraag(grond=p.G2, ontvanger_type="veilig_thuis")) == {p.LEIDINGGEVENDE}


@pytest.mark.parametrize("leeg", [True, False])
def test_sh_09_an_incomplete_draft_is_not_consulted_because_consultation_fixes_the_answers(regio, api, leeg):
    """SH-09/SH-21 (review M2): the consultation fixes the answers; a draft whose steps or ground-specific
    questions are still open (here G5 without the duty's recipient and provision, or an empty draft) is
    refused (409 E_STATE_CONFLICT, the open items listed) and stays an editable draft."""
    casus = dh.Casus(regio)
    client = api(regio.medewerker)
    if leeg:
        body = {
            "dossier": f"{T}/api/v1/dossiers/{casus.dossier.uuid}",
            "ontvanger": {"naam": "Iemand", "type": "overig"},
        }
    else:
        body = hulp.g5_aan_vt(regio, casus)
        del body["wettelijkePlicht"]
    url = client.post("/api/v1/deelbesluiten", body, format="json").json()["url"]
    r = consulteer(client, url, regio)
    assert r.status_code == 409 and r.json()["code"] == "E_STATE_CONFLICT", r.content
    assert "SH-09" in r.json()["detail"]
    namen = {x["name"] for x in r.json()["invalidParams"]}
    if not leeg:
        assert {"wettelijkePlicht.ontvanger", "wettelijkePlicht.bepaling"} <= namen
        assert [s["ok"] for s in client.get(url).json()["toetsing"]] == [True] * 8  # the steps alone pass
    na = client.get(url).json()
    assert na["status"] == "concept" and na["consultatie"] is None
    als_systeem()
    assert AuditRegel.objects.filter(
        actie="deelbesluit.geconsulteerd", status="geweigerd", code="E_STATE_CONFLICT"
    ).exists()


def _gedeeld(regio, api, casus, stappen: dict | None = None, **over):
    """A G5 share to Veilig Thuis, consulted, decided and executed; returns its URL."""
    client = api(regio.medewerker)
    body = hulp.g5_aan_vt(regio, casus)
    body["stappen"]["doel"] = {"verwerkingsactiviteit": "sociaal-domein-ondersteuning"}
    body["stappen"].update(stappen or {})
    body.update(over)
    url = client.post("/api/v1/deelbesluiten", body, format="json").json()["url"]
    assert consulteer(client, url, regio).status_code == 200
    besluit = {"besluit": "delen", "redenen": "Nodig voor het onderzoek van Veilig Thuis."}
    assert client.post(f"{url}/_besluiten", besluit, format="json").status_code == 200
    uitvoering = {"datum": today().isoformat(), "vorm": "digitaal"}
    assert client.post(f"{url}/_uitvoeren", uitvoering, format="json").status_code == 200
    als_systeem()
    return url


STAPPEN = [
    "deelbesluit.geregistreerd",
    "deelbesluit.besloten",
    "deelbesluit.uitgevoerd",
    "verstrekking.geregistreerd",
]


def _gezien_doelen(casus) -> set[str]:
    from zorgvuldig.audit.acties import actie_voor_client
    from zorgvuldig.audit.selectors import onderwerp
    from zorgvuldig.rechten.selectors import _inzagen

    stappen = {actie_voor_client(a) for a in STAPPEN}  # "who saw my data" names acts in the client's words
    gezien = _inzagen(onderwerp([casus.lisa]).regels(), namen_vrijgegeven=False)
    return {g["doel"] for g in gezien if g["actie"] in stappen}


def test_gp_02_au_02_a_share_for_the_own_task_is_logged_under_the_purpose_it_names(regio, api):
    """GP-02, AU-02 (review M4): a share for the worker's own and the recipient's task (SH-03 class B) is
    processed for the purpose the wizard names. The decision's steps and the disclosure are logged under
    that activity, its purpose and the basis chosen in step 2 — so the FG's log and the client's "who
    saw my data" say "support", not the generic sharing purpose."""
    casus = dh.Casus(regio)
    url = _gedeeld(regio, api, casus, klasse="b")
    regels = AuditRegel.objects.filter(actie__in=STAPPEN)
    assert sorted({r.actie for r in regels}) == sorted(STAPPEN)
    assert {(r.verwerkingsactiviteit, r.doel, r.grondslag) for r in regels} == {
        ("sociaal-domein-ondersteuning", "ondersteuning", "c")
    }
    assert Verstrekking.objects.get().doel == "sociaal-domein-ondersteuning"  # SH-16: the register's purpose
    assert _gezien_doelen(casus) == {doel_voor_client("ondersteuning")}  # the client's words for support
    # AU-02, AU-06: the disclosure's entry links its decision and grant; the items' text stays out
    entry = regels.get(actie="verstrekking.geregistreerd")
    # AU-02: and the ground (G1–G8) the share rests on
    assert entry.koppeling == {"deelbesluit": url.rsplit("/", 1)[1], "grond": "g5_wettelijke_plicht"}
    assert entry.toegang
    assert entry.velden == ["gegevens"]
    assert "Waarneming" not in str(entry.velden) and Verstrekking.objects.get().gegevens == [
        "Waarneming huisbezoek"
    ]


def test_au_02_sh_03_a_share_for_the_recipients_task_names_its_purpose_and_ground(regio, api):
    """AU-02, GP-02, SH-03, SH-16 (FG review 2026-11-28): a G5 share to Veilig Thuis for its investigation
    (class C) is the act of providing, logged under the sharing activity — but with the processing
    purpose step 1 names, not the class ("Voor de taak van de ontvanger" is SH-03's class, no purpose).
    Every step's entry links the decision and its ground (G1–G8); the register and the client read the
    same purpose."""
    casus = dh.Casus(regio)
    url = _gedeeld(regio, api, casus)
    regels = AuditRegel.objects.filter(actie__in=STAPPEN)
    assert {(r.verwerkingsactiviteit, r.doel, r.grondslag) for r in regels} == {
        ("gegevensdeling", "ondersteuning", "c")
    }
    uuid = url.rsplit("/", 1)[1]
    for r in regels:
        assert r.koppeling["deelbesluit"] == uuid and r.koppeling["grond"] == "g5_wettelijke_plicht", r.actie
    assert Verstrekking.objects.get().doel == "sociaal-domein-ondersteuning"
    assert "taak_ontvanger" not in {r.doel for r in regels}
    assert _gezien_doelen(casus) == {doel_voor_client("ondersteuning")}


def test_gp_02_a_purpose_the_fg_ended_falls_back_to_the_sharing_activity(regio, api):
    """GP-02: when the FG deactivates the chosen activity, the decision's later steps (voiding it) are
    still logged — under the sharing activity itself, never under an inactive one."""
    from zorgvuldig.registers.models import Verwerkingsactiviteit
    from zorgvuldig.verstrekkingen.deelbesluiten import activiteit_van

    casus = dh.Casus(regio)
    client = api(regio.medewerker)
    body = hulp.g5_aan_vt(regio, casus, klasse="b")
    body["stappen"]["doel"] = {"verwerkingsactiviteit": "casusoverleg"}
    url = client.post("/api/v1/deelbesluiten", body, format="json").json()["url"]
    als_systeem()
    assert AuditRegel.objects.get(actie="deelbesluit.geregistreerd").verwerkingsactiviteit == "casusoverleg"
    Verwerkingsactiviteit.objects.filter(code="casusoverleg").update(actief=False)
    assert activiteit_van(Deelbesluit.objects.get(uuid=url.rsplit("/", 1)[1])) == ("gegevensdeling", None)


def test_spec_7_a_draft_is_withdrawn_over_the_api_with_a_reason_and_nothing_is_registered(regio, api):
    """SPEC §7 States (ADR 0006 item 29): a draft that will not be decided ends with a reason through
    `_intrekken`; without a reason, or once decided, nothing changes. Nothing reaches the register."""
    casus = dh.Casus(regio)
    client = api(regio.medewerker)
    url = client.post("/api/v1/deelbesluiten", hulp.g5_aan_vt(regio, casus), format="json").json()["url"]
    r = client.post(f"{url}/_intrekken", {"reden": "  "}, format="json")
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "reden"
    assert client.get(url).json()["status"] == "concept"
    r = client.post(
        f"{url}/_intrekken", {"reden": "Veilig Thuis heeft het verzoek ingetrokken."}, format="json"
    )
    assert r.status_code == 200 and r.json()["status"] == "beeindigd", r.content
    assert r.json()["vervallen"] == {"reden": "Veilig Thuis heeft het verzoek ingetrokken."}
    # API §1.1 (API review): a case system syncs by change time and sees the controller
    moment = dt.datetime.fromisoformat
    assert moment(r.json()["gewijzigd"]) >= moment(r.json()["aangemaakt"])
    assert r.json()["verwerkingsverantwoordelijke"].endswith(str(regio.gemeente.uuid))
    assert client.post(f"{url}/_intrekken", {"reden": "Nogmaals."}, format="json").status_code == 409
    r = client.post(f"{url}/_besluiten", {"besluit": "delen", "redenen": "Toch delen."}, format="json")
    assert r.status_code == 409
    # another organisation's worker cannot even see it
    assert api(regio.leraar).post(f"{url}/_intrekken", {"reden": "x"}, format="json").status_code == 404
    als_systeem()
    assert not Verstrekking.objects.exists()
    assert AuditRegel.objects.filter(actie="deelbesluit.vervallen", status="uitgevoerd").count() == 1


def test_sh_14_the_leidinggevende_refuses_a_postponement_over_the_api_and_the_worker_is_told(regio, api):
    """SH-14 (ADR 0006 item 29): informing is the rule. The leidinggevende refuses the postponement the
    worker asked for with a reason; informing is then due and the worker gets an e-mail. The worker
    cannot refuse it, and without a postponement there is nothing to refuse."""
    casus = dh.Casus(regio)
    client = api(regio.medewerker)
    url = client.post("/api/v1/deelbesluiten", hulp.g5_aan_vt(regio, casus), format="json").json()["url"]
    lg = api(regio.leidinggevende)
    reden = {"toelichting": "De moeder kan veilig worden geïnformeerd; vader woont elders."}
    assert lg.post(f"{url}/_afwijzen", reden, format="json").status_code == 409  # still a draft
    assert consulteer(client, url, regio).status_code == 200
    besluit = {"besluit": "delen", "redenen": "Nodig voor het onderzoek van Veilig Thuis."}
    assert client.post(f"{url}/_besluiten", besluit, format="json").status_code == 200
    uitvoering = {"datum": today().isoformat(), "vorm": "digitaal"}
    assert client.post(f"{url}/_uitvoeren", uitvoering, format="json").status_code == 200
    assert client.post(f"{url}/_afwijzen", reden, format="json").status_code == 404  # not an approver
    r = lg.post(f"{url}/_afwijzen", {"toelichting": ""}, format="json")
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "toelichting"
    r = lg.post(f"{url}/_afwijzen", reden, format="json")
    assert r.status_code == 200, r.content
    assert r.json()["clientInformering"]["moment"] == "na" and r.json()["status"] == "uitgevoerd"
    assert r.json()["clientInformering"]["grond"] is None  # no postponement ground left behind
    assert [u["toelichting"] for u in r.json()["uitstelAfgewezen"]] == [reden["toelichting"]]
    assert lg.post(f"{url}/_afwijzen", reden, format="json").status_code == 409  # nothing left to refuse
    als_systeem()
    mail = Bericht.objects.get(onderwerp="Uitstel van informeren niet goedgekeurd")
    assert mail.aan == regio.medewerker.email and casus.lisa.geslachtsnaam not in mail.tekst
    assert AuditRegel.objects.filter(actie="deelbesluit.uitstel_afgewezen", status="uitgevoerd").count() == 1


def test_sh_14_a_postponement_approved_later_can_be_ended_too(regio, api):
    """SH-14 (API review H3): the wizard said "after", then the leidinggevende postponed informing for
    safety with `_uitstellen`; `_afwijzen` ends that postponement (it was refused as "no postponement")."""
    url = _gedeeld(regio, api, dh.Casus(regio), stappen={"informeren": {"moment": "na"}})
    lg = api(regio.leidinggevende)
    uitstel = {
        "grond": "veiligheid",
        "toelichting": "Vader dreigt; informeren brengt moeder nu in gevaar.",
        "reviewdatum": (dt.date.today() + dt.timedelta(days=14)).isoformat(),
    }
    r = lg.post(f"{url}/_uitstellen", uitstel, format="json")
    assert r.status_code == 200 and r.json()["clientInformering"]["moment"] == "uitgesteld"
    r = lg.post(f"{url}/_afwijzen", {"toelichting": "Vader is uit huis geplaatst."}, format="json")
    assert r.status_code == 200, r.content
    assert r.json()["clientInformering"]["moment"] == "na"


def test_gp_02_step_one_takes_the_activitys_url_as_api_md_says(regio, api):
    """API §2.6 (API review H2): `stappen.doel.verwerkingsactiviteit` is the activity's URL; the code is
    accepted too and is what is stored. Another resource's URL is refused as a bad reference."""
    from zorgvuldig.registers.models import Verwerkingsactiviteit

    casus = dh.Casus(regio)
    client = api(regio.medewerker)
    activiteit = Verwerkingsactiviteit.objects.get(code="sociaal-domein-ondersteuning")
    body = hulp.g5_aan_vt(regio, casus, klasse="b")
    body["stappen"]["doel"] = {
        "verwerkingsactiviteit": f"{T}/api/v1/verwerkingsactiviteiten/{activiteit.uuid}"
    }
    r = client.post("/api/v1/deelbesluiten", body, format="json")
    assert r.status_code == 201, r.content
    assert r.json()["stappen"]["doel"] == {"verwerkingsactiviteit": "sociaal-domein-ondersteuning"}
    assert r.json()["toetsing"][0]["ok"] is True
    body["stappen"]["doel"] = {"verwerkingsactiviteit": f"{T}/api/v1/organisaties/{regio.wijkteam.uuid}"}
    r = client.post("/api/v1/deelbesluiten", body, format="json")
    assert (
        r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "stappen.doel.verwerkingsactiviteit"
    )


def test_sh_16_a_register_entry_url_resolves_for_whoever_may_read_it(regio, api):
    """SH-16, API §1.1 (API review): the `url` of a register entry answers — the case team with the items,
    the FG without — and is read like the list (audited); another organisation gets 404."""
    casus = dh.Casus(regio)
    url = _gedeeld(regio, api, casus)
    client = api(regio.medewerker)
    [rij] = client.get("/api/v1/verstrekkingen").json()["results"]
    r = client.get(rij["url"])
    assert r.status_code == 200 and r.json() == rij and r.json()["herkomst"] == url
    fg = api(regio.fg).get(rij["url"])
    assert fg.status_code == 200 and "gegevens" not in fg.json()
    assert api(regio.leraar).get(rij["url"]).status_code == 404
    als_systeem()
    assert AuditRegel.objects.filter(actie="verstrekking.ingezien", object_uuid=rij["uuid"]).count() == 3


def test_sh_21_a_draft_names_its_open_points_with_their_fields(regio, api):
    """SH-21 (integrator review): the eight steps can all pass while the ground's own questions are still
    open; `openPunten` names each with its field and code, so a case system sees what `_consulteren` and
    `_besluiten` would refuse. Empty when complete; null once decided."""
    casus = dh.Casus(regio)
    client = api(regio.medewerker)
    body = hulp.g5_aan_vt(regio, casus)
    body.pop("verzoekContext")
    r = client.post("/api/v1/deelbesluiten", body, format="json")
    assert r.status_code == 201 and all(s["ok"] for s in r.json()["toetsing"])
    assert "verzoekContext" in {o["naam"] for o in r.json()["openPunten"]}
    assert all(o["code"].startswith("E_") and o["reden"] for o in r.json()["openPunten"])
    url = r.json()["url"]
    r = client.patch(
        url, {"verzoekContext": "Onderzoek naar een melding van huiselijk geweld."}, format="json"
    )
    assert r.status_code == 200 and r.json()["openPunten"] == []
    assert consulteer(client, url, regio).status_code == 200
    besluit = {"besluit": "delen", "redenen": "Nodig voor het onderzoek van Veilig Thuis."}
    r = client.post(f"{url}/_besluiten", besluit, format="json")
    assert r.status_code == 200 and r.json()["openPunten"] is None


def test_gp_02_verwerkingsdoel_may_name_the_purpose_the_decision_is_logged_under(regio, api):
    """GP-02, API §1.3 (partner review; ADR 0011 item 9): a decision for the worker's own task is logged
    under the purpose of the activity chosen in step 1, so a partner system may name that purpose in
    `Verwerkingsdoel` on the decision's own operations — and the entry names it. The sharing purpose
    stays accepted; any other purpose, or one another decision is logged under, is 400 E_NO_PURPOSE and
    changes nothing; a decision the caller may not see stays 404."""
    casus = dh.Casus(regio)
    client = api(regio.medewerker)
    body = hulp.g5_aan_vt(regio, casus, klasse="b")
    body["stappen"]["doel"] = {"verwerkingsactiviteit": "sociaal-domein-ondersteuning"}
    url = client.post("/api/v1/deelbesluiten", body, format="json").json()["url"]
    eigen = {"HTTP_VERWERKINGSDOEL": "ondersteuning"}

    r = client.patch(url, {"verzoekContext": "Aangevuld verzoek."}, format="json", **eigen)
    assert r.status_code == 200, r.content
    assert client.get(url, **eigen).status_code == 200
    assert (
        client.post(f"{url}/_intrekken", {"reden": "Niet meer nodig."}, format="json", **eigen).json()[
            "status"
        ]
        == "beeindigd"
    )
    als_systeem()
    for actie in ("deelbesluit.gewijzigd", "deelbesluit.ingezien", "deelbesluit.vervallen"):
        regel = AuditRegel.objects.filter(actie=actie).latest("id")
        assert (regel.verwerkingsactiviteit, regel.doel) == ("sociaal-domein-ondersteuning", "ondersteuning")
    # the endpoint's own purpose is still accepted; reading under it stays under the sharing activity
    assert client.get(url, HTTP_VERWERKINGSDOEL="afstemming").status_code == 200
    regel = AuditRegel.objects.filter(actie="deelbesluit.ingezien").latest("id")
    assert (regel.verwerkingsactiviteit, regel.doel) == ("gegevensdeling", "afstemming")

    # a purpose the decision is not logged under stays refused, with the same problem, and nothing changes
    ander = client.post("/api/v1/deelbesluiten", hulp.g5_aan_vt(regio, casus), format="json").json()["url"]
    for pad, doel in ((ander, "ondersteuning"), (ander, "signalering"), (url, "plan")):
        r = client.patch(pad, {"verzoekContext": "Gewijzigd?"}, format="json", HTTP_VERWERKINGSDOEL=doel)
        assert r.status_code == 400 and r.json()["code"] == "E_NO_PURPOSE", (pad, doel)
        assert r.json()["invalidParams"][0]["name"] == "Verwerkingsdoel"
        assert client.get(pad).json()["verzoekContext"] != "Gewijzigd?"
    # class C (the recipient's task): the sharing activity with the purpose of step 1 (AU-02) — here the
    # sharing activity's own purpose, which step 1 of `g5_aan_vt` names
    r = client.patch(
        ander, {"verzoekContext": "Gewijzigd."}, format="json", HTTP_VERWERKINGSDOEL="afstemming"
    )
    assert r.status_code == 200 and r.json()["verzoekContext"] == "Gewijzigd."
    als_systeem()
    regel = AuditRegel.objects.filter(actie="deelbesluit.gewijzigd").latest("id")
    assert (regel.verwerkingsactiviteit, regel.doel) == ("gegevensdeling", "afstemming")
    # not visible: 404 whatever the purpose (visibility comes first, API §1.4)
    assert api(regio.leraar).get(url, **eigen).status_code == 404
