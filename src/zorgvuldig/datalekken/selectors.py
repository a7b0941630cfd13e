"""Reads of the data-breach register (RG-03) and the affected-persons query ("fed by the system").

Visible: the FG the whole own controller's register, the *leidinggevende* (read) the breaches recorded in
the own organisation — the same as PostgreSQL row security. Anything else is not found (404).

`getroffen` answers, for a breach's scope (*afbakening*: an account, a period, a recipient organisation),
which persons, records and recipients the breach may concern, in a handful of set-based statements:

* the audit log (AU-02): the account's executed entries in the period that name a subject pseudonym —
  their objects are the records, their pseudonyms lead through the mapping table (AU-07) to the person
  records (`persoon:<uuid>`); served by the index `audit_actor_tijd_idx` (actor, tijdstip);
* the disclosure register (SH-16): the provisions the account made in the period (an audit entry of the
  account names the provision as its object) and the provisions to the recipient organisation in the
  period (index `verstrekking_fg_ontvanger_idx`).

Both sources are united: a person found either way may be affected. Pseudonyms that lead to no person
record the FG may see are counted as `nietHerleidbaar`, never resolved, per reason (`NIET_HERLEIDBAAR`):
a destroyed subject, one the verwijsindex knows by BSN only, another controller's person, another kind of
subject.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuidlib
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Q, QuerySet

from zorgvuldig.core import crypto, tenancy
from zorgvuldig.core.clock import AMSTERDAM
from zorgvuldig.core.errors import NotFound
from zorgvuldig.datalekken.models import Datalek

LEZEN = "register:lezen"
BEHEREN = "register:beheren"
VERSTREKKING = "verstrekkingen.verstrekking"
PERSOON = "personen.persoon"
BLOK = 2000  # uuids per statement


def is_fg(actor) -> bool:
    return "fg" in actor.rollen and actor.heeft(BEHEREN)


def fg_ontvangers(vv) -> list[tuple[str, object]]:
    """The controller's FG(s) to e-mail: (address, user) of active users with the FG role in its
    organisations; else its registered FG address with no user; else nobody."""
    from zorgvuldig.organisaties.models import Gebruiker
    from zorgvuldig.organisaties.selectors import met_rol

    fgs = met_rol(Gebruiker.objects.filter(organisatie__verwerkingsverantwoordelijke_id=vv.pk), "fg")
    if fgs:
        return [(g.email, g) for g in fgs]
    return [(vv.fg_email, None)] if vv.fg_email else []


def zichtbaar(actor) -> QuerySet[Datalek]:
    """FG: the own controller; leidinggevende: the own organisation (read); others: nothing."""
    tenancy.activeer(actor)
    if actor.is_systeem or not actor.heeft(LEZEN):
        return Datalek.objects.none()
    q = Q(organisatie_id=actor.organisatie.pk)
    if "fg" in actor.rollen:
        q = Q(verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id)
    elif "leidinggevende" not in actor.rollen:
        return Datalek.objects.none()
    return Datalek.objects.filter(q)


def lees_of_404(actor, uuid) -> Datalek:
    rij = (
        zichtbaar(actor)
        .select_related("melder", "afbakening_account", "afbakening_ontvanger", "organisatie")
        .filter(uuid=uuid)
        .first()
    )
    if rij is None:
        raise NotFound()
    return rij


def inhoud(datalek: Datalek) -> dict:
    """The decrypted free text: omschrijving, gegevens, betrokkenen, maatregelen, reden and the note on
    informing the data subjects (informeren_toelichting)."""
    leeg = {
        "omschrijving": "",
        "gegevens": "",
        "betrokkenen": "",
        "maatregelen": "",
        "reden": "",
        "informeren_toelichting": "",
    }
    return {**leeg, **(crypto.ontsleutel(datalek, "inhoud") or {})}


# --- the affected-persons query ---------------------------------------------------------------------


@dataclass(frozen=True)
class Afbakening:
    verwerkingsverantwoordelijke_id: int
    verwerkingsverantwoordelijke_uuid: str
    vanaf: dt.datetime
    tot: dt.datetime
    account_uuid: str | None = None  # organisaties.Gebruiker uuid
    ontvanger_id: int | None = None  # organisaties.Organisatie pk

    @classmethod
    def van(cls, datalek: Datalek) -> Afbakening:
        if datalek.afbakening_vanaf is None or datalek.afbakening_tot is None:
            raise ValueError("the breach has no scope")
        account = datalek.afbakening_account
        return cls(
            verwerkingsverantwoordelijke_id=datalek.verwerkingsverantwoordelijke_id,
            verwerkingsverantwoordelijke_uuid=str(datalek.verwerkingsverantwoordelijke.uuid),
            vanaf=datalek.afbakening_vanaf,
            tot=datalek.afbakening_tot,
            account_uuid=str(account.uuid) if account is not None else None,
            ontvanger_id=datalek.afbakening_ontvanger_id,
        )


@dataclass
class Getroffen:
    personen: list[dict] = field(default_factory=list)  # {id, uuid, naam}, sorted by name
    records: list[dict] = field(default_factory=list)  # {type, uuid, aantal}
    ontvangers: list[dict] = field(default_factory=list)  # {organisatie (uuid|None), naam, aantal}
    # why a subject cannot be named, per reason (`NIET_HERLEIDBAAR`): the FG must still reach them
    waarom: dict[str, int] = field(default_factory=dict)
    verstrekkingen: int = 0

    @property
    def niet_herleidbaar(self) -> int:
        return sum(self.waarom.values())

    def tel(self, reden: str, aantal: int = 1) -> None:
        if aantal:
            self.waarom[reden] = self.waarom.get(reden, 0) + aantal

    def tellingen(self) -> dict:
        return {
            "personen": len(self.personen),
            "records": len(self.records),
            "ontvangers": len(self.ontvangers),
            "verstrekkingen": self.verstrekkingen,
            "nietHerleidbaar": self.niet_herleidbaar,
            "nietHerleidbaarWaarom": dict(sorted(self.waarom.items())),
        }


# Why the search cannot name an affected subject, and what the FG can do (GDPR art 34 asks to inform them).
NIET_HERLEIDBAAR = {
    "vernietigd": "hun gegevens zijn vernietigd; het logboek noemt hen niet meer (AU-07). Er is niemand meer "
    "te informeren via zorgvuldig",
    "verwijsindex": "zij zijn alleen op BSN bekend in de verwijsindex (een signaal of een matchbericht). De "
    "VI-beheerder kan nagaan wie het zijn en hen informeren",
    "andere_verwerkingsverantwoordelijke": "zij horen bij een andere verwerkingsverantwoordelijke. Meld het "
    "datalek aan haar FG; zij informeert haar eigen betrokkenen",
    "overig": "het zijn geen personen met een record (bijvoorbeeld een verzoek of een termijn). Kijk in het "
    "logboek van de afbakening wat het zijn",
}


def _sql(pg: bool) -> dict[str, str]:
    """The statements per vendor. Only the uuid comparison differs: PostgreSQL casts the mapping's text to
    the uuid column (so the unique index is used), SQLite stores uuids as 32 hex digits.

    The provisions by the account are looked up by the uuids its entries name rather than in a sub-select:
    under row-level security PostgreSQL otherwise hash-joins the whole disclosure register."""
    if pg:
        persoon_uuid = "CAST(SUBSTRING(m.sleutel FROM 9) AS uuid)"
    else:
        persoon_uuid = "REPLACE(SUBSTR(m.sleutel, 9), '-', '')"
    audit_waar = (
        " WHERE a.actor_gebruiker = %s AND a.tijdstip >= %s AND a.tijdstip < %s"
        " AND a.verwerkingsverantwoordelijke = %s AND a.status = 'uitgevoerd'"
    )
    kolommen = "v.uuid, v.persoon_id, v.ontvanger_organisatie_id, v.ontvanger_naam"
    return {
        # per object the entries that name a subject (an object with none still names a provision)
        "records": (
            "SELECT a.object_type, a.object_uuid, SUM(CASE WHEN a.betrokkene <> '' THEN 1 ELSE 0 END)"
            " FROM audit_auditregel a"
            + audit_waar
            + " AND a.object_uuid <> '' GROUP BY a.object_type, a.object_uuid"
        ),
        # every subject pseudonym of the entries, its subject key (NULL: the mapping is gone) and the person
        # record it leads to (NULL: none, or not one the FG may see); one row per pseudonym (a pseudonym has
        # one mapping row)
        "personen": (
            "SELECT DISTINCT a.betrokkene, m.sleutel, p.id FROM audit_auditregel a"
            " LEFT JOIN audit_pseudoniem m ON m.pseudoniem = a.betrokkene"
            f" LEFT JOIN personen_persoon p ON m.sleutel LIKE 'persoon:%%' AND p.uuid = {persoon_uuid}"
            + audit_waar
            + " AND a.betrokkene <> ''"
        ),
        # the provisions the account's entries name, by uuid (unique index; `{plekken}`: one %s per uuid)
        "door_account": (
            f"SELECT {kolommen} FROM verstrekkingen_verstrekking v"
            " WHERE v.verwerkingsverantwoordelijke_id = %s AND v.uuid IN ({plekken})"
        ),
        "aan_ontvanger": (
            f"SELECT {kolommen} FROM verstrekkingen_verstrekking v"
            " WHERE v.verwerkingsverantwoordelijke_id = %s AND v.ontvanger_organisatie_id = %s"
            " AND v.datum >= %s AND v.datum <= %s"
        ),
    }


def getroffen_voor(actor, afb: Afbakening) -> Getroffen:
    """The persons, records and recipients within the scope (see the module text). Read-only; the caller
    checks who may ask and audits the read (services.analyseer)."""
    from zorgvuldig.organisaties.models import Organisatie
    from zorgvuldig.personen.models import Persoon

    tenancy.activeer(actor)
    ops = connection.ops
    sql = _sql(connection.vendor == "postgresql")
    vanaf, tot = ops.adapt_datetimefield_value(afb.vanaf), ops.adapt_datetimefield_value(afb.tot)
    uit = Getroffen()
    persoon_ids: set[int] = set()
    records: dict[tuple[str, str], int] = {}
    verstrekt: dict[str, tuple] = {}
    onzichtbaar: list[str] = []  # person keys whose row the FG cannot see (PostgreSQL row security)
    with connection.cursor() as cur:
        if afb.account_uuid:
            audit_params = [afb.account_uuid, vanaf, tot, afb.verwerkingsverantwoordelijke_uuid]
            cur.execute(sql["records"], audit_params)
            verstrekking_uuids = []
            for soort, uuid, met_betrokkene in cur.fetchall():
                if met_betrokkene:
                    records[(soort, uuid)] = met_betrokkene
                if soort == VERSTREKKING:
                    verstrekking_uuids.append(uuid)
            cur.execute(sql["personen"], audit_params)
            for _pseudo, sleutel, pk in cur.fetchall():
                if pk is not None:
                    persoon_ids.add(pk)
                elif sleutel and sleutel.startswith("persoon:"):
                    onzichtbaar.append(sleutel.removeprefix("persoon:"))
                else:
                    uit.tel(_reden(sleutel))
            for i in range(0, len(verstrekking_uuids), BLOK):
                blok = [_uuid_param(u) for u in verstrekking_uuids[i : i + BLOK]]
                cur.execute(
                    sql["door_account"].format(plekken=", ".join(["%s"] * len(blok))),
                    [afb.verwerkingsverantwoordelijke_id, *blok],
                )
                verstrekt.update({str(r[0]): r for r in cur.fetchall()})
        if afb.ontvanger_id:
            cur.execute(
                sql["aan_ontvanger"],
                [
                    afb.verwerkingsverantwoordelijke_id,
                    afb.ontvanger_id,
                    ops.adapt_datefield_value(afb.vanaf.astimezone(AMSTERDAM).date()),
                    ops.adapt_datefield_value(afb.tot.astimezone(AMSTERDAM).date()),
                ],
            )
            verstrekt.update({str(r[0]): r for r in cur.fetchall()})
    per_ontvanger: dict[tuple, int] = {}
    zonder_persoon = 0
    for v_uuid, persoon_id, org_id, naam in verstrekt.values():
        records.setdefault((VERSTREKKING, _met_streepjes(v_uuid)), 1)
        if persoon_id is None:
            zonder_persoon += 1  # a VI match notice: known to the index by BSN only
        else:
            persoon_ids.add(persoon_id)
        per_ontvanger[(org_id, naam)] = per_ontvanger.get((org_id, naam), 0) + 1
    uit.tel("verwijsindex", zonder_persoon)
    if onzichtbaar:
        # whether such a person still exists, at another controller, or was destroyed — never who it is
        with tenancy.systeem():
            vvs = list(
                Persoon.objects.filter(uuid__in=_uuids(onzichtbaar)).values_list(
                    "verwerkingsverantwoordelijke_id", flat=True
                )
            )
        andere = sum(1 for vv in vvs if vv != afb.verwerkingsverantwoordelijke_id)
        uit.tel("andere_verwerkingsverantwoordelijke", andere)
        uit.tel("overig", len(vvs) - andere)
        uit.tel("vernietigd", len(onzichtbaar) - len(vvs))
    uit.verstrekkingen = len(verstrekt)
    uit.records = [{"type": t, "uuid": u, "aantal": n} for (t, u), n in sorted(records.items())]
    orgs = {o.pk: o for o in Organisatie.objects.filter(pk__in={k[0] for k in per_ontvanger if k[0]})}
    uit.ontvangers = sorted(
        (
            {
                "organisatie": str(orgs[org_id].uuid) if org_id in orgs else None,
                "naam": orgs[org_id].naam if org_id in orgs else naam,
                "aantal": n,
            }
            for (org_id, naam), n in per_ontvanger.items()
        ),
        key=lambda r: (r["naam"], r["organisatie"] or ""),
    )
    if persoon_ids:
        # only the breach's controller's persons (AC-15): another controller's stay uncounted by name,
        # also on SQLite, which has no row security behind this filter
        rijen = Persoon.objects.filter(
            pk__in=persoon_ids, verwerkingsverantwoordelijke_id=afb.verwerkingsverantwoordelijke_id
        ).values_list("pk", "uuid", "voornamen", "voorvoegsel", "geslachtsnaam")
        gevonden = [
            {"id": pk, "uuid": str(u), "naam": " ".join(d for d in (vn, vv, gn) if d)}
            for pk, u, vn, vv, gn in rijen
        ]
        uit.tel("andere_verwerkingsverantwoordelijke", len(persoon_ids) - len(gevonden))
        uit.personen = sorted(gevonden, key=lambda p: (p["naam"], p["uuid"]))
    eigen = {p["uuid"] for p in uit.personen}
    uit.records = [r for r in uit.records if r["type"] != PERSOON or _met_streepjes(r["uuid"]) in eigen]
    return uit


def _reden(sleutel: str | None) -> str:
    """Why a subject pseudonym that is no person key leads to no person record (`NIET_HERLEIDBAAR`)."""
    if sleutel is None:
        return "vernietigd"  # the mapping was deleted with the person (AU-07)
    if sleutel.startswith("vi:"):
        return "verwijsindex"
    return "overig"


def _uuids(waarden: list[str]) -> list[uuidlib.UUID]:
    uit = []
    for w in waarden:
        try:
            uit.append(uuidlib.UUID(w))
        except ValueError:
            continue
    return uit


def _uuid_param(waarde: str):
    """An audit entry's uuid text as the uuid column expects it (PostgreSQL: uuid; SQLite: 32 hex digits)."""
    from django.db.models import UUIDField

    try:
        return UUIDField().get_db_prep_value(uuidlib.UUID(waarde), connection)
    except ValueError:
        return None


def _met_streepjes(waarde: str) -> str:
    return str(uuidlib.UUID(str(waarde)))


def getroffen(actor, datalek: Datalek) -> Getroffen:
    return getroffen_voor(actor, Afbakening.van(datalek))
