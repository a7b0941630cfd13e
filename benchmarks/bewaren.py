"""The retention sweep over N due outreach signals vs a raw DELETE of a copy of the same rows (issue: RT).

* sweep — `bewaren.services.opschonen()` (its default batch: 5,000 retention rows on PostgreSQL, 500 on
  SQLite): per batch, in one transaction, the rows locked (FOR UPDATE SKIP LOCKED on PostgreSQL) with their
  holds, each judged by the rule (RT-05/RT-13: outreach signals need no destruction list), the signals
  deleted (set-based, as Django's Collector would) with their grants (`Toegang` by object and by origin)
  and disclosure entries by origin, the retention row turned into the tombstone, the persons with nothing
  left deleted with their pseudonym mapping (AU-07) and a tombstone of their own, and the batch's audit
  entries; the run itself (`Opschoonronde`, the start-up `synchroniseer`, the closing audit entry) included.
* raw — one plain `DELETE FROM dossiers_zorgsignaal WHERE id >= … AND verwijderen_op <= today`, in
  autocommit, of a copy of the same N signal rows (same values, own ids and uuids; same table, indexes,
  connection and role). Grants, tombstones, persons and audit are what the sweep adds on top — that is
  what the ratio measures. The raw delete runs first: a copy left in the table would get a retention row
  from the sweep's `synchroniseer` and be swept too.

The fill (COPY on PostgreSQL, executemany on SQLite) is what `dossiers.services.registreer_zorgsignaal`
and the retention engine leave behind: per signal the row (dummy ciphertext of realistic length, never
decrypted), the receiving professional's grant (`herkomst zorgsignaal:<uuid>`) and the retention row
(rule `zorgsignaal`, due 6 months after receipt, all due today); every 4th signal is about a person of
its own, known only through signals (person row + pseudonym mapping), so the sweep deletes N/4 persons;
every 40th signal of the first half is a second signal about the person of a signal half the set further,
so the batches of the first half meet persons that must stay until a later batch.

Concurrency: a second set of signals (default N/2, at least 2,000) is swept while a separate process
(own connection; on PostgreSQL the runtime role) registers VI signals the way signal_registration does
(`registreer_signaal` + `activeer_signaal`, distinct BSNs), paced at one every 100 ms. Its p99 over the
seconds before the sweep (idle) is compared with its p99 while the sweep runs. Memory: the process's
peak RSS during the first sweep (the high-water mark is reset just before it via /proc/self/clear_refs).
Queries: a last run over exactly one batch, its statements counted with CaptureQueriesContext.

On PostgreSQL the measured code runs as the runtime role, so row-level security is in force. The database
is created fresh through BENCH_PG_ADMIN_URL (as the other benchmarks do); when that is not set but
DATABASE_URL is a PostgreSQL URL, its server and role are used instead, and ZORGVULDIG_DB_RUNTIME_ROLE,
when set, names an existing runtime role (else `zorgvuldig_bench_app` is created).

Goals (issue): raw / sweep ≥ 0.10; concurrent registration p99 ≤ 2 × idle p99; sweep peak RSS ≤ 300 MB.
`python -m benchmarks bewaren --db sqlite|postgres [--size N]` (default 1,000,000; CI smoke: small N).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

from benchmarks import harness, vi_regio
from benchmarks.toegang_toestemming import Tabel, schrijf, volgend_id, vul

NAAM = "bewaren"
BATCH = None  # the sweep's default (bewaren.services.standaard_batch: 5,000; SQLite 500)
PERSOON_ELKE = 4  # every 4th signal is about a person of its own
TWEEDE_ELKE = 40  # and every 40th of the first half about the person of a signal half the set further
TEMPO = 0.1  # seconds between two starts of the concurrent registrations (10/s)
IDLE_SECONDEN = 30  # idle registrations before the concurrent sweep
REG_BSNS = (990_000_000, 999_000_000)  # the registrations' BSNs; no other measure uses this range
INHOUD = "v1:" + "x" * 237  # the length of an encrypted {melder, zorg}; never decrypted


# --- the database and the role ------------------------------------------------------------------------


def _database(db: str) -> tuple[str, str | None]:
    """A fresh database (URL as its owner) and the runtime role (PostgreSQL) the measures run as."""
    if db != "postgres":
        return harness.nieuwe_database(db, NAAM), None
    if "BENCH_PG_ADMIN_URL" not in os.environ and os.environ.get("DATABASE_URL", "").startswith("postgres"):
        harness.PG_ADMIN_URL = os.environ["DATABASE_URL"]
    url = harness.nieuwe_database(db, NAAM)
    rol = os.environ.get("ZORGVULDIG_DB_RUNTIME_ROLE", "")
    if not rol:
        vi_regio.runtime_url(db, url)  # creates zorgvuldig_bench_app, sets ZORGVULDIG_DB_RUNTIME_ROLE
        rol = vi_regio.RUNTIME_ROLE
    return url, rol


def als_rol(rol: str | None) -> None:
    """Reconnect Django's connection as the runtime role (PostgreSQL)."""
    from django.db import connection

    if rol and connection.vendor == "postgresql":
        connection.close()
        connection.settings_dict["USER"] = rol


def als_eigenaar(owner: str | None) -> None:
    from django.db import connection

    if owner and connection.vendor == "postgresql":
        connection.close()
        connection.settings_dict["USER"] = owner


# --- the region and the fill ----------------------------------------------------------------------------


class Omgeving:
    """vi_regio's region (3 organisations, mandated signalers) plus a team of the first organisation."""

    def __init__(self):
        from zorgvuldig.organisaties.models import Team

        self.regio = vi_regio.Regio()
        self.org = self.regio.organisaties[0]
        self.vv = self.org.verwerkingsverantwoordelijke
        self.gebruiker = self.regio.signaleerders[0]
        self.team = Team.objects.create(organisatie=self.org, code="bench-bewaren", naam="Bewaren")


def _na_graven(model) -> int:
    """The first id above the live rows and the tombstones of the type (ids are never reused)."""
    from django.db.models import Max

    from zorgvuldig.bewaren.models import Bewaartermijn

    soort = f"{model._meta.app_label}.{model._meta.model_name}"
    graf = Bewaartermijn.objects.filter(objecttype=soort).aggregate(m=Max("object_id"))["m"] or 0
    return max(volgend_id(model), graf + 1)


def _stappen(omg: Omgeving, n: int, kopieen: int, rng: random.Random, vandaag: dt.date) -> tuple[list, dict]:
    """The fill's steps: persons (+ pseudonyms), N signals, their grants and retention rows, and `kopieen`
    copies of the first signals (no grant, no retention row) for the raw delete."""
    from zorgvuldig.audit.models import Pseudoniem
    from zorgvuldig.bewaren import policies
    from zorgvuldig.bewaren.models import Bewaartermijn
    from zorgvuldig.dossiers.models import Zorgsignaal
    from zorgvuldig.personen.models import Persoon
    from zorgvuldig.toegang.models import Bron, Toegang

    vv, org, user = omg.vv.pk, omg.org.pk, omg.gebruiker.pk
    t0, b0, s0 = (volgend_id(m) for m in (Toegang, Bewaartermijn, Pseudoniem))
    p0, z0 = _na_graven(Persoon), _na_graven(Zorgsignaal)
    personen = (n + PERSOON_ELKE - 1) // PERSOON_ELKE
    moment = dt.datetime.combine(vandaag, dt.time(9), tzinfo=dt.UTC)
    # per signal: received 7 months to 2 years ago, due 6 months later (RT-05): all due today
    ontvangen = [vandaag - dt.timedelta(days=rng.randrange(215, 730)) for _ in range(n)]
    uuids = [uuid.uuid4() for _ in range(n)]
    persoon_uuids = [uuid.uuid4() for _ in range(personen)]

    helft = n // 2 - (n // 2) % PERSOON_ELKE

    def persoon_van(i: int) -> int | None:
        if i % PERSOON_ELKE == 0:
            return p0 + i // PERSOON_ELKE
        if i % TWEEDE_ELKE == 1 and i + helft < n:  # a second signal, in an earlier batch than the own one
            return p0 + (i - 1 + helft) // PERSOON_ELKE
        return None

    t_persoon = Tabel(Persoon, verwerkingsverantwoordelijke_id=vv, organisatie_id=org, geslachtsnaam="x")

    def persoon_rijen():
        for k, u in enumerate(persoon_uuids):
            yield t_persoon.rij(
                id=p0 + k,
                uuid=u,
                aangemaakt=moment,
                gewijzigd=moment,
                bsn_ontbreekt_reden="Nog niet bekend",
                voornamen=f"Client {k}",
                geslachtsnaam=f"Achternaam{k % 997}",
            )

    t_pseudoniem = Tabel(Pseudoniem)

    def pseudoniem_rijen():
        for k, u in enumerate(persoon_uuids):
            yield t_pseudoniem.rij(id=s0 + k, sleutel=f"persoon:{u}", pseudoniem=uuid.uuid4().hex)

    t_signaal = Tabel(
        Zorgsignaal,
        verwerkingsverantwoordelijke_id=vv,
        organisatie_id=org,
        team_id=omg.team.pk,
        door_id=user,
        ontvangen_op=vandaag,
        verwijderen_op=vandaag,
        kanaal="telefoon",
        status="afgewezen",
        inhoud_versleuteld=INHOUD,
    )

    def signaal(i: int, pk: int, u: uuid.UUID) -> list:
        return t_signaal.rij(
            id=pk,
            uuid=u,
            aangemaakt=moment,
            gewijzigd=moment,
            ontvangen_op=ontvangen[i],
            verwijderen_op=policies.plus_maanden(ontvangen[i], policies.ZORGSIGNAAL_MAANDEN),
            kanaal=("telefoon", "email", "balie")[i % 3],
            status=("ontvangen", "beoordeeld", "afgewezen")[i % 3],
            persoon_id=persoon_van(i),
        )

    def signaal_rijen():
        for i in range(n):
            yield signaal(i, z0 + i, uuids[i])

    kopie0 = z0 + n

    def kopie_rijen():
        for i in range(kopieen):
            yield signaal(i, kopie0 + i, uuid.uuid4())

    t_toegang = Tabel(
        Toegang,
        verwerkingsverantwoordelijke_id=vv,
        organisatie_id=org,
        object_type="dossiers.zorgsignaal",
        object_id=0,
        bron=Bron.CASUSTEAM,
        ontvanger_gebruiker_id=user,
        aanvullen=True,
        reden="Ontvanger van het zorgsignaal",
        verleend_door_id=user,
        geldig_vanaf=vandaag,
    )

    def toegang_rijen():
        for i in range(n):
            yield t_toegang.rij(
                id=t0 + i,
                uuid=uuid.uuid4(),
                aangemaakt=moment,
                gewijzigd=moment,
                object_id=z0 + i,
                herkomst=f"zorgsignaal:{uuids[i]}",
                geldig_vanaf=ontvangen[i],
            )

    t_termijn = Tabel(
        Bewaartermijn,
        verwerkingsverantwoordelijke_id=vv,
        organisatie_id=org,
        objecttype="dossiers.zorgsignaal",
        object_id=0,
        object_uuid=uuid.UUID(int=0),
        regel="zorgsignaal",
    )

    def termijn_rijen():
        for i in range(n):
            yield t_termijn.rij(
                id=b0 + i,
                uuid=uuid.uuid4(),
                aangemaakt=moment,
                gewijzigd=moment,
                object_id=z0 + i,
                object_uuid=uuids[i],
                brondatum=ontvangen[i],
                vervaldatum=policies.plus_maanden(ontvangen[i], policies.ZORGSIGNAAL_MAANDEN),
            )

    stappen = [
        (t_persoon, persoon_rijen()),
        (t_pseudoniem, pseudoniem_rijen()),
        (t_signaal, signaal_rijen()),
        (t_toegang, toegang_rijen()),
        (t_termijn, termijn_rijen()),
    ]
    if kopieen:
        stappen.append((t_signaal, kopie_rijen()))
    ids = {"signalen": (z0, z0 + n), "kopieen": (kopie0, kopie0 + kopieen), "personen": (p0, p0 + personen)}
    return stappen, ids


def _vul(db: str, url: str, omg: Omgeving, n: int, kopieen: int, rng, vandaag, owner) -> tuple[dict, float]:
    als_eigenaar(owner)  # the fill reads the next ids as the owner (no RLS)
    t0 = time.perf_counter()
    stappen, ids = _stappen(omg, n, kopieen, rng, vandaag)
    aantallen = vul(db, url, stappen)
    seconden = round(time.perf_counter() - t0, 1)
    print(f"{NAAM} {db}: fill {seconden} s {aantallen}", file=sys.stderr)
    return ids, seconden


# --- the measures ---------------------------------------------------------------------------------------


def _rss_reset() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def _rss_piek_mb() -> float:
    for regel in Path("/proc/self/status").read_text().splitlines():
        if regel.startswith("VmHWM:"):
            return round(int(regel.split()[1]) / 1024, 1)
    return harness.peak_rss_mb()


def _raw(ids: dict, vandaag: dt.date) -> float:
    from django.db import connection

    from zorgvuldig.core import tenancy
    from zorgvuldig.core.context import Actor

    tenancy.activeer(Actor.systeem())  # RLS: the system context the sweep runs in
    van, tot = ids["kopieen"]
    with connection.cursor() as cur:
        t0 = time.perf_counter()
        cur.execute(
            "DELETE FROM dossiers_zorgsignaal WHERE id >= %s AND id < %s AND verwijderen_op <= %s",
            [van, tot, vandaag],
        )
        seconden = time.perf_counter() - t0
        assert cur.rowcount == tot - van, (cur.rowcount, tot - van)
    return seconden


def _sweep(vandaag: dt.date, batch: int, pauze: float = 0.0):
    from zorgvuldig.bewaren import services

    t0 = time.perf_counter()
    ronde = services.opschonen(vandaag, batch=batch, pauze=pauze)
    return ronde, time.perf_counter() - t0


def _controleer(omg: Omgeving, ronde, ids: dict) -> dict:
    """Everything of the set is gone, each with one tombstone; the persons and their pseudonyms too."""
    from zorgvuldig.audit.models import AuditRegel, Pseudoniem
    from zorgvuldig.bewaren.models import Bewaartermijn
    from zorgvuldig.core import tenancy
    from zorgvuldig.core.context import Actor
    from zorgvuldig.dossiers.models import Zorgsignaal
    from zorgvuldig.personen.models import Persoon
    from zorgvuldig.toegang.models import Toegang

    tenancy.activeer(Actor.systeem())
    (z0, z1), (p0, p1) = ids["signalen"], ids["personen"]
    n, personen = z1 - z0, p1 - p0
    assert ronde is not None and ronde.status == "klaar", ronde
    telling = ronde.telling[str(omg.vv.uuid)]
    assert telling["vernietigd"] == n and telling.get("personen", personen) == personen, ronde.telling
    assert not Zorgsignaal.objects.filter(pk__gte=z0, pk__lt=z1).exists()
    assert not Toegang.objects.filter(object_type="dossiers.zorgsignaal", object_id__gte=z0).exists()
    graven = Bewaartermijn.objects.filter(opschoonronde=ronde)
    per_soort = Counter(graven.values_list("objecttype", flat=True))
    assert per_soort == {"dossiers.zorgsignaal": n, "personen.persoon": personen}, per_soort
    assert not Persoon.objects.filter(pk__gte=p0, pk__lt=p1).exists()
    assert not Pseudoniem.objects.filter(sleutel__startswith="persoon:").exists()
    entries = AuditRegel.objects.filter(object_uuid=str(ronde.uuid)).count()
    return {"tombstones": per_soort, "audit_entries": entries}


def registreer(db: str, url: str, rol: str, stopbestand: str) -> None:
    """The concurrent client (its own process and connection): paced VI signal registrations until
    `stopbestand` exists; prints 'gereed' after the warm-up, then one JSON list of [start, seconds]."""
    harness.django_setup(url)
    als_rol(rol or None)
    from django.db import DatabaseError

    from zorgvuldig.core.context import Actor
    from zorgvuldig.organisaties.models import Gebruiker
    from zorgvuldig.verwijsindex import services

    gebruiker = Gebruiker.objects.select_related("organisatie__profiel").get(
        email=f"signaleerder@{vi_regio.ORGANISATIES[1][0]}.example.org"
    )
    actor = Actor.voor(gebruiker)
    bsns = vi_regio.bsns(*REG_BSNS)
    verantwoording = vi_regio.verantwoording()

    def een() -> tuple[float, bool]:
        t0 = time.perf_counter()
        try:
            signaal = services.registreer_signaal(actor=actor, velden={"bsn": next(bsns)})
            services.activeer_signaal(actor=actor, uuid=signaal.uuid, verantwoording=verantwoording)
        except DatabaseError:  # SQLite: "database is locked" after the 30 s busy timeout
            return time.perf_counter() - t0, False
        return time.perf_counter() - t0, True

    for _ in range(20):
        een()
    print("gereed", flush=True)
    metingen = []
    volgende = time.time()
    while not os.path.exists(stopbestand):
        wacht = volgende - time.time()
        if wacht > 0:
            time.sleep(wacht)
        start = time.time()
        metingen.append([start, *een()])
        volgende = max(start + TEMPO, time.time())
    print(json.dumps(metingen), flush=True)


def _gelijktijdig(db: str, url: str, rol: str | None, vandaag: dt.date, batch: int, pauze: float) -> dict:
    """Idle registrations for IDLE_SECONDEN, then the same client during the second sweep."""
    stop = Path(tempfile.mkdtemp(prefix="zorgvuldig-bench-")) / "stop"
    cmd = [sys.executable, "-m", "benchmarks.bewaren", "registreer", db, url, rol or "", str(stop)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        for regel in proc.stdout:  # (log lines may come first)
            if regel.strip() == "gereed":
                break
        else:
            raise RuntimeError("the registering client did not start")
        time.sleep(IDLE_SECONDEN)
        begin = time.time()
        ronde, seconden = _sweep(vandaag, batch, pauze)
        eind = time.time()
        stop.touch()
        uit, _ = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    metingen = json.loads(next(r for r in reversed(uit.splitlines()) if r.startswith("[")))
    idle = [s for start, s, _ in metingen if start + s < begin]
    tijdens = [s for start, s, _ in metingen if begin <= start <= eind]
    return {
        "mislukt": sum(1 for start, _, goed in metingen if begin <= start <= eind and not goed),
        "ronde": ronde,
        "seconden": seconden,
        "idle": harness.percentiles(idle),
        "tijdens": harness.percentiles(tijdens),
        "idle_n": len(idle),
        "tijdens_n": len(tijdens),
        "tijdens_max_ms": round(max(tijdens, default=0) * 1000, 3),
    }


def _queries_per_batch(db, url, omg, rng, vandaag, batch, owner, rol) -> dict:
    """One sweep of exactly one batch (the last fill), its statements counted by kind."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _vul(db, url, omg, batch, 0, rng, vandaag, owner)
    als_rol(rol)
    with CaptureQueriesContext(connection) as ctx:
        ronde, _ = _sweep(vandaag, batch)
    assert ronde.telling[str(omg.vv.uuid)]["vernietigd"] == batch, ronde.telling
    soorten: Counter[str] = Counter()
    for q in ctx.captured_queries:
        sql = q["sql"].lstrip()
        tabel = re.search(r'(?:FROM|INTO|UPDATE)\s+"?(\w+)"?', sql)
        soorten[f"{sql.split()[0].upper()} {tabel.group(1) if tabel else ''}".strip()] += 1
    return {"totaal": len(ctx.captured_queries), "per_soort": dict(soorten.most_common(12))}


def main(
    db: str, size: int, batch: int | None = BATCH, tweede: int | None = None, pauze: float = 0.0
) -> dict:
    """`pauze`: rest between the concurrent sweep's batches (`opschonen --pauze`); none in the timed one."""
    belasting = vi_regio.belasting()
    rng = random.Random(20261201)
    url, rol = _database(db)
    harness.django_setup(url)
    harness.migrate()
    from django.db import connection

    from zorgvuldig.bewaren import services
    from zorgvuldig.core.clock import today

    batch = batch or services.standaard_batch()
    owner = connection.settings_dict["USER"] or None
    omg = Omgeving()
    vandaag = today()
    ids, vul_seconden = _vul(db, url, omg, size, size, rng, vandaag, owner)
    als_rol(rol)
    # raw first: the sweep's synchroniseer would give the copies a retention row and sweep them too
    raw = _raw(ids, vandaag)
    vi_regio.analyze(db, url)
    gereset = _rss_reset()
    ronde, sweep = _sweep(vandaag, batch)
    sweep_rss = _rss_piek_mb() if gereset else None
    controle = _controleer(omg, ronde, ids)
    print(f"{NAAM} {db}: raw {raw:.2f} s, sweep {sweep:.2f} s", file=sys.stderr)

    tweede = tweede or max(min(size, 2000), size // 2)  # ≥ 20 s of sweep at 100k: a few hundred samples
    ids2, vul2 = _vul(db, url, omg, tweede, 0, rng, vandaag, owner)
    als_rol(rol)
    g = _gelijktijdig(db, url, rol, vandaag, batch, pauze)
    _controleer(omg, g["ronde"], ids2)
    print(
        f"{NAAM} {db}: concurrent sweep {g['seconden']:.2f} s, p99 {g['idle'][1]} → {g['tijdens'][1]} ms",
        file=sys.stderr,
    )
    queries = _queries_per_batch(db, url, omg, rng, vandaag, batch, owner, rol)

    p99_ratio = round(g["tijdens"][1] / g["idle"][1], 3) if g["idle"][1] else None
    ratio = round(raw / sweep, 3)
    return schrijf(
        NAAM,
        db,
        size,
        sweep,
        "s",
        raw,
        {"ratio_min": 0.10, "p99_concurrent_over_idle_max": 2.0, "rss_mb_max": 300},
        ratio=ratio,
        ratio_desc="raw s / sweep s (the sweep's speed as a fraction of a plain DELETE of the same rows)",
        value_desc=f"sweep s: bewaren.services.opschonen(batch={batch}) over N due outreach signals with "
        "their grants and retention rows, N/4 persons (+ pseudonyms) with nothing left: tombstones, "
        "audit entries per batch",
        baseline_desc="plain DELETE FROM dossiers_zorgsignaal WHERE id range AND verwijderen_op <= today "
        "(autocommit) of a copy of the same N rows; same table, indexes, connection and role",
        goal_met={
            "ratio": ratio >= 0.10,
            "p99": p99_ratio is not None and p99_ratio <= 2.0,
            "rss": sweep_rss is not None and sweep_rss <= 300,
        },
        runtime_role=db == "postgres",
        batch=batch,
        rows_per_s=round(size / sweep, 1),
        persons_deleted=controle["tombstones"].get("personen.persoon", 0),
        audit_entries=controle["audit_entries"],
        queries_per_batch=queries,
        concurrent={
            "sweep_size": tweede,
            "sweep_s": round(g["seconden"], 3),
            "sweep_pauze_s": pauze,
            "client": f"registreer_signaal + activeer_signaal, one every {int(TEMPO * 1000)} ms, own process",
            "idle_p50_ms": g["idle"][0],
            "idle_p99_ms": g["idle"][1],
            "idle_n": g["idle_n"],
            "during_p50_ms": g["tijdens"][0],
            "during_p99_ms": g["tijdens"][1],
            "during_max_ms": g["tijdens_max_ms"],
            "during_n": g["tijdens_n"],
            "during_failed": g["mislukt"],
            "p99_ratio": p99_ratio,
        },
        sweep_peak_rss_mb=sweep_rss,
        fill_seconds=[vul_seconden, vul2],
        peak_rss_mb=harness.peak_rss_mb(),
        load_avg_1m=[belasting, vi_regio.belasting()],
    )


if __name__ == "__main__":
    if sys.argv[1] == "registreer":
        registreer(*sys.argv[2:6])
    else:
        grootte = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
        print(json.dumps(main(sys.argv[1], grootte, pauze=float(sys.argv[3]) if len(sys.argv) > 3 else 0.0)))
