"""Forms and Dutch words of the access-pattern monitoring pages (RP-06). They only parse what was typed;
`toegangsbewaking.services` decides and its Dutch reasons are put next to the fields (`VELDNAMEN`)."""

from __future__ import annotations

from django import forms

from zorgvuldig.toegangsbewaking import policies
from zorgvuldig.ui.forms import Formulier
from zorgvuldig.ui.forms_dossier import _regel, _tekstveld
from zorgvuldig.ui.forms_vi import _datumveld, _keuze, _verplicht

SOORTEN = {
    "veel_personen": "Veel verschillende personen op één dag",
    "zelfde_achternaam": "Persoon met dezelfde achternaam",
    "zelfde_adres": "Persoon op hetzelfde adres",
    "noodtoegang": "Noodtoegang gebruikt",
    "buiten_werktijd": "Buiten werktijd",
}
# What `aantal` means per kind, in a sentence.
AANTALLEN = {
    "veel_personen": "{n} verschillende personen (de drempel is {d})",
    "zelfde_achternaam": "{n} persoon of personen met dezelfde achternaam",
    "zelfde_adres": "{n} persoon of personen op het woonadres van de medewerker",
    "noodtoegang": "{n} keer noodtoegang",
    "buiten_werktijd": "{n} persoon of personen buiten werktijd",
}
STATUSSEN = {policies.OPEN: ("Open", "warning"), policies.BEOORDEELD: ("Beoordeeld", "data")}
UITKOMSTEN = {
    policies.GEEN_BIJZONDERHEDEN: "Geen bijzonderheden: de toegang past bij het werk",
    policies.NAVRAAG_GEDAAN: "Navraag gedaan: verklaard en afgesloten",
    policies.INCIDENT: "Incident: de toegang was niet nodig voor het werk",
}
assert set(UITKOMSTEN) == set(policies.UITKOMSTEN) and set(SOORTEN) == set(policies.SOORTEN)


def _tijdveld(label: str, help_text: str = "") -> forms.TimeField:
    return forms.TimeField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": "Vul een tijd in als uu:mm, bijvoorbeeld 07:00."},
    )


class InstemmingFormulier(Formulier):
    """WOR art 27(1)(l): the works council's decision, by date and reference."""

    VELDNAMEN = {"datum": "datum", "kenmerk": "kenmerk", "omschrijving": "omschrijving"}

    datum = _datumveld(
        "Datum van de instemming", "De dag waarop de ondernemingsraad instemde.", required=True
    )
    kenmerk = _regel(
        "Kenmerk",
        "Het kenmerk van de brief of het verslag van de ondernemingsraad.",
        max_length=policies.MAX_KENMERK,
    )
    omschrijving = _regel("Omschrijving", "Kort: waarmee stemde de ondernemingsraad in?", max_length=500)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _verplicht(self.fields["datum"], "Vul de datum van de instemming in.")
        _verplicht(self.fields["kenmerk"], "Vul het kenmerk in.")


class ActiverenFormulier(Formulier):
    """The thresholds; empty fields keep the current values."""

    VELDNAMEN = {"maxPersonenPerDag": "max_personen", "werktijd": "werktijd_tot"}

    max_personen = forms.IntegerField(
        label="Meer dan zoveel personen per dag is opvallend",
        required=False,
        min_value=1,
        max_value=policies.MAX_PERSONEN_GRENS,
        help_text=f"Standaard {policies.MAX_PERSONEN_STANDAARD}.",
        error_messages={"invalid": "Vul een heel getal in."},
    )
    werktijd_van = _tijdveld(
        "Werktijd van", "Standaard 07:00. Weekend en feestdagen zijn altijd buiten werktijd."
    )
    werktijd_tot = _tijdveld("Werktijd tot", "Standaard 19:00.")


class BeoordelingFormulier(Formulier):
    VELDNAMEN = {"uitkomst": "uitkomst", "toelichting": "toelichting"}

    uitkomst = _keuze("Uitkomst", list(UITKOMSTEN.items()))
    toelichting = _tekstveld(
        "Toelichting",
        f"Verplicht bij een incident (ten minste {policies.MIN_TOELICHTING} tekens). Schrijf alleen op wat "
        "nodig is; geen gegevens over cliënten.",
        max_length=policies.MAX_TOELICHTING,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _verplicht(self.fields["uitkomst"], "Kies een uitkomst.")
