"""`zorgvuldig keys rotate [--controller CODE | --blind-index] [--resume]` (API §3.2)."""

import json

from django.core.management.base import BaseCommand, CommandError

from zorgvuldig.core import sleutels, tenancy
from zorgvuldig.core.context import Actor
from zorgvuldig.organisaties.models import Verwerkingsverantwoordelijke


class Command(BaseCommand):
    help = "Sleutels roteren en gegevens opnieuw versleutelen (hervatbaar)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="sub", required=True)
        rot = sub.add_parser("rotate")
        which = rot.add_mutually_exclusive_group(required=True)
        which.add_argument("--controller", help="code van de verwerkingsverantwoordelijke")
        which.add_argument("--blind-index", action="store_true")
        rot.add_argument(
            "--resume", action="store_true", help="Geen nieuwe sleutel: maak een onderbroken run af."
        )
        rot.add_argument("--json", action="store_true")

    def handle(self, *args, **opts):
        tenancy.activeer(Actor.systeem())
        if opts["blind_index"]:
            result = sleutels.roteer_blinde_index(nieuw=not opts["resume"])
        else:
            controller = Verwerkingsverantwoordelijke.objects.filter(code=opts["controller"]).first()
            if controller is None:
                raise CommandError("onbekende verwerkingsverantwoordelijke")
            result = sleutels.roteer_datasleutel(controller, nieuw=not opts["resume"])
        self.stdout.write(
            json.dumps(result)
            if opts["json"]
            else f"{result['sleutel']}: {result['herversleuteld']} opnieuw versleuteld"
        )
