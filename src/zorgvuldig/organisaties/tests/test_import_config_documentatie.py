"""The example file in docs/operators.md is what an operator copies to create the first beheerder: it must
import as it stands into an empty database (API §3.1, AC-07), and the keys it documents must exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from zorgvuldig.convenanten.models import Convenant
from zorgvuldig.organisaties.importeren import SECTIES, importeer
from zorgvuldig.organisaties.models import Gebruiker, Organisatie

pytestmark = pytest.mark.django_db

OPERATORS = Path(__file__).resolve().parents[4] / "docs" / "operators.md"


def _voorbeeld() -> str:
    tekst = OPERATORS.read_text(encoding="utf-8")
    deel = tekst.split("### The file: a complete first example", 1)[1]
    return re.search(r"```yaml\n(.*?)```", deel, re.S).group(1)


def test_the_documented_first_region_file_creates_the_first_beheerder_with_an_activation_link():
    resultaat = importeer(_voorbeeld())
    assert resultaat.code == 0, resultaat.tekst()
    (beheer,) = [g for g in Gebruiker.objects.all() if g.rollen == ["beheerder"]]
    assert not beheer.has_usable_password()
    links = {g["email"] for g in resultaat.geheimen if g["soort"] == "activatielink"}
    assert beheer.email in links and len(links) == Gebruiker.objects.count()
    wijkteam = Organisatie.objects.get()
    assert wijkteam.profiel is not None  # may signal in the verwijsindex
    assert Convenant.objects.get().status == "actief"  # with all nine RG-04 items
    assert importeer(_voorbeeld()).aangemaakt == 0  # idempotent, as documented


def test_the_documented_sections_are_the_importers_sections():
    tekst = OPERATORS.read_text(encoding="utf-8")
    tabel = tekst.split("Sections, in this order", 1)[1].split("\n\n", 2)[1]
    gedocumenteerd = re.findall(r"^\| `(\w+)` \|", tabel, re.M)
    assert gedocumenteerd == ["versie", "demo", *SECTIES]
