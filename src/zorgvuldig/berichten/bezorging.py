"""Delivery from the outbox, at least once (DESIGN §4 "Outbox").

Three steps, each its own function: `claim` takes due messages in a short transaction and leases them
(`CLAIM_DUUR`), `verstuur` sends one outside any transaction, `markeer_verzonden`/`markeer_mislukt`
record the outcome in another short transaction. No transaction stays open during SMTP. When the process
dies between sending and marking, the lease runs out and the message is sent again with the same
`Message-ID`, which receivers use to drop the duplicate.
"""

from __future__ import annotations

import datetime as dt

import structlog
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django_tasks_db.utils import exclusive_transaction

from zorgvuldig.berichten.models import Bericht, Soort
from zorgvuldig.core.clock import now

log = structlog.get_logger(__name__)

CLAIM_DUUR = dt.timedelta(minutes=10)  # longer than any send; after it a silent claim counts as a crash
PARTIJ = 50
MAX_WACHTTIJD = dt.timedelta(hours=6)


def wachttijd(pogingen: int) -> dt.timedelta:
    """Back-off after the n-th failed attempt: 1, 2, 4 … minutes, at most 6 hours."""
    return min(dt.timedelta(minutes=2 ** min(max(pogingen - 1, 0), 20)), MAX_WACHTTIJD)


def claim(moment: dt.datetime, ids: list[int] | None = None, aantal: int = PARTIJ) -> list[Bericht]:
    """Lease up to `aantal` due messages and count the attempt. Concurrent workers skip each other's rows
    (SKIP LOCKED on PostgreSQL, an exclusive transaction on SQLite)."""
    qs = Bericht.objects.te_bezorgen(moment)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    with exclusive_transaction(Bericht.objects.db):
        berichten = list(qs.select_for_update(skip_locked=True).order_by("volgende_poging_op", "id")[:aantal])
        Bericht.objects.filter(pk__in=[b.pk for b in berichten]).update(
            pogingen=F("pogingen") + 1, volgende_poging_op=moment + CLAIM_DUUR
        )
    return berichten


def verstuur(bericht: Bericht) -> None:
    """Hand one message to the configured mail backend, with its own Message-ID, or POST a webhook.
    Raises on failure."""
    if bericht.soort == Soort.WEBHOOK:
        post_webhook(bericht)
        return
    EmailMessage(
        subject=bericht.onderwerp,
        body=bericht.tekst,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[bericht.aan],
        headers={"Message-ID": bericht.message_id},
    ).send()


def markeer_verzonden(bericht: Bericht) -> None:
    with transaction.atomic():
        Bericht.objects.filter(pk=bericht.pk, verzonden_op__isnull=True).update(
            verzonden_op=now(), tekst="", fout=""
        )


def markeer_mislukt(bericht: Bericht, fout: BaseException, moment: dt.datetime) -> None:
    with transaction.atomic():
        pogingen = Bericht.objects.filter(pk=bericht.pk).values_list("pogingen", flat=True).get()
        Bericht.objects.filter(pk=bericht.pk, verzonden_op__isnull=True).update(
            fout=type(fout).__name__[:200],
            volgende_poging_op=max(moment, now()) + wachttijd(pogingen),
        )
    # The exception's text can hold addresses: only its type is logged.
    log.warning("bericht_niet_verzonden", bericht_id=bericht.pk, pogingen=pogingen, fout=type(fout).__name__)


def bezorg(nu: dt.datetime | None = None, *, ids: list[int] | None = None) -> dict:
    """Send every message due at `nu` (default: now); returns counts. A claimed message is not due
    again within this run, so the loop ends."""
    moment = nu or now()
    uitkomst = {"verzonden": 0, "mislukt": 0}
    while berichten := claim(moment, ids):
        for bericht in berichten:
            try:
                verstuur(bericht)
            except Exception as exc:
                markeer_mislukt(bericht, exc, moment)
                uitkomst["mislukt"] += 1
            else:
                markeer_verzonden(bericht)
                uitkomst["verzonden"] += 1
    return uitkomst


def bewaking(moment: dt.datetime | None = None) -> dict[str, int]:
    """For `/health` and `/metrics`: counts only, never an address or subject."""
    grens = (moment or now()) - dt.timedelta(minutes=15)
    return {
        "teLaat": Bericht.objects.wachtend().filter(aangemaakt__lt=grens).count(),
        "mislukt": Bericht.objects.mislukt().count(),
    }


WEBHOOK_TIMEOUT = 10  # seconds; a slow receiver is retried with back-off like an unreachable one


def webhook_handtekening(geheim: str, bericht_id: str, tijdstip: int, body: bytes) -> str:
    """HMAC-SHA256 over `id.timestamp.body` (the Standard Webhooks scheme): the receiver recomputes it
    with the secret it got once, and rejects old timestamps against replay."""
    import base64
    import hashlib
    import hmac

    mac = hmac.new(geheim.encode(), f"{bericht_id}.{tijdstip}.".encode() + body, hashlib.sha256)
    return "v1," + base64.b64encode(mac.digest()).decode()


def post_webhook(bericht: Bericht) -> None:
    """POST the stored JSON with `webhook-id` (the stable Message-ID: receivers drop duplicates),
    `webhook-timestamp` and `webhook-signature`. Anything but 2xx raises, so the outbox retries."""
    import urllib.request

    from zorgvuldig.organisaties.models import ApiToken
    from zorgvuldig.organisaties.services import webhook_geheim

    token = (
        ApiToken.objects.select_related("organisatie").filter(pk=bericht.api_token_id).first()
        if bericht.api_token_id is not None
        else None
    )
    if token is None:
        raise RuntimeError("webhook without credential")
    if token.ingetrokken_op is not None:  # revoked since: the partner no longer receives
        raise RuntimeError("webhook credential revoked")
    body = bericht.tekst.encode()
    tijdstip = int(now().timestamp())
    verzoek = urllib.request.Request(  # noqa: S310 - the URL is https (or localhost outside production)
        bericht.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "zorgvuldig-webhook",
            "webhook-id": bericht.message_id,
            "webhook-timestamp": str(tijdstip),
            "webhook-signature": webhook_handtekening(
                webhook_geheim(token), bericht.message_id, tijdstip, body
            ),
        },
    )
    with urllib.request.urlopen(verzoek, timeout=WEBHOOK_TIMEOUT) as antwoord:  # noqa: S310
        if not 200 <= antwoord.status < 300:
            raise RuntimeError(f"webhook answered {antwoord.status}")
