"""Partner-system credentials (API §1.4, AC-08): hashed, scoped, revocable, expiring, and every call
names a mandated professional of the token's own organisation."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from rest_framework.test import APIClient

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.conftest import als_systeem, maak_gebruiker, partner_token
from zorgvuldig.organisaties.models import ApiToken

pytestmark = pytest.mark.django_db
VI = ["signaal:registreren", "signaal:beheren", "match:behandelen"]


def _token(regio, organisatie=None, scopes=VI, dagen=30):
    return partner_token(regio, organisatie, scopes, dagen, naam=f"lvs-{len(scopes)}-{dagen}")


def _partner(sleutel, namens=None):
    client = APIClient()
    headers = {"HTTP_AUTHORIZATION": f"Token {sleutel}"}
    if namens is not None:
        headers["HTTP_NAMENS_GEBRUIKER"] = str(namens)
    client.credentials(**headers)
    return client


def test_beheerder_issues_a_token_whose_secret_is_shown_once_and_stored_hashed(regio, api):
    r = api(regio.beheerder).post(
        "/api/v1/api-tokens",
        {
            "naam": "leerlingvolgsysteem",
            "organisatie": f"http://testserver/api/v1/organisaties/{regio.wijkteam.uuid}",
            "scopes": ["signaal:registreren", "match:behandelen"],
            "geldigTot": (dt.date.today() + dt.timedelta(days=200)).isoformat(),
        },
        format="json",
    )
    assert r.status_code == 201, r.content
    sleutel = r.json()["token"]
    assert len(sleutel) == 40 and int(sleutel, 16) >= 0
    assert r.json()["status"] == "actief"
    again = api(regio.beheerder).get(r.json()["url"])
    assert "token" not in again.json()
    als_systeem()
    stored = ApiToken.objects.get(naam="leerlingvolgsysteem")
    assert sleutel not in str(list(ApiToken.objects.values_list()))
    assert stored.sleutel_hash != sleutel
    assert AuditRegel.objects.filter(object_uuid=str(stored.uuid), actie="configuratie.gewijzigd").exists()


def test_a_replay_with_the_same_idempotency_key_does_not_show_the_secret_again(regio, api):
    """API §1.6 with "secret only in the 201 response" (API review H4): the replay answers the same token
    without its secret, so the secret is never kept — not even encrypted — in the idempotency store."""
    from zorgvuldig.core.models import IdempotentVerzoek

    beheer = api(regio.beheerder)
    body = {
        "naam": "lvs-herhaald",
        "organisatie": f"http://testserver/api/v1/organisaties/{regio.wijkteam.uuid}",
        "scopes": ["signaal:registreren"],
        "geldigTot": (dt.date.today() + dt.timedelta(days=30)).isoformat(),
    }
    eerste = beheer.post("/api/v1/api-tokens", body, format="json", HTTP_IDEMPOTENCY_KEY="token-1")
    assert eerste.status_code == 201 and len(eerste.json()["token"]) == 40
    tweede = beheer.post("/api/v1/api-tokens", body, format="json", HTTP_IDEMPOTENCY_KEY="token-1")
    assert tweede.status_code == 201 and tweede.headers["Idempotent-Replayed"] == "true"
    assert "token" not in tweede.json() and tweede.json()["url"] == eerste.json()["url"]
    als_systeem()
    assert ApiToken.objects.filter(naam="lvs-herhaald").count() == 1
    from zorgvuldig.core import crypto

    opgeslagen = IdempotentVerzoek.objects.get(sleutel="token-1")
    tekst = crypto.decrypt(
        opgeslagen.verwerkingsverantwoordelijke_id_ref,
        "core_idempotentverzoek",
        "antwoord",
        opgeslagen.uuid,
        opgeslagen.antwoord,
    )
    assert eerste.json()["token"] not in tekst


@pytest.mark.parametrize(
    ("scopes", "dagen", "veld"),
    [
        (["persoon:inzien"], 30, "scopes"),
        (["signaal:registreren", "audit:lezen"], 30, "scopes"),
        ([], 30, "scopes"),
        (["signaal:registreren"], -1, "geldigTot"),
        (["signaal:registreren"], 800, "geldigTot"),
    ],
)
def test_a_token_gets_vi_scopes_only_and_a_bounded_validity(regio, api, scopes, dagen, veld):
    r = api(regio.beheerder).post(
        "/api/v1/api-tokens",
        {
            "naam": "x",
            "organisatie": f"http://testserver/api/v1/organisaties/{regio.wijkteam.uuid}",
            "scopes": scopes,
            "geldigTot": (dt.date.today() + dt.timedelta(days=dagen)).isoformat(),
        },
        format="json",
    )
    assert r.status_code == 400
    assert any(p["name"].split(".")[0] == veld for p in r.json()["invalidParams"])
    als_systeem()
    assert not ApiToken.objects.exists()


def test_only_the_beheerder_manages_tokens(regio, api):
    for user in (regio.medewerker, regio.fg, regio.leidinggevende):
        assert api(user).get("/api/v1/api-tokens").status_code == 403


@pytest.mark.urls("zorgvuldig.organisaties.tests.partner_urls")
def test_ac_08_without_namens_gebruiker_a_token_only_lists_its_own_users(regio):
    _, sleutel = _token(regio)
    client = _partner(sleutel)
    r = client.get("/api/v1/gebruikers")
    assert r.status_code == 200
    assert {u["email"] for u in r.json()["results"]} == {
        "j.devries@hetbaken.example.org",
        "directie@hetbaken.example.org",
    }
    other = _partner(sleutel, regio.leraar.uuid).get(f"/api/v1/gebruikers/{regio.medewerker.uuid}")
    assert other.status_code == 404  # the wijkteam's users are not the school's to see
    r = client.get("/api/v1/gebruikersprofiel")
    assert r.status_code == 403 and r.json()["code"] == "E_AC_NOT_MANDATED"
    r = client.post("/api/v1/_proef/signaal", {}, format="json")
    assert r.status_code == 403 and r.json()["code"] == "E_AC_NOT_MANDATED"


@pytest.mark.parametrize("wie", ["other_org", "unknown", "malformed", "inactive"])
def test_ac_08_namens_gebruiker_must_be_an_active_user_of_the_tokens_organisation(regio, wie):
    _, sleutel = _token(regio)
    namens = {
        "other_org": regio.medewerker.uuid,  # mandated, but of the wijkteam
        "unknown": "00000000-0000-4000-8000-000000000000",
        "malformed": "jan@hetbaken.example.org",
        "inactive": regio.leraar.uuid,
    }[wie]
    if wie == "inactive":
        regio.leraar.is_active = False
        regio.leraar.save()
    r = _partner(sleutel, namens).get("/api/v1/gebruikersprofiel")
    assert r.status_code == 403
    assert r.json()["code"] == "E_AC_NOT_MANDATED"


@pytest.mark.urls("zorgvuldig.organisaties.tests.partner_urls")
def test_ac_08_a_mandated_professional_acts_with_the_tokens_scopes_and_is_audited(regio):
    token, sleutel = _token(regio, scopes=["signaal:registreren"])
    client = _partner(sleutel, regio.leraar.uuid)
    profiel = client.get("/api/v1/gebruikersprofiel").json()
    assert profiel["email"] == "j.devries@hetbaken.example.org"
    assert profiel["scopes"] == ["signaal:registreren"]  # token scopes ∩ the user's scopes
    before = AuditRegel.objects.count()
    r = client.post("/api/v1/_proef/signaal", {}, format="json")
    assert r.status_code == 200, r.content
    entry = AuditRegel.objects.order_by("id")[before:][0]
    assert entry.kanaal == "api"
    assert entry.actor_gebruiker == str(regio.leraar.uuid)
    assert entry.namens == {"organisatie": str(regio.school.uuid), "apiToken": str(token.uuid)}
    als_systeem()
    assert ApiToken.objects.get(pk=token.pk).laatst_gebruikt is not None


@pytest.mark.urls("zorgvuldig.organisaties.tests.partner_urls")
def test_ac_08_an_unmandated_professional_is_refused(regio):
    _, sleutel = _token(regio, scopes=["signaal:registreren"])
    r = _partner(sleutel, regio.school_lg.uuid).post("/api/v1/_proef/signaal", {}, format="json")
    assert r.status_code == 403
    assert r.json()["code"] == "E_AC_NOT_MANDATED"


@pytest.mark.urls("zorgvuldig.organisaties.tests.partner_urls")
def test_a_token_without_the_scope_cannot_act_even_for_a_mandated_professional(regio):
    _, sleutel = _token(regio, scopes=["match:behandelen"])
    r = _partner(sleutel, regio.leraar.uuid).post("/api/v1/_proef/signaal", {}, format="json")
    assert r.status_code == 403
    assert r.json()["code"] == "E_AC_NOT_AUTHORISED"


def test_revoked_expired_and_wrong_tokens_are_refused(regio, api):
    token, sleutel = _token(regio)
    client = _partner(sleutel)
    assert client.get("/api/v1/gebruikers").status_code == 200
    for wrong in ("0" * 40, "nonsense", sleutel.upper(), sleutel[:-1]):
        r = _partner(wrong).get("/api/v1/gebruikers")
        assert r.status_code == 401 and r.json()["code"] == "E_UNAUTHENTICATED"
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=32)):
        r = client.get("/api/v1/gebruikers")
        assert r.status_code == 401 and r.json()["code"] == "E_UNAUTHENTICATED"
    school_beheer = maak_gebruiker(regio.school, "beheer@hetbaken.example.org", ["beheerder"])
    r = api(school_beheer).post(f"/api/v1/api-tokens/{token.uuid}/_intrekken", {}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "ingetrokken"
    r = client.get("/api/v1/gebruikers")
    assert r.status_code == 401 and r.json()["code"] == "E_UNAUTHENTICATED"
    # another scheme is told which one the API takes (API review), not sent to a log-in page
    bearer = APIClient()
    bearer.credentials(HTTP_AUTHORIZATION=f"Bearer {sleutel}")
    r = bearer.get("/api/v1/gebruikers")
    assert r.status_code == 401 and r.headers["WWW-Authenticate"] == "Token" and "Token" in r.json()["detail"]
    assert APIClient().get("/api/v1/gebruikers").headers["WWW-Authenticate"].startswith("Session")


def test_ac_15_a_beheerder_issues_lists_and_revokes_keys_of_his_own_controller_only(regio, api):
    """A key acts for its organisation's professionals: like accounts (ADR 0006 item 24), keys of another
    controller's organisation are that controller's business. The school is another controller's: its key
    is not listed, not readable, not revocable by the gemeente's beheerder, and none can be issued for it
    (a refused write, logged, nothing stored)."""
    school_token, _ = _token(regio)
    beheer = api(regio.beheerder)
    assert str(school_token.uuid) not in str(beheer.get("/api/v1/api-tokens").json())
    assert beheer.get(f"/api/v1/api-tokens/{school_token.uuid}").status_code == 404
    r = beheer.post(f"/api/v1/api-tokens/{school_token.uuid}/_intrekken", {}, format="json")
    assert r.status_code == 404
    r = beheer.post(
        "/api/v1/api-tokens",
        {
            "naam": "politie-systeem",
            "organisatie": f"http://testserver/api/v1/organisaties/{regio.school.uuid}",
            "scopes": ["signaal:registreren"],
            "geldigTot": (dt.date.today() + dt.timedelta(days=30)).isoformat(),
        },
        format="json",
    )
    assert r.status_code == 403 and r.json()["code"] == "E_AC_NOT_AUTHORISED"
    als_systeem()
    assert not ApiToken.objects.filter(naam="politie-systeem").exists()
    assert ApiToken.objects.get(pk=school_token.pk).ingetrokken_op is None
    assert AuditRegel.objects.filter(actie="configuratie.gewijzigd", status="geweigerd").exists()
