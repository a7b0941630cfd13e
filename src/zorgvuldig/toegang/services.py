"""Writing and ending grants (AC-14). Module services call `verleen_intern` for their own sources;
`verleen` is for grants a person gives (section, special category, secret address, statutory)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db import transaction

from zorgvuldig.audit import services as audit
from zorgvuldig.core import invoegen, kalender, tenancy
from zorgvuldig.core.clock import now, today
from zorgvuldig.core.errors import DomainError, InvalidParam, NotFound
from zorgvuldig.toegang import policies
from zorgvuldig.toegang.models import Bron, Noodtoegang, Toegang
from zorgvuldig.toegang.selectors import object_type, toegangen_zichtbaar_voor

ACTIVITEIT = "toegangsbeheer"
RECHTEN = {"lezen", "aanmaken", "aanvullen", "wijzigen"}
PERSOONLIJK_VERLEENBAAR = {Bron.SECTIE, Bron.BIJZONDERE_CATEGORIE, Bron.GEHEIM_ADRES, Bron.WETTELIJK}


def _organisatie_id(object) -> int:
    """The organisation a grant's object belongs to; an organisation belongs to itself (AC-09 log access)."""
    return object.pk if object._meta.label_lower == "organisaties.organisatie" else object.organisatie_id


def nieuwe_toegang(
    *,
    actor,
    object,
    bron: str,
    reden: str,
    rechten=frozenset({"lezen"}),
    ontvanger_gebruiker=None,
    ontvanger_organisatie=None,
    vanaf: dt.date | None = None,
    tot: dt.date | None = None,
    secties=(),
    herkomst: str = "",
    wettelijk=None,
) -> Toegang:
    """The unsaved grant of `verleen_intern`, for a service that writes it with its audit entry
    (`audit.record(samen_met=…)`)."""
    if not rechten or not set(rechten) <= RECHTEN:
        raise ValueError("invalid rights")
    grant = Toegang(
        verwerkingsverantwoordelijke_id=object.verwerkingsverantwoordelijke_id,
        organisatie_id=_organisatie_id(object),
        object_type=object_type(type(object)),
        object_id=object.pk,
        secties=list(secties),
        bron=bron,
        ontvanger_gebruiker=ontvanger_gebruiker,
        ontvanger_organisatie=ontvanger_organisatie,
        **{r: (r in rechten) for r in RECHTEN},
        reden=reden,
        herkomst=herkomst,
        verleend_door=None if actor.is_systeem else actor.gebruiker,
        geldig_vanaf=vanaf or today(),
        geldig_tot=tot,
        wettelijk=wettelijk or {},
    )
    return grant


def _opgeslagen[**P](maak: Callable[P, Toegang]) -> Callable[P, Toegang]:
    def verleen(*args: P.args, **kwargs: P.kwargs) -> Toegang:
        grant = maak(*args, **kwargs)
        invoegen.voeg_in(grant)
        return grant

    return verleen


# A grant written by a module's service inside its own transaction (the caller audits the act); the
# parameters of `nieuwe_toegang`, so type checkers see them at every call.
verleen_intern = _opgeslagen(nieuwe_toegang)


@audit.geweigerd_gelogd("toegang.verleend", ACTIVITEIT)
def verleen(
    *,
    actor,
    object,
    bron: str,
    ontvanger_gebruiker,
    reden: str,
    rechten=frozenset({"lezen"}),
    vanaf: dt.date | None = None,
    tot: dt.date | None = None,
    secties=(),
    wettelijk=None,
) -> Toegang:
    """Grants a person gives: section/special category/secret address (leidinggevende), statutory (AC-09)."""
    tenancy.activeer(actor)
    if "toegang:verlenen" not in actor.scopes:
        raise DomainError(
            "E_AC_NOT_AUTHORISED", "Alleen de leidinggevende of de FG verleent toegang (AC-05)."
        )
    if bron not in PERSOONLIJK_VERLEENBAAR:
        raise DomainError(
            "E_INVALID_INPUT",
            "Deze bron van toegang ontstaat alleen uit een proces (AC-14).",
            [InvalidParam("bron", "not_allowed", "Niet handmatig te verlenen.")],
        )
    if bron != Bron.WETTELIJK and "leidinggevende" not in actor.rollen:
        raise DomainError(
            "E_AC_NOT_AUTHORISED", "Deze toegang verleent de leidinggevende (AC-05, AC-10, PE-03)."
        )
    if _organisatie_id(object) != actor.organisatie.pk and "fg" not in actor.rollen:
        raise NotFound()
    if not (reden or "").strip():
        raise DomainError(
            "E_INVALID_INPUT",
            "Een toegang vraagt een reden (AC-14).",
            [InvalidParam("reden", "required", "Reden ontbreekt.")],
        )
    vanaf = vanaf or today()
    if (
        ontvanger_gebruiker.organisatie.verwerkingsverantwoordelijke_id
        != actor.verwerkingsverantwoordelijke_id
    ):
        raise DomainError(
            "E_INVALID_INPUT",
            "De ontvanger hoort niet bij deze verwerkingsverantwoordelijke.",
            [InvalidParam("gebruiker", "invalid", "Andere verwerkingsverantwoordelijke.")],
        )
    log_toegang = object._meta.label_lower == "organisaties.organisatie"
    if log_toegang and "auditor" not in (ontvanger_gebruiker.rollen or []):
        raise DomainError(
            "E_INVALID_INPUT",
            "Toegang tot het logboek krijgt alleen een auditor (AC-09).",
            [InvalidParam("gebruiker", "invalid", "Geen auditor.")],
        )
    _controleer_secties(object, bron, secties)
    if bron == Bron.WETTELIJK:
        fout = policies.wettelijke_grant_fout(vanaf, tot, frozenset(rechten))
        velden_ok = wettelijk and all(wettelijk.get(k) for k in ("instantie", "bepaling", "doel"))
        if fout or not velden_ok:
            raise DomainError(
                "E_INVALID_INPUT",
                "Wettelijke toegang onvolledig (AC-09).",
                [InvalidParam("wettelijk", "invalid", fout or "Instantie, bepaling en doel zijn verplicht.")],
            )
    with transaction.atomic():
        grant = verleen_intern(
            actor=actor,
            object=object,
            bron=bron,
            reden=reden,
            rechten=rechten,
            ontvanger_gebruiker=ontvanger_gebruiker,
            vanaf=vanaf,
            tot=tot,
            secties=secties,
            wettelijk=wettelijk,
        )
        audit.record(
            actor=actor,
            actie="toegang.verleend",
            activiteit=ACTIVITEIT,
            object=grant,
            betrokkenen=_betrokkenen(object),
            velden=["bron", "rechten", "geldig_tot"],
            toegang=grant,
        )
    return grant


def _controleer_secties(object, bron: str, secties) -> None:
    """AC-05/AC-10: an object with sections (a dossier declares them) gets section grants that name known
    sections, a special-category grant only special ones (empty: all); an object without sections is
    granted whole."""
    alle = getattr(type(object), "GRANT_SECTIES", None)
    bijzonder: frozenset[str] = getattr(type(object), "GRANT_BIJZONDERE_SECTIES", frozenset())
    fout = None
    if alle is None:
        if secties:
            fout = "Dit object heeft geen secties."
        elif bron == Bron.BIJZONDERE_CATEGORIE:
            fout = "Bijzondere-categorietoegang geldt voor een dossier (AC-10)."
    elif not set(secties) <= set(alle):
        fout = "Onbekende sectie."
    elif bron == Bron.BIJZONDERE_CATEGORIE and not set(secties) <= set(bijzonder):
        fout = "Een bijzondere-categorietoegang noemt alleen bijzondere secties (AC-10)."
    elif bron == Bron.SECTIE and not secties:
        fout = "Noem de secties waarvoor de toegang geldt (AC-05)."
    if fout:
        raise DomainError("E_INVALID_INPUT", fout, [InvalidParam("secties", "invalid", fout)])


@audit.geweigerd_gelogd("toegang.ingetrokken", ACTIVITEIT)
def trek_in(*, actor, uuid) -> Toegang:
    tenancy.activeer(actor)
    if "toegang:verlenen" not in actor.scopes:
        raise DomainError("E_AC_NOT_AUTHORISED", "Alleen de leidinggevende of de FG trekt toegang in.")
    with transaction.atomic():
        grant = toegangen_zichtbaar_voor(actor).select_for_update(of=("self",)).filter(uuid=uuid).first()
        return _beeindig(actor, grant)


def _beeindig(actor, grant: Toegang | None, reden: str = "") -> Toegang:
    """End a locked grant now, audited in the caller's transaction."""
    if grant is None:
        raise NotFound()
    if grant.ingetrokken_op is not None:
        raise DomainError("E_STATE_CONFLICT", "Deze toegang is al ingetrokken.")
    grant.ingetrokken_op = now()
    grant.ingetrokken_door = actor.gebruiker
    grant.ingetrokken_reden = reden.strip()[:500]
    grant.save(update_fields=["ingetrokken_op", "ingetrokken_door", "ingetrokken_reden", "gewijzigd"])
    velden = ["ingetrokken_op", "ingetrokken_reden"] if reden else ["ingetrokken_op"]
    audit.record(
        actor=actor,
        actie="toegang.ingetrokken",
        activiteit=ACTIVITEIT,
        object=grant,
        betrokkenen=_betrokkenen(object_van(grant)),  # in the subject's own trail too (AU-01)
        velden=velden,
        toegang=grant,
    )
    return grant


def _betrokkenen(object) -> list:
    """The data subjects a grant's object is about: a person, or a dossier's members."""
    if object is None:
        return []
    if object._meta.label_lower == "personen.persoon":
        return [object]
    if object._meta.label_lower == "dossiers.dossier":
        return [lid.persoon for lid in object.leden.select_related("persoon").order_by("id")]
    return []


def object_van(grant: Toegang):
    """The record a grant opens (a person, an organisation for AC-09 log access, …), or None."""
    from django.apps import apps

    return apps.get_model(grant.object_type).objects.filter(pk=grant.object_id).first()


def log_inzage(actor, grants) -> None:
    """Reading grants is a processing too (AU-01): one entry per grant shown."""
    with transaction.atomic():
        for grant in grants:
            audit.record(
                actor=actor,
                actie="toegang.ingezien",
                activiteit=ACTIVITEIT,
                object=grant,
                # a break-glass grant is shown with its review and the reviewer's explanation (AC-11)
                velden=["bron", "ontvanger", "geldigheid"]
                + (["beoordeling", "toelichting"] if grant.bron == Bron.NOODTOEGANG else []),
                toegang=grant,
            )


def noodtoegang_geweigerd(*, actor, code: str, bsn: str | None = None) -> None:
    """AC-11, AU-04: a break-glass attempt that reaches no grant before the service is asked — the BSN,
    or name and birth date, find no (single) person of the own organisation, or the form lacks a field —
    is a refusal like any other. The entry never holds the BSN; it names the person(s) with that BSN by
    pseudonym only when such a record exists (in any organisation: the log is for the FG and auditor)."""
    from stdnum.nl import bsn as stdnum_bsn

    from zorgvuldig.core import crypto
    from zorgvuldig.personen.models import Persoon

    betrokkenen: list = []
    if bsn and stdnum_bsn.is_valid(bsn):
        with tenancy.systeem():
            kandidaten = crypto.blind_index_candidates(stdnum_bsn.compact(bsn))
            betrokkenen = list(Persoon.objects.filter(bsn_index__in=kandidaten).order_by("id"))
    audit.weigering(
        actor=actor,
        actie="toegang.noodtoegang",
        activiteit=ACTIVITEIT,
        fout=DomainError(code, "Noodtoegang geweigerd (AC-11)."),
        betrokkenen=betrokkenen,
    )


@audit.geweigerd_gelogd("toegang.noodtoegang", ACTIVITEIT)
def noodtoegang(*, actor, object, reden: str, dreiging_voor) -> Toegang:
    """AC-11 break-glass: read access for today only, to an object of the own organisation, with stated
    concrete indications; the leidinggevende must review it within 2 working days."""
    tenancy.activeer(actor)
    if not actor.rollen & {"medewerker", "leidinggevende"}:
        raise DomainError("E_AC_NOT_AUTHORISED", "Noodtoegang is voor hulpverleners (AC-11).")
    if object.organisatie_id != actor.organisatie.pk:
        raise NotFound()
    fout = policies.noodtoegang_fout(reden, frozenset(dreiging_voor or ()))
    if fout:
        raise DomainError(
            "E_AC_BREAKGLASS_REASON", fout, [InvalidParam("reden", "E_AC_BREAKGLASS_REASON", fout)]
        )
    vandaag = today()
    with transaction.atomic():
        grant = verleen_intern(
            actor=actor,
            object=object,
            bron=Bron.NOODTOEGANG,
            reden=reden,
            ontvanger_gebruiker=actor.gebruiker,
            vanaf=vandaag,
            tot=vandaag,
        )
        Noodtoegang.objects.create(
            verwerkingsverantwoordelijke_id=grant.verwerkingsverantwoordelijke_id,
            organisatie_id=grant.organisatie_id,
            toegang=grant,
            reden=reden,
            dreiging_voor=sorted(dreiging_voor),
            beoordelen_voor=kalender.plus_werkdagen(vandaag, 2),
        )
        audit.record(
            actor=actor,
            actie="toegang.noodtoegang",
            activiteit=ACTIVITEIT,
            object=grant,
            betrokkenen=_betrokkenen(object),
            velden=["reden", "dreiging_voor"],
            toegang=grant,
        )
        _meld_noodtoegang(actor, grant, kalender.plus_werkdagen(vandaag, 2))
    return grant


def _meld_noodtoegang(actor, grant: Toegang, uiterlijk: dt.date) -> None:
    """AC-11: the organisation's leidinggevenden hear of a break-glass at once, by e-mail through the
    outbox. Only who and when: no client data in a mail."""
    from django.conf import settings

    from zorgvuldig.berichten.services import plaats_email
    from zorgvuldig.organisaties.models import Gebruiker
    from zorgvuldig.organisaties.selectors import met_rol

    collega_s = Gebruiker.objects.filter(organisatie=actor.organisatie).exclude(pk=actor.gebruiker.pk)
    for lg in met_rol(collega_s, "leidinggevende"):
        plaats_email(
            aan=lg.email,
            onderwerp="Noodtoegang te beoordelen",
            tekst=(
                f"{actor.gebruiker.naam} heeft op {grant.geldig_vanaf:%d-%m-%Y} noodtoegang genomen. "
                f"Beoordeel vóór {uiterlijk:%d-%m-%Y} of dit terecht was:\n"
                f"{settings.BASE_URL.rstrip('/')}/noodtoegang/{grant.uuid}/beoordelen"
            ),
            sleutel=f"noodtoegang:{grant.uuid}:{lg.uuid}",
            gebruiker=lg,
        )


@audit.geweigerd_gelogd("toegang.noodtoegang_beoordeeld", ACTIVITEIT)
def beoordeel_noodtoegang(*, actor, uuid, akkoord: bool, toelichting: str) -> Noodtoegang:
    """AC-11: the leidinggevende of the organisation reviews a break-glass access. The entry's action
    names the outcome; access judged unjustified ends at once (GP-06), audited as its own act."""
    tenancy.activeer(actor)
    if "leidinggevende" not in actor.rollen:
        raise DomainError("E_AC_NOT_AUTHORISED", "De leidinggevende beoordeelt noodtoegang (AC-11).")
    with transaction.atomic():
        row = (
            Noodtoegang.objects.select_for_update()
            .select_related("toegang")
            .filter(toegang__uuid=uuid, organisatie_id=actor.organisatie.pk)
            .first()
        )
        if row is None:
            raise NotFound()
        if row.beoordeeld_op is not None:
            raise DomainError("E_STATE_CONFLICT", "Deze noodtoegang is al beoordeeld.")
        if row.toegang.ontvanger_gebruiker_id == actor.gebruiker.pk:
            raise DomainError("E_AC_NOT_AUTHORISED", "U kunt uw eigen noodtoegang niet beoordelen.")
        fout = policies.noodtoegang_oordeel_fout(akkoord, toelichting)
        if fout:
            raise DomainError("E_INVALID_INPUT", fout, [InvalidParam("toelichting", "required", fout)])
        row.akkoord, row.toelichting = akkoord, (toelichting or "").strip()
        row.beoordeeld_door, row.beoordeeld_op = actor.gebruiker, now()
        row.save()
        betrokkenen = _betrokkenen(object_van(row.toegang))
        audit.record(
            actor=actor,
            actie=policies.BEOORDELING_ACTIE[akkoord],
            activiteit=ACTIVITEIT,
            object=row.toegang,
            betrokkenen=betrokkenen,
            velden=["beoordeling", "toelichting"] if row.toelichting else ["beoordeling"],
            toegang=row.toegang,
        )
        # the grant is locked with its review row (select_related under select_for_update)
        if policies.noodtoegang_beeindigen(akkoord=akkoord, grant_geldig_nu=row.toegang.geldig(today())):
            _beeindig(actor, row.toegang, policies.NIET_TERECHT_REDEN)
    return row


def noodtoegang_voor_beoordeling(*, actor, uuid) -> tuple[Noodtoegang, object]:
    """AC-11: the leidinggevende sees whose record was opened, to judge it; that look is audited under
    the grant being reviewed."""
    tenancy.activeer(actor)
    row = (
        Noodtoegang.objects.select_related("toegang__ontvanger_gebruiker", "beoordeeld_door")
        .filter(toegang__uuid=uuid, organisatie_id=actor.organisatie.pk)
        .first()
    )
    if row is None or "leidinggevende" not in actor.rollen:
        raise NotFound()
    geopend = object_van(row.toegang)
    # A dossier's break-glass shows the leidinggevende its client; a person's, the person.
    betrokkenen = _betrokkenen(geopend)
    persoon = betrokkenen[0] if betrokkenen else None
    with transaction.atomic():
        audit.record(
            actor=actor,
            actie="persoon.ingezien",
            activiteit=ACTIVITEIT,
            object=persoon or geopend,
            betrokkenen=betrokkenen[:1],
            velden=["naam", "geboortedatum"],
            toegang=row.toegang,
        )
    return row, persoon


def open_noodtoegangen(actor):
    """Break-glass accesses of the own organisation still to be reviewed, oldest deadline first."""
    return (
        Noodtoegang.objects.filter(organisatie_id=actor.organisatie.pk, beoordeeld_op__isnull=True)
        .select_related("toegang", "toegang__ontvanger_gebruiker")
        .order_by("beoordelen_voor", "id")
    )


def trek_in_als_beheerder(*, actor, uuid, reden: str) -> Toegang:
    """The beheerder ends a grant of a user of the own organisation (e.g. who changed jobs) without
    seeing the content it opens (AC-06); the reason is kept on the grant."""
    tenancy.activeer(actor)
    if "gebruiker:beheren" not in actor.scopes:
        raise DomainError("E_AC_NOT_AUTHORISED", "Alleen de beheerder trekt zo toegang in.")
    if not (reden or "").strip():
        raise DomainError(
            "E_INVALID_INPUT", "Geef een reden.", [InvalidParam("reden", "required", "Geef een reden.")]
        )
    with transaction.atomic():
        grant = (
            Toegang.objects.select_for_update()
            .filter(uuid=uuid, ontvanger_gebruiker__organisatie=actor.organisatie)
            .first()
        )
        return _beeindig(actor, grant, reden)
