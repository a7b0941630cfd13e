"""AU-03, AU-08: the pure hash-chain rules of the audit log (audit/policies.py), property-tested.

No database and no Django: a chain is a list of `Seal`s over random canonical entry bytes, built
exactly as the sequencer builds it (hash = SHA-256(previous hash ‖ entry bytes)).
"""

from __future__ import annotations

import dataclasses
import hashlib

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from zorgvuldig.audit.policies import (
    GENESIS,
    Break,
    Checkpoint,
    Seal,
    canonical,
    chain_hash,
    checkpoint_message,
    verify,
)

# Canonical entry bytes: distinct, so that swapping two entries really changes the chain.
entries = st.lists(st.binary(min_size=1, max_size=40), min_size=1, max_size=25, unique=True)
chains_min2 = st.lists(st.binary(min_size=1, max_size=40), min_size=2, max_size=25, unique=True)


def build(items: list[bytes], start: int = 1, start_hash: str = GENESIS) -> list[Seal]:
    """The sequencer's chain over `items` (test oracle, independent of verify)."""
    seals, previous = [], start_hash
    for offset, entry in enumerate(items):
        digest = hashlib.sha256(bytes.fromhex(previous) + entry).hexdigest()
        seals.append(Seal(start + offset, previous, digest, entry))
        previous = digest
    return seals


def rebuilt_from(seals: list[Seal], index: int) -> list[Seal]:
    """An attacker's rewrite: recompute every hash from `index` on over the (edited) entries."""
    head = seals[:index]
    previous = head[-1].hash if head else GENESIS
    tail = build([s.entry for s in seals[index:]], start=index + 1, start_hash=previous)
    return head + tail


# --- no false alarm ------------------------------------------------------------------------------


@given(entries)
def test_au_03_untouched_chain_verifies_without_a_break(items):
    """AU-03: verify() of an intact chain reports no break and counts every seal."""
    seals = build(items)
    assert verify(seals) == (len(items), None)


@given(entries, st.data())
def test_au_08_untouched_chain_verifies_against_its_checkpoints(items, data):
    """AU-08: checkpoints that pin the real hashes of an intact chain raise no alarm."""
    seals = build(items)
    pinned = data.draw(st.lists(st.sampled_from(seals), max_size=5))
    checkpoints = [Checkpoint(s.volgnummer, s.hash) for s in pinned]
    assert verify(seals, checkpoints) == (len(items), None)


def test_au_03_empty_chain_is_intact():
    assert verify([]) == (0, None)


def test_au_03_chain_hash_is_sha256_over_previous_hash_and_entry():
    """AU-03: hash = SHA-256(previous hash ‖ canonical bytes); the previous hash enters as raw bytes."""
    entry = b'{"a":1}'
    assert chain_hash(GENESIS, entry) == hashlib.sha256(bytes(32) + entry).hexdigest()
    assert GENESIS == "0" * 64
    other = "ab" * 32
    assert chain_hash(other, entry) == hashlib.sha256(bytes.fromhex(other) + entry).hexdigest()
    assert chain_hash(other, entry) != chain_hash(GENESIS, entry)


@given(st.dictionaries(st.text(max_size=8), st.one_of(st.integers(), st.text(max_size=8), st.none())))
def test_au_03_canonical_bytes_do_not_depend_on_key_order(fields):
    """AU-03: canonical bytes are sorted-key compact JSON, so re-reading a row gives the same hash."""
    reversed_fields = dict(reversed(list(fields.items())))
    assert canonical(fields) == canonical(reversed_fields)
    assert b": " not in canonical({"a": 1}) and b", " not in canonical({"a": 1, "b": 2})


def test_au_03_canonical_bytes_keep_non_ascii_text_as_utf8():
    assert canonical({"naam": "Zoë"}) == '{"naam":"Zoë"}'.encode()


# --- tampering is detected -----------------------------------------------------------------------


@given(entries, st.data())
def test_au_03_editing_one_entry_is_detected_at_its_position(items, data):
    """AU-03: changing the bytes of any one entry breaks the chain exactly there."""
    seals = build(items)
    i = data.draw(st.integers(0, len(seals) - 1))
    forged = data.draw(st.binary(min_size=0, max_size=40).filter(lambda b: b != items[i]))
    seals[i] = dataclasses.replace(seals[i], entry=forged)
    checked, breuk = verify(seals)
    assert checked == i
    assert breuk == Break(i + 1, build(items)[i].hash, chain_hash(seals[i].vorige_hash, forged))


@given(entries, st.data())
def test_au_03_a_missing_entry_row_is_detected(items, data):
    """AU-03: a seal whose entry row was deleted (entry None) is a break."""
    seals = build(items)
    i = data.draw(st.integers(0, len(seals) - 1))
    seals[i] = dataclasses.replace(seals[i], entry=None)
    checked, breuk = verify(seals)
    assert checked == i
    assert breuk == Break(i + 1, seals[i].hash, "regel ontbreekt")


@given(entries, st.data())
def test_au_03_editing_a_stored_link_or_hash_is_detected(items, data):
    """AU-03: changing a seal's stored previous hash or its own hash is a break at that seal."""
    seals = build(items)
    i = data.draw(st.integers(0, len(seals) - 1))
    field = data.draw(st.sampled_from(["vorige_hash", "hash"]))
    new = data.draw(st.binary(min_size=32, max_size=32).map(bytes.hex))
    assume(new != getattr(seals[i], field))
    seals[i] = dataclasses.replace(seals[i], **{field: new})
    checked, breuk = verify(seals)
    assert checked == i
    assert breuk is not None and breuk.volgnummer == i + 1


@given(chains_min2, st.data())
def test_au_03_deleting_a_seal_inside_the_chain_is_detected(items, data):
    """AU-03: removing a seal (not the last) leaves a gap in the chain positions."""
    seals = build(items)
    i = data.draw(st.integers(0, len(seals) - 2))
    del seals[i]
    checked, breuk = verify(seals)
    assert checked == i
    assert breuk == Break(i + 1, f"volgnummer {i + 1}", f"volgnummer {i + 2}")


@given(chains_min2, st.data())
def test_au_03_deleting_a_seal_and_renumbering_is_detected(items, data):
    """AU-03: closing the gap by renumbering the later seals still breaks the hash links."""
    seals = build(items)
    i = data.draw(st.integers(0, len(seals) - 2))
    del seals[i]
    seals = [dataclasses.replace(s, volgnummer=n) for n, s in enumerate(seals, start=1)]
    checked, breuk = verify(seals)
    assert checked == i
    assert breuk is not None and breuk.volgnummer == i + 1


@given(chains_min2, st.data())
def test_au_03_swapping_two_seals_is_detected(items, data):
    """AU-03: seals out of chain order are a break at the first misplaced position."""
    seals = build(items)
    i, j = sorted(data.draw(st.lists(st.integers(0, len(seals) - 1), min_size=2, max_size=2, unique=True)))
    seals[i], seals[j] = seals[j], seals[i]
    checked, breuk = verify(seals)
    assert checked == i
    assert breuk == Break(i + 1, f"volgnummer {i + 1}", f"volgnummer {j + 1}")


@given(chains_min2, st.data())
def test_au_03_swapping_the_entries_of_two_seals_is_detected(items, data):
    """AU-03: pointing two seals at each other's entry (reordering history) is a break."""
    seals = build(items)
    i, j = sorted(data.draw(st.lists(st.integers(0, len(seals) - 1), min_size=2, max_size=2, unique=True)))
    a, b = seals[i].entry, seals[j].entry
    seals[i] = dataclasses.replace(seals[i], entry=b)
    seals[j] = dataclasses.replace(seals[j], entry=a)
    checked, breuk = verify(seals)
    assert checked == i
    assert breuk is not None and breuk.volgnummer == i + 1


@given(entries, st.data())
def test_au_03_inserting_a_forged_seal_is_detected(items, data):
    """AU-03: a forged entry slipped in before an existing seal, with its own hash recomputed
    correctly but the rest of the chain untouched, is detected right after it — whether the attacker
    renumbers the later seals and relinks the next one or not."""
    seals = build(items)
    k = data.draw(st.integers(0, len(seals) - 1))
    forged_entry = data.draw(st.binary(min_size=1, max_size=40))
    renumber = data.draw(st.booleans())
    relink = data.draw(st.booleans())
    previous = seals[k - 1].hash if k else GENESIS
    forged = Seal(k + 1, previous, chain_hash(previous, forged_entry), forged_entry)
    later = seals[k:]
    if renumber:
        later = [dataclasses.replace(s, volgnummer=s.volgnummer + 1) for s in later]
    if relink:
        later[0] = dataclasses.replace(later[0], vorige_hash=forged.hash)
    tampered = [*seals[:k], forged, *later]
    checked, breuk = verify(tampered)
    assert checked == k + 1  # the forged seal itself links correctly …
    assert breuk is not None and breuk.volgnummer == k + 2  # … the next one betrays it


@given(chains_min2, st.data())
def test_au_08_truncating_the_tail_is_detected_by_a_later_checkpoint(items, data):
    """AU-08: cutting off the newest seals is found when a checkpoint pins a position that is gone."""
    seals = build(items)
    keep = data.draw(st.integers(0, len(seals) - 1))
    pin = data.draw(st.integers(keep + 1, len(seals)))
    checkpoint = Checkpoint(pin, seals[pin - 1].hash)
    checked, breuk = verify(seals[:keep], [checkpoint])
    assert checked == keep
    assert breuk == Break(pin, seals[pin - 1].hash, "ontbreekt (keten afgekapt)")


@given(chains_min2, st.data())
def test_au_08_truncation_reports_the_first_missing_checkpoint(items, data):
    seals = build(items)
    keep = data.draw(st.integers(0, len(seals) - 1))
    pins = data.draw(st.lists(st.integers(keep + 1, len(seals)), min_size=1, max_size=4))
    checkpoints = [Checkpoint(p, seals[p - 1].hash) for p in pins]
    _, breuk = verify(seals[:keep], checkpoints)
    assert breuk is not None and breuk.volgnummer == min(pins)


@given(chains_min2)
def test_au_08_without_a_checkpoint_tail_truncation_is_invisible(items):
    """AU-08 (why checkpoints exist): a chain alone cannot tell a cut-off tail from a short log."""
    seals = build(items)
    assert verify(seals[:-1]) == (len(items) - 1, None)


@given(entries, st.data())
def test_au_08_rewritten_suffix_is_caught_by_a_checkpoint_after_the_edit(items, data):
    """AU-03/AU-08: an attacker who edits an entry and recomputes every later hash produces a
    self-consistent chain; only a signed checkpoint pinned at or after the edit exposes it."""
    original = build(items)
    i = data.draw(st.integers(0, len(original) - 1))
    forged_entry = data.draw(st.binary(min_size=0, max_size=40).filter(lambda b: b != items[i]))
    edited = list(original)
    edited[i] = dataclasses.replace(edited[i], entry=forged_entry)
    rewritten = rebuilt_from(edited, i)
    assert verify(rewritten) == (len(items), None)  # the chain alone is fooled
    pin = data.draw(st.integers(i + 1, len(original)))
    checkpoint = Checkpoint(pin, original[pin - 1].hash)
    checked, breuk = verify(rewritten, [checkpoint])
    assert checked == pin - 1
    assert breuk == Break(pin, original[pin - 1].hash, rewritten[pin - 1].hash)


@given(entries, st.data())
def test_au_08_a_checkpoint_before_the_edit_does_not_raise_a_false_alarm(items, data):
    """AU-08: pins before the rewritten part still match; the chain check itself stays exact."""
    original = build(items)
    assume(len(original) >= 2)
    i = data.draw(st.integers(1, len(original) - 1))
    edited = list(original)
    edited[i] = dataclasses.replace(edited[i], entry=edited[i].entry + b"x")
    rewritten = rebuilt_from(edited, i)
    pin = data.draw(st.integers(1, i))
    assert verify(rewritten, [Checkpoint(pin, original[pin - 1].hash)]) == (len(items), None)


@given(entries, st.data())
def test_au_08_a_checkpoint_with_a_wrong_hash_is_a_break(items, data):
    seals = build(items)
    pin = data.draw(st.integers(1, len(seals)))
    wrong = data.draw(st.binary(min_size=32, max_size=32).map(bytes.hex))
    assume(wrong != seals[pin - 1].hash)
    checked, breuk = verify(seals, [Checkpoint(pin, wrong)])
    assert checked == pin - 1
    assert breuk == Break(pin, wrong, seals[pin - 1].hash)


# --- a pruned prefix (retention up to a signed checkpoint, AU-03) ---------------------------------


@given(chains_min2, st.data())
def test_au_03_pruned_prefix_verifies_from_the_checkpointed_link(items, data):
    """AU-03: after retention removed seals 1..k, the rest verifies from position k+1 with the hash
    of seal k (taken from the checkpoint); any other start hash or position is a break."""
    seals = build(items)
    k = data.draw(st.integers(1, len(seals) - 1))
    rest = seals[k:]
    assert verify(rest, start=k + 1, start_hash=seals[k - 1].hash) == (len(rest), None)
    _, wrong_hash = verify(rest, start=k + 1, start_hash=GENESIS)
    assert wrong_hash == Break(k + 1, GENESIS, seals[k - 1].hash)
    _, wrong_start = verify(rest, start=k, start_hash=seals[k - 1].hash)
    assert wrong_start == Break(k, f"volgnummer {k}", f"volgnummer {k + 1}")


@given(chains_min2)
def test_au_03_a_chain_that_does_not_start_at_one_is_a_break_by_default(items):
    seals = build(items)
    checked, breuk = verify(seals[1:])
    assert checked == 0
    assert breuk == Break(1, "volgnummer 1", "volgnummer 2")


# --- the signed checkpoint message (AU-08) -------------------------------------------------------


@settings(max_examples=50)
@given(
    st.integers(1, 10**9),
    st.integers(1, 10**9),
    st.binary(min_size=32, max_size=32).map(bytes.hex),
    st.text(max_size=30),
)
def test_au_08_checkpoint_message_covers_every_field(volgnummer, aantal, hash_, tijdstip):
    """AU-08: the signed bytes change when any of position, count, head hash or time changes."""
    base = checkpoint_message(volgnummer, aantal, hash_, tijdstip)
    assert base == canonical(
        {"volgnummer": volgnummer, "aantal": aantal, "hash": hash_, "tijdstip": tijdstip}
    )
    assert checkpoint_message(volgnummer + 1, aantal, hash_, tijdstip) != base
    assert checkpoint_message(volgnummer, aantal + 1, hash_, tijdstip) != base
    assert checkpoint_message(volgnummer, aantal, GENESIS if hash_ != GENESIS else "1" * 64, tijdstip) != base
    assert checkpoint_message(volgnummer, aantal, hash_, tijdstip + "Z") != base
