"""The one scopes registry (DESIGN §5.3, API §1.4). Every API action declares one of these."""

from __future__ import annotations

from zorgvuldig.toegang import policies

SCOPES: dict[str, str] = {
    "organisatie:beheren": "Verwerkingsverantwoordelijken en organisaties beheren",
    "gebruiker:beheren": "Gebruikers en teams beheren",
    "token:beheren": "API-sleutels van partnersystemen beheren",
    "configuratie:beheren": "Regionale instellingen en profielen beheren",
    "overlegtype:beheren": "Typen casusoverleg beheren",
    "persoon:inzien": "Personen inzien waarvoor u toegang heeft",
    "persoon:bewerken": "Personen registreren en bijwerken",
    "dossier:inzien": "Dossiers inzien waarvoor u toegang heeft",
    "dossier:bewerken": "Dossiers bijwerken",
    "dossier:autoriseren": "Toegang tot dossiers en secties verlenen; wilsonbekwaamheid vaststellen",
    "toestemming:registreren": "Toestemmingen registreren",
    "deelbesluit:nemen": "Deelbesluiten nemen ('mag ik delen?')",
    "deelbesluit:goedkeuren": "Uitstel van informeren goedkeuren; geconsulteerd worden",
    "verstrekking:inzien": "Het verstrekkingenregister inzien",
    "verzoek:registreren": "Verzoeken van betrokkenen registreren",
    "verzoek:besluiten": "Besluiten op verzoeken van betrokkenen (met mandaat)",
    "casusoverleg:deelnemen": "Deelnemen aan casusoverleg",
    "casusoverleg:regisseren": "Casusoverleg regisseren",
    "signaal:registreren": "Signalen in de verwijsindex afgeven (gemandateerd)",
    "signaal:beheren": "Signalen van de eigen organisatie beheren",
    "match:behandelen": "Matches in de verwijsindex behandelen",
    "vi:beheren": "Technisch beheer van de verwijsindex",
    "vi:archief": "Archief van de verwijsindex raadplegen (inzage en verzet)",
    "bewaartermijn:verlengen": "Bewaartermijnen verlengen",
    "bewaartermijn:inzien": "Bewaartermijnen en vernietigingsbewijzen inzien",
    "bewaartermijn:blokkeren": "Vernietiging blokkeren (bewaarplicht)",
    "vernietigingslijst:goedkeuren": "Vernietigingslijsten goedkeuren",
    "toegang:lezen": "Verleende toegangen inzien",
    "toegang:verlenen": "Toegang verlenen en intrekken",
    "audit:lezen": "Het logboek dataverwerkingen doorzoeken",
    "register:lezen": "Registers (verwerkingen, DPIA's, datalekken) inzien",
    "register:beheren": "Registers bijhouden",
    "convenant:beheren": "Convenanten en toetredingen beheren",
    "rapportage:lezen": "Geanonimiseerde rapportages inzien",
    "export:goedkeuren": "Monitoringexports goedkeuren",
    "client:eigen": "Eigen gegevens (cliëntportaal)",
}

assert set(policies.ALLE_SCOPES) == set(SCOPES), "policies.ROL_SCOPES and SCOPES disagree"


def scopes_voor_rollen(rollen, gebruiker=None, op=None) -> frozenset[str]:
    from zorgvuldig.core.clock import today

    mandaten = gebruiker.actieve_mandaten(op or today()) if gebruiker is not None and gebruiker.pk else set()
    return policies.scopes_voor(frozenset(rollen), frozenset(mandaten))
