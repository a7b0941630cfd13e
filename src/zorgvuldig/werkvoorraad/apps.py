from django.apps import AppConfig


class WerkvoorraadConfig(AppConfig):
    name = "zorgvuldig.werkvoorraad"
    label = "werkvoorraad"
    verbose_name = "Werkvoorraad (taken van medewerkers)"
