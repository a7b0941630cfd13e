"""Forms of the convenant and agreement pages (RG-04, RG-05, RG-06). They only parse what was typed; the
services of `convenanten` decide and their Dutch reasons are put next to the fields. The nine items of a
convenant may stay empty while it is a concept: activation names what is still missing (RG-04)."""

from __future__ import annotations

from typing import cast

from django import forms

from zorgvuldig.convenanten import policies
from zorgvuldig.ui.forms import Formulier
from zorgvuldig.ui.forms_dossier import _tekstveld
from zorgvuldig.ui.forms_vi import _datumveld, _meerkeuze, _verplicht

MAX_TEKST = 20000

# --- Dutch labels (B1) -----------------------------------------------------------------------------------

STATUSSEN = {
    policies.CONCEPT: ("Concept", "neutral"),
    policies.ACTIEF: ("Actief", "data"),
    policies.BEEINDIGD: ("Beëindigd", "data"),
}
# RG-04 (a)–(i): the API key → a short Dutch label with its letter.
ONDERDEEL_LABELS = {
    "deelnemersEnDoelen": "(a) Deelnemende organisaties, verwerkingsverantwoordelijken en doelen",
    "bijzondereGegevens": "(b) Verwerking van (bijzondere) persoonsgegevens",
    "informeringBetrokkenen": "(c) Hoe betrokkenen worden geïnformeerd",
    "verwerkingenEnProtocol": "(d) Belangrijkste verwerkingen en het privacyprotocol",
    "toestemmingKetenpartner": (
        "(e) Informeren en zo nodig toestemming vragen voor verstrekking aan een ketenpartner"
    ),
    "zonderToestemming": "(f) Wanneer gegevens zonder toestemming worden verwerkt",
    "escalatie": "(g) Escalatie bij spoed",
    "rechtenBetrokkenen": "(h) Hoe betrokkenen hun rechten gebruiken",
    "beveiliging": "(i) Beveiliging en geheimhouding",
}
# RG-05: the arrangement's items → Dutch label.
REGELING_LABELS = {
    "modules": "Geldt voor",
    "informerenBetrokkenen": "Wie informeert de betrokkenen",
    "contactpunt": "Contactpunt voor betrokkenen",
    "melderDatalekken": "Wie meldt datalekken",
    "beveiliging": "Wie beveiligt de verwerking",
    "klachten": "Klachten",
    "incidenten": "Incidenten en calamiteiten",
    "aansprakelijkheid": "Aansprakelijkheid",
}
SOORTEN = {
    policies.VERWERKERSOVEREENKOMST: "Verwerkersovereenkomst",
    policies.MANDAAT: "Mandaat",
}
GELDIGHEDEN = {
    policies.GELDIG: ("Geldig", "data"),
    policies.TOEKOMSTIG: ("Gaat later in", "neutral"),
    policies.VERLOPEN: ("Verlopen", "warning"),
}


def _regel(sleutel: str, **kwargs) -> forms.CharField:
    return _tekstveld(REGELING_LABELS[sleutel], max_length=MAX_TEKST, **kwargs)


class ConvenantFormulier(Formulier):
    """Name, the nine items (RG-04) and the joint-controller arrangement (RG-05). `nieuw`: with the code;
    `alleen_regeling`: an active convenant, where only the arrangement can change."""

    code = forms.SlugField(
        label="Code",
        max_length=64,
        required=False,
        help_text="Korte naam zonder spaties, bijvoorbeeld vi-krimpen-2027. Leeg: wij maken er een.",
        error_messages={"invalid": "Gebruik alleen kleine letters, cijfers en streepjes."},
    )
    naam = forms.CharField(label="Naam", max_length=200)
    deelnemersEnDoelen = _tekstveld(ONDERDEEL_LABELS["deelnemersEnDoelen"], max_length=MAX_TEKST)
    bijzondereGegevens = _tekstveld(ONDERDEEL_LABELS["bijzondereGegevens"], max_length=MAX_TEKST)
    informeringBetrokkenen = _tekstveld(ONDERDEEL_LABELS["informeringBetrokkenen"], max_length=MAX_TEKST)
    verwerkingenEnProtocol = _tekstveld(ONDERDEEL_LABELS["verwerkingenEnProtocol"], max_length=MAX_TEKST)
    toestemmingKetenpartner = _tekstveld(ONDERDEEL_LABELS["toestemmingKetenpartner"], max_length=MAX_TEKST)
    zonderToestemming = _tekstveld(ONDERDEEL_LABELS["zonderToestemming"], max_length=MAX_TEKST)
    escalatie = _tekstveld(ONDERDEEL_LABELS["escalatie"], max_length=MAX_TEKST)
    rechtenBetrokkenen = _tekstveld(ONDERDEEL_LABELS["rechtenBetrokkenen"], max_length=MAX_TEKST)
    beveiliging = _tekstveld(ONDERDEEL_LABELS["beveiliging"], max_length=MAX_TEKST)
    gv_modules = _meerkeuze(
        REGELING_LABELS["modules"],
        list(policies.MODULES.items()),
        "De gedeelde onderdelen waarvoor deze afspraken gelden.",
    )
    gv_informerenBetrokkenen = _regel("informerenBetrokkenen")
    gv_contactpunt = _regel(
        "contactpunt",
        help_text=(
            "Waar kunnen betrokkenen terecht? Iedere organisatie antwoordt alleen voor de eigen registraties."
        ),
    )
    gv_melderDatalekken = forms.ChoiceField(
        label=REGELING_LABELS["melderDatalekken"],
        required=False,
        help_text="De verwerkingsverantwoordelijke die een datalek meldt bij de Autoriteit Persoonsgegevens.",
        error_messages={"invalid_choice": "Kies een van de mogelijkheden."},
    )
    gv_beveiliging = _regel("beveiliging")
    gv_klachten = _regel("klachten")
    gv_incidenten = _regel("incidenten")
    gv_aansprakelijkheid = _regel("aansprakelijkheid")

    INHOUD = tuple(ONDERDEEL_LABELS)
    REGELING_TEKST = (
        "informerenBetrokkenen",
        "contactpunt",
        "beveiliging",
        "klachten",
        "incidenten",
        "aansprakelijkheid",
    )

    def __init__(self, *args, controllers=(), nieuw: bool = False, alleen_regeling: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["gv_melderDatalekken"]).choices = [
            ("", "Nog niet afgesproken"),
            *[(str(c.uuid), c.naam) for c in controllers],
        ]
        if not nieuw:
            del self.fields["code"]
        if alleen_regeling:
            for naam in ("naam", *self.INHOUD):
                del self.fields[naam]

    @property
    def algemeen(self):
        return [self[n] for n in ("code", "naam") if n in self.fields]

    @property
    def onderdelen(self):
        return [self[n] for n in self.INHOUD if n in self.fields]

    @property
    def regeling(self):
        return [self[n] for n in self.fields if n.startswith("gv_")]

    def veld_van(self, naam: str) -> str:
        """The services' `invalidParams` names → form fields."""
        if naam.startswith("inhoud."):
            return naam.removeprefix("inhoud.")
        if naam.startswith("gezamenlijkeVerantwoordelijkheid."):
            return "gv_" + naam.removeprefix("gezamenlijkeVerantwoordelijkheid.")
        return naam

    def data_voor_service(self) -> dict:
        d = self.cleaned_data
        data: dict = {
            "regeling": {
                "modules": d.get("gv_modules") or [],
                **{k: d.get(f"gv_{k}", "") for k in self.REGELING_TEKST},
                "melderDatalekken": d.get("gv_melderDatalekken") or None,
            }
        }
        if "naam" in self.fields:
            data["naam"] = d["naam"]
            data["inhoud"] = {k: d.get(k, "") for k in self.INHOUD}
        if d.get("code"):
            data["code"] = d["code"]
        return data


def beginwaarden(convenant) -> dict:
    """The form's initial values from a convenant."""
    regeling = convenant.regeling()
    melder = regeling.pop("melderDatalekken")
    return {
        "naam": convenant.naam,
        **convenant.inhoud(),
        **{f"gv_{k}": v for k, v in regeling.items()},
        "gv_melderDatalekken": str(melder.uuid) if melder else "",
    }


class ToetredingFormulier(Formulier):
    organisatie = forms.ChoiceField(
        label="Organisatie",
        error_messages={"invalid_choice": "Kies een organisatie.", "required": "Kies een organisatie."},
    )
    datum = _datumveld("Datum van toetreding", required=True)
    einddatum = _datumveld("Einddatum", "Alleen invullen als al bekend is wanneer de organisatie stopt.")

    def __init__(self, *args, organisaties=(), **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["organisatie"]).choices = [
            ("", "Kies"),
            *[(str(o.uuid), o.naam) for o in organisaties],
        ]

    VELDNAMEN = {"organisatie": "organisatie", "einddatum": "einddatum"}


class EinddatumFormulier(Formulier):
    einddatum = _datumveld(
        "Laatste dag van de toetreding",
        "Daarna kan de organisatie geen signalen meer afgeven of verlengen. Haar actieve signalen worden "
        "binnen de afgesproken termijn overgedragen of vervallen (VI-25).",
        required=True,
    )
    VELDNAMEN = {"einddatum": "einddatum"}


class OvereenkomstFormulier(Formulier):
    """A processor agreement (RG-06)."""

    partij = forms.CharField(
        label="Verwerker", max_length=200, help_text="De organisatie die voor u verwerkt."
    )
    reikwijdte = _tekstveld(
        "Reikwijdte", "Welke gegevens verwerkt de verwerker, voor welke verwerkingen?", max_length=MAX_TEKST
    )
    geldig_vanaf = _datumveld("Geldig vanaf", required=True)
    geldig_tot = _datumveld("Geldig tot en met", "Leeg: geen einddatum.")

    VELDNAMEN = {
        "partij": "partij",
        "reikwijdte": "reikwijdte",
        "geldigVanaf": "geldig_vanaf",
        "geldigTot": "geldig_tot",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _verplicht(self.fields["reikwijdte"], "Beschrijf wat de verwerker voor u doet.")
        self.fields["partij"].error_messages["required"] = "Noem de verwerker."


class OvereenkomstFilter(Formulier):
    soort = forms.ChoiceField(label="Soort", required=False, choices=[("", "Alle"), *SOORTEN.items()])
    geldigheid = forms.ChoiceField(
        label="Geldigheid",
        required=False,
        choices=[("", "Alle"), *((k, v[0]) for k, v in GELDIGHEDEN.items())],
    )
