"""SPEC worked example E6 over HTTP: a Local PGA for Tom (17), four participants in four roles, each seeing
only what its role and the allocation allow (CT-02 … CT-15, RT-08)."""

from __future__ import annotations

import pytest

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.casusoverleg.models import Bijdrage
from zorgvuldig.casusoverleg.tests.hulp import Tafel
from zorgvuldig.core import tenancy
from zorgvuldig.toegang.models import Toegang
from zorgvuldig.verstrekkingen.models import Verstrekking

pytestmark = pytest.mark.django_db
H = {"HTTP_X_VERWERKINGSACTIVITEIT": "casusoverleg"}


def _post(client, pad, body=None, status=200):
    r = client.post(f"/api/v1/casusoverleggen/{pad}", body or {}, format="json", **H)
    assert r.status_code == status, r.content
    return r.json()


def _get(client, pad, status=200, **extra):
    r = client.get(f"/api/v1/casusoverleggen/{pad}", **H, **extra)
    assert r.status_code == status, r.content
    return r.json()


def test_e6_local_pga_for_tom_end_to_end(regio, api):
    t = Tafel(regio)
    fatima = api(regio.medewerker)
    agent, coach, leerplicht, expert = (
        api(t.agent),
        api(t.jeugdwerker),
        api(t.leerplichtambtenaar),
        api(t.expert),
    )

    # Intake (CT-02): registered, criteria checked, Tom informed
    casus = fatima.post(
        "/api/v1/casusoverleggen",
        {
            "overlegtype": str(t.type.uuid),
            "persoon": str(t.tom.uuid),
            "vraag": "Tom heeft drie politieregistraties in twaalf maanden en is gestopt met school.",
        },
        format="json",
        **H,
    )
    assert casus.status_code == 201, casus.content
    uuid = casus.json()["uuid"]
    assert casus.json()["status"] == "aangemeld"
    _post(
        fatima,
        f"{uuid}/_accepteren",
        {"criteriaToets": dict.fromkeys(t.type.criteria, True), "clientGeinformeerd": True},
    )
    # Triage (CT-05): parties are invited with a reason and asked only whether they know Tom
    _post(fatima, f"{uuid}/_trieren")
    deelnemers = {}
    for org, gebruiker, rol, vraag in (
        (t.politie, t.agent, "eigen_taak", ""),
        (t.jeugdzorg, t.jeugdwerker, "eigen_taak", ""),
        (t.leerplicht, t.leerplichtambtenaar, "informant", "Staat Tom nog ingeschreven op een school?"),
        (t.verslaving, t.expert, "adviseur", ""),
    ):
        d = _post(
            fatima,
            f"{uuid}/deelnemers",
            {
                "organisatie": str(org.uuid),
                "gebruiker": str(gebruiker.uuid),
                "rol": rol,
                "reden": f"{org.naam} is nodig voor de aanpak van Tom.",
                "vraag": vraag,
            },
            status=201,
        )
        deelnemers[rol if rol != "eigen_taak" else org.code] = d["uuid"]
    triage = _post(
        agent,
        f"{uuid}/deelnemers/{deelnemers['politie-krimpen']}/_triage",
        {"bekend": True, "contact": {"naam": "Wijkagent Smit", "telefoon": "0612345678"}},
    )
    assert triage["bekend"] is True
    # CT-05: anything beyond "known + contact" is refused and nothing is stored
    r = coach.post(
        f"/api/v1/casusoverleggen/{uuid}/deelnemers/{deelnemers['jeugdzorg-krimpen']}/_triage",
        {"bekend": True, "diagnose": "ADHD"},
        format="json",
        **H,
    )
    assert r.status_code == 400 and "diagnose" in str(r.json()["invalidParams"])
    _post(fatima, f"{uuid}/_agenderen")
    r = fatima.post(f"/api/v1/casusoverleggen/{uuid}/_starten", {}, format="json", **H)
    assert r.status_code == 400  # CT-07: client involvement first
    fatima.patch(
        f"/api/v1/casusoverleggen/{uuid}",
        {"clientBetrokkenheid": {"wijze": "Tom komt bij het tweede deel van het overleg."}},
        format="json",
        **H,
    )
    _post(fatima, f"{uuid}/_starten")

    # Conference: police under Wpg art 20, youth care with Tom's consent (CT-08, CT-09)
    toestemming = t.toestemming_tom()
    politie_item = _post(
        agent,
        f"{uuid}/bijdragen",
        {
            "inhoud": "Drie registraties: winkeldiefstal (maart), vernieling (mei), overlast (augustus).",
            "soort": "feit",
            "bron": "registratie",
            "grond": {"soort": "wpg_art20"},
        },
        status=201,
    )
    r = agent.post(
        f"/api/v1/casusoverleggen/{uuid}/bijdragen",
        {"inhoud": "Aanvulling.", "soort": "feit", "bron": "registratie", "grond": {"soort": "toestemming"}},
        format="json",
        **H,
    )
    assert r.status_code == 400 and r.json()["code"] == "E_CT_NO_GROUND"
    zorg_item = _post(
        coach,
        f"{uuid}/bijdragen",
        {
            "inhoud": "Tom gebruikt dagelijks cannabis; behandeling is gestart.",
            "soort": "feit",
            "bron": "eigen_waarneming",
            "bijzonder": True,
            "gegevenscategorieen": ["gezondheid"],
            "grond": {"soort": "toestemming", "toestemming": str(toestemming.uuid)},
            "noodzaak": "Zodat het plan aansluit op de lopende behandeling.",
        },
        status=201,
    )
    assert zorg_item["grond"]["toestemming"] == str(toestemming.uuid)

    # CT-06: what each role sees during the conference
    assert _get(agent, uuid)["persoon"]["naam"] == "Tom Kramer"
    adviseur_zicht = _get(expert, uuid)
    assert "naam" not in adviseur_zicht["persoon"] and adviseur_zicht["persoon"]["pseudoniem"].startswith(
        "Cliënt"
    )
    assert _get(expert, f"{uuid}/identificatie", status=403)["code"] == "E_AC_NOT_AUTHORISED"
    informant = _get(leerplicht, uuid)
    assert set(informant) == {"url", "uuid", "kenmerk", "overlegtype", "status", "fase", "persoon", "vraag"}
    assert informant["vraag"] == "Staat Tom nog ingeschreven op een school?"
    assert _get(leerplicht, f"{uuid}/bijdragen")["count"] == 0
    assert {b["uuid"] for b in _get(expert, f"{uuid}/bijdragen")["results"]} == {
        politie_item["uuid"],
        zorg_item["uuid"],
    }
    assert _get(api(t.buitenstaander), uuid, status=404)["code"] == "E_NOT_FOUND"
    lijst = expert.get("/api/v1/casusoverleggen", **H)
    assert lijst.status_code == 200 and [c["uuid"] for c in lijst.json()["results"]] == [uuid]
    assert "persoon" not in lijst.json()["results"][0]  # a list carries no identification

    # CT-11: no export, whatever is asked for
    r = expert.get(f"/api/v1/casusoverleggen/{uuid}/bijdragen", HTTP_ACCEPT="text/csv", **H)
    assert r.status_code == 406
    r = expert.get(f"/api/v1/casusoverleggen/{uuid}/bijdragen?format=csv", **H)
    assert r.status_code == 404

    # CT-12: allocation, each item approved by its contributor; CT-13: youth care informs Tom
    toedeling = _post(
        fatima,
        f"{uuid}/toedelingen",
        {"deelnemer": deelnemers["jeugdzorg-krimpen"], "bijdragen": [politie_item["uuid"]]},
        status=201,
    )
    assert toedeling["verstrektOp"] is None
    r = coach.post(
        f"/api/v1/casusoverleggen/{uuid}/toedelingen/{toedeling['uuid']}/_goedkeuren", {}, format="json", **H
    )
    assert r.status_code == 403  # only the contributor approves the reuse of its item (CT-10)
    fatima.patch(
        f"/api/v1/casusoverleggen/{uuid}",
        {
            "informeertClient": deelnemers["jeugdzorg-krimpen"],
            "deelbaarMetClient": "Het plan en de afspraken.",
        },
        format="json",
        **H,
    )
    r = fatima.post(
        f"/api/v1/casusoverleggen/{uuid}/_vaststellen",
        {"plan": "Begeleiding naar school en werk."},
        format="json",
        **H,
    )
    assert r.status_code == 409  # the police have not approved yet
    goedgekeurd = _post(agent, f"{uuid}/toedelingen/{toedeling['uuid']}/_goedkeuren")
    assert goedgekeurd["verstrektOp"] is not None
    _post(fatima, f"{uuid}/_vaststellen", {"plan": "Begeleiding naar school en werk; wekelijks contact."})

    with tenancy.systeem():
        entries = list(Verstrekking.objects.filter(herkomst=f"toedeling:{toedeling['uuid']}"))
    assert [(e.ontvanger_organisatie_id, e.organisatie_id, e.grond) for e in entries] == [
        (t.jeugdzorg.pk, t.politie.pk, "wpg_art20")
    ]

    # after the allocation: only what was allocated (and one's own)
    assert {b["uuid"] for b in _get(coach, f"{uuid}/bijdragen")["results"]} == {
        politie_item["uuid"],
        zorg_item["uuid"],  # its own
    }
    assert _get(expert, f"{uuid}/bijdragen")["count"] == 0
    assert {b["uuid"] for b in _get(agent, f"{uuid}/bijdragen")["results"]} == {politie_item["uuid"]}

    # Afschaling (CT-15): the wijkteam takes over; closing without the transfers' decisions is refused
    _post(fatima, f"{uuid}/_monitoren")
    _post(fatima, f"{uuid}/_afschalen")
    r = fatima.post(
        f"/api/v1/casusoverleggen/{uuid}/_afsluiten",
        {
            "overnemendePartij": str(regio.wijkteam.uuid),
            "overdracht": [{"bijdrage": zorg_item["uuid"], "deelbesluit": zorg_item["uuid"]}],
        },
        format="json",
        **H,
    )
    assert r.status_code == 400
    gesloten = _post(
        fatima, f"{uuid}/_afsluiten", {"overnemendePartij": str(regio.wijkteam.uuid), "overdracht": []}
    )
    assert gesloten["status"] == "gesloten" and gesloten["vernietigenOp"]

    # RT-08: archived; participants' grants ended, only the procesregisseur still sees the file
    _get(agent, uuid, status=404)
    _get(coach, uuid, status=404)
    assert _get(fatima, f"{uuid}/bijdragen")["count"] == 2
    with tenancy.systeem():
        assert all(b.gearchiveerd and b.vernietigen_op for b in Bijdrage.objects.all())
        open_grants = Toegang.objects.filter(
            object_type="casusoverleg.casusoverleg", ingetrokken_op__isnull=True
        )
        assert {g.ontvanger_gebruiker_id for g in open_grants} == {regio.medewerker.pk}
        # every act is in the log, without the person's name
        acties = set(AuditRegel.objects.filter(object_uuid=uuid).values_list("actie", flat=True))
    assert {"casusoverleg.aangemeld", "casusoverleg.geaccepteerd", "casusoverleg.gesloten"} <= acties


def test_rt_08_the_fg_reads_the_archived_file_of_its_own_controller_only(regio, api):
    from zorgvuldig.casusoverleg import services

    t = Tafel(regio)
    casus = t.in_overleg()
    item = services.breng_in(
        actor=regio.actor(regio.medewerker),
        uuid=casus.uuid,
        data={
            "inhoud": "Tom is drie keer aangehouden.",
            "soort": "feit",
            "bron": "eigen_waarneming",
            "grond": {"soort": "g4_wettelijke_bevoegdheid"},
        },
    )
    fg = api(regio.fg)
    _get(fg, str(casus.uuid), status=404)  # an open case is the table's, not the FG's
    with tenancy.systeem():
        type(casus).objects.filter(pk=casus.pk).update(status="afschaling")
    services.sluit_af(
        actor=regio.actor(regio.medewerker),
        uuid=casus.uuid,
        overnemende_partij_uuid=regio.wijkteam.uuid,
        overdracht=[],
    )
    assert [b["uuid"] for b in _get(fg, f"{casus.uuid}/bijdragen")["results"]] == [str(item.uuid)]
    assert _get(fg, str(casus.uuid))["status"] == "gesloten"
    lijst = fg.get("/api/v1/casusoverleggen", **H).json()
    assert [c["uuid"] for c in lijst["results"]] == [str(casus.uuid)]
    # reading only: without the participant's scope a write on the item answers like a missing one
    assert (
        fg.post(f"/api/v1/casusoverleggen/{casus.uuid}/bijdragen", {}, format="json", **H).status_code == 404
    )
    # the FG of another controller sees nothing of it
    from zorgvuldig.conftest import maak_gebruiker

    ander_fg = maak_gebruiker(regio.school, "fg2@hetbaken.example.org", ["fg"], naam="Andere FG")
    _get(api(ander_fg), str(casus.uuid), status=404)
