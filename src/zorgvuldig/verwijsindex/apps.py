from django.apps import AppConfig


class VerwijsindexConfig(AppConfig):
    name = "zorgvuldig.verwijsindex"
    label = "verwijsindex"
    verbose_name = "Verwijsindex"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from zorgvuldig.convenanten.models import Convenant, Toetreding
        from zorgvuldig.verwijsindex.models import Instellingen
        from zorgvuldig.verwijsindex.selectors import vergeet_cache

        # A change of the settings or of an accession acts at once in this process (ADR 0009).
        for model in (Instellingen, Toetreding, Convenant):
            post_save.connect(vergeet_cache, sender=model, dispatch_uid=f"vi-cache-{model.__name__}")
            post_delete.connect(vergeet_cache, sender=model, dispatch_uid=f"vi-cache-del-{model.__name__}")
