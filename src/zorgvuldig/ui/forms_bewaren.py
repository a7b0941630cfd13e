"""Forms and Dutch words of the retention pages (SPEC §10). Like the other forms they only parse what was
typed (dates, choices, text); the services of `bewaren` decide (RT-02, RT-07, RT-13) and their Dutch
reasons are put next to the fields. A date is required here where the service needs one to compare;
the reasons are left to the service, which says what it expects. `VELDNAMEN` maps the services'
`invalidParams` names to fields.
"""

from __future__ import annotations

from typing import cast

from django import forms

from zorgvuldig.bewaren import policies
from zorgvuldig.ui.forms import Formulier
from zorgvuldig.ui.forms_dossier import _keuzelijst, _tekstveld
from zorgvuldig.ui.forms_vi import _datumveld, _keuze, _verplicht

# --- Dutch labels (B1) -----------------------------------------------------------------------------

# What kind of record a retention row is about (`Bewaartermijn.objecttype`); never its content.
SOORTEN = {
    "dossiers.dossier": "Dossier",
    "dossiers.zorgsignaal": "Zorgsignaal zonder melding",
    "toestemmingen.toestemming": "Toestemming",
    "rechten.verzoek": "Verzoek van een betrokkene",
    "casusoverleg.casusoverleg": "Dossier van een casusoverleg",
    "datalekken.datalek": "Datalek",
    "personen.persoon": "Persoonsgegevens",
    "dossiers.item": "Onderdeel van een dossier",
    "dossiers.notitie": "Notitie uit een dossier",
    "dossiers.zrmscore": "ZRM-score uit een dossier",
    "dossiers.plan": "Plan uit een dossier",
    "dossiers.verwijzing": "Verwijzing uit een dossier",
    "dossiers.veiligheidsbeoordeling": "Veiligheidsbeoordeling uit een dossier",
}
# A short name per rule, for the filter; the table shows the rule's own description.
REGELNAMEN = {
    "dossier": "Dossier (15 jaar, RT-01)",
    "zorgsignaal": "Zorgsignaal zonder melding (RT-05)",
    "toestemming": "Toestemming",
    "administratie": "Verzoeken, datalekken en administratie",
    "casusoverleg": "Casusoverleg (RT-08)",
    "persoon": "Persoonsgegevens",
}
# The state of a retention row (RT-12) as words in a badge (not colour alone); only what needs action
# gets a colour ("data": the plain badge, whose contrast holds in every theme).
STATUSSEN = {
    policies.ACTIEF: ("Loopt nog", "data"),
    policies.VERLOPEN: ("Termijn verstreken", "warning"),
    policies.GEBLOKKEERD: ("Verstreken, maar geblokkeerd", "neutral"),
    policies.VERNIETIGD: ("Vernietigd", "data"),
    policies.GEANONIMISEERD: ("Geanonimiseerd", "data"),
    policies.OVERGEBRACHT: ("Overgebracht naar het archief", "data"),
}
BLOKKADEREDENEN = {
    "wettelijke_plicht": "Wettelijke bewaarplicht",
    "verantwoording_financier": "Verantwoording aan de financier",
    "lopend_verzoek": "Lopend verzoek van de betrokkene",
    "klacht": "Lopende klacht",
    "bezwaar": "Lopend bezwaar",
}
BEOORDELINGEN = {
    "vernietigen": "Vernietigen",
    "bewaren": "Langer bewaren, met een nieuwe datum en een reden",
    "overbrengen": "Overbrengen naar het archief",
}
BEOORDELINGEN_KORT = {
    "vernietigen": "Vernietigen",
    "bewaren": "Langer bewaren",
    "overbrengen": "Overbrengen naar het archief",
}
LIJSTSTATUSSEN = {
    policies.CONCEPT: "Wacht op goedkeuring",
    policies.GOEDGEKEURD: "Goedgekeurd, wordt uitgevoerd",
    policies.UITGEVOERD: "Uitgevoerd",
}
ROLLEN = {"leidinggevende": "de leidinggevende", "fg": "de functionaris gegevensbescherming (FG)"}
BESLUITEN = {
    "verlenging": "Verlengd door de leidinggevende (RT-02)",
    "verzoek": "Vernietiging op verzoek van de betrokkene (RI-10)",
    "vernietigingslijst": "Langer bewaren na beoordeling op een vernietigingslijst (RT-02, RT-13)",
}
RONDESTATUSSEN = {"bezig": "Bezig", "klaar": "Klaar", "afgebroken": "Afgebroken"}
WACHTREDENEN = {
    "geen_goedgekeurde_lijst": "wacht op een goedgekeurde vernietigingslijst",
    "geblokkeerd": "wacht: geblokkeerd",
    "verstrekkingen": "wacht: verstrekkingen steunen er nog op",
    "in_gebruik": "wacht: nog in gebruik door een ander record",
}
UITKOMSTEN = {
    policies.VERNIETIGD: "vernietigd",
    policies.GEANONIMISEERD: "geanonimiseerd",
    policies.OVERGEBRACHT: "overgebracht naar het archief",
}


def soort_label(objecttype: str) -> str:
    return SOORTEN.get(objecttype, objecttype)


def regel_naam(code: str) -> str:
    return REGELNAMEN.get(code, code)


def telling_label(sleutel: str) -> str:
    """A count key of a sweep (`services._batch`) in words: `vernietigd`, `wacht:<reden>`, `zou:<wijze>`."""
    soort, _, rest = sleutel.partition(":")
    if soort == "wacht":
        return WACHTREDENEN.get(rest, f"wacht: {rest}")
    if soort == "zou":
        return f"zou worden {UITKOMSTEN.get(rest, rest)} (proefronde)"
    return UITKOMSTEN.get(sleutel, sleutel)


# --- The overview -----------------------------------------------------------------------------------


class FilterFormulier(Formulier):
    status = _keuzelijst("Status", [(s, STATUSSEN[s][0]) for s in policies.STATUSSEN], leeg="Alle statussen")
    regel = _keuzelijst("Bewaarregel", list(REGELNAMEN.items()), leeg="Alle bewaarregels")
    vervalt_voor = _datumveld("Vervalt vóór", "Alleen termijnen die vóór deze datum verstrijken.")


# --- One retention row: extension (RT-02) and holds (RT-07) ---------------------------------------------


class VerlengenFormulier(Formulier):
    """RT-02: longer only by the leidinggevende's reasoned decision with a new date."""

    VELDNAMEN = {"nieuweDatum": "nieuwe_datum", "reden": "reden"}

    nieuwe_datum = _datumveld(
        "Nieuwe vervaldatum", "Een datum na de huidige vervaldatum en na vandaag.", required=True
    )
    reden = _tekstveld(
        "Waarom is langer bewaren nodig?",
        "Leg uit waarom zorgvuldige hulpverlening vraagt om de gegevens langer te bewaren (RT-02). "
        f"Ten minste {policies.MIN_REDEN} tekens. Schrijf geen gegevens over de cliënt op.",
        max_length=2000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _verplicht(self.fields["nieuwe_datum"], "Vul de nieuwe vervaldatum in.")


class BlokkerenFormulier(Formulier):
    """RT-07: a legal hold names its ground, an end date in the future and why."""

    VELDNAMEN = {"reden": "reden", "einddatum": "einddatum", "toelichting": "toelichting"}

    reden = _keuze("Waarom mag dit nog niet worden vernietigd?", list(BLOKKADEREDENEN.items()))
    einddatum = _datumveld(
        "Blokkeren tot", "Tot deze dag wordt niets vernietigd. Daarna geldt de termijn weer.", required=True
    )
    toelichting = _tekstveld(
        "Toelichting",
        "Bijvoorbeeld welke wet of welke afspraak met de financier. Schrijf geen gegevens over de cliënt op.",
        max_length=2000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _verplicht(self.fields["reden"], "Kies waarom het nog niet mag worden vernietigd.")
        _verplicht(self.fields["einddatum"], "Vul de datum in tot wanneer de blokkade geldt.")


# --- Destruction lists (RT-13) ----------------------------------------------------------------------------


class LijstFormulier(Formulier):
    """A new list of what is due on the peildatum; the FG names the organisation."""

    VELDNAMEN = {"peildatum": "peildatum"}

    peildatum = _datumveld(
        "Peildatum",
        "De lijst bevat wat op deze dag verstreken is en niet geblokkeerd is.",
        required=True,
    )
    organisatie = _keuzelijst("Organisatie", [], leeg="Kies de organisatie")

    def __init__(self, *args, organisaties=None, **kwargs):
        """`organisaties`: [(uuid, name)] for the FG; for the leidinggevende none (the own one)."""
        super().__init__(*args, **kwargs)
        _verplicht(self.fields["peildatum"], "Vul de peildatum in.")
        if organisaties:
            cast(forms.ChoiceField, self.fields["organisatie"]).choices = [
                ("", "Kies de organisatie"),
                *organisaties,
            ]
            _verplicht(self.fields["organisatie"], "Kies de organisatie.")
        else:
            del self.fields["organisatie"]


class BeoordelingFormulier(Formulier):
    """The judgement of one item on a list: destroy, keep with a new date and reason, or transfer."""

    VELDNAMEN = {"beoordeling": "beoordeling", "nieuweDatum": "nieuwe_datum", "reden": "reden"}

    beoordeling = _keuze("Wat gebeurt er met dit record?", list(BEOORDELINGEN.items()))
    nieuwe_datum = _datumveld("Nieuwe vervaldatum", "Alleen bij langer bewaren: een datum na de peildatum.")
    reden = _tekstveld("Reden", "Alleen bij langer bewaren: waarom is dat nodig (RT-02)?", max_length=2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _verplicht(self.fields["beoordeling"], "Kies vernietigen, bewaren of overbrengen.")

    def veld_van(self, naam: str) -> str:
        """`items[0].nieuweDatum` (the service names the item) → `nieuwe_datum`."""
        return self.VELDNAMEN.get(naam.rpartition(".")[2], naam)

    def item(self, termijn: str) -> dict:
        d = self.cleaned_data
        return {
            "termijn": termijn,
            "beoordeling": d.get("beoordeling") or "",
            "nieuwe_datum": d.get("nieuwe_datum"),
            "reden": d.get("reden") or "",
        }
