"""AC-08 through a partner token: the professional a call names must hold a valid `vi_signaleren`
mandate today. Security review (HIGH): the technical beheerder issued a VI token for his own
organisation and, naming the leidinggevende (no mandate), read every signal with BSN and justification,
logged as hers. The UI/session path of that leidinggevende (VI-24, SPEC §4 visibility) is unchanged."""

from __future__ import annotations

import datetime as dt
import uuid as uuidlib

import pytest

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.conftest import BSN_SAM, als_systeem
from zorgvuldig.organisaties.models import Mandaat

pytestmark = pytest.mark.django_db
VI_SCOPES = ["signaal:registreren", "signaal:beheren", "match:behandelen"]


def _beheerder_token(regio, api) -> str:
    """The reviewer's first step: the beheerder issues a VI token for his own organisation."""
    r = api(regio.beheerder).post(
        "/api/v1/api-tokens",
        {
            "naam": "eigen-systeem",
            "organisatie": f"http://testserver/api/v1/organisaties/{regio.wijkteam.uuid}",
            "scopes": VI_SCOPES,
            "geldigTot": (dt.date.today() + dt.timedelta(days=30)).isoformat(),
        },
        format="json",
    )
    assert r.status_code == 201, r.content
    return r.json()["token"]


def _namens(api, sleutel: str, wie) -> object:
    client = api()
    client.credentials(HTTP_AUTHORIZATION=f"Token {sleutel}", HTTP_NAMENS_GEBRUIKER=str(wie))
    return client


def _geweigerd(r) -> None:
    assert r.status_code == 403, r.content
    assert r["Content-Type"].startswith("application/problem+json")
    assert r.json()["code"] == "E_AC_NOT_MANDATED"
    assert BSN_SAM not in r.content.decode()


def test_ac_08_beheerder_token_naming_an_unmandated_leidinggevende_reads_nothing(vi, regio, api):
    """The review's exact scenario: refused before any read (no `signaal.ingezien`), the same answer
    for an existing and a made-up signal (nothing about existence), and the refusal audited as the
    token's attempt — not as a read, and not as Marieke's act (AU-04)."""
    signaal = vi.signaleer(regio.medewerker)
    sleutel = _beheerder_token(regio, api)
    client = _namens(api, sleutel, regio.leidinggevende.uuid)
    als_systeem()
    voor = AuditRegel.objects.order_by("-id").values_list("id", flat=True).first() or 0

    _geweigerd(client.get("/api/v1/signalen"))
    bestaand = client.get(f"/api/v1/signalen/{signaal.uuid}/verantwoording")
    verzonnen = client.get(f"/api/v1/signalen/{uuidlib.uuid4()}/verantwoording")
    _geweigerd(bestaand)
    _geweigerd(verzonnen)
    assert bestaand.json()["detail"] == verzonnen.json()["detail"]
    _geweigerd(client.get(f"/api/v1/signalen/{signaal.uuid}"))

    als_systeem()
    nieuw = list(AuditRegel.objects.filter(id__gt=voor).order_by("id"))
    assert len(nieuw) == 4
    for regel in nieuw:
        assert regel.status == "geweigerd" and regel.code == "E_AC_NOT_MANDATED"
        assert regel.actie == "toegang.geweigerd" and regel.kanaal == "api"
        assert regel.actor_gebruiker == ""  # the token tried; Marieke did not act
        assert regel.namens["namensGebruiker"] == str(regio.leidinggevende.uuid)
        assert regel.namens["organisatie"] == str(regio.wijkteam.uuid) and regel.namens["apiToken"]
        assert regel.verwerkingsverantwoordelijke == str(regio.gemeente.uuid)  # her FG sees it
    # AU-04: an attempt on an existing signal names it for the FG (the caller got the same 403 either way);
    # the list and a made-up uuid name nothing
    assert [r.object_uuid for r in nieuw] == ["", str(signaal.uuid), "", str(signaal.uuid)]
    assert [bool(r.betrokkene) for r in nieuw] == [False, True, False, True]
    assert not AuditRegel.objects.filter(actie="signaal.ingezien", kanaal="api").exists()
    marieke = str(regio.leidinggevende.uuid)
    assert not AuditRegel.objects.filter(actor_gebruiker=marieke, kanaal="api").exists()


def test_ac_08_the_same_token_acts_for_a_mandated_user(vi, regio, api):
    signaal = vi.signaleer(regio.medewerker)
    client = _namens(api, _beheerder_token(regio, api), regio.medewerker.uuid)
    r = client.get("/api/v1/signalen")
    assert r.status_code == 200 and [s["uuid"] for s in r.json()["results"]] == [str(signaal.uuid)]
    assert client.get(f"/api/v1/signalen/{signaal.uuid}/verantwoording").status_code == 200
    als_systeem()
    assert AuditRegel.objects.filter(
        actie="signaal.ingezien", kanaal="api", actor_gebruiker=str(regio.medewerker.uuid)
    ).exists()


def test_ac_08_a_mandated_leidinggevende_sees_the_organisations_signals_through_the_token(vi, regio, api):
    """With the mandate she is one of the organisation's mandated users: token scopes ∩ her scopes,
    which include the role's `signaal:beheren` (API §1.4)."""
    signaal = vi.signaleer(regio.medewerker)
    Mandaat.objects.create(gebruiker=regio.leidinggevende, soort="vi_signaleren", vanaf=dt.date(2026, 1, 1))
    client = _namens(api, _beheerder_token(regio, api), regio.leidinggevende.uuid)
    r = client.get("/api/v1/signalen")
    assert r.status_code == 200 and [s["uuid"] for s in r.json()["results"]] == [str(signaal.uuid)]


@pytest.mark.parametrize("geval", ["verlopen", "nog_niet", "inactief", "andere_organisatie", "onbekend"])
def test_ac_08_expired_or_future_mandate_inactive_or_foreign_user_is_refused(vi, regio, api, geval):
    signaal = vi.signaleer(regio.medewerker)
    sleutel = _beheerder_token(regio, api)
    wie = regio.medewerker.uuid
    als_systeem()
    mandaat = Mandaat.objects.get(gebruiker=regio.medewerker, soort="vi_signaleren")
    if geval == "verlopen":
        mandaat.tot = dt.date.today() - dt.timedelta(days=1)
        mandaat.save()
    elif geval == "nog_niet":
        mandaat.vanaf = dt.date.today() + dt.timedelta(days=1)
        mandaat.save()
    elif geval == "inactief":
        regio.medewerker.is_active = False
        regio.medewerker.save()
    elif geval == "andere_organisatie":
        wie = regio.leraar.uuid  # mandated, but at the school
    else:
        wie = uuidlib.uuid4()
    client = _namens(api, sleutel, wie)
    _geweigerd(client.get("/api/v1/signalen"))
    _geweigerd(client.get(f"/api/v1/signalen/{signaal.uuid}/verantwoording"))
    als_systeem()
    assert AuditRegel.objects.filter(status="geweigerd", code="E_AC_NOT_MANDATED", kanaal="api").count() == 2
    assert not AuditRegel.objects.filter(actie="signaal.ingezien", kanaal="api").exists()


def test_vi_24_the_unmandated_leidinggevende_keeps_her_session_access(vi, regio, api):
    """SPEC §4 visibility and VI-24: in person (session + TOTP) the leidinggevende sees and hands over
    her organisation's signals without a VI mandate of her own; only a partner token needs one."""
    signaal = vi.signaleer(regio.medewerker)
    client = api(regio.leidinggevende)
    r = client.get("/api/v1/signalen")
    assert r.status_code == 200 and [s["uuid"] for s in r.json()["results"]] == [str(signaal.uuid)]
    assert client.get(f"/api/v1/signalen/{signaal.uuid}/verantwoording").status_code == 200
