"""Read YAML and remember the line of every value, so that errors can name them (API §3.1).

`lees(tekst)` composes the node tree (PyYAML's node API keeps each node's position), builds plain Python
values from it with the safe constructors, and records `pad → regel` for every mapping key and list item.
A path is a tuple of keys and indexes: `("gebruikers", 2, "email")`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

MAX_DIEPTE = 20  # the format nests four deep; deeper means a mistake or a recursive alias

Pad = tuple[str | int, ...]


class YamlFout(Exception):
    def __init__(self, regel: int, reden: str, pad: Pad = ()):
        super().__init__(reden)
        self.regel = regel
        self.reden = reden
        self.pad = pad


class _Ongeldig:
    """Stands in for a value that could not be read; its error is already reported."""

    def __repr__(self) -> str:
        return "ONGELDIG"


ONGELDIG = _Ongeldig()


@dataclass
class Gelezen:
    data: Any
    regels: dict[Pad, int] = field(default_factory=dict)
    fouten: list[YamlFout] = field(default_factory=list)  # recoverable: reading went on

    def regel(self, pad: Pad) -> int:
        """The line of `pad`, or of the nearest enclosing value that has one (a missing key: its mapping)."""
        while pad not in self.regels and pad:
            pad = pad[:-1]
        return self.regels.get(pad, 1)


def pad_tekst(pad: Pad) -> str:
    """`("gebruikers", 2, "email")` → `gebruikers[2].email`."""
    tekst = ""
    for deel in pad:
        tekst += f"[{deel}]" if isinstance(deel, int) else (f".{deel}" if tekst else str(deel))
    return tekst


def lees(tekst: str) -> Gelezen:
    loader = yaml.SafeLoader(tekst)
    try:
        try:
            knoop = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            regel = mark.line + 1 if mark else 1
            raise YamlFout(regel, f"Geen geldige YAML: {exc.problem or exc}.") from exc
        except yaml.YAMLError as exc:
            raise YamlFout(1, f"Geen geldige YAML: {exc}.") from exc
        if knoop is None:
            raise YamlFout(1, "Het bestand is leeg.")
        gelezen = Gelezen(data=None)
        gelezen.data = _bouw(loader, knoop, (), gelezen)
        return gelezen
    finally:
        loader.dispose()


def _bouw(loader: yaml.SafeLoader, knoop: yaml.Node, pad: Pad, gelezen: Gelezen) -> Any:
    """Plain values from the node tree; every error is collected and reading goes on where it can."""
    regel = knoop.start_mark.line + 1
    if len(pad) > MAX_DIEPTE:
        gelezen.fouten.append(YamlFout(regel, "Te diep genest.", pad))
        return ONGELDIG
    gelezen.regels.setdefault(pad, regel)
    if isinstance(knoop, yaml.MappingNode):
        try:
            loader.flatten_mapping(knoop)  # YAML merge keys (`<<: *anker`)
        except yaml.MarkedYAMLError as exc:
            gelezen.fouten.append(YamlFout(regel, f"Ongeldige samenvoeging: {exc.problem}.", pad))
            return ONGELDIG
        uit: dict[str, Any] = {}
        for sleutelknoop, waardeknoop in knoop.value:
            sleutelregel = sleutelknoop.start_mark.line + 1
            sleutel = _scalar(loader, sleutelknoop) if isinstance(sleutelknoop, yaml.ScalarNode) else ONGELDIG
            if not isinstance(sleutel, str):
                gelezen.fouten.append(YamlFout(sleutelregel, "Een sleutel moet tekst zijn.", pad))
                continue
            if sleutel in uit:
                gelezen.fouten.append(
                    YamlFout(sleutelregel, f"Sleutel '{sleutel}' staat er twee keer.", (*pad, sleutel))
                )
                continue
            gelezen.regels[(*pad, sleutel)] = sleutelregel
            uit[sleutel] = _bouw(loader, waardeknoop, (*pad, sleutel), gelezen)
        return uit
    if isinstance(knoop, yaml.SequenceNode):
        return [_bouw(loader, item, (*pad, i), gelezen) for i, item in enumerate(knoop.value)]
    waarde = _scalar(loader, knoop)
    if waarde is ONGELDIG:
        gelezen.fouten.append(YamlFout(regel, f"Ongeldige waarde '{knoop.value}'.", pad))
    return waarde


def _scalar(loader: yaml.SafeLoader, knoop: yaml.Node) -> Any:
    try:
        return loader.construct_object(knoop)
    except (yaml.YAMLError, ValueError, OverflowError):  # e.g. 2026-02-30 looks like a date but is none
        return ONGELDIG
