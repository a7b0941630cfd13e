"""Shared plumbing: a fresh benchmark database, Django set-up, timing, the result file (DESIGN §7)."""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
PG_ADMIN_URL = os.environ.get("BENCH_PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def database_url(db: str, name: str) -> str:
    if db == "sqlite":
        return f"sqlite:///{tempfile.gettempdir()}/zorgvuldig-bench-{name}.sqlite3"
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    return f"{base}/zorgvuldig_bench_{name}"


def nieuwe_database(db: str, name: str) -> str:
    """Drop and create the benchmark database; return its URL."""
    url = database_url(db, name)
    if db == "sqlite":
        path = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    else:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "zorgvuldig_bench_{name}"')
            conn.execute(f'CREATE DATABASE "zorgvuldig_bench_{name}"')
    return url


def django_setup(url: str) -> None:
    os.environ["ZORGVULDIG_MODE"] = "test"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("ZORGVULDIG_VAR_DIR", tempfile.mkdtemp(prefix="zorgvuldig-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "zorgvuldig.conf.settings"
    import django

    django.setup()


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def percentiles(latencies: list[float]) -> tuple[float, float]:
    if not latencies:
        return 0.0, 0.0
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return round(statistics.median(ordered) * 1000, 3), round(p99 * 1000, 3)


class Stopwatch:
    def __init__(self):
        self.total = 0.0

    def __enter__(self):
        self._start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.total += time.perf_counter() - self._start


def commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
        )
        return out.stdout.strip() or "unknown"
    except OSError:
        return "unknown"


def schrijf(
    naam: str,
    db: str,
    size: int,
    value: float,
    unit: str,
    baseline: float,
    goal: dict,
    ratio: float | None = None,
    **extra,
) -> dict:
    """Write benchmarks/results/<naam>-<db>.json in the DESIGN §7 format and return it.

    `ratio` defaults to value/baseline; pass it where the goal's ratio is another one (match_lookup:
    p50 at the large size over p50 at 10k)."""
    if ratio is None:
        ratio = round(value / baseline, 3) if baseline else None
        if unit == "s":  # time: lower is better, so the ratio is baseline/value
            ratio = round(baseline / value, 3) if value else None
    result = {
        "name": naam,
        "db": db,
        "size": size,
        "value": round(value, 3),
        "unit": unit,
        "baseline": round(baseline, 3),
        "ratio": ratio,
        "goal": goal,
        **extra,
        "machine": f"{os.cpu_count()} cores",
        "commit": commit(),
        "date": dt.date.today().isoformat(),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{naam}-{db}.json").write_text(json.dumps(result, indent=2) + "\n")
    return result
