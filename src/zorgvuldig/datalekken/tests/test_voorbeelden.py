"""The examples handed to the generic API tests succeed and write complete audit entries (AU-01, AU-02)."""

from __future__ import annotations

import pytest

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.conftest import als_systeem
from zorgvuldig.datalekken.tests.voorbeelden import datalek_voorbeelden, objecten

pytestmark = pytest.mark.django_db


def test_examples_succeed_and_are_audited(regio, api):
    voorbeelden = datalek_voorbeelden(regio)
    assert len(voorbeelden) == 9
    for (route, methode), (user, pad, body) in sorted(voorbeelden.items()):
        als_systeem()
        voor = AuditRegel.objects.count()
        client = api(user)
        r = client.get(pad) if methode == "get" else getattr(client, methode)(pad, body or {}, format="json")
        assert 200 <= r.status_code < 300, (route, methode, r.content[:300])
        als_systeem()
        nieuw = list(AuditRegel.objects.order_by("id")[voor:])
        assert nieuw and all(e.actor_gebruiker == str(user.uuid) and e.status == "uitgevoerd" for e in nieuw)


def test_objects_for_the_access_matrix(regio, api):
    eigen, ander = objecten(regio)["datalekken"]
    assert api(regio.fg).get(f"/api/v1/datalekken/{eigen}").status_code == 200
    assert api(regio.fg).get(f"/api/v1/datalekken/{ander}").status_code == 404
