"""Pure access rules: roles → scopes (AC-*), grant validity derived from dates (RT-12), AC-09 limits."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from zorgvuldig.toegang import policies
from zorgvuldig.toegang.scopes import SCOPES

ROLLEN = sorted(policies.ROL_SCOPES)
datums = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31))


def test_ac_06_beheerder_has_no_content_scope():
    """AC-06: the technical beheerder holds configuration scopes only."""
    scopes = policies.scopes_voor(
        frozenset({"beheerder"}), frozenset({"vi_signaleren", "verzoeken_besluiten"})
    )
    assert scopes
    assert not [s for s in scopes if s.startswith(policies.CONTENT_SCOPE_PREFIXES)]


def test_ac_05_new_users_and_unknown_roles_have_nothing():
    """AC-05: new users have no authorisations; unknown roles give nothing."""
    assert policies.scopes_voor(frozenset(), frozenset()) == frozenset()
    assert policies.scopes_voor(frozenset({"superuser"}), frozenset()) == frozenset()


def test_ac_08_signalling_needs_a_mandate_and_a_professional_role():
    """AC-08: only individually mandated professionals may signal."""
    assert "signaal:registreren" not in policies.scopes_voor(frozenset({"medewerker"}), frozenset())
    assert "signaal:registreren" in policies.scopes_voor(
        frozenset({"medewerker"}), frozenset({"vi_signaleren"})
    )
    # a mandate on an account without a professional role gives nothing
    assert "signaal:registreren" not in policies.scopes_voor(
        frozenset({"beheerder"}), frozenset({"vi_signaleren"})
    )


def test_ri_13_deciding_requests_needs_the_written_mandate():
    """RI-13: the leidinggevende decides requests only under a written mandate."""
    assert "verzoek:besluiten" not in policies.scopes_voor(frozenset({"leidinggevende"}), frozenset())
    assert "verzoek:besluiten" in policies.scopes_voor(
        frozenset({"leidinggevende"}), frozenset({"verzoeken_besluiten"})
    )
    assert "verzoek:besluiten" not in policies.scopes_voor(
        frozenset({"medewerker"}), frozenset({"verzoeken_besluiten"})
    )


def test_ac_09_auditor_only_reads_the_log_and_dossiers_never_writes():
    """AC-09: read-only; which log entries and dossiers is narrowed by the statutory grant itself."""
    scopes = policies.scopes_voor(frozenset({"auditor"}), frozenset())
    assert scopes == frozenset({"audit:lezen", "dossier:inzien"})


def test_every_scope_is_registered_with_a_dutch_description():
    assert set(SCOPES) == set(policies.ALLE_SCOPES)
    assert all(SCOPES[s] for s in SCOPES)


@given(st.sets(st.sampled_from(ROLLEN)), st.sets(st.sampled_from(ROLLEN)))
def test_scopes_are_monotone_in_roles(a, b):
    """Adding a role never removes a scope."""
    kleiner = policies.scopes_voor(frozenset(a), frozenset())
    groter = policies.scopes_voor(frozenset(a | b), frozenset())
    assert kleiner <= groter


@given(datums, st.one_of(st.none(), datums), st.booleans(), datums)
def test_rt_12_grant_validity_is_derived_from_dates(vanaf, tot, ingetrokken, op):
    """RT-12, AC-14: valid iff started, not past its (inclusive) end date and not revoked."""
    verwacht = (not ingetrokken) and vanaf <= op and (tot is None or op <= tot)
    assert policies.grant_geldig(vanaf, tot, ingetrokken, op) is verwacht


def test_ac_04_meeting_day_grant_is_valid_that_day_only():
    """AC-04: a team-meeting grant (vanaf = tot = the day) is valid on that day and not the next."""
    dag = dt.date(2026, 3, 2)
    assert policies.grant_geldig(dag, dag, False, dag)
    assert not policies.grant_geldig(dag, dag, False, dag + dt.timedelta(days=1))
    assert not policies.grant_geldig(dag, dag, False, dag - dt.timedelta(days=1))


def test_ac_09_statutory_grant_is_read_only_and_at_most_90_days():
    """AC-09: statutory access is read-only, needs an end date, and lasts at most 90 days."""
    start = dt.date(2026, 1, 1)
    assert policies.wettelijke_grant_fout(start, start + dt.timedelta(days=90), frozenset({"lezen"})) is None
    assert policies.wettelijke_grant_fout(start, start + dt.timedelta(days=91), frozenset({"lezen"}))
    assert policies.wettelijke_grant_fout(start, None, frozenset({"lezen"}))
    assert policies.wettelijke_grant_fout(start, start - dt.timedelta(days=1), frozenset({"lezen"}))
    assert policies.wettelijke_grant_fout(start, start, frozenset({"lezen", "wijzigen"}))


def test_ac_06_refusal_without_scope():
    """API §1.4 / AC-06: beheerder asking for content → E_AC_ADMIN_CONTENT; item paths → 404."""
    assert (
        policies.weigering_zonder_scope(frozenset({"beheerder"}), "persoon:inzien", True)
        == "E_AC_ADMIN_CONTENT"
    )
    assert policies.weigering_zonder_scope(frozenset({"medewerker"}), "audit:lezen", True) == "E_NOT_FOUND"
    assert (
        policies.weigering_zonder_scope(frozenset({"medewerker"}), "audit:lezen", False)
        == "E_AC_NOT_AUTHORISED"
    )
    assert (
        policies.weigering_zonder_scope(frozenset({"beheerder", "fg"}), "persoon:inzien", False)
        == "E_AC_NOT_AUTHORISED"
    )


def test_ac_11_breakglass_reason_rules():
    """AC-11: whom the threat concerns (from a closed list) and a concrete description are required."""
    concreet = "Vader dreigde gisteren de partner iets aan te doen; de buren belden de politie."
    assert policies.noodtoegang_fout(concreet, frozenset({"gezin"})) is None
    assert policies.noodtoegang_fout(concreet, frozenset(policies.DREIGING_VOOR)) is None
    assert "voor wie" in policies.noodtoegang_fout(concreet, frozenset())
    assert "voor wie" in policies.noodtoegang_fout(concreet, frozenset({"gezin", "buurt"}))
    assert "concrete aanwijzingen" in policies.noodtoegang_fout("x" * 39, frozenset({"team"}))
    assert policies.noodtoegang_fout("x" * 40, frozenset({"team"})) is None
    assert "concrete aanwijzingen" in policies.noodtoegang_fout("   " + "x" * 38 + "   ", frozenset({"team"}))
    assert "concrete aanwijzingen" in policies.noodtoegang_fout(None, frozenset({"team"}))


def test_ac_09_statutory_grant_reasons_name_what_is_wrong():
    start = dt.date(2026, 1, 1)
    lezen = frozenset({"lezen"})
    assert "einddatum" in policies.wettelijke_grant_fout(start, None, lezen)
    assert "voor de begindatum" in policies.wettelijke_grant_fout(start, start - dt.timedelta(days=1), lezen)
    assert "90 dagen" in policies.wettelijke_grant_fout(start, start + dt.timedelta(days=91), lezen)
    assert "leesrecht" in policies.wettelijke_grant_fout(start, start, frozenset({"lezen", "aanvullen"}))
    assert "leesrecht" in policies.wettelijke_grant_fout(start, start, frozenset())
    assert policies.wettelijke_grant_fout(start, start, lezen) is None


def test_ac_08_without_the_vi_mandate_the_refusal_names_the_mandate():
    """AC-08: signalling asks an individual mandate; its absence is E_AC_NOT_MANDATED, not a role issue."""
    assert (
        policies.weigering_zonder_scope(frozenset({"medewerker"}), "signaal:registreren", False)
        == "E_AC_NOT_MANDATED"
    )
    assert (
        policies.weigering_zonder_scope(frozenset({"fg"}), "match:behandelen|signaal:beheren", False)
        == "E_AC_NOT_MANDATED"
    )
    assert (
        policies.weigering_zonder_scope(frozenset({"medewerker"}), "signaal:beheren", False)
        == "E_AC_NOT_AUTHORISED"
    )
    assert (
        policies.weigering_zonder_scope(frozenset({"medewerker"}), "signaal:registreren", True)
        == "E_NOT_FOUND"
    )


@given(datums, datums, st.booleans(), st.none() | st.booleans())
def test_ac_11_review_status_derived_from_the_review_and_its_deadline(voor, vandaag, beoordeeld, akkoord):
    """AC-11: unreviewed is open until the deadline (inclusive), then overdue; reviewed is its outcome."""
    status = policies.noodtoegang_beoordeling(
        beoordeeld=beoordeeld, akkoord=akkoord, beoordelen_voor=voor, vandaag=vandaag
    )
    if beoordeeld:
        assert status == ("terecht" if akkoord else "niet_terecht")
    else:
        assert status == ("te_laat" if vandaag > voor else "open")
    assert status in policies.BEOORDELINGEN and status in policies.BEOORDELING_LABELS


def test_ac_11_unjustified_needs_a_reason_and_ends_a_running_grant():
    """AC-11: "not justified" says why; it ends the grant at once when it still runs, never otherwise."""
    assert policies.noodtoegang_oordeel_fout(False, "  ") is not None
    assert policies.noodtoegang_oordeel_fout(False, "Geen acute dreiging") is None
    assert policies.noodtoegang_oordeel_fout(True, "") is None
    assert policies.noodtoegang_beeindigen(akkoord=False, grant_geldig_nu=True)
    assert not policies.noodtoegang_beeindigen(akkoord=False, grant_geldig_nu=False)
    assert not policies.noodtoegang_beeindigen(akkoord=True, grant_geldig_nu=True)
    assert set(policies.BEOORDELING_ACTIE.values()) == {
        "toegang.noodtoegang_terecht",
        "toegang.noodtoegang_niet_terecht",
    }
