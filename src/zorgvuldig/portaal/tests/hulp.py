"""Test helpers for "Mijn gegevens": log in through the DigiD mock, fictional persons with a BSN."""

from __future__ import annotations

import base64
import datetime as dt
import re
import zlib
from urllib.parse import urlparse

from zorgvuldig.conftest import BSN_ANDER, BSN_SAM
from zorgvuldig.personen.services import registreer_persoon, registreer_relatie

BSN_LOS = "999990020"  # nobody in the region has this BSN
BSN_NOOR = "999990081"  # Noor, 10
BSN_DAAN = "999990093"  # Daan, 17


def inloggen(client, bsn: str):
    """The whole DigiD mock flow with the Django test client: start → digid:login → mock IdP → BSN page
    (POST) → our ACS → the overview. Returns the final response and every URL visited."""
    bezocht = []
    r = client.get("/mijn")
    assert r.status_code == 200
    assert 'href="/mijn/digid/login/"' in r.content.decode()
    r = client.get("/mijn/digid/login/")
    assert r.status_code == 302
    bezocht.append(r["Location"])
    r = client.get(r["Location"])  # the mock IdP's choice page
    assert r.status_code == 200
    bsn_pagina = re.search(r"href=['\"](/mijn/digid-mock/inloggen_bsn/\?[^'\"]+)['\"]", r.content.decode())
    assert bsn_pagina, r.content.decode()
    url = bsn_pagina.group(1).replace("&amp;", "&")
    bezocht.append(url)
    r = client.get(url)
    assert r.status_code == 200
    r = client.post(url, {"auth_bsn": bsn})
    assert r.status_code == 302, r.content.decode()[:2000]
    bezocht.append(r["Location"])
    r = client.get(_pad(r["Location"]))  # our ACS
    assert r.status_code == 302
    bezocht.append(r["Location"])
    r = client.get(_pad(r["Location"]))
    return r, bezocht


def _pad(url: str) -> str:
    deel = urlparse(url)
    return deel.path + (f"?{deel.query}" if deel.query else "")


def sam_en_moeder(regio):
    """Sam (14, BSN_SAM) and his mother Ingrid (BSN_ANDER) with authority, both registered by the wijkteam."""
    actor = regio.actor(regio.medewerker)
    sam = registreer_persoon(
        actor=actor,
        data={
            "bsn": BSN_SAM,
            "voornamen": "Sam",
            "geslachtsnaam": "Jansen",
            "geboortedatum": _jaren_geleden(14),
        },
    )
    moeder = registreer_persoon(
        actor=actor,
        data={
            "bsn": BSN_ANDER,
            "voornamen": "Ingrid",
            "geslachtsnaam": "Jansen",
            "geboortedatum": dt.date(1982, 3, 14),
        },
    )
    registreer_relatie(
        actor=actor, persoon_uuid=sam.uuid, ander_uuid=moeder.uuid, data={"soort": "ouder_met_gezag"}
    )
    return sam, moeder


def kind_van(regio, moeder, *, bsn: str, voornaam: str, jaren: int):
    """A child of `moeder`, `jaren` old, registered by the wijkteam with her authority (PE-04)."""
    actor = regio.actor(regio.medewerker)
    kind = registreer_persoon(
        actor=actor,
        data={
            "bsn": bsn,
            "voornamen": voornaam,
            "geslachtsnaam": "Jansen",
            "geboortedatum": _jaren_geleden(jaren),
        },
    )
    registreer_relatie(
        actor=actor, persoon_uuid=kind.uuid, ander_uuid=moeder.uuid, data={"soort": "ouder_met_gezag"}
    )
    return kind


def bekwaam(regio, persoon, uitkomst: bool = True):
    """PE-06: the professional assessed the youth of 12–15 (in)competent, today."""
    from zorgvuldig.core.clock import today
    from zorgvuldig.personen.services import registreer_beoordeling

    return registreer_beoordeling(
        actor=regio.actor(regio.medewerker),
        persoon_uuid=persoon.uuid,
        soort="bekwaamheid_12_15",
        uitkomst=uitkomst,
        datum=today(),
        redenen="Gesprek gevoerd; overziet zijn belangen redelijk.",
    )


def _jaren_geleden(jaren: int) -> dt.date:
    return dt.date.today() - dt.timedelta(days=int(365.25 * jaren) + 30)


def pdf_tekst(inhoud: bytes) -> str:
    """The text strings of a ReportLab PDF (its page streams are ASCII85 over zlib)."""
    delen = []
    for stroom in re.findall(rb"stream\r?\n(.*?)~>\s*endstream", inhoud, re.S):
        try:
            ruw = base64.a85decode(stroom.strip())
            delen.append(zlib.decompress(ruw).decode("latin-1"))
        except (ValueError, zlib.error):
            continue
    return " ".join(re.findall(r"\((.*?)(?<!\\)\)", " ".join(delen)))
