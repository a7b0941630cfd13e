"""Attacker-style review of the registers and reports (SPEC §12 RG, §13 RP; API §2.11, §2.12).

Each test is named after the rule it protects: another controller's records, state machines, oversized and
unknown input, error answers without personal data, exports that cannot be linked, reports whose small
counts cannot be derived, and a DPIA decision that follows the FG's advice.
"""

from __future__ import annotations

import datetime as dt

import pytest

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.conftest import BSN_SAM, als_systeem
from zorgvuldig.core.clock import now, today
from zorgvuldig.datalekken.models import Datalek
from zorgvuldig.datalekken.tests.hulp import D, datalek, vreemd_datalek

pytestmark = pytest.mark.django_db

T = "http://testserver/api/v1"
MB = "x" * (1024 * 1024)


def _acties(actie: str, status: str | None = None) -> list[AuditRegel]:
    als_systeem()
    qs = AuditRegel.objects.filter(actie=actie)
    if status:
        qs = qs.filter(status=status)
    return list(qs.order_by("id"))


def _nieuw(client, **over):
    body = {
        "ontdektOp": (now() - dt.timedelta(hours=2)).isoformat(),
        "omschrijving": "E-mail met bijlage aan verkeerde ontvanger gestuurd.",
        "gegevens": "Namen en adressen",
        "betrokkenen": "Cliënten van wijkteam Oost",
        **over,
    }
    return client.post(D, body, format="json")


def _status(uuid) -> str:
    als_systeem()
    return Datalek.objects.get(uuid=uuid).status


# --- RG-03: the breach register ---------------------------------------------------------------------------


def test_rg_03_status_cannot_be_patched_only_via_operations(regio, api):
    fg = api(regio.fg)
    lek = datalek(regio)
    for veld, waarde in (
        ("status", "gesloten"),
        ("besluit", {"melden": False}),
        ("geslotenOp", "2026-01-01"),
    ):
        r = fg.patch(f"{D}/{lek.uuid}", {veld: waarde}, format="json")
        assert r.status_code == 400, (veld, r.content)
    assert _status(lek.uuid) == "ontdekt"


def test_rg_03_megabyte_strings_are_400_and_record_nothing(regio, api):
    fg = api(regio.fg)
    assert _nieuw(fg, omschrijving=MB).status_code == 400
    assert _nieuw(fg, betrokkenen=MB).status_code == 400
    als_systeem()
    assert Datalek.objects.count() == 0
    lek = datalek(regio, risico="risico")
    assert fg.patch(f"{D}/{lek.uuid}", {"maatregelen": MB}, format="json").status_code == 400
    assert fg.post(f"{D}/{lek.uuid}/_beoordelen", {"maatregelen": MB}, format="json").status_code == 400
    assert _status(lek.uuid) == "ontdekt"
    fg.post(f"{D}/{lek.uuid}/_beoordelen", {}, format="json")
    body = {"melden": False, "betrokkenenInformeren": False, "reden": MB}
    assert fg.post(f"{D}/{lek.uuid}/_besluiten", body, format="json").status_code == 400
    body = {"melden": True, "betrokkenenInformeren": False, "apKenmerk": "A" * 65}
    assert fg.post(f"{D}/{lek.uuid}/_besluiten", body, format="json").status_code == 400
    assert _status(lek.uuid) == "beoordeeld"


def test_rg_03_another_controllers_breach_is_404_on_every_path_and_unchanged(regio, api):
    vreemd = vreemd_datalek(regio)
    u = f"{D}/{vreemd.uuid}"
    for gebruiker in (regio.fg, regio.leidinggevende):
        client = api(gebruiker)
        assert client.get(u).status_code == 404
        assert vreemd.uuid.hex not in client.get(D).content.decode().replace("-", "")
    fg = api(regio.fg)
    assert fg.patch(u, {"omschrijving": "overschreven"}, format="json").status_code == 404
    assert fg.post(f"{u}/_beoordelen", {"risico": "geen"}, format="json").status_code == 404
    body = {"melden": False, "betrokkenenInformeren": False, "reden": "Geen risico."}
    assert fg.post(f"{u}/_besluiten", body, format="json").status_code == 404
    assert fg.post(f"{u}/_afsluiten", {}, format="json").status_code == 404
    assert fg.post(f"{u}/_analyseren", {}, format="json").status_code == 404
    als_systeem()
    vreemd.refresh_from_db()
    assert vreemd.status == "ontdekt" and vreemd.risico == "" and vreemd.analyse in ({}, None)


def test_rg_03_school_leidinggevende_sees_nothing_of_the_gemeente(regio, api):
    lek = datalek(regio)
    client = api(regio.school_lg)
    r = client.get(D)
    assert r.status_code == 200 and r.json()["count"] == 0
    assert client.get(f"{D}/{lek.uuid}").status_code == 404


def test_rg_03_notification_moment_in_the_future_or_before_discovery_is_400(regio, api):
    fg = api(regio.fg)
    lek = datalek(regio, risico="risico")
    fg.post(f"{D}/{lek.uuid}/_beoordelen", {}, format="json")
    for moment in (now() + dt.timedelta(days=3), lek.ontdekt_op - dt.timedelta(days=1)):
        body = {"melden": True, "betrokkenenInformeren": False, "gemeldOp": moment.isoformat()}
        r = fg.post(f"{D}/{lek.uuid}/_besluiten", body, format="json")
        assert r.status_code == 400, r.content
    assert _status(lek.uuid) == "beoordeeld"


def test_rg_03_skipping_the_assessment_is_409_audited_and_changes_nothing(regio, api):
    fg = api(regio.fg)
    lek = datalek(regio, risico="risico")
    body = {"melden": False, "betrokkenenInformeren": False, "reden": "Versleutelde laptop."}
    r = fg.post(f"{D}/{lek.uuid}/_besluiten", body, format="json")
    assert r.status_code == 409 and r.json()["code"] == "E_STATE_CONFLICT"
    assert fg.post(f"{D}/{lek.uuid}/_afsluiten", {}, format="json").status_code == 409
    als_systeem()
    lek.refresh_from_db()
    assert lek.status == "ontdekt" and lek.besloten_op is None and lek.melden is None
    assert len(_acties("datalek.besloten", "geweigerd")) == 1
    assert len(_acties("datalek.gesloten", "geweigerd")) == 1
    assert _acties("datalek.besloten", "uitgevoerd") == []


def test_rg_03_every_write_is_audited_once(regio, api):
    fg = api(regio.fg)
    uuid = _nieuw(fg, risico="geen").json()["uuid"]
    fg.patch(f"{D}/{uuid}", {"aantalBetrokkenen": 3}, format="json")
    fg.post(f"{D}/{uuid}/_beoordelen", {}, format="json")
    fg.post(
        f"{D}/{uuid}/_besluiten",
        {"melden": False, "betrokkenenInformeren": False, "reden": "Geen risico."},
        format="json",
    )
    fg.post(f"{D}/{uuid}/_afsluiten", {}, format="json")
    for actie in ("geregistreerd", "gewijzigd", "beoordeeld", "besloten", "gesloten"):
        regels = [r for r in _acties(f"datalek.{actie}", "uitgevoerd") if r.object_uuid == uuid]
        assert len(regels) == 1, actie


def test_rg_03_scope_references_of_the_wrong_kind_are_400(regio, api):
    fg = api(regio.fg)
    lek = datalek(regio)
    # a person's URL where a user account is expected, a user where an organisation is expected
    for afb in (
        {"account": f"{T}/personen/{regio.medewerker.uuid}"},
        {"ontvanger": f"{T}/gebruikers/{regio.medewerker.uuid}"},
        {"account": f"{T}/gebruikers/{regio.leraar.uuid}"},  # another controller's account
    ):
        body = {
            "afbakening": {
                "vanaf": (now() - dt.timedelta(days=1)).isoformat(),
                "tot": now().isoformat(),
                **afb,
            }
        }
        r = fg.patch(f"{D}/{lek.uuid}", body, format="json")
        assert r.status_code == 400, (afb, r.content)
    als_systeem()
    lek.refresh_from_db()
    assert lek.afbakening_vanaf is None


def test_rg_03_leidinggevende_cannot_analyse_or_decide_and_nothing_changes(regio, api):
    lek = datalek(regio, risico="risico")
    lg = api(regio.leidinggevende)
    assert lg.post(f"{D}/{lek.uuid}/_beoordelen", {}, format="json").status_code in (403, 404)
    body = {"melden": True, "betrokkenenInformeren": False}
    assert lg.post(f"{D}/{lek.uuid}/_besluiten", body, format="json").status_code in (403, 404)
    assert _status(lek.uuid) == "ontdekt"


def test_rg_03_error_answers_do_not_echo_a_bsn(regio, api):
    """AU/GP: a BSN typed in the wrong field is not echoed back in the problem document (it ends up in logs
    and browser histories)."""
    fg = api(regio.fg)
    r = _nieuw(fg, risico=BSN_SAM)
    assert r.status_code == 400
    assert BSN_SAM not in r.content.decode()
    r = fg.get(D, {"status": BSN_SAM})
    assert r.status_code == 400
    assert BSN_SAM not in r.content.decode()


def test_rg_03_duplicate_json_keys_and_wrong_types_are_400(regio, api):
    fg = api(regio.fg)
    moment = (now() - dt.timedelta(hours=1)).isoformat()
    raw = (
        f'{{"ontdektOp": "{moment}", "omschrijving": "a", "omschrijving": "b", '
        '"gegevens": "g", "betrokkenen": "b"}'
    )
    r = fg.post(D, raw, content_type="application/json")
    # a duplicate key is ambiguous input; either refuse it or take it — but never 500
    assert r.status_code in (201, 400)
    for over in ({"omschrijving": ["a"]}, {"omschrijving": {"a": 1}}, {"aantalBetrokkenen": "veel"}):
        assert _nieuw(fg, **over).status_code == 400


# --- RP-04 / RP-05: monitoring exports -----------------------------------------------------------------


@pytest.fixture
def ontvanger(regio):
    from zorgvuldig.monitoring.tests import hulp

    return hulp.Ontvanger(regio)


def test_rp_05_leidinggevende_cannot_approve_the_own_proposal(regio, api, ontvanger):
    from zorgvuldig.monitoring.tests import hulp

    d = hulp.definitie(regio, ontvanger.org)
    r = api(regio.leidinggevende).post(
        f"/api/v1/exportdefinities/{d.uuid}/_goedkeuren", {"oordeel": hulp.OORDEEL}, format="json"
    )
    assert r.status_code in (403, 404)
    als_systeem()
    d.refresh_from_db()
    assert d.status != "goedgekeurd"
    r = api(regio.leidinggevende).post(f"/api/v1/exportdefinities/{d.uuid}/exporten", {}, format="json")
    assert r.status_code in (400, 409)


def test_rp_05_status_of_a_definition_cannot_be_patched(regio, api, ontvanger):
    from zorgvuldig.monitoring.tests import hulp

    d = hulp.definitie(regio, ontvanger.org)
    r = api(regio.leidinggevende).patch(
        f"/api/v1/exportdefinities/{d.uuid}", {"status": "goedgekeurd"}, format="json"
    )
    assert r.status_code in (400, 405)
    als_systeem()
    d.refresh_from_db()
    assert d.status != "goedgekeurd"


def test_rp_05_oversized_definition_is_400_and_creates_nothing(regio, api, ontvanger):
    from zorgvuldig.monitoring.models import Exportdefinitie
    from zorgvuldig.monitoring.tests import hulp

    body = {
        "naam": MB,
        "ontvanger": f"{T}/organisaties/{ontvanger.org.uuid}",
        "doel": "verantwoording",
        "velden": list(hulp.VELDEN),
        "proportionaliteit": {"noodzaak": MB, "afweging": hulp.AFWEGING, "minderIngrijpend": hulp.MINDER},
    }
    assert api(regio.leidinggevende).post("/api/v1/exportdefinities", body, format="json").status_code == 400
    body["naam"] = "Dubbel"
    body["proportionaliteit"]["noodzaak"] = hulp.NOODZAAK
    body["velden"] = [*hulp.VELDEN, *hulp.VELDEN]
    assert api(regio.leidinggevende).post("/api/v1/exportdefinities", body, format="json").status_code == 400
    als_systeem()
    assert Exportdefinitie.objects.count() == 0


def test_rp_04_other_controller_cannot_reach_definitions_or_exports(regio, api, ontvanger):
    from zorgvuldig.monitoring.tests import hulp

    hulp.clienten(regio)
    d = hulp.goedgekeurd(regio, ontvanger.org)
    r = api(regio.leidinggevende).post(f"/api/v1/exportdefinities/{d.uuid}/exporten", {}, format="json")
    assert r.status_code == 201
    export = r.json()
    school = api(regio.school_lg)
    assert school.get(f"/api/v1/exportdefinities/{d.uuid}").status_code == 404
    assert school.get(f"/api/v1/exportdefinities/{d.uuid}/exporten").status_code == 404
    assert school.post(f"/api/v1/exportdefinities/{d.uuid}/exporten", {}, format="json").status_code == 404
    assert school.post(f"/api/v1/exportdefinities/{d.uuid}/_intrekken", {}, format="json").status_code == 404
    pad = export["url"].replace("http://testserver", "")
    assert school.get(pad, HTTP_ACCEPT="text/csv").status_code == 404
    # the recipient's manager sees the export but not the definition list of the gemeente's other work
    r = api(ontvanger.lg).get(pad, HTTP_ACCEPT="text/csv")
    assert r.status_code == 200
    tekst = r.content.decode()
    for p in hulp.PERSONEN:
        for waarde in (p["bsn"], p["geslachtsnaam"], p["adres_straat"], p["adres_postcode"]):
            assert waarde not in tekst
        assert p["geboortedatum"].isoformat() not in tekst
        assert p["geboortedatum"].strftime("%d-%m-%Y") not in tekst


# --- RP-02 / RP-03: reports ------------------------------------------------------------------------------


def _cellen(r) -> dict:
    return {tuple(c["dimensies"].values()): c for c in r.json()["cellen"]}


def _niet_af_te_leiden(rapporten, klein: tuple[str, str]) -> None:
    """RP-03 over several reports of the same data: each is whole calendar months with `maand` as a
    dimension, so every number it publishes is one cell of one month, or a total of published cells
    only (rule 3). A difference of two reports is then a difference of published cells; the small cell
    `klein` could only be learnt if some report published that very cell. Check that none does, that
    the same cell has the same count wherever it is published, and that no published count is small."""
    from django.conf import settings

    from zorgvuldig.rapportages.policies import einde_maand

    gepubliceerd: dict[tuple, int] = {}
    for r in rapporten:
        body = r.json()
        assert "maand" in body["dimensies"]
        vanaf, tot = (dt.date.fromisoformat(body["periode"][k]) for k in ("vanaf", "tot"))
        assert vanaf.day == 1 and tot == einde_maand(tot)
        cellen = _cellen(r)
        assert body["totaal"] == sum(c["aantal"] for c in cellen.values() if not c["onderdrukt"])
        for k, c in cellen.items():
            if not c["onderdrukt"]:
                assert gepubliceerd.setdefault(k, c["aantal"]) == c["aantal"], k
    assert klein not in gepubliceerd
    assert not [v for v in gepubliceerd.values() if 0 < v < settings.REPORTS_MIN_CELL]


def test_rp_03_small_count_not_derivable_by_differencing_two_periods(regio, api):
    """RP-03: a count of 1 … minCell−1 must not be derivable, also not by asking the same report for two
    overlapping periods and subtracting (the brief: 'combining groupings/periods'). Periods are whole
    calendar months and the month is always a dimension, so periods a few days apart are the same report
    and a longer period only adds months, each with its own suppression."""
    from zorgvuldig.core.clock import AMSTERDAM
    from zorgvuldig.datalekken import services

    vorige = (today().replace(day=1) - dt.timedelta(days=1)).replace(day=1)  # last month: in the past
    voorvorige = (vorige - dt.timedelta(days=1)).replace(day=1)

    def op(datum: dt.date) -> dt.datetime:
        return dt.datetime.combine(datum, dt.time(12), tzinfo=AMSTERDAM)

    for _ in range(5):
        datalek(regio, ontdekt_op=op(voorvorige.replace(day=10)))
    # one breach a few days later than five others of the same month, one alone in the next month
    datalek(regio, ontdekt_op=op(voorvorige.replace(day=20)))
    services.registreer(
        actor=regio.actor(regio.fg),
        data={
            "ontdekt_op": op(vorige.replace(day=3)),
            "omschrijving": "Eén lek.",
            "gegevens": "g",
            "betrokkenen": "b",
        },
    )
    fg = api(regio.fg)

    def rapport(vanaf: dt.date, tot: dt.date):
        r = fg.get(
            "/api/v1/rapportages/datalekken",
            {"groepering": "status", "periodeVanaf": vanaf.isoformat(), "periodeTot": tot.isoformat()},
        )
        assert r.status_code == 200, r.content
        assert r.json()["dimensies"] == ["status", "maand"]
        return r

    # a few days apart (the 15th vs the 25th; the 6th breach on the 20th): one and the same report
    lang = rapport(voorvorige.replace(day=5), voorvorige.replace(day=25))
    kort = rapport(voorvorige.replace(day=5), voorvorige.replace(day=15))
    assert lang.json() == kort.json()
    heel = {
        "vanaf": voorvorige.isoformat(),
        "tot": (vorige - dt.timedelta(days=1)).isoformat(),
        "ingekort": False,
    }
    assert kort.json()["periode"] == heel
    assert _cellen(kort)[("ontdekt", f"{voorvorige:%Y-%m}")]["aantal"] == 6

    # a month apart: the extra month is a cell of its own, its 1 suppressed (and, as the old attack's
    # "6 then 7", the 6 of the same status line too: secondary suppression)
    klein = ("ontdekt", f"{vorige:%Y-%m}")
    lang = rapport(voorvorige.replace(day=5), vorige.replace(day=25))
    assert _cellen(lang)[klein]["onderdrukt"] is True
    a = sum(c["aantal"] or 0 for k, c in _cellen(lang).items() if k[0] == "ontdekt")
    b = sum(c["aantal"] or 0 for k, c in _cellen(kort).items() if k[0] == "ontdekt")
    assert not (0 < a - b < 5), (a, b)  # the old attack: 7 − 6 = 1 breach in the later days
    alleen_vorige = rapport(vorige.replace(day=2), vorige.replace(day=9))
    standaard = fg.get("/api/v1/rapportages/datalekken", {"groepering": "status"})
    _niet_af_te_leiden([lang, kort, alleen_vorige, standaard], klein)


def test_rp_02_groepering_input_hardening(regio, api):
    fg = api(regio.fg)
    assert fg.get("/api/v1/rapportages/datalekken", {"groepering": "naam"}).status_code == 400
    assert fg.get("/api/v1/rapportages/datalekken", {"groepering": "x" * 100_000}).status_code == 400
    assert fg.get("/api/v1/rapportages/datalekken", {"periodeVanaf": "2026-02-30"}).status_code == 400
    assert fg.get("/api/v1/rapportages/datalekken", {"persoon": BSN_SAM}).status_code == 400
    r = fg.get("/api/v1/rapportages/datalekken", {"groepering": "status,status"})
    assert r.status_code in (200, 400)
    if r.status_code == 200:
        assert r.json()["dimensies"] == ["status", "maand"]  # RP-03: the month is always a dimension
    r = fg.get("/api/v1/rapportages/datalekken", {"periodeVanaf": "1900-01-01", "periodeTot": "2026-01-01"})
    assert r.status_code == 400


@pytest.mark.parametrize("rol", ["medewerker", "beheerder", "auditor", "leraar"])
def test_rp_02_reports_only_for_leidinggevende_and_fg(regio, api, rol):
    r = api(getattr(regio, rol)).get("/api/v1/rapportages/datalekken")
    assert r.status_code in (403, 404)


# --- RG-02: DPIA ------------------------------------------------------------------------------------------


def _dpia(regio, stappen=None):
    from zorgvuldig.registers import services
    from zorgvuldig.registers.tests.voorbeelden import STAPPEN, activiteit

    return services.maak_dpia(
        actor=regio.actor(regio.fg), activiteit_uuid=activiteit().uuid, stappen=dict(stappen or STAPPEN)
    )


def test_rg_02_no_approval_without_fg_advice_and_refusal_audited(regio, api):
    d = _dpia(regio)
    r = api(regio.fg).post(
        f"/api/v1/dpias/{d.uuid}/_goedkeuren", {"besluitDoor": "College van B en W"}, format="json"
    )
    assert r.status_code == 409
    als_systeem()
    d.refresh_from_db()
    assert d.status == "concept" and not d.besluit_door
    assert len(_acties("dpia.goedgekeurd", "geweigerd")) == 1


def test_rg_02_status_cannot_be_patched(regio, api):
    d = _dpia(regio)
    r = api(regio.fg).patch(f"/api/v1/dpias/{d.uuid}", {"status": "goedgekeurd"}, format="json")
    assert r.status_code == 400
    r = api(regio.fg).patch(f"/api/v1/dpias/{d.uuid}", {"fgAdvies": "Zelf ingevuld."}, format="json")
    assert r.status_code == 400
    als_systeem()
    d.refresh_from_db()
    assert d.status == "concept" and not d.fg_advies


def test_rg_02_leidinggevende_cannot_advise_or_approve(regio, api):
    d = _dpia(regio)
    lg = api(regio.leidinggevende)
    assert lg.post(f"/api/v1/dpias/{d.uuid}/_adviseren", {"advies": "Prima."}, format="json").status_code in (
        403,
        404,
    )
    assert lg.patch(f"/api/v1/dpias/{d.uuid}", {"proces": "Anders."}, format="json").status_code in (403, 404)
    als_systeem()
    d.refresh_from_db()
    assert d.status == "concept" and not d.fg_advies


def test_rg_02_another_controllers_dpia_is_404_everywhere(regio, api):
    from zorgvuldig.registers import services
    from zorgvuldig.registers.tests.voorbeelden import STAPPEN, activiteit, fg_school

    ander = services.maak_dpia(
        actor=regio.actor(fg_school(regio)), activiteit_uuid=activiteit().uuid, stappen=dict(STAPPEN)
    )
    fg = api(regio.fg)
    u = f"/api/v1/dpias/{ander.uuid}"
    assert fg.get(u).status_code == 404
    assert fg.patch(u, {"proces": "Overschreven."}, format="json").status_code == 404
    assert fg.post(f"{u}/_adviseren", {"advies": "Akkoord."}, format="json").status_code == 404
    assert str(ander.uuid) not in fg.get("/api/v1/dpias").content.decode()
    als_systeem()
    ander.refresh_from_db()
    assert ander.status == "concept" and ander.proces == STAPPEN["proces"]


def test_rg_02_oversized_dpia_step_is_400(regio, api):
    d = _dpia(regio)
    r = api(regio.fg).patch(f"/api/v1/dpias/{d.uuid}", {"proces": MB}, format="json")
    assert r.status_code == 400
    als_systeem()
    d.refresh_from_db()
    assert len(d.proces) < 10_000


# --- RP-06: access-pattern monitoring ------------------------------------------------------------------


def test_rp_06_activation_refused_without_dpia_is_audited_and_changes_nothing(regio, api):
    from zorgvuldig.toegangsbewaking.models import Bewaking
    from zorgvuldig.toegangsbewaking.tests import hulp

    hulp.instemming(regio)
    r = api(regio.fg).post("/api/v1/toegangsbewaking/_activeren", {}, format="json")
    assert r.status_code in (400, 409)
    assert r.json()["code"] == "E_RP_MONITORING_NOT_APPROVED"
    als_systeem()
    assert not Bewaking.objects.filter(actief=True).exists()
    assert len(_acties("toegangsbewaking.geactiveerd", "geweigerd")) == 1


def test_rp_06_dpia_under_review_or_only_advised_does_not_count(regio, api):
    from zorgvuldig.registers.models import Dpia
    from zorgvuldig.toegangsbewaking.tests import hulp

    hulp.instemming(regio)
    for status in (Dpia.Status.GEADVISEERD, Dpia.Status.IN_HERZIENING):
        als_systeem()
        Dpia.objects.all().delete()
        hulp.dpia(regio.gemeente, status=status)
        r = api(regio.fg).post("/api/v1/toegangsbewaking/_activeren", {}, format="json")
        assert r.status_code in (400, 409), status


def test_rp_06_another_controllers_dpia_and_consent_do_not_count(regio, api):
    from zorgvuldig.registers.tests.voorbeelden import fg_school
    from zorgvuldig.toegangsbewaking.tests import hulp

    hulp.dpia(regio.school_vv)
    hulp.instemming(regio, fg=fg_school(regio))
    r = api(regio.fg).post("/api/v1/toegangsbewaking/_activeren", {}, format="json")
    assert r.status_code in (400, 409)


def test_rp_06_consent_dated_in_the_future_is_refused(regio, api):
    r = api(regio.fg).post(
        "/api/v1/ondernemingsraadinstemmingen",
        {"datum": (today() + dt.timedelta(days=30)).isoformat(), "kenmerk": "OR-2099"},
        format="json",
    )
    assert r.status_code == 400


@pytest.mark.parametrize("rol", ["leidinggevende", "medewerker", "beheerder"])
def test_rp_06_only_the_fg_switches_monitoring_and_sees_alerts(regio, api, rol):
    client = api(getattr(regio, rol))
    assert client.post("/api/v1/toegangsbewaking/_activeren", {}, format="json").status_code in (403, 404)
    assert client.get("/api/v1/toegangssignaleringen").status_code in (403, 404)
    body = {"datum": "2026-02-01", "kenmerk": "OR-1"}
    assert client.post("/api/v1/ondernemingsraadinstemmingen", body, format="json").status_code in (403, 404)


# --- RG-04: convenants ----------------------------------------------------------------------------------


def test_rg_04_status_cannot_be_patched_and_incomplete_is_not_activated(regio, api):
    from zorgvuldig.convenanten import policies

    vol = {s: f"Afspraak over {s}." for s in policies.ONDERDEEL_SLEUTELS}
    leeg = dict(vol)
    leeg[policies.ONDERDEEL_SLEUTELS[-1]] = "   "
    fg = api(regio.fg)
    r = fg.post("/api/v1/convenanten", {"naam": "Convenant Test", "inhoud": leeg}, format="json")
    assert r.status_code == 201, r.content
    u = f"/api/v1/convenanten/{r.json()['uuid']}"
    assert fg.patch(u, {"status": "actief"}, format="json").status_code == 400
    r = fg.post(f"{u}/_activeren", {}, format="json")
    assert r.status_code in (400, 409) and r.json()["code"] == "E_RG_CONVENANT_INCOMPLETE"
    assert fg.get(u).json()["status"] == "concept"


def test_rg_04_medewerker_and_leidinggevende_cannot_write_convenants(regio, api):
    from zorgvuldig.convenanten import policies

    vol = {s: f"Afspraak over {s}." for s in policies.ONDERDEEL_SLEUTELS}
    r = api(regio.fg).post("/api/v1/convenanten", {"naam": "Convenant X", "inhoud": vol}, format="json")
    u = f"/api/v1/convenanten/{r.json()['uuid']}"
    for gebruiker in (regio.medewerker, regio.leidinggevende):
        c = api(gebruiker)
        assert c.post("/api/v1/convenanten", {"naam": "Y", "inhoud": vol}, format="json").status_code in (
            403,
            404,
        )
        assert c.post(f"{u}/_activeren", {}, format="json").status_code in (403, 404)
    assert api(regio.fg).get(u).json()["status"] == "concept"


def test_rg_04_oversized_convenant_item_is_400(regio, api):
    from zorgvuldig.convenanten import policies

    vol = {s: f"Afspraak over {s}." for s in policies.ONDERDEEL_SLEUTELS}
    vol[policies.ONDERDEEL_SLEUTELS[0]] = MB
    r = api(regio.fg).post("/api/v1/convenanten", {"naam": "Groot", "inhoud": vol}, format="json")
    assert r.status_code == 400
    vol[policies.ONDERDEEL_SLEUTELS[0]] = "ok"
    vol["onbekend"] = "x"
    r = api(regio.fg).post("/api/v1/convenanten", {"naam": "Onbekend", "inhoud": vol}, format="json")
    assert r.status_code == 400


# --- added: deeper attacks --------------------------------------------------------------------------------


def test_rg_03_analysis_never_names_another_controllers_person(regio, api):
    """RG-03 / AC-15: the affected-persons query resolves only persons of the breach's controller; a
    pseudonym that leads to another controller's person is counted as `nietHerleidbaar` (module text of
    datalekken/selectors.py), on every database — not only where PostgreSQL row security hides it."""
    from django.db import transaction

    from zorgvuldig.audit import services as audit
    from zorgvuldig.dossiers.tests import hulp as dhulp

    leerling = dhulp.client(regio, regio.leraar, voornamen="Noor", geslachtsnaam="Leerlingsma")
    # an entry of the gemeente's medewerker naming the school's pupil (e.g. a VI contact, a refused
    # lookup later allowed, or a mistake in another module): the log is the source, not a filter
    with transaction.atomic():
        audit.record(
            actor=regio.actor(regio.medewerker),
            actie="persoon.ingezien",
            activiteit="sociaal-domein-ondersteuning",
            object=leerling,
            betrokkenen=[leerling],
        )
    fg = api(regio.fg)
    lek = datalek(regio)
    afb = {
        "account": f"{T}/gebruikers/{regio.medewerker.uuid}",
        "vanaf": (now() - dt.timedelta(hours=3)).isoformat(),
        "tot": (now() + dt.timedelta(hours=1)).isoformat(),
    }
    assert fg.patch(f"{D}/{lek.uuid}", {"afbakening": afb}, format="json").status_code == 200
    r = fg.post(f"{D}/{lek.uuid}/_analyseren", {}, format="json")
    assert r.status_code == 200, r.content
    assert "Leerlingsma" not in r.content.decode()
    assert str(leerling.uuid) not in r.content.decode()
    assert r.json()["analyse"]["nietHerleidbaarWaarom"] == {"andere_verwerkingsverantwoordelijke": 1}


def test_rp_04_two_exports_cannot_be_linked_by_row_order(regio, api, ontvanger):
    """RP-04: pseudonyms keyed per export are worthless when both exports list the same persons in the same
    (creation) order: row i of one export is row i of the next. The order must carry no identity, e.g.
    rows sorted by the export's own pseudonym."""
    import csv
    import io

    from zorgvuldig.dossiers.tests import hulp as dhulp
    from zorgvuldig.monitoring.tests import hulp

    hulp.clienten(regio)
    for i, jaar in enumerate((2009, 1990, 2013, 2001)):
        p = dhulp.client(regio, voornamen=f"Kind{i}", geboortedatum=dt.date(jaar, 1, 1 + i))
        dhulp.dossier(regio, persoon=p)
    d = hulp.goedgekeurd(regio, ontvanger.org)

    def export():
        r = api(regio.leidinggevende).post(f"/api/v1/exportdefinities/{d.uuid}/exporten", {}, format="json")
        assert r.status_code == 201
        pad = r.json()["url"].replace("http://testserver", "")
        inhoud = api(ontvanger.lg).get(pad, HTTP_ACCEPT="text/csv").content.decode()
        return list(csv.DictReader(io.StringIO(inhoud)))

    a, b = export(), export()
    assert len(a) == len(b) == 6
    zonder = [[{k: v for k, v in r.items() if k != "pseudoniem"} for r in x] for x in (a, b)]
    op_volgorde = all(x == sorted(x, key=lambda r: r["pseudoniem"]) for x in (a, b))
    assert op_volgorde or zonder[0] != zonder[1]


def test_gp_02_a_taken_purpose_code_answers_alike_whoever_took_it(regio, api):
    """AC-15: purpose codes are unique in the installation (audit entries name a purpose by its code), so
    a code another controller uses is refused — with exactly the answer a shipped code gets, which says
    nothing about that controller or its purpose, and nothing is created."""
    from zorgvuldig.registers import services
    from zorgvuldig.registers.models import Doel
    from zorgvuldig.registers.tests.voorbeelden import fg_school

    services.voeg_doel_toe(
        actor=regio.actor(fg_school(regio)),
        code="leerlingveiligheid-baken",
        omschrijving="Veilig schoolklimaat",
        grondslagen=["e"],
    )
    voor = Doel.objects.count()

    def poging(code):
        r = api(regio.fg).post(
            "/api/v1/doelen", {"code": code, "omschrijving": "Iets", "grondslagen": ["e"]}, format="json"
        )
        assert r.status_code == 400
        body = r.json()
        return body["detail"], body["invalidParams"]

    assert poging("leerlingveiligheid-baken") == poging("ondersteuning")
    assert "Veilig schoolklimaat" not in str(poging("leerlingveiligheid-baken"))
    assert Doel.objects.count() == voor


def test_rg_03_ui_breach_pages_of_another_controller_are_not_found(regio, ui):
    vreemd = vreemd_datalek(regio)
    eigen = datalek(regio)
    fg = ui(regio.fg)
    assert fg.get(f"/datalekken/{vreemd.uuid}").status_code == 404
    assert fg.post(f"/datalekken/{vreemd.uuid}/zoeken").status_code == 404
    assert fg.post(f"/datalekken/{vreemd.uuid}/afsluiten").status_code == 404
    r = ui(regio.medewerker).get(f"/datalekken/{eigen.uuid}")
    assert r.status_code in (403, 404)
    assert "Laptop" not in r.content.decode()
    assert ui(regio.school_lg).get(f"/datalekken/{eigen.uuid}").status_code == 404
    als_systeem()
    vreemd.refresh_from_db()
    assert vreemd.status == "ontdekt"


def test_rg_02_controller_decision_cannot_predate_the_fg_advice(regio, api):
    """RG-02 (GDPR art 35(2)): the controller decides after the FG's advice. A decision dated before the
    advice is an approval without advice; its default review date then lies in the past at once."""
    d = _dpia(regio)
    fg = api(regio.fg)
    assert (
        fg.post(f"/api/v1/dpias/{d.uuid}/_adviseren", {"advies": "Positief."}, format="json").status_code
        == 200
    )
    r = fg.post(
        f"/api/v1/dpias/{d.uuid}/_goedkeuren",
        {"besluitDoor": "College van B en W", "besluitdatum": "2001-01-01"},
        format="json",
    )
    assert r.status_code == 400, r.content
    als_systeem()
    d.refresh_from_db()
    assert d.status == "geadviseerd"


def test_rg_02_state_machine_refuses_skips_and_repeats(regio, api):
    d = _dpia(regio)
    fg = api(regio.fg)
    u = f"/api/v1/dpias/{d.uuid}"
    assert fg.post(f"{u}/_herzien", {}, format="json").status_code == 409  # concept: nothing to review
    assert fg.post(f"{u}/_adviseren", {"advies": "Positief."}, format="json").status_code == 200
    assert fg.post(f"{u}/_adviseren", {"advies": "Nogmaals."}, format="json").status_code == 409
    assert fg.patch(u, {"proces": "Na het advies."}, format="json").status_code == 409
    assert fg.post(f"{u}/_goedkeuren", {"besluitDoor": "College"}, format="json").status_code == 200
    assert fg.post(f"{u}/_goedkeuren", {"besluitDoor": "College"}, format="json").status_code == 409
    assert fg.post(f"{u}/_herzien", {}, format="json").status_code == 200
    # under review: a new advice first, never straight back to approved
    assert fg.post(f"{u}/_goedkeuren", {"besluitDoor": "College"}, format="json").status_code == 409
    als_systeem()
    d.refresh_from_db()
    assert d.status == "in_herziening" and d.fg_advies == "Positief."


def test_rg_03_assessing_twice_is_409(regio, api):
    fg = api(regio.fg)
    lek = datalek(regio, risico="geen")
    assert fg.post(f"{D}/{lek.uuid}/_beoordelen", {}, format="json").status_code == 200
    r = fg.post(f"{D}/{lek.uuid}/_beoordelen", {"risico": "hoog_risico"}, format="json")
    assert r.status_code == 409
    als_systeem()
    lek.refresh_from_db()
    assert lek.risico == "geen"


def test_rg_03_analysis_without_scope_is_refused_audited_and_stores_nothing(regio, api):
    fg = api(regio.fg)
    lek = datalek(regio)
    r = fg.post(f"{D}/{lek.uuid}/_analyseren", {}, format="json")
    assert r.status_code == 400
    assert len(_acties("datalek.geanalyseerd", "geweigerd")) == 1
    als_systeem()
    lek.refresh_from_db()
    assert not lek.analyse


def test_rp_05_approval_needs_the_concept_state_and_refusals_change_nothing(regio, api, ontvanger):
    from zorgvuldig.monitoring.tests import hulp

    d = hulp.goedgekeurd(regio, ontvanger.org)
    fg = api(regio.fg)
    r = fg.post(f"/api/v1/exportdefinities/{d.uuid}/_goedkeuren", {"oordeel": hulp.OORDEEL}, format="json")
    assert r.status_code == 409
    assert fg.post(f"/api/v1/exportdefinities/{d.uuid}/_intrekken", {}, format="json").status_code == 200
    r = fg.post(f"/api/v1/exportdefinities/{d.uuid}/_goedkeuren", {"oordeel": hulp.OORDEEL}, format="json")
    assert r.status_code == 409
    als_systeem()
    d.refresh_from_db()
    assert d.status == "ingetrokken"
