import base64
import binascii
import datetime as dt
import re
import uuid as uuidlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from zorgvuldig.core.database import vastgelegd_tot
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


# --- polling with a cursor (docs/integrators.md, ADR 0006) -------------------------------------------------

CURSOR = "cursor"
_CURSOR_TEKENS = re.compile(r"[A-Za-z0-9_-]{1,200}")
_CURSOR_VERSIE = "1"


@dataclass(frozen=True, order=True)
class Positie:
    """A place in a list ordered by (gewijzigd, uuid), ascending: a total order, so a poller that asks for
    what comes after its place neither skips a record nor gets one twice. A record that changes moves to
    the end (its `gewijzigd` moves on), so it comes again — as a change should. `uuid` "" stands before
    every record changed at that very moment (an inclusive `…Vanaf`)."""

    gewijzigd: dt.datetime
    uuid: str = ""


def positie_van(obj) -> Positie:
    return Positie(obj.gewijzigd, str(obj.uuid))


def maak_cursor(positie: Positie) -> str:
    """Opaque to the client; it holds only what the page it came from showed (a moment and a uuid)."""
    tekst = f"{_CURSOR_VERSIE}|{positie.gewijzigd.astimezone(dt.UTC).isoformat()}|{positie.uuid}"
    return base64.urlsafe_b64encode(tekst.encode()).decode().rstrip("=")


def lees_cursor(params) -> Positie | None:
    """The `cursor` parameter, or None when absent; anything this server did not hand out is a 400 on it."""
    waarde = params.get(CURSOR)
    if waarde is None:
        return None
    try:
        if not _CURSOR_TEKENS.fullmatch(waarde):
            raise ValueError(waarde)
        tekst = base64.urlsafe_b64decode(waarde + "=" * (-len(waarde) % 4)).decode("ascii")
        versie, moment, uuid = tekst.split("|")
        gewijzigd = dt.datetime.fromisoformat(moment)
        if versie != _CURSOR_VERSIE or gewijzigd.tzinfo is None or not 1900 <= gewijzigd.year <= 2999:
            raise ValueError(tekst)
        positie = Positie(gewijzigd, str(uuidlib.UUID(uuid)) if uuid else "")
    except (ValueError, UnicodeDecodeError, binascii.Error) as exc:
        raise DomainError(
            "E_INVALID_INPUT",
            "Ongeldige cursor.",
            [
                InvalidParam(
                    CURSOR,
                    "invalid",
                    "Geen cursor uit een eerder antwoord; begin zonder cursor of met gewijzigdVanaf.",
                )
            ],
        ) from exc
    return positie


class PositiePaginering(Paginering):
    """Pages of a list in (gewijzigd, uuid) order, for polling. `?cursor=` (from an earlier answer) gives
    what comes after it; without it `page` works as on every list (API §1.2). Either way `next` is a
    cursor link from the last record of this page, and the body's `cursor` is where to poll from later: a
    record that changes between two reads moves behind the cursor instead of shifting a page boundary
    (which with page numbers skipped a record). `start` names the list's `…Vanaf` filter (inclusive)."""

    def __init__(self, start: str, sleutel: Callable[[Any], Positie] = positie_van):
        # Before the rows are read: every change stamped up to here has committed and so is in them.
        self.vastgelegd = Positie(vastgelegd_tot())
        self.start = start
        self.sleutel = sleutel
        self.na: Positie | None = None
        self.met_cursor = False
        self.pagina: list = []

    def pagineer(self, rijen, request, view, *, vanaf: dt.datetime | None) -> list:
        self.request = request
        na = lees_cursor(request.query_params)
        self.met_cursor = na is not None
        if self.met_cursor:
            fouten = [
                InvalidParam(naam, "not_allowed", "Niet samen met cursor: de cursor zegt waar u bent.")
                for naam in ("page", self.start)
                if naam in request.query_params
            ]
            if fouten:
                raise DomainError("E_INVALID_INPUT", "Ongeldige paginering.", fouten)
        elif vanaf is not None:
            na = Positie(vanaf)  # inclusive: before every record changed at that moment
        self.na = na
        rest = sorted((r for r in rijen if na is None or self.sleutel(r) > na), key=self.sleutel)
        self.pagina = list(self.paginate_queryset(rest, request, view=view) or [])
        return self.pagina

    def _na_pagina(self) -> Positie | None:
        """After the last record of this page; on an empty page where the reader already stood."""
        return self.sleutel(self.pagina[-1]) if self.pagina else self.na

    def cursor(self) -> str | None:
        """Where to poll from later: after this page, but never past a change that may still commit with
        an earlier stamp (core.database.vastgelegd_tot). A change read after that point comes again in
        the next poll — at least once, never lost."""
        na = self._na_pagina()
        return maak_cursor(min(na, self.vastgelegd)) if na is not None else None

    def get_next_link(self):
        """The rest of this read: straight after this page (the body's `cursor` may lie before it)."""
        if not self.page.has_next():
            return None
        url = remove_query_param(self.request.build_absolute_uri(), self.page_query_param)
        url = remove_query_param(url, self.start)
        return replace_query_param(url, CURSOR, maak_cursor(self.sleutel(self.pagina[-1])))

    def get_previous_link(self):
        return None if self.met_cursor else super().get_previous_link()

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data["cursor"] = self.cursor()
        return response
