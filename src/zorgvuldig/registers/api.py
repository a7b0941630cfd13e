"""Registers API (API §2.11): purposes (GP-02), the verwerkingsregister with its versions (RG-01), DPIAs
(RG-02) and the register check.

GET needs `register:lezen` (leidinggevende, FG), writes `register:beheren` (FG). Everything is per
controller (AC-15): another controller's purpose, version or DPIA is not found (404). Register rows are
organisational data, no personal data of data subjects; writes are audited, reads are not.

Paths beyond API.md: `/verwerkingsactiviteiten/{uuid}/versies[/{uuid}[/_goedkeuren]]` (the versions of an
entry, RG-01), `DELETE /doelen/{uuid}` (a purpose the FG added, GP-02), `GET /registercontrole` and
`GET /verwerkingsregister` (the FG's export for the Autoriteit Persoonsgegevens, GDPR art 30(4); JSON, or
CSV with `Accept: text/csv`; audited).
"""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from zorgvuldig.api.base import (
    BasisView,
    ItemView,
    LeegSerializer,
    StrictSerializer,
    Tekst,
    UTCDateTime,
    absolute,
)
from zorgvuldig.api.pagination import Paginering
from zorgvuldig.api.permissions import actor_van
from zorgvuldig.api.renderers import CsvRenderer
from zorgvuldig.core.clock import today
from zorgvuldig.core.errors import DomainError, InvalidParam
from zorgvuldig.registers import policies, selectors, services
from zorgvuldig.registers.catalogus import GRONDSLAGEN
from zorgvuldig.registers.models import Doel, Dpia, Registerversie, Verwerkingsactiviteit

ACT = services.ACTIVITEIT
LEZEN = "register:lezen"
BEHEREN = "register:beheren"
LANG = 20000  # a DPIA step or register item: a few pages of text at most

VERSIE_API = services.VERSIE_API


def _url(request, pad: str) -> str:
    return absolute(request, f"/api/v1/{pad}")


def _tijd(waarde):
    return UTCDateTime().to_representation(waarde)


def _gebruiker(request, gebruiker) -> str | None:
    return _url(request, f"gebruikers/{gebruiker.uuid}") if gebruiker is not None else None


def _vv(request, vv) -> str | None:
    return _url(request, f"verwerkingsverantwoordelijken/{vv.uuid}") if vv is not None else None


def _uuid_uit(waarde: str, resource: str, veld: str, request) -> str:
    """A reference is a URL of this server (API §1.1); anything else is 400."""
    from zorgvuldig.api.base import uuid_uit_url

    try:
        return uuid_uit_url(waarde, resource=resource, request=request, veld=veld)
    except ValueError as exc:  # urlparse on a malformed host, e.g. "http://["
        raise serializers.ValidationError({veld: ["Geen geldige URL."]}) from exc


# --- purposes (GP-02) -------------------------------------------------------------------------------------


def doel_representatie(request, doel: Doel, activiteiten: list[Verwerkingsactiviteit]) -> dict:
    eigen = [a for a in activiteiten if a.doel_id == doel.pk]
    return {
        "url": _url(request, f"doelen/{doel.uuid}"),
        "uuid": str(doel.uuid),
        "code": doel.code,
        "omschrijving": doel.omschrijving,
        "grondslagen": sorted(set(doel.grondslagen) | {a.grondslag for a in eigen}),
        "verwerkingsactiviteiten": [_url(request, f"verwerkingsactiviteiten/{a.uuid}") for a in eigen],
        "meegeleverd": doel.verwerkingsverantwoordelijke_id is None,
        "actief": doel.actief,
        "verwerkingsverantwoordelijke": _vv(request, doel.verwerkingsverantwoordelijke),
        "aangemaakt": _tijd(doel.aangemaakt),
        "gewijzigd": _tijd(doel.gewijzigd),
    }


def _activiteiten(actor) -> list[Verwerkingsactiviteit]:
    return list(selectors.activiteiten(actor))


@extend_schema_field({"type": "string", "pattern": "^[a-f]$", "description": "AVG art. 6(1) a–f (GP-03)"})
class GrondslagVeld(serializers.ChoiceField):
    """One legal basis a–f, as a pattern in the OAS: the enum hook would name the same set twice."""

    def __init__(self, **kwargs):
        super().__init__(choices=sorted(GRONDSLAGEN), **kwargs)


class DoelSerializer(StrictSerializer):
    code = serializers.RegexField(r"^[a-z0-9][a-z0-9-]{1,63}$", max_length=64)
    omschrijving = serializers.CharField(max_length=300)
    grondslagen = serializers.ListField(child=GrondslagVeld(), max_length=6, allow_empty=True)


class DoelenView(BasisView):
    """GP-02: the closed list of purposes; the FG extends it for the own controller."""

    scopes = {"get": LEZEN, "post": BEHEREN}
    verwerkingsactiviteit = ACT

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="doelen_list")
    def get(self, request):
        actor = actor_van(request)
        activiteiten = _activiteiten(actor)
        rijen = selectors.doelen(actor).select_related("verwerkingsverantwoordelijke")
        return Paginering.lijst([doel_representatie(request, d, activiteiten) for d in rijen], request, self)

    @extend_schema(request=DoelSerializer, responses={201: OpenApiTypes.OBJECT}, operation_id="doelen_create")
    def post(self, request):
        ser = DoelSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        actor = actor_van(request)
        doel = services.voeg_doel_toe(
            actor=actor, code=v["code"], omschrijving=v["omschrijving"], grondslagen=v["grondslagen"]
        )
        return Response(doel_representatie(request, doel, []), status=status.HTTP_201_CREATED)


class DoelView(ItemView):
    scopes = {"get": LEZEN, "delete": BEHEREN}
    verwerkingsactiviteit = ACT

    def zichtbaar(self, actor, uuid) -> None:
        selectors.doel_of_404(actor, uuid)

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="doelen_read")
    def get(self, request, uuid):
        actor = actor_van(request)
        return Response(doel_representatie(request, selectors.doel_of_404(actor, uuid), _activiteiten(actor)))

    @extend_schema(responses={204: None}, operation_id="doelen_delete")
    def delete(self, request, uuid):
        services.verwijder_doel(actor=actor_van(request), uuid=uuid)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- processing activities and versions (RG-01) -------------------------------------------------------------


def _doel_urls(request, actor, codes: list[str]) -> list[str]:
    per_code = getattr(request, "_zv_doelen", None)
    if per_code is None:
        per_code = {d.code: d.uuid for d in selectors.doelen(actor)}
        request._zv_doelen = per_code
    return [_url(request, f"doelen/{per_code[c]}") if c in per_code else c for c in codes]


def _items(request, actor, versie: Registerversie | None) -> dict:
    """RG-01's items of a version under their API names (None: no version); the retention in words."""
    if versie is None:
        return dict.fromkeys((n for n in VERSIE_API.values() if n != "wijziging"), None)
    uit = {VERSIE_API[v]: getattr(versie, v) for v in VERSIE_API if v != "wijziging"}
    uit["doelen"] = _doel_urls(request, actor, versie.doelen or [])
    uit["grondslag"] = versie.grondslag or None
    uit["bewaartermijn"] = policies.leesbare_bewaartermijn(versie.bewaartermijn)
    return uit


def activiteit_representatie(request, actor, a: Any, huidig: Registerversie | None) -> dict:
    pad = f"verwerkingsactiviteiten/{a.uuid}"
    return {
        "url": _url(request, pad),
        "uuid": str(a.uuid),
        "code": a.code,
        "naam": a.naam,
        "actief": a.actief,
        "gratisDirectAanMinderjarige": a.gratis_direct_aan_minderjarige,
        "catalogus": {
            "doel": _url(request, f"doelen/{a.doel.uuid}"),
            "grondslag": a.grondslag,
            "bijzondereCategorieen": a.bijzondere_categorieen,
            "ontvangers": a.ontvangers,
        },
        "verwerkingsverantwoordelijke": _vv(request, actor.organisatie.verwerkingsverantwoordelijke),
        "huidigeVersie": _url(request, f"{pad}/versies/{huidig.uuid}") if huidig else None,
        "versie": huidig.versie if huidig else None,
        "goedgekeurdOp": _tijd(huidig.goedgekeurd_op) if huidig else None,
        **_items(request, actor, huidig),
        "dpia": _url(request, f"dpias/{a.dpia_uuid}") if a.dpia_uuid else None,
        "dpiaStatus": a.dpia_status,
        "conceptversie": bool(a.heeft_concept),
        "versies": _url(request, f"{pad}/versies"),
    }


def _huidige(actor, rijen: list[Any]) -> dict[int, Registerversie]:
    ids = [a.huidige_versie_id for a in rijen if a.huidige_versie_id]
    return {v.pk: v for v in Registerversie.objects.filter(pk__in=ids)}


class VerwerkingsactiviteitenView(BasisView):
    """RG-01: the controller's register: per processing activity the items of the current approved
    version (null where none is approved yet) and the DPIA."""

    scopes = {"get": LEZEN}
    verwerkingsactiviteit = ACT

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="verwerkingsactiviteiten_list")
    def get(self, request):
        actor = actor_van(request)
        paginator = Paginering()
        page: list = paginator.paginate_queryset(selectors.activiteiten(actor), request, view=self) or []
        huidige = _huidige(actor, page)
        return paginator.get_paginated_response(
            [activiteit_representatie(request, actor, a, huidige.get(a.huidige_versie_id)) for a in page]
        )


class ActiviteitItemView(ItemView):
    verwerkingsactiviteit = ACT

    def zichtbaar(self, actor, uuid) -> None:
        selectors.activiteit_of_404(actor, uuid)


class VerwerkingsactiviteitView(ActiviteitItemView):
    scopes = {"get": LEZEN}

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="verwerkingsactiviteiten_read")
    def get(self, request, uuid):
        actor = actor_van(request)
        a = selectors.activiteit_of_404(actor, uuid)
        return Response(activiteit_representatie(request, actor, a, selectors.huidige_versie(actor, a)))


def versie_representatie(request, actor, v: Registerversie, huidig_nummer: int | None) -> dict:
    pad = f"verwerkingsactiviteiten/{v.verwerkingsactiviteit.uuid}/versies/{v.uuid}"
    return {
        "url": _url(request, pad),
        "uuid": str(v.uuid),
        "verwerkingsactiviteit": _url(request, f"verwerkingsactiviteiten/{v.verwerkingsactiviteit.uuid}"),
        "verwerkingsverantwoordelijke": _vv(request, v.verwerkingsverantwoordelijke),
        "versie": v.versie,
        "status": v.status,
        "huidig": v.versie == huidig_nummer,
        **_items(request, actor, v),
        "wijziging": v.wijziging,
        "opgesteldDoor": _gebruiker(request, v.opgesteld_door),
        "goedgekeurdDoor": _gebruiker(request, v.goedgekeurd_door),
        "goedgekeurdOp": _tijd(v.goedgekeurd_op),
        "aangemaakt": _tijd(v.aangemaakt),
        "gewijzigd": _tijd(v.gewijzigd),
    }


class VersieSerializer(StrictSerializer):
    """The RG-01 items of a version; omitted items keep their value (a new version: the current one's)."""

    gezamenlijkeVerantwoordelijken = Tekst(LANG)
    doelen = serializers.ListField(child=serializers.CharField(max_length=300), max_length=20, required=False)
    categorieenBetrokkenen = Tekst(LANG)
    categorieenGegevens = Tekst(LANG)
    bijzondereCategorieen = serializers.BooleanField(required=False)
    ontvangers = Tekst(LANG)
    bewaartermijn = Tekst(LANG)
    grondslag = GrondslagVeld(required=False)
    grondslagToelichting = Tekst(LANG)
    beveiliging = Tekst(LANG)
    wijziging = Tekst(LANG)


def _versie_data(request, actor, ser: VersieSerializer) -> dict:
    """API names → fields; purposes are URLs of /doelen (API §1.1), stored by code."""
    naar_veld = {api: veld for veld, api in VERSIE_API.items()}
    data = {naar_veld[k]: v for k, v in ser.validated_data.items()}
    if "doelen" in data:
        per_uuid = {str(d.uuid): d.code for d in selectors.doelen(actor)}
        codes, fouten = [], []
        for i, url in enumerate(data["doelen"]):
            try:
                code = per_uuid.get(_uuid_uit(url, "doelen", f"doelen.{i}", request))
            except serializers.ValidationError:
                code = None
            if code is None:
                fouten.append(
                    InvalidParam(f"doelen.{i}", "invalid", "Geen verwerkingsdoel uit /doelen (GP-02).")
                )
            else:
                codes.append(code)
        if fouten:
            raise DomainError("E_INVALID_INPUT", "Onbekend verwerkingsdoel (GP-02).", fouten)
        data["doelen"] = sorted(set(codes), key=codes.index)
    return data


def _versie_antwoord(request, actor, activiteit_uuid, versie: Registerversie, code=status.HTTP_200_OK):
    a = selectors.activiteit_of_404(actor, activiteit_uuid)
    huidig = selectors.huidige_versie(actor, a)
    v = selectors.versie_of_404(actor, a, versie.uuid)
    return Response(versie_representatie(request, actor, v, huidig.versie if huidig else None), status=code)


class VersiesView(ActiviteitItemView):
    """RG-01: the versions of the controller's entry, newest first; POST makes a new concept version
    (FG), starting from the current approved version."""

    scopes = {"get": LEZEN, "post": BEHEREN}

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="verwerkingsactiviteiten_versies_list")
    def get(self, request, uuid):
        actor = actor_van(request)
        a = selectors.activiteit_of_404(actor, uuid)
        paginator = Paginering()
        page: list = paginator.paginate_queryset(selectors.versies(actor, a), request, view=self) or []
        huidig = a.huidige_versie_nummer
        return paginator.get_paginated_response(
            [versie_representatie(request, actor, v, huidig) for v in page]
        )

    @extend_schema(
        request=VersieSerializer,
        responses={201: OpenApiTypes.OBJECT},
        operation_id="verwerkingsactiviteiten_versies_create",
    )
    def post(self, request, uuid):
        ser = VersieSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        actor = actor_van(request)
        versie = services.maak_versie(
            actor=actor, activiteit_uuid=uuid, data=_versie_data(request, actor, ser)
        )
        return _versie_antwoord(request, actor, uuid, versie, status.HTTP_201_CREATED)


class VersieItemView(ActiviteitItemView):
    def controleer_zichtbaar(self, request, kwargs) -> None:
        super().controleer_zichtbaar(request, kwargs)
        actor = actor_van(request)
        selectors.versie_of_404(
            actor, selectors.activiteit_of_404(actor, kwargs["uuid"]), kwargs["versie_uuid"]
        )


class VersieView(VersieItemView):
    scopes = {"get": LEZEN, "patch": BEHEREN}

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="verwerkingsactiviteiten_versies_read")
    def get(self, request, uuid, versie_uuid):
        actor = actor_van(request)
        a = selectors.activiteit_of_404(actor, uuid)
        return Response(
            versie_representatie(
                request, actor, selectors.versie_of_404(actor, a, versie_uuid), a.huidige_versie_nummer
            )
        )

    @extend_schema(
        request=VersieSerializer,
        responses=OpenApiTypes.OBJECT,
        operation_id="verwerkingsactiviteiten_versies_partial_update",
    )
    def patch(self, request, uuid, versie_uuid):
        ser = VersieSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        actor = actor_van(request)
        versie = services.wijzig_versie(
            actor=actor, activiteit_uuid=uuid, versie_uuid=versie_uuid, data=_versie_data(request, actor, ser)
        )
        return _versie_antwoord(request, actor, uuid, versie)


class VersieGoedkeurenView(VersieItemView):
    """RG-01: the FG approves a complete concept; it becomes the current entry."""

    scopes = {"post": BEHEREN}

    @extend_schema(
        request=LeegSerializer,
        responses=OpenApiTypes.OBJECT,
        operation_id="verwerkingsactiviteiten_versies_goedkeuren",
    )
    def post(self, request, uuid, versie_uuid):
        LeegSerializer(data=request.data or {}).is_valid(raise_exception=True)
        actor = actor_van(request)
        versie = services.keur_versie_goed(actor=actor, activiteit_uuid=uuid, versie_uuid=versie_uuid)
        return _versie_antwoord(request, actor, uuid, versie)


# --- DPIA (RG-02) -----------------------------------------------------------------------------------


def dpia_representatie(request, d: Dpia) -> dict:
    return {
        "url": _url(request, f"dpias/{d.uuid}"),
        "uuid": str(d.uuid),
        "verwerkingsactiviteit": _url(request, f"verwerkingsactiviteiten/{d.verwerkingsactiviteit.uuid}"),
        "verwerkingsverantwoordelijke": _vv(request, d.verwerkingsverantwoordelijke),
        "status": d.status,
        "proces": d.proces,
        "rechtmatigheid": d.rechtmatigheid,
        "risicos": d.risicos,
        "maatregelen": d.maatregelen,
        "fgAdvies": d.fg_advies,
        "geadviseerdDoor": _gebruiker(request, d.geadviseerd_door),
        "geadviseerdOp": _tijd(d.geadviseerd_op),
        "besluitDoor": d.besluit_door,
        "besluitdatum": d.besluitdatum,
        "vastgelegdDoor": _gebruiker(request, d.vastgelegd_door),
        "herziendatum": d.herziendatum,
        # RT-12 style: derived at read time
        "herzieningVerlopen": policies.herziening_verlopen(d.status, d.herziendatum, today()),
        "aangemaakt": _tijd(d.aangemaakt),
        "gewijzigd": _tijd(d.gewijzigd),
    }


class DpiaStappenSerializer(StrictSerializer):
    proces = Tekst(LANG)
    rechtmatigheid = Tekst(LANG)
    risicos = Tekst(LANG)
    maatregelen = Tekst(LANG)


class DpiaAanmaakSerializer(DpiaStappenSerializer):
    verwerkingsactiviteit = serializers.CharField(max_length=300)


class DpiasView(BasisView):
    scopes = {"get": LEZEN, "post": BEHEREN}
    verwerkingsactiviteit = ACT
    filters = (OpenApiParameter("status", str, enum=[s.value for s in Dpia.Status]),)

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="dpias_list")
    def get(self, request):
        actor = actor_van(request)
        qs = selectors.dpias(actor)
        if (st := request.query_params.get("status")) is not None:
            qs = qs.filter(status=st)
        paginator = Paginering()
        page: list = paginator.paginate_queryset(qs, request, view=self) or []
        return paginator.get_paginated_response([dpia_representatie(request, d) for d in page])

    @extend_schema(
        request=DpiaAanmaakSerializer, responses={201: OpenApiTypes.OBJECT}, operation_id="dpias_create"
    )
    def post(self, request):
        ser = DpiaAanmaakSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = dict(ser.validated_data)
        activiteit = _uuid_uit(
            v.pop("verwerkingsactiviteit"), "verwerkingsactiviteiten", "verwerkingsactiviteit", request
        )
        actor = actor_van(request)
        try:
            selectors.activiteit_of_404(actor, activiteit)
        except DomainError as exc:
            raise DomainError(
                "E_INVALID_INPUT",
                "Onbekende verwerkingsactiviteit.",
                [
                    InvalidParam(
                        "verwerkingsactiviteit", "invalid", "Geen verwerkingsactiviteit uit het register."
                    )
                ],
            ) from exc
        dpia = services.maak_dpia(actor=actor, activiteit_uuid=activiteit, stappen=v)
        return Response(dpia_representatie(request, selectors.dpia_of_404(actor, dpia.uuid)), status=201)


class DpiaItemView(ItemView):
    verwerkingsactiviteit = ACT

    def zichtbaar(self, actor, uuid) -> None:
        selectors.dpia_of_404(actor, uuid)

    def antwoord(self, request, uuid) -> Response:
        return Response(dpia_representatie(request, selectors.dpia_of_404(actor_van(request), uuid)))


class DpiaView(DpiaItemView):
    scopes = {"get": LEZEN, "patch": BEHEREN}

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="dpias_read")
    def get(self, request, uuid):
        return self.antwoord(request, uuid)

    @extend_schema(
        request=DpiaStappenSerializer, responses=OpenApiTypes.OBJECT, operation_id="dpias_partial_update"
    )
    def patch(self, request, uuid):
        ser = DpiaStappenSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        services.wijzig_dpia(actor=actor_van(request), uuid=uuid, stappen=dict(ser.validated_data))
        return self.antwoord(request, uuid)


class AdviesSerializer(StrictSerializer):
    advies = serializers.CharField(max_length=LANG, allow_blank=True)


class AdviserenView(DpiaItemView):
    """RG-02: the FG's advice, once all four steps are filled."""

    scopes = {"post": BEHEREN}

    @extend_schema(request=AdviesSerializer, responses=OpenApiTypes.OBJECT, operation_id="dpias_adviseren")
    def post(self, request, uuid):
        ser = AdviesSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        services.adviseer_dpia(actor=actor_van(request), uuid=uuid, advies=ser.validated_data["advies"])
        return self.antwoord(request, uuid)


class GoedkeurenSerializer(StrictSerializer):
    besluitDoor = serializers.CharField(
        max_length=200, help_text="Wie besloot namens de verwerkingsverantwoordelijke"
    )
    besluitdatum = serializers.DateField(required=False)
    herziendatum = serializers.DateField(required=False, help_text="Standaard drie jaar na het besluit")


class DpiaGoedkeurenView(DpiaItemView):
    """RG-02: the controller's decision on an advised DPIA, recorded by the FG, with the review date."""

    scopes = {"post": BEHEREN}

    @extend_schema(
        request=GoedkeurenSerializer, responses=OpenApiTypes.OBJECT, operation_id="dpias_goedkeuren"
    )
    def post(self, request, uuid):
        ser = GoedkeurenSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        services.keur_dpia_goed(
            actor=actor_van(request),
            uuid=uuid,
            besluit_door=v["besluitDoor"],
            besluitdatum=v.get("besluitdatum"),
            herziendatum=v.get("herziendatum"),
        )
        return self.antwoord(request, uuid)


class HerzienView(DpiaItemView):
    """RG-02: start a review of an approved DPIA."""

    scopes = {"post": BEHEREN}

    @extend_schema(request=LeegSerializer, responses=OpenApiTypes.OBJECT, operation_id="dpias_herzien")
    def post(self, request, uuid):
        LeegSerializer(data=request.data or {}).is_valid(raise_exception=True)
        services.herzie_dpia(actor=actor_van(request), uuid=uuid)
        return self.antwoord(request, uuid)


# --- the register check (RG-01, RG-02) -------------------------------------------------------------------


class RegistercontroleView(BasisView):
    """What the FG must put right: activities in use without an approved register version, missing DPIAs,
    reviews past their date."""

    scopes = {"get": LEZEN}
    verwerkingsactiviteit = ACT

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="registercontrole_read")
    def get(self, request):
        actor = actor_van(request)
        bevindingen = selectors.controle(actor.organisatie.verwerkingsverantwoordelijke, today())
        return Response(
            {
                "aantal": len(bevindingen),
                "bevindingen": [
                    {
                        "soort": b.soort,
                        "code": b.activiteit,
                        "naam": b.naam,
                        "toelichting": b.toelichting,
                        "verwerkingsactiviteit": _url(request, f"verwerkingsactiviteiten/{b.activiteit_uuid}")
                        if b.activiteit_uuid
                        else None,
                        "dpia": _url(request, f"dpias/{b.dpia_uuid}") if b.dpia_uuid else None,
                    }
                    for b in bevindingen
                ],
            }
        )


# --- the register for the Autoriteit Persoonsgegevens (GDPR art 30(4)) --------------------------------------


class VerwerkingsregisterView(BasisView):
    """GDPR art 30(4), RG-01: the controller's current approved register for the Autoriteit
    Persoonsgegevens, for the FG: JSON, or with `Accept: text/csv` a CSV with Dutch column names. Each
    export is audited (`verwerkingsregister.geexporteerd`)."""

    scopes = {"get": BEHEREN}
    verwerkingsactiviteit = ACT
    renderer_classes = [JSONRenderer, CsvRenderer]

    def handle_exception(self, exc):
        # A refusal is problem+json (API §1.5), also when the caller asked for CSV.
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)

    @extend_schema(
        responses={(200, "application/json"): OpenApiTypes.OBJECT, (200, "text/csv"): OpenApiTypes.STR},
        operation_id="verwerkingsregister_read",
    )
    def get(self, request):
        actor = actor_van(request)
        export = services.exporteer_register(actor=actor)
        if request.accepted_renderer.format == "csv":
            naam = services.export_bestandsnaam(actor, "csv")
            return Response(
                services.register_als_csv(export),
                content_type="text/csv; charset=utf-8",
                headers={"Content-Disposition": f'attachment; filename="{naam}"'},
            )
        return Response({**export, "opgesteldOp": _tijd(export["opgesteldOp"])})


U = "<uuid:uuid>"
V = "<uuid:versie_uuid>"
URLS: list[URLPattern] = [
    path("doelen", DoelenView.as_view()),
    path(f"doelen/{U}", DoelView.as_view()),
    path("verwerkingsactiviteiten", VerwerkingsactiviteitenView.as_view()),
    path(f"verwerkingsactiviteiten/{U}", VerwerkingsactiviteitView.as_view()),
    path(f"verwerkingsactiviteiten/{U}/versies", VersiesView.as_view()),
    path(f"verwerkingsactiviteiten/{U}/versies/{V}", VersieView.as_view()),
    path(f"verwerkingsactiviteiten/{U}/versies/{V}/_goedkeuren", VersieGoedkeurenView.as_view()),
    path("dpias", DpiasView.as_view()),
    path(f"dpias/{U}", DpiaView.as_view()),
    path(f"dpias/{U}/_adviseren", AdviserenView.as_view()),
    path(f"dpias/{U}/_goedkeuren", DpiaGoedkeurenView.as_view()),
    path(f"dpias/{U}/_herzien", HerzienView.as_view()),
    path("registercontrole", RegistercontroleView.as_view()),
    path("verwerkingsregister", VerwerkingsregisterView.as_view()),
]
