"""Registers pages (RG-01, RG-02, RG-05, RG-06)."""

from __future__ import annotations

from django.urls import URLPattern

URLS: list[URLPattern] = []
