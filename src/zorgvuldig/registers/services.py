"""Writes to the registers."""

from __future__ import annotations

import datetime as dt
import functools
import time

from django.db import transaction

from zorgvuldig.core.clock import now, today
from zorgvuldig.core.errors import DomainError, InvalidParam
from zorgvuldig.registers import policies
from zorgvuldig.registers.catalogus import ACTIVITEITEN, DOELEN
from zorgvuldig.registers.models import Doel, Dpia, Registerversie, Verwerkingsactiviteit


def synchroniseer_catalogus(**_kwargs) -> None:
    """Keep the shipped purposes and activities in the database (post_migrate)."""
    doelen = {}
    for code, omschrijving in DOELEN.items():
        doelen[code], _ = Doel.objects.update_or_create(code=code, defaults={"omschrijving": omschrijving})
    for code, (naam, doel, grondslag, bijzonder, ontvangers, gratis) in ACTIVITEITEN.items():
        Verwerkingsactiviteit.objects.update_or_create(
            code=code,
            defaults={
                "naam": naam,
                "doel": doelen[doel],
                "grondslag": grondslag,
                "bijzondere_categorieen": bijzonder,
                "ontvangers": ontvangers,
                "gratis_direct_aan_minderjarige": gratis,
            },
        )
    _cache.clear()


CACHE_SECONDEN = 60  # an FG's change to the catalogue reaches every process within a minute
_cache: dict[str, tuple[float, tuple[str, str, str] | None]] = {}


def _activiteit(code: str) -> tuple[str, str, str] | None:
    hit = _cache.get(code)
    if hit is not None and time.monotonic() - hit[0] < CACHE_SECONDEN:
        return hit[1]
    row = Verwerkingsactiviteit.objects.filter(code=code, actief=True).select_related("doel").first()
    found = (row.code, row.doel.code, row.grondslag) if row else None
    _cache[code] = (time.monotonic(), found)
    return found


def vergeet_cache() -> None:
    _cache.clear()


def activiteit(code: str | None) -> tuple[str, str, str]:
    """(code, purpose, legal basis) of an active processing activity, or refuse E_NO_PURPOSE (GP-02)."""
    found = _activiteit(code) if code else None
    if found is None:
        raise DomainError(
            "E_NO_PURPOSE", "Deze verwerking heeft geen (actieve) verwerkingsactiviteit (GP-02)."
        )
    return found


# --- Writes of the verwerkingsregister, purposes and DPIAs (GP-02, RG-01, RG-02) ---------------------------
# `audit.services` imports this module for the catalogue look-up above, so it is imported per call here.

ACTIVITEIT = "verantwoording-toezicht"
BEHEREN = "register:beheren"
VERSIE_VELDEN = (
    "gezamenlijke_verantwoordelijken",
    "doelen",
    "categorieen_betrokkenen",
    "categorieen_gegevens",
    "bijzondere_categorieen",
    "ontvangers",
    "bewaartermijn",
    "grondslag",
    "grondslag_toelichting",
    "beveiliging",
    "wijziging",
)
# model field → API name (API §1.1 camelCase); refusals name the API field
VERSIE_API = {
    "gezamenlijke_verantwoordelijken": "gezamenlijkeVerantwoordelijken",
    "doelen": "doelen",
    "categorieen_betrokkenen": "categorieenBetrokkenen",
    "categorieen_gegevens": "categorieenGegevens",
    "bijzondere_categorieen": "bijzondereCategorieen",
    "ontvangers": "ontvangers",
    "bewaartermijn": "bewaartermijn",
    "grondslag": "grondslag",
    "grondslag_toelichting": "grondslagToelichting",
    "beveiliging": "beveiliging",
    "wijziging": "wijziging",
}
DPIA_STAP_VELDEN = tuple(veld for veld, _ in policies.DPIA_STAPPEN)


def _audit():
    from zorgvuldig.audit import services as audit

    return audit


def _geweigerd_gelogd(actie: str):
    """`audit.geweigerd_gelogd` (AU-04), bound per call because of the import cycle."""

    def wrap(fn):
        @functools.wraps(fn)
        def inner(*args, actor, **kwargs):
            return _audit().geweigerd_gelogd(actie, ACTIVITEIT)(fn)(*args, actor=actor, **kwargs)

        return inner

    return wrap


def _log(actor, actie: str, object, velden) -> None:
    _audit().record(actor=actor, actie=actie, activiteit=ACTIVITEIT, object=object, velden=velden)


def _mag_beheren(actor) -> None:
    """Only the FG keeps the registers (API §1.4 `register:beheren`)."""
    if not actor.heeft(BEHEREN):
        raise DomainError("E_AC_NOT_AUTHORISED", "Alleen de FG houdt de registers bij (RG-01, RG-02).")


def _conflict(detail: str) -> DomainError:
    return DomainError("E_STATE_CONFLICT", detail)


# --- purposes (GP-02) ------------------------------------------------------------------------------------


@_geweigerd_gelogd("doel.toegevoegd")
def voeg_doel_toe(*, actor, code: str, omschrijving: str, grondslagen: list[str]) -> Doel:
    """GP-02: the FG extends the closed list of purposes for the own controller, with its legal bases
    (GP-03: a public body cannot choose (f))."""
    _mag_beheren(actor)
    fouten = []
    if Doel.objects.filter(code=code).exists():
        fouten.append(InvalidParam("code", "invalid", "Er is al een verwerkingsdoel met deze code."))
    if not grondslagen:
        fouten.append(InvalidParam("grondslagen", "required", "Kies ten minste één grondslag (GP-03)."))
    org = actor.organisatie
    for letter in grondslagen:
        reden = policies.grondslag_fout(letter, org.type, org.bestuursorgaan)
        if reden:
            fouten.append(InvalidParam("grondslagen", "invalid", reden))
    if fouten:
        raise DomainError("E_INVALID_INPUT", fouten[0].reason, fouten)
    with transaction.atomic():
        doel = Doel.objects.create(
            code=code,
            omschrijving=omschrijving,
            verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id,
            grondslagen="".join(sorted(set(grondslagen))),
        )
        _log(actor, "doel.toegevoegd", doel, ["code", "omschrijving", "grondslagen"])
    vergeet_cache()
    return doel


@_geweigerd_gelogd("doel.verwijderd")
def verwijder_doel(*, actor, uuid) -> None:
    """GP-02: a shipped purpose stays; one the FG added goes while nothing uses it."""
    from zorgvuldig.registers import selectors

    _mag_beheren(actor)
    with transaction.atomic():
        doel = selectors.doel_of_404(actor, uuid)
        reden = policies.doel_verwijder_weigering(
            meegeleverd=doel.verwerkingsverantwoordelijke_id is None,
            in_gebruik=selectors.doel_in_gebruik(doel),
        )
        if reden:
            raise _conflict(reden)
        _log(actor, "doel.verwijderd", doel, ["code"])
        doel.delete()
    vergeet_cache()


# --- register versions (RG-01) ----------------------------------------------------------------------------


def _termijnen() -> dict:
    """This installation's terms for the retention texts: retention.sector_terms (by organisation type's
    name) and the region's vi.archive_months."""
    from django.conf import settings

    from zorgvuldig.organisaties.models import OrganisatieType
    from zorgvuldig.verwijsindex.models import Instellingen

    soorten = dict(OrganisatieType.choices)
    archief = Instellingen.objects.order_by("pk").values_list("archive_months", flat=True).first()
    return {
        "sectortermijnen": {soorten.get(k, k): v for k, v in settings.RETENTION_SECTOR_TERMS.items()},
        "vi_archief_maanden": archief or policies.VI_ARCHIEF_MAANDEN,
    }


def _bewaartermijn_voorstel(activiteit: str) -> str:
    """RG-01: the retention in words with this installation's terms."""
    return policies.bewaartermijn_tekst(activiteit, **_termijnen())


def bewaarregels_in_woorden() -> dict[str, str]:
    """Each retention rule (RT-10) in plain Dutch with this installation's terms, for the retention pages:
    professionals read words, not configuration keys (review)."""
    return policies.bewaartermijnen_in_woorden(**_termijnen())


def voorstel(activiteit: Verwerkingsactiviteit, huidig: Registerversie | None) -> dict:
    """What a new version starts from: the current approved version (its retention in words, should it
    still carry configuration keys), or else the catalogue (purpose, basis, special categories,
    recipients), the retention rules in words and the platform's security measures."""
    if huidig is not None:
        return {veld: getattr(huidig, veld) for veld in VERSIE_VELDEN if veld != "wijziging"} | {
            "bewaartermijn": policies.leesbare_bewaartermijn(huidig.bewaartermijn),
            "wijziging": "",
        }
    return {
        "gezamenlijke_verantwoordelijken": "",
        "doelen": [activiteit.doel.code],
        "categorieen_betrokkenen": "",
        "categorieen_gegevens": "",
        "bijzondere_categorieen": activiteit.bijzondere_categorieen,
        "ontvangers": activiteit.ontvangers,
        "bewaartermijn": _bewaartermijn_voorstel(activiteit.code),
        "grondslag": activiteit.grondslag,
        "grondslag_toelichting": "",
        "beveiliging": policies.BEVEILIGING_PLATFORM,
        "wijziging": "Eerste versie.",
    }


def _controleer_versie(actor, data: dict) -> None:
    """Purposes from the closed list (GP-02), a basis from a–f that the organisation may use (GP-03)."""
    from zorgvuldig.registers import selectors

    fouten = []
    if "doelen" in data:
        bekend = set(selectors.doelen(actor).filter(actief=True).values_list("code", flat=True))
        for code in data["doelen"]:
            if code not in bekend:
                fouten.append(InvalidParam("doelen", "invalid", f"Onbekend verwerkingsdoel: {code} (GP-02)."))
    if data.get("grondslag"):
        org = actor.organisatie
        reden = policies.grondslag_fout(data["grondslag"], org.type, org.bestuursorgaan)
        if reden:
            fouten.append(InvalidParam("grondslag", "invalid", reden))
    if fouten:
        raise DomainError("E_INVALID_INPUT", fouten[0].reason, fouten)


@_geweigerd_gelogd("registerversie.opgesteld")
def maak_versie(*, actor, activiteit_uuid, data: dict) -> Registerversie:
    """RG-01: a change is a new version, a concept until the FG approves it. It starts from the current
    approved version (or the catalogue); `data` overrides. One concept at a time."""
    from zorgvuldig.registers import selectors

    _mag_beheren(actor)
    with transaction.atomic():
        activiteit = selectors.activiteit_of_404(actor, activiteit_uuid)
        vv = actor.verwerkingsverantwoordelijke_id
        # one writer per activity at a time: two concurrent new versions would get the same number
        Verwerkingsactiviteit.objects.select_for_update().filter(pk=activiteit.pk).first()
        bestaand = Registerversie.objects.filter(
            verwerkingsverantwoordelijke_id=vv, verwerkingsactiviteit=activiteit
        )
        if bestaand.filter(status=Registerversie.Status.CONCEPT).exists():
            raise _conflict("Er is al een conceptversie; wijzig die of laat de FG haar goedkeuren (RG-01).")
        _controleer_versie(actor, data)
        waarden = voorstel(activiteit, selectors.huidige_versie(actor, activiteit)) | {
            k: v for k, v in data.items() if k in VERSIE_VELDEN
        }
        nummer = (bestaand.order_by("-versie").values_list("versie", flat=True).first() or 0) + 1
        versie = Registerversie.objects.create(
            verwerkingsverantwoordelijke_id=vv,
            verwerkingsactiviteit=activiteit,
            versie=nummer,
            opgesteld_door=actor.gebruiker,
            **waarden,
        )
        _log(actor, "registerversie.opgesteld", versie, sorted(waarden))
    return versie


@_geweigerd_gelogd("registerversie.gewijzigd")
def wijzig_versie(*, actor, activiteit_uuid, versie_uuid, data: dict) -> Registerversie:
    """RG-01: only a concept is edited; an approved version never changes."""
    from zorgvuldig.registers import selectors

    _mag_beheren(actor)
    with transaction.atomic():
        activiteit = selectors.activiteit_of_404(actor, activiteit_uuid)
        versie = Registerversie.objects.select_for_update().get(
            pk=selectors.versie_of_404(actor, activiteit, versie_uuid).pk
        )
        if not policies.versie_bewerkbaar(versie.status):
            raise _conflict(
                "Een goedgekeurde versie wordt niet meer gewijzigd; maak een nieuwe versie (RG-01)."
            )
        _controleer_versie(actor, data)
        velden = sorted(k for k in data if k in VERSIE_VELDEN)
        for veld in velden:
            setattr(versie, veld, data[veld])
        versie.save(update_fields=[*velden, "gewijzigd"])
        _log(actor, "registerversie.gewijzigd", versie, velden)
    return versie


@_geweigerd_gelogd("registerversie.goedgekeurd")
def keur_versie_goed(*, actor, activiteit_uuid, versie_uuid) -> Registerversie:
    """RG-01: the FG approves a complete concept; it becomes the current entry, the older approved
    versions stay as they were."""
    from zorgvuldig.registers import selectors

    _mag_beheren(actor)
    with transaction.atomic():
        activiteit = selectors.activiteit_of_404(actor, activiteit_uuid)
        versie = Registerversie.objects.select_for_update().get(
            pk=selectors.versie_of_404(actor, activiteit, versie_uuid).pk
        )
        if not policies.versie_bewerkbaar(versie.status):
            raise _conflict("Deze versie is al goedgekeurd (RG-01).")
        ontbrekend = policies.ontbrekende_onderdelen({v: getattr(versie, v) for v in VERSIE_VELDEN})
        zonder_bepaling = policies.wettelijke_bepaling_fout(versie.grondslag, versie.grondslag_toelichting)
        if ontbrekend or zonder_bepaling:
            namen = dict(policies.REGISTER_ONDERDELEN)
            fouten = [
                InvalidParam(VERSIE_API[v], "required", f"Vul {namen[v]} in (RG-01).") for v in ontbrekend
            ]
            delen = []
            if ontbrekend:
                delen.append(
                    "Vul eerst alle onderdelen van het verwerkingsregister in (RG-01): "
                    + ", ".join(namen[v] for v in ontbrekend)
                    + "."
                )
            if zonder_bepaling:
                fouten.append(InvalidParam(VERSIE_API["grondslag_toelichting"], "required", zonder_bepaling))
                delen.append(zonder_bepaling)
            raise DomainError("E_INVALID_INPUT", " ".join(delen), fouten)
        versie.status = Registerversie.Status.GOEDGEKEURD
        versie.goedgekeurd_door = actor.gebruiker
        versie.goedgekeurd_op = now()
        versie.save(update_fields=["status", "goedgekeurd_door", "goedgekeurd_op", "gewijzigd"])
        _log(actor, "registerversie.goedgekeurd", versie, ["status", "goedgekeurd_door", "goedgekeurd_op"])
    return versie


# --- the register for the Autoriteit Persoonsgegevens (GDPR art 30(4), RG-01) -------------------------------


@_geweigerd_gelogd("verwerkingsregister.geexporteerd")
def exporteer_register(*, actor) -> dict:
    """GDPR art 30(4): the FG hands the controller's current approved register to the Autoriteit
    Persoonsgegevens on request. In words (purposes' descriptions, the basis' name, retention without
    configuration keys), with the controller and its FG (art 30(1)(a)); `policies.export_csv` makes the CSV.
    The export is audited in the same transaction."""
    from zorgvuldig.registers import selectors

    _mag_beheren(actor)
    vv = actor.organisatie.verwerkingsverantwoordelijke
    with transaction.atomic():
        doelen = {d.code: d.omschrijving for d in selectors.doelen(actor)}
        rijen = [
            policies.export_rij(
                naam=a.naam,
                code=a.code,
                versie=v.versie,
                goedgekeurd_op=today(v.goedgekeurd_op) if v.goedgekeurd_op else None,
                doelen=[doelen.get(c, c) for c in v.doelen or []],
                grondslag=v.grondslag,
                bepaling=v.grondslag_toelichting,
                betrokkenen=v.categorieen_betrokkenen,
                gegevens=v.categorieen_gegevens,
                bijzonder=v.bijzondere_categorieen,
                ontvangers=v.ontvangers,
                bewaartermijn=v.bewaartermijn,
                beveiliging=v.beveiliging,
                gezamenlijk=v.gezamenlijke_verantwoordelijken,
                dpia_status=a.dpia_status,
            )
            for a, v in selectors.goedgekeurd_register(actor)
        ]
        _log(actor, "verwerkingsregister.geexporteerd", vv, [s for s, _ in policies.EXPORT_KOLOMMEN])
    return {
        "verwerkingsverantwoordelijke": {
            "naam": vv.naam,
            "fg": {"naam": vv.fg_naam, "email": vv.fg_email, "telefoon": vv.fg_telefoon},
        },
        "opgesteldOp": now(),
        "aantal": len(rijen),
        "verwerkingen": rijen,
    }


def export_bestandsnaam(actor, formaat: str) -> str:
    vv = actor.organisatie.verwerkingsverantwoordelijke
    return f"verwerkingsregister-{vv.code}-{today():%Y-%m-%d}.{formaat}"


def register_als_csv(export: dict) -> str:
    """The export of `exporteer_register` as the CSV for the AP."""
    vv = export["verwerkingsverantwoordelijke"]
    return policies.export_csv(
        verwerkingsverantwoordelijke=vv["naam"],
        fg=policies.fg_in_woorden(vv["fg"]["naam"], vv["fg"]["email"], vv["fg"]["telefoon"]),
        rijen=export["verwerkingen"],
    )


# --- DPIA (RG-02) -----------------------------------------------------------------------------------------


def _dpia_voor_update(actor, uuid) -> Dpia:
    from zorgvuldig.registers import selectors

    return Dpia.objects.select_for_update().get(pk=selectors.dpia_of_404(actor, uuid).pk)


def _dpia_overgang(dpia: Dpia, naar: str) -> None:
    if not policies.dpia_overgang_toegestaan(dpia.status, naar):
        raise _conflict(f"Een DPIA met status {dpia.status} kan niet naar {naar} (RG-02).")


@_geweigerd_gelogd("dpia.opgesteld")
def maak_dpia(*, actor, activiteit_uuid, stappen: dict) -> Dpia:
    """RG-02: one DPIA per processing activity of the controller, written in four steps."""
    from zorgvuldig.registers import selectors

    _mag_beheren(actor)
    with transaction.atomic():
        activiteit = selectors.activiteit_of_404(actor, activiteit_uuid)
        if selectors.dpia_van(actor, activiteit) is not None:
            raise _conflict("Er is al een DPIA voor deze verwerkingsactiviteit; herzie die (RG-02).")
        dpia = Dpia.objects.create(
            verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id,
            verwerkingsactiviteit=activiteit,
            **{k: v for k, v in stappen.items() if k in DPIA_STAP_VELDEN},
        )
        _log(actor, "dpia.opgesteld", dpia, ["verwerkingsactiviteit", *sorted(stappen)])
    return dpia


@_geweigerd_gelogd("dpia.gewijzigd")
def wijzig_dpia(*, actor, uuid, stappen: dict) -> Dpia:
    """RG-02: the steps are written while the DPIA is a concept or under review."""
    _mag_beheren(actor)
    with transaction.atomic():
        dpia = _dpia_voor_update(actor, uuid)
        if not policies.dpia_bewerkbaar(dpia.status):
            raise _conflict(
                f"Een DPIA met status {dpia.status} wordt niet gewijzigd; start eerst een herziening (RG-02)."
            )
        velden = sorted(k for k in stappen if k in DPIA_STAP_VELDEN)
        for veld in velden:
            setattr(dpia, veld, stappen[veld])
        dpia.save(update_fields=[*velden, "gewijzigd"])
        _log(actor, "dpia.gewijzigd", dpia, velden)
    return dpia


@_geweigerd_gelogd("dpia.geadviseerd")
def adviseer_dpia(*, actor, uuid, advies: str) -> Dpia:
    """RG-02: the FG advises on a DPIA whose four steps are all filled."""
    _mag_beheren(actor)
    with transaction.atomic():
        dpia = _dpia_voor_update(actor, uuid)
        _dpia_overgang(dpia, policies.GEADVISEERD)
        fouten = [
            InvalidParam(veld, "required", f"Stap {omschrijving} is nog leeg (RG-02).")
            for veld, omschrijving in policies.DPIA_STAPPEN
            if veld in policies.ontbrekende_stappen({v: getattr(dpia, v) for v in DPIA_STAP_VELDEN})
        ]
        if not advies.strip():
            fouten.append(InvalidParam("advies", "required", "Schrijf het advies van de FG (RG-02)."))
        if fouten:
            raise DomainError(
                "E_INVALID_INPUT", "De FG adviseert pas als alle vier stappen zijn ingevuld (RG-02).", fouten
            )
        dpia.status = policies.GEADVISEERD
        dpia.fg_advies = advies
        dpia.geadviseerd_door = actor.gebruiker
        dpia.geadviseerd_op = now()
        dpia.save(update_fields=["status", "fg_advies", "geadviseerd_door", "geadviseerd_op", "gewijzigd"])
        _log(actor, "dpia.geadviseerd", dpia, ["status", "fg_advies"])
    return dpia


@_geweigerd_gelogd("dpia.goedgekeurd")
def keur_dpia_goed(
    *,
    actor,
    uuid,
    besluit_door: str,
    besluitdatum: dt.date | None = None,
    herziendatum: dt.date | None = None,
) -> Dpia:
    """RG-02: the FG records the controller's decision (who decided, when) and the next periodic review
    (default three years later)."""
    _mag_beheren(actor)
    vandaag = today()
    besluitdatum = besluitdatum or vandaag
    herziendatum = herziendatum or policies.standaard_herziendatum(besluitdatum)
    with transaction.atomic():
        dpia = _dpia_voor_update(actor, uuid)
        _dpia_overgang(dpia, policies.DPIA_GOEDGEKEURD)
        fouten = [
            InvalidParam(k, "invalid", v)
            for k, v in policies.besluit_fouten(
                besluitdatum,
                herziendatum,
                vandaag,
                today(dpia.geadviseerd_op) if dpia.geadviseerd_op else None,
            ).items()
        ]
        if not besluit_door.strip():
            fouten.append(
                InvalidParam("besluitDoor", "required", "Wie besloot namens de verwerkingsverantwoordelijke?")
            )
        if fouten:
            raise DomainError("E_INVALID_INPUT", fouten[0].reason, fouten)
        dpia.status = policies.DPIA_GOEDGEKEURD
        dpia.besluit_door = besluit_door
        dpia.besluitdatum = besluitdatum
        dpia.herziendatum = herziendatum
        dpia.vastgelegd_door = actor.gebruiker
        velden = ["status", "besluit_door", "besluitdatum", "herziendatum", "vastgelegd_door"]
        dpia.save(update_fields=[*velden, "gewijzigd"])
        _log(actor, "dpia.goedgekeurd", dpia, velden)
    return dpia


@_geweigerd_gelogd("dpia.herzien")
def herzie_dpia(*, actor, uuid) -> Dpia:
    """RG-02: a review reopens an approved DPIA; the FG advises again on the result."""
    _mag_beheren(actor)
    with transaction.atomic():
        dpia = _dpia_voor_update(actor, uuid)
        _dpia_overgang(dpia, policies.IN_HERZIENING)
        dpia.status = policies.IN_HERZIENING
        dpia.save(update_fields=["status", "gewijzigd"])
        _log(actor, "dpia.herzien", dpia, ["status"])
    return dpia
