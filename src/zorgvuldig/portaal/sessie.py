"""Who is signed in to "Mijn gegevens": the client's identity in the session, never a staff user.

DigiD tells us a BSN. The session keeps only its blind indexes (one per key version, so records stored
under an older key are found during a rotation) — never the BSN itself (DESIGN §5.6) — with the moments
of log-in and of the last request. A session is a portal session or a staff session, never both: the
portal refuses a signed-in staff user, and a staff log-in forgets the portal identity (apps.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings

from zorgvuldig.core import crypto
from zorgvuldig.core.clock import now
from zorgvuldig.portaal import policies

SLEUTEL = "zv_portaal"


@dataclass(frozen=True)
class Identiteit:
    indexen: tuple[str, ...]  # blind indexes of the BSN DigiD gave, newest key version first
    sinds: dt.datetime
    niveau: str  # "mock" (demo and tests) | "digid"


def indexen_van(bsn: str) -> tuple[str, ...]:
    return tuple(crypto.blind_index_candidates(bsn))


def vestig(request, indexen: tuple[str, ...], niveau: str) -> Identiteit:
    """After DigiD: a new session key (no session fixation), then the identity."""
    request.session.cycle_key()
    moment = now()
    identiteit = Identiteit(tuple(indexen), moment, niveau)
    request.session[SLEUTEL] = {
        "indexen": list(identiteit.indexen),
        "sinds": moment.isoformat(),
        "laatst": moment.isoformat(),
        "niveau": niveau,
    }
    return identiteit


def huidige(request, *, bijwerken: bool = True) -> Identiteit | None:
    """The signed-in client, or None (not signed in, a staff session, or expired — then forgotten)."""
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        return None
    data = request.session.get(SLEUTEL) if hasattr(request, "session") else None
    if not data:
        return None
    moment = now()
    begonnen = dt.datetime.fromisoformat(data["sinds"])
    if policies.sessie_verlopen(
        begonnen=begonnen,
        laatst_actief=dt.datetime.fromisoformat(data["laatst"]),
        nu=moment,
        inactief_max=dt.timedelta(seconds=settings.PORTAAL_INACTIEF_SECONDEN),
        duur_max=dt.timedelta(seconds=settings.SESSION_COOKIE_AGE),
    ):
        vergeet(request)
        return None
    if bijwerken:
        data["laatst"] = moment.isoformat()
        request.session[SLEUTEL] = data
    return Identiteit(tuple(data["indexen"]), begonnen, data.get("niveau", ""))


def vergeet(request) -> None:
    """Log out of the portal: the whole session goes (flush also renews the key)."""
    if hasattr(request, "session") and SLEUTEL in request.session:
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            request.session.pop(SLEUTEL, None)  # a staff log-in keeps its own session
        else:
            request.session.flush()
