"""Every refusal code the pure rules can return has a registered HTTP status and Dutch title (API §1.5):
a code missing from `core.errors.CODES` would surface as a 500 instead of the rule's answer."""

from __future__ import annotations

import re
from pathlib import Path

from zorgvuldig.core.errors import CODES

BRON = Path(__file__).resolve().parents[2]


def test_every_code_in_a_policy_or_service_is_registered():
    gevonden = set()
    for pad in BRON.glob("*/*.py"):
        if pad.name in {"policies.py", "services.py", "deelbesluiten.py", "selectors.py"}:
            gevonden |= set(re.findall(r'"(E_[A-Z0-9_]+)"', pad.read_text()))
    assert gevonden, "no codes found: the scan is broken"
    assert "E_SH_CONSULT_REQUIRED" in gevonden and "E_DS_NOTE_TYPE" in gevonden
    assert gevonden - set(CODES) == set()
