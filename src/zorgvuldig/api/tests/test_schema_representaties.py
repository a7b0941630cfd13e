"""The OpenAPI types what sharing decisions and consents send and answer (partner review): the wizard's
answers per step, and the representations — generated from the code as `zorgvuldig spectacular` does.

Real answers of whole flows are checked against the generated components with every object closed
(no property the schema does not declare), so a field added to a representation without its type, or a
type that does not match what is sent, fails here; the schemathesis test only sees what fuzzing reaches.
"""

from __future__ import annotations

import datetime as dt

import pytest

from zorgvuldig.api.tests.contract import klopt
from zorgvuldig.api.tests.contract import openapi as _openapi
from zorgvuldig.conftest import als_systeem
from zorgvuldig.core.clock import today
from zorgvuldig.dossiers.tests import hulp as dh
from zorgvuldig.verstrekkingen.tests import hulp

pytestmark = pytest.mark.django_db
T = hulp.T


def _antwoord(pad: str, methode: str, status: str = "200") -> str:
    """The component an operation answers with (a collection: its items)."""
    schema = _openapi()["paths"][pad][methode]["responses"][status]["content"]["application/json"]["schema"]
    if "results" in schema.get("properties", {}):
        schema = schema["properties"]["results"]["items"]
    return schema["$ref"].rsplit("/", 1)[1]


def _vraag(pad: str, methode: str) -> str:
    schema = _openapi()["paths"][pad][methode]["requestBody"]["content"]["application/json"]["schema"]
    return schema["$ref"].rsplit("/", 1)[1]


ALLE_ANTWOORDEN = {
    "vierVragen": {
        "legitiemDoel": True,
        "enigeWeg": True,
        "instemmingOnmogelijkOfGezocht": False,
        "belangClientWeegtZwaarder": None,
    },
    "conflictVanPlichten": {
        "toestemmingNietHaalbaar": "spoed",
        "ernstigeSchade": "Acuut gevaar.",
        "andereWegen": "Geen.",
        "kansBeperking": "Groot.",
        "objectiefEigenWaarneming": True,
        "openheidNaarClient": False,
    },
    "verenigbaarheid": {
        "verbandDoelen": "Zelfde zorg.",
        "contextVerwachtingen": "Verwacht.",
        "gevoeligheid": "Laag.",
        "gevolgen": "Geen.",
        "waarborgen": "Versleuteld.",
    },
    "vitaalBelang": {
        "zeerErnstigeSituatie": True,
        "vitaalBelang": True,
        "dringendNodigNietDoorTeam": True,
        "toestemmingOnmogelijk": True,
        "enigeWeg": True,
    },
    "wettelijkeBevoegdheid": {"bepaling": "Jeugdwet art. 7.1.4"},
    "vtMelding": {"datum": "2026-03-02", "ambtshalve": True},
    "verrijking": False,
    "kinderbeschermingstafel": False,
    "onderzoekGestartOp": None,
}


def test_sh_21_the_wizard_and_its_decision_are_typed_as_sent_and_answered(regio, api):
    """SH-21, API §2.6: every body sent in the E5 flow (G5 to Veilig Thuis: consulted, decided, executed,
    informing postponed, the postponement refused) fits the request types, every step's answer has its
    own type, and every answer fits the component `Deelbesluit` exactly — also a draft made from a
    partner's request and a withdrawn one."""
    assert _antwoord("/api/v1/deelbesluiten", "get") == "Deelbesluit"
    assert _antwoord("/api/v1/deelbesluiten", "post", "201") == "Deelbesluit"
    for actie in (
        "",
        "/_consulteren",
        "/_besluiten",
        "/_uitvoeren",
        "/_uitstellen",
        "/_afwijzen",
        "/_intrekken",
    ):
        pad = "/api/v1/deelbesluiten/{uuid}" + actie
        assert _antwoord(pad, "patch" if not actie else "post") == "Deelbesluit", pad
    stappen = _openapi()["components"]["schemas"]["DeelbesluitStappenRequest"]["properties"]
    assert set(stappen) == {"doel", "grondslag", "noodzaak", "beroepsgeheim", "informeren", "rechten"}
    assert stappen["noodzaak"] == {"$ref": "#/components/schemas/DeelbesluitNoodzaakRequest"}

    casus = dh.Casus(regio)
    client = api(regio.medewerker)
    body = hulp.g5_aan_vt(regio, casus)
    klopt(body, _vraag("/api/v1/deelbesluiten", "post"))
    r = client.post("/api/v1/deelbesluiten", body, format="json")
    assert r.status_code == 201, r.content
    klopt(r.json(), "Deelbesluit")
    url = r.json()["url"]
    klopt(ALLE_ANTWOORDEN, _vraag("/api/v1/deelbesluiten/{uuid}", "patch"))
    r = client.patch(url, ALLE_ANTWOORDEN, format="json")
    assert r.status_code == 200, r.content
    klopt(r.json(), "Deelbesluit")
    assert r.json()["vtMelding"] == {"datum": "2026-03-02", "ambtshalve": True}
    consultatie = {
        "adviseur": f"{T}/api/v1/gebruikers/{regio.leidinggevende.uuid}",
        "tijdstip": dt.datetime.now(dt.UTC).isoformat(),
        "advies": "Delen.",
    }
    lg = api(regio.leidinggevende)
    review = (today() + dt.timedelta(days=30)).isoformat()
    for wie, pad, inhoud in (
        (client, "_consulteren", consultatie),
        (client, "_besluiten", {"besluit": "delen", "redenen": "Nodig voor het onderzoek."}),
        (client, "_uitvoeren", {"datum": today().isoformat(), "vorm": "digitaal"}),
        (lg, "_uitstellen", {"grond": "veiligheid", "toelichting": "Gevaar.", "reviewdatum": review}),
        (lg, "_afwijzen", {"toelichting": "Toch informeren."}),
    ):
        klopt(inhoud, _vraag(f"/api/v1/deelbesluiten/{{uuid}}/{pad}", "post"))
        r = wie.post(f"{url}/{pad}", inhoud, format="json")
        assert r.status_code == 200, (pad, r.content)
        klopt(r.json(), "Deelbesluit")
    na = client.get(url).json()
    klopt(na, "Deelbesluit")
    assert (
        na["besluit"]["besluit"] == "delen" and na["uitstelAfgewezen"][0]["toelichting"] == "Toch informeren."
    )

    # a withdrawn draft, and the draft a partner's request leaves (no answers of the steps yet)
    concept = client.post("/api/v1/deelbesluiten", hulp.g5_aan_vt(regio, casus), format="json").json()
    r = client.post(f"{concept['url']}/_intrekken", {"reden": "Niet nodig."}, format="json")
    klopt(r.json(), "Deelbesluit")
    from zorgvuldig.conftest import BSN_SAM, maak_gebruiker

    dh.dossier(regio, persoon=dh.client(regio, bsn=BSN_SAM, bsn_ontbreekt_reden=""))
    vt = hulp.veilig_thuis(regio)
    melder = maak_gebruiker(vt, "onderzoek@veiligthuis.example.org", ["medewerker"], naam="Onderzoeker")
    r = api(melder).post(
        "/api/v1/informatieverzoeken",
        {
            "organisatie": f"{T}/api/v1/organisaties/{regio.wijkteam.uuid}",
            "bsn": BSN_SAM,
            "doel": "Onderzoek na een melding",
            "verzoekContext": "Zorgen over de veiligheid.",
            "gevraagdeGegevens": "Waarnemingen",
            "bepaling": "Wmo 2015 art. 5.2.6",
        },
        format="json",
    )
    assert r.status_code == 202, r.content
    lijst = client.get("/api/v1/deelbesluiten").json()["results"]
    assert len(lijst) == 3, [d["status"] for d in lijst]
    for besluit in lijst:
        klopt(besluit, "Deelbesluit")


def test_the_wizards_answers_take_their_declared_types_only(regio, api):
    """API §1.1, SH-21: what the schema declares is what is accepted — an answer of another type, a value
    outside its list or an unknown key is 400 E_INVALID_INPUT on that field, and nothing changes."""
    casus = dh.Casus(regio)
    client = api(regio.medewerker)
    url = client.post("/api/v1/deelbesluiten", hulp.g5_aan_vt(regio, casus), format="json").json()["url"]
    voor = client.get(url).json()
    for body, naam in (
        ({"stappen": {"noodzaak": {"vanClient": "ja"}}}, "stappen.noodzaak.vanClient"),
        ({"stappen": {"beroepsgeheim": 1}}, "stappen.beroepsgeheim"),
        ({"stappen": {"informeren": {"moment": "straks"}}}, "stappen.informeren.moment"),
        ({"stappen": {"grondslag": {"eigen": "g"}}}, "stappen.grondslag.eigen"),
        ({"stappen": {"doel": "ondersteuning"}}, "stappen.doel"),
        ({"stappen": {"doel": {"activiteit": "x"}}}, "stappen.doel.activiteit"),
        ({"stappen": {"stap9": {}}}, "stappen.stap9"),
        ({"wettelijkePlicht": {"ontvanger": "politie"}}, "wettelijkePlicht.ontvanger"),
        (
            {"wettelijkePlicht": {"schriftelijkVerzoek": {"datum": "gisteren"}}},
            "wettelijkePlicht.schriftelijkVerzoek.datum",
        ),
        ({"vierVragen": {"enigeWeg": "true"}}, "vierVragen.enigeWeg"),
        ({"verenigbaarheid": {"gevolgen": 3}}, "verenigbaarheid.gevolgen"),
    ):
        r = client.patch(url, body, format="json")
        assert r.status_code == 400 and r.json()["code"] == "E_INVALID_INPUT", (body, r.content)
        assert naam in [p["name"] for p in r.json()["invalidParams"]], (body, r.json()["invalidParams"])
    na = client.get(url).json()
    assert {k: w for k, w in na.items() if k != "openPunten"} == {
        k: w for k, w in voor.items() if k != "openPunten"
    }
    # null leaves an answer open, as a draft may
    r = client.patch(
        url, {"stappen": {**hulp.g5_aan_vt(regio, casus)["stappen"], "beroepsgeheim": None}}, format="json"
    )
    assert r.status_code == 200 and r.json()["stappen"]["beroepsgeheim"] is None
    assert not r.json()["toetsing"][4]["ok"]


def test_cs_consents_are_typed_as_sent_and_answered(regio, api):
    """API §2.5: a consent as registered (with the CS-10 warning), asked then given, read, listed and
    revoked (with its consequences) fits the component `Toestemming` exactly."""
    for pad, methode, status in (
        ("/api/v1/toestemmingen", "get", "200"),
        ("/api/v1/toestemmingen", "post", "201"),
        ("/api/v1/toestemmingen/{uuid}", "get", "200"),
        ("/api/v1/toestemmingen/{uuid}/_geven", "post", "200"),
        ("/api/v1/toestemmingen/{uuid}/_weigeren", "post", "200"),
        ("/api/v1/toestemmingen/{uuid}/_intrekken", "post", "200"),
        ("/api/v1/toestemmingen/{uuid}/_terzijdeleggen", "post", "200"),
    ):
        assert _antwoord(pad, methode, status) == "Toestemming", pad
    casus = hulp.casus_met_moeder(regio)
    vt = hulp.veilig_thuis(regio)
    client = api(regio.medewerker)
    body = hulp.toestemming_body(
        regio,
        casus,
        vt,
        geldigTot=(today() + dt.timedelta(days=90)).isoformat(),
        alsGrondslag=False,
        bewijs="Getekend formulier.",
    )
    klopt(body, _vraag("/api/v1/toestemmingen", "post"))
    r = client.post("/api/v1/toestemmingen", body, format="json")
    assert r.status_code == 201, r.content
    klopt(r.json(), "Toestemming")
    gevraagd = hulp.toestemming_body(
        regio,
        casus,
        vt,
        soort="grondslag_verwerking",
        status="gevraagd",
        gevers=[{"persoon": f"{T}/api/v1/personen/{casus.moeder.uuid}", "hoedanigheid": "ouder_met_gezag"}],
        doel="sociaal-domein-ondersteuning",
    )
    r = client.post("/api/v1/toestemmingen", gevraagd, format="json")
    assert r.status_code == 201, r.content
    assert r.json()["waarschuwingen"]  # CS-10: a public body choosing consent as its basis
    klopt(r.json(), "Toestemming")
    r = client.post(f"{r.json()['url']}/_geven", {"datum": today().isoformat()}, format="json")
    assert r.status_code == 200, r.content
    klopt(r.json(), "Toestemming")
    for toestemming in client.get("/api/v1/toestemmingen").json()["results"]:
        klopt(toestemming, "Toestemming")
    r = client.post(f"{r.json()['url']}/_intrekken", {}, format="json")
    assert r.status_code == 200 and r.json()["gevolgen"], r.content
    klopt(r.json(), "Toestemming")
    als_systeem()
