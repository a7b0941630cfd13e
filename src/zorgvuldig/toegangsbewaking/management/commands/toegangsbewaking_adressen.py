"""`zorgvuldig toegangsbewaking-adressen FILE.csv --controller CODE`: load staff home addresses (RP-06).

The file comes from the HR system: `email;postcode;huisnummer;toevoeging`, UTF-8, a header line allowed.
Only a keyed index per staff member is stored (`toegangsbewaking.Adresindex`); the set replaces the
previous one. Refused (exit 3) unless the controller's access-pattern monitoring is on with its approved
DPIA and the works council's consent. The output names line numbers and counts, never an address.
Exit 0 done, 2 unknown controller or unreadable file, 3 refused.
"""

from __future__ import annotations

import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from zorgvuldig.core import tenancy
from zorgvuldig.core.errors import DomainError
from zorgvuldig.organisaties.models import Verwerkingsverantwoordelijke
from zorgvuldig.toegangsbewaking import services

KOLOMMEN = ("email", "postcode", "huisnummer", "toevoeging")
MAX_REGELS = 200_000


def lees(pad: Path) -> list[services.Adresregel]:
    """The lines of the file; a first line starting with `email` is the header."""
    regels = []
    with pad.open(encoding="utf-8-sig", newline="") as fh:
        for nummer, velden in enumerate(csv.reader(fh, delimiter=";"), start=1):
            if not any(v.strip() for v in velden):
                continue
            if nummer == 1 and velden[0].strip().casefold() == "email":
                continue
            if not 3 <= len(velden) <= 4:
                raise CommandError(
                    f"Regel {nummer}: verwacht {';'.join(KOLOMMEN)} (3 of 4 velden).", returncode=2
                )
            regels.append(services.Adresregel(nummer, *(v.strip() for v in velden)))
            if len(regels) > MAX_REGELS:
                raise CommandError(f"Meer dan {MAX_REGELS} regels.", returncode=2)
    return regels


def _nummers(regels: list[int]) -> str:
    getoond = ", ".join(str(n) for n in regels[:20])
    return getoond + (f" en {len(regels) - 20} meer" if len(regels) > 20 else "")


class Command(BaseCommand):
    help = (
        "Lees de woonadressen van medewerkers uit de personeelsadministratie in voor de signalering "
        "'zelfde adres' (RP-06); alleen een versleutelde index per medewerker wordt bewaard."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestand", help="CSV: email;postcode;huisnummer;toevoeging")
        parser.add_argument("--controller", required=True, help="Code van de verwerkingsverantwoordelijke.")

    def handle(self, *args, bestand, controller, **opts):
        with tenancy.systeem():
            vv = Verwerkingsverantwoordelijke.objects.filter(code=controller).first()
        if vv is None:
            raise CommandError(f"Onbekende verwerkingsverantwoordelijke: {controller}", returncode=2)
        pad = Path(bestand)
        try:
            regels = lees(pad)
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise CommandError(f"Het bestand is niet te lezen: {type(exc).__name__}", returncode=2) from exc
        try:
            uitkomst = services.vervang_adressen(vv, regels)
        except DomainError as exc:
            raise CommandError(exc.detail, returncode=3) from exc
        self.stdout.write(
            f"{vv.code}: {uitkomst.opgeslagen} adresindex(en) opgeslagen, {uitkomst.vervangen} vervangen."
        )
        if uitkomst.onbekend:
            self.stdout.write(f"Geen medewerker met dit e-mailadres op regel {_nummers(uitkomst.onbekend)}.")
        if uitkomst.ongeldig:
            self.stdout.write(
                f"Geen bruikbaar adres (postcode, huisnummer) op regel {_nummers(uitkomst.ongeldig)}."
            )
