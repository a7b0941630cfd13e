"""RG-03 pages: the register with the clock, a new breach, the search for affected persons, assessing,
deciding and closing; the leidinggevende reads only; other roles and controllers see nothing."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from zorgvuldig.conftest import als_systeem
from zorgvuldig.core.clock import AMSTERDAM, now
from zorgvuldig.datalekken.models import Datalek
from zorgvuldig.datalekken.tests.hulp import Geschiedenis, datalek, vreemd_datalek

pytestmark = pytest.mark.django_db


def _lokaal(moment: dt.datetime) -> str:
    return moment.astimezone(AMSTERDAM).strftime("%Y-%m-%dT%H:%M")


def test_rg_03_fg_records_a_breach_and_sees_the_clock(regio, ui):
    fg = ui(regio.fg)
    assert fg.get(reverse("ui:datalekken")).status_code == 200
    r = fg.get(reverse("ui:datalek_nieuw"))
    assert r.status_code == 200
    ontdekt = now() - dt.timedelta(hours=30)
    r = fg.post(
        reverse("ui:datalek_nieuw"),
        {"ontdekt_op": _lokaal(ontdekt), "omschrijving": "USB-stick kwijt.", "aantal_betrokkenen": "4"},
    )
    assert r.status_code == 302
    als_systeem()
    rij = Datalek.objects.get()
    assert rij.ontdekt_op == ontdekt.replace(second=0, microsecond=0)
    pagina = fg.get(r["Location"]).content.decode()
    assert "Meer dan 24 uur na ontdekking" in pagina
    assert "Nog 42 uur" in pagina or "Nog 41 uur" in pagina
    lijst = fg.get(reverse("ui:datalekken")).content.decode()
    assert "Meer dan 24 uur na ontdekking" in lijst and "USB-stick kwijt." in lijst


def test_rg_03_new_breach_form_refuses_a_future_moment_and_keeps_the_values(regio, ui):
    fg = ui(regio.fg)
    r = fg.post(
        reverse("ui:datalek_nieuw"),
        {"ontdekt_op": _lokaal(now() + dt.timedelta(days=1)), "omschrijving": "Brief verkeerd bezorgd."},
    )
    assert r.status_code == 400
    assert "in de toekomst" in r.content.decode() and "Brief verkeerd bezorgd." in r.content.decode()
    assert fg.post(reverse("ui:datalek_nieuw"), {"ontdekt_op": "gisteren"}).status_code == 400
    als_systeem()
    assert not Datalek.objects.exists()


def test_rg_03_fg_finds_affected_persons_decides_and_closes(regio, ui):
    Geschiedenis(regio)
    rij = datalek(regio)
    fg = ui(regio.fg)
    u = reverse("ui:datalek", args=[rij.uuid])
    r = fg.post(
        reverse("ui:datalek_afbakening", args=[rij.uuid]),
        {
            "account": str(regio.medewerker.uuid),
            "vanaf": _lokaal(now() - dt.timedelta(hours=2)),
            "tot": _lokaal(now() + dt.timedelta(hours=2)),
        },
    )
    assert r.status_code == 302, r.content.decode()
    r = fg.post(reverse("ui:datalek_analyseren", args=[rij.uuid]))
    assert r.status_code == 200
    pagina = r.content.decode()
    assert "Lisa Visser" in pagina and "Daan Visser" in pagina and "Sem Bakker" not in pagina
    assert "OSG Het Baken" in pagina
    assert "Lisa" not in fg.get(u).content.decode()  # names only in the search's answer
    assert (
        fg.post(reverse("ui:datalek_beoordelen", args=[rij.uuid]), {"risico": "hoog_risico"}).status_code
        == 302
    )
    r = fg.post(reverse("ui:datalek_besluiten", args=[rij.uuid]), {"melden": "ja", "informeren": "nee"})
    assert r.status_code == 400 and "reden" in r.content.decode()
    r = fg.post(
        reverse("ui:datalek_besluiten", args=[rij.uuid]),
        {"melden": "ja", "informeren": "ja", "ap_kenmerk": "AP-77"},
    )
    assert r.status_code == 302
    assert "Besluit genomen" in fg.get(u).content.decode()
    assert fg.post(reverse("ui:datalek_afsluiten", args=[rij.uuid])).status_code == 302
    r = fg.post(reverse("ui:datalek_afsluiten", args=[rij.uuid]))
    assert r.status_code == 409
    als_systeem()
    assert Datalek.objects.get(pk=rij.pk).status == "gesloten"


def test_rg_03_search_without_scope_is_refused_on_the_page(regio, ui):
    rij = datalek(regio)
    r = ui(regio.fg).post(reverse("ui:datalek_analyseren", args=[rij.uuid]))
    assert r.status_code == 400 and "afbakening" in r.content.decode()


def test_rg_03_leidinggevende_reads_without_forms(regio, ui):
    rij = datalek(regio)
    lg = ui(regio.leidinggevende)
    pagina = lg.get(reverse("ui:datalek", args=[rij.uuid])).content.decode()
    assert "Laptop" in pagina and "Beoordeling vastleggen" not in pagina and "Zoek getroffen" not in pagina
    assert "alleen bekijken" in pagina
    assert lg.get(reverse("ui:datalek_nieuw")).status_code == 404
    assert lg.post(reverse("ui:datalek_beoordelen", args=[rij.uuid]), {"risico": "geen"}).status_code == 404
    assert lg.post(reverse("ui:datalek_analyseren", args=[rij.uuid])).status_code == 404


@pytest.mark.parametrize("rol", ["medewerker", "beheerder", "leraar"])
def test_rg_03_other_roles_see_no_register(regio, ui, rol):
    rij = datalek(regio)
    client = ui(getattr(regio, rol))
    assert client.get(reverse("ui:datalekken")).status_code == 404
    assert client.get(reverse("ui:datalek", args=[rij.uuid])).status_code == 404


def test_rg_03_another_controllers_breach_is_not_found_on_the_pages(regio, ui):
    vreemd = vreemd_datalek(regio)
    fg = ui(regio.fg)
    assert fg.get(reverse("ui:datalek", args=[vreemd.uuid])).status_code == 404
    assert fg.post(reverse("ui:datalek_analyseren", args=[vreemd.uuid])).status_code == 404
    assert (
        fg.post(reverse("ui:datalek_beoordelen", args=[vreemd.uuid]), {"risico": "geen"}).status_code == 404
    )
    assert "Lijst met leerlingen" not in fg.get(reverse("ui:datalekken")).content.decode()


def test_rg_03_clock_shown_after_72_hours(regio, ui):
    rij = datalek(regio, ontdekt_op=now() - dt.timedelta(hours=1))
    with time_machine.travel(rij.ontdekt_op + dt.timedelta(hours=75)):
        r = ui(regio.fg).get(reverse("ui:datalek", args=[rij.uuid]))
    assert r.status_code == 200
    pagina = r.content.decode()
    assert "72 uur verstreken" in pagina and "3 uur te laat" in pagina
