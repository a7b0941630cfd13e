from django.apps import AppConfig


class BewarenConfig(AppConfig):
    name = "zorgvuldig.bewaren"
    label = "bewaren"
    verbose_name = "Bewaren en vernietigen"

    def ready(self) -> None:
        from django.conf import settings
        from django.core.exceptions import ImproperlyConfigured
        from django.db.models.signals import post_save

        from zorgvuldig.organisaties.models import OrganisatieType

        onbekend = set(settings.RETENTION_SECTOR_TERMS) - set(OrganisatieType.values)
        if onbekend:
            raise ImproperlyConfigured(
                f"ZORGVULDIG_RETENTION_SECTOR_TERMS: onbekend organisatietype {sorted(onbekend)}"
            )

        from zorgvuldig.bewaren import eenheden

        # Every save of a record with a retention date of its own updates its retention row in the same
        # transaction, whichever service saved it (RT-10): no code path can leave a record without one.
        for eenheid in eenheden.EENHEDEN.values():
            post_save.connect(_bijwerken, sender=eenheid.model, dispatch_uid=f"bewaren:{eenheid.objecttype}")
        # A change to a closed sector-law file restarts its clock (BW 7:454(3)): its items move the date too.
        for model in eenheden.dossier_items():
            post_save.connect(_item_bijwerken, sender=model, dispatch_uid=f"bewaren:item:{model._meta.label}")


def _bijwerken(sender, instance, raw=False, **kwargs) -> None:
    if raw:  # loaddata: synchroniseer() adds the row
        return
    from zorgvuldig.bewaren.services import bijwerken

    bijwerken(instance)


def _item_bijwerken(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    from zorgvuldig.bewaren import eenheden
    from zorgvuldig.bewaren.services import bijwerken

    dossier = instance.dossier
    if dossier.status == "gesloten" and eenheden.sectorjaren(dossier.organisatie_id):
        bijwerken(dossier)
