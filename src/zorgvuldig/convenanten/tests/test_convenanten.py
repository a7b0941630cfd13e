"""Convenants (RG-04): nine content items before activation, a one-way state machine, accessions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from hypothesis import given
from hypothesis import strategies as st

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.convenanten import policies, services
from zorgvuldig.convenanten.models import INHOUD_VELDEN, Convenant, Toetreding
from zorgvuldig.core.context import Actor
from zorgvuldig.core.errors import DomainError

VOL = {sleutel: f"Tekst voor {sleutel}." for sleutel in policies.ONDERDEEL_SLEUTELS}


def test_rg_04_the_nine_items_are_a_to_i_and_the_model_stores_each():
    assert [letter for letter, _, _ in policies.ONDERDELEN] == list("abcdefghi")
    assert tuple(INHOUD_VELDEN) == policies.ONDERDEEL_SLEUTELS
    assert len(set(INHOUD_VELDEN.values())) == 9


def test_rg_04_a_complete_convenant_may_be_activated():
    assert policies.ontbrekende_onderdelen(VOL) == []
    assert policies.activering_weigering(VOL) is None


def test_rg_04_empty_or_blank_items_are_named_with_their_letter():
    inhoud = {**VOL, "bijzondereGegevens": "", "escalatie": " \n\t"}
    del inhoud["beveiliging"]
    assert policies.ontbrekende_onderdelen(inhoud) == ["bijzondereGegevens", "escalatie", "beveiliging"]
    reden = policies.activering_weigering(inhoud)
    assert reden is not None
    assert "(b) bijzondereGegevens, (g) escalatie, (i) beveiliging" in reden
    assert "(a)" not in reden


@given(st.sets(st.sampled_from(policies.ONDERDEEL_SLEUTELS), min_size=1))
def test_rg_04_any_missing_item_blocks_activation_and_is_named(leeg):
    inhoud = {sleutel: ("" if sleutel in leeg else "x") for sleutel in policies.ONDERDEEL_SLEUTELS}
    assert policies.ontbrekende_onderdelen(inhoud) == [s for s in policies.ONDERDEEL_SLEUTELS if s in leeg]
    reden = policies.activering_weigering(inhoud)
    assert reden is not None and all(sleutel in reden for sleutel in leeg)


def test_the_state_machine_only_goes_forward():
    assert policies.overgang_toegestaan("concept", "actief")
    assert policies.overgang_toegestaan("actief", "beeindigd")
    assert policies.overgang_toegestaan("actief", "actief")
    assert not policies.overgang_toegestaan("concept", "beeindigd")
    assert not policies.overgang_toegestaan("actief", "concept")
    assert not policies.overgang_toegestaan("beeindigd", "actief")


def test_an_accession_ends_on_or_after_it_starts():
    d = dt.date(2026, 1, 1)
    assert policies.toetreding_fout(datum=d, tot=None) is None
    assert policies.toetreding_fout(datum=d, tot=d) is None
    assert policies.toetreding_fout(datum=d, tot=d - dt.timedelta(days=1)) is not None


@pytest.mark.django_db
def test_rg_04_activation_is_refused_while_items_are_empty_and_names_them():
    convenant = Convenant.objects.create(
        code="vi", naam="VI", **{INHOUD_VELDEN[k]: v for k, v in VOL.items() if k != "escalatie"}
    )
    with pytest.raises(DomainError) as exc:
        services.activeer(actor=Actor.systeem(), convenant=convenant)
    assert exc.value.code == "E_RG_CONVENANT_INCOMPLETE" and exc.value.status == 409
    assert "(g) escalatie" in exc.value.detail
    assert [p.name for p in exc.value.invalid_params] == ["inhoud.escalatie"]
    convenant.refresh_from_db()
    assert convenant.status == "concept"
    assert not AuditRegel.objects.filter(object_uuid=str(convenant.uuid)).exists()

    Convenant.objects.filter(pk=convenant.pk).update(escalatie="Binnen een werkdag.")
    convenant = services.activeer(actor=Actor.systeem(), convenant=convenant)
    assert convenant.status == "actief"
    entry = AuditRegel.objects.get(object_uuid=str(convenant.uuid))
    assert (entry.kanaal, entry.velden) == ("systeem", ["status"])
    services.beeindig(actor=Actor.systeem(), convenant=convenant)
    with pytest.raises(DomainError) as exc:
        services.activeer(actor=Actor.systeem(), convenant=convenant)
    assert exc.value.code == "E_STATE_CONFLICT"


@pytest.mark.django_db
def test_accessions_are_unique_per_date_and_end_after_they_start(regio):
    convenant = Convenant.objects.create(code="vi", naam="VI")
    Toetreding.objects.create(convenant=convenant, organisatie=regio.school, datum=dt.date(2026, 2, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Toetreding.objects.create(convenant=convenant, organisatie=regio.school, datum=dt.date(2026, 2, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Toetreding.objects.create(
            convenant=convenant,
            organisatie=regio.wijkteam,
            datum=dt.date(2026, 2, 1),
            tot=dt.date(2026, 1, 1),
        )
    # a new accession after an earlier one ended is a new row
    Toetreding.objects.filter(organisatie=regio.school).update(tot=dt.date(2026, 6, 30))
    Toetreding.objects.create(convenant=convenant, organisatie=regio.school, datum=dt.date(2026, 9, 1))
    assert regio.school.toetredingen.count() == 2
