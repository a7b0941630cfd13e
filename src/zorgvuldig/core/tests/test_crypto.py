"""Envelope encryption bound to rows, versioned blind index, key rotation (ADR 0005)."""

from __future__ import annotations

import base64
import json
import os
import stat
from pathlib import Path

import pytest
from django.core.management import call_command

from zorgvuldig.conftest import BSN_ANDER, BSN_SAM, als_systeem
from zorgvuldig.core import crypto
from zorgvuldig.personen import selectors
from zorgvuldig.personen.models import Persoon
from zorgvuldig.personen.services import registreer_persoon

pytestmark = pytest.mark.django_db


def _persoon(regio, bsn):
    return registreer_persoon(
        actor=regio.actor(regio.medewerker), data={"geslachtsnaam": "Jansen", "bsn": bsn}
    )


def test_ciphertext_moved_to_another_row_does_not_decrypt(regio):
    """AES-GCM associated data binds the BSN to its row: swapping ciphertexts between rows fails."""
    a, b = _persoon(regio, BSN_SAM), _persoon(regio, BSN_ANDER)
    assert selectors.bsn(a) == BSN_SAM
    a.bsn_versleuteld = b.bsn_versleuteld
    with pytest.raises(crypto.CryptoError):
        selectors.bsn(a)
    with pytest.raises(crypto.CryptoError):
        crypto.decrypt(
            a.verwerkingsverantwoordelijke_id, "personen_persoon", "naam", b.uuid, b.bsn_versleuteld
        )


def test_same_bsn_encrypts_differently_but_indexes_the_same(regio):
    a = _persoon(regio, BSN_SAM)
    b = _persoon(regio, BSN_SAM)
    assert a.bsn_versleuteld != b.bsn_versleuteld
    assert a.bsn_index == b.bsn_index and a.bsn_index.startswith("1:")


def test_keys_rotate_controller_reencrypts_everything(regio):
    """`zorgvuldig keys rotate --controller` re-encrypts every field under the new data key."""
    a, b = _persoon(regio, BSN_SAM), _persoon(regio, BSN_ANDER)
    call_command("keys", "rotate", "--controller", regio.gemeente.code)
    for p, bsn in ((a, BSN_SAM), (b, BSN_ANDER)):
        p.refresh_from_db()
        assert crypto.key_version_of(p.bsn_versleuteld) == 2
        assert selectors.bsn(p) == bsn
    # resuming when nothing is left is a no-op that keeps the active key
    call_command("keys", "rotate", "--controller", regio.gemeente.code, "--resume")
    a.refresh_from_db()
    assert crypto.key_version_of(a.bsn_versleuteld) == 2


def test_keys_rotate_reencrypts_every_encrypted_column_of_the_controller(regio):
    """ADR 0005: rotation covers every encrypted field — case-file notes, consents, sharing decisions,
    requests, VI signals and their justification, retention reasons — not only the BSN; each value still
    decrypts under its own row and column afterwards."""
    from zorgvuldig.core.sleutels import versleutelde_velden
    from zorgvuldig.dossiers.tests.hulp import Casus
    from zorgvuldig.rechten.tests.voorbeelden import verzoek
    from zorgvuldig.verwijsindex.tests.hulp import Scenario

    Scenario(regio)
    Casus(regio)
    verzoek(regio, persoon=_persoon(regio, BSN_SAM))

    def waarden():
        als_systeem()
        uit = {}
        for model, veld, tabel, kolom in versleutelde_velden():
            for rij in model.objects.exclude(**{veld: ""}):
                vv = (
                    getattr(rij, "verwerkingsverantwoordelijke_id", None)
                    or rij.organisatie.verwerkingsverantwoordelijke_id
                )
                if vv == regio.gemeente.pk:
                    uit[(tabel, kolom, str(rij.uuid))] = (vv, getattr(rij, veld))
        return uit

    voor = waarden()
    tabellen = {t for t, _, _ in voor}
    # the scenario writes encrypted content in several modules, not only the BSN
    assert {"personen_persoon", "dossiers_notitie", "rechten_verzoek"} <= tabellen, tabellen
    call_command("keys", "rotate", "--controller", regio.gemeente.code)
    na = waarden()
    assert na.keys() == voor.keys()
    for (tabel, kolom, uuid), (vv, tekst) in na.items():
        assert crypto.key_version_of(tekst) == 2, (tabel, kolom)
        assert crypto.decrypt(vv, tabel, kolom, uuid, tekst) == crypto.decrypt(
            vv, tabel, kolom, uuid, voor[(tabel, kolom, uuid)][1]
        )


def test_keys_rotate_blind_index_keeps_search_working(regio, api, settings, tmp_path):
    # its own copy of the key file: the test workers share one, and another test expects version 1
    eigen = tmp_path / "blind-index.json"
    eigen.write_text(Path(settings.BLIND_INDEX_KEY_FILE).read_text())
    eigen.chmod(0o600)
    settings.BLIND_INDEX_KEY_FILE = str(eigen)
    crypto.clear_caches()
    try:
        _persoon(regio, BSN_SAM)
        call_command("keys", "rotate", "--blind-index")
        als_systeem()
        row = Persoon.objects.get()
        assert row.bsn_index.startswith(f"{crypto.blind_index_version()}:")
        r = api(regio.medewerker).post("/api/v1/personen/_zoek", {"bsn": BSN_SAM}, format="json")
        assert r.json()["count"] == 1
    finally:
        crypto.clear_caches()


def _sleutelbestand(settings, tmp_path, mode: int):
    pad = tmp_path / "keys" / "blind-index.json"
    pad.parent.mkdir()
    pad.write_text(json.dumps({"1": base64.b64encode(b"k" * 32).decode()}))
    pad.chmod(mode)
    settings.BLIND_INDEX_KEY_FILE = str(pad)
    return pad


def test_blind_index_rotation_by_root_keeps_the_key_files_owner_and_mode(settings, tmp_path, monkeypatch):
    """ADR 0005: `keys rotate --blind-index` run as root must leave a file the service user can still
    read — the original's owner, group and mode — or every BSN registration and search fails."""
    pad = _sleutelbestand(settings, tmp_path, 0o640)
    oud = pad.stat()
    eigenaar = []
    monkeypatch.setattr(crypto.os, "geteuid", lambda: 0)
    monkeypatch.setattr(
        crypto.os, "fchown", lambda fd, uid, gid: eigenaar.append((os.fstat(fd).st_ino, uid, gid))
    )
    assert crypto.add_blind_index_version() == 2
    nieuw = pad.stat()
    assert eigenaar == [(nieuw.st_ino, oud.st_uid, oud.st_gid)]  # the new file got the old owner
    assert stat.S_IMODE(nieuw.st_mode) == 0o640
    assert sorted(json.loads(pad.read_text())) == ["1", "2"]
    assert [p.name for p in pad.parent.iterdir()] == ["blind-index.json"]  # no .tmp left behind


def test_blind_index_rotation_never_leaves_the_key_file_world_readable(settings, tmp_path, monkeypatch):
    """As the service user itself nothing is chowned; a key file that was world-readable loses that."""
    pad = _sleutelbestand(settings, tmp_path, 0o644)
    (pad.parent / "blind-index.tmp").write_text("half")  # an interrupted earlier run
    aangeroepen = []
    monkeypatch.setattr(crypto.os, "geteuid", lambda: 1000)
    monkeypatch.setattr(crypto.os, "fchown", lambda *a: aangeroepen.append(a))
    crypto.add_blind_index_version()
    assert aangeroepen == []
    assert stat.S_IMODE(pad.stat().st_mode) == 0o640
    assert sorted(json.loads(pad.read_text())) == ["1", "2"]
