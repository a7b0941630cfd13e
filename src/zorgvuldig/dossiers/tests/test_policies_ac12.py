"""AC-12 (seed 001 art 8(1)) as a pure rule: data from a partner organisation's own system enter the case
file only through the team member employed by that partner, only as necessary, and discussed with the
client. Organisations are ids here; the service tests are in test_partnergegevens.py."""

from __future__ import annotations

import pytest

from zorgvuldig.core.errors import CODES
from zorgvuldig.dossiers import policies as p

WIJKTEAM, GGD, JEUGDZORG = 1, 2, 3


def partner(**over):
    """A complete partner note by a team member of the wijkteam employed by the GGD."""
    waarden = {
        "bron": p.PARTNER,
        "bron_organisatie": GGD,
        "werkgever": GGD,
        "acterende_organisatie": WIJKTEAM,
        "noodzaak": "Eerdere opvoedondersteuning bepaalt welke hulp nu past.",
        "besproken_met_client": True,
    }
    waarden.update(over)
    return p.partnergegevens_fouten(**waarden)


def velden(fouten) -> set[tuple[str, str]]:
    return {(f.code, f.naam) for f in fouten}


# --- the pure rule ----------------------------------------------------------------------------------


def test_ac_12_employee_of_that_partner_may_bring_in_its_data():
    assert partner() == ()


def test_ac_12_employee_of_another_partner_is_refused():
    assert velden(partner(werkgever=JEUGDZORG)) == {("E_AC_PARTNER_DATA", "bron.organisatie")}


def test_ac_12_user_without_werkgever_is_refused():
    """No werkgever = employed by the organisation the user acts for: no partner's employee; that alone
    decides, whatever else is stated."""
    assert velden(partner(werkgever=None)) == {("E_AC_PARTNER_DATA", "bron.organisatie")}
    fouten = partner(werkgever=None, bron_organisatie=None, noodzaak="", besproken_met_client=None)
    assert velden(fouten) == {("E_AC_PARTNER_DATA", "bron.organisatie")}
    assert "in dienst" in fouten[0].reden


def test_ac_12_the_acting_organisation_itself_is_no_partner():
    fouten = partner(werkgever=WIJKTEAM, bron_organisatie=WIJKTEAM)
    assert velden(fouten) == {("E_AC_PARTNER_DATA", "bron.organisatie")}


def test_ac_12_partner_must_be_named():
    [fout] = partner(bron_organisatie=None)
    assert (fout.code, fout.naam) == ("E_AC_PARTNER_DATA", "bron.organisatie")
    assert fout.reden.startswith("Noem de partnerorganisatie") and fout.reden.endswith("(AC-12).")


def test_ac_12_not_discussed_with_the_client_is_refused():
    for besproken in (False, None):
        assert velden(partner(besproken_met_client=besproken)) == {
            ("E_AC_PARTNER_DATA", "bron.besprokenMetClient")
        }


def test_ac_12_without_stated_necessity_is_refused():
    for noodzaak in ("", "   "):
        assert velden(partner(noodzaak=noodzaak)) == {("E_AC_PARTNER_DATA", "bron.noodzaak")}


def test_ac_12_all_failures_are_reported_together_with_registered_code_and_dutch_reasons():
    fouten = partner(werkgever=JEUGDZORG, noodzaak="", besproken_met_client=None)
    assert {f.naam for f in fouten} == {"bron.organisatie", "bron.noodzaak", "bron.besprokenMetClient"}
    for f in fouten:
        assert f.code in CODES and f.reden[0].isupper() and f.reden.endswith("(AC-12).")
    assert CODES["E_AC_PARTNER_DATA"].status == 403


@pytest.mark.parametrize("bron", ["eigen_waarneming", "client", "derde", "document"])
def test_ac_12_normal_notes_are_unaffected(bron):
    leeg = {"bron_organisatie": None, "werkgever": None, "noodzaak": "", "besproken_met_client": None}
    assert partner(bron=bron, **leeg) == ()
    # A user employed by a partner writes ordinary notes as before.
    assert partner(bron=bron, **{**leeg, "werkgever": GGD}) == ()


def test_ac_12_partner_statements_belong_to_partner_data_only():
    fouten = partner(bron="derde", werkgever=None)
    assert velden(fouten) == {
        ("E_INVALID_INPUT", "bron.organisatie"),
        ("E_INVALID_INPUT", "bron.noodzaak"),
        ("E_INVALID_INPUT", "bron.besprokenMetClient"),
    }
    assert {f.reden for f in fouten} == {
        "Dit hoort alleen bij gegevens uit het systeem van een partner (AC-12)."
    }


def test_ac_12_partner_is_a_source_and_not_own_observation():
    assert p.PARTNER in p.BRONNEN
    assert p.niet_eigen_waarneming("feit", p.PARTNER)
