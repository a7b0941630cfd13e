"""RG-01 verwerkingsregister versions and the register check, RG-02 DPIA, GP-02 purposes (services)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine
from django.core.management import call_command

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.conftest import als_systeem
from zorgvuldig.core.clock import today
from zorgvuldig.core.errors import DomainError
from zorgvuldig.organisaties.models import Profiel
from zorgvuldig.personen.services import registreer_persoon
from zorgvuldig.registers import selectors, services
from zorgvuldig.registers.models import Dpia, Registerversie
from zorgvuldig.registers.policies import standaard_herziendatum
from zorgvuldig.registers.tests.voorbeelden import (
    STAPPEN,
    VOLLEDIG,
    activiteit,
    fg_school,
    goedgekeurde_versie,
)

pytestmark = pytest.mark.django_db


def _fout(exc) -> str:
    return exc.value.code


# --- versions (RG-01) -----------------------------------------------------------------------------------


def test_rg_01_new_version_starts_as_concept_from_the_catalogue(regio):
    """RG-01: a first version is a concept proposed from the catalogue and the retention rules."""
    act = activiteit()
    v = services.maak_versie(actor=regio.actor(regio.fg), activiteit_uuid=act.uuid, data={})
    assert (v.versie, v.status) == (1, "concept")
    assert v.doelen == ["ondersteuning"] and v.grondslag == "e" and v.bijzondere_categorieen
    assert "15" in v.bewaartermijn and v.beveiliging
    assert v.opgesteld_door == regio.fg
    assert AuditRegel.objects.filter(actie="registerversie.opgesteld", object_uuid=str(v.uuid)).exists()


def test_rg_01_current_is_latest_approved_and_approved_versions_are_immutable(regio):
    """RG-01: the approved version stays current until the new one is approved; it is never edited."""
    actor = regio.actor(regio.fg)
    act = activiteit()
    v1 = goedgekeurde_versie(regio)
    assert selectors.huidige_versie(actor, act) == v1
    ontvangers_v1 = v1.ontvangers
    assert v1.goedgekeurd_door == regio.fg and v1.goedgekeurd_op is not None

    with pytest.raises(DomainError) as exc:
        services.wijzig_versie(
            actor=actor, activiteit_uuid=act.uuid, versie_uuid=v1.uuid, data={"ontvangers": "x"}
        )
    assert _fout(exc) == "E_STATE_CONFLICT"
    with pytest.raises(DomainError) as exc:
        services.keur_versie_goed(actor=actor, activiteit_uuid=act.uuid, versie_uuid=v1.uuid)
    assert _fout(exc) == "E_STATE_CONFLICT"

    v2 = services.maak_versie(
        actor=actor,
        activiteit_uuid=act.uuid,
        data={"ontvangers": "Casusteam en Veilig Thuis", "wijziging": "VT"},
    )
    assert v2.versie == 2 and v2.categorieen_betrokkenen == v1.categorieen_betrokkenen  # starts from v1
    assert selectors.huidige_versie(actor, act) == v1  # the concept does not replace it
    with pytest.raises(DomainError) as exc:  # one concept at a time
        services.maak_versie(actor=actor, activiteit_uuid=act.uuid, data={})
    assert _fout(exc) == "E_STATE_CONFLICT"
    services.wijzig_versie(
        actor=actor, activiteit_uuid=act.uuid, versie_uuid=v2.uuid, data={"ontvangers": "Nieuw"}
    )
    services.keur_versie_goed(actor=actor, activiteit_uuid=act.uuid, versie_uuid=v2.uuid)
    assert selectors.huidige_versie(actor, act).pk == v2.pk
    v1.refresh_from_db()
    assert v1.status == "goedgekeurd" and v1.ontvangers == ontvangers_v1  # unchanged
    assert Registerversie.objects.filter(verwerkingsactiviteit=act).count() == 2


def test_rg_01_approval_needs_every_item(regio):
    """RG-01: categories of subjects and data must be filled before the FG approves."""
    actor = regio.actor(regio.fg)
    act = activiteit()
    v = services.maak_versie(actor=actor, activiteit_uuid=act.uuid, data={"doelen": []})
    with pytest.raises(DomainError) as exc:
        services.keur_versie_goed(actor=actor, activiteit_uuid=act.uuid, versie_uuid=v.uuid)
    assert _fout(exc) == "E_INVALID_INPUT"
    assert {p.name for p in exc.value.invalid_params} == {
        "doelen",
        "categorieenBetrokkenen",
        "categorieenGegevens",
        "grondslagToelichting",  # (e) without its statutory provision (AVG art. 6(3))
    }
    v.refresh_from_db()
    assert v.status == "concept"
    assert AuditRegel.objects.filter(actie="registerversie.goedgekeurd", status="geweigerd").exists()


def test_gp_02_gp_03_version_purposes_and_basis_are_checked(regio):
    """GP-02: purposes from the closed list; GP-03: a public body cannot choose (f)."""
    actor = regio.actor(regio.fg)
    with pytest.raises(DomainError) as exc:
        services.maak_versie(actor=actor, activiteit_uuid=activiteit().uuid, data={"doelen": ["verzonnen"]})
    assert _fout(exc) == "E_INVALID_INPUT"
    with pytest.raises(DomainError) as exc:
        services.maak_versie(actor=actor, activiteit_uuid=activiteit().uuid, data={"grondslag": "f"})
    assert exc.value.invalid_params[0].name == "grondslag"
    als_systeem()
    assert not Registerversie.objects.exists()


def test_rg_01_only_the_fg_writes(regio):
    """RG-01: the leidinggevende reads, only the FG keeps the register."""
    for user in (regio.leidinggevende, regio.medewerker, regio.beheerder):
        with pytest.raises(DomainError) as exc:
            services.maak_versie(actor=regio.actor(user), activiteit_uuid=activiteit().uuid, data={})
        assert _fout(exc) == "E_AC_NOT_AUTHORISED"


def test_rg_01_ac_15_register_per_controller(regio):
    """AC-15, RG-01: each controller has its own versions; another's are not found."""
    v = goedgekeurde_versie(regio)
    school = regio.actor(fg_school(regio))
    act = activiteit()
    assert selectors.huidige_versie(school, act) is None
    with pytest.raises(DomainError) as exc:
        services.wijzig_versie(actor=school, activiteit_uuid=act.uuid, versie_uuid=v.uuid, data={})
    assert _fout(exc) == "E_NOT_FOUND"
    eigen = services.maak_versie(actor=school, activiteit_uuid=act.uuid, data={})
    assert eigen.versie == 1 and eigen.verwerkingsverantwoordelijke == regio.school_vv


# --- the check (RG-01, RG-02) ----------------------------------------------------------------------------


def _soorten(regio, vv=None):
    return {(b.soort, b.activiteit) for b in selectors.controle(vv or regio.gemeente, today())}


def test_rg_01_every_audit_activity_of_the_controller_maps_to_an_approved_entry(regio):
    """RG-01: an audit entry for an activity without an approved version shows up; after approval it
    disappears. Every processing-activity id in the log maps to a register entry."""
    registreer_persoon(
        actor=regio.actor(regio.medewerker), data={"geslachtsnaam": "Visser", "bsn_ontbreekt_reden": "test"}
    )
    codes = selectors.activiteiten_in_gebruik(regio.gemeente)
    assert "sociaal-domein-ondersteuning" in codes
    assert ("zonder_register", "sociaal-domein-ondersteuning") in _soorten(regio)
    assert not {s for s in _soorten(regio) if s[0] == "onbekende_activiteit"}  # every id maps to an entry
    assert not _soorten(regio, regio.school_vv)  # the school did nothing

    v = services.maak_versie(
        actor=regio.actor(regio.fg), activiteit_uuid=activiteit().uuid, data=dict(VOLLEDIG)
    )
    assert ("zonder_register", "sociaal-domein-ondersteuning") in _soorten(regio)  # a concept is not enough
    services.keur_versie_goed(
        actor=regio.actor(regio.fg), activiteit_uuid=activiteit().uuid, versie_uuid=v.uuid
    )
    assert ("zonder_register", "sociaal-domein-ondersteuning") not in _soorten(regio)
    # the FG's own writes are processing too: verantwoording-toezicht is now in use without an entry
    assert ("zonder_register", "verantwoording-toezicht") in _soorten(regio)


def test_rg_01_rp_06_looking_at_the_monitoring_set_up_does_not_put_monitoring_in_use(regio, ui):
    """RG-01, RP-06 (FG review F8): the FG opens the staff-monitoring page while monitoring is off — that
    is supervision, not monitoring, so the register check does not report staff monitoring as in use
    (and needing a DPIA)."""
    assert ui(regio.fg).get("/toegangsbewaking").status_code == 200
    assert "toegangsbewaking" not in selectors.activiteiten_in_gebruik(regio.gemeente)
    assert not {s for s in _soorten(regio) if s[1] == "toegangsbewaking"}


def test_rg_01_an_unknown_activity_in_the_log_is_a_finding(regio):
    """RG-01: an id in the log that maps to no entry is reported (here: an activity since removed)."""
    from django.db import transaction

    from zorgvuldig.audit import services as audit

    with transaction.atomic():
        audit.record(actor=regio.actor(regio.fg), actie="persoon.ingezien", activiteit="rapportage")
    from zorgvuldig.registers.models import Verwerkingsactiviteit

    als_systeem()
    Verwerkingsactiviteit.objects.filter(code="rapportage").update(code="rapportage-oud")
    assert ("onbekende_activiteit", "rapportage") in _soorten(regio)


def test_rg_02_special_categories_need_an_approved_dpia(regio):
    """RG-02: an activity with special categories flagged needs an approved DPIA; the finding goes once
    it is approved, and comes back when the review date has passed."""
    goedgekeurde_versie(regio)  # special categories flagged (catalogue)
    assert ("dpia_ontbreekt", "sociaal-domein-ondersteuning") in _soorten(regio)
    actor = regio.actor(regio.fg)
    d = services.maak_dpia(actor=actor, activiteit_uuid=activiteit().uuid, stappen=dict(STAPPEN))
    services.adviseer_dpia(actor=actor, uuid=d.uuid, advies="Akkoord.")
    assert ("dpia_ontbreekt", "sociaal-domein-ondersteuning") in _soorten(regio)
    services.keur_dpia_goed(actor=actor, uuid=d.uuid, besluit_door="College van B en W")
    assert ("dpia_ontbreekt", "sociaal-domein-ondersteuning") not in _soorten(regio)
    assert selectors.dpia_goedgekeurd(regio.gemeente.pk, "sociaal-domein-ondersteuning")
    assert not selectors.dpia_goedgekeurd(regio.school_vv.pk, "sociaal-domein-ondersteuning")

    Dpia.objects.filter(pk=d.pk).update(herziendatum=today() - dt.timedelta(days=1))
    assert ("herziening_verlopen", "sociaal-domein-ondersteuning") in _soorten(regio)


def test_rg_02_rp_06_vi_23_monitoring_and_criterion_l_need_a_dpia(regio):
    """RP-06: staff monitoring in use needs a DPIA; VI-23: criterion (l) enabled needs one for the VI."""
    from django.db import transaction

    from zorgvuldig.audit import services as audit

    with transaction.atomic():
        audit.record(actor=regio.actor(regio.fg), actie="persoon.ingezien", activiteit="toegangsbewaking")
    assert ("dpia_ontbreekt", "toegangsbewaking") in _soorten(regio)
    goedgekeurde_versie(regio, "verwijsindex")
    assert ("dpia_ontbreekt", "verwijsindex") not in _soorten(regio)
    als_systeem()
    profiel = Profiel.objects.create(code="wijkteam-profiel", naam="Wijkteam", vi_criterion_l=True)
    regio.wijkteam.profiel = profiel
    regio.wijkteam.save()
    assert ("dpia_ontbreekt", "verwijsindex") in _soorten(regio)


def test_rg_01_command_exit_codes_and_json(regio, capsys):
    """RG-01: `zorgvuldig registercontrole` exits 1 with findings, 0 without, 2 for an unknown controller."""
    registreer_persoon(
        actor=regio.actor(regio.medewerker), data={"geslachtsnaam": "V", "bsn_ontbreekt_reden": "t"}
    )
    with pytest.raises(SystemExit) as exit_:
        call_command("registercontrole", "--json")
    assert exit_.value.code == 1
    uit = json.loads(capsys.readouterr().out)
    per_vv = {v["code"]: v["bevindingen"] for v in uit["verwerkingsverantwoordelijken"]}
    assert {"zonder_register"} <= {b["soort"] for b in per_vv["gemeente-krimpen"]}
    assert per_vv["het-baken"] == [] and uit["aantal"] == len(per_vv["gemeente-krimpen"])

    call_command("registercontrole", "--controller", "het-baken")
    assert "het-baken: 0 bevinding(en)" in capsys.readouterr().out
    from django.core.management.base import CommandError

    with pytest.raises(CommandError) as fout:
        call_command("registercontrole", "--controller", "bestaat-niet")
    assert fout.value.returncode == 2


# --- DPIA (RG-02) -------------------------------------------------------------------------------------------


def test_rg_02_full_life_cycle(regio):
    """RG-02: concept → geadviseerd → goedgekeurd → in_herziening → geadviseerd → goedgekeurd."""
    actor = regio.actor(regio.fg)
    d = services.maak_dpia(actor=actor, activiteit_uuid=activiteit().uuid, stappen={"proces": "Stap 1"})
    assert d.status == "concept"
    with pytest.raises(DomainError) as exc:
        services.adviseer_dpia(actor=actor, uuid=d.uuid, advies="Akkoord.")
    assert _fout(exc) == "E_INVALID_INPUT"
    assert {p.name for p in exc.value.invalid_params} == {"rechtmatigheid", "risicos", "maatregelen"}
    services.wijzig_dpia(actor=actor, uuid=d.uuid, stappen=dict(STAPPEN))
    with pytest.raises(DomainError) as exc:
        services.adviseer_dpia(actor=actor, uuid=d.uuid, advies="  ")
    assert exc.value.invalid_params[0].name == "advies"
    with pytest.raises(DomainError) as exc:  # approval before advice
        services.keur_dpia_goed(actor=actor, uuid=d.uuid, besluit_door="College")
    assert _fout(exc) == "E_STATE_CONFLICT"

    d = services.adviseer_dpia(actor=actor, uuid=d.uuid, advies="Positief, mits logboek wordt gecontroleerd.")
    assert (d.status, d.geadviseerd_door) == ("geadviseerd", regio.fg)
    with pytest.raises(DomainError) as exc:  # the advised text stays as advised
        services.wijzig_dpia(actor=actor, uuid=d.uuid, stappen={"proces": "anders"})
    assert _fout(exc) == "E_STATE_CONFLICT"
    with pytest.raises(DomainError) as exc:
        services.herzie_dpia(actor=actor, uuid=d.uuid)
    assert _fout(exc) == "E_STATE_CONFLICT"

    d = services.keur_dpia_goed(actor=actor, uuid=d.uuid, besluit_door="College van B en W")
    assert d.status == "goedgekeurd" and d.besluitdatum == today() and d.vastgelegd_door == regio.fg
    assert d.herziendatum == standaard_herziendatum(today())
    d = services.herzie_dpia(actor=actor, uuid=d.uuid)
    assert d.status == "in_herziening"
    services.wijzig_dpia(actor=actor, uuid=d.uuid, stappen={"risicos": "Nieuw risico: koppeling met school."})
    with time_machine.travel(today() - dt.timedelta(days=3)):
        d = services.adviseer_dpia(actor=actor, uuid=d.uuid, advies="Opnieuw akkoord.")
    with pytest.raises(DomainError) as exc:  # the controller decides after the advice, not before it
        services.keur_dpia_goed(
            actor=actor, uuid=d.uuid, besluit_door="Burgemeester", besluitdatum=today() - dt.timedelta(days=4)
        )
    assert {p.name for p in exc.value.invalid_params} == {"besluitdatum"}
    d = services.keur_dpia_goed(
        actor=actor,
        uuid=d.uuid,
        besluit_door="Burgemeester",
        besluitdatum=today() - dt.timedelta(days=2),
        herziendatum=today() + dt.timedelta(days=365),
    )
    assert d.herziendatum == today() + dt.timedelta(days=365)
    acties = list(
        AuditRegel.objects.filter(object_uuid=str(d.uuid), status="uitgevoerd").values_list(
            "actie", flat=True
        )
    )
    assert acties.count("dpia.goedgekeurd") == 2 and "dpia.herzien" in acties


def test_rg_02_decision_dates_are_checked(regio):
    actor = regio.actor(regio.fg)
    d = services.maak_dpia(actor=actor, activiteit_uuid=activiteit().uuid, stappen=dict(STAPPEN))
    services.adviseer_dpia(actor=actor, uuid=d.uuid, advies="Akkoord.")
    with pytest.raises(DomainError) as exc:
        services.keur_dpia_goed(
            actor=actor, uuid=d.uuid, besluit_door="", besluitdatum=today() + dt.timedelta(days=1)
        )
    assert {p.name for p in exc.value.invalid_params} == {"besluitdatum", "besluitDoor"}
    d.refresh_from_db()
    assert d.status == "geadviseerd"


def test_rg_02_one_dpia_per_activity_and_controller(regio):
    actor = regio.actor(regio.fg)
    services.maak_dpia(actor=actor, activiteit_uuid=activiteit().uuid, stappen={})
    with pytest.raises(DomainError) as exc:
        services.maak_dpia(actor=actor, activiteit_uuid=activiteit().uuid, stappen={})
    assert _fout(exc) == "E_STATE_CONFLICT"
    # another controller has its own
    services.maak_dpia(actor=regio.actor(fg_school(regio)), activiteit_uuid=activiteit().uuid, stappen={})


def test_rg_02_another_controllers_dpia_is_not_found(regio):
    d = services.maak_dpia(
        actor=regio.actor(regio.fg), activiteit_uuid=activiteit().uuid, stappen=dict(STAPPEN)
    )
    with pytest.raises(DomainError) as exc:
        services.adviseer_dpia(actor=regio.actor(fg_school(regio)), uuid=d.uuid, advies="x")
    assert _fout(exc) == "E_NOT_FOUND"


# --- purposes (GP-02) ---------------------------------------------------------------------------------------


def test_gp_02_fg_extends_the_purpose_list_for_the_own_controller(regio):
    """GP-02: the FG adds a purpose; the other controller does not see it; shipped purposes stay."""
    actor = regio.actor(regio.fg)
    doel = services.voeg_doel_toe(
        actor=actor, code="wijkveiligheid", omschrijving="Veilige wijk", grondslagen=["e", "c"]
    )
    assert doel.grondslagen == "ce" and doel.verwerkingsverantwoordelijke == regio.gemeente
    assert selectors.doelen(actor).filter(code="wijkveiligheid").exists()
    assert not selectors.doelen(regio.actor(fg_school(regio))).filter(code="wijkveiligheid").exists()
    with pytest.raises(DomainError) as exc:  # GP-03 for a public body
        services.voeg_doel_toe(actor=actor, code="ander", omschrijving="x", grondslagen=["f"])
    assert _fout(exc) == "E_INVALID_INPUT"
    with pytest.raises(DomainError) as exc:
        services.voeg_doel_toe(actor=actor, code="wijkveiligheid", omschrijving="x", grondslagen=["e"])
    assert exc.value.invalid_params[0].name == "code"
    with pytest.raises(DomainError) as exc:
        services.voeg_doel_toe(
            actor=regio.actor(regio.leidinggevende), code="lg", omschrijving="x", grondslagen=["e"]
        )
    assert _fout(exc) == "E_AC_NOT_AUTHORISED"

    # an added purpose can be used in the register, and is then not deleted
    act = activiteit()
    v = services.maak_versie(
        actor=actor, activiteit_uuid=act.uuid, data={"doelen": ["ondersteuning", "wijkveiligheid"]}
    )
    with pytest.raises(DomainError) as exc:
        services.verwijder_doel(actor=actor, uuid=doel.uuid)
    assert _fout(exc) == "E_STATE_CONFLICT"
    services.wijzig_versie(
        actor=actor, activiteit_uuid=act.uuid, versie_uuid=v.uuid, data={"doelen": ["ondersteuning"]}
    )
    services.verwijder_doel(actor=actor, uuid=doel.uuid)
    assert not selectors.doelen(actor).filter(code="wijkveiligheid").exists()


def test_gp_02_shipped_purpose_is_not_deleted(regio):
    actor = regio.actor(regio.fg)
    doel = selectors.doelen(actor).get(code="kwaliteit")
    with pytest.raises(DomainError) as exc:
        services.verwijder_doel(actor=actor, uuid=doel.uuid)
    assert _fout(exc) == "E_STATE_CONFLICT"
    assert AuditRegel.objects.filter(actie="doel.verwijderd", status="geweigerd").exists()
