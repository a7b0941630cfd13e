"""Unauthenticated health endpoint and the problem+json error handlers."""

from __future__ import annotations

import structlog
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render

from zorgvuldig.api.errors import json_problem

log = structlog.get_logger(__name__)


_ERNST = {"ok": 0, "waarschuwing": 1, "fout": 2}


def _ergste(*statussen: str) -> str:
    return max(statussen, key=_ERNST.__getitem__)


def health(request):
    """200 when the database answers (503 only when it does not), with the audit sealing backlog, the
    worker and scheduler heartbeats, and the start-up checks (core/startcontrole.py): `status` is `fout`
    when a key file is missing or unusable or the database role is not bound by row-level security —
    still 200, so a load balancer keeps the process; the alert is on `status`. Unauthenticated: counts,
    ages and ok/not ok only, no personal data and no detail (`zorgvuldig check` gives that)."""
    from zorgvuldig.berichten import bezorging
    from zorgvuldig.core import startcontrole
    from zorgvuldig.taken import bewaking, hartslag

    try:
        with connection.cursor() as cur:
            cur.execute("SELECT 1")
    except Exception:
        return JsonResponse({"status": "fout", "database": "onbereikbaar"}, status=503)
    data = {
        "status": "ok",
        "database": "ok",
        "auditWachtrij": None,
        "auditWachtrijOudsteSeconden": None,
        "berichtenTeLaat": None,  # outbox: waiting longer than 15 minutes
        "berichtenMislukt": None,
    }
    start = startcontrole.toestand()
    data.update(start)
    inrichting = _ergste(
        start["sleutelbestanden"],
        {None: "ok", "ok": "ok", "onbekend": "waarschuwing"}.get(start["databaseRol"], "fout"),
    )
    try:
        achterstand = bewaking.verzegelachterstand()
        data.update(auditWachtrij=achterstand.aantal, auditWachtrijOudsteSeconden=achterstand.oudste_seconden)
        berichten = bezorging.bewaking()
        data.update(berichtenTeLaat=berichten["teLaat"], berichtenMislukt=berichten["mislukt"])
        componenten = hartslag.toestand()
    except Exception:  # the database answers, but e.g. a migration is missing: say so, stay 200
        log.warning("health_incomplete", exc_info=True)
        data["status"] = _ergste("waarschuwing", inrichting)
        return JsonResponse(data)
    data.update({component: t.as_dict() for component, t in componenten.items()})
    if any(t.status not in (hartslag.Status.OK, hartslag.Status.EXTERN) for t in componenten.values()):
        data["status"] = "waarschuwing"
    data["status"] = _ergste(data["status"], inrichting)
    return JsonResponse(data)


def _html(request) -> bool:
    return not request.path.startswith("/api/") and "text/html" in request.headers.get("Accept", "")


def _portaal(request) -> bool:
    """Under /mijn ("Mijn gegevens") every error is an HTML page in the portal's style, back to /mijn."""
    return request.path == "/mijn" or request.path.startswith("/mijn/")


def _portaalfout(request, soort: str):
    from zorgvuldig.portaal.views import foutpagina  # the portal's page; core has no portal templates

    return foutpagina(request, soort)


def niet_gevonden(request, exception=None):
    if _portaal(request):
        return _portaalfout(request, "niet_gevonden")
    if _html(request):
        return render(request, "ui/fout.html", {"titel": "Pagina niet gevonden"}, status=404)
    return json_problem("E_NOT_FOUND", "Het gevraagde object bestaat niet of is niet zichtbaar voor u.")


def serverfout(request):
    if _portaal(request):
        return _portaalfout(request, "serverfout")
    if _html(request):
        return render(request, "ui/fout.html", {"titel": "Er ging iets mis", "serverfout": True}, status=500)
    return json_problem("E_SERVER", "Er ging iets mis aan onze kant. Probeer het later opnieuw.")


def ongeldig(request, exception=None):
    """A request Django refuses before any view (a body over ZORGVULDIG_MAX_BODY_BYTES, too many fields):
    problem+json for the API, a Dutch page for a form."""
    if _portaal(request):
        return _portaalfout(request, "ongeldig")
    if not request.path.startswith("/api/"):
        return render(request, "ui/fout.html", {"titel": "Formulier te groot", "te_groot": True}, status=400)
    return json_problem("E_INVALID_INPUT", "Het verzoek kon niet worden verwerkt.")


def verboden(request, exception=None):
    if _portaal(request):  # forbidden looks like not found (DESIGN §5.2); a failed CSRF check: csrf_fout
        return _portaalfout(request, "niet_gevonden")
    if _html(request):  # e.g. a failed CSRF check on a form: say what to do, in Dutch
        return render(request, "ui/fout.html", {"titel": "Niet toegestaan", "csrf": True}, status=403)
    return json_problem("E_AC_NOT_AUTHORISED", "U heeft hiervoor geen rechten.")


def csrf_fout(request, reason=""):
    """A form older than the session, or sent from elsewhere: a clear Dutch page, nothing changed."""
    if request.path.startswith("/api/"):
        return json_problem("E_AC_NOT_AUTHORISED", "CSRF-controle mislukt: stuur de X-CSRFToken mee.")
    if _portaal(request):
        return _portaalfout(request, "csrf")
    return render(request, "ui/fout.html", {"titel": "Formulier verlopen", "csrf": True}, status=403)
