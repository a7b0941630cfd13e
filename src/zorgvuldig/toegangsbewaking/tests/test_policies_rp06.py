"""RP-06's pure rules: activation conditions, time windows, patterns, review."""

from __future__ import annotations

import datetime as dt

import pytest

from zorgvuldig.toegangsbewaking import policies as p

UTC = dt.UTC


def test_rp_06_activation_needs_both_dpia_and_consent():
    assert p.activering_fout(True, True) is None
    assert p.ontbrekend(True, True) == []
    alleen_dpia = p.activering_fout(True, False)
    alleen_or = p.activering_fout(False, True)
    geen = p.activering_fout(False, False)
    assert alleen_dpia and "ondernemingsraad" in alleen_dpia and "DPIA" not in alleen_dpia
    assert alleen_or and "DPIA" in alleen_or and "ondernemingsraad" not in alleen_or
    assert geen and "DPIA" in geen and "ondernemingsraad" in geen and "RP-06" in geen
    assert len(p.ontbrekend(False, False)) == 2
    assert p.CODE_NIET_GOEDGEKEURD == "E_RP_MONITORING_NOT_APPROVED"


def test_rp_06_thresholds():
    assert p.drempel_fouten(50, dt.time(7), dt.time(19)) == []
    assert p.drempel_fouten(1, dt.time(7), dt.time(7, 1)) == []
    assert p.drempel_fouten(p.MAX_PERSONEN_GRENS, dt.time(7), dt.time(19)) == []
    assert [v for v, _ in p.drempel_fouten(0, dt.time(7), dt.time(19))] == ["maxPersonenPerDag"]
    assert [v for v, _ in p.drempel_fouten(p.MAX_PERSONEN_GRENS + 1, dt.time(7), dt.time(19))] == [
        "maxPersonenPerDag"
    ]
    assert [v for v, _ in p.drempel_fouten(50, dt.time(19), dt.time(19))] == ["werktijd"]
    assert [v for v, _ in p.drempel_fouten(50, dt.time(19), dt.time(7))] == ["werktijd"]
    assert p.MAX_PERSONEN_STANDAARD == 50


def test_rp_06_consent_fields():
    vandaag = dt.date(2026, 3, 10)
    assert p.instemming_fouten(vandaag, "OR-1", vandaag) == []
    assert [v for v, _ in p.instemming_fouten(None, "OR-1", vandaag)] == ["datum"]
    assert [v for v, _ in p.instemming_fouten(vandaag + dt.timedelta(days=1), "OR-1", vandaag)] == ["datum"]
    assert [v for v, _ in p.instemming_fouten(vandaag, "  ", vandaag)] == ["kenmerk"]
    assert p.instemming_fouten(vandaag, "x" * p.MAX_KENMERK, vandaag) == []
    assert [v for v, _ in p.instemming_fouten(vandaag, "x" * (p.MAX_KENMERK + 1), vandaag)] == ["kenmerk"]


def test_rp_06_day_window_in_amsterdam_time_also_on_dst_change():
    start, eind = p.dagvenster(dt.date(2026, 3, 10))
    assert start.astimezone(UTC) == dt.datetime(2026, 3, 9, 23, tzinfo=UTC)
    assert eind.astimezone(UTC) == dt.datetime(2026, 3, 10, 23, tzinfo=UTC)
    start, eind = p.dagvenster(dt.date(2026, 3, 29))  # summer time starts: 23 hours
    assert eind.astimezone(UTC) - start.astimezone(UTC) == dt.timedelta(hours=23)
    start, eind = p.dagvenster(dt.date(2026, 10, 25))  # winter time: 25 hours
    assert eind.astimezone(UTC) - start.astimezone(UTC) == dt.timedelta(hours=25)


def test_rp_06_working_hours_monday_to_friday_without_holidays():
    van, tot = dt.time(7), dt.time(19)
    werk = p.werktijd(dt.date(2026, 3, 10), van, tot)
    assert werk is not None
    assert werk[0].astimezone(UTC) == dt.datetime(2026, 3, 10, 6, tzinfo=UTC)
    assert werk[1].astimezone(UTC) == dt.datetime(2026, 3, 10, 18, tzinfo=UTC)
    zomer = p.werktijd(dt.date(2026, 6, 10), van, tot)
    assert zomer is not None and zomer[0].astimezone(UTC) == dt.datetime(2026, 6, 10, 5, tzinfo=UTC)
    assert p.werktijd(dt.date(2026, 3, 14), van, tot) is None  # Saturday
    assert p.werktijd(dt.date(2026, 3, 15), van, tot) is None  # Sunday
    assert p.werktijd(dt.date(2026, 4, 3), van, tot) is None  # Goede Vrijdag
    assert p.werktijd(dt.date(2026, 4, 27), van, tot) is None  # Koningsdag
    assert p.werktijd(dt.date(2026, 3, 13), van, tot) is not None  # Friday
    assert p.werktijd(dt.date(2026, 5, 5), van, tot) is None  # Bevrijdingsdag, yearly by default
    assert p.werktijd(dt.date(2026, 5, 5), van, tot, bevrijdingsdag_jaarlijks=False) is not None


def test_rp_06_days_to_scan_catch_up_but_never_before_activation():
    aan = dt.datetime(2026, 3, 9, 8, tzinfo=UTC)
    assert p.te_scannen_dagen(dt.date(2026, 3, 11), aan) == [dt.date(2026, 3, 9), dt.date(2026, 3, 10)]
    assert p.te_scannen_dagen(dt.date(2026, 3, 9), aan) == []
    assert p.te_scannen_dagen(dt.date(2026, 3, 10), aan) == [dt.date(2026, 3, 9)]
    lang = p.te_scannen_dagen(dt.date(2026, 6, 1), aan)
    assert len(lang) == p.INHAALDAGEN == 7
    assert lang[0] == dt.date(2026, 5, 25) and lang[-1] == dt.date(2026, 5, 31)
    # 23:30 UTC on 8 March is already 9 March in Amsterdam
    assert p.te_scannen_dagen(dt.date(2026, 3, 10), dt.datetime(2026, 3, 8, 23, 30, tzinfo=UTC)) == [
        dt.date(2026, 3, 9)
    ]


def test_rp_06_many_persons_is_above_the_threshold():
    assert p.veel_personen(51, 50)
    assert not p.veel_personen(50, 50)
    assert not p.veel_personen(0, 50)


@pytest.mark.parametrize(
    ("medewerker", "achternaam", "zelfde"),
    [
        ("Marieke Bakker", "Bakker", True),
        ("Marieke Bakker", "bakker", True),
        ("Jan de Vries", "Vries", True),
        ("Jan de Vries", "de Vries", True),
        ("Fatima El Amrani", "El Amrani", True),
        ("Fatima El Amrani", "Amrani", True),
        ("Marieke Bakker-Jansen", "Jansen", True),
        ("Marieke Bakker-Jansen", "Bakker-Jansen", True),
        ("Marieke Bakker-Jansen", "Bakker", False),
        ("Zoë Müller", "Muller", True),
        ("Marieke Bakker", "Bakkers", False),
        ("Marieke Bakker", "Jansen", False),
        ("Marieke Bakker", "", False),
        ("Bakker", "Bakker", False),  # one word: no separate surname
        ("Jan de Vries", "Jan de Vries", False),  # as long as the whole name
        ("", "Bakker", False),
    ],
)
def test_rp_06_same_surname(medewerker, achternaam, zelfde):
    assert p.zelfde_achternaam(medewerker, achternaam) is zelfde


def test_rp_06_review_rules():
    assert p.beoordeling_fouten("geen_bijzonderheden", "") == []
    assert p.beoordeling_fouten("navraag_gedaan", "") == []
    assert [v for v, _ in p.beoordeling_fouten("onbekend", "")] == ["uitkomst"]
    assert [v for v, _ in p.beoordeling_fouten("incident", "")] == ["toelichting"]
    assert [v for v, _ in p.beoordeling_fouten("incident", "  kort    ")] == ["toelichting"]
    assert p.beoordeling_fouten("incident", "x" * p.MIN_TOELICHTING) == []
    assert [v for v, _ in p.beoordeling_fouten("incident", "x" * (p.MIN_TOELICHTING - 1))] == ["toelichting"]
    assert p.beoordeling_fouten("geen_bijzonderheden", "x" * p.MAX_TOELICHTING) == []
    assert [v for v, _ in p.beoordeling_fouten("geen_bijzonderheden", "x" * (p.MAX_TOELICHTING + 1))] == [
        "toelichting"
    ]
    assert set(p.UITKOMSTEN) == {"geen_bijzonderheden", "navraag_gedaan", "incident"}
    assert p.mag_beoordelen("open") and not p.mag_beoordelen("beoordeeld") and not p.mag_beoordelen("x")
    assert p.eigen_signalering(3, 3) and not p.eigen_signalering(3, 4)


def test_rp_06_kinds_include_same_address():
    assert set(p.SOORTEN) == {
        "veel_personen",
        "zelfde_achternaam",
        "zelfde_adres",
        "noodtoegang",
        "buiten_werktijd",
    }


def test_rp_06_activation_message_joins_what_is_missing_in_order():
    """RP-06: the message names the DPIA (RG-02) before the works council's consent (WOR art 27)."""
    mist = p.ontbrekend(False, False)
    assert "RG-02" in mist[0] and "DPIA" in mist[0]
    assert "27" in mist[1] and "ondernemingsraad" in mist[1]
    geen = p.activering_fout(False, False)
    assert geen and mist[0] + " en " + mist[1] in geen
    assert geen.endswith("(RP-06).")
    assert p.ontbrekend(True, False) == mist[1:]
    assert p.ontbrekend(False, True) == mist[:1]
    for fout in (p.activering_fout(True, False), p.activering_fout(False, True)):
        assert fout and " en " not in fout and "(RP-06)" in fout


def test_rp_06_threshold_and_consent_refusals_give_a_reason():
    fouten = p.drempel_fouten(0, dt.time(19), dt.time(7))
    assert [v for v, _ in fouten] == ["maxPersonenPerDag", "werktijd"]
    assert all(r.strip() for _, r in fouten)
    assert str(p.MAX_PERSONEN_GRENS) in fouten[0][1]
    assert p.MAX_PERSONEN_GRENS == 10_000
    assert [v for v, _ in p.drempel_fouten(-1, dt.time(7), dt.time(19))] == ["maxPersonenPerDag"]
    fouten = p.instemming_fouten(None, "", dt.date(2026, 3, 10))
    assert [v for v, _ in fouten] == ["datum", "kenmerk"]
    assert all(r.strip() for _, r in fouten)
    vandaag = dt.date(2026, 3, 10)
    toekomst = p.instemming_fouten(vandaag + dt.timedelta(days=1), "x" * (p.MAX_KENMERK + 1), vandaag)
    assert [v for v, _ in toekomst] == ["datum", "kenmerk"]
    assert toekomst[0][1] != fouten[0][1] and toekomst[1][1] != fouten[1][1]
    assert str(p.MAX_KENMERK) in toekomst[1][1] and p.MAX_KENMERK == 100
    assert p.instemming_fouten(vandaag - dt.timedelta(days=1), "OR-1", vandaag) == []
    assert [v for v, _ in p.instemming_fouten(vandaag, "", vandaag)] == ["kenmerk"]


def test_rp_06_day_window_and_working_hours_are_amsterdam_instants():
    start, eind = p.dagvenster(dt.date(2026, 3, 10))
    assert start.tzinfo == p.AMSTERDAM and eind.tzinfo == p.AMSTERDAM
    assert (start.hour, start.minute, eind.date()) == (0, 0, dt.date(2026, 3, 11))
    werk = p.werktijd(dt.date(2026, 3, 10), dt.time(8, 30), dt.time(17))
    assert werk is not None and werk[0].tzinfo == p.AMSTERDAM and werk[1].tzinfo == p.AMSTERDAM
    assert p.werktijd(dt.date(2026, 5, 5), dt.time(7), dt.time(19), True) is None


def test_rp_06_days_to_scan_catch_up_exactly_seven_days():
    aan = dt.datetime(2026, 1, 1, 8, tzinfo=UTC)
    assert p.te_scannen_dagen(dt.date(2026, 3, 11), aan)[0] == dt.date(2026, 3, 4)
    # activated exactly seven days ago: the activation day is the first
    assert p.te_scannen_dagen(dt.date(2026, 3, 11), dt.datetime(2026, 3, 4, 8, tzinfo=UTC))[0] == dt.date(
        2026, 3, 4
    )


def test_rp_06_many_persons_exactly_one_above():
    assert p.veel_personen(11, 10) and not p.veel_personen(10, 10) and not p.veel_personen(9, 10)


@pytest.mark.parametrize(
    ("medewerker", "achternaam", "zelfde"),
    [
        ("Jan Vries", "de Vries", False),  # the surname is longer than what the name holds
        ("An Bakker", "  ", False),
        ("An Bakker", "-", False),
        ("Jan van der Berg", "Van der Berg", True),
        ("Jan van der Berg", "der Berg", True),
        ("Jan Berg", "Berg", True),
        ("Jan de Vries", "Jan", False),
    ],
)
def test_rp_06_same_surname_edges(medewerker, achternaam, zelfde):
    assert p.zelfde_achternaam(medewerker, achternaam) is zelfde


def test_rp_06_review_refusals_give_a_reason_and_incident_explanation_ignores_whitespace():
    fouten = p.beoordeling_fouten("onbekend", "x" * (p.MAX_TOELICHTING + 1))
    assert [v for v, _ in fouten] == ["uitkomst", "toelichting"]
    assert all(r.strip() for _, r in fouten)
    assert str(p.MAX_TOELICHTING) in fouten[1][1]
    (kort,) = p.beoordeling_fouten(p.INCIDENT, " " * 5 + "x" * (p.MIN_TOELICHTING - 1) + " " * 5)
    assert kort[0] == "toelichting" and str(p.MIN_TOELICHTING) in kort[1]
    assert (p.MIN_TOELICHTING, p.MAX_TOELICHTING) == (10, 2000)
    (lang,) = p.beoordeling_fouten(p.INCIDENT, "x" * (p.MAX_TOELICHTING + 1))
    assert lang[0] == "toelichting" and lang[1] != kort[1]
    assert p.beoordeling_fouten(p.NAVRAAG_GEDAAN, "x" * p.MAX_TOELICHTING) == []
    assert all(v.strip() for v in p.UITKOMSTEN.values())
    assert "RG-03" in p.UITKOMSTEN[p.INCIDENT]


# --- same address: normalisation (RP-06 `zelfde_adres`) ---------------------------------------------------


def test_rp_06_address_key_normalises_postcode_number_and_addition():
    from zorgvuldig.toegangsbewaking.policies import adres_sleutel

    assert adres_sleutel("2921 aa", "12", "a") == "2921AA|12|A"
    # the same address written in the ways HR systems and case workers write it
    for postcode, nummer, toevoeging in (
        ("2921AA", "12", "A"),
        (" 2921  AA ", "012", " a "),
        ("2921aa", "12A", ""),
        ("2921AA", "12-a", ""),
        ("2921AA", "12 A", "A"),
        ("2921AA", "12", "-A"),
    ):
        assert adres_sleutel(postcode, nummer, toevoeging) == "2921AA|12|A", (postcode, nummer, toevoeging)
    assert adres_sleutel("2921AA", "12", "") == "2921AA|12|"
    assert adres_sleutel("2921AA", "12", "") != adres_sleutel("2921AA", "12", "A")
    assert adres_sleutel("2921AA", "12", "1 hoog") == "2921AA|12|1HOOG"
    assert adres_sleutel("2921AA", "12", "bis") == adres_sleutel("2921AA", "12", "Bís")
    # the addition may be left out or missing in the HR file
    assert adres_sleutel("2921AA", "12") == adres_sleutel("2921AA", "12", None) == "2921AA|12|"  # type: ignore[arg-type]
    # the longest addition still counts; one character more makes the address unusable
    from zorgvuldig.toegangsbewaking.policies import MAX_TOEVOEGING

    assert adres_sleutel("2921AA", "12", "A" * MAX_TOEVOEGING) == "2921AA|12|" + "A" * MAX_TOEVOEGING
    assert adres_sleutel("2921AA", "12", "A" * (MAX_TOEVOEGING + 1)) is None
    # empty fields in the HR file (None) give no key, never a key of a made-up value
    assert adres_sleutel(None, "12") is None  # type: ignore[arg-type]
    assert adres_sleutel("2921AA", None) is None  # type: ignore[arg-type]


def test_rp_06_address_key_is_none_for_an_incomplete_or_unusable_address():
    from zorgvuldig.toegangsbewaking.policies import adres_sleutel

    for postcode, nummer, toevoeging in (
        ("", "12", ""),
        ("2921", "12", ""),
        ("0921AA", "12", ""),  # a Dutch postcode never starts with 0
        ("2921AA", "", ""),
        ("2921AA", "0", ""),
        ("2921AA", "123456", ""),
        ("2921AA", "12A", "B"),  # two different additions
        ("2921AA", "12", "ABCDEFG"),
        ("2921AA", "twaalf", ""),
    ):
        assert adres_sleutel(postcode, nummer, toevoeging) is None, (postcode, nummer, toevoeging)
