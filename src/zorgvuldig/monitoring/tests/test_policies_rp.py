"""Pure rules of monitoring exports (RP-01, RP-04, RP-05, GP-06)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from zorgvuldig.monitoring import policies as p

SLEUTEL_A = b"a" * 32
SLEUTEL_B = b"b" * 32


def _codes(fouten):
    return [(naam, code) for naam, code, _ in fouten]


def test_rp_04_catalogus_kent_geen_namen_bsn_adressen_geboortedata_of_tekst():
    for naam, veld in p.CATALOGUS.items():
        laag = naam.lower() + " " + veld.kolom.lower()
        for woord in (
            "naam",
            "bsn",
            "adres",
            "straat",
            "postcode",
            "geboorte",
            "telefoon",
            "tekst",
            "notitie",
        ):
            assert woord not in laag, naam
        assert not p.verboden(naam)


@pytest.mark.parametrize(
    "veld",
    [
        "persoon.naam",
        "dossier.bsn",
        "dossier.adres",
        "dossier.geboortedatum",
        "signaal.BSN",
        "dossier.notitie",
    ],
)
def test_rp_04_identificerende_velden_geweigerd_met_reden(veld):
    fouten = p.velden_fouten(["dossier.pseudoniem", veld])
    assert _codes(fouten) == [("velden.1", "not_allowed")]
    assert "RP-04" in fouten[0][2]
    assert "Namen, BSN" in fouten[0][2]


def test_rp_04_onbekend_veld_niet_in_catalogus():
    fouten = p.velden_fouten(["dossier.lievelingskleur"])
    assert _codes(fouten) == [("velden.0", "not_allowed")]
    assert "catalogus" in fouten[0][2]


def test_rp_04_geldige_lijst_zonder_fouten():
    assert p.velden_fouten(["dossier.pseudoniem", "dossier.status"]) == []
    assert p.velden_fouten(["signaal.maand"]) == []


def test_gp_06_lege_lijst_is_geen_export():
    assert _codes(p.velden_fouten([])) == [("velden", "required")]


def test_rp_04_dubbel_veld_en_gemengde_gegevenssets():
    assert _codes(p.velden_fouten(["dossier.status", "dossier.status"])) == [("velden.1", "invalid")]
    assert _codes(p.velden_fouten(["dossier.status", "signaal.maand"])) == [("velden", "invalid")]


def test_rp_04_gegevensset_volgt_de_velden():
    assert p.gegevensset(["dossier.status"]) == p.DOSSIERS
    assert p.gegevensset(["signaal.maand", "signaal.match"]) == p.SIGNALEN


def test_rp_04_pseudoniem_vast_per_sleutel_en_anders_per_export():
    a1 = p.pseudoniem(SLEUTEL_A, "persoon:1")
    assert a1 == p.pseudoniem(SLEUTEL_A, "persoon:1")  # consistent within one export
    assert a1 != p.pseudoniem(SLEUTEL_B, "persoon:1")  # another export: not linkable
    assert a1 != p.pseudoniem(SLEUTEL_A, "persoon:2")
    assert re.fullmatch(r"[0-9a-f]{32}", a1)
    assert "persoon" not in a1


def test_rp_04_pseudoniem_is_hmac_sha256():
    import hashlib
    import hmac

    verwacht = hmac.new(SLEUTEL_A, b"persoon:7", hashlib.sha256).hexdigest()[:32]
    assert p.pseudoniem(SLEUTEL_A, "persoon:7") == verwacht


def test_rp_05_proportionaliteit_vraagt_drie_teksten():
    fouten = p.proportionaliteit_fouten("", "  ", "x" * (p.TEKST_MIN - 1))
    assert [n for n, _ in fouten] == [
        "proportionaliteit.noodzaak",
        "proportionaliteit.afweging",
        "proportionaliteit.minderIngrijpend",
    ]
    assert all("RP-05" in r for _, r in fouten)
    assert p.proportionaliteit_fouten("x" * p.TEKST_MIN, "y" * p.TEKST_MIN, "z" * p.TEKST_MIN) == []
    # spaces do not count
    assert len(p.proportionaliteit_fouten(" " * 30 + "kort", "y" * p.TEKST_MIN, "z" * p.TEKST_MIN)) == 1


def test_rp_05_overgangen():
    assert p.overgang_toegestaan(p.CONCEPT, p.GOEDGEKEURD)
    assert p.overgang_toegestaan(p.CONCEPT, p.INGETROKKEN)
    assert p.overgang_toegestaan(p.GOEDGEKEURD, p.INGETROKKEN)
    assert not p.overgang_toegestaan(p.GOEDGEKEURD, p.GOEDGEKEURD)
    assert not p.overgang_toegestaan(p.GOEDGEKEURD, p.CONCEPT)  # approved never goes back to draft
    assert not p.overgang_toegestaan(p.INGETROKKEN, p.GOEDGEKEURD)
    assert not p.overgang_toegestaan(p.INGETROKKEN, p.INGETROKKEN)
    assert not p.overgang_toegestaan("onbekend", p.GOEDGEKEURD)


def test_rp_01_alleen_kwaliteit_en_verantwoording():
    assert p.doel_fout("kwaliteit") is None
    assert p.doel_fout("verantwoording") is None
    assert "RP-01" in (p.doel_fout("ondersteuning") or "")
    assert p.doel_fout("") is not None


def test_rp_04_kolommen_in_catalogusvolgorde_zrm_per_domein():
    assert p.kolommen(["dossier.status", "dossier.pseudoniem"]) == ["pseudoniem", "status"]
    zrm = p.kolommen(["dossier.zrm"])
    assert zrm == [f"zrm_{d}" for d in p.ZRM_GEWOON]
    assert "zrm_verslaving" not in zrm and "zrm_justitie" not in zrm  # special categories only on request
    assert p.kolommen(["dossier.zrm_bijzonder"]) == [f"zrm_{d}" for d in p.ZRM_BIJZONDER]
    assert p.CATALOGUS["dossier.zrm_bijzonder"].bijzonder and not p.CATALOGUS["dossier.zrm"].bijzonder


def test_maand_en_csv_veilig():
    assert p.maand(dt.date(2026, 3, 31)) == "2026-03"
    assert p.maand(None) == ""
    for gevaarlijk in ("=1+1", "+31", "-2", "@SUM(A1)", "\tx", "\rx"):
        assert p.csv_veilig(gevaarlijk) == "'" + gevaarlijk
    assert p.csv_veilig("Krimpen") == "Krimpen"
    assert p.csv_veilig("") == ""


def test_rp_04_kolommen_zrm_na_andere_velden_houdt_alle_kolommen():
    assert p.kolommen(["dossier.zrm_bijzonder", "dossier.zrm", "dossier.pseudoniem", "dossier.team"]) == [
        "pseudoniem",
        "team",
        *[f"zrm_{d}" for d in p.ZRM_GEWOON],
        *[f"zrm_{d}" for d in p.ZRM_BIJZONDER],
    ]
    assert p.kolommen([]) == []


def test_rp_04_elke_weigering_heeft_veld_code_en_reden():
    fouten = p.velden_fouten(
        ["dossier.status", "dossier.status", "dossier.bsn", "dossier.kleur", "signaal.maand"]
    )
    assert _codes(fouten) == [
        ("velden.1", "invalid"),
        ("velden.2", "not_allowed"),
        ("velden.3", "not_allowed"),
        ("velden", "invalid"),
    ]
    assert all(reden.strip() for _, _, reden in fouten)
    assert "RP-04" in fouten[1][2] and "RP-04" in fouten[2][2]
    assert fouten[1][2] != fouten[2][2]
    (leeg,) = p.velden_fouten([])
    assert leeg[2].strip()


def test_rp_04_verboden_woorden_ook_in_hoofdletters_en_e_mail():
    for veld in ("persoon.E-mail", "dossier.Telefoonnummer", "dossier.POSTCODE", "dossier.onderbouwing"):
        assert p.verboden(veld), veld
    assert not p.verboden("dossier.kleur")
    assert _codes(p.velden_fouten(["dossier.status", "dossier.status"])) == [("velden.1", "invalid")]


def test_rp_01_weigering_noemt_de_regel():
    reden = p.doel_fout("ondersteuning")
    assert reden and "RP-01" in reden and reden == p.doel_fout("")
    assert p.DOELEN == ("kwaliteit", "verantwoording")


def test_rp_05_grens_van_de_proportionaliteitsteksten():
    assert p.TEKST_MIN == 20
    goed = "x" * p.TEKST_MIN
    assert p.proportionaliteit_fouten(goed, goed, goed) == []
    fouten = p.proportionaliteit_fouten(goed, goed, "  " + "x" * (p.TEKST_MIN - 1) + "  ")
    assert fouten == [("proportionaliteit.minderIngrijpend", fouten[0][1])]
    assert str(p.TEKST_MIN) in fouten[0][1]
    assert [n for n, _ in p.proportionaliteit_fouten(None, goed, goed)] == ["proportionaliteit.noodzaak"]


def test_rp_04_pseudoniem_leest_niet_ascii_ids():
    assert p.pseudoniem(SLEUTEL_A, "persoon:é") != p.pseudoniem(SLEUTEL_A, "persoon:e")


MOMENT = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def test_rp_04_export_status_is_ready_fetched_or_expired():
    assert p.export_status(None, None) == p.KLAAR
    assert p.export_status(MOMENT, None) == p.OPGEHAALD
    assert p.export_status(None, MOMENT) == p.VERLOPEN
    assert p.verloopmoment(MOMENT, 30) == MOMENT + dt.timedelta(days=30)
