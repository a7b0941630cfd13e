"""Anonymised reports in the UI (RP-01, RP-02, RP-03, VI-18): the same selector as the API, one page per
report (tabs), as a table, a bar chart (server-rendered SVG: no script, CSP-strict), and a CSV and a PDF
download. Suppressed cells show as "<5" (`reports.min_cell`); no export holds a suppressed count, because
a suppressed cell carries none (`policies.Cel`). Reading and downloading are audited (RP-01).

The page and the PDF are for people: every value shows its Dutch label (`WAARDEN`). The CSV is for
machines, as the API: it keeps the codes, under the API's dimension names."""

from __future__ import annotations

import csv
import io
from xml.sax.saxutils import escape

from django import forms
from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from zorgvuldig.core.clock import today
from zorgvuldig.core.errors import DomainError
from zorgvuldig.rapportages import selectors
from zorgvuldig.ui import forms_casus, forms_datalekken, forms_delen, forms_dossier, forms_verzoeken
from zorgvuldig.ui.toegang import niet_gevonden, pagina

# Dutch B1 names of the reports and their dimensions.
TITELS = {
    "verwijsindex": "Verwijsindex",
    "dossiers": "Dossiers",
    "deelbesluiten": "Deelbesluiten",
    "verzoeken": "Verzoeken",
    "casusoverleggen": "Casusoverleg",
    "datalekken": "Datalekken",
}
UITLEG = {
    "verwijsindex": "Aantallen actieve signalen en matches, naar maand van signaleren.",
    **{naam: s.uitleg for naam, s in selectors.SOORTEN.items()},
}
DIMENSIES = {
    "soort": "Soort",
    "organisatie": "Organisatie",
    "maand": "Maand",
    "gemeente": "Gemeente",
    "leeftijdscategorie": "Leeftijd",
    "status": "Status",
    "kader": "Kader",
    "team": "Team",
    "grond": "Grond",
    "uitkomst": "Uitkomst",
    "richting": "Richting",
    "termijn": "Beslistermijn",
    "type": "Soort tafel",
    "risico": "Risico",
}
# Dutch labels of the values, per report and dimension (for the page and the PDF; the CSV and the API keep
# the codes). The same words as the pages where these things are made. A value without a label (a team,
# an organisation, a municipality, a month) shows as it is.
_VI_SOORTEN = {"signalen": "Signalen", "matches": "Matches"}
_LEEFTIJD = {
    "onder_12": "Jonger dan 12",
    "12_15": "12 tot 16 jaar",
    "16_17": "16 of 17 jaar",
    "18_plus": "18 jaar of ouder",
    "onbekend": "Onbekend",
}
WAARDEN: dict[str, dict[str, dict[str, str]]] = {
    "verwijsindex": {
        "soort": _VI_SOORTEN,
        "leeftijdscategorie": _LEEFTIJD,
        "gemeente": {"onbekend": "Onbekend"},
    },
    "dossiers": {"status": forms_dossier.STATUS, "kader": forms_dossier.KADERS},
    "deelbesluiten": {
        "grond": {**forms_delen.GRONDEN, "geen": "Geen grond"},
        "uitkomst": {**forms_delen.BESLUITEN, "open": "Nog geen besluit"},
        "richting": forms_delen.RICHTING_KORT,
    },
    "verzoeken": {
        "soort": forms_verzoeken.SOORTEN_KORT,
        "termijn": {
            "gehaald": "Op tijd besloten",
            "lopend": "Termijn loopt nog",
            "niet_gehaald": "Termijn niet gehaald",
            "zonder_besluit": "Afgesloten zonder besluit",
        },
    },
    "casusoverleggen": {"type": forms_casus.SOORTEN, "status": forms_casus.STATUS},
    "datalekken": {
        "status": {code: label for code, (label, _kleur) in forms_datalekken.STATUSSEN.items()},
        "risico": {**forms_datalekken.RISICOS, "onbeoordeeld": "Nog niet beoordeeld"},
    },
}


def label(rapport: str, dimensie: str, waarde: str) -> str:
    """The Dutch label of one value of a report's dimension (the value itself when it has none)."""
    return WAARDEN.get(rapport, {}).get(dimensie, {}).get(waarde, waarde)


def _labels(rapport: selectors.Rapport, waarden: tuple[str, ...]) -> list[str]:
    return [label(rapport.rapport, d, w) for d, w in zip(rapport.dimensies, waarden, strict=True)]


# The page's default grouping: the VI page as it always was; the others as their API default.
STANDAARD = {"verwijsindex": ("soort", "maand"), **{n: s.standaard for n, s in selectors.SOORTEN.items()}}
# RP-03: said on the page and in the PDF when the reader asked up to the running month or later.
INGEKORT = (
    "U vroeg ook om de lopende maand (of later). Die telt nog niet mee, want die is nog niet voorbij: "
    "de telling stopt aan het eind van de vorige maand."
)
PALET = ("#01689b", "#5c9ec4", "#a90061", "#e17000", "#39870c", "#673327", "#8fcae7", "#f9e11e")


def _dimensies_van(naam: str) -> tuple[str, ...]:
    if naam == "verwijsindex":
        return selectors.VI_DIMENSIES + selectors.VI_DIMENSIES_UITGEBREID
    return selectors.SOORTEN[naam].dimensies


# RP-03: a report counts whole calendar months that are over (`policies.periode`), so the form asks for a
# month, not a day. A day (an older link, the API's form) is still accepted: it stands for its whole month.
MAANDFORMATEN = ["%Y-%m", "%Y-%m-%d"]


class RapportFormulier(forms.Form):
    vanaf = forms.DateField(
        label="Vanaf maand",
        required=False,
        input_formats=MAANDFORMATEN,
        help_text="Jaar en maand, bijvoorbeeld 2026-01. De telling begint op de eerste dag van die maand.",
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )
    tot = forms.DateField(
        label="Tot en met maand",
        required=False,
        input_formats=MAANDFORMATEN,
        help_text=(
            "Jaar en maand, bijvoorbeeld 2026-06. De telling loopt tot en met de laatste dag van die maand. "
            "De lopende maand telt nog niet mee: kiest u die (of later), dan stopt de telling aan het eind "
            "van de vorige maand."
        ),
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )
    groepering = forms.MultipleChoiceField(
        label="Indeling (altijd ook per maand)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=(),
    )

    def __init__(self, naam: str, *args, **kwargs):
        super().__init__(*args, **kwargs)
        veld = self.fields["groepering"]
        assert isinstance(veld, forms.MultipleChoiceField)
        veld.choices = [(d, DIMENSIES[d]) for d in _dimensies_van(naam)]


def _gegevens(request):
    """The query, with `groepering=a,b` (links, bookmarks, the API's form) split into its values; only
    the form's own fields: RP-02 knows no search parameters."""
    data = request.GET.copy()
    data.setlist("groepering", [g for v in request.GET.getlist("groepering") for g in v.split(",") if g])
    return data


def _grafiek(rapport: selectors.Rapport) -> dict:
    """Bars of published counts only (RP-03 rule 3): per month (or the last dimension) on the x-axis, one
    bar per value of the first other dimension. Sums of published cells, so a bar never shows a suppressed
    one."""
    dims = rapport.dimensies
    x_dim = "maand" if "maand" in dims else dims[-1]
    reeks_dim = next((d for d in dims if d != x_dim), None)  # the first other dimension
    i_x = dims.index(x_dim)
    i_r = dims.index(reeks_dim) if reeks_dim else None

    def x_label(x: str) -> str:
        return x if x_dim == "maand" else label(rapport.rapport, x_dim, x)

    def r_label(r: str) -> str:
        return label(rapport.rapport, reeks_dim, r) if reeks_dim else r

    per: dict[tuple[str, str], int] = {}
    xs: list[str] = []
    reeksen: list[str] = []
    for c in rapport.cellen:
        x, r = c.dimensies[i_x], (c.dimensies[i_r] if i_r is not None else "aantal")
        if x not in xs:
            xs.append(x)
        if r not in reeksen:
            reeksen.append(r)
        per[(x, r)] = per.get((x, r), 0) + (c.aantal or 0)
    xs.sort()
    hoogste = max(per.values(), default=0) or 1
    stap = len(reeksen) * 18 + 10
    staven = []
    for n, x in enumerate(xs):
        for k, r in enumerate(reeksen):
            waarde = per.get((x, r), 0)
            hoogte = round(150 * waarde / hoogste)
            staven.append(
                {
                    "x": 40 + n * stap + k * 18,
                    "y": 170 - hoogte,
                    "hoogte": hoogte,
                    "waarde": waarde,
                    "soort": r,  # the code: a CSS class
                    "reeks": r_label(r),
                    "kleur": PALET[k % len(PALET)],
                    "maand": x_label(x),
                    "label_x": 40 + n * stap + (len(reeksen) * 18) // 2,
                    "label": f"{x[5:]}-{x[2:4]}" if x_dim == "maand" else x_label(x)[:10],
                    "eerste": k == 0,
                }
            )
    legenda = (
        [{"naam": r_label(r), "kleur": PALET[k % len(PALET)]} for k, r in enumerate(reeksen)]
        if reeks_dim
        else []
    )
    return {
        "staven": staven,
        "breedte": 60 + stap * len(xs),
        "x": DIMENSIES.get(x_dim, x_dim).lower(),
        "reeks": DIMENSIES.get(reeks_dim, reeks_dim).lower() if reeks_dim else "",
        "legenda": legenda,
    }


def _tabs(actief: str) -> list[dict]:
    """One tab per report."""
    return [
        {"naam": naam, "titel": titel, "url": reverse("ui:rapportage", args=[naam]), "actief": naam == actief}
        for naam, titel in TITELS.items()
    ]


@never_cache
@require_GET
@pagina("rapportage:lezen")
def rapport(request, actor, rapport: str):
    if rapport not in TITELS:
        return niet_gevonden(request)
    formaat = request.GET.get("formaat", "")
    if formaat not in ("", "csv", "pdf"):
        return niet_gevonden(request)
    data = _gegevens(request)
    data.pop("formaat", None)
    form = RapportFormulier(rapport, data or None)
    gelezen = None
    if form.is_valid() or not data:
        d = form.cleaned_data if data else {}
        groepering = list(d.get("groepering") or STANDAARD[rapport])
        try:
            gelezen = selectors.lees(
                actor,
                rapport,
                vanaf=d.get("vanaf"),
                tot=d.get("tot"),
                groepering=groepering,
                actie="rapportage.geexporteerd" if formaat else "rapportage.ingezien",
            )
        except DomainError as exc:
            form.add_error(None, exc.detail)
    if gelezen is not None and formaat == "csv":
        return _csv(gelezen)
    if gelezen is not None and formaat == "pdf":
        return _pdf(gelezen)
    query = request.GET.copy()
    query.pop("formaat", None)
    basis = query.urlencode() + "&" if query else ""
    if gelezen is not None:
        eerste = gelezen.dimensies[0]
        subtotalen = {
            "dimensie": DIMENSIES[eerste],
            "waarden": [(label(rapport, eerste, w), n) for w, n in gelezen.subtotalen(eerste).items()],
        }
    else:
        subtotalen = {}
    return render(
        request,
        "ui/rapportage/rapport.html",
        {
            "naam": rapport,
            "titel": TITELS[rapport],
            "uitleg": UITLEG[rapport],
            "tabs": _tabs(rapport),
            "form": form,
            "rapport": gelezen,
            "koppen": [DIMENSIES[d] for d in gelezen.dimensies] if gelezen else [],
            "rijen": [{"waarden": _labels(gelezen, c.dimensies), "cel": c} for c in gelezen.cellen]
            if gelezen
            else [],
            "grafiek": _grafiek(gelezen) if gelezen and gelezen.cellen else None,
            "subtotalen": subtotalen,
            "min_cel": settings.REPORTS_MIN_CELL,
            "ingekort": INGEKORT if gelezen is not None and gelezen.ingekort else "",
            "csv_query": basis + "formaat=csv",
            "pdf_query": basis + "formaat=pdf",
        },
        status=400 if form.errors else 200,
    )


def verwijsindex(request, **kwargs):
    """The VI page under its own URL name (`ui:rapportage_verwijsindex`, the menu's entry)."""
    return rapport(request, rapport="verwijsindex")


def _bestandsnaam(gelezen: selectors.Rapport, extensie: str) -> str:
    """The report and its months (RP-03: whole months that are over), e.g. `…-2025-11-2026-10.csv`."""
    vanaf, tot = gelezen.periode
    return f"rapportage-{gelezen.rapport}-{vanaf:%Y-%m}-{tot:%Y-%m}.{extensie}"


def _csv(gelezen: selectors.Rapport) -> HttpResponse:
    """One row per cell; a suppressed cell has an empty count and `onderdrukt` = ja (RP-03). Codes, not
    labels, as the API: the CSV is for further processing; the file name gives the months."""
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=";")
    schrijver.writerow([*gelezen.dimensies, "aantal", "onderdrukt"])
    for c in gelezen.cellen:
        schrijver.writerow(
            [*c.dimensies, "" if c.aantal is None else c.aantal, "ja" if c.onderdrukt else "nee"]
        )
    schrijver.writerow(["totaal", *[""] * (len(gelezen.dimensies) - 1), gelezen.totaal, ""])
    antwoord = HttpResponse(uit.getvalue(), content_type="text/csv; charset=utf-8")
    antwoord["Content-Disposition"] = f'attachment; filename="{_bestandsnaam(gelezen, "csv")}"'
    return antwoord


def _pdf(gelezen: selectors.Rapport) -> HttpResponse:
    """The report as a PDF with ReportLab, as `rechten/pdf.py` makes the inzage answer: a title, the
    period, the table with "<5" for suppressed cells, and the total of published cells (RP-03)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    stijlen = getSampleStyleSheet()
    min_cel = settings.REPORTS_MIN_CELL

    def p(tekst, stijl=stijlen["BodyText"]):
        return Paragraph(escape(str(tekst)), stijl)

    buf = io.BytesIO()
    titel = f"Rapportage {TITELS[gelezen.rapport].lower()}"
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        title=titel,
        author="zorgvuldig",
        lang="nl-NL",
    )
    vanaf, tot = gelezen.periode
    deel: list = [
        p(titel, stijlen["Title"]),
        p(UITLEG[gelezen.rapport]),
        p(
            f"Periode {vanaf.isoformat()} tot en met {tot.isoformat()}: hele kalendermaanden die voorbij "
            f"zijn, geteld per maand (RP-03). Gemaakt op {today().isoformat()}."
            + (f" {INGEKORT}" if gelezen.ingekort else "")
        ),
        p(
            f"Alleen aantallen, nooit personen (RP-02). Aantallen van 1 tot en met {min_cel - 1} staan er "
            f"als “<{min_cel}”; soms is ook een tweede cel verborgen. Het totaal telt alleen de getoonde "
            "cellen (RP-03)."
        ),
    ]
    kop = [*(DIMENSIES[d] for d in gelezen.dimensies), "Aantal"]
    rijen = [
        [*_labels(gelezen, c.dimensies), f"<{min_cel}" if c.onderdrukt else str(c.aantal)]
        for c in gelezen.cellen
    ]
    rijen.append(["Totaal (getoonde cellen)", *[""] * (len(gelezen.dimensies) - 1), str(gelezen.totaal)])
    # Cells as plain strings: one text run each, so "<5" stays one piece in the PDF
    tabel = Table([[p(k) for k in kop], *rijen], repeatRows=1, hAlign="LEFT")
    tabel.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef4")),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    deel.append(tabel)
    doc.build(deel)
    antwoord = HttpResponse(buf.getvalue(), content_type="application/pdf")
    antwoord["Content-Disposition"] = f'attachment; filename="{_bestandsnaam(gelezen, "pdf")}"'
    return antwoord


# Wanted in ui/urls.py: `*views_rapportage.URLS` (the VI page keeps its own path and name too).
URLS = [path("rapportage/<slug:rapport>", rapport, name="rapportage")]
