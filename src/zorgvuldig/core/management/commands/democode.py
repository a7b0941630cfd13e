"""`zorgvuldig democode EMAIL`: the current TOTP code of a demo user, for evaluators without an
authenticator app at hand. Demo mode only: in production a code comes from the user's own phone."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Huidige TOTP-code van een demogebruiker (alleen in demomodus)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        if not settings.DEMO:
            raise CommandError("Alleen in demomodus (ZORGVULDIG_MODE=demo).", returncode=4)
        device = TOTPDevice.objects.filter(
            user__email=email.strip().lower(), user__organisatie__verwerkingsverantwoordelijke__demo=True
        ).first()
        if device is None:
            raise CommandError("Geen demogebruiker met een authenticator voor dit e-mailadres.", returncode=1)
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{totp.token():0{device.digits}d}")
