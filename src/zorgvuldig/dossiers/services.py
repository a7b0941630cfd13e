"""Writes of the dossier (SPEC §5). Each is atomic, checks its section right (AC-05, AC-10) and writes its
audit entry in the same transaction; a refusal changes nothing and is audited (AU-04)."""

from __future__ import annotations

import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from zorgvuldig.audit import services as audit
from zorgvuldig.core import crypto, tenancy
from zorgvuldig.core.clock import today
from zorgvuldig.core.errors import DomainError, InvalidParam, NotFound, weiger
from zorgvuldig.dossiers import policies, selectors
from zorgvuldig.dossiers.models import (
    Clientverklaring,
    Dossier,
    Instemming,
    Kaderwijziging,
    Lid,
    Notitie,
    Plan,
    Toewijzing,
    Verwijzing,
    Zrmscore,
)
from zorgvuldig.dossiers.selectors import ACTIVITEIT
from zorgvuldig.toegang import services as toegang
from zorgvuldig.toegang.models import Bron, Toegang

_weiger = weiger  # raise a rule's failures as one refusal (API §1.5)


def _tekst(waarde) -> str:
    return (waarde or "").strip()


def _hulpverlener(actor) -> None:
    if not actor.rollen & {"medewerker", "leidinggevende"}:
        raise DomainError("E_AC_NOT_AUTHORISED", "Alleen hulpverleners werken in dossiers (AC-02).")


def _open(dossier: Dossier, rol: str = "bewerken") -> None:
    if dossier.status == policies.GESLOTEN:
        raise DomainError("E_STATE_CONFLICT", f"Het dossier is gesloten: niet meer te {rol} (SPEC §5).")


def _voor_sectie(actor, uuid, sectie: str, recht: str, *, open_: bool = True):
    """Lock the visible dossier and return it with the grant for `recht` on `sectie`."""
    dossier, grants = selectors.dossier_of_404(actor, uuid)
    grant = selectors.sectie_toegang(actor, dossier, grants, sectie, recht)
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if open_:
        _open(dossier)
    return dossier, grant


def _record(actor, actie: str, dossier: Dossier, grant, velden, **extra) -> None:
    audit.record(
        actor=actor,
        actie=actie,
        activiteit=ACTIVITEIT,
        object=dossier,
        betrokkenen=selectors.personen(dossier),
        velden=list(velden),
        toegang=grant,
        **extra,
    )


def _item(rij) -> dict:
    """The item an entry about the dossier concerns (`koppeling`): an inzage answer that leaves the item
    out leaves its lines out too, so a count of "Dossieritem vastgelegd" cannot betray it (RI-03, PE-11)."""
    return {"item": str(rij.uuid)}


def _nieuw_kenmerk() -> str:
    return f"D{today():%Y}-{secrets.token_hex(4).upper()}"


def _grant_personen(
    actor, dossier: Dossier, gebruiker, bron: str, tot: dt.date | None = None, personen=None
) -> None:
    """The case team reads the dossier's persons too (SPEC §3 Visibility: via the dossier)."""
    for persoon in selectors.personen(dossier) if personen is None else personen:
        toegang.verleen_intern(
            actor=actor,
            object=persoon,
            bron=bron,
            ontvanger_gebruiker=gebruiker,
            rechten={"lezen", "aanvullen"},  # e.g. PE-11 markings; the person's core data stay as they are
            reden=f"Toewijzing aan dossier {dossier.kenmerk}",
            herkomst=f"dossier:{dossier.uuid}",
            tot=tot,  # ends with the assignment it comes from (RT-12)
        )


@audit.geweigerd_gelogd("dossier.geregistreerd", ACTIVITEIT)
def registreer_dossier(*, actor, soort: str, team, leden: list[tuple[str, str]], huishouden=None) -> Dossier:
    """A new case file for the actor's team (AC-02). The registering professional is the first of the
    case team and holds casusregie; the frame starts VOLUNTARY; status REGISTERED until DS-02 is done."""
    from zorgvuldig.personen.selectors import persoon_of_404

    tenancy.activeer(actor)
    _hulpverlener(actor)
    if team is None or team.organisatie_id != actor.organisatie.pk:
        raise DomainError(
            "E_INVALID_INPUT", "Onbekend team.", [InvalidParam("team", "invalid", "Team van uw organisatie.")]
        )
    if not actor.gebruiker.teams.filter(pk=team.pk).exists():
        raise DomainError("E_AC_NOT_AUTHORISED", "U kunt alleen dossiers van uw eigen team openen (AC-02).")
    fouten = []
    if soort not in Dossier.Soort.values:
        fouten.append(InvalidParam("soort", "invalid", "Kies individueel of gezin."))
    fouten += _leden_fouten(soort, leden)
    if fouten:
        raise DomainError("E_INVALID_INPUT", "Het dossier is onvolledig.", fouten)
    personen = [persoon_of_404(actor, uuid)[0] for uuid, _ in leden]
    with transaction.atomic():
        dossier = Dossier.objects.create(
            verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id,
            organisatie=actor.organisatie,
            kenmerk=_nieuw_kenmerk(),
            soort=soort,
            team=team,
            huishouden=huishouden,
            status=policies.GEREGISTREERD,
            kader=policies.VRIJWILLIG,
            casusregie=actor.gebruiker,
            geopend_op=today(),
            aangemaakt_door=actor.gebruiker,
        )
        Lid.objects.bulk_create(
            [Lid(dossier=dossier, persoon=p, rol=rol) for p, (_, rol) in zip(personen, leden, strict=True)]
        )
        grant = _toewijzing(actor, dossier, actor.gebruiker, Toewijzing.Rol.CASUSTEAM)
        _record(actor, "dossier.geregistreerd", dossier, grant, ["soort", "team", "leden", "kader"])
    return dossier


def _leden_fouten(soort: str, leden: list[tuple[str, str]]) -> list[InvalidParam]:
    """DS-11: an individual dossier has one client, a family dossier at least one; each person once."""
    fouten = []
    rollen = [rol for _, rol in leden]
    if any(r not in Lid.Rol.values for r in rollen):
        fouten.append(InvalidParam("leden", "invalid", "Rol is cliënt of gezinslid."))
    if rollen.count("client") < 1 or (soort == "individueel" and (len(leden) != 1)):
        fouten.append(
            InvalidParam(
                "leden",
                "invalid",
                "Een individueel dossier heeft één cliënt; een gezinsdossier minstens één.",
            )
        )
    if len({u for u, _ in leden}) != len(leden):
        fouten.append(InvalidParam("leden", "invalid", "Een persoon staat maar één keer in het dossier."))
    return fouten


NIET_IN_CASUSTEAM = "Niet in het casusteam van dit dossier."


@audit.geweigerd_gelogd("dossier.gewijzigd", ACTIVITEIT)
def wijzig_dossier(*, actor, uuid, leden: list[tuple[str, str]] | None = None, casusregie=None) -> Dossier:
    """`PATCH /dossiers/{uuid}`: the members (DS-11) and who holds casusregie, by the case team.

    A new member is read by everyone on the case team, as the first members are; a member leaves only
    while no record of the dossier names them, and their person grants from this dossier end. Casusregie
    goes to someone on the case team, handed over by its holder — or taken up by a case-team member once
    the holder's assignment has ended, so a dossier is never stuck with a director who left."""
    from zorgvuldig.personen.selectors import persoon_of_404

    tenancy.activeer(actor)
    _hulpverlener(actor)
    dossier, grants = selectors.dossier_of_404(actor, uuid)
    # adding a member or handing over casusregie adds to the identification; dropping a member or changing
    # a role alters what is stored, which needs the section's 'wijzigen' grant (AC-05)
    grant = selectors.sectie_toegang(actor, dossier, grants, "identificatie", "aanvullen")
    if leden is not None:
        fouten = _leden_fouten(dossier.soort, leden)
        if fouten:
            raise DomainError("E_INVALID_INPUT", "De leden kloppen niet.", fouten)
    nieuwe = {u: persoon_of_404(actor, u)[0] for u, _ in leden or []}
    with transaction.atomic():
        dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
        _open(dossier, "wijzigen")
        # the case team proper: a substitute stands in for a while and does not direct the case
        team = {
            t.gebruiker_id
            for t in selectors.toewijzingen(dossier)
            if t.rol == Toewijzing.Rol.CASUSTEAM and t.toegang.geldig(today()) and t.gebruiker.is_active
        }
        velden = []
        if casusregie is not None and casusregie.pk != dossier.casusregie_id:
            if casusregie.pk not in team:
                raise DomainError(
                    "E_INVALID_INPUT",
                    "Casusregie gaat naar iemand van het casusteam (AC-04).",
                    [InvalidParam("casusregie", "invalid", NIET_IN_CASUSTEAM)],
                )
            if dossier.casusregie_id in team and dossier.casusregie_id != actor.gebruiker.pk:
                raise DomainError("E_AC_NOT_AUTHORISED", "Alleen wie de casusregie heeft, draagt die over.")
            dossier.casusregie = casusregie
            dossier.save(update_fields=["casusregie", "gewijzigd"])
            velden.append("casusregie")
        vertrokken = []  # in the entry too: leaving the dossier is processing about them
        if leden is not None:
            huidig = {lid.persoon_id: lid for lid in dossier.leden.select_related("persoon")}
            gewenst = {nieuwe[u].pk: rol for u, rol in leden}
            bestaand_gewijzigd = any(
                gewenst.get(p) != lid.rol for p, lid in huidig.items()
            )  # dropped or role
            if bestaand_gewijzigd:
                grant = selectors.sectie_toegang(actor, dossier, grants, "identificatie", "wijzigen")
            for persoon_id, lid in huidig.items():
                if persoon_id not in gewenst:
                    if selectors.genoemd_in(dossier, persoon_id):
                        raise DomainError(
                            "E_STATE_CONFLICT",
                            "Deze persoon kan het dossier niet uit: er staan gegevens over hem of haar in.",
                        )
                    _beeindig_persoon_grants(actor, dossier, persoon_id)
                    vertrokken.append(lid.persoon)
                    lid.delete()
                elif lid.rol != gewenst[persoon_id]:
                    lid.rol = gewenst[persoon_id]
                    lid.save(update_fields=["rol"])
            erbij = [nieuwe[u] for u, _ in leden if nieuwe[u].pk not in huidig]
            Lid.objects.bulk_create([Lid(dossier=dossier, persoon=p, rol=gewenst[p.pk]) for p in erbij])
            for t in selectors.toewijzingen(dossier):
                if t.toegang.geldig(today()):
                    _grant_personen(actor, dossier, t.gebruiker, t.toegang.bron, t.toegang.geldig_tot, erbij)
            if erbij or bestaand_gewijzigd:  # the same list sent back changes nothing and is no act
                velden.append("leden")
        if velden:
            audit.record(
                actor=actor,
                actie="dossier.gewijzigd",
                activiteit=ACTIVITEIT,
                object=dossier,
                betrokkenen=selectors.personen(dossier) + vertrokken,
                velden=velden,
                toegang=grant,
            )
    return dossier


def _beeindig_persoon_grants(actor, dossier: Dossier, persoon_id: int) -> None:
    for persoon_grant in Toegang.objects.select_for_update().filter(
        herkomst=f"dossier:{dossier.uuid}",
        object_type="personen.persoon",
        object_id=persoon_id,
        ingetrokken_op__isnull=True,
    ):
        toegang._beeindig(actor, persoon_grant, "Geen lid meer van het dossier")


def _toewijzing(actor, dossier: Dossier, gebruiker, rol: str, tot=None):
    bron = Bron.VERVANGER if rol == Toewijzing.Rol.VERVANGER else Bron.CASUSTEAM
    grant = toegang.verleen_intern(
        actor=actor,
        object=dossier,
        bron=bron,
        ontvanger_gebruiker=gebruiker,
        rechten=policies.toewijzing_rechten(rol),
        reden=f"Toewijzing als {rol}",
        herkomst=f"dossier:{dossier.uuid}",
        tot=tot,
    )
    Toewijzing.objects.create(
        verwerkingsverantwoordelijke_id=dossier.verwerkingsverantwoordelijke_id,
        organisatie_id=dossier.organisatie_id,
        dossier=dossier,
        gebruiker=gebruiker,
        rol=rol,
        toegang=grant,
        door=None if actor.is_systeem else actor.gebruiker,
    )
    _grant_personen(actor, dossier, gebruiker, bron, tot)
    return grant


def _autoriseren(actor) -> None:
    """AC-05: the leidinggevende of the dossier's organisation manages who works on it."""
    if "dossier:autoriseren" not in actor.scopes or "leidinggevende" not in actor.rollen:
        raise DomainError("E_AC_NOT_AUTHORISED", "De leidinggevende wijst medewerkers toe (AC-04, AC-05).")


@audit.geweigerd_gelogd("dossier.toegewezen", ACTIVITEIT)
def wijs_toe(*, actor, uuid, gebruiker, rol: str, tot: dt.date | None = None) -> Toewijzing:
    """AC-04: put a professional of the own organisation on the case team, as substitute or coordinator."""
    _autoriseren(actor)  # the role first: it says nothing about whether the dossier exists
    dossier = selectors.dossier_voor_beheer(actor, uuid)
    _open(dossier)
    if rol not in Toewijzing.Rol.values:
        raise DomainError(
            "E_INVALID_INPUT", "Onbekende rol.", [InvalidParam("rol", "invalid", "Onbekende rol.")]
        )
    if (
        gebruiker is None
        or gebruiker.organisatie_id != dossier.organisatie_id
        or not set(gebruiker.rollen or []) & {"medewerker", "leidinggevende"}
    ):
        raise DomainError(
            "E_INVALID_INPUT",
            "Alleen hulpverleners van de eigen organisatie (AC-02).",
            [InvalidParam("gebruiker", "invalid", "Geen hulpverlener van deze organisatie.")],
        )
    if tot is not None and tot < today():
        raise DomainError(
            "E_INVALID_INPUT", "Einddatum in het verleden.", [InvalidParam("tot", "invalid", "Verleden.")]
        )
    with transaction.atomic():
        Dossier.objects.select_for_update().get(pk=dossier.pk)
        bestaand = selectors.toewijzingen(dossier).filter(gebruiker=gebruiker, rol=rol)
        if any(t.toegang.geldig(today()) for t in bestaand):
            raise DomainError("E_STATE_CONFLICT", "Deze medewerker heeft deze rol al in dit dossier.")
        grant = _toewijzing(actor, dossier, gebruiker, rol, tot=tot)
        _record(actor, "dossier.toegewezen", dossier, grant, ["toewijzing", "rol"])
        return Toewijzing.objects.get(toegang=grant)


@audit.geweigerd_gelogd("dossier.toewijzing_beeindigd", ACTIVITEIT)
def beeindig_toewijzing(*, actor, uuid, toewijzing_uuid) -> Toewijzing:
    """End an assignment now: the case-team grants on dossier and persons end with it (AC-04)."""
    _autoriseren(actor)  # the role first: it says nothing about whether the dossier exists
    dossier = selectors.dossier_voor_beheer(actor, uuid)
    with transaction.atomic():
        rij = selectors.toewijzingen(dossier).filter(uuid=toewijzing_uuid).first()
        if rij is None:
            raise NotFound()
        grant = Toegang.objects.select_for_update().get(pk=rij.toegang_id)
        toegang._beeindig(actor, grant, "Toewijzing beëindigd")
        nog = selectors.toewijzingen(dossier).filter(gebruiker=rij.gebruiker).exclude(pk=rij.pk)
        if not nog.exists():
            for persoon_grant in Toegang.objects.select_for_update().filter(
                herkomst=f"dossier:{dossier.uuid}",
                ontvanger_gebruiker=rij.gebruiker,
                object_type="personen.persoon",
                ingetrokken_op__isnull=True,
            ):
                toegang._beeindig(actor, persoon_grant, "Toewijzing beëindigd")
        _record(actor, "dossier.toewijzing_beeindigd", dossier, grant, ["toewijzing"])
    return rij


# --- DS-02 … DS-04: informing, agreement, referral -------------------------------------------------


@audit.geweigerd_gelogd("dossier.geinformeerd", ACTIVITEIT)
def informeer(*, actor, uuid, mondeling_op, schriftelijk_op, onderwerpen: list[str]) -> Dossier:
    """DS-02: record that the client was told orally and in writing, topic by topic."""
    with transaction.atomic():
        dossier, grant = _voor_sectie(actor, uuid, "identificatie", "aanvullen")
        verwezen = Verwijzing.objects.filter(dossier=dossier).exists()
        _weiger(
            policies.informering_fouten(
                mondeling_op=mondeling_op,
                schriftelijk_op=schriftelijk_op,
                onderwerpen=onderwerpen,
                verwezen=verwezen,
                vandaag=today(),
            ),
            "De informering is onvolledig (DS-02).",
        )
        dossier.informering = {
            "mondelingOp": mondeling_op.isoformat(),
            "schriftelijkOp": schriftelijk_op.isoformat(),
            "onderwerpen": sorted(set(onderwerpen)),
            "door": str(actor.gebruiker.uuid),
        }
        dossier.save(update_fields=["informering", "gewijzigd"])
        _record(actor, "dossier.geinformeerd", dossier, grant, ["informering"])
    return dossier


@audit.geweigerd_gelogd("dossier.afwijking_goedgekeurd", ACTIVITEIT)
def keur_afwijking_goed(*, actor, uuid, reden: str) -> Dossier:
    """DS-02: the leidinggevende may approve a reason to start without the full checklist."""
    _autoriseren(actor)  # the role first: it says nothing about whether the dossier exists
    dossier = selectors.dossier_voor_beheer(actor, uuid)
    if not _tekst(reden):
        raise DomainError(
            "E_INVALID_INPUT", "Geef de reden.", [InvalidParam("afwijkingReden", "required", "Reden.")]
        )
    with transaction.atomic():
        dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
        _open(dossier)
        dossier.afwijking_versleuteld = crypto.versleutel(dossier, "afwijking", _tekst(reden))
        dossier.afwijking_goedgekeurd_door = actor.gebruiker
        dossier.save(update_fields=["afwijking_versleuteld", "afwijking_goedgekeurd_door", "gewijzigd"])
        _record(actor, "dossier.afwijking_goedgekeurd", dossier, None, ["afwijking"])
    return dossier


def _overgang(dossier: Dossier, naar: str) -> None:
    fout = policies.overgang_fout(dossier.status, naar)
    if fout:
        raise DomainError("E_STATE_CONFLICT", fout)
    dossier.status = naar


@audit.geweigerd_gelogd("dossier.status_gewijzigd", ACTIVITEIT)
def start(*, actor, uuid) -> Dossier:
    """REGISTERED → ASSESSMENT (vraagverheldering): DS-02 done or deviation approved; DS-04."""
    with transaction.atomic():
        dossier, grant = _voor_sectie(actor, uuid, "plan", "aanvullen")
        fout = policies.starten_fout(
            informering_compleet=selectors.informering_compleet(dossier),
            afwijking_goedgekeurd=dossier.afwijking_goedgekeurd_door_id is not None,
        )
        if fout:
            raise DomainError("E_STATE_CONFLICT", fout)
        laatste = Verwijzing.objects.filter(dossier=dossier).order_by("-aangemaakt", "-id").first()
        if laatste is not None:
            inhoud = crypto.ontsleutel(laatste, "inhoud") or {}
            fout = policies.handelen_zonder_akkoord_fout(
                laatste.client_akkoord, inhoud.get("veiligheidsindicaties", "")
            )
            if fout:
                raise DomainError("E_STATE_CONFLICT", fout)
        _overgang(dossier, policies.VRAAGVERHELDERING)
        dossier.client_contact = True
        dossier.save(update_fields=["status", "client_contact", "gewijzigd"])
        _record(actor, "dossier.status_gewijzigd", dossier, grant, ["status"])
    return dossier


def _status(actie_naam: str, naar: str):
    @audit.geweigerd_gelogd("dossier.status_gewijzigd", ACTIVITEIT)
    def overgang(*, actor, uuid) -> Dossier:
        with transaction.atomic():
            dossier, grant = _voor_sectie(actor, uuid, "plan", "aanvullen")
            _overgang(dossier, naar)
            dossier.save(update_fields=["status", "gewijzigd"])
            _record(actor, "dossier.status_gewijzigd", dossier, grant, ["status"])
        return dossier

    overgang.__name__ = actie_naam
    overgang.__doc__ = f"SPEC §5 States: → {naar}."
    return overgang


monitor = _status("monitor", policies.MONITORING)
herzie = _status("herzie", policies.PLAN_HERZIEN)


@audit.geweigerd_gelogd("dossier.instemming", ACTIVITEIT)
def registreer_instemming(*, actor, uuid, persoon_uuid, gegeven: bool, datum: dt.date) -> Instemming:
    """DS-03: after informing, the client's agreement to being helped is recorded as *instemming* —
    not consent; the legal basis stays public task (GP-03)."""
    with transaction.atomic():
        dossier, grant = _voor_sectie(actor, uuid, "identificatie", "aanvullen")
        lid = (
            Lid.objects.filter(dossier=dossier, persoon__uuid=persoon_uuid).select_related("persoon").first()
        )
        fouten = []
        if lid is None:
            fouten.append(InvalidParam("persoon", "invalid", "Geen lid van dit dossier."))
        if datum is None or datum > today():
            fouten.append(InvalidParam("datum", "invalid", "Datum ontbreekt of ligt in de toekomst."))
        if not isinstance(gegeven, bool):
            fouten.append(InvalidParam("gegeven", "required", "Ja of nee."))
        if fouten or lid is None:
            raise DomainError("E_INVALID_INPUT", "De instemming is onvolledig (DS-03).", fouten)
        if not selectors.informering_compleet(dossier) and dossier.afwijking_goedgekeurd_door_id is None:
            raise DomainError(
                "E_STATE_CONFLICT", "Vraag instemming nadat de cliënt is geïnformeerd (DS-02, DS-03)."
            )
        rij = Instemming.objects.create(
            verwerkingsverantwoordelijke_id=dossier.verwerkingsverantwoordelijke_id,
            organisatie_id=dossier.organisatie_id,
            dossier=dossier,
            persoon=lid.persoon,
            gegeven=gegeven,
            datum=datum,
            door=actor.gebruiker,
        )
        _record(actor, "dossier.instemming", dossier, grant, ["instemming"], grondslag="e")
    return rij


def _item_basis(actor, dossier: Dossier, betreft_uuids, deelbaar: bool) -> tuple[dict, list]:
    leden = {
        str(lid.persoon.uuid): lid.persoon
        for lid in Lid.objects.filter(dossier=dossier).select_related("persoon")
    }
    onbekend = [u for u in (betreft_uuids or []) if str(u) not in leden]
    if onbekend:
        raise DomainError(
            "E_INVALID_INPUT",
            "Een item betreft alleen leden van het dossier (DS-11).",
            [InvalidParam("betreft", "invalid", "Geen lid van dit dossier.")],
        )
    # DS-11: an item concerns the members named; by default the dossier's clients.
    betreft = (
        [leden[str(u)] for u in betreft_uuids]
        if betreft_uuids
        else [
            lid.persoon
            for lid in Lid.objects.filter(dossier=dossier, rol=Lid.Rol.CLIENT).select_related("persoon")
        ]
    )
    velden = {
        "verwerkingsverantwoordelijke_id": dossier.verwerkingsverantwoordelijke_id,
        "organisatie_id": dossier.organisatie_id,
        "dossier": dossier,
        "door": actor.gebruiker,
        "deelbaar_met_alle_leden": bool(deelbaar),
    }
    return velden, betreft


@audit.geweigerd_gelogd("dossier.item_geregistreerd", ACTIVITEIT)
def registreer_verwijzing(*, actor, uuid, data: dict) -> Verwijzing:
    """DS-04: referral intake."""
    with transaction.atomic():
        dossier, grant = _voor_sectie(actor, uuid, "verwijzing", "aanmaken")
        _weiger(
            policies.verwijzing_fouten(
                besproken_met_client=data.get("besproken_met_client"),
                client_akkoord=data.get("client_akkoord"),
                contact_door=data.get("contact_door") or "",
                reden=data.get("reden") or "",
            ),
            "De verwijzing is onvolledig (DS-04).",
        )
        velden, betreft = _item_basis(
            actor, dossier, data.get("betreft"), bool(data.get("deelbaar_met_alle_leden"))
        )
        rij = Verwijzing(
            **velden,
            besproken_met_client=data["besproken_met_client"],
            client_akkoord=data.get("client_akkoord"),
            contact_door=data.get("contact_door") or "",
        )
        rij.inhoud_versleuteld = crypto.versleutel(
            rij,
            "inhoud",
            {
                "verwijzer": data.get("verwijzer") or {},
                "reden": _tekst(data.get("reden")),
                "veiligheidsindicaties": _tekst(data.get("veiligheidsindicaties")),
            },
        )
        rij.save()
        rij.betreft.set(betreft)
        _record(actor, "dossier.item_geregistreerd", dossier, grant, ["verwijzing"], koppeling=_item(rij))
    return rij


# --- Notes and statements (DS-07, DS-09, DS-10) ---------------------------------------------------


# The refusal's detail by whether its failures are AC-12's: none, all, or some.
_NOTITIE_WEIGERING = {
    frozenset({False}): "De notitie is niet volledig (DS-07, DS-10).",
    frozenset({True}): "Gegevens uit het systeem van een partner komen alleen in het dossier via het teamlid "
    "dat daar in dienst is, alleen voor zover nodig en besproken met de cliënt (AC-12).",
    frozenset({False, True}): "De notitie is niet volledig (DS-07, DS-10, AC-12).",
    frozenset(): "",
}


@audit.geweigerd_gelogd("dossier.item_geregistreerd", ACTIVITEIT)
def registreer_notitie(*, actor, uuid, data: dict) -> Notitie:
    """DS-07: typed, sourced, verified yes/no; DS-10 for special-category sections; append-only — a
    correction is a new note referring to the one it corrects."""
    sectie = data.get("sectie") or ""
    with transaction.atomic():
        # The section decides the right needed: special-category sections need the AC-10 grant.
        dossier, grants = selectors.dossier_of_404(actor, uuid)
        bron = data.get("bron") or {}
        fouten = list(
            policies.notitie_fouten(
                sectie=sectie,
                soort=data.get("soort"),
                bron=bron.get("soort"),
                bron_omschrijving=bron.get("omschrijving") or "",
                geverifieerd=data.get("geverifieerd"),
                basis=data.get("basis") or "",
                tekst=data.get("tekst") or "",
            )
        )
        if sectie not in policies.NOTITIE_SECTIES:
            # the section decides the right, so nothing further is judged; but all the note's own
            # problems are named at once, not one per try
            _weiger(fouten, _NOTITIE_WEIGERING[frozenset({False})])
        grant = selectors.sectie_toegang(actor, dossier, grants, sectie, "aanmaken")
        dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
        _open(dossier)
        partner = _partner_organisatie(bron.get("organisatie"))
        fouten += policies.partnergegevens_fouten(
            bron=bron.get("soort"),
            bron_organisatie=partner.pk if partner else None,
            werkgever=actor.gebruiker.werkgever_id if actor.gebruiker else None,
            acterende_organisatie=actor.organisatie.pk if actor.organisatie else None,
            noodzaak=bron.get("noodzaak") or "",
            besproken_met_client=bron.get("besproken_met_client"),
        )
        grondslag = data.get("bijzondere_grondslag") or {}
        fout = policies.bijzondere_grondslag_fout(
            sectie=sectie,
            soort=grondslag.get("soort"),
            toestemming_dekt=_toestemming_dekt(dossier, grondslag.get("toestemming")),
            wettelijke_bepaling=grondslag.get("wettelijke_bepaling") or "",
        )
        if fout:
            fouten.append(fout)
        _weiger(fouten, _NOTITIE_WEIGERING[frozenset(f.code == "E_AC_PARTNER_DATA" for f in fouten)])
        corrigeert = None
        if data.get("corrigeert"):
            corrigeert = Notitie.objects.filter(dossier=dossier, uuid=data["corrigeert"]).first()
            if corrigeert is None or corrigeert.sectie not in selectors.leesbare_secties(grants):
                raise DomainError(
                    "E_INVALID_INPUT",
                    "De te corrigeren notitie bestaat niet in dit dossier.",
                    [InvalidParam("corrigeert", "invalid", "Onbekende notitie.")],
                )
        velden, betreft = _item_basis(
            actor, dossier, data.get("betreft"), bool(data.get("deelbaar_met_alle_leden"))
        )
        notitie = Notitie(
            **velden,
            sectie=sectie,
            soort=data["soort"],
            bron_soort=bron["soort"],
            bron_organisatie=partner,
            besproken_met_client=True if bron["soort"] == policies.PARTNER else None,
            geverifieerd=data["geverifieerd"],
            corrigeert=corrigeert,
            bijzondere_grondslag=(
                {k: str(v) for k, v in grondslag.items() if v}
                if sectie in policies.BIJZONDERE_SECTIES
                else {}
            ),
        )
        notitie.inhoud_versleuteld = crypto.versleutel(
            notitie,
            "inhoud",
            {
                "tekst": _tekst(data.get("tekst")),
                "basis": _tekst(data.get("basis")),
                "bron_omschrijving": _tekst(bron.get("omschrijving")),
                **({"noodzaak": _tekst(bron.get("noodzaak"))} if bron["soort"] == policies.PARTNER else {}),
            },
        )
        notitie.save()
        notitie.betreft.set(betreft)
        grondslag_code = "a" if grondslag.get("soort") == "uitdrukkelijke_toestemming" else "e"
        _record(
            actor,
            "dossier.item_geregistreerd",
            dossier,
            grant,
            [f"notitie.{sectie}"],
            grondslag=grondslag_code,
            koppeling=_item(notitie),
        )
    return notitie


def _partner_organisatie(uuid):
    """AC-12: the organisation a partner note names (an uuid), or None; an unknown one is refused."""
    if not uuid:
        return None
    from zorgvuldig.organisaties.models import Organisatie

    try:
        organisatie = Organisatie.objects.filter(uuid=uuid).first()
    except (ValueError, ValidationError):
        organisatie = None
    if organisatie is None:
        raise DomainError(
            "E_INVALID_INPUT",
            "De partnerorganisatie bestaat niet.",
            [InvalidParam("bron.organisatie", "invalid", "Onbekende organisatie.")],
        )
    return organisatie


def _toestemming_dekt(dossier: Dossier, toestemming_uuid) -> bool:
    """DS-10: an explicit consent of this dossier, valid today, covering special-category data."""
    if not toestemming_uuid:
        return False
    from zorgvuldig.toestemmingen import selectors as toestemmingen

    return toestemmingen.dekt_bijzondere_gegevens(dossier, toestemming_uuid)


@audit.geweigerd_gelogd("dossier.clientverklaring", ACTIVITEIT)
def registreer_verklaring(*, actor, uuid, notitie_uuid, persoon_uuid, tekst: str) -> Clientverklaring:
    """DS-09: the client's own statement on an opinion, stored unaltered, never edited or deleted."""
    with transaction.atomic():
        dossier, grant = _voor_sectie(actor, uuid, "eigen_verklaringen", "aanmaken")
        _, grants = selectors.dossier_of_404(actor, uuid)
        notitie = Notitie.objects.filter(
            dossier=dossier, uuid=notitie_uuid, sectie__in=selectors.leesbare_secties(grants)
        ).first()
        if notitie is None:
            raise NotFound()
        lid = (
            Lid.objects.filter(dossier=dossier, persoon__uuid=persoon_uuid).select_related("persoon").first()
        )
        fouten = []
        fout = policies.verklaring_fout(notitie.soort, tekst)
        if fout:
            fouten.append(InvalidParam(fout.naam, fout.code, fout.reden))
        if lid is None:
            fouten.append(InvalidParam("persoon", "invalid", "Geen lid van dit dossier."))
        if fouten:
            raise DomainError(
                "E_INVALID_INPUT", "De verklaring kan zo niet worden vastgelegd (DS-09).", fouten
            )
        assert lid is not None
        rij = Clientverklaring(
            verwerkingsverantwoordelijke_id=dossier.verwerkingsverantwoordelijke_id,
            organisatie_id=dossier.organisatie_id,
            notitie=notitie,
            persoon=lid.persoon,
            vastgelegd_door=actor.gebruiker,
        )
        rij.tekst_versleuteld = crypto.versleutel(rij, "tekst", tekst)  # unaltered: not even stripped
        rij.save()
        _record(
            actor,
            "dossier.clientverklaring",
            dossier,
            grant,
            ["clientverklaring"],
            koppeling={**_item(notitie), "verklaring": str(rij.uuid)},
        )
    return rij


# --- ZRM, plan, frame (DS-05, DS-06, DS-12, DS-14) -------------------------------------------------


@audit.geweigerd_gelogd("dossier.item_geregistreerd", ACTIVITEIT)
def registreer_zrm(
    *, actor, uuid, persoon_uuid, domein: str, niveau, onderbouwing: str, besproken_met_client
):
    """DS-05: append-only, so the history of every domain is kept."""
    with transaction.atomic():
        dossier, grants = selectors.dossier_of_404(actor, uuid)
        grant = selectors.sectie_toegang(actor, dossier, grants, policies.zrm_sectie(domein), "aanmaken")
        dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
        _open(dossier)
        _weiger(
            policies.zrm_fouten(
                domein=domein,
                niveau=niveau,
                onderbouwing=onderbouwing,
                besproken_met_client=besproken_met_client,
            ),
            "De ZRM-score is onvolledig (DS-05).",
        )
        velden, betreft = _item_basis(actor, dossier, [persoon_uuid] if persoon_uuid else None, False)
        score = Zrmscore(
            **velden,
            persoon=betreft[0],
            domein=domein,
            niveau=niveau,
            besproken_met_client=besproken_met_client,
        )
        score.onderbouwing_versleuteld = crypto.versleutel(score, "onderbouwing", onderbouwing.strip())
        score.save()
        score.betreft.set(betreft[:1])
        _record(
            actor, "dossier.item_geregistreerd", dossier, grant, [f"zrm.{domein}"], koppeling=_item(score)
        )
    return score


@audit.geweigerd_gelogd("dossier.item_geregistreerd", ACTIVITEIT)
def registreer_plan(*, actor, uuid, data: dict) -> Plan:
    """DS-06: a new plan version; a joint plan (DS-12) only of items shareable with every member."""
    with transaction.atomic():
        dossier, grant = _voor_sectie(actor, uuid, "plan", "aanmaken")
        _weiger(
            policies.plan_fouten(doelen=data.get("doelen") or [], acties=data.get("acties") or []),
            "Het plan is onvolledig (DS-06).",
        )
        _, grants = selectors.dossier_of_404(actor, uuid)
        uuids = data.get("notities") or []
        notities = list(
            Notitie.objects.filter(
                dossier=dossier, uuid__in=uuids, sectie__in=selectors.leesbare_secties(grants)
            )
        )
        if len(notities) != len(set(uuids)):
            raise DomainError(
                "E_INVALID_INPUT",
                "Onbekende notitie in het plan.",
                [InvalidParam("notities", "invalid", "Onbekende notitie.")],
            )
        if data.get("gezamenlijk"):
            from zorgvuldig.dossiers.models import Afscherming

            verborgen = set(
                Afscherming.objects.filter(
                    object_type="dossiers.notitie",
                    object_id__in=[n.pk for n in notities],
                    opgeheven_op__isnull=True,
                ).values_list("object_id", flat=True)
            )
            fout = policies.gezamenlijk_plan_fout(
                (n.deelbaar_met_alle_leden, n.pk in verborgen) for n in notities
            )
            _weiger([fout] if fout else [])
        velden, betreft = _item_basis(actor, dossier, data.get("betreft"), bool(data.get("gezamenlijk")))
        laatste = Plan.objects.filter(dossier=dossier).order_by("-versie").first()
        plan = Plan(
            **velden, versie=(laatste.versie + 1) if laatste else 1, gezamenlijk=bool(data.get("gezamenlijk"))
        )
        plan.inhoud_versleuteld = crypto.versleutel(
            plan,
            "inhoud",
            {k: data.get(k) or [] for k in ("doelen", "acties", "voorzieningen", "betrokkenProfessionals")}
            | {"basishulp": _tekst(data.get("basishulp"))},
        )
        try:
            with transaction.atomic():
                plan.save()
        except IntegrityError as exc:
            raise DomainError("E_STATE_CONFLICT", "Er is tegelijk een andere planversie opgeslagen.") from exc
        plan.betreft.set(betreft)
        plan.notities.set(notities)
        _record(actor, "dossier.item_geregistreerd", dossier, grant, ["plan"], koppeling=_item(plan))
    return plan


@audit.geweigerd_gelogd("dossier.plan_vastgesteld", ACTIVITEIT)
def stel_plan_vast(*, actor, uuid, plan_uuid, met_client_afgesproken_op) -> Plan:
    """DS-06: agreed with the client → PLAN_AGREED (first plan) or back to MONITORING (revision)."""
    with transaction.atomic():
        dossier, grant = _voor_sectie(actor, uuid, "plan", "aanvullen")
        plan = Plan.objects.select_for_update().filter(dossier=dossier, uuid=plan_uuid).first()
        if plan is None:
            raise NotFound()
        if plan.vastgesteld_op is not None:
            raise DomainError("E_STATE_CONFLICT", "Dit plan is al vastgesteld.")
        if Plan.objects.filter(dossier=dossier, versie__gt=plan.versie).exists():
            raise DomainError("E_STATE_CONFLICT", "Er is een nieuwere versie van het plan.")
        fout = policies.vaststellen_fout(met_client_afgesproken_op, today())
        _weiger([fout] if fout else [])
        naar = policies.na_plan_vaststellen(dossier.status)
        if naar is None:
            raise DomainError(
                "E_STATE_CONFLICT",
                "Een plan wordt vastgesteld in vraagverheldering of bij herziening (SPEC §5).",
            )
        _overgang(dossier, naar)
        plan.vastgesteld_op = today()
        plan.met_client_afgesproken_op = met_client_afgesproken_op
        plan.save(update_fields=["vastgesteld_op", "met_client_afgesproken_op", "gewijzigd"])
        dossier.save(update_fields=["status", "gewijzigd"])
        _record(actor, "dossier.plan_vastgesteld", dossier, grant, ["plan", "status"])
    return plan


@audit.geweigerd_gelogd("dossier.kader_gewijzigd", ACTIVITEIT)
def wijzig_kader(*, actor, uuid, data: dict) -> Kaderwijziging:
    """DS-14: the frame changes with date, reason, legal basis, decider and the client told."""
    from zorgvuldig.organisaties.models import Gebruiker

    with transaction.atomic():
        dossier, grant = _voor_sectie(actor, uuid, "identificatie", "aanvullen")
        uitspraak = data.get("uitspraak") or {}
        fouten = list(
            policies.kaderwijziging_fouten(
                huidig=dossier.kader,
                nieuw=data.get("kader") or "",
                datum=data.get("datum"),
                vandaag=today(),
                reden=data.get("reden") or "",
                grondslag=data.get("grondslag") or "",
                client_geinformeerd=data.get("client_geinformeerd"),
                uitspraak_soort=uitspraak.get("soort") or "",
                uitspraak_kenmerk=uitspraak.get("kenmerk") or "",
            )
        )
        besluitvormer = (
            Gebruiker.objects.filter(
                uuid=data["besluitvormer"], organisatie_id=dossier.organisatie_id
            ).first()
            if data.get("besluitvormer")
            else actor.gebruiker
        )
        if besluitvormer is None:
            fouten.append(policies.Fout("E_INVALID_INPUT", "besluitvormer", "Onbekende besluitvormer."))
        _weiger(fouten, "De kaderwijziging is onvolledig (DS-14).")
        rij = Kaderwijziging(
            verwerkingsverantwoordelijke_id=dossier.verwerkingsverantwoordelijke_id,
            organisatie_id=dossier.organisatie_id,
            dossier=dossier,
            kader=data["kader"],
            van=dossier.kader,
            datum=data["datum"],
            grondslag=_tekst(data.get("grondslag")),
            besluitvormer=besluitvormer,
            client_geinformeerd=True,
            uitspraak_soort=uitspraak.get("soort") or "",
            uitspraak_kenmerk=_tekst(uitspraak.get("kenmerk")),
            door=actor.gebruiker,
        )
        rij.reden_versleuteld = crypto.versleutel(rij, "reden", _tekst(data.get("reden")))
        rij.save()
        dossier.kader = rij.kader
        dossier.save(update_fields=["kader", "gewijzigd"])
        _record(actor, "dossier.kader_gewijzigd", dossier, grant, ["kader"])
    return rij


# --- Closure (DS-15, DS-16, DS-17, RT-01) ----------------------------------------------------------


@audit.geweigerd_gelogd("dossier.gesloten", ACTIVITEIT)
def sluit_af(*, actor, uuid, data: dict) -> Dossier:
    """DS-16: end date, the client's opinion (or declined) and results; closing starts the retention clock
    (RT-01). The leidinggevende confirms it afterwards."""
    with transaction.atomic():
        dossier, grant = _voor_sectie(actor, uuid, "afsluiting", "aanmaken")
        _weiger(
            policies.afsluiten_fouten(
                einddatum=data.get("einddatum"),
                geopend_op=dossier.geopend_op,
                vandaag=today(),
                client_oordeel=data.get("client_oordeel") or "",
                oordeel_geweigerd=bool(data.get("client_oordeel_geweigerd")),
                resultaten=data.get("resultaten") or "",
                reden=data.get("reden") or "",
                kader=dossier.kader,
                laatste_redmiddel=data.get("laatste_redmiddel") or "",
            ),
            "Het dossier kan zo niet worden gesloten (DS-16).",
        )
        _overgang(dossier, policies.GESLOTEN)
        dossier.einddatum = data["einddatum"]
        dossier.afsluitreden = data["reden"]
        dossier.afsluiting_versleuteld = crypto.versleutel(
            dossier,
            "afsluiting",
            {
                "clientOordeel": _tekst(data.get("client_oordeel")),
                "clientOordeelGeweigerd": bool(data.get("client_oordeel_geweigerd")),
                "resultaten": _tekst(data.get("resultaten")),
                "laatsteRedmiddel": _tekst(data.get("laatste_redmiddel")),
            },
        )
        dossier.afgesloten_door = actor.gebruiker
        dossier.vernietigen_op = policies.vernietigen_op(dossier.einddatum)
        dossier.save()
        _record(actor, "dossier.gesloten", dossier, grant, ["status", "afsluiting", "vernietigen_op"])
    return dossier


@audit.geweigerd_gelogd("dossier.sluiting_bevestigd", ACTIVITEIT)
def bevestig_afsluiting(*, actor, uuid) -> Dossier:
    """SPEC §5 States: CLOSED by the lead worker, confirmed by the leidinggevende [design]."""
    _autoriseren(actor)  # the role first: it says nothing about whether the dossier exists
    dossier = selectors.dossier_voor_beheer(actor, uuid)
    with transaction.atomic():
        dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
        if dossier.status != policies.GESLOTEN or dossier.bevestigd_op is not None:
            raise DomainError("E_STATE_CONFLICT", "Alleen een gesloten, nog niet bevestigd dossier.")
        if dossier.afgesloten_door_id == actor.gebruiker.pk:
            raise DomainError("E_AC_NOT_AUTHORISED", "Een ander dan wie het sloot bevestigt de sluiting.")
        dossier.bevestigd_door, dossier.bevestigd_op = actor.gebruiker, today()
        dossier.save(update_fields=["bevestigd_door", "bevestigd_op", "gewijzigd"])
        _record(actor, "dossier.sluiting_bevestigd", dossier, None, ["bevestigd_op"])
    return dossier


@audit.geweigerd_gelogd("toegang.noodtoegang", ACTIVITEIT)
def noodtoegang(*, actor, uuid, reden: str, dreiging_voor) -> Toegang:
    """AC-11: reading a dossier of the own team before contact with the client, on stated concrete
    indications of a threat; read-only for today; the leidinggevende reviews it within 2 working days."""
    dossier = selectors.dossier_voor_noodtoegang(actor, uuid)
    if dossier.client_contact:
        raise DomainError(
            "E_AC_BREAKGLASS_REASON",
            "Noodtoegang is alleen vóór contact met de cliënt; vraag om toewijzing (AC-11).",
            http_status=403,
        )
    grant = toegang.noodtoegang(actor=actor, object=dossier, reden=reden, dreiging_voor=dreiging_voor)
    return grant


# --- Item visibility (DS-13, PE-11) ---------------------------------------------------------------


def _leesbare_notitie(actor, uuid, notitie_uuid, recht: str):
    dossier, grants = selectors.dossier_of_404(actor, uuid)
    notitie = Notitie.objects.filter(
        dossier=dossier, uuid=notitie_uuid, sectie__in=selectors.leesbare_secties(grants)
    ).first()
    if notitie is None:
        raise NotFound()
    grant = selectors.sectie_toegang(actor, dossier, grants, notitie.sectie, recht)
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    _open(dossier)
    return dossier, notitie, grant


@audit.geweigerd_gelogd("dossier.item_verborgen", ACTIVITEIT)
def verberg(*, actor, uuid, notitie_uuid, persoon_uuid, reden: str, reviewdatum) -> object:
    """DS-13: hide an item for safety from a named member (e.g. an alleged perpetrator), also in their
    inzage, with reason and review date."""
    from zorgvuldig.dossiers.models import Afscherming

    with transaction.atomic():
        dossier, notitie, grant = _leesbare_notitie(actor, uuid, notitie_uuid, "aanvullen")
        lid = (
            Lid.objects.filter(dossier=dossier, persoon__uuid=persoon_uuid).select_related("persoon").first()
        )
        _weiger(
            policies.afscherming_fouten(
                reden=reden or "", reviewdatum=reviewdatum, vandaag=today(), is_lid=lid is not None
            ),
            "Verbergen kan zo niet (DS-13).",
        )
        assert lid is not None
        if Afscherming.objects.filter(
            object_type="dossiers.notitie",
            object_id=notitie.pk,
            persoon=lid.persoon,
            opgeheven_op__isnull=True,
        ).exists():
            raise DomainError("E_STATE_CONFLICT", "Dit item is al verborgen voor deze persoon.")
        rij = Afscherming(
            verwerkingsverantwoordelijke_id=dossier.verwerkingsverantwoordelijke_id,
            organisatie_id=dossier.organisatie_id,
            object_type="dossiers.notitie",
            object_id=notitie.pk,
            dossier=dossier,
            persoon=lid.persoon,
            reviewdatum=reviewdatum,
            door=actor.gebruiker,
        )
        rij.reden_versleuteld = crypto.versleutel(rij, "reden", reden.strip())
        rij.save()
        _record(actor, "dossier.item_verborgen", dossier, grant, ["verborgen_voor"])
    return rij


@audit.geweigerd_gelogd("markering.geregistreerd", ACTIVITEIT)
def markeer_niet_voor_vertegenwoordigers(*, actor, uuid, notitie_uuid, persoon_uuid, reden: str):
    """PE-11: a young person's wish for confidentiality towards parents, honoured in the child's
    interest, with the reason; the rights module leaves the item out of a representative's inzage."""
    from zorgvuldig.personen.services import markeer_niet_voor_vertegenwoordigers as markeer

    with transaction.atomic():
        _dossier, notitie, _grant = _leesbare_notitie(actor, uuid, notitie_uuid, "aanvullen")
        if not notitie.betreft.filter(uuid=persoon_uuid).exists():
            raise DomainError(
                "E_INVALID_INPUT",
                "De jongere moet een van de personen zijn die het item betreft (PE-11).",
                [InvalidParam("persoon", "invalid", "Het item betreft deze persoon niet.")],
            )
        return markeer(
            actor=actor,
            persoon_uuid=persoon_uuid,
            object_type="dossiers.notitie",
            object_uuid=notitie.uuid,
            reden=reden,
        )


# --- Safety (DS-08) -------------------------------------------------------------------------------


@audit.geweigerd_gelogd("dossier.item_geregistreerd", ACTIVITEIT)
def registreer_veiligheidsbeoordeling(*, actor, uuid, data: dict):
    """DS-08: with concerns about a child's safety, the risk assessment and Meldcode step are recorded,
    consulting the leidinggevende."""
    from zorgvuldig.dossiers.models import Veiligheidsbeoordeling
    from zorgvuldig.organisaties.models import Gebruiker

    with transaction.atomic():
        dossier, grant = _voor_sectie(actor, uuid, "veiligheid", "aanmaken")
        geconsulteerd = (
            Gebruiker.objects.filter(
                uuid=data["geconsulteerd"], organisatie_id=dossier.organisatie_id
            ).first()
            if data.get("geconsulteerd")
            else None
        )
        fouten = list(
            policies.veiligheid_fouten(
                meldcodestap=data.get("meldcodestap"),
                risicotaxatie=data.get("risicotaxatie") or "",
                geconsulteerd_is_leidinggevende=bool(
                    geconsulteerd and "leidinggevende" in (geconsulteerd.rollen or [])
                ),
            )
        )
        datum: dt.date | None = data.get("geconsulteerd_op")
        if datum is None or datum > today():
            fouten.append(policies.Fout("E_INVALID_INPUT", "geconsulteerdOp", "Datum van het overleg."))
        _weiger(fouten, "De veiligheidsbeoordeling is onvolledig (DS-08).")
        assert datum is not None
        velden, betreft = _item_basis(actor, dossier, data.get("betreft"), False)
        rij = Veiligheidsbeoordeling(
            **velden, meldcodestap=data["meldcodestap"], geconsulteerd=geconsulteerd, geconsulteerd_op=datum
        )
        rij.inhoud_versleuteld = crypto.versleutel(
            rij,
            "inhoud",
            {
                "risicotaxatie": _tekst(data.get("risicotaxatie")),
                "veiligheidsplan": _tekst(data.get("veiligheidsplan")),
            },
        )
        rij.save()
        rij.betreft.set(betreft)
        _record(
            actor,
            "dossier.item_geregistreerd",
            dossier,
            grant,
            ["veiligheidsbeoordeling"],
            koppeling=_item(rij),
        )
    return rij


# --- Team meeting (AC-04) -------------------------------------------------------------------------


@audit.geweigerd_gelogd("dossier.teambespreking", ACTIVITEIT)
def bespreek_in_team(*, actor, uuid, datum: dt.date, aanwezigen) -> object:
    """AC-04: presenting a case in a team meeting gives those present read access to its summary for
    that day only, logged."""
    from zorgvuldig.dossiers.models import Teambespreking

    with transaction.atomic():
        dossier, grant = _voor_sectie(actor, uuid, "voortgang", "aanvullen")
        aanwezigen = list(aanwezigen)
        fouten = []
        if datum is None or datum < today():
            fouten.append(InvalidParam("datum", "invalid", "Vandaag of later."))
        vreemd = [
            g
            for g in aanwezigen
            if g is None
            or not g.teams.filter(pk=dossier.team_id).exists()
            or g.organisatie_id != dossier.organisatie_id
        ]
        if not aanwezigen or vreemd:
            fouten.append(InvalidParam("aanwezigen", "invalid", "Alleen leden van het team van het dossier."))
        if fouten:
            raise DomainError("E_INVALID_INPUT", "De teambespreking is onvolledig (AC-04).", fouten)
        rij = Teambespreking.objects.create(
            verwerkingsverantwoordelijke_id=dossier.verwerkingsverantwoordelijke_id,
            organisatie_id=dossier.organisatie_id,
            dossier=dossier,
            datum=datum,
            door=actor.gebruiker,
        )
        rij.aanwezigen.set(aanwezigen)
        for gebruiker in aanwezigen:
            if gebruiker.pk == actor.gebruiker.pk:
                continue
            toegang.verleen_intern(
                actor=actor,
                object=dossier,
                bron=Bron.TEAMBESPREKING,
                ontvanger_gebruiker=gebruiker,
                secties=[policies.SAMENVATTING],
                reden="Casus besproken in teamoverleg",
                herkomst=f"teambespreking:{rij.uuid}",
                vanaf=datum,
                tot=datum,
            )
        _record(actor, "dossier.teambespreking", dossier, grant, ["teambespreking", "aanwezigen"])
    return rij


# --- Outreach signals (SPEC §5 States, RT-05) -----------------------------------------------------

ZORGSIGNAAL_RECHTEN = frozenset({"lezen", "aanvullen"})


@audit.geweigerd_gelogd("zorgsignaal.geregistreerd", ACTIVITEIT)
def registreer_zorgsignaal(*, actor, team, data: dict):
    """A third party's concern received before any melding; deleted after the configured months unless it
    leads to a melding (RT-05)."""
    from zorgvuldig.dossiers.models import Zorgsignaal
    from zorgvuldig.personen.selectors import persoon_of_404

    tenancy.activeer(actor)
    _hulpverlener(actor)
    if team is None or not actor.gebruiker.teams.filter(pk=team.pk).exists():
        raise DomainError("E_AC_NOT_AUTHORISED", "Alleen voor uw eigen team (AC-02).")
    fouten = []
    ontvangen_op: dt.date | None = data.get("ontvangen_op")
    if ontvangen_op is None or ontvangen_op > today():
        fouten.append(InvalidParam("ontvangenOp", "invalid", "Datum van ontvangst, niet in de toekomst."))
    if not _tekst(data.get("kanaal")):
        fouten.append(InvalidParam("kanaal", "required", "Langs welke weg kwam het signaal binnen?"))
    if not _tekst(data.get("zorg")):
        fouten.append(InvalidParam("zorg", "required", "Beschrijf de zorg."))
    if not _tekst((data.get("melder") or {}).get("naam")):
        fouten.append(InvalidParam("melder.naam", "required", "Wie meldde de zorg?"))
    if fouten:
        raise DomainError("E_INVALID_INPUT", "Het zorgsignaal is onvolledig.", fouten)
    assert ontvangen_op is not None
    persoon = persoon_of_404(actor, data["persoon"])[0] if data.get("persoon") else None
    with transaction.atomic():
        rij = Zorgsignaal(
            verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id,
            organisatie=actor.organisatie,
            team=team,
            ontvangen_op=ontvangen_op,
            kanaal=_tekst(data["kanaal"])[:32],
            persoon=persoon,
            status="ontvangen",
            verwijderen_op=policies.zorgsignaal_verwijderen_op(ontvangen_op),
            door=actor.gebruiker,
        )
        rij.inhoud_versleuteld = crypto.versleutel(
            rij, "inhoud", {"melder": data.get("melder") or {}, "zorg": _tekst(data.get("zorg"))}
        )
        rij.save()
        grant = toegang.verleen_intern(
            actor=actor,
            object=rij,
            bron=Bron.CASUSTEAM,
            ontvanger_gebruiker=actor.gebruiker,
            rechten=ZORGSIGNAAL_RECHTEN,
            reden="Ontvanger van het zorgsignaal",
            herkomst=f"zorgsignaal:{rij.uuid}",
        )
        audit.record(
            actor=actor,
            actie="zorgsignaal.geregistreerd",
            activiteit=ACTIVITEIT,
            object=rij,
            betrokkenen=[persoon] if persoon else [],
            velden=["melder", "zorg", "kanaal"],
            toegang=grant,
        )
    return rij


def _zorgsignaal(actor, uuid, naar: str):
    from zorgvuldig.dossiers.models import Zorgsignaal

    rij, grant = selectors.zorgsignaal_of_404(actor, uuid, "aanvullen")
    rij = Zorgsignaal.objects.select_for_update().get(pk=rij.pk)
    if not policies.zorgsignaal_actief(rij.status, rij.verwijderen_op, today()):
        raise NotFound()  # past its term it no longer acts, sweep or no sweep (RT-12)
    if naar not in policies.ZORGSIGNAAL_TRANSITIES.get(rij.status, frozenset()):
        raise DomainError(
            "E_STATE_CONFLICT", f"Een zorgsignaal in status '{rij.status}' kan niet naar '{naar}'."
        )
    return rij, grant


def _zorgsignaal_record(actor, actie: str, rij, grant, velden) -> None:
    audit.record(
        actor=actor,
        actie=actie,
        activiteit=ACTIVITEIT,
        object=rij,
        betrokkenen=[rij.persoon] if rij.persoon_id else [],
        velden=velden,
        toegang=grant,
    )


@audit.geweigerd_gelogd("zorgsignaal.beoordeeld", ACTIVITEIT)
def beoordeel_zorgsignaal(*, actor, uuid, ernst: str):
    with transaction.atomic():
        rij, grant = _zorgsignaal(actor, uuid, "beoordeeld")
        if ernst not in policies.ERNST:
            raise DomainError(
                "E_INVALID_INPUT",
                "Kies de ernst.",
                [InvalidParam("ernst", "invalid", "laag, midden of hoog")],
            )
        rij.status, rij.ernst = "beoordeeld", ernst
        rij.save(update_fields=["status", "ernst", "gewijzigd"])
        _zorgsignaal_record(actor, "zorgsignaal.beoordeeld", rij, grant, ["ernst"])
    return rij


@audit.geweigerd_gelogd("zorgsignaal.afgewezen", ACTIVITEIT)
def wijs_zorgsignaal_af(*, actor, uuid):
    """DISCARDED: kept only until its deletion date (RT-05)."""
    with transaction.atomic():
        rij, grant = _zorgsignaal(actor, uuid, "afgewezen")
        rij.status = "afgewezen"
        rij.save(update_fields=["status", "gewijzigd"])
        _zorgsignaal_record(actor, "zorgsignaal.afgewezen", rij, grant, ["status"])
    return rij


@audit.geweigerd_gelogd("zorgsignaal.omgezet", ACTIVITEIT)
def zet_zorgsignaal_om(*, actor, uuid) -> Dossier:
    """MELDING: contact showed a support need; a dossier opens with the signal's person as client and the
    signal as its referral (DS-04 then asks how the client was approached)."""
    with transaction.atomic():
        rij, grant = _zorgsignaal(actor, uuid, "melding")
        if rij.persoon_id is None:
            raise DomainError(
                "E_INVALID_INPUT",
                "Koppel eerst de persoon om wie het gaat.",
                [InvalidParam("persoon", "required", "Persoon ontbreekt.")],
            )
        dossier = registreer_dossier(
            actor=actor, soort="individueel", team=rij.team, leden=[(str(rij.persoon.uuid), "client")]
        )
        rij.status, rij.dossier = "melding", dossier
        rij.save(update_fields=["status", "dossier", "gewijzigd"])
        _zorgsignaal_record(actor, "zorgsignaal.omgezet", rij, grant, ["status", "dossier"])
    return dossier


@audit.geweigerd_gelogd("zorgsignaal.beoordeeld", ACTIVITEIT)
def koppel_persoon_aan_zorgsignaal(*, actor, uuid, persoon_uuid):
    """Link the person the concern is about once known (before it becomes a melding)."""
    from zorgvuldig.dossiers.models import Zorgsignaal
    from zorgvuldig.personen.selectors import persoon_of_404

    with transaction.atomic():
        rij, grant = selectors.zorgsignaal_of_404(actor, uuid, "aanvullen")
        rij = Zorgsignaal.objects.select_for_update().get(pk=rij.pk)
        if rij.status not in ("ontvangen", "beoordeeld"):
            raise DomainError("E_STATE_CONFLICT", "Alleen vóór omzetten of afwijzen.")
        rij.persoon = persoon_of_404(actor, persoon_uuid)[0]
        rij.save(update_fields=["persoon", "gewijzigd"])
        _zorgsignaal_record(actor, "zorgsignaal.beoordeeld", rij, grant, ["persoon"])
    return rij
