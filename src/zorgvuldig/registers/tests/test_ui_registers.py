"""Register pages (RG-01, RG-02, GP-02): the FG writes, the leidinggevende reads, nobody else sees them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zorgvuldig.personen.services import registreer_persoon
from zorgvuldig.registers import services
from zorgvuldig.registers.models import Doel, Dpia, Registerversie
from zorgvuldig.registers.tests.voorbeelden import STAPPEN, VOLLEDIG, activiteit, fg_school

pytestmark = pytest.mark.django_db

PAGINAS = ["ui:registers", "ui:dpias", "ui:register_doelen"]


def _versie_post(**extra) -> dict:
    return {
        "doelen": ["ondersteuning"],
        "categorieen_betrokkenen": VOLLEDIG["categorieen_betrokkenen"],
        "categorieen_gegevens": VOLLEDIG["categorieen_gegevens"],
        "bijzondere_categorieen": "on",
        "ontvangers": "Casusteam",
        "bewaartermijn": "15 jaar na het einde van de ondersteuning",
        "grondslag": "e",
        "grondslag_toelichting": VOLLEDIG["grondslag_toelichting"],
        "beveiliging": "Tweefactorauthenticatie en versleuteling.",
        "wijziging": "Eerste versie",
        **extra,
    }


def test_rg_01_register_page_shows_findings_until_approved(regio, ui):
    """RG-01: an activity in use without an approved version is listed on top; after approval it is gone."""
    registreer_persoon(
        actor=regio.actor(regio.medewerker), data={"geslachtsnaam": "V", "bsn_ontbreekt_reden": "t"}
    )
    client = ui(regio.fg)
    r = client.get(reverse("ui:registers"))
    assert r.status_code == 200
    tekst = r.content.decode()
    assert "Wat aandacht nodig heeft" in tekst and "Geen goedgekeurde beschrijving" in tekst
    act = activiteit()
    pagina = reverse("ui:register_activiteit", args=[act.uuid])
    assert "Nieuwe versie maken" in client.get(pagina).content.decode()

    r = client.post(reverse("ui:register_versie_opslaan", args=[act.uuid]), _versie_post())
    assert r.status_code == 302, r.content.decode()[:2000]
    versie = Registerversie.objects.get(verwerkingsactiviteit=act)
    assert versie.status == "concept" and versie.bijzondere_categorieen
    assert "Versie goedkeuren" in client.get(pagina).content.decode()
    r = client.post(reverse("ui:register_versie_goedkeuren", args=[act.uuid, versie.uuid]))
    assert r.status_code == 302
    versie.refresh_from_db()
    assert versie.status == "goedgekeurd"
    overzicht = client.get(reverse("ui:registers")).content.decode()
    assert "Versie 1 geldt" in overzicht
    # the ondersteuning finding is gone; the FG's own writes (verantwoording-toezicht) remain one
    assert overzicht.count("Geen goedgekeurde beschrijving") == 1


def test_rg_01_incomplete_concept_is_refused_on_the_page(regio, ui):
    client = ui(regio.fg)
    act = activiteit()
    r = client.post(
        reverse("ui:register_versie_opslaan", args=[act.uuid]),
        _versie_post(categorieen_gegevens="", grondslag="f"),
    )
    assert r.status_code == 400
    assert "gerechtvaardigd belang" in r.content.decode()
    assert not Registerversie.objects.exists()
    client.post(reverse("ui:register_versie_opslaan", args=[act.uuid]), _versie_post(categorieen_gegevens=""))
    versie = Registerversie.objects.get()
    r = client.post(reverse("ui:register_versie_goedkeuren", args=[act.uuid, versie.uuid]))
    assert r.status_code == 400 and "Vul eerst alle onderdelen" in r.content.decode()
    versie.refresh_from_db()
    assert versie.status == "concept"


def test_rg_02_dpia_pages_full_cycle(regio, ui):
    """RG-02: create, the four steps, advice (refused while steps are empty), decision, review."""
    client = ui(regio.fg)
    act = activiteit()
    r = client.post(reverse("ui:dpia_nieuw"), {"verwerkingsactiviteit": str(act.uuid)})
    assert r.status_code == 302
    d = Dpia.objects.get()
    pagina = reverse("ui:dpia", args=[d.uuid])
    r = client.post(reverse("ui:dpia_adviseren", args=[d.uuid]), {"advies": "Akkoord."})
    assert r.status_code == 400 and "alle vier stappen" in r.content.decode()
    assert client.post(reverse("ui:dpia_stappen", args=[d.uuid]), STAPPEN).status_code == 302
    assert client.post(reverse("ui:dpia_adviseren", args=[d.uuid]), {"advies": "Akkoord."}).status_code == 302
    assert "Besluit vastleggen" in client.get(pagina).content.decode()
    r = client.post(reverse("ui:dpia_goedkeuren", args=[d.uuid]), {"besluit_door": ""})
    assert r.status_code == 400
    r = client.post(reverse("ui:dpia_goedkeuren", args=[d.uuid]), {"besluit_door": "College van B en W"})
    assert r.status_code == 302
    d.refresh_from_db()
    assert d.status == "goedgekeurd" and d.herziendatum
    assert "Herziening starten" in client.get(pagina).content.decode()
    # approving twice is refused with the state machine's message
    r = client.post(reverse("ui:dpia_goedkeuren", args=[d.uuid]), {"besluit_door": "Iemand"})
    assert r.status_code == 400 and "RG-02" in r.content.decode()
    assert client.post(reverse("ui:dpia_herzien", args=[d.uuid])).status_code == 302
    d.refresh_from_db()
    assert d.status == "in_herziening"
    assert client.get(reverse("ui:dpias")).status_code == 200


def test_rg_02_leidinggevende_reads_without_forms(regio, ui):
    d = services.maak_dpia(
        actor=regio.actor(regio.fg), activiteit_uuid=activiteit().uuid, stappen=dict(STAPPEN)
    )
    client = ui(regio.leidinggevende)
    for naam in PAGINAS:
        assert client.get(reverse(naam)).status_code == 200, naam
    tekst = client.get(reverse("ui:dpia", args=[d.uuid])).content.decode()
    assert STAPPEN["risicos"] in tekst and "Advies vastleggen" not in tekst
    assert (
        "Nieuwe versie maken"
        not in client.get(reverse("ui:register_activiteit", args=[activiteit().uuid])).content.decode()
    )
    # writing is not possible: answered like a missing page, nothing changed
    assert client.post(reverse("ui:dpia_adviseren", args=[d.uuid]), {"advies": "x"}).status_code == 404
    assert (
        client.post(
            reverse("ui:register_versie_opslaan", args=[activiteit().uuid]), _versie_post()
        ).status_code
        == 404
    )
    d.refresh_from_db()
    assert d.status == "concept" and not Registerversie.objects.exists()


@pytest.mark.parametrize("rol", ["medewerker", "beheerder"])
def test_rg_01_other_roles_do_not_see_the_registers(regio, ui, rol):
    client = ui(getattr(regio, rol))
    for naam in PAGINAS:
        assert client.get(reverse(naam)).status_code == 404, naam


def test_ac_15_another_controllers_dpia_page_is_not_found(regio, ui):
    d = services.maak_dpia(actor=regio.actor(fg_school(regio)), activiteit_uuid=activiteit().uuid, stappen={})
    client = ui(regio.fg)
    assert client.get(reverse("ui:dpia", args=[d.uuid])).status_code == 404
    assert client.post(reverse("ui:dpia_stappen", args=[d.uuid]), STAPPEN).status_code == 404
    d.refresh_from_db()
    assert d.proces == ""


def test_gp_02_fg_adds_and_removes_a_purpose_on_the_page(regio, ui):
    client = ui(regio.fg)
    r = client.post(
        reverse("ui:register_doel_nieuw"),
        {"code": "wijkveiligheid", "omschrijving": "Veiligheid in de wijk", "grondslagen": ["e"]},
    )
    assert r.status_code == 302
    doel = Doel.objects.get(code="wijkveiligheid")
    r = client.post(
        reverse("ui:register_doel_nieuw"), {"code": "Fout Code", "omschrijving": "", "grondslagen": []}
    )
    assert r.status_code == 400
    meegeleverd = Doel.objects.get(code="kwaliteit")
    r = client.post(reverse("ui:register_doel_verwijderen", args=[meegeleverd.uuid]))
    assert r.status_code == 400 and "meegeleverd" in r.content.decode()
    assert client.post(reverse("ui:register_doel_verwijderen", args=[doel.uuid])).status_code == 302
    assert not Doel.objects.filter(code="wijkveiligheid").exists()
