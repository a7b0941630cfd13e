"""core.invoegen: a new row written by the compiled INSERT holds what `save()` would have written, no
signal receiver is skipped, and an act's audit entry written with its row stands or falls with it (AU-01)."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models.signals import post_save
from django.test.utils import CaptureQueriesContext

from zorgvuldig.audit import services as audit
from zorgvuldig.audit.models import AuditRegel, Pseudoniem
from zorgvuldig.conftest import BSN_ANDER, BSN_SAM
from zorgvuldig.core import crypto, invoegen, tenancy
from zorgvuldig.personen import services as personen
from zorgvuldig.personen.models import Persoon
from zorgvuldig.toegang import services as toegang
from zorgvuldig.toegang.models import Toegang

pytestmark = pytest.mark.django_db

TECHNISCH = {"id", "uuid", "aangemaakt", "gewijzigd"}


def _persoon(regio, **extra) -> Persoon:
    tenancy.activeer(regio.actor(regio.medewerker))  # row-level security checks new rows too
    return Persoon(
        verwerkingsverantwoordelijke_id=regio.medewerker.organisatie.verwerkingsverantwoordelijke_id,
        organisatie=regio.medewerker.organisatie,
        geslachtsnaam="Voorbeeld",
        voornamen="Noor",
        geheim_adres=True,
        **extra,
    )


def _velden(obj) -> dict:
    return {
        f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields if f.attname not in TECHNISCH
    }


def test_the_compiled_insert_writes_what_save_writes(regio):
    met_save, met_sjabloon = _persoon(regio), _persoon(regio)
    met_save.save()
    invoegen.voeg_in(met_sjabloon)
    assert met_sjabloon.pk and not met_sjabloon._state.adding
    a, b = Persoon.objects.get(pk=met_save.pk), Persoon.objects.get(pk=met_sjabloon.pk)
    assert _velden(a) == _velden(b)
    assert (
        b.uuid == met_sjabloon.uuid and b.aangemaakt is not None and b.gewijzigd is not None
    )  # auto_now(_add)


def test_an_encrypted_field_is_bound_to_the_row_it_was_inserted_as(regio):
    p = _persoon(regio)
    p.bsn_versleuteld = crypto.encrypt(
        p.verwerkingsverantwoordelijke_id, "personen_persoon", "bsn", p.uuid, BSN_SAM
    )
    invoegen.voeg_in(p)
    opgeslagen = Persoon.objects.get(pk=p.pk)
    assert (
        crypto.decrypt(
            p.verwerkingsverantwoordelijke_id,
            "personen_persoon",
            "bsn",
            opgeslagen.uuid,
            opgeslagen.bsn_versleuteld,
        )
        == BSN_SAM
    )


def test_a_model_with_save_receivers_goes_through_save(regio):
    """RT-10 hangs the retention row on post_save: the fast path must never skip a receiver."""
    ontvangen = []

    def ontvanger(sender, instance, created, **kwargs):
        ontvangen.append((instance.pk, created))

    post_save.connect(ontvanger, sender=Persoon, dispatch_uid="test-invoegen")
    try:
        p = invoegen.voeg_in(_persoon(regio))
    finally:
        post_save.disconnect(dispatch_uid="test-invoegen", sender=Persoon)
    assert ontvangen == [(p.pk, True)]


def test_au_01_registration_writes_the_grant_and_its_entry_in_one_statement_on_postgresql(regio):
    actor = regio.actor(regio.medewerker)
    personen.registreer_persoon(actor=actor, data={"geslachtsnaam": "Eerst", "bsn": BSN_ANDER})  # data key
    with CaptureQueriesContext(connection) as ctx:
        p = personen.registreer_persoon(actor=actor, data={"geslachtsnaam": "Voorbeeld", "bsn": BSN_SAM})
    grant = Toegang.objects.get(object_type="personen.persoon", object_id=p.pk)
    regel = AuditRegel.objects.get(actie="persoon.geregistreerd", object_uuid=str(p.uuid))
    assert regel.toegang == str(grant.uuid)  # the entry names the grant that justified the act
    assert Pseudoniem.objects.filter(pseudoniem=regel.betrokkene, sleutel=audit.subject_key(p)).exists()
    schrijvend = [q["sql"] for q in ctx.captured_queries if q["sql"].lstrip().startswith(("INSERT", "WITH"))]
    samen = [q for q in schrijvend if "toegang_toegang" in q and "audit_auditregel" in q]
    if connection.vendor == "postgresql":
        assert len(samen) == 1 and len(schrijvend) == 2  # person; grant + pseudonym + entry
    else:
        assert not samen and len(schrijvend) == 4  # person, grant, pseudonym, entry


def test_au_01_an_entry_written_with_a_row_that_fails_is_not_kept(regio):
    """The check constraint refuses a grant without recipient: the entry in the same statement goes too."""
    p = invoegen.voeg_in(_persoon(regio))
    actor = regio.actor(regio.medewerker)
    zonder_ontvanger = toegang.nieuwe_toegang(actor=actor, object=p, bron="casusteam", reden="Test")
    voor = AuditRegel.objects.count()
    with pytest.raises(IntegrityError), transaction.atomic():
        audit.record(
            actor=actor,
            actie="persoon.geregistreerd",
            activiteit=personen.ACTIVITEIT,
            object=p,
            betrokkenen=[p],
            toegang=zonder_ontvanger,
            samen_met=zonder_ontvanger,
        )
    assert AuditRegel.objects.count() == voor
    assert not Toegang.objects.filter(object_type="personen.persoon", object_id=p.pk).exists()


@pytest.mark.postgres
def test_no_index_that_only_costs_writes(regio):
    """ADR 0017: no pattern index on columns only matched exactly, no single-column index on the grant's
    recipients (the composite indexes start with them)."""
    with connection.cursor() as cur:
        cur.execute(
            "SELECT tablename, indexdef FROM pg_indexes WHERE tablename IN"
            " ('audit_auditregel', 'audit_pseudoniem', 'personen_persoon', 'toegang_toegang')"
        )
        indexen = cur.fetchall()
    patronen = {(t, d.rsplit("(", 1)[1].split()[0]) for t, d in indexen if "varchar_pattern_ops" in d}
    assert patronen == {("audit_pseudoniem", "sleutel")}  # LIKE 'persoon:%' runs on that one
    toegang_kolommen = [d.rsplit("(", 1)[1].rstrip(")") for t, d in indexen if t == "toegang_toegang"]
    assert "ontvanger_gebruiker_id" not in toegang_kolommen
    assert "ontvanger_organisatie_id" not in toegang_kolommen
    assert "ontvanger_gebruiker_id, object_type" in toegang_kolommen
    assert "ontvanger_organisatie_id, object_type" in toegang_kolommen


# One index covers another when the other is a plain single-column index on its leading column (same
# operator class, neither partial nor on an expression): every look-up the smaller one serves, the larger
# one serves too, so the smaller one only costs writes. Unique indexes stay (they are constraints).
OVERBODIGE_INDEXEN = """
SELECT a.indrelid::regclass::text, a.indexrelid::regclass::text, b.indexrelid::regclass::text
FROM pg_index a JOIN pg_index b ON a.indrelid = b.indrelid AND a.indexrelid <> b.indexrelid
WHERE a.indnatts = 1 AND NOT a.indisunique AND a.indkey[0] = b.indkey[0] AND a.indclass[0] = b.indclass[0]
  AND (b.indnatts > 1 OR b.indisunique OR a.indexrelid > b.indexrelid)
  AND a.indpred IS NULL AND b.indpred IS NULL AND a.indexprs IS NULL AND b.indexprs IS NULL
"""


@pytest.mark.postgres
def test_no_index_another_index_of_the_same_table_already_covers(regio):
    """ADR 0017: of our own tables, none keeps a single-column index that a composite or unique index
    starting with the same column (or an identical index) already covers. Django's automatic many-to-many
    tables and third-party apps' tables are left as their code makes them."""
    from django.apps import apps

    eigen = {
        m._meta.db_table
        for m in apps.get_models()
        if m.__module__.startswith("zorgvuldig.") and not m._meta.auto_created
    }
    with connection.cursor() as cur:
        cur.execute(OVERBODIGE_INDEXEN)
        overbodig = sorted((tabel, klein, groot) for tabel, klein, groot in cur.fetchall() if tabel in eigen)
    assert overbodig == []
    # the check itself finds what it should: an index on the leading column of a composite one
    with connection.cursor() as cur:
        cur.execute("CREATE TEMPORARY TABLE proef (a integer, b integer)")
        cur.execute("CREATE INDEX proef_samen ON proef (a, b)")
        cur.execute("CREATE INDEX proef_b ON proef (b)")
        cur.execute("CREATE INDEX proef_dubbel ON proef (a)")
        cur.execute(OVERBODIGE_INDEXEN)
        gevonden = {(klein, groot) for tabel, klein, groot in cur.fetchall() if klein.startswith("proef")}
    assert gevonden == {("proef_dubbel", "proef_samen")}
