"""/api/v1 organisations, controllers, users, teams, API tokens and the user profile (API §2.1, AC-07)."""

from __future__ import annotations

from django.db import transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.response import Response

from zorgvuldig.api.base import (
    BasisView,
    ItemView,
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
    ApiToken,
    Gebruiker,
    Mandaat,
    Organisatie,
    Rol,
    Team,
    Verwerkingsverantwoordelijke,
)
from zorgvuldig.organisaties.selectors import gebruikers_voor, teams_voor


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


def _url(request, pad: str) -> str:
    return absolute(request, f"/api/v1/{pad}")


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
    """Users of the own organisation (the technical beheerder: all); creating one needs
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
    """Teams of the own organisation (the technical beheerder: all); creating one needs
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
