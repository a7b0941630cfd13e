"""The inzage answer made readable (RI-05, RI-17; review finding M5): codes become the client's words, and
identical acts of one day become one row with how often. No database: the answer is a stored document."""

from __future__ import annotations

import datetime as dt

from zorgvuldig.rechten import weergave
from zorgvuldig.rechten.policies import lange_datum


def _regel(datum="2026-11-28T09:00:00+00:00", **over) -> dict:
    regel = {
        "datum": datum,
        "functie": "Jeugdcoach",
        "organisatie": "Wijkteam Krimpen",
        "actie": "Lijst van toestemmingen ingezien",
        "doel": "Proactieve, integrale ondersteuning op alle ZRM-domeinen (DS doel a)",
    }
    regel.update(over)
    return regel


def test_ri_17_identical_acts_of_one_day_are_one_row_with_how_often():
    rijen = [
        *[_regel(f"2026-11-28T{u:02}:00:00+00:00") for u in range(8, 20)],  # twelve reads on one day
        _regel("2026-11-29T08:00:00+00:00"),  # the next day: its own row
        _regel(actie="Deelbesluit ingezien"),  # another act
        _regel(functie="Teamleider"),  # another function
        _regel(organisatie="OSG Het Baken"),  # another organisation
        _regel(doel="rechten"),  # another purpose
    ]
    uit = weergave.inzagen(rijen)
    eerste = uit[0]
    assert eerste["aantal"] == 12 and eerste["datum"] == dt.date(2026, 11, 28)
    assert len(uit) == 6 and sum(r["aantal"] for r in uit) == len(rijen)
    assert {r["datum"] for r in uit if r["actie"] == "Lijst van toestemmingen ingezien"} == {
        dt.date(2026, 11, 28),
        dt.date(2026, 11, 29),
    }


def test_ri_17_names_stay_apart_where_the_fg_released_them():
    uit = weergave.inzagen(
        [_regel(naam="F. El Amrani"), _regel(naam="M. de Vries"), _regel(naam="M. de Vries")]
    )
    assert [(r["naam"], r["aantal"]) for r in uit] == [("F. El Amrani", 1), ("M. de Vries", 2)]


def test_m5_no_internal_codes_in_the_readable_answer():
    a = weergave.antwoord(
        {
            "doelen": ["Integraal plan gericht op zelfredzaamheid (DS doel b)"],
            "gegevens": {
                "toestemmingen": [
                    {
                        "soort": "doorbreking_beroepsgeheim",
                        "status": "gegeven",
                        "doel": "gegevensdeling",
                        "datum": "2026-03-02",
                    }
                ]
            },
            "ontvangers": [{"ontvanger": "OSG Het Baken", "doel": "ondersteuning", "datum": "2026-03-02"}],
            "inzagen": [_regel(functie="systeem", doel="ondersteuning")],
        },
        weergave.ITEMSOORTEN,
    )
    t = a["toestemmingen"][0]
    assert t["soort_naam"] == "Toestemming om gegevens te delen met een andere organisatie"
    assert (
        t["status_naam"] == "Gegeven" and t["doel_naam"] == "Afstemming tussen hulpverleners en casusoverleg"
    )
    assert a["doelen"] == ["Integraal plan gericht op zelfredzaamheid"]
    assert a["ontvangers"][0]["doel"] == "Proactieve, integrale ondersteuning op alle ZRM-domeinen"
    r = a["inzagen"][0]
    assert r["functie"] == "Automatisch, door het systeem" and "DS doel" not in r["doel"]


def test_l7_dates_to_the_client_in_one_format():
    assert lange_datum(dt.date(2027, 1, 9)) == "9 januari 2027"
    assert lange_datum(dt.date(2026, 11, 28)) == "28 november 2026"
