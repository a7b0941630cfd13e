"""The fictional demo region (SPEC E1–E8 names; example.org addresses; test BSNs only).

The region itself is the bundled `demo-regio.yaml` (`demo: true`), read by the same importer as an
operator's file (API §3.1); only the fictional persons are made here, through the persons service.
"""

from __future__ import annotations

import datetime as dt
from importlib import resources

from django.db import transaction

from zorgvuldig.core import demo_geschiedenis
from zorgvuldig.core.clock import now, today
from zorgvuldig.core.context import Actor

WACHTWOORD = "demo-wachtwoord-2026"
BESTAND = "demo-regio.yaml"
GELDIG_TOT = "VANDAAG_PLUS_365"  # the demo token's validity, always a year from today


class DemoGeweigerd(Exception):
    """The importer refused the demo file (exit code 4: real data in the database)."""

    def __init__(self, code: int, redenen: list[str]):
        super().__init__("; ".join(redenen))
        self.code = code
        self.redenen = redenen


def sam_geboren() -> dt.date:
    """20 September, fifteen years before this year: Sam is 14 or 15 whenever the demo is built, so the
    journeys of a youth aged 12–15 (both he and his mother agree or consent, VI-08, CS-14) keep working."""
    return dt.date(dt.date.today().year - 15, 9, 20)


def _ruw() -> str:
    return resources.files("zorgvuldig.core").joinpath(BESTAND).read_text(encoding="utf-8")


def demo_tekst() -> str:
    """The demo file with each token's GELDIG_TOT filled in: the date of the token already issued (a
    token's validity is fixed once issued, so tomorrow's run must repeat it), else a year from today."""
    from zorgvuldig.organisaties.models import ApiToken
    from zorgvuldig.organisaties.yaml_regels import lees

    tekst = _ruw()
    gelezen = lees(tekst)
    regels = tekst.splitlines(keepends=True)
    for i, token in enumerate(gelezen.data.get("apiTokens") or []):
        if token.get("geldigTot") != GELDIG_TOT:
            continue
        bestaand = ApiToken.objects.filter(
            organisatie__code=token["organisatie"], naam=token["naam"], ingetrokken_op__isnull=True
        ).first()
        datum = bestaand.geldig_tot if bestaand else today() + dt.timedelta(days=365)
        regel = gelezen.regels[("apiTokens", i, "geldigTot")] - 1
        regels[regel] = regels[regel].replace(GELDIG_TOT, datum.isoformat())
    return "".join(regels)


def bouw_demo() -> dict:
    """Import the demo region (idempotent) and the fictional persons; return log-ins and tokens to print.

    A token's secret exists only on the run that issued it (it is stored hashed); later runs list the
    token with `waarde: None`."""
    from zorgvuldig.organisaties.importeren import OK, importeer

    with transaction.atomic():
        resultaat = importeer(demo_tekst())
        if resultaat.code != OK:
            raise DemoGeweigerd(resultaat.code, [f.reden for f in resultaat.fouten])
        _personen()
        _signalen()
        _dossiers()
        _casusoverleg()
        _auditortoegang()
        _bewaren()
        _registers()
        # Six whole months of fictional past, so the reports show figures (RP-03 counts past months only)
        demo_geschiedenis.bouw_geschiedenis()
    return {"gebruikers": logins(), "tokens": tokens(resultaat.geheimen)}


def _signalen() -> None:
    """Verwijsindex signals (SPEC E1): Jan of the school has signalled Sam, so Fatima's signal on Sam in
    the UI makes a match at once; Fatima and Jeugdhulp already share a new match on Noor; the GGD and
    Veilig Thuis are further along (contact made, coordinator agreed). All persons are fictional."""
    from zorgvuldig.core import tenancy
    from zorgvuldig.organisaties.models import Gebruiker
    from zorgvuldig.verwijsindex import services
    from zorgvuldig.verwijsindex.models import Signaal

    with tenancy.systeem():
        al_gedaan = Signaal.objects.exists()
    if al_gedaan:
        return
    vandaag = dt.date.today()

    def signaleer(email: str, bsn: str, geboren: dt.date, criteria: list[str], met: list[str], **extra):
        actor = Actor.voor(Gebruiker.objects.get(email=email))
        concept = services.registreer_signaal(actor=actor, velden={"bsn": bsn})
        verantwoording = {
            "geboortedatum": geboren,
            "criteria": criteria,
            "vermoeden": "Zorgen die de professional zelf heeft waargenomen (demo).",
            "instemming": {"uitkomst": "gegeven", "met": met, "datum": vandaag},
            "informatieplicht": {"methode": "vi_folder", "datum": vandaag},
            "risicobespreking": {"met": met, "datum": vandaag},
            **extra,
        }
        return services.activeer_signaal(actor=actor, uuid=concept.uuid, verantwoording=verantwoording)

    jong_en_ouder = ["jongere", "vertegenwoordiger"]
    signaleer(
        "jan@hetbaken.example.org",
        "999993653",
        sam_geboren(),
        ["e"],
        jong_en_ouder,
        extraCriteria=["verzuim-zonder-bericht"],
    )
    signaleer("zorg@jeugdhulp.example.org", "999990020", dt.date(2013, 5, 4), ["c", "k"], jong_en_ouder)
    signaleer("fatima@krimpen.example.org", "999990020", dt.date(2013, 5, 4), ["k"], jong_en_ouder)
    signaleer("jeugdarts@ggd.example.org", "999990032", dt.date(2009, 1, 15), ["b"], ["jongere"])
    vt = signaleer("vt@veiligthuis.example.org", "999990032", dt.date(2009, 1, 15), ["a"], ["jongere"])
    vt_actor = Actor.voor(Gebruiker.objects.get(email="vt@veiligthuis.example.org"))
    with tenancy.systeem():  # the demo script looks across organisations to find the GGD's participant
        match = Signaal.objects.get(pk=vt.pk).match
        ggd = Signaal.objects.get(match=match, organisatie__code="ggd-rijnmond")
    assert match is not None  # two organisations on one BSN: a match
    services.stem_af(actor=vt_actor, uuid=match.uuid, datum=vandaag, met=[ggd.deelnemer_uuid])
    services.wijs_zorgcoordinator_aan(actor=vt_actor, uuid=match.uuid, deelnemer=vt.deelnemer_uuid)


def _dossiers() -> None:
    """A started dossier on Sam (SPEC §5) with notes of each kind and a client statement, a plan, a
    written consent of Sam and his mother naming Veilig Thuis (CS-05: 12–15 both), and an incoming request
    of Veilig Thuis that waits as a draft sharing decision for Fatima (SH-06)."""
    from zorgvuldig.core import tenancy
    from zorgvuldig.dossiers import services as ds
    from zorgvuldig.dossiers.models import Dossier
    from zorgvuldig.organisaties.models import Gebruiker, Organisatie, Team
    from zorgvuldig.personen.models import Persoon
    from zorgvuldig.toestemmingen import services as ts
    from zorgvuldig.verstrekkingen import deelbesluiten as db

    vandaag = dt.date.today()
    fatima = Actor.voor(Gebruiker.objects.get(email="fatima@krimpen.example.org"))
    with tenancy.systeem():  # the demo script itself finds the persons Fatima registered
        sam = Persoon.objects.get(voornamen="Sam", geslachtsnaam="Jansen")
        moeder = Persoon.objects.get(voornamen="Ingrid", geslachtsnaam="Jansen")
        if Dossier.objects.exists():
            return
    d = ds.registreer_dossier(
        actor=fatima,
        soort="individueel",
        team=Team.objects.get(code="wijkteam-oost"),
        leden=[(str(sam.uuid), "client")],
    )
    ds.informeer(
        actor=fatima,
        uuid=d.uuid,
        mondeling_op=vandaag,
        schriftelijk_op=vandaag,
        onderwerpen=["a", "b", "c", "d", "e", "f", "g"],
    )
    ds.registreer_instemming(actor=fatima, uuid=d.uuid, persoon_uuid=sam.uuid, gegeven=True, datum=vandaag)
    ds.start(actor=fatima, uuid=d.uuid)
    notitie = {"sectie": "voortgang", "geverifieerd": True}
    ds.registreer_notitie(
        actor=fatima,
        uuid=d.uuid,
        data={
            **notitie,
            "soort": "feit",
            "bron": {"soort": "eigen_waarneming"},
            "tekst": "Huisbezoek: Sam was thuis, niet op school.",
        },
    )
    mening = ds.registreer_notitie(
        actor=fatima,
        uuid=d.uuid,
        data={
            **notitie,
            "soort": "mening",
            "bron": {"soort": "eigen_waarneming"},
            "basis": "Drie gesprekken in oktober en november",
            "tekst": "Sam lijkt zich terug te trekken uit zijn vriendengroep.",
        },
    )
    ds.registreer_verklaring(
        actor=fatima,
        uuid=d.uuid,
        notitie_uuid=mening.uuid,
        persoon_uuid=sam.uuid,
        tekst="Ik ben gewoon moe, niet somber.",
    )
    ds.registreer_notitie(
        actor=fatima,
        uuid=d.uuid,
        data={
            **notitie,
            "soort": "client_visie",
            "bron": {"soort": "client"},
            "geverifieerd": False,
            "tekst": "Sam wil weer voetballen.",
        },
    )
    ds.registreer_zrm(
        actor=fatima,
        uuid=d.uuid,
        persoon_uuid=sam.uuid,
        domein="dagbesteding",
        niveau=2,
        onderbouwing="Verzuimt drie dagen per week.",
        besproken_met_client=True,
    )
    ds.registreer_plan(actor=fatima, uuid=d.uuid, data={"doelen": ["Sam gaat weer elke dag naar school"]})
    vt = Organisatie.objects.get(code="veilig-thuis-rijnmond")
    ts.registreer(
        actor=fatima,
        betrokkene_uuid=sam.uuid,
        dossier_uuid=d.uuid,
        data={
            "soort": "doorbreking_beroepsgeheim",
            "status": "gegeven",
            "gevers": [
                {"persoon": str(sam.uuid), "hoedanigheid": "zelf"},
                {"persoon": str(moeder.uuid), "hoedanigheid": "ouder_met_gezag"},
            ],
            "jongereGehoord": {
                "datum": vandaag,
                "mening": "Vindt het goed als school en wijkteam overleggen.",
            },
            "doel": "gegevensdeling",
            "ontvangers": [{"organisatie": str(vt.uuid)}],
            "gegevenscategorieen": ["schoolgegevens"],
            "inhoud": "Verzuim van dit schooljaar",
            "waaromNodig": "Zodat Veilig Thuis de situatie kan beoordelen.",
            "vorm": "schriftelijk",
            "uitdrukkelijk": True,
            "informatieGegeven": {"datum": vandaag, "onderwerpen": ["doel", "ontvanger", "gegevens"]},
            "belangBevestigd": True,
            "afhankelijkheidReden": "Alleen voor deze verstrekking; weigeren heeft geen gevolgen.",
            "datum": vandaag,
        },
    )
    db.ontvang_verzoek(
        actor=Actor.voor(Gebruiker.objects.get(email="vt@veiligthuis.example.org")),
        organisatie=fatima.organisatie,
        bsn="999993653",
        data={
            "doel": "Onderzoek na een melding",
            "context": "Melding van zorgen over de thuissituatie; wij onderzoeken de veiligheid van Sam.",
            "gegevens": "Waarnemingen van het wijkteam over de thuissituatie",
            "bepaling": "Wmo 2015 art. 5.2.6",
            "kenmerk": "VT-DEMO-001",
        },
    )


def _casusoverleg() -> None:
    """A Local PGA under the PGA convenant (CT-01, CT-16): the beheerder sets it up from the template, the
    FG approves its basis; Fatima's case on Sam waits in triage with the police, youth care (own task) and
    the GGD (advisor) invited, the police having answered the triage question (CT-05)."""
    from zorgvuldig.casusoverleg import services as cs
    from zorgvuldig.casusoverleg.models import Overlegtype
    from zorgvuldig.casusoverleg.policies import SJABLONEN
    from zorgvuldig.core import tenancy
    from zorgvuldig.organisaties.models import Gebruiker, Organisatie
    from zorgvuldig.personen.models import Persoon

    if Overlegtype.objects.exists():
        return
    org = {o.code: o for o in Organisatie.objects.all()}
    wie = {g.email: g for g in Gebruiker.objects.all()}
    beheerder, fg = Actor.voor(wie["beheer@krimpen.example.org"]), Actor.voor(wie["fg@krimpen.example.org"])
    fatima = Actor.voor(wie["fatima@krimpen.example.org"])

    def partner(code, taak, rol, grond):
        return {"organisatie": str(org[code].uuid), "taak": taak, "rol": rol, "grond": grond}

    sjabloon = {k: v for k, v in SJABLONEN["lokaal_pga"].items() if k != "partnerrollen"}
    t = cs.maak_type(
        actor=beheerder,
        data={
            **sjabloon,
            "soort": "lokaal_pga",
            "naam": "Lokale PGA Krimpen",
            "verwerkingsactiviteit": "casusoverleg",
            "convenant": "pga-krimpen-2026",
            "partners": [
                partner(
                    "wijkteam-krimpen",
                    "Procesregie en ondersteuning",
                    "overheid",
                    "g4_wettelijke_bevoegdheid",
                ),
                partner("politie-ijsselland", "Opsporing en handhaving", "politie", "wpg_art20"),
                partner("jeugdhulp-rijnmond", "Jeugdhulp", "zorg", "toestemming"),
                partner("ggd-rijnmond", "Advies jeugdgezondheid", "zorg", "toestemming"),
            ],
        },
    )
    cs.keur_basis_goed(actor=fg, uuid=t.uuid)
    cs.activeer_type(actor=beheerder, uuid=t.uuid)
    with tenancy.systeem():
        sam = Persoon.objects.get(voornamen="Sam", geslachtsnaam="Jansen")
    casus = cs.registreer(
        actor=fatima,
        overlegtype_uuid=t.uuid,
        persoon_uuid=sam.uuid,
        vraag="Sam heeft twee politieregistraties dit jaar en verzuimt veel; is een gezamenlijk plan nodig?",
    )
    cs.accepteer(
        actor=fatima,
        uuid=casus.uuid,
        criteria_toets=dict.fromkeys(t.criteria, True),
        client_geinformeerd=True,
    )
    cs.ga_naar(actor=fatima, uuid=casus.uuid, naar="triage")
    uitnodigingen = [
        (
            "politie-ijsselland",
            "wijkagent@politie.example.org",
            "eigen_taak",
            "De politie kent de registraties.",
        ),
        (
            "jeugdhulp-rijnmond",
            "zorg@jeugdhulp.example.org",
            "eigen_taak",
            "Mogelijk al jeugdhulp betrokken.",
        ),
        ("ggd-rijnmond", "jeugdarts@ggd.example.org", "adviseur", "Advies over verzuim en gezondheid."),
    ]
    for code, email, rol, reden in uitnodigingen:
        d = cs.nodig_uit(
            actor=fatima,
            uuid=casus.uuid,
            organisatie_uuid=org[code].uuid,
            gebruiker_uuid=wie[email].uuid,
            rol=rol,
            reden=reden,
        )
        if code == "politie-ijsselland":
            cs.beantwoord_triage(
                actor=Actor.voor(wie[email]),
                uuid=casus.uuid,
                deelnemer_uuid=d.uuid,
                antwoord={"bekend": True, "contact": {"naam": "Ruben Smits", "telefoon": "+31600000051"}},
            )


def _auditortoegang() -> None:
    """The demo auditor can search the log: the FG gives statutory read access (AC-09) for 90 days,
    renewed when the demo starts after it ran out."""
    import datetime as dt

    from zorgvuldig.core.clock import today
    from zorgvuldig.organisaties.models import Gebruiker
    from zorgvuldig.toegang.models import Bron, Toegang
    from zorgvuldig.toegang.services import verleen

    auditor = Gebruiker.objects.select_related("organisatie").get(email="audit@krimpen.example.org")
    fg = Gebruiker.objects.get(email="fg@krimpen.example.org")
    geldig = [
        t
        for t in Toegang.objects.filter(ontvanger_gebruiker=auditor, bron=Bron.WETTELIJK)
        if t.geldig(today())
    ]
    if geldig:
        return
    verleen(
        actor=Actor.voor(fg),
        object=auditor.organisatie,
        bron=Bron.WETTELIJK,
        ontvanger_gebruiker=auditor,
        reden="Jaarlijkse controle van het logboek (demo)",
        rechten=frozenset({"lezen"}),
        vanaf=today(),
        tot=today() + dt.timedelta(days=89),
        wettelijk={
            "instantie": "Interne controle (demo)",
            "bepaling": "art. 32 AVG, BIO 12.4",
            "doel": "Controle op rechtmatige verwerking",
        },
    )


def _bewaren() -> None:
    """Kees' dossier, taken over from the previous system, ended on 30 June 2010: due on 1 January 2025
    (RT-01). It no longer acts (RT-12); Marieke (leidinggevende) and Anne (FG) can put it on a destruction
    list and approve it under "Bewaren" (RT-13), after which the sweep destroys it and Kees with it."""
    from zorgvuldig.bewaren.services import bijwerken
    from zorgvuldig.core import tenancy
    from zorgvuldig.dossiers import services as ds
    from zorgvuldig.dossiers.models import Dossier
    from zorgvuldig.organisaties.models import Gebruiker, Team
    from zorgvuldig.personen.models import Persoon

    with tenancy.systeem():
        kees = Persoon.objects.get(voornamen="Kees", geslachtsnaam="Zwerver")
        if Dossier.objects.filter(leden__persoon=kees).exists():
            return
    fatima = Actor.voor(Gebruiker.objects.get(email="fatima@krimpen.example.org"))
    d = ds.registreer_dossier(
        actor=fatima,
        soort="individueel",
        team=Team.objects.get(code="wijkteam-oost"),
        leden=[(str(kees.uuid), "client")],
    )
    with tenancy.systeem():
        Dossier.objects.filter(pk=d.pk).update(
            status="gesloten",
            geopend_op=dt.date(2008, 2, 1),
            einddatum=dt.date(2010, 6, 30),
            afsluitreden="afgerond",
            vernietigen_op=dt.date(2025, 1, 1),
        )
        bijwerken(Dossier.objects.get(pk=d.pk))


def _registers() -> None:
    """Anne (FG) has described and approved the wijkteam's main processing (RG-01) and its DPIA (RG-02);
    the other activities in the log show up as findings. A colleague's laptop was stolen 30 hours ago: the
    breach's clock has passed its 24-hour mark (RG-03); Anne can find who was affected and decide."""
    from zorgvuldig.datalekken import services as datalekken
    from zorgvuldig.datalekken.models import Datalek
    from zorgvuldig.organisaties.models import Gebruiker
    from zorgvuldig.registers import services as registers
    from zorgvuldig.registers.models import Dpia, Verwerkingsactiviteit

    fg = Actor.voor(Gebruiker.objects.get(email="fg@krimpen.example.org"))
    activiteit = Verwerkingsactiviteit.objects.get(code="sociaal-domein-ondersteuning")
    if Dpia.objects.filter(verwerkingsactiviteit=activiteit).exists():
        return
    versie = registers.maak_versie(
        actor=fg,
        activiteit_uuid=activiteit.uuid,
        data={
            "categorieen_betrokkenen": "Inwoners die ondersteuning vragen of krijgen, en hun gezinsleden.",
            "categorieen_gegevens": "Naam, adres, BSN, gezinssituatie, gezondheid (bijzonder).",
            # (e) public task: the statutory provisions it rests on (AVG art. 6(3), RG-01)
            "grondslag_toelichting": "Jeugdwet art. 2.3 en 7.1.1.1; Wmo 2015 art. 2.3.2 en 5.2.1",
        },
    )
    registers.keur_versie_goed(actor=fg, activiteit_uuid=activiteit.uuid, versie_uuid=versie.uuid)
    dpia = registers.maak_dpia(
        actor=fg,
        activiteit_uuid=activiteit.uuid,
        stappen={
            "proces": "Aanmelding, plan, uitvoering, afsluiting; delen na een deelbesluit.",
            "rechtmatigheid": "Publieke taak (Jeugdwet, Wmo 2015); bijzondere gegevens via UAVG art 30.",
            "risicos": "Te brede inzage, delen zonder noodzaak, te lang bewaren.",
            "maatregelen": "Toegang per casusteam, deelbesluiten met toets, automatische vernietiging.",
        },
    )
    registers.adviseer_dpia(
        actor=fg, uuid=dpia.uuid, advies="Positief, mits de toegang jaarlijks wordt getoetst."
    )
    registers.keur_dpia_goed(actor=fg, uuid=dpia.uuid, besluit_door="College van B&W", besluitdatum=today())
    if not Datalek.objects.exists():
        fatima = Gebruiker.objects.get(email="fatima@krimpen.example.org")
        datalekken.registreer(
            actor=fg,
            data={
                "ontdekt_op": now() - dt.timedelta(hours=30),
                "omschrijving": "Laptop van een medewerker gestolen uit een auto; schijf versleuteld, "
                "maar het wachtwoord zat in de tas.",
                "gegevens": "Dossiers en notities die de medewerker de afgelopen week opende.",
                "betrokkenen": "Cliënten van wijkteam Oost.",
                "afbakening": {
                    "account": fatima,
                    "vanaf": now() - dt.timedelta(days=8),
                    "tot": now() - dt.timedelta(hours=30),
                    "ontvanger": None,
                },
            },
        )


def logins() -> list[dict]:
    """The demo users with password and TOTP secret, in file order."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from zorgvuldig.organisaties.importeren import DEMO_TOTP, totp_geheim
    from zorgvuldig.organisaties.models import Gebruiker
    from zorgvuldig.organisaties.yaml_regels import lees

    uit = []
    for item in lees(_ruw()).data["gebruikers"]:
        g = Gebruiker.objects.select_related("organisatie").get(email=item["email"])
        apparaat = TOTPDevice.objects.filter(user=g, name=DEMO_TOTP).first()
        uit.append(
            {
                "email": g.email,
                "naam": g.naam,
                "uuid": str(g.uuid),  # for `Namens-Gebruiker` with a token
                # a token acts only for a user with a VI mandate valid today (AC-08)
                "viMandaat": "vi_signaleren" in g.actieve_mandaten(today()),
                "wachtwoord": item.get("wachtwoord"),
                "totp": totp_geheim(apparaat) if apparaat else None,
                "rollen": g.rollen,
                "organisatie": g.organisatie.code,
            }
        )
    return uit


def tokens(geheimen: list[dict]) -> list[dict]:
    from zorgvuldig.organisaties.models import ApiToken
    from zorgvuldig.organisaties.yaml_regels import lees

    nieuw = {(s["organisatie"], s["naam"]): s["waarde"] for s in geheimen if s["soort"] == "api-token"}
    uit = []
    for item in lees(_ruw()).data["apiTokens"]:
        token = ApiToken.objects.get(
            organisatie__code=item["organisatie"], naam=item["naam"], ingetrokken_op__isnull=True
        )
        uit.append(
            {
                "naam": token.naam,
                "organisatie": item["organisatie"],
                "scopes": token.scopes,
                "geldigTot": token.geldig_tot.isoformat(),
                "waarde": nieuw.get((item["organisatie"], item["naam"])),
            }
        )
    return uit


def _personen() -> None:
    from zorgvuldig.organisaties.models import Gebruiker
    from zorgvuldig.personen.models import Persoon
    from zorgvuldig.personen.services import registreer_persoon, registreer_relatie

    if Persoon.objects.exists():
        return
    actor = Actor.voor(Gebruiker.objects.get(email="fatima@krimpen.example.org"))
    sam = registreer_persoon(
        actor=actor,
        data={
            "bsn": "999993653",
            "voornamen": "Sam",
            "geslachtsnaam": "Jansen",
            "geboortedatum": sam_geboren(),
            "geslacht": "man",
            "adres_straat": "Voorbeeldstraat",
            "adres_huisnummer": "12",
            "adres_postcode": "2921AA",
            "adres_woonplaats": "Krimpen aan den IJssel",
        },
    )
    moeder = registreer_persoon(
        actor=actor,
        data={
            "bsn": "999990019",
            "voornamen": "Ingrid",
            "geslachtsnaam": "Jansen",
            "geboortedatum": dt.date(1982, 3, 14),
            "geslacht": "vrouw",
            "relevantie": "Moeder met gezag van Sam",
        },
    )
    registreer_relatie(
        actor=actor,
        persoon_uuid=sam.uuid,
        ander_uuid=moeder.uuid,
        data={"soort": "ouder_met_gezag", "bewijs": "Gezagsregister (demo)"},
    )
    registreer_persoon(
        actor=actor,
        data={
            "voornamen": "Kees",
            "voorvoegsel": "de",
            "geslachtsnaam": "Zwerver",
            "bsn_ontbreekt_reden": "Dakloos; identificatie zou hulp in de weg staan",
            "geheim_adres": False,
        },
    )
