"""Words for clients: no rule IDs of the specification reach them (B1 Dutch, SPEC §1).

Staff pages and the API may name "RI-07" or "CS-07"; Mijn gegevens, the decision a client receives and the
answer's PDF never do. `zonder_spec_ids` is the last line of defence for a staff text that reaches a client
unchanged (an older stored answer, a label without a client word yet).
"""

from __future__ import annotations

import re

# A rule ID of the specification: two or three capitals, a hyphen, a number ("RI-07", "CS-07", "VI-01").
SPEC_ID = re.compile(r"\b(?:RI|CS|PE|DS|VI|SH|AU|AC|GP|RT|RG|RP|CT)-\d+(?:\s?[a-z]\b)?")

_HAAKJES = re.compile(r"\s*\(([^()]*)\)")


def zonder_spec_ids(tekst: str) -> str:
    """`tekst` without rule IDs: a bracket holding only IDs goes ("Signaal verlengd (VI-16)" → "Signaal
    verlengd"), an ID among other words leaves them ("(archiefwaardig, RT-11)" → "(archiefwaardig)")."""
    if not isinstance(tekst, str) or not SPEC_ID.search(tekst):
        return tekst

    def haakje(m: re.Match) -> str:
        rest = SPEC_ID.sub("", m.group(1))
        rest = re.sub(r"\s*,\s*(,\s*)*", ", ", rest).strip(" ,;")
        return f" ({rest})" if rest else ""

    uit = _HAAKJES.sub(haakje, tekst)
    uit = SPEC_ID.sub("", uit)
    return re.sub(r"\s{2,}", " ", re.sub(r"\s+([.,;:])", r"\1", uit)).strip()
