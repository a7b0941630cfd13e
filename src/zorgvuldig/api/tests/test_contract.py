"""The OpenAPI contract check that every test's API answers pass through (conftest `_openapi_contract`):
it notices an answer that does not fit, and the answers still typed as a bare object do not grow."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.http import JsonResponse

from zorgvuldig.api.tests import contract

ONGETYPEERD = Path(__file__).with_name("ongetypeerd.txt")


def test_an_answer_with_an_undeclared_field_or_a_wrong_type_fails_the_contract():
    signaal = "/api/v1/signalen/3f2a6a4e-0000-4000-8000-000000000000"
    assert contract.operatie(signaal) == "/api/v1/signalen/{uuid}"
    assert contract.operatie("/api/v1/dossiers/_zoek") == "/api/v1/dossiers/_zoek"
    goed = {"count": 0, "next": None, "previous": None, "results": [], "cursor": None}
    contract.controleer("GET", "/api/v1/matches", JsonResponse(goed))
    with pytest.raises(AssertionError, match="'geheim' was unexpected"):
        contract.controleer("GET", "/api/v1/matches", JsonResponse({**goed, "geheim": 1}))
    with pytest.raises(AssertionError, match="GET /api/v1/matches 200 at 'count'"):
        contract.controleer("GET", "/api/v1/matches", JsonResponse({**goed, "count": "nul"}))
    # an error answer is problem+json, checked elsewhere; a UI page is no API answer
    contract.controleer("GET", "/api/v1/matches", JsonResponse({"x": 1}, status=404))
    contract.controleer("GET", "/mijn/", JsonResponse({"x": 1}))


def test_no_new_answer_is_typed_as_a_bare_object():
    """Integrators generate clients from openapi.yaml: an answer typed `{"type": "object"}` tells them
    nothing. `ongetypeerd.txt` lists those left from before the contract check; a new operation must be
    typed, and one typed since leaves the list."""
    bekend = {r for r in ONGETYPEERD.read_text().splitlines() if r and not r.startswith("#")}
    nu = contract.ongetypeerd()
    assert not nu - bekend, f"untyped answers added: {sorted(nu - bekend)}"
    assert not bekend - nu, f"typed now, remove from ongetypeerd.txt: {sorted(bekend - nu)}"
