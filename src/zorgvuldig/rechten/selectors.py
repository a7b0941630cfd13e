"""Reads of rights requests and the compiled inzage answer (RI-05, RI-17).

Requests are seen by their handler (a `verzoek` grant), the leidinggevenden of the organisation that
decides them (RI-13) and the FG of the controller (SPEC §9 "Visibility"); anyone else gets 404.

The overview is compiled across the controller's whole system — every person record with the subject's
BSN, their dossiers, consents, signals, case tables, requests, the disclosure register and the audit
log — in the system context, because a request to the controller covers all its organisations' data;
what it shows follows RI-03, DS-11, DS-13, PE-03 and PE-11, and reading it is audited.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q

from zorgvuldig.audit import selectors as audit_selectors
from zorgvuldig.audit import services as audit
from zorgvuldig.core import crypto, tenancy
from zorgvuldig.core.clock import today
from zorgvuldig.core.errors import DomainError, NotFound
from zorgvuldig.rechten import policies
from zorgvuldig.rechten.models import Beperking, Verzoek
from zorgvuldig.toegang.selectors import grant_voor_object, met_grant

ACTIVITEIT = "rechten-betrokkenen"


def is_fg_van(actor, verwerkingsverantwoordelijke_id) -> bool:
    return "fg" in actor.rollen and actor.verwerkingsverantwoordelijke_id == verwerkingsverantwoordelijke_id


def verzoeken_zichtbaar_voor(actor):
    """The handler's own (grant); also the organisation's for a leidinggevende, the controller's for the FG
    and the controller's requests about VI data for the VI-beheerder."""
    tenancy.activeer(actor)
    qs = Verzoek.objects.all()
    if actor.is_systeem:
        return qs
    eigen = met_grant(qs, actor)
    if "fg" in actor.rollen:
        return qs.filter(
            Q(verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id) | Q(pk__in=eigen)
        )
    if "leidinggevende" in actor.rollen:
        return qs.filter(Q(organisatie_id=actor.organisatie.pk) | Q(pk__in=eigen))
    if "vi_beheerder" in actor.rollen:
        # RI-08, RI-12: the VI-beheerder decides requests about VI data of its controller
        return qs.filter(
            Q(verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id, verwijsindex=True)
            | Q(pk__in=eigen)
        )
    return eigen


def vul_aan(verzoeken) -> list[Verzoek]:
    """The request's subject, requester, consent and dossier may be records of another organisation of
    the controller, which row security hides from the handler; the request itself is what lets the
    handler see them, so they are read in the system context once the request is visible."""
    from zorgvuldig.dossiers.models import Dossier
    from zorgvuldig.personen.models import Persoon
    from zorgvuldig.toestemmingen.models import Toestemming

    verzoeken = list(verzoeken)
    with tenancy.systeem():
        personen = Persoon.objects.in_bulk(
            {v.persoon_id for v in verzoeken} | {v.indiener_id for v in verzoeken if v.indiener_id}
        )
        toestemmingen = Toestemming.objects.in_bulk({v.toestemming_id for v in verzoeken if v.toestemming_id})
        dossiers = Dossier.objects.in_bulk({v.dossier_id for v in verzoeken if v.dossier_id})
    for v in verzoeken:
        v.persoon = personen[v.persoon_id]
        v.indiener = personen.get(v.indiener_id) if v.indiener_id else None
        v.toestemming = toestemmingen.get(v.toestemming_id) if v.toestemming_id else None
        v.dossier = dossiers.get(v.dossier_id) if v.dossier_id else None
    return verzoeken


def verzoek_of_404(actor, uuid, *, lock: bool = False):
    """The request and the grant that lets the actor in (None for the FG's and leidinggevende's oversight)."""
    qs = verzoeken_zichtbaar_voor(actor).select_related("organisatie", "behandelaar", "besloten_door")
    if lock:
        qs = qs.select_for_update(of=("self",))
    verzoek = qs.filter(uuid=uuid).first()
    if verzoek is None:
        raise NotFound()
    vul_aan([verzoek])
    return verzoek, grant_voor_object(actor, verzoek)


def lees(actor, uuid) -> Verzoek:
    with transaction.atomic():
        verzoek, grant = verzoek_of_404(actor, uuid)
        log_handeling(actor, verzoek, grant, ["soort", "status", "besluit", "toelichting"])
    return verzoek


def log_lijst(actor, verzoeken) -> list[Verzoek]:
    """One entry per listed request's subject (AU-01: a list of requests names persons)."""
    verzoeken = vul_aan(verzoeken)
    if verzoeken:
        with transaction.atomic():
            audit.record(
                actor=actor,
                actie="verzoek.lijst_ingezien",
                activiteit=ACTIVITEIT,
                betrokkenen=[v.persoon for v in verzoeken],
                velden=["soort", "status"],
            )
    return verzoeken


def zoek_op_bsn(actor, bsn: str) -> list[Verzoek]:
    """Requests about the person with this BSN that the actor may see; the search itself is audited,
    also when it finds nothing (a BSN was processed)."""
    from zorgvuldig.personen.models import Persoon

    with tenancy.systeem():
        personen = list(
            Persoon.objects.filter(
                verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id,
                bsn_index__in=crypto.blind_index_candidates(bsn),
            )
        )
    gevonden = list(
        verzoeken_zichtbaar_voor(actor)
        .filter(persoon__in=personen)
        .select_related("organisatie", "behandelaar")
        .order_by("-ontvangen_op", "-id")[:100]
    )
    betrokkenen = {v.persoon_id for v in gevonden}
    with transaction.atomic():
        audit.record(
            actor=actor,
            actie="verzoek.gezocht",
            activiteit=ACTIVITEIT,
            betrokkenen=[p for p in personen if p.pk in betrokkenen],
            velden=["bsn"],
        )
    return gevonden


def overzicht(actor, uuid, *, alleen_verstuurd: bool = False) -> tuple[Verzoek, dict, list[dict] | None]:
    """The answer as sent once executed (never recompiled: what was delivered stays what it was); before,
    a preview for the handler with what the rules leave out — unless only the sent answer will do (the
    PDF). Either read is audited."""
    with transaction.atomic():
        verzoek, grant = verzoek_of_404(actor, uuid)
        if verzoek.soort != "inzage":
            raise DomainError("E_STATE_CONFLICT", "Alleen een inzageverzoek heeft een overzicht.")
        if alleen_verstuurd and not verzoek.overzicht_versleuteld:
            raise DomainError("E_STATE_CONFLICT", "Een PDF is er pas als het besluit is uitgevoerd.")
        if verzoek.overzicht_versleuteld:
            log_handeling(actor, verzoek, grant, ["overzicht"])
            return verzoek, crypto.ontsleutel(verzoek, "overzicht"), None
        if verzoek.status in (policies.AFGEWEZEN, policies.UITGEVOERD, policies.GESLOTEN):
            raise DomainError("E_STATE_CONFLICT", "Bij dit verzoek hoort geen overzicht.")
        achter = {a["item"] for a in verzoek.besluit.get("achtergehouden", [])}
        samenstelling = stel_samen(verzoek, achterhouden=achter)
        log_handeling(actor, verzoek, grant, ["overzicht"], actie="verzoek.overzicht_samengesteld")
    return verzoek, samenstelling.overzicht, samenstelling.uitgesloten


def inhoud(verzoek: Verzoek) -> dict:
    return crypto.ontsleutel(verzoek, "inhoud") or {} if verzoek.inhoud_versleuteld else {}


def beperkt_voor(persoon, op: dt.date) -> frozenset[str]:
    """RI-04: every record of the representatives whose exercise a leidinggevende limited for this person,
    as of `op` — at any organisation of the controller and on any record of either of them."""
    with tenancy.systeem():
        personen, _bsn = _personen(persoon)
        rijen = Beperking.objects.filter(persoon__in=personen, vanaf__lte=op).filter(
            Q(opgeheven_op__isnull=True) | Q(opgeheven_op__gt=op)
        )
        uit: set[str] = set()
        for vertegenwoordiger in {r.vertegenwoordiger for r in rijen.select_related("vertegenwoordiger")}:
            uit |= {str(p.uuid) for p in _personen(vertegenwoordiger)[0]}
    return frozenset(uit)


def termijnen(verzoek: Verzoek, vandaag: dt.date | None = None) -> dict:
    """RI-05, RI-08, RI-10, RI-15 and the 7-day warning, derived at read time (RT-12)."""
    vandaag = vandaag or today()
    besluit_op = dt.date.fromisoformat(verzoek.besluit["datum"]) if verzoek.besluit.get("datum") else None
    beslis = policies.besluittermijn(verzoek.ontvangen_op, verzoek.verlenging_maanden)
    uitvoer = policies.uitvoeringstermijn(verzoek.soort, verzoek.ontvangen_op, besluit_op)
    besloten = besluit_op is not None
    uitgevoerd = bool(verzoek.uitvoering.get("datum"))
    return {
        "besluittermijn": beslis,
        "waarschuwingOp": beslis - policies.WAARSCHUWING,
        "besluittermijnStand": policies.termijnstand(beslis, vandaag, besloten),
        "uitvoeringstermijn": uitvoer,
        "uitvoeringstermijnStand": policies.termijnstand(uitvoer, vandaag, uitgevoerd),
        "besluitTijdig": None if besluit_op is None else besluit_op <= beslis,
    }


def log_handeling(actor, verzoek: Verzoek, grant, velden, actie: str = "verzoek.ingezien") -> None:
    """An act on the request — a read or a change — in the caller's transaction, naming the subject and
    the grant that let the actor in (none for the leidinggevende's and FG's oversight; AU-01, AU-09)."""
    audit.record(
        actor=actor,
        actie=actie,
        activiteit=ACTIVITEIT,
        object=verzoek,
        betrokkenen=[verzoek.persoon, *([verzoek.indiener] if verzoek.indiener else [])],
        velden=velden,
        toegang=grant,
    )


# --- The compiled overview (RI-05, RI-17) --------------------------------------------------------------


@dataclass
class Samenstelling:
    """What the overview shows, and — for the handler only — what it left out and why."""

    overzicht: dict
    uitgesloten: list[dict] = field(default_factory=list)


def _personen(persoon):
    """Every record of this human at the controller: same BSN, or this record alone."""
    from zorgvuldig.personen.models import Persoon

    qs = Persoon.objects.filter(verwerkingsverantwoordelijke_id=persoon.verwerkingsverantwoordelijke_id)
    if persoon.bsn_index:
        bsn = crypto.ontsleutel(persoon, "bsn", als_json=False)
        return list(qs.filter(bsn_index__in=crypto.blind_index_candidates(bsn))), bsn
    return [persoon], ""


def _organisatienamen(ids) -> dict:
    from zorgvuldig.organisaties.models import Organisatie

    return {str(o.uuid): o.naam for o in Organisatie.objects.filter(uuid__in=ids)} if ids else {}


def _gegevens_persoon(persoon, is_vertegenwoordiger: bool) -> dict:
    gegevens = {
        "naam": " ".join(p for p in (persoon.voornamen, persoon.voorvoegsel, persoon.geslachtsnaam) if p),
        "geboortedatum": persoon.geboortedatum.isoformat() if persoon.geboortedatum else None,
        "bsnBekend": bool(persoon.bsn_index),
    }
    if persoon.adres_straat and policies.adres_in_overzicht(persoon.geheim_adres, is_vertegenwoordiger):
        gegevens["adres"] = " ".join(
            p
            for p in (
                persoon.adres_straat,
                persoon.adres_huisnummer + persoon.adres_huisnummertoevoeging,
                persoon.adres_postcode,
                persoon.adres_woonplaats,
            )
            if p
        )
    if policies.adres_in_overzicht(persoon.geheim_adres, is_vertegenwoordiger):
        for veld in ("telefoon", "email"):
            if getattr(persoon, veld):
                gegevens[veld] = getattr(persoon, veld)
    return gegevens


def _dossiers(
    ids, betrokkene_uuids, indiener_uuids, is_vertegenwoordiger, achterhouden, uitgesloten
) -> list[dict]:
    from zorgvuldig.dossiers.models import Afscherming, Dossier, Kaderwijziging, Notitie, Plan, Zrmscore
    from zorgvuldig.personen.models import NietVoorVertegenwoordigers

    dossiers = list(
        Dossier.objects.filter(leden__persoon_id__in=ids).select_related("team__organisatie").distinct()
    )
    if not dossiers:
        return []
    dossier_ids = [d.pk for d in dossiers]
    verborgen = defaultdict(set)
    for a in Afscherming.objects.filter(dossier_id__in=dossier_ids, opgeheven_op__isnull=True).values(
        "object_type", "object_id", "persoon__uuid"
    ):
        verborgen[(a["object_type"], a["object_id"])].add(str(a["persoon__uuid"]))
    # PE-11 marks of any member (a note on two siblings marked for one stays from both their parents)
    niet_voor_vert = {
        str(u)
        for u in NietVoorVertegenwoordigers.objects.filter(
            persoon__dossierleden__dossier_id__in=dossier_ids
        ).values_list("object_uuid", flat=True)
    }
    uit = []
    for d in dossiers:
        items: list[dict] = []

        def toon(soort, obj, betreft, gegevens, d=d, items=items):
            reden = policies.uitsluitreden(
                betrokkenen=betrokkene_uuids,
                indieners=indiener_uuids,
                is_vertegenwoordiger=is_vertegenwoordiger,
                betreft=betreft,
                verborgen_voor=frozenset(verborgen.get((f"dossiers.{soort}", obj.pk), ())),
                niet_voor_vertegenwoordigers=str(obj.uuid) in niet_voor_vert,
            )
            datum = obj.aangemaakt.date().isoformat()
            if reden is None and str(obj.uuid) in achterhouden:
                reden = "besluit"
            if reden is None:
                # the uuid lets the person point at an item in a later correction request (RI-08)
                items.append({"uuid": str(obj.uuid), "soort": soort, "datum": datum, **gegevens})
            else:
                uitgesloten.append(
                    {
                        "dossier": d.kenmerk,
                        "soort": soort,
                        "item": str(obj.uuid),
                        "datum": datum,
                        "reden": reden,
                    }
                )

        notities = Notitie.objects.filter(dossier=d).select_related("bron_organisatie")
        for n in notities.prefetch_related("betreft", "verklaringen").order_by("id"):
            inhoud_n = crypto.ontsleutel(n, "inhoud") or {}
            toon(
                "notitie",
                n,
                frozenset(str(p.uuid) for p in n.betreft.all()),
                {
                    "sectie": n.sectie,
                    "aard": n.soort,
                    "bron": n.bron_soort,
                    # GDPR art 15(1)(g): data from a partner's own system name that partner (AC-12)
                    **({"bronOrganisatie": n.bron_organisatie.naam} if n.bron_organisatie else {}),
                    "tekst": inhoud_n.get("tekst", ""),
                    "eigenVerklaringen": [
                        crypto.ontsleutel(v, "tekst", als_json=False) for v in n.verklaringen.all()
                    ],
                },
            )
        for z in Zrmscore.objects.filter(dossier=d).select_related("persoon").order_by("id"):
            toon(
                "zrmscore",
                z,
                frozenset({str(z.persoon.uuid)}),
                {
                    "domein": z.domein,
                    "niveau": z.niveau,
                    "onderbouwing": crypto.ontsleutel(z, "onderbouwing", als_json=False),
                },
            )
        for p in Plan.objects.filter(dossier=d).prefetch_related("betreft").order_by("versie"):
            toon(
                "plan",
                p,
                frozenset(str(x.uuid) for x in p.betreft.all()),
                {"versie": p.versie, **(crypto.ontsleutel(p, "inhoud") or {})},
            )
        uit.append(
            {
                "kenmerk": d.kenmerk,
                "organisatie": d.team.organisatie.naam,
                "soort": d.soort,
                "status": d.status,
                "kader": d.kader,
                "kaderwijzigingen": [
                    {"kader": k.kader, "datum": k.datum.isoformat(), "grondslag": k.grondslag}
                    for k in Kaderwijziging.objects.filter(dossier=d).order_by("datum", "id")
                ],
                "geopendOp": d.geopend_op.isoformat(),
                "einddatum": d.einddatum.isoformat() if d.einddatum else None,
                "vernietigenOp": d.vernietigen_op.isoformat() if d.vernietigen_op else None,
                "items": items,
            }
        )
    return uit


def besluiten_in_uitstel(verzoek: Verzoek) -> list[dict]:
    """RI-07, SH-14: the sharing decisions in the subject's dossiers that postpone informing and were not
    executed (`policies.besluit_in_uitstel`) — no provision in the answer, but log lines in "who saw my
    data". Whoever decides on an inzage is warned of them and may withhold them."""
    from zorgvuldig.dossiers.models import Dossier
    from zorgvuldig.verstrekkingen.models import Deelbesluit

    if verzoek.verwijsindex:
        return []
    uit = []
    with tenancy.systeem():
        personen, _bsn = _personen(verzoek.persoon)
        dossiers = Dossier.objects.filter(leden__persoon__in=personen).distinct()
        rijen = Deelbesluit.objects.filter(dossier__in=dossiers, status__in=policies.NIET_VERSTREKT)
        for b in rijen.select_related("dossier", "ontvanger_organisatie").order_by("id"):
            moment = b.informeren_moment
            if not moment:  # before the decision the choice is only in the encrypted wizard answers
                stappen = (crypto.ontsleutel(b, "antwoorden") or {}).get("stappen") or {}
                moment = (stappen.get("informeren") or {}).get("moment") or ""
            if policies.besluit_in_uitstel(b.status, moment):
                uit.append(
                    {
                        "item": str(b.uuid),
                        "soort": "deelbesluit",
                        "ontvanger": b.ontvanger_organisatie.naam
                        if b.ontvanger_organisatie
                        else (b.ontvanger or {}).get("naam", ""),
                        "datum": b.aangemaakt.date().isoformat(),
                        "dossier": b.dossier.kenmerk,
                    }
                )
    return uit


def uitstel_loopt(verzoek: Verzoek, overzicht: dict) -> list[dict]:
    """SH-14, RI-07: what the inzage answer would reveal of a postponement of informing — its provisions
    still postponed (`met_uitgesteld_informeren`) and the decisions not yet executed
    (`besluiten_in_uitstel`) — for the decider to withhold or to explain why not."""
    rijen = overzicht["ontvangers"]
    with tenancy.systeem():  # the provisions may be another organisation's of the controller
        uitgesteld = met_uitgesteld_informeren([o["uuid"] for o in rijen])
    return [
        {"item": o["uuid"], "soort": "verstrekking", "ontvanger": o["ontvanger"], "datum": o["datum"]}
        for o in rijen
        if o["uuid"] in uitgesteld
    ] + besluiten_in_uitstel(verzoek)


def _relaties(ids, is_vertegenwoordiger: bool, achterhouden) -> list[dict]:
    """RI-05: the person's recorded relations (parent with authority, guardian, partner, …) with their source
    (e.g. the Gezagsregister), either side. A representative gets none to someone at a secret address
    (PE-03) or marked "not for representatives" (PE-11)."""
    from zorgvuldig.personen.models import NietVoorVertegenwoordigers, Relatie

    rijen = (
        Relatie.objects.filter(Q(persoon_id__in=ids) | Q(ander_id__in=ids))
        .select_related("persoon", "ander")
        .order_by("id")
    )
    gemarkeerd = set()
    if is_vertegenwoordiger:
        gemarkeerd = {
            str(u)
            for u in NietVoorVertegenwoordigers.objects.filter(persoon_id__in=ids).values_list(
                "object_uuid", flat=True
            )
        }
    uit = []
    for r in rijen:
        ander = r.ander if r.persoon_id in ids else r.persoon
        if str(r.uuid) in achterhouden or str(r.uuid) in gemarkeerd:
            continue
        if is_vertegenwoordiger and ander.geheim_adres:
            continue
        uit.append(
            {
                "uuid": str(r.uuid),
                "soort": r.soort,
                "omschrijving": f"{r.ander.volledige_naam} is {r.get_soort_display().lower()} van "
                f"{r.persoon.volledige_naam}",
                "bron": r.bewijs,
                "vanaf": r.vanaf.isoformat() if r.vanaf else None,
                "tot": r.tot.isoformat() if r.tot else None,
            }
        )
    return uit


def _gegeven_toestemmingen(ids, uuids: frozenset[str], achterhouden) -> list[dict]:
    """RI-05: consents the person gave for someone else (a parent for a child; CS-05), as the person's own
    act; consents about the person are under `toestemmingen`."""
    from zorgvuldig.registers.catalogus import doel_voor_client
    from zorgvuldig.toestemmingen.models import Toestemming
    from zorgvuldig.toestemmingen.policies import SOORT_NAMEN, STATUS_NAMEN
    from zorgvuldig.toestemmingen.selectors import status

    kandidaten = Q()
    for u in uuids:
        kandidaten |= Q(gevers__icontains=u)
    if not uuids:
        return []
    rijen = Toestemming.objects.filter(kandidaten).exclude(betrokkene_id__in=ids).select_related("betrokkene")
    uit = []
    for t in rijen.order_by("datum", "id"):
        gegeven = [g for g in t.gevers or [] if str(g.get("persoon")) in uuids]
        if not gegeven or str(t.uuid) in achterhouden:
            continue
        uit.append(
            {
                "uuid": str(t.uuid),
                "voor": t.betrokkene.volledige_naam,
                "hoedanigheid": gegeven[0].get("hoedanigheid", ""),
                "soort": t.soort,
                "soortNaam": SOORT_NAMEN.get(t.soort, t.soort),
                "status": status(t),
                "statusNaam": STATUS_NAMEN.get(status(t), status(t)),
                "doel": t.doel,
                "doelNaam": doel_voor_client(t.doel),
                "datum": t.datum.isoformat(),
            }
        )
    return uit


def _toestemmingen(ids, achterhouden) -> list[dict]:
    from zorgvuldig.registers.catalogus import doel_voor_client
    from zorgvuldig.toestemmingen.models import Toestemming
    from zorgvuldig.toestemmingen.policies import SOORT_NAMEN, STATUS_NAMEN
    from zorgvuldig.toestemmingen.selectors import status

    return [
        {
            "uuid": str(t.uuid),
            "soort": t.soort,
            "soortNaam": SOORT_NAMEN.get(t.soort, t.soort),
            "status": status(t),
            "statusNaam": STATUS_NAMEN.get(status(t), status(t)),
            "doel": t.doel or t.doel_toelichting,
            "doelNaam": doel_voor_client(t.doel or t.doel_toelichting),
            "gegevenscategorieen": t.gegevenscategorieen,
            "datum": t.datum.isoformat(),
            "geldigTot": t.geldig_tot.isoformat() if t.geldig_tot else None,
        }
        for t in Toestemming.objects.filter(betrokkene_id__in=ids).order_by("datum", "id")
        if str(t.uuid) not in achterhouden
    ]


def _verstrekkingen(verzoek: Verzoek, personen, bsn: str):
    """The subject's entries in the disclosure register that this request covers: the controller's own
    (RI-05 is the controller's duty) — on the person records and the match notices its organisations gave
    about the BSN (SH-16: a notice is a disclosure, keyed to the BSN), so the answer (RI-05) and the
    correction notices (RI-11) name every recipient; for a request about VI data the index's match
    notices (RI-08)."""
    from zorgvuldig.verstrekkingen.models import Verstrekking
    from zorgvuldig.verstrekkingen.selectors import over_betrokkene

    if verzoek.verwijsindex:
        if not bsn:
            return Verstrekking.objects.none()
        return Verstrekking.objects.filter(over_betrokkene([], bsn))
    return Verstrekking.objects.filter(
        over_betrokkene(personen, bsn),
        verwerkingsverantwoordelijke_id=verzoek.verwerkingsverantwoordelijke_id,
    )


def met_uitgesteld_informeren(verstrekkingen: list[str]) -> set[str]:
    """Of these provisions (uuids), those whose sharing decision postponed informing the client and still
    does, approved or awaiting approval (SH-14: a concrete threat to someone's safety). Whoever decides
    on an inzage must see them: the answer would tell the client what the postponement keeps from them
    (RI-07 ground (e))."""
    from zorgvuldig.verstrekkingen.models import Deelbesluit, Verstrekking
    from zorgvuldig.verstrekkingen.policies import INFORMEREN_UITGESTELD, UITGESTELD, UITGEVOERD

    herkomst = dict(
        Verstrekking.objects.filter(uuid__in=verstrekkingen, herkomst__startswith="deelbesluit:").values_list(
            "herkomst", "uuid"
        )
    )
    # approved, or asked for in the wizard and awaiting the leidinggevende: either way not yet told
    uitgesteld = (
        Deelbesluit.objects.filter(uuid__in=[h.removeprefix("deelbesluit:") for h in herkomst])
        .filter(Q(status=INFORMEREN_UITGESTELD) | Q(status=UITGEVOERD, informeren_moment=UITGESTELD))
        .values_list("uuid", flat=True)
    )
    return {str(herkomst[f"deelbesluit:{u}"]) for u in uitgesteld}


def _ontvangers(rijen, achterhouden) -> list[dict]:
    """RI-05: every recipient with the purpose of each provision (SH-16)."""
    from zorgvuldig.registers.catalogus import doel_voor_client

    return [
        {
            "uuid": str(v.uuid),
            "ontvanger": v.ontvanger_organisatie.naam if v.ontvanger_organisatie else v.ontvanger_naam,
            "doel": doel_voor_client(v.doel),
            "grond": v.grond,
            "datum": v.datum.isoformat(),
            "gegevens": v.gegevens,
            "bron": v.bron,
        }
        for v in rijen.select_related("ontvanger_organisatie").order_by("datum", "id")
        if str(v.uuid) not in achterhouden
    ]


def _signalen(verzoek: Verzoek, bsn: str, achterhouden) -> list[dict]:
    """Signals on the subject's BSN: the whole index for a request about VI data (the VI-beheerder answers
    for it, RI-08), otherwise the controller's own organisations' signals."""
    from zorgvuldig.verwijsindex.models import Signaal
    from zorgvuldig.verwijsindex.selectors import is_actief

    if not bsn:
        return []
    rijen = Signaal.objects.filter(bsn_index__in=crypto.blind_index_candidates(bsn))
    if not verzoek.verwijsindex:
        rijen = rijen.filter(verwerkingsverantwoordelijke_id=verzoek.verwerkingsverantwoordelijke_id)
    return [
        {
            "uuid": str(s.uuid),
            "organisatie": s.organisatie.naam,
            "afgegevenOp": s.signaleringstijdstip.date().isoformat() if s.signaleringstijdstip else None,
            "verwijderdatum": s.verwijderdatum.isoformat() if s.verwijderdatum else None,
            "actief": is_actief(s),
        }
        for s in rijen.exclude(status="concept").select_related("organisatie").order_by("id")
        if str(s.uuid) not in achterhouden
    ]


def _casussen(ids) -> list[dict]:
    from zorgvuldig.casusoverleg.models import Casusoverleg

    return [
        {
            "overlegtype": c.overlegtype.naam,
            "soort": c.overlegtype.soort,  # the kind of table, for the client's words (rechten.weergave)
            "status": c.status,
            "aangemeldOp": c.aangemaakt.date().isoformat(),
        }
        for c in Casusoverleg.objects.filter(persoon_id__in=ids).select_related("overlegtype").order_by("id")
    ]


def _verzoeken_van_anderen(ids, indieners: frozenset[str]) -> frozenset[str]:
    """RI-03: the person's rights requests filed by the person themselves or another representative; their
    handling stays out of a representative's answer (the requester's own requests stay)."""
    eigen = Q(indiener__uuid__in=indieners) & Q(indiener__isnull=False)
    rijen = Verzoek.objects.filter(persoon_id__in=ids).exclude(eigen).values_list("uuid", flat=True)
    return frozenset(str(u) for u in rijen)


def _met_verstrekkingen(achterhouden) -> frozenset[str]:
    """Withholding a sharing decision withholds the provisions it led to, also one executed after the
    request was decided (RI-07, SH-14)."""
    from zorgvuldig.verstrekkingen.models import Verstrekking

    herkomsten = [f"deelbesluit:{u}" for u in _uuids(achterhouden)]
    extra = (
        Verstrekking.objects.filter(herkomst__in=herkomsten).values_list("uuid", flat=True)
        if herkomsten
        else []
    )
    return frozenset(achterhouden) | {str(u) for u in extra}


def _verzwegen(achterhouden, uitgesloten: list[dict]) -> frozenset[str]:
    """Withholding an item withholds what reveals it (RI-07, SH-14): the uuids whose audit entries stay out
    of "who saw my data" — every item left out, and for a provision from a sharing decision that decision
    too, so its consultation, decision, execution and postponement are not listed either."""
    from zorgvuldig.verstrekkingen.models import Verstrekking

    uit = set(achterhouden) | {u["item"] for u in uitgesloten}
    herkomsten = set(
        Verstrekking.objects.filter(uuid__in=_uuids(uit), herkomst__startswith="deelbesluit:").values_list(
            "herkomst", flat=True
        )
    )
    if herkomsten:
        uit |= {h.removeprefix("deelbesluit:") for h in herkomsten}
        # a decision on several persons wrote one entry each: none of them may show
        broers = Verstrekking.objects.filter(herkomst__in=herkomsten).values_list("uuid", flat=True)
        uit |= {str(u) for u in broers}
    return frozenset(uit)


def _uuids(waarden) -> list[str]:
    """The values that are uuids (a withheld item is named by its uuid; anything else matches nothing)."""
    import uuid as uuid_

    uit = []
    for w in waarden:
        try:
            uit.append(str(uuid_.UUID(str(w))))
        except ValueError:
            continue
    return uit


def _onthult(object_uuid: str, koppeling: dict | None, verzwegen: frozenset[str]) -> bool:
    """An audit entry about a withheld object, or linked to one (a sharing decision's entries name its
    consent and itself in `koppeling`)."""
    if object_uuid in verzwegen:
        return True
    return any(isinstance(w, str) and w in verzwegen for w in (koppeling or {}).values())


def _inzagen(
    over: Q,
    namen_vrijgegeven: bool,
    verzwegen: frozenset[str] = frozenset(),
    vertegenwoordiger: frozenset[str] | None = None,
) -> list[dict]:
    """RI-17: who saw or processed the data, by function and organisation — not by name unless the FG
    decided so for this request; never an entry that reveals what the answer leaves out (`verzwegen`).
    `over`: which subjects' entries (`audit.selectors.Onderwerp.regels`). `vertegenwoordiger`: the
    requester's records when a representative asks — the portal acts of anyone else stay out
    (`policies.portaalhandeling_in_antwoord`)."""
    from zorgvuldig.audit.acties import actie_voor_client
    from zorgvuldig.audit.models import AuditRegel
    from zorgvuldig.organisaties.models import Gebruiker
    from zorgvuldig.registers.catalogus import doel_voor_client

    regels = list(
        AuditRegel.objects.filter(over, status="uitgevoerd")
        .order_by("tijdstip", "id")
        .values(
            "tijdstip",
            "actor_functie",
            "actor_organisatie",
            "actor_gebruiker",
            "actie",
            "doel",
            "kanaal",
            "object_uuid",
            "koppeling",
            "actor_rol",
            "namens",
        )
    )
    regels = [
        r
        for r in regels
        if policies.in_inzagen(r["actie"])
        and not _onthult(r["object_uuid"], r["koppeling"], verzwegen)
        and policies.portaalhandeling_in_antwoord(
            is_vertegenwoordiger=vertegenwoordiger is not None,
            actor_rol=r["actor_rol"],
            namens=r["namens"],
            indieners=vertegenwoordiger or frozenset(),
        )
    ]
    organisaties = _organisatienamen({r["actor_organisatie"] for r in regels if r["actor_organisatie"]})
    namen = (
        {
            str(g.uuid): g.naam
            for g in Gebruiker.objects.filter(
                uuid__in={r["actor_gebruiker"] for r in regels if r["actor_gebruiker"]}
            )
        }
        if namen_vrijgegeven
        else {}
    )
    return [
        {
            **policies.inzageregel(
                functie=r["actor_functie"] if r["kanaal"] != "systeem" else "systeem",
                organisatie=organisaties.get(r["actor_organisatie"], ""),
                naam=namen.get(r["actor_gebruiker"], ""),
                namen_vrijgegeven=namen_vrijgegeven,
            ),
            "datum": r["tijdstip"].isoformat(),
            "actie": actie_voor_client(r["actie"]),  # the client's words (B1), no rule IDs
            "doel": doel_voor_client(r["doel"]),
        }
        for r in regels
    ]


UITLEG_VERWIJSINDEX = (
    "De verwijsindex bevat alleen dát een hulpverlener betrokken is bij een jongere, niet waarom. Als twee "
    "hulpverleners van verschillende organisaties een signaal afgeven over dezelfde jongere, vergelijkt het "
    "systeem automatisch het burgerservicenummer en brengt het de hulpverleners met elkaar in contact. Zij "
    "krijgen alleen elkaars naam en contactgegevens. Er wordt geen besluit over u genomen; een signaal "
    "verdwijnt op de verwijderdatum of als de hulpverlener het intrekt."
)
RECHTEN = [
    "U kunt vragen om onjuiste of onvolledige gegevens te verbeteren of aan te vullen (correctie).",
    "U kunt vragen gegevens te verwijderen, af te schermen of te vernietigen.",
    "U kunt een eigen verklaring laten toevoegen bij een oordeel waarmee u het niet eens bent.",
    # verzet (RI-12), in words that keep it apart from bezwaar against a decision (RI-16)
    "U kunt vragen om te stoppen met het gebruik van uw gegevens (verzet).",
    "U kunt een klacht indienen bij de Autoriteit Persoonsgegevens (autoriteitpersoonsgegevens.nl).",
]
# RI-05: retention periods or their criteria, in the client's words (RT-01's "due 1 January" included).
BEWAARTERMIJNEN = [
    {
        "soort": "Dossier",
        "termijn": "Wij vernietigen het op 1 januari, 15 jaar na het jaar waarin de hulp stopte. Stopte de "
        "hulp in 2024? Dan vernietigen wij het op 1 januari 2039.",
    },
    {
        "soort": "Signaal in de verwijsindex",
        "termijn": "Tot de datum waarop het signaal afloopt, of eerder als de hulpverlener het intrekt",
    },
    {"soort": "Toestemming", "termijn": "5 jaar nadat de toestemming is afgelopen of ingetrokken"},
    {
        "soort": "Overleg tussen hulpverleners over de situatie",
        "termijn": "Een vaste tijd nadat het overleg is afgesloten. Hoe lang, hangt af van het soort "
        "overleg.",
    },
    {"soort": "Logboek (wie wat met de gegevens deed)", "termijn": "7 jaar"},
]


def contact_voor_client(organisatie) -> dict:
    """Where a client turns with a question (Mijn gegevens, the answer's PDF): the organisation with its
    address, and the FG of its controller (GDPR art 38(4)) — names and addresses, not "contact us"."""
    vv = organisatie.verwerkingsverantwoordelijke
    straat = " ".join(p for p in (organisatie.adres_straat, organisatie.adres_huisnummer) if p)
    plaats = " ".join(p for p in (organisatie.adres_postcode, organisatie.adres_plaats) if p)
    fg = {"naam": vv.fg_naam, "email": vv.fg_email, "telefoon": vv.fg_telefoon}
    return {
        "organisatie": organisatie.naam,
        "adres": ", ".join(p for p in (straat, plaats) if p),
        "verwerkingsverantwoordelijke": vv.naam,
        "fg": fg if any(fg.values()) else None,
    }


def eerdere_ontvangers(verzoek: Verzoek) -> dict[str, Any]:
    """RI-11: the earlier recipients of the data this request covers (see `_verstrekkingen`), by the
    entry's uuid, oldest first. The request's visibility lets its handler and deciders see them."""
    with tenancy.systeem():
        personen, bsn = _personen(verzoek.persoon)
        rijen = _verstrekkingen(verzoek, personen, bsn).select_related("ontvanger_organisatie", "organisatie")
        return {str(v.uuid): v for v in rijen.order_by("datum", "id")}


def achtergehouden_items(verzoek: Verzoek) -> dict[str, dict]:
    """L7: what each item the decision withholds or keeps is — kind, date and, per kind, recipient,
    organisation or dossier — so the request page describes it instead of a bare number. The items may be
    another organisation's of the controller; the request's visibility lets its readers see this much."""
    from zorgvuldig.dossiers.models import Notitie, Plan, Zrmscore
    from zorgvuldig.toestemmingen.models import Toestemming
    from zorgvuldig.verstrekkingen.models import Deelbesluit, Verstrekking
    from zorgvuldig.verwijsindex.models import Signaal

    uuids = _uuids(a["item"] for a in (verzoek.besluit or {}).get("achtergehouden", []))
    if not uuids:
        return {}
    uit: dict[str, dict] = {}
    with tenancy.systeem():
        for v in Verstrekking.objects.filter(uuid__in=uuids).select_related("ontvanger_organisatie"):
            naam = v.ontvanger_organisatie.naam if v.ontvanger_organisatie else v.ontvanger_naam
            uit[str(v.uuid)] = {"soort": "verstrekking", "datum": v.datum, "ontvanger": naam}
        for t in Toestemming.objects.filter(uuid__in=uuids):
            uit[str(t.uuid)] = {
                "soort": "toestemming",
                "datum": t.datum,
                "doel": t.doel or t.doel_toelichting,
            }
        for g in Signaal.objects.filter(uuid__in=uuids).select_related("organisatie"):
            uit[str(g.uuid)] = {"soort": "signaal", "datum": None, "organisatie": g.organisatie.naam}
        for b in Deelbesluit.objects.filter(uuid__in=uuids).select_related("dossier"):
            uit[str(b.uuid)] = {
                "soort": "deelbesluit",
                "datum": b.aangemaakt.date(),
                "dossier": b.dossier.kenmerk,
            }
        for soort, model in (("notitie", Notitie), ("zrmscore", Zrmscore), ("plan", Plan)):
            for i in model.objects.filter(uuid__in=uuids).select_related("dossier"):
                uit[str(i.uuid)] = {
                    "soort": soort,
                    "datum": i.aangemaakt.date(),
                    "dossier": i.dossier.kenmerk,
                }
    return uit


def correctienotificaties(verzoek: Verzoek) -> list:
    """RI-11: how each earlier recipient was told of this request's execution (the rows belong to the
    disclosure entries' organisations, so they are read past row security once the request is visible)."""
    from zorgvuldig.rechten.models import Correctienotificatie

    with tenancy.systeem():
        rijen = list(
            Correctienotificatie.objects.filter(verzoek=verzoek)
            .select_related("verstrekking__ontvanger_organisatie")
            .order_by("id")
        )
    for rij in rijen:
        rij.reden = crypto.ontsleutel(rij, "reden", als_json=False) or ""  # type: ignore[attr-defined]
    return rijen


def stel_samen(verzoek: Verzoek, achterhouden: frozenset[str] | set[str] = frozenset()) -> Samenstelling:
    """The inzage answer for `verzoek.persoon` as `verzoek.indiener` may receive it (RI-03, RI-05), without
    the items the decision withholds (`achterhouden`: item uuids, RI-02, RI-07)."""
    from zorgvuldig.registers.catalogus import doel_voor_client
    from zorgvuldig.registers.datacategorieen import categorie_voor_client

    is_vertegenwoordiger = verzoek.hoedanigheid != "zelf"
    vi = verzoek.verwijsindex  # a request about VI data is answered with VI data only (RI-08, RI-12)
    with tenancy.systeem():
        achterhouden = _met_verstrekkingen(achterhouden)
        personen, bsn = _personen(verzoek.persoon)
        ids = [p.pk for p in personen]
        uuids = frozenset(str(p.uuid) for p in personen)
        indieners = (
            frozenset(str(p.uuid) for p in _personen(verzoek.indiener)[0]) if verzoek.indiener else uuids
        )
        uitgesloten: list[dict] = []
        dossiers = (
            [] if vi else _dossiers(ids, uuids, indieners, is_vertegenwoordiger, achterhouden, uitgesloten)
        )
        ontvangers = _ontvangers(_verstrekkingen(verzoek, personen, bsn), achterhouden)
        signalen = _signalen(verzoek, bsn, achterhouden)
        relaties = [] if vi else _relaties(ids, is_vertegenwoordiger, achterhouden)
        categorieen = {"identificerend"}
        if any(d["items"] for d in dossiers):
            categorieen.add("vrije_tekst")
        if any(i.get("sectie") in ("gezondheid", "justitie") for d in dossiers for i in d["items"]):
            categorieen.add("bijzonder")
        if bsn:
            categorieen.add("bsn")
        # RI-17: the person records' entries and the index's on the same BSN (one shared look-up with the
        # audit search, AU-05); a VI request: the whole index only, else the controller's own signals'
        wie = audit_selectors.onderwerp(personen, bsn)
        eigen = str(verzoek.verwerkingsverantwoordelijke.uuid)
        inzagen = _inzagen(
            wie.regels(personen=not vi, vi_van=None if vi else eigen),
            verzoek.naam_vermelding,
            _verzwegen(achterhouden, uitgesloten)
            | (_verzoeken_van_anderen(ids, indieners) if is_vertegenwoordiger else frozenset()),
            indieners if is_vertegenwoordiger else None,
        )
        overzicht = {
            "verwerkt": True,  # the person's record itself is processed data (RI-05 asks "whether")
            "betrokkene": _gegevens_persoon(verzoek.persoon, is_vertegenwoordiger),
            "gegevens": {
                "dossiers": dossiers,
                "toestemmingen": [] if vi else _toestemmingen(ids, achterhouden),
                "toestemmingenGegeven": [] if vi else _gegeven_toestemmingen(ids, uuids, achterhouden),
                "relaties": relaties,
                "signalen": signalen,
                "casusoverleggen": [] if vi else _casussen(ids),
            },
            # what the data was processed for: the records' purposes and those of every listed act
            "doelen": sorted(
                {doel_voor_client(d) for d in (["ondersteuning", "plan"] if dossiers else [])}
                | ({doel_voor_client("signalering")} if signalen else set())
                | {r["doel"] for r in inzagen if r["doel"]}
            ),
            "categorieen": [categorie_voor_client(c) for c in sorted(categorieen)],
            "herkomst": sorted(
                {policies.herkomst(i) for d in dossiers for i in d["items"]}
                | {r["bron"] for r in relaties if r["bron"]}
            ),
            "ontvangers": ontvangers,
            "bewaartermijnen": BEWAARTERMIJNEN,
            "rechten": RECHTEN,
            "geautomatiseerdeVerwerking": UITLEG_VERWIJSINDEX,
            "inzagen": inzagen,
            # RI-07: part of the answer was withheld by the decision; the reader is not told that what
            # is listed is all there is (the decision names the ground)
            "onvolledig": bool(achterhouden),
        }
    return Samenstelling(overzicht, uitgesloten)
