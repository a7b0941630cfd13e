"""Which record a refused request names, and whose data it holds (AU-02, AU-04).

A refusal is logged for the FG and the auditor: when the request named an existing record — also one the
actor may not see — the entry names that record and its data subjects' pseudonyms, so the attempt shows
in the record's trail and in a person search of the log. The requester still gets the same 404 as for a
record that does not exist; a made-up uuid names nothing. One place, for the API and the UI alike: the
record is found from the request path (`core.context.huidig_pad`), not per view.
"""

from __future__ import annotations

import itertools
import uuid as uuidlib
from collections.abc import Callable

from django.apps import apps

from zorgvuldig.core import tenancy


def _zelf(o) -> list:
    return [o]


def _persoon(o) -> list:
    return [o.persoon] if o.persoon_id else []


def _dossierleden(dossier) -> list:
    return [lid.persoon for lid in dossier.leden.select_related("persoon").order_by("id")]


def _huishoudleden(h) -> list:
    return [lid.persoon for lid in h.leden.select_related("persoon").order_by("id")]


def _vi(o) -> list:
    from zorgvuldig.verwijsindex.services import betrokkene

    return [betrokkene(o.bsn_index)] if o.bsn_index else []


def _verstrekking(o) -> list:
    return _persoon(o) or _vi(o)


def _verzoek(o) -> list:
    return [o.persoon, *([o.indiener] if o.indiener_id else [])]


# model → the data subjects its own entries name (as the successful acts on it do)
BETROKKENEN: dict[str, Callable[[object], list]] = {
    "personen.persoon": _zelf,
    "personen.huishouden": _huishoudleden,
    "dossiers.dossier": _dossierleden,
    "dossiers.zorgsignaal": _persoon,
    "toestemmingen.toestemming": lambda o: [o.betrokkene],  # type: ignore[attr-defined]
    "verstrekkingen.deelbesluit": lambda o: _dossierleden(o.dossier),  # type: ignore[attr-defined]
    "verstrekkingen.verstrekking": _verstrekking,
    "rechten.verzoek": _verzoek,
    "casusoverleg.casusoverleg": _persoon,
    "verwijsindex.signaal": _vi,
    "verwijsindex.match": _vi,
}

# The path segment before a record's uuid (API `/api/v1/<segment>/<uuid>…`, UI `/…/<segment>/<uuid>…`)
# → its model. Records that hold no data subjects (users, teams, grants, …) are named too.
SEGMENTEN: dict[str, str] = {
    "personen": "personen.persoon",
    "huishoudens": "personen.huishouden",
    "dossiers": "dossiers.dossier",
    "zorgsignalen": "dossiers.zorgsignaal",
    "toestemmingen": "toestemmingen.toestemming",
    "deelbesluiten": "verstrekkingen.deelbesluit",
    "verstrekkingen": "verstrekkingen.verstrekking",
    "verzoeken": "rechten.verzoek",
    "casusoverleggen": "casusoverleg.casusoverleg",
    "signalen": "verwijsindex.signaal",
    "matches": "verwijsindex.match",
    "gebruikers": "organisaties.gebruiker",
    "teams": "organisaties.team",
    "toegangen": "toegang.toegang",
}


def betrokkenen_van(obj) -> list:
    """The data subjects of a record, as its own entries name them; [] for a record without any."""
    regel = BETROKKENEN.get(obj._meta.label_lower)
    if regel is None:
        return []
    with tenancy.systeem():  # subjects may be records of another organisation (AU-02)
        return [b for b in regel(obj) if b is not None]


def uit_pad(pad: str):
    """The existing record the path names (the first uuid after a known segment), or None. Read in the
    system context: the entry is for the log's readers, the requester learns nothing from it."""
    delen = [d for d in pad.split("/") if d]
    for vorige, deel in itertools.pairwise(delen):
        try:
            uuid = uuidlib.UUID(deel)
        except ValueError:
            continue
        label = SEGMENTEN.get(vorige)
        if label is None:
            return None
        model = apps.get_model(label)
        with tenancy.systeem():
            return model._base_manager.filter(uuid=uuid).first()
    return None


def onderwerp(pad: str, object=None, betrokkenen=()) -> tuple[object, list]:
    """What a refusal's entry names: the given record and subjects; else the record the request path
    names and its subjects. A record given without subjects gets its own (AU-02)."""
    if object is None and pad:
        object = uit_pad(pad)
    if object is not None and not betrokkenen:
        betrokkenen = betrokkenen_van(object)
    return object, list(betrokkenen)
