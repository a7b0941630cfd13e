"""Data-breach pages (RG-03)."""

from __future__ import annotations

from django.urls import URLPattern

URLS: list[URLPattern] = []
