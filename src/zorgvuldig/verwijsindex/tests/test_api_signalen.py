"""/api/v1/signalen over HTTP (API §2.3): the E1 journey, every deny case, secrecy (VI-01, VI-17)."""

from __future__ import annotations

import datetime as dt

import pytest

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.conftest import BSN_ANDER, BSN_SAM, als_systeem, maak_gebruiker, partner_token
from zorgvuldig.verwijsindex import policies
from zorgvuldig.verwijsindex.models import Signaal, Verantwoording
from zorgvuldig.verwijsindex.tests.hulp import json_verantwoording

pytestmark = pytest.mark.django_db


def partner(api, regio, namens):
    _token, geheim = partner_token(
        regio, scopes=("signaal:registreren", "signaal:beheren", "match:behandelen")
    )
    client = api()
    client.credentials(HTTP_AUTHORIZATION=f"Token {geheim}", HTTP_NAMENS_GEBRUIKER=str(namens.uuid))
    return client


def nieuw(client, **body):
    return client.post("/api/v1/signalen", body or {"bsn": BSN_SAM}, format="json")


def activeer(client, uuid, **over):
    return client.post(
        f"/api/v1/signalen/{uuid}/_activeren", {"verantwoording": json_verantwoording(**over)}, format="json"
    )


def test_vi_05_e1_school_system_signals_for_its_mandated_teacher(vi, regio, api):
    """API §4 / E1: the school's system posts a draft for Jan and activates it; only the field set comes
    back — no criterion, no consent record (VI-05, VI-09, VI-16)."""
    client = partner(api, regio, regio.leraar)
    r = nieuw(client)
    assert r.status_code == 201, r.content
    assert r.json()["status"] == "concept"
    r = activeer(client, r.json()["uuid"])
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["status"] == "actief"
    assert body["verwijderdatum"] == policies.plus_maanden(dt.date.today(), 6).isoformat()
    assert (
        body["signaleerder"]["naam"] == "Jan de Vries"
        and body["signaleerder"]["organisatie"] == "OSG Het Baken"
    )
    tekst = r.content.decode()
    for verboden in ("criteria", "vermoeden", "instemming", "verzuim", "toestemming"):
        assert verboden not in tekst
    regel = AuditRegel.objects.filter(actie="signaal.geactiveerd").get()
    assert regel.kanaal == "api" and regel.namens["apiToken"]


def test_vi_10_the_activation_that_makes_a_match_answers_with_it(vi, regio, api):
    """API §2.3 `match`: the answer to `_activeren` names the match it made, as a later GET does — a
    partner system need not poll to learn what its own submission caused."""
    vi.signaleer(regio.medewerker)  # the wijkteam already signals Sam
    client = partner(api, regio, regio.leraar)
    r = activeer(client, nieuw(client).json()["uuid"])
    assert r.status_code == 200, r.content
    assert r.json()["match"] is not None and "/api/v1/matches/" in r.json()["match"]
    assert client.get(r.json()["url"]).json()["match"] == r.json()["match"]
    r = activeer(client, nieuw(client, bsn=BSN_ANDER).json()["uuid"])  # nobody else signals this youth
    assert r.status_code == 200 and r.json()["match"] is None


@pytest.mark.parametrize(
    "veld", ["criterium", "diagnose", "toelichting", "jongere", "status", "verwijderdatum"]
)
def test_vi_09_fields_outside_the_set_are_refused_and_nothing_stored(vi, regio, api, veld):
    """VI-09: free text, diagnosis, criterion, read-only fields: E_VI_FIELD_NOT_ALLOWED, nothing stored."""
    r = nieuw(api(regio.leraar), bsn=BSN_SAM, **{veld: "x"})
    assert r.status_code == 400
    assert r.json()["code"] == "E_VI_FIELD_NOT_ALLOWED"
    assert r.json()["invalidParams"][0]["name"] == veld
    als_systeem()
    assert Signaal.objects.count() == 0


def test_vi_09_bsn_is_required_and_never_echoed(vi, regio, api):
    client = api(regio.leraar)
    r = nieuw(client, bsn="")
    assert r.status_code == 400 and r.json()["code"] == "E_PE_BSN_REQUIRED"
    r = nieuw(client, bsn="123456789")
    assert r.status_code == 400 and r.json()["code"] == "E_PE_BSN_INVALID"
    assert "123456789" not in r.content.decode()
    # a JSON number is not text: refused, not silently converted (API §1.1; API review)
    r = client.post("/api/v1/signalen", {"bsn": int(BSN_SAM)}, format="json")
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "bsn"
    assert BSN_SAM not in r.content.decode()


def test_ac_01_organisation_without_accession_cannot_signal(vi, regio, api):
    """AC-01 / VI-04: only organisations acceded to an active convenant."""
    vi.toetreding_school.delete()
    r = nieuw(api(regio.leraar))
    assert r.status_code == 403 and r.json()["code"] == "E_AC_NOT_SIGNATORY"
    vi.convenant.status = "concept"
    vi.convenant.save()
    r = nieuw(api(regio.medewerker))
    assert r.status_code == 403 and r.json()["code"] == "E_AC_NOT_SIGNATORY"


def test_ac_08_unmandated_user_cannot_signal_by_ui_or_api(vi, regio, api):
    """AC-08: a professional without the `vi_signaleren` mandate, in person or named by a partner system."""
    r = nieuw(api(regio.collega))
    assert r.status_code == 403 and r.json()["code"] == "E_AC_NOT_MANDATED"
    niet_gemandateerd = maak_gebruiker(regio.school, "x@hetbaken.example.org", ["medewerker"])
    r = nieuw(partner(api, regio, niet_gemandateerd))
    assert r.status_code == 403 and r.json()["code"] == "E_AC_NOT_MANDATED"
    assert AuditRegel.objects.filter(status="geweigerd", code="E_AC_NOT_MANDATED").count() == 2


def test_vi_05_profile_without_meldrecht_cannot_signal(vi, regio, api):
    vi.profiel.meldrecht_bepaling = ""
    vi.profiel.save()
    r = nieuw(api(regio.leraar))
    assert r.status_code == 403 and r.json()["code"] == "E_VI_NO_MELDRECHT"


@pytest.mark.parametrize(
    ("over", "code", "status"),
    [
        ({"geboortedatum": "2000-01-01"}, "E_VI_AGE", 400),
        ({"criteria": []}, "E_VI_NO_CRITERION", 400),
        ({"vermoeden": ""}, "E_VI_NO_CRITERION", 400),
        ({"criteria": ["l"]}, "E_VI_CRITERION_DISABLED", 400),
        (
            {
                "instemming": {
                    "uitkomst": "geweigerd",
                    "met": ["jongere", "vertegenwoordiger"],
                    "datum": "2026-01-05",
                }
            },
            "E_VI_NO_BASIS",
            400,
        ),
        ({"informatieplicht": {"methode": "vi_folder", "datum": "2099-01-01"}}, "E_VI_INFO_DUTY", 400),
    ],
)
def test_vi_02_to_07_refusals_change_nothing(vi, regio, api, over, code, status):
    """VI-02, VI-03, VI-23, VI-06, VI-07: the SPEC's code; the draft stays a draft, no justification kept."""
    client = api(regio.leraar)
    uuid = nieuw(client).json()["uuid"]
    body = json_verantwoording()
    body.update(over)
    r = client.post(f"/api/v1/signalen/{uuid}/_activeren", {"verantwoording": body}, format="json")
    assert r.status_code == status, r.content
    assert r.json()["code"] == code
    if code == "E_VI_AGE":  # API §1.5: the detail names the rule, not the youth's age (personal data)
        leeftijd = policies.leeftijd(dt.date(2000, 1, 1), dt.date.today())
        assert leeftijd > 23 and "23 jaar of ouder" in r.json()["detail"]
        assert f" {leeftijd}" not in r.content.decode()
    als_systeem()
    assert Signaal.objects.get(uuid=uuid).status == "concept"
    assert not Verantwoording.objects.exists()


def test_vi_06_refused_agreement_with_four_yes_answers_activates(vi, regio, api):
    """E1: the worker records the refusal and four yes answers with a note."""
    client = api(regio.medewerker)
    uuid = nieuw(client).json()["uuid"]
    r = activeer(
        client,
        uuid,
        instemming={
            "uitkomst": "geweigerd",
            "met": ["jongere", "vertegenwoordiger"],
            "datum": dt.date.today(),
        },
        vierVragen={
            "legitiemDoel": True,
            "enigeWeg": True,
            "instemmingOnmogelijkOfGezocht": True,
            "belangJongereWeegtZwaarder": True,
            "toelichting": "Ouders weigeren; verzuim loopt op.",
        },
    )
    assert r.status_code == 200, r.content


def test_vi_duplicate_active_signal_by_the_same_signaler(vi, regio, api):
    """SPEC §4: a second ACTIVE signal by the same signaler on the same BSN is E_VI_DUPLICATE."""
    vi.signaleer(regio.leraar)
    client = api(regio.leraar)
    uuid = nieuw(client).json()["uuid"]
    r = activeer(client, uuid)
    assert r.status_code == 409 and r.json()["code"] == "E_VI_DUPLICATE"


def test_vi_01_other_organisations_signal_answers_like_a_missing_one(vi, regio, api):
    """VI-01 / API §1.5: identical 404 body for another organisation's signal and a missing uuid."""
    ander = vi.signaleer(regio.leraar)
    client = api(regio.medewerker)
    r1 = client.get(f"/api/v1/signalen/{ander.uuid}")
    r2 = client.get("/api/v1/signalen/00000000-0000-4000-8000-000000000000")
    assert r1.status_code == r2.status_code == 404
    strip = lambda b: {k: v for k, v in b.items() if k != "traceId"}  # noqa: E731
    assert strip(r1.json()) == strip(r2.json())
    for pad in ("verantwoording", "_verlengen", "_intrekken"):
        methode = client.get if pad == "verantwoording" else client.post
        assert methode(f"/api/v1/signalen/{ander.uuid}/{pad}").status_code == 404
    assert client.get("/api/v1/signalen").json()["count"] == 0


def test_vi_01_no_search_or_browse(vi, regio, api):
    """VI-01: there is no search; a BSN filter is refused, not ignored, and the list shows only one's own."""
    vi.signaleer(regio.leraar)
    client = api(regio.medewerker)
    r = client.get("/api/v1/signalen", {"bsn": BSN_SAM})
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "bsn"
    assert client.post("/api/v1/signalen/_zoek", {"bsn": BSN_SAM}, format="json").status_code in (404, 405)
    assert api(regio.leidinggevende).get("/api/v1/signalen").json()["count"] == 0


def test_vi_visibility_leidinggevende_sees_the_organisations_signals_only(vi, regio, api):
    eigen = vi.signaleer(regio.medewerker)
    vi.signaleer(regio.leraar)
    r = api(regio.leidinggevende).get("/api/v1/signalen")
    assert [s["uuid"] for s in r.json()["results"]] == [str(eigen.uuid)]
    r = api(regio.school_lg).get(f"/api/v1/signalen/{eigen.uuid}")
    assert r.status_code == 404


def test_vi_justification_only_for_the_signaler_and_own_leidinggevende(vi, regio, api):
    """SPEC §4: the justification stays in the signaler's own file; not in the index, not for partners."""
    eigen = vi.signaleer(regio.medewerker)
    vi.signaleer(regio.leraar)
    r = api(regio.medewerker).get(f"/api/v1/signalen/{eigen.uuid}/verantwoording")
    assert r.status_code == 200 and r.json()["criteria"] == ["e", "k"]
    assert api(regio.leidinggevende).get(f"/api/v1/signalen/{eigen.uuid}/verantwoording").status_code == 200
    assert api(regio.leraar).get(f"/api/v1/signalen/{eigen.uuid}/verantwoording").status_code == 404
    als_systeem()
    rij = Verantwoording.objects.get(signaal=eigen)
    assert "verzuim" not in rij.inhoud_versleuteld  # encrypted at rest
    assert BSN_SAM not in Signaal.objects.get(pk=eigen.pk).bsn_versleuteld


def test_vi_17_withdrawn_signal_is_404_for_its_signaler_too(vi, regio, api):
    eigen = vi.signaleer(regio.medewerker)
    client = api(regio.medewerker)
    r = client.post(f"/api/v1/signalen/{eigen.uuid}/_intrekken", {}, format="json")
    assert r.status_code == 204
    assert client.get(f"/api/v1/signalen/{eigen.uuid}").status_code == 404
    assert client.post(f"/api/v1/signalen/{eigen.uuid}/_intrekken", {}, format="json").status_code == 404
    assert api(regio.leidinggevende).get("/api/v1/signalen").json()["count"] == 0


def test_vi_16_extension_window_and_own_leidinggevende(vi, regio, api):
    """VI-16: extension only in the last 30 days, by the signaler or the own leidinggevende."""
    eigen = vi.signaleer(regio.medewerker)
    r = api(regio.medewerker).post(f"/api/v1/signalen/{eigen.uuid}/_verlengen", {}, format="json")
    assert r.status_code == 409 and r.json()["code"] == "E_VI_EXTEND_WINDOW"
    als_systeem()
    eind = dt.date.today() + dt.timedelta(days=20)
    Signaal.objects.filter(pk=eigen.pk).update(verwijderdatum=eind)
    r = api(regio.leidinggevende).post(f"/api/v1/signalen/{eigen.uuid}/_verlengen", {}, format="json")
    assert r.status_code == 200, r.content
    assert r.json()["verwijderdatum"] == policies.plus_maanden(eind, 6).isoformat()
    assert (
        api(regio.school_lg).post(f"/api/v1/signalen/{eigen.uuid}/_verlengen", {}, format="json").status_code
        == 404
    )


def test_vi_25_no_extension_after_the_accession_ended(vi, regio, api):
    eigen = vi.signaleer(regio.medewerker)
    als_systeem()
    Signaal.objects.filter(pk=eigen.pk).update(verwijderdatum=dt.date.today() + dt.timedelta(days=5))
    vi.toetreding_wijkteam.tot = dt.date.today() - dt.timedelta(days=1)
    vi.toetreding_wijkteam.save()
    r = api(regio.medewerker).post(f"/api/v1/signalen/{eigen.uuid}/_verlengen", {}, format="json")
    assert r.status_code == 403 and r.json()["code"] == "E_AC_NOT_SIGNATORY"
    assert nieuw(api(regio.medewerker), bsn=BSN_ANDER).json()["code"] == "E_AC_NOT_SIGNATORY"


def test_rt_12_expiry_at_midnight_amsterdam_without_any_sweep(vi, regio, api):
    """RT-12 / VI-16: from 00:00 Europe/Amsterdam on the removal date the signal is gone, no sweep ran."""
    import time_machine

    eigen = vi.signaleer(regio.medewerker)
    vi.signaleer(regio.leraar)
    als_systeem()
    eind = dt.date.today() + dt.timedelta(days=40)
    Signaal.objects.update(verwijderdatum=eind)
    from zoneinfo import ZoneInfo

    middernacht = dt.datetime.combine(eind, dt.time(0, 0), tzinfo=ZoneInfo("Europe/Amsterdam"))
    with time_machine.travel(middernacht - dt.timedelta(seconds=1), tick=False):
        client = api(regio.medewerker)  # signed in at that moment (sessions expire too)
        assert client.get(f"/api/v1/signalen/{eigen.uuid}").status_code == 200
        assert client.get("/api/v1/matches").json()["count"] == 1
    with time_machine.travel(middernacht, tick=False):
        client = api(regio.medewerker)
        assert client.get(f"/api/v1/signalen/{eigen.uuid}").status_code == 404
        assert client.get("/api/v1/matches").json()["count"] == 0


def test_api_idempotency_key_never_creates_a_duplicate(vi, regio, api):
    """API §1.6: a retried submission with the same key replays the first answer; one draft exists."""
    client = partner(api, regio, regio.leraar)
    r1 = client.post("/api/v1/signalen", {"bsn": BSN_SAM}, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    r2 = client.post("/api/v1/signalen", {"bsn": BSN_SAM}, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert r1.status_code == r2.status_code == 201
    assert r2["Idempotent-Replayed"] == "true" and r1.json()["uuid"] == r2.json()["uuid"]
    als_systeem()
    assert Signaal.objects.count() == 1
    r3 = client.post("/api/v1/signalen", {"bsn": BSN_ANDER}, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert r3.status_code == 409 and r3.json()["code"] == "E_IDEMPOTENCY_CONFLICT"


def test_vi_24_handover_to_a_mandated_colleague_renotifies_partners(vi, regio, api):
    """VI-24: the leidinggevende hands over; dates unchanged; the match partner gets a new notice."""
    from zorgvuldig.berichten.models import Bericht

    opvolger = maak_gebruiker(
        regio.wijkteam,
        "opvolger@krimpen.example.org",
        ["medewerker"],
        naam="Olga",
        mandaten=["vi_signaleren"],
    )
    eigen = vi.signaleer(regio.medewerker)
    vi.signaleer(regio.leraar)
    client = api(regio.leidinggevende)
    r = client.post(
        f"/api/v1/signalen/{eigen.uuid}/_overdragen",
        {"naar": f"http://testserver/api/v1/gebruikers/{regio.collega.uuid}", "reden": "Vertrek"},
        format="json",
    )
    assert r.status_code == 403 and r.json()["code"] == "E_AC_NOT_MANDATED"  # the colleague has no mandate
    r = client.post(
        f"/api/v1/signalen/{eigen.uuid}/_overdragen",
        {"naar": f"http://testserver/api/v1/gebruikers/{opvolger.uuid}", "reden": "Vertrek"},
        format="json",
    )
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["signaleerder"]["naam"] == "Olga"
    assert body["verwijderdatum"] == eigen.verwijderdatum.isoformat()
    assert body["overdrachten"][0]["van"] == "Fatima El Amrani" and body["overdrachten"][0]["aanvaard"]
    als_systeem()
    laatste = Bericht.objects.filter(aan=regio.leraar.email).order_by("-pk").first()
    assert "Olga" in laatste.tekst
    assert api(regio.medewerker).post(
        f"/api/v1/signalen/{eigen.uuid}/_overdragen", {"naar": "x", "reden": "y"}, format="json"
    ).status_code in (403, 404)


def test_vi_25_after_exit_a_signal_is_offered_accepted_and_kept(vi, regio, api):
    """VI-25: the school leaves; within `vi.exit_days` its leidinggevende offers the signal to a mandated
    user of a signatory taking over the care, who accepts: the signal becomes theirs, dates unchanged."""
    import time_machine

    signaal = vi.signaleer(regio.leraar)
    vi.toetreding_school.tot = dt.date.today() - dt.timedelta(days=1)
    vi.toetreding_school.save()
    lg = api(regio.school_lg)
    naar = lambda g: {"naar": f"http://testserver/api/v1/gebruikers/{g.uuid}", "reden": "Zorg overgenomen"}  # noqa: E731
    # to a colleague of the leaving organisation: refused
    collega = maak_gebruiker(
        regio.school, "k@hetbaken.example.org", ["medewerker"], mandaten=["vi_signaleren"]
    )
    r = lg.post(f"/api/v1/signalen/{signaal.uuid}/_overdragen", naar(collega), format="json")
    assert r.status_code == 403 and r.json()["code"] == "E_AC_NOT_SIGNATORY"
    r = lg.post(f"/api/v1/signalen/{signaal.uuid}/_overdragen", naar(regio.medewerker), format="json")
    assert r.status_code == 200, r.content
    assert r.json()["overdrachten"][0]["aanvaard"] is False
    # only the offered user can accept; to others the offer does not exist
    assert api(regio.collega).post(
        f"/api/v1/signalen/{signaal.uuid}/_aanvaarden", {}, format="json"
    ).status_code in (403, 404)
    r = api(regio.medewerker).post(f"/api/v1/signalen/{signaal.uuid}/_aanvaarden", {}, format="json")
    assert r.status_code == 200, r.content
    assert r.json()["signaleerder"]["organisatie"] == "Wijkteam Krimpen"
    assert r.json()["verwijderdatum"] == signaal.verwijderdatum.isoformat()
    assert r.json()["bsn"] == BSN_SAM  # re-encrypted under the new controller's key, still readable
    # the school's justification stays in the school's file: not for the new signaler
    assert api(regio.medewerker).get(f"/api/v1/signalen/{signaal.uuid}/verantwoording").status_code == 404
    # beyond the exit period the handed-over signal stays; the school no longer sees it
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=45), tick=False):
        assert api(regio.medewerker).get(f"/api/v1/signalen/{signaal.uuid}").status_code == 200
        assert api(regio.school_lg).get(f"/api/v1/signalen/{signaal.uuid}").status_code == 404


def test_vi_25_without_hand_over_the_signal_ends_after_exit_days(vi, regio, api):
    import time_machine

    signaal = vi.signaleer(regio.leraar)
    vi.toetreding_school.tot = dt.date.today() - dt.timedelta(days=1)
    vi.toetreding_school.save()
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=29), tick=False):
        assert api(regio.leraar).get(f"/api/v1/signalen/{signaal.uuid}").status_code == 200
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=31), tick=False):
        assert api(regio.leraar).get(f"/api/v1/signalen/{signaal.uuid}").status_code == 404


def test_vi_10_the_index_never_shows_a_secret_address(vi, regio, api):
    """VI-10 / PE-03: under `extended_2009` the address is hidden once the youth's address is secret."""
    from zorgvuldig.personen.services import registreer_persoon
    from zorgvuldig.verwijsindex.models import Instellingen

    inst = Instellingen.huidig()
    inst.field_set = "extended_2009"
    inst.save()
    client = api(regio.leraar)
    body = {
        "bsn": BSN_SAM,
        "jongere": {"naam": "Sam", "adres": "Voorbeeldstraat 12", "woonplaats": "Krimpen"},
    }
    uuid = client.post("/api/v1/signalen", body, format="json").json()["uuid"]
    assert client.get(f"/api/v1/signalen/{uuid}").json()["jongere"]["adres"] == "Voorbeeldstraat 12"
    registreer_persoon(
        actor=regio.actor(regio.medewerker),
        data={"geslachtsnaam": "Jansen", "bsn": BSN_SAM, "geheim_adres": True},
    )
    jongere = client.get(f"/api/v1/signalen/{uuid}").json()["jongere"]
    assert jongere["adres"] is None and jongere["woonplaats"] is None and jongere["naam"] == "Sam"
