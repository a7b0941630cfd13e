"""Data-breach register with the 72-hour clock (RG-03). API."""

from __future__ import annotations

from django.urls import URLPattern

URLS: list[URLPattern] = []
