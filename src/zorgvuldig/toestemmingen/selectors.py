"""Reads of consents, filtered by need-to-know: the case team of the dossier (SPEC §6 Visibility).

A consent recorded in a dossier is visible to whoever holds a valid grant on that dossier and may read its
"delen" section; one recorded outside a dossier, to whoever holds a grant on the person it concerns.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Exists, OuterRef, Q

from zorgvuldig.audit import services as audit
from zorgvuldig.core import crypto, tenancy
from zorgvuldig.core.clock import today
from zorgvuldig.core.errors import NotFound
from zorgvuldig.core.querysjabloon import Querysjabloon
from zorgvuldig.toegang.models import Toegang
from zorgvuldig.toestemmingen import policies
from zorgvuldig.toestemmingen.models import Toestemming

ACTIVITEIT = "sociaal-domein-ondersteuning"
BIJZONDER = policies.BIJZONDERE_CATEGORIEEN


def doelen(verwerkingsverantwoordelijke_id) -> dict[str, tuple[str, str]]:
    """GP-02, CS-02: the processing activities a consent may name as its purpose (RG-01: the controller's
    active ones and the regional ones), code → (name, purpose code); organisational data, no audit."""
    from zorgvuldig.verstrekkingen.selectors import activiteiten

    alle = activiteiten(verwerkingsverantwoordelijke_id)
    return {code: alle[code] for code, _ in policies.toestemmingsdoelen(alle)}


def doel_tekst(rij: Toestemming) -> str:
    """What the consent's purpose says: its activity's code, or — for a record from before the closed list
    whose text maps to no activity — that text as recorded (the migration kept it, nothing is lost)."""
    return rij.doel or rij.doel_toelichting


def activiteit_namen() -> dict[str, str]:
    """Code → name of every processing activity (RG-01), to show a purpose in words."""
    from zorgvuldig.registers.models import Verwerkingsactiviteit

    return dict(Verwerkingsactiviteit.objects.values_list("code", "naam"))


def doel_in_woorden(rij: Toestemming, namen: dict[str, str]) -> str:
    """A consent's purpose for people: its activity's name (`namen`: `activiteit_namen()`), or the text an
    older record kept."""
    from zorgvuldig.registers.catalogus import doel_naam

    return namen.get(rij.doel) or doel_naam(doel_tekst(rij))


def _grant_op(actor, object_type: str, veld: str):
    return (
        Toegang.objects.geldig_op(today())
        .voor_actor(actor)
        .filter(object_type=object_type, object_id=OuterRef(veld))
    )


def toestemmingen_zichtbaar_voor(actor):
    tenancy.activeer(actor)
    qs = Toestemming.objects.all()
    if actor.is_systeem:
        return qs
    return qs.filter(
        Q(dossier__isnull=False, **{"dossier__in": _dossiers(actor)})
        | Q(dossier__isnull=True) & Q(Exists(_grant_op(actor, "personen.persoon", "betrokkene_id")))
    )


def _dossiers(actor):
    from zorgvuldig.dossiers.selectors import dossiers_zichtbaar_voor

    return dossiers_zichtbaar_voor(actor).values("id")


def veiligheidszorg(rij: Toestemming) -> bool:
    """CS-09: safety concerns are on record when the dossier holds a risk assessment (DS-08)."""
    from zorgvuldig.dossiers.models import Veiligheidsbeoordeling

    return Veiligheidsbeoordeling.objects.filter(dossier=rij.dossier).exists()


def door_client_ingetrokken(actor, sinds):
    """Consents of the actor's dossiers that the client (or a representative) revoked in "Mijn gegevens"
    since `sinds`: the case team must hear of it to weigh CS-09 (SPEC E7)."""
    return (
        toestemmingen_zichtbaar_voor(actor)
        .filter(ingetrokken_kanaal="portaal", ingetrokken_op__gte=sinds, dossier__isnull=False)
        .select_related("dossier")
        .order_by("-ingetrokken_op")
    )


def toestemming_of_404(actor, uuid, recht: str = "lezen"):
    """The consent and the grant that allows `recht` on it (AU-09): the dossier's "delen" section, or the
    person's grant for a consent outside a dossier."""
    rij = (
        toestemmingen_zichtbaar_voor(actor)
        .select_related("betrokkene", "dossier", "vastgelegd_door")
        .filter(uuid=uuid)
        .first()
    )
    if rij is None:
        raise NotFound()
    return rij, grant_voor(actor, rij, recht)


def grant_voor(actor, rij: Toestemming, recht: str):
    if actor.is_systeem:
        return None
    dossier = rij.dossier
    if dossier is not None:
        from zorgvuldig.dossiers.selectors import grants_op, sectie_toegang

        return sectie_toegang(actor, dossier, grants_op(actor, dossier), "delen", recht)
    from zorgvuldig.toegang.selectors import object_of_404

    return object_of_404(actor, type(rij.betrokkene).objects.all(), rij.betrokkene.uuid, recht)[1]


def status(rij: Toestemming) -> str:
    """RT-12: `verlopen` derived at read time."""
    return policies.status_op(rij.status, rij.geldig_tot, today())


def inhoud(rij: Toestemming) -> dict:
    return crypto.ontsleutel(rij, "inhoud") or {}


def feit(rij: Toestemming) -> policies.Toestemmingsfeit:
    return policies.Toestemmingsfeit(
        soort=rij.soort,
        status=rij.status,
        doel=rij.doel,
        ontvangers=tuple(
            policies.Ontvanger(o.get("organisatie"), o.get("naam")) for o in (rij.ontvangers or [])
        ),
        gegevenscategorieen=frozenset(rij.gegevenscategorieen or []),
        vorm=rij.vorm,
        uitdrukkelijk=rij.uitdrukkelijk,
        geldig_tot=rij.geldig_tot,
        als_grondslag=rij.als_grondslag,
    )


# Compiled once per connection (core.querysjabloon): the lookup before every consent-based share.
_IN_DOSSIER = Querysjabloon(
    lambda dossier, uuid: Toestemming.objects.filter(dossier_id=dossier, uuid=uuid).order_by("pk")[:1],
    dossier="id",
    uuid="uuid",
)


def in_dossier(dossier, uuid) -> Toestemming | None:
    """The consent `uuid` recorded in this dossier (one the caller may see: its grants were checked)."""
    return _IN_DOSSIER.eerste(dossier=dossier.pk, uuid=uuid)


def dekt_bijzondere_gegevens(dossier, uuid) -> bool:
    """DS-10: an explicit consent of this dossier, given and valid today, covering special-category data."""
    rij = in_dossier(dossier, uuid)
    if rij is None or not rij.uitdrukkelijk:
        return False
    if not policies.is_geldig(rij.status, rij.geldig_tot, today()):
        return False
    return bool(BIJZONDER & set(rij.gegevenscategorieen or []))


def lees(actor, uuid) -> Toestemming:
    with transaction.atomic():
        rij, grant = toestemming_of_404(actor, uuid)
        audit.record(
            actor=actor,
            actie="toestemming.ingezien",
            activiteit=ACTIVITEIT,
            object=rij,
            betrokkenen=[rij.betrokkene],
            velden=["soort", "gevers", "doel", "ontvangers", "gegevenscategorieen", "status"],
            toegang=grant,
        )
    return rij


def lijst(actor, rijen) -> list[Toestemming]:
    """A page of consents: those whose "delen" section the actor may read, each read audited with its
    grant (AU-01, AU-09)."""
    from zorgvuldig.core.errors import DomainError

    zichtbaar = []
    with transaction.atomic():
        for rij in rijen:
            try:
                grant = grant_voor(actor, rij, "lezen")
            except (DomainError, NotFound):
                continue  # a dossier the actor sees, but not its consent section (AC-05)
            zichtbaar.append(rij)
            audit.record(
                actor=actor,
                actie="toestemming.lijst_ingezien",
                activiteit=ACTIVITEIT,
                object=rij,
                betrokkenen=[rij.betrokkene],
                velden=["soort", "doel", "status"],
                toegang=grant,
            )
    return zichtbaar
