"""Writes of access-pattern monitoring (RP-06), each with its audit entry in the same transaction (AU-01).

* `leg_instemming_vast` — the FG records the works council's consent (WOR art 27(1)(l)).
* `activeer` / `deactiveer` — the FG switches monitoring on (only with an approved DPIA and the consent,
  else `E_RP_MONITORING_NOT_APPROVED`) or off (always allowed).
* `dagelijks` — the daily job: for each controller with monitoring on, it reads the audit entries of the
  previous day(s) since the activation and records alerts. Counting is set-based in SQL; only the
  surname comparison runs in Python, over the distinct (staff member, person) pairs of the day (the
  pseudonym → person link is a text key that cannot be joined the same way on SQLite and PostgreSQL).
  Idempotent: a unique constraint per controller, staff member, day and kind; a rerun adds nothing.
* `beoordeel` — the FG reviews an alert: `open` → `beoordeeld` with an outcome from a closed list.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import structlog
from django.db import transaction
from django.db.models import Count, Q, QuerySet

from zorgvuldig.audit import services as audit
from zorgvuldig.audit.models import AuditRegel, Pseudoniem, Status
from zorgvuldig.core import crypto, tenancy
from zorgvuldig.core.clock import now, today
from zorgvuldig.core.context import Actor
from zorgvuldig.core.errors import DomainError, InvalidParam
from zorgvuldig.organisaties.models import Gebruiker
from zorgvuldig.toegangsbewaking import policies, selectors
from zorgvuldig.toegangsbewaking.models import Bewaking, Instemming, Signalering

log = structlog.get_logger(__name__)
ACTIVITEIT = policies.ACTIVITEIT
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


def log_inzage(actor, actie: str, velden: list[str], object=None, aantal: int | None = None) -> None:
    """A read by the FG is a processing too (AU-01): alerts hold personal data of employees."""
    with transaction.atomic():
        audit.record(
            actor=actor,
            actie=actie,
            activiteit=ACTIVITEIT,
            object=object,
            velden=velden,
            koppeling={"aantal": aantal} if aantal is not None else None,
        )


# --- works council consent and activation (RP-06) ---------------------------------------------------------


@audit.geweigerd_gelogd("toegangsbewaking.instemming_vastgelegd", ACTIVITEIT)
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
            activiteit=ACTIVITEIT,
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
        audit.record(
            actor=actor,
            actie="toegangsbewaking.gedeactiveerd",
            activiteit=ACTIVITEIT,
            object=rij,
            velden=["actief", "gedeactiveerd_op", "gedeactiveerd_door"],
        )
    return rij


# --- the daily job ----------------------------------------------------------------------------------------


def dagelijks(vandaag: dt.date | None = None) -> dict:
    """For every controller with monitoring on: the alerts of the days since the last run (at most
    `INHAALDAGEN`, never before the activation). A controller whose DPIA is no longer approved, or
    without consent, is skipped: RP-06 holds every day, not only at activation."""
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
            if dpia is None or instemming is None:
                uitkomst["overgeslagen"] += 1
                dagen = []
            else:
                uitkomst["verwerkingsverantwoordelijken"] += 1
                for dag in dagen:
                    with transaction.atomic():
                        aangemaakt += _scan_dag(systeem, bewaking, dag)
            with transaction.atomic():
                audit.record(
                    actor=systeem,
                    actie="toegangsbewaking.gescand",
                    activiteit=ACTIVITEIT,
                    object=bewaking,
                    velden=["tijdstip", "actor", "betrokkene", "actie"],
                    koppeling={
                        "dagen": [d.isoformat() for d in dagen],
                        "aangemaakt": aangemaakt,
                        "overgeslagen": dpia is None or instemming is None,
                    },
                    verwerkingsverantwoordelijke=str(vv.uuid),
                )
            uitkomst["aangemaakt"] += aangemaakt
    log.info("toegangsbewaking.dagelijks", **uitkomst)
    return uitkomst


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


def _zelfde_achternaam(personen) -> dict[str, set[str]]:
    """staff uuid → pseudonyms of persons that share the staff member's surname.

    Three reads: the distinct (staff member, pseudonym) pairs of the day, the pseudonyms' person keys and
    those persons' surnames; the comparison (policies.zelfde_achternaam) runs per pair in Python."""
    paren = set(personen.values_list("actor_gebruiker", "betrokkene").distinct())
    if not paren:
        return {}
    sleutels = dict(
        Pseudoniem.objects.filter(pseudoniem__in={p for _, p in paren}).values_list("pseudoniem", "sleutel")
    )
    from zorgvuldig.personen.models import Persoon

    persoon_uuids = {s.removeprefix(PERSOON) for s in sleutels.values() if s.startswith(PERSOON)}
    achternamen = {
        str(u): naam
        for u, naam in Persoon.objects.filter(uuid__in=persoon_uuids).values_list("uuid", "geslachtsnaam")
    }
    namen = dict(
        (str(u), n)
        for u, n in Gebruiker.objects.filter(uuid__in={w for w, _ in paren}).values_list("uuid", "naam")
    )
    uit: dict[str, set[str]] = defaultdict(set)
    for wie, pseudoniem in paren:
        achternaam = achternamen.get(sleutels.get(pseudoniem, "").removeprefix(PERSOON))
        if achternaam and policies.zelfde_achternaam(namen.get(wie, ""), achternaam):
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
