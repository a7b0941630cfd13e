"""Key rotation (ADR 0005): re-encrypt per controller, re-index the BSN blind index; resumable."""

from __future__ import annotations

from django.db import transaction

from zorgvuldig.audit import services as audit
from zorgvuldig.core import crypto
from zorgvuldig.core.context import Actor
from zorgvuldig.core.models import Datasleutel


def versleutelde_velden():
    """(model, field, table, column) of every field encrypted with a controller's data key."""
    from zorgvuldig.personen.models import Persoon

    return [(Persoon, "bsn_versleuteld", "personen_persoon", "bsn")]


def roteer_datasleutel(controller, *, nieuw: bool = True, batch: int = 500) -> dict:
    """Make a new data key (unless resuming) and re-encrypt every field still under an older version.

    Each batch commits on its own, so an interrupted run is resumed with `nieuw=False`.
    """
    actief = Datasleutel.nieuw(controller.pk) if nieuw else Datasleutel.voor(controller.pk)
    prefix = f"{crypto.PREFIX}:{actief.versie}:"
    herversleuteld = 0
    for model, veld, tabel, kolom in versleutelde_velden():
        while True:
            with transaction.atomic():
                rows = list(
                    model.objects.select_for_update()
                    .filter(verwerkingsverantwoordelijke=controller)
                    .exclude(**{veld: ""})
                    .exclude(**{f"{veld}__startswith": prefix})[:batch]
                )
                if not rows:
                    break
                for row in rows:
                    clear = crypto.decrypt(controller.pk, tabel, kolom, row.uuid, getattr(row, veld))
                    setattr(row, veld, crypto.encrypt(controller.pk, tabel, kolom, row.uuid, clear))
                model.objects.bulk_update(rows, [veld])
                herversleuteld += len(rows)
    with transaction.atomic():
        audit.record(
            actor=Actor.systeem(),
            actie="sleutel.geroteerd",
            activiteit="beheer-platform",
            velden=["datasleutel"],
            verwerkingsverantwoordelijke=str(controller.uuid),
            koppeling={"verwerkingsverantwoordelijke": str(controller.uuid), "versie": actief.versie},
        )
    return {
        "sleutel": f"{controller.code}:v{actief.versie}",
        "herversleuteld": herversleuteld,
        "resterend": 0,
    }


def roteer_blinde_index(*, nieuw: bool = True, batch: int = 500) -> dict:
    """Add a blind-index key version (unless resuming) and re-index every BSN under an older one."""
    from zorgvuldig.personen.models import Persoon
    from zorgvuldig.personen.selectors import bsn

    versie = crypto.add_blind_index_version() if nieuw else crypto.blind_index_version()
    prefix = f"{versie}:"
    herindex = 0
    while True:
        with transaction.atomic():
            rows = list(
                Persoon.objects.select_for_update()
                .exclude(bsn_index="")
                .exclude(bsn_index__startswith=prefix)[:batch]
            )
            if not rows:
                break
            for row in rows:
                row.bsn_index = crypto.blind_index(bsn(row) or "", versie)
            Persoon.objects.bulk_update(rows, ["bsn_index"])
            herindex += len(rows)
    with transaction.atomic():
        audit.record(
            actor=Actor.systeem(),
            actie="sleutel.geroteerd",
            activiteit="beheer-platform",
            velden=["blinde_index"],
            koppeling={"versie": versie},
        )
    return {"sleutel": f"blinde-index:v{versie}", "herversleuteld": herindex, "resterend": 0}
