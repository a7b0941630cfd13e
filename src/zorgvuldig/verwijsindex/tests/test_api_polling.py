"""Polling the match notices (VI-11, API §2.3, docs/integrators.md): a partner system reads `GET /matches` in
(gewijzigd, uuid) order with a cursor, so a notice is never lost when matches change between two reads,
an unchanged cursor brings nothing new, and a cursor this server did not hand out is a clear 400."""

from __future__ import annotations

import base64
import datetime as dt
import time
from urllib.parse import parse_qs, urlparse

import psycopg
import pytest
from django.conf import settings as django_settings
from django.db import connection

from zorgvuldig.conftest import BSN_SAM, als_systeem, partner_token
from zorgvuldig.verwijsindex.models import Match

pytestmark = pytest.mark.django_db

BSNS = (BSN_SAM, "999990032", "999990044")
T0 = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(hours=1)


@pytest.fixture(autouse=True)
def _zonder_marge(settings):
    """These tests read a change right after making it; the margin a change is held back
    (`API_POLL_SETTLE_MS`) has tests of its own at the end of this module."""
    settings.API_POLL_SETTLE_MS = 0


def _z(moment: dt.datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def _partner(api, regio):
    """The school's system polling for its teacher (AC-08)."""
    _token, geheim = partner_token(regio, scopes=("signaal:registreren", "match:behandelen"))
    client = api()
    client.credentials(HTTP_AUTHORIZATION=f"Token {geheim}", HTTP_NAMENS_GEBRUIKER=str(regio.leraar.uuid))
    return client


def _drie_matches(vi, regio, momenten=(T0, T0 + dt.timedelta(minutes=1), T0 + dt.timedelta(minutes=2))):
    """Three matches of the teacher and the worker, last changed at `momenten` (in that order)."""
    uuids = []
    for bsn, moment in zip(BSNS, momenten, strict=True):
        vi.signaleer(regio.leraar, bsn=bsn)
        signaal = vi.signaleer(regio.medewerker, bsn=bsn)
        als_systeem()
        Match.objects.filter(pk=signaal.match_id).update(gewijzigd=moment)
        uuids.append(str(Match.objects.get(pk=signaal.match_id).uuid))
    return uuids


def _afstemmen(api, regio, uuid):
    """The worker records contact on a match: a workflow step, so its `gewijzigd` moves on (now)."""
    worker = api(regio.medewerker)
    match = worker.get(f"/api/v1/matches/{uuid}").json()
    ander = next(d["uuid"] for d in match["deelnemers"] if not d["eigen"])
    r = worker.post(
        f"/api/v1/matches/{uuid}/_afstemmen",
        {"datum": dt.date.today().isoformat(), "met": [ander]},
        format="json",
    )
    assert r.status_code == 200, r.content


def _cursor_van(link: str) -> str:
    [cursor] = parse_qs(urlparse(link).query)["cursor"]
    return cursor


def _fout(r) -> list[dict]:
    assert r.status_code == 400, r.content
    assert r["Content-Type"].startswith("application/problem+json")
    assert r.json()["code"] == "E_INVALID_INPUT"
    return r.json()["invalidParams"]


def test_vi_11_a_change_between_two_page_reads_never_loses_a_notice(vi, regio, api):
    """VI-11: m1 changes after the first page was read. With page numbers the pages shift under the reader
    and one match fell between them; following `next` (a cursor) the reader gets m3, and m1 again with its
    new state, oldest change first."""
    m1, m2, m3 = _drie_matches(vi, regio)
    partner = _partner(api, regio)
    eerste = partner.get("/api/v1/matches", {"pageSize": 2}).json()
    assert [m["uuid"] for m in eerste["results"]] == [m1, m2]
    assert eerste["count"] == 3 and eerste["previous"] is None
    assert _cursor_van(eerste["next"]) == eerste["cursor"] and "page=" not in eerste["next"]
    _afstemmen(api, regio, m1)  # meanwhile, at the wijkteam
    tweede = partner.get(eerste["next"]).json()
    assert [(m["uuid"], m["status"]) for m in tweede["results"]] == [(m3, "nieuw"), (m1, "contact_gelegd")]
    assert tweede["next"] is None and tweede["previous"] is None
    assert tweede["count"] == 2  # what came after the cursor
    assert partner.get("/api/v1/matches", {"cursor": tweede["cursor"]}).json()["results"] == []


def test_vi_11_matches_changed_at_the_same_moment_are_each_read_once(vi, regio, api):
    """The cursor holds the uuid too: two matches with the same `gewijzigd` on either side of a page
    boundary are neither skipped nor repeated."""
    uuids = _drie_matches(vi, regio, (T0, T0, T0 + dt.timedelta(minutes=1)))
    partner = _partner(api, regio)
    gelezen, url = [], "/api/v1/matches?pageSize=1"
    while url:
        body = partner.get(url).json()
        gelezen += [m["uuid"] for m in body["results"]]
        url = body["next"]
    assert gelezen == [*sorted(uuids[:2]), uuids[2]]


def test_vi_11_an_unchanged_cursor_returns_nothing_new(vi, regio, api):
    """Polling again from the last cursor returns nothing while nothing changed — again and again — and
    exactly the match that changed once one does."""
    m1, _m2, _m3 = _drie_matches(vi, regio)
    partner = _partner(api, regio)
    body = partner.get("/api/v1/matches").json()
    assert len(body["results"]) == 3 and body["next"] is None
    cursor = body["cursor"]
    for _ in range(2):
        leeg = partner.get("/api/v1/matches", {"cursor": cursor}).json()
        assert leeg == {"count": 0, "next": None, "previous": None, "results": [], "cursor": cursor}
    _afstemmen(api, regio, m1)
    nieuw = partner.get("/api/v1/matches", {"cursor": cursor}).json()
    assert [m["uuid"] for m in nieuw["results"]] == [m1]
    assert partner.get("/api/v1/matches", {"cursor": nieuw["cursor"]}).json()["results"] == []


def test_vi_11_gewijzigd_vanaf_and_page_keep_working(vi, regio, api):
    """API §2.3's `gewijzigdVanaf` stays inclusive (a date-time or a date) and gives a cursor to go on
    from; `page` (API §1.2) still pages, now oldest change first."""
    _m1, m2, m3 = _drie_matches(vi, regio)
    partner = _partner(api, regio)
    body = partner.get("/api/v1/matches", {"gewijzigdVanaf": _z(T0 + dt.timedelta(minutes=1))}).json()
    assert [m["uuid"] for m in body["results"]] == [m2, m3]  # m2 changed exactly then: inclusive
    assert partner.get("/api/v1/matches", {"cursor": body["cursor"]}).json()["results"] == []
    later = partner.get("/api/v1/matches", {"gewijzigdVanaf": _z(T0 + dt.timedelta(hours=2))}).json()
    assert later["results"] == [] and later["cursor"]  # nothing yet: poll on from that moment
    assert partner.get("/api/v1/matches", {"cursor": later["cursor"]}).json()["results"] == []
    paginas = partner.get("/api/v1/matches", {"pageSize": 2, "page": 2}).json()
    assert [m["uuid"] for m in paginas["results"]] == [m3]
    assert paginas["previous"] is not None and "page" not in parse_qs(urlparse(paginas["previous"]).query)
    assert paginas["next"] is None


def _b64(tekst: str) -> str:
    return base64.urlsafe_b64encode(tekst.encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    [
        "",
        "niet!geldig",
        "x" * 201,
        _b64("hallo"),
        _b64("1|gisteren|"),
        _b64("1|2026-03-02T10:00:00|"),  # no time zone
        _b64("2|2026-03-02T10:00:00+00:00|"),  # another version
        _b64("1|2026-03-02T10:00:00+00:00|geen-uuid"),
        _b64("1|0001-01-01T00:00:00+00:00|"),
        "gA",  # not UTF-8 / ASCII
    ],
)
def test_vi_11_a_cursor_this_server_did_not_hand_out_is_a_400(vi, regio, api, cursor):
    """API §1.5: a bad cursor is a problem on `cursor` (code `invalid`), not a 500 nor the whole list."""
    _drie_matches(vi, regio)
    r = _partner(api, regio).get("/api/v1/matches", {"cursor": cursor})
    [fout] = _fout(r)
    assert fout["name"] == "cursor" and fout["code"] == "invalid" and fout["reason"]


def test_vi_11_a_cursor_goes_without_page_or_gewijzigd_vanaf(vi, regio, api):
    """The cursor says where the reader is: `page` or `gewijzigdVanaf` beside it is a 400 naming each."""
    _drie_matches(vi, regio)
    partner = _partner(api, regio)
    cursor = partner.get("/api/v1/matches", {"pageSize": 1}).json()["cursor"]
    r = partner.get("/api/v1/matches", {"cursor": cursor, "page": 1, "gewijzigdVanaf": _z(T0)})
    assert [(p["name"], p["code"]) for p in _fout(r)] == [
        ("page", "not_allowed"),
        ("gewijzigdVanaf", "not_allowed"),
    ]


def test_vi_11_the_technical_view_refuses_polling_parameters(vi, regio, api):
    """The VI-beheerder's technical view has no `gewijzigd`: a polling parameter is refused, not ignored."""
    _drie_matches(vi, regio)
    beheer = api(regio.vi_beheerder)
    assert beheer.get("/api/v1/matches").status_code == 200
    for naam, waarde in (("cursor", _b64("1|2026-03-02T10:00:00+00:00|")), ("gewijzigdVanaf", _z(T0))):
        [fout] = _fout(beheer.get("/api/v1/matches", {naam: waarde}))
        assert (fout["name"], fout["code"]) == (naam, "not_allowed")


# --- a change that commits late never falls behind the cursor (core.database.vastgelegd_tot) -------------


def _nu_gewijzigd(uuid: str) -> None:
    """The match changes now (stamped like a workflow step, without one)."""
    als_systeem()
    Match.objects.filter(uuid=uuid).update(gewijzigd=dt.datetime.now(dt.UTC))


def _uuids(body: dict) -> list[str]:
    return [m["uuid"] for m in body["results"]]


def test_vi_11_the_cursor_passes_a_change_only_once_it_is_older_than_the_settle_margin(
    vi, regio, api, settings
):
    """VI-11: `gewijzigd` is stamped before its transaction commits. A poll shows what changed just now, but
    its cursor stays before the last `API_POLL_SETTLE_MS`, so such a change comes again; once it is older
    the cursor passes it and the next poll is empty."""
    m1, _m2, _m3 = _drie_matches(vi, regio)
    partner = _partner(api, regio)
    cursor = partner.get("/api/v1/matches").json()["cursor"]
    settings.API_POLL_SETTLE_MS = 300
    _nu_gewijzigd(m1)
    vroeg = partner.get("/api/v1/matches", {"cursor": cursor}).json()
    assert _uuids(vroeg) == [m1]
    assert _uuids(partner.get("/api/v1/matches", {"cursor": vroeg["cursor"]}).json()) == [m1]
    time.sleep(0.35)
    later = partner.get("/api/v1/matches", {"cursor": vroeg["cursor"]}).json()
    assert _uuids(later) == [m1]
    assert partner.get("/api/v1/matches", {"cursor": later["cursor"]}).json()["results"] == []


@pytest.mark.postgres
def test_vi_11_an_open_transaction_holds_the_cursor_before_its_start(vi, regio, api):
    """VI-11 on PostgreSQL: another session's open transaction may still commit a change stamped after its
    start. While it is open a poll's cursor stays before that start, so what changed since (m1) comes again;
    once it has ended the cursor moves past m1."""
    m1, _m2, _m3 = _drie_matches(vi, regio)
    partner = _partner(api, regio)
    cursor = partner.get("/api/v1/matches").json()["cursor"]
    db = connection.settings_dict
    # another application session: the runtime role, like every application connection in production
    rol = django_settings.DB_RUNTIME_ROLE or db["USER"]
    with psycopg.connect(host=db["HOST"], port=db["PORT"] or 5432, dbname=db["NAME"], user=rol) as ander:
        ander.execute("SELECT 1")  # its transaction is now open
        _nu_gewijzigd(m1)
        open_ = partner.get("/api/v1/matches", {"cursor": cursor}).json()
        assert _uuids(open_) == [m1]
        assert _uuids(partner.get("/api/v1/matches", {"cursor": open_["cursor"]}).json()) == [m1]
        ander.rollback()
    dicht = partner.get("/api/v1/matches", {"cursor": open_["cursor"]}).json()
    assert _uuids(dicht) == [m1]
    assert partner.get("/api/v1/matches", {"cursor": dicht["cursor"]}).json()["results"] == []
