"""RG-03: the data-breach register — services, the affected-persons query against real audit entries and
disclosures, the clock's alerts, and the API (/api/v1/datalekken)."""

from __future__ import annotations

import datetime as dt

import pytest

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.berichten.models import Bericht
from zorgvuldig.conftest import als_systeem
from zorgvuldig.core import crypto
from zorgvuldig.core.clock import AMSTERDAM, now, today
from zorgvuldig.core.errors import DomainError, NotFound
from zorgvuldig.datalekken import selectors, services
from zorgvuldig.datalekken.models import Datalek
from zorgvuldig.datalekken.tests.hulp import D, Geschiedenis, datalek, vreemd_datalek

pytestmark = pytest.mark.django_db


def _afbakening(regio, account=None, ontvanger=None, uren=1):
    return {
        "afbakening": {
            "account": account,
            "vanaf": now() - dt.timedelta(hours=uren),
            "tot": now() + dt.timedelta(hours=uren),
            "ontvanger": ontvanger,
        }
    }


def _acties(actie: str) -> list[AuditRegel]:
    als_systeem()
    return list(AuditRegel.objects.filter(actie=actie).order_by("id"))


# --- services -----------------------------------------------------------------------------------------


def test_rg_03_fg_records_a_breach_with_encrypted_free_text(regio):
    rij = datalek(regio, aantal_betrokkenen=12)
    als_systeem()
    rij = Datalek.objects.get(pk=rij.pk)
    assert rij.status == "ontdekt"
    assert rij.verwerkingsverantwoordelijke_id == regio.gemeente.pk
    assert rij.organisatie_id == regio.wijkteam.pk
    assert rij.melder_id == regio.gemeente.pk  # RG-05 default: the own controller notifies
    assert rij.aantal_betrokkenen == 12
    assert "Laptop" not in rij.inhoud_versleuteld  # encrypted at rest
    assert crypto.ontsleutel(rij, "inhoud")["omschrijving"].startswith("Laptop")
    [entry] = _acties("datalek.geregistreerd")
    assert entry.object_uuid == str(rij.uuid) and entry.betrokkene == ""


def test_rg_03_discovery_time_required_and_not_in_the_future(regio):
    with pytest.raises(DomainError) as fout:
        datalek(regio, ontdekt_op=now() + dt.timedelta(minutes=5))
    assert fout.value.code == "E_INVALID_INPUT"
    with pytest.raises(DomainError):
        datalek(regio, ontdekt_op=None)
    als_systeem()
    assert not Datalek.objects.exists()
    assert [e.status for e in _acties("datalek.geregistreerd")] == ["geweigerd", "geweigerd"]  # AU-04


@pytest.mark.parametrize("rol", ["medewerker", "leidinggevende", "beheerder", "auditor", "leraar"])
def test_rg_03_only_the_fg_records_breaches(regio, rol):
    with pytest.raises(DomainError) as fout:
        services.registreer(actor=regio.actor(getattr(regio, rol)), data={"ontdekt_op": now()})
    assert fout.value.code == "E_AC_NOT_AUTHORISED"


def test_rg_03_transitions_and_duplicate_decision_is_a_state_conflict(regio):
    fg = regio.actor(regio.fg)
    rij = datalek(regio)
    with pytest.raises(DomainError) as fout:
        services.besluit(actor=fg, uuid=rij.uuid, melden=True, betrokkenen_informeren=True)
    assert fout.value.code == "E_STATE_CONFLICT"  # not yet assessed
    with pytest.raises(DomainError) as fout:
        services.beoordeel(actor=fg, uuid=rij.uuid)
    assert fout.value.code == "E_INVALID_INPUT"  # no risk yet
    services.beoordeel(actor=fg, uuid=rij.uuid, risico="hoog_risico", maatregelen="Laptop op afstand gewist.")
    services.besluit(
        actor=fg, uuid=rij.uuid, melden=True, betrokkenen_informeren=True, ap_kenmerk="AP-2026-1"
    )
    with pytest.raises(DomainError) as fout:
        services.besluit(actor=fg, uuid=rij.uuid, melden=False, betrokkenen_informeren=False, reden="x")
    assert fout.value.code == "E_STATE_CONFLICT"
    with pytest.raises(DomainError) as fout:
        services.wijzig(actor=fg, uuid=rij.uuid, data={"omschrijving": "anders"})
    assert fout.value.code == "E_STATE_CONFLICT"  # facts are fixed after the decision
    services.informeer(actor=fg, uuid=rij.uuid, datum=today(), wijze="brief", aantal=12)
    services.sluit(actor=fg, uuid=rij.uuid)
    with pytest.raises(DomainError):
        services.sluit(actor=fg, uuid=rij.uuid)
    als_systeem()
    rij = Datalek.objects.get(pk=rij.pk)
    assert (rij.status, rij.melden, rij.ap_kenmerk) == ("gesloten", True, "AP-2026-1")
    assert rij.gemeld_op is not None and rij.besloten_op is not None
    assert crypto.ontsleutel(rij, "inhoud")["maatregelen"] == "Laptop op afstand gewist."


def test_rg_03_reason_required_when_not_notifying_and_for_high_risk_without_informing(regio):
    fg = regio.actor(regio.fg)
    rij = datalek(regio, risico="hoog_risico")
    services.beoordeel(actor=fg, uuid=rij.uuid)
    for melden in (False, True):
        with pytest.raises(DomainError) as fout:
            services.besluit(actor=fg, uuid=rij.uuid, melden=melden, betrokkenen_informeren=False)
        assert fout.value.invalid_params[0].name == "reden"
    als_systeem()
    assert Datalek.objects.get(pk=rij.pk).status == "beoordeeld"  # a refusal changes nothing
    services.besluit(
        actor=fg,
        uuid=rij.uuid,
        melden=False,
        betrokkenen_informeren=False,
        reden="Gegevens waren versleuteld.",
    )
    assert Datalek.objects.get(pk=rij.pk).status == "niet_gemeld"


def _besloten(regio, informeren: bool = True, **data) -> Datalek:
    fg = regio.actor(regio.fg)
    rij = datalek(regio, risico="hoog_risico", **data)
    services.beoordeel(actor=fg, uuid=rij.uuid)
    return services.besluit(
        actor=fg,
        uuid=rij.uuid,
        melden=True,
        betrokkenen_informeren=informeren,
        reden="" if informeren else "Gegevens waren versleuteld.",
    )


def test_rg_03_informing_the_data_subjects_is_recorded_and_required_before_closing(regio):
    """GDPR art 34: "Betrokkenen informeren: ja" is an intention; closing waits until the informing is
    recorded — day, means, number, note (encrypted) — and audited like the other steps."""
    fg = regio.actor(regio.fg)
    rij = _besloten(regio)
    with pytest.raises(DomainError) as fout:
        services.sluit(actor=fg, uuid=rij.uuid)
    assert fout.value.code == "E_STATE_CONFLICT" and "geïnformeerd" in fout.value.detail
    als_systeem()
    assert Datalek.objects.get(pk=rij.pk).status == "gemeld"  # a refusal changes nothing
    assert [e.status for e in _acties("datalek.gesloten")] == ["geweigerd"]  # AU-04
    services.informeer(
        actor=fg,
        uuid=rij.uuid,
        datum=today(),
        wijze="brief",
        aantal=40,
        toelichting="  Standaardbrief datalek, versie 2.  ",
    )
    als_systeem()
    rij = Datalek.objects.get(pk=rij.pk)
    assert (rij.geinformeerd_op, rij.informeren_wijze, rij.aantal_geinformeerd) == (today(), "brief", 40)
    assert rij.status == "gemeld"  # informing is a fact, not a state
    assert "Standaardbrief" not in rij.inhoud_versleuteld  # the note is encrypted with the other text
    assert selectors.inhoud(rij)["informeren_toelichting"] == "Standaardbrief datalek, versie 2."
    [entry] = _acties("datalek.betrokkenen_geinformeerd")
    assert entry.status == "uitgevoerd" and entry.object_uuid == str(rij.uuid) and entry.betrokkene == ""
    assert set(entry.velden) >= {"geinformeerd_op", "informeren_wijze", "aantal_geinformeerd"}
    with pytest.raises(DomainError) as fout:  # once
        services.informeer(actor=fg, uuid=rij.uuid, datum=today(), wijze="email", aantal=1)
    assert fout.value.code == "E_STATE_CONFLICT"
    services.sluit(actor=fg, uuid=rij.uuid)
    with pytest.raises(DomainError) as fout:  # closed: nothing to add
        services.informeer(actor=fg, uuid=rij.uuid, datum=today(), wijze="email", aantal=1)
    assert fout.value.code == "E_STATE_CONFLICT"
    als_systeem()
    assert Datalek.objects.get(pk=rij.pk).informeren_wijze == "brief"


def test_rg_03_informing_date_means_and_number_are_checked_and_a_refusal_changes_nothing(regio):
    fg = regio.actor(regio.fg)
    rij = _besloten(regio, ontdekt_op=now() - dt.timedelta(hours=50))
    ontdekt = rij.ontdekt_op.astimezone(AMSTERDAM).date()
    for datum, wijze, aantal, veld in (
        (today() + dt.timedelta(days=1), "brief", 3, "datum"),  # in the future
        (ontdekt - dt.timedelta(days=1), "brief", 3, "datum"),  # before the discovery
        (None, "brief", 3, "datum"),
        (today(), "postduif", 3, "wijze"),  # not in the closed list
        (today(), "", 3, "wijze"),
        (today(), "brief", 0, "aantal"),
        (today(), "brief", None, "aantal"),
    ):
        with pytest.raises(DomainError) as fout:
            services.informeer(actor=fg, uuid=rij.uuid, datum=datum, wijze=wijze, aantal=aantal)
        assert fout.value.code == "E_INVALID_INPUT"
        assert [p.name for p in fout.value.invalid_params] == [veld], (datum, wijze, aantal)
    with pytest.raises(DomainError) as fout:
        services.informeer(
            actor=fg, uuid=rij.uuid, datum=today(), wijze="brief", aantal=3, toelichting="x" * 501
        )
    assert fout.value.invalid_params[0].name == "toelichting"
    als_systeem()
    assert Datalek.objects.get(pk=rij.pk).geinformeerd_op is None
    assert {e.status for e in _acties("datalek.betrokkenen_geinformeerd")} == {"geweigerd"}
    # the discovery day itself is allowed (Europe/Amsterdam)
    services.informeer(actor=fg, uuid=rij.uuid, datum=ontdekt, wijze="openbare_mededeling", aantal=250)


def test_rg_03_informing_only_after_the_decision_and_by_the_fg(regio):
    fg = regio.actor(regio.fg)
    open_ = datalek(regio, risico="hoog_risico")
    with pytest.raises(DomainError) as fout:
        services.informeer(actor=fg, uuid=open_.uuid, datum=today(), wijze="brief", aantal=1)
    assert fout.value.code == "E_STATE_CONFLICT"
    rij = _besloten(regio)
    with pytest.raises(DomainError) as fout:
        services.informeer(
            actor=regio.actor(regio.leidinggevende), uuid=rij.uuid, datum=today(), wijze="brief", aantal=1
        )
    assert fout.value.code == "E_AC_NOT_AUTHORISED"
    with pytest.raises(NotFound):
        services.informeer(actor=fg, uuid=vreemd_datalek(regio).uuid, datum=today(), wijze="brief", aantal=1)


def test_rg_03_decided_not_to_inform_closes_without_and_may_still_record_informing(regio):
    """No informing promised: closing needs none. Informed after all (the AP may require it, GDPR
    art 34(4)): it can still be recorded before closing."""
    fg = regio.actor(regio.fg)
    zonder = _besloten(regio, informeren=False)
    services.sluit(actor=fg, uuid=zonder.uuid)
    toch = _besloten(regio, informeren=False)
    services.informeer(actor=fg, uuid=toch.uuid, datum=today(), wijze="telefoon", aantal=2)
    services.sluit(actor=fg, uuid=toch.uuid)
    als_systeem()
    assert Datalek.objects.get(pk=toch.pk).informeren_wijze == "telefoon"


def test_rg_03_another_controllers_breach_is_not_found(regio):
    vreemd = vreemd_datalek(regio)
    fg = regio.actor(regio.fg)
    for poging in (
        lambda: selectors.lees_of_404(fg, vreemd.uuid),
        lambda: services.beoordeel(actor=fg, uuid=vreemd.uuid, risico="geen"),
        lambda: services.analyseer(actor=fg, uuid=vreemd.uuid),
    ):
        with pytest.raises(NotFound):
            poging()
    assert not selectors.zichtbaar(regio.actor(regio.school_lg)).filter(pk=datalek(regio).pk).exists()


def test_rg_03_leidinggevende_reads_but_does_not_write(regio):
    rij = datalek(regio)
    lg = regio.actor(regio.leidinggevende)
    assert selectors.lees_of_404(lg, rij.uuid).pk == rij.pk
    with pytest.raises(DomainError) as fout:
        services.beoordeel(actor=lg, uuid=rij.uuid, risico="geen")
    assert fout.value.code == "E_AC_NOT_AUTHORISED"
    with pytest.raises(NotFound):
        selectors.lees_of_404(regio.actor(regio.medewerker), rij.uuid)


# --- the affected-persons query (fed by the system) ------------------------------------------------------


def test_rg_03_affected_persons_of_an_account_from_the_audit_log_and_disclosures(regio):
    g = Geschiedenis(regio)
    rij = datalek(regio, **_afbakening(regio, account=regio.medewerker))
    uitkomst = services.analyseer(actor=regio.actor(regio.fg), uuid=rij.uuid)
    assert {p["uuid"] for p in uitkomst.personen} == {str(g.lisa.uuid), str(g.daan.uuid)}
    assert {p["naam"] for p in uitkomst.personen} == {"Lisa Visser", "Daan Visser"}
    records = {(r["type"], r["uuid"]) for r in uitkomst.records}
    assert ("personen.persoon", str(g.lisa.uuid)) in records
    assert ("personen.persoon", str(g.daan.uuid)) in records
    assert ("verstrekkingen.verstrekking", str(g.verstrekking.uuid)) in records
    assert ("personen.persoon", str(g.sem.uuid)) not in records  # Pieter's work
    assert [(o["naam"], o["aantal"]) for o in uitkomst.ontvangers] == [("OSG Het Baken", 1)]
    assert uitkomst.verstrekkingen == 1
    assert uitkomst.niet_herleidbaar == 0
    als_systeem()
    rij = Datalek.objects.get(pk=rij.pk)
    assert {k: rij.analyse[k] for k in ("personen", "verstrekkingen", "ontvangers")} == {
        "personen": 2,
        "verstrekkingen": 1,
        "ontvangers": 1,
    }
    assert "Lisa" not in str(rij.analyse)  # counts only
    # the read of personal data is audited, one entry per person found (AU-01)
    entries = _acties("datalek.geanalyseerd")
    assert len(entries) == 2 and all(e.betrokkene for e in entries)


def test_rg_03_affected_subjects_without_a_person_record_are_counted_not_resolved(regio):
    """AU-07: once a subject's mapping row is gone (destroyed), the log's entries are anonymous: the
    search counts them but cannot name the person."""
    from zorgvuldig.audit import services as audit

    g = Geschiedenis(regio)
    als_systeem()
    assert audit.vergeet(f"persoon:{g.daan.uuid}") == 1
    rij = datalek(regio, **_afbakening(regio, account=regio.medewerker))
    uitkomst = services.analyseer(actor=regio.actor(regio.fg), uuid=rij.uuid)
    assert [p["naam"] for p in uitkomst.personen] == ["Lisa Visser"]
    assert uitkomst.niet_herleidbaar == 1 and uitkomst.waarom == {"vernietigd": 1}


def test_rg_03_the_fg_is_told_why_subjects_cannot_be_named_and_how_to_reach_them(regio, ui):
    """RG-03, GDPR art 34 (FG review): the FG must inform the affected persons. A subject the search cannot
    name is counted per reason with what the FG can do: destroyed (nothing left to inform through
    zorgvuldig), known to the verwijsindex by BSN only (the VI-beheerder can), another kind of subject."""
    from django.db import transaction

    from zorgvuldig.audit import services as audit

    g = Geschiedenis(regio)
    with transaction.atomic():
        for betrokkene in ("vi:1:" + "ab" * 32, f"verzoektermijn:{g.lisa.uuid}:inzage:besluit"):
            audit.record(
                actor=regio.actor(regio.medewerker),
                actie="persoon.ingezien",
                activiteit="sociaal-domein-ondersteuning",
                betrokkenen=[betrokkene],
            )
    als_systeem()
    assert audit.vergeet(f"persoon:{g.daan.uuid}") == 1
    rij = datalek(regio, **_afbakening(regio, account=regio.medewerker))
    uitkomst = services.analyseer(actor=regio.actor(regio.fg), uuid=rij.uuid)
    assert uitkomst.waarom == {"overig": 1, "vernietigd": 1, "verwijsindex": 1}
    als_systeem()
    bewaard = Datalek.objects.get(pk=rij.pk).analyse
    assert bewaard["nietHerleidbaar"] == 3
    assert bewaard["nietHerleidbaarWaarom"] == {"overig": 1, "verwijsindex": 1, "vernietigd": 1}
    pagina = ui(regio.fg).post(f"/datalekken/{rij.uuid}/zoeken", follow=True).content.decode()
    assert "3 betrokkenen kan zorgvuldig niet bij naam noemen" in pagina
    assert "De VI-beheerder kan nagaan wie het zijn en hen informeren" in pagina
    assert "hun gegevens zijn vernietigd" in pagina


def test_rg_03_affected_persons_of_a_recipient_and_outside_the_period(regio):
    g = Geschiedenis(regio)
    rij = datalek(regio, **_afbakening(regio, ontvanger=regio.school))
    uitkomst = services.analyseer(actor=regio.actor(regio.fg), uuid=rij.uuid)
    assert {p["naam"] for p in uitkomst.personen} == {"Lisa Visser", "Sem Bakker"}
    assert {r["uuid"] for r in uitkomst.records} == {str(g.verstrekking.uuid), str(g.verstrekking_sem.uuid)}
    assert uitkomst.ontvangers[0]["aantal"] == 2
    # a period before all of it finds nothing
    vroeger = {
        "account": regio.medewerker,
        "vanaf": now() - dt.timedelta(days=10),
        "tot": now() - dt.timedelta(days=9),
        "ontvanger": regio.school,
    }
    services.wijzig(actor=regio.actor(regio.fg), uuid=rij.uuid, data={"afbakening": vroeger})
    leeg = services.analyseer(actor=regio.actor(regio.fg), uuid=rij.uuid)
    assert (leeg.personen, leeg.records, leeg.ontvangers) == ([], [], [])


def test_rg_03_affected_persons_only_by_the_fg_and_only_with_a_scope(regio):
    rij = datalek(regio)
    with pytest.raises(DomainError) as fout:
        services.analyseer(actor=regio.actor(regio.fg), uuid=rij.uuid)
    assert fout.value.code == "E_INVALID_INPUT"
    services.wijzig(
        actor=regio.actor(regio.fg), uuid=rij.uuid, data=_afbakening(regio, account=regio.medewerker)
    )
    with pytest.raises(DomainError) as fout:
        services.analyseer(actor=regio.actor(regio.leidinggevende), uuid=rij.uuid)
    assert fout.value.code == "E_AC_NOT_AUTHORISED"
    assert [e.status for e in _acties("datalek.geanalyseerd")] == ["geweigerd", "geweigerd"]


def test_rg_03_scope_account_must_be_of_the_own_controller(regio):
    with pytest.raises(DomainError) as fout:
        datalek(regio, **_afbakening(regio, account=regio.leraar))
    assert fout.value.invalid_params[0].name == "afbakening.account"


# --- alerts (RG-03: 24 h, 48 h, 72 h) ----------------------------------------------------------------------


def test_rg_03_alerts_are_sent_once_per_mark_without_personal_data(regio):
    rij = datalek(regio, ontdekt_op=now() - dt.timedelta(hours=1))
    ontdekt = rij.ontdekt_op
    assert services.waarschuw(ontdekt + dt.timedelta(hours=23)) == 0
    assert services.waarschuw(ontdekt + dt.timedelta(hours=24, minutes=5)) == 1
    assert services.waarschuw(ontdekt + dt.timedelta(hours=25)) == 0  # idempotent
    assert services.waarschuw(ontdekt + dt.timedelta(hours=49)) == 1
    assert services.waarschuw(ontdekt + dt.timedelta(hours=49)) == 0
    als_systeem()
    berichten = list(Bericht.objects.filter(sleutel__startswith=f"datalek:{rij.uuid}").order_by("id"))
    assert [b.aan for b in berichten] == ["fg@krimpen.example.org"] * 2
    for b in berichten:
        assert f"/datalekken/{rij.uuid}" in b.tekst
        assert "Uiterste meldmoment" in b.tekst
        assert "Laptop" not in b.tekst and "Laptop" not in b.onderwerp  # no breach content
    assert Datalek.objects.get(pk=rij.pk).waarschuwingen == [24, 48]
    gewaarschuwd = _acties("datalek.gewaarschuwd")
    assert len(gewaarschuwd) == 2
    assert gewaarschuwd[0].verwerkingsverantwoordelijke == str(regio.gemeente.uuid)


def test_rg_03_late_job_sends_every_passed_mark_once_and_none_after_the_decision(regio):
    fg = regio.actor(regio.fg)
    rij = datalek(regio, ontdekt_op=now() - dt.timedelta(hours=1))
    besloten = datalek(regio, ontdekt_op=now() - dt.timedelta(hours=1), risico="geen")
    services.beoordeel(actor=fg, uuid=besloten.uuid)
    services.besluit(
        actor=fg, uuid=besloten.uuid, melden=False, betrokkenen_informeren=False, reden="Geen risico."
    )
    assert services.waarschuw(rij.ontdekt_op + dt.timedelta(hours=80)) == 3
    assert services.waarschuw(rij.ontdekt_op + dt.timedelta(hours=90)) == 0
    als_systeem()
    assert Bericht.objects.filter(sleutel__startswith=f"datalek:{rij.uuid}").count() == 3
    assert not Bericht.objects.filter(sleutel__startswith=f"datalek:{besloten.uuid}").exists()


# --- API ------------------------------------------------------------------------------------------------


def _nieuw(client, **over):
    body = {
        "ontdektOp": (now() - dt.timedelta(hours=2)).isoformat(),
        "omschrijving": "E-mail met cliëntgegevens naar een verkeerd adres gestuurd.",
        "gegevens": "Naam en adres",
        "betrokkenen": "Eén gezin",
        "aantalBetrokkenen": 3,
    }
    body.update(over)
    return client.post(D, body, format="json")


def test_rg_03_api_create_read_and_clock(regio, api):
    fg = api(regio.fg)
    r = _nieuw(fg)
    assert r.status_code == 201, r.content
    item = r.json()
    assert item["status"] == "ontdekt"
    assert item["melder"].endswith(f"/verwerkingsverantwoordelijken/{regio.gemeente.uuid}")
    ontdekt = dt.datetime.fromisoformat(item["ontdektOp"])
    assert dt.datetime.fromisoformat(item["deadline"]) == ontdekt + dt.timedelta(hours=72)
    assert item["klok"]["stand"] == "loopt"
    assert item["klok"]["resterendeUren"] in (69, 70)
    assert item["besluit"] is None
    lijst = api(regio.leidinggevende).get(D)
    assert lijst.status_code == 200 and lijst.json()["count"] == 1
    assert api(regio.leidinggevende).get(f"{D}/{item['uuid']}").json()["omschrijving"].startswith("E-mail")


def test_rg_03_api_full_flow_with_analysis(regio, api):
    g = Geschiedenis(regio)
    fg = api(regio.fg)
    item = _nieuw(fg).json()
    u = f"{D}/{item['uuid']}"
    afb = {
        "account": f"http://testserver/api/v1/gebruikers/{regio.medewerker.uuid}",
        "vanaf": (now() - dt.timedelta(hours=3)).isoformat(),
        "tot": (now() + dt.timedelta(hours=1)).isoformat(),
        "ontvanger": None,
    }
    r = fg.patch(u, {"afbakening": afb, "risico": "risico"}, format="json")
    assert r.status_code == 200, r.content
    r = fg.post(f"{u}/_analyseren", {}, format="json")
    assert r.status_code == 200, r.content
    getroffen = r.json()["getroffen"]
    assert {p["naam"] for p in getroffen["personen"]} == {"Lisa Visser", "Daan Visser"}
    assert getroffen["aantallen"]["personen"] == 2
    assert r.json()["analyse"]["personen"] == 2
    assert any(x["uuid"] == str(g.verstrekking.uuid) for x in getroffen["records"])
    assert fg.post(f"{u}/_beoordelen", {}, format="json").status_code == 200
    besluit = {"melden": True, "betrokkenenInformeren": False, "apKenmerk": "AP-1"}
    r = fg.post(f"{u}/_besluiten", besluit, format="json")
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "gemeld" and r.json()["klok"]["stand"] == "gestopt"
    assert r.json()["klok"]["opTijd"] is True
    r = fg.post(f"{u}/_besluiten", besluit, format="json")
    assert r.status_code == 409 and r.json()["code"] == "E_STATE_CONFLICT"
    assert fg.patch(u, {"omschrijving": "x"}, format="json").status_code == 409
    r = fg.post(f"{u}/_afsluiten", {}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "gesloten"


def test_rg_03_api_informeren_is_required_before_afsluiten_when_the_decision_was_to_inform(regio, api):
    """GDPR art 34 (ADR 0006): `_informeren {datum, wijze, aantal, toelichting?}` after the decision; until
    then `_afsluiten` is a problem+json 409 and nothing changes."""
    fg = api(regio.fg)
    u = f"{D}/{_nieuw(fg, risico='hoog_risico').json()['uuid']}"
    vroeg = fg.post(
        f"{u}/_informeren", {"datum": today().isoformat(), "wijze": "brief", "aantal": 3}, format="json"
    )
    assert vroeg.status_code == 409 and vroeg.json()["code"] == "E_STATE_CONFLICT"  # before the decision
    fg.post(f"{u}/_beoordelen", {}, format="json")
    r = fg.post(f"{u}/_besluiten", {"melden": True, "betrokkenenInformeren": True}, format="json")
    assert r.status_code == 200 and r.json()["betrokkenenGeinformeerd"] is None
    r = fg.post(f"{u}/_afsluiten", {}, format="json")
    assert r.status_code == 409
    assert r["Content-Type"].startswith("application/problem+json")
    assert r.json()["code"] == "E_STATE_CONFLICT" and "geïnformeerd" in r.json()["detail"]
    assert fg.get(u).json()["status"] == "gemeld"
    for fout in (
        {"datum": (today() + dt.timedelta(days=1)).isoformat(), "wijze": "brief", "aantal": 3},
        {"datum": today().isoformat(), "wijze": "postduif", "aantal": 3},
        {"datum": today().isoformat(), "wijze": "brief", "aantal": 0},
        {"datum": today().isoformat(), "wijze": "brief", "aantal": "3"},
        {"datum": today().isoformat(), "wijze": "brief"},
        {"datum": today().isoformat(), "wijze": "brief", "aantal": 3, "toelichting": "x" * 501},
        {"datum": today().isoformat(), "wijze": "brief", "aantal": 3, "bsn": "x"},
    ):
        r = fg.post(f"{u}/_informeren", fout, format="json")
        assert r.status_code == 400 and r.json()["code"] == "E_INVALID_INPUT", (fout, r.content)
    assert fg.get(u).json()["betrokkenenGeinformeerd"] is None
    body = {"datum": today().isoformat(), "wijze": "email", "aantal": 3, "toelichting": "Mail met excuses."}
    r = fg.post(f"{u}/_informeren", body, format="json")
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "gemeld"
    assert r.json()["betrokkenenGeinformeerd"] == {
        "datum": today().isoformat(),
        "wijze": "email",
        "aantal": 3,
        "toelichting": "Mail met excuses.",
    }
    assert fg.post(f"{u}/_informeren", body, format="json").status_code == 409  # once
    lg = api(regio.leidinggevende)
    assert lg.get(u).json()["betrokkenenGeinformeerd"]["wijze"] == "email"  # read with the register
    assert lg.post(f"{u}/_informeren", body, format="json").status_code == 404  # no write scope
    r = fg.post(f"{u}/_afsluiten", {}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "gesloten"


def test_rg_03_api_reason_required_when_not_notifying(regio, api):
    fg = api(regio.fg)
    u = f"{D}/{_nieuw(fg, risico='hoog_risico').json()['uuid']}"
    fg.post(f"{u}/_beoordelen", {}, format="json")
    r = fg.post(f"{u}/_besluiten", {"melden": False, "betrokkenenInformeren": True}, format="json")
    assert r.status_code == 400
    assert r.json()["invalidParams"][0]["name"] == "reden"


def test_rg_03_api_malformed_input(regio, api):
    fg = api(regio.fg)
    assert _nieuw(fg, onbekend=1).status_code == 400
    assert _nieuw(fg, ontdektOp="gisteren").status_code == 400
    assert _nieuw(fg, ontdektOp=(now() + dt.timedelta(hours=1)).isoformat()).status_code == 400
    assert _nieuw(fg, risico="laag").status_code == 400
    assert _nieuw(fg, omschrijving="x" * 4001).status_code == 400
    assert _nieuw(fg, aantalBetrokkenen=-1).status_code == 400
    assert (
        _nieuw(fg, melder="http://elders.example.org/api/v1/verwerkingsverantwoordelijken/x").status_code
        == 400
    )
    assert fg.post(D, [1, 2], format="json").status_code == 400
    r = fg.post(D, {"omschrijving": "zonder moment"}, format="json")
    assert r.status_code == 400
    assert fg.get(D, {"status": "weg"}).status_code == 400
    assert fg.get(D, {"persoon": "x"}).status_code == 400
    u = f"{D}/{_nieuw(fg).json()['uuid']}"
    assert fg.post(f"{u}/_besluiten", {"melden": "misschien"}, format="json").status_code == 400
    assert fg.post(f"{u}/_afsluiten", {"x": 1}, format="json").status_code == 400
    assert fg.patch(u, {}, format="json").status_code == 400
    r = fg.patch(u, {"afbakening": {"vanaf": now().isoformat(), "tot": now().isoformat()}}, format="json")
    assert r.status_code == 400
    als_systeem()
    assert Datalek.objects.count() == 1


def test_rg_03_api_joint_controller_names_who_notifies(regio, api):
    fg = api(regio.fg)
    r = _nieuw(fg, melder=f"http://testserver/api/v1/verwerkingsverantwoordelijken/{regio.school_vv.uuid}")
    assert r.status_code == 201
    assert r.json()["melder"].endswith(str(regio.school_vv.uuid))


@pytest.mark.parametrize("rol", ["medewerker", "beheerder", "auditor", "leraar", "vi_beheerder"])
def test_rg_03_api_unauthorised_roles(regio, api, rol):
    uuid = datalek(regio).uuid
    client = api(getattr(regio, rol))
    assert client.get(D).status_code == 403
    assert _nieuw(client).status_code == 403
    assert client.get(f"{D}/{uuid}").status_code == 404
    assert client.post(f"{D}/{uuid}/_beoordelen", {"risico": "geen"}, format="json").status_code == 404


def test_rg_03_api_leidinggevende_reads_only(regio, api):
    uuid = datalek(regio).uuid
    lg = api(regio.leidinggevende)
    assert lg.get(f"{D}/{uuid}").status_code == 200
    assert _nieuw(lg).status_code == 403
    # without the scope an item path answers like a missing item (API §1.4, toegang.policies)
    assert lg.patch(f"{D}/{uuid}", {"omschrijving": "x"}, format="json").status_code == 404
    assert lg.post(f"{D}/{uuid}/_analyseren", {}, format="json").status_code == 404


def test_rg_03_api_other_controller_is_404(regio, api):
    vreemd = vreemd_datalek(regio)
    fg = api(regio.fg)
    for methode, pad, body in (
        ("get", "", None),
        ("patch", "", {"omschrijving": "x"}),
        ("post", "/_beoordelen", {"risico": "geen"}),
        ("post", "/_besluiten", {"melden": True, "betrokkenenInformeren": True}),
        ("post", "/_informeren", {"datum": "2026-01-02", "wijze": "brief", "aantal": 1}),
        ("post", "/_afsluiten", {}),
        ("post", "/_analyseren", {}),
    ):
        r = getattr(fg, methode)(f"{D}/{vreemd.uuid}{pad}", body, format="json")
        assert r.status_code == 404, (methode, pad)
        assert r.json()["code"] == "E_NOT_FOUND"
    assert fg.get(D).json()["count"] == 0
    assert api(regio.school_lg).get(D).json()["count"] == 1  # the school's own leidinggevende reads it
