"""Placing a notification in the outbox, inside the transaction of the event it reports (DESIGN §4)."""

from __future__ import annotations

import uuid
from email.utils import parseaddr

import structlog
from django.conf import settings
from django.core.validators import validate_email
from django.db import connection, transaction

from zorgvuldig.berichten.models import Bericht, Soort
from zorgvuldig.core.clock import now

log = structlog.get_logger(__name__)


def nieuwe_message_id() -> str:
    """`<uuid@domain>` with the domain of the sender, so receivers see it as ours."""
    domein = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    return f"<{uuid.uuid4().hex}@{domein}>"


def plaats_email(*, aan: str, onderwerp: str, tekst: str, sleutel: str, gebruiker=None) -> Bericht:
    """Put an e-mail in the outbox; it exists iff the caller's transaction commits.

    `sleutel` identifies the event: placing the same key again returns the existing message unchanged.
    After commit an immediate delivery is queued; the periodic job `berichten.bezorgen` is the fallback.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("plaats_email must run inside the event's transaction")
    validate_email(aan)
    if "\n" in onderwerp or "\r" in onderwerp:
        # Refused now rather than failing at every delivery attempt (header injection).
        raise ValueError("onderwerp mag geen regeleinde bevatten")
    if not sleutel:
        raise ValueError("sleutel is verplicht")
    bericht, nieuw = Bericht.objects.get_or_create(
        sleutel=sleutel,
        defaults={
            "soort": Soort.EMAIL,
            "aan": aan,
            "gebruiker": gebruiker,
            "onderwerp": onderwerp,
            "tekst": tekst,
            "message_id": nieuwe_message_id(),
            "volgende_poging_op": now(),
        },
    )
    if nieuw:
        bericht_id = bericht.pk
        # robust: the event has committed; when queueing fails the periodic job still delivers.
        transaction.on_commit(lambda: _zet_in_wachtrij(bericht_id), robust=True)
    return bericht


def plaats_webhook(*, token, inhoud: dict, sleutel: str) -> Bericht:
    """Put a signed webhook call to a partner system in the outbox (API §2.3), in the event's transaction.
    The body names resources by URL only — never personal data; the partner fetches what it may see."""
    import json

    if not connection.in_atomic_block:
        raise RuntimeError("plaats_webhook must run inside the event's transaction")
    bericht, nieuw = Bericht.objects.get_or_create(
        sleutel=sleutel,
        defaults={
            "soort": Soort.WEBHOOK,
            "url": token.webhook_url,
            "api_token": token,
            "onderwerp": str(inhoud.get("type", "webhook"))[:255],
            "tekst": json.dumps(inhoud, sort_keys=True),
            "message_id": nieuwe_message_id(),
            "volgende_poging_op": now(),
        },
    )
    if nieuw:
        bericht_id = bericht.pk
        transaction.on_commit(lambda: _zet_in_wachtrij(bericht_id), robust=True)
    return bericht


def _zet_in_wachtrij(bericht_id: int) -> None:
    from zorgvuldig.berichten.tasks import bezorg_direct

    bezorg_direct.enqueue(bericht_id)
