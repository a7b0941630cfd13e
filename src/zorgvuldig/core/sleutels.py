"""Key rotation (ADR 0005): re-encrypt per controller, re-index the BSN blind index; resumable."""

from __future__ import annotations

from django.db import transaction

from zorgvuldig.audit import services as audit
from zorgvuldig.core import crypto
from zorgvuldig.core.context import Actor
from zorgvuldig.core.models import Datasleutel

SUFFIX = "_versleuteld"


def versleutelde_velden():
    """(model, field, table, column) of every field encrypted with a controller's data key.

    Found, not listed: every `<column>_versleuteld` field of our models (the convention of
    `crypto.versleutel`), so a new encrypted field cannot be left under an old key. Plus the one field
    that does not follow the naming (a partner token's webhook secret)."""
    from django.apps import apps

    from zorgvuldig.organisaties.models import ApiToken
    from zorgvuldig.registers.datacategorieen import EIGEN_APPS

    velden = [(ApiToken, "webhook_geheim", ApiToken._meta.db_table, "webhook_geheim")]
    for model in apps.get_models():
        if model._meta.app_label not in EIGEN_APPS:
            continue
        for veld in model._meta.concrete_fields:
            if veld.name.endswith(SUFFIX):
                velden.append((model, veld.name, model._meta.db_table, veld.name.removesuffix(SUFFIX)))
    return velden


def _van_controller(model, controller):
    """The model's rows of the controller: its own column, or its organisation's (partner tokens)."""
    namen = {f.name for f in model._meta.concrete_fields}
    if "verwerkingsverantwoordelijke" in namen:
        return model.objects.filter(verwerkingsverantwoordelijke=controller)
    return model.objects.filter(organisatie__verwerkingsverantwoordelijke=controller)


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
                    _van_controller(model, controller)
                    .select_for_update(of=("self",))
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
