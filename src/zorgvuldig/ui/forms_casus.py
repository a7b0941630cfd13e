"""Forms of the case-table pages (SPEC §8). Like the dossier forms they only parse what was typed (dates,
choices, lines); the case-table services decide (CT-02 … CT-15) and their Dutch reasons are put next to the
fields. That is why almost no field is required here: the service's message says what is missing and which
rule asks for it. `VELDNAMEN` per form maps the service's `invalidParams` names (API §2.7) to fields.
"""

from __future__ import annotations

from typing import cast

from django import forms

from zorgvuldig.casusoverleg import policies
from zorgvuldig.ui.forms import Formulier
from zorgvuldig.ui.forms_dossier import (
    JA_NEE,
    _keuzelijst,
    _OpenKeuze,
    _regel,
    _tekstveld,
    ja_nee,
    regels,
)
from zorgvuldig.ui.forms_vi import _datumveld, _keuze, _meerkeuze, _verplicht
from zorgvuldig.verstrekkingen.policies import GRONDEN as SH_GRONDEN

# --- Dutch labels (B1) -----------------------------------------------------------------------------

SOORTEN = {
    "lokaal_pga": "Lokale persoonsgerichte aanpak (PGA)",
    "pga_zvh": "PGA Zorg- en Veiligheidshuis",
    "veiligheidshuis": "Casusoverleg Veiligheidshuis",
    "vroegsignalering": "Vroegsignalering",
    "jeugdgroepen": "Aanpak problematische jeugdgroepen",
    "kinderbeschermingstafel": "Kinderbeschermingstafel",
}
STATUS = {
    policies.AANGEMELD: "Aangemeld",
    policies.GEACCEPTEERD: "Geaccepteerd",
    policies.AFGEWEZEN: "Afgewezen",
    policies.TRIAGE: "Triage",
    policies.GEAGENDEERD: "Geagendeerd",
    policies.IN_OVERLEG: "In overleg",
    policies.PLAN_VASTGESTELD: "Plan vastgesteld",
    policies.MONITORING: "Monitoring",
    policies.PLAN_HERZIEN: "Plan wordt herzien",
    policies.AFSCHALING: "Afschaling",
    policies.GESLOTEN: "Gesloten",
}
FASEN = {
    policies.FASE_INTAKE: "Intake",
    policies.FASE_TRIAGE: "Triage",
    policies.FASE_OVERLEG: "Overleg",
    policies.FASE_AFSCHALING: "Afschaling",
}
ROLLEN = {
    policies.EIGEN_TAAK: "Eigen taak: doet mee met een eigen deel van het plan",
    policies.ADVISEUR: "Adviseur: ziet de casus zonder naam (gepseudonimiseerd)",
    policies.INFORMANT: "Informant: ziet alleen wie het is en de vraag aan hem",
}
ROLLEN_KORT = policies.DEELNEMERROL_NAMEN
ROLLEN_ALS = {
    policies.EIGEN_TAAK: "deelnemer met een eigen taak",
    policies.ADVISEUR: "adviseur",
    policies.INFORMANT: "informant",
}
REGISSEURS = {policies.PROCES: "Procesregisseur", policies.CASUS: "Casusregisseur"}
BIJDRAGESOORTEN = {
    policies.FEIT: "Feit",
    policies.GEBEURTENIS: "Gebeurtenis",
    policies.MENING: "Mening (professioneel oordeel)",
    policies.CLIENT_VISIE: "Visie van de cliënt",
}
BRONNEN = {
    "eigen_waarneming": "Eigen waarneming",
    "client": "De cliënt",
    "derde": "Iemand anders",
    "document": "Een document",
    "registratie": "Een registratie (bijvoorbeeld een politiesysteem)",
}
BIJDRAGESTATUS = {
    policies.ACTIEF: "Actief",
    policies.BEPERKT: "Beperkt tot een deel van de deelnemers",
    policies.INGETROKKEN: "Ingetrokken",
}
# CT-08: police and OM contribute under their own statute; care and government under consent or an SH ground.
GRONDEN = {
    policies.WPG_ART20: "Wet politiegegevens, artikel 20 (politie)",
    policies.OM_WET: "Eigen wettelijke grond van het Openbaar Ministerie",
    policies.TOESTEMMING: "Toestemming van de cliënt",
    **{code: g.label for code, g in SH_GRONDEN.items()},
}
# The plain transitions (services.ga_naar), in the order of the workflow, with the button text.
FASE_KNOPPEN = {
    policies.TRIAGE: "Naar triage",
    policies.GEAGENDEERD: "Agenderen",
    policies.IN_OVERLEG: "Overleg starten",
    policies.MONITORING: "Naar monitoring",
    policies.PLAN_HERZIEN: "Plan herzien",
    policies.AFSCHALING: "Afschalen",
}


def _stijl(veld: forms.Field) -> forms.Field:
    """A field added after `Formulier.__init__` gets the same NL Design System classes."""
    w = veld.widget
    if isinstance(w, forms.RadioSelect | forms.CheckboxSelectMultiple | forms.CheckboxInput):
        return veld
    if isinstance(w, forms.Select):
        w.attrs.setdefault("class", "utrecht-select utrecht-select--html-select")
    elif isinstance(w, forms.Textarea):
        w.attrs.setdefault("class", "utrecht-textarea utrecht-textarea--html-textarea")
    else:
        w.attrs.setdefault("class", "utrecht-textbox utrecht-textbox--html-input")
    return veld


def kort(tekst: str, lengte: int = 60) -> str:
    tekst = " ".join((tekst or "").split())
    return tekst if len(tekst) <= lengte else tekst[: lengte - 1] + "…"


def bijdrage_label(b: dict) -> str:
    """A contribution in a choice list: kind, contributor and the start of its text."""
    return f"{BIJDRAGESOORTEN.get(b['soort'], b['soort'])} van {b['inbrenger']}: {kort(b['inhoud'] or '')}"


# --- Registering (CT-02) -----------------------------------------------------------------------------


class AanmeldingFormulier(Formulier):
    VELDNAMEN = {
        "overlegtype": "overlegtype",
        "persoon": "persoon",
        "vraag": "vraag",
        "procesregisseur": "procesregisseur",
        "casusregisseur": "casusregisseur",
    }

    overlegtype = _keuzelijst(
        "Soort overleg", [], "Alleen de actieve overleggen van uw eigen organisatie.", leeg="Kies het overleg"
    )
    persoon = _keuzelijst(
        "Over wie gaat het?",
        [],
        "U ziet alleen personen waarvoor u toegang heeft. Bij vroegsignalering laat u dit leeg: het signaal "
        "wordt eerst zonder naam gewogen (CT-02).",
        leeg="Kies de persoon",
    )
    vraag = _tekstveld(
        "Vraag aan het overleg",
        "Wat moet het overleg bereiken? Schrijf alleen op wat daarvoor nodig is (CT-03). Noem de persoon "
        "niet bij naam: een adviseur ziet alleen een pseudoniem (CT-06).",
    )
    procesregisseur = _keuzelijst(
        "Procesregisseur", [], "Leeg: u bent zelf de procesregisseur.", leeg="Uzelf"
    )
    casusregisseur = _keuzelijst("Casusregisseur", [], "Mag u later kiezen.", leeg="Nog niemand")

    def __init__(self, *args, typen, personen, collegas, persoon_label, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["overlegtype"]).choices = [
            ("", "Kies het overleg"),
            *[(str(t.uuid), t.naam) for t in typen],
        ]
        cast(forms.ChoiceField, self.fields["persoon"]).choices = [
            ("", "Kies de persoon"),
            *[(str(p.uuid), persoon_label(p)) for p in personen],
        ]
        collega_keuzes = [(str(g.uuid), g.naam) for g in collegas]
        cast(forms.ChoiceField, self.fields["procesregisseur"]).choices = [("", "Uzelf"), *collega_keuzes]
        cast(forms.ChoiceField, self.fields["casusregisseur"]).choices = [
            ("", "Nog niemand"),
            *collega_keuzes,
        ]


# --- Intake (CT-02, CT-07) ---------------------------------------------------------------------------


class AccepterenFormulier(Formulier):
    """The criteria check, one yes/no per criterion of the table type, and informing the resident."""

    VELDNAMEN = {"clientGeinformeerd": "client_geinformeerd", "uitzonderingReden": "uitzondering_reden"}

    client_geinformeerd = _keuze(
        "Heeft u de betrokkene verteld over de aanmelding?",
        JA_NEE,
        "Vertel de betrokkene dat het overleg over hem of haar gaat, tenzij daar een goede reden voor is "
        "(SPEC §8 Intake).",
    )
    uitzondering_reden = _tekstveld(
        "Waarom vertelt u het (nog) niet?",
        "Alleen als u de betrokkene niet informeert. Bijvoorbeeld: het brengt iemand in gevaar.",
        max_length=2000,
    )

    def __init__(self, *args, criteria: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = [c for c in criteria if c.strip()]
        velden: dict[str, forms.Field] = {}
        for i, c in enumerate(self.criteria):
            velden[f"criterium_{i}"] = _keuze(c, JA_NEE)
        velden.update(self.fields)
        self.fields = velden

    def veld_van(self, naam: str) -> str:
        return self.VELDNAMEN.get(naam, naam)

    def criteria_toets(self) -> dict[str, bool]:
        """Only the answered criteria: an open one makes the service say every criterion needs an answer."""
        d = self.cleaned_data
        uit = {}
        for i, c in enumerate(self.criteria):
            antwoord = ja_nee(d.get(f"criterium_{i}"))
            if antwoord is not None:
                uit[c] = antwoord
        return uit


class AfwijzenFormulier(Formulier):
    VELDNAMEN = {"advies": "advies"}

    advies = _tekstveld(
        "Advies aan de aanmelder",
        "Wat kan de aanmelder nu het beste doen? Bijvoorbeeld: een ander overleg of hulp in de wijk (CT-02).",
    )


class WegenFormulier(Formulier):
    """CT-02: early signalling is first weighed without the person's name."""

    VELDNAMEN = {"agenderen": "agenderen", "advies": "advies"}

    agenderen = _keuze("Komt het signaal op de agenda van het overleg?", JA_NEE)
    advies = _tekstveld("Advies", "Waarom wel of niet, en wat is het advies aan de aanmelder?")


class PersoonFormulier(Formulier):
    """Vroegsignalering: the person is named once the weighing put the signal on the agenda."""

    VELDNAMEN = {"persoon": "persoon"}

    persoon = _keuzelijst(
        "Over wie gaat het?", [], "U ziet alleen personen waarvoor u toegang heeft.", leeg="Kies de persoon"
    )

    def __init__(self, *args, personen, persoon_label, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["persoon"]).choices = [
            ("", "Kies de persoon"),
            *[(str(p.uuid), persoon_label(p)) for p in personen],
        ]


# --- Participants (CT-04, CT-05, CT-06) --------------------------------------------------------------


class UitnodigenFormulier(Formulier):
    VELDNAMEN = {
        "organisatie": "organisatie",
        "gebruiker": "gebruiker",
        "rol": "rol",
        "reden": "reden",
        "vraag": "vraag",
    }

    organisatie = _OpenKeuze(
        label="Organisatie",
        choices=[("", "Kies de organisatie")],
        required=False,
        help_text="Alleen partners van dit overleg. Nodig alleen uit wie de casus echt nodig heeft (CT-04).",
        error_messages={"invalid_choice": "Kies een van de mogelijkheden."},
    )
    gebruiker = _OpenKeuze(
        label="Medewerker",
        choices=[("", "Kies de medewerker")],
        required=False,
        help_text="De medewerker van die organisatie die meedoet. Leeg: de hele organisatie.",
        error_messages={"invalid_choice": "Kies een van de mogelijkheden."},
    )
    rol = _keuze("Rol aan tafel (CT-06)", list(ROLLEN.items()))
    reden = _tekstveld("Waarom is deze partij nodig?", "Dit wordt vastgelegd bij de uitnodiging (CT-04).")
    vraag = _tekstveld(
        "Vraag aan de informant", "Alleen bij een informant: dit is alles wat hij ziet (CT-06)."
    )

    def __init__(self, *args, organisaties, bekend, gebruikers, bekende_gebruikers, **kwargs):
        """`organisaties`, `gebruikers`: what is offered; `bekend`, `bekende_gebruikers`: what else goes on to
        the service, which then says why it refuses (CT-04)."""
        super().__init__(*args, **kwargs)
        veld = cast(_OpenKeuze, self.fields["organisatie"])
        veld.choices = [("", "Kies de organisatie"), *[(str(o.uuid), o.naam) for o in organisaties]]
        veld.bekend = frozenset(str(u) for u in bekend)
        wie = cast(_OpenKeuze, self.fields["gebruiker"])
        wie.choices = [
            ("", "Kies de medewerker"),
            *[(str(g.uuid), f"{g.naam} ({g.organisatie.naam})") for g in gebruikers],
        ]
        wie.bekend = frozenset(str(u) for u in bekende_gebruikers)


class TriageFormulier(Formulier):
    """CT-05: the triage asks only whether the party knows the person, and a contact. Nothing else can be
    entered here."""

    VELDNAMEN = {
        "bekend": "bekend",
        "contact": "contact_naam",
        "contact.naam": "contact_naam",
        "contact.email": "contact_email",
        "contact.telefoon": "contact_telefoon",
    }

    bekend = _keuze("Kent uw organisatie deze persoon, of bent u bij hem of haar betrokken?", JA_NEE)
    contact_naam = _regel("Naam van de contactpersoon", "Als u de persoon kent: wie kan het overleg bellen?")
    contact_email = forms.EmailField(
        label="E-mailadres van de contactpersoon",
        required=False,
        max_length=254,
        error_messages={"invalid": "Vul een geldig e-mailadres in."},
    )
    contact_telefoon = _regel("Telefoonnummer van de contactpersoon", max_length=32)

    def antwoord(self) -> dict:
        d = self.cleaned_data
        antwoord: dict = {"bekend": ja_nee(d.get("bekend"))}
        contact = {
            "naam": d.get("contact_naam") or "",
            "email": d.get("contact_email") or "",
            "telefoon": d.get("contact_telefoon") or "",
        }
        if any(contact.values()):
            antwoord["contact"] = contact
        return antwoord


class BetrokkenheidFormulier(Formulier):
    """CT-07 and CT-13: how the client is involved (or why not), who informs the client and what may be
    shared. Only what changed goes to the service, like a PATCH."""

    VELDNAMEN = {
        "clientBetrokkenheid": "wijze",
        "informeertClient": "informeert_client",
        "deelbaarMetClient": "deelbaar_met_client",
    }

    wijze = _tekstveld(
        "Hoe wordt de cliënt betrokken?",
        "Bijvoorbeeld: de cliënt komt bij het tweede deel van het overleg (CT-07).",
        max_length=2000,
    )
    reden_niet = _tekstveld(
        "Of: waarom wordt de cliënt niet betrokken?",
        "Alleen als de cliënt niet meedoet. Bijvoorbeeld: vanwege de veiligheid (CT-07).",
        max_length=2000,
    )
    informeert_client = _keuzelijst(
        "Wie informeert de cliënt?", [], "Een deelnemer van het overleg (CT-13).", leeg="Nog niemand"
    )
    deelbaar_met_client = _tekstveld(
        "Wat mag met de cliënt gedeeld worden?", "Bijvoorbeeld: het plan (CT-13)."
    )

    def __init__(self, *args, deelnemers, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["informeert_client"]).choices = [("", "Nog niemand"), *deelnemers]

    def wijzigingen(self, huidig: dict) -> dict:
        """Only the parts that differ from what is recorded now."""
        d = self.cleaned_data
        uit: dict = {}
        cb = huidig.get("clientBetrokkenheid") or {}
        nieuw = {"wijze": d.get("wijze") or "", "redenNiet": d.get("reden_niet") or ""}
        if nieuw != {"wijze": cb.get("wijze") or "", "redenNiet": cb.get("redenNiet") or ""}:
            uit["clientBetrokkenheid"] = nieuw
        if (d.get("informeert_client") or None) != huidig.get("informeertClient"):
            uit["informeertClient"] = d.get("informeert_client") or None
        if (d.get("deelbaar_met_client") or "") != (huidig.get("deelbaarMetClient") or ""):
            uit["deelbaarMetClient"] = d.get("deelbaar_met_client") or ""
        return uit


# --- Contributions (CT-03, CT-08 … CT-10, CT-14) -------------------------------------------------------


class BijdrageFormulier(Formulier):
    VELDNAMEN = {
        "inhoud": "inhoud",
        "soort": "soort",
        "bron": "bron",
        "grond.soort": "grond",
        "grond.toestemming": "toestemming",
        "grond.deelbesluit": "deelbesluit",
        "gegevenscategorieen": "gegevenscategorieen",
        "noodzaak": "noodzaak",
    }

    inhoud = _tekstveld(
        "Uw bijdrage",
        "Alleen wat uw taak en dit overleg nodig hebben (CT-09). Noem de persoon niet bij naam: een adviseur "
        "ziet alleen een pseudoniem (CT-06).",
        max_length=20000,
    )
    soort = _keuze(
        "Soort bijdrage",
        list(BIJDRAGESOORTEN.items()),
        "Een feit kunt u nagaan. Een mening is uw professionele oordeel.",
    )
    bron = _keuze("Bron", list(BRONNEN.items()), "Van wie of waar komt deze informatie?")
    bijzonder = _keuze(
        "Gaat het om bijzondere persoonsgegevens, zoals gezondheid of justitie?",
        JA_NEE,
    )
    gegevenscategorieen = _regel(
        "Welke soorten gegevens brengt u in?",
        "Bijvoorbeeld: schoolgegevens, gezondheid. Scheid met komma's. Brengt u in met toestemming, dan moet "
        "de toestemming precies deze soorten gegevens noemen (CS-02).",
        max_length=600,
    )
    grond = _keuzelijst(
        "Op welke grond brengt u dit in?",
        list(GRONDEN.items()),
        "Politie en OM op hun eigen wet, nooit op toestemming. Zorg met toestemming van de cliënt of een "
        "grond uit het stappenplan (CT-08).",
        leeg="Kies de grond",
    )
    toestemming = _keuzelijst(
        "Welke toestemming?",
        [],
        "Een toestemming uit het register van uw eigen organisatie. Zij moet gelden voor het doel van dit "
        "overleg en elke organisatie aan tafel die meeleest als ontvanger noemen (of dit overleg zelf), "
        "anders wordt de bijdrage geweigerd (CS-02, CT-08).",
        leeg="Geen toestemming",
    )
    deelbesluit = _keuzelijst(
        "Welk deelbesluit?",
        [],
        "Brengt u in zonder toestemming op grond G4–G7, of bent u geheimhouder? Kies het besloten of "
        "uitgevoerde deelbesluit uit uw eigen register, met dezelfde grond en gericht aan een organisatie "
        "aan deze tafel. G5 geldt alleen als Veilig Thuis, de Raad of een GI aan tafel zit (CT-08, CT-09).",
        leeg="Geen deelbesluit",
    )
    noodzaak = _tekstveld(
        "Waarom heeft uw eigen taak dit nodig?",
        "Verplicht voor zorgpartners: breng alleen in wat uw taak vraagt (CT-09).",
        max_length=2000,
    )

    def __init__(self, *args, toestemmingen, deelbesluiten, veiligheidszaak: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if veiligheidszaak:
            self.fields[
                "soort"
            ].help_text = (
                "Dit is een veiligheidsoverleg: breng alleen concrete feiten en gebeurtenissen in (CT-14)."
            )
        if toestemmingen:
            cast(forms.ChoiceField, self.fields["toestemming"]).choices = [
                ("", "Geen toestemming"),
                *toestemmingen,
            ]
        else:
            del self.fields["toestemming"]
        if deelbesluiten:
            cast(forms.ChoiceField, self.fields["deelbesluit"]).choices = [
                ("", "Geen deelbesluit"),
                *deelbesluiten,
            ]
        else:
            del self.fields["deelbesluit"]

    def data_voor_service(self) -> dict:
        d = self.cleaned_data
        return {
            "inhoud": d.get("inhoud") or "",
            "soort": d.get("soort") or "",
            "bron": d.get("bron") or "",
            "bijzonder": ja_nee(d.get("bijzonder")) is True,
            "gegevenscategorieen": [
                c.strip() for r in regels(d.get("gegevenscategorieen")) for c in r.split(",") if c.strip()
            ],
            "grond": {
                "soort": d.get("grond") or "",
                "toestemming": d.get("toestemming") or None,
                "deelbesluit": d.get("deelbesluit") or None,
            },
            "noodzaak": d.get("noodzaak") or "",
        }


class BeperkenFormulier(Formulier):
    """CT-10: the contributor restricts its contribution to named participants."""

    VELDNAMEN = {"beperkTot": "beperk_tot"}

    beperk_tot = _meerkeuze("Alleen zichtbaar voor", [], "Kies de deelnemers die de bijdrage nog zien.")

    def __init__(self, *args, deelnemers, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.MultipleChoiceField, self.fields["beperk_tot"]).choices = deelnemers


# --- Allocation and the plan (CT-12, CT-13) -----------------------------------------------------------


class ToedelingFormulier(Formulier):
    VELDNAMEN = {"deelnemer": "deelnemer", "bijdragen": "bijdragen"}

    deelnemer = _OpenKeuze(
        label="Welke deelnemer krijgt de gegevens?",
        choices=[("", "Kies de deelnemer")],
        required=False,
        help_text="Alleen een deelnemer met een eigen taak in het plan (CT-12).",
        error_messages={"invalid_choice": "Kies een van de mogelijkheden."},
    )
    bijdragen = _meerkeuze(
        "Welke bijdragen heeft deze deelnemer nodig?",
        [],
        "De inbrenger van elke bijdrage keurt dit eerst goed (CT-10).",
    )

    def __init__(self, *args, deelnemers, bekend, bijdragen, **kwargs):
        super().__init__(*args, **kwargs)
        veld = cast(_OpenKeuze, self.fields["deelnemer"])
        veld.choices = [("", "Kies de deelnemer"), *deelnemers]
        veld.bekend = frozenset(bekend)
        cast(forms.MultipleChoiceField, self.fields["bijdragen"]).choices = bijdragen


class PlanFormulier(Formulier):
    VELDNAMEN = {"plan": "plan"}

    plan = _tekstveld(
        "Plan",
        "Wat gaat elke partij doen? Het overleg eindigt met het plan en de toedeling (CT-12).",
        max_length=20000,
    )


class VeiligheidsplanFormulier(Formulier):
    """CT-14: the jointly kept safety plan: who does what by when, one agreement per row."""

    RIJ = ("wie", "wat", "wanneer")

    def __init__(self, *args, afspraken: list[dict], **kwargs):
        rijen = max(len(afspraken) + 1, 3)
        initial = kwargs.pop("initial", None) or {}
        for i, a in enumerate(afspraken):
            for v in self.RIJ:
                initial.setdefault(f"{v}_{i}", a.get(v, ""))
        super().__init__(*args, initial=initial, **kwargs)
        self.rijen = rijen
        for i in range(rijen):
            self.fields[f"wie_{i}"] = _stijl(_regel(f"Afspraak {i + 1}: wie"))
            self.fields[f"wat_{i}"] = _stijl(_regel(f"Afspraak {i + 1}: wat", max_length=2000))
            self.fields[f"wanneer_{i}"] = _stijl(_regel(f"Afspraak {i + 1}: wanneer", max_length=100))
        self._gevuld: list[int] = []

    def afspraken(self) -> list[dict]:
        d = self.cleaned_data
        self._gevuld = [i for i in range(self.rijen) if any(d.get(f"{v}_{i}") for v in self.RIJ)]
        return [{v: d.get(f"{v}_{i}") or "" for v in self.RIJ} for i in self._gevuld]

    def veld_van(self, naam: str) -> str:
        """`afspraken.N.veld` is the N-th filled row."""
        delen = naam.split(".")
        if len(delen) == 3 and delen[0] == "afspraken" and delen[1].isdigit():
            index = int(delen[1])
            if index < len(self._gevuld):
                return f"{delen[2]}_{self._gevuld[index]}"
        return naam

    def regels_per_afspraak(self):
        return [[self[f"{v}_{i}"] for v in self.RIJ] for i in range(self.rijen)]


# --- Meetings and actions ------------------------------------------------------------------------------


class BijeenkomstFormulier(Formulier):
    VELDNAMEN = {"aanwezig": "aanwezig"}

    datum = _datumveld("Datum van de bijeenkomst", required=True)
    agenda = _tekstveld("Agenda", "Eén punt per regel.")
    aanwezig = _meerkeuze("Wie waren er?", [])
    besluiten = _tekstveld("Besluiten", "Eén besluit per regel.")

    def __init__(self, *args, deelnemers, **kwargs):
        super().__init__(*args, **kwargs)
        _verplicht(self.fields["datum"], "Vul de datum van de bijeenkomst in.")
        cast(forms.MultipleChoiceField, self.fields["aanwezig"]).choices = deelnemers

    def regels(self, veld: str) -> list[str]:
        return regels(self.cleaned_data.get(veld))


class ActiepuntFormulier(Formulier):
    VELDNAMEN = {"omschrijving": "omschrijving", "deadline": "deadline", "deelnemer": "deelnemer"}

    omschrijving = _tekstveld("Wat moet er gebeuren?", max_length=2000)
    deelnemer = _keuzelijst(
        "Wie doet het?",
        [],
        "Een deelnemer met een genoemde medewerker. Leeg: uzelf.",
        leeg="Uzelf",
    )
    deadline = _datumveld("Uiterlijk op", "Drie dagen ervoor krijgt de eigenaar een herinnering.", True)
    bijeenkomst = _keuzelijst("Uit welke bijeenkomst?", [], leeg="Geen bijeenkomst")

    def __init__(self, *args, deelnemers, bijeenkomsten, **kwargs):
        super().__init__(*args, **kwargs)
        _verplicht(self.fields["deadline"], "Vul de datum in waarop het klaar moet zijn.")
        cast(forms.ChoiceField, self.fields["deelnemer"]).choices = [("", "Uzelf"), *deelnemers]
        if bijeenkomsten:
            cast(forms.ChoiceField, self.fields["bijeenkomst"]).choices = [
                ("", "Geen bijeenkomst"),
                *bijeenkomsten,
            ]
        else:
            del self.fields["bijeenkomst"]


# --- Closing (CT-15) ------------------------------------------------------------------------------------


class OverdragenFormulier(Formulier):
    """CT-10, CT-15: during afschaling the contributor links its own executed sharing decision that hands
    this contribution to the taking-over party; the directors then select the item for transfer."""

    VELDNAMEN = {"deelbesluit": "deelbesluit"}

    deelbesluit = _keuzelijst(
        "Overdragen met deelbesluit",
        [],
        "Een uitgevoerd deelbesluit uit het register van uw organisatie, gericht aan de partij die overneemt "
        "(CT-15).",
        leeg="Kies het deelbesluit",
    )

    def __init__(self, *args, deelbesluiten, **kwargs):
        """`deelbesluiten`: [(uuid, label)] of the own organisation's executed decisions."""
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["deelbesluit"]).choices = [
            ("", "Kies het deelbesluit"),
            *deelbesluiten,
        ]


class AfsluitenFormulier(Formulier):
    """CT-15: the taking-over party and the contributions to transfer. Only a contribution whose
    contributor linked its executed sharing decision can be chosen (`OverdragenFormulier`)."""

    VELDNAMEN = {"overnemendePartij": "overnemende_partij", "overdracht": "overdracht"}

    overnemende_partij = _keuzelijst(
        "Welke partij neemt over?",
        [],
        "Deze partij gaat verder met de cliënt (CT-15).",
        leeg="Kies de partij",
    )
    overdracht = _meerkeuze(
        "Welke bijdragen gaan naar de partij die overneemt?",
        [],
        "Alleen bijdragen waarvoor de inbrenger een uitgevoerd deelbesluit heeft gekoppeld. Wat u niet "
        "kiest, wordt gearchiveerd en na de bewaartermijn vernietigd (CT-15).",
    )

    def __init__(self, *args, organisaties, bijdragen, **kwargs):
        """`bijdragen`: [(uuid, label)] of the contributions with a linked decision."""
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["overnemende_partij"]).choices = [
            ("", "Kies de partij"),
            *[(str(o.uuid), o.naam) for o in organisaties],
        ]
        if bijdragen:
            cast(forms.MultipleChoiceField, self.fields["overdracht"]).choices = bijdragen
        else:
            del self.fields["overdracht"]

    def overdrachten(self) -> list[dict]:
        """Each chosen contribution; the service takes the decision its contributor linked."""
        return [{"bijdrage": uuid} for uuid in self.cleaned_data.get("overdracht") or []]

    def veld_van(self, naam: str) -> str:
        """`overdracht.N.bijdrage` and `overdracht.N.deelbesluit` belong to the one choice list."""
        if naam.split(".")[0] == "overdracht" and "overdracht" in self.fields:
            return "overdracht"
        return self.VELDNAMEN.get(naam, naam)
