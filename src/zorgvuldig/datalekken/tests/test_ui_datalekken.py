"""RG-03 pages: the register with the clock, a new breach, the search for affected persons, assessing,
deciding and closing; the leidinggevende reads only; other roles and controllers see nothing."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

from zorgvuldig.conftest import als_systeem
from zorgvuldig.core.clock import AMSTERDAM, now, today
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
    pagina = fg.get(u).content.decode()
    assert "Besluit genomen" in pagina
    # GDPR art 34: the decision to inform is an intention; closing waits until the informing is recorded
    assert "Nog niet vastgelegd" in pagina and "Informeren vastleggen" in pagina
    assert "Datalek afsluiten" not in pagina and "zodra u hebt vastgelegd" in pagina
    r = fg.post(reverse("ui:datalek_afsluiten", args=[rij.uuid]))
    assert r.status_code == 409 and "Leg eerst vast wanneer, hoe en hoeveel personen" in r.content.decode()
    als_systeem()
    assert Datalek.objects.get(pk=rij.pk).status == "gemeld"
    informeren = reverse("ui:datalek_informeren", args=[rij.uuid])
    morgen = (today() + dt.timedelta(days=1)).isoformat()
    r = fg.post(informeren, {"datum": morgen, "wijze": "brief", "aantal": "2", "toelichting": "Brief B-7."})
    assert r.status_code == 400 and "in de toekomst" in r.content.decode()
    assert "Brief B-7." in r.content.decode()  # the entered values are kept
    r = fg.post(informeren, {"datum": today().isoformat(), "aantal": "2"})
    assert r.status_code == 400 and "Kies hoe u de betrokkenen informeerde." in r.content.decode()
    r = fg.post(
        informeren,
        {"datum": today().isoformat(), "wijze": "brief", "aantal": "2", "toelichting": "Brief B-7."},
    )
    assert r.status_code == 302, r.content.decode()
    pagina = fg.get(u).content.decode()
    assert "Betrokkenen geïnformeerd op" in pagina and "Brief B-7." in pagina
    assert "Aantal geïnformeerde personen" in pagina and "Informeren vastleggen" not in pagina
    assert fg.post(reverse("ui:datalek_afsluiten", args=[rij.uuid])).status_code == 302
    r = fg.post(reverse("ui:datalek_afsluiten", args=[rij.uuid]))
    assert r.status_code == 409
    als_systeem()
    rij = Datalek.objects.get(pk=rij.pk)
    assert (rij.status, rij.informeren_wijze, rij.aantal_geinformeerd) == ("gesloten", "brief", 2)


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


def _zichtbare_tekst(html: str) -> str:
    """The text as a reader (or a screen reader) gets it: tags are boundaries."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_rg_03_the_page_asks_the_risk_question_once_and_has_no_stray_spaces(regio, ui):
    """B1 text: one risk question; no space before a full stop in the clock's sentence (open or decided)."""
    rij = datalek(regio, ontdekt_op=now() - dt.timedelta(hours=30))
    fg = ui(regio.fg)
    pagina = fg.get(reverse("ui:datalek", args=[rij.uuid])).content.decode()
    assert pagina.count("Hoe groot is het risico") == 1
    assert "rechten en vrijheden" not in pagina
    tekst = _zichtbare_tekst(pagina)
    assert re.search(r"Nog 4[12] uur\. Uiterlijk melden:", tekst), tekst
    assert " ." not in tekst
    from zorgvuldig.datalekken import services

    actor = regio.actor(regio.fg)
    services.beoordeel(actor=actor, uuid=rij.uuid, risico="geen")
    services.besluit(
        actor=actor, uuid=rij.uuid, melden=False, betrokkenen_informeren=False, reden="Geen risico."
    )
    tekst = _zichtbare_tekst(fg.get(reverse("ui:datalek", args=[rij.uuid])).content.decode())
    assert "Op tijd besloten. Uiterlijk melden:" in tekst and " ." not in tekst


def test_rg_03_decided_not_to_inform_closes_at_once_and_may_record_informing_after_all(regio, ui):
    from zorgvuldig.datalekken import services

    actor = regio.actor(regio.fg)
    rij = datalek(regio, risico="geen")
    services.beoordeel(actor=actor, uuid=rij.uuid)
    services.besluit(actor=actor, uuid=rij.uuid, melden=False, betrokkenen_informeren=False, reden="Geen.")
    fg = ui(regio.fg)
    pagina = fg.get(reverse("ui:datalek", args=[rij.uuid])).content.decode()
    assert "Toch geïnformeerd" in pagina and "Datalek afsluiten" in pagina
    assert "Nog niet vastgelegd" not in pagina
    lg = ui(regio.leidinggevende).get(reverse("ui:datalek", args=[rij.uuid])).content.decode()
    assert "Informeren vastleggen" not in lg
    r = ui(regio.leidinggevende).post(
        reverse("ui:datalek_informeren", args=[rij.uuid]),
        {"datum": today().isoformat(), "wijze": "brief", "aantal": "1"},
    )
    assert r.status_code == 404
    assert fg.post(reverse("ui:datalek_afsluiten", args=[rij.uuid])).status_code == 302
