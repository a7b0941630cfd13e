"""Pure rules of the dossier (SPEC §5, AC-04/05/09/10/11 for sections, RT-01, RT-05). No database."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zorgvuldig.dossiers import policies as p

D = dt.date
VANDAAG = D(2026, 3, 10)


def codes(fouten):
    return {f.code for f in fouten}


def namen(fouten):
    return {f.naam for f in fouten}


# --- States -------------------------------------------------------------------------------------


def test_ds_states_follow_the_transition_table():
    """SPEC §5 States: REGISTERED → ASSESSMENT → PLAN_AGREED → MONITORING ⇄ PLAN_REVISED → CLOSED."""
    pad = [
        p.GEREGISTREERD,
        p.VRAAGVERHELDERING,
        p.PLAN_VASTGESTELD,
        p.MONITORING,
        p.PLAN_HERZIEN,
        p.MONITORING,
    ]
    for van, naar in itertools.pairwise(pad):
        assert p.overgang_fout(van, naar) is None, (van, naar)
    assert p.overgang_fout(p.GEREGISTREERD, p.PLAN_VASTGESTELD) is not None  # no skipping assessment
    assert p.overgang_fout(p.VRAAGVERHELDERING, p.MONITORING) is not None
    assert p.overgang_fout(p.PLAN_VASTGESTELD, p.PLAN_HERZIEN) is not None
    assert p.overgang_fout(p.MONITORING, p.PLAN_VASTGESTELD) is not None
    assert p.overgang_fout(p.PLAN_HERZIEN, p.VRAAGVERHELDERING) is not None


@given(st.sampled_from(p.STATUSSEN), st.sampled_from(p.STATUSSEN))
def test_ds_15_every_open_dossier_can_close_and_a_closed_one_never_reopens(van, naar):
    """DS-15: a client in a voluntary frame may stop at any moment; CLOSED is final (then RT)."""
    if van == p.GESLOTEN:
        assert p.overgang_fout(van, naar) is not None
    elif naar == p.GESLOTEN:
        assert p.overgang_fout(van, naar) is None


def test_ds_06_agreeing_a_plan_moves_to_plan_agreed_or_back_to_monitoring():
    assert p.na_plan_vaststellen(p.VRAAGVERHELDERING) == p.PLAN_VASTGESTELD
    assert p.na_plan_vaststellen(p.PLAN_HERZIEN) == p.MONITORING
    for status in (p.GEREGISTREERD, p.PLAN_VASTGESTELD, p.MONITORING, p.GESLOTEN):
        assert p.na_plan_vaststellen(status) is None


# --- DS-02, DS-03, DS-04 --------------------------------------------------------------------------

ALLE = ["a", "b", "c", "d", "e", "f", "g"]


def informering(**over):
    basis = {
        "mondeling_op": VANDAAG,
        "schriftelijk_op": VANDAAG,
        "onderwerpen": ALLE,
        "verwezen": False,
        "vandaag": VANDAAG,
    }
    basis.update(over)
    return p.informering_fouten(**basis)


def test_ds_02_complete_checklist_orally_and_in_writing_passes():
    assert informering() == ()


@pytest.mark.parametrize("ontbreekt", ALLE)
def test_ds_02_each_topic_a_to_g_is_required(ontbreekt):
    fouten = informering(onderwerpen=[o for o in ALLE if o != ontbreekt])
    assert namen(fouten) == {"onderwerpen"}
    assert ontbreekt in fouten[0].reden


def test_ds_02_oral_and_written_both_required_and_not_in_the_future():
    assert namen(informering(mondeling_op=None)) == {"mondelingOp"}
    assert namen(informering(schriftelijk_op=None)) == {"schriftelijkOp"}
    assert namen(informering(schriftelijk_op=VANDAAG + dt.timedelta(days=1))) == {"schriftelijkOp"}
    assert informering(mondeling_op=VANDAAG - dt.timedelta(days=3)) == ()


def test_ds_02_referred_client_is_told_who_referred_and_what_was_passed_on():
    assert namen(informering(verwezen=True)) == {"onderwerpen"}
    assert informering(verwezen=True, onderwerpen=[*ALLE, "verwijzer"]) == ()
    assert p.ontbrekende_onderwerpen(ALLE, verwezen=True) == ("verwijzer",)
    assert namen(informering(onderwerpen=[*ALLE, "z"])) == {"onderwerpen"}


def test_ds_02_dossier_stays_registered_until_informed_or_deviation_approved():
    assert p.starten_fout(informering_compleet=False, afwijking_goedgekeurd=False) is not None
    assert p.starten_fout(informering_compleet=True, afwijking_goedgekeurd=False) is None
    assert p.starten_fout(informering_compleet=False, afwijking_goedgekeurd=True) is None


def test_ds_04_referral_without_agreement_records_who_contacts_the_client():
    ok = {"besproken_met_client": True, "client_akkoord": True, "contact_door": "", "reden": "Verzuim"}
    assert p.verwijzing_fouten(**ok) == ()
    assert namen(p.verwijzing_fouten(**{**ok, "besproken_met_client": False})) == {"contactDoor"}
    assert namen(p.verwijzing_fouten(**{**ok, "client_akkoord": None})) == {"contactDoor"}
    assert p.verwijzing_fouten(**{**ok, "client_akkoord": False, "contact_door": "verwijzer"}) == ()
    assert namen(p.verwijzing_fouten(**{**ok, "besproken_met_client": None})) == {"besprokenMetClient"}
    assert namen(p.verwijzing_fouten(**{**ok, "reden": " "})) == {"reden"}
    # only the two answers of the API (API §2.4), also where no one needs to be named
    assert p.verwijzing_fouten(**{**ok, "contact_door": "team"}) == ()
    for anders in ("de buurman", "Team", "team "):
        assert namen(p.verwijzing_fouten(**{**ok, "contact_door": anders})) == {"contactDoor"}
        fouten = p.verwijzing_fouten(**{**ok, "client_akkoord": False, "contact_door": anders})
        assert namen(fouten) == {"contactDoor"} and "Kies team of verwijzer" in fouten[0].reden


def test_ds_04_without_agreement_the_team_acts_only_on_recorded_safety_indications():
    assert p.handelen_zonder_akkoord_fout(False, "") is not None
    assert p.handelen_zonder_akkoord_fout(False, "Verwijzer meldt bedreigingen.") is None
    assert p.handelen_zonder_akkoord_fout(True, "") is None
    assert p.handelen_zonder_akkoord_fout(None, "") is None  # not yet asked: contact first


# --- Sections and grants (AC-04, AC-05, AC-09, AC-10, AC-11) ---------------------------------------

ALLES = frozenset({"lezen", "aanmaken", "aanvullen", "wijzigen"})


def g(bron, secties=(), rechten=("lezen",)):
    return p.Grant(bron, frozenset(secties), frozenset(rechten))


def test_ac_04_case_team_reads_and_records_general_sections_not_special_ones():
    team = [g("casusteam", rechten=p.CASUSTEAM_RECHTEN)]
    assert p.sectie_grant(team, "voortgang", "lezen") == 0
    assert p.sectie_grant(team, "voortgang", "aanmaken") == 0
    assert p.sectie_grant(team, "plan", "wijzigen") is None  # altering is an AC-05 right
    assert p.sectie_grant(team, "gezondheid", "lezen") is None  # AC-10
    assert p.leesbare_secties(team) == frozenset(p.SECTIES) - p.BIJZONDERE_SECTIES


def test_ac_10_special_category_section_needs_the_separate_grant_and_names_it():
    team = g("casusteam", rechten=p.CASUSTEAM_RECHTEN)
    bijzonder = g("bijzondere_categorie", secties=["gezondheid"], rechten=["lezen", "aanmaken"])
    assert p.sectie_grant([team, bijzonder], "gezondheid", "lezen") == 1
    assert p.sectie_grant([team, bijzonder], "gezondheid", "aanmaken") == 1
    assert p.sectie_grant([team, bijzonder], "justitie", "lezen") is None  # only the section granted
    # The special grant alone does not open the dossier: it adds to case-team access (AC-04).
    assert p.sectie_grant([bijzonder], "gezondheid", "lezen") is None


def test_ac_05_section_grant_opens_only_its_sections_and_rights():
    sectie = g("sectie", secties=["plan"], rechten=["lezen", "wijzigen"])
    assert p.sectie_grant([sectie], "plan", "wijzigen") == 0
    assert p.sectie_grant([sectie], "voortgang", "lezen") is None
    assert p.sectie_grant([sectie], "plan", "aanmaken") is None
    assert p.leesbare_secties([sectie]) == frozenset({"plan"})


def test_ac_05_new_users_have_no_rights():
    assert p.leesbare_secties([]) == frozenset()
    assert p.sectie_grant([], "voortgang", "lezen") is None


@pytest.mark.parametrize("bron", ["wettelijk", "noodtoegang"])
def test_ac_09_ac_11_statutory_and_break_glass_access_only_read(bron):
    grant = g(bron, rechten=ALLES)
    assert p.sectie_grant([grant], "voortgang", "lezen") == 0
    for recht in ("aanmaken", "aanvullen", "wijzigen"):
        assert p.sectie_grant([grant], "voortgang", recht) is None


def test_ac_09_statutory_grant_limited_to_its_scope():
    grant = g("wettelijk", secties=["plan", "afsluiting"])
    assert p.leesbare_secties([grant]) == frozenset({"plan", "afsluiting"})


def test_ac_04_team_meeting_opens_only_the_summary_that_day():
    bespreking = g("teambespreking")
    assert p.sectie_grant([bespreking], p.SAMENVATTING, "lezen") == 0
    assert p.sectie_grant([bespreking], "voortgang", "lezen") is None
    assert p.sectie_grant([bespreking], p.SAMENVATTING, "aanmaken") is None
    assert p.sectie_grant([g("casusteam")], p.SAMENVATTING, "lezen") == 0
    assert p.leesbare_secties([bespreking]) == frozenset()


def test_ac_10_a_grant_for_special_sections_alone_opens_nothing_general():
    alleen_bijzonder = g("sectie", secties=["gezondheid"], rechten=["lezen"])
    assert p.sectie_grant([alleen_bijzonder], "voortgang", "lezen") is None


def test_ac_04_substitute_reads_and_adds_but_does_not_create_new_items():
    assert p.toewijzing_rechten("vervanger") == frozenset({"lezen", "aanvullen"})
    assert p.toewijzing_rechten("casusteam") == frozenset({"lezen", "aanmaken", "aanvullen"})
    assert p.toewijzing_rechten("zorgcoordinator") == p.CASUSTEAM_RECHTEN


# --- ZRM (DS-05) ----------------------------------------------------------------------------------


def test_ds_05_eleven_domains_four_of_them_special_category():
    assert len(p.ZRM_DOMEINEN) == 11
    bijzonder = {d for d in p.ZRM_DOMEINEN if p.zrm_sectie(d) != "zrm"}
    assert bijzonder == {"geestelijke_gezondheid", "lichamelijke_gezondheid", "verslaving", "justitie"}
    assert p.zrm_sectie("justitie") == "justitie"
    assert p.zrm_sectie("verslaving") == "gezondheid"


@pytest.mark.parametrize(
    "niveau,ok", [(0, False), (1, True), (5, True), (6, False), (None, False), (True, False)]
)
def test_ds_05_level_is_one_to_five(niveau, ok):
    fouten = p.zrm_fouten(domein="inkomen", niveau=niveau, onderbouwing="Schulden", besproken_met_client=True)
    assert (fouten == ()) is ok


def test_ds_05_each_level_has_its_factual_justification_and_the_client_flag():
    fouten = p.zrm_fouten(domein="huisvesting", niveau=2, onderbouwing=" ", besproken_met_client=None)
    assert namen(fouten) == {"onderbouwing", "besprokenMetClient"}
    assert namen(p.zrm_fouten(domein="iets", niveau=2, onderbouwing="x", besproken_met_client=False)) == {
        "domein"
    }


# --- Notes (DS-07, DS-09, DS-10) ------------------------------------------------------------------


def notitie(**over):
    basis = {
        "sectie": "voortgang",
        "soort": "feit",
        "bron": "eigen_waarneming",
        "bron_omschrijving": "",
        "geverifieerd": True,
        "basis": "",
        "tekst": "Huisbezoek.",
    }
    basis.update(over)
    return p.notitie_fouten(**basis)


def test_ds_07_typed_sourced_verified_note_passes():
    assert notitie() == ()
    assert notitie(soort="client_visie", bron="client", geverifieerd=False) == ()


@pytest.mark.parametrize(
    "over,veld",
    [
        ({"soort": None}, "soort"),
        ({"soort": "gerucht"}, "soort"),
        ({"bron": None}, "bron.soort"),
        ({"bron": "horen_zeggen"}, "bron.soort"),
        ({"geverifieerd": None}, "geverifieerd"),
        ({"soort": "mening", "basis": ""}, "basis"),
        ({"bron": "derde", "bron_omschrijving": ""}, "bron.omschrijving"),
        ({"bron": "document", "bron_omschrijving": " "}, "bron.omschrijving"),
    ],
)
def test_ds_07_untyped_or_unsourced_note_is_refused(over, veld):
    fouten = notitie(**over)
    assert codes(fouten) == {"E_DS_NOTE_TYPE"}
    assert namen(fouten) == {veld}


def test_ds_07_opinion_with_basis_and_named_third_party_pass():
    assert notitie(soort="mening", basis="Observatie in de klas") == ()
    assert notitie(bron="derde", bron_omschrijving="Mentor van school") == ()


def test_ds_07_facts_not_from_own_observation_are_marked():
    assert p.niet_eigen_waarneming("feit", "derde")
    assert p.niet_eigen_waarneming("feit", "client")
    assert not p.niet_eigen_waarneming("feit", "eigen_waarneming")
    assert not p.niet_eigen_waarneming("mening", "derde")


def test_ds_07_empty_text_and_unknown_section_are_input_errors():
    assert codes(notitie(tekst="  ")) == {"E_INVALID_INPUT"}
    assert namen(notitie(sectie="geheim")) == {"sectie"}


@pytest.mark.parametrize("sectie", ["gezondheid", "justitie"])
def test_ds_10_special_category_entry_needs_a_selected_basis(sectie):
    fout = p.bijzondere_grondslag_fout(
        sectie=sectie, soort=None, toestemming_dekt=False, wettelijke_bepaling=""
    )
    assert fout is not None and fout.code == "E_DS_SPECIAL_BASIS"
    # explicit consent that covers it
    assert (
        p.bijzondere_grondslag_fout(
            sectie=sectie, soort="uitdrukkelijke_toestemming", toestemming_dekt=True, wettelijke_bepaling=""
        )
        is None
    )
    # consent named but not covering (revoked, not explicit, other data): refused
    assert (
        p.bijzondere_grondslag_fout(
            sectie=sectie, soort="uitdrukkelijke_toestemming", toestemming_dekt=False, wettelijke_bepaling=""
        )
        is not None
    )
    # statutory task with the provision named
    assert (
        p.bijzondere_grondslag_fout(
            sectie=sectie,
            soort="wettelijke_taak",
            toestemming_dekt=False,
            wettelijke_bepaling="Wmo 2015 art. 5.1.1",
        )
        is None
    )
    assert (
        p.bijzondere_grondslag_fout(
            sectie=sectie, soort="wettelijke_taak", toestemming_dekt=True, wettelijke_bepaling=""
        )
        is not None
    )


def test_ds_10_general_sections_need_no_special_basis():
    assert (
        p.bijzondere_grondslag_fout(
            sectie="voortgang", soort=None, toestemming_dekt=False, wettelijke_bepaling=""
        )
        is None
    )


def test_ds_09_own_statement_answers_an_opinion():
    assert p.verklaring_fout("mening", "Dat klopt niet.") is None
    assert p.verklaring_fout("feit", "Dat klopt niet.") is not None
    assert p.verklaring_fout("mening", "  ") is not None


# --- Family dossier (DS-11 … DS-13) ---------------------------------------------------------------


def zicht(lid, betreft, verborgen=(), nvv=False, kinderen=()):
    return p.zichtbaar_voor_lid(
        lid=lid,
        betreft=frozenset(betreft),
        verborgen_voor=frozenset(verborgen),
        niet_voor_vertegenwoordigers=nvv,
        kinderen_met_gezag_onder_16=frozenset(kinderen),
    )


def test_ds_11_member_sees_own_items_parent_also_child_under_16():
    assert zicht("moeder", {"moeder"})
    assert not zicht("moeder", {"vader"})
    assert zicht("moeder", {"lisa"}, kinderen={"lisa"})
    assert not zicht("moeder", {"lisa"})  # not her child with authority (or 16+)


def test_ds_11_pe_11_not_for_representatives_keeps_it_from_the_parent():
    assert not zicht("moeder", {"lisa"}, nvv=True, kinderen={"lisa"})
    assert zicht("lisa", {"lisa"}, nvv=True)  # the young person still sees it


def test_ds_13_hidden_for_safety_even_from_a_member_it_concerns():
    assert not zicht("vader", {"vader", "lisa"}, verborgen={"vader"}, kinderen={"lisa"})
    assert zicht("moeder", {"lisa"}, verborgen={"vader"}, kinderen={"lisa"})


def test_ds_12_joint_plan_only_items_shareable_with_all():
    assert p.gezamenlijk_plan_fout([(True, False), (True, False)]) is None
    fout = p.gezamenlijk_plan_fout([(True, False), (True, True)])
    assert fout is not None and fout.code == "E_DS_HIDDEN_IN_JOINT_PLAN"
    assert p.gezamenlijk_plan_fout([(False, False)]) is not None
    assert p.gezamenlijk_plan_fout([]) is None


def test_ds_13_hiding_needs_member_reason_and_future_review_date():
    ok = {
        "reden": "Vermoedelijke pleger",
        "reviewdatum": VANDAAG + dt.timedelta(days=1),
        "vandaag": VANDAAG,
        "is_lid": True,
    }
    assert p.afscherming_fouten(**ok) == ()
    assert namen(p.afscherming_fouten(**{**ok, "reviewdatum": VANDAAG})) == {"reviewdatum"}
    assert namen(p.afscherming_fouten(**{**ok, "reden": ""})) == {"reden"}
    assert namen(p.afscherming_fouten(**{**ok, "is_lid": False})) == {"persoon"}
    assert p.review_verschuldigd(VANDAAG, VANDAAG)
    assert not p.review_verschuldigd(VANDAAG + dt.timedelta(days=1), VANDAAG)


# --- Plan (DS-06) ---------------------------------------------------------------------------------


def test_ds_06_plan_has_goals_and_actions_name_who():
    assert (
        p.plan_fouten(doelen=["Naar school"], acties=[{"omschrijving": "Gesprek", "uitvoerder": "Mentor"}])
        == ()
    )
    assert namen(p.plan_fouten(doelen=[" "], acties=[])) == {"doelen"}
    assert namen(p.plan_fouten(doelen=["x"], acties=[{"omschrijving": "Gesprek"}])) == {"acties.0"}


def test_ds_06_plan_is_agreed_with_the_client_before_plan_agreed():
    assert p.vaststellen_fout(VANDAAG, VANDAAG) is None
    assert p.vaststellen_fout(None, VANDAAG) is not None
    assert p.vaststellen_fout(VANDAAG + dt.timedelta(days=1), VANDAAG) is not None


# --- Frame (DS-14, DS-15) -------------------------------------------------------------------------


def kader(**over):
    basis = {
        "huidig": "vrijwillig",
        "nieuw": "drang",
        "datum": VANDAAG,
        "vandaag": VANDAAG,
        "reden": "Zorgen over veiligheid",
        "grondslag": "Jeugdwet art. 2.3",
        "client_geinformeerd": True,
    }
    basis.update(over)
    return p.kaderwijziging_fouten(**basis)


def test_ds_14_frame_change_records_date_reason_basis_and_client_told():
    assert kader() == ()
    assert namen(kader(reden="")) == {"reden"}
    assert namen(kader(grondslag="")) == {"grondslag"}
    assert namen(kader(client_geinformeerd=False)) == {"clientGeinformeerd"}
    assert namen(kader(client_geinformeerd=None)) == {"clientGeinformeerd"}
    assert namen(kader(datum=None)) == {"datum"}
    assert namen(kader(datum=VANDAAG + dt.timedelta(days=1))) == {"datum"}
    assert codes(kader(nieuw="drang", huidig="drang")) == {"E_STATE_CONFLICT"}
    assert namen(kader(nieuw="streng")) == {"kader"}


def test_ds_14_dwang_needs_the_court_decision():
    assert namen(kader(nieuw="dwang")) == {"uitspraak"}
    assert namen(kader(nieuw="dwang", uitspraak_soort="kinderbeschermingsmaatregel")) == {"uitspraak"}
    assert namen(kader(nieuw="dwang", uitspraak_soort="onbekend", uitspraak_kenmerk="C/10/1")) == {
        "uitspraak"
    }
    for soort in p.UITSPRAAK_SOORTEN:
        assert kader(nieuw="dwang", uitspraak_soort=soort, uitspraak_kenmerk="C/10/123456") == ()


def test_ds_15_client_may_stop_outside_coercion():
    assert p.client_mag_stoppen("vrijwillig")
    assert p.client_mag_stoppen("drang")
    assert not p.client_mag_stoppen("dwang")


# --- Closure (DS-16, DS-17, RT-01) ----------------------------------------------------------------


def afsluiten(**over):
    basis = {
        "einddatum": VANDAAG,
        "geopend_op": D(2025, 1, 1),
        "vandaag": VANDAAG,
        "client_oordeel": "Tevreden",
        "oordeel_geweigerd": False,
        "resultaten": "Terug op school",
        "reden": "afgerond",
        "kader": "vrijwillig",
    }
    basis.update(over)
    return p.afsluiten_fouten(**basis)


def test_ds_16_closing_needs_end_date_opinion_or_declined_and_results():
    assert afsluiten() == ()
    assert afsluiten(client_oordeel="", oordeel_geweigerd=True) == ()
    assert namen(afsluiten(client_oordeel="", oordeel_geweigerd=False)) == {"clientOordeel"}
    assert namen(afsluiten(client_oordeel="Goed", oordeel_geweigerd=True)) == {
        "clientOordeel"
    }  # one or other
    assert namen(afsluiten(resultaten=" ")) == {"resultaten"}
    assert namen(afsluiten(einddatum=None)) == {"einddatum"}
    assert namen(afsluiten(einddatum=VANDAAG + dt.timedelta(days=1))) == {"einddatum"}
    assert namen(afsluiten(einddatum=D(2024, 12, 31))) == {"einddatum"}  # before opening
    assert afsluiten(einddatum=D(2025, 1, 1)) == ()
    assert namen(afsluiten(reden="verhuisd")) == {"reden"}


def test_ds_15_client_stops_refused_under_coercion():
    assert afsluiten(reden="client_stopt") == ()
    assert codes(afsluiten(reden="client_stopt", kader="dwang")) == {"E_STATE_CONFLICT"}


def test_ds_17_ending_for_non_cooperation_is_a_recorded_last_resort():
    assert namen(afsluiten(reden="niet_meewerken")) == {"laatsteRedmiddel"}
    assert afsluiten(reden="niet_meewerken", laatste_redmiddel="Drie gesprekken, twee brieven.") == ()


@pytest.mark.parametrize(
    "eind,due",
    [(D(2024, 3, 10), D(2039, 1, 1)), (D(2024, 12, 31), D(2039, 1, 1)), (D(2025, 1, 1), D(2040, 1, 1))],
)
def test_rt_01_destruction_due_first_of_january_of_end_year_plus_15(eind, due):
    """RT-01: ended 10 March 2024 → due 1 January 2039 (SPEC example)."""
    assert p.vernietigen_op(eind) == due


# --- Outreach signals (RT-05) ---------------------------------------------------------------------


def test_rt_05_outreach_signal_without_melding_deleted_after_six_months():
    assert p.zorgsignaal_verwijderen_op(D(2026, 8, 31)) == D(2027, 2, 28)
    assert p.zorgsignaal_actief("ontvangen", D(2026, 9, 1), D(2026, 8, 31))
    assert not p.zorgsignaal_actief("beoordeeld", D(2026, 9, 1), D(2026, 9, 1))
    assert p.zorgsignaal_actief("melding", D(2026, 9, 1), D(2030, 1, 1))  # it became a dossier
    assert p.ZORGSIGNAAL_TRANSITIES["ontvangen"] == {"beoordeeld", "afgewezen"}
    assert not p.ZORGSIGNAAL_TRANSITIES["melding"]


# --- DS-08 ----------------------------------------------------------------------------------------


def test_ds_08_risk_assessment_meldcode_step_and_consulted_leidinggevende():
    assert (
        p.veiligheid_fouten(meldcodestap=2, risicotaxatie="Hoog risico", geconsulteerd_is_leidinggevende=True)
        == ()
    )
    assert namen(
        p.veiligheid_fouten(meldcodestap=6, risicotaxatie="x", geconsulteerd_is_leidinggevende=True)
    ) == {"meldcodestap"}
    assert namen(
        p.veiligheid_fouten(meldcodestap=1, risicotaxatie="", geconsulteerd_is_leidinggevende=False)
    ) == {
        "risicotaxatie",
        "geconsulteerd",
    }


# --- Every refusal is a registered code, names its field, and explains itself in a Dutch sentence ------

from zorgvuldig.core.errors import CODES  # noqa: E402

MORGEN = VANDAAG + dt.timedelta(days=1)
WEIGERINGEN = [
    # (call, expected (code, field) pairs)
    (lambda: kader(nieuw="x"), {("E_INVALID_INPUT", "kader")}),
    (lambda: kader(nieuw="vrijwillig"), {("E_STATE_CONFLICT", "kader")}),
    (lambda: kader(datum=None), {("E_INVALID_INPUT", "datum")}),
    (lambda: kader(reden=" "), {("E_INVALID_INPUT", "reden")}),
    (lambda: kader(grondslag=""), {("E_INVALID_INPUT", "grondslag")}),
    (lambda: kader(client_geinformeerd=None), {("E_INVALID_INPUT", "clientGeinformeerd")}),
    (lambda: kader(nieuw="dwang"), {("E_INVALID_INPUT", "uitspraak")}),
    (lambda: informering(mondeling_op=None), {("E_INVALID_INPUT", "mondelingOp")}),
    (lambda: informering(schriftelijk_op=MORGEN), {("E_INVALID_INPUT", "schriftelijkOp")}),
    (lambda: informering(onderwerpen=[*ALLE, "q"]), {("E_INVALID_INPUT", "onderwerpen")}),
    (lambda: informering(onderwerpen=["a"]), {("E_INVALID_INPUT", "onderwerpen")}),
    (
        lambda: p.verwijzing_fouten(
            besproken_met_client=None, client_akkoord=None, contact_door="x", reden=""
        ),
        {
            ("E_INVALID_INPUT", "reden"),
            ("E_INVALID_INPUT", "besprokenMetClient"),
            ("E_INVALID_INPUT", "contactDoor"),
        },
    ),
    (
        lambda: p.zrm_fouten(domein="x", niveau=9, onderbouwing="", besproken_met_client=None),
        {
            ("E_INVALID_INPUT", "domein"),
            ("E_INVALID_INPUT", "niveau"),
            ("E_INVALID_INPUT", "onderbouwing"),
            ("E_INVALID_INPUT", "besprokenMetClient"),
        },
    ),
    (
        lambda: notitie(sectie="x", soort=None, bron=None, geverifieerd=None, tekst=""),
        {
            ("E_INVALID_INPUT", "sectie"),
            ("E_DS_NOTE_TYPE", "soort"),
            ("E_DS_NOTE_TYPE", "bron.soort"),
            ("E_DS_NOTE_TYPE", "geverifieerd"),
            ("E_INVALID_INPUT", "tekst"),
        },
    ),
    (
        lambda: notitie(soort="mening", bron="derde"),
        {("E_DS_NOTE_TYPE", "basis"), ("E_DS_NOTE_TYPE", "bron.omschrijving")},
    ),
    (  # AC-12: another partner's employee, no necessity, not discussed
        lambda: p.partnergegevens_fouten(
            bron="partner",
            bron_organisatie=2,
            werkgever=3,
            acterende_organisatie=1,
            noodzaak="",
            besproken_met_client=False,
        ),
        {
            ("E_AC_PARTNER_DATA", "bron.organisatie"),
            ("E_AC_PARTNER_DATA", "bron.noodzaak"),
            ("E_AC_PARTNER_DATA", "bron.besprokenMetClient"),
        },
    ),
    (
        lambda: (
            p.bijzondere_grondslag_fout(
                sectie="justitie", soort=None, toestemming_dekt=False, wettelijke_bepaling=""
            ),
        ),
        {("E_DS_SPECIAL_BASIS", "bijzondereGrondslag")},
    ),
    (lambda: (p.verklaring_fout("feit", "x"),), {("E_INVALID_INPUT", "notitie")}),
    (lambda: (p.verklaring_fout("mening", ""),), {("E_INVALID_INPUT", "tekst")}),
    (lambda: (p.gezamenlijk_plan_fout([(False, False)]),), {("E_DS_HIDDEN_IN_JOINT_PLAN", "notities")}),
    (
        lambda: p.afscherming_fouten(reden="", reviewdatum=None, vandaag=VANDAAG, is_lid=False),
        {("E_INVALID_INPUT", "persoon"), ("E_INVALID_INPUT", "reden"), ("E_INVALID_INPUT", "reviewdatum")},
    ),
    (
        lambda: p.plan_fouten(doelen=[], acties=[{"uitvoerder": "x"}]),
        {("E_INVALID_INPUT", "doelen"), ("E_INVALID_INPUT", "acties.0")},
    ),
    (lambda: (p.vaststellen_fout(None, VANDAAG),), {("E_INVALID_INPUT", "metClientAfgesprokenOp")}),
    (
        lambda: p.veiligheid_fouten(
            meldcodestap=None, risicotaxatie="", geconsulteerd_is_leidinggevende=False
        ),
        {
            ("E_INVALID_INPUT", "meldcodestap"),
            ("E_INVALID_INPUT", "risicotaxatie"),
            ("E_INVALID_INPUT", "geconsulteerd"),
        },
    ),
    (
        lambda: afsluiten(einddatum=None, client_oordeel="", resultaten="", reden="x"),
        {
            ("E_INVALID_INPUT", "einddatum"),
            ("E_INVALID_INPUT", "clientOordeel"),
            ("E_INVALID_INPUT", "resultaten"),
            ("E_INVALID_INPUT", "reden"),
        },
    ),
    (lambda: afsluiten(reden="client_stopt", kader="dwang"), {("E_STATE_CONFLICT", "reden")}),
    (lambda: afsluiten(reden="niet_meewerken"), {("E_INVALID_INPUT", "laatsteRedmiddel")}),
]


def _zin(tekst: str) -> bool:
    """A Dutch sentence: capital first letter, then lower case, ending in a full stop (or after a rule ID)."""
    return (
        len(tekst) > 8 and tekst[0].isupper() and not tekst[1].isupper() and tekst.endswith((".", ").", "?"))
    )


@pytest.mark.parametrize("aanroep,verwacht", WEIGERINGEN)
def test_refusals_have_registered_codes_named_fields_and_dutch_sentences(aanroep, verwacht):
    fouten = aanroep()
    assert {(f.code, f.naam) for f in fouten} == verwacht
    for f in fouten:
        assert f.code in CODES, f
        assert _zin(f.reden), f.reden


def test_state_and_start_messages_name_their_rule():
    for tekst in (
        p.overgang_fout(p.GESLOTEN, p.MONITORING),
        p.overgang_fout("gewist", p.MONITORING),
        p.starten_fout(informering_compleet=False, afwijking_goedgekeurd=False),
        p.handelen_zonder_akkoord_fout(False, " "),
    ):
        assert tekst is not None and _zin(tekst) and ("(SPEC §5)" in tekst or "(DS-0" in tekst), tekst


def test_ac_05_mixed_section_grant_opens_its_general_section_and_special_only_grant_does_not_block():
    gemengd = g("sectie", secties=["plan", "gezondheid"], rechten=["lezen"])
    assert p.sectie_grant([gemengd], "plan", "lezen") == 0
    alleen_bijzonder = g("sectie", secties=["gezondheid"], rechten=["lezen"])
    team = g("casusteam", rechten=p.CASUSTEAM_RECHTEN)
    assert p.sectie_grant([alleen_bijzonder, team], "voortgang", "lezen") == 1
