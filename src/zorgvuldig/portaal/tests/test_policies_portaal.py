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


# --- words ------------------------------------------------------------------------------------------


def test_a_done_request_names_its_outcome_in_words():
    assert policies.status_woorden("uitgevoerd", "afgewezen") == (
        "Klaar: afgewezen",
        "Wij doen niet wat u vroeg. In ons besluit hieronder staat waarom.",
    )
    assert policies.status_woorden("uitgevoerd", "gedeeltelijk")[0] == "Klaar: gedeeltelijk toegewezen"
    assert policies.status_woorden("uitgevoerd", "toegewezen")[0] == "Klaar: toegewezen"
    assert policies.status_woorden("gesloten", "afgewezen")[0] == "Afgesloten: afgewezen"
    assert policies.status_woorden("afgewezen")[0] == "Besluit: afgewezen"
    assert policies.besluit_zin("gedeeltelijk") == "Uw verzoek is gedeeltelijk toegewezen"


def test_ri_15_what_happens_next_only_while_it_applies():
    """The identity check only before verification; the 4-week term and its possible extension only until
    the term was extended or the request decided (RI-15)."""
    assert "Wij controleren eerst of u dit mag vragen" in policies.status_woorden("ontvangen")[1]
    assert "controleren" not in policies.status_woorden("in_behandeling")[1] + policies.vervolg(
        "in_behandeling"
    )
    for status in ("ontvangen", "geverifieerd", "in_behandeling"):
        assert "hooguit 2 maanden langer" in policies.vervolg(status)
    for status in ("verlengd", "toegewezen", "afgewezen", "uitgevoerd", "gesloten"):
        assert policies.vervolg(status) == ""
    assert policies.vervolg("ontvangen", eerst_bekwaamheid=True) == policies.BEKWAAMHEID_UITLEG
    assert policies.verlenging_tekst(1, dt.date(2026, 8, 3)) == (
        "Wij hebben de termijn met 1 maand verlengd. U krijgt uiterlijk op 3 augustus 2026 ons besluit."
    )


def test_cs_07_every_consent_has_its_own_name():
    kop = policies.toestemming_kop(
        soort="doorbreking_beroepsgeheim",
        ontvangers=["Veilig Thuis", "GGD"],
        organisatie="Wijkteam",
        datum=dt.date(2026, 3, 3),
        voor="Sam Jansen",
    )
    assert (
        kop == "Toestemming om gegevens te delen met Veilig Thuis en GGD, voor Sam Jansen, van 3 maart 2026"
    )
    assert policies.toestemming_kop(
        soort="grondslag_verwerking", ontvangers=[], organisatie="Wijkteam", datum=dt.date(2026, 3, 3)
    ) == ("Toestemming aan Wijkteam om gegevens te gebruiken, van 3 maart 2026")
    assert policies.en_lijst(["A", "B", "C"]) == "A, B en C"


@given(
    soort=st.sampled_from(["grondslag_verwerking", "doorbreking_beroepsgeheim", "start_jeugdhulp", "overig"]),
    aantal=st.integers(0, 3),
    kader=st.sampled_from(["vrijwillig", "drang", "dwang"]),
)
def test_cs_07_the_revocation_message_names_the_consent_says_it_once_and_how_to_give_it_again(
    soort, aantal, kader
):
    """CS-07 with the consent registry's own words (toestemmingen.policies.gevolgen): it names the consent,
    says once that it is revoked, and ends with whom to contact to give it again."""
    from zorgvuldig.toestemmingen.policies import gevolgen

    tekst = policies.intrek_melding(
        kop="Toestemming X", gevolgen=gevolgen(soort, aantal, kader), organisatie="Wijkteam Krimpen"
    )
    assert tekst.startswith("U heeft deze toestemming ingetrokken: Toestemming X. Dat geldt vanaf nu.")
    assert "U trekt uw toestemming in" not in tekst
    assert tekst.endswith(
        "Wilt u later toch weer toestemming geven? Neem dan contact op met Wijkteam Krimpen."
    )


def test_cs_07_who_revoked_seen_from_the_client():
    eigen = {"ouder"}
    assert policies.ingetrokken_door(kanaal="ui", namens={}, eigen=eigen, kijker_is_betrokkene=True) == (
        policies.DOOR_ORGANISATIE
    )
    vertegenwoordiger = {"hoedanigheid": "wettelijk_vertegenwoordiger", "vertegenwoordiger": "ouder"}
    # the parent sees her own act; the youth sees a parent's
    assert policies.ingetrokken_door(
        kanaal="portaal", namens=vertegenwoordiger, eigen={"ouder"}, kijker_is_betrokkene=False
    ) == (policies.DOOR_U)
    assert policies.ingetrokken_door(
        kanaal="portaal", namens=vertegenwoordiger, eigen={"kind"}, kijker_is_betrokkene=True
    ) == (policies.DOOR_VERTEGENWOORDIGER)
    assert policies.ingetrokken_door(
        kanaal="portaal", namens=vertegenwoordiger, eigen={"andere_ouder"}, kijker_is_betrokkene=False
    ) == (policies.DOOR_ANDERE_VERTEGENWOORDIGER)
    zelf = {"hoedanigheid": "zelf"}
    assert policies.ingetrokken_door(
        kanaal="portaal", namens=zelf, eigen={"kind"}, kijker_is_betrokkene=True
    ) == (policies.DOOR_U)
    assert policies.ingetrokken_door(
        kanaal="portaal", namens=zelf, eigen={"ouder"}, kijker_is_betrokkene=False
    ) == (policies.DOOR_BETROKKENE)
    assert policies.door_tekst(policies.DOOR_VERTEGENWOORDIGER, jeugd=True) == "door je ouder of voogd"
    assert policies.door_tekst(policies.DOOR_BETROKKENE, jeugd=False, kind="Sam") == "door Sam"
