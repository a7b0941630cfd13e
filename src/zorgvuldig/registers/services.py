"""Writes to the registers."""

from __future__ import annotations

import time

from zorgvuldig.core.errors import DomainError
from zorgvuldig.registers.catalogus import ACTIVITEITEN, DOELEN
from zorgvuldig.registers.models import Doel, Verwerkingsactiviteit


def synchroniseer_catalogus(**_kwargs) -> None:
    """Keep the shipped purposes and activities in the database (post_migrate)."""
    doelen = {}
    for code, omschrijving in DOELEN.items():
        doelen[code], _ = Doel.objects.update_or_create(code=code, defaults={"omschrijving": omschrijving})
    for code, (naam, doel, grondslag, bijzonder, ontvangers, gratis) in ACTIVITEITEN.items():
        Verwerkingsactiviteit.objects.update_or_create(
            code=code,
            defaults={
                "naam": naam,
                "doel": doelen[doel],
                "grondslag": grondslag,
                "bijzondere_categorieen": bijzonder,
                "ontvangers": ontvangers,
                "gratis_direct_aan_minderjarige": gratis,
            },
        )
    _cache.clear()


CACHE_SECONDEN = 60  # an FG's change to the catalogue reaches every process within a minute
_cache: dict[str, tuple[float, tuple[str, str, str] | None]] = {}


def _activiteit(code: str) -> tuple[str, str, str] | None:
    hit = _cache.get(code)
    if hit is not None and time.monotonic() - hit[0] < CACHE_SECONDEN:
        return hit[1]
    row = Verwerkingsactiviteit.objects.filter(code=code, actief=True).select_related("doel").first()
    found = (row.code, row.doel.code, row.grondslag) if row else None
    _cache[code] = (time.monotonic(), found)
    return found


def vergeet_cache() -> None:
    _cache.clear()


def activiteit(code: str | None) -> tuple[str, str, str]:
    """(code, purpose, legal basis) of an active processing activity, or refuse E_NO_PURPOSE (GP-02)."""
    found = _activiteit(code) if code else None
    if found is None:
        raise DomainError(
            "E_NO_PURPOSE", "Deze verwerking heeft geen (actieve) verwerkingsactiviteit (GP-02)."
        )
    return found
