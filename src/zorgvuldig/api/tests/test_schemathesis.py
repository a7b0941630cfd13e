"""Property-based API tests from the committed OpenAPI (fixed seed, bounded): no 5xx, responses conform.

Every operation in openapi.yaml is exercised, so later endpoints join automatically. Requests go through
the real WSGI stack with a real session and CSRF token, as two users (a medewerker and the FG).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

OPENAPI = Path(__file__).resolve().parents[4] / "openapi.yaml"
schema = schemathesis.openapi.from_path(str(OPENAPI))
# Generated input reaches the views as a signed-in user (both factors), so every case does real work; the
# systematic "coverage" phase (hundreds of boundary cases per operation) would take most of CI's budget:
# the explicit examples and a bounded, seeded fuzzing phase run instead.
schema.config.phases.coverage.enabled = False
CSRF = "schemathesisschemathesisschemat1"  # a 32-character CSRF secret, sent as cookie and header


@pytest.fixture
def wsgi_app():
    """The real WSGI app, but keeping the test's database connection open between requests (as Django's
    test client does), so every request runs inside the test transaction."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def sessies(regio):
    """Session cookies of two real logins with both factors (a password-only session is no API credential:
    every request would stop at 401 and the views would never see the generated input)."""
    from django.test import Client

    from zorgvuldig.conftest import aanmelden

    return {
        naam: aanmelden(Client(), user).cookies["sessionid"].value
        for naam, user in (("medewerker", regio.medewerker), ("fg", regio.fg))
    }


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=5, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
)
def test_api_never_answers_5xx_and_conforms(case, sessies, wsgi_app):
    for sessie in sessies.values():
        # the WSGI transport keeps its own cookie jar for "localhost" (a Cookie header would be dropped)
        response = case.call(
            app=wsgi_app,
            headers={"X-CSRFToken": CSRF},
            cookies={"sessionid": sessie, "csrftoken": CSRF},
            base_url="http://localhost",
        )
        assert response.status_code != 401, "the session must reach the view"
        case.validate_response(
            response,
            checks=[not_a_server_error, content_type_conformance, response_schema_conformance],
        )
