"""Envelope encryption and the BSN blind index (DESIGN §1 crypto, §4 Keys; ADR 0005).

* A key-encryption key (KEK) lives in a file outside the database and the repository.
* Each controller has data keys (versioned) stored wrapped by the KEK in `core.Datasleutel`.
* Field values are AES-256-GCM encrypted with associated data (table, column, row uuid, key version),
  so a ciphertext copied to another row or column no longer decrypts.
* The BSN blind index is HMAC-SHA256 with a versioned key from a second file.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import os
import secrets
import threading
import time
from pathlib import Path
from stat import S_IMODE

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PREFIX = "zv1"
_lock = threading.Lock()
_kek_cache: dict[str, bytes] = {}
_data_key_cache: dict[tuple[int, int], bytes] = {}
_active_cache: dict[int, tuple[int, float]] = {}


class CryptoError(Exception):
    """Decryption failed: wrong key, or a ciphertext moved to another row/column."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _generated_in_dev(path: Path, content: str) -> None:
    """Demo and test mode create missing key files; production never does."""
    if settings.PRODUCTION:
        raise ImproperlyConfigured(f"key file {path} is missing")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(content)


def kek() -> bytes:
    path_s = settings.KEK_FILE
    if not path_s:
        raise ImproperlyConfigured("ZORGVULDIG_KEK_FILE is not set")
    with _lock:
        if path_s not in _kek_cache:
            path = Path(path_s)
            if not path.exists():
                with contextlib.suppress(FileExistsError):  # another process made it first
                    _generated_in_dev(path, _b64(AESGCM.generate_key(bit_length=256)) + "\n")
            _kek_cache[path_s] = lees_kek(path)
        return _kek_cache[path_s]


def _lees(path: Path) -> str:
    try:
        return path.read_text()
    except FileNotFoundError as exc:
        raise ImproperlyConfigured(f"key file {path} is missing") from exc
    except OSError as exc:
        raise ImproperlyConfigured(f"key file {path} is not readable: {exc.strerror}") from exc


def lees_kek(path: Path) -> bytes:
    """The KEK from its file; ImproperlyConfigured (naming the file) if it is missing, unreadable or not
    base64 of 32 bytes. Also the start-up check's reader (core.startcontrole)."""
    try:
        key = _unb64(_lees(path).strip())
    except ValueError as exc:
        raise ImproperlyConfigured(f"key file {path} does not hold a base64 key") from exc
    if len(key) != 32:
        raise ImproperlyConfigured(f"key file {path}: the KEK must be 32 bytes (base64)")
    return key


def wrap_data_key(controller_uuid: str, version: int, data_key: bytes) -> str:
    nonce = secrets.token_bytes(12)
    aad = f"datasleutel|{controller_uuid}|{version}".encode()
    return _b64(nonce + AESGCM(kek()).encrypt(nonce, data_key, aad))


def unwrap_data_key(controller_uuid: str, version: int, wrapped: str) -> bytes:
    # A missing or unreadable key file is a configuration error, not a wrong key: kek() raises
    # ImproperlyConfigured naming the file, outside the try, so it is not reported as a KEK mismatch.
    sleutel = kek()
    aad = f"datasleutel|{controller_uuid}|{version}".encode()
    try:
        raw = _unb64(wrapped)
        return AESGCM(sleutel).decrypt(raw[:12], raw[12:], aad)
    except (InvalidTag, ValueError) as exc:
        raise CryptoError("data key does not unwrap with this KEK") from exc


ACTIVE_TTL = 60.0  # seconds a process keeps encrypting under the active version it last saw


def _data_key(controller_id: int, version: int | None = None) -> tuple[int, bytes]:
    """The requested key version, or the controller's active one (looked up at most once a minute;
    after a rotation `keys rotate --resume` re-encrypts what was written meanwhile)."""
    from zorgvuldig.core.models import Datasleutel

    if version is None:
        seen = _active_cache.get(controller_id)
        if seen is not None and time.monotonic() - seen[1] < ACTIVE_TTL:
            version = seen[0]
    if version is not None and (controller_id, version) in _data_key_cache:
        return version, _data_key_cache[(controller_id, version)]
    row = Datasleutel.voor(controller_id, version)
    key = unwrap_data_key(str(row.verwerkingsverantwoordelijke.uuid), row.versie, row.gewrapt)
    _data_key_cache[(controller_id, row.versie)] = key
    if version is None:
        _active_cache[controller_id] = (row.versie, time.monotonic())
    return row.versie, key


def _aad(table: str, column: str, row_uuid: str, version: int) -> bytes:
    return f"{table}|{column}|{row_uuid}|{version}".encode()


def encrypt(controller_id: int, table: str, column: str, row_uuid, plaintext: str) -> str:
    version, key = _data_key(controller_id)
    nonce = secrets.token_bytes(12)
    ct = AESGCM(key).encrypt(nonce, plaintext.encode("utf-8"), _aad(table, column, str(row_uuid), version))
    return f"{PREFIX}:{version}:{_b64(nonce + ct)}"


def key_version_of(ciphertext: str) -> int:
    prefix, version, _ = ciphertext.split(":", 2)
    if prefix != PREFIX:
        raise CryptoError("unknown ciphertext format")
    return int(version)


def decrypt(controller_id: int, table: str, column: str, row_uuid, ciphertext: str) -> str:
    try:
        prefix, version_s, body = ciphertext.split(":", 2)
        if prefix != PREFIX:
            raise ValueError(prefix)
        version = int(version_s)
        raw = _unb64(body)
    except ValueError as exc:
        raise CryptoError("unknown ciphertext format") from exc
    _, key = _data_key(controller_id, version)
    try:
        return AESGCM(key).decrypt(raw[:12], raw[12:], _aad(table, column, str(row_uuid), version)).decode()
    except Exception as exc:
        raise CryptoError("ciphertext does not belong to this row and column") from exc


def versleutel(obj, kolom: str, waarde) -> str:
    """Encrypt a row's field (text, or a dict/list as JSON) bound to its table, column and uuid."""
    tekst = waarde if isinstance(waarde, str) else json.dumps(waarde, ensure_ascii=False, default=str)
    return encrypt(obj.verwerkingsverantwoordelijke_id, obj._meta.db_table, kolom, obj.uuid, tekst)


def ontsleutel(obj, kolom: str, als_json: bool = True):
    """Decrypt `obj.<kolom>_versleuteld` (empty → None)."""
    tekst = getattr(obj, f"{kolom}_versleuteld")
    if not tekst:
        return None
    klaar = decrypt(obj.verwerkingsverantwoordelijke_id, obj._meta.db_table, kolom, obj.uuid, tekst)
    return json.loads(klaar) if als_json else klaar


# --- BSN blind index -------------------------------------------------------------------------------


# Parsed key file per (path, mtime, size): the match look-up computes a blind index on every call, and
# a `keys rotate --blind-index` in another process changes the file, which the stat notices.
_blind_cache: dict[tuple, dict[int, bytes]] = {}


def _blind_keys() -> dict[int, bytes]:
    path_s = settings.BLIND_INDEX_KEY_FILE
    if not path_s:
        raise ImproperlyConfigured("ZORGVULDIG_BLIND_INDEX_KEY_FILE is not set")
    path = Path(path_s)
    try:
        stat = os.stat(path_s)  # one system call on every blind index (the write and match paths)
    except FileNotFoundError:
        with contextlib.suppress(FileExistsError):
            _generated_in_dev(path, json.dumps({"1": _b64(secrets.token_bytes(32))}))
        stat = os.stat(path_s)
    sleutel = (path_s, stat.st_mtime_ns, stat.st_size)
    if (keys := _blind_cache.get(sleutel)) is not None:
        return keys
    keys = lees_blind_keys(path)
    _blind_cache.clear()
    _blind_cache[sleutel] = keys
    return keys


def lees_blind_keys(path: Path) -> dict[int, bytes]:
    """The versioned keys; ImproperlyConfigured (naming the file) if unreadable or malformed."""
    try:
        data = json.loads(_lees(path))
        keys = {int(v): _unb64(k) for v, k in data.items()}
    except (ValueError, TypeError, AttributeError) as exc:
        raise ImproperlyConfigured(
            f"key file {path} does not hold the blind-index keys as JSON {{version: base64 key}}"
        ) from exc
    if not keys or any(len(k) < 32 for k in keys.values()):
        raise ImproperlyConfigured(f"key file {path}: blind-index keys must be at least 32 bytes")
    return keys


def blind_index_version() -> int:
    return max(_blind_keys())


def blind_index(bsn: str, version: int | None = None) -> str:
    """`<version>:<hex>`; the same BSN gives the same value per key version."""
    keys = _blind_keys()
    version = version or max(keys)
    digest = hmac.new(keys[version], bsn.strip().encode("ascii"), hashlib.sha256).hexdigest()
    return f"{version}:{digest}"


def blind_index_candidates(bsn: str) -> list[str]:
    """All values the BSN may be stored under while a key rotation is under way."""
    return [blind_index(bsn, v) for v in sorted(_blind_keys(), reverse=True)]


def add_blind_index_version() -> int:
    """Append a new random key version to the blind-index key file (the operator escrows it).

    The file is replaced through a `.tmp` file in the same folder, which gets the original's mode
    (never world-accessible) and, when root runs the rotation, the original's owner and group: else a
    root-run rotation would leave a file only root can read, and every BSN search of the service would
    fail. Run by anyone else, the new file belongs to whoever ran it: run it as the service user
    (docs/operators.md, "Keys")."""
    path = Path(settings.BLIND_INDEX_KEY_FILE)
    keys = _blind_keys()
    new = max(keys) + 1
    data = {str(v): _b64(k) for v, k in keys.items()}
    data[str(new)] = _b64(secrets.token_bytes(32))
    oud = os.stat(path)
    tmp = path.with_suffix(".tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()  # left by an interrupted run (perhaps of another user)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w") as fh:
            if os.geteuid() == 0:
                os.fchown(fh.fileno(), oud.st_uid, oud.st_gid)
            os.fchmod(fh.fileno(), S_IMODE(oud.st_mode) & 0o770 or 0o600)
            fh.write(json.dumps(data))
            fh.flush()
            os.fsync(fh.fileno())
        tmp.replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    return new


def vergeet_actieve_versie(controller_id: int) -> None:
    """After a new data key was made in this process, use it at once."""
    _active_cache.pop(controller_id, None)


def clear_caches() -> None:
    _blind_cache.clear()
    with _lock:
        _kek_cache.clear()
        _data_key_cache.clear()
        _active_cache.clear()
