"""`zorgvuldig audit seal|verify|checkpoint|keygen` (API §3.2). Exit 0 ok, 3 integrity break."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from zorgvuldig.audit import services, sleutelpaar
from zorgvuldig.core import tenancy
from zorgvuldig.core.context import Actor

ZONDER_CONTROLEPUNT = (
    "Let op: er is geen ondertekend controlepunt gecontroleerd. Dit bewijst alleen dat de keten in "
    "zichzelf klopt; wie de database kan wijzigen, kan de hele keten herberekenen. Onderteken de kop van "
    "de keten geregeld buiten de server (zorgvuldig audit checkpoint) en controleer daartegen."
)


class Command(BaseCommand):
    help = "Logboek dataverwerkingen: verzegelen, controleren, controlepunt ondertekenen."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="sub", required=True)
        seal = sub.add_parser("seal", help="Verzegel wachtende auditregels in de hashketen.")
        seal.add_argument("--json", action="store_true")
        verify = sub.add_parser(
            "verify", help="Herbereken de hashketen tegen de ondertekende controlepunten."
        )
        verify.add_argument("--from", dest="vanaf", type=int, default=1)
        verify.add_argument(
            "--checkpoint-file",
            action="append",
            default=[],
            help="JSON-bestand met een elders bewaard controlepunt (herhaalbaar).",
        )
        verify.add_argument("--json", action="store_true")
        cp = sub.add_parser("checkpoint", help="Onderteken de kop van de keten (buiten de applicatieserver).")
        cp.add_argument("--signing-key", required=True)
        cp.add_argument("--json", action="store_true")
        # The console script runs `audit keygen` without Django (zorgvuldig.audit.sleutelpaar, same
        # options); this is the same command for call_command.
        kg = sub.add_parser("keygen", help="Maak een Ed25519-sleutelpaar voor controlepunten.")
        kg.add_argument("--private", required=True, help="Privésleutel (PEM, 0600); niet op de server.")
        kg.add_argument("--public-keys", required=True, help="JSON-bestand met publieke sleutels.")
        kg.add_argument("--force", action="store_true", help="Vervang een bestaande privésleutel.")

    def handle(self, *args, **opts):
        sub = opts["sub"]
        if sub == "keygen":  # no database: it runs on the signing machine (AU-08)
            code = sleutelpaar.voer_uit(
                opts["private"], opts["public_keys"], opts["force"], out=self.stdout, err=self.stderr
            )
            if code:
                sys.exit(code)
            return
        tenancy.activeer(Actor.systeem())
        if sub == "seal":
            n = services.verzegel_alles()
            self._out(opts, {"verzegeld": n}, f"verzegeld {n}")
        elif sub == "verify":
            extra = [json.loads(Path(f).read_text()) for f in opts["checkpoint_file"]]
            try:
                verslag = services.verifieer(opts["vanaf"], extra)
            except services.PubliekeSleutelsOntbreken as exc:
                # the configuration, not the chain: exit 2, so an alert on exit 3 means a break only
                raise CommandError(
                    f"{exc}: de controlepunten kunnen niet worden gecontroleerd. Dit is een instellingsfout, "
                    "geen breuk in de keten.",
                    returncode=2,
                ) from exc
            data = verslag.as_dict()
            # AU-08: only a checkpoint signed off the server proves the chain was not rewritten as a
            # whole; without one "intact" means internally consistent, which the FG must not misread
            data["bewezen"] = verslag.controlepunten > 0
            if verslag.ok:
                self._out(
                    opts,
                    data,
                    f"keten intact: {verslag.gecontroleerd} regels, "
                    f"{verslag.controlepunten} controlepunten, {verslag.onverzegeld} wachtend",
                )
                if not data["bewezen"] and verslag.gecontroleerd:
                    self.stderr.write(ZONDER_CONTROLEPUNT)
            else:
                b = verslag.eerste_breuk
                self._out(
                    opts,
                    data,
                    f"BREUK bij volgnummer {b.volgnummer}: verwacht {b.verwacht}, gevonden {b.gevonden}",
                    err=True,
                )
                sys.exit(3)
        elif sub == "checkpoint":
            try:
                key = services.laad_privesleutel(opts["signing_key"])
            except (OSError, ValueError) as exc:
                raise CommandError(f"signing key unreadable: {exc}") from exc
            cp = services.controlepunt(key)
            self._out(opts, cp, json.dumps(cp, indent=2))

    def _out(self, opts, data, text, err=False):
        if opts.get("json"):
            self.stdout.write(json.dumps(data))
        else:
            (self.stderr if err else self.stdout).write(text)
