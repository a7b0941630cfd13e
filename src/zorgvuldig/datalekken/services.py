"""Writes of the data-breach register (RG-03): record, correct, assess, decide, record that the data
subjects were informed (GDPR art 34), close; the affected-persons analysis (counts stored); the clock's
e-mail alerts to the FG.

Only the FG of the controller writes (`register:beheren`); every act is audited in its transaction
(AU-01) and a refusal changes nothing and is audited too (AU-04). States move only along
`policies.TRANSITIES`; a second decision is a state conflict (409).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from zorgvuldig.audit import services as audit
from zorgvuldig.core import crypto, tenancy
from zorgvuldig.core.clock import AMSTERDAM, now, today
from zorgvuldig.core.errors import DomainError, InvalidParam
from zorgvuldig.datalekken import policies, selectors
from zorgvuldig.datalekken.models import Datalek

ACTIVITEIT = "datalekken"
TEKSTVELDEN = ("omschrijving", "gegevens", "betrokkenen", "maatregelen")
VELDEN = (*TEKSTVELDEN, "ontdekt_op", "aantal_betrokkenen", "risico", "melder", "module", "afbakening")


def _fouten(fouten: list[policies.Fout], detail: str) -> None:
    if fouten:
        raise DomainError(
            fouten[0].code,
            detail,
            [
                InvalidParam(f.veld, "required" if "verplicht" in f.reden else "invalid", f.reden)
                for f in fouten
            ],
        )


def _fg(actor) -> None:
    """The FG of the controller keeps the register (SPEC §12 "Visible"); a service is never the weak door."""
    if actor.is_systeem or not selectors.is_fg(actor):
        raise DomainError(
            "E_AC_NOT_AUTHORISED",
            "Alleen de FG van de verwerkingsverantwoordelijke houdt het datalekkenregister bij (RG-03).",
        )


def _eigen(actor, uuid) -> Datalek:
    """The breach of the FG's own controller, locked; anything else answers like missing."""
    rij = selectors.lees_of_404(actor, uuid)
    _fg(actor)
    return Datalek.objects.select_for_update().get(pk=rij.pk)


def _naar(rij: Datalek, naar: str) -> None:
    if not policies.mag_overgaan(rij.status, naar):
        raise DomainError(
            "E_STATE_CONFLICT",
            f"Een datalek met status '{rij.status}' kan niet naar '{naar}' (RG-03: ontdekt → beoordeeld → "
            "gemeld of niet_gemeld → gesloten).",
        )
    rij.status = naar


def _tekst(rij: Datalek, wijzigingen: dict) -> None:
    huidig = selectors.inhoud(rij) if rij.inhoud_versleuteld else {}
    nieuw = {**huidig, **{k: (v or "").strip() for k, v in wijzigingen.items()}}
    rij.inhoud_versleuteld = crypto.versleutel(rij, "inhoud", nieuw)


def _zet(actor, rij: Datalek, data: dict) -> list[str]:
    """Apply the facts (create and PATCH); returns the changed field names. Raises on invalid input."""
    fouten: list[policies.Fout] = []
    if "ontdekt_op" in data:
        fouten += policies.ontdekt_fouten(data["ontdekt_op"], now())
    if data.get("risico"):
        fouten += policies.beoordeling_fouten(data["risico"])
    if "module" in data:
        fouten += policies.module_fouten(data["module"] or "")
    if "afbakening" in data and data["afbakening"] is not None:
        a = data["afbakening"]
        fouten += policies.afbakening_fouten(
            a.get("account"), a.get("vanaf"), a.get("tot"), a.get("ontvanger")
        )
        account = a.get("account")
        if (
            account is not None
            and account.organisatie.verwerkingsverantwoordelijke_id != rij.verwerkingsverantwoordelijke_id
        ):
            fouten.append(
                policies.Fout(
                    "E_INVALID_INPUT",
                    "afbakening.account",
                    "Kies een account van uw eigen verwerkingsverantwoordelijke.",
                )
            )
    _fouten(fouten, "Het datalek is zo niet vast te leggen (RG-03).")
    gewijzigd = []
    tekst = {k: data[k] for k in TEKSTVELDEN if k in data}
    if tekst:
        _tekst(rij, tekst)
        gewijzigd += list(tekst)
    for veld in ("ontdekt_op", "aantal_betrokkenen", "risico", "melder", "module"):
        if veld in data:
            setattr(rij, veld, data[veld] if veld not in ("risico", "module") else (data[veld] or ""))
            gewijzigd.append(veld)
    if "afbakening" in data:
        a = data["afbakening"] or {}
        rij.afbakening_account = a.get("account")
        rij.afbakening_vanaf = a.get("vanaf")
        rij.afbakening_tot = a.get("tot")
        rij.afbakening_ontvanger = a.get("ontvanger")
        rij.analyse = {}  # counts of another scope no longer apply
        gewijzigd.append("afbakening")
    return gewijzigd


def _melder_volgens_regeling(rij: Datalek) -> int:
    """RG-05: the arrangement in force on the day of discovery (Europe/Amsterdam) for the module."""
    from zorgvuldig.convenanten.selectors import melder_datalekken

    regeling = melder_datalekken(
        rij.verwerkingsverantwoordelijke_id, rij.module, rij.ontdekt_op.astimezone(AMSTERDAM).date()
    )
    return policies.melder(
        None, rij.module, regeling.pk if regeling is not None else None, rij.verwerkingsverantwoordelijke_id
    )


def _log(actor, actie: str, rij: Datalek, velden, **extra) -> None:
    """No data subject: the register names no person (the analysis audits its own read)."""
    audit.record(actor=actor, actie=actie, activiteit=ACTIVITEIT, object=rij, velden=sorted(velden), **extra)


@audit.geweigerd_gelogd("datalek.geregistreerd", ACTIVITEIT)
def registreer(*, actor, data: dict) -> Datalek:
    """RG-03: record a breach — discovery time (required, not in the future), description, data and
    persons affected, risk, measures, the shared module it happened in, who notifies (RG-05: the FG's
    choice; else for a module the controller its joint-controller arrangement names on the day of
    discovery; else the own controller), its scope."""
    _fg(actor)
    tenancy.activeer(actor)
    with transaction.atomic():
        rij = Datalek(
            verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id,
            organisatie=actor.organisatie,
            status=policies.ONTDEKT,
            aangemaakt_door=actor.gebruiker,
            melder_id=actor.verwerkingsverantwoordelijke_id,
        )
        data = {**data}
        if data.get("melder") is None:
            data.pop("melder", None)
        data.setdefault("ontdekt_op", None)
        _zet(actor, rij, data)
        rij.melder_gekozen = "melder" in data
        if "melder" not in data and rij.module:
            rij.melder_id = _melder_volgens_regeling(rij)
            data["melder"] = rij.melder_id  # audited as set
        if not rij.inhoud_versleuteld:
            _tekst(rij, {})
        rij.save()
        _log(actor, "datalek.geregistreerd", rij, [k for k in data if k in VELDEN])
    return rij


@audit.geweigerd_gelogd("datalek.gewijzigd", ACTIVITEIT)
def wijzig(*, actor, uuid, data: dict) -> Datalek:
    """Facts may be corrected until the decision (status ontdekt or beoordeeld)."""
    with transaction.atomic():
        rij = _eigen(actor, uuid)
        if rij.status not in policies.WIJZIGBAAR:
            raise DomainError(
                "E_STATE_CONFLICT", "Na het besluit liggen de gegevens van het datalek vast (RG-03)."
            )
        if "melder" in data and data["melder"] is None:
            data = {k: v for k, v in data.items() if k != "melder"}
        if "ontdekt_op" in data and data["ontdekt_op"] is None:
            _fouten(policies.ontdekt_fouten(None, now()), "Het datalek is zo niet vast te leggen (RG-03).")
        gewijzigd = _zet(actor, rij, data)
        if "melder" in data:
            rij.melder_gekozen = True
        elif not rij.melder_gekozen and ("module" in data or "ontdekt_op" in data):
            # RG-05: the default follows the corrected facts, as at registration
            standaard = _melder_volgens_regeling(rij)
            if standaard != rij.melder_id:
                rij.melder_id = standaard
                gewijzigd.append("melder")
        rij.save()
        _log(actor, "datalek.gewijzigd", rij, gewijzigd)
    return rij


@audit.geweigerd_gelogd("datalek.beoordeeld", ACTIVITEIT)
def beoordeel(*, actor, uuid, risico: str | None = None, maatregelen: str | None = None) -> Datalek:
    """ontdekt → beoordeeld: the risk for the data subjects is fixed (geen / risico / hoog_risico)."""
    with transaction.atomic():
        rij = _eigen(actor, uuid)
        _naar(rij, policies.BEOORDEELD)
        risico = risico or rij.risico
        _fouten(policies.beoordeling_fouten(risico), "Beoordeel eerst het risico (RG-03).")
        rij.risico = risico
        if maatregelen is not None:
            _tekst(rij, {"maatregelen": maatregelen})
        rij.beoordeeld_op = now()
        rij.save()
        _log(
            actor,
            "datalek.beoordeeld",
            rij,
            ["risico", "status"] + (["maatregelen"] if maatregelen is not None else []),
        )
    return rij


@audit.geweigerd_gelogd("datalek.besloten", ACTIVITEIT)
def besluit(
    *,
    actor,
    uuid,
    melden: bool,
    betrokkenen_informeren: bool,
    reden: str = "",
    gemeld_op: dt.datetime | None = None,
    ap_kenmerk: str = "",
) -> Datalek:
    """beoordeeld → gemeld | niet_gemeld (GDPR art 33–34). A reason is required when not notifying the
    AP, when not informing data subjects of a high risk, and when notifying after 72 hours. The clock
    stops here. A second decision is a state conflict."""
    with transaction.atomic():
        rij = _eigen(actor, uuid)
        _naar(rij, policies.na_besluit(melden))
        nu = now()
        moment = (gemeld_op or nu) if melden else None
        _fouten(
            policies.besluit_fouten(
                risico=rij.risico,
                melden=melden,
                informeren=betrokkenen_informeren,
                reden=reden,
                ontdekt_op=rij.ontdekt_op,
                gemeld_op=moment,
                nu=nu,
                uren=settings.BREACH_NOTIFY_HOURS,
            ),
            "Het besluit over melden is onvolledig (RG-03).",
        )
        rij.melden, rij.betrokkenen_informeren = melden, betrokkenen_informeren
        rij.besloten_op, rij.gemeld_op = nu, moment
        rij.ap_kenmerk = (ap_kenmerk or "").strip() if melden else ""
        _tekst(rij, {"reden": reden})
        rij.save()
        _log(
            actor,
            "datalek.besloten",
            rij,
            ["melden", "betrokkenen_informeren", "reden", "gemeld_op", "ap_kenmerk", "status"],
        )
    return rij


@audit.geweigerd_gelogd("datalek.betrokkenen_geinformeerd", ACTIVITEIT)
def informeer(
    *, actor, uuid, datum: dt.date | None, wijze: str, aantal: int | None, toelichting: str = ""
) -> Datalek:
    """GDPR art 34: record that the data subjects were informed — the day (not in the future, not before
    the discovery day), the means (`policies.INFORMEER_WIJZEN`), how many persons, an optional short note
    (encrypted). After the decision (gemeld | niet_gemeld; also after a decision not to inform, as the AP
    may still require it) and before closing, once; the status does not change."""
    with transaction.atomic():
        rij = _eigen(actor, uuid)
        fout = policies.informeren_staat_fout(rij.status, rij.geinformeerd_op is not None)
        if fout:
            raise DomainError("E_STATE_CONFLICT", fout)
        toelichting = (toelichting or "").strip()
        _fouten(
            policies.informeren_fouten(
                datum=datum,
                wijze=wijze,
                aantal=aantal,
                toelichting=toelichting,
                ontdekt_op_dag=rij.ontdekt_op.astimezone(AMSTERDAM).date(),
                vandaag=today(),
            ),
            "Het informeren van de betrokkenen is zo niet vast te leggen (RG-03).",
        )
        rij.geinformeerd_op, rij.informeren_wijze, rij.aantal_geinformeerd = datum, wijze, aantal
        _tekst(rij, {"informeren_toelichting": toelichting})
        rij.save()
        _log(
            actor,
            "datalek.betrokkenen_geinformeerd",
            rij,
            ["geinformeerd_op", "informeren_wijze", "aantal_geinformeerd"]
            + (["informeren_toelichting"] if toelichting else []),
        )
    return rij


@audit.geweigerd_gelogd("datalek.gesloten", ACTIVITEIT)
def sluit(*, actor, uuid) -> Datalek:
    """gemeld | niet_gemeld → gesloten; when the decision was to inform the data subjects, only once that
    is recorded (`informeer`)."""
    with transaction.atomic():
        rij = _eigen(actor, uuid)
        _naar(rij, policies.GESLOTEN)
        fout = policies.sluiten_fout(rij.betrokkenen_informeren, rij.geinformeerd_op is not None)
        if fout:
            raise DomainError("E_STATE_CONFLICT", fout)
        rij.gesloten_op = now()
        rij.save()
        _log(actor, "datalek.gesloten", rij, ["status"])
    return rij


@audit.geweigerd_gelogd("datalek.geanalyseerd", ACTIVITEIT)
def analyseer(*, actor, uuid) -> selectors.Getroffen:
    """ "Fed by the system": the persons, records and recipients within the breach's scope (selectors.
    getroffen). Only the FG of the breach's controller; it reads personal data, so the read is audited with
    every person found as subject (AU-01, RI-17). Only the counts are stored on the breach."""
    with transaction.atomic():
        rij = _eigen(actor, uuid)
        _fouten(
            policies.afbakening_fouten(
                rij.afbakening_account, rij.afbakening_vanaf, rij.afbakening_tot, rij.afbakening_ontvanger
            ),
            "Leg eerst de afbakening van het datalek vast (RG-03).",
        )
        uitkomst = selectors.getroffen(actor, rij)
        rij.analyse = {**uitkomst.tellingen(), "op": now().isoformat()}
        rij.save(update_fields=["analyse", "gewijzigd"])
        _log_analyse(actor, rij, uitkomst)
    return uitkomst


def _log_analyse(actor, rij: Datalek, uitkomst: selectors.Getroffen) -> None:
    from zorgvuldig.personen.models import Persoon

    personen = list(Persoon.objects.filter(pk__in=[p["id"] for p in uitkomst.personen]).only("uuid"))
    _log(
        actor,
        "datalek.geanalyseerd",
        rij,
        ["personen", "records", "ontvangers"],
        betrokkenen=personen,
        koppeling={k: v for k, v in uitkomst.tellingen().items()},
    )


# --- the clock's alerts (RG-03) ---------------------------------------------------------------------------


def mail_fg(vv, *, onderwerp: str, tekst: str, sleutel: str) -> int:
    """E-mail the controller's FG(s) through the outbox, inside the caller's transaction; one message per
    address, keyed `<sleutel>:<address>` so a retry places nothing twice. Returns the number of addresses.
    Shared by the breach clock (RG-03) and the access-pattern alerts (RP-06); the caller keeps personal
    data out of `onderwerp` and `tekst`."""
    from zorgvuldig.berichten.services import plaats_email

    ontvangers = selectors.fg_ontvangers(vv)
    for adres, gebruiker in ontvangers:
        plaats_email(
            aan=adres, onderwerp=onderwerp, tekst=tekst, sleutel=f"{sleutel}:{adres}", gebruiker=gebruiker
        )
    return len(ontvangers)


def _bericht(rij: Datalek, markering: int) -> tuple[str, str]:
    """No personal data: a short reference, the deadline and a link (the page checks who may see it)."""
    deadline = policies.deadline(rij.ontdekt_op, settings.BREACH_NOTIFY_HOURS).astimezone(AMSTERDAM)
    kort = str(rij.uuid)[:8]
    link = settings.BASE_URL.rstrip("/") + reverse("ui:datalek", args=[rij.uuid])
    if markering >= settings.BREACH_NOTIFY_HOURS:
        onderwerp = f"Datalek {kort}: de meldtermijn van {settings.BREACH_NOTIFY_HOURS} uur is verstreken"
        stand = "De termijn om het datalek bij de Autoriteit Persoonsgegevens te melden is verstreken."
    else:
        onderwerp = f"Datalek {kort}: {markering} uur na ontdekking nog geen besluit"
        stand = f"Het datalek is {markering} uur geleden ontdekt en er is nog geen besluit over melden."
    tekst = (
        f"{stand}\n\nUiterste meldmoment: {deadline:%d-%m-%Y %H:%M} (Nederlandse tijd).\n"
        f"Bekijk het datalek: {link}\n"
    )
    return onderwerp, tekst


def waarschuw(nu: dt.datetime | None = None) -> int:
    """For every undecided breach past the 24 h, 48 h or 72 h mark, e-mail the controller's FG(s) once per
    mark through the outbox (the marks sent are kept on the row; the outbox key makes a retry harmless).
    The clock itself is derived at read time; this job only reminds."""
    from zorgvuldig.core.context import Actor

    nu = nu or now()
    verstuurd = 0
    grens = nu - dt.timedelta(hours=min(policies.WAARSCHUWINGSUREN))
    with tenancy.systeem():
        kandidaten = list(
            Datalek.objects.filter(status__in=policies.OPEN, ontdekt_op__lte=grens).values_list(
                "pk", flat=True
            )
        )
        for pk in kandidaten:
            with transaction.atomic():
                rij = (
                    Datalek.objects.select_for_update()
                    .select_related("verwerkingsverantwoordelijke")
                    .get(pk=pk)
                )
                nieuw = policies.te_versturen(
                    rij.ontdekt_op, rij.status, rij.waarschuwingen, nu, settings.BREACH_NOTIFY_HOURS
                )
                if not nieuw:
                    continue
                ontvangers = 0
                for markering in nieuw:
                    onderwerp, tekst = _bericht(rij, markering)
                    ontvangers = mail_fg(
                        rij.verwerkingsverantwoordelijke,
                        onderwerp=onderwerp,
                        tekst=tekst,
                        sleutel=f"datalek:{rij.uuid}:{markering}",
                    )
                    verstuurd += 1
                rij.waarschuwingen = sorted({*rij.waarschuwingen, *nieuw})
                rij.save(update_fields=["waarschuwingen"])
                audit.record(
                    actor=Actor.systeem(),
                    actie="datalek.gewaarschuwd",
                    activiteit=ACTIVITEIT,
                    object=rij,
                    velden=["waarschuwingen"],
                    koppeling={"markeringen": list(nieuw), "ontvangers": ontvangers},
                    verwerkingsverantwoordelijke=str(rij.verwerkingsverantwoordelijke.uuid),
                )
    return verstuurd
