"""Review of the set-based sweep delete (ADR 0014 item 5): per record type, the database after the sweep is
exactly what Django's Collector path (`services._verwijder_met_collector`) leaves — every table, row for
row — and the legal outcomes hold: tombstones for every destroyed record and person (RT-03), the pseudonym
mapping of a deleted person gone (AU-07), grants and disclosure entries from deleted rows gone, holds
respected (RT-07), a dry run changes nothing and the halving counts each record once (RT-09)."""

from __future__ import annotations

import datetime as dt
import json
from contextlib import contextmanager

import pytest
import time_machine
from django.apps import apps
from django.db import transaction

from zorgvuldig.audit.models import AuditRegel, Pseudoniem
from zorgvuldig.audit.services import subject_key
from zorgvuldig.bewaren import services
from zorgvuldig.bewaren.models import Bewaartermijn, Blokkade
from zorgvuldig.bewaren.tests.hulp import ingetrokken_toestemmingen, op
from zorgvuldig.bewaren.tests.hulp import verzoek as nieuw_verzoek
from zorgvuldig.conftest import als_systeem
from zorgvuldig.dossiers import services as dossiers
from zorgvuldig.dossiers.models import Dossier, Notitie, Zorgsignaal
from zorgvuldig.dossiers.tests import hulp
from zorgvuldig.personen.models import Persoon, Relatie
from zorgvuldig.toegang.models import Toegang

pytestmark = pytest.mark.django_db

PEIL = dt.date(2040, 1, 2)
ONTVANGEN = dt.date(2026, 3, 2)  # far beyond every date the scenarios set
# tables whose rows carry times, random uuids or hash chains of the run itself: compared on their meaning
EIGEN = {"audit.AuditRegel", "audit.Zegel", "audit.Wachtrij", "audit.Controlepunt", "bewaren.Opschoonronde"}
GRAFVELDEN = ("objecttype", "object_id", "object_uuid", "regel", "uitkomst", "besluit", "reden_versleuteld")


class _Terug(Exception):
    pass


def stand() -> dict:
    """Every row of every table (retention rows without their run-specific times and ids), and the sweep's
    audit entries by what they say."""
    als_systeem()
    uit = {}
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label
        if model._meta.proxy or label in EIGEN:
            continue
        if model is Bewaartermijn:
            velden = [*GRAFVELDEN, "lijst_id", "vervaldatum"]
        else:
            velden = [f.attname for f in model._meta.concrete_fields]
        uit[label] = sorted(map(repr, model._base_manager.values_list(*velden)))
    uit["audit"] = sorted(
        json.dumps([a.actie, a.verwerkingsverantwoordelijke, a.velden, a.koppeling], sort_keys=True)
        for a in AuditRegel.objects.filter(actie__startswith="bewaren.").exclude(
            actie="bewaren.opschoonronde"
        )
    )
    return uit


@contextmanager
def met_collector(monkeypatch):
    with monkeypatch.context() as m:
        m.setattr(services, "_verwijder", services._verwijder_met_collector)
        yield


def vergelijk(monkeypatch, vandaag: dt.date = PEIL) -> tuple[dict, object]:
    """The sweep once through the Collector (rolled back) and once set-based: the two end states must be
    equal. Returns the set-based end state and its run."""
    with time_machine.travel(op(vandaag), tick=False):
        try:
            with transaction.atomic(), met_collector(monkeypatch):
                oud_ronde = services.opschonen(vandaag)
                oud = stand()
                raise _Terug
        except _Terug:
            pass
        ronde = services.opschonen(vandaag)
    nieuw = stand()
    verschil = {t: (oud[t], nieuw[t]) for t in oud if oud[t] != nieuw[t]}
    assert not verschil
    assert ronde.telling == oud_ronde.telling
    return nieuw, ronde


def vervallen(obj, datum: dt.date = dt.date(2030, 1, 1)) -> Bewaartermijn:
    """The record due on `datum` by a granted destruction request (RI-10: no list needed)."""
    als_systeem()
    services.bijwerken(obj)
    rij = Bewaartermijn.objects.get(
        objecttype=f"{obj._meta.app_label}.{obj._meta.model_name}", object_id=obj.pk
    )
    Bewaartermijn.objects.filter(pk=rij.pk).update(vervaldatum=datum, besluit={"soort": "verzoek"})
    return rij


def graf(obj) -> Bewaartermijn | None:
    als_systeem()
    return Bewaartermijn.objects.filter(
        objecttype=f"{obj._meta.app_label}.{obj._meta.model_name}", object_uuid=obj.uuid
    ).first()


# --- dossier: CASCADE children of children, M2M through tables, SET_NULL, PROTECT unlinked ---------------


def rijk_dossier(regio):
    """Hulp's Casus (notes, plan, another organisation's dossier) plus: a team meeting with its grant, a
    client statement, an instemming, a melding signal, a consent and a request pointing at the dossier."""
    from zorgvuldig.dossiers.models import Teambespreking
    from zorgvuldig.toegang.services import verleen_intern
    from zorgvuldig.toestemmingen.models import Toestemming
    from zorgvuldig.verstrekkingen.services import registreer_verstrekking

    c = hulp.Casus(regio)
    d, lisa = c.dossier, c.lisa
    actor = regio.actor(regio.medewerker)
    dossiers.bespreek_in_team(
        actor=actor, uuid=d.uuid, datum=dt.date.today(), aanwezigen=[regio.leidinggevende]
    )
    # a grant on a cascaded item, and a disclosure entry whose origin is a cascaded row
    verleen_intern(
        actor=actor,
        object=c.feit,
        bron="sectie",
        ontvanger_gebruiker=regio.leidinggevende,
        rechten={"lezen"},
        reden="Meelezen",
    )
    registreer_verstrekking(
        actor=actor,
        persoon=lisa,
        bron="deelbesluit",
        herkomst=f"teambespreking:{Teambespreking.objects.get(dossier=d).uuid}",
        datum=dt.date.today(),
        gegevens=["samenvatting"],
        doel="afstemming",
        grond="g1_toestemming",
        ontvanger_naam="Huisarts",
    )
    dossiers.registreer_verklaring(
        actor=actor, uuid=d.uuid, notitie_uuid=c.mening.uuid, persoon_uuid=lisa.uuid, tekst="Klopt niet."
    )
    dossiers.registreer_instemming(
        actor=actor, uuid=d.uuid, persoon_uuid=lisa.uuid, gegeven=True, datum=dt.date.today()
    )
    als_systeem()
    Zorgsignaal.objects.filter(pk=c.zorgsignaal.pk).update(dossier=d, status="melding", persoon=lisa)
    toestemming = Toestemming.objects.create(
        verwerkingsverantwoordelijke=regio.gemeente,
        organisatie=regio.wijkteam,
        betrokkene=lisa,
        dossier=d,
        soort="geheimhouding",
        status="gegeven",
        doel="afstemming",
        vorm="schriftelijk",
        datum=dt.date.today(),
        geldig_tot=dt.date(2045, 1, 1),
        vastgelegd_door=regio.medewerker,
    )
    verzoek = nieuw_verzoek(regio, lisa, soort="inzage", status="ontvangen", dossier=d)
    return c, toestemming, verzoek


def test_rt_03_a_dossier_goes_with_all_its_items_exactly_as_the_collector_would(regio, monkeypatch):
    c, toestemming, verzoek = rijk_dossier(regio)
    d = c.dossier
    vervallen(d)
    als_systeem()
    items = {
        m: list(m.objects.filter(dossier=d).values_list("pk", flat=True))
        for m in services.eenheden.dossier_items()
    }
    assert Toegang.objects.filter(herkomst__startswith="teambespreking:").exists()
    assert all(
        apps.get_model("dossiers", tussen).objects.exists()
        for tussen in ("Notitie_betreft", "Teambespreking_aanwezigen")
    )
    vergelijk(monkeypatch)
    als_systeem()
    assert not Dossier.objects.filter(pk=d.pk).exists()
    assert all(not m.objects.filter(pk__in=pks).exists() for m, pks in items.items())
    # M2M rows of its items (notes about Lisa, persons a plan concerns, those at the team meeting)
    for tussen in ("Notitie_betreft", "Plan_betreft", "Plan_notities", "Teambespreking_aanwezigen"):
        assert not apps.get_model("dossiers", tussen).objects.exists()
    # grants on the dossier and its items, and from its team meeting, went with it; so did the
    # disclosure entry whose origin was the team meeting
    from zorgvuldig.verstrekkingen.models import Verstrekking

    assert not Toegang.objects.filter(object_type="dossiers.notitie", object_id=c.feit.pk).exists()
    assert not Verstrekking.objects.filter(herkomst__startswith="teambespreking:").exists()
    assert not Toegang.objects.filter(object_type="dossiers.dossier", object_id=d.pk).exists()
    assert not Toegang.objects.filter(herkomst__startswith="teambespreking:").exists()
    assert not Toegang.objects.filter(herkomst=f"dossier:{d.uuid}").exists()
    # the melding signal went with it (its own tombstone); the consent and the request stay, unlinked
    assert not Zorgsignaal.objects.filter(pk=c.zorgsignaal.pk).exists()
    assert graf(c.zorgsignaal).uitkomst == "vernietigd"
    toestemming.refresh_from_db()
    verzoek.refresh_from_db()
    assert toestemming.dossier_id is None and verzoek.dossier_id is None
    assert graf(d).uitkomst == "vernietigd"
    # the other organisation's dossier is untouched
    assert Dossier.objects.filter(pk=c.ander.pk).exists()


def test_rt_03_a_dossier_with_a_correction_note_is_destroyed_not_kept_for_ever(regio):
    """Notitie.corrigeert is PROTECT to a note of the same dossier. Django's Collector refuses any PROTECT
    reference, even from a row it deletes itself, so before the fix such a dossier waited "in_gebruik" in
    every run, for ever. The plan only lets a reference from a row that stays hold a record back."""
    c = hulp.Casus(regio)
    correctie = hulp.notitie(regio, c.dossier, corrigeert=str(c.feit.uuid), tekst="Op dinsdag, niet maandag.")
    vervallen(c.dossier)
    with time_machine.travel(op(PEIL), tick=False):
        ronde = services.opschonen(PEIL)
    als_systeem()
    assert "wacht:in_gebruik" not in ronde.telling[str(regio.gemeente.uuid)]
    assert not Dossier.objects.filter(pk=c.dossier.pk).exists()
    assert not Notitie.objects.filter(pk__in=[c.feit.pk, correctie.pk]).exists()
    assert graf(c.dossier).uitkomst == "vernietigd"


def test_rt_07_destroying_part_of_a_dossier_never_removes_a_corrected_note_under_its_correction(regio):
    """The other side of the same rule: deleting only the original note (an item on request) while its
    correction stays is still refused (ProtectedError), set-based or not."""
    from django.db.models import ProtectedError

    c = hulp.Casus(regio)
    hulp.notitie(regio, c.dossier, corrigeert=str(c.feit.uuid), tekst="Op dinsdag, niet maandag.")
    als_systeem()
    with pytest.raises(ProtectedError), transaction.atomic():
        services._verwijder(Notitie, [c.feit.pk])
    assert Notitie.objects.filter(pk=c.feit.pk).exists()


def gesloten_casus(regio):
    """A case table file (E6) with four participants and a contribution, closed (RT-08)."""
    from zorgvuldig.casusoverleg import services as ct
    from zorgvuldig.casusoverleg.models import Casusoverleg
    from zorgvuldig.casusoverleg.tests.hulp import Tafel

    t = Tafel(regio)
    casus = t.in_overleg()
    ct.breng_in(
        actor=regio.actor(t.agent),
        uuid=casus.uuid,
        data={
            "inhoud": "Drie registraties.",
            "soort": "feit",
            "bron": "registratie",
            "grond": {"soort": "wpg_art20"},
        },
    )
    als_systeem()
    Casusoverleg.objects.filter(pk=casus.pk).update(status="afschaling")
    ct.sluit_af(
        actor=regio.actor(regio.medewerker),
        uuid=casus.uuid,
        overnemende_partij_uuid=regio.wijkteam.uuid,
        overdracht=[],
    )
    return t, Casusoverleg.objects.get(pk=casus.pk)


def test_rt_08_a_closed_case_table_file_with_contributions_is_destroyed_with_all_it_holds(regio):
    """Bijdrage/Toedeling/Actiepunt.deelnemer are PROTECT to the file's own participants: the Collector
    refused the whole file for ever ("in_gebruik"); now it goes with its participants, contributions,
    their grants, and Tom (known only through it) with his mapping (AU-07)."""
    from zorgvuldig.casusoverleg.models import Bijdrage, Casusoverleg, Deelnemer

    t, casus = gesloten_casus(regio)
    als_systeem()
    deelnemers = list(Deelnemer.objects.filter(casusoverleg=casus).values_list("pk", "toegang_id"))
    bijdragen = list(Bijdrage.objects.filter(casusoverleg=casus).values_list("pk", flat=True))
    assert deelnemers and bijdragen
    vervallen(casus)
    with time_machine.travel(op(PEIL), tick=False):
        ronde = services.opschonen(PEIL)
    als_systeem()
    assert ronde.telling[str(regio.gemeente.uuid)] == {"vernietigd": 1, "personen": 1}
    assert not Casusoverleg.objects.filter(pk=casus.pk).exists()
    assert not Deelnemer.objects.filter(pk__in=[d for d, _ in deelnemers]).exists()
    assert not Toegang.objects.filter(pk__in=[g for _, g in deelnemers]).exists()
    assert not Toegang.objects.filter(herkomst=f"casusoverleg:{casus.uuid}").exists()
    assert not Toegang.objects.filter(object_type="casusoverleg.bijdrage", object_id__in=bijdragen).exists()
    assert not Toegang.objects.filter(object_type="casusoverleg.casusoverleg", object_id=casus.pk).exists()
    assert not Persoon.objects.filter(pk=t.tom.pk).exists()
    assert not Pseudoniem.objects.filter(sleutel=subject_key(t.tom)).exists()
    assert graf(casus).uitkomst == "vernietigd" and graf(t.tom).regel == "persoon"


# --- persons: AU-07, tombstones, representatives ------------------------------------------------------------


def test_au_07_rt_03_a_child_and_the_parent_known_only_through_it_go_with_mapping_and_tombstone(
    regio, monkeypatch
):
    als_systeem()
    with time_machine.travel(op(dt.date(2026, 3, 2)), tick=False):
        kind = hulp.client(regio, geslachtsnaam="Kok")
        ouder = hulp.client(regio, geslachtsnaam="Kok", voornamen="Anna", geboortedatum=dt.date(1980, 1, 1))
        broer = hulp.client(regio, geslachtsnaam="Kok", voornamen="Bram")
        ouder_b = hulp.client(
            regio, geslachtsnaam="Smit", voornamen="Piet", geboortedatum=dt.date(1979, 1, 1)
        )
    als_systeem()
    for p, a in ((kind, ouder), (kind, ouder_b), (broer, ouder_b)):
        Relatie.objects.create(
            verwerkingsverantwoordelijke=regio.gemeente,
            organisatie=regio.wijkteam,
            persoon=p,
            ander=a,
            soort="ouder_met_gezag",
        )
    d = hulp.dossier(regio, persoon=kind)
    broer_dossier = hulp.dossier(regio, persoon=broer)  # not due: Bram and his parent stay
    for p in (kind, ouder, broer, ouder_b):
        assert Pseudoniem.objects.filter(sleutel=subject_key(p)).exists()
    vervallen(d)
    _, ronde = vergelijk(monkeypatch)
    als_systeem()
    assert not Persoon.objects.filter(pk__in=[kind.pk, ouder.pk]).exists()
    assert set(Persoon.objects.filter(pk__in=[broer.pk, ouder_b.pk])) == {broer, ouder_b}
    assert Dossier.objects.filter(pk=broer_dossier.pk).exists()
    for weg in (kind, ouder):
        assert not Pseudoniem.objects.filter(sleutel=subject_key(weg)).exists()
        g = graf(weg)
        assert (g.regel, g.uitkomst, g.opschoonronde_id) == ("persoon", "vernietigd", ronde.pk)
    assert graf(broer) is None and graf(ouder_b) is None
    assert ronde.telling[str(regio.gemeente.uuid)]["personen"] == 2


# --- request (Verzoek): CASCADE correction notices, SET_NULL restrictions, grants from it -----------------


def test_rt_03_a_closed_request_goes_with_its_grants_and_leaves_restrictions_unlinked(regio, monkeypatch):
    from zorgvuldig.rechten.models import Beperking, Verzoek

    als_systeem()
    lisa = hulp.client(regio)
    ouder = hulp.client(regio, voornamen="Anna", geboortedatum=dt.date(1980, 1, 1))
    hulp.dossier(regio, persoon=lisa)  # Lisa stays: her dossier is not due
    verzoek = nieuw_verzoek(
        regio, lisa, soort="inzage", status="afgehandeld", ontvangen_op=dt.date(2026, 1, 5)
    )
    beperking = Beperking.objects.create(
        verwerkingsverantwoordelijke=regio.gemeente,
        organisatie=regio.wijkteam,
        persoon=lisa,
        vertegenwoordiger=ouder,
        verzoek=verzoek,
        redenen_versleuteld="",
        door=regio.leidinggevende,
        vanaf=dt.date(2026, 1, 5),
    )
    from zorgvuldig.toegang.services import verleen_intern

    verleen_intern(
        actor=regio.actor(regio.leidinggevende),
        object=lisa,
        bron="verzoek",
        ontvanger_gebruiker=regio.leidinggevende,
        rechten={"lezen"},
        reden="Behandeling verzoek",
        herkomst=f"verzoek:{verzoek.uuid}",
    )
    from zorgvuldig.rechten.models import Correctienotificatie
    from zorgvuldig.verstrekkingen.services import registreer_verstrekking

    entry = registreer_verstrekking(
        actor=regio.actor(regio.leidinggevende),
        persoon=lisa,
        bron="deelbesluit",
        herkomst="deelbesluit:elders",
        datum=dt.date(2026, 1, 2),
        gegevens=["adres"],
        doel="afstemming",
        grond="g1_toestemming",
        ontvanger_naam="Huisarts",
    )
    melding = Correctienotificatie.objects.create(
        verwerkingsverantwoordelijke=regio.gemeente,
        organisatie=regio.wijkteam,
        verzoek=verzoek,
        verstrekking=entry,
        wijze="handmatig",
        datum=dt.date(2026, 1, 6),
    )
    vervallen(verzoek)
    vergelijk(monkeypatch)
    als_systeem()
    assert not Verzoek.objects.filter(pk=verzoek.pk).exists()
    # the correction notice (CASCADE) goes with the request; the disclosure entry it was about stays
    assert not Correctienotificatie.objects.filter(pk=melding.pk).exists()
    assert entry.__class__.objects.filter(pk=entry.pk).exists()
    beperking.refresh_from_db()
    assert beperking.verzoek_id is None
    assert not Toegang.objects.filter(herkomst=f"verzoek:{verzoek.uuid}").exists()
    assert Persoon.objects.filter(pk=lisa.pk).exists()
    assert graf(verzoek).uitkomst == "vernietigd"


# --- holds (RT-07), dry run (RT-09), halving --------------------------------------------------------------


def test_rt_09_a_dry_run_changes_no_row(regio):
    c, _, _ = rijk_dossier(regio)
    vervallen(c.dossier)
    voor = stand()
    with time_machine.travel(op(PEIL), tick=False):
        ronde = services.opschonen(PEIL, droog=True)
    assert ronde.telling[str(regio.gemeente.uuid)]["zou:vernietigd"] >= 1
    assert stand() == voor


def test_rt_07_a_hold_on_the_melding_signal_keeps_the_dossier_it_goes_with(regio):
    c, _, _ = rijk_dossier(regio)
    vervallen(c.dossier)
    als_systeem()
    services.bijwerken(Zorgsignaal.objects.get(pk=c.zorgsignaal.pk))
    rij = graf(c.zorgsignaal)
    services.blokkeer(
        actor=regio.actor(regio.fg),
        uuid=rij.uuid,
        reden="bezwaar",
        einddatum=dt.date(2045, 1, 1),
        toelichting="Klacht over de melding loopt.",
    )
    with time_machine.travel(op(PEIL), tick=False):
        ronde = services.opschonen(PEIL)
    als_systeem()
    vv = str(regio.gemeente.uuid)
    assert Zorgsignaal.objects.filter(pk=c.zorgsignaal.pk).exists()
    assert Dossier.objects.filter(pk=c.dossier.pk).exists()
    assert Blokkade.objects.filter(termijn=rij).exists()
    assert ronde.telling[vv]["wacht:geblokkeerd"] == 1
    # the dry run says the same
    with time_machine.travel(op(PEIL), tick=False):
        assert services.opschonen(PEIL, droog=True).telling[vv]["wacht:geblokkeerd"] == 1
    # lifted: both go, and the lifted hold (its reason) does not stay on the signal's tombstone
    b = Blokkade.objects.get(termijn=rij)
    services.hef_op(actor=regio.actor(regio.fg), uuid=rij.uuid, blokkade_uuid=b.uuid)
    with time_machine.travel(op(PEIL), tick=False):
        ronde = services.opschonen(PEIL)
    als_systeem()
    assert "wacht:geblokkeerd" not in ronde.telling[vv]
    assert not Dossier.objects.filter(pk=c.dossier.pk).exists()
    assert not Zorgsignaal.objects.filter(pk=c.zorgsignaal.pk).exists()
    assert graf(c.zorgsignaal).uitkomst == "vernietigd"
    assert not Blokkade.objects.filter(termijn=rij).exists()


@pytest.mark.parametrize("in_gebruik", [(), (0,), (10,), (0, 10), (3, 4, 5), tuple(range(11))])
def test_rt_09_halving_counts_every_record_once_and_logs_what_went(regio, in_gebruik):
    from zorgvuldig.bewaren.tests.hulp import open_verzoek_op_toestemming
    from zorgvuldig.toestemmingen.models import Toestemming

    lisa = hulp.client(regio)
    hulp.dossier(regio, persoon=lisa)
    als_systeem()
    alle = ingetrokken_toestemmingen(regio, lisa, 11)
    for i in in_gebruik:
        open_verzoek_op_toestemming(regio, lisa, alle[i])
    for t in alle:
        vervallen(t)
    with time_machine.travel(op(PEIL), tick=False):
        ronde = services.opschonen(PEIL)
    vv = str(regio.gemeente.uuid)
    weg = 11 - len(in_gebruik)
    assert ronde.telling[vv].get("vernietigd", 0) == weg
    assert ronde.telling[vv].get("wacht:in_gebruik", 0) == len(in_gebruik)
    als_systeem()
    assert set(Toestemming.objects.values_list("pk", flat=True)) == {alle[i].pk for i in in_gebruik}
    logs = AuditRegel.objects.filter(actie="bewaren.vernietigd", object_uuid=str(ronde.uuid))
    assert sum(a.koppeling["aantal"] for a in logs) == weg


# --- break-glass (AC-11): rule "toegang" — with the object ----------------------------------------------

NOOD = "Concrete aanwijzingen van acuut gevaar voor het kind, vandaag nog."


def test_rt_03_au_07_a_dossier_and_a_person_opened_by_break_glass_are_still_destroyed(regio):
    """Noodtoegang.toegang is PROTECT: before the fix the grant on the dossier (or the person) could not be
    deleted, so the dossier waited "in_gebruik" for ever and the person stayed with the mapping."""
    from zorgvuldig.bewaren.tests.hulp import gesloten_dossier, zorgsignaal
    from zorgvuldig.toegang import services as toegang
    from zorgvuldig.toegang.models import Noodtoegang

    d = gesloten_dossier(regio)
    with time_machine.travel(op(ONTVANGEN), tick=False):
        jan = hulp.client(regio, geslachtsnaam="Dekker")
    s = zorgsignaal(regio, jan, ONTVANGEN)
    actor = regio.actor(regio.medewerker)
    for obj in (d, jan):
        toegang.noodtoegang(actor=actor, object=obj, reden=NOOD, dreiging_voor=["client"])
    lisa = Dossier.objects.get(pk=d.pk).leden.get().persoon
    vervallen(d)
    vervallen(s)
    with time_machine.travel(op(PEIL), tick=False):
        ronde = services.opschonen(PEIL)
    als_systeem()
    assert ronde.telling[str(regio.gemeente.uuid)] == {"vernietigd": 2, "personen": 2}
    assert not Dossier.objects.filter(pk=d.pk).exists() and not Zorgsignaal.objects.filter(pk=s.pk).exists()
    assert not Persoon.objects.filter(pk__in=[jan.pk, lisa.pk]).exists()
    assert not Noodtoegang.objects.exists()
    assert not Toegang.objects.filter(object_type="personen.persoon", object_id=jan.pk).exists()
    for p in (jan, lisa):
        assert not Pseudoniem.objects.filter(sleutel=subject_key(p)).exists()
        assert graf(p).uitkomst == "vernietigd"


def test_au_07_a_family_dossier_takes_the_parent_who_is_a_member_and_the_childs_representative(regio):
    """Parent and child both members of one family dossier, the parent the child's representative
    (Relatie.ander): the first round keeps the parent while the child still exists; once the child has
    gone nothing names the parent, so the parent goes too (with mapping and tombstone)."""
    from zorgvuldig.dossiers.services import registreer_dossier

    kind = hulp.client(regio, geslachtsnaam="Kok")
    ouder = hulp.client(regio, geslachtsnaam="Kok", voornamen="Anna", geboortedatum=dt.date(1980, 1, 1))
    als_systeem()
    Relatie.objects.create(
        verwerkingsverantwoordelijke=regio.gemeente,
        organisatie=regio.wijkteam,
        persoon=kind,
        ander=ouder,
        soort="ouder_met_gezag",
    )
    d = registreer_dossier(
        actor=regio.actor(regio.medewerker),
        soort="gezin",
        team=regio.team,
        leden=[(str(kind.uuid), "client"), (str(ouder.uuid), "gezinslid")],
    )
    vervallen(d)
    with time_machine.travel(op(PEIL), tick=False):
        ronde = services.opschonen(PEIL)
    als_systeem()
    assert not Dossier.objects.filter(pk=d.pk).exists()
    assert not Persoon.objects.filter(pk__in=[kind.pk, ouder.pk]).exists()
    assert not Pseudoniem.objects.filter(sleutel__in=[subject_key(kind), subject_key(ouder)]).exists()
    assert graf(ouder).regel == "persoon"
    assert ronde.telling[str(regio.gemeente.uuid)]["personen"] == 2


def test_rt_11_a_record_still_relied_on_leaves_no_transfer_package_behind(regio, settings, tmp_path):
    """A permanent type (RT-11): the package is written before the delete. When the group is halved
    because one record is still relied on, that record stays — so must no package of it be left in the
    archive folder (the e-Depot would take it as transferred, and get it again when it really goes)."""
    from zorgvuldig.bewaren.models import Bewaarregel
    from zorgvuldig.bewaren.tests.hulp import open_verzoek_op_toestemming

    settings.ZORGVULDIG_ARCHIEF_MAP = str(tmp_path)
    lisa = hulp.client(regio)
    hulp.dossier(regio, persoon=lisa)
    als_systeem()
    services.regels_voor(regio.gemeente.pk)
    Bewaarregel.objects.filter(verwerkingsverantwoordelijke=regio.gemeente, code="toestemming").update(
        archiefcategorie="1.1.1"
    )
    alle = ingetrokken_toestemmingen(regio, lisa, 4)
    open_verzoek_op_toestemming(regio, lisa, alle[2])
    for t in alle:
        vervallen(t)
    with time_machine.travel(op(PEIL), tick=False):
        ronde = services.opschonen(PEIL)
    assert ronde.telling[str(regio.gemeente.uuid)] == {"overgebracht": 3, "wacht:in_gebruik": 1}
    pakketten = {p.name for p in tmp_path.rglob("*.json")}
    assert pakketten == {f"toestemmingen.toestemming-{t.uuid}.json" for i, t in enumerate(alle) if i != 2}


def test_rt_13_a_due_dossier_on_a_list_with_one_approval_or_an_earlier_peildatum_stays(regio):
    """RT-13: the batch read as plain rows still needs both approvals, and an approval covers only the
    date it judged: half-approved — waits; approved, but the date moved past the list's peildatum — waits;
    approved and covered — goes."""
    from zorgvuldig.bewaren.tests.hulp import gesloten_dossier, goedgekeurde_lijst

    d = gesloten_dossier(regio, einddatum=dt.date(2026, 2, 3))
    rij = graf(d)
    due = rij.vervaldatum
    vv = str(regio.gemeente.uuid)
    with time_machine.travel(op(due), tick=False):
        lijst = services.maak_lijst(actor=regio.actor(regio.leidinggevende), peildatum=due)
        services.keur_goed(actor=regio.actor(regio.leidinggevende), uuid=lijst.uuid)
        assert services.opschonen(due).telling[vv] == {"wacht:geen_goedgekeurde_lijst": 1}
        services.keur_goed(actor=regio.actor(regio.fg), uuid=lijst.uuid)
        als_systeem()
        Bewaartermijn.objects.filter(pk=rij.pk).update(vervaldatum=due + dt.timedelta(days=1))
    later = due + dt.timedelta(days=2)
    with time_machine.travel(op(later), tick=False):
        assert services.opschonen(later).telling[vv] == {"wacht:geen_goedgekeurde_lijst": 1}
    als_systeem()
    assert Dossier.objects.filter(pk=d.pk).exists()
    Bewaartermijn.objects.filter(pk=rij.pk).update(vervaldatum=due, lijst=None, beoordeling="")
    with time_machine.travel(op(later), tick=False):
        goedgekeurde_lijst(regio, later)
        assert services.opschonen(later).telling[vv]["vernietigd"] == 1
    als_systeem()
    assert not Dossier.objects.filter(pk=d.pk).exists()


def test_rt_03_pe_09_a_household_goes_with_its_last_member_and_stays_while_one_is_left(regio, monkeypatch):
    """A household's name identifies the family: when the sweep deletes its last member it goes too, with
    a tombstone; a household with a member left stays."""
    from zorgvuldig.personen.models import Huishouden, Huishoudlid

    als_systeem()
    with time_machine.travel(op(dt.date(2026, 3, 2)), tick=False):
        kind = hulp.client(regio, geslachtsnaam="Kok")
        buur = hulp.client(regio, geslachtsnaam="Smit")
    als_systeem()
    gezin, gedeeld = (
        Huishouden.objects.create(
            verwerkingsverantwoordelijke=regio.gemeente, organisatie=regio.wijkteam, naam=n
        )
        for n in ("Gezin Kok", "Hofje Smit")
    )
    Huishoudlid.objects.create(huishouden=gezin, persoon=kind)
    Huishoudlid.objects.create(huishouden=gedeeld, persoon=kind)
    Huishoudlid.objects.create(huishouden=gedeeld, persoon=buur)
    d = hulp.dossier(regio, persoon=kind)
    hulp.dossier(regio, persoon=buur)  # not due: the neighbour stays
    vervallen(d)
    _, ronde = vergelijk(monkeypatch)
    als_systeem()
    assert not Persoon.objects.filter(pk=kind.pk).exists()
    assert not Huishouden.objects.filter(pk=gezin.pk).exists()
    g = graf(gezin)
    assert (g.regel, g.uitkomst, g.opschoonronde_id) == ("persoon", "vernietigd", ronde.pk)
    assert list(Huishouden.objects.filter(pk=gedeeld.pk).values_list("naam", flat=True)) == ["Hofje Smit"]
    assert list(Huishoudlid.objects.filter(huishouden=gedeeld).values_list("persoon_id", flat=True)) == [
        buur.pk
    ]
