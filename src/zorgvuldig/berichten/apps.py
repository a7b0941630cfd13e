from django.apps import AppConfig


class BerichtenConfig(AppConfig):
    name = "zorgvuldig.berichten"
    label = "berichten"
    verbose_name = "Berichten (outbox)"
