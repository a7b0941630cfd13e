"""/api/v1/exportdefinities (API §2.12; RP-04, RP-05): monitoring export definitions and their exports.

Scopes (the existing registry, API §1.4):
* reading and proposing a definition, withdrawing it and making an export: `rapportage:lezen` (the
  *leidinggevende* and the FG). A concept processes no personal data; nothing is exported before the FG's
  approval, so proposing needs no scope of its own. The service also checks the role and the controller.
* approving: `export:goedkeuren` (the FG of the controller, RP-05).
* fetching an export: `rapportage:lezen` held by a user of the recipient organisation; anyone else gets
  404. `Accept: text/csv` gives the CSV (once), JSON the metadata.
"""

from __future__ import annotations

from django.db import transaction
from django.urls import URLPattern, path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
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
    organisatie_uit,
)
from zorgvuldig.api.pagination import Paginering
from zorgvuldig.api.permissions import actor_van
from zorgvuldig.api.renderers import CsvRenderer
from zorgvuldig.audit import services as audit
from zorgvuldig.monitoring import policies, selectors, services
from zorgvuldig.monitoring.models import Export, Exportdefinitie

ACT = services.ACTIVITEIT
LEZEN = selectors.LEZEN
GOEDKEUREN = "export:goedkeuren"


def _url(request, pad: str) -> str:
    return absolute(request, f"/api/v1/{pad}")


def _tijd(waarde):
    return UTCDateTime().to_representation(waarde)


def export_representatie(request, export: Export) -> dict:
    return {
        "url": _url(request, f"exportdefinities/{export.definitie.uuid}/exporten/{export.uuid}"),
        "uuid": str(export.uuid),
        "exportdefinitie": _url(request, f"exportdefinities/{export.definitie.uuid}"),
        "aangemaakt": _tijd(export.aangemaakt),
        "aantalRijen": export.aantal_rijen,
        "opgehaaldOp": _tijd(export.opgehaald_op),
        "status": policies.export_status(export.opgehaald_op, export.verlopen_op),
        "verlopenOp": _tijd(export.verlopen_op),
    }


def representatie(request, d: Exportdefinitie) -> dict:
    return {
        "url": _url(request, f"exportdefinities/{d.uuid}"),
        "uuid": str(d.uuid),
        "naam": d.naam,
        "verwerkingsverantwoordelijke": _url(
            request, f"verwerkingsverantwoordelijken/{d.verwerkingsverantwoordelijke.uuid}"
        ),
        "ontvanger": _url(request, f"organisaties/{d.ontvanger.uuid}"),
        "doel": d.doel.code,
        "gegevensset": policies.gegevensset(list(d.velden)) if d.velden else None,
        "velden": list(d.velden),
        "kolommen": policies.kolommen(list(d.velden)),
        "proportionaliteit": {
            "noodzaak": d.noodzaak,
            "afweging": d.afweging,
            "minderIngrijpend": d.minder_ingrijpend,
        },
        "status": d.status,
        "goedkeuring": {
            "door": _url(request, f"gebruikers/{d.goedgekeurd_door.uuid}"),
            "op": _tijd(d.goedgekeurd_op),
            "oordeel": d.oordeel,
        }
        if d.goedgekeurd_door
        else None,
        "intrekking": {
            "door": _url(request, f"gebruikers/{d.ingetrokken_door.uuid}"),
            "op": _tijd(d.ingetrokken_op),
        }
        if d.ingetrokken_door
        else None,
        "aangemaakt": _tijd(d.aangemaakt),
        "gewijzigd": _tijd(d.gewijzigd),
    }


def _log(actor, actie: str, velden: list[str], object=None, aantal: int | None = None) -> None:
    with transaction.atomic():
        audit.record(
            actor=actor,
            actie=actie,
            activiteit=ACT,
            object=object,
            velden=velden,
            koppeling={"aantal": aantal} if aantal is not None else None,
        )


class ExportProportionaliteitSerializer(StrictSerializer):
    noodzaak = Tekst(policies.TEKST_MAX, help_text="Waarom is deze export strikt noodzakelijk? (RP-05)")
    afweging = Tekst(policies.TEKST_MAX, help_text="Hoe weegt de inbreuk op tegen het resultaat? (RP-05)")
    minderIngrijpend = Tekst(policies.TEKST_MAX, help_text="Waarom volstaat iets minder ingrijpends niet?")


class ExportdefinitieSerializer(StrictSerializer):
    naam = serializers.CharField(max_length=policies.NAAM_MAX)
    ontvanger = serializers.CharField(max_length=300, help_text="URL van de ontvangende organisatie")
    doel = serializers.CharField(max_length=64, help_text="Code van het doel: kwaliteit of verantwoording")
    velden = serializers.ListField(
        child=serializers.CharField(max_length=100),
        max_length=len(policies.CATALOGUS) + 10,
        allow_empty=True,
        help_text="Velden uit de catalogus (RP-04)",
    )
    proportionaliteit = ExportProportionaliteitSerializer(required=False)


class ExportdefinitieGoedkeurenSerializer(StrictSerializer):
    oordeel = Tekst(policies.TEKST_MAX, help_text="De afweging van de FG (RP-05)")


class ExportdefinitiesView(BasisView):
    scopes = {"get": LEZEN, "post": LEZEN}
    verwerkingsactiviteit = ACT
    filters = (OpenApiParameter("status", str, enum=list(policies.STATUSSEN)),)

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="exportdefinities_list")
    def get(self, request):
        actor = actor_van(request)
        qs = selectors.definities(actor)
        if "status" in request.query_params:
            qs = qs.filter(status=request.query_params["status"])
        paginator = Paginering()
        page = paginator.paginate_queryset(qs.order_by("-aangemaakt", "-id"), request, view=self) or []
        _log(actor, "exportdefinitie.ingezien", services.DEFINITIE_VELDEN, aantal=len(page))
        return paginator.get_paginated_response([representatie(request, d) for d in page])

    @extend_schema(
        request=ExportdefinitieSerializer,
        responses={201: OpenApiTypes.OBJECT},
        operation_id="exportdefinities_create",
    )
    def post(self, request):
        ser = ExportdefinitieSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        p = v.get("proportionaliteit") or {}
        definitie = services.maak_definitie(
            actor=actor_van(request),
            naam=v["naam"],
            ontvanger=organisatie_uit(request, v["ontvanger"], "ontvanger"),
            doel=v["doel"],
            velden=v["velden"],
            noodzaak=p.get("noodzaak", ""),
            afweging=p.get("afweging", ""),
            minder_ingrijpend=p.get("minderIngrijpend", ""),
        )
        return Response(representatie(request, definitie), status=status.HTTP_201_CREATED)


class DefinitieItemView(ItemView):
    verwerkingsactiviteit = ACT

    def zichtbaar(self, actor, uuid) -> None:
        selectors.definitie_of_404(actor, uuid)


class ExportdefinitieView(DefinitieItemView):
    scopes = {"get": LEZEN}

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="exportdefinities_read")
    def get(self, request, uuid):
        actor = actor_van(request)
        definitie = selectors.definitie_of_404(actor, uuid)
        _log(actor, "exportdefinitie.ingezien", services.DEFINITIE_VELDEN, object=definitie)
        return Response(representatie(request, definitie))


class GoedkeurenView(DefinitieItemView):
    """RP-05: the FG approves after the proportionality check and records the judgement."""

    scopes = {"post": GOEDKEUREN}

    @extend_schema(
        request=ExportdefinitieGoedkeurenSerializer,
        responses=OpenApiTypes.OBJECT,
        operation_id="exportdefinities_goedkeuren",
    )
    def post(self, request, uuid):
        ser = ExportdefinitieGoedkeurenSerializer(data=request.data or {})
        ser.is_valid(raise_exception=True)
        definitie = services.keur_goed(
            actor=actor_van(request), uuid=uuid, oordeel=ser.validated_data.get("oordeel", "")
        )
        return Response(representatie(request, definitie))


class IntrekkenView(DefinitieItemView):
    scopes = {"post": LEZEN}

    @extend_schema(
        request=LeegSerializer, responses=OpenApiTypes.OBJECT, operation_id="exportdefinities_intrekken"
    )
    def post(self, request, uuid):
        LeegSerializer(data=request.data or {}).is_valid(raise_exception=True)
        definitie = services.trek_in(actor=actor_van(request), uuid=uuid)
        return Response(representatie(request, definitie))


class ExportenView(DefinitieItemView):
    """The exports of a definition (metadata only) and making a new one (RP-04)."""

    scopes = {"get": LEZEN, "post": LEZEN}

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="exporten_list")
    def get(self, request, uuid):
        actor = actor_van(request)
        definitie = selectors.definitie_of_404(actor, uuid)
        rijen = selectors.exporten(definitie)
        paginator = Paginering()
        page = paginator.paginate_queryset(rijen, request, view=self) or []
        _log(actor, "export.ingezien", ["aantal_rijen", "opgehaald_op"], object=definitie, aantal=len(page))
        return paginator.get_paginated_response([export_representatie(request, e) for e in page])

    @extend_schema(
        request=LeegSerializer, responses={201: OpenApiTypes.OBJECT}, operation_id="exporten_create"
    )
    def post(self, request, uuid):
        LeegSerializer(data=request.data or {}).is_valid(raise_exception=True)
        export = services.maak_export(actor=actor_van(request), uuid=uuid)
        return Response(export_representatie(request, export), status=status.HTTP_201_CREATED)


class ExportView(ItemView):
    """One export: JSON metadata, or with `Accept: text/csv` the CSV, once — for the recipient only."""

    scopes = {"get": LEZEN}
    verwerkingsactiviteit = ACT
    renderer_classes = [JSONRenderer, CsvRenderer]

    def zichtbaar(self, actor, uuid) -> None:
        selectors.export_of_404(actor, uuid, self.kwargs["export_uuid"])

    def handle_exception(self, exc):
        # A refusal is problem+json (API §1.5), also when the caller asked for CSV.
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)

    @extend_schema(
        responses={(200, "application/json"): OpenApiTypes.OBJECT, (200, "text/csv"): OpenApiTypes.STR},
        operation_id="exporten_read",
    )
    def get(self, request, uuid, export_uuid):
        actor = actor_van(request)
        if request.accepted_renderer.format == "csv":
            export, inhoud = services.haal_op(actor=actor, definitie_uuid=uuid, uuid=export_uuid)
            return Response(
                inhoud,
                content_type="text/csv; charset=utf-8",
                headers={"Content-Disposition": f'attachment; filename="export-{export.uuid}.csv"'},
            )
        export = selectors.export_of_404(actor, uuid, export_uuid)
        _log(actor, "export.ingezien", ["aantal_rijen", "opgehaald_op"], object=export)
        return Response(export_representatie(request, export))


U = "<uuid:uuid>"
URLS: list[URLPattern] = [
    path("exportdefinities", ExportdefinitiesView.as_view()),
    path(f"exportdefinities/{U}", ExportdefinitieView.as_view()),
    path(f"exportdefinities/{U}/_goedkeuren", GoedkeurenView.as_view()),
    path(f"exportdefinities/{U}/_intrekken", IntrekkenView.as_view()),
    path(f"exportdefinities/{U}/exporten", ExportenView.as_view()),
    path(f"exportdefinities/{U}/exporten/<uuid:export_uuid>", ExportView.as_view()),
]
