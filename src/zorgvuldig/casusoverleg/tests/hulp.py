"""Test helpers for case tables: the parties of SPEC example E6 around a Local PGA for Tom (17)."""

from __future__ import annotations

import datetime as dt

from zorgvuldig.casusoverleg import services
from zorgvuldig.conftest import BSN_SAM, maak_gebruiker
from zorgvuldig.convenanten.models import INHOUD_VELDEN, Convenant, Toetreding
from zorgvuldig.core import tenancy
from zorgvuldig.organisaties.models import Organisatie, Verwerkingsverantwoordelijke
from zorgvuldig.personen.services import registreer_persoon

T = "http://testserver"
BSN_TOM = BSN_SAM


def tom(regio, gebruiker, geboortedatum=None):
    vandaag = dt.date.today()
    return registreer_persoon(
        actor=regio.actor(gebruiker),
        data={
            "bsn": BSN_TOM,
            "geslachtsnaam": "Kramer",
            "voornamen": "Tom",
            "geboortedatum": geboortedatum or vandaag.replace(year=vandaag.year - 17) - dt.timedelta(days=30),
        },
    )


class Tafel:
    """The wijkteam hosts a Local PGA (Fatima is procesregisseur); police, youth care, the attendance
    officer and an addiction service are partners under one convenant; the FG approved the basis."""

    def __init__(self, regio, *, soort="lokaal_pga", minimumleeftijd=12, toestemmingsmodus="required"):
        self.regio = regio
        self.politie = self._org("politie-krimpen", "Politie Krimpen", "politie_om", "Nationale Politie")
        self.jeugdzorg = self._org(
            "jeugdzorg-krimpen", "Jeugdzorg Krimpen", "jeugdhulp", "Stichting Jeugdzorg"
        )
        self.leerplicht = self._org("leerplicht-krimpen", "Leerplicht Krimpen", "overig", None)
        self.verslaving = self._org("verslavingszorg", "Verslavingszorg Zuid", "wgbo_zorg", "Stichting VZ")
        self.agent = maak_gebruiker(
            self.politie, "wijkagent@politie.example.org", ["medewerker"], naam="Wijkagent Smit"
        )
        self.jeugdwerker = maak_gebruiker(
            self.jeugdzorg, "coach@jeugdzorg.example.org", ["medewerker"], naam="Coach Yilmaz"
        )
        self.jeugdwerker.registratie_register = "SKJ"
        self.jeugdwerker.registratie_nummer = "100012345"
        self.jeugdwerker.save()
        self.leerplichtambtenaar = maak_gebruiker(
            self.leerplicht, "leerplicht@krimpen.example.org", ["medewerker"], naam="Leerplicht Bos"
        )
        self.expert = maak_gebruiker(
            self.verslaving, "expert@vz.example.org", ["medewerker"], naam="Expert de Wit"
        )
        self.buitenstaander = regio.leraar  # a professional of an organisation that is not at this table
        self.convenant = Convenant.objects.create(
            code="pga-krimpen",
            naam="Convenant PGA Krimpen",
            status="actief",
            **dict.fromkeys(INHOUD_VELDEN.values(), "Ingevuld."),
        )
        for org in (regio.wijkteam, self.politie, self.jeugdzorg, self.leerplicht, self.verslaving):
            Toetreding.objects.create(convenant=self.convenant, organisatie=org, datum=dt.date(2026, 1, 1))
        beheerder = regio.actor(regio.beheerder)
        self.type = services.maak_type(
            actor=beheerder,
            data={
                "naam": "Lokale PGA Krimpen",
                "soort": soort,
                "doel": "Recidive van probleemgedrag voorkomen.",
                "verwerkingsactiviteit": "casusoverleg",
                "grondslag": "e",
                "criteria": ["Twee of meer politieregistraties in 12 maanden", "Sociale of zorgproblemen"],
                "minimumleeftijd": minimumleeftijd,
                "partners": [
                    self._partner(self.politie, "Opsporing en handhaving", "politie", "wpg_art20"),
                    self._partner(self.jeugdzorg, "Jeugdhulp", "zorg", "toestemming"),
                    self._partner(self.leerplicht, "Leerplicht", "overheid", "g4_wettelijke_bevoegdheid"),
                    self._partner(self.verslaving, "Advies verslaving", "zorg", "toestemming"),
                    self._partner(
                        regio.wijkteam, "Regie en ondersteuning", "overheid", "g4_wettelijke_bevoegdheid"
                    ),
                ],
                "convenant": "pga-krimpen",
                "toestemmingsmodus": toestemmingsmodus,
                "bewaartermijn_maanden": 24,
            },
        )
        services.keur_basis_goed(actor=regio.actor(regio.fg), uuid=self.type.uuid)
        services.activeer_type(actor=beheerder, uuid=self.type.uuid)
        self.tom = tom(regio, regio.medewerker)

    def _org(self, code, naam, type_, vv_naam):
        vv = regio_vv = self.regio.gemeente
        if vv_naam:
            regio_vv = Verwerkingsverantwoordelijke.objects.create(code=code + "-vv", naam=vv_naam)
            vv = regio_vv
        return Organisatie.objects.create(verwerkingsverantwoordelijke=vv, code=code, naam=naam, type=type_)

    @staticmethod
    def _partner(org, taak, rol, grond):
        return {"organisatie": str(org.uuid), "taak": taak, "rol": rol, "grond": grond}

    def aanmelding(self, persoon=None, gebruiker=None):
        return services.registreer(
            actor=self.regio.actor(gebruiker or self.regio.medewerker),
            overlegtype_uuid=self.type.uuid,
            persoon_uuid=(persoon or self.tom).uuid,
            vraag="Tom heeft drie politieregistraties en is gestopt met school.",
        )

    def geaccepteerd(self):
        casus = self.aanmelding()
        return services.accepteer(
            actor=self.regio.actor(self.regio.medewerker),
            uuid=casus.uuid,
            criteria_toets=dict.fromkeys(self.type.criteria, True),
            client_geinformeerd=True,
        )

    def nodig_uit(self, casus, org, gebruiker, rol, vraag=""):
        return services.nodig_uit(
            actor=self.regio.actor(self.regio.medewerker),
            uuid=casus.uuid,
            organisatie_uuid=org.uuid,
            gebruiker_uuid=gebruiker.uuid,
            rol=rol,
            reden=f"Nodig voor dit overleg: {org.naam}.",
            vraag=vraag,
        )

    def in_overleg(self):
        """Accepted, four participants invited in triage, scheduled and started."""
        r = self.regio
        casus = self.geaccepteerd()
        fatima = r.actor(r.medewerker)
        services.ga_naar(actor=fatima, uuid=casus.uuid, naar="triage")
        self.d_politie = self.nodig_uit(casus, self.politie, self.agent, "eigen_taak")
        self.d_jeugdzorg = self.nodig_uit(casus, self.jeugdzorg, self.jeugdwerker, "eigen_taak")
        self.d_leerplicht = self.nodig_uit(
            casus, self.leerplicht, self.leerplichtambtenaar, "informant", vraag="Staat Tom nog ingeschreven?"
        )
        self.d_expert = self.nodig_uit(casus, self.verslaving, self.expert, "adviseur")
        services.ga_naar(actor=fatima, uuid=casus.uuid, naar="geagendeerd")
        services.wijzig(
            actor=fatima,
            uuid=casus.uuid,
            data={
                "clientBetrokkenheid": {"wijze": "Tom is uitgenodigd voor het tweede deel.", "redenNiet": ""}
            },
        )
        return services.ga_naar(actor=fatima, uuid=casus.uuid, naar="in_overleg")

    def tom_bij(self, gebruiker):
        """Tom's own person record at `gebruiker`'s organisation (same BSN), made once."""
        bij = self.__dict__.setdefault("_tom_bij", {})
        if gebruiker.organisatie_id not in bij:
            bij[gebruiker.organisatie_id] = tom(self.regio, gebruiker)
        return bij[gebruiker.organisatie_id]

    def toestemming_tom(self):
        """Tom's written consent in youth care's own registry (its own person record, same BSN)."""
        from zorgvuldig.toestemmingen.models import Toestemming

        eigen_tom = self.tom_bij(self.jeugdwerker)
        with tenancy.systeem():
            return Toestemming.objects.create(
                verwerkingsverantwoordelijke_id=self.jeugdzorg.verwerkingsverantwoordelijke_id,
                organisatie=self.jeugdzorg,
                betrokkene=eigen_tom,
                soort="doorbreking_beroepsgeheim",
                status="gegeven",
                gevers=[{"persoon": str(eigen_tom.uuid), "hoedanigheid": "zelf"}],
                doel="casusoverleg",
                ontvangers=[{"naam": "Lokale PGA Krimpen"}],
                gegevenscategorieen=["gezondheid"],
                vorm="schriftelijk",
                uitdrukkelijk=True,
                datum=dt.date.today(),
                vastgelegd_door=self.jeugdwerker,
            )
