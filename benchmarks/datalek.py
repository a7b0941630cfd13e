"""The breach question "which persons and records did account X read or share in period T" (RG-03, issue 9)
over `size` audit entries and `size` disclosures (default 1M each).

* app — `datalekken.selectors.getroffen_voor(fg, Afbakening(account, vanaf, tot[, ontvanger]))`, as the FG's
  `_analyseren` runs it (without the audit entries and the counts it stores): the account's executed
  audit entries in the period (records; subject pseudonyms with the persons they lead to through
  the mapping), the provisions the account made (its audit entries naming a provision, looked up by
  uuid) and, for a third of the lookups, the provisions to a recipient organisation in the period; then
  the person rows (name) and the recipients through the ORM.
* raw — the same statements on the same connection and role (row-level security in force under the
  FG's setting) and a plain SELECT of the persons by id.

The fill, in bulk (COPY on PostgreSQL, executemany on SQLite): one controller with an FG and 200 staff
accounts, persons (size/20, 100 … 50k) each with an AU-07 pseudonym, `size` provisions by those accounts
to 50 recipient organisations (Zipf-like) over 3 years, and `size` audit entries over 3 years by the
accounts with a Zipf-like activity (the busiest account has about a sixth of all entries): four in five
read a person record, one in five registers one of the provisions. VACUUM ANALYZE / ANALYZE after.

Each lookup: an account (uniform), a period of a day, a week, a month or a quarter at a random start.
Rounds alternate which path goes first. Goal: app p99 < 1 s.
`python -m benchmarks.datalek sqlite|postgres [SIZE]`.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import secrets
import sys
import time
import uuid

from benchmarks import harness, vi_regio
from benchmarks.toegang_toestemming import Tabel, ontvangers, schrijf, volgend_id, vul

NAAM = "datalek_getroffen"
ACCOUNTS = 200
PERIODES = (1, 7, 31, 91)
JAREN = 3
SET_CONFIG = (
    "SELECT set_config('zorgvuldig.organisatie', %s, false), set_config('zorgvuldig.gebruiker', %s, false),"
    " set_config('zorgvuldig.systeem', %s, false), set_config('zorgvuldig.fg_verantwoordelijke', %s, false)"
)


class Regio:
    """One controller (a municipality's wijkteam) with an FG and `ACCOUNTS` staff accounts."""

    def __init__(self):
        from zorgvuldig.core import tenancy
        from zorgvuldig.core.context import Actor
        from zorgvuldig.organisaties.models import Gebruiker, Organisatie, Verwerkingsverantwoordelijke

        tenancy.activeer(Actor.systeem())
        self.vv = Verwerkingsverantwoordelijke.objects.create(code="bench-gemeente", naam="Bench gemeente")
        self.org = Organisatie.objects.create(
            verwerkingsverantwoordelijke=self.vv,
            code="bench-wijkteam",
            naam="Bench wijkteam",
            type="gemeentelijk_team",
        )
        self.fg = Gebruiker.objects.create(
            email="fg@bench.example.org", password="!", naam="FG", organisatie=self.org, rollen=["fg"]
        )
        Gebruiker.objects.bulk_create(
            [
                Gebruiker(
                    email=f"prof{k}@bench.example.org",
                    password="!",  # unusable: nobody logs in
                    naam=f"Professional {k}",
                    organisatie=self.org,
                    rollen=["medewerker"],
                )
                for k in range(ACCOUNTS)
            ]
        )
        self.accounts = list(Gebruiker.objects.filter(email__startswith="prof").order_by("id"))

    def actor(self):
        from zorgvuldig.core.context import Actor
        from zorgvuldig.organisaties.models import Gebruiker

        return Actor.voor(Gebruiker.objects.select_related("organisatie").get(pk=self.fg.pk))


def _stappen(regio: Regio, size: int, personen: int, ontv: list, rng: random.Random):
    from zorgvuldig.audit.models import AuditRegel, Pseudoniem
    from zorgvuldig.personen.models import Persoon
    from zorgvuldig.verstrekkingen.models import Verstrekking

    nu = dt.datetime.now(dt.UTC)
    begin = nu - dt.timedelta(days=JAREN * 365)
    spanne = int((nu - begin).total_seconds())
    vv, org = regio.vv, regio.org
    p0, v0, a0, m0 = (
        volgend_id(Persoon),
        volgend_id(Verstrekking),
        volgend_id(AuditRegel),
        volgend_id(Pseudoniem),
    )
    persoon_uuid = [uuid.uuid4() for _ in range(personen)]
    pseudo = [secrets.token_hex(16) for _ in range(personen)]
    gewichten = [1 / (k + 1) for k in range(ACCOUNTS)]  # Zipf-like activity
    accounts = [str(a.uuid) for a in regio.accounts]
    n_verstrekt = size
    v_uuid = [uuid.uuid4() for _ in range(n_verstrekt)]
    v_persoon = [rng.randrange(personen) for _ in range(n_verstrekt)]
    v_moment = [begin + dt.timedelta(seconds=rng.randrange(spanne)) for _ in range(n_verstrekt)]
    v_account = rng.choices(range(ACCOUNTS), weights=gewichten, k=n_verstrekt)

    t_persoon = Tabel(
        Persoon, verwerkingsverantwoordelijke_id=vv.pk, organisatie_id=org.pk, geslachtsnaam="x"
    )

    def persoon_rijen():
        for i in range(personen):
            yield t_persoon.rij(
                id=p0 + i,
                uuid=persoon_uuid[i],
                aangemaakt=begin,
                gewijzigd=begin,
                bsn_ontbreekt_reden="Nog niet bekend",
                voornamen=f"Client {i}",
                geslachtsnaam=f"Achternaam{i % 997}",
                geboortedatum=dt.date(2005, 1, 1) + dt.timedelta(days=rng.randrange(6000)),
            )

    t_pseudo = Tabel(Pseudoniem, sleutel="x", pseudoniem="x")

    def pseudo_rijen():
        for i in range(personen):
            yield t_pseudo.rij(id=m0 + i, sleutel=f"persoon:{persoon_uuid[i]}", pseudoniem=pseudo[i])

    t_verstrekking = Tabel(Verstrekking, verwerkingsverantwoordelijke_id=vv.pk, organisatie_id=org.pk)
    ontv_gewichten = [1 / (k + 1) for k in range(len(ontv))]
    kies_ontv = rng.choices([o.pk for o in ontv], weights=ontv_gewichten, k=n_verstrekt)
    namen = {o.pk: o.naam for o in ontv}

    def verstrekking_rijen():
        for j in range(n_verstrekt):
            moment = v_moment[j]
            yield t_verstrekking.rij(
                id=v0 + j,
                uuid=v_uuid[j],
                aangemaakt=moment,
                gewijzigd=moment,
                bron="deelbesluit",
                herkomst=f"deelbesluit:{uuid.uuid4()}",
                persoon_id=p0 + v_persoon[j],
                ontvanger_organisatie_id=kies_ontv[j],
                ontvanger_naam=namen[kies_ontv[j]],
                datum=moment.date(),
                gegevens=["schoolgegevens"],
                doel="gegevensdeling",
                grond="g1_toestemming",
            )

    t_audit = Tabel(
        AuditRegel,
        tijdstip=begin,
        trace_id="0" * 32,
        span_id="0" * 16,
        verwerkingsactiviteit="sociaal-domein-ondersteuning",
        status="uitgevoerd",
        verwerkingsverantwoordelijke=str(vv.uuid),
        actor_functie="Jeugdcoach",
        actor_rol="medewerker",
        actor_organisatie=str(org.uuid),
        namens={"organisatie": str(org.uuid)},
        doel="sociaal-domein-ondersteuning",
        grondslag="e",
        kanaal="ui",
    )
    registraties = size // 5  # one in five entries registers a provision (the first size/5 of them)

    def audit_rijen():
        lezers = rng.choices(range(ACCOUNTS), weights=gewichten, k=size - registraties)
        for j in range(size):
            if j < registraties:
                k, p = v_account[j], v_persoon[j]
                moment, actie, soort, obj = (
                    v_moment[j],
                    "verstrekking.geregistreerd",
                    "verstrekkingen.verstrekking",
                    v_uuid[j],
                )
            else:
                k, p = lezers[j - registraties], rng.randrange(personen)
                moment = begin + dt.timedelta(seconds=rng.randrange(spanne))
                actie, soort, obj = "persoon.ingezien", "personen.persoon", persoon_uuid[p]
            yield t_audit.rij(
                id=a0 + j,
                uuid=uuid.uuid4(),
                tijdstip=moment,
                betrokkene=pseudo[p],
                actor_gebruiker=accounts[k],
                actie=actie,
                object_type=soort,
                object_uuid=str(obj),
                velden=["naam"],
            )

    return [
        (t_persoon, persoon_rijen()),
        (t_pseudo, pseudo_rijen()),
        (t_verstrekking, verstrekking_rijen()),
        (t_audit, audit_rijen()),
    ]


def _vragen(regio: Regio, ontv: list, n: int, rng: random.Random):
    from zorgvuldig.datalekken.selectors import Afbakening

    nu = dt.datetime.now(dt.UTC)
    uit = []
    for i in range(n):
        account = rng.choice(regio.accounts)
        lengte = dt.timedelta(days=rng.choice(PERIODES))
        vanaf = nu - dt.timedelta(days=JAREN * 365) + dt.timedelta(seconds=rng.randrange(JAREN * 365 * 86400))
        uit.append(
            Afbakening(
                verwerkingsverantwoordelijke_id=regio.vv.pk,
                verwerkingsverantwoordelijke_uuid=str(regio.vv.uuid),
                vanaf=vanaf,
                tot=vanaf + lengte,
                account_uuid=str(account.uuid),
                ontvanger_id=rng.choice(ontv).pk if i % 3 == 0 else None,
            )
        )
    return uit


def _app(actor, vragen, treffers: list | None = None) -> list[float]:
    from zorgvuldig.datalekken.selectors import getroffen_voor

    lat = []
    for afb in vragen:
        t0 = time.perf_counter()
        uit = getroffen_voor(actor, afb)
        lat.append(time.perf_counter() - t0)
        if treffers is not None:
            treffers.append((len(uit.personen), len(uit.records)))
    return lat


def _raw(actor, vragen) -> list[float]:
    from django.db import connection

    from zorgvuldig.core import tenancy
    from zorgvuldig.datalekken.selectors import BLOK, VERSTREKKING, _sql

    pg = connection.vendor == "postgresql"
    sql = _sql(pg)
    ops = connection.ops
    lat = []
    with connection.cursor() as cur:
        if pg:
            cur.execute(
                SET_CONFIG,
                [
                    str(actor.organisatie.pk),
                    str(actor.gebruiker.pk),
                    "",
                    str(actor.verwerkingsverantwoordelijke_id),
                ],
            )
        for afb in vragen:
            t0 = time.perf_counter()
            params = [
                afb.account_uuid,
                ops.adapt_datetimefield_value(afb.vanaf),
                ops.adapt_datetimefield_value(afb.tot),
                afb.verwerkingsverantwoordelijke_uuid,
            ]
            cur.execute(sql["records"], params)
            verstrekt = [uuid.UUID(r[1]) for r in cur.fetchall() if r[0] == VERSTREKKING]
            cur.execute(sql["personen"], params)
            ids = {r[1] for r in cur.fetchall()}
            for i in range(0, len(verstrekt), BLOK):
                blok = [u if pg else u.hex for u in verstrekt[i : i + BLOK]]
                cur.execute(
                    sql["door_account"].format(plekken=", ".join(["%s"] * len(blok))),
                    [afb.verwerkingsverantwoordelijke_id, *blok],
                )
                ids |= {r[1] for r in cur.fetchall()}
            if afb.ontvanger_id:
                cur.execute(
                    sql["aan_ontvanger"],
                    [
                        afb.verwerkingsverantwoordelijke_id,
                        afb.ontvanger_id,
                        ops.adapt_datefield_value(afb.vanaf.date()),
                        ops.adapt_datefield_value(afb.tot.date()),
                    ],
                )
                ids |= {r[1] for r in cur.fetchall()}
            if ids:
                lijst = sorted(i for i in ids if i is not None)
                plekken = ", ".join(["%s"] * len(lijst))
                cur.execute(
                    "SELECT id, uuid, voornamen, voorvoegsel, geslachtsnaam FROM personen_persoon"
                    f" WHERE id IN ({plekken})",
                    lijst,
                )
                cur.fetchall()
            lat.append(time.perf_counter() - t0)
    setattr(connection, tenancy._ATTR, None)
    return lat


def _per_op(actor, afb) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from zorgvuldig.datalekken.selectors import getroffen_voor

    with CaptureQueriesContext(connection) as ctx:
        getroffen_voor(actor, afb)
    for q in ctx.captured_queries:
        print("  app query:", q["sql"][:300], file=sys.stderr)
    return len(ctx.captured_queries)


def _plannen(actor, afb) -> None:
    """EXPLAIN (ANALYZE) of the audit statements for the busiest account over a quarter (stderr)."""
    from django.db import connection

    from zorgvuldig.core import tenancy
    from zorgvuldig.datalekken.selectors import _sql

    pg = connection.vendor == "postgresql"
    sql = _sql(pg)
    ops = connection.ops
    params = [
        afb.account_uuid,
        ops.adapt_datetimefield_value(afb.vanaf),
        ops.adapt_datetimefield_value(afb.tot),
        afb.verwerkingsverantwoordelijke_uuid,
    ]
    voor = "EXPLAIN (ANALYZE, BUFFERS) " if pg else "EXPLAIN QUERY PLAN "
    with connection.cursor() as cur:
        if pg:
            cur.execute(
                SET_CONFIG,
                [
                    str(actor.organisatie.pk),
                    str(actor.gebruiker.pk),
                    "",
                    str(actor.verwerkingsverantwoordelijke_id),
                ],
            )
        for naam in ("records", "personen"):
            cur.execute(voor + sql[naam], params)
            print("  plan:", naam, file=sys.stderr)
            for regel in cur.fetchall():
                print("    ", " | ".join(str(x) for x in regel)[:300], file=sys.stderr)
        cur.execute(sql["records"], params)
        verstrekt = [uuid.UUID(r[1]) for r in cur.fetchall() if r[0] == "verstrekkingen.verstrekking"][:2000]
        if verstrekt:
            blok = [u if pg else u.hex for u in verstrekt]
            cur.execute(
                voor + sql["door_account"].format(plekken=", ".join(["%s"] * len(blok))),
                [afb.verwerkingsverantwoordelijke_id, *blok],
            )
            print("  plan: door_account", file=sys.stderr)
            for regel in cur.fetchall():
                print("    ", " | ".join(str(x) for x in regel)[:300], file=sys.stderr)
    setattr(connection, tenancy._ATTR, None)


def main(db: str, size: int, rounds: int = 6, lookups: int = 600) -> dict:
    from dataclasses import replace

    belasting = vi_regio.belasting()
    rng = random.Random(20261127)
    url = harness.nieuwe_database(db, "datalek")
    vi_regio.runtime_url(db, url)
    harness.django_setup(url)
    harness.migrate()
    regio = Regio()
    ontv = ontvangers(50)
    personen = max(100, min(50_000, size // 20))
    t0 = time.perf_counter()
    aantallen = vul(db, url, _stappen(regio, size, personen, ontv, rng))
    vul_seconden = round(time.perf_counter() - t0, 1)
    print(f"{NAAM} {db}: fill {vul_seconden} s {aantallen}", file=sys.stderr)
    vi_regio.als_runtime_rol()  # PostgreSQL: measured as the runtime role, RLS in force
    actor = regio.actor()

    vragen = _vragen(regio, ontv, lookups + 40, rng)
    warm, vragen = vragen[:40], vragen[40:]
    # the busiest account (Zipf rank 1) over the last quarter, with the largest recipient
    eind = dt.datetime.now(dt.UTC)
    drukste = replace(
        vragen[0],
        account_uuid=str(regio.accounts[0].uuid),
        ontvanger_id=ontv[0].pk,
        vanaf=eind - dt.timedelta(days=91),
        tot=eind,
    )
    queries = _per_op(actor, drukste)
    _app(actor, warm[:20])
    _raw(actor, warm[20:])
    per_round = max(1, len(vragen) // rounds)
    lats: dict[str, list[float]] = {"app": [], "raw": []}
    treffers: list[tuple[int, int]] = []
    t_meet = time.perf_counter()
    for r in range(rounds):
        sample = vragen[r * per_round : (r + 1) * per_round]
        for kind in ("app", "raw") if r % 2 == 0 else ("raw", "app"):
            lats[kind] += _app(actor, sample, treffers) if kind == "app" else _raw(actor, sample)
    meet_seconden = round(time.perf_counter() - t_meet, 1)
    drukste_lat = _app(actor, [drukste] * 5)
    _plannen(actor, drukste)
    p50, p99 = harness.percentiles(lats["app"])
    raw_p50, raw_p99 = harness.percentiles(lats["raw"])
    personen_treffers = sorted(t[0] for t in treffers)
    records_treffers = sorted(t[1] for t in treffers)

    def pct(xs: list[int], q: float) -> int:
        return xs[min(len(xs) - 1, int(len(xs) * q))]

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
        value_desc="app p50 (ms): datalekken.selectors.getroffen_voor(FG, account, period[, recipient]): "
        "records, subject pseudonyms with their persons via the mapping, provisions by the account and to "
        "the recipient; person rows and recipients through the ORM",
        baseline_desc="the same statements on the same connection and role (RLS, the FG's setting) and a "
        "plain SELECT of the persons by id; p50 ms",
        goal_met=p99 < 1000,
        runtime_role=db == "postgres",
        p50_ms=p50,
        p99_ms=p99,
        baseline_p50_ms=raw_p50,
        baseline_p99_ms=raw_p99,
        max_ms=round(max(lats["app"]) * 1000, 3),
        baseline_max_ms=round(max(lats["raw"]) * 1000, 3),
        busiest_account_quarter_ms=round(sorted(drukste_lat)[len(drukste_lat) // 2] * 1000, 3),
        queries_per_op=queries,
        persons_found={
            "p50": pct(personen_treffers, 0.5),
            "p99": pct(personen_treffers, 0.99),
            "max": personen_treffers[-1],
        },
        records_found={
            "p50": pct(records_treffers, 0.5),
            "p99": pct(records_treffers, 0.99),
            "max": records_treffers[-1],
        },
        audit_entries=aantallen.get("audit_auditregel", 0),
        disclosures=aantallen.get("verstrekkingen_verstrekking", 0),
        accounts=ACCOUNTS,
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
