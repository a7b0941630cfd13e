"""Record types with a retention date of their own (RT-10) and what destroying one of them takes.

Each unit names its rule (policies.REGELS), how its start event and due date follow from the record, the
persons it concerns (whose person record may go when it goes, SPEC §10 "Person record") and what must be
unlinked or removed first because it has a rule of its own or points at the record with PROTECT. Every
other row of the unit (notes, members, grants, contributions) goes with it by CASCADE or through
`services._verwijder`, so a child model cannot escape its parent's retention.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps

from zorgvuldig.bewaren import policies
from zorgvuldig.core.clock import today

Datums = tuple[dt.date | None, dt.date | None]  # brondatum, vervaldatum


@dataclass(frozen=True)
class Eenheid:
    label: str  # app_label.ModelName
    regel: str
    datums: Callable[[object], Datums]
    personen: Callable[[list[int]], set[int]]
    # before the collector runs: unlink records with a rule of their own, delete PROTECTed dependants
    voorbereiden: Callable[[list[int]], list[tuple[str, list[int]]]] = field(default=lambda ids: [])

    @property
    def model(self):
        return apps.get_model(self.label)

    @property
    def objecttype(self) -> str:
        return self.label.lower()


def _datum(moment) -> dt.date | None:
    return today(moment) if moment is not None else None


# --- dates ----------------------------------------------------------------------------------------------


def _dossier(d) -> Datums:
    if d.status != "gesloten" or d.einddatum is None:
        return None, None
    jaren = sectorjaren(d.organisatie_id)
    if not jaren:
        return d.einddatum, policies.vervaldatum("dossier", d.einddatum)
    bron = policies.sector_brondatum(d.einddatum, laatste_wijziging(d))
    return bron, policies.vervaldatum("dossier", bron, sectorjaren=jaren)


def sectorjaren(organisatie_id: int) -> int | None:
    """retention.sector_terms for the organisation's type, None under RT-01."""
    from django.conf import settings

    from zorgvuldig.organisaties.models import Organisatie

    if not settings.RETENTION_SECTOR_TERMS:
        return None
    soort = Organisatie.objects.filter(pk=organisatie_id).values_list("type", flat=True).first()
    return settings.RETENTION_SECTOR_TERMS.get(soort)


def laatste_wijziging(dossier) -> dt.date | None:
    """The last change of the file: the dossier row or any of its items (BW 7:454(3))."""
    from django.db.models import Max

    momenten = [dossier.gewijzigd] + [
        m.objects.filter(dossier_id=dossier.pk).aggregate(m=Max("gewijzigd"))["m"] for m in dossier_items()
    ]
    return max((today(m) for m in momenten if m is not None), default=None)


def _zorgsignaal(z) -> Datums:
    if z.status == "melding":  # part of the dossier now: it goes with it
        return None, None
    return z.ontvangen_op, z.verwijderen_op  # per intake channel (RT-05)


def _toestemming(t) -> Datums:
    bron = policies.toestemming_brondatum(t.geldig_tot, _datum(t.ingetrokken_op))
    return bron, policies.vervaldatum("toestemming", bron)


def _verzoek(v) -> Datums:
    return v.gesloten_op, policies.vervaldatum("administratie", v.gesloten_op)


def _datalek(d) -> Datums:
    """A breach record: retention.admin_years after it is closed (SPEC §10)."""
    bron = _datum(d.gesloten_op)
    return bron, policies.vervaldatum("administratie", bron)


def _casus(c) -> Datums:
    return c.gesloten_op, c.vernietigen_op  # set on CLOSED from the table type's term (RT-08)


# --- persons a unit concerns ----------------------------------------------------------------------------


def _ids(label: str, veld: str, **filters) -> set[int]:
    from zorgvuldig.bewaren.selectors import binnen

    # a sweep batch's thousands of ids as one array parameter (selectors.binnen), not one placeholder each
    voorwaarden = [binnen(k.removesuffix("__in"), v) for k, v in filters.items() if k.endswith("__in")]
    rest = {k: v for k, v in filters.items() if not k.endswith("__in")}
    qs = apps.get_model(label).objects.filter(*voorwaarden, **rest)
    return {i for i in qs.values_list(veld, flat=True) if i}


def _dossier_personen(ids: list[int]) -> set[int]:
    uit = _ids("dossiers.Lid", "persoon_id", dossier_id__in=ids)
    uit |= _ids("dossiers.Zorgsignaal", "persoon_id", dossier_id__in=ids)
    return uit


def _toestemming_personen(ids: list[int]) -> set[int]:
    from zorgvuldig.personen.models import Persoon

    uit = _ids("toestemmingen.Toestemming", "betrokkene_id", pk__in=ids)
    gevers = set()
    for rij in (
        apps.get_model("toestemmingen.Toestemming")
        .objects.filter(pk__in=ids)
        .values_list("gevers", flat=True)
    ):
        gevers |= {g.get("persoon") for g in rij or [] if g.get("persoon")}
    if gevers:
        uit |= set(Persoon.objects.filter(uuid__in=gevers).values_list("pk", flat=True))
    return uit


# --- what goes or is unlinked first ----------------------------------------------------------------------


def _dossier_voorbereiden(ids: list[int]) -> list[tuple[str, list[int]]]:
    """Sharing decisions and their disclosure entries go with the dossier (SPEC §10), as do outreach
    signals that became this melding; a consent keeps its own term and only loses the link."""
    from zorgvuldig.dossiers.models import Zorgsignaal
    from zorgvuldig.toestemmingen.models import Toestemming
    from zorgvuldig.verstrekkingen.models import Deelbesluit, Verstrekking

    besluiten = Deelbesluit.objects.filter(dossier_id__in=ids)
    Verstrekking.objects.filter(
        herkomst__in=[f"deelbesluit:{u}" for u in besluiten.values_list("uuid", flat=True)]
    ).delete()
    besluiten.delete()
    Toestemming.objects.filter(dossier_id__in=ids).update(dossier=None)
    signalen = list(Zorgsignaal.objects.filter(dossier_id__in=ids).values_list("pk", flat=True))
    return [("dossiers.zorgsignaal", signalen)] if signalen else []


EENHEDEN: dict[str, Eenheid] = {
    e.objecttype: e
    for e in (
        Eenheid("dossiers.Dossier", "dossier", _dossier, _dossier_personen, _dossier_voorbereiden),
        Eenheid(
            "dossiers.Zorgsignaal",
            "zorgsignaal",
            _zorgsignaal,
            lambda ids: _ids("dossiers.Zorgsignaal", "persoon_id", pk__in=ids),
        ),
        Eenheid("toestemmingen.Toestemming", "toestemming", _toestemming, _toestemming_personen),
        Eenheid(
            "rechten.Verzoek",
            "administratie",
            _verzoek,
            lambda ids: (
                _ids("rechten.Verzoek", "persoon_id", pk__in=ids)
                | _ids("rechten.Verzoek", "indiener_id", pk__in=ids)
            ),
        ),
        # a breach holds no person records of its own: its scope points at an account and a recipient
        Eenheid("datalekken.Datalek", "administratie", _datalek, lambda ids: set()),
        Eenheid(
            "casusoverleg.Casusoverleg",
            "casusoverleg",
            _casus,
            lambda ids: _ids("casusoverleg.Casusoverleg", "persoon_id", pk__in=ids),
        ),
    )
}


def dossier_verstrekkingen(dossier) -> set[str]:
    """Uuids of the dossier's sharing decisions and the disclosure entries that came from them."""
    from zorgvuldig.verstrekkingen.models import Deelbesluit, Verstrekking

    besluiten = {str(u) for u in Deelbesluit.objects.filter(dossier=dossier).values_list("uuid", flat=True)}
    entries = Verstrekking.objects.filter(herkomst__in=[f"deelbesluit:{u}" for u in besluiten])
    return besluiten | {str(u) for u in entries.values_list("uuid", flat=True)}


def meegaand(eenheid: Eenheid, obj) -> list:
    """Records with a retention row of their own that go with this one (an outreach signal that became
    the dossier's melding)."""
    if eenheid.objecttype != "dossiers.dossier":
        return []
    return list(apps.get_model("dossiers.Zorgsignaal").objects.filter(dossier=obj))


def dossier_items() -> list:
    """The concrete dossier item types (notes, ZRM scores, plans, referrals, safety assessments)."""
    from zorgvuldig.dossiers.models import Item

    return [m for m in apps.get_app_config("dossiers").get_models() if issubclass(m, Item)]


def van_model(model) -> Eenheid | None:
    return EENHEDEN.get(f"{model._meta.app_label}.{model._meta.model_name}")
