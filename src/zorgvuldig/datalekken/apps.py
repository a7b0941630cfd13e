from django.apps import AppConfig


class DatalekkenConfig(AppConfig):
    name = "zorgvuldig.datalekken"
    label = "datalekken"
    verbose_name = "Datalekken"
