"""The sweep: archive, purge, reminders (VI-14, VI-20, VI-21, RT-04) — it only cleans up (RT-12)."""

from __future__ import annotations

import datetime as dt

import pytest

from zorgvuldig.audit.models import Pseudoniem
from zorgvuldig.berichten.models import Bericht
from zorgvuldig.conftest import als_systeem
from zorgvuldig.verstrekkingen.models import Verstrekking
from zorgvuldig.verwijsindex import services
from zorgvuldig.verwijsindex.models import ArchiefSignaal, Match, Notificatie, Signaal, Verantwoording

pytestmark = pytest.mark.django_db


def test_vi_21_ended_signals_become_a_minimal_archive_record(vi, regio):
    """VI-21: withdrawal → archive record with pseudonym, organisation, signaler, dates and who got which
    notice when; the signal, its justification and the BSN are gone."""
    s1 = vi.signaleer(regio.leraar)
    vi.signaleer(regio.medewerker)
    services.trek_signaal_in(actor=regio.actor(regio.leraar), uuid=s1.uuid)
    als_systeem()
    assert services.archiveer() == {"gearchiveerd": 1}
    rij = ArchiefSignaal.objects.get()
    assert rij.signaal_uuid == s1.uuid and rij.einde == "ingetrokken" and rij.organisatie == regio.school
    assert rij.einddatum == dt.date.today()
    assert len(rij.betrokkene) == 32 and Pseudoniem.objects.filter(pseudoniem=rij.betrokkene).exists()
    [match] = rij.matches
    assert match["opgeheven"] == dt.date.today().isoformat()
    assert {n["aan"] for n in match["notificaties"]} == {
        "Jan de Vries (OSG Het Baken)",
        "Fatima El Amrani (Wijkteam Krimpen)",
    }
    assert not Signaal.objects.filter(pk=s1.pk).exists()
    assert Verantwoording.objects.count() == 1  # only the active signal's
    assert "999993653" not in str(ArchiefSignaal.objects.values().get())
    # a second sweep changes nothing (idempotent)
    assert services.archiveer() == {"gearchiveerd": 0}


def test_rt_04_expired_signal_is_archived_on_its_removal_date_not_before(vi, regio):
    s = vi.signaleer(regio.leraar)
    als_systeem()
    eind = Signaal.objects.get(pk=s.pk).verwijderdatum
    assert services.archiveer(eind - dt.timedelta(days=1)) == {"gearchiveerd": 0}
    assert services.archiveer(eind) == {"gearchiveerd": 1}
    assert ArchiefSignaal.objects.get().einde == "verlopen"


def test_vi_21_match_goes_with_its_last_signal_and_notices_stay_for_the_other_archive(vi, regio):
    s1 = vi.signaleer(regio.leraar)
    s2 = vi.signaleer(regio.medewerker)
    services.trek_signaal_in(actor=regio.actor(regio.leraar), uuid=s1.uuid)
    als_systeem()
    services.archiveer()
    assert Match.objects.count() == 1 and Notificatie.objects.count() == 2
    services.trek_signaal_in(actor=regio.actor(regio.medewerker), uuid=s2.uuid)
    als_systeem()
    services.archiveer()
    assert Match.objects.count() == 0
    tweede = ArchiefSignaal.objects.get(signaal_uuid=s2.uuid)
    assert len(tweede.matches[0]["notificaties"]) == 2
    eerste = ArchiefSignaal.objects.get(signaal_uuid=s1.uuid)
    assert tweede.betrokkene == eerste.betrokkene  # one pseudonym per youth


def test_rt_04_archive_purged_after_archive_months_then_pseudonym_and_vi_disclosures_go(vi, regio):
    """RT-04 / AU-07: purged `vi.archive_months` after the end; with nothing left of the youth, the VI
    disclosure entries and the pseudonym mapping are deleted (old audit entries become anonymous)."""
    s1 = vi.signaleer(regio.leraar)
    s2 = vi.signaleer(regio.medewerker)
    for s, g in ((s1, regio.leraar), (s2, regio.medewerker)):
        services.trek_signaal_in(actor=regio.actor(g), uuid=s.uuid)
    als_systeem()
    services.archiveer()
    pseudoniem = ArchiefSignaal.objects.first().betrokkene
    purge = ArchiefSignaal.objects.first().purgeren_op
    from zorgvuldig.verwijsindex.policies import archief_purge_op

    assert purge == archief_purge_op(dt.date.today(), 24)  # `vi.archive_months` default
    assert services.purgeer(purge - dt.timedelta(days=1)) == {"gepurgeerd": 0}
    assert Verstrekking.objects.filter(bron="vi_match").count() == 2
    assert services.purgeer(purge) == {"gepurgeerd": 2}
    assert not ArchiefSignaal.objects.exists()
    assert not Verstrekking.objects.filter(bron="vi_match").exists()
    assert not Pseudoniem.objects.filter(pseudoniem=pseudoniem).exists()
    # RT-03: a tombstone per purged archive record, without the pseudonym
    from zorgvuldig.bewaren.models import Bewaartermijn

    bewijzen = Bewaartermijn.objects.filter(objecttype="verwijsindex.archiefsignaal", regel="vi_archief")
    assert [b.uitkomst for b in bewijzen] == ["vernietigd", "vernietigd"]


def test_rt_04_pseudonym_stays_while_the_youth_still_has_an_active_signal(vi, regio):
    s1 = vi.signaleer(regio.leraar)
    vi.signaleer(regio.medewerker)
    services.trek_signaal_in(actor=regio.actor(regio.leraar), uuid=s1.uuid)
    als_systeem()
    services.archiveer()
    rij = ArchiefSignaal.objects.get()
    services.purgeer(rij.purgeren_op)
    assert Pseudoniem.objects.filter(pseudoniem=rij.betrokkene).exists()
    assert Verstrekking.objects.filter(bron="vi_match").count() == 2


def test_vi_20_reminder_once_14_days_before_the_removal_date(vi, regio):
    s = vi.signaleer(regio.leraar)
    als_systeem()
    eind = Signaal.objects.get(pk=s.pk).verwijderdatum
    assert services.herinner(eind - dt.timedelta(days=15)) == {"herinneringen": 0}
    assert services.herinner(eind - dt.timedelta(days=14)) == {"herinneringen": 1}
    assert services.herinner(eind - dt.timedelta(days=10)) == {"herinneringen": 0}  # once
    b = Bericht.objects.get(sleutel__startswith="vi-herinnering")
    assert b.aan == regio.leraar.email and "999993653" not in b.tekst


def test_vi_14_reminder_after_10_working_days_without_youth_informed(vi, regio):
    vi.signaleer(regio.leraar)
    vi.signaleer(regio.medewerker)
    als_systeem()
    from zorgvuldig.verwijsindex.policies import informeren_uiterlijk

    uiterlijk = informeren_uiterlijk(dt.date.today())
    assert services.herinner(uiterlijk - dt.timedelta(days=1))["herinneringen"] == 0
    assert services.herinner(uiterlijk)["herinneringen"] == 2
    assert services.herinner(uiterlijk)["herinneringen"] == 0


def test_vi_22_family_matching_cannot_be_switched_on_without_its_basis(regio):
    """VI-22: off by default; enabling needs extended_2009 or a household processing
    (E_VI_FAMILY_MATCH_BASIS); every change is audited (AU-02)."""
    from zorgvuldig.audit.models import AuditRegel
    from zorgvuldig.core.errors import DomainError
    from zorgvuldig.verwijsindex.models import Instellingen

    actor = regio.actor(regio.beheerder)
    with pytest.raises(DomainError) as fout:
        services.wijzig_instellingen(actor=actor, family_matching=True)
    assert fout.value.code == "E_VI_FAMILY_MATCH_BASIS" and fout.value.status == 409
    assert Instellingen.huidig().family_matching is False
    with pytest.raises(DomainError) as fout:  # GP-04: widening is the FG's, with an approved DPIA
        services.wijzig_instellingen(actor=actor, family_matching=True, field_set="extended_2009")
    assert fout.value.code == "E_VI_CRITERION_DISABLED"
    from zorgvuldig.registers.models import Dpia, Verwerkingsactiviteit

    dpia = Dpia.objects.create(
        verwerkingsverantwoordelijke=regio.gemeente,
        verwerkingsactiviteit=Verwerkingsactiviteit.objects.get(code="verwijsindex"),
        status=Dpia.Status.GOEDGEKEURD,
    )
    services.wijzig_instellingen(
        actor=regio.actor(regio.fg),
        family_matching=True,
        field_set="extended_2009",
        verruiming_dpia=dpia.uuid,
    )
    assert Instellingen.huidig().family_matching is True
    regel = AuditRegel.objects.filter(actie="configuratie.gewijzigd").last()
    assert set(regel.velden) == {"vi.family_matching", "vi.field_set", "vi.verruiming_dpia"}


def test_vi_22_gp_04_settings_in_the_admin_go_through_the_service(regio, client):
    from zorgvuldig.conftest import aanmelden
    from zorgvuldig.verwijsindex.models import Instellingen

    inst = Instellingen.huidig()
    aanmelden(client, regio.beheerder)
    url = f"/admin/verwijsindex/instellingen/{inst.pk}/change/"
    data = {
        "field_set": "statutory",
        "match_scope": "organisation",
        "family_matching": "on",
        "huishoudverwerking": "",
        "archive_months": "24",
        "exit_days": "30",
    }
    r = client.post(url, data)
    assert r.status_code == 200 and "VI-22" in r.content.decode()
    assert Instellingen.huidig().family_matching is False
    data.pop("family_matching")
    data["archive_months"] = "60"
    assert client.post(url, data).status_code == 302
    assert Instellingen.huidig().archive_months == 60
    # GP-04: the admin does not widen the field set (the FG does, with a DPIA, through the API)
    data["field_set"] = "extended_2009"
    r = client.post(url, data)
    assert r.status_code == 200 and "alleen de FG" in r.content.decode()
    assert Instellingen.huidig().field_set == "statutory"
