"""Registers API (API §2.11)."""

from __future__ import annotations

from django.urls import URLPattern

URLS: list[URLPattern] = []
