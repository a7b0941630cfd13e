"""/api/v1/dossiers (API §2.4): thin views over the dossier selectors and services."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
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
from zorgvuldig.core.errors import DomainError, InvalidParam, NotFound
from zorgvuldig.dossiers import policies, selectors, services
from zorgvuldig.dossiers.models import Dossier, Lid, Toewijzing

ACT = "sociaal-domein-ondersteuning"
LEZEN, BEWERKEN, AUTORISEREN = "dossier:inzien", "dossier:bewerken", "dossier:autoriseren"


def _url(request, pad: str) -> str:
    return absolute(request, f"/api/v1/{pad}")


def _persoon_urls(request, data):
    """Person uuids in a selector's representation → URLs (API §1.1)."""
    if isinstance(data, dict):
        return {
            k: (
                _url(request, f"personen/{v}")
                if k == "persoon"
                else [_url(request, f"personen/{u}") for u in v]
                if k == "betreft"
                else _persoon_urls(request, v)
            )
            for k, v in data.items()
        }
    if isinstance(data, list):
        return [_persoon_urls(request, v) for v in data]
    return data


def dossier_representatie(request, dossier: Dossier, data: dict) -> dict:
    return {
        "url": _url(request, f"dossiers/{dossier.uuid}"),
        "uuid": str(dossier.uuid),
        "kenmerk": dossier.kenmerk,
        "soort": dossier.soort,
        "team": {"code": dossier.team.code, "naam": dossier.team.naam},
        "casusregie": _url(request, f"gebruikers/{dossier.casusregie.uuid}") if dossier.casusregie else None,
        "casusregieNaam": dossier.casusregie.naam if dossier.casusregie else None,
        "status": dossier.status,
        "clientContact": dossier.client_contact,
        "bewaartermijn": {"vernietigenOp": dossier.vernietigen_op} if dossier.vernietigen_op else None,
        "organisatie": _url(request, f"organisaties/{dossier.organisatie.uuid}"),
        "verwerkingsverantwoordelijke": _url(
            request, f"verwerkingsverantwoordelijken/{dossier.verwerkingsverantwoordelijke.uuid}"
        ),
        "geopendOp": dossier.geopend_op,
        "aangemaakt": dossier.aangemaakt,
        "gewijzigd": dossier.gewijzigd,
        **_persoon_urls(request, data),
    }


def _lijst_representatie(request, dossier: Dossier) -> dict:
    """A list row: reference, team, status and the frame (DS-14: every view shows it)."""
    return {
        "url": _url(request, f"dossiers/{dossier.uuid}"),
        "uuid": str(dossier.uuid),
        "kenmerk": dossier.kenmerk,
        "soort": dossier.soort,
        "team": {"code": dossier.team.code, "naam": dossier.team.naam},
        "status": dossier.status,
        "kader": dossier.kader,
        "geopendOp": dossier.geopend_op,
    }


def _weigering(naam: str, reden: str, code: str = "invalid") -> DomainError:
    return DomainError("E_INVALID_INPUT", reden, [InvalidParam(naam, code, reden)])


def _persoon_uuid(request, url: str, veld: str = "persoon") -> str:
    return uuid_uit_url(url, resource="personen", request=request, veld=veld)


def _gebruiker(request, url: str, veld: str = "gebruiker"):
    from zorgvuldig.organisaties.models import Gebruiker

    return Gebruiker.objects.filter(
        uuid=uuid_uit_url(url, resource="gebruikers", request=request, veld=veld)
    ).first()


class DossierLidSerializer(StrictSerializer):
    persoon = serializers.CharField(max_length=300)
    rol = serializers.ChoiceField(choices=Lid.Rol.choices)


class DossierSerializer(StrictSerializer):
    soort = serializers.ChoiceField(choices=Dossier.Soort.choices)
    team = serializers.CharField(max_length=64, help_text="Code van het team (afwijking, ADR 0006).")
    leden = serializers.ListField(child=DossierLidSerializer(), min_length=1, max_length=30)


class DossiersView(BasisView):
    scopes = {"get": LEZEN, "post": BEWERKEN}
    verwerkingsactiviteit = ACT
    filters = (OpenApiParameter("status", str, enum=list(policies.STATUSSEN)),)

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="dossiers_list")
    def get(self, request):
        actor = actor_van(request)
        qs = selectors.dossiers_zichtbaar_voor(actor).select_related("team").order_by("-geopend_op", "-id")
        status_filter = request.query_params.get("status")
        if status_filter:
            qs = qs.filter(status=status_filter)
        paginator = Paginering()
        page = paginator.paginate_queryset(qs, request, view=self)
        selectors.lijst(actor, page)
        return paginator.get_paginated_response([_lijst_representatie(request, d) for d in page])

    @extend_schema(
        request=DossierSerializer, responses={201: OpenApiTypes.OBJECT}, operation_id="dossiers_create"
    )
    def post(self, request):
        from zorgvuldig.organisaties.models import Team

        actor = actor_van(request)
        ser = DossierSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        team = Team.objects.filter(code=v["team"], organisatie=actor.organisatie).first()
        leden = [(_persoon_uuid(request, lid["persoon"], "leden.persoon"), lid["rol"]) for lid in v["leden"]]
        dossier = services.registreer_dossier(actor=actor, soort=v["soort"], team=team, leden=leden)
        dossier, data = selectors.lees_dossier(actor, dossier.uuid)
        return Response(dossier_representatie(request, dossier, data), status=status.HTTP_201_CREATED)


class DossierZoekSerializer(StrictSerializer):
    bsn = Bsn()


class DossiersZoekView(BasisView):
    scopes = {"post": LEZEN}
    verwerkingsactiviteit = ACT

    @extend_schema(
        request=DossierZoekSerializer,
        responses=inline_serializer(
            "DossierZoekAntwoord",
            {
                "count": serializers.IntegerField(),
                "next": serializers.URLField(allow_null=True),
                "previous": serializers.URLField(allow_null=True),
                "results": serializers.ListField(child=serializers.DictField()),
                "noodtoegangMogelijk": inline_serializer(
                    "Noodtoegangsmogelijkheid",
                    {
                        "url": serializers.URLField(),
                        "kenmerk": serializers.CharField(),
                        "team": inline_serializer(
                            "DossierTeam", {"code": serializers.CharField(), "naam": serializers.CharField()}
                        ),
                        "noodtoegang": serializers.URLField(),
                    },
                    many=True,
                ),
            },
        ),
        operation_id="dossiers_zoek",
    )
    def post(self, request):
        actor = actor_van(request)
        ser = DossierZoekSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        bsn = ser.validated_data["bsn"]  # 11-proef checked by the field (400 on `bsn`)
        gevonden = selectors.zoek_op_bsn(actor, bsn)
        selectors.lijst(actor, gevonden)
        # AC-11/E4: own-team dossiers not yet open to the actor, before contact: only to ask break-glass
        nood = [
            {
                "url": _url(request, f"dossiers/{d.uuid}"),
                "kenmerk": d.kenmerk,
                "team": {"code": d.team.code, "naam": d.team.naam},
                "noodtoegang": _url(request, f"dossiers/{d.uuid}/noodtoegangen"),
            }
            for d in selectors.dossiers_voor_noodtoegang(actor, bsn)
        ]
        antwoord = Paginering.lijst([_lijst_representatie(request, d) for d in gevonden], request, self)
        antwoord.data["noodtoegangMogelijk"] = nood
        return antwoord


class DossierItemView(ItemView):
    verwerkingsactiviteit = ACT

    def zichtbaar(self, actor, uuid) -> None:
        selectors.dossier_of_404(actor, uuid)


class BeheerItemView(ItemView):
    """Assignment and confirmation: the leidinggevende of the own organisation, no content grant."""

    verwerkingsactiviteit = ACT

    def zichtbaar(self, actor, uuid) -> None:
        selectors.dossier_voor_beheer(actor, uuid)


def _lees(request, uuid):
    dossier, data = selectors.lees_dossier(actor_van(request), uuid)
    return Response(dossier_representatie(request, dossier, data))


# what a dossier shows but a PATCH cannot change: ignored, so a client may send back what it read (API §1.1)
ALLEEN_LEZEN = [
    "url",
    "uuid",
    "kenmerk",
    "soort",
    "team",
    "casusregieNaam",
    "status",
    "clientContact",
    "bewaartermijn",
    "organisatie",
    "verwerkingsverantwoordelijke",
    "geopendOp",
    "aangemaakt",
    "gewijzigd",
    "kader",
    "kaderhistorie",
    "informering",
    "informeringCompleet",
    "afwijkingGoedgekeurd",
    "instemming",
    "afsluiting",
    "secties",
]


class DossierWijzigSerializer(StrictSerializer):
    """`PATCH /dossiers/{uuid}` (JSON merge patch): `leden` replaces the member list; `casusregie` is the
    URL of a user on the case team. Status changes only through the operations."""

    leden = serializers.ListField(child=DossierLidSerializer(), min_length=1, max_length=30, required=False)
    casusregie = serializers.CharField(max_length=300, required=False, help_text="URL van een gebruiker.")

    def get_fields(self):
        velden = super().get_fields()
        for naam in ALLEEN_LEZEN:
            velden[naam] = serializers.JSONField(read_only=True)
        return velden


class DossierView(DossierItemView):
    scopes = {"get": LEZEN, "patch": BEWERKEN}

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="dossiers_read")
    def get(self, request, uuid):
        return _lees(request, uuid)

    @extend_schema(
        request=DossierWijzigSerializer, responses=OpenApiTypes.OBJECT, operation_id="dossiers_partial_update"
    )
    def patch(self, request, uuid):
        # not partial=True: DRF would pass it down and let a member without `persoon` or `rol` through
        ser = DossierWijzigSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        casusregie = None
        if "casusregie" in v:
            casusregie = _gebruiker(request, v["casusregie"], "casusregie")
            if casusregie is None:  # the same words as for a user outside the team: existence stays unsaid
                raise _weigering("casusregie", services.NIET_IN_CASUSTEAM)
        leden = None
        if "leden" in v:
            leden = [
                (_persoon_uuid(request, lid["persoon"], "leden.persoon"), lid["rol"]) for lid in v["leden"]
            ]
        services.wijzig_dossier(actor=actor_van(request), uuid=uuid, leden=leden, casusregie=casusregie)
        return _lees(request, uuid)


class DossierInformerenSerializer(StrictSerializer):
    mondelingOp = serializers.DateField()
    schriftelijkOp = serializers.DateField()
    onderwerpen = serializers.ListField(child=serializers.CharField(max_length=16), max_length=20)


class InformerenView(DossierItemView):
    scopes = {"post": BEWERKEN}

    @extend_schema(
        request=DossierInformerenSerializer, responses=OpenApiTypes.OBJECT, operation_id="dossiers_informeren"
    )
    def post(self, request, uuid):
        ser = DossierInformerenSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        services.informeer(
            actor=actor_van(request),
            uuid=uuid,
            mondeling_op=v["mondelingOp"],
            schriftelijk_op=v["schriftelijkOp"],
            onderwerpen=v["onderwerpen"],
        )
        return _lees(request, uuid)


class StartenSerializer(StrictSerializer):
    afwijkingReden = Tekst(2000)


class StartenView(ItemView):
    """DS-02: the case worker starts; or the leidinggevende approves a deviation (`afwijkingReden`)."""

    scopes = {"post": BEWERKEN}
    verwerkingsactiviteit = ACT

    def zichtbaar(self, actor, uuid) -> None:
        try:
            selectors.dossier_of_404(actor, uuid)
        except NotFound:
            if "leidinggevende" not in actor.rollen:
                raise
            selectors.dossier_voor_beheer(actor, uuid)

    @extend_schema(request=StartenSerializer, responses=OpenApiTypes.OBJECT, operation_id="dossiers_starten")
    def post(self, request, uuid):
        actor = actor_van(request)
        ser = StartenSerializer(data=request.data or {})
        ser.is_valid(raise_exception=True)
        reden = ser.validated_data.get("afwijkingReden")
        if reden:
            services.keur_afwijking_goed(actor=actor, uuid=uuid, reden=reden)
        if not reden or selectors.dossiers_zichtbaar_voor(actor).filter(uuid=uuid).exists():
            services.start(actor=actor, uuid=uuid)
        else:
            return Response(status=status.HTTP_204_NO_CONTENT)  # approved; the case team starts it
        return _lees(request, uuid)


def _status_view(naam: str, service):
    class View(DossierItemView):
        scopes = {"post": BEWERKEN}

        @extend_schema(request=LeegSerializer, responses=OpenApiTypes.OBJECT, operation_id=f"dossiers_{naam}")
        def post(self, request, uuid):
            LeegSerializer(data=request.data or {}).is_valid(raise_exception=True)
            service(actor=actor_van(request), uuid=uuid)
            return _lees(request, uuid)

    View.__name__ = f"{naam.capitalize()}View"
    return View


MonitorenView = _status_view("monitoren", services.monitor)
HerzienView = _status_view("herzien", services.herzie)


class AfsluitenSerializer(StrictSerializer):
    einddatum = serializers.DateField()
    clientOordeel = Tekst(4000)
    clientOordeelGeweigerd = serializers.BooleanField(required=False, default=False)
    resultaten = serializers.CharField(max_length=4000)
    reden = serializers.ChoiceField(choices=policies.AFSLUITREDENEN)
    laatsteRedmiddel = Tekst(4000)


class AfsluitenView(DossierItemView):
    scopes = {"post": BEWERKEN}

    @extend_schema(
        request=AfsluitenSerializer, responses=OpenApiTypes.OBJECT, operation_id="dossiers_afsluiten"
    )
    def post(self, request, uuid):
        ser = AfsluitenSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        services.sluit_af(
            actor=actor_van(request),
            uuid=uuid,
            data={
                "einddatum": v["einddatum"],
                "client_oordeel": v.get("clientOordeel", ""),
                "client_oordeel_geweigerd": v.get("clientOordeelGeweigerd", False),
                "resultaten": v["resultaten"],
                "reden": v["reden"],
                "laatste_redmiddel": v.get("laatsteRedmiddel", ""),
            },
        )
        return _lees(request, uuid)


class BevestigenView(BeheerItemView):
    scopes = {"post": AUTORISEREN}

    @extend_schema(request=LeegSerializer, responses={204: None}, operation_id="dossiers_bevestigen")
    def post(self, request, uuid):
        LeegSerializer(data=request.data or {}).is_valid(raise_exception=True)
        services.bevestig_afsluiting(actor=actor_van(request), uuid=uuid)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Sub-resources --------------------------------------------------------------------------------


def _items(request, uuid, sectie: str, ophalen, weergave, actie_velden: str):
    """List items of a section: the section's read right (AC-05, AC-10), audited with its grant."""
    actor = actor_van(request)
    dossier, grants = selectors.dossier_of_404(actor, uuid)
    grant = selectors.sectie_toegang(actor, dossier, grants, sectie, "lezen")
    rijen = [weergave(r) for r in ophalen(dossier, selectors.leesbare_secties(grants))]
    selectors.log_items(actor, dossier, grant, "dossier.items_ingezien", [actie_velden])
    return Paginering.lijst(_persoon_urls(request, rijen), request, None)


class BronSerializer(StrictSerializer):
    soort = serializers.CharField(max_length=20, required=False, allow_blank=True)
    omschrijving = Tekst(500)
    # AC-12, only with soort `partner`: the partner organisation's URL, why it is necessary, discussed.
    organisatie = Tekst(300)
    noodzaak = Tekst(2000)
    besprokenMetClient = serializers.BooleanField(required=False, allow_null=True, default=None)


class BijzondereGrondslagSerializer(StrictSerializer):
    soort = serializers.ChoiceField(choices=policies.BIJZONDERE_GRONDSLAGEN, required=False)
    toestemming = Tekst(300)
    wettelijkeBepaling = Tekst(300)


class NotitieSerializer(StrictSerializer):
    sectie = serializers.CharField(max_length=16)
    soort = serializers.CharField(max_length=16, required=False, allow_blank=True)
    basis = Tekst(4000)
    bron = BronSerializer(required=False)
    geverifieerd = serializers.BooleanField(required=False, allow_null=True, default=None)
    tekst = serializers.CharField(max_length=20000, allow_blank=True)
    corrigeert = Tekst(300)
    betreft = serializers.ListField(
        child=serializers.CharField(max_length=300), required=False, max_length=30
    )
    deelbaarMetAlleLeden = serializers.BooleanField(required=False, default=False)
    bijzondereGrondslag = BijzondereGrondslagSerializer(required=False)


def _bron(request, bron: dict) -> dict:
    """The note's source for the service; a partner (AC-12) is referenced by its organisation URL."""
    organisatie = bron.get("organisatie")
    return {
        "soort": bron.get("soort"),
        "omschrijving": bron.get("omschrijving", ""),
        "organisatie": (
            uuid_uit_url(organisatie, resource="organisaties", request=request, veld="bron.organisatie")
            if organisatie
            else None
        ),
        "noodzaak": bron.get("noodzaak", ""),
        "besproken_met_client": bron.get("besprokenMetClient"),
    }


def _notitie(request, weergave: dict) -> dict:
    """A note's representation: person and partner organisation uuids as URLs (API §1.1)."""
    data = _persoon_urls(request, weergave)
    if data["bron"].get("organisatie"):
        data["bron"]["organisatie"] = _url(request, f"organisaties/{data['bron']['organisatie']}")
    return data


def _betreft(request, urls) -> list[str] | None:
    return [_persoon_uuid(request, u, "betreft") for u in urls] if urls else None


class NotitiesView(DossierItemView):
    scopes = {"get": LEZEN, "post": BEWERKEN}

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="dossiers_notities_list")
    def get(self, request, uuid):
        actor = actor_van(request)
        dossier, grants = selectors.dossier_of_404(actor, uuid)
        secties = selectors.leesbare_secties(grants) & set(policies.NOTITIE_SECTIES)
        if not secties:
            selectors.sectie_toegang(actor, dossier, grants, "notities", "lezen")  # 403 with the reason
        rijen = [selectors.notitie_weergave(n) for n in selectors.notities(dossier, secties)]
        grant = selectors.sectie_toegang(actor, dossier, grants, sorted(secties)[0], "lezen")
        selectors.log_items(
            actor, dossier, grant, "dossier.items_ingezien", [f"notitie.{s}" for s in sorted(secties)]
        )
        return Paginering.lijst([_notitie(request, r) for r in rijen], request, self)

    @extend_schema(
        request=NotitieSerializer,
        responses={201: OpenApiTypes.OBJECT},
        operation_id="dossiers_notities_create",
    )
    def post(self, request, uuid):
        ser = NotitieSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        grondslag = v.get("bijzondereGrondslag") or {}
        toestemming = grondslag.get("toestemming")
        notitie = services.registreer_notitie(
            actor=actor_van(request),
            uuid=uuid,
            data={
                "sectie": v["sectie"],
                "soort": v.get("soort") or None,
                "basis": v.get("basis", ""),
                "bron": _bron(request, v.get("bron") or {}),
                "geverifieerd": v.get("geverifieerd"),
                "tekst": v["tekst"],
                "corrigeert": v.get("corrigeert") or None,
                "betreft": _betreft(request, v.get("betreft")),
                "deelbaar_met_alle_leden": v.get("deelbaarMetAlleLeden", False),
                "bijzondere_grondslag": {
                    "soort": grondslag.get("soort"),
                    "toestemming": (
                        uuid_uit_url(
                            toestemming, resource="toestemmingen", request=request, veld="toestemming"
                        )
                        if toestemming
                        else None
                    ),
                    "wettelijke_bepaling": grondslag.get("wettelijkeBepaling", ""),
                },
            },
        )
        return Response(
            _notitie(request, selectors.notitie_weergave(notitie)), status=status.HTTP_201_CREATED
        )


class ClientverklaringSerializer(StrictSerializer):
    notitie = serializers.UUIDField()
    persoon = serializers.CharField(max_length=300)
    tekst = serializers.CharField(max_length=20000, trim_whitespace=False)


class ClientverklaringenView(DossierItemView):
    scopes = {"post": BEWERKEN}

    @extend_schema(
        request=ClientverklaringSerializer,
        responses={201: OpenApiTypes.OBJECT},
        operation_id="dossiers_clientverklaringen_create",
    )
    def post(self, request, uuid):
        ser = ClientverklaringSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        rij = services.registreer_verklaring(
            actor=actor_van(request),
            uuid=uuid,
            notitie_uuid=v["notitie"],
            persoon_uuid=_persoon_uuid(request, v["persoon"]),
            tekst=v["tekst"],
        )
        return Response(
            _notitie(request, selectors.notitie_weergave(rij.notitie)), status=status.HTTP_201_CREATED
        )


class ZrmSerializer(StrictSerializer):
    persoon = Tekst(300)
    domein = serializers.CharField(max_length=32)
    niveau = serializers.IntegerField(required=False, allow_null=True)
    onderbouwing = serializers.CharField(max_length=4000, allow_blank=True)
    besprokenMetClient = serializers.BooleanField(required=False, allow_null=True, default=None)


class ZrmView(DossierItemView):
    scopes = {"get": LEZEN, "post": BEWERKEN}

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="dossiers_zrm_list")
    def get(self, request, uuid):
        return _items(request, uuid, "zrm", selectors.zrm, selectors.zrm_weergave, "zrm")

    @extend_schema(
        request=ZrmSerializer, responses={201: OpenApiTypes.OBJECT}, operation_id="dossiers_zrm_create"
    )
    def post(self, request, uuid):
        ser = ZrmSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        score = services.registreer_zrm(
            actor=actor_van(request),
            uuid=uuid,
            persoon_uuid=_persoon_uuid(request, v["persoon"]) if v.get("persoon") else None,
            domein=v["domein"],
            niveau=v.get("niveau"),
            onderbouwing=v["onderbouwing"],
            besproken_met_client=v.get("besprokenMetClient"),
        )
        return Response(_persoon_urls(request, selectors.zrm_weergave(score)), status=status.HTTP_201_CREATED)


class ActieSerializer(StrictSerializer):
    omschrijving = serializers.CharField(max_length=1000, allow_blank=True)
    uitvoerder = serializers.CharField(max_length=200, allow_blank=True)


class ProfessionalSerializer(StrictSerializer):
    naam = serializers.CharField(max_length=200)
    contact = Tekst(200)


class PlanSerializer(StrictSerializer):
    doelen = serializers.ListField(child=serializers.CharField(max_length=1000), max_length=50)
    acties = serializers.ListField(child=ActieSerializer(), required=False, max_length=100)
    voorzieningen = serializers.ListField(
        child=serializers.CharField(max_length=500), required=False, max_length=50
    )
    basishulp = Tekst(4000)
    betrokkenProfessionals = serializers.ListField(
        child=ProfessionalSerializer(), required=False, max_length=50
    )
    gezamenlijk = serializers.BooleanField(required=False, default=False)
    notities = serializers.ListField(child=serializers.UUIDField(), required=False, max_length=200)


class PlannenView(DossierItemView):
    scopes = {"get": LEZEN, "post": BEWERKEN}

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="dossiers_plannen_list")
    def get(self, request, uuid):
        return _items(
            request, uuid, "plan", lambda d, _s: selectors.plannen(d), selectors.plan_weergave, "plan"
        )

    @extend_schema(
        request=PlanSerializer, responses={201: OpenApiTypes.OBJECT}, operation_id="dossiers_plannen_create"
    )
    def post(self, request, uuid):
        ser = PlanSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = dict(ser.validated_data)
        v["acties"] = [dict(a) for a in v.get("acties", [])]
        v["betrokkenProfessionals"] = [dict(p) for p in v.get("betrokkenProfessionals", [])]
        v["notities"] = [str(u) for u in v.get("notities", [])]
        plan = services.registreer_plan(actor=actor_van(request), uuid=uuid, data=v)
        return Response(_persoon_urls(request, selectors.plan_weergave(plan)), status=status.HTTP_201_CREATED)


class VaststellenSerializer(StrictSerializer):
    metClientAfgesprokenOp = serializers.DateField()


class PlanVaststellenView(DossierItemView):
    scopes = {"post": BEWERKEN}

    @extend_schema(
        request=VaststellenSerializer,
        responses=OpenApiTypes.OBJECT,
        operation_id="dossiers_plannen_vaststellen",
    )
    def post(self, request, uuid, plan_uuid):
        ser = VaststellenSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        services.stel_plan_vast(
            actor=actor_van(request),
            uuid=uuid,
            plan_uuid=plan_uuid,
            met_client_afgesproken_op=ser.validated_data["metClientAfgesprokenOp"],
        )
        return _lees(request, uuid)


class VerwijzerSerializer(StrictSerializer):
    naam = serializers.CharField(max_length=200)
    contact = Tekst(200)


class VerwijzingSerializer(StrictSerializer):
    verwijzer = VerwijzerSerializer()
    reden = serializers.CharField(max_length=4000, allow_blank=True)
    besprokenMetClient = serializers.BooleanField(required=False, allow_null=True, default=None)
    clientAkkoord = serializers.BooleanField(required=False, allow_null=True, default=None)
    contactDoor = serializers.CharField(max_length=12, required=False, allow_blank=True)
    veiligheidsindicaties = Tekst(4000)


class VerwijzingenView(DossierItemView):
    scopes = {"get": LEZEN, "post": BEWERKEN}

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="dossiers_verwijzingen_list")
    def get(self, request, uuid):
        return _items(
            request,
            uuid,
            "verwijzing",
            lambda d, _s: selectors.verwijzingen(d),
            selectors.verwijzing_weergave,
            "verwijzing",
        )

    @extend_schema(
        request=VerwijzingSerializer,
        responses={201: OpenApiTypes.OBJECT},
        operation_id="dossiers_verwijzingen_create",
    )
    def post(self, request, uuid):
        ser = VerwijzingSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        rij = services.registreer_verwijzing(
            actor=actor_van(request),
            uuid=uuid,
            data={
                "verwijzer": dict(v["verwijzer"]),
                "reden": v["reden"],
                "besproken_met_client": v.get("besprokenMetClient"),
                "client_akkoord": v.get("clientAkkoord"),
                "contact_door": v.get("contactDoor", ""),
                "veiligheidsindicaties": v.get("veiligheidsindicaties", ""),
            },
        )
        return Response(selectors.verwijzing_weergave(rij), status=status.HTTP_201_CREATED)


class DossierInstemmingSerializer(StrictSerializer):
    persoon = serializers.CharField(max_length=300)
    gegeven = serializers.BooleanField()
    datum = serializers.DateField()


class InstemmingenView(DossierItemView):
    scopes = {"post": BEWERKEN}

    @extend_schema(
        request=DossierInstemmingSerializer,
        responses=OpenApiTypes.OBJECT,
        operation_id="dossiers_instemmingen_create",
    )
    def post(self, request, uuid):
        ser = DossierInstemmingSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        services.registreer_instemming(
            actor=actor_van(request),
            uuid=uuid,
            persoon_uuid=_persoon_uuid(request, v["persoon"]),
            gegeven=v["gegeven"],
            datum=v["datum"],
        )
        return _lees(request, uuid)


class UitspraakSerializer(StrictSerializer):
    soort = serializers.CharField(max_length=40)
    kenmerk = serializers.CharField(max_length=100, allow_blank=True)


class KaderSerializer(StrictSerializer):
    kader = serializers.CharField(max_length=12)
    datum = serializers.DateField()
    reden = serializers.CharField(max_length=4000, allow_blank=True)
    grondslag = serializers.CharField(max_length=200, allow_blank=True)
    besluitvormer = Tekst(300)
    clientGeinformeerd = serializers.BooleanField(required=False, allow_null=True, default=None)
    uitspraak = UitspraakSerializer(required=False)


class KaderwijzigingenView(DossierItemView):
    scopes = {"get": LEZEN, "post": BEWERKEN}

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="dossiers_kaderwijzigingen_list")
    def get(self, request, uuid):
        return _items(
            request,
            uuid,
            "identificatie",
            lambda d, _s: selectors.kaderwijzigingen(d),
            selectors.kaderwijziging_weergave,
            "kader",
        )

    @extend_schema(
        request=KaderSerializer,
        responses=OpenApiTypes.OBJECT,
        operation_id="dossiers_kaderwijzigingen_create",
    )
    def post(self, request, uuid):
        ser = KaderSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        besluitvormer = None
        if v.get("besluitvormer"):
            besluitvormer = str(
                uuid_uit_url(v["besluitvormer"], resource="gebruikers", request=request, veld="besluitvormer")
            )
        services.wijzig_kader(
            actor=actor_van(request),
            uuid=uuid,
            data={
                "kader": v["kader"],
                "datum": v["datum"],
                "reden": v["reden"],
                "grondslag": v["grondslag"],
                "besluitvormer": besluitvormer,
                "client_geinformeerd": v.get("clientGeinformeerd"),
                "uitspraak": dict(v.get("uitspraak") or {}),
            },
        )
        return _lees(request, uuid)


class ToewijzingSerializer(StrictSerializer):
    gebruiker = serializers.CharField(max_length=300)
    rol = serializers.ChoiceField(choices=Toewijzing.Rol.choices)
    tot = serializers.DateField(required=False, allow_null=True)


def _toewijzing(request, t: Toewijzing) -> dict:
    return {
        "uuid": str(t.uuid),
        "gebruiker": _url(request, f"gebruikers/{t.gebruiker.uuid}"),
        "naam": t.gebruiker.naam,
        "rol": t.rol,
        "toegang": _url(request, f"toegangen/{t.toegang.uuid}"),
        "geldigTot": t.toegang.geldig_tot,
    }


class ToewijzingenView(BeheerItemView):
    scopes = {"get": AUTORISEREN, "post": AUTORISEREN}

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="dossiers_toewijzingen_list")
    def get(self, request, uuid):
        dossier = selectors.dossier_voor_beheer(actor_van(request), uuid)
        rijen = [_toewijzing(request, t) for t in selectors.lees_toewijzingen(actor_van(request), dossier)]
        return Paginering.lijst(rijen, request, self)

    @extend_schema(
        request=ToewijzingSerializer,
        responses={201: OpenApiTypes.OBJECT},
        operation_id="dossiers_toewijzingen_create",
    )
    def post(self, request, uuid):
        ser = ToewijzingSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        t = services.wijs_toe(
            actor=actor_van(request),
            uuid=uuid,
            gebruiker=_gebruiker(request, v["gebruiker"]),
            rol=v["rol"],
            tot=v.get("tot"),
        )
        return Response(_toewijzing(request, t), status=status.HTTP_201_CREATED)


class ToewijzingView(BeheerItemView):
    scopes = {"delete": AUTORISEREN}

    @extend_schema(responses={204: None}, operation_id="dossiers_toewijzingen_delete")
    def delete(self, request, uuid, toewijzing_uuid):
        services.beeindig_toewijzing(actor=actor_van(request), uuid=uuid, toewijzing_uuid=toewijzing_uuid)
        return Response(status=status.HTTP_204_NO_CONTENT)


class NoodtoegangSerializer(StrictSerializer):
    reden = serializers.CharField(max_length=4000, allow_blank=True)
    dreigingVoor = serializers.ListField(child=serializers.CharField(max_length=16), max_length=5)


class NoodtoegangenView(ItemView):
    """AC-11: before contact, a team member not on the case team reads the dossier on stated indications."""

    scopes = {"post": LEZEN}
    verwerkingsactiviteit = ACT

    def zichtbaar(self, actor, uuid) -> None:
        selectors.dossier_voor_noodtoegang(actor, uuid)

    @extend_schema(
        request=NoodtoegangSerializer,
        responses={201: OpenApiTypes.OBJECT},
        operation_id="dossiers_noodtoegangen_create",
    )
    def post(self, request, uuid):
        ser = NoodtoegangSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        grant = services.noodtoegang(
            actor=actor_van(request),
            uuid=uuid,
            reden=ser.validated_data["reden"],
            dreiging_voor=ser.validated_data["dreigingVoor"],
        )
        return Response(
            {"toegang": _url(request, f"toegangen/{grant.uuid}"), "geldigTot": grant.geldig_tot},
            status=status.HTTP_201_CREATED,
        )


class VerbergenSerializer(StrictSerializer):
    persoon = serializers.CharField(max_length=300)
    reden = serializers.CharField(max_length=2000, allow_blank=True)
    reviewdatum = serializers.DateField()


class VerbergenView(DossierItemView):
    """DS-13: hide a note for safety from a named member (API addition, ADR 0006)."""

    scopes = {"post": BEWERKEN}

    @extend_schema(
        request=VerbergenSerializer, responses=OpenApiTypes.OBJECT, operation_id="dossiers_notities_verbergen"
    )
    def post(self, request, uuid, notitie_uuid):
        ser = VerbergenSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        rij = services.verberg(
            actor=actor_van(request),
            uuid=uuid,
            notitie_uuid=notitie_uuid,
            persoon_uuid=_persoon_uuid(request, v["persoon"]),
            reden=v["reden"],
            reviewdatum=v["reviewdatum"],
        )
        return Response(
            {"persoon": v["persoon"], "reviewdatum": rij.reviewdatum}, status=status.HTTP_201_CREATED
        )


class MarkerenSerializer(StrictSerializer):
    persoon = serializers.CharField(max_length=300)
    reden = serializers.CharField(max_length=2000, allow_blank=True)


class MarkerenView(DossierItemView):
    """PE-11: mark a note "not for representatives" (API addition, ADR 0006)."""

    scopes = {"post": BEWERKEN}

    @extend_schema(
        request=MarkerenSerializer, responses={204: None}, operation_id="dossiers_notities_markeren"
    )
    def post(self, request, uuid, notitie_uuid):
        ser = MarkerenSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        services.markeer_niet_voor_vertegenwoordigers(
            actor=actor_van(request),
            uuid=uuid,
            notitie_uuid=notitie_uuid,
            persoon_uuid=_persoon_uuid(request, ser.validated_data["persoon"]),
            reden=ser.validated_data["reden"],
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class VeiligheidSerializer(StrictSerializer):
    risicotaxatie = serializers.CharField(max_length=8000, allow_blank=True)
    meldcodestap = serializers.IntegerField(required=False, allow_null=True)
    geconsulteerd = serializers.DictField(child=serializers.CharField(max_length=300))
    veiligheidsplan = Tekst(8000)


class VeiligheidsbeoordelingenView(DossierItemView):
    scopes = {"get": LEZEN, "post": BEWERKEN}

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="dossiers_veiligheidsbeoordelingen_list")
    def get(self, request, uuid):
        return _items(
            request,
            uuid,
            "veiligheid",
            selectors.veiligheidsbeoordelingen,
            selectors.veiligheid_weergave,
            "veiligheid",
        )

    @extend_schema(
        request=VeiligheidSerializer,
        responses={201: OpenApiTypes.OBJECT},
        operation_id="dossiers_veiligheidsbeoordelingen_create",
    )
    def post(self, request, uuid):
        from rest_framework.fields import DateField

        ser = VeiligheidSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        geconsulteerd = v["geconsulteerd"]
        datum = (
            DateField().to_internal_value(geconsulteerd.get("datum", ""))
            if geconsulteerd.get("datum")
            else None
        )
        gebruiker = geconsulteerd.get("gebruiker")
        rij = services.registreer_veiligheidsbeoordeling(
            actor=actor_van(request),
            uuid=uuid,
            data={
                "risicotaxatie": v["risicotaxatie"],
                "meldcodestap": v.get("meldcodestap"),
                "geconsulteerd": (
                    uuid_uit_url(
                        gebruiker, resource="gebruikers", request=request, veld="geconsulteerd.gebruiker"
                    )
                    if gebruiker
                    else None
                ),
                "geconsulteerd_op": datum,
                "veiligheidsplan": v.get("veiligheidsplan", ""),
            },
        )
        return Response(selectors.veiligheid_weergave(rij), status=status.HTTP_201_CREATED)


class TeambesprekingSerializer(StrictSerializer):
    datum = serializers.DateField()
    aanwezigen = serializers.ListField(
        child=serializers.CharField(max_length=300), min_length=1, max_length=40
    )


class TeambesprekingenView(DossierItemView):
    scopes = {"post": BEWERKEN}

    @extend_schema(
        request=TeambesprekingSerializer,
        responses={201: OpenApiTypes.OBJECT},
        operation_id="dossiers_teambesprekingen_create",
    )
    def post(self, request, uuid):
        ser = TeambesprekingSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        aanwezigen = [_gebruiker(request, u, "aanwezigen") for u in v["aanwezigen"]]
        rij = services.bespreek_in_team(
            actor=actor_van(request), uuid=uuid, datum=v["datum"], aanwezigen=aanwezigen
        )
        return Response({"uuid": str(rij.uuid), "datum": rij.datum}, status=status.HTTP_201_CREATED)


class SamenvattingView(DossierItemView):
    scopes = {"get": LEZEN}

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="dossiers_samenvatting")
    def get(self, request, uuid):
        dossier, data = selectors.samenvatting(actor_van(request), uuid)
        return Response({"url": _url(request, f"dossiers/{dossier.uuid}"), **data})


# --- /zorgsignalen (outreach signals) -------------------------------------------------------------


class MelderSerializer(StrictSerializer):
    naam = serializers.CharField(max_length=200, allow_blank=True)
    contact = Tekst(200)


class ZorgsignaalSerializer(StrictSerializer):
    team = serializers.CharField(max_length=64)
    ontvangenOp = serializers.DateField()
    kanaal = serializers.CharField(max_length=32, allow_blank=True)
    melder = MelderSerializer()
    persoon = Tekst(300)
    zorg = serializers.CharField(max_length=8000, allow_blank=True)


def _zorgsignaal(request, rij) -> dict:
    data = selectors.zorgsignaal_weergave(rij)
    if data["dossier"]:
        data["dossier"] = _url(request, f"dossiers/{data['dossier']}")
    return {"url": _url(request, f"zorgsignalen/{rij.uuid}"), **_persoon_urls(request, data)}


class ZorgsignalenView(BasisView):
    scopes = {"get": BEWERKEN, "post": BEWERKEN}
    verwerkingsactiviteit = ACT

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="zorgsignalen_list")
    def get(self, request):
        actor = actor_van(request)
        qs = selectors.zorgsignalen_zichtbaar_voor(actor).order_by("-ontvangen_op", "-id")
        paginator = Paginering()
        page = paginator.paginate_queryset(qs, request, view=self)
        rijen = [selectors.lees_zorgsignaal(actor, r.uuid) for r in page]
        return paginator.get_paginated_response([_zorgsignaal(request, r) for r in rijen])

    @extend_schema(
        request=ZorgsignaalSerializer,
        responses={201: OpenApiTypes.OBJECT},
        operation_id="zorgsignalen_create",
    )
    def post(self, request):
        from zorgvuldig.organisaties.models import Team

        actor = actor_van(request)
        ser = ZorgsignaalSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        team = Team.objects.filter(code=v["team"], organisatie=actor.organisatie).first()
        rij = services.registreer_zorgsignaal(
            actor=actor,
            team=team,
            data={
                "ontvangen_op": v["ontvangenOp"],
                "kanaal": v["kanaal"],
                "melder": dict(v["melder"]),
                "persoon": _persoon_uuid(request, v["persoon"]) if v.get("persoon") else None,
                "zorg": v["zorg"],
            },
        )
        return Response(_zorgsignaal(request, rij), status=status.HTTP_201_CREATED)


class ZorgsignaalItemView(ItemView):
    verwerkingsactiviteit = ACT

    def zichtbaar(self, actor, uuid) -> None:
        selectors.zorgsignaal_of_404(actor, uuid)


class KoppelSerializer(StrictSerializer):
    persoon = serializers.CharField(max_length=300)


class ZorgsignaalView(ZorgsignaalItemView):
    scopes = {"get": BEWERKEN, "patch": BEWERKEN}

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="zorgsignalen_read")
    def get(self, request, uuid):
        return Response(_zorgsignaal(request, selectors.lees_zorgsignaal(actor_van(request), uuid)))

    @extend_schema(
        request=KoppelSerializer, responses=OpenApiTypes.OBJECT, operation_id="zorgsignalen_partial_update"
    )
    def patch(self, request, uuid):
        ser = KoppelSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        rij = services.koppel_persoon_aan_zorgsignaal(
            actor=actor_van(request),
            uuid=uuid,
            persoon_uuid=_persoon_uuid(request, ser.validated_data["persoon"]),
        )
        return Response(_zorgsignaal(request, rij))


class ErnstSerializer(StrictSerializer):
    ernst = serializers.ChoiceField(choices=policies.ERNST)


class ZorgsignaalBeoordelenView(ZorgsignaalItemView):
    scopes = {"post": BEWERKEN}

    @extend_schema(
        request=ErnstSerializer, responses=OpenApiTypes.OBJECT, operation_id="zorgsignalen_beoordelen"
    )
    def post(self, request, uuid):
        ser = ErnstSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        rij = services.beoordeel_zorgsignaal(
            actor=actor_van(request), uuid=uuid, ernst=ser.validated_data["ernst"]
        )
        return Response(_zorgsignaal(request, rij))


class ZorgsignaalAfwijzenView(ZorgsignaalItemView):
    scopes = {"post": BEWERKEN}

    @extend_schema(
        request=LeegSerializer, responses=OpenApiTypes.OBJECT, operation_id="zorgsignalen_afwijzen"
    )
    def post(self, request, uuid):
        LeegSerializer(data=request.data or {}).is_valid(raise_exception=True)
        rij = services.wijs_zorgsignaal_af(actor=actor_van(request), uuid=uuid)
        return Response(_zorgsignaal(request, rij))


class ZorgsignaalOmzettenView(ZorgsignaalItemView):
    scopes = {"post": BEWERKEN}

    @extend_schema(
        request=LeegSerializer, responses={201: OpenApiTypes.OBJECT}, operation_id="zorgsignalen_omzetten"
    )
    def post(self, request, uuid):
        LeegSerializer(data=request.data or {}).is_valid(raise_exception=True)
        dossier = services.zet_zorgsignaal_om(actor=actor_van(request), uuid=uuid)
        dossier, data = selectors.lees_dossier(actor_van(request), dossier.uuid)
        return Response(dossier_representatie(request, dossier, data), status=status.HTTP_201_CREATED)
