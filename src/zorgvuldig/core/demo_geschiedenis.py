"""Demo only: six whole months of fictional history, so the reports show figures (RP-02, RP-03, VI-18).

A report counts only whole calendar months that are over (RP-03) and suppresses counts 1 … minCell − 1.
The journeys of the demo are all made today, so without a past every report cell would be empty or
suppressed. This module adds what a region's past half year looks like: verwijsindex signals of every
signalling organisation (some withdrawn, the oldest expired and archived, VI-16, VI-17, VI-21) and the
dossiers of Wijkteam West at every stage, a few under pressure (drang). Some cells stay small on purpose
(a quiet month at the wijkteam, a rare state or frame), so the reports also show suppression.

Everything is made through the real services, by the demo users who would have made it — Daan Mulder
(Wijkteam West) and the partners' professionals; not Fatima, whose pages stay those of the journeys —,
so the audit log, the grants and the retention rows are the ones real use leaves. Only the dates are
then moved into the past, in one place: `_terugdateren`. The log is not backdated: it is tamper-evident
and says truthfully that the demo wrote these records today.

Never a match, never an e-mail: every history signal has its own BSN (no two organisations share a youth,
so no match notice, VI-11), and no signal is left within 14 days of its removal date (no VI-20 reminder
when the scheduler starts). All persons are invented, with test BSNs (999991000–999995999, 11-proef) that
none of the journeys uses. The number of records per month is fixed; only how many of the oldest signals
have expired depends on the day the demo is loaded (VI-16).
"""

from __future__ import annotations

import datetime as dt

from zorgvuldig.core.clock import AMSTERDAM, today
from zorgvuldig.core.context import Actor

MEDEWERKER = "daan@krimpen.example.org"  # Wijkteam West: the wijkteam's signals and dossiers below

# Signals per organisation: the signaler and how many were made 1, 2, … 6 months ago (1 = the last whole
# month). The wijkteam's third month back is quiet (the team was short of staff): 3 signals, a
# suppressed cell (RP-03). The oldest month has mostly expired by now (VI-16): the report counts active
# signals only (RP-02), so the sweep archives those at once (VI-21).
SIGNALEN: dict[str, tuple[str, tuple[int, ...]]] = {
    "wijkteam-krimpen": (MEDEWERKER, (11, 8, 3, 7, 6, 6)),
    "osg-het-baken": ("jan@hetbaken.example.org", (8, 6, 6, 2, 5, 5)),
    "jeugdhulp-rijnmond": ("zorg@jeugdhulp.example.org", (3, 2, 2, 2, 1, 2)),
    "ggd-rijnmond": ("jeugdarts@ggd.example.org", (2, 1, 2, 1, 1, 1)),
    "veilig-thuis-rijnmond": ("vt@veiligthuis.example.org", (1, 1, 2, 1, 1, 1)),
}
INGETROKKEN_ELKE = 9  # every 9th signal of an organisation was withdrawn a few weeks later (VI-16)

# Dossiers of Wijkteam West (Daan, youth) opened 1, 2, … 6 months ago: (status it has reached, frame, how
# many). Older dossiers are further along. The default report (status × frame × month) publishes each
# month's main group; the rare combinations — a dossier still waiting for its first talk, one closed within
# weeks, pressure (drang) — come as a 2 × 2 × 2 block of ones over the last two months, so they are
# suppressed without taking a published cell along (RP-03's secondary suppression wants a second small
# cell in every row and column; a lone small cell would suppress its smallest published neighbour too).
DOSSIERS: dict[int, list[tuple[str, str, int]]] = {
    1: [
        ("vraagverheldering", "vrijwillig", 6),
        ("geregistreerd", "vrijwillig", 1),
        ("geregistreerd", "drang", 1),
        ("gesloten", "vrijwillig", 1),
        ("gesloten", "drang", 1),
    ],
    2: [
        ("plan_vastgesteld", "vrijwillig", 5),
        ("geregistreerd", "vrijwillig", 1),
        ("geregistreerd", "drang", 1),
        ("gesloten", "vrijwillig", 1),
        ("gesloten", "drang", 1),
    ],
    3: [("monitoring", "vrijwillig", 5)],
    4: [("monitoring", "vrijwillig", 5)],
    5: [("gesloten", "vrijwillig", 5)],
    6: [("gesloten", "vrijwillig", 5)],
}
TEAM = "wijkteam-west"
LEIDINGGEVENDE = "marieke@krimpen.example.org"  # confirms the closures (SPEC §5 States)

VOORNAMEN = (
    "Lotte", "Milan", "Sara", "Daan", "Noah", "Julia", "Finn", "Eva", "Luuk", "Zoë", "Bram", "Lina",
    "Thijs", "Yara", "Jesse", "Fenna", "Mees", "Isa", "Ruben", "Nina", "Amir", "Hiba", "Ravi", "Mila",
)  # fmt: skip
ACHTERNAMEN = (
    "de Boer", "Smit", "Vos", "Peters", "Kuiper", "Bos", "van Dijk", "Hoekstra", "Brouwer", "Dekker",
    "Jacobs", "van Leeuwen", "Koster", "Prins", "Hermans", "Verhoeven", "Postma", "Willems", "Kok", "Maas",
)  # fmt: skip
CRITERIA = ("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k")


def proef_bsns(prefix_van: int, aantal: int) -> list[str]:
    """`aantal` valid test BSNs from the 8-digit prefix `prefix_van` up: the check digit the 11-proef asks
    for (a prefix whose check would be 10 has none). 99999… is the test range; never a real person."""
    from zorgvuldig.personen.services import normaliseer_bsn

    uit: list[str] = []
    prefix = prefix_van
    while len(uit) < aantal:
        cijfers = f"{prefix:08d}"
        controle = sum(int(c) * w for c, w in zip(cijfers, range(9, 1, -1), strict=True)) % 11
        if controle < 10:
            uit.append(normaliseer_bsn(cijfers + str(controle)))
        prefix += 1
    return uit


def bouw_geschiedenis() -> None:
    """The history, once: skipped when Daan already made any (a restarted demo keeps its own past)."""
    from zorgvuldig.core import tenancy
    from zorgvuldig.dossiers.models import Dossier
    from zorgvuldig.organisaties.models import Gebruiker
    from zorgvuldig.verwijsindex.models import ArchiefSignaal, Signaal

    daan = Gebruiker.objects.get(email=MEDEWERKER)
    with tenancy.systeem():
        gedaan = (
            Signaal.objects.filter(signaleerder=daan).exists()
            or ArchiefSignaal.objects.filter(signaleerder=daan).exists()
            or Dossier.objects.filter(aangemaakt_door=daan).exists()
        )
    if gedaan:
        return
    vandaag = today()
    _signalen(vandaag)
    _dossiers(vandaag)


def _terugdateren(model, waar: dict, **velden) -> None:
    """DEMO-ONLY BACKDATING — the one place where the demo moves records into the past.

    The records were made today through the services; here their own dates are set to when they would
    have happened, with an UPDATE that bypasses `auto_now` (and every rule: never call this outside the
    demo history). The audit log is not touched: its entries keep today's time, truthfully."""
    from zorgvuldig.core import tenancy

    with tenancy.systeem():
        model.objects.filter(**waar).update(**velden)


def _maand(vandaag: dt.date, terug: int) -> dt.date:
    from zorgvuldig.rapportages.policies import maanden_terug

    return maanden_terug(vandaag, terug)


def _moment(datum: dt.date, volgnummer: int) -> dt.datetime:
    """A working hour that day, Europe/Amsterdam."""
    return dt.datetime.combine(datum, dt.time(9 + volgnummer % 8, (volgnummer * 17) % 60), tzinfo=AMSTERDAM)


# --- verwijsindex ------------------------------------------------------------------------------------


def _signalen(vandaag: dt.date) -> None:
    from zorgvuldig.organisaties.models import Gebruiker
    from zorgvuldig.verwijsindex import services
    from zorgvuldig.verwijsindex.models import Signaal, Verantwoording

    bsns = iter(proef_bsns(99999100, sum(sum(n) for _e, n in SIGNALEN.values())))
    gemaakt: list[tuple[int, dict]] = []
    for org_nr, (email, per_maand) in enumerate(SIGNALEN.values()):
        actor = Actor.voor(Gebruiker.objects.select_related("organisatie__profiel").get(email=email))
        volgnummer = 0
        for terug, aantal in enumerate(per_maand, start=1):
            begin = _maand(vandaag, terug)
            for i in range(aantal):
                volgnummer += 1
                datum = begin + dt.timedelta(days=(i * 11 + org_nr * 3) % 27)
                geboren = dt.date(vandaag.year - 5 - (volgnummer * 5 + org_nr) % 13, 1 + volgnummer % 12, 10)
                if (
                    signaal := _signaleer(actor, next(bsns), datum, geboren, volgnummer, vandaag)
                ) is not None:
                    gemaakt.append(signaal)
    for pk, velden in gemaakt:
        _terugdateren(Signaal, {"pk": pk}, **velden)
        moment = velden["signaleringstijdstip"]
        _terugdateren(Verantwoording, {"signaal_id": pk}, aangemaakt=moment, gewijzigd=moment)
    # The hourly sweep, now: withdrawn and expired history signals leave every view for the minimal
    # archive at once (VI-17, VI-21), as they would have when they ended.
    services.archiveer(vandaag)


def _signaleer(actor, bsn: str, datum: dt.date, geboren: dt.date, nr: int, vandaag: dt.date):
    """One signal through the service, as its signaler gave it on `datum` (VI-02 … VI-09; every 9th is
    withdrawn later, VI-16). Returns its pk and the dates `_terugdateren` gives it, or None when the
    organisation had not joined or the professional was not mandated yet on that day (AC-01, AC-08)."""
    from zorgvuldig.personen.policies import leeftijd
    from zorgvuldig.verwijsindex import policies, selectors, services

    profiel = actor.organisatie.profiel

    def verwijderdatum(op: dt.date) -> dt.date:
        termijn, max_leeftijd = profiel.vi_term_months, profiel.vi_max_age
        return policies.verwijderdatum(op, geboren, termijn_maanden=termijn, max_leeftijd=max_leeftijd)

    herinnering_grens = vandaag + dt.timedelta(days=policies.HERINNERING_DAGEN)
    while vandaag < verwijderdatum(datum) <= herinnering_grens:
        # No VI-20 reminder e-mail on the first start: a little earlier, and it has expired by now.
        datum -= dt.timedelta(days=1)
    if not (
        selectors.is_ondertekenaar(actor.organisatie.pk, datum)
        and selectors.is_gemandateerd(actor.gebruiker, datum)
    ):
        return None
    met = sorted(policies.betrokkenen_voor_leeftijd(leeftijd(geboren, vandaag)))
    extra = [c["code"] for c in profiel.extra_criteria or []][:1]
    signaal = services.geef_signaal_af(
        actor=actor,
        velden={"bsn": bsn},
        verantwoording={
            "geboortedatum": geboren,
            "criteria": [CRITERIA[nr % len(CRITERIA)]],
            **({"extraCriteria": extra} if extra else {}),
            "vermoeden": "Zorgen die de professional zelf heeft waargenomen (demo).",
            "instemming": {"uitkomst": "gegeven", "met": met, "datum": datum},
            "informatieplicht": {"methode": "vi_folder", "datum": datum},
            "risicobespreking": {"met": met, "datum": datum},
        },
    )
    moment = _moment(datum, nr)
    velden = {
        "signaleringstijdstip": moment,
        "verwijderdatum": verwijderdatum(datum),
        "aangemaakt": moment,
        "gewijzigd": moment,
    }
    if nr % INGETROKKEN_ELKE == 0:
        services.trek_signaal_in(actor=actor, uuid=signaal.uuid)
        ingetrokken = min(datum + dt.timedelta(days=20 + nr % 30), vandaag - dt.timedelta(days=1))
        velden["ingetrokken_op"] = velden["gewijzigd"] = _moment(ingetrokken, nr)
    return signaal.pk, velden


# --- dossiers ------------------------------------------------------------------------------------------


def _dossiers(vandaag: dt.date) -> None:
    from django.db.models import F

    from zorgvuldig.dossiers import services as ds
    from zorgvuldig.dossiers.models import Dossier, Plan
    from zorgvuldig.organisaties.models import Gebruiker, Team
    from zorgvuldig.personen.models import Persoon
    from zorgvuldig.personen.services import registreer_persoon

    team = Team.objects.get(code=TEAM)
    daan = Actor.voor(Gebruiker.objects.get(email=MEDEWERKER))
    marieke = Actor.voor(Gebruiker.objects.get(email=LEIDINGGEVENDE))
    bsns = iter(proef_bsns(99999500, sum(n for rijen in DOSSIERS.values() for *_r, n in rijen)))
    gisteren = vandaag - dt.timedelta(days=1)
    nr = 0
    for terug, rijen in DOSSIERS.items():
        begin = _maand(vandaag, terug)
        for status, kader, aantal in rijen:
            for i in range(aantal):
                nr += 1
                geopend = begin + dt.timedelta(days=(i * 5 + nr) % 26)
                moment = _moment(geopend, nr)
                persoon = registreer_persoon(
                    actor=daan,
                    data={
                        "bsn": next(bsns),
                        "voornamen": VOORNAMEN[nr % len(VOORNAMEN)],
                        "geslachtsnaam": ACHTERNAMEN[(nr * 7) % len(ACHTERNAMEN)],
                        "geboortedatum": dt.date(vandaag.year - 6 - nr % 11, 1 + nr % 12, 1 + nr % 28),
                        "adres_woonplaats": "Krimpen aan den IJssel",
                    },
                )
                _terugdateren(Persoon, {"pk": persoon.pk}, aangemaakt=moment, gewijzigd=moment)
                d = ds.registreer_dossier(
                    actor=daan, soort="individueel", team=team, leden=[(str(persoon.uuid), "client")]
                )
                _terugdateren(Dossier, {"pk": d.pk}, geopend_op=geopend, aangemaakt=moment, gewijzigd=moment)
                einde = _levensloop(daan, marieke, d.uuid, persoon.uuid, geopend, status, kader, nr, gisteren)
                # The services date the plan's adoption and the closure's confirmation today; the end date,
                # and with it the retention row (RT-01), already came in through `sluit_af`.
                _terugdateren(
                    Plan,
                    {"dossier_id": d.pk, "vastgesteld_op__isnull": False},
                    vastgesteld_op=F("met_client_afgesproken_op"),
                )
                if einde is not None:
                    bevestigd = min(einde + dt.timedelta(days=3), vandaag)
                    _terugdateren(Dossier, {"pk": d.pk}, bevestigd_op=bevestigd)


def _levensloop(
    actor, leidinggevende, uuid, persoon_uuid, geopend, status, kader, nr, gisteren
) -> dt.date | None:
    """One dossier from registration to `status` through the dossier services (SPEC §5 States), with the
    dates it would have had: informed and agreed on opening, the plan agreed three weeks on, closed some
    months later. Pressure (drang) is recorded in the first week (DS-14). Returns the end date, if closed."""
    from zorgvuldig.dossiers import policies
    from zorgvuldig.dossiers import services as ds

    def na(dagen: int) -> dt.date:
        return min(geopend + dt.timedelta(days=dagen), gisteren)

    if kader != policies.VRIJWILLIG:
        ds.wijzig_kader(
            actor=actor,
            uuid=uuid,
            data={
                "kader": kader,
                "datum": na(5),
                "reden": "Zorgen over de veiligheid; vrijwillige hulp kwam niet op gang (demo).",
                "grondslag": "Jeugdwet art. 2.4 (drang, geen rechterlijke uitspraak)",
                "client_geinformeerd": True,
            },
        )
    if status == policies.GEREGISTREERD:
        return None
    ds.informeer(
        actor=actor, uuid=uuid, mondeling_op=geopend, schriftelijk_op=geopend, onderwerpen=list("abcdefg")
    )
    ds.registreer_instemming(actor=actor, uuid=uuid, persoon_uuid=persoon_uuid, gegeven=True, datum=geopend)
    ds.start(actor=actor, uuid=uuid)
    if status in (policies.PLAN_VASTGESTELD, policies.MONITORING, policies.PLAN_HERZIEN) or (
        status == policies.GESLOTEN and nr % 3
    ):
        plan = ds.registreer_plan(actor=actor, uuid=uuid, data={"doelen": ["Weer grip op de dag (demo)"]})
        ds.stel_plan_vast(actor=actor, uuid=uuid, plan_uuid=plan.uuid, met_client_afgesproken_op=na(21))
        if status != policies.PLAN_VASTGESTELD:
            ds.monitor(actor=actor, uuid=uuid)
        if status == policies.PLAN_HERZIEN:
            ds.herzie(actor=actor, uuid=uuid)
    if status != policies.GESLOTEN:
        return None
    klaar = nr % 3 != 0  # a third stopped early, on the client's own wish (DS-15)
    einde = na(60 + nr % 40 if klaar else 10 + nr % 10)
    ds.sluit_af(
        actor=actor,
        uuid=uuid,
        data={
            "einddatum": einde,
            "client_oordeel": "Tevreden over de hulp." if klaar else "Wil het zelf verder proberen.",
            "resultaten": "De doelen van het plan zijn gehaald." if klaar else "Vraag verhelderd.",
            "reden": "afgerond" if klaar else "client_stopt",
        },
    )
    ds.bevestig_afsluiting(actor=leidinggevende, uuid=uuid)
    return einde
