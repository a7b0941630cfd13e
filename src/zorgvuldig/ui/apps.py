from django.apps import AppConfig


class UiConfig(AppConfig):
    name = "zorgvuldig.ui"
    verbose_name = "Webinterface"
