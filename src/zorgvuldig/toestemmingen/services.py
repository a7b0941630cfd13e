"""Writes of the consent registry (SPEC §6). Each is atomic and audited in the same transaction; a refusal
changes nothing and is audited (AU-04).

Revoking is one call, like giving (CS-07); it stops future processing on the consent, ends the sharing
decisions that rest on it and tells the recipients of executed shares through the outbox (CS-08), all in
the revocation's transaction under a row lock on the consent — the same lock a share takes when it is
executed, so a share can never be executed after its consent's revocation committed.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from zorgvuldig.audit import services as audit
from zorgvuldig.core import crypto, errors, tenancy
from zorgvuldig.core.clock import AMSTERDAM, now, today
from zorgvuldig.core.errors import DomainError, InvalidParam
from zorgvuldig.toestemmingen import policies, selectors
from zorgvuldig.toestemmingen.models import Toestemming
from zorgvuldig.toestemmingen.selectors import ACTIVITEIT

PUBLIEKE_TYPES = {"gemeentelijk_team", "veilig_thuis", "raad_kinderbescherming", "gecertificeerde_instelling"}
INHOUD_VELDEN = ("inhoud", "waaromNodig", "afhankelijkheidReden", "bewijs")


def _weiger(fouten, detail: str) -> None:
    """The code that decides is the rule's main code (`hoofdcode`), not simply the first failure's."""
    fouten = list(fouten)
    errors.weiger(fouten, detail, policies.hoofdcode(fouten) or None)


def _publiek(organisatie) -> bool:
    return bool(organisatie.bestuursorgaan) or organisatie.type in PUBLIEKE_TYPES


def _gratis_direct(doel: str) -> bool:
    """CS-14: the purpose's processing activity is flagged "free and directly to the minor" (RG-01)."""
    from zorgvuldig.registers.models import Verwerkingsactiviteit

    return Verwerkingsactiviteit.objects.filter(
        code=doel, actief=True, gratis_direct_aan_minderjarige=True
    ).exists()


def _gever_fouten(persoon, invoer: policies.Toestemmingsinvoer, op: dt.date) -> list[policies.Fout]:
    """CS-05 … CS-16 through the platform core's representation policy, on the consent's date."""
    from zorgvuldig.personen.selectors import situatie

    uitkomst = policies.gever_toets(situatie(persoon, op), invoer, op, _gratis_direct(invoer.doel))
    fout = policies.gever_fout(uitkomst)
    return [fout] if fout else []


def _controleer(actor, persoon, invoer: policies.Toestemmingsinvoer, kader: str, nieuw: bool = False) -> None:
    """`nieuw`: a record being registered, whose purpose must come from the closed list (GP-02); a later
    decision on it (giving, refusing) keeps the purpose it was asked for."""
    fouten = list(
        policies.record_fouten(
            invoer, vandaag=today(), organisatie_is_publiek=_publiek(actor.organisatie), kader=kader
        )
    )
    if nieuw:
        doelen = selectors.doelen(actor.verwerkingsverantwoordelijke_id)
        fouten += policies.doel_fouten(invoer.doel, {code: doel for code, (_, doel) in doelen.items()})
    # CS-05 decides who may *give*; a refusal or objection by one of them already blocks, so a refusal
    # only has to name who refused.
    if invoer.status == policies.GEGEVEN and invoer.datum is not None:
        fouten += _gever_fouten(persoon, invoer, invoer.datum)
    elif invoer.status == policies.GEWEIGERD and not invoer.gevers:
        fouten.append(policies.Fout("E_INVALID_INPUT", "gevers", "Leg vast wie de toestemming weigerde."))
    _weiger(fouten, "De toestemming is zo niet geldig vast te leggen (SPEC §6).")


def _context(actor, betrokkene_uuid, dossier_uuid, recht: str):
    """The person, the dossier (if any) and the grant that allows recording consent for them."""
    from zorgvuldig.personen.selectors import persoon_of_404

    tenancy.activeer(actor)
    if not actor.rollen & {"medewerker", "leidinggevende"}:
        raise DomainError("E_AC_NOT_AUTHORISED", "Alleen hulpverleners leggen toestemming vast.")
    if dossier_uuid:
        from zorgvuldig.dossiers.selectors import dossier_of_404, sectie_toegang

        dossier, grants = dossier_of_404(actor, dossier_uuid)
        grant = sectie_toegang(actor, dossier, grants, "delen", recht)
        lid = dossier.leden.filter(persoon__uuid=betrokkene_uuid).select_related("persoon").first()
        if lid is None:
            raise DomainError(
                "E_INVALID_INPUT",
                "De betrokkene is geen lid van dit dossier.",
                [InvalidParam("betrokkene", "invalid", "Geen lid van het dossier.")],
            )
        return lid.persoon, dossier, grant
    persoon, grant = persoon_of_404(actor, betrokkene_uuid, "aanvullen")
    return persoon, None, grant


def _audit(actor, actie: str, rij: Toestemming, grant, velden) -> None:
    audit.record(
        actor=actor,
        actie=actie,
        activiteit=ACTIVITEIT,
        object=rij,
        betrokkenen=[rij.betrokkene],
        velden=list(velden),
        toegang=grant,
        koppeling={"toestemming": str(rij.uuid)},
    )


def _api_dict(rij: Toestemming) -> dict:
    """The stored record in the API's shape, to re-check it when it is given later."""
    inhoud = selectors.inhoud(rij)
    return {
        "soort": rij.soort,
        "status": rij.status,
        "betrokkene": str(rij.betrokkene.uuid),
        "gevers": rij.gevers,
        "jongereGehoord": {**(rij.jongere_gehoord or {}), "mening": inhoud.get("jongereMening", "")}
        if rij.jongere_gehoord
        else None,
        "andereOuder": rij.andere_ouder or None,
        "uitzondering": {"grond": rij.uitzondering, "redenen": inhoud.get("uitzonderingRedenen", "")}
        if rij.uitzondering
        else None,
        "doel": rij.doel,
        "ontvangers": rij.ontvangers,
        "gegevenscategorieen": rij.gegevenscategorieen,
        "vorm": rij.vorm or None,
        "uitdrukkelijk": rij.uitdrukkelijk,
        "alsGrondslag": rij.als_grondslag,
        "informatieGegeven": rij.informatie_gegeven or None,
        "belangBevestigd": rij.belang_bevestigd,
        "datum": rij.datum,
        "geldigTot": rij.geldig_tot,
        **{k: inhoud.get(k, "") for k in INHOUD_VELDEN},
    }


def _iso(waarde):
    return waarde.isoformat() if isinstance(waarde, dt.date) else waarde


def _zet(rij: Toestemming, data: dict) -> None:
    """Store an API-shaped record on the row: structure in clear, text encrypted."""
    jg = data.get("jongereGehoord") or {}
    uz = data.get("uitzondering") or {}
    ig = data.get("informatieGegeven") or {}
    rij.soort = data["soort"]
    rij.status = data.get("status") or policies.GEVRAAGD
    rij.gevers = [
        {"persoon": str(g["persoon"]), "hoedanigheid": g["hoedanigheid"]} for g in data.get("gevers") or []
    ]
    rij.jongere_gehoord = {"datum": _iso(jg["datum"])} if jg.get("datum") else {}
    ao = data.get("andereOuder") or {}
    rij.andere_ouder = {k: str(_iso(v)) for k, v in ao.items() if v}
    rij.uitzondering = uz.get("grond") or ""
    rij.doel = data.get("doel") or ""
    rij.ontvangers = [{k: str(v) for k, v in o.items() if v} for o in data.get("ontvangers") or []]
    rij.gegevenscategorieen = sorted(set(data.get("gegevenscategorieen") or []))
    rij.vorm = data.get("vorm") or ""
    rij.uitdrukkelijk = data.get("uitdrukkelijk") is True
    rij.als_grondslag = data.get("alsGrondslag") is True
    rij.informatie_gegeven = (
        {
            "datum": _iso(ig.get("datum")),
            "onderwerpen": sorted(ig.get("onderwerpen") or []),
        }
        if ig
        else {}
    )
    rij.belang_bevestigd = data.get("belangBevestigd") is True
    rij.datum = data.get("datum") or today()
    rij.geldig_tot = data.get("geldigTot")
    rij.inhoud_versleuteld = crypto.versleutel(
        rij,
        "inhoud",
        {
            **{k: (data.get(k) or "").strip() for k in INHOUD_VELDEN},
            "jongereMening": (jg.get("mening") or "").strip(),
            "uitzonderingRedenen": (uz.get("redenen") or "").strip(),
        },
    )


def _invoer(data: dict) -> policies.Toestemmingsinvoer:
    """API dict → the policy's input; stored ISO dates back to dates."""

    def datum(waarde):
        return dt.date.fromisoformat(waarde) if isinstance(waarde, str) and waarde else waarde

    data = dict(data)
    for veld in ("jongereGehoord", "andereOuder", "informatieGegeven"):
        if isinstance(data.get(veld), dict) and "datum" in data[veld]:
            data[veld] = {**data[veld], "datum": datum(data[veld]["datum"])}
    return policies.Toestemmingsinvoer.uit_api(data)


@audit.geweigerd_gelogd("toestemming.geregistreerd", ACTIVITEIT)
def registreer(*, actor, betrokkene_uuid, dossier_uuid, data: dict) -> tuple[Toestemming, tuple[str, ...]]:
    """Record a consent (asked, given or refused) with everything CS-01 … CS-16 require; returns the
    record and the CS-10 warnings."""
    with transaction.atomic():
        persoon, dossier, grant = _context(actor, betrokkene_uuid, dossier_uuid, "aanmaken")
        data = {**data, "betrokkene": str(persoon.uuid)}
        invoer = _invoer(data)
        _controleer(actor, persoon, invoer, dossier.kader if dossier else "vrijwillig", nieuw=True)
        rij = Toestemming(
            verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id,
            organisatie=actor.organisatie,
            betrokkene=persoon,
            dossier=dossier,
            vastgelegd_door=actor.gebruiker,
        )
        _zet(rij, data)
        rij.save()
        _audit(
            actor,
            "toestemming.geregistreerd",
            rij,
            grant,
            ["soort", "gevers", "doel", "ontvangers", "status"],
        )
    return rij, policies.waarschuwingen(invoer, organisatie_is_publiek=_publiek(actor.organisatie))


def _vergrendel(actor, uuid, recht: str = "aanvullen"):
    rij, grant = selectors.toestemming_of_404(actor, uuid, recht)
    return Toestemming.objects.select_for_update(of=("self",)).select_related("betrokkene", "dossier").get(
        pk=rij.pk
    ), grant


def _beslis(actor, uuid, naar: str, aanvulling: dict, actie: str) -> Toestemming:
    with transaction.atomic():
        rij, grant = _vergrendel(actor, uuid)
        fout = policies.overgang_fout(selectors.status(rij), naar)
        if fout:
            raise DomainError(fout.code, fout.reden, [InvalidParam(fout.naam, fout.code, fout.reden)])
        data = {**_api_dict(rij), **{k: v for k, v in aanvulling.items() if v is not None}, "status": naar}
        data.setdefault("datum", today())
        if "datum" not in aanvulling:
            data["datum"] = today()
        _controleer(actor, rij.betrokkene, _invoer(data), rij.dossier.kader if rij.dossier else "vrijwillig")
        _zet(rij, data)
        rij.save()
        _audit(actor, actie, rij, grant, ["status", "gevers", "datum"])
    return rij


@audit.geweigerd_gelogd("toestemming.gegeven", ACTIVITEIT)
def geef(*, actor, uuid, aanvulling: dict | None = None) -> Toestemming:
    """REQUESTED → GIVEN: the giver and everything a given consent needs are checked again (CS-05)."""
    return _beslis(actor, uuid, policies.GEGEVEN, aanvulling or {}, "toestemming.gegeven")


@audit.geweigerd_gelogd("toestemming.geweigerd", ACTIVITEIT)
def weiger(*, actor, uuid, aanvulling: dict | None = None) -> Toestemming:
    return _beslis(actor, uuid, policies.GEWEIGERD, aanvulling or {}, "toestemming.geweigerd")


@audit.geweigerd_gelogd("toestemming.ingetrokken", ACTIVITEIT)
def trek_in(
    *, actor, uuid, kanaal: str = "ui", datum: dt.date | None = None
) -> tuple[Toestemming, str, list]:
    """CS-07/CS-08: one step. From now on nothing rests on this consent: sharing decisions that rest on
    it and are not executed end; recipients of executed shares are told (outbox). Returns the record,
    the plain-Dutch consequences, and the ended decisions. `datum`: the day the client revoked, when
    that was earlier (a phone call or letter recorded later; API §2.5)."""
    from zorgvuldig.verstrekkingen import deelbesluiten as delen

    with transaction.atomic():
        rij, grant = _vergrendel(actor, uuid)
        fout = policies.intrekken_fout(selectors.status(rij))
        if fout:
            raise DomainError(fout.code, fout.reden, [InvalidParam(fout.naam, fout.code, fout.reden)])
        if fout := policies.intrekdatum_fout(datum, rij.datum, today()):
            raise DomainError(fout.code, fout.reden, [InvalidParam(fout.naam, "invalid", fout.reden)])
        rij.status = policies.INGETROKKEN
        rij.ingetrokken_op = now() if datum in (None, today()) else _begin_van(datum)
        rij.ingetrokken_kanaal = kanaal[:12]
        rij.save(update_fields=["status", "ingetrokken_op", "ingetrokken_kanaal", "gewijzigd"])
        beeindigd, actief = delen.beeindig_na_intrekking(actor=actor, toestemming=rij)
        kader = rij.dossier.kader if rij.dossier else "vrijwillig"
        gevolgen = policies.gevolgen(rij.soort, len(actief) + len(beeindigd), kader)
        # the advice is for the professional; the client revoking in "Mijn gegevens" sees only the
        # consequences (CS-07: plain language for the person, not the worker's next step)
        voor_medewerker = rij.dossier is not None and not getattr(actor, "is_portaal", False)
        advies = None
        if voor_medewerker:
            advies = policies.na_intrekking(selectors.veiligheidszorg(rij), kader, rij.soort)
        _audit(actor, "toestemming.ingetrokken", rij, grant, ["status", "ingetrokken_op"])
        if rij.dossier is not None and kanaal == "portaal":
            _meld_intrekking(rij, rij.dossier)
    return rij, "\n\n".join(t for t in (gevolgen, advies) if t), beeindigd


def _begin_van(datum: dt.date) -> dt.datetime:
    """The start of a day in Europe/Amsterdam (SPEC "Time"), as an aware moment."""
    return dt.datetime.combine(datum, dt.time.min, tzinfo=AMSTERDAM)


def _meld_intrekking(rij: Toestemming, dossier) -> None:
    """SPEC E7: a revocation in "Mijn gegevens" reaches the case team at once — by e-mail through the
    outbox (the dossier's reference only: no client data in a mail) and in their inbox with the advice."""
    from django.conf import settings

    from zorgvuldig.berichten.services import plaats_email
    from zorgvuldig.dossiers.selectors import toewijzingen

    vandaag = today()
    team = {t.gebruiker for t in toewijzingen(dossier) if t.toegang.geldig(vandaag)}
    for gebruiker in sorted(team, key=lambda g: g.pk):
        plaats_email(
            aan=gebruiker.email,
            onderwerp="Toestemming ingetrokken",
            tekst=(
                f"In dossier {dossier.kenmerk} is via Mijn gegevens een toestemming ingetrokken. "
                "Bekijk wat dit betekent voor de hulp:\n"
                f"{settings.BASE_URL.rstrip('/')}/toestemmingen/{rij.uuid}"
            ),
            sleutel=f"toestemming-ingetrokken:{rij.uuid}:{gebruiker.uuid}",
            gebruiker=gebruiker,
        )


@audit.geweigerd_gelogd("toestemming.terzijde_gelegd", ACTIVITEIT)
def leg_terzijde(*, actor, uuid, redenen: str) -> Toestemming:
    """CS-06: the leidinggevende sets aside a representative's decision when weighty client interests
    oppose it; the reasons are recorded."""
    with transaction.atomic():
        rij, grant = _vergrendel(actor, uuid, "lezen")
        gevers = rij.gevers or []
        vertegenwoordiger = any(g.get("hoedanigheid") != policies.ZELF for g in gevers)
        _weiger(
            policies.terzijdeleggen_fouten(
                redenen or "",
                "leidinggevende" in actor.rollen and "dossier:autoriseren" in actor.scopes,
                vertegenwoordiger,
            ),
            "Terzijdeleggen kan zo niet (CS-06).",
        )
        if rij.terzijdegelegd_door_id is not None:
            raise DomainError("E_STATE_CONFLICT", "Deze beslissing is al terzijde gelegd.")
        inhoud = selectors.inhoud(rij)
        inhoud["terzijdeRedenen"] = redenen.strip()
        rij.inhoud_versleuteld = crypto.versleutel(rij, "inhoud", inhoud)
        rij.terzijdegelegd_door = actor.gebruiker
        rij.save(update_fields=["inhoud_versleuteld", "terzijdegelegd_door", "gewijzigd"])
        _audit(actor, "toestemming.terzijde_gelegd", rij, grant, ["terzijdeRedenen"])
    return rij


def vergrendel_voor_uitvoering(toestemming_id: int) -> Toestemming | None:
    """The row lock a share takes when it is executed (CS-08): a concurrent revocation either committed
    before (the share sees it) or waits until the share committed."""
    return Toestemming.objects.select_for_update().filter(pk=toestemming_id).first()
