"""The match look-up with N active signals in the index: at 10k and at N (default 1M) (issue: VI).

* service — `selectors.actieve_signalen_op_bsn(bsn)`, as the matching step of `activeer_signaal` calls it:
  with a professional's organisation active on the connection; blind-index candidates, the system context
  on and off (RLS, two `set_config` round trips), the ORM query, ordering, and per signal found
  `is_actief` (accession and settings look-ups). Signaler and organisation are loaded only when there is
  a match to notify (`laad_deelnemers`), so neither side joins them.
* raw — the equivalent plain SQL SELECT on the same index (`signaal_match_idx`): the same WHERE and
  ORDER BY, with the blind index computed by plain `hmac`; same connection and role, in the system
  context.

Two databases, one with 10k signals and one with N, set up alike; rounds alternate between them (and
between app and raw, which use the same sample), each on a freshly opened, warmed-up connection, so drift
during the run and the placement of the connection's backend hit both sizes alike. Lookups are half random
existing BSNs, half random valid BSNs that are not in the index.

The index is filled in bulk (COPY on PostgreSQL, executemany on SQLite) with rows like real ones: distinct
fictional BSNs (11-proef, unissued 9xxxxxxxx range), the real blind index and BSN ciphertext, `actief`,
signalled in the last 6 months, a removal date in the next 6 months, spread over 3 organisations and their
signalers; no matches (one signal per BSN).
After each fill: VACUUM ANALYZE and a CHECKPOINT (PostgreSQL) / ANALYZE and a WAL checkpoint (SQLite), so
the lookups meet a maintained database, not the write-back of the bulk load.

Goals: service p99 < 5 ms at 1M; p50 at 1M ≤ 1.2 × p50 at 10k (`ratio`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import random
import sys
import time

from benchmarks import harness, vi_regio

BSN_RANGE = (900_000_000, 999_000_000)  # below the 999xxxxxx ranges the other measures use
KLEIN = 10_000
RAW_SQL = (
    "SELECT s.* FROM verwijsindex_signaal s"
    " WHERE s.bsn_index = %s AND s.status = 'actief' AND s.verwijderdatum > %s"
    " ORDER BY s.signaleringstijdstip, s.id"
)


def _bsn_pool(n: int, rng: random.Random) -> list[str]:
    """n distinct valid fictional BSNs, in random order: a random 8-digit prefix and the check digit the
    11-proef asks for (a prefix whose check would be 10 has none)."""
    lo, hi = BSN_RANGE[0] // 10, BSN_RANGE[1] // 10
    gezien: set[str] = set()
    while len(gezien) < n:
        prefix = f"{rng.randrange(lo, hi):08d}"
        check = sum(int(c) * w for c, w in zip(prefix, range(9, 1, -1), strict=True)) % 11
        if check < 10:
            gezien.add(prefix + str(check))
    pool = sorted(gezien)
    rng.shuffle(pool)
    return pool


def _signalen(regio, bsns: list[str], rng: random.Random):
    """Unsaved active signals like real ones (vi_regio.signaal), over the organisations and signalers."""
    vandaag = dt.date.today()
    nu = dt.datetime.now(dt.UTC)
    orgs = list(zip(regio.organisaties, regio.signaleerders, strict=True))
    for bsn in bsns:
        org, user = rng.choice(orgs)
        moment = nu - dt.timedelta(seconds=rng.randrange(180 * 86400))
        yield vi_regio.signaal(org, user, bsn, moment, vandaag + dt.timedelta(days=1 + rng.randrange(180)))


def _vul(db: str, url: str, regio, bsns: list[str], rng: random.Random) -> None:
    """Bulk insert as the owner (setup, not measured), then VACUUM ANALYZE / ANALYZE."""
    from django.db import connection, transaction

    velden = vi_regio.signaal_velden()
    signalen = _signalen(regio, bsns, rng)
    if db == "postgres":
        import psycopg

        with psycopg.connect(url) as conn:
            copy_sql = f"COPY verwijsindex_signaal ({vi_regio.kolommen()}) FROM STDIN"
            with conn.cursor() as cur, cur.copy(copy_sql) as copy:
                for s in signalen:
                    copy.write_row(vi_regio.waarden(connection, s, velden))
            conn.commit()
            conn.autocommit = True
            conn.execute("VACUUM ANALYZE verwijsindex_signaal")
            conn.execute("CHECKPOINT")  # the fill's dirty pages written before the timer, not during it
        return
    sql = vi_regio.insert_sql()
    batch: list = []
    with connection.cursor() as cur:
        for s in signalen:
            batch.append(vi_regio.waarden(connection, s, velden))
            if len(batch) == 10_000:
                with transaction.atomic():
                    cur.executemany(sql, batch)
                batch = []
        if batch:
            with transaction.atomic():
                cur.executemany(sql, batch)
        cur.execute("ANALYZE")
        cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # reads not through a WAL full of the fill's pages


def _app(bsns: list[str]) -> list[float]:
    from zorgvuldig.verwijsindex import selectors

    latencies = []
    for bsn in bsns:
        t0 = time.perf_counter()
        selectors.actieve_signalen_op_bsn(bsn)
        latencies.append(time.perf_counter() - t0)
    return latencies


def _raw(bsns: list[str], sleutel: bytes, versie: int) -> list[float]:
    from django.db import connection

    from zorgvuldig.core.clock import today

    vandaag = connection.ops.adapt_datefield_value(today())
    latencies = []
    with connection.cursor() as cur:
        for bsn in bsns:
            t0 = time.perf_counter()
            index = f"{versie}:{hmac.new(sleutel, bsn.encode('ascii'), hashlib.sha256).hexdigest()}"
            cur.execute(RAW_SQL, [index, vandaag])
            cur.fetchall()
            latencies.append(time.perf_counter() - t0)
    return latencies


def _ronde(actor, bestaand: list[str], nieuw: list[str], n: int, rng, lats: dict, app_eerst: bool) -> None:
    """One round: `n` lookups for app and raw on the same sample, half existing, half non-existing BSNs."""
    from zorgvuldig.core import crypto, tenancy
    from zorgvuldig.core.context import Actor

    versie = crypto.blind_index_version()
    sleutel = crypto._blind_keys()[versie]
    sample = [(b, True) for b in rng.choices(bestaand, k=n // 2)]
    sample += [(b, False) for b in rng.choices(nieuw, k=n // 2)]
    rng.shuffle(sample)
    bsns = [b for b, _ in sample]
    for kind in ("app", "raw") if app_eerst else ("raw", "app"):
        if kind == "app":
            tenancy.activeer(actor)  # as in activeer_signaal: the signaler's organisation is active
            lat = _app(bsns)
            lats["app_bestaand"] += [x for x, (_, ok) in zip(lat, sample, strict=True) if ok]
            lats["app_nieuw"] += [x for x, (_, ok) in zip(lat, sample, strict=True) if not ok]
        else:
            tenancy.activeer(Actor.systeem())
            lat = _raw(bsns, sleutel, versie)
        lats[kind] += lat


def _naar(db: str, url: str, runtime: bool) -> None:
    """Point Django's connection at `url` (PostgreSQL: as the runtime role, or as the owner to migrate and
    set up) and forget what this process cached of the other database (data keys, settings)."""
    import dj_database_url
    from django.db import connection

    from zorgvuldig.core import crypto
    from zorgvuldig.verwijsindex import selectors

    connection.close()
    conf = dj_database_url.parse(url)
    connection.settings_dict["NAME"] = conf["NAME"]
    if db == "postgres":
        connection.settings_dict["USER"] = vi_regio.RUNTIME_ROLE if runtime else conf["USER"]
    crypto.clear_caches()
    if hasattr(selectors, "vergeet_cache"):
        selectors.vergeet_cache()


def main(db: str, size: int, rounds: int = 6, lookups: int = 4000) -> dict:
    """Two databases, one with `klein` (10k) signals and one with `size`; rounds alternate between them
    (and between app and raw), so drift over the run hits both sizes alike."""
    rng = random.Random(20261126)
    belasting = vi_regio.belasting()
    klein = KLEIN if size > KLEIN else max(10, size // 10)
    urls = {klein: harness.nieuwe_database(db, "vimatch_klein"), size: harness.nieuwe_database(db, "vimatch")}
    vi_regio.runtime_url(db, urls[size])
    harness.django_setup(urls[size])
    niet_bestaand = 20_000
    pool = _bsn_pool(size + niet_bestaand, rng)
    nieuw, bestaand = pool[:niet_bestaand], pool[niet_bestaand:]
    regios, vul_seconden = {}, {}
    for n in (klein, size):
        _naar(db, urls[n], runtime=False)
        harness.migrate()
        regios[n] = vi_regio.Regio(orgs=3)
        _naar(db, urls[n], runtime=True)
        t0 = time.perf_counter()
        _vul(db, urls[n], regios[n], bestaand[:n], rng)
        vul_seconden[n] = round(time.perf_counter() - t0, 1)
    per_round = max(2, lookups // rounds)  # `lookups` per kind and size in all
    lats = {n: {"app": [], "raw": [], "app_bestaand": [], "app_nieuw": []} for n in (klein, size)}
    for r in range(rounds):
        for n in (klein, size) if r % 2 == 0 else (size, klein):
            _naar(db, urls[n], runtime=True)
            actor = regios[n].actor(0)
            warm: dict[str, list[float]] = {k: [] for k in lats[n]}
            _ronde(actor, bestaand[:n], nieuw, 100, rng, warm, True)  # new connection: warm it up
            _ronde(actor, bestaand[:n], nieuw, per_round, rng, lats[n], app_eerst=r % 2 == 0)
    resultaten = {n: {k: harness.percentiles(v) for k, v in lats[n].items()} for n in lats}
    for n in resultaten:
        resultaten[n]["n"] = len(lats[n]["app"])
    groot, kl = resultaten[size], resultaten[klein]
    p50, p99 = groot["app"]
    return harness.schrijf(
        "match_lookup",
        db,
        size,
        p50,
        "ms",
        groot["raw"][0],
        {"p99_ms_max": 5, "ratio_max": 1.2},
        ratio=round(p50 / kl["app"][0], 3) if kl["app"][0] else None,
        ratio_desc=f"service p50 at {size} signals / service p50 at {klein} signals",
        value_desc=f"service p50 (ms) of actieve_signalen_op_bsn at {size} active signals",
        baseline_desc="plain SQL SELECT (same WHERE, ORDER BY) on signaal_match_idx, p50 ms",
        runtime_role=db == "postgres",
        p50_ms=p50,
        p99_ms=p99,
        p50_ms_existing=groot["app_bestaand"][0],
        p99_ms_existing=groot["app_bestaand"][1],
        p50_ms_missing=groot["app_nieuw"][0],
        p99_ms_missing=groot["app_nieuw"][1],
        baseline_p50_ms=groot["raw"][0],
        baseline_p99_ms=groot["raw"][1],
        ratio_to_raw_sql_p50=round(p50 / groot["raw"][0], 3) if groot["raw"][0] else None,
        small_size=klein,
        small_p50_ms=kl["app"][0],
        small_p99_ms=kl["app"][1],
        small_p50_ms_existing=kl["app_bestaand"][0],
        small_p50_ms_missing=kl["app_nieuw"][0],
        small_baseline_p50_ms=kl["raw"][0],
        small_baseline_p99_ms=kl["raw"][1],
        baseline_ratio=round(groot["raw"][0] / kl["raw"][0], 3) if kl["raw"][0] else None,
        lookups_per_size=groot["n"],
        fill_seconds=vul_seconden,
        rounds=rounds,
        peak_rss_mb=harness.peak_rss_mb(),
        load_avg_1m=[belasting, vi_regio.belasting()],
    )


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], int(sys.argv[2]))))
