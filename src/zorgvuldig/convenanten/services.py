"""Writes on convenants (RG-04). The REST operations (`_activeren`, `_beeindigen`) call these."""

from __future__ import annotations

from django.db import transaction

from zorgvuldig.audit import services as audit
from zorgvuldig.convenanten import policies
from zorgvuldig.convenanten.models import Convenant
from zorgvuldig.core.errors import DomainError, InvalidParam


def _overgang(*, actor, convenant: Convenant, naar: str) -> Convenant:
    with transaction.atomic():
        convenant = Convenant.objects.select_for_update().get(pk=convenant.pk)
        if not policies.overgang_toegestaan(convenant.status, naar):
            raise DomainError(
                "E_STATE_CONFLICT",
                f"Een convenant met status {convenant.status} kan niet naar {naar} (RG-04).",
            )
        if naar == policies.ACTIEF:
            reden = policies.activering_weigering(convenant.inhoud())
            if reden:
                raise DomainError(
                    "E_RG_CONVENANT_INCOMPLETE",
                    reden,
                    [
                        InvalidParam(f"inhoud.{sleutel}", "required", "Dit onderdeel van RG-04 is leeg.")
                        for sleutel in policies.ontbrekende_onderdelen(convenant.inhoud())
                    ],
                )
        if convenant.status != naar:
            convenant.status = naar
            convenant.save(update_fields=["status", "gewijzigd"])
            # A convenant is regional (joint controllership): no single controller, every FG sees it.
            audit.record(
                actor=actor,
                actie="configuratie.gewijzigd",
                activiteit="beheer-platform",
                object=convenant,
                velden=["status"],
            )
    return convenant


def activeer(*, actor, convenant: Convenant) -> Convenant:
    """RG-04: only a convenant with all nine items filled comes into force."""
    return _overgang(actor=actor, convenant=convenant, naar=policies.ACTIEF)


def beeindig(*, actor, convenant: Convenant) -> Convenant:
    return _overgang(actor=actor, convenant=convenant, naar=policies.BEEINDIGD)
