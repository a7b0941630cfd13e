"""Review of commit e14d990 as a careless or malicious user would use it: AC-12 (partner-held data),
RP-06 (same-address alert: staff address indexes), RP-04 (unfetched exports expire) and RG-05 (breach
notifier default for a shared module). Failures found here were fixed in the apps; the other tests are
regression guards of what held."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.conftest import als_systeem, maak_gebruiker
from zorgvuldig.core.errors import DomainError

pytestmark = pytest.mark.django_db
BSN = "111222333"  # fictional, a valid-looking 9-digit number a careless user pastes


# --- AC-12: partner-held data -------------------------------------------------------------------------


@pytest.fixture
def pr(regio):
    from zorgvuldig.dossiers.tests.test_partnergegevens import Partnerregio

    return Partnerregio(regio)


@pytest.mark.parametrize(
    "organisatie",
    [
        f"niet-een-url-{BSN}",
        f"http://testserver/api/v1/organisaties/{BSN}",
        f"http://testserver/api/v1/personen/{BSN}",
    ],
)
def test_ac_12_garbage_partner_reference_is_400_without_echoing_it(regio, api, pr, organisatie):
    from zorgvuldig.dossiers.models import Notitie
    from zorgvuldig.dossiers.tests.test_partnergegevens import body, notities_url

    data = body(pr.ggd)
    data["bron"]["organisatie"] = organisatie
    r = api(pr.sanne).post(notities_url(pr.dossier), data, format="json")
    assert r.status_code == 400 and r["Content-Type"].startswith("application/problem+json")
    assert [i["name"] for i in r.json()["invalidParams"]] == ["bron.organisatie"]
    assert BSN not in r.content.decode()
    als_systeem()
    assert not Notitie.objects.exists()


def test_ac_12_besproken_must_be_true_not_null_and_partner_statements_only_with_partner(regio, api, pr):
    from zorgvuldig.dossiers.models import Notitie
    from zorgvuldig.dossiers.tests.test_partnergegevens import body, notities_url

    client = api(pr.sanne)
    data = body(pr.ggd)
    data["bron"]["besprokenMetClient"] = None
    r = client.post(notities_url(pr.dossier), data, format="json")
    assert r.status_code == 403 and r.json()["code"] == "E_AC_PARTNER_DATA"
    assert [i["name"] for i in r.json()["invalidParams"]] == ["bron.besprokenMetClient"]
    # An ordinary source smuggling the partner's name in is refused, not silently stored.
    data = body(pr.ggd, soort="derde")
    r = client.post(notities_url(pr.dossier), data, format="json")
    assert r.status_code == 400 and r.json()["code"] == "E_INVALID_INPUT"
    assert {i["name"] for i in r.json()["invalidParams"]} >= {"bron.organisatie", "bron.noodzaak"}
    # Over-long necessity: 400 from the serializer, nothing stored.
    data = body(pr.ggd, noodzaak="x" * 2001)
    assert client.post(notities_url(pr.dossier), data, format="json").status_code == 400
    als_systeem()
    assert not Notitie.objects.exists()


def test_ac_12_naming_the_acting_organisation_as_partner_is_refused(regio, api, pr):
    """The acting organisation is no partner, even for a seconded member who names it."""
    from zorgvuldig.dossiers.tests.test_partnergegevens import body, notities_url

    r = api(pr.sanne).post(notities_url(pr.dossier), body(regio.wijkteam), format="json")
    assert r.status_code == 403 and r.json()["code"] == "E_AC_PARTNER_DATA"


# --- RP-06: staff address indexes ---------------------------------------------------------------------


def test_rp_06_load_for_a_user_who_moved_from_another_controller_replaces_the_old_index(regio):
    """A staff member moved from the gemeente to the school keeps the gemeente's index until the gemeente
    reloads; the school's load must not crash on it (one index per user) but take the user over."""
    from zorgvuldig.organisaties.models import Gebruiker
    from zorgvuldig.toegangsbewaking import services
    from zorgvuldig.toegangsbewaking.models import Adresindex
    from zorgvuldig.toegangsbewaking.services import Adresregel
    from zorgvuldig.toegangsbewaking.tests.hulp import AAN, aanzetten, dpia, instemming

    aanzetten(regio)
    services.vervang_adressen(regio.gemeente, [Adresregel(2, regio.medewerker.email, "2921AA", "12")])
    Gebruiker.objects.filter(pk=regio.medewerker.pk).update(organisatie=regio.school)
    school_fg = maak_gebruiker(regio.school, "fg@hetbaken.example.org", ["fg"], naam="FG Het Baken")
    with time_machine.travel(AAN, tick=False):
        dpia(regio.school_vv)
        instemming(regio, fg=school_fg)
        services.activeer(actor=regio.actor(school_fg))
    uitkomst = services.vervang_adressen(
        regio.school_vv, [Adresregel(2, regio.medewerker.email, "2921AB", "7")]
    )
    assert uitkomst.opgeslagen == 1
    als_systeem()
    rij = Adresindex.objects.get(gebruiker=regio.medewerker)
    assert rij.verwerkingsverantwoordelijke_id == regio.school_vv.pk
    assert rij.index == services.adres_index(regio.school_vv.uuid, "2921AB|7|")


def test_rp_06_indexes_go_when_the_dpia_no_longer_holds(regio):
    """The addresses are processed on the DPIA and consent only: the daily job that skips a controller
    whose DPIA is no longer approved deletes its address indexes, as switching off does."""
    from zorgvuldig.registers.models import Dpia
    from zorgvuldig.toegangsbewaking import services
    from zorgvuldig.toegangsbewaking.models import Adresindex
    from zorgvuldig.toegangsbewaking.services import Adresregel
    from zorgvuldig.toegangsbewaking.tests.hulp import DAG, aanzetten, op

    aanzetten(regio)
    services.vervang_adressen(regio.gemeente, [Adresregel(2, regio.medewerker.email, "2921AA", "12")])
    Dpia.objects.filter(verwerkingsverantwoordelijke=regio.gemeente).update(status=Dpia.Status.IN_HERZIENING)
    with op(DAG, 6):
        uitkomst = services.dagelijks(DAG)
    assert uitkomst["overgeslagen"] == 1
    als_systeem()
    assert not Adresindex.objects.filter(verwerkingsverantwoordelijke=regio.gemeente).exists()
    regel = AuditRegel.objects.filter(actie="toegangsbewaking.gescand").latest("id")
    assert regel.koppeling["adresindexen_gewist"] == 1


def test_rp_06_command_output_and_audit_hold_no_bsn_or_address_from_a_wrong_file(regio, tmp_path):
    """A careless operator loads a file with BSNs instead of e-mails and an address in the wrong column."""
    import io

    from django.core.management import call_command

    from zorgvuldig.toegangsbewaking.models import Adresindex
    from zorgvuldig.toegangsbewaking.tests.hulp import aanzetten

    aanzetten(regio)
    pad = tmp_path / "hr.csv"
    pad.write_text(
        f"email;postcode;huisnummer;toevoeging\n{BSN};2921AA;12;\n"
        f"{regio.medewerker.email};{BSN};12;\n"
        f"{regio.collega.email};2921AA;12;A\n{regio.collega.email.upper()};2921AB;3;\n",
        encoding="utf-8",
    )
    uit = io.StringIO()
    call_command("toegangsbewaking_adressen", str(pad), controller="gemeente-krimpen", stdout=uit)
    tekst = uit.getvalue()
    assert BSN not in tekst and "2921" not in tekst and "@" not in tekst
    assert "regel 2" in tekst and "regel 3" in tekst
    als_systeem()
    regels = AuditRegel.objects.filter(actie="toegangsbewaking.adressen_vervangen")
    assert BSN not in str([r.chain_fields() for r in regels]) and "2921" not in str(
        [r.chain_fields() for r in regels]
    )
    # a duplicate e-mail (any case): the later line wins, one index
    [rij] = Adresindex.objects.all()
    assert rij.gebruiker_id == regio.collega.pk


# --- RP-04: export expiry -----------------------------------------------------------------------------


@pytest.fixture
def ontvanger(regio):
    from zorgvuldig.monitoring.tests import hulp

    return hulp.Ontvanger(regio)


GEMAAKT = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def _export(regio, ontvanger):
    from zorgvuldig.monitoring import services
    from zorgvuldig.monitoring.tests import hulp

    with time_machine.travel(GEMAAKT, tick=False):
        d = hulp.goedgekeurd(regio, ontvanger.org)
        return services.maak_export(actor=hulp.als(regio, regio.leidinggevende), uuid=d.uuid)


def test_rp_04_fetch_at_the_expiry_moment_is_refused_before_the_sweep_ran(regio, ontvanger):
    """The sweep runs hourly; a fetch in between must not hand out an export past its retention."""
    from zorgvuldig.monitoring import services
    from zorgvuldig.monitoring.models import Export
    from zorgvuldig.monitoring.tests import hulp

    export = _export(regio, ontvanger)
    actor = hulp.als(regio, ontvanger.lg)
    with (
        time_machine.travel(GEMAAKT + dt.timedelta(days=30), tick=False),
        pytest.raises(DomainError) as fout,
    ):
        services.haal_op(actor=actor, definitie_uuid=export.definitie.uuid, uuid=export.uuid)
    assert fout.value.code == "E_STATE_CONFLICT" and "verlopen" in fout.value.detail
    als_systeem()
    assert Export.objects.get(pk=export.pk).opgehaald_op is None
    assert AuditRegel.objects.filter(actie="export.opgehaald", status="geweigerd").exists()


def test_rp_04_fetch_just_before_the_expiry_moment_still_works(regio, ontvanger):
    from zorgvuldig.monitoring import services
    from zorgvuldig.monitoring.tests import hulp

    export = _export(regio, ontvanger)
    with time_machine.travel(GEMAAKT + dt.timedelta(days=30, seconds=-1), tick=False):
        _, inhoud = services.haal_op(
            actor=hulp.als(regio, ontvanger.lg), definitie_uuid=export.definitie.uuid, uuid=export.uuid
        )
    assert inhoud


def test_rp_04_a_fetched_export_is_not_reported_expired_and_a_withdrawn_ones_is_wiped(regio, ontvanger):
    from zorgvuldig.monitoring import services
    from zorgvuldig.monitoring.models import Export
    from zorgvuldig.monitoring.tests import hulp

    opgehaald = _export(regio, ontvanger)
    ingetrokken = _export(regio, ontvanger)
    with time_machine.travel(GEMAAKT + dt.timedelta(days=1), tick=False):
        services.haal_op(
            actor=hulp.als(regio, ontvanger.lg), definitie_uuid=opgehaald.definitie.uuid, uuid=opgehaald.uuid
        )
    als_systeem()
    from zorgvuldig.monitoring.models import Exportdefinitie

    Exportdefinitie.objects.filter(pk=ingetrokken.definitie_id).update(status="ingetrokken")
    with time_machine.travel(GEMAAKT + dt.timedelta(days=31), tick=False):
        assert services.ruim_op() == 1
    als_systeem()
    assert Export.objects.get(pk=opgehaald.pk).verlopen_op is None
    rij = Export.objects.get(pk=ingetrokken.pk)
    assert rij.verlopen_op is not None and rij.inhoud_versleuteld == ""


# --- RG-05: the breach notifier default ---------------------------------------------------------------


@pytest.fixture
def regeling(regio):
    from zorgvuldig.datalekken.tests.hulp import regeling

    return regeling(regio)


def test_rg_05_module_corrected_later_gives_the_arrangements_notifier(regio, api, regeling):
    """Facts may be corrected until the decision: a breach first recorded as own processing and then
    corrected (PATCH) to the verwijsindex, the FG never having chosen a notifier, gets the arrangement's
    notifier, as it would have at registration."""
    from zorgvuldig.datalekken.tests.hulp import D, datalek

    rij = datalek(regio)
    assert rij.melder_id == regio.gemeente.pk
    r = api(regio.fg).patch(f"{D}/{rij.uuid}", {"module": "verwijsindex"}, format="json")
    assert r.status_code == 200, r.content
    assert r.json()["melder"].endswith(f"/verwerkingsverantwoordelijken/{regio.school_vv.uuid}")
    # and back to own processing: the own controller again
    r = api(regio.fg).patch(f"{D}/{rij.uuid}", {"module": None}, format="json")
    assert r.json()["melder"].endswith(f"/verwerkingsverantwoordelijken/{regio.gemeente.uuid}")


def test_rg_05_fg_choice_survives_a_module_correction(regio, api, regeling):
    from zorgvuldig.datalekken.tests.hulp import D, datalek

    rij = datalek(regio, module="casusoverleg", melder=regio.school_vv)
    r = api(regio.fg).patch(f"{D}/{rij.uuid}", {"module": "verwijsindex"}, format="json")
    assert r.json()["melder"].endswith(f"/verwerkingsverantwoordelijken/{regio.school_vv.uuid}")
    r = api(regio.fg).patch(f"{D}/{rij.uuid}", {"module": ""}, format="json")
    assert r.json()["melder"].endswith(f"/verwerkingsverantwoordelijken/{regio.school_vv.uuid}")


def test_rg_05_invalid_module_is_400_without_echo_and_non_fg_cannot_register(regio, api, regeling):
    from zorgvuldig.core.clock import now
    from zorgvuldig.datalekken.tests.hulp import D

    body = {"ontdektOp": (now() - dt.timedelta(hours=1)).isoformat(), "omschrijving": "Iets gebeurd."}
    for module in (BSN, "x" * 21, 7, ["verwijsindex"]):
        r = api(regio.fg).post(D, {**body, "module": module}, format="json")
        assert r.status_code == 400, (module, r.content)
        assert BSN not in r.content.decode()
    for wie in (regio.medewerker, regio.leidinggevende, regio.beheerder):
        r = api(wie).post(D, {**body, "module": "verwijsindex"}, format="json")
        assert r.status_code in (403, 404), r.content
