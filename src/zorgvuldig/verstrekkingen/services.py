"""Writing disclosure entries (SH-16). Used by sharing decisions, allocations and VI match notices."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from zorgvuldig.audit import services as audit
from zorgvuldig.core.errors import DomainError, InvalidParam
from zorgvuldig.registers.catalogus import DOELEN
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
    grondslag: str | None = None,
    toegang=None,
    audit_doel: str | None = None,
) -> Verstrekking:
    """One entry per recipient: who got what, when, for which purpose, on which ground. `doel` is what the
    data is provided for (SH-16: a processing activity, or a purpose code); the audit entry names the
    processing (`activiteit`), its legal basis and grant, and links the origin (a sharing decision). The
    items' descriptions are free text: the register keeps them, the audit log only that data went
    (AU-06: references, not content). The audit entry's purpose: `audit_doel`, else `doel` when it is a
    purpose, else the activity's; it links the origin and the ground (G1–G8, AU-02)."""
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
        soort, _, sleutel = herkomst.partition(":")
        audit.record(
            actor=actor,
            actie="verstrekking.geregistreerd",
            activiteit=activiteit,
            object=entry,
            betrokkenen=[persoon],
            velden=["gegevens"],
            doel=audit_doel or (doel if doel in DOELEN else None),
            grondslag=grondslag,
            toegang=toegang,
            koppeling={**({soort: sleutel} if sleutel else {}), "grond": grond},
        )
    return entry


VI_GEGEVENS = ["betrokkenheid", "organisatie", "contactpersoon", "contactgegevens"]


def registreer_vi_verstrekkingen(*, herkomst: str, datum: dt.date, paren) -> list[Verstrekking]:
    """SH-16/VI-11: a match notice reveals each other signaler's involvement to its recipient: one entry
    per (disclosing signal, recipient) pair, owned by the disclosing organisation so its FG answers for it.

    `paren`: iterable of (disclosing signal, recipient user). Runs inside the match's transaction, which
    writes the notice's audit entry; the index knows the subject only by BSN, hence the disclosing
    signal's `bsn_index` (with family matching, VI-22, that youth may differ from the recipient's)."""
    rows = [
        Verstrekking(
            verwerkingsverantwoordelijke_id=bron.verwerkingsverantwoordelijke_id,
            organisatie_id=bron.organisatie_id,
            bron=Verstrekking.Bron.VI_MATCH,
            herkomst=herkomst,
            bsn_index=bron.bsn_index,
            ontvanger_organisatie_id=ontvanger.organisatie_id,
            ontvanger_naam=ontvanger.naam,
            datum=datum,
            gegevens=VI_GEGEVENS,
            doel="signalering",
            grond="g4_wettelijke_bevoegdheid",
        )
        for bron, ontvanger in paren
    ]
    return Verstrekking.objects.bulk_create(rows)
