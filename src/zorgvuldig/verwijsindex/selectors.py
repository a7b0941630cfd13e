"""Reads of the verwijsindex (SPEC §4 "Visibility"). Every user view goes through these functions, so the
API, the UI and the reports cannot drift: a signal that is not active is invisible to everyone at once
(VI-17), another organisation's signal answers like a missing one (VI-01), and nobody can search or browse
the index — the only cross-organisation read is a match's VI-11 contact set."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from django.db.models import Q, QuerySet, prefetch_related_objects

from zorgvuldig.core import crypto, tenancy
from zorgvuldig.core.clock import today
from zorgvuldig.core.errors import NotFound
from zorgvuldig.verwijsindex import policies
from zorgvuldig.verwijsindex.models import Instellingen, Match, Signaal

# The region's settings and the accessions are read on every match look-up and every signal shown, and
# change a few times a year: each process keeps them briefly. A change in this process clears the cache at
# once (signals in apps.py); other processes see it within CACHE_SECONDEN (ADR 0009).
CACHE_SECONDEN = 10.0
_cache: dict[tuple, tuple[float, object]] = {}


def _gecached(sleutel: tuple, maak):
    nu = time.monotonic()
    hit = _cache.get(sleutel)
    if hit is not None and nu - hit[0] < CACHE_SECONDEN:
        return hit[1]
    waarde = maak()
    _cache[sleutel] = (nu, waarde)
    return waarde


def vergeet_cache(**_kwargs) -> None:
    _cache.clear()


def instellingen() -> Instellingen:
    return _gecached(("instellingen",), Instellingen.huidig)


# --- Signatories (AC-01, RG-04, VI-25) -------------------------------------------------------------


def is_ondertekenaar(organisatie_id: int, op: dt.date) -> bool:
    """AC-01: an accession to an active convenant runs on `op` (its end date inclusive)."""
    return _gecached(("ondertekenaar", organisatie_id, op), lambda: _is_ondertekenaar(organisatie_id, op))


def _is_ondertekenaar(organisatie_id: int, op: dt.date) -> bool:
    from zorgvuldig.convenanten.models import Toetreding

    return (
        Toetreding.objects.filter(organisatie_id=organisatie_id, convenant__status="actief", datum__lte=op)
        .filter(Q(tot__isnull=True) | Q(tot__gte=op))
        .exists()
    )


def uittreding_tot(organisatie_id: int, op: dt.date) -> dt.date | None:
    """VI-25: the date the organisation's last accession ended, if it is no signatory on `op` any more."""
    return _gecached(("uittreding", organisatie_id, op), lambda: _uittreding_tot(organisatie_id, op))


def _uittreding_tot(organisatie_id: int, op: dt.date) -> dt.date | None:
    from zorgvuldig.convenanten.models import Toetreding

    if is_ondertekenaar(organisatie_id, op):
        return None
    rij = (
        Toetreding.objects.filter(organisatie_id=organisatie_id, tot__lt=op)
        .order_by("-tot")
        .values_list("tot", flat=True)
        .first()
    )
    return rij


def is_gemandateerd(gebruiker, op: dt.date) -> bool:
    """AC-08: an active user with a valid `vi_signaleren` mandate."""
    return bool(gebruiker.is_active) and "vi_signaleren" in gebruiker.actieve_mandaten(op)


# --- Signals ---------------------------------------------------------------------------------------


def _actief_filter(vandaag: dt.date, organisatie_id: int) -> Q:
    """RT-12 in SQL: activated, removal date after today, and VI-25 for an organisation that left."""
    q = Q(status=policies.ACTIEF, verwijderdatum__gt=vandaag)
    tot = uittreding_tot(organisatie_id, vandaag)
    if tot is not None and vandaag > tot + dt.timedelta(days=instellingen().exit_days):
        q &= Q(overgedragen_na_uittreding=True)
    return q


def signalen_zichtbaar_voor(actor, vandaag: dt.date | None = None) -> QuerySet[Signaal]:
    """Own drafts and active signals; with `signaal:beheren` (the *leidinggevende*) the organisation's;
    signals offered to the user after an accession ended (VI-25). Ended signals: nobody (VI-17)."""
    if actor.is_systeem or actor.gebruiker is None:
        return Signaal.objects.none()
    tenancy.activeer(actor)
    vandaag = vandaag or today()
    eigen = Q(signaleerder=actor.gebruiker)
    if actor.heeft("signaal:beheren"):
        eigen |= Q(organisatie_id=actor.organisatie.pk)
    if not (actor.heeft("signaal:registreren") or actor.heeft("signaal:beheren")):
        return Signaal.objects.none()
    zichtbaar = Q(status=policies.CONCEPT) | _actief_filter(vandaag, actor.organisatie.pk)
    return Signaal.objects.filter(eigen, zichtbaar)


def signaal_of_404(actor, uuid) -> Signaal:
    """The signal if the actor may see it; otherwise NotFound, exactly like a missing one."""
    signaal = (
        signalen_zichtbaar_voor(actor).select_related("signaleerder", "organisatie").filter(uuid=uuid).first()
    )
    if signaal is None:
        raise NotFound()
    return signaal


def aangeboden_signaal_of_404(actor, uuid) -> Signaal:
    """VI-25: a signal offered to this user by an organisation that left. Read in the system context
    because the row still belongs to the leaving organisation."""
    with tenancy.systeem():
        signaal = (
            Signaal.objects.select_related("signaleerder", "organisatie")
            .filter(
                uuid=uuid, aangeboden_aan=actor.gebruiker, status=policies.ACTIEF, verwijderdatum__gt=today()
            )
            .first()
        )
    if signaal is None or not is_actief(signaal):
        raise NotFound()
    return signaal


def is_actief(signaal: Signaal, vandaag: dt.date | None = None) -> bool:
    vandaag = vandaag or today()
    return policies.is_actief(
        status=signaal.status,
        verwijderdatum=signaal.verwijderdatum,
        vandaag=vandaag,
        uittreding_tot=uittreding_tot(signaal.organisatie_id, vandaag),
        overgedragen_na_uittreding=signaal.overgedragen_na_uittreding,
        exit_dagen=instellingen().exit_days,
    )


def status_van(signaal: Signaal, vandaag: dt.date | None = None) -> str:
    vandaag = vandaag or today()
    return policies.signaal_status(
        status=signaal.status,
        verwijderdatum=signaal.verwijderdatum,
        vandaag=vandaag,
        uittreding_tot=uittreding_tot(signaal.organisatie_id, vandaag),
        overgedragen_na_uittreding=signaal.overgedragen_na_uittreding,
        exit_dagen=instellingen().exit_days,
    )


def actieve_signalen_op_bsn(
    bsn: str, vandaag: dt.date | None = None, huishouden: tuple[str, str] | None = None
) -> list[Signaal]:
    """The match look-up (VI-11): every active signal on this BSN, all organisations — and, with family
    matching (VI-22), on the same household address. System context: only the matching service calls
    this, never a user view.

    Signaler and organisation are not loaded: nearly every look-up finds no other signal, and the join
    cost more than the look-up itself. A caller that notifies loads them in the system context
    (`laad_deelnemers`)."""
    vandaag = vandaag or today()
    wie = Q(bsn_index__in=crypto.blind_index_candidates(bsn))
    if huishouden is not None:
        wie |= Q(jongere_adres__iexact=huishouden[0], jongere_woonplaats__iexact=huishouden[1])
    with tenancy.systeem():
        kandidaten = list(Signaal.objects.filter(wie, status=policies.ACTIEF, verwijderdatum__gt=vandaag))
    # Ordered here, not in SQL: a handful of rows, and compiling the ORDER BY cost a third of the
    # look-up's ORM time on the matching hot path (benchmarks/match_lookup.py).
    kandidaten.sort(key=lambda s: (s.signaleringstijdstip, s.pk))
    return [s for s in kandidaten if is_actief(s, vandaag)]


def laad_deelnemers(signalen: list[Signaal]) -> None:
    """Signaler and organisation of each signal of a match, in one query each — in the system context,
    since the other organisations' rows are not visible to the actor."""
    with tenancy.systeem():
        prefetch_related_objects(signalen, "signaleerder", "organisatie")


def huishouden_van(signaal: Signaal) -> tuple[str, str] | None:
    """VI-22: family matching only where its basis is configured (`extended_2009` holds the address the
    signaler recorded); otherwise household members never match."""
    inst = instellingen()
    if not (inst.family_matching and inst.field_set == policies.EXTENDED_2009):
        return None
    adres, plaats = signaal.jongere_adres.strip(), signaal.jongere_woonplaats.strip()
    return (adres, plaats) if adres and plaats else None


def contact_van(signaal: Signaal, vandaag: dt.date | None = None):
    """VI-24: the signaler, or — while the signaler lacks a mandate — a *leidinggevende* of the
    organisation."""
    vandaag = vandaag or today()
    if is_gemandateerd(signaal.signaleerder, vandaag):
        return signaal.signaleerder
    from zorgvuldig.organisaties.models import Gebruiker

    collegas = Gebruiker.objects.filter(organisatie_id=signaal.organisatie_id, is_active=True).order_by("pk")
    leiding = next((g for g in collegas if "leidinggevende" in (g.rollen or [])), None)
    return leiding or signaal.signaleerder


# --- Matches ---------------------------------------------------------------------------------------

# Signalers in a match; the *leidinggevende* while a signaler of the organisation lacks a mandate (VI-24).
MATCH_SCOPE = "match:behandelen|signaal:beheren"


@dataclass(frozen=True)
class Deelnemer:
    """One signaler in a match as the viewer may see it: the own entry, or exactly VI-11's fields."""

    uuid: str
    eigen: bool
    signaal: Signaal | None  # own entry only
    organisatie: str
    naam: str
    email: str
    telefoon: str
    organisatie_id: int


def _live_signalen(match: Match, vandaag: dt.date) -> list[Signaal]:
    with tenancy.systeem():
        rijen = list(
            Signaal.objects.select_related("signaleerder", "organisatie")
            .filter(match=match, status=policies.ACTIEF, verwijderdatum__gt=vandaag)
            .order_by("signaleringstijdstip", "pk")
        )
    return [s for s in rijen if is_actief(s, vandaag)]


def heeft_live_match(signaal: Signaal, vandaag: dt.date | None = None) -> bool:
    """A signal's match link counts only while the match exists (a dissolved one is gone, VI-17)."""
    return signaal.match is not None and is_live(_live_signalen(signaal.match, vandaag or today()))


def is_live(signalen: list[Signaal]) -> bool:
    """A match exists while its active signals satisfy the match scope (VI-11); else it is DISSOLVED."""
    return policies.is_match(
        [str(s.organisatie_id) for s in signalen],
        [str(s.signaleerder_id) for s in signalen],
        instellingen().match_scope,
    )


def is_eigen(signaal: Signaal, actor, vandaag: dt.date) -> bool:
    """The actor speaks for this signal in its match: the signaler, or — while the signaler lacks a
    mandate — the organisation's *leidinggevende*, who is then the contact (VI-24)."""
    if signaal.signaleerder_id == actor.gebruiker.pk:
        return True
    return (
        actor.heeft("signaal:beheren")
        and signaal.organisatie_id == actor.organisatie.pk
        and not is_gemandateerd(signaal.signaleerder, vandaag)
    )


def deelnemers(match: Match, actor, vandaag: dt.date | None = None) -> list[Deelnemer]:
    vandaag = vandaag or today()
    uit = []
    for s in _live_signalen(match, vandaag):
        contact = contact_van(s, vandaag)
        eigen = is_eigen(s, actor, vandaag)
        uit.append(
            Deelnemer(
                uuid=str(s.deelnemer_uuid),
                eigen=eigen,
                signaal=s if eigen else None,
                organisatie=s.organisatie.naam,
                naam=contact.naam,
                email=contact.email,
                telefoon=contact.telefoon,
                organisatie_id=s.organisatie_id,
            )
        )
    return uit


def matches_zichtbaar_voor(actor, vandaag: dt.date | None = None) -> list[Match]:
    """Matches in which the actor speaks for an active signal (own, or as the VI-24 contact) and that
    still exist (DISSOLVED → invisible)."""
    if not actor.heeft(MATCH_SCOPE):
        return []
    vandaag = vandaag or today()
    kandidaten = signalen_zichtbaar_voor(actor, vandaag).filter(match__isnull=False, status=policies.ACTIEF)
    if not actor.heeft("match:behandelen"):
        kandidaten = kandidaten.exclude(signaleerder=actor.gebruiker)
    match_ids: set[int] = {
        s.match_id
        for s in kandidaten.select_related("signaleerder")
        if s.match_id is not None and is_eigen(s, actor, vandaag)
    }
    matches = Match.objects.filter(pk__in=match_ids).order_by("-gewijzigd", "-pk")
    return [m for m in matches if is_live(_live_signalen(m, vandaag))]


def match_of_404(actor, uuid, vandaag: dt.date | None = None) -> Match:
    for m in matches_zichtbaar_voor(actor, vandaag):
        if str(m.uuid) == str(uuid):
            return m
    raise NotFound()


# --- representations and audited reads (API §2.3; the UI renders the same dicts) -------------------


def _adres(org) -> str:
    delen = [
        f"{org.adres_straat} {org.adres_huisnummer}".strip(),
        f"{org.adres_postcode} {org.adres_plaats}".strip(),
    ]
    return ", ".join(d for d in delen if d)


def signaal_weergave(signaal: Signaal, url) -> dict:
    """The configured field set and technical fields, nothing else (VI-09); never a secret address (VI-10:
    the extended address is what the signaler typed, and the UI refuses a person's secret address)."""
    from zorgvuldig.verwijsindex.services import bsn_van

    contact = contact_van(signaal)
    org = signaal.organisatie
    data = {
        "url": url(f"/api/v1/signalen/{signaal.uuid}"),
        "uuid": str(signaal.uuid),
        "organisatie": url(f"/api/v1/organisaties/{org.uuid}"),
        "status": status_van(signaal),
        "match": url(f"/api/v1/matches/{signaal.match.uuid}")
        if signaal.match is not None and heeft_live_match(signaal)
        else None,
        "overdrachten": [
            {
                "van": o.van.naam,
                "naar": o.naar.naam,
                "door": o.door.naam,
                "datum": o.datum.isoformat(),
                "reden": o.reden,
                "aanvaard": o.aanvaard_op is not None,
            }
            for o in signaal.overdrachten.select_related("van", "naar", "door").order_by("pk")
        ],
        "bsn": bsn_van(signaal),
        "signaleerder": {
            "naam": contact.naam,
            "functie": contact.functie,
            "organisatie": org.naam,
            "organisatieAdres": _adres(org),
            "email": contact.email,
            "telefoon": contact.telefoon,
        },
        "signaleringstijdstip": _utc(signaal.signaleringstijdstip),
        "verwijderdatum": signaal.verwijderdatum.isoformat() if signaal.verwijderdatum else None,
        "aangemaakt": _utc(signaal.aangemaakt),
        "gewijzigd": _utc(signaal.gewijzigd),
    }
    if instellingen().field_set == policies.EXTENDED_2009:
        geheim = heeft_geheim_adres(signaal)
        data["jongere"] = {
            "naam": signaal.jongere_naam,
            "adres": None if geheim else signaal.jongere_adres,
            "woonplaats": None if geheim else signaal.jongere_woonplaats,
            "geslacht": signaal.jongere_geslacht,
            "geboortedatum": signaal.jongere_geboortedatum.isoformat()
            if signaal.jongere_geboortedatum
            else None,
            "geboorteplaats": signaal.jongere_geboorteplaats,
        }
        data["bronorganisatie"] = signaal.bronorganisatie
        data["bekendSinds"] = signaal.bekend_sinds.isoformat() if signaal.bekend_sinds else None
    return data


def heeft_geheim_adres(signaal: Signaal) -> bool:
    """VI-10/PE-03: the index never shows the address of a youth whose address is secret in any
    organisation's person record (looked up by BSN, in the system context, revealing nothing else)."""
    from zorgvuldig.personen.models import Persoon
    from zorgvuldig.verwijsindex.services import bsn_van

    with tenancy.systeem():
        return Persoon.objects.filter(
            bsn_index__in=crypto.blind_index_candidates(bsn_van(signaal)), geheim_adres=True
        ).exists()


def _utc(moment) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def _log(actor, objecten, actie: str, velden: list[str]) -> None:
    """Every view is a processing (AU-01): one entry per signal or match shown, subject by pseudonym."""
    from django.db import transaction

    from zorgvuldig.audit import services as audit
    from zorgvuldig.verwijsindex.services import ACTIVITEIT, betrokkene

    with transaction.atomic():
        for o in objecten:
            audit.record(
                actor=actor,
                actie=actie,
                activiteit=ACTIVITEIT,
                object=o,
                betrokkenen=[betrokkene(o.bsn_index)],
                velden=velden,
            )


def log_inzage(actor, signalen) -> None:
    _log(actor, signalen, "signaal.ingezien", ["bsn", "signaleerder", "verwijderdatum"])


def verantwoording_voor(actor, uuid) -> dict:
    """The justification: the signaler and the own *leidinggevende* only; never in the index."""
    from django.db import transaction

    from zorgvuldig.audit import services as audit
    from zorgvuldig.verwijsindex.services import ACTIVITEIT, betrokkene, lees_verantwoording

    signaal = signaal_of_404(actor, uuid)
    eigen = signaal.signaleerder_id == actor.gebruiker.pk
    leiding = actor.heeft("signaal:beheren") and signaal.organisatie_id == actor.organisatie.pk
    if not (eigen or leiding) or signaal.status == policies.CONCEPT:
        raise NotFound()
    with transaction.atomic():
        audit.record(
            actor=actor,
            actie="signaal.verantwoording_ingezien",
            activiteit=ACTIVITEIT,
            object=signaal,
            betrokkenen=[betrokkene(signaal.bsn_index)],
            velden=["verantwoording"],
        )
    return lees_verantwoording(signaal)


def match_weergave(match: Match, actor, url, vandaag: dt.date | None = None) -> dict:
    """VI-11: the own entry with a link to the own signal; every other entry exactly its contact set."""
    vandaag = vandaag or today()
    lijst = deelnemers(match, actor, vandaag)
    per_signaal = {}
    with tenancy.systeem():
        for s in Signaal.objects.filter(match=match).only("pk", "deelnemer_uuid", "signaleerder_id"):
            per_signaal[s.pk] = s
    naar_deelnemer = {d.uuid: d for d in lijst}

    def deelnemer_van(signaal_id) -> str | None:
        s = per_signaal.get(signaal_id)
        return str(s.deelnemer_uuid) if s is not None and str(s.deelnemer_uuid) in naar_deelnemer else None

    def door_gebruiker(gebruiker_id) -> str | None:
        return next(
            (
                str(s.deelnemer_uuid)
                for s in per_signaal.values()
                if s.signaleerder_id == gebruiker_id and str(s.deelnemer_uuid) in naar_deelnemer
            ),
            None,
        )

    coordinator = naar_deelnemer.get(deelnemer_van(match.zorgcoordinator_id) or "")
    return {
        "url": url(f"/api/v1/matches/{match.uuid}"),
        "uuid": str(match.uuid),
        "status": match.status,
        "deelnemers": [
            {"uuid": d.uuid, "eigen": True, "signaal": url(f"/api/v1/signalen/{d.signaal.uuid}")}
            if d.signaal is not None
            else {
                "uuid": d.uuid,
                "eigen": False,
                "organisatie": d.organisatie,
                "naam": d.naam,
                "email": d.email,
                "telefoon": d.telefoon,
            }
            for d in lijst
        ],
        "afstemming": {
            "datum": match.afstemming_datum.isoformat(),
            "door": door_gebruiker(match.afstemming_door_id),
            "met": match.afstemming_met,
        }
        if match.afstemming_datum
        else None,
        "zorgcoordinator": {
            "deelnemer": coordinator.uuid,
            "naam": coordinator.naam,
            "organisatie": coordinator.organisatie,
        }
        if coordinator
        else None,
        "jongereGeinformeerd": {
            "datum": match.informeren_datum.isoformat(),
            "door": deelnemer_van(match.informeren_door_id),
            "wijze": match.informeren_wijze,
        }
        if match.informeren_datum
        else None,
        "informerenUiterlijk": policies.informeren_uiterlijk(today(match.aangemaakt)).isoformat(),
        "aangemaakt": _utc(match.aangemaakt),
        "gewijzigd": _utc(match.gewijzigd),
    }


def log_match_inzage(actor, matches) -> None:
    _log(actor, matches, "match.ingezien", ["deelnemers"])


def eigen_kenmerken(actor, signaal_uuids) -> dict[str, dict]:
    """What tells the actor's matches apart (demo review M12): the BSN of the actor's OWN signal in each, as
    "Mijn signalen" shows it, with its date. Read through the actor's own visibility, so another
    organisation's signal can never supply it (VI-01, SPEC §4 "Visibility"), and logged as a view of that
    signal's BSN (AU-01). The API's match stays without it (VI-11)."""
    from zorgvuldig.verwijsindex.services import bsn_van

    uuids = {str(u) for u in signaal_uuids}
    if not uuids:
        return {}
    signalen = list(signalen_zichtbaar_voor(actor).filter(uuid__in=uuids, status=policies.ACTIEF))
    _log(actor, signalen, "signaal.ingezien", ["bsn"])
    return {str(s.uuid): {"bsn": bsn_van(s), "tijdstip": s.signaleringstijdstip} for s in signalen}


def eigen_signaaldatums(actor, signaal_ids) -> dict[int, dt.datetime]:
    """The inbox's reference to the own signal (M12): only its date and time — a notice carries no subject
    data (VI-11) — and only of a signal the actor may still see."""
    ids = {i for i in signaal_ids if i is not None}
    if not ids:
        return {}
    rijen = signalen_zichtbaar_voor(actor).filter(pk__in=ids).values_list("pk", "signaleringstijdstip")
    return {pk: moment for pk, moment in rijen if moment is not None}


# --- VI-beheerder and FG: technical views, exits, archive (VI-21, VI-25) ----------------------------


def technisch_signalen(vandaag: dt.date | None = None) -> list[dict]:
    """`vi:beheren`: technical status of the active signals — no BSN, no signaler, no subject data."""
    vandaag = vandaag or today()
    with tenancy.systeem():
        rijen = list(
            Signaal.objects.filter(status=policies.ACTIEF, verwijderdatum__gt=vandaag)
            .select_related("organisatie")
            .order_by("-signaleringstijdstip", "-pk")
        )
    return [
        {
            "uuid": str(s.uuid),
            "organisatie": s.organisatie.naam,
            "status": status_van(s, vandaag),
            "signaleringstijdstip": _utc(s.signaleringstijdstip),
            "verwijderdatum": s.verwijderdatum.isoformat() if s.verwijderdatum else None,
            "inMatch": s.match_id is not None,
        }
        for s in rijen
        if is_actief(s, vandaag)
    ]


def technisch_matches(vandaag: dt.date | None = None) -> list[dict]:
    """`vi:beheren`: matches with their state and notice delivery (sent or still waiting)."""
    vandaag = vandaag or today()
    uit = []
    for m in Match.objects.order_by("-aangemaakt", "-pk").prefetch_related("notificaties__bericht"):
        if not is_live(_live_signalen(m, vandaag)):
            continue
        uit.append(
            {
                "uuid": str(m.uuid),
                "status": m.status,
                "aangemaakt": _utc(m.aangemaakt),
                "notificaties": [
                    {
                        "op": _utc(n.aangemaakt),
                        "bezorgd": bool(n.bericht and n.bericht.verzonden_op),
                        "pogingen": n.bericht.pogingen if n.bericht else 0,
                    }
                    for n in m.notificaties.all()
                ],
            }
        )
    return uit


def uittredingen(vandaag: dt.date | None = None) -> list[dict]:
    """VI-25: per ended accession, the leaving organisation's signals and what became of them."""
    from zorgvuldig.convenanten.models import Toetreding
    from zorgvuldig.verwijsindex.models import ArchiefSignaal, Overdracht

    vandaag = vandaag or today()
    exit_dagen = instellingen().exit_days
    uit = []
    for t in Toetreding.objects.filter(tot__lt=vandaag).select_related("organisatie").order_by("-tot", "pk"):
        if is_ondertekenaar(t.organisatie_id, vandaag):
            continue  # acceded again (or to another convenant): no exit
        signalen: list[dict] = []
        with tenancy.systeem():
            for s in Signaal.objects.filter(organisatie=t.organisatie, status=policies.ACTIEF):
                actief = is_actief(s, vandaag)
                status = (
                    "aangeboden" if s.aangeboden_aan_id and actief else "open" if actief else "ingetrokken"
                )
                signalen.append({"uuid": str(s.uuid), "status": status})
            for o in Overdracht.objects.filter(
                soort=Overdracht.Soort.UITTREDING, van__organisatie=t.organisatie, aanvaard_op__isnull=False
            ):
                signalen.append({"uuid": str(o.signaal.uuid), "status": "overgedragen"})
            for a in ArchiefSignaal.objects.filter(organisatie=t.organisatie, einddatum__gte=t.tot):
                signalen.append({"uuid": str(a.signaal_uuid), "status": "ingetrokken"})
        uit.append(
            {
                "uuid": str(t.uuid),
                "organisatie": t.organisatie.naam,
                "einddatum": t.tot.isoformat() if t.tot else None,
                "uiterlijk": (t.tot + dt.timedelta(days=exit_dagen)).isoformat() if t.tot else None,
                "signalen": signalen,
            }
        )
    return uit


def archief_voor(actor, bsn: str, vandaag: dt.date | None = None) -> list[dict]:
    """VI-21: the archive records on one youth, for the FG (own controller's organisations) and the
    *VI-beheerder*, to answer *inzage* or *verzet*. Signals that ended but were not swept yet are shown
    the same way, so the answer never depends on whether the sweep ran (RT-12)."""
    from zorgvuldig.audit.models import Pseudoniem
    from zorgvuldig.verwijsindex.models import ArchiefSignaal
    from zorgvuldig.verwijsindex.services import betrokkenen_voor_bsn

    vandaag = vandaag or today()
    sleutels = betrokkenen_voor_bsn(bsn)
    pseudoniemen = list(Pseudoniem.objects.filter(sleutel__in=sleutels).values_list("pseudoniem", flat=True))
    rijen = ArchiefSignaal.objects.filter(betrokkene__in=pseudoniemen).select_related("organisatie")
    if "vi_beheerder" not in actor.rollen:
        rijen = rijen.filter(
            organisatie__verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id
        )
    uit = [
        {
            "betrokkene": r.betrokkene,
            "organisatie": r.organisatie.naam,
            "signaleerder": r.signaleerder_naam,
            "signaleringstijdstip": _utc(r.signaleringstijdstip),
            "einddatum": r.einddatum.isoformat(),
            "einde": r.einde,
            "matches": r.matches,
        }
        for r in rijen.order_by("signaleringstijdstip")
    ]
    # Ended but not yet swept: the same minimal projection, so the answer never waits for the sweep.
    with tenancy.systeem():
        ongeveegd = Signaal.objects.filter(
            bsn_index__in=crypto.blind_index_candidates(bsn),
            status__in=[policies.ACTIEF, policies.INGETROKKEN],
        ).select_related("organisatie", "signaleerder", "match")
        if "vi_beheerder" not in actor.rollen:
            ongeveegd = ongeveegd.filter(
                organisatie__verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id
            )
        for s in ongeveegd:
            if is_actief(s, vandaag):
                continue
            g = archief_gegevens(s, vandaag)
            uit.append(
                {
                    "betrokkene": pseudoniemen[0] if pseudoniemen else None,
                    "organisatie": s.organisatie.naam,
                    "signaleerder": s.signaleerder.naam,
                    "signaleringstijdstip": _utc(s.signaleringstijdstip),
                    "einddatum": g["einddatum"].isoformat(),
                    "einde": g["einde"],
                    "matches": g["matches"],
                }
            )
    return uit


def archief_gegevens(signaal: Signaal, vandaag: dt.date) -> dict:
    """What the archive keeps of an ended signal (VI-21): how and when it ended, and for its match when it
    was made, whether it dissolved, and who got which notice when."""
    if signaal.status == policies.INGETROKKEN:
        einde, einddatum = "ingetrokken", today(signaal.ingetrokken_op) if signaal.ingetrokken_op else vandaag
    elif signaal.verwijderdatum is not None and signaal.verwijderdatum <= vandaag:
        einde, einddatum = "verlopen", signaal.verwijderdatum
    else:
        tot = uittreding_tot(signaal.organisatie_id, vandaag) or vandaag
        einde, einddatum = "uittreding", tot + dt.timedelta(days=instellingen().exit_days)
    matches = []
    if signaal.match is not None:
        rest = [s for s in _live_signalen(signaal.match, vandaag) if s.pk != signaal.pk]
        with tenancy.systeem():
            notificaties = [
                {"aan": f"{n.aan.naam} ({n.aan.organisatie.naam})", "op": _utc(n.aangemaakt)}
                for n in signaal.match.notificaties.select_related("aan__organisatie").order_by("pk")
            ]
        matches.append(
            {
                "aangemaakt": _utc(signaal.match.aangemaakt),
                "opgeheven": None if is_live(rest) else einddatum.isoformat(),
                "notificaties": notificaties,
            }
        )
    return {"einde": einde, "einddatum": einddatum, "matches": matches}


def deelbesluit_ontvangers(actor, match_uuid) -> list[Deelnemer]:
    """VI-13: after a match, information goes only to signalers in it who need it, and only through a
    sharing decision. This is the hook for that module: the recipients a decision on this match may
    name — the other participants of a live match the actor is in; anyone else is not a recipient."""
    match = match_of_404(actor, match_uuid)
    return [d for d in deelnemers(match, actor) if not d.eigen]


def notificaties_voor(actor, sinds: dt.datetime | None = None, limiet: int = 20) -> list:
    """The user's match notices (VI-11 inbox), newest first: which match and when — no subject data."""
    from zorgvuldig.verwijsindex.models import Notificatie

    qs = Notificatie.objects.filter(aan=actor.gebruiker)
    if sinds is not None:
        qs = qs.filter(aangemaakt__gte=sinds)
    return list(qs.order_by("-aangemaakt", "-pk")[:limiet])
