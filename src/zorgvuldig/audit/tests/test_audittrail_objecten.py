"""AU-05 and API §2.10: `GET /{dossiers|toestemmingen|deelbesluiten|verzoeken}/{uuid}/audittrail`.

The trail of a record is the entries whose object it is; a dossier's notes, plans and other items are
recorded on the dossier and so belong to its trail. Who reads which entries follows the person trail:
FG (own controller), leidinggevende (own team's acts), auditor (only within an AC-09 grant).
"""

from __future__ import annotations

import datetime as dt
import uuid as uuidlib

import pytest

from zorgvuldig.audit import services
from zorgvuldig.audit.models import AuditRegel, Status
from zorgvuldig.audit.tests.test_audit_api import wettelijke_toegang
from zorgvuldig.conftest import als_systeem, maak_gebruiker
from zorgvuldig.dossiers import services as ds
from zorgvuldig.dossiers.tests import hulp

pytestmark = pytest.mark.django_db

SOORTEN = ["dossiers", "toestemmingen", "deelbesluiten", "verzoeken"]
OBJECTTYPE = {
    "dossiers": "dossiers.dossier",
    "toestemmingen": "toestemmingen.toestemming",
    "deelbesluiten": "verstrekkingen.deelbesluit",
    "verzoeken": "rechten.verzoek",
}
GEREGISTREERD = {
    "dossiers": "dossier.geregistreerd",
    "toestemmingen": "toestemming.geregistreerd",
    "deelbesluiten": "deelbesluit.geregistreerd",
    "verzoeken": "verzoek.geregistreerd",
}


def _school_dossier(regio):
    """A dossier of the school's care team: another organisation and another controller."""
    from zorgvuldig.organisaties.models import Team

    team, _ = Team.objects.get_or_create(
        code="zorgteam-baken", defaults={"organisatie": regio.school, "naam": "Zorgteam"}
    )
    regio.leraar.teams.add(team)
    leerling = hulp.client(regio, regio.leraar, geslachtsnaam="Bos")
    return ds.registreer_dossier(
        actor=regio.actor(regio.leraar),
        soort="individueel",
        team=team,
        leden=[(str(leerling.uuid), "client")],
    )


def _toestemming(regio, gebruiker, dossier):
    from zorgvuldig.toestemmingen import services as ts

    persoon = dossier.leden.first().persoon
    rij, _ = ts.registreer(
        actor=regio.actor(gebruiker),
        betrokkene_uuid=persoon.uuid,
        dossier_uuid=dossier.uuid,
        data={
            "soort": "overig",
            "status": "gevraagd",
            "doel": "casusoverleg",
            "ontvangers": [{"naam": "School"}],
            "gegevenscategorieen": ["verzuim"],
            "datum": dt.date.today(),
        },
    )
    return rij


def _deelbesluit(regio, gebruiker, dossier):
    from zorgvuldig.verstrekkingen import deelbesluiten as db

    return db.maak(
        actor=regio.actor(gebruiker),
        dossier_uuid=dossier.uuid,
        data={"richting": "verstrekken", "ontvanger": {"naam": "Huisarts"}, "ontvanger_type": "wgbo_zorg"},
        antwoorden_={},
    )


class Records:
    """For one kind: `eigen` (the wijkteam's, whose trail is read), `tweede` (another of the wijkteam),
    `vreemd` (the school's: another controller), and `personen` (the subjects `eigen`'s entries name)."""

    def __init__(self, regio, soort: str):
        m = regio.medewerker
        self.soort = soort
        if soort == "verzoeken":
            from zorgvuldig.rechten.tests.voorbeelden import verzoek

            self.eigen, self.tweede = verzoek(regio), verzoek(regio)
            self.vreemd = verzoek(regio, regio.leraar)
            self.personen = [self.eigen.persoon]
            return
        self.dossier = hulp.dossier(regio)
        hulp.gestart(regio, self.dossier)
        self.personen = [self.dossier.leden.first().persoon]
        if soort == "dossiers":
            self.notitie = hulp.notitie(regio, self.dossier)  # an item: recorded on the dossier
            self.eigen, self.tweede, self.vreemd = self.dossier, hulp.dossier(regio), _school_dossier(regio)
            return
        maak = _toestemming if soort == "toestemmingen" else _deelbesluit
        self.eigen, self.tweede = maak(regio, m, self.dossier), maak(regio, m, self.dossier)
        self.vreemd = maak(regio, regio.leraar, _school_dossier(regio))

    def pad(self, rij=None, uuid=None) -> str:
        return f"/api/v1/{self.soort}/{uuid or (rij or self.eigen).uuid}/audittrail"


def _zonder_trace(r) -> dict:
    return {k: v for k, v in r.json().items() if k not in {"traceId", "instance"}}


def _doorzocht():
    als_systeem()
    return AuditRegel.objects.filter(actie="audit.doorzocht", status=Status.UITGEVOERD)


@pytest.mark.parametrize("soort", SOORTEN)
def test_au_05_fg_reads_the_entries_of_that_record_and_not_of_another(regio, api, soort):
    """AU-05: the FG's trail of a record holds exactly that record's entries of the own controller, the
    registration included; another record's entries are not in it."""
    rec = Records(regio, soort)
    r = api(regio.fg).get(rec.pad())
    assert r.status_code == 200, r.content
    body = r.json()
    resultaten = body["results"]
    assert {(x["object"]["type"], x["object"]["uuid"]) for x in resultaten} == {
        (OBJECTTYPE[soort], str(rec.eigen.uuid))
    }
    assert GEREGISTREERD[soort] in {x["actie"] for x in resultaten}
    als_systeem()
    verwacht = AuditRegel.objects.filter(
        object_uuid=str(rec.eigen.uuid), verwerkingsverantwoordelijke=str(regio.gemeente.uuid)
    )
    assert body["count"] == verwacht.count() == len(resultaten)
    # the other record of the same organisation has entries of its own, none of them here
    tweede = set(AuditRegel.objects.filter(object_uuid=str(rec.tweede.uuid)).values_list("uuid", flat=True))
    assert tweede and not tweede & {uuidlib.UUID(x["uuid"]) for x in resultaten}


def test_au_05_a_dossiers_trail_holds_its_items_but_not_its_decisions(regio, api):
    """AU-05: a note is recorded on its dossier, so it is in the dossier's trail; a consent or sharing
    decision of the dossier is its own record with its own trail."""
    rec = Records(regio, "dossiers")
    besluit = _deelbesluit(regio, regio.medewerker, rec.dossier)
    resultaten = api(regio.fg).get(rec.pad()).json()["results"]
    notities = [x for x in resultaten if x["actie"] == "dossier.item_geregistreerd"]
    assert [x["velden"] for x in notities] == [["notitie.voortgang"]]
    assert str(besluit.uuid) not in {x["object"]["uuid"] for x in resultaten}
    assert "deelbesluit.geregistreerd" not in {x["actie"] for x in resultaten}


@pytest.mark.parametrize("soort", SOORTEN)
def test_au_05_without_audit_lezen_the_trail_is_not_found_like_a_missing_record(regio, api, soort):
    """AU-05, API §1.4: the medewerker who made the record lacks audit:lezen; her answer is the 404 of a
    uuid that does not exist, and nothing is read."""
    rec = Records(regio, soort)
    onbekend = rec.pad(uuid=uuidlib.uuid4())
    r = api(regio.medewerker).get(rec.pad())
    assert r.status_code == 404
    assert r["Content-Type"] == "application/problem+json"
    assert _zonder_trace(r) == _zonder_trace(api(regio.medewerker).get(onbekend))
    assert _zonder_trace(r) == _zonder_trace(api(regio.fg).get(onbekend))
    assert not _doorzocht().exists()


@pytest.mark.parametrize("soort", SOORTEN)
def test_au_05_unknown_uuid_and_another_controllers_record_are_404(regio, api, soort):
    """AU-05, AC-15: an unknown uuid and the school's record (another controller) answer the same 404."""
    rec = Records(regio, soort)
    fg = api(regio.fg)
    onbekend = fg.get(rec.pad(uuid=uuidlib.uuid4()))
    vreemd = fg.get(rec.pad(rec.vreemd))
    assert onbekend.status_code == vreemd.status_code == 404
    assert onbekend.json()["code"] == "E_NOT_FOUND"
    assert _zonder_trace(onbekend) == _zonder_trace(vreemd)
    assert fg.get(rec.pad(uuid="geen-uuid")).status_code == 404
    assert not _doorzocht().exists()


@pytest.mark.parametrize("soort", SOORTEN)
def test_au_03_writes_to_a_trail_are_405_whatever_the_uuid(regio, api, soort):
    """AU-03: the trail is read-only. A write is 405 for an existing and an unknown uuid alike, also for a
    user without audit:lezen (else 404-or-405 would tell her which records exist)."""
    rec = Records(regio, soort)
    als_systeem()
    voor = AuditRegel.objects.count()
    for gebruiker in (regio.fg, regio.medewerker):
        client = api(gebruiker)
        for method in ("post", "put", "patch", "delete"):
            for pad in (rec.pad(), rec.pad(uuid=uuidlib.uuid4())):
                r = getattr(client, method)(pad, {"actie": "x"}, format="json")
                assert r.status_code == 405, (gebruiker, method, pad, r.status_code)
                assert r.json()["code"] == "E_METHOD_NOT_ALLOWED"
    als_systeem()
    assert AuditRegel.objects.count() == voor


@pytest.mark.parametrize("soort", SOORTEN)
def test_au_05_reading_a_trail_is_itself_audited(regio, api, soort):
    """AU-01, AU-05: the read is an `audit.doorzocht` entry on the record and its subjects, so it shows in
    this trail (newest first) and in the subject's own trail."""
    rec = Records(regio, soort)
    r = api(regio.fg).get(rec.pad())
    assert r.status_code == 200
    entry = _doorzocht().get()
    assert (entry.object_type, entry.object_uuid) == (OBJECTTYPE[soort], str(rec.eigen.uuid))
    assert entry.actor_gebruiker == str(regio.fg.uuid) and entry.verwerkingsactiviteit
    assert entry.velden == ["logboek"] and entry.toegang == ""
    assert entry.betrokkene == services.pseudoniem(services.subject_key(rec.personen[0]))
    assert r.json()["results"][0]["uuid"] == str(entry.uuid)
    persoon = api(regio.fg).get(f"/api/v1/personen/{rec.personen[0].uuid}/audittrail")
    assert str(entry.uuid) in {x["uuid"] for x in persoon.json()["results"]}


@pytest.mark.parametrize("soort", SOORTEN)
def test_au_05_a_leidinggevende_reads_only_the_own_teams_acts_in_a_trail(regio, api, soort):
    """AU-05: in a trail the leidinggevende sees the acts of the own teams' members; the FG's read and a
    colleague outside the teams stay out."""
    rec = Records(regio, soort)
    buiten_team = maak_gebruiker(regio.wijkteam, "x@krimpen.example.org", ["medewerker"], naam="Buiten")
    services.weigering(  # an act on the record by someone outside the leidinggevende's teams
        actor=regio.actor(buiten_team),
        actie="toegang.geweigerd",
        activiteit="verantwoording-toezicht",
        fout=_fout(),
        object=rec.eigen,
    )
    assert api(regio.fg).get(rec.pad()).status_code == 200
    r = api(regio.leidinggevende).get(rec.pad())
    assert r.status_code == 200
    actors = {x["actor"]["gebruiker"] for x in r.json()["results"]}
    assert str(regio.medewerker.uuid) in actors
    assert actors <= {str(regio.medewerker.uuid), str(regio.leidinggevende.uuid)}
    als_systeem()
    assert AuditRegel.objects.filter(object_uuid=str(rec.eigen.uuid), actor_gebruiker=str(buiten_team.uuid))


def _fout():
    from zorgvuldig.core.errors import DomainError

    return DomainError("E_AC_NOT_AUTHORISED", "geweigerd")


@pytest.mark.parametrize("soort", SOORTEN)
def test_au_05_ac_09_the_auditor_reads_a_trail_only_within_a_statutory_grant(regio, api, soort):
    """AU-05, AC-09, AU-09: without a valid statutory grant the auditor sees no entry, so every trail is
    404 to him — an existing record's as a missing one's (API §1.4), the refusal logged (AU-04); with the
    grant he reads the trail and the read names the grant."""
    rec = Records(regio, soort)
    zonder = api(regio.auditor).get(rec.pad())
    onbekend = api(regio.auditor).get(rec.pad(uuid=uuidlib.uuid4()))
    assert zonder.status_code == onbekend.status_code == 404
    assert zonder.json()["detail"] == onbekend.json()["detail"]
    als_systeem()
    assert AuditRegel.objects.filter(
        actor_gebruiker=str(regio.auditor.uuid), status=Status.GEWEIGERD
    ).exists()
    grant = wettelijke_toegang(regio)
    r = api(regio.auditor).get(rec.pad())
    assert r.status_code == 200, r.content
    assert GEREGISTREERD[soort] in {x["actie"] for x in r.json()["results"]}
    assert _doorzocht().get().toegang == str(grant.uuid)
    assert api(regio.auditor).get(rec.pad(rec.vreemd)).status_code == 404


def test_au_05_trail_filters(regio, api):
    """API §2.10: the log's filters apply within the trail; `object` is the path's, so it is no filter here
    (400, it cannot widen the trail to another record); a malformed value is 400 and nothing is read."""
    rec = Records(regio, "dossiers")
    fg = api(regio.fg)
    r = fg.get(rec.pad(), {"actie": "dossier.geregistreerd"})
    assert [x["actie"] for x in r.json()["results"]] == ["dossier.geregistreerd"]
    r = fg.get(rec.pad(), {"object": str(rec.tweede.uuid)})
    assert r.status_code == 400 and r.json()["invalidParams"][0] == {
        "name": "object",
        "code": "unknown",
        "reason": "Onbekende parameter.",
    }
    assert fg.get(rec.pad(), {"status": "geweigerd"}).json()["count"] == 0
    als_systeem()
    voor = AuditRegel.objects.filter(actie="audit.doorzocht").count()
    slecht = fg.get(rec.pad(), {"actor": "geen-uuid"})
    assert slecht.status_code == 400 and slecht.json()["invalidParams"][0]["name"] == "actor"
    assert fg.get(rec.pad(), {"tijdstipVanaf": "gisteren"}).status_code == 400
    als_systeem()
    assert AuditRegel.objects.filter(actie="audit.doorzocht").count() == voor
