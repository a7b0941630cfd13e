"""Anonymised reports in the UI (VI-18, RP-02, RP-03): the same selector as the API, as a table, a bar
chart (server-rendered SVG: no script, CSP-strict) and a CSV download. Suppressed cells show as "<5"."""

from __future__ import annotations

import csv
import datetime as dt
import io

from django import forms
from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from zorgvuldig.core.errors import DomainError
from zorgvuldig.rapportages import policies, selectors
from zorgvuldig.ui.toegang import pagina

GROEPERINGEN = [
    ("soort,maand", "Per maand"),
    ("soort,organisatie", "Per organisatie"),
    ("soort,organisatie,maand", "Per organisatie en maand"),
]


class RapportFormulier(forms.Form):
    vanaf = forms.DateField(
        label="Vanaf", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    tot = forms.DateField(
        label="Tot en met", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    groepering = forms.ChoiceField(label="Indeling", choices=GROEPERINGEN, required=False)


def _grafiek(rapport: selectors.Rapport) -> list[dict]:
    """Bars per month for signals and matches: sums of published cells only (RP-03 rule 3)."""
    if "maand" not in rapport.dimensies:
        return []
    i_soort, i_maand = rapport.dimensies.index("soort"), rapport.dimensies.index("maand")
    per: dict[tuple[str, str], int] = {}
    for c in rapport.cellen:
        if c.aantal is not None:
            sleutel = (c.dimensies[i_maand], c.dimensies[i_soort])
            per[sleutel] = per.get(sleutel, 0) + c.aantal
    maanden = sorted({c.dimensies[i_maand] for c in rapport.cellen})
    hoogste = max(per.values(), default=0) or 1
    staven = []
    for n, maand in enumerate(maanden):
        for k, soort in enumerate(("signalen", "matches")):
            waarde = per.get((maand, soort), 0)
            hoogte = round(150 * waarde / hoogste)
            staven.append(
                {
                    "x": 40 + n * 44 + k * 18,
                    "y": 170 - hoogte,
                    "hoogte": hoogte,
                    "waarde": waarde,
                    "soort": soort,
                    "maand": maand,
                    "label_x": 40 + n * 44 + 16,
                    "label": f"{maand[5:]}-{maand[2:4]}",  # 11-26: month and year
                    "eerste": k == 0,
                }
            )
    return staven


@require_GET
@pagina("rapportage:lezen")
def verwijsindex(request, actor):
    form = RapportFormulier(request.GET or None)
    rapport = None
    if form.is_valid() or not request.GET:
        d = form.cleaned_data if request.GET else {}
        groepering = (d.get("groepering") or "soort,maand").split(",")
        try:
            rapport = selectors.verwijsindex(
                actor, vanaf=d.get("vanaf"), tot=d.get("tot"), groepering=groepering
            )
        except DomainError as exc:
            form.add_error(None, exc.detail)
    if rapport is not None and request.GET.get("formaat") == "csv":
        return _csv(rapport)
    subtotalen = policies.subtotalen(rapport.cellen, 0) if rapport else {}
    return render(
        request,
        "ui/rapportage/verwijsindex.html",
        {
            "form": form,
            "rapport": rapport,
            "rijen": [
                dict(zip(rapport.dimensies, c.dimensies, strict=True)) | {"cel": c} for c in rapport.cellen
            ]
            if rapport
            else [],
            "staven": (staven := _grafiek(rapport) if rapport else []),
            "breedte": 60 + 44 * (len(staven) // 2),
            "subtotalen": subtotalen,
            "min_cel": settings.REPORTS_MIN_CELL,
            "csv_query": (request.GET.urlencode() + "&" if request.GET else "") + "formaat=csv",
        },
        status=400 if form.errors else 200,
    )


def _csv(rapport: selectors.Rapport) -> HttpResponse:
    """One row per cell; a suppressed cell has an empty count and `onderdrukt` = ja (RP-03)."""
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=";")
    schrijver.writerow([*rapport.dimensies, "aantal", "onderdrukt"])
    for c in rapport.cellen:
        schrijver.writerow(
            [*c.dimensies, "" if c.aantal is None else c.aantal, "ja" if c.onderdrukt else "nee"]
        )
    schrijver.writerow(["totaal", *[""] * (len(rapport.dimensies) - 1), rapport.totaal, ""])
    antwoord = HttpResponse(uit.getvalue(), content_type="text/csv; charset=utf-8")
    naam = f"verwijsindex-{dt.date.today().isoformat()}.csv"
    antwoord["Content-Disposition"] = f'attachment; filename="{naam}"'
    return antwoord
