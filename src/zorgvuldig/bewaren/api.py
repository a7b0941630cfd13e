"""/api/v1 retention (API §2.9, SPEC §10): rules, retention rows, holds, destruction lists, tombstones and
sweeps.

Never content: a retention row names its record's type and uuid, the rule and the dates. Free text (the
reason of an extension, a hold's explanation) is shown only to those who decide on it — the
*leidinggevende* and the FG; the technical *beheerder* sees codes and dates (AC-06). Every read of rows,
holds or lists is audited; the rules and the sweeps' counts are configuration and technical status.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuidlib

from django.db import transaction
from django.db.models import F, Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from zorgvuldig.api import parameters
from zorgvuldig.api.base import (
    BasisView,
    ItemView,
    LeegSerializer,
    StrictSerializer,
    UTCDateTime,
    absolute,
    organisatie_uit,
    uuid_uit_url,
)
from zorgvuldig.api.pagination import Paginering
from zorgvuldig.api.permissions import actor_van
from zorgvuldig.audit import services as audit
from zorgvuldig.bewaren import policies, selectors, services
from zorgvuldig.bewaren.models import Bewaarregel, Bewaartermijn, Blokkade, Opschoonronde, Vernietigingslijst
from zorgvuldig.core import crypto
from zorgvuldig.core.clock import today
from zorgvuldig.core.errors import DomainError, InvalidParam, NotFound

ACT = "bewaren-vernietigen"
INZIEN = "bewaartermijn:inzien"
VERLENGEN = "bewaartermijn:verlengen"
BLOKKEREN = "bewaartermijn:blokkeren"
GOEDKEUREN = "vernietigingslijst:goedkeuren"
CONFIGUREREN = "configuratie:beheren"


def _url(request, pad: str) -> str:
    return absolute(request, f"/api/v1/{pad}")


def _tijd(waarde: dt.datetime | None) -> str | None:
    return UTCDateTime().to_representation(waarde)


def _vrije_tekst(actor) -> bool:
    """Reasons and explanations are free text: for the roles that decide on them (RT-02, RT-07) only."""
    return actor.heeft(VERLENGEN) or actor.heeft(BLOKKEREN)


def _log(actor, actie: str, velden: list[str], object=None, aantal: int | None = None) -> None:
    """One entry per read (AU-01); the rows name no data subject, so there are no betrokkenen."""
    with transaction.atomic():
        audit.record(
            actor=actor,
            actie=actie,
            activiteit=ACT,
            object=object,
            velden=velden,
            koppeling={"aantal": aantal} if aantal is not None else None,
        )


# --- rules (RT-10, RT-11) ------------------------------------------------------------------------------


def _regels(request, actor) -> list[Bewaarregel]:
    """The controller's rules, once per request."""
    regels = getattr(request, "_zv_bewaarregels", None)
    if regels is None:
        regels = selectors.regels(actor)
        request._zv_bewaarregels = regels
    return regels


def _regel_urls(request, actor) -> dict[str, str]:
    return {r.code: _url(request, f"bewaarregels/{r.uuid}") for r in _regels(request, actor)}


def _regel_of_404(request, actor, uuid) -> Bewaarregel:
    rij = next((r for r in _regels(request, actor) if str(r.uuid) == str(uuid)), None)
    if rij is None:
        raise NotFound()
    return rij


def regel_representatie(request, rij: Bewaarregel) -> dict:
    regel = policies.REGELS[rij.code]
    return {
        "url": _url(request, f"bewaarregels/{rij.uuid}"),
        "uuid": str(rij.uuid),
        "objecttype": rij.code,
        "omschrijving": regel.omschrijving,
        "brondatum": regel.brondatum,
        "termijn": regel.termijn,
        "afleiding": regel.afleiding,
        "bron": regel.bron,
        # RT-11: a type configured permanent under the Archiefwet is transferred, not destroyed
        "actie": policies.OVERBRENGEN if rij.archiefcategorie else regel.actie,
        "archiefwaardig": {"categorie": rij.archiefcategorie} if rij.archiefcategorie else None,
        "vernietigingslijst": regel.vernietigingslijst,
        "eenheid": regel.eenheid,
        "gewijzigd": _tijd(rij.gewijzigd),
    }


class BewaarregelsView(BasisView):
    """RT-10: one rule per record type, with the controller's archive setting (RT-11)."""

    scopes = {"get": INZIEN}
    verwerkingsactiviteit = ACT

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="bewaarregels_list")
    def get(self, request):
        regels = _regels(request, actor_van(request))
        return Paginering.lijst([regel_representatie(request, r) for r in regels], request, self)


class ArchiefwaardigSerializer(StrictSerializer):
    categorie = serializers.CharField(max_length=40, help_text="Categorie van de Selectielijst gemeenten")


class BewaarregelWijzigSerializer(StrictSerializer):
    archiefwaardig = ArchiefwaardigSerializer(allow_null=True)


class BewaarregelView(ItemView):
    scopes = {"get": INZIEN, "patch": CONFIGUREREN}
    verwerkingsactiviteit = ACT

    def zichtbaar(self, actor, uuid) -> None:
        _regel_of_404(self.request, actor, uuid)

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="bewaarregels_read")
    def get(self, request, uuid):
        return Response(regel_representatie(request, _regel_of_404(request, actor_van(request), uuid)))

    @extend_schema(
        request=BewaarregelWijzigSerializer,
        responses=OpenApiTypes.OBJECT,
        operation_id="bewaarregels_partial_update",
    )
    def patch(self, request, uuid):
        ser = BewaarregelWijzigSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        archief = ser.validated_data["archiefwaardig"]
        rij = services.wijzig_regel(
            actor=actor_van(request), uuid=uuid, archiefcategorie=archief["categorie"] if archief else ""
        )
        return Response(regel_representatie(request, rij))


# --- retention rows and holds (RT-02, RT-07, RT-12) -----------------------------------------------------


def blokkade_representatie(request, termijn_uuid, blokkade: Blokkade, tekst: bool) -> dict:
    uit = {
        "url": _url(request, f"bewaartermijnen/{termijn_uuid}/blokkades/{blokkade.uuid}"),
        "uuid": str(blokkade.uuid),
        "reden": blokkade.reden,
        "einddatum": blokkade.einddatum,
        # RT-12: derived at read time; the day of the end date it no longer holds
        "actief": policies.blokkade_actief(blokkade.einddatum, blokkade.opgeheven_op is not None, today()),
        "opgehevenOp": _tijd(blokkade.opgeheven_op),
        "aangemaakt": _tijd(blokkade.aangemaakt),
    }
    if tekst:
        uit["toelichting"] = crypto.ontsleutel(blokkade, "toelichting", als_json=False) or ""
    return uit


def _besluit(request, rij: Bewaartermijn, tekst: bool) -> dict | None:
    """The decision that moved the date (RT-02, RI-10, RT-13); its references as URLs."""
    if not rij.besluit:
        return None
    besluit = dict(rij.besluit)
    for sleutel, resource in (
        ("door", "gebruikers"),
        ("verzoek", "verzoeken"),
        ("lijst", "vernietigingslijsten"),
    ):
        if besluit.get(sleutel):
            besluit[sleutel] = _url(request, f"{resource}/{besluit[sleutel]}")
    if tekst:
        besluit["reden"] = crypto.ontsleutel(rij, "reden", als_json=False) or ""
    return besluit


def termijn_representatie(request, actor, rij: Bewaartermijn) -> dict:
    tekst = _vrije_tekst(actor)
    return {
        "url": _url(request, f"bewaartermijnen/{rij.uuid}"),
        "uuid": str(rij.uuid),
        "object": {"type": rij.objecttype, "uuid": str(rij.object_uuid)},
        "regel": _regel_urls(request, actor).get(rij.regel),
        "brondatum": rij.brondatum,
        "vervaldatum": rij.vervaldatum,
        "status": selectors.status_van(rij),
        "besluit": _besluit(request, rij, tekst),
        "vernietigingslijst": _url(request, f"vernietigingslijsten/{rij.lijst.uuid}") if rij.lijst else None,
        "beoordeling": rij.beoordeling or None,
        "uitkomst": rij.uitkomst or None,
        "uitgevoerdOp": _tijd(rij.uitgevoerd_op),
        "opschoonronde": _url(request, f"opschoonrondes/{rij.opschoonronde.uuid}")
        if rij.opschoonronde
        else None,
        "blokkades": [blokkade_representatie(request, rij.uuid, b, tekst) for b in rij.blokkades.all()],
        "organisatie": _url(request, f"organisaties/{rij.organisatie.uuid}"),
        "verwerkingsverantwoordelijke": _url(
            request, f"verwerkingsverantwoordelijken/{rij.verwerkingsverantwoordelijke.uuid}"
        ),
        "aangemaakt": _tijd(rij.aangemaakt),
        "gewijzigd": _tijd(rij.gewijzigd),
    }


def _met_alles(qs):
    return qs.select_related(
        "lijst", "opschoonronde", "organisatie", "verwerkingsverantwoordelijke"
    ).prefetch_related(Prefetch("blokkades", queryset=Blokkade.objects.order_by("id")))


def _lees_termijn(actor, uuid) -> Bewaartermijn:
    rij = _met_alles(selectors.termijnen(actor)).filter(uuid=uuid).first()
    if rij is None:
        raise NotFound()
    return rij


TERMIJN_VELDEN = ["object", "regel", "brondatum", "vervaldatum", "status", "besluit", "blokkades"]


def _regelcode(request, actor, waarde: str) -> str | None:
    """`regel`: the record type's code (policies.REGELS) or the rule's URL."""
    if waarde in policies.REGELS:
        return waarde
    urls = {url: code for code, url in _regel_urls(request, actor).items()}
    return urls.get(waarde)


class BewaartermijnenView(BasisView):
    scopes = {"get": INZIEN}
    verwerkingsactiviteit = ACT
    filters = (
        OpenApiParameter("status", str, enum=list(policies.STATUSSEN)),
        OpenApiParameter("vervaldatumTot", OpenApiTypes.DATE, description="vervaldatum op of vóór"),
        OpenApiParameter("regel", str, description="soort (objecttype van de bewaarregel) of URL"),
    )

    @extend_schema(
        responses=OpenApiTypes.OBJECT,
        operation_id="bewaartermijnen_list",
        description="Retention rows of the own organisation (the FG: the controller), never content (RT-12: "
        "`status` is derived from the dates at read time).",
    )
    def get(self, request):
        actor = actor_van(request)
        q = request.query_params
        vandaag = today()
        qs = selectors.termijnen(actor)
        fouten = []
        if (st := q.get("status")) is not None:
            qs = selectors.filter_status(qs, st, vandaag)
        try:
            if (tot := parameters.datum(q, "vervaldatumTot")) is not None:
                qs = qs.filter(vervaldatum__lte=tot)
        except DomainError as fout:
            fouten += fout.invalid_params
        if (regel := q.get("regel")) is not None:
            code = _regelcode(request, actor, regel)
            if code is None:
                fouten.append(InvalidParam("regel", "invalid", "Onbekende bewaarregel."))
            else:
                qs = qs.filter(regel=code)
        if fouten:
            raise DomainError("E_INVALID_INPUT", "Ongeldig filter.", fouten)
        if "geblokkeerd" not in qs.query.annotations:
            qs = selectors.met_status(qs, vandaag)
        qs = _met_alles(qs).order_by(F("vervaldatum").asc(nulls_last=True), "id")
        paginator = Paginering()
        page = paginator.paginate_queryset(qs, request, view=self) or []
        _log(actor, "bewaartermijn.ingezien", TERMIJN_VELDEN, aantal=len(page))
        return paginator.get_paginated_response([termijn_representatie(request, actor, r) for r in page])


class BewaartermijnItemView(ItemView):
    verwerkingsactiviteit = ACT

    def zichtbaar(self, actor, uuid) -> None:
        selectors.termijn_of_404(actor, uuid)


class BewaartermijnView(BewaartermijnItemView):
    scopes = {"get": INZIEN}

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="bewaartermijnen_read")
    def get(self, request, uuid):
        actor = actor_van(request)
        rij = _lees_termijn(actor, uuid)
        _log(actor, "bewaartermijn.ingezien", TERMIJN_VELDEN, object=rij)
        return Response(termijn_representatie(request, actor, rij))


class BewaartermijnVerlengSerializer(StrictSerializer):
    nieuweDatum = serializers.DateField()
    reden = serializers.CharField(max_length=4000, allow_blank=True)


class VerlengenView(BewaartermijnItemView):
    """RT-02: longer only by the leidinggevende's reasoned decision with a new date."""

    scopes = {"post": VERLENGEN}

    @extend_schema(
        request=BewaartermijnVerlengSerializer,
        responses=OpenApiTypes.OBJECT,
        operation_id="bewaartermijnen_verlengen",
    )
    def post(self, request, uuid):
        ser = BewaartermijnVerlengSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        actor = actor_van(request)
        services.verleng(actor=actor, uuid=uuid, nieuwe_datum=v["nieuweDatum"], reden=v["reden"])
        return Response(termijn_representatie(request, actor, _lees_termijn(actor, uuid)))


class BlokkadeAanmaakSerializer(StrictSerializer):
    reden = serializers.ChoiceField(choices=policies.BLOKKADEREDENEN)
    einddatum = serializers.DateField()
    toelichting = serializers.CharField(max_length=4000, allow_blank=True)


class BlokkadesView(BewaartermijnItemView):
    """RT-07: legal holds suspend destruction, with reason and end date."""

    scopes = {"get": BLOKKEREN, "post": BLOKKEREN}

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="bewaartermijnen_blokkades_list")
    def get(self, request, uuid):
        actor = actor_van(request)
        rij = _lees_termijn(actor, uuid)
        _log(actor, "bewaartermijn.ingezien", ["blokkades"], object=rij)
        tekst = _vrije_tekst(actor)
        rijen = [blokkade_representatie(request, rij.uuid, b, tekst) for b in rij.blokkades.all()]
        return Paginering.lijst(rijen, request, self)

    @extend_schema(
        request=BlokkadeAanmaakSerializer,
        responses={201: OpenApiTypes.OBJECT},
        operation_id="bewaartermijnen_blokkades_create",
    )
    def post(self, request, uuid):
        ser = BlokkadeAanmaakSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        actor = actor_van(request)
        blokkade = services.blokkeer(
            actor=actor, uuid=uuid, reden=v["reden"], einddatum=v["einddatum"], toelichting=v["toelichting"]
        )
        return Response(
            blokkade_representatie(request, uuid, blokkade, _vrije_tekst(actor)),
            status=status.HTTP_201_CREATED,
        )


class BlokkadeView(BewaartermijnItemView):
    scopes = {"get": BLOKKEREN}

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="bewaartermijnen_blokkades_read")
    def get(self, request, uuid, blokkade_uuid):
        actor = actor_van(request)
        rij = _lees_termijn(actor, uuid)
        blokkade = selectors.blokkade_of_404(rij, blokkade_uuid)
        _log(actor, "bewaartermijn.ingezien", ["blokkades"], object=rij)
        return Response(blokkade_representatie(request, rij.uuid, blokkade, _vrije_tekst(actor)))


class OpheffenView(BewaartermijnItemView):
    scopes = {"post": BLOKKEREN}

    @extend_schema(
        request=LeegSerializer,
        responses=OpenApiTypes.OBJECT,
        operation_id="bewaartermijnen_blokkades_opheffen",
    )
    def post(self, request, uuid, blokkade_uuid):
        LeegSerializer(data=request.data or {}).is_valid(raise_exception=True)
        actor = actor_van(request)
        blokkade = services.hef_op(actor=actor, uuid=uuid, blokkade_uuid=blokkade_uuid)
        return Response(blokkade_representatie(request, uuid, blokkade, _vrije_tekst(actor)))


# --- destruction lists (RT-13) ------------------------------------------------------------------------


def _lijst_item(request, actor, rij: Bewaartermijn, tekst: bool) -> dict:
    uit = {
        "termijn": _url(request, f"bewaartermijnen/{rij.uuid}"),
        "object": {"type": rij.objecttype, "uuid": str(rij.object_uuid)},
        "regel": _regel_urls(request, actor).get(rij.regel),
        "vervaldatum": rij.vervaldatum,
        "beoordeling": rij.beoordeling or None,
        "uitkomst": rij.uitkomst or None,
    }
    if rij.beoordeling == "bewaren":
        uit["nieuweDatum"] = rij.besluit.get("nieuweDatum")
        if tekst:
            uit["reden"] = selectors.voorstel_reden(rij)
    return uit


def lijst_representatie(request, actor, lijst: Vernietigingslijst) -> dict:
    tekst = _vrije_tekst(actor)
    items = [_lijst_item(request, actor, r, tekst) for r in lijst.items.all()]
    return {
        "url": _url(request, f"vernietigingslijsten/{lijst.uuid}"),
        "uuid": str(lijst.uuid),
        "organisatie": _url(request, f"organisaties/{lijst.organisatie.uuid}"),
        "verwerkingsverantwoordelijke": _url(
            request, f"verwerkingsverantwoordelijken/{lijst.verwerkingsverantwoordelijke.uuid}"
        ),
        "peildatum": lijst.peildatum,
        "status": lijst.status,
        "goedkeuringen": [
            {"rol": g["rol"], "gebruiker": _url(request, f"gebruikers/{g['gebruiker']}"), "datum": g["datum"]}
            for g in lijst.goedkeuringen
        ],
        "items": items,
        "aantal": len(items),
        "uitgevoerdOp": _tijd(lijst.uitgevoerd_op),
        "aangemaakt": _tijd(lijst.aangemaakt),
        "gewijzigd": _tijd(lijst.gewijzigd),
    }


def _lijsten(actor):
    return (
        selectors.lijsten(actor)
        .select_related("organisatie", "verwerkingsverantwoordelijke")
        .prefetch_related(
            Prefetch(
                "items", queryset=Bewaartermijn.objects.order_by(F("vervaldatum").asc(nulls_last=True), "id")
            )
        )
    )


def _lees_lijst(actor, uuid) -> Vernietigingslijst:
    lijst = _lijsten(actor).filter(uuid=uuid).first()
    if lijst is None:
        raise NotFound()
    return lijst


LIJST_VELDEN = ["peildatum", "status", "goedkeuringen", "items"]


class VernietigingslijstAanmaakSerializer(StrictSerializer):
    peildatum = serializers.DateField()
    organisatie = serializers.CharField(
        max_length=300, required=False, help_text="URL (of uuid) van de organisatie; alleen de FG kiest"
    )


class VernietigingslijstenView(BasisView):
    scopes = {"get": INZIEN, "post": GOEDKEUREN}
    verwerkingsactiviteit = ACT

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="vernietigingslijsten_list")
    def get(self, request):
        actor = actor_van(request)
        paginator = Paginering()
        page = (
            paginator.paginate_queryset(_lijsten(actor).order_by("-aangemaakt", "-id"), request, view=self)
            or []
        )
        _log(actor, "vernietigingslijst.ingezien", LIJST_VELDEN, aantal=len(page))
        return paginator.get_paginated_response(
            [lijst_representatie(request, actor, lijst) for lijst in page]
        )

    @extend_schema(
        request=VernietigingslijstAanmaakSerializer,
        responses={201: OpenApiTypes.OBJECT},
        operation_id="vernietigingslijsten_create",
    )
    def post(self, request):
        ser = VernietigingslijstAanmaakSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        actor = actor_van(request)
        org = organisatie_uit(request, v["organisatie"], "organisatie") if v.get("organisatie") else None
        lijst = services.maak_lijst(actor=actor, peildatum=v["peildatum"], organisatie=org)
        return Response(
            lijst_representatie(request, actor, _lees_lijst(actor, lijst.uuid)),
            status=status.HTTP_201_CREATED,
        )


class VernietigingslijstItemView(ItemView):
    verwerkingsactiviteit = ACT

    def zichtbaar(self, actor, uuid) -> None:
        selectors.lijst_of_404(actor, uuid)


class VernietigingslijstView(VernietigingslijstItemView):
    scopes = {"get": INZIEN}

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="vernietigingslijsten_read")
    def get(self, request, uuid):
        actor = actor_van(request)
        lijst = _lees_lijst(actor, uuid)
        _log(actor, "vernietigingslijst.ingezien", LIJST_VELDEN, object=lijst)
        return Response(lijst_representatie(request, actor, lijst))


class VernietigingslijstItemBeoordelingSerializer(StrictSerializer):
    termijn = serializers.CharField(max_length=300, help_text="URL (of uuid) van de bewaartermijn")
    beoordeling = serializers.ChoiceField(choices=policies.BEOORDELINGEN)
    nieuweDatum = serializers.DateField(required=False, allow_null=True)
    reden = serializers.CharField(max_length=4000, required=False, allow_blank=True)


class VernietigingslijstBeoordelingSerializer(StrictSerializer):
    items = serializers.ListField(
        child=VernietigingslijstItemBeoordelingSerializer(), min_length=1, max_length=5000
    )


def _termijn_uuid(request, waarde: str, i: int) -> str:
    try:
        return str(uuidlib.UUID(waarde))
    except ValueError:
        return uuid_uit_url(waarde, resource="bewaartermijnen", request=request, veld=f"items.{i}.termijn")


class BeoordelenView(VernietigingslijstItemView):
    """Per item: destroy, keep with a new date and reason (RT-02), or transfer (RT-11); before approval."""

    scopes = {"post": GOEDKEUREN}

    @extend_schema(
        request=VernietigingslijstBeoordelingSerializer,
        responses=OpenApiTypes.OBJECT,
        operation_id="vernietigingslijsten_beoordelen",
    )
    def post(self, request, uuid):
        ser = VernietigingslijstBeoordelingSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        items = [
            {
                "termijn": _termijn_uuid(request, item["termijn"], i),
                "beoordeling": item["beoordeling"],
                "nieuwe_datum": item.get("nieuweDatum"),
                "reden": item.get("reden", ""),
            }
            for i, item in enumerate(ser.validated_data["items"])
        ]
        actor = actor_van(request)
        services.beoordeel(actor=actor, uuid=uuid, items=items)
        return Response(lijst_representatie(request, actor, _lees_lijst(actor, uuid)))


class GoedkeurenView(VernietigingslijstItemView):
    """RT-13: the leidinggevende and the FG approve, as two people."""

    scopes = {"post": GOEDKEUREN}

    @extend_schema(
        request=LeegSerializer, responses=OpenApiTypes.OBJECT, operation_id="vernietigingslijsten_goedkeuren"
    )
    def post(self, request, uuid):
        LeegSerializer(data=request.data or {}).is_valid(raise_exception=True)
        actor = actor_van(request)
        services.keur_goed(actor=actor, uuid=uuid)
        return Response(lijst_representatie(request, actor, _lees_lijst(actor, uuid)))


# --- tombstones and sweeps (RT-03, RT-09) ------------------------------------------------------------------


def bewijs_representatie(request, actor, rij: Bewaartermijn) -> dict:
    return {
        "url": _url(request, f"bewaartermijnen/{rij.uuid}"),
        "uuid": str(rij.uuid),
        "object": {"type": rij.objecttype, "uuid": str(rij.object_uuid)},
        "regel": _regel_urls(request, actor).get(rij.regel),
        "wijze": rij.uitkomst,
        "uitgevoerdOp": _tijd(rij.uitgevoerd_op),
        "opschoonronde": _url(request, f"opschoonrondes/{rij.opschoonronde.uuid}")
        if rij.opschoonronde
        else None,
    }


class VernietigingsbewijzenView(BasisView):
    """RT-03: what was destroyed, anonymised or transferred, when and under which rule — no personal data."""

    scopes = {"get": INZIEN}
    verwerkingsactiviteit = ACT

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="vernietigingsbewijzen_list")
    def get(self, request):
        actor = actor_van(request)
        qs = selectors.bewijzen(actor).select_related("opschoonronde").order_by("-uitgevoerd_op", "-id")
        paginator = Paginering()
        page = paginator.paginate_queryset(qs, request, view=self) or []
        _log(
            actor,
            "bewaartermijn.ingezien",
            ["object", "regel", "uitkomst", "uitgevoerd_op"],
            aantal=len(page),
        )
        return paginator.get_paginated_response([bewijs_representatie(request, actor, r) for r in page])


def ronde_representatie(request, actor, ronde: Opschoonronde) -> dict:
    vv = str(actor.organisatie.verwerkingsverantwoordelijke.uuid)
    return {
        "url": _url(request, f"opschoonrondes/{ronde.uuid}"),
        "uuid": str(ronde.uuid),
        "gestart": _tijd(ronde.gestart),
        "beeindigd": _tijd(ronde.beeindigd),
        "peildatum": ronde.peildatum,
        "droog": ronde.droog,
        "status": ronde.status,
        # the sweep runs for every controller; each sees only its own counts
        "telling": ronde.telling.get(vv, {}),
    }


class OpschoonrondesView(BasisView):
    """RT-09: the sweeps, dry or real, with the actor's controller's counts."""

    scopes = {"get": INZIEN}
    verwerkingsactiviteit = ACT

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="opschoonrondes_list")
    def get(self, request):
        actor = actor_van(request)
        paginator = Paginering()
        page = (
            paginator.paginate_queryset(selectors.rondes().order_by("-gestart", "-id"), request, view=self)
            or []
        )
        return paginator.get_paginated_response([ronde_representatie(request, actor, r) for r in page])


class OpschoonrondeView(ItemView):
    scopes = {"get": INZIEN}
    verwerkingsactiviteit = ACT

    def zichtbaar(self, actor, uuid) -> None:
        if not selectors.rondes().filter(uuid=uuid).exists():
            raise NotFound()

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="opschoonrondes_read")
    def get(self, request, uuid):
        ronde = selectors.rondes().filter(uuid=uuid).first()
        if ronde is None:
            raise NotFound()
        return Response(ronde_representatie(request, actor_van(request), ronde))
