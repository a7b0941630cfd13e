"""Test helpers for monitoring exports: a recipient organisation, invented clients, definitions."""

from __future__ import annotations

import datetime as dt

from zorgvuldig.conftest import maak_gebruiker
from zorgvuldig.core import tenancy
from zorgvuldig.dossiers.tests import hulp as dhulp
from zorgvuldig.monitoring import services
from zorgvuldig.organisaties.models import Organisatie, Verwerkingsverantwoordelijke

NOODZAAK = "De gemeenteraad vraagt jaarlijks hoe lang trajecten duren per leeftijdsgroep."
AFWEGING = "Alleen pseudoniemen, leeftijdscategorie en maanden; het resultaat weegt op tegen de inbreuk."
MINDER = "Een geaggregeerde rapportage volstaat niet: de doorlooptijd per traject is nodig."
OORDEEL = "Proportioneel: geen namen of data, pseudoniemen per export, alleen wat de raad vraagt."
VELDEN = [
    "dossier.pseudoniem",
    "dossier.leeftijdscategorie",
    "dossier.woonplaats",
    "dossier.status",
    "dossier.startmaand",
    "dossier.zrm",
]

# Invented persons: their identifying values must never appear in an export (RP-04).
PERSONEN = [
    {
        "voornamen": "Zoë Amarantha",
        "geslachtsnaam": "Quirijnsen",
        "geboortedatum": dt.date(2010, 3, 17),
        "bsn": "111222333",
        "adres_straat": "Korenbloemlaan",
        "adres_huisnummer": "481",
        "adres_postcode": "2925 XQ",
        "adres_woonplaats": "Krimpen aan den IJssel",
    },
    {
        "voornamen": "Tobias",
        "geslachtsnaam": "Vleeshouwer",
        "geboortedatum": dt.date(1984, 11, 2),
        "bsn": "123456782",
        "adres_straat": "Zwaluwstaart",
        "adres_huisnummer": "97",
        "adres_postcode": "2922 BW",
        "adres_woonplaats": "Ouderkerk",
        "geheim_adres": True,
    },
]


class Ontvanger:
    """A regional research bureau (a controller of its own) with a manager and an analyst."""

    def __init__(self, regio):
        self.vv = Verwerkingsverantwoordelijke.objects.create(
            code="onderzoek-regio", naam="Stichting Onderzoek Regio"
        )
        self.org = Organisatie.objects.create(
            verwerkingsverantwoordelijke=self.vv,
            code="onderzoek-krimpen",
            naam="Onderzoek en Statistiek Krimpen",
            type="overig",
        )
        self.lg = maak_gebruiker(
            self.org, "onderzoek@krimpen.example.org", ["leidinggevende"], naam="Rik Onderzoek"
        )
        self.medewerker = maak_gebruiker(
            self.org, "analist@krimpen.example.org", ["medewerker"], naam="Ans Analist"
        )


def als(regio, gebruiker):
    actor = regio.actor(gebruiker)
    tenancy.activeer(actor)  # row security, as the API sets it per request
    return actor


def clienten(regio) -> list:
    """The invented persons, each in an open dossier of the wijkteam with one ZRM score."""
    uit = []
    for data in PERSONEN:
        persoon = dhulp.client(regio, **data, bsn_ontbreekt_reden="")
        d = dhulp.dossier(regio, persoon=persoon)
        dhulp.gestart(regio, d)
        from zorgvuldig.dossiers import services as dossiers

        dossiers.registreer_zrm(
            actor=regio.actor(regio.medewerker),
            uuid=d.uuid,
            persoon_uuid=str(persoon.uuid),
            domein="huisvesting",
            niveau=3,
            onderbouwing="Woont tijdelijk bij familie.",
            besproken_met_client=True,
        )
        uit.append((persoon, d))
    return uit


def definitie(regio, ontvanger_org, gebruiker=None, velden=None, **over):
    data = {
        "naam": "Doorlooptijden wijkteam",
        "ontvanger": ontvanger_org,
        "doel": "verantwoording",
        "velden": list(velden or VELDEN),
        "noodzaak": NOODZAAK,
        "afweging": AFWEGING,
        "minder_ingrijpend": MINDER,
    }
    data.update(over)
    return services.maak_definitie(actor=als(regio, gebruiker or regio.leidinggevende), **data)


def goedgekeurd(regio, ontvanger_org, **over):
    d = definitie(regio, ontvanger_org, **over)
    return services.keur_goed(actor=als(regio, regio.fg), uuid=d.uuid, oordeel=OORDEEL)
