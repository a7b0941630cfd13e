"""Boundary probes of the retention engine (SPEC §10 RT-01…RT-13, RI-10, AU-01/AU-04/AU-06/AU-07).

What must stay stays (shared persons, held items, what a decision keeps), what must go goes (and into the
archive package whole), a granted destruction stops the record acting before the sweep (RT-12), bad input
and refusals change nothing and are audited, a dry run changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command
from django.db import transaction

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.audit.services import verifieer, verzegel_alles
from zorgvuldig.bewaren import services
from zorgvuldig.bewaren.models import Bewaartermijn, Opschoonronde, Vernietigingslijst
from zorgvuldig.bewaren.tests.hulp import gesloten_dossier, goedgekeurde_lijst, op, toegewezen_verzoek
from zorgvuldig.conftest import als_systeem
from zorgvuldig.core import crypto
from zorgvuldig.core.errors import DomainError
from zorgvuldig.dossiers.models import Dossier, Notitie
from zorgvuldig.dossiers.tests import hulp
from zorgvuldig.personen.models import Persoon, Relatie
from zorgvuldig.personen.services import registreer_relatie
from zorgvuldig.rechten.tests.hulp import verstrekking

pytestmark = pytest.mark.django_db

B = "/api/v1"
PEIL = dt.date(2041, 1, 1)
REDEN = "Lopende procedure bij de rechter over de geboden hulp."


def termijn(obj) -> Bewaartermijn:
    als_systeem()
    return Bewaartermijn.objects.get(
        objecttype=f"{obj._meta.app_label}.{obj._meta.model_name}", object_id=obj.pk
    )


def client_van(dossier) -> Persoon:
    als_systeem()
    return Dossier.objects.get(pk=dossier.pk).leden.get().persoon


def op_verzoek(regio, verzoek, behouden=()) -> dict:
    with transaction.atomic():
        return services.vernietig_op_verzoek(
            actor=regio.actor(regio.leidinggevende), verzoek=verzoek, behouden={str(u) for u in behouden}
        )


def deelbesluit_met_verstrekking(regio, dossier, persoon):
    """An executed sharing decision of the dossier and its disclosure entry (SH-16)."""
    from zorgvuldig.verstrekkingen.models import Deelbesluit

    als_systeem()
    besluit = Deelbesluit(
        verwerkingsverantwoordelijke=regio.gemeente,
        organisatie=regio.wijkteam,
        dossier=dossier,
        richting="verstrekken",
        status="uitgevoerd",
        ontvanger_type="organisatie",
        ontvanger_organisatie=regio.school,
        grond="g1_toestemming",
        aangemaakt_door=regio.medewerker,
    )
    besluit.antwoorden_versleuteld = crypto.versleutel(besluit, "antwoorden", {"doel": "afstemming"})
    besluit.save()
    return besluit, verstrekking(regio, persoon, herkomst=f"deelbesluit:{besluit.uuid}")


def geweigerd(actie: str) -> int:
    als_systeem()
    return AuditRegel.objects.filter(actie=actie, status="geweigerd").count()


# --- what must stay ----------------------------------------------------------------------------------------


def test_a_parent_of_two_children_stays_when_one_childs_dossier_is_destroyed(regio):
    with time_machine.travel(op(dt.date(2026, 3, 1)), tick=False):
        lisa = hulp.client(regio)
        tom = hulp.client(regio, voornamen="Tom", geboortedatum=dt.date(2013, 9, 9))
        moeder = hulp.client(regio, voornamen="Sanne", geboortedatum=dt.date(1985, 2, 1))
        for kind in (lisa, tom):
            registreer_relatie(
                actor=regio.actor(regio.medewerker),
                persoon_uuid=kind.uuid,
                ander_uuid=moeder.uuid,
                data={"soort": "ouder_met_gezag"},
            )
        hulp.dossier(regio, persoon=tom)  # Tom is still being helped
    gesloten_dossier(regio, persoon=lisa, einddatum=dt.date(2026, 3, 10))
    with time_machine.travel(op(PEIL), tick=False):
        goedgekeurde_lijst(regio, PEIL)
        services.opschonen()
    als_systeem()
    assert not Persoon.objects.filter(pk=lisa.pk).exists()  # Lisa's last record went: she goes
    # the mother is Tom's representative: she and the link must stay while Tom's dossier lives
    assert Persoon.objects.filter(pk=moeder.pk).exists()
    assert Relatie.objects.filter(persoon=tom, ander=moeder).exists()


def test_rt_07_a_hold_on_the_dossier_also_stops_destruction_of_its_items_on_request(regio):
    d = hulp.dossier(regio)
    hulp.gestart(regio, d)
    blijft = hulp.notitie(regio, d, tekst="Betaling borg via het fonds.")
    weg = hulp.notitie(regio, d, tekst="Gesprek over school en vrienden.")
    services.blokkeer(
        actor=regio.actor(regio.fg),
        uuid=termijn(d).uuid,
        reden="klacht",
        einddatum=dt.date.today() + dt.timedelta(days=200),
        toelichting="Klacht over de hulp loopt nog bij de ombudsman.",
    )
    verzoek = toegewezen_verzoek(regio, client_van(d))
    with pytest.raises(DomainError) as fout:  # executing waits for the hold's end date
        op_verzoek(regio, verzoek, behouden=[blijft.uuid])
    assert fout.value.code == "E_STATE_CONFLICT" and "RT-07" in fout.value.detail
    als_systeem()
    assert Notitie.objects.filter(pk=weg.pk).exists()  # held: nothing of the dossier goes yet


def test_rt_07_a_hold_stops_the_whole_dossier_destroyed_on_request(regio):
    """The whole-dossier path of RI-10 respects a hold: the sweep waits."""
    d = gesloten_dossier(regio, einddatum=dt.date(2026, 3, 10))
    services.blokkeer(
        actor=regio.actor(regio.fg),
        uuid=termijn(d).uuid,
        reden="bezwaar",
        einddatum=dt.date.today() + dt.timedelta(days=200),
        toelichting="Bezwaar van de vader tegen de vernietiging loopt.",
    )
    op_verzoek(regio, toegewezen_verzoek(regio, client_van(d)))
    assert services.opschonen().telling == {str(regio.gemeente.uuid): {"wacht:geblokkeerd": 1}}
    als_systeem()
    assert Dossier.objects.filter(pk=d.pk).exists()


def test_ri_10_in_a_family_dossier_only_items_about_the_requester_alone_go(regio):
    """RI-03/RI-10: the family dossier and what concerns the other member (or both) stay."""
    from zorgvuldig.dossiers import services as dossiers

    lisa = hulp.client(regio)
    broer = hulp.client(regio, voornamen="Daan", geboortedatum=dt.date(2009, 1, 2))
    d = dossiers.registreer_dossier(
        actor=regio.actor(regio.medewerker),
        soort="gezin",
        team=regio.team,
        leden=[(str(lisa.uuid), "client"), (str(broer.uuid), "client")],
    )
    hulp.gestart(regio, d)
    alleen_lisa = hulp.notitie(regio, d, betreft=[str(lisa.uuid)], tekst="Lisa wil niet naar school.")
    samen = hulp.notitie(regio, d, tekst="Lisa en Daan maken ruzie.")  # both clients
    alleen_broer = hulp.notitie(regio, d, betreft=[str(broer.uuid)], tekst="Daan voetbalt weer.")
    uit = op_verzoek(regio, toegewezen_verzoek(regio, lisa))
    assert uit == {"records": 0, "onderdelen": 1}
    als_systeem()
    assert set(Notitie.objects.filter(dossier=d).values_list("pk", flat=True)) == {samen.pk, alleen_broer.pk}
    assert termijn(alleen_lisa).uitkomst == "vernietigd"  # RT-03 tombstone of the item
    assert Dossier.objects.filter(pk=d.pk).exists() and termijn(d).vervaldatum is None  # open, not due
    assert services.opschonen().telling == {}


def test_ri_10_a_disclosure_entry_the_decision_keeps_survives_the_destruction(regio):
    d = gesloten_dossier(regio, einddatum=dt.date(2026, 3, 10))
    lisa = client_van(d)
    _besluit, vs = deelbesluit_met_verstrekking(regio, d, lisa)
    # RI-10 b: the decision keeps the disclosure entry (accountability), the rest goes
    op_verzoek(regio, toegewezen_verzoek(regio, lisa), behouden=[vs.uuid])
    services.opschonen()
    from zorgvuldig.verstrekkingen.models import Verstrekking

    als_systeem()
    assert Verstrekking.objects.filter(pk=vs.pk).exists()


# --- what must go, and whole ---------------------------------------------------------------------------


def test_rt_11_the_archive_package_holds_the_dossiers_sharing_decisions(regio, settings, tmp_path):
    settings.ZORGVULDIG_ARCHIEF_MAP = str(tmp_path)
    d = gesloten_dossier(regio, einddatum=dt.date(2026, 3, 10))
    besluit, vs = deelbesluit_met_verstrekking(regio, d, client_van(d))
    regel = next(r for r in services.regels_voor(regio.gemeente.pk) if r.code == "dossier")
    services.wijzig_regel(actor=regio.actor(regio.beheerder), uuid=regel.uuid, archiefcategorie="1.1.2")
    with time_machine.travel(op(PEIL), tick=False):
        goedgekeurde_lijst(regio, PEIL)
        services.opschonen()
    assert termijn(d).uitkomst == "overgebracht"
    tekst = "".join(p.read_text(encoding="utf-8") for p in tmp_path.rglob("*.json"))
    assert str(d.uuid) in tekst
    assert str(besluit.uuid) in tekst and str(vs.uuid) in tekst  # what was shared, with whom


def test_a_destroyed_dossier_does_not_come_back_when_a_stale_copy_is_saved(regio):
    d = gesloten_dossier(regio, einddatum=dt.date(2026, 3, 10))
    als_systeem()
    kopie = Dossier.objects.get(pk=d.pk)  # e.g. a request that read it just before the sweep
    with time_machine.travel(op(PEIL), tick=False):
        goedgekeurde_lijst(regio, PEIL)
        services.opschonen()
        als_systeem()
        try:
            with transaction.atomic():
                kopie.save()
        except Exception:  # refusing the save is one correct outcome
            pass
    als_systeem()
    assert not Dossier.objects.filter(pk=d.pk).exists()


# --- RT-12: a granted destruction stops the record acting, sweep or no sweep -------------------------------


def test_rt_12_a_dossier_granted_destruction_takes_no_new_data_before_the_sweep(regio):
    d = hulp.dossier(regio)
    hulp.gestart(regio, d)
    hulp.notitie(regio, d)
    op_verzoek(regio, toegewezen_verzoek(regio, client_van(d)))
    assert termijn(d).vervaldatum == dt.date.today()  # due: the sweep has not run (yet)
    with pytest.raises(DomainError):
        hulp.notitie(regio, d, tekst="Nieuwe informatie na het besluit tot vernietiging.")


# --- lists: who, what, when (RT-13) ---------------------------------------------------------------------


def test_rt_13_an_executed_list_cannot_be_approved_again_and_the_refusal_is_audited(regio):
    gesloten_dossier(regio, einddatum=dt.date(2026, 3, 10))
    with time_machine.travel(op(PEIL), tick=False):
        lijst = goedgekeurde_lijst(regio, PEIL)
        services.opschonen()
        lijst.refresh_from_db()
        assert lijst.status == "uitgevoerd"
        voor = geweigerd("vernietigingslijst.goedgekeurd")
        with pytest.raises(DomainError):
            services.keur_goed(actor=regio.actor(regio.fg), uuid=lijst.uuid)
        with pytest.raises(DomainError):
            services.beoordeel(
                actor=regio.actor(regio.leidinggevende),
                uuid=lijst.uuid,
                items=[{"termijn": lijst.items.get().uuid, "beoordeling": "bewaren"}],
            )
        assert geweigerd("vernietigingslijst.goedgekeurd") == voor + 1  # AU-04
        assert geweigerd("vernietigingslijst.beoordeeld") >= 1


def test_a_destroyed_record_cannot_be_extended_or_held_and_refusals_are_audited(regio):
    d = gesloten_dossier(regio, einddatum=dt.date(2026, 3, 10))
    with time_machine.travel(op(PEIL), tick=False):
        goedgekeurde_lijst(regio, PEIL)
        services.opschonen()
        uuid = termijn(d).uuid
        with pytest.raises(DomainError) as fout:
            services.verleng(
                actor=regio.actor(regio.leidinggevende),
                uuid=uuid,
                nieuwe_datum=dt.date(2050, 1, 1),
                reden=REDEN,
            )
        assert fout.value.invalid_params[0].name == "status"
        with pytest.raises(DomainError):
            services.blokkeer(
                actor=regio.actor(regio.fg),
                uuid=uuid,
                reden="klacht",
                einddatum=dt.date(2042, 1, 1),
                toelichting=REDEN,
            )
    assert geweigerd("bewaartermijn.verlengd") == 1 and geweigerd("bewaartermijn.geblokkeerd") == 1
    assert termijn(d).uitkomst == "vernietigd" and not termijn(d).blokkades.exists()


def test_rt_13_another_controllers_leidinggevende_sees_and_approves_nothing(regio, api):
    gesloten_dossier(regio, einddatum=dt.date(2026, 3, 10))
    with time_machine.travel(op(PEIL), tick=False):
        lijst = services.maak_lijst(actor=regio.actor(regio.leidinggevende), peildatum=PEIL)
        services.keur_goed(actor=regio.actor(regio.fg), uuid=lijst.uuid)
        vreemd = api(regio.school_lg)
        onbekend = vreemd.get(f"{B}/vernietigingslijsten/00000000-0000-4000-8000-000000000000")
        r = vreemd.get(f"{B}/vernietigingslijsten/{lijst.uuid}")
        assert r.status_code == onbekend.status_code == 404 and r.json()["code"] == onbekend.json()["code"]
        assert (
            vreemd.post(f"{B}/vernietigingslijsten/{lijst.uuid}/_goedkeuren", {}, format="json").status_code
            == 404
        )
        assert vreemd.get(f"{B}/vernietigingslijsten").json()["count"] == 0
        als_systeem()
        lijst.refresh_from_db()
        assert lijst.status == "concept" and [g["rol"] for g in lijst.goedkeuringen] == ["fg"]
        assert services.opschonen().telling == {
            str(regio.gemeente.uuid): {"wacht:geen_goedgekeurde_lijst": 1}
        }


def test_rt_13_contradicting_judgements_of_one_item_are_refused(regio, api):
    d = gesloten_dossier(regio, einddatum=dt.date(2026, 3, 10))
    with time_machine.travel(op(PEIL), tick=False):
        lijst = services.maak_lijst(actor=regio.actor(regio.leidinggevende), peildatum=PEIL)
        t = str(termijn(d).uuid)
        r = api(regio.leidinggevende).post(
            f"{B}/vernietigingslijsten/{lijst.uuid}/_beoordelen",
            {
                "items": [
                    {"termijn": t, "beoordeling": "bewaren", "nieuweDatum": "2045-01-01", "reden": REDEN},
                    {"termijn": t, "beoordeling": "vernietigen"},
                ]
            },
            format="json",
        )
        assert r.status_code == 400, r.content


def test_rt_13_bad_input_to_lists_is_refused_and_changes_nothing(regio, api):
    d = gesloten_dossier(regio, einddatum=dt.date(2026, 3, 10))
    with time_machine.travel(op(PEIL), tick=False):
        lg = api(regio.leidinggevende)
        for body in (
            {"peildatum": "2041-02-30"},
            {"peildatum": "morgen"},
            {"peildatum": "2041-01-01", "status": "goedgekeurd"},  # unknown field
            {"peildatum": "2043-01-01"},  # more than a year ahead
        ):
            r = lg.post(f"{B}/vernietigingslijsten", body, format="json")
            assert r.status_code == 400, (body, r.content)
        als_systeem()
        assert not Vernietigingslijst.objects.exists() and termijn(d).lijst is None
        lijst = services.maak_lijst(actor=regio.actor(regio.leidinggevende), peildatum=PEIL)
        url = f"{B}/vernietigingslijsten/{lijst.uuid}/_beoordelen"
        t = str(termijn(d).uuid)
        for item in (
            {"termijn": t, "beoordeling": "bewaren", "nieuweDatum": "2045-01-01", "reden": "x" * 4001},
            {"termijn": t, "beoordeling": "bewaren", "nieuweDatum": "2040-01-01", "reden": REDEN},  # past
            {"termijn": t, "beoordeling": "bewaren", "reden": REDEN},  # no date
            {"termijn": t, "beoordeling": "vernietigen", "nieuweDatum": "2045-01-01"},
            {"termijn": "niet-een-uuid", "beoordeling": "vernietigen"},
            {"termijn": t, "beoordeling": "weggooien"},
        ):
            r = lg.post(url, {"items": [item]}, format="json")
            assert r.status_code == 400, (item, r.content)
        assert termijn(d).beoordeling == "vernietigen" and "nieuweDatum" not in termijn(d).besluit
        # the beheerder (no approval scope) cannot judge or approve
        assert api(regio.beheerder).post(
            url, {"items": [{"termijn": t, "beoordeling": "bewaren"}]}, format="json"
        ).status_code in (403, 404)


# --- the sweep: dry run, batches, audit chain (RT-09, AU-01, AU-03) ----------------------------------------


def _tellingen() -> dict[str, int]:
    als_systeem()
    overslaan = {"audit.auditregel", "audit.wachtrij", "bewaren.opschoonronde"}
    return {
        m._meta.label_lower: m._default_manager.count()
        for m in apps.get_models()
        if m._meta.label_lower not in overslaan and m._meta.managed and not m._meta.proxy
    }


def test_rt_09_a_dry_run_changes_nothing_and_the_real_run_keeps_the_chain_intact(regio):
    weg = gesloten_dossier(regio, einddatum=dt.date(2026, 3, 10))
    op_verzoek_weg = gesloten_dossier(regio, einddatum=dt.date(2026, 4, 1))
    verzoek = toegewezen_verzoek(regio, client_van(op_verzoek_weg))
    op_verzoek(regio, verzoek)
    with time_machine.travel(op(PEIL), tick=False):
        lijst = goedgekeurde_lijst(regio, PEIL)
        voor = _tellingen()
        termijnen_voor = list(Bewaartermijn.objects.order_by("pk").values())
        droog = services.opschonen(droog=True)
        assert droog.droog and droog.status == "klaar"
        assert droog.telling[str(regio.gemeente.uuid)] == {"zou:vernietigd": 2}
        assert _tellingen() == voor
        assert list(Bewaartermijn.objects.order_by("pk").values()) == termijnen_voor
        lijst.refresh_from_db()
        assert lijst.status == "goedgekeurd"
        call_command("opschonen", "--batch", "-5")  # clamped to 1, not an error
    als_systeem()
    assert not Dossier.objects.filter(pk__in=[weg.pk, op_verzoek_weg.pk]).exists()
    assert Opschoonronde.objects.filter(status="klaar").count() == 2
    assert AuditRegel.objects.filter(actie="bewaren.opschoonronde", koppeling__droog=True).count() == 1
    verzegel_alles()
    assert verifieer().ok


def test_au_06_tombstones_and_sweep_entries_name_no_one(regio, api):
    """The tombstone API and the sweep's audit entries carry types, uuids, rules and counts only."""
    with time_machine.travel(op(dt.date(2026, 3, 1)), tick=False):
        lisa = hulp.client(regio, geslachtsnaam="Oosterwijk", voornamen="Merel")
    d = gesloten_dossier(regio, persoon=lisa, einddatum=dt.date(2026, 3, 10))
    with time_machine.travel(op(PEIL), tick=False):
        goedgekeurde_lijst(
            regio,
            PEIL,
            [{"termijn": termijn(d).uuid, "beoordeling": "vernietigen"}],
        )
        services.opschonen()
        for wie in (regio.beheerder, regio.fg, regio.leidinggevende):
            r = api(wie).get(f"{B}/vernietigingsbewijzen")
            assert r.status_code == 200
            tekst = r.content.decode()
            assert "Oosterwijk" not in tekst and "Merel" not in tekst and "Huisbezoek" not in tekst
            assert str(d.uuid) in tekst
    als_systeem()
    for e in AuditRegel.objects.filter(actie__startswith="bewaren."):
        tekst = json.dumps([e.koppeling, e.velden, e.betrokkene], default=str)
        assert "Oosterwijk" not in tekst and e.betrokkene == ""
