"""/api/v1/auditregels, /auditcontrolepunten and the `…/audittrail` paths (API §2.10): read-only,
audit:lezen."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.response import Response

from zorgvuldig.api import parameters
from zorgvuldig.api.base import BasisView, Bsn, ItemView, StrictSerializer, absolute, uuid_uit_url
from zorgvuldig.api.pagination import Paginering
from zorgvuldig.api.permissions import actor_van
from zorgvuldig.audit import selectors
from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.core.errors import NotFound
from zorgvuldig.dossiers.models import Dossier
from zorgvuldig.personen.selectors import personen_voor_audit
from zorgvuldig.rechten.models import Verzoek
from zorgvuldig.toestemmingen.models import Toestemming
from zorgvuldig.verstrekkingen.models import Deelbesluit


class AuditRegelSerializer(serializers.Serializer):
    def to_representation(self, r: AuditRegel):
        zegel = getattr(r, "zegel", None)
        return {
            "url": absolute(self.context.get("request"), f"/api/v1/auditregels/{r.uuid}"),
            "uuid": str(r.uuid),
            "traceId": r.trace_id,
            "spanId": r.span_id,
            "verwerkingsactiviteit": r.verwerkingsactiviteit,
            "betrokkene": r.betrokkene or None,
            "status": r.status,
            "code": r.code or None,
            "tijdstip": r.tijdstip.isoformat().replace("+00:00", "Z"),
            "actor": {
                "gebruiker": r.actor_gebruiker or None,
                "functie": r.actor_functie,
                "rol": r.actor_rol,
                "organisatie": r.actor_organisatie or None,
            },
            "namens": r.namens,
            "actie": r.actie,
            "object": {"type": r.object_type, "uuid": r.object_uuid} if r.object_uuid else None,
            "velden": r.velden,
            "toegang": r.toegang or None,
            "doel": r.doel,
            "grondslag": r.grondslag,
            "koppeling": r.koppeling,
            "kanaal": r.kanaal,
            "volgnummer": zegel.volgnummer if zegel else None,
            "vorigeHash": zegel.vorige_hash if zegel else None,
            "hash": zegel.hash if zegel else None,
        }


class AuditZoekSerializer(StrictSerializer):
    persoon = serializers.CharField(max_length=300, required=False)
    bsn = Bsn(required=False)
    actie = serializers.CharField(required=False, max_length=64)
    status = serializers.ChoiceField(choices=["uitgevoerd", "geweigerd"], required=False)

    def validate(self, attrs):
        if bool(attrs.get("persoon")) == bool(attrs.get("bsn")):
            raise serializers.ValidationError("Zoek op persoon (URL) of op bsn.")
        return attrs


AUDIT_FILTERS = (
    OpenApiParameter("tijdstipVanaf", OpenApiTypes.DATETIME, description="From (RFC 3339)."),
    OpenApiParameter("tijdstipTot", OpenApiTypes.DATETIME, description="Until (RFC 3339)."),
    OpenApiParameter("actie", str, description="Action (closed vocabulary)."),
    OpenApiParameter("actor", OpenApiTypes.UUID, description="Acting user (uuid)."),
    OpenApiParameter("object", OpenApiTypes.UUID, description="Object (uuid)."),
    OpenApiParameter("status", str, enum=["uitgevoerd", "geweigerd"], description="uitgevoerd or geweigerd."),
    OpenApiParameter("toegang", OpenApiTypes.UUID, description="The grant (uuid)."),
    OpenApiParameter("traceId", str, description="Trace id."),
)
# A record's trail: its path already names the object.
TRAIL_FILTERS = tuple(f for f in AUDIT_FILTERS if f.name != "object")


def _geldige_filters(params, filters: tuple[OpenApiParameter, ...] = AUDIT_FILTERS) -> dict:
    import uuid

    out = {}
    for key in (f.name for f in filters):
        value = params.get(key)
        if not value:
            continue
        if key in {"tijdstipVanaf", "tijdstipTot"}:
            parameters.tijdstip(params, key, tijdzone_verplicht=False)
        try:
            if key in {"actor", "object", "toegang"}:
                uuid.UUID(value)
        except ValueError as exc:
            raise serializers.ValidationError({key: ["Ongeldige waarde."]}) from exc
        out[key] = value[:64]
    return out


class AuditRegelsView(BasisView):
    scopes = {"get": "audit:lezen"}
    verwerkingsactiviteit = "verantwoording-toezicht"
    filters = AUDIT_FILTERS

    @extend_schema(responses=AuditRegelSerializer(many=True), operation_id="auditregels_list")
    def get(self, request):
        actor = actor_van(request)
        params = _geldige_filters(request.query_params)
        qs, grant = selectors.regels_zichtbaar_voor(actor)
        selectors.log_doorzoeken(actor, grant, params)
        paginator = Paginering()
        page = paginator.paginate_queryset(
            selectors.filter_regels(qs, params).order_by("-id"), request, view=self
        )
        return paginator.get_paginated_response(
            AuditRegelSerializer(page, many=True, context={"request": request}).data
        )


class AuditRegelView(BasisView):
    scopes = {"get": "audit:lezen"}
    verwerkingsactiviteit = "verantwoording-toezicht"

    @extend_schema(responses=AuditRegelSerializer, operation_id="auditregels_read")
    def get(self, request, uuid):
        actor = actor_van(request)
        qs, grant = selectors.regels_zichtbaar_voor(actor, strikt=False)
        regel = qs.filter(uuid=uuid).first()
        if regel is None:
            raise NotFound()
        selectors.log_doorzoeken(actor, grant, {"object": str(uuid)})
        return Response(AuditRegelSerializer(regel, context={"request": request}).data)


class AuditZoekView(BasisView):
    scopes = {"post": "audit:lezen"}
    verwerkingsactiviteit = "verantwoording-toezicht"

    @extend_schema(
        request=AuditZoekSerializer,
        responses=AuditRegelSerializer(many=True),
        operation_id="auditregels_zoek",
    )
    def post(self, request):
        actor = actor_van(request)
        ser = AuditZoekSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        d = ser.validated_data
        if d.get("persoon"):
            personen = personen_voor_audit(actor, uuid=uuid_uit_url(d["persoon"], request=request))
            if not personen:
                raise NotFound()
        else:
            personen = personen_voor_audit(actor, bsn=d["bsn"])
        qs = selectors.zoek_op_personen(
            actor,
            personen,
            {k: v for k, v in d.items() if k not in {"persoon", "bsn"}},
            bsn=d.get("bsn", ""),
        )
        paginator = Paginering()
        page = paginator.paginate_queryset(qs.order_by("-id"), request, view=self)
        return paginator.get_paginated_response(
            AuditRegelSerializer(page, many=True, context={"request": request}).data
        )


class _TrailView(ItemView):
    """An `…/audittrail` path (AU-05): the record is looked up in the reader's circle, not by grant."""

    scopes = {"get": "audit:lezen"}
    verwerkingsactiviteit = "verantwoording-toezicht"

    def zichtbaar(self, actor, uuid) -> None:
        # A method this view lacks passes the scope check (DRF then answers 405). Looking the record up
        # for it would let 404-or-405 tell a user without audit:lezen which records exist.
        if not hasattr(self, (self.request.method or "").lower()):
            return
        # an auditor without a valid AC-09 grant sees no entry at all: every trail is 404 to him (API §1.4,
        # item path), before any look-up, so the answer does not tell which records exist
        zichtbaar, _grant = selectors.regels_zichtbaar_voor(actor, strikt=False)
        if zichtbaar.query.is_empty():
            raise NotFound()
        self.zoek_record(actor, uuid)

    def zoek_record(self, actor, uuid) -> None:
        raise NotImplementedError

    def pagina(self, request, qs):
        paginator = Paginering()
        page = paginator.paginate_queryset(qs.order_by("-id"), request, view=self)
        data = AuditRegelSerializer(page, many=True, context={"request": request}).data
        return paginator.get_paginated_response(data)


class AuditTrailView(_TrailView):
    """`GET /personen/{uuid}/audittrail`: the log entries about one person (AU-05)."""

    filters = AUDIT_FILTERS

    def zoek_record(self, actor, uuid) -> None:
        self.personen = personen_voor_audit(actor, uuid=uuid)  # looked up once, used by get()
        if not self.personen:
            raise NotFound()

    # OBJECT: api/schema.py wraps it in the page envelope (the fieldless serializer gave no body at all)
    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="personen_audittrail")
    def get(self, request, uuid):
        actor = actor_van(request)
        qs = selectors.zoek_op_personen(actor, self.personen, _geldige_filters(request.query_params))
        return self.pagina(request, qs)


class _RecordTrailView(_TrailView):
    """A record's trail: the entries whose object it is (AU-05). A record outside the reader's circle
    answers 404 like a missing one."""

    model: type
    filters = TRAIL_FILTERS

    def zoek_record(self, actor, uuid) -> None:
        self.rij = selectors.object_voor_audit(actor, self.model, uuid)
        if self.rij is None:
            raise NotFound()

    def betrokkenen(self, rij) -> list:
        """The subjects the record's own entries name: the trail read is an entry about them too."""
        raise NotImplementedError

    def get(self, request, uuid):
        actor = actor_van(request)
        params = _geldige_filters(request.query_params, TRAIL_FILTERS)
        return self.pagina(
            request, selectors.zoek_op_object(actor, self.rij, self.betrokkenen(self.rij), params)
        )


def _trail_schema(operation_id: str):
    return extend_schema_view(get=extend_schema(responses=OpenApiTypes.OBJECT, operation_id=operation_id))


@_trail_schema("dossiers_audittrail")
class DossierTrailView(_RecordTrailView):
    """`GET /dossiers/{uuid}/audittrail`: the dossier's entries (AU-05), its notes, plans and other items
    included: they are recorded on the dossier."""

    model = Dossier

    def betrokkenen(self, rij) -> list:
        from zorgvuldig.dossiers.selectors import personen

        return personen(rij)


@_trail_schema("toestemmingen_audittrail")
class ToestemmingTrailView(_RecordTrailView):
    """`GET /toestemmingen/{uuid}/audittrail`: the consent's entries (AU-05)."""

    model = Toestemming

    def betrokkenen(self, rij) -> list:
        return [rij.betrokkene]


@_trail_schema("deelbesluiten_audittrail")
class DeelbesluitTrailView(_RecordTrailView):
    """`GET /deelbesluiten/{uuid}/audittrail`: the sharing decision's entries (AU-05)."""

    model = Deelbesluit

    def betrokkenen(self, rij) -> list:
        from zorgvuldig.dossiers.selectors import personen

        return personen(rij.dossier)  # as the decision's own entries (deelbesluiten._betrokkenen)


@_trail_schema("verzoeken_audittrail")
class VerzoekTrailView(_RecordTrailView):
    """`GET /verzoeken/{uuid}/audittrail`: the rights request's entries (AU-05)."""

    model = Verzoek

    def betrokkenen(self, rij) -> list:
        from zorgvuldig.rechten.selectors import vul_aan

        rij = vul_aan([rij])[0]  # subject and requester may be records of another organisation
        return [rij.persoon, *([rij.indiener] if rij.indiener else [])]


class ControlepuntenView(BasisView):
    scopes = {"get": "audit:lezen"}
    verwerkingsactiviteit = "verantwoording-toezicht"

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="auditcontrolepunten_list")
    def get(self, request):
        actor = actor_van(request)
        _, grant = selectors.regels_zichtbaar_voor(actor)  # auditor: only within a valid statutory grant
        selectors.log_doorzoeken(actor, grant, {"controlepunten": True})
        paginator = Paginering()
        page = paginator.paginate_queryset(
            selectors.controlepunten().order_by("volgnummer"), request, view=self
        )
        data = [
            {
                "volgnummer": c.volgnummer,
                "aantal": c.aantal,
                "hash": c.hash,
                "tijdstip": c.tijdstip,
                "handtekening": c.handtekening,
                "sleutelId": c.sleutel_id,
            }
            for c in page
        ]
        return paginator.get_paginated_response(data)
