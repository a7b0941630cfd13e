"""Test helpers for sharing decisions: a Veilig Thuis, a complete G5 share (E5), a written consent (G1)."""

from __future__ import annotations

import datetime as dt

from zorgvuldig.dossiers.tests import hulp as dossierhulp
from zorgvuldig.organisaties.models import Organisatie

T = "http://testserver"


def veilig_thuis(regio) -> Organisatie:
    org, _ = Organisatie.objects.get_or_create(
        code="veilig-thuis-zh",
        defaults={
            "verwerkingsverantwoordelijke": regio.gemeente,
            "naam": "Veilig Thuis Zuid-Holland",
            "type": "veilig_thuis",
            "bestuursorgaan": True,
        },
    )
    return org


def g5_aan_vt(regio, casus, **over) -> dict:
    """E5: Veilig Thuis investigates a report and asks; the worker answers under G5 (statutory duty)."""
    vt = veilig_thuis(regio)
    body = {
        "dossier": f"{T}/api/v1/dossiers/{casus.dossier.uuid}",
        "richting": "verstrekken",
        "ontvanger": {
            "organisatie": f"{T}/api/v1/organisaties/{vt.uuid}",
            "naam": "Team onderzoek",
            "type": "veilig_thuis",
        },
        "verzoekContext": "Onderzoek naar een melding van huiselijk geweld in het gezin.",
        "klasse": "c",
        "grond": "g5_wettelijke_plicht",
        "gegevens": [{"omschrijving": "Waarneming huisbezoek", "item": str(casus.feit.uuid)}],
        "wettelijkePlicht": {"ontvanger": "veilig_thuis", "bepaling": "Wmo 2015 art. 5.2.6"},
        "stappen": {
            "doel": {"verwerkingsactiviteit": "gegevensdeling"},
            "grondslag": {"eigen": "c", "ontvanger": "c"},
            "noodzaak": {
                "onderbouwing": "Veilig Thuis heeft de waarneming nodig voor het onderzoek.",
                "vanClient": False,
                "anoniemVolstaat": False,
                "datGegevenVolstaat": False,
            },
            "beroepsgeheim": True,
            "informeren": {"moment": "uitgesteld", "grond": "veiligheid"},
            "rechten": {"eigenVerklaringenMee": True, "geenVerborgenItems": True},
        },
    }
    body.update(over)
    return body


def toestemming_body(regio, casus, vt, **over) -> dict:
    """A written consent (kind 2, secrecy release) by Lisa (14) and her mother, naming Veilig Thuis."""
    vandaag = dt.date.today().isoformat()
    body = {
        "betrokkene": f"{T}/api/v1/personen/{casus.lisa.uuid}",
        "dossier": f"{T}/api/v1/dossiers/{casus.dossier.uuid}",
        "soort": "doorbreking_beroepsgeheim",
        "status": "gegeven",
        "gevers": [
            {"persoon": f"{T}/api/v1/personen/{casus.lisa.uuid}", "hoedanigheid": "zelf"},
            {"persoon": f"{T}/api/v1/personen/{casus.moeder.uuid}", "hoedanigheid": "ouder_met_gezag"},
        ],
        "jongereGehoord": {"datum": vandaag, "mening": "Vindt het goed."},
        "doel": "gegevensdeling",
        "ontvangers": [{"organisatie": f"{T}/api/v1/organisaties/{vt.uuid}"}],
        "gegevenscategorieen": ["schoolgegevens"],
        "inhoud": "Verzuimgegevens van dit schooljaar",
        "waaromNodig": "Zodat Veilig Thuis de situatie thuis kan beoordelen.",
        "vorm": "schriftelijk",
        "uitdrukkelijk": True,
        "informatieGegeven": {"datum": vandaag, "onderwerpen": ["doel", "ontvanger", "gegevens"]},
        "belangBevestigd": True,
        "afhankelijkheidReden": "Alleen voor deze verstrekking; weigeren heeft geen gevolgen voor de hulp.",
        "datum": vandaag,
    }
    body.update(over)
    return body


def casus_met_moeder(regio):
    """Lisa (14) with her mother who has authority, in one dossier."""
    from zorgvuldig.personen.services import registreer_relatie

    casus = dossierhulp.Casus(regio)
    casus.moeder = dossierhulp.client(regio, voornamen="Sanne", geboortedatum=dt.date(1985, 2, 1))
    registreer_relatie(
        actor=regio.actor(regio.medewerker),
        persoon_uuid=casus.lisa.uuid,
        ander_uuid=casus.moeder.uuid,
        data={"soort": "ouder_met_gezag"},
    )
    return casus
