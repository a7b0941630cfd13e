"""Anonymised management reports (RP-02, RP-03, VI-18): counts only, small cells suppressed, no
drill-down. The counting is SQL over the same selectors' rules; the suppression is `policies.onderdruk`."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.conf import settings

from zorgvuldig.core import tenancy
from zorgvuldig.core.clock import today
from zorgvuldig.core.errors import DomainError, InvalidParam
from zorgvuldig.rapportages import policies

# VI-18: under `statutory` only organisation and month; municipality and age band need `extended_2009`
# or VI-22's household processing.
VI_DIMENSIES = ("soort", "organisatie", "maand")
VI_DIMENSIES_UITGEBREID = ("gemeente", "leeftijdscategorie")


@dataclass(frozen=True)
class Rapport:
    rapport: str
    periode: tuple[dt.date, dt.date]
    dimensies: tuple[str, ...]
    cellen: list[policies.Cel]

    @property
    def totaal(self) -> int:
        return policies.totaal(self.cellen)

    def als_dict(self) -> dict:
        return {
            "rapport": self.rapport,
            "periode": {"vanaf": self.periode[0].isoformat(), "tot": self.periode[1].isoformat()},
            "dimensies": list(self.dimensies),
            "cellen": [
                {
                    "dimensies": dict(zip(self.dimensies, c.dimensies, strict=True)),
                    "aantal": c.aantal,
                    "onderdrukt": c.onderdrukt,
                }
                for c in self.cellen
            ],
            "totaal": self.totaal,
        }


def _maanden(vanaf: dt.date, tot: dt.date) -> list[str]:
    uit, jaar, maand = [], vanaf.year, vanaf.month
    while (jaar, maand) <= (tot.year, tot.month):
        uit.append(f"{jaar:04d}-{maand:02d}")
        jaar, maand = (jaar + 1, 1) if maand == 12 else (jaar, maand + 1)
    return uit


def _organisaties(actor):
    """Whose figures the reader may see: the leidinggevende their organisation, the FG their controller's."""
    from zorgvuldig.organisaties.models import Organisatie

    if "fg" in actor.rollen:
        return list(
            Organisatie.objects.filter(verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id)
        )
    return [actor.organisatie]


def verwijsindex(actor, *, vanaf: dt.date | None, tot: dt.date | None, groepering: list[str]) -> Rapport:
    """RP-02/VI-18: active signals and existing matches per organisation and month of signalling."""
    from zorgvuldig.verwijsindex import selectors as vi
    from zorgvuldig.verwijsindex.models import Signaal

    vandaag = today()
    tot = tot or vandaag
    vanaf = vanaf or tot.replace(day=1) - dt.timedelta(days=365)
    fouten = []
    if vanaf > tot:
        fouten.append(InvalidParam("periodeVanaf", "invalid", "De begindatum ligt na de einddatum."))
    inst = vi.instellingen()
    uitgebreid = inst.field_set == "extended_2009" or bool(inst.huishoudverwerking.strip())
    toegestaan = VI_DIMENSIES + (VI_DIMENSIES_UITGEBREID if uitgebreid else ())
    for g in groepering:
        if g in VI_DIMENSIES_UITGEBREID and not uitgebreid:
            fouten.append(
                InvalidParam(
                    "groepering",
                    "not_allowed",
                    "Gemeente en leeftijd alleen met de veldenset extended_2009 of een "
                    "huishoudverwerking (VI-18).",
                )
            )
        elif g not in toegestaan:
            fouten.append(InvalidParam("groepering", "invalid", "Kies uit soort, organisatie, maand."))
    if fouten:
        # The first reason says what is wrong; all of them are in invalidParams.
        raise DomainError("E_INVALID_INPUT", fouten[0].reason, fouten)
    dims = tuple(d for d in toegestaan if d in groepering) or VI_DIMENSIES
    organisaties = _organisaties(actor)
    namen = {o.pk: o.naam for o in organisaties}
    maanden = _maanden(vanaf, tot)
    telling: Counter[tuple[str, ...]] = Counter()
    with tenancy.systeem():
        signalen = (
            Signaal.objects.filter(
                organisatie_id__in=namen,
                status="actief",
                verwijderdatum__gt=vandaag,
                signaleringstijdstip__date__gte=vanaf,
                signaleringstijdstip__date__lte=tot,
            )
            .select_related("match")
            .only(
                "organisatie_id",
                "signaleringstijdstip",
                "status",
                "verwijderdatum",
                "overgedragen_na_uittreding",
                "match",
            )
        )
        for s in signalen:
            if not vi.is_actief(s, vandaag):
                continue  # RP-02: only active signals count (VI-17)
            maand = today(s.signaleringstijdstip).strftime("%Y-%m")  # calendar month in Amsterdam
            waarden = {
                "organisatie": namen[s.organisatie_id],
                "maand": maand,
                "gemeente": s.jongere_woonplaats or "onbekend",
                "leeftijdscategorie": _leeftijdscategorie(s.jongere_geboortedatum, vandaag),
            }
            telling[tuple({"soort": "signalen", **waarden}[d] for d in dims)] += 1
            if s.match is not None and vi.is_live(vi._live_signalen(s.match, vandaag)):
                telling[tuple({"soort": "matches", **waarden}[d] for d in dims)] += 1
    # The full cross table, zeros included: absent cells would weaken the suppression (policies docstring).
    gezien = {d: sorted({k[i] for k in telling}) for i, d in enumerate(dims)}
    assen = {
        "soort": ["matches", "signalen"],
        "organisatie": sorted(namen.values()),
        "maand": maanden,
        "gemeente": gezien.get("gemeente", []),
        "leeftijdscategorie": ["onder_12", "12_15", "16_17", "18_plus", "onbekend"],
    }
    tabel: dict[tuple[str, ...], int] = {}
    for sleutel in _product([assen[d] for d in dims]):
        tabel[sleutel] = telling.get(sleutel, 0)
    cellen = policies.onderdruk(tabel, min_cel=settings.REPORTS_MIN_CELL)
    return Rapport("verwijsindex", (vanaf, tot), dims, cellen)


def _leeftijdscategorie(geboortedatum: dt.date | None, op: dt.date) -> str:
    from zorgvuldig.personen.policies import leeftijdscategorie

    return leeftijdscategorie(geboortedatum, op).value if geboortedatum else "onbekend"


def _product(assen: list[list[str]]) -> list[tuple[str, ...]]:
    import itertools

    return [tuple(x) for x in itertools.product(*assen)]
