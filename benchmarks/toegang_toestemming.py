"""Need-to-know + consent check for one action, with 1M consents and 100k case assignments (issue 6).

* app — what a service does before a consent-based share (G1), as a professional on the dossier's case
  team: `dossiers.selectors.dossier_of_404(actor, uuid)` (the actor's organisation on the connection,
  the dossier with the grant EXISTS joined in SQL and RT-12 validity, then the actor's valid grants on
  it; both querysets compiled once per connection, `core.querysjabloon`),
  `dossiers.selectors.sectie_toegang(…, "delen", "lezen")` (the pure section rule), the consent of that
  dossier (`toestemmingen.selectors.in_dossier`: by uuid, filtered on the dossier, first by id) and
  `toestemmingen.policies.dekt(toestemmingen.selectors.feit(rij), …)`. The check never decrypts (counted
  per run: `decrypts_per_op`), so every consent carries the same dummy ciphertext of realistic length.
* raw — the same statements as plain SQL on the same connection and role: the actor's organisation set
  on the connection when it changes (PostgreSQL, as `tenancy.activeer` does), the dossier with the same
  joins, grant EXISTS and retention NOT EXISTS (RT-12), the actor's valid grants on it, the consent row;
  no ORM, no rules. Same cursor as the app's, so on PostgreSQL prepared the same way (ADR 0016).

Every lookup is for a random consent of the 1M and a random current case-team member of its dossier, so
the actor changes from one action to the next as it does from request to request (the middleware clears
the organisation after each request: one `set_config` round trip per action on PostgreSQL, both paths).

The fill is what the services write, in bulk (COPY on PostgreSQL, executemany on SQLite): 3 organisations
(each its own controller, two teams) with a few hundred professionals; per dossier one client (person,
member row) and a current case-team assignment (`Toewijzing` + `Toegang` bron casusteam on the dossier,
plus the person grant `_grant_personen` writes); 20 % of the dossiers also a former member's revoked
assignment, 10 % a substitute's expired one. Consents (`size`, default 1M) spread at random over the
dossiers: 65 % given (a fifth of them past `geldig_tot`), 20 % revoked, the rest requested or refused;
kinds, forms, 1–2 of 50 recipient organisations, 1–3 data categories. After the fill: VACUUM ANALYZE and
a CHECKPOINT (PostgreSQL) / ANALYZE and a WAL checkpoint (SQLite). On PostgreSQL the measured code runs as
the runtime role, so row-level security is in force as in production.

Rounds alternate which path goes first; both use the same sample. Goal: app p99 < 2 ms.
`python -m benchmarks.toegang_toestemming DB [SIZE]` (SIZE = consents; dossiers = SIZE / 10).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from benchmarks import harness, vi_regio

NAAM = "toegang_toestemming"
ORGANISATIES = [("wijkteam", "gemeentelijk_team"), ("jeugdhulp", "jeugdhulp"), ("school", "school")]
ONTVANGER_TYPES = ["veilig_thuis", "jeugdhulp", "school", "wgbo_zorg", "gecertificeerde_instelling", "overig"]
CATEGORIEEN = [
    "schoolgegevens",
    "verzuim",
    "gezinssituatie",
    "huisvesting",
    "inkomen",
    "opvoeding",
    "gezondheid",
]
SOORTEN = (["doorbreking_beroepsgeheim"] * 5) + (["grondslag_verwerking"] * 3) + ["start_jeugdhulp", "overig"]
DOELEN = ["gegevensdeling"] * 4 + ["sociaal-domein-ondersteuning"]

SET_CONFIG = (
    "SELECT set_config('zorgvuldig.organisatie', %s, false), set_config('zorgvuldig.gebruiker', %s, false),"
    " set_config('zorgvuldig.systeem', %s, false), set_config('zorgvuldig.fg_verantwoordelijke', %s, false)"
)
_GELDIG = (
    "a.ingetrokken_op IS NULL AND a.geldig_vanaf <= %s AND (a.geldig_tot IS NULL OR a.geldig_tot >= %s)"
    " AND (a.ontvanger_gebruiker_id = %s OR a.ontvanger_organisatie_id = %s)"
    " AND a.object_type = 'dossiers.dossier'"
)
RAW_DOSSIER = (
    "SELECT d.*, t.*, g.* FROM dossiers_dossier d"
    " INNER JOIN organisaties_team t ON t.id = d.team_id"
    " LEFT OUTER JOIN organisaties_gebruiker g ON g.id = d.casusregie_id"
    # RT-12: not past its retention date unless held (bewaren.selectors.vervallen), as the app asks
    " WHERE NOT EXISTS (SELECT 1 FROM bewaren_bewaartermijn v WHERE v.object_id = d.id"
    " AND v.objecttype = 'dossiers.dossier' AND v.uitkomst = '' AND v.vervaldatum <= %s"
    " AND NOT EXISTS (SELECT 1 FROM bewaren_blokkade b WHERE b.einddatum > %s AND b.opgeheven_op IS NULL"
    " AND b.termijn_id = v.id LIMIT 1) LIMIT 1)"
    " AND EXISTS (SELECT 1 FROM toegang_toegang a"
    f" WHERE {_GELDIG} AND a.lezen AND a.object_id = d.id LIMIT 1)"
    " AND d.uuid = %s ORDER BY d.id LIMIT 1"
)
RAW_GRANTS = (
    f"SELECT a.* FROM toegang_toegang a WHERE {_GELDIG} AND a.object_id = %s"
    " ORDER BY a.ontvanger_organisatie_id ASC, a.geldig_vanaf DESC, a.id ASC"
)
RAW_TOESTEMMING = (
    "SELECT c.* FROM toestemmingen_toestemming c WHERE c.dossier_id = %s AND c.uuid = %s"
    " ORDER BY c.id LIMIT 1"
)


# --- bulk fill: rows as the model defines them ----------------------------------------------------------


class Tabel:
    """A model's table for a bulk fill: every concrete column (the id too), values adapted for the
    connection as the ORM would send them; defaults from the model, so a schema change is followed."""

    def __init__(self, model, **vast):
        from django.db import connection

        self.model = model
        self.naam = model._meta.db_table
        self.conn = connection
        self.velden = list(model._meta.concrete_fields)
        self.pos = {f.attname: i for i, f in enumerate(self.velden)}
        proto = model(**vast)
        self.basis = [f.get_db_prep_save(getattr(proto, f.attname), connection) for f in self.velden]

    def rij(self, **waarden) -> list:
        r = self.basis.copy()
        for attname, waarde in waarden.items():
            i = self.pos[attname]
            r[i] = self.velden[i].get_db_prep_save(waarde, self.conn)
        return r

    def kolommen(self) -> str:
        return ", ".join(f.column for f in self.velden)

    def insert_sql(self) -> str:
        return f"INSERT INTO {self.naam} ({self.kolommen()}) VALUES ({', '.join(['%s'] * len(self.velden))})"


def volgend_id(model) -> int:
    """The first free id (explicit ids in the fill, so rows can point at each other)."""
    from django.db.models import Max

    return (model.objects.aggregate(m=Max("id"))["m"] or 0) + 1


def vul(db: str, url: str, stappen: Iterable[tuple[Tabel, Iterable[list]]]) -> dict[str, int]:
    """Write the steps' rows in order (a later step's rows may be built while an earlier one is written),
    then VACUUM ANALYZE + CHECKPOINT / ANALYZE + WAL checkpoint. Returns rows per table."""
    from django.db import connection, transaction

    aantallen: dict[str, int] = {}
    if db == "postgres":
        import psycopg

        with psycopg.connect(url) as conn:
            for tabel, rijen in stappen:
                n = 0
                with (
                    conn.cursor() as cur,
                    cur.copy(f"COPY {tabel.naam} ({tabel.kolommen()}) FROM STDIN") as cp,
                ):
                    for r in rijen:
                        cp.write_row(r)
                        n += 1
                aantallen[tabel.naam] = aantallen.get(tabel.naam, 0) + n
            for t in aantallen:
                conn.execute(f"SELECT setval(pg_get_serial_sequence('{t}', 'id'), (SELECT max(id) FROM {t}))")
            conn.commit()
            conn.autocommit = True
            for t in aantallen:
                conn.execute(f"VACUUM ANALYZE {t}")
            conn.execute("ANALYZE")
            try:
                conn.execute("CHECKPOINT")  # the fill's dirty pages written before the timer, not during it
            except psycopg.errors.InsufficientPrivilege:  # a role without pg_checkpoint (PostgreSQL 15+)
                print("vul: no CHECKPOINT (the role lacks pg_checkpoint)", file=sys.stderr)
        return aantallen
    with connection.cursor() as cur:
        for tabel, rijen in stappen:
            sql, batch, n = tabel.insert_sql(), [], 0
            for r in rijen:
                batch.append(r)
                if len(batch) == 10_000:
                    with transaction.atomic():
                        cur.executemany(sql, batch)
                    n += len(batch)
                    batch = []
            if batch:
                with transaction.atomic():
                    cur.executemany(sql, batch)
                n += len(batch)
            aantallen[tabel.naam] = aantallen.get(tabel.naam, 0) + n
        cur.execute("ANALYZE")
        cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # reads not through a WAL full of the fill's pages
    return aantallen


def commit_zonder_git() -> str:
    """The checked-out commit read from .git itself (this benchmark runs no git command)."""
    git = Path(__file__).resolve().parent.parent / ".git"
    try:
        if git.is_file():  # a worktree: "gitdir: …"
            git = Path(git.read_text().split(":", 1)[1].strip())
        head = (git / "HEAD").read_text().strip()
        if not head.startswith("ref:"):
            return head[:7]
        ref = head.split(":", 1)[1].strip()
        for basis in (git, Path(str(git).split("/worktrees/")[0]) if "/worktrees/" in str(git) else git):
            if (basis / ref).exists():
                return (basis / ref).read_text().strip()[:7]
            packed = basis / "packed-refs"
            if packed.exists():
                for regel in packed.read_text().splitlines():
                    if regel.endswith(" " + ref):
                        return regel.split()[0][:7]
    except OSError:
        pass
    return "unknown"


def schrijf(*args, **kwargs) -> dict:
    harness.commit = commit_zonder_git
    return harness.schrijf(*args, **kwargs)


def ontvangers(n: int = 50) -> list:
    """`n` recipient organisations under one controller of their own."""
    from zorgvuldig.organisaties.models import Organisatie, Verwerkingsverantwoordelijke

    vv = Verwerkingsverantwoordelijke.objects.create(code="bench-ontvangers", naam="Bench ontvangers")
    return [
        Organisatie.objects.create(
            verwerkingsverantwoordelijke=vv,
            code=f"bench-ontvanger-{k:02d}",
            naam=f"Ontvanger {k:02d}",
            type=ONTVANGER_TYPES[k % len(ONTVANGER_TYPES)],
        )
        for k in range(n)
    ]


# --- the region -----------------------------------------------------------------------------------------


class Regio:
    """3 organisations (each its own controller) with two teams each and `gebruikers` professionals."""

    def __init__(self, gebruikers: int):
        from zorgvuldig.core import tenancy
        from zorgvuldig.core.context import Actor
        from zorgvuldig.organisaties.models import Gebruiker, Organisatie, Team, Verwerkingsverantwoordelijke

        tenancy.activeer(Actor.systeem())
        begin = dt.date.today() - dt.timedelta(days=3 * 365)
        self.organisaties, self.teams = [], []
        for code, soort in ORGANISATIES:
            vv = Verwerkingsverantwoordelijke.objects.create(code=f"bench-{code}", naam=f"Bench {code}")
            org = Organisatie.objects.create(
                verwerkingsverantwoordelijke=vv, code=f"bench-{code}", naam=f"Bench {code}", type=soort
            )
            self.organisaties.append(org)
            self.teams.append(
                [
                    Team.objects.create(organisatie=org, code=f"bench-{code}-{t}", naam=f"Team {t}")
                    for t in "ab"
                ]
            )
        Gebruiker.objects.bulk_create(
            [
                Gebruiker(
                    email=f"prof{k}@{ORGANISATIES[k % 3][0]}.example.org",
                    password="!",  # unusable: nobody logs in
                    naam=f"Professional {k}",
                    organisatie=self.organisaties[k % 3],
                    rollen=["medewerker"],
                    functie="Jeugdcoach",
                    geheimhoudingsverklaring_op=begin,
                )
                for k in range(gebruikers)
            ]
        )
        users = list(Gebruiker.objects.filter(email__startswith="prof").order_by("id"))
        self.per_org: list[list[int]] = [[], [], []]
        self.team_van: dict[int, int] = {}
        leden = []
        for k, u in enumerate(users):
            o = k % 3
            team = self.teams[o][(k // 3) % 2]
            self.per_org[o].append(u.pk)
            self.team_van[u.pk] = team.pk
            leden.append(Gebruiker.teams.through(gebruiker_id=u.pk, team_id=team.pk))
        Gebruiker.teams.through.objects.bulk_create(leden)
        self.gebruikers = {u.pk: u for u in users}

    def actor(self, user_id: int):
        from zorgvuldig.core.context import Actor
        from zorgvuldig.organisaties.models import Gebruiker

        user = Gebruiker.objects.select_related("organisatie").get(pk=user_id)
        return Actor.voor(user)


@dataclass
class Plan:
    """What the fill decided per dossier (index i): organisation, current case-team member."""

    d0: int  # first dossier id
    org: list[int]
    lid: list[int]


def _nu(d: dt.date) -> dt.datetime:
    return dt.datetime.combine(d, dt.time(9, 30), tzinfo=dt.UTC)


def _stappen(regio: Regio, dossiers: int, consents: int, ontv: list, rng: random.Random, plan: Plan):
    """The fill, table by table, as generators (so 1M rows are never in memory at once)."""
    from zorgvuldig.core import crypto
    from zorgvuldig.dossiers.models import Dossier, Lid, Toewijzing
    from zorgvuldig.personen.models import Persoon
    from zorgvuldig.toegang.models import Toegang
    from zorgvuldig.toestemmingen.models import Toestemming

    vandaag = dt.date.today()
    orgs = regio.organisaties
    vv = [o.verwerkingsverantwoordelijke_id for o in orgs]
    p0, l0, t0, w0, c0 = (volgend_id(m) for m in (Persoon, Lid, Toegang, Toewijzing, Toestemming))
    opened = [vandaag - dt.timedelta(days=rng.randrange(5, 3 * 365)) for _ in range(dossiers)]
    persoon_uuid = [uuid.uuid4() for _ in range(dossiers)]
    for i in range(dossiers):
        o = i % 3
        plan.org.append(o)
        plan.lid.append(rng.choice(regio.per_org[o]))
    statussen = ["geregistreerd", "vraagverheldering", "plan_vastgesteld", "monitoring", "plan_herzien"]

    t_persoon = Tabel(
        Persoon, verwerkingsverantwoordelijke_id=vv[0], organisatie_id=orgs[0].pk, geslachtsnaam="x"
    )

    def personen():
        for i in range(dossiers):
            o = plan.org[i]
            yield t_persoon.rij(
                id=p0 + i,
                uuid=persoon_uuid[i],
                aangemaakt=_nu(opened[i]),
                gewijzigd=_nu(opened[i]),
                verwerkingsverantwoordelijke_id=vv[o],
                organisatie_id=orgs[o].pk,
                bsn_ontbreekt_reden="Nog niet bekend",
                voornamen=f"Client {i}",
                geslachtsnaam=f"Achternaam{i % 997}",
                geboortedatum=dt.date(2005, 1, 1) + dt.timedelta(days=rng.randrange(6000)),
            )

    t_dossier = Tabel(
        Dossier,
        verwerkingsverantwoordelijke_id=vv[0],
        organisatie_id=orgs[0].pk,
        team_id=regio.teams[0][0].pk,
        aangemaakt_door_id=plan.lid[0] if plan.lid else None,
    )

    def dossier_rijen():
        for i in range(dossiers):
            o, u = plan.org[i], plan.lid[i]
            yield t_dossier.rij(
                id=plan.d0 + i,
                uuid=uuid.uuid4(),
                aangemaakt=_nu(opened[i]),
                gewijzigd=_nu(opened[i]),
                verwerkingsverantwoordelijke_id=vv[o],
                organisatie_id=orgs[o].pk,
                kenmerk=f"B{opened[i]:%Y}-{i:08X}",
                soort="individueel",
                team_id=regio.team_van[u],
                status=statussen[i % len(statussen)],
                kader=("vrijwillig", "vrijwillig", "vrijwillig", "drang", "dwang")[i % 5],
                casusregie_id=u,
                geopend_op=opened[i],
                aangemaakt_door_id=u,
                client_contact=True,
            )

    t_lid = Tabel(Lid, dossier_id=plan.d0, persoon_id=p0)

    def leden():
        for i in range(dossiers):
            yield t_lid.rij(id=l0 + i, dossier_id=plan.d0 + i, persoon_id=p0 + i, rol="client")

    t_toegang = Tabel(Toegang, verwerkingsverantwoordelijke_id=vv[0], organisatie_id=orgs[0].pk)
    toewijzingen: list[tuple] = []  # (dossier index, user, rol, toegang id, vanaf)
    laatste_id = [t0 - 1]

    def grant(i, user, bron, rechten, object_type, object_id, vanaf, tot=None, ingetrokken=None, door=None):
        o = plan.org[i]
        laatste_id[0] += 1
        return t_toegang.rij(
            id=laatste_id[0],
            uuid=uuid.uuid4(),
            aangemaakt=_nu(vanaf),
            gewijzigd=_nu(ingetrokken or vanaf),
            verwerkingsverantwoordelijke_id=vv[o],
            organisatie_id=orgs[o].pk,
            object_type=object_type,
            object_id=object_id,
            secties=[],
            bron=bron,
            ontvanger_gebruiker_id=user,
            **{r: r in rechten for r in ("lezen", "aanmaken", "aanvullen", "wijzigen")},
            reden=f"Toewijzing als {bron}",
            herkomst=f"dossier:{plan.d0 + i}",
            verleend_door_id=door or user,
            geldig_vanaf=vanaf,
            geldig_tot=tot,
            ingetrokken_op=_nu(ingetrokken) if ingetrokken else None,
            ingetrokken_door_id=door if ingetrokken else None,
            ingetrokken_reden="andere functie" if ingetrokken else "",
        )

    team_rechten = {"lezen", "aanmaken", "aanvullen"}
    persoon_rechten = {"lezen", "aanvullen"}

    def toegangen():
        for i in range(dossiers):
            o, u, vanaf = plan.org[i], plan.lid[i], opened[i]
            anderen = [x for x in rng.sample(regio.per_org[o], 3) if x != u]
            if rng.random() < 0.2:  # a former member: assignment revoked when they changed jobs
                v = anderen[0]
                weg = min(vandaag, vanaf + dt.timedelta(days=rng.randrange(1, 200)))
                yield grant(
                    i, v, "casusteam", team_rechten, "dossiers.dossier", plan.d0 + i, vanaf, None, weg, u
                )
                toewijzingen.append((i, v, "casusteam", laatste_id[0], vanaf))
                yield grant(
                    i, v, "casusteam", persoon_rechten, "personen.persoon", p0 + i, vanaf, None, weg, u
                )
            yield grant(i, u, "casusteam", team_rechten, "dossiers.dossier", plan.d0 + i, vanaf)
            toewijzingen.append((i, u, "casusteam", laatste_id[0], vanaf))
            yield grant(i, u, "casusteam", persoon_rechten, "personen.persoon", p0 + i, vanaf)
            if rng.random() < 0.1:  # a substitute during a leave, expired since
                w = anderen[-1]
                tot = min(vandaag - dt.timedelta(days=1), vanaf + dt.timedelta(days=rng.randrange(1, 60)))
                yield grant(
                    i, w, "vervanger", {"lezen", "aanvullen"}, "dossiers.dossier", plan.d0 + i, vanaf, tot
                )
                toewijzingen.append((i, w, "vervanger", laatste_id[0], vanaf))
                yield grant(i, w, "vervanger", persoon_rechten, "personen.persoon", p0 + i, vanaf, tot)

    t_toewijzing = Tabel(
        Toewijzing, verwerkingsverantwoordelijke_id=vv[0], organisatie_id=orgs[0].pk, dossier_id=plan.d0
    )

    def toewijzing_rijen():
        for k, (i, user, rol, toegang_id, vanaf) in enumerate(toewijzingen):
            o = plan.org[i]
            yield t_toewijzing.rij(
                id=w0 + k,
                uuid=uuid.uuid4(),
                aangemaakt=_nu(vanaf),
                gewijzigd=_nu(vanaf),
                verwerkingsverantwoordelijke_id=vv[o],
                organisatie_id=orgs[o].pk,
                dossier_id=plan.d0 + i,
                gebruiker_id=user,
                rol=rol,
                toegang_id=toegang_id,
                door_id=plan.lid[i],
            )

    # One real ciphertext of a realistic content document; every row carries it (the check never
    # decrypts, which the run verifies).
    inhoud = {
        "inhoud": "Verzuimgegevens van dit schooljaar en de afspraken met de leerplichtambtenaar",
        "waaromNodig": "Zodat de ontvanger de situatie thuis en op school kan beoordelen.",
        "afhankelijkheidReden": "Alleen voor deze verstrekking; weigeren heeft geen gevolgen voor de hulp.",
        "jongereMening": "Vindt het goed.",
        "uitzonderingRedenen": "",
        "bewijs": "Formulier ondertekend op locatie",
        "terzijdeRedenen": "",
    }
    dummy = crypto.encrypt(vv[0], Toestemming._meta.db_table, "inhoud", uuid.uuid4(), json.dumps(inhoud))
    t_toestemming = Tabel(
        Toestemming,
        verwerkingsverantwoordelijke_id=vv[0],
        organisatie_id=orgs[0].pk,
        betrokkene_id=p0,
        datum=vandaag,
    )
    ontv_uuid = [str(o.uuid) for o in ontv]

    def toestemmingen():
        for j in range(consents):
            i = rng.randrange(dossiers)
            o = plan.org[i]
            datum = opened[i] + dt.timedelta(days=rng.randrange(max(1, (vandaag - opened[i]).days)))
            r = rng.random()
            status, tot, ingetrokken = "gegeven", None, None
            if r < 0.65:
                s = rng.random()
                if s < 0.2:
                    tot = datum + dt.timedelta(days=rng.randrange(1, 120))
                    tot = min(tot, vandaag - dt.timedelta(days=1))
                elif s < 0.5:
                    tot = vandaag + dt.timedelta(days=rng.randrange(1, 365))
            elif r < 0.85:
                status = "ingetrokken"
                ingetrokken = _nu(min(vandaag, datum + dt.timedelta(days=rng.randrange(1, 90))))
            elif r < 0.93:
                status = "gevraagd"
            else:
                status = "geweigerd"
            soort = rng.choice(SOORTEN)
            client = str(persoon_uuid[i])
            gevers = [{"persoon": client, "hoedanigheid": "zelf"}]
            if rng.random() < 0.5:
                gevers.append(
                    {"persoon": str(persoon_uuid[rng.randrange(dossiers)]), "hoedanigheid": "ouder_met_gezag"}
                )
            yield t_toestemming.rij(
                id=c0 + j,
                uuid=uuid.uuid4(),
                aangemaakt=_nu(datum),
                gewijzigd=ingetrokken or _nu(datum),
                verwerkingsverantwoordelijke_id=vv[o],
                organisatie_id=orgs[o].pk,
                betrokkene_id=p0 + i,
                dossier_id=plan.d0 + i,
                soort=soort,
                status=status,
                gevers=gevers,
                jongere_gehoord={"datum": datum.isoformat()} if len(gevers) > 1 else {},
                doel=rng.choice(DOELEN),
                ontvangers=[{"organisatie": u} for u in rng.sample(ontv_uuid, rng.choice((1, 1, 2)))],
                gegevenscategorieen=sorted(rng.sample(CATEGORIEEN, rng.randrange(1, 4))),
                vorm=rng.choice(("schriftelijk", "schriftelijk", "digitaal", "mondeling")),
                uitdrukkelijk=soort == "doorbreking_beroepsgeheim" or rng.random() < 0.3,
                als_grondslag=soort == "overig" and rng.random() < 0.5,
                informatie_gegeven={
                    "datum": datum.isoformat(),
                    "onderwerpen": ["doel", "gegevens", "ontvanger"],
                },
                belang_bevestigd=True,
                datum=datum,
                geldig_tot=tot,
                inhoud_versleuteld=dummy,
                vastgelegd_door_id=plan.lid[i],
                ingetrokken_op=ingetrokken,
                ingetrokken_kanaal="ui" if ingetrokken else "",
            )

    return [
        (t_persoon, personen()),
        (t_dossier, dossier_rijen()),
        (t_lid, leden()),
        (t_toegang, toegangen()),
        (t_toewijzing, toewijzing_rijen()),
        (t_toestemming, toestemmingen()),
    ]


# --- the measurement ---------------------------------------------------------------------------------


@dataclass
class Geval:
    actor: object
    user_id: int
    org_id: int
    dossier_uuid: uuid.UUID
    dossier_db: object
    toestemming_uuid: uuid.UUID
    toestemming_db: object
    ontvanger: str
    doel: str
    gegevens: frozenset


def _gevallen(regio: Regio, plan: Plan, ontv: list, n: int, consents: int, c0: int, rng) -> list[Geval]:
    """`n` actions: a random consent, a current case-team member of its dossier as the actor, and a share
    that the consent mostly covers (some: another recipient, purpose or data category)."""
    from django.db import connection
    from django.db.models import UUIDField

    from zorgvuldig.core import tenancy
    from zorgvuldig.toestemmingen.models import Toestemming

    veld = UUIDField()
    alle = range(c0, c0 + consents)
    ids = rng.sample(alle, n) if n <= consents else rng.choices(alle, k=n)
    rijen = {}
    with tenancy.systeem():
        for k in range(0, n, 5000):
            for r in Toestemming.objects.filter(id__in=ids[k : k + 5000]).values(
                "id", "uuid", "dossier_id", "dossier__uuid", "ontvangers", "gegevenscategorieen", "doel"
            ):
                rijen[r["id"]] = r
    actors: dict[int, object] = {}
    ontv_uuid = [str(o.uuid) for o in ontv]
    uit = []
    for c in ids:
        r = rijen[c]
        i = r["dossier_id"] - plan.d0
        u = plan.lid[i]
        if u not in actors:
            actors[u] = regio.actor(u)
        genoemd = [o["organisatie"] for o in r["ontvangers"]]
        ontvanger = rng.choice(genoemd) if rng.random() < 0.8 else rng.choice(ontv_uuid)
        doel = r["doel"] if rng.random() < 0.9 else "sociaal-domein-ondersteuning"
        gegevens = set(rng.sample(r["gegevenscategorieen"], 1))
        if rng.random() < 0.15:
            gegevens.add(rng.choice(CATEGORIEEN))
        uit.append(
            Geval(
                actor=actors[u],
                user_id=u,
                org_id=regio.organisaties[plan.org[i]].pk,
                dossier_uuid=r["dossier__uuid"],
                dossier_db=veld.get_db_prep_value(r["dossier__uuid"], connection),
                toestemming_uuid=r["uuid"],
                toestemming_db=veld.get_db_prep_value(r["uuid"], connection),
                ontvanger=ontvanger,
                doel=doel,
                gegevens=frozenset(gegevens),
            )
        )
    return uit


def actie(g: Geval):
    """One action's need-to-know + consent check, as a service does it; returns `dekt`'s gap or None."""
    from zorgvuldig.core.clock import today
    from zorgvuldig.dossiers import selectors as dossiers
    from zorgvuldig.toestemmingen import policies as cs
    from zorgvuldig.toestemmingen import selectors as toestemmingen

    dossier, grants = dossiers.dossier_of_404(g.actor, g.dossier_uuid)
    dossiers.sectie_toegang(g.actor, dossier, grants, "delen", "lezen")
    rij = toestemmingen.in_dossier(dossier, g.toestemming_uuid)
    if rij is None:
        raise LookupError("consent not found")
    return cs.dekt(
        toestemmingen.feit(rij),
        ontvanger=g.ontvanger,
        doel=g.doel,
        gegevens=g.gegevens,
        vandaag=today(),
        bijzonder=False,
    )


def _app(gevallen: list[Geval], uitkomsten: dict | None = None) -> list[float]:
    lat = []
    for g in gevallen:
        t0 = time.perf_counter()
        gat = actie(g)
        lat.append(time.perf_counter() - t0)
        if uitkomsten is not None:
            sleutel = "gedekt" if gat is None else gat.naam
            uitkomsten[sleutel] = uitkomsten.get(sleutel, 0) + 1
    return lat


def _raw(gevallen: list[Geval]) -> list[float]:
    from django.db import connection

    from zorgvuldig.core import tenancy
    from zorgvuldig.core.clock import today

    pg = connection.vendor == "postgresql"
    vandaag = connection.ops.adapt_datefield_value(today())
    lat, vorige = [], None
    with connection.cursor() as cur:
        for g in gevallen:
            t0 = time.perf_counter()
            if pg and vorige != g.user_id:
                cur.execute(SET_CONFIG, [str(g.org_id), str(g.user_id), "", ""])
                vorige = g.user_id
            cur.execute(RAW_DOSSIER, [vandaag] * 4 + [g.user_id, g.org_id, g.dossier_db])
            d = cur.fetchone()
            cur.execute(RAW_GRANTS, [vandaag, vandaag, g.user_id, g.org_id, d[0]])
            cur.fetchall()
            cur.execute(RAW_TOESTEMMING, [d[0], g.toestemming_db])
            if cur.fetchone() is None:
                raise LookupError("consent not found")
            lat.append(time.perf_counter() - t0)
    setattr(connection, tenancy._ATTR, None)  # the raw path changed the settings behind tenancy's back
    return lat


def _per_op(g: Geval) -> tuple[int, int]:
    """(queries, decryptions) of one app action."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from zorgvuldig.core import crypto

    teller = [0]
    echt = crypto.decrypt

    def decrypt(*a, **kw):
        teller[0] += 1
        return echt(*a, **kw)

    crypto.decrypt = decrypt
    try:
        with CaptureQueriesContext(connection) as ctx:
            actie(g)
    finally:
        crypto.decrypt = echt
    for q in ctx.captured_queries:
        print("  app query:", q["sql"], file=sys.stderr)
    return len(ctx.captured_queries), teller[0]


def _plannen(g: Geval) -> None:
    """EXPLAIN ANALYZE of the raw statements for one action (stderr; for the report)."""
    from django.db import connection

    from zorgvuldig.core import tenancy
    from zorgvuldig.core.clock import today

    vandaag = connection.ops.adapt_datefield_value(today())
    pg = connection.vendor == "postgresql"
    voor = "EXPLAIN (ANALYZE, BUFFERS) " if pg else "EXPLAIN QUERY PLAN "
    with connection.cursor() as cur:
        if pg:
            cur.execute(SET_CONFIG, [str(g.org_id), str(g.user_id), "", ""])
        cur.execute(RAW_DOSSIER, [vandaag] * 4 + [g.user_id, g.org_id, g.dossier_db])
        d = cur.fetchone()
        for sql, params in (
            (RAW_DOSSIER, [vandaag] * 4 + [g.user_id, g.org_id, g.dossier_db]),
            (RAW_GRANTS, [vandaag, vandaag, g.user_id, g.org_id, d[0]]),
            (RAW_TOESTEMMING, [d[0], g.toestemming_db]),
        ):
            cur.execute(voor + sql, params)
            print("  plan:", sql[:60], file=sys.stderr)
            for regel in cur.fetchall():
                print("    ", " | ".join(str(x) for x in regel), file=sys.stderr)
    setattr(connection, tenancy._ATTR, None)


def main(db: str, size: int, rounds: int = 10, lookups: int = 10_000) -> dict:
    belasting = vi_regio.belasting()
    rng = random.Random(20261206)
    consents = size
    dossiers = max(10, size // 10)
    gebruikers = 300 if dossiers >= 30_000 else max(12, dossiers // 100)
    url = harness.nieuwe_database(db, "toestemming")
    vi_regio.runtime_url(db, url)
    harness.django_setup(url)
    harness.migrate()

    from zorgvuldig.dossiers.models import Dossier
    from zorgvuldig.toestemmingen.models import Toestemming

    regio = Regio(gebruikers)
    ontv = ontvangers(50)
    plan = Plan(d0=volgend_id(Dossier), org=[], lid=[])
    c0 = volgend_id(Toestemming)
    t0 = time.perf_counter()
    aantallen = vul(db, url, _stappen(regio, dossiers, consents, ontv, rng, plan))
    vul_seconden = round(time.perf_counter() - t0, 1)
    print(f"{NAAM} {db}: fill {vul_seconden} s {aantallen}", file=sys.stderr)
    vi_regio.als_runtime_rol()  # PostgreSQL: measured as the runtime role, RLS in force

    gevallen = _gevallen(regio, plan, ontv, lookups + 400, consents, c0, rng)
    warm, gevallen = gevallen[:400], gevallen[400:]
    queries, decrypts = _per_op(warm[0])
    _app(warm[:200])
    _raw(warm[200:])
    per_round = max(1, len(gevallen) // rounds)
    lats: dict[str, list[float]] = {"app": [], "raw": []}
    uitkomsten: dict[str, int] = {}
    t_meet = time.perf_counter()
    for r in range(rounds):
        sample = gevallen[r * per_round : (r + 1) * per_round]
        for kind in ("app", "raw") if r % 2 == 0 else ("raw", "app"):
            lats[kind] += _app(sample, uitkomsten) if kind == "app" else _raw(sample)
    meet_seconden = round(time.perf_counter() - t_meet, 1)
    _plannen(gevallen[0])
    p50, p99 = harness.percentiles(lats["app"])
    raw_p50, raw_p99 = harness.percentiles(lats["raw"])
    n_toewijzingen = aantallen.get("dossiers_toewijzing", 0)
    return schrijf(
        NAAM,
        db,
        size,
        p50,
        "ms",
        raw_p50,
        {"p99_ms_max": 2},
        ratio=round(raw_p50 / p50, 3) if p50 else None,
        ratio_desc="raw p50 / app p50 (the app path's speed as a fraction of plain SQL's)",
        value_desc="app p50 (ms): dossier_of_404 + sectie_toegang('delen', 'lezen') + the dossier's "
        "consent by uuid + dekt(feit(…)), as a case-team professional",
        baseline_desc="plain SQL on the same connection and role: set_config when the actor changes "
        "(PostgreSQL), dossier with the grant EXISTS and the same joins, the actor's valid grants, the "
        "consent row; p50 ms",
        goal_met=p99 < 2,
        runtime_role=db == "postgres",
        p50_ms=p50,
        p99_ms=p99,
        baseline_p50_ms=raw_p50,
        baseline_p99_ms=raw_p99,
        ratio_p99=round(raw_p99 / p99, 3) if p99 else None,
        queries_per_op=queries,
        decrypts_per_op=decrypts,
        outcomes=uitkomsten,
        consents=aantallen.get("toestemmingen_toestemming", 0),
        dossiers=aantallen.get("dossiers_dossier", 0),
        case_assignments=n_toewijzingen,
        grants=aantallen.get("toegang_toegang", 0),
        professionals=gebruikers,
        lookups=len(lats["app"]),
        rounds=rounds,
        fill_seconds=vul_seconden,
        measure_seconds=meet_seconden,
        peak_rss_mb=harness.peak_rss_mb(),
        load_avg_1m=[belasting, vi_regio.belasting()],
    )


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000)))
