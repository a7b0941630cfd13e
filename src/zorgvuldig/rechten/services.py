"""Writes of rights requests (SPEC §9): receive, verify, review, extend, decide, execute, close.

Each is one transaction, audited in it; a refusal changes nothing and is audited on its own (AU-04).
The request's handler holds a `verzoek` grant; decisions are taken under a written mandate (RI-13).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from zorgvuldig.audit import services as audit
from zorgvuldig.core import crypto, errors, tenancy
from zorgvuldig.core.clock import now, today
from zorgvuldig.core.errors import DomainError, InvalidParam, NotFound
from zorgvuldig.rechten import policies, selectors
from zorgvuldig.rechten.models import Beperking, Verzoek
from zorgvuldig.rechten.selectors import ACTIVITEIT

INHOUD_VELDEN = ("toelichting", "indienerNaam")
OUDSTE_ONTVANGST = dt.timedelta(days=366)  # a request registered later than this is an error, not a backlog


def _ongeldig(veld: str, tekst: str) -> DomainError:
    return DomainError("E_INVALID_INPUT", tekst, [InvalidParam(veld, "invalid", tekst)])


def _audit(actor, actie: str, verzoek: Verzoek, grant, velden) -> None:
    selectors.log_handeling(actor, verzoek, grant, list(velden), actie=actie)


def _zet_inhoud(verzoek: Verzoek, **waarden) -> None:
    inhoud = selectors.inhoud(verzoek)
    inhoud.update({k: v for k, v in waarden.items() if v is not None})
    verzoek.inhoud_versleuteld = crypto.versleutel(verzoek, "inhoud", inhoud)


def _persoon_bij_controller(actor, uuid=None, bsn: str = ""):
    """The subject (or requester) among the controller's person records: a rights request is addressed to
    the controller, so its handler finds the person across its organisations (not only its own grants)."""
    from zorgvuldig.personen.models import Persoon

    with tenancy.systeem():
        qs = Persoon.objects.filter(verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id)
        if uuid:
            persoon = qs.filter(uuid=uuid).first()
        else:
            persoon = qs.filter(bsn_index__in=crypto.blind_index_candidates(bsn)).order_by("id").first()
    if persoon is None:
        raise NotFound()
    return persoon


def _situatie(persoon, op: dt.date):
    from zorgvuldig.personen.selectors import situatie

    with tenancy.systeem():
        return situatie(persoon, op)


@audit.geweigerd_gelogd("verzoek.geregistreerd", ACTIVITEIT)
def registreer(*, actor, data: dict) -> Verzoek:
    """Record a request as received (SPEC §9 "Data"): the terms run from `ontvangenOp`."""
    from zorgvuldig.personen.policies import HOEDANIGHEDEN
    from zorgvuldig.toegang.models import Bron
    from zorgvuldig.toegang.services import verleen_intern

    tenancy.activeer(actor)
    # The FG oversees requests and does not handle them (ADR 0013); the VI-beheerder handles VI requests.
    if not policies.mag_registreren(actor.rollen):
        raise DomainError("E_AC_NOT_AUTHORISED", "Alleen medewerkers registreren verzoeken.")
    alleen_vi = not actor.rollen & {"medewerker", "leidinggevende"}
    soort, hoedanigheid = data["soort"], data["hoedanigheid"]
    if soort not in policies.SOORTEN:
        raise _ongeldig("soort", "Onbekende soort verzoek.")
    if hoedanigheid not in HOEDANIGHEDEN:
        raise _ongeldig("hoedanigheid", "Onbekende hoedanigheid.")
    ontvangen_op = data.get("ontvangen_op") or today()
    if not today() - OUDSTE_ONTVANGST <= ontvangen_op <= today():
        raise _ongeldig("ontvangenOp", "De ontvangstdatum ligt in het afgelopen jaar en niet in de toekomst.")
    if soort == "vernietiging" and not data.get("schriftelijk", True):
        raise _ongeldig("schriftelijk", "Een vernietigingsverzoek wordt schriftelijk gedaan (RI-10).")
    if (hoedanigheid == "zelf") != (not data.get("indiener") and not data.get("indiener_naam")):
        raise _ongeldig(
            "indiener", "Noem de indiener precies dan als die een ander is dan de betrokkene (RI-01)."
        )
    persoon = _persoon_bij_controller(actor, data.get("persoon"), data.get("bsn", ""))
    indiener = _persoon_bij_controller(actor, data["indiener"]) if data.get("indiener") else None
    if indiener is not None and indiener.pk == persoon.pk:
        raise _ongeldig("indiener", "De indiener is de betrokkene zelf: kies hoedanigheid 'zelf'.")
    toestemming = _toestemming(persoon, data.get("toestemming")) if data.get("toestemming") else None
    dossier = _dossier(persoon, data.get("dossier")) if data.get("dossier") else None
    with transaction.atomic():
        verzoek = Verzoek(
            verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id,
            organisatie=actor.organisatie,
            soort=soort,
            status=policies.ONTVANGEN,
            persoon=persoon,
            indiener=indiener,
            hoedanigheid=hoedanigheid,
            toestemming=toestemming,
            ontvangen_op=ontvangen_op,
            schriftelijk=data.get("schriftelijk", True),
            kanaal="portaal" if actor.kanaal == "portaal" else "medewerker",
            dossier=dossier,
            verwijsindex=alleen_vi or bool(data.get("verwijsindex")),
            items=[str(i) for i in data.get("items", [])],
            behandelaar=actor.gebruiker,
        )
        _zet_inhoud(verzoek, toelichting=data.get("toelichting", ""), indienerNaam=data.get("indiener_naam"))
        verzoek.save()
        grant = verleen_intern(
            actor=actor,
            object=verzoek,
            bron=Bron.VERZOEK,
            reden="Behandelaar van het verzoek",
            rechten={"lezen", "wijzigen"},
            ontvanger_gebruiker=actor.gebruiker,
            herkomst=f"verzoek:{verzoek.uuid}",
        )
        _audit(actor, "verzoek.geregistreerd", verzoek, grant, ["soort", "hoedanigheid", "ontvangenOp"])
    return verzoek


# Every kind of SPEC §9 "Data" a person may ask for in the portal: all of them, shielding (RI-08) and an
# own statement (RI-09) too.
PORTAAL_SOORTEN = policies.SOORTEN


class DubbelVerzoek(DomainError):
    """The same request came in again within minutes (a double click, a resent form): the first one stands
    and is `verzoek`; nothing new is filed (no second term, handler message or grant)."""

    def __init__(self, verzoek: Verzoek) -> None:
        super().__init__("E_STATE_CONFLICT", "Dit verzoek is al ontvangen.")
        self.verzoek = verzoek
        self.audit_object = verzoek
        self.audit_betrokkenen = [verzoek.persoon]


def _weiger_jonger_dan_12(persoon) -> None:
    """RI-01: under 12 the parent or guardian exercises the child's rights; the portal offers no form, and
    a request posted anyway is refused before it is filed (no formal refusal for a child)."""
    from zorgvuldig.personen.policies import LeeftijdOnbekend

    vandaag = today()
    try:
        situatie = _situatie(persoon, vandaag)
    except LeeftijdOnbekend:
        return  # PE-05: the handler records an estimate first, as on paper
    if policies.zelf_indienen(situatie, vandaag) == policies.ZELF_NEE:
        fout = DomainError(
            "E_RI_NOT_ENTITLED", "Je bent jonger dan 12 jaar. Je ouder of voogd kan dit voor je vragen."
        )
        fout.audit_betrokkenen = [persoon]  # type: ignore[attr-defined]
        raise fout


def _weiger_dubbel(persoon, indiener, soort: str, toelichting: str) -> None:
    """A double submit: an identical open request (same subject, requester, kind and explanation) filed in
    the portal moments ago. The subject's row is locked first, so two submits at the same moment queue and
    the second finds the first (PostgreSQL; SQLite's IMMEDIATE transactions already queue writers)."""
    from zorgvuldig.personen.models import Persoon

    list(Persoon.objects.select_for_update().filter(pk=persoon.pk).values_list("pk", flat=True))
    moment = now()
    nieuw = (str(persoon.pk), str(indiener.pk if indiener else ""), soort, toelichting)
    kandidaten = Verzoek.objects.filter(
        persoon=persoon,
        indiener=indiener,
        soort=soort,
        kanaal="portaal",
        status__in=policies.OPEN,
        aangemaakt__gte=moment - policies.DUBBEL_BINNEN,
    ).order_by("id")
    for bestaand in kandidaten:
        if policies.is_dubbel(
            nieuw=nieuw,
            bestaand=(
                str(bestaand.persoon_id),
                str(bestaand.indiener_id or ""),
                bestaand.soort,
                selectors.inhoud(bestaand).get("toelichting", ""),
            ),
            status=bestaand.status,
            ingediend=bestaand.aangemaakt,
            nu=moment,
        ):
            raise DubbelVerzoek(bestaand)


def behandelaar_voor_portaal(organisatie):
    """Who handles a request filed in "Mijn gegevens" at `organisatie`: its leidinggevende (who decides
    under the mandate, RI-13, and may hand it on), else a medewerker; None if the organisation has neither."""
    from zorgvuldig.organisaties.models import Gebruiker
    from zorgvuldig.organisaties.selectors import met_rol

    gebruikers = Gebruiker.objects.filter(organisatie=organisatie, is_active=True).order_by("id")
    for rol in ("leidinggevende", "medewerker"):
        kandidaten = met_rol(gebruikers, rol)
        if kandidaten:
            return kandidaten[0]
    return None


def vi_beheerder_voor_portaal(verwerkingsverantwoordelijke_id: int):
    """Who handles a request about VI data filed in "Mijn gegevens" for a record of this controller: its
    VI-beheerder (RI-08, RI-12), whichever organisation of the controller employs them; None if none."""
    from zorgvuldig.organisaties.models import Gebruiker
    from zorgvuldig.organisaties.selectors import met_rol

    gebruikers = Gebruiker.objects.filter(
        organisatie__verwerkingsverantwoordelijke_id=verwerkingsverantwoordelijke_id, is_active=True
    ).order_by("id")
    kandidaten = met_rol(gebruikers, "vi_beheerder")
    return kandidaten[0] if kandidaten else None


@audit.geweigerd_gelogd("verzoek.geregistreerd", ACTIVITEIT)
def registreer_via_portaal(
    *, actor, persoon, indiener=None, soort: str, toelichting: str = "", verwijsindex: bool = False
) -> Verzoek:
    """A request the client (or a parent for a child under 16) filed in "Mijn gegevens" (SPEC §9).

    The portal found `persoon` — and, for a representative, `indiener`, the parent's record related to
    the child — through the DigiD identity; the request goes to the organisation holding that record,
    received today, in writing (a DigiD-signed form), channel `portaal`. Entitlement (RI-01 … RI-04)
    stays the handler's verification step: the request starts as received, like one on paper — except
    that a child under 12 cannot file about themselves (RI-01, refused before filing), and the same
    request sent twice within minutes is filed once (`DubbelVerzoek` names the first).

    `verwijsindex`: the request is about VI data (RI-08, RI-12): its handler and decider is the controller's
    VI-beheerder, not the organisation's leidinggevende, and it is answered from the index.
    """
    from zorgvuldig.berichten.services import plaats_email
    from zorgvuldig.toegang.models import Bron
    from zorgvuldig.toegang.services import verleen_intern

    if not actor.is_portaal:
        raise DomainError("E_AC_NOT_AUTHORISED", "Alleen via Mijn gegevens.")
    tenancy.activeer(actor)  # no staff organisation: the portal writes at the record's organisation
    if soort not in PORTAAL_SOORTEN:
        raise _ongeldig("soort", "Kies wat u wilt vragen.")
    if indiener is not None and (
        indiener.pk == persoon.pk
        or indiener.verwerkingsverantwoordelijke_id != persoon.verwerkingsverantwoordelijke_id
    ):
        raise _ongeldig("indiener", "De indiener hoort bij dezelfde organisatie als de betrokkene.")
    if indiener is None:
        _weiger_jonger_dan_12(persoon)
    toelichting = toelichting.strip()
    if verwijsindex:
        behandelaar = vi_beheerder_voor_portaal(persoon.verwerkingsverantwoordelijke_id)
    else:
        behandelaar = behandelaar_voor_portaal(persoon.organisatie)
    if behandelaar is None:
        raise DomainError(
            "E_STATE_CONFLICT",
            "Deze organisatie kan nu geen verzoeken via Mijn gegevens ontvangen. Neem contact met haar op.",
        )
    with transaction.atomic():
        _weiger_dubbel(persoon, indiener, soort, toelichting)
        verzoek = Verzoek(
            verwerkingsverantwoordelijke_id=persoon.verwerkingsverantwoordelijke_id,
            organisatie=persoon.organisatie,
            soort=soort,
            status=policies.ONTVANGEN,
            persoon=persoon,
            indiener=indiener,
            hoedanigheid="wettelijk_vertegenwoordiger" if indiener is not None else "zelf",
            ontvangen_op=today(),
            schriftelijk=True,
            kanaal="portaal",
            verwijsindex=verwijsindex,
            behandelaar=behandelaar,
        )
        _zet_inhoud(verzoek, toelichting=toelichting)
        verzoek.save()
        grant = verleen_intern(
            actor=actor,
            object=verzoek,
            bron=Bron.VERZOEK,
            reden="Behandelaar van het verzoek (Mijn gegevens)",
            rechten={"lezen", "wijzigen"},
            ontvanger_gebruiker=behandelaar,
            herkomst=f"verzoek:{verzoek.uuid}",
        )
        _audit(actor, "verzoek.geregistreerd", verzoek, grant, ["soort", "hoedanigheid", "ontvangenOp"])
        # The handler hears of it at once; the message names no person (the request's page does).
        plaats_email(
            aan=behandelaar.email,
            onderwerp="Nieuw verzoek via Mijn gegevens",
            tekst=(
                "Er is een nieuw verzoek van een betrokkene binnengekomen via Mijn gegevens. "
                "De termijn loopt "
                f"vanaf vandaag. Open in zorgvuldig: Verzoeken. Kenmerk: {str(verzoek.uuid)[:8]}."
            ),
            sleutel=f"portaalverzoek:{verzoek.uuid}",
            gebruiker=behandelaar,
        )
    return verzoek


def _toestemming(persoon, uuid):
    from zorgvuldig.toestemmingen.models import Toestemming

    with tenancy.systeem():
        rij = Toestemming.objects.filter(uuid=uuid, betrokkene=persoon).first()
    if rij is None:
        raise _ongeldig("toestemming", "Geen toestemming van deze betrokkene.")
    return rij


def _dossier(persoon, uuid):
    """RI-14: a complaint (or any request) is linked to a dossier the person is a member of."""
    from zorgvuldig.dossiers.models import Dossier

    with tenancy.systeem():
        dossier = Dossier.objects.filter(uuid=uuid, leden__persoon=persoon).first()
    if dossier is None:
        raise _ongeldig("onderwerp", "De betrokkene is geen lid van dit dossier.")
    return dossier


def _benoemd(fout: DomainError, verzoek: Verzoek) -> DomainError:
    """A refusal on a request the actor can see names it and its subject in the audit entry (AU-04)."""
    fout.audit_object = verzoek  # type: ignore[attr-defined]
    fout.audit_betrokkenen = [verzoek.persoon]  # type: ignore[attr-defined]
    return fout


def _bij(actor, uuid, statussen=None, recht: str = "wijzigen"):
    """The request under a row lock, in one of `statussen`. Changing it takes the handler's grant or a
    decider's place (the organisation's leidinggevende; the VI-beheerder for VI requests); the FG reads."""
    verzoek, grant = selectors.verzoek_of_404(actor, uuid, lock=True)
    beslisser = ("leidinggevende" in actor.rollen and verzoek.organisatie_id == actor.organisatie.pk) or (
        "vi_beheerder" in actor.rollen and verzoek.verwijsindex
    )
    # The FG oversees (reads) requests; the handler and the deciders (ADR 0013) change them.
    if recht != "lezen" and not beslisser and (grant is None or not getattr(grant, recht)):
        raise _benoemd(DomainError("E_AC_NOT_AUTHORISED", "U mag dit verzoek niet wijzigen."), verzoek)
    if statussen is not None and verzoek.status not in statussen:
        raise _benoemd(
            DomainError("E_STATE_CONFLICT", f"Niet mogelijk in status '{verzoek.status}'."), verzoek
        )
    return verzoek, grant


def _toestemming_geldig(verzoek: Verzoek) -> bool:
    from zorgvuldig.toestemmingen.selectors import status

    return verzoek.toestemming is not None and status(verzoek.toestemming) == "gegeven"


@audit.geweigerd_gelogd("verzoek.geverifieerd", ACTIVITEIT)
def verifieer(*, actor, uuid, identiteit: bool, hoedanigheid: bool) -> Verzoek:
    """Identity and capacity checked (SPEC §9 VERIFIED); RI-01/RI-04: a party not entitled on the date of
    receipt is refused `E_RI_NOT_ENTITLED` and the request stays as received, to be refused by decision."""
    from zorgvuldig.personen.policies import ZELF, LeeftijdOnbekend, mag_recht_uitoefenen

    with transaction.atomic():
        verzoek, grant = _bij(actor, uuid, (policies.ONTVANGEN,))
        if not (identiteit and hoedanigheid):
            raise _ongeldig(
                "identiteitGecontroleerd", "Controleer identiteit en hoedanigheid van de indiener."
            )
        try:
            situatie = _situatie(verzoek.persoon, verzoek.ontvangen_op)
        except LeeftijdOnbekend:
            raise DomainError("E_PE_AGE_UNKNOWN", "Leeftijd van de betrokkene onbekend (PE-05).") from None
        # A requester known only by name (no person record) is a third party: no relation can be shown.
        indiener = (
            ZELF
            if verzoek.hoedanigheid == "zelf"
            else (str(verzoek.indiener.uuid) if verzoek.indiener_id else "onbekende-derde")
        )
        uitkomst = mag_recht_uitoefenen(
            situatie,
            indiener=indiener,
            hoedanigheid=verzoek.hoedanigheid,
            op=verzoek.ontvangen_op,
            beperkt=selectors.beperkt_voor(verzoek.persoon, today()),
            toestemming_betrokkene=_toestemming_geldig(verzoek),
        )
        if not uitkomst.toegestaan:
            raise _benoemd(DomainError(uitkomst.code or "E_RI_NOT_ENTITLED", uitkomst.reden), verzoek)
        verzoek.status = policies.GEVERIFIEERD
        verzoek.geverifieerd_op = today()
        verzoek.save(update_fields=["status", "geverifieerd_op", "gewijzigd"])
        _audit(actor, "verzoek.geverifieerd", verzoek, grant, ["status", "geverifieerdOp"])
    return verzoek


@audit.geweigerd_gelogd("verzoek.in_behandeling", ACTIVITEIT)
def beoordeel(*, actor, uuid) -> Verzoek:
    with transaction.atomic():
        verzoek, grant = _bij(actor, uuid, (policies.GEVERIFIEERD,))
        verzoek.status = policies.IN_BEHANDELING
        verzoek.save(update_fields=["status", "gewijzigd"])
        _audit(actor, "verzoek.in_behandeling", verzoek, grant, ["status"])
    return verzoek


@audit.geweigerd_gelogd("verzoek.verlengd", ACTIVITEIT)
def verleng(*, actor, uuid, maanden: int, redenen: str) -> Verzoek:
    """RI-15: once, by at most 2 months, with reasons, within the first term."""
    with transaction.atomic():
        verzoek, grant = _bij(actor, uuid)
        errors.weiger(
            policies.verlenging_fouten(
                status=verzoek.status,
                ontvangen_op=verzoek.ontvangen_op,
                vandaag=today(),
                maanden=maanden,
                redenen=redenen,
                al_verlengd=verzoek.verlenging_maanden > 0,
            )
        )
        verzoek.status = policies.VERLENGD
        verzoek.verlenging_maanden = maanden
        verzoek.verlengd_op = today()
        _zet_inhoud(verzoek, verlengingRedenen=redenen)
        verzoek.save()
        _audit(actor, "verzoek.verlengd", verzoek, grant, ["verlenging", "redenen"])
    return verzoek


def _mandaat(actor, uuid, verzoek: Verzoek):
    """Who decides (API §1.4): a request about VI data the VI-beheerder (RI-08, RI-12), without a
    mandate; any other the leidinggevende under the cited written mandate, valid today (RI-13)."""
    from zorgvuldig.organisaties.models import Mandaat

    if verzoek.verwijsindex:
        if "vi_beheerder" not in actor.rollen:
            raise DomainError(
                "E_AC_NOT_AUTHORISED", "Over gegevens in de verwijsindex besluit de VI-beheerder."
            )
        return None
    mandaat = Mandaat.objects.filter(uuid=uuid, gebruiker_id=actor.gebruiker.pk).first() if uuid else None
    if mandaat is None or not policies.mandaat_geldig(
        soort=mandaat.soort, vanaf=mandaat.vanaf, tot=mandaat.tot, op=today(), rollen=actor.rollen
    ):
        raise DomainError(
            "E_AC_NOT_AUTHORISED", "Besluiten op verzoeken vraagt een geldig schriftelijk mandaat (RI-13)."
        )
    return mandaat


def _items_van(verzoek: Verzoek) -> tuple[set[str], set[str]]:
    """What a decision may withhold or keep: for inzage the items of the compiled answer (shown or left
    out), otherwise the items the request names; and those it must withhold
    (`policies.vertrouwelijk_fouten`)."""
    if verzoek.soort != "inzage" and (verzoek.items or verzoek.soort != "vernietiging"):
        return set(verzoek.items), set()  # a destruction of everything may keep any item (RI-10)
    samenstelling = selectors.stel_samen(verzoek)
    overzicht, gegevens = samenstelling.overzicht, samenstelling.overzicht["gegevens"]
    vertrouwelijk = {
        u["item"]
        for u in samenstelling.uitgesloten
        if u["reden"] == "niet_voor_vertegenwoordigers" and verzoek.soort == "inzage"
    }
    return vertrouwelijk | (
        {u["item"] for u in samenstelling.uitgesloten}
        | {i["uuid"] for d in gegevens["dossiers"] for i in d["items"]}
        | {r["uuid"] for r in (*gegevens["toestemmingen"], *gegevens["signalen"], *overzicht["ontvangers"])}
        | {b["item"] for b in selectors.besluiten_in_uitstel(verzoek)}  # their log lines (SH-14)
    ), vertrouwelijk


def _besluit_toets(actor, verzoek: Verzoek, data: dict, gronden, achtergehouden):
    """Everything a decision must satisfy before it is taken; returns the cited mandate (or None)."""
    mandaat = _mandaat(actor, data.get("mandaat"), verzoek)
    if not policies.mag_besluiten(verzoek.status, data["uitkomst"], gronden):
        raise DomainError("E_STATE_CONFLICT", f"Niet mogelijk in status '{verzoek.status}'.")
    items, vertrouwelijk = _items_van(verzoek)
    if {a.item for a in achtergehouden} - items:
        raise _ongeldig("achtergehouden", "Achtergehouden kan alleen een item van dit verzoek.")
    fouten = policies.vertrouwelijk_fouten(
        vertrouwelijk if data["uitkomst"] != policies.AFGEWEZEN else (), achtergehouden
    ) + policies.besluit_fouten(
        soort=verzoek.soort,
        uitkomst=data["uitkomst"],
        redenen=data.get("redenen", ""),
        gronden=gronden,
        achtergehouden=[
            policies.Achtergehouden(a.item, a.grond, vi=a.vi or verzoek.verwijsindex) for a in achtergehouden
        ],
        betreft_vi=verzoek.verwijsindex,
    )
    fouten += policies.datum_fouten(
        ontvangen_op=verzoek.ontvangen_op,
        besluit_op=None,
        vandaag=today(),
        verzonden_op=data.get("verzonden_op") or today(),
    )
    beperking = data.get("beperking_vertegenwoordiger")
    if beperking is not None:
        if verzoek.indiener_id is None:
            fouten.append(
                policies.Fout(
                    "E_INVALID_INPUT", "beperkingVertegenwoordiger", "Er is geen vertegenwoordiger."
                )
            )
        if "beperking_vertegenwoordiger" not in gronden or not beperking.get("redenen", "").strip():
            fouten.append(
                policies.Fout(
                    "E_INVALID_INPUT",
                    "beperkingVertegenwoordiger",
                    "Een beperking noemt grond en redenen (RI-04).",
                )
            )
    errors.weiger(fouten, "Het besluit is zo niet te nemen (SPEC §9).")
    return mandaat


@audit.geweigerd_gelogd("verzoek.besloten", ACTIVITEIT)
def besluit(*, actor, uuid, data: dict) -> Verzoek:
    """A reasoned decision by the right decider (RI-13; VI: the VI-beheerder); an Awb besluit with the
    bezwaar clause for a bestuursorgaan (RI-16); refusals only on the grounds the request's kind allows
    (RI-02/04/07/10/12); withheld items must belong to the request."""
    achtergehouden = [
        policies.Achtergehouden(str(a["item"]), a["grond"], vi=bool(a.get("vi")))
        for a in data.get("achtergehouden", [])
    ]
    gronden = list(data.get("weigeringsgronden", []))
    if data.get("uitkomst") not in policies.UITKOMSTEN:
        raise _ongeldig("uitkomst", "Kies toegewezen, gedeeltelijk of afgewezen.")
    if len({a.item for a in achtergehouden}) != len(achtergehouden):
        raise _ongeldig("achtergehouden", "Noem elk achtergehouden item één keer, met één grond.")
    with transaction.atomic():
        verzoek, grant = _bij(actor, uuid)
        try:
            mandaat = _besluit_toets(actor, verzoek, data, gronden, achtergehouden)
        except DomainError as fout:
            raise _benoemd(fout, verzoek) from None
        beperking = data.get("beperking_vertegenwoordiger")
        vandaag = today()
        verzonden = data.get("verzonden_op") or vandaag
        besluit_ = {
            "datum": vandaag.isoformat(),
            "uitkomst": data["uitkomst"],
            "gronden": gronden,
            "achtergehouden": [{"item": a.item, "grond": a.grond} for a in achtergehouden],
            "mandaat": {"uuid": str(mandaat.uuid), "besluit": mandaat.besluit} if mandaat else None,
            "verzondenOp": verzonden.isoformat(),
        }
        if policies.is_awb_besluit(verzoek.soort, actor.organisatie.bestuursorgaan):
            # RI-16: bezwaar goes to the body that decided — the request's controller — at its address
            vv = verzoek.verwerkingsverantwoordelijke
            clausule, tot = policies.bezwaarclausule(
                verzonden, bestuursorgaan=vv.naam, adres=vv.bezwaar_adres, email=vv.bezwaar_email
            )
            besluit_.update(bezwaarclausule=clausule, bezwaarTot=tot.isoformat())
        verzoek.besluit = besluit_
        verzoek.besloten_door = actor.gebruiker
        verzoek.status = data["uitkomst"]
        _zet_inhoud(
            verzoek,
            besluitRedenen=data.get("redenen", ""),
            beperkingRedenen=beperking.get("redenen") if beperking else None,
        )
        verzoek.save()
        if beperking is not None:
            rij = Beperking(
                verwerkingsverantwoordelijke_id=verzoek.verwerkingsverantwoordelijke_id,
                organisatie_id=verzoek.organisatie_id,
                persoon=verzoek.persoon,
                vertegenwoordiger=verzoek.indiener,
                verzoek=verzoek,
                door=actor.gebruiker,
                vanaf=vandaag,
            )
            rij.redenen_versleuteld = crypto.versleutel(rij, "redenen", beperking["redenen"])
            rij.save()
        _audit(actor, "verzoek.besloten", verzoek, grant, ["besluit", "redenen"])
    return verzoek


def _bericht_aan(verstrekking) -> list:
    """Who in the platform hears of a correction: the recipient organisation's leidinggevenden."""
    from zorgvuldig.organisaties.models import Gebruiker
    from zorgvuldig.organisaties.selectors import met_rol

    if verstrekking.ontvanger_organisatie_id is None:
        return []
    with tenancy.systeem():
        return list(
            met_rol(
                Gebruiker.objects.filter(
                    organisatie_id=verstrekking.ontvanger_organisatie_id, is_active=True
                ),
                "leidinggevende",
            )
        )


WAT = {
    "correctie": "verbeterd",
    "aanvulling": "aangevuld",
    "verwijdering": "verwijderd",
    "afscherming": "afgeschermd",
    "vernietiging": "vernietigd",
}


def _meld_ontvangers(verzoek: Verzoek, notificaties: list[dict], vandaag: dt.date) -> list[policies.Fout]:
    """RI-11: every earlier recipient is told as soon as possible. A recipient in the platform hears it
    through the outbox unless the handler told them (`datum`) or skips them with a reason; a recipient
    outside it must be told by the handler, or skipped with a reason. The message names no person."""
    from zorgvuldig.berichten.services import plaats_email
    from zorgvuldig.rechten.models import Correctienotificatie

    bekend = selectors.eerdere_ontvangers(verzoek)
    genoemd = {str(n["verstrekking"]): n for n in notificaties}
    if set(genoemd) - set(bekend):
        return [
            policies.Fout("E_INVALID_INPUT", "notificaties", "Onbekende verstrekking van deze betrokkene.")
        ]
    rijen, berichten = [], []
    for sleutel, verstrekking in bekend.items():
        n = genoemd.get(sleutel)
        rij = Correctienotificatie(
            verwerkingsverantwoordelijke_id=verstrekking.verwerkingsverantwoordelijke_id,
            organisatie_id=verstrekking.organisatie_id,
            verzoek=verzoek,
            verstrekking=verstrekking,
        )
        if n is not None and n.get("datum"):
            rij.wijze, rij.datum = Correctienotificatie.Wijze.HANDMATIG, n["datum"]
        elif n is not None:
            rij.wijze, rij.datum = Correctienotificatie.Wijze.OVERGESLAGEN, vandaag
            rij.reden_versleuteld = crypto.versleutel(rij, "reden", n.get("overgeslagen_reden", ""))
        else:
            ontvangers = _bericht_aan(verstrekking)
            if not ontvangers:
                return [
                    policies.Fout(
                        "E_INVALID_INPUT",
                        "notificaties",
                        "Een ontvanger buiten zorgvuldig vertelt u het zelf (datum) of slaat u over met een "
                        "reden (RI-11).",
                    )
                ]
            rij.wijze, rij.datum = Correctienotificatie.Wijze.BERICHT, vandaag
            berichten.append((verstrekking, ontvangers))
        rijen.append(rij)
    with tenancy.systeem():
        Correctienotificatie.objects.bulk_create(rijen)
        for verstrekking, ontvangers in berichten:
            for gebruiker in ontvangers:
                plaats_email(
                    aan=gebruiker.email,
                    onderwerp="Verstrekte gegevens gewijzigd",
                    tekst=(
                        f"Gegevens die uw organisatie op {verstrekking.datum:%d-%m-%Y} van "
                        f"{verstrekking.organisatie.naam} ontving, zijn op verzoek van de betrokkene "
                        f"{WAT.get(verzoek.soort, 'gewijzigd')} (AVG art. 19). Gebruik de oude gegevens niet "
                        f"meer. Kenmerk verstrekking: {verstrekking.uuid}. Neem contact op met "
                        f"{verstrekking.organisatie.naam} voor de juiste gegevens."
                    ),
                    sleutel=f"correctie:{verzoek.uuid}:{verstrekking.uuid}:{gebruiker.email}",
                    gebruiker=gebruiker,
                )
    return []


def _stop_vi(actor, verzoek: Verzoek) -> int:
    """RI-12: an upheld objection to VI processing stops it at once — the VI-beheerder withdraws the
    person's signals in the whole index (archived by the next sweep like any withdrawal, VI-21)."""
    from zorgvuldig.verwijsindex import policies as vi
    from zorgvuldig.verwijsindex.models import Signaal
    from zorgvuldig.verwijsindex.services import ACTIVITEIT as VI_ACTIVITEIT
    from zorgvuldig.verwijsindex.services import betrokkene

    with tenancy.systeem():
        _personen, bsn = selectors._personen(verzoek.persoon)
        if not bsn:
            return 0
        # a partial decision keeps the signals it names (RI-12: only the justified part stops)
        behouden = {a["item"] for a in verzoek.besluit.get("achtergehouden", [])}
        signalen = [
            s
            for s in Signaal.objects.select_for_update()
            .filter(bsn_index__in=crypto.blind_index_candidates(bsn))
            .exclude(status=vi.INGETROKKEN)
            if str(s.uuid) not in behouden
        ]
        for signaal in signalen:
            signaal.status = vi.INGETROKKEN
            signaal.ingetrokken_op = now()
            signaal.aangeboden_aan = None
            signaal.save(update_fields=["status", "ingetrokken_op", "aangeboden_aan", "gewijzigd"])
    for signaal in signalen:
        audit.record(
            actor=actor,
            actie="signaal.ingetrokken",
            activiteit=VI_ACTIVITEIT,
            object=signaal,
            betrokkenen=[betrokkene(signaal.bsn_index)],
            velden=["status"],
            koppeling={"verzoek": str(verzoek.uuid)},
        )
    return len(signalen)


@audit.geweigerd_gelogd("verzoek.uitgevoerd", ACTIVITEIT)
def voer_uit(*, actor, uuid, data: dict) -> Verzoek:
    """Execute the decision: the inzage answer is compiled and kept as sent (RI-05, RI-06); after a
    correction, deletion or destruction every earlier recipient is told or skipped with a reason (RI-11);
    an upheld objection to VI processing withdraws the person's signals (RI-12)."""
    with transaction.atomic():
        verzoek, grant = _bij(actor, uuid, policies.UITKOMSTEN)
        notificaties = data.get("notificaties", [])
        vorm = data.get("vorm", "schriftelijk")
        errors.weiger(
            policies.uitvoering_fouten(
                vorm=vorm,
                toelichting=data.get("toelichting", ""),
                notificaties=[(bool(n.get("datum")), n.get("overgeslagen_reden", "")) for n in notificaties],
            ),
            "Het besluit is zo niet uit te voeren (SPEC §9).",
        )
        vandaag = today()
        besluit_op = dt.date.fromisoformat(verzoek.besluit["datum"])
        errors.weiger(
            policies.datum_fouten(
                ontvangen_op=verzoek.ontvangen_op,
                besluit_op=besluit_op,
                vandaag=vandaag,
                uitgevoerd_op=data.get("datum") or vandaag,
            )
        )
        for n in notificaties:
            if n.get("datum") and not verzoek.ontvangen_op <= n["datum"] <= vandaag:
                raise _ongeldig("notificaties", "Een ontvanger is verteld tussen de ontvangst en vandaag.")
        toegewezen = verzoek.status != policies.AFGEWEZEN
        if toegewezen and verzoek.soort in (*policies.CORRECTIES, "vernietiging"):
            errors.weiger(_meld_ontvangers(verzoek, notificaties, vandaag))
        elif notificaties:
            raise _ongeldig("notificaties", "Bij dit besluit worden geen ontvangers op de hoogte gebracht.")
        ingetrokken, vernietiging = 0, {}
        if toegewezen and verzoek.soort == "vernietiging" and not verzoek.verwijsindex:
            from zorgvuldig.bewaren.services import vernietig_op_verzoek

            behouden = {a["item"] for a in verzoek.besluit.get("achtergehouden", [])}
            vernietiging = vernietig_op_verzoek(actor=actor, verzoek=verzoek, behouden=behouden)
        if toegewezen and verzoek.soort == "verzet" and verzoek.verwijsindex:
            if "vi_beheerder" not in actor.rollen:
                raise _benoemd(
                    DomainError("E_AC_NOT_AUTHORISED", "Signalen trekt de VI-beheerder in (RI-12)."), verzoek
                )
            ingetrokken = _stop_vi(actor, verzoek)
        verzoek.uitvoering = {
            "datum": (data.get("datum") or vandaag).isoformat(),
            "vorm": vorm,
            **({"signalenIngetrokken": ingetrokken} if ingetrokken else {}),
            **({"vernietiging": vernietiging} if vernietiging else {}),
        }
        _zet_inhoud(verzoek, uitvoeringToelichting=data.get("toelichting", ""))
        if verzoek.soort == "inzage" and toegewezen:
            achter = {a["item"] for a in verzoek.besluit.get("achtergehouden", [])}
            samenstelling = selectors.stel_samen(verzoek, achterhouden=achter)
            verzoek.overzicht_versleuteld = crypto.versleutel(verzoek, "overzicht", samenstelling.overzicht)
        verzoek.status = policies.UITGEVOERD
        verzoek.save()
        _audit(actor, "verzoek.uitgevoerd", verzoek, grant, ["uitvoering"])
    return verzoek


@audit.geweigerd_gelogd("verzoek.gesloten", ACTIVITEIT)
def sluit(*, actor, uuid) -> Verzoek:
    with transaction.atomic():
        verzoek, grant = _bij(actor, uuid, (policies.UITGEVOERD,))
        verzoek.status = policies.GESLOTEN
        verzoek.gesloten_op = today()
        verzoek.save(update_fields=["status", "gesloten_op", "gewijzigd"])
        _audit(actor, "verzoek.gesloten", verzoek, grant, ["status"])
    return verzoek


@audit.geweigerd_gelogd("verzoek.gewijzigd", ACTIVITEIT)
def wijzig(*, actor, uuid, toelichting: str | None, items) -> Verzoek:
    """The request's explanation and the items it concerns, until it is decided."""
    with transaction.atomic():
        verzoek, grant = _bij(actor, uuid, policies.OPEN)
        if items is not None:
            verzoek.items = [str(i) for i in items]
        _zet_inhoud(verzoek, toelichting=toelichting)
        verzoek.save()
        _audit(actor, "verzoek.gewijzigd", verzoek, grant, ["toelichting", "items"])
    return verzoek


@audit.geweigerd_gelogd("verzoek.namen_vermeld", ACTIVITEIT)
def vermeld_namen(*, actor, uuid, redenen: str) -> Verzoek:
    """RI-17: the FG decides, for this request and with reasons, that staff names appear in the answer."""
    with transaction.atomic():
        verzoek, grant = _bij(actor, uuid, (*policies.OPEN, *policies.UITKOMSTEN), recht="lezen")
        errors.weiger(policies.naamvermelding_fouten(actor.rollen, redenen))
        verzoek.naam_vermelding = True
        _zet_inhoud(verzoek, naamVermeldingRedenen=redenen)
        verzoek.save()
        _audit(actor, "verzoek.namen_vermeld", verzoek, grant, ["naamVermelding"])
    return verzoek


def waarschuw_termijnen() -> int:
    """SPEC §9: from 7 days before a decision or execution term ends, its handler gets one e-mail
    (outbox; the key holds the term, so an extension warns again). The message names only the request's
    short reference and the date, never the person."""
    from zorgvuldig.berichten.models import Bericht
    from zorgvuldig.berichten.services import plaats_email
    from zorgvuldig.core.context import Actor

    vandaag = today()
    gewaarschuwd = 0
    with tenancy.systeem():
        kandidaten = Verzoek.objects.filter(status__in=(*policies.OPEN, *policies.UITKOMSTEN)).select_related(
            "behandelaar", "verwerkingsverantwoordelijke"
        )
        for verzoek in kandidaten.iterator():
            t = selectors.termijnen(verzoek, vandaag)
            for soort, termijn, stand in (
                ("besluit", t["besluittermijn"], t["besluittermijnStand"]),
                ("uitvoering", t["uitvoeringstermijn"], t["uitvoeringstermijnStand"]),
            ):
                sleutel = f"verzoektermijn:{verzoek.uuid}:{soort}:{termijn}"
                if stand != "waarschuwing" or Bericht.objects.filter(sleutel=sleutel).exists():
                    continue  # not due for a warning, or warned before for this term
                with transaction.atomic():
                    plaats_email(
                        aan=verzoek.behandelaar.email,
                        onderwerp=f"Termijn verzoek {str(verzoek.uuid)[:8]}",
                        tekst=(
                            f"De termijn voor het {soort} op verzoek {str(verzoek.uuid)[:8]} "
                            f"({verzoek.soort}) loopt af op {termijn:%d-%m-%Y}. Log in om het verzoek te "
                            "bekijken."
                        ),
                        sleutel=sleutel,
                        gebruiker=verzoek.behandelaar,
                    )
                    audit.record(
                        actor=Actor.systeem(),
                        actie="verzoek.termijn_gewaarschuwd",
                        activiteit=ACTIVITEIT,
                        object=verzoek,
                        velden=[f"{soort}stermijn"],
                        verwerkingsverantwoordelijke=str(verzoek.verwerkingsverantwoordelijke.uuid),
                    )
                gewaarschuwd += 1
    return gewaarschuwd
