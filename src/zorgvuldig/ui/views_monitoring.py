"""Monitoring export pages (RP-04, RP-05)."""

from __future__ import annotations

from django.urls import URLPattern

URLS: list[URLPattern] = []
