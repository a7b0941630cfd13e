"""The processing-activity catalogue (GP-02, RG-01) and the closed lists it uses.

Every audit entry names one of these activities; a service call without one is refused `E_NO_PURPOSE`.
The FG can add purposes (screen and API); activities are the ones below, which ship with the product and
are kept in sync on every `migrate`.
"""

from __future__ import annotations

import re

GRONDSLAGEN = {
    "a": "Toestemming (AVG art. 6(1)(a))",
    "b": "Overeenkomst (AVG art. 6(1)(b))",
    "c": "Wettelijke verplichting (AVG art. 6(1)(c))",
    "d": "Vitaal belang (AVG art. 6(1)(d))",
    "e": "Publieke taak / openbaar gezag (AVG art. 6(1)(e))",
    "f": "Gerechtvaardigd belang (AVG art. 6(1)(f))",
}

DOELEN = {
    "ondersteuning": "Proactieve, integrale ondersteuning op alle ZRM-domeinen (DS doel a)",
    "plan": "Integraal plan gericht op zelfredzaamheid (DS doel b)",
    "kwaliteit": "Kwaliteitsbeoordeling (DS doel c)",
    "verantwoording": "Beheer, beleid en verantwoording (DS doel d)",
    "signalering": "Signaleren van zorgen over jeugdigen in de verwijsindex",
    "afstemming": "Afstemming tussen hulpverleners en casusoverleg",
    # a share for the recipient's task only (SH-03 class C): the purpose it is provided for, not ours
    "taak_ontvanger": "Voor de taak van de ontvanger",
    "rechten": "Afhandelen van verzoeken van betrokkenen",
    "toezicht": "Toezicht, controle en aantoonbaarheid (AVG art. 5(2))",
    "beheer": "Technisch en functioneel beheer van het platform",
}

# code: (naam, doel, grondslag, bijzondere categorieën, ontvangers, gratis en direct aan minderjarige)
ACTIVITEITEN = {
    "sociaal-domein-ondersteuning": (
        "Ondersteuning door het wijkteam (Jeugdwet, Wmo 2015)",
        "ondersteuning",
        "e",
        True,
        "casusteam; ketenpartners na deelbesluit",
        False,
    ),
    "verwijsindex": (
        "Verwijsindex risicojongeren (Jeugdwet art. 7.1.4)",
        "signalering",
        "e",
        False,
        "gematchte signaleerders",
        False,
    ),
    "casusoverleg": (
        "Multidisciplinair casusoverleg",
        "afstemming",
        "e",
        True,
        "deelnemers volgens toedeling",
        False,
    ),
    "gegevensdeling": (
        "Verstrekken en opvragen van gegevens ('mag ik delen?')",
        "afstemming",
        "e",
        True,
        "ontvangers per deelbesluit",
        False,
    ),
    "rechten-betrokkenen": (
        "Verzoeken van betrokkenen (inzage, correctie, verzet, vernietiging)",
        "rechten",
        "c",
        False,
        "betrokkene en vertegenwoordiger",
        False,
    ),
    "toegangsbeheer": (
        "Beheer van toegangen tot dossiers en gegevens",
        "toezicht",
        "c",
        False,
        "geen",
        False,
    ),
    "verantwoording-toezicht": (
        "Logboek dataverwerkingen en controle door FG en auditor",
        "toezicht",
        "c",
        False,
        "FG, auditor, toezichthouders",
        False,
    ),
    "beheer-platform": (
        "Beheer van organisaties, gebruikers en configuratie",
        "beheer",
        "e",
        False,
        "geen",
        False,
    ),
    "bewaren-vernietigen": (
        "Bewaren en vernietigen volgens bewaartermijnen",
        "verantwoording",
        "c",
        False,
        "geen",
        False,
    ),
    "datalekken": (
        "Registreren, beoordelen en melden van datalekken (AVG art. 33–34)",
        "toezicht",
        "c",
        False,
        "Autoriteit Persoonsgegevens; betrokkenen",
        False,
    ),
    "toegangsbewaking": (
        "Bewaking van toegangspatronen van medewerkers (RP-06)",
        "toezicht",
        "c",
        False,
        "FG",
        False,
    ),
    "monitoringexport": (
        "Gepseudonimiseerde monitoringexports (RP-04, RP-05)",
        "verantwoording",
        "e",
        False,
        "ontvanger volgens de goedgekeurde exportdefinitie",
        False,
    ),
    "rapportage": (
        "Geanonimiseerde managementinformatie",
        "verantwoording",
        "e",
        False,
        "leidinggevende, FG",
        False,
    ),
}

# Public bodies may not rely on legitimate interests (GP-03).
PUBLIEKE_TYPES = {"gemeentelijk_team", "veilig_thuis", "raad_kinderbescherming", "gecertificeerde_instelling"}


# The purposes of the closed list as a client reads them (B1): what we do, in everyday words, without the
# decree's references ("(DS doel a)"), rule IDs or terms such as "ZRM-domeinen" and "integraal"; neutral,
# as a parent reads them about a child too.
DOELEN_CLIENT = {
    "ondersteuning": "Hulp en ondersteuning bij alles wat nodig is, zoals geld, wonen, werk, gezondheid en "
    "gezin",
    "plan": "Samen een plan maken, zodat iemand zich (weer) zelf kan redden",
    "kwaliteit": "Controleren of onze hulp goed is",
    "verantwoording": "Ons werk organiseren en laten zien wat wij doen",
    "signalering": "Laten weten dat hulpverleners zich zorgen maken over een jongere (de verwijsindex)",
    "afstemming": "Afspraken maken tussen hulpverleners, ook in een overleg over de situatie",
    "taak_ontvanger": "Voor het werk van de organisatie die de gegevens kreeg",
    "rechten": "Vragen en verzoeken over gegevens behandelen",
    "toezicht": "Controleren of wij zorgvuldig met gegevens omgaan",
    "beheer": "Het computersysteem goed laten werken",
}


def doel_voor_client(code_of_naam: str) -> str:
    """A purpose as a client reads it (the inzage answer, Mijn gegevens): its client words, or for a purpose
    the FG added its name without references ("(DS doel a)") or rule IDs. Also takes a name already
    resolved — the stored answers of earlier requests hold those — so every answer reads the same."""
    from zorgvuldig.core.teksten import zonder_spec_ids

    if not isinstance(code_of_naam, str):
        return code_of_naam
    code = _DOEL_VAN_NAAM.get(code_of_naam, code_of_naam)
    if code in ACTIVITEITEN:
        code = ACTIVITEITEN[code][1]
    if code in DOELEN_CLIENT:
        return DOELEN_CLIENT[code]
    naam = doel_naam(code_of_naam)
    return zonder_spec_ids(re.sub(r"\s*\(DS doel [a-z]\)$", "", naam)) if isinstance(naam, str) else naam


# A stored answer may hold a purpose's staff name (with or without "(DS doel a)"): back to its code.
_DOEL_VAN_NAAM = {
    **{naam: code for code, naam in DOELEN.items()},
    **{re.sub(r"\s*\(DS doel [a-z]\)$", "", naam): code for code, naam in DOELEN.items()},
    **{naam: code for code, naam in DOELEN_CLIENT.items()},
}


def doel_naam(code: str) -> str:
    """What a stored purpose reads as for people: a purpose of the closed list, or — where a record names
    its processing activity instead (a disclosure's `doel`) — that activity's purpose; else the text as
    recorded (a consent's own free purpose)."""
    if code in DOELEN:
        return DOELEN[code]
    if code in ACTIVITEITEN:
        return DOELEN.get(ACTIVITEITEN[code][1], ACTIVITEITEN[code][0])
    return code
