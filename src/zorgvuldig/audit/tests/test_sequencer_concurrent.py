"""AU-03 under load (PostgreSQL): writers commit audited acts while sequencers seal concurrently.

Every thread has its own database connection and runs as the runtime role, as the application does.
A "laggard" writer holds its transaction open until entries with higher ids have been sealed, so the
late-commit case is exercised on every run, not only by chance.

Runs for ZORGVULDIG_CONCURRENCY_SECONDS (default 5; CI may set 60). SQLite runs deselect it with
`-m "not postgres"`.
"""

from __future__ import annotations

import os
import threading
import time

import pytest
from django.conf import settings
from django.db import connection, transaction

from zorgvuldig.audit import services
from zorgvuldig.audit.models import AuditRegel, Wachtrij, Zegel
from zorgvuldig.core.context import Actor
from zorgvuldig.organisaties.models import Gebruiker
from zorgvuldig.personen.services import registreer_persoon

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

WRITERS = 8
SEQUENCERS = 2  # verzegel() claims to be safe when more than one runs at a time
SECONDS = float(os.environ.get("ZORGVULDIG_CONCURRENCY_SECONDS", "5"))


def _als_runtime_rol():
    if connection.vendor == "postgresql" and settings.DB_RUNTIME_ROLE:
        with connection.cursor() as cur:
            cur.execute(f"SET ROLE {connection.ops.quote_name(settings.DB_RUNTIME_ROLE)}")


def _actor(gebruiker_pk) -> Actor:
    return Actor.voor(
        Gebruiker.objects.select_related("organisatie__verwerkingsverantwoordelijke").get(pk=gebruiker_pk)
    )


class Run:
    def __init__(self):
        self.stop = threading.Event()
        self.errors: list[BaseException] = []
        self.written = [0] * WRITERS
        self.sealed_rounds = [0] * SEQUENCERS

    def thread(self, target, *args):
        def body():
            try:
                _als_runtime_rol()
                target(*args)
            except BaseException as exc:
                self.errors.append(exc)
                self.stop.set()
            finally:
                connection.close()

        return threading.Thread(target=body, daemon=True)


def test_au_03_concurrent_writers_and_sequencers_seal_every_entry_exactly_once(regio):
    """AU-03: with 8 concurrent writers and 2 sequencers, every committed entry gets exactly one seal,
    chain positions are 1..N without gaps, a late commit is sealed later (never skipped), and
    `verify` passes."""
    run = Run()
    medewerker = regio.medewerker.pk
    deadline = time.monotonic() + SECONDS
    laggard_id: list[int] = []
    laggard_inserted, laggard_may_commit = threading.Event(), threading.Event()

    def writer(n):
        actor = _actor(medewerker)
        i = 0
        while time.monotonic() < deadline and not run.stop.is_set():
            registreer_persoon(
                actor=actor, data={"geslachtsnaam": f"W{n}-{i}", "bsn_ontbreekt_reden": "Belastingtest"}
            )
            i += 1
            run.written[n] = i

    def laggard():
        actor = _actor(medewerker)
        with transaction.atomic():
            p = registreer_persoon(
                actor=actor, data={"geslachtsnaam": "Laat", "bsn_ontbreekt_reden": "Belastingtest"}
            )
            laggard_id.append(AuditRegel.objects.get(object_uuid=str(p.uuid)).id)
            laggard_inserted.set()
            assert laggard_may_commit.wait(timeout=SECONDS + 60), "never released"

    def sequencer(n):
        while not run.stop.is_set():
            if services.verzegel(batch=50):
                run.sealed_rounds[n] += 1
            else:
                time.sleep(0.001)

    threads = [run.thread(writer, n) for n in range(WRITERS)]
    threads += [run.thread(sequencer, n) for n in range(SEQUENCERS)]
    lag = run.thread(laggard)
    lag.start()
    assert laggard_inserted.wait(timeout=30)
    for t in threads:
        t.start()

    # release the laggard only once an entry with a higher id has been sealed
    while not run.stop.is_set():
        if Zegel.objects.filter(regel_id__gt=laggard_id[0]).exists():
            break
        assert time.monotonic() < deadline + 60, "no entry after the laggard was ever sealed"
        time.sleep(0.01)
    assert not Zegel.objects.filter(regel_id=laggard_id[0]).exists()  # uncommitted: not sealable yet
    laggard_may_commit.set()
    lag.join(timeout=60)

    while time.monotonic() < deadline and not run.stop.is_set():
        time.sleep(0.05)
    for t in threads[:WRITERS]:
        t.join(timeout=60)
    run.stop.set()
    for t in threads:
        t.join(timeout=60)
    assert not any(t.is_alive() for t in [*threads, lag])
    assert not run.errors, run.errors

    services.verzegel_alles()

    regels = AuditRegel.objects.count()
    geschreven = sum(run.written) + 1
    assert AuditRegel.objects.filter(actie="persoon.geregistreerd").count() == geschreven
    assert geschreven > WRITERS  # the writers really wrote concurrently for a while
    zegels = list(Zegel.objects.order_by("volgnummer").values_list("volgnummer", "regel_id"))
    assert [v for v, _ in zegels] == list(range(1, regels + 1))  # contiguous, no gaps, no duplicates
    assert len({r for _, r in zegels}) == regels  # each entry once
    assert not AuditRegel.objects.filter(zegel__isnull=True).exists()
    assert not Wachtrij.objects.exists()

    # the late commit: sealed after an entry with a higher id, not skipped
    laat = Zegel.objects.get(regel_id=laggard_id[0])
    assert Zegel.objects.filter(volgnummer__lt=laat.volgnummer, regel_id__gt=laggard_id[0]).exists()

    verslag = services.verifieer()
    assert verslag.ok, verslag.as_dict()
    assert verslag.gecontroleerd == regels
