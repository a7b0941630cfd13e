"""The stored inzage answer (RI-05) made readable on a page — staff pages and Mijn gegevens alike.

Dates become dates and items plain words; nothing is added or left out.
"""

from __future__ import annotations

import datetime as dt


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


def antwoord(overzicht: dict, soorten: dict[str, str]) -> dict:
    gegevens = overzicht.get("gegevens", {})
    return {
        **overzicht,
        "dossiers": [
            {
                **d,
                "geopend_op": datum(d.get("geopendOp")),
                "vernietigen_op": datum(d.get("vernietigenOp")),
                "items": [item(i, soorten) for i in d.get("items", [])],
            }
            for d in gegevens.get("dossiers", [])
        ],
        "toestemmingen": [{**t, "datum": datum(t.get("datum"))} for t in gegevens.get("toestemmingen", [])],
        "signalen": [
            {**s, "afgegeven_op": datum(s.get("afgegevenOp")), "tot": datum(s.get("verwijderdatum"))}
            for s in gegevens.get("signalen", [])
        ],
        "casussen": [
            {**c, "aangemeld_op": datum(c.get("aangemeldOp"))} for c in gegevens.get("casusoverleggen", [])
        ],
        "ontvangers": [{**o, "datum": datum(o.get("datum"))} for o in overzicht.get("ontvangers", [])],
        "inzagen": [{**r, "datum": datum(r.get("datum"))} for r in overzicht.get("inzagen", [])],
        "geboortedatum": datum((overzicht.get("betrokkene") or {}).get("geboortedatum")),
    }
