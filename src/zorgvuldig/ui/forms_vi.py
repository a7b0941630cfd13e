"""Forms of the verwijsindex pages. They only parse what was typed (dates, choices); the services decide
(VI-02 … VI-09, VI-12, VI-15, VI-24) and their Dutch messages are put next to the fields. That is why
most fields are not required here: the service's message says what is missing and why."""

from __future__ import annotations

from typing import cast

from django import forms

from zorgvuldig.organisaties.models import Gebruiker
from zorgvuldig.ui.forms import BSN_INVOER, Formulier
from zorgvuldig.verwijsindex import policies

DATUM = {"invalid": "Vul een geldige datum in.", "required": "Vul een datum in."}
RADIO = {"class": "utrecht-radio-button utrecht-radio-button--html-input"}


def _datumveld(label: str, help_text: str = "", required: bool = False) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages=DATUM,
    )


def _keuze(label: str, keuzes, help_text: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=keuzes,
        required=False,
        help_text=help_text,
        widget=forms.RadioSelect(attrs=dict(RADIO)),
        error_messages={"invalid_choice": "Kies een van de mogelijkheden."},
    )


def _meerkeuze(label: str, keuzes, help_text: str = "") -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=keuzes,
        required=False,
        help_text=help_text,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Kies alleen uit de genoemde mogelijkheden."},
    )


BETROKKENEN = [
    (policies.JONGERE, "De jongere"),
    (policies.VERTEGENWOORDIGER, "De ouder(s) met gezag of de voogd (wettelijk vertegenwoordiger)"),
]
UITKOMSTEN = [
    (policies.GEGEVEN, "Instemming gegeven"),
    (policies.GEWEIGERD, "Instemming geweigerd"),
    (policies.ONMOGELIJK, "Instemming vragen was niet mogelijk of niet verantwoord"),
]
INFO_METHODEN = {
    "vi_folder": "(a) Folder van de verwijsindex gegeven in een gesprek",
    "eigen_folder": "(b) Eigen folder van uw organisatie waarin de verwijsindex staat",
    "mondeling": "(c) Mondeling verteld",
    "schriftelijk": "(d) Schriftelijk bericht (brief of e-mail)",
}
JA_NEE = [("ja", "Ja"), ("nee", "Nee")]

# VI-06: the four questions (seed 004 §3.3), each explained in plain Dutch.
VIER_VRAGEN = {
    "legitiem_doel": (
        "legitiemDoel",
        "1. Dient het signaal een gerechtvaardigd doel?",
        "Bijvoorbeeld: de hulp aan de jongere afstemmen met andere professionals, zodat een ernstig risico "
        "kleiner wordt.",
    ),
    "enige_weg": (
        "enigeWeg",
        "2. Is signaleren de enige manier om dat doel te bereiken?",
        "Kan het ook op een minder ingrijpende manier? Dan kiest u die.",
    ),
    "instemming_onmogelijk_of_gezocht": (
        "instemmingOnmogelijkOfGezocht",
        "3. Was instemming vragen onmogelijk of niet verantwoord, of heeft u er alles aan gedaan?",
        "Bijvoorbeeld: de ouders zijn niet bereikbaar, of vragen zou de jongere in gevaar brengen.",
    ),
    "belang_jongere": (
        "belangJongereWeegtZwaarder",
        "4. Weegt het belang van de jongere zwaarder dan het belang van geheimhouding?",
        "U weegt af wat de jongere wint bij het signaal tegen wat hij of zij verliest als anderen weten dat "
        "u betrokken bent.",
    ),
}

# Where a service's `invalidParams` name lands on the signal form (API §2.3 names → form fields).
VELDNAMEN: dict[str, str | tuple[str, ...]] = {
    "bsn": "bsn",
    "verantwoording.geboortedatum": "geboortedatum",
    "verantwoording.criteria": "criteria",
    "verantwoording.extraCriteria": "extra_criteria",
    "verantwoording.vermoeden": "vermoeden",
    "verantwoording.instemming": "instemming_uitkomst",
    "verantwoording.instemming.uitkomst": "instemming_uitkomst",
    "verantwoording.instemming.met": "instemming_met",
    "verantwoording.instemming.datum": "instemming_datum",
    "verantwoording.instemming.redenOnmogelijk": "reden_onmogelijk",
    "verantwoording.vierVragen": tuple(VIER_VRAGEN),
    "verantwoording.vierVragen.toelichting": "vier_vragen_toelichting",
    "verantwoording.informatieplicht.methode": "informatie_methode",
    "verantwoording.informatieplicht.datum": "informatie_datum",
    "verantwoording.risicobespreking": "risico_met",
    "verantwoording.risicobespreking.met": "risico_met",
}


class SignaalFormulier(Formulier):
    """BSN (the only index field under `statutory`, VI-09) and the justification (VI-02 … VI-08), which
    stays in the organisation's own file. `regels` are the profile's (VI-19); `extra` its own criteria."""

    bsn = forms.CharField(
        label="BSN van de jongere",
        max_length=11,
        required=False,
        help_text="9 cijfers. Het BSN wordt gecontroleerd met de elfproef.",
        widget=BSN_INVOER,
    )
    geboortedatum = _datumveld(
        "Geboortedatum van de jongere",
        "Hiermee wordt bepaald of de jongere jonger is dan de leeftijdsgrens (VI-02) en met wie u spreekt "
        "(VI-08). De geboortedatum komt niet in de verwijsindex.",
    )
    criteria = _meerkeuze(
        "Risicocriteria",
        [],
        "Kies ten minste één criterium waarvan u redelijkerwijs vermoedt dat het de gezonde en veilige "
        "ontwikkeling naar volwassenheid bedreigt (VI-03).",
    )
    extra_criteria = _meerkeuze(
        "Eigen criteria van uw organisatie", [], "Uw organisatie vraagt ook een van deze criteria (VI-03)."
    )
    vermoeden = forms.CharField(
        label="Redelijk vermoeden",
        max_length=4000,
        required=False,
        widget=forms.Textarea,
        help_text="Beschrijf kort wat u ziet of hoort waardoor u dit vermoedt.",
    )
    instemming_uitkomst = _keuze(
        "Uitkomst",
        UITKOMSTEN,
        "Kiest u geweigerd of niet mogelijk, dan beantwoordt u daarna vier vragen.",
    )
    instemming_met = _meerkeuze(
        "Met wie heeft u over instemming gesproken?", BETROKKENEN, "Bij gegeven of geweigerd."
    )
    instemming_datum = _datumveld("Datum van het gesprek over instemming", "Bij gegeven of geweigerd.")
    reden_onmogelijk = forms.CharField(
        label="Waarom kon u geen instemming vragen?",
        max_length=2000,
        required=False,
        widget=forms.Textarea,
        help_text="Alleen als instemming vragen niet mogelijk of niet verantwoord was.",
    )
    legitiem_doel = _keuze(VIER_VRAGEN["legitiem_doel"][1], JA_NEE, VIER_VRAGEN["legitiem_doel"][2])
    enige_weg = _keuze(VIER_VRAGEN["enige_weg"][1], JA_NEE, VIER_VRAGEN["enige_weg"][2])
    instemming_onmogelijk_of_gezocht = _keuze(
        VIER_VRAGEN["instemming_onmogelijk_of_gezocht"][1],
        JA_NEE,
        VIER_VRAGEN["instemming_onmogelijk_of_gezocht"][2],
    )
    belang_jongere = _keuze(VIER_VRAGEN["belang_jongere"][1], JA_NEE, VIER_VRAGEN["belang_jongere"][2])
    vier_vragen_toelichting = forms.CharField(
        label="Toelichting op uw afweging",
        max_length=4000,
        required=False,
        widget=forms.Textarea,
        help_text="Schrijf op hoe u de vier vragen heeft afgewogen.",
    )
    informatie_methode = _keuze(
        "Hoe heeft u de jongere (en ouders) geïnformeerd?", list(INFO_METHODEN.items())
    )
    informatie_datum = _datumveld("Datum van het informeren")
    risico_met = _meerkeuze("Met wie heeft u de risico's besproken?", BETROKKENEN)
    risico_datum = _datumveld("Datum van het gesprek over de risico's")
    risico_reden_niet = forms.CharField(
        label="Of: waarom heeft u de risico's niet besproken?",
        max_length=2000,
        required=False,
        widget=forms.Textarea,
        help_text="Alleen als een gesprek (nog) niet mogelijk was.",
    )

    INSTEMMING = ("instemming_uitkomst", "instemming_met", "instemming_datum", "reden_onmogelijk")

    def __init__(self, *args, regels: policies.ProfielRegels, extra=(), met_bsn: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.regels = regels
        cast(forms.MultipleChoiceField, self.fields["criteria"]).choices = [
            (code, f"({code}) {omschrijving}")
            for code, omschrijving in policies.CRITERIA.items()
            if code != policies.CRITERIUM_L or regels.criterion_l  # VI-23: (l) only where enabled
        ]
        if extra:
            cast(forms.MultipleChoiceField, self.fields["extra_criteria"]).choices = [
                (e["code"], e["omschrijving"] or e["code"]) for e in extra
            ]
        else:
            del self.fields["extra_criteria"]
        if not regels.seek_agreement:  # VI-19: the profile does not ask for agreement first
            for naam in (*self.INSTEMMING, *VIER_VRAGEN, "vier_vragen_toelichting"):
                del self.fields[naam]
        if not met_bsn:  # finishing a draft: the BSN is already in it
            del self.fields["bsn"]

    def velden(self, *namen):
        return [self[n] for n in namen if n in self.fields]

    # The form's sections, in order on screen (templates cannot pass arguments).
    @property
    def velden_jongere(self):
        return self.velden("bsn", "geboortedatum")

    @property
    def velden_waarom(self):
        return self.velden("criteria", "extra_criteria", "vermoeden")

    @property
    def velden_instemming(self):
        return self.velden("instemming_met", "instemming_datum", "reden_onmogelijk")

    @property
    def velden_informeren(self):
        return self.velden("informatie_methode", "informatie_datum")

    @property
    def velden_risico(self):
        return self.velden("risico_met", "risico_datum", "risico_reden_niet")

    @property
    def vier_vragen_velden(self):
        return self.velden(*VIER_VRAGEN, "vier_vragen_toelichting")

    def vier_vragen_nodig(self) -> bool:
        """VI-06 applies when agreement was refused or impossible to seek."""
        if "instemming_uitkomst" not in self.fields:
            return False
        waarde = self["instemming_uitkomst"].value()
        return waarde in (policies.GEWEIGERD, policies.ONMOGELIJK)

    def verantwoording(self) -> dict:
        """The justification as `services.activeer_signaal` expects it (API §2.3 `verantwoording`);
        empty answers are left out rather than stored (GP-04)."""
        d = self.cleaned_data
        v: dict = {
            "geboortedatum": d.get("geboortedatum"),
            "criteria": list(d.get("criteria") or []),
            "vermoeden": (d.get("vermoeden") or "").strip(),
        }
        if "extra_criteria" in self.fields:
            v["extraCriteria"] = list(d.get("extra_criteria") or [])
        if "instemming_uitkomst" in self.fields:
            instemming = _zonder_leeg(
                {
                    "uitkomst": d.get("instemming_uitkomst"),
                    "met": list(d.get("instemming_met") or []),
                    "datum": d.get("instemming_datum"),
                    "redenOnmogelijk": (d.get("reden_onmogelijk") or "").strip(),
                }
            )
            if instemming:
                v["instemming"] = instemming
            if d.get("instemming_uitkomst") in (policies.GEWEIGERD, policies.ONMOGELIJK):
                vragen: dict = {
                    api: d.get(veld) == "ja" for veld, (api, _l, _h) in VIER_VRAGEN.items() if d.get(veld)
                }
                if (d.get("vier_vragen_toelichting") or "").strip():
                    vragen["toelichting"] = d["vier_vragen_toelichting"].strip()
                v["vierVragen"] = vragen
        info = _zonder_leeg({"methode": d.get("informatie_methode"), "datum": d.get("informatie_datum")})
        if info:
            v["informatieplicht"] = info
        risico = _zonder_leeg(
            {
                "met": list(d.get("risico_met") or []),
                "datum": d.get("risico_datum"),
                "redenNiet": (d.get("risico_reden_niet") or "").strip(),
            }
        )
        if risico:
            v["risicobespreking"] = risico
        return _zonder_leeg(v, behoud={"geboortedatum", "criteria", "vermoeden"})


def _zonder_leeg(d: dict, behoud=frozenset()) -> dict:
    return {k: w for k, w in d.items() if k in behoud or w not in (None, "", [])}


class CollegaKeuze(forms.ModelChoiceField):
    """A colleague, marked when the service will refuse them for lack of a mandate (AC-08)."""

    gemandateerd: set[int] = set()

    def label_from_instance(self, obj) -> str:
        functie = f", {obj.functie}" if obj.functie else ""
        mandaat = "" if obj.pk in self.gemandateerd else " (geen mandaat voor de verwijsindex)"
        return f"{obj.naam}{functie}{mandaat}"


class OverdrachtFormulier(Formulier):
    """VI-24: the leidinggevende hands a signal to a colleague; the service accepts only a mandated one."""

    naar = CollegaKeuze(
        label="Aan collega",
        queryset=Gebruiker.objects.none(),
        empty_label="Kies een collega",
        error_messages={"required": "Kies aan wie u het signaal overdraagt."},
    )
    reden = forms.CharField(
        label="Reden van de overdracht",
        max_length=500,
        required=False,
        help_text="Bijvoorbeeld: de signaleerder is uit dienst of heeft geen mandaat meer.",
    )

    def __init__(self, *args, collegas, gemandateerd: set[int], **kwargs):
        super().__init__(*args, **kwargs)
        veld = cast(CollegaKeuze, self.fields["naar"])
        veld.queryset = collegas
        veld.gemandateerd = gemandateerd


def _deelnemer_label(d: dict) -> str:
    if d.get("eigen"):
        label = d.get("label", "uzelf")
        return label[:1].upper() + label[1:]  # a choice starts with a capital, a sentence uses "uzelf"
    return f"{d['naam']} ({d['organisatie']})"


class AfstemmenFormulier(Formulier):
    """VI-12: the signalers consulted each other (NEW → CONTACT_MADE)."""

    datum = _datumveld("Datum van het contact", required=True)
    met = _meerkeuze("Met wie heeft u contact gehad?", [])

    def __init__(self, *args, deelnemers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["met"].choices = [(d["uuid"], _deelnemer_label(d)) for d in deelnemers if not d["eigen"]]


class ZorgcoordinatorFormulier(Formulier):
    """VI-15: one zorgcoördinator, agreed by the signalers."""

    deelnemer = _keuze("Wie wordt zorgcoördinator?", [])

    def __init__(self, *args, deelnemers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deelnemer"].choices = [(d["uuid"], _deelnemer_label(d)) for d in deelnemers]
        _verplicht(self.fields["deelnemer"], "Kies wie zorgcoördinator wordt.")


class InformerenFormulier(Formulier):
    """VI-14: who told the youth (and parents) about the match, when and how."""

    datum = _datumveld("Datum van het informeren", required=True)
    door = _keuze("Wie heeft de jongere geïnformeerd?", [])
    wijze = _keuze(
        "Hoe?",
        [("gesprek", "In een gesprek"), ("telefonisch", "Telefonisch"), ("schriftelijk", "Schriftelijk")],
    )

    def __init__(self, *args, deelnemers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["door"].choices = [(d["uuid"], _deelnemer_label(d)) for d in deelnemers]
        _verplicht(self.fields["door"], "Kies wie de jongere heeft geïnformeerd.")
        _verplicht(self.fields["wijze"], "Kies hoe de jongere is geïnformeerd.")


def _verplicht(veld: forms.Field, melding: str) -> None:
    veld.required = True
    veld.error_messages["required"] = melding
