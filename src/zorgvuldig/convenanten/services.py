"""Writes on convenants (RG-04), their joint-controller arrangement (RG-05), accessions (RG-04, VI-25) and
processor agreements (RG-06). The REST operations and the UI pages call these; each write is audited in
its own transaction, a refusal changes nothing and is audited too (AU-04).

A convenant is regional: it is no single controller's (joint controllership, AC-15), so every FG and
beheerder of the region sees the same convenants. A processor agreement belongs to one controller."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from zorgvuldig.audit import services as audit
from zorgvuldig.convenanten import policies
from zorgvuldig.convenanten.models import (
    INHOUD_VELDEN,
    REGELING_VELDEN,
    Convenant,
    Toetreding,
    Verwerkersovereenkomst,
)
from zorgvuldig.core.clock import today
from zorgvuldig.core.errors import DomainError, InvalidParam, NotFound

ACTIVITEIT = "beheer-platform"  # convenants and accessions: configuration of the region
ACTIVITEIT_REGISTER = "verantwoording-toezicht"  # the agreements register: the controller's accountability


def _ongeldig(naam: str, reden: str, code: str = "invalid") -> DomainError:
    return DomainError("E_INVALID_INPUT", reden, [InvalidParam(naam, code, reden)])


# --- convenants (RG-04) and the arrangement (RG-05) ----------------------------------------------------


def _vrije_code(naam: str) -> str:
    basis = (slugify(naam) or "convenant")[:56]
    code, n = basis, 1
    while Convenant.objects.filter(code=code).exists():
        n += 1
        code = f"{basis}-{n}"
    return code


def _melder(uuid) -> Any:
    from zorgvuldig.organisaties.models import Verwerkingsverantwoordelijke

    if uuid is None:
        return None
    melder = Verwerkingsverantwoordelijke.objects.filter(uuid=uuid).first()
    if melder is None:
        raise _ongeldig(
            "gezamenlijkeVerantwoordelijkheid.melderDatalekken", "Onbekende verwerkingsverantwoordelijke."
        )
    return melder


def _zet(convenant: Convenant, data: dict) -> list[str]:
    """Apply `naam`, `inhoud` {RG-04 key: text} and `regeling` {RG-05 key: value} (each optional, merged);
    return the fields that changed."""
    velden: list[str] = []

    def zet(veld: str, waarde) -> None:
        if getattr(convenant, veld) != waarde:
            setattr(convenant, veld, waarde)
            velden.append(veld)

    if "naam" in data:
        if not (data["naam"] or "").strip():
            raise _ongeldig("naam", "Geef het convenant een naam.", "required")
        zet("naam", data["naam"].strip())
    for sleutel, waarde in (data.get("inhoud") or {}).items():
        zet(INHOUD_VELDEN[sleutel], waarde or "")
    regeling = data.get("regeling") or {}
    if "modules" in regeling:
        modules = list(dict.fromkeys(regeling["modules"] or []))
        if policies.onbekende_modules(modules):
            raise _ongeldig("gezamenlijkeVerantwoordelijkheid.modules", "Onbekende module.")
        zet("gv_modules", modules)
    for sleutel, veld in REGELING_VELDEN.items():
        if sleutel in regeling:
            zet(veld, regeling[sleutel] or "")
    if "melderDatalekken" in regeling:
        melder = _melder(regeling["melderDatalekken"])
        if convenant.gv_melder_datalekken_id != (melder.pk if melder else None):
            convenant.gv_melder_datalekken = melder
            velden.append("gv_melder_datalekken")
    return velden


@audit.geweigerd_gelogd("convenant.aangemaakt", ACTIVITEIT)
def maak_convenant(*, actor, data: dict) -> Convenant:
    """RG-04: a new convenant is a `concept`; the items may be filled in later."""
    code = data.get("code") or _vrije_code(data.get("naam") or "")
    if Convenant.objects.filter(code=code).exists():
        raise _ongeldig("code", "Er is al een convenant met deze code.")
    convenant = Convenant(code=code, naam="")
    with transaction.atomic():
        velden = _zet(convenant, {**data, "naam": data.get("naam", "")})
        try:
            with transaction.atomic():
                convenant.save()
        except IntegrityError as exc:  # the same code, created at the same moment
            raise _ongeldig("code", "Er is al een convenant met deze code.") from exc
        audit.record(
            actor=actor,
            actie="convenant.aangemaakt",
            activiteit=ACTIVITEIT,
            object=convenant,
            velden=["code", *velden],
        )
    return convenant


@audit.geweigerd_gelogd("convenant.gewijzigd", ACTIVITEIT)
def wijzig_convenant(*, actor, uuid, data: dict) -> Convenant:
    """RG-04: name and items only while `concept`; RG-05's arrangement also while `actief`."""
    with transaction.atomic():
        convenant = Convenant.objects.select_for_update().filter(uuid=uuid).first()
        if convenant is None:
            raise NotFound()
        alleen_regeling = not ({"naam", "inhoud"} & set(data))
        if not policies.wijziging_toegestaan(convenant.status, alleen_regeling=alleen_regeling):
            fout = DomainError(
                "E_STATE_CONFLICT",
                "Een convenant wijzigt alleen als concept; de regeling gezamenlijke verantwoordelijkheid "
                f"ook als het actief is. Dit convenant is {convenant.get_status_display().lower()} "
                "(RG-04, RG-05).",
            )
            fout.audit_object = convenant  # type: ignore[attr-defined]
            raise fout
        velden = _zet(convenant, data)
        if velden:
            convenant.save()
            audit.record(
                actor=actor,
                actie="convenant.gewijzigd",
                activiteit=ACTIVITEIT,
                object=convenant,
                velden=velden,
            )
    return convenant


def _overgang(*, actor, convenant: Convenant, naar: str, actie: str) -> Convenant:
    with transaction.atomic():
        convenant = Convenant.objects.select_for_update().get(pk=convenant.pk)
        if not policies.overgang_toegestaan(convenant.status, naar):
            raise DomainError(
                "E_STATE_CONFLICT",
                f"Een convenant met status {convenant.status} kan niet naar {naar} (RG-04).",
            )
        if naar == policies.ACTIEF:
            reden = policies.activering_weigering(convenant.inhoud())
            if reden:
                raise DomainError(
                    "E_RG_CONVENANT_INCOMPLETE",
                    reden,
                    [
                        InvalidParam(f"inhoud.{sleutel}", "required", "Dit onderdeel van RG-04 is leeg.")
                        for sleutel in policies.ontbrekende_onderdelen(convenant.inhoud())
                    ],
                )
        if convenant.status != naar:
            convenant.status = naar
            convenant.save(update_fields=["status", "gewijzigd"])
            # A convenant is regional (joint controllership): no single controller, every FG sees it.
            audit.record(actor=actor, actie=actie, activiteit=ACTIVITEIT, object=convenant, velden=["status"])
    return convenant


@audit.geweigerd_gelogd("convenant.geactiveerd", ACTIVITEIT)
def activeer(*, actor, convenant: Convenant) -> Convenant:
    """RG-04: only a convenant with all nine items filled comes into force."""
    return _overgang(actor=actor, convenant=convenant, naar=policies.ACTIEF, actie="convenant.geactiveerd")


@audit.geweigerd_gelogd("convenant.beeindigd", ACTIVITEIT)
def beeindig(*, actor, convenant: Convenant) -> Convenant:
    """RG-04: an active convenant ends; its accessions keep their dates (AC-01 then fails for all)."""
    return _overgang(actor=actor, convenant=convenant, naar=policies.BEEINDIGD, actie="convenant.beeindigd")


# --- accessions (RG-04, VI-25) -------------------------------------------------------------------------


def _einde_vastgelegd() -> None:
    """VI-25 starts from the accession's end date: the verwijsindex derives everything from it (no signal
    is changed here). Saving the row clears its cache in this process (verwijsindex/apps.py); after the
    commit it is cleared again, so no read in between keeps the old state."""
    from zorgvuldig.verwijsindex.selectors import vergeet_cache

    transaction.on_commit(vergeet_cache)


@audit.geweigerd_gelogd("toetreding.vastgelegd", ACTIVITEIT)
def voeg_toetreding_toe(
    *, actor, convenant_uuid, organisatie_uuid, datum: dt.date, einddatum: dt.date | None = None
) -> Toetreding:
    """RG-04: an organisation accedes on `datum`; a known end date may be recorded at once (VI-25)."""
    from zorgvuldig.organisaties.models import Organisatie

    with transaction.atomic():
        convenant = Convenant.objects.select_for_update().filter(uuid=convenant_uuid).first()
        if convenant is None:
            raise NotFound()
        if convenant.status == policies.BEEINDIGD:
            raise DomainError(
                "E_STATE_CONFLICT", "Bij een beëindigd convenant komen geen toetredingen meer (RG-04)."
            )
        organisatie = Organisatie.objects.filter(uuid=organisatie_uuid).first()
        if organisatie is None:
            raise _ongeldig("organisatie", "Onbekende organisatie.")
        reden = policies.toetreding_fout(datum=datum, tot=einddatum)
        if reden:
            raise _ongeldig("einddatum", reden)
        if Toetreding.objects.filter(convenant=convenant, organisatie=organisatie, datum=datum).exists():
            raise DomainError(
                "E_STATE_CONFLICT", "Deze organisatie is op deze datum al toegetreden tot dit convenant."
            )
        toetreding = Toetreding.objects.create(
            convenant=convenant, organisatie=organisatie, datum=datum, tot=einddatum
        )
        audit.record(
            actor=actor,
            actie="toetreding.vastgelegd",
            activiteit=ACTIVITEIT,
            object=toetreding,
            velden=["organisatie", "datum", *(["tot"] if einddatum else [])],
        )
        if einddatum is not None:
            _einde_vastgelegd()
    return toetreding


@audit.geweigerd_gelogd("toetreding.beeindigd", ACTIVITEIT)
def beeindig_toetreding(*, actor, convenant_uuid, uuid, einddatum: dt.date) -> Toetreding:
    """RG-04, VI-25: record the end of an accession. From the day after `einddatum` the organisation's users
    cannot create or extend signals and its active signals are handed over or end within `vi.exit_days`
    (derived by the verwijsindex). An end that has already passed is a fact and no longer moves."""
    with transaction.atomic():
        toetreding = (
            Toetreding.objects.select_for_update()
            .select_related("convenant")
            .filter(uuid=uuid, convenant__uuid=convenant_uuid)
            .first()
        )
        if toetreding is None:
            raise NotFound()
        reden = policies.toetreding_wijziging_fout(huidig_tot=toetreding.tot, vandaag=today())
        if reden:
            fout = DomainError("E_STATE_CONFLICT", reden)
            fout.audit_object = toetreding  # type: ignore[attr-defined]
            raise fout
        reden = policies.toetreding_fout(datum=toetreding.datum, tot=einddatum)
        if reden:
            raise _ongeldig("einddatum", reden)
        if toetreding.tot != einddatum:
            toetreding.tot = einddatum
            toetreding.save(update_fields=["tot", "gewijzigd"])  # post_save: the VI cache (apps.py)
            audit.record(
                actor=actor,
                actie="toetreding.beeindigd",
                activiteit=ACTIVITEIT,
                object=toetreding,
                velden=["tot"],
            )
            _einde_vastgelegd()
    return toetreding


# --- processor agreements (RG-06) ----------------------------------------------------------------------


def _controleer_overeenkomst(partij: str, reikwijdte: str, vanaf: dt.date, tot: dt.date | None) -> None:
    fouten = []
    if not partij.strip():
        fouten.append(InvalidParam("partij", "required", "Noem de verwerker."))
    if not reikwijdte.strip():
        fouten.append(InvalidParam("reikwijdte", "required", "Beschrijf wat de verwerker voor u doet."))
    reden = policies.geldigheid_fout(vanaf=vanaf, tot=tot)
    if reden:
        fouten.append(InvalidParam("geldigTot", "invalid", reden))
    if fouten:
        raise DomainError("E_INVALID_INPUT", "De verwerkersovereenkomst is niet volledig (RG-06).", fouten)


@audit.geweigerd_gelogd("overeenkomst.aangemaakt", ACTIVITEIT_REGISTER)
def maak_overeenkomst(
    *, actor, partij: str, reikwijdte: str, geldig_vanaf: dt.date, geldig_tot: dt.date | None = None
) -> Verwerkersovereenkomst:
    """RG-06: a processor agreement of the FG's own controller (AC-15)."""
    _controleer_overeenkomst(partij, reikwijdte, geldig_vanaf, geldig_tot)
    with transaction.atomic():
        overeenkomst = Verwerkersovereenkomst.objects.create(
            verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id,
            partij=partij.strip(),
            reikwijdte=reikwijdte.strip(),
            geldig_vanaf=geldig_vanaf,
            geldig_tot=geldig_tot,
        )
        audit.record(
            actor=actor,
            actie="overeenkomst.aangemaakt",
            activiteit=ACTIVITEIT_REGISTER,
            object=overeenkomst,
            velden=["partij", "reikwijdte", "geldig_vanaf", "geldig_tot"],
        )
    return overeenkomst


@audit.geweigerd_gelogd("overeenkomst.gewijzigd", ACTIVITEIT_REGISTER)
def wijzig_overeenkomst(*, actor, uuid, data: dict) -> Verwerkersovereenkomst:
    """RG-06: change the processor, scope or validity (a renewal moves `geldig_tot`). Keys: `partij`,
    `reikwijdte`, `geldig_vanaf`, `geldig_tot` (each optional)."""
    with transaction.atomic():
        overeenkomst = (
            Verwerkersovereenkomst.objects.select_for_update()
            .filter(uuid=uuid, verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id)
            .first()
        )
        if overeenkomst is None:
            raise NotFound()
        nieuw = {
            "partij": data.get("partij", overeenkomst.partij).strip(),
            "reikwijdte": data.get("reikwijdte", overeenkomst.reikwijdte).strip(),
            "geldig_vanaf": data.get("geldig_vanaf") or overeenkomst.geldig_vanaf,
            "geldig_tot": data.get("geldig_tot", overeenkomst.geldig_tot),
        }
        _controleer_overeenkomst(
            nieuw["partij"], nieuw["reikwijdte"], nieuw["geldig_vanaf"], nieuw["geldig_tot"]
        )
        velden = [veld for veld, waarde in nieuw.items() if getattr(overeenkomst, veld) != waarde]
        if velden:
            for veld in velden:
                setattr(overeenkomst, veld, nieuw[veld])
            overeenkomst.save()
            audit.record(
                actor=actor,
                actie="overeenkomst.gewijzigd",
                activiteit=ACTIVITEIT_REGISTER,
                object=overeenkomst,
                velden=velden,
            )
    return overeenkomst
