"""Who may read which audit entries (AU-05), and the audited search."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q, QuerySet

from zorgvuldig.audit import services as audit
from zorgvuldig.audit.models import AuditRegel, Controlepunt, Pseudoniem
from zorgvuldig.core import crypto, tenancy
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


@dataclass(frozen=True)
class Onderwerp:
    """One human in the log (AU-07): the pseudonyms, by subject key, of the person records (`personen`)
    and of the youth in the verwijsindex (`vi`), which is keyed by the BSN's blind index, one key per
    blind-index version. A key without a mapping row (never used, or forgotten) is simply absent."""

    personen: dict[str, str]
    vi: dict[str, str]

    def regels(self, *, personen: bool = True, vi_van: str | None = None) -> Q:
        """The entries about this human: the person records' (unless `personen` is False) and the
        youth's in the index — of every controller, or only of controller `vi_van` (its uuid). An index
        entry tells that the BSN is in the index, so one controller's reader gets its own only."""
        vi = Q(betrokkene__in=list(self.vi.values()))
        if vi_van is not None:
            vi &= Q(verwerkingsverantwoordelijke=vi_van)
        if not personen:
            return vi
        return Q(betrokkene__in=list(self.personen.values())) | vi


def onderwerp(personen: Iterable, bsn: str = "") -> Onderwerp:
    """The shared look-up of "every entry about this person" for the audit search (AU-05) and the
    inzage's "who saw my data" (RI-17): the person records' pseudonyms and the verwijsindex's for the
    given BSN and for the BSN each record holds (so a search by name and birth date finds the index
    entries too). The BSN goes only into the blind index, never into a log or error."""
    from zorgvuldig.verwijsindex.services import betrokkenen_voor_bsn

    personen = list(personen)
    bsns = {bsn.strip()} if bsn and bsn.strip() else set()
    bsns |= {b for p in personen if (b := crypto.ontsleutel(p, "bsn", als_json=False))}
    persoon_sleutels = [audit.subject_key(p) for p in personen]
    vi_sleutels = [k for b in sorted(bsns) for k in betrokkenen_voor_bsn(b)]
    rijen = Pseudoniem.objects.filter(sleutel__in=persoon_sleutels + vi_sleutels)
    mapping = dict(rijen.values_list("sleutel", "pseudoniem"))
    return Onderwerp(
        personen={k: mapping[k] for k in persoon_sleutels if k in mapping},
        vi={k: mapping[k] for k in vi_sleutels if k in mapping},
    )


def zoek_op_personen(actor, personen, params: dict, bsn: str = "") -> QuerySet[AuditRegel]:
    """`_zoek` and `audittrail` by person: via the pseudonym mapping; the search itself is audited (AU-05).

    Found are the person records' entries and the verwijsindex's on the same BSN (`onderwerp`); the
    latter only of the reader's own controller, within the reader's scope. The search's own entry names
    the index subject only when the reader sees an entry about it, so it never tells the reader that the
    BSN is elsewhere in the index. The object read is the log, not the person's content: the subjects
    are named, no content grant.
    """
    qs, grant = regels_zichtbaar_voor(actor)
    wie = onderwerp(personen, bsn)
    controller = str(actor.organisatie.verwerkingsverantwoordelijke.uuid)
    waar = wie.regels(vi_van=controller)
    gezien = (
        set(qs.filter(wie.regels(personen=False, vi_van=controller)).values_list("betrokkene", flat=True))
        if wie.vi
        else set()
    )
    with transaction.atomic():
        audit.record(
            actor=actor,
            actie="audit.doorzocht",
            activiteit=ACTIVITEIT,
            betrokkenen=[*personen, *(k for k, p in wie.vi.items() if p in gezien)],
            velden=["logboek"],
            toegang=grant,
        )
    return filter_regels(qs.filter(waar), params)


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
