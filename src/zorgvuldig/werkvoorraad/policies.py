"""Pure rules of the work queue (API §2.1 `/taken`). No database, no request, no clock.

* A task is derived from the data (RT-12); its uuid is a name-based uuid of what raised it, so the same
  cause gives the same uuid on every read and a new cycle (a new removal date, a new review date) a new one.
* Status: `afgerond` once the user dismissed it, else `te_laat` past its due moment, else `open`. A task
  whose cause is resolved is not derived any more and is gone, in any status.
* Only reminders can be dismissed. A task that asks for a decision or a legal act (AC-11 review, SH-11
  advice, SH-14, VI-14, RI terms, RG-03) ends only by doing it: the refusal says what to do instead.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuidlib
from dataclasses import dataclass

from zorgvuldig.core.kalender import plus_werkdagen

OPEN, TE_LAAT, AFGEROND = "open", "te_laat", "afgerond"
STATUSSEN = (OPEN, TE_LAAT, AFGEROND)

# Fixed namespace of the task uuids: changing it would give every task a new uuid (and revive dismissals).
NAMESPACE = uuidlib.UUID("5d0c3a57-1f0e-4c8e-9b1e-7a6f3c2d9e41")


@dataclass(frozen=True)
class Soort:
    label: str
    regel: str  # SPEC ID
    # None: a reminder the user may dismiss; else why not, and what ends the task instead
    niet_afrondbaar: str | None = None


SOORTEN: dict[str, Soort] = {
    "noodtoegang_beoordelen": Soort(
        "Noodtoegang beoordelen",
        "AC-11",
        "Een noodtoegang moet worden beoordeeld; de taak verdwijnt zodra u de beoordeling vastlegt.",
    ),
    "uitstel_goedkeuren": Soort(
        "Uitstel van informeren goedkeuren",
        "SH-14",
        "Over het uitstel van informeren moet u beslissen; de taak verdwijnt zodra u het uitstel goedkeurt "
        "of afwijst.",
    ),
    "uitstel_herbeoordelen": Soort(
        "Uitstel van informeren herbeoordelen",
        "SH-14",
        "Het uitstel moet op de reviewdatum opnieuw worden beoordeeld; de taak verdwijnt zodra u het "
        "verlengt of de betrokkene laat informeren.",
    ),
    "advies_bevestigen": Soort(
        "Advies op uw naam bevestigen of corrigeren",
        "SH-11",
        "Een collega heeft een advies op uw naam vastgelegd; de taak verdwijnt zodra u het bevestigt of "
        "corrigeert.",
    ),
    "vi_jongere_informeren": Soort(
        "Jongere informeren over een match",
        "VI-14",
        "De jongere moet worden geïnformeerd; de taak verdwijnt zodra u bij de match vastlegt dat "
        "(of waarom niet) is geïnformeerd.",
    ),
    "vi_signaal_verloopt": Soort("Signaal in de verwijsindex verloopt", "VI-20"),
    "api_sleutel_verloopt": Soort("API-sleutel verloopt", "AC-13"),
    "gebruikers_activeren": Soort("Gebruikers nog niet geactiveerd", "AC-13"),
    "verzoek_besluiten": Soort(
        "Besluiten op een verzoek van een betrokkene",
        "RI-05",
        "Op het verzoek moet binnen de termijn worden besloten; de taak verdwijnt zodra het besluit is "
        "vastgelegd (of verleng de termijn, RI-15).",
    ),
    "verzoek_uitvoeren": Soort(
        "Besluit op een verzoek uitvoeren",
        "RI-08",
        "Het besluit moet binnen de termijn worden uitgevoerd; de taak verdwijnt zodra de uitvoering is "
        "vastgelegd.",
    ),
    "datalek_besluiten": Soort(
        "Besluiten over het melden van een datalek",
        "RG-03",
        "Binnen 72 uur na ontdekking moet worden besloten of het datalek aan de AP wordt gemeld; de taak "
        "verdwijnt zodra dat besluit is vastgelegd.",
    ),
}

# Through a partner token the professional's own VI work only (API.md: "any staff"; AC-08): the other
# kinds are management acts inside the platform, not work a partner system takes over.
PARTNER_SOORTEN = frozenset({"vi_jongere_informeren", "vi_signaal_verloopt"})


def taak_uuid(soort: str, object_uuid, gebruiker_uuid, cyclus: str = "") -> uuidlib.UUID:
    """Stable per (kind, object, user, cycle): a user never gets another's uuid, a new cycle a new one."""
    return uuidlib.uuid5(NAMESPACE, f"{soort}:{object_uuid}:{gebruiker_uuid}:{cyclus}")


# SH-14: the leidinggevende decides on a postponement of informing within 1 working day of the execution
# [design], like the urgent path's consultation afterwards (verstrekkingen.policies.consultatie_uiterlijk).
UITSTEL_GOEDKEUREN_WERKDAGEN = 1


def uitstel_goedkeuren_uiterlijk(
    uitgevoerd_op: dt.date | None, bevrijdingsdag_jaarlijks: bool = True
) -> dt.date | None:
    """SH-14: the due date of approving (or refusing) a postponement of informing — 1 working day after the
    sharing decision was executed; None while there is no execution date."""
    if uitgevoerd_op is None:
        return None
    return plus_werkdagen(uitgevoerd_op, UITSTEL_GOEDKEUREN_WERKDAGEN, bevrijdingsdag_jaarlijks)


def te_laat(vervaldatum: dt.date | None, vandaag: dt.date) -> bool:
    """Past the due date (the due day itself is still in time)."""
    return vervaldatum is not None and vervaldatum < vandaag


def status(*, te_laat: bool, afgerond: bool) -> str:
    """RT-12: derived at read time."""
    if afgerond:
        return AFGEROND
    return TE_LAAT if te_laat else OPEN


def afronden_weigering(soort: str) -> str | None:
    """Why this kind cannot be dismissed (None: a reminder, it can)."""
    return SOORTEN[soort].niet_afrondbaar


def afrondbaar(soort: str) -> bool:
    return afronden_weigering(soort) is None
