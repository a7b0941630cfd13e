"""AC-12: a team member's employer (`werkgever`), set through import-config and shown read-only in the
users API. Only through such a seconded member may a partner's own data enter a case file."""

from __future__ import annotations

import textwrap

import pytest

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.organisaties.importeren import importeer
from zorgvuldig.organisaties.models import Gebruiker

pytestmark = pytest.mark.django_db

BESTAND = textwrap.dedent(
    """\
    versie: 1
    verwerkingsverantwoordelijken:
      - {code: gemeente-krimpen, naam: College van B en W Krimpen,
         fg: {naam: Anne Jansen, email: fg@krimpen.example.org}}
      - {code: ggd-rivierland, naam: Bestuur GGD Rivierland,
         fg: {naam: Hanna Verbeek, email: fg@ggd.example.org}}
    organisaties:
      - {code: wijkteam-krimpen, naam: Wijkteam Krimpen, verwerkingsverantwoordelijke: gemeente-krimpen,
         type: gemeentelijk_team}
      - {code: ggd-rivierland, naam: GGD Rivierland, verwerkingsverantwoordelijke: ggd-rivierland,
         type: wgbo_zorg}
    gebruikers:
      - {email: s.kok@krimpen.example.org, naam: Sanne Kok, organisatie: wijkteam-krimpen,
         werkgever: ggd-rivierland, rollen: [medewerker]}
      - {email: p.devos@krimpen.example.org, naam: Pieter de Vos, organisatie: wijkteam-krimpen,
         werkgever: wijkteam-krimpen, rollen: [medewerker]}
      - {email: m.bakker@krimpen.example.org, naam: Marieke Bakker, organisatie: wijkteam-krimpen,
         rollen: [leidinggevende]}
    """
)


def test_ac_12_import_config_sets_the_werkgever_and_the_own_organisation_is_none():
    resultaat = importeer(BESTAND)
    assert resultaat.code == 0, resultaat.as_dict()["errors"]
    sanne = Gebruiker.objects.get(email="s.kok@krimpen.example.org")
    assert sanne.werkgever.code == "ggd-rivierland" and sanne.partnerwerkgever_id == sanne.werkgever_id
    pieter = Gebruiker.objects.get(email="p.devos@krimpen.example.org")
    assert pieter.werkgever is None and pieter.partnerwerkgever_id is None  # employed by its own organisation
    assert Gebruiker.objects.get(email="m.bakker@krimpen.example.org").werkgever is None
    # Re-import: unchanged; `werkgever: null` ends the secondment and is audited by field name.
    assert importeer(BESTAND).as_dict()["updated"] == 0
    resultaat = importeer(BESTAND.replace("werkgever: ggd-rivierland", "werkgever: null"))
    assert resultaat.code == 0 and resultaat.as_dict()["updated"] == 1
    sanne.refresh_from_db()
    assert sanne.werkgever is None
    entry = AuditRegel.objects.filter(object_uuid=str(sanne.uuid)).order_by("-id").first()
    assert entry.actie == "configuratie.gewijzigd" and entry.velden == ["werkgever"]


def test_ac_12_import_config_refuses_an_unknown_werkgever_with_its_line():
    resultaat = importeer(BESTAND.replace("werkgever: ggd-rivierland", "werkgever: ggd-onbekend"))
    assert resultaat.code == 1
    assert {(f["path"], f["line"], f["code"]) for f in resultaat.as_dict()["errors"]} == {
        ("gebruikers[0].werkgever", 14, "invalid")
    }
    assert not Gebruiker.objects.exists()


def test_ac_12_users_api_shows_the_werkgever_read_only(regio, api):
    from zorgvuldig.organisaties.models import Organisatie

    ggd = Organisatie.objects.create(
        verwerkingsverantwoordelijke=regio.school_vv, code="ggd-rivierland", naam="GGD", type="wgbo_zorg"
    )
    regio.collega.werkgever = ggd
    regio.collega.save()
    client = api(regio.medewerker)
    r = client.get(f"/api/v1/gebruikers/{regio.collega.uuid}")
    assert r.status_code == 200
    assert r.json()["werkgever"] == f"http://testserver/api/v1/organisaties/{ggd.uuid}"
    assert client.get(f"/api/v1/gebruikers/{regio.medewerker.uuid}").json()["werkgever"] is None
    rijen = {g["uuid"]: g for g in client.get("/api/v1/gebruikers").json()["results"]}
    assert rijen[str(regio.collega.uuid)]["werkgever"].endswith(str(ggd.uuid))


def test_ac_12_the_beheerder_sets_and_clears_the_werkgever_in_the_user_pages(regio, ui):
    """The beheerder records a secondment when creating or editing a user; choosing the user's own
    organisation stores none; an edit that leaves the field as shown keeps it; each change is audited."""
    beheer = ui(regio.beheerder)
    r = beheer.post(
        "/beheer/gebruikers/nieuw",
        {
            "naam": "Sanne Kok",
            "email": "s.kok@krimpen.example.org",
            "organisatie": regio.wijkteam.pk,
            "werkgever": regio.school.pk,
            "rollen": ["medewerker"],
            "teams": [regio.team.pk],
        },
    )
    assert r.status_code == 302, r.content.decode()[:500]
    sanne = Gebruiker.objects.get(email="s.kok@krimpen.example.org")
    assert sanne.werkgever == regio.school
    pagina = beheer.get(f"/beheer/gebruikers/{sanne.uuid}").content.decode()
    assert f'<option value="{regio.school.pk}" selected>' in pagina  # shown as stored

    wijzig = {
        "functie": "Jeugdverpleegkundige",
        "rollen": ["medewerker"],
        "teams": [regio.team.pk],
        "actief": "on",
    }
    assert (
        beheer.post(f"/beheer/gebruikers/{sanne.uuid}", {**wijzig, "werkgever": regio.school.pk}).status_code
        == 302
    )
    sanne.refresh_from_db()
    assert (sanne.werkgever, sanne.functie) == (regio.school, "Jeugdverpleegkundige")

    # the own organisation is no partner: stored as none, and the change is in the log
    assert (
        beheer.post(
            f"/beheer/gebruikers/{sanne.uuid}", {**wijzig, "werkgever": regio.wijkteam.pk}
        ).status_code
        == 302
    )
    sanne.refresh_from_db()
    assert sanne.werkgever is None
    velden = [
        e.velden
        for e in AuditRegel.objects.filter(object_uuid=str(sanne.uuid), actie="configuratie.gewijzigd")
    ]
    assert "werkgever" in velden[0] and velden[-1] == ["werkgever"]
