"""Shared fixtures: a small fictional region, actors, API clients.

On PostgreSQL every test runs as the runtime role (SET ROLE inside the test transaction), so
row-level security and the audit table's INSERT-only privileges are really in force.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.db import connection

from zorgvuldig.core.context import Actor
from zorgvuldig.organisaties.models import Gebruiker, Mandaat, Organisatie, Team, Verwerkingsverantwoordelijke

# Valid-looking test BSNs (11-proef), never real persons.
BSN_SAM = "999993653"
BSN_ANDER = "999990019"


def vergeet_caches() -> None:
    """Forget per-process caches of data that a rollback (of a test or of a savepoint in one) undid."""
    from zorgvuldig.core import crypto, tenancy
    from zorgvuldig.verwijsindex.selectors import vergeet_cache

    crypto.clear_caches()  # keys
    vergeet_cache()  # VI settings and accessions
    # PostgreSQL reverts a rolled-back transaction's set_config, but tenancy remembers what it last set on
    # the connection: forget it, or a test could go on without the context it thinks is active.
    if hasattr(connection, tenancy._ATTR):
        delattr(connection, tenancy._ATTR)


@pytest.fixture(autouse=True)
def _verse_sleutelcache():
    """Test databases roll back: start every test without the previous test's caches."""
    vergeet_caches()
    yield


@pytest.fixture(autouse=True)
def _openapi_contract(monkeypatch):
    """Every /api/v1 answer a test receives must fit the OpenAPI the code generates (api/tests/contract.py),
    so the committed contract cannot drift from what the API really sends."""
    from django.test.client import Client

    from zorgvuldig.api.tests import contract

    origineel = Client.request

    def request(self, **kwargs):
        response = origineel(self, **kwargs)
        contract.controleer(kwargs.get("REQUEST_METHOD", "GET"), kwargs.get("PATH_INFO", ""), response)
        return response

    monkeypatch.setattr(Client, "request", request)


@pytest.fixture(autouse=True)
def _runtime_rol(request):
    """Run each DB test as the runtime role on PostgreSQL (transaction rolls back the SET ROLE)."""
    if "django_db_setup" not in request.fixturenames or connection.vendor != "postgresql":
        yield
        return
    role = settings.DB_RUNTIME_ROLE
    if not role:
        yield
        return
    with connection.cursor() as cur:
        cur.execute(f"SET ROLE {connection.ops.quote_name(role)}")
    try:
        yield
    finally:
        if connection.connection is not None and not connection.connection.closed:
            try:
                with connection.cursor() as cur:
                    cur.execute("RESET ROLE")
            except Exception:  # noqa: S110 - a broken transaction is rolled back by pytest-django anyway
                pass


@pytest.fixture
def leegbaar_logboek(transactional_db):
    """For tests that commit (live server, threads): SQLite's append-only triggers would block the flush
    that empties the database afterwards; drop them just before it. post_migrate, which the flush emits,
    puts them back (core.database.append_only_sqlite)."""
    yield
    from django.db import connection

    from zorgvuldig.core.database import SQLITE_APPEND_ONLY_REVERSE

    if connection.vendor == "sqlite":
        with connection.cursor() as cur:
            for statement in SQLITE_APPEND_ONLY_REVERSE.split(";"):
                if statement.strip():
                    cur.execute(statement)


def partner_token(regio, organisatie=None, scopes=("signaal:registreren",), dagen=30, naam="lvs"):
    """A partner credential issued as `import-config` does (the operator): (token, secret). The region's
    beheerder may issue keys only within his own controller, and the school is another's (AC-15)."""
    from zorgvuldig.organisaties.services import maak_token

    return maak_token(
        actor=Actor.systeem(),
        organisatie=organisatie or regio.school,
        naam=naam,
        scopes=list(scopes),
        geldig_tot=dt.date.today() + dt.timedelta(days=dagen),
    )


def als_systeem():
    """Inspect the database in a test as the system (PostgreSQL RLS would otherwise hide rows)."""
    from zorgvuldig.core import tenancy

    tenancy.activeer(Actor.systeem())


def maak_gebruiker(org, email, rollen, *, naam="Test Gebruiker", team=None, verklaring=True, mandaten=()):
    user = Gebruiker.objects.create_user(
        email=email,
        password="correct-horse-battery-staple",
        naam=naam,
        organisatie=org,
        rollen=list(rollen),
        functie="Jeugdcoach",
        geheimhoudingsverklaring_op=dt.date(2026, 1, 1) if verklaring else None,
    )
    if team is not None:
        user.teams.add(team)
    for soort in mandaten:
        Mandaat.objects.create(gebruiker=user, soort=soort, vanaf=dt.date(2026, 1, 1))
    return user


class Regio:
    """Two controllers, each with one organisation and a set of users."""

    def __init__(self):
        self.gemeente = Verwerkingsverantwoordelijke.objects.create(
            code="gemeente-krimpen",
            naam="College van B en W Krimpen",
            fg_naam="Anne Jansen",
            fg_email="fg@krimpen.example.org",
        )
        self.school_vv = Verwerkingsverantwoordelijke.objects.create(
            code="het-baken", naam="Stichting Het Baken"
        )
        self.wijkteam = Organisatie.objects.create(
            verwerkingsverantwoordelijke=self.gemeente,
            code="wijkteam-krimpen",
            naam="Wijkteam Krimpen",
            type="gemeentelijk_team",
            bestuursorgaan=True,
        )
        self.school = Organisatie.objects.create(
            verwerkingsverantwoordelijke=self.school_vv,
            code="osg-het-baken",
            naam="OSG Het Baken",
            type="school",
        )
        self.team = Team.objects.create(organisatie=self.wijkteam, code="wijkteam-oost", naam="Wijkteam Oost")
        self.medewerker = maak_gebruiker(
            self.wijkteam,
            "f.elamrani@krimpen.example.org",
            ["medewerker"],
            naam="Fatima El Amrani",
            team=self.team,
            mandaten=["vi_signaleren"],
        )
        self.collega = maak_gebruiker(
            self.wijkteam, "p.devos@krimpen.example.org", ["medewerker"], naam="Pieter de Vos", team=self.team
        )
        self.leidinggevende = maak_gebruiker(
            self.wijkteam,
            "m.bakker@krimpen.example.org",
            ["leidinggevende"],
            naam="Marieke Bakker",
            team=self.team,
            mandaten=["verzoeken_besluiten"],
        )
        self.beheerder = maak_gebruiker(
            self.wijkteam, "beheer@krimpen.example.org", ["beheerder"], naam="Beheer"
        )
        self.fg = maak_gebruiker(self.wijkteam, "fg@krimpen.example.org", ["fg"], naam="Anne Jansen")
        self.auditor = maak_gebruiker(
            self.wijkteam, "audit@krimpen.example.org", ["auditor"], naam="Controle"
        )
        self.vi_beheerder = maak_gebruiker(
            self.wijkteam, "vi@krimpen.example.org", ["vi_beheerder"], naam="VI"
        )
        self.leraar = maak_gebruiker(
            self.school,
            "j.devries@hetbaken.example.org",
            ["medewerker"],
            naam="Jan de Vries",
            mandaten=["vi_signaleren"],
        )
        self.school_lg = maak_gebruiker(
            self.school, "directie@hetbaken.example.org", ["leidinggevende"], naam="Directie Het Baken"
        )

    def actor(self, gebruiker, kanaal="ui"):
        return Actor.voor(gebruiker, kanaal=kanaal)


@pytest.fixture
def regio(db):
    return Regio()


@pytest.fixture
def api(regio):
    """An API client logged in as a given user: `api(regio.medewerker)`."""
    from rest_framework.test import APIClient

    def make(gebruiker=None):
        client = APIClient()
        if gebruiker is not None:
            aanmelden(client, gebruiker)
        return client

    return make


def aanmelden(client, gebruiker):
    """Sign a test client in with both factors, as the log-in pages do (password + TOTP code)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=gebruiker, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=gebruiker, name="test", confirmed=True)
    client.force_login(gebruiker)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def ui(regio):
    """A browser-like client signed in with both factors: `ui(regio.medewerker)`."""
    from django.test import Client

    def make(gebruiker=None):
        client = Client()
        if gebruiker is not None:
            aanmelden(client, gebruiker)
        return client

    return make
