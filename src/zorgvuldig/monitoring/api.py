"""Monitoring exports (RP-04, RP-05) API."""

from __future__ import annotations

from django.urls import URLPattern

URLS: list[URLPattern] = []
