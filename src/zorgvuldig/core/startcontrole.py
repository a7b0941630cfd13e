"""Start-up checks of the set-up: the key files and the database role (docs/operators.md).

They are Django system checks (`zorgvuldig check`, `runserver`, and every command that runs the checks:
`worker`, `scheduler`, `tick`, …), and gunicorn runs them when it loads the application
(`conf/wsgi.py: weiger_bij_fouten`), because gunicorn runs no system checks of its own. `/health` reports
the same findings (core/views.py). `migrate` runs as the owner of the tables and is exempt from the role
check (core/management/commands/migrate.py).
"""

from __future__ import annotations

import contextlib
import stat
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connections

TAG = "zorgvuldig_start"

_als_eigenaar = False  # set while `migrate` runs: it runs as the owner of the tables on purpose


@contextlib.contextmanager
def als_eigenaar() -> Iterator[None]:
    """The role check does not apply inside this block (`migrate`)."""
    global _als_eigenaar
    vorige, _als_eigenaar = _als_eigenaar, True
    try:
        yield
    finally:
        _als_eigenaar = vorige


@dataclass(frozen=True)
class Bevinding:
    fout: bool  # an error refuses the start; otherwise a warning
    id: str
    tekst: str


def modus_bezwaar(modus: int, productie: bool) -> Bevinding | None:
    """A key file's permission bits: others may not touch it at all (an error in production: anyone on
    the machine could read every BSN with a database copy), the group should not (a warning)."""
    if modus & 0o007:
        return Bevinding(
            productie, "zorgvuldig.E021" if productie else "zorgvuldig.W021", "is world-readable"
        )
    if modus & 0o070:
        return Bevinding(False, "zorgvuldig.W022", "is readable by its group")
    return None


def _sleutelbestand(variabele: str, pad: str, lezer: Callable[[Path], object]) -> list[Bevinding]:
    productie = settings.PRODUCTION
    if not pad:
        return [Bevinding(True, "zorgvuldig.E020", f"{variabele} is not set")] if productie else []
    path = Path(pad)
    try:
        info = path.stat()
    except FileNotFoundError:
        if not productie:
            return []  # demo and test mode make it on first use
        return [Bevinding(True, "zorgvuldig.E020", f"{variabele}: key file {pad} is missing")]
    except OSError as exc:
        return [Bevinding(True, "zorgvuldig.E020", f"{variabele}: key file {pad}: {exc.strerror}")]
    if not stat.S_ISREG(info.st_mode):
        return [Bevinding(True, "zorgvuldig.E020", f"{variabele}: {pad} is not a file")]
    bevindingen = []
    if (bezwaar := modus_bezwaar(stat.S_IMODE(info.st_mode), productie)) is not None:
        modus = oct(stat.S_IMODE(info.st_mode))[2:].zfill(4)
        tekst = f"{variabele}: key file {pad} {bezwaar.tekst} (mode {modus}); chmod 0600 it"
        bevindingen.append(Bevinding(bezwaar.fout, bezwaar.id, tekst))
    try:
        lezer(path)
    except ImproperlyConfigured as exc:
        bevindingen.append(Bevinding(True, "zorgvuldig.E020", f"{variabele}: {exc}"))
    return bevindingen


def sleutelbevindingen() -> list[Bevinding]:
    """The KEK and the blind-index key file: set, present, readable by this user, well-formed and not
    readable by others. Without them the first BSN registration fails (DESIGN §4 Keys)."""
    from zorgvuldig.core import crypto

    return _sleutelbestand("ZORGVULDIG_KEK_FILE", settings.KEK_FILE, crypto.lees_kek) + _sleutelbestand(
        "ZORGVULDIG_BLIND_INDEX_KEY_FILE", settings.BLIND_INDEX_KEY_FILE, crypto.lees_blind_keys
    )


def rolbevindingen() -> list[Bevinding] | None:
    """The database role (core.database.runtime_rol_bezwaren); None where not checked."""
    if _als_eigenaar:
        return None
    from zorgvuldig.core.database import runtime_rol_bezwaren

    bezwaren = runtime_rol_bezwaren()
    if bezwaren is None:
        return None
    return [Bevinding(True, "zorgvuldig.E030", tekst) for tekst in bezwaren]


ROL_HINT = (
    "Connect as the runtime role (the one named in ZORGVULDIG_DB_RUNTIME_ROLE when migrate ran): not a "
    "superuser, no BYPASSRLS, not the owner of the tables. The owner role is for `zorgvuldig migrate` only."
)


def _bericht(b: Bevinding, hint: str | None = None) -> checks.CheckMessage:
    return (checks.Error if b.fout else checks.Warning)(b.tekst, hint=hint, id=b.id)


@checks.register("zorgvuldig", TAG)
def check_sleutelbestanden(app_configs=None, **kwargs):
    return [_bericht(b) for b in sleutelbevindingen()]


@checks.register("zorgvuldig", TAG)
def check_databaserol(app_configs=None, **kwargs):
    try:
        bevindingen = rolbevindingen()
    except DatabaseError as exc:  # the database is down: /health says so; do not block on it here
        melding = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return [checks.Warning(f"the database role could not be checked: {melding}", id="zorgvuldig.W030")]
    return [_bericht(b, ROL_HINT) for b in bevindingen or []]


def weiger_bij_fouten() -> None:
    """gunicorn (conf/wsgi.py): refuse to serve with an error among the start-up checks. One line on
    stderr, then ImproperlyConfigured, which makes gunicorn stop ("Worker failed to boot")."""
    try:
        fouten = [m for m in checks.run_checks(tags=[TAG]) if m.level >= checks.ERROR and not m.is_silenced()]
    finally:
        # gunicorn --preload forks after this: no worker may inherit the connection the check opened
        connections.close_all()
    if fouten:
        tekst = "; ".join(f"{m.id}: {m.msg}" for m in fouten)
        sys.stderr.write(f"zorgvuldig: refusing to start: {tekst}\n")
        raise ImproperlyConfigured(tekst)


def toestand() -> dict:
    """For /health: `sleutelbestanden` ok/waarschuwing/fout and `databaseRol` ok/onveilig/onbekend (None:
    not checked). Detail is left to `zorgvuldig check`: /health is unauthenticated."""
    sleutels = sleutelbevindingen()
    data: dict = {
        "sleutelbestanden": "fout"
        if any(b.fout for b in sleutels)
        else ("waarschuwing" if sleutels else "ok"),
    }
    try:
        rol = rolbevindingen()
    except DatabaseError:
        data["databaseRol"] = "onbekend"
    else:
        data["databaseRol"] = None if rol is None else ("onveilig" if rol else "ok")
    return data
