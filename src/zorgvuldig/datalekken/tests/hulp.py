"""Test helpers for the data-breach register (RG-03): a breach recorded by the FG and a small history of
a colleague's work (person records read and data provided), written through the real services."""

from __future__ import annotations

import datetime as dt

from zorgvuldig.core.clock import now, today
from zorgvuldig.datalekken import services

D = "/api/v1/datalekken"


def datalek(regio, **data):
    basis = {
        "ontdekt_op": now() - dt.timedelta(hours=1),
        "omschrijving": "Laptop van een medewerker gestolen uit de auto.",
        "gegevens": "Namen en adressen van cliënten",
        "betrokkenen": "Cliënten van wijkteam Oost",
    }
    basis.update(data)
    return services.registreer(actor=regio.actor(regio.fg), data=basis)


def regeling(regio):
    """The wijkteam joined an active convenant whose joint-controller arrangement has the school's controller
    notify breaches in the verwijsindex (not in the casusoverleg): RG-05."""
    from zorgvuldig.convenanten.models import Convenant, Toetreding

    c = Convenant.objects.create(
        code="vi-krimpen",
        naam="Convenant verwijsindex Krimpen",
        status="actief",
        gv_modules=["verwijsindex"],
        gv_melder_datalekken=regio.school_vv,
    )
    Toetreding.objects.create(convenant=c, organisatie=regio.wijkteam, datum=dt.date(2020, 1, 1))
    return c


class Geschiedenis:
    """Fatima registers Lisa and Daan and reads Lisa's record; she provides Lisa's data to the school.
    Pieter (a colleague) registers Sem. A provision of Sem's data to the school by Pieter too."""

    def __init__(self, regio):
        from zorgvuldig.dossiers.tests import hulp
        from zorgvuldig.personen.selectors import lees_persoon
        from zorgvuldig.verstrekkingen.services import registreer_verstrekking

        fatima = regio.actor(regio.medewerker)
        self.lisa = hulp.client(regio)
        self.daan = hulp.client(regio, voornamen="Daan", geboortedatum=dt.date(2014, 2, 2))
        lees_persoon(fatima, self.lisa.uuid)
        self.verstrekking = registreer_verstrekking(
            actor=fatima,
            persoon=self.lisa,
            bron="deelbesluit",
            herkomst="deelbesluit:test",
            datum=today(),
            gegevens=["schoolgegevens"],
            doel="gegevensdeling",
            grond="g1_toestemming",
            ontvanger_organisatie=regio.school,
        )
        pieter = regio.actor(regio.collega)
        self.sem = hulp.client(regio, regio.collega, voornamen="Sem", geslachtsnaam="Bakker")
        self.verstrekking_sem = registreer_verstrekking(
            actor=pieter,
            persoon=self.sem,
            bron="deelbesluit",
            herkomst="deelbesluit:test2",
            datum=today(),
            gegevens=["verzuim"],
            doel="gegevensdeling",
            grond="g1_toestemming",
            ontvanger_organisatie=regio.school,
        )


def vreemd_datalek(regio):
    """A breach in another controller's register (the school's), written directly: that controller has
    no FG in the fixture."""
    from zorgvuldig.conftest import als_systeem
    from zorgvuldig.core import crypto
    from zorgvuldig.datalekken.models import Datalek

    als_systeem()
    rij = Datalek(
        verwerkingsverantwoordelijke=regio.school_vv,
        organisatie=regio.school,
        melder=regio.school_vv,
        aangemaakt_door=regio.school_lg,
        status="ontdekt",
        ontdekt_op=now() - dt.timedelta(hours=2),
    )
    rij.inhoud_versleuteld = crypto.versleutel(
        rij, "inhoud", {"omschrijving": "Lijst met leerlingen gemaild."}
    )
    rij.save()
    return rij
