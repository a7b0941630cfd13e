"""Forms and Dutch words of the monitoring-export pages (RP-04, RP-05). They only parse what was typed;
`monitoring.services` decides, and its reasons are put next to the fields (`VELDNAMEN`)."""

from __future__ import annotations

from typing import cast

from django import forms

from zorgvuldig.monitoring import policies
from zorgvuldig.ui.forms import Formulier

STATUSSEN = {
    policies.CONCEPT: "Wacht op goedkeuring van de FG",
    policies.GOEDGEKEURD: "Goedgekeurd",
    policies.INGETROKKEN: "Ingetrokken",
}
DOELEN = {
    "kwaliteit": "Kwaliteit van de hulp beoordelen",
    "verantwoording": "Beheer, beleid en verantwoording",
}


def _veldkeuzes() -> list[tuple[str, str]]:
    uit = []
    for code, veld in policies.CATALOGUS.items():
        set_naam = "Dossiers" if veld.gegevensset == policies.DOSSIERS else "Verwijsindex"
        label = f"{set_naam}: {veld.omschrijving}"
        if veld.bijzonder:
            label += " — bijzondere gegevens, weeg dit extra zwaar"
        uit.append((code, label))
    return uit


class DefinitieFormulier(Formulier):
    VELDNAMEN = {
        "naam": "naam",
        "ontvanger": "ontvanger",
        "doel": "doel",
        "velden": "velden",
        "proportionaliteit.noodzaak": "noodzaak",
        "proportionaliteit.afweging": "afweging",
        "proportionaliteit.minderIngrijpend": "minder_ingrijpend",
    }

    naam = forms.CharField(label="Naam van de export", max_length=policies.NAAM_MAX)
    ontvanger = forms.ChoiceField(
        label="Ontvanger",
        help_text="Alleen medewerkers van deze organisatie kunnen de export ophalen.",
        error_messages={"invalid_choice": "Kies een organisatie uit de lijst."},
    )
    doel = forms.ChoiceField(
        label="Doel",
        choices=[("", "Kies"), *DOELEN.items()],
        error_messages={"invalid_choice": "Kies een van de doelen."},
    )
    velden = forms.MultipleChoiceField(
        label="Welke gegevens gaan mee?",
        choices=_veldkeuzes(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=(
            "Kies zo weinig mogelijk. Namen, BSN, adressen, geboortedata en vrije tekst gaan nooit mee."
        ),
        error_messages={"invalid_choice": "Dit gegeven kan niet mee in een export (RP-04)."},
    )
    noodzaak = forms.CharField(
        label="Waarom is deze export echt nodig?",
        max_length=policies.TEKST_MAX,
        required=False,
        widget=forms.Textarea,
        help_text="Schrijf op welke vraag de export beantwoordt en waarom het niet zonder kan.",
    )
    afweging = forms.CharField(
        label="Weegt het resultaat op tegen de inbreuk op de privacy?",
        max_length=policies.TEKST_MAX,
        required=False,
        widget=forms.Textarea,
    )
    minder_ingrijpend = forms.CharField(
        label="Waarom is een minder ingrijpende manier niet genoeg?",
        max_length=policies.TEKST_MAX,
        required=False,
        widget=forms.Textarea,
        help_text="Bijvoorbeeld: minder gegevens, of alleen tellingen in een rapportage.",
    )

    def __init__(self, *args, organisaties: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["ontvanger"]).choices = [("", "Kies"), *organisaties]


class GoedkeurFormulier(Formulier):
    VELDNAMEN = {"oordeel": "oordeel"}

    oordeel = forms.CharField(
        label="Uw afweging als FG",
        max_length=policies.TEKST_MAX,
        required=False,
        widget=forms.Textarea,
        help_text=(
            "Is de export strikt nodig en weegt het resultaat op tegen de inbreuk? Dit wordt vastgelegd."
        ),
    )
