"""`zorgvuldig activatielink EMAIL`: e-mail a user whose account was never activated a new one-time link.

The same act as *Nieuwe activatielink versturen* on the beheerder's user page (`services.
nieuwe_activatielink`: refused for an account that is already activated or inactive, audited as
`configuratie.gewijzigd` with field `activatielink`, the mail placed in the outbox in the same transaction),
done by the system. For the first beheerder, whose link from import-config expired and who has no colleague
to press the button. The link is never printed: the worker delivers the mail (`EMAIL_*` settings).

Exit 0 placed in the outbox · 1 unknown address, or the account is already activated or inactive.
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand

from zorgvuldig.core import tenancy
from zorgvuldig.core.context import Actor
from zorgvuldig.core.errors import DomainError
from zorgvuldig.organisaties import services
from zorgvuldig.organisaties.models import Gebruiker


class Command(BaseCommand):
    help = "Stuur een gebruiker die zijn account nog niet activeerde een nieuwe activatielink (per e-mail)."

    def add_arguments(self, parser):
        parser.add_argument("email", help="E-mailadres van de gebruiker.")
        parser.add_argument("--json", action="store_true", help="Uitvoer als één JSON-object.")

    def handle(self, *args, **opts):
        actor = Actor.systeem()
        tenancy.activeer(actor)
        email = opts["email"].strip().lower()
        gebruiker = Gebruiker.objects.select_related("organisatie").filter(email=email).first()
        if gebruiker is None:
            return self._klaar(opts, False, f"Geen gebruiker met e-mailadres {email}.")
        try:
            services.nieuwe_activatielink(actor=actor, gebruiker=gebruiker)
        except DomainError as exc:
            return self._klaar(opts, False, exc.detail)
        return self._klaar(
            opts,
            True,
            f"Een nieuwe activatielink (72 uur geldig) staat klaar voor {email}; de worker verstuurt hem.",
        )

    def _klaar(self, opts, ok: bool, tekst: str) -> None:
        if opts["json"]:
            self.stdout.write(json.dumps({"ok": ok, "melding": tekst}, ensure_ascii=False))
        else:
            (self.stdout if ok else self.stderr).write(tekst)
        if not ok:
            sys.exit(1)
