"""Forms of the sharing pages (SPEC §6, §7): the "mag ik delen?" wizard, consultation, decision, execution,
informing and postponement; the consent record and its giving, refusing and setting aside; the FG's search
of the disclosure register.

Like the dossier forms they only parse what was typed: the services decide (CS-01 … CS-16, SH-01 … SH-21)
and their Dutch reasons are shown at the fields. The wizard's answers are structured (choices, yes/no,
references; SH-21); free text only where a reason is asked. `data_voor_service` builds exactly what the API
hands the services (`verstrekkingen.api._splits`, `toestemmingen.api.naar_service`).
"""

from __future__ import annotations

import datetime as dt
from typing import cast

from django import forms

from zorgvuldig.organisaties.models import Gebruiker, Organisatie
from zorgvuldig.toestemmingen import policies as cs
from zorgvuldig.ui.forms import Formulier
from zorgvuldig.ui.forms_dossier import BRONNEN, JA_NEE, NOTITIE_SOORTEN, _PersoonKeuze, ja_nee, regels
from zorgvuldig.ui.forms_vi import _datumveld, _keuze, _meerkeuze
from zorgvuldig.verstrekkingen import policies as p

# --- Dutch labels (B1) -----------------------------------------------------------------------------

STATUS = {
    p.CONCEPT: "Concept",
    p.CONSULTATIE: "Geconsulteerd",
    p.BESLOTEN: "Besloten",
    p.UITGEVOERD: "Uitgevoerd",
    p.INFORMEREN_UITGESTELD: "Informeren uitgesteld",
    p.CLIENT_GEINFORMEERD: "Cliënt geïnformeerd",
    p.BEEINDIGD: "Beëindigd",
}
RICHTINGEN = {
    p.VERSTREKKEN: "Ik wil gegevens geven (verstrekken)",
    p.OPVRAGEN: "Ik wil gegevens vragen (opvragen)",
}
RICHTING_KORT = {p.VERSTREKKEN: "Verstrekken", p.OPVRAGEN: "Opvragen"}
ONTVANGER_TYPES = {
    "gemeentelijk_team": "Gemeentelijk team",
    "jeugdhulp": "Jeugdhulp",
    "wgbo_zorg": "Zorg (Wgbo), bijvoorbeeld een huisarts",
    "school": "School",
    "veilig_thuis": "Veilig Thuis",
    "raad_kinderbescherming": "Raad voor de Kinderbescherming",
    "gecertificeerde_instelling": "Gecertificeerde instelling (jeugdbescherming)",
    "politie_om": "Politie of Openbaar Ministerie",
    "toezichthouder": "Toezichthouder of sociaal rechercheur (Participatiewet)",
    "persoon": "Een persoon, bijvoorbeeld een familielid",
    "overig": "Overig",
}
KLASSEN = {
    p.KLASSE_A: "A – alleen voor uw eigen taak",
    p.KLASSE_B: "B – voor uw taak én die van de ontvanger (afstemmen)",
    p.KLASSE_C: "C – alleen voor de taak van de ontvanger",
}
GRONDSLAGEN = {
    "a": "a – toestemming",
    "b": "b – overeenkomst",
    "c": "c – wettelijke verplichting",
    "d": "d – vitaal belang",
    "e": "e – publieke taak",
    "f": "f – gerechtvaardigd belang",
}
GRONDEN = {code: g.label for code, g in p.GRONDEN.items()}
BIJZONDERE_CATEGORIEEN = {
    "gezondheid": "Gezondheid",
    "strafrechtelijk": "Strafrechtelijke gegevens",
    "overlast_gebiedsverbod": "Overlast of gebiedsverbod",
    "religie": "Religie of levensovertuiging",
    "ras_etniciteit": "Ras of etnische afkomst",
    "politiek": "Politieke opvatting",
    "seksuele_geaardheid": "Seksuele geaardheid",
    "vakbondslidmaatschap": "Lidmaatschap van een vakbond",
    "genetisch": "Genetische gegevens",
    "biometrisch": "Biometrische gegevens",
}
UITZONDERINGEN = {
    p.UITDRUKKELIJKE_TOESTEMMING: "Uitdrukkelijke toestemming (bij G1)",
    p.WETTELIJKE_TAAK: "Een wettelijke taak regelt dit (bij G4 of G5)",
    p.UITZONDERING_G6: "Conflict van plichten (G6)",
    p.UITZONDERING_G7: "Vitaal belang (G7)",
}
MOMENTEN = {
    p.VOOR: "Vooraf, voordat ik deel",
    p.NA: "Achteraf, zo snel mogelijk",
    p.UITGESTELD: "Uitgesteld (alleen met goedkeuring van de leidinggevende)",
}
UITSTEL_GRONDEN = {
    p.VEILIGHEID: "Veiligheid: er zijn concrete aanwijzingen dat informeren iemand in gevaar brengt",
    p.PARTICIPATIEWET: "Handhaving van de Participatiewet (alleen bij G5 aan een toezichthouder)",
}
PLICHT_ONTVANGERS = {
    p.VEILIG_THUIS: "Veilig Thuis (melding of onderzoek)",
    p.RAAD: "Raad voor de Kinderbescherming",
    p.GI: "Gecertificeerde instelling of gezinsvoogd",
    p.PARTICIPATIEWET: "Toezichthouder of sociaal rechercheur (Participatiewet)",
}
NIET_HAALBAAR = {
    "spoed": "Er is spoed",
    "gevaar": "Vragen brengt iemand in gevaar",
    "pogingen_mislukt": "Ik heb het geprobeerd, maar het lukte niet",
}
BESLUITEN = {
    p.DELEN: "Delen",
    p.GEDEELTELIJK: "Gedeeltelijk delen",
    p.WEIGEREN: "Niet delen (weigeren)",
}
UITVOERING_VORMEN = {"schriftelijk": "Schriftelijk", "digitaal": "Digitaal", "mondeling": "Mondeling"}
WIJZEN = {
    "in een gesprek": "In een gesprek",
    "telefonisch": "Telefonisch",
    "per brief": "Per brief",
    "per e-mail": "Per e-mail",
}
VERSTREKKING_BRONNEN = {
    "deelbesluit": "Deelbesluit",
    "toedeling": "Toedeling casusoverleg",
    "vi_match": "Matchbericht verwijsindex",
}

# Consent registry (SPEC §6)
TOESTEMMING_SOORTEN = {
    cs.GRONDSLAG: "(1) Grondslag: de cliënt geeft toestemming voor de verwerking zelf",
    cs.BEROEPSGEHEIM: "(2) Doorbreken van het beroepsgeheim: delen met een ander",
    cs.JEUGDHULP: "(3) Start van jeugdhulp of behandeling",
    cs.OVERIG: "(4) Overig, bijvoorbeeld meedoen aan een casusoverleg",
}
TOESTEMMING_SOORT_KORT = {
    cs.GRONDSLAG: "Grondslag voor verwerking",
    cs.BEROEPSGEHEIM: "Doorbreken beroepsgeheim",
    cs.JEUGDHULP: "Start jeugdhulp",
    cs.OVERIG: "Overig",
}
TOESTEMMING_STATUS = {
    cs.GEVRAAGD: "Gevraagd",
    cs.GEGEVEN: "Gegeven",
    cs.GEWEIGERD: "Geweigerd",
    cs.INGETROKKEN: "Ingetrokken",
    cs.VERLOPEN: "Verlopen",
}
NIEUWE_STATUS = {
    cs.GEVRAAGD: "Gevraagd: de cliënt beslist later",
    cs.GEGEVEN: "Gegeven",
    cs.GEWEIGERD: "Geweigerd",
}
TOESTEMMING_VORMEN = {
    "schriftelijk": "Schriftelijk (op papier, ondertekend)",
    "digitaal": "Digitaal vastgelegd door de cliënt zelf",
    "mondeling": "Mondeling",
}
ONDERWERPEN = {
    "doel": "Het doel: waarom de gegevens nodig zijn",
    "ontvanger": "Wie de gegevens krijgt",
    "gegevens": "Welke gegevens het zijn",
    "hulp": "De hulp zelf (bij toestemming voor jeugdhulp)",
}
TOESTEMMING_UITZONDERINGEN = {
    "gratis_direct_aan_minderjarige": "Gratis hulp direct aan de jongere (CS-14)",
    "ernstig_nadeel": "Nodig om ernstig nadeel voor de jongere te voorkomen (CS-15)",
    "jongere_volhardt": "De jongere blijft het willen, ook nu de ouders weigeren (CS-15)",
}
REACTIES = {"geen_bezwaar": "Geen bezwaar", "bezwaar": "Bezwaar"}
HOEDANIGHEDEN = {
    cs.ZELF: "zelf",
    "ouder_met_gezag": "ouder met gezag",
    "voogd": "voogd",
    "curator": "curator",
    "mentor": "mentor",
    "echtgenoot_partner": "echtgenoot of partner",
    "ouder": "ouder (zonder gezag)",
    "meerderjarige_broer_zus": "meerderjarige broer of zus",
    "meerderjarig_kind": "meerderjarig kind",
}

MAX_RIJEN = 50  # API: at most 50 items per decision


def _tekst(label: str, help_text: str = "", max_length: int = 4000) -> forms.CharField:
    return forms.CharField(
        label=label, max_length=max_length, required=False, help_text=help_text, widget=forms.Textarea
    )


def _regel(label: str, help_text: str = "", max_length: int = 200) -> forms.CharField:
    return forms.CharField(label=label, max_length=max_length, required=False, help_text=help_text)


def _lijst(label: str, keuzes, help_text: str = "", leeg: str = "Kies") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=[("", leeg), *keuzes],
        required=False,
        help_text=help_text,
        error_messages={"invalid_choice": "Kies een van de mogelijkheden."},
    )


def _vink(label: str, help_text: str = "") -> forms.BooleanField:
    return forms.BooleanField(label=label, required=False, help_text=help_text)


def _iso(waarde) -> str | None:
    return waarde.isoformat() if isinstance(waarde, dt.date) else None


def _ja_nee_initial(waarde) -> str | None:
    return {True: "ja", False: "nee"}.get(waarde) if isinstance(waarde, bool) else None


class _OrganisatieKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.naam


class _OrganisatiesKeuze(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.naam


# --- The wizard (SPEC §7 "The wizard", SH-21) -----------------------------------------------------

# The fields of each ground's own questions (step 5); only the chosen ground's answers are sent.
GROND_VELDEN: dict[str, tuple[str, ...]] = {
    p.G1: ("toestemming",),
    p.G2: ("direct_betrokken",),
    p.G3: ("gezaghebbende_ouder", "kind_onder_16", "onverenigbaar"),
    p.G4: ("bevoegdheid_bepaling",),
    p.G5: (
        "plicht_ontvanger",
        "plicht_bepaling",
        "verzoek_kenmerk",
        "verzoek_datum",
        "verzoek_bepaling",
        "juridisch_advies",
    ),
    p.G6: (
        "niet_haalbaar",
        "vv_legitiem_doel",
        "vv_enige_weg",
        "vv_instemming",
        "vv_belang",
        "ernstige_schade",
        "andere_wegen",
        "kans_beperking",
        "objectief",
        "openheid",
    ),
    p.G7: ("vb_zeer_ernstig", "vb_vitaal", "vb_dringend", "vb_toestemming_onmogelijk", "vb_enige_weg"),
    p.G8: ("ver_verband", "ver_context", "ver_gevoeligheid", "ver_gevolgen", "ver_waarborgen"),
}
VIER_VRAGEN = {
    "vv_legitiem_doel": "legitiemDoel",
    "vv_enige_weg": "enigeWeg",
    "vv_instemming": "instemmingOnmogelijkOfGezocht",
    "vv_belang": "belangClientWeegtZwaarder",
}
VITAAL = {
    "vb_zeer_ernstig": "zeerErnstigeSituatie",
    "vb_vitaal": "vitaalBelang",
    "vb_dringend": "dringendNodigNietDoorTeam",
    "vb_toestemming_onmogelijk": "toestemmingOnmogelijk",
    "vb_enige_weg": "enigeWeg",
}
VERENIGBAAR = {
    "ver_verband": "verbandDoelen",
    "ver_context": "contextVerwachtingen",
    "ver_gevoeligheid": "gevoeligheid",
    "ver_gevolgen": "gevolgen",
    "ver_waarborgen": "waarborgen",
}

# The wizard's sections: which fields each shows (rows of items aside).
SECTIE_VELDEN: dict[str, tuple[str, ...]] = {
    "ontvanger": (
        "richting",
        "ontvanger_organisatie",
        "ontvanger_naam",
        "ontvanger_functie",
        "ontvanger_type",
        "ontvanger_taak",
        "verzoek_context",
        "klasse",
        "verschoningsrecht",
    ),
    "verrijking": ("verrijking", "vt_melding_datum", "vt_melding_ambtshalve", "onderzoek_gestart_op"),
    "1": ("doel",),
    "2": ("grondslag_eigen", "grondslag_ontvanger"),
    "3": (
        "onderbouwing",
        "van_client",
        "anoniem_volstaat",
        "dat_gegeven_volstaat",
        "beeindigt_huiselijk_geweld",
    ),
    "5": ("beroepsgeheim",),
    "6": ("informeren_moment", "uitstel_grond", "kinderbeschermingstafel"),
    "8": ("eigen_verklaringen_mee", "geen_verborgen_items"),
}
RIJ_VELDEN: dict[int, tuple[str, ...]] = {
    3: ("item", "omschrijving"),
    4: ("bijzonder", "categorie", "uitzondering"),
    7: ("soort", "bron"),
}

# API field names in the services' refusals → form fields.
DEEL_VELDNAMEN = {
    "richting": "richting",
    "ontvanger": "ontvanger_organisatie",
    "ontvanger.organisatie": "ontvanger_organisatie",
    "grond": "grond",
    "toestemming": "toestemming",
    "klasse": "klasse",
    "stappen.doel.verwerkingsactiviteit": "doel",
}


class DeelbesluitFormulier(Formulier):
    """The wizard in one form with a section per step; each step's result is shown after saving (SH-21)."""

    VELDNAMEN = DEEL_VELDNAMEN

    # Recipient and request
    richting = _keuze("Wat wilt u doen?", list(RICHTINGEN.items()))
    ontvanger_organisatie = _OrganisatieKeuze(
        label="Organisatie van de ontvanger",
        queryset=Organisatie.objects.none(),
        required=False,
        empty_label="Staat niet in de lijst",
        help_text="Bij opvragen: de organisatie die u om gegevens vraagt.",
    )
    ontvanger_naam = _regel(
        "Naam van de ontvanger",
        "Een persoon, team of organisatie die niet in de lijst staat. Bij een organisatie uit de lijst: "
        "eventueel het team of de afdeling.",
    )
    ontvanger_functie = _regel("Functie van de ontvanger", "Bijvoorbeeld: dienstdoende huisarts.")
    ontvanger_type = _lijst(
        "Soort ontvanger",
        list(ONTVANGER_TYPES.items()),
        "Leeg laten bij een organisatie uit de lijst: dan geldt het soort van die organisatie.",
        leeg="Zoals de organisatie uit de lijst",
    )
    ontvanger_taak = _regel(
        "Taak van de ontvanger", "Voor welke taak heeft de ontvanger de gegevens nodig?", 500
    )
    verzoek_context = _tekst(
        "Het verzoek: doel en context",
        "Vraagt de ontvanger om gegevens? Schrijf op wat er gevraagd is en waarvoor (SH-06, SH-13). Vraagt u "
        "zelf iets op? Schrijf dan op waarvoor en in welke situatie u het nodig heeft.",
    )
    klasse = _keuze("Voor wiens taak deelt u?", list(KLASSEN.items()), "SH-03: klasse A, B of C.")
    verschoningsrecht = _vink(
        "Ik doe een beroep op mijn verschoningsrecht (ik hoef als getuige niets te zeggen)",
        "SH-19: dan wordt er niets verstrekt. Kies bij het besluit 'niet delen'.",
    )
    # Enrichment (SH-17): only for Veilig Thuis, the Raad and a GI
    verrijking = _vink("Dit is verrijken: gegevens opvragen bij derden zonder toestemming (SH-17)")
    vt_melding_datum = _datumveld("Datum van de melding bij Veilig Thuis")
    vt_melding_ambtshalve = _vink("Het is een ambtshalve melding")
    onderzoek_gestart_op = _datumveld("Onderzoek gestart op", "Binnen 5 dagen na de melding (SH-17).")
    # Step 1
    doel = _lijst("Doel (verwerkingsactiviteit)", [], leeg="Kies het doel")
    # GP-02: the list holds only the purposes a share may serve; another one is refused in plain Dutch.
    doel.error_messages["invalid_choice"] = (
        "Voor dit doel deelt u geen gegevens van een cliënt. Kies een doel uit de lijst (GP-02)."
    )
    # Step 2
    grondslag_eigen = _keuze("Uw grondslag", list(GRONDSLAGEN.items()))
    grondslag_ontvanger = _keuze(
        "Grondslag van de ontvanger",
        list(GRONDSLAGEN.items()),
        "Alleen bij verstrekken aan een organisatie. Vraag het zo nodig aan de ontvanger (SH-06).",
    )
    # Step 3
    onderbouwing = _tekst("Waarom is delen nodig?", "Leg uit waarvoor de ontvanger dit nodig heeft (GP-04).")
    van_client = _keuze(
        "Kunt u de gegevens bij de cliënt zelf vragen, of kan de cliënt ze zelf geven?", JA_NEE
    )
    anoniem_volstaat = _keuze("Zijn anonieme gegevens genoeg?", JA_NEE)
    dat_gegeven_volstaat = _keuze(
        "Is alleen het feit dát u betrokken bent genoeg (een dat-gegeven)?",
        JA_NEE,
        "Dan deelt of vraagt u geen inhoud (SH-07).",
    )
    beeindigt_huiselijk_geweld = _keuze(
        "Helpt delen met politie of OM om huiselijk geweld te voorkomen of te stoppen?", JA_NEE, "SH-18."
    )
    # Step 5
    beroepsgeheim = _keuze(
        "Heeft u een beroepsgeheim voor deze gegevens?",
        JA_NEE,
        "Bijvoorbeeld als u BIG- of SKJ-geregistreerd bent (SH-04).",
    )
    grond = _keuze(
        "Op welke grond deelt u?",
        [(code, f"{g.label}: {g.betekenis}") for code, g in p.GRONDEN.items()],
        "Kies één grond. De vragen die bij die grond horen, verschijnen hieronder.",
    )
    # G1
    toestemming = _lijst(
        "Welke toestemming?",
        [],
        "Alleen toestemmingen die in dit dossier zijn vastgelegd. Staat hij er niet bij? Leg hem eerst vast.",
        leeg="Kies de toestemming",
    )
    # G2
    direct_betrokken = _vink(
        "De ontvanger is direct betrokken bij de hulp aan de cliënt, of is de vervanger (afgesproken lijst)"
    )
    # G3
    gezaghebbende_ouder = _vink("De ontvanger is een ouder met gezag")
    kind_onder_16 = _vink("Het kind is jonger dan 16 jaar")
    onverenigbaar = _vink("Deze informatie aan de ouder past niet bij goede zorg voor het kind")
    # G4
    bevoegdheid_bepaling = _regel(
        "Welke wet geeft het recht om te delen?", "Bijvoorbeeld: Wet verplichte meldcode.", 300
    )
    # G5
    plicht_ontvanger = _keuze("Tegenover wie geldt de wettelijke plicht?", list(PLICHT_ONTVANGERS.items()))
    plicht_bepaling = _regel("Wettelijke bepaling", "Bijvoorbeeld: Wmo 2015 art. 5.2.6.", 300)
    verzoek_kenmerk = _regel(
        "Kenmerk van het schriftelijke verzoek", "Alleen bij de Participatiewet (SH-20)."
    )
    verzoek_datum = _datumveld(
        "Datum van het schriftelijke verzoek", "Alleen bij de Participatiewet (SH-20)."
    )
    verzoek_bepaling = _regel(
        "Artikel uit de Participatiewet in het verzoek", "Bijvoorbeeld: Participatiewet art. 53a.", 300
    )
    juridisch_advies = _keuze(
        "Heeft u juridisch advies gevraagd?", JA_NEE, "Alleen bij de Participatiewet (SH-20)."
    )
    # G6 (SH-12)
    niet_haalbaar = _keuze("Waarom kunt u geen toestemming vragen?", list(NIET_HAALBAAR.items()))
    vv_legitiem_doel = _keuze("1. Dient delen een gerechtvaardigd doel?", JA_NEE)
    vv_enige_weg = _keuze("2. Is delen de enige manier om dat doel te bereiken?", JA_NEE)
    vv_instemming = _keuze(
        "3. Was toestemming vragen onmogelijk of niet verantwoord, of heeft u er alles aan gedaan?", JA_NEE
    )
    vv_belang = _keuze("4. Weegt het belang van de cliënt zwaarder dan het belang van geheimhouding?", JA_NEE)
    ernstige_schade = _tekst("Welke ernstige schade ontstaat als u niet deelt, en voor wie?")
    andere_wegen = _tekst("Welke andere manieren om de schade te voorkomen heeft u bekeken?")
    kans_beperking = _tekst("Hoe groot is de kans dat delen de schade beperkt?")
    objectief = _keuze(
        "Deelt u alleen objectieve informatie uit eigen waarneming (of zegt u er anders bij van wie het is)?",
        JA_NEE,
    )
    openheid = _keuze("Bent u open naar de cliënt, waar dat kan?", JA_NEE)
    # G7
    vb_zeer_ernstig = _keuze("Is de cliënt mogelijk in een zeer ernstige situatie?", JA_NEE)
    vb_vitaal = _keuze("Staat een vitaal belang van de cliënt op het spel (leven of gezondheid)?", JA_NEE)
    vb_dringend = _keuze(
        "Heeft de cliënt dringend hulp, onderzoek of ingrijpen nodig dat het team niet kan geven?", JA_NEE
    )
    vb_toestemming_onmogelijk = _keuze("Is toestemming vragen onmogelijk, ook na pogingen?", JA_NEE)
    vb_enige_weg = _keuze("Is delen de enige manier?", JA_NEE)
    # G8 (SH-05)
    ver_verband = _tekst("Welk verband is er tussen het oude en het nieuwe doel?")
    ver_context = _tekst("In welke situatie zijn de gegevens verzameld, en wat mag de cliënt verwachten?")
    ver_gevoeligheid = _tekst("Hoe gevoelig zijn de gegevens?")
    ver_gevolgen = _tekst("Wat zijn de gevolgen voor de cliënt?")
    ver_waarborgen = _tekst("Welke waarborgen zijn er, bijvoorbeeld versleuteling of pseudoniemen?")
    # Step 6
    informeren_moment = _keuze("Wanneer hoort de cliënt ervan?", list(MOMENTEN.items()))
    uitstel_grond = _keuze("Grond voor uitstel", list(UITSTEL_GRONDEN.items()), "Alleen bij uitstel (SH-14).")
    kinderbeschermingstafel = _vink(
        "Dit is een melding aan de kinderbeschermingstafel", "Dan informeert u altijd vooraf (SH-15)."
    )
    # Step 8
    eigen_verklaringen_mee = _vink(
        "Ik bevestig: heeft de cliënt gereageerd op een mening, dan gaat die reactie mee (DS-09)"
    )
    geen_verborgen_items = _vink(
        "Ik bevestig: geen enkel gegeven is voor de veiligheid afgeschermd voor de ontvanger (DS-13)"
    )

    def __init__(
        self,
        *args,
        organisaties,
        activiteiten,
        notities,
        toestemmingen,
        rijen: int,
        verrijker: bool = False,
        veilig_thuis: bool = False,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["ontvanger_organisatie"]).queryset = organisaties
        cast(forms.ChoiceField, self.fields["doel"]).choices = [("", "Kies het doel"), *activiteiten]
        cast(forms.ChoiceField, self.fields["toestemming"]).choices = [
            ("", "Kies de toestemming"),
            *toestemmingen,
        ]
        # (uuid, label in the choice list, short description used when no description is typed)
        self.notities = {uuid: kort for uuid, _label, kort in notities}
        self.rijen = max(1, min(int(rijen), MAX_RIJEN))
        for i in range(1, self.rijen + 1):
            self.fields[f"g{i}_item"] = _lijst(
                "Notitie uit het dossier",
                [(uuid, label) for uuid, label, _kort in notities],
                leeg="Geen notitie: ik omschrijf het gegeven",
            )
            self.fields[f"g{i}_omschrijving"] = _regel(
                "Omschrijving",
                "Wat deelt u precies? Zonder omschrijving nemen we het soort en de datum van de notitie.",
                1000,
            )
            self.fields[f"g{i}_bijzonder"] = _vink("Dit is een bijzonder persoonsgegeven")
            self.fields[f"g{i}_categorie"] = _regel(
                "Categorie",
                "Bij een bijzonder gegeven: "
                + ", ".join(BIJZONDERE_CATEGORIEEN)
                + ". Deelt u op toestemming "
                "(G1)? Gebruik dan de categorie uit de toestemming, bijvoorbeeld schoolgegevens.",
                60,
            )
            self.fields[f"g{i}_uitzondering"] = _lijst(
                "Uitzondering (SH-08)", list(UITZONDERINGEN.items()), leeg="Geen (geen bijzonder gegeven)"
            )
            self.fields[f"g{i}_soort"] = _lijst("Soort", list(NOTITIE_SOORTEN.items()), leeg="Kies het soort")
            self.fields[f"g{i}_bron"] = _lijst("Bron", list(BRONNEN.items()), leeg="Kies de bron")
            for naam in ("item", "omschrijving", "bijzonder", "categorie", "uitzondering", "soort", "bron"):
                veld = self.fields[f"g{i}_{naam}"]
                if isinstance(veld.widget, forms.CheckboxInput):
                    veld.widget.attrs["class"] = "utrecht-checkbox utrecht-checkbox--html-input"
                elif isinstance(veld.widget, forms.Select):
                    veld.widget.attrs["class"] = "utrecht-select utrecht-select--html-select"
                else:
                    veld.widget.attrs["class"] = "utrecht-textbox utrecht-textbox--html-input"
        if not verrijker:
            for naam in SECTIE_VELDEN["verrijking"]:
                del self.fields[naam]
        if not veilig_thuis:
            del self.fields["beeindigt_huiselijk_geweld"]

    # --- what the template shows per section -----------------------------------------------------

    def sectie(self, naam: str) -> list:
        return [self[n] for n in SECTIE_VELDEN[naam] if n in self.fields]

    @property
    def sectie_ontvanger(self) -> list:
        return self.sectie("ontvanger")

    @property
    def sectie_verrijking(self) -> list:
        return self.sectie("verrijking")

    def rij_secties(self, stap: int) -> list[dict]:
        """Per item row the fields this step asks (3: which item; 4: special category; 7: type and source)."""
        uit = []
        for i in range(1, self.rijen + 1):
            item = self._waarde(f"g{i}_item")
            omschrijving = self._waarde(f"g{i}_omschrijving")
            titel = omschrijving or (self.notities.get(item, "") if item else "")
            velden = [self[f"g{i}_{n}"] for n in RIJ_VELDEN[stap]]
            if stap == 7 and item:
                velden = []  # a note's type and source come from the note itself (DS-07)
            uit.append({"nummer": i, "titel": titel, "velden": velden, "notitie": bool(item)})
        return uit

    def grond_velden(self, grond: str | None) -> list:
        return [self[n] for n in GROND_VELDEN.get(grond or "", ())]

    @property
    def gekozen_grond(self) -> str | None:
        return self._waarde("grond") or None

    def _waarde(self, naam: str) -> str:
        if self.is_bound:
            return str(self.data.get(naam) or "")
        return str(self.initial.get(naam) or "")

    # --- from stored answers to the form and back (`verstrekkingen.api._splits`) -------------------

    @staticmethod
    def initial_uit(rij, a: dict) -> dict:
        st = a.get("stappen") or {}
        noodzaak = st.get("noodzaak") or {}
        informeren = st.get("informeren") or {}
        rechten = st.get("rechten") or {}
        wp = a.get("wettelijkePlicht") or {}
        sv = wp.get("schriftelijkVerzoek") or {}
        cvp = a.get("conflictVanPlichten") or {}
        vv = a.get("vierVragen") or {}
        vb = a.get("vitaalBelang") or {}
        ver = a.get("verenigbaarheid") or {}
        vt = a.get("vtMelding") or {}
        ontvanger = rij.ontvanger or {}
        org_type = rij.ontvanger_organisatie.type if rij.ontvanger_organisatie else None
        initial: dict = {
            "richting": rij.richting,
            "ontvanger_organisatie": rij.ontvanger_organisatie,
            "ontvanger_naam": ontvanger.get("naam", ""),
            "ontvanger_functie": ontvanger.get("functie", ""),
            "ontvanger_taak": ontvanger.get("taak", ""),
            "ontvanger_type": "" if rij.ontvanger_type == org_type else rij.ontvanger_type,
            "verzoek_context": a.get("verzoekContext", ""),
            "klasse": rij.klasse,
            "verschoningsrecht": rij.verschoningsrecht,
            "verrijking": a.get("verrijking") is True,
            "vt_melding_datum": vt.get("datum"),
            "vt_melding_ambtshalve": vt.get("ambtshalve") is True,
            "onderzoek_gestart_op": a.get("onderzoekGestartOp"),
            "doel": (st.get("doel") or {}).get("verwerkingsactiviteit") or "",
            "grondslag_eigen": (st.get("grondslag") or {}).get("eigen"),
            "grondslag_ontvanger": (st.get("grondslag") or {}).get("ontvanger"),
            "onderbouwing": noodzaak.get("onderbouwing", ""),
            "van_client": _ja_nee_initial(noodzaak.get("vanClient")),
            "anoniem_volstaat": _ja_nee_initial(noodzaak.get("anoniemVolstaat")),
            "dat_gegeven_volstaat": _ja_nee_initial(noodzaak.get("datGegevenVolstaat")),
            "beeindigt_huiselijk_geweld": _ja_nee_initial(noodzaak.get("beeindigtHuiselijkGeweld")),
            "beroepsgeheim": _ja_nee_initial(st.get("beroepsgeheim")),
            "grond": rij.grond,
            "toestemming": str(rij.toestemming.uuid) if rij.toestemming_id else "",
            "direct_betrokken": a.get("ontvangerDirectBetrokken") is True,
            "gezaghebbende_ouder": a.get("ontvangerGezaghebbendeOuder") is True,
            "kind_onder_16": a.get("kindOnder16") is True,
            "onverenigbaar": a.get("onverenigbaarMetGoedeZorg") is True,
            "bevoegdheid_bepaling": (a.get("wettelijkeBevoegdheid") or {}).get("bepaling", ""),
            "plicht_ontvanger": wp.get("ontvanger"),
            "plicht_bepaling": wp.get("bepaling", ""),
            "verzoek_kenmerk": sv.get("kenmerk", ""),
            "verzoek_datum": sv.get("datum"),
            "verzoek_bepaling": sv.get("bepaling", ""),
            "juridisch_advies": _ja_nee_initial(wp.get("juridischAdvies")),
            "niet_haalbaar": cvp.get("toestemmingNietHaalbaar"),
            "ernstige_schade": cvp.get("ernstigeSchade", ""),
            "andere_wegen": cvp.get("andereWegen", ""),
            "kans_beperking": cvp.get("kansBeperking", ""),
            "objectief": _ja_nee_initial(cvp.get("objectiefEigenWaarneming")),
            "openheid": _ja_nee_initial(cvp.get("openheidNaarClient")),
            "informeren_moment": informeren.get("moment"),
            "uitstel_grond": informeren.get("grond"),
            "kinderbeschermingstafel": a.get("kinderbeschermingstafel") is True,
            "eigen_verklaringen_mee": rechten.get("eigenVerklaringenMee") is True,
            "geen_verborgen_items": rechten.get("geenVerborgenItems") is True,
        }
        initial |= {veld: _ja_nee_initial(vv.get(sleutel)) for veld, sleutel in VIER_VRAGEN.items()}
        initial |= {veld: _ja_nee_initial(vb.get(sleutel)) for veld, sleutel in VITAAL.items()}
        initial |= {veld: ver.get(sleutel, "") for veld, sleutel in VERENIGBAAR.items()}
        for i, g in enumerate(a.get("gegevens") or [], start=1):
            initial |= {
                f"g{i}_item": g.get("item") or "",
                f"g{i}_omschrijving": g.get("omschrijving") or "",
                f"g{i}_bijzonder": g.get("bijzonder") is True,
                f"g{i}_categorie": g.get("categorie") or "",
                f"g{i}_uitzondering": g.get("uitzondering") or "",
                f"g{i}_soort": g.get("soort") or "",
                f"g{i}_bron": g.get("bron") or "",
            }
        return initial

    def gegevens(self) -> list[dict]:
        """The item rows that were filled in, in the API's shape (`gegevens[]`)."""
        d = self.cleaned_data
        uit = []
        for i in range(1, self.rijen + 1):
            item = d.get(f"g{i}_item") or ""
            omschrijving = (d.get(f"g{i}_omschrijving") or "").strip()
            if not item and not omschrijving:
                continue
            g: dict = {"omschrijving": omschrijving or self.notities.get(item, "Notitie uit het dossier")}
            if item:
                g["item"] = item
            if d.get(f"g{i}_bijzonder"):
                g["bijzonder"] = True
            for veld in ("categorie", "uitzondering") + (() if item else ("soort", "bron")):
                waarde = (d.get(f"g{i}_{veld}") or "").strip()
                if waarde:
                    g[veld] = waarde
            uit.append(g)
        return uit

    def data_voor_service(self, toestemming=None) -> tuple[dict, dict]:
        """(structured fields, encrypted answers) as `verstrekkingen.api._splits` makes them."""
        d = self.cleaned_data
        grond = d.get("grond") or None
        org = d.get("ontvanger_organisatie")
        data: dict = {
            "richting": d.get("richting") or p.VERSTREKKEN,
            "ontvanger_organisatie": org,
            "ontvanger_type": d.get("ontvanger_type") or (org.type if org else "overig"),
            "ontvanger": {
                k: (d.get(f"ontvanger_{k}") or "").strip()
                for k in ("naam", "functie", "taak")
                if (d.get(f"ontvanger_{k}") or "").strip()
            },
            "klasse": d.get("klasse") or None,
            "grond": grond,
            "toestemming": toestemming if grond == p.G1 else None,
            "verschoningsrecht": bool(d.get("verschoningsrecht")),
        }
        moment = d.get("informeren_moment") or None
        informeren: dict = {"moment": moment}
        if moment == p.UITGESTELD:
            informeren["grond"] = d.get("uitstel_grond") or None
        noodzaak: dict = {
            "onderbouwing": (d.get("onderbouwing") or "").strip(),
            "vanClient": ja_nee(d.get("van_client")),
            "anoniemVolstaat": ja_nee(d.get("anoniem_volstaat")),
            "datGegevenVolstaat": ja_nee(d.get("dat_gegeven_volstaat")),
        }
        if "beeindigt_huiselijk_geweld" in self.fields:
            noodzaak["beeindigtHuiselijkGeweld"] = ja_nee(d.get("beeindigt_huiselijk_geweld"))
        a: dict = {
            "stappen": {
                "doel": {"verwerkingsactiviteit": d.get("doel") or None},
                "grondslag": {
                    "eigen": d.get("grondslag_eigen") or None,
                    "ontvanger": d.get("grondslag_ontvanger") or None,
                },
                "noodzaak": noodzaak,
                "beroepsgeheim": ja_nee(d.get("beroepsgeheim")),
                "informeren": informeren,
                "rechten": {
                    "eigenVerklaringenMee": True if d.get("eigen_verklaringen_mee") else None,
                    "geenVerborgenItems": True if d.get("geen_verborgen_items") else None,
                },
            },
            "gegevens": self.gegevens(),
            "verzoekContext": (d.get("verzoek_context") or "").strip(),
            "kinderbeschermingstafel": bool(d.get("kinderbeschermingstafel")),
            "ontvangerDirectBetrokken": grond == p.G2 and bool(d.get("direct_betrokken")),
            "ontvangerGezaghebbendeOuder": grond == p.G3 and bool(d.get("gezaghebbende_ouder")),
            "kindOnder16": grond == p.G3 and bool(d.get("kind_onder_16")),
            "onverenigbaarMetGoedeZorg": grond == p.G3 and bool(d.get("onverenigbaar")),
        }
        if grond == p.G4:
            a["wettelijkeBevoegdheid"] = {"bepaling": (d.get("bevoegdheid_bepaling") or "").strip()}
        if grond == p.G5:
            plicht: dict = {
                "ontvanger": d.get("plicht_ontvanger") or None,
                "bepaling": (d.get("plicht_bepaling") or "").strip(),
                "juridischAdvies": ja_nee(d.get("juridisch_advies")),
            }
            if d.get("verzoek_kenmerk") or d.get("verzoek_datum") or d.get("verzoek_bepaling"):
                plicht["schriftelijkVerzoek"] = {
                    "kenmerk": (d.get("verzoek_kenmerk") or "").strip(),
                    "datum": _iso(d.get("verzoek_datum")),
                    "bepaling": (d.get("verzoek_bepaling") or "").strip(),
                }
            a["wettelijkePlicht"] = plicht
        if grond == p.G6:
            a["vierVragen"] = {sleutel: ja_nee(d.get(veld)) for veld, sleutel in VIER_VRAGEN.items()}
            a["conflictVanPlichten"] = {
                "toestemmingNietHaalbaar": d.get("niet_haalbaar") or None,
                "ernstigeSchade": (d.get("ernstige_schade") or "").strip(),
                "andereWegen": (d.get("andere_wegen") or "").strip(),
                "kansBeperking": (d.get("kans_beperking") or "").strip(),
                "objectiefEigenWaarneming": ja_nee(d.get("objectief")),
                "openheidNaarClient": ja_nee(d.get("openheid")),
            }
        if grond == p.G7:
            a["vitaalBelang"] = {sleutel: ja_nee(d.get(veld)) for veld, sleutel in VITAAL.items()}
        if grond == p.G8:
            a["verenigbaarheid"] = {
                sleutel: (d.get(veld) or "").strip() for veld, sleutel in VERENIGBAAR.items()
            }
        if "verrijking" in self.fields:
            a["verrijking"] = bool(d.get("verrijking"))
            if d.get("vt_melding_datum"):
                a["vtMelding"] = {
                    "datum": _iso(d.get("vt_melding_datum")),
                    "ambtshalve": bool(d.get("vt_melding_ambtshalve")),
                }
            a["onderzoekGestartOp"] = _iso(d.get("onderzoek_gestart_op"))
        return data, a


class ConsultatieFormulier(Formulier):
    """SH-09/SH-11: who was consulted, when, and the advice; the decision stays yours."""

    VELDNAMEN = {"adviseur": "adviseur", "tijdstip": "tijd", "advies": "advies"}

    adviseur = _PersoonKeuze(
        label="Wie heeft u geraadpleegd?",
        queryset=Gebruiker.objects.none(),
        required=False,
        empty_label="Kies een collega of leidinggevende",
        help_text="Bij G5, G7 of Veilig Thuis: de leidinggevende. Bij G6 mag ook een collega (SH-09).",
    )
    datum = _datumveld("Datum van het overleg")
    tijd = forms.TimeField(
        label="Tijd van het overleg",
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": "Vul een geldige tijd in."},
    )
    advies = _tekst("Advies", "Wat adviseerde de collega of leidinggevende? U beslist zelf (SH-11).")

    def __init__(self, *args, adviseurs, alleen_leidinggevende: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        veld = cast(forms.ModelChoiceField, self.fields["adviseur"])
        veld.queryset = adviseurs
        if alleen_leidinggevende:
            veld.empty_label = "Kies de leidinggevende"
            veld.help_text = "Bij deze grond of ontvanger raadpleegt u de leidinggevende (SH-09)."


class BesluitFormulier(Formulier):
    VELDNAMEN = {"besluit": "besluit", "redenen": "redenen", "consultatie.tijdstip": "spoed"}

    besluit = _keuze("Uw besluit", list(BESLUITEN.items()))
    redenen = _tekst(
        "Redenen van het besluit",
        "Verplicht bij gedeeltelijk delen, weigeren, delen zonder toestemming en bij achteraf informeren "
        "(SH-10).",
        8000,
    )
    spoed = _vink(
        "Spoed: ik beslis nu en raadpleeg de leidinggevende achteraf, binnen 1 werkdag",
        "Alleen als wachten op overleg gevaar geeft (SH-09).",
    )


class UitvoerenFormulier(Formulier):
    VELDNAMEN = {"datum": "datum", "vorm": "vorm"}

    datum = _datumveld("Gedeeld op")
    vorm = _keuze("Hoe heeft u gedeeld?", list(UITVOERING_VORMEN.items()))


class ClientInformerenFormulier(Formulier):
    VELDNAMEN = {"datum": "datum", "wijze": "wijze"}

    datum = _datumveld("Geïnformeerd op")
    wijze = _keuze("Hoe heeft u de cliënt geïnformeerd?", list(WIJZEN.items()))


class VervallenFormulier(Formulier):
    """A draft that will not be decided is discarded, with the reason (SPEC §7 States)."""

    VELDNAMEN = {"reden": "reden"}

    reden = _tekst(
        "Waarom vervalt dit concept?",
        "Bijvoorbeeld: het verzoek is ingetrokken, of het concept is per ongeluk gemaakt. "
        "Er is niets gedeeld.",
    )


class UitstelFormulier(Formulier):
    """SH-14: the leidinggevende approves postponing, with a review at most 30 days ahead."""

    VELDNAMEN = {"grond": "grond", "toelichting": "toelichting", "reviewdatum": "reviewdatum"}

    grond = _keuze("Grond voor uitstel", list(UITSTEL_GRONDEN.items()))
    toelichting = _tekst(
        "Concrete aanwijzingen",
        "Welke concrete aanwijzingen zijn er dat informeren nu de veiligheid bedreigt van de cliënt, het "
        "gezin, medewerkers of anderen? (SH-14)",
    )
    reviewdatum = _datumveld("Opnieuw bekijken op", "Uiterlijk 30 dagen na vandaag (SH-14).")


class UitstelAfwijzenFormulier(Formulier):
    """SH-14: the leidinggevende does not approve (or ends) the postponement; the client is informed."""

    VELDNAMEN = {"toelichting": "toelichting"}

    toelichting = _tekst(
        "Waarom kan de cliënt wel geïnformeerd worden?",
        "Bijvoorbeeld: er zijn geen concrete aanwijzingen dat informeren de veiligheid bedreigt (SH-14).",
    )


class AdviesReactieFormulier(Formulier):
    """SH-11: the adviser confirms the advice recorded in their name, or corrects it."""

    VELDNAMEN = {"akkoord": "akkoord", "toelichting": "toelichting"}

    akkoord = forms.TypedChoiceField(
        label="Klopt het vastgelegde advies?",
        choices=[("ja", "Ja, dit was mijn advies"), ("nee", "Nee, mijn advies was anders")],
        coerce=lambda v: v == "ja",
        widget=forms.RadioSelect,
    )
    toelichting = _tekst(
        "Wat was uw advies dan wel?",
        "Alleen invullen als het vastgelegde advies niet klopt. Wie het besluit nam, krijgt een e-mail "
        "dat u het advies hebt gecorrigeerd (SH-11).",
    )


# --- Consents (SPEC §6) ---------------------------------------------------------------------------

TOESTEMMING_VELDNAMEN = {
    "soort": "soort",
    "status": "status",
    "gevers": "gevers",
    "betrokkene": "gevers",
    "jongereGehoord": "jongere_gehoord_datum",
    "jongereGehoord.datum": "jongere_gehoord_datum",
    "jongereGehoord.mening": "jongere_mening",
    "andereOuder": "andere_ouder",
    "andereOuder.persoon": "andere_ouder",
    "andereOuder.reactie": "andere_ouder_reactie",
    "andereOuder.geinformeerdDoor": "andere_ouder_geinformeerd_door",
    "andereOuder.datum": "andere_ouder_datum",
    "andereOuder.wijze": "andere_ouder_wijze",
    "uitzondering": "uitzondering",
    "uitzondering.grond": "uitzondering",
    "uitzondering.redenen": "uitzondering_redenen",
    "doel": "doel",
    "ontvangers": "ontvanger_organisaties",
    "gegevenscategorieen": "gegevenscategorieen",
    "inhoud": "inhoud",
    "waaromNodig": "waarom_nodig",
    "vorm": "vorm",
    "uitdrukkelijk": "uitdrukkelijk",
    "alsGrondslag": "als_grondslag",
    "informatieGegeven": "informatie_onderwerpen",
    "informatieGegeven.onderwerpen": "informatie_onderwerpen",
    "informatieGegeven.datum": "informatie_datum",
    "belangBevestigd": "belang_bevestigd",
    "afhankelijkheidReden": "afhankelijkheid_reden",
    "datum": "datum",
    "geldigTot": "geldig_tot",
    "redenen": "redenen",
}


class ToestemmingFormulier(Formulier):
    """A consent with everything CS-01 … CS-16 ask; the registry decides and explains what is missing."""

    VELDNAMEN = TOESTEMMING_VELDNAMEN

    soort = _keuze("Waarvoor is de toestemming?", list(TOESTEMMING_SOORTEN.items()), "CS-01.")
    als_grondslag = _vink(
        "Bij (4) overig: de toestemming is de grondslag voor de verwerking", "Dan gelden de regels van (1)."
    )
    status = _keuze("Wat is de stand?", list(NIEUWE_STATUS.items()))
    gevers = _meerkeuze(
        "Wie geeft of weigert de toestemming?",
        [],
        "De cliënt zelf en de vertegenwoordigers die als relatie zijn vastgelegd. Wie mag beslissen, hangt "
        "af van de leeftijd en de soort toestemming (CS-05).",
    )
    jongere_gehoord_datum = _datumveld(
        "Jongere gehoord op", "Vanaf 12 jaar legt u de mening van de jongere vast (CS-14)."
    )
    jongere_mening = _tekst("Mening van de jongere")
    andere_ouder = _lijst(
        "Andere ouder met gezag",
        [],
        "Bij gezamenlijk gezag: heeft de andere ouder bezwaar? Een bezwaar blokkeert (CS-05).",
        leeg="Niet van toepassing",
    )
    andere_ouder_reactie = _keuze("Reactie van de andere ouder", list(REACTIES.items()))
    andere_ouder_geinformeerd_door = _regel("Wie heeft de andere ouder geïnformeerd?", max_length=300)
    andere_ouder_datum = _datumveld("Wanneer is de andere ouder geïnformeerd?")
    andere_ouder_wijze = _regel("Hoe is de andere ouder geïnformeerd?", "Bijvoorbeeld: telefonisch.")
    uitzondering = _keuze(
        "Uitzondering (alleen als de jongere zonder de ouders beslist)",
        [("", "Geen uitzondering"), *TOESTEMMING_UITZONDERINGEN.items()],
    )
    uitzondering_redenen = _tekst("Redenen voor de uitzondering")
    doel = _lijst(
        "Doel (verwerkingsactiviteit)", [], "Het doel moet passen bij waarvoor u deelt.", "Kies het doel"
    )
    ontvanger_organisaties = forms.ModelMultipleChoiceField(
        label="Ontvangers uit de lijst",
        queryset=Organisatie.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Noem elke ontvanger (CS-02).",
    )
    ontvanger_namen = _tekst("Andere ontvangers", "Eén naam per regel: een persoon of organisatie.", 2000)
    gegevenscategorieen = _tekst(
        "Welke soorten gegevens?",
        "Eén per regel, bijvoorbeeld: schoolgegevens, gezinssituatie, gezondheid. 'Alle gegevens' is niet "
        "specifiek genoeg (CS-02).",
        2000,
    )
    inhoud = _tekst("Welke gegevens precies?", "Bijvoorbeeld: verzuimgegevens van dit schooljaar.")
    waarom_nodig = _tekst(
        "Waarom is delen nodig voor de hulp?",
        "Verplicht bij doorbreken van het beroepsgeheim en bij medische gegevens (CS-04).",
    )
    vorm = _keuze(
        "Hoe is de toestemming gegeven?",
        list(TOESTEMMING_VORMEN.items()),
        "Delen buiten het team vraagt schriftelijke toestemming (CS-03).",
    )
    uitdrukkelijk = _vink(
        "De toestemming is uitdrukkelijk gegeven",
        "Nodig voor doorbreken van het beroepsgeheim en voor bijzondere gegevens (CS-04).",
    )
    informatie_datum = _datumveld("Geïnformeerd op", "Vóór of op de dag van de toestemming (CS-03).")
    informatie_onderwerpen = _meerkeuze(
        "Waarover heeft u de cliënt vooraf geïnformeerd?", list(ONDERWERPEN.items()), "CS-03, CS-12."
    )
    belang_bevestigd = _vink(
        "Ik bevestig: delen is in het belang van de cliënt, ook op de lange termijn (CS-11)"
    )
    afhankelijkheid_reden = _tekst(
        "Waarom toch toestemming als grondslag?",
        "Uw organisatie is een overheidsorganisatie: leg vast waarom toestemming hier toch vrij gegeven kan "
        "worden (CS-10).",
    )
    datum = _datumveld("Datum van de toestemming")
    geldig_tot = _datumveld("Geldig tot en met", "Niet verplicht. Daarna is de toestemming verlopen.")
    bewijs = _regel("Bewijs", "Bijvoorbeeld: ondertekend formulier in het dossier, kenmerk 2026-014.", 2000)

    GEVEN = (
        "gevers",
        "datum",
        "vorm",
        "uitdrukkelijk",
        "informatie_datum",
        "informatie_onderwerpen",
        "belang_bevestigd",
        "jongere_gehoord_datum",
        "jongere_mening",
    )

    def __init__(
        self,
        *args,
        gevers,
        andere_ouders,
        activiteiten,
        organisaties,
        publiek: bool,
        velden: tuple[str, ...] | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        cast(forms.MultipleChoiceField, self.fields["gevers"]).choices = gevers
        cast(forms.ChoiceField, self.fields["andere_ouder"]).choices = [
            ("", "Niet van toepassing"),
            *andere_ouders,
        ]
        cast(forms.ChoiceField, self.fields["doel"]).choices = [("", "Kies het doel"), *activiteiten]
        cast(forms.ModelMultipleChoiceField, self.fields["ontvanger_organisaties"]).queryset = organisaties
        if not publiek:
            del self.fields["afhankelijkheid_reden"]
        if velden is not None:
            for naam in list(self.fields):
                if naam not in velden:
                    del self.fields[naam]

    def groep(self, *namen: str) -> list:
        return [self[n] for n in namen if n in self.fields]

    @property
    def velden_soort(self) -> list:
        return self.groep("soort", "als_grondslag", "status")

    @property
    def velden_gevers(self) -> list:
        return self.groep(
            "gevers",
            "jongere_gehoord_datum",
            "jongere_mening",
            "andere_ouder",
            "andere_ouder_reactie",
            "andere_ouder_geinformeerd_door",
            "andere_ouder_datum",
            "andere_ouder_wijze",
            "uitzondering",
            "uitzondering_redenen",
        )

    @property
    def velden_inhoud(self) -> list:
        return self.groep(
            "doel",
            "ontvanger_organisaties",
            "ontvanger_namen",
            "gegevenscategorieen",
            "inhoud",
            "waarom_nodig",
        )

    @property
    def velden_geven(self) -> list:
        return self.groep(
            "vorm",
            "uitdrukkelijk",
            "informatie_datum",
            "informatie_onderwerpen",
            "belang_bevestigd",
            "datum",
            "geldig_tot",
            "bewijs",
        )

    @property
    def velden_afhankelijkheid(self) -> list:
        return self.groep("afhankelijkheid_reden")

    def data_voor_service(self) -> dict:
        """The registry's API-shaped dict (`toestemmingen.api.naar_service`): uuids, dates, lists."""
        d = self.cleaned_data
        data: dict = {}
        if "soort" in self.fields:
            data |= {
                "soort": d.get("soort") or "",
                "status": d.get("status") or cs.GEVRAAGD,
                "doel": d.get("doel") or "",
                "ontvangers": [{"organisatie": str(o.uuid)} for o in d.get("ontvanger_organisaties") or []]
                + [{"naam": n} for n in regels(d.get("ontvanger_namen"))],
                "gegevenscategorieen": [
                    c.strip() for r in regels(d.get("gegevenscategorieen")) for c in r.split(",") if c.strip()
                ],
                "inhoud": d.get("inhoud") or "",
                "waaromNodig": d.get("waarom_nodig") or "",
                "alsGrondslag": bool(d.get("als_grondslag")),
                "afhankelijkheidReden": d.get("afhankelijkheid_reden") or "",
                "bewijs": d.get("bewijs") or "",
                "geldigTot": d.get("geldig_tot"),
                "uitdrukkelijk": bool(d.get("uitdrukkelijk")),
                "belangBevestigd": bool(d.get("belang_bevestigd")),
            }
            if d.get("uitzondering"):
                data["uitzondering"] = {
                    "grond": d["uitzondering"],
                    "redenen": d.get("uitzondering_redenen") or "",
                }
            if d.get("andere_ouder"):
                data["andereOuder"] = {
                    "persoon": d["andere_ouder"],
                    "reactie": d.get("andere_ouder_reactie") or "",
                    "geinformeerdDoor": d.get("andere_ouder_geinformeerd_door") or "",
                    "datum": d.get("andere_ouder_datum"),
                    "wijze": d.get("andere_ouder_wijze") or "",
                }
        else:  # giving or refusing a requested consent: only what was filled in completes the record
            if d.get("uitdrukkelijk"):
                data["uitdrukkelijk"] = True
            if d.get("belang_bevestigd"):
                data["belangBevestigd"] = True
        if d.get("gevers"):
            data["gevers"] = [
                {"persoon": waarde.split("|")[0], "hoedanigheid": waarde.split("|")[1]}
                for waarde in d["gevers"]
            ]
        if d.get("vorm"):
            data["vorm"] = d["vorm"]
        if d.get("datum"):
            data["datum"] = d["datum"]
        if d.get("jongere_gehoord_datum") or d.get("jongere_mening"):
            data["jongereGehoord"] = {
                "datum": d.get("jongere_gehoord_datum"),
                "mening": d.get("jongere_mening") or "",
            }
        if d.get("informatie_datum") or d.get("informatie_onderwerpen"):
            data["informatieGegeven"] = {
                "datum": d.get("informatie_datum"),
                "onderwerpen": list(d.get("informatie_onderwerpen") or []),
            }
        return data


class TerzijdeFormulier(Formulier):
    VELDNAMEN = {"redenen": "redenen", "gevers": "redenen"}

    redenen = _tekst(
        "Zwaarwegende belangen van de cliënt",
        "Welke belangen van de cliënt verzetten zich tegen de beslissing van de vertegenwoordiger? (CS-06)",
    )


# --- The disclosure register for the FG (SH-16) ---------------------------------------------------


class RegisterZoekFormulier(Formulier):
    ontvanger = _OrganisatieKeuze(
        label="Ontvangende organisatie",
        queryset=Organisatie.objects.none(),
        required=False,
        empty_label="Alle ontvangers",
    )
    vanaf = _datumveld("Van")
    tot = _datumveld("Tot en met")

    def __init__(self, *args, organisaties, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["ontvanger"]).queryset = organisaties

    def clean(self):
        data = super().clean()
        if data.get("vanaf") and data.get("tot") and data["tot"] < data["vanaf"]:
            self.add_error("tot", "De einddatum ligt vóór de begindatum.")
        return data
