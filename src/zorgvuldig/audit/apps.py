from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "zorgvuldig.audit"
    label = "audit"
    verbose_name = "Logboek dataverwerkingen"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from zorgvuldig.core.database import append_only_sqlite, rechten_runtime_rol

        post_migrate.connect(rechten_runtime_rol, sender=self)
        post_migrate.connect(append_only_sqlite, sender=self)
