"""Pure rules of the portal: whose requests, who may revoke (CS-07), session expiry; the mock refused in
production."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from zorgvuldig.portaal import policies

NU = dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC)
MIN = dt.timedelta(minutes=1)


def test_a_request_is_own_when_filed_by_the_client():
    """SPEC §9 Visibility: the requester gets the decision, never others'."""
    assert policies.is_eigen_verzoek(hoedanigheid="zelf", persoon="a", indiener=None, eigen={"a"})
    assert not policies.is_eigen_verzoek(hoedanigheid="zelf", persoon="b", indiener=None, eigen={"a"})
    assert policies.is_eigen_verzoek(
        hoedanigheid="wettelijk_vertegenwoordiger", persoon="kind", indiener="a", eigen={"a"}
    )
    # a parent's request about the client is the parent's, not the client's
    assert not policies.is_eigen_verzoek(
        hoedanigheid="wettelijk_vertegenwoordiger", persoon="a", indiener="ouder", eigen={"a"}
    )


@given(
    status=st.sampled_from(["gevraagd", "gegeven", "geweigerd", "ingetrokken", "verlopen"]),
    gever=st.booleans(),
)
def test_cs_07_only_the_giver_revokes_and_only_a_given_consent(status, gever):
    """CS-07: whoever gave it may revoke it while it is given."""
    gevers = [{"persoon": "a" if gever else "b", "hoedanigheid": "zelf"}]
    assert policies.mag_intrekken(status=status, gevers=gevers, eigen={"a"}) == (
        status == "gegeven" and gever
    )


def test_a_session_ends_after_idleness_or_its_maximum_age():
    kwargs = {"inactief_max": 15 * MIN, "duur_max": 8 * 60 * MIN}
    assert not policies.sessie_verlopen(begonnen=NU - 60 * MIN, laatst_actief=NU - 14 * MIN, nu=NU, **kwargs)
    assert policies.sessie_verlopen(begonnen=NU - 60 * MIN, laatst_actief=NU - 16 * MIN, nu=NU, **kwargs)
    assert policies.sessie_verlopen(begonnen=NU - 481 * MIN, laatst_actief=NU, nu=NU, **kwargs)


def test_every_portal_kind_is_a_rights_kind_in_plain_words():
    from zorgvuldig.rechten.policies import SOORTEN
    from zorgvuldig.rechten.services import PORTAAL_SOORTEN

    assert set(policies.SOORTEN) == set(PORTAAL_SOORTEN) <= set(SOORTEN)
    assert all(titel and uitleg for titel, uitleg in policies.SOORTEN.values())


def test_production_mode_refuses_the_digid_mock_at_start_up(tmp_path):
    env = {
        "PATH": os.environ.get("PATH", ""),
        "ZORGVULDIG_MODE": "production",
        "SECRET_KEY": "x" * 50,
        "DATABASE_URL": "postgres://niemand@127.0.0.1:1/geen",
        "ZORGVULDIG_BASE_URL": "https://zorgvuldig.gemeente.example",
        "DEFAULT_FROM_EMAIL": "zorgvuldig@gemeente.example",
        "ZORGVULDIG_PORTAL_DIGID_MOCK": "1",
        "DJANGO_SETTINGS_MODULE": "zorgvuldig.conf.settings",
    }
    code = "from django.conf import settings; settings.INSTALLED_APPS"
    r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode != 0 and "ZORGVULDIG_PORTAL_DIGID_MOCK may not be on in production" in r.stderr
    env.pop("ZORGVULDIG_PORTAL_DIGID_MOCK")
    code = "from django.conf import settings; print(settings.PORTAAL_DIGID_MOCK)"
    r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and r.stdout.strip() == "False", r.stderr
