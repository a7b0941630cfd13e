"""Generated: every API operation that processes personal data writes audit entries with the AU-02 fields,
and an access to a person names the grant that allowed it (AU-01, AU-02, AU-09).

A new endpoint fails `test_every_operation_has_an_example` until it gets an example here.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from zorgvuldig.api.tests.test_toegangsmatrix import ENDPOINTS
from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.conftest import BSN_SAM, als_systeem, partner_token, vergeet_caches
from zorgvuldig.personen.services import registreer_persoon
from zorgvuldig.toegang.models import Toegang

pytestmark = pytest.mark.django_db

# Operations that process no personal data of data subjects (the user's own profile).
VRIJGESTELD = {
    ("api/v1/gebruikersprofiel", "get"): "eigen profiel van de ingelogde medewerker",
    ("api/v1/organisaties", "get"): "configuratie, geen persoonsgegevens van betrokkenen",
    ("api/v1/organisaties/<uuid:uuid>", "get"): "configuratie",
    ("api/v1/verwerkingsverantwoordelijken", "get"): "configuratie",
    ("api/v1/verwerkingsverantwoordelijken/<uuid:uuid>", "get"): "configuratie",
    ("api/v1/profielen", "get"): "configuratie van de verwijsindex (VI-19), geen betrokkenen",
    ("api/v1/profielen/<uuid:uuid>", "get"): "configuratie",
    ("api/v1/instellingen", "get"): "regionale instellingen (SPEC §0.2), geen betrokkenen",
    ("api/v1/gebruikers", "get"): "medewerkers van de eigen organisatie, geen betrokkenen",
    ("api/v1/gebruikers/<uuid:uuid>", "get"): "medewerker van de eigen organisatie",
    ("api/v1/teams", "get"): "configuratie: teams en hun leden, geen betrokkenen",
    ("api/v1/teams/<uuid:uuid>", "get"): "configuratie",
    ("api/v1/api-tokens", "get"): "configuratie (het geheim staat er niet in)",
    ("api/v1/api-tokens/<uuid:uuid>", "get"): "configuratie",
    ("api/v1/uittredingen", "get"): "technische status per uitgetreden organisatie, geen betrokkenen (VI-25)",
    ("api/v1/uittredingen/<uuid:uuid>", "get"): "technische status (VI-25)",
    # table types are the host's configuration: purpose, basis, partner organisations (CT-16)
    ("api/v1/overlegtypen", "get"): "configuratie, geen persoonsgegevens van betrokkenen",
    ("api/v1/overlegtypen/<uuid:uuid>", "get"): "configuratie",
    ("api/v1/overlegtypen/sjablonen", "get"): "configuratie (vaste sjablonen)",
    # retention rules are the controller's configuration (RT-10, RT-11); a sweep shows counts only (RT-09)
    ("api/v1/bewaarregels", "get"): "configuratie, geen persoonsgegevens van betrokkenen",
    ("api/v1/bewaarregels/<uuid:uuid>", "get"): "configuratie",
    ("api/v1/opschoonrondes", "get"): "technische aantallen per verwerkingsverantwoordelijke (RT-09)",
    ("api/v1/opschoonrondes/<uuid:uuid>", "get"): "technische aantallen (RT-09)",
    # the verwerkingsregister, purposes and DPIAs describe processing, not persons (RG-01, RG-02)
    ("api/v1/doelen", "get"): "register van de verwerkingsverantwoordelijke, geen betrokkenen",
    ("api/v1/doelen/<uuid:uuid>", "get"): "register",
    ("api/v1/verwerkingsactiviteiten", "get"): "register",
    ("api/v1/verwerkingsactiviteiten/<uuid:uuid>", "get"): "register",
    ("api/v1/verwerkingsactiviteiten/<uuid:uuid>/versies", "get"): "register",
    ("api/v1/verwerkingsactiviteiten/<uuid:uuid>/versies/<uuid:versie_uuid>", "get"): "register",
    ("api/v1/dpias", "get"): "register",
    ("api/v1/dpias/<uuid:uuid>", "get"): "register",
    ("api/v1/registercontrole", "get"): "bevindingen over het register, geen betrokkenen",
    # convenants and agreements are the controllers' arrangements, not data about persons (RG-04 … RG-06)
    ("api/v1/convenanten", "get"): "configuratie",
    ("api/v1/convenanten/<uuid:uuid>", "get"): "configuratie",
    ("api/v1/convenanten/<uuid:uuid>/toetredingen", "get"): "configuratie",
    ("api/v1/convenanten/<uuid:uuid>/toetredingen/<uuid:toetreding_uuid>", "get"): "configuratie",
    ("api/v1/overeenkomsten", "get"): "register",
    ("api/v1/overeenkomsten/<uuid:uuid>", "get"): "register",
    # the user's own tasks show a kind, a due date, a colleague or organisation, never a client (as the
    # overview page); dismissing one is audited
    ("api/v1/taken", "get"): "eigen taken van de ingelogde medewerker, geen gegevens van betrokkenen",
    ("api/v1/taken/<uuid:uuid>", "get"): "eigen taak van de ingelogde medewerker",
}


# Operations after which the platform itself writes entries in the same transaction.
SYSTEEM_VERVOLG = {("api/v1/informatieverzoeken", "post")}

# Routes whose examples live with their app: building case tables or requests in every state for every
# other route is too expensive. (route prefixes, module, function)
APP_VOORBEELDEN = [
    (("api/v1/overlegtypen", "api/v1/casusoverleggen"), "casusoverleg", "casus_voorbeelden"),
    (("api/v1/verzoeken",), "rechten", "verzoek_voorbeelden"),
    (
        (
            "api/v1/bewaarregels",
            "api/v1/bewaartermijnen",
            "api/v1/vernietigingslijsten",
            "api/v1/vernietigingsbewijzen",
            "api/v1/opschoonrondes",
        ),
        "bewaren",
        "bewaar_voorbeelden",
    ),
    (
        ("api/v1/doelen", "api/v1/verwerkingsactiviteiten", "api/v1/dpias", "api/v1/verwerkingsregister"),
        "registers",
        "register_voorbeelden",
    ),
    (("api/v1/convenanten", "api/v1/overeenkomsten"), "convenanten", "convenant_voorbeelden"),
    (
        (
            "api/v1/profielen",
            "api/v1/instellingen",
            "api/v1/organisaties",
            "api/v1/verwerkingsverantwoordelijken",
        ),
        "organisaties",
        "configuratie_voorbeelden",
    ),
    (("api/v1/datalekken",), "datalekken", "datalek_voorbeelden"),
    (("api/v1/exportdefinities",), "monitoring", "monitoring_voorbeelden"),
    (("api/v1/taken",), "werkvoorraad", "taken_voorbeelden"),
    (("api/v1/rapportages",), "rapportages", "rapport_voorbeelden"),
    (
        ("api/v1/toegangsbewaking", "api/v1/ondernemingsraadinstemmingen", "api/v1/toegangssignaleringen"),
        "toegangsbewaking",
        "bewaking_voorbeelden",
    ),
]


def _app_voorbeelden(module: str, functie: str):
    from importlib import import_module

    return getattr(import_module(f"zorgvuldig.{module}.tests.voorbeelden"), functie)


def voorbeelden_voor(regio, route):
    """The examples for `route`: an app's own ones only for its routes."""
    for prefixen, module, functie in APP_VOORBEELDEN:
        if route.startswith(prefixen):
            return _app_voorbeelden(module, functie)(regio)
    return voorbeelden(regio)


def voorbeelden(regio):
    """(route, method) → (user, path, body) of a successful request."""
    m = regio.medewerker
    sam = registreer_persoon(
        actor=regio.actor(m),
        data={"geslachtsnaam": "Jansen", "bsn": BSN_SAM, "geboortedatum": dt.date(2011, 9, 20)},
    )
    moeder = registreer_persoon(
        actor=regio.actor(m),
        data={"geslachtsnaam": "Jansen", "bsn_ontbreekt_reden": "t", "geboortedatum": dt.date(1980, 1, 1)},
    )
    from zorgvuldig.personen.services import registreer_huishouden, registreer_relatie

    relatie = registreer_relatie(
        actor=regio.actor(m), persoon_uuid=sam.uuid, ander_uuid=moeder.uuid, data={"soort": "ouder"}
    )
    huishouden = registreer_huishouden(actor=regio.actor(m), naam="Gezin", leden=[{"persoon": sam.uuid}])
    token, _ = partner_token(regio, regio.wijkteam)
    from zorgvuldig.verwijsindex.tests.hulp import Scenario, deelnemer_van, json_verantwoording

    vi = Scenario(regio)
    dos = _dossiers(regio, sam)
    delen = _delen(regio)
    als_systeem()
    grant = Toegang.objects.filter(object_id=sam.pk, object_type="personen.persoon").first()
    regel = AuditRegel.objects.filter(object_uuid=str(sam.uuid)).first()
    p = f"/api/v1/personen/{sam.uuid}"
    return {
        ("api/v1/personen", "get"): (m, "/api/v1/personen", None),
        ("api/v1/personen", "post"): (
            m,
            "/api/v1/personen",
            {"geslachtsnaam": "Nieuw", "bsnOntbreektReden": "t"},
        ),
        ("api/v1/personen/_zoek", "post"): (m, "/api/v1/personen/_zoek", {"bsn": BSN_SAM}),
        ("api/v1/personen/<uuid:uuid>", "get"): (m, p, None),
        ("api/v1/personen/<uuid:uuid>", "patch"): (m, p, {"telefoon": "+31600000000"}),
        ("api/v1/personen/<uuid:uuid>/relaties", "get"): (m, f"{p}/relaties", None),
        ("api/v1/personen/<uuid:uuid>/relaties", "post"): (
            m,
            f"{p}/relaties",
            {"persoon": f"http://testserver/api/v1/personen/{moeder.uuid}", "soort": "ouder_met_gezag"},
        ),
        ("api/v1/personen/<uuid:uuid>/relaties/<uuid:relatie_uuid>", "delete"): (
            m,
            f"{p}/relaties/{relatie.uuid}",
            None,
        ),
        ("api/v1/huishoudens", "get"): (m, "/api/v1/huishoudens", None),
        ("api/v1/huishoudens", "post"): (
            m,
            "/api/v1/huishoudens",
            {"naam": "Nieuw", "leden": [{"persoon": p}]},
        ),
        ("api/v1/huishoudens/<uuid:uuid>", "get"): (m, f"/api/v1/huishoudens/{huishouden.uuid}", None),
        ("api/v1/huishoudens/<uuid:uuid>", "patch"): (
            m,
            f"/api/v1/huishoudens/{huishouden.uuid}",
            {"naam": "G"},
        ),
        ("api/v1/personen/<uuid:uuid>/beoordelingen", "get"): (m, f"{p}/beoordelingen", None),
        ("api/v1/personen/<uuid:uuid>/beoordelingen", "post"): (
            m,
            f"{p}/beoordelingen",
            {
                "soort": "bekwaamheid_12_15",
                "uitkomst": True,
                "datum": "2025-01-10",
                "redenen": "Overziet de gevolgen van de keuze",
            },
        ),
        ("api/v1/toegangen", "get"): (regio.leidinggevende, "/api/v1/toegangen", None),
        ("api/v1/toegangen/<uuid:uuid>", "get"): (
            regio.leidinggevende,
            f"/api/v1/toegangen/{grant.uuid}",
            None,
        ),
        ("api/v1/toegangen/_verlenen", "post"): (
            regio.leidinggevende,
            "/api/v1/toegangen/_verlenen",
            {
                "bron": "geheim_adres",
                "gebruiker": str(m.uuid),
                "object": p,
                "reden": "Casusregie",
                "rechten": ["lezen"],
            },
        ),
        ("api/v1/toegangen/<uuid:uuid>/_intrekken", "post"): (
            regio.leidinggevende,
            f"/api/v1/toegangen/{grant.uuid}/_intrekken",
            None,
        ),
        ("api/v1/auditregels", "get"): (regio.fg, "/api/v1/auditregels", None),
        ("api/v1/auditregels/<uuid:uuid>", "get"): (regio.fg, f"/api/v1/auditregels/{regel.uuid}", None),
        ("api/v1/auditregels/_zoek", "post"): (regio.fg, "/api/v1/auditregels/_zoek", {"persoon": p}),
        ("api/v1/personen/<uuid:uuid>/audittrail", "get"): (regio.fg, f"{p}/audittrail", None),
        ("api/v1/auditcontrolepunten", "get"): (regio.fg, "/api/v1/auditcontrolepunten", None),
        ("api/v1/api-tokens", "post"): (
            regio.beheerder,
            "/api/v1/api-tokens",
            {
                "naam": "wijkteamsysteem",
                "organisatie": f"http://testserver/api/v1/organisaties/{regio.wijkteam.uuid}",
                "scopes": ["signaal:registreren"],
                "geldigTot": (dt.date.today() + dt.timedelta(days=30)).isoformat(),
            },
        ),
        ("api/v1/api-tokens/<uuid:uuid>/_intrekken", "post"): (
            regio.beheerder,
            f"/api/v1/api-tokens/{token.uuid}/_intrekken",
            None,
        ),
        ("api/v1/gebruikers", "post"): (
            regio.beheerder,
            "/api/v1/gebruikers",
            {
                "naam": "Noor Nieuw",
                "email": "noor@krimpen.example.org",
                "organisatie": f"http://testserver/api/v1/organisaties/{regio.wijkteam.uuid}",
                "rollen": ["medewerker"],
            },
        ),
        ("api/v1/gebruikers/<uuid:uuid>", "patch"): (
            regio.beheerder,
            f"/api/v1/gebruikers/{regio.collega.uuid}",
            {"functie": "Teamcoach"},
        ),
        ("api/v1/teams", "post"): (
            regio.beheerder,
            "/api/v1/teams",
            {
                "code": "wijkteam-west",
                "naam": "Wijkteam West",
                "organisatie": f"http://testserver/api/v1/organisaties/{regio.wijkteam.uuid}",
            },
        ),
        ("api/v1/teams/<uuid:uuid>", "patch"): (
            regio.beheerder,
            f"/api/v1/teams/{regio.team.uuid}",
            {"naam": "Wijkteam Oost-Krimpen"},
        ),
        ("api/v1/signalen", "get"): (m, "/api/v1/signalen", None),
        ("api/v1/signalen", "post"): (m, "/api/v1/signalen", {"bsn": "999990056"}),
        ("api/v1/signalen/<uuid:uuid>", "get"): (m, f"/api/v1/signalen/{vi.eigen.uuid}", None),
        ("api/v1/signalen/<uuid:uuid>/_activeren", "post"): (
            m,
            f"/api/v1/signalen/{vi.concept.uuid}/_activeren",
            {"verantwoording": json_verantwoording()},
        ),
        ("api/v1/signalen/<uuid:uuid>/_verlengen", "post"): (
            m,
            f"/api/v1/signalen/{vi.verlengbaar.uuid}/_verlengen",
            {},
        ),
        ("api/v1/signalen/<uuid:uuid>/_intrekken", "post"): (
            m,
            f"/api/v1/signalen/{vi.eigen.uuid}/_intrekken",
            {},
        ),
        ("api/v1/signalen/<uuid:uuid>/_overdragen", "post"): (
            regio.school_lg,
            f"/api/v1/signalen/{vi.ander.uuid}/_overdragen",
            {
                "naar": f"http://testserver/api/v1/gebruikers/{vi.collega_school.uuid}",
                "reden": "Vertrek mentor",
            },
        ),
        ("api/v1/signalen/<uuid:uuid>/_aanvaarden", "post"): (
            m,
            f"/api/v1/signalen/{vi.aangeboden.uuid}/_aanvaarden",
            {},
        ),
        ("api/v1/signalen/<uuid:uuid>/verantwoording", "get"): (
            m,
            f"/api/v1/signalen/{vi.eigen.uuid}/verantwoording",
            None,
        ),
        ("api/v1/matches", "get"): (m, "/api/v1/matches", None),
        ("api/v1/matches/<uuid:uuid>", "get"): (m, f"/api/v1/matches/{vi.match.uuid}", None),
        ("api/v1/matches/<uuid:uuid>/_afstemmen", "post"): (
            m,
            f"/api/v1/matches/{vi.match.uuid}/_afstemmen",
            {"datum": dt.date.today().isoformat(), "met": [deelnemer_van(vi.match, regio.leraar)]},
        ),
        ("api/v1/matches/<uuid:uuid>/_aanwijzen", "post"): (
            m,
            f"/api/v1/matches/{vi.match_contact.uuid}/_aanwijzen",
            {"deelnemer": deelnemer_van(vi.match_contact, m)},
        ),
        ("api/v1/matches/<uuid:uuid>/_informeren", "post"): (
            m,
            f"/api/v1/matches/{vi.match_contact.uuid}/_informeren",
            {
                "datum": dt.date.today().isoformat(),
                "door": deelnemer_van(vi.match_contact, m),
                "wijze": "gesprek",
            },
        ),
        ("api/v1/archiefsignalen/_zoek", "post"): (
            regio.fg,
            "/api/v1/archiefsignalen/_zoek",
            {
                "bsn": BSN_SAM,
                "verzoek": "http://testserver/api/v1/verzoeken/8f9e1c2a-1111-4222-8333-444455556666",
            },
        ),
        **dos,
        **delen,
        ("api/v1/gebruikersprofiel/geheimhoudingsverklaring", "post"): (
            regio.collega,
            "/api/v1/gebruikersprofiel/geheimhoudingsverklaring",
            {"versie": "2026-1"},
        ),
    }


def _delen(regio):
    """Examples of consents, sharing decisions and the disclosure register (API §2.5, §2.6)."""
    from zorgvuldig.dossiers import services as ds
    from zorgvuldig.verstrekkingen import deelbesluiten as db
    from zorgvuldig.verstrekkingen.tests import hulp as vh

    m, lg = regio.medewerker, regio.leidinggevende
    casus = vh.casus_met_moeder(regio)
    vt = vh.veilig_thuis(regio)
    from rest_framework.test import APIClient

    from zorgvuldig.conftest import aanmelden

    c = aanmelden(APIClient(), m)
    t = [
        c.post("/api/v1/toestemmingen", vh.toestemming_body(regio, casus, vt), format="json").json()
        for _ in range(2)
    ]
    gevraagd = [
        c.post(
            "/api/v1/toestemmingen", vh.toestemming_body(regio, casus, vt, status="gevraagd"), format="json"
        ).json()
        for _ in range(2)
    ]
    ds.wijs_toe(actor=regio.actor(lg), uuid=casus.dossier.uuid, gebruiker=lg, rol="casusteam")
    geweigerd = c.post(
        "/api/v1/toestemmingen",
        vh.toestemming_body(
            regio,
            casus,
            vt,
            status="geweigerd",
            soort="grondslag_verwerking",
            gevers=[
                {"persoon": f"{vh.T}/api/v1/personen/{casus.moeder.uuid}", "hoedanigheid": "ouder_met_gezag"}
            ],
        ),
        format="json",
    ).json()
    d = [
        c.post("/api/v1/deelbesluiten", vh.g5_aan_vt(regio, casus), format="json").json()["uuid"]
        for _ in range(6)
    ]
    adviseur = {
        "adviseur": f"{vh.T}/api/v1/gebruikers/{lg.uuid}",
        "tijdstip": "2026-01-05T09:00:00Z",
        "advies": "Ja",
    }
    for u in d[1:5]:
        db.consulteer(
            actor=regio.actor(m),
            uuid=u,
            adviseur=lg,
            tijdstip=dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC),
            advies="Ja",
        )
    for u in d[2:5]:
        db.besluit(actor=regio.actor(m), uuid=u, besluit_="delen", redenen="Nodig")
    for u in (d[3], d[4]):
        db.voer_uit(actor=regio.actor(m), uuid=u, datum=dt.date.today(), vorm="digitaal")
    from zorgvuldig.conftest import als_systeem
    from zorgvuldig.verstrekkingen.models import Verstrekking

    als_systeem()
    vs = Verstrekking.objects.filter(herkomst=f"deelbesluit:{d[3]}").first()
    b = "/api/v1/deelbesluiten"
    vandaag = dt.date.today().isoformat()
    return {
        ("api/v1/toestemmingen", "get"): (m, "/api/v1/toestemmingen", None),
        ("api/v1/toestemmingen", "post"): (m, "/api/v1/toestemmingen", vh.toestemming_body(regio, casus, vt)),
        ("api/v1/toestemmingen/<uuid:uuid>", "get"): (m, t[0]["url"], None),
        ("api/v1/toestemmingen/<uuid:uuid>/audittrail", "get"): (regio.fg, f"{t[0]['url']}/audittrail", None),
        ("api/v1/toestemmingen/<uuid:uuid>/_geven", "post"): (m, f"{gevraagd[0]['url']}/_geven", {}),
        ("api/v1/toestemmingen/<uuid:uuid>/_weigeren", "post"): (m, f"{gevraagd[1]['url']}/_weigeren", {}),
        ("api/v1/toestemmingen/<uuid:uuid>/_intrekken", "post"): (m, f"{t[1]['url']}/_intrekken", {}),
        ("api/v1/toestemmingen/<uuid:uuid>/_terzijdeleggen", "post"): (
            lg,
            f"{geweigerd['url']}/_terzijdeleggen",
            {"redenen": "Zwaarwegend belang van het kind"},
        ),
        ("api/v1/deelbesluiten", "get"): (m, b, None),
        ("api/v1/deelbesluiten", "post"): (m, b, vh.g5_aan_vt(regio, casus)),
        ("api/v1/deelbesluiten/<uuid:uuid>", "get"): (m, f"{b}/{d[0]}", None),
        ("api/v1/deelbesluiten/<uuid:uuid>/audittrail", "get"): (regio.fg, f"{b}/{d[0]}/audittrail", None),
        ("api/v1/deelbesluiten/<uuid:uuid>", "patch"): (m, f"{b}/{d[0]}", {"klasse": "b"}),
        ("api/v1/deelbesluiten/<uuid:uuid>/_consulteren", "post"): (m, f"{b}/{d[0]}/_consulteren", adviseur),
        ("api/v1/deelbesluiten/<uuid:uuid>/_besluiten", "post"): (
            m,
            f"{b}/{d[1]}/_besluiten",
            {"besluit": "delen", "redenen": "Nodig voor het onderzoek"},
        ),
        ("api/v1/deelbesluiten/<uuid:uuid>/_uitvoeren", "post"): (
            m,
            f"{b}/{d[2]}/_uitvoeren",
            {"datum": vandaag, "vorm": "digitaal"},
        ),
        ("api/v1/deelbesluiten/<uuid:uuid>/_informeren", "post"): (
            m,
            f"{b}/{d[3]}/_informeren",
            {"datum": vandaag, "wijze": "gesprek"},
        ),
        ("api/v1/deelbesluiten/<uuid:uuid>/_uitstellen", "post"): (
            lg,
            f"{b}/{d[3]}/_uitstellen",
            {
                "grond": "veiligheid",
                "toelichting": "Gevaar voor moeder",
                "reviewdatum": (dt.date.today() + dt.timedelta(days=20)).isoformat(),
            },
        ),
        ("api/v1/deelbesluiten/<uuid:uuid>/_afwijzen", "post"): (
            lg,
            f"{b}/{d[4]}/_afwijzen",
            {"toelichting": "Moeder kan veilig worden geïnformeerd"},
        ),
        ("api/v1/deelbesluiten/<uuid:uuid>/_intrekken", "post"): (
            m,
            f"{b}/{d[5]}/_intrekken",
            {"reden": "Het verzoek is ingetrokken"},
        ),
        ("api/v1/verstrekkingen", "get"): (m, "/api/v1/verstrekkingen", None),
        ("api/v1/verstrekkingen/<uuid:uuid>", "get"): (m, f"/api/v1/verstrekkingen/{vs.uuid}", None),
        ("api/v1/informatieverzoeken", "post"): (
            regio.leraar,
            "/api/v1/informatieverzoeken",
            {
                "organisatie": f"{vh.T}/api/v1/organisaties/{regio.wijkteam.uuid}",
                "bsn": BSN_SAM,
                "doel": "Zorgen over verzuim",
                "verzoekContext": "Leerling verzuimt structureel",
                "gevraagdeGegevens": "Of het wijkteam betrokken is",
            },
        ),
    }


def _dossiers(regio, sam):
    """Examples of the dossier endpoints (API §2.4), each on a dossier in the state it needs."""
    from zorgvuldig.dossiers import services as ds
    from zorgvuldig.dossiers.tests import hulp

    m, lg = regio.medewerker, regio.leidinggevende
    casus = hulp.Casus(regio)
    d = f"/api/v1/dossiers/{casus.dossier.uuid}"
    nieuw = hulp.dossier(regio)
    hulp.geinformeerd(regio, nieuw)
    sam_dossier = hulp.dossier(regio, persoon=sam)
    vastgesteld = hulp.dossier(regio)
    hulp.gestart(regio, vastgesteld)
    plan = ds.registreer_plan(actor=regio.actor(m), uuid=vastgesteld.uuid, data={"doelen": ["Doel"]})
    ds.stel_plan_vast(
        actor=regio.actor(m),
        uuid=vastgesteld.uuid,
        plan_uuid=plan.uuid,
        met_client_afgesproken_op=dt.date.today(),
    )
    monitoring = hulp.dossier(regio)
    hulp.gestart(regio, monitoring)
    plan2 = ds.registreer_plan(actor=regio.actor(m), uuid=monitoring.uuid, data={"doelen": ["Doel"]})
    ds.stel_plan_vast(
        actor=regio.actor(m),
        uuid=monitoring.uuid,
        plan_uuid=plan2.uuid,
        met_client_afgesproken_op=dt.date.today(),
    )
    ds.monitor(actor=regio.actor(m), uuid=monitoring.uuid)
    gesloten = hulp.dossier(regio)
    ds.sluit_af(
        actor=regio.actor(m),
        uuid=gesloten.uuid,
        data={
            "einddatum": dt.date.today(),
            "client_oordeel": "Tevreden",
            "resultaten": "Hulp afgerond",
            "reden": "afgerond",
        },
    )
    toewijzing = ds.wijs_toe(
        actor=regio.actor(lg), uuid=casus.dossier.uuid, gebruiker=regio.collega, rol="vervanger"
    )
    lisa = f"http://testserver/api/v1/personen/{casus.lisa.uuid}"
    vandaag = dt.date.today().isoformat()
    overdracht = hulp.dossier(regio)
    ds.wijs_toe(actor=regio.actor(lg), uuid=overdracht.uuid, gebruiker=regio.collega, rol="casusteam")
    zorg = {
        "ontvangen_op": dt.date.today(),
        "kanaal": "telefoon",
        "melder": {"naam": "Buurvrouw"},
        "zorg": "Zorgen over de kinderen",
        "persoon": casus.lisa.uuid,
    }
    zs = [ds.registreer_zorgsignaal(actor=regio.actor(m), team=regio.team, data=zorg) for _ in range(4)]
    ds.beoordeel_zorgsignaal(actor=regio.actor(m), uuid=zs[3].uuid, ernst="laag")
    z = "/api/v1/zorgsignalen"
    return {
        ("api/v1/dossiers", "get"): (m, "/api/v1/dossiers", None),
        ("api/v1/dossiers", "post"): (
            m,
            "/api/v1/dossiers",
            {
                "soort": "individueel",
                "team": regio.team.code,
                "leden": [{"persoon": f"http://testserver/api/v1/personen/{sam.uuid}", "rol": "client"}],
            },
        ),
        ("api/v1/dossiers/_zoek", "post"): (m, "/api/v1/dossiers/_zoek", {"bsn": BSN_SAM}),
        ("api/v1/dossiers/<uuid:uuid>", "get"): (m, f"/api/v1/dossiers/{sam_dossier.uuid}", None),
        ("api/v1/dossiers/<uuid:uuid>", "patch"): (
            m,
            f"/api/v1/dossiers/{overdracht.uuid}",
            {"casusregie": f"http://testserver/api/v1/gebruikers/{regio.collega.uuid}"},
        ),
        ("api/v1/dossiers/<uuid:uuid>/_informeren", "post"): (
            m,
            f"{d}/_informeren",
            {"mondelingOp": vandaag, "schriftelijkOp": vandaag, "onderwerpen": hulp.ALLE_ONDERWERPEN},
        ),
        ("api/v1/dossiers/<uuid:uuid>/_starten", "post"): (m, f"/api/v1/dossiers/{nieuw.uuid}/_starten", {}),
        ("api/v1/dossiers/<uuid:uuid>/_monitoren", "post"): (
            m,
            f"/api/v1/dossiers/{vastgesteld.uuid}/_monitoren",
            {},
        ),
        ("api/v1/dossiers/<uuid:uuid>/_herzien", "post"): (
            m,
            f"/api/v1/dossiers/{monitoring.uuid}/_herzien",
            {},
        ),
        ("api/v1/dossiers/<uuid:uuid>/_afsluiten", "post"): (
            m,
            f"{d}/_afsluiten",
            {
                "einddatum": vandaag,
                "clientOordeelGeweigerd": True,
                "resultaten": "Doelen bereikt",
                "reden": "afgerond",
            },
        ),
        ("api/v1/dossiers/<uuid:uuid>/_bevestigen", "post"): (
            lg,
            f"/api/v1/dossiers/{gesloten.uuid}/_bevestigen",
            {},
        ),
        ("api/v1/dossiers/<uuid:uuid>/notities", "get"): (m, f"{d}/notities", None),
        ("api/v1/dossiers/<uuid:uuid>/notities", "post"): (
            m,
            f"{d}/notities",
            {
                "sectie": "notities",
                "soort": "client_visie",
                "bron": {"soort": "client"},
                "geverifieerd": False,
                "tekst": "Lisa wil geen hulp.",
            },
        ),
        ("api/v1/dossiers/<uuid:uuid>/clientverklaringen", "post"): (
            m,
            f"{d}/clientverklaringen",
            {"notitie": str(casus.mening.uuid), "persoon": lisa, "tekst": "Ik trek me niet terug."},
        ),
        ("api/v1/dossiers/<uuid:uuid>/zrm-scores", "get"): (m, f"{d}/zrm-scores", None),
        ("api/v1/dossiers/<uuid:uuid>/zrm-scores", "post"): (
            m,
            f"{d}/zrm-scores",
            {
                "persoon": lisa,
                "domein": "dagbesteding",
                "niveau": 2,
                "onderbouwing": "Verzuimt 3 dagen per week.",
                "besprokenMetClient": True,
            },
        ),
        ("api/v1/dossiers/<uuid:uuid>/plannen", "get"): (m, f"{d}/plannen", None),
        ("api/v1/dossiers/<uuid:uuid>/plannen", "post"): (
            m,
            f"{d}/plannen",
            {"doelen": ["Weer naar school"]},
        ),
        ("api/v1/dossiers/<uuid:uuid>/plannen/<uuid:plan_uuid>/_vaststellen", "post"): (
            m,
            f"{d}/plannen/{casus.plan.uuid}/_vaststellen",
            {"metClientAfgesprokenOp": vandaag},
        ),
        ("api/v1/dossiers/<uuid:uuid>/verwijzingen", "get"): (m, f"{d}/verwijzingen", None),
        ("api/v1/dossiers/<uuid:uuid>/verwijzingen", "post"): (
            m,
            f"{d}/verwijzingen",
            {
                "verwijzer": {"naam": "Huisartsenpraktijk De Linde"},
                "reden": "Zorgen over verzuim",
                "besprokenMetClient": True,
                "clientAkkoord": True,
            },
        ),
        ("api/v1/dossiers/<uuid:uuid>/instemmingen", "post"): (
            m,
            f"{d}/instemmingen",
            {"persoon": lisa, "gegeven": True, "datum": vandaag},
        ),
        ("api/v1/dossiers/<uuid:uuid>/kaderwijzigingen", "get"): (m, f"{d}/kaderwijzigingen", None),
        ("api/v1/dossiers/<uuid:uuid>/kaderwijzigingen", "post"): (
            m,
            f"{d}/kaderwijzigingen",
            {
                "kader": "drang",
                "datum": vandaag,
                "reden": "Afspraken met school",
                "grondslag": "Jeugdwet art. 2.3",
                "clientGeinformeerd": True,
            },
        ),
        ("api/v1/dossiers/<uuid:uuid>/toewijzingen", "get"): (lg, f"{d}/toewijzingen", None),
        ("api/v1/dossiers/<uuid:uuid>/toewijzingen", "post"): (
            lg,
            f"{d}/toewijzingen",
            {"gebruiker": f"http://testserver/api/v1/gebruikers/{lg.uuid}", "rol": "casusteam"},
        ),
        ("api/v1/dossiers/<uuid:uuid>/toewijzingen/<uuid:toewijzing_uuid>", "delete"): (
            lg,
            f"{d}/toewijzingen/{toewijzing.uuid}",
            None,
        ),
        ("api/v1/dossiers/<uuid:uuid>/notities/<uuid:notitie_uuid>/_verbergen", "post"): (
            m,
            f"{d}/notities/{casus.mening.uuid}/_verbergen",
            {
                "persoon": lisa,
                "reden": "Veiligheid",
                "reviewdatum": (dt.date.today() + dt.timedelta(days=30)).isoformat(),
            },
        ),
        ("api/v1/dossiers/<uuid:uuid>/notities/<uuid:notitie_uuid>/_markeren", "post"): (
            m,
            f"{d}/notities/{casus.mening.uuid}/_markeren",
            {"persoon": lisa, "reden": "In het belang van Lisa"},
        ),
        ("api/v1/dossiers/<uuid:uuid>/veiligheidsbeoordelingen", "get"): (
            m,
            f"{d}/veiligheidsbeoordelingen",
            None,
        ),
        ("api/v1/dossiers/<uuid:uuid>/veiligheidsbeoordelingen", "post"): (
            m,
            f"{d}/veiligheidsbeoordelingen",
            {
                "risicotaxatie": "Zorgen over veiligheid thuis",
                "meldcodestap": 1,
                "geconsulteerd": {
                    "gebruiker": f"http://testserver/api/v1/gebruikers/{lg.uuid}",
                    "datum": vandaag,
                },
            },
        ),
        ("api/v1/dossiers/<uuid:uuid>/teambesprekingen", "post"): (
            m,
            f"{d}/teambesprekingen",
            {"datum": vandaag, "aanwezigen": [f"http://testserver/api/v1/gebruikers/{regio.collega.uuid}"]},
        ),
        ("api/v1/dossiers/<uuid:uuid>/samenvatting", "get"): (m, f"{d}/samenvatting", None),
        ("api/v1/dossiers/<uuid:uuid>/audittrail", "get"): (regio.fg, f"{d}/audittrail", None),
        ("api/v1/zorgsignalen", "get"): (m, z, None),
        ("api/v1/zorgsignalen", "post"): (
            m,
            z,
            {
                "team": regio.team.code,
                "ontvangenOp": vandaag,
                "kanaal": "mail",
                "melder": {"naam": "School"},
                "zorg": "Verzuim",
            },
        ),
        ("api/v1/zorgsignalen/<uuid:uuid>", "get"): (m, f"{z}/{zs[0].uuid}", None),
        ("api/v1/zorgsignalen/<uuid:uuid>", "patch"): (m, f"{z}/{zs[0].uuid}", {"persoon": lisa}),
        ("api/v1/zorgsignalen/<uuid:uuid>/_beoordelen", "post"): (
            m,
            f"{z}/{zs[1].uuid}/_beoordelen",
            {"ernst": "hoog"},
        ),
        ("api/v1/zorgsignalen/<uuid:uuid>/_afwijzen", "post"): (m, f"{z}/{zs[2].uuid}/_afwijzen", {}),
        ("api/v1/zorgsignalen/<uuid:uuid>/_omzetten", "post"): (m, f"{z}/{zs[3].uuid}/_omzetten", {}),
        ("api/v1/dossiers/<uuid:uuid>/noodtoegangen", "post"): (
            regio.collega,
            f"/api/v1/dossiers/{nieuw.uuid}/noodtoegangen",
            {
                "reden": "De verwijzer meldt concrete bedreigingen van de partner met geweld.",
                "dreigingVoor": ["gezin"],
            },
        ),
    }


def test_every_operation_has_an_example(regio):
    known = set(voorbeelden(regio)) | set(VRIJGESTELD)
    for prefixen, module, functie in APP_VOORBEELDEN:
        # each app's examples on a fresh region: they may create the same one-per-controller records
        with transaction.atomic():
            eigen = set(_app_voorbeelden(module, functie)(regio))
            transaction.set_rollback(True)
        vergeet_caches()  # what they cached (keys, the connection's tenancy) was rolled back
        assert all(route.startswith(prefixen) for route, _m in eigen), (
            f"{module}: examples of its routes only"
        )
        known |= eigen
    missing = {(route, method) for route, _v, method in ENDPOINTS} - known
    assert not missing, f"add an audit example for {sorted(missing)}"


def _groep(route: str) -> str:
    """The example provider of a route: its app's module, or "kern" for the shared examples."""
    for prefixen, module, _functie in APP_VOORBEELDEN:
        if route.startswith(prefixen):
            return module
    return "kern"


OPERATIES = sorted({(r, m) for r, _v, m in ENDPOINTS} - set(VRIJGESTELD))
GROEPEN = sorted({_groep(route) for route, _m in OPERATIES})


@pytest.mark.parametrize("groep", GROEPEN)
def test_au_02_operation_writes_complete_audit_entries(regio, api, subtests, groep):
    """GP-01, AU-01, AU-02, AU-09: every operation, reads included, writes complete entries; a person access
    names its grant.

    The examples of a group are built once; each operation runs in a savepoint that is rolled back, so it
    sees them exactly as built (building them per operation made this the slowest test of the suite)."""
    operaties = [op for op in OPERATIES if _groep(op[0]) == groep]
    examples = voorbeelden_voor(regio, operaties[0][0])
    for operatie in operaties:
        with subtests.test(operatie=operatie), transaction.atomic():
            _controleer_operatie(api, operatie, *examples[operatie])
            transaction.set_rollback(True)
        vergeet_caches()  # what the operation cached (keys, tenancy, VI settings) was rolled back


def _controleer_operatie(api, operatie, user, path, body) -> None:
    before = AuditRegel.objects.count()
    client = api(user)
    method = operatie[1]
    r = client.get(path) if method == "get" else getattr(client, method)(path, body or {}, format="json")
    assert 200 <= r.status_code < 300, (operatie, r.status_code, r.content[:300])
    new = list(AuditRegel.objects.order_by("id")[before:])
    assert new, f"{operatie} wrote no audit entry"
    for e in new:
        assert e.status == "uitgevoerd"
        assert len(e.trace_id) == 32 and len(e.span_id) == 16
        assert e.verwerkingsactiviteit and e.actie and e.doel and e.grondslag in "abcdef"
        if e.kanaal == "systeem":
            # the platform's own follow-up in the same request, e.g. an incoming request's drafts in the
            # asked organisation's dossiers (SH-06): only where the operation is listed here
            assert operatie in SYSTEEM_VERVOLG, operatie
            continue
        assert e.actor_gebruiker == str(user.uuid) and e.actor_organisatie and e.kanaal == "ui"
        assert e.namens.get("organisatie") == str(user.organisatie.uuid)
        if e.object_type in {"personen.persoon", "personen.huishouden", "personen.relatie"}:
            assert e.betrokkene, f"{operatie}: person entry without subject pseudonym"
            assert e.toegang, f"{operatie}: person access without grant (AU-09)"
        if (
            e.object_type in {"toestemmingen.toestemming", "verstrekkingen.deelbesluit"}
            and e.status == "uitgevoerd"
        ):
            assert e.betrokkene, f"{operatie}: entry without subject pseudonym"
        if e.object_type == "dossiers.dossier":
            assert e.betrokkene, f"{operatie}: dossier entry without subject pseudonym"
            beheer = {
                "dossier.toegewezen",
                "dossier.toewijzingen_ingezien",
                "dossier.toewijzing_beeindigd",
                "dossier.sluiting_bevestigd",
                "dossier.gezocht",  # a break-glass candidate: existence only, no grant yet (AC-11)
                "audit.doorzocht",  # the dossier's log read by the FG, not its content (AU-05)
            }
            assert e.toegang or e.actie in beheer, f"{operatie}: dossier access without grant (AU-09)"
        assert BSN_SAM not in str(e.chain_fields())


def test_w3c_traceparent_is_accepted_and_propagated(regio, api):
    """AU-02: the caller's trace id goes into the audit entries and comes back in the response."""
    trace = "4bf92f3577b34da6a3ce929d0e0e4736"
    r = api(regio.medewerker).post(
        "/api/v1/personen",
        {"geslachtsnaam": "T", "bsnOntbreektReden": "t"},
        format="json",
        HTTP_TRACEPARENT=f"00-{trace}-00f067aa0ba902b7-01",
    )
    assert r.status_code == 201
    assert r["traceparent"].startswith(f"00-{trace}-")
    assert set(AuditRegel.objects.values_list("trace_id", flat=True)) == {trace}
    bad = api(regio.medewerker).get(
        "/api/v1/personen/00000000-0000-4000-8000-000000000000",
        HTTP_TRACEPARENT=f"00-{trace}-00f067aa0ba902b7-01",
    )
    assert bad.json()["traceId"] == trace
