"""core.querysjabloon: a compiled queryset run again with new values returns what the queryset returns,
and need-to-know (grants, validity, row-level security) is decided per call, never frozen in the cache."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zorgvuldig.core import tenancy
from zorgvuldig.core.clock import today
from zorgvuldig.core.errors import NotFound
from zorgvuldig.core.querysjabloon import Querysjabloon
from zorgvuldig.dossiers import selectors
from zorgvuldig.dossiers.models import Dossier
from zorgvuldig.dossiers.tests import hulp
from zorgvuldig.toegang.models import Toegang

pytestmark = pytest.mark.django_db


def _velden(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def test_dossier_template_returns_what_the_queryset_returns(regio):
    d = hulp.dossier(regio)
    actor = regio.actor(regio.medewerker)
    verwacht = selectors.dossiers_zichtbaar_voor(actor).select_related("team", "casusregie").get(uuid=d.uuid)
    gevonden, grants = selectors.dossier_of_404(actor, d.uuid)
    assert _velden(gevonden) == _velden(verwacht)
    with CaptureQueriesContext(connection) as ctx:  # select_related filled from the same row
        assert _velden(gevonden.team) == _velden(verwacht.team)
        assert gevonden.casusregie_id is None or gevonden.casusregie.pk == verwacht.casusregie.pk
    assert not ctx.captured_queries
    orm = list(
        Toegang.objects.geldig_op(today())
        .voor_actor(actor)
        .filter(object_type="dossiers.dossier", object_id=d.pk)
        .order_by("ontvanger_organisatie_id", "-geldig_vanaf", "id")
    )
    assert [_velden(g) for g in grants] == [_velden(g) for g in orm] and grants


def test_need_to_know_is_decided_per_call_not_by_the_cached_statement(regio):
    d = hulp.dossier(regio)
    actor = regio.actor(regio.medewerker)
    for _ in range(7):  # past psycopg's prepare threshold: the prepared statement decides the same
        assert selectors.dossier_of_404(actor, d.uuid)[0].pk == d.pk
    with pytest.raises(NotFound):  # another organisation: no grant (AC-04), row-level security
        selectors.dossier_of_404(regio.actor(regio.leraar), d.uuid)
    eigen = Toegang.objects.filter(
        object_type="dossiers.dossier", object_id=d.pk, ontvanger_gebruiker=regio.medewerker
    )

    def geldig(**data) -> None:
        with tenancy.systeem():  # the grant as its grantor changes it (RLS would hide it from the leraar)
            assert eigen.update(**data) >= 1

    geldig(geldig_vanaf=today() + dt.timedelta(days=1))  # not yet valid (RT-12)
    with pytest.raises(NotFound):
        selectors.dossier_of_404(actor, d.uuid)
    geldig(geldig_vanaf=today() - dt.timedelta(days=1), geldig_tot=today() - dt.timedelta(days=1))
    with pytest.raises(NotFound):  # ended yesterday
        selectors.dossier_of_404(actor, d.uuid)
    geldig(geldig_tot=today())
    assert selectors.dossier_of_404(actor, d.uuid)[0].pk == d.pk  # `tot` inclusive


def test_a_value_that_does_not_reach_the_sql_as_a_parameter_is_refused(regio):
    in_vorm = Querysjabloon(lambda aantal: Dossier.objects.order_by("pk")[: aantal + 10], aantal="id")
    with pytest.raises(ValueError):
        in_vorm.rijen(aantal=1)
    ongebruikt = Querysjabloon(
        lambda dossier, uuid: Dossier.objects.filter(pk=dossier), dossier="id", uuid="uuid"
    )
    with pytest.raises(ValueError):
        ongebruikt.rijen(dossier=1, uuid=None)
