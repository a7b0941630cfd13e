"""Pure rules of the case-table workflow (SPEC §8, CT-01 … CT-16, RT-08). No database.

CT-11 (no export) is not a rule of `policies.py`; it is tested with the API.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zorgvuldig.casusoverleg import policies as p
from zorgvuldig.core.kalender import plus_maanden

D = dt.date
ONGELDIG = "E_INVALID_INPUT"
STATUS = "E_STATE_CONFLICT"
NIET_BEVOEGD = "E_AC_NOT_AUTHORISED"
GEEN_DEELNEMER = "E_AC_NOT_SIGNATORY"
GEEN_GROND = "E_CT_NO_GROUND"


def _zin(tekst: str) -> bool:
    """A Dutch sentence: capital (or a count) first, not shouted, ending in a full stop (house style)."""
    return (
        len(tekst) > 8
        and (tekst[0].isupper() or tekst[0].isdigit())
        and not tekst[1].isupper()
        and tekst.endswith(".")
    )


def paren(fouten) -> list[tuple[str, str]]:
    """(code, field) of each failure, in order (the first decides the code); every reason a sentence."""
    for f in fouten:
        assert _zin(f.reden), f.reden
    return [(f.code, f.naam) for f in fouten]


def tekst(lengte: int) -> str:
    """`lengte` non-space characters, padded with spaces that do not count."""
    return "  " + "x" * lengte + "  "


# --- Table types (CT-16, CT-08, CT-01) ---------------------------------------------------------------

GRONDSLAGEN = ("a", "b", "c", "d", "e", "f")
ZORGPARTNER = p.Partner("org-jeugdhulp", "Jeugdhulp bieden", p.ZORG, p.TOESTEMMING)
POLITIEPARTNER = p.Partner("org-politie", "Openbare orde handhaven", p.POLITIE, p.WPG_ART20)


def overlegtype(**over):
    basis = {
        "naam": "Lokaal PGA Utrecht",
        "soort": "lokaal_pga",
        "doel": "Recidive van probleemgedrag voorkomen",
        "grondslag": "e",
        "criteria": ["Twee politieregistraties in 12 maanden", "Sociale of zorgproblemen"],
        "minimumleeftijd": 12,
        "partners": [ZORGPARTNER, POLITIEPARTNER],
        "toestemmingsmodus": p.REQUIRED,
        "bewaartermijn_maanden": 24,
        "grondslagen": GRONDSLAGEN,
    }
    basis.update(over)
    return p.overlegtype_fouten(**basis)


def test_ct_16_complete_table_type_passes():
    assert overlegtype() == ()
    # Iterables are read once: generators work as well as lists.
    assert (
        overlegtype(
            criteria=iter(["recidive"]),
            partners=iter([ZORGPARTNER, POLITIEPARTNER]),
            grondslagen=iter(GRONDSLAGEN),
        )
        == ()
    )


@pytest.mark.parametrize(
    "soort",
    [
        "lokaal_pga",
        "pga_zvh",
        "veiligheidshuis",
        "vroegsignalering",
        "jeugdgroepen",
        "kinderbeschermingstafel",
    ],
)
def test_ct_16_every_table_kind_of_the_spec_is_accepted(soort):
    assert overlegtype(soort=soort) == ()


@pytest.mark.parametrize("soort", ["", "wijkoverleg", "Lokaal_PGA"])
def test_ct_16_unknown_table_kind_is_refused(soort):
    assert paren(overlegtype(soort=soort)) == [(ONGELDIG, "soort")]


@pytest.mark.parametrize(
    "veld,waarde,naam",
    [
        ("naam", "   ", "naam"),
        ("doel", "", "doel"),
        ("doel", " \t ", "doel"),
        ("criteria", [], "criteria"),
        ("criteria", ["  ", ""], "criteria"),
    ],
)
def test_ct_16_name_purpose_and_criteria_are_required(veld, waarde, naam):
    assert paren(overlegtype(**{veld: waarde})) == [(ONGELDIG, naam)]


def test_ct_02_ct_16_one_real_criterion_among_blank_ones_suffices():
    assert overlegtype(criteria=["  ", "Verzuim"]) == ()


def test_ct_03_ct_16_purpose_is_required_and_cites_ct_03():
    (fout,) = overlegtype(doel=" ")
    assert "(CT-03)" in fout.reden


def test_ct_16_legal_basis_is_one_of_the_configured_grounds():
    assert paren(overlegtype(grondslag="g")) == [(ONGELDIG, "grondslag")]
    assert paren(overlegtype(grondslag="e", grondslagen=("a", "b"))) == [(ONGELDIG, "grondslag")]
    assert overlegtype(grondslag="a", grondslagen=("a",)) == ()


@pytest.mark.parametrize("leeftijd", [0, 1, 12, 119, 120])
def test_ct_16_minimum_age_from_0_to_120_is_accepted(leeftijd):
    assert overlegtype(minimumleeftijd=leeftijd) == ()


@pytest.mark.parametrize("leeftijd", [None, -1, 121, 200])
def test_ct_16_minimum_age_outside_0_to_120_or_missing_is_refused(leeftijd):
    assert paren(overlegtype(minimumleeftijd=leeftijd)) == [(ONGELDIG, "minimumleeftijd")]


@pytest.mark.parametrize("maanden", [1, 2, 239, 240])
def test_ct_16_rt_08_retention_from_1_to_240_months_is_accepted(maanden):
    assert overlegtype(bewaartermijn_maanden=maanden) == ()


@pytest.mark.parametrize("maanden", [None, 0, -1, 241])
def test_ct_16_rt_08_retention_outside_1_to_240_months_or_missing_is_refused(maanden):
    assert paren(overlegtype(bewaartermijn_maanden=maanden)) == [(ONGELDIG, "bewaartermijnMaanden")]


@pytest.mark.parametrize("modus", [p.REQUIRED, p.INFORM_ONLY])
def test_ct_08_ct_16_consent_mode_is_required_or_inform_only(modus):
    assert overlegtype(toestemmingsmodus=modus) == ()


@pytest.mark.parametrize("modus", ["", "altijd", "REQUIRED"])
def test_ct_08_ct_16_unknown_consent_mode_is_refused(modus):
    assert paren(overlegtype(toestemmingsmodus=modus)) == [(ONGELDIG, "toestemmingsmodus")]


def test_ct_16_a_table_type_has_partners():
    assert paren(overlegtype(partners=[])) == [(ONGELDIG, "partners")]


def test_ct_16_each_partner_has_a_task_and_a_known_role_indexed_by_position():
    zonder_taak = p.Partner("org-b", "  ", p.ZORG, p.TOESTEMMING)
    assert paren(overlegtype(partners=[ZORGPARTNER, zonder_taak])) == [(ONGELDIG, "partners.1.taak")]
    onbekende_rol = p.Partner("org-c", "Meedenken", "burger", p.TOESTEMMING)
    # An unknown role is refused as such; its ground is not judged as well.
    assert paren(overlegtype(partners=[ZORGPARTNER, onbekende_rol])) == [(ONGELDIG, "partners.1.rol")]
    assert paren(overlegtype(partners=[onbekende_rol, zonder_taak])) == [
        (ONGELDIG, "partners.0.rol"),
        (ONGELDIG, "partners.1.taak"),
    ]


@pytest.mark.parametrize(
    "rol,grond,past",
    [
        (p.POLITIE, p.WPG_ART20, True),
        (p.POLITIE, p.TOESTEMMING, False),
        (p.POLITIE, p.OM_WET, False),
        (p.OM, p.OM_WET, True),
        (p.OM, p.WPG_ART20, False),
        (p.OM, p.G4, False),
        (p.ZORG, p.TOESTEMMING, True),
        (p.ZORG, "g2_medebehandeling", True),
        (p.ZORG, p.WPG_ART20, False),
        (p.OVERHEID, p.G5, True),
        (p.OVERHEID, p.OM_WET, False),
    ],
)
def test_ct_08_ct_16_partner_ground_must_fit_its_role(rol, grond, past):
    partner = p.Partner("org-b", "Taak", rol, grond)
    fouten = paren(overlegtype(partners=[ZORGPARTNER, partner]))
    assert fouten == ([] if past else [(GEEN_GROND, "partners.1.grond")])


def test_ct_16_an_organisation_is_listed_once():
    tweede_rol = p.Partner(ZORGPARTNER.organisatie, "Nog een taak", p.OVERHEID, p.G4)
    assert paren(overlegtype(partners=[ZORGPARTNER, tweede_rol])) == [(ONGELDIG, "partners")]


def test_ct_16_all_failures_in_order_the_first_decides():
    fouten = overlegtype(
        naam="",
        soort="x",
        doel="",
        grondslag="z",
        criteria=[],
        minimumleeftijd=None,
        partners=[p.Partner("o", "", "x", ""), p.Partner("o", "Taak", p.POLITIE, p.TOESTEMMING)],
        toestemmingsmodus="x",
        bewaartermijn_maanden=None,
    )
    assert paren(fouten) == [
        (ONGELDIG, "naam"),
        (ONGELDIG, "soort"),
        (ONGELDIG, "doel"),
        (ONGELDIG, "grondslag"),
        (ONGELDIG, "criteria"),
        (ONGELDIG, "minimumleeftijd"),
        (ONGELDIG, "partners.0.taak"),
        (ONGELDIG, "partners.0.rol"),
        (GEEN_GROND, "partners.1.grond"),
        (ONGELDIG, "partners"),
        (ONGELDIG, "toestemmingsmodus"),
        (ONGELDIG, "bewaartermijnMaanden"),
    ]


GROND_VAN_ROL = {p.POLITIE: p.WPG_ART20, p.OM: p.OM_WET, p.ZORG: p.TOESTEMMING, p.OVERHEID: p.G4}


def test_ct_16_a_template_for_exactly_the_six_table_kinds():
    assert set(p.SJABLONEN) == set(p.SOORTEN)


@pytest.mark.parametrize("soort", p.SOORTEN)
def test_ct_16_each_template_is_a_complete_type_once_the_host_adds_its_partners(soort):
    sjabloon = dict(p.SJABLONEN[soort])
    rollen = sjabloon.pop("partnerrollen")
    assert rollen and set(rollen) <= set(p.PARTNERROLLEN)
    partners = [
        p.Partner(f"org-{i}", "Taak aan tafel", rol, GROND_VAN_ROL[rol]) for i, rol in enumerate(rollen)
    ]
    assert p.overlegtype_fouten(soort=soort, partners=partners, grondslagen=GRONDSLAGEN, **sjabloon) == ()


def test_ct_02_veiligheidshuis_template_is_for_persons_aged_12_or_over():
    """SPEC §8 table: Veiligheidshuis tables are for persons aged ≥ 12."""
    assert p.SJABLONEN["veiligheidshuis"]["minimumleeftijd"] == 12
    assert p.POLITIE in p.SJABLONEN["lokaal_pga"]["partnerrollen"]  # Local PGA: police among the partners


@pytest.mark.parametrize("grond", sorted(p.SH_GRONDEN | {p.TOESTEMMING, p.OM_WET, ""}))
def test_ct_08_police_contribute_under_wpg_never_consent(grond):
    assert p.grond_past_bij_rol(p.POLITIE, grond) is False
    assert p.grond_past_bij_rol(p.POLITIE, p.WPG_ART20) is True


@pytest.mark.parametrize("grond", sorted(p.SH_GRONDEN | {p.TOESTEMMING, p.WPG_ART20, ""}))
def test_ct_08_om_contributes_under_its_own_statute_never_consent(grond):
    assert p.grond_past_bij_rol(p.OM, grond) is False
    assert p.grond_past_bij_rol(p.OM, p.OM_WET) is True


@pytest.mark.parametrize("rol", [p.ZORG, p.OVERHEID])
def test_ct_08_care_and_government_roles_under_consent_or_any_sh_ground(rol):
    assert p.grond_past_bij_rol(rol, p.TOESTEMMING) is True
    for grond in p.SH_GRONDEN:
        assert p.grond_past_bij_rol(rol, grond) is True, grond
    for grond in (p.WPG_ART20, p.OM_WET, "", "g9_onbekend"):
        assert p.grond_past_bij_rol(rol, grond) is False, grond


def test_ct_08_sh_grounds_are_the_eight_of_sh_03_and_required_mode_allows_g4_to_g7():
    assert len(p.SH_GRONDEN) == 8
    assert frozenset({p.G4, p.G5, p.G6, p.G7}) == p.ZONDER_TOESTEMMING_REQUIRED
    assert p.ZONDER_TOESTEMMING_REQUIRED < p.SH_GRONDEN


# --- Activation (CT-01, CT-16) ---------------------------------------------------------------------


def activering(**over):
    basis = {
        "convenant_actief": True,
        "partner_organisaties": ["org-a", "org-b"],
        "toegetreden": ["org-a", "org-b", "org-c"],
        "basis_goedgekeurd": True,
    }
    basis.update(over)
    return p.activering_fouten(**basis)


def test_ct_01_active_convenant_every_partner_acceded_and_fg_approved_activates():
    assert activering() == ()
    assert activering(partner_organisaties=iter(["org-a"]), toegetreden=iter(["org-a"])) == ()


def test_ct_01_inactive_convenant_is_refused():
    (fout,) = activering(convenant_actief=False)
    assert paren([fout]) == [(GEEN_DEELNEMER, "convenant")]
    assert "(CT-01)" in fout.reden


def test_ct_01_every_partner_must_have_acceded_and_the_count_is_named():
    (fout,) = activering(partner_organisaties=["org-a", "org-x", "org-y", "org-x"], toegetreden=["org-a"])
    assert paren([fout]) == [(GEEN_DEELNEMER, "partners")]
    assert fout.reden.startswith("2 partner(s) ")
    assert "(CT-01)" in fout.reden
    (fout,) = activering(toegetreden=["org-b"])
    assert fout.reden.startswith("1 partner(s) ")


def test_ct_16_basis_and_grounds_need_fg_approval_before_activation():
    (fout,) = activering(basis_goedgekeurd=False)
    assert paren([fout]) == [(NIET_BEVOEGD, "grondslag")]
    assert "(CT-16)" in fout.reden


def test_ct_01_ct_16_all_activation_failures_in_order():
    fouten = activering(convenant_actief=False, toegetreden=[], basis_goedgekeurd=False)
    assert paren(fouten) == [
        (GEEN_DEELNEMER, "convenant"),
        (GEEN_DEELNEMER, "partners"),
        (NIET_BEVOEGD, "grondslag"),
    ]


BASIS = {
    "naam": "PGA",
    "grondslag": "e",
    "partners": [["org-a", "zorg", "toestemming"]],
    "toestemmingsmodus": "required",
}


def test_ct_16_unchanged_basis_needs_no_new_approval():
    assert p.basiswijziging(BASIS, dict(BASIS)) is False
    assert p.basiswijziging(BASIS, {**BASIS, "naam": "PGA Noord", "doel": "Anders"}) is False


@pytest.mark.parametrize(
    "wijziging",
    [
        {"grondslag": "c"},
        {"partners": [["org-a", "zorg", "g4_wettelijke_bevoegdheid"]]},
        {"toestemmingsmodus": "inform_only"},
    ],
)
def test_ct_16_change_of_basis_role_ground_or_consent_mode_needs_fg_again(wijziging):
    assert p.basiswijziging(BASIS, {**BASIS, **wijziging}) is True
    assert p.basiswijziging({**BASIS, **wijziging}, BASIS) is True


def test_ct_16_a_basis_field_appearing_or_disappearing_is_a_change():
    zonder = {k: v for k, v in BASIS.items() if k != "grondslag"}
    assert p.basiswijziging(zonder, BASIS) is True
    assert p.basiswijziging(BASIS, zonder) is True


# --- Phases and states (SPEC §8) -------------------------------------------------------------------

PAD = [
    p.AANGEMELD,
    p.GEACCEPTEERD,
    p.TRIAGE,
    p.GEAGENDEERD,
    p.IN_OVERLEG,
    p.PLAN_VASTGESTELD,
    p.MONITORING,
    p.PLAN_HERZIEN,
    p.MONITORING,
    p.AFSCHALING,
    p.GESLOTEN,
]
ALLEEN_PROCES = [
    (p.AANGEMELD, p.GEACCEPTEERD),
    (p.AANGEMELD, p.AFGEWEZEN),
    (p.GEACCEPTEERD, p.TRIAGE),
    (p.TRIAGE, p.GEAGENDEERD),
    (p.AFSCHALING, p.GESLOTEN),
]
BEIDE_REGISSEURS = [
    (p.GEAGENDEERD, p.IN_OVERLEG),
    (p.IN_OVERLEG, p.PLAN_VASTGESTELD),
    (p.PLAN_VASTGESTELD, p.MONITORING),
    (p.MONITORING, p.PLAN_HERZIEN),
    (p.PLAN_HERZIEN, p.MONITORING),
    (p.PLAN_VASTGESTELD, p.AFSCHALING),
    (p.MONITORING, p.AFSCHALING),
    (p.PLAN_HERZIEN, p.AFSCHALING),
]


def test_ct_states_the_procesregisseur_walks_the_whole_path():
    for van, naar in itertools.pairwise(PAD):
        assert p.overgang_fout(van, naar, [p.PROCES]) is None, (van, naar)


def test_ct_states_the_table_holds_exactly_the_spec_transitions():
    assert set(p.TRANSITIES) == set(ALLEEN_PROCES) | set(BEIDE_REGISSEURS)


@pytest.mark.parametrize("van,naar", ALLEEN_PROCES)
def test_ct_states_intake_triage_and_closing_are_the_procesregisseurs(van, naar):
    assert p.overgang_fout(van, naar, [p.PROCES]) is None
    assert p.overgang_fout(van, naar, (p.CASUS, p.PROCES)) is None
    assert p.overgang_fout(van, naar, iter([p.PROCES])) is None
    assert p.overgang_fout(van, naar, [p.CASUS]) == NIET_BEVOEGD
    assert p.overgang_fout(van, naar, []) == NIET_BEVOEGD
    assert p.overgang_fout(van, naar, ["aanmelder"]) == NIET_BEVOEGD


@pytest.mark.parametrize("van,naar", BEIDE_REGISSEURS)
def test_ct_states_conference_and_afschaling_are_either_directors(van, naar):
    assert p.overgang_fout(van, naar, [p.PROCES]) is None
    assert p.overgang_fout(van, naar, [p.CASUS]) is None
    assert p.overgang_fout(van, naar, []) == NIET_BEVOEGD
    assert p.overgang_fout(van, naar, ["deelnemer", "aanmelder"]) == NIET_BEVOEGD


@pytest.mark.parametrize(
    "van,naar",
    [
        (p.AANGEMELD, p.TRIAGE),  # no skipping the intake
        (p.GEACCEPTEERD, p.IN_OVERLEG),
        (p.AFGEWEZEN, p.GEACCEPTEERD),  # rejected is final
        (p.GESLOTEN, p.AANGEMELD),  # closed is final
        (p.PLAN_VASTGESTELD, p.PLAN_HERZIEN),
        (p.IN_OVERLEG, p.AFSCHALING),  # no afschaling without a plan
        (p.MONITORING, p.GESLOTEN),  # closing only from afschaling (CT-15)
        (p.MONITORING, p.MONITORING),
        ("onbekend", p.AANGEMELD),
        (p.AANGEMELD, "onbekend"),
    ],
)
def test_ct_states_unknown_transition_is_a_state_conflict_whoever_asks(van, naar):
    assert p.overgang_fout(van, naar, [p.PROCES, p.CASUS]) == STATUS
    assert p.overgang_fout(van, naar, []) == STATUS  # the state is judged before the person


@given(
    st.sampled_from(p.STATUSSEN), st.sampled_from(p.STATUSSEN), st.sets(st.sampled_from([p.PROCES, p.CASUS]))
)
def test_ct_states_rejected_and_closed_are_final_and_a_move_never_skips_a_phase(van, naar, rollen):
    fout = p.overgang_fout(van, naar, rollen)
    if van in (p.AFGEWEZEN, p.GESLOTEN):
        assert fout == STATUS
    if fout != STATUS:
        stap = p.FASEN.index(p.FASE_VAN[naar]) - p.FASEN.index(p.FASE_VAN[van])
        assert stap in (0, 1)
        assert fout == (None if rollen & p.TRANSITIES[(van, naar)] else NIET_BEVOEGD)


@pytest.mark.parametrize(
    "status,afgerond",
    [
        (p.AANGEMELD, False),
        (p.GEACCEPTEERD, False),
        (p.AFGEWEZEN, False),
        (p.TRIAGE, False),
        (p.GEAGENDEERD, False),
        (p.IN_OVERLEG, False),
        (p.PLAN_VASTGESTELD, True),
        (p.MONITORING, True),
        (p.PLAN_HERZIEN, True),
        (p.AFSCHALING, True),
        (p.GESLOTEN, True),
        ("onbekend", False),
        ("", False),
    ],
)
def test_ct_12_allocation_is_done_once_the_plan_is_adopted(status, afgerond):
    assert p.allocatie_afgerond(status) is afgerond


# --- Intake (CT-02, CT-07, CT-08 informing) ------------------------------------------------------


def intake(**over):
    basis = {
        "leeftijd": 17,
        "minimumleeftijd": 12,
        "type_criteria": ["recidive", "zorgproblemen"],
        "criteria_toets": {"recidive": True, "zorgproblemen": False},
        "client_geinformeerd": True,
        "uitzondering_reden": "",
    }
    basis.update(over)
    return p.intake_fouten(**basis)


def test_ct_02_ct_08_e6_tom_17_meets_a_criterion_and_is_informed():
    """E6: Tom (17), 3 police registrations, accepted and informed."""
    assert intake() == ()


def test_ct_02_age_exactly_the_minimum_is_accepted():
    assert intake(leeftijd=12, minimumleeftijd=12) == ()
    assert intake(leeftijd=0, minimumleeftijd=0) == ()


def test_ct_02_one_year_under_the_minimum_age_is_e_ct_min_age():
    (fout,) = intake(leeftijd=11, minimumleeftijd=12)
    assert paren([fout]) == [("E_CT_MIN_AGE", "persoon")]
    assert "12 jaar" in fout.reden and "(CT-02)" in fout.reden


def test_ct_02_unknown_age_cannot_be_checked():
    assert paren(intake(leeftijd=None)) == [("E_PE_AGE_UNKNOWN", "persoon")]
    assert paren(intake(leeftijd=None, minimumleeftijd=0)) == [("E_PE_AGE_UNKNOWN", "persoon")]


@pytest.mark.parametrize(
    "toets",
    [
        {"recidive": True},  # a criterion not answered
        {"recidive": True, "zorgproblemen": None},
        {"recidive": True, "zorgproblemen": "ja"},
        {"recidive": True, "zorgproblemen": 1},
        {"recidive": True, "zorgproblemen": False, "verzuim": True},  # not a criterion of the type
    ],
)
def test_ct_02_every_criterion_of_the_type_answered_yes_or_no(toets):
    (fout,) = intake(criteria_toets=toets)
    assert paren([fout]) == [(ONGELDIG, "criteriaToets")]
    assert fout.reden.startswith("Beantwoord elk criterium") and "(CT-02)" in fout.reden


def test_ct_02_no_criterion_met_is_refused_with_advice():
    (fout,) = intake(criteria_toets={"recidive": False, "zorgproblemen": False})
    assert paren([fout]) == [(ONGELDIG, "criteriaToets")]
    assert fout.reden.startswith("Geen criterium vervuld") and "(CT-02)" in fout.reden


def test_ct_02_blank_criteria_of_the_type_need_no_answer():
    assert intake(type_criteria=iter(["recidive", "  "]), criteria_toets={"recidive": True}) == ()
    assert paren(intake(type_criteria=["recidive", " "], criteria_toets={"recidive": True, " ": True})) == [
        (ONGELDIG, "criteriaToets")
    ]


def test_ct_02_resident_informed_or_a_concrete_exception_of_at_least_10_characters():
    assert intake(client_geinformeerd=False, uitzondering_reden=tekst(10)) == ()
    assert paren(intake(client_geinformeerd=False, uitzondering_reden=tekst(9))) == [
        (ONGELDIG, "clientGeinformeerd")
    ]
    assert paren(intake(client_geinformeerd=False, uitzondering_reden="")) == [
        (ONGELDIG, "clientGeinformeerd")
    ]
    assert intake(client_geinformeerd=True, uitzondering_reden=" \n ") == ()


def test_ct_02_informed_and_an_exception_together_is_refused():
    assert paren(intake(client_geinformeerd=True, uitzondering_reden="Veiligheid")) == [
        (ONGELDIG, "uitzonderingReden")
    ]


def test_ct_02_several_intake_failures_in_order_the_age_decides():
    fouten = intake(leeftijd=5, criteria_toets={}, client_geinformeerd=False)
    assert paren(fouten) == [
        ("E_CT_MIN_AGE", "persoon"),
        (ONGELDIG, "criteriaToets"),
        (ONGELDIG, "clientGeinformeerd"),
    ]


def test_ct_02_rejection_records_advice_of_at_least_10_characters():
    assert p.afwijzing_fouten(tekst(10)) == ()
    (fout,) = p.afwijzing_fouten(tekst(9))
    assert paren([fout]) == [(ONGELDIG, "advies")]
    assert "(CT-02)" in fout.reden
    assert paren(p.afwijzing_fouten("   ")) == [(ONGELDIG, "advies")]


@pytest.mark.parametrize("agenderen", [True, False])
def test_ct_02_early_signalling_weighing_agenda_yes_or_no_plus_advice(agenderen):
    assert p.weging_fouten(soort=p.VROEGSIGNALERING, agenderen=agenderen, advies=tekst(10)) == ()


def test_ct_02_weighing_without_a_yes_or_no_or_advice_is_refused():
    assert paren(p.weging_fouten(soort=p.VROEGSIGNALERING, agenderen=None, advies=tekst(10))) == [
        (ONGELDIG, "agenderen")
    ]
    assert paren(p.weging_fouten(soort=p.VROEGSIGNALERING, agenderen="ja", advies=tekst(10))) == [
        (ONGELDIG, "agenderen")
    ]
    (fout,) = p.weging_fouten(soort=p.VROEGSIGNALERING, agenderen=True, advies=tekst(9))
    assert paren([fout]) == [(ONGELDIG, "advies")]
    assert "(CT-02)" in fout.reden
    assert paren(p.weging_fouten(soort=p.VROEGSIGNALERING, agenderen=None, advies="")) == [
        (ONGELDIG, "agenderen"),
        (ONGELDIG, "advies"),
    ]


@pytest.mark.parametrize("soort", ["lokaal_pga", "veiligheidshuis", "kinderbeschermingstafel"])
def test_ct_02_anonymous_weighing_only_for_early_signalling(soort):
    (fout,) = p.weging_fouten(soort=soort, agenderen=None, advies="")  # the kind decides alone
    assert paren([fout]) == [(STATUS, "soort")]
    assert "(CT-02)" in fout.reden


@pytest.mark.parametrize(
    "soort,status,heeft_persoon,vereist",
    [
        (p.VROEGSIGNALERING, p.AANGEMELD, False, False),  # anonymous until weighed and accepted
        (p.VROEGSIGNALERING, p.GEACCEPTEERD, False, True),
        (p.VROEGSIGNALERING, p.TRIAGE, False, True),
        (p.VROEGSIGNALERING, p.AANGEMELD, True, False),
        (p.VROEGSIGNALERING, p.GEACCEPTEERD, True, False),
        ("lokaal_pga", p.AANGEMELD, False, True),  # every other case names its person from registration
        ("lokaal_pga", p.IN_OVERLEG, False, True),
        ("lokaal_pga", p.AANGEMELD, True, False),
        ("veiligheidshuis", p.TRIAGE, True, False),
    ],
)
def test_ct_02_person_required_except_early_signalling_before_acceptance(
    soort, status, heeft_persoon, vereist
):
    assert p.persoon_vereist(soort, status, heeft_persoon) is vereist


# --- CT-07 client involvement ----------------------------------------------------------------------


def test_ct_07_how_the_client_is_involved_or_why_not_one_of_the_two():
    assert p.clientbetrokkenheid_fouten("Tom is uitgenodigd voor het overleg", "") == ()
    assert p.clientbetrokkenheid_fouten(" ", "Veiligheid van de partner") == ()
    for wijze, reden in [("", ""), ("  ", "\t"), ("Uitgenodigd", "Veiligheid")]:
        fouten = p.clientbetrokkenheid_fouten(wijze, reden)
        assert paren(fouten) == [(ONGELDIG, "clientBetrokkenheid")], (wijze, reden)
        assert "(CT-07)" in fouten[0].reden


# --- Participants (CT-04, CT-05, CT-06) ----------------------------------------------------------


def uitnodiging(**over):
    basis = {
        "rol": p.EIGEN_TAAK,
        "reden": "Politie kent Tom van drie registraties",
        "vraag": "",
        "is_partner": True,
        "toegetreden": True,
        "al_uitgenodigd": False,
        "status": p.TRIAGE,
    }
    basis.update(over)
    return p.uitnodiging_fouten(**basis)


def test_ct_04_ct_06_e6_own_task_advisor_and_informant_with_question_are_invited():
    assert uitnodiging(rol=p.EIGEN_TAAK) == ()
    assert uitnodiging(rol=p.ADVISEUR) == ()
    assert uitnodiging(rol=p.INFORMANT, vraag="Hoe vaak verzuimde Tom dit jaar?") == ()


def test_ct_06_explicit_role_required():
    for rol in ("", "toehoorder", "EIGEN_TAAK"):
        fouten = uitnodiging(rol=rol)
        assert paren(fouten) == [(ONGELDIG, "rol")], rol
        assert "(CT-06)" in fouten[0].reden


def test_ct_06_an_informant_gets_its_question():
    assert paren(uitnodiging(rol=p.INFORMANT, vraag="")) == [(ONGELDIG, "vraag")]
    assert paren(uitnodiging(rol=p.INFORMANT, vraag="   ")) == [(ONGELDIG, "vraag")]
    assert uitnodiging(rol=p.ADVISEUR, vraag="") == ()


def test_ct_04_each_invitation_records_why_at_least_10_characters():
    assert uitnodiging(reden=tekst(10)) == ()
    (fout,) = uitnodiging(reden=tekst(9))
    assert paren([fout]) == [(ONGELDIG, "reden")]
    assert "(CT-04)" in fout.reden


def test_ct_04_only_partners_of_the_type_are_invited():
    (fout,) = uitnodiging(is_partner=False)
    assert paren([fout]) == [(ONGELDIG, "organisatie")]
    assert "(CT-04)" in fout.reden


def test_ct_04_the_organisation_acceded_to_the_convenant():
    (fout,) = uitnodiging(toegetreden=False)
    assert paren([fout]) == [(GEEN_DEELNEMER, "organisatie")]
    assert "(AC-01)" in fout.reden


def test_ct_04_a_participant_is_invited_once():
    (fout,) = uitnodiging(al_uitgenodigd=True)
    assert paren([fout]) == [(ONGELDIG, "organisatie")]
    assert "al uitgenodigd" in fout.reden


UITNODIGEN = (p.TRIAGE, p.GEAGENDEERD, p.IN_OVERLEG, p.PLAN_VASTGESTELD, p.MONITORING, p.PLAN_HERZIEN)


@pytest.mark.parametrize("status", [*p.STATUSSEN, "onbekend"])
def test_ct_02_ct_04_invitations_only_after_intake_and_before_afschaling(status):
    """Nobody is shown the person before the intake accepted the case (CT-02), nor after afschaling."""
    fouten = paren(uitnodiging(status=status))
    assert fouten == ([] if status in UITNODIGEN else [(STATUS, "status")])


def test_ct_04_ct_06_all_invitation_failures_in_order():
    fouten = uitnodiging(
        status=p.GESLOTEN, rol="x", reden="", is_partner=False, toegetreden=False, al_uitgenodigd=True
    )
    assert paren(fouten) == [
        (STATUS, "status"),
        (ONGELDIG, "rol"),
        (ONGELDIG, "reden"),
        (ONGELDIG, "organisatie"),
        (GEEN_DEELNEMER, "organisatie"),
        (ONGELDIG, "organisatie"),
    ]
    assert paren(uitnodiging(status=p.AFGEWEZEN, rol=p.INFORMANT)) == [
        (STATUS, "status"),
        (ONGELDIG, "vraag"),
    ]


def test_ct_05_triage_answer_known_or_not_plus_a_contact():
    assert p.triage_antwoord_fouten({"bekend": False}, p.TRIAGE) == ()
    assert p.triage_antwoord_fouten({"bekend": False, "contact": None}, p.TRIAGE) == ()
    contact = {"naam": "A. de Vries", "email": "a@example.org", "telefoon": "030-1234567"}
    assert p.triage_antwoord_fouten({"bekend": True, "contact": contact}, p.TRIAGE) == ()
    assert p.triage_antwoord_fouten({"bekend": True, "contact": {"naam": "A. de Vries"}}, p.TRIAGE) == ()


@pytest.mark.parametrize("status", [s for s in p.STATUSSEN if s != p.TRIAGE])
def test_ct_05_triage_answers_only_during_triage(status):
    fouten = p.triage_antwoord_fouten({"bekend": False}, status)
    assert paren(fouten) == [(STATUS, "status")]
    assert "(CT-05)" in fouten[0].reden


def test_ct_05_triage_asks_nothing_else():
    fouten = p.triage_antwoord_fouten({"bekend": False, "diagnose": "x", "adres": "y"}, p.TRIAGE)
    assert paren(fouten) == [(ONGELDIG, "adres"), (ONGELDIG, "diagnose")]


@pytest.mark.parametrize("antwoord", [{}, {"bekend": None}, {"bekend": "ja"}, {"bekend": 1}])
def test_ct_05_known_or_not_is_a_yes_or_no(antwoord):
    assert paren(p.triage_antwoord_fouten(antwoord, p.TRIAGE)) == [(ONGELDIG, "bekend")]


def test_ct_05_contact_holds_only_name_email_and_phone():
    assert paren(p.triage_antwoord_fouten({"bekend": False, "contact": "06-12345678"}, p.TRIAGE)) == [
        (ONGELDIG, "contact")
    ]
    assert paren(p.triage_antwoord_fouten({"bekend": True, "contact": ["A. de Vries"]}, p.TRIAGE)) == [
        (ONGELDIG, "contact"),
        (ONGELDIG, "contact.naam"),
    ]
    contact = {"naam": "A. de Vries", "functie": "wijkagent", "bsn": "123456782"}
    assert paren(p.triage_antwoord_fouten({"bekend": True, "contact": contact}, p.TRIAGE)) == [
        (ONGELDIG, "contact.bsn"),
        (ONGELDIG, "contact.functie"),
    ]


@pytest.mark.parametrize("antwoord", [{"bekend": True}, {"bekend": True, "contact": {}}])
def test_ct_05_who_is_involved_names_a_contact(antwoord):
    assert paren(p.triage_antwoord_fouten(antwoord, p.TRIAGE)) == [(ONGELDIG, "contact.naam")]
    blanco = {"bekend": True, "contact": {"naam": "  ", "email": "a@example.org"}}
    assert paren(p.triage_antwoord_fouten(blanco, p.TRIAGE)) == [(ONGELDIG, "contact.naam")]


def test_ct_05_all_triage_failures_in_order():
    fouten = p.triage_antwoord_fouten({"zorg": "x", "contact": {"bsn": "1"}}, p.MONITORING)
    assert paren(fouten) == [
        (STATUS, "status"),
        (ONGELDIG, "zorg"),
        (ONGELDIG, "bekend"),
        (ONGELDIG, "contact.bsn"),
    ]


@pytest.mark.parametrize(
    "rol,zicht",
    [
        (p.EIGEN_TAAK, p.VOLLEDIG),
        (p.ADVISEUR, p.PSEUDONIEM),
        (p.INFORMANT, p.ALLEEN_VRAAG),
        (None, None),
        ("", None),
        ("toehoorder", None),
    ],
)
def test_ct_06_what_a_participant_sees_of_the_case(rol, zicht):
    assert p.zicht(rol, False) == zicht
    assert p.zicht(rol, True) == p.VOLLEDIG  # the directors see it all


BIJDRAGEN_OPEN = (p.TRIAGE, p.GEAGENDEERD, p.IN_OVERLEG, p.MONITORING, p.PLAN_HERZIEN)


@pytest.mark.parametrize("status", [*p.STATUSSEN, "onbekend"])
@pytest.mark.parametrize("rol", [p.EIGEN_TAAK, p.ADVISEUR, p.INFORMANT, None, "toehoorder"])
def test_ct_06_who_may_contribute_by_role_and_status(rol, status):
    if status not in BIJDRAGEN_OPEN:
        verwacht = STATUS
    elif status in (p.TRIAGE, p.GEAGENDEERD):  # CT-05: parties only answer the triage question
        verwacht = STATUS if rol in p.DEELNEMERROLLEN else NIET_BEVOEGD
    elif rol in (p.EIGEN_TAAK, p.ADVISEUR):
        verwacht = None
    elif rol == p.INFORMANT:
        verwacht = None if status == p.IN_OVERLEG else STATUS  # it answers only its question
    else:
        verwacht = NIET_BEVOEGD
    assert p.mag_bijdragen(rol, False, status) == verwacht


@pytest.mark.parametrize("status", [*p.STATUSSEN, "onbekend"])
@pytest.mark.parametrize("rol", [None, p.INFORMANT])
def test_ct_06_directors_contribute_from_triage_until_allocation(rol, status):
    assert p.mag_bijdragen(rol, True, status) == (None if status in BIJDRAGEN_OPEN else STATUS)


# --- CT-03 purpose binding ------------------------------------------------------------------------


def in_fase(fase="overleg", doelversie=1, bevestigd_voor="", huidige_fase="overleg", huidige_doelversie=1):
    return p.bijdrage_zichtbaar_in_fase(
        fase=fase,
        doelversie=doelversie,
        bevestigd_voor=bevestigd_voor,
        huidige_fase=huidige_fase,
        huidige_doelversie=huidige_doelversie,
    )


def test_ct_03_phase_key_is_phase_and_purpose_version():
    assert p.fase_sleutel("overleg", 3) == "overleg:3"


def test_ct_03_contribution_shows_in_its_own_phase_and_purpose():
    assert in_fase() is True


def test_ct_03_later_phase_hides_it_until_reconfirmed_for_that_phase():
    assert in_fase(fase="triage", huidige_fase="overleg") is False
    assert in_fase(fase="triage", bevestigd_voor="overleg:1") is True
    assert in_fase(fase="intake", bevestigd_voor="triage:1") is False  # confirmed for an earlier phase


def test_ct_03_changed_purpose_hides_it_until_reconfirmed_for_the_new_purpose():
    assert in_fase(doelversie=1, huidige_doelversie=2) is False
    assert in_fase(doelversie=1, huidige_doelversie=2, bevestigd_voor="overleg:1") is False
    assert in_fase(doelversie=1, huidige_doelversie=2, bevestigd_voor="overleg:2") is True


# --- Contributions (CT-08, CT-09, CT-14) ------------------------------------------------------------


def feit(**over):
    basis = {
        "partnerrol": p.ZORG,
        "grond": p.TOESTEMMING,
        "toestemming_geldig": True,
        "geheimhouder": False,
        "deelbesluit_doorstaan": False,
        "bijzonder": False,
        "noodzaak": "Jeugdhulp heeft dit nodig voor het plan",
        "soort": p.FEIT,
        "bron": "eigen_waarneming",
        "veiligheidszaak": False,
        "toestemmingsmodus": p.REQUIRED,
    }
    basis.update(over)
    return p.Bijdragefeit(**basis)


def test_ct_08_ct_09_e6_police_under_wpg_and_youth_care_health_data_with_consent():
    """E6: police contribute under Wpg art 20, youth care mental-health data with Tom's consent."""
    politie = feit(partnerrol=p.POLITIE, grond=p.WPG_ART20, toestemming_geldig=False, noodzaak="")
    assert p.bijdrage_fouten(politie) == ()
    jeugdhulp = feit(bijzonder=True, geheimhouder=True, deelbesluit_doorstaan=True)
    assert p.bijdrage_fouten(jeugdhulp) == ()


@pytest.mark.parametrize("grond", [p.TOESTEMMING, p.G1, p.G4, p.OM_WET, ""])
def test_ct_08_police_contribute_under_wpg_never_consent_per_contribution(grond):
    fouten = p.grond_fouten(feit(partnerrol=p.POLITIE, grond=grond, toestemming_geldig=True))
    assert paren(fouten) == [(GEEN_GROND, "grond.soort")]
    assert "(CT-08)" in fouten[0].reden


@pytest.mark.parametrize("grond", [p.TOESTEMMING, p.G1, p.WPG_ART20])
def test_ct_08_om_contributes_under_its_own_statute_per_contribution(grond):
    assert paren(p.grond_fouten(feit(partnerrol=p.OM, grond=grond))) == [(GEEN_GROND, "grond.soort")]
    assert p.grond_fouten(feit(partnerrol=p.OM, grond=p.OM_WET, toestemming_geldig=False)) == ()


@pytest.mark.parametrize("modus", [p.REQUIRED, p.INFORM_ONLY])
@pytest.mark.parametrize("grond", [p.TOESTEMMING, p.G1])
def test_ct_08_care_role_under_consent_needs_a_valid_consent(grond, modus):
    assert p.grond_fouten(feit(grond=grond, toestemmingsmodus=modus)) == ()
    fouten = p.grond_fouten(feit(grond=grond, toestemmingsmodus=modus, toestemming_geldig=False))
    assert paren(fouten) == [(GEEN_GROND, "grond.toestemming")]
    assert "(CT-08)" in fouten[0].reden


@pytest.mark.parametrize("grond", [*sorted(p.SH_GRONDEN - {p.G1}), p.WPG_ART20, p.OM_WET, ""])
def test_ct_08_required_mode_without_consent_only_g4_to_g7(grond):
    fouten = p.grond_fouten(feit(grond=grond, toestemming_geldig=False, toestemmingsmodus=p.REQUIRED))
    if grond in (p.G4, p.G5, p.G6, p.G7):
        assert fouten == ()
    else:
        assert paren(fouten) == [(GEEN_GROND, "grond.soort")]
        assert "SH-09" in fouten[0].reden


@pytest.mark.parametrize("grond", [*sorted(p.SH_GRONDEN - {p.G1}), p.WPG_ART20, p.OM_WET, ""])
def test_ct_08_inform_only_mode_allows_any_sh_03_ground(grond):
    fouten = p.grond_fouten(feit(grond=grond, toestemming_geldig=False, toestemmingsmodus=p.INFORM_ONLY))
    if grond in p.SH_GRONDEN:
        assert fouten == ()
    else:
        assert paren(fouten) == [(GEEN_GROND, "grond.soort")]
        assert "(CT-08)" in fouten[0].reden


def test_ct_08_government_role_follows_the_care_rules():
    assert p.grond_fouten(feit(partnerrol=p.OVERHEID, grond=p.G5, toestemming_geldig=False)) == ()
    assert paren(p.grond_fouten(feit(partnerrol=p.OVERHEID, grond=p.G8))) == [(GEEN_GROND, "grond.soort")]
    assert paren(p.grond_fouten(feit(partnerrol=p.OVERHEID, grond=p.WPG_ART20))) == [
        (GEEN_GROND, "grond.soort")
    ]


@pytest.mark.parametrize("grond", [p.G4, p.G5, p.G6, p.G7])
@pytest.mark.parametrize("toestemming_geldig", [True, False])
def test_ct_09_secrecy_bound_without_consent_passes_sh_03_through_a_sharing_decision(
    grond, toestemming_geldig
):
    zonder_besluit = feit(grond=grond, toestemming_geldig=toestemming_geldig, geheimhouder=True)
    fouten = p.grond_fouten(zonder_besluit)
    assert paren(fouten) == [("E_SH_RECIPIENT_TASK_ONLY", "grond.deelbesluit")]
    assert "(CT-09)" in fouten[0].reden
    met_besluit = feit(grond=grond, geheimhouder=True, deelbesluit_doorstaan=True)
    assert p.grond_fouten(met_besluit) == ()
    assert p.grond_fouten(feit(grond=grond, geheimhouder=False, deelbesluit_doorstaan=False)) == ()


@pytest.mark.parametrize("grond", [p.TOESTEMMING, p.G1])
def test_ct_09_secrecy_bound_with_the_persons_valid_consent_needs_no_sharing_decision(grond):
    assert p.grond_fouten(feit(grond=grond, geheimhouder=True, deelbesluit_doorstaan=False)) == ()
    zonder = feit(grond=grond, toestemming_geldig=False, geheimhouder=True)
    assert paren(p.grond_fouten(zonder)) == [
        (GEEN_GROND, "grond.toestemming"),
        ("E_SH_RECIPIENT_TASK_ONLY", "grond.deelbesluit"),
    ]


def test_ct_08_ct_09_no_ground_comes_before_the_sharing_decision():
    fouten = p.grond_fouten(feit(toestemming_geldig=False, geheimhouder=True))
    assert paren(fouten) == [
        (GEEN_GROND, "grond.toestemming"),
        ("E_SH_RECIPIENT_TASK_ONLY", "grond.deelbesluit"),
    ]
    fouten = p.grond_fouten(feit(grond=p.G8, geheimhouder=True))
    assert paren(fouten) == [(GEEN_GROND, "grond.soort"), ("E_SH_RECIPIENT_TASK_ONLY", "grond.deelbesluit")]


@pytest.mark.parametrize("soort", p.BIJDRAGESOORTEN)
@pytest.mark.parametrize("bron", p.BRONNEN)
def test_ct_08_every_kind_and_source_of_contribution_is_accepted(soort, bron):
    assert p.bijdrage_fouten(feit(soort=soort, bron=bron)) == ()


def test_ct_08_contribution_has_a_known_kind_and_source():
    assert paren(p.bijdrage_fouten(feit(soort="roddel"))) == [("E_DS_NOTE_TYPE", "soort")]
    fouten = p.bijdrage_fouten(feit(bron=""))
    assert paren(fouten) == [("E_DS_NOTE_TYPE", "bron")]
    assert "(DS-07)" in fouten[0].reden


@pytest.mark.parametrize("soort", [p.MENING, p.CLIENT_VISIE])
def test_ct_14_safety_cases_exchange_only_concrete_facts_and_events(soort):
    fouten = p.bijdrage_fouten(feit(soort=soort, veiligheidszaak=True))
    assert paren(fouten) == [(ONGELDIG, "soort")]
    assert "(CT-14)" in fouten[0].reden
    assert p.bijdrage_fouten(feit(soort=p.FEIT, veiligheidszaak=True)) == ()
    assert p.bijdrage_fouten(feit(soort=p.GEBEURTENIS, veiligheidszaak=True)) == ()


def test_ct_14_unknown_kind_in_a_safety_case_is_an_unknown_kind():
    assert paren(p.bijdrage_fouten(feit(soort="roddel", veiligheidszaak=True))) == [
        ("E_DS_NOTE_TYPE", "soort")
    ]


def test_ct_09_care_role_records_why_its_own_task_needs_it_at_least_10_characters():
    assert p.bijdrage_fouten(feit(noodzaak=tekst(10))) == ()
    fouten = p.bijdrage_fouten(feit(noodzaak=tekst(9)))
    assert paren(fouten) == [(ONGELDIG, "noodzaak")]
    assert "(CT-09)" in fouten[0].reden


@pytest.mark.parametrize("rol,grond", [(p.POLITIE, p.WPG_ART20), (p.OM, p.OM_WET), (p.OVERHEID, p.G4)])
def test_ct_09_the_need_is_recorded_for_care_roles_only(rol, grond):
    assert p.bijdrage_fouten(feit(partnerrol=rol, grond=grond, noodzaak="")) == ()


def test_ct_08_ct_09_ct_14_all_contribution_failures_in_order_the_kind_decides():
    fouten = p.bijdrage_fouten(
        feit(soort="x", bron="x", toestemming_geldig=False, geheimhouder=True, noodzaak="")
    )
    assert paren(fouten) == [
        ("E_DS_NOTE_TYPE", "soort"),
        ("E_DS_NOTE_TYPE", "bron"),
        (GEEN_GROND, "grond.toestemming"),
        ("E_SH_RECIPIENT_TASK_ONLY", "grond.deelbesluit"),
        (ONGELDIG, "noodzaak"),
    ]
    fouten = p.bijdrage_fouten(
        feit(partnerrol=p.POLITIE, grond=p.TOESTEMMING, soort=p.MENING, veiligheidszaak=True)
    )
    assert paren(fouten) == [(ONGELDIG, "soort"), (GEEN_GROND, "grond.soort")]


# --- CT-10 restricting and withdrawing --------------------------------------------------------------


@pytest.mark.parametrize("status", [p.ACTIEF, p.BEPERKT])
def test_ct_10_contributor_may_restrict_or_withdraw_until_allocation(status):
    assert p.intrekken_fout(is_bijdrager=True, status_bijdrage=status, toegedeeld=False) is None


def test_ct_10_not_after_allocation_nor_twice():
    assert p.intrekken_fout(is_bijdrager=True, status_bijdrage=p.ACTIEF, toegedeeld=True) == STATUS
    assert p.intrekken_fout(is_bijdrager=True, status_bijdrage=p.INGETROKKEN, toegedeeld=False) == STATUS


def test_ct_10_only_the_contributor_controls_its_contribution():
    assert p.intrekken_fout(is_bijdrager=False, status_bijdrage=p.ACTIEF, toegedeeld=False) == NIET_BEVOEGD
    assert (
        p.intrekken_fout(is_bijdrager=False, status_bijdrage=p.INGETROKKEN, toegedeeld=True) == NIET_BEVOEGD
    )


# --- What a viewer sees of a contribution (CT-03, CT-06, CT-10, CT-12, RT-08) -------------------------


def bijdrage(**over):
    basis = {
        "eigen": False,
        "status": p.ACTIEF,
        "beperkt_tot": frozenset(),
        "in_fase": True,
        "toegedeeld_aan_kijker": False,
        "gearchiveerd": False,
    }
    basis.update(over)
    return p.Bijdragezicht(**basis)


def ziet(
    z,
    *,
    zicht=p.VOLLEDIG,
    deelnemer="d-1",
    is_regisseur=False,
    is_fg=False,
    status=p.IN_OVERLEG,
    is_procesregisseur=False,
):
    return p.bijdrage_zichtbaar(
        z,
        zicht_=zicht,
        deelnemer=deelnemer,
        is_regisseur=is_regisseur,
        is_fg=is_fg,
        status=status,
        is_procesregisseur=is_procesregisseur,
    )


def test_rt_08_archived_items_only_for_the_procesregisseur_and_the_fg():
    archief = bijdrage(gearchiveerd=True, toegedeeld_aan_kijker=True)
    assert ziet(archief, zicht=None, is_fg=True, status=p.GESLOTEN) is True
    assert ziet(archief, is_regisseur=True, is_procesregisseur=True, status=p.GESLOTEN) is True
    assert ziet(archief, is_regisseur=True, status=p.GESLOTEN) is False  # the casusregisseur alone
    assert ziet(archief, status=p.GESLOTEN) is False  # a participant with its own task, even allocated
    assert ziet(archief, zicht=p.PSEUDONIEM, status=p.GESLOTEN) is False


def test_rt_08_the_contributor_loses_its_own_items_once_archived():
    assert ziet(bijdrage(eigen=True, gearchiveerd=True), status=p.GESLOTEN) is False
    assert ziet(bijdrage(eigen=True), status=p.GESLOTEN) is True


def test_ct_10_the_contributor_always_sees_its_own():
    eigen = bijdrage(eigen=True, status=p.INGETROKKEN, in_fase=False)
    assert ziet(eigen, zicht=p.ALLEEN_VRAAG) is True
    assert ziet(eigen, zicht=None, deelnemer=None, status=p.MONITORING) is True


def test_ct_10_withdrawn_is_hidden_from_everyone_else():
    ingetrokken = bijdrage(status=p.INGETROKKEN, toegedeeld_aan_kijker=True)
    assert ziet(ingetrokken) is False
    assert ziet(ingetrokken, is_regisseur=True) is False
    assert ziet(ingetrokken, is_regisseur=True, status=p.MONITORING) is False


@pytest.mark.parametrize(
    "status", [p.PLAN_VASTGESTELD, p.MONITORING, p.PLAN_HERZIEN, p.AFSCHALING, p.GESLOTEN]
)
def test_ct_12_after_allocation_participants_see_only_what_was_allocated_to_them(status):
    assert ziet(bijdrage(toegedeeld_aan_kijker=True), status=status) is True
    assert ziet(bijdrage(toegedeeld_aan_kijker=False), status=status) is False
    assert ziet(bijdrage(toegedeeld_aan_kijker=False), zicht=p.PSEUDONIEM, status=status) is False
    # Allocation decides, not the phase or a restriction the contributor approved it over.
    assert ziet(bijdrage(toegedeeld_aan_kijker=True, in_fase=False, status=p.BEPERKT), status=status) is True
    assert ziet(bijdrage(), is_regisseur=True, status=status) is True


@pytest.mark.parametrize("status", [p.TRIAGE, p.GEAGENDEERD, p.IN_OVERLEG])
def test_ct_06_before_allocation_own_task_and_advisor_see_confirmed_items(status):
    assert ziet(bijdrage(), zicht=p.VOLLEDIG, status=status) is True
    assert ziet(bijdrage(), zicht=p.PSEUDONIEM, status=status) is True


@pytest.mark.parametrize("zicht", [p.ALLEEN_VRAAG, None])
def test_ct_06_an_informant_or_outsider_sees_no_contributions(zicht):
    assert ziet(bijdrage(), zicht=zicht) is False
    assert ziet(bijdrage(toegedeeld_aan_kijker=True), zicht=zicht) is False


def test_ct_03_unconfirmed_items_are_hidden_but_from_the_procesregisseur_who_reconfirms_them():
    assert ziet(bijdrage(in_fase=False)) is False
    assert ziet(bijdrage(in_fase=False), is_regisseur=True) is False  # the casusregisseur
    assert ziet(bijdrage(in_fase=False), is_regisseur=True, is_procesregisseur=True) is True
    assert ziet(bijdrage(in_fase=False), zicht=p.PSEUDONIEM, is_procesregisseur=True) is True
    assert ziet(bijdrage(in_fase=False), zicht=p.ALLEEN_VRAAG, is_procesregisseur=True) is False


def test_ct_10_restricted_items_only_for_the_chosen_participants_and_the_directors():
    beperkt = bijdrage(status=p.BEPERKT, beperkt_tot=frozenset({"d-1", "d-2"}))
    assert ziet(beperkt, deelnemer="d-1") is True
    assert ziet(beperkt, deelnemer="d-3") is False
    assert ziet(beperkt, deelnemer=None) is False
    assert ziet(beperkt, deelnemer=None, is_regisseur=True) is True
    assert ziet(beperkt, deelnemer="d-3", is_regisseur=True) is True
    assert ziet(bijdrage(status=p.BEPERKT), deelnemer="d-1") is False


# --- Allocation (CT-12) and the conference's end (CT-13) ----------------------------------------------


def toedeling(**over):
    basis = {
        "ontvanger_rol": p.EIGEN_TAAK,
        "bijdragen_status": [p.ACTIEF, p.BEPERKT],
        "status": p.IN_OVERLEG,
        "aantal": 2,
    }
    basis.update(over)
    return p.toedeling_fouten(**basis)


@pytest.mark.parametrize("status", p.STATUSSEN)
def test_ct_12_allocation_during_the_conference_or_a_revision(status):
    fouten = toedeling(status=status)
    if status in (p.IN_OVERLEG, p.PLAN_HERZIEN):
        assert fouten == ()
    else:
        assert paren(fouten) == [(STATUS, "status")]
        assert "(CT-12)" in fouten[0].reden


@pytest.mark.parametrize("rol", [p.ADVISEUR, p.INFORMANT, ""])
def test_ct_12_only_a_participant_with_its_own_task_receives_items(rol):
    assert paren(toedeling(ontvanger_rol=rol)) == [(ONGELDIG, "deelnemer")]


def test_ct_12_an_allocation_holds_at_least_one_active_item():
    assert toedeling(aantal=1, bijdragen_status=iter([p.ACTIEF])) == ()
    assert paren(toedeling(aantal=0, bijdragen_status=[])) == [(ONGELDIG, "bijdragen")]
    fouten = toedeling(bijdragen_status=[p.ACTIEF, p.INGETROKKEN])
    assert paren(fouten) == [(ONGELDIG, "bijdragen")]
    assert "ingetrokken" in fouten[0].reden


def test_ct_12_all_allocation_failures_in_order():
    fouten = toedeling(ontvanger_rol=p.INFORMANT, bijdragen_status=[p.INGETROKKEN], status=p.TRIAGE, aantal=0)
    assert paren(fouten) == [
        (STATUS, "status"),
        (ONGELDIG, "deelnemer"),
        (ONGELDIG, "bijdragen"),
        (ONGELDIG, "bijdragen"),
    ]


def plan(**over):
    basis = {
        "plan": "Tom gaat terug naar school; jeugdhulp begeleidt",
        "informeert_client": True,
        "deelbaar_met_client": "Het plan en de afspraken",
        "toedelingen": 2,
        "open_goedkeuringen": 0,
    }
    basis.update(over)
    return p.plan_fouten(**basis)


def test_ct_12_ct_13_e6_plan_allocation_and_who_informs_tom():
    assert plan() == ()
    assert plan(plan=tekst(10), toedelingen=1) == ()


def test_ct_12_plan_needs_at_least_10_characters():
    assert paren(plan(plan=tekst(9))) == [(ONGELDIG, "plan")]


def test_ct_12_conference_ends_with_an_allocation_approved_by_every_contributor():
    fouten = plan(toedelingen=0)
    assert paren(fouten) == [(ONGELDIG, "toedelingen")]
    assert "(CT-12)" in fouten[0].reden
    (fout,) = plan(open_goedkeuringen=2)
    assert paren([fout]) == [(STATUS, "toedelingen")]
    assert fout.reden.startswith("2 bijdrage(n) ") and "(CT-12)" in fout.reden


def test_ct_13_conference_records_who_informs_the_client_and_what_may_be_shared():
    fouten = plan(informeert_client=False)
    assert paren(fouten) == [(ONGELDIG, "informeertClient")]
    assert "(CT-13)" in fouten[0].reden
    fouten = plan(deelbaar_met_client="  ")
    assert paren(fouten) == [(ONGELDIG, "deelbaarMetClient")]
    assert "(CT-13)" in fouten[0].reden


def test_ct_12_ct_13_all_plan_failures_in_order():
    fouten = plan(
        plan="", informeert_client=False, deelbaar_met_client="", toedelingen=0, open_goedkeuringen=1
    )
    assert paren(fouten) == [
        (ONGELDIG, "plan"),
        (ONGELDIG, "toedelingen"),
        (STATUS, "toedelingen"),
        (ONGELDIG, "informeertClient"),
        (ONGELDIG, "deelbaarMetClient"),
    ]


AFSPRAAK = {"wie": "Wijkagent", "wat": "Huisbezoek", "wanneer": "2026-04-01"}


@pytest.mark.parametrize("soort", sorted(p.VEILIGHEIDSTAFELS))
def test_ct_14_safety_plan_agreements_say_who_does_what_by_when(soort):
    assert p.veiligheidsplan_fouten(soort, [AFSPRAAK]) == ()
    assert p.veiligheidsplan_fouten(soort, iter([AFSPRAAK, {**AFSPRAAK, "wanneer": D(2026, 4, 1)}])) == ()


def test_ct_14_the_safety_tables_are_veiligheidshuis_and_child_protection():
    assert frozenset({"veiligheidshuis", "kinderbeschermingstafel"}) == p.VEILIGHEIDSTAFELS


@pytest.mark.parametrize("soort", ["lokaal_pga", "vroegsignalering", "jeugdgroepen"])
def test_ct_14_a_safety_plan_belongs_to_a_safety_table(soort):
    fouten = p.veiligheidsplan_fouten(soort, [AFSPRAAK])
    assert paren(fouten) == [(STATUS, "soort")]
    assert "(CT-14)" in fouten[0].reden


def test_ct_14_a_safety_plan_has_concrete_agreements():
    assert paren(p.veiligheidsplan_fouten("veiligheidshuis", [])) == [(ONGELDIG, "afspraken")]
    onvolledig = {"wie": None, "wat": "  "}
    fouten = p.veiligheidsplan_fouten("veiligheidshuis", [AFSPRAAK, onvolledig])
    assert paren(fouten) == [
        (ONGELDIG, "afspraken.1.wie"),
        (ONGELDIG, "afspraken.1.wat"),
        (ONGELDIG, "afspraken.1.wanneer"),
    ]
    assert "(CT-14)" in fouten[0].reden
    assert paren(p.veiligheidsplan_fouten("lokaal_pga", [])) == [(STATUS, "soort"), (ONGELDIG, "afspraken")]


# --- Afschaling and closing (CT-15, RT-08) --------------------------------------------------------


def overdracht(**over):
    basis = {
        "bijdrage_bekend": True,
        "deelbesluit_bekend": True,
        "deelbesluit_uitgevoerd": True,
        "deelbesluit_van_inbrenger": True,
        "ontvanger_is_overnemer": True,
    }
    basis.update(over)
    return p.Overdrachtfeit(**basis)


def afsluiten(*items, status=p.AFSCHALING, overnemende_partij=True):
    return p.afsluit_fouten(status=status, overnemende_partij=overnemende_partij, overdracht=items)


def test_ct_15_e6_selected_items_go_to_the_wijkteam_and_the_case_closes():
    assert afsluiten(overdracht(), overdracht()) == ()


@pytest.mark.parametrize("status", [s for s in p.STATUSSEN if s != p.AFSCHALING])
def test_ct_15_closing_only_from_afschaling(status):
    fouten = afsluiten(overdracht(), status=status)
    assert paren(fouten) == [(STATUS, "status")]
    assert "(CT-15)" in fouten[0].reden


def test_ct_15_the_taking_over_party_is_named():
    fouten = afsluiten(overdracht(), overnemende_partij=False)
    assert paren(fouten) == [(ONGELDIG, "overnemendePartij")]
    assert "(CT-15)" in fouten[0].reden


def test_ct_15_each_transferred_item_is_a_known_contribution():
    assert paren(afsluiten(overdracht(), overdracht(bijdrage_bekend=False))) == [
        (ONGELDIG, "overdracht.1.bijdrage")
    ]


@pytest.mark.parametrize(
    "over",
    [
        {"deelbesluit_bekend": False},
        {"deelbesluit_uitgevoerd": False},
        {"deelbesluit_bekend": False, "deelbesluit_uitgevoerd": False},
    ],
)
def test_ct_15_each_transfer_is_an_executed_sharing_decision(over):
    (fout,) = afsluiten(overdracht(**over))
    assert paren([fout]) == [(ONGELDIG, "overdracht.0.deelbesluit")]
    assert fout.reden.endswith("uitgevoerd deelbesluit (CT-15).")


@pytest.mark.parametrize("over", [{"deelbesluit_van_inbrenger": False}, {"ontvanger_is_overnemer": False}])
def test_ct_10_ct_15_the_decision_is_the_contributors_towards_the_taking_over_party(over):
    (fout,) = afsluiten(overdracht(), overdracht(**over))
    assert paren([fout]) == [(ONGELDIG, "overdracht.1.deelbesluit")]
    assert "(CT-10, CT-15)" in fout.reden


def test_ct_15_all_closing_failures_in_order():
    fouten = afsluiten(
        overdracht(bijdrage_bekend=False, deelbesluit_uitgevoerd=False, deelbesluit_van_inbrenger=False),
        overdracht(deelbesluit_van_inbrenger=False, ontvanger_is_overnemer=False),
        status=p.MONITORING,
        overnemende_partij=False,
    )
    assert paren(fouten) == [
        (STATUS, "status"),
        (ONGELDIG, "overnemendePartij"),
        (ONGELDIG, "overdracht.0.bijdrage"),
        (ONGELDIG, "overdracht.0.deelbesluit"),
        (ONGELDIG, "overdracht.1.deelbesluit"),
    ]
    assert "(CT-10" not in fouten[3].reden  # an unexecuted decision is refused as such


@pytest.mark.parametrize(
    "gesloten,maanden,tot",
    [
        (D(2026, 3, 10), 24, D(2028, 3, 10)),
        (D(2026, 3, 10), 1, D(2026, 4, 10)),
        (D(2026, 3, 10), 240, D(2046, 3, 10)),
        (D(2026, 1, 31), 1, D(2026, 2, 28)),  # capped at month end
        (D(2028, 1, 31), 1, D(2028, 2, 29)),  # leap year
        (D(2026, 8, 31), 6, D(2027, 2, 28)),  # SPEC §0 example
        (D(2026, 11, 15), 2, D(2027, 1, 15)),  # over the year end
        (D(2026, 12, 31), 1, D(2027, 1, 31)),
    ],
)
def test_rt_08_closed_case_items_kept_the_types_term_in_calendar_months(gesloten, maanden, tot):
    assert p.bewaren_tot(gesloten, maanden) == tot
    assert p.bewaren_tot(gesloten, maanden) == plus_maanden(gesloten, maanden)


# --- Meeting support: reminders -------------------------------------------------------------------

DEADLINE = D(2026, 3, 20)


def herinnering(vandaag, *, gereed=False, al_herinnerd=None, deadline=DEADLINE):
    return p.herinnering_nodig(deadline=deadline, gereed=gereed, vandaag=vandaag, al_herinnerd=al_herinnerd)


def test_ct_actions_reminded_from_exactly_three_days_before_the_deadline():
    assert herinnering(D(2026, 3, 17)) is True
    assert herinnering(D(2026, 3, 16)) is False
    assert herinnering(DEADLINE) is True
    assert herinnering(D(2026, 3, 25)) is True  # overdue: still reminded


def test_ct_actions_done_are_not_reminded():
    for vandaag in (D(2026, 3, 10), D(2026, 3, 17), DEADLINE, D(2026, 3, 25)):
        assert herinnering(vandaag, gereed=True) is False


def test_ct_actions_reminded_at_most_once_a_day():
    vandaag = D(2026, 3, 18)
    assert herinnering(vandaag, al_herinnerd=vandaag) is False
    assert herinnering(vandaag, al_herinnerd=D(2026, 3, 17)) is True
    assert herinnering(vandaag, al_herinnerd=None) is True
    assert herinnering(D(2026, 3, 16), al_herinnerd=D(2026, 3, 1)) is False


# --- CT-06: the participant's role in words on the grant's reason (review F18) ---------------------------


@pytest.mark.parametrize(
    ("rol", "tekst"),
    [
        (p.EIGEN_TAAK, "Deelnemer (eigen taak): Nodig voor het plan."),
        (p.ADVISEUR, "Deelnemer (adviseur): Nodig voor het plan."),
        (p.INFORMANT, "Deelnemer (informant): Nodig voor het plan."),
    ],
)
def test_ct_06_deelnamereden_noemt_de_rol_in_woorden(rol, tekst):
    """CT-06/AC-02: a participant's grant names the role in Dutch, not its code (`eigen_taak`)."""
    assert p.deelnamereden(rol, "Nodig voor het plan.") == tekst
    assert set(p.DEELNEMERROL_NAMEN) == set(p.DEELNEMERROLLEN)


def test_ct_06_deelnamereden_past_in_het_veld_van_de_toegang():
    reden = p.deelnamereden(p.EIGEN_TAAK, "x" * 600)
    assert len(reden) == 500 and reden.startswith("Deelnemer (eigen taak): xxx")
    # a role without a name (never accepted by `uitnodiging_fouten`) is written as it came
    assert p.deelnamereden("waarnemer", "Nodig.") == "Deelnemer (waarnemer): Nodig."


@pytest.mark.parametrize(
    ("opgeslagen", "getoond"),
    [
        ("Deelnemer (eigen_taak): Oud.", "Deelnemer (eigen taak): Oud."),
        ("Deelnemer (adviseur): Oud.", "Deelnemer (adviseur): Oud."),
        (
            "Deelnemer (informant): Deelnemer (eigen_taak): x",
            "Deelnemer (informant): Deelnemer (eigen_taak): x",
        ),
        ("Deelnemer (eigen taak): Nieuw.", "Deelnemer (eigen taak): Nieuw."),
        ("Lid van het casusteam (eigen_taak)", "Lid van het casusteam (eigen_taak)"),
        ("Eerder: Deelnemer (eigen_taak): x", "Eerder: Deelnemer (eigen_taak): x"),
        ("", ""),
    ],
)
def test_ct_06_oude_toegangsreden_toont_de_rol_in_woorden(opgeslagen, getoond):
    """CT-06: grants made before the role was written in words show it in words on the page; only that
    prefix is translated, any other reason is shown as it was written."""
    assert p.leesbare_toegangsreden(opgeslagen) == getoond


# --- CT-08 with CS-02/CS-03: a consent covers the table, a sharing decision is addressed to it ----------

_VANDAAG = dt.date(2026, 11, 28)
_POLITIE = p.Lezer("org-politie", "Politie", "politie_om")
_GGD = p.Lezer("org-ggd", "GGD", "wgbo_zorg")


def _toestemming(**over):
    from zorgvuldig.toestemmingen import policies as cs

    basis = {
        "soort": "doorbreking_beroepsgeheim",
        "status": "gegeven",
        "doel": "casusoverleg",
        "ontvangers": (cs.Ontvanger(organisatie="org-politie"), cs.Ontvanger(organisatie="org-ggd")),
        "gegevenscategorieen": frozenset({"schoolgegevens"}),
        "vorm": "schriftelijk",
        "uitdrukkelijk": True,
    }
    return cs.Toestemmingsfeit(**{**basis, **over})


def _tafelfouten(t, **over):
    args = {
        "zelfde_persoon": True,
        "tafelnaam": "Lokale PGA Krimpen",
        "lezers": (_POLITIE, _GGD),
        "doel": "casusoverleg",
        "gegevens": frozenset({"schoolgegevens"}),
        "bijzonder": False,
        "vandaag": _VANDAAG,
    }
    return p.toestemming_tafel_fouten(t, **{**args, **over})


def test_ct_08_cs_02_a_consent_naming_every_reader_purpose_and_data_covers_the_table():
    assert _tafelfouten(_toestemming()) == ()


def test_ct_08_cs_02_a_consent_naming_only_veilig_thuis_does_not_cover_the_table():
    """The review finding: Sam's consent names Veilig Thuis, for its purpose and school data only."""
    from zorgvuldig.toestemmingen import policies as cs

    alleen_vt = _toestemming(doel="gegevensdeling", ontvangers=(cs.Ontvanger(organisatie="org-vt"),))
    (fout,) = _tafelfouten(alleen_vt)
    assert fout.code == "E_CS_NOT_SPECIFIC" and fout.naam == "grond.toestemming"
    assert "GGD" in fout.reden or "Politie" in fout.reden


def test_ct_08_cs_02_every_reader_must_be_named_not_just_one():
    from zorgvuldig.toestemmingen import policies as cs

    (fout,) = _tafelfouten(_toestemming(ontvangers=(cs.Ontvanger(organisatie="org-politie"),)))
    assert fout.code == "E_CS_NOT_SPECIFIC" and "GGD" in fout.reden


def test_ct_08_cs_02_the_consent_may_name_the_table_itself():
    from zorgvuldig.toestemmingen import policies as cs

    t = _toestemming(ontvangers=(cs.Ontvanger(naam="  lokale pga   KRIMPEN"),))
    assert _tafelfouten(t) == ()


def test_ct_08_cs_02_the_purpose_must_be_the_tables_processing_activity():
    (fout,) = _tafelfouten(_toestemming(doel="gegevensdeling"))
    assert fout.code == "E_CS_NOT_SPECIFIC" and "doel" in fout.reden


def test_ct_08_cs_02_every_contributed_data_category_must_be_covered():
    (fout,) = _tafelfouten(_toestemming(), gegevens=frozenset({"schoolgegevens", "gezondheid"}))
    assert (
        fout.code == "E_CS_NOT_SPECIFIC" and fout.naam == "gegevenscategorieen" and "gezondheid" in fout.reden
    )
    (leeg,) = _tafelfouten(_toestemming(), gegevens=frozenset())
    assert leeg.code == "E_CS_NOT_SPECIFIC" and leeg.naam == "gegevenscategorieen"


@pytest.mark.parametrize(
    "over",
    [{"status": "ingetrokken"}, {"status": "gevraagd"}, {"geldig_tot": _VANDAAG - dt.timedelta(days=1)}],
)
def test_ct_08_only_a_consent_valid_today_counts(over):
    (fout,) = _tafelfouten(_toestemming(**over))
    assert fout.code == "E_CT_NO_GROUND"


def test_ct_08_a_consent_of_another_person_or_none_is_no_ground():
    assert _tafelfouten(_toestemming(), zelfde_persoon=False)[0].code == "E_CT_NO_GROUND"
    assert _tafelfouten(None)[0].code == "E_CT_NO_GROUND"


def test_ct_08_cs_03_an_oral_consent_or_one_for_care_only_is_no_ground_for_a_table():
    assert _tafelfouten(_toestemming(vorm="mondeling"))[0].code == "E_CT_NO_GROUND"
    assert _tafelfouten(_toestemming(soort="start_jeugdhulp"))[0].code == "E_CT_NO_GROUND"


def test_ct_08_cs_04_special_categories_need_explicit_consent():
    t = _toestemming(soort="grondslag_verwerking", uitdrukkelijk=False)
    assert _tafelfouten(t) == ()
    assert _tafelfouten(t, bijzonder=True)[0].naam == "grond.toestemming"


def test_ct_08_with_no_other_reader_yet_the_rest_of_the_consent_is_still_weighed():
    assert _tafelfouten(_toestemming(), lezers=()) == ()
    assert _tafelfouten(_toestemming(doel="gegevensdeling"), lezers=())[0].code == "E_CS_NOT_SPECIFIC"


_TAFEL = {"org-host": "gemeentelijk_team", "org-politie": "politie_om", "org-ggd": "wgbo_zorg"}


def _besluit(**over):
    basis = {
        "over_persoon": True,
        "doorstaan": True,
        "grond": p.G7,
        "ontvanger": "org-ggd",
        "ontvanger_type": "wgbo_zorg",
    }
    return p.Deelbesluitfeit(**{**basis, **over})


def _besluitfouten(grond, d, *, aan_tafel=None, geconfigureerd=False):
    return p.deelbesluit_tafel_fouten(
        grond, d, eigen="org-host", aan_tafel=aan_tafel or _TAFEL, geconfigureerd=geconfigureerd
    )


def test_ct_08_sh_09_a_g4_to_g7_ground_rests_on_a_decision_addressed_to_the_table():
    assert _besluitfouten(p.G7, _besluit()) == ()
    for grond in (p.G4, p.G6, p.G7):
        assert _besluitfouten(grond, None)[0].code == "E_CT_NO_GROUND"


def test_ct_08_a_configured_ground_needs_no_decision():
    """CT-16: the ground the FG approved for the contributor's role is the table's own basis."""
    assert _besluitfouten(p.G4, None, geconfigureerd=True) == ()


@pytest.mark.parametrize(
    "over",
    [
        {"over_persoon": False},
        {"doorstaan": False},
        {"grond": p.G4},  # another ground than claimed
        {"ontvanger": "org-vt", "ontvanger_type": "veilig_thuis"},  # not at the table
        {"ontvanger": "org-host"},  # its own organisation
        {"ontvanger": None},
    ],
)
def test_ct_08_a_decision_that_does_not_fit_the_table_is_no_ground(over):
    fouten = _besluitfouten(p.G7, _besluit(**over))
    assert fouten and {f.code for f in fouten} == {"E_CT_NO_GROUND"}


def test_ct_08_g5_only_when_a_statutory_duty_recipient_sits_at_the_table():
    """The review finding: G5 with a decision to Veilig Thuis, which is not at the table."""
    naar_vt = _besluit(grond=p.G5, ontvanger="org-vt", ontvanger_type="veilig_thuis")
    fouten = _besluitfouten(p.G5, naar_vt)
    assert {f.naam for f in fouten} == {"grond.soort", "grond.deelbesluit"}
    # not even the configured ground helps when no statutory-duty recipient is at the table
    assert _besluitfouten(p.G5, None, geconfigureerd=True)[0].naam == "grond.soort"
    met_vt = {**_TAFEL, "org-vt": "veilig_thuis"}
    assert _besluitfouten(p.G5, naar_vt, aan_tafel=met_vt) == ()
    # a G5 decision to a party at the table that is owed no statutory duty
    aan_ggd = _besluit(grond=p.G5)
    assert _besluitfouten(p.G5, aan_ggd, aan_tafel=met_vt)[0].naam == "grond.deelbesluit"


def test_ct_08_other_grounds_need_no_decision_here():
    assert _besluitfouten(p.G1, None) == () and _besluitfouten(p.WPG_ART20, None) == ()


def test_ct_08_the_failures_reach_the_contribution_refusal():
    fout = p.Fout("E_CS_NOT_SPECIFIC", "grond.toestemming", "x")
    f = p.Bijdragefeit(
        partnerrol=p.ZORG,
        grond=p.TOESTEMMING,
        toestemming_geldig=False,
        geheimhouder=False,
        deelbesluit_doorstaan=False,
        bijzonder=False,
        noodzaak="Voor het plan van de jeugdhulp.",
        soort=p.FEIT,
        bron="client",
        veiligheidszaak=False,
        toestemmingsmodus=p.REQUIRED,
        toestemming_fouten=(fout,),
    )
    assert p.bijdrage_fouten(f) == (fout,)
