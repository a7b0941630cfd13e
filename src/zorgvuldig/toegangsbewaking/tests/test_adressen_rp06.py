"""RP-06 "access to a person with the same address as the user": the operator loads the staff's home
addresses from the HR system while monitoring is on; only a keyed index is stored; the daily job flags a
look-up of a person at that address; switching monitoring off deletes every index. New alerts e-mail
the FG once per run, without personal data."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.berichten.models import Bericht
from zorgvuldig.core.errors import DomainError
from zorgvuldig.toegangsbewaking import services
from zorgvuldig.toegangsbewaking.models import Adresindex, Signalering
from zorgvuldig.toegangsbewaking.services import Adresregel
from zorgvuldig.toegangsbewaking.tests.hulp import DAG, VOLGENDE_DAG, aanzetten, als_systeem, op, persoon

pytestmark = pytest.mark.django_db
COMMANDO = "toegangsbewaking_adressen"  # `zorgvuldig toegangsbewaking-adressen`
ADRES = {"adres_postcode": "2921AA", "adres_huisnummer": "12", "adres_huisnummertoevoeging": "a"}


def _bestand(tmp_path, *regels: str):
    pad = tmp_path / "hr.csv"
    pad.write_text("email;postcode;huisnummer;toevoeging\n" + "\n".join(regels) + "\n", encoding="utf-8")
    return pad


def _laad(tmp_path, *regels: str, controller: str = "gemeente-krimpen") -> str:
    uit = io.StringIO()
    call_command(COMMANDO, str(_bestand(tmp_path, *regels)), controller=controller, stdout=uit)
    return uit.getvalue()


def test_rp_06_address_load_refused_while_monitoring_is_off(regio, tmp_path):
    with pytest.raises(CommandError) as exc:
        _laad(tmp_path, "f.elamrani@krimpen.example.org;2921 AA;12;A")
    assert exc.value.returncode == 3 and "RP-06" in str(exc.value)
    assert not Adresindex.objects.exists()
    geweigerd = AuditRegel.objects.get(actie="toegangsbewaking.adressen_vervangen")
    assert (geweigerd.status, geweigerd.code) == ("geweigerd", "E_RP_MONITORING_NOT_APPROVED")
    assert geweigerd.verwerkingsverantwoordelijke == str(regio.gemeente.uuid)
    # after switching off as well
    aanzetten(regio)
    services.deactiveer(actor=regio.actor(regio.fg))
    with pytest.raises(DomainError):
        services.vervang_adressen(regio.gemeente, [Adresregel(2, regio.medewerker.email, "2921AA", "12")])
    assert not Adresindex.objects.exists()


def test_rp_06_address_load_stores_only_a_keyed_index_and_counts(regio, tmp_path):
    aanzetten(regio)
    uit = _laad(
        tmp_path,
        "F.ElAmrani@krimpen.example.org;2921 aa;12;a",
        "p.devos@krimpen.example.org;2921AB;7;",
        "onbekend@krimpen.example.org;2921AC;1;",
        "j.devries@hetbaken.example.org;2921AD;3;",  # staff of another controller: unknown here
        "m.bakker@krimpen.example.org;geen postcode;3;",
    )
    rijen = {r.gebruiker_id: r for r in Adresindex.objects.all()}
    assert set(rijen) == {regio.medewerker.pk, regio.collega.pk}
    for rij in rijen.values():
        versie, digest = rij.index.split(":")
        assert versie.isdigit() and len(digest) == 64
        assert "2921" not in rij.index
    assert rijen[regio.medewerker.pk].index != rijen[regio.collega.pk].index
    # the same address gives the same index; another controller gets another index for it
    assert rijen[regio.medewerker.pk].index == services.adres_index(regio.gemeente.uuid, "2921AA|12|A")
    assert rijen[regio.medewerker.pk].index != services.adres_index(regio.school_vv.uuid, "2921AA|12|A")
    # output and audit entry: counts and line numbers only
    assert "2 adresindex(en) opgeslagen" in uit and "regel 4, 5" in uit and "regel 6" in uit
    assert "2921" not in uit and "@" not in uit
    regel = AuditRegel.objects.get(actie="toegangsbewaking.adressen_vervangen", status="uitgevoerd")
    assert regel.koppeling == {"opgeslagen": 2, "vervangen": 0, "onbekend": 2, "ongeldig": 1}
    assert regel.velden == ["adresindex"] and regel.betrokkene == ""


def test_rp_06_address_load_replaces_the_set_and_deactivation_deletes_it(regio, tmp_path):
    aanzetten(regio)
    _laad(tmp_path, "f.elamrani@krimpen.example.org;2921AA;12;A", "p.devos@krimpen.example.org;2921AB;7;")
    _laad(tmp_path, "p.devos@krimpen.example.org;2921AC;9;")
    assert list(Adresindex.objects.values_list("gebruiker_id", flat=True)) == [regio.collega.pk]
    assert (
        AuditRegel.objects.filter(actie="toegangsbewaking.adressen_vervangen").last().koppeling["vervangen"]
        == 2
    )
    services.deactiveer(actor=regio.actor(regio.fg))
    assert not Adresindex.objects.exists()
    uit = AuditRegel.objects.get(actie="toegangsbewaking.gedeactiveerd")
    assert uit.koppeling == {"adresindexen_gewist": 1}


def test_rp_06_address_load_unknown_controller_and_bad_file(regio, tmp_path):
    with pytest.raises(CommandError) as exc:
        _laad(tmp_path, "a@example.org;2921AA;1;", controller="bestaat-niet")
    assert exc.value.returncode == 2
    aanzetten(regio)
    with pytest.raises(CommandError) as exc:
        _laad(tmp_path, "a@example.org;2921AA")
    assert exc.value.returncode == 2 and "Regel 2" in str(exc.value)
    assert not Adresindex.objects.exists()


def test_rp_06_same_address_alert_from_real_audit_entries(regio, tmp_path):
    aanzetten(regio)
    _laad(tmp_path, "f.elamrani@krimpen.example.org;2921 AA;12;A")
    with op(DAG, 10):
        thuis = persoon(
            regio,
            regio.medewerker,
            "Visser",
            **{**ADRES, "adres_huisnummer": "12A", "adres_huisnummertoevoeging": ""},
        )
        persoon(regio, regio.medewerker, "Terpstra", **{**ADRES, "adres_huisnummertoevoeging": "B"})
        persoon(regio, regio.medewerker, "Dekker")  # no address
        persoon(regio, regio.collega, "Smit", **ADRES)  # same address, but not the collega's (no index)
    services.dagelijks(VOLGENDE_DAG)
    als_systeem()
    [rij] = Signalering.objects.filter(soort="zelfde_adres")
    assert (rij.gebruiker, rij.dag, rij.aantal) == (regio.medewerker, DAG, 1)
    assert set(AuditRegel.objects.filter(uuid__in=rij.auditregels).values_list("object_uuid", flat=True)) == {
        str(thuis.uuid)
    }


def test_rp_06_same_address_still_matches_after_a_blind_index_key_rotation(regio, tmp_path, settings):
    import json

    from zorgvuldig.core import crypto

    sleutels = tmp_path / "blind.json"
    sleutels.write_text(json.dumps({"1": "A" * 44}))
    settings.BLIND_INDEX_KEY_FILE = str(sleutels)
    crypto.clear_caches()
    try:
        aanzetten(regio)
        _laad(tmp_path, "f.elamrani@krimpen.example.org;2921AA;12;A")
        assert Adresindex.objects.get().index.startswith("1:")
        crypto.add_blind_index_version()
        with op(DAG, 10):
            persoon(regio, regio.medewerker, "Visser", **ADRES)
        services.dagelijks(VOLGENDE_DAG)
        als_systeem()
        assert Signalering.objects.filter(soort="zelfde_adres").count() == 1
    finally:
        crypto.clear_caches()


# --- the FG's e-mail ---------------------------------------------------------------------------------------


def test_rp_06_new_alerts_mail_the_fg_once_per_run_without_personal_data(regio):
    aanzetten(regio)
    with op(DAG, 21):
        persoon(regio, regio.collega, "Jansen")
        persoon(regio, regio.medewerker, "El Amrani")
    assert services.dagelijks(VOLGENDE_DAG)["aangemaakt"] == 3  # two outside hours, one same surname
    [mail] = Bericht.objects.all()
    assert mail.aan == regio.fg.email and mail.gebruiker == regio.fg
    assert mail.onderwerp == "3 nieuwe toegangssignaleringen"
    assert "bekijk ze in zorgvuldig" in mail.tekst and "/toegangsbewaking/signaleringen" in mail.tekst
    for persoonsgegeven in ("Jansen", "Amrani", "Vos", "buiten", "achternaam", "krimpen.example.org"):
        assert persoonsgegeven not in mail.onderwerp + mail.tekst
    # a rerun makes no new alerts and sends nothing
    services.dagelijks(VOLGENDE_DAG)
    assert Bericht.objects.count() == 1


def test_rp_06_no_mail_without_new_alerts_and_the_fg_address_as_fallback(regio):
    aanzetten(regio)
    services.dagelijks(VOLGENDE_DAG)
    assert not Bericht.objects.exists()
    regio.fg.is_active = False
    regio.fg.save()
    with op(DAG, 21):
        persoon(regio, regio.collega, "Jansen")
    services.dagelijks(VOLGENDE_DAG)
    [mail] = Bericht.objects.all()
    assert (mail.aan, mail.gebruiker, mail.onderwerp) == (
        regio.gemeente.fg_email,
        None,
        "1 nieuwe toegangssignalering",
    )


def test_rp_06_the_page_shows_how_many_staff_have_an_address_index_never_the_address(regio, ui, tmp_path):
    from django.urls import reverse

    aanzetten(regio)
    pagina = ui(regio.fg).get(reverse("ui:toegangsbewaking")).content.decode()
    assert "Er zijn geen adrescodes ingelezen" in pagina
    _laad(tmp_path, "f.elamrani@krimpen.example.org;2921 AA;12;A")
    pagina = ui(regio.fg).get(reverse("ui:toegangsbewaking")).content.decode()
    assert "Voor 1 medewerker is een adrescode ingelezen" in pagina
    assert "2921" not in pagina and Adresindex.objects.get().index not in pagina
