"""Matching and match notices (VI-11, SH-16, DESIGN §4 outbox)."""

from __future__ import annotations

import pytest
from django.core import mail

from zorgvuldig.berichten.models import Bericht
from zorgvuldig.conftest import BSN_ANDER, BSN_SAM, als_systeem, maak_gebruiker
from zorgvuldig.verstrekkingen.models import Verstrekking
from zorgvuldig.verwijsindex import selectors
from zorgvuldig.verwijsindex.models import Match, Notificatie

pytestmark = pytest.mark.django_db


def test_vi_11_two_organisations_make_a_match_and_each_gets_only_the_others_contact(vi, regio):
    """VI-11: each signaler is e-mailed only the other's organisation, name and contact details and a link
    to the own signal — no BSN, no subject data in subject, body or link."""
    s1 = vi.signaleer(regio.leraar)
    assert s1.match is None
    assert Bericht.objects.count() == 0
    s2 = vi.signaleer(regio.medewerker)
    als_systeem()
    match = Match.objects.get()
    berichten = {b.aan: b for b in Bericht.objects.all()}
    assert set(berichten) == {regio.leraar.email, regio.medewerker.email}
    aan_leraar = berichten[regio.leraar.email]
    assert "Wijkteam Krimpen" in aan_leraar.tekst and regio.medewerker.naam in aan_leraar.tekst
    assert regio.medewerker.email in aan_leraar.tekst
    assert f"/verwijsindex/signalen/{s1.uuid}" in aan_leraar.tekst
    assert str(s2.uuid) not in aan_leraar.tekst  # only the own signal is referenced
    for b in berichten.values():
        for verboden in (BSN_SAM, "Sam", "verzuim", "2011"):
            assert verboden not in b.tekst and verboden not in b.onderwerp
    assert Notificatie.objects.filter(match=match).count() == 2


def test_sh_16_each_notice_writes_a_disclosure_per_recipient(vi, regio):
    """VI-11 / SH-16: each notice is a disclosure of the other signal's involvement, owned by the
    disclosing organisation."""
    vi.signaleer(regio.leraar)
    vi.signaleer(regio.medewerker)
    als_systeem()
    rijen = Verstrekking.objects.filter(bron="vi_match")
    assert rijen.count() == 2
    assert {(r.organisatie_id, r.ontvanger_organisatie_id) for r in rijen} == {
        (regio.school.pk, regio.wijkteam.pk),
        (regio.wijkteam.pk, regio.school.pk),
    }
    assert all(r.grond == "g4_wettelijke_bevoegdheid" and r.bsn_index for r in rijen)


def test_vi_11_colleagues_never_match_each_other(vi, regio):
    """Default `vi.match_scope = organisation`: two signalers of one organisation are no match."""
    collega = maak_gebruiker(
        regio.wijkteam, "c2@krimpen.example.org", ["medewerker"], mandaten=["vi_signaleren"]
    )
    vi.signaleer(regio.medewerker)
    vi.signaleer(collega)
    als_systeem()
    assert Match.objects.count() == 0
    assert Bericht.objects.count() == 0


def test_vi_11_different_youths_do_not_match(vi, regio):
    vi.signaleer(regio.leraar, bsn=BSN_SAM)
    vi.signaleer(regio.medewerker, bsn=BSN_ANDER)
    als_systeem()
    assert Match.objects.count() == 0


def test_vi_11_a_further_signal_renotifies_all_active_signalers(vi, regio):
    """SPEC §4: a further signal re-notifies all active signalers, in the same match."""
    vi.signaleer(regio.leraar)
    vi.signaleer(regio.medewerker)
    derde_org = _derde_organisatie(vi, regio)
    derde = maak_gebruiker(
        derde_org, "j@jeugdhulp.example.org", ["medewerker"], naam="Joost", mandaten=["vi_signaleren"]
    )
    vi.signaleer(derde)
    als_systeem()
    assert Match.objects.count() == 1
    # 2 notices for the match, then 3 more (everyone, again) for the further signal
    assert Bericht.objects.count() == 5
    assert Bericht.objects.filter(aan=regio.leraar.email).count() == 2
    laatste = Bericht.objects.filter(aan=regio.leraar.email).order_by("-pk").first()
    assert "Joost" in laatste.tekst and "Fatima El Amrani" in laatste.tekst


def _derde_organisatie(vi, regio):
    from zorgvuldig.convenanten.models import Toetreding
    from zorgvuldig.organisaties.models import Organisatie

    org = Organisatie.objects.create(
        verwerkingsverantwoordelijke=regio.school_vv,
        code="jeugdhulp",
        naam="Jeugdhulp Rijnmond",
        type="jeugdhulp",
        profiel=vi.profiel,
    )
    Toetreding.objects.create(convenant=vi.convenant, organisatie=org, datum=vi.toetreding_school.datum)
    return org


def test_vi_11_notice_goes_through_the_outbox_in_the_match_transaction(vi, regio):
    """DESIGN §4: the e-mail exists iff the match committed; the worker delivers it with its Message-ID."""
    from zorgvuldig.berichten.bezorging import bezorg

    vi.signaleer(regio.leraar)
    vi.signaleer(regio.medewerker)
    bezorg()
    assert len(mail.outbox) == 2
    als_systeem()
    ids = set(Bericht.objects.values_list("message_id", flat=True))
    assert {m.extra_headers["Message-ID"] for m in mail.outbox} == ids


def test_vi_17_withdrawn_signal_never_matches(vi, regio):
    from zorgvuldig.verwijsindex import services

    s1 = vi.signaleer(regio.leraar)
    services.trek_signaal_in(actor=regio.actor(regio.leraar), uuid=s1.uuid)
    vi.signaleer(regio.medewerker)
    als_systeem()
    assert Match.objects.count() == 0


def test_vi_17_dissolved_match_is_invisible_to_its_signalers(vi, regio):
    from zorgvuldig.verwijsindex import services

    s1 = vi.signaleer(regio.leraar)
    vi.signaleer(regio.medewerker)
    assert len(selectors.matches_zichtbaar_voor(regio.actor(regio.medewerker))) == 1
    services.trek_signaal_in(actor=regio.actor(regio.leraar), uuid=s1.uuid)
    assert selectors.matches_zichtbaar_voor(regio.actor(regio.medewerker)) == []


def _extended(family: bool):
    from zorgvuldig.verwijsindex.models import Instellingen

    inst = Instellingen.huidig()
    inst.field_set = "extended_2009"
    inst.family_matching = family
    inst.save()


def _signaleer_met_adres(vi, regio, gebruiker, bsn, adres="Voorbeeldstraat 12"):
    from zorgvuldig.verwijsindex import services
    from zorgvuldig.verwijsindex.tests.hulp import verantwoording

    actor = regio.actor(gebruiker)
    velden = {"bsn": bsn, "jongere": {"adres": adres, "woonplaats": "Krimpen aan den IJssel"}}
    concept = services.registreer_signaal(actor=actor, velden=velden)
    return services.activeer_signaal(actor=actor, uuid=concept.uuid, verantwoording=verantwoording())


def test_vi_22_household_members_match_only_with_family_matching_configured(vi, regio):
    """VI-22: signals on siblings at one address match only when family matching is on (with
    `extended_2009` as its basis); the disclosure names each disclosing youth."""
    _extended(family=False)
    _signaleer_met_adres(vi, regio, regio.leraar, BSN_SAM)
    _signaleer_met_adres(vi, regio, regio.medewerker, BSN_ANDER)
    als_systeem()
    assert Match.objects.count() == 0


def test_vi_22_family_matching_on_matches_the_household(vi, regio):
    _extended(family=True)
    s1 = _signaleer_met_adres(vi, regio, regio.leraar, BSN_SAM)
    s2 = _signaleer_met_adres(vi, regio, regio.medewerker, BSN_ANDER)
    _signaleer_met_adres(
        vi,
        regio,
        maak_gebruiker(
            _derde_organisatie(vi, regio),
            "x@jeugdhulp.example.org",
            ["medewerker"],
            mandaten=["vi_signaleren"],
        ),
        "999990020",
        adres="Andere straat 1",
    )
    als_systeem()
    assert Match.objects.count() == 1
    rijen = Verstrekking.objects.filter(bron="vi_match")
    assert {r.bsn_index for r in rijen} == {s1.bsn_index, s2.bsn_index}


def test_vi_13_a_sharing_decision_on_a_match_may_name_only_its_other_signalers(vi, regio):
    """VI-13: post-match exchange only to signalers in the match (the sharing module's hook)."""
    from zorgvuldig.core.errors import NotFound

    vi.signaleer(regio.leraar)
    vi.signaleer(regio.medewerker)
    actor = regio.actor(regio.medewerker)
    [match] = selectors.matches_zichtbaar_voor(actor)
    ontvangers = selectors.deelbesluit_ontvangers(actor, match.uuid)
    assert [(d.organisatie, d.naam) for d in ontvangers] == [("OSG Het Baken", "Jan de Vries")]
    with pytest.raises(NotFound):
        selectors.deelbesluit_ontvangers(regio.actor(regio.leidinggevende), match.uuid)


def test_vi_24_while_the_signaler_lacks_a_mandate_the_leidinggevende_is_the_contact(vi, regio):
    """VI-24: a signaler who lost the mandate is replaced as contact by the leidinggevende until the
    hand-over; match partners see the leidinggevende's details."""
    import datetime as dt

    vi.signaleer(regio.leraar)
    vi.signaleer(regio.medewerker)
    regio.medewerker.mandaten.update(tot=dt.date.today() - dt.timedelta(days=1))
    leraar = regio.actor(regio.leraar)
    [match] = selectors.matches_zichtbaar_voor(leraar)
    [ander] = [d for d in selectors.deelnemers(match, leraar) if not d.eigen]
    assert (ander.naam, ander.email) == ("Marieke Bakker", regio.leidinggevende.email)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_vi_11_concurrent_signals_of_two_organisations_make_exactly_one_match(leegbaar_logboek):
    """Two organisations activating on the same BSN at the same moment must see each other: the per-BSN
    lock serialises them, so exactly one match exists and both signalers are notified."""
    import threading

    from django.db import connection

    from zorgvuldig.conftest import Regio
    from zorgvuldig.verwijsindex import services
    from zorgvuldig.verwijsindex.tests.hulp import VI, verantwoording

    regio = Regio()
    VI(regio)
    concepten = {}
    for g in (regio.leraar, regio.medewerker):
        concepten[g.pk] = services.registreer_signaal(actor=regio.actor(g), velden={"bsn": BSN_SAM})
    start = threading.Barrier(2)
    fouten = []

    def activeer(g):
        try:
            start.wait()
            services.activeer_signaal(
                actor=regio.actor(g), uuid=concepten[g.pk].uuid, verantwoording=verantwoording()
            )
        except Exception as exc:
            fouten.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=activeer, args=(g,)) for g in (regio.leraar, regio.medewerker)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert fouten == []
    als_systeem()
    assert Match.objects.count() == 1
    assert Bericht.objects.filter(sleutel__startswith="vi-match:").count() == 2
