"""The demo's portal journey as README describes it: Ingrid logs in with the mock DigiD and finds the
consent she gave for Sam, revocable in one step, and can ask for inzage for herself or Sam."""

from __future__ import annotations

import pytest

from zorgvuldig.core import demo
from zorgvuldig.portaal.tests.hulp import inloggen

pytestmark = pytest.mark.django_db


def test_cs_07_ri_05_the_readme_portal_journey_works_on_the_demo(client):
    """CS-07, RI-05: the demo BSN of README shows the consent with its revoke button and the request form."""
    demo.bouw_demo()
    r, _ = inloggen(client, "999990019")
    tekst = r.content.decode()
    assert r.status_code == 200 and "Ingrid Jansen" in tekst and "Sam Jansen" in tekst
    assert "Veilig Thuis" in tekst and "Toestemming intrekken</button>" in tekst
    tekst = client.get("/mijn/verzoeken/nieuw?soort=inzage").content.decode()
    assert "Uzelf – bij Wijkteam Krimpen" in tekst and "Sam Jansen (uw kind) – bij Wijkteam Krimpen" in tekst
    client.post("/mijn/uitloggen")
    r, _ = inloggen(client, "999993653")
    assert "Sam Jansen" in r.content.decode() and "Toestemming intrekken</button>" in r.content.decode()
