"""The case-table rules through the services, on a real database: what is refused changes nothing and is
audited (AU-04); what is allowed leaves its trace (CT-01 … CT-16, RT-08)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.berichten.models import Bericht
from zorgvuldig.casusoverleg import selectors, services
from zorgvuldig.casusoverleg.models import Bijdrage, Casusoverleg, Deelnemer, Overlegtype
from zorgvuldig.casusoverleg.tests.hulp import Tafel, tom
from zorgvuldig.casusoverleg.tests.voorbeelden import besluit_wijkteam
from zorgvuldig.conftest import als_systeem
from zorgvuldig.convenanten.models import Toetreding
from zorgvuldig.core.errors import DomainError, NotFound

pytestmark = pytest.mark.django_db


def _geweigerd(actie: str, code: str) -> bool:
    als_systeem()
    return AuditRegel.objects.filter(actie=actie, status="geweigerd", code=code).exists()


def _feit(tekst="Drie registraties in twaalf maanden.", **over):
    data = {"inhoud": tekst, "soort": "feit", "bron": "registratie", "grond": {"soort": "wpg_art20"}}
    data.update(over)
    return data


# --- CT-01, CT-16: table types ------------------------------------------------------------------------


def test_ct_01_a_type_is_not_activated_while_a_partner_has_not_acceded(regio):
    t = Tafel(regio)
    als_systeem()
    Toetreding.objects.filter(organisatie=t.verslaving).update(tot=dt.date(2026, 2, 1))
    t.type.status = "concept"
    t.type.save()
    with pytest.raises(DomainError) as fout:
        services.activeer_type(actor=regio.actor(regio.beheerder), uuid=t.type.uuid)
    assert fout.value.code == "E_AC_NOT_SIGNATORY"
    als_systeem()
    assert Overlegtype.objects.get(pk=t.type.pk).status == "concept"
    assert _geweigerd("overlegtype.geactiveerd", "E_AC_NOT_SIGNATORY")


def test_ct_01_a_type_is_not_activated_under_an_inactive_convenant(regio):
    t = Tafel(regio)
    als_systeem()
    t.convenant.status = "beeindigd"
    t.convenant.save()
    with pytest.raises(DomainError) as fout:
        services.activeer_type(actor=regio.actor(regio.beheerder), uuid=t.type.uuid)
    assert fout.value.code == "E_AC_NOT_SIGNATORY"


def test_ct_16_changing_a_ground_withdraws_the_fg_approval_until_it_approves_again(regio):
    t = Tafel(regio)
    beheerder = regio.actor(regio.beheerder)
    partners = list(t.type.partners)
    partners[2] = {**partners[2], "grond": "g5_wettelijke_plicht"}
    gewijzigd = services.wijzig_type(actor=beheerder, uuid=t.type.uuid, data={"partners": partners})
    assert gewijzigd.status == "concept" and gewijzigd.basis_goedgekeurd_op is None
    with pytest.raises(DomainError) as fout:
        services.activeer_type(actor=beheerder, uuid=t.type.uuid)
    assert fout.value.code == "E_AC_NOT_AUTHORISED"
    # only the FG approves; the beheerder cannot
    with pytest.raises(DomainError):
        services.keur_basis_goed(actor=beheerder, uuid=t.type.uuid)
    services.keur_basis_goed(actor=regio.actor(regio.fg), uuid=t.type.uuid)
    assert services.activeer_type(actor=beheerder, uuid=t.type.uuid).status == "actief"
    als_systeem()
    assert AuditRegel.objects.filter(
        actie="overlegtype.basis_goedgekeurd", actor_gebruiker=str(regio.fg.uuid)
    ).exists()


def test_ct_16_a_name_change_keeps_the_approval(regio):
    t = Tafel(regio)
    rij = services.wijzig_type(
        actor=regio.actor(regio.beheerder), uuid=t.type.uuid, data={"naam": "PGA Krimpen-Oost"}
    )
    assert rij.status == "actief" and rij.basis_goedgekeurd_op is not None


def test_ct_08_police_cannot_be_configured_to_contribute_on_consent(regio):
    t = Tafel(regio)
    partners = list(t.type.partners)
    partners[0] = {**partners[0], "grond": "toestemming"}
    with pytest.raises(DomainError) as fout:
        services.wijzig_type(
            actor=regio.actor(regio.beheerder), uuid=t.type.uuid, data={"partners": partners}
        )
    assert fout.value.code == "E_CT_NO_GROUND"


def test_ac_01_a_professional_of_a_non_signatory_cannot_register(regio):
    t = Tafel(regio)
    als_systeem()
    Toetreding.objects.filter(organisatie=regio.wijkteam).update(tot=dt.date(2026, 2, 1))
    with pytest.raises(DomainError) as fout:
        t.aanmelding()
    assert fout.value.code == "E_AC_NOT_SIGNATORY"
    als_systeem()
    assert not Casusoverleg.objects.exists()


# --- CT-02, CT-07: intake -----------------------------------------------------------------------------


def test_ct_02_a_person_under_the_minimum_age_is_refused_at_intake(regio):
    t = Tafel(regio, minimumleeftijd=18)
    casus = t.aanmelding()
    with pytest.raises(DomainError) as fout:
        services.accepteer(
            actor=regio.actor(regio.medewerker),
            uuid=casus.uuid,
            criteria_toets=dict.fromkeys(t.type.criteria, True),
            client_geinformeerd=True,
        )
    assert fout.value.code == "E_CT_MIN_AGE"
    als_systeem()
    assert Casusoverleg.objects.get(pk=casus.pk).status == "aangemeld"
    assert _geweigerd("casusoverleg.geaccepteerd", "E_CT_MIN_AGE")


def test_ct_02_accepting_needs_the_criteria_check_and_informing_or_an_exception(regio):
    t = Tafel(regio)
    casus = t.aanmelding()
    fatima = regio.actor(regio.medewerker)
    with pytest.raises(DomainError) as fout:
        services.accepteer(actor=fatima, uuid=casus.uuid, criteria_toets={}, client_geinformeerd=False)
    namen = {p.name for p in fout.value.invalid_params}
    assert {"criteriaToets", "clientGeinformeerd"} <= namen
    geaccepteerd = services.accepteer(
        actor=fatima,
        uuid=casus.uuid,
        criteria_toets=dict.fromkeys(t.type.criteria, True),
        client_geinformeerd=False,
        uitzondering_reden="Informeren brengt de veiligheid van een melder in gevaar.",
    )
    assert geaccepteerd.status == "geaccepteerd" and geaccepteerd.client_geinformeerd is False


def test_ct_02_rejecting_records_advice_for_the_registrant_who_can_read_it(regio):
    t = Tafel(regio)
    casus = services.registreer(
        actor=regio.actor(regio.collega),
        overlegtype_uuid=t.type.uuid,
        persoon_uuid=tom(regio, regio.collega).uuid,
        vraag="Tom heeft drie politieregistraties en is gestopt met school.",
        procesregisseur_uuid=regio.medewerker.uuid,
    )
    with pytest.raises(DomainError):  # the registrant does not decide on its own registration
        services.wijs_af(
            actor=regio.actor(regio.collega), uuid=casus.uuid, advies="Meld Tom aan bij het wijkteam."
        )
    with pytest.raises(DomainError) as fout:
        services.wijs_af(actor=regio.actor(regio.medewerker), uuid=casus.uuid, advies="Nee.")
    assert "advies" in {p.name for p in fout.value.invalid_params}
    services.wijs_af(
        actor=regio.actor(regio.medewerker),
        uuid=casus.uuid,
        advies="Meld Tom aan bij het wijkteam voor hulp.",
    )
    _k, data = selectors.lees(regio.actor(regio.collega), casus.uuid)
    assert data["status"] == "afgewezen" and data["advies"] == "Meld Tom aan bij het wijkteam voor hulp."


def test_ct_02_early_signalling_starts_anonymous_and_is_weighed_first(regio):
    t = Tafel(regio, soort="vroegsignalering", minimumleeftijd=0)
    fatima = regio.actor(regio.medewerker)
    casus = services.registreer(
        actor=fatima, overlegtype_uuid=t.type.uuid, vraag="Zorgen over een leerling die vaak verzuimt."
    )
    assert casus.persoon_id is None
    with pytest.raises(DomainError) as fout:
        services.accepteer(actor=fatima, uuid=casus.uuid, criteria_toets={}, client_geinformeerd=True)
    assert fout.value.code == "E_STATE_CONFLICT"  # weigh first
    services.weeg(
        actor=fatima, uuid=casus.uuid, agenderen=True, advies="Bespreken in het overleg van maandag."
    )
    services.wijzig(actor=fatima, uuid=casus.uuid, data={"persoon": str(t.tom.uuid)})
    geaccepteerd = services.accepteer(
        actor=fatima,
        uuid=casus.uuid,
        criteria_toets=dict.fromkeys(t.type.criteria, True),
        client_geinformeerd=True,
    )
    assert geaccepteerd.status == "geaccepteerd"


def test_ct_02_a_weighing_that_says_no_rejects_with_its_advice(regio):
    t = Tafel(regio, soort="vroegsignalering", minimumleeftijd=0)
    fatima = regio.actor(regio.medewerker)
    casus = services.registreer(actor=fatima, overlegtype_uuid=t.type.uuid, vraag="Zorgen over een leerling.")
    services.weeg(actor=fatima, uuid=casus.uuid, agenderen=False, advies="Eerst een gesprek met de mentor.")
    als_systeem()
    assert Casusoverleg.objects.get(pk=casus.pk).status == "afgewezen"


def test_ct_02_only_early_signalling_may_register_without_a_person(regio):
    t = Tafel(regio)
    with pytest.raises(DomainError) as fout:
        services.registreer(
            actor=regio.actor(regio.medewerker), overlegtype_uuid=t.type.uuid, vraag="Zorgen zonder naam."
        )
    assert "persoon" in {p.name for p in fout.value.invalid_params}


def test_ct_07_the_conference_starts_only_once_client_involvement_is_recorded(regio):
    t = Tafel(regio)
    casus = t.geaccepteerd()
    fatima = regio.actor(regio.medewerker)
    services.ga_naar(actor=fatima, uuid=casus.uuid, naar="triage")
    services.ga_naar(actor=fatima, uuid=casus.uuid, naar="geagendeerd")
    with pytest.raises(DomainError):
        services.ga_naar(actor=fatima, uuid=casus.uuid, naar="in_overleg")
    services.wijzig(
        actor=fatima,
        uuid=casus.uuid,
        data={"clientBetrokkenheid": {"wijze": "", "redenNiet": "Acuut gevaar."}},
    )
    assert services.ga_naar(actor=fatima, uuid=casus.uuid, naar="in_overleg").status == "in_overleg"


def test_only_a_director_moves_the_case_and_only_along_the_transitions(regio):
    t = Tafel(regio)
    casus = t.geaccepteerd()
    fatima = regio.actor(regio.medewerker)
    services.ga_naar(actor=fatima, uuid=casus.uuid, naar="triage")
    t.nodig_uit(casus, t.politie, t.agent, "eigen_taak")
    with pytest.raises(DomainError) as fout:  # a participant does not schedule
        services.ga_naar(actor=regio.actor(t.agent), uuid=casus.uuid, naar="geagendeerd")
    assert fout.value.code == "E_AC_NOT_AUTHORISED"
    with pytest.raises(DomainError) as fout:  # triage → monitoring does not exist
        services.ga_naar(actor=fatima, uuid=casus.uuid, naar="monitoring")
    assert fout.value.code == "E_STATE_CONFLICT"
    assert _geweigerd("casusoverleg.status_gewijzigd", "E_AC_NOT_AUTHORISED")


# --- CT-04, CT-05, CT-06: participants ----------------------------------------------------------------


def test_ct_04_an_invitation_needs_its_reason_and_a_partner_of_the_type(regio):
    t = Tafel(regio)
    casus = t.geaccepteerd()
    fatima = regio.actor(regio.medewerker)
    with pytest.raises(DomainError) as fout:
        services.nodig_uit(
            actor=fatima, uuid=casus.uuid, organisatie_uuid=t.politie.uuid, rol="eigen_taak", reden="Nodig."
        )
    assert "reden" in {p.name for p in fout.value.invalid_params}
    with pytest.raises(DomainError) as fout:
        services.nodig_uit(
            actor=fatima,
            uuid=casus.uuid,
            organisatie_uuid=regio.school.uuid,
            rol="eigen_taak",
            reden="De school kent Tom goed.",
        )
    assert "organisatie" in {p.name for p in fout.value.invalid_params}
    als_systeem()
    assert not Deelnemer.objects.exists()


def test_ct_04_a_participant_who_was_not_invited_sees_nothing(regio):
    t = Tafel(regio)
    casus = t.in_overleg()
    with pytest.raises(NotFound):
        selectors.lees(regio.actor(regio.leraar), casus.uuid)
    with pytest.raises(NotFound):
        services.breng_in(actor=regio.actor(regio.leraar), uuid=casus.uuid, data=_feit())


def test_ct_05_a_triage_answer_with_more_than_known_and_contact_is_refused(regio):
    t = Tafel(regio)
    casus = t.geaccepteerd()
    services.ga_naar(actor=regio.actor(regio.medewerker), uuid=casus.uuid, naar="triage")
    d = t.nodig_uit(casus, t.jeugdzorg, t.jeugdwerker, "eigen_taak")
    with pytest.raises(DomainError) as fout:
        services.beantwoord_triage(
            actor=regio.actor(t.jeugdwerker),
            uuid=casus.uuid,
            deelnemer_uuid=d.uuid,
            antwoord={"bekend": True, "contact": {"naam": "Coach Yilmaz", "diagnose": "ADHD"}},
        )
    assert "contact.diagnose" in {p.name for p in fout.value.invalid_params}
    als_systeem()
    assert Deelnemer.objects.get(pk=d.pk).bekend is None


def test_ct_06_an_informant_cannot_contribute_before_the_conference(regio):
    t = Tafel(regio)
    casus = t.geaccepteerd()
    services.ga_naar(actor=regio.actor(regio.medewerker), uuid=casus.uuid, naar="triage")
    t.nodig_uit(casus, t.leerplicht, t.leerplichtambtenaar, "informant", vraag="Ingeschreven?")
    with pytest.raises(DomainError) as fout:
        services.breng_in(
            actor=regio.actor(t.leerplichtambtenaar),
            uuid=casus.uuid,
            data=_feit(grond={"soort": "g4_wettelijke_bevoegdheid"}),
        )
    assert fout.value.code == "E_STATE_CONFLICT"


# --- CT-03: purpose binding ---------------------------------------------------------------------------


def test_ct_03_earlier_items_are_hidden_in_a_new_phase_until_the_procesregisseur_confirms(regio):
    t = Tafel(regio)
    casus = t.geaccepteerd()
    fatima = regio.actor(regio.medewerker)
    services.ga_naar(actor=fatima, uuid=casus.uuid, naar="triage")
    t.nodig_uit(casus, t.politie, t.agent, "eigen_taak")
    t.nodig_uit(casus, t.jeugdzorg, t.jeugdwerker, "eigen_taak")
    with pytest.raises(DomainError) as fout:  # CT-05: in triage a party only answers the triage question
        services.breng_in(actor=regio.actor(t.agent), uuid=casus.uuid, data=_feit())
    assert fout.value.code == "E_STATE_CONFLICT"
    schets = services.breng_in(  # the director outlines the problem
        actor=fatima,
        uuid=casus.uuid,
        data=_feit("Drie registraties.", grond={"soort": "g4_wettelijke_bevoegdheid"}),
    )
    coach = regio.actor(t.jeugdwerker)
    assert [b.pk for b in selectors.lees_bijdragen(coach, casus.uuid)[1]] == [schets.pk]
    services.ga_naar(actor=fatima, uuid=casus.uuid, naar="geagendeerd")  # same phase: still visible
    assert selectors.lees_bijdragen(coach, casus.uuid)[1]
    services.wijzig(actor=fatima, uuid=casus.uuid, data={"clientBetrokkenheid": {"wijze": "Tom doet mee."}})
    services.ga_naar(actor=fatima, uuid=casus.uuid, naar="in_overleg")  # new phase: hidden from the others
    assert selectors.lees_bijdragen(coach, casus.uuid)[1] == []
    item = services.breng_in(actor=regio.actor(t.agent), uuid=casus.uuid, data=_feit())
    assert [b.pk for b in selectors.lees_bijdragen(coach, casus.uuid)[1]] == [item.pk]
    # a changed question (purpose) hides it again — but not from its contributor, nor from the
    # procesregisseur, who must see it to re-confirm it
    services.wijzig(
        actor=fatima, uuid=casus.uuid, data={"vraag": "Tom is ook betrokken bij een jeugdgroep; wat nu?"}
    )
    assert selectors.lees_bijdragen(coach, casus.uuid)[1] == []
    assert [b.pk for b in selectors.lees_bijdragen(regio.actor(t.agent), casus.uuid)[1]] == [item.pk]
    assert {b.pk for b in selectors.lees_bijdragen(fatima, casus.uuid)[1]} == {schets.pk, item.pk}
    with pytest.raises(DomainError):  # a participant cannot confirm
        services.bevestig_bijdrage(actor=coach, uuid=casus.uuid, bijdrage_uuid=item.uuid)
    services.bevestig_bijdrage(actor=fatima, uuid=casus.uuid, bijdrage_uuid=item.uuid)
    assert [b.pk for b in selectors.lees_bijdragen(coach, casus.uuid)[1]] == [item.pk]


# --- CT-08, CT-09, CT-14: contributions ---------------------------------------------------------------


def test_ct_08_a_care_contribution_without_consent_needs_g4_to_g7_under_required(regio):
    t = Tafel(regio)
    casus = t.in_overleg()
    expert = regio.actor(t.expert)
    with pytest.raises(DomainError) as fout:
        services.breng_in(
            actor=expert,
            uuid=casus.uuid,
            data=_feit(
                "Advies: motiverende gespreksvoering.",
                soort="mening",
                bron="eigen_waarneming",
                grond={"soort": "g8_verenigbaar_doel"},
                noodzaak="Advies over verslaving bij jongeren.",
            ),
        )
    assert fout.value.code == "E_CT_NO_GROUND"
    assert _geweigerd("casusoverleg.bijdrage_ingebracht", "E_CT_NO_GROUND")
    als_systeem()
    assert not Bijdrage.objects.exists()


def test_ct_08_inform_only_accepts_any_sharing_ground(regio):
    t = Tafel(regio, toestemmingsmodus="inform_only")
    casus = t.in_overleg()
    b = services.breng_in(
        actor=regio.actor(t.expert),
        uuid=casus.uuid,
        data=_feit(
            "Advies: motiverende gespreksvoering.",
            soort="mening",
            bron="eigen_waarneming",
            grond={"soort": "g8_verenigbaar_doel"},
            noodzaak="Advies over verslaving bij jongeren.",
        ),
    )
    assert b.grond == "g8_verenigbaar_doel"


def test_ct_08_a_consent_of_another_person_is_no_ground(regio):
    t = Tafel(regio)
    casus = t.in_overleg()
    toestemming = t.toestemming_tom()
    als_systeem()
    anders = tom(regio, t.jeugdwerker)
    from zorgvuldig.personen.models import Persoon

    Persoon.objects.filter(pk=anders.pk).update(bsn_index="ander")
    toestemming.betrokkene = anders
    toestemming.save()
    with pytest.raises(DomainError) as fout:
        services.breng_in(
            actor=regio.actor(t.jeugdwerker),
            uuid=casus.uuid,
            data=_feit(
                "Behandeling gestart.",
                bron="eigen_waarneming",
                grond={"soort": "toestemming", "toestemming": str(toestemming.uuid)},
                gegevenscategorieen=["gezondheid"],
                noodzaak="Het plan sluit aan op de behandeling.",
            ),
        )
    assert fout.value.code == "E_CT_NO_GROUND"


def test_ct_09_a_secrecy_bound_care_contribution_without_consent_needs_a_sharing_decision(regio):
    t = Tafel(regio)
    casus = t.in_overleg()
    with pytest.raises(DomainError) as fout:
        services.breng_in(
            actor=regio.actor(t.jeugdwerker),
            uuid=casus.uuid,
            data=_feit(
                "Tom woont deels bij zijn oom.",
                bron="eigen_waarneming",
                grond={"soort": "g7_vitaal_belang"},
                noodzaak="Het plan moet weten waar Tom woont.",
            ),
        )
    assert fout.value.code == "E_SH_RECIPIENT_TASK_ONLY"


def test_ct_09_a_care_role_states_why_its_own_task_needs_the_item(regio):
    t = Tafel(regio)
    casus = t.in_overleg()
    toestemming = t.toestemming_tom()
    with pytest.raises(DomainError) as fout:
        services.breng_in(
            actor=regio.actor(t.jeugdwerker),
            uuid=casus.uuid,
            data=_feit(
                "Behandeling gestart.",
                bron="eigen_waarneming",
                grond={"soort": "toestemming", "toestemming": str(toestemming.uuid)},
                gegevenscategorieen=["gezondheid"],
            ),
        )
    assert "noodzaak" in {p.name for p in fout.value.invalid_params}


def test_ct_14_a_safety_table_takes_facts_only_and_keeps_a_joint_safety_plan(regio):
    t = Tafel(regio, soort="kinderbeschermingstafel", minimumleeftijd=0)
    casus = t.in_overleg()
    with pytest.raises(DomainError) as fout:
        services.breng_in(
            actor=regio.actor(t.agent),
            uuid=casus.uuid,
            data=_feit("Ik denk dat vader drinkt.", soort="mening"),
        )
    assert "soort" in {p.name for p in fout.value.invalid_params}
    services.breng_in(
        actor=regio.actor(t.agent), uuid=casus.uuid, data=_feit("Melding huiselijk geweld op 3 oktober.")
    )
    services.stel_veiligheidsplan_bij(
        actor=regio.actor(regio.medewerker),
        uuid=casus.uuid,
        afspraken=[{"wie": "Vader", "wat": "Geen alcohol in huis", "wanneer": "Vanaf nu"}],
    )
    plan = services.stel_veiligheidsplan_bij(
        actor=regio.actor(t.agent),
        uuid=casus.uuid,
        afspraken=[{"wie": "Politie", "wat": "Extra surveillance", "wanneer": "Vier weken"}],
    )
    inhoud = selectors.inhoud(plan)["veiligheidsplan"]
    assert [h["door"] for h in inhoud["historie"]] == ["Wijkteam Krimpen", "Politie Krimpen"]
    with pytest.raises(DomainError):  # an informant does not adjust it
        services.stel_veiligheidsplan_bij(
            actor=regio.actor(t.leerplichtambtenaar),
            uuid=casus.uuid,
            afspraken=[{"wie": "x", "wat": "y", "wanneer": "z"}],
        )


def test_ct_14_no_safety_plan_outside_a_safety_table(regio):
    t = Tafel(regio)
    casus = t.in_overleg()
    with pytest.raises(DomainError) as fout:
        services.stel_veiligheidsplan_bij(
            actor=regio.actor(regio.medewerker),
            uuid=casus.uuid,
            afspraken=[{"wie": "Vader", "wat": "Afspraak", "wanneer": "Nu"}],
        )
    assert fout.value.code == "E_STATE_CONFLICT"


# --- CT-10, CT-12, CT-13: contributor control and allocation ------------------------------------------


def test_ct_10_only_the_contributor_withdraws_or_restricts_and_only_until_allocation(regio):
    t = Tafel(regio)
    casus = t.in_overleg()
    item = services.breng_in(actor=regio.actor(t.agent), uuid=casus.uuid, data=_feit())
    with pytest.raises(DomainError) as fout:
        services.trek_bijdrage_in(
            actor=regio.actor(regio.medewerker), uuid=casus.uuid, bijdrage_uuid=item.uuid
        )
    assert fout.value.code == "E_AC_NOT_AUTHORISED"
    beperkt = services.trek_bijdrage_in(
        actor=regio.actor(t.agent),
        uuid=casus.uuid,
        bijdrage_uuid=item.uuid,
        beperk_tot=[str(t.d_jeugdzorg.uuid)],
    )
    assert beperkt.status == "beperkt"
    assert [b.pk for b in selectors.lees_bijdragen(regio.actor(t.jeugdwerker), casus.uuid)[1]] == [item.pk]
    assert selectors.lees_bijdragen(regio.actor(t.expert), casus.uuid)[1] == []
    tweede = services.breng_in(actor=regio.actor(t.agent), uuid=casus.uuid, data=_feit("Vernieling in mei."))
    services.deel_toe(
        actor=regio.actor(regio.medewerker),
        uuid=casus.uuid,
        deelnemer_uuid=t.d_jeugdzorg.uuid,
        bijdragen=[str(tweede.uuid)],
    )
    toedeling = casus.toedelingen.get()
    services.keur_toedeling_goed(actor=regio.actor(t.agent), uuid=casus.uuid, toedeling_uuid=toedeling.uuid)
    with pytest.raises(DomainError) as fout:
        services.trek_bijdrage_in(actor=regio.actor(t.agent), uuid=casus.uuid, bijdrage_uuid=tweede.uuid)
    assert fout.value.code == "E_STATE_CONFLICT"


def test_ct_10_a_withdrawn_item_disappears_for_the_others(regio):
    t = Tafel(regio)
    casus = t.in_overleg()
    item = services.breng_in(actor=regio.actor(t.agent), uuid=casus.uuid, data=_feit())
    services.trek_bijdrage_in(actor=regio.actor(t.agent), uuid=casus.uuid, bijdrage_uuid=item.uuid)
    assert selectors.lees_bijdragen(regio.actor(regio.medewerker), casus.uuid)[1] == []
    with pytest.raises(DomainError) as fout:
        services.deel_toe(
            actor=regio.actor(regio.medewerker),
            uuid=casus.uuid,
            deelnemer_uuid=t.d_jeugdzorg.uuid,
            bijdragen=[str(item.uuid)],
        )
    assert fout.value.code == "E_INVALID_INPUT"


def test_ct_12_reuse_of_another_contributors_item_needs_its_approval(regio):
    t = Tafel(regio)
    casus = t.in_overleg()
    item = services.breng_in(actor=regio.actor(t.agent), uuid=casus.uuid, data=_feit())
    toedeling = services.deel_toe(
        actor=regio.actor(regio.medewerker),
        uuid=casus.uuid,
        deelnemer_uuid=t.d_jeugdzorg.uuid,
        bijdragen=[str(item.uuid)],
    )
    assert toedeling.verstrekt_op is None
    with pytest.raises(DomainError) as fout:  # the recipient cannot approve it for the police
        services.keur_toedeling_goed(
            actor=regio.actor(t.jeugdwerker), uuid=casus.uuid, toedeling_uuid=toedeling.uuid
        )
    assert fout.value.code == "E_AC_NOT_AUTHORISED"
    assert _geweigerd("casusoverleg.toedeling_goedgekeurd", "E_AC_NOT_AUTHORISED")


def test_ct_12_an_advisor_or_informant_gets_no_allocation(regio):
    t = Tafel(regio)
    casus = t.in_overleg()
    item = services.breng_in(actor=regio.actor(t.agent), uuid=casus.uuid, data=_feit())
    with pytest.raises(DomainError) as fout:
        services.deel_toe(
            actor=regio.actor(regio.medewerker),
            uuid=casus.uuid,
            deelnemer_uuid=t.d_expert.uuid,
            bijdragen=[str(item.uuid)],
        )
    assert "deelnemer" in {p.name for p in fout.value.invalid_params}


def test_ct_13_the_plan_needs_who_informs_the_client_and_what_may_be_shared(regio):
    t = Tafel(regio)
    casus = t.in_overleg()
    fatima = regio.actor(regio.medewerker)
    eigen = services.breng_in(
        actor=fatima, uuid=casus.uuid, data=_feit(grond={"soort": "g4_wettelijke_bevoegdheid"})
    )
    services.deel_toe(
        actor=fatima, uuid=casus.uuid, deelnemer_uuid=t.d_politie.uuid, bijdragen=[str(eigen.uuid)]
    )
    with pytest.raises(DomainError) as fout:
        services.stel_vast(actor=fatima, uuid=casus.uuid, plan="Begeleiding naar werk.")
    assert {"informeertClient", "deelbaarMetClient"} <= {p.name for p in fout.value.invalid_params}
    services.wijzig(
        actor=fatima,
        uuid=casus.uuid,
        data={"informeertClient": str(t.d_jeugdzorg.uuid), "deelbaarMetClient": "Het plan."},
    )
    assert (
        services.stel_vast(actor=fatima, uuid=casus.uuid, plan="Begeleiding naar werk.").status
        == "plan_vastgesteld"
    )


# --- CT-15, RT-08: closing ----------------------------------------------------------------------------


def test_ct_15_closing_needs_the_taking_over_party(regio):
    t = Tafel(regio)
    casus = t.in_overleg()
    fatima = regio.actor(regio.medewerker)
    als_systeem()
    Casusoverleg.objects.filter(pk=casus.pk).update(status="afschaling")
    with pytest.raises(DomainError) as fout:
        services.sluit_af(actor=fatima, uuid=casus.uuid, overnemende_partij_uuid=None, overdracht=[])
    assert "overnemendePartij" in {p.name for p in fout.value.invalid_params}
    with pytest.raises(DomainError) as fout:  # the casusregisseur role alone does not close
        services.sluit_af(
            actor=regio.actor(t.agent),
            uuid=casus.uuid,
            overnemende_partij_uuid=regio.wijkteam.uuid,
            overdracht=[],
        )
    assert fout.value.code == "E_AC_NOT_AUTHORISED"


def test_rt_08_the_closed_file_gets_the_types_retention_date(regio):
    t = Tafel(regio)
    casus = t.in_overleg()
    als_systeem()
    Casusoverleg.objects.filter(pk=casus.pk).update(status="afschaling")
    gesloten = services.sluit_af(
        actor=regio.actor(regio.medewerker),
        uuid=casus.uuid,
        overnemende_partij_uuid=regio.wijkteam.uuid,
        overdracht=[],
    )
    from zorgvuldig.core.kalender import plus_maanden

    assert gesloten.vernietigen_op == plus_maanden(gesloten.gesloten_op, 24)


# --- Meeting support ----------------------------------------------------------------------------------


def test_an_action_due_soon_is_reminded_by_email_once_a_day_without_personal_data(regio, settings):
    t = Tafel(regio)
    casus = t.in_overleg()
    fatima = regio.actor(regio.medewerker)
    bijeenkomst = services.leg_bijeenkomst_vast(
        actor=fatima,
        uuid=casus.uuid,
        datum=dt.date.today(),
        agenda=["Kennismaking", "Plan"],
        aanwezig=[str(t.d_politie.uuid), str(t.d_jeugdzorg.uuid)],
        besluiten=["Jeugdzorg start begeleiding"],
    )
    services.maak_actiepunt(
        actor=fatima,
        uuid=casus.uuid,
        omschrijving="Gesprek met Tom over school plannen",
        deadline=dt.date.today() + dt.timedelta(days=2),
        deelnemer_uuid=t.d_jeugdzorg.uuid,
        bijeenkomst_uuid=bijeenkomst.uuid,
    )
    assert services.herinner_actiepunten() == 1
    assert services.herinner_actiepunten() == 0  # not twice the same day
    als_systeem()
    bericht = Bericht.objects.get()
    assert bericht.aan == t.jeugdwerker.email
    assert "Tom" not in bericht.onderwerp and "Kramer" not in str(bericht.__dict__)
    assert mail.outbox == [] or all("Tom" not in m.body for m in mail.outbox)


def test_an_action_is_closed_by_its_owner_not_by_another_participant(regio):
    t = Tafel(regio)
    casus = t.in_overleg()
    actie = services.maak_actiepunt(
        actor=regio.actor(regio.medewerker),
        uuid=casus.uuid,
        omschrijving="Contact met school",
        deadline=dt.date.today() + dt.timedelta(days=10),
        deelnemer_uuid=t.d_jeugdzorg.uuid,
    )
    with pytest.raises(DomainError):
        services.rond_actiepunt_af(actor=regio.actor(t.agent), uuid=casus.uuid, actiepunt_uuid=actie.uuid)
    assert (
        services.rond_actiepunt_af(
            actor=regio.actor(t.jeugdwerker), uuid=casus.uuid, actiepunt_uuid=actie.uuid
        ).gereed_op
        == dt.date.today()
    )


def _zorgbijdrage(t, casus):
    """Youth care's contribution under Tom's written, explicit consent from its own registry."""
    toestemming = t.toestemming_tom()
    return services.breng_in(
        actor=t.regio.actor(t.jeugdwerker),
        uuid=casus.uuid,
        data=_feit(
            "Behandeling gestart.",
            bron="eigen_waarneming",
            grond={"soort": "toestemming", "toestemming": str(toestemming.uuid)},
            gegevenscategorieen=["gezondheid"],
            noodzaak="Het plan sluit aan op de behandeling.",
        ),
    )


def _uitgevoerd_deelbesluit(t, ontvanger, persoon=None, grond="g1_toestemming", ontvanger_type=None):
    """Youth care's own executed sharing decision towards `ontvanger`, in its dossier on Tom (or on
    `persoon`) — arranged directly: the wizard itself is tested in verstrekkingen."""
    from zorgvuldig.dossiers.models import Dossier, Lid
    from zorgvuldig.organisaties.models import Team
    from zorgvuldig.verstrekkingen.models import Deelbesluit

    als_systeem()
    team, _ = Team.objects.get_or_create(
        organisatie=t.jeugdzorg, code="jz-team", defaults={"naam": "Team Jeugdzorg"}
    )
    vv = t.jeugdzorg.verwerkingsverantwoordelijke_id
    dossier = Dossier.objects.create(
        verwerkingsverantwoordelijke_id=vv,
        organisatie=t.jeugdzorg,
        kenmerk=f"D-JZ-{Dossier.objects.count() + 1}",
        soort="individueel",
        team=team,
        status="monitoring",
        kader="vrijwillig",
        geopend_op=dt.date.today(),
        aangemaakt_door=t.jeugdwerker,
    )
    Lid.objects.create(dossier=dossier, persoon=persoon or t.tom_bij(t.jeugdwerker), rol="client")
    als_systeem()
    return Deelbesluit.objects.create(
        verwerkingsverantwoordelijke_id=vv,
        organisatie=t.jeugdzorg,
        dossier=dossier,
        richting="verstrekken",
        status="uitgevoerd",
        ontvanger_organisatie=ontvanger,
        ontvanger_type=ontvanger_type or ontvanger.type,
        grond=grond,
        besluit="delen",
        antwoorden_versleuteld="",
        uitgevoerd_op=dt.date.today(),
        aangemaakt_door=t.jeugdwerker,
    )


def test_ct_15_rt_08_a_transfer_rests_on_the_contributors_executed_decision_the_rest_is_archived(regio):
    t = Tafel(regio)
    casus = t.in_overleg()
    zorg = _zorgbijdrage(t, casus)
    politie = services.breng_in(actor=regio.actor(t.agent), uuid=casus.uuid, data=_feit())
    naar_politie = _uitgevoerd_deelbesluit(t, t.politie)  # addressed to another partner
    naar_wijkteam = _uitgevoerd_deelbesluit(t, regio.wijkteam)
    als_systeem()
    Casusoverleg.objects.filter(pk=casus.pk).update(status="afschaling")
    fatima = regio.actor(regio.medewerker)
    with pytest.raises(DomainError) as fout:  # addressed to another party than the one taking over
        services.sluit_af(
            actor=fatima,
            uuid=casus.uuid,
            overnemende_partij_uuid=regio.wijkteam.uuid,
            overdracht=[{"bijdrage": str(zorg.uuid), "deelbesluit": str(naar_politie.uuid)}],
        )
    assert "overdracht.0.deelbesluit" in {p.name for p in fout.value.invalid_params}
    with pytest.raises(DomainError):  # the police item with youth care's decision: not its contributor's
        services.sluit_af(
            actor=fatima,
            uuid=casus.uuid,
            overnemende_partij_uuid=regio.wijkteam.uuid,
            overdracht=[{"bijdrage": str(politie.uuid), "deelbesluit": str(naar_wijkteam.uuid)}],
        )
    services.sluit_af(
        actor=fatima,
        uuid=casus.uuid,
        overnemende_partij_uuid=regio.wijkteam.uuid,
        overdracht=[{"bijdrage": str(zorg.uuid), "deelbesluit": str(naar_wijkteam.uuid)}],
    )
    als_systeem()
    assert not Bijdrage.objects.get(pk=zorg.pk).gearchiveerd
    archief = Bijdrage.objects.get(pk=politie.pk)
    assert (
        archief.gearchiveerd
        and archief.vernietigen_op == Casusoverleg.objects.get(pk=casus.pk).vernietigen_op
    )
    # RT-08: only the procesregisseur still sees the file; the contributor no longer does
    assert {b.pk for b in selectors.lees_bijdragen(fatima, casus.uuid)[1]} == {zorg.pk, politie.pk}
    with pytest.raises(NotFound):
        selectors.lees_bijdragen(regio.actor(t.agent), casus.uuid)


def test_ct_08_special_category_data_needs_explicit_consent(regio):
    t = Tafel(regio)
    casus = t.in_overleg()
    toestemming = t.toestemming_tom()
    als_systeem()
    toestemming.uitdrukkelijk = False
    # a secrecy release is always explicit (CS-04); a kind (1) consent only for special categories
    toestemming.soort = "grondslag_verwerking"
    toestemming.gegevenscategorieen = ["gezondheid", "schoolgegevens"]
    toestemming.save()
    data = _feit(
        "Tom gebruikt dagelijks cannabis.",
        bron="eigen_waarneming",
        bijzonder=True,
        grond={"soort": "toestemming", "toestemming": str(toestemming.uuid)},
        gegevenscategorieen=["gezondheid"],
        noodzaak="Het plan sluit aan op de behandeling.",
    )
    with pytest.raises(DomainError) as fout:
        services.breng_in(actor=regio.actor(t.jeugdwerker), uuid=casus.uuid, data=data)
    assert fout.value.code == "E_CS_NOT_SPECIFIC"
    # the same consent covers an item without special-category data
    assert (
        services.breng_in(
            actor=regio.actor(t.jeugdwerker),
            uuid=casus.uuid,
            data={**data, "bijzonder": False, "gegevenscategorieen": ["schoolgegevens"]},
        ).toestemming_id
        == toestemming.pk
    )


def test_ct_15_the_contributor_links_its_decision_and_the_director_selects_the_item(regio):
    t = Tafel(regio)
    casus = t.in_overleg()
    zorg = _zorgbijdrage(t, casus)
    besluit = _uitgevoerd_deelbesluit(t, regio.wijkteam)
    coach = regio.actor(t.jeugdwerker)
    with pytest.raises(DomainError) as fout:  # only during afschaling
        services.koppel_overdracht(
            actor=coach, uuid=casus.uuid, bijdrage_uuid=zorg.uuid, deelbesluit_uuid=besluit.uuid
        )
    assert fout.value.code == "E_STATE_CONFLICT"
    als_systeem()
    Casusoverleg.objects.filter(pk=casus.pk).update(status="afschaling")
    with pytest.raises(DomainError) as fout:  # not the police's to hand over
        services.koppel_overdracht(
            actor=regio.actor(t.agent),
            uuid=casus.uuid,
            bijdrage_uuid=zorg.uuid,
            deelbesluit_uuid=besluit.uuid,
        )
    assert fout.value.code in ("E_AC_NOT_AUTHORISED", "E_NOT_FOUND")
    services.koppel_overdracht(
        actor=coach, uuid=casus.uuid, bijdrage_uuid=zorg.uuid, deelbesluit_uuid=besluit.uuid
    )
    services.sluit_af(
        actor=regio.actor(regio.medewerker),
        uuid=casus.uuid,
        overnemende_partij_uuid=regio.wijkteam.uuid,
        overdracht=[{"bijdrage": str(zorg.uuid)}],
    )
    als_systeem()
    assert not Bijdrage.objects.get(pk=zorg.pk).gearchiveerd


def test_the_plain_transition_cannot_skip_the_checks_of_accepting_adopting_or_closing(regio):
    t = Tafel(regio)
    casus = t.aanmelding()
    fatima = regio.actor(regio.medewerker)
    for naar in ("geaccepteerd", "afgewezen"):
        with pytest.raises(DomainError) as fout:
            services.ga_naar(actor=fatima, uuid=casus.uuid, naar=naar)
        assert fout.value.code == "E_STATE_CONFLICT"
    als_systeem()
    assert Casusoverleg.objects.get(pk=casus.pk).status == "aangemeld"


def test_the_registrants_access_ends_once_the_case_is_accepted(regio):
    t = Tafel(regio)
    casus = services.registreer(
        actor=regio.actor(regio.collega),
        overlegtype_uuid=t.type.uuid,
        persoon_uuid=tom(regio, regio.collega).uuid,
        vraag="Tom heeft drie politieregistraties en is gestopt met school.",
        procesregisseur_uuid=regio.medewerker.uuid,
    )
    assert selectors.casussen_zichtbaar_voor(regio.actor(regio.collega)).filter(pk=casus.pk).exists()
    services.accepteer(
        actor=regio.actor(regio.medewerker),
        uuid=casus.uuid,
        criteria_toets=dict.fromkeys(t.type.criteria, True),
        client_geinformeerd=True,
    )
    assert not selectors.casussen_zichtbaar_voor(regio.actor(regio.collega)).filter(pk=casus.pk).exists()
    assert selectors.casussen_zichtbaar_voor(regio.actor(regio.medewerker)).filter(pk=casus.pk).exists()


def test_an_informant_sees_and_closes_its_own_action_only(regio):
    t = Tafel(regio)
    casus = t.in_overleg()
    fatima = regio.actor(regio.medewerker)
    eigen = services.maak_actiepunt(
        actor=fatima,
        uuid=casus.uuid,
        omschrijving="Inschrijving nagaan",
        deadline=dt.date.today() + dt.timedelta(days=5),
        deelnemer_uuid=t.d_leerplicht.uuid,
    )
    services.maak_actiepunt(
        actor=fatima,
        uuid=casus.uuid,
        omschrijving="Gesprek met Tom",
        deadline=dt.date.today(),
        deelnemer_uuid=t.d_jeugdzorg.uuid,
    )
    leerplicht = regio.actor(t.leerplichtambtenaar)
    _k, rijen = selectors.lees_onderdeel(leerplicht, casus.uuid, "actiepunten")
    assert [a.pk for a in rijen] == [eigen.pk]
    assert services.rond_actiepunt_af(actor=leerplicht, uuid=casus.uuid, actiepunt_uuid=eigen.uuid).gereed_op


def test_ct_10_ct_15_a_withdrawn_contribution_is_neither_linked_nor_transferred(regio):
    t = Tafel(regio)
    casus = t.in_overleg()
    coach = regio.actor(t.jeugdwerker)
    zorg = _zorgbijdrage(t, casus)
    services.trek_bijdrage_in(actor=coach, uuid=casus.uuid, bijdrage_uuid=zorg.uuid)
    besluit = _uitgevoerd_deelbesluit(t, regio.wijkteam)
    als_systeem()
    Casusoverleg.objects.filter(pk=casus.pk).update(status="afschaling")
    with pytest.raises(DomainError) as fout:
        services.koppel_overdracht(
            actor=coach, uuid=casus.uuid, bijdrage_uuid=zorg.uuid, deelbesluit_uuid=besluit.uuid
        )
    assert fout.value.code == "E_STATE_CONFLICT"
    with pytest.raises(DomainError) as fout:
        services.sluit_af(
            actor=regio.actor(regio.medewerker),
            uuid=casus.uuid,
            overnemende_partij_uuid=regio.wijkteam.uuid,
            overdracht=[{"bijdrage": str(zorg.uuid), "deelbesluit": str(besluit.uuid)}],
        )
    assert "overdracht.0.bijdrage" in {p.name for p in fout.value.invalid_params}


# --- from review: holes that must stay closed ----------------------------------------------------------


def test_ct_09_a_sharing_decision_about_another_person_or_to_another_party_does_not_count(regio):
    t = Tafel(regio)
    casus = t.in_overleg()
    als_systeem()
    from zorgvuldig.personen.models import Persoon

    ander = tom(regio, t.jeugdwerker)
    Persoon.objects.filter(pk=ander.pk).update(bsn_index="iemand-anders")
    ander.refresh_from_db()
    over_ander = _uitgevoerd_deelbesluit(t, regio.wijkteam, persoon=ander, grond="g7_vitaal_belang")
    aan_school = _uitgevoerd_deelbesluit(t, regio.school, grond="g7_vitaal_belang")
    goed = _uitgevoerd_deelbesluit(t, regio.wijkteam, grond="g7_vitaal_belang")
    data = _feit(
        "Tom woont deels bij zijn oom.",
        bron="eigen_waarneming",
        grond={"soort": "g7_vitaal_belang"},
        noodzaak="Het plan moet weten waar Tom woont.",
    )
    for besluit in (over_ander, aan_school):
        with pytest.raises(DomainError) as fout:
            services.breng_in(
                actor=regio.actor(t.jeugdwerker),
                uuid=casus.uuid,
                data={**data, "grond": {"soort": "g7_vitaal_belang", "deelbesluit": str(besluit.uuid)}},
            )
        assert fout.value.code == "E_SH_RECIPIENT_TASK_ONLY"
    b = services.breng_in(
        actor=regio.actor(t.jeugdwerker),
        uuid=casus.uuid,
        data={**data, "grond": {"soort": "g7_vitaal_belang", "deelbesluit": str(goed.uuid)}},
    )
    assert b.deelbesluit_id == goed.pk


def test_ct_02_no_one_is_invited_or_named_before_the_intake_and_the_weighing(regio):
    t = Tafel(regio)
    casus = t.aanmelding()
    with pytest.raises(DomainError) as fout:
        t.nodig_uit(casus, t.politie, t.agent, "eigen_taak")
    assert fout.value.code == "E_STATE_CONFLICT"
    als_systeem()  # the same table as early signalling: anonymous until a weighing puts it on the agenda
    Overlegtype.objects.filter(pk=t.type.pk).update(soort="vroegsignalering")
    fatima = regio.actor(regio.medewerker)
    anoniem = services.registreer(
        actor=fatima, overlegtype_uuid=t.type.uuid, vraag="Zorgen over een leerling."
    )
    with pytest.raises(DomainError) as fout:
        services.wijzig(actor=fatima, uuid=anoniem.uuid, data={"persoon": str(t.tom.uuid)})
    assert fout.value.code == "E_STATE_CONFLICT"


def test_ct_10_a_restriction_takes_the_item_out_of_allocations_outside_it(regio):
    t = Tafel(regio)
    casus = t.in_overleg()
    fatima = regio.actor(regio.medewerker)
    item = services.breng_in(actor=regio.actor(t.agent), uuid=casus.uuid, data=_feit())
    tweede = services.breng_in(actor=regio.actor(t.agent), uuid=casus.uuid, data=_feit("Vernieling in mei."))
    eigen = services.breng_in(
        actor=fatima, uuid=casus.uuid, data=_feit(grond={"soort": "g4_wettelijke_bevoegdheid"})
    )
    naar_zorg = services.deel_toe(
        actor=fatima,
        uuid=casus.uuid,
        deelnemer_uuid=t.d_jeugdzorg.uuid,
        bijdragen=[str(item.uuid), str(eigen.uuid)],
    )
    naar_politie = services.deel_toe(
        actor=fatima, uuid=casus.uuid, deelnemer_uuid=t.d_politie.uuid, bijdragen=[str(tweede.uuid)]
    )
    services.trek_bijdrage_in(
        actor=regio.actor(t.agent),
        uuid=casus.uuid,
        bijdrage_uuid=item.uuid,
        beperk_tot=[str(t.d_politie.uuid)],
    )
    als_systeem()
    assert list(naar_zorg.items.values_list("bijdrage_id", flat=True)) == [eigen.pk]
    # what was left (the director's own, approved by proposing it) is now issued
    naar_zorg.refresh_from_db()
    assert naar_zorg.verstrekt_op is not None
    assert naar_politie.items.count() == 1


def test_ct_12_an_emptied_allocation_does_not_end_the_conference(regio):
    t = Tafel(regio)
    casus = t.in_overleg()
    fatima = regio.actor(regio.medewerker)
    item = services.breng_in(actor=regio.actor(t.agent), uuid=casus.uuid, data=_feit())
    services.deel_toe(
        actor=fatima, uuid=casus.uuid, deelnemer_uuid=t.d_jeugdzorg.uuid, bijdragen=[str(item.uuid)]
    )
    services.trek_bijdrage_in(actor=regio.actor(t.agent), uuid=casus.uuid, bijdrage_uuid=item.uuid)
    services.wijzig(
        actor=fatima,
        uuid=casus.uuid,
        data={"informeertClient": str(t.d_jeugdzorg.uuid), "deelbaarMetClient": "Het plan."},
    )
    with pytest.raises(DomainError) as fout:
        services.stel_vast(actor=fatima, uuid=casus.uuid, plan="Begeleiding naar werk.")
    assert "toedelingen" in {p.name for p in fout.value.invalid_params}


def test_ct_12_approving_ends_with_the_conference(regio):
    t = Tafel(regio)
    casus = t.in_overleg()
    item = services.breng_in(actor=regio.actor(t.agent), uuid=casus.uuid, data=_feit())
    toedeling = services.deel_toe(
        actor=regio.actor(regio.medewerker),
        uuid=casus.uuid,
        deelnemer_uuid=t.d_jeugdzorg.uuid,
        bijdragen=[str(item.uuid)],
    )
    als_systeem()
    Casusoverleg.objects.filter(pk=casus.pk).update(status="afschaling")
    with pytest.raises(DomainError) as fout:
        services.keur_toedeling_goed(
            actor=regio.actor(t.agent), uuid=casus.uuid, toedeling_uuid=toedeling.uuid
        )
    assert fout.value.code == "E_STATE_CONFLICT"


def test_ct_15_the_taking_over_party_is_the_host_or_a_partner(regio):
    t = Tafel(regio)
    casus = t.in_overleg()
    als_systeem()
    Casusoverleg.objects.filter(pk=casus.pk).update(status="afschaling")
    with pytest.raises(DomainError) as fout:
        services.sluit_af(
            actor=regio.actor(regio.medewerker),
            uuid=casus.uuid,
            overnemende_partij_uuid=regio.school.uuid,
            overdracht=[],
        )
    assert "overnemendePartij" in {p.name for p in fout.value.invalid_params}


def test_rt_08_closing_ends_allocation_grants_and_a_replaced_director_loses_access(regio):
    from zorgvuldig.toegang.models import Toegang

    t = Tafel(regio)
    casus = t.in_overleg()
    fatima = regio.actor(regio.medewerker)
    services.wijzig(actor=fatima, uuid=casus.uuid, data={"casusregisseur": str(regio.collega.uuid)})
    services.wijzig(actor=fatima, uuid=casus.uuid, data={"casusregisseur": None})
    assert not selectors.casussen_zichtbaar_voor(regio.actor(regio.collega)).filter(pk=casus.pk).exists()
    item = services.breng_in(actor=regio.actor(t.agent), uuid=casus.uuid, data=_feit())
    toedeling = services.deel_toe(
        actor=fatima, uuid=casus.uuid, deelnemer_uuid=t.d_jeugdzorg.uuid, bijdragen=[str(item.uuid)]
    )
    services.keur_toedeling_goed(actor=regio.actor(t.agent), uuid=casus.uuid, toedeling_uuid=toedeling.uuid)
    als_systeem()
    Casusoverleg.objects.filter(pk=casus.pk).update(status="afschaling")
    services.sluit_af(
        actor=fatima, uuid=casus.uuid, overnemende_partij_uuid=regio.wijkteam.uuid, overdracht=[]
    )
    als_systeem()
    assert not Toegang.objects.filter(
        object_type="casusoverleg.bijdrage", object_id=item.pk, ingetrokken_op__isnull=True
    ).exists()


def test_ct_12_a_contributor_sees_only_its_own_items_in_anothers_allocation(regio):
    t = Tafel(regio)
    casus = t.in_overleg()
    fatima = regio.actor(regio.medewerker)
    politie = services.breng_in(actor=regio.actor(t.agent), uuid=casus.uuid, data=_feit())
    eigen = services.breng_in(
        actor=fatima, uuid=casus.uuid, data=_feit(grond={"soort": "g4_wettelijke_bevoegdheid"})
    )
    services.deel_toe(
        actor=fatima,
        uuid=casus.uuid,
        deelnemer_uuid=t.d_jeugdzorg.uuid,
        bijdragen=[str(politie.uuid), str(eigen.uuid)],
    )
    k, rijen = selectors.lees_onderdeel(regio.actor(t.agent), casus.uuid, "toedelingen")
    assert [b["bijdrage"] for b in selectors.toedeling_weergave(rijen[0], k)["bijdragen"]] == [
        str(politie.uuid)
    ]
    k, rijen = selectors.lees_onderdeel(regio.actor(t.jeugdwerker), casus.uuid, "toedelingen")
    assert len(selectors.toedeling_weergave(rijen[0], k)["bijdragen"]) == 2  # the recipient sees what it gets


def test_ct_03_after_the_allocation_re_confirming_is_refused_as_moot(regio):
    t = Tafel(regio)
    casus = t.in_overleg()
    item = services.breng_in(actor=regio.actor(t.agent), uuid=casus.uuid, data=_feit())
    als_systeem()
    Casusoverleg.objects.filter(pk=casus.pk).update(status="monitoring")
    with pytest.raises(DomainError) as fout:
        services.bevestig_bijdrage(
            actor=regio.actor(regio.medewerker), uuid=casus.uuid, bijdrage_uuid=item.uuid
        )
    assert fout.value.code == "E_STATE_CONFLICT"


# --- CT-08: the consent or decision a contribution rests on must cover this table (review finding) ------


def _vt(regio):
    from zorgvuldig.organisaties.models import Organisatie

    als_systeem()
    return Organisatie.objects.create(
        verwerkingsverantwoordelijke=regio.gemeente,
        code="vt-test",
        naam="Veilig Thuis Test",
        type="veilig_thuis",
    )


def _eigen_toestemming(regio, persoon, **over):
    """A written, explicit secrecy release of the wijkteam's own registry (arranged directly: the consent
    registry's own rules are tested in toestemmingen)."""
    from zorgvuldig.toestemmingen.models import Toestemming

    als_systeem()
    return Toestemming.objects.create(
        **{
            "verwerkingsverantwoordelijke_id": regio.wijkteam.verwerkingsverantwoordelijke_id,
            "organisatie": regio.wijkteam,
            "betrokkene": persoon,
            "soort": "doorbreking_beroepsgeheim",
            "status": "gegeven",
            "gevers": [{"persoon": str(persoon.uuid), "hoedanigheid": "zelf"}],
            "doel": "casusoverleg",
            "ontvangers": [],
            "gegevenscategorieen": ["schoolgegevens"],
            "vorm": "schriftelijk",
            "uitdrukkelijk": True,
            "datum": dt.date.today(),
            "vastgelegd_door": regio.medewerker,
            **over,
        }
    )


def _besluit_wijkteam(regio, persoon, ontvanger, grond):
    """The wijkteam's own decided (not yet executed) sharing decision on `persoon` towards `ontvanger`."""
    return besluit_wijkteam(regio, persoon, ontvanger, grond, uitgevoerd=False)


def _schets(**over):
    return _feit(
        "Sam verzuimt drie dagen per week.",
        **{"bron": "eigen_waarneming", "gegevenscategorieen": ["schoolgegevens"], **over},
    )


def test_ct_08_cs_02_a_consent_naming_only_veilig_thuis_is_refused_at_the_table(regio):
    """Review finding (a): a consent naming only Veilig Thuis, while police and youth care read along."""
    t = Tafel(regio)
    casus = t.in_overleg()
    fatima = regio.actor(regio.medewerker)
    vt = _vt(regio)
    alleen_vt = _eigen_toestemming(regio, t.tom, ontvangers=[{"organisatie": str(vt.uuid)}])
    with pytest.raises(DomainError) as fout:
        services.breng_in(
            actor=fatima,
            uuid=casus.uuid,
            data=_schets(grond={"soort": "toestemming", "toestemming": str(alleen_vt.uuid)}),
        )
    assert fout.value.code == "E_CS_NOT_SPECIFIC"
    assert "grond.toestemming" in {p.name for p in fout.value.invalid_params}
    assert _geweigerd("casusoverleg.bijdrage_ingebracht", "E_CS_NOT_SPECIFIC")
    als_systeem()
    assert not Bijdrage.objects.exists()
    # a consent for the table's purpose naming every reader (the host need not be named: it is Fatima's)
    lezers = [t.politie, t.jeugdzorg, t.verslaving]  # the informant reads only its own question (CT-06)
    dekkend = _eigen_toestemming(regio, t.tom, ontvangers=[{"organisatie": str(o.uuid)} for o in lezers])
    with pytest.raises(DomainError) as fout:  # it does not cover other data than named
        services.breng_in(
            actor=fatima,
            uuid=casus.uuid,
            data=_schets(
                grond={"soort": "toestemming", "toestemming": str(dekkend.uuid)},
                gegevenscategorieen=["schoolgegevens", "gezondheid"],
            ),
        )
    assert fout.value.code == "E_CS_NOT_SPECIFIC"
    b = services.breng_in(
        actor=fatima,
        uuid=casus.uuid,
        data=_schets(grond={"soort": "toestemming", "toestemming": str(dekkend.uuid)}),
    )
    assert b.toestemming_id == dekkend.pk
    # AU-02: the entry names the consent it rests on and the basis used (consent, a)
    als_systeem()
    regel = AuditRegel.objects.get(actie="casusoverleg.bijdrage_ingebracht", status="uitgevoerd")
    assert regel.koppeling["toestemming"] == str(dekkend.uuid) and regel.koppeling["grond"] == "toestemming"
    assert regel.grondslag == "a"


def test_ct_08_g5_is_refused_without_a_statutory_duty_recipient_at_the_table(regio):
    """Review finding (b): G5 with a decision addressed to Veilig Thuis, which does not sit at the table."""
    t = Tafel(regio)
    casus = t.in_overleg()
    fatima = regio.actor(regio.medewerker)
    naar_vt = _besluit_wijkteam(regio, t.tom, _vt(regio), "g5_wettelijke_plicht")
    for grond in (
        {"soort": "g5_wettelijke_plicht", "deelbesluit": str(naar_vt.uuid)},
        {"soort": "g5_wettelijke_plicht"},
    ):
        with pytest.raises(DomainError) as fout:
            services.breng_in(actor=fatima, uuid=casus.uuid, data=_schets(grond=grond))
        assert fout.value.code == "E_CT_NO_GROUND"
        assert "grond.soort" in {p.name for p in fout.value.invalid_params}
    als_systeem()
    assert not Bijdrage.objects.exists()


def test_ct_08_sh_09_an_unconfigured_g4_to_g7_ground_needs_a_decision_to_the_table(regio):
    t = Tafel(regio)
    casus = t.in_overleg()
    fatima = regio.actor(regio.medewerker)  # the wijkteam's configured ground is G4, not G7
    with pytest.raises(DomainError) as fout:
        services.breng_in(actor=fatima, uuid=casus.uuid, data=_schets(grond={"soort": "g7_vitaal_belang"}))
    assert fout.value.code == "E_CT_NO_GROUND"
    naar_school = _besluit_wijkteam(regio, t.tom, regio.school, "g7_vitaal_belang")  # not at the table
    with pytest.raises(DomainError) as fout:
        services.breng_in(
            actor=fatima,
            uuid=casus.uuid,
            data=_schets(grond={"soort": "g7_vitaal_belang", "deelbesluit": str(naar_school.uuid)}),
        )
    assert fout.value.code == "E_CT_NO_GROUND"
    naar_jeugdzorg = _besluit_wijkteam(regio, t.tom, t.jeugdzorg, "g7_vitaal_belang")
    b = services.breng_in(
        actor=fatima,
        uuid=casus.uuid,
        data=_schets(grond={"soort": "g7_vitaal_belang", "deelbesluit": str(naar_jeugdzorg.uuid)}),
    )
    assert b.deelbesluit_id == naar_jeugdzorg.pk
    als_systeem()
    regel = AuditRegel.objects.get(actie="casusoverleg.bijdrage_ingebracht", status="uitgevoerd")
    assert regel.koppeling["deelbesluit"] == str(naar_jeugdzorg.uuid)
    assert regel.koppeling["grond"] == "g7_vitaal_belang" and "toestemming" not in regel.koppeling
