"""`zorgvuldig activatielink EMAIL`: the first beheerder's link from import-config expired and nobody can
press *Nieuwe activatielink versturen* for him (AC-07 log-in only through the link; AU-01 audited)."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.berichten.bezorging import bezorg
from zorgvuldig.berichten.models import Bericht
from zorgvuldig.organisaties.activatie import controleer_activatie
from zorgvuldig.organisaties.importeren import importeer
from zorgvuldig.organisaties.models import Gebruiker

pytestmark = pytest.mark.django_db

REGIO = """\
versie: 1
verwerkingsverantwoordelijken: [{code: gemeente-voorbeeldstad, naam: College van Voorbeeldstad,
  fg: {naam: Vera Vos, email: fg@voorbeeldstad.example.org}}]
organisaties:
  - {code: wijkteam-voorbeeldstad, naam: Wijkteam Voorbeeldstad,
     verwerkingsverantwoordelijke: gemeente-voorbeeldstad, type: gemeentelijk_team}
gebruikers:
  - {email: beheer@voorbeeldstad.example.org, naam: Bas Beheer, organisatie: wijkteam-voorbeeldstad,
     rollen: [beheerder]}
"""


def _commando(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("activatielink", *args, stdout=out, stderr=err)
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def _link(bericht) -> tuple[str, str]:
    uuid, token = re.search(r"/activeren/([-0-9a-f]+)/(\S+)", bericht.body).groups()
    return uuid, token


def test_an_expired_first_link_is_replaced_by_mail_and_audited_like_the_ui_action(settings):
    settings.BASE_URL = "https://zorgvuldig.voorbeeldstad.example.org"
    assert importeer(REGIO).code == 0
    beheer = Gebruiker.objects.get(email="beheer@voorbeeldstad.example.org")
    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=80)  # the import's link has expired
    with time_machine.travel(later):
        code, out, _ = _commando("Beheer@Voorbeeldstad.example.org")  # as typed; addresses are lower-case
        assert code == 0 and "beheer@voorbeeldstad.example.org" in out
        assert "/activeren/" not in out  # the link goes by mail only
        entry = AuditRegel.objects.filter(object_uuid=str(beheer.uuid)).latest("id")
        assert (entry.actie, entry.velden, entry.kanaal) == (
            "configuratie.gewijzigd",
            ["activatielink"],
            "systeem",
        )
        assert Bericht.objects.filter(aan=beheer.email).count() == 1  # placed in the outbox
        bezorg()
        (bericht,) = mail.outbox
        assert bericht.to == [beheer.email]
        uuid, token = _link(bericht)
        assert uuid == str(beheer.uuid) and controleer_activatie(beheer, token)


def test_an_activated_account_or_an_unknown_address_gets_nothing(settings):
    assert importeer(REGIO).code == 0
    beheer = Gebruiker.objects.get(email="beheer@voorbeeldstad.example.org")
    TOTPDevice.objects.create(user=beheer, name="app", confirmed=True)  # activated
    voor = AuditRegel.objects.count()

    code, out, err = _commando(beheer.email)
    assert code == 1 and "al geactiveerd" in err
    code, out, _ = _commando("niemand@voorbeeldstad.example.org", "--json")
    assert code == 1 and json.loads(out)["ok"] is False
    assert not Bericht.objects.exists() and AuditRegel.objects.count() == voor
