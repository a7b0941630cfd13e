"""Reads of the retention engine: what is due, held, listed and destroyed — never the records' content.

The beheerder and the leidinggevende see their own organisation, the FG the whole controller (SPEC §10
"Visible"). States are derived from the dates in SQL at read time (RT-12), exactly as `policies.status`.
"""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.db.models import BooleanField, Exists, ExpressionWrapper, F, Lookup, OuterRef, Q, QuerySet
from django.db.models.fields.json import KT

from zorgvuldig.bewaren import policies
from zorgvuldig.bewaren.models import Bewaarregel, Bewaartermijn, Blokkade, Opschoonronde, Vernietigingslijst
from zorgvuldig.core import crypto
from zorgvuldig.core.clock import today
from zorgvuldig.core.errors import NotFound


class _Elk(Lookup):
    """`kolom = ANY('{…}'::type[])` (PostgreSQL): a batch of thousands of ids as one array literal, so
    neither the ORM nor the driver handles thousands of placeholders or array elements one by one, and the
    statement text stays the same from batch to batch."""

    lookup_name = "zv_elk"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        soort = self.lhs.output_field.db_type(connection).split("(")[0]
        if type(self.rhs[0]) is int:  # ids: all of one type
            literal = "{" + ",".join(map(str, self.rhs)) + "}"
        else:  # each element quoted; \ and " escaped where there are any (array literal syntax)
            tekst = list(map(str, self.rhs))
            if '"' in (alles := "".join(tekst)) or "\\" in alles:
                tekst = [t.replace("\\", "\\\\").replace('"', '\\"') for t in tekst]
            literal = '{"' + '","'.join(tekst) + '"}'
        return f"{lhs} = ANY(%s::{soort}[])", (*params, literal)


def binnen(veld: str, waarden) -> Q | Lookup:
    """`veld IN waarden` as a filter argument: one array parameter on PostgreSQL, a plain IN elsewhere."""
    waarden = [w for w in waarden if w is not None]
    if waarden and connection.vendor == "postgresql":
        return _Elk(F(veld), waarden)
    return Q(**{f"{veld}__in": waarden})


def _zichtbaar(actor) -> Q:
    q = Q(organisatie_id=actor.organisatie.pk)
    if "fg" in actor.rollen:
        q |= Q(verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id)
    return q


def actieve_blokkade(vandaag: dt.date):
    return Exists(
        Blokkade.objects.filter(termijn=OuterRef("pk"), opgeheven_op__isnull=True, einddatum__gt=vandaag)
    )


def met_status(qs: QuerySet, vandaag: dt.date | None = None) -> QuerySet:
    return qs.annotate(geblokkeerd=actieve_blokkade(vandaag or today()))


def filter_status(qs: QuerySet, status: str, vandaag: dt.date) -> QuerySet:
    """RT-07/RT-12 in SQL, the same as `policies.status`."""
    if status in policies.UITKOMSTEN:
        return qs.filter(uitkomst=status)
    open_ = qs.filter(uitkomst="")
    if status == policies.ACTIEF:
        return open_.filter(Q(vervaldatum__isnull=True) | Q(vervaldatum__gt=vandaag))
    vervallen = met_status(open_.filter(vervaldatum__lte=vandaag), vandaag)
    return vervallen.filter(geblokkeerd=status == policies.GEBLOKKEERD)


def vervallen(objecttype: str, vandaag: dt.date | None = None) -> Exists:
    """True for a record (outer `pk`) past its due date and not held (RT-12): it no longer acts, sweep or
    no sweep — until a decision gives it a new date (RT-02) or the sweep removes it. An EXISTS, so a
    list of a million due rows never becomes a NOT IN list."""
    vandaag = vandaag or today()
    due = Bewaartermijn.objects.filter(
        objecttype=objecttype, object_id=OuterRef("pk"), uitkomst="", vervaldatum__lte=vandaag
    )
    return Exists(due.exclude(actieve_blokkade(vandaag)))


# what the sweep judges a retention row by (RT-07, RT-12, RT-13): no content, no free text
OPSCHOONVELDEN = (
    "pk",
    "verwerkingsverantwoordelijke_id",
    "objecttype",
    "object_id",
    "regel",
    "vervaldatum",
    "besluit_soort",
    "voorstel",
    "beoordeling",
    "lijst_id",
    "geblokkeerd",
    "heeft_blokkade",
)


def opschoonbatch(vandaag: dt.date, na: int, aantal: int, *, vergrendel: bool) -> list:
    """The sweep's next batch: up to `aantal` open rows due on `vandaag` after id `na`, in id order, as
    plain rows (OPSCHOONVELDEN): the kind of decision that set the date, whether a list's "keep" proposal
    left a reason, whether a hold is active (RT-07) and whether it has holds at all (lifted or ended ones
    go with it). `vergrendel`: locked for the batch's transaction in the same statement, skipping rows
    another transaction holds (PostgreSQL)."""
    qs = met_status(
        Bewaartermijn.objects.filter(uitkomst="", vervaldatum__lte=vandaag, pk__gt=na), vandaag
    ).annotate(
        besluit_soort=KT("besluit__soort"),
        voorstel=ExpressionWrapper(Q(besluit__has_key="voorstelReden"), output_field=BooleanField()),
        heeft_blokkade=Exists(Blokkade.objects.filter(termijn=OuterRef("pk"))),
    )
    if vergrendel:
        qs = qs.select_for_update(skip_locked=True)
    return list(qs.order_by("pk").values_list(*OPSCHOONVELDEN, named=True)[:aantal])


def meegaand_geblokkeerd(dossier_ids, vandaag: dt.date) -> set[int]:
    """RT-07: the dossiers of these whose melding signal — a record with a retention row of its own that
    goes with the dossier (eenheden.meegaand) — is under an active hold: the dossier waits with it."""
    from zorgvuldig.dossiers.models import Zorgsignaal

    if not dossier_ids:
        return set()
    vast = Bewaartermijn.objects.filter(
        objecttype="dossiers.zorgsignaal", object_id=OuterRef("pk"), uitkomst=""
    ).filter(actieve_blokkade(vandaag))
    signalen = Zorgsignaal._base_manager.filter(binnen("dossier_id", dossier_ids)).filter(Exists(vast))
    return set(signalen.values_list("dossier_id", flat=True))


def lijststanden(ids) -> dict[int, tuple[str, dt.date]]:
    """Status and peildatum of the destruction lists a batch's rows are on (RT-13)."""
    if not ids:
        return {}
    rijen = Vernietigingslijst.objects.filter(pk__in=ids).values_list("pk", "status", "peildatum")
    return {pk: (status, peildatum) for pk, status, peildatum in rijen}


def status_van(termijn: Bewaartermijn, vandaag: dt.date | None = None) -> str:
    vandaag = vandaag or today()
    geblokkeerd = getattr(termijn, "geblokkeerd", None)
    if geblokkeerd is None:
        geblokkeerd = any(
            policies.blokkade_actief(b.einddatum, b.opgeheven_op is not None, vandaag)
            for b in termijn.blokkades.all()
        )
    return policies.status(termijn.vervaldatum, termijn.uitkomst, geblokkeerd, vandaag)


def termijnen(actor) -> QuerySet[Bewaartermijn]:
    return Bewaartermijn.objects.filter(_zichtbaar(actor))


def termijn_of_404(actor, uuid) -> Bewaartermijn:
    rij = termijnen(actor).filter(uuid=uuid).first()
    if rij is None:
        raise NotFound()
    return rij


def bewijzen(actor) -> QuerySet[Bewaartermijn]:
    """Tombstones (RT-03): what was destroyed, anonymised or transferred, when and under which rule."""
    return termijnen(actor).exclude(uitkomst="")


def lijsten(actor) -> QuerySet[Vernietigingslijst]:
    return Vernietigingslijst.objects.filter(_zichtbaar(actor))


def lijst_of_404(actor, uuid) -> Vernietigingslijst:
    rij = lijsten(actor).filter(uuid=uuid).first()
    if rij is None:
        raise NotFound()
    return rij


def regels(actor) -> list[Bewaarregel]:
    """One rule per record type (RT-10) with the controller's archive setting (RT-11)."""
    from zorgvuldig.bewaren.services import regels_voor

    return regels_voor(actor.verwerkingsverantwoordelijke_id)


def rondes() -> QuerySet[Opschoonronde]:
    return Opschoonronde.objects.all()


def voorstel_reden(termijn: Bewaartermijn) -> str:
    """The reason of a list's "keep" proposal (RT-13), before both approvals make it the decision."""
    tekst = termijn.besluit.get("voorstelReden")
    if not tekst:
        return ""
    return crypto.decrypt(
        termijn.verwerkingsverantwoordelijke_id, termijn._meta.db_table, "voorstel", termijn.uuid, tekst
    )


def blokkade_of_404(termijn: Bewaartermijn, uuid) -> Blokkade:
    rij = termijn.blokkades.filter(uuid=uuid).first()
    if rij is None:
        raise NotFound()
    return rij


# Record types known to their team by a reference without personal data (RT-13: the leidinggevende judges a
# destruction list on it, as Open Archiefbeheer shows each zaak's identification).
KENMERK_VAN = {
    "dossiers.dossier": "dossiers.Dossier",
    "casusoverleg.casusoverleg": "casusoverleg.Casusoverleg",
}


def kenmerken(termijnen) -> dict[str, str]:
    """object uuid → the record's `kenmerk`, for the records that still exist. Read in the system context:
    a reference is not content, and the approver of a list need not have access to every record on it."""
    from django.apps import apps

    from zorgvuldig.core import tenancy

    per_type: dict[str, set] = {}
    for t in termijnen:
        if t.objecttype in KENMERK_VAN:
            per_type.setdefault(t.objecttype, set()).add(t.object_uuid)
    uit: dict[str, str] = {}
    with tenancy.systeem():
        for objecttype, uuids in per_type.items():
            model = apps.get_model(KENMERK_VAN[objecttype])
            for uuid, kenmerk in model.objects.filter(uuid__in=uuids).values_list("uuid", "kenmerk"):
                uit[str(uuid)] = kenmerk
    return uit
