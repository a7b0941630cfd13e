"""Surnames with particles (pure rule, no database): the search, break-glass and the audit search find a
person by the core of the surname, with or without "de", "van der", … before it."""

from __future__ import annotations

import re

import pytest

from zorgvuldig.personen.policies import achternaam_kern, achternaam_patroon


@pytest.mark.parametrize(
    ("gezocht", "gevonden", "niet"),
    [
        (
            "Zwerver",
            {"de Zwerver", "Zwerver", "De Zwerver"},
            {"Zwervers", "Bakker-Zwerver", "Zwerver-Bakker"},
        ),
        ("de Zwerver", {"de Zwerver", "Zwerver"}, {"Bakker Zwerver"}),
        ("VAN DER  berg", {"van der Berg", "Berg", "van den Berg"}, {"Bergen", "Vandenberg"}),
        ("in 't Veld", {"in 't Veld", "Veld"}, {"Velde"}),
        ("Van", {"Van"}, {"van Dam"}),  # a name that is only a particle is the name itself
        ("O'Neil", {"O'Neil"}, {"ONeil"}),
        ("ter Berg Kamp", {"Berg Kamp", "van Berg  Kamp"}, {"BergKamp", "Berg"}),  # a core of two words
    ],
)
def test_a_surname_is_found_with_or_without_its_particles(gezocht, gevonden, niet):
    """Registries sort "de Zwerver" under Z: a professional who searches "Zwerver" must find him, or he is
    registered twice (demo review). Only the particles are optional: the core matches whole."""
    patroon = re.compile(achternaam_patroon(gezocht), re.IGNORECASE)
    assert {n for n in gevonden | niet if patroon.search(n)} == gevonden


def test_the_core_drops_leading_particles_only():
    assert achternaam_kern("van der Berg") == "Berg"
    assert achternaam_kern("  De   Zwerver ") == "Zwerver"
    assert achternaam_kern("Berg van der") == "Berg van der"  # particles after the core stay
    assert achternaam_kern("van") == "van"  # nothing but a particle: the name itself
    assert achternaam_kern("") == ""
