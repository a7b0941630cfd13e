"""The outbox (DESIGN §4 "Outbox"): a notification is a row written in the event's own transaction.

The worker delivers it at least once (`bezorging`); the `Message-ID` is fixed at placement, so a message
sent twice after a crash is recognisably the same message. Status is derived at read time.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

from zorgvuldig.core.models import Basis


class Soort(models.TextChoices):
    EMAIL = "email", "E-mail"
    WEBHOOK = "webhook", "Webhook (partnersysteem)"


class Status(models.TextChoices):
    WACHTEND = "wachtend", "Wachtend"
    VERZONDEN = "verzonden", "Verzonden"
    MISLUKT = "mislukt", "Mislukt"


class BerichtQuerySet(models.QuerySet):
    def wachtend(self) -> BerichtQuerySet:
        return self.filter(verzonden_op__isnull=True, pogingen__lt=settings.BERICHTEN_MAX_POGINGEN)

    def mislukt(self) -> BerichtQuerySet:
        return self.filter(verzonden_op__isnull=True, pogingen__gte=settings.BERICHTEN_MAX_POGINGEN)

    def te_bezorgen(self, moment: dt.datetime) -> BerichtQuerySet:
        return self.wachtend().filter(volgende_poging_op__lte=moment)


class Bericht(Basis):
    soort = models.CharField(max_length=16, choices=Soort.choices, default=Soort.EMAIL)
    aan = models.EmailField(blank=True)  # e-mail only
    # Webhook only: where to POST, and the partner credential whose secret signs it (HMAC).
    url = models.URLField(max_length=500, blank=True)
    api_token = models.ForeignKey(
        "organisaties.ApiToken", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # For an in-app inbox later; the address above is what was actually used.
    gebruiker = models.ForeignKey(
        "organisaties.Gebruiker", null=True, blank=True, on_delete=models.SET_NULL, related_name="berichten"
    )
    onderwerp = models.CharField(max_length=255)
    tekst = models.TextField(blank=True)  # wiped after delivery: it may hold a one-time link
    sleutel = models.CharField(max_length=255, unique=True)  # idempotency key of the placing event
    message_id = models.CharField(max_length=255, unique=True)
    pogingen = models.PositiveIntegerField(default=0)
    volgende_poging_op = models.DateTimeField(db_index=True)
    verzonden_op = models.DateTimeField(null=True, blank=True)
    fout = models.CharField(max_length=200, blank=True)  # exception type only: messages can hold addresses

    objects = BerichtQuerySet.as_manager()

    DATACATEGORIEEN = {
        **Basis.DATACATEGORIEEN,
        "soort": "technisch",
        "aan": "medewerker",
        "url": "organisatorisch",
        "api_token": "organisatorisch",
        "gebruiker": "organisatorisch",
        "onderwerp": "vrije_tekst",
        "tekst": "vrije_tekst",
        "sleutel": "technisch",
        "message_id": "technisch",
        "pogingen": "technisch",
        "volgende_poging_op": "technisch",
        "verzonden_op": "technisch",
        "fout": "technisch",
    }
    BEWAARREGEL = "bericht"

    class Meta:
        verbose_name = "bericht"
        verbose_name_plural = "berichten"

    @property
    def status(self) -> Status:
        if self.verzonden_op is not None:
            return Status.VERZONDEN
        if self.pogingen >= settings.BERICHTEN_MAX_POGINGEN:
            return Status.MISLUKT
        return Status.WACHTEND
