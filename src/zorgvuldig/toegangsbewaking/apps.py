from django.apps import AppConfig


class ToegangsbewakingConfig(AppConfig):
    name = "zorgvuldig.toegangsbewaking"
    label = "toegangsbewaking"
    verbose_name = "Toegangsbewaking"
