"""Signal registration through the service layer vs a raw INSERT of the same signal row (issue: VI).

* service — `registreer_signaal` (the draft) then `activeer_signaal` with a valid justification, as one
  mandated professional, each on a distinct BSN so no match is made. One op = draft + activation: two
  transactions; checks (accession, mandate, meldrecht, VI-09 field set), BSN 11-proef, blind index and
  AES-GCM encryption of the BSN, the signal row INSERTed then UPDATEd to `actief`, the justification
  encrypted into its own row, two audit entries (+ their pseudonym and queue rows), the per-BSN advisory
  lock, the duplicate check and the match look-up.
* raw — one plain SQL INSERT, in autocommit, of the row as the service leaves it: `status='actief'`,
  signaleringstijdstip, verwijderdatum, the real blind index and a real ciphertext (both computed before
  the timer runs: the baseline is the database's cost of the row). Same table, same indexes, same
  connection, same role. The justification, audit entries, checks and the draft step are what the
  service adds on top — that is what the ratio measures.

On PostgreSQL both run as the runtime role, so row-level security is in force (vi_regio.runtime_url).
1 client; rounds alternate service and raw so drift hits both alike; the planner statistics are refreshed
before each round (vi_regio.analyze). Goal: service ≥ 35 % of raw.
"""

from __future__ import annotations

import itertools
import json
import sys
import time

from benchmarks import harness, vi_regio

SERVICE_BSNS = (999_900_000, 1_000_000_000)  # 9999xxxxx: ~9,090 valid numbers
EXTRA_BSNS = (999_500_000, 999_900_000)  # only when a large --size needs more
RAW_BSNS = (999_000_000, 999_500_000)  # the raw rows' BSNs: never the same as a service signal's


def service_bsns():
    yield from vi_regio.bsns(*SERVICE_BSNS)
    yield from vi_regio.bsns(*EXTRA_BSNS)


def _service(actor, bsns, n: int) -> tuple[float, list[float], list[float], list[float]]:
    from zorgvuldig.verwijsindex import services

    latencies, drafts, activations = [], [], []
    verantwoording = vi_regio.verantwoording()
    t_start = time.perf_counter()
    for _ in range(n):
        t0 = time.perf_counter()
        signaal = services.registreer_signaal(actor=actor, velden={"bsn": next(bsns)})
        t1 = time.perf_counter()
        services.activeer_signaal(actor=actor, uuid=signaal.uuid, verantwoording=verantwoording)
        t2 = time.perf_counter()
        latencies.append(t2 - t0)
        drafts.append(t1 - t0)
        activations.append(t2 - t1)
    return time.perf_counter() - t_start, latencies, drafts, activations


def raw_rijen(actor, bsns, n: int) -> list[list]:
    """`n` raw signal rows of `actor`, with the dates the service would give them (not timed)."""
    from django.db import connection

    from zorgvuldig.core.clock import now, today
    from zorgvuldig.verwijsindex import policies

    profiel = actor.organisatie.profiel
    verwijderdatum = policies.verwijderdatum(
        today(),
        vi_regio.verantwoording()["geboortedatum"],
        termijn_maanden=profiel.vi_term_months,
        max_leeftijd=profiel.vi_max_age,
    )
    moment = now()
    return [
        vi_regio.signaal_rij(connection, actor.organisatie, actor.gebruiker, b, moment, verwijderdatum)
        for b in itertools.islice(bsns, n)
    ]


def raw_inserts(actor, rijen: list[list]) -> tuple[float, list[float]]:
    from django.db import connection

    from zorgvuldig.core import tenancy

    tenancy.activeer(actor)  # RLS: the row must be the acting organisation's, as in the service
    sql = vi_regio.insert_sql()
    latencies = []
    t_start = time.perf_counter()
    with connection.cursor() as cur:
        for rij in rijen:
            t0 = time.perf_counter()
            cur.execute(sql, rij)
            latencies.append(time.perf_counter() - t0)
    return time.perf_counter() - t_start, latencies


def _queries_per_op(actor, bsns) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        _service(actor, bsns, 1)
    return len(ctx.captured_queries)


def main(db: str, size: int, rounds: int = 5) -> dict:
    belasting = vi_regio.belasting()
    url = harness.nieuwe_database(db, "vireg")
    vi_regio.runtime_url(db, url)
    harness.django_setup(url)
    harness.migrate()
    regio = vi_regio.Regio()
    vi_regio.als_runtime_rol()
    actor = regio.actor(0)
    bsns, raw_bsns = service_bsns(), vi_regio.bsns(*RAW_BSNS)
    _service(actor, bsns, min(50, size))  # warm-up: data key, caches, connection
    raw_inserts(actor, raw_rijen(actor, raw_bsns, min(50, size)))
    queries = _queries_per_op(actor, bsns)
    per_round = max(1, size // rounds)
    totals = {"service": 0.0, "raw": 0.0}
    lats: dict[str, list[float]] = {"service": [], "raw": [], "draft": [], "activation": []}
    for _ in range(rounds):
        vi_regio.analyze(db, url)
        elapsed, lat, drafts, activations = _service(actor, bsns, per_round)
        totals["service"] += elapsed
        lats["service"] += lat
        lats["draft"] += drafts
        lats["activation"] += activations
        elapsed, lat = raw_inserts(actor, raw_rijen(actor, raw_bsns, per_round))
        totals["raw"] += elapsed
        lats["raw"] += lat
    n = per_round * rounds
    service, raw = n / totals["service"], n / totals["raw"]
    p50, p99 = harness.percentiles(lats["service"])
    raw_p50, raw_p99 = harness.percentiles(lats["raw"])
    return harness.schrijf(
        "signal_registration",
        db,
        n,
        service,
        "ops/s",
        raw,
        {"ratio_min": 0.35},
        baseline_desc="plain SQL INSERT (autocommit) of the same active signal row: real blind index and "
        "ciphertext, computed outside the timer; same table, indexes, connection and role",
        op_desc="registreer_signaal (draft) + activeer_signaal (valid justification); distinct BSNs, so no "
        "match",
        clients=1,
        runtime_role=db == "postgres",
        p50_ms=p50,
        p99_ms=p99,
        draft_p50_ms=harness.percentiles(lats["draft"])[0],
        activation_p50_ms=harness.percentiles(lats["activation"])[0],
        baseline_p50_ms=raw_p50,
        baseline_p99_ms=raw_p99,
        queries_per_op=queries,
        peak_rss_mb=harness.peak_rss_mb(),
        load_avg_1m=[belasting, vi_regio.belasting()],
    )


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], int(sys.argv[2]))))
