"""Pure rules of the consent registry (SPEC §6, CS-01 … CS-16; API §2.5). No database, no request, no clock.

Every date rule takes `vandaag` (Europe/Amsterdam) or the act's date, so tests pin time and a consent stops
counting the day after `geldigTot` without any sweep (RT-12).

Who may give a consent (CS-05, CS-14, CS-15, CS-16) is decided by `personen.policies.toets_gevers`; this
module only maps the API-shaped record onto it (`gever_toets`). Everything else about a record is here.

Error convention (as `verwijsindex.policies`): `Fout(code, naam, reden)` with `code` an API error code —
`E_INVALID_INPUT` for schema-type problems (missing, unknown or ill-formed field), otherwise the rule's code —
`naam` the dotted API field path (`informatieGegeven.onderwerpen`) and `reden` a short Dutch message naming
the rule, never personal data. The response code is the first of `FOUT_VOLGORDE` present (`hoofdcode`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

from zorgvuldig.personen.policies import (
    E_CS_PARENT_OBJECTS,
    E_CS_WRONG_GIVER,
    E_PE_AGE_UNKNOWN,
    RELATIESOORTEN,
    SOORTEN_TOESTEMMING,
    UITZONDERINGEN,
    ZELF,
    Situatie,
    Uitkomst,
    toets_gevers,
)

E_CS_NOT_SPECIFIC = "E_CS_NOT_SPECIFIC"
E_STATE_CONFLICT = "E_STATE_CONFLICT"
E_INVALID_INPUT = "E_INVALID_INPUT"
E_AC_NOT_AUTHORISED = "E_AC_NOT_AUTHORISED"

# When several rules fail, the response's code is the first in this order; invalidParams lists all. What no
# correction of the input can fix comes first (role, the frame, an unknown age, a parent's objection), then
# the giver, then the content of the consent, then plain schema problems.
FOUT_VOLGORDE = (
    E_AC_NOT_AUTHORISED,
    E_STATE_CONFLICT,
    E_PE_AGE_UNKNOWN,
    E_CS_PARENT_OBJECTS,
    E_CS_WRONG_GIVER,
    E_CS_NOT_SPECIFIC,
    E_INVALID_INPUT,
)


@dataclass(frozen=True)
class Fout:
    code: str
    naam: str  # dotted API path, e.g. "informatieGegeven.onderwerpen"
    reden: str


def hoofdcode(fouten: Iterable[Fout]) -> str | None:
    codes = {f.code for f in fouten}
    return next((c for c in FOUT_VOLGORDE if c in codes), None)


# --- Kinds, values, categories (CS-01, CS-04, SPEC §5 "S") --------------------------------------------------

GRONDSLAG, BEROEPSGEHEIM, JEUGDHULP, OVERIG = SOORTEN_TOESTEMMING  # CS-01 kinds (1)–(4)

KADERS = ("vrijwillig", "drang", "dwang")  # DS-14 frame
VRIJWILLIG, DRANG, DWANG = KADERS

VORMEN = ("schriftelijk", "mondeling", "digitaal")
# CS-03 "written": on paper or digitally recorded by the giver (portal, e-signature); oral is not.
SCHRIFTELIJKE_VORMEN = frozenset({"schriftelijk", "digitaal"})

ONDERWERPEN = ("doel", "ontvanger", "gegevens", "hulp")  # informatieGegeven.onderwerpen
ONDERWERPEN_ALTIJD = frozenset({"doel", "ontvanger", "gegevens"})  # CS-03 (a)–(c)

REACTIES_ANDERE_OUDER = ("geen_bezwaar", "bezwaar")
HOEDANIGHEDEN_GEVER = (ZELF, *RELATIESOORTEN)

# Medical data: asking them from a medical professional always needs explicit consent with reasons (CS-04).
MEDISCHE_CATEGORIEEN = frozenset(
    {"gezondheid", "medisch", "geestelijke_gezondheid", "lichamelijke_gezondheid", "verslaving"}
)
# Special categories (SPEC §5 "S"; ZRM's starred domains; GDPR art 9 and 10): explicit consent only.
BIJZONDERE_CATEGORIEEN = MEDISCHE_CATEGORIEEN | frozenset(
    {
        "strafrechtelijk",
        "justitie",
        "overlast_gebiedsverbod",
        "religie",
        "ras",
        "etnische_afkomst",
        "politieke_opvatting",
        "seksuele_gerichtheid",
        "ras_etniciteit",
        "politiek",
        "seksuele_geaardheid",
        "vakbondslidmaatschap",
        "genetisch",
        "biometrisch",
    }
)
# CS-02: a blanket description is no data category.
ALGEMENE_CATEGORIEEN = frozenset({"alle", "alles", "alle_gegevens", "volledig_dossier"})

VI_DOEL = "signalering"  # CS-01/VI-05: a verwijsindex signal never rests on consent


def doel_fouten(doel: str, activiteiten: Mapping[str, str]) -> list[Fout]:
    """GP-02, CS-02: a consent's purpose is a processing activity of the register (RG-01) by its code — the
    closed list a sharing decision's step 1 names too, so G1 can compare the two (CS-03). `activiteiten`:
    the controller's active ones, code → purpose code. Never one for signalling: a verwijsindex signal
    does not rest on consent (CS-01, VI-05). An empty purpose is CS-02's own failure (`record_fouten`)."""
    if not doel.strip() or doel.strip() == VI_DOEL:
        return []  # named by `record_fouten`
    if doel not in activiteiten:
        return [Fout(E_INVALID_INPUT, "doel", "Kies het doel uit de verwerkingsactiviteiten (GP-02).")]
    if activiteiten[doel] == VI_DOEL:
        return [
            Fout(
                E_INVALID_INPUT, "doel", "Een verwijsindexsignaal berust nooit op toestemming (CS-01, VI-05)."
            )
        ]
    return []


def toestemmingsdoelen(activiteiten: Mapping[str, tuple[str, str]]) -> list[tuple[str, str]]:
    """The purposes a consent may name, as (code, name): `activiteiten` code → (name, purpose code), less
    those for signalling (`doel_fouten`)."""
    return [(code, naam) for code, (naam, doel) in activiteiten.items() if doel != VI_DOEL]


def is_bijzonder(gegevenscategorieen: Iterable[str]) -> bool:
    return bool(set(gegevenscategorieen) & BIJZONDERE_CATEGORIEEN)


def is_grondslag(soort: str, als_grondslag: bool) -> bool:
    """Kind (1), or kind (4) used as the legal basis (SPEC §6 "Who consents")."""
    return soort == GRONDSLAG or (soort == OVERIG and als_grondslag)


# --- States (SPEC §6 "States", RT-12) -----------------------------------------------------------------------

GEVRAAGD, GEGEVEN, GEWEIGERD, INGETROKKEN, VERLOPEN = STATUSSEN = (
    "gevraagd",
    "gegeven",
    "geweigerd",
    "ingetrokken",
    "verlopen",
)
STATUSSEN_BIJ_AANMAKEN = (GEVRAAGD, GEGEVEN, GEWEIGERD)

# A consent's kind and state in the client's words (Mijn gegevens, the inzage answer; B1 Dutch).
SOORT_NAMEN = {
    "grondslag_verwerking": "Toestemming om uw gegevens te gebruiken",
    "doorbreking_beroepsgeheim": "Toestemming om gegevens te delen met een andere organisatie",
    "start_jeugdhulp": "Toestemming om met hulp te beginnen",
    "overig": "Andere toestemming",
}
STATUS_NAMEN = {
    "gevraagd": "Gevraagd, nog niet gegeven",
    "gegeven": "Gegeven",
    "geweigerd": "Geweigerd",
    "ingetrokken": "Ingetrokken",
    "verlopen": "Verlopen",
}

# Stored transitions; `verlopen` is derived at read time and never stored, so nothing leaves it.
TRANSITIES: dict[str, frozenset[str]] = {
    GEVRAAGD: frozenset({GEGEVEN, GEWEIGERD}),
    GEGEVEN: frozenset({INGETROKKEN}),
    GEWEIGERD: frozenset(),
    INGETROKKEN: frozenset(),
    VERLOPEN: frozenset(),
}


def status_op(opgeslagen: str, geldig_tot: dt.date | None, vandaag: dt.date) -> str:
    """RT-12: the state shown today. `geldig_tot` is inclusive: a given consent is valid through that whole
    day and `verlopen` from the day after. Only a given consent expires."""
    if opgeslagen == GEGEVEN and geldig_tot is not None and geldig_tot < vandaag:
        return VERLOPEN
    return opgeslagen


def is_geldig(opgeslagen: str, geldig_tot: dt.date | None, vandaag: dt.date) -> bool:
    """RT-12: a consent counts only while it is given and not expired (derived, no sweep needed)."""
    return status_op(opgeslagen, geldig_tot, vandaag) == GEGEVEN


def overgang_fout(van: str, naar: str) -> Fout | None:
    """SPEC §6 states: REQUESTED → GIVEN | REFUSED; GIVEN → REVOKED; nothing else (E_STATE_CONFLICT).
    Pass the derived state (`status_op`) as `van`: an expired consent cannot change."""
    if naar in TRANSITIES.get(van, frozenset()):
        return None
    return Fout(
        E_STATE_CONFLICT,
        "status",
        f"Toestemming kan niet van {van} naar {naar}: alleen gevraagd → gegeven of geweigerd, "
        "gegeven → ingetrokken (CS).",
    )


# --- Input (API §2.5) ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Gever:
    persoon: str  # opaque person id (the API's url)
    hoedanigheid: str  # "zelf" or a Relatie soort


@dataclass(frozen=True)
class JongereGehoord:
    datum: dt.date | None = None
    mening: str = ""


@dataclass(frozen=True)
class AndereOuder:
    persoon: str = ""
    reactie: str = ""  # geen_bezwaar | bezwaar
    geinformeerd_door: str = ""
    datum: dt.date | None = None
    wijze: str = ""


@dataclass(frozen=True)
class Uitzondering:
    grond: str = ""  # gratis_direct_aan_minderjarige | ernstig_nadeel | jongere_volhardt
    redenen: str = ""


@dataclass(frozen=True)
class Ontvanger:
    organisatie: str | None = None  # url of a registered organisation
    naam: str | None = None  # or a named person/organisation

    def genoemd(self) -> bool:
        return bool(_tekst(self.organisatie) or _tekst(self.naam))


@dataclass(frozen=True)
class InformatieGegeven:
    datum: dt.date | None = None
    onderwerpen: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Toestemmingsinvoer:
    """A consent as the API receives it (dates already parsed, urls as opaque ids).

    Two fields are not (yet) in API §2.5: `uitdrukkelijk` (CS-04: explicitly given, not merely implied) and
    `als_grondslag` (kind 4 used as legal basis; SPEC §6 "Who consents"). Both default to the narrowest value.
    """

    soort: str = ""
    status: str = GEVRAAGD
    betrokkene: str = ""
    gevers: tuple[Gever, ...] = ()
    jongere_gehoord: JongereGehoord | None = None
    andere_ouder: AndereOuder | None = None
    uitzondering: Uitzondering | None = None
    doel: str = ""
    ontvangers: tuple[Ontvanger, ...] = ()
    gegevenscategorieen: frozenset[str] = frozenset()
    inhoud: str = ""
    waarom_nodig: str = ""
    vorm: str | None = None
    uitdrukkelijk: bool = False
    als_grondslag: bool = False
    informatie_gegeven: InformatieGegeven | None = None
    belang_bevestigd: bool = False
    afhankelijkheid_reden: str = ""
    datum: dt.date | None = None
    geldig_tot: dt.date | None = None
    bewijs: str = ""

    @classmethod
    def uit_api(cls, data: Mapping) -> Toestemmingsinvoer:
        """From the API body's camelCase fields (API §2.5); absent or ill-typed parts take their defaults."""
        gevers = tuple(
            Gever(str(g.get("persoon") or ""), str(g.get("hoedanigheid") or ""))
            for g in _lijst(data.get("gevers"))
            if isinstance(g, Mapping)
        )
        jg = _map(data.get("jongereGehoord"))
        ao = _map(data.get("andereOuder"))
        uz = _map(data.get("uitzondering"))
        ig = _map(data.get("informatieGegeven"))
        return cls(
            soort=str(data.get("soort") or ""),
            status=str(data.get("status") or GEVRAAGD),
            betrokkene=str(data.get("betrokkene") or ""),
            gevers=gevers,
            jongere_gehoord=None
            if jg is None
            else JongereGehoord(_datum(jg.get("datum")), str(jg.get("mening") or "")),
            andere_ouder=None
            if ao is None
            else AndereOuder(
                str(ao.get("persoon") or ""),
                str(ao.get("reactie") or ""),
                str(ao.get("geinformeerdDoor") or ""),
                _datum(ao.get("datum")),
                str(ao.get("wijze") or ""),
            ),
            uitzondering=None
            if uz is None
            else Uitzondering(str(uz.get("grond") or ""), str(uz.get("redenen") or "")),
            doel=str(data.get("doel") or ""),
            ontvangers=tuple(
                Ontvanger(o.get("organisatie"), o.get("naam"))
                for o in _lijst(data.get("ontvangers"))
                if isinstance(o, Mapping)
            ),
            gegevenscategorieen=frozenset(str(c) for c in _lijst(data.get("gegevenscategorieen"))),
            inhoud=str(data.get("inhoud") or ""),
            waarom_nodig=str(data.get("waaromNodig") or ""),
            vorm=data.get("vorm"),
            uitdrukkelijk=data.get("uitdrukkelijk") is True,
            als_grondslag=data.get("alsGrondslag") is True,
            informatie_gegeven=None
            if ig is None
            else InformatieGegeven(
                _datum(ig.get("datum")), frozenset(str(o) for o in _lijst(ig.get("onderwerpen")))
            ),
            belang_bevestigd=data.get("belangBevestigd") is True,
            afhankelijkheid_reden=str(data.get("afhankelijkheidReden") or ""),
            datum=_datum(data.get("datum")),
            geldig_tot=_datum(data.get("geldigTot")),
            bewijs=str(data.get("bewijs") or ""),
        )


def _tekst(waarde: object) -> str:
    return str(waarde).strip() if waarde is not None else ""


def _lijst(waarde: object) -> list:
    return list(waarde) if isinstance(waarde, list | tuple | set | frozenset) else []


def _map(waarde: object) -> Mapping | None:
    return waarde if isinstance(waarde, Mapping) else None


def _datum(waarde: object) -> dt.date | None:
    # A datetime is not a calendar date (§0 Time): the API parses dates as `date`.
    return waarde if isinstance(waarde, dt.date) and not isinstance(waarde, dt.datetime) else None


# --- Validating a new record (CS-01 … CS-04, CS-10 … CS-13) -------------------------------------------------


def record_fouten(
    t: Toestemmingsinvoer, *, vandaag: dt.date, organisatie_is_publiek: bool, kader: str
) -> tuple[Fout, ...]:
    """All failures of a new consent record; empty: it holds. The giver is checked by `gever_toets`.

    Rules on the giving itself (form, explicitness, information, interest) apply once the status is `gegeven`;
    a request (`gevraagd`) or refusal must already be specific (CS-02) and allowed in the frame (CS-13).
    """
    if kader not in KADERS:
        raise ValueError(f"onbekend kader: {kader!r}")
    fouten: list[Fout] = []
    fouten += _soort_en_status_fouten(t, kader)
    fouten += _specifiek_fouten(t)
    fouten += _datum_fouten(t, vandaag)
    fouten += _gever_gegevens_fouten(t)
    if t.status == GEGEVEN:
        fouten += _geven_fouten(t)
    if (
        organisatie_is_publiek
        and is_grondslag(t.soort, t.als_grondslag)
        and not _tekst(t.afhankelijkheid_reden)
    ):
        fouten.append(
            Fout(
                E_INVALID_INPUT,
                "afhankelijkheidReden",
                "Een overheidsorganisatie die toestemming als grondslag kiest, legt vast waarom (CS-10).",
            )
        )
    return tuple(fouten)


def _soort_en_status_fouten(t: Toestemmingsinvoer, kader: str) -> list[Fout]:
    fouten: list[Fout] = []
    if t.soort not in SOORTEN_TOESTEMMING:
        fouten.append(
            Fout(
                E_INVALID_INPUT,
                "soort",
                "Kies grondslag_verwerking, doorbreking_beroepsgeheim, start_jeugdhulp of overig (CS-01).",
            )
        )
    if t.doel.strip() == VI_DOEL:
        fouten.append(
            Fout(
                E_INVALID_INPUT, "doel", "Een verwijsindexsignaal berust nooit op toestemming (CS-01, VI-05)."
            )
        )
    if t.status not in STATUSSEN_BIJ_AANMAKEN:
        fouten.append(
            Fout(E_INVALID_INPUT, "status", "Een nieuwe toestemming is gevraagd, gegeven of geweigerd.")
        )
    if kader == DWANG and is_grondslag(t.soort, t.als_grondslag):
        fouten.append(
            Fout(
                E_STATE_CONFLICT,
                "soort",
                "In het kader dwang wordt geen toestemming als grondslag gevraagd; de opgelegde hulp "
                "vraagt de verwerking (CS-13).",
            )
        )
    return fouten


def _specifiek_fouten(t: Toestemmingsinvoer) -> list[Fout]:
    """CS-02: a named addressee, a purpose and the data types; CS-04: a secrecy release and medical data
    state why they are needed."""
    fouten: list[Fout] = []
    if not t.ontvangers or not all(o.genoemd() for o in t.ontvangers):
        fouten.append(
            Fout(E_CS_NOT_SPECIFIC, "ontvangers", "Noem elke ontvanger: organisatie of naam (CS-02).")
        )
    if not t.doel.strip():
        fouten.append(Fout(E_CS_NOT_SPECIFIC, "doel", "Noem het doel van de toestemming (CS-02)."))
    categorieen = {c.strip() for c in t.gegevenscategorieen}
    if not categorieen or "" in categorieen:
        fouten.append(
            Fout(E_CS_NOT_SPECIFIC, "gegevenscategorieen", "Noem welke soorten gegevens het betreft (CS-02).")
        )
    elif categorieen & ALGEMENE_CATEGORIEEN:
        fouten.append(
            Fout(
                E_CS_NOT_SPECIFIC,
                "gegevenscategorieen",
                "Toestemming voor 'alle gegevens' is niet specifiek; noem de soorten gegevens (CS-02).",
            )
        )
    if (t.soort == BEROEPSGEHEIM or categorieen & MEDISCHE_CATEGORIEEN) and not t.waarom_nodig.strip():
        fouten.append(
            Fout(
                E_CS_NOT_SPECIFIC,
                "waaromNodig",
                "Leg vast waarom delen nodig is voor de hulp (CS-04).",
            )
        )
    return fouten


def _datum_fouten(t: Toestemmingsinvoer, vandaag: dt.date) -> list[Fout]:
    if t.datum is None:
        return [Fout(E_INVALID_INPUT, "datum", "Vul de datum van de toestemming in.")]
    fouten: list[Fout] = []
    if t.datum > vandaag:
        fouten.append(Fout(E_INVALID_INPUT, "datum", "De datum van de toestemming ligt in de toekomst."))
    if t.geldig_tot is not None and t.geldig_tot < t.datum:
        fouten.append(Fout(E_INVALID_INPUT, "geldigTot", "Geldig tot ligt vóór de datum van de toestemming."))
    return fouten


def _gever_gegevens_fouten(t: Toestemmingsinvoer) -> list[Fout]:
    """The giver facts the CS-05 check relies on must be complete and well-formed."""
    fouten: list[Fout] = []
    if any(g.hoedanigheid not in HOEDANIGHEDEN_GEVER or not g.persoon.strip() for g in t.gevers):
        fouten.append(
            Fout(
                E_INVALID_INPUT,
                "gevers",
                "Elke gever heeft een persoon en een hoedanigheid: zelf of een relatiesoort.",
            )
        )
    if t.status in (GEGEVEN, GEWEIGERD) and not t.gevers:
        fouten.append(Fout(E_INVALID_INPUT, "gevers", "Leg vast wie de toestemming gaf of weigerde (CS-05)."))
    if t.jongere_gehoord is not None:
        jg = t.jongere_gehoord
        if jg.datum is None or (t.datum is not None and jg.datum > t.datum):
            fouten.append(
                Fout(
                    E_INVALID_INPUT,
                    "jongereGehoord.datum",
                    "Vul in wanneer de jongere is gehoord; niet na de toestemming (CS-14).",
                )
            )
        if not jg.mening.strip():
            fouten.append(
                Fout(E_INVALID_INPUT, "jongereGehoord.mening", "Leg de mening van de jongere vast (CS-14).")
            )
    fouten += _andere_ouder_fouten(t)
    fouten += _uitzondering_fouten(t)
    return fouten


def _andere_ouder_fouten(t: Toestemmingsinvoer) -> list[Fout]:
    ao = t.andere_ouder
    if ao is None:
        return []
    p = "andereOuder"
    fouten: list[Fout] = []
    if not ao.persoon.strip():
        fouten.append(Fout(E_INVALID_INPUT, f"{p}.persoon", "Noem de andere ouder met gezag (CS-05)."))
    if ao.reactie not in REACTIES_ANDERE_OUDER:
        fouten.append(Fout(E_INVALID_INPUT, f"{p}.reactie", "Kies geen_bezwaar of bezwaar (CS-05)."))
    if ao.reactie == "geen_bezwaar":
        # CS-05: an *informed* non-objection: who informed, when and how.
        if not ao.geinformeerd_door.strip():
            fouten.append(
                Fout(
                    E_INVALID_INPUT,
                    f"{p}.geinformeerdDoor",
                    "Leg vast wie de andere ouder informeerde (CS-05).",
                )
            )
        if ao.datum is None or (t.datum is not None and ao.datum > t.datum):
            fouten.append(
                Fout(
                    E_INVALID_INPUT,
                    f"{p}.datum",
                    "Leg vast wanneer de andere ouder is geïnformeerd; niet na de toestemming (CS-05).",
                )
            )
        if not ao.wijze.strip():
            fouten.append(
                Fout(E_INVALID_INPUT, f"{p}.wijze", "Leg vast hoe de andere ouder is geïnformeerd (CS-05).")
            )
    return fouten


def _uitzondering_fouten(t: Toestemmingsinvoer) -> list[Fout]:
    """CS-14 applies to consent as legal basis, CS-15 to kinds (2) and (3); both are recorded with reasons."""
    uz = t.uitzondering
    if uz is None:
        return []
    fouten: list[Fout] = []
    if uz.grond not in UITZONDERINGEN:
        fouten.append(
            Fout(
                E_INVALID_INPUT,
                "uitzondering.grond",
                "Kies gratis_direct_aan_minderjarige, ernstig_nadeel of jongere_volhardt (CS-14, CS-15).",
            )
        )
    elif uz.grond == "gratis_direct_aan_minderjarige":
        if not is_grondslag(t.soort, t.als_grondslag):
            fouten.append(
                Fout(
                    E_INVALID_INPUT,
                    "uitzondering.grond",
                    "Deze uitzondering geldt alleen voor toestemming als grondslag (CS-14).",
                )
            )
    elif is_grondslag(t.soort, t.als_grondslag):
        fouten.append(
            Fout(
                E_INVALID_INPUT,
                "uitzondering.grond",
                "Deze uitzondering geldt alleen voor doorbreking van het beroepsgeheim en start van "
                "jeugdhulp (CS-15).",
            )
        )
    if not uz.redenen.strip():
        fouten.append(
            Fout(E_INVALID_INPUT, "uitzondering.redenen", "Leg de redenen voor de uitzondering vast (CS-15).")
        )
    return fouten


def _geven_fouten(t: Toestemmingsinvoer) -> list[Fout]:
    """What a *given* consent needs: its form, explicitness (CS-04), information first (CS-03, CS-12) and the
    professional's confirmation that it serves the client (CS-11)."""
    fouten: list[Fout] = []
    if t.vorm not in VORMEN:
        fouten.append(Fout(E_INVALID_INPUT, "vorm", "Kies de vorm: schriftelijk, mondeling of digitaal."))
    if (t.soort == BEROEPSGEHEIM or is_bijzonder(t.gegevenscategorieen)) and not t.uitdrukkelijk:
        fouten.append(
            Fout(
                E_CS_NOT_SPECIFIC,
                "uitdrukkelijk",
                "Doorbreking van het beroepsgeheim en bijzondere gegevens vragen uitdrukkelijke "
                "toestemming, niet alleen stilzwijgend (CS-04).",
            )
        )
    fouten += _informatie_fouten(t)
    if not t.belang_bevestigd:
        fouten.append(
            Fout(
                E_INVALID_INPUT,
                "belangBevestigd",
                "Bevestig dat delen in het belang van de cliënt is, ook op termijn (CS-11).",
            )
        )
    return fouten


def _informatie_fouten(t: Toestemmingsinvoer) -> list[Fout]:
    """CS-03: informed of purpose, recipient and data before consenting; CS-12: youth care: of the help."""
    p = "informatieGegeven"
    info = t.informatie_gegeven
    if info is None:
        return [
            Fout(
                E_CS_NOT_SPECIFIC,
                p,
                "Leg vast dat en wanneer over doel, ontvanger en gegevens is geïnformeerd (CS-03).",
            )
        ]
    fouten: list[Fout] = []
    onderwerpen = set(info.onderwerpen)
    if onderwerpen - set(ONDERWERPEN):
        fouten.append(
            Fout(E_INVALID_INPUT, f"{p}.onderwerpen", "Onderwerpen zijn doel, ontvanger, gegevens en hulp.")
        )
    if not onderwerpen >= ONDERWERPEN_ALTIJD:
        fouten.append(
            Fout(
                E_CS_NOT_SPECIFIC,
                f"{p}.onderwerpen",
                "Informeer vooraf over doel, ontvanger en gegevens (CS-03).",
            )
        )
    if t.soort == JEUGDHULP and "hulp" not in onderwerpen:
        fouten.append(
            Fout(
                E_CS_NOT_SPECIFIC,
                f"{p}.onderwerpen",
                "Toestemming voor jeugdhulp geldt pas na informatie over de hulp (CS-12).",
            )
        )
    if info.datum is None or (t.datum is not None and info.datum > t.datum):
        fouten.append(
            Fout(
                E_CS_NOT_SPECIFIC,
                f"{p}.datum",
                "Vul in wanneer is geïnformeerd; dat is vóór of op de dag van de toestemming (CS-03).",
            )
        )
    return fouten


def waarschuwingen(t: Toestemmingsinvoer, *, organisatie_is_publiek: bool) -> tuple[str, ...]:
    """CS-10: a public body choosing consent as legal basis is warned (the client depends on it)."""
    if organisatie_is_publiek and is_grondslag(t.soort, t.als_grondslag):
        return (
            "Let op: u kiest toestemming als grondslag bij een overheidsorganisatie. De cliënt is van u "
            "afhankelijk, dus toestemming is dan zelden vrij; meestal past de publieke taak (CS-10).",
        )
    return ()


# --- The giver (CS-05, CS-14, CS-15, CS-16): adapter onto personen.policies.toets_gevers -------------------


def gever_toets(
    situatie: Situatie,
    invoer: Toestemmingsinvoer,
    op: dt.date,
    activiteit_gratis_direct: bool,
    *,
    curatele_reikwijdte: str | None = None,
) -> Uitkomst:
    """CS-05: the API record's givers checked against SPEC §6's table on `op` (the consent's date).

    Adds to `toets_gevers`: a giver "zelf" must be the subject and the subject signs only as "zelf"; any other
    capacity must be a relation of that person registered and valid on `op`. Only a complete, informed
    non-objection of the other parent counts (who, when — not after `op` — and how); an exception only with
    reasons; the youth is heard only with a date not after `op` and a recorded view.
    `activiteit_gratis_direct` is the RG-01 flag of the purpose's processing activity (CS-14).
    """
    if invoer.soort not in SOORTEN_TOESTEMMING:
        return Uitkomst(False, E_INVALID_INPUT, "CS-01: onbekende soort toestemming")
    if situatie.categorie is not None:
        for g in invoer.gevers:
            if (g.hoedanigheid == ZELF) != (g.persoon == invoer.betrokkene):
                return Uitkomst(
                    False, E_CS_WRONG_GIVER, "CS-05: alleen de betrokkene zelf geeft toestemming als 'zelf'"
                )
            if g.hoedanigheid != ZELF and not any(
                r.persoon == g.persoon and r.soort == g.hoedanigheid and r.geldig_op(op)
                for r in situatie.relaties
            ):
                return Uitkomst(
                    False,
                    E_CS_WRONG_GIVER,
                    "CS-05: de hoedanigheid van een gever staat niet als geldige relatie geregistreerd",
                )
    ao = invoer.andere_ouder
    geen_bezwaar: frozenset[str] = frozenset()
    bezwaar: frozenset[str] = frozenset()
    if ao is not None and ao.reactie == "bezwaar":
        bezwaar = frozenset({ao.persoon})
    if (
        ao is not None
        and ao.reactie == "geen_bezwaar"
        and ao.geinformeerd_door.strip()
        and ao.wijze.strip()
        and ao.datum is not None
        and ao.datum <= op
    ):
        geen_bezwaar = frozenset({ao.persoon})
    jg = invoer.jongere_gehoord
    uz = invoer.uitzondering
    return toets_gevers(
        situatie,
        soort=invoer.soort,
        gevers=frozenset(ZELF if g.hoedanigheid == ZELF else g.persoon for g in invoer.gevers),
        op=op,
        is_grondslag=invoer.als_grondslag,
        bijzondere_gegevens=is_bijzonder(invoer.gegevenscategorieen),
        uitzondering=uz.grond
        if uz is not None and uz.grond in UITZONDERINGEN and uz.redenen.strip()
        else None,
        activiteit_gratis_direct=activiteit_gratis_direct,
        andere_ouder_geen_bezwaar=geen_bezwaar,
        bezwaar=bezwaar,
        jongere_gehoord=jg is not None
        and jg.datum is not None
        and jg.datum <= op
        and bool(jg.mening.strip()),
        curatele_reikwijdte_nodig=curatele_reikwijdte,
    )


def gever_fout(u: Uitkomst) -> Fout | None:
    """A refused giver check as a `Fout`, to list beside `record_fouten` (same `hoofdcode` order)."""
    if u.toegestaan:
        return None
    code = u.code or E_CS_WRONG_GIVER
    naam = {E_CS_PARENT_OBJECTS: "andereOuder.reactie", E_PE_AGE_UNKNOWN: "betrokkene"}.get(code, "gevers")
    return Fout(code, naam, u.reden)


# --- Does a consent cover a provision? (CS-03, CS-04) -------------------------------------------------------


@dataclass(frozen=True)
class Toestemmingsfeit:
    """A stored consent as far as coverage needs it."""

    soort: str
    status: str  # as stored; `verlopen` is derived here from `geldig_tot`
    doel: str
    ontvangers: tuple[Ontvanger, ...]
    gegevenscategorieen: frozenset[str]
    vorm: str | None = None
    uitdrukkelijk: bool = False
    geldig_tot: dt.date | None = None
    als_grondslag: bool = False


def _naam(waarde: str | None) -> str:
    return " ".join(_tekst(waarde).casefold().split())


def dekt(
    t: Toestemmingsfeit,
    *,
    ontvanger: str,
    doel: str,
    gegevens: frozenset[str],
    vandaag: dt.date,
    bijzonder: bool,
) -> Fout | None:
    """CS-03/CS-04: does this consent cover providing `gegevens` to `ontvanger` (organisation url or name) for
    `doel` today? It must be valid today, written, kind (1) or (2) or kind (4) as legal basis, name this
    recipient, this purpose and every data category; special-category data and a secrecy release need explicit
    consent. None: covered; else the first gap (E_CS_NOT_SPECIFIC, `naam` a field of the consent)."""
    status = status_op(t.status, t.geldig_tot, vandaag)
    if status != GEGEVEN:
        return Fout(
            E_CS_NOT_SPECIFIC, "status", f"De toestemming geldt niet (meer): zij is {status} (CS-03)."
        )
    if t.soort not in (GRONDSLAG, BEROEPSGEHEIM) and not (t.soort == OVERIG and t.als_grondslag):
        return Fout(
            E_CS_NOT_SPECIFIC,
            "soort",
            "Deze soort toestemming is geen grondslag voor een verstrekking (CS-03).",
        )
    if t.vorm not in SCHRIFTELIJKE_VORMEN:
        return Fout(
            E_CS_NOT_SPECIFIC, "vorm", "Verstrekking vraagt vooraf schriftelijke toestemming (CS-03)."
        )
    gezocht = _naam(ontvanger)
    if not gezocht or not any(gezocht in (_naam(o.organisatie), _naam(o.naam)) for o in t.ontvangers):
        return Fout(E_CS_NOT_SPECIFIC, "ontvangers", "De toestemming noemt deze ontvanger niet (CS-03).")
    if not doel.strip() or doel.strip() != t.doel.strip():
        return Fout(E_CS_NOT_SPECIFIC, "doel", "De toestemming geldt niet voor dit doel (CS-03).")
    if not gegevens:
        return Fout(
            E_CS_NOT_SPECIFIC, "gegevenscategorieen", "Noem welke gegevens worden verstrekt (CS-02, CS-03)."
        )
    ontbreekt = sorted(gegevens - t.gegevenscategorieen)
    if ontbreekt:
        return Fout(
            E_CS_NOT_SPECIFIC,
            "gegevenscategorieen",
            f"De toestemming dekt deze gegevens niet: {', '.join(ontbreekt)} (CS-03).",
        )
    if (bijzonder or is_bijzonder(gegevens) or t.soort == BEROEPSGEHEIM) and not t.uitdrukkelijk:
        return Fout(
            E_CS_NOT_SPECIFIC,
            "uitdrukkelijk",
            "Bijzondere gegevens en doorbreking van het beroepsgeheim vragen uitdrukkelijke toestemming "
            "(CS-04).",
        )
    return None


# --- Revocation (CS-07, CS-08, CS-09; DS-15) ----------------------------------------------------------------


def intrekken_fout(status: str) -> Fout | None:
    """CS-07: revoking takes one step and nothing but a given consent; pass the derived state (`status_op`).
    Anything else is a conflict of the state machine (E_STATE_CONFLICT)."""
    if status == GEGEVEN:
        return None
    redenen = {
        INGETROKKEN: "Deze toestemming is al ingetrokken (CS-07).",
        VERLOPEN: "Deze toestemming is verlopen en geldt al niet meer (CS-07).",
    }
    reden = redenen.get(
        status, "Alleen een gegeven toestemming kan worden ingetrokken; weiger een verzoek (CS-07)."
    )
    return Fout(E_STATE_CONFLICT, "status", reden)


_GEVOLG_PER_SOORT = {
    GRONDSLAG: "Wij gebruiken uw gegevens niet meer voor het doel waarvoor u toestemming gaf.",
    BEROEPSGEHEIM: "De hulpverlener deelt uw gegevens niet meer met de ontvangers die in uw toestemming "
    "staan.",
    JEUGDHULP: "De hulp waarvoor u toestemming gaf, stopt. Uw hulpverlener bespreekt met u wat dat betekent.",
    OVERIG: "Wij stoppen met waarvoor u toestemming gaf, bijvoorbeeld het bespreken in een overleg.",
}


def gevolgen(soort: str, aantal_actieve_delingen: int, kader: str) -> str:
    """CS-07: what revoking means, in plain Dutch (B1): from now on; earlier lawful use stays lawful; which
    shares stop and that recipients are told (CS-08); in DWANG the court-ordered help continues (CS-13)."""
    if soort not in SOORTEN_TOESTEMMING:
        raise ValueError(f"onbekende soort toestemming: {soort!r}")
    if kader not in KADERS:
        raise ValueError(f"onbekend kader: {kader!r}")
    if aantal_actieve_delingen < 0:
        raise ValueError("aantal delingen kan niet negatief zijn")
    zinnen = [
        "U trekt uw toestemming in. Dat geldt vanaf nu.",
        "Wat wij eerder met uw toestemming deden, blijft wel toegestaan.",
        _GEVOLG_PER_SOORT[soort],
    ]
    if aantal_actieve_delingen == 0:
        zinnen.append("Er worden geen gegevens gedeeld op basis van deze toestemming.")
    elif aantal_actieve_delingen == 1:
        zinnen.append(
            "1 deling van uw gegevens stopt. "
            "Wij laten de ontvanger weten dat u uw toestemming hebt ingetrokken."
        )
    else:
        zinnen.append(
            f"{aantal_actieve_delingen} delingen van uw gegevens stoppen. "
            "Wij laten de ontvangers weten dat u uw toestemming hebt ingetrokken."
        )
    if kader == DWANG:
        zinnen.append(
            "De hulp die de rechter heeft opgelegd, gaat wel door. Daarvoor is uw toestemming niet nodig."
        )
    zinnen.append("U kunt later altijd opnieuw toestemming geven.")
    return " ".join(zinnen)


def na_intrekking(veiligheidszorg: bool, kader: str, soort: str = GRONDSLAG) -> str | None:
    """CS-09/DS-15: advice to the worker after a revocation.

    DWANG: the court order is the basis, the help goes on (CS-13). Safety concerns in VOLUNTARY or DRANG:
    consent can no longer be the basis — hand the case over or record a frame change with a statutory basis
    (CS-09, DS-14). Without concerns it depends on what the consent was for (CS-01): only a consent to the
    processing or to the help itself (kinds 1 and 3) lets the client stop it, and in VOLUNTARY the dossier
    then closes (DS-15; DRANG: no advice). A consent to share or to take part in something (kinds 2 and 4)
    ends only what rested on it (CS-08): the help goes on.
    """
    if kader not in KADERS:
        raise ValueError(f"onbekend kader: {kader!r}")
    if soort not in SOORTEN_TOESTEMMING:
        raise ValueError(f"onbekende soort: {soort!r}")
    if kader == DWANG:
        return (
            "De opgelegde hulp gaat door: de uitspraak van de rechter is de grondslag, niet de toestemming "
            "(CS-13)."
        )
    if veiligheidszorg:
        return (
            "Toestemming kan niet langer de grondslag zijn. Draag de zaak over aan de verantwoordelijke "
            "organisatie (zoals Veilig Thuis) of leg een kaderwijziging met een wettelijke grondslag vast en "
            "leg die uit aan de cliënt (CS-09, DS-14)."
        )
    if soort in (BEROEPSGEHEIM, OVERIG):
        return (
            "Alleen wat op deze toestemming rustte, stopt (CS-08); de hulp zelf gaat door. Sluit het dossier "
            "hierom niet af."
        )
    if kader == VRIJWILLIG:
        return "De cliënt mag stoppen: sluit het dossier af met als reden 'De cliënt wil stoppen' (DS-15)."
    return None


DELING_GROND_TOESTEMMING = "g1_toestemming"
DELING_BEEINDIGD = "beeindigd"
# Shares whose data already went out: their recipients are told of the revocation (CS-08).
DELING_UITGEVOERD = frozenset({"uitgevoerd", "informeren_uitgesteld", "client_geinformeerd"})


def afhankelijke_delingen(
    delingen: Iterable[tuple[Hashable, str, Hashable, str]], toestemming_id: Hashable
) -> tuple[Hashable, ...]:
    """CS-08: the sharing decisions `(id, grond, toestemming_id, status)` to close on revocation: those
    resting on this consent (`g1_toestemming`) and not already ended, in the given order."""
    return tuple(
        deling_id
        for deling_id, grond, tid, status in delingen
        if grond == DELING_GROND_TOESTEMMING and tid == toestemming_id and status != DELING_BEEINDIGD
    )


def te_informeren_delingen(
    delingen: Iterable[tuple[Hashable, str, Hashable, str]], toestemming_id: Hashable
) -> tuple[Hashable, ...]:
    """CS-08: of the dependent shares, those already carried out: their recipients are notified."""
    delingen = tuple(delingen)
    te_sluiten = set(afhankelijke_delingen(delingen, toestemming_id))
    return tuple(d for d, _g, _t, status in delingen if d in te_sluiten and status in DELING_UITGEVOERD)


# --- Setting aside a representative's decision (CS-06) ------------------------------------------------------


def terzijdeleggen_fouten(
    redenen: str, actor_is_leidinggevende: bool, gever_is_vertegenwoordiger: bool
) -> tuple[Fout, ...]:
    """CS-06: only the leidinggevende sets aside, only a representative's decision, always with reasons."""
    fouten: list[Fout] = []
    if not actor_is_leidinggevende:
        fouten.append(
            Fout(
                E_AC_NOT_AUTHORISED,
                "redenen",
                "Alleen de leidinggevende kan de beslissing van een vertegenwoordiger terzijde leggen "
                "(CS-06).",
            )
        )
    if not gever_is_vertegenwoordiger:
        fouten.append(
            Fout(
                E_STATE_CONFLICT,
                "gevers",
                "Alleen de beslissing van een vertegenwoordiger kan terzijde worden gelegd, niet die van de "
                "betrokkene zelf (CS-06).",
            )
        )
    if not redenen.strip():
        fouten.append(
            Fout(
                E_INVALID_INPUT,
                "redenen",
                "Leg vast welke zwaarwegende belangen van de cliënt zich tegen de beslissing verzetten "
                "(CS-06).",
            )
        )
    return tuple(fouten)


def intrekdatum_fout(datum: dt.date | None, gegeven_op: dt.date, vandaag: dt.date) -> Fout | None:
    """CS-07: a revocation the client gave earlier (by phone, in a letter) is recorded with the day they
    gave it — not in the future, not before the consent itself."""
    if datum is None:
        return None
    if datum > vandaag:
        return Fout(E_INVALID_INPUT, "datum", "De datum van intrekken ligt niet in de toekomst.")
    if datum < gegeven_op:
        return Fout(
            E_INVALID_INPUT, "datum", "De toestemming kan niet zijn ingetrokken vóór zij werd gegeven."
        )
    return None
