"""/api/v1/gebruikersprofiel (API §2.1, AC-07)."""

from __future__ import annotations

from django.db import transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.response import Response

from zorgvuldig.api.base import BasisView, StrictSerializer, absolute
from zorgvuldig.api.pagination import Paginering
from zorgvuldig.api.permissions import actor_van
from zorgvuldig.core.errors import NotFound
from zorgvuldig.organisaties import services
from zorgvuldig.organisaties.models import Organisatie, Verwerkingsverantwoordelijke


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


class VerwerkingsverantwoordelijkeSerializer(serializers.Serializer):
    def to_representation(self, vv):
        return {
            "url": absolute(self.context.get("request"), f"/api/v1/verwerkingsverantwoordelijken/{vv.uuid}"),
            "uuid": str(vv.uuid),
            "code": vv.code,
            "naam": vv.naam,
            "fg": {"naam": vv.fg_naam, "email": vv.fg_email, "telefoon": vv.fg_telefoon},
        }


class OrganisatieSerializer(serializers.Serializer):
    def to_representation(self, org):
        request = self.context.get("request")
        return {
            "url": absolute(request, f"/api/v1/organisaties/{org.uuid}"),
            "uuid": str(org.uuid),
            "code": org.code,
            "verwerkingsverantwoordelijke": absolute(
                request, f"/api/v1/verwerkingsverantwoordelijken/{org.verwerkingsverantwoordelijke.uuid}"
            ),
            "naam": org.naam,
            "type": org.type,
            "sectorwetten": org.sectorwetten,
            "bestuursorgaan": org.bestuursorgaan,
            "adres": {
                "straat": org.adres_straat,
                "huisnummer": org.adres_huisnummer,
                "postcode": org.adres_postcode,
                "plaats": org.adres_plaats,
            },
            "sharing": {"g5Participatiewet": org.g5_participatiewet},
        }


class _Lijst(BasisView):
    """Read-only configuration lists, for any signed-in staff member (API §2.1). Writes: import-config."""

    scopes = {"get": "publiek"}
    verwerkingsactiviteit = "beheer-platform"
    model: type = Organisatie
    serializer: type = OrganisatieSerializer

    def get(self, request):
        paginator = Paginering()
        qs = self.model.objects.order_by("naam", "id")
        if self.model is Organisatie:
            qs = qs.select_related("verwerkingsverantwoordelijke")
        page = paginator.paginate_queryset(qs, request, view=self)
        return paginator.get_paginated_response(
            self.serializer(page, many=True, context={"request": request}).data
        )


class _Item(BasisView):
    scopes = {"get": "publiek"}
    verwerkingsactiviteit = "beheer-platform"
    model: type = Organisatie
    serializer: type = OrganisatieSerializer

    def get(self, request, uuid):
        row = self.model.objects.filter(uuid=uuid).first()
        if row is None:
            raise NotFound()
        return Response(self.serializer(row, context={"request": request}).data)


@extend_schema_view(get=extend_schema(responses=OpenApiTypes.OBJECT, operation_id="organisaties_list"))
class OrganisatiesView(_Lijst):
    pass


@extend_schema_view(get=extend_schema(responses=OpenApiTypes.OBJECT, operation_id="organisaties_read"))
class OrganisatieView(_Item):
    pass


@extend_schema_view(
    get=extend_schema(responses=OpenApiTypes.OBJECT, operation_id="verwerkingsverantwoordelijken_list")
)
class VerwerkingsverantwoordelijkenView(_Lijst):
    model = Verwerkingsverantwoordelijke
    serializer = VerwerkingsverantwoordelijkeSerializer


@extend_schema_view(
    get=extend_schema(responses=OpenApiTypes.OBJECT, operation_id="verwerkingsverantwoordelijken_read")
)
class VerwerkingsverantwoordelijkeView(_Item):
    model = Verwerkingsverantwoordelijke
    serializer = VerwerkingsverantwoordelijkeSerializer
