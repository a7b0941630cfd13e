"""The fictional demo region (SPEC E1–E8 names; example.org addresses; test BSNs only)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from zorgvuldig.core.context import Actor
from zorgvuldig.organisaties.models import Gebruiker, Mandaat, Organisatie, Team, Verwerkingsverantwoordelijke

WACHTWOORD = "demo-wachtwoord-2026"

ORGANISATIES = [
    # code, naam, controller code, controller naam, type, bestuursorgaan
    (
        "wijkteam-krimpen",
        "Wijkteam Krimpen",
        "gemeente-krimpen",
        "College van B en W Krimpen (demo)",
        "gemeentelijk_team",
        True,
    ),
    ("osg-het-baken", "OSG Het Baken", "het-baken", "Stichting OSG Het Baken (demo)", "school", False),
    (
        "jeugdhulp-rijnmond",
        "Jeugdhulp Rijnmond",
        "jeugdhulp-rijnmond",
        "Stichting Jeugdhulp Rijnmond (demo)",
        "jeugdhulp",
        False,
    ),
    ("ggd-zhz", "GGD Zuid-Holland Zuid", "ggd-zhz", "GGD Zuid-Holland Zuid (demo)", "wgbo_zorg", True),
    ("politie-eenheid", "Politie Eenheid Rotterdam", "politie", "Korpschef (demo)", "politie_om", True),
    (
        "veilig-thuis",
        "Veilig Thuis Rotterdam-Rijnmond",
        "veilig-thuis",
        "Veilig Thuis (demo)",
        "veilig_thuis",
        True,
    ),
]

GEBRUIKERS = [
    # email, naam, organisatie, functie, rollen, mandaten
    (
        "fatima@krimpen.example.org",
        "Fatima El Amrani",
        "wijkteam-krimpen",
        "Jeugdcoach",
        ["medewerker"],
        ["vi_signaleren"],
    ),
    (
        "marieke@krimpen.example.org",
        "Marieke Bakker",
        "wijkteam-krimpen",
        "Teamleider",
        ["leidinggevende"],
        ["verzoeken_besluiten"],
    ),
    (
        "beheer@krimpen.example.org",
        "Bas Beheer",
        "wijkteam-krimpen",
        "Applicatiebeheerder",
        ["beheerder"],
        [],
    ),
    (
        "fg@krimpen.example.org",
        "Anne Jansen",
        "wijkteam-krimpen",
        "Functionaris gegevensbescherming",
        ["fg"],
        [],
    ),
    ("vi@krimpen.example.org", "Vera Index", "wijkteam-krimpen", "VI-beheerder", ["vi_beheerder"], []),
    ("audit@krimpen.example.org", "Ids Controle", "wijkteam-krimpen", "Interne controle", ["auditor"], []),
    (
        "jan@hetbaken.example.org",
        "Jan de Vries",
        "osg-het-baken",
        "Mentor",
        ["medewerker"],
        ["vi_signaleren"],
    ),
    (
        "zorg@jeugdhulp.example.org",
        "Sanne Visser",
        "jeugdhulp-rijnmond",
        "Gedragswetenschapper",
        ["medewerker"],
        ["vi_signaleren"],
    ),
]


@transaction.atomic
def bouw_demo() -> list[dict]:
    """Create the demo region (idempotent); return the log-ins to print."""
    orgs = {}
    for code, naam, vv_code, vv_naam, soort, bestuur in ORGANISATIES:
        vv, _ = Verwerkingsverantwoordelijke.objects.get_or_create(
            code=vv_code,
            defaults={"naam": vv_naam, "fg_naam": "FG (demo)", "fg_email": f"fg@{vv_code}.example.org"},
        )
        orgs[code], _ = Organisatie.objects.get_or_create(
            code=code,
            defaults={
                "naam": naam,
                "verwerkingsverantwoordelijke": vv,
                "type": soort,
                "bestuursorgaan": bestuur,
            },
        )
    team, _ = Team.objects.get_or_create(
        code="wijkteam-oost", defaults={"organisatie": orgs["wijkteam-krimpen"], "naam": "Wijkteam Oost"}
    )
    logins = []
    for email, naam, org, functie, rollen, mandaten in GEBRUIKERS:
        user = Gebruiker.objects.filter(email=email).first()
        if user is None:
            user = Gebruiker.objects.create_user(
                email=email,
                password=WACHTWOORD,
                naam=naam,
                organisatie=orgs[org],
                functie=functie,
                rollen=rollen,
                geheimhoudingsverklaring_op=dt.date(2026, 1, 1),
                geheimhoudingsverklaring_versie="demo-1",
            )
            if org == "wijkteam-krimpen" and rollen[0] in {"medewerker", "leidinggevende"}:
                user.teams.add(team)
            for soort in mandaten:
                Mandaat.objects.create(gebruiker=user, soort=soort, vanaf=dt.date(2026, 1, 1))
        logins.append({"email": email, "wachtwoord": WACHTWOORD, "rollen": rollen, "organisatie": org})
    _personen(Gebruiker.objects.get(email="fatima@krimpen.example.org"))
    return logins


def _personen(fatima) -> None:
    from zorgvuldig.personen.models import Persoon
    from zorgvuldig.personen.services import registreer_persoon, registreer_relatie

    if Persoon.objects.exists():
        return
    actor = Actor.voor(fatima)
    sam = registreer_persoon(
        actor=actor,
        data={
            "bsn": "999993653",
            "voornamen": "Sam",
            "geslachtsnaam": "Jansen",
            "geboortedatum": dt.date(2011, 9, 20),
            "geslacht": "man",
            "adres_straat": "Voorbeeldstraat",
            "adres_huisnummer": "12",
            "adres_postcode": "2921AA",
            "adres_woonplaats": "Krimpen aan den IJssel",
        },
    )
    moeder = registreer_persoon(
        actor=actor,
        data={
            "bsn": "999990019",
            "voornamen": "Ingrid",
            "geslachtsnaam": "Jansen",
            "geboortedatum": dt.date(1982, 3, 14),
            "geslacht": "vrouw",
            "relevantie": "Moeder met gezag van Sam",
        },
    )
    registreer_relatie(
        actor=actor,
        persoon_uuid=sam.uuid,
        ander_uuid=moeder.uuid,
        data={"soort": "ouder_met_gezag", "bewijs": "Gezagsregister (demo)"},
    )
    registreer_persoon(
        actor=actor,
        data={
            "voornamen": "Kees",
            "geslachtsnaam": "de Zwerver",
            "bsn_ontbreekt_reden": "Dakloos; identificatie zou hulp in de weg staan (PE-01, voorbeeld E8)",
            "geheim_adres": False,
        },
    )
