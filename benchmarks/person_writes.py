"""Audited vs unaudited person writes through the service layer, 1 and 8 clients (issue: platform core).

* audited   — `registreer_persoon`: validation, BSN encryption and blind index, grant, audit entry + queue.
* unaudited — the same service with `audit.record` switched off (the baseline the goal is set against).
* raw       — a plain SQL INSERT of the same person row (DESIGN §7's raw baseline, reported alongside).

Clients are long-lived processes with their own connection (as gunicorn workers with persistent
connections are), warmed up before the first round (ADR 0017). Rounds alternate the three so drift hits
them alike. Goal: audited ≥ 75 % of unaudited; ≥ 1,000 audited writes/s on PostgreSQL.
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
    from zorgvuldig.core import invoegen

    def record(*, samen_met=None, **kwargs):  # the act's own row is still written, only the entry not
        if samen_met is not None:
            invoegen.voeg_in(samen_met)
        return []

    with mock.patch.object(audit, "record", record):
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


def _worker(actor, opdrachten, uitkomsten) -> None:
    """A long-lived client process with its own connection, as a gunicorn worker is: it runs the rounds
    it is given, so connection start-up and warm-up are not counted in every round."""
    from django.db import connection

    while (opdracht := opdrachten.get()) is not None:
        kind, offset, n = opdracht
        if kind == "unaudited":
            with _zonder_audit():
                uitkomsten.put(_writes(kind, actor, offset, n))
        else:
            uitkomsten.put(_writes(kind, actor, offset, n))
    connection.close()


class _Clients:
    """`count` writes per round spread over `clients` processes (1 client: this process)."""

    def __init__(self, actor, clients: int):
        from django.db import connections

        self.actor, self.clients, self.procs = actor, clients, []
        if clients == 1:
            return
        connections.close_all()  # children must open their own connections
        ctx = multiprocessing.get_context("fork")
        self.uitkomsten = ctx.Queue()
        self.opdrachten = [ctx.Queue() for _ in range(clients)]
        self.procs = [
            ctx.Process(target=_worker, args=(actor, q, self.uitkomsten), daemon=True)
            for q in self.opdrachten
        ]
        for p in self.procs:
            p.start()

    def run(self, kind: str, start: int, count: int) -> tuple[float, list[float]]:
        """Elapsed seconds and latencies of one round."""
        if self.clients == 1:
            t0 = time.perf_counter()
            if kind == "unaudited":
                with _zonder_audit():
                    latencies = _writes(kind, self.actor, start, count)
            else:
                latencies = _writes(kind, self.actor, start, count)
            return time.perf_counter() - t0, latencies
        per = count // self.clients
        t0 = time.perf_counter()
        for k, q in enumerate(self.opdrachten):
            q.put((kind, start + k * per, per))
        latencies = [x for _ in self.procs for x in self.uitkomsten.get()]
        return time.perf_counter() - t0, latencies

    def stop(self) -> None:
        for q in self.opdrachten if self.procs else ():
            q.put(None)
        for p in self.procs:
            p.join()


def main(db: str, size: int, clients: int, rounds: int = 5) -> dict:
    url = harness.nieuwe_database(db, f"writes{clients}")
    harness.django_setup(url)
    harness.migrate()
    actor = _regio()
    _writes("audited", actor, 0, min(50, size))  # warm-up: data key, caches
    pool = _Clients(actor, clients)
    for kind in ("audited", "unaudited", "raw"):  # warm-up of every client's connection and statements
        pool.run(kind, 100 + 200 * ["audited", "unaudited", "raw"].index(kind), 10 * clients)
    totals = {"audited": 0.0, "unaudited": 0.0, "raw": 0.0}
    lats: dict[str, list[float]] = {k: [] for k in totals}
    per_round = max(clients, size // rounds)
    offset = 1000
    for _ in range(rounds):
        for kind in ("audited", "unaudited", "raw"):
            elapsed, lat = pool.run(kind, offset, per_round)
            totals[kind] += elapsed
            lats[kind] += lat
            offset += per_round
    pool.stop()
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
