from django.apps import AppConfig


class OrganisatiesConfig(AppConfig):
    name = "zorgvuldig.organisaties"
    label = "organisaties"
    verbose_name = "Organisaties en gebruikers"
