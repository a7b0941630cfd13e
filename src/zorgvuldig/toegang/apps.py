from django.apps import AppConfig


class ToegangConfig(AppConfig):
    name = "zorgvuldig.toegang"
    label = "toegang"
    verbose_name = "Toegang"
