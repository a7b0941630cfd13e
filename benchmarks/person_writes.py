"""Audited vs unaudited person writes through the service layer, 1 and 8 clients (issue: platform core).

* audited   — `registreer_persoon`: validation, BSN encryption and blind index, grant, audit entry + queue.
* unaudited — the same service with `audit.record` switched off (the baseline the goal is set against).
* raw       — a plain SQL INSERT of the same person row (DESIGN §7's raw baseline, reported alongside).

Rounds alternate the three so drift hits them alike. Goal: audited ≥ 75 % of unaudited; ≥ 1,000 audited
writes/s on PostgreSQL.
"""

from __future__ import annotations

import multiprocessing
import time
import uuid
from contextlib import contextmanager
from unittest import mock

from benchmarks import harness

TEST_BSNS = ["999993653", "999990019", "999990032", "999990044", "999990056"]


def _regio():
    from zorgvuldig.core import tenancy
    from zorgvuldig.core.context import Actor
    from zorgvuldig.organisaties.models import Gebruiker, Organisatie, Verwerkingsverantwoordelijke

    tenancy.activeer(Actor.systeem())
    vv = Verwerkingsverantwoordelijke.objects.create(code="bench", naam="Bench")
    org = Organisatie.objects.create(
        verwerkingsverantwoordelijke=vv, code="bench-org", naam="Bench", type="gemeentelijk_team"
    )
    user = Gebruiker.objects.create_user(
        email="bench@example.org", password="x" * 16, naam="Bench", organisatie=org, rollen=["medewerker"]
    )
    return Actor.voor(user)


@contextmanager
def _zonder_audit():
    from zorgvuldig.audit import services as audit

    with mock.patch.object(audit, "record", lambda **kw: []):
        yield


def _data(i: int) -> dict:
    return {
        "geslachtsnaam": f"Bench{i}",
        "voornamen": "Test",
        "bsn": TEST_BSNS[i % len(TEST_BSNS)],
        "adres_woonplaats": "Voorbeeld",
    }


def _raw_insert(actor, i: int) -> None:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(
            "INSERT INTO personen_persoon (uuid, aangemaakt, gewijzigd, verwerkingsverantwoordelijke_id,"
            " organisatie_id, bsn_versleuteld, bsn_index, bsn_ontbreekt_reden, voornamen, voorvoegsel,"
            " geslachtsnaam, geboortedatum, geboorteplaats, geslacht, adres_straat, adres_huisnummer,"
            " adres_huisnummertoevoeging, adres_postcode, adres_woonplaats, geheim_adres, telefoon, email,"
            " relevantie, geschatte_leeftijdscategorie, schatting_reden)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, '', 'Test', '', %s, NULL, '', 'onbekend', '', '', '', '',"
            " 'Voorbeeld', %s, '', '', '', '', '')",
            [
                uuid.uuid4().hex if connection.vendor == "sqlite" else uuid.uuid4(),
                time.strftime("%Y-%m-%d %H:%M:%S"),
                time.strftime("%Y-%m-%d %H:%M:%S"),
                actor.verwerkingsverantwoordelijke_id,
                actor.organisatie.pk,
                "zv1:1:" + "A" * 40,
                "1:" + "0" * 64,
                f"Raw{i}",
                False,
            ],
        )


def _writes(kind: str, actor, offset: int, n: int) -> list[float]:
    from zorgvuldig.core import tenancy
    from zorgvuldig.personen.services import registreer_persoon

    tenancy.activeer(actor)
    latencies = []
    for i in range(offset, offset + n):
        t0 = time.perf_counter()
        if kind == "raw":
            _raw_insert(actor, i)
        else:
            registreer_persoon(actor=actor, data=_data(i))
        latencies.append(time.perf_counter() - t0)
    return latencies


def _child(kind, actor, offset, n, queue) -> None:
    from django.db import connection

    if kind == "unaudited":
        with _zonder_audit():
            queue.put(_writes(kind, actor, offset, n))
    else:
        queue.put(_writes(kind, actor, offset, n))
    connection.close()


def _run(kind: str, actor, start: int, count: int, clients: int) -> tuple[float, list[float]]:
    """`count` writes by `clients` processes (as gunicorn workers would be); elapsed seconds, latencies."""
    from django.db import connections

    if clients == 1:
        t0 = time.perf_counter()
        latencies = _writes(kind, actor, start, count)
        return time.perf_counter() - t0, latencies
    connections.close_all()  # children must open their own connections
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    per = count // clients
    procs = [
        ctx.Process(target=_child, args=(kind, actor, start + k * per, per, queue)) for k in range(clients)
    ]
    t0 = time.perf_counter()
    for p in procs:
        p.start()
    latencies = [x for _ in procs for x in queue.get()]
    elapsed = time.perf_counter() - t0
    for p in procs:
        p.join()
    return elapsed, latencies


def main(db: str, size: int, clients: int, rounds: int = 5) -> dict:
    url = harness.nieuwe_database(db, f"writes{clients}")
    harness.django_setup(url)
    harness.migrate()
    actor = _regio()
    _run("audited", actor, 0, min(50, size), 1)  # warm-up: data key, caches, connections
    totals = {"audited": 0.0, "unaudited": 0.0, "raw": 0.0}
    lats: dict[str, list[float]] = {k: [] for k in totals}
    per_round = max(clients, size // rounds)
    offset = 1000
    for _ in range(rounds):
        for kind in ("audited", "unaudited", "raw"):
            if kind == "unaudited" and clients == 1:
                with _zonder_audit():
                    elapsed, lat = _run(kind, actor, offset, per_round, clients)
            else:
                elapsed, lat = _run(kind, actor, offset, per_round, clients)
            totals[kind] += elapsed
            lats[kind] += lat
            offset += per_round
    n = per_round * rounds
    audited, unaudited, raw = (n / totals[k] for k in ("audited", "unaudited", "raw"))
    p50, p99 = harness.percentiles(lats["audited"])
    goal = {"ratio_min": 0.75}
    if db == "postgres":
        goal["value_min"] = 1000
    return harness.schrijf(
        f"person_writes_{clients}_clients",
        db,
        n,
        audited,
        "ops/s",
        unaudited,
        goal,
        baseline_desc="same service with audit.record switched off",
        raw_sql_ops_s=round(raw, 1),
        ratio_to_raw_sql=round(audited / raw, 3),
        clients=clients,
        p50_ms=p50,
        p99_ms=p99,
        peak_rss_mb=harness.peak_rss_mb(),
    )
