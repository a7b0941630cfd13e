"""Writes on organisations and users."""

from __future__ import annotations

from django.db import transaction

from zorgvuldig.audit import services as audit
from zorgvuldig.core.clock import today


def aanvaard_verklaring(*, actor, versie: str) -> None:
    """AC-07: the confidentiality undertaking, accepted before first access to personal data."""
    with transaction.atomic():
        g = actor.gebruiker
        g.geheimhoudingsverklaring_op = today()
        g.geheimhoudingsverklaring_versie = versie
        g.save(update_fields=["geheimhoudingsverklaring_op", "geheimhoudingsverklaring_versie", "gewijzigd"])
        audit.record(
            actor=actor,
            actie="configuratie.gewijzigd",
            activiteit="beheer-platform",
            object=g,
            velden=["geheimhoudingsverklaring_op"],
        )
