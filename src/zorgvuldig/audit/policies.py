"""Pure hash-chain rules of the audit log (AU-03, AU-08). No database.

An entry's canonical bytes are sorted-key compact JSON of its fields; its chain hash is
SHA-256(previous hash ‖ canonical bytes). Verification walks the seals in chain order.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

GENESIS = "0" * 64


def canonical(fields: dict) -> bytes:
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str).encode()


def chain_hash(previous: str, canonical_bytes: bytes) -> str:
    return hashlib.sha256(bytes.fromhex(previous) + canonical_bytes).hexdigest()


@dataclass(frozen=True)
class Seal:
    volgnummer: int
    vorige_hash: str
    hash: str
    entry: bytes | None  # canonical bytes of the sealed entry; None when the entry row is gone


@dataclass(frozen=True)
class Checkpoint:
    volgnummer: int
    hash: str


@dataclass(frozen=True)
class Break:
    volgnummer: int
    verwacht: str
    gevonden: str


def verify(
    seals: Iterable[Seal], checkpoints: Iterable[Checkpoint] = (), start_hash: str = GENESIS, start: int = 1
) -> tuple[int, Break | None]:
    """Check the chain; return (number checked, first break or None).

    `start`/`start_hash` allow a pruned prefix: the first seal must carry `start` and `start_hash`.
    Checkpoints pin the head at a position, so truncation and rewriting after a checkpoint are found.
    """
    pins = {c.volgnummer: c.hash for c in checkpoints}
    expected_no, previous, checked = start, start_hash, 0
    for seal in seals:
        if seal.volgnummer != expected_no:
            return checked, Break(expected_no, f"volgnummer {expected_no}", f"volgnummer {seal.volgnummer}")
        if seal.vorige_hash != previous:
            return checked, Break(seal.volgnummer, previous, seal.vorige_hash)
        if seal.entry is None:
            return checked, Break(seal.volgnummer, seal.hash, "regel ontbreekt")
        computed = chain_hash(previous, seal.entry)
        if computed != seal.hash:
            return checked, Break(seal.volgnummer, seal.hash, computed)
        pinned = pins.get(seal.volgnummer)
        if pinned is not None and pinned != seal.hash:
            return checked, Break(seal.volgnummer, pinned, seal.hash)
        previous, expected_no, checked = seal.hash, expected_no + 1, checked + 1
    beyond = [c for c in pins if c >= expected_no]
    if beyond:
        missing = min(beyond)
        return checked, Break(missing, pins[missing], "ontbreekt (keten afgekapt)")
    return checked, None


def checkpoint_message(volgnummer: int, aantal: int, hash_: str, tijdstip: str) -> bytes:
    """The exact bytes an Ed25519 checkpoint signature covers."""
    return canonical({"volgnummer": volgnummer, "aantal": aantal, "hash": hash_, "tijdstip": tijdstip})
