"""The outbox (DESIGN §4 "Outbox"): placed with the event, delivered at least once with one Message-ID."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from zorgvuldig.berichten import bezorging
from zorgvuldig.berichten.bezorging import CLAIM_DUUR, bezorg, claim, verstuur, wachttijd
from zorgvuldig.berichten.models import Bericht, Status
from zorgvuldig.berichten.services import plaats_email
from zorgvuldig.berichten.tasks import bezorg_direct
from zorgvuldig.taken.tests.helpers import draai_json

T0 = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
SMTP_DICHT = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {"host": "127.0.0.1", "port": 1, "timeout": 5},  # nothing listens on port 1
    }
}


class Gebeurtenis(Exception):
    """The event that placed the message failed after placing it."""


def plaats(sleutel="uitnodiging:1", **kwargs) -> Bericht:
    velden = {
        "aan": "medewerker@wijkteam.example",
        "onderwerp": "Uw account is aangemaakt",
        "tekst": "Activeer via https://zorgvuldig.example/activeren/eenmalig-geheim",
        "sleutel": sleutel,
    } | kwargs
    with transaction.atomic():
        return plaats_email(**velden)


def verstuurd_id(bericht) -> str:
    return bericht.message()["Message-ID"]


# --- placement -----------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_placing_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError, match="transaction"):
        plaats_email(aan="a@example.org", onderwerp="x", tekst="y", sleutel="k")
    assert not Bericht.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_event_leaves_no_message_and_queues_nothing():
    with pytest.raises(Gebeurtenis), transaction.atomic():
        plaats_email(aan="a@example.org", onderwerp="x", tekst="y", sleutel="k")
        raise Gebeurtenis
    assert not Bericht.objects.exists()
    assert not DBTaskResult.objects.filter(task_path=bezorg_direct.module_path).exists()


@pytest.mark.django_db(transaction=True)
def test_a_committed_event_queues_an_immediate_delivery_the_worker_runs():
    bericht = plaats()
    taak = DBTaskResult.objects.get(task_path=bezorg_direct.module_path)
    assert taak.args_kwargs["args"] == [bericht.pk]
    assert not mail.outbox

    assert draai_json("worker", "--once")[0] == 0

    assert [verstuurd_id(m) for m in mail.outbox] == [bericht.message_id]
    assert Bericht.objects.get().status == Status.VERZONDEN


@pytest.mark.django_db
def test_the_same_key_twice_gives_one_message(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        eerste = plaats(sleutel="uitnodiging:7")
        tweede = plaats(sleutel="uitnodiging:7", onderwerp="Iets anders", aan="ander@example.org")
    assert Bericht.objects.count() == 1
    assert tweede.pk == eerste.pk and tweede.message_id == eerste.message_id
    assert tweede.onderwerp == "Uw account is aangemaakt" and tweede.aan == "medewerker@wijkteam.example"
    assert len(callbacks) == 1  # one delivery queued, not two


@pytest.mark.django_db
def test_message_id_is_fixed_at_placement_with_the_senders_domain(settings):
    settings.DEFAULT_FROM_EMAIL = "Zorgvuldig <noreply@gemeente.example>"
    a, b = plaats(sleutel="a"), plaats(sleutel="b")
    assert re.fullmatch(r"<[0-9a-f]{32}@gemeente\.example>", a.message_id)
    assert a.message_id != b.message_id


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("veld", "waarde", "fout"),
    [("aan", "geen-adres", ValidationError), ("onderwerp", "Hallo\nBcc: x@example.org", ValueError)],
)
def test_bad_addresses_and_header_injection_are_refused_at_placement(veld, waarde, fout):
    with pytest.raises(fout):
        plaats(**{veld: waarde})
    assert not Bericht.objects.exists()


# --- delivery ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_delivery_sends_with_the_stored_message_id_and_wipes_the_body():
    with time_machine.travel(T0, tick=False):
        bericht = plaats()
        assert bericht.status == Status.WACHTEND
        assert bezorg() == {"verzonden": 1, "mislukt": 0}

    [verzonden] = mail.outbox
    assert verstuurd_id(verzonden) == bericht.message_id
    assert verzonden.to == ["medewerker@wijkteam.example"]
    assert "eenmalig-geheim" in verzonden.body
    bericht.refresh_from_db()
    assert bericht.status == Status.VERZONDEN and bericht.verzonden_op == T0
    assert bericht.tekst == "" and bericht.onderwerp == "Uw account is aangemaakt"
    assert bericht.pogingen == 1
    assert bezorg(T0 + dt.timedelta(days=1)) == {"verzonden": 0, "mislukt": 0}
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_crash_between_sending_and_marking_sends_again_with_the_same_message_id():
    with time_machine.travel(T0, tick=False):
        bericht = plaats()
        # The worker claims and sends, then dies before `markeer_verzonden`.
        [geclaimd] = claim(T0)
        verstuur(geclaimd)
        assert Bericht.objects.get().status == Status.WACHTEND
        assert bezorg() == {"verzonden": 0, "mislukt": 0}  # leased: another worker leaves it alone

    with time_machine.travel(T0 + CLAIM_DUUR, tick=False):  # the lease ran out: delivered again
        assert bezorg() == {"verzonden": 1, "mislukt": 0}

    assert [verstuurd_id(m) for m in mail.outbox] == [bericht.message_id, bericht.message_id]
    bericht.refresh_from_db()
    assert bericht.status == Status.VERZONDEN and bericht.pogingen == 2 and bericht.tekst == ""


def test_back_off_doubles_from_one_minute_up_to_six_hours():
    assert [wachttijd(n) for n in (1, 2, 3, 4)] == [dt.timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert wachttijd(9) == dt.timedelta(minutes=256)
    assert wachttijd(10) == wachttijd(100) == dt.timedelta(hours=6)


@pytest.mark.django_db
def test_a_failing_smtp_server_backs_off_and_gives_up_after_the_configured_attempts(settings, client):
    settings.MAILERS = SMTP_DICHT
    settings.BERICHTEN_MAX_POGINGEN = 4
    with time_machine.travel(T0, tick=False):
        bericht = plaats()
    moment = T0
    for poging in range(1, 5):
        with time_machine.travel(moment, tick=False):
            assert bezorg() == {"verzonden": 0, "mislukt": 1}
        bericht.refresh_from_db()
        assert bericht.pogingen == poging
        assert bericht.fout == "ConnectionRefusedError"  # the type only, never the message
        assert bericht.volgende_poging_op == moment + dt.timedelta(minutes=2 ** (poging - 1))
        with time_machine.travel(bericht.volgende_poging_op - dt.timedelta(seconds=1), tick=False):
            assert bezorg() == {"verzonden": 0, "mislukt": 0}  # not before its time
        moment = bericht.volgende_poging_op

    assert bericht.status == Status.MISLUKT
    assert bericht.tekst  # not delivered, so kept for an operator to resend
    with time_machine.travel(moment + dt.timedelta(days=1), tick=False):
        assert bezorg() == {"verzonden": 0, "mislukt": 0}
        data = client.get("/health").json()
    assert data["berichtenMislukt"] == 1 and data["berichtenTeLaat"] == 0
    assert not mail.outbox


@pytest.mark.django_db
def test_health_counts_messages_waiting_longer_than_fifteen_minutes(client, settings):
    settings.MAILERS = SMTP_DICHT
    with time_machine.travel(T0, tick=False):
        plaats(sleutel="a")
    with time_machine.travel(T0 + dt.timedelta(minutes=15), tick=False):
        assert client.get("/health").json()["berichtenTeLaat"] == 0
        plaats(sleutel="b")
    with time_machine.travel(T0 + dt.timedelta(minutes=15, seconds=1), tick=False):
        data = client.get("/health").json()
        assert data["berichtenTeLaat"] == 1 and data["berichtenMislukt"] == 0
        assert "@" not in client.get("/health").content.decode()
        assert bezorging.bewaking() == {"teLaat": 1, "mislukt": 0}
