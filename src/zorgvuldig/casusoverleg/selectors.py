"""Reads of case tables, narrowed by the viewer's place at the table (CT-06, CT-12, RT-08) and audited.

A case without a valid grant for the actor (`deelname` for directors, registrant and participants) is
"not found" (DESIGN §5.2). What the viewer then sees follows from `policies.zicht` and
`policies.bijdrage_zichtbaar`: the directors everything, an OWN_TASK participant the case, an ADVISOR a
pseudonymised case, an INFORMANT only the identification and its question; after the allocation only
what was allocated (a `toedeling` grant on the contribution).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from zorgvuldig.audit import services as audit
from zorgvuldig.casusoverleg import policies
from zorgvuldig.casusoverleg.models import (
    Actiepunt,
    Bijdrage,
    Bijeenkomst,
    Casusoverleg,
    Deelnemer,
    Overlegtype,
    Toedeling,
)
from zorgvuldig.core import crypto, tenancy
from zorgvuldig.core.errors import DomainError, NotFound
from zorgvuldig.personen.models import Persoon
from zorgvuldig.toegang.models import Bron, Toegang
from zorgvuldig.toegang.selectors import grant_voor_object, grants_voor, met_grant

ACTIVITEIT = "casusoverleg"
OBJECT_TYPE = "casusoverleg.casusoverleg"


# --- Table types ------------------------------------------------------------------------------------


def typen_zichtbaar_voor(actor):
    """Table types of the own organisation (configuration: beheerder and staff choosing one); the FG sees
    those of every organisation of its controller, whose basis it approves (CT-16)."""
    tenancy.activeer(actor)
    if "fg" in actor.rollen:
        qs = Overlegtype.objects.filter(verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id)
    else:
        qs = Overlegtype.objects.filter(organisatie_id=actor.organisatie.pk)
    return qs.select_related("convenant", "verwerkingsactiviteit")


def toegetreden_organisaties(t: Overlegtype, op) -> set[int]:
    """The organisations with an accession to the type's convenant valid on `op` (CT-01, AC-01)."""
    from django.db.models import Q

    from zorgvuldig.convenanten.models import Toetreding

    return set(
        Toetreding.objects.filter(convenant_id=t.convenant_id, datum__lte=op)
        .filter(Q(tot__isnull=True) | Q(tot__gte=op))
        .values_list("organisatie_id", flat=True)
    )


def type_of_404(actor, uuid) -> Overlegtype:
    rij = typen_zichtbaar_voor(actor).filter(uuid=uuid).first()
    if rij is None:
        raise NotFound()
    return rij


def partners(t: Overlegtype) -> list[policies.Partner]:
    return [policies.Partner(p["organisatie"], p["taak"], p["rol"], p["grond"]) for p in t.partners]


def type_weergave(t: Overlegtype) -> dict:
    return {
        "uuid": str(t.uuid),
        "naam": t.naam,
        "soort": t.soort,
        "doel": t.doel,
        "verwerkingsactiviteit": t.verwerkingsactiviteit.code,
        "grondslag": t.grondslag,
        "criteria": list(t.criteria),
        "minimumleeftijd": t.minimumleeftijd,
        "partners": list(t.partners),
        "convenant": t.convenant.code,
        "toestemmingsmodus": t.toestemmingsmodus,
        "bewaartermijnMaanden": t.bewaartermijn_maanden,
        "status": t.status,
        "basisGoedgekeurd": t.basis_goedgekeurd_op is not None,
    }


# --- Cases ------------------------------------------------------------------------------------------


def casussen_zichtbaar_voor(actor):
    """Cases the actor holds a valid grant for (its place at the table, AC-14) — and, for the FG, the
    closed case files of its own controller, whose archive it supervises (RT-08)."""
    tenancy.activeer(actor)
    qs = met_grant(Casusoverleg.objects.all(), actor)
    if is_fg_van(actor, actor.verwerkingsverantwoordelijke_id):
        qs = qs | Casusoverleg.objects.filter(
            verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id, status=policies.GESLOTEN
        )
    return qs


def is_fg_van(actor, verwerkingsverantwoordelijke_id) -> bool:
    return "fg" in actor.rollen and actor.verwerkingsverantwoordelijke_id == verwerkingsverantwoordelijke_id


@dataclass
class Kijker:
    """The actor at this table: the case, the grant that lets it in, its participation and its view."""

    actor: Any
    casus: Casusoverleg
    grant: Toegang | None
    deelnemer: Deelnemer | None
    rollen: frozenset[str]  # policies.PROCES / policies.CASUS
    zicht: str | None

    @property
    def is_regisseur(self) -> bool:
        return bool(self.rollen)

    @property
    def is_aanmelder(self) -> bool:
        return self.casus.aanmelder_id == self.actor.gebruiker.pk  # type: ignore[attr-defined]


def regisseursrollen(casus: Casusoverleg, gebruiker_id: int) -> frozenset[str]:
    rollen = set()
    if casus.procesregisseur_id == gebruiker_id:
        rollen.add(policies.PROCES)
    if casus.casusregisseur_id == gebruiker_id:
        rollen.add(policies.CASUS)
    return frozenset(rollen)


def eigen_deelnemer(actor, casus: Casusoverleg) -> Deelnemer | None:
    """The actor's participation: as the named user, or for its organisation."""
    for d in casus.deelnemers.select_related("deelnemende_organisatie", "gebruiker"):
        if d.gebruiker_id == actor.gebruiker.pk or (
            d.gebruiker_id is None and d.deelnemende_organisatie_id == actor.organisatie.pk
        ):
            return d
    return None


def kijker(actor, uuid, *, lock: bool = False) -> Kijker:
    qs = casussen_zichtbaar_voor(actor).select_related(
        "overlegtype", "procesregisseur", "casusregisseur", "aanmelder"
    )
    if lock:
        qs = qs.select_for_update(of=("self",))
    casus = qs.filter(uuid=uuid).first()
    if casus is None:
        raise NotFound()
    if casus.persoon_id is not None:
        # The person record is the host's; the grant on the case is what lets a participant of another
        # organisation see the identification its role allows (CT-06), so it is read past row security.
        with tenancy.systeem():
            casus.persoon = Persoon.objects.get(pk=casus.persoon_id)
    grant = grant_voor_object(actor, casus)
    deelnemer = eigen_deelnemer(actor, casus)
    rollen = regisseursrollen(casus, actor.gebruiker.pk)
    zicht = policies.zicht(deelnemer.rol if deelnemer else None, bool(rollen))
    if zicht is None and casus.aanmelder_id == actor.gebruiker.pk:
        zicht = policies.VOLLEDIG if casus.status in (policies.AANGEMELD, policies.AFGEWEZEN) else None
    if (
        zicht is None
        and casus.status == policies.GESLOTEN
        and is_fg_van(actor, casus.verwerkingsverantwoordelijke_id)
    ):
        zicht = policies.VOLLEDIG  # RT-08: the FG reads the archived file (its contributions: archived only)
    return Kijker(actor, casus, grant, deelnemer, rollen, zicht)


def _log_gelezen(k: Kijker, actie: str, velden) -> None:
    """A read of the case by this viewer, naming the grant that let it in (AU-01, AU-09)."""
    audit.record(
        actor=k.actor,
        actie=actie,
        activiteit=ACTIVITEIT,
        object=k.casus,
        betrokkenen=[k.casus.persoon] if k.casus.persoon_id else [],
        velden=velden,
        toegang=k.grant,
    )


def inhoud(casus: Casusoverleg) -> dict:
    return crypto.ontsleutel(casus, "inhoud") or {}


def identificatie(casus: Casusoverleg) -> dict | None:
    p = casus.persoon
    if p is None:
        return None
    naam = " ".join(x for x in (p.voornamen, p.voorvoegsel, p.geslachtsnaam) if x)
    return {"naam": naam, "geboortedatum": p.geboortedatum}


def weergave(k: Kijker) -> dict:
    """The case as this viewer may see it (CT-06)."""
    c = k.casus
    data = inhoud(c)
    basis = {
        "uuid": str(c.uuid),
        "kenmerk": c.kenmerk,
        "overlegtype": {
            "uuid": str(c.overlegtype.uuid),
            "naam": c.overlegtype.naam,
            "soort": c.overlegtype.soort,
        },
        "status": c.status,
        "fase": policies.FASE_VAN[c.status],
    }
    if k.zicht == policies.ALLEEN_VRAAG:
        return {
            **basis,
            "persoon": identificatie(c),
            "vraag": (deelnemer_inhoud(k.deelnemer) or {}).get("vraag"),
        }
    persoon = {"pseudoniem": c.pseudoniem} if k.zicht == policies.PSEUDONIEM else identificatie(c)
    weergave_ = {
        **basis,
        "persoon": persoon,
        "vraag": data.get("vraag", ""),
        "aanmelder": c.aanmelder.naam,
        "procesregisseur": c.procesregisseur.naam,
        "casusregisseur": c.casusregisseur.naam if c.casusregisseur else None,
        "mijnRol": k.deelnemer.rol if k.deelnemer else None,
        "regisseur": sorted(k.rollen),
        "advies": data.get("advies"),
        "weging": data.get("weging"),
    }
    if k.zicht == policies.VOLLEDIG and (k.is_regisseur or k.deelnemer is not None):
        weergave_.update(
            {
                "criteriaToets": data.get("criteria_toets"),
                "clientGeinformeerd": c.client_geinformeerd,
                "uitzonderingReden": data.get("uitzondering_reden") or None,
                "clientBetrokkenheid": data.get("client_betrokkenheid"),
                "informeertClient": str(c.informeert_client.uuid) if c.informeert_client else None,
                "deelbaarMetClient": data.get("deelbaar_met_client"),
                "plan": data.get("plan"),
                "veiligheidsplan": data.get("veiligheidsplan"),
                "overnemendePartij": c.overnemende_partij.naam if c.overnemende_partij else None,
                "geslotenOp": c.gesloten_op,
                "vernietigenOp": c.vernietigen_op,
            }
        )
    if k.zicht == policies.PSEUDONIEM:
        weergave_.pop("aanmelder")
    return weergave_


@transaction.atomic
def lees(actor, uuid) -> tuple[Kijker, dict]:
    """GET a case: visible → its view for this viewer, audited with the grant used (AU-09)."""
    k = kijker(actor, uuid)
    if k.zicht is None:
        raise NotFound()  # registrant after acceptance: its part is done; it sees no more
    data = weergave(k)
    _log_gelezen(k, "casusoverleg.ingezien", sorted(data))
    return k, data


@transaction.atomic
def lijst(actor, casussen) -> None:
    """Audit a list of cases. The subjects are the host's person records, read past row security only to
    name them in the log (the list itself shows no identification)."""
    if casussen:
        with tenancy.systeem():
            personen = list(Persoon.objects.filter(pk__in=[c.persoon_id for c in casussen if c.persoon_id]))
        audit.record(
            actor=actor,
            actie="casusoverleg.lijst_ingezien",
            activiteit=ACTIVITEIT,
            betrokkenen=personen,
            velden=["kenmerk", "status", "overlegtype"],
        )


def lijst_weergave(c: Casusoverleg) -> dict:
    """A list row carries no identification: the viewer opens the case to see what its role allows."""
    return {
        "uuid": str(c.uuid),
        "kenmerk": c.kenmerk,
        "overlegtype": c.overlegtype.naam,
        "status": c.status,
        "fase": policies.FASE_VAN[c.status],
    }


@transaction.atomic
def identificatie_voor(actor, uuid) -> tuple[Kijker, dict]:
    """CT-06: the person's identification, refused to an ADVISOR (pseudonymised by default)."""
    k = kijker(actor, uuid)
    if k.zicht not in (policies.VOLLEDIG, policies.ALLEEN_VRAAG) or k.casus.persoon_id is None:
        fout = DomainError("E_AC_NOT_AUTHORISED", "Een adviseur ziet de casus gepseudonimiseerd (CT-06).")
        fout.audit_object = k.casus  # type: ignore[attr-defined]
        raise fout
    data = identificatie(k.casus) or {}
    _log_gelezen(k, "casusoverleg.ingezien", ["persoon.naam", "persoon.geboortedatum"])
    return k, data


# --- Participants -----------------------------------------------------------------------------------


def deelnemer_inhoud(d: Deelnemer | None) -> dict:
    return (crypto.ontsleutel(d, "inhoud") or {}) if d is not None else {}


def deelnemer_weergave(d: Deelnemer, k: Kijker) -> dict:
    """Directors see why each party is there and its triage answer; a participant its own row in full
    and of the others their organisation and role (who is at the table)."""
    data: dict[str, Any] = {
        "uuid": str(d.uuid),
        "organisatie": d.deelnemende_organisatie.naam,
        "rol": d.rol,
        "gebruiker": d.gebruiker.naam if d.gebruiker else None,
    }
    if k.is_regisseur or (k.deelnemer is not None and k.deelnemer.pk == d.pk):
        inh = deelnemer_inhoud(d)
        data.update(
            {
                "reden": inh.get("reden"),
                "vraag": inh.get("vraag") or None,
                "bekend": d.bekend,
                "contact": inh.get("contact"),
            }
        )
    return data


def deelnemers(k: Kijker) -> list[Deelnemer]:
    if k.zicht not in (policies.VOLLEDIG, policies.PSEUDONIEM):
        return [k.deelnemer] if k.deelnemer else []
    return list(k.casus.deelnemers.select_related("deelnemende_organisatie", "gebruiker").order_by("id"))


# --- Contributions ----------------------------------------------------------------------------------


def _toegedeeld(actor) -> set[int]:
    """Contributions allocated to the actor (a valid `toedeling` grant, CT-12)."""
    return set(grants_voor(actor, Bijdrage, bronnen=[Bron.TOEDELING]).values_list("object_id", flat=True))


def _in_fase(b: Bijdrage, casus: Casusoverleg) -> bool:
    return policies.bijdrage_zichtbaar_in_fase(
        fase=b.fase,
        doelversie=b.doelversie,
        bevestigd_voor=b.bevestigd_voor,
        huidige_fase=policies.FASE_VAN[casus.status],
        huidige_doelversie=casus.doelversie,
    )


def zichtbare_bijdragen(k: Kijker) -> list[Bijdrage]:
    casus = k.casus
    toegedeeld = _toegedeeld(k.actor)
    is_fg = is_fg_van(k.actor, casus.verwerkingsverantwoordelijke_id)  # type: ignore[attr-defined]
    eigen_deelnemer_uuid = str(k.deelnemer.uuid) if k.deelnemer else None
    zichtbaar = []
    for b in casus.bijdragen.select_related("organisatie", "deelnemer").order_by("aangemaakt", "id"):
        z = policies.Bijdragezicht(
            eigen=b.organisatie_id == k.actor.organisatie.pk,  # type: ignore[attr-defined]
            status=b.status,
            beperkt_tot=frozenset(b.beperkt_tot or ()),
            in_fase=_in_fase(b, casus),
            toegedeeld_aan_kijker=b.pk in toegedeeld,
            gearchiveerd=b.gearchiveerd,
        )
        if policies.bijdrage_zichtbaar(
            z,
            zicht_=k.zicht,
            deelnemer=eigen_deelnemer_uuid,
            is_regisseur=k.is_regisseur,
            is_fg=is_fg,
            status=casus.status,
            is_procesregisseur=policies.PROCES in k.rollen and k.zicht == policies.VOLLEDIG,
        ):
            zichtbaar.append(b)
    return zichtbaar


def bijdrage_inhoud(b: Bijdrage) -> dict:
    return crypto.ontsleutel(b, "inhoud") or {}


def bijdrage_weergave(b: Bijdrage, k: Kijker) -> dict:
    """The ground shows for every viewer (CT-09); which consent or decision it rests on is a record of the
    contributor's own registry, so only the contributor sees its reference."""
    inh = bijdrage_inhoud(b)
    eigen = b.organisatie_id == k.actor.organisatie.pk
    return {
        "uuid": str(b.uuid),
        "fase": b.fase,
        "inbrenger": b.organisatie.naam,
        "eigen": eigen,
        "soort": b.soort,
        "bron": b.bron,
        "bijzonder": b.bijzonder,
        "gegevenscategorieen": list(inh.get("gegevenscategorieen") or []),
        "grond": {
            "soort": b.grond,
            "toestemming": (str(b.toestemming.uuid) if eigen and b.toestemming else None),
            "deelbesluit": (str(b.deelbesluit.uuid) if eigen and b.deelbesluit else None),
            "vastgelegd": bool(b.toestemming_id or b.deelbesluit_id),
        },
        "overdracht": {  # CT-15: the contributor's decision that hands it over
            "deelbesluit": (
                str(b.overdracht_deelbesluit.uuid) if eigen and b.overdracht_deelbesluit else None
            ),
            "gekoppeld": b.overdracht_deelbesluit_id is not None,
        },
        "inhoud": inh.get("tekst"),
        "noodzaak": inh.get("noodzaak") or None,
        "status": b.status,
        "bevestigdVoorFase": b.bevestigd_voor or None,
        "inHuidigeFase": _in_fase(b, k.casus),  # CT-03: false → hidden from others until re-confirmed
        "gearchiveerd": b.gearchiveerd,
    }


@transaction.atomic
def lees_bijdragen(actor, uuid) -> tuple[Kijker, list[Bijdrage]]:
    k = kijker(actor, uuid)
    rijen = zichtbare_bijdragen(k)
    if rijen:
        _log_gelezen(k, "casusoverleg.bijdragen_ingezien", ["bijdragen"])
    return k, rijen


# --- Allocations, meetings, actions -----------------------------------------------------------------


def toedelingen(k: Kijker) -> list[Toedeling]:
    qs = k.casus.toedelingen.select_related("deelnemer__deelnemende_organisatie").prefetch_related(
        "items__bijdrage"
    )
    if not k.is_regisseur:
        eigen = k.actor.organisatie.pk  # type: ignore[attr-defined]
        # a participant sees its own allocation and those holding its contributions (to approve them)
        qs = qs.filter(deelnemer__deelnemende_organisatie_id=eigen) | qs.filter(
            items__bijdrage__organisatie_id=eigen
        )
    return list(qs.distinct().order_by("id"))


def toedeling_weergave(t: Toedeling, k: Kijker | None = None) -> dict:
    """An allocation; a contributor who is not its recipient sees only its own items in it."""
    eigen_org = k.actor.organisatie.pk if k is not None else None
    alles = k is None or k.is_regisseur or t.deelnemer.deelnemende_organisatie_id == eigen_org
    return {
        "uuid": str(t.uuid),
        "deelnemer": str(t.deelnemer.uuid),
        "organisatie": t.deelnemer.deelnemende_organisatie.naam,
        "bijdragen": [
            {
                "bijdrage": str(i.bijdrage.uuid),
                "goedgekeurd": i.goedgekeurd_op is not None,
            }
            for i in t.items.all()
            if alles or i.bijdrage.organisatie_id == eigen_org
        ],
        "verstrektOp": t.verstrekt_op,
    }


def bijeenkomsten(k: Kijker) -> list[Bijeenkomst]:
    if k.zicht not in (policies.VOLLEDIG, policies.PSEUDONIEM):
        return []
    return list(k.casus.bijeenkomsten.order_by("datum", "id"))


def bijeenkomst_weergave(b: Bijeenkomst) -> dict:
    inh = crypto.ontsleutel(b, "inhoud") or {}
    return {
        "uuid": str(b.uuid),
        "datum": b.datum,
        "agenda": inh.get("agenda", []),
        "aanwezig": list(b.aanwezig),
        "besluiten": inh.get("besluiten", []),
    }


def actiepunten(k: Kijker) -> list[Actiepunt]:
    """Every action for those who see the case; an informant only the actions it owns."""
    qs = k.casus.actiepunten.select_related("eigenaar_gebruiker").order_by("deadline", "id")
    if k.zicht in (policies.VOLLEDIG, policies.PSEUDONIEM):
        return list(qs)
    return list(qs.filter(eigenaar_gebruiker=k.actor.gebruiker)) if k.deelnemer else []


def actiepunt_weergave(a: Actiepunt) -> dict:
    return {
        "uuid": str(a.uuid),
        "omschrijving": crypto.ontsleutel(a, "omschrijving", als_json=False),
        "eigenaar": a.eigenaar_gebruiker.naam,
        "deelnemer": str(a.eigenaar.uuid) if a.eigenaar else None,
        "deadline": a.deadline,
        "gereedOp": a.gereed_op,
    }


ONDERDELEN: dict[str, Callable[[Kijker], list]] = {
    "deelnemers": deelnemers,
    "toedelingen": toedelingen,
    "bijeenkomsten": bijeenkomsten,
    "actiepunten": actiepunten,
}


@transaction.atomic
def lees_onderdeel(actor, uuid, onderdeel: str) -> tuple[Kijker, list]:
    """A case's participants, allocations, meetings or actions as this viewer may see them, audited like
    every read of the case (AU-01, AU-09)."""
    k = kijker(actor, uuid)
    if k.zicht is None:
        raise NotFound()
    rijen = ONDERDELEN[onderdeel](k)
    if rijen:
        _log_gelezen(k, "casusoverleg.ingezien", [onderdeel])
    return k, rijen
