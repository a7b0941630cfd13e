"""PE-02, PE-10 and GP-06 on persons and grants."""

from __future__ import annotations

import datetime as dt

import pytest

from zorgvuldig.conftest import BSN_SAM
from zorgvuldig.core.errors import DomainError
from zorgvuldig.personen import selectors, services
from zorgvuldig.toegang import services as toegang

pytestmark = pytest.mark.django_db


def test_pe_02_functions_needing_a_bsn_refuse_without(regio):
    actor = regio.actor(regio.medewerker)
    zonder = services.registreer_persoon(
        actor=actor, data={"geslachtsnaam": "X", "bsn_ontbreekt_reden": "dakloos"}
    )
    met = services.registreer_persoon(actor=actor, data={"geslachtsnaam": "Y", "bsn": BSN_SAM})
    with pytest.raises(DomainError) as exc:
        selectors.vereis_bsn(zonder)
    assert exc.value.code == "E_PE_BSN_REQUIRED"
    assert selectors.vereis_bsn(met) == BSN_SAM


def test_pe_10_network_member_details_need_a_recorded_relevance(regio):
    """PE-10: an address of a family or network member is stored only when relevant to the support."""
    actor = regio.actor(regio.medewerker)
    client = services.registreer_persoon(
        actor=actor, data={"geslachtsnaam": "Client", "bsn_ontbreekt_reden": "t"}
    )
    oom = services.registreer_persoon(
        actor=actor,
        data={
            "geslachtsnaam": "Oom",
            "bsn_ontbreekt_reden": "t",
            "adres_straat": "Dijk",
            "adres_woonplaats": "Krimpen",
        },
    )
    with pytest.raises(DomainError) as exc:
        services.registreer_relatie(
            actor=actor, persoon_uuid=client.uuid, ander_uuid=oom.uuid, data={"soort": "ouder"}
        )
    assert exc.value.invalid_params[0].name == "relevantie"
    services.wijzig_persoon(actor=actor, uuid=oom.uuid, data={"relevantie": "Oom vangt de kinderen op"})
    services.registreer_relatie(
        actor=actor, persoon_uuid=client.uuid, ander_uuid=oom.uuid, data={"soort": "ouder"}
    )
    # a network member with name only needs no relevance note
    tante = services.registreer_persoon(
        actor=actor, data={"geslachtsnaam": "Tante", "bsn_ontbreekt_reden": "t"}
    )
    services.registreer_relatie(
        actor=actor,
        persoon_uuid=client.uuid,
        ander_uuid=tante.uuid,
        data={"soort": "meerderjarige_broer_zus"},
    )


def test_gp_06_defaults_are_the_narrowest(regio):
    """GP-06: a new grant is read-only unless more is asked; G5 to benefits inspectors is off; no scopes
    without a role."""
    actor = regio.actor(regio.medewerker)
    p = services.registreer_persoon(actor=actor, data={"geslachtsnaam": "X", "bsn_ontbreekt_reden": "t"})
    grant = toegang.verleen(
        actor=regio.actor(regio.leidinggevende),
        object=p,
        bron="sectie",
        ontvanger_gebruiker=regio.collega,
        reden="Vervanging",
    )
    assert grant.rechten == ["lezen"]
    assert regio.wijkteam.g5_participatiewet is False
    from zorgvuldig.core.context import Actor
    from zorgvuldig.organisaties.models import Gebruiker

    nieuw = Gebruiker.objects.create_user(
        email="nieuw@example.org", password="x" * 14, naam="Nieuw", organisatie=regio.wijkteam
    )
    assert Actor.voor(nieuw).scopes == frozenset()


# --- Surnames with particles (search, break-glass, audit search) ---------------------------------------


def test_the_search_break_glass_and_audit_search_find_de_zwerver_as_zwerver(regio):
    """The three look-ups by surname share the rule, on both databases (PostgreSQL's ~* and SQLite's
    REGEXP read the same pattern). Break-glass still needs exactly one match with the birth date (AC-11)."""
    from zorgvuldig.personen.selectors import personen_voor_audit, persoon_voor_noodtoegang, zoek

    kees = services.registreer_persoon(
        actor=regio.actor(regio.medewerker),
        data={
            "voornamen": "Kees",
            "voorvoegsel": "",
            "geslachtsnaam": "de Zwerver",
            "geboortedatum": dt.date(1970, 5, 1),
            "bsn_ontbreekt_reden": "dakloos",
        },
    )
    actor = regio.actor(regio.medewerker)
    assert [p.uuid for p in zoek(actor, geslachtsnaam="zwerver")[0]] == [kees.uuid]
    assert zoek(actor, geslachtsnaam="Zwervers")[0] == []
    assert (
        persoon_voor_noodtoegang(
            regio.actor(regio.collega), geslachtsnaam="Zwerver", geboortedatum=dt.date(1970, 5, 1)
        )
        == kees
    )
    assert (
        persoon_voor_noodtoegang(
            regio.actor(regio.collega), geslachtsnaam="Zwerver", geboortedatum=dt.date(1970, 5, 2)
        )
        is None
    )
    assert personen_voor_audit(
        regio.actor(regio.fg), geslachtsnaam="Zwerver", geboortedatum=kees.geboortedatum
    ) == [kees]


def test_a_name_reads_without_empty_parts():
    """FG review F21: "Sam Jansen", not "Sam  Jansen"; the surname particle where there is one."""
    from zorgvuldig.personen.models import Persoon

    assert Persoon(voornamen="Sam", voorvoegsel="", geslachtsnaam="Jansen").volledige_naam == "Sam Jansen"
    assert (
        Persoon(voornamen="Kees", voorvoegsel="de", geslachtsnaam="Zwerver").volledige_naam
        == "Kees de Zwerver"
    )
    assert Persoon(voornamen="", voorvoegsel="", geslachtsnaam="Jansen").volledige_naam == "Jansen"
