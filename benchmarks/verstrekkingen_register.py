"""The disclosure register's "everything provided to organisation X in period T" over 1M entries (issue 6).

* app — the FG's query as `GET /api/v1/verstrekkingen?ontvanger=…&datumVanaf=…&datumTot=…` runs it:
  `verstrekkingen.selectors.verstrekkingen_zichtbaar_voor(fg)` (the FG's controller on the connection,
  `select_related` recipient and person) + `filter_verstrekkingen(ontvanger=org, vanaf=…, tot=…)`,
  `order_by("-datum", "-id")`, one page of 50 through Django's paginator (the count, then the slice) and
  the rows fetched. Not included: the organisation look-up by uuid, rendering, and the per-row audit
  entries `log_verstrekkingen` writes (AU-01).
* raw — plain SQL on the same connection and role (row-level security in force under the same FG
  setting): the same COUNT(*) and the same SELECT with the same joins (the ORM's INNER JOIN of the
  recipient, LEFT JOIN of the person), WHERE, ORDER BY and LIMIT.

The register is filled in bulk (COPY on PostgreSQL, executemany on SQLite) as the services write it:
`size` entries (default 1M) by 3 providing organisations (each its own controller), over the last 3
years, about 20k persons of those organisations (5 % VI match notices without a person record, by blind
index), to 50 recipient organisations with a Zipf-like spread (the largest receives about a fifth). After
the fill: VACUUM ANALYZE and a CHECKPOINT / ANALYZE and a WAL checkpoint.

Each lookup: a random recipient of the 50 (uniform) and a period of a month, a quarter, a year or all
3 years at a random start. Rounds alternate which path goes first; both use the same sample.
Goal: app p99 < 1 s. `python -m benchmarks.verstrekkingen_register DB [SIZE]`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import sys
import time
import uuid

from benchmarks import harness, vi_regio
from benchmarks.toegang_toestemming import ORGANISATIES, Tabel, ontvangers, schrijf, volgend_id, vul

NAAM = "verstrekkingen_register"
PAGINA = 50
PERIODES = (31, 91, 365, 3 * 365)
BRONNEN = ["deelbesluit"] * 17 + ["toedeling"] * 2 + ["vi_match"]
GRONDEN = ["g1_toestemming", "g2_wettelijke_taak", "g5_wettelijke_plicht", "conflict_van_plichten"]
DOELEN = ["gegevensdeling", "sociaal-domein-ondersteuning", "verwijsindex"]
CATEGORIEEN = ["schoolgegevens", "verzuim", "gezinssituatie", "huisvesting", "inkomen", "veiligheid"]

_WHERE = (
    " WHERE v.verwerkingsverantwoordelijke_id = %s AND v.ontvanger_organisatie_id = %s"
    " AND v.datum >= %s AND v.datum <= %s"
)
RAW_COUNT = "SELECT COUNT(*) FROM verstrekkingen_verstrekking v" + _WHERE
RAW_PAGINA = (
    "SELECT v.*, o.*, p.* FROM verstrekkingen_verstrekking v"
    " INNER JOIN organisaties_organisatie o ON o.id = v.ontvanger_organisatie_id"
    " LEFT OUTER JOIN personen_persoon p ON p.id = v.persoon_id"
    + _WHERE
    + " ORDER BY v.datum DESC, v.id DESC"
    f" LIMIT {PAGINA}"
)
SET_CONFIG = (
    "SELECT set_config('zorgvuldig.organisatie', %s, false), set_config('zorgvuldig.gebruiker', %s, false),"
    " set_config('zorgvuldig.systeem', %s, false), set_config('zorgvuldig.fg_verantwoordelijke', %s, false)"
)


class Regio:
    """3 providing organisations, each its own controller, with an FG."""

    def __init__(self):
        from zorgvuldig.core import tenancy
        from zorgvuldig.core.context import Actor
        from zorgvuldig.organisaties.models import Gebruiker, Organisatie, Verwerkingsverantwoordelijke

        tenancy.activeer(Actor.systeem())
        self.organisaties, self.fg = [], []
        for code, soort in ORGANISATIES:
            vv = Verwerkingsverantwoordelijke.objects.create(code=f"bench-{code}", naam=f"Bench {code}")
            org = Organisatie.objects.create(
                verwerkingsverantwoordelijke=vv, code=f"bench-{code}", naam=f"Bench {code}", type=soort
            )
            self.organisaties.append(org)
            self.fg.append(
                Gebruiker.objects.create(
                    email=f"fg@{code}.example.org",
                    password="!",  # unusable: nobody logs in
                    naam=f"FG {code}",
                    organisatie=org,
                    rollen=["fg"],
                )
            )

    def actor(self, i: int = 0):
        from zorgvuldig.core.context import Actor
        from zorgvuldig.organisaties.models import Gebruiker

        return Actor.voor(Gebruiker.objects.select_related("organisatie").get(pk=self.fg[i].pk))


def _stappen(regio: Regio, size: int, personen: int, ontv: list, rng: random.Random):
    from zorgvuldig.personen.models import Persoon
    from zorgvuldig.verstrekkingen.models import Verstrekking

    vandaag = dt.date.today()
    orgs = regio.organisaties
    vv = [o.verwerkingsverantwoordelijke_id for o in orgs]
    p0, v0 = volgend_id(Persoon), volgend_id(Verstrekking)
    t_persoon = Tabel(
        Persoon, verwerkingsverantwoordelijke_id=vv[0], organisatie_id=orgs[0].pk, geslachtsnaam="x"
    )
    begin = dt.datetime.combine(vandaag - dt.timedelta(days=4 * 365), dt.time(9), tzinfo=dt.UTC)

    def persoon_rijen():
        for i in range(personen):
            o = i % 3
            yield t_persoon.rij(
                id=p0 + i,
                uuid=uuid.uuid4(),
                aangemaakt=begin,
                gewijzigd=begin,
                verwerkingsverantwoordelijke_id=vv[o],
                organisatie_id=orgs[o].pk,
                bsn_ontbreekt_reden="Nog niet bekend",
                voornamen=f"Client {i}",
                geslachtsnaam=f"Achternaam{i % 997}",
                geboortedatum=dt.date(2005, 1, 1) + dt.timedelta(days=rng.randrange(6000)),
            )

    t_verstrekking = Tabel(Verstrekking, verwerkingsverantwoordelijke_id=vv[0], organisatie_id=orgs[0].pk)
    gewichten = [1 / (k + 1) for k in range(len(ontv))]  # Zipf-like: Veilig Thuis gets the most
    ontvanger_ids = [o.pk for o in ontv]
    namen = {o.pk: o.naam for o in ontv}

    def verstrekkingen():
        kies = rng.choices(ontvanger_ids, weights=gewichten, k=size)
        for j in range(size):
            k = rng.randrange(personen)
            o = k % 3
            datum = vandaag - dt.timedelta(days=rng.randrange(3 * 365))
            bron = rng.choice(BRONNEN)
            moment = dt.datetime.combine(datum, dt.time(10), tzinfo=dt.UTC)
            vi = bron == "vi_match"
            yield t_verstrekking.rij(
                id=v0 + j,
                uuid=uuid.uuid4(),
                aangemaakt=moment,
                gewijzigd=moment,
                verwerkingsverantwoordelijke_id=vv[o],
                organisatie_id=orgs[o].pk,
                bron=bron,
                herkomst=f"{bron}:{uuid.uuid4()}",
                persoon_id=None if vi else p0 + k,
                bsn_index=f"1:{hashlib.sha256(str(k).encode()).hexdigest()}" if vi else "",
                ontvanger_organisatie_id=kies[j],
                ontvanger_naam=namen[kies[j]],
                datum=datum,
                gegevens=sorted(rng.sample(CATEGORIEEN, rng.randrange(1, 4))),
                doel="verwijsindex" if vi else rng.choice(DOELEN[:2]),
                grond="vi_match" if vi else rng.choice(GRONDEN),
            )

    return [(t_persoon, persoon_rijen()), (t_verstrekking, verstrekkingen())]


def _zoekvragen(ontv: list, n: int, rng: random.Random) -> list[tuple]:
    """(organisation, from, to) per lookup: a recipient at random, a month, quarter, year or 3 years."""
    vandaag = dt.date.today()
    uit = []
    for _ in range(n):
        org = rng.choice(ontv)
        lengte = rng.choice(PERIODES)
        tot = vandaag - dt.timedelta(days=rng.randrange(0, max(1, 3 * 365 - lengte + 1)))
        uit.append((org, tot - dt.timedelta(days=lengte - 1), tot))
    return uit


def pagina(actor, org, vanaf, tot) -> tuple[int, list]:
    """The FG's page as the API builds it: count, then the first page's rows."""
    from django.core.paginator import Paginator

    from zorgvuldig.verstrekkingen import selectors

    qs = selectors.filter_verstrekkingen(
        selectors.verstrekkingen_zichtbaar_voor(actor), ontvanger=org, vanaf=vanaf, tot=tot
    ).order_by("-datum", "-id")
    p = Paginator(qs, PAGINA).page(1)
    return p.paginator.count, list(p.object_list)


def _app(actor, vragen, aantallen: list | None = None) -> list[float]:
    lat = []
    for org, vanaf, tot in vragen:
        t0 = time.perf_counter()
        n, _rijen = pagina(actor, org, vanaf, tot)
        lat.append(time.perf_counter() - t0)
        if aantallen is not None:
            aantallen.append(n)
    return lat


def _raw(actor, vragen) -> list[float]:
    from django.db import connection

    from zorgvuldig.core import tenancy

    vv = actor.verwerkingsverantwoordelijke_id
    datum = connection.ops.adapt_datefield_value
    lat = []
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":  # the FG's setting, as tenancy.activeer sets it
            cur.execute(SET_CONFIG, [str(actor.organisatie.pk), str(actor.gebruiker.pk), "", str(vv)])
        for org, vanaf, tot in vragen:
            t0 = time.perf_counter()
            params = [vv, org.pk, datum(vanaf), datum(tot)]
            cur.execute(RAW_COUNT, params)
            n = cur.fetchone()[0]
            if n:
                cur.execute(RAW_PAGINA, params)
                cur.fetchall()
            lat.append(time.perf_counter() - t0)
    setattr(connection, tenancy._ATTR, None)
    return lat


def _per_op(actor, vraag) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        pagina(actor, *vraag)
    for q in ctx.captured_queries:
        print("  app query:", q["sql"], file=sys.stderr)
    return len(ctx.captured_queries)


def _plannen(actor, vraag) -> None:
    """EXPLAIN ANALYZE of the raw statements for the largest recipient over 3 years (stderr)."""
    from django.db import connection

    from zorgvuldig.core import tenancy

    org, vanaf, tot = vraag
    vv = actor.verwerkingsverantwoordelijke_id
    datum = connection.ops.adapt_datefield_value
    pg = connection.vendor == "postgresql"
    voor = "EXPLAIN (ANALYZE, BUFFERS) " if pg else "EXPLAIN QUERY PLAN "
    with connection.cursor() as cur:
        if pg:
            cur.execute(SET_CONFIG, [str(actor.organisatie.pk), str(actor.gebruiker.pk), "", str(vv)])
        for sql in (RAW_COUNT, RAW_PAGINA):
            cur.execute(voor + sql, [vv, org.pk, datum(vanaf), datum(tot)])
            print("  plan:", sql[:60], file=sys.stderr)
            for regel in cur.fetchall():
                print("    ", " | ".join(str(x) for x in regel), file=sys.stderr)
    setattr(connection, tenancy._ATTR, None)


def main(db: str, size: int, rounds: int = 6, lookups: int = 1200) -> dict:
    belasting = vi_regio.belasting()
    rng = random.Random(20261207)
    url = harness.nieuwe_database(db, "verstrekkingen")
    vi_regio.runtime_url(db, url)
    harness.django_setup(url)
    harness.migrate()
    regio = Regio()
    ontv = ontvangers(50)
    personen = max(100, min(20_000, size // 50))
    t0 = time.perf_counter()
    aantallen = vul(db, url, _stappen(regio, size, personen, ontv, rng))
    vul_seconden = round(time.perf_counter() - t0, 1)
    print(f"{NAAM} {db}: fill {vul_seconden} s {aantallen}", file=sys.stderr)
    vi_regio.als_runtime_rol()  # PostgreSQL: measured as the runtime role, RLS in force
    actor = regio.actor(0)

    vragen = _zoekvragen(ontv, lookups + 40, rng)
    warm, vragen = vragen[:40], vragen[40:]
    vandaag = dt.date.today()
    queries = _per_op(actor, (ontv[0], vandaag - dt.timedelta(days=364), vandaag))
    _app(actor, warm[:20])
    _raw(actor, warm[20:])
    per_round = max(1, len(vragen) // rounds)
    lats: dict[str, list[float]] = {"app": [], "raw": []}
    treffers: list[int] = []
    t_meet = time.perf_counter()
    for r in range(rounds):
        sample = vragen[r * per_round : (r + 1) * per_round]
        for kind in ("app", "raw") if r % 2 == 0 else ("raw", "app"):
            lats[kind] += _app(actor, sample, treffers) if kind == "app" else _raw(actor, sample)
    meet_seconden = round(time.perf_counter() - t_meet, 1)
    _plannen(actor, (ontv[0], vandaag - dt.timedelta(days=3 * 365 - 1), vandaag))
    p50, p99 = harness.percentiles(lats["app"])
    raw_p50, raw_p99 = harness.percentiles(lats["raw"])
    treffers.sort()
    return schrijf(
        NAAM,
        db,
        size,
        p50,
        "ms",
        raw_p50,
        {"p99_ms_max": 1000},
        ratio=round(raw_p50 / p50, 3) if p50 else None,
        ratio_desc="raw p50 / app p50 (the app path's speed as a fraction of plain SQL's)",
        value_desc="app p50 (ms): verstrekkingen_zichtbaar_voor(FG) + filter_verstrekkingen(ontvanger, "
        f"vanaf, tot) ordered -datum, -id; count + first page of {PAGINA} through Django's paginator",
        baseline_desc="plain SQL on the same connection and role (RLS, the FG's setting): the same COUNT(*) "
        "and SELECT (same joins, WHERE, ORDER BY, LIMIT); p50 ms",
        goal_met=p99 < 1000,
        runtime_role=db == "postgres",
        p50_ms=p50,
        p99_ms=p99,
        baseline_p50_ms=raw_p50,
        baseline_p99_ms=raw_p99,
        ratio_p99=round(raw_p99 / p99, 3) if p99 else None,
        max_ms=round(max(lats["app"]) * 1000, 3),
        baseline_max_ms=round(max(lats["raw"]) * 1000, 3),
        queries_per_op=queries,
        rows_matched={
            "p50": treffers[len(treffers) // 2],
            "p99": treffers[min(len(treffers) - 1, int(len(treffers) * 0.99))],
            "max": treffers[-1],
        },
        entries=aantallen.get("verstrekkingen_verstrekking", 0),
        recipients=len(ontv),
        persons=personen,
        lookups=len(lats["app"]),
        rounds=rounds,
        fill_seconds=vul_seconden,
        measure_seconds=meet_seconden,
        peak_rss_mb=harness.peak_rss_mb(),
        load_avg_1m=[belasting, vi_regio.belasting()],
    )


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000)))
