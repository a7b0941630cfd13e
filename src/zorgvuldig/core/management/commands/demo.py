"""`zorgvuldig demo`: migrate SQLite, load the fictional region, print log-ins, serve (API §3.2)."""

from __future__ import annotations

import json
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


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
            from pathlib import Path

            Path(db["NAME"]).unlink(missing_ok=True)
        call_command("migrate", verbosity=0, interactive=False)
        from zorgvuldig.audit.services import verzegel_alles
        from zorgvuldig.core.demo import bouw_demo

        logins = bouw_demo()
        verzegel_alles()
        url = f"http://127.0.0.1:{opts['port']}/"
        if opts["json"]:
            self.stdout.write(
                json.dumps({"database": str(db["NAME"]), "url": url, "gebruikers": logins, "tokens": []})
            )
        else:
            self.stdout.write(f"\nzorgvuldig demo — {url}\n")
            self.stdout.write(
                f"  API:        {url}api/v1/gebruikersprofiel  (log in via {url}api-auth/login/)"
            )
            self.stdout.write(f"  OpenAPI:    {url}api/v1/openapi.yaml")
            self.stdout.write(f"  Beheer:     {url}admin/ (alleen de beheerder; geen inhoud)\n")
            self.stdout.write("  Demo-log-ins (fictief):")
            for login in logins:
                self.stdout.write(
                    f"    {login['email']:32} {login['wachtwoord']}  {', '.join(login['rollen'])}"
                    f" — {login['organisatie']}"
                )
            self.stdout.write("")
        if not opts["no_server"]:
            call_command("runserver", f"127.0.0.1:{opts['port']}", use_reloader=False)
