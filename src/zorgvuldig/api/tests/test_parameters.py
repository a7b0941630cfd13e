"""Query parameters (API §1.2): a GET takes only its declared filters (besides page, pageSize, expand and
format), a filter with a closed list only its values, and the schema documents exactly those filters.

A mistyped filter used to answer with the whole collection on most lists, as if it had filtered."""

from __future__ import annotations

import re

import pytest
import yaml

from zorgvuldig.api.permissions import scope_van
from zorgvuldig.api.tests.test_toegangsmatrix import ENDPOINTS, ROLLEN
from zorgvuldig.api.views import OPENAPI
from zorgvuldig.core.context import Actor
from zorgvuldig.personen.models import Persoon
from zorgvuldig.personen.services import registreer_persoon

pytestmark = pytest.mark.django_db

LIJSTEN = [(route, view) for route, view, method in ENDPOINTS if method == "get" and "<" not in route]


def _client_met_antwoord(regio, clients, route, view):
    """A client of a role for which the bare GET answers 200 (scope, undertaking and grants in place)."""
    for rol in ROLLEN:
        if not Actor.voor(getattr(regio, rol)).heeft(scope_van(view(), "get")):
            continue
        if clients[rol].get(f"/{route}").status_code == 200:
            return clients[rol]
    return None


def _fout(r, naam: str) -> dict:
    assert r.status_code == 400, r.content
    body = r.json()
    assert body["code"] == "E_INVALID_INPUT"
    return next(p for p in body["invalidParams"] if p["name"] == naam)


def test_every_collection_refuses_an_unknown_parameter_and_a_value_outside_its_list(regio, api, subtests):
    getest = 0
    clients = {rol: api(getattr(regio, rol)) for rol in ROLLEN}
    for route, view in LIJSTEN:
        with subtests.test(route=route):
            client = _client_met_antwoord(regio, clients, route, view)
            if client is None:
                continue  # no demo role reads it bare (e.g. the audit log without an AC-09 grant)
            getest += 1
            assert _fout(client.get(f"/{route}?statsu=actief"), "statsu")["code"] == "unknown"
            for f in view.filters:
                if f.enum:
                    assert _fout(client.get(f"/{route}?{f.name}=geen-waarde"), f.name)["code"] == "invalid"
                    r = client.get(f"/{route}?{f.name}={f.enum[0]}")
                    assert r.status_code == 200, (route, f.name, r.content)
            # the generic parameters stay accepted everywhere
            assert client.get(f"/{route}?format=json").status_code == 200
    assert getest >= 40, getest  # the test reached the collections, not only refusals


def test_the_schema_documents_exactly_the_filters_a_get_accepts():
    """openapi.yaml (committed, diffed in CI) lists per GET the declared filters plus the generic ones."""
    schema = yaml.safe_load(OPENAPI.read_text())
    algemeen = {"page", "pageSize", "expand", "format"}
    for route, view, method in ENDPOINTS:
        if method != "get":
            continue
        pad = "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)
        operatie = schema["paths"][pad]["get"]
        gedocumenteerd = {p["name"] for p in operatie.get("parameters", []) if p["in"] == "query"}
        assert gedocumenteerd - algemeen == {f.name for f in view.filters}, pad


def test_an_item_answers_404_before_its_parameters_are_judged(regio, api):
    """API §1.4: an invisible record is 404 whatever the query string; a visible one refuses the parameter."""
    eigen = registreer_persoon(
        actor=regio.actor(regio.medewerker), data={"geslachtsnaam": "Eigen", "bsn_ontbreekt_reden": "test"}
    )
    ander = registreer_persoon(
        actor=regio.actor(regio.leraar), data={"geslachtsnaam": "Ander", "bsn_ontbreekt_reden": "test"}
    )
    client = api(regio.medewerker)
    assert _fout(client.get(f"/api/v1/personen/{eigen.uuid}?velden=bsn"), "velden")["code"] == "unknown"
    r = client.get(f"/api/v1/personen/{ander.uuid}?velden=bsn")
    assert r.status_code == 404 and r.json()["code"] == "E_NOT_FOUND"


def test_a_write_with_a_query_parameter_is_refused_and_stores_nothing(regio, api):
    """A filter on a POST means the caller mistook the call: 400, and no person is registered."""
    client = api(regio.medewerker)
    voor = Persoon.objects.count()
    r = client.post(
        "/api/v1/personen?status=actief",
        {"geslachtsnaam": "Nieuw", "bsnOntbreektReden": "onbekend"},
        format="json",
    )
    assert _fout(r, "status")["code"] == "unknown"
    assert Persoon.objects.count() == voor


def test_vi_01_the_index_names_its_rule_when_a_filter_is_tried(regio, api):
    """VI-01: no search of the index; the refusal says why, not only that the parameter is unknown."""
    r = api(regio.medewerker).get("/api/v1/signalen?geboortedatum=2012-01-01")
    assert _fout(r, "geboortedatum")["code"] == "unknown"
    assert "VI-01" in r.json()["detail"]


def test_a_sub_item_answers_404_before_its_parameters_are_judged(regio, api):
    """API §1.4 for a path with two uuids: a missing version of a visible activity is 404, not 400."""
    fg = api(regio.fg)
    activiteit = fg.get("/api/v1/verwerkingsactiviteiten").json()["results"][0]["url"]
    r = fg.get(f"{activiteit}/versies/00000000-0000-4000-8000-000000000000?velden=alles")
    assert r.status_code == 404 and r.json()["code"] == "E_NOT_FOUND"
