"""Who may read which audit entries (AU-05), and the audited search."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q, QuerySet

from zorgvuldig.audit import services as audit
from zorgvuldig.audit.models import AuditRegel, Controlepunt, Pseudoniem
from zorgvuldig.core import tenancy
from zorgvuldig.core.errors import DomainError
from zorgvuldig.toegang.models import Bron
from zorgvuldig.toegang.selectors import grant_voor_object

ACTIVITEIT = "verantwoording-toezicht"


def regels_zichtbaar_voor(actor, strikt: bool = True) -> tuple[QuerySet[AuditRegel], object]:
    """FG: the own controller's entries; leidinggevende: the own teams' members; auditor: only within a
    valid statutory grant on the organisation (AC-09). Returns the queryset and the grant used.
    Without that grant a collection is refused `E_AC_GRANT_EXPIRED` (`strikt`), an item is invisible."""
    tenancy.activeer(actor)
    qs = AuditRegel.objects.select_related("zegel")
    controller = str(actor.organisatie.verwerkingsverantwoordelijke.uuid)
    if "fg" in actor.rollen:
        # plus the regional system entries (sealing, checkpoints), which concern no controller in particular
        return qs.filter(
            Q(verwerkingsverantwoordelijke=controller) | Q(verwerkingsverantwoordelijke="")
        ), None
    if "leidinggevende" in actor.rollen:
        from zorgvuldig.organisaties.models import Gebruiker

        teams = actor.gebruiker.teams.all()
        leden = Gebruiker.objects.filter(teams__in=teams).values_list("uuid", flat=True).distinct()
        return qs.filter(actor_gebruiker__in=[str(u) for u in leden]), None
    if "auditor" in actor.rollen:
        grant = grant_voor_object(actor, actor.organisatie, "lezen", [Bron.WETTELIJK])
        if grant is None and not strikt:
            return qs.none(), None  # item path: nothing is visible, so 404 (API §1.4)
        if grant is None:
            raise DomainError(
                "E_AC_GRANT_EXPIRED", "Geen geldige wettelijke toegang tot het logboek (AC-09)."
            )
        return qs.filter(verwerkingsverantwoordelijke=controller), grant
    return qs.none(), None


def filter_regels(qs: QuerySet[AuditRegel], params: dict) -> QuerySet[AuditRegel]:
    if v := params.get("tijdstipVanaf"):
        qs = qs.filter(tijdstip__gte=v)
    if v := params.get("tijdstipTot"):
        qs = qs.filter(tijdstip__lt=v)
    for key, field in (
        ("actie", "actie"),
        ("actor", "actor_gebruiker"),
        ("object", "object_uuid"),
        ("status", "status"),
        ("toegang", "toegang"),
        ("traceId", "trace_id"),
    ):
        if v := params.get(key):
            qs = qs.filter(**{field: v})
    return qs


def zoek_op_personen(actor, personen, params: dict) -> QuerySet[AuditRegel]:
    """`_zoek` and `audittrail` by person: via the pseudonym mapping; the search itself is audited (AU-05).

    The object read is the log, not the person's content: the subjects are named, no content grant.
    """
    qs, grant = regels_zichtbaar_voor(actor)
    sleutels = [audit.subject_key(p) for p in personen]
    pseudos = list(Pseudoniem.objects.filter(sleutel__in=sleutels).values_list("pseudoniem", flat=True))
    with transaction.atomic():
        audit.record(
            actor=actor,
            actie="audit.doorzocht",
            activiteit=ACTIVITEIT,
            betrokkenen=personen,
            velden=["logboek"],
            toegang=grant,
        )
    return filter_regels(qs.filter(betrokkene__in=pseudos), params)


def object_voor_audit(actor, model, uuid):
    """The record whose trail an audit reader asks for (AU-05): the FG's within the own controller,
    others' within the own organisation, the circle `personen_voor_audit` and row-level security give
    them (ADR 0002). Not a content read: no grant is needed, nothing of the record is shown."""
    tenancy.activeer(actor)
    qs = model.objects.filter(uuid=uuid)
    if "fg" in actor.rollen:
        qs = qs.filter(verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id)
    else:
        qs = qs.filter(organisatie_id=actor.organisatie.pk)
    return qs.first()


def zoek_op_object(actor, obj, betrokkenen, params: dict) -> QuerySet[AuditRegel]:
    """`audittrail` of a record: the entries whose object it is (a dossier's notes, plans, … are recorded
    on the dossier, so they are in its trail), as far as the reader may see entries (AU-05). The read is
    itself audited on the record and its subjects, so it shows in this trail and in theirs."""
    qs, grant = regels_zichtbaar_voor(actor)
    with transaction.atomic():
        audit.record(
            actor=actor,
            actie="audit.doorzocht",
            activiteit=ACTIVITEIT,
            object=obj,
            betrokkenen=betrokkenen,
            velden=["logboek"],
            toegang=grant,
        )
    soort = f"{obj._meta.app_label}.{obj._meta.model_name}"
    return filter_regels(qs.filter(object_uuid=str(obj.uuid), object_type=soort), params)


def log_doorzoeken(actor, grant, params: dict) -> None:
    with transaction.atomic():
        audit.record(
            actor=actor,
            actie="audit.doorzocht",
            activiteit=ACTIVITEIT,
            velden=sorted(k for k in params if k not in {"page", "pageSize"}) or ["logboek"],
            toegang=grant,
        )


def controlepunten() -> QuerySet[Controlepunt]:
    return Controlepunt.objects.all()
