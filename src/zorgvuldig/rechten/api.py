"""/api/v1/verzoeken (API §2.8): requests of data subjects, their decisions and the inzage answer."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response

from zorgvuldig.api.base import (
    BasisView,
    Bsn,
    ItemView,
    LeegSerializer,
    StrictSerializer,
    Tekst,
    absolute,
    uuid_uit_url,
)
from zorgvuldig.api.pagination import Paginering
from zorgvuldig.api.permissions import actor_van
from zorgvuldig.personen.policies import HOEDANIGHEDEN
from zorgvuldig.rechten import policies, selectors, services

ACT = "rechten-betrokkenen"
REGISTREREN = "verzoek:registreren"
BESLUITEN = "verzoek:besluiten"


def _url(request, pad: str) -> str:
    return absolute(request, f"/api/v1/{pad}")


def representatie(request, verzoek) -> dict:
    inhoud = selectors.inhoud(verzoek)
    besluit = dict(verzoek.besluit)
    if besluit:
        besluit["redenen"] = inhoud.get("besluitRedenen", "")
        if besluit.get("mandaat"):
            besluit["mandaat"] = besluit["mandaat"]["uuid"]
    return {
        "url": _url(request, f"verzoeken/{verzoek.uuid}"),
        "uuid": str(verzoek.uuid),
        "soort": verzoek.soort,
        "status": verzoek.status,
        "betrokkene": {"persoon": _url(request, f"personen/{verzoek.persoon.uuid}")},
        "indiener": {"persoon": _url(request, f"personen/{verzoek.indiener.uuid}")}
        if verzoek.indiener
        else ({"naam": inhoud["indienerNaam"]} if inhoud.get("indienerNaam") else None),
        "hoedanigheid": verzoek.hoedanigheid,
        "toestemming": _url(request, f"toestemmingen/{verzoek.toestemming.uuid}")
        if verzoek.toestemming
        else None,
        "ontvangenOp": verzoek.ontvangen_op,
        "schriftelijk": verzoek.schriftelijk,
        "onderwerp": {"dossier": _url(request, f"dossiers/{verzoek.dossier.uuid}")}
        if verzoek.dossier
        else ({"verwijsindex": True} if verzoek.verwijsindex else None),
        "items": verzoek.items,
        "toelichting": inhoud.get("toelichting", ""),
        **selectors.termijnen(verzoek),
        "verlenging": {"maanden": verzoek.verlenging_maanden, "redenen": inhoud.get("verlengingRedenen", "")}
        if verzoek.verlenging_maanden
        else None,
        "besluit": besluit or None,
        "uitvoering": verzoek.uitvoering or None,
        "naamVermelding": {"redenen": inhoud.get("naamVermeldingRedenen", "")}
        if verzoek.naam_vermelding
        else None,
        "behandelaar": _url(request, f"gebruikers/{verzoek.behandelaar.uuid}"),
        "aangemaakt": verzoek.aangemaakt,
    }


class VerzoekBetrokkeneSerializer(StrictSerializer):
    persoon = Tekst(300)
    bsn = serializers.CharField(min_length=8, max_length=11, required=False, write_only=True)


class VerzoekIndienerSerializer(StrictSerializer):
    persoon = Tekst(300)
    naam = Tekst(200)


class VerzoekOnderwerpSerializer(StrictSerializer):
    dossier = Tekst(300)
    verwijsindex = serializers.BooleanField(required=False)


class VerzoekSerializer(StrictSerializer):
    soort = serializers.ChoiceField(choices=policies.SOORTEN)
    betrokkene = VerzoekBetrokkeneSerializer()
    indiener = VerzoekIndienerSerializer(required=False)
    hoedanigheid = serializers.ChoiceField(choices=HOEDANIGHEDEN)
    toestemming = Tekst(300)
    ontvangenOp = serializers.DateField(required=False)
    schriftelijk = serializers.BooleanField(required=False)
    onderwerp = VerzoekOnderwerpSerializer(required=False)
    items = serializers.ListField(child=serializers.UUIDField(), max_length=200, required=False)
    toelichting = Tekst(4000)


def _betrokkene(request, v: dict) -> dict:
    from zorgvuldig.personen.services import normaliseer_bsn

    b = v["betrokkene"]
    if bool(b.get("persoon")) == bool(b.get("bsn")):
        raise serializers.ValidationError({"betrokkene": ["Geef de persoon of het BSN, niet beide."]})
    if b.get("persoon"):
        return {"persoon": uuid_uit_url(b["persoon"], request=request, veld="betrokkene.persoon")}
    return {"bsn": normaliseer_bsn(b["bsn"])}


def naar_service(request, v: dict) -> dict:
    indiener = v.get("indiener") or {}
    onderwerp = v.get("onderwerp") or {}
    return {
        **_betrokkene(request, v),
        "soort": v["soort"],
        "hoedanigheid": v["hoedanigheid"],
        "indiener": uuid_uit_url(indiener["persoon"], request=request, veld="indiener.persoon")
        if indiener.get("persoon")
        else None,
        "indiener_naam": indiener.get("naam", ""),
        "toestemming": uuid_uit_url(
            v["toestemming"], resource="toestemmingen", request=request, veld="toestemming"
        )
        if v.get("toestemming")
        else None,
        "ontvangen_op": v.get("ontvangenOp"),
        "schriftelijk": v.get("schriftelijk", True),
        "dossier": uuid_uit_url(
            onderwerp["dossier"], resource="dossiers", request=request, veld="onderwerp.dossier"
        )
        if onderwerp.get("dossier")
        else None,
        "verwijsindex": onderwerp.get("verwijsindex", False),
        "items": v.get("items", []),
        "toelichting": v.get("toelichting", ""),
    }


class VerzoekenView(BasisView):
    scopes = {"get": REGISTREREN, "post": REGISTREREN}
    verwerkingsactiviteit = ACT

    filters = (
        OpenApiParameter("status", str, enum=list(policies.STATUSSEN)),
        OpenApiParameter("soort", str, enum=list(policies.SOORTEN)),
    )

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="verzoeken_list")
    def get(self, request):
        actor = actor_van(request)
        # persons, consents and dossiers may be another organisation's rows: `log_lijst` reads them
        # past row security once the request is visible (a join here would hide the request)
        qs = selectors.verzoeken_zichtbaar_voor(actor).select_related("organisatie", "behandelaar")
        q = request.query_params
        for param in ("status", "soort"):
            if q.get(param):
                qs = qs.filter(**{param: q[param]})
        paginator = Paginering()
        page = paginator.paginate_queryset(qs.order_by("-ontvangen_op", "-id"), request, view=self)
        selectors.log_lijst(actor, page)
        return paginator.get_paginated_response([representatie(request, v) for v in page])

    @extend_schema(
        request=VerzoekSerializer, responses={201: OpenApiTypes.OBJECT}, operation_id="verzoeken_create"
    )
    def post(self, request):
        ser = VerzoekSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        verzoek = services.registreer(
            actor=actor_van(request), data=naar_service(request, ser.validated_data)
        )
        return Response(representatie(request, verzoek), status=status.HTTP_201_CREATED)


class VerzoekZoekSerializer(StrictSerializer):
    bsn = Bsn()


class VerzoekenZoekView(BasisView):
    """The requests about a person, found by BSN in the body (never in a URL)."""

    scopes = {"post": REGISTREREN}
    verwerkingsactiviteit = ACT

    @extend_schema(
        request=VerzoekZoekSerializer, responses=OpenApiTypes.OBJECT, operation_id="verzoeken_zoek"
    )
    def post(self, request):
        ser = VerzoekZoekSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        actor = actor_van(request)
        gevonden = selectors.zoek_op_bsn(actor, ser.validated_data["bsn"])
        selectors.log_lijst(actor, gevonden)
        return Paginering.lijst([representatie(request, v) for v in gevonden], request, self)


class VerzoekItemView(ItemView):
    verwerkingsactiviteit = ACT

    def zichtbaar(self, actor, uuid) -> None:
        selectors.verzoek_of_404(actor, uuid)


class NaamVermeldingSerializer(StrictSerializer):
    redenen = serializers.CharField(max_length=4000, allow_blank=True)


class VerzoekWijzigSerializer(StrictSerializer):
    toelichting = Tekst(4000)
    items = serializers.ListField(child=serializers.UUIDField(), max_length=200, required=False)
    naamVermelding = NaamVermeldingSerializer(required=False)


class VerzoekView(VerzoekItemView):
    scopes = {"get": REGISTREREN, "patch": REGISTREREN}

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="verzoeken_read")
    def get(self, request, uuid):
        return Response(representatie(request, selectors.lees(actor_van(request), uuid)))

    @extend_schema(
        request=VerzoekWijzigSerializer,
        responses=OpenApiTypes.OBJECT,
        operation_id="verzoeken_partial_update",
    )
    def patch(self, request, uuid):
        ser = VerzoekWijzigSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        actor = actor_van(request)
        if "naamVermelding" in v and len(v) > 1:
            # two acts by different roles (FG: RI-17; handler: the request) never share one call
            raise serializers.ValidationError({"naamVermelding": ["Stuur de naamvermelding apart."]})
        if "naamVermelding" in v:
            verzoek = services.vermeld_namen(actor=actor, uuid=uuid, redenen=v["naamVermelding"]["redenen"])
        if "toelichting" in v or "items" in v:
            verzoek = services.wijzig(
                actor=actor, uuid=uuid, toelichting=v.get("toelichting"), items=v.get("items")
            )
        if not v:
            raise serializers.ValidationError({"body": ["Niets te wijzigen."]})
        return Response(representatie(request, verzoek))


class VerzoekVerifieerSerializer(StrictSerializer):
    identiteitGecontroleerd = serializers.BooleanField()
    hoedanigheidGecontroleerd = serializers.BooleanField()


class VerifierenView(VerzoekItemView):
    scopes = {"post": REGISTREREN}

    @extend_schema(
        request=VerzoekVerifieerSerializer, responses=OpenApiTypes.OBJECT, operation_id="verzoeken_verifieren"
    )
    def post(self, request, uuid):
        ser = VerzoekVerifieerSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        verzoek = services.verifieer(
            actor=actor_van(request),
            uuid=uuid,
            identiteit=v["identiteitGecontroleerd"],
            hoedanigheid=v["hoedanigheidGecontroleerd"],
        )
        return Response(representatie(request, verzoek))


def _zonder_body(naam: str, service):
    class View(VerzoekItemView):
        scopes = {"post": BESLUITEN}

        @extend_schema(
            request=LeegSerializer, responses=OpenApiTypes.OBJECT, operation_id=f"verzoeken_{naam}"
        )
        def post(self, request, uuid):
            LeegSerializer(data=request.data or {}).is_valid(raise_exception=True)
            return Response(representatie(request, service(actor=actor_van(request), uuid=uuid)))

    View.__name__ = f"{naam.capitalize()}View"
    return View


BeoordelenView = _zonder_body("beoordelen", services.beoordeel)
AfsluitenView = _zonder_body("afsluiten", services.sluit)


class VerzoekVerlengSerializer(StrictSerializer):
    maanden = serializers.IntegerField(min_value=0, max_value=12)
    redenen = serializers.CharField(max_length=4000, allow_blank=True)


class VerlengenView(VerzoekItemView):
    scopes = {"post": BESLUITEN}

    @extend_schema(
        request=VerzoekVerlengSerializer, responses=OpenApiTypes.OBJECT, operation_id="verzoeken_verlengen"
    )
    def post(self, request, uuid):
        ser = VerzoekVerlengSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        verzoek = services.verleng(
            actor=actor_van(request), uuid=uuid, maanden=v["maanden"], redenen=v["redenen"]
        )
        return Response(representatie(request, verzoek))


class VerzoekAchtergehoudenSerializer(StrictSerializer):
    item = serializers.UUIDField()
    grond = serializers.ChoiceField(choices=policies.GRONDCODES)


class VerzoekBeperkingSerializer(StrictSerializer):
    redenen = serializers.CharField(max_length=4000, allow_blank=True)


class VerzoekBesluitSerializer(StrictSerializer):
    uitkomst = serializers.ChoiceField(choices=policies.UITKOMSTEN)
    redenen = serializers.CharField(max_length=8000, allow_blank=True)
    weigeringsgronden = serializers.ListField(
        child=serializers.ChoiceField(choices=policies.GRONDCODES), max_length=12, required=False
    )
    achtergehouden = serializers.ListField(
        child=VerzoekAchtergehoudenSerializer(), max_length=500, required=False
    )
    mandaat = serializers.UUIDField(required=False, allow_null=True)
    beperkingVertegenwoordiger = VerzoekBeperkingSerializer(required=False)
    verzondenOp = serializers.DateField(required=False)


class BesluitenView(VerzoekItemView):
    scopes = {"post": BESLUITEN}

    @extend_schema(
        request=VerzoekBesluitSerializer, responses=OpenApiTypes.OBJECT, operation_id="verzoeken_besluiten"
    )
    def post(self, request, uuid):
        ser = VerzoekBesluitSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        verzoek = services.besluit(
            actor=actor_van(request),
            uuid=uuid,
            data={
                "uitkomst": v["uitkomst"],
                "redenen": v["redenen"],
                "weigeringsgronden": v.get("weigeringsgronden", []),
                "achtergehouden": v.get("achtergehouden", []),
                "mandaat": v.get("mandaat"),
                "beperking_vertegenwoordiger": v.get("beperkingVertegenwoordiger"),
                "verzonden_op": v.get("verzondenOp"),
            },
        )
        return Response(representatie(request, verzoek))


class VerzoekNotificatieSerializer(StrictSerializer):
    verstrekking = serializers.UUIDField()
    datum = serializers.DateField(required=False)
    overgeslagenReden = Tekst(2000)


class VerzoekUitvoerSerializer(StrictSerializer):
    datum = serializers.DateField(required=False)
    vorm = serializers.ChoiceField(choices=policies.UITVOERVORMEN, required=False)
    toelichting = Tekst(4000)
    notificaties = serializers.ListField(
        child=VerzoekNotificatieSerializer(), max_length=1000, required=False
    )


class UitvoerenView(VerzoekItemView):
    scopes = {"post": BESLUITEN}

    @extend_schema(
        request=VerzoekUitvoerSerializer, responses=OpenApiTypes.OBJECT, operation_id="verzoeken_uitvoeren"
    )
    def post(self, request, uuid):
        ser = VerzoekUitvoerSerializer(data=request.data or {})
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        verzoek = services.voer_uit(
            actor=actor_van(request),
            uuid=uuid,
            data={
                "datum": v.get("datum"),
                "vorm": v.get("vorm", "schriftelijk"),
                "toelichting": v.get("toelichting", ""),
                "notificaties": [
                    {
                        "verstrekking": n["verstrekking"],
                        "datum": n.get("datum"),
                        "overgeslagen_reden": n.get("overgeslagenReden", ""),
                    }
                    for n in v.get("notificaties", [])
                ],
            },
        )
        return Response(representatie(request, verzoek))


class PdfRenderer(BaseRenderer):
    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class OverzichtView(VerzoekItemView):
    """The inzage answer (RI-05, RI-17): once executed, exactly what was sent; before, the handler's
    preview with what the rules leave out (`uitgesloten`), to decide what to withhold."""

    scopes = {"get": BESLUITEN}
    renderer_classes = [JSONRenderer, PdfRenderer]

    def handle_exception(self, exc):
        # A refusal is problem+json (API §1.5), also when the caller asked for a PDF.
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)

    @extend_schema(
        responses={
            (200, "application/json"): OpenApiTypes.OBJECT,
            (200, "application/pdf"): OpenApiTypes.BINARY,
        },
        operation_id="verzoeken_overzicht",
    )
    def get(self, request, uuid):
        from zorgvuldig.rechten.pdf import antwoord

        pdf = request.accepted_renderer.format == "pdf"
        verzoek, overzicht, uitgesloten = selectors.overzicht(actor_van(request), uuid, alleen_verstuurd=pdf)
        if pdf:
            return antwoord(verzoek, overzicht)
        data = {"verzoek": _url(request, f"verzoeken/{verzoek.uuid}"), **overzicht}
        if uitgesloten is not None:
            data["uitgesloten"] = uitgesloten
            # SH-14: what the answer would reveal of a postponement, for the decider (ADR 0013 item 12)
            data["uitstelLoopt"] = selectors.uitstel_loopt(verzoek, overzicht)
        return Response(data)
