"""The committed OpenAPI document, served publicly (API §1.1: CORS * only here)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from django.http import HttpResponse, JsonResponse

OPENAPI = Path(__file__).resolve().parents[3] / "openapi.yaml"


@lru_cache(maxsize=1)
def _document() -> str:
    if OPENAPI.exists():
        return OPENAPI.read_text()
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.renderers import OpenApiYamlRenderer

    return OpenApiYamlRenderer().render(SchemaGenerator().get_schema(request=None, public=True)).decode()


def _cors(response):
    response["Access-Control-Allow-Origin"] = "*"
    return response


def openapi_yaml(request):
    return _cors(HttpResponse(_document(), content_type="application/yaml"))


def openapi_json(request):
    return _cors(JsonResponse(yaml.safe_load(_document())))
