"""Writes of the verwijsindex (SPEC §4). Each is atomic, audited in its own transaction, and refuses with
the SPEC's code while changing nothing (AU-04)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from django.conf import settings
from django.db import connection, transaction

from zorgvuldig.audit import services as audit
from zorgvuldig.berichten.services import plaats_email
from zorgvuldig.core import crypto, tenancy
from zorgvuldig.core.clock import now, today
from zorgvuldig.core.errors import DomainError, InvalidParam, NotFound
from zorgvuldig.personen.services import normaliseer_bsn
from zorgvuldig.verstrekkingen.services import VI_GEGEVENS, registreer_vi_verstrekkingen
from zorgvuldig.verwijsindex import policies, selectors
from zorgvuldig.verwijsindex.models import (
    Instellingen,
    Match,
    Notificatie,
    Overdracht,
    Signaal,
    Verantwoording,
)

ACTIVITEIT = "verwijsindex"
TABEL = "verwijsindex_signaal"
TABEL_V = "verwijsindex_verantwoording"


def betrokkene(bsn_index: str) -> str:
    """The audit subject key of a youth in the index (AU-07): one pseudonym per BSN, never the BSN."""
    return f"vi:{bsn_index}"


def betrokkenen_voor_bsn(bsn: str) -> list[str]:
    """Every audit subject key the youth with this BSN may have: a signal keeps the blind index of the
    key version it was made under (signals are not re-indexed), so one key per version (AU-07)."""
    return [betrokkene(idx) for idx in crypto.blind_index_candidates(bsn)]


# --- checks shared by create, activate, extend (AC-01, AC-08, VI-05) -------------------------------


def _mag_signaleren(actor, op: dt.date) -> None:
    org = actor.organisatie
    if not selectors.is_ondertekenaar(org.pk, op):
        raise DomainError(
            "E_AC_NOT_SIGNATORY",
            "Uw organisatie is niet (meer) toegetreden tot een actief convenant voor de verwijsindex "
            "(AC-01).",
        )
    if not selectors.is_gemandateerd(actor.gebruiker, op):
        raise DomainError(
            "E_AC_NOT_MANDATED", "U heeft geen geldig mandaat om in de verwijsindex te signaleren (AC-08)."
        )
    if org.profiel is None or not org.profiel.heeft_meldrecht:
        raise DomainError(
            "E_VI_NO_MELDRECHT",
            "Het profiel van uw organisatie kent geen meldrecht; signaleren kan niet (VI-05).",
        )


def profiel_regels(organisatie) -> policies.ProfielRegels:
    p = organisatie.profiel
    if p is None:
        return policies.ProfielRegels(meldrecht=False)
    return policies.ProfielRegels(
        meldrecht=p.heeft_meldrecht,
        seek_agreement=p.vi_seek_agreement,
        criterion_l=p.vi_criterion_l,
        max_leeftijd=p.vi_max_age,
        extra_criteria=frozenset(c.get("code") for c in (p.extra_criteria or []) if c.get("code")),
    )


def controleer_velden(velden) -> None:
    """VI-09: only the configured field set is stored; anything else is refused, nothing stored."""
    verboden = policies.verboden_velden(velden, selectors.instellingen().field_set)
    if verboden:
        raise DomainError(
            "E_VI_FIELD_NOT_ALLOWED",
            "De verwijsindex bewaart alleen de velden van de ingestelde veldenset (VI-09).",
            [
                InvalidParam(naam, "E_VI_FIELD_NOT_ALLOWED", "Dit veld hoort niet in de verwijsindex.")
                for naam in verboden
            ],
        )


def _extended_velden(velden: dict) -> dict:
    controleer_velden(velden)
    uit: dict = {}
    jongere = velden.get("jongere") or {}
    if jongere:
        uit.update(
            jongere_naam=jongere.get("naam", ""),
            jongere_adres=jongere.get("adres", ""),
            jongere_woonplaats=jongere.get("woonplaats", ""),
            jongere_geslacht=jongere.get("geslacht", ""),
            jongere_geboortedatum=jongere.get("geboortedatum"),
            jongere_geboorteplaats=jongere.get("geboorteplaats", ""),
        )
    if "bronorganisatie" in velden:
        uit["bronorganisatie"] = velden["bronorganisatie"] or ""
    if "bekendSinds" in velden:
        uit["bekend_sinds"] = velden["bekendSinds"]
    return uit


# --- register, activate ----------------------------------------------------------------------------


@audit.geweigerd_gelogd("signaal.geregistreerd", ACTIVITEIT)
def registreer_signaal(*, actor, velden: dict) -> Signaal:
    """`POST /signalen`: a draft. The basis is the organisation's *meldrecht* (VI-05), never consent."""
    tenancy.activeer(actor)
    extra = _extended_velden(velden)
    bsn = (velden.get("bsn") or "").strip()
    if not bsn:
        raise DomainError(
            "E_PE_BSN_REQUIRED",
            "Een signaal vraagt het BSN van de jongere (VI-09).",
            [InvalidParam("bsn", "required", "BSN is verplicht.")],
        )
    bsn = normaliseer_bsn(bsn)
    _mag_signaleren(actor, today())
    return _maak_concept(actor, bsn, velden, extra)


def _maak_concept(actor, bsn: str, velden: dict, extra: dict) -> Signaal:
    """Write a draft; the caller has checked the fields, the BSN and the signalling right."""
    org = actor.organisatie
    with transaction.atomic():
        signaal = Signaal(
            verwerkingsverantwoordelijke_id=org.verwerkingsverantwoordelijke_id,
            organisatie=org,
            signaleerder=actor.gebruiker,
            bsn_index=crypto.blind_index(bsn),
            **extra,
        )
        signaal.bsn_versleuteld = crypto.encrypt(
            org.verwerkingsverantwoordelijke_id, TABEL, "bsn", signaal.uuid, bsn
        )
        signaal.save()
        audit.record(
            actor=actor,
            actie="signaal.geregistreerd",
            activiteit=ACTIVITEIT,
            object=signaal,
            betrokkenen=[betrokkene(signaal.bsn_index)],
            velden=["bsn", *sorted(k for k in velden if k != "bsn")],
        )
    return signaal


def bsn_van(signaal: Signaal) -> str:
    return crypto.decrypt(
        signaal.verwerkingsverantwoordelijke_id, TABEL, "bsn", signaal.uuid, signaal.bsn_versleuteld
    )


def _vergrendel_bsn(bsn_index: str) -> None:
    """Two organisations activating on the same BSN at once must see each other, or no match would be
    made: serialise per BSN (PostgreSQL advisory lock; SQLite's BEGIN IMMEDIATE serialises all writes)."""
    if connection.vendor == "postgresql":
        sleutel = int.from_bytes(hashlib.sha256(bsn_index.encode()).digest()[:8], "big", signed=True)
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [sleutel])


def _fouten_naar_error(fouten: list[policies.Fout]) -> DomainError:
    code = policies.hoofdcode(fouten) or "E_INVALID_INPUT"
    eerste = next(f for f in fouten if f.code == code)
    fout = DomainError(code, eerste.reden, [InvalidParam(f.naam, f.code, f.reden) for f in fouten])
    if code == "E_VI_CRITERION_DISABLED":
        fout.http_status = 400  # using (l) is bad input; enabling it without a DPIA is the 409 (API §1.5)
    return fout


@audit.geweigerd_gelogd("signaal.geactiveerd", ACTIVITEIT)
def activeer_signaal(*, actor, uuid, verantwoording: dict) -> Signaal:
    """`_activeren`: DRAFT → ACTIVE when VI-02 … VI-09 hold; matching and notices in the same transaction."""
    signaal = selectors.signaal_of_404(actor, uuid)
    if signaal.signaleerder_id != actor.gebruiker.pk:
        raise NotFound()  # only the signaler activates: to a colleague the draft does not exist
    vandaag = today()
    if signaal.status != policies.CONCEPT:
        raise DomainError("E_STATE_CONFLICT", "Alleen een concept-signaal kan worden geactiveerd.")
    _mag_signaleren(actor, vandaag)
    regels = profiel_regels(actor.organisatie)
    fouten = policies.verantwoording_fouten(verantwoording, regels, vandaag)
    if fouten:
        raise _fouten_naar_error(fouten)
    return _activeer(actor, signaal, bsn_van(signaal), verantwoording, vandaag)


def _activeer(actor, signaal: Signaal, bsn: str, verantwoording: dict, vandaag: dt.date) -> Signaal:
    """DRAFT → ACTIVE, justification kept apart, matching and notices; the caller has checked the
    signalling right and the justification."""
    kandidaten = crypto.blind_index_candidates(bsn)
    profiel = actor.organisatie.profiel
    with transaction.atomic():
        _vergrendel_bsn(kandidaten[0])
        signaal = Signaal.objects.select_for_update().get(pk=signaal.pk)
        if signaal.status != policies.CONCEPT:
            raise DomainError("E_STATE_CONFLICT", "Alleen een concept-signaal kan worden geactiveerd.")
        dubbel = (
            Signaal.objects.filter(
                signaleerder=actor.gebruiker,
                bsn_index__in=kandidaten,
                status=policies.ACTIEF,
                verwijderdatum__gt=vandaag,
            )
            .exclude(pk=signaal.pk)
            .exists()
        )
        if dubbel:
            raise DomainError(
                "E_VI_DUPLICATE",
                "U heeft al een actief signaal op deze jongere (zie Mijn signalen); een tweede is niet "
                "nodig. Verlengen kan in de laatste 30 dagen vóór de verwijderdatum (VI-16).",
            )
        signaal.status = policies.ACTIEF
        signaal.signaleringstijdstip = now()
        signaal.verwijderdatum = policies.verwijderdatum(
            vandaag,
            verantwoording["geboortedatum"],
            termijn_maanden=profiel.vi_term_months,
            max_leeftijd=profiel.vi_max_age,
        )
        signaal.save(update_fields=["status", "signaleringstijdstip", "verwijderdatum", "gewijzigd"])
        _bewaar_verantwoording(actor, signaal, verantwoording)
        audit.record(
            actor=actor,
            actie="signaal.geactiveerd",
            activiteit=ACTIVITEIT,
            object=signaal,
            betrokkenen=[betrokkene(signaal.bsn_index)],
            velden=["status", "signaleringstijdstip", "verwijderdatum", "verantwoording"],
        )
        # the answer names the match this activation made or joined (API §2.3), as a later GET does
        if (match := _koppel_en_meld(actor, signaal, bsn, aanleiding="signaal")) is not None:
            signaal.match = match
    return signaal


@audit.geweigerd_gelogd("signaal.geactiveerd", ACTIVITEIT)
def geef_signaal_af(*, actor, velden: dict, verantwoording: dict) -> Signaal:
    """The UI's one step: draft and activation in one transaction, every check before any write, so a
    refusal leaves nothing behind — no draft either — and is audited once (AU-04)."""
    controleer_velden(velden)
    _mag_signaleren(actor, today())
    # Everything that is wrong at once: the BSN and the justification (a form shows all its errors).
    bsn_fout: DomainError | None = None
    bsn = (velden.get("bsn") or "").strip()
    if not bsn:
        bsn_fout = DomainError(
            "E_PE_BSN_REQUIRED",
            "Een signaal vraagt het BSN van de jongere (VI-09).",
            [InvalidParam("bsn", "required", "Vul het BSN van de jongere in.")],
        )
    else:
        try:
            normaliseer_bsn(bsn)
        except DomainError as fout:
            bsn_fout = fout
    fouten = policies.verantwoording_fouten(verantwoording, profiel_regels(actor.organisatie), today())
    if bsn_fout is not None:
        bsn_fout.invalid_params += [InvalidParam(f.naam, f.code, f.reden) for f in fouten]
        raise bsn_fout
    if fouten:
        raise _fouten_naar_error(fouten)
    tenancy.activeer(actor)
    bsn = normaliseer_bsn(bsn)
    with transaction.atomic():
        concept = _maak_concept(actor, bsn, velden, _extended_velden(velden))
        return _activeer(actor, concept, bsn, verantwoording, today())


def _bewaar_verantwoording(actor, signaal: Signaal, verantwoording: dict) -> None:
    rij = Verantwoording(
        verwerkingsverantwoordelijke_id=signaal.verwerkingsverantwoordelijke_id,
        organisatie_id=signaal.organisatie_id,
        signaal=signaal,
        vastgelegd_door=actor.gebruiker,
    )
    rij.inhoud_versleuteld = crypto.encrypt(
        signaal.verwerkingsverantwoordelijke_id,
        TABEL_V,
        "inhoud",
        rij.uuid,
        json.dumps(verantwoording, default=str, sort_keys=True),
    )
    rij.save()


def lees_verantwoording(signaal: Signaal, *, eigen_organisatie: bool = True) -> dict:
    """The justification as stored. For users only the signal's own organisation's file: after a hand-over
    to another organisation (VI-25) the old organisation keeps its justification and the new one has none."""
    qs = Verantwoording.objects.filter(signaal=signaal)
    if eigen_organisatie:
        qs = qs.filter(organisatie_id=signaal.organisatie_id)
    rij = qs.first()
    if rij is None:
        raise NotFound()
    tekst = crypto.decrypt(
        rij.verwerkingsverantwoordelijke_id, TABEL_V, "inhoud", rij.uuid, rij.inhoud_versleuteld
    )
    return json.loads(tekst)


def _geboortedatum(signaal: Signaal) -> dt.date:
    with tenancy.systeem():  # after a hand-over to another organisation the justification stays behind
        return dt.date.fromisoformat(lees_verantwoording(signaal, eigen_organisatie=False)["geboortedatum"])


# --- matching and notices (VI-11, SH-16) -----------------------------------------------------------


def _koppel_en_meld(actor, signaal: Signaal, bsn: str, *, aanleiding: str) -> Match | None:
    """After activation: find the active signals on this BSN; if they make a match, attach them to the
    existing live match or a new one, and notify every signaler in it (a further signal re-notifies all)."""
    actieve = selectors.actieve_signalen_op_bsn(bsn, huishouden=selectors.huishouden_van(signaal))
    if not selectors.is_live(actieve):
        return None
    match = _live_match(actieve, signaal)
    with tenancy.systeem():  # the joint module writes across organisations (ADR 0009)
        selectors.laad_deelnemers(actieve)
        if match is None:
            match = Match.objects.create(bsn_index=signaal.bsn_index)
            if aanleiding == "signaal":
                aanleiding = "nieuw"  # the notice of a new match, as partner systems read it
        Signaal.objects.filter(pk__in=[s.pk for s in actieve]).exclude(match=match).update(match=match)
        for s in actieve:
            s.match = match
        _meld(actor, match, actieve, aanleiding=aanleiding, gebeurtenis=str(signaal.uuid))
    return match


def _live_match(actieve: list[Signaal], nieuw: Signaal) -> Match | None:
    """The match the other active signals already share, if it still exists (a dissolved match stays
    dissolved: a new one starts at NEW)."""
    per_match: dict[int, list[Signaal]] = {}
    for s in actieve:
        if s.match_id and s.pk != nieuw.pk:
            per_match.setdefault(s.match_id, []).append(s)
    levend = [mid for mid, rijen in per_match.items() if selectors.is_live(rijen)]
    return Match.objects.filter(pk__in=levend).order_by("-pk").first() if levend else None


def _link(signaal: Signaal) -> str:
    return settings.BASE_URL.rstrip("/") + f"/verwijsindex/signalen/{signaal.uuid}"


def _meld(actor, match: Match, signalen: list[Signaal], *, aanleiding: str, gebeurtenis: str) -> None:
    """VI-11: each signaler gets only the other signalers' organisation, contact name and details and a
    link to the own signal — no subject data in subject line, body or link. Each notice is a disclosure
    of every other signal's involvement (SH-16), one register entry per pair."""
    vandaag = today()
    contacten = {s.pk: selectors.contact_van(s, vandaag) for s in signalen}
    for ontvanger in signalen:
        aan = contacten[ontvanger.pk]
        anderen = [s for s in signalen if s.pk != ontvanger.pk]
        regels = "\n".join(
            f"- {s.organisatie.naam}: {contacten[s.pk].naam}, {contacten[s.pk].email}"
            + (f", {contacten[s.pk].telefoon}" if contacten[s.pk].telefoon else "")
            for s in anderen
        )
        tekst = (
            f"Beste {aan.naam},\n\n"
            "Uw signaal in de verwijsindex heeft een match: ook deze professionals zijn betrokken.\n\n"
            f"{regels}\n\n"
            "Neem eerst contact met elkaar op, vóór u de jongere of ouders over de match informeert (VI-12). "
            "Gegevens uitwisselen gaat alleen via een deelbesluit (VI-13).\n\n"
            f"Uw signaal: {_link(ontvanger)}\n"
        )
        bericht = plaats_email(
            aan=aan.email,
            onderwerp="Verwijsindex: match op uw signaal",
            tekst=tekst,
            sleutel=f"vi-match:{match.uuid}:{gebeurtenis}:{ontvanger.uuid}",
            gebruiker=aan,
        )
        Notificatie.objects.create(
            match=match, signaal=ontvanger, aan=aan, aanleiding=aanleiding, bericht=bericht
        )
        _meld_partnersysteem(match, ontvanger, aanleiding, gebeurtenis)
        registreer_vi_verstrekkingen(
            herkomst=f"match {match.uuid}",
            datum=vandaag,
            paren=[(s, aan) for s in anderen],
        )
        audit.record(
            actor=actor,
            actie="match.gemeld",
            activiteit=ACTIVITEIT,
            object=match,
            betrokkenen=[betrokkene(match.bsn_index)],
            velden=VI_GEGEVENS,
        )
    Match.objects.filter(pk=match.pk).update(gewijzigd=now())


def _meld_partnersysteem(match: Match, ontvanger: Signaal, aanleiding: str, gebeurtenis: str) -> None:
    """API §2.3: an organisation whose partner system registered a webhook (with `match:behandelen`)
    also gets a signed call — URLs only; the system then reads the match on behalf of its professional."""
    from zorgvuldig.berichten.services import plaats_webhook
    from zorgvuldig.organisaties.models import ApiToken

    basis = settings.BASE_URL.rstrip("/")
    tokens = ApiToken.objects.filter(
        organisatie_id=ontvanger.organisatie_id, ingetrokken_op__isnull=True, geldig_tot__gte=today()
    ).exclude(webhook_url="")
    for token in tokens:
        if "match:behandelen" not in token.scopes:
            continue
        plaats_webhook(
            token=token,
            inhoud={
                "type": "vi.match",
                "aanleiding": aanleiding,
                "match": f"{basis}/api/v1/matches/{match.uuid}",
                "signaal": f"{basis}/api/v1/signalen/{ontvanger.uuid}",
                "signaleerder": str(ontvanger.signaleerder.uuid),
            },
            sleutel=f"vi-webhook:{token.uuid}:{match.uuid}:{gebeurtenis}:{ontvanger.uuid}",
        )


# --- extend, withdraw, hand over (VI-16, VI-24, VI-25) ---------------------------------------------


def _beheerbaar(actor, uuid) -> Signaal:
    """Signaler or own *leidinggevende* (`signaal:beheren`); anyone else: not found."""
    signaal = selectors.signaal_of_404(actor, uuid)
    eigen = signaal.signaleerder_id == actor.gebruiker.pk
    leiding = actor.heeft("signaal:beheren") and signaal.organisatie_id == actor.organisatie.pk
    if not (eigen or leiding):
        raise NotFound()
    return signaal


@audit.geweigerd_gelogd("signaal.verlengd", ACTIVITEIT)
def verleng_signaal(*, actor, uuid) -> Signaal:
    """VI-16: + `vi.extension_months`, only in the last 30 days, never past the age limit."""
    signaal = _beheerbaar(actor, uuid)
    vandaag = today()
    if signaal.status != policies.ACTIEF:
        raise DomainError("E_STATE_CONFLICT", "Alleen een actief signaal kan worden verlengd.")
    if not selectors.is_ondertekenaar(signaal.organisatie_id, vandaag):
        raise DomainError("E_AC_NOT_SIGNATORY", "De toetreding van uw organisatie is beëindigd (VI-25).")
    profiel = signaal.organisatie.profiel
    assert signaal.verwijderdatum is not None and profiel is not None  # an active signal has both
    nieuw = policies.verlenging(
        verwijderdatum=signaal.verwijderdatum,
        vandaag=vandaag,
        geboortedatum=_geboortedatum(signaal),
        verlenging_maanden=profiel.vi_extension_months,
        max_leeftijd=profiel.vi_max_age,
    )
    if nieuw is None:
        raise DomainError(
            "E_VI_EXTEND_WINDOW",
            "Verlengen kan alleen in de laatste 30 dagen vóór de verwijderdatum en niet voorbij de "
            "leeftijdsgrens (VI-16).",
        )
    with transaction.atomic():
        Signaal.objects.filter(pk=signaal.pk).update(verwijderdatum=nieuw, gewijzigd=now())
        signaal.verwijderdatum = nieuw
        audit.record(
            actor=actor,
            actie="signaal.verlengd",
            activiteit=ACTIVITEIT,
            object=signaal,
            betrokkenen=[betrokkene(signaal.bsn_index)],
            velden=["verwijderdatum"],
        )
    return signaal


@audit.geweigerd_gelogd("signaal.ingetrokken", ACTIVITEIT)
def trek_signaal_in(*, actor, uuid) -> None:
    """Withdrawal any time (VI-16): from now the signal is invisible and never matches (VI-17)."""
    signaal = _beheerbaar(actor, uuid)
    with transaction.atomic():
        signaal = Signaal.objects.select_for_update().get(pk=signaal.pk)
        if signaal.status == policies.INGETROKKEN:
            raise NotFound()
        signaal.status = policies.INGETROKKEN
        signaal.ingetrokken_op = now()
        signaal.aangeboden_aan = None
        signaal.save(update_fields=["status", "ingetrokken_op", "aangeboden_aan", "gewijzigd"])
        audit.record(
            actor=actor,
            actie="signaal.ingetrokken",
            activiteit=ACTIVITEIT,
            object=signaal,
            betrokkenen=[betrokkene(signaal.bsn_index)],
            velden=["status"],
        )


@audit.geweigerd_gelogd("signaal.overgedragen", ACTIVITEIT)
def draag_over(*, actor, uuid, naar, reden: str) -> Signaal:
    """VI-24: the *leidinggevende* hands an active signal to a mandated colleague (at once); VI-25: after
    the accession ended, within `vi.exit_days`, to a mandated user of a signatory organisation taking over
    the care, who must accept. Dates unchanged; match partners are notified again."""
    if not actor.heeft("signaal:beheren"):
        raise NotFound()
    signaal = _beheerbaar(actor, uuid)
    vandaag = today()
    if signaal.status != policies.ACTIEF:
        raise DomainError("E_STATE_CONFLICT", "Alleen een actief signaal kan worden overgedragen.")
    if not (reden or "").strip():
        raise DomainError(
            "E_INVALID_INPUT",
            "Een overdracht vraagt een reden (VI-24).",
            [InvalidParam("reden", "required", "Verplicht.")],
        )
    if not selectors.is_gemandateerd(naar, vandaag) or naar.pk == signaal.signaleerder_id:
        raise DomainError(
            "E_AC_NOT_MANDATED", "De ontvanger heeft geen geldig mandaat voor de verwijsindex (AC-08)."
        )
    uitgetreden = selectors.uittreding_tot(signaal.organisatie_id, vandaag) is not None
    if uitgetreden:
        if naar.organisatie_id == signaal.organisatie_id or not selectors.is_ondertekenaar(
            naar.organisatie_id, vandaag
        ):
            raise DomainError(
                "E_AC_NOT_SIGNATORY",
                "Na de uittreding gaat een signaal naar een gebruiker van een andere, toegetreden "
                "organisatie (VI-25).",
            )
    elif naar.organisatie_id != signaal.organisatie_id:
        raise DomainError(
            "E_AC_NOT_MANDATED",
            "Een signaal gaat over naar een gemandateerde collega van de eigen organisatie (VI-24).",
        )
    with transaction.atomic():
        overdracht = Overdracht.objects.create(
            signaal=signaal,
            soort=Overdracht.Soort.UITTREDING if uitgetreden else Overdracht.Soort.COLLEGA,
            van=signaal.signaleerder,
            naar=naar,
            door=actor.gebruiker,
            datum=vandaag,
            reden=reden.strip()[:500],
        )
        if uitgetreden:
            signaal.aangeboden_aan = naar
            signaal.save(update_fields=["aangeboden_aan", "gewijzigd"])
        else:
            _voer_overdracht_uit(actor, signaal, overdracht)
        audit.record(
            actor=actor,
            actie="signaal.overgedragen",
            activiteit=ACTIVITEIT,
            object=signaal,
            betrokkenen=[betrokkene(signaal.bsn_index)],
            velden=["signaleerder"] if not uitgetreden else ["aangeboden_aan"],
        )
    return signaal


def _voer_overdracht_uit(actor, signaal: Signaal, overdracht: Overdracht) -> None:
    naar = overdracht.naar
    overdracht.aanvaard_op = now()
    overdracht.save(update_fields=["aanvaard_op", "gewijzigd"])
    signaal.signaleerder = naar
    signaal.aangeboden_aan = None
    velden = ["signaleerder", "aangeboden_aan", "gewijzigd"]
    if naar.organisatie_id != signaal.organisatie_id:
        bsn = bsn_van(signaal)  # still encrypted under the old controller's key
        signaal.organisatie_id = naar.organisatie_id
        signaal.verwerkingsverantwoordelijke_id = naar.organisatie.verwerkingsverantwoordelijke_id
        signaal.overgedragen_na_uittreding = True
        # Encrypted under the new controller's key: the signal is now theirs.
        signaal.bsn_versleuteld = crypto.encrypt(
            signaal.verwerkingsverantwoordelijke_id, TABEL, "bsn", signaal.uuid, bsn
        )
        velden += [
            "organisatie",
            "verwerkingsverantwoordelijke",
            "overgedragen_na_uittreding",
            "bsn_versleuteld",
        ]
    with tenancy.systeem():
        signaal.save(update_fields=velden)
    if signaal.match_id:
        match = Match.objects.get(pk=signaal.match_id)
        actieve = selectors._live_signalen(match, today())
        if selectors.is_live(actieve):
            with tenancy.systeem():
                _meld(
                    actor,
                    match,
                    actieve,
                    aanleiding="overdracht",
                    gebeurtenis=f"overdracht:{overdracht.uuid}",
                )


@audit.geweigerd_gelogd("signaal.aanvaard", ACTIVITEIT)
def aanvaard_signaal(*, actor, uuid) -> Signaal:
    """VI-25: the offered user of a signatory organisation takes the signal over."""
    signaal = selectors.aangeboden_signaal_of_404(actor, uuid)
    vandaag = today()
    if not selectors.is_ondertekenaar(actor.organisatie.pk, vandaag) or not selectors.is_gemandateerd(
        actor.gebruiker, vandaag
    ):
        raise DomainError(
            "E_AC_NOT_SIGNATORY",
            "Alleen een gemandateerde gebruiker van een toegetreden organisatie aanvaardt (VI-25).",
        )
    with transaction.atomic():
        with tenancy.systeem():
            overdracht = (
                signaal.overdrachten.filter(naar=actor.gebruiker, aanvaard_op__isnull=True)
                .order_by("-pk")
                .first()
            )
        if overdracht is None:
            raise NotFound()
        _voer_overdracht_uit(actor, signaal, overdracht)
        audit.record(
            actor=actor,
            actie="signaal.aanvaard",
            activiteit=ACTIVITEIT,
            object=signaal,
            betrokkenen=[betrokkene(signaal.bsn_index)],
            velden=["signaleerder", "organisatie"],
        )
    return signaal


# --- match workflow (VI-12, VI-14, VI-15) ----------------------------------------------------------


def _match_actie(actor, uuid, actie: str, velden: list[str], wijzig) -> Match:
    match = selectors.match_of_404(actor, uuid)
    with transaction.atomic():
        match = Match.objects.select_for_update().get(pk=match.pk)
        wijzig(match)
        match.save()
        audit.record(
            actor=actor,
            actie=actie,
            activiteit=ACTIVITEIT,
            object=match,
            betrokkenen=[betrokkene(match.bsn_index)],
            velden=velden,
        )
    return match


def _deelnemer(match: Match, actor, deelnemer_uuid, veld: str) -> Signaal:
    for d in selectors.deelnemers(match, actor):
        if d.uuid == str(deelnemer_uuid):
            with tenancy.systeem():
                return Signaal.objects.get(deelnemer_uuid=d.uuid)
    raise DomainError(
        "E_INVALID_INPUT",
        "Onbekende deelnemer in deze match.",
        [InvalidParam(veld, "invalid", "Geen deelnemer van deze match.")],
    )


@audit.geweigerd_gelogd("match.afgestemd", ACTIVITEIT)
def stem_af(*, actor, uuid, datum: dt.date, met: list) -> Match:
    """NEW → CONTACT_MADE: the signalers consulted each other (VI-12)."""
    match = selectors.match_of_404(actor, uuid)
    fout = policies.feitdatum_fout(
        datum, niet_voor=today(match.aangemaakt), wat="het ontstaan van de match", vandaag=today()
    )
    if fout:
        raise DomainError("E_INVALID_INPUT", fout, [InvalidParam("datum", "invalid", fout)])
    andere = {d.uuid for d in selectors.deelnemers(match, actor) if not d.eigen}
    met_s = [str(m) for m in met]
    if not met_s or not set(met_s) <= andere:
        raise DomainError(
            "E_INVALID_INPUT",
            "Kies met welke andere deelnemer(s) contact is gelegd.",
            [InvalidParam("met", "invalid", "Alleen andere deelnemers van deze match.")],
        )

    def wijzig(m: Match) -> None:
        fout = policies.afstemmen_fout(m.status)
        if fout:
            raise DomainError("E_STATE_CONFLICT", fout)
        m.status = policies.CONTACT_GELEGD
        m.afstemming_datum = datum
        m.afstemming_door = actor.gebruiker
        m.afstemming_met = sorted(met_s)

    return _match_actie(actor, uuid, "match.afgestemd", ["status", "afstemming"], wijzig)


@audit.geweigerd_gelogd("match.zorgcoordinator", ACTIVITEIT)
def wijs_zorgcoordinator_aan(*, actor, uuid, deelnemer) -> Match:
    """VI-15: one *zorgcoördinator*, agreed after contact; a later agreement replaces it."""
    match = selectors.match_of_404(actor, uuid)
    fout = policies.aanwijzen_fout(match.status)
    if fout:
        raise DomainError(*fout)
    signaal = _deelnemer(match, actor, deelnemer, "deelnemer")

    def wijzig(m: Match) -> None:
        vorige_id = m.zorgcoordinator_id
        m.zorgcoordinator = signaal
        m.zorgcoordinator_op = today()
        if vorige_id != signaal.pk:
            _meld_zorgcoordinator(actor, m, signaal, aangewezen=True)
            if vorige_id is not None:
                with tenancy.systeem():  # the former coordinator's signal may be another organisation's
                    vorige = Signaal.objects.get(pk=vorige_id)
                _meld_zorgcoordinator(actor, m, vorige, aangewezen=False)

    return _match_actie(actor, uuid, "match.zorgcoordinator", ["zorgcoordinator"], wijzig)


def _meld_zorgcoordinator(actor, match: Match, signaal: Signaal, *, aangewezen: bool) -> None:
    """VI-15: the professional appointed (or no longer) *zorgcoördinator* hears of it — inbox, e-mail through
    the outbox and the partner system's webhook —, unless they made the choice themselves. Like a match
    notice (VI-11) it names only who chose and links to the recipient's own signal: no subject data."""
    aan = selectors.contact_van(signaal)
    if aan.pk == actor.gebruiker.pk:
        return
    wie = f"{actor.gebruiker.naam} ({actor.organisatie.naam})"
    if aangewezen:
        zin = f"U bent door {wie} aangewezen als zorgcoördinator in een match van de verwijsindex (VI-15)."
        aanleiding = "zorgcoordinator"
    else:
        zin = f"{wie} heeft een andere zorgcoördinator aangewezen in een match van de verwijsindex (VI-15)."
        aanleiding = "zc_vervangen"
    # one event per appointment — A, then B, then A again on one day are three notices (API review)
    eerder = Notificatie.objects.filter(match=match, signaal=signaal, aanleiding=aanleiding).count()
    gebeurtenis = f"{aanleiding}:{eerder + 1}"
    bericht = plaats_email(
        aan=aan.email,
        onderwerp="Verwijsindex: zorgcoördinator in een match",
        tekst=f"Beste {aan.naam},\n\n{zin}\n\nUw signaal: {_link(signaal)}\n",
        sleutel=f"vi-zc:{match.uuid}:{gebeurtenis}:{signaal.uuid}",
        gebruiker=aan,
    )
    Notificatie.objects.create(match=match, signaal=signaal, aan=aan, aanleiding=aanleiding, bericht=bericht)
    _meld_partnersysteem(match, signaal, aanleiding, gebeurtenis)


@audit.geweigerd_gelogd("match.jongere_geinformeerd", ACTIVITEIT)
def informeer_jongere(*, actor, uuid, datum: dt.date, door, wijze: str) -> Match:
    """VI-14 after VI-12: youth/parents informed (date, by whom, how), never before contact."""
    match = selectors.match_of_404(actor, uuid)
    fout = policies.informeren_fout(match.status, match.informeren_datum is not None)
    if fout:
        raise DomainError(*fout)
    if wijze not in policies.INFORMEER_WIJZEN:
        raise DomainError(
            "E_INVALID_INPUT",
            "Onbekende wijze.",
            [InvalidParam("wijze", "invalid", "gesprek, telefonisch of schriftelijk.")],
        )
    if datum > today() or (match.afstemming_datum and datum < match.afstemming_datum):
        raise DomainError(
            "E_INVALID_INPUT",
            "De datum ligt in de toekomst of vóór het contact tussen de signaleerders (VI-12).",
            [InvalidParam("datum", "invalid", "Tussen het contact en vandaag.")],
        )
    signaal = _deelnemer(match, actor, door, "door")

    def wijzig(m: Match) -> None:
        m.informeren_datum = datum
        m.informeren_door = signaal
        m.informeren_wijze = wijze

    return _match_actie(actor, uuid, "match.jongere_geinformeerd", ["jongereGeinformeerd"], wijzig)


# --- settings (SPEC §0.2) --------------------------------------------------------------------------


INSTELLINGEN = (
    "field_set",
    "match_scope",
    "family_matching",
    "huishoudverwerking",
    "archive_months",
    "exit_days",
)


CONFIGURATIE_SCOPE = "configuratie:beheren"
_GEEN: object = object()


def _door_fg(actor) -> bool:
    from zorgvuldig.organisaties.services import is_fg

    return is_fg(actor)


def _mag_instellingen(actor, oud: dict, nieuw: dict) -> None:
    """The beheerder changes the settings; the FG only those whose widening is hers (GP-04, VI-22)."""
    if actor.is_systeem or actor.heeft(CONFIGURATIE_SCOPE):
        return
    anders = sorted(k for k in INSTELLINGEN if oud[k] != nieuw[k] and k not in policies.FG_INSTELLINGEN)
    if not _door_fg(actor) or anders:
        raise DomainError(
            "E_AC_NOT_AUTHORISED",
            "De FG wijzigt van deze instellingen alleen de veldenset en gezinsmatching; de rest is aan de "
            "beheerder.",
            [InvalidParam(f"vi.{k}", "not_allowed", "Niet voor de FG.") for k in anders],
        )


def _verruiming_dpia(actor, oud: dict, nieuw: dict, dpia_uuid, huidig):
    """GP-04, GP-06, RG-02, VI-22, in the pattern of VI-23: widening the field set beyond `statutory` or
    switching family matching on needs the FG with an approved DPIA of her own controller for the
    verwijsindex; narrowing back is the beheerder's too and forgets the DPIA. Returns the DPIA to keep."""
    from zorgvuldig.registers.models import Dpia
    from zorgvuldig.registers.policies import CRITERIUM_L_ACTIVITEIT
    from zorgvuldig.registers.selectors import eigen_dpia

    verruimd = policies.verruimingen(oud=oud, nieuw=nieuw)
    nodig = policies.verruiming_dpia_nodig(
        field_set=nieuw["field_set"], family_matching=nieuw["family_matching"]
    )
    if dpia_uuid is None and nodig and not verruimd:
        raise DomainError(
            "E_INVALID_INPUT",
            "De instellingen van de verwijsindex zijn ongeldig.",
            [
                InvalidParam(
                    "verruimingDpia", "required", "Zet eerst de verruiming terug; dan vervalt de DPIA."
                )
            ],
        )
    if dpia_uuid is _GEEN or dpia_uuid is None:
        if not verruimd:
            return huidig if nodig else None
    elif not nodig:
        raise DomainError(
            "E_INVALID_INPUT",
            "De instellingen van de verwijsindex zijn ongeldig.",
            [InvalidParam("verruimingDpia", "not_allowed", "Een DPIA hoort alleen bij een verruiming.")],
        )
    door_fg = _door_fg(actor)
    dpia = None
    if door_fg and dpia_uuid not in (None, _GEEN):
        dpia = eigen_dpia(actor, dpia_uuid)
        if dpia is None:
            raise DomainError(
                "E_INVALID_INPUT",
                "De instellingen van de verwijsindex zijn ongeldig.",
                [
                    InvalidParam(
                        "verruimingDpia", "invalid", "Onbekende DPIA van uw verwerkingsverantwoordelijke."
                    )
                ],
            )
    goedgekeurd = (
        dpia is not None
        and dpia.status == Dpia.Status.GOEDGEKEURD
        and dpia.verwerkingsactiviteit.code == CRITERIUM_L_ACTIVITEIT
    )
    if policies.verruiming_weigering(
        verruimd=bool(verruimd) or dpia_uuid not in (None, _GEEN),
        door_fg=door_fg,
        dpia_goedgekeurd=goedgekeurd,
    ):
        reden = (
            "Meer gegevens opslaan of gezinnen matchen beslist alleen de FG, met een goedgekeurde DPIA van "
            "de verwijsindex (GP-04, VI-22)."
            if not door_fg
            else "Een verruiming gaat alleen met de goedgekeurde DPIA van de verwijsindex in verruimingDpia "
            "(GP-04, VI-22)."
        )
        namen = {"field_set": "vi.fieldSet", "family_matching": "vi.familyMatching"}
        raise DomainError(
            "E_VI_CRITERION_DISABLED",
            reden,
            [
                InvalidParam(
                    namen[k], "E_VI_CRITERION_DISABLED", "Niet zonder de FG en een goedgekeurde DPIA."
                )
                for k in verruimd or ["field_set"]
            ],
        )
    assert dpia is not None
    return dpia.uuid


def _audit_waarde(waarde):
    return str(waarde) if waarde is not None and not isinstance(waarde, bool | int | str) else waarde


@audit.geweigerd_gelogd("configuratie.gewijzigd", "beheer-platform")
def wijzig_instellingen(*, actor, verruiming_dpia=_GEEN, **waarden) -> Instellingen:
    """Regional `vi.*` settings (SPEC §0.2), from the admin and `PATCH /instellingen`: only the given
    ones change; bounds checked, family matching only with its basis (VI-22), and widening what the index
    stores or matches only by the FG with an approved DPIA (GP-04, VI-22). `verruiming_dpia`: the uuid of
    that DPIA. Audited with old and new values (AU-02: configuration, not personal data)."""
    onbekend = set(waarden) - set(INSTELLINGEN)
    if onbekend:
        raise ValueError(f"unknown settings {sorted(onbekend)}")
    with transaction.atomic():
        inst = Instellingen.objects.select_for_update().get(pk=Instellingen.huidig().pk)
        oud = {k: getattr(inst, k) for k in INSTELLINGEN}
        nieuw = {k: waarden.get(k, oud[k]) for k in INSTELLINGEN}
        nieuw["huishoudverwerking"] = (nieuw["huishoudverwerking"] or "").strip()
        fouten = policies.instellingen_fouten(
            field_set=nieuw["field_set"],
            match_scope=nieuw["match_scope"],
            archive_months=nieuw["archive_months"],
            exit_days=nieuw["exit_days"],
            huishoudverwerking=nieuw["huishoudverwerking"],
        )
        if fouten:
            raise DomainError(
                "E_INVALID_INPUT",
                "De instellingen van de verwijsindex zijn ongeldig.",
                [InvalidParam(f"vi.{k}", "invalid", reden) for k, reden in fouten.items()],
            )
        _mag_instellingen(actor, oud, nieuw)
        fout = policies.familie_matching_fout(
            aan=nieuw["family_matching"],
            field_set=nieuw["field_set"],
            huishoudverwerking_goedgekeurd=bool(nieuw["huishoudverwerking"]),
        )
        if fout:
            raise DomainError(
                "E_VI_FAMILY_MATCH_BASIS",
                fout,
                [InvalidParam("vi.familyMatching", "E_VI_FAMILY_MATCH_BASIS", "Geen grondslag (VI-22).")],
            )
        oud["verruiming_dpia"] = inst.verruiming_dpia
        nieuw["verruiming_dpia"] = _verruiming_dpia(actor, oud, nieuw, verruiming_dpia, inst.verruiming_dpia)
        gewijzigd = [k for k, v in nieuw.items() if oud[k] != v]
        if gewijzigd:
            for k in gewijzigd:
                setattr(inst, k, nieuw[k])
            inst.save()  # post_save clears this process's settings cache (apps.py)
            audit.record(
                actor=actor,
                actie="configuratie.gewijzigd",
                activiteit="beheer-platform",
                velden=[f"vi.{k}" for k in gewijzigd],
                # AU-02: the FG sees what changed, not only that it did (configuration, no personal data)
                koppeling={
                    "wijzigingen": {
                        f"vi.{k}": {"oud": _audit_waarde(oud[k]), "nieuw": _audit_waarde(nieuw[k])}
                        for k in gewijzigd
                    }
                },
            )
    return inst


# --- the sweep: archive, purge, reminders (VI-20, VI-21, RT-04) -----------------------------------
# These only clean up and remind: whether a signal acts is derived at read time (RT-12), so a sweep that
# did not run never lets an ended signal match or show.


def archiveer(vandaag: dt.date | None = None) -> dict:
    """VI-21: every ended signal (withdrawn, expired, or its organisation left without hand-over) becomes
    a minimal archive record — pseudonym, organisation, signaler, dates, the notices of its match — and
    the signal itself, its justification and hand-overs are deleted. Matches left without signals go too."""
    from zorgvuldig.verwijsindex.models import ArchiefSignaal

    vandaag = vandaag or today()
    actor = audit_actor()
    inst = selectors.instellingen()
    gearchiveerd = 0
    with tenancy.systeem():
        kandidaten = Signaal.objects.exclude(status=policies.CONCEPT).select_related(
            "signaleerder", "organisatie", "match"
        )
        for signaal in kandidaten.iterator():
            if selectors.is_actief(signaal, vandaag):
                continue
            with transaction.atomic():
                gegevens = selectors.archief_gegevens(signaal, vandaag)
                ArchiefSignaal.objects.create(
                    signaal_uuid=signaal.uuid,
                    betrokkene=audit.pseudoniem(betrokkene(signaal.bsn_index)),
                    organisatie=signaal.organisatie,
                    signaleerder=signaal.signaleerder,
                    signaleerder_naam=signaal.signaleerder.naam,
                    signaleringstijdstip=signaal.signaleringstijdstip or signaal.aangemaakt,
                    einddatum=gegevens["einddatum"],
                    einde=gegevens["einde"],
                    matches=gegevens["matches"],
                    purgeren_op=policies.archief_purge_op(gegevens["einddatum"], inst.archive_months),
                )
                audit.record(
                    actor=actor,
                    actie="signaal.gearchiveerd",
                    activiteit=ACTIVITEIT,
                    object=signaal,
                    betrokkenen=[betrokkene(signaal.bsn_index)],
                    velden=["signaal", "verantwoording"],
                    verwerkingsverantwoordelijke=str(signaal.organisatie.verwerkingsverantwoordelijke.uuid),
                )
                match_id = signaal.match_id
                signaal.delete()
                if match_id and not Signaal.objects.filter(match_id=match_id).exists():
                    Match.objects.filter(pk=match_id).delete()
                gearchiveerd += 1
    return {"gearchiveerd": gearchiveerd}


def purgeer(vandaag: dt.date | None = None) -> dict:
    """RT-04: archive records are destroyed `vi.archive_months` after their end; once nothing of the youth
    remains in the index, the VI disclosure entries go and the pseudonym mapping is deleted (AU-07)."""
    from zorgvuldig.audit.models import Pseudoniem
    from zorgvuldig.bewaren.services import grafsteen
    from zorgvuldig.verstrekkingen.models import Verstrekking
    from zorgvuldig.verwijsindex.models import ArchiefSignaal

    vandaag = vandaag or today()
    actor = audit_actor()
    gepurgeerd = 0
    with tenancy.systeem():
        for rij in ArchiefSignaal.objects.filter(purgeren_op__lte=vandaag).select_related(
            "organisatie__verwerkingsverantwoordelijke"
        ):
            with transaction.atomic():
                audit.record(
                    actor=actor,
                    actie="archief.gepurgeerd",
                    activiteit=ACTIVITEIT,
                    object=rij,
                    velden=["archiefsignaal"],
                    verwerkingsverantwoordelijke=str(rij.organisatie.verwerkingsverantwoordelijke.uuid),
                )
                pk = rij.pk
                rij.delete()
                grafsteen(rij, "vi_archief", object_id=pk).save()  # RT-03
                gepurgeerd += 1
                if ArchiefSignaal.objects.filter(betrokkene=rij.betrokkene).exists():
                    continue
                mapping = Pseudoniem.objects.filter(
                    pseudoniem=rij.betrokkene, sleutel__startswith="vi:"
                ).first()
                if mapping is None:
                    continue
                bsn_index = mapping.sleutel.removeprefix("vi:")
                if Signaal.objects.filter(bsn_index=bsn_index).exists():
                    continue
                Verstrekking.objects.filter(bron=Verstrekking.Bron.VI_MATCH, bsn_index=bsn_index).delete()
                audit.vergeet(mapping.sleutel)
    return {"gepurgeerd": gepurgeerd}


def _herinner(actor, signaal: Signaal, vandaag, *, sleutel, onderwerp, kern, actie, object, velden) -> int:
    """One reminder e-mail to the signal's contact, once per event key, audited; 1 if placed now."""
    from zorgvuldig.berichten.models import Bericht

    if Bericht.objects.filter(sleutel=sleutel).exists():
        return 0
    aan = selectors.contact_van(signaal, vandaag)
    with transaction.atomic():
        plaats_email(
            aan=aan.email,
            onderwerp=onderwerp,
            tekst=f"Beste {aan.naam},\n\n{kern}\n\n{_link(signaal)}\n",
            sleutel=sleutel,
            gebruiker=aan,
        )
        audit.record(
            actor=actor,
            actie=actie,
            activiteit=ACTIVITEIT,
            object=object,
            betrokkenen=[betrokkene(signaal.bsn_index)],
            velden=velden,
            verwerkingsverantwoordelijke=str(signaal.organisatie.verwerkingsverantwoordelijke.uuid),
        )
    return 1


def audit_actor():
    from zorgvuldig.core.context import Actor

    return Actor.systeem()


def herinner(vandaag: dt.date | None = None) -> dict:
    """VI-20: the signaler is reminded 14 days before the removal date; VI-14: each signaler in a match
    whose youth is not informed 10 working days after it. One e-mail per event (outbox keys)."""

    vandaag = vandaag or today()
    actor = audit_actor()
    verstuurd = 0
    with tenancy.systeem():
        grens = vandaag + dt.timedelta(days=policies.HERINNERING_DAGEN)
        for signaal in Signaal.objects.filter(
            status=policies.ACTIEF, verwijderdatum__gt=vandaag, verwijderdatum__lte=grens
        ).select_related("signaleerder", "organisatie"):
            assert signaal.verwijderdatum is not None
            if not selectors.is_actief(signaal, vandaag):
                continue
            if not policies.herinnering_verschuldigd(signaal.verwijderdatum, vandaag):
                continue
            verstuurd += _herinner(
                actor,
                signaal,
                vandaag,
                sleutel=f"vi-herinnering:{signaal.uuid}:{signaal.verwijderdatum}",
                onderwerp="Verwijsindex: uw signaal verloopt binnenkort",
                kern=(
                    f"Een signaal van u in de verwijsindex verloopt op {signaal.verwijderdatum:%d-%m-%Y}. Is "
                    "uw betrokkenheid er dan nog, verleng het signaal vóór die datum (VI-16). Anders hoeft "
                    "u niets te doen."
                ),
                actie="signaal.herinnering",
                object=signaal,
                velden=["verwijderdatum"],
            )
        for match in Match.objects.filter(informeren_datum__isnull=True):
            if not policies.informeren_taak(
                match_datum=today(match.aangemaakt), vandaag=vandaag, geinformeerd=False
            ):
                continue
            live = selectors._live_signalen(match, vandaag)
            if not selectors.is_live(live):
                continue
            for signaal in live:
                verstuurd += _herinner(
                    actor,
                    signaal,
                    vandaag,
                    sleutel=f"vi-informeren:{match.uuid}:{signaal.uuid}",
                    onderwerp="Verwijsindex: jongere nog niet geïnformeerd over de match",
                    kern=(
                        "Bij een match op uw signaal is na tien werkdagen nog niet vastgelegd dat de "
                        "jongere of ouders zijn geïnformeerd (VI-14). Stem af met de andere betrokkenen en "
                        "leg het vast."
                    ),
                    actie="match.herinnering",
                    object=match,
                    velden=["jongereGeinformeerd"],
                )
    return {"herinneringen": verstuurd}


@audit.geweigerd_gelogd("archief.doorzocht", ACTIVITEIT)
def zoek_in_archief(*, actor, bsn: str, verzoek: str) -> list[dict]:
    """VI-21: the FG or VI-beheerder looks up one youth's archive records for an *inzage* or *verzet*
    request; the look-up itself is audited with the request it serves."""
    bsn = normaliseer_bsn(bsn)
    rijen = selectors.archief_voor(actor, bsn)
    with transaction.atomic():
        audit.record(
            actor=actor,
            actie="archief.doorzocht",
            activiteit=ACTIVITEIT,
            betrokkenen=[betrokkene(crypto.blind_index(bsn))],
            velden=["archiefsignaal"],
            koppeling={"verzoek": str(verzoek)},
        )
    return rijen
