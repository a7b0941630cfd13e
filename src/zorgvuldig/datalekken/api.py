"""/api/v1/datalekken (API §2.11, RG-03): the controller's data-breach register with the 72-hour clock.

GET `register:lezen` (the FG: the controller's register; the leidinggevende: the own organisation's, read
only); writes `register:beheren` (the FG). `status` changes only through the operations `_beoordelen`,
`_besluiten` and `_afsluiten`; PATCH corrects facts while `ontdekt` or `beoordeeld`. `_informeren` (not yet
in API.md) records, after the decision, that the data subjects were informed (GDPR art 34: `datum`, `wijze`,
`aantal`, `toelichting`), shown as `betrokkenenGeinformeerd`; when the decision was to inform them,
`_afsluiten` is 409 until it is recorded. `deadline` and `klok`
are derived per request (RT-12). `_analyseren` (not yet in API.md) runs the affected-persons query on the
breach's `afbakening` and answers the breach with `getroffen` (persons by name, records, recipients).
`module` (verwijsindex, casusoverleg; null: own processing) names the shared module; registered there
without `melder`, the breach gets the notifier the joint-controller arrangement names (RG-05).
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.urls import URLPattern, path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from zorgvuldig.api.base import (
    BasisView,
    Geheel,
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
from zorgvuldig.audit import services as audit
from zorgvuldig.core.clock import now
from zorgvuldig.core.errors import DomainError, InvalidParam
from zorgvuldig.datalekken import policies, selectors, services
from zorgvuldig.datalekken.models import Datalek

ACT = services.ACTIVITEIT
LEZEN = selectors.LEZEN
BEHEREN = selectors.BEHEREN
MAX_LIJST = 1000  # per list in `getroffen`; the counts are always complete


def _url(request, pad: str) -> str:
    return absolute(request, f"/api/v1/{pad}")


def _tijd(waarde):
    return UTCDateTime().to_representation(waarde)


def klok_representatie(rij: Datalek, nu=None) -> dict:
    k = policies.klok(rij.ontdekt_op, rij.status, nu or now(), rij.besloten_op, settings.BREACH_NOTIFY_HOURS)
    return {
        "stand": k.stand,
        "resterendeUren": k.resterende_uren,
        "resterendeSeconden": int(k.resterend.total_seconds()),
        "opTijd": k.op_tijd,
        "waarschuwingen": list(
            policies.bereikte_markeringen(
                rij.ontdekt_op, rij.besloten_op or nu or now(), settings.BREACH_NOTIFY_HOURS
            )
        ),
    }


def representatie(request, rij: Datalek) -> dict:
    tekst = selectors.inhoud(rij)
    besloten = rij.besloten_op is not None
    return {
        "url": _url(request, f"datalekken/{rij.uuid}"),
        "uuid": str(rij.uuid),
        "aangemaakt": _tijd(rij.aangemaakt),
        "gewijzigd": _tijd(rij.gewijzigd),
        "organisatie": _url(request, f"organisaties/{rij.organisatie.uuid}"),
        "verwerkingsverantwoordelijke": _url(
            request, f"verwerkingsverantwoordelijken/{rij.verwerkingsverantwoordelijke.uuid}"
        ),
        "ontdektOp": _tijd(rij.ontdekt_op),
        "omschrijving": tekst["omschrijving"],
        "gegevens": tekst["gegevens"],
        "betrokkenen": tekst["betrokkenen"],
        "aantalBetrokkenen": rij.aantal_betrokkenen,
        "risico": rij.risico or None,
        "maatregelen": tekst["maatregelen"],
        "melder": _url(request, f"verwerkingsverantwoordelijken/{rij.melder.uuid}"),
        "module": rij.module or None,
        "status": rij.status,
        "deadline": _tijd(policies.deadline(rij.ontdekt_op, settings.BREACH_NOTIFY_HOURS)),
        "klok": klok_representatie(rij),
        "beoordeeldOp": _tijd(rij.beoordeeld_op),
        "besluit": {
            "melden": rij.melden,
            "betrokkenenInformeren": rij.betrokkenen_informeren,
            "reden": tekst["reden"],
            "besloten": _tijd(rij.besloten_op),
        }
        if besloten
        else None,
        "betrokkenenGeinformeerd": {
            "datum": rij.geinformeerd_op.isoformat(),
            "wijze": rij.informeren_wijze,
            "aantal": rij.aantal_geinformeerd,
            "toelichting": tekst["informeren_toelichting"],
        }
        if rij.geinformeerd_op
        else None,
        "gemeldOp": _tijd(rij.gemeld_op),
        "apKenmerk": rij.ap_kenmerk,
        "geslotenOp": _tijd(rij.gesloten_op),
        "afbakening": {
            "account": _url(request, f"gebruikers/{rij.afbakening_account.uuid}")
            if rij.afbakening_account is not None
            else None,
            "vanaf": _tijd(rij.afbakening_vanaf),
            "tot": _tijd(rij.afbakening_tot),
            "ontvanger": _url(request, f"organisaties/{rij.afbakening_ontvanger.uuid}")
            if rij.afbakening_ontvanger is not None
            else None,
        }
        if rij.afbakening_vanaf
        else None,
        "analyse": rij.analyse or None,
    }


# --- input ---------------------------------------------------------------------------------------------


class AfbakeningSerializer(StrictSerializer):
    account = serializers.CharField(max_length=300, allow_null=True, required=False)
    vanaf = serializers.DateTimeField()
    tot = serializers.DateTimeField()
    ontvanger = serializers.CharField(max_length=300, allow_null=True, required=False)


class DatalekSerializer(StrictSerializer):
    ontdektOp = serializers.DateTimeField()
    omschrijving = Tekst(policies.MAX_TEKST)
    gegevens = Tekst(policies.MAX_TEKST)
    betrokkenen = Tekst(policies.MAX_TEKST)
    aantalBetrokkenen = serializers.IntegerField(
        min_value=0, max_value=100_000_000, allow_null=True, required=False
    )
    risico = serializers.ChoiceField(choices=policies.RISICOS, allow_null=True, required=False)
    maatregelen = Tekst(policies.MAX_TEKST)
    melder = serializers.CharField(max_length=300, allow_null=True, required=False)
    # verwijsindex or casusoverleg (convenanten.policies.MODULES), checked by the service (RG-05)
    module = serializers.CharField(max_length=20, allow_null=True, allow_blank=True, required=False)
    afbakening = AfbakeningSerializer(allow_null=True, required=False)


class DatalekWijzigSerializer(DatalekSerializer):
    ontdektOp = serializers.DateTimeField(required=False)


NAMEN = {
    "ontdektOp": "ontdekt_op",
    "aantalBetrokkenen": "aantal_betrokkenen",
}


def _object(request, url: str | None, resource: str, veld: str, model, **filters):
    if url is None:
        return None
    uuid = uuid_uit_url(url, resource=resource, request=request, veld=veld)
    qs = model.objects.filter(uuid=uuid, **filters)
    if resource == "gebruikers":
        qs = qs.select_related("organisatie")
    obj = qs.first()
    if obj is None:
        raise DomainError(
            "E_INVALID_INPUT", "Onbekende verwijzing.", [InvalidParam(veld, "invalid", "Bestaat niet.")]
        )
    return obj


def naar_service(request, v: dict) -> dict:
    from zorgvuldig.organisaties.models import Gebruiker, Organisatie, Verwerkingsverantwoordelijke

    data: dict = {}
    for naam, waarde in v.items():
        if naam == "melder":
            data["melder"] = _object(
                request, waarde, "verwerkingsverantwoordelijken", "melder", Verwerkingsverantwoordelijke
            )
        elif naam == "afbakening":
            if waarde is None:
                data["afbakening"] = None
                continue
            data["afbakening"] = {
                "account": _object(
                    request, waarde.get("account"), "gebruikers", "afbakening.account", Gebruiker
                ),
                "vanaf": waarde["vanaf"],
                "tot": waarde["tot"],
                "ontvanger": _object(
                    request, waarde.get("ontvanger"), "organisaties", "afbakening.ontvanger", Organisatie
                ),
            }
        elif naam == "module":
            data["module"] = waarde or ""
        else:
            data[NAMEN.get(naam, naam)] = waarde
    return data


def _log_lezen(actor, rijen: list[Datalek]) -> None:
    """AU-01: a read of the register; breach records name no data subject."""
    with transaction.atomic():
        audit.record(
            actor=actor,
            actie="datalek.ingezien",
            activiteit=ACT,
            object=rijen[0] if len(rijen) == 1 else None,
            velden=["omschrijving", "gegevens", "betrokkenen", "maatregelen", "besluit", "informering"],
            koppeling=None if len(rijen) == 1 else {"aantal": len(rijen)},
        )


# --- views ---------------------------------------------------------------------------------------------


class DatalekkenView(BasisView):
    scopes = {"get": LEZEN, "post": BEHEREN}
    verwerkingsactiviteit = ACT
    filters = (
        OpenApiParameter("status", str, enum=list(policies.STATUSSEN)),
        OpenApiParameter("risico", str, enum=list(policies.RISICOS)),
    )

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="datalekken_list")
    def get(self, request):
        actor = actor_van(request)
        q = request.query_params
        qs = selectors.zichtbaar(actor).select_related(
            "melder",
            "organisatie",
            "verwerkingsverantwoordelijke",
            "afbakening_account",
            "afbakening_ontvanger",
        )
        for param in ("status", "risico"):
            if q.get(param):
                qs = qs.filter(**{param: q[param]})
        paginator = Paginering()
        page = paginator.paginate_queryset(qs.order_by("-ontdekt_op", "-id"), request, view=self) or []
        _log_lezen(actor, list(page))
        return paginator.get_paginated_response([representatie(request, r) for r in page])

    @extend_schema(
        request=DatalekSerializer, responses={201: OpenApiTypes.OBJECT}, operation_id="datalekken_create"
    )
    def post(self, request):
        ser = DatalekSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        actor = actor_van(request)
        rij = services.registreer(actor=actor, data=naar_service(request, ser.validated_data))
        return Response(
            representatie(request, selectors.lees_of_404(actor, rij.uuid)), status=status.HTTP_201_CREATED
        )


class DatalekItemView(ItemView):
    verwerkingsactiviteit = ACT

    def zichtbaar(self, actor, uuid) -> None:
        selectors.lees_of_404(actor, uuid)

    def antwoord(self, request, uuid, extra: dict | None = None) -> Response:
        rij = selectors.lees_of_404(actor_van(request), uuid)
        return Response({**representatie(request, rij), **(extra or {})})


class DatalekView(DatalekItemView):
    scopes = {"get": LEZEN, "patch": BEHEREN}

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="datalekken_read")
    def get(self, request, uuid):
        actor = actor_van(request)
        rij = selectors.lees_of_404(actor, uuid)
        _log_lezen(actor, [rij])
        return Response(representatie(request, rij))

    @extend_schema(
        request=DatalekWijzigSerializer,
        responses=OpenApiTypes.OBJECT,
        operation_id="datalekken_partial_update",
    )
    def patch(self, request, uuid):
        ser = DatalekWijzigSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        if not ser.validated_data:
            raise serializers.ValidationError({"body": ["Niets te wijzigen."]})
        services.wijzig(actor=actor_van(request), uuid=uuid, data=naar_service(request, ser.validated_data))
        return self.antwoord(request, uuid)


class BeoordelenSerializer(StrictSerializer):
    risico = serializers.ChoiceField(choices=policies.RISICOS, required=False)
    maatregelen = serializers.CharField(max_length=policies.MAX_TEKST, allow_blank=True, required=False)


class BeoordelenView(DatalekItemView):
    scopes = {"post": BEHEREN}

    @extend_schema(
        request=BeoordelenSerializer, responses=OpenApiTypes.OBJECT, operation_id="datalekken_beoordelen"
    )
    def post(self, request, uuid):
        ser = BeoordelenSerializer(data=request.data or {})
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        services.beoordeel(
            actor=actor_van(request), uuid=uuid, risico=v.get("risico"), maatregelen=v.get("maatregelen")
        )
        return self.antwoord(request, uuid)


class DatalekBesluitSerializer(StrictSerializer):
    melden = serializers.BooleanField()
    betrokkenenInformeren = serializers.BooleanField()
    reden = Tekst(policies.MAX_TEKST)
    gemeldOp = serializers.DateTimeField(required=False, allow_null=True)
    apKenmerk = Tekst(64)


class BesluitenView(DatalekItemView):
    scopes = {"post": BEHEREN}

    @extend_schema(
        request=DatalekBesluitSerializer, responses=OpenApiTypes.OBJECT, operation_id="datalekken_besluiten"
    )
    def post(self, request, uuid):
        ser = DatalekBesluitSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        services.besluit(
            actor=actor_van(request),
            uuid=uuid,
            melden=v["melden"],
            betrokkenen_informeren=v["betrokkenenInformeren"],
            reden=v.get("reden", ""),
            gemeld_op=v.get("gemeldOp"),
            ap_kenmerk=v.get("apKenmerk", ""),
        )
        return self.antwoord(request, uuid)


class BetrokkenenInformerenSerializer(StrictSerializer):
    datum = serializers.DateField()
    wijze = serializers.ChoiceField(choices=policies.INFORMEER_WIJZEN)
    aantal = Geheel(min_value=1, max_value=policies.MAX_AANTAL)
    toelichting = Tekst(policies.MAX_TOELICHTING)


class InformerenView(DatalekItemView):
    """GDPR art 34: the data subjects were informed (after the decision, before closing, once)."""

    scopes = {"post": BEHEREN}

    @extend_schema(
        request=BetrokkenenInformerenSerializer,
        responses=OpenApiTypes.OBJECT,
        operation_id="datalekken_informeren",
    )
    def post(self, request, uuid):
        ser = BetrokkenenInformerenSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        services.informeer(
            actor=actor_van(request),
            uuid=uuid,
            datum=v["datum"],
            wijze=v["wijze"],
            aantal=v["aantal"],
            toelichting=v.get("toelichting", ""),
        )
        return self.antwoord(request, uuid)


class AfsluitenView(DatalekItemView):
    scopes = {"post": BEHEREN}

    @extend_schema(request=LeegSerializer, responses=OpenApiTypes.OBJECT, operation_id="datalekken_afsluiten")
    def post(self, request, uuid):
        LeegSerializer(data=request.data or {}).is_valid(raise_exception=True)
        services.sluit(actor=actor_van(request), uuid=uuid)
        return self.antwoord(request, uuid)


def getroffen_representatie(request, uitkomst: selectors.Getroffen) -> dict:
    return {
        "aantallen": uitkomst.tellingen(),
        "afgekapt": any(
            len(x) > MAX_LIJST for x in (uitkomst.personen, uitkomst.records, uitkomst.ontvangers)
        ),
        "personen": [
            {"url": _url(request, f"personen/{p['uuid']}"), "uuid": p["uuid"], "naam": p["naam"]}
            for p in uitkomst.personen[:MAX_LIJST]
        ],
        "records": [
            {"type": r["type"], "uuid": r["uuid"], "aantal": r["aantal"]}
            for r in uitkomst.records[:MAX_LIJST]
        ],
        "ontvangers": [
            {
                "organisatie": _url(request, f"organisaties/{o['organisatie']}")
                if o["organisatie"]
                else None,
                "naam": o["naam"],
                "aantal": o["aantal"],
            }
            for o in uitkomst.ontvangers[:MAX_LIJST]
        ],
    }


class AnalyserenView(DatalekItemView):
    """The affected persons, records and recipients within the breach's `afbakening` (FG only, audited)."""

    scopes = {"post": BEHEREN}

    @extend_schema(
        request=LeegSerializer, responses=OpenApiTypes.OBJECT, operation_id="datalekken_analyseren"
    )
    def post(self, request, uuid):
        LeegSerializer(data=request.data or {}).is_valid(raise_exception=True)
        uitkomst = services.analyseer(actor=actor_van(request), uuid=uuid)
        return self.antwoord(request, uuid, {"getroffen": getroffen_representatie(request, uitkomst)})


U = "<uuid:uuid>"
URLS: list[URLPattern] = [
    path("datalekken", DatalekkenView.as_view()),
    path(f"datalekken/{U}", DatalekView.as_view()),
    path(f"datalekken/{U}/_beoordelen", BeoordelenView.as_view()),
    path(f"datalekken/{U}/_besluiten", BesluitenView.as_view()),
    path(f"datalekken/{U}/_informeren", InformerenView.as_view()),
    path(f"datalekken/{U}/_afsluiten", AfsluitenView.as_view()),
    path(f"datalekken/{U}/_analyseren", AnalyserenView.as_view()),
]
