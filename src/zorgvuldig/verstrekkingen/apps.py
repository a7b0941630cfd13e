from django.apps import AppConfig


class VerstrekkingenConfig(AppConfig):
    name = "zorgvuldig.verstrekkingen"
    label = "verstrekkingen"
    verbose_name = "Verstrekkingen"
