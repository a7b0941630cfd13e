"""structlog: one JSON object per line on stderr (stdout is for command output, API §3), no personal data.

Exceptions are logged as their type and the innermost frame only: a traceback's text or locals can hold
personal data (a BSN in a variable, a name in a message), and the log is not the place for it.
"""

from __future__ import annotations

import logging
import re
import sys
import traceback
from collections.abc import MutableMapping
from typing import Any, TextIO, cast

import structlog

# One-time secrets that travel in a URL path: the activation link `/activeren/<uuid>/<token>` (the only
# such route). The application never logs them, but Django's request log writes the path of every 4xx/5xx.
_GEHEIME_PADEN = re.compile(r"(/activeren/[^/\s\"']+/)[^\s\"'?#]+")
# A request line's query string: the demo's server (runserver) logs every request line, and a client may
# put a BSN, DigiD's artifact or OIDC's code there even though the API refuses it (security review).
_QUERY = re.compile(r"(\b(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) /[^\s?\"']*)\?[^\s\"']*")


def verberg_geheimen(tekst: str) -> str:
    """`/activeren/<uuid>/<token>` → `/activeren/<uuid>/[verborgen]`;
    `GET /pad?bsn=…` → `GET /pad?[verborgen]`."""
    if "/activeren/" in tekst:
        tekst = _GEHEIME_PADEN.sub(r"\1[verborgen]", tekst)
    return _QUERY.sub(r"\1?[verborgen]", tekst) if "?" in tekst else tekst


def _verberg_in_event(_logger, _method: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    for key, value in event.items():
        if isinstance(value, str):
            event[key] = verberg_geheimen(value)
    return event


def _veilige_fout(_logger, _method: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    exc_info = event.pop("exc_info", None)
    if exc_info is True:
        exc_info = sys.exc_info()
    if exc_info and exc_info[0] is not None:
        frames = traceback.extract_tb(exc_info[2])
        event["error_type"] = exc_info[0].__name__
        if frames:
            event["error_at"] = f"{frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno}"
        if (melding := _instellingsfout(exc_info[1])) is not None:
            event["error"] = melding
    return event


def _instellingsfout(exc: BaseException | None) -> str | None:
    """A configuration error's own message (a variable and a file name, e.g. "key file … is missing"):
    the one exception text the operator needs and that holds no personal data."""
    from django.core.exceptions import ImproperlyConfigured

    return str(exc)[:300] if isinstance(exc, ImproperlyConfigured) else None


class _Stderr:
    """Whatever sys.stderr is at the time of writing (servers, commands and tests may swap it)."""

    def write(self, text: str) -> int:
        return sys.stderr.write(text)

    def flush(self) -> None:
        sys.stderr.flush()


def configureer(level: str = "INFO") -> None:
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            _veilige_fout,
            _verberg_in_event,
            structlog.processors.JSONRenderer(),
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelNamesMapping().get(level, 20)),
        logger_factory=structlog.PrintLoggerFactory(cast(TextIO, _Stderr())),
        cache_logger_on_first_use=True,
    )


class VeiligFormatter(logging.Formatter):
    """For Django's stdlib log records: an exception becomes `ErrorType at file:line`, nothing more, and a
    one-time token in a path is left out (`verberg_geheimen`)."""

    def format(self, record: logging.LogRecord) -> str:
        return verberg_geheimen(super().format(record))

    def formatException(self, ei) -> str:
        frames = traceback.extract_tb(ei[2]) if ei and ei[2] else []
        waar = f" at {frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno}" if frames else ""
        melding = _instellingsfout(ei[1] if ei else None)
        return f"{ei[0].__name__ if ei and ei[0] else 'Error'}{waar}" + (f": {melding}" if melding else "")

    def formatStack(self, stack_info) -> str:
        return ""
