"""/api/v1/gebruikersprofiel (API §2.1, AC-07)."""

from __future__ import annotations

from django.db import transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.response import Response

from zorgvuldig.api.base import BasisView, StrictSerializer, UTCDateTime, absolute, uuid_uit_url
from zorgvuldig.api.pagination import Paginering
from zorgvuldig.api.permissions import actor_van
from zorgvuldig.core.clock import today
from zorgvuldig.core.errors import NotFound
from zorgvuldig.organisaties import policies, services
from zorgvuldig.organisaties.models import ApiToken, Organisatie, Verwerkingsverantwoordelijke
from zorgvuldig.organisaties.selectors import gebruikers_voor


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
        qs = self.model.objects.order_by("naam", "id")
        if self.model is Organisatie:
            qs = qs.select_related("verwerkingsverantwoordelijke")
        return Paginering.antwoord(qs, request, self, self.serializer)


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


class GebruikerSerializer(serializers.Serializer):
    def to_representation(self, g):
        request = self.context.get("request")
        return {
            "url": absolute(request, f"/api/v1/gebruikers/{g.uuid}"),
            "uuid": str(g.uuid),
            "naam": g.naam,
            "email": g.email,
            "functie": g.functie,
            "organisatie": absolute(request, f"/api/v1/organisaties/{g.organisatie.uuid}"),
            # AC-12: the partner organisation employing the user; null = the organisation it acts for.
            "werkgever": (
                absolute(request, f"/api/v1/organisaties/{g.werkgever.uuid}") if g.werkgever_id else None
            ),
            "rollen": list(g.rollen or []),
            "actief": g.is_active,
        }


class GebruikersView(BasisView):
    scopes = {"get": "publiek"}
    verwerkingsactiviteit = "beheer-platform"
    partner_zonder_namens = True  # a partner system looks up whom it may name (API §1.4)

    @extend_schema(responses=GebruikerSerializer(many=True), operation_id="gebruikers_list")
    def get(self, request):
        return Paginering.antwoord(gebruikers_voor(request.user), request, self, GebruikerSerializer)


class GebruikerView(BasisView):
    scopes = {"get": "publiek"}
    verwerkingsactiviteit = "beheer-platform"

    @extend_schema(responses=GebruikerSerializer, operation_id="gebruikers_read")
    def get(self, request, uuid):
        g = gebruikers_voor(request.user).filter(uuid=uuid).first()
        if g is None:
            raise NotFound()
        return Response(GebruikerSerializer(g, context={"request": request}).data)


class ApiTokenSerializer(serializers.Serializer):
    def to_representation(self, t):
        request = self.context.get("request")
        return {
            "url": absolute(request, f"/api/v1/api-tokens/{t.uuid}"),
            "uuid": str(t.uuid),
            "naam": t.naam,
            "organisatie": absolute(request, f"/api/v1/organisaties/{t.organisatie.uuid}"),
            "scopes": list(t.scopes),
            "geldigTot": t.geldig_tot.isoformat(),
            "laatstGebruikt": UTCDateTime().to_representation(t.laatst_gebruikt),
            "status": policies.token_status(
                ingetrokken=t.ingetrokken_op is not None, geldig_tot=t.geldig_tot, vandaag=today()
            ),
        }


class NieuwTokenSerializer(StrictSerializer):
    naam = serializers.CharField(max_length=100)
    organisatie = serializers.CharField(max_length=300, help_text="URL van de organisatie")
    scopes = serializers.ListField(
        child=serializers.ChoiceField(choices=sorted(policies.PARTNER_SCOPES)), max_length=3
    )
    geldigTot = serializers.DateField()


def _tokens():
    return ApiToken.objects.select_related("organisatie").order_by("organisatie__naam", "naam")


class ApiTokensView(BasisView):
    scopes = {"get": "token:beheren", "post": "token:beheren"}
    verwerkingsactiviteit = "beheer-platform"

    @extend_schema(responses=ApiTokenSerializer(many=True), operation_id="api_tokens_list")
    def get(self, request):
        return Paginering.antwoord(_tokens(), request, self, ApiTokenSerializer)

    @extend_schema(
        request=NieuwTokenSerializer,
        responses={201: OpenApiTypes.OBJECT},
        operation_id="api_tokens_create",
        description="Het geheim (`token`) staat alleen in dit antwoord; bewaard wordt alleen de hash.",
    )
    def post(self, request):
        ser = NieuwTokenSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        d = ser.validated_data
        org_uuid = uuid_uit_url(
            d["organisatie"], resource="organisaties", request=request, veld="organisatie"
        )
        org = Organisatie.objects.select_related("verwerkingsverantwoordelijke").filter(uuid=org_uuid).first()
        if org is None:
            raise serializers.ValidationError({"organisatie": ["Onbekende organisatie."]})
        token, sleutel = services.maak_token(
            actor=actor_van(request),
            organisatie=org,
            naam=d["naam"],
            scopes=d["scopes"],
            geldig_tot=d["geldigTot"],
        )
        body = ApiTokenSerializer(token, context={"request": request}).data | {"token": sleutel}
        return Response(body, status=status.HTTP_201_CREATED)


class ApiTokenView(BasisView):
    scopes = {"get": "token:beheren"}
    verwerkingsactiviteit = "beheer-platform"

    @extend_schema(responses=ApiTokenSerializer, operation_id="api_tokens_read")
    def get(self, request, uuid):
        token = _tokens().filter(uuid=uuid).first()
        if token is None:
            raise NotFound()
        return Response(ApiTokenSerializer(token, context={"request": request}).data)


class ApiTokenIntrekkenView(BasisView):
    scopes = {"post": "token:beheren"}
    verwerkingsactiviteit = "beheer-platform"

    @extend_schema(request=None, responses=ApiTokenSerializer, operation_id="api_tokens_intrekken")
    def post(self, request, uuid):
        token = _tokens().filter(uuid=uuid).first()
        if token is None:
            raise NotFound()
        token = services.trek_token_in(actor=actor_van(request), token=token)
        return Response(ApiTokenSerializer(token, context={"request": request}).data)
