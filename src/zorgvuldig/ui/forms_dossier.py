"""Forms of the dossier pages (SPEC §5). Like the verwijsindex forms they only parse what was typed (dates,
choices, lines); the dossier services decide (DS-02 … DS-17, AC-04) and their Dutch reasons are put next to
the fields. That is why almost no field is required here: the service's message says what is missing and
which rule asks for it. `VELDNAMEN` per form maps the service's `invalidParams` names (API §2.4) to fields.
"""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.formats import date_format

from zorgvuldig.dossiers import policies
from zorgvuldig.organisaties.models import Gebruiker, Team
from zorgvuldig.ui.forms import Formulier
from zorgvuldig.ui.forms_vi import RADIO, _datumveld, _keuze, _meerkeuze, _verplicht

# --- Dutch labels (B1) -----------------------------------------------------------------------------

SOORTEN = {"individueel": "Individueel", "gezin": "Gezin"}
STATUS = {
    policies.GEREGISTREERD: "Geregistreerd",
    policies.VRAAGVERHELDERING: "Vraagverheldering",
    policies.PLAN_VASTGESTELD: "Plan vastgesteld",
    policies.MONITORING: "Monitoring",
    policies.PLAN_HERZIEN: "Plan wordt herzien",
    policies.GESLOTEN: "Gesloten",
}
KADERS = {policies.VRIJWILLIG: "Vrijwillig", policies.DRANG: "Drang", policies.DWANG: "Dwang"}
KADER_UITLEG = {
    policies.VRIJWILLIG: "De cliënt doet vrijwillig mee en mag altijd stoppen (DS-15).",
    policies.DRANG: "Er is druk om mee te werken, maar geen uitspraak van een rechter. "
    "De cliënt mag stoppen (DS-15).",
    policies.DWANG: "Een rechter heeft de hulp opgelegd. De hulp stopt niet als de cliënt dat wil (DS-15).",
}
UITSPRAKEN = {
    "machtiging_gesloten_jeugdhulp": "(Spoed)machtiging gesloten jeugdhulp",
    "kinderbeschermingsmaatregel": "Kinderbeschermingsmaatregel",
    "jeugdreclassering": "Jeugdreclassering",
}
SECTIES = {
    "identificatie": "Identificatie",
    "verwijzing": "Verwijzing",
    "zrm": "ZRM",
    "plan": "Plan",
    "voortgang": "Voortgang",
    "notities": "Notities",
    "eigen_verklaringen": "Eigen verklaringen",
    "gezondheid": "Gezondheid (bijzonder persoonsgegeven)",
    "justitie": "Justitie (bijzonder persoonsgegeven)",
    "veiligheid": "Veiligheid",
    "delen": "Delen",
    "afsluiting": "Afsluiting",
}
NOTITIE_SOORTEN = {
    "feit": "Feit",
    "mening": "Mening (professioneel oordeel)",
    "client_visie": "Visie van de cliënt",
}
BRONNEN = {
    "eigen_waarneming": "Eigen waarneming",
    "client": "De cliënt",
    "derde": "Iemand anders (noem wie)",
    "document": "Een document (noem welk)",
}
# AC-12: offered on the note form only to a team member employed by a partner organisation.
PARTNER_BRON = "Het systeem van mijn werkgever (partnerorganisatie)"
NOTITIE_BRONNEN = {**BRONNEN, policies.PARTNER: PARTNER_BRON}
GRONDSLAGEN = {
    "uitdrukkelijke_toestemming": "Uitdrukkelijke toestemming van de cliënt",
    "wettelijke_taak": "Een wettelijke taak die deze verwerking regelt",
}
ZRM_DOMEINEN = {
    "inkomen": "Financiën en inkomen",
    "dagbesteding": "Dagbesteding",
    "huisvesting": "Huisvesting",
    "gezinsrelaties": "Gezinsrelaties",
    "geestelijke_gezondheid": "Geestelijke gezondheid",
    "lichamelijke_gezondheid": "Lichamelijke gezondheid",
    "verslaving": "Verslaving",
    "adl": "Algemene dagelijkse levensverrichtingen (ADL)",
    "sociaal_netwerk": "Sociaal netwerk",
    "maatschappelijke_participatie": "Maatschappelijke participatie",
    "justitie": "Justitie",
}
ZRM_NIVEAUS = {
    1: "1 – Acute problematiek",
    2: "2 – Niet zelfredzaam",
    3: "3 – Beperkt zelfredzaam",
    4: "4 – Voldoende zelfredzaam",
    5: "5 – Volledig zelfredzaam",
}
MELDCODE = {
    1: "Stap 1 – Signalen in kaart brengen",
    2: "Stap 2 – Collega raadplegen (en zo nodig Veilig Thuis)",
    3: "Stap 3 – Gesprek met de cliënt",
    4: "Stap 4 – Wegen: is er geweld of kindermishandeling, en hoe ernstig?",
    5: "Stap 5 – Beslissen: hulp organiseren en/of melden bij Veilig Thuis",
}
AFSLUITREDENEN = {
    "afgerond": "De hulp is afgerond",
    "client_stopt": "De cliënt wil stoppen",
    "niet_meewerken": "De cliënt werkt niet mee (laatste redmiddel)",
}
ROLLEN = {"casusteam": "Casusteam", "vervanger": "Vervanger", "zorgcoordinator": "Zorgcoördinator"}
LID_ROLLEN = {"client": "Cliënt", "gezinslid": "Gezinslid"}
ERNST = {"laag": "Laag", "midden": "Midden", "hoog": "Hoog"}
ZORGSIGNAAL_STATUS = {
    "ontvangen": "Ontvangen",
    "beoordeeld": "Beoordeeld",
    "melding": "Omgezet in een dossier",
    "afgewezen": "Afgewezen",
}
CONTACT_DOOR = {"team": "Het team", "verwijzer": "De verwijzer"}
JA_NEE = [("ja", "Ja"), ("nee", "Nee")]


def ja_nee(waarde: str | None) -> bool | None:
    """A yes/no radio: nothing chosen stays None, so the service can say that it is missing."""
    return {"ja": True, "nee": False}.get(waarde or "")


def regels(tekst: str | None) -> list[str]:
    return [r.strip() for r in (tekst or "").splitlines() if r.strip()]


def persoon_label(p) -> str:
    naam = " ".join(d for d in (p.voornamen, p.voorvoegsel, p.geslachtsnaam) if d)
    return f"{naam} (geboren {date_format(p.geboortedatum, 'j F Y')})" if p.geboortedatum else naam


def _tekstveld(label: str, help_text: str = "", max_length: int = 4000, **kwargs) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=False,
        help_text=help_text,
        widget=forms.Textarea,
        **kwargs,
    )


def _regel(label: str, help_text: str = "", max_length: int = 200) -> forms.CharField:
    return forms.CharField(label=label, max_length=max_length, required=False, help_text=help_text)


def _keuzelijst(label: str, keuzes, help_text: str = "", leeg: str = "Kies") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=[("", leeg), *keuzes],
        required=False,
        help_text=help_text,
        error_messages={"invalid_choice": "Kies een van de mogelijkheden."},
    )


class _OpenKeuze(forms.ChoiceField):
    """A choice that shows only what the user may do, yet passes any known value on to the service, so
    that acting without the right gets the service's own refusal (AC-05, AC-10) rather than a form error."""

    def __init__(self, *args, bekend=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.bekend = frozenset(bekend)

    def valid_value(self, value) -> bool:
        return value in self.bekend or super().valid_value(value)


class _PersoonKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        functie = f", {obj.functie}" if getattr(obj, "functie", "") else ""
        return f"{obj.naam}{functie}"


class _PersonenKeuze(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        functie = f", {obj.functie}" if getattr(obj, "functie", "") else ""
        return f"{obj.naam}{functie}"


# --- Mijn dossiers: a new dossier -----------------------------------------------------------------


class NieuwDossierFormulier(Formulier):
    """A new case file for the user's team (AC-02): the client and, for a household, its members (DS-11)."""

    VELDNAMEN = {"soort": "soort", "team": "team", "leden": "client"}

    soort = _keuze("Soort dossier", list(SOORTEN.items()), "Een gezinsdossier is voor een heel huishouden.")
    team = forms.ModelChoiceField(
        label="Team",
        queryset=Team.objects.none(),
        required=False,
        empty_label="Kies het team",
        help_text="Alleen uw eigen team(s).",
    )
    client = _keuzelijst(
        "Cliënt",
        [],
        "U ziet alleen personen waarvoor u toegang heeft. Staat de cliënt er niet bij? Registreer de persoon "
        "dan eerst.",
        leeg="Kies de cliënt",
    )
    andere_clienten = _meerkeuze(
        "Andere gezinsleden die ook cliënt zijn",
        [],
        "Alleen bij een gezinsdossier: gezinsleden die zelf direct bij de hulp betrokken zijn (PE-09).",
    )
    gezinsleden = _meerkeuze(
        "Overige gezinsleden",
        [],
        "Alleen bij een gezinsdossier, en alleen als zij nodig zijn voor de hulp (PE-10).",
    )

    def __init__(self, *args, teams, personen, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["team"]).queryset = teams
        keuzes = [(str(p.uuid), persoon_label(p)) for p in personen]
        cast(forms.ChoiceField, self.fields["client"]).choices = [("", "Kies de cliënt"), *keuzes]
        for naam in ("andere_clienten", "gezinsleden"):
            cast(forms.MultipleChoiceField, self.fields[naam]).choices = keuzes

    def leden(self) -> list[tuple[str, str]]:
        d = self.cleaned_data
        leden = [(d["client"], "client")] if d.get("client") else []
        leden += [(u, "client") for u in d.get("andere_clienten") or []]
        leden += [(u, "gezinslid") for u in d.get("gezinsleden") or []]
        return leden


# --- Overzicht: informing (DS-02), agreement (DS-03), deviation -----------------------------------


class InformerenFormulier(Formulier):
    VELDNAMEN = {
        "mondelingOp": "mondeling_op",
        "schriftelijkOp": "schriftelijk_op",
        "onderwerpen": "onderwerpen",
    }

    mondeling_op = _datumveld("Mondeling verteld op")
    schriftelijk_op = _datumveld("Schriftelijk gegeven op", "Bijvoorbeeld de folder of een brief.")
    onderwerpen = _meerkeuze(
        "Wat heeft u de cliënt verteld?", [], "Vink elk onderwerp aan dat u heeft verteld."
    )

    def __init__(self, *args, verwezen: bool, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.MultipleChoiceField, self.fields["onderwerpen"]).choices = [
            (k, f"({k}) {v}" if k != "verwijzer" else v)
            for k, v in policies.INFORMATIE_ONDERWERPEN.items()
            if k != "verwijzer" or verwezen
        ]


class InstemmingFormulier(Formulier):
    VELDNAMEN = {"persoon": "persoon", "gegeven": "gegeven", "datum": "datum"}

    persoon = _keuze("Wie?", [])
    gegeven = _keuze("Stemt deze persoon in met de hulp van het team?", JA_NEE)
    datum = _datumveld("Datum")

    def __init__(self, *args, leden, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["persoon"]).choices = leden


class AfwijkingFormulier(Formulier):
    VELDNAMEN = {"afwijkingReden": "reden"}

    reden = _tekstveld(
        "Reden om te starten zonder volledige informering",
        "Bijvoorbeeld: de cliënt is in crisis en kan de informatie nu niet opnemen. Het team informeert "
        "later alsnog.",
        max_length=2000,
    )


# --- Notities (DS-07, DS-09, DS-10, DS-13, PE-11) ---------------------------------------------------


class NotitieFormulier(Formulier):
    VELDNAMEN = {
        "sectie": "sectie",
        "soort": "soort",
        "bron.soort": "bron_soort",
        "bron.omschrijving": "bron_omschrijving",
        "bron.organisatie": "bron_soort",
        "bron.noodzaak": "noodzaak",
        "bron.besprokenMetClient": "besproken_met_client",
        "geverifieerd": "geverifieerd",
        "basis": "basis",
        "tekst": "tekst",
        "corrigeert": "corrigeert",
        "betreft": "betreft",
        "bijzondereGrondslag": "grondslag",
    }

    sectie = _OpenKeuze(
        label="Onderdeel van het dossier",
        choices=[("", "Kies het onderdeel")],
        required=False,
        bekend=policies.NOTITIE_SECTIES,
        help_text="Gezondheid en justitie zijn bijzondere persoonsgegevens: die kunt u alleen kiezen met een "
        "aparte toestemming (AC-10).",
    )
    soort = _keuze(
        "Soort notitie",
        list(NOTITIE_SOORTEN.items()),
        "Een feit kunt u nagaan. Een mening is uw professionele oordeel. De visie van de cliënt is hoe de "
        "cliënt het zelf ziet (DS-07).",
    )
    tekst = _tekstveld("Notitie", max_length=20000)
    basis = _tekstveld(
        "Waarop baseert u uw oordeel?",
        "Alleen bij een mening: bijvoorbeeld gesprekken, waarnemingen of een rapport.",
    )
    bron_soort = _OpenKeuze(
        label="Bron",
        choices=list(BRONNEN.items()),
        required=False,
        bekend=policies.BRONNEN,
        help_text="Van wie of waar komt deze informatie?",
        widget=forms.RadioSelect(attrs=dict(RADIO)),
        error_messages={"invalid_choice": "Kies een van de mogelijkheden."},
    )
    bron_omschrijving = _regel(
        "Naam van de persoon of het document", "Bij iemand anders of een document.", 500
    )
    noodzaak = _tekstveld(
        "Waarom zijn deze gegevens van uw werkgever nodig?",
        "Alleen bij gegevens uit het systeem van uw werkgever: neem alleen over wat nodig is voor de "
        "ondersteuning (AC-12).",
        max_length=2000,
    )
    besproken_met_client = _keuze(
        "Heeft u deze gegevens met de cliënt besproken?",
        JA_NEE,
        "Gegevens uit het systeem van uw werkgever bespreekt u met de cliënt (AC-12).",
    )
    geverifieerd = _keuze("Heeft u het nagegaan (geverifieerd)?", JA_NEE)
    betreft = _meerkeuze("Over wie gaat deze notitie?", [], "Niets gekozen: de cliënt(en) van het dossier.")
    deelbaar = forms.BooleanField(
        label="Mag gedeeld worden met alle gezinsleden (ook in een gezamenlijk plan)",
        required=False,
    )
    corrigeert = _keuzelijst(
        "Verbetert deze notitie een eerdere?",
        [],
        "Een notitie wordt nooit gewijzigd of gewist. Een fout verbetert u met een nieuwe notitie (DS-07).",
        leeg="Nee, dit is een nieuwe notitie",
    )
    grondslag = _keuze(
        "Grondslag voor bijzondere persoonsgegevens",
        list(GRONDSLAGEN.items()),
        "Alleen bij gezondheid of justitie (DS-10).",
    )
    toestemming = _keuzelijst("Welke uitdrukkelijke toestemming?", [], leeg="Kies de toestemming")
    wettelijke_bepaling = _regel(
        "Wettelijke bepaling", "Bijvoorbeeld: Jeugdwet art. 7.4.0 of Wmo 2015 art. 5.1.1.", 300
    )

    BIJZONDER = ("grondslag", "toestemming", "wettelijke_bepaling")
    PARTNER = ("noodzaak", "besproken_met_client")

    def __init__(self, *args, secties, leden, notities, toestemmingen, gezin: bool, partner=None, **kwargs):
        """`partner`: (uuid, naam) of the partner organisation employing the user (AC-12), or None."""
        super().__init__(*args, **kwargs)
        self.partner = partner
        if partner is None:
            for naam in self.PARTNER:
                del self.fields[naam]
        else:
            cast(forms.ChoiceField, self.fields["bron_soort"]).choices = [
                *BRONNEN.items(),
                (policies.PARTNER, f"Het systeem van {partner[1]}, mijn werkgever (partnerorganisatie)"),
            ]
        cast(forms.ChoiceField, self.fields["sectie"]).choices = [
            ("", "Kies het onderdeel"),
            *[(s, SECTIES[s]) for s in secties],
        ]
        cast(forms.MultipleChoiceField, self.fields["betreft"]).choices = leden
        cast(forms.ChoiceField, self.fields["corrigeert"]).choices = [
            ("", "Nee, dit is een nieuwe notitie"),
            *notities,
        ]
        cast(forms.ChoiceField, self.fields["toestemming"]).choices = [
            ("", "Kies de toestemming"),
            *toestemmingen,
        ]
        if not gezin:
            del self.fields["deelbaar"]
        if len(leden) < 2:
            del self.fields["betreft"]
        if not set(secties) & policies.BIJZONDERE_SECTIES:  # AC-10: no special section, no DS-10 fields
            for naam in self.BIJZONDER:
                del self.fields[naam]
        elif not toestemmingen:
            del self.fields["toestemming"]

    @property
    def bijzonder(self):
        return [self[n] for n in self.BIJZONDER if n in self.fields]

    @property
    def gewoon(self):
        return [self[n] for n in self.fields if n not in self.BIJZONDER]

    def data_voor_service(self) -> dict:
        d = self.cleaned_data
        data: dict = {
            "sectie": d.get("sectie") or "",
            "soort": d.get("soort") or None,
            "tekst": d.get("tekst") or "",
            "basis": d.get("basis") or "",
            "bron": {"soort": d.get("bron_soort") or None, "omschrijving": d.get("bron_omschrijving") or ""},
            "geverifieerd": ja_nee(d.get("geverifieerd")),
            "betreft": list(d.get("betreft") or []) or None,
            "deelbaar_met_alle_leden": bool(d.get("deelbaar")),
            "corrigeert": d.get("corrigeert") or None,
        }
        if d.get("bron_soort") == policies.PARTNER:
            # AC-12: always the user's own employer; the service checks that it is a partner.
            data["bron"] |= {
                "organisatie": self.partner[0] if self.partner else None,
                "noodzaak": d.get("noodzaak") or "",
                "besproken_met_client": ja_nee(d.get("besproken_met_client")),
            }
        if "grondslag" in self.fields:
            data["bijzondere_grondslag"] = {
                "soort": d.get("grondslag") or None,
                "toestemming": d.get("toestemming") or None,
                "wettelijke_bepaling": d.get("wettelijke_bepaling") or "",
            }
        return data


class VerklaringFormulier(Formulier):
    """DS-09: stored exactly as given, so nothing is stripped."""

    VELDNAMEN = {"persoon": "persoon", "tekst": "tekst", "notitie": "tekst"}

    persoon = _keuzelijst("Van wie is de verklaring?", [], leeg="Kies de persoon")
    tekst = forms.CharField(
        label="Wat zegt de cliënt zelf over dit oordeel?",
        max_length=20000,
        required=False,
        strip=False,
        widget=forms.Textarea,
        help_text="Schrijf het op zoals de cliënt het zegt. Het wordt niet veranderd en blijft bij het "
        "oordeel.",
    )

    def __init__(self, *args, leden, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["persoon"]).choices = [("", "Kies de persoon"), *leden]


class VerbergenFormulier(Formulier):
    VELDNAMEN = {"persoon": "persoon", "reden": "reden", "reviewdatum": "reviewdatum"}

    persoon = _keuzelijst("Verbergen voor", [], leeg="Kies het gezinslid")
    reden = _tekstveld("Reden", "Bijvoorbeeld: deze persoon wordt verdacht van geweld.", 2000)
    reviewdatum = _datumveld("Opnieuw bekijken op", "Een datum in de toekomst (DS-13).")

    def __init__(self, *args, leden, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["persoon"]).choices = [("", "Kies het gezinslid"), *leden]


class MarkerenFormulier(Formulier):
    VELDNAMEN = {"persoon": "persoon", "reden": "reden"}

    persoon = _keuzelijst("Welke jongere?", [], leeg="Kies de jongere")
    reden = _tekstveld(
        "Reden", "Waarom is geheimhouding tegenover de ouders in het belang van de jongere? (PE-11)", 2000
    )

    def __init__(self, *args, leden, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["persoon"]).choices = [("", "Kies de jongere"), *leden]


# --- ZRM (DS-05) ----------------------------------------------------------------------------------


class ZrmFormulier(Formulier):
    VELDNAMEN = {
        "domein": "domein",
        "niveau": "niveau",
        "onderbouwing": "onderbouwing",
        "besprokenMetClient": "besproken_met_client",
        "betreft": "persoon",
        "persoon": "persoon",
    }

    persoon = _keuzelijst("Voor wie?", [], leeg="Kies de persoon")
    domein = _OpenKeuze(
        label="Domein", choices=[("", "Kies het domein")], required=False, bekend=tuple(policies.ZRM_DOMEINEN)
    )
    niveau = _keuze("Niveau", [(str(k), v) for k, v in ZRM_NIVEAUS.items()])
    onderbouwing = _tekstveld(
        "Feitelijke onderbouwing",
        "Welke feiten horen bij dit niveau? Schrijf op wat u zag of hoorde (DS-05).",
    )
    besproken_met_client = _keuze("Samen met de cliënt ingevuld?", JA_NEE)

    def __init__(self, *args, leden, domeinen, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["persoon"]).choices = [("", "Kies de persoon"), *leden]
        cast(forms.ChoiceField, self.fields["domein"]).choices = [
            ("", "Kies het domein"),
            *[(d, ZRM_DOMEINEN[d]) for d in domeinen],
        ]
        if len(leden) < 2:
            del self.fields["persoon"]

    def niveau_getal(self) -> int | None:
        waarde = self.cleaned_data.get("niveau")
        return int(waarde) if waarde else None


# --- Plan (DS-06, DS-12) --------------------------------------------------------------------------

ACTIE_RIJEN = 4


class PlanFormulier(Formulier):
    VELDNAMEN = {"doelen": "doelen", "notities": "notities"}

    doelen = _tekstveld("Doelen", "Eén doel per regel.")
    voorzieningen = _tekstveld("Voorzieningen", "Eén per regel (niet verplicht).")
    basishulp = _tekstveld("Eigen basishulp van het team", "Wat doet het team zelf? (niet verplicht)")
    professionals = _tekstveld(
        "Betrokken professionals",
        "Eén per regel: naam, en na een komma de contactgegevens. Bijvoorbeeld: Jan de Vries, 010-1234567.",
    )
    gezamenlijk = forms.BooleanField(
        label="Dit is een gezamenlijk gezinsplan",
        required=False,
        help_text="Een gezamenlijk plan bevat alleen notities die met alle gezinsleden gedeeld mogen worden "
        "(DS-12).",
    )
    notities = _meerkeuze(
        "Notities in het plan", [], "Kies de notities die bij dit plan horen (niet verplicht)."
    )

    def __init__(self, *args, notities, gezin: bool, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(1, ACTIE_RIJEN + 1):
            self.fields[f"actie_{i}"] = _regel(f"Actie {i}", max_length=1000)
            self.fields[f"uitvoerder_{i}"] = _regel(f"Wie voert actie {i} uit?")
            self.fields[f"actie_{i}"].widget.attrs["class"] = "utrecht-textbox utrecht-textbox--html-input"
            self.fields[f"uitvoerder_{i}"].widget.attrs["class"] = (
                "utrecht-textbox utrecht-textbox--html-input"
            )
        cast(forms.MultipleChoiceField, self.fields["notities"]).choices = notities
        if not gezin:
            del self.fields["gezamenlijk"]
        if not notities:
            del self.fields["notities"]
        self._acties: list[int] = []

    @property
    def actievelden(self):
        return [self[n] for n in self.fields if n.startswith(("actie_", "uitvoerder_"))]

    @property
    def overige(self):
        return [self[n] for n in self.fields if not n.startswith(("actie_", "uitvoerder_", "doelen"))]

    def data_voor_service(self) -> dict:
        d = self.cleaned_data
        acties = []
        self._acties = []
        for i in range(1, ACTIE_RIJEN + 1):
            wat, wie = (d.get(f"actie_{i}") or "").strip(), (d.get(f"uitvoerder_{i}") or "").strip()
            if wat or wie:
                acties.append({"omschrijving": wat, "uitvoerder": wie})
                self._acties.append(i)
        professionals = []
        for regel in regels(d.get("professionals")):
            naam, _, contact = regel.partition(",")
            professionals.append({"naam": naam.strip(), "contact": contact.strip()})
        return {
            "doelen": regels(d.get("doelen")),
            "acties": acties,
            "voorzieningen": regels(d.get("voorzieningen")),
            "basishulp": d.get("basishulp") or "",
            "betrokkenProfessionals": professionals,
            "gezamenlijk": bool(d.get("gezamenlijk")),
            "notities": list(d.get("notities") or []),
        }

    def veld_van(self, naam: str) -> str:
        """`acties.N` is the N-th filled row: name the field of that row."""
        if naam.startswith("acties."):
            index = int(naam.split(".")[1])
            if index < len(self._acties):
                return f"actie_{self._acties[index]}"
        return self.VELDNAMEN.get(naam, naam)


class VaststellenFormulier(Formulier):
    VELDNAMEN = {"metClientAfgesprokenOp": "met_client_afgesproken_op"}

    met_client_afgesproken_op = _datumveld(
        "Met de cliënt afgesproken op",
        "Het plan wordt pas vastgesteld als het met de cliënt is afgesproken (DS-06).",
    )


# --- Verwijzing (DS-04) ---------------------------------------------------------------------------


class VerwijzingFormulier(Formulier):
    VELDNAMEN = {
        "reden": "reden",
        "besprokenMetClient": "besproken_met_client",
        "clientAkkoord": "client_akkoord",
        "contactDoor": "contact_door",
    }

    verwijzer_naam = _regel("Naam van de verwijzer")
    verwijzer_contact = _regel("Contactgegevens van de verwijzer", "Telefoon of e-mail (niet verplicht).")
    reden = _tekstveld("Reden van de verwijzing")
    besproken_met_client = _keuze("Heeft de verwijzer de verwijzing met de cliënt besproken?", JA_NEE)
    client_akkoord = _keuze(
        "Is de cliënt akkoord met de verwijzing?",
        [("ja", "Ja"), ("nee", "Nee"), ("onbekend", "Nog niet bekend")],
    )
    contact_door = _keuze(
        "Wie neemt contact op met de cliënt?",
        list(CONTACT_DOOR.items()),
        "Nodig als de verwijzing niet is besproken of de cliënt (nog) niet akkoord is (DS-04).",
    )
    veiligheidsindicaties = _tekstveld(
        "Concrete aanwijzingen voor gevaar",
        "Alleen als de cliënt niet akkoord is: welke concrete aanwijzingen zijn er voor een bedreiging van "
        "de veiligheid van de cliënt, het gezin, de verwijzer, medewerkers of anderen? (DS-04)",
    )

    def data_voor_service(self) -> dict:
        d = self.cleaned_data
        return {
            "verwijzer": {"naam": d.get("verwijzer_naam") or "", "contact": d.get("verwijzer_contact") or ""},
            "reden": d.get("reden") or "",
            "besproken_met_client": ja_nee(d.get("besproken_met_client")),
            "client_akkoord": ja_nee(d.get("client_akkoord")),
            "contact_door": d.get("contact_door") or "",
            "veiligheidsindicaties": d.get("veiligheidsindicaties") or "",
        }


# --- Kader (DS-14) --------------------------------------------------------------------------------


class KaderFormulier(Formulier):
    VELDNAMEN = {
        "kader": "kader",
        "datum": "datum",
        "reden": "reden",
        "grondslag": "grondslag",
        "clientGeinformeerd": "client_geinformeerd",
        "uitspraak": "uitspraak_soort",
        "besluitvormer": "besluitvormer",
    }

    kader = _keuze("Nieuw kader", list(KADERS.items()))
    datum = _datumveld("Datum van de wijziging")
    reden = _tekstveld("Reden")
    grondslag = _regel("Wettelijke grondslag", "Bijvoorbeeld: BW 1:255 (ondertoezichtstelling).")
    besluitvormer = _PersoonKeuze(
        label="Wie besliste?",
        queryset=Gebruiker.objects.none(),
        required=False,
        empty_label="Ikzelf",
    )
    client_geinformeerd = forms.BooleanField(
        label="Ik heb de cliënt uitgelegd wat dit kader betekent en welke rechten de cliënt heeft",
        required=False,
    )
    uitspraak_soort = _keuzelijst(
        "Rechterlijke uitspraak", list(UITSPRAKEN.items()), "Alleen bij dwang.", leeg="Geen (geen dwang)"
    )
    uitspraak_kenmerk = _regel("Kenmerk van de uitspraak", "Alleen bij dwang.", 100)

    def __init__(self, *args, besluitvormers, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["besluitvormer"]).queryset = besluitvormers

    def data_voor_service(self) -> dict:
        d = self.cleaned_data
        return {
            "kader": d.get("kader") or "",
            "datum": d.get("datum"),
            "reden": d.get("reden") or "",
            "grondslag": d.get("grondslag") or "",
            "besluitvormer": str(d["besluitvormer"].uuid) if d.get("besluitvormer") else None,
            "client_geinformeerd": True if d.get("client_geinformeerd") else None,
            "uitspraak": {
                "soort": d.get("uitspraak_soort") or "",
                "kenmerk": d.get("uitspraak_kenmerk") or "",
            },
        }


# --- Veiligheid (DS-08) ---------------------------------------------------------------------------


class VeiligheidFormulier(Formulier):
    VELDNAMEN = {
        "meldcodestap": "meldcodestap",
        "risicotaxatie": "risicotaxatie",
        "geconsulteerd": "geconsulteerd",
        "geconsulteerdOp": "geconsulteerd_op",
    }

    meldcodestap = _keuze("Stap van de Meldcode", [(str(k), v) for k, v in MELDCODE.items()])
    risicotaxatie = _tekstveld(
        "Risicotaxatie", "Welke risico's ziet u voor de veiligheid van het kind?", 8000
    )
    geconsulteerd = _PersoonKeuze(
        label="Welke leidinggevende heeft u geraadpleegd?",
        queryset=Gebruiker.objects.none(),
        required=False,
        empty_label="Kies de leidinggevende",
    )
    geconsulteerd_op = _datumveld("Datum van het overleg")
    veiligheidsplan = _tekstveld("Veiligheidsplan", "Welke afspraken zijn gemaakt? (niet verplicht)", 8000)

    def __init__(self, *args, leidinggevenden, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["geconsulteerd"]).queryset = leidinggevenden

    def data_voor_service(self) -> dict:
        d = self.cleaned_data
        stap = d.get("meldcodestap")
        return {
            "meldcodestap": int(stap) if stap else None,
            "risicotaxatie": d.get("risicotaxatie") or "",
            "geconsulteerd": str(d["geconsulteerd"].uuid) if d.get("geconsulteerd") else None,
            "geconsulteerd_op": d.get("geconsulteerd_op"),
            "veiligheidsplan": d.get("veiligheidsplan") or "",
        }


# --- Afsluiten (DS-15, DS-16, DS-17) --------------------------------------------------------------


class AfsluitenFormulier(Formulier):
    VELDNAMEN = {
        "einddatum": "einddatum",
        "clientOordeel": "client_oordeel",
        "resultaten": "resultaten",
        "reden": "reden",
        "laatsteRedmiddel": "laatste_redmiddel",
    }

    einddatum = _datumveld("Einddatum")
    reden = _keuze("Waarom stopt de hulp?", list(AFSLUITREDENEN.items()))
    client_oordeel = _tekstveld("Oordeel van de cliënt", "Wat vindt de cliënt van de hulp en het resultaat?")
    client_oordeel_geweigerd = forms.BooleanField(label="De cliënt wilde geen oordeel geven", required=False)
    resultaten = _tekstveld("Resultaten", "Wat is bereikt, en wat niet?")
    laatste_redmiddel = _tekstveld(
        "Besluit om te stoppen wegens niet meewerken",
        "Alleen bij 'werkt niet mee': wat is geprobeerd, en waarom is stoppen het laatste redmiddel? (DS-17)",
    )

    def data_voor_service(self) -> dict:
        d = self.cleaned_data
        return {
            "einddatum": d.get("einddatum"),
            "client_oordeel": d.get("client_oordeel") or "",
            "client_oordeel_geweigerd": bool(d.get("client_oordeel_geweigerd")),
            "resultaten": d.get("resultaten") or "",
            "reden": d.get("reden") or "",
            "laatste_redmiddel": d.get("laatste_redmiddel") or "",
        }


# --- Toewijzingen and team meeting (AC-04) --------------------------------------------------------


class ToewijzingFormulier(Formulier):
    VELDNAMEN = {"gebruiker": "gebruiker", "rol": "rol", "tot": "tot"}

    gebruiker = _PersoonKeuze(
        label="Medewerker",
        queryset=Gebruiker.objects.none(),
        required=False,
        empty_label="Kies een medewerker",
    )
    rol = _keuze(
        "Rol",
        list(ROLLEN.items()),
        "Casusteam: lezen, vastleggen en aanvullen. Vervanger: lezen en aanvullen (AC-04).",
    )
    tot = _datumveld("Tot en met", "Niet verplicht. Leeg: tot u de toewijzing beëindigt.")

    def __init__(self, *args, collegas, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["gebruiker"]).queryset = collegas
        _verplicht(self.fields["gebruiker"], "Kies een medewerker.")


class TeambesprekingFormulier(Formulier):
    VELDNAMEN = {"aanwezigen": "aanwezigen"}

    aanwezigen = _PersonenKeuze(
        label="Wie zijn er bij het teamoverleg?",
        queryset=Gebruiker.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Zij kunnen vandaag de samenvatting van dit dossier lezen, en alleen vandaag (AC-04).",
    )

    def __init__(self, *args, teamleden, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["aanwezigen"]).queryset = teamleden


# --- Zorgsignalen ---------------------------------------------------------------------------------


class ZorgsignaalFormulier(Formulier):
    VELDNAMEN = {
        "ontvangenOp": "ontvangen_op",
        "kanaal": "kanaal",
        "zorg": "zorg",
        "melder.naam": "melder_naam",
        "persoon": "persoon",
        "team": "team",
    }

    team = forms.ModelChoiceField(
        label="Team", queryset=Team.objects.none(), required=False, empty_label="Kies het team"
    )
    ontvangen_op = _datumveld("Ontvangen op")
    kanaal = _regel("Hoe kwam het signaal binnen?", "Bijvoorbeeld: telefoon, e-mail of aan de balie.", 32)
    melder_naam = _regel("Naam van de melder")
    melder_contact = _regel("Contactgegevens van de melder", "Telefoon of e-mail (niet verplicht).")
    zorg = _tekstveld("Wat is de zorg?", max_length=8000)
    persoon = _keuzelijst(
        "Om wie gaat het?",
        [],
        "Niet verplicht. Weet u het nog niet? Dan koppelt u de persoon later.",
        leeg="Nog niet bekend",
    )

    def __init__(self, *args, teams, personen, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["team"]).queryset = teams
        cast(forms.ChoiceField, self.fields["persoon"]).choices = [
            ("", "Nog niet bekend"),
            *[(str(p.uuid), persoon_label(p)) for p in personen],
        ]

    def data_voor_service(self) -> dict:
        d = self.cleaned_data
        return {
            "ontvangen_op": d.get("ontvangen_op"),
            "kanaal": d.get("kanaal") or "",
            "melder": {"naam": d.get("melder_naam") or "", "contact": d.get("melder_contact") or ""},
            "zorg": d.get("zorg") or "",
            "persoon": d.get("persoon") or None,
        }


class ErnstFormulier(Formulier):
    VELDNAMEN = {"ernst": "ernst"}

    ernst = _keuze("Hoe ernstig is de zorg?", list(ERNST.items()))


class KoppelFormulier(Formulier):
    VELDNAMEN = {"persoon": "persoon"}

    persoon = _keuzelijst("Om wie gaat het?", [], leeg="Kies de persoon")

    def __init__(self, *args, personen, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["persoon"]).choices = [
            ("", "Kies de persoon"),
            *[(str(p.uuid), persoon_label(p)) for p in personen],
        ]
        _verplicht(self.fields["persoon"], "Kies de persoon om wie het gaat.")
