from django.apps import AppConfig


class CasusoverlegConfig(AppConfig):
    name = "zorgvuldig.casusoverleg"
    label = "casusoverleg"
    verbose_name = "Casusoverleg"
