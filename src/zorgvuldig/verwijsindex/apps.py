from django.apps import AppConfig


class VerwijsindexConfig(AppConfig):
    name = "zorgvuldig.verwijsindex"
    label = "verwijsindex"
    verbose_name = "Verwijsindex"
