"""Pure UI rules: navigation by scope (AC-06, AC-14), idle expiry, re-authentication before break-glass
(AC-11), no open redirect after log-in. No database: these also run under mutmut."""

from __future__ import annotations

import datetime as dt

from zorgvuldig.ui import policies

NU = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)
MIN = dt.timedelta(minutes=1)


def test_ac_06_navigation_shows_only_what_the_scopes_allow():
    labels = [m.label for m in policies.navigatie(frozenset())]
    assert labels == ["Overzicht", "Mijn profiel"]
    beheer = [m.label for m in policies.navigatie(frozenset({"gebruiker:beheren", "token:beheren"}))]
    assert beheer == ["Overzicht", "Gebruikers", "Teams", "API-sleutels", "Mijn profiel"]
    alles = frozenset(s for m in policies.MENU if m.scope for s in m.scope.split("|"))
    assert [m.label for m in policies.navigatie(alles)] == [m.label for m in policies.MENU]


def test_vi_01_the_verwijsindex_item_opens_to_either_signal_scope():
    """`a|b` in the menu means either scope, as `Actor.heeft` reads it for the page itself."""
    for scope in ("signaal:registreren", "signaal:beheren"):
        assert "Verwijsindex" in [m.label for m in policies.navigatie(frozenset({scope}))]
    assert "Verwijsindex" not in [m.label for m in policies.navigatie(frozenset({"match:behandelen"}))]
    assert policies.heeft_scope(None, frozenset())
    assert not policies.heeft_scope("a|b", frozenset({"c"}))


def test_idle_session_expires_only_after_the_limit():
    grens = 30 * MIN
    assert not policies.sessie_verlopen(laatst_actief=None, nu=NU, inactief_max=grens)
    assert not policies.sessie_verlopen(laatst_actief=NU - grens, nu=NU, inactief_max=grens)
    assert policies.sessie_verlopen(laatst_actief=NU - grens - MIN, nu=NU, inactief_max=grens)


def test_ac_11_break_glass_needs_a_recent_confirmation():
    geldig = 5 * MIN
    assert policies.herbevestiging_nodig(bevestigd_op=None, nu=NU, geldig=geldig)
    assert not policies.herbevestiging_nodig(bevestigd_op=NU, nu=NU, geldig=geldig)
    assert not policies.herbevestiging_nodig(bevestigd_op=NU - geldig, nu=NU, geldig=geldig)
    assert policies.herbevestiging_nodig(bevestigd_op=NU - geldig - MIN, nu=NU, geldig=geldig)
    assert policies.herbevestiging_nodig(bevestigd_op=NU + MIN, nu=NU, geldig=geldig)  # clock games


def test_only_a_local_path_follows_log_in():
    assert policies.veilige_vervolgpagina("/personen") == "/personen"
    for kwaad in (None, "", "https://evil.example.org/", "//evil.example.org", "/\\evil.example.org", "x"):
        assert policies.veilige_vervolgpagina(kwaad) == "/"
