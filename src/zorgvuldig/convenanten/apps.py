from django.apps import AppConfig


class ConvenantenConfig(AppConfig):
    name = "zorgvuldig.convenanten"
    label = "convenanten"
    verbose_name = "Convenanten"
