"""Forms and Dutch words of the data-breach pages (RG-03). They only parse what was typed (moments,
choices, text); `datalekken.services` decides and its Dutch reasons are put next to the fields
(`VELDNAMEN` maps the services' `invalidParams` names to fields). A moment is typed in Dutch time
(Europe/Amsterdam) and stored as an absolute moment.
"""

from __future__ import annotations

from typing import cast

from django import forms

from zorgvuldig.convenanten.policies import MODULES
from zorgvuldig.datalekken import policies
from zorgvuldig.ui.forms import Formulier
from zorgvuldig.ui.forms_dossier import _keuzelijst, _regel, _tekstveld
from zorgvuldig.ui.forms_vi import _datumveld, _keuze, _verplicht

# --- Dutch labels (B1) -----------------------------------------------------------------------------

# The state as words in a badge (not colour alone); only what needs action gets a colour.
STATUSSEN = {
    policies.ONTDEKT: ("Ontdekt, nog beoordelen", "warning"),
    policies.BEOORDEELD: ("Beoordeeld, nog besluiten", "warning"),
    policies.GEMELD: ("Gemeld bij de AP", "data"),
    policies.NIET_GEMELD: ("Niet gemeld (met reden)", "data"),
    policies.GESLOTEN: ("Afgesloten", "data"),
}
RISICOS = {
    policies.GEEN: "Geen risico voor de betrokkenen",
    policies.RISICO: "Risico voor de betrokkenen",
    policies.HOOG_RISICO: "Hoog risico voor de betrokkenen",
}
# The 72-hour clock (RT-12: worked out when the page is shown).
KLOKSTANDEN = {
    policies.LOOPT: ("Klok loopt", "data"),
    policies.ALERT_24: ("Meer dan 24 uur na ontdekking", "warning"),
    policies.ALERT_48: ("Meer dan 48 uur na ontdekking", "error"),
    policies.VERLOPEN: ("72 uur verstreken", "error"),
    policies.GESTOPT: ("Besluit genomen", "data"),
}
JA_NEE = [("ja", "Ja"), ("nee", "Nee")]
# GDPR art 34: how the data subjects were informed (a public notice when reaching each is not feasible)
WIJZEN = {
    policies.BRIEF: "Brief",
    policies.EMAIL: "E-mail",
    policies.TELEFOON: "Telefoon",
    policies.GESPREK: "Gesprek",
    policies.OPENBARE_MEDEDELING: "Openbare mededeling",
}
RECORDSOORTEN = {
    "personen.persoon": "Persoonsgegevens",
    "dossiers.dossier": "Dossier",
    "verstrekkingen.verstrekking": "Verstrekking",
    "toestemmingen.toestemming": "Toestemming",
    "rechten.verzoek": "Verzoek van een betrokkene",
    "verwijsindex.signaal": "Signaal in de verwijsindex",
    "casusoverleg.casusoverleg": "Casusoverleg",
}

MOMENT = {"required": "Vul het moment in.", "invalid": "Vul een geldige datum en tijd in."}


def _moment(label: str, help_text: str = "", required: bool = False) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"],
        error_messages=MOMENT,
    )


def _aantal(label: str, help_text: str = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=100_000_000,
        help_text=help_text,
        error_messages={"invalid": "Vul een heel getal in.", "min_value": "Vul 0 of meer in."},
    )


GEEN_PERSOONSGEGEVENS = "Schrijf zo min mogelijk persoonsgegevens op: geen namen van cliënten."


AUTOMATISCH = (
    "Volgens de afspraken van het gedeelde onderdeel, anders onze eigen verwerkingsverantwoordelijke"
)


class DatalekFormulier(Formulier):
    """RG-03: a new breach. Only the moment of discovery is required; the rest can follow."""

    VELDNAMEN = {
        "ontdektOp": "ontdekt_op",
        "ontdekt_op": "ontdekt_op",
        "omschrijving": "omschrijving",
        "gegevens": "gegevens",
        "betrokkenen": "betrokkenen",
        "aantal_betrokkenen": "aantal_betrokkenen",
        "risico": "risico",
        "maatregelen": "maatregelen",
        "melder": "melder",
        "module": "module",
    }

    ontdekt_op = _moment(
        "Wanneer is het lek ontdekt?",
        "Datum en tijd (Nederlandse tijd). Vanaf dit moment loopt de termijn van 72 uur om te melden.",
        required=True,
    )
    omschrijving = _tekstveld("Wat is er gebeurd?", GEEN_PERSOONSGEGEVENS, max_length=policies.MAX_TEKST)
    gegevens = _tekstveld(
        "Welke gegevens zijn gelekt?",
        "Bijvoorbeeld: namen en adressen, gezondheidsgegevens.",
        max_length=policies.MAX_TEKST,
    )
    betrokkenen = _tekstveld(
        "Over wie gaan de gegevens?",
        "Beschrijf de groep, bijvoorbeeld: cliënten van één wijkteam.",
        max_length=policies.MAX_TEKST,
    )
    aantal_betrokkenen = _aantal("Om hoeveel personen gaat het ongeveer?")
    risico = _keuzelijst("Risico voor de betrokkenen", list(RISICOS.items()), leeg="Nog niet bekend")
    maatregelen = _tekstveld("Welke maatregelen zijn genomen?", max_length=policies.MAX_TEKST)
    module = _keuzelijst(
        "In welk gedeeld onderdeel gebeurde het?",
        list(MODULES.items()),
        "Bij de verwijsindex en het casusoverleg zijn organisaties samen verantwoordelijk (RG-05).",
        leeg="Geen: onze eigen verwerking",
    )
    melder = _keuzelijst(
        "Wie meldt het lek?",
        [],
        "Laat u dit open, dan meldt bij een gedeeld onderdeel de organisatie die de afspraken daarvoor "
        "aanwijzen (RG-05), en anders uw eigen organisatie.",
        leeg=AUTOMATISCH,
    )

    def __init__(self, *args, verantwoordelijken=(), **kwargs):
        """`verantwoordelijken`: [(uuid, naam)] of the controllers in the region."""
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["melder"]).choices = [("", AUTOMATISCH), *verantwoordelijken]


class AfbakeningFormulier(Formulier):
    """The breach's scope for the search for affected persons: a period and an account, a recipient, or
    both."""

    VELDNAMEN = {
        "afbakening": "account",
        "afbakening.account": "account",
        "afbakening.periode": "vanaf",
        "afbakening.ontvanger": "ontvanger",
    }

    account = _keuzelijst(
        "Account",
        [],
        "Het account waarmee de gegevens zijn ingezien of gedeeld, bijvoorbeeld van een gestolen laptop.",
        leeg="Geen account",
    )
    vanaf = _moment("Periode vanaf", required=True)
    tot = _moment("Periode tot", required=True)
    ontvanger = _keuzelijst(
        "Ontvangende organisatie",
        [],
        "De organisatie die gegevens kreeg die zij niet had mogen krijgen.",
        leeg="Geen organisatie",
    )

    def __init__(self, *args, accounts=(), organisaties=(), **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["account"]).choices = [("", "Geen account"), *accounts]
        cast(forms.ChoiceField, self.fields["ontvanger"]).choices = [("", "Geen organisatie"), *organisaties]
        _verplicht(self.fields["vanaf"], "Vul in vanaf wanneer.")
        _verplicht(self.fields["tot"], "Vul in tot wanneer.")


class BeoordelenFormulier(Formulier):
    VELDNAMEN = {"risico": "risico", "maatregelen": "maatregelen"}

    risico = _keuze(
        "Hoe groot is het risico voor de betrokkenen?",
        list(RISICOS.items()),
        "Denk aan wat de personen kan overkomen, zoals schade, fraude of schaamte.",
    )
    maatregelen = _tekstveld(
        "Welke maatregelen zijn genomen?",
        "Laat leeg om de bestaande tekst te houden.",
        max_length=policies.MAX_TEKST,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _verplicht(self.fields["risico"], "Kies het risico.")


class BesluitFormulier(Formulier):
    """GDPR art 33–34: notify the AP? inform the data subjects? A reason where the rules ask for one."""

    VELDNAMEN = {
        "melden": "melden",
        "betrokkenenInformeren": "informeren",
        "reden": "reden",
        "gemeldOp": "gemeld_op",
        "apKenmerk": "ap_kenmerk",
    }

    melden = _keuze("Meldt u het lek bij de Autoriteit Persoonsgegevens?", JA_NEE)
    informeren = _keuze("Informeert u de betrokkenen?", JA_NEE)
    reden = _tekstveld(
        "Reden",
        "Verplicht als u niet meldt, als u bij een hoog risico de betrokkenen niet informeert, "
        "of als u later dan 72 uur meldt.",
        max_length=policies.MAX_TEKST,
    )
    gemeld_op = _moment("Gemeld op", "Alleen als u meldt. Leeg: nu.")
    ap_kenmerk = _regel("Kenmerk van de melding bij de AP", max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _verplicht(self.fields["melden"], "Kies of u het lek meldt.")
        _verplicht(self.fields["informeren"], "Kies of u de betrokkenen informeert.")


class InformerenFormulier(Formulier):
    """GDPR art 34: the data subjects were informed — the day, how, how many; a short note."""

    VELDNAMEN = {"datum": "datum", "wijze": "wijze", "aantal": "aantal", "toelichting": "toelichting"}

    datum = _datumveld("Wanneer hebt u de betrokkenen geïnformeerd?", required=True)
    wijze = _keuze(
        "Hoe hebt u hen geïnformeerd?",
        list(WIJZEN.items()),
        "Kies een openbare mededeling alleen als u de personen niet apart kunt bereiken.",
    )
    aantal = _aantal("Hoeveel personen hebt u geïnformeerd?")
    toelichting = _tekstveld(
        "Toelichting (niet verplicht)",
        "Kort, bijvoorbeeld welke brief u stuurde. " + GEEN_PERSOONSGEGEVENS,
        max_length=policies.MAX_TOELICHTING,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _verplicht(self.fields["datum"], "Vul de datum in.")
        _verplicht(self.fields["wijze"], "Kies hoe u de betrokkenen informeerde.")
        _verplicht(self.fields["aantal"], "Vul in hoeveel personen u informeerde.")
