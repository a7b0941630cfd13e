"""Examples for the generic API tests (access matrix, audit per operation): case tables (API §2.7).

Building tables and cases in every state is expensive, so the generic tests call `casus_voorbeelden` only
for the `/overlegtypen` and `/casusoverleggen` routes.
"""

from __future__ import annotations

import datetime as dt

from zorgvuldig.casusoverleg import services
from zorgvuldig.casusoverleg.models import Bijdrage
from zorgvuldig.casusoverleg.tests.hulp import Tafel
from zorgvuldig.conftest import als_systeem


def bij_de_school(regio, convenant):
    """A table type and a case hosted by the school (another organisation and controller), written
    directly in the system context: the school has no beheerder or FG in the test region."""
    from zorgvuldig.casusoverleg.models import Casusoverleg, Overlegtype
    from zorgvuldig.core import crypto, tenancy
    from zorgvuldig.registers.models import Verwerkingsactiviteit
    from zorgvuldig.toegang import services as toegang
    from zorgvuldig.toegang.models import Bron

    with tenancy.systeem():
        type_ = Overlegtype.objects.create(
            verwerkingsverantwoordelijke=regio.school_vv,
            organisatie=regio.school,
            naam="Zorgtafel Het Baken",
            soort="lokaal_pga",
            doel="Verzuim en probleemgedrag van leerlingen aanpakken.",
            verwerkingsactiviteit=Verwerkingsactiviteit.objects.get(code="casusoverleg"),
            grondslag="e",
            criteria=["Structureel verzuim"],
            minimumleeftijd=12,
            partners=[
                {
                    "organisatie": str(regio.school.uuid),
                    "taak": "Onderwijs",
                    "rol": "overheid",
                    "grond": "g4_wettelijke_bevoegdheid",
                }
            ],
            convenant=convenant,
            toestemmingsmodus="required",
            bewaartermijn_maanden=24,
            status="actief",
            basis_goedgekeurd_op=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        )
        casus = Casusoverleg(
            verwerkingsverantwoordelijke=regio.school_vv,
            organisatie=regio.school,
            kenmerk="C2026-SCHOOL01",
            overlegtype=type_,
            pseudoniem="Cliënt SCHOOL",
            status="aangemeld",
            aanmelder=regio.leraar,
            procesregisseur=regio.leraar,
        )
        casus.inhoud_versleuteld = crypto.versleutel(
            casus, "inhoud", {"vraag": "Leerling verzuimt structureel."}
        )
        casus.save()
        toegang.verleen_intern(
            actor=regio.actor(regio.leraar),
            object=casus,
            bron=Bron.DEELNAME,
            ontvanger_gebruiker=regio.leraar,
            rechten={"lezen", "aanvullen"},
            reden="Aanmelder van de casus",
            herkomst=f"casusoverleg:{casus.uuid}",
        )
    return type_, casus


def _type(t: Tafel, soort: str, naam: str, *, goedkeuren=True, activeren=True):
    """Another table type of the wijkteam with the same partners and convenant."""
    r = t.regio
    beheerder = r.actor(r.beheerder)
    rij = services.maak_type(
        actor=beheerder,
        data={
            "naam": naam,
            "soort": soort,
            "doel": "Onveiligheid en overlast samen aanpakken.",
            "verwerkingsactiviteit": "casusoverleg",
            "grondslag": "e",
            "criteria": ["Ernstige overlast of onveiligheid"],
            "minimumleeftijd": 12,
            "partners": list(t.type.partners),
            "convenant": "pga-krimpen",
            "toestemmingsmodus": "required",
            "bewaartermijn_maanden": 24,
        },
    )
    if goedkeuren:
        services.keur_basis_goed(actor=r.actor(r.fg), uuid=rij.uuid)
    if activeren:
        services.activeer_type(actor=beheerder, uuid=rij.uuid)
    return rij


def _inbreng(t: Tafel, casus, gebruiker=None, **grond):
    """A contribution: by default the procesregisseur's own (the wijkteam, government role, G4)."""
    gebruiker = gebruiker or t.regio.medewerker
    return services.breng_in(
        actor=t.regio.actor(gebruiker),
        uuid=casus.uuid,
        data={
            "inhoud": "Tom is drie keer aangehouden en gaat niet meer naar school.",
            "soort": "feit",
            "bron": "registratie" if grond else "eigen_waarneming",
            "grond": grond or {"soort": "g4_wettelijke_bevoegdheid"},
        },
    )


def besluit_wijkteam(regio, persoon, ontvanger=None, grond="g4_wettelijke_bevoegdheid", uitgevoerd=True):
    """The wijkteam's own sharing decision to share on `persoon` towards `ontvanger` (default the school),
    executed today or only decided (arranged directly)."""
    from zorgvuldig.dossiers.models import Dossier, Lid
    from zorgvuldig.verstrekkingen.models import Deelbesluit

    als_systeem()
    ontvanger = ontvanger or regio.school
    vv = regio.wijkteam.verwerkingsverantwoordelijke_id
    dossier = Dossier.objects.create(
        verwerkingsverantwoordelijke_id=vv,
        organisatie=regio.wijkteam,
        kenmerk=f"D-WT-{Dossier.objects.count() + 1}",
        soort="individueel",
        team=regio.team,
        status="monitoring",
        kader="vrijwillig",
        geopend_op=dt.date.today(),
        aangemaakt_door=regio.medewerker,
    )
    Lid.objects.create(dossier=dossier, persoon=persoon, rol="client")
    return Deelbesluit.objects.create(
        verwerkingsverantwoordelijke_id=vv,
        organisatie=regio.wijkteam,
        dossier=dossier,
        richting="verstrekken",
        status="uitgevoerd" if uitgevoerd else "besloten",
        ontvanger_organisatie=ontvanger,
        ontvanger_type=ontvanger.type,
        grond=grond,
        besluit="delen",
        antwoorden_versleuteld="",
        uitgevoerd_op=dt.date.today() if uitgevoerd else None,
        aangemaakt_door=regio.medewerker,
    )


def _klaar_voor_plan(t: Tafel):
    """In conference, with an approved allocation and who informs the client and with what (CT-12, CT-13)."""
    fatima = t.regio.actor(t.regio.medewerker)
    casus = t.in_overleg()
    item = _inbreng(t, casus)
    services.deel_toe(
        actor=fatima, uuid=casus.uuid, deelnemer_uuid=t.d_jeugdzorg.uuid, bijdragen=[str(item.uuid)]
    )
    services.wijzig(
        actor=fatima,
        uuid=casus.uuid,
        data={"informeertClient": str(t.d_jeugdzorg.uuid), "deelbaarMetClient": "Het plan en de afspraken."},
    )
    return casus


def casus_voorbeelden(regio):
    """(route, method) → (user, path, body) of a successful request, for every case-table operation."""
    from zorgvuldig.conftest import als_systeem

    m, beheerder, fg = regio.medewerker, regio.beheerder, regio.fg
    fatima = regio.actor(m)
    t = Tafel(regio)
    vandaag = dt.date.today()

    # table types: a concept awaiting the FG, one approved awaiting activation, an early-signalling table
    # and a safety table (CT-02, CT-14, CT-16)
    concept = _type(t, "pga_zvh", "PGA Zorg- en Veiligheidshuis", goedkeuren=False, activeren=False)
    goedgekeurd = _type(t, "jeugdgroepen", "Jeugdgroepen Krimpen", activeren=False)
    vroeg = _type(t, "vroegsignalering", "Vroegsignalering Krimpen")
    veilig = _type(t, "veiligheidshuis", "Veiligheidshuis Krimpen")

    # a case per state
    aangemeld = t.aanmelding()
    geaccepteerd = t.geaccepteerd()
    signaal = services.registreer(
        actor=fatima, overlegtype_uuid=vroeg.uuid, vraag="Signalen van school en buurt over Tom."
    )
    veiligheidszaak = services.registreer(
        actor=fatima,
        overlegtype_uuid=veilig.uuid,
        persoon_uuid=t.tom.uuid,
        vraag="Ernstige overlast door Tom.",
    )
    services.accepteer(
        actor=fatima,
        uuid=veiligheidszaak.uuid,
        criteria_toets=dict.fromkeys(veilig.criteria, True),
        client_geinformeerd=True,
    )
    triage = t.geaccepteerd()
    services.ga_naar(actor=fatima, uuid=triage.uuid, naar="triage")
    d_triage = t.nodig_uit(triage, t.politie, t.agent, "eigen_taak")
    geagendeerd = t.geaccepteerd()
    services.ga_naar(actor=fatima, uuid=geagendeerd.uuid, naar="triage")
    services.ga_naar(actor=fatima, uuid=geagendeerd.uuid, naar="geagendeerd")
    services.wijzig(
        actor=fatima,
        uuid=geagendeerd.uuid,
        data={"clientBetrokkenheid": {"wijze": "Tom is uitgenodigd voor het tweede deel.", "redenNiet": ""}},
    )

    # the conference: contributions of the director and the police, a pending allocation of the police's
    # item and an open action
    overleg = t.in_overleg()
    d_politie, d_jeugdzorg = t.d_politie, t.d_jeugdzorg
    eigen_item = _inbreng(t, overleg)
    politie_item = _inbreng(t, overleg, t.agent, soort="wpg_art20")
    open_toedeling = services.deel_toe(
        actor=fatima, uuid=overleg.uuid, deelnemer_uuid=d_jeugdzorg.uuid, bijdragen=[str(politie_item.uuid)]
    )
    actiepunt = services.maak_actiepunt(
        actor=fatima, uuid=overleg.uuid, omschrijving="Contact opnemen met school", deadline=vandaag
    )
    services.leg_bijeenkomst_vast(
        actor=fatima, uuid=overleg.uuid, datum=vandaag, agenda=["Kennismaking"], aanwezig=[], besluiten=[]
    )

    klaar = _klaar_voor_plan(t)
    vastgesteld = _klaar_voor_plan(t)
    services.stel_vast(actor=fatima, uuid=vastgesteld.uuid, plan="Begeleiding naar school en werk.")
    monitoring = _klaar_voor_plan(t)
    services.stel_vast(actor=fatima, uuid=monitoring.uuid, plan="Begeleiding naar school en werk.")
    services.ga_naar(actor=fatima, uuid=monitoring.uuid, naar="monitoring")
    afschaling = _klaar_voor_plan(t)
    services.stel_vast(actor=fatima, uuid=afschaling.uuid, plan="Begeleiding naar school en werk.")
    services.ga_naar(actor=fatima, uuid=afschaling.uuid, naar="afschaling")
    als_systeem()
    over_te_dragen = Bijdrage.objects.filter(casusoverleg=afschaling, organisatie=regio.wijkteam).first()
    besluit = besluit_wijkteam(regio, t.tom)

    o, c = "/api/v1/overlegtypen", "/api/v1/casusoverleggen"
    e = f"{c}/{overleg.uuid}"
    return {
        (o[1:], "get"): (beheerder, o, None),
        (o[1:], "post"): (
            beheerder,
            o,
            {
                "naam": "Kinderbeschermingstafel Krimpen",
                "soort": "kinderbeschermingstafel",
                "doel": "Besluiten of een procedure voor een maatregel nodig is.",
                "verwerkingsactiviteit": "casusoverleg",
                "grondslag": "e",
                "criteria": ["Ernstige zorgen over de veiligheid van het kind"],
                "minimumleeftijd": 0,
                "partners": [
                    {
                        "organisatie": str(regio.wijkteam.uuid),
                        "taak": "Regie en ondersteuning",
                        "rol": "overheid",
                        "grond": "g4_wettelijke_bevoegdheid",
                    }
                ],
                "convenant": "pga-krimpen",
                "toestemmingsmodus": "required",
                "bewaartermijnMaanden": 24,
            },
        ),
        (f"{o[1:]}/sjablonen", "get"): (beheerder, f"{o}/sjablonen", None),
        (f"{o[1:]}/<uuid:uuid>", "get"): (beheerder, f"{o}/{t.type.uuid}", None),
        (f"{o[1:]}/<uuid:uuid>", "patch"): (
            beheerder,
            f"{o}/{t.type.uuid}",
            {"naam": "Lokale PGA Krimpen-Oost"},
        ),
        (f"{o[1:]}/<uuid:uuid>/_activeren", "post"): (beheerder, f"{o}/{goedgekeurd.uuid}/_activeren", {}),
        (f"{o[1:]}/<uuid:uuid>/_goedkeuren", "post"): (fg, f"{o}/{concept.uuid}/_goedkeuren", {}),
        (c[1:], "get"): (m, c, None),
        (c[1:], "post"): (
            m,
            c,
            {
                "overlegtype": str(t.type.uuid),
                "persoon": str(t.tom.uuid),
                "vraag": "Tom heeft drie politieregistraties en is gestopt met school.",
            },
        ),
        (f"{c[1:]}/<uuid:uuid>", "get"): (m, f"{c}/{aangemeld.uuid}", None),
        (f"{c[1:]}/<uuid:uuid>", "patch"): (
            m,
            f"{c}/{aangemeld.uuid}",
            {"clientBetrokkenheid": {"wijze": "Tom komt bij het tweede deel."}},
        ),
        (f"{c[1:]}/<uuid:uuid>/identificatie", "get"): (m, f"{c}/{aangemeld.uuid}/identificatie", None),
        (f"{c[1:]}/<uuid:uuid>/_wegen", "post"): (
            m,
            f"{c}/{signaal.uuid}/_wegen",
            {"agenderen": True, "advies": "Agenderen: de signalen stapelen zich op."},
        ),
        (f"{c[1:]}/<uuid:uuid>/_accepteren", "post"): (
            m,
            f"{c}/{aangemeld.uuid}/_accepteren",
            {"criteriaToets": dict.fromkeys(t.type.criteria, True), "clientGeinformeerd": True},
        ),
        (f"{c[1:]}/<uuid:uuid>/_afwijzen", "post"): (
            m,
            f"{c}/{aangemeld.uuid}/_afwijzen",
            {"advies": "Meld Tom aan bij het wijkteam voor schoolondersteuning."},
        ),
        (f"{c[1:]}/<uuid:uuid>/_trieren", "post"): (m, f"{c}/{geaccepteerd.uuid}/_trieren", {}),
        (f"{c[1:]}/<uuid:uuid>/_agenderen", "post"): (m, f"{c}/{triage.uuid}/_agenderen", {}),
        (f"{c[1:]}/<uuid:uuid>/_starten", "post"): (m, f"{c}/{geagendeerd.uuid}/_starten", {}),
        (f"{c[1:]}/<uuid:uuid>/_vaststellen", "post"): (
            m,
            f"{c}/{klaar.uuid}/_vaststellen",
            {"plan": "Begeleiding naar school en werk; wekelijks contact."},
        ),
        (f"{c[1:]}/<uuid:uuid>/_monitoren", "post"): (m, f"{c}/{vastgesteld.uuid}/_monitoren", {}),
        (f"{c[1:]}/<uuid:uuid>/_herzien", "post"): (m, f"{c}/{monitoring.uuid}/_herzien", {}),
        (f"{c[1:]}/<uuid:uuid>/_afschalen", "post"): (m, f"{c}/{vastgesteld.uuid}/_afschalen", {}),
        (f"{c[1:]}/<uuid:uuid>/_afsluiten", "post"): (
            m,
            f"{c}/{afschaling.uuid}/_afsluiten",
            {"overnemendePartij": str(regio.wijkteam.uuid), "overdracht": []},
        ),
        (f"{c[1:]}/<uuid:uuid>/_veiligheidsplan", "post"): (
            m,
            f"{c}/{veiligheidszaak.uuid}/_veiligheidsplan",
            {"afspraken": [{"wie": "Wijkagent", "wat": "Wekelijks huisbezoek", "wanneer": "Elke maandag"}]},
        ),
        (f"{c[1:]}/<uuid:uuid>/deelnemers", "get"): (m, f"{e}/deelnemers", None),
        (f"{c[1:]}/<uuid:uuid>/deelnemers", "post"): (
            m,
            f"{c}/{triage.uuid}/deelnemers",
            {
                "organisatie": str(t.jeugdzorg.uuid),
                "gebruiker": str(t.jeugdwerker.uuid),
                "rol": "eigen_taak",
                "reden": "Jeugdzorg is nodig voor de aanpak van Tom.",
            },
        ),
        (f"{c[1:]}/<uuid:uuid>/deelnemers/<uuid:deelnemer_uuid>/_triage", "post"): (
            t.agent,
            f"{c}/{triage.uuid}/deelnemers/{d_triage.uuid}/_triage",
            {"bekend": True, "contact": {"naam": "Wijkagent Smit", "telefoon": "0612345678"}},
        ),
        (f"{c[1:]}/<uuid:uuid>/bijdragen", "get"): (m, f"{e}/bijdragen", None),
        (f"{c[1:]}/<uuid:uuid>/bijdragen", "post"): (
            t.agent,
            f"{e}/bijdragen",
            {
                "inhoud": "Drie registraties: winkeldiefstal, vernieling, overlast.",
                "soort": "feit",
                "bron": "registratie",
                "grond": {"soort": "wpg_art20"},
            },
        ),
        (f"{c[1:]}/<uuid:uuid>/bijdragen/<uuid:bijdrage_uuid>/_intrekken", "post"): (
            t.agent,
            f"{e}/bijdragen/{politie_item.uuid}/_intrekken",
            {},
        ),
        (f"{c[1:]}/<uuid:uuid>/bijdragen/<uuid:bijdrage_uuid>/_bevestigen", "post"): (
            m,
            f"{e}/bijdragen/{eigen_item.uuid}/_bevestigen",
            {},
        ),
        (f"{c[1:]}/<uuid:uuid>/bijdragen/<uuid:bijdrage_uuid>/_overdragen", "post"): (
            m,
            f"{c}/{afschaling.uuid}/bijdragen/{over_te_dragen.uuid}/_overdragen",
            {"deelbesluit": str(besluit.uuid)},
        ),
        (f"{c[1:]}/<uuid:uuid>/toedelingen", "get"): (m, f"{e}/toedelingen", None),
        (f"{c[1:]}/<uuid:uuid>/toedelingen", "post"): (
            m,
            f"{e}/toedelingen",
            {"deelnemer": str(d_jeugdzorg.uuid), "bijdragen": [str(eigen_item.uuid)]},
        ),
        # CT-10, CT-12: the police approve the reuse of their item; the disclosure entries follow
        (f"{c[1:]}/<uuid:uuid>/toedelingen/<uuid:toedeling_uuid>/_goedkeuren", "post"): (
            t.agent,
            f"{e}/toedelingen/{open_toedeling.uuid}/_goedkeuren",
            {},
        ),
        (f"{c[1:]}/<uuid:uuid>/bijeenkomsten", "get"): (m, f"{e}/bijeenkomsten", None),
        (f"{c[1:]}/<uuid:uuid>/bijeenkomsten", "post"): (
            m,
            f"{e}/bijeenkomsten",
            {
                "datum": vandaag.isoformat(),
                "agenda": ["Aanpak Tom"],
                "aanwezig": [str(d_politie.uuid), str(d_jeugdzorg.uuid)],
                "besluiten": ["Jeugdzorg start begeleiding"],
            },
        ),
        (f"{c[1:]}/<uuid:uuid>/actiepunten", "get"): (m, f"{e}/actiepunten", None),
        (f"{c[1:]}/<uuid:uuid>/actiepunten", "post"): (
            m,
            f"{e}/actiepunten",
            {
                "omschrijving": "Intake bij jeugdzorg plannen",
                "deadline": (vandaag + dt.timedelta(days=7)).isoformat(),
                "deelnemer": str(d_jeugdzorg.uuid),
            },
        ),
        (f"{c[1:]}/<uuid:uuid>/actiepunten/<uuid:actiepunt_uuid>/_afronden", "post"): (
            m,
            f"{e}/actiepunten/{actiepunt.uuid}/_afronden",
            {},
        ),
    }
