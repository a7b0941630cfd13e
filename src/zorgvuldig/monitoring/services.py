"""Writes of monitoring exports (RP-04, RP-05), each audited in its own transaction (AU-01).

* `maak_definitie` — the controller's leidinggevende or FG proposes a definition: fields from the closed
  catalogue only (RP-04), a purpose of RP-01, a recipient organisation, and the proportionality texts.
* `keur_goed` — the FG approves after the proportionality check (RP-05) and records the judgement. An
  approved definition never changes; a change is a new definition that needs approval again.
* `trek_in` — the controller's leidinggevende or FG stops a definition (no more exports, none fetched).
* `maak_export` — the controller's leidinggevende or FG runs an approved definition. Rows are read set-based
  from the controller's records; every person gets a pseudonym HMAC-SHA256(key, internal id) under a key
  made fresh for this export and dropped when the CSV is built (RP-04). The CSV holds no free text, names,
  BSN, addresses or dates of birth; it is encrypted at rest.
* `haal_op` — a user of the recipient organisation fetches the CSV once: the content is then wiped.
* `ruim_op` — the periodic job `monitoring.opruimen`: an export not fetched within
  `ZORGVULDIG_MONITORING_EXPORT_DAYS` is wiped the same way and shows as `verlopen` (RP-04).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import secrets
from collections.abc import Iterator

from django.conf import settings
from django.db import transaction

from zorgvuldig.audit import services as audit
from zorgvuldig.core import crypto, tenancy
from zorgvuldig.core.clock import now, today
from zorgvuldig.core.errors import DomainError, InvalidParam
from zorgvuldig.monitoring import policies, selectors
from zorgvuldig.monitoring.models import Export, Exportdefinitie

ACTIVITEIT = "monitoringexport"
DEFINITIE_VELDEN = ["naam", "ontvanger", "doel", "velden", "proportionaliteit", "status"]


def _log(actor, actie: str, obj, velden, **extra) -> None:
    audit.record(actor=actor, actie=actie, activiteit=ACTIVITEIT, object=obj, velden=velden, **extra)


def _ongeldig(fouten: list[tuple[str, str, str]], detail: str) -> None:
    if fouten:
        raise DomainError("E_INVALID_INPUT", detail, [InvalidParam(n, c, r) for n, c, r in fouten])


def _verantwoordelijk(actor, definitie: Exportdefinitie) -> None:
    """Visible but not the actor's to act on (the recipient reads only): 403 (API §1.4)."""
    if not selectors.is_verantwoordelijk(actor, definitie):
        fout = DomainError(
            "E_AC_NOT_AUTHORISED",
            "Alleen de leidinggevende of de FG van de verwerkingsverantwoordelijke doet dit (RP-05).",
        )
        fout.audit_object = definitie  # type: ignore[attr-defined]
        raise fout


def _gelockt(actor, uuid) -> Exportdefinitie:
    rij = selectors.definitie_of_404(actor, uuid)
    return Exportdefinitie.objects.select_for_update().select_related("ontvanger", "doel").get(pk=rij.pk)


def _status(definitie: Exportdefinitie, naar: str, detail: str) -> None:
    if not policies.overgang_toegestaan(definitie.status, naar):
        fout = DomainError("E_STATE_CONFLICT", detail)
        fout.audit_object = definitie  # type: ignore[attr-defined]
        raise fout


# --- definitions (RP-05) -------------------------------------------------------------------------------


@audit.geweigerd_gelogd("exportdefinitie.aangemaakt", ACTIVITEIT)
def maak_definitie(
    *,
    actor,
    naam: str,
    ontvanger,
    doel: str,
    velden: list[str],
    noodzaak: str = "",
    afweging: str = "",
    minder_ingrijpend: str = "",
) -> Exportdefinitie:
    """A concept definition of the actor's controller. The proportionality texts may still be empty;
    approval needs them (RP-05)."""
    from zorgvuldig.registers.models import Doel

    if not actor.heeft(selectors.LEZEN) or not (actor.rollen & selectors.STAF):
        raise DomainError("E_AC_NOT_AUTHORISED", "De leidinggevende of de FG stelt een exportdefinitie op.")
    fouten = list(policies.velden_fouten(list(velden)))
    if not (naam or "").strip():
        fouten.append(("naam", "required", "Geef de export een naam."))
    doel_rij = None
    if (reden := policies.doel_fout(doel)) is not None:
        fouten.append(("doel", "not_allowed", reden))
    else:
        doel_rij = Doel.objects.filter(code=doel, actief=True).first()
        if doel_rij is None:
            fouten.append(("doel", "invalid", "Dit doel staat niet (meer) in het register (GP-02)."))
    if ontvanger is None:
        fouten.append(("ontvanger", "invalid", "Onbekende organisatie."))
    _ongeldig(fouten, "Deze exportdefinitie kan zo niet (RP-04, RP-05).")
    assert doel_rij is not None  # refused above otherwise
    with transaction.atomic():
        definitie = Exportdefinitie.objects.create(
            verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id,
            naam=naam.strip(),
            ontvanger=ontvanger,
            doel=doel_rij,
            velden=list(velden),
            noodzaak=noodzaak.strip(),
            afweging=afweging.strip(),
            minder_ingrijpend=minder_ingrijpend.strip(),
            status=policies.CONCEPT,
            aangemaakt_door=actor.gebruiker,
        )
        _log(actor, "exportdefinitie.aangemaakt", definitie, DEFINITIE_VELDEN)
    return definitie


@audit.geweigerd_gelogd("exportdefinitie.goedgekeurd", ACTIVITEIT)
def keur_goed(*, actor, uuid, oordeel: str) -> Exportdefinitie:
    """RP-05: the FG of the controller approves after weighing necessity and intrusion, recorded."""
    with transaction.atomic():
        definitie = _gelockt(actor, uuid)
        if not actor.heeft("export:goedkeuren") or "fg" not in actor.rollen:
            fout = DomainError("E_AC_NOT_AUTHORISED", "Alleen de FG keurt een exportdefinitie goed (RP-05).")
            fout.audit_object = definitie  # type: ignore[attr-defined]
            raise fout
        _verantwoordelijk(actor, definitie)
        _status(definitie, policies.GOEDGEKEURD, "Alleen een concept kan worden goedgekeurd (RP-05).")
        fouten = [
            (n, "required", r)
            for n, r in policies.proportionaliteit_fouten(
                definitie.noodzaak, definitie.afweging, definitie.minder_ingrijpend
            )
        ]
        fouten += policies.velden_fouten(list(definitie.velden))  # the catalogue may have shrunk since
        if len((oordeel or "").strip()) < policies.TEKST_MIN:
            fouten.append(
                (
                    "oordeel",
                    "required",
                    f"Leg uw afweging vast in ten minste {policies.TEKST_MIN} tekens (RP-05).",
                )
            )
        _ongeldig(fouten, "Zonder proportionaliteitstoets geen goedkeuring (RP-05).")
        definitie.status = policies.GOEDGEKEURD
        definitie.goedgekeurd_door = actor.gebruiker
        definitie.goedgekeurd_op = now()
        definitie.oordeel = oordeel.strip()
        definitie.save()
        _log(actor, "exportdefinitie.goedgekeurd", definitie, ["status", "oordeel"])
    return definitie


@audit.geweigerd_gelogd("exportdefinitie.ingetrokken", ACTIVITEIT)
def trek_in(*, actor, uuid) -> Exportdefinitie:
    """Stop a definition: no new exports; exports not yet fetched can no longer be fetched (GP-06)."""
    with transaction.atomic():
        definitie = _gelockt(actor, uuid)
        _verantwoordelijk(actor, definitie)
        _status(definitie, policies.INGETROKKEN, "Deze exportdefinitie is al ingetrokken.")
        definitie.status = policies.INGETROKKEN
        definitie.ingetrokken_door = actor.gebruiker
        definitie.ingetrokken_op = now()
        definitie.save()
        _log(actor, "exportdefinitie.ingetrokken", definitie, ["status"])
    return definitie


# --- exports (RP-04) -----------------------------------------------------------------------------------


def _leeftijdscategorie(geboortedatum, geschat: str, op) -> str:
    from zorgvuldig.personen.policies import leeftijdscategorie

    if geboortedatum is None and not geschat:
        return "onbekend"
    return leeftijdscategorie(geboortedatum, op, geschat or None).value


def _dossier_rijen(definitie: Exportdefinitie, sleutel: bytes) -> tuple[list[dict], set[str]]:
    """One row per client per dossier of the controller, dossiers past their retention date left out
    (RT-12). Only the columns the fields need are read: never a name, BSN, address or text column."""
    from zorgvuldig.bewaren.selectors import vervallen
    from zorgvuldig.dossiers.models import Lid, Zrmscore

    velden = set(definitie.velden)
    vandaag = today()
    vv = definitie.verwerkingsverantwoordelijke_id
    leden = (
        Lid.objects.filter(rol="client", dossier__verwerkingsverantwoordelijke_id=vv)
        .annotate(vervallen=vervallen("dossiers.dossier"))
        .filter(vervallen=False)
        .order_by("dossier_id", "persoon_id")
        .values(
            "dossier_id",
            "persoon_id",
            "persoon__uuid",
            "persoon__geboortedatum",
            "persoon__geschatte_leeftijdscategorie",
            "persoon__adres_woonplaats",
            "persoon__geheim_adres",
            "dossier__soort",
            "dossier__status",
            "dossier__kader",
            "dossier__team__code",
            "dossier__geopend_op",
            "dossier__einddatum",
            "dossier__afsluitreden",
        )
    )
    zrm: dict[tuple[int, int], dict[str, int]] = {}
    if velden & {"dossier.zrm", "dossier.zrm_bijzonder"}:
        # the latest score per dossier, person and domain: newest first, the first one wins
        for s in (
            Zrmscore.objects.filter(dossier__verwerkingsverantwoordelijke_id=vv)
            .order_by("dossier_id", "persoon_id", "domein", "-aangemaakt", "-id")
            .values("dossier_id", "persoon_id", "domein", "niveau")
        ):
            zrm.setdefault((s["dossier_id"], s["persoon_id"]), {}).setdefault(s["domein"], s["niveau"])
    rijen, betrokkenen = [], set()
    for lid in leden:
        geheim = lid["persoon__geheim_adres"]
        waarden = {
            "pseudoniem": policies.pseudoniem(sleutel, f"persoon:{lid['persoon_id']}"),
            "leeftijdscategorie": _leeftijdscategorie(
                lid["persoon__geboortedatum"], lid["persoon__geschatte_leeftijdscategorie"], vandaag
            ),
            "woonplaats": "" if geheim else lid["persoon__adres_woonplaats"],  # PE-03
            "soort": lid["dossier__soort"],
            "status": lid["dossier__status"],
            "kader": lid["dossier__kader"],
            "team": lid["dossier__team__code"],
            "startmaand": policies.maand(lid["dossier__geopend_op"]),
            "eindmaand": policies.maand(lid["dossier__einddatum"]),
            "afsluitreden": lid["dossier__afsluitreden"],
        }
        scores = zrm.get((lid["dossier_id"], lid["persoon_id"]), {})
        for domein in policies.ZRM_GEWOON + policies.ZRM_BIJZONDER:
            waarden[f"zrm_{domein}"] = str(scores[domein]) if domein in scores else ""
        rijen.append(waarden)
        betrokkenen.add(f"persoon:{lid['persoon__uuid']}")
    return rijen, betrokkenen


def _signaal_rijen(definitie: Exportdefinitie, sleutel: bytes) -> list[dict]:
    """Active signals of the controller's organisations (RP-02: only active ones count)."""
    from zorgvuldig.verwijsindex import selectors as vi
    from zorgvuldig.verwijsindex.models import Signaal

    vandaag = today()
    rijen = []
    signalen = (
        Signaal.objects.filter(
            verwerkingsverantwoordelijke_id=definitie.verwerkingsverantwoordelijke_id,
            status="actief",
            verwijderdatum__gt=vandaag,
        )
        .select_related("organisatie")
        .only(
            "bsn_index",
            "status",
            "verwijderdatum",
            "overgedragen_na_uittreding",
            "organisatie__type",
            "jongere_geboortedatum",
            "signaleringstijdstip",
            "match_id",
        )
        .order_by("id")
    )
    for s in signalen:
        if not vi.is_actief(s, vandaag):
            continue
        rijen.append(
            {
                # the VI knows a young person only by the BSN's blind index (VI-09)
                "pseudoniem": policies.pseudoniem(sleutel, f"signaal-bsn:{s.bsn_index}"),
                "leeftijdscategorie": _leeftijdscategorie(s.jongere_geboortedatum, "", vandaag),
                "organisatietype": s.organisatie.type,
                "maand": today(s.signaleringstijdstip).strftime("%Y-%m") if s.signaleringstijdstip else "",
                "match": "ja" if s.match_id else "nee",
            }
        )
    return rijen


def _csv(kolommen: list[str], rijen: list[dict]) -> str:
    uit = io.StringIO()
    schrijver = csv.writer(uit, lineterminator="\r\n")  # RFC 4180
    schrijver.writerow(kolommen)
    for rij in rijen:
        schrijver.writerow([policies.csv_veilig(str(rij.get(k, "") or "")) for k in kolommen])
    return uit.getvalue()


def bouw_csv(definitie: Exportdefinitie) -> tuple[str, int, set[str]]:
    """The CSV of a definition with fresh pseudonyms: (csv, rows, subject keys). The key lives only here."""
    sleutel = secrets.token_bytes(32)
    betrokkenen: set[str] = set()
    with tenancy.systeem():  # the approved definition covers the controller's records, all organisations
        if policies.gegevensset(list(definitie.velden)) == policies.DOSSIERS:
            rijen, betrokkenen = _dossier_rijen(definitie, sleutel)
        else:
            rijen = _signaal_rijen(definitie, sleutel)
    del sleutel  # RP-04: never stored, so no one can link two exports or go back from a pseudonym
    # ...and no order either: rows in id order would line up with the next export's, row for row, and
    # tell when each record was made.
    # Shuffled, then by the export's own pseudonym (random per export): the same person's rows together.
    secrets.SystemRandom().shuffle(rijen)
    rijen.sort(key=lambda rij: str(rij.get("pseudoniem") or ""))
    return _csv(policies.kolommen(list(definitie.velden)), rijen), len(rijen), betrokkenen


@audit.geweigerd_gelogd("export.aangemaakt", ACTIVITEIT)
def maak_export(*, actor, uuid) -> Export:
    """RP-04/RP-05: run an approved definition for its recipient."""
    with transaction.atomic():
        definitie = _gelockt(actor, uuid)
        _verantwoordelijk(actor, definitie)
        if definitie.status != policies.GOEDGEKEURD:
            fout = DomainError(
                "E_STATE_CONFLICT",
                "Alleen een door de FG goedgekeurde exportdefinitie levert een export op (RP-05).",
            )
            fout.audit_object = definitie  # type: ignore[attr-defined]
            raise fout
        inhoud, aantal, betrokkenen = bouw_csv(definitie)
        export = Export(
            verwerkingsverantwoordelijke_id=definitie.verwerkingsverantwoordelijke_id,
            organisatie=definitie.ontvanger,  # the recipient holds the row (row security)
            definitie=definitie,
            aangemaakt_door=actor.gebruiker,
            aantal_rijen=aantal,
        )
        export.inhoud_versleuteld = crypto.versleutel(export, "inhoud", inhoud)
        with tenancy.systeem():  # written for the recipient organisation
            export.save()
        _log(
            actor,
            "export.aangemaakt",
            export,
            policies.kolommen(list(definitie.velden)),
            betrokkenen=sorted(betrokkenen),
            koppeling={"exportdefinitie": str(definitie.uuid), "aantal": aantal},
        )
    return export


@audit.geweigerd_gelogd("export.opgehaald", ACTIVITEIT)
def haal_op(*, actor, definitie_uuid, uuid) -> tuple[Export, str]:
    """RP-04: only the recipient fetches, once; the platform then keeps no copy of the content."""
    with transaction.atomic():
        rij = selectors.export_of_404(actor, definitie_uuid, uuid)
        export = Export.objects.select_for_update().select_related("definitie").get(pk=rij.pk)
        fout = None
        if export.definitie.status != policies.GOEDGEKEURD:
            fout = DomainError(
                "E_STATE_CONFLICT", "De exportdefinitie is ingetrokken; deze export gaat niet meer."
            )
        elif export.verlopen_op is not None or (
            export.opgehaald_op is None
            and now() >= policies.verloopmoment(export.aangemaakt, settings.MONITORING_EXPORT_DAYS)
        ):
            # also past its moment before the hourly sweep wiped it (RP-04)
            fout = DomainError(
                "E_STATE_CONFLICT",
                f"Deze export is niet binnen {settings.MONITORING_EXPORT_DAYS} dagen opgehaald en is "
                "verlopen; de inhoud is gewist. Vraag de verwerkingsverantwoordelijke om een nieuwe export.",
            )
        elif export.opgehaald_op is not None or not export.inhoud_versleuteld:
            fout = DomainError(
                "E_STATE_CONFLICT",
                "Deze export is al opgehaald. Vraag de verwerkingsverantwoordelijke om een nieuwe export.",
            )
        if fout is not None:
            fout.audit_object = export  # type: ignore[attr-defined]
            raise fout
        inhoud = crypto.ontsleutel(export, "inhoud", als_json=False) or ""
        export.inhoud_versleuteld = ""
        export.opgehaald_op = now()
        export.opgehaald_door = actor.gebruiker
        export.save()
        _log(actor, "export.opgehaald", export, ["inhoud"], koppeling={"aantal": export.aantal_rijen})
    return export, inhoud


def ruim_op(nu: dt.datetime | None = None) -> int:
    """RP-04: wipe every export its recipient did not fetch within `ZORGVULDIG_MONITORING_EXPORT_DAYS`
    (also those of a withdrawn definition, which can no longer be fetched): the content goes, as after a
    fetch, `verlopen_op` is set; one audit entry per export, for the controller's FG. Returns the count."""
    from zorgvuldig.core.context import Actor

    nu = nu or now()
    dagen = settings.MONITORING_EXPORT_DAYS
    grens = nu - dt.timedelta(days=dagen)
    systeem = Actor.systeem()
    gewist = 0
    with tenancy.systeem():
        kandidaten = list(
            Export.objects.filter(opgehaald_op__isnull=True, verlopen_op__isnull=True, aangemaakt__lte=grens)
            .order_by("id")
            .values_list("pk", flat=True)
        )
        for pk in kandidaten:
            with transaction.atomic():
                export = (
                    Export.objects.select_for_update()
                    .select_related("verwerkingsverantwoordelijke", "definitie")
                    .get(pk=pk)
                )
                if export.opgehaald_op is not None or export.verlopen_op is not None:
                    continue  # fetched meanwhile
                export.inhoud_versleuteld = ""
                export.verlopen_op = nu
                export.save(update_fields=["inhoud_versleuteld", "verlopen_op", "gewijzigd"])
                _log(
                    systeem,
                    "export.verlopen",
                    export,
                    ["inhoud"],
                    koppeling={
                        "exportdefinitie": str(export.definitie.uuid),
                        "aantal": export.aantal_rijen,
                        "dagen": dagen,
                    },
                    verwerkingsverantwoordelijke=str(export.verwerkingsverantwoordelijke.uuid),
                )
                gewist += 1
    return gewist


def regels(inhoud: str) -> Iterator[list[str]]:
    """The CSV read back (tests and the UI's row count)."""
    yield from csv.reader(io.StringIO(inhoud))
