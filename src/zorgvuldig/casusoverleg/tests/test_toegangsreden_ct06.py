"""CT-04/CT-06 (review F18): a case-table participant's grant names the role in Dutch, on the grant and on
the Toegangen page; grants written before with the code (`eigen_taak`) are shown in words too."""

from __future__ import annotations

import pytest

from zorgvuldig.casusoverleg import services
from zorgvuldig.casusoverleg.tests.hulp import Tafel
from zorgvuldig.conftest import als_systeem
from zorgvuldig.toegang.models import Toegang

pytestmark = pytest.mark.django_db


def test_ct_06_toegang_van_een_deelnemer_noemt_de_rol_in_woorden(regio, ui):
    tafel = Tafel(regio)
    casus = tafel.geaccepteerd()
    services.ga_naar(actor=regio.actor(regio.medewerker), uuid=casus.uuid, naar="triage")
    deelnemer = tafel.nodig_uit(casus, tafel.politie, tafel.agent, "eigen_taak")
    adviseur = tafel.nodig_uit(casus, tafel.verslaving, tafel.expert, "adviseur")
    als_systeem()
    grant = Toegang.objects.get(pk=deelnemer.toegang_id)
    assert grant.reden == "Deelnemer (eigen taak): Nodig voor dit overleg: Politie Krimpen."
    assert Toegang.objects.get(pk=adviseur.toegang_id).reden.startswith("Deelnemer (adviseur): ")

    # a grant from before: the code is shown in words at display time, the stored text unchanged
    Toegang.objects.filter(pk=adviseur.toegang_id).update(reden="Deelnemer (eigen_taak): Van vroeger.")
    html = ui(regio.leidinggevende).get("/toegangen").content.decode()
    assert "Deelnemer (eigen taak): Nodig voor dit overleg" in html
    assert "Deelnemer (eigen taak): Van vroeger." in html
    assert "eigen_taak" not in html
    als_systeem()
    assert Toegang.objects.get(pk=adviseur.toegang_id).reden == "Deelnemer (eigen_taak): Van vroeger."
