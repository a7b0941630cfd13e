"""Reads of consents, filtered by need-to-know: the case team of the dossier (SPEC §6 Visibility)."""

from __future__ import annotations

from zorgvuldig.core.clock import today
from zorgvuldig.toestemmingen.models import Toestemming

BIJZONDER = frozenset({"gezondheid", "strafrechtelijk"})  # SPEC §5 "S" as consent data categories


def dekt_bijzondere_gegevens(dossier, uuid) -> bool:
    """DS-10: an explicit consent of this dossier, given and valid today, covering special-category data."""
    rij = Toestemming.objects.filter(dossier=dossier, uuid=uuid, status="gegeven").first()
    if rij is None or not rij.uitdrukkelijk:
        return False
    if rij.geldig_tot is not None and rij.geldig_tot < today():
        return False
    return bool(BIJZONDER & set(rij.gegevenscategorieen or []))
