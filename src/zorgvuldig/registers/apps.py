from django.apps import AppConfig


class RegistersConfig(AppConfig):
    name = "zorgvuldig.registers"
    label = "registers"
    verbose_name = "Registers"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from zorgvuldig.registers.services import synchroniseer_catalogus

        post_migrate.connect(synchroniseer_catalogus, sender=self)
        from zorgvuldig.registers import datacategorieen  # noqa: F401  registers the system check
