"""/api/v1/rapportages/{rapport} (API §2.12): anonymised counts with small cells suppressed (RP-02, RP-03)."""

from __future__ import annotations

import datetime as dt

from django.urls import URLPattern, path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from zorgvuldig.api.base import BasisView
from zorgvuldig.api.permissions import actor_van
from zorgvuldig.core.errors import DomainError, InvalidParam
from zorgvuldig.rapportages import selectors


class PeriodeSerializer(serializers.Serializer):
    vanaf = serializers.DateField()
    tot = serializers.DateField()


class CelSerializer(serializers.Serializer):
    dimensies = serializers.DictField(child=serializers.CharField())
    aantal = serializers.IntegerField(allow_null=True)
    onderdrukt = serializers.BooleanField()


class RapportSerializer(serializers.Serializer):
    rapport = serializers.CharField()
    periode = PeriodeSerializer()
    dimensies = serializers.ListField(child=serializers.CharField())
    cellen = CelSerializer(many=True)
    totaal = serializers.IntegerField(help_text="Som van de gepubliceerde cellen (RP-03 regel 3)")


def _datum(request, naam: str) -> dt.date | None:
    waarde = request.query_params.get(naam)
    if waarde is None:
        return None
    try:
        return dt.date.fromisoformat(waarde)
    except ValueError as exc:
        raise DomainError(
            "E_INVALID_INPUT", "Ongeldige datum.", [InvalidParam(naam, "invalid", "YYYY-MM-DD.")]
        ) from exc


def parameters(request) -> dict:
    onbekend = set(request.query_params) - {"periodeVanaf", "periodeTot", "groepering"}
    if onbekend:
        raise DomainError(
            "E_INVALID_INPUT",
            "Onbekende parameter; rapportages kennen geen zoekvragen (RP-02).",
            [InvalidParam(n, "unknown", "Onbekende parameter.") for n in sorted(onbekend)],
        )
    groepering = [g for g in (request.query_params.get("groepering") or "").split(",") if g]
    return {
        "vanaf": _datum(request, "periodeVanaf"),
        "tot": _datum(request, "periodeTot"),
        "groepering": groepering,
    }


class VerwijsindexRapportView(BasisView):
    scopes = {"get": "rapportage:lezen"}
    verwerkingsactiviteit = "verantwoording-toezicht"

    @extend_schema(
        responses=RapportSerializer,
        operation_id="rapportages_verwijsindex",
        parameters=[
            OpenApiParameter("periodeVanaf", str, description="YYYY-MM-DD (maand van signaleren)"),
            OpenApiParameter("periodeTot", str, description="YYYY-MM-DD"),
            OpenApiParameter(
                "groepering",
                str,
                description="Komma-gescheiden uit soort, organisatie, maand. gemeente en leeftijdscategorie "
                "alleen onder extended_2009 of een huishoudverwerking (VI-18): anders 400 not_allowed.",
            ),
        ],
        description="Active signals and existing matches per organisation and month (VI-18, RP-02); counts "
        "1 … reports.min_cell − 1 suppressed, also by difference (RP-03). The leidinggevende sees the own "
        "organisation, the FG the own controller's organisations.",
    )
    def get(self, request):
        rapport = selectors.verwijsindex(actor_van(request), **parameters(request))
        return Response(rapport.als_dict())


# API §2.12; conf/urls.py includes these.
URLS: list[URLPattern] = [
    path("rapportages/verwijsindex", VerwijsindexRapportView.as_view()),
]
