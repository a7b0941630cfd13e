"""The sweep's set-based batch (RT-03, RT-07, RT-09, AU-07): what a batch of many records decides per record
stays per record — a held record and a record still relied on wait while the rest of the batch goes, a
person still named elsewhere stays, lifted holds and proposal reasons go with the record — and the deletes
that bypass Django's Collector do exactly what it would (and hand over to it where they cannot)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db.models.signals import post_delete

from zorgvuldig.audit.models import Pseudoniem
from zorgvuldig.audit.services import subject_key
from zorgvuldig.bewaren import selectors, services
from zorgvuldig.bewaren.models import Bewaartermijn, Blokkade
from zorgvuldig.bewaren.tests.hulp import (
    goedgekeurde_lijst,
    ingetrokken_toestemmingen,
    op,
    open_verzoek_op_toestemming,
    zorgsignaal,
)
from zorgvuldig.conftest import als_systeem
from zorgvuldig.dossiers.models import Zorgsignaal
from zorgvuldig.dossiers.tests import hulp
from zorgvuldig.personen.models import Persoon
from zorgvuldig.toegang.models import Toegang

pytestmark = pytest.mark.django_db

ONTVANGEN = dt.date(2026, 3, 2)
DUE = dt.date(2026, 9, 2)  # RT-05: six months after receipt
ZORGSIGNAAL = "dossiers.zorgsignaal"


def termijn(obj) -> Bewaartermijn:
    als_systeem()
    return Bewaartermijn.objects.get(
        objecttype=f"{obj._meta.app_label}.{obj._meta.model_name}", object_id=obj.pk
    )


def blokkeer(regio, obj, einddatum: dt.date):
    return services.blokkeer(
        actor=regio.actor(regio.fg),
        uuid=termijn(obj).uuid,
        reden="bezwaar",
        einddatum=einddatum,
        toelichting="Bezwaar tegen de beslissing op het verzoek loopt.",
    )


def test_a_batch_destroys_the_free_records_and_keeps_the_held_one_and_a_person_still_named(regio):
    with time_machine.travel(op(ONTVANGEN), tick=False):
        alleen = hulp.client(regio, geslachtsnaam="Jansen")  # in one due signal: goes with it
        gedeeld = hulp.client(regio, geslachtsnaam="Bakker")  # also in a signal not yet due: stays
        vastgehouden = hulp.client(regio, geslachtsnaam="Smit")  # only in the held signal: stays
    weg = [zorgsignaal(regio, alleen), zorgsignaal(regio, gedeeld), zorgsignaal(regio), zorgsignaal(regio)]
    later = zorgsignaal(regio, gedeeld, ontvangen=ONTVANGEN + dt.timedelta(days=60))
    gehouden = zorgsignaal(regio, vastgehouden)
    opgeheven = weg[2]
    with time_machine.travel(op(ONTVANGEN + dt.timedelta(days=1)), tick=False):
        blokkeer(regio, gehouden, dt.date(2027, 6, 1))
        b = blokkeer(regio, opgeheven, dt.date(2027, 6, 1))
        services.hef_op(actor=regio.actor(regio.fg), uuid=termijn(opgeheven).uuid, blokkade_uuid=b.uuid)
    with time_machine.travel(op(DUE), tick=False):
        assert services.opschonen(droog=True).telling == {
            str(regio.gemeente.uuid): {"zou:vernietigd": 4, "wacht:geblokkeerd": 1}
        }
        ronde = services.opschonen(batch=2)  # the held one shares a batch with free ones
    assert ronde.telling == {
        str(regio.gemeente.uuid): {"vernietigd": 4, "wacht:geblokkeerd": 1, "personen": 1}
    }
    als_systeem()
    over = set(Zorgsignaal.objects.values_list("pk", flat=True))
    assert over == {later.pk, gehouden.pk}
    assert termijn(gehouden).uitkomst == "" and Blokkade.objects.filter(termijn=termijn(gehouden)).exists()
    # the lifted hold went with its record; the tombstone is all that is left of it
    assert not Blokkade.objects.filter(termijn=termijn(opgeheven)).exists()
    assert {termijn(s).uitkomst for s in weg} == {"vernietigd"}
    assert set(Toegang.objects.filter(object_type=ZORGSIGNAAL).values_list("object_id", flat=True)) == {
        later.pk,
        gehouden.pk,
    }
    assert set(Persoon.objects.filter(pk__in=[alleen.pk, gedeeld.pk, vastgehouden.pk])) == {
        gedeeld,
        vastgehouden,
    }
    assert not Pseudoniem.objects.filter(sleutel=subject_key(alleen)).exists()
    assert Pseudoniem.objects.filter(sleutel=subject_key(gedeeld)).exists()
    assert not Toegang.objects.filter(object_type="personen.persoon", object_id=alleen.pk).exists()
    assert not Toegang.objects.filter(herkomst=f"persoon:{alleen.uuid}").exists()
    # RT-03: the person's tombstone — type, uuid, rule, how, when, the run; nothing else
    graf = Bewaartermijn.objects.get(objecttype="personen.persoon", object_id=alleen.pk)
    assert (graf.object_uuid, graf.regel, graf.uitkomst, graf.opschoonronde) == (
        alleen.uuid,
        "persoon",
        "vernietigd",
        ronde,
    )
    assert (graf.verwerkingsverantwoordelijke_id, graf.organisatie_id) == (
        alleen.verwerkingsverantwoordelijke_id,
        alleen.organisatie_id,
    )
    assert graf.uuid != alleen.uuid and graf.uitgevoerd_op is not None
    assert (graf.besluit, graf.reden_versleuteld, graf.lijst, graf.beoordeling) == ({}, "", None, "")
    assert (graf.brondatum, graf.vervaldatum) == (None, None)


def test_records_still_relied_on_wait_while_the_rest_of_their_batch_goes(regio):
    """A batch with a few records still referenced (PROTECT): the others go, the referenced ones wait —
    found by halving the batch, not by trying each record alone."""
    from zorgvuldig.toestemmingen.models import Toestemming

    lisa = hulp.client(regio)
    als_systeem()
    toestemmingen = ingetrokken_toestemmingen(regio, lisa, 7)
    for t in (toestemmingen[1], toestemmingen[5]):
        open_verzoek_op_toestemming(regio, lisa, t)
    peil = dt.date(2031, 7, 1)
    with time_machine.travel(op(peil), tick=False):
        goedgekeurde_lijst(regio, peil)
        ronde = services.opschonen()
    # Lisa stays: the requests still name her
    assert ronde.telling == {str(regio.gemeente.uuid): {"vernietigd": 5, "wacht:in_gebruik": 2}}
    als_systeem()
    assert set(Toestemming.objects.values_list("pk", flat=True)) == {toestemmingen[1].pk, toestemmingen[5].pk}
    assert [termijn(t).uitkomst for t in toestemmingen] == [
        "vernietigd",
        "",
        *["vernietigd"] * 3,
        "",
        "vernietigd",
    ]
    assert Persoon.objects.filter(pk=lisa.pk).exists()


def test_a_tombstone_keeps_no_proposal_reason(regio):
    s = zorgsignaal(regio)
    als_systeem()
    Bewaartermijn.objects.filter(pk=termijn(s).pk).update(
        besluit={"nieuweDatum": "2027-01-01", "voorstelReden": "v1:versleuteld"}
    )
    with time_machine.travel(op(DUE), tick=False):
        services.opschonen()
    graf = termijn(s)
    assert graf.uitkomst == "vernietigd" and graf.besluit == {"nieuweDatum": "2027-01-01"}


def test_a_delete_receiver_gets_the_collector_and_the_same_outcome(regio):
    """Where a model has a delete signal receiver, the set-based delete hands over to Django's Collector:
    the receiver sees each row, and what goes is the same."""
    with time_machine.travel(op(ONTVANGEN), tick=False):
        lisa = hulp.client(regio)
    s = zorgsignaal(regio, lisa)
    gezien = []

    def ontvanger(sender, instance, **kwargs):
        gezien.append(instance.pk)

    post_delete.connect(ontvanger, sender=Zorgsignaal, dispatch_uid="test-sweep-sets")
    try:
        with time_machine.travel(op(DUE), tick=False):
            ronde = services.opschonen()
    finally:
        post_delete.disconnect(sender=Zorgsignaal, dispatch_uid="test-sweep-sets")
    assert gezien == [s.pk]
    assert ronde.telling == {str(regio.gemeente.uuid): {"vernietigd": 1, "personen": 1}}
    als_systeem()
    assert not Zorgsignaal.objects.exists() and not Persoon.objects.filter(pk=lisa.pk).exists()
    assert not Toegang.objects.filter(object_type=ZORGSIGNAAL, object_id=s.pk).exists()


def test_binnen_matches_exactly_the_values_given_whatever_they_contain():
    """`selectors.binnen` (an array literal on PostgreSQL): quotes, backslashes, commas and braces in a
    value match that value only; ids match as ids; an empty list matches nothing."""
    vreemd = ['a"b', "c\\d", "e,f", "{g}", "h'i", "j k", "NULL", ""]
    rijen = [Pseudoniem.objects.create(sleutel=f"test:{v}", pseudoniem=f"p{i}") for i, v in enumerate(vreemd)]
    rijen.append(Pseudoniem.objects.create(sleutel="test:anders", pseudoniem="px"))
    gevonden = Pseudoniem.objects.filter(selectors.binnen("sleutel", [f"test:{v}" for v in vreemd]))
    assert set(gevonden) == set(rijen[:-1])
    ids = [rijen[0].pk, rijen[3].pk, None]
    assert set(Pseudoniem.objects.filter(selectors.binnen("pk", ids))) == {rijen[0], rijen[3]}
    assert not Pseudoniem.objects.filter(selectors.binnen("pk", [])).exists()
