"""Writes of person data. Each is atomic and audited in the same transaction (DESIGN §3)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from stdnum.nl import bsn as stdnum_bsn

from zorgvuldig.audit import services as audit
from zorgvuldig.core import crypto, invoegen, tenancy
from zorgvuldig.core.clock import today
from zorgvuldig.core.errors import DomainError, InvalidParam, NotFound
from zorgvuldig.personen import policies
from zorgvuldig.personen.models import (
    LEEFTIJDSCATEGORIEEN,
    RELATIE_SOORTEN,
    Beoordeling,
    Huishouden,
    Huishoudlid,
    NietVoorVertegenwoordigers,
    Persoon,
    Relatie,
)
from zorgvuldig.personen.selectors import ACTIVITEIT, huishouden_of_404, persoon_of_404
from zorgvuldig.toegang import services as toegang

GEWONE_VELDEN = [
    "voornamen",
    "voorvoegsel",
    "geslachtsnaam",
    "geboortedatum",
    "geboorteplaats",
    "geslacht",
    "adres_straat",
    "adres_huisnummer",
    "adres_huisnummertoevoeging",
    "adres_postcode",
    "adres_woonplaats",
    "geheim_adres",
    "telefoon",
    "email",
    "relevantie",
    "geschatte_leeftijdscategorie",
    "schatting_reden",
]


def normaliseer_bsn(waarde: str) -> str:
    """11-proef via python-stdnum; the error never repeats the value (no BSN in errors)."""
    try:
        return stdnum_bsn.validate(waarde)
    except Exception as exc:
        raise DomainError(
            "E_PE_BSN_INVALID",
            "Het BSN voldoet niet aan de elfproef.",
            [InvalidParam("bsn", "invalid", "Geen geldig BSN: 9 cijfers die voldoen aan de elfproef.")],
        ) from exc


def _controleer(data: dict, bestaand: Persoon | None = None) -> None:
    fouten: list[InvalidParam] = []
    heeft_bsn = bool(data.get("bsn")) or bool(bestaand and bestaand.bsn_versleuteld)
    reden = data.get("bsn_ontbreekt_reden", bestaand.bsn_ontbreekt_reden if bestaand else "")
    if not heeft_bsn and not (reden or "").strip():
        fouten.append(
            InvalidParam("bsnOntbreektReden", "required", "Zonder BSN is een reden verplicht (PE-01).")
        )
    schatting = data.get(
        "geschatte_leeftijdscategorie", bestaand.geschatte_leeftijdscategorie if bestaand else ""
    )
    if schatting and schatting not in dict(LEEFTIJDSCATEGORIEEN):
        fouten.append(InvalidParam("geschatteLeeftijdscategorie", "invalid", "Onbekende leeftijdscategorie."))
    if schatting and not (data.get("schatting_reden") or (bestaand and bestaand.schatting_reden)):
        fouten.append(
            InvalidParam("schattingReden", "required", "Een geschatte leeftijd vraagt een reden (PE-05).")
        )
    geb = data.get("geboortedatum")
    if geb and geb > today():
        fouten.append(InvalidParam("geboortedatum", "invalid", "De geboortedatum ligt in de toekomst."))
    if fouten:
        raise DomainError("E_INVALID_INPUT", "De persoonsgegevens zijn onvolledig of ongeldig.", fouten)


def _zet_bsn(persoon: Persoon, waarde: str) -> None:
    schoon = normaliseer_bsn(waarde)
    persoon.bsn_versleuteld = crypto.encrypt(
        persoon.verwerkingsverantwoordelijke_id, "personen_persoon", "bsn", persoon.uuid, schoon
    )
    persoon.bsn_index = crypto.blind_index(schoon)
    persoon.bsn_ontbreekt_reden = ""


@audit.geweigerd_gelogd("persoon.geregistreerd", ACTIVITEIT)
def registreer_persoon(*, actor, data: dict) -> Persoon:
    """PE-01: with or without BSN (then a reason). The registering professional gets the case-team grant."""
    tenancy.activeer(actor)
    _controleer(data)
    with transaction.atomic():
        persoon = Persoon(
            verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id,
            organisatie=actor.organisatie,
            **{k: v for k, v in data.items() if k in GEWONE_VELDEN or k == "bsn_ontbreekt_reden"},
        )
        if data.get("bsn"):
            _zet_bsn(persoon, data["bsn"])
        invoegen.voeg_in(persoon)
        grant = toegang.nieuwe_toegang(
            actor=actor,
            object=persoon,
            bron="casusteam",
            ontvanger_gebruiker=actor.gebruiker,
            rechten={"lezen", "aanmaken", "aanvullen", "wijzigen"},
            reden="Registratie door de medewerker",
            herkomst=f"persoon:{persoon.uuid}",
        )
        audit.record(
            actor=actor,
            actie="persoon.geregistreerd",
            activiteit=ACTIVITEIT,
            object=persoon,
            betrokkenen=[persoon],
            nieuwe_betrokkenen=[persoon],
            velden=sorted(data),
            toegang=grant,
            samen_met=grant,
        )
    return persoon


@audit.geweigerd_gelogd("persoon.gewijzigd", ACTIVITEIT)
def wijzig_persoon(*, actor, uuid, data: dict) -> Persoon:
    tenancy.activeer(actor)
    with transaction.atomic():
        persoon, grant = persoon_of_404(actor, uuid, "wijzigen")
        persoon = Persoon.objects.select_for_update().get(pk=persoon.pk)
        _controleer(data, persoon)
        for veld, waarde in data.items():
            if veld in GEWONE_VELDEN or veld == "bsn_ontbreekt_reden":
                setattr(persoon, veld, waarde)
        if data.get("bsn"):
            _zet_bsn(persoon, data["bsn"])
        persoon.save()
        audit.record(
            actor=actor,
            actie="persoon.gewijzigd",
            activiteit=ACTIVITEIT,
            object=persoon,
            betrokkenen=[persoon],
            velden=sorted(data),
            toegang=grant,
        )
    return persoon


@audit.geweigerd_gelogd("relatie.geregistreerd", ACTIVITEIT)
def registreer_relatie(*, actor, persoon_uuid, ander_uuid, data: dict) -> Relatie:
    """A representative relation (PE-04, PE-08, CS-16); curator/mentor need the court order."""
    tenancy.activeer(actor)
    soort = str(data.get("soort") or "")
    fouten = []
    if soort not in dict(RELATIE_SOORTEN):
        fouten.append(InvalidParam("soort", "invalid", "Onbekende soort relatie."))
    if soort in {"curator", "mentor"} and not data.get("beschikking_kenmerk"):
        fouten.append(
            InvalidParam(
                "beschikking.kenmerk", "required", "Curatele of mentorschap vraagt de beschikking (CS-16)."
            )
        )
    if data.get("vanaf") and data.get("tot") and data["tot"] < data["vanaf"]:
        fouten.append(InvalidParam("tot", "invalid", "De einddatum ligt voor de begindatum."))
    if fouten:
        raise DomainError("E_PE_RELATION_INVALID", "De relatie kan zo niet worden vastgelegd.", fouten)
    with transaction.atomic():
        persoon, grant = persoon_of_404(actor, persoon_uuid, "aanvullen")
        ander, _ = persoon_of_404(actor, ander_uuid, "lezen")
        if _netwerkgegevens_zonder_relevantie(ander):
            raise DomainError(
                "E_INVALID_INPUT",
                "Adres en contact van een netwerklid alleen als het voor de hulp relevant is (PE-10).",
                [InvalidParam("relevantie", "required", "Leg vast waarom deze gegevens nodig zijn.")],
            )
        if ander.pk == persoon.pk:
            raise DomainError(
                "E_PE_RELATION_INVALID",
                "Een persoon kan geen relatie met zichzelf hebben.",
                [InvalidParam("persoon", "invalid", "Zelfde persoon.")],
            )
        relatie = Relatie.objects.create(
            verwerkingsverantwoordelijke_id=persoon.verwerkingsverantwoordelijke_id,
            organisatie_id=persoon.organisatie_id,
            persoon=persoon,
            ander=ander,
            soort=soort,
            bewijs=data.get("bewijs", ""),
            beschikking_kenmerk=data.get("beschikking_kenmerk", ""),
            beschikking_datum=data.get("beschikking_datum"),
            reikwijdte=sorted(data.get("reikwijdte") or []),
            bereid=data.get("bereid", True),
            vanaf=data.get("vanaf"),
            tot=data.get("tot"),
        )
        audit.record(
            actor=actor,
            actie="relatie.geregistreerd",
            activiteit=ACTIVITEIT,
            object=relatie,
            betrokkenen=[persoon, ander],
            velden=["soort", "vanaf", "tot"],
            toegang=grant,
        )
    return relatie


def _netwerkgegevens_zonder_relevantie(ander: Persoon) -> bool:
    """PE-10: a family or network member's address and contact details need a recorded relevance."""
    heeft = any(getattr(ander, v) for v in [*Persoon.ADRES_VELDEN, "telefoon", "email"])
    return heeft and not ander.relevantie.strip()


@audit.geweigerd_gelogd("beoordeling.geregistreerd", ACTIVITEIT)
def registreer_beoordeling(
    *, actor, persoon_uuid, soort: str, uitkomst: bool, datum: dt.date, redenen: str
) -> Beoordeling:
    """PE-06 competence (professional) or PE-07 incapacity (only the leidinggevende), with reasons."""
    tenancy.activeer(actor)
    fouten = []
    if soort not in Beoordeling.Soort.values:
        fouten.append(InvalidParam("soort", "invalid", "Onbekende soort beoordeling."))
    if not (redenen or "").strip():
        fouten.append(InvalidParam("redenen", "required", "Een beoordeling vraagt redenen (PE-06, PE-07)."))
    if datum > today():
        fouten.append(InvalidParam("datum", "invalid", "De datum ligt in de toekomst."))
    if fouten:
        raise DomainError("E_INVALID_INPUT", "De beoordeling is onvolledig.", fouten)
    if soort == Beoordeling.Soort.WILSONBEKWAAMHEID and "dossier:autoriseren" not in actor.scopes:
        raise DomainError("E_AC_NOT_AUTHORISED", "Wilsonbekwaamheid stelt de leidinggevende vast (PE-07).")
    with transaction.atomic():
        persoon, grant = persoon_of_404(actor, persoon_uuid, "aanvullen")
        try:
            categorie = policies.leeftijdscategorie(
                persoon.geboortedatum, datum, persoon.geschatte_leeftijdscategorie or None
            )
        except policies.LeeftijdOnbekend as exc:
            raise DomainError(
                "E_PE_AGE_UNKNOWN", "Leeftijd onbekend: leg eerst een geschatte leeftijd vast (PE-05)."
            ) from exc
        leeftijden: dict[str, set[policies.Leeftijdscategorie]] = {
            Beoordeling.Soort.BEKWAAMHEID_12_15.value: {policies.Leeftijdscategorie.JONG_12_15},
            Beoordeling.Soort.WILSONBEKWAAMHEID.value: {
                policies.Leeftijdscategorie.JONG_16_17,
                policies.Leeftijdscategorie.VOLWASSEN,
            },
        }
        verwacht = leeftijden[soort]
        if categorie not in verwacht:
            raise DomainError(
                "E_STATE_CONFLICT", "Deze beoordeling past niet bij de leeftijd (PE-06, PE-07)."
            )
        beoordeling = Beoordeling.objects.create(
            verwerkingsverantwoordelijke_id=persoon.verwerkingsverantwoordelijke_id,
            organisatie_id=persoon.organisatie_id,
            persoon=persoon,
            soort=soort,
            uitkomst=uitkomst,
            datum=datum,
            redenen=redenen,
            beoordelaar=actor.gebruiker,
        )
        audit.record(
            actor=actor,
            actie="beoordeling.geregistreerd",
            activiteit=ACTIVITEIT,
            object=beoordeling,
            betrokkenen=[persoon],
            velden=["soort", "uitkomst", "redenen"],
            toegang=grant,
        )
    return beoordeling


@audit.geweigerd_gelogd("relatie.beeindigd", ACTIVITEIT)
def verwijder_relatie(*, actor, persoon_uuid, relatie_uuid) -> None:
    """Remove a wrongly recorded relation; the audit keeps the fact, not the content."""
    tenancy.activeer(actor)
    with transaction.atomic():
        persoon, grant = persoon_of_404(actor, persoon_uuid, "wijzigen")
        relatie = Relatie.objects.filter(persoon=persoon, uuid=relatie_uuid).select_related("ander").first()
        if relatie is None:
            raise NotFound()
        audit.record(
            actor=actor,
            actie="relatie.beeindigd",
            activiteit=ACTIVITEIT,
            object=relatie,
            betrokkenen=[persoon, relatie.ander],
            velden=["soort"],
            toegang=grant,
        )
        relatie.delete()


def _leden(actor, leden: list[dict]) -> list[tuple[Persoon, dict]]:
    uit = []
    for lid in leden:
        persoon, _ = persoon_of_404(actor, lid["persoon"], "lezen")
        if lid.get("vanaf") and lid.get("tot") and lid["tot"] < lid["vanaf"]:
            raise DomainError(
                "E_INVALID_INPUT",
                "De einddatum ligt voor de begindatum.",
                [InvalidParam("leden.tot", "invalid", "Einddatum voor begindatum.")],
            )
        uit.append((persoon, lid))
    return uit


@audit.geweigerd_gelogd("huishouden.geregistreerd", ACTIVITEIT)
def registreer_huishouden(*, actor, naam: str, leden: list[dict]) -> Huishouden:
    """PE-09: persons who live or lived together in a family relationship; members must be visible."""
    tenancy.activeer(actor)
    with transaction.atomic():
        gevonden = _leden(actor, leden)
        huishouden = Huishouden.objects.create(
            verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id,
            organisatie=actor.organisatie,
            naam=naam,
        )
        for persoon, lid in gevonden:
            Huishoudlid.objects.create(
                huishouden=huishouden, persoon=persoon, vanaf=lid.get("vanaf"), tot=lid.get("tot")
            )
        grant = toegang.verleen_intern(
            actor=actor,
            object=huishouden,
            bron="casusteam",
            ontvanger_gebruiker=actor.gebruiker,
            rechten={"lezen", "aanvullen", "wijzigen"},
            reden="Registratie door de medewerker",
        )
        audit.record(
            actor=actor,
            actie="huishouden.geregistreerd",
            activiteit=ACTIVITEIT,
            object=huishouden,
            betrokkenen=[p for p, _ in gevonden],
            velden=["naam", "leden"],
            toegang=grant,
        )
    return huishouden


@audit.geweigerd_gelogd("huishouden.gewijzigd", ACTIVITEIT)
def wijzig_huishouden(*, actor, uuid, naam: str | None = None, leden: list[dict] | None = None) -> Huishouden:
    tenancy.activeer(actor)
    with transaction.atomic():
        huishouden, grant = huishouden_of_404(actor, uuid, "wijzigen")
        betrokkenen = list(Persoon.objects.filter(huishoudens__huishouden=huishouden))
        if naam is not None:
            huishouden.naam = naam
            huishouden.save(update_fields=["naam", "gewijzigd"])
        if leden is not None:
            gevonden = _leden(actor, leden)
            huishouden.leden.all().delete()
            for persoon, lid in gevonden:
                Huishoudlid.objects.create(
                    huishouden=huishouden, persoon=persoon, vanaf=lid.get("vanaf"), tot=lid.get("tot")
                )
            betrokkenen += [p for p, _ in gevonden]
        audit.record(
            actor=actor,
            actie="huishouden.gewijzigd",
            activiteit=ACTIVITEIT,
            object=huishouden,
            betrokkenen={p.pk: p for p in betrokkenen}.values(),
            velden=["naam", "leden"],
            toegang=grant,
        )
    return huishouden


@audit.geweigerd_gelogd("markering.geregistreerd", ACTIVITEIT)
def markeer_niet_voor_vertegenwoordigers(
    *, actor, persoon_uuid, object_type: str, object_uuid, reden: str
) -> NietVoorVertegenwoordigers:
    """PE-11: honour a young person's wish for confidentiality towards parents, with the reason."""
    tenancy.activeer(actor)
    if not (reden or "").strip():
        raise DomainError(
            "E_INVALID_INPUT",
            "Een markering vraagt een reden (PE-11).",
            [InvalidParam("reden", "required", "Reden ontbreekt.")],
        )
    with transaction.atomic():
        persoon, grant = persoon_of_404(actor, persoon_uuid, "aanvullen")
        markering, _ = NietVoorVertegenwoordigers.objects.update_or_create(
            persoon=persoon,
            object_type=object_type,
            object_uuid=object_uuid,
            defaults={
                "reden": reden,
                "gemarkeerd_door": actor.gebruiker,
                "verwerkingsverantwoordelijke_id": persoon.verwerkingsverantwoordelijke_id,
                "organisatie_id": persoon.organisatie_id,
            },
        )
        audit.record(
            actor=actor,
            actie="markering.geregistreerd",
            activiteit=ACTIVITEIT,
            object=markering,
            betrokkenen=[persoon],
            velden=["reden"],
            toegang=grant,
        )
    return markering
