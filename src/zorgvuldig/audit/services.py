"""Writing, sealing and verifying the audit log (AU-01 … AU-09)."""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import json
import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import structlog
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.db import connection, models, transaction

from zorgvuldig.audit import policies
from zorgvuldig.audit.acties import ACTIES
from zorgvuldig.audit.models import AuditRegel, Controlepunt, Pseudoniem, Status, Wachtrij, Zegel
from zorgvuldig.core import invoegen
from zorgvuldig.core.clock import now
from zorgvuldig.core.context import current_trace
from zorgvuldig.core.errors import DomainError
from zorgvuldig.registers.services import activiteit as zoek_activiteit

log = structlog.get_logger(__name__)
SEQUENCER_LOCK = 0x5A56_4155  # pg advisory lock key: one sequencer at a time


# --- pseudonyms (AU-07) --------------------------------------------------------------------------


def subject_key(obj) -> str:
    """Stable key of a data subject; only the mapping table links it to a pseudonym."""
    return f"{obj._meta.model_name}:{obj.uuid}"


def pseudoniem(sleutel: str, nieuw: bool = False) -> str:
    """The subject's random pseudonym, made on first use. `nieuw`: the caller just created the subject,
    so the look-up is skipped (one statement instead of two on the write path)."""
    if not nieuw:
        found = Pseudoniem.objects.filter(sleutel=sleutel).values_list("pseudoniem", flat=True).first()
        if found:
            return found
    tabel = Pseudoniem._meta.db_table
    with connection.cursor() as cur:
        # ON CONFLICT: a concurrent first use of the same subject wins; we then read its pseudonym.
        cur.execute(
            f"INSERT INTO {tabel} (sleutel, pseudoniem) VALUES (%s, %s) ON CONFLICT (sleutel) DO NOTHING "
            "RETURNING pseudoniem",
            [sleutel, secrets.token_hex(16)],
        )
        row = cur.fetchone()
    if row is not None:
        return row[0]
    return Pseudoniem.objects.values_list("pseudoniem", flat=True).get(sleutel=sleutel)


def vergeet(sleutel: str) -> int:
    """Crypto-shredding: delete the mapping, the chain stays intact and the entries anonymous."""
    deleted, _ = Pseudoniem.objects.filter(sleutel=sleutel).delete()
    return deleted


# --- writing -------------------------------------------------------------------------------------


def _actor_fields(actor) -> dict:
    if getattr(actor, "is_portaal", False):
        # The client (or representative) through "Mijn gegevens": no staff user; the controller whose
        # record the act concerns, so its FG finds the entry (RI-17 lists it as the client's own act).
        org = actor.organisatie
        zelf = actor.namens.get("hoedanigheid", "zelf") == "zelf"
        return {
            "actor_gebruiker": "",
            "actor_functie": ("de betrokkene zelf" if zelf else "vertegenwoordiger") + " via Mijn gegevens",
            "actor_rol": "client",
            "actor_organisatie": "",
            "verwerkingsverantwoordelijke": str(org.verwerkingsverantwoordelijke.uuid) if org else "",
        }
    if actor.is_systeem:
        return {
            "actor_gebruiker": "",
            "actor_functie": "",
            "actor_rol": "systeem",
            "actor_organisatie": "",
            "verwerkingsverantwoordelijke": "",
        }
    org = actor.organisatie
    return {
        "actor_gebruiker": str(actor.gebruiker.uuid),
        "actor_functie": actor.gebruiker.functie,
        "actor_rol": ",".join(sorted(actor.rollen)),
        "actor_organisatie": str(org.uuid),
        "verwerkingsverantwoordelijke": str(org.verwerkingsverantwoordelijke.uuid),
    }


def _namens(actor) -> dict:
    namens = dict(actor.namens)
    if not actor.is_systeem:
        namens.setdefault("organisatie", str(actor.organisatie.uuid))
    return namens


def record(
    *,
    actor,
    actie: str,
    activiteit: str,
    object=None,
    betrokkenen: Iterable = (),
    velden: Iterable[str] = (),
    toegang=None,
    status: str = Status.UITGEVOERD,
    code: str = "",
    doel: str | None = None,
    grondslag: str | None = None,
    koppeling: dict | None = None,
    nieuwe_betrokkenen: Iterable = (),
    verwerkingsverantwoordelijke: str = "",
    samen_met=None,
) -> list[AuditRegel]:
    """Write one entry per data subject for an act, in the caller's transaction (AU-01, AU-02).

    `betrokkenen` are the subjects (model instances with a uuid, or subject keys); `nieuwe_betrokkenen`
    those the act itself created. A system act names the controller it concerns in
    `verwerkingsverantwoordelijke` (so that controller's FG sees it). Refusals use `weigering`, which
    commits on its own (AU-04). `samen_met`: an unsaved row the act writes last (e.g. its grant); it is
    inserted here, by the same statement as the entry on PostgreSQL (one round trip less).
    """
    if actie not in ACTIES:
        raise ValueError(f"unknown audit action {actie}")
    act_code, act_doel, act_grondslag = zoek_activiteit(activiteit)
    if status == Status.UITGEVOERD and not connection.in_atomic_block:
        raise RuntimeError("audit.record must run inside the act's transaction")
    trace_id, span_id = current_trace()
    sleutels = [b if isinstance(b, str) else subject_key(b) for b in betrokkenen]
    nieuw = {subject_key(b) for b in nieuwe_betrokkenen}
    # A subject the act itself created gets its pseudonym here; on PostgreSQL the mapping row is then
    # written in the entry's own statement (one round trip less on the write path).
    mee: dict[str, str] = {}
    pseudoniemen = []
    for sleutel in sleutels:
        if sleutel in nieuw and connection.vendor == "postgresql":
            mee[sleutel] = secrets.token_hex(16)
            pseudoniemen.append(mee[sleutel])
        else:
            pseudoniemen.append(pseudoniem(sleutel, nieuw=sleutel in nieuw))
    pseudoniemen = pseudoniemen or [""]
    common = {
        "tijdstip": now(),
        "trace_id": trace_id,
        "span_id": span_id,
        "verwerkingsactiviteit": act_code,
        "status": status,
        "code": code,
        "namens": _namens(actor),
        "actie": actie,
        "object_type": f"{object._meta.app_label}.{object._meta.model_name}" if object is not None else "",
        "object_uuid": str(object.uuid) if object is not None else "",
        "velden": sorted(set(velden)),
        "toegang": str(toegang.uuid) if toegang is not None else "",
        "doel": doel or act_doel,
        "grondslag": grondslag or act_grondslag,
        "koppeling": koppeling or {},
        "kanaal": actor.kanaal,
        **_actor_fields(actor),
    }
    if actor.is_systeem and verwerkingsverantwoordelijke:
        common["verwerkingsverantwoordelijke"] = verwerkingsverantwoordelijke
    rows = [AuditRegel(betrokkene=p, **common) for p in pseudoniemen]
    _insert(rows, {p: k for k, p in mee.items()}, samen_met)
    return rows


def _delen(row: AuditRegel, nieuwe_mapping: dict[str, str]) -> list[invoegen.Deel]:
    """The statement(s) for one entry: the compiled INSERT of `core.invoegen` (no per-call ORM
    compilation), after the subject's new pseudonym mapping (PostgreSQL only, then a CTE of the same
    statement). A database trigger queues each entry for the sequencer in the same statement (ADR 0004)."""
    sql, fields = invoegen.insert_sql(AuditRegel, connection.alias)
    delen = []
    if row.betrokkene in nieuwe_mapping:
        delen.append(
            (
                f"INSERT INTO {Pseudoniem._meta.db_table} (sleutel, pseudoniem) VALUES (%s, %s)",
                [nieuwe_mapping[row.betrokkene], row.betrokkene],
            )
        )
    delen.append((sql, invoegen.waarden(row, fields, connection)))
    return delen


def _insert(rows: list[AuditRegel], nieuwe_mapping: dict[str, str], samen_met) -> None:
    """The hot path of every act. `samen_met` (an unsaved row of the act) and the single entry are
    written by one statement on PostgreSQL (`core.invoegen`)."""
    if samen_met is not None and len(rows) == 1:
        rows[0].id = invoegen.voeg_in_met(samen_met, _delen(rows[0], nieuwe_mapping))
        rows[0]._state.adding = False
        return
    if samen_met is not None:
        invoegen.voeg_in(samen_met)
    for row in rows:
        row.id = invoegen.voer_uit(_delen(row, nieuwe_mapping), connection.alias)
        row._state.adding = False


def weigering(
    *,
    actor,
    actie: str,
    activiteit: str,
    fout: DomainError,
    object=None,
    betrokkenen=(),
    verwerkingsverantwoordelijke: str = "",
) -> None:
    """Log a refused attempt like a success, committed on its own while the act rolled back (AU-04).
    `verwerkingsverantwoordelijke`: as in `record`, for an attempt without an acting user.

    The entry names what was attempted (AU-02): the record given, else the existing record the request's
    path names — also one the actor may not see, the log is for its readers, the answer stays 404 — and
    that record's data subjects (`audit.onderwerpen`). A made-up uuid names nothing."""
    from zorgvuldig.audit import onderwerpen
    from zorgvuldig.core.context import huidig_pad

    try:
        zoek_activiteit(activiteit)
    except DomainError:
        activiteit = "verantwoording-toezicht"  # the refusal itself may be the missing purpose (GP-02)
    object, betrokkenen = onderwerpen.onderwerp(huidig_pad(), object, betrokkenen)
    with transaction.atomic():
        record(
            actor=actor,
            actie=actie,
            activiteit=activiteit,
            object=object,
            betrokkenen=betrokkenen,
            status=Status.GEWEIGERD,
            code=fout.code,
            verwerkingsverantwoordelijke=verwerkingsverantwoordelijke,
        )


def geweigerd_gelogd(actie: str, activiteit: str):
    """Decorator for services: a DomainError raised inside is audited after the act rolled back.

    The error may carry `audit_object` and `audit_betrokkenen` to name what was attempted; without them
    `weigering` names the record the request's path points at, visible to the actor or not (AU-02, AU-04).
    """

    if actie not in ACTIES:  # fail at import, not at the first refusal
        raise ValueError(f"unknown audit action {actie}")

    def wrap(fn):
        @functools.wraps(fn)
        def inner(*args, actor, **kwargs):
            try:
                return fn(*args, actor=actor, **kwargs)
            except DomainError as fout:
                if getattr(fout, "gelogd", False):
                    raise  # a nested service already logged this refusal (AU-04: once per attempt)
                weigering(
                    actor=actor,
                    actie=actie,
                    activiteit=activiteit,
                    fout=fout,
                    object=getattr(fout, "audit_object", None),
                    betrokkenen=getattr(fout, "audit_betrokkenen", ()),
                )
                fout.gelogd = True  # type: ignore[attr-defined]  # the API layer must not log it again
                raise

        return inner

    return wrap


# --- sealing (AU-03) -----------------------------------------------------------------------------


def _sequencer_lock() -> None:
    """One sequencer at a time (PostgreSQL advisory lock; SQLite's BEGIN IMMEDIATE already serialises)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [SEQUENCER_LOCK])


def verzegel(batch: int = 5000) -> int:
    """Seal queued entries into the chain. Safe to run concurrently: one sequencer holds the lock.

    Entries are taken from the queue, never as "id > last sealed", so an entry whose transaction
    commits late is sealed in a later round instead of skipped.
    """
    with transaction.atomic():
        _sequencer_lock()
        ids = list(Wachtrij.objects.order_by("regel_id").values_list("regel_id", flat=True)[:batch])
        if not ids:
            return 0
        head = Zegel.objects.order_by("-volgnummer").values_list("volgnummer", "hash").first()
        volgnummer, previous = head if head else (0, policies.GENESIS)
        seals = []
        for regel in AuditRegel.objects.filter(id__in=ids).order_by("id"):
            volgnummer += 1
            digest = policies.chain_hash(previous, regel.canonical())
            seals.append(Zegel(volgnummer=volgnummer, regel_id=regel.id, vorige_hash=previous, hash=digest))
            previous = digest
        Zegel.objects.bulk_create(seals)
        Wachtrij.objects.filter(regel_id__in=ids).delete()
        return len(seals)


def verzegel_alles(batch: int = 5000) -> int:
    total = 0
    while sealed := verzegel(batch):
        total += sealed
    return total


# --- checkpoints (AU-08) -------------------------------------------------------------------------


def sleutel_id(public: Ed25519PublicKey) -> str:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def laad_privesleutel(path: str | Path) -> Ed25519PrivateKey:
    data = Path(path).read_bytes()
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except ValueError:
        key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(data.strip()))
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("the signing key must be Ed25519")
    return key


class PubliekeSleutelsOntbreken(Exception):
    """Checkpoints cannot be checked because the public keys file is not set, not found or unreadable: an
    error in the configuration, not a break in the chain (`audit verify` exit 2, not 3)."""


def publieke_sleutels() -> dict[str, Ed25519PublicKey]:
    """The public keys file (ZORGVULDIG_AUDIT_PUBLIC_KEYS_FILE); PubliekeSleutelsOntbreken if unusable."""
    if not settings.AUDIT_PUBLIC_KEYS_FILE:
        raise PubliekeSleutelsOntbreken(
            "bestand met publieke sleutels niet ingesteld (ZORGVULDIG_AUDIT_PUBLIC_KEYS_FILE)"
        )
    path = Path(settings.AUDIT_PUBLIC_KEYS_FILE)
    try:
        tekst = path.read_text()
    except FileNotFoundError as exc:
        raise PubliekeSleutelsOntbreken(
            f"bestand met publieke sleutels niet gevonden: {path} (ZORGVULDIG_AUDIT_PUBLIC_KEYS_FILE)"
        ) from exc
    except OSError as exc:
        raise PubliekeSleutelsOntbreken(
            f"bestand met publieke sleutels niet leesbaar: {path} ({exc.strerror})"
        ) from exc
    try:
        return {
            kid: Ed25519PublicKey.from_public_bytes(base64.b64decode(b64))
            for kid, b64 in json.loads(tekst).items()
        }
    except (ValueError, TypeError, AttributeError) as exc:
        raise PubliekeSleutelsOntbreken(
            f"bestand met publieke sleutels ongeldig: {path} (verwacht JSON {{sleutel-id: base64 publieke "
            "sleutel}})"
        ) from exc


def controlepunt(private_key: Ed25519PrivateKey) -> dict:
    """Sign the current head (count, hash, time); register a copy; return what to store off-server."""
    verzegel_alles()
    with transaction.atomic():
        _sequencer_lock()  # head and count from one consistent moment
        head = Zegel.objects.order_by("-volgnummer").first()
        if head is None:
            raise DomainError("E_STATE_CONFLICT", "Er zijn nog geen verzegelde auditregels.")
        aantal = Zegel.objects.count()
    tijdstip = now().astimezone(dt.UTC).isoformat()
    message = policies.checkpoint_message(head.volgnummer, aantal, head.hash, tijdstip)
    signature = base64.b64encode(private_key.sign(message)).decode()
    cp: dict = {
        "volgnummer": head.volgnummer,
        "aantal": aantal,
        "hash": head.hash,
        "tijdstip": tijdstip,
        "handtekening": signature,
        "sleutelId": sleutel_id(private_key.public_key()),
    }
    with transaction.atomic():
        from zorgvuldig.core.context import Actor

        record(
            actor=Actor.systeem(),
            actie="audit.controlepunt",
            activiteit="verantwoording-toezicht",
            velden=["controlepunt"],
            koppeling={"volgnummer": cp["volgnummer"], "sleutelId": cp["sleutelId"]},
        )
        Controlepunt.objects.create(
            volgnummer=cp["volgnummer"],
            aantal=aantal,
            hash=cp["hash"],
            tijdstip=tijdstip,
            handtekening=signature,
            sleutel_id=cp["sleutelId"],
        )
    return cp


def controlepunt_geldig(cp: dict, keys: dict[str, Ed25519PublicKey]) -> bool:
    key = keys.get(cp["sleutelId"])
    if key is None:
        return False
    message = policies.checkpoint_message(cp["volgnummer"], cp["aantal"], cp["hash"], cp["tijdstip"])
    try:
        key.verify(base64.b64decode(cp["handtekening"]), message)
    except (InvalidSignature, ValueError):
        return False
    return True


# --- verification (AU-03) ------------------------------------------------------------------------


@dataclass
class Verslag:
    ok: bool
    gecontroleerd: int
    controlepunten: int
    eerste_breuk: policies.Break | None
    onverzegeld: int = 0

    def as_dict(self) -> dict:
        breuk = None
        if self.eerste_breuk:
            breuk = {
                "volgnummer": self.eerste_breuk.volgnummer,
                "verwacht": self.eerste_breuk.verwacht,
                "gevonden": self.eerste_breuk.gevonden,
            }
        return {
            "ok": self.ok,
            "gecontroleerd": self.gecontroleerd,
            "controlepunten": self.controlepunten,
            "eersteBreuk": breuk,
            "onverzegeld": self.onverzegeld,
        }


def _seals(vanaf: int) -> Iterator[policies.Seal]:
    """Seals in chain order with their entries' canonical bytes.

    The hot loop of `verify`: one plain query over seals LEFT JOIN entries, streamed (a server-side
    cursor on PostgreSQL), values turned into the same canonical form `AuditRegel.canonical()` gives,
    without building model instances (ADR 0004; benchmarks/audit_verify.py).
    """
    namen = ["id", *AuditRegel.CHAIN_FIELDS]
    velden = {f.name: f for f in AuditRegel._meta.concrete_fields}

    def kolom(naam: str) -> str:
        sql = f"r.{connection.ops.quote_name(str(velden[naam].column))}"
        # SQLite: read the time as stored text; the driver's datetime parsing costs more than the hashing
        return f"CAST({sql} AS TEXT)" if naam == "tijdstip" and connection.vendor == "sqlite" else sql

    kolommen = ", ".join(kolom(n) for n in namen)
    sql = (
        f"SELECT z.volgnummer, z.vorige_hash, z.hash, {kolommen} FROM {Zegel._meta.db_table} z "
        f"LEFT JOIN {AuditRegel._meta.db_table} r ON r.id = z.regel_id "
        "WHERE z.volgnummer >= %s ORDER BY z.volgnummer"
    )
    json_idx = [i for i, n in enumerate(namen) if isinstance(velden[n], models.JSONField)]
    uuid_idx, tijd_idx = namen.index("uuid"), namen.index("tijdstip")
    postgres = connection.vendor == "postgresql"
    with transaction.atomic():
        connection.ensure_connection()
        if postgres:
            cur = connection.connection.cursor(name="zorgvuldig_audit_verify")
            cur.itersize = 10_000
        else:
            cur = connection.cursor()  # Django's wrapper turns %s into SQLite's placeholders
        try:
            cur.execute(sql, [vanaf])
            while rows := cur.fetchmany(10_000):
                for volgnummer, vorige, digest, *waarden in rows:
                    if waarden[uuid_idx] is None:  # the entry row is gone
                        yield policies.Seal(volgnummer, vorige, digest, None)
                        continue
                    for i in json_idx:
                        if isinstance(waarden[i], str | bytes):
                            waarden[i] = _LEEG[waarden[i]] if waarden[i] in _LEEG else json.loads(waarden[i])
                    waarden[uuid_idx] = _uuid_tekst(waarden[uuid_idx])
                    waarden[tijd_idx] = _tijd_tekst(waarden[tijd_idx])
                    entry = policies.canonical(dict(zip(namen, waarden, strict=True)))
                    yield policies.Seal(volgnummer, vorige, digest, entry)
        finally:
            cur.close()


# Most `koppeling` values: skip the parser. Read-only use: the shared objects are never mutated.
_LEEG: dict[str, dict | list] = {"{}": {}, "[]": []}


def _uuid_tekst(value) -> str:
    """SQLite stores uuids as 32 hex digits, PostgreSQL returns a UUID: both become the dashed form."""
    if isinstance(value, str) and len(value) == 32:
        return f"{value[:8]}-{value[8:12]}-{value[12:16]}-{value[16:20]}-{value[20:]}"
    return str(value)


def _tijd_tekst(value) -> str:
    """The UTC isoformat `AuditRegel.chain_fields` uses. SQLite gives text or a naive datetime, both UTC
    (Django stores UTC there); PostgreSQL an aware datetime."""
    if isinstance(value, str):
        return value.replace(" ", "T") + "+00:00"
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC).isoformat()
    return value.astimezone(dt.UTC).isoformat()


def verifieer(vanaf: int = 1, extra_controlepunten: Iterable[dict] = ()) -> Verslag:
    """Recompute the chain from `vanaf` and check it against every signed checkpoint.

    PubliekeSleutelsOntbreken when there are checkpoints but no usable public keys file to check them
    with: that says nothing about the chain, so it is not reported as a break."""
    cps = [
        {
            "volgnummer": c.volgnummer,
            "aantal": c.aantal,
            "hash": c.hash,
            "tijdstip": c.tijdstip,
            "handtekening": c.handtekening,
            "sleutelId": c.sleutel_id,
        }
        for c in Controlepunt.objects.all()
    ] + list(extra_controlepunten)
    keys = publieke_sleutels() if cps else {}
    for cp in cps:
        if cp.get("sleutelId") not in keys:
            onbekend = policies.Break(
                cp["volgnummer"],
                "geldige handtekening",
                f"ondertekend met sleutel {cp.get('sleutelId')}, die niet in het bestand met publieke "
                "sleutels staat",
            )
            return Verslag(False, 0, len(cps), onbekend)
        if not controlepunt_geldig(cp, keys):
            ongeldig = policies.Break(cp["volgnummer"], "geldige handtekening", "ongeldige handtekening")
            return Verslag(False, 0, len(cps), ongeldig)
    pins = [policies.Checkpoint(c["volgnummer"], c["hash"]) for c in cps]
    first = Zegel.objects.filter(volgnummer__gte=vanaf).order_by("volgnummer").first()
    if first is None:
        start, start_hash = vanaf, policies.GENESIS
    elif vanaf > 1:
        start, start_hash = vanaf, first.vorige_hash  # a partial check trusts the stored link at N
    elif first.volgnummer == 1:
        start, start_hash = 1, policies.GENESIS
    else:  # a prefix removed by retention must end at a signed checkpoint (AU-03)
        start, start_hash = first.volgnummer, _pinned_start(pins, first.volgnummer)
    checked, breuk = policies.verify(_seals(vanaf), pins, start_hash=start_hash, start=start)
    if breuk is None:
        breuk = _unsealed_break()
    onverzegeld = Wachtrij.objects.count()
    return Verslag(breuk is None, checked, len(cps), breuk, onverzegeld)


def _pinned_start(pins: list[policies.Checkpoint], first: int) -> str:
    for pin in pins:
        if pin.volgnummer == first - 1:
            return pin.hash
    return "geen controlepunt voor het weggehaalde begin"


def _unsealed_break() -> policies.Break | None:
    """Entries neither sealed nor queued were taken out of the chain; old queued ones are stuck."""
    orphan = (
        AuditRegel.objects.filter(zegel__isnull=True)
        .exclude(id__in=Wachtrij.objects.values("regel_id"))
        .order_by("id")
        .first()
    )
    if orphan is not None:
        return policies.Break(
            0, "verzegeld of in de wachtrij", f"regel {orphan.uuid} is geen deel van de keten"
        )
    grens = now() - dt.timedelta(seconds=settings.AUDIT_UNSEALED_GRACE_SECONDS)
    stuck = AuditRegel.objects.filter(id__in=Wachtrij.objects.values("regel_id"), tijdstip__lt=grens).first()
    if stuck is not None:
        return policies.Break(0, "verzegeld binnen de termijn", f"regel {stuck.uuid} wacht te lang")
    return None
