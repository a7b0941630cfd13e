"""Pure rules of the verwijsindex (SPEC §4, RT-04, RT-12). No database, no request, no clock.

Every date rule takes `vandaag` (Europe/Amsterdam) so tests pin time and the sweep is never needed for a
signal to stop acting (RT-12).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from zorgvuldig.core.kalender import plus_maanden, plus_werkdagen
from zorgvuldig.personen.policies import leeftijd, verjaardag

# --- Criteria and field sets (VI-03, VI-09, VI-23) -------------------------------------------------

CRITERIA: dict[str, str] = {
    "a": "Blootgesteld aan geestelijk, lichamelijk of seksueel geweld, andere vernederende behandeling of "
    "verwaarlozing",
    "b": "Meer of andere psychische problemen dan gebruikelijk voor de leeftijd, inclusief verslaving",
    "c": "Ernstiger opgroei- of opvoedingsproblemen dan gebruikelijk",
    "d": "Minderjarige moeder of zwanger",
    "e": "Vaak afwezig op school, of (dreigt) voortijdig schoolverlater",
    "f": "Niet gemotiveerd om met legale arbeid in het levensonderhoud te voorzien",
    "g": "Meer of andere financiële problemen dan gebruikelijk voor de leeftijd",
    "h": "Geen vaste woon- of verblijfplaats",
    "i": "Gevaar voor anderen door geweld of andere intimidatie",
    "j": "Criminele activiteiten",
    "k": "Ouders of verzorgers schieten ernstig tekort in zorg of opvoeding",
    "l": "Blootgesteld aan risico's die vaker voorkomen in bepaalde etnische groepen",
}
CRITERIUM_L = "l"

STATUTORY, EXTENDED_2009 = "statutory", "extended_2009"
# Index fields per `vi.field_set` (SPEC §4 "Allowed fields"); the signaler's contact fields come from the
# user record and are not request fields.
VELDEN_STATUTORY = frozenset({"bsn"})
VELDEN_EXTENDED = VELDEN_STATUTORY | {"jongere", "bronorganisatie", "bekendSinds"}


def toegestane_velden(field_set: str) -> frozenset[str]:
    return VELDEN_EXTENDED if field_set == EXTENDED_2009 else VELDEN_STATUTORY


def verboden_velden(gevraagd: Iterable[str], field_set: str) -> list[str]:
    """VI-09: request fields outside the configured set, sorted (free text, diagnosis, criterion…)."""
    return sorted(set(gevraagd) - toegestane_velden(field_set))


# --- Dates (VI-02, VI-16, VI-20, RT-12) ------------------------------------------------------------

TERMIJN_MAANDEN = 6
VERLENGING_MAANDEN = 6
VERLENGVENSTER_DAGEN = 30  # extension only in the last 30 days [design]
HERINNERING_DAGEN = 14  # VI-20
INFORMEREN_WERKDAGEN = 10  # VI-14


def leeftijdsgrens(geboortedatum: dt.date, max_leeftijd: int) -> dt.date:
    """The birthday on which the youth reaches `max_leeftijd` (29 February counts on 1 March)."""
    return verjaardag(geboortedatum, geboortedatum.year + max_leeftijd)


def te_oud(geboortedatum: dt.date, op: dt.date, max_leeftijd: int) -> bool:
    """VI-02: a signal is allowed only for a subject *under* the limit on the submission date."""
    return leeftijd(geboortedatum, op) >= max_leeftijd


def verwijderdatum(
    signaaldatum: dt.date, geboortedatum: dt.date, *, termijn_maanden: int, max_leeftijd: int
) -> dt.date:
    """VI-16: signal date + the term, but never past the day the youth reaches the age limit."""
    return min(plus_maanden(signaaldatum, termijn_maanden), leeftijdsgrens(geboortedatum, max_leeftijd))


def is_actief(
    *,
    status: str,
    verwijderdatum: dt.date | None,
    vandaag: dt.date,
    uittreding_tot: dt.date | None = None,
    overgedragen_na_uittreding: bool = False,
    exit_dagen: int = 30,
) -> bool:
    """RT-12/VI-16/VI-25: active iff activated, not withdrawn, removal date after today and — after the
    organisation's accession ended — handed over, or still within `vi.exit_days` of that end."""
    if status != ACTIEF or verwijderdatum is None or not verwijderdatum > vandaag:
        return False
    if uittreding_tot is not None and not overgedragen_na_uittreding:
        return vandaag <= uittreding_tot + dt.timedelta(days=exit_dagen)
    return True


def verlenging(
    *,
    verwijderdatum: dt.date,
    vandaag: dt.date,
    geboortedatum: dt.date,
    verlenging_maanden: int,
    max_leeftijd: int,
) -> dt.date | None:
    """VI-16: the new removal date, or None when the extension is not allowed now (E_VI_EXTEND_WINDOW):
    outside the last 30 days of an active signal, or the age limit leaves nothing to add."""
    if not verwijderdatum - dt.timedelta(days=VERLENGVENSTER_DAGEN) <= vandaag < verwijderdatum:
        return None
    nieuw = min(plus_maanden(verwijderdatum, verlenging_maanden), leeftijdsgrens(geboortedatum, max_leeftijd))
    return nieuw if nieuw > verwijderdatum else None


def herinnering_verschuldigd(verwijderdatum: dt.date, vandaag: dt.date) -> bool:
    """VI-20: remind the signaler from 14 days before the removal date until it passes."""
    return verwijderdatum - dt.timedelta(days=HERINNERING_DAGEN) <= vandaag < verwijderdatum


def archief_purge_op(einddatum: dt.date, archief_maanden: int) -> dt.date:
    """VI-21/RT-04: the archive record is purged `vi.archive_months` after the signal's end."""
    return plus_maanden(einddatum, archief_maanden)


# --- Signal states (SPEC §4 "Signal states") -------------------------------------------------------

CONCEPT, ACTIEF, INGETROKKEN, VERLOPEN = "concept", "actief", "ingetrokken", "verlopen"

# Stored transitions; EXPIRED is derived (RT-12) and never stored.
SIGNAAL_TRANSITIES: dict[str, frozenset[str]] = {
    CONCEPT: frozenset({ACTIEF, INGETROKKEN}),
    ACTIEF: frozenset({INGETROKKEN}),
    INGETROKKEN: frozenset(),
}


def signaal_status(
    *,
    status: str,
    verwijderdatum: dt.date | None,
    vandaag: dt.date,
    uittreding_tot: dt.date | None = None,
    overgedragen_na_uittreding: bool = False,
    exit_dagen: int = 30,
) -> str:
    """The state a user sees, derived at read time."""
    if status != ACTIEF:
        return status
    actief = is_actief(
        status=status,
        verwijderdatum=verwijderdatum,
        vandaag=vandaag,
        uittreding_tot=uittreding_tot,
        overgedragen_na_uittreding=overgedragen_na_uittreding,
        exit_dagen=exit_dagen,
    )
    if actief:
        return ACTIEF
    # Ended by the accession's end without hand-over: a derived withdrawal (VI-25).
    if verwijderdatum is not None and verwijderdatum > vandaag:
        return INGETROKKEN
    return VERLOPEN


# --- Justification (VI-03 … VI-08) -----------------------------------------------------------------

JONGERE, VERTEGENWOORDIGER = "jongere", "vertegenwoordiger"
GEGEVEN, GEWEIGERD, ONMOGELIJK = "gegeven", "geweigerd", "onmogelijk"
INSTEMMING_UITKOMSTEN = (GEGEVEN, GEWEIGERD, ONMOGELIJK)
INFO_METHODEN = ("vi_folder", "eigen_folder", "mondeling", "schriftelijk")  # VI-07 (a)–(d)
VIER_VRAGEN = ("legitiemDoel", "enigeWeg", "instemmingOnmogelijkOfGezocht", "belangJongereWeegtZwaarder")


def betrokkenen_voor_leeftijd(jaren: int) -> frozenset[str]:
    """VI-08: with whom the risks are discussed (and agreement sought, VI-05): the representative(s)
    under 12; youth and representative(s) at 12–15; the youth from 16."""
    if jaren < 12:
        return frozenset({VERTEGENWOORDIGER})
    if jaren < 16:
        return frozenset({JONGERE, VERTEGENWOORDIGER})
    return frozenset({JONGERE})


@dataclass(frozen=True)
class ProfielRegels:
    """The parts of an organisation's profile (VI-19) the justification rules need."""

    meldrecht: bool = True
    seek_agreement: bool = True
    criterion_l: bool = False
    max_leeftijd: int = 23
    extra_criteria: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Fout:
    code: str
    naam: str  # dotted path in the request, e.g. "verantwoording.criteria"
    reden: str


# When several rules fail, the response's code is the first in this order; invalidParams lists all.
FOUT_VOLGORDE = (
    "E_VI_NO_MELDRECHT",
    "E_VI_AGE",
    "E_VI_NO_CRITERION",
    "E_VI_CRITERION_DISABLED",
    "E_VI_NO_BASIS",
    "E_VI_INFO_DUTY",
    "E_INVALID_INPUT",
)


def hoofdcode(fouten: Iterable[Fout]) -> str | None:
    codes = {f.code for f in fouten}
    return next((c for c in FOUT_VOLGORDE if c in codes), None)


def _datum(waarde) -> dt.date | None:
    return waarde if isinstance(waarde, dt.date) else None


def verantwoording_fouten(v: Mapping, profiel: ProfielRegels, signaaldatum: dt.date) -> list[Fout]:
    """VI-02 … VI-08 on a justification (already parsed: dates are `date`s). Empty list: it holds."""
    p = "verantwoording"
    fouten: list[Fout] = []
    if not profiel.meldrecht:
        fouten.append(
            Fout("E_VI_NO_MELDRECHT", p, "Het profiel van uw organisatie kent geen meldrecht (VI-05).")
        )
    geboortedatum = _datum(v.get("geboortedatum"))
    jaren: int | None = None
    if geboortedatum is None:
        fouten.append(
            Fout("E_INVALID_INPUT", f"{p}.geboortedatum", "Vul de geboortedatum van de jongere in.")
        )
    elif geboortedatum > signaaldatum:
        fouten.append(Fout("E_INVALID_INPUT", f"{p}.geboortedatum", "De geboortedatum ligt in de toekomst."))
    else:
        jaren = leeftijd(geboortedatum, signaaldatum)
        if jaren >= profiel.max_leeftijd:
            fouten.append(
                Fout(
                    "E_VI_AGE",
                    f"{p}.geboortedatum",
                    f"De verwijsindex is voor jongeren onder de {profiel.max_leeftijd}; deze jongere is "
                    f"op de signaleringsdatum {profiel.max_leeftijd} jaar of ouder (VI-02).",
                )
            )

    # VI-03: at least one criterion (a)–(l), a reasonable-suspicion statement, the profile's extra criteria.
    criteria = list(v.get("criteria") or [])
    onbekend = [c for c in criteria if c not in CRITERIA]
    if onbekend:
        fouten.append(
            Fout("E_VI_NO_CRITERION", f"{p}.criteria", "Onbekend criterium; kies uit a tot en met l.")
        )
    if not criteria:
        fouten.append(Fout("E_VI_NO_CRITERION", f"{p}.criteria", "Kies ten minste één criterium (VI-03)."))
    if CRITERIUM_L in criteria and not profiel.criterion_l:
        fouten.append(
            Fout(
                "E_VI_CRITERION_DISABLED",
                f"{p}.criteria",
                "Criterium (l), risico's die vaker voorkomen in bepaalde etnische groepen, staat uit voor "
                "uw organisatie (VI-23).",
            )
        )
    if not str(v.get("vermoeden") or "").strip():
        fouten.append(
            Fout("E_VI_NO_CRITERION", f"{p}.vermoeden", "Beschrijf het redelijk vermoeden (VI-03).")
        )
    extra = set(v.get("extraCriteria") or [])
    if extra - profiel.extra_criteria:
        fouten.append(
            Fout("E_VI_NO_CRITERION", f"{p}.extraCriteria", "Onbekend extra criterium voor dit profiel.")
        )
    if profiel.extra_criteria and not extra:
        fouten.append(
            Fout(
                "E_VI_NO_CRITERION",
                f"{p}.extraCriteria",
                "Uw profiel vraagt ook een van de eigen criteria van de organisatie (VI-03).",
            )
        )

    fouten += _basis_fouten(v, profiel, signaaldatum, jaren)
    fouten += _informatie_fouten(v, signaaldatum, jaren)
    return fouten


def _leeftijdsgroep(jaren: int) -> str:
    """The age band VI-08 distinguishes, for a reason that may not state the age itself (API §1.5)."""
    if jaren < 12:
        return "jonger dan 12"
    if jaren < 16:
        return "van 12 tot en met 15 jaar"
    return "van 16 jaar of ouder"


def feitdatum_fout(datum: dt.date, *, niet_voor: dt.date, wat: str, vandaag: dt.date) -> str | None:
    """A recorded fact (a conversation, informing, contact) happened between the first day it could (the
    youth's birth, the match's start — `wat` names it) and today; such facts cannot be undone."""
    if datum > vandaag:
        return "De datum ligt in de toekomst."
    if datum < niet_voor:
        return f"De datum ligt vóór {wat}."
    return None


def _wie(jaren: int) -> str:
    namen = {JONGERE: "de jongere", VERTEGENWOORDIGER: "de wettelijk vertegenwoordiger(s)"}
    return " en ".join(namen[w] for w in sorted(betrokkenen_voor_leeftijd(jaren)))


def _basis_fouten(v: Mapping, profiel: ProfielRegels, signaaldatum: dt.date, jaren: int | None) -> list[Fout]:
    """VI-05/VI-06: agreement sought from VI-08's persons, or the four questions all answered yes."""
    p = "verantwoording"
    if not profiel.seek_agreement:
        return []
    instemming = v.get("instemming")
    if not isinstance(instemming, Mapping):
        return [
            Fout(
                "E_VI_NO_BASIS",
                f"{p}.instemming",
                "Leg vast of instemming is gevraagd en met welke uitkomst (VI-05).",
            )
        ]
    fouten: list[Fout] = []
    uitkomst = instemming.get("uitkomst")
    if uitkomst not in INSTEMMING_UITKOMSTEN:
        fouten.append(
            Fout("E_VI_NO_BASIS", f"{p}.instemming.uitkomst", "Kies gegeven, geweigerd of onmogelijk.")
        )
    datum = _datum(instemming.get("datum"))
    geboren = _datum(v.get("geboortedatum"))
    if uitkomst in (GEGEVEN, GEWEIGERD) and (
        datum is None or datum > signaaldatum or (geboren is not None and datum < geboren)
    ):
        fouten.append(
            Fout(
                "E_VI_NO_BASIS",
                f"{p}.instemming.datum",
                "Datum van het gesprek: niet in de toekomst en niet vóór de geboortedatum.",
            )
        )
    met = set(instemming.get("met") or [])
    if uitkomst in (GEGEVEN, GEWEIGERD) and jaren is not None and not betrokkenen_voor_leeftijd(jaren) <= met:
        fouten.append(
            Fout(
                "E_VI_NO_BASIS",
                f"{p}.instemming.met",
                f"Bij een jongere {_leeftijdsgroep(jaren)}: vraag instemming van {_wie(jaren)} "
                "(VI-05, VI-08).",
            )
        )
    if uitkomst == ONMOGELIJK and not str(instemming.get("redenOnmogelijk") or "").strip():
        fouten.append(
            Fout(
                "E_VI_NO_BASIS",
                f"{p}.instemming.redenOnmogelijk",
                "Leg vast waarom instemming niet te vragen was.",
            )
        )
    if uitkomst in (GEWEIGERD, ONMOGELIJK):
        vragen = v.get("vierVragen")
        vragen = vragen if isinstance(vragen, Mapping) else {}
        nee = [k for k in VIER_VRAGEN if vragen.get(k) is not True]
        if nee:
            fouten.append(
                Fout(
                    "E_VI_NO_BASIS",
                    f"{p}.vierVragen",
                    "Zonder instemming moeten alle vier vragen met ja beantwoord zijn (VI-06).",
                )
            )
        if not str(vragen.get("toelichting") or "").strip():
            fouten.append(
                Fout("E_VI_NO_BASIS", f"{p}.vierVragen.toelichting", "Licht de afweging toe (VI-06).")
            )
    return fouten


def _informatie_fouten(v: Mapping, signaaldatum: dt.date, jaren: int | None) -> list[Fout]:
    """VI-07 (always, whatever the agreement) and VI-08 (who was told the risks and when, or why not)."""
    p = "verantwoording"
    fouten: list[Fout] = []
    info = v.get("informatieplicht")
    info = info if isinstance(info, Mapping) else {}
    if info.get("methode") not in INFO_METHODEN:
        fouten.append(
            Fout(
                "E_VI_INFO_DUTY",
                f"{p}.informatieplicht.methode",
                "Kies hoe de jongere is geïnformeerd (VI-07).",
            )
        )
    info_datum = _datum(info.get("datum"))
    geboren = _datum(v.get("geboortedatum"))
    if info_datum is None or info_datum > signaaldatum or (geboren is not None and info_datum < geboren):
        fouten.append(
            Fout(
                "E_VI_INFO_DUTY",
                f"{p}.informatieplicht.datum",
                "Vul de datum in waarop de jongere of ouders zijn geïnformeerd; niet in de toekomst en niet "
                "vóór de geboortedatum (VI-07).",
            )
        )

    risico = v.get("risicobespreking")
    risico = risico if isinstance(risico, Mapping) else {}
    if str(risico.get("redenNiet") or "").strip():
        return fouten
    met = set(risico.get("met") or [])
    datum = _datum(risico.get("datum"))
    if not met or datum is None or datum > signaaldatum or (geboren is not None and datum < geboren):
        fouten.append(
            Fout(
                "E_INVALID_INPUT",
                f"{p}.risicobespreking",
                "Leg vast met wie en wanneer de risico's zijn besproken, of waarom niet (VI-08).",
            )
        )
    elif jaren is not None and not betrokkenen_voor_leeftijd(jaren) <= met:
        fouten.append(
            Fout(
                "E_INVALID_INPUT",
                f"{p}.risicobespreking.met",
                f"Bij een jongere {_leeftijdsgroep(jaren)}: bespreek de risico's met {_wie(jaren)} (VI-08).",
            )
        )
    return fouten


# --- Matching (VI-11, VI-22) -----------------------------------------------------------------------

ORGANISATIE, SIGNALEERDER = "organisation", "signaler"


def is_match(organisaties: Iterable[str], signaleerders: Iterable[str], match_scope: str) -> bool:
    """A match exists while active signals on one BSN come from ≥ 2 organisations (default scope) or, with
    `vi.match_scope = signaler`, from ≥ 2 signalers."""
    if match_scope == SIGNALEERDER:
        return len(set(signaleerders)) >= 2
    return len(set(organisaties)) >= 2


# --- Regional settings (SPEC §0.2) --------------------------------------------------------------------

# Bounds [design]: the SPEC gives defaults only (24 months, 60 in VIR practice; 30 days); these keep a typo
# from archiving for centuries or from ending every exit at once unnoticed.
ARCHIEF_MAANDEN = (1, 120)
EXIT_DAGEN = (0, 365)


def instellingen_fouten(
    *, field_set: str, match_scope: str, archive_months: int, exit_days: int, huishoudverwerking: str
) -> dict[str, str]:
    """Why regional `vi.*` settings are out of bounds, per API key under `vi` (empty: fine)."""
    fouten = {}
    if field_set not in (STATUTORY, EXTENDED_2009):
        fouten["fieldSet"] = f"Kies {STATUTORY} of {EXTENDED_2009} (VI-09)."
    if match_scope not in (ORGANISATIE, SIGNALEERDER):
        fouten["matchScope"] = f"Kies {ORGANISATIE} of {SIGNALEERDER}."
    if not ARCHIEF_MAANDEN[0] <= archive_months <= ARCHIEF_MAANDEN[1]:
        fouten["archiveMonths"] = (
            f"Het archief bewaart {ARCHIEF_MAANDEN[0]} tot {ARCHIEF_MAANDEN[1]} maanden (VI-21)."
        )
    if not EXIT_DAGEN[0] <= exit_days <= EXIT_DAGEN[1]:
        fouten["exitDays"] = f"De overdrachtstermijn is {EXIT_DAGEN[0]} tot {EXIT_DAGEN[1]} dagen (VI-25)."
    if len(huishoudverwerking) > 200:
        fouten["huishoudverwerking"] = "Ten hoogste 200 tekens."
    return fouten


def familie_matching_fout(*, aan: bool, field_set: str, huishoudverwerking_goedgekeurd: bool) -> str | None:
    """VI-22: family matching needs `extended_2009`, or a household processing from the BRP with its own
    register entry and approved DPIA (E_VI_FAMILY_MATCH_BASIS)."""
    if aan and field_set != EXTENDED_2009 and not huishoudverwerking_goedgekeurd:
        return (
            "Gezinsmatching vraagt de veldenset extended_2009 of een huishoudverwerking met eigen "
            "registerregel en goedgekeurde DPIA (VI-22)."
        )
    return None


# Settings whose widening is the FG's, never the beheerder's alone (GP-04, GP-06, VI-22, like VI-23).
FG_INSTELLINGEN = ("field_set", "family_matching", "huishoudverwerking")


def verruimingen(*, oud: dict, nieuw: dict) -> list[str]:
    """GP-04, GP-06, RG-02, VI-09, VI-22: the settings a change widens — the field set beyond the statutory
    one (name, address, birth date stored) or family matching switched on. Narrowing back is never one:
    the beheerder may always return to the default (privacy by default)."""
    verruimd = []
    if nieuw.get("field_set") == EXTENDED_2009 and oud.get("field_set") != EXTENDED_2009:
        verruimd.append("field_set")
    if nieuw.get("family_matching") and not oud.get("family_matching"):
        verruimd.append("family_matching")
    return verruimd


def verruiming_weigering(*, verruimd: bool, door_fg: bool, dpia_goedgekeurd: bool) -> str | None:
    """GP-04, RG-02, VI-22 (the VI-23 pattern): widening what the verwijsindex stores or matches needs the
    FG and an approved DPIA of the verwijsindex (`E_VI_CRITERION_DISABLED`, 409)."""
    if verruimd and not (door_fg and dpia_goedgekeurd):
        return "E_VI_CRITERION_DISABLED"
    return None


def verruiming_dpia_nodig(*, field_set: str, family_matching: bool) -> bool:
    """GP-06: the DPIA reference is kept only while something is widened; back at the defaults it goes."""
    return field_set == EXTENDED_2009 or bool(family_matching)


# --- Match workflow (VI-12, VI-14, VI-15) ----------------------------------------------------------

NIEUW, CONTACT_GELEGD = "nieuw", "contact_gelegd"
INFORMEER_WIJZEN = ("gesprek", "telefonisch", "schriftelijk")


def match_fase(status: str, *, zorgcoordinator: bool, geinformeerd: bool) -> str:
    """Where a match stands for its signalers: after contact, coordinator and informing come in either
    order (SPEC §4 "Match states"); the API keeps `status` and shows the two facts beside it."""
    if status == NIEUW:
        return "Nieuw: neem eerst contact op met de andere signaleerder(s)"
    if zorgcoordinator and geinformeerd:
        return "Zorgcoördinator afgesproken en jongere geïnformeerd"
    if zorgcoordinator:
        return "Zorgcoördinator afgesproken; jongere nog informeren"
    if geinformeerd:
        return "Jongere geïnformeerd; zorgcoördinator nog afspreken"
    return "Contact gelegd; spreek een zorgcoördinator af en informeer de jongere"


def afstemmen_fout(status: str) -> str | None:
    """CONTACT_MADE is recorded once, from NEW."""
    return None if status == NIEUW else "Het contact tussen de signaleerders is al vastgelegd."


def aanwijzen_fout(status: str) -> tuple[str, str] | None:
    """VI-15: the zorgcoördinator is agreed after the signalers made contact."""
    if status != CONTACT_GELEGD:
        return ("E_STATE_CONFLICT", "Wijs een zorgcoördinator aan nadat het contact is vastgelegd (VI-15).")
    return None


def informeren_fout(status: str, al_geinformeerd: bool) -> tuple[str, str] | None:
    """VI-12: signalers contact each other before youth or parents hear of the match."""
    if status != CONTACT_GELEGD:
        return ("E_VI_CONTACT_FIRST", "Leg eerst het contact tussen de signaleerders vast (VI-12).")
    if al_geinformeerd:
        return ("E_STATE_CONFLICT", "Het informeren van de jongere is al vastgelegd (VI-14).")
    return None


def informeren_uiterlijk(match_datum: dt.date) -> dt.date:
    """VI-14: the youth should be informed within 10 working days of the match."""
    return plus_werkdagen(match_datum, INFORMEREN_WERKDAGEN)


def informeren_taak(*, match_datum: dt.date, vandaag: dt.date, geinformeerd: bool) -> bool:
    """VI-14: a task once 10 working days have passed since the match without YOUTH_INFORMED."""
    return not geinformeerd and vandaag >= informeren_uiterlijk(match_datum)
