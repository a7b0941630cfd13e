"""/api/v1/exportdefinities (API §2.12): RP-04 pseudonymised exports, RP-05 FG approval, SPEC §13."""

from __future__ import annotations

import csv
import io

import pytest

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.conftest import als_systeem
from zorgvuldig.monitoring.models import Export, Exportdefinitie
from zorgvuldig.monitoring.tests import hulp

pytestmark = pytest.mark.django_db
T = "http://testserver/api/v1"
PAD = "/api/v1/exportdefinities"


@pytest.fixture
def ontvanger(regio):
    return hulp.Ontvanger(regio)


def _body(regio, ont, **over):
    body = {
        "naam": "Doorlooptijden wijkteam",
        "ontvanger": f"{T}/organisaties/{ont.org.uuid}",
        "doel": "verantwoording",
        "velden": list(hulp.VELDEN),
        "proportionaliteit": {
            "noodzaak": hulp.NOODZAAK,
            "afweging": hulp.AFWEGING,
            "minderIngrijpend": hulp.MINDER,
        },
    }
    body.update(over)
    return body


def _params(r) -> dict[str, str]:
    return {p["name"]: p["code"] for p in r.json().get("invalidParams", [])}


def _csv(r) -> list[dict]:
    return list(csv.DictReader(io.StringIO(r.content.decode("utf-8"))))


def _maak_export(api, regio, definitie, gebruiker=None):
    r = api(gebruiker or regio.leidinggevende).post(f"{PAD}/{definitie.uuid}/exporten", {}, format="json")
    assert r.status_code == 201, r.content
    return r.json()


def _haal_op(api, gebruiker, export_url):
    return api(gebruiker).get(export_url.replace("http://testserver", ""), HTTP_ACCEPT="text/csv")


# --- definitions and approval (RP-05) --------------------------------------------------------------------


def test_rp_05_voorstellen_en_goedkeuren_door_fg(regio, api, ontvanger):
    r = api(regio.leidinggevende).post(PAD, _body(regio, ontvanger), format="json")
    assert r.status_code == 201, r.content
    d = r.json()
    assert d["status"] == "concept"
    assert d["gegevensset"] == "dossiers"
    assert d["ontvanger"] == f"{T}/organisaties/{ontvanger.org.uuid}"
    assert d["goedkeuring"] is None
    r = api(regio.fg).post(f"{PAD}/{d['uuid']}/_goedkeuren", {"oordeel": hulp.OORDEEL}, format="json")
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "goedgekeurd"
    assert r.json()["goedkeuring"]["oordeel"] == hulp.OORDEEL
    assert r.json()["goedkeuring"]["door"] == f"{T}/gebruikers/{regio.fg.uuid}"
    als_systeem()
    assert AuditRegel.objects.filter(actie="exportdefinitie.goedgekeurd", status="uitgevoerd").count() == 1


def test_rp_05_goedkeuren_geweigerd_zonder_proportionaliteit(regio, api, ontvanger):
    body = _body(regio, ontvanger)
    del body["proportionaliteit"]
    d = api(regio.leidinggevende).post(PAD, body, format="json").json()
    r = api(regio.fg).post(f"{PAD}/{d['uuid']}/_goedkeuren", {"oordeel": hulp.OORDEEL}, format="json")
    assert r.status_code == 400
    assert _params(r) == {
        "proportionaliteit.noodzaak": "required",
        "proportionaliteit.afweging": "required",
        "proportionaliteit.minderIngrijpend": "required",
    }
    assert "RP-05" in r.json()["detail"]
    als_systeem()
    assert Exportdefinitie.objects.get(uuid=d["uuid"]).status == "concept"  # nothing changed
    assert AuditRegel.objects.filter(actie="exportdefinitie.goedgekeurd", status="geweigerd").count() == 1


def test_rp_05_goedkeuren_vraagt_oordeel_van_de_fg(regio, api, ontvanger):
    d = api(regio.leidinggevende).post(PAD, _body(regio, ontvanger), format="json").json()
    r = api(regio.fg).post(f"{PAD}/{d['uuid']}/_goedkeuren", {}, format="json")
    assert r.status_code == 400
    assert _params(r) == {"oordeel": "required"}


def test_rp_05_alleen_de_fg_keurt_goed(regio, api, ontvanger):
    d = api(regio.leidinggevende).post(PAD, _body(regio, ontvanger), format="json").json()
    # without export:goedkeuren the operation is not there for the leidinggevende (item path: 404)
    r = api(regio.leidinggevende).post(
        f"{PAD}/{d['uuid']}/_goedkeuren", {"oordeel": hulp.OORDEEL}, format="json"
    )
    assert r.status_code == 404
    # the FG of another controller does not see it at all
    from zorgvuldig.conftest import maak_gebruiker

    fg_school = maak_gebruiker(regio.school, "fg@hetbaken.example.org", ["fg"], naam="FG Baken")
    r = api(fg_school).post(f"{PAD}/{d['uuid']}/_goedkeuren", {"oordeel": hulp.OORDEEL}, format="json")
    assert r.status_code == 404


def test_rp_05_goedgekeurd_is_onveranderlijk(regio, api, ontvanger):
    d = hulp.goedgekeurd(regio, ontvanger.org)
    r = api(regio.fg).post(f"{PAD}/{d.uuid}/_goedkeuren", {"oordeel": hulp.OORDEEL}, format="json")
    assert r.status_code == 409 and r.json()["code"] == "E_STATE_CONFLICT"
    r = api(regio.leidinggevende).patch(f"{PAD}/{d.uuid}", {"velden": ["dossier.status"]}, format="json")
    assert r.status_code == 405  # a change is a new definition, which needs approval again


def test_rp_05_export_van_niet_goedgekeurde_definitie_geweigerd(regio, api, ontvanger):
    d = hulp.definitie(regio, ontvanger.org)
    r = api(regio.leidinggevende).post(f"{PAD}/{d.uuid}/exporten", {}, format="json")
    assert r.status_code == 409
    assert r.json()["code"] == "E_STATE_CONFLICT"
    assert "RP-05" in r.json()["detail"]
    als_systeem()
    assert not Export.objects.exists()
    assert AuditRegel.objects.filter(actie="export.aangemaakt", status="geweigerd").count() == 1


def test_rp_05_ingetrokken_definitie_levert_niets_meer(regio, api, ontvanger):
    hulp.clienten(regio)
    d = hulp.goedgekeurd(regio, ontvanger.org)
    export = _maak_export(api, regio, d)
    r = api(regio.leidinggevende).post(f"{PAD}/{d.uuid}/_intrekken", {}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "ingetrokken"
    assert r.json()["intrekking"]["door"] == f"{T}/gebruikers/{regio.leidinggevende.uuid}"
    r = api(regio.leidinggevende).post(f"{PAD}/{d.uuid}/exporten", {}, format="json")
    assert r.status_code == 409
    # an export not yet fetched is not delivered any more
    assert _haal_op(api, ontvanger.lg, export["url"]).status_code == 409
    r = api(regio.leidinggevende).post(f"{PAD}/{d.uuid}/_intrekken", {}, format="json")
    assert r.status_code == 409


# --- refused and malformed input (RP-01, RP-04, API §1.1) --------------------------------------------------


def test_rp_04_verboden_velden_400(regio, api, ontvanger):
    body = _body(
        regio,
        ontvanger,
        velden=[
            "dossier.pseudoniem",
            "persoon.naam",
            "dossier.bsn",
            "dossier.adres",
            "dossier.geboortedatum",
        ],
    )
    r = api(regio.leidinggevende).post(PAD, body, format="json")
    assert r.status_code == 400
    assert r.json()["code"] == "E_INVALID_INPUT"
    assert _params(r) == {f"velden.{i}": "not_allowed" for i in (1, 2, 3, 4)}
    als_systeem()
    assert not Exportdefinitie.objects.exists()


@pytest.mark.parametrize(
    ("over", "param"),
    [
        ({"velden": ["dossier.lievelingskleur"]}, "velden.0"),
        ({"velden": ["dossier.status", "signaal.maand"]}, "velden"),
        ({"velden": []}, "velden"),
        ({"doel": "ondersteuning"}, "doel"),  # RP-01
        ({"naam": "  "}, "naam"),
    ],
)
def test_rp_04_ongeldige_definitie_400(regio, api, ontvanger, over, param):
    r = api(regio.leidinggevende).post(PAD, _body(regio, ontvanger, **over), format="json")
    assert r.status_code == 400, r.content
    assert param in _params(r)


@pytest.mark.parametrize(
    "over",
    [
        {"geheim": True},
        {"velden": "dossier.status"},
        {"velden": [1, {"a": 2}]},
        {"naam": "x" * 201},
        {"ontvanger": "https://elders.example.org/api/v1/organisaties/0b0c3c36-7a2f-4ad8-9f0a-3e4d5c6b7a89"},
        {"ontvanger": f"{T}/organisaties/0b0c3c36-7a2f-4ad8-9f0a-3e4d5c6b7a89"},
        {"ontvanger": "geen-url"},
        {"proportionaliteit": {"noodzaak": "x", "extra": "y"}},
        {"proportionaliteit": {"noodzaak": "x" * 4001}},
        {"velden": ["dossier.status"] * 100},
    ],
)
def test_misvormde_invoer_400(regio, api, ontvanger, over):
    r = api(regio.leidinggevende).post(PAD, _body(regio, ontvanger, **over), format="json")
    assert r.status_code == 400, r.content
    assert r.json()["code"] == "E_INVALID_INPUT"


def test_misvormde_json_en_filters_400(regio, api, ontvanger):
    r = api(regio.leidinggevende).post(PAD, data=b'{"naam": ', content_type="application/json")
    assert r.status_code == 400
    r = api(regio.leidinggevende).post(PAD, [1, 2], format="json")
    assert r.status_code == 400
    assert api(regio.leidinggevende).get(PAD, {"onbekend": "1"}).status_code == 400
    assert api(regio.leidinggevende).get(PAD, {"status": "klaar"}).status_code == 400
    d = hulp.goedgekeurd(regio, ontvanger.org)
    r = api(regio.leidinggevende).post(f"{PAD}/{d.uuid}/exporten", {"velden": ["dossier.bsn"]}, format="json")
    assert r.status_code == 400 and _params(r) == {"velden": "unknown"}


# --- the export itself (RP-04) ---------------------------------------------------------------------------


def test_rp_04_export_maken_en_eenmalig_ophalen_als_csv(regio, api, ontvanger):
    hulp.clienten(regio)
    d = hulp.goedgekeurd(regio, ontvanger.org)
    export = _maak_export(api, regio, d)
    assert export["aantalRijen"] == 2
    assert export["opgehaaldOp"] is None
    als_systeem()
    rij = Export.objects.get(uuid=export["uuid"])
    assert rij.inhoud_versleuteld.startswith("zv1:")  # encrypted at rest
    assert "pseudoniem" not in rij.inhoud_versleuteld
    assert rij.organisatie_id == ontvanger.org.pk
    r = _haal_op(api, ontvanger.lg, export["url"])
    assert r.status_code == 200, r.content
    assert r["Content-Type"].startswith("text/csv")
    assert "attachment" in r["Content-Disposition"]
    rijen = _csv(r)
    assert len(rijen) == 2
    assert list(rijen[0]) == [
        "pseudoniem",
        "leeftijdscategorie",
        "woonplaats",
        "status",
        "startmaand",
        *[f"zrm_{d}" for d in ("inkomen", "dagbesteding", "huisvesting", "gezinsrelaties", "adl")],
        "zrm_sociaal_netwerk",
        "zrm_maatschappelijke_participatie",
    ]
    assert {r["zrm_huisvesting"] for r in rijen} == {"3"}
    assert sorted(r["leeftijdscategorie"] for r in rijen) == ["16_17", "18_plus"]
    # once: the platform keeps no copy after delivery
    als_systeem()
    rij.refresh_from_db()
    assert rij.inhoud_versleuteld == "" and rij.opgehaald_op is not None
    r = _haal_op(api, ontvanger.lg, export["url"])
    assert r.status_code == 409
    assert r["Content-Type"].startswith("application/problem+json")
    meta = api(ontvanger.lg).get(export["url"].replace("http://testserver", ""))
    assert meta.status_code == 200 and meta.json()["opgehaaldOp"] is not None
    als_systeem()
    assert AuditRegel.objects.filter(actie="export.opgehaald", status="uitgevoerd").count() == 1


def test_rp_04_csv_zonder_namen_bsn_adressen_of_geboortedata(regio, api, ontvanger):
    hulp.clienten(regio)
    velden = [v for v in hulp.VELDEN] + [
        "dossier.soort",
        "dossier.kader",
        "dossier.team",
        "dossier.eindmaand",
    ]
    velden += ["dossier.afsluitreden", "dossier.zrm_bijzonder"]
    d = hulp.goedgekeurd(regio, ontvanger.org, velden=velden)
    export = _maak_export(api, regio, d)
    tekst = _haal_op(api, ontvanger.lg, export["url"]).content.decode("utf-8")
    for persoon in hulp.PERSONEN:
        geboren = persoon["geboortedatum"]
        verboden = [
            persoon["voornamen"],
            persoon["voornamen"].split()[0],
            persoon["geslachtsnaam"],
            persoon["bsn"],
            persoon["adres_straat"],
            persoon["adres_postcode"],
            persoon["adres_postcode"].replace(" ", ""),
            geboren.isoformat(),
            geboren.strftime("%d-%m-%Y"),
            geboren.strftime("%Y%m%d"),
            geboren.strftime("%d%m%Y"),
        ]
        for waarde in verboden:
            assert waarde.lower() not in tekst.lower(), waarde
    assert "Ouderkerk" not in tekst  # a secret address's place of residence stays out too (PE-03)
    assert "Woont tijdelijk" not in tekst  # no free text (the ZRM justification)
    assert "Krimpen aan den IJssel" in tekst  # the place of residence, chosen, is there


def test_rp_04_twee_exporten_delen_geen_pseudoniem(regio, api, ontvanger):
    (lisa, _), _ = hulp.clienten(regio)
    from zorgvuldig.dossiers.tests import hulp as dhulp

    tweede = dhulp.dossier(regio, persoon=lisa)  # the same person in a second dossier
    assert tweede.pk
    d = hulp.goedgekeurd(regio, ontvanger.org)
    eerste = _csv(_haal_op(api, ontvanger.lg, _maak_export(api, regio, d)["url"]))
    volgende = _csv(_haal_op(api, ontvanger.lg, _maak_export(api, regio, d)["url"]))
    assert len(eerste) == len(volgende) == 3
    p1 = [r["pseudoniem"] for r in eerste]
    p2 = [r["pseudoniem"] for r in volgende]
    # within one export a person has one pseudonym: Lisa's two dossiers share it
    assert len(set(p1)) == 2 and len(set(p2)) == 2
    # across exports nothing links: no pseudonym comes back
    assert not set(p1) & set(p2)
    # and a pseudonym is not the audit log's pseudonym of the person either
    from zorgvuldig.audit.models import Pseudoniem

    als_systeem()
    assert not set(Pseudoniem.objects.values_list("pseudoniem", flat=True)) & (set(p1) | set(p2))


def test_rp_04_aanmaken_gelogd_per_betrokkene(regio, api, ontvanger):
    hulp.clienten(regio)
    d = hulp.goedgekeurd(regio, ontvanger.org)
    export = _maak_export(api, regio, d)
    als_systeem()
    regels = AuditRegel.objects.filter(actie="export.aangemaakt", object_uuid=export["uuid"])
    assert regels.count() == 2  # one per person in the export (AU-02)
    assert all(r.koppeling["aantal"] == 2 for r in regels)


def test_rp_04_andere_verantwoordelijke_ziet_geen_dossiers_van_een_ander(regio, api, ontvanger):
    """Only the controller's records: the school's dossier stays out of the gemeente's export."""
    from zorgvuldig.dossiers.tests.hulp import Casus

    Casus(regio)  # Lisa at the wijkteam, a pupil at the school (another controller)
    d = hulp.goedgekeurd(regio, ontvanger.org)
    rijen = _csv(_haal_op(api, ontvanger.lg, _maak_export(api, regio, d)["url"]))
    assert len(rijen) == 1


# --- who sees what (SPEC §13 "Visible", API §1.4) ---------------------------------------------------------


def test_rp_04_ophalen_alleen_door_de_ontvanger(regio, api, ontvanger):
    hulp.clienten(regio)
    d = hulp.goedgekeurd(regio, ontvanger.org)
    export = _maak_export(api, regio, d)
    for gebruiker in (
        regio.leidinggevende,
        regio.fg,
        regio.school_lg,
        regio.medewerker,
        ontvanger.medewerker,
    ):
        r = _haal_op(api, gebruiker, export["url"])
        assert r.status_code == 404, gebruiker.email
        assert r.json()["code"] == "E_NOT_FOUND"
        r = api(gebruiker).get(export["url"].replace("http://testserver", ""))
        assert r.status_code == 404
    assert (
        api().get(export["url"].replace("http://testserver", ""), HTTP_ACCEPT="text/csv").status_code == 401
    )
    # nothing was delivered by the refused attempts
    assert _haal_op(api, ontvanger.lg, export["url"]).status_code == 200
    # an unknown export of a visible definition: 404 as well
    r = _haal_op(api, ontvanger.lg, f"{T}/exportdefinities/{d.uuid}/exporten/{d.uuid}")
    assert r.status_code == 404


def test_rp_04_niet_ondersteund_formaat_406(regio, api, ontvanger):
    d = hulp.goedgekeurd(regio, ontvanger.org)
    export = _maak_export(api, regio, d)
    r = api(ontvanger.lg).get(export["url"].replace("http://testserver", ""), HTTP_ACCEPT="application/pdf")
    assert r.status_code == 406


def test_zichtbaarheid_definities(regio, api, ontvanger):
    concept = hulp.definitie(regio, ontvanger.org)
    goed = hulp.goedgekeurd(regio, ontvanger.org, naam="Tweede")
    lg = api(regio.leidinggevende).get(PAD).json()
    assert {x["uuid"] for x in lg["results"]} == {str(concept.uuid), str(goed.uuid)}
    assert api(regio.fg).get(PAD).json()["count"] == 2
    assert api(regio.fg).get(PAD, {"status": "concept"}).json()["count"] == 1
    # the recipient sees the approved definition only, read only
    ont = api(ontvanger.lg).get(PAD).json()
    assert [x["uuid"] for x in ont["results"]] == [str(goed.uuid)]
    assert api(ontvanger.lg).get(f"{PAD}/{concept.uuid}").status_code == 404
    assert api(ontvanger.lg).get(f"{PAD}/{goed.uuid}").status_code == 200
    r = api(ontvanger.lg).post(f"{PAD}/{goed.uuid}/exporten", {}, format="json")
    assert r.status_code == 403 and r.json()["code"] == "E_AC_NOT_AUTHORISED"
    assert api(ontvanger.lg).post(f"{PAD}/{goed.uuid}/_intrekken", {}, format="json").status_code == 403
    # another controller: nothing, not even that it exists
    assert api(regio.school_lg).get(PAD).json()["count"] == 0
    for pad in (f"{PAD}/{goed.uuid}", f"{PAD}/{goed.uuid}/exporten"):
        assert api(regio.school_lg).get(pad).status_code == 404
    for pad in (f"{PAD}/{goed.uuid}/exporten", f"{PAD}/{goed.uuid}/_intrekken"):
        assert api(regio.school_lg).post(pad, {}, format="json").status_code == 404


def test_rollen_zonder_rapportage_lezen(regio, api, ontvanger):
    d = hulp.goedgekeurd(regio, ontvanger.org)
    for gebruiker in (regio.medewerker, regio.beheerder, regio.auditor, regio.leraar):
        assert api(gebruiker).get(PAD).status_code == 403, gebruiker.email
        assert api(gebruiker).post(PAD, _body(regio, ontvanger), format="json").status_code == 403
        assert api(gebruiker).get(f"{PAD}/{d.uuid}").status_code == 404
        assert api(gebruiker).post(f"{PAD}/{d.uuid}/exporten", {}, format="json").status_code == 404
    assert api().get(PAD).status_code == 401


def test_rp_04_exporten_lijst_zonder_inhoud_voor_de_verantwoordelijke(regio, api, ontvanger):
    hulp.clienten(regio)
    d = hulp.goedgekeurd(regio, ontvanger.org)
    export = _maak_export(api, regio, d)
    r = api(regio.fg).get(f"{PAD}/{d.uuid}/exporten")
    assert r.status_code == 200
    assert r.json()["count"] == 1
    item = r.json()["results"][0]
    assert item["uuid"] == export["uuid"] and item["aantalRijen"] == 2
    assert set(item) == {
        "url",
        "uuid",
        "exportdefinitie",
        "aangemaakt",
        "aantalRijen",
        "opgehaaldOp",
        "status",
        "verlopenOp",
    }
    assert item["status"] == "klaar" and item["verlopenOp"] is None


def test_rp_04_fg_maakt_export_ook(regio, api, ontvanger):
    d = hulp.goedgekeurd(regio, ontvanger.org)
    assert _maak_export(api, regio, d, regio.fg)["aantalRijen"] == 0


def test_rp_04_signalen_export(regio, api, ontvanger):
    from zorgvuldig.conftest import BSN_SAM
    from zorgvuldig.verwijsindex.tests.hulp import VI

    vi = VI(regio)
    vi.signaleer(regio.medewerker)
    vi.signaleer(regio.leraar)  # the school's signal: another controller, not in this export
    velden = ["signaal.pseudoniem", "signaal.leeftijdscategorie", "signaal.organisatietype", "signaal.maand"]
    d = hulp.goedgekeurd(regio, ontvanger.org, velden=[*velden, "signaal.match"])
    r = _haal_op(api, ontvanger.lg, _maak_export(api, regio, d)["url"])
    rijen = _csv(r)
    assert len(rijen) == 1
    assert rijen[0]["organisatietype"] == "gemeentelijk_team"
    assert rijen[0]["match"] == "ja"
    assert BSN_SAM not in r.content.decode()
    assert "2011-09-20" not in r.content.decode()
