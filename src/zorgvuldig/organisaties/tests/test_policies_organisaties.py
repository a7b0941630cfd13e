"""Pure rules of organisations: partner credentials (API §1.4, AC-08), VI profile bounds (VI-19,
VI-23) and the import-config demo guard. No database: these also run under mutmut."""

from __future__ import annotations

import datetime as dt

import pytest

from zorgvuldig.organisaties import policies


def test_rt_12_token_status_is_derived_from_dates():
    d = dt.date(2026, 6, 30)
    assert policies.token_status(ingetrokken=False, geldig_tot=d, vandaag=d) == "actief"
    assert policies.token_status(ingetrokken=False, geldig_tot=d, vandaag=d + dt.timedelta(1)) == "verlopen"
    assert policies.token_status(ingetrokken=True, geldig_tot=d, vandaag=d) == "ingetrokken"


def test_token_fouten_bounds():
    d = dt.date(2026, 1, 1)
    assert policies.token_fouten(scopes=["signaal:beheren"], geldig_tot=d, vandaag=d) == {}
    ok_max = d + dt.timedelta(days=policies.MAX_GELDIGHEID_DAGEN)
    assert policies.token_fouten(scopes=["signaal:beheren"], geldig_tot=ok_max, vandaag=d) == {}
    te_lang = ok_max + dt.timedelta(days=1)
    assert set(policies.token_fouten(scopes=["signaal:beheren"], geldig_tot=te_lang, vandaag=d)) == {
        "geldigTot"
    }


VI_TOKEN = frozenset({"signaal:registreren", "signaal:beheren", "match:behandelen"})
GEMANDATEERD = {
    "token_scopes": VI_TOKEN,
    "rollen": frozenset({"medewerker"}),
    "mandaten": frozenset({"vi_signaleren"}),
}


def test_namens_and_partner_refusals():
    assert (
        policies.namens_weigering(
            gevonden=True, actief=True, zelfde_organisatie=True, heeft_verklaring=True, **GEMANDATEERD
        )
        is None
    )
    for args in [(False, True, True), (True, False, True), (True, True, False)]:
        g, a, z = args
        assert (
            policies.namens_weigering(
                gevonden=g, actief=a, zelfde_organisatie=z, heeft_verklaring=True, **GEMANDATEERD
            )
            == "E_AC_NOT_MANDATED"
        )
    assert (
        policies.namens_weigering(
            gevonden=True, actief=True, zelfde_organisatie=True, heeft_verklaring=False, **GEMANDATEERD
        )
        == "E_AC_NO_UNDERTAKING"
    )
    t = frozenset({"signaal:registreren"})
    assert policies.partner_weigering(
        token_scopes=t, gebruiker_scopes=frozenset(), scope="signaal:registreren"
    ) == ("E_AC_NOT_MANDATED")
    assert policies.partner_weigering(token_scopes=t, gebruiker_scopes=t, scope="signaal:registreren") is None
    assert (
        policies.partner_weigering(token_scopes=t, gebruiker_scopes=frozenset(), scope="persoon:inzien")
        is None
    )


@pytest.mark.parametrize(
    ("aan", "dpia", "fg", "verwacht"),
    [
        (False, False, False, None),
        (True, True, True, None),
        (True, True, False, "E_VI_CRITERION_DISABLED"),
        (True, False, True, "E_VI_CRITERION_DISABLED"),
        (True, False, False, "E_VI_CRITERION_DISABLED"),
    ],
)
def test_vi_23_criterion_l_needs_an_approved_dpia_and_the_fg(aan, dpia, fg, verwacht):
    assert policies.criterion_l_weigering(aan=aan, dpia_goedgekeurd=dpia, door_fg=fg) == verwacht


def test_vi_19_profile_bounds():
    ok = policies.profiel_vi_fouten(max_age=23, term_months=1, extension_months=1)
    assert (
        ok == {} and policies.profiel_vi_fouten(max_age=None, term_months=None, extension_months=None) == {}
    )
    assert set(policies.profiel_vi_fouten(max_age=24, term_months=6, extension_months=6)) == {"maxAge"}
    assert set(policies.profiel_vi_fouten(max_age=0, term_months=6, extension_months=6)) == {"maxAge"}
    assert set(policies.profiel_vi_fouten(max_age=1, term_months=0, extension_months=0)) == {
        "termMonths",
        "extensionMonths",
    }
    # VI-16: a term beyond the maxAge birthday never applies (and would overflow the column)
    grens = policies.VI_MAX_TERMIJN_MAANDEN
    assert grens == 276
    assert policies.profiel_vi_fouten(max_age=None, term_months=grens, extension_months=grens) == {}
    assert set(
        policies.profiel_vi_fouten(max_age=None, term_months=grens + 1, extension_months=grens + 1)
    ) == {
        "termMonths",
        "extensionMonths",
    }


def test_vi_23_criterion_l_serves_only_the_controller_of_its_dpia():
    """AC-15 with VI-23: one controller's DPIA covers that controller's organisations only."""
    weigering = policies.criterion_l_controller_weigering
    assert (
        weigering(dpia_verwerkingsverantwoordelijke=1, organisatie_verwerkingsverantwoordelijken=set())
        is None
    )
    assert (
        weigering(dpia_verwerkingsverantwoordelijke=1, organisatie_verwerkingsverantwoordelijken={1}) is None
    )
    assert (
        weigering(dpia_verwerkingsverantwoordelijke=1, organisatie_verwerkingsverantwoordelijken={1, 2})
        == "E_VI_CRITERION_DISABLED"
    )
    assert (
        weigering(dpia_verwerkingsverantwoordelijke=None, organisatie_verwerkingsverantwoordelijken={1})
        == "E_VI_CRITERION_DISABLED"
    )


def test_vi_19_extra_criteria_need_a_code_once_and_a_description():
    fouten = policies.extra_criteria_fouten
    assert fouten([{"code": "a1", "omschrijving": "x"}, {"code": "a2", "omschrijving": "y"}]) == {}
    assert set(fouten([{"code": "a1", "omschrijving": "x"}, {"code": "a1", "omschrijving": "y"}])) == {1}
    assert set(fouten([{"code": " ", "omschrijving": "x"}, {"code": "b", "omschrijving": ""}])) == {0, 1}


@pytest.mark.parametrize(
    ("demo", "productie", "echt", "demodata", "geweigerd"),
    [
        (True, False, False, False, False),
        (True, False, False, True, False),
        (True, True, False, False, True),
        (True, False, True, False, True),
        (False, False, True, False, False),
        (False, False, False, False, False),
        (False, False, False, True, True),
        (False, True, True, True, True),
    ],
)
def test_demo_and_real_data_never_mix(demo, productie, echt, demodata, geweigerd):
    reden = policies.demo_weigering(
        bestand_demo=demo, productie=productie, echte_gegevens=echt, demogegevens=demodata
    )
    assert (reden is not None) == geweigerd


def test_token_fouten_name_the_field_and_the_reason():
    d = dt.date(2026, 1, 1)
    assert policies.token_fouten(scopes=sorted(policies.PARTNER_SCOPES), geldig_tot=d, vandaag=d) == {}
    fout = policies.token_fouten(scopes=["signaal:registreren", "audit:lezen"], geldig_tot=d, vandaag=d)
    assert set(fout) == {"scopes"} and "audit:lezen" in fout["scopes"] and "signaal" not in fout["scopes"]
    leeg = policies.token_fouten(scopes=[], geldig_tot=d, vandaag=d)
    assert set(leeg) == {"scopes"} and "scope" in leeg["scopes"]
    verleden = policies.token_fouten(scopes=["match:behandelen"], geldig_tot=d - dt.timedelta(1), vandaag=d)
    assert set(verleden) == {"geldigTot"} and "verleden" in verleden["geldigTot"]
    lang = policies.token_fouten(scopes=["match:behandelen"], geldig_tot=d + dt.timedelta(800), vandaag=d)
    assert "twee jaar" in lang["geldigTot"]


def test_vi_19_profile_errors_say_which_rule():
    fouten = policies.profiel_vi_fouten(max_age=30, term_months=0, extension_months=0)
    assert "VI-02" in fouten["maxAge"] and "23" in fouten["maxAge"]
    assert "VI-16" in fouten["termMonths"] and "VI-16" in fouten["extensionMonths"]


def test_demo_guard_reasons_say_what_to_do():
    productie = policies.demo_weigering(
        bestand_demo=True, productie=True, echte_gegevens=False, demogegevens=False
    )
    assert "productiemodus" in productie
    echt = policies.demo_weigering(
        bestand_demo=True, productie=False, echte_gegevens=True, demogegevens=False
    )
    assert "echte gegevens" in echt
    demo = policies.demo_weigering(
        bestand_demo=False, productie=False, echte_gegevens=False, demogegevens=True
    )
    assert "lege database" in demo


def test_ac_06_supervisory_and_technical_roles_stand_alone():
    assert policies.rollen_fout(["medewerker", "leidinggevende"]) is None
    assert policies.rollen_fout(["fg"]) is None and policies.rollen_fout(["beheerder"]) is None
    assert "Kies" in policies.rollen_fout([])
    for rol in ("beheerder", "fg", "auditor"):
        fout = policies.rollen_fout([rol, "medewerker"])
        assert fout is not None and rol in fout
    assert policies.rollen_fout(["fg", "auditor"]) is not None


def test_ac_06_a_beheerder_does_not_change_his_own_roles_or_account():
    assert policies.zelfbeheer_fout(zichzelf=False, rollen_gewijzigd=True, gedeactiveerd=True) is None
    assert policies.zelfbeheer_fout(zichzelf=True, rollen_gewijzigd=False, gedeactiveerd=False) is None
    assert policies.zelfbeheer_fout(zichzelf=True, rollen_gewijzigd=True, gedeactiveerd=False) is not None
    assert policies.zelfbeheer_fout(zichzelf=True, rollen_gewijzigd=False, gedeactiveerd=True) is not None
    geen = dict(zichzelf=True, rollen_gewijzigd=False, gedeactiveerd=False)
    assert policies.zelfbeheer_fout(**geen, mandaten_gewijzigd=True) is not None
    assert policies.zelfbeheer_fout(**(geen | {"zichzelf": False}), mandaten_gewijzigd=True) is None


def test_ac_15_users_and_teams_are_managed_in_the_own_organisation_the_beheerder_his_controllers():
    """API §2.1 "own organisation (*beheerder*: all)", bounded by the controller (AC-15): a beheerder of one
    controller who could make accounts at another could give himself its content (AC-06)."""

    def mag(rollen, org, vv):
        return policies.beheert_organisatie(
            rollen=rollen, eigen_organisatie_id=1, organisatie_id=org, eigen_vv_id=10, vv_id=vv
        )

    assert mag(["beheerder"], 2, 10)  # another organisation of the same controller
    assert not mag(["beheerder"], 3, 20)  # another controller's
    assert mag(["leidinggevende"], 1, 10) and mag(["beheerder"], 1, 10)
    assert not mag(["leidinggevende"], 2, 10) and not mag(["medewerker", "fg"], 2, 10)
    assert not policies.beheert_controller(None) and not policies.beheert_controller(["fg"])


def test_a_registration_has_register_and_number_or_neither():
    assert policies.registratie_fout("", "") is None and policies.registratie_fout("big", "190") is None
    assert (
        policies.registratie_fout("big", "") is not None and policies.registratie_fout("", "190") is not None
    )
    assert policies.registratie_fout("nip", "190") is not None


def test_mandates_are_ended_never_dropped_and_keyed_by_kind_and_start():
    jan, jun = dt.date(2026, 1, 1), dt.date(2026, 6, 1)
    vi = {"soort": "vi_signaleren", "vanaf": jan, "tot": None}
    assert policies.mandaten_fouten([vi]) == []
    assert policies.mandaten_fouten([vi | {"tot": jun}], {("vi_signaleren", jan)}) == []
    assert [f[:2] for f in policies.mandaten_fouten([], {("vi_signaleren", jan)})] == [
        ("mandaten", "not_allowed")
    ]
    assert [f[:2] for f in policies.mandaten_fouten([vi | {"vanaf": jun, "tot": jan}])] == [
        ("mandaten.0.tot", "invalid")
    ]
    assert [f[:2] for f in policies.mandaten_fouten([vi, vi])] == [("mandaten.1", "invalid")]
    assert [f[:2] for f in policies.mandaten_fouten([vi | {"soort": "alles"}])] == [
        ("mandaten.0.soort", "invalid")
    ]
    # the same kind from another date is another mandate (a renewal next to the ended one)
    assert policies.mandaten_fouten([vi | {"tot": jun}, vi | {"vanaf": jun}], {("vi_signaleren", jan)}) == []


def test_ac_08_ri_13_a_mandate_needs_a_role_that_can_use_it():
    """AC-08: signalling works for a medewerker or leidinggevende; RI-13: deciding on requests for the
    leidinggevende. A running or future mandate without such a role is refused; an ended one is a record."""
    jan, jun, vandaag = dt.date(2026, 1, 1), dt.date(2026, 6, 1), dt.date(2026, 3, 1)
    vi = {"soort": "vi_signaleren", "vanaf": jan, "tot": None}
    ri = {"soort": "verzoeken_besluiten", "vanaf": jan, "tot": None}
    assert policies.mandaat_rol_fouten([vi], ["medewerker"], vandaag) == []
    assert policies.mandaat_rol_fouten([vi, ri], ["leidinggevende"], vandaag) == []
    fouten = policies.mandaat_rol_fouten([vi, ri], ["medewerker"], vandaag)
    assert [i for i, _ in fouten] == [1] and "leidinggevende" in fouten[0][1]
    assert [i for i, _ in policies.mandaat_rol_fouten([ri, vi], ["fg", "beheerder"], vandaag)] == [0, 1]
    assert "leidinggevende of medewerker" in policies.mandaat_rol_fouten([vi], ["fg"], vandaag)[0][1]
    # ended, or ending today: kept as the record it is; ending later, or starting later: refused
    assert policies.mandaat_rol_fouten([vi | {"tot": dt.date(2026, 2, 28)}], ["fg"], vandaag) == []
    assert policies.mandaat_rol_fouten([vi | {"tot": vandaag}], ["fg"], vandaag) == []
    assert len(policies.mandaat_rol_fouten([vi | {"tot": dt.date(2026, 3, 2)}], ["fg"], vandaag)) == 1
    assert len(policies.mandaat_rol_fouten([vi | {"vanaf": jun}], ["fg"], vandaag)) == 1
    assert policies.mandaat_rol_fouten([], [], vandaag) == []


@pytest.mark.parametrize(
    ("vanaf", "tot", "status"),
    [
        (dt.date(2026, 1, 1), None, "actief"),
        (dt.date(2026, 3, 2), None, "actief"),  # from its first day
        (dt.date(2026, 3, 3), None, "nog niet ingegaan"),
        (dt.date(2026, 1, 1), dt.date(2026, 3, 2), "actief"),  # `tot` is the last valid day
        (dt.date(2026, 1, 1), dt.date(2026, 3, 1), "beëindigd"),
    ],
)
def test_rg_06_a_mandates_state_on_a_date(vanaf, tot, status):
    """RG-06/AC-01: the register shows a mandate as active from its first to its last day, as the check
    that lets a user signal counts it (`Gebruiker.actieve_mandaten`)."""
    assert policies.mandaat_status(vanaf, tot, dt.date(2026, 3, 2)) == status


def test_ac_15_a_new_controller_needs_a_name_and_an_fg_reachable_by_email():
    """AC-15: FG per controller; art. 30(1)(a) AVG names the FG's contact. Blank is missing."""
    ok = {
        "naam": "College van B en W Capelle",
        "fg_naam": "Sanne de Wit",
        "fg_email": "fg@capelle.example.org",
    }
    assert policies.controller_fouten(**ok) == {}
    fouten = policies.controller_fouten(naam=" ", fg_naam="\t", fg_email="")
    assert list(fouten) == ["naam", "fg.naam", "fg.email"]
    assert len(set(fouten.values())) == 3 and all("FG" in fouten[k] for k in ("fg.naam", "fg.email"))
    for veld, api in (("naam", "naam"), ("fg_naam", "fg.naam"), ("fg_email", "fg.email")):
        assert list(policies.controller_fouten(**{**ok, veld: "  "})) == [api]


def _namens(**over):
    args = {"gevonden": True, "actief": True, "zelfde_organisatie": True, "heeft_verklaring": True}
    return policies.namens_weigering(**(args | GEMANDATEERD | over))


@pytest.mark.parametrize(
    ("rollen", "mandaten"),
    [
        ({"leidinggevende"}, set()),  # the review's case: signaal:beheren by role, no mandate
        ({"leidinggevende"}, {"verzoeken_besluiten"}),  # another mandate is no VI mandate
        ({"medewerker"}, set()),  # expired or never granted: not in today's mandates
        ({"vi_beheerder"}, {"vi_signaleren"}),  # a mandate in a role that cannot hold it (AC-08)
        ({"beheerder"}, set()),
    ],
)
def test_ac_08_a_vi_token_acts_only_for_a_user_mandated_today(rollen, mandaten):
    assert _namens(rollen=frozenset(rollen), mandaten=frozenset(mandaten)) == "E_AC_NOT_MANDATED"


def test_ac_08_a_mandated_leidinggevende_or_medewerker_may_be_named():
    assert _namens(rollen=frozenset({"leidinggevende"})) is None
    assert _namens(rollen=frozenset({"medewerker"})) is None
    # the mandate is judged before the undertaking: a refusal says nothing about the person (AC-07)
    assert _namens(mandaten=frozenset(), heeft_verklaring=False) == "E_AC_NOT_MANDATED"


@pytest.mark.parametrize("scope", sorted(VI_TOKEN))
def test_ac_08_any_single_vi_scope_on_the_token_needs_the_mandate(scope):
    assert _namens(token_scopes=frozenset({scope}), mandaten=frozenset()) == "E_AC_NOT_MANDATED"


# --- AC-05, AC-06, AU-02: roles granted are recorded and told to the FG --------------------------------


def test_au_02_the_audit_entry_holds_the_roles_before_and_after():
    assert policies.rollen_koppeling(oud=["medewerker"], nieuw=["leidinggevende", "medewerker"]) == {
        "rollen": {"oud": ["medewerker"], "nieuw": ["leidinggevende", "medewerker"]}
    }
    assert policies.rollen_koppeling(oud=None, nieuw=["fg"]) == {"rollen": {"oud": [], "nieuw": ["fg"]}}


@pytest.mark.parametrize(
    ("oud", "nieuw", "te_melden"),
    [
        ([], ["leidinggevende"], ["leidinggevende"]),
        ([], ["fg"], ["fg"]),
        ([], ["auditor"], ["auditor"]),
        (["medewerker"], ["medewerker", "vi_beheerder"], ["vi_beheerder"]),
        ([], ["medewerker"], []),  # opens nothing until a leidinggevende grants (AC-05)
        ([], ["beheerder"], []),  # technical, no content (AC-06)
        (["medewerker"], ["leidinggevende"], ["leidinggevende"]),
        (["leidinggevende", "medewerker"], ["medewerker"], []),  # taking away: no notice
        (["fg"], ["fg"], []),
    ],
)
def test_ac_05_ac_06_the_fg_hears_of_every_granting_or_supervisory_role_granted(oud, nieuw, te_melden):
    assert policies.fg_te_melden_rollen(oud=oud, nieuw=nieuw) == te_melden
