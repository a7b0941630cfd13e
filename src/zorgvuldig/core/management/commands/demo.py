"""`zorgvuldig demo`: migrate SQLite, load the fictional region, print log-ins, serve (API §3.2).

Exit 4 outside demo mode, or when the database holds real (non-demo) data.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connections


class Command(BaseCommand):
    help = "Start de demo: SQLite, fictieve regio, demo-log-ins."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="Begin met een lege demodatabase.")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-server", action="store_true")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **opts):
        if not settings.DEMO:
            self.stderr.write(
                "`zorgvuldig demo` draait alleen met ZORGVULDIG_MODE=demo (nooit op echte gegevens)."
            )
            sys.exit(4)
        db = settings.DATABASES["default"]
        if opts["reset"] and db["ENGINE"].endswith("sqlite3"):
            # Close first: a connection the start-up checks opened would go on writing to the removed
            # file. The WAL and shared-memory files go too, or the new database would replay the old log.
            connections.close_all()
            for achtervoegsel in ("", "-wal", "-shm"):
                Path(f"{db['NAME']}{achtervoegsel}").unlink(missing_ok=True)
        call_command("migrate", verbosity=0, interactive=False)
        from zorgvuldig.audit.services import verzegel_alles
        from zorgvuldig.core.demo import DemoGeweigerd, bouw_demo

        url = f"http://127.0.0.1:{opts['port']}/"
        # Links in e-mails (activation, match notices placed by the demo data) point at this server.
        settings.BASE_URL = url.rstrip("/")
        try:
            demo = bouw_demo()
        except DemoGeweigerd as exc:
            hint = " Begin opnieuw met `zorgvuldig demo --reset`." if exc.code == 4 else ""
            self.stderr.write(f"Demo geweigerd: {exc}{hint}")
            sys.exit(exc.code)
        verzegel_alles()
        if opts["json"]:
            self.stdout.write(
                json.dumps({"database": str(db["NAME"]), "url": url, **demo}, ensure_ascii=False)
            )
        else:
            self._tekst(url, demo)
        if not opts["no_server"]:
            # The demo runs the worker and scheduler too, as production does beside the web server:
            # audit sealing and clean-up happen, and /health shows both heartbeats.
            achtergrond = [
                subprocess.Popen(  # noqa: S603
                    [sys.executable, "-m", "zorgvuldig", taak],
                    env={**os.environ, "ZORGVULDIG_BASE_URL": settings.BASE_URL},
                )
                for taak in ("worker", "scheduler")
            ]
            try:
                call_command("runserver", f"127.0.0.1:{opts['port']}", use_reloader=False)
            finally:
                for proces in achtergrond:
                    proces.terminate()
                for proces in achtergrond:
                    proces.wait(timeout=30)

    def _tekst(self, url: str, demo: dict) -> None:
        w = self.stdout.write
        w(f"\nzorgvuldig demo — {url}\n")
        w(f"  Inloggen:   {url}inloggen  (wachtwoord, daarna de code uit een authenticator-app)")
        w(f"  API:        {url}api/v1/gebruikersprofiel   OpenAPI: {url}api/v1/openapi.yaml")
        w(f"  Beheer:     {url}admin/ (alleen de beheerder; geen inhoud)\n")
        w("  Demo-log-ins (fictief; voeg het TOTP-geheim toe aan een authenticator-app):")
        w("  Geen app bij de hand? ZORGVULDIG_MODE=demo .venv/bin/zorgvuldig democode E-MAILADRES")
        for g in demo["gebruikers"]:
            w(f"    {g['email']:30} {', '.join(g['rollen']):15} {g['organisatie']}")
            w(f"    {'':30} wachtwoord {g['wachtwoord']}  TOTP-geheim {g['totp'] or '-'}")
        w(
            "\n  API-sleutels (Authorization: Token …, met Namens-Gebruiker: <uuid van een voor de"
            " verwijsindex gemandateerde gebruiker>):"
        )
        for t in demo["tokens"]:
            waarde = t["waarde"] or "(al getoond bij de eerste start; `--reset` geeft een nieuwe)"
            w(f"    {t['naam']} — {t['organisatie']}, geldig tot {t['geldigTot']}: {waarde}")
            for g in demo["gebruikers"]:
                if g["organisatie"] == t["organisatie"] and g["viMandaat"]:
                    w(f"      Namens-Gebruiker: {g['uuid']}  ({g['email']})")
        w("")
