"""Reads of dossiers, filtered by need-to-know in SQL (grants) and audited with the grant used (AU-09).

A dossier without a valid grant for the actor is "not found" (DESIGN §5.2); on a visible dossier a
section the actor's grants do not cover is 403 `E_AC_NOT_AUTHORISED` (AC-05, AC-10).
"""

from __future__ import annotations

from collections import defaultdict
from types import SimpleNamespace

from django.db import transaction
from django.db.models import Prefetch

from zorgvuldig.audit import services as audit
from zorgvuldig.core import crypto, tenancy
from zorgvuldig.core.clock import today
from zorgvuldig.core.errors import DomainError, NotFound
from zorgvuldig.core.querysjabloon import Querysjabloon
from zorgvuldig.dossiers import policies
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
from zorgvuldig.toegang.models import Bron, Toegang
from zorgvuldig.toegang.selectors import met_grant

ACTIVITEIT = "sociaal-domein-ondersteuning"
OBJECT_TYPE = "dossiers.dossier"


def dossiers_zichtbaar_voor(actor):
    """Dossiers the actor holds a valid grant for (AC-02 … AC-04, AC-09, AC-11) and that still act: past
    their retention date (RT-01) or due on a granted destruction request (RI-10) they are gone for users
    before the sweep removes them (RT-12)."""
    tenancy.activeer(actor)
    return _zichtbaar(actor, today())


def _zichtbaar(actor, vandaag):
    from zorgvuldig.bewaren.selectors import vervallen

    return met_grant(Dossier.objects.exclude(vervallen(OBJECT_TYPE, vandaag)), actor, vandaag=vandaag)


def _grants_qs(actor, dossier_id, vandaag):
    """The actor's grants valid on `vandaag`, personal before organisational; on one dossier, or (None)
    on every dossier, for the caller to narrow."""
    qs = Toegang.objects.geldig_op(vandaag).voor_actor(actor).filter(object_type=OBJECT_TYPE)
    if dossier_id is not None:
        qs = qs.filter(object_id=dossier_id)
    return qs.order_by("ontvanger_organisatie_id", "-geldig_vanaf", "id")


def _ontvanger(gebruiker: int, organisatie: int) -> SimpleNamespace:
    """An actor as the grant filters read it (user, organisation), to build a template with."""
    return SimpleNamespace(
        is_systeem=False, gebruiker=SimpleNamespace(pk=gebruiker), organisatie=SimpleNamespace(pk=organisatie)
    )


# The two statements of every dossier action, compiled once per connection (issue 6): the same querysets
# as `dossiers_zichtbaar_voor` and `grants_op` build, for a user actor.
_GRANTS = Querysjabloon(
    lambda gebruiker, organisatie, vandaag, dossier: _grants_qs(
        _ontvanger(gebruiker, organisatie), dossier, vandaag
    ),
    gebruiker="id",
    organisatie="id",
    vandaag="datum",
    dossier="id",
)
_DOSSIER = Querysjabloon(
    lambda gebruiker, organisatie, vandaag, uuid: (
        _zichtbaar(_ontvanger(gebruiker, organisatie), vandaag)
        .select_related("team", "casusregie")
        .filter(uuid=uuid)
        .order_by("pk")[:1]
    ),
    gebruiker="id",
    organisatie="id",
    vandaag="datum",
    uuid="uuid",
)


def grants_op(actor, dossier: Dossier) -> list[Toegang]:
    """The actor's grants on this dossier valid today (RT-12), personal before organisational."""
    if actor.is_systeem:
        return []
    return _GRANTS.rijen(
        gebruiker=actor.gebruiker.pk, organisatie=actor.organisatie.pk, vandaag=today(), dossier=dossier.pk
    )


def feiten(grants: list[Toegang]) -> list[policies.Grant]:
    return [policies.Grant(g.bron, frozenset(g.secties or ()), frozenset(g.rechten)) for g in grants]


def dossier_of_404(actor, uuid) -> tuple[Dossier, list[Toegang]]:
    """The dossier and the actor's valid grants on it. No grant: 404 — except for an auditor or
    inspector whose statutory grant ran out, who knew of it and hears why (AC-09 `E_AC_GRANT_EXPIRED`)."""
    tenancy.activeer(actor)
    if actor.is_systeem:
        dossier = (
            dossiers_zichtbaar_voor(actor).select_related("team", "casusregie").filter(uuid=uuid).first()
        )
    else:
        dossier = _DOSSIER.eerste(
            gebruiker=actor.gebruiker.pk, organisatie=actor.organisatie.pk, vandaag=today(), uuid=uuid
        )
    if dossier is None:
        if _wettelijke_grant_verlopen(actor, uuid):
            raise DomainError(
                "E_AC_GRANT_EXPIRED", "Uw wettelijke toegang tot dit dossier is verlopen (AC-09)."
            )
        raise NotFound()
    return dossier, grants_op(actor, dossier)


def _wettelijke_grant_verlopen(actor, uuid) -> bool:
    if actor.is_systeem:
        return False
    verlopen = Toegang.objects.voor_actor(actor).filter(
        object_type=OBJECT_TYPE, bron=Bron.WETTELIJK, geldig_tot__lt=today(), ingetrokken_op__isnull=True
    )
    # Row-level security hides another organisation's dossier; whether the one this very grant named
    # still exists is asked in the system context and reveals nothing beyond the actor's own grant.
    with tenancy.systeem():
        ids = list(Dossier.objects.filter(uuid=uuid).values_list("id", flat=True))
    return bool(ids) and verlopen.filter(object_id__in=ids).exists()


def sectie_toegang(actor, dossier: Dossier, grants: list[Toegang], sectie: str, recht: str):
    """The grant that allows `recht` on `sectie` (AU-09), or 403 on this visible dossier (AC-05, AC-10)."""
    if actor.is_systeem:
        return None
    index = policies.sectie_grant(feiten(grants), sectie, recht)
    if index is None:
        fout = DomainError(
            "E_AC_NOT_AUTHORISED",
            f"U heeft geen recht '{recht}' op de sectie '{sectie}' van dit dossier (AC-05, AC-10).",
        )
        fout.audit_object = dossier  # type: ignore[attr-defined]
        raise fout
    return grants[index]


def leesbare_secties(grants: list[Toegang]) -> frozenset[str]:
    return policies.leesbare_secties(feiten(grants))


def personen(dossier: Dossier) -> list:
    return [lid.persoon for lid in dossier.leden.select_related("persoon").order_by("id")]


def weergave(dossier: Dossier, secties: frozenset[str]) -> dict:
    """What a dossier shows in every representation: always its frame (DS-14); the rest per section."""
    informering = dossier.informering or {}
    instemmingen = [
        {"persoon": i.persoon.uuid, "gegeven": i.gegeven, "datum": i.datum}
        for i in Instemming.objects.filter(dossier=dossier).select_related("persoon").order_by("id")
    ]
    afsluiting = None
    if dossier.status == policies.GESLOTEN and "afsluiting" in secties:
        afsluiting = {
            "einddatum": dossier.einddatum,
            "reden": dossier.afsluitreden,
            **(crypto.ontsleutel(dossier, "afsluiting") or {}),
            "bevestigdOp": dossier.bevestigd_op,
        }
    # The frame shows on every view (DS-14); who the members are, how they were informed and the frame's
    # history belong to the identification section (a team-meeting grant or a single section grant does
    # not open them, AC-04/AC-05).
    identificatie = "identificatie" in secties
    return {
        "kader": dossier.kader,
        "kaderhistorie": [
            {"kader": k.kader, "van": k.van, "datum": k.datum, "grondslag": k.grondslag}
            for k in Kaderwijziging.objects.filter(dossier=dossier).order_by("datum", "id")
        ]
        if identificatie
        else None,
        "leden": [
            {"persoon": lid.persoon.uuid, "rol": lid.rol}
            for lid in Lid.objects.filter(dossier=dossier).select_related("persoon").order_by("id")
        ]
        if identificatie
        else None,
        "informering": (informering or None) if identificatie else None,
        "informeringCompleet": informering_compleet(dossier),
        "afwijkingGoedgekeurd": dossier.afwijking_goedgekeurd_door_id is not None,
        "instemming": instemmingen if identificatie else None,
        "afsluiting": afsluiting,
        "secties": sorted(secties),
    }


def informering_compleet(dossier: Dossier) -> bool:
    informering = dossier.informering or {}
    if not informering.get("mondelingOp") or not informering.get("schriftelijkOp"):
        return False
    verwezen = Verwijzing.objects.filter(dossier=dossier).exists()
    return not policies.ontbrekende_onderwerpen(informering.get("onderwerpen", []), verwezen)


def lees_dossier(actor, uuid) -> tuple[Dossier, dict]:
    """Detail read, audited with the grant that opened it (AU-01, AU-09)."""
    with transaction.atomic():
        dossier, grants = dossier_of_404(actor, uuid)
        secties = leesbare_secties(grants)
        data = weergave(dossier, secties)
        audit.record(
            actor=actor,
            actie="dossier.ingezien",
            activiteit=ACTIVITEIT,
            object=dossier,
            betrokkenen=personen(dossier),
            velden=["status", "kader", "leden", *sorted(secties)],
            toegang=grants[0] if grants else None,
        )
    return dossier, data


def lijst(actor, dossiers, *, met_leden: bool = False) -> dict[int, list[Lid]]:
    """A list shows reference, team, status and frame: audited per dossier (AU-01). With `met_leden` (the
    web list, demo review L5) it also names who is in each dossier — only where the actor's grants open
    the identification section, exactly as the dossier page decides (AC-05, AC-14); such an entry says
    so and names the grant that opened it (AU-09). Returns the members per dossier id it may show."""
    if not dossiers:
        return {}
    ids = [d.pk for d in dossiers]
    # one statement each for the page's grants and members, not one per row
    grants_per: dict[int, list[Toegang]] = defaultdict(list)
    if not actor.is_systeem:
        for g in _grants_qs(actor, None, today()).filter(object_id__in=ids):
            grants_per[g.object_id].append(g)
    leden_per: dict[int, list[Lid]] = defaultdict(list)
    for lid in Lid.objects.filter(dossier_id__in=ids).select_related("persoon").order_by("id"):
        leden_per[lid.dossier_id].append(lid)
    zichtbaar: dict[int, list[Lid]] = {}
    with transaction.atomic():
        for dossier in dossiers:
            grants, leden = grants_per[dossier.pk], leden_per[dossier.pk]
            velden, grant = ["kenmerk", "status", "kader"], grants[0] if grants else None
            index = policies.sectie_grant(feiten(grants), "identificatie", "lezen") if met_leden else None
            if index is not None:
                zichtbaar[dossier.pk] = leden
                velden, grant = [*velden, "leden"], grants[index]
            audit.record(
                actor=actor,
                actie="dossier.lijst_ingezien",
                activiteit=ACTIVITEIT,
                object=dossier,
                betrokkenen=[lid.persoon for lid in leden],
                velden=velden,
                toegang=grant,
            )
    return zichtbaar


def zoek_op_bsn(actor, bsn: str) -> list[Dossier]:
    """Dossiers of persons with this BSN that the actor may see (`POST /dossiers/_zoek`)."""
    kandidaten = crypto.blind_index_candidates(bsn)
    return list(
        dossiers_zichtbaar_voor(actor)
        .filter(leden__persoon__bsn_index__in=kandidaten)
        .distinct()
        .order_by("-geopend_op", "-id")
    )


def dossiers_voor_noodtoegang(actor, bsn: str) -> list[Dossier]:
    """AC-11/E4: dossiers of the actor's own teams on this BSN that the actor may not read yet and whose
    client has not been contacted — only so break-glass can be asked for; no content."""
    tenancy.activeer(actor)
    if not actor.rollen & {"medewerker", "leidinggevende"}:
        return []
    gevonden = list(
        Dossier.objects.filter(
            organisatie_id=actor.organisatie.pk,
            team__in=actor.gebruiker.teams.all(),
            client_contact=False,
            leden__persoon__bsn_index__in=crypto.blind_index_candidates(bsn),
        )
        .exclude(pk__in=dossiers_zichtbaar_voor(actor).values("id"))
        .exclude(status=policies.GESLOTEN)
        .select_related("team")
        .distinct()
    )
    # Learning that the team holds a dossier on this person is a consultation too (AU-01); no grant
    # covers it, which the entry shows.
    if gevonden:
        with transaction.atomic():
            for dossier in gevonden:
                audit.record(
                    actor=actor,
                    actie="dossier.gezocht",
                    activiteit=ACTIVITEIT,
                    object=dossier,
                    betrokkenen=personen(dossier),
                    velden=["kenmerk", "team"],
                )
    return gevonden


def dossier_voor_beheer(actor, uuid) -> Dossier:
    """The leidinggevende managing assignments of the own organisation's dossiers (AC-05) needs no content
    grant: tenancy still applies."""
    tenancy.activeer(actor)
    dossier = dossiers_voor_beheer(actor).filter(uuid=uuid).first()
    if dossier is None:
        raise NotFound()
    return dossier


def dossiers_voor_beheer(actor):
    """AC-02/AC-05: the dossiers of the teams the leidinggevende leads (is a member of), to assign and
    confirm — without a content grant, so without content."""
    tenancy.activeer(actor)
    if actor.is_systeem or "leidinggevende" not in actor.rollen:
        return Dossier.objects.none()
    return Dossier.objects.filter(organisatie_id=actor.organisatie.pk, team__in=actor.gebruiker.teams.all())


def dossier_voor_toegangsbeheer(actor, uuid) -> Dossier:
    """The object of a grant the leidinggevende (own organisation, AC-05/AC-10) or the FG (own controller,
    AC-09) gives: managing access is not reading content."""
    tenancy.activeer(actor)
    qs = Dossier.objects.filter(uuid=uuid)
    if "fg" in actor.rollen:
        dossier = qs.filter(verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id).first()
    else:
        dossier = qs.filter(organisatie_id=actor.organisatie.pk).first()
    if dossier is None:
        raise NotFound()
    return dossier


def dossier_voor_noodtoegang(actor, uuid) -> Dossier:
    """AC-11: a dossier of a team the actor belongs to, before contact with the client."""
    tenancy.activeer(actor)
    dossier = Dossier.objects.filter(
        uuid=uuid, organisatie_id=actor.organisatie.pk, team__in=actor.gebruiker.teams.all()
    ).first()
    if dossier is None:
        raise NotFound()
    return dossier


def genoemd_in(dossier: Dossier, persoon_id: int) -> bool:
    """Whether any record of the dossier other than its member list names the person (an item it
    concerns, a ZRM score, agreement, statement, hiding): such a member cannot leave the dossier, or those
    records would speak of someone who is not in it. Every model of the app is asked, so a new one with a
    person field cannot be forgotten."""
    from django.apps import apps

    for model in apps.get_app_config("dossiers").get_models():
        namen = {f.name for f in model._meta.get_fields()}
        pad = "dossier" if "dossier" in namen else "notitie__dossier" if "notitie" in namen else None
        if model is Lid or pad is None:
            continue
        for veld in model._meta.get_fields():
            doel = getattr(veld, "related_model", None)
            if doel is None or doel._meta.label != "personen.Persoon":
                continue
            if (veld.concrete or veld.many_to_many) and model._default_manager.filter(
                **{pad: dossier, veld.name: persoon_id}
            ).exists():
                return True
    return False


def toewijzingen(dossier: Dossier):
    return (
        Toewijzing.objects.filter(dossier=dossier, toegang__ingetrokken_op__isnull=True)
        .select_related("gebruiker", "toegang")
        .order_by("id")
    )


# --- Items ----------------------------------------------------------------------------------------


def notities(dossier: Dossier, secties: frozenset[str]):
    """Notes in the sections the actor may read; each with the client's statements (DS-09)."""
    return (
        Notitie.objects.filter(dossier=dossier, sectie__in=secties)
        .select_related("door", "corrigeert", "bron_organisatie")
        .prefetch_related(
            "betreft", Prefetch("verklaringen", queryset=Clientverklaring.objects.order_by("id"))
        )
        .order_by("aangemaakt", "id")
    )


def _bron(notitie: Notitie, inhoud: dict) -> dict:
    bron = {"soort": notitie.bron_soort, "omschrijving": inhoud.get("bron_omschrijving", "")}
    if notitie.bron_soort == policies.PARTNER and notitie.bron_organisatie is not None:
        # AC-12: from the partner's own system, brought in by its employee, necessary, discussed.
        bron |= {
            "organisatie": notitie.bron_organisatie.uuid,  # the API renders it as a URL
            "organisatieNaam": notitie.bron_organisatie.naam,
            "noodzaak": inhoud.get("noodzaak", ""),
            "besprokenMetClient": notitie.besproken_met_client,
        }
    return bron


def notitie_weergave(notitie: Notitie) -> dict:
    inhoud = crypto.ontsleutel(notitie, "inhoud") or {}
    return {
        "uuid": notitie.uuid,
        "sectie": notitie.sectie,
        "soort": notitie.soort,
        "bron": _bron(notitie, inhoud),
        "nietEigenWaarneming": policies.niet_eigen_waarneming(notitie.soort, notitie.bron_soort),
        "geverifieerd": notitie.geverifieerd,
        "basis": inhoud.get("basis", ""),
        "tekst": inhoud.get("tekst", ""),
        "corrigeert": notitie.corrigeert.uuid if notitie.corrigeert else None,
        "bijzondereGrondslag": notitie.bijzondere_grondslag or None,
        "betreft": [p.uuid for p in notitie.betreft.all()],
        "deelbaarMetAlleLeden": notitie.deelbaar_met_alle_leden,
        "door": notitie.door.naam,
        "aangemaakt": notitie.aangemaakt,
        **zichtbaarheid(notitie),
        # DS-09: the client's own statements travel with the opinion wherever it is shown.
        "clientverklaringen": [
            {
                "uuid": v.uuid,
                "persoon": v.persoon.uuid,
                "tekst": crypto.ontsleutel(v, "tekst", als_json=False),
                "aangemaakt": v.aangemaakt,
            }
            for v in notitie.verklaringen.select_related("persoon").all()
        ],
    }


def zrm(dossier: Dossier, secties: frozenset[str]):
    """ZRM scores the actor may read: special domains only with the special-category grant (AC-10)."""
    domeinen = [d for d in policies.ZRM_DOMEINEN if policies.zrm_sectie(d) in secties]
    return (
        Zrmscore.objects.filter(dossier=dossier, domein__in=domeinen)
        .select_related("persoon", "door")
        .order_by("domein", "aangemaakt", "id")
    )


def zrm_weergave(score: Zrmscore) -> dict:
    return {
        "uuid": score.uuid,
        "persoon": score.persoon.uuid,
        "domein": score.domein,
        "niveau": score.niveau,
        "onderbouwing": crypto.ontsleutel(score, "onderbouwing", als_json=False),
        "besprokenMetClient": score.besproken_met_client,
        "door": score.door.naam,
        "aangemaakt": score.aangemaakt,
    }


def plannen(dossier: Dossier):
    return Plan.objects.filter(dossier=dossier).prefetch_related("notities").order_by("-versie")


def plan_weergave(plan: Plan) -> dict:
    return {
        "uuid": plan.uuid,
        "versie": plan.versie,
        "gezamenlijk": plan.gezamenlijk,
        **(crypto.ontsleutel(plan, "inhoud") or {}),
        "notities": [n.uuid for n in plan.notities.all()],
        "vastgesteldOp": plan.vastgesteld_op,
        "metClientAfgesprokenOp": plan.met_client_afgesproken_op,
        "aangemaakt": plan.aangemaakt,
    }


def verwijzingen(dossier: Dossier):
    return Verwijzing.objects.filter(dossier=dossier).order_by("aangemaakt", "id")


def verwijzing_weergave(v: Verwijzing) -> dict:
    return {
        "uuid": v.uuid,
        **(crypto.ontsleutel(v, "inhoud") or {}),
        "besprokenMetClient": v.besproken_met_client,
        "clientAkkoord": v.client_akkoord,
        "contactDoor": v.contact_door,
        "aangemaakt": v.aangemaakt,
    }


def kaderwijzigingen(dossier: Dossier):
    return (
        Kaderwijziging.objects.filter(dossier=dossier).select_related("besluitvormer").order_by("datum", "id")
    )


def kaderwijziging_weergave(k: Kaderwijziging) -> dict:
    return {
        "uuid": k.uuid,
        "kader": k.kader,
        "van": k.van,
        "datum": k.datum,
        "reden": crypto.ontsleutel(k, "reden", als_json=False),
        "grondslag": k.grondslag,
        "besluitvormer": k.besluitvormer.naam,
        "clientGeinformeerd": k.client_geinformeerd,
        "uitspraak": {"soort": k.uitspraak_soort, "kenmerk": k.uitspraak_kenmerk}
        if k.uitspraak_soort
        else None,
    }


def log_items(actor, dossier: Dossier, grant, actie: str, velden: list[str]) -> None:
    """Reading a section's items is a processing (AU-01), logged with the grant that allowed it."""
    with transaction.atomic():
        audit.record(
            actor=actor,
            actie=actie,
            activiteit=ACTIVITEIT,
            object=dossier,
            betrokkenen=personen(dossier),
            velden=velden,
            toegang=grant,
        )


def lees_toewijzingen(actor, dossier: Dossier) -> list[Toewijzing]:
    """Who works on the dossier (AC-04): the leidinggevende reads the assignments; audited (AU-01)."""
    rijen = list(toewijzingen(dossier))
    with transaction.atomic():
        audit.record(
            actor=actor,
            actie="dossier.toewijzingen_ingezien",
            activiteit="toegangsbeheer",
            object=dossier,
            betrokkenen=personen(dossier),
            velden=["toewijzingen"],
        )
    return rijen


def samenvatting(actor, uuid) -> tuple[Dossier, dict]:
    """AC-04: what a team meeting's participants read that day: who, status, frame, the plan's goals and
    the latest general ZRM levels. Audited with the meeting's grant."""
    from zorgvuldig.core.clock import today as vandaag

    with transaction.atomic():
        dossier, grants = dossier_of_404(actor, uuid)
        grant = sectie_toegang(actor, dossier, grants, policies.SAMENVATTING, "lezen")
        plan = Plan.objects.filter(dossier=dossier).order_by("-versie").first()
        laatste: dict[str, int] = {}
        algemeen = [d for d, s in policies.ZRM_DOMEINEN.items() if s is None]
        for score in Zrmscore.objects.filter(dossier=dossier, domein__in=algemeen).order_by(
            "aangemaakt", "id"
        ):
            laatste[score.domein] = score.niveau
        from zorgvuldig.personen.policies import LeeftijdOnbekend, leeftijdscategorie

        def categorie(p):
            try:
                return leeftijdscategorie(p.geboortedatum, vandaag(), p.geschatte_leeftijdscategorie or None)
            except LeeftijdOnbekend:
                return None

        data = {
            "kenmerk": dossier.kenmerk,
            "status": dossier.status,
            "kader": dossier.kader,
            "clienten": [
                {"naam": f"{p.voornamen} {p.geslachtsnaam}".strip(), "leeftijdscategorie": categorie(p)}
                for p in personen(dossier)
            ],
            "doelen": (crypto.ontsleutel(plan, "inhoud") or {}).get("doelen", []) if plan else [],
            "zrm": laatste,
        }
        audit.record(
            actor=actor,
            actie="dossier.samenvatting_ingezien",
            activiteit=ACTIVITEIT,
            object=dossier,
            betrokkenen=personen(dossier),
            velden=["samenvatting"],
            toegang=grant,
        )
    return dossier, data


def veiligheidsbeoordelingen(dossier: Dossier, _secties=None):
    from zorgvuldig.dossiers.models import Veiligheidsbeoordeling

    return (
        Veiligheidsbeoordeling.objects.filter(dossier=dossier)
        .select_related("geconsulteerd")
        .order_by("aangemaakt", "id")
    )


def veiligheid_weergave(v) -> dict:
    return {
        "uuid": v.uuid,
        "meldcodestap": v.meldcodestap,
        **(crypto.ontsleutel(v, "inhoud") or {}),
        "geconsulteerd": {"naam": v.geconsulteerd.naam, "datum": v.geconsulteerd_op},
        "aangemaakt": v.aangemaakt,
    }


def zichtbaarheid(notitie: Notitie) -> dict:
    """DS-13/PE-11 as professionals see them on an item: from whom it is hidden, and why."""
    from zorgvuldig.dossiers.models import Afscherming
    from zorgvuldig.personen.selectors import niet_voor_vertegenwoordigers

    return {
        "verborgenVoor": [
            {
                "persoon": a.persoon.uuid,
                "reden": crypto.ontsleutel(a, "reden", als_json=False),
                "reviewdatum": a.reviewdatum,
                "reviewVerschuldigd": policies.review_verschuldigd(a.reviewdatum, today()),
            }
            for a in Afscherming.objects.filter(
                object_type="dossiers.notitie", object_id=notitie.pk, opgeheven_op__isnull=True
            ).select_related("persoon")
        ],
        "nietVoorVertegenwoordigers": niet_voor_vertegenwoordigers("dossiers.notitie", notitie.uuid),
    }


# --- Outreach signals ------------------------------------------------------------------------------


def zorgsignalen_zichtbaar_voor(actor):
    """Outreach signals the actor holds a grant for and that still act (RT-05, RT-12)."""
    from django.db.models import Q

    from zorgvuldig.dossiers.models import Zorgsignaal

    tenancy.activeer(actor)
    return met_grant(Zorgsignaal.objects.all(), actor).filter(
        Q(status="melding") | Q(verwijderen_op__gt=today())
    )


def zorgsignaal_of_404(actor, uuid, recht: str = "lezen"):
    from zorgvuldig.toegang.selectors import object_of_404

    return object_of_404(actor, zorgsignalen_zichtbaar_voor(actor), uuid, recht)


def lees_zorgsignaal(actor, uuid):
    with transaction.atomic():
        rij, grant = zorgsignaal_of_404(actor, uuid)
        audit.record(
            actor=actor,
            actie="zorgsignaal.ingezien",
            activiteit=ACTIVITEIT,
            object=rij,
            betrokkenen=[rij.persoon] if rij.persoon_id else [],
            velden=["melder", "zorg", "ernst"],
            toegang=grant,
        )
    return rij


def zorgsignaal_weergave(rij) -> dict:
    return {
        "uuid": rij.uuid,
        "ontvangenOp": rij.ontvangen_op,
        "kanaal": rij.kanaal,
        **(crypto.ontsleutel(rij, "inhoud") or {}),
        "persoon": rij.persoon.uuid if rij.persoon_id else None,
        "status": rij.status,
        "ernst": rij.ernst or None,
        "dossier": rij.dossier.uuid if rij.dossier_id else None,
        "verwijderenOp": rij.verwijderen_op if rij.status != "melding" else None,
    }
