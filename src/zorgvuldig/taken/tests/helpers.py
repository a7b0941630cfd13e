from __future__ import annotations

import io
import json

from django.core.management import call_command


def draai(*args: str) -> tuple[int, str]:
    """Run a command as cron would: (exit code, stdout)."""
    out = io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=io.StringIO())
    except SystemExit as exc:
        return (exc.code if isinstance(exc.code, int) else 1), out.getvalue()
    return 0, out.getvalue()


def draai_json(*args: str) -> tuple[int, dict]:
    code, out = draai(*args, "--json")
    return code, json.loads(out)
