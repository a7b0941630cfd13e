"""Strict JSON input: NUL bytes, lone surrogates, NaN and non-object bodies are 400, not 500."""

from __future__ import annotations

import json

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


def _reject_constant(name: str):
    raise ValueError(f"{name} is not allowed")


class StrictJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        raw = stream.read() if stream is not None else b""
        if not raw:
            return {}
        try:
            text = raw.decode("utf-8")
            if "\x00" in text:
                raise ValueError("NUL")
            data = json.loads(text, parse_constant=_reject_constant)
            json.dumps(data).encode("utf-8")  # lone surrogates would fail later in the database
        except (UnicodeError, ValueError) as exc:
            raise ParseError("invalid JSON") from exc
        if _has_nul_or_surrogate(data):
            raise ParseError("invalid characters")
        return data


def _has_nul_or_surrogate(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value or any(0xD800 <= ord(c) <= 0xDFFF for c in value)
    if isinstance(value, dict):
        return any(_has_nul_or_surrogate(k) or _has_nul_or_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul_or_surrogate(v) for v in value)
    return False
