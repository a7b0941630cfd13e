"""/api/v1/matches (API §2.3): participants as VI-11 allows, the workflow VI-12/VI-14/VI-15, polling."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail

from zorgvuldig.berichten import bezorging
from zorgvuldig.berichten.models import Bericht
from zorgvuldig.conftest import BSN_SAM, als_systeem

pytestmark = pytest.mark.django_db


def _match(vi, regio, api):
    vi.signaleer(regio.leraar)
    vi.signaleer(regio.medewerker)
    client = api(regio.medewerker)
    [match] = client.get("/api/v1/matches").json()["results"]
    return client, match


def test_vi_11_other_participants_show_exactly_the_contact_fields(vi, regio, api):
    """VI-11: own entry {uuid, eigen, signaal}; every other exactly {uuid, eigen, organisatie, naam, email,
    telefoon} — no signal, no dates, no BSN."""
    client, match = _match(vi, regio, api)
    assert match["status"] == "nieuw"
    eigen = [d for d in match["deelnemers"] if d["eigen"]]
    anderen = [d for d in match["deelnemers"] if not d["eigen"]]
    assert len(eigen) == 1 and set(eigen[0]) == {"uuid", "eigen", "signaal"}
    assert [set(d) for d in anderen] == [{"uuid", "eigen", "organisatie", "naam", "email", "telefoon"}]
    assert anderen[0]["organisatie"] == "OSG Het Baken" and anderen[0]["naam"] == "Jan de Vries"
    # the other signal itself stays invisible (VI-01)
    leraar_match = api(regio.leraar).get("/api/v1/matches").json()["results"][0]
    leraar_signaal = next(d for d in leraar_match["deelnemers"] if d["eigen"])["signaal"]
    assert client.get(leraar_signaal).status_code == 404


def test_vi_12_informing_before_contact_is_refused(vi, regio, api):
    """VI-12: YOUTH_INFORMED before CONTACT_MADE → 409 E_VI_CONTACT_FIRST, nothing recorded."""
    client, match = _match(vi, regio, api)
    eigen = next(d for d in match["deelnemers"] if d["eigen"])["uuid"]
    r = client.post(
        f"/api/v1/matches/{match['uuid']}/_informeren",
        {"datum": dt.date.today().isoformat(), "door": eigen, "wijze": "gesprek"},
        format="json",
    )
    assert r.status_code == 409 and r.json()["code"] == "E_VI_CONTACT_FIRST"
    r = client.post(f"/api/v1/matches/{match['uuid']}/_aanwijzen", {"deelnemer": eigen}, format="json")
    assert r.status_code == 409 and r.json()["code"] == "E_STATE_CONFLICT"
    assert client.get(f"/api/v1/matches/{match['uuid']}").json()["jongereGeinformeerd"] is None


def test_vi_15_and_vi_14_full_workflow(vi, regio, api):
    """E1: contact, then the worker as zorgcoördinator, then youth informed; both signalers see it."""
    client, match = _match(vi, regio, api)
    url = f"/api/v1/matches/{match['uuid']}"
    eigen = next(d for d in match["deelnemers"] if d["eigen"])["uuid"]
    ander = next(d for d in match["deelnemers"] if not d["eigen"])["uuid"]
    vandaag = dt.date.today().isoformat()
    r = client.post(f"{url}/_afstemmen", {"datum": vandaag, "met": [ander]}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "contact_gelegd"
    assert (
        client.post(f"{url}/_afstemmen", {"datum": vandaag, "met": [ander]}, format="json").status_code == 409
    )
    r = client.post(f"{url}/_aanwijzen", {"deelnemer": eigen}, format="json")
    assert r.json()["zorgcoordinator"] == {
        "deelnemer": eigen,
        "naam": "Fatima El Amrani",
        "organisatie": "Wijkteam Krimpen",
    }
    r = client.post(
        f"{url}/_informeren", {"datum": vandaag, "door": eigen, "wijze": "gesprek"}, format="json"
    )
    assert r.status_code == 200
    assert r.json()["jongereGeinformeerd"] == {"datum": vandaag, "door": eigen, "wijze": "gesprek"}
    leraar = api(regio.leraar).get(url).json()
    assert leraar["zorgcoordinator"]["naam"] == "Fatima El Amrani"
    assert leraar["afstemming"]["door"] == eigen


def test_vi_15_the_appointed_coordinator_hears_of_it_and_so_does_the_one_replaced(vi, regio, api, ui):
    """VI-15 (demo review M7): Fatima appoints Jan of the school — he gets an inbox line and an e-mail
    (outbox) naming who chose and linking to his own signal, no subject data; choosing herself tells
    nobody but Jan that he was replaced. Appointing yourself sends nothing to yourself."""
    client, match = _match(vi, regio, api)
    url = f"/api/v1/matches/{match['uuid']}"
    eigen = next(d for d in match["deelnemers"] if d["eigen"])["uuid"]
    ander = next(d for d in match["deelnemers"] if not d["eigen"])["uuid"]
    client.post(f"{url}/_afstemmen", {"datum": dt.date.today().isoformat(), "met": [ander]}, format="json")
    als_systeem()
    voor = Bericht.objects.count()
    assert client.post(f"{url}/_aanwijzen", {"deelnemer": ander}, format="json").status_code == 200
    [mail_jan] = Bericht.objects.order_by("id")[voor:]
    assert mail_jan.aan == regio.leraar.email and "aangewezen als zorgcoördinator" in mail_jan.tekst
    assert "Fatima El Amrani (Wijkteam Krimpen)" in mail_jan.tekst
    for verboden in ("Sam", BSN_SAM, "Jansen"):
        assert verboden not in mail_jan.tekst + mail_jan.onderwerp
    inbox = ui(regio.leraar).get("/overzicht").content.decode()
    assert "u bent aangewezen als zorgcoördinator" in inbox
    # the same choice again tells nobody anything new
    assert client.post(f"{url}/_aanwijzen", {"deelnemer": ander}, format="json").status_code == 200
    als_systeem()
    assert Bericht.objects.count() == voor + 1
    # Fatima takes it herself: Jan hears he was replaced, Fatima gets no mail from her own act
    assert client.post(f"{url}/_aanwijzen", {"deelnemer": eigen}, format="json").status_code == 200
    als_systeem()
    nieuw = list(Bericht.objects.order_by("id")[voor + 1 :])
    assert [b.aan for b in nieuw] == [regio.leraar.email]
    assert "een andere zorgcoördinator" in nieuw[0].tekst
    # and Jan again, the same day: a second appointment is a second notice (API review: not one per day)
    assert client.post(f"{url}/_aanwijzen", {"deelnemer": ander}, format="json").status_code == 200
    als_systeem()
    nogmaals = list(Bericht.objects.order_by("id")[voor + 2 :])
    assert [b.aan for b in nogmaals] == [regio.leraar.email]
    assert "aangewezen als zorgcoördinator" in nogmaals[0].tekst


def test_vi_15_coordinator_must_be_a_participant(vi, regio, api):
    client, match = _match(vi, regio, api)
    url = f"/api/v1/matches/{match['uuid']}"
    ander = next(d for d in match["deelnemers"] if not d["eigen"])["uuid"]
    client.post(f"{url}/_afstemmen", {"datum": dt.date.today().isoformat(), "met": [ander]}, format="json")
    r = client.post(f"{url}/_aanwijzen", {"deelnemer": "00000000-0000-4000-8000-000000000000"}, format="json")
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "deelnemer"


def test_vi_12_contact_must_name_another_participant_and_no_future_date(vi, regio, api):
    client, match = _match(vi, regio, api)
    url = f"/api/v1/matches/{match['uuid']}"
    eigen = next(d for d in match["deelnemers"] if d["eigen"])["uuid"]
    ander = next(d for d in match["deelnemers"] if not d["eigen"])["uuid"]
    assert (
        client.post(
            f"{url}/_afstemmen", {"datum": dt.date.today().isoformat(), "met": [eigen]}, format="json"
        ).status_code
        == 400
    )
    morgen = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    assert (
        client.post(f"{url}/_afstemmen", {"datum": morgen, "met": [ander]}, format="json").status_code == 400
    )
    # VI-12: contact cannot predate the match — a fact that cannot be undone
    r = client.post(f"{url}/_afstemmen", {"datum": "1900-01-01", "met": [ander]}, format="json")
    assert r.status_code == 400 and r.json()["invalidParams"][0]["reason"] == (
        "De datum ligt vóór het ontstaan van de match."
    )
    assert client.get(url).json()["status"] == "nieuw"


def test_match_is_404_for_non_participants_and_the_leidinggevende(vi, regio, api):
    _client, match = _match(vi, regio, api)
    assert api(regio.school_lg).get(f"/api/v1/matches/{match['uuid']}").status_code == 404
    assert api(regio.leidinggevende).get(f"/api/v1/matches/{match['uuid']}").status_code == 404


def test_api_polling_with_gewijzigd_vanaf(vi, regio, api):
    """Partner systems poll `?gewijzigdVanaf=` (API §2.3); a bad timestamp is 400, not ignored."""
    client, _ = _match(vi, regio, api)
    voor = (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)).isoformat().replace("+00:00", "Z")
    na = (dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5)).isoformat().replace("+00:00", "Z")
    assert client.get("/api/v1/matches", {"gewijzigdVanaf": voor}).json()["count"] == 1
    assert client.get("/api/v1/matches", {"gewijzigdVanaf": na}).json()["count"] == 0
    assert client.get("/api/v1/matches", {"gewijzigdVanaf": "gisteren"}).status_code == 400
    # a date, as docs/integrators.md allows (API review): from 00:00 Europe/Amsterdam that day
    from zorgvuldig.core.clock import today

    vandaag, morgen = today(), today() + dt.timedelta(days=1)
    assert client.get("/api/v1/matches", {"gewijzigdVanaf": vandaag.isoformat()}).json()["count"] == 1
    assert client.get("/api/v1/matches", {"gewijzigdVanaf": morgen.isoformat()}).json()["count"] == 0


def test_vi_11_outbox_crash_after_sending_delivers_again_with_the_same_message_id(vi, regio):
    """DESIGN §4: a worker that dies between sending a match notice and marking it sent never loses it;
    after its lease the notice goes out again with the same Message-ID, so receivers drop the duplicate."""
    vi.signaleer(regio.leraar)
    vi.signaleer(regio.medewerker)
    als_systeem()
    nu = dt.datetime.now(dt.UTC)
    geclaimd = bezorging.claim(nu)
    assert len(geclaimd) == 2
    bezorging.verstuur(geclaimd[0])  # sent … and the worker is killed here
    assert bezorging.bezorg(nu) == {"verzonden": 0, "mislukt": 0}  # both leased
    with time_machine.travel(nu + bezorging.CLAIM_DUUR + dt.timedelta(seconds=1), tick=False):
        assert bezorging.bezorg() == {"verzonden": 2, "mislukt": 0}
    ids = [m.extra_headers["Message-ID"] for m in mail.outbox]
    assert len(ids) == 3 and ids.count(geclaimd[0].message_id) == 2
    assert set(ids) == set(Bericht.objects.values_list("message_id", flat=True))
    assert all(b.verzonden_op is not None for b in Bericht.objects.all())


def test_vi_24_the_leidinggevende_handles_the_match_while_the_signaler_lacks_a_mandate(vi, regio, api):
    """VI-24: meanwhile the leidinggevende is the contact, so she sees the match as her organisation's
    participant and can record contact; before that, and for other matches, it is 404."""
    _client, match = _match(vi, regio, api)
    lg = api(regio.leidinggevende)
    assert lg.get(f"/api/v1/matches/{match['uuid']}").status_code == 404
    regio.medewerker.mandaten.update(tot=dt.date.today() - dt.timedelta(days=1))
    r = lg.get(f"/api/v1/matches/{match['uuid']}")
    assert r.status_code == 200
    eigen = [d for d in r.json()["deelnemers"] if d["eigen"]]
    assert len(eigen) == 1
    ander = next(d for d in r.json()["deelnemers"] if not d["eigen"])["uuid"]
    r = lg.post(
        f"/api/v1/matches/{match['uuid']}/_afstemmen",
        {"datum": dt.date.today().isoformat(), "met": [ander]},
        format="json",
    )
    assert r.status_code == 200
    assert api(regio.school_lg).get(f"/api/v1/matches/{match['uuid']}").status_code == 404
