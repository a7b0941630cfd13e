"""Pure rules of the verwijsindex (SPEC §4). No database: these also run under mutmut."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zorgvuldig.verwijsindex import policies as p

D = dt.date


def v(**over):
    basis = {
        "geboortedatum": D(2011, 9, 20),
        "criteria": ["e", "k"],
        "vermoeden": "Structureel verzuim.",
        "instemming": {
            "uitkomst": "gegeven",
            "met": ["jongere", "vertegenwoordiger"],
            "datum": D(2026, 3, 2),
        },
        "informatieplicht": {"methode": "vi_folder", "datum": D(2026, 3, 2)},
        "risicobespreking": {"met": ["jongere", "vertegenwoordiger"], "datum": D(2026, 3, 2)},
    }
    basis.update(over)
    return basis


REGELS = p.ProfielRegels()
OP = D(2026, 3, 2)


def codes(fouten):
    return {f.code for f in fouten}


def test_vi_complete_justification_passes():
    assert p.verantwoording_fouten(v(), REGELS, OP) == []


# --- VI-02 age ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("geboren", "toegestaan"),
    [
        (D(2003, 3, 2), False),  # 23 today
        (D(2003, 3, 3), True),  # 23 tomorrow
        (D(2014, 3, 2), True),
    ],
)
def test_vi_02_under_23_on_the_submission_date(geboren, toegestaan):
    """VI-02: accepted only if under `vi.max_age` on the submission date (E_VI_AGE), to the day."""
    fouten = p.verantwoording_fouten(
        v(
            geboortedatum=geboren,
            instemming={"uitkomst": "gegeven", "met": ["jongere", "vertegenwoordiger"], "datum": OP},
        ),
        REGELS,
        OP,
    )
    assert ("E_VI_AGE" in codes(fouten)) is (not toegestaan)


def test_vi_02_a_profile_may_lower_the_limit():
    assert "E_VI_AGE" in codes(
        p.verantwoording_fouten(v(geboortedatum=D(2008, 3, 2)), p.ProfielRegels(max_leeftijd=18), OP)
    )
    assert "E_VI_AGE" not in codes(
        p.verantwoording_fouten(v(geboortedatum=D(2008, 3, 3)), p.ProfielRegels(max_leeftijd=18), OP)
    )


def test_vi_02_leap_day_birthday_counts_on_1_march():
    """SPEC §0: a 29 February birthday counts on 1 March in non-leap years."""
    assert p.te_oud(D(2004, 2, 29), D(2027, 3, 1), 23)
    assert not p.te_oud(D(2004, 2, 29), D(2027, 2, 28), 23)


def test_vi_02_birth_date_missing_or_in_the_future_is_refused():
    assert "E_INVALID_INPUT" in codes(p.verantwoording_fouten(v(geboortedatum=None), REGELS, OP))
    assert "E_INVALID_INPUT" in codes(p.verantwoording_fouten(v(geboortedatum=D(2026, 3, 3)), REGELS, OP))


# --- VI-08 age bands on exact birthdays -----------------------------------------------------------


@pytest.mark.parametrize(
    ("jaren", "met"),
    [
        (11, {"vertegenwoordiger"}),
        (12, {"jongere", "vertegenwoordiger"}),
        (15, {"jongere", "vertegenwoordiger"}),
        (16, {"jongere"}),
        (17, {"jongere"}),
        (18, {"jongere"}),
        (22, {"jongere"}),
    ],
)
def test_vi_08_who_is_told_the_risks_by_age(jaren, met):
    """VI-08: representative(s) under 12; youth and representative(s) 12–15; the youth from 16."""
    assert p.betrokkenen_voor_leeftijd(jaren) == met


@pytest.mark.parametrize(
    ("geboren", "nodig"),
    [
        (D(2014, 3, 3), {"vertegenwoordiger"}),  # 11, 12 tomorrow
        (D(2014, 3, 2), {"jongere", "vertegenwoordiger"}),  # 12 today
        (D(2010, 3, 3), {"jongere", "vertegenwoordiger"}),  # 15, 16 tomorrow
        (D(2010, 3, 2), {"jongere"}),  # 16 today
        (D(2008, 3, 3), {"jongere"}),  # 17, 18 tomorrow: still the youth alone
        (D(2008, 3, 2), {"jongere"}),  # 18 today
        (D(2003, 3, 3), {"jongere"}),  # 22, 23 tomorrow: the last day a signal is allowed (VI-02)
    ],
)
def test_vi_08_exact_birthdays_decide_the_band(geboren, nodig):
    """VI-08 at the 11/12 and 15/16 boundaries: missing the required person is refused."""
    for met in ({"jongere"}, {"vertegenwoordiger"}, {"jongere", "vertegenwoordiger"}):
        fouten = p.verantwoording_fouten(
            v(
                geboortedatum=geboren,
                instemming={"uitkomst": "gegeven", "met": sorted(met), "datum": OP},
                risicobespreking={"met": sorted(met), "datum": OP},
            ),
            REGELS,
            OP,
        )
        assert (fouten == []) is (nodig <= met), (geboren, met, fouten)


def test_vi_08_reason_why_not_replaces_the_discussion():
    """VI-08: record who and when, or why not."""
    assert (
        p.verantwoording_fouten(v(risicobespreking={"redenNiet": "Acuut onveilig thuis."}), REGELS, OP) == []
    )
    fouten = p.verantwoording_fouten(v(risicobespreking={}), REGELS, OP)
    assert [f.naam for f in fouten] == ["verantwoording.risicobespreking"]
    assert p.verantwoording_fouten(
        v(risicobespreking={"met": ["jongere"], "datum": D(2026, 3, 3)}), REGELS, OP
    )


# --- VI-03, VI-23 criteria --------------------------------------------------------------------------


def test_vi_03_at_least_one_criterion_and_a_statement():
    assert p.hoofdcode(p.verantwoording_fouten(v(criteria=[]), REGELS, OP)) == "E_VI_NO_CRITERION"
    assert p.hoofdcode(p.verantwoording_fouten(v(vermoeden="  "), REGELS, OP)) == "E_VI_NO_CRITERION"
    assert p.hoofdcode(p.verantwoording_fouten(v(criteria=["z"]), REGELS, OP)) == "E_VI_NO_CRITERION"


def test_vi_03_extra_criteria_of_the_profile_are_required_and_closed():
    regels = p.ProfielRegels(extra_criteria=frozenset({"verzuim"}))
    assert "E_VI_NO_CRITERION" in codes(p.verantwoording_fouten(v(), regels, OP))
    assert p.verantwoording_fouten(v(extraCriteria=["verzuim"]), regels, OP) == []
    assert "E_VI_NO_CRITERION" in codes(p.verantwoording_fouten(v(extraCriteria=["anders"]), REGELS, OP))


def test_vi_23_criterion_l_is_refused_unless_the_profile_enables_it():
    assert p.hoofdcode(p.verantwoording_fouten(v(criteria=["l"]), REGELS, OP)) == "E_VI_CRITERION_DISABLED"
    assert p.verantwoording_fouten(v(criteria=["l"]), p.ProfielRegels(criterion_l=True), OP) == []


# --- VI-05, VI-06 basis ---------------------------------------------------------------------------


def test_vi_05_no_meldrecht_cannot_signal():
    assert (
        p.hoofdcode(p.verantwoording_fouten(v(), p.ProfielRegels(meldrecht=False), OP)) == "E_VI_NO_MELDRECHT"
    )


def test_vi_05_agreement_outcome_is_required_when_the_profile_seeks_it():
    assert p.hoofdcode(p.verantwoording_fouten(v(instemming=None), REGELS, OP)) == "E_VI_NO_BASIS"
    assert p.verantwoording_fouten(v(instemming=None), p.ProfielRegels(seek_agreement=False), OP) == []
    fouten = p.verantwoording_fouten(v(instemming={"uitkomst": "misschien"}), REGELS, OP)
    assert p.hoofdcode(fouten) == "E_VI_NO_BASIS"


def test_vi_05_agreement_date_not_in_the_future():
    inst = {"uitkomst": "gegeven", "met": ["jongere", "vertegenwoordiger"], "datum": D(2026, 3, 3)}
    assert p.hoofdcode(p.verantwoording_fouten(v(instemming=inst), REGELS, OP)) == "E_VI_NO_BASIS"


VIER_JA = {
    "legitiemDoel": True,
    "enigeWeg": True,
    "instemmingOnmogelijkOfGezocht": True,
    "belangJongereWeegtZwaarder": True,
    "toelichting": "Ouders weigeren; verzuim loopt op.",
}


@pytest.mark.parametrize("uitkomst", ["geweigerd", "onmogelijk"])
def test_vi_06_refused_or_impossible_needs_four_yes_answers(uitkomst):
    """VI-06: every one of the four questions must be answered yes, with a note."""
    inst = {
        "uitkomst": uitkomst,
        "met": ["jongere", "vertegenwoordiger"],
        "datum": OP,
        "redenOnmogelijk": "Onbereikbaar.",
    }
    assert p.verantwoording_fouten(v(instemming=inst, vierVragen=VIER_JA), REGELS, OP) == []
    for vraag in p.VIER_VRAGEN:
        fouten = p.verantwoording_fouten(v(instemming=inst, vierVragen={**VIER_JA, vraag: False}), REGELS, OP)
        assert p.hoofdcode(fouten) == "E_VI_NO_BASIS", vraag
    zonder = {k: w for k, w in VIER_JA.items() if k != "toelichting"}
    assert (
        p.hoofdcode(p.verantwoording_fouten(v(instemming=inst, vierVragen=zonder), REGELS, OP))
        == "E_VI_NO_BASIS"
    )
    assert p.hoofdcode(p.verantwoording_fouten(v(instemming=inst), REGELS, OP)) == "E_VI_NO_BASIS"


def test_vi_06_impossible_needs_the_reason():
    inst = {"uitkomst": "onmogelijk"}
    fouten = p.verantwoording_fouten(v(instemming=inst, vierVragen=VIER_JA), REGELS, OP)
    assert [f.naam for f in fouten] == ["verantwoording.instemming.redenOnmogelijk"]


def test_vi_06_given_agreement_needs_no_four_questions():
    assert p.verantwoording_fouten(v(vierVragen={"legitiemDoel": False}), REGELS, OP) == []


# --- VI-07 information duty -----------------------------------------------------------------------


@pytest.mark.parametrize("methode", p.INFO_METHODEN)
def test_vi_07_each_method_is_accepted(methode):
    assert p.verantwoording_fouten(v(informatieplicht={"methode": methode, "datum": OP}), REGELS, OP) == []


def test_vi_07_applies_always_even_without_agreement_sought():
    regels = p.ProfielRegels(seek_agreement=False)
    assert p.hoofdcode(p.verantwoording_fouten(v(informatieplicht=None), regels, OP)) == "E_VI_INFO_DUTY"
    assert (
        p.hoofdcode(p.verantwoording_fouten(v(informatieplicht={"methode": "fax", "datum": OP}), regels, OP))
        == "E_VI_INFO_DUTY"
    )
    te_laat = {"methode": "mondeling", "datum": D(2026, 3, 3)}
    assert p.hoofdcode(p.verantwoording_fouten(v(informatieplicht=te_laat), regels, OP)) == "E_VI_INFO_DUTY"


def test_vi_error_order_names_the_first_failing_rule():
    fouten = p.verantwoording_fouten(v(criteria=[], instemming=None, informatieplicht=None), REGELS, OP)
    assert p.hoofdcode(fouten) == "E_VI_NO_CRITERION"
    assert codes(fouten) == {"E_VI_NO_CRITERION", "E_VI_NO_BASIS", "E_VI_INFO_DUTY"}
    assert p.hoofdcode([]) is None


# --- VI-09 field set ---------------------------------------------------------------------------------


def test_vi_09_only_the_configured_field_set():
    assert p.verboden_velden(["bsn"], p.STATUTORY) == []
    assert p.verboden_velden(["bsn", "jongere", "criterium"], p.STATUTORY) == ["criterium", "jongere"]
    assert p.verboden_velden(["bsn", "jongere", "bronorganisatie", "bekendSinds"], p.EXTENDED_2009) == []
    assert p.verboden_velden(["diagnose"], p.EXTENDED_2009) == ["diagnose"]


# --- VI-16 dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "maanden", "eind"),
    [
        (D(2026, 8, 31), 6, D(2027, 2, 28)),
        (D(2027, 8, 31), 6, D(2028, 2, 29)),
        (D(2026, 3, 2), 6, D(2026, 9, 2)),
        (D(2026, 12, 15), 1, D(2027, 1, 15)),
        (D(2026, 10, 31), 1, D(2026, 11, 30)),
        (D(2026, 1, 31), 13, D(2027, 2, 28)),
    ],
)
def test_vi_16_months_are_calendar_months_capped_at_month_end(start, maanden, eind):
    assert p.plus_maanden(start, maanden) == eind


def test_vi_16_removal_date_is_six_months_capped_at_the_23rd_birthday():
    assert p.verwijderdatum(D(2026, 3, 2), D(2011, 9, 20), termijn_maanden=6, max_leeftijd=23) == D(
        2026, 9, 2
    )
    # turns 23 on 2026-05-01: the signal ends that day
    assert p.verwijderdatum(D(2026, 3, 2), D(2003, 5, 1), termijn_maanden=6, max_leeftijd=23) == D(2026, 5, 1)


def test_vi_16_active_iff_removal_date_after_today():
    """VI-16/RT-12: active iff removal date > today; the removal date itself is no longer active."""
    args = {"status": "actief", "verwijderdatum": D(2026, 9, 2)}
    assert p.is_actief(**args, vandaag=D(2026, 9, 1))
    assert not p.is_actief(**args, vandaag=D(2026, 9, 2))
    assert not p.is_actief(status="ingetrokken", verwijderdatum=D(2026, 9, 2), vandaag=D(2026, 3, 2))
    assert not p.is_actief(status="concept", verwijderdatum=None, vandaag=D(2026, 3, 2))
    assert p.signaal_status(**args, vandaag=D(2026, 9, 2)) == "verlopen"
    assert p.signaal_status(**args, vandaag=D(2026, 9, 1)) == "actief"
    assert p.signaal_status(status="concept", verwijderdatum=None, vandaag=D(2026, 9, 1)) == "concept"


def test_vi_25_after_the_accession_ends_only_handed_over_signals_stay_after_exit_days():
    args = {
        "status": "actief",
        "verwijderdatum": D(2026, 12, 1),
        "uittreding_tot": D(2026, 5, 31),
        "exit_dagen": 30,
    }
    assert p.is_actief(**args, vandaag=D(2026, 6, 30))
    assert not p.is_actief(**args, vandaag=D(2026, 7, 1))
    assert p.is_actief(**args, vandaag=D(2026, 7, 1), overgedragen_na_uittreding=True)
    assert p.signaal_status(**args, vandaag=D(2026, 7, 1)) == "ingetrokken"  # derived withdrawal


@pytest.mark.parametrize(
    ("vandaag", "nieuw"),
    [
        (D(2026, 8, 3), D(2027, 3, 2)),  # exactly 30 days before: allowed
        (D(2026, 8, 2), None),  # 31 days before: too early
        (D(2026, 9, 1), D(2027, 3, 2)),  # last active day
        (D(2026, 9, 2), None),  # removal date: expired
    ],
)
def test_vi_16_extension_only_in_the_last_30_days(vandaag, nieuw):
    assert (
        p.verlenging(
            verwijderdatum=D(2026, 9, 2),
            vandaag=vandaag,
            geboortedatum=D(2011, 9, 20),
            verlenging_maanden=6,
            max_leeftijd=23,
        )
        == nieuw
    )


def test_vi_16_extension_never_past_the_23rd_birthday():
    kort = {"vandaag": D(2026, 8, 20), "verlenging_maanden": 6, "max_leeftijd": 23}
    # turns 23 on 2026-12-01: capped there
    assert p.verlenging(verwijderdatum=D(2026, 9, 2), geboortedatum=D(2003, 12, 1), **kort) == D(2026, 12, 1)
    # already capped at the birthday: nothing to add
    assert p.verlenging(verwijderdatum=D(2026, 9, 2), geboortedatum=D(2003, 9, 2), **kort) is None


def test_vi_20_reminder_from_14_days_before_the_removal_date():
    assert not p.herinnering_verschuldigd(D(2026, 9, 2), D(2026, 8, 18))
    assert p.herinnering_verschuldigd(D(2026, 9, 2), D(2026, 8, 19))
    assert p.herinnering_verschuldigd(D(2026, 9, 2), D(2026, 9, 1))
    assert not p.herinnering_verschuldigd(D(2026, 9, 2), D(2026, 9, 2))


def test_rt_04_archive_is_purged_archive_months_after_the_end():
    assert p.archief_purge_op(D(2026, 8, 31), 24) == D(2028, 8, 31)
    assert p.archief_purge_op(D(2026, 8, 31), 6) == D(2027, 2, 28)


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2100, 1, 1)), st.integers(min_value=0, max_value=240))
def test_vi_16_plus_maanden_properties(datum, maanden):
    uit = p.plus_maanden(datum, maanden)
    assert (uit.year - datum.year) * 12 + uit.month - datum.month == maanden
    assert uit.day == datum.day or (uit.day < datum.day and (uit + dt.timedelta(days=1)).day == 1)


# --- matching and the match workflow ------------------------------------------------------------------


def test_vi_11_match_scope():
    assert p.is_match(["a", "b"], ["x", "y"], p.ORGANISATIE)
    assert not p.is_match(["a", "a"], ["x", "y"], p.ORGANISATIE)
    assert p.is_match(["a", "a"], ["x", "y"], p.SIGNALEERDER)
    assert not p.is_match(["a", "b"], ["x", "x"], p.SIGNALEERDER)
    assert not p.is_match([], [], p.ORGANISATIE)


def test_vi_22_family_matching_needs_its_basis():
    assert p.familie_matching_fout(aan=True, field_set=p.STATUTORY, huishoudverwerking_goedgekeurd=False)
    assert (
        p.familie_matching_fout(aan=True, field_set=p.EXTENDED_2009, huishoudverwerking_goedgekeurd=False)
        is None
    )
    assert (
        p.familie_matching_fout(aan=True, field_set=p.STATUTORY, huishoudverwerking_goedgekeurd=True) is None
    )
    assert (
        p.familie_matching_fout(aan=False, field_set=p.STATUTORY, huishoudverwerking_goedgekeurd=False)
        is None
    )


def test_regional_settings_bounds():
    """SPEC §0.2 `vi.*`: known values, the archive 1–120 months (VI-21), the exit 0–365 days (VI-25)."""

    def fouten(**over):
        waarden = {
            "field_set": p.STATUTORY,
            "match_scope": p.ORGANISATIE,
            "archive_months": 24,
            "exit_days": 30,
            "huishoudverwerking": "",
        }
        return set(p.instellingen_fouten(**{**waarden, **over}))

    assert fouten() == set()
    assert fouten(archive_months=1, exit_days=0) == fouten(archive_months=120, exit_days=365) == set()
    assert fouten(archive_months=0) == fouten(archive_months=121) == {"archiveMonths"}
    assert fouten(exit_days=-1) == fouten(exit_days=366) == {"exitDays"}
    assert fouten(field_set="alles", match_scope="regio") == {"fieldSet", "matchScope"}
    assert fouten(huishoudverwerking="x" * 201) == {"huishoudverwerking"}


def test_vi_12_contact_first():
    assert p.informeren_fout(p.NIEUW, False)[0] == "E_VI_CONTACT_FIRST"
    assert p.informeren_fout(p.CONTACT_GELEGD, False) is None
    assert p.informeren_fout(p.CONTACT_GELEGD, True)[0] == "E_STATE_CONFLICT"
    assert p.afstemmen_fout(p.NIEUW) is None
    assert p.afstemmen_fout(p.CONTACT_GELEGD)


def test_vi_15_coordinator_after_contact():
    assert p.aanwijzen_fout(p.NIEUW)[0] == "E_STATE_CONFLICT"
    assert p.aanwijzen_fout(p.CONTACT_GELEGD) is None


def test_vi_14_task_after_10_working_days_without_informing():
    # match on Monday 2 March 2026: 10 working days later is Monday 16 March
    assert p.informeren_uiterlijk(D(2026, 3, 2)) == D(2026, 3, 16)
    assert not p.informeren_taak(match_datum=D(2026, 3, 2), vandaag=D(2026, 3, 13), geinformeerd=False)
    assert p.informeren_taak(match_datum=D(2026, 3, 2), vandaag=D(2026, 3, 16), geinformeerd=False)
    assert not p.informeren_taak(match_datum=D(2026, 3, 2), vandaag=D(2026, 3, 16), geinformeerd=True)
    # Goede Vrijdag, Pasen: 2026-04-03 and 2026-04-06 are no working days
    assert p.informeren_uiterlijk(D(2026, 3, 30)) == D(2026, 4, 15)


# --- exact refusals: the API's invalidParams and the UI's form fields depend on the names -------------

VIER_NEE = {**VIER_JA, "enigeWeg": False}


@pytest.mark.parametrize(
    ("over", "regels", "verwacht"),
    [
        ({}, p.ProfielRegels(meldrecht=False), [("E_VI_NO_MELDRECHT", "verantwoording")]),
        ({"geboortedatum": D(2000, 1, 1)}, REGELS, [("E_VI_AGE", "verantwoording.geboortedatum")]),
        ({"geboortedatum": None}, REGELS, [("E_INVALID_INPUT", "verantwoording.geboortedatum")]),
        ({"criteria": []}, REGELS, [("E_VI_NO_CRITERION", "verantwoording.criteria")]),
        (
            {"criteria": ["x"]},
            REGELS,
            [("E_VI_NO_CRITERION", "verantwoording.criteria")],
        ),
        ({"criteria": ["l"]}, REGELS, [("E_VI_CRITERION_DISABLED", "verantwoording.criteria")]),
        ({"vermoeden": ""}, REGELS, [("E_VI_NO_CRITERION", "verantwoording.vermoeden")]),
        ({"extraCriteria": ["x"]}, REGELS, [("E_VI_NO_CRITERION", "verantwoording.extraCriteria")]),
        (
            {},
            p.ProfielRegels(extra_criteria=frozenset({"y"})),
            [("E_VI_NO_CRITERION", "verantwoording.extraCriteria")],
        ),
        ({"instemming": None}, REGELS, [("E_VI_NO_BASIS", "verantwoording.instemming")]),
        (
            {"instemming": {"uitkomst": "x", "met": ["jongere", "vertegenwoordiger"], "datum": OP}},
            REGELS,
            [("E_VI_NO_BASIS", "verantwoording.instemming.uitkomst")],
        ),
        (
            {"instemming": {"uitkomst": "gegeven", "met": ["jongere", "vertegenwoordiger"]}},
            REGELS,
            [("E_VI_NO_BASIS", "verantwoording.instemming.datum")],
        ),
        (
            {"instemming": {"uitkomst": "gegeven", "met": ["jongere"], "datum": OP}},
            REGELS,
            [("E_VI_NO_BASIS", "verantwoording.instemming.met")],
        ),
        (
            {"instemming": {"uitkomst": "onmogelijk"}, "vierVragen": VIER_JA},
            REGELS,
            [("E_VI_NO_BASIS", "verantwoording.instemming.redenOnmogelijk")],
        ),
        (
            {
                "instemming": {"uitkomst": "geweigerd", "met": ["jongere", "vertegenwoordiger"], "datum": OP},
                "vierVragen": VIER_NEE,
            },
            REGELS,
            [("E_VI_NO_BASIS", "verantwoording.vierVragen")],
        ),
        (
            {
                "instemming": {"uitkomst": "geweigerd", "met": ["jongere", "vertegenwoordiger"], "datum": OP},
                "vierVragen": {**VIER_JA, "toelichting": " "},
            },
            REGELS,
            [("E_VI_NO_BASIS", "verantwoording.vierVragen.toelichting")],
        ),
        (
            {"informatieplicht": {"methode": "fax", "datum": OP}},
            REGELS,
            [("E_VI_INFO_DUTY", "verantwoording.informatieplicht.methode")],
        ),
        (
            {"informatieplicht": {"methode": "mondeling"}},
            REGELS,
            [("E_VI_INFO_DUTY", "verantwoording.informatieplicht.datum")],
        ),
        (
            {"risicobespreking": {"met": ["jongere"], "datum": OP}},
            REGELS,
            [("E_INVALID_INPUT", "verantwoording.risicobespreking.met")],
        ),
        (
            {"risicobespreking": {"met": ["jongere"]}},
            REGELS,
            [("E_INVALID_INPUT", "verantwoording.risicobespreking")],
        ),
    ],
)
def test_vi_02_to_08_each_refusal_names_its_field_and_rule(over, regels, verwacht):
    """VI-02 … VI-08: exactly these (code, field) pairs — the API's invalidParams and the UI's field
    messages depend on them — and every reason names its rule or says what to do."""
    fouten = p.verantwoording_fouten(v(**over), regels, OP)
    assert [(f.code, f.naam) for f in fouten] == verwacht
    for f in fouten:
        assert f.reden[0].isupper() and f.reden.endswith((".", ")")), f.reden


def test_vi_reasons_cite_the_rule():
    """The Dutch reasons name the SPEC rule, so a professional can look it up."""
    gevallen = {
        "VI-05": p.verantwoording_fouten(v(), p.ProfielRegels(meldrecht=False), OP),
        "VI-02": p.verantwoording_fouten(v(geboortedatum=D(2000, 1, 1)), REGELS, OP),
        "VI-03": p.verantwoording_fouten(v(criteria=[]), REGELS, OP),
        "VI-23": p.verantwoording_fouten(v(criteria=["l"]), REGELS, OP),
        "VI-06": p.verantwoording_fouten(
            v(instemming={"uitkomst": "geweigerd", "met": ["jongere", "vertegenwoordiger"], "datum": OP}),
            REGELS,
            OP,
        ),
        "VI-07": p.verantwoording_fouten(v(informatieplicht=None), REGELS, OP),
        "VI-08": p.verantwoording_fouten(v(risicobespreking={}), REGELS, OP),
    }
    for regel, fouten in gevallen.items():
        assert any(f"({regel})" in f.reden for f in fouten), (regel, fouten)
    assert "(VI-12)" in p.informeren_fout(p.NIEUW, False)[1]
    assert "(VI-14)" in p.informeren_fout(p.CONTACT_GELEGD, True)[1]
    assert "(VI-15)" in p.aanwijzen_fout(p.NIEUW)[1]
    assert "(VI-22)" in p.familie_matching_fout(
        aan=True, field_set=p.STATUTORY, huishoudverwerking_goedgekeurd=False
    )


def test_vi_match_phase_after_contact_in_either_order():
    """SPEC §4 match states: after CONTACT_MADE, coordinator and informing come in either order."""
    fase = p.match_fase
    assert fase(p.NIEUW, zorgcoordinator=False, geinformeerd=False).startswith("Nieuw")
    assert fase(p.CONTACT_GELEGD, zorgcoordinator=False, geinformeerd=False).startswith("Contact gelegd")
    assert fase(p.CONTACT_GELEGD, zorgcoordinator=True, geinformeerd=False) == (
        "Zorgcoördinator afgesproken; jongere nog informeren"
    )
    assert fase(p.CONTACT_GELEGD, zorgcoordinator=False, geinformeerd=True) == (
        "Jongere geïnformeerd; zorgcoördinator nog afspreken"
    )
    assert fase(p.CONTACT_GELEGD, zorgcoordinator=True, geinformeerd=True) == (
        "Zorgcoördinator afgesproken en jongere geïnformeerd"
    )


def test_vi_08_the_reason_names_the_age_band_and_whom_to_ask_never_the_age():
    """API §1.5: a reason names the rule, not personal data — the band of VI-08, not the youth's age."""
    [fout] = p.verantwoording_fouten(
        v(instemming={"uitkomst": "gegeven", "met": ["jongere"], "datum": OP}), REGELS, OP
    )
    assert fout.reden == (
        "Bij een jongere van 12 tot en met 15 jaar: vraag instemming van de jongere en de wettelijk "
        "vertegenwoordiger(s) (VI-05, VI-08)."
    )
    [fout] = p.verantwoording_fouten(
        v(geboortedatum=D(2016, 1, 1), risicobespreking={"met": ["jongere"], "datum": OP}), REGELS, OP
    )
    assert fout.reden == (
        "Bij een jongere jonger dan 12: bespreek de risico's met de wettelijk vertegenwoordiger(s) (VI-08)."
    )
    [fout] = p.verantwoording_fouten(
        v(geboortedatum=D(2008, 1, 1), instemming={"uitkomst": "gegeven", "met": [], "datum": OP}), REGELS, OP
    )
    assert fout.reden.startswith("Bij een jongere van 16 jaar of ouder: vraag instemming van de jongere ")


def test_vi_07_vi_12_a_recorded_fact_lies_between_its_first_possible_day_and_today():
    """A conversation, the informing or the contact cannot predate the youth's birth or the match; such
    facts cannot be undone, so an impossible date is refused."""
    geboren = v()["geboortedatum"]
    ervoor = geboren - dt.timedelta(days=1)
    for over, naam in (
        (
            {"informatieplicht": {"methode": "vi_folder", "datum": ervoor}},
            "verantwoording.informatieplicht.datum",
        ),
        (
            {"instemming": {"uitkomst": "gegeven", "met": ["jongere", "vertegenwoordiger"], "datum": ervoor}},
            "verantwoording.instemming.datum",
        ),
        (
            {"risicobespreking": {"met": ["jongere", "vertegenwoordiger"], "datum": ervoor}},
            "verantwoording.risicobespreking",
        ),
    ):
        assert naam in [f.naam for f in p.verantwoording_fouten(v(**over), REGELS, OP)], naam
    assert (
        p.verantwoording_fouten(v(informatieplicht={"methode": "vi_folder", "datum": geboren}), REGELS, OP)
        == []
    )
    vandaag, begin = D(2026, 3, 10), D(2026, 3, 2)
    assert p.feitdatum_fout(begin, niet_voor=begin, wat="de match", vandaag=vandaag) is None
    assert p.feitdatum_fout(vandaag, niet_voor=begin, wat="de match", vandaag=vandaag) is None
    assert p.feitdatum_fout(D(2026, 3, 1), niet_voor=begin, wat="de match", vandaag=vandaag) == (
        "De datum ligt vóór de match."
    )
    assert p.feitdatum_fout(D(2026, 3, 11), niet_voor=begin, wat="de match", vandaag=vandaag) == (
        "De datum ligt in de toekomst."
    )


def test_vi_25_default_exit_period_is_30_days_and_handover_keeps_the_signal():
    tot = D(2026, 5, 31)
    args = {"status": "actief", "verwijderdatum": D(2026, 12, 1), "uittreding_tot": tot}
    assert p.signaal_status(**args, vandaag=tot + dt.timedelta(days=30)) == "actief"
    assert p.signaal_status(**args, vandaag=tot + dt.timedelta(days=31)) == "ingetrokken"
    assert p.is_actief(**args, vandaag=tot + dt.timedelta(days=30))
    assert not p.is_actief(**args, vandaag=tot + dt.timedelta(days=31))
    assert (
        p.signaal_status(**args, vandaag=tot + dt.timedelta(days=31), overgedragen_na_uittreding=True)
        == "actief"
    )


def test_vi_dates_in_a_justification_must_be_dates():
    """A date that arrives as text (not parsed by the API layer) counts as missing, never as valid."""
    assert "E_INVALID_INPUT" in codes(p.verantwoording_fouten(v(geboortedatum="2011-09-20"), REGELS, OP))


# --- GP-04, GP-06, VI-22: widening the regional settings is the FG's ---------------------------------


@pytest.mark.parametrize(
    ("oud", "nieuw", "verwacht"),
    [
        ({"field_set": p.STATUTORY}, {"field_set": p.EXTENDED_2009}, ["field_set"]),
        ({"family_matching": False}, {"family_matching": True}, ["family_matching"]),
        (
            {"field_set": p.STATUTORY, "family_matching": False},
            {"field_set": p.EXTENDED_2009, "family_matching": True},
            ["field_set", "family_matching"],
        ),
        ({"field_set": p.EXTENDED_2009}, {"field_set": p.EXTENDED_2009}, []),  # unchanged
        ({"field_set": p.EXTENDED_2009}, {"field_set": p.STATUTORY}, []),  # narrowing: GP-06
        ({"family_matching": True}, {"family_matching": False}, []),
    ],
)
def test_gp_04_vi_22_what_widens_the_verwijsindex(oud, nieuw, verwacht):
    assert p.verruimingen(oud=oud, nieuw=nieuw) == verwacht


@pytest.mark.parametrize(
    ("verruimd", "door_fg", "dpia", "code"),
    [
        (True, False, True, "E_VI_CRITERION_DISABLED"),  # the beheerder, even with a DPIA
        (True, True, False, "E_VI_CRITERION_DISABLED"),  # the FG without an approved DPIA
        (True, True, True, None),
        (False, False, False, None),  # narrowing or other settings: the beheerder's
    ],
)
def test_gp_04_rg_02_widening_needs_the_fg_and_an_approved_dpia(verruimd, door_fg, dpia, code):
    assert p.verruiming_weigering(verruimd=verruimd, door_fg=door_fg, dpia_goedgekeurd=dpia) == code


def test_gp_06_the_dpia_reference_goes_with_the_last_widening():
    assert p.verruiming_dpia_nodig(field_set=p.EXTENDED_2009, family_matching=False)
    assert p.verruiming_dpia_nodig(field_set=p.STATUTORY, family_matching=True)
    assert not p.verruiming_dpia_nodig(field_set=p.STATUTORY, family_matching=False)
