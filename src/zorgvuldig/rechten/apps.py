from django.apps import AppConfig


class RechtenConfig(AppConfig):
    name = "zorgvuldig.rechten"
    label = "rechten"
    verbose_name = "Rechten van betrokkenen"
