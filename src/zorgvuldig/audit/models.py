"""Logboek dataverwerkingen (AU-01 … AU-09, DESIGN §4 "Audit log"; ADR 0004).

Four tables, so that the runtime database role never needs UPDATE or DELETE on the log:
* `AuditRegel`  — one entry per data subject per act. INSERT only.
* `Zegel`       — the seal: chain position and hash of one entry. INSERT only (by the sequencer).
* `Wachtrij`    — ids of entries still to be sealed. The sequencer deletes what it sealed; deleting a
                  row by hand only leaves an entry unsealed, which `audit verify` reports.
* `Pseudoniem`  — subject → random pseudonym. Deleting the row anonymises the subject's entries (AU-07).
* `Controlepunt`— copies of signed checkpoints (AU-08). INSERT only.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import models

from zorgvuldig.audit import policies


class Status(models.TextChoices):
    UITGEVOERD = "uitgevoerd", "Uitgevoerd"
    GEWEIGERD = "geweigerd", "Geweigerd"


class Kanaal(models.TextChoices):
    UI = "ui", "Gebruikersinterface"
    API = "api", "API"
    PORTAAL = "portaal", "Cliëntportaal"
    SYSTEEM = "systeem", "Systeem"


class AuditRegel(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    tijdstip = models.DateTimeField()
    # Logboek Dataverwerkingen
    trace_id = models.CharField(max_length=32)
    span_id = models.CharField(max_length=16)
    verwerkingsactiviteit = models.CharField(max_length=64)
    betrokkene = models.CharField(max_length=32, blank=True, db_index=True)  # pseudonym, never a BSN
    status = models.CharField(max_length=16, choices=Status.choices)
    code = models.CharField(max_length=64, blank=True)
    # NEN 7513
    verwerkingsverantwoordelijke = models.CharField(max_length=36, blank=True)
    actor_gebruiker = models.CharField(max_length=36, blank=True)
    actor_functie = models.CharField(max_length=200, blank=True)
    actor_rol = models.CharField(max_length=100, blank=True)
    actor_organisatie = models.CharField(max_length=36, blank=True)
    namens = models.JSONField(default=dict)
    actie = models.CharField(max_length=64)
    object_type = models.CharField(max_length=64, blank=True)
    object_uuid = models.CharField(max_length=36, blank=True, db_index=True)
    velden = models.JSONField(default=list)
    toegang = models.CharField(max_length=36, blank=True)  # the grant that allowed it (AU-09)
    doel = models.CharField(max_length=64)
    grondslag = models.CharField(max_length=1)
    koppeling = models.JSONField(default=dict)
    kanaal = models.CharField(max_length=16, choices=Kanaal.choices)

    DATACATEGORIEEN = {
        "id": "technisch",
        "uuid": "technisch",
        "tijdstip": "audit",
        "trace_id": "technisch",
        "span_id": "technisch",
        "verwerkingsactiviteit": "audit",
        "betrokkene": "pseudoniem",
        "status": "audit",
        "code": "audit",
        "verwerkingsverantwoordelijke": "organisatorisch",
        "actor_gebruiker": "medewerker",
        "actor_functie": "medewerker",
        "actor_rol": "medewerker",
        "actor_organisatie": "organisatorisch",
        "namens": "organisatorisch",
        "actie": "audit",
        "object_type": "technisch",
        "object_uuid": "technisch",
        "velden": "audit",
        "toegang": "technisch",
        "doel": "audit",
        "grondslag": "audit",
        "koppeling": "technisch",
        "kanaal": "audit",
    }
    BEWAARREGEL = "audit"
    CHAIN_FIELDS = [f for f in DATACATEGORIEEN if f != "id"]

    class Meta:
        verbose_name = "auditregel"
        verbose_name_plural = "auditregels"
        ordering = ["id"]
        # Few indexes: every act pays for each one. These serve the FG's listing per controller, the
        # breach question "what did account X do in period T", a person's entries and an object's trail.
        indexes = [
            models.Index(fields=["verwerkingsverantwoordelijke", "id"], name="audit_vv_id_idx"),
            models.Index(fields=["actor_gebruiker", "tijdstip"], name="audit_actor_tijd_idx"),
        ]

    @staticmethod
    def _normaliseer(data: dict) -> dict:
        data["uuid"] = str(data["uuid"])
        data["tijdstip"] = data["tijdstip"].astimezone(dt.UTC).isoformat()
        return data

    def chain_fields(self) -> dict:
        """The hashed content of the entry: every field, in a form that survives the database round trip."""
        data = {name: getattr(self, name) for name in self.CHAIN_FIELDS}
        data["id"] = self.id
        return self._normaliseer(data)

    def canonical(self) -> bytes:
        return policies.canonical(self.chain_fields())

    @classmethod
    def canonical_van(cls, values: dict) -> bytes:
        """Canonical bytes from a `values()` row, so `verify` need not build model instances."""
        return policies.canonical(cls._normaliseer(dict(values)))


class Zegel(models.Model):
    volgnummer = models.BigIntegerField(primary_key=True)
    # No database constraint: a deleted entry must show up in `verify`, not be blocked or cascade.
    regel = models.OneToOneField(
        AuditRegel, null=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="zegel"
    )
    vorige_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)
    verzegeld_op = models.DateTimeField(auto_now_add=True)

    DATACATEGORIEEN = {
        "volgnummer": "technisch",
        "regel": "technisch",
        "vorige_hash": "technisch",
        "hash": "technisch",
        "verzegeld_op": "technisch",
    }
    BEWAARREGEL = "audit"


class Wachtrij(models.Model):
    regel_id = models.BigIntegerField(primary_key=True)

    DATACATEGORIEEN = {"regel_id": "technisch"}
    BEWAARREGEL = "audit"


class Pseudoniem(models.Model):
    """Subject key (e.g. `persoon:<uuid>`) → random pseudonym. Delete to anonymise (AU-07)."""

    sleutel = models.CharField(max_length=80, unique=True)
    pseudoniem = models.CharField(max_length=32, unique=True)

    DATACATEGORIEEN = {"id": "technisch", "sleutel": "technisch", "pseudoniem": "pseudoniem"}
    BEWAARREGEL = "pseudoniem"


class Controlepunt(models.Model):
    volgnummer = models.BigIntegerField()
    aantal = models.BigIntegerField()
    hash = models.CharField(max_length=64)
    tijdstip = models.CharField(max_length=40)
    handtekening = models.CharField(max_length=128)
    sleutel_id = models.CharField(max_length=32)
    geregistreerd_op = models.DateTimeField(auto_now_add=True)

    DATACATEGORIEEN = {
        "id": "technisch",
        "volgnummer": "technisch",
        "aantal": "technisch",
        "hash": "technisch",
        "tijdstip": "technisch",
        "handtekening": "technisch",
        "sleutel_id": "technisch",
        "geregistreerd_op": "technisch",
    }
    BEWAARREGEL = "audit"

    class Meta:
        ordering = ["volgnummer"]
