"""Anonymised management reports (RP-01, RP-02, RP-03, VI-18; API §2.12): counts only, small cells
suppressed, no drill-down.

Every report is counted by the database: one `GROUP BY` (`.values(...).annotate(Count(...))`) over the
rows of the reader's organisations, months truncated in Europe/Amsterdam. Python only sees one row per
group (at most a few thousand), never a record, so a report over a million rows costs what the
database's aggregate costs (benchmarks.rapportage.py). Then the full cross table (zeros included),
`policies.onderdruk` with `settings.REPORTS_MIN_CELL`, and totals from published cells only (RP-03).

Reading a report is a processing for the activity `rapportage` (purpose: management, policy and
accountability, RP-01) and is audited as such (`lees`).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Case, CharField, Count, DateField, F, Func, Q, QuerySet, Value, When
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, Coalesce, NullIf, TruncMonth

from zorgvuldig.core import tenancy
from zorgvuldig.core.clock import AMSTERDAM, today
from zorgvuldig.core.errors import DomainError, InvalidParam
from zorgvuldig.rapportages import policies

ACTIVITEIT = "rapportage"  # registers/catalogus.py: purpose `verantwoording` (RP-01)
MAX_MAANDEN = policies.MAX_MAANDEN

# VI-18: under `statutory` only organisation and month; municipality and age band need `extended_2009`
# or VI-22's household processing.
VI_DIMENSIES = ("soort", "organisatie", "maand")
VI_DIMENSIES_UITGEBREID = ("gemeente", "leeftijdscategorie")
LEEFTIJDSCATEGORIEEN = ["onder_12", "12_15", "16_17", "18_plus", "onbekend"]


@dataclass(frozen=True)
class Rapport:
    rapport: str
    periode: tuple[dt.date, dt.date]
    dimensies: tuple[str, ...]
    cellen: list[policies.Cel]
    # RP-03: asked up to the running month or later, the report ends with the previous month instead
    ingekort: bool = False

    @property
    def totaal(self) -> int:
        return policies.totaal(self.cellen)

    def subtotalen(self, dimensie: str) -> dict[str, int]:
        """RP-03 (3): per value of one dimension, the sum of its published cells only."""
        return policies.subtotalen(self.cellen, self.dimensies.index(dimensie))

    def als_dict(self) -> dict:
        return {
            "rapport": self.rapport,
            "periode": {
                "vanaf": self.periode[0].isoformat(),
                "tot": self.periode[1].isoformat(),
                "ingekort": self.ingekort,
            },
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


# --- The shared pipeline: counts → full cross table → suppression ---------------------------------------


def kruistabel(
    telling: Mapping[tuple[str, ...], int], assen: list[list[str]], *, min_cel: int
) -> list[policies.Cel]:
    """RP-03 on the database's counts: every combination of the axes (0 where nothing was counted), then
    primary and secondary suppression. A count outside the axes is a programming error: it would be
    silently dropped from the report otherwise."""
    tabel = {tuple(k): 0 for k in itertools.product(*assen)}
    for sleutel, aantal in telling.items():
        if sleutel not in tabel:
            raise ValueError(f"RP-03: telling buiten de assen van het rapport: {sleutel!r}")
        tabel[sleutel] += aantal
    return policies.onderdruk(tabel, min_cel=min_cel)


@dataclass(frozen=True)
class Kader:
    """What a report needs from the request: period, dimensions, and whose figures (organisations)."""

    vanaf: dt.date
    tot: dt.date
    dims: tuple[str, ...]
    organisaties: dict[int, str]  # id → name, the reader's organisations
    vandaag: dt.date  # the day the report is made; the period ends before its month (RP-03)

    @property
    def maanden(self) -> list[str]:
        return policies.maanden(self.vanaf, self.tot)

    def van(self) -> dt.datetime:
        """Start of `vanaf` in Europe/Amsterdam, for date-time columns (index-friendly range)."""
        return dt.datetime.combine(self.vanaf, dt.time.min, tzinfo=AMSTERDAM)

    def tot_en_met(self) -> dt.datetime:
        """Start of the day after `tot` in Europe/Amsterdam (exclusive upper bound)."""
        return dt.datetime.combine(self.tot + dt.timedelta(days=1), dt.time.min, tzinfo=AMSTERDAM)


PARAMETERS = {"vanaf": "periodeVanaf", "tot": "periodeTot"}


def _periode(
    vanaf: dt.date | None, tot: dt.date | None, vandaag: dt.date
) -> tuple[policies.Periode | None, list[InvalidParam]]:
    """RP-03 (`policies.periode`): whole calendar months that are over on `vandaag`, so neither a few
    days more or less nor a day later changes a cell. Every report also keeps `maand` as a dimension
    (`_met_maand`), so a longer period only adds months, each its own cell."""
    try:
        return policies.periode(vanaf, tot, vandaag=vandaag, max_maanden=MAX_MAANDEN), []
    except policies.PeriodeFout as fout:
        return None, [InvalidParam(PARAMETERS[fout.veld], "invalid", fout.reden)]


def _weiger(fouten: list[InvalidParam]) -> None:
    if fouten:
        # The first reason says what is wrong; all of them are in invalidParams.
        raise DomainError("E_INVALID_INPUT", fouten[0].reason, fouten)


def _dimensies(groepering: list[str], toegestaan: tuple[str, ...], standaard: tuple[str, ...]) -> tuple:
    """The chosen dimensions in the report's own order; RP-02: no dimension but the report's own."""
    fouten = [
        InvalidParam("groepering", "invalid", f"Kies uit {', '.join(toegestaan)}.")
        for g in groepering
        if g not in toegestaan
    ]
    _weiger(fouten[:1])
    return _met_maand(tuple(d for d in toegestaan if d in groepering) or standaard, toegestaan)


def _met_maand(dims: tuple[str, ...], toegestaan: tuple[str, ...]) -> tuple[str, ...]:
    """RP-03: the month is always a dimension, in the report's own order (see `_periode`)."""
    return tuple(d for d in toegestaan if d in dims or d == "maand")


def _organisaties(actor) -> dict[int, str]:
    """Whose figures the reader may see: the leidinggevende their organisation, the FG their controller's."""
    from zorgvuldig.organisaties.models import Organisatie

    if "fg" in actor.rollen:
        rijen = Organisatie.objects.filter(
            verwerkingsverantwoordelijke_id=actor.verwerkingsverantwoordelijke_id
        )
        return dict(rijen.values_list("pk", "naam"))
    return {actor.organisatie.pk: actor.organisatie.naam}


def _maand(veld: str, *, tijdstip: bool = True) -> TruncMonth:
    """The calendar month of a column, in Europe/Amsterdam for a date-time (SPEC §0 Time)."""
    if tijdstip:
        return TruncMonth(veld, tzinfo=AMSTERDAM)
    return TruncMonth(veld, output_field=DateField())


def _maandlabel(waarde) -> str:
    if isinstance(waarde, dt.datetime):
        waarde = waarde.astimezone(AMSTERDAM) if waarde.tzinfo else waarde
    if isinstance(waarde, str):  # a backend that returns text
        return waarde[:7]
    return f"{waarde.year:04d}-{waarde.month:02d}"


def _tel(
    qs: QuerySet,
    expressies: Mapping[str, Any],
    dims: tuple[str, ...],
    labels: Mapping[str, Callable[[Any], str]],
    maten: dict[str, Count] | None = None,
) -> dict[tuple[str, ...], int]:
    """One GROUP BY over the chosen dimensions; Python gets one row per group, never a record.

    `maten` (measure → conditional Count) turn into the `soort` dimension when it is chosen; without
    `soort` the measures add up (a report without `soort` counts every measure together).
    """
    gekozen = [d for d in dims if d != "soort"]
    maten = maten or {"aantal": Count("pk")}
    if not gekozen:
        # `.values()` without fields would group by every column (a row per record): aggregate instead
        rijen = [qs.order_by().aggregate(**{f"_m_{m}": c for m, c in maten.items()})]
    else:
        rijen = (
            qs.annotate(**{f"_d_{d}": expressies[d] for d in gekozen})  # type: ignore[arg-type]
            .values(*[f"_d_{d}" for d in gekozen])
            .annotate(**{f"_m_{m}": c for m, c in maten.items()})
            .order_by()
        )
    telling: dict[tuple[str, ...], int] = {}
    for rij in rijen:
        basis = {d: labels.get(d, str)(rij[f"_d_{d}"]) for d in gekozen}
        for maat in maten:
            sleutel = tuple(maat if d == "soort" else basis[d] for d in dims)
            telling[sleutel] = telling.get(sleutel, 0) + rij[f"_m_{maat}"]
    return telling


def _lees(actor, rapport: Rapport, actie: str) -> Rapport:
    """RP-01: reading a report is audited for the activity `rapportage` and its purpose (AU-01, AU-02);
    the entry names no person, only the report and its dimensions."""
    from zorgvuldig.audit import services as audit

    with transaction.atomic():
        audit.record(
            actor=actor,
            actie=actie,
            activiteit=ACTIVITEIT,
            velden=[f"rapport:{rapport.rapport}", *rapport.dimensies],
        )
    return rapport


# --- Verwijsindex (VI-18) ------------------------------------------------------------------------------


def _vertrokken(vandaag: dt.date) -> list[int]:
    """VI-25: organisations whose accession ended more than `vi.exit_days` ago; their signals count only
    when handed over. Per organisation (a handful), not per signal: this is the part of "active" (VI-16,
    VI-25) that is decided in Python, on accession rows; the rest of the rule is the SQL below."""
    from zorgvuldig.organisaties.models import Organisatie
    from zorgvuldig.verwijsindex import selectors as vi

    uitgetreden = []
    exit_dagen = vi.instellingen().exit_days
    for pk in Organisatie.objects.values_list("pk", flat=True):
        eind = vi.uittreding_tot(pk, vandaag)
        if eind is not None and vandaag > eind + dt.timedelta(days=exit_dagen):
            uitgetreden.append(pk)
    return uitgetreden


def vi_actief(vandaag: dt.date) -> Q:
    """RT-12/VI-16/VI-25 as one SQL condition, equal to `verwijsindex.selectors.is_actief` per row:
    activated, removal date after today, and handed over if the organisation left more than
    `vi.exit_days` ago."""
    from zorgvuldig.verwijsindex import policies as vip

    q = Q(status=vip.ACTIEF, verwijderdatum__gt=vandaag)
    vertrokken = _vertrokken(vandaag)
    if vertrokken:
        q &= ~Q(organisatie_id__in=vertrokken, overgedragen_na_uittreding=False)
    return q


def vi_live_matches(vandaag: dt.date) -> QuerySet:
    """VI-11/VI-17: ids of matches that still exist — their active signals come from ≥ 2 organisations
    (or ≥ 2 signalers under `vi.match_scope = signaler`). A dissolved match is not counted (RP-02)."""
    from zorgvuldig.verwijsindex import policies as vip
    from zorgvuldig.verwijsindex import selectors as vi
    from zorgvuldig.verwijsindex.models import Signaal

    kolom = "signaleerder_id" if vi.instellingen().match_scope == vip.SIGNALEERDER else "organisatie_id"
    return (
        Signaal.objects.filter(vi_actief(vandaag), match_id__isnull=False)
        .values("match_id")
        .annotate(_n=Count(kolom, distinct=True))
        .filter(_n__gte=2)
        .values("match_id")
    )


def _vi_tellen(k: Kader) -> dict[tuple[str, ...], int]:
    from zorgvuldig.verwijsindex.models import Signaal

    qs = Signaal.objects.filter(
        vi_actief(k.vandaag),
        organisatie_id__in=list(k.organisaties),
        signaleringstijdstip__gte=k.van(),
        signaleringstijdstip__lt=k.tot_en_met(),
    )
    grens = {n: policies.geboren_uiterlijk(k.vandaag, n) for n in (12, 16, 18)}
    expressies = {
        "organisatie": F("organisatie_id"),
        "maand": _maand("signaleringstijdstip"),
        "gemeente": Coalesce(NullIf(F("jongere_woonplaats"), Value("")), Value("onbekend")),
        "leeftijdscategorie": Case(
            When(jongere_geboortedatum__isnull=True, then=Value("onbekend")),
            When(jongere_geboortedatum__lte=grens[18], then=Value("18_plus")),
            When(jongere_geboortedatum__lte=grens[16], then=Value("16_17")),
            When(jongere_geboortedatum__lte=grens[12], then=Value("12_15")),
            default=Value("onder_12"),
            output_field=CharField(),
        ),
    }
    maten = {
        "signalen": Count("pk"),
        "matches": Count("pk", filter=Q(match_id__in=vi_live_matches(k.vandaag))),
    }
    labels = {"organisatie": k.organisaties.__getitem__, "maand": _maandlabel}
    return _tel(qs, expressies, k.dims, labels, maten)


def verwijsindex(actor, *, vanaf: dt.date | None, tot: dt.date | None, groepering: list[str]) -> Rapport:
    """RP-02/VI-18: active signals and existing matches per organisation and month of signalling."""
    from zorgvuldig.verwijsindex import selectors as vi

    vandaag = today()
    periode, fouten = _periode(vanaf, tot, vandaag)
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
    _weiger(fouten)
    assert periode is not None
    dims = _met_maand(tuple(d for d in toegestaan if d in groepering) or VI_DIMENSIES, toegestaan)
    with tenancy.systeem():
        k = Kader(periode.vanaf, periode.tot, dims, _organisaties(actor), vandaag)
        telling = _vi_tellen(k)
    # The municipality axis is what occurs: there is no closed list of places (and no zero row for
    # a place nobody lives in says anything).
    gezien = sorted({s[dims.index("gemeente")] for s in telling}) if "gemeente" in dims else []
    assen = {
        "soort": ["matches", "signalen"],
        "organisatie": sorted(k.organisaties.values()),
        "maand": k.maanden,
        "gemeente": gezien,
        "leeftijdscategorie": LEEFTIJDSCATEGORIEEN,
    }
    cellen = kruistabel(telling, [assen[d] for d in dims], min_cel=settings.REPORTS_MIN_CELL)
    return Rapport("verwijsindex", (periode.vanaf, periode.tot), dims, cellen, periode.ingekort)


# --- Dossiers, sharing decisions, rights requests, case tables -------------------------------------------


@dataclass(frozen=True)
class Soort:
    """One report type: its dimensions (in order), default grouping and the counting."""

    naam: str
    titel: str
    dimensies: tuple[str, ...]
    standaard: tuple[str, ...]
    tellen: Callable[[Kader], tuple[dict[tuple[str, ...], int], dict[str, list[str]]]]
    uitleg: str


def _org_labels(k: Kader) -> Callable[[object], str]:
    return lambda pk: k.organisaties[pk]  # type: ignore[index]


def _dossiers(k: Kader):
    from zorgvuldig.dossiers import policies as dp
    from zorgvuldig.dossiers.models import Dossier
    from zorgvuldig.organisaties.models import Team

    teams = list(
        Team.objects.filter(organisatie_id__in=list(k.organisaties)).values_list(
            "pk", "naam", "organisatie_id"
        )
    )
    namen = [n for _pk, n, _o in teams]
    # A team name twice (two organisations of the FG's controller) gets its organisation along.
    team_label = {
        pk: naam if namen.count(naam) == 1 else f"{naam} ({k.organisaties[org]})" for pk, naam, org in teams
    }
    qs = Dossier.objects.filter(
        organisatie_id__in=list(k.organisaties), geopend_op__gte=k.vanaf, geopend_op__lte=k.tot
    )
    expressies = {
        "status": F("status"),
        "kader": F("kader"),
        "team": F("team_id"),
        "organisatie": F("organisatie_id"),
        "maand": _maand("geopend_op", tijdstip=False),
    }
    labels = {"team": team_label.__getitem__, "organisatie": _org_labels(k), "maand": _maandlabel}
    assen = {
        "status": list(dp.STATUSSEN),
        "kader": list(dp.KADERS),
        "team": sorted(team_label.values()),
        "organisatie": sorted(k.organisaties.values()),
        "maand": k.maanden,
    }
    return _tel_kolommen(qs, expressies, k.dims, labels), assen


def _deelbesluiten(k: Kader):
    from zorgvuldig.verstrekkingen import policies as vp
    from zorgvuldig.verstrekkingen.models import Deelbesluit

    qs = Deelbesluit.objects.filter(
        organisatie_id__in=list(k.organisaties), aangemaakt__gte=k.van(), aangemaakt__lt=k.tot_en_met()
    )
    expressies = {
        "grond": Coalesce(NullIf(F("grond"), Value("")), Value("geen")),
        "uitkomst": Coalesce(NullIf(F("besluit"), Value("")), Value("open")),
        "richting": F("richting"),
        "organisatie": F("organisatie_id"),
        "maand": _maand("aangemaakt"),
    }
    labels = {"organisatie": _org_labels(k), "maand": _maandlabel}
    assen = {
        "grond": [*vp.ALLE_GRONDEN, "geen"],
        "uitkomst": [*vp.BESLUITEN, "open"],
        "richting": ["opvragen", "verstrekken"],
        "organisatie": sorted(k.organisaties.values()),
        "maand": k.maanden,
    }
    return _tel_kolommen(qs, expressies, k.dims, labels), assen


class Besluittermijn(Func):
    """RI-05/RI-15 in SQL: `rechten.policies.besluittermijn` — receipt + 28 days, plus the extension in
    calendar months capped at month end (31 January + 1 month = end of February)."""

    output_field = DateField()
    arity = 2

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="((%(expressions)s))::date",
            arg_joiner=" + 28) + make_interval(months => ",
            **extra,
        )

    def as_sqlite(self, compiler, connection, **extra):
        (ontvangen, ontvangen_params), (maanden, maanden_params) = (
            compiler.compile(e) for e in self.get_source_expressions()
        )
        begin = f"date({ontvangen}, '+28 days')"
        # date(…, "+n months") overflows (31 Jan + 1 → 3 Mar); the last day of the month caps it.
        sql = (
            f"min(date({begin}, '+' || ({maanden}) || ' months'),"
            f" date({begin}, 'start of month', '+' || (({maanden}) + 1) || ' months', '-1 day'))"
        )
        return sql, [*ontvangen_params, *maanden_params, *ontvangen_params, *maanden_params]


def _verzoeken(k: Kader):
    from zorgvuldig.rechten import policies as rp
    from zorgvuldig.rechten.models import Verzoek

    qs = Verzoek.objects.filter(
        organisatie_id__in=list(k.organisaties), ontvangen_op__gte=k.vanaf, ontvangen_op__lte=k.tot
    ).annotate(
        _termijn=Besluittermijn("ontvangen_op", "verlenging_maanden"),
        _besloten=Cast(KeyTextTransform("datum", "besluit"), DateField()),
    )
    expressies = {
        "soort": F("soort"),
        "termijn": Case(
            When(_besloten__isnull=False, _besloten__lte=F("_termijn"), then=Value("gehaald")),
            When(_besloten__isnull=False, then=Value("niet_gehaald")),
            When(~Q(status__in=rp.OPEN), then=Value("zonder_besluit")),
            When(_termijn__lt=k.vandaag, then=Value("niet_gehaald")),
            default=Value("lopend"),
            output_field=CharField(),
        ),
        "organisatie": F("organisatie_id"),
        "maand": _maand("ontvangen_op", tijdstip=False),
    }
    labels = {"organisatie": _org_labels(k), "maand": _maandlabel}
    assen = {
        "soort": list(rp.SOORTEN),
        "termijn": ["gehaald", "lopend", "niet_gehaald", "zonder_besluit"],
        "organisatie": sorted(k.organisaties.values()),
        "maand": k.maanden,
    }
    return _tel_kolommen(qs, expressies, k.dims, labels), assen


def _casusoverleggen(k: Kader):
    from zorgvuldig.casusoverleg import policies as cp
    from zorgvuldig.casusoverleg.models import Casusoverleg

    qs = Casusoverleg.objects.filter(
        organisatie_id__in=list(k.organisaties), aangemaakt__gte=k.van(), aangemaakt__lt=k.tot_en_met()
    )
    expressies = {
        "type": F("overlegtype__soort"),
        "status": F("status"),
        "organisatie": F("organisatie_id"),
        "maand": _maand("aangemaakt"),
    }
    labels = {"organisatie": _org_labels(k), "maand": _maandlabel}
    assen = {
        "type": list(cp.SOORTEN),
        "status": list(cp.STATUSSEN),
        "organisatie": sorted(k.organisaties.values()),
        "maand": k.maanden,
    }
    return _tel_kolommen(qs, expressies, k.dims, labels), assen


def _datalekken(k: Kader):
    from zorgvuldig.datalekken import policies as lp
    from zorgvuldig.datalekken.models import Datalek

    qs = Datalek.objects.filter(
        organisatie_id__in=list(k.organisaties), ontdekt_op__gte=k.van(), ontdekt_op__lt=k.tot_en_met()
    )
    expressies = {
        "status": F("status"),
        "risico": Coalesce(NullIf(F("risico"), Value("")), Value("onbeoordeeld")),
        "organisatie": F("organisatie_id"),
        "maand": _maand("ontdekt_op"),
    }
    labels = {"organisatie": _org_labels(k), "maand": _maandlabel}
    assen = {
        "status": list(lp.STATUSSEN),
        "risico": [*lp.RISICOS, "onbeoordeeld"],
        "organisatie": sorted(k.organisaties.values()),
        "maand": k.maanden,
    }
    return _tel_kolommen(qs, expressies, k.dims, labels), assen


def _tel_kolommen(qs, expressies, dims, labels) -> dict[tuple[str, ...], int]:
    """`_tel` for reports whose every dimension is a column (no measures); `dims` is never empty (each
    report has a default grouping), so `.values(...)` always names the groups."""
    assert dims, "RP-02: een rapport heeft minstens één dimensie"
    rijen = (
        qs.annotate(**{f"_d_{d}": expressies[d] for d in dims})
        .values(*[f"_d_{d}" for d in dims])
        .annotate(_n=Count("pk"))
        .order_by()
    )
    telling: dict[tuple[str, ...], int] = {}
    for rij in rijen:
        sleutel = tuple(labels.get(d, str)(rij[f"_d_{d}"]) for d in dims)
        telling[sleutel] = telling.get(sleutel, 0) + rij["_n"]
    return telling


SOORTEN: dict[str, Soort] = {
    "dossiers": Soort(
        "dossiers",
        "Dossiers",
        ("status", "kader", "team", "organisatie", "maand"),
        ("status", "kader", "maand"),
        _dossiers,
        "Dossiers naar status en kader (vrijwillig, drang, dwang), per maand van opening.",
    ),
    "deelbesluiten": Soort(
        "deelbesluiten",
        "Deelbesluiten",
        ("grond", "uitkomst", "richting", "organisatie", "maand"),
        ("grond", "uitkomst"),
        _deelbesluiten,
        "Deelbesluiten naar grond (G1–G8) en uitkomst, per maand van aanmaken.",
    ),
    "verzoeken": Soort(
        "verzoeken",
        "Verzoeken",
        ("soort", "termijn", "organisatie", "maand"),
        ("soort", "termijn"),
        _verzoeken,
        "Verzoeken van betrokkenen naar soort en of de beslistermijn is gehaald, per maand van ontvangst.",
    ),
    "casusoverleggen": Soort(
        "casusoverleggen",
        "Casusoverleggen",
        ("type", "status", "organisatie", "maand"),
        ("type", "status"),
        _casusoverleggen,
        "Casussen aan een overlegtafel naar soort tafel en status, per maand van aanmelding.",
    ),
    "datalekken": Soort(
        "datalekken",
        "Datalekken",
        ("status", "risico", "organisatie", "maand"),
        ("status", "risico"),
        _datalekken,
        "Datalekken naar status en risico, per maand van ontdekking (RG-03).",
    ),
}
RAPPORTEN = ("verwijsindex", *SOORTEN)


def rapport(
    actor, naam: str, *, vanaf: dt.date | None, tot: dt.date | None, groepering: list[str]
) -> Rapport:
    """One report of type `naam` (not `verwijsindex`) for the reader's organisations (RP-02, RP-03)."""
    soort = SOORTEN[naam]
    vandaag = today()
    periode, fouten = _periode(vanaf, tot, vandaag)
    _weiger(fouten)
    assert periode is not None
    dims = _dimensies(groepering, soort.dimensies, soort.standaard)
    # The reader's own tenancy: the organisation filter below is the rule, row-level security on
    # PostgreSQL the second line (DESIGN §4) — the leidinggevende's rows are the organisation's, the
    # FG's the controller's. (The VI report needs the system context: a live match's other signals
    # belong to other organisations, VI-11.)
    tenancy.activeer(actor)
    k = Kader(periode.vanaf, periode.tot, dims, _organisaties(actor), vandaag)
    telling, assen = soort.tellen(k)
    cellen = kruistabel(telling, [assen[d] for d in dims], min_cel=settings.REPORTS_MIN_CELL)
    return Rapport(naam, (periode.vanaf, periode.tot), dims, cellen, periode.ingekort)


def lees(
    actor,
    naam: str,
    *,
    vanaf: dt.date | None,
    tot: dt.date | None,
    groepering: list[str],
    actie: str = "rapportage.ingezien",
) -> Rapport:
    """The report as the API and the UI serve it: built, then its reading (or download: `actie`)
    audited for the activity `rapportage` (RP-01). A refused request writes nothing here: bad input
    processes no personal data (as `api.base.log_weigering`)."""
    if naam == "verwijsindex":
        gebouwd = verwijsindex(actor, vanaf=vanaf, tot=tot, groepering=groepering)
    else:
        gebouwd = rapport(actor, naam, vanaf=vanaf, tot=tot, groepering=groepering)
    return _lees(actor, gebouwd, actie)
