"""Signal registration over HTTP: gunicorn, 2 workers, a partner system's token (issue: VI). PostgreSQL only.

The server runs as in production (docs/operators.md: `gunicorn zorgvuldig.conf.wsgi`, default sync
workers, here `-w 2`), but in ZORGVULDIG_MODE=test (no TLS redirect, no HSTS; DEBUG off), on 127.0.0.1,
connected to the benchmark database as the runtime role (row-level security in force). No audit sealer
or mail worker runs next to it. Planner statistics are refreshed before each round (vi_regio.analyze).

* op — one registration as a partner system does it: `POST /api/v1/signalen {"bsn"}` (201) then
  `POST /api/v1/signalen/{uuid}/_activeren {"verantwoording"}` (200), with `Authorization: Token <secret>`
  (scope `signaal:registreren`, from `organisaties.services.maak_token`) and `Namens-Gebruiker` (a
  mandated professional who accepted the undertaking). Distinct fictional BSNs: no matches.
* client — urllib3 connection pool, threads, same machine (it shares the 2 cores with the server and
  PostgreSQL). Sync workers close the connection after each response, so the pool reconnects per request.
* peak — closed loop: a sweep over 2/4/8 concurrent clients picks the best, then rounds at that
  concurrency alternate with the raw baseline; `value` = mean registrations/s of those rounds.
* raw — plain SQL INSERT (autocommit) of the same active signal row from 2 processes (as the 2 workers),
  each its own connection as the runtime role; values (blind index, ciphertext) computed before the timer.
* latency — open loop at 70 % of peak for a fixed period (60 s, or `--size` registrations): registrations
  start on a fixed schedule whether or not earlier ones finished, and a POST's latency counts from its
  scheduled start (client-side queueing included: no coordinated omission). `p50_ms`/`p99_ms` are over all
  requests (both endpoints); per endpoint and per whole registration are reported alongside.

Goals: peak ≥ 10 % of raw (`ratio_min`); p99 ≤ 50 ms at 70 % of peak.
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
import queue
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks import harness, vi_regio
from benchmarks.signal_registration import RAW_BSNS, raw_inserts, raw_rijen, service_bsns

WORKERS = 2
SWEEP = (2, 4, 8)
SWEEP_SECONDS = 8.0
ROUND_SECONDS = 10.0
STEADY_SECONDS = 60.0
LOAD = 0.70


class Klant:
    """A partner system: a pooled urllib3 client, the token and the professional it acts for."""

    def __init__(self, port: int, geheim: str, namens: str, threads: int, bsns):
        import urllib3

        self.pool = urllib3.HTTPConnectionPool(
            "127.0.0.1",
            port,
            maxsize=threads,
            block=False,
            retries=False,
            timeout=urllib3.Timeout(connect=10, read=60),
        )
        self.headers = {
            "Authorization": f"Token {geheim}",
            "Namens-Gebruiker": namens,
            "Content-Type": "application/json",
            "Accept": "application/json",
        }
        self.verantwoording = json.dumps({"verantwoording": vi_regio.json_verantwoording()}).encode()
        self._bsns, self._lock = bsns, threading.Lock()
        self.fouten: list[str] = []

    def bsn(self) -> str:
        with self._lock:
            return next(self._bsns)

    def registreer(self, gepland: float | None = None) -> tuple[float, float, float] | None:
        """One registration; (POST latency from `gepland` or send, activation latency, whole) seconds."""
        body = json.dumps({"bsn": self.bsn()}).encode()
        t0 = time.perf_counter()
        start = gepland if gepland is not None else t0
        r = self.pool.urlopen("POST", "/api/v1/signalen", body=body, headers=self.headers)
        t1 = time.perf_counter()
        if r.status != 201:
            self.fouten.append(f"POST {r.status} {r.data[:200]!r}")
            return None
        uuid = json.loads(r.data)["uuid"]
        r = self.pool.urlopen(
            "POST", f"/api/v1/signalen/{uuid}/_activeren", body=self.verantwoording, headers=self.headers
        )
        t2 = time.perf_counter()
        if r.status != 200:
            self.fouten.append(f"_activeren {r.status} {r.data[:200]!r}")
            return None
        return t1 - start, t2 - t1, t2 - start


def _gesloten(klant: Klant, clients: int, seconds: float) -> float:
    """Closed loop: `clients` threads register back to back for `seconds`; registrations/s."""
    klaar = time.perf_counter() + seconds
    tellers = [0] * clients

    def loop(k: int) -> None:
        while time.perf_counter() < klaar:
            if klant.registreer() is not None:
                tellers[k] += 1

    t0 = time.perf_counter()
    threads = [threading.Thread(target=loop, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(tellers) / (time.perf_counter() - t0)


def _open(klant: Klant, rate: float, n: int, threads: int = 32) -> dict[str, list[float]]:
    """Open loop: registration i starts at t0 + i/rate, on one of `threads` client threads."""
    schema: queue.Queue[float] = queue.Queue()
    t0 = time.perf_counter() + 0.2
    for i in range(n):
        schema.put(t0 + i / rate)
    lats: dict[str, list[float]] = {"post": [], "activeren": [], "registratie": []}
    lock = threading.Lock()

    def werker() -> None:
        while True:
            try:
                gepland = schema.get_nowait()
            except queue.Empty:
                return
            wacht = gepland - time.perf_counter()
            if wacht > 0:
                time.sleep(wacht)
            uit = klant.registreer(gepland)
            if uit is not None:
                with lock:
                    lats["post"].append(uit[0])
                    lats["activeren"].append(uit[1])
                    lats["registratie"].append(uit[2])

    ts = [threading.Thread(target=werker) for _ in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    lats["elapsed"] = [time.perf_counter() - t0]
    return lats


# --- the raw baseline: 2 processes, as the 2 workers ------------------------------------------------


def _raw_kind(actor, rijen, barrier, uitkomst) -> None:
    from django.db import connection

    connection.ensure_connection()
    barrier.wait()
    elapsed, _ = raw_inserts(actor, rijen)
    uitkomst.put(elapsed)
    connection.close()


def _raw(actor, bsns, n: int) -> float:
    """`n` raw INSERTs split over WORKERS processes; rows/s from the barrier to the last one done."""
    from django.db import connections

    rijen = raw_rijen(actor, bsns, n)
    connections.close_all()
    ctx = multiprocessing.get_context("fork")
    barrier, uitkomst = ctx.Barrier(WORKERS + 1), ctx.Queue()
    per = n // WORKERS
    procs = [
        ctx.Process(target=_raw_kind, args=(actor, rijen[k * per : (k + 1) * per], barrier, uitkomst))
        for k in range(WORKERS)
    ]
    for p in procs:
        p.start()
    barrier.wait()
    t0 = time.perf_counter()
    for _ in procs:
        uitkomst.get()
    elapsed = time.perf_counter() - t0
    for p in procs:
        p.join()
    return per * WORKERS / elapsed


# --- the server -------------------------------------------------------------------------------------


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_server(app_url: str, port: int, log: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "ZORGVULDIG_MODE": "test",
        "DATABASE_URL": app_url,
        "DJANGO_SETTINGS_MODULE": "zorgvuldig.conf.settings",
    }
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "zorgvuldig.conf.wsgi",
            "-w",
            str(WORKERS),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        cwd=Path(__file__).resolve().parents[1],
    )
    import urllib3

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn stopped: see {log}")
        try:
            urllib3.request("GET", f"http://127.0.0.1:{port}/health", retries=False, timeout=2)
            return proc
        except urllib3.exceptions.HTTPError:
            time.sleep(0.3)
    proc.terminate()
    raise RuntimeError(f"gunicorn did not answer: see {log}")


def main(db: str, size: int | None, rounds: int = 3) -> dict:
    if db != "postgres":
        raise SystemExit("signal_http runs on PostgreSQL only")
    from django.db import connections

    belasting = vi_regio.belasting()
    url = harness.nieuwe_database(db, "vihttp")
    app_url = vi_regio.runtime_url(db, url)
    harness.django_setup(url)
    harness.migrate()
    regio = vi_regio.Regio()
    from zorgvuldig.core.context import Actor
    from zorgvuldig.organisaties.services import maak_token

    _token, geheim = maak_token(
        actor=Actor.voor(regio.beheerder),
        organisatie=regio.organisaties[0],
        naam="bench-lvs",
        scopes=["signaal:registreren"],
        geldig_tot=dt.date.today() + dt.timedelta(days=30),
    )
    vi_regio.als_runtime_rol()
    actor = regio.actor(0)
    connections.close_all()
    log = Path(tempfile.gettempdir()) / "zorgvuldig-bench-gunicorn.log"
    port = _vrije_poort()
    server = _start_server(app_url, port, log)
    try:
        klant = Klant(port, geheim, str(regio.signaleerders[0].uuid), 64, service_bsns())
        raw_bsns = vi_regio.bsns(*RAW_BSNS)
        _gesloten(klant, 4, 5.0)  # warm-up: both workers import, connect, cache their keys
        _raw(actor, raw_bsns, 400)
        sweep = {c: round(_gesloten(klant, c, SWEEP_SECONDS), 2) for c in SWEEP}
        beste = max(sweep, key=lambda c: sweep[c])
        http, raw = [], []
        for _ in range(rounds):
            vi_regio.analyze(db, url)
            http.append(_gesloten(klant, beste, ROUND_SECONDS))
            raw.append(_raw(actor, raw_bsns, 3000))
        peak = sum(http) / len(http)
        baseline = sum(raw) / len(raw)
        rate = LOAD * peak
        vi_regio.analyze(db, url)
        n = size if size else int(rate * STEADY_SECONDS)
        lats = _open(klant, rate, n)
        if klant.fouten:
            raise RuntimeError(f"{len(klant.fouten)} failed requests, e.g. {klant.fouten[:3]}")
    finally:
        server.terminate()
        server.wait(timeout=30)
    requests = lats["post"] + lats["activeren"]
    p50, p99 = harness.percentiles(requests)
    elapsed = lats["elapsed"][0]
    return harness.schrijf(
        "signal_http",
        db,
        len(lats["registratie"]),
        peak,
        "ops/s",
        baseline,
        {"ratio_min": 0.10, "p99_ms_max": 50},
        baseline_desc=f"plain SQL INSERT (autocommit) of the same active signal row, {WORKERS} processes, "
        "runtime role",
        op_desc="POST /api/v1/signalen + POST /api/v1/signalen/{uuid}/_activeren (partner token)",
        server=f"gunicorn zorgvuldig.conf.wsgi -w {WORKERS} (sync), ZORGVULDIG_MODE=test, 127.0.0.1",
        client="urllib3 pool, threads on the same 2 cores",
        peak_concurrency=beste,
        sweep_ops_s=sweep,
        peak_rounds_ops_s=[round(x, 2) for x in http],
        baseline_rounds_ops_s=[round(x, 1) for x in raw],
        load=LOAD,
        steady_rate_ops_s=round(rate, 2),
        steady_achieved_ops_s=round(len(lats["registratie"]) / elapsed, 2),
        steady_seconds=round(elapsed, 1),
        p50_ms=p50,
        p99_ms=p99,
        latency_desc="p50/p99 over all requests at 70 % of peak (open loop, from the scheduled start)",
        post_p50_ms=harness.percentiles(lats["post"])[0],
        post_p99_ms=harness.percentiles(lats["post"])[1],
        activeren_p50_ms=harness.percentiles(lats["activeren"])[0],
        activeren_p99_ms=harness.percentiles(lats["activeren"])[1],
        registration_p50_ms=harness.percentiles(lats["registratie"])[0],
        registration_p99_ms=harness.percentiles(lats["registratie"])[1],
        peak_rss_mb=harness.peak_rss_mb(),
        load_avg_1m=[belasting, vi_regio.belasting()],
    )


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else None)))
