"""`audit verify` over N sealed entries vs a raw hashlib chain over the same rows (issue: platform core).

* app — `audit.services.verifieer()`: streams seals joined with entries, rebuilds each entry's canonical
  JSON, recomputes the SHA-256 chain, checks checkpoints and unsealed entries.
* raw — one plain SQL query over the same join, streamed the same way, hashing the row's values with
  hashlib in the same chain (no JSON, no checks).

Each measurement runs in a fresh process so its peak RSS is its own. Goal: ≥ 30 % of raw; ≤ 300 MB.
"""

from __future__ import annotations

import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
import uuid

from benchmarks import harness


def _vul(size: int) -> None:
    """Write `size` entries (bulk) and seal them with the real sequencer."""
    from django.db import transaction

    from zorgvuldig.audit.models import AuditRegel
    from zorgvuldig.audit.services import verzegel_alles
    from zorgvuldig.core.clock import now

    batch = 10_000
    org, ctrl, user = str(uuid.uuid4()), str(uuid.uuid4()), str(uuid.uuid4())
    for start in range(0, size, batch):
        n = min(batch, size - start)
        with transaction.atomic():
            AuditRegel.objects.bulk_create(
                [
                    AuditRegel(
                        tijdstip=now(),
                        trace_id=uuid.uuid4().hex,
                        span_id=uuid.uuid4().hex[:16],
                        verwerkingsactiviteit="sociaal-domein-ondersteuning",
                        betrokkene=uuid.uuid4().hex,
                        status="uitgevoerd",
                        verwerkingsverantwoordelijke=ctrl,
                        actor_gebruiker=user,
                        actor_functie="Jeugdcoach",
                        actor_rol="medewerker",
                        actor_organisatie=org,
                        namens={"organisatie": org},
                        actie="persoon.ingezien",
                        object_type="personen.persoon",
                        object_uuid=str(uuid.uuid4()),
                        velden=["adres", "naam"],
                        toegang=str(uuid.uuid4()),
                        doel="ondersteuning",
                        grondslag="e",
                        koppeling={},
                        kanaal="ui",
                    )
                    for _ in range(n)
                ]
            )
    verzegel_alles(batch=batch)


def _app() -> dict:
    from zorgvuldig.audit.services import verifieer

    t0 = time.perf_counter()
    verslag = verifieer()
    elapsed = time.perf_counter() - t0
    assert verslag.ok, verslag.as_dict()
    return {"seconds": elapsed, "checked": verslag.gecontroleerd, "rss": harness.peak_rss_mb()}


def _raw() -> dict:
    from django.db import connection

    sql = (
        "SELECT z.volgnummer, z.vorige_hash, z.hash, r.* FROM audit_zegel z "
        "LEFT JOIN audit_auditregel r ON r.id = z.regel_id ORDER BY z.volgnummer"
    )
    t0 = time.perf_counter()
    connection.ensure_connection()
    raw = connection.connection
    cur = raw.cursor(name="bench_raw") if connection.vendor == "postgresql" else raw.cursor()
    if connection.vendor == "postgresql":
        cur.itersize = 10_000
        raw.autocommit = False
    cur.execute(sql)
    previous, checked = bytes(32), 0
    while rows := cur.fetchmany(10_000):
        for row in rows:
            previous = hashlib.sha256(previous + "|".join(map(str, row[3:])).encode()).digest()
            checked += 1
    cur.close()
    return {"seconds": time.perf_counter() - t0, "checked": checked, "rss": harness.peak_rss_mb()}


def _child(phase: str, url: str, size: int) -> dict:
    env = {**os.environ, "BENCH_URL": url}
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.audit_verify", phase, str(size)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(db: str, size: int, rounds: int = 3, hergebruik: bool = False) -> dict:
    """`hergebruik`: measure again on the entries a previous run wrote (generation of 1M takes long)."""
    if hergebruik:
        url = harness.database_url(db, "verify")
    else:
        url = harness.nieuwe_database(db, "verify")
        _child("vul", url, size)
    app, raw = [], []
    for _ in range(rounds):  # alternate, each in a fresh process
        app.append(_child("app", url, size))
        raw.append(_child("raw", url, size))
    assert all(r["checked"] == size for r in app + raw)
    t_app = statistics.median(r["seconds"] for r in app)
    t_raw = statistics.median(r["seconds"] for r in raw)
    return harness.schrijf(
        "audit_verify",
        db,
        size,
        size / t_app,
        "entries/s",
        size / t_raw,
        {"ratio_min": 0.30, "rss_mb_max": 300},
        baseline_desc="plain SQL over the same join + hashlib SHA-256 chain over the row values",
        seconds=round(t_app, 3),
        baseline_seconds=round(t_raw, 3),
        peak_rss_mb=max(r["rss"] for r in app),
        baseline_peak_rss_mb=max(r["rss"] for r in raw),
    )


if __name__ == "__main__":
    phase, n = sys.argv[1], int(sys.argv[2])
    harness.django_setup(os.environ["BENCH_URL"])
    if phase == "vul":
        harness.migrate()
        _vul(n)
        print(json.dumps({"ok": True}))
    else:
        print(json.dumps(_app() if phase == "app" else _raw()))
