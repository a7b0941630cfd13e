"""Pure rules about purposes and legal bases (GP-02, GP-03)."""

from __future__ import annotations

from zorgvuldig.registers.catalogus import GRONDSLAGEN, PUBLIEKE_TYPES


def grondslag_fout(grondslag: str | None, organisatie_type: str, bestuursorgaan: bool) -> str | None:
    """GP-03: a closed list a–f; a public body cannot select (f). Returns a reason, or None if allowed."""
    if grondslag not in GRONDSLAGEN:
        return "Kies een grondslag uit de gesloten lijst (a–f)."
    if grondslag == "f" and (bestuursorgaan or organisatie_type in PUBLIEKE_TYPES):
        return "Een overheidsorgaan kan zich niet beroepen op gerechtvaardigd belang (GP-03)."
    return None
