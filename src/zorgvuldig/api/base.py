"""Shared API building blocks: strict serializers (unknown fields → 400), URL fields."""

from __future__ import annotations

import datetime as dt
import re
import uuid as uuidlib
from collections.abc import Callable, Iterable
from urllib.parse import urlparse

from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers
from rest_framework.views import APIView

from zorgvuldig.api import expand


class StrictSerializer(serializers.Serializer):
    """Unknown fields are refused (API §1.1, GP-04) instead of silently dropped, and a text field takes
    only text: DRF would turn a number into its digits (a BSN sent as a number, a count as a name)."""

    def to_internal_value(self, data):
        if not isinstance(data, dict):
            raise serializers.ValidationError({"body": ["Verwacht een JSON-object."]}, code="invalid")
        unknown = set(data) - {name for name, f in self.fields.items() if not f.read_only}
        unknown -= {name for name, f in self.fields.items() if f.read_only}  # read-only fields are ignored
        if unknown:
            raise serializers.ValidationError(
                {name: ["Onbekend veld."] for name in sorted(unknown)}, code="unknown"
            )
        geen_tekst = sorted(
            name
            for name, f in self.fields.items()
            if isinstance(f, serializers.CharField)
            and data.get(name) is not None
            and not isinstance(data[name], str)
        )
        if geen_tekst:
            raise serializers.ValidationError(
                {name: ["Verwacht tekst."] for name in geen_tekst}, code="invalid"
            )
        if isinstance(self.parent, serializers.ListField | serializers.ListSerializer) and getattr(
            self.root, "partial", False
        ):
            # A PATCH (partial root) makes DRF skip required fields at every depth. In a merge patch a list
            # replaces the stored one, so each item is whole and its required fields still count (a nested
            # object, by contrast, merges with what is stored).
            ontbreekt = sorted(
                name for name, f in self.fields.items() if f.required and not f.read_only and name not in data
            )
            if ontbreekt:
                raise serializers.ValidationError(
                    {name: ["Dit veld is verplicht."] for name in ontbreekt}, code="required"
                )
        return super().to_internal_value(data)


class LeegSerializer(StrictSerializer):
    """An action without a body: anything sent is an unknown field (400)."""


def absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


class Tekst(serializers.CharField):
    """Bounded text; over-long strings are 400 (API §1.1)."""

    def __init__(self, max_length: int = 200, **kwargs):
        kwargs.setdefault("allow_blank", True)
        kwargs.setdefault("required", False)
        super().__init__(max_length=max_length, **kwargs)


class Geheel(serializers.IntegerField):
    """An integer as a JSON number: "6", 6.0 and true are refused (DRF would take them as 6 and 1)."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return super().to_internal_value(data)


class JaNee(serializers.BooleanField):
    """A boolean as JSON true/false: "ja", 1 and "true" are refused (DRF would accept them)."""

    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("invalid", input=data)
        return data


class Bsn(serializers.CharField):
    """A BSN to search by: 9 digits that pass the 11-proef (python-stdnum), else 400 `E_INVALID_INPUT` on
    this field — a search with a mistyped BSN finds nobody silently otherwise. The error never repeats the
    value (API §1.5); the compact form (no spaces or dots) goes to the search."""

    default_error_messages = {"invalid": "Geen geldig BSN: 9 cijfers die voldoen aan de elfproef."}

    def __init__(self, **kwargs):
        kwargs.setdefault("min_length", 8)
        kwargs.setdefault("max_length", 11)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        from stdnum.exceptions import ValidationError as StdnumFout
        from stdnum.nl import bsn as stdnum_bsn

        if not isinstance(data, str):
            self.fail("invalid")
        waarde = super().to_internal_value(data)
        try:
            return stdnum_bsn.validate(waarde)
        except StdnumFout:
            self.fail("invalid")


class AlleenTekst(serializers.CharField):
    """Text only, also as a list item or nested value, where StrictSerializer's check does not reach."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            raise serializers.ValidationError("Verwacht tekst.", code="invalid")
        return super().to_internal_value(data)


# Query parameters every endpoint takes: pagination (API §1.2), `expand` (§1.1) and DRF's `format`.
ALGEMEEN = frozenset({"page", "pageSize", "expand", "format"})


class BasisView(APIView):
    """Every API view: purpose header (GP-02) and Idempotency-Key (API §1.6) on top of DRF."""

    verwerkingsactiviteit: str | None = None
    # The GET filters (API §1.2): documented in the OpenAPI schema from here, and the only query parameters
    # a GET takes besides ALGEMEEN — a mistyped filter would otherwise answer with everything. A filter
    # with an `enum` takes only those values.
    filters: tuple[OpenApiParameter, ...] = ()
    algemeen = ALGEMEEN  # a view that is no collection (a report, RP-02) may narrow it
    onbekende_parameter = "Ongeldige parameter in de URL."  # the problem's detail; a view may name its rule
    _idempotent = None

    def get_parsers(self):
        """A PATCH body is a JSON merge patch (API §1.1, RFC 7396): its own media type is accepted too."""
        from zorgvuldig.api.parsers import MergePatchParser

        parsers = super().get_parsers()
        if getattr(getattr(self, "request", None), "method", None) == "PATCH":
            parsers.append(MergePatchParser())
        return parsers

    def initial(self, request, *args, **kwargs):
        if any(naam.lower() == "bsn" for naam in request.query_params):
            # API §1.2: a BSN never travels in a URL (access logs, proxies, browser history); no list
            # filters on it — a filter ignored would answer with everyone, the first row taken for him
            from zorgvuldig.core.errors import DomainError, InvalidParam

            raise DomainError(
                "E_INVALID_INPUT",
                "Een BSN hoort niet in een URL: zoek met POST …/_zoek in de body (personen, dossiers), "
                "waar u dat mag.",
                [InvalidParam("bsn", "not_allowed", "Niet als parameter in de URL.")],
            )
        super().initial(request, *args, **kwargs)
        if expand.PARAMETER in request.query_params:
            expand.omhul(self, request)  # `?expand=` (API §1.1): embeds after the handler answered
        from zorgvuldig.api import idempotentie
        from zorgvuldig.api.permissions import actor_van
        from zorgvuldig.organisaties.models import Gebruiker

        if isinstance(request.user, Gebruiker):  # not a token without a professional (lists users only)
            controleer_doel(request, self.verwerkingsactiviteit, lambda: self.andere_doelen(request, kwargs))
            self._idempotent = idempotentie.reserveer(request, actor_van(request))
        self.controleer_zichtbaar(request, kwargs)
        filters = self.filters if request.method in {"GET", "HEAD"} else ()
        controleer_parameters(request, filters, self.onbekende_parameter, self.algemeen)

    def controleer_zichtbaar(self, request, kwargs) -> None:
        """Item views: 404 for an invisible record, before the request's own input is judged (§1.4)."""

    def andere_doelen(self, request, kwargs) -> Iterable[str]:
        """Purposes a `Verwerkingsdoel` may name here besides the endpoint's own (GP-02): a record logged
        under a purpose of its own (a sharing decision, ADR 0011 item 9) names it. Asked only when the
        header names another purpose; an item view reads the record as visible to the caller (404 else)."""
        return ()

    def options(self, request, *args, **kwargs):
        """OPTIONS (RFC 9110): the methods this path takes, in `Allow` (set on every answer by DRF), and no
        body — not DRF's self-description. Needs a signed-in caller, no scope; an item path still answers
        404 for a record the caller may not see (§1.4), logged as a refusal. Nothing is read otherwise."""
        from rest_framework.response import Response

        return Response(status=200)

    def handle_exception(self, exc):
        from zorgvuldig.api.idempotentie import Herhaling

        if isinstance(exc, Herhaling):
            return exc.response
        log_weigering(self.request, exc, self.verwerkingsactiviteit)
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        if self._idempotent is not None and not response.has_header("Idempotent-Replayed"):
            from zorgvuldig.api.idempotentie import bewaar

            bewaar(self._idempotent, response)
            self._idempotent = None
        return super().finalize_response(request, response, *args, **kwargs)


def log_weigering(request, exc, activiteit: str | None) -> None:
    """AU-04: a refused attempt by a signed-in user (no right, not visible, a rule) is logged like a
    success, in its own transaction. Services log their own refusals; those are marked `gelogd`. The
    entry names the record the path points at, visible or not (`audit.weigering`, AU-02)."""
    from rest_framework import exceptions

    from zorgvuldig.api.permissions import actor_van
    from zorgvuldig.audit import services as audit
    from zorgvuldig.core.errors import DomainError
    from zorgvuldig.organisaties.models import Gebruiker

    # `_user`, not `user`: reading `user` would authenticate now, and a refused token would then raise
    # inside the handler (a 500) — a request refused before authentication (406) concerns nobody's data.
    if not isinstance(getattr(request, "_user", None), Gebruiker) or getattr(exc, "gelogd", False):
        return  # only a named professional's attempt is an attempt to process personal data
    if isinstance(exc, DomainError):
        fout = exc
    elif isinstance(exc, exceptions.NotFound):
        fout = DomainError("E_NOT_FOUND", "niet zichtbaar")
    elif isinstance(exc, exceptions.PermissionDenied):
        fout = DomainError(getattr(exc, "zv_code", "E_AC_NOT_AUTHORISED"), "geweigerd")
    else:
        return  # malformed input is no attempt to process personal data
    if fout.code in {"E_INVALID_INPUT", "E_IDEMPOTENCY_CONFLICT"}:
        return
    audit.weigering(
        actor=actor_van(request),
        actie="toegang.geweigerd",
        activiteit=activiteit or "verantwoording-toezicht",
        fout=fout,
        object=getattr(fout, "audit_object", None),
        betrokkenen=getattr(fout, "audit_betrokkenen", ()),
    )


def controleer_parameters(
    request,
    filters: tuple[OpenApiParameter, ...],
    detail: str = "Ongeldige parameter in de URL.",
    algemeen: frozenset[str] = ALGEMEEN,
) -> None:
    """Unknown query parameters and values outside a filter's `enum` are 400, all named at once."""
    from zorgvuldig.core.errors import DomainError, InvalidParam

    bekend = {f.name: f for f in filters}
    fouten = [
        InvalidParam(naam, "unknown", "Onbekende parameter.")
        for naam in sorted(set(request.query_params) - algemeen - set(bekend))
    ]
    fouten += [
        InvalidParam(naam, "invalid", "Onbekende waarde; toegestaan: " + ", ".join(map(str, f.enum)) + ".")
        for naam, f in bekend.items()
        if f.enum and any(w not in f.enum for w in request.query_params.getlist(naam))
    ]
    if fouten:
        raise DomainError("E_INVALID_INPUT", detail, fouten)


def controleer_doel(
    request, activiteit: str | None, andere: Callable[[], Iterable[str]] | None = None
) -> None:
    """`Verwerkingsdoel` (API §1.3): when given, it must be this endpoint's purpose (GP-02) or one of the
    `andere` the operation's record is processed for (asked only when needed)."""
    doel = request.headers.get("Verwerkingsdoel")
    if doel is None:
        return
    from zorgvuldig.core.errors import DomainError, InvalidParam
    from zorgvuldig.registers.services import activiteit as zoek_activiteit

    toegestaan = zoek_activiteit(activiteit)[1] if activiteit else None
    if doel != toegestaan and (andere is None or doel not in set(andere())):
        reden = (
            f"Het doel van deze operatie is '{toegestaan}'; of laat de header weg."
            if toegestaan
            else ("Deze operatie heeft geen verwerkingsdoel; laat de header weg.")
        )
        raise DomainError(
            "E_NO_PURPOSE",
            "Dit verwerkingsdoel is hier niet toegestaan (GP-02).",
            [InvalidParam("Verwerkingsdoel", "E_NO_PURPOSE", reden)],
        )


class ItemView(BasisView):
    """An item path: visibility is checked right after authentication and scope, before the body is
    validated, so an invisible record answers 404 whatever the request (API §1.4 check order)."""

    def zichtbaar(self, actor, uuid) -> None:
        raise NotImplementedError

    def controleer_zichtbaar(self, request, kwargs) -> None:
        from zorgvuldig.api.permissions import actor_van

        if "uuid" in kwargs:
            self.zichtbaar(actor_van(request), kwargs["uuid"])


class UTCDateTime(serializers.DateTimeField):
    """Date-times go out in UTC with `Z` (API §1.1), whatever the server's time zone."""

    def to_representation(self, value):
        if value is None:
            return None
        return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def organisatie_uit(request, waarde: str, veld: str):
    """An organisation named by its URL or its bare uuid; an unknown one is 400 on `veld`."""
    from zorgvuldig.organisaties.models import Organisatie

    try:
        uuid = str(uuidlib.UUID(waarde))
    except ValueError:
        uuid = uuid_uit_url(waarde, resource="organisaties", request=request, veld=veld)
    org = Organisatie.objects.filter(uuid=uuid).first()
    if org is None:
        raise serializers.ValidationError({veld: ["Onbekende organisatie."]})
    return org


def uuid_uit_url(url: str, *, resource: str = "personen", request=None, veld: str = "persoon") -> str:
    """References are URLs both ways (API §1.1): a URL of another server, or a malformed one, is 400."""
    parsed = urlparse(url or "")
    if request is not None and parsed.netloc and parsed.netloc != request.get_host():
        raise serializers.ValidationError({veld: ["Verwijzing naar een andere server."]})
    match = re.fullmatch(rf"/api/v1/{resource}/([0-9a-fA-F-]{{36}})", parsed.path)
    if not match:
        raise serializers.ValidationError({veld: [f"Geen geldige URL van /{resource}."]})
    try:
        return str(uuidlib.UUID(match.group(1)))
    except ValueError as exc:
        raise serializers.ValidationError({veld: ["Geen geldige uuid."]}) from exc
