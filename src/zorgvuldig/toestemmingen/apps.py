from django.apps import AppConfig


class ToestemmingenConfig(AppConfig):
    name = "zorgvuldig.toestemmingen"
    label = "toestemmingen"
    verbose_name = "Toestemmingen"
