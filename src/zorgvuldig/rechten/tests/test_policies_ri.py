"""The pure rules of data-subject rights (SPEC §9)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zorgvuldig.rechten import policies as p

D = dt.date


def _zin(tekst: str) -> bool:
    """A Dutch sentence: capital first, not shouted, ending in a full stop (house style)."""
    return len(tekst) > 8 and tekst[0].isupper() and not tekst[1].isupper() and tekst.endswith(".")


def paren(fouten) -> list[tuple[str, str]]:
    """(code, field) of each failure, in order; every reason a sentence."""
    for f in fouten:
        assert _zin(f.reden), f.reden
    return [(f.code, f.naam) for f in fouten]


# --- States ---------------------------------------------------------------------------------------


def test_ri_states_follow_the_spec_order():
    pad = [
        p.ONTVANGEN,
        p.GEVERIFIEERD,
        p.IN_BEHANDELING,
        p.VERLENGD,
        p.GEDEELTELIJK,
        p.UITGEVOERD,
        p.GESLOTEN,
    ]
    for van, naar in itertools.pairwise(pad):
        assert p.mag_naar(van, naar), (van, naar)
    assert not p.mag_naar(p.ONTVANGEN, p.IN_BEHANDELING)  # verification first
    assert not p.mag_naar(p.GEVERIFIEERD, p.TOEGEWEZEN)  # review first
    assert not p.mag_naar(p.VERLENGD, p.VERLENGD)  # once (RI-15)
    assert not p.mag_naar(p.GESLOTEN, p.ONTVANGEN)
    assert not p.mag_naar("onbekend", p.ONTVANGEN)
    assert all(p.mag_naar(u, p.UITGEVOERD) for u in p.UITKOMSTEN)


def test_ri_01_an_unverified_request_is_refused_only_on_entitlement():
    assert p.mag_besluiten(p.ONTVANGEN, p.AFGEWEZEN, ["niet_bevoegd"])
    assert not p.mag_besluiten(p.ONTVANGEN, p.AFGEWEZEN, ["e"])
    assert not p.mag_besluiten(p.ONTVANGEN, p.TOEGEWEZEN, [])
    assert not p.mag_besluiten(p.GEVERIFIEERD, p.AFGEWEZEN, ["niet_bevoegd"])
    assert p.mag_besluiten(p.IN_BEHANDELING, p.TOEGEWEZEN, [])
    assert p.mag_besluiten(p.VERLENGD, p.AFGEWEZEN, ["e"])


# --- Terms ----------------------------------------------------------------------------------------


def test_ri_05_the_decision_is_due_four_weeks_after_receipt():
    assert p.besluittermijn(D(2026, 3, 2)) == D(2026, 3, 30)


def test_ri_15_an_extension_adds_calendar_months_to_the_first_term():
    assert p.besluittermijn(D(2026, 3, 2), 2) == D(2026, 5, 30)
    assert p.besluittermijn(D(2026, 1, 3), 1) == D(2026, 2, 28)  # 31 Jan + 1 month → end of February


def test_ri_10_destruction_within_three_months_of_receipt_ri_08_correction_four_weeks_after_decision():
    assert p.uitvoeringstermijn("vernietiging", D(2026, 11, 30), None) == D(2027, 2, 28)
    assert p.uitvoeringstermijn("correctie", D(2026, 3, 2), D(2026, 3, 20)) == D(2026, 4, 17)
    assert p.uitvoeringstermijn("correctie", D(2026, 3, 2), None) is None
    assert p.uitvoeringstermijn("inzage", D(2026, 3, 2), D(2026, 3, 20)) is None


@pytest.mark.parametrize(
    ("vandaag", "stand"),
    [
        (D(2026, 3, 22), "op_tijd"),
        (D(2026, 3, 23), "waarschuwing"),  # 7 days before (SPEC §9)
        (D(2026, 3, 30), "waarschuwing"),
        (D(2026, 3, 31), "verlopen"),
    ],
)
def test_ri_deadline_warning_seven_days_before(vandaag, stand):
    assert p.termijnstand(D(2026, 3, 30), vandaag, klaar=False) == stand
    assert p.termijnstand(D(2026, 3, 30), vandaag, klaar=True) == "klaar"


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2090, 12, 31)), st.integers(0, 24))
def test_plus_maanden_lands_in_the_target_month_never_later_than_the_day(datum, maanden):
    uit = p.plus_maanden(datum, maanden)
    assert (uit.year * 12 + uit.month) - (datum.year * 12 + datum.month) == maanden
    assert uit.day <= datum.day


def _verlenging(**over):
    basis = {
        "status": p.IN_BEHANDELING,
        "ontvangen_op": D(2026, 3, 2),
        "vandaag": D(2026, 3, 30),
        "maanden": 2,
        "redenen": "Veel en complexe gegevens over vier jaar.",
        "al_verlengd": False,
    }
    return paren(p.verlenging_fouten(**{**basis, **over}))


def test_ri_15_extension_once_by_at_most_two_months_with_reasons_within_the_first_term():
    assert _verlenging() == []
    assert _verlenging(maanden=1) == []
    assert _verlenging(vandaag=D(2026, 3, 31)) == [("E_RI_EXTENSION_LATE", "datum")]
    assert _verlenging(maanden=3) == [("E_INVALID_INPUT", "maanden")]
    assert _verlenging(maanden=0) == [("E_INVALID_INPUT", "maanden")]
    assert _verlenging(redenen="  ") == [("E_INVALID_INPUT", "redenen")]
    assert _verlenging(al_verlengd=True) == [("E_STATE_CONFLICT", "status")]
    assert _verlenging(status=p.GEVERIFIEERD) == [("E_STATE_CONFLICT", "status")]


# --- Decisions ------------------------------------------------------------------------------------


def _besluit(**over):
    basis = {
        "soort": "inzage",
        "uitkomst": p.TOEGEWEZEN,
        "redenen": "U krijgt alle gegevens.",
        "gronden": (),
        "achtergehouden": (),
        "betreft_vi": False,
    }
    return paren(p.besluit_fouten(**{**basis, **over}))


def test_ri_16_a_decision_is_reasoned():
    assert _besluit() == []
    assert _besluit(redenen=" ") == [("E_INVALID_INPUT", "redenen")]
    assert _besluit(uitkomst="misschien") == [("E_INVALID_INPUT", "uitkomst")]


def test_ri_07_a_refusal_names_one_of_the_five_grounds():
    assert _besluit(uitkomst=p.AFGEWEZEN) == [("E_INVALID_INPUT", "weigeringsgronden")]
    for grond in "abcde":
        assert _besluit(uitkomst=p.AFGEWEZEN, gronden=(grond,)) == []
    assert _besluit(uitkomst=p.AFGEWEZEN, gronden=("belang_ander",)) == [
        ("E_INVALID_INPUT", "weigeringsgronden")
    ]


def test_ri_07_vi_data_are_refused_only_on_grounds_b_and_e():
    for grond in "acd":
        assert ("E_INVALID_INPUT", "weigeringsgronden") in _besluit(
            uitkomst=p.AFGEWEZEN, gronden=(grond,), betreft_vi=True
        )
    for grond in "be":
        assert _besluit(uitkomst=p.AFGEWEZEN, gronden=(grond,), betreft_vi=True) == []
    # a withheld VI item is held to the same two grounds, even within a dossier request
    item = p.Achtergehouden("x", "a", vi=True)
    assert _besluit(uitkomst=p.GEDEELTELIJK, achtergehouden=(item,)) != []
    assert _besluit(uitkomst=p.GEDEELTELIJK, achtergehouden=(p.Achtergehouden("x", "e", vi=True),)) == []


def test_ri_02_withholding_from_a_parent_in_the_childs_interest_is_a_partial_decision_naming_the_item():
    item = p.Achtergehouden("notitie-1", "belang_kind")
    assert _besluit(uitkomst=p.GEDEELTELIJK, achtergehouden=(item,)) == []
    assert _besluit(uitkomst=p.GEDEELTELIJK) == [("E_INVALID_INPUT", "achtergehouden")]
    assert _besluit(uitkomst=p.TOEGEWEZEN, achtergehouden=(item,)) == [("E_INVALID_INPUT", "uitkomst")]
    # belang_kind is an inzage ground, not one for destruction
    assert _besluit(soort="vernietiging", uitkomst=p.GEDEELTELIJK, achtergehouden=(item,)) != []


def test_ri_10_destruction_is_refused_only_for_anothers_interest_or_a_legal_duty():
    for grond in ("belang_ander", "wettelijke_plicht"):
        assert _besluit(soort="vernietiging", uitkomst=p.AFGEWEZEN, gronden=(grond,)) == []
    for grond in ("a", "e", "gegevens_juist", "belang_kind"):
        assert _besluit(soort="vernietiging", uitkomst=p.AFGEWEZEN, gronden=(grond,)) != []


def test_ri_08_a_correction_is_refused_when_the_data_are_right_ri_12_an_objection_when_unfounded():
    assert _besluit(soort="correctie", uitkomst=p.AFGEWEZEN, gronden=("gegevens_juist",)) == []
    assert _besluit(soort="verzet", uitkomst=p.AFGEWEZEN, gronden=("verzet_ongegrond",)) == []
    assert _besluit(soort="verzet", uitkomst=p.AFGEWEZEN, gronden=("gegevens_juist",)) != []


def test_ri_09_an_own_statement_is_not_refused_on_content_grounds():
    for grond in ("a", "e", "gegevens_juist", "verzet_ongegrond"):
        assert _besluit(soort="eigen_verklaring", uitkomst=p.AFGEWEZEN, gronden=(grond,)) != []
    assert _besluit(soort="eigen_verklaring", uitkomst=p.AFGEWEZEN, gronden=("niet_bevoegd",)) == []


def test_ri_04_a_limit_on_a_representative_is_a_ground_for_every_kind_but_a_complaint():
    for soort in p.SOORTEN:
        fouten = _besluit(soort=soort, uitkomst=p.AFGEWEZEN, gronden=("beperking_vertegenwoordiger",))
        assert (fouten == []) == (soort != "klacht"), soort


def test_ri_14_a_complaint_is_handled_without_a_ground_of_refusal():
    assert _besluit(soort="klacht", uitkomst=p.AFGEWEZEN) == []
    assert _besluit(soort="klacht", uitkomst=p.AFGEWEZEN, gronden=("e",)) != []


def test_ri_16_a_bestuursorgaans_decision_is_an_awb_besluit_with_six_weeks_for_bezwaar():
    assert p.is_awb_besluit("inzage", True)
    assert not p.is_awb_besluit("inzage", False)
    assert not p.is_awb_besluit("klacht", True)
    tekst, tot = p.bezwaarclausule(D(2026, 3, 30))
    assert tot == D(2026, 5, 11)
    assert "bezwaar" in tekst and "uiterlijk op 11 mei 2026." in tekst and "zes weken" in tekst
    assert tekst.startswith("Bent u het niet eens met dit besluit? Dan kunt u binnen zes weken")
    assert (
        "Stuur uw bezwaarschrift aan het bestuursorgaan dat het besluit nam. Schrijf erin: uw naam" in tekst
    )
    assert tekst.endswith("U kunt ook een klacht indienen bij de Autoriteit Persoonsgegevens.")


def test_ri_16_the_bezwaar_clause_names_the_bestuursorgaan_and_where_to_send_it():
    """RI-16 (Awb 6:4): bezwaar is lodged with the body that decided; the clause names it and the address
    (and e-mail) its controller set, instead of "the bestuursorgaan that decided"."""
    tekst, _tot = p.bezwaarclausule(
        D(2026, 3, 30),
        bestuursorgaan="het college van burgemeester en wethouders van Krimpen",
        adres="Postbus 100, 2920 AA Krimpen aan den IJssel",
        email="bezwaar@krimpen.example.org",
    )
    assert (
        "Stuur uw bezwaarschrift aan het college van burgemeester en wethouders van Krimpen, Postbus 100, "
        "2920 AA Krimpen aan den IJssel. U kunt het ook e-mailen naar bezwaar@krimpen.example.org." in tekst
    )
    assert "het bestuursorgaan dat het besluit nam" not in tekst


def _mandaat(**over):
    basis = {
        "soort": "verzoeken_besluiten",
        "vanaf": D(2026, 1, 1),
        "tot": None,
        "op": D(2026, 3, 2),
        "rollen": {"leidinggevende"},
    }
    return p.mandaat_geldig(**{**basis, **over})


def test_ri_13_deciding_needs_the_leidinggevende_role_and_the_cited_mandate_valid_that_day():
    assert _mandaat()
    assert _mandaat(tot=D(2026, 3, 2)) and _mandaat(vanaf=D(2026, 3, 2))  # both ends count
    assert not _mandaat(tot=D(2026, 3, 1))  # expired
    assert not _mandaat(vanaf=D(2026, 3, 3))  # not yet
    assert not _mandaat(rollen={"medewerker"})
    assert not _mandaat(soort="vi_signaleren")


def test_ri_16_a_decision_is_sent_within_two_weeks_and_executed_between_decision_and_today():
    basis = {"ontvangen_op": D(2026, 3, 2), "besluit_op": D(2026, 3, 20), "vandaag": D(2026, 3, 25)}
    assert p.datum_fouten(**basis, verzonden_op=D(2026, 3, 25)) == []
    assert p.datum_fouten(**basis, verzonden_op=D(2026, 4, 8)) == []
    assert paren(p.datum_fouten(**basis, verzonden_op=D(2026, 4, 9))) == [("E_INVALID_INPUT", "verzondenOp")]
    assert paren(p.datum_fouten(**basis, verzonden_op=D(2026, 3, 24))) == [("E_INVALID_INPUT", "verzondenOp")]
    assert p.datum_fouten(**basis, uitgevoerd_op=D(2026, 3, 20)) == []
    assert p.datum_fouten(**basis, uitgevoerd_op=D(2026, 3, 25)) == []
    assert paren(p.datum_fouten(**basis, uitgevoerd_op=D(2026, 3, 19))) == [("E_INVALID_INPUT", "datum")]
    assert paren(p.datum_fouten(**basis, uitgevoerd_op=D(2026, 3, 26))) == [("E_INVALID_INPUT", "datum")]
    zonder = {**basis, "besluit_op": None}
    assert p.datum_fouten(**zonder, uitgevoerd_op=D(2026, 3, 2)) == []
    assert p.datum_fouten(**zonder, uitgevoerd_op=D(2026, 3, 1)) != []


def test_ri_06_another_form_is_recorded_with_why_ri_11_a_skipped_recipient_needs_a_reason():
    assert p.uitvoering_fouten(vorm="schriftelijk", toelichting="", notificaties=[]) == []
    assert paren(p.uitvoering_fouten(vorm="gesprek", toelichting="", notificaties=[])) == [
        ("E_INVALID_INPUT", "toelichting")
    ]
    assert (
        p.uitvoering_fouten(vorm="gesprek", toelichting="Laaggeletterd; liever uitgelegd.", notificaties=[])
        == []
    )
    assert paren(p.uitvoering_fouten(vorm="fax", toelichting="", notificaties=[])) == [
        ("E_INVALID_INPUT", "vorm")
    ]
    assert (
        p.uitvoering_fouten(
            vorm="schriftelijk", toelichting="", notificaties=[(True, ""), (False, "Opgeheven")]
        )
        == []
    )
    fouten = p.uitvoering_fouten(vorm="schriftelijk", toelichting="", notificaties=[(True, ""), (False, " ")])
    assert paren(fouten) == [("E_INVALID_INPUT", "notificaties")]


# --- The overview ---------------------------------------------------------------------------------


_FEITEN = {
    "betrokkenen": frozenset({"lisa", "lisa-2"}),  # two records of Lisa at the controller
    "indieners": frozenset({"moeder"}),
    "is_vertegenwoordiger": True,
    "betreft": frozenset({"lisa"}),
    "verborgen_voor": frozenset(),
    "niet_voor_vertegenwoordigers": False,
}


def _in(**over):
    return p.item_in_overzicht(**{**_FEITEN, **over})


def test_ri_03_only_the_subjects_own_items_and_never_safety_hidden_ones():
    assert _in()
    assert _in(betreft=frozenset())  # an item naming no one in the subject's own dossier
    assert _in(betreft=frozenset({"lisa", "broer"}))
    assert _in(betreft=frozenset({"lisa-2"}))  # her other record
    assert not _in(betreft=frozenset({"broer"}))  # another member's data
    assert not _in(verborgen_voor=frozenset({"moeder"}))  # DS-13, hidden from the requester
    assert not _in(verborgen_voor=frozenset({"lisa-2"}), is_vertegenwoordiger=False)


def test_ri_03_ds_13_pe_11_the_handler_learns_which_rule_left_an_item_out():
    assert p.uitsluitreden(**{**_FEITEN, "betreft": frozenset({"broer"})}) == "ander_lid"
    assert p.uitsluitreden(**{**_FEITEN, "verborgen_voor": frozenset({"moeder"})}) == "verborgen"
    assert (
        p.uitsluitreden(**{**_FEITEN, "niet_voor_vertegenwoordigers": True}) == "niet_voor_vertegenwoordigers"
    )
    assert p.uitsluitreden(**_FEITEN) is None
    assert set(p.UITSLUITREDENEN) == {"ander_lid", "verborgen", "niet_voor_vertegenwoordigers", "besluit"}


def test_pe_11_items_not_for_representatives_stay_out_of_a_representatives_overview_only():
    assert not _in(niet_voor_vertegenwoordigers=True)
    assert _in(niet_voor_vertegenwoordigers=True, is_vertegenwoordiger=False)


def test_ds_13_pe_11_acts_that_reveal_a_protection_stay_out_of_who_saw_my_data():
    assert not p.in_inzagen("dossier.item_verborgen")
    assert not p.in_inzagen("markering.geregistreerd")
    assert p.in_inzagen("dossier.ingezien")
    assert p.in_inzagen("persoon.ingezien")


def test_pe_03_a_secret_address_never_reaches_a_representative():
    assert not p.adres_in_overzicht(True, True)
    assert p.adres_in_overzicht(True, False)
    assert p.adres_in_overzicht(False, True)


def test_ri_17_who_saw_my_data_by_function_and_organisation_a_name_only_by_the_fgs_decision():
    regel = p.inzageregel(
        functie="Jeugdcoach", organisatie="Wijkteam", naam="Fatima", namen_vrijgegeven=False
    )
    assert regel == {"functie": "Jeugdcoach", "organisatie": "Wijkteam"}
    regel = p.inzageregel(functie="Jeugdcoach", organisatie="Wijkteam", naam="Fatima", namen_vrijgegeven=True)
    assert regel["naam"] == "Fatima"
    assert (
        p.inzageregel(functie="", organisatie="W", naam="", namen_vrijgegeven=False)["functie"]
        == "medewerker"
    )
    assert p.naamvermelding_fouten({"fg"}, "Betrokkene vermoedt misbruik door een bekende.") == []
    assert paren(p.naamvermelding_fouten({"leidinggevende"}, "x")) == [
        ("E_AC_NOT_AUTHORISED", "naamVermelding")
    ]
    assert paren(p.naamvermelding_fouten({"fg"}, " ")) == [("E_INVALID_INPUT", "redenen")]


def test_ri_05_the_origin_of_an_item_without_a_recorded_source_is_the_professional_not_the_client():
    """GDPR art 15(1)(g): a ZRM score or a plan is the professional's work; the answer must not say the
    client supplied it. A recorded source (and a partner system, AC-12) still wins."""
    from zorgvuldig.rechten.policies import herkomst

    assert herkomst({"soort": "zrmscore"}) == "Beoordeling door de hulpverlener (zelfredzaamheidsmatrix)"
    assert herkomst({"soort": "plan"}) == "Het plan dat de hulpverlener met u heeft opgesteld"
    assert herkomst({"soort": "notitie", "bron": "client"}) == "Uzelf"
    assert herkomst({"soort": "notitie", "bron": "derde"}).startswith("Anderen")
    assert herkomst({"soort": "onbekend"}) == "Eigen waarneming van de hulpverlener"
    assert herkomst({"soort": "notitie", "bron": "partner", "bronOrganisatie": "GGD Rivierland"}).startswith(
        "Het eigen systeem van GGD Rivierland"
    )


def test_ri_01_requests_are_recorded_by_handlers_the_fg_oversees():
    """ADR 0013: workers, leidinggevenden and the VI-beheerder record requests; the FG, beheerder and
    auditor do not (the FG oversees them)."""
    from zorgvuldig.rechten.policies import mag_registreren

    for rollen in (["medewerker"], ["leidinggevende"], ["vi_beheerder"], ["fg", "medewerker"]):
        assert mag_registreren(rollen), rollen
    for rollen in (["fg"], ["beheerder"], ["auditor"], []):
        assert not mag_registreren(rollen), rollen


def test_ri_07_sh_14_a_decision_is_in_postponement_only_when_postponed_and_not_executed():
    """SH-14: only a postponement, and only while no provision exists: an executed share is flagged through
    its provision instead."""
    from zorgvuldig.verstrekkingen import policies as delen

    for status in (delen.CONCEPT, delen.CONSULTATIE, delen.BESLOTEN, delen.BEEINDIGD):
        assert p.besluit_in_uitstel(status, delen.UITGESTELD), status
        assert not p.besluit_in_uitstel(status, delen.NA), status
        assert not p.besluit_in_uitstel(status, delen.VOOR), status
        assert not p.besluit_in_uitstel(status, ""), status
    for status in (delen.UITGEVOERD, delen.INFORMEREN_UITGESTELD, delen.CLIENT_GEINFORMEERD):
        assert not p.besluit_in_uitstel(status, delen.UITGESTELD), status


def test_ri_03_a_representatives_answer_keeps_only_the_requesters_own_portal_acts():
    """RI-03 (portal review H1): the youth's own portal acts, and another representative's, stay out of a
    representative's answer; the person's own answer and staff acts are not filtered here."""
    eigen = frozenset({"moeder-1", "moeder-2"})
    zelf = {"hoedanigheid": "zelf"}
    moeder = {"hoedanigheid": "ouder_met_gezag", "vertegenwoordiger": "moeder-2"}
    vader = {"hoedanigheid": "ouder_met_gezag", "vertegenwoordiger": "vader-1"}
    for namens, verwacht in ((zelf, False), (moeder, True), (vader, False), (None, False)):
        assert (
            p.portaalhandeling_in_antwoord(
                is_vertegenwoordiger=True, actor_rol="client", namens=namens, indieners=eigen
            )
            is verwacht
        ), namens
    for namens in (zelf, vader):
        assert p.portaalhandeling_in_antwoord(
            is_vertegenwoordiger=False, actor_rol="client", namens=namens, indieners=eigen
        )
        assert p.portaalhandeling_in_antwoord(
            is_vertegenwoordiger=True, actor_rol="medewerker", namens=namens, indieners=eigen
        )


def test_ri_02_pe_11_a_kept_item_left_out_for_a_representative_is_a_recorded_refusal():
    """SPEC E3: the note Lisa asked to keep from her parents is withheld in her interest, with reasons — in
    the decision, not silently."""
    niets = p.vertrouwelijk_fouten([], [])
    assert niets == []
    fouten = p.vertrouwelijk_fouten(
        ["notitie-1", "notitie-2"], [p.Achtergehouden("notitie-1", "belang_kind")]
    )
    assert paren(fouten) == [("E_INVALID_INPUT", "achtergehouden")]
    assert "1 item(s)" in fouten[0].reden
    assert p.vertrouwelijk_fouten(["notitie-1"], [p.Achtergehouden("notitie-1", "e")]) == []


# --- Filing about oneself in "Mijn gegevens" (RI-01, PE-05, PE-06, PE-07) ----------------------------


@given(
    categorie=st.sampled_from([None, "onder_12", "12_15", "16_17", "18_plus"]),
    bekwaam=st.sampled_from([None, True, False]),
    wilsonbekwaam=st.booleans(),
)
def test_ri_01_who_may_file_about_themselves_by_age(categorie, bekwaam, wilsonbekwaam):
    """RI-01: under 12 never (the parent or guardian asks); 12–15 only when assessed competent (PE-06),
    until then the team assesses that first; from 16, and when the age is unknown (PE-05) or the person
    found incapacitated (PE-07), the form as on paper — the handler verifies."""
    from zorgvuldig.personen.policies import Situatie

    s = Situatie(categorie=categorie, bekwaam_12_15=bekwaam, wilsonbekwaam=wilsonbekwaam)
    uit = p.zelf_indienen(s, D(2026, 6, 1))
    if categorie == "onder_12":
        assert uit == p.ZELF_NEE
    elif categorie == "12_15":
        assert uit == (p.ZELF_JA if bekwaam is True else p.ZELF_EERST_BEKWAAMHEID)
    else:
        assert uit == p.ZELF_JA


NU = dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC)
VERZOEK = ("1", "", "correctie", "Mijn adres klopt niet.")


@pytest.mark.parametrize(
    ("bestaand", "status", "minuten", "dubbel"),
    [
        (VERZOEK, p.ONTVANGEN, 0, True),
        (VERZOEK, p.IN_BEHANDELING, 10, True),
        (VERZOEK, p.ONTVANGEN, 11, False),  # later: a new request
        (VERZOEK, p.AFGEWEZEN, 1, False),  # decided: asking again is a new request
        (("1", "", "correctie", "Mijn naam klopt niet."), p.ONTVANGEN, 1, False),
        (("1", "", "aanvulling", "Mijn adres klopt niet."), p.ONTVANGEN, 1, False),
        (("1", "7", "correctie", "Mijn adres klopt niet."), p.ONTVANGEN, 1, False),  # a parent's
        (("2", "", "correctie", "Mijn adres klopt niet."), p.ONTVANGEN, 1, False),
    ],
)
def test_a_request_sent_twice_within_minutes_is_one_request(bestaand, status, minuten, dubbel):
    assert (
        p.is_dubbel(
            nieuw=VERZOEK,
            bestaand=bestaand,
            status=status,
            ingediend=NU - dt.timedelta(minutes=minuten),
            nu=NU,
        )
        is dubbel
    )
