"""`?expand=` (API §1.1): embed the resources a representation references, under `_expand`.

`?expand=organisatie,leden.persoon` names fields of the representation, camelCase, comma-separated; a
dot goes one level deeper, at most two levels. A name points at a field whose value is a reference (a
URL, or a list of URLs). The first part of a two-part name may instead be an object or a list of objects
that holds the reference (`leden.persoon`, `bron.organisatie`); when the first part is itself a
reference, the second is expanded inside the embedded resource (`organisatie.verwerkingsverantwoordelijke`).

Where it goes: next to the reference, in the object that holds it, under `_expand.<name>` (for a list of
URLs a list in the same order); a resource embedded for a two-part name carries its own `_expand`. In a
collection (`results`) each item gets its own `_expand`.

Same visibility rules: every reference is read by calling our own view for its URL, internally, for the
same authenticated caller (same user, token, acting organisation and request headers, `Verwerkingsdoel`
included; `Accept` is always JSON), so scope, grants, 404-for-invisible, the purpose check and the
read's audit entry (or the logged refusal) happen exactly as for a direct `GET`. Anything but a 200
from that read embeds `null`: the caller learns nothing a direct `GET` would not tell (less, even: 403
and 404 look the same). A URL of another host is never fetched (`null`), nor is a URL of ours that is
not an item of the API. The same URL named more than once in a response is read once.

Bad requests are 400 `E_INVALID_INPUT` on `expand`:
- malformed, or deeper than two levels (`invalid`);
- a name the representation does not have (`unknown`). In a collection: none of the items has it, so on
  an empty page any well-formed name passes. Inside the objects a first part names (a note's `bron`),
  which differ by kind, a name none of them has is no error: nothing is embedded;
- a field that is not a reference (`invalid`), or `url` (the object itself);
- more than `MAX_OPHALINGEN` distinct reads for one response (`invalid`). The count is checked before each
  level's reads, so an excess at the first level reads nothing.
A name the representation lacks is not repeated in the problem (it could be anything typed); the reason
says which path (1st, 2nd, …) is wrong. `expand` is accepted on GET and on `POST …/_zoek`; elsewhere it is 400
(`not_allowed`). A response that is a file (CSV, PDF) is returned as it is.
"""

from __future__ import annotations

import copy
import io
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

from django.core.handlers.wsgi import WSGIRequest
from django.urls import Resolver404, get_script_prefix, resolve
from rest_framework.response import Response

from zorgvuldig.core.errors import DomainError, InvalidParam

PARAMETER = "expand"
SLEUTEL = "_expand"
MAX_DIEPTE = 2
# Distinct internal reads for one response (a page of 100 items that each reference a different person
# fits); the same URL named twice is read once.
MAX_OPHALINGEN = 100
NAAM = re.compile(r"[a-z][A-Za-z0-9]{0,63}")
ITEM = re.compile(r"/api/v1/.+/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
# Not carried over to the internal read: the body's description, and POST-only headers.
NIET_MEE = {"CONTENT_TYPE", "CONTENT_LENGTH", "HTTP_IDEMPOTENCY_KEY", "HTTP_X_CSRFTOKEN"}


def ongeldig(code: str, reden: str) -> DomainError:
    return DomainError(
        "E_INVALID_INPUT", "De parameter expand is ongeldig.", [InvalidParam(PARAMETER, code, reden)]
    )


@dataclass
class Knoop:
    """One named field; `nummer` is the first path (1-based) that named it, for the error reason."""

    nummer: int
    kinderen: dict[str, Knoop] = field(default_factory=dict)


def lees(waarden: list[str]) -> dict[str, Knoop]:
    """The named paths as a tree; `a.b` implies `a`. Malformed or too deep → 400."""
    boom: dict[str, Knoop] = {}
    nummer = 0
    for waarde in waarden:
        for pad in waarde.split(","):
            nummer += 1
            delen = pad.split(".")
            if not all(NAAM.fullmatch(deel) for deel in delen):
                raise ongeldig(
                    "invalid",
                    f"Pad {nummer}: geef namen van velden, gescheiden door komma's; een punt gaat één "
                    "niveau dieper (zoals leden.persoon).",
                )
            if len(delen) > MAX_DIEPTE:
                raise ongeldig("invalid", f"Pad {nummer}: ten hoogste {MAX_DIEPTE} niveaus diep.")
            niveau = boom
            for deel in delen:
                niveau = niveau.setdefault(deel, Knoop(nummer)).kinderen
    return boom


def is_url(waarde) -> bool:
    if not isinstance(waarde, str):
        return False
    delen = urlparse(waarde)
    return delen.scheme in {"http", "https"} and bool(delen.netloc)


def is_verwijzing(waarde) -> bool:
    """A URL, a list of URLs, or null (a reference not set, or not shown to this caller)."""
    return waarde is None or is_url(waarde) or (isinstance(waarde, list) and all(is_url(w) for w in waarde))


@dataclass
class Plek:
    """A reference to embed: `houder[naam]` is a URL, a list of URLs or null."""

    houder: dict
    naam: str
    waarde: str | list[str] | None
    kinderen: dict[str, Knoop]


def plan(houders: list[dict], boom: dict[str, Knoop], plekken: list[Plek], *, streng: bool = True) -> None:
    """Find the references `boom` names in `houders`: a representation, the items of a page, or (not
    `streng`) the objects inside them that a first part named."""
    for naam, knoop in boom.items():
        met = [h for h in houders if naam in h]
        if houders and not met and streng:
            raise ongeldig("unknown", f"Pad {knoop.nummer}: deze representatie heeft dat veld niet.")
        if naam == "url":
            raise ongeldig("invalid", f"Pad {knoop.nummer}: url is het object zelf, geen verwijzing.")
        geen_verwijzing = ongeldig("invalid", f"Pad {knoop.nummer}: {naam} is geen verwijzing.")
        binnen: list[dict] = []
        for houder in met:
            waarde = houder[naam]
            if isinstance(waarde, list) and not waarde:
                if not knoop.kinderen:
                    plekken.append(Plek(houder, naam, [], knoop.kinderen))
            elif is_verwijzing(waarde):
                plekken.append(Plek(houder, naam, waarde, knoop.kinderen))
            elif knoop.kinderen and isinstance(waarde, dict):
                binnen.append(waarde)
            elif knoop.kinderen and isinstance(waarde, list) and all(isinstance(w, dict) for w in waarde):
                binnen.extend(waarde)
            else:
                raise geen_verwijzing
        if binnen:
            # `leden.persoon`: the second part names the reference inside these objects, not in an
            # embedded resource. Such objects differ by kind (`bron.organisatie` exists for a partner
            # source only), so a name none of them has is no error: there is nothing to embed.
            plan(binnen, knoop.kinderen, plekken, streng=False)


class Uitbreider:
    """Expands one response for the caller of `request` (the DRF request of the outer call)."""

    def __init__(self, request, boom: dict[str, Knoop]):
        self.request = request
        self.boom = boom
        self.gelezen: dict[str, dict | None] = {}
        self.aantal = 0

    def pas_toe(self, data: Any) -> Any:
        data = copy.deepcopy(data)  # never change what a view may share (constants, cached lists)
        if isinstance(data, dict) and isinstance(data.get("results"), list) and "count" in data:
            houders = data["results"]
        elif isinstance(data, list):
            houders = data
        else:
            houders = [data]
        groepen: list[tuple[list[dict], dict[str, Knoop]]] = [
            ([h for h in houders if isinstance(h, dict)], self.boom)
        ]
        while groepen:
            plekken: list[Plek] = []
            for groep, boom in groepen:
                plan(groep, boom, plekken)
            self._lees_alle(plekken)
            volgende: dict[int, tuple[list[dict], dict[str, Knoop]]] = {}
            for plek in plekken:
                ingevoegd = self._invoegsel(plek.waarde)
                plek.houder.setdefault(SLEUTEL, {})[plek.naam] = ingevoegd
                if plek.kinderen:
                    lijst = ingevoegd if isinstance(ingevoegd, list) else [ingevoegd]
                    groep = volgende.setdefault(id(plek.kinderen), ([], plek.kinderen))[0]
                    groep.extend(d for d in lijst if isinstance(d, dict))
            groepen = list(volgende.values())
        return data

    def _invoegsel(self, waarde):
        if isinstance(waarde, list):
            return [copy.deepcopy(self.gelezen.get(url)) for url in waarde]
        return copy.deepcopy(self.gelezen.get(waarde)) if waarde is not None else None

    def _lees_alle(self, plekken: list[Plek]) -> None:
        urls: dict[str, None] = {}
        for plek in plekken:
            for url in plek.waarde if isinstance(plek.waarde, list) else [plek.waarde]:
                if url is not None and url not in self.gelezen:
                    urls[url] = None
        doelen = {url: self._doel(url) for url in urls}
        te_lezen = [url for url, doel in doelen.items() if doel is not None]
        if self.aantal + len(te_lezen) > MAX_OPHALINGEN:
            raise ongeldig(
                "invalid",
                f"Te veel verwijzingen om in te voegen: ten hoogste {MAX_OPHALINGEN} per antwoord. "
                "Vraag een kleinere pagina (pageSize) of minder namen.",
            )
        self.aantal += len(te_lezen)
        for url, doel in doelen.items():
            self.gelezen[url] = self._lees(*doel) if doel is not None else None

    def _doel(self, url: str):
        """The path and resolved view of an item of this API on this host; None for anything else."""
        from zorgvuldig.api.base import BasisView

        delen = urlparse(url)
        buiten = self.request._request
        if delen.netloc != buiten.get_host() or delen.query or delen.params or delen.fragment:
            return None  # another server's URL is never fetched
        pad = delen.path
        prefix = get_script_prefix().rstrip("/")
        if prefix and pad.startswith(prefix + "/"):
            pad = pad[len(prefix) :]
        if not ITEM.fullmatch(pad):
            return None
        try:
            match = resolve(pad)
        except Resolver404:
            return None
        view_class = getattr(match.func, "view_class", None)
        if not (
            isinstance(view_class, type) and issubclass(view_class, BasisView) and hasattr(view_class, "get")
        ):
            return None
        return pad, match

    def _lees(self, pad: str, match) -> dict | None:
        """GET `pad` through its own view, as the same caller: what a direct GET would show, or None."""
        buiten = self.request._request
        environ = {k: v for k, v in buiten.META.items() if k not in NIET_MEE}
        environ.update(
            {
                "REQUEST_METHOD": "GET",
                "PATH_INFO": pad,
                "QUERY_STRING": "",
                "CONTENT_LENGTH": "0",
                "wsgi.input": io.BytesIO(b""),
                # What is embedded is JSON: never a file, nor a one-time CSV fetch (an export) used up
                # because the caller's Accept also named text/csv.
                "HTTP_ACCEPT": "application/json",
            }
        )
        environ.setdefault("wsgi.url_scheme", buiten.scheme)
        binnen: Any = WSGIRequest(environ)  # carries DRF's forced-authentication attributes below
        binnen.resolver_match = match
        binnen.user = self.request.user
        if hasattr(buiten, "session"):
            binnen.session = buiten.session
        # The caller is already authenticated (both factors, or a token with Namens-Gebruiker): the read
        # runs for that same user and token (DRF's forced authentication), not for a fresh credential.
        binnen._force_auth_user = self.request.user
        binnen._force_auth_token = self.request.auth
        # A refusal inside names the record of this read, not the outer request's (AU-02, AU-04).
        from zorgvuldig.core.context import reset_pad, set_pad

        token = set_pad(pad)
        try:
            antwoord = match.func(binnen, *match.args, **match.kwargs)
        finally:
            reset_pad(token)
        if not isinstance(antwoord, Response) or antwoord.status_code != 200:
            return None
        return antwoord.data if isinstance(antwoord.data, dict) else None


def omhul(view, request) -> None:
    """Wrap the view's handler for this request: expand after the view answered. Wrapping (instead of
    working in `initial`) keeps API §1.4's order: an invisible item is 404 whatever `expand` says."""
    methode = request.method.lower()
    handler = getattr(view, methode, None)
    if handler is None:
        return  # 405 follows

    def met_expand(req, *args, **kwargs):
        if methode not in {"get", "head"} and not (methode == "post" and req.path.endswith("/_zoek")):
            raise DomainError(
                "E_INVALID_INPUT",
                "De parameter expand is hier niet toegestaan.",
                [InvalidParam(PARAMETER, "not_allowed", "Alleen bij GET en bij POST …/_zoek.")],
            )
        boom = lees(req.query_params.getlist(PARAMETER))
        # The handlers never see the parameter: views that refuse unknown parameters (VI-01, retention,
        # reports) would take it for a filter. `next`/`previous` links keep it (the full query string).
        zonder = req._request.GET.copy()
        zonder.pop(PARAMETER, None)
        zonder._mutable = False
        req._request.GET = zonder
        response = handler(req, *args, **kwargs)
        if (
            isinstance(response, Response)
            and response.status_code == 200
            and isinstance(response.data, dict | list)
        ):
            response.data = Uitbreider(req, boom).pas_toe(response.data)
        return response

    setattr(view, methode, met_expand)
