"""/api/v1/toestemmingen (API §2.5): thin views over the consent registry."""

from __future__ import annotations

from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
)
from rest_framework import serializers, status
from rest_framework.response import Response

from zorgvuldig.api.base import BasisView, ItemView, StrictSerializer, Tekst, absolute, uuid_uit_url
from zorgvuldig.api.pagination import Paginering
from zorgvuldig.api.permissions import actor_van
from zorgvuldig.core.errors import DomainError, InvalidParam
from zorgvuldig.toestemmingen import policies, selectors, services

ACT = "sociaal-domein-ondersteuning"
SCOPE = "toestemming:registreren"


def _url(request, pad: str) -> str:
    return absolute(request, f"/api/v1/{pad}")


def _persoon(request, uuid) -> str:
    return _url(request, f"personen/{uuid}")


def representatie(request, rij, waarschuwingen=(), gevolgen=None, beeindigd=()) -> dict:
    inhoud = selectors.inhoud(rij)
    data = {
        "url": _url(request, f"toestemmingen/{rij.uuid}"),
        "uuid": str(rij.uuid),
        "betrokkene": _persoon(request, rij.betrokkene.uuid),
        "dossier": _url(request, f"dossiers/{rij.dossier.uuid}") if rij.dossier else None,
        "soort": rij.soort,
        "status": selectors.status(rij),
        "gevers": [
            {"persoon": _persoon(request, g["persoon"]), "hoedanigheid": g["hoedanigheid"]}
            for g in rij.gevers
        ],
        "jongereGehoord": {**rij.jongere_gehoord, "mening": inhoud.get("jongereMening", "")}
        if rij.jongere_gehoord
        else None,
        "andereOuder": {**rij.andere_ouder, "persoon": _persoon(request, rij.andere_ouder["persoon"])}
        if rij.andere_ouder.get("persoon")
        else (rij.andere_ouder or None),
        "uitzondering": {"grond": rij.uitzondering, "redenen": inhoud.get("uitzonderingRedenen", "")}
        if rij.uitzondering
        else None,
        "doel": rij.doel or None,
        "doelToelichting": rij.doel_toelichting,
        "ontvangers": [
            {"organisatie": _url(request, f"organisaties/{o['organisatie']}")} if o.get("organisatie") else o
            for o in rij.ontvangers
        ],
        "gegevenscategorieen": rij.gegevenscategorieen,
        "inhoud": inhoud.get("inhoud", ""),
        "waaromNodig": inhoud.get("waaromNodig", ""),
        "vorm": rij.vorm or None,
        "uitdrukkelijk": rij.uitdrukkelijk,
        "alsGrondslag": rij.als_grondslag,
        "informatieGegeven": rij.informatie_gegeven or None,
        "belangBevestigd": rij.belang_bevestigd,
        "afhankelijkheidReden": inhoud.get("afhankelijkheidReden", ""),
        "datum": rij.datum,
        "geldigTot": rij.geldig_tot,
        "bewijs": inhoud.get("bewijs", ""),
        "ingetrokkenOp": rij.ingetrokken_op,
        "terzijdegelegd": {"redenen": inhoud.get("terzijdeRedenen", "")}
        if rij.terzijdegelegd_door_id
        else None,
        "organisatie": _url(request, f"organisaties/{rij.organisatie.uuid}"),
        "verwerkingsverantwoordelijke": _url(
            request, f"verwerkingsverantwoordelijken/{rij.verwerkingsverantwoordelijke.uuid}"
        ),
        "aangemaakt": rij.aangemaakt,
        "gewijzigd": rij.gewijzigd,  # API §1.1: a case system syncs by change time
    }
    if waarschuwingen:
        data["waarschuwingen"] = list(waarschuwingen)
    if gevolgen is not None:
        data["gevolgen"] = gevolgen
        data["beeindigdeDeelbesluiten"] = [_url(request, f"deelbesluiten/{d.uuid}") for d in beeindigd]
    return data


class GeverSerializer(StrictSerializer):
    persoon = serializers.CharField(max_length=300)
    hoedanigheid = serializers.CharField(max_length=40)


class JongereGehoordSerializer(StrictSerializer):
    datum = serializers.DateField()
    mening = serializers.CharField(max_length=4000, allow_blank=True)


class AndereOuderSerializer(StrictSerializer):
    persoon = serializers.CharField(max_length=300)
    reactie = serializers.ChoiceField(choices=policies.REACTIES_ANDERE_OUDER)
    geinformeerdDoor = Tekst(300)
    datum = serializers.DateField(required=False, allow_null=True)
    wijze = Tekst(200)


class UitzonderingSerializer(StrictSerializer):
    grond = serializers.CharField(max_length=40)
    redenen = Tekst(4000)


class OntvangerSerializer(StrictSerializer):
    organisatie = Tekst(300)
    naam = Tekst(200)


class InformatieSerializer(StrictSerializer):
    datum = serializers.DateField(required=False, allow_null=True)
    onderwerpen = serializers.ListField(child=serializers.CharField(max_length=16), max_length=10)


def _doelcodes() -> list[str]:
    from zorgvuldig.registers.catalogus import ACTIVITEITEN

    return [
        code for code, _ in policies.toestemmingsdoelen({c: (a[0], a[1]) for c, a in ACTIVITEITEN.items()})
    ]


DOELCODES = _doelcodes()


@extend_schema_field(
    {
        "type": "string",
        "enum": DOELCODES,
        "description": "Code van de verwerkingsactiviteit waarvoor de toestemming geldt (GP-02, CS-02; "
        "/verwerkingsactiviteiten, niet de verwijsindex). Een andere code, of een activiteit die de FG "
        "beëindigde: 400 E_INVALID_INPUT op `doel`; leeg: 400 E_CS_NOT_SPECIFIC.",
    }
)
class DoelVeld(serializers.CharField):
    """GP-02: a code from the closed list; which codes the controller may use the service decides (the FG
    may end an activity), so every channel gets the same answer."""

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_blank", True)
        super().__init__(max_length=64, **kwargs)


class ToestemmingVeldenSerializer(StrictSerializer):
    gevers = serializers.ListField(child=GeverSerializer(), required=False, max_length=4)
    jongereGehoord = JongereGehoordSerializer(required=False)
    andereOuder = AndereOuderSerializer(required=False)
    uitzondering = UitzonderingSerializer(required=False)
    vorm = serializers.ChoiceField(choices=policies.VORMEN, required=False)
    uitdrukkelijk = serializers.BooleanField(required=False)
    informatieGegeven = InformatieSerializer(required=False)
    belangBevestigd = serializers.BooleanField(required=False)
    datum = serializers.DateField(required=False)
    geldigTot = serializers.DateField(required=False, allow_null=True)
    bewijs = Tekst(2000)


class ToestemmingSerializer(ToestemmingVeldenSerializer):
    betrokkene = serializers.CharField(max_length=300)
    dossier = Tekst(300)
    soort = serializers.CharField(max_length=32)
    status = serializers.CharField(max_length=12, required=False)
    doel = DoelVeld()
    ontvangers = serializers.ListField(child=OntvangerSerializer(), max_length=20)
    gegevenscategorieen = serializers.ListField(child=serializers.CharField(max_length=60), max_length=30)
    inhoud = Tekst(4000)
    waaromNodig = Tekst(4000)
    alsGrondslag = serializers.BooleanField(required=False)
    afhankelijkheidReden = Tekst(4000)


# --- The representation (API §2.5), declared for the OpenAPI schema; `representatie` builds it -------


class ToestemmingGeverSerializer(serializers.Serializer):
    persoon = serializers.URLField()
    hoedanigheid = serializers.CharField(help_text="`zelf` of de soort relatie (CS-05).")


class ToestemmingJongereGehoordSerializer(serializers.Serializer):
    datum = serializers.DateField()
    mening = serializers.CharField(allow_blank=True)


class ToestemmingAndereOuderSerializer(serializers.Serializer):
    persoon = serializers.URLField(required=False)
    reactie = serializers.ChoiceField(choices=policies.REACTIES_ANDERE_OUDER, required=False)
    geinformeerdDoor = serializers.CharField(required=False)
    datum = serializers.DateField(required=False)
    wijze = serializers.CharField(required=False)


class ToestemmingUitzonderingSerializer(serializers.Serializer):
    grond = serializers.CharField()
    redenen = serializers.CharField(allow_blank=True)


class ToestemmingOntvangerSerializer(serializers.Serializer):
    """A named recipient (CS-02): an organisation, or a name."""

    organisatie = serializers.URLField(required=False)
    naam = serializers.CharField(required=False)


class ToestemmingInformatieSerializer(serializers.Serializer):
    datum = serializers.DateField(allow_null=True)
    onderwerpen = serializers.ListField(child=serializers.ChoiceField(choices=policies.ONDERWERPEN))


class ToestemmingTerzijdeleggingSerializer(serializers.Serializer):
    redenen = serializers.CharField(allow_blank=True)


@extend_schema_serializer(component_name="Toestemming")
class ToestemmingUitSerializer(serializers.Serializer):
    """A consent as answered (API §2.5). `waarschuwingen` after registering (CS-10); `gevolgen` and
    `beeindigdeDeelbesluiten` after revoking (CS-07, CS-08)."""

    url = serializers.URLField()
    uuid = serializers.UUIDField()
    betrokkene = serializers.URLField()
    dossier = serializers.URLField(allow_null=True)
    soort = serializers.ChoiceField(choices=policies.SOORTEN_TOESTEMMING)
    status = serializers.ChoiceField(choices=policies.STATUSSEN)
    gevers = ToestemmingGeverSerializer(many=True)
    jongereGehoord = ToestemmingJongereGehoordSerializer(allow_null=True)
    andereOuder = ToestemmingAndereOuderSerializer(allow_null=True)
    uitzondering = ToestemmingUitzonderingSerializer(allow_null=True)
    doel = DoelVeld(
        allow_null=True,
        help_text="Null alleen bij een oudere toestemming waarvan de tekst geen activiteit noemde.",
    )
    doelToelichting = serializers.CharField(
        allow_blank=True,
        help_text="De tekst die een oudere toestemming als doel had, zoals die was (GP-02); anders leeg.",
    )
    ontvangers = ToestemmingOntvangerSerializer(many=True)
    gegevenscategorieen = serializers.ListField(child=serializers.CharField())
    inhoud = serializers.CharField(allow_blank=True)
    waaromNodig = serializers.CharField(allow_blank=True)
    vorm = serializers.ChoiceField(choices=policies.VORMEN, allow_null=True)
    uitdrukkelijk = serializers.BooleanField()
    alsGrondslag = serializers.BooleanField()
    informatieGegeven = ToestemmingInformatieSerializer(allow_null=True)
    belangBevestigd = serializers.BooleanField()
    afhankelijkheidReden = serializers.CharField(allow_blank=True)
    datum = serializers.DateField()
    geldigTot = serializers.DateField(allow_null=True)
    bewijs = serializers.CharField(allow_blank=True)
    ingetrokkenOp = serializers.DateTimeField(allow_null=True)
    terzijdegelegd = ToestemmingTerzijdeleggingSerializer(allow_null=True)
    organisatie = serializers.URLField()
    verwerkingsverantwoordelijke = serializers.URLField()
    aangemaakt = serializers.DateTimeField()
    gewijzigd = serializers.DateTimeField()
    waarschuwingen = serializers.ListField(child=serializers.CharField(), required=False)
    gevolgen = serializers.CharField(required=False, help_text="In gewone taal (CS-07).")
    beeindigdeDeelbesluiten = serializers.ListField(child=serializers.URLField(), required=False)


def naar_service(request, v: dict) -> dict:
    """API body → the service's API-shaped dict with person and organisation uuids instead of URLs."""
    from zorgvuldig.organisaties.models import Organisatie

    data = {k: w for k, w in v.items() if k not in ("betrokkene", "dossier")}
    if "gevers" in v:
        data["gevers"] = [
            {
                "persoon": uuid_uit_url(g["persoon"], request=request, veld="gevers.persoon"),
                "hoedanigheid": g["hoedanigheid"],
            }
            for g in v["gevers"]
        ]
    if v.get("andereOuder"):
        ao = dict(v["andereOuder"])
        ao["persoon"] = uuid_uit_url(ao["persoon"], request=request, veld="andereOuder.persoon")
        data["andereOuder"] = ao
    for sleutel in ("jongereGehoord", "uitzondering", "informatieGegeven"):
        if v.get(sleutel):
            data[sleutel] = dict(v[sleutel])
    if "ontvangers" in v:
        ontvangers = []
        for o in v["ontvangers"]:
            if o.get("organisatie"):
                uuid = uuid_uit_url(
                    o["organisatie"], resource="organisaties", request=request, veld="ontvangers.organisatie"
                )
                if not Organisatie.objects.filter(uuid=uuid).exists():
                    raise DomainError(
                        "E_INVALID_INPUT",
                        "Onbekende organisatie.",
                        [InvalidParam("ontvangers.organisatie", "invalid", "Onbekende organisatie.")],
                    )
                ontvangers.append({"organisatie": uuid})
            elif o.get("naam"):
                ontvangers.append({"naam": o["naam"]})
        data["ontvangers"] = ontvangers
    return data


class ToestemmingenView(BasisView):
    scopes = {"get": SCOPE, "post": SCOPE}
    verwerkingsactiviteit = ACT
    filters = (
        OpenApiParameter("betrokkene", str, description="URL van de persoon (/api/v1/personen/{uuid})"),
        OpenApiParameter("dossier", str, description="URL van het dossier (/api/v1/dossiers/{uuid})"),
        OpenApiParameter("status", str, enum=list(policies.STATUSSEN)),
        OpenApiParameter("soort", str, enum=list(policies.SOORTEN_TOESTEMMING)),
    )

    @extend_schema(responses=ToestemmingUitSerializer(many=True), operation_id="toestemmingen_list")
    def get(self, request):
        actor = actor_van(request)
        qs = selectors.toestemmingen_zichtbaar_voor(actor).select_related(
            "betrokkene", "dossier", "organisatie", "verwerkingsverantwoordelijke"
        )
        q = request.query_params
        for param, veld, resource in (
            ("betrokkene", "betrokkene__uuid", "personen"),
            ("dossier", "dossier__uuid", "dossiers"),
        ):
            if q.get(param):
                qs = qs.filter(
                    **{veld: uuid_uit_url(q[param], resource=resource, request=request, veld=param)}
                )
        if q.get("soort"):
            qs = qs.filter(soort=q["soort"])
        paginator = Paginering()
        page = paginator.paginate_queryset(qs.order_by("-aangemaakt", "-id"), request, view=self)
        rijen = selectors.lijst(actor, page)
        if q.get("status"):
            rijen = [r for r in rijen if selectors.status(r) == q["status"]]  # `verlopen` is derived
        return paginator.get_paginated_response([representatie(request, r) for r in rijen])

    @extend_schema(
        request=ToestemmingSerializer,
        responses={201: ToestemmingUitSerializer},
        operation_id="toestemmingen_create",
    )
    def post(self, request):
        ser = ToestemmingSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        rij, waarschuwingen = services.registreer(
            actor=actor_van(request),
            betrokkene_uuid=uuid_uit_url(v["betrokkene"], request=request, veld="betrokkene"),
            dossier_uuid=uuid_uit_url(v["dossier"], resource="dossiers", request=request, veld="dossier")
            if v.get("dossier")
            else None,
            data=naar_service(request, v),
        )
        return Response(representatie(request, rij, waarschuwingen), status=status.HTTP_201_CREATED)


class ToestemmingItemView(ItemView):
    verwerkingsactiviteit = ACT

    def zichtbaar(self, actor, uuid) -> None:
        selectors.toestemming_of_404(actor, uuid)


class ToestemmingView(ToestemmingItemView):
    scopes = {"get": SCOPE}

    @extend_schema(responses=ToestemmingUitSerializer, operation_id="toestemmingen_read")
    def get(self, request, uuid):
        return Response(representatie(request, selectors.lees(actor_van(request), uuid)))


def _beslis_view(naam: str, service):
    class View(ToestemmingItemView):
        scopes = {"post": SCOPE}

        @extend_schema(
            request=ToestemmingVeldenSerializer,
            responses=ToestemmingUitSerializer,
            operation_id=f"toestemmingen_{naam}",
        )
        def post(self, request, uuid):
            ser = ToestemmingVeldenSerializer(data=request.data or {})
            ser.is_valid(raise_exception=True)
            rij = service(
                actor=actor_van(request), uuid=uuid, aanvulling=naar_service(request, ser.validated_data)
            )
            return Response(representatie(request, rij))

    View.__name__ = f"{naam.capitalize()}View"
    return View


GevenView = _beslis_view("geven", services.geef)
WeigerenView = _beslis_view("weigeren", services.weiger)


class IntrekkenSerializer(StrictSerializer):
    datum = serializers.DateField(required=False)  # the day the client revoked; default today
    kanaal = serializers.ChoiceField(
        choices=("ui", "api", "portaal", "telefoon", "schriftelijk"), required=False
    )


class IntrekkenView(ToestemmingItemView):
    """CS-07: one call, no more steps than giving; answers with the consequences in plain Dutch."""

    scopes = {"post": SCOPE}

    @extend_schema(
        request=IntrekkenSerializer,
        responses=ToestemmingUitSerializer,
        operation_id="toestemmingen_intrekken",
    )
    def post(self, request, uuid):
        ser = IntrekkenSerializer(data=request.data or {})
        ser.is_valid(raise_exception=True)
        rij, gevolgen, beeindigd = services.trek_in(
            actor=actor_van(request),
            uuid=uuid,
            kanaal=ser.validated_data.get("kanaal", "api"),
            datum=ser.validated_data.get("datum"),
        )
        return Response(representatie(request, rij, gevolgen=gevolgen, beeindigd=beeindigd))


class TerzijdeSerializer(StrictSerializer):
    redenen = serializers.CharField(max_length=4000, allow_blank=True)


class TerzijdeleggenView(ToestemmingItemView):
    scopes = {"post": "dossier:autoriseren"}

    @extend_schema(
        request=TerzijdeSerializer,
        responses=ToestemmingUitSerializer,
        operation_id="toestemmingen_terzijdeleggen",
    )
    def post(self, request, uuid):
        ser = TerzijdeSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        rij = services.leg_terzijde(
            actor=actor_van(request), uuid=uuid, redenen=ser.validated_data["redenen"]
        )
        return Response(representatie(request, rij))
