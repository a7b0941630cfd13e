"""Request plumbing: W3C trace context, security headers, API-Version, tenancy reset."""

from __future__ import annotations

import re

from zorgvuldig.core import tenancy
from zorgvuldig.core.context import new_span_id, new_trace_id, reset_pad, reset_trace, set_pad, set_trace

TRACEPARENT = re.compile(r"^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$")


class TraceContextMiddleware:
    """Accept `traceparent` (W3C) or start a trace; the ids go into every audit entry and problem."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        match = TRACEPARENT.match(request.headers.get("traceparent", "").strip().lower())
        trace_id = match.group(1) if match and match.group(1) != "0" * 32 else new_trace_id()
        span_id = new_span_id()
        token = set_trace(trace_id, span_id)
        pad = set_pad(request.path)  # a refusal's entry names the record the path points at (AU-04)
        try:
            response = self.get_response(request)
        finally:
            reset_pad(pad)
            reset_trace(token)
        response["traceparent"] = f"00-{trace_id}-{span_id}-01"
        return response


class OngeldigTekenMiddleware:
    """A NUL character in the query string is refused before any view: PostgreSQL cannot store or
    compare it, so a filter with one would otherwise end in a server error (bad input: a clear 400)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any("\x00" in k or any("\x00" in v for v in vs) for k, vs in request.GET.lists()):
            return _ongeldig_teken(request)
        return self.get_response(request)


def _ongeldig_teken(request):
    from django.http import HttpResponseBadRequest, JsonResponse

    from zorgvuldig.core.context import current_trace
    from zorgvuldig.core.errors import InvalidParam, problem

    detail = "De zoekvraag bevat een ongeldig teken."
    if request.path.startswith("/api/"):
        body = problem(
            "E_INVALID_INPUT",
            detail,
            trace_id=current_trace()[0],
            invalid_params=[InvalidParam("query", "invalid", "Een NUL-teken is niet toegestaan.")],
        )
        return JsonResponse(body, status=400, content_type="application/problem+json")
    return HttpResponseBadRequest(detail, content_type="text/plain; charset=utf-8")


class SecurityHeadersMiddleware:
    """The NL API Design Rules' security headers, on every response (API §1.3)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Cache-Control", "no-store")
        response.setdefault("X-Content-Type-Options", "nosniff")
        response.setdefault("X-Frame-Options", "DENY")
        response.setdefault(
            "Content-Security-Policy",
            # Strict: no inline script or style anywhere; images also as data: URIs (the TOTP QR code).
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'",
        )
        # API: no referrer at all (API §1.3). Pages: `same-origin`, because with `no-referrer` browsers
        # send `Origin: null` on form posts and the CSRF check refuses every form; no other site ever
        # receives a referrer either way. A page may ask for less (the activation link: `strict-origin`).
        response.setdefault(
            "Referrer-Policy", "no-referrer" if request.path.startswith("/api/") else "same-origin"
        )
        if request.path.startswith("/api/"):
            response["API-Version"] = "1.0.0"
        return response


class TenancyMiddleware:
    """Clear the acting organisation from the connection after each request (ADR 0002)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        finally:
            tenancy.wis()
