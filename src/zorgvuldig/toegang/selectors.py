"""Building blocks for need-to-know selectors: which grant lets this actor reach this object."""

from __future__ import annotations

from django.apps import apps
from django.db.models import Exists, OuterRef, QuerySet

from zorgvuldig.core import tenancy
from zorgvuldig.core.clock import today
from zorgvuldig.core.errors import DomainError, NotFound
from zorgvuldig.toegang.models import Toegang


def object_type(model) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def grants_voor(actor, model, recht: str = "lezen", bronnen=None, vandaag=None) -> QuerySet[Toegang]:
    qs = (
        Toegang.objects.geldig_op(vandaag or today())
        .voor_actor(actor)
        .filter(object_type=object_type(model), **{recht: True})
    )
    if bronnen:
        qs = qs.filter(bron__in=bronnen)
    return qs


def met_grant(qs: QuerySet, actor, recht: str = "lezen", bronnen=None, vandaag=None) -> QuerySet:
    """Restrict `qs` to rows the actor holds a valid grant for (joined in SQL, DESIGN §5.1)."""
    if actor.is_systeem:
        return qs
    grants = grants_voor(actor, qs.model, recht, bronnen, vandaag).filter(object_id=OuterRef("pk"))
    return qs.filter(Exists(grants))


def grant_voor_object(actor, obj, recht: str = "lezen", bronnen=None) -> Toegang | None:
    """The grant that allows this act (AU-09), narrowest-first: personal before organisational."""
    if actor.is_systeem:
        return None
    return (
        grants_voor(actor, type(obj), recht, bronnen)
        .filter(object_id=obj.pk)
        .order_by("ontvanger_organisatie_id", "-geldig_vanaf", "id")
        .first()
    )


def object_of_404(actor, qs: QuerySet, uuid, recht: str = "lezen"):
    """A protected object and the grant that allows `recht` on it (AU-09).

    Without a read grant the object is invisible: 404 exactly like a missing one (DESIGN §5.2). Visible
    but without the right for this act: 403 E_AC_NOT_AUTHORISED.
    """
    obj = met_grant(qs, actor, "lezen").filter(uuid=uuid).first()
    if obj is None:
        raise NotFound()
    grant = grant_voor_object(actor, obj, recht)
    if grant is None and not actor.is_systeem:
        fout = DomainError("E_AC_NOT_AUTHORISED", f"U heeft geen toegang met recht '{recht}' (AC-14).")
        # The actor can see it, so the refusal may name it; the person's audit trail then shows it (AU-04).
        fout.audit_object = obj  # type: ignore[attr-defined]
        fout.audit_betrokkenen = [obj] if obj._meta.label_lower == "personen.persoon" else []  # type: ignore[attr-defined]
        raise fout
    return obj, grant


def toegangen_zichtbaar_voor(actor) -> QuerySet[Toegang]:
    """AC-14 read: FG for its controller, leidinggevende for the own organisation's grants."""
    tenancy.activeer(actor)
    qs = Toegang.objects.select_related(
        "ontvanger_gebruiker",
        "ontvanger_organisatie",
        "verleend_door",
        "noodtoegang__beoordeeld_door",  # AC-11: a break-glass grant shows its review
    )
    if "fg" in actor.rollen:
        return qs.filter(verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id)
    return qs.filter(organisatie_id=actor.organisatie.pk)


def gefilterd(
    qs: QuerySet[Toegang], *, bron: str | None = None, beoordeling: str | None = None, vandaag=None
) -> QuerySet[Toegang]:
    """Grants by source and (AC-11) by where a break-glass review stands; the same derivation as
    `policies.noodtoegang_beoordeling`, in SQL."""
    from zorgvuldig.toegang import policies

    if bron:
        qs = qs.filter(bron=bron)
    if beoordeling:
        vandaag = vandaag or today()
        open_ = {"noodtoegang__beoordeeld_op__isnull": True}
        qs = qs.filter(
            **{
                policies.BEOORDELING_OPEN: {**open_, "noodtoegang__beoordelen_voor__gte": vandaag},
                policies.BEOORDELING_TE_LAAT: {**open_, "noodtoegang__beoordelen_voor__lt": vandaag},
                policies.BEOORDELING_TERECHT: {"noodtoegang__akkoord": True},
                policies.BEOORDELING_NIET_TERECHT: {"noodtoegang__akkoord": False},
            }[beoordeling]
        )
    return qs


def beoordeling_van(grant: Toegang, vandaag=None) -> dict | None:
    """AC-11: a break-glass grant's review — status, deadline, who and when — or None for other grants."""
    from zorgvuldig.toegang import policies
    from zorgvuldig.toegang.models import Noodtoegang

    try:
        n = grant.noodtoegang
    except Noodtoegang.DoesNotExist:
        return None
    status = policies.noodtoegang_beoordeling(
        beoordeeld=n.beoordeeld_op is not None,
        akkoord=n.akkoord,
        beoordelen_voor=n.beoordelen_voor,
        vandaag=vandaag or today(),
    )
    return {
        "status": status,
        "label": policies.BEOORDELING_LABELS[status],
        "beoordelen_voor": n.beoordelen_voor,
        "beoordeeld_door": n.beoordeeld_door,
        "beoordeeld_op": n.beoordeeld_op,
        "toelichting": n.toelichting,
        "dreiging_voor": list(n.dreiging_voor or []),
    }


# What a grant opens, in words, and where that record's reference (kenmerk) lives, with the words that
# join the two. The technical beheerder tells a user's grants apart by these (demo review L10) without
# reaching content (AC-06): a kenmerk is a number without personal data; a grant on a person record or a
# request shows only its kind.
GRANT_OBJECTEN: dict[str, tuple[str, str | None, str]] = {
    "dossiers.dossier": ("Dossier", "kenmerk", ""),
    "dossiers.notitie": ("Notitie", "dossier__kenmerk", "in dossier"),
    "dossiers.zorgsignaal": ("Zorgsignaal", "dossier__kenmerk", "bij dossier"),
    "casusoverleg.casusoverleg": ("Casusoverleg", "kenmerk", ""),
    "casusoverleg.bijdrage": ("Bijdrage", "casusoverleg__kenmerk", "aan casusoverleg"),
    "personen.persoon": ("Persoonsgegevens van een cliënt", None, ""),
    "personen.huishouden": ("Huishouden van een cliënt", None, ""),
    "rechten.verzoek": ("Verzoek van een betrokkene", None, ""),
    "organisaties.organisatie": ("Logboek van de organisatie", None, ""),
}


def grant_verwijzingen(grants) -> dict[int, str]:
    """Per grant (by pk): the kind of record it opens and, for a dossier or case table, its kenmerk, e.g.
    "Notitie in dossier D2026-0001". One query per kind reading only the kenmerk column, never a name or
    BSN. A record the actor's row-level security hides, or one destroyed, shows its kind alone."""
    per_soort: dict[str, set[int]] = {}
    for g in grants:
        per_soort.setdefault(g.object_type, set()).add(g.object_id)
    kenmerken: dict[tuple[str, int], str] = {}
    for soort, ids in per_soort.items():
        pad = GRANT_OBJECTEN[soort][1] if soort in GRANT_OBJECTEN else None
        if pad is not None:
            rijen = apps.get_model(soort).objects.filter(pk__in=ids).values_list("pk", pad)
            kenmerken |= {(soort, pk): k for pk, k in rijen if k}
    uit = {}
    for g in grants:
        woorden, _, bij = GRANT_OBJECTEN.get(g.object_type, ("Ander gegeven", None, ""))
        kenmerk = kenmerken.get((g.object_type, g.object_id))
        uit[g.pk] = " ".join(w for w in (woorden, bij, kenmerk) if w) if kenmerk else woorden
    return uit
