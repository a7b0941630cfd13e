"""AU-05, AU-07, RI-17: a search of the log by BSN (API `_zoek`, UI /logboek) finds the verwijsindex's
entries about that youth too — they are written on a BSN-keyed subject (`vi:<blind index>`), not on a
person record — each FG only her own controller's, under every blind-index key version."""

from __future__ import annotations

import datetime as dt
import html
import json
from pathlib import Path

import pytest

from zorgvuldig.audit import services
from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.conftest import BSN_ANDER, BSN_SAM, als_systeem, maak_gebruiker
from zorgvuldig.core import crypto
from zorgvuldig.personen.services import registreer_persoon
from zorgvuldig.verwijsindex.services import betrokkenen_voor_bsn
from zorgvuldig.verwijsindex.tests.hulp import VI, sam_geboren

pytestmark = pytest.mark.django_db

ZOEK = "/api/v1/auditregels/_zoek"
VI_ACTIES = {"signaal.geregistreerd", "signaal.geactiveerd"}


def vi_pseudoniemen(bsn: str = BSN_SAM) -> set[str]:
    return {services.pseudoniem(k) for k in betrokkenen_voor_bsn(bsn) if _bestaat(k)}


def _bestaat(sleutel: str) -> bool:
    from zorgvuldig.audit.models import Pseudoniem

    return Pseudoniem.objects.filter(sleutel=sleutel).exists()


def fg_het_baken(regio):
    return maak_gebruiker(regio.school, "fg@hetbaken.example.org", ["fg"], naam="Fenna Gerritsen")


def zoek(api, gebruiker, **body) -> list[dict]:
    r = api(gebruiker).post(ZOEK, body, format="json")
    assert r.status_code == 200, r.content
    assert r.json()["count"] == len(r.json()["results"])
    return r.json()["results"]


def test_au_05_a_bsn_search_finds_the_verwijsindex_entries_of_the_own_controller(regio, api):
    """AU-05/AU-07: Sam has no person record; the FG of Krimpen still finds the signal her worker gave
    (registered, activated) by BSN, on the youth's index pseudonym — and not Het Baken's signal."""
    vi = VI(regio)
    vi.signaleer(regio.medewerker)
    vi.signaleer(regio.leraar)  # a match: Het Baken's entries are about Sam too
    results = zoek(api, regio.fg, bsn=BSN_SAM)
    acties = {x["actie"] for x in results}
    assert acties >= VI_ACTIES, acties
    assert {x["betrokkene"] for x in results} <= vi_pseudoniemen()
    gemeente = str(regio.gemeente.uuid)
    vv = {AuditRegel.objects.get(uuid=x["uuid"]).verwerkingsverantwoordelijke for x in results}
    assert vv == {gemeente}
    assert str(regio.leraar.uuid) not in {x["actor"]["gebruiker"] for x in results}
    # AU-05: the search is audited, about the youth it found; the BSN is nowhere in the log
    doorzocht = AuditRegel.objects.get(actie="audit.doorzocht")
    assert doorzocht.betrokkene in vi_pseudoniemen()
    alles = json.dumps(list(AuditRegel.objects.values()), default=str)
    assert BSN_SAM not in alles


def test_au_05_the_other_controllers_fg_finds_only_her_own_entries(regio, api):
    """AU-05 (review): Jan of Het Baken signalled Sam; Het Baken's FG finds his entries by BSN (before:
    none), and none of Krimpen's."""
    vi = VI(regio)
    vi.signaleer(regio.medewerker)
    vi.signaleer(regio.leraar)
    results = zoek(api, fg_het_baken(regio), bsn=BSN_SAM)
    assert {x["actie"] for x in results} >= VI_ACTIES
    school = str(regio.school_vv.uuid)
    vv = {AuditRegel.objects.get(uuid=x["uuid"]).verwerkingsverantwoordelijke for x in results}
    assert vv == {school}
    assert str(regio.medewerker.uuid) not in {x["actor"]["gebruiker"] for x in results}


def test_au_05_a_search_does_not_tell_that_the_bsn_is_in_anothers_index_entries(regio, api):
    """AU-05: only Krimpen signalled this youth. Het Baken's FG gets nothing, and her search's own entry
    names no subject, so it does not reveal that the BSN is in the index elsewhere."""
    VI(regio).signaleer(regio.medewerker, bsn=BSN_ANDER)
    assert zoek(api, fg_het_baken(regio), bsn=BSN_ANDER) == []
    doorzocht = AuditRegel.objects.get(actie="audit.doorzocht")
    assert doorzocht.betrokkene == ""


def test_au_05_index_entries_under_every_blind_index_version_are_found(regio, api, settings, tmp_path):
    """AU-05/AU-07: signals keep the blind index of the key version they were made under; after a
    rotation the search covers the old and the new version."""
    crypto.blind_index_version()  # the shared key file exists (made on first use in dev/test)
    eigen = tmp_path / "blind-index.json"  # own key file: the test workers share one
    eigen.write_text(Path(settings.BLIND_INDEX_KEY_FILE).read_text())
    eigen.chmod(0o600)
    settings.BLIND_INDEX_KEY_FILE = str(eigen)
    crypto.clear_caches()
    try:
        vi = VI(regio)
        oud = vi.signaleer(regio.medewerker)
        crypto.add_blind_index_version()
        nieuw = vi.signaleer(regio.leraar)  # made under the new version
        assert oud.bsn_index.split(":")[0] != nieuw.bsn_index.split(":")[0]
        objecten = {x["object"]["uuid"] for x in zoek(api, regio.fg, bsn=BSN_SAM) if x["object"]}
        assert str(oud.uuid) in objecten and str(nieuw.uuid) not in objecten
        objecten = {x["object"]["uuid"] for x in zoek(api, fg_het_baken(regio), bsn=BSN_SAM) if x["object"]}
        assert str(nieuw.uuid) in objecten and str(oud.uuid) not in objecten
    finally:
        crypto.clear_caches()


def test_au_05_a_person_without_index_entries_is_found_as_before(regio, api):
    """AU-05: a person with a BSN but no signal: the person's entries, and the search is about that
    person only (no index subject made up for it, AU-07)."""
    from zorgvuldig.audit.models import Pseudoniem

    sam = registreer_persoon(
        actor=regio.actor(regio.medewerker), data={"geslachtsnaam": "Jansen", "bsn": BSN_SAM}
    )
    results = zoek(api, regio.fg, bsn=BSN_SAM)
    pseudo = services.pseudoniem(services.subject_key(sam))
    assert {x["betrokkene"] for x in results} == {pseudo}
    assert "persoon.geregistreerd" in {x["actie"] for x in results}
    assert AuditRegel.objects.get(actie="audit.doorzocht").betrokkene == pseudo
    assert not Pseudoniem.objects.filter(sleutel__startswith="vi:").exists()


def test_au_05_person_and_index_entries_by_bsn_and_by_name_and_birth_date_in_the_ui(regio, ui):
    """AU-05 (UI /logboek): Sam has a person record with BSN and a signal. A BSN search and a search by
    surname and birth date both list the person's and the index's entries; the BSN stays out of URLs."""
    vi = VI(regio)
    registreer_persoon(
        actor=regio.actor(regio.medewerker),
        data={"geslachtsnaam": "Visser", "bsn": BSN_SAM, "geboortedatum": sam_geboren()},
    )
    vi.signaleer(regio.medewerker)
    fg = ui(regio.fg)
    for data in ({"bsn": BSN_SAM}, {"geslachtsnaam": "Visser", "geboortedatum": sam_geboren().isoformat()}):
        r = fg.post("/logboek", data)
        assert r.status_code == 200
        pagina = html.unescape(r.content.decode())
        assert "Persoon geregistreerd" in pagina or "persoon" in pagina.lower()
        assert "Signaal afgegeven in de verwijsindex" in pagina, data
        assert BSN_SAM not in r.get("Location", "")
    doorzocht = AuditRegel.objects.filter(actie="audit.doorzocht")
    assert doorzocht.count() == 4  # each search: once about the person, once about the youth in the index


def test_au_07_once_the_mappings_are_gone_a_bsn_search_finds_nothing_old(regio, api):
    """AU-07: the person destroyed and the index purged (both mapping rows deleted): the old entries are
    no longer found by BSN, and nothing in them identifies Sam."""
    vi = VI(regio)
    sam = registreer_persoon(
        actor=regio.actor(regio.medewerker), data={"geslachtsnaam": "Jansen", "bsn": BSN_SAM}
    )
    vi.signaleer(regio.medewerker)
    oud = {str(u) for u in AuditRegel.objects.values_list("uuid", flat=True)}
    assert {x["uuid"] for x in zoek(api, regio.fg, bsn=BSN_SAM)} & oud
    als_systeem()
    services.vergeet(services.subject_key(sam))
    for sleutel in betrokkenen_voor_bsn(BSN_SAM):
        services.vergeet(sleutel)
    assert not {x["uuid"] for x in zoek(api, regio.fg, bsn=BSN_SAM)} & oud
    alles = json.dumps(list(AuditRegel.objects.values()), default=str)
    assert BSN_SAM not in alles and str(sam.uuid) not in json.dumps(
        list(AuditRegel.objects.exclude(object_uuid=str(sam.uuid)).values("betrokkene"))
    )


def _sam_gesignaleerd_door_beide(regio):
    """Sam on record at the wijkteam, signalled by Krimpen and by Het Baken (a match)."""
    vi = VI(regio)
    sam = registreer_persoon(
        actor=regio.actor(regio.medewerker), data={"geslachtsnaam": "Jansen", "bsn": BSN_SAM}
    )
    vi.signaleer(regio.medewerker)
    vi.signaleer(regio.leraar)
    als_systeem()
    return sam


def test_ri_17_who_saw_my_data_lists_the_own_index_entries(regio):
    """RI-17 (AU-05): Krimpen's inzage answer for Sam lists what Krimpen did in the index about him
    (one shared look-up with the audit search); a VI request lists the whole index, Het Baken too."""
    from zorgvuldig.audit.acties import actie_voor_client
    from zorgvuldig.audit.selectors import onderwerp
    from zorgvuldig.rechten.selectors import _inzagen

    sam = _sam_gesignaleerd_door_beide(regio)
    wie = onderwerp([sam])
    eigen = _inzagen(wie.regels(vi_van=str(regio.gemeente.uuid)), namen_vrijgegeven=False)
    afgegeven = actie_voor_client("signaal.geactiveerd")
    assert afgegeven in {r["actie"] for r in eigen}
    assert {r["organisatie"] for r in eigen} == {"Wijkteam Krimpen"}
    heel = _inzagen(wie.regels(personen=False), namen_vrijgegeven=False)
    assert {"Wijkteam Krimpen", "OSG Het Baken"} <= {r["organisatie"] for r in heel}


def test_ri_17_the_inzage_answer_includes_the_index_entries(regio):
    """RI-17: `stel_samen` itself (not only `_inzagen`) lists Krimpen's index acts on Sam."""
    from zorgvuldig.audit.acties import actie_voor_client
    from zorgvuldig.rechten.models import Verzoek
    from zorgvuldig.rechten.selectors import stel_samen

    sam = _sam_gesignaleerd_door_beide(regio)
    verzoek = Verzoek(
        persoon=sam,
        verwerkingsverantwoordelijke=regio.gemeente,
        organisatie=regio.wijkteam,
        soort="inzage",
        hoedanigheid="zelf",
        ontvangen_op=dt.date.today(),
    )
    inzagen = stel_samen(verzoek).overzicht["inzagen"]
    assert actie_voor_client("signaal.geactiveerd") in {r["actie"] for r in inzagen}
    assert "OSG Het Baken" not in {r["organisatie"] for r in inzagen}
