"""Reads of "Mijn gegevens": only what belongs to the signed-in client, every read audited (AU-01).

The client is known by the blind indexes of the BSN DigiD gave (portaal/sessie.py). Their person records
can be at several organisations and controllers, so the records are found in the system context — that is
what a DigiD log-in is for — and everything shown is filtered here, by these rules:

- *for whom*: the client and each child under 16 for whom they hold authority on a record related to
  theirs, as `personen.policies.mag_recht_uitoefenen` decides (RI-01, RI-02; RI-04 limits count);
- *requests*: those the client filed — about themselves, or as the named requester for a child (SPEC §9
  Visibility: the requester gets the decision, never others' data);
- *consents*: those about the client, and those the client gave (for a child: only those; a consent the
  youth gave alone stays the youth's, CS-15);
- *answers*: the inzage answer exactly as it was sent (RI-05), never compiled afresh for the portal.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q

from zorgvuldig.audit import services as audit
from zorgvuldig.core import tenancy
from zorgvuldig.core.clock import today
from zorgvuldig.core.context import Actor
from zorgvuldig.core.errors import NotFound
from zorgvuldig.personen.policies import Leeftijdscategorie
from zorgvuldig.portaal import policies
from zorgvuldig.portaal.sessie import Identiteit
from zorgvuldig.rechten.policies import (
    BEZWAAR_BIJ_TOEWIJZING,
    TOEGEWEZEN,
    ZELF_EERST_BEKWAAMHEID,
    ZELF_JA,
    ZELF_NEE,
)

ACTIVITEIT = "rechten-betrokkenen"
_ONDER_12, _JONG_12_15, _VOLWASSEN = (
    Leeftijdscategorie.ONDER_12,
    Leeftijdscategorie.JONG_12_15,
    Leeftijdscategorie.VOLWASSEN,
)


@dataclass
class Record:
    """One person record the client may act for, at one organisation."""

    persoon: Any  # personen.Persoon
    indiener: Any  # the parent's own record, related to the child's; None: the client self
    # Own records: may the client file about themselves here (rechten.policies.zelf_indienen, RI-01), and
    # their age band today (PE-05; None: unknown).
    zelf_indienen: str = ZELF_JA
    categorie: str | None = None

    @property
    def organisatie(self):
        return self.persoon.organisatie

    @property
    def hoedanigheid(self) -> str:
        return policies.ZELF if self.indiener is None else policies.VERTEGENWOORDIGER

    def actor(self) -> Actor:
        return Actor.portaal(
            self.organisatie,
            hoedanigheid=self.hoedanigheid,
            vertegenwoordiger=str(self.indiener.uuid) if self.indiener is not None else "",
        )


@dataclass
class Betrokkene:
    """A human the client may act for: themselves or a child; `sleutel` names them in forms."""

    sleutel: str
    naam: str
    zelf: bool
    records: list[Record] = field(default_factory=list)


@dataclass
class Wereld:
    """Everything the client may see, read once per page."""

    betrokkenen: list[Betrokkene]
    eigen: list  # the client's own person records

    @property
    def eigen_uuids(self) -> set[str]:
        return {str(p.uuid) for p in self.eigen}

    def _eigen_records(self) -> list[Record]:
        return [r for r in self.records() if r.indiener is None]

    @property
    def jeugd(self) -> bool:
        """The client is under 16 (on any of their records): pages about their own requests say "je"."""
        return any(r.categorie in (_ONDER_12, _JONG_12_15) for r in self._eigen_records())

    @property
    def volwassen(self) -> bool:
        eigen = self._eigen_records()
        return bool(eigen) and all(r.categorie in (_VOLWASSEN, None) for r in eigen)

    @property
    def onder_12(self) -> bool:
        """RI-01: every own record says the parent or guardian asks (no form for themselves)."""
        eigen = self._eigen_records()
        return bool(eigen) and all(r.zelf_indienen == ZELF_NEE for r in eigen)

    def records(self) -> list[Record]:
        return [r for b in self.betrokkenen for r in b.records]

    def record(self, persoon_uuid: str) -> Record | None:
        return next((r for r in self.records() if str(r.persoon.uuid) == str(persoon_uuid)), None)

    def betrokkene_van(self, persoon_id: int) -> Betrokkene | None:
        return next((b for b in self.betrokkenen if any(r.persoon.pk == persoon_id for r in b.records)), None)


def naam(persoon) -> str:
    return " ".join(p for p in (persoon.voornamen, persoon.voorvoegsel, persoon.geslachtsnaam) if p)


def wereld(identiteit: Identiteit) -> Wereld:
    """The client's own records and the children they represent today (no audit: callers audit what
    they show)."""
    from zorgvuldig.personen.models import Persoon, Relatie
    from zorgvuldig.personen.policies import LeeftijdOnbekend, mag_recht_uitoefenen
    from zorgvuldig.personen.selectors import situatie
    from zorgvuldig.rechten.selectors import beperkt_voor

    vandaag = today()
    with tenancy.systeem():
        eigen = list(
            Persoon.objects.filter(bsn_index__in=identiteit.indexen)
            .select_related("organisatie__verwerkingsverantwoordelijke")
            .order_by("id")
        )
        betrokkenen = []
        if eigen:
            betrokkenen.append(
                Betrokkene(
                    str(eigen[0].uuid), naam(eigen[0]), True, [_eigen_record(p, vandaag) for p in eigen]
                )
            )
        kinderen: dict[str, list[Record]] = defaultdict(list)
        relaties = (
            Relatie.objects.filter(ander__in=eigen, soort__in=policies.GEZAG)
            .select_related("persoon__organisatie__verwerkingsverantwoordelijke", "ander")
            .order_by("persoon_id")
        )
        for rel in relaties:
            kind = rel.persoon
            if kind.bsn_index and kind.bsn_index in identiteit.indexen:
                continue
            try:
                uitkomst = mag_recht_uitoefenen(
                    situatie(kind, vandaag),
                    indiener=str(rel.ander.uuid),
                    hoedanigheid=policies.VERTEGENWOORDIGER,
                    op=vandaag,
                    beperkt=beperkt_voor(kind, vandaag),
                )
            except LeeftijdOnbekend:
                continue
            if uitkomst.toegestaan and all(
                r.persoon.pk != kind.pk for r in kinderen[kind.bsn_index or str(kind.uuid)]
            ):
                kinderen[kind.bsn_index or str(kind.uuid)].append(Record(kind, rel.ander))
    for records in kinderen.values():
        eerste = records[0].persoon
        betrokkenen.append(Betrokkene(str(eerste.uuid), naam(eerste), False, records))
    return Wereld(betrokkenen, eigen)


def _eigen_record(persoon, vandaag: dt.date) -> Record:
    """The client's own record, with whether they may file about themselves here by age (RI-01, PE-06)."""
    from zorgvuldig.personen.policies import LeeftijdOnbekend
    from zorgvuldig.personen.selectors import situatie
    from zorgvuldig.rechten.policies import zelf_indienen

    try:
        s = situatie(persoon, vandaag)
    except LeeftijdOnbekend:
        return Record(persoon, None)
    return Record(persoon, None, zelf_indienen(s, vandaag), s.categorie)


def _audit_per_organisatie(records: list[Record], *, actie: str, velden, object=None) -> None:
    """One audit call per organisation and capacity (the controller named, AU-01)."""
    groepen: dict[tuple, list[Record]] = defaultdict(list)
    for r in records:
        groepen[(r.organisatie.pk, r.hoedanigheid, str(r.indiener.uuid) if r.indiener else "")].append(r)
    for groep in groepen.values():
        audit.record(
            actor=groep[0].actor(),
            actie=actie,
            activiteit=ACTIVITEIT,
            object=object,
            betrokkenen=[r.persoon for r in groep],
            velden=velden,
        )


def log_aanmelding(w: Wereld) -> None:
    """The log-in processed the BSN to find the client's records (RI-17 shows it as the client's own)."""
    with transaction.atomic():
        eigen = [r for r in w.records() if r.indiener is None]
        if eigen:
            _audit_per_organisatie(eigen, actie="portaal.ingelogd", velden=["bsn"])
        else:
            audit.record(
                actor=Actor.portaal(), actie="portaal.ingelogd", activiteit=ACTIVITEIT, velden=["bsn"]
            )


# --- requests ----------------------------------------------------------------------------------------


def _eigen_verzoeken_qs(w: Wereld):
    from zorgvuldig.rechten.models import Verzoek

    ids = [p.pk for p in w.eigen]
    return Verzoek.objects.filter(Q(hoedanigheid=policies.ZELF, persoon_id__in=ids) | Q(indiener_id__in=ids))


def _verzoek_rij(v, w: Wereld) -> dict:
    from zorgvuldig.rechten.selectors import termijnen

    t = termijnen(v)
    status, uitleg = policies.status_woorden(v.status, (v.besluit or {}).get("uitkomst", ""))
    betrokkene = w.betrokkene_van(v.persoon_id)
    # RI-01, PE-06: a youth of 12–15 filed about themselves; the team first assesses their competence
    eigen = next((r for r in w.records() if r.persoon.pk == v.persoon_id and r.indiener is None), None)
    eerst_bekwaamheid = (
        v.hoedanigheid == policies.ZELF
        and eigen is not None
        and eigen.zelf_indienen == ZELF_EERST_BEKWAAMHEID
        and v.status == "ontvangen"
    )
    if eerst_bekwaamheid:
        uitleg = policies.BEKWAAMHEID_STATUS
    return {
        "uuid": v.uuid,
        "soort": policies.soort_titel(v.soort),
        "soort_code": v.soort,
        "voor": "uzelf" if betrokkene is None or betrokkene.zelf else betrokkene.naam,
        "organisatie": v.organisatie.naam,
        "ontvangen_op": v.ontvangen_op,
        "status": status,
        "status_uitleg": uitleg,
        "besluittermijn": t["besluittermijn"],
        "termijn": policies.termijn_tekst(t["besluittermijnStand"]),
        "uitvoeringstermijn": t["uitvoeringstermijn"],
        "klaar": bool(v.uitvoering.get("datum")),
        "klaar_op": _datum(v.uitvoering.get("datum")),
        "open": v.status in policies.OPEN,
        "antwoord": v.soort == "inzage" and bool(v.overzicht_versleuteld),
        "kanaal": v.kanaal,
        "eerst_bekwaamheid": eerst_bekwaamheid,
    }


def verzoeken(w: Wereld) -> list[dict]:
    with tenancy.systeem():
        rijen = list(
            _eigen_verzoeken_qs(w).select_related("organisatie").order_by("-ontvangen_op", "-id")[:200]
        )
    return [_verzoek_rij(v, w) for v in rijen]


def verzoek(w: Wereld, uuid) -> tuple[object, dict]:
    """One of the client's own requests (404 otherwise, like a missing one), its read audited."""
    from zorgvuldig.rechten import selectors as rechten

    with tenancy.systeem():
        v = (
            _eigen_verzoeken_qs(w)
            .select_related("organisatie", "persoon", "indiener")
            .filter(uuid=uuid)
            .first()
        )
    if v is None or not policies.is_eigen_verzoek(
        hoedanigheid=v.hoedanigheid,
        persoon=str(v.persoon.uuid),
        indiener=str(v.indiener.uuid) if v.indiener_id else None,
        eigen=w.eigen_uuids,
    ):
        raise NotFound()
    rij = _verzoek_rij(v, w)
    record = w.record(str(v.persoon.uuid)) or Record(v.persoon, v.indiener)
    besluit = v.besluit or {}
    inhoud = rechten.inhoud(v)
    rij["vervolg"] = policies.vervolg(v.status, eerst_bekwaamheid=rij["eerst_bekwaamheid"])
    if v.verlenging_maanden and rij["open"]:
        # RI-15: the extension as recorded for the requester: by how much, the new date, and why
        rij["verlenging"] = {
            "tekst": policies.verlenging_tekst(v.verlenging_maanden, rij["besluittermijn"]),
            "redenen": inhoud.get("verlengingRedenen", ""),
        }
    if rij["klaar"]:
        # The decision was sent with its execution (a refusal's execution is sending it, SPEC §9).
        rij["besluit"] = {
            "uitkomst": policies.besluit_zin(besluit.get("uitkomst", "")),
            "datum": _datum(besluit.get("datum")),
            "redenen": inhoud.get("besluitRedenen", ""),
            # RI-07: a refusal, whole or in part, names its statutory ground — here as in the PDF
            "gronden": _gronden(besluit),
            "bezwaarclausule": besluit.get("bezwaarclausule", ""),
            # RI-16: a full grant carries the clause too (Awb 3:45); the client reads why
            "bezwaar_inleiding": BEZWAAR_BIJ_TOEWIJZING if besluit.get("uitkomst") == TOEGEWEZEN else "",
        }
    rij["toelichting"] = inhoud.get("toelichting", "")
    velden = ["soort", "status", "besluit", "toelichting", *(["verlenging"] if "verlenging" in rij else [])]
    rij["verwijsindex"] = v.verwijsindex  # RI-08, RI-12: answered by the VI-beheerder, from the index
    rij["vertegenwoordiger"] = v.hoedanigheid != policies.ZELF
    rij["contacten"] = [rechten.contact_voor_client(v.organisatie)]
    with transaction.atomic():
        rechten.log_handeling(record.actor(), v, None, velden)
    return v, rij


def _gronden(besluit: dict) -> list[str]:
    """RI-07: every ground of a refusal, whole or in part, in the client's words (no rule IDs)."""
    from zorgvuldig.rechten.policies import grond_voor_client

    codes = [*besluit.get("gronden", []), *(a["grond"] for a in besluit.get("achtergehouden", []))]
    return [grond_voor_client(c) for c in dict.fromkeys(codes)]


def antwoord(w: Wereld, uuid) -> tuple[object, dict]:
    """The inzage answer as it was sent (RI-05), read through the rights module, which audits it."""
    from zorgvuldig.rechten import selectors as rechten

    with tenancy.systeem():
        v = _eigen_verzoeken_qs(w).select_related("persoon", "indiener").filter(uuid=uuid).first()
    if v is None or v.soort != "inzage" or not v.overzicht_versleuteld:
        raise NotFound()
    record = w.record(str(v.persoon.uuid)) or Record(v.persoon, v.indiener)
    verzoek_, overzicht, _ = rechten.overzicht(record.actor(), v.uuid, alleen_verstuurd=True)
    return verzoek_, overzicht


def _datum(waarde) -> dt.date | None:
    return dt.date.fromisoformat(str(waarde)[:10]) if waarde else None


# --- consents -----------------------------------------------------------------------------------------


def _toestemming_rijen(w: Wereld):
    """(consent, record it is shown under, may revoke) for every consent the client may see."""
    from zorgvuldig.personen.models import Relatie
    from zorgvuldig.toestemmingen.models import Toestemming

    eigen_ids = {p.pk for p in w.eigen}
    eigen_uuids = w.eigen_uuids
    with tenancy.systeem():
        # A consent the client gave is about themselves or someone related to them (their child).
        verwant = set(Relatie.objects.filter(ander_id__in=eigen_ids).values_list("persoon_id", flat=True))
        rijen = list(
            Toestemming.objects.filter(betrokkene_id__in=eigen_ids | verwant)
            .select_related("betrokkene", "organisatie__verwerkingsverantwoordelijke")
            .order_by("-datum", "-id")[:200]
        )
    uit = []
    for t in rijen:
        gever = policies.is_gever(t.gevers, eigen_uuids)
        if t.betrokkene_id not in eigen_ids and not gever:
            continue  # a child's consent the client did not give (CS-15: the youth's own)
        if t.betrokkene_id in eigen_ids:
            record = Record(t.betrokkene, None)
        else:
            indiener = next(
                (p for p in w.eigen if any(g.get("persoon") == str(p.uuid) for g in t.gevers)), None
            )
            record = Record(t.betrokkene, indiener)
        uit.append((t, record, gever))
    return uit


def _intrekkingen(rijen) -> dict[str, dict]:
    """Per revoked consent, its revocation's audit entry (channel, capacity, organisation; AU-02): who
    revoked it, so that a youth hears that a parent revoked a consent they gave together (CS-07)."""
    from zorgvuldig.audit.models import AuditRegel
    from zorgvuldig.organisaties.models import Organisatie

    uuids = [str(t.uuid) for t in rijen if t.status == "ingetrokken"]
    if not uuids:
        return {}
    regels = (
        AuditRegel.objects.filter(actie="toestemming.ingetrokken", status="uitgevoerd", object_uuid__in=uuids)
        .order_by("id")
        .values("object_uuid", "kanaal", "namens", "actor_organisatie")
    )
    laatste = {r["object_uuid"]: r for r in regels}
    org_uuids = [u for u in (_uuid(r["actor_organisatie"]) for r in laatste.values()) if u]
    namen = dict(Organisatie.objects.filter(uuid__in=org_uuids).values_list("uuid", "naam"))
    return {
        uuid: {
            "kanaal": r["kanaal"],
            "namens": r["namens"] or {},
            "organisatie": namen.get(_uuid(r["actor_organisatie"]), ""),
        }
        for uuid, r in laatste.items()
    }


def _toestemming_rij(t, record: Record, gever: bool, w: Wereld, intrekking: dict | None = None) -> dict:
    from zorgvuldig.organisaties.models import Organisatie
    from zorgvuldig.registers.catalogus import doel_voor_client
    from zorgvuldig.toestemmingen.selectors import inhoud, status

    stand = status(t)
    ontvanger_uuids = [o["organisatie"] for o in t.ontvangers or [] if o.get("organisatie")]
    namen = dict(Organisatie.objects.filter(uuid__in=ontvanger_uuids).values_list("uuid", "naam"))
    ontvangers = [namen.get(_uuid(o.get("organisatie")), "") or o.get("naam", "") for o in t.ontvangers or []]
    ontvangers = [o for o in ontvangers if o]
    voor = "uzelf" if record.indiener is None else naam(t.betrokkene)
    door, door_tekst = "", ""
    if stand == "ingetrokken" and intrekking is not None:
        door = policies.ingetrokken_door(
            kanaal=intrekking["kanaal"],
            namens=intrekking["namens"],
            eigen=w.eigen_uuids,
            kijker_is_betrokkene=record.indiener is None,
        )
        door_tekst = policies.door_tekst(
            door,
            jeugd=w.jeugd,
            kind=naam(t.betrokkene),
            organisatie=intrekking["organisatie"] or t.organisatie.naam,
        )
    return {
        "uuid": t.uuid,
        "soort": policies.CONSENT_SOORTEN.get(t.soort, t.soort),
        "kop": policies.toestemming_kop(
            soort=t.soort,
            ontvangers=ontvangers,
            organisatie=t.organisatie.naam,
            datum=t.datum,
            voor="" if voor == "uzelf" else voor,
        ),
        "voor": voor,
        "organisatie": t.organisatie.naam,
        "doel": doel_voor_client(t.doel or t.doel_toelichting),
        "ontvangers": [o for o in ontvangers if o],
        "gegevens": inhoud(t).get("inhoud", ""),
        "datum": t.datum,
        "geldig_tot": t.geldig_tot,
        "status_code": stand,
        "status": policies.CONSENT_STATUS.get(stand, stand),
        "ingetrokken_op": t.ingetrokken_op,
        "ingetrokken_door": door,
        "ingetrokken_door_tekst": door_tekst,
        "opnieuw_geven": (
            policies.opnieuw_geven(t.organisatie.naam, jeugd=w.jeugd and voor == "uzelf")
            if stand == "ingetrokken"
            else ""
        ),
        "mag_intrekken": policies.mag_intrekken(status=stand, gevers=t.gevers, eigen=w.eigen_uuids),
        "gever": gever,
    }


def _uuid(waarde):
    import uuid as _u

    try:
        return _u.UUID(str(waarde))
    except ValueError:
        return None


def toestemmingen(w: Wereld) -> list[dict]:
    with tenancy.systeem():
        rijen = _toestemming_rijen(w)
        intrekkingen = _intrekkingen([t for t, _r, _g in rijen])
        return [_toestemming_rij(t, r, g, w, intrekkingen.get(str(t.uuid))) for t, r, g in rijen]


def toestemming(w: Wereld, uuid) -> dict | None:
    """One consent as the overview shows it (no audit: the caller's act is audited)."""
    with tenancy.systeem():
        for t, r, g in _toestemming_rijen(w):
            if str(t.uuid) == str(uuid):
                return _toestemming_rij(t, r, g, w, _intrekkingen([t]).get(str(t.uuid)))
    return None


# A revocation by someone else is told at the top of the overview for this long.
MELDEN_DAGEN = 30


def _ingetrokken_door_ander(rijen: list[dict], vandaag: dt.date) -> list[dict]:
    """CS-07: consents about the client that someone else revoked lately — a parent who revoked a consent
    the youth gave together with them, or the organisation — told at the top of the overview."""
    return [
        t
        for t in rijen
        if t["voor"] == "uzelf"
        and t["ingetrokken_door"] not in ("", policies.DOOR_U)
        and t["ingetrokken_op"] is not None
        and (vandaag - today(t["ingetrokken_op"])).days <= MELDEN_DAGEN
    ]


def toestemming_om_in_te_trekken(w: Wereld, uuid):
    """The consent and the record it is revoked under; 404 unless the client gave it (CS-07)."""
    for t, record, _gever in _toestemming_rijen(w):
        if str(t.uuid) == str(uuid):
            from zorgvuldig.toestemmingen.selectors import status

            if policies.is_gever(t.gevers, w.eigen_uuids):
                return t, record, status(t)
            break
    raise NotFound()


# --- the overview page ----------------------------------------------------------------------------------


def overzicht(w: Wereld) -> dict:
    """ "Mijn gegevens": the client's requests (status, terms), consents and delivered answers; the read is
    audited once per record shown."""
    rijen_v = verzoeken(w)
    rijen_t = toestemmingen(w)
    with transaction.atomic():
        if w.records():
            _audit_per_organisatie(
                w.records(), actie="portaal.overzicht_ingezien", velden=["verzoeken", "toestemmingen"]
            )
    return {
        "verzoeken": rijen_v,
        "open": [v for v in rijen_v if not v["klaar"]],
        "antwoorden": [v for v in rijen_v if v["antwoord"]],
        "toestemmingen": rijen_t,
        "ingetrokken_door_ander": _ingetrokken_door_ander(rijen_t, today()),
        "kan_vragen": bool(keuzes(w)),
        "contacten": contacten(w),
    }


def contacten(w: Wereld) -> list[dict]:
    """Whom the client can ask, for each organisation holding one of their records: its address and the
    FG of its controller (no personal data of the client: nothing to audit)."""
    from zorgvuldig.rechten.selectors import contact_voor_client

    organisaties = {r.organisatie.pk: r.organisatie for r in w.records()}
    return [contact_voor_client(o) for o in organisaties.values()]


VI_KEUZE = "vi:"  # prefix of a choice "about the verwijsindex" (the record's uuid follows)


def keuzes(w: Wereld) -> list[dict]:
    """For the request form: for whom, at which organisation (one choice per record), and for whom about
    the verwijsindex (RI-08, RI-12): one choice per person, filed on a record of a controller whose
    VI-beheerder handles it. Offered whether or not the index holds a signal (VI-01: the portal never
    tells); not offered only where no controller of the person's records has a VI-beheerder."""
    from zorgvuldig.rechten.services import vi_beheerder_voor_portaal

    beheerders: dict[int, bool] = {}

    def heeft_vi_beheerder(r: Record) -> bool:
        vv = r.persoon.verwerkingsverantwoordelijke_id
        if vv not in beheerders:
            beheerders[vv] = vi_beheerder_voor_portaal(vv) is not None
        return beheerders[vv]

    uit = []
    for b in w.betrokkenen:
        wie = "Uzelf" if b.zelf else f"{b.naam} (uw kind)"
        for r in b.records:
            if r.indiener is None and r.zelf_indienen == ZELF_NEE:
                continue  # RI-01: under 12 the parent or guardian asks
            uit.append(
                {
                    "waarde": str(r.persoon.uuid),
                    "label": f"{wie} – bij {r.organisatie.naam}",
                    "organisatie": r.organisatie.naam,
                    "eerst_bekwaamheid": r.indiener is None and r.zelf_indienen == ZELF_EERST_BEKWAAMHEID,
                }
            )
        vi = next(
            (
                r
                for r in b.records
                if heeft_vi_beheerder(r) and not (r.indiener is None and r.zelf_indienen == ZELF_NEE)
            ),
            None,
        )
        if vi is not None:
            uit.append(
                {
                    "waarde": f"{VI_KEUZE}{vi.persoon.uuid}",
                    "label": f"{wie} – {policies.VERWIJSINDEX_LABEL}",
                    "organisatie": "de verwijsindex",
                    "verwijsindex": True,
                    "eerst_bekwaamheid": vi.indiener is None and vi.zelf_indienen == ZELF_EERST_BEKWAAMHEID,
                    # what the index is, once under the choices (the form shows it)
                    "uitleg": "" if any(k.get("verwijsindex") for k in uit) else policies.VERWIJSINDEX_UITLEG,
                }
            )
    return uit


def log_keuzes(w: Wereld) -> None:
    with transaction.atomic():
        if w.records():
            _audit_per_organisatie(
                w.records(), actie="portaal.overzicht_ingezien", velden=["naam", "organisatie"]
            )
