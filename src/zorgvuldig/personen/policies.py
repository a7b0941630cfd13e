"""Pure rules for persons: age band, representation, who consents, who may exercise rights.

Plain values in, plain values out: no database, no request, no clock (the date of the act is passed
in as `op`). Services turn a refused `Uitkomst` into a DomainError with its `code`, and
`LeeftijdOnbekend` into `E_PE_AGE_UNKNOWN`.

Person ids are opaque strings; the literal `ZELF` ("zelf") stands for the subject themself.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

ZELF = "zelf"

E_CS_WRONG_GIVER = "E_CS_WRONG_GIVER"
E_CS_PARENT_OBJECTS = "E_CS_PARENT_OBJECTS"
E_PE_AGE_UNKNOWN = "E_PE_AGE_UNKNOWN"
E_RI_NOT_ENTITLED = "E_RI_NOT_ENTITLED"


# --- Surnames ------------------------------------------------------------------------------------------

# Dutch (and Flemish/French) name particles: sorted by the registry without them ("de Zwerver" under Z), so a
# professional searches "Zwerver" — and another typed "de Zwerver" in the surname field, not in `voorvoegsel`.
TUSSENVOEGSELS = (
    "van", "de", "den", "der", "het", "'t", "te", "ten", "ter", "in", "op", "uit", "aan", "bij", "onder",
    "over", "tot", "voor", "la", "le", "les", "du", "des", "el", "al",
)  # fmt: skip


def achternaam_kern(naam: str) -> str:
    """The surname without its leading particles: "van der Berg" → "Berg", "De Zwerver" → "Zwerver". A name
    that is nothing but particles ("Van") is kept whole: it is the name itself."""
    woorden = naam.split()
    kern = list(woorden)
    while len(kern) > 1 and kern[0].lower() in TUSSENVOEGSELS:
        kern.pop(0)
    return " ".join(kern)


def achternaam_patroon(naam: str) -> str:
    """A case-insensitive regular expression (Python and PostgreSQL alike) that a stored surname matches when
    its core is `naam`'s core, with or without particles before it: the search for "Zwerver", "de Zwerver"
    and "De  zwerver" finds "de Zwerver" and "Zwerver", and never "Zwervers" or "Bakker-Zwerver"."""
    deeltjes = "|".join(re.escape(t) for t in TUSSENVOEGSELS)
    kern = r"\s+".join(re.escape(w) for w in achternaam_kern(naam).split())
    return rf"^(({deeltjes})\s+)*{kern}$"


# --- Age (SPEC §0 Time, PE-05) -------------------------------------------------------------------


class Leeftijdscategorie(StrEnum):
    ONDER_12 = "onder_12"
    JONG_12_15 = "12_15"
    JONG_16_17 = "16_17"
    VOLWASSEN = "18_plus"


class LeeftijdOnbekend(Exception):
    """PE-05: no date of birth and no estimated band: age-dependent acts are refused."""


def verjaardag(geboortedatum: date, jaar: int) -> date:
    """The birthday in `jaar`; a 29 February birthday counts on 1 March in non-leap years (§0 Time)."""
    if (geboortedatum.month, geboortedatum.day) == (2, 29) and not calendar.isleap(jaar):
        return date(jaar, 3, 1)
    return geboortedatum.replace(year=jaar)


def leeftijd(geboortedatum: date, op: date) -> int:
    """Completed years on `op`. A date before birth is a data error, not an age."""
    if op < geboortedatum:
        raise ValueError("PE-05: de datum ligt vóór de geboortedatum")
    jaren = op.year - geboortedatum.year
    return jaren - 1 if op < verjaardag(geboortedatum, op.year) else jaren


def leeftijdscategorie(
    geboortedatum: date | None, op: date, geschat: str | None = None
) -> Leeftijdscategorie:
    """PE-05: band A–D on the date of the act; the recorded estimate only when the birth date is unknown."""
    if geboortedatum is not None:
        jaren = leeftijd(geboortedatum, op)
        if jaren < 12:
            return Leeftijdscategorie.ONDER_12
        if jaren < 16:
            return Leeftijdscategorie.JONG_12_15
        if jaren < 18:
            return Leeftijdscategorie.JONG_16_17
        return Leeftijdscategorie.VOLWASSEN
    if geschat:
        return Leeftijdscategorie(geschat)  # an unknown value is a programming error (ValueError)
    raise LeeftijdOnbekend("PE-05: geen geboortedatum en geen geschatte leeftijdscategorie vastgelegd")


# --- Relations and the subject's situation (PE-04, PE-06, PE-07, PE-08) ---------------------------

RELATIESOORTEN = (
    "ouder_met_gezag",
    "voogd",
    "curator",
    "mentor",
    "echtgenoot_partner",
    "ouder",
    "meerderjarige_broer_zus",
    "meerderjarig_kind",
)


@dataclass(frozen=True)
class Relatie:
    """A relation of the subject: `persoon` is the other person, the potential representative."""

    persoon: str
    soort: str
    vanaf: date | None = None
    tot: date | None = None  # inclusive; None = open
    bereid: bool = True  # willing to act (PE-08)
    reikwijdte: frozenset[str] = frozenset()  # curator/mentor court-order scope (CS-16)

    def __post_init__(self) -> None:
        if self.soort not in RELATIESOORTEN:
            raise ValueError(f"onbekende relatiesoort: {self.soort!r}")
        object.__setattr__(self, "reikwijdte", frozenset(self.reikwijdte))

    def geldig_op(self, op: date) -> bool:
        return (self.vanaf is None or self.vanaf <= op) and (self.tot is None or op <= self.tot)


@dataclass(frozen=True)
class Situatie:
    """Everything the rules need about the subject on the date of the act.

    `categorie` None means the age is unknown (PE-05): the checks then refuse `E_PE_AGE_UNKNOWN`.
    """

    categorie: Leeftijdscategorie | None
    relaties: tuple[Relatie, ...] = ()
    wilsonbekwaam: bool = False  # PE-07 finding in force; only counts from 16
    bekwaam_12_15: bool | None = None  # PE-06 assessment; None = not assessed

    def __post_init__(self) -> None:
        if self.categorie is not None:
            object.__setattr__(self, "categorie", Leeftijdscategorie(self.categorie))
        object.__setattr__(self, "relaties", tuple(self.relaties))


_VOLWASSEN = Leeftijdscategorie.VOLWASSEN
_JONG_16_17 = Leeftijdscategorie.JONG_16_17
_JONG_12_15 = Leeftijdscategorie.JONG_12_15
_ONDER_12 = Leeftijdscategorie.ONDER_12


def _relaties(s: Situatie, op: date, soorten: tuple[str, ...]) -> list[Relatie]:
    return [r for r in s.relaties if r.soort in soorten and r.geldig_op(op)]


def _personen(relaties: list[Relatie]) -> list[str]:
    # Deterministic order: by kind of relation (RELATIESOORTEN), then id; each person once.
    geordend = sorted(relaties, key=lambda r: (RELATIESOORTEN.index(r.soort), r.persoon))
    return list(dict.fromkeys(r.persoon for r in geordend))


def _gezaghebbers(s: Situatie, op: date) -> list[str]:
    """PE-04: every parent with gezag (joint gezag); only if there is none, the voogd."""
    return _personen(_relaties(s, op, ("ouder_met_gezag",)) or _relaties(s, op, ("voogd",)))


def _curatoren(s: Situatie, op: date, reikwijdte: str | None) -> list[str]:
    """CS-16: willing curators/mentors whose court order covers `reikwijdte` (None: no scope asked)."""
    return _personen(
        [
            r
            for r in _relaties(s, op, ("curator", "mentor"))
            if r.bereid and (reikwijdte is None or reikwijdte in r.reikwijdte)
        ]
    )


def _is_wilsonbekwaam(s: Situatie) -> bool:
    # PE-07: a finding of incapacity exists only from 16; below that the representatives act anyway.
    return s.wilsonbekwaam and s.categorie in (_JONG_16_17, _VOLWASSEN)


def _rangen(s: Situatie, op: date, reikwijdte: str | None = None) -> list[list[str]]:
    """PE-08 ranks for an incapacitated person of 16+, unwilling persons left out.

    Rank 1 is the legal representative: for a minor the PE-04 gezag holders, for an adult the
    curator/mentor (within the scope of the act, if one is named). A stale `ouder_met_gezag` relation
    of an adult still makes that person a parent, so rank 3.
    """
    if s.categorie == _VOLWASSEN:
        rang_1 = _curatoren(s, op, reikwijdte)
        ouders: tuple[str, ...] = ("ouder_met_gezag", "ouder")
    else:
        gezag = _relaties(s, op, ("ouder_met_gezag",)) or _relaties(s, op, ("voogd",))
        rang_1 = _personen([r for r in gezag if r.bereid])
        ouders = ("ouder",)

    def bereid(soorten: tuple[str, ...]) -> list[str]:
        return _personen([r for r in _relaties(s, op, soorten) if r.bereid])

    return [
        rang_1,
        bereid(("echtgenoot_partner",)),
        bereid((*ouders, "meerderjarige_broer_zus", "meerderjarig_kind")),
    ]


def _hoogste_rang(s: Situatie, op: date, reikwijdte: str | None = None) -> tuple[int, list[str]]:
    # PE-08: a lower rank cannot act while a willing higher rank is registered.
    for nummer, rang in enumerate(_rangen(s, op, reikwijdte), start=1):
        if rang:
            return nummer, rang
    return 0, []


def vertegenwoordigers(s: Situatie, op: date) -> list[str]:
    """Who represents the subject on `op` (PE-04, PE-07, PE-08, CS-16), in a deterministic order.

    Minor: the gezag holders (PE-04). Incapacitated 16+: the highest rank with a willing person
    (PE-08). Capable adult: the willing curator/mentor, if any (CS-16; the scope is checked per act);
    otherwise nobody, as the adult acts themself.
    """
    if s.categorie is None:
        raise LeeftijdOnbekend("PE-05: leeftijdscategorie onbekend")
    if _is_wilsonbekwaam(s):
        return _hoogste_rang(s, op)[1]
    if s.categorie != _VOLWASSEN:
        return _gezaghebbers(s, op)
    return _curatoren(s, op, None)


# --- Consent: who gives it (SPEC §6 "Who consents", CS-05, CS-14, CS-15, CS-16) --------------------

SOORTEN_TOESTEMMING = ("grondslag_verwerking", "doorbreking_beroepsgeheim", "start_jeugdhulp", "overig")
UITZONDERINGEN = ("gratis_direct_aan_minderjarige", "ernstig_nadeel", "jongere_volhardt")


@dataclass(frozen=True)
class Uitkomst:
    toegestaan: bool
    code: str | None  # None when allowed
    reden: str  # short Dutch reason naming the rule


def _ja(reden: str) -> Uitkomst:
    return Uitkomst(True, None, reden)


def _nee(code: str, reden: str) -> Uitkomst:
    return Uitkomst(False, code, reden)


def _toets_gezag(
    gezag: set[str], gevers: frozenset[str], niet_routine: bool, geen_bezwaar: frozenset[str]
) -> Uitkomst:
    """CS-05 for the gezag holders of a minor: one suffices for routine consent; for non-routine
    consent every other holder must consent too or have recorded an informed non-objection."""
    if not gezag:
        return _nee(E_CS_WRONG_GIVER, "PE-04: er is geen ouder met gezag of voogd geregistreerd")
    if not gevers & gezag:
        return _nee(E_CS_WRONG_GIVER, "CS-05: toestemming van een ouder met gezag of voogd ontbreekt")
    if niet_routine and gezag - gevers - geen_bezwaar:
        return _nee(
            E_CS_WRONG_GIVER,
            "CS-05: beide gezaghebbende ouders nodig, of één plus het vastgelegde geen-bezwaar van de ander",
        )
    return _ja("CS-05: toestemming gegeven door de gezaghebbende(n)")


def toets_gevers(
    s: Situatie,
    *,
    soort: str,
    gevers: frozenset[str],
    op: date,
    is_grondslag: bool = True,
    bijzondere_gegevens: bool = False,
    uitzondering: str | None = None,
    activiteit_gratis_direct: bool = False,
    andere_ouder_geen_bezwaar: frozenset[str] = frozenset(),
    bezwaar: frozenset[str] = frozenset(),
    jongere_gehoord: bool = False,
    curatele_reikwijdte_nodig: str | None = None,
) -> Uitkomst:
    """CS-05: are `gevers` the right giver(s) for this consent on `op`?

    Order of checks: age known, a giver at all, every giver entitled, no objection of a gezag holder,
    then the required combination of givers is complete.
    """
    if soort not in SOORTEN_TOESTEMMING:
        raise ValueError(f"onbekende soort toestemming: {soort!r}")
    if uitzondering is not None and uitzondering not in UITZONDERINGEN:
        raise ValueError(f"onbekende uitzondering: {uitzondering!r}")
    if s.categorie is None:
        return _nee(E_PE_AGE_UNKNOWN, "PE-05: leeftijd onbekend; leg eerst een geschatte categorie vast")
    gevers = frozenset(gevers)
    if not gevers:
        return _nee(E_CS_WRONG_GIVER, "CS-05: er is geen gever vastgelegd")

    # Kind (4) follows column (1) when consent is the legal basis, else columns (2)–(3).
    kolom_1 = soort == "grondslag_verwerking" or (soort == "overig" and is_grondslag)
    # CS-05: kinds (2), (3) and anything covering special-category data are non-routine.
    niet_routine = soort in ("doorbreking_beroepsgeheim", "start_jeugdhulp") or bijzondere_gegevens

    if _is_wilsonbekwaam(s):
        return _toets_wilsonbekwaam(
            s, op, gevers, niet_routine, andere_ouder_geen_bezwaar, bezwaar, curatele_reikwijdte_nodig
        )
    if s.categorie == _VOLWASSEN:
        curatoren = set(_curatoren(s, op, curatele_reikwijdte_nodig))
        if curatoren:
            # CS-16: within the court order the curator/mentor consents, no PE-07 finding needed.
            if gevers <= curatoren:
                return _ja("CS-16: toestemming door curator of mentor binnen de beschikking")
            return _nee(
                E_CS_WRONG_GIVER, "CS-16: binnen de beschikking geeft de curator of mentor toestemming"
            )
    if s.categorie in (_JONG_16_17, _VOLWASSEN):
        # From 16 the person consents themself (table rows 16–17 and 18+; outside a CS-16 order too).
        if gevers == {ZELF}:
            return _ja("CS-05: vanaf 16 jaar geeft de betrokkene zelf toestemming")
        return _nee(E_CS_WRONG_GIVER, "CS-05: vanaf 16 jaar geeft alleen de betrokkene zelf toestemming")
    return _toets_onder_16(
        s,
        op,
        gevers,
        kolom_1=kolom_1,
        niet_routine=niet_routine,
        cs14=kolom_1 and uitzondering == "gratis_direct_aan_minderjarige" and activiteit_gratis_direct,
        cs15=not kolom_1
        and s.categorie == _JONG_12_15
        and uitzondering in ("ernstig_nadeel", "jongere_volhardt"),
        geen_bezwaar=andere_ouder_geen_bezwaar,
        bezwaar=bezwaar,
        jongere_gehoord=jongere_gehoord,
    )


def _toets_wilsonbekwaam(
    s: Situatie,
    op: date,
    gevers: frozenset[str],
    niet_routine: bool,
    geen_bezwaar: frozenset[str],
    bezwaar: frozenset[str],
    reikwijdte: str | None,
) -> Uitkomst:
    """PE-07/PE-08: an incapacitated person of 16+ is represented, by rank; the person does not sign."""
    nummer, rang = _hoogste_rang(s, op, reikwijdte)
    if not rang:
        return _nee(E_CS_WRONG_GIVER, "PE-08: geen bereide vertegenwoordiger geregistreerd")
    if not gevers <= set(rang):
        return _nee(
            E_CS_WRONG_GIVER,
            "PE-08: alleen de hoogste beschikbare rang vertegenwoordigt de wilsonbekwame betrokkene",
        )
    if s.categorie == _VOLWASSEN:
        return _ja("PE-08: toestemming door de vertegenwoordiger van de wilsonbekwame betrokkene")
    # A minor of 16–17: the gezag holders keep their say (CS-05).
    gezag = set(_gezaghebbers(s, op))
    if bezwaar & gezag:
        return _nee(E_CS_PARENT_OBJECTS, "CS-05: een ouder met gezag heeft bezwaar gemaakt")
    if nummer == 1:
        return _toets_gezag(set(rang), gevers, niet_routine, geen_bezwaar)
    return _ja("PE-08: toestemming door de vertegenwoordiger van de wilsonbekwame betrokkene")


def _toets_onder_16(
    s: Situatie,
    op: date,
    gevers: frozenset[str],
    *,
    kolom_1: bool,
    niet_routine: bool,
    cs14: bool,
    cs15: bool,
    geen_bezwaar: frozenset[str],
    bezwaar: frozenset[str],
    jongere_gehoord: bool,
) -> Uitkomst:
    """Table rows "under 12" and "12–15", with the CS-14 and CS-15 exceptions."""
    gezag = set(_gezaghebbers(s, op))
    # The youth signs in columns (2)–(3) from 12, and alone under CS-14 or CS-15.
    jongere_tekent = cs14 or cs15 or (not kolom_1 and s.categorie == _JONG_12_15)
    bevoegd = (gezag | {ZELF}) if jongere_tekent else gezag
    if not gevers <= bevoegd:
        if ZELF in gevers and not jongere_tekent:
            if kolom_1:
                return _nee(E_CS_WRONG_GIVER, "CS-14: onder 16 jaar stemt de wettelijk vertegenwoordiger toe")
            return _nee(E_CS_WRONG_GIVER, "CS-05: onder 12 jaar stemmen alleen de vertegenwoordigers toe")
        return _nee(E_CS_WRONG_GIVER, "CS-05: een gever is geen ouder met gezag of voogd (PE-04)")
    if cs15:
        # CS-15: the youth alone suffices and a parent's objection does not block (CS-05).
        if ZELF in gevers:
            return _ja("CS-15: de jongere geeft zelf toestemming (ernstig nadeel of volhardt)")
        return _nee(E_CS_WRONG_GIVER, "CS-15: de jongere moet zelf toestemming geven")
    if bezwaar & gezag:
        # CS-05 exempts only CS-15 from a parent's objection, so it also blocks under CS-14.
        return _nee(E_CS_PARENT_OBJECTS, "CS-05: een ouder met gezag heeft bezwaar gemaakt")
    if cs14 and ZELF in gevers:
        return _ja("CS-14: gratis en direct aan de minderjarige aangeboden; de jongere stemt zelf toe")
    if kolom_1 and s.categorie == _JONG_12_15 and not jongere_gehoord:
        return _nee(E_CS_WRONG_GIVER, "CS-14: vanaf 12 jaar moet de mening van de jongere zijn vastgelegd")
    if not kolom_1 and s.categorie == _JONG_12_15 and ZELF not in gevers:
        return _nee(
            E_CS_WRONG_GIVER, "CS-05: bij 12–15 jaar stemmen jongere én wettelijk vertegenwoordiger toe"
        )
    return _toets_gezag(gezag, gevers, niet_routine, geen_bezwaar)


# --- Data-subject rights: who may exercise them (SPEC §9, RI-01, RI-02, RI-04) ---------------------

HOEDANIGHEDEN = (
    "zelf",
    "wettelijk_vertegenwoordiger",
    "curator",
    "mentor",
    "vertegenwoordiger_wilsonbekwame",
    "derde_met_toestemming",
)


def _niet_bevoegd(reden: str) -> Uitkomst:
    return _nee(E_RI_NOT_ENTITLED, reden)


def mag_recht_uitoefenen(
    s: Situatie,
    *,
    indiener: str,
    hoedanigheid: str,
    op: date,
    beperkt: frozenset[str] = frozenset(),
    toestemming_betrokkene: bool = False,
) -> Uitkomst:
    """RI-01: may `indiener`, in the claimed `hoedanigheid`, exercise the subject's rights on `op`?"""
    if hoedanigheid not in HOEDANIGHEDEN:
        raise ValueError(f"onbekende hoedanigheid: {hoedanigheid!r}")
    if s.categorie is None:
        return _nee(E_PE_AGE_UNKNOWN, "PE-05: leeftijd onbekend; leg eerst een geschatte categorie vast")
    if (indiener == ZELF) != (hoedanigheid == "zelf"):
        return _niet_bevoegd("RI-01: de hoedanigheid 'zelf' hoort bij de betrokkene en alleen bij die")
    if indiener != ZELF and indiener in beperkt:
        return _niet_bevoegd("RI-04: de leidinggevende heeft de uitoefening door deze persoon beperkt")

    wilsonbekwaam = _is_wilsonbekwaam(s)
    if hoedanigheid == "zelf":
        if s.categorie == _ONDER_12:
            return _niet_bevoegd("RI-01: onder 12 jaar oefent de wettelijk vertegenwoordiger de rechten uit")
        if s.categorie == _JONG_12_15 and s.bekwaam_12_15 is not True:
            return _niet_bevoegd(
                "RI-01: een jongere van 12–15 jaar alleen als die bekwaam is beoordeeld (PE-06)"
            )
        if wilsonbekwaam:
            return _niet_bevoegd("RI-01: bij wilsonbekwaamheid (PE-07) treden de vertegenwoordigers op")
        return _ja("RI-01: de betrokkene oefent het recht zelf uit")

    if hoedanigheid == "wettelijk_vertegenwoordiger":
        if s.categorie in (_ONDER_12, _JONG_12_15):
            # Under 16 each gezag holder may act alone (RI-02: parents receive the child's information).
            if indiener in _gezaghebbers(s, op):
                return _ja("RI-01: ouder met gezag of voogd van een kind onder 16")
            return _niet_bevoegd("RI-01: indiener is geen ouder met gezag of voogd (PE-04)")
        if s.categorie == _JONG_16_17 and wilsonbekwaam:
            if indiener in _gezaghebbers(s, op) and indiener in vertegenwoordigers(s, op):
                return _ja("RI-01: wettelijk vertegenwoordiger van een wilsonbekwame jongere (PE-07)")
            return _niet_bevoegd("RI-01: indiener vertegenwoordigt deze wilsonbekwame jongere niet (PE-08)")
        return _niet_bevoegd(
            "RI-01: vanaf 16 jaar is het verzoek van een ouder een verzoek van een derde; "
            "daarvoor is toestemming van de betrokkene nodig"
        )

    if hoedanigheid in ("curator", "mentor"):
        # CS-16 via §9: under curatele/mentorschap the curator or mentor may act as well.
        if s.categorie == _VOLWASSEN and any(
            r.persoon == indiener and r.bereid for r in _relaties(s, op, (hoedanigheid,))
        ):
            return _ja(f"RI-01: {hoedanigheid} van de betrokkene (CS-16)")
        return _niet_bevoegd(f"RI-01: indiener is op deze datum geen {hoedanigheid} van de betrokkene")

    if hoedanigheid == "vertegenwoordiger_wilsonbekwame":
        if wilsonbekwaam and indiener in vertegenwoordigers(s, op):
            return _ja("RI-01: vertegenwoordiger van de wilsonbekwame betrokkene (PE-07, PE-08)")
        return _niet_bevoegd(
            "RI-01: indiener is geen vertegenwoordiger van een wilsonbekwame betrokkene (PE-08)"
        )

    # derde_met_toestemming
    if toestemming_betrokkene:
        return _ja("RI-01: derde met toestemming van de betrokkene")
    return _niet_bevoegd("RI-01: een derde heeft toestemming van de betrokkene nodig")
