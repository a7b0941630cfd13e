"""Forms and Dutch words of the register pages (RG-01, RG-02, GP-02). They only parse what was typed; the
services of `registers` decide and their reasons are shown at the fields (`VELDNAMEN`: API names of the
services' `invalidParams` → form fields)."""

from __future__ import annotations

from typing import cast

from django import forms

from zorgvuldig.registers.catalogus import GRONDSLAGEN
from zorgvuldig.ui.forms import Formulier
from zorgvuldig.ui.forms_dossier import _tekstveld
from zorgvuldig.ui.forms_vi import _datumveld, _verplicht

LANG = 20000
GRONDSLAG_KEUZES = sorted(GRONDSLAGEN.items())

DPIA_STATUSSEN = {
    "concept": ("Concept", "data"),
    "geadviseerd": ("Advies van de FG gegeven", "neutral"),
    "goedgekeurd": ("Goedgekeurd", "data"),
    "in_herziening": ("Wordt herzien", "warning"),
}
BEVINDINGEN = {
    "zonder_register": "Geen goedgekeurde beschrijving",
    "onbekende_activiteit": "Niet in het register",
    "dpia_ontbreekt": "DPIA nodig",
    "herziening_verlopen": "DPIA moet herzien worden",
}


class _Formulier(Formulier):
    VELDNAMEN: dict[str, str] = {}


def _meerkeuze(label: str, keuzes, help_text: str = "") -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=keuzes,
        required=False,
        help_text=help_text,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Kies uit de lijst."},
    )


class VersieFormulier(_Formulier):
    """RG-01: the items of one version of the register entry."""

    VELDNAMEN = {
        "gezamenlijkeVerantwoordelijken": "gezamenlijke_verantwoordelijken",
        "categorieenBetrokkenen": "categorieen_betrokkenen",
        "categorieenGegevens": "categorieen_gegevens",
        "bijzondereCategorieen": "bijzondere_categorieen",
        "grondslagToelichting": "grondslag_toelichting",
    }

    doelen = _meerkeuze("Doelen", [], "Kies de doelen uit de vaste lijst (GP-02).")
    categorieen_betrokkenen = _tekstveld(
        "Over wie gaat het?", "Bijvoorbeeld: inwoners die hulp vragen, hun kinderen en ouders.", LANG
    )
    categorieen_gegevens = _tekstveld(
        "Welke gegevens?", "Bijvoorbeeld: naam, adres, BSN, gezinssituatie.", LANG
    )
    bijzondere_categorieen = forms.BooleanField(
        label="Er worden bijzondere persoonsgegevens verwerkt (zoals gezondheid)", required=False
    )
    ontvangers = _tekstveld("Aan wie worden gegevens gegeven?", max_length=LANG)
    bewaartermijn = _tekstveld("Hoe lang worden de gegevens bewaard?", max_length=LANG)
    grondslag = forms.ChoiceField(
        label="Grondslag",
        choices=[("", "Kies"), *GRONDSLAG_KEUZES],
        required=False,
        error_messages={"invalid_choice": "Kies een van de mogelijkheden."},
    )
    grondslag_toelichting = _tekstveld(
        "Wettelijke bepaling",
        "Verplicht bij grondslag (c) of (e): de wet en het artikel waarop de verwerking berust, bijvoorbeeld "
        "Jeugdwet art. 2.3 en 7.1.1.1 of Wmo 2015 art. 2.3.2 (AVG art. 6 lid 3).",
        LANG,
    )
    beveiliging = _tekstveld("Beveiligingsmaatregelen", max_length=LANG)
    gezamenlijke_verantwoordelijken = _tekstveld(
        "Samen verantwoordelijk met",
        "Alleen invullen als u deze verwerking samen met anderen doet (RG-05).",
        LANG,
    )
    wijziging = _tekstveld("Wat is er veranderd en waarom?", max_length=LANG)

    def __init__(self, *args, doelen: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.MultipleChoiceField, self.fields["doelen"]).choices = doelen

    def data_voor_service(self) -> dict:
        return dict(self.cleaned_data)


class DpiaNieuwFormulier(_Formulier):
    verwerkingsactiviteit = forms.ChoiceField(
        label="Voor welke verwerking?", choices=[], error_messages={"required": "Kies een verwerking."}
    )

    def __init__(self, *args, activiteiten: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["verwerkingsactiviteit"]).choices = [("", "Kies"), *activiteiten]


class DpiaStappenFormulier(_Formulier):
    """RG-02: the four steps."""

    proces = _tekstveld(
        "Stap 1. Het proces", "Hoe loopt de verwerking en op welke momenten worden gegevens gedeeld?", LANG
    )
    rechtmatigheid = _tekstveld("Stap 2. Mag het?", "Welke grondslag, welk doel, is het noodzakelijk?", LANG)
    risicos = _tekstveld("Stap 3. Risico's", "Wat kan er misgaan voor de mensen over wie het gaat?", LANG)
    maatregelen = _tekstveld("Stap 4. Maatregelen", "Wat doet u om die risico's kleiner te maken?", LANG)


class AdviesFormulier(_Formulier):
    advies = _tekstveld("Advies van de FG", max_length=LANG)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _verplicht(self.fields["advies"], "Schrijf uw advies.")


class BesluitFormulier(_Formulier):
    """RG-02: the controller's decision, recorded by the FG."""

    VELDNAMEN = {"besluitDoor": "besluit_door"}

    besluit_door = forms.CharField(
        label="Wie besloot namens de verwerkingsverantwoordelijke?",
        max_length=200,
        help_text="Bijvoorbeeld: het college van B en W.",
        error_messages={"required": "Vul in wie besloot."},
    )
    besluitdatum = _datumveld("Datum van het besluit", "Leeg: vandaag.")
    herziendatum = _datumveld("Opnieuw bekijken op", "Leeg: drie jaar na het besluit.")


class DoelFormulier(_Formulier):
    """GP-02: a purpose the FG adds to the list."""

    code = forms.RegexField(
        label="Korte code",
        regex=r"^[a-z0-9][a-z0-9-]{1,63}$",
        max_length=64,
        help_text="Kleine letters, cijfers en streepjes, bijvoorbeeld: wijkveiligheid.",
        error_messages={
            "invalid": "Gebruik alleen kleine letters, cijfers en streepjes.",
            "required": "Vul een code in.",
        },
    )
    omschrijving = forms.CharField(
        label="Omschrijving", max_length=300, error_messages={"required": "Vul een omschrijving in."}
    )
    grondslagen = _meerkeuze("Grondslagen", GRONDSLAG_KEUZES, "Kies ten minste één grondslag (GP-03).")
