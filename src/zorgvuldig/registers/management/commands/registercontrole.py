"""`zorgvuldig registercontrole [--controller CODE] [--json]`: check the registers (RG-01, RG-02).

Per controller: processing activities in use (audit entries) without a current approved version of the
verwerkingsregister, activities that need a DPIA without an approved one, and DPIAs past their review
date. Exit 0 without findings, 1 with findings, 2 for an unknown controller. Reads only.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from zorgvuldig.core import tenancy
from zorgvuldig.core.clock import today
from zorgvuldig.organisaties.models import Verwerkingsverantwoordelijke
from zorgvuldig.registers import selectors


class Command(BaseCommand):
    help = "Controleer het verwerkingsregister en de DPIA's per verwerkingsverantwoordelijke (RG-01, RG-02)."

    def add_arguments(self, parser):
        parser.add_argument("--controller", help="Alleen deze verwerkingsverantwoordelijke (code).")
        parser.add_argument("--json", action="store_true", help="Eén JSON-object als uitvoer.")

    def handle(self, *args, controller=None, json=False, **opts):
        with tenancy.systeem():
            vvs = Verwerkingsverantwoordelijke.objects.order_by("code")
            if controller:
                vvs = vvs.filter(code=controller)
                if not vvs.exists():
                    raise CommandError(f"Onbekende verwerkingsverantwoordelijke: {controller}", returncode=2)
            vandaag = today()
            uitkomst = [(vv, selectors.controle(vv, vandaag)) for vv in vvs]
        aantal = sum(len(b) for _, b in uitkomst)
        if json:
            self.stdout.write(_json(uitkomst, vandaag, aantal))
        else:
            for vv, bevindingen in uitkomst:
                self.stdout.write(f"{vv.code}: {len(bevindingen)} bevinding(en)")
                for b in bevindingen:
                    self.stdout.write(f"  [{b.soort}] {b.activiteit}: {b.toelichting}")
        if aantal:
            raise SystemExit(1)


def _json(uitkomst, vandaag, aantal) -> str:
    return json.dumps(
        {
            "peildatum": vandaag.isoformat(),
            "aantal": aantal,
            "verwerkingsverantwoordelijken": [
                {"code": vv.code, "bevindingen": [b.als_dict() for b in bevindingen]}
                for vv, bevindingen in uitkomst
            ],
        }
    )
