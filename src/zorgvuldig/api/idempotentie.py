"""Idempotency-Key on POST (API §1.6): same key and body → the stored response is replayed; a different
body, or the first call still running → 409 E_IDEMPOTENCY_CONFLICT. Kept 24 hours, per caller. A field a
view marks as shown once (`response.eenmalig`, e.g. an API key's secret) is not stored: a replay omits it."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from rest_framework.response import Response

from zorgvuldig.core import crypto
from zorgvuldig.core.clock import now
from zorgvuldig.core.errors import DomainError, InvalidParam
from zorgvuldig.core.models import IdempotentVerzoek

BEWAAR = dt.timedelta(hours=24)
TABEL = "core_idempotentverzoek"


class Herhaling(Exception):
    def __init__(self, response: Response):
        self.response = response


def _hash(request) -> str:
    return hashlib.sha256(
        request.method.encode() + b" " + request.path.encode() + b"\n" + request.body
    ).hexdigest()


def reserveer(request, actor) -> IdempotentVerzoek | None:
    """Claim the key before processing. Raises Herhaling (replay) or DomainError (conflict, bad key)."""
    sleutel = request.headers.get("Idempotency-Key")
    if sleutel is None or request.method != "POST":
        return None
    if not (1 <= len(sleutel) <= 255) or not sleutel.isprintable():
        raise DomainError(
            "E_INVALID_INPUT",
            "Idempotency-Key heeft 1 tot 255 tekens.",
            [InvalidParam("Idempotency-Key", "invalid", "1–255 zichtbare tekens.")],
        )
    beller = str(actor.gebruiker.uuid) + "|" + str(actor.namens.get("apiToken", ""))
    digest = _hash(request)
    IdempotentVerzoek.objects.filter(beller=beller, sleutel=sleutel, aangemaakt__lt=now() - BEWAAR).delete()
    try:
        with transaction.atomic():
            return IdempotentVerzoek.objects.create(
                beller=beller,
                sleutel=sleutel,
                verzoek_hash=digest,
                verwerkingsverantwoordelijke_id_ref=actor.verwerkingsverantwoordelijke_id,
            )
    except IntegrityError:
        pass
    bestaand = IdempotentVerzoek.objects.filter(beller=beller, sleutel=sleutel).first()
    if bestaand is None or bestaand.verzoek_hash != digest or not bestaand.klaar:
        raise DomainError(
            "E_IDEMPOTENCY_CONFLICT",
            "Deze Idempotency-Key hoort bij een ander verzoek of dat verzoek loopt nog (API §1.6).",
        )
    clear = crypto.decrypt(
        bestaand.verwerkingsverantwoordelijke_id_ref, TABEL, "antwoord", bestaand.uuid, bestaand.antwoord
    )
    status = bestaand.status or 200
    response = Response(json.loads(clear), status=status, headers={"Idempotent-Replayed": "true"})
    if status >= 400:
        response.content_type = "application/problem+json"
    raise Herhaling(response)


def bewaar(verzoek: IdempotentVerzoek, response) -> None:
    """Store a finished response; a server error frees the key so the client can retry."""
    if response.status_code >= 500:
        IdempotentVerzoek.objects.filter(pk=verzoek.pk).delete()
        return
    data = response.data
    eenmalig = getattr(response, "eenmalig", ())
    if eenmalig and isinstance(data, dict):
        # a secret shown once (an API key) is never kept for a replay: the replay answers without it
        data = {k: v for k, v in data.items() if k not in eenmalig}
    tekst = json.dumps(data, cls=DjangoJSONEncoder)
    verzoek.antwoord = crypto.encrypt(
        verzoek.verwerkingsverantwoordelijke_id_ref, TABEL, "antwoord", verzoek.uuid, tekst
    )
    verzoek.status = response.status_code
    verzoek.klaar = True
    verzoek.save(update_fields=["antwoord", "status", "klaar"])
