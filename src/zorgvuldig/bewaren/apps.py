from django.apps import AppConfig


class BewarenConfig(AppConfig):
    name = "zorgvuldig.bewaren"
    label = "bewaren"
    verbose_name = "Bewaren en vernietigen"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from zorgvuldig.bewaren import eenheden

        # Every save of a record with a retention date of its own updates its retention row in the same
        # transaction, whichever service saved it (RT-10): no code path can leave a record without one.
        for eenheid in eenheden.EENHEDEN.values():
            post_save.connect(_bijwerken, sender=eenheid.model, dispatch_uid=f"bewaren:{eenheid.objecttype}")


def _bijwerken(sender, instance, raw=False, **kwargs) -> None:
    if raw:  # loaddata: synchroniseer() adds the row
        return
    from zorgvuldig.bewaren.services import bijwerken

    bijwerken(instance)
