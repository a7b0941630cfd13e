"""Reads of the registers."""

from __future__ import annotations

from zorgvuldig.registers.models import Dpia


def dpia_goedgekeurd(verwerkingsverantwoordelijke_id: int, activiteit: str) -> bool:
    """Whether the controller has an approved DPIA for the processing activity `activiteit` (RG-02).

    Gates that need one: VI criterion (l) (VI-23) and access-pattern monitoring (RP-06)."""
    return Dpia.objects.filter(
        verwerkingsverantwoordelijke_id=verwerkingsverantwoordelijke_id,
        verwerkingsactiviteit__code=activiteit,
        status=Dpia.Status.GOEDGEKEURD,
    ).exists()
