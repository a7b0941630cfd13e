"""The user's tasks, derived from the data at read time (RT-12; API §2.1 `/taken`, the UI overview).

Each kind reads its cause through its own module's selector, so a task shows up only for who may act on
it: the break-glass reviews of the own organisation for the *leidinggevende* (not one's own, AC-11), the
SH-14 postponements of the own organisation, one's own VI matches and signals (VI-14, VI-20), the
organisation's API keys and accounts for the beheerder, one's own rights requests as handler (RI-05,
RI-08, RI-10), the advice recorded in one's name (SH-11) and the controller's open breaches for the FG
(RG-03). A task shows what the overview always showed: a kind, a due date, a colleague's or an
organisation's name — never a client's name or BSN — and the reference of the record it is about.
Reading it is therefore not audited (as the overview).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.urls import reverse

from zorgvuldig.core.clock import AMSTERDAM, now, today
from zorgvuldig.werkvoorraad import policies
from zorgvuldig.werkvoorraad.models import Afronding

TOKEN_WAARSCHUWING = dt.timedelta(days=30)


@dataclass
class Taak:
    uuid: Any
    soort: str
    titel: str
    url: str  # the UI page where it is done
    vervaldatum: dt.date | None = None
    # the due moment where the term runs in hours (RG-03: discovery + 72 h), Europe/Amsterdam; else None
    uiterlijk_op: dt.datetime | None = None
    te_laat: bool = False
    wie: str = ""
    object_pad: str = ""  # the API path of the record it is about ("signalen/<uuid>"), if any
    bron: Any = field(default=None, repr=False)  # that record (for the audit entry of a dismissal)
    afgerond_op: dt.datetime | None = None
    cyclus: str = ""  # what makes one record raise this kind again (see _cyclus)

    @property
    def regel(self) -> str:
        return policies.SOORTEN[self.soort].regel

    @property
    def afrondbaar(self) -> bool:
        return policies.afrondbaar(self.soort)

    @property
    def status(self) -> str:
        return policies.status(te_laat=self.te_laat, afgerond=self.afgerond_op is not None)


def taken_voor(
    actor, vandaag: dt.date | None = None, *, nu: dt.datetime | None = None, met_afgerond: bool = False
) -> list[Taak]:
    """The actor's own tasks, by due date (tasks without one last). Dismissed reminders only with
    `met_afgerond`."""
    if actor.is_systeem or actor.gebruiker is None:
        return []
    vandaag = vandaag or today()
    nu = nu or now()
    taken: list[Taak] = []
    for bron in (_noodtoegang, _uitstel, _advies, _verwijsindex, _beheer, _verzoeken, _datalekken):
        taken += bron(actor, vandaag, nu)
    if actor.namens.get("apiToken"):
        taken = [t for t in taken if t.soort in policies.PARTNER_SOORTEN]
    gebruiker = actor.gebruiker.uuid
    for t in taken:
        t.uuid = policies.taak_uuid(t.soort, t.uuid, gebruiker, _cyclus(t))
    afgerond = dict(
        Afronding.objects.filter(gebruiker=actor.gebruiker, taak__in=[t.uuid for t in taken]).values_list(
            "taak", "afgerond_op"
        )
    )
    for t in taken:
        t.afgerond_op = afgerond.get(t.uuid)
    if not met_afgerond:
        taken = [t for t in taken if t.afgerond_op is None]
    taken.sort(key=lambda t: (t.vervaldatum is None, t.vervaldatum or vandaag, t.soort, str(t.uuid)))
    return taken


def taak_van(actor, uuid) -> Taak | None:
    """One of the actor's own tasks; another user's, a resolved or an unknown one is None (404)."""
    return next((t for t in taken_voor(actor, met_afgerond=True) if str(t.uuid) == str(uuid)), None)


def _cyclus(t: Taak) -> str:
    """The due date for kinds one record raises again (a new removal date, review date, key date)."""
    if t.soort in {"vi_signaal_verloopt", "uitstel_herbeoordelen", "api_sleutel_verloopt"}:
        return t.vervaldatum.isoformat() if t.vervaldatum else ""
    return t.cyclus


# --- per kind: `uuid` holds the cause's uuid until taken_voor names the task ----------------------------


def _noodtoegang(actor, vandaag, nu) -> list[Taak]:
    """AC-11: one's own break-glass is reviewed by another leidinggevende."""
    from zorgvuldig.toegang.services import open_noodtoegangen

    if "leidinggevende" not in actor.rollen:
        return []
    return [
        Taak(
            uuid=n.toegang.uuid,
            soort="noodtoegang_beoordelen",
            titel="Noodtoegang beoordelen",
            wie=n.toegang.ontvanger_gebruiker.naam if n.toegang.ontvanger_gebruiker else "",
            vervaldatum=n.beoordelen_voor,
            te_laat=policies.te_laat(n.beoordelen_voor, vandaag),
            url=reverse("ui:noodtoegang_beoordelen", args=[n.toegang.uuid]),
            object_pad=f"toegangen/{n.toegang.uuid}",
            bron=n.toegang,
        )
        for n in open_noodtoegangen(actor).exclude(toegang__ontvanger_gebruiker=actor.gebruiker)
    ]


def _uitstel(actor, vandaag, nu) -> list[Taak]:
    """SH-14: a postponed informing awaits approval, or its review is due (the recipient organisation
    only: the task shows nobody's data)."""
    from zorgvuldig.verstrekkingen.policies import INFORMEREN_UITGESTELD
    from zorgvuldig.verstrekkingen.selectors import wacht_op_goedkeuring

    taken = []
    for rij in wacht_op_goedkeuring(actor):
        herbeoordelen = rij.status == INFORMEREN_UITGESTELD
        # a review on its date; an approval 1 working day after the execution
        datum = rij.reviewdatum if herbeoordelen else policies.uitstel_goedkeuren_uiterlijk(rij.uitgevoerd_op)
        taken.append(
            Taak(
                uuid=rij.uuid,
                soort="uitstel_herbeoordelen" if herbeoordelen else "uitstel_goedkeuren",
                titel="Uitstel van informeren " + ("herbeoordelen" if herbeoordelen else "goedkeuren"),
                wie=rij.ontvanger_organisatie.naam if rij.ontvanger_organisatie else "",
                vervaldatum=datum,
                te_laat=policies.te_laat(datum, vandaag),
                url=reverse("ui:deelbesluit_uitstellen", args=[rij.uuid]),
                object_pad=f"deelbesluiten/{rij.uuid}",
                bron=rij,
            )
        )
    return taken


def _advies(actor, vandaag, nu) -> list[Taak]:
    """SH-11: a colleague recorded advice in the actor's name: the actor confirms or corrects it. The task
    names the colleague, not the client or the advice."""
    from zorgvuldig.verstrekkingen.selectors import adviezen_te_bevestigen

    return [
        Taak(
            uuid=rij.uuid,
            soort="advies_bevestigen",
            titel="Advies op uw naam vastgelegd: bevestigen of corrigeren",
            wie=rij.aangemaakt_door.naam,
            url=reverse("ui:deelbesluit_advies", args=[rij.uuid]),
            object_pad=f"deelbesluiten/{rij.uuid}",
            bron=rij,
            # a consultation recorded anew (urgent path) is another piece of advice
            cyclus=rij.consultatie_op.isoformat() if rij.consultatie_op else "",
        )
        for rij in adviezen_te_bevestigen(actor)
    ]


def _verwijsindex(actor, vandaag, nu) -> list[Taak]:
    """VI-14: a match whose youth is not informed 10 working days after it arose; VI-20: an own active
    signal from 14 days before its removal date."""
    from zorgvuldig.verwijsindex import policies as vi
    from zorgvuldig.verwijsindex import selectors as vis

    taken = []
    for m in vis.matches_zichtbaar_voor(actor, vandaag):
        match_datum = today(m.aangemaakt)
        if vi.informeren_taak(
            match_datum=match_datum, vandaag=vandaag, geinformeerd=m.informeren_datum is not None
        ):
            uiterlijk = vi.informeren_uiterlijk(match_datum)
            taken.append(
                Taak(
                    uuid=m.uuid,
                    soort="vi_jongere_informeren",
                    titel="Jongere informeren over een match in de verwijsindex",
                    vervaldatum=uiterlijk,
                    te_laat=policies.te_laat(uiterlijk, vandaag),
                    url=reverse("ui:vi_match", args=[m.uuid]),
                    object_pad=f"matches/{m.uuid}",
                    bron=m,
                )
            )
    if actor.heeft("signaal:registreren"):
        grens = vandaag + dt.timedelta(days=vi.HERINNERING_DAGEN)
        eigen = vis.signalen_zichtbaar_voor(actor, vandaag).filter(
            signaleerder=actor.gebruiker, status=vi.ACTIEF, verwijderdatum__lte=grens
        )
        for s in eigen.order_by("verwijderdatum", "pk"):
            if s.verwijderdatum and vi.herinnering_verschuldigd(s.verwijderdatum, vandaag):
                taken.append(
                    Taak(
                        uuid=s.uuid,
                        soort="vi_signaal_verloopt",
                        titel="Signaal in de verwijsindex verloopt: verlengen of laten vervallen",
                        vervaldatum=s.verwijderdatum,
                        url=reverse("ui:vi_signaal", args=[s.uuid]),
                        object_pad=f"signalen/{s.uuid}",
                        bron=s,
                    )
                )
    return taken


def _beheer(actor, vandaag, nu) -> list[Taak]:
    """AC-13: API keys that expire within 30 days; accounts of the own organisation not yet activated."""
    from zorgvuldig.organisaties.models import ApiToken, Gebruiker
    from zorgvuldig.organisaties.selectors import geactiveerd_annotatie

    taken = []
    if actor.heeft("token:beheren"):
        sleutels = ApiToken.objects.filter(
            ingetrokken_op__isnull=True, geldig_tot__lte=vandaag + TOKEN_WAARSCHUWING
        ).select_related("organisatie")
        for t in sleutels.order_by("geldig_tot", "pk"):
            taken.append(
                Taak(
                    uuid=t.uuid,
                    soort="api_sleutel_verloopt",
                    titel=f"API-sleutel '{t.naam}' ({t.organisatie.naam}) verloopt",
                    vervaldatum=t.geldig_tot,
                    te_laat=policies.te_laat(t.geldig_tot, vandaag),
                    url=reverse("ui:tokens"),
                    object_pad=f"api-tokens/{t.uuid}",
                    bron=t,
                )
            )
    if actor.heeft("gebruiker:beheren"):
        accounts = Gebruiker.objects.filter(organisatie=actor.organisatie, is_active=True)
        niet_actief = accounts.annotate(geactiveerd=geactiveerd_annotatie()).filter(geactiveerd=False).count()
        if niet_actief:
            taken.append(
                Taak(
                    uuid=actor.organisatie.uuid,
                    soort="gebruikers_activeren",
                    titel=f"{niet_actief} gebruiker(s) nog niet geactiveerd",
                    url=reverse("ui:gebruikers"),
                    object_pad=f"organisaties/{actor.organisatie.uuid}",
                    bron=actor.organisatie,
                    # a new account raises a dismissed reminder again; an activation does not
                    cyclus=str(accounts.order_by("-pk").values_list("pk", flat=True).first()),
                )
            )
    return taken


def _verzoeken(actor, vandaag, nu) -> list[Taak]:
    """RI-05/RI-15: the handler decides within the (extended) term; RI-08/RI-10: then executes."""
    from zorgvuldig.rechten import policies as ri
    from zorgvuldig.rechten.selectors import termijnen, verzoeken_zichtbaar_voor

    if not actor.heeft("verzoek:registreren"):
        return []
    taken = []
    rijen = verzoeken_zichtbaar_voor(actor).filter(
        behandelaar=actor.gebruiker, status__in=(*ri.OPEN, *ri.UITKOMSTEN)
    )
    for v in rijen.order_by("ontvangen_op", "pk"):
        t = termijnen(v, vandaag)
        soort = ri_soort(v.soort)
        if v.status in ri.OPEN:
            taak, datum, stand = "verzoek_besluiten", t["besluittermijn"], t["besluittermijnStand"]
            titel = f"Besluiten op verzoek ({soort})"
        elif t["uitvoeringstermijn"] is not None and t["uitvoeringstermijnStand"] != "klaar":
            taak, datum, stand = "verzoek_uitvoeren", t["uitvoeringstermijn"], t["uitvoeringstermijnStand"]
            titel = f"Besluit op verzoek uitvoeren ({soort})"
        else:
            continue
        taken.append(
            Taak(
                uuid=v.uuid,
                soort=taak,
                titel=titel,
                vervaldatum=datum,
                te_laat=stand == "verlopen",
                url=reverse("ui:verzoek", args=[v.uuid]),
                object_pad=f"verzoeken/{v.uuid}",
                bron=v,
            )
        )
    return taken


def ri_soort(soort: str) -> str:
    return soort.replace("_", " ")


def _datalekken(actor, vandaag, nu) -> list[Taak]:
    """RG-03: the FG decides on notifying the AP within 72 hours of discovery; late once the clock ran
    out (hours, not days: the due date is the deadline's day in Europe/Amsterdam, `uiterlijk_op` the
    deadline itself, shown with its time)."""
    from zorgvuldig.datalekken import policies as rg
    from zorgvuldig.datalekken import selectors as rgs

    if not rgs.is_fg(actor):
        return []
    taken = []
    for d in rgs.zichtbaar(actor).filter(status__in=rg.OPEN).order_by("ontdekt_op", "pk"):
        klok = rg.klok(d.ontdekt_op, d.status, nu, uren=settings.BREACH_NOTIFY_HOURS)
        deadline = klok.deadline.astimezone(AMSTERDAM)
        taken.append(
            Taak(
                uuid=d.uuid,
                soort="datalek_besluiten",
                titel="Datalek: besluiten over melden aan de Autoriteit Persoonsgegevens",
                vervaldatum=deadline.date(),
                uiterlijk_op=deadline,
                te_laat=klok.stand == rg.VERLOPEN,
                url=reverse("ui:datalek", args=[d.uuid]),
                object_pad=f"datalekken/{d.uuid}",
                bron=d,
            )
        )
    return taken
