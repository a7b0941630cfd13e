"""`zorgvuldig democode`: only in demo mode, only for demo users; the code it prints logs in."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from zorgvuldig.organisaties.models import Verwerkingsverantwoordelijke

pytestmark = pytest.mark.django_db


def test_democode_refused_outside_demo_mode(regio, settings):
    settings.DEMO = False
    TOTPDevice.objects.create(user=regio.medewerker, name="demo", confirmed=True)
    with pytest.raises(CommandError) as exc:
        call_command("democode", regio.medewerker.email)
    assert exc.value.returncode == 4


def test_democode_only_for_demo_users_and_its_code_works(regio, settings):
    settings.DEMO = True
    TOTPDevice.objects.create(user=regio.medewerker, name="demo", confirmed=True)
    with pytest.raises(CommandError):  # real (unmarked) data: no codes
        call_command("democode", regio.medewerker.email)
    Verwerkingsverantwoordelijke.objects.filter(pk=regio.gemeente.pk).update(demo=True)
    out = io.StringIO()
    call_command("democode", regio.medewerker.email.upper(), stdout=out)
    code = out.getvalue().strip()
    assert len(code) == 6 and code.isdigit()
    assert match_token(regio.medewerker, code) is not None
