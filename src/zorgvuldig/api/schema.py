"""OpenAPI: each operation names its scope (`x-scope`) and processing activity (`x-verwerkingsactiviteit`)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema as Base


class SessieSchema(OpenApiAuthenticationExtension):
    """The web session, valid only after password (or OIDC) and the TOTP code (ADR 0007)."""

    target_class = "zorgvuldig.api.authentication.SessieAuthenticatie"
    name = "cookieAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": "sessionid"}


class TokenSchema(OpenApiAuthenticationExtension):
    """`Authorization: Token <40 hex>` for partner systems, with `Namens-Gebruiker` (API §1.4)."""

    target_class = "zorgvuldig.api.authentication.TokenAuthenticatie"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <40 hex>` of a partner system; name the acting professional in "
            "`Namens-Gebruiker` (AC-08).",
        }


class AutoSchema(Base):
    def get_override_parameters(self):
        """A view's declared GET filters (`BasisView.filters`) are documented from the same declaration that
        the view checks requests against, so schema and behaviour cannot drift apart."""
        eigen = list(getattr(self.view, "filters", ())) if self.method == "GET" else []
        return [*eigen, *super().get_override_parameters()]

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        from zorgvuldig.api.permissions import scope_van

        scope = scope_van(self.view, method)
        operation["x-scope"] = scope
        activiteit = getattr(self.view, "verwerkingsactiviteit", None)
        if activiteit:
            operation["x-verwerkingsactiviteit"] = activiteit
        operation.setdefault("responses", {})
        for status, text in (
            ("400", "Ongeldige invoer"),
            ("401", "Niet aangemeld"),
            ("403", "Geen rechten"),
            ("404", "Niet gevonden of niet zichtbaar"),
        ):
            operation["responses"].setdefault(
                status,
                {
                    "description": text,
                    "content": {
                        "application/problem+json": {"schema": {"$ref": "#/components/schemas/Fout"}}
                    },
                },
            )
        return operation


def _param(name: str, where: str, description: str, schema: dict | None = None) -> dict:
    return {
        "name": name,
        "in": where,
        "required": False,
        "description": description,
        "schema": schema or {"type": "string"},
    }


HEADERS = [
    _param("traceparent", "header", "W3C Trace Context; started when absent, echoed in the response."),
    _param(
        "Verwerkingsdoel",
        "header",
        "Purpose code (GP-02); when given it must be this operation's purpose — on the operations of one "
        "sharing decision also the purpose that decision is logged under (ADR 0011 item 9).",
    ),
    _param(
        "Namens-Gebruiker",
        "header",
        "With a Token only: uuid of the acting professional: an active user of the token's organisation "
        "with a valid `vi_signaleren` mandate (AC-08).",
        {"type": "string", "format": "uuid"},
    ),
]
IDEMPOTENCY = _param(
    "Idempotency-Key",
    "header",
    "1–255 characters; replays the stored answer for 24 h (API §1.6).",
    {"type": "string", "minLength": 1, "maxLength": 255},
)
PAGINERING = [
    _param("page", "query", "Page number, from 1.", {"type": "integer", "minimum": 1}),
    _param(
        "pageSize",
        "query",
        "Page size (default 20, at most 100).",
        {"type": "integer", "minimum": 1, "maximum": 100},
    ),
]
_PAD = r"[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)?"
EXPAND = _param(
    "expand",
    "query",
    "Comma-separated fields whose referenced resources are embedded under `_expand` (API §1.1), e.g. "
    "`organisatie,leden.persoon`; a dot goes one level deeper, at most two. Each reference is read as a "
    "GET of its URL by the same caller (same visibility, scopes and audit entry); one the caller may not "
    "read is `null`. At most 100 distinct reads per response. An unknown name, a field that is not a "
    "reference, or a deeper path is 400 on `expand`.",
    {"type": "string", "pattern": rf"^{_PAD}(,{_PAD})*$"},
)


def _als_pagina(op: dict) -> None:
    """Collections answer {count, next, previous, results} (API §1.2): say so in the schema."""
    content = op.get("responses", {}).get("200", {}).get("content", {}).get("application/json")
    if not content:
        return
    schema = content.get("schema", {})
    if schema.get("type") == "array":
        items = schema.get("items", {})
    elif schema.get("type") == "object" and "results" not in schema.get("properties", {}):
        items = {"type": "object"}
    else:
        return
    content["schema"] = {
        "type": "object",
        "required": ["count", "next", "previous", "results"],
        "properties": {
            "count": {"type": "integer"},
            "next": {"type": "string", "format": "uri", "nullable": True},
            "previous": {"type": "string", "format": "uri", "nullable": True},
            "results": {"type": "array", "items": items},
        },
    }


# Lists polled with a cursor (api/pagination.PositiePaginering): their envelope also has `cursor`.
CURSOR_LIJSTEN = {"matches_list"}
CURSOR = {
    "type": "string",
    "nullable": True,
    "description": "Where to poll from later (opaque); null only when nothing was found and no "
    '`gewijzigdVanaf` was named. See docs/integrators.md, "Polling for matches".',
}
EXPAND_VELD = {
    "type": "object",
    "additionalProperties": {},
    "description": "The related resources asked for with `expand` (API §1.3), by field name.",
}


def _met_expand(result: dict, expandeerbaar: set[str]) -> None:
    """A representation answered by an operation that takes `expand` may carry `_expand` (API §1.3)."""
    componenten = result.get("components", {}).get("schemas", {})
    for naam in expandeerbaar:
        component = componenten.get(naam)
        if component is not None and "properties" in component:
            component["properties"].setdefault("_expand", EXPAND_VELD)


def _antwoord_component(op: dict) -> str | None:
    schema = (
        op.get("responses", {}).get("200", {}).get("content", {}).get("application/json", {}).get("schema")
    )
    if not schema:
        return None
    if "results" in schema.get("properties", {}):
        schema = schema["properties"]["results"].get("items", {})
    ref = schema.get("$ref")
    return ref.rsplit("/", 1)[1] if ref else None


def postprocess(result, generator, request, public):
    """Headers every operation accepts, pagination, `_expand`, and the API-Version response header."""
    expandeerbaar: set[str] = set()
    for operations in result.get("paths", {}).values():
        for method, op in operations.items():
            params = op.setdefault("parameters", [])
            params.extend(HEADERS)
            if method == "post":
                params.append(IDEMPOTENCY)
            if method == "get" or op.get("operationId", "").endswith("_zoek"):
                params.append(EXPAND)
            if op.get("operationId", "").endswith(("_zoek", "_list", "_audittrail")):
                params.extend(PAGINERING)
            if op.get("operationId", "").endswith(("_zoek", "_list", "_audittrail")):
                _als_pagina(op)
            if op.get("operationId") in CURSOR_LIJSTEN:
                op["responses"]["200"]["content"]["application/json"]["schema"]["properties"]["cursor"] = (
                    CURSOR
                )
            if (method == "get" or op.get("operationId", "").endswith("_zoek")) and (
                component := _antwoord_component(op)
            ):
                expandeerbaar.add(component)
            for response in op.get("responses", {}).values():
                response.setdefault("headers", {})["API-Version"] = {
                    "schema": {"type": "string", "example": "1.0.0"},
                    "description": "API version (API §1.1)",
                }
    _met_expand(result, expandeerbaar)
    return result
