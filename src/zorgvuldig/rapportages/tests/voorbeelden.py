"""Examples of the report routes for the generated API tests (api/tests/test_toegangsmatrix.py,
api/tests/test_audit_per_operatie.py)."""

from __future__ import annotations

RAPPORT_ROUTES = ("api/v1/rapportages",)
RAPPORTEN = ("verwijsindex", "dossiers", "deelbesluiten", "verzoeken", "casusoverleggen", "datalekken")


def objecten(regio) -> dict:
    """The report routes have no item paths (no uuid: RP-02, no drill-down), so no objects."""
    return {}


def rapport_voorbeelden(regio) -> dict:
    """(route, method) → (user, path, body) of a successful request: the FG reads each report; each read
    writes one `rapportage.ingezien` entry for the activity `rapportage` (RP-01, AU-02)."""
    return {
        (f"api/v1/rapportages/{naam}", "get"): (regio.fg, f"/api/v1/rapportages/{naam}", None)
        for naam in RAPPORTEN
    }
