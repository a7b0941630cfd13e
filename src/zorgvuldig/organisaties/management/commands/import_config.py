"""`zorgvuldig import-config FILE.yaml [--dry-run] [--json]` (API §3.1).

Exit 0 applied (or valid, with --dry-run) · 1 invalid, nothing changed · 2 usage (no readable file) ·
4 refused by the demo guard.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from zorgvuldig.organisaties.importeren import OK, importeer


class Command(BaseCommand):
    help = "Lees de configuratie van de regio (verantwoordelijken, organisaties, gebruikers, sleutels) in."

    def add_arguments(self, parser):
        parser.add_argument("bestand", help="YAML-bestand (API §3.1).")
        parser.add_argument("--dry-run", action="store_true", help="Alleen controleren; niets opslaan.")
        parser.add_argument("--json", action="store_true", help="Uitvoer als één JSON-object.")

    def handle(self, *args, **opts):
        pad = Path(opts["bestand"])
        try:
            tekst = pad.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Kan {pad} niet lezen: {exc.__class__.__name__}.", returncode=2) from exc
        resultaat = importeer(tekst, dry_run=opts["dry_run"])
        if opts["json"]:
            self.stdout.write(json.dumps(resultaat.as_dict(), ensure_ascii=False))
        else:
            self.stdout.write(resultaat.tekst())
        if resultaat.code != OK:
            sys.exit(resultaat.code)
