from django.apps import AppConfig


class TakenConfig(AppConfig):
    name = "zorgvuldig.taken"
    label = "taken"
    verbose_name = "Achtergrondtaken"
