"""Examples for the generic API tests (access matrix, audit per operation): controllers, organisations,
VI profiles and the regional settings (API §2.1)."""

from __future__ import annotations

from zorgvuldig.organisaties.models import Profiel


def profiel() -> Profiel:
    return Profiel.objects.create(
        code="voorbeeld-vi", naam="Verwijsindex — voorbeeld", meldrecht_bepaling="Jeugdwet art. 7.1.4.1"
    )


def objecten(regio) -> dict:
    """Profiles are regional configuration: "another organisation" does not apply."""
    return {"profielen": (profiel().uuid, None)}


def configuratie_voorbeelden(regio) -> dict:
    """(route, method) → (user, path, body) of a successful write, for the audit-per-operation test. The
    reads are configuration without data subjects (VRIJGESTELD there)."""
    p = profiel()
    b = regio.beheerder
    return {
        ("api/v1/profielen", "post"): (b, "/api/v1/profielen", {"naam": "Nieuw profiel"}),
        ("api/v1/profielen/<uuid:uuid>", "patch"): (
            b,
            f"/api/v1/profielen/{p.uuid}",
            {"vi": {"termMonths": 3}},
        ),
        ("api/v1/instellingen", "patch"): (b, "/api/v1/instellingen", {"vi": {"archiveMonths": 60}}),
        ("api/v1/organisaties", "post"): (
            b,
            "/api/v1/organisaties",
            {"naam": "Wijkteam Noord", "type": "overig"},
        ),
        ("api/v1/organisaties/<uuid:uuid>", "patch"): (
            b,
            f"/api/v1/organisaties/{regio.wijkteam.uuid}",
            {"adres": {"plaats": "Krimpen aan den IJssel"}},
        ),
        ("api/v1/verwerkingsverantwoordelijken", "post"): (
            b,
            "/api/v1/verwerkingsverantwoordelijken",
            {
                "naam": "Stichting Jeugdhulp Rijnmond",
                "fg": {"naam": "Sanne de Wit", "email": "fg@rijnmond.example.org"},
            },
        ),
        ("api/v1/verwerkingsverantwoordelijken/<uuid:uuid>", "patch"): (
            b,
            f"/api/v1/verwerkingsverantwoordelijken/{regio.gemeente.uuid}",
            {"fg": {"telefoon": "0180-000000"}},
        ),
    }
