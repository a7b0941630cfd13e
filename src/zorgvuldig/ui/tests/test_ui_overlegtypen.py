"""The beheerder's and FG's table-type pages (SPEC §8, CT-01, CT-08, CT-16) through the Django test client:
a Local PGA from its template with partners, saved as a concept; activation refused until the FG approved
the basis (CT-16) and while a partner has not acceded to the convenant (CT-01); the FG approves, the
beheerder activates; changing a partner's ground sends it back to concept (CT-16); a wrong ground for the
police is refused (CT-08) and stores nothing; a medewerker and other organisations find nothing."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from zorgvuldig.casusoverleg import policies
from zorgvuldig.casusoverleg.models import Overlegtype
from zorgvuldig.conftest import als_systeem, maak_gebruiker
from zorgvuldig.convenanten.models import INHOUD_VELDEN, Convenant, Toetreding
from zorgvuldig.organisaties.models import Organisatie, Verwerkingsverantwoordelijke
from zorgvuldig.ui.tests.test_ui import nav

pytestmark = pytest.mark.django_db

NIET_GEVONDEN = "Pagina niet gevonden"
LIJST, NIEUW = "/beheer/overlegtypen", "/beheer/overlegtypen/nieuw"


def leesbaar(r) -> str:
    """The main content as read on screen: no tags, single spaces."""
    tekst = html.unescape(r.content.decode()).split('id="inhoud"', 1)[1]
    return " ".join(re.sub(r"<[^>]+>", " ", tekst).split())


def vers(uuid) -> Overlegtype:
    als_systeem()
    return Overlegtype.objects.get(uuid=uuid)


def aantal() -> int:
    als_systeem()
    return Overlegtype.objects.count()


class Partijen:
    """Police and youth care next to the wijkteam, under one active convenant (like `casusoverleg`'s
    `Tafel`); `toegetreden=False` leaves youth care out of the convenant (CT-01)."""

    def __init__(self, regio, *, toegetreden: bool = True):
        self.politie = self._org("politie-krimpen", "Politie Krimpen", "politie_om", "Nationale Politie")
        self.jeugdzorg = self._org("jeugdzorg-krimpen", "Jeugdzorg Krimpen", "jeugdhulp", "Stichting JZ")
        self.convenant = Convenant.objects.create(
            code="pga-krimpen",
            naam="Convenant PGA Krimpen",
            status="actief",
            **dict.fromkeys(INHOUD_VELDEN.values(), "Ingevuld."),
        )
        leden = [regio.wijkteam, self.politie] + ([self.jeugdzorg] if toegetreden else [])
        for org in leden:
            Toetreding.objects.create(convenant=self.convenant, organisatie=org, datum=dt.date(2026, 1, 1))
        self.regio = regio

    @staticmethod
    def _org(code, naam, type_, vv_naam):
        vv = Verwerkingsverantwoordelijke.objects.create(code=code + "-vv", naam=vv_naam)
        return Organisatie.objects.create(verwerkingsverantwoordelijke=vv, code=code, naam=naam, type=type_)

    def formulier(self, **anders) -> dict:
        """The Local PGA template as the page pre-fills it, with three partners and the convenant."""
        s = policies.SJABLONEN["lokaal_pga"]
        data = {
            "naam": "Lokale PGA Krimpen",
            "soort": "lokaal_pga",
            "doel": s["doel"],
            "grondslag": s["grondslag"],
            "criteria": "\n".join(s["criteria"]),
            "minimumleeftijd": str(s["minimumleeftijd"]),
            "toestemmingsmodus": s["toestemmingsmodus"],
            "bewaartermijn_maanden": str(s["bewaartermijn_maanden"]),
            "convenant": "pga-krimpen",
            "partner_1_organisatie": str(self.regio.wijkteam.uuid),
            "partner_1_taak": "Regie en ondersteuning",
            "partner_1_rol": "overheid",
            "partner_1_grond": "g4_wettelijke_bevoegdheid",
            "partner_2_organisatie": str(self.politie.uuid),
            "partner_2_taak": "Opsporing en handhaving",
            "partner_2_rol": "politie",
            "partner_2_grond": "wpg_art20",
            # row 3 only carries the template's suggested role: no partner
            "partner_3_rol": "overheid",
            "partner_4_organisatie": str(self.jeugdzorg.uuid),
            "partner_4_taak": "Jeugdhulp",
            "partner_4_rol": "zorg",
            "partner_4_grond": "toestemming",
        }
        return data | anders


def nieuw_type(client, partijen, **anders) -> Overlegtype:
    r = client.post(NIEUW, partijen.formulier(**anders))
    assert r.status_code == 302, leesbaar(r)
    als_systeem()
    t = Overlegtype.objects.order_by("-id").first()
    assert t is not None and r["Location"] == f"/beheer/overlegtypen/{t.uuid}"
    return t


def test_ct_16_beheerder_creates_a_local_pga_from_its_template_fg_approves_beheerder_activates(regio, ui):
    partijen = Partijen(regio)
    beheer, fg = ui(regio.beheerder), ui(regio.fg)
    # step 1: the six templates; step 2: the form pre-filled from the chosen one
    keuze = beheer.get(NIEUW)
    assert keuze.status_code == 200
    for naam in ("Lokale persoonsgerichte aanpak (PGA)", "Kinderbeschermingstafel", "Vroegsignalering"):
        assert naam in leesbaar(keuze)
    assert beheer.get(NIEUW, {"sjabloon": "bestaat-niet"}).status_code == 400
    form = beheer.get(NIEUW, {"sjabloon": "lokaal_pga"})
    tekst = html.unescape(form.content.decode())
    assert form.status_code == 200 and policies.SJABLONEN["lokaal_pga"]["doel"] in tekst
    assert "Minstens twee politieregistraties in de afgelopen twaalf maanden" in tekst
    assert (
        'name="csrfmiddlewaretoken"' in tekst
        and '<label class="utrecht-form-label" for="id_partner_1_taak">Taak van partner 1 aan tafel' in tekst
    )
    assert re.search(r'<option value="wpg_art20" selected>', tekst)  # the police row of the template

    t = nieuw_type(beheer, partijen)
    t = vers(t.uuid)
    assert (t.status, t.basis_goedgekeurd_op, t.soort, t.convenant.code) == (
        "concept",
        None,
        "lokaal_pga",
        "pga-krimpen",
    )
    assert [p["organisatie"] for p in t.partners] == [
        str(regio.wijkteam.uuid),
        str(partijen.politie.uuid),
        str(partijen.jeugdzorg.uuid),
    ]
    assert t.criteria == policies.SJABLONEN["lokaal_pga"]["criteria"] and t.minimumleeftijd == 12
    lijst = leesbaar(beheer.get(LIJST))
    assert "Lokale PGA Krimpen" in lijst and "Concept" in lijst and "wacht op de FG" in lijst
    pagina = leesbaar(beheer.get(f"{LIJST}/{t.uuid}"))
    assert "Politie Krimpen" in pagina and "Wet politiegegevens, artikel 20" in pagina
    assert "Grondslag en gronden goedkeuren" not in pagina  # that is the FG's

    # CT-16: not before the FG approved
    r = beheer.post(f"{LIJST}/{t.uuid}/activeren")
    assert r.status_code == 400
    assert "De FG keurt grondslag en gronden eerst goed (CT-16)." in leesbaar(r)
    assert vers(t.uuid).status == "concept"

    # the FG reaches the same list through its menu, and approves
    overzicht = fg.get("/overzicht")
    assert "Typen casusoverleg" in nav(overzicht.content.decode())
    assert "Lokale PGA Krimpen" in leesbaar(fg.get(LIJST))
    fg_pagina = leesbaar(fg.get(f"{LIJST}/{t.uuid}"))
    assert "Grondslag en gronden goedkeuren" in fg_pagina and "Wijzigingen opslaan" not in fg_pagina
    assert "Nieuw type" not in leesbaar(fg.get(LIJST))
    r = fg.post(f"{LIJST}/{t.uuid}/goedkeuren")
    assert r.status_code == 302
    assert vers(t.uuid).basis_goedgekeurd_door == regio.fg

    r = beheer.post(f"{LIJST}/{t.uuid}/activeren", follow=True)
    assert r.status_code == 200 and "Het type is actief." in leesbaar(r)
    assert vers(t.uuid).status == "actief"
    assert "Actief" in leesbaar(beheer.get(LIJST))


def test_ct_01_activation_is_refused_while_a_partner_has_not_acceded_to_the_convenant(regio, ui):
    partijen = Partijen(regio, toegetreden=False)
    beheer = ui(regio.beheerder)
    t = nieuw_type(beheer, partijen)
    assert ui(regio.fg).post(f"{LIJST}/{t.uuid}/goedkeuren").status_code == 302
    pagina = leesbaar(beheer.get(f"{LIJST}/{t.uuid}"))
    assert (
        "Jeugdzorg Krimpen Jeugdhulp Zorg (bijvoorbeeld jeugdhulp, ggz, verslavingszorg) "
        "Toestemming van de cliënt nee" in pagina
    )
    r = beheer.post(f"{LIJST}/{t.uuid}/activeren")
    assert r.status_code == 400
    assert "1 partner(s) zijn niet toegetreden tot het convenant (CT-01)." in leesbaar(r)
    assert vers(t.uuid).status == "concept"
    # once youth care accedes, it can be activated
    Toetreding.objects.create(
        convenant=partijen.convenant, organisatie=partijen.jeugdzorg, datum=dt.date(2026, 1, 1)
    )
    assert beheer.post(f"{LIJST}/{t.uuid}/activeren").status_code == 302
    assert vers(t.uuid).status == "actief"


def test_ct_16_changing_a_partners_ground_sends_the_type_back_to_concept(regio, ui):
    partijen = Partijen(regio)
    beheer = ui(regio.beheerder)
    t = nieuw_type(beheer, partijen)
    ui(regio.fg).post(f"{LIJST}/{t.uuid}/goedkeuren")
    beheer.post(f"{LIJST}/{t.uuid}/activeren")
    assert vers(t.uuid).status == "actief"
    pagina = beheer.get(f"{LIJST}/{t.uuid}")
    assert "dan vervalt de goedkeuring van de FG" in leesbaar(pagina)
    wijziging = partijen.formulier(naam="Lokale PGA Krimpen-Oost")
    del wijziging["convenant"]  # the convenant is not changed here
    # a new name only: the approval stays, the type stays active
    r = beheer.post(f"{LIJST}/{t.uuid}", wijziging)
    assert r.status_code == 302
    assert (vers(t.uuid).naam, vers(t.uuid).status) == ("Lokale PGA Krimpen-Oost", "actief")
    # the wijkteam's ground changes: back to concept until the FG approves again
    r = beheer.post(f"{LIJST}/{t.uuid}", wijziging | {"partner_1_grond": "g5_wettelijke_plicht"}, follow=True)
    assert r.status_code == 200
    assert "het type staat weer op concept tot de FG opnieuw goedkeurt (CT-16)" in leesbaar(r)
    t = vers(t.uuid)
    assert (t.status, t.basis_goedgekeurd_op, t.partners[0]["grond"]) == (
        "concept",
        None,
        "g5_wettelijke_plicht",
    )
    assert beheer.post(f"{LIJST}/{t.uuid}/activeren").status_code == 400


def test_ct_08_police_on_consent_is_refused_with_a_dutch_message_and_nothing_is_stored(regio, ui):
    partijen = Partijen(regio)
    beheer = ui(regio.beheerder)
    r = beheer.post(NIEUW, partijen.formulier(partner_2_grond="toestemming"))
    assert r.status_code == 400
    tekst = leesbaar(r)
    assert "Grond van partner 2 om in te brengen: Deze grond past niet bij de rol (CT-08)." in tekst
    assert 'id="id_partner_2_grond_error"' in r.content.decode()  # next to the police row's ground
    assert aantal() == 0
    # an empty name and an unknown convenant: also Dutch, also nothing stored
    r = beheer.post(NIEUW, partijen.formulier(naam=" ", convenant="", minimumleeftijd="oud"))
    assert r.status_code == 400
    assert "Vul een heel getal in." in leesbaar(r)
    r = beheer.post(NIEUW, partijen.formulier(naam=" ", convenant=""))
    assert r.status_code == 400 and "Geef het type een naam." in leesbaar(r)
    assert aantal() == 0
    # an invalid change of an existing type changes nothing either
    t = nieuw_type(beheer, partijen)
    wijziging = partijen.formulier(partner_2_grond="toestemming", naam="Anders")
    r = beheer.post(f"{LIJST}/{t.uuid}", wijziging)
    assert r.status_code == 400 and "Deze grond past niet bij de rol (CT-08)." in leesbaar(r)
    assert vers(t.uuid).naam == "Lokale PGA Krimpen" and vers(t.uuid).partners[1]["grond"] == "wpg_art20"


def test_a_medewerker_and_other_organisations_find_no_table_type_pages(regio, ui):
    partijen = Partijen(regio)
    t = nieuw_type(ui(regio.beheerder), partijen)
    medewerker = ui(regio.medewerker)
    assert "Typen casusoverleg" not in nav(medewerker.get("/overzicht").content.decode())
    for pad in (LIJST, NIEUW, f"{LIJST}/{t.uuid}"):
        r = medewerker.get(pad)
        assert r.status_code == 404 and NIET_GEVONDEN in r.content.decode()
    for pad in (f"{LIJST}/{t.uuid}/activeren", f"{LIJST}/{t.uuid}/goedkeuren", NIEUW):
        assert medewerker.post(pad, partijen.formulier()).status_code == 404
    # the FG approves but does not configure; the beheerder configures but does not approve
    fg = ui(regio.fg)
    assert fg.get(NIEUW).status_code == 404
    assert fg.post(f"{LIJST}/{t.uuid}", partijen.formulier(naam="Anders")).status_code == 404
    assert fg.post(f"{LIJST}/{t.uuid}/activeren").status_code == 404
    assert ui(regio.beheerder).post(f"{LIJST}/{t.uuid}/goedkeuren").status_code == 404
    t = vers(t.uuid)
    assert (t.naam, t.status, t.basis_goedgekeurd_op) == ("Lokale PGA Krimpen", "concept", None)
    # a beheerder of another organisation: not found
    ander = maak_gebruiker(regio.school, "beheer@hetbaken.example.org", ["beheerder"], naam="Beheer Baken")
    client = ui(ander)
    assert client.get(f"{LIJST}/{t.uuid}").status_code == 404
    assert client.post(f"{LIJST}/{t.uuid}/activeren").status_code == 404
    assert "Lokale PGA Krimpen" not in leesbaar(client.get(LIJST))
