from django.apps import AppConfig


class DossiersConfig(AppConfig):
    name = "zorgvuldig.dossiers"
    label = "dossiers"
    verbose_name = "Dossiers"
