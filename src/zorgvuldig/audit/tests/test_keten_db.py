"""AU-01 … AU-08 against the database: entries, sealing, verification, tampering, pseudonyms, checkpoints.

Tampering is done the way an attacker with database access would: with raw SQL after taking the
append-only guard away. That is only possible for the owner role (PostgreSQL) or by dropping the
triggers (SQLite); both are undone when the test transaction rolls back.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings as django_settings
from django.db import DatabaseError, connection, transaction

from zorgvuldig.audit import policies, services
from zorgvuldig.audit.models import AuditRegel, Controlepunt, Pseudoniem, Status, Wachtrij, Zegel
from zorgvuldig.conftest import BSN_SAM
from zorgvuldig.core import tenancy
from zorgvuldig.core.clock import now
from zorgvuldig.core.context import Actor, reset_trace, set_trace
from zorgvuldig.core.errors import DomainError
from zorgvuldig.personen.models import Persoon
from zorgvuldig.personen.services import registreer_persoon
from zorgvuldig.toegang.models import Bron, Toegang

pytestmark = pytest.mark.django_db

AUDIT_TABELLEN = ("audit_auditregel", "audit_zegel", "audit_controlepunt")
HEX = re.compile(r"^[0-9a-f]+$")


# --- helpers -------------------------------------------------------------------------------------


def persoon(regio, naam="Jansen", **extra):
    data = {"geslachtsnaam": naam, "bsn_ontbreekt_reden": "Nog niet bekend bij de intake", **extra}
    return registreer_persoon(actor=regio.actor(regio.medewerker), data=data)


def personen(regio, n):
    return [persoon(regio, naam=f"Persoon{i}") for i in range(n)]


def ketenregels():
    """Entries in chain order with their seals."""
    return list(Zegel.objects.order_by("volgnummer").values_list("volgnummer", "regel_id", "hash"))


def zonder_bescherming(*tables):
    """Take away the append-only guard for the rest of this test (rolled back with it).

    PostgreSQL: the test runs as the runtime role, which lacks UPDATE/DELETE; the owner still has the
    BEFORE UPDATE trigger, so become the owner and disable it. SQLite: drop the triggers.
    """
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("RESET ROLE")
            for table in tables:
                cur.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        else:
            for table in tables:
                cur.execute(f"DROP TRIGGER IF EXISTS {table}_geen_update")
                cur.execute(f"DROP TRIGGER IF EXISTS {table}_geen_delete")


def sabotage(sql, params=()):
    zonder_bescherming(*AUDIT_TABELLEN)
    with connection.cursor() as cur:
        cur.execute(sql, list(params))


def handmatige_regel(**velden) -> AuditRegel:
    """An entry written without a service (for sequencer scenarios)."""
    data = {
        "tijdstip": now(),
        "trace_id": "1" * 32,
        "span_id": "2" * 16,
        "verwerkingsactiviteit": "sociaal-domein-ondersteuning",
        "status": Status.UITGEVOERD,
        "actie": "persoon.ingezien",
        "doel": "ondersteuning",
        "grondslag": "e",
        "kanaal": "systeem",
        **velden,
    }
    return AuditRegel.objects.create(**data)


def sleutelbestand(tmp_path, settings, *keys):
    path = tmp_path / "audit-public-keys.json"
    data = {}
    for key in keys:
        raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        data[services.sleutel_id(key.public_key())] = base64.b64encode(raw).decode()
    path.write_text(json.dumps(data))
    settings.AUDIT_PUBLIC_KEYS_FILE = str(path)
    return path


def ongeldig(verslag) -> bool:
    """The report names a checkpoint whose signature does not check out."""
    breuk = verslag.eerste_breuk
    return breuk is not None and breuk.verwacht == "geldige handtekening" and "ongeldig" in breuk.gevonden


def alle_personen_zichtbaar():
    """Count persons as the system (row-level security would hide them from a plain query on PG)."""
    tenancy.activeer(Actor.systeem())
    return Persoon.objects.count()


# --- AU-01, AU-02: what an entry holds -----------------------------------------------------------


def test_au_02_registration_writes_an_entry_with_the_logboek_and_nen7513_fields(regio):
    """AU-01/AU-02/AU-09: one entry per subject, with trace and span id, activity, pseudonym, status,
    actor (role, organisation, controller), on whose behalf, action, object, fields, grant, purpose,
    legal basis and channel."""
    token = set_trace("ab" * 16, "cd" * 8)
    try:
        p = persoon(regio, bsn=BSN_SAM, bsn_ontbreekt_reden="")
    finally:
        reset_trace(token)
    regel = AuditRegel.objects.get(actie="persoon.geregistreerd")
    grant = Toegang.objects.get(object_type="personen.persoon", object_id=p.pk, bron=Bron.CASUSTEAM)
    assert regel.trace_id == "ab" * 16 and regel.span_id == "cd" * 8
    assert regel.verwerkingsactiviteit == "sociaal-domein-ondersteuning"
    assert regel.betrokkene == services.pseudoniem(services.subject_key(p))
    assert len(regel.betrokkene) == 32 and HEX.match(regel.betrokkene)
    assert regel.status == Status.UITGEVOERD and regel.code == ""
    assert regel.actor_gebruiker == str(regio.medewerker.uuid)
    assert regel.actor_functie == "Jeugdcoach"
    assert regel.actor_rol == "medewerker"
    assert regel.actor_organisatie == str(regio.wijkteam.uuid)
    assert regel.verwerkingsverantwoordelijke == str(regio.gemeente.uuid)
    assert regel.namens == {"organisatie": str(regio.wijkteam.uuid)}
    assert regel.object_type == "personen.persoon" and regel.object_uuid == str(p.uuid)
    assert regel.velden == ["bsn", "bsn_ontbreekt_reden", "geslachtsnaam"]
    assert regel.toegang == str(grant.uuid)
    assert (regel.doel, regel.grondslag) == ("ondersteuning", "e")
    assert regel.kanaal == "ui"
    assert regel.tijdstip is not None and abs(regel.tijdstip - now()) < dt.timedelta(minutes=5)
    assert Wachtrij.objects.filter(regel_id=regel.id).exists()  # queued for the sequencer


def test_au_06_an_entry_holds_references_not_content(regio):
    """AU-02/AU-06: never the BSN, the name or the subject key in an entry — only a pseudonym."""
    p = persoon(regio, naam="Vermeulen", bsn=BSN_SAM, bsn_ontbreekt_reden="", voornamen="Sam")
    for regel in AuditRegel.objects.all():
        raw = regel.canonical().decode()
        assert BSN_SAM not in raw
        assert "Vermeulen" not in raw and "Sam" not in raw
        assert services.subject_key(p) not in raw


def test_au_01_the_entry_rolls_back_with_the_act(regio):
    """AU-01: the entry is written in the act's transaction, so an act that rolls back leaves none."""

    class Afgebroken(Exception):
        pass

    with pytest.raises(Afgebroken), transaction.atomic():
        persoon(regio)
        assert AuditRegel.objects.exists()
        raise Afgebroken
    assert not AuditRegel.objects.exists()
    assert not Wachtrij.objects.exists()
    assert alle_personen_zichtbaar() == 0


@pytest.mark.django_db(transaction=True)
def test_au_01_record_refuses_to_run_outside_the_acts_transaction(regio):
    with pytest.raises(RuntimeError):
        services.record(
            actor=regio.actor(regio.medewerker),
            actie="persoon.ingezien",
            activiteit="sociaal-domein-ondersteuning",
        )
    assert not AuditRegel.objects.exists()


def test_au_02_an_act_on_two_subjects_writes_one_entry_per_subject(regio):
    a, b = personen(regio, 2)
    with transaction.atomic():
        regels = services.record(
            actor=regio.actor(regio.medewerker),
            actie="relatie.geregistreerd",
            activiteit="sociaal-domein-ondersteuning",
            betrokkenen=[a, b],
        )
    assert len(regels) == 2
    assert {r.betrokkene for r in regels} == {services.pseudoniem(services.subject_key(x)) for x in (a, b)}
    assert len({r.trace_id for r in regels}) == 1


# --- AU-04: refusals -----------------------------------------------------------------------------


def test_au_04_a_refused_call_is_logged_with_its_code_and_stores_nothing(regio):
    """AU-04: registration without BSN and without reason is refused; the refusal is audited with the
    code, while no person (and no success entry) is stored."""
    with pytest.raises(DomainError) as exc:
        registreer_persoon(actor=regio.actor(regio.medewerker), data={"geslachtsnaam": "Jansen"})
    assert exc.value.code == "E_INVALID_INPUT"
    regel = AuditRegel.objects.get()
    assert regel.status == Status.GEWEIGERD
    assert regel.code == "E_INVALID_INPUT"
    assert regel.actie == "persoon.geregistreerd"
    assert regel.actor_gebruiker == str(regio.medewerker.uuid)
    assert regel.object_uuid == "" and regel.betrokkene == ""  # nothing was created to refer to
    assert not AuditRegel.objects.filter(status=Status.UITGEVOERD).exists()
    assert alle_personen_zichtbaar() == 0
    assert not Toegang.objects.exists()
    # the refusal is part of the chain like any other entry
    assert services.verzegel_alles() == 1
    assert services.verifieer().ok


def test_au_04_refusal_inside_a_failing_act_keeps_its_entry(regio):
    """AU-04: the act's own writes roll back, the refusal entry (own transaction) stays."""
    actor = regio.actor(regio.medewerker)
    with pytest.raises(DomainError):
        registreer_persoon(actor=actor, data={"geslachtsnaam": "X", "bsn": "123456789"})
    regel = AuditRegel.objects.get()
    assert (regel.status, regel.code) == (Status.GEWEIGERD, "E_PE_BSN_INVALID")
    assert "123456789" not in regel.canonical().decode()
    assert alle_personen_zichtbaar() == 0


# --- AU-03: sealing -------------------------------------------------------------------------------


def test_au_03_verzegel_seals_every_entry_exactly_once_in_order(regio):
    personen(regio, 4)
    ids = list(AuditRegel.objects.order_by("id").values_list("id", flat=True))
    assert len(ids) == 4
    assert services.verifieer().ok  # queued, not yet sealed, still young: no alarm
    assert services.verifieer().onverzegeld == 4

    assert services.verzegel() == 4
    assert services.verzegel() == 0  # nothing is sealed twice
    keten = ketenregels()
    assert [v for v, _, _ in keten] == [1, 2, 3, 4]
    assert [r for _, r, _ in keten] == ids
    assert not Wachtrij.objects.exists()
    for regel in AuditRegel.objects.all():
        assert Zegel.objects.filter(regel_id=regel.id).count() == 1

    verslag = services.verifieer()
    assert verslag.ok and verslag.gecontroleerd == 4 and verslag.eerste_breuk is None
    assert verslag.onverzegeld == 0


def test_au_03_each_seal_hashes_the_previous_hash_and_the_entry(regio):
    personen(regio, 3)
    services.verzegel_alles()
    previous = policies.GENESIS
    for zegel in Zegel.objects.select_related("regel").order_by("volgnummer"):
        assert zegel.vorige_hash == previous
        assert zegel.hash == policies.chain_hash(previous, zegel.regel.canonical())
        previous = zegel.hash


def test_au_03_a_later_batch_continues_the_chain(regio):
    personen(regio, 2)
    services.verzegel_alles()
    head = Zegel.objects.order_by("-volgnummer").first()
    personen(regio, 3)
    assert services.verzegel(batch=2) == 2
    assert services.verzegel(batch=2) == 1
    assert services.verzegel(batch=2) == 0
    third = Zegel.objects.get(volgnummer=3)
    assert third.vorige_hash == head.hash
    assert [v for v, _, _ in ketenregels()] == [1, 2, 3, 4, 5]
    assert services.verifieer().ok


def test_au_03_a_late_commit_is_sealed_later_and_never_skipped(regio):
    """AU-03: an entry with a lower id whose transaction commits after higher ids were sealed is
    taken from the queue in the next round — the sequencer never seals by "id > last sealed"."""
    base = (AuditRegel.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1000
    b = handmatige_regel(id=base + 10)
    c = handmatige_regel(id=base + 11)
    # (the insert trigger queues each entry)
    assert services.verzegel() == 2

    # the late transaction: its id was taken before b and c, it commits only now
    a = handmatige_regel(id=base + 5)
    assert a.id < max(b.id, c.id)
    assert services.verzegel() == 1

    keten = ketenregels()
    assert [(v, r) for v, r, _ in keten] == [(1, b.id), (2, c.id), (3, a.id)]
    for regel in (a, b, c):
        assert Zegel.objects.filter(regel_id=regel.id).count() == 1
    verslag = services.verifieer()
    assert verslag.ok and verslag.gecontroleerd == 3


def test_au_03_entries_queued_out_of_order_are_all_sealed(regio):
    base = (AuditRegel.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1000
    regels = [handmatige_regel(id=base + i) for i in (7, 3, 9, 1)]
    assert Wachtrij.objects.count() == 4  # queued by the insert trigger, whatever the id order
    assert services.verzegel_alles() == 4
    assert sorted(r for _, r, _ in ketenregels()) == sorted(r.id for r in regels)
    assert services.verifieer().ok


def test_au_03_an_entry_stuck_in_the_queue_is_reported(regio, settings):
    """AU-03: an entry left unsealed past the grace period means the sequencer is not doing its job."""
    settings.AUDIT_UNSEALED_GRACE_SECONDS = 3600
    handmatige_regel(tijdstip=now() - dt.timedelta(hours=2))
    verslag = services.verifieer()
    assert not verslag.ok
    assert verslag.eerste_breuk.volgnummer == 0 and "wacht te lang" in verslag.eerste_breuk.gevonden
    services.verzegel_alles()
    assert services.verifieer().ok


def test_au_03_partial_verification_from_a_position(regio):
    personen(regio, 5)
    services.verzegel_alles()
    verslag = services.verifieer(vanaf=3)
    assert verslag.ok and verslag.gecontroleerd == 3


# --- AU-03: tampering is detected ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("kolom", "waarde"),
    [
        ("doel", "kwaliteit"),
        ("actie", "persoon.ingezien"),
        ("status", "geweigerd"),
        ("actor_gebruiker", "00000000-0000-4000-8000-000000000000"),
        ("betrokkene", "f" * 32),
    ],
)
def test_au_03_editing_an_entry_is_detected_at_its_seal(regio, kolom, waarde):
    personen(regio, 4)
    services.verzegel_alles()
    doelwit = Zegel.objects.get(volgnummer=3)
    sabotage(f"UPDATE audit_auditregel SET {kolom} = %s WHERE id = %s", [waarde, doelwit.regel_id])
    verslag = services.verifieer()
    assert not verslag.ok
    assert verslag.gecontroleerd == 2
    assert verslag.eerste_breuk.volgnummer == 3
    assert verslag.eerste_breuk.verwacht == doelwit.hash
    assert verslag.eerste_breuk.gevonden != doelwit.hash


def test_au_03_deleting_an_entry_is_detected(regio):
    personen(regio, 4)
    services.verzegel_alles()
    doelwit = Zegel.objects.get(volgnummer=2)
    sabotage("DELETE FROM audit_auditregel WHERE id = %s", [doelwit.regel_id])
    verslag = services.verifieer()
    assert not verslag.ok
    assert verslag.eerste_breuk == policies.Break(2, doelwit.hash, "regel ontbreekt")


def test_au_03_deleting_a_seal_inside_the_chain_is_detected(regio):
    personen(regio, 4)
    services.verzegel_alles()
    sabotage("DELETE FROM audit_zegel WHERE volgnummer = %s", [2])
    verslag = services.verifieer()
    assert not verslag.ok
    assert verslag.eerste_breuk == policies.Break(2, "volgnummer 2", "volgnummer 3")


def test_au_03_deleting_the_last_seal_leaves_an_entry_outside_the_chain(regio):
    personen(regio, 3)
    services.verzegel_alles()
    last = Zegel.objects.get(volgnummer=3)
    sabotage("DELETE FROM audit_zegel WHERE volgnummer = %s", [3])
    verslag = services.verifieer()
    assert not verslag.ok
    regel = AuditRegel.objects.get(id=last.regel_id)
    assert verslag.eerste_breuk.volgnummer == 0
    assert str(regel.uuid) in verslag.eerste_breuk.gevonden


def test_au_03_removing_a_queue_row_by_hand_is_reported(regio):
    """A deleted queue row only leaves its entry unsealed, and `verify` says so (models docstring)."""
    p = persoon(regio)
    regel = AuditRegel.objects.get(object_uuid=str(p.uuid))
    Wachtrij.objects.filter(regel_id=regel.id).delete()  # the runtime role may do this
    assert services.verzegel_alles() == 0
    verslag = services.verifieer()
    assert not verslag.ok and str(regel.uuid) in verslag.eerste_breuk.gevonden


def test_au_03_editing_a_seal_hash_is_detected(regio):
    personen(regio, 3)
    services.verzegel_alles()
    sabotage("UPDATE audit_zegel SET hash = %s WHERE volgnummer = %s", ["e" * 64, 2])
    verslag = services.verifieer()
    assert not verslag.ok and verslag.eerste_breuk.volgnummer == 2


# --- AU-03: the append-only guard itself ---------------------------------------------------------


def _weigert(sql, params=()):
    """Run `sql` in a savepoint; return the database error it raised (the test can go on)."""
    try:
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute(sql, list(params))
    except DatabaseError as exc:
        return exc
    return None


def _als_runtime_rol() -> bool:
    if connection.vendor != "postgresql" or not django_settings.DB_RUNTIME_ROLE:
        return False
    with connection.cursor() as cur:
        cur.execute("SELECT current_user")
        return cur.fetchone()[0] == django_settings.DB_RUNTIME_ROLE


@pytest.mark.parametrize("table", AUDIT_TABELLEN)
def test_au_03_the_runtime_role_cannot_update_or_delete_audit_rows(regio, settings, tmp_path, table):
    """AU-03: UPDATE and DELETE on the audit tables fail (PostgreSQL runtime role: no privilege;
    SQLite: the append-only triggers), and TRUNCATE too on PostgreSQL."""
    personen(regio, 2)
    services.verzegel_alles()
    key = Ed25519PrivateKey.generate()
    sleutelbestand(tmp_path, settings, key)
    services.controlepunt(key)
    kolom = {"audit_auditregel": "doel", "audit_zegel": "hash", "audit_controlepunt": "hash"}[table]
    runtime = _als_runtime_rol()
    if connection.vendor == "postgresql":
        assert runtime, "PostgreSQL tests must run as the runtime role (ZORGVULDIG_DB_RUNTIME_ROLE)"
    statements = [f"UPDATE {table} SET {kolom} = %s", f"DELETE FROM {table}"]
    if connection.vendor == "postgresql":
        statements.append(f"TRUNCATE {table}")
    for sql in statements:
        params = ["x"] if sql.startswith("UPDATE") else []
        fout = _weigert(sql, params)
        assert fout is not None, sql
        bericht = str(fout).lower()
        if runtime:
            assert "permission denied" in bericht, bericht
        else:
            assert "append-only" in bericht, bericht
    assert services.verifieer().ok  # nothing changed


def test_au_03_the_orm_cannot_change_or_delete_an_entry_either(regio):
    persoon(regio)
    regel = AuditRegel.objects.get()
    regel.doel = "kwaliteit"
    with pytest.raises(DatabaseError), transaction.atomic():
        regel.save()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditRegel.objects.all().delete()
    assert AuditRegel.objects.get().doel == "ondersteuning"


def test_au_03_the_update_trigger_also_stops_the_owner(regio):
    """AU-03, second line: the BEFORE UPDATE trigger also stops the owner role (PostgreSQL only;
    on SQLite the triggers are the only line and are covered above)."""
    persoon(regio)
    services.verzegel_alles()
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("RESET ROLE")
    for table, kolom in (("audit_auditregel", "doel"), ("audit_zegel", "hash")):
        fout = _weigert(f"UPDATE {table} SET {kolom} = %s", ["x"])
        assert fout is not None and "append-only" in str(fout).lower()


# --- AU-07: pseudonyms -----------------------------------------------------------------------------


def test_au_07_a_subject_has_one_random_pseudonym(regio):
    a, b = personen(regio, 2)
    ka, kb = services.subject_key(a), services.subject_key(b)
    assert services.pseudoniem(ka) == services.pseudoniem(ka)
    assert services.pseudoniem(ka) != services.pseudoniem(kb)
    assert str(a.uuid) not in services.pseudoniem(ka)
    assert Pseudoniem.objects.filter(sleutel=ka).count() == 1


def test_au_07_forgetting_a_subject_anonymises_its_entries_and_keeps_the_chain(regio):
    """AU-07: deleting the mapping row leaves the entries (with their pseudonym) and the chain intact,
    but nothing links the pseudonym to the subject any more; a new mapping is a new pseudonym."""
    p, ander = personen(regio, 2)
    sleutel = services.subject_key(p)
    pseudo = services.pseudoniem(sleutel)
    with transaction.atomic():
        services.record(
            actor=regio.actor(regio.medewerker),
            actie="persoon.ingezien",
            activiteit="sociaal-domein-ondersteuning",
            object=p,
            betrokkenen=[p],
        )
    services.verzegel_alles()
    voor = list(AuditRegel.objects.filter(betrokkene=pseudo).values_list("id", flat=True))
    assert len(voor) == 2

    assert services.vergeet(sleutel) == 1
    assert not Pseudoniem.objects.filter(sleutel=sleutel).exists()
    assert not Pseudoniem.objects.filter(pseudoniem=pseudo).exists()
    assert list(AuditRegel.objects.filter(betrokkene=pseudo).values_list("id", flat=True)) == voor
    assert Pseudoniem.objects.filter(sleutel=services.subject_key(ander)).exists()  # others untouched
    verslag = services.verifieer()
    assert verslag.ok and verslag.gecontroleerd == AuditRegel.objects.count()

    assert services.vergeet(sleutel) == 0  # idempotent
    assert services.pseudoniem(sleutel) != pseudo  # no way back to the old entries


# --- AU-08: signed checkpoints -----------------------------------------------------------------------


def test_au_08_a_signed_checkpoint_verifies(regio, settings, tmp_path):
    key = Ed25519PrivateKey.generate()
    sleutelbestand(tmp_path, settings, key)
    personen(regio, 3)
    cp = services.controlepunt(key)  # seals what is queued, then signs the head
    head = Zegel.objects.order_by("-volgnummer").first()
    assert (cp["volgnummer"], cp["aantal"], cp["hash"]) == (3, 3, head.hash)
    assert cp["sleutelId"] == services.sleutel_id(key.public_key())
    message = policies.checkpoint_message(cp["volgnummer"], cp["aantal"], cp["hash"], cp["tijdstip"])
    key.public_key().verify(base64.b64decode(cp["handtekening"]), message)  # raises if invalid
    assert Controlepunt.objects.count() == 1
    verslag = services.verifieer()
    assert verslag.ok and verslag.controlepunten == 1 and verslag.gecontroleerd == 3
    # the exported copy checks too
    assert services.verifieer(extra_controlepunten=[cp]).ok


def test_au_08_no_checkpoint_without_seals(regio, settings, tmp_path):
    key = Ed25519PrivateKey.generate()
    sleutelbestand(tmp_path, settings, key)
    with pytest.raises(DomainError) as exc:
        services.controlepunt(key)
    assert exc.value.code == "E_STATE_CONFLICT"


def test_au_08_a_tampered_checkpoint_signature_fails(regio, settings, tmp_path):
    key = Ed25519PrivateKey.generate()
    sleutelbestand(tmp_path, settings, key)
    personen(regio, 2)
    cp = services.controlepunt(key)
    anders = base64.b64encode(key.sign(b"iets anders")).decode()
    for vervalst in (
        {**cp, "handtekening": anders},
        {**cp, "aantal": cp["aantal"] + 1},
        {**cp, "hash": "0" * 64},
        {**cp, "handtekening": "geen base64!"},
    ):
        verslag = services.verifieer(extra_controlepunten=[vervalst])
        assert not verslag.ok
        assert ongeldig(verslag)


def test_au_08_a_tampered_stored_checkpoint_fails(regio, settings, tmp_path):
    key = Ed25519PrivateKey.generate()
    sleutelbestand(tmp_path, settings, key)
    personen(regio, 2)
    services.controlepunt(key)
    sabotage("UPDATE audit_controlepunt SET hash = %s", ["0" * 64])
    verslag = services.verifieer()
    assert not verslag.ok and ongeldig(verslag)


def test_au_08_a_checkpoint_signed_with_an_unknown_key_fails(regio, settings, tmp_path):
    bekend, onbekend = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    sleutelbestand(tmp_path, settings, bekend)
    personen(regio, 2)
    services.controlepunt(onbekend)
    verslag = services.verifieer()
    breuk = verslag.eerste_breuk
    assert not verslag.ok and breuk.verwacht == "geldige handtekening"
    assert (
        services.sleutel_id(onbekend.public_key()) in breuk.gevonden
        and "niet in het bestand" in breuk.gevonden
    )


@pytest.mark.parametrize("pad", ["", "bestaat-niet.json"])
def test_au_08_without_a_public_keys_file_no_checkpoint_is_trusted_and_that_is_no_break(
    regio, settings, tmp_path, pad
):
    """AU-08: without the public keys no checkpoint can be checked; that is a configuration error the
    operator must fix, not a break in the chain (which would read as tampering)."""
    key = Ed25519PrivateKey.generate()
    sleutelbestand(tmp_path, settings, key)
    personen(regio, 2)
    services.controlepunt(key)
    settings.AUDIT_PUBLIC_KEYS_FILE = str(tmp_path / pad) if pad else ""
    with pytest.raises(
        services.PubliekeSleutelsOntbreken, match="niet ingesteld" if not pad else "niet gevonden"
    ):
        services.verifieer()


def test_au_08_without_checkpoints_the_chain_verifies_without_a_public_keys_file(regio, settings):
    settings.AUDIT_PUBLIC_KEYS_FILE = ""
    personen(regio, 2)
    assert services.verifieer().ok


def test_au_08_a_validly_signed_checkpoint_that_disagrees_with_the_chain_fails(regio, settings, tmp_path):
    """AU-08: a checkpoint is a pin; a chain whose hash at that position differs is broken."""
    key = Ed25519PrivateKey.generate()
    sleutelbestand(tmp_path, settings, key)
    personen(regio, 3)
    services.verzegel_alles()
    tijdstip = now().isoformat()
    message = policies.checkpoint_message(2, 2, "a" * 64, tijdstip)
    cp = {
        "volgnummer": 2,
        "aantal": 2,
        "hash": "a" * 64,
        "tijdstip": tijdstip,
        "handtekening": base64.b64encode(key.sign(message)).decode(),
        "sleutelId": services.sleutel_id(key.public_key()),
    }
    verslag = services.verifieer(extra_controlepunten=[cp])
    assert not verslag.ok
    assert verslag.eerste_breuk == policies.Break(2, "a" * 64, Zegel.objects.get(volgnummer=2).hash)


def test_au_08_truncating_the_chain_after_a_checkpoint_is_detected(regio, settings, tmp_path):
    """AU-08: removing the newest seals and entries (no orphan left behind) is caught by the pin."""
    key = Ed25519PrivateKey.generate()
    sleutelbestand(tmp_path, settings, key)
    personen(regio, 5)
    cp = services.controlepunt(key)
    assert cp["volgnummer"] == 5
    weg = list(Zegel.objects.filter(volgnummer__gte=4).values_list("regel_id", flat=True))
    sabotage("DELETE FROM audit_zegel WHERE volgnummer >= %s", [4])
    sabotage(f"DELETE FROM audit_auditregel WHERE id IN ({', '.join(['%s'] * len(weg))})", weg)
    verslag = services.verifieer()
    assert not verslag.ok
    assert verslag.gecontroleerd == 3
    assert verslag.eerste_breuk == policies.Break(5, cp["hash"], "ontbreekt (keten afgekapt)")


def test_au_08_a_rewritten_suffix_is_caught_by_the_checkpoint(regio, settings, tmp_path):
    """AU-03/AU-08: an attacker edits entry 2 and recomputes every later seal; the chain is then
    self-consistent, but the signed checkpoint at 4 no longer matches."""
    key = Ed25519PrivateKey.generate()
    sleutelbestand(tmp_path, settings, key)
    personen(regio, 4)
    cp = services.controlepunt(key)
    doelwit = Zegel.objects.get(volgnummer=2)
    sabotage("UPDATE audit_auditregel SET doel = %s WHERE id = %s", ["kwaliteit", doelwit.regel_id])
    previous = Zegel.objects.get(volgnummer=1).hash
    for zegel in Zegel.objects.filter(volgnummer__gte=2).order_by("volgnummer"):
        digest = policies.chain_hash(previous, AuditRegel.objects.get(id=zegel.regel_id).canonical())
        sabotage(
            "UPDATE audit_zegel SET vorige_hash = %s, hash = %s WHERE volgnummer = %s",
            [previous, digest, zegel.volgnummer],
        )
        previous = digest
    # the chain alone is fooled …
    checked, breuk = policies.verify(services._seals(1))
    assert (checked, breuk) == (4, None)
    # … the checkpoint is not
    verslag = services.verifieer()
    assert not verslag.ok
    assert verslag.eerste_breuk == policies.Break(4, cp["hash"], previous)


def test_au_03_retention_may_remove_a_prefix_only_up_to_a_signed_checkpoint(regio, settings, tmp_path):
    """AU-03: a chain whose first seals were removed verifies only when a checkpoint pins the last
    removed position; a prefix cut anywhere else is a break."""
    key = Ed25519PrivateKey.generate()
    sleutelbestand(tmp_path, settings, key)
    personen(regio, 3)
    cp = services.controlepunt(key)
    personen(regio, 2)
    services.verzegel_alles()

    def verwijder_tot(n):
        ids = list(Zegel.objects.filter(volgnummer__lte=n).values_list("regel_id", flat=True))
        sabotage("DELETE FROM audit_zegel WHERE volgnummer <= %s", [n])
        sabotage(f"DELETE FROM audit_auditregel WHERE id IN ({', '.join(['%s'] * len(ids))})", ids)

    with transaction.atomic():
        verwijder_tot(2)
        verslag = services.verifieer()
        assert not verslag.ok and verslag.eerste_breuk.volgnummer == 3
        transaction.set_rollback(True)

    verwijder_tot(cp["volgnummer"])
    verslag = services.verifieer()
    assert verslag.ok, verslag.as_dict()
    assert verslag.gecontroleerd == 3  # the checkpoint's own audit entry and the two later persons


# --- sanity: nothing above left the guard down ---------------------------------------------------


def test_au_03_append_only_guard_is_back_after_tampering_tests(regio):
    """The tampering tests undo their DDL with their transaction; the guard must still hold here."""
    persoon(regio)
    fout = _weigert("UPDATE audit_auditregel SET doel = %s", ["x"])
    assert fout is not None
    fout = _weigert("DELETE FROM audit_auditregel")
    assert fout is not None
