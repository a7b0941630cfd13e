"""Writing disclosure entries (SH-16). Used by sharing decisions, allocations and VI match notices."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from zorgvuldig.audit import services as audit
from zorgvuldig.core.errors import DomainError, InvalidParam
from zorgvuldig.verstrekkingen.models import Verstrekking

GRONDEN = {
    "g1_toestemming",
    "g2_medebehandeling",
    "g3_ouderinformatie",
    "g4_wettelijke_bevoegdheid",
    "g5_wettelijke_plicht",
    "g6_conflict_van_plichten",
    "g7_vitaal_belang",
    "g8_verenigbaar_doel",
}


@audit.geweigerd_gelogd("verstrekking.geregistreerd", "gegevensdeling")
def registreer_verstrekking(
    *,
    actor,
    persoon,
    bron: str,
    herkomst: str,
    datum: dt.date,
    gegevens: list[str],
    doel: str,
    grond: str,
    ontvanger_organisatie=None,
    ontvanger_naam: str = "",
    activiteit: str = "gegevensdeling",
) -> Verstrekking:
    """One entry per recipient: who got what, when, for which purpose, on which ground."""
    fouten = []
    if bron not in Verstrekking.Bron.values:
        fouten.append(InvalidParam("bron", "invalid", "Onbekende bron."))
    if grond not in GRONDEN:
        fouten.append(InvalidParam("grond", "invalid", "Onbekende grond (G1–G8)."))
    if ontvanger_organisatie is None and not ontvanger_naam:
        fouten.append(InvalidParam("ontvanger", "required", "Een ontvanger is verplicht."))
    if fouten:
        raise DomainError("E_INVALID_INPUT", "De verstrekking is onvolledig (SH-16).", fouten)
    with transaction.atomic():
        entry = Verstrekking.objects.create(
            verwerkingsverantwoordelijke_id=persoon.verwerkingsverantwoordelijke_id,
            organisatie_id=persoon.organisatie_id,
            bron=bron,
            herkomst=herkomst,
            persoon=persoon,
            ontvanger_organisatie=ontvanger_organisatie,
            ontvanger_naam=ontvanger_naam,
            datum=datum,
            gegevens=gegevens,
            doel=doel,
            grond=grond,
        )
        audit.record(
            actor=actor,
            actie="verstrekking.geregistreerd",
            activiteit=activiteit,
            object=entry,
            betrokkenen=[persoon],
            velden=gegevens,
            doel=doel,
        )
    return entry
