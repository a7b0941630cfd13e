"""The compiled inzage answer for one person with 1,000 records among 1M (issue 8, RI-05, RI-17).

* app — `rechten.selectors.stel_samen(verzoek)`: every record of the person at the controller (by BSN
  blind index), their dossiers with notes (decrypted), ZRM scores and plans, consents, signals, case
  tables, every provision in the disclosure register and every audit entry about them ("who saw my
  data"), filtered by RI-03/DS-13/PE-11 and shaped as the JSON answer. Not included: storing the answer,
  the audit entry of compiling it, the PDF.
* raw — plain SQL on the same connection: the same reads (persons by blind index, dossiers through
  members, their notes, ZRM scores and plans, consents, provisions, pseudonyms and audit entries by
  pseudonym), rows fetched, no decryption and no shaping.

The fill (COPY on PostgreSQL, executemany on SQLite): 20k other persons with a dossier each, 480k notes,
250k provisions and 250k audit entries of others; the subject has 4 dossiers with 300 notes (encrypted
as the services write them) and 100 ZRM scores, 200 provisions and 400 audit entries: 1,000 records.
Goal: app p99 < 2 s. `python -m benchmarks inzage --db postgres [--size N]` (N: the others' records).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
import time
import uuid

from benchmarks import harness, vi_regio
from benchmarks.toegang_toestemming import Tabel, schrijf, volgend_id, vul

NAAM = "inzage"
BSN = "999990019"  # fictional, passes the 11-proef

RAW = [
    "SELECT id, uuid FROM personen_persoon WHERE verwerkingsverantwoordelijke_id = %s AND bsn_index = %s",
    "SELECT DISTINCT d.* FROM dossiers_dossier d JOIN dossiers_lid l ON l.dossier_id = d.id"
    " WHERE l.persoon_id = ANY(%s)",
    "SELECT n.*, b.persoon_id FROM dossiers_notitie n LEFT JOIN dossiers_notitie_betreft b"
    " ON b.notitie_id = n.id WHERE n.dossier_id = ANY(%s)",
    "SELECT * FROM dossiers_zrmscore WHERE dossier_id = ANY(%s)",
    "SELECT * FROM dossiers_plan WHERE dossier_id = ANY(%s)",
    "SELECT * FROM toestemmingen_toestemming WHERE betrokkene_id = ANY(%s)",
    "SELECT v.*, o.naam FROM verstrekkingen_verstrekking v LEFT JOIN organisaties_organisatie o"
    " ON o.id = v.ontvanger_organisatie_id WHERE v.persoon_id = ANY(%s) OR v.bsn_index = %s ORDER BY v.datum",
    "SELECT pseudoniem FROM audit_pseudoniem WHERE sleutel = ANY(%s)",
    "SELECT tijdstip, actor_functie, actor_organisatie, actie, doel FROM audit_auditregel"
    " WHERE betrokkene = ANY(%s) AND status = 'uitgevoerd' ORDER BY tijdstip, id",
]


class Regio:
    def __init__(self):
        from zorgvuldig.core import tenancy
        from zorgvuldig.core.context import Actor
        from zorgvuldig.organisaties.models import Gebruiker, Organisatie, Team, Verwerkingsverantwoordelijke

        tenancy.activeer(Actor.systeem())
        self.vv = Verwerkingsverantwoordelijke.objects.create(code="bench-gemeente", naam="Bench gemeente")
        self.org = Organisatie.objects.create(
            verwerkingsverantwoordelijke=self.vv,
            code="bench-wijkteam",
            naam="Wijkteam Bench",
            type="gemeentelijk_team",
            bestuursorgaan=True,
        )
        self.team = Team.objects.create(organisatie=self.org, code="bench-oost", naam="Oost")
        self.gebruiker = Gebruiker.objects.create(
            email="behandelaar@bench.example.org",
            password="!",
            naam="Behandelaar",
            organisatie=self.org,
            rollen=["medewerker"],
            functie="Jeugdcoach",
        )
        self.ontvangers = [
            Organisatie.objects.create(
                verwerkingsverantwoordelijke=self.vv, code=f"bench-o{k}", naam=f"Ontvanger {k}", type="school"
            )
            for k in range(20)
        ]


def _subject(regio: Regio):
    """The subject and the request, as the services write them."""
    from zorgvuldig.core import crypto
    from zorgvuldig.personen.models import Persoon
    from zorgvuldig.rechten.models import Verzoek

    persoon = Persoon(
        verwerkingsverantwoordelijke=regio.vv,
        organisatie=regio.org,
        voornamen="Lisa",
        geslachtsnaam="Bench",
        geboortedatum=dt.date(1990, 5, 4),
        bsn_index=crypto.blind_index(BSN),
    )
    persoon.bsn_versleuteld = crypto.encrypt(regio.vv.pk, Persoon._meta.db_table, "bsn", persoon.uuid, BSN)
    persoon.save()
    verzoek = Verzoek.objects.create(
        verwerkingsverantwoordelijke=regio.vv,
        organisatie=regio.org,
        soort="inzage",
        status="in_behandeling",
        persoon=persoon,
        hoedanigheid="zelf",
        ontvangen_op=dt.date.today(),
        behandelaar=regio.gebruiker,
    )
    return persoon, verzoek


def _stappen(regio: Regio, persoon, size: int, rng: random.Random):
    from zorgvuldig.audit.models import AuditRegel, Pseudoniem
    from zorgvuldig.core import crypto
    from zorgvuldig.dossiers.models import Dossier, Lid, Notitie, Zrmscore
    from zorgvuldig.personen.models import Persoon
    from zorgvuldig.verstrekkingen.models import Verstrekking

    vv, org, team, user = regio.vv.pk, regio.org.pk, regio.team.pk, regio.gebruiker.pk
    anderen = 20_000
    notities, verstrekkingen = size * 48 // 100, size // 4
    audit = size - notities - verstrekkingen
    p0, d0, l0, n0, z0, v0, a0, s0 = (
        volgend_id(m)
        for m in (Persoon, Dossier, Lid, Notitie, Zrmscore, Verstrekking, AuditRegel, Pseudoniem)
    )
    begin = dt.datetime(2023, 1, 1, 9, tzinfo=dt.UTC)
    eigen = [d0 + anderen + k for k in range(4)]  # the subject's 4 dossiers
    pseudoniem = "b" * 32

    t_persoon = Tabel(Persoon, verwerkingsverantwoordelijke_id=vv, organisatie_id=org, geslachtsnaam="x")

    def personen():
        for i in range(anderen):
            yield t_persoon.rij(
                id=p0 + i,
                uuid=uuid.uuid4(),
                aangemaakt=begin,
                gewijzigd=begin,
                bsn_ontbreekt_reden="Nog niet bekend",
                voornamen=f"Client {i}",
                geslachtsnaam=f"Achternaam{i % 997}",
            )

    t_dossier = Tabel(
        Dossier, verwerkingsverantwoordelijke_id=vv, organisatie_id=org, team_id=team, aangemaakt_door_id=user
    )

    def dossiers():
        for i in range(anderen + 4):
            yield t_dossier.rij(
                id=d0 + i,
                uuid=uuid.uuid4(),
                aangemaakt=begin,
                gewijzigd=begin,
                kenmerk=f"B2023-{i:08X}",
                soort="individueel",
                status="monitoring",
                kader="vrijwillig",
                casusregie_id=user,
                geopend_op=begin.date(),
            )

    t_lid = Tabel(Lid, dossier_id=d0, persoon_id=p0)

    def leden():
        for i in range(anderen):
            yield t_lid.rij(id=l0 + i, dossier_id=d0 + i, persoon_id=p0 + i, rol="client")
        for k, d in enumerate(eigen):
            yield t_lid.rij(id=l0 + anderen + k, dossier_id=d, persoon_id=persoon.pk, rol="client")

    t_notitie = Tabel(
        Notitie, verwerkingsverantwoordelijke_id=vv, organisatie_id=org, dossier_id=d0, door_id=user
    )
    opvulling = "x" * 300  # never decrypted: others' notes are not read

    def notitie_rijen():
        for j in range(notities):
            yield t_notitie.rij(
                id=n0 + j,
                uuid=uuid.uuid4(),
                aangemaakt=begin,
                gewijzigd=begin,
                dossier_id=d0 + rng.randrange(anderen),
                sectie="voortgang",
                soort="feit",
                bron_soort="eigen_waarneming",
                geverifieerd=True,
                inhoud_versleuteld=opvulling,
            )
        for k in range(300):
            u = uuid.uuid4()
            tekst = json.dumps({"tekst": f"Gesprek {k} met Lisa over school en thuis.", "basis": "Gesprek"})
            yield t_notitie.rij(
                id=n0 + notities + k,
                uuid=u,
                aangemaakt=begin + dt.timedelta(days=k),
                gewijzigd=begin,
                dossier_id=eigen[k % 4],
                sectie="voortgang",
                soort="feit",
                bron_soort="client",
                geverifieerd=True,
                inhoud_versleuteld=crypto.encrypt(vv, Notitie._meta.db_table, "inhoud", u, tekst),
            )

    betreft = Notitie.betreft.through
    t_betreft = Tabel(betreft, notitie_id=n0, persoon_id=p0)

    def betreft_rijen():
        b0 = volgend_id(betreft)
        for k in range(300):
            yield t_betreft.rij(id=b0 + k, notitie_id=n0 + notities + k, persoon_id=persoon.pk)

    t_zrm = Tabel(
        Zrmscore,
        verwerkingsverantwoordelijke_id=vv,
        organisatie_id=org,
        dossier_id=d0,
        door_id=user,
        persoon_id=persoon.pk,
    )

    def zrm():
        for k in range(100):
            u = uuid.uuid4()
            yield t_zrm.rij(
                id=z0 + k,
                uuid=u,
                aangemaakt=begin + dt.timedelta(days=k),
                gewijzigd=begin,
                dossier_id=eigen[k % 4],
                domein="financien",
                niveau=1 + k % 5,
                besproken_met_client=True,
                onderbouwing_versleuteld=crypto.encrypt(
                    vv, Zrmscore._meta.db_table, "onderbouwing", u, "Schulden in beeld."
                ),
            )

    t_verstrekking = Tabel(Verstrekking, verwerkingsverantwoordelijke_id=vv, organisatie_id=org)
    ontvangers = [o.pk for o in regio.ontvangers]

    def verstrekking_rijen():
        for j in range(verstrekkingen + 200):
            van_hem = j >= verstrekkingen
            datum = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(1000))
            yield t_verstrekking.rij(
                id=v0 + j,
                uuid=uuid.uuid4(),
                aangemaakt=begin,
                gewijzigd=begin,
                bron="deelbesluit",
                herkomst=f"deelbesluit:{uuid.uuid4()}",
                persoon_id=persoon.pk if van_hem else p0 + rng.randrange(anderen),
                ontvanger_organisatie_id=rng.choice(ontvangers),
                datum=datum,
                gegevens=["schoolgegevens"],
                doel="afstemming",
                grond="g2_wettelijke_taak",
            )

    t_pseudoniem = Tabel(Pseudoniem)

    def pseudoniemen():
        yield t_pseudoniem.rij(id=s0, sleutel=f"persoon:{persoon.uuid}", pseudoniem=pseudoniem)

    t_audit = Tabel(AuditRegel, tijdstip=begin, verwerkingsactiviteit="sociaal-domein-ondersteuning")

    def audit_rijen():
        for j in range(audit + 400):
            van_hem = j >= audit
            yield t_audit.rij(
                id=a0 + j,
                uuid=uuid.uuid4(),
                tijdstip=begin + dt.timedelta(minutes=j),
                trace_id=uuid.uuid4().hex,
                span_id=uuid.uuid4().hex[:16],
                betrokkene=pseudoniem if van_hem else uuid.uuid4().hex,
                status="uitgevoerd",
                verwerkingsverantwoordelijke=str(regio.vv.uuid),
                actor_gebruiker=str(regio.gebruiker.uuid),
                actor_functie="Jeugdcoach",
                actor_rol="medewerker",
                actor_organisatie=str(regio.org.uuid),
                namens={},
                actie="persoon.ingezien",
                object_type="personen.persoon",
                object_uuid=str(persoon.uuid),
                velden=["naam"],
                doel="ondersteuning",
                grondslag="e",
                koppeling={},
                kanaal="ui",
            )

    return [
        (t_persoon, personen()),
        (t_dossier, dossiers()),
        (t_lid, leden()),
        (t_notitie, notitie_rijen()),
        (t_betreft, betreft_rijen()),
        (t_zrm, zrm()),
        (t_verstrekking, verstrekking_rijen()),
        (t_pseudoniem, pseudoniemen()),
        (t_audit, audit_rijen()),
    ]


def _app(verzoek, n: int) -> list[float]:
    from zorgvuldig.rechten import selectors

    lat = []
    for _ in range(n):
        t0 = time.perf_counter()
        samenstelling = selectors.stel_samen(verzoek)
        lat.append(time.perf_counter() - t0)
    assert len(samenstelling.overzicht["inzagen"]) >= 400, "the subject's audit entries are found"
    return lat


def _raw(persoon, verzoek, n: int) -> list[float]:
    from django.db import connection

    from zorgvuldig.core import crypto

    pg = connection.vendor == "postgresql"
    lat = []
    with connection.cursor() as cur:
        for _ in range(n):
            t0 = time.perf_counter()
            cur.execute(RAW[0], [verzoek.verwerkingsverantwoordelijke_id, crypto.blind_index(BSN)])
            ids = [r[0] for r in cur.fetchall()]
            dossier_ids: list = []
            pseudoniemen: list = []
            for sql in RAW[1:]:
                if "dossier_id = ANY" in sql:
                    params = [dossier_ids]
                elif "betrokkene_id" in sql or "l.persoon_id" in sql:
                    params = [ids]
                elif "v.persoon_id" in sql:
                    params = [ids, crypto.blind_index(BSN)]
                elif "sleutel" in sql:
                    params = [[f"persoon:{persoon.uuid}"]]
                else:
                    params = [pseudoniemen]
                cur.execute(sql if pg else _sqlite(sql, params), _plat(params) if not pg else params)
                rijen = cur.fetchall()
                if "DISTINCT d.*" in sql:
                    dossier_ids = [r[0] for r in rijen]
                if "sleutel" in sql:
                    pseudoniemen = [r[0] for r in rijen]
            lat.append(time.perf_counter() - t0)
    return lat


def _sqlite(sql: str, params: list) -> str:
    """SQLite has no arrays: `= ANY(%s)` becomes `IN (%s, …)`."""
    for p in params:
        if isinstance(p, list):
            sql = sql.replace("= ANY(%s)", f"IN ({', '.join(['%s'] * max(1, len(p)))})", 1)
    return sql


def _plat(params: list) -> list:
    uit = []
    for p in params:
        uit += (p or [None]) if isinstance(p, list) else [p]
    return uit


def main(db: str, size: int, rounds: int = 6, per_round: int = 10) -> dict:
    belasting = vi_regio.belasting()
    rng = random.Random(20261127)
    url = harness.nieuwe_database(db, "inzage")
    vi_regio.runtime_url(db, url)
    harness.django_setup(url)
    harness.migrate()
    regio = Regio()
    persoon, verzoek = _subject(regio)
    t0 = time.perf_counter()
    aantallen = vul(db, url, _stappen(regio, persoon, size, rng))
    vul_seconden = round(time.perf_counter() - t0, 1)
    print(f"{NAAM} {db}: fill {vul_seconden} s {aantallen}", file=sys.stderr)
    vi_regio.als_runtime_rol()
    from zorgvuldig.core import tenancy
    from zorgvuldig.core.context import Actor

    tenancy.activeer(Actor.systeem())  # the compile runs in the system context itself; so does raw
    _app(verzoek, 2)
    _raw(persoon, verzoek, 2)
    lats: dict[str, list[float]] = {"app": [], "raw": []}
    t_meet = time.perf_counter()
    for r in range(rounds):
        for kind in ("app", "raw") if r % 2 == 0 else ("raw", "app"):
            lats[kind] += _app(verzoek, per_round) if kind == "app" else _raw(persoon, verzoek, per_round)
    meet_seconden = round(time.perf_counter() - t_meet, 1)
    p50, p99 = harness.percentiles(lats["app"])
    raw_p50, raw_p99 = harness.percentiles(lats["raw"])
    records = sum(aantallen.values())
    return schrijf(
        NAAM,
        db,
        records,
        p50,
        "ms",
        raw_p50,
        {"p99_ms_max": 2000},
        ratio=round(raw_p50 / p50, 3) if p50 else None,
        ratio_desc="raw p50 / app p50 (the app path's speed as a fraction of plain SQL's)",
        value_desc="app p50 (ms): rechten.selectors.stel_samen for a person with 1,000 records (4 dossiers, "
        "300 notes decrypted, 100 ZRM scores, 200 provisions, 400 audit entries)",
        baseline_desc="plain SQL on the same connection: the same reads, rows fetched, no decryption or "
        "shaping; p50 ms",
        goal_met=p99 < 2000,
        runtime_role=db == "postgres",
        p50_ms=p50,
        p99_ms=p99,
        baseline_p50_ms=raw_p50,
        baseline_p99_ms=raw_p99,
        subject_records=1000,
        rows=aantallen,
        compiles=len(lats["app"]),
        fill_seconds=vul_seconden,
        measure_seconds=meet_seconden,
        peak_rss_mb=harness.peak_rss_mb(),
        load_avg_1m=[belasting, vi_regio.belasting()],
    )


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000)))
