from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "zorgvuldig.monitoring"
    label = "monitoring"
    verbose_name = "Monitoringexports"
