from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "zorgvuldig.core"
    label = "core"
    verbose_name = "Kern"

    def ready(self) -> None:
        from django.conf import settings

        from zorgvuldig.api.meldingen import nederlands
        from zorgvuldig.core import startcontrole  # noqa: F401 - registers the start-up system checks
        from zorgvuldig.core.logging import configureer

        configureer(settings.LOG_LEVEL)
        nederlands()
