"""/api/v1/personen (API §2.2): thin views over the selectors and services."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from zorgvuldig.api.base import (
    BasisView,
    Bsn,
    ItemView,
    StrictSerializer,
    Tekst,
    UTCDateTime,
    absolute,
    uuid_uit_url,
)
from zorgvuldig.api.pagination import Paginering
from zorgvuldig.api.permissions import actor_van
from zorgvuldig.core.clock import today
from zorgvuldig.personen import selectors, services
from zorgvuldig.personen.models import LEEFTIJDSCATEGORIEEN, RELATIE_SOORTEN, Beoordeling, Persoon


class AdresSerializer(StrictSerializer):
    straat = Tekst(200)
    huisnummer = Tekst(16)
    huisnummertoevoeging = Tekst(16)
    postcode = Tekst(7)
    woonplaats = Tekst(100)


class _BsnVeld(serializers.CharField):
    """Written on registration; answered only to the case team, so never read from the record here: the
    serializer's `to_representation` fills it in or leaves it out (SPEC §3 Visibility)."""

    def get_attribute(self, instance):
        return None


class PersoonSerializer(StrictSerializer):
    url = serializers.SerializerMethodField()
    uuid = serializers.UUIDField(read_only=True)
    bsn = _BsnVeld(required=False, max_length=11, min_length=8)
    heeftBsn = serializers.SerializerMethodField()
    bsnOntbreektReden = Tekst(1000, source="bsn_ontbreekt_reden")
    voornamen = Tekst(200)
    voorvoegsel = Tekst(20)
    geslachtsnaam = serializers.CharField(max_length=200)
    geboortedatum = serializers.DateField(required=False, allow_null=True)
    geboorteplaats = Tekst(100)
    geslacht = serializers.ChoiceField(choices=Persoon.Geslacht.choices, required=False)
    adres = AdresSerializer(required=False, allow_null=True)
    geheimAdres = serializers.BooleanField(source="geheim_adres", required=False)
    adresAfgeschermd = serializers.SerializerMethodField()
    telefoon = Tekst(32)
    email = serializers.EmailField(required=False, allow_blank=True, max_length=254)
    relevantie = Tekst(1000)
    leeftijdscategorie = serializers.SerializerMethodField()
    geschatteLeeftijdscategorie = serializers.ChoiceField(
        choices=LEEFTIJDSCATEGORIEEN, required=False, allow_blank=True, source="geschatte_leeftijdscategorie"
    )
    schattingReden = Tekst(1000, source="schatting_reden")
    vertegenwoordigers = serializers.SerializerMethodField()
    wilsonbekwaam = serializers.SerializerMethodField()
    organisatie = serializers.SerializerMethodField()
    verwerkingsverantwoordelijke = serializers.SerializerMethodField()
    aangemaakt = UTCDateTime(read_only=True)
    gewijzigd = UTCDateTime(read_only=True)

    def _zicht(self, obj) -> dict:
        return self.context.get("zicht", {}).get(obj.pk, {"bsn": False, "adres": not obj.geheim_adres})

    def get_url(self, obj) -> str:
        return absolute(self.context.get("request"), f"/api/v1/personen/{obj.uuid}")

    def get_heeftBsn(self, obj) -> bool:
        return bool(obj.bsn_versleuteld)

    def get_adresAfgeschermd(self, obj) -> bool:
        return not self._zicht(obj)["adres"]

    def get_leeftijdscategorie(self, obj) -> str | None:
        return selectors.leeftijdscategorie(obj)

    def get_vertegenwoordigers(self, obj) -> list[str]:
        request = self.context.get("request")
        return [
            absolute(request, f"/api/v1/personen/{p.uuid}")
            for p in selectors.vertegenwoordigers(obj, today())
        ]

    def get_organisatie(self, obj) -> str:
        return absolute(self.context.get("request"), f"/api/v1/organisaties/{obj.organisatie.uuid}")

    def get_verwerkingsverantwoordelijke(self, obj) -> str:
        vv = obj.verwerkingsverantwoordelijke.uuid
        return absolute(self.context.get("request"), f"/api/v1/verwerkingsverantwoordelijken/{vv}")

    def get_wilsonbekwaam(self, obj) -> bool:
        return selectors.wilsonbekwaam(obj)

    def to_representation(self, obj):
        data = super().to_representation(obj)
        zicht = self._zicht(obj)
        data["adres"] = (
            {
                "straat": obj.adres_straat,
                "huisnummer": obj.adres_huisnummer,
                "huisnummertoevoeging": obj.adres_huisnummertoevoeging,
                "postcode": obj.adres_postcode,
                "woonplaats": obj.adres_woonplaats,
            }
            if zicht["adres"]
            else None
        )
        if zicht["bsn"] and obj.bsn_versleuteld:
            data["bsn"] = selectors.bsn(obj)  # only the case team (SPEC §3 Visibility)
        else:
            data.pop("bsn", None)
        return data

    def naar_service(self) -> dict:
        """camelCase API fields → model field names for the service."""
        data = dict(self.validated_data)
        adres = data.pop("adres", None)
        if adres:
            for key, value in adres.items():
                data[f"adres_{key}"] = value
        return data


class ZoekSerializer(StrictSerializer):
    bsn = Bsn(required=False)
    geslachtsnaam = serializers.CharField(required=False, max_length=200)
    geboortedatum = serializers.DateField(required=False)

    def validate(self, attrs):
        if not attrs.get("bsn") and not (attrs.get("geslachtsnaam") and attrs.get("geboortedatum")):
            raise serializers.ValidationError("Zoek op bsn, of op geslachtsnaam met geboortedatum.")
        return attrs


class PersonenView(BasisView):
    scopes = {"get": "persoon:inzien", "post": "persoon:bewerken"}
    verwerkingsactiviteit = "sociaal-domein-ondersteuning"

    @extend_schema(responses=PersoonSerializer(many=True), operation_id="personen_list")
    def get(self, request):
        actor = actor_van(request)
        qs = (
            selectors.personen_zichtbaar_voor(actor)
            .select_related("organisatie", "verwerkingsverantwoordelijke")
            .order_by("-aangemaakt", "-id")
        )
        paginator = Paginering()
        page = paginator.paginate_queryset(qs, request, view=self)
        ctx = {"request": request, "zicht": selectors.audit_lijst(actor, page)}
        return paginator.get_paginated_response(PersoonSerializer(page, many=True, context=ctx).data)

    @extend_schema(
        request=PersoonSerializer, responses={201: PersoonSerializer}, operation_id="personen_create"
    )
    def post(self, request):
        actor = actor_van(request)
        ser = PersoonSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        persoon = services.registreer_persoon(actor=actor, data=ser.naar_service())
        zicht = selectors.zicht_voor_lijst(actor, [persoon])  # PE-03 even for the one who typed it
        return Response(
            PersoonSerializer(persoon, context={"request": request, "zicht": zicht}).data,
            status=status.HTTP_201_CREATED,
        )


class PersoonItemView(ItemView):
    def zichtbaar(self, actor, uuid) -> None:
        selectors.persoon_of_404(actor, uuid)


class PersoonView(PersoonItemView):
    scopes = {"get": "persoon:inzien", "patch": "persoon:bewerken"}
    verwerkingsactiviteit = "sociaal-domein-ondersteuning"

    @extend_schema(responses=PersoonSerializer, operation_id="personen_read")
    def get(self, request, uuid):
        actor = actor_van(request)
        persoon, zicht = selectors.lees_persoon(actor, uuid)
        return Response(
            PersoonSerializer(persoon, context={"request": request, "zicht": {persoon.pk: zicht}}).data
        )

    @extend_schema(
        request=PersoonSerializer(partial=True),
        responses=PersoonSerializer,
        operation_id="personen_partial_update",
    )
    def patch(self, request, uuid):
        actor = actor_van(request)
        ser = PersoonSerializer(data=request.data, partial=True)
        ser.is_valid(raise_exception=True)
        services.wijzig_persoon(actor=actor, uuid=uuid, data=ser.naar_service())
        persoon, zicht = selectors.lees_persoon(actor, uuid)
        return Response(
            PersoonSerializer(persoon, context={"request": request, "zicht": {persoon.pk: zicht}}).data
        )


class PersonenZoekView(BasisView):
    scopes = {"post": "persoon:inzien"}
    verwerkingsactiviteit = "sociaal-domein-ondersteuning"

    @extend_schema(
        request=ZoekSerializer, responses=PersoonSerializer(many=True), operation_id="personen_zoek"
    )
    def post(self, request):
        actor = actor_van(request)
        ser = ZoekSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        paginator = Paginering()
        gevonden, zicht = selectors.zoek(
            actor, pagina=lambda qs: paginator.paginate_queryset(qs, request, view=self), **ser.validated_data
        )
        ctx = {"request": request, "zicht": zicht}
        return paginator.get_paginated_response(PersoonSerializer(gevonden, many=True, context=ctx).data)


class BeschikkingSerializer(StrictSerializer):
    kenmerk = Tekst(100)
    datum = serializers.DateField(required=False, allow_null=True)
    reikwijdte = serializers.ListField(
        child=serializers.CharField(max_length=40), required=False, max_length=10
    )


class RelatieSerializer(StrictSerializer):
    url = serializers.SerializerMethodField()
    uuid = serializers.UUIDField(read_only=True)
    persoon = serializers.CharField(max_length=300, help_text="URL van de andere persoon")
    soort = serializers.ChoiceField(choices=RELATIE_SOORTEN)
    bewijs = Tekst(300)
    beschikking = BeschikkingSerializer(required=False)
    bereid = serializers.BooleanField(required=False, default=True)
    vanaf = serializers.DateField(required=False, allow_null=True)
    tot = serializers.DateField(required=False, allow_null=True)

    def get_url(self, obj) -> str:
        return absolute(
            self.context.get("request"), f"/api/v1/personen/{obj.persoon.uuid}/relaties/{obj.uuid}"
        )

    def to_representation(self, obj):
        request = self.context.get("request")
        return {
            "url": self.get_url(obj),
            "uuid": str(obj.uuid),
            "persoon": absolute(request, f"/api/v1/personen/{obj.ander.uuid}"),
            "soort": obj.soort,
            "bewijs": obj.bewijs,
            "beschikking": {
                "kenmerk": obj.beschikking_kenmerk,
                "datum": obj.beschikking_datum,
                "reikwijdte": obj.reikwijdte,
            },
            "bereid": obj.bereid,
            "vanaf": obj.vanaf,
            "tot": obj.tot,
        }


class RelatiesView(PersoonItemView):
    scopes = {"get": "persoon:inzien", "post": "persoon:bewerken"}
    verwerkingsactiviteit = "sociaal-domein-ondersteuning"

    @extend_schema(responses=RelatieSerializer(many=True), operation_id="relaties_list")
    def get(self, request, uuid):
        actor = actor_van(request)
        persoon, _ = selectors.lees_persoon(actor, uuid)
        paginator = Paginering()
        page = paginator.paginate_queryset(selectors.relaties_van(persoon), request, view=self)
        data = RelatieSerializer(page, many=True, context={"request": request}).data
        return paginator.get_paginated_response(data)

    @extend_schema(
        request=RelatieSerializer, responses={201: RelatieSerializer}, operation_id="relaties_create"
    )
    def post(self, request, uuid):
        actor = actor_van(request)
        ser = RelatieSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        data = dict(ser.validated_data)
        ander = uuid_uit_url(data.pop("persoon"), request=request)
        beschikking = data.pop("beschikking", None) or {}
        data.update({f"beschikking_{k}": v for k, v in beschikking.items() if k != "reikwijdte"})
        data["reikwijdte"] = beschikking.get("reikwijdte") or []
        relatie = services.registreer_relatie(actor=actor, persoon_uuid=uuid, ander_uuid=ander, data=data)
        return Response(
            RelatieSerializer(relatie, context={"request": request}).data, status=status.HTTP_201_CREATED
        )


class BeoordelingSerializer(StrictSerializer):
    uuid = serializers.UUIDField(read_only=True)
    soort = serializers.ChoiceField(choices=Beoordeling.Soort.choices)
    uitkomst = serializers.BooleanField()
    datum = serializers.DateField()
    redenen = serializers.CharField(max_length=4000)
    beoordelaar = serializers.SerializerMethodField()

    def get_beoordelaar(self, obj) -> str:
        return str(obj.beoordelaar.uuid)


class BeoordelingenView(PersoonItemView):
    scopes = {"get": "persoon:inzien", "post": "persoon:bewerken"}
    verwerkingsactiviteit = "sociaal-domein-ondersteuning"

    @extend_schema(responses=BeoordelingSerializer(many=True), operation_id="beoordelingen_list")
    def get(self, request, uuid):
        actor = actor_van(request)
        persoon, _ = selectors.lees_persoon(actor, uuid)
        paginator = Paginering()
        page = paginator.paginate_queryset(selectors.beoordelingen_van(persoon), request, view=self)
        return paginator.get_paginated_response(BeoordelingSerializer(page, many=True).data)

    @extend_schema(
        request=BeoordelingSerializer,
        responses={201: BeoordelingSerializer},
        operation_id="beoordelingen_create",
    )
    def post(self, request, uuid):
        actor = actor_van(request)
        ser = BeoordelingSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        row = services.registreer_beoordeling(actor=actor, persoon_uuid=uuid, **ser.validated_data)
        return Response(BeoordelingSerializer(row).data, status=status.HTTP_201_CREATED)


class RelatieView(PersoonItemView):
    scopes = {"delete": "persoon:bewerken"}
    verwerkingsactiviteit = "sociaal-domein-ondersteuning"

    @extend_schema(responses={204: None}, operation_id="relaties_delete")
    def delete(self, request, uuid, relatie_uuid):
        services.verwijder_relatie(actor=actor_van(request), persoon_uuid=uuid, relatie_uuid=relatie_uuid)
        return Response(status=status.HTTP_204_NO_CONTENT)


class LidSerializer(StrictSerializer):
    persoon = serializers.CharField(max_length=300, help_text="URL van de persoon")
    vanaf = serializers.DateField(required=False, allow_null=True)
    tot = serializers.DateField(required=False, allow_null=True)


class HuishoudenSerializer(StrictSerializer):
    url = serializers.SerializerMethodField()
    uuid = serializers.UUIDField(read_only=True)
    naam = Tekst(200)
    leden = serializers.ListField(child=LidSerializer(), required=False, max_length=50)

    def get_url(self, obj) -> str:
        return absolute(self.context.get("request"), f"/api/v1/huishoudens/{obj.uuid}")

    def to_representation(self, obj):
        request = self.context.get("request")
        return {
            "url": self.get_url(obj),
            "uuid": str(obj.uuid),
            "naam": obj.naam,
            "leden": [
                {
                    "persoon": absolute(request, f"/api/v1/personen/{lid.persoon.uuid}"),
                    "vanaf": lid.vanaf,
                    "tot": lid.tot,
                }
                for lid in obj.leden.select_related("persoon").order_by("id")
            ],
        }

    def leden_voor_service(self) -> list[dict] | None:
        leden = self.validated_data.get("leden")
        if leden is None:
            return None
        request = self.context.get("request")
        return [
            {**lid, "persoon": uuid_uit_url(lid["persoon"], request=request, veld="leden.persoon")}
            for lid in leden
        ]


class HuishoudensView(BasisView):
    scopes = {"get": "persoon:inzien", "post": "persoon:bewerken"}
    verwerkingsactiviteit = "sociaal-domein-ondersteuning"

    @extend_schema(responses=HuishoudenSerializer(many=True), operation_id="huishoudens_list")
    def get(self, request):
        actor = actor_van(request)
        paginator = Paginering()
        page = paginator.paginate_queryset(
            selectors.huishoudens_zichtbaar_voor(actor).order_by("-id"), request, view=self
        )
        rows = selectors.lees_huishoudens(actor, page)
        return paginator.get_paginated_response(
            HuishoudenSerializer(rows, many=True, context={"request": request}).data
        )

    @extend_schema(
        request=HuishoudenSerializer, responses={201: HuishoudenSerializer}, operation_id="huishoudens_create"
    )
    def post(self, request):
        ser = HuishoudenSerializer(data=request.data, context={"request": request})
        ser.is_valid(raise_exception=True)
        row = services.registreer_huishouden(
            actor=actor_van(request),
            naam=ser.validated_data.get("naam", ""),
            leden=ser.leden_voor_service() or [],
        )
        return Response(
            HuishoudenSerializer(row, context={"request": request}).data, status=status.HTTP_201_CREATED
        )


class HuishoudenView(ItemView):
    scopes = {"get": "persoon:inzien", "patch": "persoon:bewerken"}
    verwerkingsactiviteit = "sociaal-domein-ondersteuning"

    def zichtbaar(self, actor, uuid) -> None:
        selectors.huishouden_of_404(actor, uuid)

    @extend_schema(responses=HuishoudenSerializer, operation_id="huishoudens_read")
    def get(self, request, uuid):
        actor = actor_van(request)
        huishouden, _ = selectors.huishouden_of_404(actor, uuid)
        selectors.lees_huishoudens(actor, [huishouden])
        return Response(HuishoudenSerializer(huishouden, context={"request": request}).data)

    @extend_schema(
        request=HuishoudenSerializer(partial=True),
        responses=HuishoudenSerializer,
        operation_id="huishoudens_partial_update",
    )
    def patch(self, request, uuid):
        ser = HuishoudenSerializer(data=request.data, partial=True, context={"request": request})
        ser.is_valid(raise_exception=True)
        row = services.wijzig_huishouden(
            actor=actor_van(request),
            uuid=uuid,
            naam=ser.validated_data.get("naam"),
            leden=ser.leden_voor_service(),
        )
        return Response(HuishoudenSerializer(row, context={"request": request}).data)
