"""RT-09 / RT-03: a sweep killed mid-batch (SIGKILL) leaves whole batches only, and the next run resumes.

`zorgvuldig opschonen --batch 200` runs as a separate process against the test database, connected as
the runtime role as in production. It is killed while a batch's transaction is open and has already
deleted outreach signals (the backend holds ROW EXCLUSIVE on `dossiers_zorgsignaal`) after at least one
batch committed. Then: every signal is either still there with an open retention row, its grant and its
person, or gone with exactly one tombstone, its grant gone and its person (when nothing else of it is
left) gone with the pseudonym mapping (AU-07); the killed run is still "bezig". A rerun destroys the rest,
each record once; the killed run is marked "afgebroken"; the audit chain is intact (AU-03).

PostgreSQL only (a second process on the same database, pg_stat_activity); SQLite runs deselect it with
`-m "not postgres"`.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from zorgvuldig.audit import services as audit
from zorgvuldig.audit.models import AuditRegel, Pseudoniem
from zorgvuldig.bewaren import services
from zorgvuldig.bewaren.models import Bewaartermijn, Opschoonronde
from zorgvuldig.conftest import als_systeem
from zorgvuldig.core.clock import today
from zorgvuldig.dossiers import policies as dossier_policies
from zorgvuldig.dossiers import services as dossiers
from zorgvuldig.dossiers.models import Zorgsignaal
from zorgvuldig.dossiers.tests import hulp
from zorgvuldig.personen.models import Persoon
from zorgvuldig.toegang.models import Bron, Toegang

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

N = 3000
BATCH = 200
VIA_SERVICE = 5  # signals registered through dossiers.services (grant + audit entry, person registered)
GEDEELD = 20  # persons in two signals half the set apart: they may only go with the second
APP = f"zv-sweep-kill-{os.getpid()}"
ZORGSIGNAAL = "dossiers.zorgsignaal"


def _signalen(regio) -> None:
    """N due outreach signals as `registreer_zorgsignaal` leaves them, most written in bulk: the row, the
    receiving professional's grant; every 3rd about a person of its own (with pseudonym mapping); GEDEELD
    persons in two signals. `synchroniseer` gives the bulk rows their retention row (RT-10)."""
    actor = regio.actor(regio.medewerker)
    ontvangen = today() - dt.timedelta(days=400)
    for k in range(VIA_SERVICE):
        lisa = hulp.client(regio, geslachtsnaam=f"Visser{k}")
        dossiers.registreer_zorgsignaal(
            actor=actor,
            team=regio.team,
            data={
                "ontvangen_op": ontvangen,
                "kanaal": "telefoon",
                "melder": {"naam": "Buurvrouw", "contact": "06-00000000"},
                "persoon": str(lisa.uuid),
                "zorg": "Kinderen lijken 's avonds alleen thuis.",
            },
        )
    als_systeem()
    bulk = N - VIA_SERVICE
    eigen = [
        Persoon(
            verwerkingsverantwoordelijke=regio.gemeente,
            organisatie=regio.wijkteam,
            geslachtsnaam=f"Jansen{i}",
            bsn_ontbreekt_reden="Nog niet bekend",
        )
        for i in range(GEDEELD + (bulk + 2) // 3)
    ]
    Persoon.objects.bulk_create(eigen)
    Pseudoniem.objects.bulk_create(
        [Pseudoniem(sleutel=audit.subject_key(p), pseudoniem=uuid.uuid4().hex) for p in eigen]
    )
    gedeeld, eigen = eigen[:GEDEELD], eigen[GEDEELD:]
    # signal i (i % 3 == 1, else without a person) in the first batch and its twin half the set further
    helft = bulk // 2 - (bulk // 2) % 3 + 1
    tweelingen = {1 + 3 * k: gedeeld[k] for k in range(GEDEELD)} | {
        helft + 3 * k: gedeeld[k] for k in range(GEDEELD)
    }
    rijen = []
    for i in range(bulk):
        persoon = eigen[i // 3] if i % 3 == 0 else tweelingen.get(i)
        rijen.append(
            Zorgsignaal(
                verwerkingsverantwoordelijke=regio.gemeente,
                organisatie=regio.wijkteam,
                team=regio.team,
                ontvangen_op=ontvangen,
                kanaal="telefoon",
                persoon=persoon,
                inhoud_versleuteld="v1:" + "x" * 200,  # never read by the sweep
                status="afgewezen",
                verwijderen_op=dossier_policies.zorgsignaal_verwijderen_op(ontvangen),
                door=regio.medewerker,
            )
        )
    Zorgsignaal.objects.bulk_create(rijen, batch_size=1000)
    Toegang.objects.bulk_create(
        [
            Toegang(
                verwerkingsverantwoordelijke=regio.gemeente,
                organisatie=regio.wijkteam,
                object_type=ZORGSIGNAAL,
                object_id=z.pk,
                bron=Bron.CASUSTEAM,
                ontvanger_gebruiker=regio.medewerker,
                lezen=True,
                aanvullen=True,
                reden="Ontvanger van het zorgsignaal",
                herkomst=f"zorgsignaal:{z.uuid}",
                verleend_door=regio.medewerker,
                geldig_vanaf=ontvangen,
            )
            for z in rijen
        ],
        batch_size=1000,
    )
    assert services.synchroniseer() == bulk
    assert (
        Bewaartermijn.objects.filter(objecttype=ZORGSIGNAAL, uitkomst="", vervaldatum__lte=today()).count()
        == N
    )


def _database_url() -> str:
    """The test database, connected as the runtime role (as the application is in production)."""
    s = connection.settings_dict
    gebruiker = settings.DB_RUNTIME_ROLE or s["USER"]
    wachtwoord = (
        f":{quote(s['PASSWORD'], safe='')}" if s.get("PASSWORD") and not settings.DB_RUNTIME_ROLE else ""
    )
    server = f"{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}"
    return f"postgres://{quote(gebruiker, safe='')}{wachtwoord}@{server}/{s['NAME']}"


def _sweep_proces(tmp_path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DJANGO_SETTINGS_MODULE": "zorgvuldig.conf.settings",
        "ZORGVULDIG_MODE": "test",
        "ZORGVULDIG_VAR_DIR": str(settings.BASE_DIR),  # the same keys
        "PGAPPNAME": APP,  # libpq: find its backend in pg_stat_activity
    }
    return subprocess.Popen(
        [sys.executable, "-m", "zorgvuldig", "opschonen", "--batch", str(BATCH)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "opschonen.err").open("w"),
    )


def _backend() -> tuple | None:
    """(pid, state, transaction open, has deleted signals in it) of the sweep's backend."""
    with connection.cursor() as cur:
        cur.execute(
            """
            SELECT a.pid, a.state, a.xact_start IS NOT NULL,
                   EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = a.pid AND l.granted
                           AND l.relation = 'dossiers_zorgsignaal'::regclass AND l.mode = 'RowExclusiveLock')
            FROM pg_stat_activity a WHERE a.application_name = %s
            """,
            [APP],
        )
        return cur.fetchone()


def _graven() -> int:
    return Bewaartermijn.objects.filter(objecttype=ZORGSIGNAAL, uitkomst="vernietigd").count()


def _dood_midden_in_een_batch(proc, tmp_path) -> tuple:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        assert proc.poll() is None, (
            f"the sweep ended (rc {proc.returncode}) before it was killed: "
            + (tmp_path / "opschonen.err").read_text()[-2000:]
        )
        backend = _backend()
        midden = backend and backend[2] and backend[1] in ("active", "idle in transaction") and backend[3]
        if midden and _graven() >= BATCH:  # at least one batch committed, the next one half done
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
            break
        time.sleep(0.005)
    else:
        pytest.fail("no open batch transaction of the sweep seen in time")
    while _backend() is not None:  # the server notices the dead client and rolls its transaction back
        assert time.monotonic() < deadline + 30, "the killed sweep's backend did not go away"
        time.sleep(0.05)
    return backend


def _toestand(signalen: dict[int, int | None], personen: set[int]) -> dict:
    """Each signal whole or wholly destroyed; each person there iff a signal of it is there."""
    over = set(Zorgsignaal.objects.filter(pk__in=signalen).values_list("pk", flat=True))
    rijen = Bewaartermijn.objects.filter(objecttype=ZORGSIGNAAL, object_id__in=signalen)
    per_signaal = Counter(rijen.values_list("object_id", flat=True))
    assert set(per_signaal) == set(signalen) and max(per_signaal.values()) == 1  # one row each, always
    uitkomst = dict(rijen.values_list("object_id", "uitkomst"))
    grants = set(
        Toegang.objects.filter(object_type=ZORGSIGNAAL, object_id__in=signalen).values_list(
            "object_id", flat=True
        )
    )
    for pk in signalen:
        if pk in over:
            assert uitkomst[pk] == "" and pk in grants, pk  # untouched: open retention row, grant there
        else:
            assert uitkomst[pk] == "vernietigd" and pk not in grants, pk  # gone: tombstone, grant gone
    nodig = {p for pk, p in signalen.items() if p is not None and pk in over}
    bestaand = set(Persoon.objects.filter(pk__in=personen).values_list("pk", flat=True))
    assert bestaand == nodig  # a person goes in the batch that deletes its last signal, not before
    weg = personen - bestaand
    graven = Counter(
        Bewaartermijn.objects.filter(objecttype="personen.persoon", object_id__in=personen).values_list(
            "object_id", flat=True
        )
    )
    assert set(graven) == weg and all(n == 1 for n in graven.values())
    sleutels = dict(Persoon.objects.filter(pk__in=bestaand).values_list("pk", "uuid"))
    assert Pseudoniem.objects.filter(sleutel__in=[f"persoon:{u}" for u in sleutels.values()]).count() == len(
        bestaand
    )
    assert not Toegang.objects.filter(object_type="personen.persoon", object_id__in=weg).exists()
    return {"over": over, "weg": weg}


def _vernietigd_volgens_audit(ronde) -> int:
    return sum(
        r["aantal"]
        for r in AuditRegel.objects.filter(
            actie="bewaren.vernietigd", object_uuid=str(ronde.uuid)
        ).values_list("koppeling", flat=True)
    )


def test_rt_09_sweep_killed_mid_batch_leaves_whole_batches_and_rerun_destroys_each_record_once(
    regio, tmp_path
):
    _signalen(regio)
    als_systeem()
    signalen = dict(Zorgsignaal.objects.values_list("pk", "persoon_id"))
    personen = {p for p in signalen.values() if p is not None}
    assert len(signalen) == N and len(personen) == VIA_SERVICE + GEDEELD + (N - VIA_SERVICE + 2) // 3
    pseudoniemen_voor = Pseudoniem.objects.count()

    proc = _sweep_proces(tmp_path)
    try:
        _pid, status, open_, gewist = _dood_midden_in_een_batch(proc, tmp_path)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert open_ and gewist and status in ("active", "idle in transaction")

    als_systeem()
    gestopt = Opschoonronde.objects.get()
    assert gestopt.status == "bezig" and gestopt.beeindigd is None  # killed: never marked done
    na_kill = _toestand(signalen, personen)
    vernietigd = N - len(na_kill["over"])
    assert vernietigd % BATCH == 0 and BATCH <= vernietigd < N  # whole batches only
    # every committed batch carries its audit entry; the rolled-back one left none
    assert _vernietigd_volgens_audit(gestopt) == vernietigd
    assert Bewaartermijn.objects.filter(opschoonronde=gestopt, objecttype=ZORGSIGNAAL).count() == vernietigd
    assert Pseudoniem.objects.count() == pseudoniemen_voor - len(na_kill["weg"])

    ronde = services.opschonen()
    als_systeem()
    assert ronde is not None and ronde.status == "klaar"
    telling = ronde.telling[str(regio.gemeente.uuid)]
    assert telling["vernietigd"] == N - vernietigd  # none destroyed twice
    assert telling.get("personen", 0) in (0, len(personen) - len(na_kill["weg"]))
    gestopt.refresh_from_db()
    assert gestopt.status == "afgebroken"
    eind = _toestand(signalen, personen)
    assert eind["over"] == set() and eind["weg"] == personen
    per_ronde = Counter(
        Bewaartermijn.objects.filter(objecttype=ZORGSIGNAAL, object_id__in=signalen).values_list(
            "opschoonronde_id", flat=True
        )
    )
    assert per_ronde == {gestopt.pk: vernietigd, ronde.pk: N - vernietigd}
    assert _vernietigd_volgens_audit(gestopt) + _vernietigd_volgens_audit(ronde) == N
    assert not Zorgsignaal.objects.exists() and not Persoon.objects.filter(pk__in=personen).exists()

    # AU-03 / AU-07: the chain over everything, the killed run's entries included, is intact
    audit.verzegel_alles()
    verslag = audit.verifieer()
    assert verslag.as_dict() == {
        "ok": True,
        "gecontroleerd": AuditRegel.objects.count(),
        "controlepunten": 0,
        "eersteBreuk": None,
        "onverzegeld": 0,
    }
