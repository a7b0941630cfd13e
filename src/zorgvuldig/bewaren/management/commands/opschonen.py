"""`zorgvuldig opschonen [--dry-run]`: run the retention sweep now (RT-09)."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from zorgvuldig.bewaren import services


class Command(BaseCommand):
    help = "Voer de opschoonronde uit: vernietig, anonimiseer of breng over wat mag (RT-03, RT-09)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Alleen tellen, niets wijzigen.")
        parser.add_argument(
            "--batch",
            type=int,
            default=None,
            help=f"Records per transactie (standaard {services.BATCH}; SQLite {services.BATCH_SQLITE}).",
        )
        parser.add_argument(
            "--pauze", type=float, default=0.0, help="Seconden rust tussen batches, om de last te spreiden."
        )

    def handle(self, *args, dry_run=False, batch=None, pauze=0.0, **opts):
        batch = max(1, batch) if batch is not None else None
        ronde = services.opschonen(droog=dry_run, batch=batch, pauze=max(0.0, pauze))
        if ronde is None:
            self.stderr.write("Er loopt al een opschoonronde.")
            raise SystemExit(1)
        self.stdout.write(
            json.dumps({"ronde": str(ronde.uuid), "droog": ronde.droog, "telling": ronde.telling})
        )
