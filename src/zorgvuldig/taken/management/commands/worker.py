"""`zorgvuldig worker [--once] [--queue NAME…] [--json]` (API §3.2): run queued background tasks."""

from __future__ import annotations

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends

from zorgvuldig.taken.hartslag import database_backend
from zorgvuldig.taken.worker import Worker


class Command(BaseCommand):
    help = "Voer achtergrondtaken uit. --once: wat klaarstaat, dan stoppen; SIGTERM: huidige taak afmaken."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Voer uit wat klaarstaat en stop dan.")
        parser.add_argument(
            "--queue", nargs="+", metavar="NAME", help="Alleen deze wachtrijen (standaard: alle)."
        )
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconden tussen twee keer kijken als er niets is."
        )
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **opts):
        if not database_backend():
            raise CommandError(
                "De takenbackend is niet de database (ZORGVULDIG_TASKS_BACKEND): start de workers van die "
                "backend.",
                returncode=2,
            )
        backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
        bekend = sorted(backend.queues)
        wachtrijen = opts["queue"] or bekend
        onbekend = sorted(set(wachtrijen) - set(bekend))
        if onbekend:
            raise CommandError(
                f"Onbekende wachtrij: {', '.join(onbekend)} (bekend: {', '.join(bekend)}).", returncode=2
            )
        if opts["interval"] <= 0:
            raise CommandError("--interval moet groter dan 0 zijn.", returncode=2)
        resultaat = Worker(
            backend=backend.alias,
            wachtrijen=wachtrijen,
            eenmalig=opts["once"],
            interval=opts["interval"],
            hartslag_elke=settings.HEARTBEAT_SECONDS,
        ).run()
        if opts["json"]:
            self.stdout.write(json.dumps(resultaat.as_dict()))
        else:
            self.stdout.write(f"{resultaat.taken} taken uitgevoerd, {resultaat.mislukt} mislukt")
        if opts["once"] and resultaat.mislukt:
            raise SystemExit(1)  # cron mails on failure; the long-running worker stops with 0 on SIGTERM
