"""Unauthenticated health endpoint and the problem+json error handlers."""

from __future__ import annotations

from django.db import connection
from django.http import JsonResponse

from zorgvuldig.api.errors import json_problem


def health(request):
    """200 when the database answers; reports the audit sealing backlog (no personal data)."""
    try:
        from zorgvuldig.audit.models import Wachtrij

        with connection.cursor() as cur:
            cur.execute("SELECT 1")
        backlog = Wachtrij.objects.count()
    except Exception:
        return JsonResponse({"status": "fout", "database": "onbereikbaar"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok", "auditWachtrij": backlog})


def niet_gevonden(request, exception=None):
    return json_problem("E_NOT_FOUND", "Het gevraagde object bestaat niet of is niet zichtbaar voor u.")


def serverfout(request):
    return json_problem("E_SERVER", "Er ging iets mis aan onze kant. Probeer het later opnieuw.")


def ongeldig(request, exception=None):
    return json_problem("E_INVALID_INPUT", "Het verzoek kon niet worden verwerkt.")


def verboden(request, exception=None):
    return json_problem("E_AC_NOT_AUTHORISED", "U heeft hiervoor geen rechten.")
