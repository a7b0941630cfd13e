"""Forms of the rights-request pages (SPEC §9). Like the other forms they only parse what was typed (dates,
choices, text); the services of `rechten` decide (RI-01 … RI-17) and their Dutch reasons are put next to
the fields. A field is required here only where an empty value would reach the service as a broken
request (the kind of request, the capacity, the outcome of a decision). `VELDNAMEN` maps the services'
`invalidParams` names (API §2.8) to fields.
"""

from __future__ import annotations

from typing import cast

from django import forms

from zorgvuldig.rechten import policies
from zorgvuldig.ui.forms import Formulier
from zorgvuldig.ui.forms_casus import _stijl
from zorgvuldig.ui.forms_dossier import _keuzelijst, _regel, _tekstveld
from zorgvuldig.ui.forms_vi import _datumveld, _keuze, _meerkeuze, _verplicht

# --- Dutch labels (B1) -----------------------------------------------------------------------------

SOORTEN = {
    "inzage": "Inzage: welke gegevens hebben wij, met een kopie",
    "correctie": "Correctie: gegevens verbeteren",
    "aanvulling": "Aanvulling: gegevens aanvullen",
    "verwijdering": "Verwijdering: gegevens verwijderen",
    "afscherming": "Afscherming: gegevens afschermen",
    "eigen_verklaring": "Eigen verklaring toevoegen",
    "vernietiging": "Vernietiging: gegevens vernietigen",
    "verzet": "Verzet: bezwaar tegen het gebruik van gegevens",
    "klacht": "Klacht",
}
SOORTEN_KORT = {
    "inzage": "Inzage",
    "correctie": "Correctie",
    "aanvulling": "Aanvulling",
    "verwijdering": "Verwijdering",
    "afscherming": "Afscherming",
    "eigen_verklaring": "Eigen verklaring",
    "vernietiging": "Vernietiging",
    "verzet": "Verzet",
    "klacht": "Klacht",
}
STATUS = {
    policies.ONTVANGEN: "Ontvangen",
    policies.GEVERIFIEERD: "Gecontroleerd",
    policies.IN_BEHANDELING: "In behandeling",
    policies.VERLENGD: "In behandeling, termijn verlengd",
    policies.TOEGEWEZEN: "Toegewezen",
    policies.GEDEELTELIJK: "Gedeeltelijk toegewezen",
    policies.AFGEWEZEN: "Afgewezen",
    policies.UITGEVOERD: "Uitgevoerd",
    policies.GESLOTEN: "Gesloten",
}
HOEDANIGHEDEN = {
    "zelf": "De betrokkene zelf",
    "wettelijk_vertegenwoordiger": "Wettelijk vertegenwoordiger (ouder met gezag of voogd)",
    "curator": "Curator",
    "mentor": "Mentor",
    "vertegenwoordiger_wilsonbekwame": "Vertegenwoordiger van een betrokkene die wilsonbekwaam is",
    "derde_met_toestemming": "Iemand anders, met toestemming van de betrokkene",
}
# The state of a term (selectors.termijnen): the text says it, a badge shows it (not colour alone); only
# the states that need action get a colour ("data": the plain badge, whose contrast holds in every theme).
TERMIJNSTAND = {
    "op_tijd": ("Op tijd", "data"),
    "waarschuwing": ("Let op: nog minder dan 7 dagen", "warning"),
    "verlopen": ("Verlopen", "danger"),
    "klaar": ("Afgerond", "data"),
}
UITKOMSTEN = {
    policies.TOEGEWEZEN: "Toewijzen: de betrokkene krijgt alles",
    policies.GEDEELTELIJK: "Gedeeltelijk toewijzen: een deel wordt niet verstrekt of niet uitgevoerd",
    policies.AFGEWEZEN: "Afwijzen",
}
UITVOERVORMEN = {"schriftelijk": "Schriftelijk (brief of beveiligde e-mail)", "gesprek": "In een gesprek"}
UITGESLOTEN_SOORTEN = {
    "notitie": "Notitie",
    "zrmscore": "ZRM-score",
    "plan": "Plan",
    "deelbesluit": "Besluit over delen",
}
UITGESLOTEN_REDENEN = {k: f"{v}." for k, v in policies.UITSLUITREDENEN.items()}
MAANDEN = [("1", "1 maand"), ("2", "2 maanden")]


def grond_label(code: str) -> str:
    tekst = policies.GRONDEN.get(code, code)
    return tekst[:1].upper() + tekst[1:]


def _grond_keuzes(soort: str) -> list[tuple[str, str]]:
    return [(g, grond_label(g)) for g in policies.TOEGESTANE_GRONDEN.get(soort, ())]


class _ZonderWaarde(forms.TextInput):
    """A BSN is never echoed back into a page, not even after a refusal (API §1.2)."""

    def format_value(self, value):
        return None


# --- A new request (SPEC §9 "Data") -------------------------------------------------------------------


class NieuwVerzoekFormulier(Formulier):
    VELDNAMEN = {
        "soort": "soort",
        "hoedanigheid": "hoedanigheid",
        "persoon": "betrokkene",
        "bsn": "bsn",
        "indiener": "indiener",
        "toestemming": "toestemming",
        "ontvangenOp": "ontvangen_op",
        "schriftelijk": "schriftelijk",
    }

    soort = _keuzelijst("Wat vraagt de betrokkene?", list(SOORTEN.items()), leeg="Kies de soort verzoek")
    betrokkene = _keuzelijst(
        "Over wie gaat het verzoek?",
        [],
        "De persoon over wie de gegevens gaan. U ziet hier de personen waarvoor u toegang heeft.",
        leeg="Kies de betrokkene",
    )
    bsn = forms.CharField(
        label="Of: BSN van de betrokkene",
        max_length=11,
        required=False,
        help_text="Alleen als de betrokkene niet in de lijst staat, bijvoorbeeld omdat een ander team van "
        "de gemeente de gegevens heeft. 9 cijfers.",
        widget=_ZonderWaarde(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    hoedanigheid = _keuze(
        "Wie doet het verzoek?",
        list(HOEDANIGHEDEN.items()),
        "Bij het controleren kijkt u of de indiener dit recht mag uitoefenen (RI-01).",
    )
    indiener = _keuzelijst(
        "Indiener",
        [],
        "Alleen als iemand anders het verzoek doet: kies een vertegenwoordiger of ander familielid van de "
        "betrokkene.",
        leeg="Kies de indiener",
    )
    indiener_naam = _regel(
        "Of: naam van de indiener",
        "Alleen als de indiener niet in de lijst staat, bijvoorbeeld iemand buiten de familie.",
    )
    toestemming = _keuzelijst(
        "Toestemming van de betrokkene",
        [],
        "Alleen bij een verzoek van iemand anders met toestemming van de betrokkene.",
        leeg="Geen toestemming",
    )
    ontvangen_op = _datumveld(
        "Ontvangen op", "De termijn van 4 weken telt vanaf deze dag (RI-05).", required=True
    )
    schriftelijk = forms.BooleanField(label="Het verzoek is schriftelijk gedaan", required=False)
    verwijsindex = forms.BooleanField(
        label="Het verzoek gaat (ook) over gegevens in de verwijsindex", required=False
    )
    toelichting = _tekstveld(
        "Toelichting", "Wat vraagt de indiener precies? Schrijf alleen op wat nodig is om het te behandelen."
    )

    def __init__(self, *args, personen, indieners, toestemmingen, **kwargs):
        """`personen`, `indieners`, `toestemmingen`: [(uuid, label)] to choose from."""
        super().__init__(*args, **kwargs)
        _verplicht(self.fields["soort"], "Kies de soort verzoek.")
        _verplicht(self.fields["hoedanigheid"], "Kies wie het verzoek doet.")
        _verplicht(self.fields["ontvangen_op"], "Vul de datum in waarop het verzoek binnenkwam.")
        cast(forms.ChoiceField, self.fields["betrokkene"]).choices = [("", "Kies de betrokkene"), *personen]
        cast(forms.ChoiceField, self.fields["indiener"]).choices = [("", "Kies de indiener"), *indieners]
        if toestemmingen:
            cast(forms.ChoiceField, self.fields["toestemming"]).choices = [
                ("", "Geen toestemming"),
                *toestemmingen,
            ]
        else:
            del self.fields["toestemming"]

    def clean(self):
        d = super().clean()
        if bool(d.get("betrokkene")) == bool((d.get("bsn") or "").strip()):
            self.add_error("betrokkene", "Kies de betrokkene uit de lijst, of vul het BSN in (niet allebei).")
        if d.get("indiener") and d.get("indiener_naam"):
            self.add_error(
                "indiener_naam", "Kies de indiener uit de lijst, of vul een naam in (niet allebei)."
            )
        return d

    def data_voor_service(self, bsn: str = "") -> dict:
        """The keys `rechten.api.naar_service` gives the service; `bsn` already normalised."""
        d = self.cleaned_data
        return {
            **({"bsn": bsn} if bsn else {"persoon": d.get("betrokkene")}),
            "soort": d.get("soort") or "",
            "hoedanigheid": d.get("hoedanigheid") or "",
            "indiener": d.get("indiener") or None,
            "indiener_naam": d.get("indiener_naam") or "",
            "toestemming": d.get("toestemming") or None,
            "ontvangen_op": d.get("ontvangen_op"),
            "schriftelijk": bool(d.get("schriftelijk")),
            "dossier": None,
            "verwijsindex": bool(d.get("verwijsindex")),
            "items": [],
            "toelichting": d.get("toelichting") or "",
        }


# --- The steps of a request (SPEC §9 "States") ------------------------------------------------------


class VerifierenFormulier(Formulier):
    """Identity and capacity checked (SPEC §9 VERIFIED); the service then checks RI-01, RI-02, RI-04."""

    VELDNAMEN = {"identiteitGecontroleerd": "identiteit", "hoedanigheidGecontroleerd": "hoedanigheid"}

    identiteit = forms.BooleanField(
        label="Ik heb de identiteit van de indiener gecontroleerd (bijvoorbeeld met een identiteitsbewijs)",
        required=False,
    )
    hoedanigheid = forms.BooleanField(
        label="Ik heb gecontroleerd dat de indiener optreedt zoals opgegeven (bijvoorbeeld als ouder met "
        "gezag)",
        required=False,
    )

    def __init__(self, *args, verzoek=None, **kwargs):
        super().__init__(*args, **kwargs)
        if verzoek is not None and verzoek.kanaal == "portaal":
            # Mijn gegevens admits only after DigiD: the requester's identity is established, only the
            # capacity (e.g. parent with authority on the date of receipt) is left to check
            self.fields[
                "identiteit"
            ].label = "De indiener logde in met DigiD (Mijn gegevens): daarmee staat de identiteit vast"
            self.fields["identiteit"].initial = True


class VerlengenFormulier(Formulier):
    """RI-15: once, by 1 or 2 months, with reasons, within the first 4 weeks."""

    VELDNAMEN = {"maanden": "maanden", "redenen": "redenen"}

    maanden = _keuze("Met hoeveel maanden verlengt u?", MAANDEN)
    redenen = _tekstveld(
        "Waarom verlengt u?",
        "Bijvoorbeeld: het verzoek is ingewikkeld of er zijn veel verzoeken. De indiener krijgt deze "
        "redenen binnen de eerste termijn (RI-15).",
    )

    def maanden_getal(self) -> int:
        return int(self.cleaned_data.get("maanden") or 0)


class BesluitFormulier(Formulier):
    """The decision (RI-13, RI-16): outcome, reasons, the grounds the kind of request allows (RI-02, RI-04,
    RI-07, RI-08, RI-10, RI-12), what is withheld with its ground, the decider's own mandate, and an
    optional limit on the representative (RI-04)."""

    VELDNAMEN = {
        "uitkomst": "uitkomst",
        "redenen": "redenen",
        "weigeringsgronden": "weigeringsgronden",
        "mandaat": "mandaat",
        "verzondenOp": "verzonden_op",
        "beperkingVertegenwoordiger": "beperking_redenen",
    }

    uitkomst = _keuze("Besluit", list(UITKOMSTEN.items()))
    redenen = _tekstveld(
        "Redenen van het besluit",
        "Schrijf in gewone taal waarom u zo besluit. De indiener leest dit in het besluit (RI-16).",
        max_length=8000,
    )
    weigeringsgronden = _meerkeuze(
        "Gronden om te weigeren",
        [],
        "Alleen bij afwijzen, of als u iets weigert dat niet hieronder als item staat (RI-07).",
    )
    mandaat = _keuzelijst(
        "Mandaat",
        [],
        "U besluit namens het college met uw eigen schriftelijke mandaat (RI-13).",
        leeg="Geen geldig mandaat",
    )
    verzonden_op = _datumveld(
        "Verzonden op", "De bezwaartermijn van 6 weken telt vanaf deze dag (RI-16).", required=False
    )
    beperken = forms.BooleanField(
        label="De vertegenwoordiger beperken bij volgende verzoeken (RI-04)", required=False
    )
    beperking_redenen = _tekstveld(
        "Waarom beperkt u de vertegenwoordiger?",
        "Alleen als zwaarwegende belangen van de cliënt zich ertegen verzetten. Kies dan ook de grond "
        "'zwaarwegende belangen van de cliënt'.",
    )

    def __init__(self, *args, soort: str, items, mandaten, vertegenwoordiger: bool, **kwargs):
        """`items`: [(uuid, label, reden)] that may be withheld; `mandaten`: [(uuid, label)] of the
        decider's own valid mandates; `vertegenwoordiger`: the requester is a person on record."""
        super().__init__(*args, **kwargs)
        _verplicht(self.fields["uitkomst"], "Kies of u toewijst, gedeeltelijk toewijst of afwijst.")
        gronden = _grond_keuzes(soort)
        if gronden:
            cast(forms.MultipleChoiceField, self.fields["weigeringsgronden"]).choices = gronden
        else:
            del self.fields["weigeringsgronden"]
        veld = cast(forms.ChoiceField, self.fields["mandaat"])
        veld.choices = list(mandaten) if mandaten else [("", "Geen geldig mandaat")]
        if not vertegenwoordiger:
            del self.fields["beperken"]
            del self.fields["beperking_redenen"]
        self.items = list(items)
        for i, (_uuid, label, _reden) in enumerate(self.items):
            self.fields[f"achter_{i}"] = forms.BooleanField(label=f"{label} achterhouden", required=False)
            self.fields[f"grond_{i}"] = _stijl(
                _keuzelijst(f"Grond voor {label}", gronden, leeg="Kies de grond")
            )
            self.fields[f"achter_{i}"].widget.attrs["class"] = "utrecht-checkbox utrecht-checkbox--html-input"

    def item_rijen(self):
        return [
            {"achter": self[f"achter_{i}"], "grond": self[f"grond_{i}"], "reden": reden, "uuid": uuid}
            for i, (uuid, _label, reden) in enumerate(self.items)
        ]

    def algemene_velden(self):
        return [v for v in self if not v.name.startswith(("achter_", "grond_"))]

    def clean(self):
        d = super().clean()
        for i in range(len(self.items)):
            if d.get(f"achter_{i}") and not d.get(f"grond_{i}"):
                self.add_error(f"grond_{i}", "Kies de grond waarop u dit achterhoudt.")
            elif d.get(f"grond_{i}") and not d.get(f"achter_{i}"):
                self.add_error(f"achter_{i}", "Vink aan dat u dit achterhoudt, of kies geen grond.")
        return d

    def data_voor_service(self) -> dict:
        """The keys `rechten.api.BesluitenView` gives the service."""
        d = self.cleaned_data
        return {
            "uitkomst": d.get("uitkomst") or "",
            "redenen": d.get("redenen") or "",
            "weigeringsgronden": list(d.get("weigeringsgronden") or []),
            "achtergehouden": [
                {"item": uuid, "grond": d[f"grond_{i}"]}
                for i, (uuid, _label, _reden) in enumerate(self.items)
                if d.get(f"achter_{i}")
            ],
            "mandaat": d.get("mandaat") or None,
            "beperking_vertegenwoordiger": {"redenen": d.get("beperking_redenen") or ""}
            if d.get("beperken")
            else None,
            "verzonden_op": d.get("verzonden_op"),
        }


class UitvoerenFormulier(Formulier):
    """RI-05/RI-06: how the answer is given (another form than writing with why); RI-11: after a correction,
    deletion or destruction every earlier recipient is told, or skipped with a reason."""

    VELDNAMEN = {"vorm": "vorm", "toelichting": "toelichting"}

    vorm = _keuze("Hoe krijgt de indiener het antwoord?", list(UITVOERVORMEN.items()))
    toelichting = _tekstveld(
        "Toelichting",
        "Verplicht als het antwoord niet schriftelijk is: waarom is een gesprek beter voor de indiener "
        "(RI-06)?",
    )

    def __init__(self, *args, ontvangers, **kwargs):
        """`ontvangers`: [(uuid, label)] of the earlier recipients in the disclosure register."""
        super().__init__(*args, **kwargs)
        self.fields["vorm"].initial = "schriftelijk"  # the rule (RI-05), shown chosen rather than assumed
        self.ontvangers = list(ontvangers)
        for i, (_uuid, label) in enumerate(self.ontvangers):
            self.fields[f"datum_{i}"] = _stijl(_datumveld(f"{label}: bericht gestuurd op"))
            self.fields[f"reden_{i}"] = _stijl(_regel(f"{label}: of waarom geen bericht", max_length=2000))

    def ontvanger_rijen(self):
        return [
            {"label": label, "datum": self[f"datum_{i}"], "reden": self[f"reden_{i}"]}
            for i, (_uuid, label) in enumerate(self.ontvangers)
        ]

    def algemene_velden(self):
        return [v for v in self if not v.name.startswith(("datum_", "reden_"))]

    def data_voor_service(self) -> dict:
        """The keys `rechten.api.UitvoerenView` gives the service."""
        d = self.cleaned_data
        return {
            "datum": None,
            "vorm": d.get("vorm") or "schriftelijk",
            "toelichting": d.get("toelichting") or "",
            # A row left empty: a recipient in zorgvuldig hears it through the outbox; for one outside it
            # the service asks for a date or a reason (RI-11).
            "notificaties": [
                {
                    "verstrekking": uuid,
                    "datum": d.get(f"datum_{i}"),
                    "overgeslagen_reden": d.get(f"reden_{i}") or "",
                }
                for i, (uuid, _label) in enumerate(self.ontvangers)
                if d.get(f"datum_{i}") or d.get(f"reden_{i}")
            ],
        }


class NaamVermeldingFormulier(Formulier):
    """RI-17: the FG decides, for this request and with reasons, that staff names appear in the answer."""

    VELDNAMEN = {"redenen": "redenen", "naamVermelding": "redenen"}

    redenen = _tekstveld(
        "Waarom vermeldt het antwoord de namen van medewerkers?",
        "Bijvoorbeeld: er is een vermoeden dat een bekende van de betrokkene de gegevens heeft bekeken. "
        "Dit geldt alleen voor dit verzoek (RI-17).",
    )


class FilterFormulier(Formulier):
    status = _keuzelijst("Status", list(STATUS.items()), leeg="Alle statussen")
