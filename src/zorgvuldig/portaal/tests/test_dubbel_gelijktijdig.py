"""A double submit at the same moment (PostgreSQL): two identical requests, each on its own connection and
thread, released together. The lock on the subject's row queues them, so the second sees the first and is
refused as `DubbelVerzoek`: one request, one term, one message to the handler.

Not on SQLite: the test database is in memory with a shared cache, whose table locks fail at once ("database
table is locked") instead of queueing like the demo's file database with IMMEDIATE transactions; there the
guard is tested sequentially (test_review_portaal.py)."""

from __future__ import annotations

import threading

import pytest
from django.db import connections

from zorgvuldig.berichten.models import Bericht
from zorgvuldig.conftest import als_systeem
from zorgvuldig.core.context import Actor
from zorgvuldig.portaal.tests.hulp import sam_en_moeder
from zorgvuldig.rechten.models import Verzoek
from zorgvuldig.rechten.services import DubbelVerzoek, registreer_via_portaal

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("leegbaar_logboek"),
]

RONDES = 3


def test_ri_05_two_identical_submits_at_the_same_moment_file_one_request(regio):
    _sam, moeder = sam_en_moeder(regio)
    for ronde in range(RONDES):
        start = threading.Barrier(2)
        uitkomsten: list[object] = []

        def dien_in(ronde=ronde, start=start, uitkomsten=uitkomsten):
            try:
                start.wait(timeout=10)
                v = registreer_via_portaal(
                    actor=Actor.portaal(moeder.organisatie),
                    persoon=moeder,
                    soort="correctie",
                    toelichting=f"Ronde {ronde}: mijn adres klopt niet.",
                )
                uitkomsten.append(v.pk)
            except DubbelVerzoek as fout:
                uitkomsten.append(("dubbel", fout.verzoek.pk))
            except Exception as fout:  # reported by the assertion below
                uitkomsten.append(fout)
            finally:
                connections.close_all()

        draden = [threading.Thread(target=dien_in) for _ in range(2)]
        for d in draden:
            d.start()
        for d in draden:
            d.join(timeout=60)
        gevuld = [u for u in uitkomsten if isinstance(u, int)]
        dubbel = [u for u in uitkomsten if isinstance(u, tuple)]
        assert len(gevuld) == 1 and dubbel == [("dubbel", gevuld[0])], uitkomsten
    als_systeem()
    assert Verzoek.objects.filter(persoon=moeder).count() == RONDES
    assert Bericht.objects.filter(sleutel__startswith="portaalverzoek:").count() == RONDES
