"""Examples for the generic API tests (access matrix, audit per operation): the retention API (API §2.9)."""

from __future__ import annotations

import datetime as dt

from zorgvuldig.bewaren import services
from zorgvuldig.bewaren.models import Bewaartermijn, Opschoonronde
from zorgvuldig.bewaren.tests.hulp import gesloten_dossier
from zorgvuldig.core import tenancy
from zorgvuldig.core.clock import now, today

T = "http://testserver/api/v1"
REDEN = "Zorgvuldige hulpverlening vraagt dit: broertje komt in zorg."


def _rij(obj) -> Bewaartermijn:
    from zorgvuldig.conftest import als_systeem

    als_systeem()
    return Bewaartermijn.objects.get(objecttype="dossiers.dossier", object_uuid=obj.uuid)


def objecten(regio, casus) -> dict:
    """Per item resource: one of the own organisation (wijkteam) and one of the school (another
    controller); a sweep is not any organisation's."""
    eigen_lijst = services.maak_lijst(actor=_als(regio, regio.leidinggevende), peildatum=today())
    ander_lijst = services.maak_lijst(actor=_als(regio, regio.school_lg), peildatum=today())
    ronde = Opschoonronde.objects.create(gestart=now(), beeindigd=now(), peildatum=today(), status="klaar")
    return {
        "bewaarregels": (
            services.regels_voor(regio.gemeente.pk)[0].uuid,
            services.regels_voor(regio.school_vv.pk)[0].uuid,
        ),
        "bewaartermijnen": (_rij(casus.dossier).uuid, _rij(casus.ander).uuid),
        "vernietigingslijsten": (eigen_lijst.uuid, ander_lijst.uuid),
        "opschoonrondes": (ronde.uuid, None),
    }


def _als(regio, gebruiker):
    actor = regio.actor(gebruiker)
    tenancy.activeer(actor)  # row security, as the API sets it per request
    return actor


def bewaar_voorbeelden(regio) -> dict:
    """(route, method) → (user, path, body) of a successful request, for every retention operation."""
    lg, fg, beheerder = regio.leidinggevende, regio.fg, regio.beheerder
    rij = _rij(gesloten_dossier(regio))
    due = _rij(gesloten_dossier(regio))
    Bewaartermijn.objects.filter(pk=due.pk).update(vervaldatum=today() - dt.timedelta(days=1))
    lijst = services.maak_lijst(actor=_als(regio, lg), peildatum=today())
    blokkade = services.blokkeer(
        actor=_als(regio, fg),
        uuid=rij.uuid,
        reden="klacht",
        einddatum=today() + dt.timedelta(days=30),
        toelichting="Klacht loopt bij de ombudsman.",
    )
    regel = next(r for r in services.regels_voor(regio.gemeente.pk) if r.code == "dossier")
    t = f"/api/v1/bewaartermijnen/{rij.uuid}"
    b = f"{t}/blokkades/{blokkade.uuid}"
    v = f"/api/v1/vernietigingslijsten/{lijst.uuid}"
    return {
        ("api/v1/bewaarregels/<uuid:uuid>", "patch"): (
            beheerder,
            f"/api/v1/bewaarregels/{regel.uuid}",
            {"archiefwaardig": {"categorie": "1.1.2"}},
        ),
        ("api/v1/bewaartermijnen", "get"): (lg, "/api/v1/bewaartermijnen", None),
        ("api/v1/bewaartermijnen/<uuid:uuid>", "get"): (lg, t, None),
        ("api/v1/bewaartermijnen/<uuid:uuid>/_verlengen", "post"): (
            lg,
            f"{t}/_verlengen",
            {"nieuweDatum": dt.date(rij.vervaldatum.year + 5, 1, 1).isoformat(), "reden": REDEN},
        ),
        ("api/v1/bewaartermijnen/<uuid:uuid>/blokkades", "get"): (fg, f"{t}/blokkades", None),
        ("api/v1/bewaartermijnen/<uuid:uuid>/blokkades", "post"): (
            fg,
            f"{t}/blokkades",
            {
                "reden": "wettelijke_plicht",
                "einddatum": (today() + dt.timedelta(days=60)).isoformat(),
                "toelichting": "Onderzoek van de inspectie loopt.",
            },
        ),
        ("api/v1/bewaartermijnen/<uuid:uuid>/blokkades/<uuid:blokkade_uuid>", "get"): (fg, b, None),
        ("api/v1/bewaartermijnen/<uuid:uuid>/blokkades/<uuid:blokkade_uuid>/_opheffen", "post"): (
            fg,
            f"{b}/_opheffen",
            {},
        ),
        ("api/v1/vernietigingslijsten", "get"): (lg, "/api/v1/vernietigingslijsten", None),
        ("api/v1/vernietigingslijsten", "post"): (
            lg,
            "/api/v1/vernietigingslijsten",
            {"peildatum": today().isoformat()},
        ),
        ("api/v1/vernietigingslijsten/<uuid:uuid>", "get"): (fg, v, None),
        ("api/v1/vernietigingslijsten/<uuid:uuid>/_beoordelen", "post"): (
            lg,
            f"{v}/_beoordelen",
            {
                "items": [
                    {
                        "termijn": f"{T}/bewaartermijnen/{due.uuid}",
                        "beoordeling": "bewaren",
                        "nieuweDatum": (today() + dt.timedelta(days=365)).isoformat(),
                        "reden": REDEN,
                    }
                ]
            },
        ),
        ("api/v1/vernietigingslijsten/<uuid:uuid>/_goedkeuren", "post"): (lg, f"{v}/_goedkeuren", {}),
        ("api/v1/vernietigingsbewijzen", "get"): (beheerder, "/api/v1/vernietigingsbewijzen", None),
    }
