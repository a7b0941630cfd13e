"""Examples for the API-wide tests (api/tests/test_toegangsmatrix.py, test_audit_per_operatie.py)."""

from __future__ import annotations

from zorgvuldig.conftest import partner_token
from zorgvuldig.werkvoorraad.selectors import taken_voor


def _sleutelherinnering(regio):
    """The beheerder's reminder of a key that expires in 10 days, and a task of the school's leraar (a
    rights request he handles): another user's task, for everyone in the matrix."""
    from zorgvuldig.rechten.tests.voorbeelden import verzoek

    partner_token(regio, dagen=10, naam="bijna-verlopen")
    verzoek(regio, regio.leraar)
    eigen = next(t for t in taken_voor(regio.actor(regio.beheerder)) if t.soort == "api_sleutel_verloopt")
    ander = next(t for t in taken_voor(regio.actor(regio.leraar)) if t.soort == "verzoek_besluiten")
    return eigen, ander


def objecten(regio) -> dict:
    eigen, ander = _sleutelherinnering(regio)
    return {"taken": (eigen.uuid, ander.uuid)}


def taken_voorbeelden(regio) -> dict:
    """(route, method) → (user, path, body); reading one's tasks is exempt (no client data)."""
    eigen, _ander = _sleutelherinnering(regio)
    return {
        ("api/v1/taken/<uuid:uuid>/_afronden", "post"): (
            regio.beheerder,
            f"/api/v1/taken/{eigen.uuid}/_afronden",
            None,
        ),
    }
