"""problem+json for every error (API §1.5): stable code, Dutch title, invalidParams, never internals."""

from __future__ import annotations

import structlog
from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.http import Http404, JsonResponse
from rest_framework import exceptions as drf
from rest_framework.response import Response

from zorgvuldig.core.context import current_trace
from zorgvuldig.core.errors import DomainError, InvalidParam, problem

log = structlog.get_logger(__name__)
PROBLEM = "application/problem+json"


HERHAALT_INVOER = {
    "invalid_choice": "Kies een van de toegestane waarden.",
    "does_not_exist": "Deze verwijzing bestaat niet.",
    "incorrect_type": "Dit veld heeft het verkeerde type.",
    "invalid_pk_value": "Deze verwijzing bestaat niet.",
}


def _flatten(detail, prefix: str = "") -> list[InvalidParam]:
    params: list[InvalidParam] = []
    if isinstance(detail, dict):
        for key, value in detail.items():
            # a list item's errors are keyed by its index: item 0 is a name too, not "no name"
            name = str(key) if key != "non_field_errors" else ""
            params += _flatten(value, f"{prefix}.{name}" if prefix and name else (name or prefix))
    elif isinstance(detail, list):
        for i, value in enumerate(detail):
            if isinstance(value, dict | list) and not isinstance(value, drf.ErrorDetail):
                params += _flatten(value, f"{prefix}.{i}" if prefix else str(i))
            else:
                params += _flatten(value, prefix)
    else:
        code = getattr(detail, "code", "invalid") or "invalid"
        # DRF repeats the typed value in these messages ("\"…\" is een ongeldige keuze"); what was typed
        # may be a BSN or a name, and a problem never carries personal data (API §1.5).
        reden = HERHAALT_INVOER.get(code) or str(detail)
        code = {
            "does_not_exist": "invalid",
            "null": "required",
            "blank": "required",
            "max_length": "invalid",
            "max_value": "invalid",
            "min_value": "invalid",
            "invalid_choice": "invalid",
            "not_a_list": "invalid",
            "parse_error": "invalid",
        }.get(code, code)
        params.append(InvalidParam(prefix or "body", code, reden))
    return params


def response(code: str, detail: str, params=None, headers=None, status: int | None = None) -> Response:
    trace_id, _ = current_trace()
    body = problem(code, detail, trace_id=trace_id, invalid_params=params, status=status)
    return Response(body, status=body["status"], content_type=PROBLEM, headers=headers)


def exception_handler(exc, context):
    if isinstance(exc, DomainError):
        return response(exc.code, exc.detail, exc.invalid_params, status=exc.status)
    if isinstance(exc, Http404 | drf.NotFound):
        return response("E_NOT_FOUND", "Het gevraagde object bestaat niet of is niet zichtbaar voor u.")
    if isinstance(exc, drf.AuthenticationFailed):
        return response("E_UNAUTHENTICATED", str(exc.detail), headers={"WWW-Authenticate": "Token"})
    if isinstance(exc, drf.NotAuthenticated):
        request = context.get("request")
        if request is not None and request.headers.get("Authorization"):
            # a credential of another scheme (Bearer, Basic): say which one the API takes (API review)
            return response(
                "E_UNAUTHENTICATED",
                "Gebruik 'Authorization: Token <sleutel>' of meld u aan.",
                headers={"WWW-Authenticate": "Token"},
            )
        return response(
            "E_UNAUTHENTICATED", "Meld u aan.", headers={"WWW-Authenticate": 'Session realm="zorgvuldig"'}
        )
    if isinstance(exc, drf.PermissionDenied | PermissionDenied):
        code = getattr(exc, "zv_code", "E_AC_NOT_AUTHORISED")
        detail = str(getattr(exc, "detail", ""))
        if detail.startswith("CSRF Failed"):  # DRF's session check, in English
            detail = "De CSRF-controle faalde: stuur bij een sessie de header X-CSRFToken mee."
        return response(code, detail or "U heeft hiervoor geen rechten.")
    if isinstance(exc, drf.MethodNotAllowed):
        return response("E_METHOD_NOT_ALLOWED", "Deze methode is hier niet toegestaan.")
    if isinstance(exc, drf.NotAcceptable):
        return response("E_NOT_ACCEPTABLE", "Dit formaat wordt niet geleverd.")
    if isinstance(exc, drf.UnsupportedMediaType):
        return response("E_UNSUPPORTED_MEDIA_TYPE", "Stuur JSON (application/json).")
    if isinstance(exc, drf.Throttled):
        return response("E_THROTTLED", "Probeer het later opnieuw.")
    if isinstance(exc, drf.ParseError | RequestDataTooBig | SuspiciousOperation):
        return response(
            "E_INVALID_INPUT",
            "De invoer kon niet worden gelezen.",
            [InvalidParam("body", "invalid", "Ongeldige of te grote JSON.")],
        )
    if isinstance(exc, drf.ValidationError):
        return response("E_INVALID_INPUT", "De invoer is ongeldig.", _flatten(exc.detail))
    if isinstance(exc, drf.APIException):
        return response("E_INVALID_INPUT", "De invoer is ongeldig.")
    log.exception("api_error", error_type=type(exc).__name__, trace_id=current_trace()[0])
    return response("E_SERVER", "Er ging iets mis aan onze kant. Probeer het later opnieuw.")


def json_problem(code: str, detail: str, status: int | None = None) -> JsonResponse:
    """For plain Django views and middleware (404 handler, 500 handler)."""
    trace_id, _ = current_trace()
    body = problem(code, detail, trace_id=trace_id, status=status)
    return JsonResponse(body, status=body["status"], content_type=PROBLEM)
