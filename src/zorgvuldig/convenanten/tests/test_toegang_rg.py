"""The access matrix (api/tests/test_toegangsmatrix.py) over this app's routes, until they are wired into
conf/urls.py: every role × operation, own and other controller (AC-14, AC-15, RG-04, RG-06)."""

from __future__ import annotations

import pytest

from zorgvuldig.api.permissions import SCOPE_WEIGERING, scope_van
from zorgvuldig.api.tests.test_toegangsmatrix import METHODS, ROLLEN, _call, _pad
from zorgvuldig.convenanten import api
from zorgvuldig.convenanten.tests.voorbeelden import objecten
from zorgvuldig.core.context import Actor
from zorgvuldig.toegang import policies

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    (f"api/v1/{p.pattern}", p.callback.view_class, m)
    for p in api.URLS
    for m in METHODS
    if hasattr(p.callback.view_class, m)
]


@pytest.mark.parametrize("rol", ROLLEN)
def test_rg_04_rg_06_declared_scope_is_enforced_per_role(regio, api, rol):
    gebruiker = getattr(regio, rol)
    actor = Actor.voor(gebruiker)
    voorbeelden = objecten(regio)
    client = api(gebruiker)
    for route, view, method in ENDPOINTS:
        scope = scope_van(view(), method)
        eigen, ander = voorbeelden[route.split("/")[2]]
        r = _call(client, method, _pad(route, eigen))
        body = r.json()
        if actor.heeft(scope):
            assert not (r.status_code == 403 and body.get("detail") == SCOPE_WEIGERING.format(scope=scope))
            assert r.status_code < 500, (route, method, rol, body)
            if "<uuid:" in route and ander is not None:
                other = _call(client, method, _pad(route, ander))
                assert other.status_code == 404 and other.json()["code"] == "E_NOT_FOUND", (
                    route,
                    method,
                    rol,
                )
        else:
            verwacht = policies.weigering_zonder_scope(actor.rollen, scope, "<uuid:" in route)
            assert body.get("code") == verwacht, (route, method, rol, r.status_code, body)


def test_unauthenticated_gets_401(regio, api):
    voorbeelden = objecten(regio)
    for route, _view, method in ENDPOINTS:
        r = _call(api(), method, _pad(route, voorbeelden[route.split("/")[2]][0]))
        assert r.status_code == 401 and r.json()["code"] == "E_UNAUTHENTICATED"


LEZEN_ZONDER_BETROKKENEN = {(route, m) for route, _v, m in ENDPOINTS if m == "get"}


def test_au_02_every_write_has_an_example_and_is_audited_completely(regio, api):
    """AU-01, AU-02 (as api/tests/test_audit_per_operatie.py): each write of these routes, done by its role,
    writes complete entries; the reads hold no data of data subjects."""
    from zorgvuldig.audit.models import AuditRegel
    from zorgvuldig.convenanten.tests.voorbeelden import convenant_voorbeelden

    voorbeelden = convenant_voorbeelden(regio)
    assert set(voorbeelden) | LEZEN_ZONDER_BETROKKENEN == {(route, m) for route, _v, m in ENDPOINTS}
    for (route, method), (user, pad, body) in voorbeelden.items():
        voor = AuditRegel.objects.count()
        r = getattr(api(user), method)(pad, body, format="json")
        assert 200 <= r.status_code < 300, (route, method, r.content[:300])
        nieuw = list(AuditRegel.objects.order_by("id")[voor:])
        assert nieuw, (route, method)
        for e in nieuw:
            assert e.status == "uitgevoerd" and e.kanaal == "ui" and e.actor_gebruiker == str(user.uuid)
            assert e.verwerkingsactiviteit and e.actie and e.doel and e.grondslag in "abcdef"
            assert e.namens.get("organisatie") == str(user.organisatie.uuid)
