"""Processing-activity catalogue (GP-02, RG-01) and purposes."""

from __future__ import annotations

from django.db import models

from zorgvuldig.core.models import Basis
from zorgvuldig.registers.catalogus import GRONDSLAGEN


class Doel(Basis):
    code = models.SlugField(max_length=64, unique=True)
    omschrijving = models.CharField(max_length=300)
    actief = models.BooleanField(default=True)

    DATACATEGORIEEN = {
        **Basis.DATACATEGORIEEN,
        "code": "organisatorisch",
        "omschrijving": "organisatorisch",
        "actief": "organisatorisch",
    }
    BEWAARREGEL = "register"

    class Meta:
        verbose_name_plural = "doelen"

    def __str__(self) -> str:
        return self.omschrijving


class Verwerkingsactiviteit(Basis):
    """An entry of the verwerkingsregister; every audit entry maps to one (RG-01)."""

    code = models.SlugField(max_length=64, unique=True)
    naam = models.CharField(max_length=300)
    doel = models.ForeignKey(Doel, on_delete=models.PROTECT, related_name="activiteiten")
    grondslag = models.CharField(max_length=1, choices=sorted(GRONDSLAGEN.items()))
    bijzondere_categorieen = models.BooleanField(default=False)
    ontvangers = models.CharField(max_length=300, blank=True)
    gratis_direct_aan_minderjarige = models.BooleanField(default=False)  # CS-14
    verwerkingsverantwoordelijke = models.ForeignKey(
        "organisaties.Verwerkingsverantwoordelijke",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )  # null: a regional (joint) activity
    actief = models.BooleanField(default=True)

    DATACATEGORIEEN = {
        **Basis.DATACATEGORIEEN,
        "code": "organisatorisch",
        "naam": "organisatorisch",
        "doel": "organisatorisch",
        "grondslag": "organisatorisch",
        "bijzondere_categorieen": "organisatorisch",
        "ontvangers": "organisatorisch",
        "gratis_direct_aan_minderjarige": "organisatorisch",
        "verwerkingsverantwoordelijke": "organisatorisch",
        "actief": "organisatorisch",
    }
    BEWAARREGEL = "register"

    class Meta:
        verbose_name_plural = "verwerkingsactiviteiten"

    def __str__(self) -> str:
        return self.naam
