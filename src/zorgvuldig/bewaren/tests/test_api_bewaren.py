"""The retention API (API §2.9, SPEC §10): rules (RT-10, RT-11), retention rows and their filters, extension
(RT-02), legal holds (RT-07), destruction lists approved by leidinggevende and FG (RT-13), tombstones
(RT-03) and sweeps (RT-09) — never content, free text only for those who decide on it."""

from __future__ import annotations

import datetime as dt
import uuid as uuidlib

import pytest
import time_machine

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.bewaren import policies, services
from zorgvuldig.bewaren.models import Bewaartermijn, Opschoonronde
from zorgvuldig.bewaren.tests.hulp import gesloten_dossier, op
from zorgvuldig.conftest import als_systeem
from zorgvuldig.core import tenancy
from zorgvuldig.core.clock import now

pytestmark = pytest.mark.django_db

B = "/api/v1"
T = "http://testserver/api/v1"
REDEN = "Zorgvuldige hulpverlening vraagt dit: broertje komt in zorg."


def _rij(obj, objecttype="dossiers.dossier") -> Bewaartermijn:
    als_systeem()
    return Bewaartermijn.objects.get(objecttype=objecttype, object_id=obj.pk)


def _ingezien(actie="bewaartermijn.ingezien") -> int:
    als_systeem()
    return AuditRegel.objects.filter(actie=actie).count()


def _vreemde_termijn(regio, organisatie=None) -> Bewaartermijn:
    """A retention row of another organisation (default: the school, another controller)."""
    organisatie = organisatie or regio.school
    als_systeem()
    return Bewaartermijn.objects.create(
        verwerkingsverantwoordelijke_id=organisatie.verwerkingsverantwoordelijke_id,
        organisatie=organisatie,
        objecttype="dossiers.dossier",
        object_id=uuidlib.uuid4().int % 10**12,
        object_uuid=uuidlib.uuid4(),
        regel="dossier",
        brondatum=dt.date(2024, 3, 10),
        vervaldatum=dt.date(2039, 1, 1),
    )


def _zorgsignaal(regio):
    """An outreach signal without a melding: due after 6 months, no destruction list (RT-05, RT-13)."""
    from zorgvuldig.dossiers import services as ds

    return ds.registreer_zorgsignaal(
        actor=regio.actor(regio.medewerker),
        team=regio.team,
        data={
            "ontvangen_op": dt.date.today(),
            "kanaal": "telefoon",
            "melder": {"naam": "Buurvrouw"},
            "zorg": "Zorgen over de kinderen",
        },
    )


# --- rules (RT-10, RT-11) -------------------------------------------------------------------------------


def test_rt_10_one_rule_per_record_type(regio, api):
    """RT-10: GET /bewaarregels lists exactly one rule per record type, the same rows on every call."""
    c = api(regio.beheerder)
    r = c.get(f"{B}/bewaarregels")
    assert r.status_code == 200, r.content
    rijen = r.json()["results"]
    assert r.json()["count"] == len(policies.REGELS)
    assert sorted(x["objecttype"] for x in rijen) == sorted(policies.REGELS)
    dossier = next(x for x in rijen if x["objecttype"] == "dossier")
    assert dossier["termijn"] == "P15Y" and dossier["actie"] == "vernietigen"
    assert dossier["vernietigingslijst"] is True and dossier["eenheid"] is True
    assert dossier["archiefwaardig"] is None and dossier["bron"] == "seed 001 art 9(2); BW 7:454(3)"
    assert dossier["url"] == f"{T}/bewaarregels/{dossier['uuid']}"
    signaal = next(x for x in rijen if x["objecttype"] == "signaal")
    assert signaal["vernietigingslijst"] is False  # the SPEC fixes the date (RT-13)
    # the same rows again, one per type
    opnieuw = c.get(f"{B}/bewaarregels").json()["results"]
    assert {x["uuid"] for x in opnieuw} == {x["uuid"] for x in rijen}
    item = c.get(dossier["url"])
    assert item.status_code == 200 and item.json() == dossier
    # another controller's rule is invisible
    ander = services.regels_voor(regio.school_vv.pk)[0]
    assert c.get(f"{B}/bewaarregels/{ander.uuid}").status_code == 404
    assert api(regio.fg).get(f"{B}/bewaarregels/{ander.uuid}").json()["code"] == "E_NOT_FOUND"


def test_rt_11_patch_archiefwaardig(regio, api):
    """RT-11: the beheerder configures a record type permanent (Selectielijst category): transferred, not
    destroyed; null clears it. Only types with records of their own; audited."""
    c = api(regio.beheerder)
    rijen = c.get(f"{B}/bewaarregels").json()["results"]
    dossier = next(x for x in rijen if x["objecttype"] == "dossier")
    r = c.patch(dossier["url"], {"archiefwaardig": {"categorie": "1.1.2"}}, format="json")
    assert r.status_code == 200, r.content
    assert r.json()["archiefwaardig"] == {"categorie": "1.1.2"}
    assert r.json()["actie"] == "overbrengen"
    assert c.get(dossier["url"]).json()["actie"] == "overbrengen"
    als_systeem()
    assert AuditRegel.objects.filter(actie="bewaarregel.gewijzigd", status="uitgevoerd").count() == 1
    r = c.patch(dossier["url"], {"archiefwaardig": None}, format="json")
    assert r.status_code == 200 and r.json()["archiefwaardig"] is None and r.json()["actie"] == "vernietigen"
    # a type without records of its own goes with its parent: it cannot be transferred by itself
    persoon = next(x for x in rijen if x["objecttype"] == "persoon")
    r = c.patch(persoon["url"], {"archiefwaardig": {"categorie": "1.1.2"}}, format="json")
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "archiefwaardig"
    # schema: unknown fields, a blank category, nothing at all
    r = c.patch(dossier["url"], {"archiefwaardig": None, "actie": "bewaren"}, format="json")
    assert r.status_code == 400 and r.json()["invalidParams"][0]["code"] == "unknown"
    assert c.patch(dossier["url"], {"archiefwaardig": {"categorie": ""}}, format="json").status_code == 400
    assert c.patch(dossier["url"], {}, format="json").status_code == 400
    # configuration is the beheerder's: the leidinggevende (no configuratie:beheren) gets 404 on the item
    r = api(regio.leidinggevende).patch(dossier["url"], {"archiefwaardig": None}, format="json")
    assert r.status_code == 404


# --- retention rows -----------------------------------------------------------------------------------


def test_rt_01_bewaartermijnen_list_and_read_never_content(regio, api):
    """A closed dossier's retention row: rule, start event and due date (RT-01), derived status (RT-12),
    never content; each list and read writes one audit entry."""
    d = gesloten_dossier(regio, einddatum=dt.date.today())
    c = api(regio.leidinggevende)
    voor = _ingezien()
    r = c.get(f"{B}/bewaartermijnen", {"regel": "dossier"})
    assert r.status_code == 200, r.content
    assert _ingezien() == voor + 1
    rij = next(x for x in r.json()["results"] if x["object"]["uuid"] == str(d.uuid))
    assert rij["object"] == {"type": "dossiers.dossier", "uuid": str(d.uuid)}
    assert rij["brondatum"] == dt.date.today().isoformat()
    assert rij["vervaldatum"] == dt.date(dt.date.today().year + 15, 1, 1).isoformat()
    assert rij["status"] == "actief" and rij["uitkomst"] is None and rij["blokkades"] == []
    assert rij["besluit"] is None and rij["vernietigingslijst"] is None
    assert rij["regel"].startswith(f"{T}/bewaarregels/")
    assert rij["organisatie"] == f"{T}/organisaties/{regio.wijkteam.uuid}"
    # never content: nothing of the dossier's text is in the answer
    assert "Terug op school" not in r.content.decode() and "Tevreden" not in r.content.decode()
    item = c.get(rij["url"])
    assert item.status_code == 200 and item.json()["uuid"] == rij["uuid"]
    assert _ingezien() == voor + 2
    als_systeem()
    entry = AuditRegel.objects.filter(actie="bewaartermijn.ingezien").order_by("-id").first()
    assert entry.object_uuid == rij["uuid"] and entry.betrokkene == ""
    # the bewaarregel URL works as a filter too
    assert c.get(f"{B}/bewaartermijnen", {"regel": rij["regel"]}).json()["count"] >= 1


def test_bewaartermijnen_filters_and_bad_values(regio, api):
    """Filters `status`, `vervaldatumTot`, `regel`; bad values and unknown parameters → 400 problem+json."""
    d = gesloten_dossier(regio, einddatum=dt.date.today())
    zs = _zorgsignaal(regio)
    c = api(regio.beheerder)

    def uuids(client=c, **q):
        r = client.get(f"{B}/bewaartermijnen", q)
        assert r.status_code == 200, r.content
        return {x["object"]["uuid"] for x in r.json()["results"]}

    assert {str(d.uuid), str(zs.uuid)} <= uuids(status="actief")
    assert uuids(status="verlopen") == set()
    assert str(zs.uuid) in uuids(regel="zorgsignaal") and str(d.uuid) not in uuids(regel="zorgsignaal")
    half_jaar = (dt.date.today() + dt.timedelta(days=200)).isoformat()
    assert str(zs.uuid) in uuids(vervaldatumTot=half_jaar) and str(d.uuid) not in uuids(
        vervaldatumTot=half_jaar
    )
    with time_machine.travel(op(_rij(zs, "dossiers.zorgsignaal").vervaldatum), tick=False):
        assert str(zs.uuid) in uuids(api(regio.beheerder), status="verlopen")  # a session of that day
    for q, naam in (
        ({"status": "weg"}, "status"),
        ({"vervaldatumTot": "gisteren"}, "vervaldatumTot"),
        ({"vervaldatumTot": "2026-13-01"}, "vervaldatumTot"),
        ({"regel": "onbekend"}, "regel"),
        ({"regel": f"{T}/bewaarregels/{uuidlib.uuid4()}"}, "regel"),
        ({"bsn": "999993653"}, "bsn"),
    ):
        r = c.get(f"{B}/bewaartermijnen", q)
        assert r.status_code == 400, (q, r.status_code)
        assert r["Content-Type"] == "application/problem+json"
        assert r.json()["code"] == "E_INVALID_INPUT" and r.json()["invalidParams"][0]["name"] == naam


def test_other_organisation_answers_404_like_a_missing_one(regio, api):
    """API §1.5, SPEC §10 "Visible": the leidinggevende sees the own organisation, the FG the controller;
    anything else is 404 exactly like a uuid that does not exist, for every method."""
    from zorgvuldig.organisaties.models import Organisatie

    school = _vreemde_termijn(regio)
    ggd = Organisatie.objects.create(
        verwerkingsverantwoordelijke=regio.gemeente, code="ggd", naam="GGD", type="gemeentelijk_team"
    )
    zelfde_vv = _vreemde_termijn(regio, ggd)
    onbekend = uuidlib.uuid4()
    lg, fg = api(regio.leidinggevende), api(regio.fg)
    body = lg.get(f"{B}/bewaartermijnen/{onbekend}").json()
    for client, rij in ((lg, school), (fg, school), (lg, zelfde_vv)):
        for pad in ("", "/blokkades"):
            r = client.get(f"{B}/bewaartermijnen/{rij.uuid}{pad}")
            assert r.status_code == 404 and r.json()["code"] == "E_NOT_FOUND"
            assert {k: v for k, v in r.json().items() if k != "traceId"} == {
                k: v for k, v in body.items() if k != "traceId"
            }
        r = client.post(
            f"{B}/bewaartermijnen/{rij.uuid}/_verlengen",
            {"nieuweDatum": "2050-01-01", "reden": REDEN},
            format="json",
        )
        assert r.status_code == 404
        r = client.post(
            f"{B}/bewaartermijnen/{rij.uuid}/blokkades",
            {"reden": "klacht", "einddatum": "2050-01-01", "toelichting": REDEN},
            format="json",
        )
        assert r.status_code == 404
    # the FG sees every organisation of the own controller
    assert fg.get(f"{B}/bewaartermijnen/{zelfde_vv.uuid}").status_code == 200
    assert str(zelfde_vv.uuid) in {x["uuid"] for x in fg.get(f"{B}/bewaartermijnen").json()["results"]}
    assert str(zelfde_vv.uuid) not in {x["uuid"] for x in lg.get(f"{B}/bewaartermijnen").json()["results"]}
    assert str(school.uuid) not in {x["uuid"] for x in fg.get(f"{B}/bewaartermijnen").json()["results"]}
    # without the scope: a collection is 403, an item 404
    assert api(regio.medewerker).get(f"{B}/bewaartermijnen").json()["code"] == "E_AC_NOT_AUTHORISED"
    assert api(regio.medewerker).get(f"{B}/bewaartermijnen/{onbekend}").status_code == 404


def test_rt_02_verlengen_by_the_leidinggevende(regio, api):
    """RT-02: longer only by the leidinggevende's reasoned decision with a new date; audited."""
    d = gesloten_dossier(regio, einddatum=dt.date.today())
    rij = _rij(d)
    lg = api(regio.leidinggevende)
    pad = f"{B}/bewaartermijnen/{rij.uuid}/_verlengen"
    nieuw = dt.date(rij.vervaldatum.year + 5, 1, 1)
    r = lg.post(pad, {"nieuweDatum": nieuw.isoformat(), "reden": REDEN}, format="json")
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["vervaldatum"] == nieuw.isoformat() and body["status"] == "actief"
    assert body["besluit"]["soort"] == "verlenging"
    assert body["besluit"]["door"] == f"{T}/gebruikers/{regio.leidinggevende.uuid}"
    assert body["besluit"]["reden"] == REDEN
    als_systeem()
    assert AuditRegel.objects.filter(actie="bewaartermijn.verlengd", object_uuid=str(rij.uuid)).count() == 1
    # RT-02 rules: a later date and a reason
    r = lg.post(pad, {"nieuweDatum": nieuw.isoformat(), "reden": "kort"}, format="json")
    assert r.status_code == 400
    assert {p["name"] for p in r.json()["invalidParams"]} == {"nieuweDatum", "reden"}
    assert lg.post(pad, {"nieuweDatum": "morgen", "reden": REDEN}, format="json").status_code == 400
    assert lg.post(pad, {"reden": REDEN}, format="json").json()["invalidParams"][0]["code"] == "required"
    # only the leidinggevende extends: the FG and the beheerder lack the scope (item path: 404)
    for gebruiker in (regio.fg, regio.beheerder, regio.medewerker):
        r = api(gebruiker).post(pad, {"nieuweDatum": "2099-01-01", "reden": REDEN}, format="json")
        assert r.status_code == 404, gebruiker
    # the FG (who decides on holds) sees the reason; the technical beheerder does not (AC-06)
    assert api(regio.fg).get(f"{B}/bewaartermijnen/{rij.uuid}").json()["besluit"]["reden"] == REDEN
    beheer = api(regio.beheerder).get(f"{B}/bewaartermijnen/{rij.uuid}").json()
    assert beheer["besluit"]["soort"] == "verlenging" and "reden" not in beheer["besluit"]
    assert REDEN not in str(beheer)


def test_rt_07_hold_blocks_the_sweep_until_its_end_date(regio, api):
    """RT-07: a legal hold with reason and end date makes a due record `geblokkeerd`; the sweep leaves it
    until the end date (RT-12: that day it no longer holds), then destroys it."""
    zs = _zorgsignaal(regio)
    rij = _rij(zs, "dossiers.zorgsignaal")
    verval = rij.vervaldatum
    einde = verval + dt.timedelta(days=30)
    with time_machine.travel(op(verval), tick=False):
        fg = api(regio.fg)
        termijn = f"{B}/bewaartermijnen/{rij.uuid}"
        assert fg.get(termijn).json()["status"] == "verlopen"
        r = fg.post(
            f"{termijn}/blokkades",
            {
                "reden": "klacht",
                "einddatum": einde.isoformat(),
                "toelichting": "Klacht loopt bij de ombudsman.",
            },
            format="json",
        )
        assert r.status_code == 201, r.content
        blokkade = r.json()
        assert blokkade["actief"] is True and blokkade["reden"] == "klacht"
        assert blokkade["toelichting"] == "Klacht loopt bij de ombudsman."
        assert blokkade["url"] == f"{T}/bewaartermijnen/{rij.uuid}/blokkades/{blokkade['uuid']}"
        assert fg.get(blokkade["url"]).json() == blokkade
        lijst = fg.get(f"{termijn}/blokkades").json()
        assert lijst["count"] == 1 and lijst["results"][0]["uuid"] == blokkade["uuid"]
        body = fg.get(termijn).json()
        assert body["status"] == "geblokkeerd" and body["blokkades"][0]["uuid"] == blokkade["uuid"]
        assert str(zs.uuid) in {
            x["object"]["uuid"]
            for x in fg.get(f"{B}/bewaartermijnen", {"status": "geblokkeerd"}).json()["results"]
        }
        # the technical beheerder sees the hold, not its explanation (AC-06)
        beheer = api(regio.beheerder).get(termijn).json()
        assert beheer["blokkades"][0]["reden"] == "klacht" and "toelichting" not in beheer["blokkades"][0]
        # RT-07 rules: a ground from the list, an end date in the future, an explanation
        for fout, naam in (
            ({"reden": "zomaar"}, "reden"),
            ({"einddatum": verval.isoformat()}, "einddatum"),
            ({"toelichting": "kort"}, "toelichting"),
        ):
            geldig = {
                "reden": "klacht",
                "einddatum": einde.isoformat(),
                "toelichting": "Klacht bij de ombudsman.",
            }
            r = fg.post(f"{termijn}/blokkades", {**geldig, **fout}, format="json")
            assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == naam, fout
        ronde = services.opschonen()
        vv = str(regio.gemeente.uuid)
        assert ronde.telling[vv]["wacht:geblokkeerd"] == 1
        assert _rij(zs, "dossiers.zorgsignaal").uitkomst == ""
    with time_machine.travel(op(einde), tick=False):
        fg = api(regio.fg)
        body = fg.get(f"{B}/bewaartermijnen/{rij.uuid}").json()
        assert body["status"] == "verlopen" and body["blokkades"][0]["actief"] is False
        services.opschonen()
        assert _rij(zs, "dossiers.zorgsignaal").uitkomst == "vernietigd"
        body = fg.get(f"{B}/bewaartermijnen/{rij.uuid}").json()
        assert body["status"] == "vernietigd" and body["opschoonronde"].startswith(f"{T}/opschoonrondes/")
        assert body["blokkades"] == []


def test_rt_07_lifting_a_hold_lets_the_sweep_go_on(regio, api):
    """RT-07: lifting a hold (`_opheffen`) ends it at once; a second lifting is 409."""
    zs = _zorgsignaal(regio)
    rij = _rij(zs, "dossiers.zorgsignaal")
    with time_machine.travel(op(rij.vervaldatum), tick=False):
        lg = api(regio.leidinggevende)
        termijn = f"{B}/bewaartermijnen/{rij.uuid}"
        blokkade = lg.post(
            f"{termijn}/blokkades",
            {
                "reden": "lopend_verzoek",
                "einddatum": (rij.vervaldatum + dt.timedelta(days=90)).isoformat(),
                "toelichting": "Inzageverzoek van moeder loopt nog.",
            },
            format="json",
        ).json()
        services.opschonen()
        assert _rij(zs, "dossiers.zorgsignaal").uitkomst == ""
        # the beheerder has no bewaartermijn:blokkeren: not on this item path
        assert api(regio.beheerder).post(f"{blokkade['url']}/_opheffen", {}, format="json").status_code == 404
        r = lg.post(f"{blokkade['url']}/_opheffen", {}, format="json")
        assert r.status_code == 200, r.content
        assert r.json()["actief"] is False and r.json()["opgehevenOp"].endswith("Z")
        r = lg.post(f"{blokkade['url']}/_opheffen", {}, format="json")
        assert r.status_code == 409 and r.json()["code"] == "E_STATE_CONFLICT"
        assert lg.post(f"{blokkade['url']}/_opheffen", {"x": 1}, format="json").status_code == 400
        assert (
            lg.post(f"{termijn}/blokkades/{uuidlib.uuid4()}/_opheffen", {}, format="json").status_code == 404
        )
        assert lg.get(termijn).json()["status"] == "verlopen"
        services.opschonen()
        assert _rij(zs, "dossiers.zorgsignaal").uitkomst == "vernietigd"
        als_systeem()
        assert (
            AuditRegel.objects.filter(actie="bewaartermijn.blokkade_opgeheven", status="uitgevoerd").count()
            == 1
        )


# --- destruction lists (RT-13) and tombstones (RT-03) -----------------------------------------------------


def test_rt_13_destruction_list_approved_by_leidinggevende_and_fg(regio, api):
    """RT-13: a list of what is due; each item judged (destroy / keep with new date and reason); the
    leidinggevende and the FG approve as two people (twice → 409); the kept item gets its new date; then the
    sweep destroys the rest and the tombstones show in /vernietigingsbewijzen (RT-03)."""
    dossiers = [gesloten_dossier(regio, einddatum=dt.date.today()) for _ in range(3)]
    rijen = [_rij(d) for d in dossiers]
    verval = rijen[0].vervaldatum
    vandaag = verval + dt.timedelta(days=1)
    with time_machine.travel(op(vandaag), tick=False):
        lg, fg = api(regio.leidinggevende), api(regio.fg)
        r = lg.post(f"{B}/vernietigingslijsten", {"peildatum": vandaag.isoformat()}, format="json")
        assert r.status_code == 201, r.content
        lijst = r.json()
        assert lijst["status"] == "concept" and lijst["aantal"] == 3 and lijst["goedkeuringen"] == []
        assert lijst["organisatie"] == f"{T}/organisaties/{regio.wijkteam.uuid}"
        assert {i["object"]["uuid"] for i in lijst["items"]} == {str(d.uuid) for d in dossiers}
        assert {i["beoordeling"] for i in lijst["items"]} == {"vernietigen"}
        # reads are audited
        voor = _ingezien("vernietigingslijst.ingezien")
        assert lg.get(f"{B}/vernietigingslijsten").json()["count"] == 1
        assert fg.get(lijst["url"]).json()["uuid"] == lijst["uuid"]
        assert _ingezien("vernietigingslijst.ingezien") == voor + 2
        termijn = lg.get(f"{B}/bewaartermijnen/{rijen[0].uuid}").json()
        assert termijn["vernietigingslijst"] == lijst["url"] and termijn["beoordeling"] == "vernietigen"

        bewaren_tot = dt.date(verval.year + 5, 1, 1)
        beoordeel = f"{lijst['url']}/_beoordelen"
        # keeping needs a new date and a reason (RT-02)
        r = lg.post(
            beoordeel, {"items": [{"termijn": str(rijen[0].uuid), "beoordeling": "bewaren"}]}, format="json"
        )
        assert r.status_code == 400
        assert {p["name"] for p in r.json()["invalidParams"]} == {"items[0].nieuweDatum", "items[0].reden"}
        r = lg.post(
            beoordeel,
            {"items": [{"termijn": str(uuidlib.uuid4()), "beoordeling": "vernietigen"}]},
            format="json",
        )
        assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "items[0].termijn"
        r = lg.post(
            beoordeel,
            {
                "items": [
                    {
                        "termijn": f"{T}/bewaartermijnen/{rijen[0].uuid}",
                        "beoordeling": "bewaren",
                        "nieuweDatum": bewaren_tot.isoformat(),
                        "reden": REDEN,
                    }
                ]
            },
            format="json",
        )
        assert r.status_code == 200, r.content
        item = next(i for i in r.json()["items"] if i["object"]["uuid"] == str(dossiers[0].uuid))
        assert item["beoordeling"] == "bewaren" and item["nieuweDatum"] == bewaren_tot.isoformat()
        assert item["reden"] == REDEN
        # the beheerder sees the list (bewaartermijn:inzien) but not the reason
        beheer = api(regio.beheerder).get(lijst["url"]).json()
        assert REDEN not in str(beheer)

        goedkeuren = f"{lijst['url']}/_goedkeuren"
        r = lg.post(goedkeuren, {}, format="json")
        assert r.status_code == 200, r.content
        assert r.json()["status"] == "concept"
        assert r.json()["goedkeuringen"] == [
            {
                "rol": "leidinggevende",
                "gebruiker": f"{T}/gebruikers/{regio.leidinggevende.uuid}",
                "datum": vandaag.isoformat(),
            }
        ]
        # the same person twice: refused (four eyes), and judging is over after the first approval
        r = lg.post(goedkeuren, {}, format="json")
        assert r.status_code == 409 and r.json()["code"] == "E_STATE_CONFLICT"
        r = lg.post(
            beoordeel,
            {"items": [{"termijn": str(rijen[1].uuid), "beoordeling": "vernietigen"}]},
            format="json",
        )
        assert r.status_code == 409
        assert api(regio.beheerder).post(goedkeuren, {}, format="json").status_code == 404  # no scope

        r = fg.post(goedkeuren, {}, format="json")
        assert r.status_code == 200, r.content
        body = r.json()
        assert body["status"] == "goedgekeurd" and [g["rol"] for g in body["goedkeuringen"]] == [
            "leidinggevende",
            "fg",
        ]
        # the kept item left the list with its new date
        assert body["aantal"] == 2 and str(dossiers[0].uuid) not in {
            i["object"]["uuid"] for i in body["items"]
        }
        bewaard = lg.get(f"{B}/bewaartermijnen/{rijen[0].uuid}").json()
        assert bewaard["vervaldatum"] == bewaren_tot.isoformat() and bewaard["status"] == "actief"
        assert bewaard["besluit"]["soort"] == "vernietigingslijst" and bewaard["besluit"]["reden"] == REDEN
        assert bewaard["besluit"]["lijst"] == lijst["url"] and bewaard["vernietigingslijst"] is None
        r = fg.post(goedkeuren, {}, format="json")
        assert r.status_code == 409 and r.json()["code"] == "E_STATE_CONFLICT"

        ronde = services.opschonen()
        assert ronde.telling[str(regio.gemeente.uuid)]["vernietigd"] == 2
        bewijzen = lg.get(f"{B}/vernietigingsbewijzen")
        assert bewijzen.status_code == 200, bewijzen.content
        tomb = {
            x["object"]["uuid"]: x
            for x in bewijzen.json()["results"]
            if x["object"]["type"] == "dossiers.dossier"
        }
        assert set(tomb) == {str(dossiers[1].uuid), str(dossiers[2].uuid)}
        for x in tomb.values():
            assert x["wijze"] == "vernietigd" and x["uitgevoerdOp"].endswith("Z")
            assert x["opschoonronde"] == f"{T}/opschoonrondes/{ronde.uuid}"
            assert x["regel"].startswith(f"{T}/bewaarregels/")
        assert lg.get(lijst["url"]).json()["status"] == "uitgevoerd"
        assert lg.get(f"{B}/bewaartermijnen/{rijen[1].uuid}").json()["status"] == "vernietigd"
        assert lg.get(f"{B}/bewaartermijnen/{rijen[0].uuid}").json()["uitkomst"] is None


def test_rt_13_list_by_organisation_and_peildatum(regio, api):
    """POST /vernietigingslijsten: the FG names the organisation (URL or uuid), a leidinggevende lists only
    the own one; the peildatum lies within a year."""
    fg, lg = api(regio.fg), api(regio.leidinggevende)
    vandaag = dt.date.today().isoformat()
    r = fg.post(
        f"{B}/vernietigingslijsten",
        {"peildatum": vandaag, "organisatie": f"{T}/organisaties/{regio.wijkteam.uuid}"},
        format="json",
    )
    assert r.status_code == 201, r.content
    assert r.json()["organisatie"] == f"{T}/organisaties/{regio.wijkteam.uuid}" and r.json()["aantal"] == 0
    r = fg.post(
        f"{B}/vernietigingslijsten",
        {"peildatum": vandaag, "organisatie": str(regio.wijkteam.uuid)},
        format="json",
    )
    assert r.status_code == 201
    r = lg.post(
        f"{B}/vernietigingslijsten",
        {"peildatum": vandaag, "organisatie": str(regio.school.uuid)},
        format="json",
    )
    assert r.status_code == 403 and r.json()["code"] == "E_AC_NOT_AUTHORISED"
    r = lg.post(
        f"{B}/vernietigingslijsten",
        {"peildatum": vandaag, "organisatie": str(uuidlib.uuid4())},
        format="json",
    )
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "organisatie"
    ver = (dt.date.today() + dt.timedelta(days=400)).isoformat()
    r = lg.post(f"{B}/vernietigingslijsten", {"peildatum": ver}, format="json")
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "peildatum"
    assert lg.post(f"{B}/vernietigingslijsten", {}, format="json").status_code == 400
    # the beheerder reads lists but does not make them
    r = api(regio.beheerder).post(f"{B}/vernietigingslijsten", {"peildatum": vandaag}, format="json")
    assert r.status_code == 403
    assert api(regio.beheerder).get(f"{B}/vernietigingslijsten").json()["count"] == 2
    # another organisation's list is 404
    school_lg = regio.actor(regio.school_lg)
    tenancy.activeer(school_lg)  # row security: act as the school (the API does this per request)
    school = services.maak_lijst(actor=school_lg, peildatum=dt.date.today())
    for client in (lg, fg):
        assert client.get(f"{B}/vernietigingslijsten/{school.uuid}").status_code == 404
        assert (
            client.post(f"{B}/vernietigingslijsten/{school.uuid}/_goedkeuren", {}, format="json").status_code
            == 404
        )


def test_rt_09_opschoonrondes_show_only_the_own_controllers_counts(regio, api):
    """RT-09: the sweeps with their counts, for the actor's controller only; an unknown one is 404."""
    als_systeem()
    ronde = Opschoonronde.objects.create(
        gestart=now(),
        beeindigd=now(),
        peildatum=dt.date.today(),
        droog=True,
        status="klaar",
        telling={
            str(regio.gemeente.uuid): {"zou:vernietigd": 3},
            str(regio.school_vv.uuid): {"zou:vernietigd": 7},
        },
    )
    for gebruiker, telling in (
        (regio.beheerder, {"zou:vernietigd": 3}),
        (regio.school_lg, {"zou:vernietigd": 7}),
        (regio.fg, {"zou:vernietigd": 3}),
    ):
        c = api(gebruiker)
        r = c.get(f"{B}/opschoonrondes")
        assert r.status_code == 200, r.content
        assert r.json()["results"][0]["telling"] == telling
        item = c.get(f"{B}/opschoonrondes/{ronde.uuid}").json()
        assert item["telling"] == telling and item["droog"] is True and item["status"] == "klaar"
    assert api(regio.fg).get(f"{B}/opschoonrondes/{uuidlib.uuid4()}").status_code == 404
    assert api(regio.medewerker).get(f"{B}/opschoonrondes").status_code == 403


def test_beheerder_sees_no_free_text(regio, api):
    """AC-06, SPEC §10 "Visible": the technical beheerder sees due lists, holds and tombstones — never the
    reasons of extensions or the explanations of holds."""
    d = gesloten_dossier(regio, einddatum=dt.date.today())
    rij = _rij(d)
    services.verleng(
        actor=regio.actor(regio.leidinggevende),
        uuid=rij.uuid,
        nieuwe_datum=dt.date(rij.vervaldatum.year + 2, 1, 1),
        reden=REDEN,
    )
    services.blokkeer(
        actor=regio.actor(regio.fg),
        uuid=rij.uuid,
        reden="bezwaar",
        einddatum=dt.date.today() + dt.timedelta(days=60),
        toelichting="Bezwaarprocedure over de hulp loopt.",
    )
    beheer = api(regio.beheerder)
    for r in (beheer.get(f"{B}/bewaartermijnen/{rij.uuid}"), beheer.get(f"{B}/bewaartermijnen")):
        assert r.status_code == 200
        tekst = r.content.decode()
        assert REDEN not in tekst and "Bezwaarprocedure" not in tekst
        assert '"toelichting"' not in tekst and '"reden": "bezwaar"' in tekst.replace('":"', '": "')
    # the holds' own collection is for those who decide on holds
    assert beheer.get(f"{B}/bewaartermijnen/{rij.uuid}/blokkades").status_code == 404
    lg = api(regio.leidinggevende).get(f"{B}/bewaartermijnen/{rij.uuid}").json()
    assert lg["besluit"]["reden"] == REDEN
    assert lg["blokkades"][0]["toelichting"] == "Bezwaarprocedure over de hulp loopt."


def test_rt_13_one_person_with_both_roles_approves_once(regio, api):
    """RT-13 four eyes: a user who is both leidinggevende and FG approves once; the second approval must
    come from someone else (409 for the same person again)."""
    from zorgvuldig.conftest import maak_gebruiker

    beide = maak_gebruiker(
        regio.wijkteam, "beide@krimpen.example.org", ["leidinggevende", "fg"], team=regio.team
    )
    lijst = api(regio.leidinggevende).post(
        f"{B}/vernietigingslijsten", {"peildatum": dt.date.today().isoformat()}, format="json"
    )
    assert lijst.status_code == 201, lijst.content
    goedkeuren = f"{lijst.json()['url']}/_goedkeuren"
    c = api(beide)
    r = c.post(goedkeuren, {}, format="json")
    assert r.status_code == 200 and [g["rol"] for g in r.json()["goedkeuringen"]] == ["fg"]
    r = c.post(goedkeuren, {}, format="json")
    assert r.status_code == 409 and r.json()["code"] == "E_STATE_CONFLICT"
    r = api(regio.leidinggevende).post(goedkeuren, {}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "goedgekeurd"
