"""Writes of sharing decisions (SPEC §7): the wizard, consultation, the decision, execution, informing.

Every write re-evaluates the wizard with the pure policy (`policies.toets`, SH-21) over facts read here:
the sharer's organisation and registration, the recipient, the consent (G1), the dossier items. An
executed share writes the disclosure register (SH-16) in the same transaction. A share resting on
consent (G1) is executed only under a row lock on that consent, re-checked then: a revocation that
committed first blocks it, one that comes later waits for it (CS-08).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from zorgvuldig.audit import services as audit
from zorgvuldig.core import crypto, tenancy
from zorgvuldig.core.clock import now, today
from zorgvuldig.core.errors import DomainError, InvalidParam, weiger
from zorgvuldig.verstrekkingen import policies as p
from zorgvuldig.verstrekkingen.models import Deelbesluit, Verstrekking

ACTIVITEIT = "gegevensdeling"
RICHTINGEN = (p.VERSTREKKEN, p.OPVRAGEN)


def _weiger(fouten, detail: str) -> None:
    """The code that decides is the rule's main code (`hoofdcode`), not simply the first failure's."""
    fouten = list(fouten)
    weiger(fouten, detail, p.hoofdcode(fouten) or None)


# --- From stored answers to the policy's question -----------------------------------------------


def _b(waarde) -> bool | None:
    return waarde if isinstance(waarde, bool) else None


def _d(waarde) -> dt.date | None:
    if isinstance(waarde, dt.date):
        return waarde
    try:
        return dt.date.fromisoformat(waarde) if isinstance(waarde, str) and waarde else None
    except ValueError:
        return None


def antwoorden(rij: Deelbesluit) -> dict:
    return crypto.ontsleutel(rij, "antwoorden") or {}


def _gegevens(rij: Deelbesluit, a: dict) -> tuple[p.Gegeven, ...]:
    """Items as the policy sees them. An item taken from the dossier carries its note's type and source
    (DS-07), whether the client made statements on it (DS-09) and whether it is hidden for safety (DS-13)."""
    from zorgvuldig.dossiers.models import Afscherming, Notitie

    uit = []
    for g in a.get("gegevens") or []:
        soort, bron, verklaring, verborgen = g.get("soort"), g.get("bron"), False, False
        if g.get("item"):
            notitie = Notitie.objects.filter(dossier_id=rij.dossier_id, uuid=g["item"]).first()
            if notitie is not None:
                soort, bron = notitie.soort, notitie.bron_soort
                verklaring = notitie.verklaringen.exists()
                verborgen = (
                    rij.ontvanger_type == p.PERSOON
                    and Afscherming.objects.filter(
                        object_type="dossiers.notitie", object_id=notitie.pk, opgeheven_op__isnull=True
                    ).exists()
                )
        uit.append(
            p.Gegeven(
                omschrijving=g.get("omschrijving") or "",
                bijzonder=g.get("bijzonder") is True,
                categorie=g.get("categorie") or None,
                uitzondering=g.get("uitzondering") or None,
                soort=soort,
                bron=bron,
                heeft_eigen_verklaring=verklaring,
                verborgen_voor_ontvanger=verborgen,
            )
        )
    return tuple(uit)


def _toestemming(rij: Deelbesluit, a: dict, vandaag: dt.date) -> p.Toestemmingsfeit | None:
    """G1: what the consent registry says about this share (CS-03): the registry's own `dekt` names the
    first gap — validity, form, recipient, purpose, data, explicitness."""
    toestemming = rij.toestemming
    if toestemming is None:
        return None
    from zorgvuldig.toestemmingen import policies as cs
    from zorgvuldig.toestemmingen import selectors as toestemmingen

    t = toestemmingen.feit(toestemming)
    org = rij.ontvanger_organisatie
    ontvanger = str(org.uuid) if org is not None else (rij.ontvanger or {}).get("naam", "")
    categorieen = frozenset(g.get("categorie") for g in a.get("gegevens") or [] if g.get("categorie"))
    doel = _doel(a) or ""
    gat = cs.dekt(
        t,
        ontvanger=ontvanger,
        doel=doel,
        gegevens=categorieen,
        vandaag=vandaag,
        bijzonder=any(g.is_bijzonder for g in _gegevens(rij, a)),
    )
    veld = gat.naam if gat else None
    return p.Toestemmingsfeit(
        soort=toestemming.soort,
        schriftelijk=veld != "vorm" and toestemming.vorm in cs.SCHRIFTELIJKE_VORMEN,
        geldig=veld != "status",
        dekt_ontvanger=veld not in ("status", "ontvangers"),
        dekt_doel=veld not in ("status", "ontvangers", "doel"),
        dekt_gegevens=veld is None or veld == "uitdrukkelijk",
        uitdrukkelijk=t.uitdrukkelijk,
    )


def deelvraag(rij: Deelbesluit, a: dict, actor, vandaag: dt.date) -> p.Deelvraag:
    """The whole wizard state of `rij` as the pure policy's input (SH-21)."""
    from zorgvuldig.verstrekkingen.selectors import activiteiten

    st = a.get("stappen") or {}
    noodzaak = st.get("noodzaak") or {}
    informeren = st.get("informeren") or {}
    rechten = st.get("rechten") or {}
    vv = a.get("vierVragen") or {}
    cvp = a.get("conflictVanPlichten") or {}
    ver = a.get("verenigbaarheid") or {}
    vb = a.get("vitaalBelang") or {}
    wp = a.get("wettelijkePlicht") or {}
    sv = wp.get("schriftelijkVerzoek")
    vt = a.get("vtMelding")
    c = a.get("consultatie")
    org = rij.organisatie
    gebruiker = rij.aangemaakt_door
    return p.Deelvraag(
        richting=rij.richting,
        organisatietype=org.type,
        bestuursorgaan=bool(org.bestuursorgaan),
        geheimhouder=bool(getattr(gebruiker, "registratie_register", "")),
        g5_participatiewet_aan=bool(org.g5_participatiewet),
        ontvanger_type=rij.ontvanger_type or None,
        ontvanger_grondslag=(st.get("grondslag") or {}).get("ontvanger"),
        ontvanger_direct_betrokken=a.get("ontvangerDirectBetrokken") is True,
        ontvanger_is_gezaghebbende_ouder=a.get("ontvangerGezaghebbendeOuder") is True,
        kind_onder_16=a.get("kindOnder16") is True,
        onverenigbaar_met_goede_zorg=a.get("onverenigbaarMetGoedeZorg") is True,
        doel=_doel(a),
        activiteiten={
            code: doel for code, (_, doel) in activiteiten(rij.verwerkingsverantwoordelijke_id).items()
        },
        grondslag_eigen=(st.get("grondslag") or {}).get("eigen"),
        klasse=rij.klasse or None,
        grond=rij.grond or None,
        toestemming=_toestemming(rij, a, vandaag),
        noodzaak=p.Noodzaak(
            onderbouwing=noodzaak.get("onderbouwing") or "",
            van_client=_b(noodzaak.get("vanClient")),
            anoniem_volstaat=_b(noodzaak.get("anoniemVolstaat")),
            dat_gegeven_volstaat=_b(noodzaak.get("datGegevenVolstaat")),
            beeindigt_huiselijk_geweld=_b(noodzaak.get("beeindigtHuiselijkGeweld")),
        ),
        gegevens=_gegevens(rij, a),
        beroepsgeheim=_b(st.get("beroepsgeheim")),
        informeren=p.Informeren(moment=informeren.get("moment"), grond=informeren.get("grond")),
        kinderbeschermingstafel=a.get("kinderbeschermingstafel") is True,
        rechten=p.Rechten(
            eigen_verklaringen_mee=_b(rechten.get("eigenVerklaringenMee")),
            geen_verborgen_items=_b(rechten.get("geenVerborgenItems")),
        ),
        vier_vragen=p.VierVragen(
            legitiem_doel=_b(vv.get("legitiemDoel")),
            enige_weg=_b(vv.get("enigeWeg")),
            instemming_onmogelijk_of_gezocht=_b(vv.get("instemmingOnmogelijkOfGezocht")),
            belang_client_weegt_zwaarder=_b(vv.get("belangClientWeegtZwaarder")),
        ),
        conflict_van_plichten=p.ConflictVanPlichten(
            toestemming_niet_haalbaar=cvp.get("toestemmingNietHaalbaar"),
            ernstige_schade=cvp.get("ernstigeSchade") or "",
            andere_wegen=cvp.get("andereWegen") or "",
            kans_beperking=cvp.get("kansBeperking") or "",
            objectief_eigen_waarneming=_b(cvp.get("objectiefEigenWaarneming")),
            openheid_naar_client=_b(cvp.get("openheidNaarClient")),
        ),
        verenigbaarheid=p.Verenigbaarheid(
            verband_doelen=ver.get("verbandDoelen") or "",
            context_verwachtingen=ver.get("contextVerwachtingen") or "",
            gevoeligheid=ver.get("gevoeligheid") or "",
            gevolgen=ver.get("gevolgen") or "",
            waarborgen=ver.get("waarborgen") or "",
        ),
        vitaal_belang=p.VitaalBelang(
            zeer_ernstige_situatie=_b(vb.get("zeerErnstigeSituatie")),
            vitaal_belang=_b(vb.get("vitaalBelang")),
            dringend_nodig_niet_door_team=_b(vb.get("dringendNodigNietDoorTeam")),
            toestemming_onmogelijk=_b(vb.get("toestemmingOnmogelijk")),
            enige_weg=_b(vb.get("enigeWeg")),
        ),
        wettelijke_bevoegdheid_bepaling=(a.get("wettelijkeBevoegdheid") or {}).get("bepaling") or "",
        wettelijke_plicht=p.WettelijkePlicht(
            ontvanger=wp.get("ontvanger"),
            bepaling=wp.get("bepaling") or "",
            schriftelijk_verzoek=p.SchriftelijkVerzoek(
                kenmerk=sv.get("kenmerk") or "", datum=_d(sv.get("datum")), bepaling=sv.get("bepaling") or ""
            )
            if isinstance(sv, dict)
            else None,
            juridisch_advies=_b(wp.get("juridischAdvies")),
        ),
        verzoek_context=a.get("verzoekContext") or "",
        verrijking=a.get("verrijking") is True,
        vt_melding=p.VtMelding(datum=_d(vt.get("datum")), ambtshalve=vt.get("ambtshalve") is True)  # type: ignore[arg-type]
        if isinstance(vt, dict) and _d(vt.get("datum"))
        else None,
        onderzoek_gestart_op=_d(a.get("onderzoekGestartOp")),
        verschoningsrecht=rij.verschoningsrecht,
        consultatie=p.Consultatie(
            door_rol=c.get("rol"), tijdstip=_d(c.get("datum")), advies=c.get("advies") or ""
        )
        if isinstance(c, dict)
        else None,
        spoed=rij.spoed,
    )


def _doel(a: dict) -> str | None:
    return ((a.get("stappen") or {}).get("doel") or {}).get("verwerkingsactiviteit") or None


def _controleer_doel(rij: Deelbesluit, a: dict) -> None:
    """GP-02: a purpose, once named, is a processing activity that allows sharing client data; another is
    refused (E_NO_PURPOSE) and nothing is stored. A draft may still leave it open (step 1 then fails)."""
    from zorgvuldig.verstrekkingen.selectors import activiteiten

    doel = _doel(a)
    if doel is None:
        return
    bekend = {code: d for code, (_, d) in activiteiten(rij.verwerkingsverantwoordelijke_id).items()}
    _weiger(p.doel_fouten(doel, bekend), "Dit doel past niet bij een deelbesluit (GP-02).")


def toetsing(rij: Deelbesluit, a: dict, actor) -> list[dict]:
    """The eight steps as stored and shown (codes only, no content)."""
    return [
        {"stap": s.stap, "naam": s.naam, "ok": s.ok, "code": s.code}
        for s in p.toets(deelvraag(rij, a, actor, today()))
    ]


# --- Access ---------------------------------------------------------------------------------------


def _dossier(actor, dossier_uuid, recht: str):
    """Sharing decisions belong to the dossier: its "delen" section (case team, AC-04/AC-05)."""
    from zorgvuldig.dossiers.selectors import dossier_of_404, sectie_toegang

    dossier, grants = dossier_of_404(actor, dossier_uuid)
    return dossier, sectie_toegang(actor, dossier, grants, "delen", recht)


def _persoonlijk(actor) -> None:
    if not actor.rollen & {"medewerker", "leidinggevende"}:
        raise DomainError("E_AC_NOT_AUTHORISED", "Alleen hulpverleners nemen deelbesluiten (SH-01).")


def _betrokkenen(rij: Deelbesluit) -> list:
    from zorgvuldig.dossiers.selectors import personen

    return personen(rij.dossier)


def activiteit_van(rij: Deelbesluit, a: dict | None = None) -> tuple[str, str | None]:
    """GP-02, AU-02: (processing activity, purpose) the decision's steps and disclosures are logged under.
    A share for the worker's own task (SH-03 class A, B) serves the purpose its doel step names — that
    activity, while it is active for the controller. A share for the recipient's task only (class C) is
    not our own processing for that purpose but the act of providing: the sharing activity, with the
    purpose step 1 names (AU-02: the FG reads the processing purpose; the class is no purpose, FG review
    2026-11-28). Before a purpose is chosen, or once the FG ended it: the sharing activity with its own
    purpose (None)."""
    from zorgvuldig.verstrekkingen.selectors import activiteiten

    actief = activiteiten(rij.verwerkingsverantwoordelijke_id)
    gekozen = _doel(antwoorden(rij) if a is None else a)
    if gekozen not in actief:
        return ACTIVITEIT, None
    if rij.klasse == p.KLASSE_C:
        return ACTIVITEIT, actief[gekozen][1]
    return gekozen, None


def doel_van(rij: Deelbesluit, a: dict | None = None) -> str:
    """GP-02, API §1.3: the purpose code the decision is logged under (`activiteit_van`) — what a
    `Verwerkingsdoel` header may name on the decision's own operations besides the sharing purpose."""
    from zorgvuldig.registers.services import activiteit

    code, doel = activiteit_van(rij, a)
    return doel or activiteit(code)[1]


def _audit(actor, actie: str, rij: Deelbesluit, grant, velden, **extra) -> None:
    a = antwoorden(rij)
    activiteit, doel = activiteit_van(rij, a)
    extra.setdefault("grondslag", _grondslag(a))  # the basis chosen in the wizard (step 2), once chosen
    audit.record(
        actor=actor,
        actie=actie,
        activiteit=activiteit,
        doel=doel,
        object=rij,
        betrokkenen=_betrokkenen(rij),
        velden=list(velden),
        toegang=grant,
        # AU-02: the decision and the ground (G1–G8) it rests on, once chosen; the consent it names
        koppeling={
            "deelbesluit": str(rij.uuid),
            **({"grond": rij.grond} if rij.grond else {}),
            **({"toestemming": str(rij.toestemming.uuid)} if rij.toestemming else {}),
        },
        **extra,
    )


# --- The wizard ------------------------------------------------------------------------------------

STRUCTUUR = (
    "richting",
    "ontvanger_organisatie",
    "ontvanger_type",
    "ontvanger",
    "klasse",
    "grond",
    "toestemming",
    "spoed",
    "verschoningsrecht",
)


def _zet(rij: Deelbesluit, data: dict, a: dict) -> None:
    """Structured fields in clear, answers encrypted."""
    for veld in STRUCTUUR:
        if veld in data:
            setattr(
                rij,
                veld,
                data[veld] if data[veld] is not None else ("" if veld in ("klasse", "grond") else None),
            )
    rij.klasse = rij.klasse or ""
    rij.grond = rij.grond or ""
    rij.antwoorden_versleuteld = crypto.versleutel(rij, "antwoorden", a)


def _controleer_invoer(data: dict) -> None:
    fouten = []
    if data.get("richting") not in RICHTINGEN:
        fouten.append(InvalidParam("richting", "invalid", "Verstrekken of opvragen."))
    if not data.get("ontvanger_organisatie") and not (data.get("ontvanger") or {}).get("naam"):
        fouten.append(InvalidParam("ontvanger", "required", "Wie ontvangt (of wie vraagt u)?"))
    if data.get("grond") and data["grond"] not in p.ALLE_GRONDEN:
        fouten.append(InvalidParam("grond", "invalid", "Onbekende grond (G1–G8)."))
    if fouten:
        raise DomainError("E_INVALID_INPUT", "Het deelbesluit is onvolledig.", fouten)


@audit.geweigerd_gelogd("deelbesluit.geregistreerd", ACTIVITEIT)
def maak(*, actor, dossier_uuid, data: dict, antwoorden_: dict) -> Deelbesluit:
    """DRAFT: the wizard's first save; the answers are evaluated at once and on every change (SH-21)."""
    tenancy.activeer(actor)
    _persoonlijk(actor)
    _controleer_invoer(data)
    with transaction.atomic():
        dossier, grant = _dossier(actor, dossier_uuid, "aanmaken")
        if dossier.status == "gesloten":
            raise DomainError("E_STATE_CONFLICT", "Het dossier is gesloten.")
        _controleer_toestemming(dossier, data.get("toestemming"))
        _controleer_items(actor, dossier, antwoorden_)
        if antwoorden_.get("viMatch"):
            _controleer_match(actor, antwoorden_["viMatch"], data.get("ontvanger_organisatie"))
        rij = Deelbesluit(
            verwerkingsverantwoordelijke_id=dossier.verwerkingsverantwoordelijke_id,
            organisatie_id=dossier.organisatie_id,
            dossier=dossier,
            status=p.CONCEPT,
            aangemaakt_door=actor.gebruiker,
        )
        _controleer_doel(rij, antwoorden_)
        _zet(rij, data, antwoorden_)
        rij.toetsing = toetsing(rij, antwoorden_, actor)
        rij.save()
        _audit(actor, "deelbesluit.geregistreerd", rij, grant, ["richting", "ontvanger", "grond", "stappen"])
    return rij


def _controleer_items(actor, dossier, a: dict) -> None:
    """An item taken from the dossier must be a note the actor may read (AC-05, AC-10): sharing cannot
    reach what reading cannot."""
    from zorgvuldig.dossiers.models import Notitie
    from zorgvuldig.dossiers.selectors import grants_op, leesbare_secties

    uuids = {str(g["item"]) for g in a.get("gegevens") or [] if g.get("item")}
    if not uuids or actor.is_systeem:
        return
    leesbaar = leesbare_secties(grants_op(actor, dossier))
    gevonden = {
        str(u)
        for u in Notitie.objects.filter(dossier=dossier, uuid__in=uuids, sectie__in=leesbaar).values_list(
            "uuid", flat=True
        )
    }
    if uuids - gevonden:
        raise DomainError(
            "E_INVALID_INPUT",
            "Een item is geen notitie van dit dossier die u mag lezen.",
            [InvalidParam("gegevens.item", "invalid", "Onbekende of niet leesbare notitie.")],
        )


def _controleer_match(actor, match_uuid, ontvanger) -> None:
    """VI-13: after a match, information goes only to a signaler in it, and only through a sharing
    decision; the verwijsindex names who may be the recipient."""
    from zorgvuldig.core.errors import NotFound
    from zorgvuldig.verwijsindex.selectors import deelbesluit_ontvangers

    try:
        toegestaan = {d.organisatie_id for d in deelbesluit_ontvangers(actor, match_uuid)}
    except NotFound as exc:
        raise DomainError(
            "E_INVALID_INPUT", "Onbekende match.", [InvalidParam("viMatch", "invalid", "Geen match van u.")]
        ) from exc
    if ontvanger is None or ontvanger.pk not in toegestaan:
        raise DomainError(
            "E_INVALID_INPUT",
            "Na een match deelt u alleen met een andere signaleerder in die match (VI-13).",
            [InvalidParam("ontvanger.organisatie", "invalid", "Geen deelnemer aan deze match.")],
        )


def _controleer_toestemming(dossier, toestemming) -> None:
    if toestemming is not None and toestemming.dossier_id not in (None, dossier.pk):
        raise DomainError(
            "E_INVALID_INPUT",
            "De toestemming hoort niet bij dit dossier.",
            [InvalidParam("toestemming", "invalid", "Andere betrokkene of dossier.")],
        )


def _vergrendel(actor, uuid, recht: str):
    from zorgvuldig.verstrekkingen import selectors

    rij, grant = selectors.deelbesluit_of_404(actor, uuid, recht)
    rij = (
        Deelbesluit.objects.select_for_update(of=("self",))
        .select_related("dossier", "organisatie", "aangemaakt_door", "toestemming", "ontvanger_organisatie")
        .get(pk=rij.pk)
    )
    return rij, grant


@audit.geweigerd_gelogd("deelbesluit.gewijzigd", ACTIVITEIT)
def wijzig(*, actor, uuid, data: dict, antwoorden_: dict | None) -> Deelbesluit:
    """PATCH in DRAFT: answers merged per top-level key, the wizard re-evaluated (SH-21)."""
    with transaction.atomic():
        rij, grant = _vergrendel(actor, uuid, "aanvullen")
        if rij.status != p.CONCEPT:
            raise DomainError("E_STATE_CONFLICT", "Alleen een concept-deelbesluit is te wijzigen (SPEC §7).")
        a = {**antwoorden(rij), **(antwoorden_ or {})}
        merged = {veld: getattr(rij, veld) for veld in STRUCTUUR} | data
        _controleer_invoer(merged)
        _controleer_toestemming(rij.dossier, merged.get("toestemming"))
        _controleer_items(actor, rij.dossier, a)
        _controleer_doel(rij, a)
        _zet(rij, data, a)
        rij.toetsing = toetsing(rij, a, actor)
        rij.save()
        _audit(actor, "deelbesluit.gewijzigd", rij, grant, sorted(set(data) | set(antwoorden_ or {})))
    return rij


@audit.geweigerd_gelogd("deelbesluit.geconsulteerd", ACTIVITEIT)
def consulteer(*, actor, uuid, adviseur, tijdstip: dt.datetime, advies: str) -> Deelbesluit:
    """SH-09/SH-11: the consultation — who, when, advice — is recorded; the decision stays the
    professional's. In DRAFT it moves to CONSULT; on the urgent path it follows the decision."""
    with transaction.atomic():
        rij, grant = _vergrendel(actor, uuid, "aanvullen")
        fouten = []
        if (
            adviseur is None
            or not adviseur.is_active
            or adviseur.organisatie_id != rij.organisatie_id
            or adviseur.pk == actor.gebruiker.pk
        ):
            fouten.append(
                InvalidParam(
                    "adviseur",
                    "invalid",
                    "Kies wie u heeft geraadpleegd: een collega of leidinggevende van uw organisatie, "
                    "niet uzelf.",
                )
            )
        if tijdstip is None or tijdstip > now():
            fouten.append(
                InvalidParam("tijdstip", "invalid", "Het moment van het overleg, niet in de toekomst.")
            )
        if not (advies or "").strip():
            fouten.append(InvalidParam("advies", "required", "Leg het advies vast (SH-11)."))
        if fouten:
            raise DomainError("E_INVALID_INPUT", "De consultatie is onvolledig (SH-11).", fouten)
        if rij.status not in (p.CONCEPT, p.CONSULTATIE, p.BESLOTEN) or (
            rij.status == p.BESLOTEN and rij.consultatie_op is not None
        ):
            raise DomainError("E_STATE_CONFLICT", "Consulteren kan nu niet (SPEC §7).")
        rol = p.LEIDINGGEVENDE if "leidinggevende" in (adviseur.rollen or []) else p.COLLEGA
        a = antwoorden(rij)
        _weiger(
            p.consultatie_fouten(
                deelvraag(rij, a, actor, today()), rol, today(), concept=rij.status == p.CONCEPT
            ),
            "Consulteren kan nu niet (SH-09).",
        )
        a["consultatie"] = {
            "rol": rol,
            "datum": tijdstip.date().isoformat(),
            "advies": advies.strip(),
            "adviseur": adviseur.naam,
            "vastgelegdDoor": actor.gebruiker.naam,
        }
        rij.consultatie_door, rij.consultatie_op = adviseur, tijdstip
        if rij.status == p.CONCEPT:
            rij.status = p.CONSULTATIE
        rij.antwoorden_versleuteld = crypto.versleutel(rij, "antwoorden", a)
        rij.toetsing = toetsing(rij, a, actor)
        rij.save()
        _audit(actor, "deelbesluit.geconsulteerd", rij, grant, ["consultatie"])
        _meld_adviseur(actor, rij, adviseur)
    return rij


def _meld_adviseur(actor, rij: Deelbesluit, adviseur) -> None:
    """SH-11: advice recorded in someone's name must be theirs. The adviser gets a task (derived from the
    decision, `werkvoorraad`) and an e-mail through the outbox that names the colleague, the dossier's
    reference and the page where the advice can be confirmed or corrected — never the advice itself or
    the client (free text may hold personal data)."""
    from django.conf import settings

    from zorgvuldig.berichten.services import plaats_email

    if not adviseur.email:
        return
    plaats_email(
        aan=adviseur.email,
        onderwerp="Advies op uw naam vastgelegd",
        tekst=(
            f"Beste {adviseur.naam},\n\n{actor.gebruiker.naam} heeft een advies van u vastgelegd bij een "
            f"deelbesluit in dossier {rij.dossier.kenmerk} (SH-11). Controleer of het advies klopt, en "
            "bevestig of corrigeer het:\n\n"
            f"{settings.BASE_URL.rstrip('/')}/deelbesluiten/{rij.uuid}/advies\n"
        ),
        sleutel=f"consultatie:{rij.uuid}:{rij.consultatie_op.isoformat() if rij.consultatie_op else ''}",
        gebruiker=adviseur,
    )


def advies_reactie(rij: Deelbesluit, a: dict | None = None) -> dict | None:
    """SH-11: the adviser's own reaction to the advice recorded in their name, if any."""
    return ((antwoorden(rij) if a is None else a).get("consultatie") or {}).get("reactie")


@audit.geweigerd_gelogd("deelbesluit.advies_bevestigd", ACTIVITEIT)
def reageer_op_advies(*, actor, uuid, akkoord: bool, toelichting: str = "") -> Deelbesluit:
    """SH-11: the adviser confirms the advice recorded in their name, or corrects it with their own words.
    The recorded advice stays as it was (it is what the professional decided on); the reaction is kept
    beside it, shown on the decision and audited. Once only: a second reaction is a state conflict."""
    from zorgvuldig.verstrekkingen import selectors

    toelichting = (toelichting or "").strip()
    if not akkoord and not toelichting:
        raise DomainError(
            "E_INVALID_INPUT",
            "Schrijf op wat uw advies wel was (SH-11).",
            [InvalidParam("toelichting", "required", "Schrijf op wat uw advies wel was.")],
        )
    with transaction.atomic():
        gevonden = selectors.advies_van(actor, uuid)
        rij = (
            Deelbesluit.objects.select_for_update(of=("self",))
            .select_related("dossier", "toestemming", "aangemaakt_door")
            .get(pk=gevonden.pk)
        )
        a = antwoorden(rij)
        if advies_reactie(rij, a) is not None:
            raise DomainError("E_STATE_CONFLICT", "U heeft al op dit advies gereageerd.")
        a["consultatie"]["reactie"] = {
            "akkoord": akkoord,
            "toelichting": toelichting,
            "op": now().isoformat(),
        }
        rij.antwoorden_versleuteld = crypto.versleutel(rij, "antwoorden", a)
        rij.save(update_fields=["antwoorden_versleuteld", "gewijzigd"])
        actie = "deelbesluit.advies_bevestigd" if akkoord else "deelbesluit.advies_gecorrigeerd"
        _audit(actor, actie, rij, None, ["consultatie"])
        maker = rij.aangemaakt_door
        if not akkoord and maker.email and maker.pk != actor.gebruiker.pk:
            from django.conf import settings

            from zorgvuldig.berichten.services import plaats_email

            # the decision stays the professional's (SH-11): they hear of the correction, not its text
            plaats_email(
                aan=maker.email,
                onderwerp="Advies bij een deelbesluit gecorrigeerd",
                tekst=(
                    f"Beste {maker.naam},\n\n{actor.gebruiker.naam} heeft het advies dat op zijn of haar "
                    f"naam is vastgelegd bij een deelbesluit in dossier {rij.dossier.kenmerk} gecorrigeerd "
                    "(SH-11). Lees de correctie bij het deelbesluit:\n\n"
                    f"{settings.BASE_URL.rstrip('/')}/deelbesluiten/{rij.uuid}\n"
                ),
                sleutel=f"advies-gecorrigeerd:{rij.uuid}",
                gebruiker=maker,
            )
    return rij


@audit.geweigerd_gelogd("deelbesluit.vervallen", ACTIVITEIT)
def verklaar_vervallen(*, actor, uuid, reden: str) -> Deelbesluit:
    """A draft that will not be decided is discarded with a reason (SPEC §7 States: → beeindigd), so it no
    longer stands open on the dossier; the reason is kept with the answers and the step is audited."""
    with transaction.atomic():
        rij, grant = _vergrendel(actor, uuid, "aanvullen")
        _weiger(p.vervallen_fouten(rij.status, reden or ""), "Dit deelbesluit kan niet vervallen (SPEC §7).")
        a = antwoorden(rij)
        a["vervallen"] = {"reden": reden.strip(), "door": actor.gebruiker.naam}
        rij.status, rij.beeindigd_op = p.BEEINDIGD, now()
        rij.antwoorden_versleuteld = crypto.versleutel(rij, "antwoorden", a)
        rij.save()
        _audit(actor, "deelbesluit.vervallen", rij, grant, ["status", "vervallen"])
    return rij


@audit.geweigerd_gelogd("deelbesluit.besloten", ACTIVITEIT)
def besluit(*, actor, uuid, besluit_: str, redenen: str, spoed: bool = False) -> Deelbesluit:
    """SH-10: DECIDED with reasons, only when every step and the ground hold (first failing code); the
    urgent path decides from DRAFT with the consultation due within 1 working day."""
    with transaction.atomic():
        rij, grant = _vergrendel(actor, uuid, "aanvullen")
        fout = p.overgang_fout(rij.status, p.BESLOTEN)
        if fout:
            raise DomainError("E_STATE_CONFLICT", fout)
        rij.spoed = bool(spoed)
        a = antwoorden(rij)
        vraag = deelvraag(rij, a, actor, today())
        _weiger(
            p.besluit_fouten(vraag, besluit_, redenen, today()), "Dit besluit voldoet nog niet (SPEC §7)."
        )
        a["besluitRedenen"] = (redenen or "").strip()
        rij.besluit, rij.besloten_op, rij.besloten_door = besluit_, now(), actor.gebruiker
        rij.status = p.BESLOTEN
        informeren = (a.get("stappen") or {}).get("informeren") or {}
        rij.informeren_moment = informeren.get("moment") or ""
        rij.informeren_grond = informeren.get("grond") or ""
        if rij.spoed and p.consultatie_vereist(vraag) and rij.consultatie_op is None:
            rij.consultatie_uiterlijk = p.consultatie_uiterlijk(today())
        rij.antwoorden_versleuteld = crypto.versleutel(rij, "antwoorden", a)
        rij.toetsing = [{"stap": s.stap, "naam": s.naam, "ok": s.ok, "code": s.code} for s in p.toets(vraag)]
        rij.save()
        _audit(actor, "deelbesluit.besloten", rij, grant, ["besluit", "redenen"], grondslag=_grondslag(a))
    return rij


def _grondslag(a: dict) -> str | None:
    eigen = ((a.get("stappen") or {}).get("grondslag") or {}).get("eigen")
    return eigen if eigen in p.GRONDSLAGEN else None


@audit.geweigerd_gelogd("deelbesluit.client_geinformeerd", ACTIVITEIT)
def informeer_client(*, actor, uuid, datum: dt.date, wijze: str) -> Deelbesluit:
    """SH-14/SH-15: the client was told — before execution (in DECIDED) or after it (or after a
    postponement)."""
    with transaction.atomic():
        rij, grant = _vergrendel(actor, uuid, "aanvullen")
        fouten = []
        if datum is None or datum > today():
            fouten.append(InvalidParam("datum", "invalid", "Niet in de toekomst."))
        if not (wijze or "").strip():
            fouten.append(InvalidParam("wijze", "required", "Hoe is de cliënt geïnformeerd?"))
        if fouten:
            raise DomainError("E_INVALID_INPUT", "Datum en wijze van informeren (SH-14).", fouten)
        if rij.geinformeerd_op is not None:
            raise DomainError("E_STATE_CONFLICT", "De cliënt is al geïnformeerd.")
        if rij.status == p.BESLOTEN:
            rij.geinformeerd_op = datum  # before: the status follows at execution
        else:
            fout = p.overgang_fout(rij.status, p.CLIENT_GEINFORMEERD)
            if fout:
                raise DomainError("E_STATE_CONFLICT", fout)
            rij.status, rij.geinformeerd_op = p.CLIENT_GEINFORMEERD, datum
        a = antwoorden(rij)
        a["informeringWijze"] = wijze.strip()
        rij.antwoorden_versleuteld = crypto.versleutel(rij, "antwoorden", a)
        rij.save()
        _audit(actor, "deelbesluit.client_geinformeerd", rij, grant, ["clientInformering"])
    return rij


@audit.geweigerd_gelogd("deelbesluit.informeren_uitgesteld", ACTIVITEIT)
def stel_informeren_uit(*, actor, uuid, grond: str, toelichting: str, reviewdatum: dt.date) -> Deelbesluit:
    """SH-14: postponing informing only on concrete safety indications or Participatiewet enforcement, with
    the leidinggevende's approval and a review at most every `sharing.postpone_review_days`; repeated as
    the review."""
    from zorgvuldig.verstrekkingen import selectors

    if "deelbesluit:goedkeuren" not in actor.scopes or "leidinggevende" not in actor.rollen:
        raise DomainError("E_AC_NOT_AUTHORISED", "De leidinggevende keurt uitstel goed (SH-14).")
    with transaction.atomic():
        gevonden = selectors.deelbesluit_voor_goedkeuring(actor, uuid)
        rij = (
            Deelbesluit.objects.select_for_update(of=("self",)).select_related("dossier").get(pk=gevonden.pk)
        )
        fout = p.overgang_fout(rij.status, p.INFORMEREN_UITGESTELD)
        if fout:
            raise DomainError("E_STATE_CONFLICT", fout)
        a = antwoorden(rij)
        participatiewet = (a.get("wettelijkePlicht") or {}).get(
            "ontvanger"
        ) == "participatiewet" and rij.grond == p.G5
        _weiger(
            p.uitstel_fouten(
                grond,
                toelichting or "",
                reviewdatum,
                today(),
                goedgekeurd_door_leidinggevende=True,
                participatiewet_g5=participatiewet,
            ),
            "Uitstel kan zo niet (SH-14).",
        )
        a.setdefault("uitstel", []).append(
            {
                "grond": grond,
                "toelichting": toelichting.strip(),
                "reviewdatum": reviewdatum.isoformat(),
                "door": actor.gebruiker.naam,
            }
        )
        rij.status, rij.informeren_grond, rij.reviewdatum = p.INFORMEREN_UITGESTELD, grond, reviewdatum
        # postponed now, whatever the wizard said beforehand: a refusal (`wijs_uitstel_af`) can end it
        rij.informeren_moment = p.UITGESTELD
        rij.uitstel_goedgekeurd_door = actor.gebruiker
        rij.antwoorden_versleuteld = crypto.versleutel(rij, "antwoorden", a)
        rij.save()
        _audit(actor, "deelbesluit.informeren_uitgesteld", rij, None, ["clientInformering"])
    return rij


@audit.geweigerd_gelogd("deelbesluit.uitstel_afgewezen", ACTIVITEIT)
def wijs_uitstel_af(*, actor, uuid, toelichting: str) -> Deelbesluit:
    """SH-14: the leidinggevende does not approve (or ends) a postponement. The client is to be informed as
    soon as possible: the decision's maker hears so by e-mail (outbox; the dossier's reference only)."""
    from zorgvuldig.berichten.services import plaats_email
    from zorgvuldig.verstrekkingen import selectors

    if "deelbesluit:goedkeuren" not in actor.scopes or "leidinggevende" not in actor.rollen:
        raise DomainError("E_AC_NOT_AUTHORISED", "De leidinggevende beslist over uitstel (SH-14).")
    with transaction.atomic():
        gevonden = selectors.deelbesluit_voor_goedkeuring(actor, uuid)
        rij = (
            Deelbesluit.objects.select_for_update(of=("self",))
            .select_related("dossier", "besloten_door", "aangemaakt_door")
            .get(pk=gevonden.pk)
        )
        _weiger(
            p.uitstel_afwijzen_fouten(rij.status, rij.informeren_moment, toelichting or ""),
            "Uitstel afwijzen kan zo niet (SH-14).",
        )
        a = antwoorden(rij)
        a.setdefault("uitstelAfgewezen", []).append(
            {"toelichting": toelichting.strip(), "door": actor.gebruiker.naam, "datum": today().isoformat()}
        )
        rij.informeren_moment, rij.informeren_grond, rij.reviewdatum = p.NA, "", None  # no ground left
        rij.antwoorden_versleuteld = crypto.versleutel(rij, "antwoorden", a)
        rij.save()
        _audit(actor, "deelbesluit.uitstel_afgewezen", rij, None, ["clientInformering"])
        deler = rij.besloten_door or rij.aangemaakt_door
        if deler is not None and deler.pk != actor.gebruiker.pk:
            from django.conf import settings

            plaats_email(
                aan=deler.email,
                onderwerp="Uitstel van informeren niet goedgekeurd",
                tekst=(
                    f"Beste {deler.naam},\n\n{actor.gebruiker.naam} keurt het uitstel van informeren "
                    f"niet goed voor een deelbesluit in dossier {rij.dossier.kenmerk}. Informeer de cliënt "
                    "zo snel mogelijk over het delen (SH-14).\n\n"
                    f"{settings.BASE_URL.rstrip('/')}/deelbesluiten/{rij.uuid}\n"
                ),
                sleutel=f"uitstel-afgewezen:{rij.uuid}:{len(a['uitstelAfgewezen'])}",
                gebruiker=deler,
            )
    return rij


# --- Execution (SH-16, CS-08) ----------------------------------------------------------------------


@audit.geweigerd_gelogd("deelbesluit.uitgevoerd", ACTIVITEIT)
def voer_uit(*, actor, uuid, datum: dt.date, vorm: str) -> Deelbesluit:
    """EXECUTED: the share happens and the disclosure register gets an entry per person it concerns
    (SH-16). A share on consent re-checks the consent under its row lock now, not only when decided."""
    from zorgvuldig.toestemmingen import services as toestemmingen
    from zorgvuldig.verstrekkingen import selectors

    with transaction.atomic():
        # Lock order consent → decision, as a revocation takes them: the two never deadlock.
        gezien, _ = selectors.deelbesluit_of_404(actor, uuid, "aanvullen")
        if gezien.toestemming_id is not None:
            toestemmingen.vergrendel_voor_uitvoering(gezien.toestemming_id)
        rij, grant = _vergrendel(actor, uuid, "aanvullen")
        a = antwoorden(rij)
        _weiger(
            p.uitvoeren_fouten(
                rij.status,
                rij.besluit or None,
                rij.verschoningsrecht,
                a.get("kinderbeschermingstafel") is True,
                rij.geinformeerd_op is not None,
            ),
            "Uitvoeren kan nu niet (SPEC §7).",
        )
        fouten = []
        if datum is None or datum > today():
            fouten.append(InvalidParam("datum", "invalid", "Niet in de toekomst."))
        if vorm not in ("schriftelijk", "digitaal", "mondeling"):
            fouten.append(InvalidParam("vorm", "invalid", "schriftelijk, digitaal of mondeling"))
        if fouten:
            raise DomainError("E_INVALID_INPUT", "Datum en vorm van de verstrekking.", fouten)
        if rij.grond == p.G1:
            if rij.toestemming is None or rij.toestemming_id != gezien.toestemming_id:
                raise DomainError(
                    "E_CS_NOT_SPECIFIC", "Er is geen toestemming (meer) voor deze verstrekking (CS-08)."
                )
            rij.toestemming.refresh_from_db()  # read under its lock: a committed revocation is seen now
            fout = _toestemming_gat(rij, a)
            if fout:
                raise DomainError("E_CS_NOT_SPECIFIC", f"{fout} Er wordt niets verstrekt (CS-08).")
        rij.status = p.status_na_uitvoeren(rij.geinformeerd_op is not None)
        rij.uitgevoerd_op, rij.uitvoering_vorm = datum, vorm
        rij.save()
        _registreer(actor, rij, a, datum, grant)
        _audit(
            actor, "deelbesluit.uitgevoerd", rij, grant, ["uitgevoerd_op", "vorm"], grondslag=_grondslag(a)
        )
    return rij


def _toestemming_gat(rij: Deelbesluit, a: dict) -> str | None:
    feit = _toestemming(rij, a, today())
    if feit is None or not feit.geldig:
        return "De toestemming is ingetrokken of verlopen."
    if not (feit.dekt_ontvanger and feit.dekt_gegevens):
        return "De toestemming dekt deze verstrekking niet."
    return None


def _registreer(actor, rij: Deelbesluit, a: dict, datum: dt.date, grant) -> None:
    """SH-16: one disclosure entry per person the shared items concern (DS-09: statements travel). Its
    purpose: the activity step 1 names (whatever the class: SH-03's class is no purpose); its audit entry
    the activity and purpose the decision is logged under (`activiteit_van`)."""
    from zorgvuldig.verstrekkingen.services import registreer_verstrekking

    gegevens = [g.get("omschrijving") or g.get("categorie") or "gegevens" for g in a.get("gegevens") or []]
    if any(g.heeft_eigen_verklaring for g in _gegevens(rij, a)):
        gegevens.append("eigen verklaring van de cliënt")
    activiteit, doel = activiteit_van(rij, a)
    for persoon in _betrokkenen(rij):
        registreer_verstrekking(
            actor=actor,
            persoon=persoon,
            bron=Verstrekking.Bron.DEELBESLUIT,
            herkomst=f"deelbesluit:{rij.uuid}",
            datum=datum,
            gegevens=gegevens,
            doel=_doel(a) or "",
            audit_doel=doel,
            grond=rij.grond,
            activiteit=activiteit,
            grondslag=_grondslag(a),
            toegang=grant,
            ontvanger_organisatie=rij.ontvanger_organisatie,
            ontvanger_naam=(rij.ontvanger or {}).get("naam", "")
            or (rij.ontvanger_organisatie.naam if rij.ontvanger_organisatie else ""),
        )


# --- CS-08: a revoked consent ends what rests on it ----------------------------------------------


def beeindig_na_intrekking(*, actor, toestemming) -> tuple[list, list]:
    """Called by the consent registry inside the revocation's transaction (the consent row is locked):
    decisions on this consent not yet executed end; recipients of executed ones are told (outbox).
    Returns (ended decisions, executed decisions whose recipients were told)."""
    from zorgvuldig.berichten.services import plaats_email

    beeindigd, actief = [], []
    rijen = (
        Deelbesluit.objects.select_for_update(of=("self",))
        .filter(toestemming=toestemming, grond=p.G1, beeindigd_op__isnull=True)
        .select_related("ontvanger_organisatie", "besloten_door", "aangemaakt_door", "dossier")
    )
    for rij in rijen:
        rij.beeindigd_op = now()
        if p.overgang_fout(rij.status, p.BEEINDIGD) is None:
            rij.status = p.BEEINDIGD
            beeindigd.append(rij)
        elif rij.uitgevoerd_op is not None:
            actief.append(rij)
            for aan, gebruiker in _ontvangers_bericht(rij):
                plaats_email(
                    aan=aan,
                    onderwerp="Toestemming ingetrokken",
                    tekst=(
                        "Een toestemming waarop een verstrekking aan uw organisatie rustte, is ingetrokken. "
                        f"Gebruik die gegevens vanaf nu niet meer voor dat doel. Kenmerk: {rij.uuid}. "
                        f"Neem bij vragen contact op met {rij.organisatie.naam}."
                    ),
                    sleutel=f"intrekking:{toestemming.uuid}:{rij.uuid}:{aan}",
                    gebruiker=gebruiker,
                )
        rij.save(update_fields=["status", "beeindigd_op", "gewijzigd"])
        _audit(actor, "deelbesluit.beeindigd", rij, None, ["status", "beeindigd_op"])
    return beeindigd, actief


def _ontvangers_bericht(rij: Deelbesluit) -> list[tuple[str, object]]:
    """Who is told of a revocation: the recipient organisation's leidinggevenden in the platform, or —
    for a recipient outside it — the professional who shared, to tell them (CS-08)."""
    from zorgvuldig.organisaties.models import Gebruiker
    from zorgvuldig.organisaties.selectors import met_rol

    if rij.ontvanger_organisatie_id:
        lgs = list(
            met_rol(
                Gebruiker.objects.filter(organisatie_id=rij.ontvanger_organisatie_id, is_active=True),
                "leidinggevende",
            )
        )
        if lgs:
            return [(g.email, g) for g in lgs]
    deler = rij.besloten_door or rij.aangemaakt_door
    return [(deler.email, deler)]


# --- Incoming requests (SH-06, SH-13) --------------------------------------------------------------

VERZOEKER_TYPES = {"veilig_thuis", "raad_kinderbescherming", "gecertificeerde_instelling"}


@audit.geweigerd_gelogd("informatieverzoek.ontvangen", ACTIVITEIT)
def ontvang_verzoek(*, actor, organisatie, bsn: str, data: dict):
    """A partner (e.g. Veilig Thuis) asks `organisatie` for information about a person, stating purpose
    and context (SH-06). For each dossier of that organisation on the person, a sharing decision in DRAFT
    arrives for its case team, pre-filled with the request and — for a statutory requester — the G5
    recipient (SH-13: the request's context is shown to the sharer); the case team is told by e-mail.
    The requester always gets the same answer: whether a dossier exists is not theirs to learn."""
    from zorgvuldig.berichten.services import plaats_email
    from zorgvuldig.dossiers.models import Dossier, Toewijzing
    from zorgvuldig.personen.services import normaliseer_bsn
    from zorgvuldig.verstrekkingen.models import Informatieverzoek

    tenancy.activeer(actor)
    _persoonlijk(actor)
    fouten = []
    if organisatie is None or organisatie.pk == actor.organisatie.pk:
        fouten.append(InvalidParam("organisatie", "invalid", "De organisatie die u om informatie vraagt."))
    for veld, naam in (("doel", "doel"), ("context", "verzoekContext"), ("gegevens", "gevraagdeGegevens")):
        if not (data.get(veld) or "").strip():
            fouten.append(
                InvalidParam(
                    naam, "E_SH_NO_PURPOSE", "Een verzoek noemt doel, context en gevraagde gegevens (SH-06)."
                )
            )
    if fouten:
        code = "E_SH_NO_PURPOSE" if any(f.code == "E_SH_NO_PURPOSE" for f in fouten) else "E_INVALID_INPUT"
        raise DomainError(code, "Het verzoek noemt niet waarvoor en in welke context (SH-06).", fouten)
    schoon = normaliseer_bsn(bsn)
    inhoud = {k: (data.get(k) or "").strip() for k in ("doel", "context", "gegevens", "bepaling")}
    with transaction.atomic():
        verzoek = Informatieverzoek(
            verwerkingsverantwoordelijke_id=organisatie.verwerkingsverantwoordelijke_id,
            organisatie=organisatie,
            aanvrager_organisatie=actor.organisatie,
            aanvrager=actor.gebruiker,
            bsn_index=crypto.blind_index(schoon),
            kenmerk=(data.get("kenmerk") or "")[:100],
        )
        verzoek.inhoud_versleuteld = crypto.versleutel(verzoek, "inhoud", inhoud)
        # The requester's own record of asking (AU-01) names no subject: it must not reveal a match.
        audit.record(
            actor=actor,
            actie="informatieverzoek.ontvangen",
            activiteit=ACTIVITEIT,
            object=None,
            betrokkenen=[f"bsn:{verzoek.bsn_index}"],  # a pseudonym for anyone asked about: reveals nothing
            velden=["doel", "context", "gegevens"],
            verwerkingsverantwoordelijke=str(organisatie.verwerkingsverantwoordelijke.uuid),
        )
        with tenancy.systeem():
            verzoek.save()
            dossiers = list(
                Dossier.objects.filter(
                    organisatie=organisatie,
                    leden__persoon__bsn_index__in=crypto.blind_index_candidates(schoon),
                )
                .exclude(status="gesloten")
                .distinct()
            )
            # the system drafts, on behalf of the asking organisation (AU-02 `namens`; FG review F15)
            systeem = _systeem_actor(namens={"organisatie": str(actor.organisatie.uuid)})
            for dossier in dossiers:
                rij = _concept_uit_verzoek(dossier, actor, inhoud)
                verzoek.deelbesluiten.add(rij)
                _audit(
                    systeem,
                    "deelbesluit.geregistreerd",
                    rij,
                    None,
                    ["verzoek", "ontvanger", "verzoekContext"],
                )
                for t in Toewijzing.objects.filter(
                    dossier=dossier, toegang__ingetrokken_op__isnull=True
                ).select_related("gebruiker"):
                    plaats_email(
                        aan=t.gebruiker.email,
                        onderwerp="Informatieverzoek ontvangen",
                        tekst=(
                            f"{actor.organisatie.naam} vraagt informatie over een cliënt in dossier "
                            f"{dossier.kenmerk}. Beoordeel het verzoek in zorgvuldig (Delen); er staat een "
                            "concept-deelbesluit klaar."
                        ),
                        sleutel=f"verzoek:{verzoek.uuid}:{rij.uuid}:{t.gebruiker.uuid}",
                        gebruiker=t.gebruiker,
                    )
    return verzoek


def _systeem_actor(namens: dict | None = None):
    from zorgvuldig.core.context import Actor

    return Actor(kanaal="systeem", namens=namens or {})


def _concept_uit_verzoek(dossier, actor, inhoud: dict) -> Deelbesluit:
    """The DRAFT the case team finds: recipient, context and the requested data from the request."""
    statutair = actor.organisatie.type in VERZOEKER_TYPES
    antwoorden_: dict = {
        "verzoekContext": f"{inhoud['doel']}. {inhoud['context']}".strip(),
        "gegevens": [{"omschrijving": inhoud["gegevens"]}],
    }
    if statutair:
        antwoorden_["wettelijkePlicht"] = {
            "ontvanger": actor.organisatie.type,
            "bepaling": inhoud.get("bepaling", ""),
        }
    rij = Deelbesluit(
        verwerkingsverantwoordelijke_id=dossier.verwerkingsverantwoordelijke_id,
        organisatie_id=dossier.organisatie_id,
        dossier=dossier,
        richting=p.VERSTREKKEN,
        status=p.CONCEPT,
        ontvanger_organisatie=actor.organisatie,
        ontvanger_type=actor.organisatie.type,
        ontvanger={"naam": actor.gebruiker.naam, "functie": actor.gebruiker.functie},
        grond=p.G5 if statutair else "",
        verzoek_van=actor.organisatie,
        aangemaakt_door=dossier.casusregie or dossier.aangemaakt_door,
    )
    rij.antwoorden_versleuteld = crypto.versleutel(rij, "antwoorden", antwoorden_)
    rij.toetsing = toetsing(rij, antwoorden_, None)
    rij.save()
    return rij
