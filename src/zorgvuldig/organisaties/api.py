"""/api/v1/gebruikersprofiel (API §2.1, AC-07)."""

from __future__ import annotations

from django.db import transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from zorgvuldig.api.base import BasisView, StrictSerializer
from zorgvuldig.api.permissions import actor_van
from zorgvuldig.organisaties import services


def profiel(actor) -> dict:
    g = actor.gebruiker
    return {
        "uuid": str(g.uuid),
        "naam": g.naam,
        "email": g.email,
        "functie": g.functie,
        "organisatie": {"uuid": str(g.organisatie.uuid), "naam": g.organisatie.naam},
        "rollen": sorted(actor.rollen),
        "scopes": sorted(actor.scopes),
        "geheimhoudingsverklaringOp": g.geheimhoudingsverklaring_op.isoformat()
        if g.geheimhoudingsverklaring_op
        else None,
    }


class VerklaringSerializer(StrictSerializer):
    versie = serializers.CharField(max_length=32)


class GebruikersprofielView(BasisView):
    scopes = {"get": "publiek"}
    zonder_verklaring = True

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="gebruikersprofiel_read")
    def get(self, request):
        return Response(profiel(actor_van(request)))


class GeheimhoudingsverklaringView(BasisView):
    scopes = {"post": "publiek"}
    zonder_verklaring = True

    @extend_schema(
        request=VerklaringSerializer,
        responses=OpenApiTypes.OBJECT,
        operation_id="gebruikersprofiel_geheimhoudingsverklaring",
    )
    def post(self, request):
        ser = VerklaringSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        actor = actor_van(request)
        with transaction.atomic():
            services.aanvaard_verklaring(actor=actor, versie=ser.validated_data["versie"])
        return Response(profiel(actor))
