"""Access matrix generated from the URL conf: every endpoint × role × own/other organisation.

AC-06, AC-14, AC-15 and API §1.4: the declared scope is enforced for every role; a record of another
organisation answers 404 exactly like a missing one; the admin registers no content model.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib import admin
from django.db import transaction
from django.urls import URLPattern, get_resolver

from zorgvuldig.api.permissions import SCOPE_WEIGERING, scope_van
from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.conftest import aanmelden, als_systeem, partner_token, vergeet_caches
from zorgvuldig.core.context import Actor
from zorgvuldig.personen.services import registreer_persoon
from zorgvuldig.toegang import policies
from zorgvuldig.toegang.models import Toegang

pytestmark = pytest.mark.django_db

ROLLEN = ["medewerker", "leidinggevende", "beheerder", "vi_beheerder", "fg", "auditor"]
METHODS = ["get", "post", "patch", "delete"]


def api_endpoints():
    """(route, view class, method) for every API operation in the URL conf."""
    out = []
    for pattern in get_resolver().url_patterns:
        route = str(pattern.pattern)
        if not isinstance(pattern, URLPattern) or not route.startswith("api/v1/") or "openapi" in route:
            continue
        view = pattern.callback.view_class
        for method in METHODS:
            if hasattr(view, method):
                out.append((route, view, method))
    return out


ENDPOINTS = api_endpoints()


def test_every_endpoint_declares_a_known_scope():
    """DESIGN §5.3: every API action declares a scope from the one registry."""
    from zorgvuldig.toegang.scopes import SCOPES

    assert ENDPOINTS, "no API endpoints found"
    for route, view, method in ENDPOINTS:
        scope = scope_van(view(), method)
        assert scope == "publiek" or set(scope.split("|")) <= set(SCOPES), (route, method, scope)


def _objecten(regio):
    """One object per item path, of the own organisation (wijkteam) and of another (school)."""
    eigen_p = registreer_persoon(
        actor=regio.actor(regio.medewerker), data={"geslachtsnaam": "Eigen", "bsn_ontbreekt_reden": "test"}
    )
    ander_p = registreer_persoon(
        actor=regio.actor(regio.leraar), data={"geslachtsnaam": "Ander", "bsn_ontbreekt_reden": "test"}
    )
    als_systeem()
    eigen_t = Toegang.objects.get(object_id=eigen_p.pk, object_type="personen.persoon")
    ander_t = Toegang.objects.get(object_id=ander_p.pk, object_type="personen.persoon")
    from zorgvuldig.personen.services import registreer_huishouden

    eigen_h = registreer_huishouden(
        actor=regio.actor(regio.medewerker), naam="E", leden=[{"persoon": eigen_p.uuid}]
    )
    ander_h = registreer_huishouden(
        actor=regio.actor(regio.leraar), naam="A", leden=[{"persoon": ander_p.uuid}]
    )
    token, _ = partner_token(regio, regio.wijkteam)
    ander_token, _ = partner_token(regio)  # the school's: another controller's key (AC-15)
    from zorgvuldig.verwijsindex.tests.hulp import Scenario

    vi = Scenario(regio)
    from zorgvuldig.dossiers.tests.hulp import Casus

    casus = Casus(regio)
    delen = _delen(regio, casus)
    from zorgvuldig.casusoverleg.tests.hulp import Tafel
    from zorgvuldig.casusoverleg.tests.voorbeelden import bij_de_school

    tafel = Tafel(regio)
    tafelcasus = tafel.aanmelding()  # the worker registered it and is its procesregisseur
    school_type, school_casus = bij_de_school(regio, tafel.convenant)
    from zorgvuldig.rechten.tests.voorbeelden import verzoek

    eigen_v, ander_v = verzoek(regio, persoon=eigen_p), verzoek(regio, regio.leraar, ander_p)
    from zorgvuldig.bewaren.tests.voorbeelden import objecten as bewaar_objecten

    # retention rows of the two dossiers, a rule and a destruction list per controller, a sweep
    bewaren = bewaar_objecten(regio, casus)
    # registers, breaches, agreements, access alerts, monitoring exports: each app's own examples
    from importlib import import_module

    per_app = {}
    for app in (
        "registers",
        "convenanten",
        "datalekken",
        "monitoring",
        "toegangsbewaking",
        "organisaties",
        "werkvoorraad",
    ):
        per_app.update(import_module(f"zorgvuldig.{app}.tests.voorbeelden").objecten(regio))
    als_systeem()
    eigen_a = AuditRegel.objects.filter(object_uuid=str(eigen_p.uuid)).first()
    ander_a = AuditRegel.objects.filter(object_uuid=str(ander_p.uuid)).first()
    # the match notices' register entries: one the wijkteam disclosed, one the school did (SH-16)
    from zorgvuldig.verstrekkingen.models import Verstrekking

    eigen_vs = Verstrekking.objects.filter(organisatie=regio.wijkteam).first()
    ander_vs = Verstrekking.objects.filter(organisatie=regio.school).first()
    return {
        "verstrekkingen": (eigen_vs.uuid, ander_vs.uuid),
        "personen": (eigen_p.uuid, ander_p.uuid),
        "toegangen": (eigen_t.uuid, ander_t.uuid),
        "auditregels": (eigen_a.uuid, ander_a.uuid),
        "huishoudens": (eigen_h.uuid, ander_h.uuid),
        # the wijkteam worker's signal and the school's; a match she is in and one she is not (VI-01)
        "signalen": (vi.eigen.uuid, vi.ander.uuid),
        "matches": (vi.match.uuid, vi.andere_match.uuid),
        # a dossier of the worker's own team and one of the school's care team (AC-02, AC-15)
        "dossiers": (casus.dossier.uuid, casus.ander.uuid),
        "zorgsignalen": (casus.zorgsignaal.uuid, casus.ander_zorgsignaal.uuid),
        # a consent and a sharing decision in the worker's dossier, and in the school's
        "toestemmingen": (delen["toestemming"], delen["ander_toestemming"]),
        "deelbesluiten": (delen["deelbesluit"], delen["ander_deelbesluit"]),
        # a table type of the wijkteam and one of the school; a case at the wijkteam's table and one
        # hosted by the school (CT-16, AC-15)
        "overlegtypen": (tafel.type.uuid, school_type.uuid),
        "casusoverleggen": (tafelcasus.uuid, school_casus.uuid),
        # a request the worker registered and one of the school (SPEC §9 "Visibility")
        "verzoeken": (eigen_v.uuid, ander_v.uuid),
        **bewaren,
        **per_app,
        # regional technical status for the VI-beheerder: "other organisation" does not apply
        "uittredingen": (vi.toetreding_derde.uuid, None),
        # configuration is readable by all staff: "other organisation" does not apply
        "organisaties": (regio.wijkteam.uuid, None),
        "verwerkingsverantwoordelijken": (regio.gemeente.uuid, None),
        # the regional beheerder manages every organisation's credentials, users and teams (API §2.1);
        # own-organisation user lists are tested in organisaties/tests/test_api_tokens.py, users and
        # teams of another organisation in organisaties/tests/test_api_gebruikers_teams.py
        "api-tokens": (token.uuid, ander_token.uuid),
        "gebruikers": (regio.medewerker.uuid, None),
        "teams": (regio.team.uuid, None),
    }


def _delen(regio, casus):
    """A consent and a sharing decision of the wijkteam's dossier and of the school's."""
    from zorgvuldig.toestemmingen import services as ts
    from zorgvuldig.verstrekkingen import deelbesluiten as db

    def paar(gebruiker, dossier, persoon):
        t, _ = ts.registreer(
            actor=regio.actor(gebruiker),
            betrokkene_uuid=persoon.uuid,
            dossier_uuid=dossier.uuid,
            data={
                "soort": "overig",
                "status": "gevraagd",
                "doel": "casusoverleg",
                "ontvangers": [{"naam": "School"}],
                "gegevenscategorieen": ["verzuim"],
                "datum": dt.date.today(),
            },
        )
        d = db.maak(
            actor=regio.actor(gebruiker),
            dossier_uuid=dossier.uuid,
            data={
                "richting": "verstrekken",
                "ontvanger": {"naam": "Huisarts"},
                "ontvanger_type": "wgbo_zorg",
            },
            antwoorden_={},
        )
        return t.uuid, d.uuid

    eigen = paar(regio.medewerker, casus.dossier, casus.lisa)
    ander = paar(regio.leraar, casus.ander, casus.leerling)
    return {
        "toestemming": eigen[0],
        "deelbesluit": eigen[1],
        "ander_toestemming": ander[0],
        "ander_deelbesluit": ander[1],
    }


def _pad(route, uuid):
    """Fill the item uuid; a nested item's own uuid is filled with the same value (it does not exist)."""
    return "/" + re.sub(r"<uuid:\w+>", str(uuid), route)


def _call(client, method, path):
    return getattr(client, method)(path, {}, format="json") if method != "get" else client.get(path)


def test_ac_14_declared_scope_is_enforced_per_role(regio, api, subtests):
    """API §1.4, AC-06, AC-14, AC-15: the example objects are built once; each role (and an anonymous caller)
    then calls every operation in a savepoint that is rolled back, so each sees them as built."""
    objecten = _objecten(regio)
    with subtests.test(rol="anoniem"), transaction.atomic():
        _anoniem(api, objecten)
        transaction.set_rollback(True)
    vergeet_caches()
    for rol in ROLLEN:
        with subtests.test(rol=rol), transaction.atomic():
            _per_rol(regio, api, objecten, rol)
            transaction.set_rollback(True)
        vergeet_caches()


def _anoniem(api, objecten):
    """API §1.4: no credential → 401 E_UNAUTHENTICATED on every operation."""
    for route, _view, method in ENDPOINTS:
        uuid = objecten.get(route.split("/")[2], (None, None))[0]
        r = _call(api(), method, _pad(route, uuid))
        assert r.status_code == 401, (route, method, r.status_code)
        assert r.json()["code"] == "E_UNAUTHENTICATED"


def _per_rol(regio, api, objecten, rol):
    """AC-06, AC-14: a role without the scope is refused (beheerder: E_AC_ADMIN_CONTENT; item path: 404);
    a role with it is never refused for lack of scope; another organisation's record is 404."""
    gebruiker = getattr(regio, rol)
    actor = Actor.voor(gebruiker)
    client = api(gebruiker)
    for route, view, method in ENDPOINTS:
        scope = scope_van(view(), method)
        resource = route.split("/")[2]
        item = "<uuid:" in route
        eigen, ander = objecten.get(resource, (None, None))
        r = _call(client, method, _pad(route, eigen))
        body = r.json() if r.get("Content-Type", "").endswith("json") else {}
        if scope == "publiek" or actor.heeft(scope):
            assert not (r.status_code == 403 and body.get("detail") == SCOPE_WEIGERING.format(scope=scope)), (
                route,
                method,
            )
            assert r.status_code != 401
            if item and ander is not None:
                other = _call(client, method, _pad(route, ander))
                assert other.status_code == 404, (route, method, rol, other.status_code)
                assert other.json()["code"] == "E_NOT_FOUND"
        else:
            verwacht = policies.weigering_zonder_scope(actor.rollen, scope, item)
            assert body.get("code") == verwacht, (route, method, rol, r.status_code, body)
            assert r.status_code == (404 if verwacht == "E_NOT_FOUND" else 403)


PERSOONLIJKE_CATEGORIEEN = {
    "identificerend",
    "bsn",
    "adres",
    "contact",
    "vrije_tekst",
    "gevoelig",
    "relatie",
    "bijzonder",
    "strafrechtelijk",
    "verstrekking",
    "pseudoniem",
}  # client content


def test_ac_06_admin_registers_no_content_model():
    """AC-06: the Django admin serves configuration only."""
    assert admin.site._registry, "the admin should serve configuration"
    for model in admin.site._registry:
        categorieen = set(getattr(model, "DATACATEGORIEEN", {}).values())
        assert not categorieen & PERSOONLIJKE_CATEGORIEEN, model


@pytest.mark.parametrize("rol", ROLLEN)
def test_ac_06_admin_only_for_the_beheerder(regio, client, rol):
    gebruiker = getattr(regio, rol)
    client.force_login(gebruiker)
    # the password alone does not open the admin, for anyone (AC-13: two factors): to the code step
    for pad in ("/admin/", "/admin/login/", "/admin/organisaties/organisatie/"):
        r = client.get(pad)
        assert r.status_code == 302 and r["Location"].startswith("/inloggen?volgende=%2Fadmin%2F"), pad
    aanmelden(client, gebruiker)
    r = client.get("/admin/")
    if rol == "beheerder":
        assert r.status_code == 200
        assert b"Verwerkingsverantwoordelijke" in r.content or b"verwerkingsverantwoordelijke" in r.content
        assert client.get("/admin/personen/persoon/").status_code == 404
        assert client.get("/admin/login/").status_code == 302  # signed in already: on to the index
    else:
        # any other role: the same "not found" as a page that does not exist, not "signed in, not allowed"
        def zonder_trace(r) -> dict:
            return {k: v for k, v in r.json().items() if k != "traceId"}

        ontbreekt = zonder_trace(client.get("/bestaat-niet"))
        for pad in ("/admin/", "/admin/login/", "/admin/organisaties/organisatie/"):
            r = client.get(pad)
            assert r.status_code == 404 and zonder_trace(r) == ontbreekt, pad
            html = client.get(pad, HTTP_ACCEPT="text/html")
            assert html.status_code == 404 and "Django" not in html.content.decode(), pad
