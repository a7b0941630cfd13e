"""The beheerder's user page (demo review M10, L10): written mandates seen, recorded and ended through the
service the API uses (RG-06, AC-08; never his own, AC-06; only his own controller's users, AC-15), and a
user's grants told apart by a kenmerk without any client's name or BSN (AC-06)."""

from __future__ import annotations

import datetime as dt
import html

import pytest

from zorgvuldig.audit.models import AuditRegel, Status
from zorgvuldig.conftest import BSN_ANDER, BSN_SAM, als_systeem
from zorgvuldig.core.clock import today
from zorgvuldig.core.errors import DomainError
from zorgvuldig.dossiers.tests import hulp
from zorgvuldig.organisaties import services
from zorgvuldig.organisaties.models import Mandaat
from zorgvuldig.verwijsindex.selectors import is_gemandateerd

pytestmark = pytest.mark.django_db


def tekst(r) -> str:
    return html.unescape(r.content.decode())


def pad(g, rest: str = "") -> str:
    return f"/beheer/gebruikers/{g.uuid}{rest}"


def test_m10_rg_06_the_beheerder_sees_who_holds_a_vi_mandate(regio, ui):
    """RG-06: the mandate register on the user page — kind in words, decision, validity, state."""
    beheer = ui(regio.beheerder)
    Mandaat.objects.filter(gebruiker=regio.medewerker).update(besluit="Mandaatbesluit verwijsindex 2026")
    fatima = tekst(beheer.get(pad(regio.medewerker)))
    assert "Signaleren in de verwijsindex" in fatima and "Mandaatbesluit verwijsindex 2026" in fatima
    assert "1-1-2026 t/m –" in fatima and ">actief<" in fatima and "Beëindigen" in fatima
    pieter = tekst(beheer.get(pad(regio.collega)))
    assert "Geen mandaten." in pieter and "Mandaat vastleggen" in pieter


def test_m10_ac_08_the_beheerder_records_and_ends_a_vi_mandate_audited(regio, ui):
    """AC-08: Pieter may signal once the beheerder records his mandate, and no longer once it is ended;
    both go through `wijzig_gebruiker`, which audits the mandate and the user."""
    beheer = ui(regio.beheerder)
    vanaf = today() - dt.timedelta(days=10)
    r = beheer.post(
        pad(regio.collega, "/mandaten"),
        {"soort": "vi_signaleren", "vanaf": vanaf.isoformat(), "besluit": "Mandaatbesluit VI 2026"},
    )
    assert r.status_code == 302
    m = Mandaat.objects.get(gebruiker=regio.collega)
    assert (m.soort, m.vanaf, m.tot, m.besluit) == ("vi_signaleren", vanaf, None, "Mandaatbesluit VI 2026")
    assert is_gemandateerd(regio.collega, today())
    assert AuditRegel.objects.filter(object_uuid=str(m.uuid), actie="configuratie.gewijzigd").exists()
    laatste = AuditRegel.objects.filter(object_uuid=str(regio.collega.uuid)).latest("id")
    assert laatste.velden == ["mandaten"]
    assert "is vastgelegd" in tekst(beheer.get(r["Location"]))

    gisteren = today() - dt.timedelta(days=1)
    r = beheer.post(pad(regio.collega, f"/mandaten/{m.uuid}/beeindigen"), {"tot": gisteren.isoformat()})
    assert r.status_code == 302
    m.refresh_from_db()
    assert m.tot == gisteren and not is_gemandateerd(regio.collega, today())
    assert AuditRegel.objects.filter(object_uuid=str(m.uuid), velden=["tot"]).exists()
    pagina = tekst(beheer.get(pad(regio.collega)))
    assert "beëindigd" in pagina and f"/mandaten/{m.uuid}/beeindigen" not in pagina  # the register keeps it
    again = beheer.post(pad(regio.collega, f"/mandaten/{m.uuid}/beeindigen"), {"tot": today().isoformat()})
    assert again.status_code == 400 and "Dit mandaat is al beëindigd." in tekst(again)
    m.refresh_from_db()
    assert m.tot == gisteren


def test_m10_rg_06_a_refused_mandate_says_why_in_dutch_and_stores_nothing(regio, ui):
    beheer = ui(regio.beheerder)
    voor = Mandaat.objects.count()
    leeg = beheer.post(pad(regio.collega, "/mandaten"), {"vanaf": "2026-02-01"})
    assert leeg.status_code == 400 and "Kies een soort mandaat." in tekst(leeg)
    omgekeerd = beheer.post(
        pad(regio.collega, "/mandaten"),
        {"soort": "vi_signaleren", "vanaf": "2026-03-01", "tot": "2026-02-01"},
    )
    assert omgekeerd.status_code == 400 and "Het mandaat eindigt vóór het begint." in tekst(omgekeerd)
    dubbel = beheer.post(
        pad(regio.medewerker, "/mandaten"), {"soort": "vi_signaleren", "vanaf": "2026-01-01"}
    )
    assert dubbel.status_code == 400 and "Dit mandaat (soort en vanaf) staat er al." in tekst(dubbel)
    m = Mandaat.objects.get(gebruiker=regio.medewerker)
    vroeg = beheer.post(pad(regio.medewerker, f"/mandaten/{m.uuid}/beeindigen"), {"tot": "2025-12-31"})
    assert vroeg.status_code == 400 and "Het mandaat eindigt vóór het begint." in tekst(vroeg)
    m.refresh_from_db()
    assert m.tot is None and Mandaat.objects.count() == voor
    geweigerd = AuditRegel.objects.filter(
        actie="configuratie.gewijzigd", status=Status.GEWEIGERD, code="E_INVALID_INPUT"
    ).order_by("id")
    # the service's refusals, each naming the user the page is about (AU-02, AU-04); the empty kind never
    # reached it
    assert [(r.object_type, r.object_uuid) for r in geweigerd] == [
        ("organisaties.gebruiker", str(g.uuid)) for g in (regio.collega, regio.medewerker, regio.medewerker)
    ]


def test_ac_06_the_beheerder_does_not_give_himself_a_mandate(regio, ui):
    """AC-06: his own page offers no mandate form, a forged post is refused, and so is the service."""
    beheer = ui(regio.beheerder)
    eigen = tekst(beheer.get(pad(regio.beheerder)))
    assert "Uw eigen mandaten legt een andere beheerder vast." in eigen and "Mandaat vastleggen" not in eigen
    r = beheer.post(pad(regio.beheerder, "/mandaten"), {"soort": "vi_signaleren", "vanaf": "2026-01-01"})
    assert r.status_code == 400 and "U kunt uw eigen rollen, mandaten en account niet wijzigen" in tekst(r)
    with pytest.raises(DomainError) as fout:
        services.wijzig_gebruiker(
            actor=regio.actor(regio.beheerder),
            gebruiker=regio.beheerder,
            mandaten=[{"soort": "vi_signaleren", "vanaf": dt.date(2026, 1, 1)}],
        )
    # (and a beheerder could not use it: mandaten.0.soort, AC-08)
    assert ("mandaten", "not_allowed") in [(p.name, p.code) for p in fout.value.invalid_params]
    assert not Mandaat.objects.filter(gebruiker=regio.beheerder).exists()


def test_ac_15_the_beheerder_gives_no_mandate_at_another_controller(regio, ui):
    """The school's teacher belongs to another controller: 404 on the page, refused by the service."""
    beheer = ui(regio.beheerder)
    m = Mandaat.objects.get(gebruiker=regio.leraar)
    assert beheer.get(pad(regio.leraar)).status_code == 404
    nieuw = {"soort": "verzoeken_besluiten", "vanaf": "2026-02-01"}
    assert beheer.post(pad(regio.leraar, "/mandaten"), nieuw).status_code == 404
    r = beheer.post(pad(regio.leraar, f"/mandaten/{m.uuid}/beeindigen"), {"tot": "2026-02-01"})
    assert r.status_code == 404
    with pytest.raises(DomainError) as fout:
        services.wijzig_gebruiker(
            actor=regio.actor(regio.beheerder),
            gebruiker=regio.leraar,
            mandaten=[{"soort": "vi_signaleren", "vanaf": m.vanaf, "tot": dt.date(2026, 2, 1)}],
        )
    assert fout.value.code == "E_AC_NOT_AUTHORISED"
    m.refresh_from_db()
    assert m.tot is None and Mandaat.objects.filter(gebruiker=regio.leraar).count() == 1


def test_l10_ac_06_the_grant_list_tells_grants_apart_by_kenmerk_without_the_client(regio, ui):
    """Two dossiers give alike grants; each row now names its dossier's kenmerk, a grant on a person
    record only its kind, and the page never shows a client's name or BSN."""
    sam = hulp.client(regio, geslachtsnaam="Jansen", voornamen="Sam", bsn=BSN_SAM, bsn_ontbreekt_reden="")
    ander = hulp.client(regio, geslachtsnaam="Bakker", voornamen="Noa", bsn=BSN_ANDER, bsn_ontbreekt_reden="")
    d1, d2 = hulp.dossier(regio, persoon=sam), hulp.dossier(regio, persoon=ander)
    als_systeem()
    pagina = tekst(ui(regio.beheerder).get(pad(regio.medewerker)))
    assert f"Dossier {d1.kenmerk}" in pagina and f"Dossier {d2.kenmerk}" in pagina
    assert "Persoonsgegevens van een cliënt" in pagina
    for persoonlijk in ("Jansen", "Sam", "Bakker", "Noa", BSN_SAM, BSN_ANDER, "Visser", "Lisa"):
        assert persoonlijk not in pagina, persoonlijk


def test_ac_05_ac_06_the_fg_reads_in_her_inbox_which_roles_the_beheerder_gave(regio, ui):
    """AC-05, AC-06: a role that grants or supervises content, given by the beheerder, shows in the FG's
    inbox on the dashboard: account and roles, no content."""
    from zorgvuldig.organisaties import services

    services.wijzig_gebruiker(
        actor=regio.actor(regio.beheerder), gebruiker=regio.collega, rollen=["leidinggevende"]
    )
    pagina = ui(regio.fg).get("/overzicht").content.decode()
    assert "Rol toegekend aan Pieter de Vos (p.devos@krimpen.example.org): Leidinggevende" in pagina
    assert "Rol toegekend" not in ui(regio.beheerder).get("/overzicht").content.decode()
