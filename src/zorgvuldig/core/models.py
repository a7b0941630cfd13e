"""Shared model plumbing: the protected-row base class and the controllers' data keys."""

from __future__ import annotations

import uuid

from django.db import models

from zorgvuldig.core import crypto


class Basis(models.Model):
    """uuid for URLs (never the id), creation and change times."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    aangemaakt = models.DateTimeField(auto_now_add=True)
    gewijzigd = models.DateTimeField(auto_now=True)

    DATACATEGORIEEN = {
        "id": "technisch",
        "uuid": "technisch",
        "aangemaakt": "technisch",
        "gewijzigd": "technisch",
    }

    class Meta:
        abstract = True


def eigenaar(model: str, db_index: bool = True) -> models.ForeignKey:
    """Beschermd's controller or organisation column. A model whose composite index in Meta starts with
    that column overrides it with `db_index=False`: a second index on it would only cost writes."""
    return models.ForeignKey(model, on_delete=models.PROTECT, related_name="+", db_index=db_index)


class Beschermd(Basis):
    """A protected row: it belongs to one controller and one organisation (AC-15).

    Selectors filter on these columns and PostgreSQL row-level security enforces the same (ADR 0002).
    """

    verwerkingsverantwoordelijke = eigenaar("organisaties.Verwerkingsverantwoordelijke")
    organisatie = eigenaar("organisaties.Organisatie")

    DATACATEGORIEEN = {
        **Basis.DATACATEGORIEEN,
        "verwerkingsverantwoordelijke": "organisatorisch",
        "organisatie": "organisatorisch",
    }

    class Meta:
        abstract = True


class Datasleutel(models.Model):
    """A controller's data key, wrapped by the KEK from the key file (never stored in clear)."""

    verwerkingsverantwoordelijke = models.ForeignKey(
        "organisaties.Verwerkingsverantwoordelijke",
        on_delete=models.PROTECT,
        related_name="datasleutels",
        db_index=False,
    )
    versie = models.PositiveIntegerField()
    gewrapt = models.TextField()
    actief = models.BooleanField(default=True)
    aangemaakt = models.DateTimeField(auto_now_add=True)

    DATACATEGORIEEN = {
        "id": "technisch",
        "verwerkingsverantwoordelijke": "organisatorisch",
        "versie": "technisch",
        "gewrapt": "sleutel",
        "actief": "technisch",
        "aangemaakt": "technisch",
    }
    BEWAARREGEL = "sleutel"

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["verwerkingsverantwoordelijke", "versie"], name="uniek_sleutelversie"
            )
        ]

    @classmethod
    def voor(cls, controller_id: int, versie: int | None = None) -> Datasleutel:
        """The requested version, or the active one; a controller gets its first key on first use."""
        qs = cls.objects.select_related("verwerkingsverantwoordelijke").filter(
            verwerkingsverantwoordelijke_id=controller_id
        )
        if versie is not None:
            return qs.get(versie=versie)
        row = qs.filter(actief=True).order_by("-versie").first()
        return row or cls.nieuw(controller_id)

    @classmethod
    def nieuw(cls, controller_id: int) -> Datasleutel:
        from django.db import transaction

        from zorgvuldig.organisaties.models import Verwerkingsverantwoordelijke

        with transaction.atomic():
            controller = Verwerkingsverantwoordelijke.objects.select_for_update().get(pk=controller_id)
            last = cls.objects.filter(verwerkingsverantwoordelijke=controller).order_by("-versie").first()
            versie = (last.versie + 1) if last else 1
            cls.objects.filter(verwerkingsverantwoordelijke=controller).update(actief=False)
            key = crypto.AESGCM.generate_key(bit_length=256)
            crypto.vergeet_actieve_versie(controller_id)
            return cls.objects.create(
                verwerkingsverantwoordelijke=controller,
                versie=versie,
                gewrapt=crypto.wrap_data_key(str(controller.uuid), versie, key),
            )


class IdempotentVerzoek(models.Model):
    """A POST with an Idempotency-Key (API §1.6): replayed for 24 h, never processed twice.

    The stored response may hold personal data, so it is encrypted with the caller's controller key
    and kept only 24 hours.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    beller = models.CharField(max_length=120)  # user uuid, or token + acting user
    sleutel = models.CharField(max_length=255)
    verzoek_hash = models.CharField(max_length=64)
    klaar = models.BooleanField(default=False)
    status = models.PositiveSmallIntegerField(null=True)
    antwoord = models.TextField(blank=True)  # encrypted JSON
    verwerkingsverantwoordelijke_id_ref = models.BigIntegerField()
    aangemaakt = models.DateTimeField(auto_now_add=True, db_index=True)

    DATACATEGORIEEN = {
        "id": "technisch",
        "uuid": "technisch",
        "beller": "technisch",
        "sleutel": "technisch",
        "verzoek_hash": "technisch",
        "klaar": "technisch",
        "status": "technisch",
        "antwoord": "vrije_tekst",
        "verwerkingsverantwoordelijke_id_ref": "technisch",
        "aangemaakt": "technisch",
    }
    BEWAARREGEL = "idempotentie"

    class Meta:
        constraints = [models.UniqueConstraint(fields=["beller", "sleutel"], name="uniek_idempotentie")]
