"""structlog: one JSON object per line on stderr (stdout is for command output, API §3), no personal data.

Exceptions are logged as their type and the innermost frame only: a traceback's text or locals can hold
personal data (a BSN in a variable, a name in a message), and the log is not the place for it.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import MutableMapping
from typing import Any, TextIO, cast

import structlog


def _veilige_fout(_logger, _method: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    exc_info = event.pop("exc_info", None)
    if exc_info is True:
        exc_info = sys.exc_info()
    if exc_info and exc_info[0] is not None:
        frames = traceback.extract_tb(exc_info[2])
        event["error_type"] = exc_info[0].__name__
        if frames:
            event["error_at"] = f"{frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno}"
    return event


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
            structlog.processors.JSONRenderer(),
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelNamesMapping().get(level, 20)),
        logger_factory=structlog.PrintLoggerFactory(cast(TextIO, _Stderr())),
        cache_logger_on_first_use=True,
    )


class VeiligFormatter(logging.Formatter):
    """For Django's stdlib log records: an exception becomes `ErrorType at file:line`, nothing more."""

    def formatException(self, ei) -> str:
        frames = traceback.extract_tb(ei[2]) if ei and ei[2] else []
        waar = f" at {frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno}" if frames else ""
        return f"{ei[0].__name__ if ei and ei[0] else 'Error'}{waar}"

    def formatStack(self, stack_info) -> str:
        return ""
