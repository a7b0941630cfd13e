"""Generated: every API operation that processes personal data writes audit entries with the AU-02 fields,
and an access to a person names the grant that allowed it (AU-01, AU-02, AU-09).

A new endpoint fails `test_every_operation_has_an_example` until it gets an example here.
"""

from __future__ import annotations

import datetime as dt

import pytest

from zorgvuldig.api.tests.test_toegangsmatrix import ENDPOINTS
from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.conftest import BSN_SAM, als_systeem, partner_token
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
    ("api/v1/gebruikers", "get"): "medewerkers van de eigen organisatie, geen betrokkenen",
    ("api/v1/gebruikers/<uuid:uuid>", "get"): "medewerker van de eigen organisatie",
    ("api/v1/api-tokens", "get"): "configuratie (het geheim staat er niet in)",
    ("api/v1/api-tokens/<uuid:uuid>", "get"): "configuratie",
    ("api/v1/rapportages/verwijsindex", "get"): "geanonimiseerde aantallen, kleine cellen onderdrukt (RP-02)",
    ("api/v1/uittredingen", "get"): "technische status per uitgetreden organisatie, geen betrokkenen (VI-25)",
    ("api/v1/uittredingen/<uuid:uuid>", "get"): "technische status (VI-25)",
}


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
    token, _ = partner_token(regio)
    from zorgvuldig.verwijsindex.tests.hulp import Scenario, deelnemer_van, json_verantwoording

    vi = Scenario(regio)
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
                "naam": "schoolsysteem",
                "organisatie": f"http://testserver/api/v1/organisaties/{regio.school.uuid}",
                "scopes": ["signaal:registreren"],
                "geldigTot": (dt.date.today() + dt.timedelta(days=30)).isoformat(),
            },
        ),
        ("api/v1/api-tokens/<uuid:uuid>/_intrekken", "post"): (
            regio.beheerder,
            f"/api/v1/api-tokens/{token.uuid}/_intrekken",
            None,
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
        ("api/v1/gebruikersprofiel/geheimhoudingsverklaring", "post"): (
            regio.collega,
            "/api/v1/gebruikersprofiel/geheimhoudingsverklaring",
            {"versie": "2026-1"},
        ),
    }


def test_every_operation_has_an_example(regio):
    known = set(voorbeelden(regio)) | set(VRIJGESTELD)
    missing = {(route, method) for route, _v, method in ENDPOINTS} - known
    assert not missing, f"add an audit example for {sorted(missing)}"


@pytest.mark.parametrize("operatie", sorted({(r, m) for r, _v, m in ENDPOINTS} - set(VRIJGESTELD)))
def test_au_02_operation_writes_complete_audit_entries(regio, api, operatie):
    """GP-01, AU-01, AU-02, AU-09: every operation, reads included, writes complete entries; a person access
    names its grant."""
    user, path, body = voorbeelden(regio)[operatie]
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
        assert e.actor_gebruiker == str(user.uuid) and e.actor_organisatie and e.kanaal == "ui"
        assert e.namens.get("organisatie") == str(user.organisatie.uuid)
        if e.object_type in {"personen.persoon", "personen.huishouden", "personen.relatie"}:
            assert e.betrokkene, f"{operatie}: person entry without subject pseudonym"
            assert e.toegang, f"{operatie}: person access without grant (AU-09)"
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
