"""`zorgvuldig scheduler` (API §3.2): keep queueing the periodic jobs at their interval; SIGTERM stops."""

from __future__ import annotations

import signal
import time

import structlog
from django.conf import settings
from django.core.management.base import BaseCommand

from zorgvuldig.core.clock import now
from zorgvuldig.taken import hartslag, periodiek
from zorgvuldig.taken.models import Component

log = structlog.get_logger(__name__)


class Command(BaseCommand):
    help = "Plan periodieke taken in zolang het proces loopt (of gebruik cron met `zorgvuldig tick`)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=float, default=5.0, help="Seconden tussen twee keer kijken (standaard 5)."
        )

    def handle(self, *args, **opts):
        self.stoppen = False
        vorige = {s: signal.signal(s, self._stop) for s in (signal.SIGTERM, signal.SIGINT)}
        proces, gestart, totaal, laatste_slag = hartslag.proces_id(), now(), 0, float("-inf")
        log.info("scheduler_started", jobs=[p.naam for p in periodiek.alle()])
        try:
            while not self.stoppen:
                hartslag.verse_verbinding()
                try:
                    ingepland = periodiek.plan_in()
                    totaal += len(ingepland)
                    for naam in ingepland:
                        log.info("job_enqueued", job=naam)
                    if ingepland or time.monotonic() - laatste_slag >= settings.HEARTBEAT_SECONDS:
                        hartslag.slag(Component.SCHEDULER, proces, gestart, taken=totaal)
                        laatste_slag = time.monotonic()
                except Exception:
                    # A database restart must not end the scheduler; /health shows the missing beats.
                    log.error("scheduler_round_failed", exc_info=True)
                self._wacht(max(opts["interval"], 0.1))
        finally:
            for s, handler in vorige.items():
                signal.signal(s, handler)
        log.info("scheduler_stopped", enqueued=totaal)

    def _stop(self, _signum, _frame) -> None:
        self.stoppen = True

    def _wacht(self, seconden: float) -> None:
        einde = time.monotonic() + seconden
        while not self.stoppen and (rest := einde - time.monotonic()) > 0:
            time.sleep(min(rest, 0.2))
