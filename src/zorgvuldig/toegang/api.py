"""/api/v1/toegangen (API §2.1, AC-14)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from zorgvuldig.api.base import BasisView, StrictSerializer, absolute, uuid_uit_url
from zorgvuldig.api.pagination import Paginering
from zorgvuldig.api.permissions import actor_van
from zorgvuldig.core.clock import today
from zorgvuldig.core.errors import NotFound
from zorgvuldig.organisaties.models import Gebruiker, Organisatie
from zorgvuldig.personen.selectors import persoon_voor_toegangsbeheer
from zorgvuldig.toegang import policies, services
from zorgvuldig.toegang.models import Bron
from zorgvuldig.toegang.selectors import beoordeling_van, gefilterd, toegangen_zichtbaar_voor


def _noodtoegang(t) -> dict | None:
    """AC-11 (ADR 0006 item 41): a break-glass grant's review, for the FG and the leidinggevende."""
    b = beoordeling_van(t)
    if b is None:
        return None
    door = b["beoordeeld_door"]
    return {
        "beoordeling": b["status"],
        "beoordelenVoor": b["beoordelen_voor"].isoformat(),
        "beoordeeldDoor": str(door.uuid) if door else None,
        "beoordeeldOp": b["beoordeeld_op"].isoformat() if b["beoordeeld_op"] else None,
        "toelichting": b["toelichting"] or None,
        "dreigingVoor": b["dreiging_voor"],
    }


class ToegangSerializer(serializers.Serializer):
    def to_representation(self, t):
        request = self.context.get("request")
        return {
            "url": absolute(request, f"/api/v1/toegangen/{t.uuid}"),
            "uuid": str(t.uuid),
            "bron": t.bron,
            "ontvanger": {
                "gebruiker": str(t.ontvanger_gebruiker.uuid) if t.ontvanger_gebruiker else None,
                "organisatie": str(t.ontvanger_organisatie.uuid) if t.ontvanger_organisatie else None,
            },
            "object": {"type": t.object_type},
            "secties": t.secties,
            "rechten": t.rechten,
            "reden": t.reden,
            "herkomst": t.herkomst,
            "verleendDoor": str(t.verleend_door.uuid) if t.verleend_door else None,
            "geldigVanaf": t.geldig_vanaf.isoformat(),
            "geldigTot": t.geldig_tot.isoformat() if t.geldig_tot else None,
            "geldig": t.geldig(today()),
            "ingetrokkenOp": t.ingetrokken_op.isoformat() if t.ingetrokken_op else None,
            "wettelijk": t.wettelijk or None,
            "noodtoegang": _noodtoegang(t),
        }


class WettelijkSerializer(StrictSerializer):
    instantie = serializers.CharField(max_length=200)
    bepaling = serializers.CharField(max_length=200)
    doel = serializers.CharField(max_length=300)


class VerleenSerializer(StrictSerializer):
    bron = serializers.ChoiceField(choices=sorted(b.value for b in services.PERSOONLIJK_VERLEENBAAR))
    gebruiker = serializers.UUIDField()
    object = serializers.CharField(max_length=300, help_text="URL van de persoon of het dossier")
    secties = serializers.ListField(child=serializers.CharField(max_length=40), required=False, max_length=20)
    rechten = serializers.ListField(
        child=serializers.ChoiceField(choices=sorted(services.RECHTEN)), required=False, max_length=4
    )
    reden = serializers.CharField(max_length=2000)
    geldigVanaf = serializers.DateField(required=False)
    geldigTot = serializers.DateField(required=False, allow_null=True)
    wettelijk = WettelijkSerializer(required=False)


class ToegangenView(BasisView):
    scopes = {"get": "toegang:lezen"}
    verwerkingsactiviteit = "toegangsbeheer"
    filters = (
        OpenApiParameter("bron", str, enum=list(Bron.values), description="Bron van de toegang (AC-14)."),
        OpenApiParameter(
            "beoordeling",
            str,
            enum=list(policies.BEOORDELINGEN),
            description="Alleen noodtoegang, naar stand van de beoordeling (AC-11).",
        ),
    )

    @extend_schema(responses=ToegangSerializer(many=True), operation_id="toegangen_list")
    def get(self, request):
        actor = actor_van(request)
        qs = gefilterd(
            toegangen_zichtbaar_voor(actor),
            bron=request.query_params.get("bron"),
            beoordeling=request.query_params.get("beoordeling"),
        )
        paginator = Paginering()
        page = paginator.paginate_queryset(qs.order_by("-id"), request, view=self)
        services.log_inzage(actor, page)
        return paginator.get_paginated_response(
            ToegangSerializer(page, many=True, context={"request": request}).data
        )


class ToegangView(BasisView):
    scopes = {"get": "toegang:lezen"}
    verwerkingsactiviteit = "toegangsbeheer"

    @extend_schema(responses=ToegangSerializer, operation_id="toegangen_read")
    def get(self, request, uuid):
        actor = actor_van(request)
        grant = toegangen_zichtbaar_voor(actor).filter(uuid=uuid).first()
        if grant is None:
            raise NotFound()
        services.log_inzage(actor, [grant])
        return Response(ToegangSerializer(grant, context={"request": request}).data)


def _object_voor_toegang(actor, url: str, bron: str, request):
    """A grant's object: a person, or (statutory access to the log, AC-09) an organisation of the FG's
    own controller."""
    if "/api/v1/organisaties/" in url:
        uuid = uuid_uit_url(url, resource="organisaties", request=request, veld="object")
        if bron != Bron.WETTELIJK or "fg" not in actor.rollen:
            raise serializers.ValidationError(
                {"object": ["Alleen de FG geeft wettelijke toegang tot het logboek."]}
            )
        org = Organisatie.objects.filter(
            uuid=uuid, verwerkingsverantwoordelijke=actor.verwerkingsverantwoordelijke_id
        )
        found = org.first()
        if found is None:
            raise NotFound()
        return found
    if "/api/v1/dossiers/" in url:
        from zorgvuldig.dossiers.selectors import dossier_voor_toegangsbeheer

        return dossier_voor_toegangsbeheer(
            actor, uuid_uit_url(url, resource="dossiers", request=request, veld="object")
        )
    return persoon_voor_toegangsbeheer(actor, uuid_uit_url(url, request=request, veld="object"))


class VerleenView(BasisView):
    scopes = {"post": "toegang:verlenen"}
    verwerkingsactiviteit = "toegangsbeheer"

    @extend_schema(
        request=VerleenSerializer, responses={201: ToegangSerializer}, operation_id="toegangen_verlenen"
    )
    def post(self, request):
        actor = actor_van(request)
        ser = VerleenSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        d = ser.validated_data
        doel = _object_voor_toegang(actor, d["object"], d["bron"], request)
        ontvanger = Gebruiker.objects.filter(uuid=d["gebruiker"], is_active=True).first()
        if ontvanger is None:
            raise serializers.ValidationError({"gebruiker": ["Onbekende gebruiker."]})
        grant = services.verleen(
            actor=actor,
            object=doel,
            bron=d["bron"],
            ontvanger_gebruiker=ontvanger,
            reden=d["reden"],
            rechten=frozenset(d.get("rechten") or ["lezen"]),
            vanaf=d.get("geldigVanaf"),
            tot=d.get("geldigTot"),
            secties=d.get("secties") or [],
            wettelijk=d.get("wettelijk"),
        )
        return Response(
            ToegangSerializer(grant, context={"request": request}).data, status=status.HTTP_201_CREATED
        )


class IntrekkenView(BasisView):
    scopes = {"post": "toegang:verlenen"}
    verwerkingsactiviteit = "toegangsbeheer"

    @extend_schema(request=None, responses=ToegangSerializer, operation_id="toegangen_intrekken")
    def post(self, request, uuid):
        grant = services.trek_in(actor=actor_van(request), uuid=uuid)
        return Response(ToegangSerializer(grant, context={"request": request}).data)


__all__ = ["Bron", "IntrekkenView", "ToegangView", "ToegangenView", "VerleenView"]
