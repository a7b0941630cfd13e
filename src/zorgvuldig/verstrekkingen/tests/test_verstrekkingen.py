"""SH-16: the minimal disclosure register the verwijsindex and sharing decisions write to."""

from __future__ import annotations

import datetime as dt

import pytest

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.conftest import als_systeem
from zorgvuldig.core.errors import DomainError
from zorgvuldig.personen.services import registreer_persoon
from zorgvuldig.verstrekkingen.models import Verstrekking
from zorgvuldig.verstrekkingen.services import registreer_verstrekking

pytestmark = pytest.mark.django_db


def test_sh_16_a_disclosure_entry_records_recipient_date_items_purpose_and_ground(regio):
    actor = regio.actor(regio.medewerker)
    sam = registreer_persoon(actor=actor, data={"geslachtsnaam": "Jansen", "bsn_ontbreekt_reden": "t"})
    entry = registreer_verstrekking(
        actor=actor,
        persoon=sam,
        bron="vi_match",
        herkomst="match:demo",
        datum=dt.date(2026, 3, 2),
        gegevens=["organisatie", "naam", "email", "telefoon"],
        doel="signalering",
        grond="g4_wettelijke_bevoegdheid",
        ontvanger_organisatie=regio.school,
        activiteit="verwijsindex",
    )
    als_systeem()
    row = Verstrekking.objects.get()
    assert (
        row == entry
        and row.ontvanger_organisatie == regio.school
        and row.grond == "g4_wettelijke_bevoegdheid"
    )
    regel = AuditRegel.objects.get(actie="verstrekking.geregistreerd")
    assert regel.verwerkingsactiviteit == "verwijsindex" and regel.betrokkene


@pytest.mark.parametrize(
    ("wijziging", "veld"),
    [
        ({"grond": "g9_onbekend"}, "grond"),
        ({"bron": "telefoon"}, "bron"),
        ({"ontvanger_organisatie": None}, "ontvanger"),
    ],
)
def test_sh_16_incomplete_entries_are_refused(regio, wijziging, veld):
    actor = regio.actor(regio.medewerker)
    sam = registreer_persoon(actor=actor, data={"geslachtsnaam": "Jansen", "bsn_ontbreekt_reden": "t"})
    args = {
        "bron": "deelbesluit",
        "herkomst": "x",
        "datum": dt.date(2026, 3, 2),
        "gegevens": ["a"],
        "doel": "afstemming",
        "grond": "g1_toestemming",
        "ontvanger_organisatie": regio.school,
        **wijziging,
    }
    with pytest.raises(DomainError) as exc:
        registreer_verstrekking(actor=actor, persoon=sam, **args)
    assert exc.value.invalid_params[0].name == veld
    als_systeem()
    assert not Verstrekking.objects.exists()
