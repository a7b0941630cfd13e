"""Reads of person data, filtered by need-to-know (grants) and audited (AU-01, AU-09)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from zorgvuldig.audit import services as audit
from zorgvuldig.core import crypto, tenancy
from zorgvuldig.core.clock import today
from zorgvuldig.core.errors import DomainError, InvalidParam, NotFound
from zorgvuldig.personen import policies
from zorgvuldig.personen.models import Beoordeling, Huishouden, NietVoorVertegenwoordigers, Persoon, Relatie
from zorgvuldig.toegang.models import Bron
from zorgvuldig.toegang.selectors import grant_voor_object, met_grant, object_of_404

ACTIVITEIT = "sociaal-domein-ondersteuning"
# What a person's representation shows besides BSN and address (named in each read's audit entry).
GETOONDE_VELDEN = ("naam", "geboortedatum", "geboorteplaats", "contact", "relevantie", "vertegenwoordigers")
BSN_BRONNEN = [Bron.CASUSTEAM, Bron.VERVANGER]  # "the BSN only to the case team" (SPEC §3 Visibility)


def personen_zichtbaar_voor(actor):
    """Persons the actor holds a valid grant for. Never call Persoon.objects directly in views."""
    tenancy.activeer(actor)
    return met_grant(Persoon.objects.all(), actor)


def persoon_of_404(actor, uuid, recht: str = "lezen") -> tuple[Persoon, object]:
    """The person and the grant that allows `recht`; a person without grant is 'not found' (DESIGN §5.2)."""
    tenancy.activeer(actor)
    return object_of_404(actor, Persoon.objects.all(), uuid, recht)


def persoon_voor_toegangsbeheer(actor, uuid) -> Persoon:
    """The object of a grant a leidinggevende (own organisation) or FG (own controller) gives or ends.

    Managing access is not reading content: no content grant is needed, but tenancy still applies.
    """
    persoon = _eigen_kring(actor).filter(uuid=uuid).first()
    if persoon is None:
        raise NotFound()
    return persoon


def _eigen_kring(actor):
    """Persons an FG (own controller) or another manager (own organisation) may manage or audit without a
    content grant; the same scope row-level security gives them on PostgreSQL (ADR 0002)."""
    tenancy.activeer(actor)
    if "fg" in actor.rollen:
        return Persoon.objects.filter(verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id)
    return Persoon.objects.filter(organisatie_id=actor.organisatie.pk)


def mag_bsn_zien(actor, persoon) -> bool:
    return grant_voor_object(actor, persoon, "lezen", BSN_BRONNEN) is not None


def mag_geheim_adres_zien(actor, persoon) -> bool:
    return grant_voor_object(actor, persoon, "lezen", [Bron.GEHEIM_ADRES]) is not None


def bsn(persoon: Persoon) -> str | None:
    if not persoon.bsn_versleuteld:
        return None
    return crypto.decrypt(
        persoon.verwerkingsverantwoordelijke_id,
        "personen_persoon",
        "bsn",
        persoon.uuid,
        persoon.bsn_versleuteld,
    )


def situatie(persoon: Persoon, op: dt.date) -> policies.Situatie:
    """What the representation rules need about this person on `op` (PE-04 … PE-08, CS-16)."""
    categorie = policies.leeftijdscategorie(
        persoon.geboortedatum, op, persoon.geschatte_leeftijdscategorie or None
    )
    relaties = tuple(
        policies.Relatie(
            persoon=str(r.ander.uuid),
            soort=r.soort,
            vanaf=r.vanaf,
            tot=r.tot,
            bereid=r.bereid,
            reikwijdte=frozenset(r.reikwijdte or []),
        )
        for r in Relatie.objects.filter(persoon=persoon).select_related("ander")
    )

    return policies.Situatie(
        categorie=categorie,
        relaties=relaties,
        wilsonbekwaam=bool(_laatste_beoordeling(persoon, Beoordeling.Soort.WILSONBEKWAAMHEID, op)),
        bekwaam_12_15=_laatste_beoordeling(persoon, Beoordeling.Soort.BEKWAAMHEID_12_15, op),
    )


def vertegenwoordigers(persoon: Persoon, op: dt.date) -> list[Persoon]:
    try:
        s = situatie(persoon, op)
    except policies.LeeftijdOnbekend:
        return []
    ids = policies.vertegenwoordigers(s, op)
    found = {str(p.uuid): p for p in Persoon.objects.filter(uuid__in=ids)}
    return [found[i] for i in ids if i in found]


def lees_persoon(actor, uuid) -> tuple[Persoon, dict]:
    """Detail read: the person, what this actor may see of it, audited with the grant (AU-09, PE-03)."""
    with transaction.atomic():
        persoon, grant = persoon_of_404(actor, uuid)
        zicht = {
            "bsn": mag_bsn_zien(actor, persoon),
            "adres": True,
            "bron": getattr(grant, "bron", None),
            "toegang": grant,
        }
        if persoon.geheim_adres:
            zicht["adres"] = mag_geheim_adres_zien(actor, persoon)
        velden = list(GETOONDE_VELDEN)
        if zicht["bsn"] and persoon.bsn_versleuteld:
            velden.append("bsn")
        if zicht["adres"]:
            velden.append("adres")
        actie = (
            "persoon.geheim_adres_ingezien" if persoon.geheim_adres and zicht["adres"] else "persoon.ingezien"
        )
        audit.record(
            actor=actor,
            actie=actie,
            activiteit=ACTIVITEIT,
            object=persoon,
            betrokkenen=[persoon],
            velden=velden,
            toegang=grant,
        )
    return persoon, zicht


def zicht_voor_lijst(actor, personen) -> dict[int, dict]:
    """Per person in a list: BSN and secret address only where a grant allows (PE-03)."""
    return {
        p.pk: {
            "bsn": mag_bsn_zien(actor, p),
            "adres": (not p.geheim_adres) or mag_geheim_adres_zien(actor, p),
        }
        for p in personen
    }


def audit_lijst(actor, personen, actie: str = "persoon.lijst_ingezien") -> dict[int, dict]:
    """A list shows personal data of every person in it: one entry per subject, naming the fields shown
    (BSN and a secret address only where a grant allows, PE-03) and the grant (AU-01, AU-09).
    Returns what may be shown per person."""
    zicht = zicht_voor_lijst(actor, personen)
    with transaction.atomic():
        for p in personen:
            velden = list(GETOONDE_VELDEN)
            velden += ["bsn"] if zicht[p.pk]["bsn"] and p.bsn_versleuteld else []
            velden += ["adres"] if zicht[p.pk]["adres"] else []
            audit.record(
                actor=actor,
                actie=actie,
                activiteit=ACTIVITEIT,
                object=p,
                betrokkenen=[p],
                velden=velden,
                toegang=grant_voor_object(actor, p),
            )
    return zicht


def zoek(
    actor,
    *,
    bsn: str | None = None,
    geslachtsnaam: str | None = None,
    geboortedatum=None,
    pagina=lambda qs: list(qs[:50]),
) -> tuple[list[Persoon], dict[int, dict]]:
    """POST _zoek: visible persons only; the BSN is matched through the blind index, never stored in clear.
    `pagina` picks the page to return (and audit) from the ordered result."""
    qs = personen_zichtbaar_voor(actor)
    if bsn:
        qs = qs.filter(bsn_index__in=crypto.blind_index_candidates(bsn))
    else:
        qs = qs.filter(geslachtsnaam__iregex=policies.achternaam_patroon(geslachtsnaam or ""))
        if geboortedatum is not None:  # the API asks for both; the UI also searches by surname alone
            qs = qs.filter(geboortedatum=geboortedatum)
    gevonden = list(pagina(qs.order_by("id")))
    if gevonden:
        return gevonden, audit_lijst(actor, gevonden, actie="persoon.gezocht")
    with transaction.atomic():
        audit.record(actor=actor, actie="persoon.gezocht", activiteit=ACTIVITEIT, velden=["zoekvraag"])
    return gevonden, {}


def leeftijdscategorie(persoon: Persoon, op: dt.date | None = None) -> str | None:
    try:
        return policies.leeftijdscategorie(
            persoon.geboortedatum, op or today(), persoon.geschatte_leeftijdscategorie or None
        ).value
    except policies.LeeftijdOnbekend:
        return None


def relaties_van(persoon: Persoon):
    """Relations of a person already read through `lees_persoon` (which audited the access)."""
    return Relatie.objects.filter(persoon=persoon).select_related("ander", "persoon").order_by("id")


def relaties_met_namen(actor, persoon: Persoon) -> list[dict]:
    """The relations of a person already read, each naming the other person only where the actor may
    see that person too (need-to-know); naming them is a read of their data, audited per person."""
    relaties = list(relaties_van(persoon))
    zichtbaar = {
        p.pk: p for p in personen_zichtbaar_voor(actor).filter(pk__in=[r.ander_id for r in relaties])
    }
    with transaction.atomic():
        for ander in zichtbaar.values():
            audit.record(
                actor=actor,
                actie="persoon.lijst_ingezien",
                activiteit=ACTIVITEIT,
                object=ander,
                betrokkenen=[ander],
                velden=["voornamen", "voorvoegsel", "geslachtsnaam"],
                toegang=grant_voor_object(actor, ander),
            )
    return [{"relatie": r, "ander": zichtbaar.get(r.ander_id)} for r in relaties]


def beoordelingen_van(persoon: Persoon):
    return Beoordeling.objects.filter(persoon=persoon).select_related("beoordelaar").order_by("datum", "id")


def huishoudens_zichtbaar_voor(actor):
    tenancy.activeer(actor)
    return met_grant(Huishouden.objects.all(), actor)


def huishouden_of_404(actor, uuid, recht: str = "lezen") -> tuple[Huishouden, object]:
    tenancy.activeer(actor)
    return object_of_404(actor, Huishouden.objects.all(), uuid, recht)


def lees_huishoudens(actor, huishoudens) -> list[Huishouden]:
    """Households with their members, audited per member (AU-01)."""
    rows = list(huishoudens)
    with transaction.atomic():
        for h in rows:
            leden = [lid.persoon for lid in h.leden.select_related("persoon")]
            audit.record(
                actor=actor,
                actie="huishouden.ingezien",
                activiteit=ACTIVITEIT,
                object=h,
                betrokkenen=leden,
                velden=["naam", "leden"],
                toegang=grant_voor_object(actor, h),
            )
    return rows


def niet_voor_vertegenwoordigers(object_type: str, object_uuid) -> bool:
    """PE-11: is this item marked to be kept from the person's representatives?"""
    return NietVoorVertegenwoordigers.objects.filter(
        object_type=object_type, object_uuid=object_uuid
    ).exists()


def vereis_bsn(persoon: Persoon) -> str:
    """PE-02: a function that needs the BSN (in this spec only the VI signal) refuses without one."""
    waarde = bsn(persoon)
    if not waarde:
        raise DomainError(
            "E_PE_BSN_REQUIRED",
            "Voor deze handeling is een BSN nodig (PE-02).",
            [InvalidParam("bsn", "E_PE_BSN_REQUIRED", "BSN ontbreekt.")],
        )
    return waarde


def wilsonbekwaam(persoon: Persoon, op: dt.date | None = None) -> bool:
    """PE-07: the latest incapacity finding in force (a later finding of capacity supersedes it)."""
    return bool(_laatste_beoordeling(persoon, Beoordeling.Soort.WILSONBEKWAAMHEID, op or today()))


def _laatste_beoordeling(persoon: Persoon, soort: str, op: dt.date) -> bool | None:
    """The outcome of the latest assessment of this kind on or before `op` (append-only: newest wins)."""
    return (
        Beoordeling.objects.filter(persoon=persoon, soort=soort, datum__lte=op)
        .order_by("-datum", "-id")
        .values_list("uitkomst", flat=True)
        .first()
    )


def personen_voor_audit(
    actor, *, uuid=None, bsn: str | None = None, geslachtsnaam: str = "", geboortedatum=None
) -> list[Persoon]:
    """The persons an audit reader may search the log for (AU-05): the FG within the own controller,
    others within the own organisation — by uuid, BSN, or surname and birth date together (a person
    without BSN, SPEC E8). Not a content read: no grant is needed, nothing is shown."""
    qs = _eigen_kring(actor)
    if uuid is not None:
        qs = qs.filter(uuid=uuid)
    elif bsn:
        qs = qs.filter(bsn_index__in=crypto.blind_index_candidates(bsn))
    elif geslachtsnaam.strip() and geboortedatum is not None:
        qs = qs.filter(
            geslachtsnaam__iregex=policies.achternaam_patroon(geslachtsnaam), geboortedatum=geboortedatum
        )
    else:
        return []
    return list(qs.order_by("id")[:100])


def persoon_voor_noodtoegang(actor, *, bsn=None, geslachtsnaam=None, geboortedatum=None) -> Persoon | None:
    """AC-11: break-glass reaches a person registered by the own organisation, also without a grant,
    found by BSN or by surname and birth date together, and only when exactly one person matches. Only
    the service that writes the break-glass grant and its audit entry may use the result."""
    tenancy.activeer(actor)
    qs = Persoon.objects.filter(organisatie=actor.organisatie)
    if bsn:
        qs = qs.filter(bsn_index__in=crypto.blind_index_candidates(bsn))
    elif geslachtsnaam and geboortedatum:
        qs = qs.filter(
            geslachtsnaam__iregex=policies.achternaam_patroon(geslachtsnaam), geboortedatum=geboortedatum
        )
    else:
        return None
    gevonden = list(qs.order_by("id")[:2])
    return gevonden[0] if len(gevonden) == 1 else None
