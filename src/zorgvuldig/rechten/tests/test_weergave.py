"""The inzage answer made readable (RI-05, RI-17; review finding M5): codes become the client's words, and
identical acts of one day become one row with how often. No database: the answer is a stored document."""

from __future__ import annotations

import datetime as dt
import re

from zorgvuldig.audit.acties import ACTIES, ACTIES_CLIENT, actie_voor_client
from zorgvuldig.rechten import weergave
from zorgvuldig.rechten.policies import GRONDEN, grond_voor_client, lange_datum
from zorgvuldig.registers.catalogus import DOELEN, doel_voor_client
from zorgvuldig.registers.datacategorieen import CATEGORIEEN, categorie_voor_client

SPEC_ID = re.compile(r"\b(RI|CS|PE|DS|VI|SH|AU|AC|GP|RT|RG|RP)-\d")
# Words the reviewer (B1 clients) stumbled over in the answer (finding 14)
JARGON = ("blinde index", "ZRM", "Proactieve", "integrale", "Deelbesluit", "deelbesluit", "concept", "Triage")


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
    assert {r["datum"] for r in uit if r["actie"] == actie_voor_client("toestemming.lijst_ingezien")} == {
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
    assert t["status_naam"] == "Gegeven" and t["doel_naam"] == DOELEN_CLIENT_AFSTEMMING
    assert a["doelen"] == ["Samen een plan maken, zodat iemand zich (weer) zelf kan redden"]
    assert a["ontvangers"][0]["doel"] == doel_voor_client("ondersteuning")
    r = a["inzagen"][0]
    assert r["functie"] == "Automatisch, door het systeem" and "DS doel" not in r["doel"]


def test_l7_dates_to_the_client_in_one_format():
    assert lange_datum(dt.date(2027, 1, 9)) == "9 januari 2027"
    assert lange_datum(dt.date(2026, 11, 28)) == "28 november 2026"


DOELEN_CLIENT_AFSTEMMING = "Afspraken maken tussen hulpverleners, ook in een overleg over de situatie"


def test_finding_14_an_answer_sent_before_the_client_wording_reads_in_the_clients_words():
    """RI-05 (finding 14): an answer stored with the staff words of the time — categories, purposes, acts,
    retention, rights — reads in the client's words on Mijn gegevens and in the PDF; its codes stay."""
    a = weergave.antwoord(
        {
            "categorieen": ["Burgerservicenummer (versleuteld of als blinde index)"],
            "doelen": ["Proactieve, integrale ondersteuning op alle ZRM-domeinen"],
            "gegevens": {
                "dossiers": [
                    {"kenmerk": "D1", "status": "vraagverheldering", "kader": "vrijwillig", "items": []}
                ],
                "casusoverleggen": [
                    {"overlegtype": "Lokale PGA Krimpen", "soort": "lokaal_pga", "aangemeldOp": "2026-03-02"},
                    {"overlegtype": "Oud overleg", "aangemeldOp": "2026-03-02"},  # stored without its kind
                ],
            },
            "inzagen": [
                _regel(actie="Deelbesluit (concept) vastgelegd"),
                _regel(actie="Triagevraag beantwoord"),
                _regel(actie="Bewaartermijn verlengd (RT-02)"),
            ],
            "bewaartermijnen": [
                {"soort": "Dossier", "termijn": "15 jaar na het einde van de ondersteuning (tot 1 januari)"}
            ],
            "rechten": ["U kunt bezwaar maken tegen het gebruik van uw gegevens (verzet)."],
        },
        weergave.ITEMSOORTEN,
    )
    assert a["categorieen"] == [
        "Burgerservicenummer (BSN). Wij bewaren het zo dat anderen het niet kunnen lezen."
    ]
    assert a["doelen"] == [doel_voor_client("ondersteuning")]
    assert [r["actie"] for r in a["inzagen"]] == [
        "Begonnen met een besluit over het delen van gegevens",
        "Vragen beantwoord om te kiezen wat het overleg doet",
        "Besloten de gegevens langer te bewaren",
    ]
    assert a["bewaartermijnen"][0]["termijn"].startswith("Wij vernietigen het op 1 januari, 15 jaar na")
    assert a["rechten"] == ["U kunt vragen om te stoppen met het gebruik van uw gegevens (verzet)."]
    d = a["dossiers"][0]
    assert (
        d["status"] == "vraagverheldering" and d["status_naam"] == "wij zoeken samen uit welke hulp nodig is"
    )
    assert d["kader_naam"] == "vrijwillig"
    assert [c["naam"] for c in a["casussen"]] == [
        "Overleg van gemeente, politie en zorg over een aanpak voor één persoon (Lokale PGA Krimpen)",
        "Overleg tussen hulpverleners: Oud overleg",
    ]
    tekst = str(a["categorieen"] + a["doelen"] + [r["actie"] for r in a["inzagen"]] + a["rechten"])
    assert not SPEC_ID.search(tekst) and not [w for w in JARGON if w in tekst]


def test_finding_4_14_every_word_for_the_client_is_free_of_rule_ids_and_jargon():
    """Findings 4 and 14: whatever act, purpose, category or ground an answer or decision names, the client
    reads it without a SPEC ID or the jargon the reviewer met — also an act without its own client words
    yet (its staff label loses the IDs)."""
    woorden = {
        **{f"actie {c}": actie_voor_client(c) for c in ACTIES},
        **{f"actie {c} (label)": actie_voor_client(label) for c, label in ACTIES.items()},
        **{f"doel {c}": doel_voor_client(c) for c in DOELEN},
        **{f"doel {c} (naam)": doel_voor_client(naam) for c, naam in DOELEN.items()},
        **{f"categorie {c}": categorie_voor_client(c) for c in CATEGORIEEN},
        **{f"grond {c}": grond_voor_client(c) for c in GRONDEN},
    }
    fout = {k: w for k, w in woorden.items() if SPEC_ID.search(w) or any(j in w for j in JARGON)}
    assert fout == {}
    # the acts a person's data can be part of have words of their own, not a trimmed staff label
    assert {"deelbesluit.geregistreerd", "casusoverleg.triage_beantwoord", "verzoek.besloten"} <= set(
        ACTIES_CLIENT
    )
    # the staff keep their labels with the IDs (finding 4 is about clients only)
    assert "(RI-02)" in GRONDEN["belang_kind"] and ACTIES["bewaartermijn.verlengd"].endswith("(RT-02)")
