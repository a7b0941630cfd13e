"""/api/v1/convenanten and /api/v1/overeenkomsten (API §2.11): convenants with their nine items (RG-04),
the joint-controller arrangement (RG-05) and accessions (RG-04, VI-25); processor agreements and written
mandates (RG-06).

Convenants are regional: every reader of registers (and the beheerder who maintains them) sees all; writes
`convenant:beheren` (beheerder, FG). Agreements are per controller: read `register:lezen` (leidinggevende,
FG), write `register:beheren` (FG); mandates are shown read-only (they are kept with the user).
No personal content: no read is audited; every write and refusal is (AU-04)."""

from __future__ import annotations

from django.urls import URLPattern, path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from zorgvuldig.api.base import (
    BasisView,
    ItemView,
    LeegSerializer,
    StrictSerializer,
    Tekst,
    UTCDateTime,
    absolute,
    uuid_uit_url,
)
from zorgvuldig.api.pagination import Paginering
from zorgvuldig.api.permissions import actor_van
from zorgvuldig.convenanten import policies, selectors, services
from zorgvuldig.convenanten.models import Convenant, Toetreding
from zorgvuldig.core.errors import DomainError, InvalidParam

ACT = services.ACTIVITEIT
ACT_REGISTER = services.ACTIVITEIT_REGISTER
LEZEN = "register:lezen"
CONVENANT_LEZEN = "register:lezen|convenant:beheren"  # the beheerder reads what it maintains
CONVENANT_BEHEREN = "convenant:beheren"
REGISTER_BEHEREN = "register:beheren"
MAX_TEKST = 20000


def _url(request, pad: str) -> str:
    return absolute(request, f"/api/v1/{pad}")


def _tijd(waarde) -> str | None:
    return UTCDateTime().to_representation(waarde)


# --- representations -------------------------------------------------------------------------------------


def toetreding_representatie(request, t: Toetreding, convenant: Convenant) -> dict:
    from zorgvuldig.core.clock import today

    return {
        "url": _url(request, f"convenanten/{convenant.uuid}/toetredingen/{t.uuid}"),
        "uuid": str(t.uuid),
        "convenant": _url(request, f"convenanten/{convenant.uuid}"),
        "organisatie": _url(request, f"organisaties/{t.organisatie.uuid}"),
        "datum": t.datum,
        "einddatum": t.tot,
        "lopend": selectors.lopend(t, today()),  # derived (RT-12)
        "aangemaakt": _tijd(t.aangemaakt),
    }


def regeling_representatie(request, convenant: Convenant) -> dict:
    regeling = convenant.regeling()
    melder = regeling["melderDatalekken"]
    return {
        **regeling,
        "melderDatalekken": _url(request, f"verwerkingsverantwoordelijken/{melder.uuid}") if melder else None,
        "ontbreekt": policies.regeling_ontbrekend(regeling),
    }


def convenant_representatie(request, c: Convenant) -> dict:
    toetredingen = list(selectors.toetredingen(c))
    return {
        "url": _url(request, f"convenanten/{c.uuid}"),
        "uuid": str(c.uuid),
        "code": c.code,
        "naam": c.naam,
        "status": c.status,
        "deelnemers": [_url(request, f"organisaties/{o.uuid}") for o in selectors.deelnemers(c)],
        "inhoud": c.inhoud(),
        "ontbrekendeOnderdelen": policies.ontbrekende_onderdelen(c.inhoud()),
        "gezamenlijkeVerantwoordelijkheid": regeling_representatie(request, c),
        "toetredingen": [toetreding_representatie(request, t, c) for t in toetredingen],
        "aangemaakt": _tijd(c.aangemaakt),
        "gewijzigd": _tijd(c.gewijzigd),
    }


# --- serializers -----------------------------------------------------------------------------------------


class InhoudSerializer(StrictSerializer):
    """RG-04 (a)–(i), keys as in import-config (API §3.1)."""

    deelnemersEnDoelen = Tekst(MAX_TEKST)
    bijzondereGegevens = Tekst(MAX_TEKST)
    informeringBetrokkenen = Tekst(MAX_TEKST)
    verwerkingenEnProtocol = Tekst(MAX_TEKST)
    toestemmingKetenpartner = Tekst(MAX_TEKST)
    zonderToestemming = Tekst(MAX_TEKST)
    escalatie = Tekst(MAX_TEKST)
    rechtenBetrokkenen = Tekst(MAX_TEKST)
    beveiliging = Tekst(MAX_TEKST)


class RegelingSerializer(StrictSerializer):
    """RG-05: the joint-controller arrangement for the modules it names."""

    modules = serializers.ListField(
        child=serializers.ChoiceField(choices=tuple(policies.MODULES)), max_length=2, required=False
    )
    informerenBetrokkenen = Tekst(MAX_TEKST)
    contactpunt = Tekst(MAX_TEKST)
    melderDatalekken = serializers.CharField(max_length=300, allow_null=True, required=False)
    beveiliging = Tekst(MAX_TEKST)
    klachten = Tekst(MAX_TEKST)
    incidenten = Tekst(MAX_TEKST)
    aansprakelijkheid = Tekst(MAX_TEKST)
    ontbreekt = serializers.ListField(read_only=True)


class ConvenantWijzigSerializer(StrictSerializer):
    naam = serializers.CharField(max_length=200, required=False)
    inhoud = InhoudSerializer(required=False)
    gezamenlijkeVerantwoordelijkheid = RegelingSerializer(required=False)
    # read-only: ignored when sent back (API §1.1); `status` changes only by an operation
    url = serializers.CharField(read_only=True)
    uuid = serializers.CharField(read_only=True)
    code = serializers.CharField(read_only=True)
    status = serializers.CharField(read_only=True)
    deelnemers = serializers.ListField(read_only=True)
    ontbrekendeOnderdelen = serializers.ListField(read_only=True)
    toetredingen = serializers.ListField(read_only=True)
    aangemaakt = serializers.CharField(read_only=True)
    gewijzigd = serializers.CharField(read_only=True)


class ConvenantSerializer(ConvenantWijzigSerializer):
    code = serializers.SlugField(max_length=64, required=False)  # type: ignore[assignment]
    naam = serializers.CharField(max_length=200)


def _naar_service(request, v: dict) -> dict:
    data: dict = {}
    if "naam" in v:
        data["naam"] = v["naam"]
    if v.get("code"):
        data["code"] = v["code"]
    if "inhoud" in v:
        data["inhoud"] = dict(v["inhoud"])
    if "gezamenlijkeVerantwoordelijkheid" in v:
        regeling = dict(v["gezamenlijkeVerantwoordelijkheid"])
        if regeling.get("melderDatalekken"):
            regeling["melderDatalekken"] = uuid_uit_url(
                regeling["melderDatalekken"],
                resource="verwerkingsverantwoordelijken",
                request=request,
                veld="gezamenlijkeVerantwoordelijkheid.melderDatalekken",
            )
        elif "melderDatalekken" in regeling:
            regeling["melderDatalekken"] = None
        data["regeling"] = regeling
    return data


# --- /convenanten ----------------------------------------------------------------------------------------


class ConvenantenView(BasisView):
    scopes = {"get": CONVENANT_LEZEN, "post": CONVENANT_BEHEREN}
    verwerkingsactiviteit = ACT
    filters = (OpenApiParameter("status", str, enum=[policies.CONCEPT, policies.ACTIEF, policies.BEEINDIGD]),)

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="convenanten_list")
    def get(self, request):
        qs = selectors.convenanten()
        if status := request.query_params.get("status"):
            qs = qs.filter(status=status)
        return Paginering.lijst([convenant_representatie(request, c) for c in qs], request, self)

    @extend_schema(
        request=ConvenantSerializer, responses={201: OpenApiTypes.OBJECT}, operation_id="convenanten_create"
    )
    def post(self, request):
        ser = ConvenantSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        c = services.maak_convenant(actor=actor_van(request), data=_naar_service(request, ser.validated_data))
        return Response(convenant_representatie(request, c), status=status.HTTP_201_CREATED)


class ConvenantItemView(ItemView):
    verwerkingsactiviteit = ACT

    def zichtbaar(self, actor, uuid) -> None:
        selectors.convenant_of_404(uuid)


class ConvenantView(ConvenantItemView):
    scopes = {"get": CONVENANT_LEZEN, "patch": CONVENANT_BEHEREN}

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="convenanten_read")
    def get(self, request, uuid):
        return Response(convenant_representatie(request, selectors.convenant_of_404(uuid)))

    @extend_schema(
        request=ConvenantWijzigSerializer,
        responses=OpenApiTypes.OBJECT,
        operation_id="convenanten_partial_update",
    )
    def patch(self, request, uuid):
        ser = ConvenantWijzigSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        data = _naar_service(request, ser.validated_data)
        if not data:
            raise serializers.ValidationError({"body": ["Niets te wijzigen."]})
        services.wijzig_convenant(actor=actor_van(request), uuid=uuid, data=data)
        return Response(convenant_representatie(request, selectors.convenant_of_404(uuid)))


def _operatie(naam: str, service):
    class View(ConvenantItemView):
        scopes = {"post": CONVENANT_BEHEREN}

        @extend_schema(
            request=LeegSerializer, responses=OpenApiTypes.OBJECT, operation_id=f"convenanten_{naam}"
        )
        def post(self, request, uuid):
            LeegSerializer(data=request.data or {}).is_valid(raise_exception=True)
            service(actor=actor_van(request), convenant=selectors.convenant_of_404(uuid))
            return Response(convenant_representatie(request, selectors.convenant_of_404(uuid)))

    View.__name__ = f"{naam.capitalize()}View"
    return View


ActiverenView = _operatie("activeren", services.activeer)
BeeindigenView = _operatie("beeindigen", services.beeindig)


# --- /convenanten/{uuid}/toetredingen --------------------------------------------------------------------


class ToetredingSerializer(StrictSerializer):
    organisatie = serializers.CharField(max_length=300)
    datum = serializers.DateField()
    einddatum = serializers.DateField(required=False, allow_null=True)
    url = serializers.CharField(read_only=True)
    uuid = serializers.CharField(read_only=True)


class ToetredingEindeSerializer(StrictSerializer):
    einddatum = serializers.DateField()
    url = serializers.CharField(read_only=True)
    uuid = serializers.CharField(read_only=True)
    organisatie = serializers.CharField(read_only=True)
    datum = serializers.CharField(read_only=True)


class ToetredingenView(ConvenantItemView):
    scopes = {"get": CONVENANT_LEZEN, "post": CONVENANT_BEHEREN}

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="toetredingen_list")
    def get(self, request, uuid):
        c = selectors.convenant_of_404(uuid)
        rijen = [toetreding_representatie(request, t, c) for t in selectors.toetredingen(c)]
        return Paginering.lijst(rijen, request, self)

    @extend_schema(
        request=ToetredingSerializer, responses={201: OpenApiTypes.OBJECT}, operation_id="toetredingen_create"
    )
    def post(self, request, uuid):
        ser = ToetredingSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        t = services.voeg_toetreding_toe(
            actor=actor_van(request),
            convenant_uuid=uuid,
            organisatie_uuid=uuid_uit_url(
                v["organisatie"], resource="organisaties", request=request, veld="organisatie"
            ),
            datum=v["datum"],
            einddatum=v.get("einddatum"),
        )
        c = selectors.convenant_of_404(uuid)
        return Response(toetreding_representatie(request, t, c), status=status.HTTP_201_CREATED)


class ToetredingView(ConvenantItemView):
    """An accession; PATCH records its end (`einddatum`), which starts VI-25 in the verwijsindex."""

    scopes = {"get": CONVENANT_LEZEN, "patch": CONVENANT_BEHEREN}

    def controleer_zichtbaar(self, request, kwargs) -> None:
        super().controleer_zichtbaar(request, kwargs)
        selectors.toetreding_of_404(selectors.convenant_of_404(kwargs["uuid"]), kwargs["toetreding_uuid"])

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="toetredingen_read")
    def get(self, request, uuid, toetreding_uuid):
        c = selectors.convenant_of_404(uuid)
        return Response(toetreding_representatie(request, selectors.toetreding_of_404(c, toetreding_uuid), c))

    @extend_schema(
        request=ToetredingEindeSerializer,
        responses=OpenApiTypes.OBJECT,
        operation_id="toetredingen_partial_update",
    )
    def patch(self, request, uuid, toetreding_uuid):
        ser = ToetredingEindeSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        t = services.beeindig_toetreding(
            actor=actor_van(request),
            convenant_uuid=uuid,
            uuid=toetreding_uuid,
            einddatum=ser.validated_data["einddatum"],
        )
        return Response(toetreding_representatie(request, t, selectors.convenant_of_404(uuid)))


# --- /overeenkomsten (RG-06) ------------------------------------------------------------------------------


def overeenkomst_representatie(request, o: selectors.Overeenkomst, actor) -> dict:
    uit = {
        "url": _url(request, f"overeenkomsten/{o.uuid}"),
        "uuid": o.uuid,
        "soort": o.soort,
        "verwerkingsverantwoordelijke": _url(
            request, f"verwerkingsverantwoordelijken/{actor.organisatie.verwerkingsverantwoordelijke.uuid}"
        ),
        "partij": o.partij,
        "reikwijdte": o.reikwijdte,
        "geldigVanaf": o.geldig_vanaf,
        "geldigTot": o.geldig_tot,
        "geldigheid": o.geldigheid,  # derived at read time (RT-12)
        "verlooptBinnenkort": o.verloopt_binnenkort,
        "waarschuwing": (
            f"Deze overeenkomst verloopt binnen {policies.WAARSCHUWING_DAGEN} dagen, op "
            f"{o.geldig_tot.isoformat()}. Verleng of vernieuw haar op tijd (RG-06)."
            if o.verloopt_binnenkort and o.geldig_tot
            else None
        ),
    }
    if o.soort == policies.MANDAAT:
        uit["gebruiker"] = _url(request, f"gebruikers/{o.gebruiker_uuid}")
        uit["besluit"] = o.besluit
    return uit


class OvereenkomstSerializer(StrictSerializer):
    soort = serializers.ChoiceField(choices=policies.SOORTEN)
    partij = serializers.CharField(max_length=200)
    reikwijdte = serializers.CharField(max_length=MAX_TEKST)
    geldigVanaf = serializers.DateField()
    geldigTot = serializers.DateField(required=False, allow_null=True)
    url = serializers.CharField(read_only=True)
    uuid = serializers.CharField(read_only=True)
    geldigheid = serializers.CharField(read_only=True)
    verlooptBinnenkort = serializers.BooleanField(read_only=True)
    waarschuwing = serializers.CharField(read_only=True)
    verwerkingsverantwoordelijke = serializers.CharField(read_only=True)


class OvereenkomstWijzigSerializer(OvereenkomstSerializer):
    soort = serializers.CharField(read_only=True)  # type: ignore[assignment]
    partij = serializers.CharField(max_length=200, required=False)
    reikwijdte = serializers.CharField(max_length=MAX_TEKST, required=False)
    geldigVanaf = serializers.DateField(required=False)


MANDAAT_ALLEEN_LEZEN = (
    "Een mandaat legt de beheerder vast bij de gebruiker; in dit register is het alleen te lezen (RG-06)."
)


class OvereenkomstenView(BasisView):
    scopes = {"get": LEZEN, "post": REGISTER_BEHEREN}
    verwerkingsactiviteit = ACT_REGISTER
    filters = (
        OpenApiParameter("soort", str, enum=list(policies.SOORTEN)),
        OpenApiParameter("geldigheid", str, enum=list(policies.GELDIGHEDEN)),
    )

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="overeenkomsten_list")
    def get(self, request):
        q = request.query_params
        actor = actor_van(request)
        rijen = selectors.overeenkomsten(
            actor, soort=q.get("soort") or None, geldigheid=q.get("geldigheid") or None
        )
        return Paginering.lijst([overeenkomst_representatie(request, o, actor) for o in rijen], request, self)

    @extend_schema(
        request=OvereenkomstSerializer,
        responses={201: OpenApiTypes.OBJECT},
        operation_id="overeenkomsten_create",
    )
    def post(self, request):
        ser = OvereenkomstSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        if v["soort"] == policies.MANDAAT:
            raise DomainError(
                "E_INVALID_INPUT",
                MANDAAT_ALLEEN_LEZEN,
                [InvalidParam("soort", "not_allowed", MANDAAT_ALLEEN_LEZEN)],
            )
        actor = actor_van(request)
        o = services.maak_overeenkomst(
            actor=actor,
            partij=v["partij"],
            reikwijdte=v["reikwijdte"],
            geldig_vanaf=v["geldigVanaf"],
            geldig_tot=v.get("geldigTot"),
        )
        rij = selectors.overeenkomst_of_404(actor, o.uuid)
        return Response(overeenkomst_representatie(request, rij, actor), status=status.HTTP_201_CREATED)


class OvereenkomstView(ItemView):
    scopes = {"get": LEZEN, "patch": REGISTER_BEHEREN}
    verwerkingsactiviteit = ACT_REGISTER

    def zichtbaar(self, actor, uuid) -> None:
        selectors.overeenkomst_of_404(actor, uuid)

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="overeenkomsten_read")
    def get(self, request, uuid):
        actor = actor_van(request)
        return Response(
            overeenkomst_representatie(request, selectors.overeenkomst_of_404(actor, uuid), actor)
        )

    @extend_schema(
        request=OvereenkomstWijzigSerializer,
        responses=OpenApiTypes.OBJECT,
        operation_id="overeenkomsten_partial_update",
    )
    def patch(self, request, uuid):
        actor = actor_van(request)
        if selectors.overeenkomst_of_404(actor, uuid).soort == policies.MANDAAT:
            raise DomainError(
                "E_INVALID_INPUT",
                MANDAAT_ALLEEN_LEZEN,
                [InvalidParam("soort", "not_allowed", MANDAAT_ALLEEN_LEZEN)],
            )
        ser = OvereenkomstWijzigSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        velden = {
            "partij": "partij",
            "reikwijdte": "reikwijdte",
            "geldigVanaf": "geldig_vanaf",
            "geldigTot": "geldig_tot",
        }
        data = {veld: v[sleutel] for sleutel, veld in velden.items() if sleutel in v}
        if not data:
            raise serializers.ValidationError({"body": ["Niets te wijzigen."]})
        services.wijzig_overeenkomst(actor=actor, uuid=uuid, data=data)
        return Response(
            overeenkomst_representatie(request, selectors.overeenkomst_of_404(actor, uuid), actor)
        )


U = "<uuid:uuid>"
# API §2.11; conf/urls.py includes these.
URLS: list[URLPattern] = [
    path("convenanten", ConvenantenView.as_view()),
    path(f"convenanten/{U}", ConvenantView.as_view()),
    path(f"convenanten/{U}/_activeren", ActiverenView.as_view()),
    path(f"convenanten/{U}/_beeindigen", BeeindigenView.as_view()),
    path(f"convenanten/{U}/toetredingen", ToetredingenView.as_view()),
    path(f"convenanten/{U}/toetredingen/<uuid:toetreding_uuid>", ToetredingView.as_view()),
    path("overeenkomsten", OvereenkomstenView.as_view()),
    path(f"overeenkomsten/{U}", OvereenkomstView.as_view()),
]
