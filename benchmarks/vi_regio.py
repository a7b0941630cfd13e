"""A verwijsindex to benchmark on (shared by signal_registration, signal_http, match_lookup).

Set up as `verwijsindex/tests/hulp.py` does: a profile with meldrecht, an active convenant every
organisation has acceded to, and per organisation one professional with a `vi_signaleren` mandate and the
undertaking (geheimhoudingsverklaring) accepted. BSNs are fictional: valid under the 11-proef, from the
9999xxxxx test range where a few thousand suffice, from the unissued 9xxxxxxxx range where a million are
needed (match_lookup).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator

RUNTIME_ROLE = "zorgvuldig_bench_app"
ORGANISATIES = [
    ("wijkteam", "gemeentelijk_team"),
    ("school", "school"),
    ("jeugdhulp", "jeugdhulp"),
    ("huisarts", "jeugdhulp"),
]


def is_bsn(n: int) -> bool:
    """The 11-proef: 9·d1 + 8·d2 + … + 2·d8 − d9 ≡ 0 (mod 11)."""
    d = f"{n:09d}"
    som = sum(int(c) * w for c, w in zip(d[:8], range(9, 1, -1), strict=True)) - int(d[8])
    return som % 11 == 0


def bsns(start: int = 999_900_000, stop: int = 1_000_000_000) -> Iterator[str]:
    """Valid (11-proef) fictional BSNs in [start, stop), ascending."""
    return (f"{n:09d}" for n in range(start, stop) if is_bsn(n))


# --- PostgreSQL: run as the runtime role, so row-level security is in force as in production -------


def runtime_url(db: str, url: str) -> str:
    """PostgreSQL: create the runtime role (once per cluster) and have `migrate` grant it its rights
    (`core.database.rechten_runtime_rol`); return the database URL that connects as that role. The owner
    (the admin user) migrates and sets up; the measured code runs as the runtime role — RLS applies to it,
    not to the owner. SQLite: the same URL."""
    if db != "postgres":
        return url
    import psycopg

    from benchmarks import harness

    with psycopg.connect(harness.PG_ADMIN_URL, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [RUNTIME_ROLE]).fetchone() is None:
            conn.execute(f"CREATE ROLE {RUNTIME_ROLE} LOGIN")
    os.environ["ZORGVULDIG_DB_RUNTIME_ROLE"] = RUNTIME_ROLE
    scheme, rest = url.split("://", 1)
    return f"{scheme}://{RUNTIME_ROLE}@{rest.split('@', 1)[1]}"


def als_runtime_rol() -> None:
    """Reconnect Django's connection as the runtime role (PostgreSQL only)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        connection.close()
        connection.settings_dict["USER"] = RUNTIME_ROLE


def belasting() -> float:
    """The machine's 1-minute load average: written into the result, since others may share the cores."""
    return round(os.getloadavg()[0], 2)


def analyze(db: str, url: str) -> None:
    """Refresh the planner statistics, as autovacuum would (it is off on the benchmark cluster; without
    this the plans of a table that grew from empty are made on no statistics at all). Not timed."""
    if db == "postgres":
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("ANALYZE")
    else:
        from django.db import connection

        with connection.cursor() as cur:
            cur.execute("ANALYZE")


# --- the region -------------------------------------------------------------------------------------


class Regio:
    """`orgs` organisations (each its own controller), all signatories, one mandated signaler each."""

    def __init__(self, orgs: int = 3):
        from zorgvuldig.convenanten.models import INHOUD_VELDEN, Convenant, Toetreding
        from zorgvuldig.core import tenancy
        from zorgvuldig.core.context import Actor
        from zorgvuldig.organisaties.models import (
            Gebruiker,
            Mandaat,
            Organisatie,
            Profiel,
            Verwerkingsverantwoordelijke,
        )

        tenancy.activeer(Actor.systeem())
        self.profiel = Profiel.objects.create(
            code="vi-bench", naam="VI bench", meldrecht_bepaling="Jeugdwet art. 7.1.4.1"
        )
        self.convenant = Convenant.objects.create(
            code="vi-bench",
            naam="Convenant VI bench",
            status="actief",
            **dict.fromkeys(INHOUD_VELDEN.values(), "Ingevuld."),
        )
        begin = dt.date.today() - dt.timedelta(days=365)
        self.organisaties, self.signaleerders = [], []
        for code, soort in ORGANISATIES[:orgs]:
            vv = Verwerkingsverantwoordelijke.objects.create(code=f"bench-{code}", naam=f"Bench {code}")
            org = Organisatie.objects.create(
                verwerkingsverantwoordelijke=vv,
                code=f"bench-{code}",
                naam=f"Bench {code}",
                type=soort,
                profiel=self.profiel,
            )
            Toetreding.objects.create(convenant=self.convenant, organisatie=org, datum=begin)
            user = Gebruiker.objects.create_user(
                email=f"signaleerder@{code}.example.org",
                password="correct-horse-battery-staple",
                naam=f"Signaleerder {code}",
                organisatie=org,
                rollen=["medewerker"],
                functie="Jeugdcoach",
                geheimhoudingsverklaring_op=begin,
            )
            Mandaat.objects.create(gebruiker=user, soort="vi_signaleren", vanaf=begin)
            self.organisaties.append(org)
            self.signaleerders.append(user)
        self.beheerder = Gebruiker.objects.create_user(
            email="beheer@wijkteam.example.org",
            password="correct-horse-battery-staple",
            naam="Beheer",
            organisatie=self.organisaties[0],
            rollen=["beheerder"],
            geheimhoudingsverklaring_op=begin,
        )

    def actor(self, i: int = 0, kanaal: str = "ui"):
        from zorgvuldig.core.context import Actor
        from zorgvuldig.organisaties.models import Gebruiker

        user = Gebruiker.objects.select_related("organisatie__profiel").get(pk=self.signaleerders[i].pk)
        return Actor.voor(user, kanaal=kanaal)


def verantwoording(vandaag: dt.date | None = None) -> dict:
    """A complete justification for a 15-year-old: agreement given by youth and parent (VI-02 … VI-08),
    as the service takes it (dates as `date`s)."""
    vandaag = vandaag or dt.date.today()
    return {
        "geboortedatum": vandaag.replace(year=vandaag.year - 15, day=1),
        "criteria": ["e", "k"],
        "vermoeden": "Structureel verzuim; zorgen over de thuissituatie.",
        "instemming": {"uitkomst": "gegeven", "met": ["jongere", "vertegenwoordiger"], "datum": vandaag},
        "informatieplicht": {"methode": "vi_folder", "datum": vandaag},
        "risicobespreking": {"met": ["jongere", "vertegenwoordiger"], "datum": vandaag},
    }


def json_verantwoording() -> dict:
    """The same as an API body (dates as strings)."""

    def tekst(w):
        if isinstance(w, dt.date):
            return w.isoformat()
        if isinstance(w, dict):
            return {k: tekst(x) for k, x in w.items()}
        return w

    return tekst(verantwoording())


# --- the raw signal row -----------------------------------------------------------------------------


def signaal_velden() -> list:
    """The signal table's columns (all concrete fields but the id), from the model: the raw INSERT and the
    bulk fill follow the schema as it is, whoever changes it."""
    from zorgvuldig.verwijsindex.models import Signaal

    return [f for f in Signaal._meta.concrete_fields if f.name != "id"]


def kolommen() -> str:
    return ", ".join(f.column for f in signaal_velden())


def insert_sql() -> str:
    marks = ", ".join(["%s"] * len(signaal_velden()))
    return f"INSERT INTO verwijsindex_signaal ({kolommen()}) VALUES ({marks})"


def signaal(org, user, bsn: str, moment: dt.datetime, verwijderdatum: dt.date):
    """An unsaved active signal exactly as the services leave it: real blind index, BSN encrypted under
    the controller's data key, `actief` with its signalling time and removal date."""
    from zorgvuldig.core import crypto
    from zorgvuldig.verwijsindex.models import Signaal

    vv = org.verwerkingsverantwoordelijke_id
    s = Signaal(
        verwerkingsverantwoordelijke_id=vv,
        organisatie_id=org.pk,
        signaleerder_id=user.pk,
        status="actief",
        bsn_index=crypto.blind_index(bsn),
        signaleringstijdstip=moment,
        verwijderdatum=verwijderdatum,
        aangemaakt=moment,
        gewijzigd=moment,
    )
    s.bsn_versleuteld = crypto.encrypt(vv, "verwijsindex_signaal", "bsn", s.uuid, bsn)
    return s


def waarden(connection, s, velden) -> list:
    """The row's values adapted for `connection`, as the ORM would send them."""
    return [f.get_db_prep_save(getattr(s, f.attname), connection) for f in velden]


def signaal_rij(connection, org, user, bsn: str, moment: dt.datetime, verwijderdatum: dt.date) -> list:
    return waarden(connection, signaal(org, user, bsn, moment, verwijderdatum), signaal_velden())
