"""Test helpers for rights requests: the E3 family and a disclosure entry to be told of corrections."""

from __future__ import annotations

import datetime as dt

from zorgvuldig.conftest import als_systeem
from zorgvuldig.dossiers import services as dossiers
from zorgvuldig.dossiers.tests import hulp
from zorgvuldig.personen.services import registreer_relatie

V = "/api/v1/verzoeken"
VERIFIEER = {"identiteitGecontroleerd": True, "hoedanigheidGecontroleerd": True}


def mandaat(gebruiker) -> str:
    """The user's open-ended written mandate to decide requests (RI-13)."""
    return str(gebruiker.mandaten.get(soort="verzoeken_besluiten", tot__isnull=True).uuid)


def alles_wat_mag(client, url: str) -> dict:
    """The decision that grants an inzage all it may: an item the person keeps from representatives
    (PE-11), which the preview names, is withheld in the child's interest, as RI-02 requires (SPEC E3)."""
    voorbeeld = client.get(f"{url}/overzicht").json()
    vertrouwelijk = [
        u["item"] for u in voorbeeld.get("uitgesloten", []) if u["reden"] == "niet_voor_vertegenwoordigers"
    ]
    if not vertrouwelijk:
        return {"uitkomst": "toegewezen", "redenen": "U krijgt alles."}
    return {
        "uitkomst": "gedeeltelijk",
        "redenen": "Wat uw kind niet met u wil delen, krijgt u niet, in het belang van uw kind.",
        "achtergehouden": [{"item": i, "grond": "belang_kind"} for i in vertrouwelijk],
    }


def beantwoord_volledig(client, url: str, behandelaar) -> None:
    """Take a request through the API as its handler: verified, in review, granted as far as it may be
    (`alles_wat_mag`), executed."""
    assert client.post(f"{url}/_verifieren", VERIFIEER, format="json").status_code == 200
    assert client.post(f"{url}/_beoordelen", {}, format="json").status_code == 200
    r = client.post(
        f"{url}/_besluiten",
        {**alles_wat_mag(client, url), "mandaat": mandaat(behandelaar)},
        format="json",
    )
    assert r.status_code == 200, r.content
    assert client.post(f"{url}/_uitvoeren", {"vorm": "schriftelijk"}, format="json").status_code == 200


def persoon_url(persoon) -> str:
    return f"http://testserver/api/v1/personen/{persoon.uuid}"


class Gezin:
    """E3: Lisa (15) and her brother in a family dossier with their mother, who has authority. Four notes:
    one on Lisa, one Lisa asked to keep from her parents (PE-11), one on her brother only, and one on
    Lisa hidden from the mother for safety (DS-13)."""

    def __init__(self, regio):
        self.regio = regio
        actor = regio.actor(regio.medewerker)
        self.lisa = hulp.client(regio)
        self.broer = hulp.client(regio, voornamen="Daan", geboortedatum=dt.date(2014, 2, 2))
        self.moeder = hulp.client(regio, voornamen="Sanne", geboortedatum=dt.date(1985, 2, 1))
        for kind in (self.lisa, self.broer):
            registreer_relatie(
                actor=actor,
                persoon_uuid=kind.uuid,
                ander_uuid=self.moeder.uuid,
                data={"soort": "ouder_met_gezag"},
            )
        self.dossier = dossiers.registreer_dossier(
            actor=actor,
            soort="gezin",
            team=regio.team,
            leden=[
                (str(self.lisa.uuid), "client"),
                (str(self.broer.uuid), "gezinslid"),
                (str(self.moeder.uuid), "gezinslid"),
            ],
        )
        hulp.gestart(regio, self.dossier)
        self.feit = hulp.notitie(
            regio, self.dossier, tekst="Lisa gaat weer naar school.", betreft=[str(self.lisa.uuid)]
        )
        self.vertrouwelijk = hulp.notitie(
            regio,
            self.dossier,
            soort="mening",
            basis="Gesprek van 3 maart.",
            tekst="Lisa vertelde over haar vriendje.",
            betreft=[str(self.lisa.uuid)],
        )
        dossiers.markeer_niet_voor_vertegenwoordigers(
            actor=actor,
            uuid=self.dossier.uuid,
            notitie_uuid=self.vertrouwelijk.uuid,
            persoon_uuid=self.lisa.uuid,
            reden="Lisa wil niet dat haar moeder dit leest; in haar belang.",
        )
        self.van_broer = hulp.notitie(
            regio, self.dossier, tekst="Daan heeft astma.", betreft=[str(self.broer.uuid)]
        )
        self.verborgen = hulp.notitie(
            regio,
            self.dossier,
            tekst="Lisa is bang voor de vriend van moeder.",
            betreft=[str(self.lisa.uuid)],
        )
        dossiers.verberg(
            actor=actor,
            uuid=self.dossier.uuid,
            notitie_uuid=self.verborgen.uuid,
            persoon_uuid=self.moeder.uuid,
            reden="Veiligheid van Lisa.",
            reviewdatum=dt.date.today() + dt.timedelta(days=60),
        )

    def verzoek(self, client, **over):
        body = {
            "soort": "inzage",
            "betrokkene": {"persoon": persoon_url(self.lisa)},
            "indiener": {"persoon": persoon_url(self.moeder)},
            "hoedanigheid": "wettelijk_vertegenwoordiger",
            "toelichting": "Ik wil weten wat er over mijn dochter staat.",
        }
        body.update(over)
        body = {k: v for k, v in body.items() if v is not None}
        r = client.post(V, body, format="json")
        assert r.status_code == 201, r.content
        return r.json()


def verstrekking(regio, persoon, **over):
    """An entry in the disclosure register: the wijkteam provided the person's data to the school."""
    from zorgvuldig.verstrekkingen.models import Verstrekking

    als_systeem()
    velden = {
        "verwerkingsverantwoordelijke": regio.gemeente,
        "organisatie": regio.wijkteam,
        "bron": "deelbesluit",
        "herkomst": "test",
        "persoon": persoon,
        "ontvanger_organisatie": regio.school,
        "datum": dt.date(2026, 3, 2),
        "gegevens": ["schoolverzuim"],
        "doel": "afstemming",
        "grond": "g1_toestemming",
    }
    velden.update(over)
    return Verstrekking.objects.create(**velden)
