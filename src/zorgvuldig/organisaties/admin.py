"""The admin serves configuration only: no model with personal content is registered (AC-06)."""

from django.contrib import admin

from zorgvuldig.organisaties.models import Organisatie, Team, Verwerkingsverantwoordelijke


@admin.register(Verwerkingsverantwoordelijke)
class VerwerkingsverantwoordelijkeAdmin(admin.ModelAdmin):
    list_display = ["code", "naam"]


@admin.register(Organisatie)
class OrganisatieAdmin(admin.ModelAdmin):
    list_display = ["code", "naam", "type"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["code", "naam", "organisatie"]
