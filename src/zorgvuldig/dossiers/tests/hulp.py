"""Test helpers for dossiers: a client, an open dossier, a complete DS-02 informing."""

from __future__ import annotations

import datetime as dt

from zorgvuldig.dossiers import services
from zorgvuldig.personen.services import registreer_persoon

ALLE_ONDERWERPEN = ["a", "b", "c", "d", "e", "f", "g"]


def client(regio, gebruiker=None, **data):
    basis = {"geslachtsnaam": "Visser", "voornamen": "Lisa", "geboortedatum": dt.date(2011, 5, 4)}
    basis.update(data)
    basis.setdefault("bsn_ontbreekt_reden", "Nog niet bekend")
    return registreer_persoon(actor=regio.actor(gebruiker or regio.medewerker), data=basis)


def dossier(regio, gebruiker=None, persoon=None, soort="individueel"):
    gebruiker = gebruiker or regio.medewerker
    persoon = persoon or client(regio, gebruiker)
    return services.registreer_dossier(
        actor=regio.actor(gebruiker), soort=soort, team=regio.team, leden=[(str(persoon.uuid), "client")]
    )


def geinformeerd(regio, d, gebruiker=None):
    vandaag = dt.date.today()
    return services.informeer(
        actor=regio.actor(gebruiker or regio.medewerker),
        uuid=d.uuid,
        mondeling_op=vandaag,
        schriftelijk_op=vandaag,
        onderwerpen=ALLE_ONDERWERPEN,
    )


def gestart(regio, d, gebruiker=None):
    geinformeerd(regio, d, gebruiker)
    return services.start(actor=regio.actor(gebruiker or regio.medewerker), uuid=d.uuid)


def notitie(regio, d, gebruiker=None, **data):
    basis = {
        "sectie": "voortgang",
        "soort": "feit",
        "bron": {"soort": "eigen_waarneming"},
        "geverifieerd": True,
        "tekst": "Huisbezoek afgelegd; Lisa was aanwezig.",
    }
    basis.update(data)
    return services.registreer_notitie(
        actor=regio.actor(gebruiker or regio.medewerker), uuid=d.uuid, data=basis
    )


class Casus:
    """A started dossier for Lisa (14) with the wijkteam worker on the case team, one note of each kind
    and a first plan; plus a dossier of another organisation (the school's care team)."""

    def __init__(self, regio):
        from zorgvuldig.organisaties.models import Team

        self.regio = regio
        self.lisa = client(regio)
        self.dossier = dossier(regio, persoon=self.lisa)
        gestart(regio, self.dossier)
        self.feit = notitie(regio, self.dossier)
        self.mening = notitie(
            regio,
            self.dossier,
            soort="mening",
            basis="Gesprekken van 3 en 10 maart.",
            tekst="Lisa lijkt zich terug te trekken.",
        )
        self.plan = services.registreer_plan(
            actor=regio.actor(regio.medewerker),
            uuid=self.dossier.uuid,
            data={"doelen": ["Lisa gaat weer naar school"], "acties": []},
        )
        self.school_team, _ = Team.objects.get_or_create(
            code="zorgteam-baken", defaults={"organisatie": regio.school, "naam": "Zorgteam"}
        )
        regio.leraar.teams.add(self.school_team)
        self.leerling = leerling = client(regio, regio.leraar, geslachtsnaam="Bos")
        self.ander = services.registreer_dossier(
            actor=regio.actor(regio.leraar),
            soort="individueel",
            team=self.school_team,
            leden=[(str(leerling.uuid), "client")],
        )
        zorg = {
            "ontvangen_op": dt.date.today(),
            "kanaal": "telefoon",
            "melder": {"naam": "Buur"},
            "zorg": "Zorgen",
        }
        self.zorgsignaal = services.registreer_zorgsignaal(
            actor=regio.actor(regio.medewerker), team=regio.team, data=zorg
        )
        self.ander_zorgsignaal = services.registreer_zorgsignaal(
            actor=regio.actor(regio.leraar), team=self.school_team, data=zorg
        )
