"""Reads of sharing decisions and of the disclosure register, filtered by need-to-know (SPEC §7 Visibility).

Decisions belong to the dossier: whoever may read its "delen" section. Disclosure entries: the case team
for the persons it may see; the FG of the controller sees every entry's metadata but not which data
(API §2.6: `gegevens` not for the FG).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q

from zorgvuldig.audit import services as audit
from zorgvuldig.core import crypto, tenancy
from zorgvuldig.core.errors import NotFound
from zorgvuldig.verstrekkingen.models import Deelbesluit, Verstrekking

ACTIVITEIT = "gegevensdeling"


def activiteiten(verwerkingsverantwoordelijke_id) -> dict[str, tuple[str, str]]:
    """RG-01: the active processing activities of the controller and the regional ones, as
    code → (name, purpose code); the catalogue is organisational data, no audit."""
    from django.db.models import Q

    from zorgvuldig.registers.models import Verwerkingsactiviteit

    qs = (
        Verwerkingsactiviteit.objects.filter(actief=True)
        .filter(
            Q(verwerkingsverantwoordelijke__isnull=True)
            | Q(verwerkingsverantwoordelijke_id=verwerkingsverantwoordelijke_id)
        )
        .select_related("doel")
        .order_by("naam")
    )
    return {a.code: (a.naam, a.doel.code) for a in qs}


def deeldoelen(verwerkingsverantwoordelijke_id) -> list[tuple[str, str]]:
    """GP-02: the processing activities a sharing decision may name as its purpose (code, name)."""
    from zorgvuldig.verstrekkingen import policies as p

    return [
        (code, naam)
        for code, (naam, doel) in activiteiten(verwerkingsverantwoordelijke_id).items()
        if p.doel_toegestaan(doel)
    ]


def deelbesluiten_zichtbaar_voor(actor):
    from zorgvuldig.dossiers.selectors import dossiers_zichtbaar_voor

    tenancy.activeer(actor)
    return Deelbesluit.objects.filter(dossier__in=dossiers_zichtbaar_voor(actor).values("id"))


def deelbesluit_of_404(actor, uuid, recht: str = "lezen"):
    """The decision and the grant on its dossier's "delen" section that allows `recht` (AU-09)."""
    from zorgvuldig.dossiers.selectors import grants_op, sectie_toegang

    rij = deelbesluiten_zichtbaar_voor(actor).select_related("dossier").filter(uuid=uuid).first()
    if rij is None:
        raise NotFound()
    if actor.is_systeem:
        return rij, None
    return rij, sectie_toegang(actor, rij.dossier, grants_op(actor, rij.dossier), "delen", recht)


def lees_deelbesluit(actor, uuid, doel: str | None = None) -> Deelbesluit:
    """One decision, audited under the sharing activity (ADR 0011 item 9) — or, when the caller names in
    `doel` (its `Verwerkingsdoel`) the purpose the decision itself is logged under, under that activity
    and purpose (GP-02, API §1.3)."""
    from zorgvuldig.registers.services import activiteit as zoek_activiteit
    from zorgvuldig.verstrekkingen.deelbesluiten import _betrokkenen, activiteit_van, doel_van

    with transaction.atomic():
        rij, grant = deelbesluit_of_404(actor, uuid)
        activiteit, eigen = ACTIVITEIT, None
        if doel is not None and doel != zoek_activiteit(ACTIVITEIT)[1] and doel == doel_van(rij):
            activiteit, eigen = activiteit_van(rij)
        audit.record(
            actor=actor,
            actie="deelbesluit.ingezien",
            activiteit=activiteit,
            doel=eigen,
            object=rij,
            betrokkenen=_betrokkenen(rij),
            velden=["ontvanger", "grond", "stappen", "besluit"],
            toegang=grant,
        )
    return rij


def lees_lijst(actor, rijen) -> list[Deelbesluit]:
    """A page of decisions: those whose dossier section "delen" the actor may read, each audited."""
    from zorgvuldig.core.errors import DomainError
    from zorgvuldig.dossiers.selectors import grants_op, sectie_toegang
    from zorgvuldig.verstrekkingen.deelbesluiten import _betrokkenen

    uit = []
    with transaction.atomic():
        for rij in rijen:
            try:
                grant = sectie_toegang(actor, rij.dossier, grants_op(actor, rij.dossier), "delen", "lezen")
            except DomainError:
                continue
            uit.append(rij)
            audit.record(
                actor=actor,
                actie="deelbesluit.lijst_ingezien",
                activiteit=ACTIVITEIT,
                object=rij,
                betrokkenen=_betrokkenen(rij),
                velden=["ontvanger", "grond", "status"],
                toegang=grant,
            )
    return uit


# --- Disclosure register (SH-16) ------------------------------------------------------------------


def verstrekkingen_zichtbaar_voor(actor):
    """The case team: entries about persons it may see; the FG: every entry of its controller."""
    from zorgvuldig.personen.selectors import personen_zichtbaar_voor

    tenancy.activeer(actor)
    qs = Verstrekking.objects.select_related("ontvanger_organisatie", "persoon")
    if "fg" in actor.rollen:
        return qs.filter(verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id)
    return qs.filter(persoon__in=personen_zichtbaar_voor(actor).values("id"))


def over_betrokkene(personen, bsn: str | None = "") -> Q:
    """SH-16/RI-05/RI-11: every disclosure about one human — the entries on the person records, and the
    VI match notices about the BSN. The index knows a youth by BSN only, under the blind index of the key
    version the signal was made under: every candidate index (as `verwijsindex.betrokkenen_voor_bsn`).
    Callers add the scope (whose entries)."""
    waar = Q(persoon__in=personen)
    if bsn:
        waar |= Q(bron=Verstrekking.Bron.VI_MATCH, bsn_index__in=crypto.blind_index_candidates(bsn))
    return waar


def verstrekkingen_over_persoon(actor, persoon):
    """SH-16 "wat is er over deze persoon gedeeld": the entries on the person record the actor may see,
    plus the VI match notices about the person's BSN that the actor's own organisation gave (its signal
    was disclosed to the other signalers, VI-11) — the FG: those of its controller. Another
    organisation's notices stay out: that it signalled is its business (VI-17; row-level security keeps
    the same line)."""
    from zorgvuldig.personen.selectors import bsn as bsn_van

    qs = verstrekkingen_zichtbaar_voor(actor)
    vi = Q(verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id)
    if "fg" not in actor.rollen:
        vi &= Q(organisatie_id=actor.organisatie.pk)
    eigen_vi = Verstrekking.objects.filter(over_betrokkene([], bsn_van(persoon)) & vi)
    return qs.filter(persoon=persoon) | eigen_vi.select_related("ontvanger_organisatie", "persoon")


def vi_verstrekking_van_organisatie(actor, uuid) -> bool:
    """The single-entry read of a VI match notice the actor's organisation gave (listed under a person by
    `verstrekkingen_over_persoon`): its `url` must resolve (API §1.1)."""
    tenancy.activeer(actor)
    return Verstrekking.objects.filter(
        uuid=uuid, bron=Verstrekking.Bron.VI_MATCH, organisatie_id=actor.organisatie.pk
    ).exists()


def filter_verstrekkingen(
    qs,
    *,
    persoon=None,
    dossier=None,
    bron: str | None = None,
    ontvanger=None,
    vanaf: dt.date | None = None,
    tot: dt.date | None = None,
):
    """SH-16/API §2.6 filters; "everything provided to organisation X in period T" is `ontvanger` + dates,
    served by the (ontvanger_organisatie, datum) index."""
    if persoon is not None:
        qs = qs.filter(persoon=persoon)  # the person's VI notices too: `verstrekkingen_over_persoon`
    if dossier is not None:
        qs = qs.filter(
            herkomst__in=[f"deelbesluit:{u}" for u in dossier.deelbesluiten.values_list("uuid", flat=True)]
        )
    if bron:
        qs = qs.filter(bron=bron)
    if ontvanger is not None:
        qs = qs.filter(ontvanger_organisatie=ontvanger)
    if vanaf:
        qs = qs.filter(datum__gte=vanaf)
    if tot:
        qs = qs.filter(datum__lte=tot)
    return qs


def log_verstrekkingen(actor, rijen, zoekvraag: dict) -> None:
    """Reading the register is a processing (AU-01): one entry per person shown; the FG reads metadata."""
    velden = ["ontvanger", "datum", "doel", "grond"] + ([] if "fg" in actor.rollen else ["gegevens"])
    with transaction.atomic():
        for rij in rijen:
            audit.record(
                actor=actor,
                actie="verstrekking.ingezien",
                activiteit="verantwoording-toezicht" if "fg" in actor.rollen else ACTIVITEIT,
                object=rij,
                betrokkenen=[rij.persoon] if rij.persoon_id else [f"vi:{rij.bsn_index}"],
                velden=velden,
            )


def deelbesluit_voor_goedkeuring(actor, uuid) -> Deelbesluit:
    """SH-14: the leidinggevende approving a postponement of the own organisation's decision needs no
    content grant on the dossier; tenancy still applies."""
    tenancy.activeer(actor)
    rij = Deelbesluit.objects.filter(uuid=uuid, organisatie_id=actor.organisatie.pk).first()
    if rij is None or "leidinggevende" not in actor.rollen:
        raise NotFound()
    return rij


def advies_van(actor, uuid) -> Deelbesluit:
    """SH-11: a decision whose consultation is recorded in the actor's name (own organisation). The
    adviser reads and answers the advice without a content grant on the dossier, like the approval of a
    postponement; tenancy still applies."""
    tenancy.activeer(actor)
    rij = (
        Deelbesluit.objects.filter(
            uuid=uuid, organisatie_id=actor.organisatie.pk, consultatie_door_id=actor.gebruiker.pk
        )
        .select_related("dossier", "aangemaakt_door", "ontvanger_organisatie")
        .first()
    )
    if rij is None:
        raise NotFound()
    return rij


def lees_advies(actor, uuid) -> Deelbesluit:
    """The adviser's read of the advice recorded in their name: audited (AU-01), the consultation only."""
    from zorgvuldig.verstrekkingen.deelbesluiten import _betrokkenen, activiteit_van

    with transaction.atomic():
        rij = advies_van(actor, uuid)
        activiteit, doel = activiteit_van(rij)
        audit.record(
            actor=actor,
            actie="deelbesluit.ingezien",
            activiteit=activiteit,
            doel=doel,
            object=rij,
            betrokkenen=_betrokkenen(rij),
            velden=["consultatie"],
            koppeling={"deelbesluit": str(rij.uuid)},
        )
    return rij


def adviezen_op_naam(actor, sinds):
    """SH-11: decisions whose consultation was recorded in the actor's name since `sinds` (the inbox)."""
    tenancy.activeer(actor)
    if actor.gebruiker is None:
        return Deelbesluit.objects.none()
    return Deelbesluit.objects.filter(
        organisatie_id=actor.organisatie.pk, consultatie_door_id=actor.gebruiker.pk, consultatie_op__gte=sinds
    ).select_related("dossier", "aangemaakt_door")


def adviezen_te_bevestigen(actor) -> list[Deelbesluit]:
    """SH-11: decisions whose consultation a colleague recorded in the actor's name and that the actor
    has not yet confirmed or corrected (the reaction sits in the encrypted answers: checked per row; the
    set is small — one user's consultations)."""
    from zorgvuldig.verstrekkingen.deelbesluiten import advies_reactie

    tenancy.activeer(actor)
    if actor.gebruiker is None:
        return []
    qs = (
        Deelbesluit.objects.filter(
            organisatie_id=actor.organisatie.pk,
            consultatie_door_id=actor.gebruiker.pk,
            consultatie_op__isnull=False,
        )
        .select_related("dossier", "aangemaakt_door")
        .order_by("consultatie_op", "id")
    )
    return [r for r in qs if advies_reactie(r) is None]


def wacht_op_goedkeuring(actor) -> list[Deelbesluit]:
    """SH-14/RT-12: executed decisions of the leidinggevende's organisation whose informing is to be
    postponed and awaits approval, or whose review is due — without a content grant, like
    `deelbesluit_voor_goedkeuring`."""
    from zorgvuldig.core.clock import today
    from zorgvuldig.verstrekkingen import policies as p

    tenancy.activeer(actor)
    if "leidinggevende" not in actor.rollen:
        return []
    qs = (
        Deelbesluit.objects.filter(
            organisatie_id=actor.organisatie.pk,
            informeren_moment=p.UITGESTELD,
            status__in=(p.UITGEVOERD, p.INFORMEREN_UITGESTELD),
        )
        .select_related("dossier", "ontvanger_organisatie")
        .order_by("uitgevoerd_op", "id")
    )
    vandaag = today()
    return [
        r
        for r in qs
        if r.status == p.UITGEVOERD or (r.reviewdatum and p.review_verschuldigd(r.reviewdatum, vandaag))
    ]
