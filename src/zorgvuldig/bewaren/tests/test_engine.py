"""The retention engine end to end (SPEC §10, RI-10, AU-06/AU-07): rows, holds, lists, the sweep, persons,
the archive, and what is left in the database after a person's data are destroyed."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine
from django.db import connection

from zorgvuldig.audit.models import AuditRegel, Pseudoniem
from zorgvuldig.audit.services import subject_key, verifieer, verzegel_alles
from zorgvuldig.bewaren import services
from zorgvuldig.bewaren.models import Bewaartermijn, Opschoonronde
from zorgvuldig.bewaren.tests.hulp import (
    gesloten_dossier,
    goedgekeurde_lijst,
    op,
    open_verzoek_op_toestemming,
    toegewezen_verzoek,
)
from zorgvuldig.conftest import als_systeem
from zorgvuldig.core.errors import DomainError
from zorgvuldig.dossiers.models import Dossier, Notitie
from zorgvuldig.dossiers.tests import hulp
from zorgvuldig.personen.models import Persoon
from zorgvuldig.personen.services import registreer_relatie
from zorgvuldig.rechten.tests.hulp import VERIFIEER, V, mandaat, persoon_url, verstrekking

pytestmark = pytest.mark.django_db


def termijn(obj) -> Bewaartermijn:
    als_systeem()
    return Bewaartermijn.objects.get(
        objecttype=f"{obj._meta.app_label}.{obj._meta.model_name}", object_id=obj.pk
    )


def test_rt_10_every_record_gets_its_rule_and_date_when_saved(regio):
    d = hulp.dossier(regio)
    rij = termijn(d)
    assert (rij.regel, rij.brondatum, rij.vervaldatum) == ("dossier", None, None)  # open: not due
    gesloten = gesloten_dossier(regio, einddatum=dt.date(2026, 3, 10))
    rij = termijn(gesloten)
    assert (rij.brondatum, rij.vervaldatum) == (dt.date(2026, 3, 10), dt.date(2041, 1, 1))  # RT-01
    # rows written in bulk, or before the engine existed, are added by the sweep's synchronisation
    Bewaartermijn.objects.filter(object_id=d.pk, objecttype="dossiers.dossier").delete()
    assert services.synchroniseer() == 1
    assert termijn(d).regel == "dossier"


def test_rt_02_only_the_leidinggevende_extends_with_a_reason_and_the_date_holds(regio):
    d = gesloten_dossier(regio, einddatum=dt.date(2026, 3, 10))
    uuid = termijn(d).uuid
    reden = "Het jongere broertje krijgt nog hulp; het dossier is daarvoor nodig."
    with pytest.raises(DomainError) as fout:
        services.verleng(
            actor=regio.actor(regio.medewerker), uuid=uuid, nieuwe_datum=dt.date(2045, 1, 1), reden=reden
        )
    assert fout.value.code in ("E_AC_NOT_AUTHORISED", "E_NOT_FOUND")
    with pytest.raises(DomainError) as fout:
        services.verleng(
            actor=regio.actor(regio.leidinggevende), uuid=uuid, nieuwe_datum=dt.date(2040, 1, 1), reden=reden
        )
    assert fout.value.invalid_params[0].name == "nieuweDatum"
    assert termijn(d).vervaldatum == dt.date(2041, 1, 1)  # a refusal changes nothing
    services.verleng(
        actor=regio.actor(regio.leidinggevende), uuid=uuid, nieuwe_datum=dt.date(2045, 1, 1), reden=reden
    )
    rij = termijn(d)
    assert rij.vervaldatum == dt.date(2045, 1, 1) and rij.besluit["soort"] == "verlenging"
    d.save()  # a later save of the dossier does not undo the decision
    assert termijn(d).vervaldatum == dt.date(2045, 1, 1)
    assert AuditRegel.objects.filter(actie="bewaartermijn.verlengd", object_uuid=str(rij.uuid)).count() == 1


def test_rt_07_a_hold_stops_the_sweep_until_it_is_lifted(regio):
    d = gesloten_dossier(regio, einddatum=dt.date(2026, 3, 10))
    rij = termijn(d)
    blokkade = services.blokkeer(
        actor=regio.actor(regio.fg),
        uuid=rij.uuid,
        reden="bezwaar",
        einddatum=dt.date(2042, 6, 1),
        toelichting="Bezwaar tegen de beslissing op het verzoek loopt.",
    )
    with time_machine.travel(op(dt.date(2041, 1, 1)), tick=False):
        lijst = services.maak_lijst(actor=regio.actor(regio.leidinggevende), peildatum=dt.date(2041, 1, 1))
        assert not lijst.items.exists()  # a held record is not listed
        assert services.opschonen().telling == {str(regio.gemeente.uuid): {"wacht:geblokkeerd": 1}}
        services.hef_op(actor=regio.actor(regio.leidinggevende), uuid=rij.uuid, blokkade_uuid=blokkade.uuid)
        goedgekeurde_lijst(regio, dt.date(2041, 1, 1))
        assert services.opschonen().telling == {str(regio.gemeente.uuid): {"vernietigd": 1, "personen": 1}}
    als_systeem()
    assert not Dossier.objects.filter(pk=d.pk).exists()


def test_rt_13_list_types_wait_for_both_approvals_and_kept_items_get_their_new_date(regio):
    weg = gesloten_dossier(regio, einddatum=dt.date(2026, 3, 10))
    blijft = gesloten_dossier(regio, einddatum=dt.date(2026, 5, 1))
    peil = dt.date(2041, 1, 1)
    with time_machine.travel(op(peil), tick=False):
        lijst = services.maak_lijst(actor=regio.actor(regio.leidinggevende), peildatum=peil)
        assert lijst.items.count() == 2
        services.beoordeel(
            actor=regio.actor(regio.leidinggevende),
            uuid=lijst.uuid,
            items=[
                {
                    "termijn": termijn(blijft).uuid,
                    "beoordeling": "bewaren",
                    "nieuwe_datum": dt.date(2043, 1, 1),
                    "reden": "Lopende procedure bij de rechter over de zorg.",
                }
            ],
        )
        services.keur_goed(actor=regio.actor(regio.leidinggevende), uuid=lijst.uuid)
        with pytest.raises(DomainError):  # the same person cannot approve twice
            services.keur_goed(actor=regio.actor(regio.leidinggevende), uuid=lijst.uuid)
        assert services.opschonen().telling == {
            str(regio.gemeente.uuid): {"wacht:geen_goedgekeurde_lijst": 2}
        }
        services.keur_goed(actor=regio.actor(regio.fg), uuid=lijst.uuid)
        assert services.opschonen().telling == {str(regio.gemeente.uuid): {"vernietigd": 1, "personen": 1}}
    als_systeem()
    assert not Dossier.objects.filter(pk=weg.pk).exists() and Dossier.objects.filter(pk=blijft.pk).exists()
    assert termijn(blijft).vervaldatum == dt.date(2043, 1, 1)  # RT-02 through the list
    lijst.refresh_from_db()
    assert lijst.status == "uitgevoerd"


def test_rt_03_rt_09_tombstone_and_audit_without_personal_data_and_idempotent(regio):
    d = gesloten_dossier(regio, einddatum=dt.date(2026, 3, 10))
    lisa = Dossier.objects.get(pk=d.pk).leden.get().persoon
    with time_machine.travel(op(dt.date(2041, 1, 1)), tick=False):
        goedgekeurde_lijst(regio, dt.date(2041, 1, 1))
        droog = services.opschonen(droog=True)
        assert droog.telling == {str(regio.gemeente.uuid): {"zou:vernietigd": 1}}
        assert Dossier.objects.filter(pk=d.pk).exists()  # a dry run changes nothing
        eerste = services.opschonen()
        assert services.opschonen().telling == {}  # nothing twice
    bewijs = termijn(d)
    assert (bewijs.uitkomst, bewijs.regel, bewijs.reden_versleuteld) == ("vernietigd", "dossier", "")
    assert bewijs.opschoonronde == eerste and bewijs.uitgevoerd_op is not None
    persoon_bewijs = Bewaartermijn.objects.get(objecttype="personen.persoon", object_uuid=lisa.uuid)
    assert persoon_bewijs.uitkomst == "vernietigd"
    entries = AuditRegel.objects.filter(actie__startswith="bewaren.")
    assert {e.actie for e in entries} == {
        "bewaren.vernietigd",
        "bewaren.persoon_vernietigd",
        "bewaren.opschoonronde",
    }
    assert all(e.betrokkene == "" and e.kanaal == "systeem" for e in entries)
    assert Opschoonronde.objects.filter(status="klaar").count() == 3


def test_person_goes_with_the_last_record_and_a_parent_known_only_through_the_child(regio):
    with time_machine.travel(op(dt.date(2026, 3, 1)), tick=False):
        lisa = hulp.client(regio)
        moeder = hulp.client(regio, voornamen="Sanne", geboortedatum=dt.date(1985, 2, 1))
        registreer_relatie(
            actor=regio.actor(regio.medewerker),
            persoon_uuid=lisa.uuid,
            ander_uuid=moeder.uuid,
            data={"soort": "ouder_met_gezag"},
        )
        tweede = hulp.dossier(regio, persoon=lisa)  # still open: Lisa stays
    gesloten_dossier(regio, persoon=lisa, einddatum=dt.date(2026, 3, 10))
    with time_machine.travel(op(dt.date(2041, 1, 1)), tick=False):
        goedgekeurde_lijst(regio, dt.date(2041, 1, 1))
        services.opschonen()
    als_systeem()
    assert Persoon.objects.filter(pk__in=[lisa.pk, moeder.pk]).count() == 2
    Dossier.objects.filter(pk=tweede.pk).update(status="gesloten", einddatum=dt.date(2026, 6, 1))
    Bewaartermijn.objects.filter(objecttype="dossiers.dossier", object_id=tweede.pk).update(
        brondatum=dt.date(2026, 6, 1), vervaldatum=dt.date(2041, 1, 1)
    )
    with time_machine.travel(op(dt.date(2041, 2, 1)), tick=False):
        goedgekeurde_lijst(regio, dt.date(2041, 2, 1))
        services.opschonen()
    als_systeem()
    assert not Persoon.objects.filter(pk__in=[lisa.pk, moeder.pk]).exists()
    assert not Pseudoniem.objects.filter(sleutel__in=[subject_key(lisa), subject_key(moeder)]).exists()


def test_consent_waits_while_a_record_still_relies_on_it(regio):
    """Consent: not destroyed before what relies on it (SPEC §10) — a request citing it keeps it."""
    from zorgvuldig.toestemmingen.models import Toestemming

    lisa = hulp.client(regio)
    als_systeem()
    t = Toestemming.objects.create(
        verwerkingsverantwoordelijke=regio.gemeente,
        organisatie=regio.wijkteam,
        betrokkene=lisa,
        soort="geheimhouding",
        status="ingetrokken",
        doel="afstemming met school",
        vorm="schriftelijk",
        datum=dt.date(2026, 1, 5),
        geldig_tot=dt.date(2026, 6, 30),
        vastgelegd_door=regio.medewerker,
    )
    assert termijn(t).vervaldatum == dt.date(2031, 6, 30)
    v = open_verzoek_op_toestemming(regio, lisa, t)
    with time_machine.travel(op(dt.date(2031, 7, 1)), tick=False):
        goedgekeurde_lijst(regio, dt.date(2031, 7, 1))
        assert services.opschonen().telling == {str(regio.gemeente.uuid): {"wacht:in_gebruik": 1}}
    als_systeem()
    assert Toestemming.objects.filter(pk=t.pk).exists() and termijn(t).uitkomst == ""
    v.delete()
    with time_machine.travel(op(dt.date(2031, 7, 2)), tick=False):
        assert services.opschonen().telling == {str(regio.gemeente.uuid): {"vernietigd": 1, "personen": 1}}


def test_rt_11_a_permanent_record_type_is_transferred_not_destroyed(regio, settings, tmp_path):
    settings.ZORGVULDIG_ARCHIEF_MAP = str(tmp_path)
    d = gesloten_dossier(regio, einddatum=dt.date(2026, 3, 10))
    regel = next(r for r in services.regels_voor(regio.gemeente.pk) if r.code == "dossier")
    services.wijzig_regel(actor=regio.actor(regio.beheerder), uuid=regel.uuid, archiefcategorie="1.1.2")
    with time_machine.travel(op(dt.date(2041, 1, 1)), tick=False):
        goedgekeurde_lijst(regio, dt.date(2041, 1, 1))
        ronde = services.opschonen()
    assert ronde.telling == {str(regio.gemeente.uuid): {"overgebracht": 1, "personen": 1}}
    assert termijn(d).uitkomst == "overgebracht"
    pakket = json.loads((tmp_path / str(ronde.uuid) / f"dossiers.dossier-{d.uuid}.json").read_text())
    tekst = json.dumps(pakket, ensure_ascii=False)
    assert "Huisbezoek afgelegd" in tekst  # the archive reads the content in clear
    assert "_versleuteld" not in tekst
    als_systeem()
    assert not Dossier.objects.filter(pk=d.pk).exists()


def test_rt_11_only_types_with_their_own_dates_can_be_permanent(regio):
    regel = next(r for r in services.regels_voor(regio.gemeente.pk) if r.code == "toegang")
    with pytest.raises(DomainError) as fout:
        services.wijzig_regel(actor=regio.actor(regio.beheerder), uuid=regel.uuid, archiefcategorie="1.1")
    assert fout.value.code == "E_INVALID_INPUT"


# --- E8: no BSN, then destruction on request (RI-10, RT-06, RT-01, AU-07) -------------------------------


def _tabellen_met(waarden: list[str]) -> dict[str, set[str]]:
    """Every table and column of the live database in which one of the values occurs."""
    gevonden: dict[str, set[str]] = {}
    with connection.cursor() as cur:
        for tabel in connection.introspection.table_names(cur):
            cur.execute(f"SELECT * FROM {connection.ops.quote_name(tabel)}")
            kolommen = [c[0] for c in cur.description]
            for rij in cur.fetchall():
                for kolom, waarde in zip(kolommen, rij, strict=True):
                    tekst = str(bytes(waarde) if isinstance(waarde, memoryview) else waarde)
                    for w in waarden:
                        if w in tekst:
                            gevonden.setdefault(w, set()).add(f"{tabel}.{kolom}")
    return gevonden


def test_e8_no_bsn_destruction_on_request_kept_payment_records_then_anonymous(regio, api):
    with time_machine.travel(op(dt.date(2025, 3, 3)), tick=False):
        man = hulp.client(
            regio,
            geslachtsnaam="Zwerfkens",
            voornamen="Gerrit",
            geboortedatum=dt.date(1970, 4, 4),
            bsn_ontbreekt_reden="Dakloos, BSN niet bekend (PE-01)",
        )
        d = hulp.dossier(regio, persoon=man)
        hulp.gestart(regio, d)
        gewoon = hulp.notitie(regio, d, tekst="Gerrit slaapt in de nachtopvang.")
        betaling = hulp.notitie(regio, d, tekst="Betaling borg kamer via fonds, 450 euro.")
    with time_machine.travel(op(dt.date(2025, 11, 28)), tick=False):
        from zorgvuldig.dossiers import services as dossiers

        dossiers.sluit_af(
            actor=regio.actor(regio.medewerker),
            uuid=d.uuid,
            data={
                "einddatum": dt.date(2025, 11, 28),
                "client_oordeel": "Goed.",
                "resultaten": "Woont op kamer.",
                "reden": "afgerond",
            },
        )
    assert termijn(d).vervaldatum == dt.date(2040, 1, 1)  # RT-01
    verstrekking(regio, man, datum=dt.date(2025, 6, 1))  # an earlier recipient: the school
    ontvangen = dt.date(2026, 2, 2)
    with time_machine.travel(op(ontvangen), tick=False):
        r = api(regio.medewerker).post(
            V,
            {
                "soort": "vernietiging",
                "betrokkene": {"persoon": persoon_url(man)},
                "hoedanigheid": "zelf",
                "schriftelijk": True,
                "toelichting": "Ik wil dat alles over mij wordt vernietigd.",
            },
            format="json",
        )
        assert r.status_code == 201, r.content
        url = r.json()["url"]
        lg = api(regio.leidinggevende)  # a session of that day
        assert r.json()["uitvoeringstermijn"] == "2026-05-02"  # RI-10: within 3 months of receipt
        assert lg.post(f"{url}/_verifieren", VERIFIEER, format="json").status_code == 200
        assert lg.post(f"{url}/_beoordelen", {}, format="json").status_code == 200
    with time_machine.travel(op(dt.date(2026, 2, 20)), tick=False):
        lg = api(regio.leidinggevende)
        r = lg.post(
            f"{url}/_besluiten",
            {
                "uitkomst": "gedeeltelijk",
                "redenen": "Alles wordt vernietigd behalve de betaling: die controleert het fonds.",
                "achtergehouden": [{"item": str(betaling.uuid), "grond": "wettelijke_plicht"}],  # RI-10 b
                "mandaat": mandaat(regio.leidinggevende),
            },
            format="json",
        )
        assert r.status_code == 200, r.content
        assert r.json()["besluitTijdig"] is True  # RI-16: within 4 weeks
        r = lg.post(f"{url}/_uitvoeren", {}, format="json")
        assert r.status_code == 200, r.content
        assert r.json()["uitvoering"]["vernietiging"] == {"records": 0, "onderdelen": 1}
        assert lg.post(f"{url}/_afsluiten", {}, format="json").status_code == 200
    als_systeem()
    assert set(Notitie.objects.filter(dossier=d).values_list("uuid", flat=True)) == {betaling.uuid}
    assert termijn(gewoon).uitkomst == "vernietigd"  # RT-03: the tombstone of the destroyed note
    from zorgvuldig.berichten.models import Bericht

    assert Bericht.objects.filter(aan="directie@hetbaken.example.org").exists()  # RI-11
    # 1 January 2040: the kept record is due; the list is approved and the sweep destroys the rest
    with time_machine.travel(op(dt.date(2040, 1, 1)), tick=False):
        lijst = goedgekeurde_lijst(regio, dt.date(2040, 1, 1))
        assert lijst.items.count() == 2  # the dossier and the closed request (admin_years)
        services.opschonen()
    als_systeem()
    assert not Persoon.objects.filter(pk=man.pk).exists()
    assert not Pseudoniem.objects.filter(sleutel=subject_key(man)).exists()  # AU-07
    assert AuditRegel.objects.filter(object_uuid=str(man.uuid)).exists()  # the entries stay, anonymous
    verzegel_alles()
    assert verifieer().ok


@pytest.mark.parametrize("bsn", ["111222333"])
def test_after_destruction_no_table_holds_the_persons_identifiers(regio, api, bsn):
    """AU-06/AU-07: after the sweep, no table of the live database — the log included — holds the
    person's name, BSN, blind index or pseudonym mapping; the pseudonym is left only in the log's
    subject column, where nothing links it to anyone any more."""
    from zorgvuldig.core import crypto

    with time_machine.travel(op(dt.date(2026, 3, 1)), tick=False):
        lisa = hulp.client(
            regio, geslachtsnaam="Oosterwijk", voornamen="Merel", bsn=bsn, bsn_ontbreekt_reden=""
        )
    d = gesloten_dossier(regio, persoon=lisa, einddatum=dt.date(2026, 3, 10))
    api(regio.medewerker).get(f"/api/v1/personen/{lisa.uuid}")  # a read in the log
    als_systeem()
    pseudoniem = Pseudoniem.objects.get(sleutel=subject_key(lisa)).pseudoniem
    index = Persoon.objects.get(pk=lisa.pk).bsn_index
    kenmerken = ["Oosterwijk", "Merel", bsn, index, subject_key(lisa), *crypto.blind_index_candidates(bsn)]
    assert _tabellen_met(kenmerken)  # before: the person's row holds them
    with time_machine.travel(op(dt.date(2041, 1, 1)), tick=False):
        goedgekeurde_lijst(regio, dt.date(2041, 1, 1))
        services.opschonen()
    als_systeem()
    assert not Dossier.objects.filter(pk=d.pk).exists()
    assert _tabellen_met(kenmerken) == {}
    assert _tabellen_met([pseudoniem]) == {pseudoniem: {"audit_auditregel.betrokkene"}}
    # tombstones hold type, uuid, rule, dates and outcome only
    for bewijs in Bewaartermijn.objects.exclude(uitkomst=""):
        assert bewijs.reden_versleuteld == "" and not bewijs.blokkades.exists()
    verzegel_alles()
    assert verifieer().ok


def test_rt_13_an_approval_covers_the_date_it_judged_not_a_later_one(regio):
    """Approved, then extended: on the new date the record needs a new list (RT-02, RT-13)."""
    d = gesloten_dossier(regio, einddatum=dt.date(2026, 3, 10))
    peil = dt.date(2041, 1, 1)
    with time_machine.travel(op(peil), tick=False):
        goedgekeurde_lijst(regio, peil)
        services.verleng(
            actor=regio.actor(regio.leidinggevende),
            uuid=termijn(d).uuid,
            nieuwe_datum=dt.date(2041, 2, 1),
            reden="De inspectie onderzoekt de hulp; het dossier blijft tot dan.",
        )
    assert termijn(d).lijst is None
    with time_machine.travel(op(dt.date(2041, 2, 2)), tick=False):
        assert services.opschonen().telling == {
            str(regio.gemeente.uuid): {"wacht:geen_goedgekeurde_lijst": 1}
        }
    als_systeem()
    assert Dossier.objects.filter(pk=d.pk).exists()


def test_ri_10_a_destruction_request_needs_no_list_and_a_later_save_keeps_its_date(regio):
    """RI-10/RT-06: the granted request made the record due; no list takes it, no save moves it."""
    d = gesloten_dossier(regio, einddatum=dt.date(2026, 3, 10))
    als_systeem()
    verzoek = toegewezen_verzoek(regio, d.leden.get().persoon)
    from django.db import transaction

    with transaction.atomic():
        assert services.vernietig_op_verzoek(
            actor=regio.actor(regio.leidinggevende), verzoek=verzoek, behouden=set()
        ) == {"records": 1, "onderdelen": 0}
    assert termijn(d).vervaldatum == dt.date.today()
    lijst = services.maak_lijst(actor=regio.actor(regio.leidinggevende), peildatum=dt.date.today())
    assert not lijst.items.exists()
    Dossier.objects.get(pk=d.pk).save()  # e.g. the closure confirmed afterwards
    assert termijn(d).vervaldatum == dt.date.today()
    verzoek.delete()
    assert services.opschonen().telling == {str(regio.gemeente.uuid): {"vernietigd": 1, "personen": 1}}


def test_rt_01_a_wgbo_care_file_is_kept_20_years_after_its_last_change(regio):
    """retention.sector_terms: a closed file of a Wgbo care provider is due 20 years after its last change
    (BW 7:454(3)); a later change to one of its items moves the date; a team's file keeps RT-01."""
    als_systeem()
    type(regio.wijkteam).objects.filter(pk=regio.wijkteam.pk).update(type="wgbo_zorg")
    d = gesloten_dossier(regio, einddatum=dt.date(2024, 3, 10))
    rij = termijn(d)
    assert (rij.brondatum, rij.vervaldatum) == (dt.date(2024, 3, 10), dt.date(2044, 3, 10))
    notitie = Notitie.objects.get(dossier=d)
    with time_machine.travel(op(dt.date(2025, 1, 7)), tick=False):
        notitie.save()  # e.g. shielded or corrected on request (RI-09)
    rij = termijn(d)
    assert (rij.brondatum, rij.vervaldatum) == (dt.date(2025, 1, 7), dt.date(2045, 1, 7))

    type(regio.wijkteam).objects.filter(pk=regio.wijkteam.pk).update(type="gemeentelijk_team")
    team = gesloten_dossier(regio, einddatum=dt.date(2024, 3, 10))
    assert termijn(team).vervaldatum == dt.date(2039, 1, 1)
    with time_machine.travel(op(dt.date(2025, 1, 7)), tick=False):
        Notitie.objects.get(dossier=team).save()
    assert termijn(team).vervaldatum == dt.date(2039, 1, 1)  # RT-01 counts from the end year only
