"""Strict JSON input: NUL bytes, lone surrogates, NaN, duplicate keys, nesting deeper than any body of the
API and non-object bodies are 400, not 500."""

from __future__ import annotations

import json

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_DIEPTE = 32  # far deeper than any body of the API; deeper input only costs the server


def _reject_constant(name: str):
    raise ValueError(f"{name} is not allowed")


def _zonder_dubbele_sleutels(paren: list) -> dict:
    # a key given twice is ambiguous: a partner must not have one value checked and the other stored
    uit = dict(paren)
    if len(uit) != len(paren):
        raise ValueError("duplicate key")
    return uit


class StrictJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        raw = stream.read() if stream is not None else b""
        if not raw:
            return {}
        try:
            text = raw.decode("utf-8")
            if "\x00" in text:
                raise ValueError("NUL")
            data = json.loads(
                text, parse_constant=_reject_constant, object_pairs_hook=_zonder_dubbele_sleutels
            )
            json.dumps(data).encode("utf-8")  # lone surrogates would fail later in the database
        except (UnicodeError, ValueError, RecursionError) as exc:
            raise ParseError("invalid JSON") from exc
        if _ongeldige_tekens_of_te_diep(data):
            raise ParseError("invalid characters or nesting")
        return data


def _ongeldige_tekens_of_te_diep(data) -> bool:
    """NUL or a lone surrogate in any key or string, or nesting deeper than MAX_DIEPTE (iterative: no
    recursion limit to hit)."""
    stapel = [(data, 0)]
    while stapel:
        waarde, diepte = stapel.pop()
        if isinstance(waarde, str):
            if "\x00" in waarde or any(0xD800 <= ord(c) <= 0xDFFF for c in waarde):
                return True
        elif isinstance(waarde, dict | list):
            if diepte >= MAX_DIEPTE:
                return True
            items = waarde.items() if isinstance(waarde, dict) else enumerate(waarde)
            for sleutel, kind in items:
                stapel += [(sleutel, diepte), (kind, diepte + 1)]
    return False


class MergePatchParser(StrictJSONParser):
    """PATCH bodies are JSON merge patches (API §1.1, RFC 7396): their own media type is accepted too."""

    media_type = "application/merge-patch+json"
