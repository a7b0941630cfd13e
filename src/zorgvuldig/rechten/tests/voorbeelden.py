"""Examples for the generic API tests (audit per operation): rights requests in every state (API §2.8)."""

from __future__ import annotations

import datetime as dt

from zorgvuldig.personen.services import registreer_persoon
from zorgvuldig.rechten import services


def verzoek(regio, gebruiker=None, persoon=None):
    """A request received from an adult about themself, by the given user's organisation."""
    gebruiker = gebruiker or regio.medewerker
    actor = regio.actor(gebruiker)
    persoon = persoon or registreer_persoon(
        actor=actor,
        data={"geslachtsnaam": "Smit", "bsn_ontbreekt_reden": "t", "geboortedatum": dt.date(1980, 1, 1)},
    )
    return services.registreer(
        actor=actor, data={"soort": "inzage", "persoon": persoon.uuid, "hoedanigheid": "zelf"}
    )


def verzoek_voorbeelden(regio):
    """(route, method) → (user, path, body) of a successful request, for every /verzoeken operation."""
    m, lg = regio.medewerker, regio.leidinggevende
    fatima, marieke = regio.actor(m), regio.actor(lg)
    mandaat = str(lg.mandaten.get(soort="verzoeken_besluiten").uuid)
    rijen = [verzoek(regio) for _ in range(5)]
    for rij in rijen[1:]:
        services.verifieer(actor=fatima, uuid=rij.uuid, identiteit=True, hoedanigheid=True)
    for rij in rijen[2:]:
        services.beoordeel(actor=marieke, uuid=rij.uuid)
    besluit = {"uitkomst": "toegewezen", "redenen": "Alles.", "mandaat": mandaat}
    for rij in rijen[3:]:
        services.besluit(actor=marieke, uuid=rij.uuid, data=besluit)
    services.voer_uit(actor=marieke, uuid=rijen[4].uuid, data={})
    nieuw, geverifieerd, behandeling, besloten, uitgevoerd = (f"/api/v1/verzoeken/{r.uuid}" for r in rijen)
    return {
        ("api/v1/verzoeken", "get"): (m, "/api/v1/verzoeken", None),
        ("api/v1/verzoeken", "post"): (
            m,
            "/api/v1/verzoeken",
            {
                "soort": "inzage",
                "betrokkene": {"persoon": f"http://testserver/api/v1/personen/{rijen[0].persoon.uuid}"},
                "hoedanigheid": "zelf",
            },
        ),
        ("api/v1/verzoeken/_zoek", "post"): (m, "/api/v1/verzoeken/_zoek", {"bsn": "111222333"}),
        ("api/v1/verzoeken/<uuid:uuid>", "get"): (m, nieuw, None),
        ("api/v1/verzoeken/<uuid:uuid>", "patch"): (m, nieuw, {"toelichting": "Ook de verwijsindex."}),
        ("api/v1/verzoeken/<uuid:uuid>/_verifieren", "post"): (
            m,
            f"{nieuw}/_verifieren",
            {"identiteitGecontroleerd": True, "hoedanigheidGecontroleerd": True},
        ),
        ("api/v1/verzoeken/<uuid:uuid>/_beoordelen", "post"): (lg, f"{geverifieerd}/_beoordelen", {}),
        ("api/v1/verzoeken/<uuid:uuid>/_verlengen", "post"): (
            lg,
            f"{behandeling}/_verlengen",
            {"maanden": 1, "redenen": "Gegevens bij meer organisaties."},
        ),
        ("api/v1/verzoeken/<uuid:uuid>/_besluiten", "post"): (lg, f"{behandeling}/_besluiten", besluit),
        ("api/v1/verzoeken/<uuid:uuid>/_uitvoeren", "post"): (lg, f"{besloten}/_uitvoeren", {}),
        ("api/v1/verzoeken/<uuid:uuid>/_afsluiten", "post"): (lg, f"{uitgevoerd}/_afsluiten", {}),
        ("api/v1/verzoeken/<uuid:uuid>/overzicht", "get"): (lg, f"{uitgevoerd}/overzicht", None),
        ("api/v1/verzoeken/<uuid:uuid>/audittrail", "get"): (regio.fg, f"{nieuw}/audittrail", None),
    }
