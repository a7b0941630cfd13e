"""Writes of the case-table workflow (SPEC §8). Each is atomic, asks `policies` and writes its audit entry
in the same transaction; a refusal changes nothing and is audited (AU-04)."""

from __future__ import annotations

import datetime as dt
import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone

from zorgvuldig.audit import services as audit
from zorgvuldig.casusoverleg import policies, selectors
from zorgvuldig.casusoverleg.models import (
    Actiepunt,
    Bijdrage,
    Bijeenkomst,
    Casusoverleg,
    Deelnemer,
    Overlegtype,
    Toedeling,
    Toedelingsitem,
)
from zorgvuldig.casusoverleg.selectors import ACTIVITEIT
from zorgvuldig.core import crypto, tenancy
from zorgvuldig.core.clock import today
from zorgvuldig.core.errors import DomainError, InvalidParam, NotFound, weiger
from zorgvuldig.toegang import services as toegang
from zorgvuldig.toegang.models import Bron, Toegang

AANMELDER = "Aanmelder van de casus"  # the reasons of the registrant's and the casusregisseur's grants
CASUSREGISSEUR = "Casusregisseur"
_weiger = weiger  # raise a rule's failures as one refusal (API §1.5)


def _tekst(waarde) -> str:
    return (waarde or "").strip()


def _hulpverlener(actor) -> None:
    if not actor.rollen & {"medewerker", "leidinggevende"}:
        raise DomainError("E_AC_NOT_AUTHORISED", "Alleen hulpverleners nemen deel aan een casusoverleg.")


def _record(
    actor, actie: str, k_of_casus, velden, *, toegang_=None, nieuw=False, object_=None, **extra
) -> None:
    casus = k_of_casus.casus if isinstance(k_of_casus, selectors.Kijker) else k_of_casus
    grant = k_of_casus.grant if isinstance(k_of_casus, selectors.Kijker) else toegang_
    personen = [casus.persoon] if casus.persoon_id else []
    audit.record(
        actor=actor,
        actie=actie,
        activiteit=ACTIVITEIT,
        object=object_ or casus,
        betrokkenen=personen,
        velden=list(velden),
        toegang=grant,
        **extra,
    )


def _zet_inhoud(casus: Casusoverleg, **wijzigingen) -> None:
    data = selectors.inhoud(casus)
    data.update(wijzigingen)
    casus.inhoud_versleuteld = crypto.versleutel(casus, "inhoud", data)


def _regisseur(k: selectors.Kijker, *rollen: str) -> None:
    if not (k.rollen & set(rollen or (policies.PROCES, policies.CASUS))):
        fout = DomainError("E_AC_NOT_AUTHORISED", "Alleen de regisseur van het overleg doet dit (SPEC §8).")
        fout.audit_object = k.casus  # type: ignore[attr-defined]
        raise fout


def _is_ondertekenaar(organisatie_id: int, t: Overlegtype, op: dt.date) -> bool:
    return organisatie_id in selectors.toegetreden_organisaties(t, op)


# --- Table types (CT-01, CT-16) -------------------------------------------------------------------------


def _type_velden(data: dict, grondslagen) -> tuple[policies.Partner, ...]:
    partners = tuple(
        policies.Partner(
            str(p.get("organisatie", "")),
            _tekst(p.get("taak")),
            str(p.get("rol", "")),
            str(p.get("grond", "")),
        )
        for p in data.get("partners") or []
    )
    _weiger(
        policies.overlegtype_fouten(
            naam=_tekst(data.get("naam")),
            soort=str(data.get("soort", "")),
            doel=_tekst(data.get("doel")),
            grondslag=str(data.get("grondslag", "")),
            criteria=[str(c) for c in data.get("criteria") or []],
            minimumleeftijd=data.get("minimumleeftijd"),
            partners=partners,
            toestemmingsmodus=str(data.get("toestemmingsmodus", "")),
            bewaartermijn_maanden=data.get("bewaartermijn_maanden"),
            grondslagen=grondslagen,
        ),
        "Het type overleg is onvolledig.",
    )
    return partners


def _partner_organisaties(partners) -> dict:
    from zorgvuldig.organisaties.models import Organisatie

    gevonden = {
        str(o.uuid): o for o in Organisatie.objects.filter(uuid__in=[p.organisatie for p in partners])
    }
    onbekend = [i for i, p in enumerate(partners) if p.organisatie not in gevonden]
    if onbekend:
        raise DomainError(
            "E_INVALID_INPUT",
            "Onbekende partnerorganisatie.",
            [
                InvalidParam(f"partners.{i}.organisatie", "invalid", "Onbekende organisatie.")
                for i in onbekend
            ],
        )
    return gevonden


def _beheerder(actor) -> None:
    if not actor.heeft("overlegtype:beheren"):
        raise DomainError("E_AC_NOT_AUTHORISED", "Alleen de beheerder richt typen overleg in (CT-16).")


@audit.geweigerd_gelogd("overlegtype.aangemaakt", "beheer-platform")
def maak_type(*, actor, data: dict) -> Overlegtype:
    """A table type in `concept`; the FG approves its basis and grounds, then it can be activated."""
    from zorgvuldig.convenanten.models import Convenant
    from zorgvuldig.registers.catalogus import GRONDSLAGEN
    from zorgvuldig.registers.models import Verwerkingsactiviteit

    tenancy.activeer(actor)
    _beheerder(actor)
    partners = _type_velden(data, GRONDSLAGEN)
    _partner_organisaties(partners)
    convenant = Convenant.objects.filter(code=data.get("convenant") or "").first()
    activiteit = Verwerkingsactiviteit.objects.filter(
        code=data.get("verwerkingsactiviteit") or "casusoverleg"
    ).first()
    fouten = []
    if convenant is None:
        fouten.append(InvalidParam("convenant", "invalid", "Onbekend convenant."))
    if activiteit is None:
        fouten.append(
            InvalidParam("verwerkingsactiviteit", "invalid", "Onbekende verwerkingsactiviteit (RG-01).")
        )
    if fouten or convenant is None or activiteit is None:
        raise DomainError("E_INVALID_INPUT", "Het type overleg is onvolledig.", fouten)
    with transaction.atomic():
        rij = Overlegtype.objects.create(
            verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id,
            organisatie=actor.organisatie,
            naam=_tekst(data["naam"]),
            soort=data["soort"],
            doel=_tekst(data["doel"]),
            verwerkingsactiviteit=activiteit,
            grondslag=data["grondslag"],
            criteria=[_tekst(c) for c in data["criteria"] if _tekst(c)],
            minimumleeftijd=data["minimumleeftijd"],
            partners=[p.__dict__ for p in partners],
            convenant=convenant,
            toestemmingsmodus=data["toestemmingsmodus"],
            bewaartermijn_maanden=data["bewaartermijn_maanden"],
        )
        audit.record(
            actor=actor,
            actie="overlegtype.aangemaakt",
            activiteit="beheer-platform",
            object=rij,
            velden=sorted(data),
        )
    return rij


@audit.geweigerd_gelogd("overlegtype.gewijzigd", "beheer-platform")
def wijzig_type(*, actor, uuid, data: dict) -> Overlegtype:
    """CT-16: a change of the basis, the partners' grounds or the consent mode withdraws the FG's approval
    and puts the type back to `concept` until it is approved and activated again."""
    from zorgvuldig.registers.catalogus import GRONDSLAGEN

    tenancy.activeer(actor)
    _beheerder(actor)
    with transaction.atomic():
        rij = Overlegtype.objects.select_for_update().get(pk=selectors.type_of_404(actor, uuid).pk)
        oud = {
            "grondslag": rij.grondslag,
            "partners": rij.partners,
            "toestemmingsmodus": rij.toestemmingsmodus,
        }
        samen = {
            "naam": rij.naam,
            "soort": rij.soort,
            "doel": rij.doel,
            "grondslag": rij.grondslag,
            "criteria": rij.criteria,
            "minimumleeftijd": rij.minimumleeftijd,
            "partners": rij.partners,
            "toestemmingsmodus": rij.toestemmingsmodus,
            "bewaartermijn_maanden": rij.bewaartermijn_maanden,
            **data,
        }
        partners = _type_velden(samen, GRONDSLAGEN)
        _partner_organisaties(partners)
        nieuw = {**samen, "partners": [p.__dict__ for p in partners]}
        for veld in (
            "naam",
            "soort",
            "doel",
            "grondslag",
            "minimumleeftijd",
            "toestemmingsmodus",
            "bewaartermijn_maanden",
        ):
            setattr(rij, veld, nieuw[veld] if not isinstance(nieuw[veld], str) else nieuw[veld].strip())
        rij.criteria = [_tekst(c) for c in nieuw["criteria"] if _tekst(c)]
        rij.partners = nieuw["partners"]
        if policies.basiswijziging(oud, nieuw):
            rij.basis_goedgekeurd_door = None
            rij.basis_goedgekeurd_op = None
            rij.status = "concept"
        rij.save()
        audit.record(
            actor=actor,
            actie="overlegtype.gewijzigd",
            activiteit="beheer-platform",
            object=rij,
            velden=sorted(data),
        )
    return rij


@audit.geweigerd_gelogd("overlegtype.basis_goedgekeurd", "beheer-platform")
def keur_basis_goed(*, actor, uuid) -> Overlegtype:
    """CT-16: the FG of the own controller approves the legal basis and each role's ground."""
    tenancy.activeer(actor)
    if "fg" not in actor.rollen:
        raise DomainError("E_AC_NOT_AUTHORISED", "Alleen de FG keurt grondslag en gronden goed (CT-16).")
    with transaction.atomic():
        rij = (
            Overlegtype.objects.select_for_update()
            .filter(uuid=uuid, verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id)
            .first()
        )
        if rij is None:
            raise NotFound()
        rij.basis_goedgekeurd_door = actor.gebruiker
        rij.basis_goedgekeurd_op = timezone.now()
        rij.save(update_fields=["basis_goedgekeurd_door", "basis_goedgekeurd_op", "gewijzigd"])
        audit.record(
            actor=actor,
            actie="overlegtype.basis_goedgekeurd",
            activiteit="beheer-platform",
            object=rij,
            velden=["grondslag", "partners", "toestemmingsmodus"],
        )
    return rij


@audit.geweigerd_gelogd("overlegtype.geactiveerd", "beheer-platform")
def activeer_type(*, actor, uuid) -> Overlegtype:
    """CT-01: only with an active convenant that every partner acceded to; CT-16: basis approved."""
    tenancy.activeer(actor)
    _beheerder(actor)
    with transaction.atomic():
        rij = Overlegtype.objects.select_for_update().get(pk=selectors.type_of_404(actor, uuid).pk)
        organisaties = _partner_organisaties(selectors.partners(rij))
        vandaag = today()
        toegetreden = [
            u
            for u, o in organisaties.items()
            if _is_ondertekenaar(o.pk, rij, vandaag)  # type: ignore[attr-defined]
        ]
        _weiger(
            policies.activering_fouten(
                convenant_actief=rij.convenant.status == "actief",
                partner_organisaties=list(organisaties),
                toegetreden=toegetreden,
                basis_goedgekeurd=rij.basis_goedgekeurd_op is not None,
            ),
            "Het type overleg kan nog niet actief worden.",
        )
        rij.status = "actief"
        rij.save(update_fields=["status", "gewijzigd"])
        audit.record(
            actor=actor,
            actie="overlegtype.geactiveerd",
            activiteit="beheer-platform",
            object=rij,
            velden=["status"],
        )
    return rij


# --- Registering and intake (CT-02, CT-07) ---------------------------------------------------------------


def _gebruiker_van(organisatie_id: int, uuid):
    from zorgvuldig.organisaties.models import Gebruiker

    if not uuid:
        return None
    g = Gebruiker.objects.filter(uuid=uuid, organisatie_id=organisatie_id, is_active=True).first()
    if g is None:
        raise DomainError(
            "E_INVALID_INPUT",
            "Onbekende gebruiker.",
            [InvalidParam("gebruiker", "invalid", "Onbekende gebruiker.")],
        )
    return g


def _grant_deelname(actor, casus: Casusoverleg, *, gebruiker=None, organisatie=None, reden: str) -> Toegang:
    return toegang.verleen_intern(
        actor=actor,
        object=casus,
        bron=Bron.DEELNAME,
        ontvanger_gebruiker=gebruiker,
        ontvanger_organisatie=organisatie if gebruiker is None else None,
        rechten={"lezen", "aanvullen"},
        reden=reden,
        herkomst=f"casusoverleg:{casus.uuid}",
    )


def _nieuw_kenmerk() -> str:
    return f"C{today():%Y}-{secrets.token_hex(4).upper()}"


@audit.geweigerd_gelogd("casusoverleg.aangemeld", ACTIVITEIT)
def registreer(
    *,
    actor,
    overlegtype_uuid,
    persoon_uuid=None,
    vraag: str,
    procesregisseur_uuid=None,
    casusregisseur_uuid=None,
) -> Casusoverleg:
    """A case at an active table of the own organisation, by a professional of a signatory (AC-01)."""
    from zorgvuldig.personen.selectors import persoon_of_404

    tenancy.activeer(actor)
    _hulpverlener(actor)
    t = selectors.typen_zichtbaar_voor(actor).filter(uuid=overlegtype_uuid, status="actief").first()
    if t is None:
        raise DomainError(
            "E_INVALID_INPUT",
            "Onbekend of niet actief type overleg.",
            [InvalidParam("overlegtype", "invalid", "Kies een actief type.")],
        )
    if not _is_ondertekenaar(actor.organisatie.pk, t, today()):
        raise DomainError(
            "E_AC_NOT_SIGNATORY", "Uw organisatie is niet toegetreden tot het convenant (AC-01)."
        )
    if t.basis_goedgekeurd_op is None:
        raise DomainError("E_STATE_CONFLICT", "De grondslag van dit type is (nog) niet goedgekeurd (CT-16).")
    fouten = []
    if len(_tekst(vraag)) < 10:
        fouten.append(InvalidParam("vraag", "required", "Omschrijf de vraag aan het overleg (CT-03)."))
    if policies.persoon_vereist(t.soort, policies.AANGEMELD, bool(persoon_uuid)):
        fouten.append(
            InvalidParam(
                "persoon", "required", "Noem de persoon; alleen vroegsignalering start anoniem (CT-02)."
            )
        )
    if fouten:
        raise DomainError("E_INVALID_INPUT", "De aanmelding is onvolledig.", fouten)
    persoon = persoon_of_404(actor, persoon_uuid)[0] if persoon_uuid else None
    proces = _gebruiker_van(actor.organisatie.pk, procesregisseur_uuid) or actor.gebruiker
    casusr = _gebruiker_van(actor.organisatie.pk, casusregisseur_uuid)
    with transaction.atomic():
        casus = Casusoverleg(
            verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id,
            organisatie=actor.organisatie,
            kenmerk=_nieuw_kenmerk(),
            overlegtype=t,
            persoon=persoon,
            pseudoniem=f"Cliënt {secrets.token_hex(3).upper()}",
            status=policies.AANGEMELD,
            aanmelder=actor.gebruiker,
            procesregisseur=proces,
            casusregisseur=casusr,
        )
        casus.inhoud_versleuteld = crypto.versleutel(casus, "inhoud", {"vraag": _tekst(vraag)})
        casus.save()
        grant = _grant_deelname(actor, casus, gebruiker=actor.gebruiker, reden=AANMELDER)
        for g, rol in ((proces, "Procesregisseur"), (casusr, CASUSREGISSEUR)):
            if g is not None and g.pk != actor.gebruiker.pk:
                _grant_deelname(actor, casus, gebruiker=g, reden=rol)
        _record(actor, "casusoverleg.aangemeld", casus, ["overlegtype", "persoon", "vraag"], toegang_=grant)
    return casus


def _beeindig_grants(actor, casus: Casusoverleg, waarom: str, *, bijdragen: bool = False, **filters) -> int:
    """End the still valid grants on this case — or, with `bijdragen`, the allocation grants on its
    contributions. The caller's act is audited; each ended grant keeps when, by whom and why."""
    if bijdragen:
        qs = Toegang.objects.filter(
            object_type="casusoverleg.bijdrage",
            object_id__in=casus.bijdragen.values("pk"),
            bron=Bron.TOEDELING,
        )
    else:
        qs = Toegang.objects.filter(object_type=selectors.OBJECT_TYPE, object_id=casus.pk)
    if "gebruiker_id" in filters:
        qs = qs.filter(ontvanger_gebruiker_id=filters["gebruiker_id"])
    if "reden" in filters:
        qs = qs.filter(reden=filters["reden"])
    if "behalve_gebruiker_id" in filters:
        qs = qs.exclude(ontvanger_gebruiker_id=filters["behalve_gebruiker_id"])
    return qs.filter(ingetrokken_op__isnull=True).update(
        ingetrokken_op=timezone.now(), ingetrokken_door=actor.gebruiker, ingetrokken_reden=waarom
    )


def _beeindig_aanmeldergrant(actor, casus: Casusoverleg) -> None:
    """Once accepted, a registrant who does not direct the case has done its part: its grant ends
    (need-to-know); as a participant it would be invited with its own reason (CT-04)."""
    if casus.aanmelder_id in (casus.procesregisseur_id, casus.casusregisseur_id):
        return
    _beeindig_grants(
        actor, casus, "Aanmelding geaccepteerd", gebruiker_id=casus.aanmelder_id, reden=AANMELDER
    )


def _kijker_open(actor, uuid) -> selectors.Kijker:
    k = selectors.kijker(actor, uuid, lock=True)
    if k.zicht is None:
        raise NotFound()
    return k


def _overgang(k: selectors.Kijker, naar: str) -> None:
    code = policies.overgang_fout(k.casus.status, naar, k.rollen)
    if code == "E_AC_NOT_AUTHORISED":
        _regisseur(k, "__niemand__")
    if code:
        raise DomainError(code, f"Het overleg kan niet van {k.casus.status} naar {naar} (SPEC §8).")
    k.casus.status = naar


@audit.geweigerd_gelogd("casusoverleg.gewogen", ACTIVITEIT)
def weeg(*, actor, uuid, agenderen, advies: str) -> Casusoverleg:
    """CT-02: early signalling is first weighed anonymously by registrant and regisseur; no → rejected."""
    with transaction.atomic():
        k = _kijker_open(actor, uuid)
        if not (k.is_regisseur or k.is_aanmelder):
            _regisseur(k)
        if k.casus.status != policies.AANGEMELD:
            raise DomainError("E_STATE_CONFLICT", "Wegen gebeurt bij de aanmelding (CT-02).")
        _weiger(
            policies.weging_fouten(
                soort=k.casus.overlegtype.soort, agenderen=agenderen, advies=_tekst(advies)
            )
        )
        _zet_inhoud(k.casus, weging={"agenderen": agenderen, "advies": _tekst(advies), "op": str(today())})
        if not agenderen:
            k.casus.status = policies.AFGEWEZEN
            _zet_inhoud(k.casus, advies=_tekst(advies))
        k.casus.save()
        _record(actor, "casusoverleg.gewogen", k, ["weging"])
    return k.casus


@audit.geweigerd_gelogd("casusoverleg.gewijzigd", ACTIVITEIT)
def wijzig(*, actor, uuid, data: dict) -> Casusoverleg:
    """PATCH by a director: the question (a changed purpose: CT-03 re-confirmation), the casusregisseur,
    the person of a weighed early signal, client involvement (CT-07) and informing (CT-13)."""
    from zorgvuldig.personen.selectors import persoon_of_404

    with transaction.atomic():
        k = _kijker_open(actor, uuid)
        _regisseur(k)
        casus = k.casus
        if casus.status in (policies.AFGEWEZEN, policies.GESLOTEN):
            raise DomainError("E_STATE_CONFLICT", "Het overleg is afgewezen of gesloten.")
        inhoud = selectors.inhoud(casus)
        if "vraag" in data:
            if len(_tekst(data["vraag"])) < 10:
                raise DomainError(
                    "E_INVALID_INPUT",
                    "Omschrijf de vraag.",
                    [InvalidParam("vraag", "required", "Omschrijf de vraag.")],
                )
            if _tekst(data["vraag"]) != inhoud.get("vraag"):
                casus.doelversie += 1  # CT-03: every earlier contribution needs re-confirmation
                inhoud["vraag"] = _tekst(data["vraag"])
        if "clientBetrokkenheid" in data:
            cb = data["clientBetrokkenheid"] or {}
            _weiger(policies.clientbetrokkenheid_fouten(_tekst(cb.get("wijze")), _tekst(cb.get("redenNiet"))))
            inhoud["client_betrokkenheid"] = {
                "wijze": _tekst(cb.get("wijze")),
                "redenNiet": _tekst(cb.get("redenNiet")),
            }
        if "deelbaarMetClient" in data:
            inhoud["deelbaar_met_client"] = _tekst(data["deelbaarMetClient"])
        if "informeertClient" in data:
            d = (
                casus.deelnemers.filter(uuid=data["informeertClient"]).first()
                if data["informeertClient"]
                else None
            )
            if data["informeertClient"] and d is None:
                raise DomainError(
                    "E_INVALID_INPUT",
                    "Onbekende deelnemer.",
                    [InvalidParam("informeertClient", "invalid", "Kies een deelnemer (CT-13).")],
                )
            casus.informeert_client = d
        if "casusregisseur" in data:
            g = _gebruiker_van(casus.organisatie_id, data["casusregisseur"])
            if casus.casusregisseur_id and casus.casusregisseur_id != (g.pk if g else None):
                _beeindig_grants(
                    actor,
                    casus,
                    "Casusregisseur vervangen",
                    gebruiker_id=casus.casusregisseur_id,
                    reden=CASUSREGISSEUR,
                )
            if g is not None and g.pk != casus.casusregisseur_id:
                _grant_deelname(actor, casus, gebruiker=g, reden=CASUSREGISSEUR)
            casus.casusregisseur = g
        if "persoon" in data:
            if casus.persoon_id or casus.status != policies.AANGEMELD:
                raise DomainError("E_STATE_CONFLICT", "De persoon ligt al vast.")
            if not (inhoud.get("weging") or {}).get("agenderen"):
                # CT-02: early signalling stays anonymous until the weighing put it on the agenda
                raise DomainError(
                    "E_STATE_CONFLICT", "Noem de persoon pas na een weging die agendeert (CT-02)."
                )
            casus.persoon = persoon_of_404(actor, data["persoon"])[0]
        casus.inhoud_versleuteld = crypto.versleutel(casus, "inhoud", inhoud)
        casus.save()
        _record(actor, "casusoverleg.gewijzigd", k, sorted(data))
    return casus


@audit.geweigerd_gelogd("casusoverleg.geaccepteerd", ACTIVITEIT)
def accepteer(
    *, actor, uuid, criteria_toets: dict, client_geinformeerd: bool, uitzondering_reden: str = ""
) -> Casusoverleg:
    """CT-02 intake: criteria check, minimum age (`E_CT_MIN_AGE`), the resident informed or the exception."""
    from zorgvuldig.personen.policies import leeftijd

    with transaction.atomic():
        k = _kijker_open(actor, uuid)
        casus = k.casus
        _overgang(k, policies.GEACCEPTEERD)
        t = casus.overlegtype
        weging = selectors.inhoud(casus).get("weging")
        if t.soort == policies.VROEGSIGNALERING and not (weging and weging.get("agenderen")):
            raise DomainError("E_STATE_CONFLICT", "Vroegsignalering: eerst anoniem wegen (CT-02).")
        if casus.persoon is None:
            raise DomainError(
                "E_INVALID_INPUT",
                "Noem eerst de persoon.",
                [InvalidParam("persoon", "required", "Noem de persoon.")],
            )
        geb = casus.persoon.geboortedatum
        _weiger(
            policies.intake_fouten(
                leeftijd=leeftijd(geb, today()) if geb else None,
                minimumleeftijd=t.minimumleeftijd,
                type_criteria=t.criteria,
                criteria_toets=criteria_toets or {},
                client_geinformeerd=bool(client_geinformeerd),
                uitzondering_reden=_tekst(uitzondering_reden),
            ),
            "De intake is niet compleet.",
        )
        casus.client_geinformeerd = bool(client_geinformeerd)
        _zet_inhoud(casus, criteria_toets=dict(criteria_toets), uitzondering_reden=_tekst(uitzondering_reden))
        casus.save()
        _beeindig_aanmeldergrant(actor, casus)
        _record(actor, "casusoverleg.geaccepteerd", k, ["criteriaToets", "clientGeinformeerd"])
    return casus


@audit.geweigerd_gelogd("casusoverleg.afgewezen", ACTIVITEIT)
def wijs_af(*, actor, uuid, advies: str) -> Casusoverleg:
    with transaction.atomic():
        k = _kijker_open(actor, uuid)
        _overgang(k, policies.AFGEWEZEN)
        _weiger(policies.afwijzing_fouten(_tekst(advies)))
        _zet_inhoud(k.casus, advies=_tekst(advies))
        k.casus.save()
        _record(actor, "casusoverleg.afgewezen", k, ["advies"])
    return k.casus


EENVOUDIGE_OVERGANGEN = frozenset(
    {
        policies.TRIAGE,
        policies.GEAGENDEERD,
        policies.IN_OVERLEG,
        policies.MONITORING,
        policies.PLAN_HERZIEN,
        policies.AFSCHALING,
    }
)


@audit.geweigerd_gelogd("casusoverleg.status_gewijzigd", ACTIVITEIT)
def ga_naar(*, actor, uuid, naar: str) -> Casusoverleg:
    """The plain transitions: triage, scheduling, starting, monitoring, revising, de-escalating. Accepting,
    rejecting, adopting the plan and closing have their own checks and their own services."""
    with transaction.atomic():
        k = _kijker_open(actor, uuid)
        if naar not in EENVOUDIGE_OVERGANGEN:
            raise DomainError(
                "E_STATE_CONFLICT", f"Naar {naar} gaat het overleg via een eigen stap (SPEC §8)."
            )
        if naar == policies.IN_OVERLEG:
            # CT-07, CT-08: client involvement and informing are recorded before the person is discussed
            cb = selectors.inhoud(k.casus).get("client_betrokkenheid") or {}
            _weiger(policies.clientbetrokkenheid_fouten(cb.get("wijze", ""), cb.get("redenNiet", "")))
        _overgang(k, naar)
        k.casus.save(update_fields=["status", "gewijzigd"])
        _record(actor, "casusoverleg.status_gewijzigd", k, ["status"])
    return k.casus


@audit.geweigerd_gelogd("casusoverleg.plan_vastgesteld", ACTIVITEIT)
def stel_vast(*, actor, uuid, plan: str) -> Casusoverleg:
    """The conference ends: plan, allocation approved by every contributor (CT-12), who informs the client
    and what may be shared (CT-13)."""
    with transaction.atomic():
        k = _kijker_open(actor, uuid)
        casus = k.casus
        _overgang(k, policies.PLAN_VASTGESTELD)
        inhoud = selectors.inhoud(casus)
        toedelingen = list(casus.toedelingen.filter(items__isnull=False).distinct())
        open_ = Toedelingsitem.objects.filter(
            toedeling__casusoverleg=casus, goedgekeurd_op__isnull=True
        ).count()
        _weiger(
            policies.plan_fouten(
                plan=_tekst(plan),
                informeert_client=casus.informeert_client_id is not None,
                deelbaar_met_client=inhoud.get("deelbaar_met_client", ""),
                toedelingen=len(toedelingen),
                open_goedkeuringen=open_,
            ),
            "Het plan kan nog niet worden vastgesteld.",
        )
        _zet_inhoud(casus, plan=_tekst(plan))
        casus.save()
        _record(actor, "casusoverleg.plan_vastgesteld", k, ["plan", "toedelingen"])
    return casus


@audit.geweigerd_gelogd("casusoverleg.veiligheidsplan", ACTIVITEIT)
def stel_veiligheidsplan_bij(*, actor, uuid, afspraken: list[dict]) -> Casusoverleg:
    """CT-14: the safety plan is kept jointly: every participant with its own task and the directors
    adjust it; each adjustment records when and by which organisation."""
    with transaction.atomic():
        k = _kijker_open(actor, uuid)
        if not (k.is_regisseur or (k.deelnemer is not None and k.deelnemer.rol == policies.EIGEN_TAAK)):
            _regisseur(k)
        if k.casus.status in (policies.AANGEMELD, policies.AFGEWEZEN, policies.GESLOTEN):
            raise DomainError("E_STATE_CONFLICT", "Een veiligheidsplan hoort bij een lopend overleg (CT-14).")
        _weiger(policies.veiligheidsplan_fouten(k.casus.overlegtype.soort, afspraken))
        oud = selectors.inhoud(k.casus).get("veiligheidsplan") or {}
        schoon = [{v: _tekst(str(a.get(v) or "")) for v in ("wie", "wat", "wanneer")} for a in afspraken]
        historie = list(oud.get("historie") or [])
        historie.append({"op": str(today()), "door": actor.organisatie.naam})
        _zet_inhoud(
            k.casus, veiligheidsplan={"afspraken": schoon, "bijgesteldOp": str(today()), "historie": historie}
        )
        k.casus.save()
        _record(actor, "casusoverleg.veiligheidsplan", k, ["veiligheidsplan"])
    return k.casus


# --- Participants (CT-04, CT-05, CT-06) --------------------------------------------------------------------


@audit.geweigerd_gelogd("casusoverleg.deelnemer_uitgenodigd", ACTIVITEIT)
def nodig_uit(
    *, actor, uuid, organisatie_uuid, gebruiker_uuid=None, rol: str, reden: str, vraag: str = ""
) -> Deelnemer:
    """CT-04: only a necessary partner of the type, with the reason why; its grant on the case follows."""
    from zorgvuldig.organisaties.models import Organisatie

    with transaction.atomic():
        k = _kijker_open(actor, uuid)
        _regisseur(k)
        casus = k.casus
        org = Organisatie.objects.filter(uuid=organisatie_uuid).first()
        partner = next(
            (p for p in selectors.partners(casus.overlegtype) if org and p.organisatie == str(org.uuid)), None
        )
        _weiger(
            policies.uitnodiging_fouten(
                rol=rol,
                reden=_tekst(reden),
                vraag=_tekst(vraag),
                is_partner=partner is not None,
                toegetreden=org is not None and _is_ondertekenaar(org.pk, casus.overlegtype, today()),
                al_uitgenodigd=org is not None
                and casus.deelnemers.filter(deelnemende_organisatie=org).exists(),
                status=casus.status,
            ),
            "De uitnodiging is niet compleet.",
        )
        assert org is not None and partner is not None
        gebruiker = _gebruiker_van(org.pk, gebruiker_uuid)
        grant = _grant_deelname(
            actor,
            casus,
            gebruiker=gebruiker,
            organisatie=org,
            reden=policies.deelnamereden(rol, _tekst(reden)),
        )
        d = Deelnemer(
            verwerkingsverantwoordelijke_id=casus.verwerkingsverantwoordelijke_id,
            organisatie_id=casus.organisatie_id,
            casusoverleg=casus,
            deelnemende_organisatie=org,
            gebruiker=gebruiker,
            rol=rol,
            partnerrol=partner.rol,
            toegang=grant,
            uitgenodigd_door=actor.gebruiker,
        )
        d.inhoud_versleuteld = crypto.versleutel(
            d, "inhoud", {"reden": _tekst(reden), "vraag": _tekst(vraag)}
        )
        try:
            with transaction.atomic():
                d.save()
        except IntegrityError:
            raise DomainError("E_INVALID_INPUT", "Deze deelnemer is al uitgenodigd.") from None
        _record(actor, "casusoverleg.deelnemer_uitgenodigd", k, ["deelnemers"], object_=d)
    return d


@audit.geweigerd_gelogd("casusoverleg.triage_beantwoord", ACTIVITEIT)
def beantwoord_triage(*, actor, uuid, deelnemer_uuid, antwoord: dict) -> Deelnemer:
    """CT-05: the party answers only whether it knows or is involved with the person, and a contact."""
    with transaction.atomic():
        k = _kijker_open(actor, uuid)
        d = k.deelnemer
        if d is None or str(d.uuid) != str(deelnemer_uuid):
            raise NotFound()
        _weiger(
            policies.triage_antwoord_fouten(antwoord, k.casus.status),
            "De triage vraagt alleen betrokkenheid en contact.",
        )
        d = Deelnemer.objects.select_for_update().get(pk=d.pk)
        d.bekend = antwoord["bekend"]
        inh = selectors.deelnemer_inhoud(d)
        contact = antwoord.get("contact") or {}
        inh["contact"] = (
            {v: _tekst(str(contact.get(v) or "")) for v in sorted(policies.CONTACT_VELDEN)}
            if contact
            else None
        )
        d.inhoud_versleuteld = crypto.versleutel(d, "inhoud", inh)
        d.save()
        _record(actor, "casusoverleg.triage_beantwoord", k, ["bekend", "contact"], object_=d)
    return d


# --- Contributions (CT-03, CT-08 … CT-10, CT-14) -----------------------------------------------------------

UITGEVOERDE_STATUSSEN = ("uitgevoerd", "informeren_uitgesteld", "client_geinformeerd")
DOORSTANE_STATUSSEN = ("besloten", *UITGEVOERDE_STATUSSEN)


def _toestemming(actor, uuid):
    """A consent of the contributor's own registry (persons and consents are per organisation)."""
    from zorgvuldig.toestemmingen.models import Toestemming

    if not uuid:
        return None
    return (
        Toestemming.objects.select_related("betrokkene")
        .filter(uuid=uuid, organisatie_id=actor.organisatie.pk)
        .first()
    )


def _zelfde_persoon(persoon, casus: Casusoverleg) -> bool:
    """Person records are per organisation: the same person is the same BSN index."""
    return bool(casus.persoon and persoon.bsn_index and persoon.bsn_index == casus.persoon.bsn_index)


def _lezers(actor, casus: Casusoverleg) -> list[policies.Lezer]:
    """The other organisations that read a contribution now: the host (its directors) and every
    participant with its own task or as advisor (CT-06: an informant reads only its own question)."""
    eigen = actor.organisatie.pk
    lezers: dict[int, policies.Lezer] = {}
    host = casus.organisatie
    if host.pk != eigen:
        lezers[host.pk] = policies.Lezer(str(host.uuid), host.naam, host.type)
    for d in casus.deelnemers.select_related("deelnemende_organisatie").filter(
        rol__in=(policies.EIGEN_TAAK, policies.ADVISEUR)
    ):
        o = d.deelnemende_organisatie
        if o.pk != eigen:
            lezers.setdefault(o.pk, policies.Lezer(str(o.uuid), o.naam, o.type))
    return sorted(lezers.values(), key=lambda lezer: lezer.naam)


def _aan_tafel_typen(casus: Casusoverleg) -> dict[str, str]:
    """uuid → type of every organisation at the table: the host and all participants."""
    aan_tafel = {str(casus.organisatie.uuid): casus.organisatie.type}
    for d in casus.deelnemers.select_related("deelnemende_organisatie"):
        aan_tafel[str(d.deelnemende_organisatie.uuid)] = d.deelnemende_organisatie.type
    return aan_tafel


def _categorieen(waarde) -> frozenset[str]:
    if isinstance(waarde, str):
        waarde = waarde.split(",")
    return frozenset(str(c).strip() for c in waarde or () if str(c).strip())


def _deelbesluit(actor, uuid):
    from zorgvuldig.verstrekkingen.models import Deelbesluit

    if not uuid:
        return None
    return Deelbesluit.objects.filter(uuid=uuid, organisatie_id=actor.organisatie.pk).first()


def _over_persoon(db, casus: Casusoverleg) -> bool:
    """The decision's dossier concerns the case's person (matched on the BSN index: person records are
    per organisation)."""
    from zorgvuldig.dossiers.models import Lid

    p = casus.persoon
    if db is None or p is None or not p.bsn_index:
        return False
    return Lid.objects.filter(dossier_id=db.dossier_id, persoon__bsn_index=p.bsn_index).exists()


def _aan_tafel(db, casus: Casusoverleg) -> bool:
    """The decision is addressed to the table: its host or one of its participants."""
    if db is None or db.ontvanger_organisatie_id is None:
        return False
    return (
        db.ontvanger_organisatie_id == casus.organisatie_id
        or casus.deelnemers.filter(deelnemende_organisatie_id=db.ontvanger_organisatie_id).exists()
    )


def _partnerrol(k: selectors.Kijker) -> str:
    if k.deelnemer is not None:
        return k.deelnemer.partnerrol
    eigen = str(k.actor.organisatie.uuid)  # type: ignore[attr-defined]
    p = next((p for p in selectors.partners(k.casus.overlegtype) if p.organisatie == eigen), None)
    return p.rol if p else policies.OVERHEID


@audit.geweigerd_gelogd("casusoverleg.bijdrage_ingebracht", ACTIVITEIT)
def breng_in(*, actor, uuid, data: dict) -> Bijdrage:
    """A contribution of the actor's organisation, for the current phase and purpose (CT-03), with its
    ground (CT-08) and, for a care role, why its own task needs it (CT-09)."""
    with transaction.atomic():
        k = _kijker_open(actor, uuid)
        casus = k.casus
        code = policies.mag_bijdragen(k.deelnemer.rol if k.deelnemer else None, k.is_regisseur, casus.status)
        if code:
            fout = DomainError(code, "U kunt nu niet inbrengen in dit overleg (CT-06).")
            fout.audit_object = casus  # type: ignore[attr-defined]
            raise fout
        grond = data.get("grond") or {}
        soort_grond = str(grond.get("soort") or "")
        bijzonder = bool(data.get("bijzonder"))
        gegevens = _categorieen(data.get("gegevenscategorieen"))
        toestemming = _toestemming(actor, grond.get("toestemming"))
        toestemming_fouten: tuple[policies.Fout, ...] = ()
        if soort_grond in (policies.TOESTEMMING, policies.G1) or toestemming is not None:
            # CT-08, CS-02/CS-03: the consent must cover this table, not merely exist
            from zorgvuldig.toestemmingen import selectors as toestemmingen

            toestemming_fouten = policies.toestemming_tafel_fouten(
                toestemmingen.feit(toestemming) if toestemming is not None else None,
                zelfde_persoon=toestemming is not None and _zelfde_persoon(toestemming.betrokkene, casus),
                tafelnaam=casus.overlegtype.naam,
                lezers=_lezers(actor, casus),
                doel=casus.overlegtype.verwerkingsactiviteit.code,
                gegevens=gegevens,
                bijzonder=bijzonder,
                vandaag=today(),
            )
        geldig = toestemming is not None and not toestemming_fouten
        db = _deelbesluit(actor, grond.get("deelbesluit"))
        doorstaan = bool(db and db.status in DOORSTANE_STATUSSEN and db.besluit in ("delen", "gedeeltelijk"))
        eigen = str(actor.organisatie.uuid)
        partner = next((p for p in selectors.partners(casus.overlegtype) if p.organisatie == eigen), None)
        deelbesluit_fouten = policies.deelbesluit_tafel_fouten(
            soort_grond,
            policies.Deelbesluitfeit(
                over_persoon=_over_persoon(db, casus),
                doorstaan=doorstaan,
                grond=db.grond,
                ontvanger=str(db.ontvanger_organisatie.uuid) if db.ontvanger_organisatie_id else None,
                ontvanger_type=db.ontvanger_type,
            )
            if db is not None
            else None,
            eigen=eigen,
            aan_tafel=_aan_tafel_typen(casus),
            geconfigureerd=partner is not None and partner.grond == soort_grond,  # FG-approved (CT-16)
        )
        feit = policies.Bijdragefeit(
            partnerrol=_partnerrol(k),
            grond=soort_grond,
            toestemming_geldig=geldig,
            geheimhouder=actor.gebruiker.geheimhoudingsplicht,
            deelbesluit_doorstaan=doorstaan and _over_persoon(db, casus) and _aan_tafel(db, casus),
            bijzonder=bijzonder,
            noodzaak=_tekst(data.get("noodzaak")),
            soort=str(data.get("soort") or ""),
            bron=str(data.get("bron") or ""),
            veiligheidszaak=casus.overlegtype.soort in policies.VEILIGHEIDSTAFELS,
            toestemmingsmodus=casus.overlegtype.toestemmingsmodus,
            toestemming_fouten=toestemming_fouten
            if soort_grond in (policies.TOESTEMMING, policies.G1)
            else (),
            deelbesluit_fouten=deelbesluit_fouten,
        )
        fouten = list(policies.bijdrage_fouten(feit))
        if len(_tekst(data.get("inhoud"))) < 2:
            fouten.insert(0, policies.Fout("E_INVALID_INPUT", "inhoud", "De bijdrage is leeg."))
        _weiger(fouten, "De bijdrage kan zo niet worden ingebracht.")
        b = Bijdrage(
            verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id,
            organisatie=actor.organisatie,
            casusoverleg=casus,
            deelnemer=k.deelnemer,
            door=actor.gebruiker,
            fase=policies.FASE_VAN[casus.status],
            doelversie=casus.doelversie,
            soort=feit.soort,
            bron=feit.bron,
            bijzonder=feit.bijzonder,
            grond=feit.grond,
            toestemming=toestemming if geldig else None,
            deelbesluit=db,
        )
        b.inhoud_versleuteld = crypto.versleutel(
            b,
            "inhoud",
            {
                "tekst": _tekst(data.get("inhoud")),
                "noodzaak": feit.noodzaak,
                "gegevenscategorieen": sorted(gegevens),
            },
        )
        b.save()
        # AU-02: the entry names what the contribution rests on and the basis actually used
        _record(
            actor,
            "casusoverleg.bijdrage_ingebracht",
            k,
            ["bijdrage"],
            object_=b,
            grondslag=_grondslag_van(b, casus),
            koppeling=_koppeling_van(b),
        )
    return b


def _grondslag_van(b: Bijdrage, casus: Casusoverleg) -> str | None:
    """The legal basis (GP-03) a contribution was made on: consent (a); on a sharing decision, the basis
    its wizard recorded (step 2); police and OM contribute under their own statute, outside the GDPR
    (Wpg/Wjsg) — for them, as for a ground the table type configures, the FG-approved basis of the type."""
    if b.toestemming is not None:
        return "a"
    if b.deelbesluit is not None:
        from zorgvuldig.verstrekkingen.deelbesluiten import antwoorden

        eigen = ((antwoorden(b.deelbesluit).get("stappen") or {}).get("grondslag") or {}).get("eigen")
        if eigen in ("a", "b", "c", "d", "e", "f"):
            return eigen
    return casus.overlegtype.grondslag or None


def _koppeling_van(b: Bijdrage) -> dict:
    """AU-02 "linked consent/decision": the record the contribution's ground rests on, and the ground."""
    koppeling = {"bijdrage": str(b.uuid), "grond": b.grond}
    if b.toestemming is not None:
        koppeling["toestemming"] = str(b.toestemming.uuid)
    if b.deelbesluit is not None:
        koppeling["deelbesluit"] = str(b.deelbesluit.uuid)
    return koppeling


def _bijdrage(k: selectors.Kijker, bijdrage_uuid) -> Bijdrage:
    b = (
        Bijdrage.objects.select_for_update(of=("self",))
        .filter(casusoverleg=k.casus, uuid=bijdrage_uuid)
        .first()
    )
    if b is None or b not in selectors.zichtbare_bijdragen(k):
        raise NotFound()
    return b


def _toegedeeld(b: Bijdrage) -> bool:
    return b.toedelingsitems.filter(goedgekeurd_op__isnull=False).exists()


@audit.geweigerd_gelogd("casusoverleg.bijdrage_ingetrokken", ACTIVITEIT)
def trek_bijdrage_in(*, actor, uuid, bijdrage_uuid, beperk_tot: list[str] | None = None) -> Bijdrage:
    """CT-10: the contributor withdraws — or, with `beperk_tot`, restricts to named participants — until
    the allocation."""
    with transaction.atomic():
        k = _kijker_open(actor, uuid)
        b = _bijdrage(k, bijdrage_uuid)
        code = policies.intrekken_fout(
            is_bijdrager=b.organisatie_id == actor.organisatie.pk,
            status_bijdrage=b.status,
            toegedeeld=_toegedeeld(b) or policies.allocatie_afgerond(k.casus.status),
        )
        if code:
            raise DomainError(code, "Alleen de inbrenger trekt in of beperkt, tot de toedeling (CT-10).")
        if beperk_tot is not None:
            bekend = {str(u) for u in k.casus.deelnemers.values_list("uuid", flat=True)}
            if not beperk_tot or not set(map(str, beperk_tot)) <= bekend:
                raise DomainError(
                    "E_INVALID_INPUT",
                    "Onbekende deelnemer.",
                    [InvalidParam("beperkTot", "invalid", "Kies deelnemers van dit overleg.")],
                )
            b.status, b.beperkt_tot = policies.BEPERKT, sorted(map(str, beperk_tot))
        else:
            b.status = policies.INGETROKKEN
        b.save(update_fields=["status", "beperkt_tot", "gewijzigd"])
        # the item leaves every open allocation it may no longer reach (all of them when withdrawn); an
        # allocation whose other items are all approved is then issued
        weg = Toedelingsitem.objects.filter(bijdrage=b, toedeling__verstrekt_op__isnull=True)
        if b.status == policies.BEPERKT:
            weg = weg.exclude(toedeling__deelnemer__uuid__in=b.beperkt_tot)
        geraakt = list(Toedeling.objects.filter(pk__in=weg.values("toedeling_id")))
        weg.delete()
        for t in geraakt:
            _verstrek_als_compleet(actor, t)
        _record(actor, "casusoverleg.bijdrage_ingetrokken", k, ["bijdrage.status"], object_=b)
    return b


@audit.geweigerd_gelogd("casusoverleg.bijdrage_bevestigd", ACTIVITEIT)
def bevestig_bijdrage(*, actor, uuid, bijdrage_uuid) -> Bijdrage:
    """CT-03: the procesregisseur re-confirms an earlier item as necessary and allowed for this phase."""
    with transaction.atomic():
        k = _kijker_open(actor, uuid)
        _regisseur(k, policies.PROCES)
        b = (
            Bijdrage.objects.select_for_update(of=("self",))
            .filter(casusoverleg=k.casus, uuid=bijdrage_uuid)
            .first()
        )
        if b is None or b.status == policies.INGETROKKEN or b.gearchiveerd:
            raise NotFound()
        if policies.allocatie_afgerond(k.casus.status):
            # from the allocation on, the allocation decides who sees what (CT-12): confirming is moot
            raise DomainError("E_STATE_CONFLICT", "Bevestigen kan tot de toedeling (CT-03).")
        b.bevestigd_voor = policies.fase_sleutel(policies.FASE_VAN[k.casus.status], k.casus.doelversie)
        b.save(update_fields=["bevestigd_voor", "gewijzigd"])
        _record(actor, "casusoverleg.bijdrage_bevestigd", k, ["bijdrage.bevestigdVoorFase"], object_=b)
    return b


@audit.geweigerd_gelogd("casusoverleg.overdracht_gekoppeld", ACTIVITEIT)
def koppel_overdracht(*, actor, uuid, bijdrage_uuid, deelbesluit_uuid) -> Bijdrage:
    """CT-10, CT-15: during afschaling the contributor names its own executed sharing decision that hands
    this contribution to the taking-over party; the directors then select it for transfer."""
    with transaction.atomic():
        k = _kijker_open(actor, uuid)
        b = _bijdrage(k, bijdrage_uuid)
        if b.organisatie_id != actor.organisatie.pk:
            fout = DomainError(
                "E_AC_NOT_AUTHORISED", "Alleen de inbrenger draagt zijn bijdrage over (CT-10)."
            )
            fout.audit_object = k.casus  # type: ignore[attr-defined]
            raise fout
        if k.casus.status != policies.AFSCHALING or b.status == policies.INGETROKKEN:
            raise DomainError(
                "E_STATE_CONFLICT",
                "Overdragen gebeurt tijdens de afschaling, niet van een ingetrokken bijdrage (CT-15).",
            )
        db = _deelbesluit(actor, deelbesluit_uuid)
        if db is None or db.status not in UITGEVOERDE_STATUSSEN or not _over_persoon(db, k.casus):
            raise DomainError(
                "E_INVALID_INPUT",
                "Kies een uitgevoerd deelbesluit van uw organisatie (CT-15).",
                [InvalidParam("deelbesluit", "invalid", "Een uitgevoerd deelbesluit van uw organisatie.")],
            )
        b.overdracht_deelbesluit = db
        b.save(update_fields=["overdracht_deelbesluit", "gewijzigd"])
        _record(actor, "casusoverleg.overdracht_gekoppeld", k, ["bijdrage.overdracht"], object_=b)
    return b


# --- Allocation (CT-12) ------------------------------------------------------------------------------------


@audit.geweigerd_gelogd("casusoverleg.toedeling_voorgesteld", ACTIVITEIT)
def deel_toe(*, actor, uuid, deelnemer_uuid, bijdragen: list[str]) -> Toedeling:
    """A director proposes which participant gets which contributions; each contributor approves its own
    (the director's own organisation's items count as approved by proposing them)."""
    with transaction.atomic():
        k = _kijker_open(actor, uuid)
        _regisseur(k)
        casus = k.casus
        d = casus.deelnemers.filter(uuid=deelnemer_uuid).first()
        if d is None:
            raise DomainError(
                "E_INVALID_INPUT",
                "Onbekende deelnemer.",
                [InvalidParam("deelnemer", "invalid", "Kies een deelnemer.")],
            )
        rijen = list(Bijdrage.objects.filter(casusoverleg=casus, uuid__in=bijdragen, gearchiveerd=False))
        if len(rijen) != len(set(bijdragen)):
            raise DomainError(
                "E_INVALID_INPUT",
                "Onbekende bijdrage.",
                [InvalidParam("bijdragen", "invalid", "Kies bijdragen van dit overleg.")],
            )
        _weiger(
            policies.toedeling_fouten(
                ontvanger_rol=d.rol,
                bijdragen_status=[b.status for b in rijen],
                status=casus.status,
                aantal=len(rijen),
            ),
            "De toedeling is niet mogelijk.",
        )
        t = Toedeling.objects.create(
            verwerkingsverantwoordelijke_id=casus.verwerkingsverantwoordelijke_id,
            organisatie_id=casus.organisatie_id,
            casusoverleg=casus,
            deelnemer=d,
            door=actor.gebruiker,
        )
        nu = timezone.now()
        for b in rijen:
            eigen = b.organisatie_id == actor.organisatie.pk
            Toedelingsitem.objects.create(
                toedeling=t,
                bijdrage=b,
                goedgekeurd_door=actor.gebruiker if eigen else None,
                goedgekeurd_op=nu if eigen else None,
            )
        _record(actor, "casusoverleg.toedeling_voorgesteld", k, ["toedeling"], object_=t)
        _verstrek_als_compleet(actor, t)
    return t


@audit.geweigerd_gelogd("casusoverleg.toedeling_goedgekeurd", ACTIVITEIT)
def keur_toedeling_goed(*, actor, uuid, toedeling_uuid) -> Toedeling:
    """CT-10, CT-12: a contributor approves the reuse of its own contributions in this allocation."""
    with transaction.atomic():
        k = _kijker_open(actor, uuid)
        t = (
            Toedeling.objects.select_for_update(of=("self",))
            .filter(casusoverleg=k.casus, uuid=toedeling_uuid)
            .first()
        )
        if t is None:
            raise NotFound()
        eigen = Toedelingsitem.objects.filter(toedeling=t, bijdrage__organisatie_id=actor.organisatie.pk)
        if not eigen.exists():
            fout = DomainError(
                "E_AC_NOT_AUTHORISED", "Alleen de inbrenger keurt het hergebruik goed (CT-10)."
            )
            fout.audit_object = k.casus  # type: ignore[attr-defined]
            raise fout
        if t.verstrekt_op is not None or k.casus.status not in (policies.IN_OVERLEG, policies.PLAN_HERZIEN):
            raise DomainError(
                "E_STATE_CONFLICT", "Goedkeuren kan tijdens het overleg, vóór het plan (CT-12)."
            )
        eigen.filter(goedgekeurd_op__isnull=True).update(
            goedgekeurd_door=actor.gebruiker, goedgekeurd_op=timezone.now()
        )
        _record(actor, "casusoverleg.toedeling_goedgekeurd", k, ["toedeling"], object_=t)
        _verstrek_als_compleet(actor, t)
    return t


def _verstrek_als_compleet(actor, t: Toedeling) -> None:
    """Once every contributor approved: a `toedeling` grant per item and a disclosure entry per receiving
    participant and contributing organisation and ground (SH-16)."""
    from zorgvuldig.verstrekkingen.models import Verstrekking

    items = list(t.items.select_related("bijdrage"))
    if not items or any(i.goedgekeurd_op is None for i in items):
        return
    d = t.deelnemer
    casus = t.casusoverleg
    vandaag = today()
    with tenancy.systeem():  # the contributions of every contributor are written to in one act
        groepen: dict[tuple[int, int, str], list[Bijdrage]] = {}
        for i in items:
            b = i.bijdrage
            toegang.verleen_intern(
                actor=actor,
                object=b,
                bron=Bron.TOEDELING,
                ontvanger_gebruiker=d.gebruiker,
                ontvanger_organisatie=d.deelnemende_organisatie if d.gebruiker_id is None else None,
                reden=f"Toedeling casusoverleg {casus.kenmerk} (CT-12)",
                herkomst=f"toedeling:{t.uuid}",
            )
            groepen.setdefault((b.verwerkingsverantwoordelijke_id, b.organisatie_id, b.grond), []).append(b)
        for (vv, org, grond), rijen in groepen.items():
            eigen = org == casus.organisatie_id
            entry = Verstrekking.objects.create(
                verwerkingsverantwoordelijke_id=vv,
                organisatie_id=org,
                bron=Verstrekking.Bron.TOEDELING,
                herkomst=f"toedeling:{t.uuid}",
                persoon=casus.persoon if eigen else None,
                bsn_index="" if eigen else (casus.persoon.bsn_index if casus.persoon else ""),
                ontvanger_organisatie=d.deelnemende_organisatie,
                ontvanger_naam=d.gebruiker.naam if d.gebruiker else "",
                datum=vandaag,
                gegevens=sorted({f"{b.soort} (casusoverleg)" for b in rijen}),
                doel=casus.overlegtype.verwerkingsactiviteit.code,
                grond=grond,
            )
            audit.record(
                actor=actor,
                actie="verstrekking.geregistreerd",
                activiteit=ACTIVITEIT,
                object=entry,
                betrokkenen=[casus.persoon] if casus.persoon_id else [],
                velden=entry.gegevens,
            )
        t.verstrekt_op = vandaag
        t.save(update_fields=["verstrekt_op", "gewijzigd"])


# --- Closing (CT-15, RT-08) -------------------------------------------------------------------------------


@audit.geweigerd_gelogd("casusoverleg.gesloten", ACTIVITEIT)
def sluit_af(*, actor, uuid, overnemende_partij_uuid, overdracht: list[dict]) -> Casusoverleg:
    """CT-15: the taking-over party (the host or a partner), the transfers (each a contributor's executed
    sharing decision about this person towards it), the joint file closed: participants' and allocation
    grants end, what was not transferred is archived, every item gets the type's retention date (RT-08)."""
    from zorgvuldig.organisaties.models import Organisatie
    from zorgvuldig.verstrekkingen.models import Deelbesluit

    with transaction.atomic():
        k = _kijker_open(actor, uuid)
        casus = k.casus
        code = policies.overgang_fout(casus.status, policies.GESLOTEN, k.rollen)
        if code == "E_AC_NOT_AUTHORISED":
            _regisseur(k, policies.PROCES)
        overnemer = (
            Organisatie.objects.filter(uuid=overnemende_partij_uuid).first()
            if overnemende_partij_uuid
            else None
        )
        aan_tafel = {casus.organisatie_id} | {
            o.pk
            for o in Organisatie.objects.filter(
                uuid__in=[p.organisatie for p in selectors.partners(casus.overlegtype)]
            )
        }
        if overnemer is not None and overnemer.pk not in aan_tafel:
            overnemer = None  # CT-15: the care goes on with the host or a partner of this table
        feiten, overgedragen = [], set()
        with tenancy.systeem():  # the decisions are the contributors' rows
            for o in overdracht:
                b = Bijdrage.objects.filter(casusoverleg=casus, uuid=str(o.get("bijdrage"))).first()
                db = (
                    Deelbesluit.objects.filter(uuid=str(o["deelbesluit"])).first()
                    if o.get("deelbesluit")
                    else (
                        b.overdracht_deelbesluit if b is not None else None
                    )  # the one its contributor named
                )
                feiten.append(
                    policies.Overdrachtfeit(
                        bijdrage_bekend=b is not None and b.status != policies.INGETROKKEN,
                        deelbesluit_bekend=db is not None,
                        deelbesluit_uitgevoerd=bool(db and db.status in UITGEVOERDE_STATUSSEN),
                        deelbesluit_van_inbrenger=bool(
                            db and b and db.organisatie_id == b.organisatie_id and _over_persoon(db, casus)
                        ),
                        ontvanger_is_overnemer=bool(
                            db and overnemer and db.ontvanger_organisatie_id == overnemer.pk
                        ),
                    )
                )
                if b is not None:
                    overgedragen.add(b.pk)
        _weiger(
            policies.afsluit_fouten(
                status=casus.status, overnemende_partij=overnemer is not None, overdracht=feiten
            ),
            "Het overleg kan nog niet worden gesloten.",
        )
        if code:
            raise DomainError(code, "Het overleg kan niet worden gesloten (CT-15).")
        vandaag = today()
        casus.status = policies.GESLOTEN
        casus.overnemende_partij = overnemer
        casus.gesloten_op = vandaag
        casus.vernietigen_op = policies.bewaren_tot(vandaag, casus.overlegtype.bewaartermijn_maanden)
        casus.save()
        with tenancy.systeem():
            Bijdrage.objects.filter(casusoverleg=casus).exclude(pk__in=overgedragen).update(
                gearchiveerd=True, vernietigen_op=casus.vernietigen_op
            )
            # the joint file's copies of transferred items get the same date (the transfer itself went
            # through the contributor's sharing decision)
            Bijdrage.objects.filter(casusoverleg=casus, pk__in=overgedragen).update(
                vernietigen_op=casus.vernietigen_op
            )
            # RT-08: afterwards only the procesregisseur (and the FG) see the archived file
            _beeindig_grants(
                actor, casus, "Casusoverleg gesloten (RT-08)", behalve_gebruiker_id=casus.procesregisseur_id
            )
            _beeindig_grants(actor, casus, "Casusoverleg gesloten (RT-08)", bijdragen=True)
        _record(actor, "casusoverleg.gesloten", k, ["overnemendePartij", "overdracht", "vernietigenOp"])
    return casus


# --- Meetings and actions ----------------------------------------------------------------------------------


@audit.geweigerd_gelogd("casusoverleg.bijeenkomst", ACTIVITEIT)
def leg_bijeenkomst_vast(
    *,
    actor,
    uuid,
    datum: dt.date,
    agenda: list[str],
    aanwezig: list[str],
    besluiten: list[str],
    bijeenkomst_uuid=None,
) -> Bijeenkomst:
    """A meeting: its agenda, who attended, what was decided (a director keeps the minutes)."""
    with transaction.atomic():
        k = _kijker_open(actor, uuid)
        _regisseur(k)
        bekend = {str(u) for u in k.casus.deelnemers.values_list("uuid", flat=True)}
        if not set(map(str, aanwezig)) <= bekend:
            raise DomainError(
                "E_INVALID_INPUT",
                "Onbekende deelnemer.",
                [InvalidParam("aanwezig", "invalid", "Kies deelnemers van dit overleg.")],
            )
        if bijeenkomst_uuid:
            b = (
                Bijeenkomst.objects.select_for_update()
                .filter(casusoverleg=k.casus, uuid=bijeenkomst_uuid)
                .first()
            )
            if b is None:
                raise NotFound()
        else:
            b = Bijeenkomst(
                verwerkingsverantwoordelijke_id=k.casus.verwerkingsverantwoordelijke_id,
                organisatie_id=k.casus.organisatie_id,
                casusoverleg=k.casus,
                datum=datum,
            )
        b.datum = datum
        b.aanwezig = sorted(map(str, aanwezig))
        b.inhoud_versleuteld = crypto.versleutel(
            b,
            "inhoud",
            {
                "agenda": [_tekst(a) for a in agenda if _tekst(a)],
                "besluiten": [_tekst(x) for x in besluiten if _tekst(x)],
            },
        )
        b.save()
        _record(actor, "casusoverleg.bijeenkomst", k, ["bijeenkomst"], object_=b)
    return b


@audit.geweigerd_gelogd("casusoverleg.actiepunt", ACTIVITEIT)
def maak_actiepunt(
    *, actor, uuid, omschrijving: str, deadline: dt.date, deelnemer_uuid=None, bijeenkomst_uuid=None
) -> Actiepunt:
    """An action with an owner (a participant's named user, or the director) and a due date."""
    with transaction.atomic():
        k = _kijker_open(actor, uuid)
        _regisseur(k)
        fouten = []
        if len(_tekst(omschrijving)) < 3:
            fouten.append(InvalidParam("omschrijving", "required", "Omschrijf het actiepunt."))
        if deadline < today():
            fouten.append(InvalidParam("deadline", "invalid", "De deadline ligt niet in het verleden."))
        d = (
            k.casus.deelnemers.filter(uuid=deelnemer_uuid).select_related("gebruiker").first()
            if deelnemer_uuid
            else None
        )
        if deelnemer_uuid and (d is None or d.gebruiker_id is None):
            fouten.append(
                InvalidParam("deelnemer", "invalid", "Kies een deelnemer met een genoemde gebruiker.")
            )
        if fouten:
            raise DomainError("E_INVALID_INPUT", "Het actiepunt is onvolledig.", fouten)
        bijeenkomst = (
            k.casus.bijeenkomsten.filter(uuid=bijeenkomst_uuid).first() if bijeenkomst_uuid else None
        )
        a = Actiepunt(
            verwerkingsverantwoordelijke_id=k.casus.verwerkingsverantwoordelijke_id,
            organisatie_id=k.casus.organisatie_id,
            casusoverleg=k.casus,
            bijeenkomst=bijeenkomst,
            eigenaar=d,
            eigenaar_gebruiker=d.gebruiker if d else actor.gebruiker,
            deadline=deadline,
        )
        a.omschrijving_versleuteld = crypto.versleutel(a, "omschrijving", _tekst(omschrijving))
        a.save()
        _record(actor, "casusoverleg.actiepunt", k, ["actiepunt"], object_=a)
    return a


@audit.geweigerd_gelogd("casusoverleg.actiepunt_gereed", ACTIVITEIT)
def rond_actiepunt_af(*, actor, uuid, actiepunt_uuid) -> Actiepunt:
    with transaction.atomic():
        k = _kijker_open(actor, uuid)
        a = (
            Actiepunt.objects.select_for_update(of=("self",))
            .filter(casusoverleg=k.casus, uuid=actiepunt_uuid)
            .first()
        )
        if a is None:
            raise NotFound()
        if not (k.is_regisseur or a.eigenaar_gebruiker_id == actor.gebruiker.pk):
            _regisseur(k)
        if a.gereed_op is None:
            a.gereed_op = today()
            a.save(update_fields=["gereed_op", "gewijzigd"])
        _record(actor, "casusoverleg.actiepunt_gereed", k, ["actiepunt.gereedOp"], object_=a)
    return a


def herinner_actiepunten() -> int:
    """Monitoring reminders: an e-mail (outbox) to the owner of every open action from three days before
    its due date, at most once a day; no personal data in the message, only the case reference."""
    from zorgvuldig.berichten.services import plaats_email
    from zorgvuldig.core.context import Actor

    vandaag = today()
    verstuurd = 0
    with tenancy.systeem():
        kandidaten = Actiepunt.objects.select_related("casusoverleg", "eigenaar_gebruiker").filter(
            gereed_op__isnull=True, deadline__lte=vandaag + dt.timedelta(days=policies.HERINNERING_DAGEN)
        )
        for a in kandidaten:
            if a.casusoverleg.status == policies.GESLOTEN or not policies.herinnering_nodig(
                deadline=a.deadline, gereed=False, vandaag=vandaag, al_herinnerd=a.herinnerd_op
            ):
                continue
            with transaction.atomic():
                plaats_email(
                    aan=a.eigenaar_gebruiker.email,
                    onderwerp=f"Actiepunt casusoverleg {a.casusoverleg.kenmerk}",
                    tekst=(
                        f"Er staat een actiepunt voor u open in casusoverleg {a.casusoverleg.kenmerk}, "
                        f"uiterlijk {a.deadline:%d-%m-%Y}. Log in om het te bekijken."
                    ),
                    sleutel=f"actiepunt:{a.uuid}:{vandaag}",
                    gebruiker=a.eigenaar_gebruiker,
                )
                Actiepunt.objects.filter(pk=a.pk).update(herinnerd_op=vandaag)
                audit.record(
                    actor=Actor.systeem(),
                    actie="casusoverleg.herinnerd",
                    activiteit=ACTIVITEIT,
                    object=a,
                    velden=["deadline"],
                    verwerkingsverantwoordelijke=str(a.casusoverleg.verwerkingsverantwoordelijke.uuid),
                )
            verstuurd += 1
    return verstuurd
