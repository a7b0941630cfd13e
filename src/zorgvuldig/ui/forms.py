"""Forms of the web UI. Widgets carry the NL Design System (Utrecht) classes; messages are Dutch."""

from __future__ import annotations

from django import forms
from stdnum.nl import bsn as stdnum_bsn

from zorgvuldig.audit.acties import ACTIES
from zorgvuldig.organisaties.models import Gebruiker, Mandaat, Organisatie, Rol, Team
from zorgvuldig.toegang.policies import DREIGING_VOOR, NOODTOEGANG_MIN_TEKENS

# A BSN is never kept in the browser's form history: on a shared workstation the next user would be
# offered it (AVG art. 32). Digits keyboard on tablets.
BSN_INVOER = forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"})


class Formulier(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            w = field.widget
            if isinstance(w, forms.CheckboxSelectMultiple | forms.CheckboxInput):
                w.attrs.setdefault("class", "utrecht-checkbox utrecht-checkbox--html-input")
            elif isinstance(w, forms.Select):
                w.attrs.setdefault("class", "utrecht-select utrecht-select--html-select")
            elif isinstance(w, forms.Textarea):
                w.attrs.setdefault("class", "utrecht-textarea utrecht-textarea--html-textarea")
                w.attrs.setdefault("rows", 4)
            else:
                w.attrs.setdefault("class", "utrecht-textbox utrecht-textbox--html-input")


class InlogFormulier(Formulier):
    email = forms.EmailField(label="E-mailadres", max_length=254)
    wachtwoord = forms.CharField(label="Wachtwoord", max_length=200, widget=forms.PasswordInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update({"autocomplete": "username", "autofocus": True})
        self.fields["wachtwoord"].widget.attrs["autocomplete"] = "current-password"


class CodeFormulier(Formulier):
    code = forms.RegexField(
        label="Code uit uw authenticator-app",
        regex=r"^\s*\d{6}\s*$",
        max_length=10,
        error_messages={"invalid": "Vul de 6 cijfers uit de app in."},
        help_text="6 cijfers; de code verandert elke 30 seconden.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(
            {"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        )


class ActiveerFormulier(CodeFormulier):
    wachtwoord = forms.CharField(
        label="Nieuw wachtwoord",
        max_length=200,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="Ten minste 12 tekens.",
    )
    herhaal = forms.CharField(
        label="Herhaal het wachtwoord",
        max_length=200,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    field_order = ["wachtwoord", "herhaal", "code"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.pop("autofocus", None)  # start at the first field

    def clean(self):
        data = super().clean()
        if data.get("wachtwoord") and data.get("wachtwoord") != data.get("herhaal"):
            self.add_error("herhaal", "De wachtwoorden zijn niet gelijk.")
        return data


class VerklaringFormulier(Formulier):
    akkoord = forms.BooleanField(
        label="Ik ga akkoord met deze geheimhoudingsverklaring",
        error_messages={"required": "Vink aan dat u akkoord gaat."},
    )


class PersoonZoekFormulier(Formulier):
    # Searching returns only persons the user already has access to, so a surname alone may do (a
    # person without BSN or known birth date must be findable too); break-glass asks for more.
    naam_alleen = True
    bsn = forms.CharField(
        label="BSN", max_length=9, required=False, help_text="9 cijfers.", widget=BSN_INVOER
    )
    geslachtsnaam = forms.CharField(label="Achternaam", max_length=200, required=False)
    geboortedatum = forms.DateField(
        label="Geboortedatum",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Vul een geldige datum in."},
    )

    def clean(self):
        data = super().clean()
        bsn = (data.get("bsn") or "").strip()
        if bsn:
            if not stdnum_bsn.is_valid(bsn):
                self.add_error("bsn", "Dit is geen geldig BSN.")
            data["bsn"] = bsn
        elif self.naam_alleen and not data.get("geslachtsnaam"):
            raise forms.ValidationError("Vul een BSN of een achternaam in.")
        elif not self.naam_alleen and not (data.get("geslachtsnaam") and data.get("geboortedatum")):
            raise forms.ValidationError("Vul een BSN in, of achternaam en geboortedatum samen.")
        return data


DREIGING_LABELS = {
    "client": "Cliënt",
    "gezin": "Gezin",
    "verwijzer": "Verwijzer",
    "team": "Team",
    "anderen": "Anderen",
}


class NoodtoegangFormulier(PersoonZoekFormulier):
    naam_alleen = False
    dreiging_voor = forms.MultipleChoiceField(
        label="Voor wie geldt de dreiging?",
        choices=[(d, DREIGING_LABELS[d]) for d in DREIGING_LABELS if d in DREIGING_VOOR],
        widget=forms.CheckboxSelectMultiple,
    )
    reden = forms.CharField(
        label="Concrete aanwijzingen",
        max_length=2000,
        widget=forms.Textarea,
        help_text=f"Beschrijf welke concrete aanwijzingen er zijn voor een dreiging voor iemands veiligheid "
        f"(ten minste {NOODTOEGANG_MIN_TEKENS} tekens).",
    )


class AuditZoekFormulier(Formulier):
    """AU-05: the entries about one data subject — found by BSN, or by surname and birth date for someone
    without one (SPEC E8) — narrowed by period and action, a page at a time."""

    bsn = forms.CharField(label="BSN van de betrokkene", max_length=9, required=False, widget=BSN_INVOER)
    geslachtsnaam = forms.CharField(
        label="Of: achternaam", max_length=200, required=False, help_text="Voor iemand zonder BSN."
    )
    geboortedatum = forms.DateField(
        label="En geboortedatum", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    vanaf = forms.DateField(label="Vanaf", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    tot = forms.DateField(label="Tot en met", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    actie = forms.ChoiceField(
        label="Actie",
        required=False,
        choices=[("", "Alle acties"), *sorted(ACTIES.items(), key=lambda a: a[1])],
    )
    medewerker = forms.ChoiceField(label="Door", required=False)

    def __init__(self, *args, medewerkers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["medewerker"].choices = [("", "Iedereen"), *medewerkers]  # type: ignore[attr-defined]

    def clean_bsn(self):
        bsn = self.cleaned_data["bsn"].strip()
        if bsn and not stdnum_bsn.is_valid(bsn):
            raise forms.ValidationError("Dit is geen geldig BSN.")
        return bsn

    def clean(self):
        d = super().clean()
        naam = (d.get("geslachtsnaam") or "").strip()
        if not d.get("bsn") and not (naam and d.get("geboortedatum")) and not self.errors:
            raise forms.ValidationError("Vul een BSN in, of een achternaam met geboortedatum.")
        if d.get("vanaf") and d.get("tot") and d["vanaf"] > d["tot"]:
            self.add_error("tot", "Deze datum ligt vóór de begindatum.")
        return d


def _werkgever_veld() -> forms.ModelChoiceField:
    """AC-12: the partner organisation that employs a seconded team member; empty = its own organisation."""
    return forms.ModelChoiceField(
        label="Werkgever (alleen bij detachering)",
        queryset=Organisatie.objects.order_by("naam"),
        required=False,
        empty_label="De eigen organisatie",
        help_text="Kies de partnerorganisatie waar de medewerker in dienst is als die gedetacheerd is. "
        "Alleen zo iemand brengt gegevens uit het systeem van die partner in een dossier (AC-12).",
    )


class GebruikerFormulier(Formulier):
    naam = forms.CharField(label="Naam", max_length=200)
    email = forms.EmailField(label="E-mailadres", max_length=254)
    organisatie = forms.ModelChoiceField(
        label="Organisatie", queryset=Organisatie.objects.order_by("naam"), empty_label="Kies een organisatie"
    )
    functie = forms.CharField(label="Functie", max_length=200, required=False)
    werkgever = _werkgever_veld()
    rollen = forms.MultipleChoiceField(
        label="Rollen", choices=Rol.choices, widget=forms.CheckboxSelectMultiple
    )
    teams = forms.ModelMultipleChoiceField(
        label="Teams",
        queryset=Team.objects.select_related("organisatie").order_by("naam"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, verwerkingsverantwoordelijke_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        _eigen_controller(self, verwerkingsverantwoordelijke_id)


def _eigen_controller(form, vv_id) -> None:
    """The beheerder chooses among his own controller's organisations and teams only (AC-15)."""
    if vv_id is None:
        return
    form.fields["organisatie"].queryset = Organisatie.objects.filter(
        verwerkingsverantwoordelijke_id=vv_id
    ).order_by("naam")
    if "teams" in form.fields:
        form.fields["teams"].queryset = form.fields["teams"].queryset.filter(
            organisatie__verwerkingsverantwoordelijke_id=vv_id
        )


class GebruikerWijzigFormulier(Formulier):
    functie = forms.CharField(label="Functie", max_length=200, required=False)
    werkgever = _werkgever_veld()
    rollen = forms.MultipleChoiceField(
        label="Rollen", choices=Rol.choices, widget=forms.CheckboxSelectMultiple
    )
    teams = forms.ModelMultipleChoiceField(
        label="Teams", queryset=Team.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    actief = forms.BooleanField(label="Account actief", required=False)

    def __init__(self, *args, organisatie=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teams"].queryset = Team.objects.filter(organisatie=organisatie).order_by("naam")


class IntrekFormulier(Formulier):
    reden = forms.CharField(label="Reden van intrekken", max_length=500)


def _datum(label: str, **kwargs) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Vul een geldige datum in.", "required": "Vul een datum in."},
        **kwargs,
    )


class MandaatFormulier(Formulier):
    """A written mandate (RG-06) recorded by the beheerder; the service checks it as the API's does."""

    soort = forms.ChoiceField(
        label="Soort mandaat",
        choices=[("", "Kies een soort mandaat"), *Mandaat.Soort.choices],
        error_messages={"required": "Kies een soort mandaat."},
    )
    besluit = forms.CharField(
        label="Mandaatbesluit",
        max_length=200,
        required=False,
        help_text="Kenmerk of omschrijving van het besluit, bijvoorbeeld 'Mandaatbesluit verwijsindex 2026'.",
    )
    vanaf = _datum("Geldig vanaf")
    tot = _datum("Geldig tot en met", required=False, help_text="Leeg: geldt tot u het beëindigt.")


class MandaatBeeindigFormulier(Formulier):
    tot = _datum("Laatste dag van het mandaat")


class TeamFormulier(Formulier):
    code = forms.SlugField(label="Code", max_length=64, help_text="Kleine letters, cijfers en streepjes.")
    naam = forms.CharField(label="Naam", max_length=200)
    organisatie = forms.ModelChoiceField(
        label="Organisatie", queryset=Organisatie.objects.order_by("naam"), empty_label="Kies een organisatie"
    )

    def __init__(self, *args, verwerkingsverantwoordelijke_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        _eigen_controller(self, verwerkingsverantwoordelijke_id)


class TokenFormulier(Formulier):
    naam = forms.CharField(label="Naam van het systeem", max_length=100)
    organisatie = forms.ModelChoiceField(
        label="Organisatie", queryset=Organisatie.objects.order_by("naam"), empty_label="Kies een organisatie"
    )
    scopes = forms.MultipleChoiceField(
        label="Scopes",
        choices=[
            ("signaal:registreren", "Signalen afgeven"),
            ("signaal:beheren", "Signalen beheren"),
            ("match:behandelen", "Matches behandelen"),
        ],
        widget=forms.CheckboxSelectMultiple,
    )
    geldig_tot = forms.DateField(
        label="Geldig tot en met",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Vul een geldige datum in."},
    )

    def __init__(self, *args, verwerkingsverantwoordelijke_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        _eigen_controller(self, verwerkingsverantwoordelijke_id)


class BevestigFormulier(CodeFormulier):
    wachtwoord = forms.CharField(
        label="Wachtwoord",
        max_length=200,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    field_order = ["wachtwoord", "code"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.pop("autofocus", None)
        self.fields["wachtwoord"].widget.attrs["autofocus"] = True


class WettelijkeToegangFormulier(Formulier):
    """AC-09: the FG gives an auditor or inspector read access to the log, limited in time."""

    gebruiker = forms.ModelChoiceField(
        label="Auditor", queryset=Gebruiker.objects.none(), empty_label="Kies een auditor"
    )
    instantie = forms.CharField(label="Instantie", max_length=200, help_text="Bijvoorbeeld de accountant.")
    bepaling = forms.CharField(label="Wettelijke bepaling", max_length=200)
    doel = forms.CharField(label="Doel", max_length=300)
    geldig_tot = forms.DateField(
        label="Geldig tot en met",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Hoogstens 90 dagen.",
        error_messages={"invalid": "Vul een geldige datum in."},
    )

    def __init__(self, *args, auditors=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gebruiker"].queryset = auditors
