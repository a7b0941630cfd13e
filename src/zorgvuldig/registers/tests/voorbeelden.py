"""Examples for the generic API tests (access matrix, audit per operation): the registers API (API §2.11)."""

from __future__ import annotations

from zorgvuldig.conftest import maak_gebruiker
from zorgvuldig.registers import services
from zorgvuldig.registers.models import Doel, Verwerkingsactiviteit

VOLLEDIG = {
    "categorieen_betrokkenen": "Inwoners die ondersteuning vragen of krijgen, en hun gezinsleden.",
    "categorieen_gegevens": "Naam, adres, geboortedatum, BSN, gezondheid (bijzonder), gezinssituatie.",
    # basis (e) needs its statutory provision before approval (AVG art. 6(3), RG-01)
    "grondslag_toelichting": "Jeugdwet art. 2.3 en 7.1.1.1; Wmo 2015 art. 2.3.2 en 5.2.1",
}
STAPPEN = {
    "proces": "Intake, plan, uitvoering; delen met het casusteam en ketenpartners na een deelbesluit.",
    "rechtmatigheid": "Publieke taak (Jeugdwet, Wmo 2015); bijzondere gegevens via UAVG art 30.",
    "risicos": "Te brede inzage; verstrekking zonder noodzaak; te lang bewaren.",
    "maatregelen": "Toegang per casusteam, deelbesluiten met toets, automatische vernietiging.",
}


def fg_school(regio):
    """The school's FG (another controller), made once."""
    if not hasattr(regio, "school_fg"):
        regio.school_fg = maak_gebruiker(regio.school, "fg@hetbaken.example.org", ["fg"], naam="FG Het Baken")
    return regio.school_fg


def activiteit(code: str = "sociaal-domein-ondersteuning") -> Verwerkingsactiviteit:
    return Verwerkingsactiviteit.objects.get(code=code)


def goedgekeurde_versie(regio, code: str = "sociaal-domein-ondersteuning", fg=None):
    """An approved register version of the wijkteam's controller (or of `fg`'s)."""
    actor = regio.actor(fg or regio.fg)
    versie = services.maak_versie(actor=actor, activiteit_uuid=activiteit(code).uuid, data=dict(VOLLEDIG))
    return services.keur_versie_goed(
        actor=actor, activiteit_uuid=activiteit(code).uuid, versie_uuid=versie.uuid
    )


def objecten(regio) -> dict:
    """Per item resource: one visible to the wijkteam's FG and leidinggevende, and one of the school's
    controller (404 for them)."""
    school = fg_school(regio)
    eigen_dpia = services.maak_dpia(
        actor=regio.actor(regio.fg), activiteit_uuid=activiteit().uuid, stappen={}
    )
    ander_dpia = services.maak_dpia(actor=regio.actor(school), activiteit_uuid=activiteit().uuid, stappen={})
    ander_doel = services.voeg_doel_toe(
        actor=regio.actor(school),
        code="schoolveiligheid",
        omschrijving="Veilig schoolklimaat",
        grondslagen=["e"],
    )
    ander_act = Verwerkingsactiviteit.objects.create(
        code="leerlingzorg-het-baken",
        naam="Leerlingzorg",
        doel=Doel.objects.get(code="ondersteuning"),
        grondslag="e",
        verwerkingsverantwoordelijke=regio.school_vv,
    )
    return {
        "doelen": (Doel.objects.get(code="ondersteuning").uuid, ander_doel.uuid),
        "verwerkingsactiviteiten": (activiteit().uuid, ander_act.uuid),
        "dpias": (eigen_dpia.uuid, ander_dpia.uuid),
    }


def register_voorbeelden(regio) -> dict:
    """(route, method) → (user, path, body) of a successful request, for every register write (reads
    are configuration-like register data without data subjects: see the report for VRIJGESTELD)."""
    fg = regio.fg
    actor = regio.actor(fg)
    act = activiteit()
    concept = services.maak_versie(actor=actor, activiteit_uuid=act.uuid, data=dict(VOLLEDIG))
    tweede = activiteit("casusoverleg")
    eigen_doel = services.voeg_doel_toe(
        actor=actor, code="wijkveiligheid", omschrijving="Veiligheid in de wijk", grondslagen=["e"]
    )
    d_concept = services.maak_dpia(actor=actor, activiteit_uuid=act.uuid, stappen=dict(STAPPEN))
    d_advies = services.maak_dpia(actor=actor, activiteit_uuid=tweede.uuid, stappen=dict(STAPPEN))
    services.adviseer_dpia(actor=actor, uuid=d_advies.uuid, advies="Positief advies.")
    d_goed = services.maak_dpia(
        actor=actor, activiteit_uuid=activiteit("gegevensdeling").uuid, stappen=dict(STAPPEN)
    )
    services.adviseer_dpia(actor=actor, uuid=d_goed.uuid, advies="Positief advies.")
    services.keur_dpia_goed(actor=actor, uuid=d_goed.uuid, besluit_door="College van B en W")
    a = f"/api/v1/verwerkingsactiviteiten/{act.uuid}"
    v = f"{a}/versies/{concept.uuid}"
    return {
        ("api/v1/doelen", "post"): (
            fg,
            "/api/v1/doelen",
            {"code": "buurtbemiddeling", "omschrijving": "Buurtbemiddeling", "grondslagen": ["e"]},
        ),
        ("api/v1/doelen/<uuid:uuid>", "delete"): (fg, f"/api/v1/doelen/{eigen_doel.uuid}", None),
        ("api/v1/verwerkingsactiviteiten/<uuid:uuid>/versies", "post"): (
            fg,
            f"/api/v1/verwerkingsactiviteiten/{tweede.uuid}/versies",
            {"categorieenBetrokkenen": "Jeugdigen en ouders"},
        ),
        ("api/v1/verwerkingsactiviteiten/<uuid:uuid>/versies/<uuid:versie_uuid>", "patch"): (
            fg,
            v,
            {"ontvangers": "Casusteam"},
        ),
        ("api/v1/verwerkingsactiviteiten/<uuid:uuid>/versies/<uuid:versie_uuid>/_goedkeuren", "post"): (
            fg,
            f"{v}/_goedkeuren",
            {},
        ),
        ("api/v1/dpias", "post"): (
            fg,
            "/api/v1/dpias",
            {
                "verwerkingsactiviteit": f"http://testserver/api/v1/verwerkingsactiviteiten/{activiteit('verwijsindex').uuid}"
            },
        ),
        ("api/v1/dpias/<uuid:uuid>", "patch"): (
            fg,
            f"/api/v1/dpias/{d_concept.uuid}",
            {"proces": "Bijgewerkt."},
        ),
        ("api/v1/dpias/<uuid:uuid>/_adviseren", "post"): (
            fg,
            f"/api/v1/dpias/{d_concept.uuid}/_adviseren",
            {"advies": "Akkoord onder voorwaarden."},
        ),
        ("api/v1/dpias/<uuid:uuid>/_goedkeuren", "post"): (
            fg,
            f"/api/v1/dpias/{d_advies.uuid}/_goedkeuren",
            {"besluitDoor": "College van B en W"},
        ),
        ("api/v1/dpias/<uuid:uuid>/_herzien", "post"): (fg, f"/api/v1/dpias/{d_goed.uuid}/_herzien", {}),
        # the export for the AP is audited, unlike the register's reads (AVG art. 30(4))
        ("api/v1/verwerkingsregister", "get"): (fg, "/api/v1/verwerkingsregister", None),
    }
