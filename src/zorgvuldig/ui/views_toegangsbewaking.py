"""Access-pattern alert pages (RP-06)."""

from __future__ import annotations

from django.urls import URLPattern

URLS: list[URLPattern] = []
