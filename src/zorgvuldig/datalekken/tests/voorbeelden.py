"""Items of the data-breach register for the access-matrix test (api/tests/test_toegangsmatrix.py)."""

from __future__ import annotations

from zorgvuldig.datalekken.tests.hulp import datalek, vreemd_datalek


def objecten(regio) -> dict:
    """`datalekken`: a breach of the wijkteam's controller (visible to its FG and leidinggevende) and one
    of the school's controller."""
    eigen = str(datalek(regio).uuid)
    return {"datalekken": (eigen, str(vreemd_datalek(regio).uuid))}


def datalek_voorbeelden(regio) -> dict:
    """(route, method) → (user, path, body) of a successful request, for every operation of
    /api/v1/datalekken (for api/tests/test_audit_per_operatie.py)."""
    import datetime as dt

    from zorgvuldig.core import tenancy
    from zorgvuldig.core.clock import now, today
    from zorgvuldig.datalekken import services

    fg, lg = regio.fg, regio.leidinggevende
    actor = regio.actor(fg)
    tenancy.activeer(actor)
    afbakening = {
        "afbakening": {
            "account": regio.medewerker,
            "vanaf": now() - dt.timedelta(days=1),
            "tot": now() + dt.timedelta(hours=1),
            "ontvanger": None,
        }
    }
    open_ = datalek(regio, **afbakening)
    beoordeeld = datalek(regio, risico="risico")
    services.beoordeel(actor=actor, uuid=beoordeeld.uuid)
    gemeld = datalek(regio, risico="risico")
    services.beoordeel(actor=actor, uuid=gemeld.uuid)
    services.besluit(actor=actor, uuid=gemeld.uuid, melden=True, betrokkenen_informeren=True)
    services.informeer(actor=actor, uuid=gemeld.uuid, datum=today(), wijze="brief", aantal=3)
    te_informeren = datalek(regio, risico="hoog_risico")
    services.beoordeel(actor=actor, uuid=te_informeren.uuid)
    services.besluit(actor=actor, uuid=te_informeren.uuid, melden=True, betrokkenen_informeren=True)
    d = "/api/v1/datalekken"
    return {
        ("api/v1/datalekken", "get"): (lg, d, None),
        ("api/v1/datalekken", "post"): (
            fg,
            d,
            {
                "ontdektOp": (now() - dt.timedelta(hours=1)).isoformat(),
                "omschrijving": "Brief verkeerd bezorgd.",
            },
        ),
        ("api/v1/datalekken/<uuid:uuid>", "get"): (lg, f"{d}/{open_.uuid}", None),
        ("api/v1/datalekken/<uuid:uuid>", "patch"): (
            fg,
            f"{d}/{open_.uuid}",
            {"maatregelen": "Adres gecontroleerd."},
        ),
        ("api/v1/datalekken/<uuid:uuid>/_beoordelen", "post"): (
            fg,
            f"{d}/{open_.uuid}/_beoordelen",
            {"risico": "geen"},
        ),
        ("api/v1/datalekken/<uuid:uuid>/_besluiten", "post"): (
            fg,
            f"{d}/{beoordeeld.uuid}/_besluiten",
            {"melden": True, "betrokkenenInformeren": False},
        ),
        ("api/v1/datalekken/<uuid:uuid>/_informeren", "post"): (
            fg,
            f"{d}/{te_informeren.uuid}/_informeren",
            {"datum": today().isoformat(), "wijze": "brief", "aantal": 3},
        ),
        ("api/v1/datalekken/<uuid:uuid>/_afsluiten", "post"): (fg, f"{d}/{gemeld.uuid}/_afsluiten", {}),
        ("api/v1/datalekken/<uuid:uuid>/_analyseren", "post"): (fg, f"{d}/{open_.uuid}/_analyseren", {}),
    }
