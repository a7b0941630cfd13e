"""OpenAPI: each operation names its scope (`x-scope`) and processing activity (`x-verwerkingsactiviteit`)."""

from drf_spectacular.openapi import AutoSchema as Base


class AutoSchema(Base):
    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        from zorgvuldig.api.permissions import scope_van

        class _R:  # scope_van needs only the method
            pass

        req = _R()
        req.method = method
        scope = scope_van(self.view, req)
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
