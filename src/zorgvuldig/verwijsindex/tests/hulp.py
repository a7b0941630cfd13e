"""Test helpers: a verwijsindex on top of the shared region — a profile with meldrecht, an active
convenant with the wijkteam and the school acceded — and helpers to signal as a given user."""

from __future__ import annotations

import datetime as dt

from zorgvuldig.conftest import BSN_SAM
from zorgvuldig.convenanten.models import Convenant, Toetreding
from zorgvuldig.convenanten.policies import ONDERDEEL_SLEUTELS
from zorgvuldig.organisaties.models import Profiel


def sam_geboren() -> dt.date:
    """Sam is 14 or 15 whenever the tests run: youth and representative agree (VI-08, 12–15)."""
    return dt.date(dt.date.today().year - 15, 9, 20)


def verantwoording(**over):
    """A complete justification for Sam (15): agreement given by youth and parent (VI-05 … VI-08)."""
    vandaag = dt.date.today()
    v = {
        "geboortedatum": sam_geboren(),
        "criteria": ["e", "k"],
        "vermoeden": "Structureel verzuim; zorgen over de thuissituatie.",
        "instemming": {"uitkomst": "gegeven", "met": ["jongere", "vertegenwoordiger"], "datum": vandaag},
        "informatieplicht": {"methode": "vi_folder", "datum": vandaag},
        "risicobespreking": {"met": ["jongere", "vertegenwoordiger"], "datum": vandaag},
    }
    v.update(over)
    return v


def json_verantwoording(**over) -> dict:
    """The same, as an API body (dates as strings)."""

    def tekst(w):
        if isinstance(w, dt.date):
            return w.isoformat()
        if isinstance(w, dict):
            return {k: tekst(x) for k, x in w.items()}
        return w

    return tekst(verantwoording(**over))


class VI:
    def __init__(self, regio):
        self.regio = regio
        self.profiel = Profiel.objects.create(
            code="vi-standaard", naam="VI standaard", meldrecht_bepaling="Jeugdwet art. 7.1.4.1"
        )
        for org in (regio.wijkteam, regio.school):
            org.profiel = self.profiel
            org.save()
        self.convenant = Convenant.objects.create(
            code="vi-krimpen",
            naam="Convenant VI Krimpen",
            status="actief",
            **{veld: "Ingevuld." for veld in _velden()},
        )
        self.toetreding_wijkteam = Toetreding.objects.create(
            convenant=self.convenant, organisatie=regio.wijkteam, datum=dt.date(2026, 1, 1)
        )
        self.toetreding_school = Toetreding.objects.create(
            convenant=self.convenant, organisatie=regio.school, datum=dt.date(2026, 1, 1)
        )

    def signaleer(self, gebruiker, bsn=BSN_SAM, **over):
        """Draft and activate a signal through the services, as `gebruiker`."""
        from zorgvuldig.verwijsindex import services

        actor = self.regio.actor(gebruiker)
        signaal = services.registreer_signaal(actor=actor, velden={"bsn": bsn})
        return services.activeer_signaal(
            actor=actor, uuid=signaal.uuid, verantwoording=verantwoording(**over)
        )


def _velden():
    from zorgvuldig.convenanten.models import INHOUD_VELDEN

    return [INHOUD_VELDEN[k] for k in ONDERDEEL_SLEUTELS]


BSN_DRIE = "999990020"  # further valid-looking test BSNs (11-proef), fictional
BSN_VIER = "999990032"
BSN_VIJF = "999990044"


class Scenario:
    """Every verwijsindex object an endpoint needs, for the API-wide access-matrix and audit tests:
    signals of the wijkteam and the school, a match with the wijkteam in it and one without, a match with
    contact made, a draft, a signal in its extension window, and a signal offered after an accession ended."""

    def __init__(self, regio):
        from zorgvuldig.conftest import BSN_ANDER, als_systeem, maak_gebruiker
        from zorgvuldig.organisaties.models import Organisatie
        from zorgvuldig.verwijsindex import services
        from zorgvuldig.verwijsindex.models import Match, Signaal

        vi = VI(regio)
        self.vi = vi
        self.eigen = vi.signaleer(regio.medewerker)  # wijkteam, on Sam
        self.ander = vi.signaleer(regio.leraar)  # school, on Sam → match with the wijkteam
        als_systeem()
        self.match = Signaal.objects.get(pk=self.eigen.pk).match
        # a third organisation and a match between it and the school only
        self.derde_org = Organisatie.objects.create(
            verwerkingsverantwoordelijke=regio.school_vv,
            code="jeugdhulp",
            naam="Jeugdhulp Rijnmond",
            type="jeugdhulp",
            profiel=vi.profiel,
        )
        self.toetreding_derde = Toetreding.objects.create(
            convenant=vi.convenant, organisatie=self.derde_org, datum=dt.date(2026, 1, 1)
        )
        self.derde = maak_gebruiker(
            self.derde_org,
            "j.kok@jeugdhulp.example.org",
            ["medewerker"],
            naam="Joost Kok",
            mandaten=["vi_signaleren"],
        )
        self.derde_lg = maak_gebruiker(
            self.derde_org, "lg@jeugdhulp.example.org", ["leidinggevende"], naam="Lia"
        )
        vi.signaleer(regio.leraar, bsn=BSN_ANDER)
        vi.signaleer(self.derde, bsn=BSN_ANDER)
        als_systeem()
        self.andere_match = Match.objects.exclude(pk=self.match.pk).get()
        # a match with contact made (for _aanwijzen and _informeren)
        s = vi.signaleer(regio.medewerker, bsn=BSN_DRIE)
        vi.signaleer(regio.leraar, bsn=BSN_DRIE)
        als_systeem()
        self.match_contact = Signaal.objects.get(pk=s.pk).match
        Match.objects.filter(pk=self.match_contact.pk).update(
            status="contact_gelegd", afstemming_datum=dt.date.today(), afstemming_door=regio.medewerker
        )
        # a draft and a signal in its extension window, both the wijkteam's
        self.concept = services.registreer_signaal(
            actor=regio.actor(regio.medewerker), velden={"bsn": BSN_VIER}
        )
        verleng = vi.signaleer(regio.medewerker, bsn=BSN_VIJF)
        Signaal.objects.filter(pk=verleng.pk).update(verwijderdatum=dt.date.today() + dt.timedelta(days=10))
        self.verlengbaar = verleng
        self.collega_school = maak_gebruiker(
            regio.school,
            "k.smit@hetbaken.example.org",
            ["medewerker"],
            naam="Karin Smit",
            mandaten=["vi_signaleren"],
        )
        # the third organisation leaves; its signal on Sam's brother is offered to the wijkteam worker
        vertrekkend = vi.signaleer(self.derde, bsn=BSN_VIER)
        self.toetreding_derde.tot = dt.date.today() - dt.timedelta(days=1)
        self.toetreding_derde.save()
        services.draag_over(
            actor=regio.actor(self.derde_lg),
            uuid=vertrekkend.uuid,
            naar=regio.medewerker,
            reden="Zorg overgenomen",
        )
        self.aangeboden = vertrekkend


def deelnemer_van(match, gebruiker) -> str:
    from zorgvuldig.verwijsindex.models import Signaal

    return str(Signaal.objects.get(match=match, signaleerder=gebruiker).deelnemer_uuid)
