"""The consent registry over HTTP (API §2.5): CS-01 … CS-16 as the professional meets them."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.conftest import als_systeem
from zorgvuldig.toestemmingen.models import Toestemming
from zorgvuldig.verstrekkingen.tests import hulp

pytestmark = pytest.mark.django_db
T = hulp.T


@pytest.fixture
def casus(regio):
    return hulp.casus_met_moeder(regio)


def geef(api, regio, casus, **over):
    vt = hulp.veilig_thuis(regio)
    return api(regio.medewerker).post(
        "/api/v1/toestemmingen", hulp.toestemming_body(regio, casus, vt, **over), format="json"
    )


def test_cs_05_e3_secrecy_release_at_14_needs_youth_and_parent(regio, api, casus):
    """CS-05/SPEC §6 table: kind (2) at 12–15 needs the youth **and** a representative."""
    r = geef(api, regio, casus)
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["status"] == "gegeven" and body["soort"] == "doorbreking_beroepsgeheim"
    r = geef(
        api,
        regio,
        casus,
        gevers=[{"persoon": f"{T}/api/v1/personen/{casus.lisa.uuid}", "hoedanigheid": "zelf"}],
    )
    assert r.status_code == 400 and r.json()["code"] == "E_CS_WRONG_GIVER"
    r = geef(
        api,
        regio,
        casus,
        gevers=[{"persoon": f"{T}/api/v1/personen/{casus.moeder.uuid}", "hoedanigheid": "ouder_met_gezag"}],
    )
    assert r.status_code == 400 and r.json()["code"] == "E_CS_WRONG_GIVER"
    als_systeem()
    assert Toestemming.objects.count() == 1


def test_cs_05_relation_must_be_registered_for_the_capacity_claimed(regio, api, casus):
    buur = hulp.dossierhulp.client(regio, voornamen="Buur", geboortedatum=dt.date(1970, 1, 1))
    r = geef(
        api,
        regio,
        casus,
        gevers=[
            {"persoon": f"{T}/api/v1/personen/{casus.lisa.uuid}", "hoedanigheid": "zelf"},
            {"persoon": f"{T}/api/v1/personen/{buur.uuid}", "hoedanigheid": "ouder_met_gezag"},
        ],
    )
    assert r.status_code == 400 and r.json()["code"] == "E_CS_WRONG_GIVER"


def test_cs_05_parent_objection_blocks(regio, api, casus):
    r = geef(
        api,
        regio,
        casus,
        andereOuder={"persoon": f"{T}/api/v1/personen/{casus.moeder.uuid}", "reactie": "bezwaar"},
        gevers=[{"persoon": f"{T}/api/v1/personen/{casus.lisa.uuid}", "hoedanigheid": "zelf"}],
    )
    assert r.status_code in (400, 409)
    assert r.json()["code"] in ("E_CS_PARENT_OBJECTS", "E_CS_WRONG_GIVER")


def test_cs_02_consent_without_recipient_purpose_or_data_is_not_specific(regio, api, casus):
    r = geef(api, regio, casus, ontvangers=[], gegevenscategorieen=[], doel="")
    assert r.status_code == 400 and r.json()["code"] == "E_CS_NOT_SPECIFIC"
    namen = {p["name"] for p in r.json()["invalidParams"]}
    assert {"ontvangers", "doel", "gegevenscategorieen"} <= namen
    als_systeem()
    assert not Toestemming.objects.exists()


def test_cs_03_cs_12_informed_before_consent(regio, api, casus):
    r = geef(
        api, regio, casus, informatieGegeven={"datum": dt.date.today().isoformat(), "onderwerpen": ["doel"]}
    )
    assert r.status_code == 400 and r.json()["code"] == "E_CS_NOT_SPECIFIC"
    r = geef(
        api,
        regio,
        casus,
        soort="start_jeugdhulp",
        informatieGegeven={
            "datum": dt.date.today().isoformat(),
            "onderwerpen": ["doel", "ontvanger", "gegevens"],
        },
    )
    assert r.status_code == 400  # CS-12: informed about the help itself too
    assert any("informatieGegeven" in p["name"] for p in r.json()["invalidParams"])


def test_cs_04_secrecy_release_states_why_and_is_explicit(regio, api, casus):
    r = geef(api, regio, casus, waaromNodig="", uitdrukkelijk=False)
    assert r.status_code == 400
    assert {p["name"] for p in r.json()["invalidParams"]} >= {"waaromNodig", "uitdrukkelijk"}


def test_cs_10_public_body_choosing_consent_as_basis_is_warned_and_needs_reason(regio, api, casus):
    body = {
        "soort": "grondslag_verwerking",
        "gevers": [
            {"persoon": f"{T}/api/v1/personen/{casus.moeder.uuid}", "hoedanigheid": "ouder_met_gezag"}
        ],
    }
    r = geef(api, regio, casus, afhankelijkheidReden="", **body)
    assert r.status_code == 400 and any(
        p["name"] == "afhankelijkheidReden" for p in r.json()["invalidParams"]
    )
    r = geef(api, regio, casus, **body)
    assert r.status_code == 201, r.content
    assert any("CS-10" in w for w in r.json()["waarschuwingen"])


def test_cs_13_no_consent_as_basis_in_court_ordered_frame(regio, api, casus):
    from zorgvuldig.dossiers import services as ds

    ds.wijzig_kader(
        actor=regio.actor(regio.medewerker),
        uuid=casus.dossier.uuid,
        data={
            "kader": "dwang",
            "datum": dt.date.today(),
            "reden": "OTS",
            "grondslag": "BW 1:255",
            "client_geinformeerd": True,
            "uitspraak": {"soort": "kinderbeschermingsmaatregel", "kenmerk": "C/10/1"},
        },
    )
    r = geef(
        api,
        regio,
        casus,
        soort="grondslag_verwerking",
        gevers=[{"persoon": f"{T}/api/v1/personen/{casus.moeder.uuid}", "hoedanigheid": "ouder_met_gezag"}],
    )
    assert r.status_code == 409 and r.json()["code"] == "E_STATE_CONFLICT"


def test_cs_07_requested_then_given_in_one_step_and_revoked_in_one_step(regio, api, casus):
    r = geef(api, regio, casus, status="gevraagd")
    assert r.status_code == 201 and r.json()["status"] == "gevraagd"
    url = r.json()["url"]
    client = api(regio.medewerker)
    r = client.post(f"{url}/_geven", {}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "gegeven"
    assert client.post(f"{url}/_geven", {}, format="json").status_code == 409
    r = client.post(f"{url}/_intrekken", {}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "ingetrokken"
    assert "vanaf nu" in r.json()["gevolgen"].lower() or "niet meer" in r.json()["gevolgen"].lower()
    assert client.post(f"{url}/_intrekken", {}, format="json").status_code == 409
    als_systeem()
    assert AuditRegel.objects.filter(actie="toestemming.ingetrokken", status="uitgevoerd").count() == 1


def test_cs_07_a_revocation_by_phone_is_recorded_with_its_day(regio, api, casus):
    """API §2.5 `_intrekken {datum, kanaal}` (API review): a revocation is recorded with the day the client
    gave it and its channel. A day in the future, or before the consent (given today), is refused and
    changes nothing."""
    url = geef(api, regio, casus).json()["url"]
    client = api(regio.medewerker)
    for dag in (dt.date.today() + dt.timedelta(days=1), dt.date.today() - dt.timedelta(days=1)):
        r = client.post(f"{url}/_intrekken", {"datum": dag.isoformat(), "kanaal": "telefoon"}, format="json")
        assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "datum", r.content
        assert client.get(url).json()["status"] == "gegeven"
    r = client.post(
        f"{url}/_intrekken", {"datum": dt.date.today().isoformat(), "kanaal": "telefoon"}, format="json"
    )
    assert r.status_code == 200 and r.json()["status"] == "ingetrokken"
    moment = dt.datetime.fromisoformat
    assert moment(r.json()["gewijzigd"]) >= moment(r.json()["aangemaakt"])  # API §1.1
    als_systeem()
    from zorgvuldig.toestemmingen.models import Toestemming

    assert Toestemming.objects.get(uuid=url.rsplit("/", 1)[1]).ingetrokken_kanaal == "telefoon"


def test_cs_07_a_revocation_recorded_later_counts_from_its_own_day(regio, api, casus):
    """CS-07: a letter of revocation dated two days ago, recorded today: revoked from that day (00:00
    Europe/Amsterdam), not from the moment it was typed in."""
    url = geef(api, regio, casus).json()["url"]
    brief = dt.date.today() + dt.timedelta(days=1)
    with time_machine.travel(dt.datetime.combine(brief + dt.timedelta(days=2), dt.time(12))):
        r = api(regio.medewerker).post(
            f"{url}/_intrekken", {"datum": brief.isoformat(), "kanaal": "schriftelijk"}, format="json"
        )
        assert r.status_code == 200, r.content
    als_systeem()
    from zorgvuldig.core.clock import AMSTERDAM
    from zorgvuldig.toestemmingen.models import Toestemming

    moment = Toestemming.objects.get(uuid=url.rsplit("/", 1)[1]).ingetrokken_op.astimezone(AMSTERDAM)
    assert (moment.date(), moment.time()) == (brief, dt.time.min)


def test_rt_12_consent_expires_the_day_after_geldig_tot(regio, api, casus):
    tot = dt.date.today() + dt.timedelta(days=10)
    r = geef(api, regio, casus, geldigTot=tot.isoformat())
    url = r.json()["url"]
    with time_machine.travel(dt.datetime.combine(tot, dt.time(12))):
        assert api(regio.medewerker).get(url).json()["status"] == "gegeven"
    with time_machine.travel(dt.datetime.combine(tot + dt.timedelta(days=1), dt.time(12))):
        assert api(regio.medewerker).get(url).json()["status"] == "verlopen"
        assert api(regio.medewerker).post(f"{url}/_intrekken", {}, format="json").status_code == 409


def test_cs_06_leidinggevende_sets_aside_a_representatives_refusal(regio, api, casus):
    r = geef(
        api,
        regio,
        casus,
        status="geweigerd",
        soort="grondslag_verwerking",
        gevers=[{"persoon": f"{T}/api/v1/personen/{casus.moeder.uuid}", "hoedanigheid": "ouder_met_gezag"}],
    )
    assert r.status_code == 201, r.content
    url = r.json()["url"]
    assert (
        api(regio.medewerker).post(f"{url}/_terzijdeleggen", {"redenen": "x"}, format="json").status_code
        == 404
    )
    from zorgvuldig.dossiers import services as ds

    ds.wijs_toe(
        actor=regio.actor(regio.leidinggevende),
        uuid=casus.dossier.uuid,
        gebruiker=regio.leidinggevende,
        rol="casusteam",
    )
    lg = api(regio.leidinggevende)
    assert lg.post(f"{url}/_terzijdeleggen", {"redenen": ""}, format="json").status_code == 400
    r = lg.post(
        f"{url}/_terzijdeleggen", {"redenen": "Zwaarwegend belang: Lisa heeft de hulp nodig."}, format="json"
    )
    assert r.status_code == 200 and r.json()["terzijdegelegd"]["redenen"].startswith("Zwaarwegend")


def test_consents_visible_only_to_the_case_team(regio, api, casus):
    r = geef(api, regio, casus)
    url = r.json()["url"]
    assert api(regio.collega).get(url).status_code == 404
    assert api(regio.leraar).get(url).status_code == 404
    assert [t["url"] for t in api(regio.medewerker).get("/api/v1/toestemmingen").json()["results"]] == [url]
    assert api(regio.collega).get("/api/v1/toestemmingen").json()["results"] == []


@pytest.mark.parametrize(
    "doel",
    [
        "Zodat Veilig Thuis de situatie kan beoordelen",  # a text of one's own
        "afstemming",  # a purpose, not a processing activity
        "verwijsindex",  # CS-01, VI-05: a signal never rests on consent
        "Gegevensdeling",  # a code is exact
        "toegangsbeheer-oud",
    ],
)
def test_gp_02_cs_02_a_consents_purpose_outside_the_closed_list_is_refused(regio, api, casus, doel):
    """GP-02, CS-02 (partner review): a consent's purpose is a processing activity of the register by its
    code — the closed list step 1 of a sharing decision names, which G1 compares it with (CS-03). Any
    other value is 400 E_INVALID_INPUT on `doel`, and nothing is stored."""
    r = geef(api, regio, casus, doel=doel)
    assert r.status_code == 400 and r.json()["code"] == "E_INVALID_INPUT", r.content
    assert [p["name"] for p in r.json()["invalidParams"]] == ["doel"]
    als_systeem()
    assert not Toestemming.objects.exists()


def test_gp_02_a_consent_names_an_active_activity_and_answers_its_code(regio, api, casus):
    """GP-02: an activity the FG ended is no longer a consent's purpose; an active one is stored and
    answered as its code, with no text of its own."""
    from zorgvuldig.registers.models import Verwerkingsactiviteit

    r = geef(api, regio, casus, doel="sociaal-domein-ondersteuning")
    assert r.status_code == 201, r.content
    assert r.json()["doel"] == "sociaal-domein-ondersteuning" and r.json()["doelToelichting"] == ""
    als_systeem()
    Verwerkingsactiviteit.objects.filter(code="sociaal-domein-ondersteuning").update(actief=False)
    r = geef(api, regio, casus, doel="sociaal-domein-ondersteuning")
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "doel"
    als_systeem()
    assert Toestemming.objects.count() == 1


def _migratie():
    import importlib

    return importlib.import_module("zorgvuldig.toestemmingen.migrations.0004_doel_uit_de_lijst")


def test_gp_02_migration_maps_free_text_purposes_to_the_list_and_keeps_every_text(regio, api, casus, ui):
    """GP-02 (migration 0004): a free-text purpose becomes the code of the activity it names — by code,
    name, or a purpose only one activity serves; the text stays beside it as it was. A text that
    names no activity, or a purpose two serve, keeps an empty code and the text: nothing is lost, the
    API answers `doel` null with the text, and the pages and the client's answer show the text."""
    from django.apps import apps

    uit = {
        "gegevensdeling": ("gegevensdeling", ""),
        "  Gegevensdeling ": ("gegevensdeling", None),
        "Ondersteuning door het wijkteam (Jeugdwet, Wmo 2015)": ("sociaal-domein-ondersteuning", None),
        "ondersteuning": ("sociaal-domein-ondersteuning", None),
        "Proactieve, integrale ondersteuning op alle ZRM-domeinen": ("sociaal-domein-ondersteuning", None),
        "afstemming": ("", None),  # sharing and the case table both serve it: not guessed
        "Zodat school en wijkteam kunnen overleggen": ("", None),
    }
    urls = {}
    for tekst in uit:
        r = geef(api, regio, casus)
        assert r.status_code == 201, r.content
        urls[tekst] = r.json()["url"]
        als_systeem()
        Toestemming.objects.filter(uuid=r.json()["uuid"]).update(doel=tekst)
    _migratie().naar_de_lijst(apps, None)
    for tekst, (code, toelichting) in uit.items():
        rij = Toestemming.objects.get(uuid=urls[tekst].rsplit("/", 1)[1])
        assert (rij.doel, rij.doel_toelichting) == (code, tekst if toelichting is None else toelichting), (
            tekst
        )
        body = api(regio.medewerker).get(urls[tekst]).json()
        assert body["doel"] == (code or None) and body["doelToelichting"] == rij.doel_toelichting
        als_systeem()
    eigen = urls["Zodat school en wijkteam kunnen overleggen"].rsplit("/", 1)[1]
    assert (
        "Zodat school en wijkteam kunnen overleggen"
        in ui(regio.medewerker).get(f"/toestemmingen/{eigen}").content.decode()
    )
    # back: the texts as they were (a migration runs as the owner, outside any organisation's row security)
    als_systeem()
    _migratie().terug(apps, None)
    als_systeem()
    assert sorted(Toestemming.objects.values_list("doel", flat=True)) == sorted(uit)
