"""/api/v1 §2.1: the user profile (AC-07), controllers, organisations, VI profiles, regional settings,
users, teams and partner credentials."""

from __future__ import annotations

import uuid as _uuid

from django.db import transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from zorgvuldig.api.base import (
    AlleenTekst,
    BasisView,
    Geheel,
    ItemView,
    JaNee,
    StrictSerializer,
    Tekst,
    UTCDateTime,
    absolute,
    organisatie_uit,
    uuid_uit_url,
)
from zorgvuldig.api.pagination import Paginering
from zorgvuldig.api.permissions import actor_van
from zorgvuldig.core.clock import today
from zorgvuldig.core.errors import NotFound
from zorgvuldig.organisaties import policies, services
from zorgvuldig.organisaties.models import (
    Gebruiker,
    Mandaat,
    Organisatie,
    OrganisatieType,
    Profiel,
    Rol,
    Team,
    Verwerkingsverantwoordelijke,
)
from zorgvuldig.organisaties.selectors import (
    PROFIELEN_BEHEREN,
    SIGNAAL_SCOPES,
    eigen_verwerkingsverantwoordelijke,
    gebruikers_voor,
    organisaties,
    profielen_voor,
    sleutelversie,
    teams_voor,
    toetredingstand,
    tokens_voor,
)
from zorgvuldig.verwijsindex.policies import EXTENDED_2009, ORGANISATIE, SIGNALEERDER, STATUTORY


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


# --- controllers, organisations, VI profiles, regional settings (API §2.1) ---------------------------------

ACT = "beheer-platform"
ORGANISATIE_BEHEREN = "organisatie:beheren"
CONFIGURATIE = services.CONFIGURATIE
PROFIEL_SCOPE = PROFIELEN_BEHEREN  # the beheerder; the FG reads profiles and decides on (l) (VI-23)
# A signaler's system reads the rules its signals must meet: the own organisation's profile (VI-19) and the
# regional field set (VI-09) — read-only, through the verwijsindex scopes a partner token carries.
PROFIEL_LEZEN = f"{PROFIEL_SCOPE}|{SIGNAAL_SCOPES}"
INSTELLINGEN_LEZEN = f"{CONFIGURATIE}|{services.FG_SCOPE}|{SIGNAAL_SCOPES}"
# GP-04, VI-22: the FG widens the field set or switches family matching on (with an approved DPIA).
INSTELLINGEN_WIJZIGEN = f"{CONFIGURATIE}|{services.FG_SCOPE}"


def _url(request, pad: str) -> str:
    return absolute(request, f"/api/v1/{pad}")


def _tijd(waarde) -> str | None:
    return UTCDateTime().to_representation(waarde)


def _verwijzing(request, waarde: str, resource: str, veld: str) -> str:
    return uuid_uit_url(waarde, resource=resource, request=request, veld=veld)


def vv_representatie(request, vv) -> dict:
    return {
        "url": _url(request, f"verwerkingsverantwoordelijken/{vv.uuid}"),
        "uuid": str(vv.uuid),
        "code": vv.code,
        "naam": vv.naam,
        "fg": {"naam": vv.fg_naam, "email": vv.fg_email, "telefoon": vv.fg_telefoon},
        "bezwaar": {"adres": vv.bezwaar_adres, "email": vv.bezwaar_email},
        "sleutelversie": sleutelversie(vv),
        "aangemaakt": _tijd(vv.aangemaakt),
        "gewijzigd": _tijd(vv.gewijzigd),
    }


def organisatie_representatie(request, org) -> dict:
    stand = toetredingstand(org, today())
    return {
        "url": _url(request, f"organisaties/{org.uuid}"),
        "uuid": str(org.uuid),
        "code": org.code,
        "verwerkingsverantwoordelijke": _url(
            request, f"verwerkingsverantwoordelijken/{org.verwerkingsverantwoordelijke.uuid}"
        ),
        "naam": org.naam,
        "type": org.type,
        "sectorwetten": list(org.sectorwetten or []),
        "bestuursorgaan": org.bestuursorgaan,
        "adres": {
            "straat": org.adres_straat,
            "huisnummer": org.adres_huisnummer,
            "postcode": org.adres_postcode,
            "plaats": org.adres_plaats,
        },
        "profiel": _url(request, f"profielen/{org.profiel.uuid}") if org.profiel_id else None,
        "sharing": {"g5Participatiewet": org.g5_participatiewet},
        "convenanten": [_url(request, f"convenanten/{c.uuid}") for c in stand.convenanten],
        "viToetreding": {"vanaf": stand.vanaf, "tot": stand.tot} if stand.vanaf else None,
        "ondertekenaar": stand.ondertekenaar,
        "aangemaakt": _tijd(org.aangemaakt),
        "gewijzigd": _tijd(org.gewijzigd),
    }


def profiel_representatie(request, p) -> dict:
    return {
        "url": _url(request, f"profielen/{p.uuid}"),
        "uuid": str(p.uuid),
        "code": p.code,
        "naam": p.naam,
        "meldrecht": {"bepaling": p.meldrecht_bepaling} if p.heeft_meldrecht else None,
        "extraCriteria": [
            {"code": c.get("code", ""), "omschrijving": c.get("omschrijving", "")}
            for c in p.extra_criteria or []
        ],
        "vi": {
            "seekAgreement": p.vi_seek_agreement,
            "criterionL": p.vi_criterion_l,
            "maxAge": p.vi_max_age,
            "termMonths": p.vi_term_months,
            "extensionMonths": p.vi_extension_months,
        },
        "criterionLDpia": _url(request, f"dpias/{p.vi_criterion_l_dpia}") if p.vi_criterion_l_dpia else None,
        "wgbo": p.wgbo,
        "toepasselijkRecht": list(p.toepasselijk_recht or []),
        "toestemmingEnInformatieplicht": p.toestemming_en_informatieplicht,
        "aangemaakt": _tijd(p.aangemaakt),
        "gewijzigd": _tijd(p.gewijzigd),
    }


def instellingen_representatie(request, inst) -> dict:
    return {
        "url": _url(request, "instellingen"),
        "vi": {
            "fieldSet": inst.field_set,
            "matchScope": inst.match_scope,
            "familyMatching": inst.family_matching,
            "huishoudverwerking": inst.huishoudverwerking,
            "archiveMonths": inst.archive_months,
            "exitDays": inst.exit_days,
        },
        "verruimingDpia": _url(request, f"dpias/{inst.verruiming_dpia}") if inst.verruiming_dpia else None,
        "gewijzigd": _tijd(inst.gewijzigd),
    }


class _AlleenLezen(StrictSerializer):
    """Read-only fields of a representation: ignored when sent back (API §1.1)."""

    url = serializers.CharField(read_only=True)
    uuid = serializers.CharField(read_only=True)
    aangemaakt = serializers.CharField(read_only=True)
    gewijzigd = serializers.CharField(read_only=True)


class FgSerializer(StrictSerializer):
    naam = serializers.CharField(max_length=200, allow_blank=True, required=False)
    email = serializers.EmailField(max_length=254, allow_blank=True, required=False)
    telefoon = serializers.CharField(max_length=32, allow_blank=True, required=False)


class BezwaarSerializer(StrictSerializer):
    """RI-16: where clients lodge bezwaar against a rights decision (named in the bezwaar clause)."""

    adres = serializers.CharField(max_length=300, allow_blank=True, required=False)
    email = serializers.EmailField(max_length=254, allow_blank=True, required=False)


class VerwerkingsverantwoordelijkeWijzigSerializer(_AlleenLezen):
    naam = serializers.CharField(max_length=200, required=False)
    fg = FgSerializer(required=False)
    bezwaar = BezwaarSerializer(required=False)
    code = serializers.CharField(read_only=True)
    sleutelversie = serializers.IntegerField(read_only=True)
    # the RP-06 switch is not here but at /toegangsbewaking (ADR 0006 item 22): `monitoring` is refused


class NieuweFgSerializer(StrictSerializer):
    naam = serializers.CharField(max_length=200, allow_blank=True)
    email = serializers.EmailField(max_length=254, allow_blank=True)
    telefoon = serializers.CharField(max_length=32, allow_blank=True, required=False)


class VerwerkingsverantwoordelijkeSerializer(VerwerkingsverantwoordelijkeWijzigSerializer):
    """A new controller (AC-15): its name and its FG (name and e-mail required); `code` optional."""

    code = serializers.SlugField(max_length=64, required=False)  # type: ignore[assignment]
    naam = serializers.CharField(max_length=200, allow_blank=True)
    fg = NieuweFgSerializer()  # type: ignore[assignment]


class OrganisatieAdresSerializer(StrictSerializer):
    straat = serializers.CharField(max_length=200, allow_blank=True, required=False)
    huisnummer = serializers.CharField(max_length=16, allow_blank=True, required=False)
    postcode = serializers.CharField(max_length=7, allow_blank=True, required=False)
    plaats = serializers.CharField(max_length=100, allow_blank=True, required=False)


class SharingSerializer(StrictSerializer):
    g5Participatiewet = JaNee(required=False, help_text="SH-20: G5 aan toezichthouder/sociaal rechercheur")


class OrganisatieWijzigSerializer(_AlleenLezen):
    naam = serializers.CharField(max_length=200, required=False)
    type = serializers.ChoiceField(choices=OrganisatieType.choices, required=False)
    sectorwetten = serializers.ListField(child=AlleenTekst(max_length=100), max_length=50, required=False)
    bestuursorgaan = JaNee(required=False, help_text="RI-16")
    adres = OrganisatieAdresSerializer(required=False)
    profiel = serializers.CharField(
        max_length=300, allow_null=True, required=False, help_text="URL van het profiel (VI-19); null: geen"
    )
    sharing = SharingSerializer(required=False)
    code = serializers.CharField(read_only=True)
    verwerkingsverantwoordelijke = serializers.CharField(read_only=True)
    convenanten = serializers.ListField(read_only=True)
    viToetreding = serializers.DictField(read_only=True)
    ondertekenaar = serializers.BooleanField(read_only=True)


class OrganisatieSerializer(OrganisatieWijzigSerializer):
    code = serializers.SlugField(max_length=64, required=False)  # type: ignore[assignment]
    verwerkingsverantwoordelijke = serializers.CharField(  # type: ignore[assignment]
        max_length=300, required=False, help_text="URL; standaard die van uw eigen organisatie (AC-15)"
    )
    naam = serializers.CharField(max_length=200)
    type = serializers.ChoiceField(choices=OrganisatieType.choices)


class MeldrechtSerializer(StrictSerializer):
    bepaling = serializers.CharField(max_length=200, help_text="De wettelijke bepaling (VI-05)")


class ExtraCriteriumSerializer(StrictSerializer):
    code = serializers.SlugField(max_length=32)
    omschrijving = serializers.CharField(max_length=300)


class ProfielViSerializer(StrictSerializer):
    """VI-19 deviations. VI-07 and VI-08 have no key: they cannot be switched off."""

    seekAgreement = JaNee(required=False)
    criterionL = JaNee(required=False, help_text="Alleen de FG zet dit aan, met criterionLDpia (VI-23)")
    maxAge = Geheel(required=False, help_text="Ten hoogste 23 (VI-02)")
    termMonths = Geheel(required=False)
    extensionMonths = Geheel(required=False)


class ProfielWijzigSerializer(_AlleenLezen):
    naam = serializers.CharField(max_length=200, required=False)
    meldrecht = MeldrechtSerializer(required=False, allow_null=True, help_text="null: geen meldrecht (VI-05)")
    extraCriteria = serializers.ListField(child=ExtraCriteriumSerializer(), max_length=50, required=False)
    vi = ProfielViSerializer(required=False)
    criterionLDpia = serializers.CharField(
        max_length=300, allow_null=True, required=False, help_text="URL van de goedgekeurde DPIA (VI-23)"
    )
    wgbo = JaNee(required=False)
    toepasselijkRecht = serializers.ListField(
        child=AlleenTekst(max_length=200), max_length=50, required=False
    )
    toestemmingEnInformatieplicht = serializers.CharField(
        max_length=2000, allow_blank=True, allow_null=True, required=False
    )
    code = serializers.CharField(read_only=True)


class ProfielSerializer(ProfielWijzigSerializer):
    code = serializers.SlugField(max_length=64, required=False)  # type: ignore[assignment]
    naam = serializers.CharField(max_length=200)


class ViInstellingenSerializer(StrictSerializer):
    """SPEC §0.2's regional `vi.*` keys, camelCased (API §1.1)."""

    fieldSet = serializers.ChoiceField(choices=[STATUTORY, EXTENDED_2009], required=False)
    matchScope = serializers.ChoiceField(choices=[ORGANISATIE, SIGNALEERDER], required=False)
    familyMatching = JaNee(required=False, help_text="VI-22")
    huishoudverwerking = serializers.CharField(
        max_length=200, allow_blank=True, allow_null=True, required=False
    )
    archiveMonths = Geheel(required=False, help_text="VI-21")
    exitDays = Geheel(required=False, help_text="VI-25")


class InstellingenSerializer(StrictSerializer):
    vi = ViInstellingenSerializer(required=False)
    verruimingDpia = serializers.CharField(
        max_length=300,
        allow_null=True,
        required=False,
        help_text="URL van de goedgekeurde DPIA van de verwijsindex waarop de FG `fieldSet: extended_2009` "
        "of `familyMatching: true` zet (GP-04, VI-22)",
    )
    url = serializers.CharField(read_only=True)
    gewijzigd = serializers.CharField(read_only=True)


def _niets(v: dict) -> None:
    if not v:
        raise serializers.ValidationError({"body": ["Niets te wijzigen."]})


def _organisatie_data(request, v: dict) -> dict:
    """API fields → the service's model fields (only those given: merge patch)."""
    data: dict = {}
    for veld in ("code", "naam", "type", "sectorwetten", "bestuursorgaan"):
        if veld in v:
            data[veld] = v[veld]
    for sleutel, waarde in v.get("adres", {}).items():
        data[f"adres_{sleutel}"] = waarde
    if "g5Participatiewet" in v.get("sharing", {}):
        data["g5_participatiewet"] = v["sharing"]["g5Participatiewet"]
    if "profiel" in v:
        data["profiel"] = None
        if v["profiel"] is not None:
            uuid = _verwijzing(request, v["profiel"], "profielen", "profiel")
            data["profiel"] = Profiel.objects.filter(uuid=uuid).first()
            if data["profiel"] is None:
                raise serializers.ValidationError({"profiel": ["Onbekend profiel."]})
    return data


def _profiel_data(request, v: dict) -> dict:
    data: dict = {}
    for sleutel, veld in (
        ("code", "code"),
        ("naam", "naam"),
        ("extraCriteria", "extra_criteria"),
        ("wgbo", "wgbo"),
        ("toepasselijkRecht", "toepasselijk_recht"),
        ("toestemmingEnInformatieplicht", "toestemming_en_informatieplicht"),
    ):
        if sleutel in v:
            data[veld] = v[sleutel]
    if "meldrecht" in v:
        data["meldrecht_bepaling"] = (v["meldrecht"] or {}).get("bepaling", "")
    for sleutel, veld in (
        ("seekAgreement", "vi_seek_agreement"),
        ("criterionL", "vi_criterion_l"),
        ("maxAge", "vi_max_age"),
        ("termMonths", "vi_term_months"),
        ("extensionMonths", "vi_extension_months"),
    ):
        if sleutel in v.get("vi", {}):
            data[veld] = v["vi"][sleutel]
    if "criterionLDpia" in v:
        dpia = v["criterionLDpia"]
        data["vi_criterion_l_dpia"] = (
            _uuid.UUID(_verwijzing(request, dpia, "dpias", "criterionLDpia")) if dpia is not None else None
        )
    return data


class VerwerkingsverantwoordelijkenView(BasisView):
    """Any signed-in staff member reads the controllers (API §2.1); the beheerder records a new one with its
    FG (AC-15). Its organisations, users, register and accession then come through import-config: a
    beheerder manages only his own controller's."""

    scopes = {"get": "publiek", "post": ORGANISATIE_BEHEREN}
    verwerkingsactiviteit = ACT

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="verwerkingsverantwoordelijken_list")
    def get(self, request):
        rijen = Verwerkingsverantwoordelijke.objects.order_by("naam", "id")
        return Paginering.lijst([vv_representatie(request, vv) for vv in rijen], request, self)

    @extend_schema(
        request=VerwerkingsverantwoordelijkeSerializer,
        responses={201: OpenApiTypes.OBJECT},
        operation_id="verwerkingsverantwoordelijken_create",
        description="Een nieuwe verwerkingsverantwoordelijke met haar FG (AC-15); `code` is uniek en "
        "volgt anders uit de naam. Organisaties, gebruikers en toetreding volgen via import-config.",
    )
    def post(self, request):
        ser = VerwerkingsverantwoordelijkeSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        data = {"naam": v["naam"], **{f"fg_{k}": w for k, w in v["fg"].items()}}
        if "code" in v:
            data["code"] = v["code"]
        vv = services.maak_verwerkingsverantwoordelijke(actor=actor_van(request), data=data)
        return Response(vv_representatie(request, vv), status=status.HTTP_201_CREATED)


class VerwerkingsverantwoordelijkeView(ItemView):
    scopes = {"get": "publiek", "patch": ORGANISATIE_BEHEREN}
    verwerkingsactiviteit = ACT

    def zichtbaar(self, actor, uuid) -> None:
        vv = Verwerkingsverantwoordelijke.objects.filter(uuid=uuid).first()
        if vv is None or (
            self.request.method != "GET" and not eigen_verwerkingsverantwoordelijke(actor, vv.pk)
        ):
            raise NotFound()

    def antwoord(self, request, uuid) -> Response:
        return Response(vv_representatie(request, Verwerkingsverantwoordelijke.objects.get(uuid=uuid)))

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="verwerkingsverantwoordelijken_read")
    def get(self, request, uuid):
        return self.antwoord(request, uuid)

    @extend_schema(
        request=VerwerkingsverantwoordelijkeWijzigSerializer,
        responses=OpenApiTypes.OBJECT,
        operation_id="verwerkingsverantwoordelijken_partial_update",
        description="Naam, contactgegevens van de FG en het adres voor bezwaar (RI-16); alleen van de "
        "eigen verwerkingsverantwoordelijke (AC-15).",
    )
    def patch(self, request, uuid):
        ser = VerwerkingsverantwoordelijkeWijzigSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        data = {f"fg_{k}": w for k, w in v.get("fg", {}).items()}
        data.update({f"bezwaar_{k}": w for k, w in v.get("bezwaar", {}).items()})
        if "naam" in v:
            data["naam"] = v["naam"]
        _niets(data)
        services.wijzig_verwerkingsverantwoordelijke(actor=actor_van(request), uuid=uuid, data=data)
        return self.antwoord(request, uuid)


class OrganisatiesView(BasisView):
    scopes = {"get": "publiek", "post": ORGANISATIE_BEHEREN}
    verwerkingsactiviteit = ACT

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="organisaties_list")
    def get(self, request):
        paginator = Paginering()
        page: list = paginator.paginate_queryset(organisaties(), request, view=self) or []
        return paginator.get_paginated_response([organisatie_representatie(request, o) for o in page])

    @extend_schema(
        request=OrganisatieSerializer,
        responses={201: OpenApiTypes.OBJECT},
        operation_id="organisaties_create",
        description="Een organisatie van de eigen verwerkingsverantwoordelijke (AC-15).",
    )
    def post(self, request):
        ser = OrganisatieSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        actor = actor_van(request)
        data = _organisatie_data(request, v)
        data["verwerkingsverantwoordelijke"] = actor.organisatie.verwerkingsverantwoordelijke
        if "verwerkingsverantwoordelijke" in v:
            uuid = _verwijzing(
                request,
                v["verwerkingsverantwoordelijke"],
                "verwerkingsverantwoordelijken",
                "verwerkingsverantwoordelijke",
            )
            data["verwerkingsverantwoordelijke"] = Verwerkingsverantwoordelijke.objects.filter(
                uuid=uuid
            ).first()
            if data["verwerkingsverantwoordelijke"] is None:
                raise serializers.ValidationError(
                    {"verwerkingsverantwoordelijke": ["Onbekende verwerkingsverantwoordelijke."]}
                )
        org = services.maak_organisatie(actor=actor, data=data)
        return Response(
            organisatie_representatie(request, organisaties().get(pk=org.pk)), status=status.HTTP_201_CREATED
        )


class OrganisatieView(ItemView):
    scopes = {"get": "publiek", "patch": ORGANISATIE_BEHEREN}
    verwerkingsactiviteit = ACT

    def zichtbaar(self, actor, uuid) -> None:
        org = Organisatie.objects.filter(uuid=uuid).first()
        if org is None or (
            self.request.method != "GET"
            and not eigen_verwerkingsverantwoordelijke(actor, org.verwerkingsverantwoordelijke_id)
        ):
            raise NotFound()

    def antwoord(self, request, uuid) -> Response:
        return Response(organisatie_representatie(request, organisaties().get(uuid=uuid)))

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="organisaties_read")
    def get(self, request, uuid):
        return self.antwoord(request, uuid)

    @extend_schema(
        request=OrganisatieWijzigSerializer,
        responses=OpenApiTypes.OBJECT,
        operation_id="organisaties_partial_update",
        description="Alleen organisaties van de eigen verwerkingsverantwoordelijke (AC-15); "
        "`code` en `verwerkingsverantwoordelijke` liggen vast.",
    )
    def patch(self, request, uuid):
        ser = OrganisatieWijzigSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        data = _organisatie_data(request, ser.validated_data)
        _niets(data)
        services.wijzig_organisatie(actor=actor_van(request), uuid=uuid, data=data)
        return self.antwoord(request, uuid)


class ProfielenView(BasisView):
    """VI-19 profiles: regional configuration of the beheerder; the FG reads them to decide on (l)."""

    scopes = {"get": PROFIEL_SCOPE, "post": CONFIGURATIE}
    verwerkingsactiviteit = ACT

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="profielen_list")
    def get(self, request):
        paginator = Paginering()
        page: list = (
            paginator.paginate_queryset(Profiel.objects.order_by("naam", "id"), request, view=self) or []
        )
        return paginator.get_paginated_response([profiel_representatie(request, p) for p in page])

    @extend_schema(
        request=ProfielSerializer,
        responses={201: OpenApiTypes.OBJECT},
        operation_id="profielen_create",
        description="Weggelaten waarden krijgen de standaard van SPEC §0.2; criterium (l) staat uit (VI-23).",
    )
    def post(self, request):
        ser = ProfielSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        p = services.maak_profiel(actor=actor_van(request), data=_profiel_data(request, ser.validated_data))
        return Response(profiel_representatie(request, p), status=status.HTTP_201_CREATED)


class ProfielView(ItemView):
    """A VI-19 profile. The beheerder and the FG read any; a signaler (staff, or a partner token with
    `signaal:registreren` or `signaal:beheren`) reads only the own organisation's — which criteria and
    extra criteria a signal may name, whether agreement is sought first, the terms — and changes nothing.
    Another organisation's profile is 404."""

    scopes = {"get": PROFIEL_LEZEN, "patch": PROFIEL_SCOPE}
    verwerkingsactiviteit = ACT

    def zichtbaar(self, actor, uuid) -> None:
        if not profielen_voor(actor).filter(uuid=uuid).exists():
            raise NotFound()

    def antwoord(self, request, uuid) -> Response:
        return Response(profiel_representatie(request, Profiel.objects.get(uuid=uuid)))

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="profielen_read")
    def get(self, request, uuid):
        return self.antwoord(request, uuid)

    @extend_schema(
        request=ProfielWijzigSerializer,
        responses=OpenApiTypes.OBJECT,
        operation_id="profielen_partial_update",
        description="De beheerder wijzigt het profiel; `vi.criterionL: true` alleen de FG, met "
        "`criterionLDpia`, de goedgekeurde DPIA van de verwijsindex "
        "(anders 409 E_VI_CRITERION_DISABLED, VI-23).",
    )
    def patch(self, request, uuid):
        ser = ProfielWijzigSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        data = _profiel_data(request, ser.validated_data)
        _niets(data)
        services.wijzig_profiel(actor=actor_van(request), uuid=uuid, data=data)
        return self.antwoord(request, uuid)


class InstellingenView(BasisView):
    """SPEC §0.2's regional `vi.*` settings; every change is audited (AU-02). Per-profile keys are at
    /profielen, `sharing.g5_participatiewet` at /organisaties, `monitoring.access_patterns` at
    /toegangsbewaking; the other §0.2 keys are fixed by the installation (docs/integrators.md). A signaler
    (also through a partner token) reads them: `fieldSet` says what a signal may hold (VI-09)."""

    scopes = {"get": INSTELLINGEN_LEZEN, "patch": INSTELLINGEN_WIJZIGEN}
    verwerkingsactiviteit = ACT

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="instellingen_read")
    def get(self, request):
        from zorgvuldig.verwijsindex.models import Instellingen

        return Response(instellingen_representatie(request, Instellingen.huidig()))

    @extend_schema(
        request=InstellingenSerializer,
        responses=OpenApiTypes.OBJECT,
        operation_id="instellingen_partial_update",
        description="De beheerder wijzigt de instellingen; `vi.fieldSet: extended_2009` en "
        "`vi.familyMatching: true` alleen de FG, met `verruimingDpia`, de goedgekeurde DPIA van de "
        "verwijsindex (anders 409 E_VI_CRITERION_DISABLED; GP-04, VI-22). Terugzetten mag de beheerder.",
    )
    def patch(self, request):
        from zorgvuldig.verwijsindex import services as vi_services

        ser = InstellingenSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        vi = ser.validated_data.get("vi", {})
        data = {
            veld: vi[sleutel]
            for sleutel, veld in (
                ("fieldSet", "field_set"),
                ("matchScope", "match_scope"),
                ("familyMatching", "family_matching"),
                ("huishoudverwerking", "huishoudverwerking"),
                ("archiveMonths", "archive_months"),
                ("exitDays", "exit_days"),
            )
            if sleutel in vi
        }
        if "verruimingDpia" in ser.validated_data:
            dpia = ser.validated_data["verruimingDpia"]
            data["verruiming_dpia"] = (
                _uuid.UUID(_verwijzing(request, dpia, "dpias", "verruimingDpia"))
                if dpia is not None
                else None
            )
        _niets(data)
        inst = vi_services.wijzig_instellingen(actor=actor_van(request), **data)
        return Response(instellingen_representatie(request, inst))


class GebruikerSerializer(serializers.Serializer):
    """A user (API §2.1). A partner system listing its organisation's users without naming one of them
    (API §1.4) gets the short form only: whom it may name, not their registrations or mandates."""

    def to_representation(self, g):
        request = self.context.get("request")
        data = {
            "url": _url(request, f"gebruikers/{g.uuid}"),
            "uuid": str(g.uuid),
            "naam": g.naam,
            "email": g.email,
            "functie": g.functie,
            "organisatie": _url(request, f"organisaties/{g.organisatie.uuid}"),
            # AC-12: the partner organisation employing the user; null = the organisation it acts for.
            "werkgever": _url(request, f"organisaties/{g.werkgever.uuid}") if g.werkgever_id else None,
            "rollen": list(g.rollen or []),
            "actief": g.is_active,
        }
        if not isinstance(getattr(request, "user", None), Gebruiker):
            return data
        registratie = (
            {"register": g.registratie_register, "nummer": g.registratie_nummer}
            if g.registratie_register or g.registratie_nummer
            else None
        )
        return data | {
            "telefoon": g.telefoon,
            "registratie": registratie,
            "geheimhoudingsplicht": g.geheimhoudingsplicht,
            "teams": [_url(request, f"teams/{t.uuid}") for t in sorted(g.teams.all(), key=lambda t: t.code)],
            "mandaten": [
                {
                    "soort": m.soort,
                    "vanaf": m.vanaf.isoformat(),
                    "tot": m.tot.isoformat() if m.tot else None,
                    "besluit": m.besluit,
                }
                for m in sorted(g.mandaten.all(), key=lambda m: (m.vanaf, m.soort))
            ],
            "geheimhoudingsverklaringOp": (
                g.geheimhoudingsverklaring_op.isoformat() if g.geheimhoudingsverklaring_op else None
            ),
            "aangemaakt": UTCDateTime().to_representation(g.aangemaakt),
            "gewijzigd": UTCDateTime().to_representation(g.gewijzigd),
        }


class RegistratieWijzigSerializer(StrictSerializer):
    register = serializers.ChoiceField(choices=sorted(policies.REGISTERS), required=False)
    nummer = serializers.CharField(max_length=32, required=False)


class RegistratieSerializer(RegistratieWijzigSerializer):
    register = serializers.ChoiceField(choices=sorted(policies.REGISTERS))
    nummer = serializers.CharField(max_length=32)


class MandaatSerializer(StrictSerializer):
    soort = serializers.ChoiceField(choices=Mandaat.Soort.values)
    vanaf = serializers.DateField()
    tot = serializers.DateField(required=False, allow_null=True)
    besluit = Tekst(200, help_text="Kenmerk of omschrijving van het mandaatbesluit")


class GebruikerWijzigSerializer(StrictSerializer):
    """PATCH (JSON merge patch): what is given changes; `null` empties a text or the registration; a list
    replaces the whole list. Read-only and create-only fields sent back are ignored (API §1.1)."""

    naam = serializers.CharField(max_length=200, required=False)
    email = serializers.EmailField(max_length=254, required=False)
    functie = Tekst(200, allow_null=True)
    telefoon = Tekst(32, allow_null=True)
    registratie = RegistratieWijzigSerializer(required=False, allow_null=True)
    werkgever = serializers.CharField(
        max_length=300, required=False, allow_null=True, help_text="URL van de organisatie; null: de eigen"
    )
    rollen = serializers.ListField(
        child=serializers.ChoiceField(choices=Rol.values), required=False, max_length=len(Rol.values)
    )
    teams = serializers.ListField(
        child=serializers.CharField(max_length=300),
        required=False,
        max_length=50,
        help_text="URL's van teams",
    )
    mandaten = serializers.ListField(child=MandaatSerializer(), required=False, max_length=20)
    actief = serializers.BooleanField(required=False)
    url = serializers.CharField(read_only=True)
    uuid = serializers.CharField(read_only=True)
    organisatie = serializers.CharField(read_only=True)
    geheimhoudingsplicht = serializers.BooleanField(read_only=True)
    geheimhoudingsverklaringOp = serializers.DateField(read_only=True)
    aangemaakt = serializers.CharField(read_only=True)
    gewijzigd = serializers.CharField(read_only=True)


class NieuweGebruikerSerializer(GebruikerWijzigSerializer):
    naam = serializers.CharField(max_length=200)
    email = serializers.EmailField(max_length=254)
    organisatie = serializers.CharField(max_length=300, help_text="URL van de organisatie")  # type: ignore[assignment]
    registratie = RegistratieSerializer(required=False, allow_null=True)  # type: ignore[assignment]
    rollen = serializers.ListField(
        child=serializers.ChoiceField(choices=Rol.values), max_length=len(Rol.values)
    )
    actief = serializers.BooleanField(
        required=False, help_text="Een nieuwe gebruiker is actief; hij krijgt een activatielink."
    )

    def validate_actief(self, waarde):
        if waarde is False:
            raise serializers.ValidationError("Een nieuwe gebruiker is actief; zet het account daarna uit.")
        return waarde


def _teams_uit(request, urls: list[str]) -> list[Team]:
    """Team URLs → teams the caller may see; an unknown (or invisible) one is 400 on its index."""
    uuids = [
        uuid_uit_url(u, resource="teams", request=request, veld=f"teams.{i}") for i, u in enumerate(urls)
    ]
    gevonden = {str(t.uuid): t for t in teams_voor(request.user).filter(uuid__in=uuids)}
    onbekend = {f"teams.{i}": ["Onbekend team."] for i, u in enumerate(uuids) if u not in gevonden}
    if onbekend:
        raise serializers.ValidationError(onbekend)
    return list({gevonden[u].pk: gevonden[u] for u in uuids}.values())


def _werkgever_uit(request, waarde: str | None):
    return None if waarde is None else organisatie_uit(request, waarde, "werkgever")


def _gebruikers(request):
    return gebruikers_voor(request.user).prefetch_related("teams", "mandaten")


def _gebruiker_antwoord(request, uuid, status_code=status.HTTP_200_OK) -> Response:
    g = _gebruikers(request).filter(uuid=uuid).first()
    if g is None:
        raise NotFound()
    return Response(GebruikerSerializer(g, context={"request": request}).data, status=status_code)


class GebruikersView(BasisView):
    """Users of the own organisation (the technical beheerder: his controller's); creating one needs
    `gebruiker:beheren` (API §2.1)."""

    scopes = {"get": "publiek", "post": "gebruiker:beheren"}
    verwerkingsactiviteit = "beheer-platform"
    partner_zonder_namens = True  # a partner system looks up whom it may name (API §1.4)

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="gebruikers_list")
    def get(self, request):
        return Paginering.antwoord(_gebruikers(request), request, self, GebruikerSerializer)

    @extend_schema(
        request=NieuweGebruikerSerializer,
        responses={201: OpenApiTypes.OBJECT},
        operation_id="gebruikers_create",
        description=(
            "Een nieuw account zonder wachtwoord en zonder toegangen (AC-05). De gebruiker krijgt per e-mail "
            "een eenmalige activatielink (72 uur); die staat nooit in het antwoord."
        ),
    )
    def post(self, request):
        ser = NieuweGebruikerSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        reg = v.get("registratie")
        g = services.maak_gebruiker(
            actor=actor_van(request),
            email=v["email"],
            naam=v["naam"],
            organisatie=organisatie_uit(request, v["organisatie"], "organisatie"),
            functie=v.get("functie") or "",
            telefoon=v.get("telefoon") or "",
            registratie=(reg["register"], reg["nummer"]) if reg else services.GEEN_REGISTRATIE,
            rollen=v["rollen"],
            teams=_teams_uit(request, v.get("teams", [])),
            werkgever=_werkgever_uit(request, v.get("werkgever")),
            mandaten=v.get("mandaten", []),
        )
        return _gebruiker_antwoord(request, g.uuid, status.HTTP_201_CREATED)


class GebruikerView(ItemView):
    """A user of the own organisation (the technical beheerder: any); changing one needs
    `gebruiker:beheren` (API §2.1)."""

    scopes = {"get": "publiek", "patch": "gebruiker:beheren"}
    verwerkingsactiviteit = "beheer-platform"

    def zichtbaar(self, actor, uuid) -> None:
        if not gebruikers_voor(actor.gebruiker).filter(uuid=uuid).exists():
            raise NotFound()

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="gebruikers_read")
    def get(self, request, uuid):
        return _gebruiker_antwoord(request, uuid)

    @extend_schema(
        request=GebruikerWijzigSerializer,
        responses=OpenApiTypes.OBJECT,
        operation_id="gebruikers_partial_update",
        description=(
            "JSON merge patch. `actief: false` zet het account uit. Uw eigen rollen, mandaten en account "
            "wijzigt een andere beheerder (AC-06). Een vastgelegd mandaat blijft in `mandaten` staan en "
            "wordt beëindigd met `tot`."
        ),
    )
    def patch(self, request, uuid):
        g = _gebruikers(request).get(uuid=uuid)  # visible: checked by zichtbaar
        ser = GebruikerWijzigSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        wijziging = {k: v[k] for k in ("naam", "email", "rollen", "actief", "mandaten") if k in v}
        wijziging |= {k: v[k] or "" for k in ("functie", "telefoon") if k in v}
        if "registratie" in v:
            reg = v["registratie"] or {"register": "", "nummer": ""}  # null removes it (merge patch)
            wijziging["registratie"] = (
                reg.get("register", g.registratie_register),
                reg.get("nummer", g.registratie_nummer),
            )
        if "werkgever" in v:
            wijziging["werkgever"] = _werkgever_uit(request, v["werkgever"])
        if "teams" in v:
            wijziging["teams"] = _teams_uit(request, v["teams"])
        services.wijzig_gebruiker(actor=actor_van(request), gebruiker=g, **wijziging)
        return _gebruiker_antwoord(request, uuid)


class TeamSerializer(serializers.Serializer):
    """A team (API §2.1): `code` and `naam` as a dossier shows its `team`, and its members."""

    def to_representation(self, t):
        request = self.context.get("request")
        return {
            "url": _url(request, f"teams/{t.uuid}"),
            "uuid": str(t.uuid),
            "code": t.code,
            "naam": t.naam,
            "organisatie": _url(request, f"organisaties/{t.organisatie.uuid}"),
            "leden": [
                _url(request, f"gebruikers/{g.uuid}")
                for g in sorted(t.leden.all(), key=lambda g: (g.naam, g.pk))
            ],
            "aangemaakt": UTCDateTime().to_representation(t.aangemaakt),
            "gewijzigd": UTCDateTime().to_representation(t.gewijzigd),
        }


class TeamWijzigSerializer(StrictSerializer):
    """PATCH: the name. `code` and `organisatie` are fixed at creation; members are set per user
    (`/gebruikers` `teams`). Read-only fields sent back are ignored (API §1.1)."""

    naam = serializers.CharField(max_length=200, required=False)
    url = serializers.CharField(read_only=True)
    uuid = serializers.CharField(read_only=True)
    code = serializers.CharField(read_only=True)
    organisatie = serializers.CharField(read_only=True)
    leden = serializers.ListField(child=serializers.CharField(), read_only=True)
    aangemaakt = serializers.CharField(read_only=True)
    gewijzigd = serializers.CharField(read_only=True)


class NieuwTeamSerializer(TeamWijzigSerializer):
    code = serializers.SlugField(max_length=64, help_text="Kleine letters, cijfers en streepjes")  # type: ignore[assignment]
    naam = serializers.CharField(max_length=200)
    organisatie = serializers.CharField(max_length=300, help_text="URL van de organisatie")  # type: ignore[assignment]


def _teams(request):
    return teams_voor(request.user).prefetch_related("leden")


def _team_of_404(request, uuid) -> Team:
    team = _teams(request).filter(uuid=uuid).first()
    if team is None:
        raise NotFound()
    return team


class TeamsView(BasisView):
    """Teams of the own organisation (the technical beheerder: his controller's); creating one needs
    `gebruiker:beheren` (API §2.1)."""

    scopes = {"get": "publiek", "post": "gebruiker:beheren"}
    verwerkingsactiviteit = "beheer-platform"

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="teams_list")
    def get(self, request):
        return Paginering.antwoord(_teams(request), request, self, TeamSerializer)

    @extend_schema(
        request=NieuwTeamSerializer, responses={201: OpenApiTypes.OBJECT}, operation_id="teams_create"
    )
    def post(self, request):
        ser = NieuwTeamSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        team = services.maak_team(
            actor=actor_van(request),
            code=v["code"],
            naam=v["naam"],
            organisatie=organisatie_uit(request, v["organisatie"], "organisatie"),
        )
        body = TeamSerializer(_team_of_404(request, team.uuid), context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED)


class TeamView(ItemView):
    """A team of the own organisation (the technical beheerder: any); renaming it needs
    `gebruiker:beheren` (API §2.1)."""

    scopes = {"get": "publiek", "patch": "gebruiker:beheren"}
    verwerkingsactiviteit = "beheer-platform"

    def zichtbaar(self, actor, uuid) -> None:
        if not teams_voor(actor.gebruiker).filter(uuid=uuid).exists():
            raise NotFound()

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="teams_read")
    def get(self, request, uuid):
        return Response(TeamSerializer(_team_of_404(request, uuid), context={"request": request}).data)

    @extend_schema(
        request=TeamWijzigSerializer,
        responses=OpenApiTypes.OBJECT,
        operation_id="teams_partial_update",
        description="JSON merge patch; alleen `naam` wijzigt. Leden zet u per gebruiker (`teams`).",
    )
    def patch(self, request, uuid):
        team = _team_of_404(request, uuid)
        ser = TeamWijzigSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        if "naam" in ser.validated_data:
            services.wijzig_team(actor=actor_van(request), team=team, naam=ser.validated_data["naam"])
        return Response(TeamSerializer(_team_of_404(request, uuid), context={"request": request}).data)


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


def _tokens(request):
    return tokens_voor(request.user)


class ApiTokensView(BasisView):
    scopes = {"get": "token:beheren", "post": "token:beheren"}
    verwerkingsactiviteit = "beheer-platform"

    @extend_schema(responses=ApiTokenSerializer(many=True), operation_id="api_tokens_list")
    def get(self, request):
        return Paginering.antwoord(_tokens(request), request, self, ApiTokenSerializer)

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
        response = Response(body, status=status.HTTP_201_CREATED)
        response.eenmalig = ("token",)  # type: ignore[attr-defined]  # an Idempotency-Key replay omits it
        return response


class ApiTokenView(BasisView):
    scopes = {"get": "token:beheren"}
    verwerkingsactiviteit = "beheer-platform"

    @extend_schema(responses=ApiTokenSerializer, operation_id="api_tokens_read")
    def get(self, request, uuid):
        token = _tokens(request).filter(uuid=uuid).first()
        if token is None:
            raise NotFound()
        return Response(ApiTokenSerializer(token, context={"request": request}).data)


class ApiTokenIntrekkenView(BasisView):
    scopes = {"post": "token:beheren"}
    verwerkingsactiviteit = "beheer-platform"

    @extend_schema(request=None, responses=ApiTokenSerializer, operation_id="api_tokens_intrekken")
    def post(self, request, uuid):
        token = _tokens(request).filter(uuid=uuid).first()
        if token is None:
            raise NotFound()
        token = services.trek_token_in(actor=actor_van(request), token=token)
        return Response(ApiTokenSerializer(token, context={"request": request}).data)
