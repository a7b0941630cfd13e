"""AU-02, AU-04: a refused attempt names the existing record it was aimed at and that record's data subjects
(by pseudonym), also when the actor may not see it — the log is for the FG and the auditor; the requester
gets the same 404 as for a record that does not exist, and a made-up uuid names nothing. AC-11: a
break-glass look-up that finds nobody, or a form refused for a missing field, is logged as a refusal."""

from __future__ import annotations

import datetime as dt

import pytest

from zorgvuldig.audit import services as audit
from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.conftest import BSN_SAM, als_systeem
from zorgvuldig.core.clock import now
from zorgvuldig.dossiers.tests import hulp
from zorgvuldig.personen.services import registreer_persoon

pytestmark = pytest.mark.django_db

WILLEKEURIG = "00000000-0000-4000-8000-000000000000"
ONGELDIG_BSN = "123456789"  # fails the 11-proef
REDEN = "Moeder meldt telefonisch dat het kind vanavond met geweld is bedreigd door een huisgenoot."


def _weigeringen(gebruiker, sinds: int = 0):
    als_systeem()
    return list(
        AuditRegel.objects.filter(
            actor_gebruiker=str(gebruiker.uuid), status="geweigerd", id__gt=sinds
        ).order_by("id")
    )


def _laatste() -> int:
    als_systeem()
    return AuditRegel.objects.order_by("-id").values_list("id", flat=True).first() or 0


def _pseudoniem(obj) -> str:
    return audit.pseudoniem(audit.subject_key(obj))


def test_au_04_au_02_api_refused_open_of_an_invisible_dossier_names_the_dossier_and_its_members(regio, api):
    d = hulp.dossier(regio)
    als_systeem()
    lisa = d.leden.get().persoon
    collega = api(regio.collega)  # same team, no grant on this dossier
    sinds = _laatste()
    vreemd = collega.get(f"/api/v1/dossiers/{d.uuid}")
    missend = collega.get(f"/api/v1/dossiers/{WILLEKEURIG}")
    assert vreemd.status_code == missend.status_code == 404
    strip = lambda r: {k: v for k, v in r.json().items() if k != "traceId"}  # noqa: E731
    assert strip(vreemd) == strip(missend)  # the requester learns nothing
    echt, verzonnen = _weigeringen(regio.collega, sinds)
    assert (echt.code, echt.object_type, echt.object_uuid) == ("E_NOT_FOUND", "dossiers.dossier", str(d.uuid))
    assert echt.betrokkene == _pseudoniem(lisa) and echt.actie == "toegang.geweigerd"
    assert (verzonnen.object_type, verzonnen.object_uuid, verzonnen.betrokkene) == ("", "", "")


def test_au_05_the_refusal_shows_in_the_dossier_trail_and_in_a_person_search(regio, api):
    d = hulp.dossier(regio)
    als_systeem()
    lisa = d.leden.get().persoon
    assert api(regio.collega).get(f"/api/v1/dossiers/{d.uuid}/notities").status_code == 404
    fg = api(regio.fg)
    trail = fg.get(f"/api/v1/dossiers/{d.uuid}/audittrail?status=geweigerd").json()["results"]
    assert [(e["actor"]["gebruiker"].rsplit("/", 1)[-1], e["code"]) for e in trail] == [
        (str(regio.collega.uuid), "E_NOT_FOUND")
    ]
    gezocht = fg.post(
        "/api/v1/auditregels/_zoek",
        {"persoon": f"http://testserver/api/v1/personen/{lisa.uuid}", "status": "geweigerd"},
        format="json",
    )
    assert gezocht.status_code == 200, gezocht.content
    assert [e["code"] for e in gezocht.json()["results"]] == ["E_NOT_FOUND"]


def test_au_04_a_refused_break_glass_on_a_dossier_names_the_dossier(regio, api):
    d = hulp.dossier(regio)
    als_systeem()
    lisa = d.leden.get().persoon
    pad = f"/api/v1/dossiers/{d.uuid}/noodtoegangen"
    sinds = _laatste()
    # own team, reason too thin: the service refuses and logs it once, naming the dossier
    r = api(regio.collega).post(pad, {"reden": "Zorgen", "dreigingVoor": ["gezin"]}, format="json")
    assert r.status_code == 400
    [w] = _weigeringen(regio.collega, sinds)
    assert (w.actie, w.code) == ("toegang.noodtoegang", "E_AC_BREAKGLASS_REASON")
    assert (w.object_uuid, w.betrokkene) == (str(d.uuid), _pseudoniem(lisa))
    # another organisation: 404 like a missing dossier, the entry still names it
    r = api(regio.leraar).post(pad, {"reden": REDEN, "dreigingVoor": ["gezin"]}, format="json")
    assert r.status_code == 404
    [w] = _weigeringen(regio.leraar, sinds)
    assert (w.code, w.object_uuid, w.betrokkene) == ("E_NOT_FOUND", str(d.uuid), _pseudoniem(lisa))


def test_au_04_ui_refused_page_names_the_person_the_path_points_at(regio, ui):
    sam = registreer_persoon(
        actor=regio.actor(regio.medewerker),
        data={"geslachtsnaam": "Jansen", "bsn": BSN_SAM, "geboortedatum": dt.date(2011, 9, 20)},
    )
    client = ui(regio.leraar)
    sinds = _laatste()
    assert client.get(f"/personen/{sam.uuid}").status_code == 404
    assert client.get(f"/personen/{WILLEKEURIG}").status_code == 404
    echt, verzonnen = _weigeringen(regio.leraar, sinds)
    assert (echt.object_type, echt.object_uuid, echt.betrokkene) == (
        "personen.persoon",
        str(sam.uuid),
        _pseudoniem(sam),
    )
    assert (verzonnen.object_uuid, verzonnen.betrokkene) == ("", "")
    assert BSN_SAM not in str(echt.canonical())


def test_au_04_a_refused_change_to_ones_own_roles_names_the_user_record(regio, api):
    sinds = _laatste()
    r = api(regio.beheerder).patch(
        f"/api/v1/gebruikers/{regio.beheerder.uuid}", {"rollen": ["beheerder", "fg"]}, format="json"
    )
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "rollen", r.content
    [w] = _weigeringen(regio.beheerder, sinds)
    assert (w.object_type, w.object_uuid) == ("organisaties.gebruiker", str(regio.beheerder.uuid))


def _noodtoegang(ui, gebruiker):
    client = ui(gebruiker)
    session = client.session
    from zorgvuldig.ui.views_aanmelden import BEVESTIGD

    session[BEVESTIGD] = now().isoformat()  # just re-entered password and code
    session.save()
    return client


def test_ac_11_au_04_break_glass_look_up_finding_nobody_is_a_refusal_without_the_bsn(regio, ui):
    client = _noodtoegang(ui, regio.collega)
    sinds = _laatste()
    r = client.post("/noodtoegang", {"bsn": BSN_SAM, "dreiging_voor": ["client"], "reden": REDEN})
    assert r.status_code == 400 and "Geen (of geen eenduidige) persoon" in r.content.decode()
    [w] = _weigeringen(regio.collega, sinds)
    assert (w.actie, w.code, w.betrokkene, w.object_uuid) == ("toegang.noodtoegang", "E_NOT_FOUND", "", "")
    assert BSN_SAM not in str(w.canonical())
    # a person with that BSN in another organisation: the entry names him by pseudonym, never the BSN
    sam = registreer_persoon(
        actor=regio.actor(regio.leraar),
        data={"geslachtsnaam": "Jansen", "bsn": BSN_SAM, "geboortedatum": dt.date(2011, 9, 20)},
    )
    sinds = _laatste()
    r = client.post("/noodtoegang", {"bsn": BSN_SAM, "dreiging_voor": ["client"], "reden": REDEN})
    assert r.status_code == 400
    [w] = _weigeringen(regio.collega, sinds)
    assert w.code == "E_NOT_FOUND" and w.betrokkene == _pseudoniem(sam)
    assert BSN_SAM not in str(w.canonical())


def test_ac_11_au_04_break_glass_form_missing_a_field_is_a_refusal(regio, ui):
    sam = registreer_persoon(
        actor=regio.actor(regio.medewerker),
        data={"geslachtsnaam": "Jansen", "bsn": BSN_SAM, "geboortedatum": dt.date(2011, 9, 20)},
    )
    client = _noodtoegang(ui, regio.collega)
    sinds = _laatste()
    assert client.post("/noodtoegang", {"bsn": BSN_SAM, "reden": REDEN}).status_code == 400  # no threat
    assert client.post("/noodtoegang", {"dreiging_voor": ["client"], "reden": REDEN}).status_code == 400
    zonder_dreiging, zonder_persoon = _weigeringen(regio.collega, sinds)
    assert (zonder_dreiging.code, zonder_dreiging.betrokkene) == ("E_AC_BREAKGLASS_REASON", _pseudoniem(sam))
    assert (zonder_persoon.code, zonder_persoon.betrokkene) == ("E_INVALID_INPUT", "")
    assert all(BSN_SAM not in str(w.canonical()) for w in (zonder_dreiging, zonder_persoon))
    assert not AuditRegel.objects.filter(actie="toegang.noodtoegang", status="uitgevoerd").exists()


def test_au_04_refusal_outside_a_request_names_nothing_it_was_not_given(regio):
    """The worker and commands have no request path: a refusal there names only what its caller gives."""
    from zorgvuldig.core.errors import DomainError

    audit.weigering(
        actor=regio.actor(regio.medewerker),
        actie="toegang.geweigerd",
        activiteit="verantwoording-toezicht",
        fout=DomainError("E_NOT_FOUND", "x"),
    )
    w = AuditRegel.objects.latest("id")
    assert (w.object_uuid, w.betrokkene) == ("", "")
