"""The management reports over N signals and N dossiers vs the same aggregates as plain SQL (RP-02, RP-03).

* app — what `GET /rapportages/verwijsindex?groepering=soort,organisatie,maand` and
  `GET /rapportages/dossiers?groepering=status,kader,organisatie,maand` do for the FG, one after the
  other: `rapportages.selectors.lees` (the reader's organisations, the VI-25 per-organisation look-ups,
  one GROUP BY per report with the month truncated in Europe/Amsterdam, the live-match subquery, the
  full cross table, `policies.onderdruk`, and the audit entry of the reading). Not included: HTTP,
  authentication, JSON rendering.
* raw — plain SQL on the same connection and role (PostgreSQL: the runtime role, row-level security in
  force, the same tenancy setting as the app path uses for each report): the same two aggregates written
  by hand — the active filter, the live-match subquery (HAVING COUNT(DISTINCT organisatie) ≥ 2), the same
  GROUP BY — and the rows fetched. No cross table, no suppression, no audit: that is what the ratio prices.

Fill (COPY on PostgreSQL, executemany on SQLite, as toegang_toestemming.vul): one controller with three
organisations, a team and a signaler each and an FG; N signals over the last 400 days (90 % active, 5 %
withdrawn, 5 % draft; removal date 6 months after signalling, so about half has expired), every 10th pair
of two organisations sharing a match (N/20 matches); N dossiers over the last 400 days, states spread over
the six, frames 80/15/5 % voluntary/pressure/coercion. Then VACUUM ANALYZE / ANALYZE.

Measures, alternating which path goes first per round: p50/p99 per op (both reports). Memory: the
process's RSS high-water mark over one app op after resetting it (/proc/self/clear_refs, Linux) minus the
RSS before, and tracemalloc's peak over one app op (Python allocations). Goals (issue 9): app p50 ≤ 2 ×
raw p50 (`ratio_max`), memory of a report ≤ 300 MB (`rss_mb_max`).

`python -m benchmarks.rapportage DB [SIZE] [ROUNDS]` (DB sqlite|postgres; SIZE default 1,000,000).
PostgreSQL: a fresh database through BENCH_PG_ADMIN_URL, or DATABASE_URL's server and role when that is
not set (as benchmarks/bewaren.py); ZORGVULDIG_DB_RUNTIME_ROLE names the runtime role.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
import time
import tracemalloc
import uuid
from pathlib import Path

from benchmarks import harness, vi_regio
from benchmarks.bewaren import _database, _rss_piek_mb, _rss_reset, als_rol
from benchmarks.toegang_toestemming import Tabel, schrijf, volgend_id, vul

NAAM = "rapportage"
DAGEN = 400
ORGANISATIES = [("wijkteam", "gemeentelijk_team"), ("jeugdhulp", "jeugdhulp"), ("school", "school")]
STATUSSEN = [
    "geregistreerd",
    "vraagverheldering",
    "plan_vastgesteld",
    "monitoring",
    "plan_herzien",
    "gesloten",
]
KADERS = ["vrijwillig"] * 16 + ["drang"] * 3 + ["dwang"]
VI_GROEPERING = ["soort", "organisatie", "maand"]
DOSSIER_GROEPERING = ["status", "kader", "organisatie", "maand"]

SET_CONFIG = (
    "SELECT set_config('zorgvuldig.organisatie', %s, false), set_config('zorgvuldig.gebruiker', %s, false),"
    " set_config('zorgvuldig.systeem', %s, false), set_config('zorgvuldig.fg_verantwoordelijke', %s, false)"
)
# PostgreSQL: month in Europe/Amsterdam as the ORM's TruncMonth(tzinfo=…) writes it.
RAW_VI = {
    "postgres": (
        "SELECT s.organisatie_id,"
        " DATE_TRUNC('month', s.signaleringstijdstip AT TIME ZONE 'Europe/Amsterdam'),"
        " COUNT(*), COUNT(*) FILTER (WHERE s.match_id IN ("
        "  SELECT x.match_id FROM verwijsindex_signaal x"
        "  WHERE x.status = 'actief' AND x.verwijderdatum > %s AND x.match_id IS NOT NULL"
        "  GROUP BY x.match_id HAVING COUNT(DISTINCT x.organisatie_id) >= 2))"
        " FROM verwijsindex_signaal s"
        " WHERE s.status = 'actief' AND s.verwijderdatum > %s AND s.organisatie_id IN (%s, %s, %s)"
        " AND s.signaleringstijdstip >= %s AND s.signaleringstijdstip < %s"
        " GROUP BY 1, 2"
    ),
    "sqlite": (
        "SELECT s.organisatie_id,"
        " django_datetime_trunc('month', s.signaleringstijdstip, 'Europe/Amsterdam', 'UTC'),"
        " COUNT(*), COUNT(*) FILTER (WHERE s.match_id IN ("
        "  SELECT x.match_id FROM verwijsindex_signaal x"
        "  WHERE x.status = 'actief' AND x.verwijderdatum > %s AND x.match_id IS NOT NULL"
        "  GROUP BY x.match_id HAVING COUNT(DISTINCT x.organisatie_id) >= 2))"
        " FROM verwijsindex_signaal s"
        " WHERE s.status = 'actief' AND s.verwijderdatum > %s AND s.organisatie_id IN (%s, %s, %s)"
        " AND s.signaleringstijdstip >= %s AND s.signaleringstijdstip < %s"
        " GROUP BY 1, 2"
    ),
}
RAW_DOSSIERS = {
    "postgres": (
        "SELECT d.status, d.kader, d.organisatie_id, DATE_TRUNC('month', d.geopend_op), COUNT(*)"
        " FROM dossiers_dossier d"
        " WHERE d.organisatie_id IN (%s, %s, %s) AND d.geopend_op >= %s AND d.geopend_op <= %s"
        " GROUP BY 1, 2, 3, 4"
    ),
    "sqlite": (
        "SELECT d.status, d.kader, d.organisatie_id,"
        " django_date_trunc('month', d.geopend_op, NULL, NULL), COUNT(*)"
        " FROM dossiers_dossier d"
        " WHERE d.organisatie_id IN (%s, %s, %s) AND d.geopend_op >= %s AND d.geopend_op <= %s"
        " GROUP BY 1, 2, 3, 4"
    ),
}


class Regio:
    """One controller, three organisations with a team and a signaler each, and the controller's FG."""

    def __init__(self):
        from zorgvuldig.core import tenancy
        from zorgvuldig.core.context import Actor
        from zorgvuldig.organisaties.models import Gebruiker, Organisatie, Team, Verwerkingsverantwoordelijke

        tenancy.activeer(Actor.systeem())
        self.vv = Verwerkingsverantwoordelijke.objects.create(code="bench-gemeente", naam="Bench gemeente")
        self.organisaties, self.teams, self.signaleerders = [], [], []
        for code, soort in ORGANISATIES:
            org = Organisatie.objects.create(
                verwerkingsverantwoordelijke=self.vv, code=f"bench-{code}", naam=f"Bench {code}", type=soort
            )
            self.organisaties.append(org)
            self.teams.append(
                Team.objects.create(organisatie=org, code=f"bench-{code}-team", naam=f"Team {code}")
            )
            self.signaleerders.append(
                Gebruiker.objects.create(
                    email=f"signaleerder@{code}.example.org",
                    password="!",  # unusable: nobody logs in
                    naam=f"Signaleerder {code}",
                    organisatie=org,
                    rollen=["medewerker"],
                )
            )
        self.fg = Gebruiker.objects.create(
            email="fg@gemeente.example.org",
            password="!",
            naam="FG",
            organisatie=self.organisaties[0],
            rollen=["fg"],
        )

    def actor(self):
        from zorgvuldig.core.context import Actor
        from zorgvuldig.organisaties.models import Gebruiker

        return Actor.voor(Gebruiker.objects.select_related("organisatie").get(pk=self.fg.pk))


def _tijdstip(vandaag: dt.date, rng: random.Random) -> dt.datetime:
    dag = vandaag - dt.timedelta(days=rng.randrange(DAGEN))
    return dt.datetime.combine(dag, dt.time(8), tzinfo=dt.UTC) + dt.timedelta(minutes=rng.randrange(600))


def _stappen(regio: Regio, n: int, rng: random.Random, vandaag: dt.date):
    from zorgvuldig.dossiers.models import Dossier
    from zorgvuldig.verwijsindex.models import Match, Signaal

    nu = dt.datetime.now(dt.UTC)
    matches = Tabel(Match, status="nieuw", aangemaakt=nu, gewijzigd=nu)
    m0 = volgend_id(Match)
    aantal_matches = n // 20
    match_rijen = (
        matches.rij(id=m0 + i, uuid=uuid.uuid4(), bsn_index=f"{rng.getrandbits(128):032x}")
        for i in range(aantal_matches)
    )
    signalen = Tabel(
        Signaal,
        verwerkingsverantwoordelijke_id=regio.vv.pk,
        organisatie_id=regio.organisaties[0].pk,
        signaleerder_id=regio.signaleerders[0].pk,
        bsn_versleuteld="v1:" + "x" * 80,
        aangemaakt=nu,
        gewijzigd=nu,
    )
    s0 = volgend_id(Signaal)

    def signaal_rijen():
        for i in range(n):
            o = i % 3
            # a pair of two organisations (i % 3 differs for i and i + 1) shares a match
            match = m0 + i // 20 if i % 20 in (0, 1) and i // 20 < aantal_matches else None
            r = rng.random()
            status = "actief" if r < 0.9 else ("ingetrokken" if r < 0.95 else "concept")
            tijdstip = _tijdstip(vandaag, rng) if status != "concept" else None
            yield signalen.rij(
                id=s0 + i,
                uuid=uuid.uuid4(),
                deelnemer_uuid=uuid.uuid4(),
                organisatie_id=regio.organisaties[o].pk,
                signaleerder_id=regio.signaleerders[o].pk,
                status=status,
                bsn_index=f"{rng.getrandbits(128):032x}",
                signaleringstijdstip=tijdstip,
                verwijderdatum=(tijdstip.date() + dt.timedelta(days=182)) if tijdstip else None,
                match_id=match,
            )

    dossiers = Tabel(
        Dossier,
        verwerkingsverantwoordelijke_id=regio.vv.pk,
        organisatie_id=regio.organisaties[0].pk,
        team_id=regio.teams[0].pk,
        aangemaakt_door_id=regio.signaleerders[0].pk,
        soort="individueel",
        status="geregistreerd",
        kader="vrijwillig",
        geopend_op=vandaag,
        aangemaakt=nu,
        gewijzigd=nu,
    )
    d0 = volgend_id(Dossier)

    def dossier_rijen():
        for i in range(n):
            o = i % 3
            yield dossiers.rij(
                id=d0 + i,
                uuid=uuid.uuid4(),
                kenmerk=f"B{d0 + i:010d}",
                organisatie_id=regio.organisaties[o].pk,
                team_id=regio.teams[o].pk,
                aangemaakt_door_id=regio.signaleerders[o].pk,
                status=rng.choice(STATUSSEN),
                kader=rng.choice(KADERS),
                geopend_op=vandaag - dt.timedelta(days=rng.randrange(DAGEN)),
            )

    return [(matches, match_rijen), (signalen, signaal_rijen()), (dossiers, dossier_rijen())]


def app(actor) -> tuple[object, object]:
    """Both reports as the API serves them to the FG (audited)."""
    from zorgvuldig.rapportages import selectors

    vi = selectors.lees(actor, "verwijsindex", vanaf=None, tot=None, groepering=VI_GROEPERING)
    dos = selectors.lees(actor, "dossiers", vanaf=None, tot=None, groepering=DOSSIER_GROEPERING)
    return vi, dos


def _periode(vandaag: dt.date) -> tuple[dt.date, dt.date]:
    """The reports' default period (`rapportages.policies.periode`): the twelve whole months before the
    running one (RP-03)."""
    from zorgvuldig.rapportages import policies

    periode = policies.periode(None, None, vandaag=vandaag)
    return periode.vanaf, periode.tot


def raw(actor, db: str) -> tuple[list, list]:
    """The same two aggregates in plain SQL, each under the tenancy the app path uses for it."""
    from django.db import connection

    from zorgvuldig.core import tenancy
    from zorgvuldig.core.clock import AMSTERDAM

    vandaag = dt.date.today()
    vanaf, tot = _periode(vandaag)
    orgs = [o.pk for o in actor_organisaties(actor)]
    van = dt.datetime.combine(vanaf, dt.time.min, tzinfo=AMSTERDAM)
    tot_excl = dt.datetime.combine(tot + dt.timedelta(days=1), dt.time.min, tzinfo=AMSTERDAM)
    adapt_dt, adapt_d = connection.ops.adapt_datetimefield_value, connection.ops.adapt_datefield_value
    pg = connection.vendor == "postgresql"
    with connection.cursor() as cur:
        if pg:  # the VI report runs in the system context (a match's other signals, VI-11)
            cur.execute(SET_CONFIG, ["", "", "aan", ""])
        cur.execute(
            RAW_VI[db],
            [adapt_d(vandaag), adapt_d(vandaag), *orgs, adapt_dt(van), adapt_dt(tot_excl)],
        )
        vi = cur.fetchall()
        if pg:  # the other reports run as the reader (the FG's setting), RLS in force
            cur.execute(
                SET_CONFIG,
                [
                    str(actor.organisatie.pk),
                    str(actor.gebruiker.pk),
                    "",
                    str(actor.verwerkingsverantwoordelijke_id),
                ],
            )
        cur.execute(RAW_DOSSIERS[db], [*orgs, adapt_d(vanaf), adapt_d(tot)])
        dos = cur.fetchall()
    setattr(connection, tenancy._ATTR, None)
    return vi, dos


def actor_organisaties(actor):
    from zorgvuldig.organisaties.models import Organisatie

    return list(
        Organisatie.objects.filter(verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id)
    )


def _controleer(actor, db: str) -> dict:
    """The app's published counts equal the plain SQL's where not suppressed (same aggregate)."""
    from zorgvuldig.core.clock import AMSTERDAM

    vi, dos = app(actor)
    vi_raw, dos_raw = raw(actor, db)
    namen = {o.pk: o.naam for o in actor_organisaties(actor)}

    def maand(w) -> str:
        if isinstance(w, str):
            return w[:7]
        if isinstance(w, dt.datetime) and w.tzinfo:
            w = w.astimezone(AMSTERDAM)
        return f"{w.year:04d}-{w.month:02d}"

    verwacht: dict = {}
    for org, m, n, matches in vi_raw:
        verwacht[("signalen", namen[org], maand(m))] = n
        verwacht[("matches", namen[org], maand(m))] = matches
    verschil = sum(
        1
        for c in vi.cellen
        if c.aantal is not None and c.aantal != verwacht.get(c.dimensies, 0)  # type: ignore[attr-defined]
    )
    verwacht = {}
    for status, kader, org, m, n in dos_raw:
        verwacht[(status, kader, namen[org], maand(m))] = n
    verschil += sum(
        1
        for c in dos.cellen
        if c.aantal is not None and c.aantal != verwacht.get(c.dimensies, 0)  # type: ignore[attr-defined]
    )
    if verschil:
        raise SystemExit(f"{NAAM}: app and plain SQL disagree in {verschil} cells")
    return {
        "vi_cells": len(vi.cellen),  # type: ignore[attr-defined]
        "vi_counted": sum(r[2] for r in vi_raw),
        "dossier_cells": len(dos.cellen),  # type: ignore[attr-defined]
        "dossiers_counted": sum(r[4] for r in dos_raw),
        "suppressed_cells": sum(c.onderdrukt for c in [*vi.cellen, *dos.cellen]),  # type: ignore[attr-defined]
    }


def _geheugen(actor) -> dict:
    """RSS high-water mark over one app op (after a reset) minus the RSS before; tracemalloc's peak."""
    import gc

    gc.collect()
    voor = _rss_nu_mb()
    gereset = _rss_reset()
    app(actor)
    piek = _rss_piek_mb()
    tracemalloc.start()
    app(actor)
    _nu, tm_piek = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "rss_before_mb": voor,
        "rss_peak_mb": piek,
        "rss_delta_mb": round(piek - voor, 1) if gereset else None,
        "tracemalloc_peak_mb": round(tm_piek / 2**20, 2),
    }


def _rss_nu_mb() -> float:
    for regel in Path("/proc/self/status").read_text().splitlines():
        if regel.startswith("VmRSS:"):
            return round(int(regel.split()[1]) / 1024, 1)
    return harness.peak_rss_mb()


def _queries(actor) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from zorgvuldig.registers import services as registers
    from zorgvuldig.verwijsindex import selectors as vi

    vi.vergeet_cache()
    registers.vergeet_cache()
    with CaptureQueriesContext(connection) as ctx:
        app(actor)
    for q in ctx.captured_queries:
        print("  app query:", q["sql"][:400], file=sys.stderr)
    return len(ctx.captured_queries)


def main(db: str, size: int, rounds: int = 10) -> dict:
    belasting = vi_regio.belasting()
    rng = random.Random(20261127)
    url, rol = _database(db)
    harness.django_setup(url)
    harness.migrate()
    regio = Regio()
    vandaag = dt.date.today()
    t0 = time.perf_counter()
    aantallen = vul(db, url, _stappen(regio, size, rng, vandaag))
    vul_seconden = round(time.perf_counter() - t0, 1)
    print(f"{NAAM} {db}: fill {vul_seconden} s {aantallen}", file=sys.stderr)
    als_rol(rol)  # PostgreSQL: measured as the runtime role, RLS in force
    actor = regio.actor()
    controle = _controleer(actor, db)
    queries = _queries(actor)
    for _ in range(2):  # warm caches and buffers for both paths
        app(actor)
        raw(actor, db)
    lats: dict[str, list[float]] = {"app": [], "raw": []}
    t_meet = time.perf_counter()
    for r in range(rounds):
        for kind in ("app", "raw") if r % 2 == 0 else ("raw", "app"):
            t = time.perf_counter()
            app(actor) if kind == "app" else raw(actor, db)
            lats[kind].append(time.perf_counter() - t)
    meet_seconden = round(time.perf_counter() - t_meet, 1)
    geheugen = _geheugen(actor)
    p50, p99 = harness.percentiles(lats["app"])
    raw_p50, raw_p99 = harness.percentiles(lats["raw"])
    ratio = round(p50 / raw_p50, 3) if raw_p50 else None
    geheugen_mb = (
        geheugen["rss_delta_mb"] if geheugen["rss_delta_mb"] is not None else geheugen["tracemalloc_peak_mb"]
    )
    return schrijf(
        NAAM,
        db,
        size,
        p50,
        "ms",
        raw_p50,
        {"ratio_max": 2, "rss_mb_max": 300},
        ratio=ratio,
        ratio_desc="app p50 / raw p50 (the report path's cost as a multiple of the plain SQL aggregates)",
        value_desc="app p50 (ms) of one op: the FG's verwijsindex report (soort, organisatie, maand) and "
        "dossiers report (status, kader, organisatie, maand) through rapportages.selectors.lees: GROUP BY in "
        "the database, full cross table, RP-03 suppression, audit entry",
        baseline_desc="plain SQL on the same connection and role: the same two aggregates (active filter, "
        "live-match subquery, month in Europe/Amsterdam, GROUP BY), rows fetched; p50 ms",
        goal_met=bool(ratio is not None and ratio <= 2 and geheugen_mb <= 300),
        runtime_role=db == "postgres",
        p50_ms=p50,
        p99_ms=p99,
        baseline_p50_ms=raw_p50,
        baseline_p99_ms=raw_p99,
        report_memory_mb=geheugen_mb,
        memory=geheugen,
        queries_per_op=queries,
        signals=aantallen.get("verwijsindex_signaal", 0),
        dossiers=aantallen.get("dossiers_dossier", 0),
        matches=aantallen.get("verwijsindex_match", 0),
        check=controle,
        rounds=rounds,
        fill_seconds=vul_seconden,
        measure_seconds=meet_seconden,
        peak_rss_mb=harness.peak_rss_mb(),
        load_avg_1m=[belasting, vi_regio.belasting()],
    )


if __name__ == "__main__":
    print(
        json.dumps(
            main(
                sys.argv[1],
                int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000,
                int(sys.argv[3]) if len(sys.argv) > 3 else 10,
            )
        )
    )
