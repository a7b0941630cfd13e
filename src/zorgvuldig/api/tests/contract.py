"""Every API answer a test receives is checked against the OpenAPI the code generates (`zorgvuldig
spectacular`), with every declared object closed: a field sent but not declared, a declared type that does
not match, or a required field missing fails the test that made the request (conftest's autouse fixture).

An operation that still answers an untyped object (`{"type": "object"}` with no properties) is listed by
`ongetypeerd()`; `test_contract.py` keeps that list from growing."""

from __future__ import annotations

import functools
import json
import re

import jsonschema


@functools.cache
def openapi() -> dict:
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


def json_schema(node, componenten: dict, gesloten: bool = True):
    """OpenAPI 3.0 → JSON Schema: `$ref` inlined, `nullable` as a null alternative; with `gesloten` an
    object with properties admits no others."""
    if isinstance(node, list):
        return [json_schema(n, componenten, gesloten) for n in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        return json_schema(componenten[node["$ref"].rsplit("/", 1)[1]], componenten, gesloten)
    uit = {k: json_schema(w, componenten, gesloten) for k, w in node.items() if k != "nullable"}
    if "properties" in node:
        uit["properties"] = {k: json_schema(w, componenten, gesloten) for k, w in node["properties"].items()}
        if gesloten and "additionalProperties" not in node:
            uit["additionalProperties"] = False
    if node.get("nullable"):
        return {"anyOf": [uit, {"type": "null"}]}
    return uit


def klopt(instantie, component: str) -> None:
    """`instantie` fits the component exactly (jsonschema.ValidationError otherwise)."""
    componenten = openapi()["components"]["schemas"]
    jsonschema.validate(instantie, json_schema(componenten[component], componenten))


@functools.cache
def _operaties() -> list[tuple[re.Pattern, str]]:
    """(path regex, template) longest template first, so `/x/_zoek` wins over `/x/{uuid}`."""
    uit = []
    for sjabloon in openapi()["paths"]:
        patroon = re.escape(sjabloon)
        patroon = re.sub(r"\\\{[^}]+\\\}", "[^/]+", patroon)
        uit.append((re.compile(f"^{patroon}$"), sjabloon))
    # literal segments before parameters: `/verzoeken/_zoek` is not `/verzoeken/{uuid}`
    return sorted(uit, key=lambda p: (p[1].count("{"), -len(p[1])))


def operatie(pad: str) -> str | None:
    for patroon, sjabloon in _operaties():
        if patroon.match(pad):
            return sjabloon
    return None


def _schema_van(pad: str, methode: str, status: int) -> dict | None:
    sjabloon = operatie(pad)
    if sjabloon is None:
        return None
    op = openapi()["paths"][sjabloon].get(methode.lower())
    if op is None:
        return None
    antwoord = op.get("responses", {}).get(str(status))
    if not antwoord or "application/json" not in antwoord.get("content", {}):
        return None
    return antwoord["content"]["application/json"].get("schema")


@functools.cache
def _validator(pad_sjabloon: str, methode: str, status: int):
    schema = _schema_van(pad_sjabloon, methode, status)
    if schema is None:
        return None
    componenten = openapi()["components"]["schemas"]
    # formats asserted too (e-mail, uri, uuid, date-time), as a strict client would
    return jsonschema.Draft202012Validator(
        json_schema(schema, componenten), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def controleer(methode: str, pad: str, response) -> None:
    """A 2xx JSON answer of /api/v1 fits its operation's declared response; raises AssertionError naming
    the operation and the first mismatch."""
    if not (200 <= response.status_code < 300) or not pad.startswith("/api/v1/"):
        return
    if not response.get("Content-Type", "").startswith("application/json"):
        return
    sjabloon = operatie(pad)
    if sjabloon is None:
        return
    validator = _validator(sjabloon, methode, response.status_code)
    if validator is None:
        return
    fout = next(iter(validator.iter_errors(json.loads(response.content))), None)
    if fout is not None:
        plek = "/".join(str(p) for p in fout.absolute_path)
        raise AssertionError(
            f"OpenAPI contract: {methode.upper()} {sjabloon} {response.status_code} at '{plek}': "
            f"{fout.message}"
        )


def _ongetypeerd_schema(schema: dict | None) -> bool:
    if not schema:
        return True
    if "properties" in schema and "results" in schema["properties"]:
        return _ongetypeerd_schema(schema["properties"]["results"].get("items"))
    return (
        schema.get("type") == "object"
        and not schema.get("properties")
        and not any(k in schema for k in ("$ref", "oneOf", "anyOf", "allOf"))
        and schema.get("additionalProperties") in (None, {}, True)
    )


def ongetypeerd() -> set[str]:
    """`METHOD path status` of every 2xx JSON answer whose schema is an untyped object."""
    uit = set()
    for sjabloon, ops in openapi()["paths"].items():
        for methode, op in ops.items():
            for status, antwoord in (op.get("responses") or {}).items():
                inhoud = (antwoord.get("content") or {}).get("application/json")
                if (
                    status.startswith("2")
                    and inhoud is not None
                    and _ongetypeerd_schema(inhoud.get("schema"))
                ):
                    uit.add(f"{methode.upper()} {sjabloon} {status}")
    return uit
