from django.apps import AppConfig


class RapportagesConfig(AppConfig):
    name = "zorgvuldig.rapportages"
    label = "rapportages"
    verbose_name = "Rapportages"
