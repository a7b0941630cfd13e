"""Access-pattern alerts for the FG (RP-06). API."""

from __future__ import annotations

from django.urls import URLPattern

URLS: list[URLPattern] = []
