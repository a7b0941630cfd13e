"""AU-05 and API §2.10: who reads the audit log over the API, the audited search, and `audit verify`."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.db import connection

from zorgvuldig.audit import services
from zorgvuldig.audit.models import AuditRegel, Status, Zegel
from zorgvuldig.conftest import als_systeem, maak_gebruiker
from zorgvuldig.core.clock import now, today
from zorgvuldig.personen.services import registreer_persoon
from zorgvuldig.toegang.models import Bron, Toegang

pytestmark = pytest.mark.django_db

LIJST = "/api/v1/auditregels"
ZOEK = "/api/v1/auditregels/_zoek"


def persoon(regio, gebruiker=None, naam="Jansen"):
    return registreer_persoon(
        actor=regio.actor(gebruiker or regio.medewerker),
        data={"geslachtsnaam": naam, "bsn_ontbreekt_reden": "Nog niet bekend bij de intake"},
    )


def wettelijke_toegang(regio, **extra) -> Toegang:
    """AC-09: the auditor's statutory grant on its own organisation (what audit/selectors.py checks)."""
    data = {
        "verwerkingsverantwoordelijke": regio.gemeente,
        "organisatie": regio.wijkteam,
        "object_type": "organisaties.organisatie",
        "object_id": regio.wijkteam.pk,
        "bron": Bron.WETTELIJK,
        "ontvanger_gebruiker": regio.auditor,
        "lezen": True,
        "reden": "Jaarlijkse controle van het logboek",
        "geldig_vanaf": today() - dt.timedelta(days=1),
        "geldig_tot": today() + dt.timedelta(days=30),
        "wettelijk": {"instantie": "Accountant", "bepaling": "Gemeentewet art. 213", "doel": "toezicht"},
        **extra,
    }
    als_systeem()  # a direct insert, as an administrator would (row-level security on PostgreSQL)
    return Toegang.objects.create(**data)


def acties(response) -> list[str]:
    return [r["actie"] for r in response.json()["results"]]


# --- AU-05: who may read ----------------------------------------------------------------------------


def test_au_05_fg_reads_only_its_own_controllers_entries(regio, api):
    """AU-05: the FG reads the log of its own controller; the school (another controller) stays out."""
    eigen = persoon(regio)
    vreemd = persoon(regio, regio.leraar, naam="Pietersen")
    r = api(regio.fg).get(LIJST)
    assert r.status_code == 200, r.content
    body = r.json()
    objecten = {x["object"]["uuid"] for x in body["results"] if x["object"]}
    assert str(eigen.uuid) in objecten
    assert str(vreemd.uuid) not in objecten
    assert AuditRegel.objects.filter(
        object_uuid=str(vreemd.uuid)
    ).exists()  # it is in the log, just not for her
    gemeente = str(regio.gemeente.uuid)
    assert all(
        AuditRegel.objects.get(uuid=x["uuid"]).verwerkingsverantwoordelijke == gemeente
        for x in body["results"]
    )
    assert body["count"] == len(body["results"])


def test_au_05_the_search_itself_is_audited(regio, api):
    """AU-01/AU-05: reading the log is a processing operation and leaves its own entry."""
    persoon(regio)
    assert not AuditRegel.objects.filter(actie="audit.doorzocht").exists()
    r = api(regio.fg).get(LIJST, {"actie": "persoon.geregistreerd"})
    assert r.status_code == 200
    assert acties(r) == ["persoon.geregistreerd"]
    doorzocht = AuditRegel.objects.get(actie="audit.doorzocht")
    assert doorzocht.actor_gebruiker == str(regio.fg.uuid)
    assert doorzocht.actor_rol == "fg"
    assert doorzocht.status == Status.UITGEVOERD
    assert doorzocht.velden == ["actie"]
    assert doorzocht.verwerkingsactiviteit == "verantwoording-toezicht"
    assert doorzocht.trace_id == r["traceparent"].split("-")[1]


def test_au_05_entries_show_their_seal_once_sealed(regio, api):
    persoon(regio)
    services.verzegel_alles()
    regel = api(regio.fg).get(LIJST, {"actie": "persoon.geregistreerd"}).json()["results"][0]
    zegel = Zegel.objects.get(regel__uuid=regel["uuid"])
    assert (regel["volgnummer"], regel["hash"], regel["vorigeHash"]) == (
        zegel.volgnummer,
        zegel.hash,
        zegel.vorige_hash,
    )
    assert (
        regel["status"] == "uitgevoerd" and regel["verwerkingsactiviteit"] == "sociaal-domein-ondersteuning"
    )
    assert regel["betrokkene"] and regel["actor"]["rol"] == "medewerker"


def test_au_05_a_medewerker_cannot_read_the_log(regio, api):
    persoon(regio)
    r = api(regio.medewerker).get(LIJST)
    assert r.status_code == 403
    assert r["Content-Type"] == "application/problem+json"
    assert r.json()["code"] == "E_AC_NOT_AUTHORISED"
    assert not AuditRegel.objects.filter(actie="audit.doorzocht").exists()


def test_au_05_a_leidinggevende_reads_the_entries_of_its_team(regio, api):
    """AU-05: the leidinggevende reads entries of the own team's members, not those of others."""
    persoon(regio, regio.medewerker)
    persoon(regio, regio.leraar, naam="Pietersen")
    buiten_team = maak_gebruiker(regio.wijkteam, "x@krimpen.example.org", ["medewerker"], naam="Buiten Team")
    persoon(regio, buiten_team, naam="Klaassen")
    r = api(regio.leidinggevende).get(LIJST, {"actie": "persoon.geregistreerd"})
    assert r.status_code == 200
    actors = {x["actor"]["gebruiker"] for x in r.json()["results"]}
    assert actors == {str(regio.medewerker.uuid)}


def test_au_05_auditor_without_statutory_grant_is_refused(regio, api):
    """AU-05/AC-09: the auditor reads only within a valid statutory grant."""
    persoon(regio)
    r = api(regio.auditor).get(LIJST)
    assert r.status_code == 403
    assert r["Content-Type"] == "application/problem+json"
    assert r.json()["code"] == "E_AC_GRANT_EXPIRED"
    assert api(regio.auditor).get("/api/v1/auditcontrolepunten").json()["code"] == "E_AC_GRANT_EXPIRED"


@pytest.mark.parametrize(
    "extra",
    [
        {"geldig_tot": today() - dt.timedelta(days=1)},  # expired
        {"geldig_vanaf": today() + dt.timedelta(days=1)},  # not yet valid
        {"ingetrokken_op": now()},  # revoked
        {"bron": Bron.CASUSTEAM},  # not a statutory grant
        {"lezen": False},
    ],
    ids=["verlopen", "toekomstig", "ingetrokken", "geen-wettelijke-bron", "geen-leesrecht"],
)
def test_au_05_auditor_with_an_unusable_grant_is_refused(regio, api, extra):
    wettelijke_toegang(regio, **extra)
    r = api(regio.auditor).get(LIJST)
    assert r.status_code == 403
    assert r.json()["code"] == "E_AC_GRANT_EXPIRED"


def test_au_05_auditor_with_a_valid_statutory_grant_reads_and_the_grant_is_named(regio, api):
    """AU-05/AU-09: with a valid statutory grant the auditor reads its controller's entries; the
    audited search names the grant that allowed it."""
    grant = wettelijke_toegang(regio)
    eigen = persoon(regio)
    vreemd = persoon(regio, regio.leraar, naam="Pietersen")
    r = api(regio.auditor).get(LIJST)
    assert r.status_code == 200, r.content
    objecten = {x["object"]["uuid"] for x in r.json()["results"] if x["object"]}
    assert str(eigen.uuid) in objecten and str(vreemd.uuid) not in objecten
    doorzocht = AuditRegel.objects.get(actie="audit.doorzocht")
    assert doorzocht.toegang == str(grant.uuid)
    assert doorzocht.actor_rol == "auditor"


def test_au_04_the_auditors_refused_attempt_is_logged(regio, api):
    """AU-04: a refused attempt is logged like a success, with its code."""
    assert api(regio.auditor).get(LIJST).status_code == 403
    regel = AuditRegel.objects.get(actor_gebruiker=str(regio.auditor.uuid))
    assert (regel.status, regel.code) == (Status.GEWEIGERD, "E_AC_GRANT_EXPIRED")


# --- the search by person ------------------------------------------------------------------------


def test_au_05_search_by_person_finds_that_persons_entries(regio, api):
    """AU-05/AU-07: `_zoek` by person URL resolves the pseudonym and returns only that subject's entries."""
    sam = persoon(regio, naam="Sam")
    ander = persoon(regio, naam="Ander")
    url = f"http://testserver/api/v1/personen/{sam.uuid}"
    r = api(regio.fg).post(ZOEK, {"persoon": url}, format="json")
    assert r.status_code == 200, r.content
    results = r.json()["results"]
    pseudo = services.pseudoniem(services.subject_key(sam))
    assert {x["betrokkene"] for x in results} == {pseudo}
    assert "persoon.geregistreerd" in [x["actie"] for x in results]
    assert str(ander.uuid) not in {x["object"]["uuid"] for x in results if x["object"]}
    # the search is itself audited, about this subject
    doorzocht = AuditRegel.objects.get(actie="audit.doorzocht")
    assert doorzocht.betrokkene == pseudo


def test_au_05_search_by_person_with_filters(regio, api):
    sam = persoon(regio)
    url = f"http://testserver/api/v1/personen/{sam.uuid}"
    r = api(regio.fg).post(ZOEK, {"persoon": url, "status": "geweigerd"}, format="json")
    assert r.status_code == 200
    assert r.json()["count"] == 0
    r = api(regio.fg).post(ZOEK, {"persoon": url, "actie": "persoon.geregistreerd"}, format="json")
    assert acties(r) == ["persoon.geregistreerd"]


def test_au_05_search_for_a_person_of_another_controller_is_not_found(regio, api):
    vreemd = persoon(regio, regio.leraar, naam="Pietersen")
    r = api(regio.fg).post(
        ZOEK, {"persoon": f"http://testserver/api/v1/personen/{vreemd.uuid}"}, format="json"
    )
    assert r.status_code == 404
    assert r["Content-Type"] == "application/problem+json"
    assert not AuditRegel.objects.filter(actie="audit.doorzocht").exists()


def test_au_07_after_forgetting_the_search_by_person_finds_nothing_old(regio, api):
    """AU-07: once the mapping row is gone, the old entries cannot be found through the subject."""
    sam = persoon(regio)
    oud = set(AuditRegel.objects.values_list("uuid", flat=True))
    services.vergeet(services.subject_key(sam))
    r = api(regio.fg).post(ZOEK, {"persoon": f"http://testserver/api/v1/personen/{sam.uuid}"}, format="json")
    assert r.status_code == 200
    assert not {x["uuid"] for x in r.json()["results"]} & {str(u) for u in oud}


def test_api_bad_filter_values_are_400(regio, api):
    r = api(regio.fg).get(LIJST, {"actor": "geen-uuid"})
    assert r.status_code == 400
    assert r.json()["code"] == "E_INVALID_INPUT"
    assert r.json()["invalidParams"][0]["name"] == "actor"


# --- read-only (AU-03) ---------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_au_03_the_log_cannot_be_changed_over_the_api(regio, api, method):
    """AU-03: the audit API is read-only: write methods answer 405 problem+json and change nothing."""
    persoon(regio)
    services.verzegel_alles()
    voor = list(AuditRegel.objects.values_list("uuid", "doel", "actie"))
    client = api(regio.fg)
    for path in (LIJST, f"{LIJST}/{voor[0][0]}"):
        r = getattr(client, method)(path, {"doel": "kwaliteit"}, format="json")
        assert r.status_code == 405, (path, r.status_code)
        assert r["Content-Type"] == "application/problem+json"
        assert r.json()["code"] == "E_METHOD_NOT_ALLOWED"
    assert list(AuditRegel.objects.values_list("uuid", "doel", "actie")) == voor
    assert services.verifieer().ok


def test_au_08_fg_lists_the_signed_checkpoints(regio, api):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    persoon(regio)
    cp = services.controlepunt(Ed25519PrivateKey.generate())
    r = api(regio.fg).get("/api/v1/auditcontrolepunten")
    assert r.status_code == 200
    assert r.json()["results"] == [cp]


# --- `zorgvuldig audit` command (API §3.2) -------------------------------------------------------


def audit_command(*args) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("audit", *args, stdout=out, stderr=io.StringIO())
    except SystemExit as exc:
        return int(exc.code), out.getvalue()
    return 0, out.getvalue()


def _sabotage(sql, params):
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("RESET ROLE")
            cur.execute("ALTER TABLE audit_auditregel DISABLE TRIGGER USER")
        else:
            cur.execute("DROP TRIGGER IF EXISTS audit_auditregel_geen_update")
        cur.execute(sql, params)


def test_au_03_audit_verify_exits_0_on_an_intact_chain_and_3_after_tampering(regio):
    persoon(regio)
    persoon(regio, naam="Tweede")
    code, out = audit_command("seal", "--json")
    assert code == 0 and json.loads(out) == {"verzegeld": 2}

    code, out = audit_command("verify", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["ok"] is True and data["gecontroleerd"] == 2 and data["eersteBreuk"] is None
    assert data["bewezen"] is False  # AU-08: no signed checkpoint, so consistent — not proven
    fout = io.StringIO()
    call_command("audit", "verify", stdout=io.StringIO(), stderr=fout)
    assert "geen ondertekend controlepunt" in fout.getvalue()

    regel_id = Zegel.objects.get(volgnummer=2).regel_id
    _sabotage("UPDATE audit_auditregel SET doel = %s WHERE id = %s", ["kwaliteit", regel_id])
    code, out = audit_command("verify", "--json")
    assert code == 3
    data = json.loads(out)
    assert data["ok"] is False and data["eersteBreuk"]["volgnummer"] == 2


def test_au_08_audit_keygen_checkpoint_and_verify_with_an_exported_checkpoint(regio, settings, tmp_path):
    """AU-08: keygen → checkpoint (signed off-server key) → verify, also against the exported copy;
    a tampered exported copy makes verify exit 3."""
    priv, pub = tmp_path / "priv.pem", tmp_path / "keys" / "public.json"
    settings.AUDIT_PUBLIC_KEYS_FILE = str(pub)
    audit_command("keygen", "--private", str(priv), "--public-keys", str(pub))
    assert priv.exists() and len(json.loads(pub.read_text())) == 1
    persoon(regio)
    code, out = audit_command("checkpoint", "--signing-key", str(priv), "--json")
    assert code == 0
    cp = json.loads(out)
    assert cp["volgnummer"] == 1 and cp["aantal"] == 1

    export = tmp_path / "cp.json"
    export.write_text(json.dumps(cp))
    code, out = audit_command("verify", "--json", "--checkpoint-file", str(export))
    assert code == 0 and json.loads(out)["controlepunten"] == 2 and json.loads(out)["bewezen"] is True

    export.write_text(json.dumps({**cp, "aantal": 99}))
    code, out = audit_command("verify", "--json", "--checkpoint-file", str(export))
    assert code == 3 and json.loads(out)["ok"] is False


@pytest.mark.parametrize("ingesteld", [False, True])
def test_au_08_audit_verify_without_the_public_keys_file_is_a_configuration_error_not_a_break(
    regio, settings, tmp_path, ingesteld
):
    """AU-08: no public keys file (not set, or not where it says) means no checkpoint can be checked: exit 2
    with what to fix, not exit 3 "BREUK", which an operator reads (and an alert treats) as tampering."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from django.core.management.base import CommandError

    persoon(regio)
    services.controlepunt(Ed25519PrivateKey.generate())
    settings.AUDIT_PUBLIC_KEYS_FILE = str(tmp_path / "weg.json") if ingesteld else ""
    fout = io.StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("audit", "verify", "--json", stdout=io.StringIO(), stderr=fout)
    assert exc.value.returncode == 2
    melding = str(exc.value)
    assert ("niet gevonden" if ingesteld else "niet ingesteld") in melding
    assert "ZORGVULDIG_AUDIT_PUBLIC_KEYS_FILE" in melding and "geen breuk" in melding
    assert "BREUK" not in melding + fout.getvalue()
