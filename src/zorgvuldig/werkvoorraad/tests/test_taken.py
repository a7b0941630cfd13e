"""API §2.1 `/taken` and the overview page: each kind of task for the right user only (AC-11, SH-14 in
ui/tests/test_ui_delen.py, VI-14, VI-20, RI-05, RG-03, AC-13), derived status (RT-12), dismissing reminders
only, another user's task 404."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.conftest import als_systeem, maak_gebruiker, partner_token
from zorgvuldig.core.clock import now, today
from zorgvuldig.personen.services import registreer_persoon
from zorgvuldig.werkvoorraad import policies
from zorgvuldig.werkvoorraad.models import Afronding
from zorgvuldig.werkvoorraad.selectors import taken_voor

pytestmark = pytest.mark.django_db
REDEN = "Verwijzer meldt dat vader gisteren dreigde de partner iets aan te doen; politie is ingelicht."


def soorten(client, query: str = "") -> dict[str, dict]:
    r = client.get(f"/api/v1/taken{query}")
    assert r.status_code == 200, r.content
    return {t["soort"]: t for t in r.json()["results"]}


# --- pure rules ----------------------------------------------------------------------------------------


def test_rt_12_status_is_derived_and_only_reminders_can_be_dismissed():
    assert policies.status(te_laat=False, afgerond=False) == "open"
    assert policies.status(te_laat=True, afgerond=False) == "te_laat"
    assert policies.status(te_laat=True, afgerond=True) == "afgerond"
    d = dt.date(2026, 5, 1)
    assert not policies.te_laat(d, d) and policies.te_laat(d, d + dt.timedelta(days=1))
    assert not policies.te_laat(None, d)
    herinneringen = {s for s in policies.SOORTEN if policies.afrondbaar(s)}
    assert herinneringen == {"vi_signaal_verloopt", "api_sleutel_verloopt", "gebruikers_activeren"}
    for soort in set(policies.SOORTEN) - herinneringen:
        assert "verdwijnt zodra" in policies.afronden_weigering(soort), soort


def test_sh_14_approving_a_postponement_is_due_one_working_day_after_the_execution():
    """SH-14 (F20): the approval task had no due date ("Uiterlijk –"); like the urgent path's consultation
    afterwards it is due the next working day (core.kalender)."""
    assert policies.uitstel_goedkeuren_uiterlijk(dt.date(2026, 3, 2)) == dt.date(2026, 3, 3)  # Mon → Tue
    assert policies.uitstel_goedkeuren_uiterlijk(dt.date(2026, 3, 6)) == dt.date(2026, 3, 9)  # Fri → Mon
    # Thursday 24 December: Christmas, the weekend → Monday 28 December
    assert policies.uitstel_goedkeuren_uiterlijk(dt.date(2026, 12, 24)) == dt.date(2026, 12, 28)
    assert policies.uitstel_goedkeuren_uiterlijk(None) is None


def test_task_uuid_is_stable_per_user_and_cycle():
    a = policies.taak_uuid("vi_signaal_verloopt", "o", "u1", "2026-05-01")
    assert a == policies.taak_uuid("vi_signaal_verloopt", "o", "u1", "2026-05-01")
    assert a != policies.taak_uuid("vi_signaal_verloopt", "o", "u2", "2026-05-01")
    assert a != policies.taak_uuid("vi_signaal_verloopt", "o", "u1", "2026-11-01")


# --- each kind, for the right user ---------------------------------------------------------------------


def test_ac_11_breakglass_review_for_the_other_leidinggevende_until_reviewed(regio, api):
    from zorgvuldig.toegang import services

    vader = registreer_persoon(
        actor=regio.actor(regio.medewerker), data={"geslachtsnaam": "Vader", "bsn_ontbreekt_reden": "t"}
    )
    with time_machine.travel(dt.datetime(2026, 4, 2, 9, tzinfo=dt.UTC)):
        grant = services.noodtoegang(
            actor=regio.actor(regio.collega), object=vader, reden=REDEN, dreiging_voor=["gezin"]
        )
        lg = api(regio.leidinggevende)
        taak = soorten(lg)["noodtoegang_beoordelen"]
        assert taak["regel"] == "AC-11" and taak["wie"] == "Pieter de Vos"
        assert taak["object"] == f"http://testserver/api/v1/toegangen/{grant.uuid}"
        assert taak["vervaldatum"] == "2026-04-08" and taak["status"] == "open"
        assert "Vader" not in str(taak)  # no client data in a task
        assert "noodtoegang_beoordelen" not in soorten(api(regio.collega))
        assert "noodtoegang_beoordelen" not in soorten(api(regio.school_lg))
        r = lg.post(f"/api/v1/taken/{taak['uuid']}/_afronden", {}, format="json")
        assert r.status_code == 409 and r.json()["code"] == "E_STATE_CONFLICT"
        assert "beoordeling vastlegt" in r.json()["detail"]
        assert not Afronding.objects.exists()
    with time_machine.travel(dt.datetime(2026, 4, 9, 9, tzinfo=dt.UTC)):
        lg = api(regio.leidinggevende)  # the session of a week ago has run out
        assert soorten(lg)["noodtoegang_beoordelen"]["status"] == "te_laat"
        services.beoordeel_noodtoegang(
            actor=regio.actor(regio.leidinggevende), uuid=grant.uuid, akkoord=True, toelichting="Terecht."
        )
        assert "noodtoegang_beoordelen" not in soorten(lg)  # the cause is resolved: gone by itself
        assert lg.get(f"/api/v1/taken/{taak['uuid']}").status_code == 404


@pytest.fixture
def vi(regio):
    from zorgvuldig.verwijsindex.tests.hulp import VI

    return VI(regio)


def test_vi_20_reminder_dismissed_is_gone_from_list_and_overview_and_audited(regio, api, ui, vi):
    from zorgvuldig.verwijsindex.models import Signaal

    eigen = vi.signaleer(regio.medewerker)
    client = api(regio.medewerker)
    assert "vi_signaal_verloopt" not in soorten(client)  # removal date far away
    als_systeem()
    Signaal.objects.filter(pk=eigen.pk).update(verwijderdatum=today() + dt.timedelta(days=10))
    taak = soorten(client)["vi_signaal_verloopt"]
    assert taak["regel"] == "VI-20" and taak["afrondbaar"] and taak["status"] == "open"
    assert taak["object"] == f"http://testserver/api/v1/signalen/{eigen.uuid}"
    assert "vi_signaal_verloopt" not in soorten(api(regio.collega))
    # another user's task is not found, for reading and for dismissing
    ander = api(regio.collega)
    assert ander.get(f"/api/v1/taken/{taak['uuid']}").status_code == 404
    assert ander.post(f"/api/v1/taken/{taak['uuid']}/_afronden", {}, format="json").status_code == 404
    pagina = ui(regio.medewerker).get("/overzicht").content.decode()
    assert "Signaal in de verwijsindex verloopt" in pagina and f"/taken/{taak['uuid']}/afronden" in pagina

    r = client.post(f"/api/v1/taken/{taak['uuid']}/_afronden", {}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "afgerond" and r.json()["afgerondOp"]
    assert client.post(f"/api/v1/taken/{taak['uuid']}/_afronden", {}, format="json").status_code == 200
    assert Afronding.objects.count() == 1
    entry = AuditRegel.objects.get(actie="taak.afgerond")
    assert entry.verwerkingsactiviteit == "verwijsindex" and entry.object_uuid == str(eigen.uuid)
    assert "vi_signaal_verloopt" not in soorten(client)
    assert soorten(client, "?status=afgerond")["vi_signaal_verloopt"]["uuid"] == taak["uuid"]
    assert client.get(f"/api/v1/taken/{taak['uuid']}").json()["status"] == "afgerond"
    assert (
        "Signaal in de verwijsindex verloopt" not in ui(regio.medewerker).get("/overzicht").content.decode()
    )
    # a new removal date is a new cycle: reminded again, under a new uuid
    als_systeem()
    Signaal.objects.filter(pk=eigen.pk).update(verwijderdatum=today() + dt.timedelta(days=5))
    opnieuw = soorten(client)["vi_signaal_verloopt"]
    assert opnieuw["uuid"] != taak["uuid"] and opnieuw["status"] == "open"


def test_vi_14_informing_the_youth_cannot_be_dismissed(regio, api, vi):
    from zorgvuldig.verwijsindex.models import Match, Signaal

    eigen = vi.signaleer(regio.medewerker)
    vi.signaleer(regio.leraar)
    als_systeem()
    match = Signaal.objects.get(pk=eigen.pk).match
    Match.objects.filter(pk=match.pk).update(aangemaakt=now() - dt.timedelta(days=20))
    client = api(regio.medewerker)
    taak = soorten(client)["vi_jongere_informeren"]
    assert taak["status"] == "te_laat" and taak["regel"] == "VI-14" and not taak["afrondbaar"]
    assert taak["object"] == f"http://testserver/api/v1/matches/{match.uuid}"
    van_leraar = soorten(api(regio.leraar))["vi_jongere_informeren"]
    assert van_leraar["uuid"] != taak["uuid"]  # each signaler has their own task
    assert client.get(f"/api/v1/taken/{van_leraar['uuid']}").status_code == 404
    r = client.post(f"/api/v1/taken/{taak['uuid']}/_afronden", {}, format="json")
    assert r.status_code == 409 and r.json()["code"] == "E_STATE_CONFLICT"
    assert AuditRegel.objects.filter(actie="toegang.geweigerd", code="E_STATE_CONFLICT").exists()  # AU-04


def test_partner_token_gets_the_professionals_vi_tasks_only(regio, api, vi):
    """AC-08: through a token with Namens-Gebruiker the professional's VI work, not the platform's."""
    from rest_framework.test import APIClient

    from zorgvuldig.rechten.tests.voorbeelden import verzoek
    from zorgvuldig.verwijsindex.models import Signaal

    eigen = vi.signaleer(regio.medewerker)
    verzoek(regio)  # a rights request she handles
    als_systeem()
    Signaal.objects.filter(pk=eigen.pk).update(verwijderdatum=today() + dt.timedelta(days=10))
    assert {"vi_signaal_verloopt", "verzoek_besluiten"} <= set(soorten(api(regio.medewerker)))
    _token, geheim = partner_token(regio, organisatie=regio.wijkteam)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {geheim}", HTTP_NAMENS_GEBRUIKER=str(regio.medewerker.uuid))
    assert set(soorten(client)) == {"vi_signaal_verloopt"}


def test_ri_05_decision_term_for_the_handler_only(regio, api):
    from zorgvuldig.rechten.tests.voorbeelden import verzoek

    v = verzoek(regio)
    client = api(regio.medewerker)
    taak = soorten(client)["verzoek_besluiten"]
    termijn = v.ontvangen_op + dt.timedelta(days=28)
    assert taak["vervaldatum"] == termijn.isoformat() and taak["status"] == "open"
    assert taak["titel"] == "Besluiten op verzoek (inzage)" and taak["regel"] == "RI-05"
    assert "Smit" not in str(taak)
    assert "verzoek_besluiten" not in soorten(api(regio.leidinggevende))  # sees it, does not handle it
    r = client.post(f"/api/v1/taken/{taak['uuid']}/_afronden", {}, format="json")
    assert r.status_code == 409 and "besluit is vastgelegd" in r.json()["detail"]
    with time_machine.travel(termijn + dt.timedelta(days=1)):
        assert soorten(api(regio.medewerker))["verzoek_besluiten"]["status"] == "te_laat"


def test_rg_03_breach_clock_for_the_fg(regio, api):
    from zorgvuldig.datalekken.tests.hulp import datalek

    lek = datalek(regio, ontdekt_op=now() - dt.timedelta(hours=80))
    client = api(regio.fg)
    taak = soorten(client)["datalek_besluiten"]
    assert taak["status"] == "te_laat" and taak["regel"] == "RG-03"  # 72 hours passed
    assert taak["object"] == f"http://testserver/api/v1/datalekken/{lek.uuid}"
    assert "datalek_besluiten" not in soorten(api(regio.leidinggevende))
    r = client.post(f"/api/v1/taken/{taak['uuid']}/_afronden", {}, format="json")
    assert r.status_code == 409


def test_rg_03_overview_shows_the_breach_deadline_with_its_time(regio, ui):
    """F6: the deadline is a moment (discovery + 72 h), shown on the overview with its time in Dutch time,
    as on the breach page — not only its day."""
    from zorgvuldig.core.clock import AMSTERDAM
    from zorgvuldig.datalekken.tests.hulp import datalek

    lek = datalek(regio, ontdekt_op=now() - dt.timedelta(hours=30, minutes=7))
    [taak] = [t for t in taken_voor(regio.actor(regio.fg)) if t.soort == "datalek_besluiten"]
    deadline = (lek.ontdekt_op + dt.timedelta(hours=72)).astimezone(AMSTERDAM)
    assert taak.uiterlijk_op == deadline and taak.vervaldatum == deadline.date()
    pagina = ui(regio.fg).get("/overzicht").content.decode()
    assert re.search(rf">{deadline.day} [a-z]+ {deadline.year} {deadline:%H:%M}<", pagina), pagina
    assert "Uiterlijk" in pagina


def test_ac_13_key_and_account_reminders_for_the_beheerder(regio, api, ui):
    token, _ = partner_token(regio, dagen=10)
    client = api(regio.beheerder)
    taken = soorten(client)
    assert taken["api_sleutel_verloopt"]["object"] == f"http://testserver/api/v1/api-tokens/{token.uuid}"
    activeren = taken["gebruikers_activeren"]
    assert activeren["soort"] == "gebruikers_activeren" and activeren["afrondbaar"]
    assert not {"api_sleutel_verloopt", "gebruikers_activeren"} & set(soorten(api(regio.medewerker)))
    # dismissed from the overview page; a new account not yet activated raises it again
    beheer = ui(regio.beheerder)
    r = beheer.post(f"/taken/{activeren['uuid']}/afronden")
    assert r.status_code == 302 and r["Location"] == "/overzicht"
    assert "nog niet geactiveerd" not in beheer.get("/overzicht").content.decode()
    maak_gebruiker(regio.wijkteam, "nieuw@krimpen.example.org", ["medewerker"])
    assert soorten(client)["gebruikers_activeren"]["uuid"] != activeren["uuid"]


def test_list_filters_and_bad_filters(regio, api, vi):
    from zorgvuldig.rechten.tests.voorbeelden import verzoek
    from zorgvuldig.verwijsindex.models import Signaal

    eigen = vi.signaleer(regio.medewerker)
    verzoek(regio)
    als_systeem()
    Signaal.objects.filter(pk=eigen.pk).update(verwijderdatum=today() + dt.timedelta(days=10))
    client = api(regio.medewerker)
    assert set(soorten(client, "?soort=verzoek_besluiten")) == {"verzoek_besluiten"}
    assert set(soorten(client, "?status=open")) == {"verzoek_besluiten", "vi_signaal_verloopt"}
    assert soorten(client, "?status=te_laat") == {}
    for query in ("?status=klaar", "?soort=onbekend", "?kleur=rood", "?status=open,x"):
        r = client.get(f"/api/v1/taken{query}")
        assert r.status_code == 400 and r.json()["code"] == "E_INVALID_INPUT", query
    r = client.post(
        f"/api/v1/taken/{soorten(client)['vi_signaal_verloopt']['uuid']}/_afronden", {"x": 1}, format="json"
    )
    assert r.status_code == 400


def test_without_the_undertaking_no_tasks(regio, api):
    """AC-07: like the overview page, the task list opens only after the undertaking."""
    nieuw = maak_gebruiker(regio.wijkteam, "n@krimpen.example.org", ["medewerker"], verklaring=False)
    r = api(nieuw).get("/api/v1/taken")
    assert r.status_code == 403 and r.json()["code"] == "E_AC_NO_UNDERTAKING"


def test_selector_is_the_overview_source(regio):
    """The system actor and a user without tasks get none; tasks sort by due date."""
    from zorgvuldig.core.context import Actor

    assert taken_voor(Actor.systeem()) == []
    assert taken_voor(regio.actor(regio.collega)) == []
