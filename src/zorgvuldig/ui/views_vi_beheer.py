"""The VI-beheerder's and FG's verwijsindex page (SPEC §2 roles, VI-21, VI-25): technical status
without subject data, the exit list, and the archive look-up for one youth and one request."""

from __future__ import annotations

from django import forms
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from zorgvuldig.core.errors import DomainError
from zorgvuldig.ui.forms import BSN_INVOER
from zorgvuldig.ui.toegang import pagina
from zorgvuldig.verwijsindex import selectors, services

BEHEER_SCOPE = "vi:beheren|vi:archief"


class ArchiefFormulier(forms.Form):
    bsn = forms.CharField(label="BSN van de jongere", max_length=11, min_length=8, widget=BSN_INVOER)
    verzoek = forms.CharField(
        label="Verzoek",
        max_length=300,
        help_text="Het inzage- of verzetverzoek waarvoor u zoekt (kenmerk of adres). Het zoeken wordt met "
        "dit verzoek vastgelegd.",
    )


@require_http_methods(["GET", "POST"])
@pagina(BEHEER_SCOPE)
def beheer(request, actor):
    form = ArchiefFormulier(request.POST or None) if actor.heeft("vi:archief") else None
    resultaten = None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            resultaten = services.zoek_in_archief(
                actor=actor, bsn=form.cleaned_data["bsn"], verzoek=form.cleaned_data["verzoek"]
            )
        except DomainError as exc:
            form.add_error("bsn" if exc.code.startswith("E_PE_BSN") else None, exc.detail)
    technisch = actor.heeft("vi:beheren")
    signalen = selectors.technisch_signalen() if technisch else []
    per_organisatie: dict[str, dict[str, int]] = {}
    for s in signalen:
        rij = per_organisatie.setdefault(s["organisatie"], {"actief": 0, "in_match": 0})
        rij["actief"] += 1
        rij["in_match"] += int(s["inMatch"])
    return render(
        request,
        "ui/vi/beheer.html",
        {
            "technisch": technisch,
            "per_organisatie": sorted(per_organisatie.items()),
            "matches": selectors.technisch_matches() if technisch else [],
            "uittredingen": selectors.uittredingen() if technisch else [],
            "form": form,
            "resultaten": resultaten,
        },
        status=400 if form is not None and form.errors else 200,
    )
