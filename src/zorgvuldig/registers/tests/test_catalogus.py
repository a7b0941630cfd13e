"""GP-02, GP-03, RG-01 and the data-category registry (DESIGN §5.6)."""

from __future__ import annotations

import pytest
from django.db import transaction

from zorgvuldig.audit import services as audit
from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.conftest import als_systeem
from zorgvuldig.core.errors import DomainError
from zorgvuldig.personen.models import Persoon
from zorgvuldig.registers import datacategorieen
from zorgvuldig.registers.catalogus import ACTIVITEITEN, DOELEN, GRONDSLAGEN, doel_naam
from zorgvuldig.registers.models import Verwerkingsactiviteit
from zorgvuldig.registers.policies import grondslag_fout


@pytest.mark.django_db
def test_gp_02_act_without_processing_activity_is_refused(regio):
    """GP-02: an operation without a declared processing activity is refused E_NO_PURPOSE."""
    actor = regio.actor(regio.medewerker)
    with pytest.raises(DomainError) as exc, transaction.atomic():
        audit.record(actor=actor, actie="persoon.ingezien", activiteit="bestaat-niet")
    assert exc.value.code == "E_NO_PURPOSE"
    with pytest.raises(DomainError), transaction.atomic():
        audit.record(actor=actor, actie="persoon.ingezien", activiteit="")
    assert not AuditRegel.objects.exists()


@pytest.mark.django_db
def test_gp_02_deactivated_activity_is_refused(regio):
    """GP-02: the FG can switch an activity off; acts under it are then refused."""
    from zorgvuldig.registers.services import vergeet_cache

    Verwerkingsactiviteit.objects.filter(code="sociaal-domein-ondersteuning").update(actief=False)
    vergeet_cache()
    try:
        from zorgvuldig.personen.services import registreer_persoon

        with pytest.raises(DomainError) as exc:
            registreer_persoon(
                actor=regio.actor(regio.medewerker),
                data={"geslachtsnaam": "X", "bsn_ontbreekt_reden": "test"},
            )
        assert exc.value.code == "E_NO_PURPOSE"
        als_systeem()
        assert not Persoon.objects.exists()
    finally:
        vergeet_cache()


@pytest.mark.django_db
def test_rg_01_every_audit_activity_maps_to_a_register_entry(regio):
    """RG-01: every processing-activity id in the log maps to a verwerkingsregister entry."""
    from zorgvuldig.personen.services import registreer_persoon

    registreer_persoon(
        actor=regio.actor(regio.medewerker), data={"geslachtsnaam": "X", "bsn_ontbreekt_reden": "t"}
    )
    codes = set(AuditRegel.objects.values_list("verwerkingsactiviteit", flat=True))
    assert codes
    assert codes <= set(Verwerkingsactiviteit.objects.values_list("code", flat=True))
    assert set(ACTIVITEITEN) <= set(Verwerkingsactiviteit.objects.values_list("code", flat=True))


@pytest.mark.parametrize("grondslag", sorted(GRONDSLAGEN))
@pytest.mark.parametrize("org_type", ["gemeentelijk_team", "veilig_thuis", "school", "jeugdhulp"])
def test_gp_03_public_bodies_cannot_choose_legitimate_interest(grondslag, org_type):
    """GP-03: closed list a–f; a public body (municipality, Veilig Thuis, RvdK, GI) cannot select (f)."""
    publiek = org_type in {"gemeentelijk_team", "veilig_thuis"}
    fout = grondslag_fout(grondslag, org_type, bestuursorgaan=False)
    assert (fout is not None) == (grondslag == "f" and publiek)
    assert grondslag_fout(grondslag, "school", bestuursorgaan=True) is not None if grondslag == "f" else True


def test_gp_03_unknown_legal_basis_is_refused():
    """GP-03: only the six bases of GDPR art 6(1)."""
    for waarde in ("g", "", None, "A", "toestemming"):
        assert grondslag_fout(waarde, "school", bestuursorgaan=False) is not None


def test_gp_04_every_field_has_a_data_category_and_every_model_a_retention_rule():
    """GP-04, RT-10 / DESIGN §5.6: a field without a category, or a model without a retention rule, fails
    this test and the start-up system check."""
    assert datacategorieen.ontbrekend() == []


def test_gp_04_registry_notices_an_undeclared_field(monkeypatch):
    """The check really detects a field that declares no category."""
    zonder = {k: v for k, v in Persoon.DATACATEGORIEEN.items() if k != "telefoon"}
    monkeypatch.setattr(Persoon, "DATACATEGORIEEN", zonder)
    assert "personen.Persoon.telefoon: no data category" in datacategorieen.ontbrekend()
    monkeypatch.setattr(Persoon, "BEWAARREGEL", None)
    assert any("no retention rule" in p for p in datacategorieen.ontbrekend())


def test_rt_10_missing_rule_fails_the_start_up_check(monkeypatch):
    """RT-10: the configuration check that runs at start-up reports a record type without a rule."""
    from django.core import checks

    monkeypatch.setattr(Persoon, "BEWAARREGEL", None)
    errors = [e for e in checks.run_checks(tags=["zorgvuldig"]) if e.id == "zorgvuldig.E001"]
    assert any("personen.Persoon: no retention rule" in e.msg for e in errors)


def test_rt_10_a_model_of_a_dated_rule_cannot_escape_retention(monkeypatch):
    """RT-10: a model under a rule with its own dates (dossier, consent, …) needs a retention row of its own
    or a CASCADE link to a model that has one; otherwise the start-up check fails."""
    from zorgvuldig.dossiers.models import Teambespreking

    assert datacategorieen.ontbrekend() == []
    monkeypatch.setattr(Teambespreking, "BEWAARREGEL", "toestemming")  # no CASCADE path to a consent
    assert datacategorieen.ontbrekend() == [
        "dossiers.Teambespreking: rule 'toestemming' needs a retention row or a CASCADE link to one (RT-10)"
    ]


def test_a_stored_purpose_reads_as_its_purpose_for_people():
    """RI-05: the inzage answer and "Mijn gegevens" show each provision's purpose in words — also where a
    disclosure stored its processing activity (`gegevensdeling`) instead of a purpose code."""
    assert doel_naam("signalering") == DOELEN["signalering"]
    assert doel_naam("gegevensdeling") == DOELEN[ACTIVITEITEN["gegevensdeling"][1]]
    assert "gegevensdeling" not in doel_naam("gegevensdeling")
    assert doel_naam("afstemming met school") == "afstemming met school"  # a consent's own purpose
