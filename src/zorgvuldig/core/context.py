"""Who acts, for which organisation, through which channel (AC-15, AU-02).

Every service takes `actor=`. The middleware/DRF authentication builds it from the request; commands
and the worker use `Actor.systeem()`.
"""

from __future__ import annotations

import contextvars
import secrets
from dataclasses import dataclass, field
from typing import Any

_trace: contextvars.ContextVar[tuple[str, str] | None] = contextvars.ContextVar("trace", default=None)
# The path of the request being handled: a refusal's audit entry names the record it points at (AU-04).
_pad: contextvars.ContextVar[str] = contextvars.ContextVar("pad", default="")


def new_trace_id() -> str:
    return secrets.token_hex(16)


def new_span_id() -> str:
    return secrets.token_hex(8)


def set_trace(trace_id: str, span_id: str):
    return _trace.set((trace_id, span_id))


def reset_trace(token) -> None:
    _trace.reset(token)


def set_pad(pad: str):
    return _pad.set(pad)


def reset_pad(token) -> None:
    _pad.reset(token)


def huidig_pad() -> str:
    """The path of the request being handled; empty outside a request (worker, commands)."""
    return _pad.get()


def current_trace() -> tuple[str, str]:
    value = _trace.get()
    if value is None:
        value = (new_trace_id(), new_span_id())
        _trace.set(value)
    return value


@dataclass(frozen=True)
class Actor:
    """The acting user in the role of one organisation, or the system itself."""

    gebruiker: Any = None  # organisaties.Gebruiker | None (system)
    organisatie: Any = None  # organisaties.Organisatie | None
    rollen: frozenset[str] = frozenset()
    scopes: frozenset[str] = frozenset()
    kanaal: str = "ui"  # ui | api | portaal | systeem
    namens: dict = field(default_factory=dict)  # {organisatie, mandaat, vertegenwoordiger, apiToken}

    @property
    def is_systeem(self) -> bool:
        return self.gebruiker is None

    @property
    def verwerkingsverantwoordelijke_id(self) -> int | None:
        return self.organisatie.verwerkingsverantwoordelijke_id if self.organisatie else None

    @classmethod
    def systeem(cls) -> Actor:
        return cls(kanaal="systeem")

    @classmethod
    def voor(cls, gebruiker, kanaal: str = "ui", namens: dict | None = None, token_scopes=None) -> Actor:
        from zorgvuldig.toegang.scopes import scopes_voor_rollen

        rollen = frozenset(gebruiker.rollen or [])
        scopes = scopes_voor_rollen(rollen, gebruiker=gebruiker)
        if token_scopes is not None:
            scopes = scopes & frozenset(token_scopes)
        return cls(
            gebruiker=gebruiker,
            organisatie=gebruiker.organisatie,
            rollen=rollen,
            scopes=scopes,
            kanaal=kanaal,
            namens=namens or {},
        )

    @classmethod
    def portaal(cls, organisatie=None, *, hoedanigheid: str = "zelf", vertegenwoordiger: str = "") -> Actor:
        """A client or representative signed in to "Mijn gegevens" with DigiD: no staff user, no staff
        roles. `organisatie` holds the record the act concerns; its controller is named in the audit
        entry. Like the system it has no grants, so need-to-know selectors do not restrict it: the portal
        hands a service only records its own selectors matched to the client's BSN (portaal/selectors.py),
        and no staff page or API endpoint ever builds this actor."""
        namens = {"hoedanigheid": hoedanigheid}
        if vertegenwoordiger:
            namens["vertegenwoordiger"] = vertegenwoordiger
        return cls(
            organisatie=organisatie,
            rollen=frozenset({"client"}),
            scopes=frozenset({"client:eigen"}),
            kanaal="portaal",
            namens=namens,
        )

    @property
    def is_portaal(self) -> bool:
        return self.gebruiker is None and self.kanaal == "portaal"

    def heeft(self, scope: str) -> bool:
        """`a|b`: an endpoint open to either scope (own signals or the organisation's, API §2.3)."""
        return any(s in self.scopes for s in scope.split("|"))
