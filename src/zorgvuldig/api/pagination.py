import re

from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from zorgvuldig.core.errors import DomainError, InvalidParam

GETAL = re.compile(r"[1-9][0-9]{0,8}")


class Paginering(PageNumberPagination):
    """`page` from 1, `pageSize` 20 (max 100), `Link` header too (API §1.2)."""

    page_size = 20
    page_size_query_param = "pageSize"
    max_page_size = 100

    def paginate_queryset(self, queryset, request, view=None):
        """A page or page size that is no positive whole number, or a page past the last, is a 400 on
        that parameter (API §1.5) — not DRF's 404, which the API keeps for a missing or hidden record,
        nor a silent fall-back to the default size. A size above 100 is read as 100."""
        fouten = [
            InvalidParam(naam, "invalid", "Een geheel getal vanaf 1.")
            for naam in ("page", "pageSize")
            if (waarde := request.query_params.get(naam)) is not None and not GETAL.fullmatch(waarde)
        ]
        if fouten:
            raise DomainError("E_INVALID_INPUT", "Ongeldige paginering.", fouten)
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound as exc:
            raise DomainError(
                "E_INVALID_INPUT",
                "Ongeldige paginering.",
                [InvalidParam("page", "invalid", "Deze pagina ligt na de laatste.")],
            ) from exc

    def get_paginated_response(self, data):
        links = []
        if (nxt := self.get_next_link()) is not None:
            links.append(f'<{nxt}>; rel="next"')
        if (prev := self.get_previous_link()) is not None:
            links.append(f'<{prev}>; rel="prev"')
        headers = {"Link": ", ".join(links)} if links else None
        return Response(
            {"count": self.page.paginator.count, "next": nxt, "previous": prev, "results": data},
            headers=headers,
        )

    @classmethod
    def antwoord(cls, qs, request, view, serializer_class) -> Response:
        """One page of `qs`, serialized, as the paginated response (the common list view)."""
        paginator = cls()
        page: list = paginator.paginate_queryset(qs, request, view=view) or []
        return paginator.get_paginated_response(
            serializer_class(page, many=True, context={"request": request}).data
        )

    @classmethod
    def lijst(cls, rijen: list, request, view) -> Response:
        """One page of already-rendered rows (views whose rows are dicts, not model instances)."""
        paginator = cls()
        page: list = paginator.paginate_queryset(rijen, request, view=view) or []
        return paginator.get_paginated_response(page)

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["count", "results"],
            "properties": {
                "count": {"type": "integer"},
                "next": {"type": "string", "format": "uri", "nullable": True},
                "previous": {"type": "string", "format": "uri", "nullable": True},
                "results": schema,
            },
        }
