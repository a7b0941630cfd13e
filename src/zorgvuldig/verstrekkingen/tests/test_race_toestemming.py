"""CS-08 under concurrency (PostgreSQL): a share on consent is re-checked under a row lock on the consent
when it is EXECUTED, so a share is never executed after its consent's revocation committed.

Both acts lock the consent row first: a revocation that committed first makes the share see `ingetrokken`
and refuse; a share that holds the lock first completes, and the revocation that waited then finds it
executed and tells its recipient.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
import uuid as uuidlib

import pytest
from django.db import connection, connections, transaction

from zorgvuldig.conftest import Regio, als_systeem
from zorgvuldig.core import crypto
from zorgvuldig.core.errors import DomainError
from zorgvuldig.toestemmingen import services as toestemmingen
from zorgvuldig.toestemmingen.models import Toestemming
from zorgvuldig.verstrekkingen import deelbesluiten
from zorgvuldig.verstrekkingen.models import Deelbesluit, Verstrekking
from zorgvuldig.verstrekkingen.tests import hulp

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

# The issue asks for at least 10,000 races; RACES lowers it for a quick local run.
RACES = int(os.environ.get("ZORGVULDIG_RACES", "10000"))
PAREN = 4  # parallel (revoker, executor) pairs, each on its own connections


def _besloten_deelbesluiten(regio, n: int) -> list[tuple[Toestemming, Deelbesluit]]:
    """n written consents, each with a decided G1 share resting on it (client informed before)."""
    from rest_framework.test import APIClient

    from zorgvuldig.conftest import aanmelden

    casus = hulp.casus_met_moeder(regio)
    vt = hulp.veilig_thuis(regio)
    client = aanmelden(APIClient(), regio.medewerker)
    t = client.post("/api/v1/toestemmingen", hulp.toestemming_body(regio, casus, vt), format="json").json()
    body = hulp.g5_aan_vt(regio, casus, grond="g1_toestemming", klasse="b", toestemming=t["url"])
    body["gegevens"] = [
        {"omschrijving": "Verzuim", "categorie": "schoolgegevens", "soort": "feit", "bron": "document"}
    ]
    body["stappen"]["informeren"] = {"moment": "voor"}
    body.pop("wettelijkePlicht")
    d = client.post("/api/v1/deelbesluiten", body, format="json").json()
    assert (
        client.post(
            f"{d['url']}/_besluiten", {"besluit": "delen", "redenen": "Met toestemming"}, format="json"
        ).status_code
        == 200
    )
    assert (
        client.post(
            f"{d['url']}/_informeren",
            {"datum": dt.date.today().isoformat(), "wijze": "gesprek"},
            format="json",
        ).status_code
        == 200
    )
    als_systeem()
    sjabloon_t = Toestemming.objects.get(uuid=t["uuid"])
    sjabloon_d = Deelbesluit.objects.get(uuid=d["uuid"])
    inhoud_t = crypto.ontsleutel(sjabloon_t, "inhoud")
    antwoorden = crypto.ontsleutel(sjabloon_d, "antwoorden")
    paren = []
    with transaction.atomic():
        for _ in range(n):
            tt = Toestemming.objects.get(pk=sjabloon_t.pk)
            tt.pk = tt.id = None
            tt.uuid = uuidlib.uuid4()
            tt.inhoud_versleuteld = crypto.versleutel(tt, "inhoud", inhoud_t)
            paren.append([tt, None])
        Toestemming.objects.bulk_create([p[0] for p in paren])
        besluiten = []
        for p in paren:
            dd = Deelbesluit.objects.get(pk=sjabloon_d.pk)
            dd.pk = dd.id = None
            dd.uuid = uuidlib.uuid4()
            dd.toestemming = p[0]
            dd.antwoorden_versleuteld = crypto.versleutel(dd, "antwoorden", antwoorden)
            p[1] = dd
            besluiten.append(dd)
        Deelbesluit.objects.bulk_create(besluiten)
    return [(t, d) for t, d in paren]


def _wacht_op_slot(timeout: float = 10.0) -> None:
    """Until another session waits for a lock (observed in pg_locks, not guessed from time; pg_stat_activity
    hides other roles' sessions from the runtime role)."""
    eind = time.monotonic() + timeout
    while time.monotonic() < eind:
        with connections["default"].cursor() as cur:
            cur.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
            if cur.fetchone()[0] > 0:
                return
        time.sleep(0.01)
    raise AssertionError("the second act never waited for the consent's row lock")


def test_cs_08_revocation_committed_first_blocks_the_share(leegbaar_logboek):
    """Deterministic: the revocation holds the consent's lock; the execution waits for it, then refuses."""
    regio = Regio()
    [(t, d)] = _besloten_deelbesluiten(regio, 1)
    heeft_slot, mag_committen, uitkomst = threading.Event(), threading.Event(), {}

    def intrekken():
        try:
            with transaction.atomic():
                toestemmingen.trek_in(actor=regio.actor(regio.medewerker), uuid=t.uuid)
                heeft_slot.set()
                mag_committen.wait(10)
        finally:
            connection.close()

    def uitvoeren():
        try:
            deelbesluiten.voer_uit(
                actor=regio.actor(regio.medewerker), uuid=d.uuid, datum=dt.date.today(), vorm="digitaal"
            )
            uitkomst["uitgevoerd"] = True
        except DomainError as exc:
            uitkomst["code"] = exc.code
            uitkomst["detail"] = exc.detail
        except Exception as exc:
            uitkomst["fout"] = repr(exc)
        finally:
            connection.close()

    a = threading.Thread(target=intrekken)
    a.start()
    assert heeft_slot.wait(10)
    b = threading.Thread(target=uitvoeren)
    b.start()
    try:
        _wacht_op_slot()
    except AssertionError:
        mag_committen.set()
        b.join()
        raise AssertionError(f"the execution did not wait: {uitkomst}") from None
    assert uitkomst == {}, uitkomst  # still waiting for the revocation
    mag_committen.set()
    a.join()
    b.join()
    # the share waited for the revocation; it had already been ended (CS-08), so nothing is provided
    assert uitkomst.get("code") in {"E_STATE_CONFLICT", "E_CS_NOT_SPECIFIC"}
    als_systeem()
    assert not Verstrekking.objects.filter(herkomst=f"deelbesluit:{d.uuid}").exists()
    assert Deelbesluit.objects.get(pk=d.pk).status == "beeindigd"


def test_cs_08_share_holding_the_lock_first_completes_and_its_recipient_is_told(leegbaar_logboek):
    regio = Regio()
    [(t, d)] = _besloten_deelbesluiten(regio, 1)
    heeft_slot, mag_committen, uitkomst = threading.Event(), threading.Event(), {}

    def uitvoeren():
        try:
            with transaction.atomic():
                deelbesluiten.voer_uit(
                    actor=regio.actor(regio.medewerker), uuid=d.uuid, datum=dt.date.today(), vorm="digitaal"
                )
                heeft_slot.set()
                mag_committen.wait(10)
        finally:
            connection.close()

    def intrekken():
        try:
            _, _, beeindigd = toestemmingen.trek_in(actor=regio.actor(regio.medewerker), uuid=t.uuid)
            uitkomst["beeindigd"] = [str(x.uuid) for x in beeindigd]
        finally:
            connection.close()

    a = threading.Thread(target=uitvoeren)
    a.start()
    assert heeft_slot.wait(10)
    b = threading.Thread(target=intrekken)
    b.start()
    _wacht_op_slot()
    mag_committen.set()
    a.join()
    b.join()
    assert uitkomst["beeindigd"] == []  # it was executed before: not ended, its recipient told
    als_systeem()
    assert Verstrekking.objects.filter(herkomst=f"deelbesluit:{d.uuid}").count() == 1
    rij = Deelbesluit.objects.get(pk=d.pk)
    assert rij.status == "client_geinformeerd" and rij.beeindigd_op is not None


@pytest.mark.slow
def test_cs_08_load_no_share_executed_after_its_revocation_committed(leegbaar_logboek):
    """≥ 10,000 revoke/share races, each pair started together at a barrier: every share is either
    executed before the revocation (then the revocation saw it: recipient told) or refused after it."""
    regio = Regio()
    paren = _besloten_deelbesluiten(regio, RACES)
    fouten: list[BaseException] = []

    def werker(rol: str, deel, sluizen):
        actor = regio.actor(regio.medewerker)
        try:
            for (t, d), sluis in zip(deel, sluizen, strict=True):
                sluis.wait()
                try:
                    if rol == "intrekken":
                        toestemmingen.trek_in(actor=actor, uuid=t.uuid)
                    else:
                        deelbesluiten.voer_uit(
                            actor=actor, uuid=d.uuid, datum=dt.date.today(), vorm="digitaal"
                        )
                except DomainError:
                    pass  # the other act won: the share is refused, or there is nothing left to revoke
        except BaseException as exc:  # pragma: no cover - reported below
            fouten.append(exc)
        finally:
            connection.close()

    threads = []
    for i in range(PAREN):
        deel = paren[i::PAREN]
        sluizen = [threading.Barrier(2) for _ in deel]
        threads += [
            threading.Thread(target=werker, args=(rol, deel, sluizen)) for rol in ("intrekken", "uitvoeren")
        ]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert fouten == []
    als_systeem()
    besluiten = {d.pk: d for d in Deelbesluit.objects.filter(pk__in=[d.pk for _, d in paren])}
    verstrekt = set(
        Verstrekking.objects.filter(herkomst__in=[f"deelbesluit:{d.uuid}" for _, d in paren]).values_list(
            "herkomst", flat=True
        )
    )
    uitgevoerd = beeindigd = 0
    for t, d in paren:
        rij = besluiten[d.pk]
        assert Toestemming.objects.get(pk=t.pk).status == "ingetrokken"
        if f"deelbesluit:{d.uuid}" in verstrekt:
            # executed first: the revocation found it executed, did not end it, and told the recipient
            assert rij.status == "client_geinformeerd" and rij.beeindigd_op is not None, rij.status
            uitgevoerd += 1
        else:
            assert rij.status == "beeindigd", rij.status  # revoked first: the share was never provided
            beeindigd += 1
    assert uitgevoerd + beeindigd == RACES
    assert uitgevoerd > 0 and beeindigd > 0, (uitgevoerd, beeindigd)  # both orders really occurred
