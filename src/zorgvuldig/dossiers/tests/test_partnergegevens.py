"""AC-12 (seed 001 art 8(1)): data held in a partner organisation's own system enter the case file only
through the team member employed by that partner, only as necessary, and discussed with the client.

Pure rule first (every branch), then the service/API (a refusal stores nothing and answers problem+json
with `E_AC_PARTNER_DATA`), the representation, and the note form in the UI."""

from __future__ import annotations

import html

import pytest

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.conftest import als_systeem, maak_gebruiker
from zorgvuldig.dossiers.models import Notitie
from zorgvuldig.dossiers.tests import hulp

# --- service and API --------------------------------------------------------------------------------


class Partnerregio:
    """The test region plus a GGD (own controller) that seconds Sanne to the wijkteam."""

    def __init__(self, regio):
        from zorgvuldig.organisaties.models import Organisatie, Verwerkingsverantwoordelijke

        vv = Verwerkingsverantwoordelijke.objects.create(code="ggd-rivierland", naam="Bestuur GGD Rivierland")
        self.ggd = Organisatie.objects.create(
            verwerkingsverantwoordelijke=vv, code="ggd-rivierland", naam="GGD Rivierland", type="wgbo_zorg"
        )
        self.jeugdzorg = Organisatie.objects.create(
            verwerkingsverantwoordelijke=vv,
            code="jeugdzorg-de-brug",
            naam="Jeugdzorg De Brug",
            type="jeugdhulp",
        )
        self.sanne = maak_gebruiker(
            regio.wijkteam, "s.kok@krimpen.example.org", ["medewerker"], naam="Sanne Kok", team=regio.team
        )
        self.sanne.werkgever = self.ggd
        self.sanne.save()
        self.dossier = hulp.dossier(regio, gebruiker=self.sanne)


@pytest.fixture
def pr(regio):
    return Partnerregio(regio)


def org_url(org) -> str:
    return f"http://testserver/api/v1/organisaties/{org.uuid}"


def body(org, **bron) -> dict:
    waarden = {
        "soort": "partner",
        "organisatie": org_url(org),
        "omschrijving": "Consultatiebureaudossier",
        "noodzaak": "Eerdere opvoedondersteuning bepaalt welke hulp nu past.",
        "besprokenMetClient": True,
    }
    waarden.update(bron)
    return {
        "sectie": "voortgang",
        "soort": "feit",
        "bron": {k: v for k, v in waarden.items() if v is not None},
        "geverifieerd": True,
        "tekst": "Van 2024 tot 2025 opvoedondersteuning gehad.",
    }


def notities_url(d) -> str:
    return f"/api/v1/dossiers/{d.uuid}/notities"


@pytest.mark.django_db
def test_ac_12_api_partner_note_by_employee_of_that_partner_is_stored_and_shows_its_origin(regio, api, pr):
    client = api(pr.sanne)
    r = client.post(notities_url(pr.dossier), body(pr.ggd), format="json")
    assert r.status_code == 201, r.json()
    bron = r.json()["bron"]
    assert bron == {
        "soort": "partner",
        "omschrijving": "Consultatiebureaudossier",
        "organisatie": org_url(pr.ggd),
        "organisatieNaam": "GGD Rivierland",
        "noodzaak": "Eerdere opvoedondersteuning bepaalt welke hulp nu past.",
        "besprokenMetClient": True,
    }
    assert r.json()["nietEigenWaarneming"] is True
    lijst = client.get(notities_url(pr.dossier)).json()["results"]
    assert lijst[0]["bron"]["organisatie"] == org_url(pr.ggd)
    als_systeem()
    n = Notitie.objects.get()
    assert (n.bron_soort, n.bron_organisatie, n.besproken_met_client) == ("partner", pr.ggd, True)
    assert "opvoedondersteuning" not in n.inhoud_versleuteld  # the necessity is encrypted with the text
    # The existing note-create entry; field names only, no content (AU-06).
    entry = AuditRegel.objects.get(actie="dossier.item_geregistreerd", status="uitgevoerd")
    assert entry.velden == ["notitie.voortgang"]
    assert "opvoedondersteuning" not in str(entry.chain_fields())


@pytest.mark.django_db
@pytest.mark.parametrize(
    "wie,bron,velden",
    [
        ("medewerker", {}, {"bron.organisatie"}),  # no werkgever
        ("sanne", {"organisatie": "jeugdzorg"}, {"bron.organisatie"}),  # another partner
        ("sanne", {"besprokenMetClient": False}, {"bron.besprokenMetClient"}),
        ("sanne", {"noodzaak": ""}, {"bron.noodzaak"}),
    ],
)
def test_ac_12_api_refused_partner_note_stores_nothing_and_answers_problem_json(
    regio, api, pr, wie, bron, velden
):
    gebruiker = pr.sanne if wie == "sanne" else regio.medewerker
    if gebruiker is regio.medewerker:
        from zorgvuldig.dossiers import services

        services.wijs_toe(
            actor=regio.actor(regio.leidinggevende),
            uuid=pr.dossier.uuid,
            gebruiker=regio.medewerker,
            rol="casusteam",
        )
    org = pr.jeugdzorg if bron.pop("organisatie", None) == "jeugdzorg" else pr.ggd
    r = api(gebruiker).post(notities_url(pr.dossier), body(org, **bron), format="json")
    assert r.status_code == 403, r.json()
    assert r["Content-Type"].startswith("application/problem+json")
    assert r.json()["code"] == "E_AC_PARTNER_DATA"
    assert {i["name"] for i in r.json()["invalidParams"]} == velden
    assert "(AC-12)" in r.json()["detail"]
    als_systeem()
    assert not Notitie.objects.exists()
    assert AuditRegel.objects.filter(
        actie="dossier.item_geregistreerd", status="geweigerd", code="E_AC_PARTNER_DATA"
    ).exists()  # AU-04


@pytest.mark.django_db
def test_ac_12_api_unknown_or_foreign_partner_url_is_invalid_input(regio, api, pr):
    client = api(pr.sanne)
    data = body(pr.ggd)
    data["bron"]["organisatie"] = "http://testserver/api/v1/organisaties/00000000-0000-4000-8000-000000000000"
    r = client.post(notities_url(pr.dossier), data, format="json")
    assert r.status_code == 400 and r.json()["code"] == "E_INVALID_INPUT"
    assert [i["name"] for i in r.json()["invalidParams"]] == ["bron.organisatie"]
    data["bron"]["organisatie"] = "http://elders.example.org/api/v1/organisaties/" + str(pr.ggd.uuid)
    assert client.post(notities_url(pr.dossier), data, format="json").status_code == 400
    als_systeem()
    assert not Notitie.objects.exists()


@pytest.mark.django_db
def test_ac_12_api_normal_notes_unaffected_for_a_seconded_member(regio, api, pr):
    r = api(pr.sanne).post(
        notities_url(pr.dossier),
        {
            "sectie": "voortgang",
            "soort": "feit",
            "bron": {"soort": "eigen_waarneming"},
            "geverifieerd": True,
            "tekst": "Huisbezoek.",
        },
        format="json",
    )
    assert r.status_code == 201 and r.json()["bron"] == {"soort": "eigen_waarneming", "omschrijving": ""}


@pytest.mark.django_db
def test_ac_12_database_refuses_a_partner_note_without_its_statements(regio, pr):
    """Second line of defence: the check constraint."""
    from django.db import IntegrityError, transaction

    n = hulp.notitie(regio, pr.dossier, gebruiker=pr.sanne)
    n.bron_soort = "partner"
    with pytest.raises(IntegrityError), transaction.atomic():
        n.save()


# --- UI ---------------------------------------------------------------------------------------------


def ui_notitie(**over) -> dict:
    data = {
        "sectie": "voortgang",
        "soort": "feit",
        "tekst": "Van 2024 tot 2025 opvoedondersteuning gehad.",
        "bron_soort": "partner",
        "geverifieerd": "ja",
        "noodzaak": "Eerdere opvoedondersteuning bepaalt welke hulp nu past.",
        "besproken_met_client": "ja",
    }
    data.update(over)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.django_db
def test_ac_12_ui_partner_option_only_for_a_partner_employee(regio, ui, pr):
    from zorgvuldig.dossiers import services

    services.wijs_toe(
        actor=regio.actor(regio.leidinggevende),
        uuid=pr.dossier.uuid,
        gebruiker=regio.medewerker,
        rol="casusteam",
    )
    pagina = html.unescape(ui(pr.sanne).get(f"/dossiers/{pr.dossier.uuid}/notities").content.decode())
    assert 'value="partner"' in pagina and "Het systeem van GGD Rivierland, mijn werkgever" in pagina
    assert 'name="noodzaak"' in pagina and 'name="besproken_met_client"' in pagina
    gewoon = ui(regio.medewerker).get(f"/dossiers/{pr.dossier.uuid}/notities").content.decode()
    assert 'value="partner"' not in gewoon and 'name="noodzaak"' not in gewoon
    # Posting it anyway gets the service's refusal, and nothing is stored.
    r = ui(regio.medewerker).post(f"/dossiers/{pr.dossier.uuid}/notities/nieuw", ui_notitie())
    assert r.status_code == 400
    assert "alleen in het dossier via het teamlid dat bij die partner in dienst is" in html.unescape(
        r.content.decode()
    )
    als_systeem()
    assert not Notitie.objects.exists()


@pytest.mark.django_db
def test_ac_12_ui_partner_note_refused_until_discussed_then_stored_and_shown(regio, ui, pr):
    worker = ui(pr.sanne)
    pad = f"/dossiers/{pr.dossier.uuid}/notities"
    r = worker.post(pad + "/nieuw", ui_notitie(besproken_met_client="nee", noodzaak=""))
    assert r.status_code == 400
    pagina = html.unescape(r.content.decode())
    assert "Bespreek de gegevens uit het systeem van de partner eerst met de cliënt (AC-12)." in pagina
    assert "Leg uit waarom deze gegevens nodig zijn" in pagina
    als_systeem()
    assert not Notitie.objects.exists()
    r = worker.post(pad + "/nieuw", ui_notitie())
    assert r.status_code == 302
    pagina = html.unescape(worker.get(pad).content.decode())
    assert (
        "Bron: uit systeem van GGD Rivierland, ingebracht door medewerker in dienst van GGD Rivierland, "
        "besproken met cliënt" in pagina
    )
    assert "Eerdere opvoedondersteuning bepaalt welke hulp nu past." in pagina


@pytest.mark.django_db
def test_ac_12_ri_05_the_inzage_answer_names_the_partner_as_the_source(regio, api, pr):
    """GDPR art 15(1)(g), RI-05: the client learns from which partner's system a note's data came."""
    from zorgvuldig.rechten.policies import herkomst
    from zorgvuldig.rechten.selectors import _dossiers

    assert api(pr.sanne).post(notities_url(pr.dossier), body(pr.ggd), format="json").status_code == 201
    als_systeem()
    client = pr.dossier.leden.get().persoon
    dossiers = _dossiers([client.pk], {str(client.uuid)}, {str(client.uuid)}, False, set(), [])
    [notitie] = [i for d in dossiers for i in d["items"] if i["soort"] == "notitie"]
    assert (notitie["bron"], notitie["bronOrganisatie"]) == ("partner", "GGD Rivierland")
    # the overview's "origin" names the partner, not "yourself"
    assert herkomst(notitie) == "Het eigen systeem van GGD Rivierland, via de medewerker die daar werkt"
