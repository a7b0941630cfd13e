"""`zorgvuldig tick [--json]` (API §3.2): queue the periodic jobs that are due, once; for cron."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from zorgvuldig.core.clock import now
from zorgvuldig.taken import hartslag, periodiek
from zorgvuldig.taken.models import Component


class Command(BaseCommand):
    help = "Plan de periodieke taken in die aan de beurt zijn (eenmalig; voor cron, elke minuut)."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **opts):
        gestart = now()
        ingepland = periodiek.plan_in()
        # A tick is the scheduler's beat: cron + tick replaces a running scheduler.
        hartslag.slag(Component.SCHEDULER, hartslag.proces_id("tick"), gestart, taken=len(ingepland))
        if opts["json"]:
            self.stdout.write(json.dumps({"ingepland": len(ingepland)}))
        else:
            self.stdout.write("ingepland: " + (", ".join(ingepland) if ingepland else "niets"))
