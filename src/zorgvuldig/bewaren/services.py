"""Writes of the retention engine (SPEC §10, RI-10, AU-07; ADR 0014).

* `bijwerken` keeps a record's retention row current; it runs on every save of a unit (eenheden), in the
  saving transaction, so no record is without its rule and date (RT-10). `synchroniseer` adds the rows
  for records written in bulk.
* Extensions (RT-02), holds (RT-07), destruction lists (RT-13), destruction on request (RI-10).
* `opschonen` — the sweep (RT-03, RT-09): per batch, in one transaction, it deletes (or transfers) what
  may go, turns the retention row into the tombstone, deletes persons with nothing left and their
  pseudonym mapping (AU-07), and writes the audit entry. A killed sweep leaves whole batches only; the
  next run resumes. A dry run counts and changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections import Counter, defaultdict
from pathlib import Path

import structlog
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, ProtectedError, Q, QuerySet
from django.db.models.deletion import Collector

from zorgvuldig.audit import services as audit
from zorgvuldig.bewaren import eenheden, policies, selectors
from zorgvuldig.bewaren.models import Bewaarregel, Bewaartermijn, Blokkade, Opschoonronde, Vernietigingslijst
from zorgvuldig.core import crypto, tenancy
from zorgvuldig.core.clock import now, today
from zorgvuldig.core.context import Actor
from zorgvuldig.core.errors import DomainError, InvalidParam

log = structlog.get_logger(__name__)
ACTIVITEIT = "bewaren-vernietigen"
SWEEP_LOCK = 0x5A56_5357  # pg advisory lock: one sweep at a time
BATCH = 5000  # retention rows per transaction of the sweep (PostgreSQL)
BATCH_SQLITE = 500  # SQLite has one writer at a time: shorter transactions keep other writes waiting less


def _ongeldig(fouten: list[tuple[str, str]], detail: str) -> None:
    if fouten:
        raise DomainError(
            "E_INVALID_INPUT", detail, [InvalidParam(param, "invalid", reden) for param, reden in fouten]
        )


def _log(actor, actie: str, obj, velden: list[str], **extra) -> None:
    """The act's audit entry, in its transaction (AU-01); no data subject: retention acts name records."""
    audit.record(actor=actor, actie=actie, activiteit=ACTIVITEIT, object=obj, velden=velden, **extra)


def _mag(actor, scope: str, wie: str) -> None:
    """The scope the API and the pages check, checked again here: a service is never the weak door."""
    if not actor.heeft(scope):
        raise DomainError("E_AC_NOT_AUTHORISED", wie)


# --- keeping the retention rows current (RT-10) -----------------------------------------------------------


def bijwerken(obj) -> None:
    """Upsert the retention row of a unit record from its current dates. An extension (RT-02) or a
    destruction on request (RI-10) that moved the date keeps it; a destroyed record's row is the tombstone
    and never changes."""
    eenheid = eenheden.van_model(type(obj))
    if eenheid is None:
        return
    brondatum, verval = eenheid.datums(obj)
    with tenancy.systeem():
        rij = Bewaartermijn.objects.filter(objecttype=eenheid.objecttype, object_id=obj.pk).first()
        if rij is None:
            Bewaartermijn.objects.create(
                verwerkingsverantwoordelijke_id=obj.verwerkingsverantwoordelijke_id,
                organisatie_id=obj.organisatie_id,
                objecttype=eenheid.objecttype,
                object_id=obj.pk,
                object_uuid=obj.uuid,
                regel=eenheid.regel,
                brondatum=brondatum,
                vervaldatum=verval,
            )
            return
        if rij.uitkomst:
            # a stale copy saved after the sweep would bring the record back: refuse (the save rolls back)
            raise DomainError("E_STATE_CONFLICT", "Dit record is vernietigd (RT-03).")
        if rij.besluit.get("soort"):
            return  # a decision set this date
        if (rij.brondatum, rij.vervaldatum) != (brondatum, verval):
            rij.brondatum, rij.vervaldatum = brondatum, verval
            rij.save(update_fields=["brondatum", "vervaldatum", "gewijzigd"])


def synchroniseer(batch: int = 2000) -> int:
    """Rows for unit records that have none (written in bulk, or before the engine existed)."""
    gemaakt = 0
    with tenancy.systeem():
        for eenheid in eenheden.EENHEDEN.values():
            # NOT EXISTS, not NOT IN: PostgreSQL checks NOT IN against the whole list once it outgrows
            # work_mem, which is quadratic at a million records
            bekend = Bewaartermijn.objects.filter(objecttype=eenheid.objecttype, object_id=OuterRef("pk"))
            while True:
                nieuw = list(eenheid.model.objects.exclude(Exists(bekend)).order_by("pk")[:batch])
                if not nieuw:
                    break
                with transaction.atomic():
                    rijen = []
                    for obj in nieuw:
                        brondatum, verval = eenheid.datums(obj)
                        rijen.append(
                            Bewaartermijn(
                                verwerkingsverantwoordelijke_id=obj.verwerkingsverantwoordelijke_id,
                                organisatie_id=obj.organisatie_id,
                                objecttype=eenheid.objecttype,
                                object_id=obj.pk,
                                object_uuid=obj.uuid,
                                regel=eenheid.regel,
                                brondatum=brondatum,
                                vervaldatum=verval,
                            )
                        )
                    Bewaartermijn.objects.bulk_create(rijen, ignore_conflicts=True)
                gemaakt += len(rijen)
    return gemaakt


def regels_voor(vv_id: int) -> list[Bewaarregel]:
    """The controller's rule rows, one per record type (RT-10), made on first use."""
    bestaand = {r.code: r for r in Bewaarregel.objects.filter(verwerkingsverantwoordelijke_id=vv_id)}
    nieuw = [
        Bewaarregel(verwerkingsverantwoordelijke_id=vv_id, code=c)
        for c in policies.REGELS
        if c not in bestaand
    ]
    if nieuw:
        Bewaarregel.objects.bulk_create(nieuw, ignore_conflicts=True)
        bestaand = {r.code: r for r in Bewaarregel.objects.filter(verwerkingsverantwoordelijke_id=vv_id)}
    return [bestaand[c] for c in policies.REGELS]


@audit.geweigerd_gelogd("bewaarregel.gewijzigd", ACTIVITEIT)
def wijzig_regel(*, actor, uuid, archiefcategorie: str) -> Bewaarregel:
    """RT-11: a record type is permanent under the Archiefwet (citing the Selectielijst category) — its
    records are then transferred to the archive instead of destroyed — or not (empty)."""
    _mag(actor, "configuratie:beheren", "De beheerder stelt de bewaarregels in.")
    regels_voor(actor.verwerkingsverantwoordelijke_id)
    with transaction.atomic():
        rij = (
            Bewaarregel.objects.select_for_update()
            .filter(verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id, uuid=uuid)
            .first()
        )
        if rij is None:
            from zorgvuldig.core.errors import NotFound

            raise NotFound()
        if archiefcategorie and not policies.REGELS[rij.code].eenheid:
            raise DomainError(
                "E_INVALID_INPUT",
                "Alleen soorten met een eigen bewaartermijn kunnen worden overgebracht (RT-11).",
                [InvalidParam("archiefwaardig", "invalid", "Deze soort gaat mee met een ander record.")],
            )
        rij.archiefcategorie = archiefcategorie.strip()
        rij.save()
        _log(actor, "bewaarregel.gewijzigd", rij, ["archiefwaardig"], koppeling={"code": rij.code})
    return rij


# --- extension (RT-02) and holds (RT-07) -------------------------------------------------------------------


def _eigen_termijn(actor, uuid) -> Bewaartermijn:
    """A row of the actor's own organisation (the FG: controller), locked; others answer like missing."""
    rij = selectors.termijn_of_404(actor, uuid)
    return Bewaartermijn.objects.select_for_update().get(pk=rij.pk)


@audit.geweigerd_gelogd("bewaartermijn.verlengd", ACTIVITEIT)
def verleng(*, actor, uuid, nieuwe_datum: dt.date, reden: str) -> Bewaartermijn:
    """RT-02: longer only by the leidinggevende's reasoned decision with a new date."""
    with transaction.atomic():
        rij = _eigen_termijn(actor, uuid)
        if rij.organisatie_id != actor.organisatie.pk or "leidinggevende" not in actor.rollen:
            raise DomainError("E_AC_NOT_AUTHORISED", "De leidinggevende van de organisatie verlengt (RT-02).")
        _ongeldig(
            policies.verlenging_fouten(nieuwe_datum, rij.vervaldatum, reden, rij.uitkomst, today()),
            "De bewaartermijn kan zo niet worden verlengd (RT-02).",
        )
        _besluit(rij, actor, "verlenging", nieuwe_datum, reden)
        rij.lijst, rij.beoordeling = None, ""  # a list judged the old date; the new one needs a new list
        rij.save()
        _log(actor, "bewaartermijn.verlengd", rij, ["vervaldatum"])
    return rij


def _besluit(rij: Bewaartermijn, actor, soort: str, datum: dt.date, reden: str, **extra) -> None:
    rij.vervaldatum = datum
    rij.besluit = {
        "soort": soort,
        "datum": today().isoformat(),
        "door": str(actor.gebruiker.uuid) if actor.gebruiker else "",
        **extra,
    }
    rij.reden_versleuteld = crypto.versleutel(rij, "reden", reden)


@audit.geweigerd_gelogd("bewaartermijn.geblokkeerd", ACTIVITEIT)
def blokkeer(*, actor, uuid, reden: str, einddatum: dt.date, toelichting: str) -> Blokkade:
    """RT-07: a legal hold suspends destruction until its end date."""
    _mag(actor, "bewaartermijn:blokkeren", "De leidinggevende of de FG blokkeert vernietiging (RT-07).")
    with transaction.atomic():
        rij = _eigen_termijn(actor, uuid)
        _ongeldig(
            policies.blokkade_fouten(reden, einddatum, toelichting, rij.uitkomst, today()),
            "De blokkade is zo niet vast te leggen (RT-07).",
        )
        blokkade = Blokkade(
            verwerkingsverantwoordelijke_id=rij.verwerkingsverantwoordelijke_id,
            organisatie_id=rij.organisatie_id,
            termijn=rij,
            reden=reden,
            einddatum=einddatum,
            door=actor.gebruiker,
        )
        blokkade.toelichting_versleuteld = crypto.versleutel(blokkade, "toelichting", toelichting)
        blokkade.save()
        _log(actor, "bewaartermijn.geblokkeerd", rij, ["blokkade"])
    return blokkade


@audit.geweigerd_gelogd("bewaartermijn.blokkade_opgeheven", ACTIVITEIT)
def hef_op(*, actor, uuid, blokkade_uuid) -> Blokkade:
    _mag(actor, "bewaartermijn:blokkeren", "De leidinggevende of de FG heft een blokkade op.")
    with transaction.atomic():
        rij = _eigen_termijn(actor, uuid)
        blokkade = selectors.blokkade_of_404(rij, blokkade_uuid)
        if blokkade.opgeheven_op is not None:
            raise DomainError("E_STATE_CONFLICT", "Deze blokkade is al opgeheven.")
        blokkade.opgeheven_op, blokkade.opgeheven_door = now(), actor.gebruiker
        blokkade.save(update_fields=["opgeheven_op", "opgeheven_door", "gewijzigd"])
        _log(actor, "bewaartermijn.blokkade_opgeheven", rij, ["blokkade"])
    return blokkade


# --- destruction lists (RT-13) --------------------------------------------------------------------------


def _goedkeurrol(actor) -> str:
    if "fg" in actor.rollen:
        return "fg"
    return "leidinggevende" if "leidinggevende" in actor.rollen else ""


@audit.geweigerd_gelogd("vernietigingslijst.aangemaakt", ACTIVITEIT)
def maak_lijst(*, actor, peildatum: dt.date, organisatie=None) -> Vernietigingslijst:
    """List what of the organisation is due on `peildatum` and needs a list: not held, not on another
    open list. The FG names the organisation; a leidinggevende lists the own one."""
    _mag(actor, "vernietigingslijst:goedkeuren", "De leidinggevende of de FG stelt een lijst op (RT-13).")
    org = organisatie or actor.organisatie
    if org.verwerkingsverantwoordelijke_id != actor.verwerkingsverantwoordelijke_id or (
        org.pk != actor.organisatie.pk and "fg" not in actor.rollen
    ):
        raise DomainError("E_AC_NOT_AUTHORISED", "Alleen voor de eigen organisatie.")
    if peildatum > today() + dt.timedelta(days=366):
        _ongeldig([("peildatum", "Kies een peildatum binnen een jaar.")], "Ongeldige peildatum.")
    lijstregels = [code for code, r in policies.REGELS.items() if r.vernietigingslijst]
    synchroniseer()
    with transaction.atomic():
        lijst = Vernietigingslijst.objects.create(
            verwerkingsverantwoordelijke_id=org.verwerkingsverantwoordelijke_id,
            organisatie=org,
            peildatum=peildatum,
            status=policies.CONCEPT,
            aangemaakt_door=actor.gebruiker,
        )
        open_lijst = Vernietigingslijst.objects.filter(status__in=(policies.CONCEPT, policies.GOEDGEKEURD))
        kandidaten = (
            selectors.met_status(Bewaartermijn.objects.filter(organisatie=org), peildatum)
            .filter(uitkomst="", regel__in=lijstregels, vervaldatum__lte=peildatum, geblokkeerd=False)
            .exclude(lijst__in=open_lijst)
            # a granted destruction request needs no list (RI-10); a subquery, as NOT on a JSON key that is
            # absent would also drop the rows without one
            .exclude(pk__in=Bewaartermijn.objects.filter(besluit__soort="verzoek").values("pk"))
        )
        aantal = kandidaten.update(lijst=lijst, beoordeling="vernietigen")
        _log(actor, "vernietigingslijst.aangemaakt", lijst, ["items"], koppeling={"aantal": aantal})
    return lijst


@audit.geweigerd_gelogd("vernietigingslijst.beoordeeld", ACTIVITEIT)
def beoordeel(*, actor, uuid, items: list[dict]) -> Vernietigingslijst:
    """Per item: destroy, keep with a new date and reason (RT-02), or transfer (RT-11); before approval."""
    with transaction.atomic():
        lijst = Vernietigingslijst.objects.select_for_update().get(pk=selectors.lijst_of_404(actor, uuid).pk)
        if lijst.status != policies.CONCEPT or lijst.goedkeuringen:
            raise DomainError("E_STATE_CONFLICT", "Een lijst wordt beoordeeld vóór de eerste goedkeuring.")
        if not _goedkeurrol(actor):
            raise DomainError("E_AC_NOT_AUTHORISED", "De leidinggevende of de FG beoordeelt de lijst.")
        rijen = {str(r.uuid): r for r in lijst.items.select_for_update()}
        fouten = []
        if len({str(i["termijn"]) for i in items}) != len(items):
            fouten.append(("items", "Beoordeel elk item één keer."))
        for i, item in enumerate(items):
            rij = rijen.get(str(item["termijn"]))
            if rij is None:
                fouten.append((f"items[{i}].termijn", "Dit item staat niet op de lijst."))
                continue
            fouten += [
                (f"items[{i}].{p}", r)
                for p, r in policies.beoordeling_fouten(
                    item["beoordeling"], item.get("nieuwe_datum"), item.get("reden", ""), lijst.peildatum
                )
            ]
        _ongeldig(fouten, "De beoordeling is onvolledig (RT-13).")
        for item in items:
            rij = rijen[str(item["termijn"])]
            rij.beoordeling = item["beoordeling"]
            # an earlier decision (an extension, RT-02) stays; "keep" proposes a new one with its reason
            rij.besluit = {k: v for k, v in rij.besluit.items() if k not in ("nieuweDatum", "voorstelReden")}
            if item["beoordeling"] == "bewaren":
                rij.besluit["nieuweDatum"] = item["nieuwe_datum"].isoformat()
                rij.besluit["voorstelReden"] = crypto.encrypt(
                    rij.verwerkingsverantwoordelijke_id,
                    rij._meta.db_table,
                    "voorstel",
                    rij.uuid,
                    item["reden"],
                )
            rij.save(update_fields=["beoordeling", "besluit", "gewijzigd"])
        _log(actor, "vernietigingslijst.beoordeeld", lijst, ["items"])
    return lijst


@audit.geweigerd_gelogd("vernietigingslijst.goedgekeurd", ACTIVITEIT)
def keur_goed(*, actor, uuid) -> Vernietigingslijst:
    """RT-13: the leidinggevende of the organisation and the FG approve, as two people. With both, the
    items to keep get their new date (RT-02) and leave the list; the sweep destroys the rest."""
    with transaction.atomic():
        lijst = Vernietigingslijst.objects.select_for_update().get(pk=selectors.lijst_of_404(actor, uuid).pk)
        rol = _goedkeurrol(actor)
        if rol == "leidinggevende" and lijst.organisatie_id != actor.organisatie.pk:
            rol = ""
        eerdere = [(g["rol"], g["gebruiker"]) for g in lijst.goedkeuringen]
        fout = policies.goedkeuring_fout(rol, str(actor.gebruiker.uuid), eerdere, lijst.status)
        if fout:
            raise DomainError("E_STATE_CONFLICT" if rol else "E_AC_NOT_AUTHORISED", fout)
        lijst.goedkeuringen = [
            *lijst.goedkeuringen,
            {"rol": rol, "gebruiker": str(actor.gebruiker.uuid), "datum": today().isoformat()},
        ]
        if policies.volledig_goedgekeurd([(g["rol"], g["gebruiker"]) for g in lijst.goedkeuringen]):
            lijst.status = policies.GOEDGEKEURD
            for rij in lijst.items.select_for_update().filter(beoordeling="bewaren"):
                reden = selectors.voorstel_reden(rij)
                _besluit(
                    rij, actor, "vernietigingslijst", dt.date.fromisoformat(rij.besluit["nieuweDatum"]), reden
                )
                rij.besluit["lijst"] = str(lijst.uuid)
                rij.lijst, rij.beoordeling = None, ""
                rij.save()
        lijst.save()
        _log(actor, "vernietigingslijst.goedgekeurd", lijst, ["goedkeuringen"])
    return lijst


# --- destruction on request (RI-10, RT-06) -----------------------------------------------------------------


def vernietig_op_verzoek(*, actor, verzoek, behouden: set[str]) -> dict:
    """RI-10: a granted destruction request. Without named items it concerns all the subject's records of
    the controller: each record becomes due today — the decision replaces the list (RT-13) — and the sweep
    destroys it within the 3 months (RT-06). What the decision keeps (`behouden`, item uuids with their
    ground in the decision) stays under its own rule, so of such a dossier only the other items go, now.
    In a family dossier only items about this member alone go; what concerns others stays (RI-03)."""
    from zorgvuldig.dossiers.models import Dossier, Lid, Zorgsignaal
    from zorgvuldig.toestemmingen.models import Toestemming

    uit = {"records": 0, "onderdelen": 0}
    persoon, genoemd = verzoek.persoon, set(verzoek.items)
    with tenancy.systeem():
        dossiers = Dossier.objects.filter(
            pk__in=Lid.objects.filter(persoon=persoon).values("dossier_id"),
            verwerkingsverantwoordelijke_id=verzoek.verwerkingsverantwoordelijke_id,
        )
        if verzoek.dossier_id:
            dossiers = dossiers.filter(pk=verzoek.dossier_id)
        for dossier in dossiers:
            alleen = Lid.objects.filter(dossier=dossier).count() == 1
            items = [
                i
                for m in eenheden.dossier_items()
                for i in m.objects.filter(dossier=dossier).prefetch_related("betreft")
            ]
            if genoemd:
                items = [i for i in items if str(i.uuid) in genoemd]
            weg = [
                i
                for i in items
                if str(i.uuid) not in behouden and (alleen or {p.pk for p in i.betreft.all()} == {persoon.pk})
            ]
            houdt = {str(i.uuid) for i in items} | eenheden.dossier_verstrekkingen(dossier)
            heel = alleen and not genoemd and not (houdt & behouden)
            if heel:
                uit["records"] += _maak_vervallen(actor, dossier, verzoek)
                continue
            if weg and _geblokkeerd(dossier):
                raise DomainError(
                    "E_STATE_CONFLICT",
                    "Het dossier is geblokkeerd (RT-07): vernietig de onderdelen na de einddatum van de "
                    "blokkade.",
                )
            uit["onderdelen"] += _vernietig_onderdelen(actor, dossier, weg, verzoek)
        if verzoek.dossier_id:
            return uit
        eigen = [
            *Zorgsignaal.objects.filter(persoon=persoon, dossier__isnull=True),
            *Toestemming.objects.filter(betrokkene=persoon),
        ]
        for obj in eigen:
            if str(obj.uuid) not in behouden and (not genoemd or str(obj.uuid) in genoemd):
                uit["records"] += _maak_vervallen(actor, obj, verzoek)
    return uit


def _geblokkeerd(obj) -> bool:
    objecttype = f"{obj._meta.app_label}.{obj._meta.model_name}"
    rij = selectors.met_status(Bewaartermijn.objects.filter(objecttype=objecttype, object_id=obj.pk)).first()
    return bool(rij and rij.geblokkeerd)


def _maak_vervallen(actor, obj, verzoek) -> int:
    bijwerken(obj)
    objecttype = f"{obj._meta.app_label}.{obj._meta.model_name}"
    rij = Bewaartermijn.objects.select_for_update().get(objecttype=objecttype, object_id=obj.pk)
    if rij.uitkomst:
        return 0
    _besluit(
        rij,
        actor,
        "verzoek",
        today(),
        "Vernietiging op verzoek van de betrokkene (RI-10).",
        verzoek=str(verzoek.uuid),
    )
    rij.lijst, rij.beoordeling = None, ""
    rij.save()
    audit.record(
        actor=actor,
        actie="bewaartermijn.op_verzoek",
        activiteit=ACTIVITEIT,
        object=obj,
        betrokkenen=[verzoek.persoon],
        velden=["vervaldatum"],
        koppeling={"verzoek": str(verzoek.uuid)},
    )
    return 1


def _vernietig_onderdelen(actor, dossier, items: list, verzoek) -> int:
    """Items of a dossier that stays (shared with others, or keeping what the decision keeps) go now, each
    with its tombstone."""
    if not items:
        return 0
    audit.record(
        actor=actor,
        actie="bewaren.onderdeel_vernietigd",
        activiteit=ACTIVITEIT,
        object=dossier,
        betrokkenen=[verzoek.persoon],
        velden=["items"],
        koppeling={"verzoek": str(verzoek.uuid), "aantal": len(items)},
    )
    per_model: dict[type, list] = defaultdict(list)
    for item in items:
        per_model[type(item)].append(item)
    for model, rijen in per_model.items():
        _verwijder(model, [i.pk for i in rijen])
    besluit = {"soort": "verzoek", "verzoek": str(verzoek.uuid), "datum": today().isoformat()}
    Bewaartermijn.objects.bulk_create([grafsteen(i, "dossier", besluit=besluit) for i in items])
    return len(items)


# --- deleting rows and everything that hangs on them ------------------------------------------------------


_in = selectors.binnen  # `veld IN waarden`, one array literal on PostgreSQL


class _Terugval(Exception):
    """What the set-based delete does not handle itself (a signal receiver, a PROTECTed reference, an
    unusual relation): Django's Collector then does the delete, with its ProtectedError."""


def _plan(qs, *, met_uuid: bool = True) -> tuple[dict, list]:
    """What deleting the rows of `qs` takes, as Django's Collector decides it — CASCADE goes with them,
    SET_NULL is cleared, a PROTECT reference from a row that stays refuses, DO_NOTHING is left — but in
    sets: per model the ids (and uuids) to delete, read with one query per relation instead of loading
    each row as an instance.
    Raises _Terugval (before anything is written) where only the Collector gets it right."""
    from django.db.models import CASCADE, DO_NOTHING, PROTECT, SET_NULL, ForeignKey
    from django.db.models.deletion import get_candidate_relations_to_delete
    from django.db.models.signals import m2m_changed, post_delete, pre_delete

    weg: dict[type, dict[int, object]] = {}  # model → {pk: uuid or None}, in the order found
    op_null: list[tuple[type, str, list[int]]] = []
    beschermd: list[tuple[type, QuerySet]] = []  # (referring model, its rows that PROTECT a row found)

    def verzamel(model, rijen) -> None:
        meta = model._meta
        if (
            meta.parents
            or any(hasattr(f, "bulk_related_objects") for f in meta.private_fields)  # generic relations
            or any(s.has_listeners(model) for s in (pre_delete, post_delete, m2m_changed))
        ):
            raise _Terugval
        velden = (
            ("pk", "uuid") if met_uuid and any(f.name == "uuid" for f in meta.concrete_fields) else ("pk",)
        )
        bekend = weg.setdefault(model, {})
        nieuw = {r[0]: r[1] if len(r) > 1 else None for r in rijen.values_list(*velden) if r[0] not in bekend}
        if not nieuw:
            return
        bekend.update(nieuw)
        ids = list(nieuw)
        for rel in get_candidate_relations_to_delete(meta):
            veld, on_delete, verwijzer = rel.field, rel.on_delete, rel.related_model  # type: ignore[attr-defined]
            if on_delete is DO_NOTHING:
                continue
            if not isinstance(veld, ForeignKey) or not veld.target_field.primary_key or verwijzer is None:
                raise _Terugval
            verwijzend = verwijzer._base_manager.filter(_in(veld.attname, ids)).order_by()
            if on_delete is CASCADE:
                verzamel(verwijzer, verwijzend)
            elif on_delete is PROTECT:
                beschermd.append((verwijzer, verwijzend.values_list("pk")))
            elif on_delete is SET_NULL:
                op_null.append((verwijzer, veld.attname, ids))
            else:
                raise _Terugval

    verzamel(qs.model, qs.order_by())
    # checked once all is found: a PROTECT reference from a row that goes in the same delete (a note's
    # correction in the same dossier, a case table's contribution by its own participant) holds nothing
    # back — the Collector refuses those too, so such a unit would wait for ever (RT-03); one from outside
    # does, through the Collector's ProtectedError. Usually one query that finds nothing.
    vragen = [v for _, v in beschermd]
    if vragen and list(vragen[0].union(*vragen[1:], all=True)[:1]):
        for verwijzer, verwijzend in beschermd:
            if {r[0] for r in verwijzend} - weg.get(verwijzer, {}).keys():
                raise _Terugval
    return weg, op_null


def _voer_plan_uit(weg: dict, op_null: list) -> None:
    for model, attname, ids in op_null:
        model._base_manager.filter(_in(attname, ids)).update(**{attname: None})
    # children before their parents; the foreign keys are deferred to the commit in any case
    for model in reversed(list(weg)):
        if weg[model]:
            qs = model._base_manager.filter(_in("pk", weg[model]))
            qs._raw_delete(qs.db)


def _wis(qs) -> None:
    """`qs.delete()`, set-based where nothing needs the Collector."""
    try:
        weg, op_null = _plan(qs, met_uuid=False)
    except _Terugval:
        qs.delete()
        return
    _voer_plan_uit(weg, op_null)


def _verwijder(model, ids: list[int]) -> None:
    """Delete the rows with their CASCADE children, then the grants on any of them and the disclosure
    entries and grants whose origin is one of them. Raises ProtectedError when a record with a rule of its
    own still points at one (the caller keeps that unit for now)."""
    from zorgvuldig.toegang.models import Toegang
    from zorgvuldig.verstrekkingen.models import Verstrekking

    try:
        weg, op_null = _plan(model._base_manager.filter(_in("pk", ids)))
    except _Terugval:
        _verwijder_met_collector(model, ids)
        return
    _voer_plan_uit(weg, op_null)
    grants, herkomsten = Q(pk__in=[]), []
    for m, rijen in weg.items():
        if rijen:
            grants |= Q(_in("object_id", rijen), object_type=f"{m._meta.app_label}.{m._meta.model_name}")
            herkomsten += [f"{m._meta.model_name}:{u}" for u in rijen.values() if u]
    if herkomsten:
        grants |= Q(_in("herkomst", herkomsten))
        _wis(Verstrekking.objects.filter(_in("herkomst", herkomsten)))
    _wis_toegang(Toegang.objects.filter(grants))  # on any of them, or from any of them: one statement


def _wis_toegang(qs) -> None:
    """Grants, with the break-glass records on them: rule "toegang" keeps those with the object, and
    their PROTECT would otherwise keep a dossier or person opened by break-glass for ever (RT-03)."""
    from zorgvuldig.toegang.models import Noodtoegang

    _wis(Noodtoegang._base_manager.filter(toegang__in=qs.values("pk")))
    _wis(qs)


def _verwijder_met_collector(model, ids: list[int]) -> None:
    """`_verwijder` through Django's Collector, row instances and all: where a signal receiver, a
    PROTECTed reference (its ProtectedError) or an unusual relation needs it."""
    from zorgvuldig.toegang.models import Toegang
    from zorgvuldig.verstrekkingen.models import Verstrekking

    c = Collector(using="default", origin=None)
    c.collect(list(model.objects.filter(pk__in=ids)))
    per_soort: dict[str, list[int]] = defaultdict(list)
    herkomsten = []
    for m, objs in c.data.items():
        label = f"{m._meta.app_label}.{m._meta.model_name}"
        for o in objs:
            per_soort[label].append(o.pk)
            uuid = getattr(o, "uuid", None)
            if uuid:
                herkomsten.append(f"{m._meta.model_name}:{uuid}")
    for qs in c.fast_deletes:
        label = f"{qs.model._meta.app_label}.{qs.model._meta.model_name}"
        per_soort[label] += list(qs.values_list("pk", flat=True))
    c.delete()
    for label, pks in per_soort.items():
        _wis_toegang(Toegang.objects.filter(object_type=label, object_id__in=pks))
    if herkomsten:
        Verstrekking.objects.filter(herkomst__in=herkomsten).delete()
        _wis_toegang(Toegang.objects.filter(herkomst__in=herkomsten))


def grafsteen(obj, regel: str, *, object_id: int | None = None, ronde=None, besluit=None) -> Bewaartermijn:
    """RT-03: the (unsaved) tombstone of a record destroyed outside a retention row of its own — a dossier
    item, a person, a VI archive record: type, uuid, rule, when; nothing about the person. `object_id`
    where the instance itself was deleted (Django then clears its pk)."""
    return _graf(
        # a protected row carries its controller; a VI archive record only through its organisation
        getattr(obj, "verwerkingsverantwoordelijke_id", None)
        or obj.organisatie.verwerkingsverantwoordelijke_id,
        obj.organisatie_id,
        f"{obj._meta.app_label}.{obj._meta.model_name}",
        obj.pk if object_id is None else object_id,
        obj.uuid,
        regel,
        ronde=ronde,
        besluit=besluit,
    )


def _graf(vv_id, org_id, objecttype, object_id, object_uuid, regel, *, ronde=None, besluit=None, moment=None):
    return Bewaartermijn(
        verwerkingsverantwoordelijke_id=vv_id,
        organisatie_id=org_id,
        objecttype=objecttype,
        object_id=object_id,
        object_uuid=object_uuid,
        regel=regel,
        uitkomst=policies.VERNIETIGD,
        uitgevoerd_op=moment or now(),
        opschoonronde=ronde,
        besluit=besluit or {},
    )


def _nog_nodig(kandidaten: set[int]) -> set[int]:
    """Of these persons, the ones that stay: still named by a record with a rule of its own (every PROTECT
    reference to a person), or representing someone still known (a parent of a sibling), whom deleting
    them would cascade into. A consent a parent gave for a child keeps the child, and so the relation.
    One statement (UNION ALL) over all references for the whole set."""
    from django.db.models import PROTECT, ForeignObjectRel

    from zorgvuldig.personen.models import Persoon, Relatie

    if not kandidaten:
        return set()
    vragen: list = [Relatie.objects.filter(_in("ander_id", kandidaten)).order_by().values_list("ander_id")]
    # include_hidden: most references are declared with related_name="+"
    for rel in Persoon._meta.get_fields(include_hidden=True):
        if isinstance(rel, ForeignObjectRel) and rel.on_delete is PROTECT and rel.related_model is not None:
            attname = rel.field.attname  # type: ignore[union-attr]
            verwijzend = rel.related_model._base_manager.filter(_in(attname, kandidaten))
            vragen.append(verwijzend.order_by().values_list(attname))
    return {r[0] for r in vragen[0].union(*vragen[1:], all=True)}


def _ruim_personen_op(kandidaten: set[int], ronde) -> Counter:
    """SPEC §10 "Person record": persons with no record left go — in bulk, with their pseudonym mapping
    (AU-07) and a tombstone each — and then the persons only linked to them (a parent known only as this
    child's representative)."""
    from zorgvuldig.audit.models import Pseudoniem
    from zorgvuldig.personen.models import Huishoudlid, Persoon, Relatie

    weg: Counter = Counter()  # per controller id
    gezien: set[int] = set()
    soort = f"{Persoon._meta.app_label}.{Persoon._meta.model_name}"
    in_sql = connection.vendor == "postgresql"  # the tombstones written from the rows (_graven_uit)

    def verwijder(pks: list[int]) -> None:
        with transaction.atomic():  # tombstones and deletion stand or fall together
            huishoudens = set(
                Huishoudlid.objects.filter(_in("persoon_id", pks)).values_list("huishouden_id", flat=True)
            )
            if in_sql:
                _graven_uit(Persoon, pks, "persoon", ronde)
            _verwijder(Persoon, pks)
            _ruim_huishoudens_op(huishoudens, ronde)

    while kandidaten - gezien:
        nu = kandidaten - gezien
        bestaand = {
            pk: (uuid, vv, org)
            for pk, uuid, vv, org in Persoon.objects.filter(_in("pk", nu)).values_list(
                "pk", "uuid", "verwerkingsverantwoordelijke_id", "organisatie_id"
            )
        }
        te_gaan = set(bestaand) - _nog_nodig(set(bestaand))
        # one kept now may be kept only as the representative of someone who goes in this round (a parent
        # in the child's family dossier): not "seen", so the next round, after the child, looks again
        gezien |= nu - (set(bestaand) - te_gaan)
        if not te_gaan:
            break
        kandidaten = set()
        for persoon_id, ander_id in Relatie.objects.filter(
            Q(_in("persoon_id", te_gaan)) | Q(_in("ander_id", te_gaan))
        ).values_list("persoon_id", "ander_id"):
            if persoon_id in te_gaan:
                kandidaten.add(ander_id)
            if ander_id in te_gaan:
                kandidaten.add(persoon_id)
        try:
            verwijder(list(te_gaan))
            gegaan = list(te_gaan)
        except ProtectedError:  # a reference the check above does not know: one by one
            gegaan = []
            for pk in te_gaan:
                try:
                    verwijder([pk])
                    gegaan.append(pk)
                except ProtectedError:
                    continue
        if not gegaan:
            continue
        # AU-07: the mapping goes with the person (its key as audit.subject_key makes it)
        sleutels = [f"{Persoon._meta.model_name}:{bestaand[pk][0]}" for pk in gegaan]
        Pseudoniem.objects.filter(_in("sleutel", sleutels)).delete()
        if not in_sql:
            moment = now()
            Bewaartermijn.objects.bulk_create(
                [
                    _graf(vv, org, soort, pk, uuid, "persoon", ronde=ronde, moment=moment)
                    for pk, (uuid, vv, org) in ((pk, bestaand[pk]) for pk in gegaan)
                ]
            )
        for pk in gegaan:
            weg[bestaand[pk][1]] += 1
    return weg


def _ruim_huishoudens_op(ids: set[int], ronde) -> None:
    """PE-09: a household whose last member was just deleted goes too (rule "persoon"), with a tombstone —
    its name identifies the family, and nothing else would ever remove it."""
    from zorgvuldig.personen.models import Huishouden, Huishoudlid

    if not ids:
        return
    leeg = list(
        Huishouden.objects.filter(_in("pk", ids))
        .exclude(Exists(Huishoudlid.objects.filter(huishouden=OuterRef("pk"))))
        .only("pk", "uuid", "verwerkingsverantwoordelijke_id", "organisatie_id")
    )
    if leeg:
        Bewaartermijn.objects.bulk_create([grafsteen(h, "persoon", ronde=ronde) for h in leeg])
        _verwijder(Huishouden, [h.pk for h in leeg])


def _graven_uit(model, pks: list[int], regel: str, ronde) -> None:
    """RT-03 on PostgreSQL: the tombstones of rows about to be deleted in this transaction, written by the
    database from the rows themselves in one INSERT … SELECT — type, uuid, rule, outcome, when, every other
    column at its default, as `grafsteen` makes them — instead of built and sent row by row."""
    from django.utils import timezone

    moment, qn = now(), connection.ops.quote_name
    uit_rij = {
        "uuid": "gen_random_uuid()",
        "verwerkingsverantwoordelijke": "r.verwerkingsverantwoordelijke_id",
        "organisatie": "r.organisatie_id",
        "object_id": f"r.{qn(model._meta.pk.column)}",
        "object_uuid": "r.uuid",
    }
    vast = {
        "aangemaakt": timezone.now(),  # as auto_now(_add) would set them
        "gewijzigd": timezone.now(),
        "objecttype": f"{model._meta.app_label}.{model._meta.model_name}",
        "regel": regel,
        "uitkomst": policies.VERNIETIGD,
        "uitgevoerd_op": moment,
        "opschoonronde": ronde.pk if ronde is not None else None,
    }
    kolommen, waarden, params = [], [], []
    for veld in Bewaartermijn._meta.concrete_fields:
        if veld.primary_key:
            continue
        kolommen.append(qn(veld.column or veld.name))
        if veld.name in uit_rij:
            waarden.append(uit_rij[veld.name])
        else:
            waarden.append("%s")
            params.append(veld.get_db_prep_save(vast.get(veld.name, veld.get_default()), connection))
    with connection.cursor() as cur:
        cur.execute(
            f"INSERT INTO {qn(Bewaartermijn._meta.db_table)} ({', '.join(kolommen)}) "
            f"SELECT {', '.join(waarden)} FROM {qn(model._meta.db_table)} r "
            f"WHERE r.{qn(model._meta.pk.column)} = ANY(%s::bigint[])",
            [*params, "{" + ",".join(map(str, pks)) + "}"],
        )


# --- the sweep (RT-03, RT-09, RT-11, RT-13) ---------------------------------------------------------------


def _archiefmap() -> Path:
    return Path(settings.ZORGVULDIG_ARCHIEF_MAP)


def _breng_over(eenheid, objs: list, ronde) -> None:
    """RT-11: a transfer package per record — its rows, what it protects (sharing decisions), the
    disclosure entries and grants that came from them, the signals that became it and the persons it is
    about, with the encrypted fields in clear as the archive must read them — written before anything of
    the record is unlinked or deleted."""
    from django.contrib.admin.utils import NestedObjects

    from zorgvuldig.personen.models import Persoon
    from zorgvuldig.verstrekkingen.models import Verstrekking

    map_ = _archiefmap() / str(ronde.uuid)
    map_.mkdir(parents=True, exist_ok=True)
    for obj in objs:
        c = NestedObjects(using="default")
        c.collect([obj])  # unlike the Collector, it lists PROTECTed rows instead of refusing
        instanties = [i for rijen in c.data.values() for i in rijen] + list(c.protected)
        herkomsten = [
            f"{i._meta.model_name}:{getattr(i, 'uuid', '')}" for i in instanties if getattr(i, "uuid", None)
        ]
        instanties += list(Verstrekking.objects.filter(herkomst__in=herkomsten))
        instanties += eenheden.meegaand(eenheid, obj)
        instanties += list(Persoon.objects.filter(pk__in=eenheid.personen([obj.pk])))
        uniek = {(type(i), i.pk): i for i in instanties}
        (map_ / f"{eenheid.objecttype}-{obj.uuid}.json").write_text(
            json.dumps(
                {
                    "objecttype": eenheid.objecttype,
                    "uuid": str(obj.uuid),
                    "rijen": [_rij(i) for i in uniek.values()],
                },
                default=str,
            ),
            encoding="utf-8",
        )


def _pakketten_weg(eenheid, groep: list, ronde) -> None:
    """RT-11: the packages `_breng_over` wrote for a group whose delete was rolled back — a record that
    stays must not lie in the archive folder as transferred."""
    map_ = _archiefmap() / str(ronde.uuid)
    uuids = eenheid.model._base_manager.filter(_in("pk", [r.object_id for r in groep])).values_list(
        "uuid", flat=True
    )
    for uuid in uuids:
        (map_ / f"{eenheid.objecttype}-{uuid}.json").unlink(missing_ok=True)


def _rij(inst) -> dict:
    from django.core import serializers

    rij = json.loads(serializers.serialize("json", [inst]))[0]
    for veld in [v for v in rij["fields"] if v.endswith("_versleuteld")]:
        kolom = veld.removesuffix("_versleuteld")
        rij["fields"][kolom] = crypto.ontsleutel(inst, kolom, als_json=False) if rij["fields"][veld] else ""
        del rij["fields"][veld]
    return rij


def _lock() -> bool:
    if connection.vendor != "postgresql":
        return True
    with connection.cursor() as cur:
        cur.execute("SELECT pg_try_advisory_lock(%s)", [SWEEP_LOCK])
        return bool(cur.fetchone()[0])


def _unlock() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_unlock(%s)", [SWEEP_LOCK])


def standaard_batch() -> int:
    return BATCH if connection.vendor == "postgresql" else BATCH_SQLITE


def opschonen(
    vandaag: dt.date | None = None, *, droog: bool = False, batch: int | None = None, pauze: float = 0.0
):
    """One sweep over everything due, `batch` retention rows per transaction (standaard_batch). Returns the
    Opschoonronde (None when another sweep runs)."""
    vandaag, batch = vandaag or today(), batch or standaard_batch()
    with tenancy.systeem():
        if not _lock():
            log.warning("bewaren.opschonen.bezet")
            return None
        try:
            return _opschonen(vandaag, droog, batch, pauze)
        finally:
            _unlock()


def _opschonen(vandaag, droog, batch, pauze) -> Opschoonronde:
    # a run that is still "bezig" while we hold the lock was killed: say so, its batches are whole
    Opschoonronde.objects.filter(status="bezig").update(status="afgebroken")
    if not droog:
        synchroniseer()
    ronde = Opschoonronde.objects.create(gestart=now(), peildatum=vandaag, droog=droog)
    telling: dict[str, Counter] = defaultdict(Counter)
    archief = {
        (r.verwerkingsverantwoordelijke_id, r.code): r.archiefcategorie
        for r in Bewaarregel.objects.exclude(archiefcategorie="")
    }
    vv_uuid: dict[int, str] = {}
    laatste = 0
    while True:
        with transaction.atomic():
            # the batch is read and locked in its own transaction, so what it judged is what it changes
            rijen = selectors.opschoonbatch(vandaag, laatste, batch, vergrendel=not droog)
            if rijen:
                laatste = rijen[-1].pk
                _batch(rijen, vandaag, droog, ronde, archief, telling, vv_uuid)
        if not rijen:
            break
        if pauze:
            time.sleep(pauze)
    if not droog:
        _lijsten_afronden()
    ronde.telling = {vv: dict(c) for vv, c in telling.items()}
    ronde.status, ronde.beeindigd = "klaar", now()
    ronde.save()
    with transaction.atomic():
        # RT-09: the outcome is logged, per controller — and once when there was nothing to do
        for vv in telling or [""]:
            audit.record(
                actor=Actor.systeem(),
                actie="bewaren.opschoonronde",
                activiteit=ACTIVITEIT,
                object=ronde,
                koppeling={"droog": droog, **telling.get(vv, {})},
                verwerkingsverantwoordelijke=vv,
            )
    log.info("bewaren.opschonen", ronde=str(ronde.uuid), droog=droog)
    return ronde


def _batch(rijen, vandaag, droog, ronde, archief, telling, vv_uuid) -> None:
    """Judge each row of the batch by the rules, then carry out per record type and way, set-based."""
    from zorgvuldig.organisaties.models import Verwerkingsverantwoordelijke

    nieuw = {r.verwerkingsverantwoordelijke_id for r in rijen} - set(vv_uuid)
    if nieuw:
        vv_uuid.update(
            (pk, str(u))
            for pk, u in Verwerkingsverantwoordelijke.objects.filter(pk__in=nieuw).values_list("pk", "uuid")
        )
    lijsten = selectors.lijststanden({r.lijst_id for r in rijen if r.lijst_id is not None})
    # a hold on a record that would go with the unit (a dossier's melding signal) holds the unit (RT-07)
    mee_vast = selectors.meegaand_geblokkeerd(
        [r.object_id for r in rijen if r.objecttype == "dossiers.dossier"], vandaag
    )
    groepen: dict[tuple[str, str], list] = defaultdict(list)
    for rij in rijen:
        vv = vv_uuid[rij.verwerkingsverantwoordelijke_id]
        regel = policies.REGELS[rij.regel]
        lijst_nodig = regel.vernietigingslijst and rij.besluit_soort != "verzoek"
        lijst = lijsten.get(rij.lijst_id) if rij.lijst_id is not None else None
        geblokkeerd = rij.geblokkeerd or (rij.objecttype == "dossiers.dossier" and rij.object_id in mee_vast)
        bezwaar = policies.opruimbezwaar(
            policies.status(rij.vervaldatum, "", geblokkeerd, vandaag),
            lijst_nodig,
            rij.beoordeling or None,
            # an approval covers the date it judged: a record whose date moved after it needs a new list
            lijst is not None
            and lijst[0] == policies.GOEDGEKEURD
            and rij.vervaldatum is not None
            and rij.vervaldatum <= lijst[1],
        )
        if bezwaar:
            telling[vv][f"wacht:{bezwaar}"] += 1
            continue
        wijze = policies.wijze(
            regel.actie,
            archief.get((rij.verwerkingsverantwoordelijke_id, rij.regel), ""),
            rij.beoordeling or None,
        )
        if droog:
            telling[vv][f"zou:{wijze}"] += 1
            continue
        groepen[(rij.objecttype, wijze)].append(rij)
    for (objecttype, wijze), groep in groepen.items():
        _voer_uit(eenheden.EENHEDEN[objecttype], wijze, groep, ronde, vandaag, vv_uuid, telling)


def _voer_uit(eenheid, wijze, groep, ronde, vandaag, vv_uuid, telling) -> None:
    """Destroy (or transfer) a group of one type: all at once, or — when one of them is still referenced —
    in halves, down to the single records that are, which wait for a later run."""
    gedaan: list = []
    personen: Counter = Counter()

    def probeer(deel: list) -> None:
        nonlocal personen
        try:
            with transaction.atomic():
                weg = _vernietig(eenheid, wijze, deel, ronde)
        except ProtectedError:
            if wijze == policies.OVERGEBRACHT:
                _pakketten_weg(eenheid, deel, ronde)  # the halves that do go write theirs again
            if len(deel) == 1:
                telling[vv_uuid[deel[0].verwerkingsverantwoordelijke_id]]["wacht:in_gebruik"] += 1
                return
            # a large batch with a few referenced records: halving finds them in a few steps each
            probeer(deel[: len(deel) // 2])
            probeer(deel[len(deel) // 2 :])
            return
        gedaan.extend(deel)
        personen += weg

    probeer(groep)
    per_vv: Counter = Counter(vv_uuid[rij.verwerkingsverantwoordelijke_id] for rij in gedaan)
    for vv, aantal in per_vv.items():
        telling[vv][wijze] += aantal
        audit.record(
            actor=Actor.systeem(),
            actie="bewaren.vernietigd",
            activiteit=ACTIVITEIT,
            object=ronde,
            velden=[eenheid.objecttype],
            koppeling={"wijze": wijze, "aantal": aantal, "regel": eenheid.regel},
            verwerkingsverantwoordelijke=vv,
        )
    for vv_id, aantal in personen.items():
        if vv_id not in vv_uuid:
            vv_uuid[vv_id] = str(_vv_uuid(vv_id))
        vv = vv_uuid[vv_id]
        telling[vv]["personen"] += aantal
        audit.record(
            actor=Actor.systeem(),
            actie="bewaren.persoon_vernietigd",
            activiteit=ACTIVITEIT,
            object=ronde,
            velden=["persoon", "pseudoniem"],
            koppeling={"aantal": aantal},
            verwerkingsverantwoordelijke=vv,
        )


def _vv_uuid(vv_id: int):
    from zorgvuldig.organisaties.models import Verwerkingsverantwoordelijke

    return Verwerkingsverantwoordelijke.objects.values_list("uuid", flat=True).get(pk=vv_id)


def _vernietig(eenheid, wijze, groep: list, ronde) -> Counter:
    """Destroy one group (rows of `selectors.opschoonbatch`); returns the persons deleted with it per
    controller id."""
    ids = [r.object_id for r in groep]
    termijnen = [r.pk for r in groep]
    personen = eenheid.personen(ids)
    if wijze == policies.OVERGEBRACHT:
        _breng_over(eenheid, list(eenheid.model.objects.filter(pk__in=ids)), ronde)
    mee = eenheid.voorbereiden(ids)
    _verwijder(eenheid.model, ids)
    moment = now()
    for objecttype, pks in mee:
        _verwijder(eenheden.EENHEDEN[objecttype].model, pks)
        rijen_mee = Bewaartermijn.objects.filter(_in("object_id", pks), objecttype=objecttype, uitkomst="")
        # its lifted or ended holds go too: a tombstone keeps no free text (an active one kept the unit)
        Blokkade.objects.filter(termijn__in=rijen_mee.values("pk")).delete()
        rijen_mee.update(
            uitkomst=wijze, uitgevoerd_op=moment, opschoonronde=ronde, reden_versleuteld="", lijst=None
        )
    # the retention row becomes the tombstone: type, uuid, rule, how, when — its free text wiped
    Bewaartermijn.objects.filter(_in("pk", termijnen)).update(
        uitkomst=wijze, uitgevoerd_op=moment, opschoonronde=ronde, reden_versleuteld=""
    )
    for rij in Bewaartermijn.objects.filter(pk__in=[r.pk for r in groep if r.voorstel]):
        rij.besluit.pop("voorstelReden")  # a tombstone keeps no free text
        Bewaartermijn.objects.filter(pk=rij.pk).update(besluit=rij.besluit)
    Blokkade.objects.filter(_in("termijn_id", [r.pk for r in groep if r.heeft_blokkade])).delete()
    return _ruim_personen_op(personen, ronde)


def _lijsten_afronden() -> None:
    for lijst in Vernietigingslijst.objects.filter(status=policies.GOEDGEKEURD):
        if not lijst.items.filter(uitkomst="").exists():
            lijst.status, lijst.uitgevoerd_op = policies.UITGEVOERD, now()
            lijst.save(update_fields=["status", "uitgevoerd_op", "gewijzigd"])
