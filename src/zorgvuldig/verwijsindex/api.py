"""/api/v1/signalen and /matches (API §2.3): thin views over the verwijsindex selectors and services.

There is no search and no browse of the index (VI-01): lists hold only the caller's own (or, for the
*leidinggevende*, the organisation's) signals and the matches the caller is in."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, PolymorphicProxySerializer, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from zorgvuldig.api import parameters
from zorgvuldig.api.base import (
    AlleenTekst,
    BasisView,
    Bsn,
    ItemView,
    LeegSerializer,
    StrictSerializer,
    Tekst,
    UTCDateTime,
    absolute,
    uuid_uit_url,
)
from zorgvuldig.api.pagination import CURSOR, Paginering, PositiePaginering
from zorgvuldig.api.permissions import actor_van
from zorgvuldig.core.errors import DomainError, InvalidParam, NotFound
from zorgvuldig.verwijsindex import policies, selectors, services
from zorgvuldig.verwijsindex.models import Match, Signaal

SIGNAAL_SCOPE = "signaal:registreren|signaal:beheren"
# The lists also serve the VI-beheerder, in a technical view without subject or signaler data (API §2.3).
LIJST_SCOPE = f"{SIGNAAL_SCOPE}|vi:beheren"
ACT = "verwijsindex"


# --- serializers -----------------------------------------------------------------------------------


class JongereSerializer(StrictSerializer):
    naam = Tekst(200)
    adres = Tekst(300)
    woonplaats = Tekst(100)
    geslacht = serializers.ChoiceField(choices=["man", "vrouw", "x", "onbekend"], required=False)
    geboortedatum = serializers.DateField(required=False, allow_null=True)
    geboorteplaats = Tekst(100)


class JongereUitSerializer(serializers.Serializer):
    naam = serializers.CharField()
    adres = serializers.CharField(allow_null=True, help_text="null: geheim adres (VI-10)")
    woonplaats = serializers.CharField(allow_null=True)
    geslacht = serializers.CharField()
    geboortedatum = serializers.DateField(allow_null=True)
    geboorteplaats = serializers.CharField()


class SignaalInSerializer(serializers.Serializer):
    """What a client may send: the configured field set (VI-09). Other keys are refused by the service
    with E_VI_FIELD_NOT_ALLOWED, so this serializer is deliberately not strict."""

    bsn = AlleenTekst(required=False, allow_blank=True, max_length=11)  # a JSON number is refused (API §1.1)
    jongere = JongereSerializer(required=False)
    bronorganisatie = Tekst(200)
    bekendSinds = serializers.DateField(required=False, allow_null=True)


class SignaleerderSerializer(serializers.Serializer):
    naam = serializers.CharField()
    functie = serializers.CharField()
    organisatie = serializers.CharField()
    organisatieAdres = serializers.CharField()
    email = serializers.CharField()
    telefoon = serializers.CharField()


class OverdrachtSerializer(serializers.Serializer):
    van = serializers.CharField()
    naar = serializers.CharField()
    door = serializers.CharField()
    datum = serializers.DateField()
    reden = serializers.CharField()
    aanvaard = serializers.BooleanField()


class SignaalSerializer(serializers.Serializer):
    url = serializers.URLField()
    uuid = serializers.UUIDField()
    organisatie = serializers.URLField()
    status = serializers.ChoiceField(choices=[policies.CONCEPT, policies.ACTIEF])
    match = serializers.URLField(allow_null=True)
    overdrachten = OverdrachtSerializer(many=True)
    bsn = serializers.CharField()
    signaleerder = SignaleerderSerializer()
    signaleringstijdstip = UTCDateTime(allow_null=True)
    verwijderdatum = serializers.DateField(allow_null=True)
    jongere = JongereUitSerializer(required=False)
    bronorganisatie = serializers.CharField(required=False)
    bekendSinds = serializers.DateField(required=False, allow_null=True)
    aangemaakt = UTCDateTime()
    gewijzigd = UTCDateTime()


class InstemmingSerializer(StrictSerializer):
    uitkomst = serializers.ChoiceField(choices=[policies.GEGEVEN, policies.GEWEIGERD, policies.ONMOGELIJK])
    met = serializers.ListField(
        child=serializers.ChoiceField(choices=[policies.JONGERE, policies.VERTEGENWOORDIGER]),
        required=False,
        max_length=2,
    )
    datum = serializers.DateField(required=False, allow_null=True)
    redenOnmogelijk = Tekst(2000)


class VierVragenSerializer(StrictSerializer):
    legitiemDoel = serializers.BooleanField(required=False)
    enigeWeg = serializers.BooleanField(required=False)
    instemmingOnmogelijkOfGezocht = serializers.BooleanField(required=False)
    belangJongereWeegtZwaarder = serializers.BooleanField(required=False)
    toelichting = Tekst(4000)


class InformatieplichtSerializer(StrictSerializer):
    methode = serializers.ChoiceField(choices=list(policies.INFO_METHODEN))
    datum = serializers.DateField()


class RisicobesprekingSerializer(StrictSerializer):
    met = serializers.ListField(
        child=serializers.ChoiceField(choices=[policies.JONGERE, policies.VERTEGENWOORDIGER]),
        required=False,
        max_length=2,
    )
    datum = serializers.DateField(required=False, allow_null=True)
    redenNiet = Tekst(2000)


class VerantwoordingSerializer(StrictSerializer):
    geboortedatum = serializers.DateField()
    criteria = serializers.ListField(child=serializers.CharField(max_length=1), max_length=12)
    extraCriteria = serializers.ListField(
        child=serializers.CharField(max_length=32), required=False, max_length=20
    )
    vermoeden = serializers.CharField(max_length=4000, allow_blank=True)
    instemming = InstemmingSerializer(required=False)
    vierVragen = VierVragenSerializer(required=False)
    informatieplicht = InformatieplichtSerializer(required=False)
    risicobespreking = RisicobesprekingSerializer(required=False)


class ActiverenSerializer(StrictSerializer):
    verantwoording = VerantwoordingSerializer()


class OverdragenSerializer(StrictSerializer):
    naar = serializers.CharField(max_length=300, help_text="URL van de gebruiker")
    reden = serializers.CharField(max_length=500)


class DeelnemerSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    eigen = serializers.BooleanField()
    signaal = serializers.URLField(required=False)
    organisatie = serializers.CharField(required=False)
    naam = serializers.CharField(required=False)
    email = serializers.CharField(required=False)
    telefoon = serializers.CharField(required=False)


class AfstemmingSerializer(serializers.Serializer):
    datum = serializers.DateField()
    door = serializers.UUIDField(allow_null=True)
    met = serializers.ListField(child=serializers.UUIDField())


class ZorgcoordinatorSerializer(serializers.Serializer):
    deelnemer = serializers.UUIDField()
    naam = serializers.CharField()
    organisatie = serializers.CharField()


class GeinformeerdSerializer(serializers.Serializer):
    datum = serializers.DateField()
    door = serializers.UUIDField(allow_null=True)
    wijze = serializers.CharField()


class MatchSerializer(serializers.Serializer):
    url = serializers.URLField()
    uuid = serializers.UUIDField()
    status = serializers.ChoiceField(choices=[policies.NIEUW, policies.CONTACT_GELEGD])
    deelnemers = DeelnemerSerializer(many=True)
    afstemming = AfstemmingSerializer(allow_null=True)
    zorgcoordinator = ZorgcoordinatorSerializer(allow_null=True)
    jongereGeinformeerd = GeinformeerdSerializer(allow_null=True)
    informerenUiterlijk = serializers.DateField()
    aangemaakt = UTCDateTime()
    gewijzigd = UTCDateTime()


class AfstemmenSerializer(StrictSerializer):
    datum = serializers.DateField()
    met = serializers.ListField(child=serializers.UUIDField(), min_length=1, max_length=50)


class AanwijzenSerializer(StrictSerializer):
    deelnemer = serializers.UUIDField()


class InformerenSerializer(StrictSerializer):
    datum = serializers.DateField()
    door = serializers.UUIDField()
    wijze = serializers.ChoiceField(choices=list(policies.INFORMEER_WIJZEN))


class TechnischSignaalSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    organisatie = serializers.CharField()
    status = serializers.CharField()
    signaleringstijdstip = UTCDateTime(allow_null=True)
    verwijderdatum = serializers.DateField(allow_null=True)
    inMatch = serializers.BooleanField()


class TechnischeNotificatieSerializer(serializers.Serializer):
    op = UTCDateTime()
    bezorgd = serializers.BooleanField()
    pogingen = serializers.IntegerField()


class TechnischeMatchSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    status = serializers.CharField()
    aangemaakt = UTCDateTime()
    notificaties = TechnischeNotificatieSerializer(many=True)


class UittredingSignaalSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    status = serializers.ChoiceField(choices=["open", "aangeboden", "overgedragen", "ingetrokken"])


class UittredingSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    organisatie = serializers.CharField()
    einddatum = serializers.DateField()
    uiterlijk = serializers.DateField()
    signalen = UittredingSignaalSerializer(many=True)


class ArchiefZoekSerializer(StrictSerializer):
    bsn = Bsn()
    verzoek = serializers.CharField(
        max_length=300, help_text="URL van het inzage- of verzetverzoek (RI-05, RI-12)"
    )


class ArchiefNotificatieSerializer(serializers.Serializer):
    aan = serializers.CharField()
    op = serializers.CharField()


class ArchiefMatchSerializer(serializers.Serializer):
    aangemaakt = serializers.CharField()
    opgeheven = serializers.DateField(allow_null=True)
    notificaties = ArchiefNotificatieSerializer(many=True)


class ArchiefSignaalSerializer(serializers.Serializer):
    betrokkene = serializers.CharField(allow_null=True)
    organisatie = serializers.CharField()
    signaleerder = serializers.CharField()
    signaleringstijdstip = serializers.CharField(allow_null=True)
    einddatum = serializers.DateField()
    einde = serializers.ChoiceField(choices=["ingetrokken", "verlopen", "uittreding"])
    matches = ArchiefMatchSerializer(many=True)


# --- signals ---------------------------------------------------------------------------------------


def _signaal(request, signaal: Signaal) -> dict:
    return selectors.signaal_weergave(signaal, lambda pad: absolute(request, pad))


def _gebruiker_uit_url(request, url: str):
    from zorgvuldig.organisaties.models import Gebruiker

    gebruiker = (
        Gebruiker.objects.select_related("organisatie")
        .filter(uuid=uuid_uit_url(url, resource="gebruikers", request=request, veld="naar"))
        .first()
    )
    if gebruiker is None:
        raise DomainError(
            "E_AC_NOT_MANDATED",
            "De ontvanger heeft geen geldig mandaat voor de verwijsindex (AC-08).",
            [InvalidParam("naar", "E_AC_NOT_MANDATED", "Geen gemandateerde gebruiker.")],
        )
    return gebruiker


class SignalenView(BasisView):
    scopes = {"get": LIJST_SCOPE, "post": "signaal:registreren"}
    verwerkingsactiviteit = ACT
    # VI-01: the index cannot be searched; no other filter exists, and a BSN never goes in a URL.
    filters = (
        OpenApiParameter("status", str, enum=[policies.CONCEPT, policies.ACTIEF]),
        OpenApiParameter("verwijderdatumTot", OpenApiTypes.DATE, description="datum YYYY-MM-DD"),
    )
    onbekende_parameter = "De verwijsindex kan niet worden doorzocht (VI-01)."

    @extend_schema(
        responses=PolymorphicProxySerializer(
            component_name="SignaalOfTechnisch",
            serializers=[SignaalSerializer, TechnischSignaalSerializer],
            resource_type_field_name=None,
            many=True,
        ),
        description="Own (or, for the leidinggevende, the organisation's) signals; for the VI-beheerder "
        "without signal scopes a technical view of every active signal: no BSN, no signaler (API §2.3).",
        operation_id="signalen_list",
    )
    def get(self, request):
        actor = actor_van(request)
        if not actor.heeft(SIGNAAL_SCOPE):
            return Paginering.lijst(selectors.technisch_signalen(), request, self)
        qs = selectors.signalen_zichtbaar_voor(actor).select_related("signaleerder", "organisatie")
        if (st := request.query_params.get("status")) is not None:
            qs = qs.filter(status=st)
        if (tot := parameters.datum(request.query_params, "verwijderdatumTot")) is not None:
            qs = qs.filter(verwijderdatum__lte=tot)
        paginator = Paginering()
        page = paginator.paginate_queryset(qs.order_by("-aangemaakt", "-pk"), request, view=self) or []
        selectors.log_inzage(actor, page)
        return paginator.get_paginated_response([_signaal(request, s) for s in page])

    @extend_schema(
        request=SignaalInSerializer, responses={201: SignaalSerializer}, operation_id="signalen_create"
    )
    def post(self, request):
        actor = actor_van(request)
        if not isinstance(request.data, dict):
            raise DomainError(
                "E_INVALID_INPUT",
                "Verwacht een JSON-object.",
                [InvalidParam("body", "invalid", "Geen object.")],
            )
        # VI-09 first: any field outside the configured set is refused before its value is even read.
        services.controleer_velden(request.data)
        ser = SignaalInSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        signaal = services.registreer_signaal(
            actor=actor, velden={k: ser.validated_data[k] for k in request.data}
        )
        return Response(_signaal(request, signaal), status=status.HTTP_201_CREATED)


class SignaalItemView(ItemView):
    def zichtbaar(self, actor, uuid) -> None:
        selectors.signaal_of_404(actor, uuid)


class SignaalView(SignaalItemView):
    scopes = {"get": SIGNAAL_SCOPE}
    verwerkingsactiviteit = ACT

    @extend_schema(responses=SignaalSerializer, operation_id="signalen_read")
    def get(self, request, uuid):
        actor = actor_van(request)
        signaal = selectors.signaal_of_404(actor, uuid)
        selectors.log_inzage(actor, [signaal])
        return Response(_signaal(request, signaal))


class ActiverenView(SignaalItemView):
    scopes = {"post": "signaal:registreren"}
    verwerkingsactiviteit = ACT

    @extend_schema(
        request=ActiverenSerializer, responses=SignaalSerializer, operation_id="signalen_activeren"
    )
    def post(self, request, uuid):
        ser = ActiverenSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        signaal = services.activeer_signaal(
            actor=actor_van(request), uuid=uuid, verantwoording=ser.validated_data["verantwoording"]
        )
        return Response(_signaal(request, signaal))


class VerlengenView(SignaalItemView):
    scopes = {"post": SIGNAAL_SCOPE}
    verwerkingsactiviteit = ACT

    @extend_schema(request=LeegSerializer, responses=SignaalSerializer, operation_id="signalen_verlengen")
    def post(self, request, uuid):
        LeegSerializer(data=request.data or {}).is_valid(raise_exception=True)
        signaal = services.verleng_signaal(actor=actor_van(request), uuid=uuid)
        return Response(_signaal(request, signaal))


class IntrekkenView(SignaalItemView):
    scopes = {"post": SIGNAAL_SCOPE}
    verwerkingsactiviteit = ACT

    @extend_schema(request=LeegSerializer, responses={204: None}, operation_id="signalen_intrekken")
    def post(self, request, uuid):
        LeegSerializer(data=request.data or {}).is_valid(raise_exception=True)
        services.trek_signaal_in(actor=actor_van(request), uuid=uuid)
        return Response(status=status.HTTP_204_NO_CONTENT)


class OverdragenView(SignaalItemView):
    scopes = {"post": "signaal:beheren"}
    verwerkingsactiviteit = ACT

    @extend_schema(
        request=OverdragenSerializer, responses=SignaalSerializer, operation_id="signalen_overdragen"
    )
    def post(self, request, uuid):
        ser = OverdragenSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        naar = _gebruiker_uit_url(request, ser.validated_data["naar"])
        signaal = services.draag_over(
            actor=actor_van(request), uuid=uuid, naar=naar, reden=ser.validated_data["reden"]
        )
        return Response(_signaal(request, signaal))


class AanvaardenView(BasisView):
    """VI-25: the offered signal is not yet the caller's, so visibility is the offer itself."""

    scopes = {"post": "signaal:registreren"}
    verwerkingsactiviteit = ACT

    @extend_schema(request=LeegSerializer, responses=SignaalSerializer, operation_id="signalen_aanvaarden")
    def post(self, request, uuid):
        actor = actor_van(request)
        selectors.aangeboden_signaal_of_404(actor, uuid)
        LeegSerializer(data=request.data or {}).is_valid(raise_exception=True)
        signaal = services.aanvaard_signaal(actor=actor, uuid=uuid)
        return Response(_signaal(request, signaal))


class VerantwoordingView(SignaalItemView):
    scopes = {"get": SIGNAAL_SCOPE}
    verwerkingsactiviteit = ACT

    @extend_schema(responses=VerantwoordingSerializer, operation_id="signalen_verantwoording")
    def get(self, request, uuid):
        return Response(selectors.verantwoording_voor(actor_van(request), uuid))


# --- matches ---------------------------------------------------------------------------------------


def _match(request, actor, match: Match) -> dict:
    return selectors.match_weergave(match, actor, lambda pad: absolute(request, pad))


class MatchesView(BasisView):
    scopes = {"get": f"{selectors.MATCH_SCOPE}|vi:beheren"}
    verwerkingsactiviteit = ACT
    filters = (
        OpenApiParameter(
            "gewijzigdVanaf",
            OpenApiTypes.STR,
            description="RFC 3339 date-time, or a date (00:00 Europe/Amsterdam); inclusive: where polling "
            "starts",
        ),
        OpenApiParameter(
            CURSOR,
            OpenApiTypes.STR,
            description="Opaque: `cursor` (or the `next` link) of an earlier answer; the matches changed "
            "after it, oldest change first. Not with `page` or `gewijzigdVanaf`.",
        ),
    )

    @extend_schema(
        responses=PolymorphicProxySerializer(
            component_name="MatchOfTechnisch",
            serializers=[MatchSerializer, TechnischeMatchSerializer],
            resource_type_field_name=None,
            many=True,
        ),
        description="The matches the caller signals in, ordered by (`gewijzigd`, `uuid`), oldest change "
        "first; the body's `cursor` is where to poll from next (docs/integrators.md). For the VI-beheerder "
        "a technical view with notice delivery (API §2.3).",
        operation_id="matches_list",
    )
    def get(self, request):
        actor = actor_van(request)
        if not actor.heeft(selectors.MATCH_SCOPE):
            # the technical view has no `gewijzigd`: a polling parameter would be silently ignored
            fouten = [
                InvalidParam(naam, "not_allowed", "Niet in het technische overzicht.")
                for naam in ("gewijzigdVanaf", CURSOR)
                if naam in request.query_params
            ]
            if fouten:
                raise DomainError("E_INVALID_INPUT", "Ongeldige parameter in de URL.", fouten)
            return Paginering.lijst(selectors.technisch_matches(), request, self)
        # a date as well (docs/integrators.md): from 00:00 Europe/Amsterdam; inclusive
        moment = parameters.tijdstip(request.query_params, "gewijzigdVanaf", tijdzone_verplicht=False)
        paginator = PositiePaginering(start="gewijzigdVanaf")
        page = paginator.pagineer(selectors.matches_zichtbaar_voor(actor), request, self, vanaf=moment)
        selectors.log_match_inzage(actor, page)
        return paginator.get_paginated_response([_match(request, actor, m) for m in page])


class MatchItemView(ItemView):
    def zichtbaar(self, actor, uuid) -> None:
        selectors.match_of_404(actor, uuid)


class MatchView(MatchItemView):
    scopes = {"get": selectors.MATCH_SCOPE}
    verwerkingsactiviteit = ACT

    @extend_schema(responses=MatchSerializer, operation_id="matches_read")
    def get(self, request, uuid):
        actor = actor_van(request)
        match = selectors.match_of_404(actor, uuid)
        selectors.log_match_inzage(actor, [match])
        return Response(_match(request, actor, match))


class AfstemmenView(MatchItemView):
    scopes = {"post": selectors.MATCH_SCOPE}
    verwerkingsactiviteit = ACT

    @extend_schema(request=AfstemmenSerializer, responses=MatchSerializer, operation_id="matches_afstemmen")
    def post(self, request, uuid):
        actor = actor_van(request)
        ser = AfstemmenSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        match = services.stem_af(actor=actor, uuid=uuid, **ser.validated_data)
        return Response(_match(request, actor, match))


class AanwijzenView(MatchItemView):
    scopes = {"post": selectors.MATCH_SCOPE}
    verwerkingsactiviteit = ACT

    @extend_schema(request=AanwijzenSerializer, responses=MatchSerializer, operation_id="matches_aanwijzen")
    def post(self, request, uuid):
        actor = actor_van(request)
        ser = AanwijzenSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        match = services.wijs_zorgcoordinator_aan(
            actor=actor, uuid=uuid, deelnemer=ser.validated_data["deelnemer"]
        )
        return Response(_match(request, actor, match))


class InformerenView(MatchItemView):
    scopes = {"post": selectors.MATCH_SCOPE}
    verwerkingsactiviteit = ACT

    @extend_schema(request=InformerenSerializer, responses=MatchSerializer, operation_id="matches_informeren")
    def post(self, request, uuid):
        actor = actor_van(request)
        ser = InformerenSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        match = services.informeer_jongere(actor=actor, uuid=uuid, **ser.validated_data)
        return Response(_match(request, actor, match))


# --- VI-beheerder and FG (VI-21, VI-25) -----------------------------------------------------------


class UittredingenView(BasisView):
    scopes = {"get": "vi:beheren"}
    verwerkingsactiviteit = ACT

    @extend_schema(responses=UittredingSerializer(many=True), operation_id="uittredingen_list")
    def get(self, request):
        return Paginering.lijst(selectors.uittredingen(), request, self)


class UittredingView(BasisView):
    scopes = {"get": "vi:beheren"}
    verwerkingsactiviteit = ACT

    @extend_schema(responses=UittredingSerializer, operation_id="uittredingen_read")
    def get(self, request, uuid):
        for u in selectors.uittredingen():
            if u["uuid"] == str(uuid):
                return Response(u)
        raise NotFound()


class ArchiefZoekView(BasisView):
    """No list and no browse: one youth at a time, for a request (VI-21)."""

    scopes = {"post": "vi:archief"}
    verwerkingsactiviteit = ACT

    @extend_schema(
        request=ArchiefZoekSerializer,
        responses=ArchiefSignaalSerializer(many=True),
        operation_id="archiefsignalen_zoek",
    )
    def post(self, request):
        ser = ArchiefZoekSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        verzoek = uuid_uit_url(
            ser.validated_data["verzoek"], resource="verzoeken", request=request, veld="verzoek"
        )
        rijen = services.zoek_in_archief(
            actor=actor_van(request), bsn=ser.validated_data["bsn"], verzoek=verzoek
        )
        return Paginering.lijst(rijen, request, self)
