"""`?expand=` (API §1.1): references embedded under `_expand`, read as the caller's own GET would read them
(same visibility, scopes and audit entry, AU-01, AU-04), bounded in depth and in reads."""

from __future__ import annotations

import pytest

from zorgvuldig.api import expand
from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.conftest import als_systeem, partner_token
from zorgvuldig.dossiers import services as dossier_services
from zorgvuldig.dossiers.tests import hulp
from zorgvuldig.toegang.services import verleen

pytestmark = pytest.mark.django_db

# What an audit entry says about a read; the rest (uuid, time, span) differs per entry by nature.
INHOUD = (
    "actie",
    "status",
    "code",
    "verwerkingsactiviteit",
    "doel",
    "grondslag",
    "betrokkene",
    "verwerkingsverantwoordelijke",
    "actor_gebruiker",
    "actor_rol",
    "actor_organisatie",
    "namens",
    "object_type",
    "object_uuid",
    "velden",
    "toegang",
    "kanaal",
)


def _url(d, rest=""):
    return f"/api/v1/dossiers/{d.uuid}{rest}"


def _regels(**filters) -> list[dict]:
    als_systeem()
    return [{k: getattr(r, k) for k in INHOUD} for r in AuditRegel.objects.filter(**filters).order_by("id")]


def _fout(r, code: str) -> dict:
    assert r.status_code == 400, r.content
    assert r["Content-Type"].startswith("application/problem+json")
    body = r.json()
    assert body["code"] == "E_INVALID_INPUT"
    assert [(p["name"], p["code"]) for p in body["invalidParams"]] == [("expand", code)]
    return body


def _gezin(regio):
    """A family dossier with two members, both visible to the case worker."""
    lisa = hulp.client(regio)
    tom = hulp.client(regio, voornamen="Tom", geboortedatum=lisa.geboortedatum.replace(year=1985))
    d = dossier_services.registreer_dossier(
        actor=regio.actor(regio.medewerker),
        soort="gezin",
        team=regio.team,
        leden=[(str(lisa.uuid), "client"), (str(tom.uuid), "gezinslid")],
    )
    return d, lisa, tom


def test_expand_embeds_the_member_as_get_personen_shows_it(regio, api):
    d = hulp.dossier(regio)
    lisa = d.leden.get().persoon
    client = api(regio.medewerker)
    zonder = client.get(_url(d)).json()
    r = client.get(_url(d), {"expand": "leden.persoon,organisatie"})
    assert r.status_code == 200, r.content
    body = r.json()
    direct = client.get(f"/api/v1/personen/{lisa.uuid}").json()
    assert body["leden"][0]["_expand"] == {"persoon": direct}
    assert body["_expand"] == {"organisatie": client.get(zonder["organisatie"]).json()}
    # the representation itself is unchanged: the references stay URLs, `_expand` comes beside them
    body["leden"][0].pop("_expand")
    body.pop("_expand")
    assert body == zonder


def test_au_01_embedded_read_is_audited_as_a_direct_get(regio, api):
    """AU-01/AU-09: the embedded person is logged as read, with the same entry a direct GET writes, in
    the trace of the call that embedded it."""
    d = hulp.dossier(regio)
    lisa = d.leden.get().persoon
    client = api(regio.medewerker)
    r = client.get(_url(d), {"expand": "leden.persoon"}, HTTP_TRACEPARENT=f"00-{'a' * 32}-{'b' * 16}-01")
    assert r.status_code == 200
    via_expand = _regels(actie="persoon.ingezien", object_uuid=str(lisa.uuid))
    assert len(via_expand) == 1
    als_systeem()
    assert AuditRegel.objects.get(actie="persoon.ingezien").trace_id == "a" * 32
    assert AuditRegel.objects.get(actie="dossier.ingezien").trace_id == "a" * 32
    assert client.get(f"/api/v1/personen/{lisa.uuid}").status_code == 200
    direct = _regels(actie="persoon.ingezien", object_uuid=str(lisa.uuid))[1:]
    assert direct == via_expand


def test_expand_of_a_record_the_caller_may_not_see_is_null_and_logged_as_a_direct_get_would(regio, api):
    """AC-05/AU-04: the colleague may read the dossier's identification section (a section grant) but
    holds no grant on Lisa: her record is not embedded, nothing of it shows, and the refused read is
    logged exactly as the refused direct GET is."""
    d = hulp.dossier(regio)
    lisa = d.leden.get().persoon
    verleen(
        actor=regio.actor(regio.leidinggevende),
        object=d,
        bron="sectie",
        ontvanger_gebruiker=regio.collega,
        reden="Vervanging tijdens verlof",
        secties=["identificatie"],
    )
    client = api(regio.collega)
    r = client.get(_url(d), {"expand": "leden.persoon"})
    assert r.status_code == 200, r.content
    lid = r.json()["leden"][0]
    assert lid["persoon"].endswith(str(lisa.uuid)) and lid["_expand"] == {"persoon": None}
    assert "Visser" not in r.content.decode() and "2011-05-04" not in r.content.decode()
    assert not _regels(actie="persoon.ingezien")
    via_expand = _regels(actie="toegang.geweigerd", actor_gebruiker=str(regio.collega.uuid))
    assert len(via_expand) == 1 and via_expand[0]["code"] == "E_NOT_FOUND"
    assert via_expand[0]["object_uuid"] == str(lisa.uuid)  # AU-02: the embedded record, not the dossier
    assert client.get(f"/api/v1/personen/{lisa.uuid}").status_code == 404
    direct = _regels(actie="toegang.geweigerd", actor_gebruiker=str(regio.collega.uuid))[1:]
    assert direct == via_expand


def test_gp_02_the_declared_purpose_binds_the_embedded_reads_too(regio, api):
    """GP-02: with `Verwerkingsdoel` the embedded reads are made for that purpose, as direct GETs with the
    header would be: the person (same activity) is embedded, the organisation (platform management) not."""
    from zorgvuldig.registers.services import activiteit

    doel = activiteit("sociaal-domein-ondersteuning")[1]
    d = hulp.dossier(regio)
    client = api(regio.medewerker)
    r = client.get(_url(d), {"expand": "leden.persoon,organisatie"}, HTTP_VERWERKINGSDOEL=doel)
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["leden"][0]["_expand"]["persoon"]["geslachtsnaam"] == "Visser"
    assert body["_expand"] == {"organisatie": None}
    assert client.get(body["organisatie"], HTTP_VERWERKINGSDOEL=doel).json()["code"] == "E_NO_PURPOSE"


def test_expand_keeps_the_partner_tokens_scopes(regio, api):
    """AC-08: through a partner token the embedded read has the token's scopes, as a direct GET has: the
    match is embedded only for a token that may read matches, and its audit entry names the token."""
    from zorgvuldig.verwijsindex.tests.hulp import VI

    vi = VI(regio)
    eigen = vi.signaleer(regio.leraar)
    vi.signaleer(regio.medewerker)  # same BSN, another organisation: a match
    for scopes, zichtbaar in (
        (("signaal:registreren",), False),
        (("signaal:registreren", "match:behandelen"), True),
    ):
        token, geheim = partner_token(regio, scopes=scopes, naam="lvs-" + str(len(scopes)))
        client = api()
        client.credentials(HTTP_AUTHORIZATION=f"Token {geheim}", HTTP_NAMENS_GEBRUIKER=str(regio.leraar.uuid))
        r = client.get(f"/api/v1/signalen/{eigen.uuid}", {"expand": "match,organisatie"})
        assert r.status_code == 200, r.content
        body = r.json()
        assert body["match"] and body["_expand"]["organisatie"]["naam"] == "OSG Het Baken"
        direct = client.get(body["match"])
        assert (direct.status_code == 200) is zichtbaar
        assert body["_expand"]["match"] == (direct.json() if zichtbaar else None)
        if zichtbaar:
            regels = _regels(
                object_type="verwijsindex.match", status="uitgevoerd", namens__apiToken=str(token.uuid)
            )
            assert len(regels) == 2 and regels[0] == regels[1]  # the embedded read, then the direct one
        # the VI list refuses unknown parameters (VI-01); `expand` is no filter and reaches no handler
        assert client.get("/api/v1/signalen", {"expand": "organisatie"}).status_code == 200


def test_lists_and_searches_embed_per_item(regio, api):
    d, lisa, tom = _gezin(regio)
    hulp.notitie(regio, d, betreft=[str(lisa.uuid)])
    hulp.notitie(regio, d, betreft=[str(tom.uuid), str(lisa.uuid)])
    client = api(regio.medewerker)
    r = client.get(_url(d, "/notities"), {"expand": "betreft,bron.organisatie"})
    assert r.status_code == 200, r.content
    notities = r.json()["results"]
    # a list of URLs embeds a list in the same order
    assert all([p["url"] for p in n["_expand"]["betreft"]] == n["betreft"] for n in notities)
    namen = sorted(sorted(p["voornamen"] for p in n["_expand"]["betreft"]) for n in notities)
    assert namen == [["Lisa"], ["Lisa", "Tom"]]
    # each person read once for the whole response, and logged once
    assert len(_regels(actie="persoon.ingezien", object_uuid=str(lisa.uuid))) == 1
    # a page of persons and a search: every item its own `_expand`; `next` keeps the parameter
    r = client.get("/api/v1/personen", {"expand": "organisatie", "pageSize": 1})
    assert r.status_code == 200 and "expand=organisatie" in r.json()["next"]
    assert r.json()["results"][0]["_expand"]["organisatie"]["naam"] == "Wijkteam Krimpen"
    r = client.post(
        "/api/v1/personen/_zoek?expand=organisatie",
        {"geslachtsnaam": "Visser", "geboortedatum": "2011-05-04"},
        format="json",
    )
    assert r.status_code == 200, r.content
    assert [p["_expand"]["organisatie"]["code"] for p in r.json()["results"]] == ["wijkteam-krimpen"]


def test_two_levels_expand_inside_the_embedded_resource(regio, api):
    d = hulp.dossier(regio)
    r = api(regio.medewerker).get(_url(d), {"expand": "organisatie.verwerkingsverantwoordelijke"})
    assert r.status_code == 200, r.content
    organisatie = r.json()["_expand"]["organisatie"]
    assert organisatie["_expand"]["verwerkingsverantwoordelijke"]["naam"] == "College van B en W Krimpen"


@pytest.mark.parametrize(
    ("waarde", "code"),
    [
        ("kleur", "unknown"),  # the dossier has no such field
        ("team", "invalid"),  # an object, not a reference
        ("kenmerk", "invalid"),  # text, not a reference
        ("url", "invalid"),  # the dossier itself
        ("leden", "invalid"),  # a list of objects: name the reference inside (leden.persoon)
        ("organisatie.kleur", "unknown"),  # checked in the embedded organisation
        ("leden.persoon.organisatie", "invalid"),  # three levels
        ("", "invalid"),
        ("leden..persoon", "invalid"),
        ("Organisatie", "invalid"),
        ("organisatie, leden.persoon", "invalid"),
    ],
)
def test_bad_expand_is_400_on_expand(regio, api, waarde, code):
    d = hulp.dossier(regio)
    body = _fout(api(regio.medewerker).get(_url(d), {"expand": waarde}), code)
    assert "Visser" not in str(body)


def test_malformed_expand_is_refused_before_anything_is_read(regio, api):
    d = hulp.dossier(regio)
    _fout(api(regio.medewerker).get(_url(d), {"expand": "leden.persoon.organisatie"}), "invalid")
    assert not _regels(actie="dossier.ingezien")


def test_invisible_dossier_stays_404_whatever_expand_says(regio, api):
    """API §1.4: visibility comes before input checks; a bad `expand` does not tell the record exists."""
    d = hulp.dossier(regio)
    for waarde in ("leden.persoon", "a.b.c", "kleur"):
        r = api(regio.leraar).get(_url(d), {"expand": waarde})
        assert r.status_code == 404 and r.json()["code"] == "E_NOT_FOUND"


def test_expand_is_not_taken_on_writes(regio, api):
    client = api(regio.medewerker)
    r = client.post(
        "/api/v1/personen?expand=organisatie",
        {"geslachtsnaam": "Jansen", "bsnOntbreektReden": "t"},
        format="json",
    )
    _fout(r, "not_allowed")
    als_systeem()
    from zorgvuldig.personen.models import Persoon

    assert not Persoon.objects.filter(geslachtsnaam="Jansen").exists()


def test_reads_per_response_are_capped(regio, api, monkeypatch):
    """At most MAX_OPHALINGEN distinct reads per response: beyond it 400, checked before the level's
    reads, so nothing of that level is read or logged. The same URL counts once."""
    d, _lisa, _tom = _gezin(regio)
    client = api(regio.medewerker)
    monkeypatch.setattr(expand, "MAX_OPHALINGEN", 1)
    body = _fout(client.get(_url(d), {"expand": "leden.persoon"}), "invalid")
    assert "ten hoogste 1" in body["invalidParams"][0]["reason"]
    assert not _regels(actie="persoon.ingezien")
    # the organisation of both persons is one read
    r = client.get("/api/v1/personen", {"expand": "organisatie"})
    assert r.status_code == 200 and r.json()["count"] == 2
    assert all(p["_expand"]["organisatie"]["code"] == "wijkteam-krimpen" for p in r.json()["results"])
    # the second level counts too
    _fout(client.get(_url(d), {"expand": "organisatie.verwerkingsverantwoordelijke"}), "invalid")
    monkeypatch.setattr(expand, "MAX_OPHALINGEN", 2)
    r = client.get(_url(d), {"expand": "leden.persoon"})
    assert r.status_code == 200
    assert [lid["_expand"]["persoon"]["voornamen"] for lid in r.json()["leden"]] == ["Lisa", "Tom"]


def test_foreign_and_non_item_urls_are_never_fetched(rf, monkeypatch):
    """API §1.1: a URL of another host is never fetched; nor is one of ours that is no API item."""
    from rest_framework.request import Request

    def geen_lezing(self, pad, match):
        raise AssertionError(f"read {pad}")

    monkeypatch.setattr(expand.Uitbreider, "_lees", geen_lezing)
    uuid = "8f9e1c2a-1111-4222-8333-444455556666"
    data = {
        "url": f"http://testserver/api/v1/dossiers/{uuid}",
        "elders": f"https://elders.example.org/api/v1/personen/{uuid}",
        "lijst": "http://testserver/api/v1/personen",
        "pagina": f"http://testserver/inloggen/{uuid}",
        "vraag": f"http://testserver/api/v1/personen/{uuid}?x=1",
        "leeg": None,
        "geen": [],
    }
    request = Request(rf.get("/api/v1/dossiers"))
    namen = ["elders", "lijst", "pagina", "vraag", "leeg", "geen"]
    uit = expand.Uitbreider(request, expand.lees([",".join(namen)])).pas_toe(data)
    assert uit["_expand"] == {
        "elders": None,
        "lijst": None,
        "pagina": None,
        "vraag": None,
        "leeg": None,
        "geen": [],
    }
    assert "_expand" not in data  # the view's own data is not changed
