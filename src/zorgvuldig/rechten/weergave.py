"""The stored inzage answer (RI-05) made readable — staff pages, Mijn gegevens and the PDF alike.

Dates become dates, codes plain words, and identical acts of one day in "who saw my data" one row with how
often (RI-17); nothing is added or left out. The words are the client's (B1, no rule IDs): an answer stored
before a wording changed reads like a new one (its codes and staff words are translated here).
"""

from __future__ import annotations

import datetime as dt

from zorgvuldig.audit.acties import actie_voor_client
from zorgvuldig.core.teksten import zonder_spec_ids
from zorgvuldig.personen.models import RELATIE_SOORTEN
from zorgvuldig.registers.catalogus import doel_voor_client
from zorgvuldig.registers.datacategorieen import categorie_voor_client
from zorgvuldig.toestemmingen.policies import SOORT_NAMEN, STATUS_NAMEN

# Kinds of dossier items in the client's words (Mijn gegevens and the PDF).
ITEMSOORTEN = {
    "notitie": "Aantekening",
    "zrmscore": "Score zelfredzaamheid",
    "plan": "Plan",
    "verwijzing": "Verwijzing",
    "veiligheidsbeoordeling": "Veiligheidsbeoordeling",
}

# A dossier's state and frame (SPEC §5, DS-14) as the client reads them.
DOSSIERSTATUS = {
    "geregistreerd": "aangemeld",
    "vraagverheldering": "wij zoeken samen uit welke hulp nodig is",
    "plan_vastgesteld": "er is een plan",
    "monitoring": "wij volgen hoe het gaat",
    "plan_herzien": "het plan wordt aangepast",
    "gesloten": "afgesloten",
}
KADERS = {
    "vrijwillig": "vrijwillig",
    "drang": "met drang: de hulp is sterk aangeraden, om een maatregel van de rechter te voorkomen",
    "dwang": "verplicht: de rechter heeft de hulp opgelegd",
}

# The kinds of case table (SPEC §8) as the client reads them; the table's own name follows in brackets.
OVERLEGSOORTEN = {
    "lokaal_pga": "Overleg van gemeente, politie en zorg over een aanpak voor één persoon",
    "pga_zvh": "Overleg in het Zorg- en Veiligheidshuis over een aanpak voor één persoon",
    "veiligheidshuis": "Overleg in het Zorg- en Veiligheidshuis",
    "vroegsignalering": "Overleg om zorgen vroeg op te merken en hulp te bieden",
    "jeugdgroepen": "Overleg over jongeren die in een groep problemen geven",
    "kinderbeschermingstafel": "Overleg over de veiligheid van een kind",
}

# An act the platform did by itself (a sweep, a match) has no function; the answer says so in words.
FUNCTIES = {"systeem": "Automatisch, door het systeem"}


def datum(waarde) -> dt.date | None:
    """An ISO date (or date-time) of a stored JSON document, for display."""
    if isinstance(waarde, dt.date):
        return waarde
    try:
        return dt.date.fromisoformat(waarde[:10]) if isinstance(waarde, str) and waarde else None
    except ValueError:
        return None


def item(i: dict, soorten: dict[str, str]) -> dict:
    """One item of a dossier in the answer, in plain words; `soorten` names its kinds."""
    if i.get("soort") == "zrmscore":
        tekst = f"{i.get('domein', '')}: niveau {i.get('niveau', '')}. {i.get('onderbouwing') or ''}".strip()
    elif i.get("soort") == "plan":
        tekst = f"Versie {i.get('versie', '')}. " + "; ".join(str(d) for d in i.get("doelen") or [])
    else:
        tekst = i.get("tekst", "")
    return {
        "soort": soorten.get(i.get("soort", ""), i.get("soort", "")),
        "datum": datum(i.get("datum")),
        "tekst": tekst,
        "verklaringen": i.get("eigenVerklaringen") or [],
    }


# In what capacity someone gave a consent for another (CS-05, CS-14 … CS-16), in words.
HOEDANIGHEDEN = {"zelf": "zelf", **{code: f"als {naam.lower()}" for code, naam in RELATIE_SOORTEN}}


def toestemming(t: dict) -> dict:
    """A consent in the answer with its kind, state and purpose in words (the codes stay in the JSON)."""
    return {
        **t,
        "datum": datum(t.get("datum")),
        "soort_naam": SOORT_NAMEN.get(t.get("soort", ""), t.get("soort", "")),
        "status_naam": STATUS_NAMEN.get(t.get("status", ""), t.get("status", "")),
        "doel_naam": doel_voor_client(t.get("doel", "")),
    }


def inzagen(rijen: list[dict]) -> list[dict]:
    """RI-17 for a reader: one row per day, who (function, or name where the FG so decided), organisation,
    act and purpose, with how many times — a page of the same read a hundred times hides what matters.
    Rows keep the order of their first occurrence."""
    groepen: dict[tuple, dict] = {}
    for r in rijen:
        regel = {
            "datum": datum(r.get("datum")),
            "functie": FUNCTIES.get(r.get("functie", ""), r.get("functie", "")),
            "naam": r.get("naam", ""),
            "organisatie": r.get("organisatie", ""),
            "actie": actie_voor_client(r.get("actie", "")),
            "doel": doel_voor_client(r.get("doel", "")),
        }
        sleutel = tuple(regel.values())
        if sleutel in groepen:
            groepen[sleutel]["aantal"] += 1
        else:
            groepen[sleutel] = {**regel, "aantal": 1}
    return list(groepen.values())


def _oude_woorden() -> dict[str, str]:
    """Words of answers sent before the client wording, and the words that replace them."""
    from zorgvuldig.rechten.selectors import BEWAARTERMIJNEN, RECHTEN

    nieuw = {b["soort"]: b for b in BEWAARTERMIJNEN}
    dossier, signaal = nieuw["Dossier"], nieuw["Signaal in de verwijsindex"]
    toestemming_, overleg = nieuw["Toestemming"], BEWAARTERMIJNEN[3]
    return {
        "15 jaar na het einde van de ondersteuning (tot 1 januari)": dossier["termijn"],
        "Tot de verwijderdatum of intrekking": signaal["termijn"],
        "5 jaar na verval of intrekking": toestemming_["termijn"],
        "Casusoverleg": overleg["soort"],
        "Volgens het type overleg, na afsluiten": overleg["termijn"],
        "Logboek": BEWAARTERMIJNEN[4]["soort"],
        "U kunt bezwaar maken tegen het gebruik van uw gegevens (verzet).": RECHTEN[3],
    }


def _woorden(tekst, oud: dict[str, str]):
    return zonder_spec_ids(oud.get(tekst, tekst)) if isinstance(tekst, str) else tekst


def antwoord(overzicht: dict, soorten: dict[str, str]) -> dict:
    gegevens = overzicht.get("gegevens", {})
    oud = _oude_woorden()
    return {
        **overzicht,
        "dossiers": [
            {
                **d,
                "status_naam": DOSSIERSTATUS.get(d.get("status", ""), d.get("status", "")),
                "kader_naam": KADERS.get(d.get("kader", ""), d.get("kader", "")),
                "geopend_op": datum(d.get("geopendOp")),
                "vernietigen_op": datum(d.get("vernietigenOp")),
                "items": [item(i, soorten) for i in d.get("items", [])],
            }
            for d in gegevens.get("dossiers", [])
        ],
        "toestemmingen": [toestemming(t) for t in gegevens.get("toestemmingen", [])],
        "toestemmingen_gegeven": [
            {**toestemming(t), "hoedanigheid_naam": HOEDANIGHEDEN.get(t.get("hoedanigheid", ""), "")}
            for t in gegevens.get("toestemmingenGegeven", [])
        ],
        "relaties": [
            {**r, "vanaf": datum(r.get("vanaf")), "tot": datum(r.get("tot"))}
            for r in gegevens.get("relaties", [])
        ],
        "signalen": [
            {**s, "afgegeven_op": datum(s.get("afgegevenOp")), "tot": datum(s.get("verwijderdatum"))}
            for s in gegevens.get("signalen", [])
        ],
        "casussen": [
            {
                **c,
                "aangemeld_op": datum(c.get("aangemeldOp")),
                "naam": f"{OVERLEGSOORTEN[c['soort']]} ({c.get('overlegtype', '')})"
                if c.get("soort") in OVERLEGSOORTEN
                else f"Overleg tussen hulpverleners: {c.get('overlegtype', '')}",
            }
            for c in gegevens.get("casusoverleggen", [])
        ],
        "ontvangers": [
            {**o, "datum": datum(o.get("datum")), "doel": doel_voor_client(o.get("doel", ""))}
            for o in overzicht.get("ontvangers", [])
        ],
        "doelen": [doel_voor_client(d) for d in overzicht.get("doelen", [])],
        "categorieen": [categorie_voor_client(c) for c in overzicht.get("categorieen", [])],
        "bewaartermijnen": [
            {**b, "soort": _woorden(b.get("soort"), oud), "termijn": _woorden(b.get("termijn"), oud)}
            for b in overzicht.get("bewaartermijnen", [])
        ],
        "rechten": [_woorden(r, oud) for r in overzicht.get("rechten", [])],
        "inzagen": inzagen(overzicht.get("inzagen", [])),
        "geboortedatum": datum((overzicht.get("betrokkene") or {}).get("geboortedatum")),
    }
