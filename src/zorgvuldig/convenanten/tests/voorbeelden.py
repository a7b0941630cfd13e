"""Examples for the generic API tests (access matrix): convenants and agreements (API §2.11)."""

from __future__ import annotations

import datetime as dt

from zorgvuldig.convenanten import policies
from zorgvuldig.convenanten.models import INHOUD_VELDEN, Convenant, Verwerkersovereenkomst
from zorgvuldig.core.clock import today

VOL = {INHOUD_VELDEN[k]: f"Afspraak over {k}." for k in policies.ONDERDEEL_SLEUTELS}


def verwerkersovereenkomst(
    vv, partij="Hosting BV", vanaf=dt.date(2026, 1, 1), tot=None
) -> Verwerkersovereenkomst:
    return Verwerkersovereenkomst.objects.create(
        verwerkingsverantwoordelijke=vv,
        partij=partij,
        reikwijdte="Hosting en beheer van het platform.",
        geldig_vanaf=vanaf,
        geldig_tot=tot,
    )


def objecten(regio) -> dict:
    """Per item resource: one visible to the wijkteam's FG and leidinggevende, and one of another
    controller (the school's). A convenant is regional (joint controllership): "other controller" does
    not apply."""
    convenant = Convenant.objects.create(code="voorbeeld-rg-04", naam="Voorbeeldconvenant", **VOL)
    return {
        "convenanten": (convenant.uuid, None),
        "overeenkomsten": (
            verwerkersovereenkomst(regio.gemeente).uuid,
            verwerkersovereenkomst(regio.school_vv, partij="Leerlingvolgsysteem BV").uuid,
        ),
    }


def convenant_voorbeelden(regio) -> dict:
    """(route, method) → (user, path, body) of a successful write, for the audit-per-operation test. The
    reads are configuration and registers without data subjects (VRIJGESTELD there)."""
    from zorgvuldig.convenanten.models import Toetreding

    concept = Convenant.objects.create(code="voorbeeld-concept", naam="Concept", **VOL)
    actief = Convenant.objects.create(code="voorbeeld-actief", naam="Actief", status="actief", **VOL)
    toetreding = Toetreding.objects.create(
        convenant=actief, organisatie=regio.school, datum=dt.date(2026, 1, 1)
    )
    overeenkomst = verwerkersovereenkomst(regio.gemeente)
    c, a = f"/api/v1/convenanten/{concept.uuid}", f"/api/v1/convenanten/{actief.uuid}"
    later = (today() + dt.timedelta(days=90)).isoformat()
    return {
        ("api/v1/convenanten", "post"): (regio.beheerder, "/api/v1/convenanten", {"naam": "Nieuw convenant"}),
        ("api/v1/convenanten/<uuid:uuid>", "patch"): (regio.fg, c, {"naam": "Concept, herzien"}),
        ("api/v1/convenanten/<uuid:uuid>/_activeren", "post"): (regio.beheerder, f"{c}/_activeren", {}),
        ("api/v1/convenanten/<uuid:uuid>/_beeindigen", "post"): (regio.fg, f"{a}/_beeindigen", {}),
        ("api/v1/convenanten/<uuid:uuid>/toetredingen", "post"): (
            regio.beheerder,
            f"{c}/toetredingen",
            {"organisatie": f"/api/v1/organisaties/{regio.wijkteam.uuid}", "datum": "2026-01-01"},
        ),
        ("api/v1/convenanten/<uuid:uuid>/toetredingen/<uuid:toetreding_uuid>", "patch"): (
            regio.beheerder,
            f"{a}/toetredingen/{toetreding.uuid}",
            {"einddatum": later},
        ),
        ("api/v1/overeenkomsten", "post"): (
            regio.fg,
            "/api/v1/overeenkomsten",
            {
                "soort": "verwerkersovereenkomst",
                "partij": "Archief Voorbeeld BV",
                "reikwijdte": "Digitale archivering.",
                "geldigVanaf": "2026-01-01",
            },
        ),
        ("api/v1/overeenkomsten/<uuid:uuid>", "patch"): (
            regio.fg,
            f"/api/v1/overeenkomsten/{overeenkomst.uuid}",
            {"geldigTot": later},
        ),
    }
