"""A signaler's system reads the rules its signals must meet (VI-19, VI-09, API §2.1): the own
organisation's VI profile and the regional field set, read-only, through a partner token with a
verwijsindex scope. Another organisation's profile stays 404; nothing can be changed this way."""

from __future__ import annotations

import pytest

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.conftest import BSN_SAM, als_systeem, partner_token
from zorgvuldig.organisaties.models import Profiel
from zorgvuldig.verwijsindex.tests.hulp import json_verantwoording

pytestmark = pytest.mark.django_db

EXTRA = {"code": "verzuim", "omschrijving": "Herhaald verzuim zonder bericht"}


def _partner(api, regio, scopes=("signaal:registreren",), namens=None):
    _token, geheim = partner_token(regio, scopes=scopes)
    client = api()
    client.credentials(
        HTTP_AUTHORIZATION=f"Token {geheim}", HTTP_NAMENS_GEBRUIKER=str((namens or regio.leraar).uuid)
    )
    return client


def _school_profiel(vi, regio) -> Profiel:
    """The school has its own profile: an extra criterion, no agreement sought first, a shorter term and a
    lower age limit (VI-19 deviations); the wijkteam keeps the standard one."""
    p = Profiel.objects.create(
        code="vi-onderwijs",
        naam="VI onderwijs",
        meldrecht_bepaling="Jeugdwet art. 7.1.4.1",
        extra_criteria=[EXTRA],
        vi_seek_agreement=False,
        vi_term_months=3,
        vi_max_age=18,
        toestemming_en_informatieplicht="Informeren met de eigen schoolfolder.",
    )
    regio.school.profiel = p
    regio.school.save()
    return p


def test_vi_19_a_partner_system_finds_and_reads_its_own_organisations_profile(vi, regio, api):
    """VI-19: the school's system follows its organisation's `profiel` link and reads which criteria codes
    it may send, whether agreement is sought first, the information-duty arrangements and the terms."""
    _school_profiel(vi, regio)
    partner = _partner(api, regio)
    org = partner.get(f"/api/v1/organisaties/{regio.school.uuid}").json()
    r = partner.get(org["profiel"])
    assert r.status_code == 200, r.content
    p = r.json()
    assert p["extraCriteria"] == [EXTRA]
    assert p["vi"] == {
        "seekAgreement": False,
        "criterionL": False,
        "maxAge": 18,
        "termMonths": 3,
        "extensionMonths": 6,
    }
    assert p["meldrecht"] == {"bepaling": "Jeugdwet art. 7.1.4.1"}
    assert p["toestemmingEnInformatieplicht"] == "Informeren met de eigen schoolfolder."


def test_vi_03_the_extra_criteria_read_are_the_codes_a_signal_must_name(vi, regio, api):
    """VI-03: with the code read from the profile the activation passes; without one it is refused."""
    _school_profiel(vi, regio)
    partner = _partner(api, regio)
    org = partner.get(f"/api/v1/organisaties/{regio.school.uuid}").json()
    codes = [c["code"] for c in partner.get(org["profiel"]).json()["extraCriteria"]]
    concept = partner.post("/api/v1/signalen", {"bsn": BSN_SAM}, format="json").json()
    zonder = json_verantwoording()
    r = partner.post(f"{concept['url']}/_activeren", {"verantwoording": zonder}, format="json")
    assert r.status_code == 400 and r.json()["code"] == "E_VI_NO_CRITERION"
    met = json_verantwoording(extraCriteria=codes)
    r = partner.post(f"{concept['url']}/_activeren", {"verantwoording": met}, format="json")
    assert r.status_code == 200, r.content


def test_vi_19_another_organisations_profile_is_404_like_a_missing_one(vi, regio, api):
    """API §1.5: the wijkteam's profile answers the school's system exactly as a missing uuid; the refused
    attempt is logged with the professional as actor (AU-04)."""
    _school_profiel(vi, regio)  # the wijkteam keeps vi.profiel, now not the school's
    partner = _partner(api, regio)
    ander = partner.get(f"/api/v1/profielen/{vi.profiel.uuid}")
    ontbreekt = partner.get("/api/v1/profielen/00000000-0000-4000-8000-000000000000")
    assert ander.status_code == ontbreekt.status_code == 404
    assert {k: v for k, v in ander.json().items() if k != "traceId"} == {
        k: v for k, v in ontbreekt.json().items() if k != "traceId"
    }
    als_systeem()
    regel = AuditRegel.objects.filter(actie="toegang.geweigerd", code="E_NOT_FOUND").latest("id")
    assert regel.kanaal == "api" and regel.namens["organisatie"] == str(regio.school.uuid)


def test_vi_19_a_partner_system_changes_and_lists_no_profiles(vi, regio, api):
    """Read-only: PATCH of the own profile is 404 (no scope for it), nothing changes; the list and POST
    are the beheerder's (403)."""
    p = _school_profiel(vi, regio)
    partner = _partner(api, regio, scopes=("signaal:registreren", "signaal:beheren", "match:behandelen"))
    r = partner.patch(f"/api/v1/profielen/{p.uuid}", {"vi": {"termMonths": 12}}, format="json")
    assert r.status_code == 404 and r.json()["code"] == "E_NOT_FOUND"
    assert Profiel.objects.get(pk=p.pk).vi_term_months == 3
    assert partner.get("/api/v1/profielen").status_code == 403
    assert partner.post("/api/v1/profielen", {"naam": "Eigen"}, format="json").status_code == 403
    assert not Profiel.objects.filter(naam="Eigen").exists()


def test_vi_19_staff_signalers_read_their_own_organisations_profile_only(vi, regio, api):
    """The same rule for staff: the mandated worker and the leidinggevende read the wijkteam's profile,
    not the school's; a colleague without a verwijsindex scope reads none."""
    p = _school_profiel(vi, regio)
    for gebruiker in (regio.medewerker, regio.leidinggevende):
        client = api(gebruiker)
        assert client.get(f"/api/v1/profielen/{vi.profiel.uuid}").status_code == 200
        assert client.get(f"/api/v1/profielen/{p.uuid}").status_code == 404
    assert api(regio.collega).get(f"/api/v1/profielen/{vi.profiel.uuid}").status_code == 404


def test_vi_19_without_a_verwijsindex_scope_on_the_token_the_profile_stays_hidden(vi, regio, api):
    """A token with `match:behandelen` only does not submit signals: the profile is 404 to it."""
    partner = _partner(api, regio, scopes=("match:behandelen",))
    assert partner.get(f"/api/v1/profielen/{vi.profiel.uuid}").status_code == 404


def test_vi_09_a_partner_system_reads_the_regional_field_set_but_cannot_change_it(vi, regio, api):
    """VI-09: `fieldSet` says which fields a signal may hold; the system reads the regional settings,
    the beheerder alone changes them."""
    partner = _partner(api, regio)
    r = partner.get("/api/v1/instellingen")
    assert r.status_code == 200, r.content
    assert r.json()["vi"]["fieldSet"] == "statutory"
    r = partner.patch("/api/v1/instellingen", {"vi": {"fieldSet": "extended_2009"}}, format="json")
    assert r.status_code == 403
    assert partner.get("/api/v1/instellingen").json()["vi"]["fieldSet"] == "statutory"
