"""The edges of rights requests: what a representative never gets, who decides what, and bad input.

Each case once broke (an attacker-style review); the test keeps it shut.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from zorgvuldig.conftest import als_systeem, maak_gebruiker
from zorgvuldig.dossiers import services as dossiers
from zorgvuldig.dossiers.tests import hulp
from zorgvuldig.personen.services import registreer_relatie
from zorgvuldig.rechten.tests.hulp import (
    VERIFIEER,
    Gezin,
    V,
    alles_wat_mag,
    mandaat,
    persoon_url,
    verstrekking,
)

pytestmark = pytest.mark.django_db


def _beantwoord(regio, api, gezin, body: dict | None = None, **over) -> dict:
    """Register, verify, review, grant and execute an inzage request; the delivered answer."""
    url = gezin.verzoek(api(regio.medewerker), **over)["url"]
    assert api(regio.medewerker).post(f"{url}/_verifieren", VERIFIEER, format="json").status_code == 200
    lg = api(regio.leidinggevende)
    assert lg.post(f"{url}/_beoordelen", {}, format="json").status_code == 200
    besluit = body or alles_wat_mag(lg, url)
    r = lg.post(f"{url}/_besluiten", {**besluit, "mandaat": mandaat(regio.leidinggevende)}, format="json")
    assert r.status_code == 200, r.content
    assert lg.post(f"{url}/_uitvoeren", {}, format="json").status_code == 200
    return lg.get(f"{url}/overzicht").json()


def test_ds_13_pe_11_who_saw_my_data_does_not_reveal_that_something_was_hidden_or_marked(regio, api):
    gezin = Gezin(regio)
    for over in (
        {},
        {"betrokkene": {"persoon": persoon_url(gezin.moeder)}, "indiener": None, "hoedanigheid": "zelf"},
    ):
        antwoord = _beantwoord(regio, api, gezin, **over)
        acties = {r["actie"] for r in antwoord["inzagen"]}
        assert antwoord["inzagen"]
        assert not {a for a in acties if "verborgen" in a.lower() or "gemarkeerd" in a.lower()}, acties


def test_ds_13_a_note_hidden_from_the_mother_stays_hidden_through_her_other_record(regio, api):
    gezin = Gezin(regio)
    actor = regio.actor(regio.medewerker)
    # a second record of the mother (another registration of the same person, same BSN)
    from zorgvuldig.personen.services import wijzig_persoon

    wijzig_persoon(actor=actor, uuid=gezin.moeder.uuid, data={"bsn": "999993653", "bsn_ontbreekt_reden": ""})
    moeder2 = hulp.client(regio, voornamen="Sanne", geboortedatum=dt.date(1985, 2, 1), bsn="999993653")
    registreer_relatie(
        actor=actor, persoon_uuid=gezin.lisa.uuid, ander_uuid=moeder2.uuid, data={"soort": "ouder_met_gezag"}
    )
    antwoord = _beantwoord(regio, api, gezin, indiener={"persoon": persoon_url(moeder2)})
    assert "bang voor" not in json.dumps(antwoord, ensure_ascii=False)
    assert "Lisa gaat weer naar school." in json.dumps(antwoord, ensure_ascii=False)


def test_pe_11_a_shared_note_marked_for_the_brother_stays_from_the_mother_in_lisas_inzage(regio, api):
    gezin = Gezin(regio)
    actor = regio.actor(regio.medewerker)
    gedeeld = hulp.notitie(
        regio,
        gezin.dossier,
        soort="mening",
        basis="Gesprek.",
        tekst="Daan en Lisa blowen soms.",
        betreft=[str(gezin.lisa.uuid), str(gezin.broer.uuid)],
    )
    dossiers.markeer_niet_voor_vertegenwoordigers(
        actor=actor,
        uuid=gezin.dossier.uuid,
        notitie_uuid=gedeeld.uuid,
        persoon_uuid=gezin.broer.uuid,
        reden="Daan wil dit niet met zijn moeder delen.",
    )
    antwoord = _beantwoord(regio, api, gezin)
    assert "blowen" not in json.dumps(antwoord, ensure_ascii=False)


def test_ri_04_a_limit_holds_on_every_record_of_the_child(regio, api):
    gezin = Gezin(regio)
    medewerker, lg = api(regio.medewerker), api(regio.leidinggevende)
    url = gezin.verzoek(medewerker)["url"]
    medewerker.post(f"{url}/_verifieren", VERIFIEER, format="json")
    lg.post(f"{url}/_beoordelen", {}, format="json")
    r = lg.post(
        f"{url}/_besluiten",
        {
            "uitkomst": "afgewezen",
            "redenen": "Zwaarwegende belangen van Lisa.",
            "weigeringsgronden": ["beperking_vertegenwoordiger"],
            "beperkingVertegenwoordiger": {"redenen": "Onderzoek naar de thuissituatie."},
            "mandaat": mandaat(regio.leidinggevende),
        },
        format="json",
    )
    assert r.status_code == 200, r.content
    from zorgvuldig.personen.services import wijzig_persoon

    actor = regio.actor(regio.medewerker)
    wijzig_persoon(actor=actor, uuid=gezin.lisa.uuid, data={"bsn": "999993653", "bsn_ontbreekt_reden": ""})
    lisa2 = hulp.client(regio, bsn="999993653")
    registreer_relatie(
        actor=actor, persoon_uuid=lisa2.uuid, ander_uuid=gezin.moeder.uuid, data={"soort": "ouder_met_gezag"}
    )
    tweede = gezin.verzoek(medewerker, betrokkene={"persoon": persoon_url(lisa2)})["url"]
    r = medewerker.post(f"{tweede}/_verifieren", VERIFIEER, format="json")
    assert r.status_code == 400 and r.json()["code"] == "E_RI_NOT_ENTITLED"


def test_ri_07_a_disclosure_can_be_withheld_by_decision(regio, api):
    gezin = Gezin(regio)
    aan_vt = verstrekking(
        regio, gezin.lisa, ontvanger_organisatie=None, ontvanger_naam="Veilig Thuis Rijnmond"
    )
    besluit = {
        "uitkomst": "gedeeltelijk",
        "redenen": "Eén verstrekking noemen wij niet, ter bescherming van Lisa.",
        "achtergehouden": [
            {"item": str(aan_vt.uuid), "grond": "e"},
            {"item": str(gezin.vertrouwelijk.uuid), "grond": "belang_kind"},  # PE-11 (RI-02)
        ],
    }
    antwoord = _beantwoord(regio, api, gezin, besluit)
    assert "Veilig Thuis" not in json.dumps(antwoord, ensure_ascii=False)


def test_ri_08_ri_12_a_vi_request_is_the_vi_beheerders_and_answered_with_vi_data_only(regio, api):
    gezin = Gezin(regio)
    url = gezin.verzoek(
        api(regio.medewerker),
        onderwerp={"verwijsindex": True},
        indiener=None,
        hoedanigheid="zelf",
        betrokkene={"persoon": persoon_url(gezin.moeder)},
    )["url"]
    api(regio.medewerker).post(f"{url}/_verifieren", VERIFIEER, format="json")
    lg, vib = api(regio.leidinggevende), api(regio.vi_beheerder)
    lg.post(f"{url}/_beoordelen", {}, format="json")
    besluit = {"uitkomst": "toegewezen", "redenen": "Overzicht uit de verwijsindex."}
    r = lg.post(f"{url}/_besluiten", {**besluit, "mandaat": mandaat(regio.leidinggevende)}, format="json")
    assert r.status_code == 403  # the leidinggevende does not decide about the index
    assert vib.post(f"{url}/_besluiten", besluit, format="json").status_code == 200
    assert vib.post(f"{url}/_uitvoeren", {}, format="json").status_code == 200
    antwoord = vib.get(f"{url}/overzicht").json()
    assert antwoord["gegevens"]["dossiers"] == [] and antwoord["gegevens"]["toestemmingen"] == []
    # the VI-beheerder reaches no request about other data
    gewoon = gezin.verzoek(api(regio.medewerker))["url"]
    assert vib.get(gewoon).status_code == 404


def test_ri_13_an_expired_mandate_cannot_be_cited(regio, api):
    from zorgvuldig.organisaties.models import Mandaat

    verlopen = Mandaat.objects.create(
        gebruiker=regio.leidinggevende,
        soort="verzoeken_besluiten",
        vanaf=dt.date(2020, 1, 1),
        tot=dt.date(2021, 1, 1),
    )
    gezin = Gezin(regio)
    url = gezin.verzoek(api(regio.medewerker))["url"]
    api(regio.medewerker).post(f"{url}/_verifieren", VERIFIEER, format="json")
    lg = api(regio.leidinggevende)
    lg.post(f"{url}/_beoordelen", {}, format="json")
    r = lg.post(
        f"{url}/_besluiten",
        {"uitkomst": "toegewezen", "redenen": "Alles.", "mandaat": str(verlopen.uuid)},
        format="json",
    )
    assert r.status_code == 403 and r.json()["code"] == "E_AC_NOT_AUTHORISED"


def test_bad_dates_duplicates_and_filters_are_refused_and_change_nothing(regio, api):
    gezin = Gezin(regio)
    url = gezin.verzoek(api(regio.medewerker))["url"]
    api(regio.medewerker).post(f"{url}/_verifieren", VERIFIEER, format="json")
    lg = api(regio.leidinggevende)
    lg.post(f"{url}/_beoordelen", {}, format="json")
    basis = {**alles_wat_mag(lg, url), "mandaat": mandaat(regio.leidinggevende)}
    for body in (
        {**basis, "verzondenOp": "9999-12-31"},
        {**basis, "verzondenOp": (dt.date.today() - dt.timedelta(days=1)).isoformat()},
        {
            **basis,
            "uitkomst": "gedeeltelijk",
            "achtergehouden": [
                {"item": str(gezin.feit.uuid), "grond": "e"},
                {"item": str(gezin.feit.uuid), "grond": "belang_kind"},
            ],
        },
        {
            **basis,
            "achtergehouden": [{"item": "00000000-0000-4000-8000-000000000000", "grond": "e"}],
            "uitkomst": "gedeeltelijk",
        },
    ):
        r = lg.post(f"{url}/_besluiten", body, format="json")
        assert r.status_code == 400, (body, r.content)
    assert lg.get(url).json()["status"] == "in_behandeling"
    assert lg.post(f"{url}/_besluiten", basis, format="json").status_code == 200
    r = lg.post(f"{url}/_uitvoeren", {"datum": "1990-01-01"}, format="json")
    assert r.status_code == 400
    oud = (dt.date.today() - dt.timedelta(days=400)).isoformat()
    r = api(regio.medewerker).post(
        V,
        {
            "soort": "inzage",
            "betrokkene": {"persoon": persoon_url(gezin.lisa)},
            "hoedanigheid": "zelf",
            "ontvangenOp": oud,
        },
        format="json",
    )
    assert r.status_code == 400
    for filter_ in ("status=%00", "soort=alles"):
        r = lg.get(f"{V}?{filter_}")
        assert r.status_code == 400 and r["Content-Type"].startswith("application/problem+json")


def test_ri_17_naming_staff_and_changing_the_request_never_share_one_call(regio, api):
    gezin = Gezin(regio)
    url = gezin.verzoek(api(regio.medewerker))["url"]
    r = api(regio.fg).patch(
        url, {"naamVermelding": {"redenen": "Vermoeden van misbruik."}, "toelichting": "x"}, format="json"
    )
    assert r.status_code == 400
    assert api(regio.fg).get(url).json()["naamVermelding"] is None


def test_the_fg_oversees_requests_but_does_not_handle_them(regio, api):
    gezin = Gezin(regio)
    r = api(regio.fg).post(
        V,
        {"soort": "inzage", "betrokkene": {"persoon": persoon_url(gezin.lisa)}, "hoedanigheid": "zelf"},
        format="json",
    )
    assert r.status_code == 403
    als_systeem()
    from zorgvuldig.rechten.models import Verzoek

    assert not Verzoek.objects.exists()


def test_a_user_who_is_both_worker_and_vi_beheerder_sees_their_own_requests(regio, api):
    beide = maak_gebruiker(
        regio.wijkteam, "beide@krimpen.example.org", ["medewerker", "vi_beheerder"], team=regio.team
    )
    gezin = Gezin(regio)
    url = gezin.verzoek(api(beide))["url"]
    assert api(beide).get(url).status_code == 200


def test_ri_15_the_handler_is_warned_once_per_term_seven_days_before_it_ends(regio, api):
    from zorgvuldig.berichten.models import Bericht
    from zorgvuldig.rechten import services

    gezin = Gezin(regio)
    bijna = (dt.date.today() - dt.timedelta(days=22)).isoformat()  # decision due in 6 days
    url = gezin.verzoek(api(regio.medewerker), ontvangenOp=bijna)["url"]
    gezin.verzoek(api(regio.medewerker))  # received today: not yet
    assert services.waarschuw_termijnen() == 1
    assert services.waarschuw_termijnen() == 0  # once per term
    als_systeem()
    bericht = Bericht.objects.get(sleutel__startswith="verzoektermijn:")
    assert bericht.aan == regio.medewerker.email
    assert "Lisa" not in bericht.tekst and "Visser" not in bericht.tekst and "Sanne" not in bericht.tekst
    # extended: the new term warns again when it comes near, not now
    api(regio.medewerker).post(f"{url}/_verifieren", VERIFIEER, format="json")
    lg = api(regio.leidinggevende)
    lg.post(f"{url}/_beoordelen", {}, format="json")
    lg.post(f"{url}/_verlengen", {"maanden": 1, "redenen": "Veel gegevens."}, format="json")
    assert services.waarschuw_termijnen() == 0


def test_the_term_warning_runs_as_a_daily_job():
    from zorgvuldig.taken.periodiek import alle

    assert {"rechten.termijnen_bewaken"} <= {p.naam for p in alle()}


def test_e3_ri_02_the_note_lisa_keeps_from_her_mother_is_a_recorded_refusal_not_a_silent_one(regio, api, ui):
    """SPEC E3, RI-02: "A note Lisa asked to keep confidential (PE-11) is withheld in her interest, with
    reasons." Granting the mother everything is refused while the answer leaves that note out; the decision
    form offers it pre-ticked on the child's-interest ground; withheld so, the decision records it."""
    gezin = Gezin(regio)
    url = gezin.verzoek(api(regio.medewerker))["url"]
    assert api(regio.medewerker).post(f"{url}/_verifieren", VERIFIEER, format="json").status_code == 200
    lg = api(regio.leidinggevende)
    assert lg.post(f"{url}/_beoordelen", {}, format="json").status_code == 200
    alles = {"uitkomst": "toegewezen", "redenen": "Alles.", "mandaat": mandaat(regio.leidinggevende)}
    r = lg.post(f"{url}/_besluiten", alles, format="json")
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "achtergehouden", r.content
    assert "(PE-11)" in r.json()["invalidParams"][0]["reason"]
    assert lg.get(url).json()["status"] == "in_behandeling"

    uuid = url.rstrip("/").rsplit("/", 1)[-1]
    pagina = ui(regio.leidinggevende).get(f"/verzoeken/{uuid}").content.decode()
    nummer = str(gezin.vertrouwelijk.uuid)[:8]
    rij = re.search(rf'name="achter_(\d+)"[^>]*checked[^>]*>\s*<label[^>]*>[^<]*nummer {nummer}', pagina)
    assert rij, "the PE-11 note is offered, ticked"
    assert re.search(
        rf'name="grond_{rij.group(1)}"[^>]*>.*?<option value="belang_kind" selected', pagina, re.S
    )

    r = lg.post(f"{url}/_besluiten", {**alles_wat_mag(lg, url), "mandaat": alles["mandaat"]}, format="json")
    assert r.status_code == 200, r.content
    assert r.json()["besluit"]["achtergehouden"] == [
        {"item": str(gezin.vertrouwelijk.uuid), "grond": "belang_kind"}
    ]
