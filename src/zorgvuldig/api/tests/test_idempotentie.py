"""Idempotency-Key (API §1.6) and the Verwerkingsdoel header (GP-02)."""

from __future__ import annotations

import pytest

from zorgvuldig.conftest import als_systeem
from zorgvuldig.core.models import IdempotentVerzoek
from zorgvuldig.personen.models import Persoon

pytestmark = pytest.mark.django_db
BODY = {"geslachtsnaam": "Jansen", "bsnOntbreektReden": "test"}


def _aantal_personen():
    als_systeem()
    return Persoon.objects.count()


def test_same_key_and_body_replays_without_processing_again(regio, api):
    client = api(regio.medewerker)
    first = client.post("/api/v1/personen", BODY, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    second = client.post("/api/v1/personen", BODY, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == second.status_code == 201
    assert second["Idempotent-Replayed"] == "true"
    assert second.json() == first.json()
    assert _aantal_personen() == 1


def test_same_key_other_body_is_409_and_changes_nothing(regio, api):
    client = api(regio.medewerker)
    client.post("/api/v1/personen", BODY, format="json", HTTP_IDEMPOTENCY_KEY="k-2")
    r = client.post(
        "/api/v1/personen", {**BODY, "geslachtsnaam": "Anders"}, format="json", HTTP_IDEMPOTENCY_KEY="k-2"
    )
    assert r.status_code == 409 and r.json()["code"] == "E_IDEMPOTENCY_CONFLICT"
    assert _aantal_personen() == 1


def test_key_is_per_caller(regio, api):
    api(regio.medewerker).post("/api/v1/personen", BODY, format="json", HTTP_IDEMPOTENCY_KEY="gedeeld")
    r = api(regio.collega).post("/api/v1/personen", BODY, format="json", HTTP_IDEMPOTENCY_KEY="gedeeld")
    assert r.status_code == 201 and "Idempotent-Replayed" not in r
    assert _aantal_personen() == 2


def test_running_request_blocks_a_duplicate(regio, api):
    """Same key and body while the first call has no stored answer yet (still running) → 409."""
    client = api(regio.medewerker)
    client.post("/api/v1/personen", BODY, format="json", HTTP_IDEMPOTENCY_KEY="loopt")
    IdempotentVerzoek.objects.filter(sleutel="loopt").update(klaar=False, antwoord="")
    r = client.post("/api/v1/personen", BODY, format="json", HTTP_IDEMPOTENCY_KEY="loopt")
    assert r.status_code == 409 and r.json()["code"] == "E_IDEMPOTENCY_CONFLICT"
    assert _aantal_personen() == 1


def test_stored_answer_is_encrypted(regio, api):
    api(regio.medewerker).post("/api/v1/personen", BODY, format="json", HTTP_IDEMPOTENCY_KEY="k-3")
    row = IdempotentVerzoek.objects.get(sleutel="k-3")
    assert row.klaar and row.antwoord.startswith("zv1:") and "Jansen" not in row.antwoord


def test_overlong_key_is_400(regio, api):
    r = api(regio.medewerker).post("/api/v1/personen", BODY, format="json", HTTP_IDEMPOTENCY_KEY="x" * 256)
    assert r.status_code == 400
    assert _aantal_personen() == 0


def test_gp_02_wrong_purpose_header_is_refused(regio, api):
    """GP-02: a Verwerkingsdoel that is not this endpoint's purpose is 400 E_NO_PURPOSE, nothing stored."""
    client = api(regio.medewerker)
    r = client.post("/api/v1/personen", BODY, format="json", HTTP_VERWERKINGSDOEL="rapportage")
    assert r.status_code == 400 and r.json()["code"] == "E_NO_PURPOSE"
    assert _aantal_personen() == 0
    ok = client.post("/api/v1/personen", BODY, format="json", HTTP_VERWERKINGSDOEL="ondersteuning")
    assert ok.status_code == 201
