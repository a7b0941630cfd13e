"""Every journey of the portal tests is also a test of finding 4: no page of Mijn gegevens and no answer PDF
a client opens names a rule ID of the specification ("(RI-07)", "(CS-07)"). Clients read plain words (B1);
the IDs are for staff.

The check wraps Django's request handling, so it sees the test client's requests and the live server's
(the browser test) alike; a hit fails the test at teardown, naming the page and the text around the ID."""

from __future__ import annotations

import re

import pytest

from zorgvuldig.portaal.tests.hulp import pdf_tekst

# As the reviewer asked: any SPEC ID (`RI-07`, `CS-07`, `VI-01`, …).
SPEC_ID = re.compile(r"\b(RI|CS|PE|DS|VI|SH|AU|AC|GP|RT|RG|RP|CT)-\d")


def spec_ids_in(response) -> list[str]:
    """The rule IDs in a page or PDF for the client, each with the text around it."""
    soort = response.get("Content-Type", "")
    if getattr(response, "streaming", False):
        return []
    if soort.startswith("application/pdf"):
        tekst = pdf_tekst(response.content)
    elif soort.startswith("text/html"):
        tekst = response.content.decode(errors="replace")
    else:
        return []
    return [tekst[max(0, m.start() - 80) : m.end() + 20] for m in SPEC_ID.finditer(tekst)]


@pytest.fixture(autouse=True)
def _geen_spec_ids_voor_clienten(monkeypatch):
    from django.core.handlers.base import BaseHandler

    gevonden: list[tuple[str, str]] = []
    origineel = BaseHandler.get_response

    def get_response(self, request):
        response = origineel(self, request)
        if request.path.startswith("/mijn") and not request.path.startswith("/mijn/digid-mock/"):
            gevonden.extend((request.path, stuk) for stuk in spec_ids_in(response))
        return response

    monkeypatch.setattr(BaseHandler, "get_response", get_response)
    yield gevonden
    assert not gevonden, f"Regelcodes voor de cliënt (bevinding 4): {gevonden}"
