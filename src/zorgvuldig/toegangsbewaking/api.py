"""/api/v1 access-pattern monitoring for the FG (RP-06). Not in API.md §2: recorded in ADR 0006.

* `GET /toegangsbewaking` — the controller's switch, thresholds and what activation needs;
  `POST /toegangsbewaking/_activeren` `{maxPersonenPerDag?, werktijdVan?, werktijdTot?}` (409
  `E_RP_MONITORING_NOT_APPROVED` without an approved DPIA and the works council's consent),
  `POST /toegangsbewaking/_deactiveren`.
* `GET,POST /ondernemingsraadinstemmingen`, `GET …/{uuid}` — the works council's consent (WOR art 27(1)(l)).
* `GET /toegangssignaleringen[/{uuid}]` (filters `status`, `soort`), `POST …/{uuid}/_beoordelen`
  `{uitkomst, toelichting}`.

Everything is the FG's (`register:beheren`), for the own controller only; others get 403 on a collection
and 404 on an item (API §1.4). Every read is audited: alerts are personal data of employees.
"""

from __future__ import annotations

import datetime as dt

from django.urls import URLPattern, path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
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
from zorgvuldig.core import crypto
from zorgvuldig.toegangsbewaking import policies, selectors, services
from zorgvuldig.toegangsbewaking.models import Bewaking, Instemming, Signalering

ACT = policies.ACTIVITEIT
BEHEREN = "register:beheren"
U = "<uuid:uuid>"


def _url(request, pad: str) -> str:
    return absolute(request, f"/api/v1/{pad}")


def _tijd(waarde: dt.datetime | None) -> str | None:
    return UTCDateTime().to_representation(waarde)


def _uur(waarde: dt.time) -> str:
    return waarde.strftime("%H:%M")


# --- works council consent -------------------------------------------------------------------------------


def instemming_representatie(request, rij: Instemming) -> dict:
    return {
        "url": _url(request, f"ondernemingsraadinstemmingen/{rij.uuid}"),
        "uuid": str(rij.uuid),
        "datum": rij.datum.isoformat(),
        "kenmerk": rij.kenmerk,
        "omschrijving": rij.omschrijving,
        "vastgelegdDoor": _url(request, f"gebruikers/{rij.vastgelegd_door.uuid}"),
        "aangemaakt": _tijd(rij.aangemaakt),
        "gewijzigd": _tijd(rij.gewijzigd),
    }


class OrInstemmingSerializer(StrictSerializer):
    datum = serializers.DateField()
    kenmerk = serializers.CharField(max_length=policies.MAX_KENMERK)
    omschrijving = Tekst(max_length=policies.MAX_OMSCHRIJVING)


class InstemmingenView(BasisView):
    """WOR art 27(1)(l): the works council's consent, a condition of RP-06."""

    scopes = {"get": BEHEREN, "post": BEHEREN}
    verwerkingsactiviteit = ACT

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="ondernemingsraadinstemmingen_list")
    def get(self, request):
        actor = actor_van(request)
        qs = selectors.instemmingen(actor).select_related("vastgelegd_door").order_by("-datum", "-id")
        paginator = Paginering()
        page = paginator.paginate_queryset(qs, request, view=self) or []
        services.log_inzage(
            actor,
            "toegangsbewaking.instemming_ingezien",
            ["datum", "kenmerk", "omschrijving"],
            aantal=len(page),
        )
        return paginator.get_paginated_response([instemming_representatie(request, r) for r in page])

    @extend_schema(
        request=OrInstemmingSerializer,
        responses=OpenApiTypes.OBJECT,
        operation_id="ondernemingsraadinstemmingen_create",
    )
    def post(self, request):
        ser = OrInstemmingSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        d = ser.validated_data
        rij = services.leg_instemming_vast(
            actor=actor_van(request),
            datum=d["datum"],
            kenmerk=d["kenmerk"],
            omschrijving=d.get("omschrijving", ""),
        )
        return Response(instemming_representatie(request, rij), status=201)


class InstemmingView(ItemView):
    scopes = {"get": BEHEREN}
    verwerkingsactiviteit = ACT

    def zichtbaar(self, actor, uuid) -> None:
        selectors.instemming_of_404(actor, uuid)

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="ondernemingsraadinstemmingen_read")
    def get(self, request, uuid):
        actor = actor_van(request)
        rij = selectors.instemming_of_404(actor, uuid)
        services.log_inzage(
            actor, "toegangsbewaking.instemming_ingezien", ["datum", "kenmerk", "omschrijving"], object=rij
        )
        return Response(instemming_representatie(request, rij))


# --- the switch (RP-06) -----------------------------------------------------------------------------------


def bewaking_representatie(request, actor) -> dict:
    vv_id = actor.verwerkingsverantwoordelijke_id
    rij = selectors.bewaking(vv_id) or Bewaking(verwerkingsverantwoordelijke_id=vv_id)
    dpia, instemming = selectors.voorwaarden(vv_id)
    return {
        "url": _url(request, "toegangsbewaking"),
        "verwerkingsverantwoordelijke": _url(
            request, f"verwerkingsverantwoordelijken/{actor.organisatie.verwerkingsverantwoordelijke.uuid}"
        ),
        "actief": rij.actief,
        "geactiveerdOp": _tijd(rij.geactiveerd_op) if rij.actief else None,
        "geactiveerdDoor": _url(request, f"gebruikers/{rij.geactiveerd_door.uuid}")
        if rij.actief and rij.geactiveerd_door
        else None,
        "drempels": {
            "maxPersonenPerDag": rij.max_personen_per_dag,
            "werktijdVan": _uur(rij.werktijd_van),
            "werktijdTot": _uur(rij.werktijd_tot),
        },
        "voorwaarden": {
            "dpia": _url(request, f"dpias/{dpia.uuid}") if dpia else None,
            "ondernemingsraadInstemming": instemming_representatie(request, instemming)
            if instemming
            else None,
            "ontbreekt": policies.ontbrekend(dpia is not None, instemming is not None),
        },
    }


class BewakingView(BasisView):
    scopes = {"get": BEHEREN}
    verwerkingsactiviteit = ACT

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="toegangsbewaking_read")
    def get(self, request):
        actor = actor_van(request)
        uit = bewaking_representatie(request, actor)
        services.log_inzage(
            actor, "toegangsbewaking.ingezien", ["actief", "drempels", "voorwaarden"], inrichting=True
        )
        return Response(uit)


class BewakingActiverenSerializer(StrictSerializer):
    maxPersonenPerDag = serializers.IntegerField(
        required=False, min_value=1, max_value=policies.MAX_PERSONEN_GRENS
    )
    werktijdVan = serializers.TimeField(required=False)
    werktijdTot = serializers.TimeField(required=False)


class ActiverenView(BasisView):
    """RP-06: on only with an approved DPIA and the works council's consent (else 409)."""

    scopes = {"post": BEHEREN}
    verwerkingsactiviteit = ACT

    @extend_schema(
        request=BewakingActiverenSerializer,
        responses=OpenApiTypes.OBJECT,
        operation_id="toegangsbewaking_activeren",
    )
    def post(self, request):
        ser = BewakingActiverenSerializer(data=request.data or {})
        ser.is_valid(raise_exception=True)
        d = ser.validated_data
        actor = actor_van(request)
        services.activeer(
            actor=actor,
            max_personen=d.get("maxPersonenPerDag"),
            werktijd_van=d.get("werktijdVan"),
            werktijd_tot=d.get("werktijdTot"),
        )
        return Response(bewaking_representatie(request, actor))


class DeactiverenView(BasisView):
    scopes = {"post": BEHEREN}
    verwerkingsactiviteit = ACT

    @extend_schema(
        request=LeegSerializer, responses=OpenApiTypes.OBJECT, operation_id="toegangsbewaking_deactiveren"
    )
    def post(self, request):
        LeegSerializer(data=request.data or {}).is_valid(raise_exception=True)
        actor = actor_van(request)
        services.deactiveer(actor=actor)
        return Response(bewaking_representatie(request, actor))


# --- alerts -----------------------------------------------------------------------------------------------


def signalering_representatie(request, rij: Signalering) -> dict:
    return {
        "url": _url(request, f"toegangssignaleringen/{rij.uuid}"),
        "uuid": str(rij.uuid),
        "verwerkingsverantwoordelijke": _url(
            request, f"verwerkingsverantwoordelijken/{rij.verwerkingsverantwoordelijke.uuid}"
        ),
        "organisatie": _url(request, f"organisaties/{rij.organisatie.uuid}"),
        "soort": rij.soort,
        "gebruiker": _url(request, f"gebruikers/{rij.gebruiker.uuid}"),
        "dag": rij.dag.isoformat(),
        "aantal": rij.aantal,
        "drempel": rij.drempel,
        "auditregels": [_url(request, f"auditregels/{u}") for u in rij.auditregels],
        "status": rij.status,
        "uitkomst": rij.uitkomst or None,
        "toelichting": crypto.ontsleutel(rij, "toelichting", als_json=False),
        "beoordeeldDoor": _url(request, f"gebruikers/{rij.beoordeeld_door.uuid}")
        if rij.beoordeeld_door
        else None,
        "beoordeeldOp": _tijd(rij.beoordeeld_op),
        "aangemaakt": _tijd(rij.aangemaakt),
        "gewijzigd": _tijd(rij.gewijzigd),
    }


SIGNALERING_VELDEN = [
    "soort",
    "gebruiker",
    "dag",
    "aantal",
    "auditregels",
    "status",
    "uitkomst",
    "toelichting",
]


class SignaleringenView(BasisView):
    """The controller's alerts, open first (RP-06)."""

    scopes = {"get": BEHEREN}
    verwerkingsactiviteit = ACT
    filters = (
        OpenApiParameter("status", str, enum=list(policies.STATUSSEN)),
        OpenApiParameter("soort", str, enum=sorted(policies.SOORTEN)),
    )

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="toegangssignaleringen_list")
    def get(self, request):
        status = request.query_params.get("status")
        soort = request.query_params.get("soort")
        actor = actor_van(request)
        qs = selectors.signaleringen(actor).select_related(
            "gebruiker", "beoordeeld_door", "organisatie", "verwerkingsverantwoordelijke"
        )
        if status:
            qs = qs.filter(status=status)
        if soort:
            qs = qs.filter(soort=soort)
        paginator = Paginering()
        page = paginator.paginate_queryset(qs, request, view=self) or []
        services.log_inzage(actor, "toegangssignalering.lijst_ingezien", SIGNALERING_VELDEN, aantal=len(page))
        return paginator.get_paginated_response([signalering_representatie(request, r) for r in page])


class SignaleringView(ItemView):
    scopes = {"get": BEHEREN}
    verwerkingsactiviteit = ACT

    def zichtbaar(self, actor, uuid) -> None:
        selectors.signalering_of_404(actor, uuid)

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="toegangssignaleringen_read")
    def get(self, request, uuid):
        actor = actor_van(request)
        rij = selectors.signalering_of_404(actor, uuid)
        services.log_inzage(actor, "toegangssignalering.ingezien", SIGNALERING_VELDEN, object=rij)
        return Response(signalering_representatie(request, rij))


class SignaleringBeoordelenSerializer(StrictSerializer):
    uitkomst = serializers.ChoiceField(choices=list(policies.UITKOMSTEN))
    toelichting = Tekst(max_length=policies.MAX_TOELICHTING)


class BeoordelenView(ItemView):
    """`open` → `beoordeeld` with an outcome; an incident needs a toelichting (RP-06)."""

    scopes = {"post": BEHEREN}
    verwerkingsactiviteit = ACT

    def zichtbaar(self, actor, uuid) -> None:
        selectors.signalering_of_404(actor, uuid)

    @extend_schema(
        request=SignaleringBeoordelenSerializer,
        responses=OpenApiTypes.OBJECT,
        operation_id="toegangssignaleringen_beoordelen",
    )
    def post(self, request, uuid):
        ser = SignaleringBeoordelenSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        d = ser.validated_data
        actor = actor_van(request)
        services.beoordeel(
            actor=actor, uuid=uuid, uitkomst=d["uitkomst"], toelichting=d.get("toelichting", "")
        )
        return Response(signalering_representatie(request, selectors.signalering_of_404(actor, uuid)))


URLS: list[URLPattern] = [
    path("toegangsbewaking", BewakingView.as_view()),
    path("toegangsbewaking/_activeren", ActiverenView.as_view()),
    path("toegangsbewaking/_deactiveren", DeactiverenView.as_view()),
    path("ondernemingsraadinstemmingen", InstemmingenView.as_view()),
    path(f"ondernemingsraadinstemmingen/{U}", InstemmingView.as_view()),
    path("toegangssignaleringen", SignaleringenView.as_view()),
    path(f"toegangssignaleringen/{U}", SignaleringView.as_view()),
    path(f"toegangssignaleringen/{U}/_beoordelen", BeoordelenView.as_view()),
]
