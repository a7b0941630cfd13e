"""Pure rules of the data-breach register (RG-03; GDPR art 33–34). No database, no request, no clock.

* The 72-hour clock runs from the discovery (`ontdekt_op`) in elapsed hours: the deadline is computed in
  UTC, so a change to or from summer time in Europe/Amsterdam neither adds nor takes an hour.
* The clock's state at a moment (remaining time; `alert_24`, `alert_48`, `verlopen`) is derived at read
  time (RT-12) and never stored. It stops at the decision to notify or not.
* The states and their transitions are a table (DESIGN §5.4).
* Who notifies (RG-05): the FG's choice; else, for a breach in a shared module, the controller the
  joint-controller arrangement names for it; else the own controller (`melder`).
* Informing the data subjects (GDPR art 34) is a fact of its own, recorded after the decision: the day,
  the means (a closed list), how many persons were informed. A breach whose decision was to inform them is
  closed only once that is recorded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from zorgvuldig.convenanten.policies import MODULES

# breach.notify_hours (SPEC §0.2). A module constant until it moves to the configuration.
MELDTERMIJN_UREN = 72
# RG-03: the FG is alerted 24 h and 48 h after discovery, and when the term has passed.
WAARSCHUWINGSUREN = (24, 48)

ONTDEKT, BEOORDEELD, GEMELD, NIET_GEMELD, GESLOTEN = (
    "ontdekt",
    "beoordeeld",
    "gemeld",
    "niet_gemeld",
    "gesloten",
)
STATUSSEN = (ONTDEKT, BEOORDEELD, GEMELD, NIET_GEMELD, GESLOTEN)
TRANSITIES: dict[str, frozenset[str]] = {
    ONTDEKT: frozenset({BEOORDEELD}),
    BEOORDEELD: frozenset({GEMELD, NIET_GEMELD}),
    GEMELD: frozenset({GESLOTEN}),
    NIET_GEMELD: frozenset({GESLOTEN}),
    GESLOTEN: frozenset(),
}
# Facts may be corrected until the decision; the clock runs until then too.
WIJZIGBAAR = frozenset({ONTDEKT, BEOORDEELD})
OPEN = WIJZIGBAAR

GEEN, RISICO, HOOG_RISICO = "geen", "risico", "hoog_risico"
RISICOS = (GEEN, RISICO, HOOG_RISICO)

# Clock states (API: `klok.stand`)
LOOPT, ALERT_24, ALERT_48, VERLOPEN, GESTOPT = "loopt", "alert_24", "alert_48", "verlopen", "gestopt"

MAX_TEKST = 4000

# GDPR art 34(1), 34(3)(c): how the data subjects were informed (API `informering.wijze`)
BRIEF, EMAIL, TELEFOON, GESPREK, OPENBARE_MEDEDELING = (
    "brief",
    "email",
    "telefoon",
    "gesprek",
    "openbare_mededeling",
)
INFORMEER_WIJZEN = (BRIEF, EMAIL, TELEFOON, GESPREK, OPENBARE_MEDEDELING)
MAX_TOELICHTING = 500  # the short note on informing
MAX_AANTAL = 100_000_000


@dataclass(frozen=True)
class Fout:
    code: str
    veld: str
    reden: str


def module_fouten(module: str) -> list[Fout]:
    """RG-05: a breach is in one of the shared modules, or in the controller's own processing ('')."""
    if module and module not in MODULES:
        return [Fout("E_INVALID_INPUT", "module", "Kies verwijsindex, casusoverleg of geen gedeelde module.")]
    return []


def melder(gekozen: int | None, module: str, volgens_regeling: int | None, eigen: int) -> int:
    """RG-03/RG-05: who notifies — the FG's choice; else, for a breach in a shared module, the controller
    its joint-controller arrangement names; else the own controller."""
    if gekozen is not None:
        return gekozen
    if module and volgens_regeling is not None:
        return volgens_regeling
    return eigen


def mag_overgaan(van: str, naar: str) -> bool:
    return naar in TRANSITIES.get(van, frozenset())


def deadline(ontdekt_op: dt.datetime, uren: int = MELDTERMIJN_UREN) -> dt.datetime:
    """Discovery + `uren` elapsed hours (GDPR art 33(1)); in UTC, so DST changes do not shift it."""
    if ontdekt_op.tzinfo is None:
        raise ValueError("ontdekt_op must be timezone-aware")
    return ontdekt_op.astimezone(dt.UTC) + dt.timedelta(hours=uren)


def verstreken(ontdekt_op: dt.datetime, nu: dt.datetime) -> dt.timedelta:
    return nu.astimezone(dt.UTC) - ontdekt_op.astimezone(dt.UTC)


def bereikte_markeringen(
    ontdekt_op: dt.datetime, nu: dt.datetime, uren: int = MELDTERMIJN_UREN
) -> tuple[int, ...]:
    """The alert marks (hours after discovery: 24, 48 and the deadline) passed at `nu`."""
    tijd = verstreken(ontdekt_op, nu)
    return tuple(m for m in (*WAARSCHUWINGSUREN, uren) if tijd >= dt.timedelta(hours=m))


@dataclass(frozen=True)
class Klok:
    deadline: dt.datetime
    stand: str  # loopt | alert_24 | alert_48 | verlopen | gestopt
    resterend: dt.timedelta  # negative once the term has passed; frozen at the decision
    op_tijd: bool | None  # decided: within the term or not; open: None

    @property
    def resterende_uren(self) -> int:
        """Whole hours left (rounded down; 0 in the last hour, negative once passed)."""
        return int(self.resterend.total_seconds() // 3600)


def klok(
    ontdekt_op: dt.datetime,
    status: str,
    nu: dt.datetime,
    besloten_op: dt.datetime | None = None,
    uren: int = MELDTERMIJN_UREN,
) -> Klok:
    """RG-03/RT-12: the clock's state at `nu`. Open breaches run; a decided one has stopped."""
    eind = deadline(ontdekt_op, uren)
    if status not in OPEN:
        moment = besloten_op or nu
        return Klok(eind, GESTOPT, eind - moment.astimezone(dt.UTC), moment <= eind)
    markeringen = bereikte_markeringen(ontdekt_op, nu, uren)
    if uren in markeringen:
        stand = VERLOPEN
    elif 48 in markeringen:
        stand = ALERT_48
    elif 24 in markeringen:
        stand = ALERT_24
    else:
        stand = LOOPT
    return Klok(eind, stand, eind - nu.astimezone(dt.UTC), None)


def te_versturen(
    ontdekt_op: dt.datetime, status: str, verzonden, nu: dt.datetime, uren: int = MELDTERMIJN_UREN
) -> tuple[int, ...]:
    """The marks to e-mail now: passed, not yet sent, and only while the breach is undecided."""
    if status not in OPEN:
        return ()
    return tuple(m for m in bereikte_markeringen(ontdekt_op, nu, uren) if m not in set(verzonden))


def ontdekt_fouten(ontdekt_op: dt.datetime | None, nu: dt.datetime) -> list[Fout]:
    if ontdekt_op is None:
        return [Fout("E_INVALID_INPUT", "ontdektOp", "Het moment van ontdekken is verplicht.")]
    if ontdekt_op > nu:
        return [Fout("E_INVALID_INPUT", "ontdektOp", "Het moment van ontdekken ligt in de toekomst.")]
    return []


def afbakening_fouten(
    account: object | None, vanaf: dt.datetime | None, tot: dt.datetime | None, ontvanger: object | None
) -> list[Fout]:
    """The affected-persons query needs a period and an account or a recipient (or both)."""
    fouten = []
    if vanaf is None or tot is None:
        fouten.append(Fout("E_INVALID_INPUT", "afbakening.periode", "Geef de periode: vanaf en tot."))
    elif tot <= vanaf:
        fouten.append(Fout("E_INVALID_INPUT", "afbakening.periode", "'Tot' ligt niet na 'vanaf'."))
    if account is None and ontvanger is None:
        fouten.append(
            Fout("E_INVALID_INPUT", "afbakening", "Kies een account, een ontvangende organisatie of beide.")
        )
    return fouten


def beoordeling_fouten(risico: str) -> list[Fout]:
    if risico not in RISICOS:
        return [Fout("E_INVALID_INPUT", "risico", "Kies het risico: geen, risico of hoog risico (RG-03).")]
    return []


def besluit_fouten(
    *,
    risico: str,
    melden: bool,
    informeren: bool,
    reden: str,
    ontdekt_op: dt.datetime,
    gemeld_op: dt.datetime | None,
    nu: dt.datetime,
    uren: int = MELDTERMIJN_UREN,
) -> list[Fout]:
    """RG-03 (GDPR art 33–34): a reason is required when the AP is not notified, when data subjects are
    not informed of a high risk, and when the AP is notified after the term (art 33(1))."""
    fouten = []
    heeft_reden = bool(reden and reden.strip())
    if not melden and not heeft_reden:
        fouten.append(Fout("E_INVALID_INPUT", "reden", "Geef de reden om het lek niet te melden (RG-03)."))
    if risico == HOOG_RISICO and not informeren and not heeft_reden:
        fouten.append(
            Fout(
                "E_INVALID_INPUT",
                "reden",
                "Bij een hoog risico informeert u de betrokkenen, of geeft u de reden waarom niet (RG-03).",
            )
        )
    if melden and gemeld_op is not None:
        if gemeld_op > nu:
            fouten.append(Fout("E_INVALID_INPUT", "gemeldOp", "Het moment van melden ligt in de toekomst."))
        elif gemeld_op < ontdekt_op:
            fouten.append(
                Fout("E_INVALID_INPUT", "gemeldOp", "Het moment van melden ligt vóór het ontdekken.")
            )
        elif gemeld_op > deadline(ontdekt_op, uren) and not heeft_reden:
            fouten.append(
                Fout(
                    "E_INVALID_INPUT",
                    "reden",
                    "De melding is na 72 uur: geef de reden van de vertraging (RG-03).",
                )
            )
    return fouten


def na_besluit(melden: bool) -> str:
    return GEMELD if melden else NIET_GEMELD


def informeren_staat_fout(status: str, al_vastgelegd: bool) -> str | None:
    """GDPR art 34: informing is recorded after the decision and before closing, once. None: it may be
    recorded now; else the E_STATE_CONFLICT message. Also after a decision not to inform (the AP may still
    require it, art 34(4))."""
    if status in OPEN:
        return "Leg eerst het besluit over melden en informeren vast (RG-03)."
    if status not in (GEMELD, NIET_GEMELD):
        return "Het datalek is afgesloten. Het informeren van de betrokkenen ligt vast (RG-03)."
    if al_vastgelegd:
        return "Het informeren van de betrokkenen is al vastgelegd (RG-03)."
    return None


def informeren_fouten(
    *,
    datum: dt.date | None,
    wijze: str,
    aantal: int | None,
    toelichting: str,
    ontdekt_op_dag: dt.date,
    vandaag: dt.date,
) -> list[Fout]:
    """GDPR art 34: the day the data subjects were informed (not in the future, not before the discovery
    day; both in Europe/Amsterdam), the means from the closed list, how many persons (at least 1), and an
    optional short note."""
    fouten = []
    if datum is None:
        fouten.append(Fout("E_INVALID_INPUT", "datum", "De datum van informeren is verplicht."))
    elif datum > vandaag:
        fouten.append(Fout("E_INVALID_INPUT", "datum", "De datum van informeren ligt in de toekomst."))
    elif datum < ontdekt_op_dag:
        fouten.append(Fout("E_INVALID_INPUT", "datum", "De datum van informeren ligt vóór de ontdekking."))
    if wijze not in INFORMEER_WIJZEN:
        fouten.append(
            Fout(
                "E_INVALID_INPUT",
                "wijze",
                "Kies hoe u de betrokkenen informeerde: brief, e-mail, telefoon, gesprek of openbare "
                "mededeling.",
            )
        )
    if aantal is None:
        fouten.append(Fout("E_INVALID_INPUT", "aantal", "Het aantal geïnformeerde personen is verplicht."))
    elif not 1 <= aantal <= MAX_AANTAL:
        fouten.append(Fout("E_INVALID_INPUT", "aantal", "Vul een aantal van 1 of meer in."))
    if len(toelichting or "") > MAX_TOELICHTING:
        fouten.append(
            Fout("E_INVALID_INPUT", "toelichting", f"De toelichting is langer dan {MAX_TOELICHTING} tekens.")
        )
    return fouten


def sluiten_fout(betrokkenen_informeren: bool | None, geinformeerd: bool) -> str | None:
    """RG-03/GDPR art 34: a breach whose decision was to inform the data subjects is closed only once the
    informing is recorded. None: it may be closed."""
    if betrokkenen_informeren and not geinformeerd:
        return (
            "U hebt besloten de betrokkenen te informeren. Leg eerst vast wanneer, hoe en hoeveel personen "
            "u hebt geïnformeerd. Daarna kunt u het datalek afsluiten (RG-03)."
        )
    return None
