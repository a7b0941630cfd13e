"""Examples for the generic API tests (access matrix): monitoring export definitions (API §2.12)."""

from __future__ import annotations

from zorgvuldig.monitoring import services
from zorgvuldig.monitoring.tests.hulp import (
    AFWEGING,
    MINDER,
    NOODZAAK,
    OORDEEL,
    VELDEN,
    als,
    definitie,
    goedgekeurd,
)

T = "http://testserver/api/v1"


def objecten(regio) -> dict:
    """An approved definition of the gemeente (the wijkteam is its recipient) and a concept of the school
    (another controller). An export is visible to its recipient only, so it has no entry of its own: the
    nested item path answers 404 to everyone in the matrix."""
    eigen = services.maak_definitie(
        actor=als(regio, regio.leidinggevende),
        naam="Doorlooptijden wijkteam",
        ontvanger=regio.wijkteam,
        doel="verantwoording",
        velden=["dossier.pseudoniem", "dossier.status"],
        noodzaak=NOODZAAK,
        afweging=AFWEGING,
        minder_ingrijpend=MINDER,
    )
    services.keur_goed(actor=als(regio, regio.fg), uuid=eigen.uuid, oordeel=OORDEEL)
    ander = services.maak_definitie(
        actor=als(regio, regio.school_lg),
        naam="Verzuim en zorg",
        ontvanger=regio.school,
        doel="kwaliteit",
        velden=["signaal.maand"],
    )
    return {"exportdefinities": (eigen.uuid, ander.uuid)}


def monitoring_voorbeelden(regio) -> dict:
    """(route, method) → (user, path, body) of a successful request, for every monitoring operation
    (API §2.12). The wijkteam is the recipient, so its leidinggevende both makes and fetches the export."""
    lg, fg = regio.leidinggevende, regio.fg
    concept = definitie(regio, regio.wijkteam)
    goed = goedgekeurd(regio, regio.wijkteam)
    in_te_trekken = goedgekeurd(regio, regio.wijkteam)
    export = services.maak_export(actor=als(regio, lg), uuid=goed.uuid)
    p = "/api/v1/exportdefinities"
    d = f"{p}/{goed.uuid}"
    return {
        ("api/v1/exportdefinities", "get"): (lg, p, None),
        ("api/v1/exportdefinities", "post"): (
            lg,
            p,
            {
                "naam": "Doorlooptijden per leeftijdsgroep",
                "ontvanger": f"{T}/organisaties/{regio.wijkteam.uuid}",
                "doel": "verantwoording",
                "velden": list(VELDEN),
                "proportionaliteit": {"noodzaak": NOODZAAK, "afweging": AFWEGING, "minderIngrijpend": MINDER},
            },
        ),
        ("api/v1/exportdefinities/<uuid:uuid>", "get"): (lg, d, None),
        ("api/v1/exportdefinities/<uuid:uuid>/_goedkeuren", "post"): (
            fg,
            f"{p}/{concept.uuid}/_goedkeuren",
            {"oordeel": OORDEEL},
        ),
        ("api/v1/exportdefinities/<uuid:uuid>/_intrekken", "post"): (
            lg,
            f"{p}/{in_te_trekken.uuid}/_intrekken",
            {},
        ),
        ("api/v1/exportdefinities/<uuid:uuid>/exporten", "get"): (lg, f"{d}/exporten", None),
        ("api/v1/exportdefinities/<uuid:uuid>/exporten", "post"): (lg, f"{d}/exporten", {}),
        ("api/v1/exportdefinities/<uuid:uuid>/exporten/<uuid:export_uuid>", "get"): (
            lg,
            f"{d}/exporten/{export.uuid}",
            None,
        ),
    }
