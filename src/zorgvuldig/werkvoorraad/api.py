"""/api/v1/taken (API §2.1): the caller's own tasks, derived from the data (RT-12).

Open to any staff member ("publiek" among the scopes: every kind is filtered by its own module's rights
in `selectors.taken_voor`); through a partner token only the professional's VI tasks. Another user's
task is 404 like a missing one. Reading shows no client data, so it is not audited (like the overview);
dismissing is.
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from zorgvuldig.api.base import BasisView, LeegSerializer, absolute
from zorgvuldig.api.pagination import Paginering
from zorgvuldig.api.permissions import Geweigerd, actor_van
from zorgvuldig.core.errors import NotFound
from zorgvuldig.werkvoorraad import policies, selectors, services


def representatie(request, t: selectors.Taak) -> dict:
    return {
        "url": absolute(request, f"/api/v1/taken/{t.uuid}"),
        "uuid": str(t.uuid),
        "soort": t.soort,
        "soortNaam": policies.SOORTEN[t.soort].label,
        "regel": t.regel,
        "titel": t.titel,
        "wie": t.wie or None,
        "object": absolute(request, f"/api/v1/{t.object_pad}") if t.object_pad else None,
        "vervaldatum": t.vervaldatum.isoformat() if t.vervaldatum else None,
        "status": t.status,
        "afrondbaar": t.afrondbaar,
        "afgerondOp": t.afgerond_op.isoformat().replace("+00:00", "Z") if t.afgerond_op else None,
    }


def _filters(q) -> tuple[set[str], str | None]:
    statussen = {policies.OPEN, policies.TE_LAAT}
    if q.get("status"):
        gevraagd = set(q["status"].split(","))
        if not gevraagd <= set(policies.STATUSSEN):
            raise serializers.ValidationError({"status": ["Onbekende waarde."]})
        statussen = gevraagd
    return statussen, q.get("soort") or None


class _EigenTaken(BasisView):
    """Any staff member, but — like the overview page — only after the undertaking (AC-07): "publiek"
    alone would skip that check."""

    verwerkingsactiviteit = services.BEHEER

    def check_permissions(self, request):
        super().check_permissions(request)
        if getattr(request.user, "geheimhoudingsverklaring_op", True) is None:
            raise Geweigerd("E_AC_NO_UNDERTAKING", "Aanvaard eerst de geheimhoudingsverklaring (AC-07).")


class TakenView(_EigenTaken):
    """The caller's own tasks by due date; by default `open` and `te_laat` (dismissed ones with
    `status=afgerond`)."""

    scopes = {"get": "publiek"}
    filters = (
        OpenApiParameter(
            "status",
            str,
            description="open, te_laat en/of afgerond (komma-gescheiden); standaard open,te_laat",
        ),
        OpenApiParameter("soort", str, enum=sorted(policies.SOORTEN)),
    )

    @extend_schema(
        responses=OpenApiTypes.OBJECT,
        operation_id="taken_list",
    )
    def get(self, request):
        statussen, soort = _filters(request.query_params)
        taken = [
            t
            for t in selectors.taken_voor(actor_van(request), met_afgerond=policies.AFGEROND in statussen)
            if t.status in statussen and (soort is None or t.soort == soort)
        ]
        paginator = Paginering()
        page = paginator.paginate_queryset(taken, request, view=self) or []
        return paginator.get_paginated_response([representatie(request, t) for t in page])


class TaakView(_EigenTaken):
    """One of the caller's own tasks; another user's or a resolved one is 404."""

    scopes = {"get": "publiek"}

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="taken_read")
    def get(self, request, uuid):
        taak = selectors.taak_van(actor_van(request), uuid)
        if taak is None:
            raise NotFound()
        return Response(representatie(request, taak))


class AfrondenView(_EigenTaken):
    """Dismiss a reminder (`afrondbaar`); a task that asks for a decision is 409 `E_STATE_CONFLICT`."""

    scopes = {"post": "publiek"}

    @extend_schema(request=LeegSerializer, responses=OpenApiTypes.OBJECT, operation_id="taken_afronden")
    def post(self, request, uuid):
        LeegSerializer(data=request.data or {}).is_valid(raise_exception=True)
        taak = services.afronden(actor=actor_van(request), uuid=uuid)
        return Response(representatie(request, taak))
