"""`zorgvuldig audit keygen`: the Ed25519 key pair that signs audit checkpoints (AU-08).

It runs on the signing machine, which is not the application server and has neither its settings nor its
database: so this module uses no Django at all, and the console script runs it before Django is set up
(`zorgvuldig.__main__`). The private key is created exclusively, mode 0600: an existing key file is never
overwritten unless the operator says `--force` (a lost signing key is not a disaster, a silently replaced
one whose public half never reached the server is). The public half is added to the public keys file, so
checkpoints signed with earlier keys stay verifiable.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import hashlib
import json
import os
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey


class KeygenFout(Exception):
    """Nothing was written; the message says why (Dutch, for the operator)."""


def sleutel_id(public: Ed25519PublicKey) -> str:
    """As `audit.services.sleutel_id` (the id under which `verify` looks the key up)."""
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def _schrijf_exclusief(pad: Path, data: bytes, mode: int) -> None:
    """Write a new file `pad` with `mode`; FileExistsError if it exists."""
    fd = os.open(pad, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def _vervang(pad: Path, data: bytes, mode: int) -> None:
    """Replace `pad` atomically (a temporary file in the same folder, then rename)."""
    tmp = pad.with_name(f".{pad.name}.tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    _schrijf_exclusief(tmp, data, mode)
    os.replace(tmp, pad)


def maak_sleutelpaar(privaat: Path, publiek: Path, *, force: bool = False) -> str:
    """Create the key pair; the key id. Raises KeygenFout before writing anything it cannot finish."""
    privaat, publiek = Path(privaat), Path(publiek)
    if privaat.exists() and not force:
        raise KeygenFout(
            f"{privaat} bestaat al; er is niets overschreven. Kies een ander pad, of gebruik --force "
            "als u deze sleutel echt wilt vervangen (controlepunten van de oude sleutel blijven "
            "controleerbaar zolang de publieke sleutel in het publieke-sleutelbestand staat)."
        )
    if privaat.exists() and privaat.is_dir():
        raise KeygenFout(f"{privaat} is een map.")
    sleutels: dict[str, str] = {}
    if publiek.exists():
        try:
            sleutels = json.loads(publiek.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise KeygenFout(f"{publiek} is geen leesbaar JSON-bestand: {exc.__class__.__name__}.") from exc
        if not isinstance(sleutels, dict):
            raise KeygenFout(f"{publiek} moet een JSON-object zijn ({{sleutel-id: publieke sleutel}}).")
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    privaat.parent.mkdir(parents=True, exist_ok=True)
    try:
        if force:
            _vervang(privaat, pem, 0o600)
        else:
            _schrijf_exclusief(privaat, pem, 0o600)
    except FileExistsError as exc:  # created by someone else since the check above
        raise KeygenFout(f"{privaat} bestaat al; er is niets overschreven.") from exc
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    kid = sleutel_id(key.public_key())
    sleutels[kid] = base64.b64encode(raw).decode()
    publiek.parent.mkdir(parents=True, exist_ok=True)
    _vervang(publiek, (json.dumps(sleutels, indent=2) + "\n").encode(), 0o644)
    return kid


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="zorgvuldig audit keygen",
        description=(
            "Maak een Ed25519-sleutelpaar voor controlepunten van het logboek (AU-08), op de "
            "ondertekenmachine. Heeft geen instellingen en geen database nodig."
        ),
    )
    p.add_argument("--private", required=True, help="Privésleutel (PEM, 0600); niet op de server.")
    p.add_argument(
        "--public-keys", required=True, help="JSON-bestand met publieke sleutels (aangemaakt of aangevuld)."
    )
    p.add_argument(
        "--force", action="store_true", help="Vervang een bestaande privésleutel (anders: weigeren)."
    )
    return p


def voer_uit(private: str, public_keys: str, force: bool, out=None, err=None) -> int:
    """Exit code 0 done, 1 refused or failed (nothing overwritten)."""
    out, err = out or sys.stdout, err or sys.stderr
    try:
        kid = maak_sleutelpaar(Path(private), Path(public_keys), force=force)
    except KeygenFout as exc:
        err.write(f"audit keygen: {exc}\n")
        return 1
    except OSError as exc:
        err.write(f"audit keygen: kan niet schrijven: {exc.__class__.__name__}: {exc.strerror}\n")
        return 1
    out.write(f"sleutel {kid}: privé {private} (0600), publiek toegevoegd aan {public_keys}\n")
    return 0


def main(argv: list[str]) -> int:
    """`argv`: the arguments after `audit keygen`."""
    opts = parser().parse_args(argv)
    return voer_uit(opts.private, opts.public_keys, opts.force)
