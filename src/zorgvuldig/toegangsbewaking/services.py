"""Writes of access-pattern monitoring (RP-06), each with its audit entry in the same transaction (AU-01).

* `leg_instemming_vast` — the FG records the works council's consent (WOR art 27(1)(l)).
* `activeer` / `deactiveer` — the FG switches monitoring on (only with an approved DPIA and the consent,
  else `E_RP_MONITORING_NOT_APPROVED`) or off (always allowed).
* `dagelijks` — the daily job: for each controller with monitoring on, it reads the audit entries of the
  previous day(s) since the activation and records alerts. Counting is set-based in SQL; only the
  surname comparison runs in Python, over the distinct (staff member, person) pairs of the day (the
  pseudonym → person link is a text key that cannot be joined the same way on SQLite and PostgreSQL).
  Idempotent: a unique constraint per controller, staff member, day and kind; a rerun adds nothing.
* `vervang_adressen` — the operator loads the staff's home addresses from the HR system while monitoring
  is on; only a keyed index per staff member is stored (`Adresindex`), the set is replaced as a whole and
  deleted when monitoring is switched off (in `deactiveer`'s transaction).
* `beoordeel` — the FG reviews an alert: `open` → `beoordeeld` with an outcome from a closed list.

After a run that made new alerts for a controller, its FG(s) get one e-mail through the outbox with the
number and a link only (no names, no kinds): `datalekken.services.mail_fg`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

import structlog
from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.urls import reverse

from zorgvuldig.audit import services as audit
from zorgvuldig.audit.models import AuditRegel, Pseudoniem, Status
from zorgvuldig.core import crypto, tenancy
from zorgvuldig.core.clock import now, today
from zorgvuldig.core.context import Actor
from zorgvuldig.core.errors import DomainError, InvalidParam
from zorgvuldig.organisaties.models import Gebruiker
from zorgvuldig.toegangsbewaking import policies, selectors
from zorgvuldig.toegangsbewaking.models import Adresindex, Bewaking, Instemming, Signalering

log = structlog.get_logger(__name__)
ACTIVITEIT = policies.ACTIVITEIT
# Reading or recording the set-up (thresholds, the works council's consent) processes no one's data: it
# is supervision, so it does not put the monitoring "in use" in the register check (FG review F8).
INRICHTING = "verantwoording-toezicht"
PERSOON = "persoon:"


def _mag(actor) -> None:
    """Only the FG of the controller (scope `register:beheren`); checked again here, not only in views."""
    if not selectors.is_fg(actor):
        raise DomainError(
            "E_AC_NOT_AUTHORISED",
            "Alleen de functionaris gegevensbescherming van de verwerkingsverantwoordelijke beheert de "
            "bewaking van toegangspatronen (RP-06).",
        )


def _ongeldig(fouten: list[tuple[str, str]], detail: str) -> None:
    if fouten:
        raise DomainError(
            "E_INVALID_INPUT", detail, [InvalidParam(veld, "invalid", reden) for veld, reden in fouten]
        )


def log_inzage(
    actor, actie: str, velden: list[str], object=None, aantal: int | None = None, *, inrichting=False
) -> None:
    """A read by the FG is a processing too (AU-01): alerts hold personal data of employees. A read of the
    set-up only (`inrichting`) is supervision."""
    with transaction.atomic():
        audit.record(
            actor=actor,
            actie=actie,
            activiteit=INRICHTING if inrichting else ACTIVITEIT,
            object=object,
            velden=velden,
            koppeling={"aantal": aantal} if aantal is not None else None,
        )


# --- works council consent and activation (RP-06) ---------------------------------------------------------


@audit.geweigerd_gelogd("toegangsbewaking.instemming_vastgelegd", INRICHTING)
def leg_instemming_vast(*, actor, datum: dt.date | None, kenmerk: str, omschrijving: str = "") -> Instemming:
    _mag(actor)
    fouten = policies.instemming_fouten(datum, kenmerk, today())
    if len(omschrijving) > policies.MAX_OMSCHRIJVING:
        fouten.append(("omschrijving", f"De omschrijving is ten hoogste {policies.MAX_OMSCHRIJVING} tekens."))
    _ongeldig(fouten, "De instemming van de ondernemingsraad is niet volledig (RP-06).")
    assert datum is not None
    with transaction.atomic():
        rij = Instemming.objects.create(
            verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id,
            datum=datum,
            kenmerk=kenmerk.strip(),
            omschrijving=omschrijving.strip(),
            vastgelegd_door=actor.gebruiker,
        )
        audit.record(
            actor=actor,
            actie="toegangsbewaking.instemming_vastgelegd",
            activiteit=INRICHTING,
            object=rij,
            velden=["datum", "kenmerk", "omschrijving"],
        )
    return rij


@audit.geweigerd_gelogd("toegangsbewaking.geactiveerd", ACTIVITEIT)
def activeer(
    *,
    actor,
    max_personen: int | None = None,
    werktijd_van: dt.time | None = None,
    werktijd_tot: dt.time | None = None,
) -> Bewaking:
    """RP-06: on only with an approved DPIA (RG-02) and the works council's consent. While on, a second
    activation changes the thresholds and keeps the activation moment (the job's window)."""
    _mag(actor)
    vv_id = actor.verwerkingsverantwoordelijke_id
    huidig = selectors.bewaking(vv_id) or Bewaking(verwerkingsverantwoordelijke_id=vv_id)
    max_p = huidig.max_personen_per_dag if max_personen is None else max_personen
    van = werktijd_van or huidig.werktijd_van
    tot = werktijd_tot or huidig.werktijd_tot
    _ongeldig(policies.drempel_fouten(max_p, van, tot), "De drempels van de bewaking kloppen niet (RP-06).")
    dpia, instemming = selectors.voorwaarden(vv_id)
    fout = policies.activering_fout(dpia is not None, instemming is not None)
    if fout:
        raise DomainError(policies.CODE_NIET_GOEDGEKEURD, fout)
    with transaction.atomic():
        rij, _ = Bewaking.objects.select_for_update().get_or_create(verwerkingsverantwoordelijke_id=vv_id)
        velden = ["max_personen_per_dag", "werktijd_van", "werktijd_tot", "dpia", "instemming"]
        if not rij.actief:
            rij.actief = True
            rij.geactiveerd_op = now()
            rij.geactiveerd_door = actor.gebruiker
            velden += ["actief", "geactiveerd_op", "geactiveerd_door"]
        rij.max_personen_per_dag, rij.werktijd_van, rij.werktijd_tot = max_p, van, tot
        rij.dpia, rij.instemming = dpia, instemming
        rij.save()
        audit.record(
            actor=actor,
            actie="toegangsbewaking.geactiveerd",
            activiteit=ACTIVITEIT,
            object=rij,
            velden=velden,
        )
    return rij


@audit.geweigerd_gelogd("toegangsbewaking.gedeactiveerd", ACTIVITEIT)
def deactiveer(*, actor) -> Bewaking:
    """Switching off is always allowed (privacy by default, GP-06); existing alerts stay for review."""
    _mag(actor)
    with transaction.atomic():
        rij = (
            Bewaking.objects.select_for_update()
            .filter(verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id)
            .first()
        )
        if rij is None or not rij.actief:
            raise DomainError("E_STATE_CONFLICT", "De bewaking van toegangspatronen staat al uit (RP-06).")
        rij.actief = False
        rij.gedeactiveerd_op = now()
        rij.gedeactiveerd_door = actor.gebruiker
        rij.save()
        # the staff's address indexes exist only for monitoring that is on (RP-06)
        gewist, _ = Adresindex.objects.filter(
            verwerkingsverantwoordelijke_id=rij.verwerkingsverantwoordelijke_id
        ).delete()
        audit.record(
            actor=actor,
            actie="toegangsbewaking.gedeactiveerd",
            activiteit=ACTIVITEIT,
            object=rij,
            velden=["actief", "gedeactiveerd_op", "gedeactiveerd_door", "adresindex"],
            koppeling={"adresindexen_gewist": gewist},
        )
    return rij


# --- staff addresses for `zelfde_adres` (RP-06) --------------------------------------------------------


@dataclass
class Adresregel:
    """One line of the HR file: its line number (for messages without content) and the four fields."""

    regel: int
    email: str
    postcode: str
    huisnummer: str
    toevoeging: str = ""


@dataclass
class Inlezing:
    """What a load did, in counts and line numbers only (the operator's output and the audit entry)."""

    opgeslagen: int = 0
    vervangen: int = 0  # indexes removed (the previous set)
    onbekend: list[int] = field(default_factory=list)  # lines whose e-mail is no user of the controller
    ongeldig: list[int] = field(default_factory=list)  # lines without a usable Dutch postcode address


def adres_index(verwerkingsverantwoordelijke_uuid, sleutel: str, versie: int | None = None) -> str:
    """The keyed index of a normalised address (`policies.adres_sleutel`): the BSN blind index's HMAC and
    key file (`core.crypto.blind_index`), over a text that names the purpose and the controller, so it never
    equals a BSN's index nor another controller's index of the same address."""
    return crypto.blind_index(f"adres|{verwerkingsverantwoordelijke_uuid}|{sleutel}", versie)


def vervang_adressen(vv, regels: list[Adresregel]) -> Inlezing:
    """RP-06: replace the controller's staff address indexes with those of `regels` (the operator's HR file).

    Refused (`E_RP_MONITORING_NOT_APPROVED`, audited, nothing changed) unless monitoring is on with its
    approved DPIA and the works council's consent; processing staff addresses rests on the same DPIA and
    consent. One audit entry with counts only; the addresses are not kept, not logged, not returned."""
    systeem = Actor.systeem()
    with tenancy.systeem():
        with transaction.atomic():
            bewaking = Bewaking.objects.select_for_update().filter(verwerkingsverantwoordelijke=vv).first()
            dpia, instemming = selectors.voorwaarden(vv.pk)
            if bewaking is None or not bewaking.actief or dpia is None or instemming is None:
                fout = DomainError(
                    "E_RP_MONITORING_NOT_APPROVED",
                    "Adressen van medewerkers worden alleen ingelezen terwijl de bewaking van "
                    "toegangspatronen aan staat, met een goedgekeurde DPIA en de instemming van de "
                    "ondernemingsraad (RP-06).",
                )
            else:
                fout = None
                uitkomst = _vervang(systeem, vv, bewaking, regels)
        if fout is not None:
            with transaction.atomic():
                audit.record(
                    actor=systeem,
                    actie="toegangsbewaking.adressen_vervangen",
                    activiteit=ACTIVITEIT,
                    object=bewaking,
                    status="geweigerd",
                    code=fout.code,
                    verwerkingsverantwoordelijke=str(vv.uuid),
                )
            raise fout
    return uitkomst


def _vervang(systeem, vv, bewaking: Bewaking, regels: list[Adresregel]) -> Inlezing:
    uitkomst = Inlezing()
    gebruikers = {
        e.casefold(): pk
        for pk, e in Gebruiker.objects.filter(organisatie__verwerkingsverantwoordelijke=vv).values_list(
            "pk", "email"
        )
    }
    per_gebruiker: dict[int, str] = {}  # a later line for the same user replaces an earlier one
    for regel in regels:
        pk = gebruikers.get(regel.email.strip().casefold())
        sleutel = policies.adres_sleutel(regel.postcode, regel.huisnummer, regel.toevoeging)
        if pk is None:
            uitkomst.onbekend.append(regel.regel)
        elif sleutel is None:
            uitkomst.ongeldig.append(regel.regel)
        else:
            per_gebruiker[pk] = adres_index(vv.uuid, sleutel)
    uitkomst.vervangen, _ = Adresindex.objects.filter(verwerkingsverantwoordelijke=vv).delete()
    # a user who moved here from another controller may still have that controller's index (one per user)
    Adresindex.objects.filter(gebruiker_id__in=per_gebruiker).delete()
    Adresindex.objects.bulk_create(
        Adresindex(verwerkingsverantwoordelijke=vv, gebruiker_id=pk, index=index)
        for pk, index in per_gebruiker.items()
    )
    uitkomst.opgeslagen = len(per_gebruiker)
    audit.record(
        actor=systeem,
        actie="toegangsbewaking.adressen_vervangen",
        activiteit=ACTIVITEIT,
        object=bewaking,
        velden=["adresindex"],
        koppeling={
            "opgeslagen": uitkomst.opgeslagen,
            "vervangen": uitkomst.vervangen,
            "onbekend": len(uitkomst.onbekend),
            "ongeldig": len(uitkomst.ongeldig),
        },
        verwerkingsverantwoordelijke=str(vv.uuid),
    )
    return uitkomst


# --- the daily job ----------------------------------------------------------------------------------------


def dagelijks(vandaag: dt.date | None = None) -> dict:
    """For every controller with monitoring on: the alerts of the days since the last run (at most
    `INHAALDAGEN`, never before the activation). A controller whose DPIA is no longer approved, or
    without consent, is skipped: RP-06 holds every day, not only at activation; its staff address indexes,
    which rest on the same DPIA and consent, are deleted then."""
    vandaag = vandaag or today()
    systeem = Actor.systeem()
    uitkomst: dict[str, int] = {"verwerkingsverantwoordelijken": 0, "aangemaakt": 0, "overgeslagen": 0}
    with tenancy.systeem():
        bewakingen = list(
            Bewaking.objects.filter(actief=True, geactiveerd_op__isnull=False).select_related(
                "verwerkingsverantwoordelijke"
            )
        )
        for bewaking in bewakingen:
            vv = bewaking.verwerkingsverantwoordelijke
            dpia, instemming = selectors.voorwaarden(vv.pk)
            aan = bewaking.geactiveerd_op
            dagen = policies.te_scannen_dagen(vandaag, aan) if aan is not None else []
            aangemaakt = 0
            overgeslagen = dpia is None or instemming is None
            if overgeslagen:
                uitkomst["overgeslagen"] += 1
                dagen = []
            else:
                uitkomst["verwerkingsverantwoordelijken"] += 1
                for dag in dagen:
                    with transaction.atomic():
                        aangemaakt += _scan_dag(systeem, bewaking, dag)
            with transaction.atomic():
                gewist = 0
                if overgeslagen:
                    # the staff addresses rest on the same DPIA and consent: without them no index (RP-06)
                    gewist, _ = Adresindex.objects.filter(verwerkingsverantwoordelijke=vv).delete()
                [gescand] = audit.record(
                    actor=systeem,
                    actie="toegangsbewaking.gescand",
                    activiteit=ACTIVITEIT,
                    object=bewaking,
                    velden=["tijdstip", "actor", "betrokkene", "actie", *(["adresindex"] if gewist else [])],
                    koppeling={
                        "dagen": [d.isoformat() for d in dagen],
                        "aangemaakt": aangemaakt,
                        "overgeslagen": overgeslagen,
                        **({"adresindexen_gewist": gewist} if gewist else {}),
                    },
                    verwerkingsverantwoordelijke=str(vv.uuid),
                )
                if aangemaakt:
                    _mail_fg(vv, aangemaakt, str(gescand.uuid))
            uitkomst["aangemaakt"] += aangemaakt
    log.info("toegangsbewaking.dagelijks", **uitkomst)
    return uitkomst


def _mail_fg(vv, aantal: int, run: str) -> None:
    """One e-mail per run and controller to its FG(s), only the number and a link: the alerts are personal
    data of employees and stay in zorgvuldig. Keyed on the run's `gescand` audit entry; a rerun finds no
    new alerts (idempotent per day), so it sends nothing."""
    from zorgvuldig.datalekken.services import mail_fg

    link = settings.BASE_URL.rstrip("/") + reverse("ui:toegangssignaleringen")
    woord = "nieuwe toegangssignalering" if aantal == 1 else "nieuwe toegangssignaleringen"
    mail_fg(
        vv,
        onderwerp=f"{aantal} {woord}",
        tekst=f"Er {'is' if aantal == 1 else 'zijn'} {aantal} {woord}, bekijk ze in zorgvuldig: {link}\n",
        sleutel=f"toegangsbewaking:{vv.uuid}:{run}",
    )


def _verwijzingen(qs) -> list[str]:
    return [str(u) for u in qs.order_by("id").values_list("uuid", flat=True)[: policies.MAX_VERWIJZINGEN]]


def _scan_dag(systeem, bewaking: Bewaking, dag: dt.date) -> int:
    """One day of one controller: the four patterns, each a grouped query over the audit entries."""
    vv = bewaking.verwerkingsverantwoordelijke
    start, eind = policies.dagvenster(dag)
    assert bewaking.geactiveerd_op is not None
    start = max(start, bewaking.geactiveerd_op)  # nothing from before the activation (RP-06)
    if start >= eind:
        return 0
    basis = (
        AuditRegel.objects.filter(
            verwerkingsverantwoordelijke=str(vv.uuid),
            tijdstip__gte=start,
            tijdstip__lt=eind,
            status=Status.UITGEVOERD,
        )
        .exclude(actor_gebruiker="")
        .order_by()
    )
    # entries about a person (the pseudonym maps to a person record, AU-07)
    personen = basis.filter(
        betrokkene__in=Pseudoniem.objects.filter(sleutel__startswith=PERSOON).values("pseudoniem")
    )
    # (soort, staff uuid) → (aantal, drempel, entries)
    gevonden: dict[tuple[str, str], tuple[int, int | None, QuerySet[AuditRegel]]] = {}

    drempel = bewaking.max_personen_per_dag
    opgezocht = personen.exclude(actie__endswith=policies.LIJST_ACTIE_EINDE)
    for rij in (
        opgezocht.values("actor_gebruiker")
        .annotate(n=Count("betrokkene", distinct=True))
        .filter(n__gt=drempel)
    ):
        if policies.veel_personen(rij["n"], drempel):
            wie = rij["actor_gebruiker"]
            gevonden[("veel_personen", wie)] = (rij["n"], drempel, opgezocht.filter(actor_gebruiker=wie))

    nood = basis.filter(actie=policies.NOODTOEGANG_ACTIE)
    for rij in nood.values("actor_gebruiker").annotate(n=Count("object_uuid", distinct=True)):
        wie = rij["actor_gebruiker"]
        gevonden[("noodtoegang", wie)] = (rij["n"], None, nood.filter(actor_gebruiker=wie))

    werk = policies.werktijd(dag, bewaking.werktijd_van, bewaking.werktijd_tot)
    buiten = personen if werk is None else personen.filter(Q(tijdstip__lt=werk[0]) | Q(tijdstip__gte=werk[1]))
    for rij in buiten.values("actor_gebruiker").annotate(n=Count("betrokkene", distinct=True)):
        wie = rij["actor_gebruiker"]
        gevonden[("buiten_werktijd", wie)] = (rij["n"], None, buiten.filter(actor_gebruiker=wie))

    for wie, pseudoniemen in _zelfde_achternaam(personen).items():
        entries = personen.filter(actor_gebruiker=wie, betrokkene__in=pseudoniemen)
        gevonden[("zelfde_achternaam", wie)] = (len(pseudoniemen), None, entries)

    for wie, pseudoniemen in _zelfde_adres(personen, vv).items():
        entries = personen.filter(actor_gebruiker=wie, betrokkene__in=pseudoniemen)
        gevonden[("zelfde_adres", wie)] = (len(pseudoniemen), None, entries)

    if not gevonden:
        return 0
    gebruikers = {
        str(g.uuid): g
        for g in Gebruiker.objects.filter(
            uuid__in={wie for _, wie in gevonden}, organisatie__verwerkingsverantwoordelijke=vv
        )
    }
    bestaand = set(
        Signalering.objects.filter(verwerkingsverantwoordelijke=vv, dag=dag).values_list(
            "gebruiker_id", "soort"
        )
    )
    aangemaakt = 0
    for (soort, wie), (aantal, drempel_dag, entries) in sorted(gevonden.items(), key=lambda kv: kv[0]):
        gebruiker = gebruikers.get(wie)
        if gebruiker is None or (gebruiker.pk, soort) in bestaand:
            continue
        signalering = Signalering.objects.create(
            verwerkingsverantwoordelijke=vv,
            organisatie_id=gebruiker.organisatie_id,
            soort=soort,
            gebruiker=gebruiker,
            dag=dag,
            aantal=aantal,
            drempel=drempel_dag,
            auditregels=_verwijzingen(entries),
        )
        audit.record(
            actor=systeem,
            actie="toegangssignalering.aangemaakt",
            activiteit=ACTIVITEIT,
            object=signalering,
            velden=["soort", "gebruiker", "dag", "aantal", "auditregels"],
            verwerkingsverantwoordelijke=str(vv.uuid),
        )
        aangemaakt += 1
    return aangemaakt


def _persoon_van(paren: set[tuple[str, str]]) -> dict[str, str]:
    """pseudonym → person uuid for the pseudonyms of `paren` that stand for a person record (AU-07)."""
    sleutels = Pseudoniem.objects.filter(pseudoniem__in={p for _, p in paren}).values_list(
        "pseudoniem", "sleutel"
    )
    return {p: s.removeprefix(PERSOON) for p, s in sleutels if s.startswith(PERSOON)}


def _zelfde_achternaam(personen) -> dict[str, set[str]]:
    """staff uuid → pseudonyms of persons that share the staff member's surname.

    Three reads: the distinct (staff member, pseudonym) pairs of the day, the pseudonyms' person keys and
    those persons' surnames; the comparison (policies.zelfde_achternaam) runs per pair in Python."""
    paren = set(personen.values_list("actor_gebruiker", "betrokkene").distinct())
    if not paren:
        return {}
    persoon_van = _persoon_van(paren)
    from zorgvuldig.personen.models import Persoon

    achternamen = {
        str(u): naam
        for u, naam in Persoon.objects.filter(uuid__in=set(persoon_van.values())).values_list(
            "uuid", "geslachtsnaam"
        )
    }
    namen = dict(
        (str(u), n)
        for u, n in Gebruiker.objects.filter(uuid__in={w for w, _ in paren}).values_list("uuid", "naam")
    )
    uit: dict[str, set[str]] = defaultdict(set)
    for wie, pseudoniem in paren:
        achternaam = achternamen.get(persoon_van.get(pseudoniem, ""))
        if achternaam and policies.zelfde_achternaam(namen.get(wie, ""), achternaam):
            uit[wie].add(pseudoniem)
    return dict(uit)


def _zelfde_adres(personen, vv) -> dict[str, set[str]]:
    """staff uuid → pseudonyms of persons whose address has the staff member's address index.

    Only staff with an index count; the persons' addresses are reduced (policies.adres_sleutel) and keyed
    (`adres_index`, under the key version of the staff member's index, so a load from before a key rotation
    still compares) in memory and compared with the stored index; no address is kept."""
    indexen = {
        str(u): i
        for u, i in Adresindex.objects.filter(verwerkingsverantwoordelijke=vv).values_list(
            "gebruiker__uuid", "index"
        )
    }
    if not indexen:
        return {}
    paren = set(
        personen.filter(actor_gebruiker__in=set(indexen))
        .values_list("actor_gebruiker", "betrokkene")
        .distinct()
    )
    if not paren:
        return {}
    persoon_van = _persoon_van(paren)
    from zorgvuldig.personen.models import Persoon

    adressen: dict[str, str] = {}  # person uuid → normalised address
    for u, postcode, huisnummer, toevoeging in Persoon.objects.filter(
        uuid__in=set(persoon_van.values())
    ).values_list("uuid", "adres_postcode", "adres_huisnummer", "adres_huisnummertoevoeging"):
        sleutel = policies.adres_sleutel(postcode, huisnummer, toevoeging)
        if sleutel is not None:
            adressen[str(u)] = sleutel
    berekend: dict[tuple[str, int], str] = {}
    uit: dict[str, set[str]] = defaultdict(set)
    for wie, pseudoniem in paren:
        sleutel = adressen.get(persoon_van.get(pseudoniem, ""))
        if sleutel is None:
            continue
        versie = int(indexen[wie].split(":", 1)[0])
        if (sleutel, versie) not in berekend:
            berekend[(sleutel, versie)] = adres_index(vv.uuid, sleutel, versie)
        if berekend[(sleutel, versie)] == indexen[wie]:
            uit[wie].add(pseudoniem)
    return dict(uit)


# --- review -----------------------------------------------------------------------------------------------


@audit.geweigerd_gelogd("toegangssignalering.beoordeeld", ACTIVITEIT)
def beoordeel(*, actor, uuid, uitkomst: str, toelichting: str = "") -> Signalering:
    """The FG's review: `open` → `beoordeeld` with an outcome; an incident needs an explanation and may
    lead the FG to record a breach (RG-03). Never the FG's own alert."""
    _mag(actor)
    with transaction.atomic():
        gezien = selectors.signalering_of_404(actor, uuid)
        rij = Signalering.objects.select_for_update().get(pk=gezien.pk)
        if policies.eigen_signalering(rij.gebruiker_id, actor.gebruiker.pk):
            raise DomainError(
                "E_AC_NOT_AUTHORISED",
                "U beoordeelt geen signalering over uw eigen toegang; vraag de verwerkingsverantwoordelijke "
                "(RP-06).",
            )
        if not policies.mag_beoordelen(rij.status):
            raise DomainError(
                "E_STATE_CONFLICT", "Deze signalering is al beoordeeld (open → beoordeeld, RP-06)."
            )
        _ongeldig(
            policies.beoordeling_fouten(uitkomst, toelichting), "De beoordeling is niet volledig (RP-06)."
        )
        rij.status = policies.BEOORDEELD
        rij.uitkomst = uitkomst
        tekst = toelichting.strip()
        rij.toelichting_versleuteld = crypto.versleutel(rij, "toelichting", tekst) if tekst else ""
        rij.beoordeeld_door = actor.gebruiker
        rij.beoordeeld_op = now()
        rij.save()
        audit.record(
            actor=actor,
            actie="toegangssignalering.beoordeeld",
            activiteit=ACTIVITEIT,
            object=rij,
            velden=["status", "uitkomst", "toelichting", "beoordeeld_door", "beoordeeld_op"],
        )
    return rij
