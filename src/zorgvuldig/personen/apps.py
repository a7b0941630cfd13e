from django.apps import AppConfig


class PersonenConfig(AppConfig):
    name = "zorgvuldig.personen"
    label = "personen"
    verbose_name = "Personen"
