"""/api/v1/rapportages/{rapport} (API §2.12): anonymised counts with small cells suppressed (RP-02, RP-03)."""

from __future__ import annotations

from django.urls import URLPattern, path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from zorgvuldig.api.base import BasisView
from zorgvuldig.api.parameters import datum
from zorgvuldig.api.permissions import actor_van
from zorgvuldig.rapportages import selectors


class PeriodeSerializer(serializers.Serializer):
    vanaf = serializers.DateField()
    tot = serializers.DateField()
    ingekort = serializers.BooleanField(
        help_text="Gevraagd tot en met de lopende maand of later: het rapport eindigt aan het eind van de "
        "vorige maand, de laatste maand die voorbij is (RP-03)."
    )


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


def parameters(request) -> dict:
    groepering = [g for g in (request.query_params.get("groepering") or "").split(",") if g]
    return {
        "vanaf": datum(request.query_params, "periodeVanaf"),
        "tot": datum(request.query_params, "periodeTot"),
        "groepering": groepering,
    }


class RapportView(BasisView):
    """`GET /rapportages/{rapport}`: one report type per path, so each has its own OAS operation."""

    scopes = {"get": "rapportage:lezen"}
    # RP-01: reports serve management, policy and accountability only. The activity's purpose is the only
    # `Verwerkingsdoel` accepted (any other: 400 E_NO_PURPOSE, GP-02) and the reading is audited under it.
    verwerkingsactiviteit = selectors.ACTIVITEIT
    onbekende_parameter = "Onbekende parameter; rapportages kennen geen zoekvragen (RP-02)."
    algemeen = frozenset({"expand", "format"})  # one table, no pages
    rapport = ""

    def get(self, request):
        gelezen = selectors.lees(actor_van(request), self.rapport, **parameters(request))
        return Response(gelezen.als_dict())


_GEMEEN = (
    " Whole calendar months that are over: the running month is never counted, so two reports a day apart "
    "are the same (RP-03)."
    " Counts 1 … reports.minCell − 1 are suppressed, also by difference (RP-03); totals sum published cells "
    "only. No drill-down, no other parameters (RP-02: unknown parameters 400). The leidinggevende sees the "
    "own organisation, the FG the own controller's organisations. Reading is audited for the processing "
    "activity `rapportage` (RP-01); a `Verwerkingsdoel` other than its purpose is 400 E_NO_PURPOSE."
)


def _view(naam: str, groepering: str, beschrijving: str) -> type[RapportView]:
    filters = (
        OpenApiParameter(
            "periodeVanaf",
            str,
            description=(
                "YYYY-MM-DD; vanaf de eerste dag van die maand (RP-03; standaard: twaalf hele maanden vóór "
                "het einde)"
            ),
        ),
        OpenApiParameter(
            "periodeTot",
            str,
            description=(
                "YYYY-MM-DD; tot en met de laatste dag van die maand, maar nooit verder dan de laatste maand "
                "die voorbij is (RP-03: de lopende maand telt niet mee; `periode.ingekort` zegt het; "
                "standaard: het eind van de vorige maand)"
            ),
        ),
        OpenApiParameter("groepering", str, description=groepering),
    )

    @extend_schema(
        responses=RapportSerializer,
        operation_id=f"rapportages_{naam}",
        description=beschrijving + _GEMEEN,
    )
    def get(self, request):
        return RapportView.get(self, request)

    return type(
        f"{naam.capitalize()}RapportView", (RapportView,), {"rapport": naam, "get": get, "filters": filters}
    )


VerwijsindexRapportView = _view(
    "verwijsindex",
    "Komma-gescheiden uit soort, organisatie, maand. gemeente en leeftijdscategorie alleen onder "
    "extended_2009 of een huishoudverwerking (VI-18): anders 400 not_allowed.",
    "Active signals and existing matches per organisation and month (VI-18, RP-02).",
)
VIEWS = [VerwijsindexRapportView] + [
    _view(
        s.naam,
        f"Komma-gescheiden uit {', '.join(s.dimensies)} (standaard {','.join(s.standaard)}).",
        s.uitleg,
    )
    for s in selectors.SOORTEN.values()
]

# API §2.12; conf/urls.py includes these.
URLS: list[URLPattern] = [path(f"rapportages/{v.rapport}", v.as_view()) for v in VIEWS]
