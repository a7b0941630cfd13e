"""/api/v1/overlegtypen and /api/v1/casusoverleggen (API §2.7): thin views over the case-table services.

Every case view renders JSON only: the conference is confidential, so there is no CSV, PDF or other
export of contributions (CT-11); an `Accept` for anything else is 406.
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from zorgvuldig.api.base import BasisView, ItemView, LeegSerializer, StrictSerializer, Tekst, absolute
from zorgvuldig.api.pagination import Paginering
from zorgvuldig.api.permissions import actor_van
from zorgvuldig.casusoverleg import policies, selectors, services

ACT = "casusoverleg"
BEHEER, DEELNEMEN, REGISSEREN = "overlegtype:beheren", "casusoverleg:deelnemen", "casusoverleg:regisseren"
# RT-08: the FG reads closed case files of its controller (`register:lezen`); participants their own.
LEZEN = "casusoverleg:deelnemen|register:lezen"


def _url(request, pad: str) -> str:
    return absolute(request, f"/api/v1/{pad}")


# --- Table types ------------------------------------------------------------------------------------


class PartnerSerializer(StrictSerializer):
    organisatie = serializers.UUIDField()
    taak = serializers.CharField(max_length=500)
    rol = serializers.ChoiceField(choices=policies.PARTNERROLLEN)
    grond = serializers.CharField(max_length=40)


class OverlegtypeSerializer(StrictSerializer):
    sjabloon = serializers.ChoiceField(choices=sorted(policies.SJABLONEN), required=False)
    naam = serializers.CharField(max_length=200, required=False)
    soort = serializers.ChoiceField(choices=policies.SOORTEN, required=False)
    doel = serializers.CharField(max_length=2000, required=False)
    verwerkingsactiviteit = serializers.CharField(max_length=64, required=False)
    grondslag = serializers.CharField(max_length=1, required=False)
    criteria = serializers.ListField(
        child=serializers.CharField(max_length=300), max_length=20, required=False
    )
    minimumleeftijd = serializers.IntegerField(required=False)
    partners = serializers.ListField(child=PartnerSerializer(), max_length=30, required=False)
    convenant = serializers.CharField(max_length=64, required=False)
    toestemmingsmodus = serializers.ChoiceField(choices=policies.TOESTEMMINGSMODI, required=False)
    bewaartermijnMaanden = serializers.IntegerField(required=False)


def _type_data(v: dict) -> dict:
    """API fields → service fields; a template (`sjabloon`) fills what the request leaves out."""
    data = {}
    if v.get("sjabloon"):
        s = policies.SJABLONEN[v["sjabloon"]]
        data = {k: s[k] for k in s if k != "partnerrollen"} | {"soort": v["sjabloon"]}
    for api, veld in (
        ("naam", "naam"),
        ("soort", "soort"),
        ("doel", "doel"),
        ("verwerkingsactiviteit", "verwerkingsactiviteit"),
        ("grondslag", "grondslag"),
        ("criteria", "criteria"),
        ("minimumleeftijd", "minimumleeftijd"),
        ("convenant", "convenant"),
        ("toestemmingsmodus", "toestemmingsmodus"),
        ("bewaartermijnMaanden", "bewaartermijn_maanden"),
    ):
        if api in v:
            data[veld] = v[api]
    if "partners" in v:
        data["partners"] = [{**p, "organisatie": str(p["organisatie"])} for p in v["partners"]]
    return data


class OverlegtypenView(BasisView):
    scopes = {"get": BEHEER, "post": BEHEER}
    verwerkingsactiviteit = "beheer-platform"

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="overlegtypen_list")
    def get(self, request):
        rijen = selectors.typen_zichtbaar_voor(actor_van(request)).order_by("naam", "id")
        return Paginering.lijst([selectors.type_weergave(t) for t in rijen], request, self)

    @extend_schema(
        request=OverlegtypeSerializer,
        responses={201: OpenApiTypes.OBJECT},
        operation_id="overlegtypen_create",
    )
    def post(self, request):
        ser = OverlegtypeSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        data = {"partners": [], "criteria": [], **_type_data(ser.validated_data)}
        for veld in ("naam", "soort", "doel", "grondslag", "toestemmingsmodus"):
            data.setdefault(veld, "")
        data.setdefault("minimumleeftijd", None)
        data.setdefault("bewaartermijn_maanden", None)
        rij = services.maak_type(actor=actor_van(request), data=data)
        return Response(selectors.type_weergave(rij), status=status.HTTP_201_CREATED)


class OverlegtypeSjablonenView(BasisView):
    scopes = {"get": BEHEER}
    verwerkingsactiviteit = "beheer-platform"

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="overlegtypen_sjablonen")
    def get(self, request):
        return Response({"results": [{"sjabloon": k, **v} for k, v in policies.SJABLONEN.items()]})


class TypeItemView(ItemView):
    verwerkingsactiviteit = "beheer-platform"

    def zichtbaar(self, actor, uuid) -> None:
        selectors.type_of_404(actor, uuid)


class OverlegtypeView(TypeItemView):
    scopes = {"get": BEHEER, "patch": BEHEER}

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="overlegtypen_read")
    def get(self, request, uuid):
        return Response(selectors.type_weergave(selectors.type_of_404(actor_van(request), uuid)))

    @extend_schema(
        request=OverlegtypeSerializer, responses=OpenApiTypes.OBJECT, operation_id="overlegtypen_update"
    )
    def patch(self, request, uuid):
        ser = OverlegtypeSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        rij = services.wijzig_type(actor=actor_van(request), uuid=uuid, data=_type_data(ser.validated_data))
        return Response(selectors.type_weergave(rij))


class OverlegtypeActiverenView(TypeItemView):
    scopes = {"post": BEHEER}

    @extend_schema(
        request=LeegSerializer, responses=OpenApiTypes.OBJECT, operation_id="overlegtypen_activeren"
    )
    def post(self, request, uuid):
        LeegSerializer(data=request.data or {}).is_valid(raise_exception=True)
        return Response(selectors.type_weergave(services.activeer_type(actor=actor_van(request), uuid=uuid)))


class OverlegtypeGoedkeurenView(BasisView):
    """CT-16: the FG approves basis and grounds (its own controller's types)."""

    scopes = {"post": "register:beheren"}
    verwerkingsactiviteit = "verantwoording-toezicht"

    @extend_schema(
        request=LeegSerializer, responses=OpenApiTypes.OBJECT, operation_id="overlegtypen_goedkeuren"
    )
    def post(self, request, uuid):
        LeegSerializer(data=request.data or {}).is_valid(raise_exception=True)
        return Response(
            selectors.type_weergave(services.keur_basis_goed(actor=actor_van(request), uuid=uuid))
        )


# --- Cases --------------------------------------------------------------------------------------------


class CasusBasisView(BasisView):
    renderer_classes = [JSONRenderer]  # CT-11: no export format
    verwerkingsactiviteit = ACT


class CasusItemView(ItemView):
    renderer_classes = [JSONRenderer]  # CT-11
    verwerkingsactiviteit = ACT

    def zichtbaar(self, actor, uuid) -> None:
        if selectors.kijker(actor, uuid).zicht is None:
            from zorgvuldig.core.errors import NotFound

            raise NotFound()


def casus_representatie(request, k: selectors.Kijker, data: dict) -> dict:
    return {"url": _url(request, f"casusoverleggen/{k.casus.uuid}"), **data}


def _lees(request, uuid):
    k, data = selectors.lees(actor_van(request), uuid)
    return Response(casus_representatie(request, k, data))


class CasusSerializer(StrictSerializer):
    overlegtype = serializers.UUIDField()
    persoon = serializers.UUIDField(required=False, allow_null=True)
    vraag = serializers.CharField(max_length=4000)
    procesregisseur = serializers.UUIDField(required=False, allow_null=True)
    casusregisseur = serializers.UUIDField(required=False, allow_null=True)


class CasussenView(CasusBasisView):
    scopes = {"get": LEZEN, "post": DEELNEMEN}
    filters = (OpenApiParameter("status", str, enum=list(policies.STATUSSEN)),)

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="casusoverleggen_list")
    def get(self, request):
        actor = actor_van(request)
        qs = (
            selectors.casussen_zichtbaar_voor(actor)
            .select_related("overlegtype")
            .order_by("-aangemaakt", "-id")
        )
        if request.query_params.get("status"):
            qs = qs.filter(status=request.query_params["status"])
        paginator = Paginering()
        page = paginator.paginate_queryset(qs, request, view=self)
        selectors.lijst(actor, page)
        return paginator.get_paginated_response(
            [{"url": _url(request, f"casusoverleggen/{c.uuid}"), **selectors.lijst_weergave(c)} for c in page]
        )

    @extend_schema(
        request=CasusSerializer, responses={201: OpenApiTypes.OBJECT}, operation_id="casusoverleggen_create"
    )
    def post(self, request):
        ser = CasusSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        casus = services.registreer(
            actor=actor_van(request),
            overlegtype_uuid=v["overlegtype"],
            persoon_uuid=v.get("persoon"),
            vraag=v["vraag"],
            procesregisseur_uuid=v.get("procesregisseur"),
            casusregisseur_uuid=v.get("casusregisseur"),
        )
        k, data = selectors.lees(actor_van(request), casus.uuid)
        return Response(casus_representatie(request, k, data), status=status.HTTP_201_CREATED)


class ClientBetrokkenheidSerializer(StrictSerializer):
    wijze = Tekst(2000)
    redenNiet = Tekst(2000)


class CasusWijzigSerializer(StrictSerializer):
    vraag = serializers.CharField(max_length=4000, required=False)
    persoon = serializers.UUIDField(required=False)
    casusregisseur = serializers.UUIDField(required=False, allow_null=True)
    clientBetrokkenheid = ClientBetrokkenheidSerializer(required=False)
    informeertClient = serializers.UUIDField(required=False, allow_null=True)
    deelbaarMetClient = Tekst(4000)


class CasusView(CasusItemView):
    scopes = {"get": LEZEN, "patch": REGISSEREN}

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="casusoverleggen_read")
    def get(self, request, uuid):
        return _lees(request, uuid)

    @extend_schema(
        request=CasusWijzigSerializer, responses=OpenApiTypes.OBJECT, operation_id="casusoverleggen_update"
    )
    def patch(self, request, uuid):
        ser = CasusWijzigSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        data = dict(ser.validated_data)
        for veld in ("persoon", "casusregisseur", "informeertClient"):
            if data.get(veld) is not None:
                data[veld] = str(data[veld])
        services.wijzig(actor=actor_van(request), uuid=uuid, data=data)
        return _lees(request, uuid)


class IdentificatieView(CasusItemView):
    """CT-06: the person's identification — refused (403, audited) to a pseudonymised ADVISOR."""

    scopes = {"get": DEELNEMEN}

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="casusoverleggen_identificatie")
    def get(self, request, uuid):
        _k, data = selectors.identificatie_voor(actor_van(request), uuid)
        return Response(data)


class WegenSerializer(StrictSerializer):
    agenderen = serializers.BooleanField()
    advies = serializers.CharField(max_length=4000)


class WegenView(CasusItemView):
    scopes = {"post": DEELNEMEN}

    @extend_schema(
        request=WegenSerializer, responses=OpenApiTypes.OBJECT, operation_id="casusoverleggen_wegen"
    )
    def post(self, request, uuid):
        ser = WegenSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        services.weeg(actor=actor_van(request), uuid=uuid, **ser.validated_data)
        return _lees(request, uuid)


class AccepterenSerializer(StrictSerializer):
    criteriaToets = serializers.DictField(child=serializers.BooleanField(), allow_empty=True)
    clientGeinformeerd = serializers.BooleanField()
    uitzonderingReden = Tekst(2000)


class AccepterenView(CasusItemView):
    scopes = {"post": REGISSEREN}

    @extend_schema(
        request=AccepterenSerializer, responses=OpenApiTypes.OBJECT, operation_id="casusoverleggen_accepteren"
    )
    def post(self, request, uuid):
        ser = AccepterenSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        services.accepteer(
            actor=actor_van(request),
            uuid=uuid,
            criteria_toets=v["criteriaToets"],
            client_geinformeerd=v["clientGeinformeerd"],
            uitzondering_reden=v.get("uitzonderingReden", ""),
        )
        return _lees(request, uuid)


class AfwijzenSerializer(StrictSerializer):
    advies = serializers.CharField(max_length=4000)


class AfwijzenView(CasusItemView):
    scopes = {"post": REGISSEREN}

    @extend_schema(
        request=AfwijzenSerializer, responses=OpenApiTypes.OBJECT, operation_id="casusoverleggen_afwijzen"
    )
    def post(self, request, uuid):
        ser = AfwijzenSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        services.wijs_af(actor=actor_van(request), uuid=uuid, advies=ser.validated_data["advies"])
        return _lees(request, uuid)


def _overgang_view(naam: str, naar: str):
    class View(CasusItemView):
        scopes = {"post": REGISSEREN}

        @extend_schema(
            request=LeegSerializer, responses=OpenApiTypes.OBJECT, operation_id=f"casusoverleggen_{naam}"
        )
        def post(self, request, uuid):
            LeegSerializer(data=request.data or {}).is_valid(raise_exception=True)
            services.ga_naar(actor=actor_van(request), uuid=uuid, naar=naar)
            return _lees(request, uuid)

    View.__name__ = f"{naam.capitalize()}View"
    return View


TrierenView = _overgang_view("trieren", policies.TRIAGE)
AgenderenView = _overgang_view("agenderen", policies.GEAGENDEERD)
StartenView = _overgang_view("starten", policies.IN_OVERLEG)
MonitorenView = _overgang_view("monitoren", policies.MONITORING)
HerzienView = _overgang_view("herzien", policies.PLAN_HERZIEN)
AfschalenView = _overgang_view("afschalen", policies.AFSCHALING)


class CasusVaststellenSerializer(StrictSerializer):
    plan = serializers.CharField(max_length=20000)


class VaststellenView(CasusItemView):
    scopes = {"post": REGISSEREN}

    @extend_schema(
        request=CasusVaststellenSerializer,
        responses=OpenApiTypes.OBJECT,
        operation_id="casusoverleggen_vaststellen",
    )
    def post(self, request, uuid):
        ser = CasusVaststellenSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        services.stel_vast(actor=actor_van(request), uuid=uuid, plan=ser.validated_data["plan"])
        return _lees(request, uuid)


class AfspraakSerializer(StrictSerializer):
    wie = serializers.CharField(max_length=200)
    wat = serializers.CharField(max_length=2000)
    wanneer = serializers.CharField(max_length=100)


class VeiligheidsplanSerializer(StrictSerializer):
    afspraken = serializers.ListField(child=AfspraakSerializer(), max_length=50)


class VeiligheidsplanView(CasusItemView):
    scopes = {"post": DEELNEMEN}

    @extend_schema(
        request=VeiligheidsplanSerializer,
        responses=OpenApiTypes.OBJECT,
        operation_id="casusoverleggen_veiligheidsplan",
    )
    def post(self, request, uuid):
        ser = VeiligheidsplanSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        services.stel_veiligheidsplan_bij(
            actor=actor_van(request), uuid=uuid, afspraken=[dict(a) for a in ser.validated_data["afspraken"]]
        )
        return _lees(request, uuid)


class OverdrachtSerializer(StrictSerializer):
    bijdrage = serializers.UUIDField()
    deelbesluit = serializers.UUIDField(
        required=False, help_text="Leeg: het deelbesluit dat de inbrenger met `_overdragen` koppelde."
    )


class CasusAfsluitenSerializer(StrictSerializer):
    overnemendePartij = serializers.UUIDField()
    overdracht = serializers.ListField(child=OverdrachtSerializer(), max_length=200)


class AfsluitenView(CasusItemView):
    scopes = {"post": REGISSEREN}

    @extend_schema(
        request=CasusAfsluitenSerializer,
        responses=OpenApiTypes.OBJECT,
        operation_id="casusoverleggen_afsluiten",
    )
    def post(self, request, uuid):
        ser = CasusAfsluitenSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        services.sluit_af(
            actor=actor_van(request),
            uuid=uuid,
            overnemende_partij_uuid=v["overnemendePartij"],
            overdracht=[{k: str(x) for k, x in o.items()} for o in v["overdracht"]],
        )
        return _lees(request, uuid)


# --- Participants -----------------------------------------------------------------------------------


class DeelnemerSerializer(StrictSerializer):
    organisatie = serializers.UUIDField()
    gebruiker = serializers.UUIDField(required=False, allow_null=True)
    rol = serializers.ChoiceField(choices=policies.DEELNEMERROLLEN)
    reden = serializers.CharField(max_length=2000)
    vraag = Tekst(2000)


class DeelnemersView(CasusItemView):
    scopes = {"get": DEELNEMEN, "post": REGISSEREN}

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="casusoverleggen_deelnemers_list")
    def get(self, request, uuid):
        k, deelnemers = selectors.lees_onderdeel(actor_van(request), uuid, "deelnemers")
        rijen = [selectors.deelnemer_weergave(d, k) for d in deelnemers]
        return Paginering.lijst(rijen, request, self)

    @extend_schema(
        request=DeelnemerSerializer,
        responses={201: OpenApiTypes.OBJECT},
        operation_id="casusoverleggen_deelnemers_create",
    )
    def post(self, request, uuid):
        ser = DeelnemerSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        actor = actor_van(request)
        d = services.nodig_uit(
            actor=actor,
            uuid=uuid,
            organisatie_uuid=v["organisatie"],
            gebruiker_uuid=v.get("gebruiker"),
            rol=v["rol"],
            reden=v["reden"],
            vraag=v.get("vraag", ""),
        )
        return Response(
            selectors.deelnemer_weergave(d, selectors.kijker(actor, uuid)), status=status.HTTP_201_CREATED
        )


class ContactSerializer(StrictSerializer):
    naam = Tekst(200)
    email = serializers.EmailField(required=False, allow_blank=True)
    telefoon = Tekst(32)


class TriageSerializer(StrictSerializer):
    """CT-05: nothing but "known / involved" and a contact; any other field is refused."""

    bekend = serializers.BooleanField()
    contact = ContactSerializer(required=False, allow_null=True)


class TriageView(CasusItemView):
    scopes = {"post": DEELNEMEN}

    @extend_schema(
        request=TriageSerializer, responses=OpenApiTypes.OBJECT, operation_id="casusoverleggen_triage"
    )
    def post(self, request, uuid, deelnemer_uuid):
        ser = TriageSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        actor = actor_van(request)
        antwoord = {"bekend": ser.validated_data["bekend"]}
        if ser.validated_data.get("contact"):
            antwoord["contact"] = dict(ser.validated_data["contact"])
        d = services.beantwoord_triage(
            actor=actor, uuid=uuid, deelnemer_uuid=deelnemer_uuid, antwoord=antwoord
        )
        return Response(selectors.deelnemer_weergave(d, selectors.kijker(actor, uuid)))


# --- Contributions ----------------------------------------------------------------------------------


class GrondSerializer(StrictSerializer):
    soort = serializers.CharField(max_length=40)
    toestemming = serializers.UUIDField(required=False, allow_null=True)
    deelbesluit = serializers.UUIDField(required=False, allow_null=True)


class BijdrageSerializer(StrictSerializer):
    inhoud = serializers.CharField(max_length=20000)
    soort = serializers.CharField(max_length=16)
    bron = serializers.CharField(max_length=20)
    bijzonder = serializers.BooleanField(required=False, default=False)
    # CS-02, CT-08: the kinds of data contributed; on consent the consent must cover each of them
    gegevenscategorieen = serializers.ListField(
        child=serializers.CharField(max_length=60), max_length=30, required=False, default=list
    )
    grond = GrondSerializer()
    noodzaak = Tekst(2000)


class BijdragenView(CasusItemView):
    scopes = {"get": LEZEN, "post": DEELNEMEN}

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="casusoverleggen_bijdragen_list")
    def get(self, request, uuid):
        k, rijen = selectors.lees_bijdragen(actor_van(request), uuid)
        data = [selectors.bijdrage_weergave(b, k) for b in rijen]
        return Paginering.lijst(data, request, self)

    @extend_schema(
        request=BijdrageSerializer,
        responses={201: OpenApiTypes.OBJECT},
        operation_id="casusoverleggen_bijdragen_create",
    )
    def post(self, request, uuid):
        ser = BijdrageSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = dict(ser.validated_data)
        v["grond"] = {k: (str(x) if x is not None and k != "soort" else x) for k, x in v["grond"].items()}
        actor = actor_van(request)
        b = services.breng_in(actor=actor, uuid=uuid, data=v)
        return Response(
            selectors.bijdrage_weergave(b, selectors.kijker(actor, uuid)), status=status.HTTP_201_CREATED
        )


class BijdrageIntrekkenSerializer(StrictSerializer):
    beperkTot = serializers.ListField(child=serializers.UUIDField(), max_length=50, required=False)


class BijdrageIntrekkenView(CasusItemView):
    scopes = {"post": DEELNEMEN}

    @extend_schema(
        request=BijdrageIntrekkenSerializer,
        responses=OpenApiTypes.OBJECT,
        operation_id="casusoverleggen_bijdragen_intrekken",
    )
    def post(self, request, uuid, bijdrage_uuid):
        ser = BijdrageIntrekkenSerializer(data=request.data or {})
        ser.is_valid(raise_exception=True)
        beperk = ser.validated_data.get("beperkTot")
        actor = actor_van(request)
        b = services.trek_bijdrage_in(
            actor=actor,
            uuid=uuid,
            bijdrage_uuid=bijdrage_uuid,
            beperk_tot=[str(u) for u in beperk] if beperk is not None else None,
        )
        return Response(selectors.bijdrage_weergave(b, selectors.kijker(actor, uuid)))


class BijdrageOverdragenSerializer(StrictSerializer):
    deelbesluit = serializers.UUIDField()


class BijdrageOverdragenView(CasusItemView):
    """CT-15: the contributor names its executed sharing decision towards the taking-over party."""

    scopes = {"post": DEELNEMEN}

    @extend_schema(
        request=BijdrageOverdragenSerializer,
        responses=OpenApiTypes.OBJECT,
        operation_id="casusoverleggen_bijdragen_overdragen",
    )
    def post(self, request, uuid, bijdrage_uuid):
        ser = BijdrageOverdragenSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        actor = actor_van(request)
        b = services.koppel_overdracht(
            actor=actor,
            uuid=uuid,
            bijdrage_uuid=bijdrage_uuid,
            deelbesluit_uuid=str(ser.validated_data["deelbesluit"]),
        )
        return Response(selectors.bijdrage_weergave(b, selectors.kijker(actor, uuid)))


class BijdrageBevestigenView(CasusItemView):
    scopes = {"post": REGISSEREN}

    @extend_schema(
        request=LeegSerializer,
        responses=OpenApiTypes.OBJECT,
        operation_id="casusoverleggen_bijdragen_bevestigen",
    )
    def post(self, request, uuid, bijdrage_uuid):
        LeegSerializer(data=request.data or {}).is_valid(raise_exception=True)
        actor = actor_van(request)
        b = services.bevestig_bijdrage(actor=actor, uuid=uuid, bijdrage_uuid=bijdrage_uuid)
        return Response(selectors.bijdrage_weergave(b, selectors.kijker(actor, uuid)))


# --- Allocations ------------------------------------------------------------------------------------


class ToedelingSerializer(StrictSerializer):
    deelnemer = serializers.UUIDField()
    bijdragen = serializers.ListField(child=serializers.UUIDField(), min_length=1, max_length=200)


class ToedelingenView(CasusItemView):
    scopes = {"get": DEELNEMEN, "post": REGISSEREN}

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="casusoverleggen_toedelingen_list")
    def get(self, request, uuid):
        k, toedelingen = selectors.lees_onderdeel(actor_van(request), uuid, "toedelingen")
        rijen = [selectors.toedeling_weergave(t, k) for t in toedelingen]
        return Paginering.lijst(rijen, request, self)

    @extend_schema(
        request=ToedelingSerializer,
        responses={201: OpenApiTypes.OBJECT},
        operation_id="casusoverleggen_toedelingen_create",
    )
    def post(self, request, uuid):
        ser = ToedelingSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        t = services.deel_toe(
            actor=actor_van(request),
            uuid=uuid,
            deelnemer_uuid=v["deelnemer"],
            bijdragen=[str(b) for b in v["bijdragen"]],
        )
        return Response(selectors.toedeling_weergave(t), status=status.HTTP_201_CREATED)


class ToedelingGoedkeurenView(CasusItemView):
    scopes = {"post": DEELNEMEN}

    @extend_schema(
        request=LeegSerializer,
        responses=OpenApiTypes.OBJECT,
        operation_id="casusoverleggen_toedelingen_goedkeuren",
    )
    def post(self, request, uuid, toedeling_uuid):
        LeegSerializer(data=request.data or {}).is_valid(raise_exception=True)
        t = services.keur_toedeling_goed(actor=actor_van(request), uuid=uuid, toedeling_uuid=toedeling_uuid)
        return Response(selectors.toedeling_weergave(t))


# --- Meetings and actions ---------------------------------------------------------------------------


class BijeenkomstSerializer(StrictSerializer):
    datum = serializers.DateField()
    agenda = serializers.ListField(child=serializers.CharField(max_length=500), max_length=50, required=False)
    aanwezig = serializers.ListField(child=serializers.UUIDField(), max_length=50, required=False)
    besluiten = serializers.ListField(
        child=serializers.CharField(max_length=2000), max_length=50, required=False
    )


class BijeenkomstenView(CasusItemView):
    scopes = {"get": DEELNEMEN, "post": REGISSEREN}

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="casusoverleggen_bijeenkomsten_list")
    def get(self, request, uuid):
        _k, bijeenkomsten = selectors.lees_onderdeel(actor_van(request), uuid, "bijeenkomsten")
        rijen = [selectors.bijeenkomst_weergave(b) for b in bijeenkomsten]
        return Paginering.lijst(rijen, request, self)

    @extend_schema(
        request=BijeenkomstSerializer,
        responses={201: OpenApiTypes.OBJECT},
        operation_id="casusoverleggen_bijeenkomsten_create",
    )
    def post(self, request, uuid):
        ser = BijeenkomstSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        b = services.leg_bijeenkomst_vast(
            actor=actor_van(request),
            uuid=uuid,
            datum=v["datum"],
            agenda=v.get("agenda", []),
            aanwezig=[str(u) for u in v.get("aanwezig", [])],
            besluiten=v.get("besluiten", []),
        )
        return Response(selectors.bijeenkomst_weergave(b), status=status.HTTP_201_CREATED)


class ActiepuntSerializer(StrictSerializer):
    omschrijving = serializers.CharField(max_length=2000)
    deadline = serializers.DateField()
    deelnemer = serializers.UUIDField(required=False, allow_null=True)
    bijeenkomst = serializers.UUIDField(required=False, allow_null=True)


class ActiepuntenView(CasusItemView):
    scopes = {"get": DEELNEMEN, "post": REGISSEREN}

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="casusoverleggen_actiepunten_list")
    def get(self, request, uuid):
        _k, actiepunten = selectors.lees_onderdeel(actor_van(request), uuid, "actiepunten")
        rijen = [selectors.actiepunt_weergave(a) for a in actiepunten]
        return Paginering.lijst(rijen, request, self)

    @extend_schema(
        request=ActiepuntSerializer,
        responses={201: OpenApiTypes.OBJECT},
        operation_id="casusoverleggen_actiepunten_create",
    )
    def post(self, request, uuid):
        ser = ActiepuntSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        a = services.maak_actiepunt(
            actor=actor_van(request),
            uuid=uuid,
            omschrijving=v["omschrijving"],
            deadline=v["deadline"],
            deelnemer_uuid=str(v["deelnemer"]) if v.get("deelnemer") else None,
            bijeenkomst_uuid=str(v["bijeenkomst"]) if v.get("bijeenkomst") else None,
        )
        return Response(selectors.actiepunt_weergave(a), status=status.HTTP_201_CREATED)


class ActiepuntAfrondenView(CasusItemView):
    scopes = {"post": DEELNEMEN}

    @extend_schema(
        request=LeegSerializer,
        responses=OpenApiTypes.OBJECT,
        operation_id="casusoverleggen_actiepunten_afronden",
    )
    def post(self, request, uuid, actiepunt_uuid):
        LeegSerializer(data=request.data or {}).is_valid(raise_exception=True)
        a = services.rond_actiepunt_af(actor=actor_van(request), uuid=uuid, actiepunt_uuid=actiepunt_uuid)
        return Response(selectors.actiepunt_weergave(a))
