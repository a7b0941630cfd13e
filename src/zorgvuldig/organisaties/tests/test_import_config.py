"""`zorgvuldig import-config` (API §3.1): validate the whole file with lines, apply in one transaction,
upsert by natural key, idempotent, audited as the system."""

from __future__ import annotations

import datetime as dt
import io
import json
import textwrap

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.convenanten.models import Convenant, Toetreding
from zorgvuldig.organisaties.importeren import importeer
from zorgvuldig.organisaties.models import (
    ApiToken,
    Gebruiker,
    Mandaat,
    Organisatie,
    Profiel,
    Verwerkingsverantwoordelijke,
)

pytestmark = pytest.mark.django_db

# API.md §3.1's example, completed (the nine RG-04 items); GELDIG_TOT becomes a date valid today.
VOORBEELD = """\
versie: 1
demo: false
verwerkingsverantwoordelijken:
  - {code: gemeente-krimpen, naam: College van B en W Krimpen,
     fg: {naam: Anne Jansen, email: fg@krimpen.example.org}}
  - {code: het-baken, naam: Stichting OSG Het Baken, fg: {naam: Bram Smit, email: fg@hetbaken.example.org}}
profielen:
  - {code: vi-standaard, naam: VI standaard, meldrecht: {bepaling: Jeugdwet art. 7.1.4},
     vi: {seekAgreement: true, criterionL: false, termMonths: 6, extensionMonths: 6}}
  - {code: geen-meldrecht, naam: Zonder meldrecht, meldrecht: null}
organisaties:
  - {code: wijkteam-krimpen, naam: Wijkteam Krimpen, verwerkingsverantwoordelijke: gemeente-krimpen,
     type: gemeentelijk_team, bestuursorgaan: true, profiel: vi-standaard}
  - {code: osg-het-baken, naam: OSG Het Baken, verwerkingsverantwoordelijke: het-baken, type: school,
     profiel: vi-standaard}
convenanten:
  - code: vi-krimpen-2026
    naam: VI-convenant Krimpen
    status: actief
    inhoud:
      deelnemersEnDoelen: Wijkteam en school; vroegsignalering.
      bijzondereGegevens: Geen bijzondere gegevens in de index.
      informeringBetrokkenen: Folder en gesprek vooraf.
      verwerkingenEnProtocol: Signaleren, matchen, afstemmen volgens protocol.
      toestemmingKetenpartner: Deelbesluit per verstrekking.
      zonderToestemming: Alleen bij wettelijke plicht.
      escalatie: Binnen een werkdag overleg.
      rechtenBetrokkenen: Verzoek bij elke deelnemer.
      beveiliging: Tweede factor, logging, geheimhouding.
    toetredingen:
      - {organisatie: wijkteam-krimpen, datum: 2026-01-01}
      - {organisatie: osg-het-baken, datum: 2026-02-01}
teams: [{code: wijkteam-oost, organisatie: wijkteam-krimpen, naam: Wijkteam Oost}]
gebruikers:
  - {email: f.elamrani@krimpen.example.org, naam: Fatima El Amrani, organisatie: wijkteam-krimpen,
     functie: Jeugdcoach, telefoon: "+31600000001", rollen: [medewerker], teams: [wijkteam-oost],
     mandaten: [{soort: vi_signaleren, vanaf: 2026-01-01}]}
  - {email: m.bakker@krimpen.example.org, naam: Marieke Bakker, organisatie: wijkteam-krimpen,
     rollen: [leidinggevende], teams: [wijkteam-oost],
     mandaten: [{soort: verzoeken_besluiten, vanaf: 2026-01-01}]}
  - {email: j.devries@hetbaken.example.org, naam: Jan de Vries, organisatie: osg-het-baken, functie: Mentor,
     telefoon: "+31600000002", rollen: [medewerker], mandaten: [{soort: vi_signaleren, vanaf: 2026-02-01}],
     geheimhoudingsverklaringOp: 2026-02-01}
  - {email: fg@krimpen.example.org, naam: Anne Jansen, organisatie: wijkteam-krimpen, rollen: [fg]}
  - {email: vi@krimpen.example.org, naam: VI-beheer, organisatie: wijkteam-krimpen, rollen: [vi_beheerder]}
  - {email: audit@krimpen.example.org, naam: Interne controle, organisatie: wijkteam-krimpen,
     rollen: [auditor]}
  - {email: beheer@krimpen.example.org, naam: Beheer, organisatie: wijkteam-krimpen, rollen: [beheerder],
     oidc: true}
apiTokens:
  - {naam: leerlingvolgsysteem, organisatie: osg-het-baken, geldigTot: GELDIG_TOT,
     scopes: [signaal:registreren, signaal:beheren, match:behandelen]}
"""


def voorbeeld() -> str:
    return VOORBEELD.replace("GELDIG_TOT", (dt.date.today() + dt.timedelta(days=300)).isoformat())


def draai(tmp_path, tekst: str, *args: str) -> tuple[int, str]:
    """Run the command as an operator would; (exit code, stdout)."""
    bestand = tmp_path / "regio.yaml"
    bestand.write_text(tekst, encoding="utf-8")
    out = io.StringIO()
    try:
        call_command("import_config", str(bestand), *args, stdout=out, stderr=io.StringIO())
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue()
    return 0, out.getvalue()


def fouten(resultaat) -> set[tuple[str, int, str]]:
    return {(f["path"], f["line"], f["code"]) for f in resultaat.as_dict()["errors"]}


def test_a_valid_file_is_applied_and_audited_as_the_system(tmp_path):
    code, out = draai(tmp_path, voorbeeld(), "--json")
    assert code == 0, out
    uit = json.loads(out)
    assert uit["ok"] and not uit["dryRun"] and uit["errors"] == []
    # 2 controllers, 2 profiles, 2 organisations, 1 convenant, 1 team, 7 users, 1 token
    assert (uit["created"], uit["updated"], uit["unchanged"]) == (16, 0, 0)

    wijkteam = Organisatie.objects.get(code="wijkteam-krimpen")
    assert wijkteam.verwerkingsverantwoordelijke.code == "gemeente-krimpen" and wijkteam.bestuursorgaan
    assert (
        wijkteam.profiel.code == "vi-standaard"
        and wijkteam.profiel.meldrecht_bepaling == "Jeugdwet art. 7.1.4"
    )
    assert not Profiel.objects.get(code="geen-meldrecht").heeft_meldrecht
    assert not wijkteam.verwerkingsverantwoordelijke.demo
    c = Convenant.objects.get(code="vi-krimpen-2026")
    assert c.status == "actief" and c.escalatie == "Binnen een werkdag overleg."
    assert set(Toetreding.objects.values_list("organisatie__code", "datum")) == {
        ("wijkteam-krimpen", dt.date(2026, 1, 1)),
        ("osg-het-baken", dt.date(2026, 2, 1)),
    }
    fatima = Gebruiker.objects.get(email="f.elamrani@krimpen.example.org")
    assert fatima.rollen == ["medewerker"] and fatima.telefoon == "+31600000001"
    assert [t.code for t in fatima.teams.all()] == ["wijkteam-oost"]
    assert fatima.actieve_mandaten(dt.date(2026, 3, 1)) == {"vi_signaleren"}
    assert not fatima.has_usable_password()  # chosen through the activation link
    assert fatima.geheimhoudingsverklaring_op is None  # accepted at first log-in (AC-07)
    jan = Gebruiker.objects.get(email="j.devries@hetbaken.example.org")
    assert (jan.geheimhoudingsverklaring_op, jan.geheimhoudingsverklaring_versie) == (
        dt.date(2026, 2, 1),
        "papier",
    )

    entries = AuditRegel.objects.filter(object_uuid=str(wijkteam.uuid))
    assert entries.count() == 1
    entry = entries.get()
    assert (entry.actie, entry.kanaal, entry.actor_rol) == ("configuratie.gewijzigd", "systeem", "systeem")
    assert entry.verwerkingsactiviteit == "beheer-platform"
    assert entry.verwerkingsverantwoordelijke == str(wijkteam.verwerkingsverantwoordelijke.uuid)
    assert AuditRegel.objects.filter(object_uuid=str(fatima.uuid), kanaal="systeem").get().koppeling == {
        "rollen": {"oud": [], "nieuw": ["medewerker"]}  # AU-02: which roles the file gave
    }


def test_re_running_the_same_file_changes_nothing_and_prints_no_secrets(tmp_path):
    code, out = draai(tmp_path, voorbeeld())
    assert code == 0
    assert "aangemaakt organisatie wijkteam-krimpen" in out.splitlines()
    assert "Geheimen" in out
    audit_voor = AuditRegel.objects.count()
    tokens_voor = list(ApiToken.objects.values_list("sleutel_hash", flat=True))

    code, out = draai(tmp_path, voorbeeld(), "--json")
    uit = json.loads(out)
    assert code == 0 and (uit["created"], uit["updated"], uit["unchanged"]) == (0, 0, 16)
    assert uit["secrets"] == []
    assert AuditRegel.objects.count() == audit_voor
    assert list(ApiToken.objects.values_list("sleutel_hash", flat=True)) == tokens_voor

    code, out = draai(tmp_path, voorbeeld())
    assert "ongewijzigd gebruiker f.elamrani@krimpen.example.org" in out.splitlines()
    assert "Geheimen" not in out and "aangemaakt" not in out and "bijgewerkt" not in out


def test_upsert_by_natural_key_keeps_what_the_file_leaves_out(tmp_path):
    draai(tmp_path, voorbeeld())
    klein = textwrap.dedent(
        """\
        versie: 1
        organisaties:
          - {code: wijkteam-krimpen, naam: Wijkteam Krimpen aan den IJssel,
             verwerkingsverantwoordelijke: gemeente-krimpen, type: gemeentelijk_team}
        gebruikers:
          - {email: F.ElAmrani@Krimpen.example.org, naam: Fatima El Amrani, organisatie: wijkteam-krimpen,
             rollen: [medewerker, leidinggevende], actief: false}
        """
    )
    code, out = draai(tmp_path, klein)
    assert code == 0, out
    assert out.splitlines()[:2] == [
        "bijgewerkt organisatie wijkteam-krimpen (naam)",
        "bijgewerkt gebruiker f.elamrani@krimpen.example.org (rollen, actief)",
    ]
    wijkteam = Organisatie.objects.get(code="wijkteam-krimpen")
    assert wijkteam.naam == "Wijkteam Krimpen aan den IJssel"
    assert wijkteam.bestuursorgaan and wijkteam.profiel.code == "vi-standaard"  # absent keys are kept
    fatima = Gebruiker.objects.get(email="f.elamrani@krimpen.example.org")
    assert not fatima.is_active  # `actief: false` deactivates
    assert fatima.rollen == ["leidinggevende", "medewerker"]
    assert fatima.telefoon == "+31600000001" and fatima.teams.count() == 1
    assert Mandaat.objects.filter(gebruiker=fatima).count() == 1
    assert Gebruiker.objects.count() == 7 and Organisatie.objects.count() == 2  # nothing absent is deleted
    entry = AuditRegel.objects.filter(object_uuid=str(fatima.uuid)).order_by("-id").first()
    assert entry.velden == ["actief", "rollen"]


def test_a_file_with_several_errors_reports_all_with_lines_and_applies_nothing():
    tekst = textwrap.dedent(
        """\
        versie: 1
        demo: false
        verwerkingsverantwoordelijken:
          - {code: gemeente-krimpen, naam: College}
        profielen:
          - code: vi-standaard
            naam: VI
            vi: {criterionL: true, maxAge: 30}
        organisaties:
          - code: wijkteam-krimpen
            naam: Wijkteam
            verwerkingsverantwoordelijke: gemeente-onbekend
            type: gemeentelijk_team
            kleur: blauw
        gebruikers:
          - email: a@krimpen.example.org
            naam: A
            organisatie: wijkteam-krimpen
            rollen: [medewerker, superuser]
            wachtwoord: geheim-wachtwoord-123
            totp: false
          - email: A@krimpen.example.org
            organisatie: wijkteam-krimpen
            rollen: [fg]
        apiTokens:
          - {naam: lvs, organisatie: wijkteam-krimpen, scopes: [persoon:inzien], geldigTot: 2020-01-01}
        """
    )
    resultaat = importeer(tekst)
    assert resultaat.code == 1
    assert fouten(resultaat) == {
        ("verwerkingsverantwoordelijken[0].fg.naam", 4, "required"),  # AC-15: no controller without FG
        ("verwerkingsverantwoordelijken[0].fg.email", 4, "required"),
        ("profielen[0].vi.criterionL", 8, "E_VI_CRITERION_DISABLED"),
        ("profielen[0].vi.maxAge", 8, "invalid"),
        ("organisaties[0].verwerkingsverantwoordelijke", 12, "invalid"),
        ("organisaties[0].kleur", 14, "unknown"),
        ("gebruikers[0].rollen[1]", 19, "invalid"),
        ("gebruikers[0].wachtwoord", 20, "not_allowed"),
        ("gebruikers[0].totp", 21, "not_allowed"),
        ("gebruikers[1]", 22, "required"),  # naam
        ("gebruikers[1].email", 22, "invalid"),  # the same e-mail twice
        ("apiTokens[0].scopes", 26, "invalid"),
        ("apiTokens[0].geldigTot", 26, "invalid"),
    }
    assert [f["line"] for f in resultaat.as_dict()["errors"]] == sorted(
        f["line"] for f in resultaat.as_dict()["errors"]
    )
    assert not Verwerkingsverantwoordelijke.objects.exists()
    assert not Profiel.objects.exists() and not Gebruiker.objects.exists()
    assert not AuditRegel.objects.filter(actie="configuratie.gewijzigd").exists()


def test_ac_15_a_re_import_does_not_leave_a_controller_without_its_fg(tmp_path):
    """AC-15: a file that empties a stored controller's FG name is refused and changes nothing; one that
    leaves `fg` out keeps the stored FG."""
    draai(tmp_path, voorbeeld())
    kop = "versie: 1\nverwerkingsverantwoordelijken:\n"
    zonder = kop + "  - {code: het-baken, naam: Het Baken, fg: {naam: ''}}\n"
    resultaat = importeer(zonder)
    assert resultaat.code == 1
    assert fouten(resultaat) == {("verwerkingsverantwoordelijken[0].fg.naam", 3, "required")}
    assert Verwerkingsverantwoordelijke.objects.get(code="het-baken").fg_naam == "Bram Smit"
    weggelaten = kop + "  - {code: het-baken, naam: Het Baken}\n"
    assert importeer(weggelaten).code == 0
    vv = Verwerkingsverantwoordelijke.objects.get(code="het-baken")
    assert (vv.naam, vv.fg_naam) == ("Het Baken", "Bram Smit")


def test_ac_08_ri_13_import_refuses_a_mandate_the_users_roles_cannot_use():
    """AC-08, RI-13: the file gives the FG a signalling mandate and a medewerker the mandate to decide on
    requests — neither role can use them. Both refused with their line; an ended one is a record."""
    tekst = textwrap.dedent(
        """\
        versie: 1
        demo: false
        verwerkingsverantwoordelijken:
          - {code: gemeente-krimpen, naam: College, fg: {naam: F, email: fg@krimpen.example.org}}
        organisaties:
          - {code: wijkteam-krimpen, naam: Wijkteam, verwerkingsverantwoordelijke: gemeente-krimpen,
             type: gemeentelijk_team}
        gebruikers:
          - {email: fg@krimpen.example.org, naam: F, organisatie: wijkteam-krimpen, rollen: [fg],
             mandaten: [{soort: vi_signaleren, vanaf: 2026-01-01}]}
          - {email: m@krimpen.example.org, naam: M, organisatie: wijkteam-krimpen, rollen: [medewerker],
             mandaten: [{soort: vi_signaleren, vanaf: 2026-01-01},
                        {soort: verzoeken_besluiten, vanaf: 2020-01-01, tot: 2020-12-31},
                        {soort: verzoeken_besluiten, vanaf: 2026-01-01}]}
        """
    )
    resultaat = importeer(tekst)
    assert resultaat.code == 1
    assert fouten(resultaat) == {
        ("gebruikers[0].mandaten[0].soort", 10, "invalid"),
        ("gebruikers[1].mandaten[2].soort", 14, "invalid"),
    }
    assert not Gebruiker.objects.exists()


def test_errors_exit_1_and_the_text_names_path_and_line(tmp_path):
    code, out = draai(tmp_path, "versie: 2\norganisaties: geen-lijst\nonbekend: 1\n")
    assert code == 1
    assert "fout regel 1 versie: Alleen versie 1 wordt ondersteund. [invalid]" in out
    assert "fout regel 2 organisaties: Verwacht een lijst. [invalid]" in out
    assert "fout regel 3 onbekend: Onbekende sleutel 'onbekend'. [unknown]" in out
    assert "Niets opgeslagen." in out


def test_broken_yaml_and_bad_values_are_reported_with_their_line(tmp_path):
    code, out = draai(tmp_path, "versie: 1\ngebruikers: [\n  {email: x\n")
    assert code == 1 and "fout regel" in out and "Geen geldige YAML" in out
    resultaat = importeer(
        "versie: 1\nprofielen:\n  - {code: p, naam: P}\n  - {code: p, naam: Q, wgbo: ja-hoor}\n"
        "teams:\n  - {code: t, organisatie: o, naam: T, naam: U}\n"
        "gebruikers:\n  - {email: geen-adres, naam: X, organisatie: o, rollen: [fg],"
        " geheimhoudingsverklaringOp: 2026-02-30}\n"
    )
    assert fouten(resultaat) == {
        ("profielen[1].code", 4, "invalid"),  # the same code twice
        ("profielen[1].wgbo", 4, "invalid"),
        ("teams[0].naam", 6, "invalid"),  # duplicate key
        ("teams[0].organisatie", 6, "invalid"),  # unknown organisation
        ("gebruikers[0].email", 8, "invalid"),
        ("gebruikers[0].organisatie", 8, "invalid"),
        ("gebruikers[0].geheimhoudingsverklaringOp", 8, "invalid"),  # no such date
    }


def test_dry_run_validates_and_reports_but_writes_nothing(tmp_path):
    code, out = draai(tmp_path, voorbeeld(), "--dry-run", "--json")
    uit = json.loads(out)
    assert code == 0 and uit["ok"] and uit["dryRun"]
    assert uit["created"] == 16 and uit["secrets"] == []
    assert not Organisatie.objects.exists() and not ApiToken.objects.exists()
    assert not AuditRegel.objects.filter(actie="configuratie.gewijzigd").exists()
    code, out = draai(tmp_path, voorbeeld().replace("type: school", "type: kerk"), "--dry-run")
    assert code == 1 and "'kerk' is geen van" in out


def test_a_missing_file_is_a_usage_error(tmp_path):
    with pytest.raises(CommandError) as exc:
        call_command("import_config", str(tmp_path / "bestaat-niet.yaml"), stdout=io.StringIO())
    assert exc.value.returncode == 2


def test_create_only_fields_and_state_machine_are_enforced_on_re_import(tmp_path):
    draai(tmp_path, voorbeeld())
    Verwerkingsverantwoordelijke.objects.create(code="ander", naam="Ander")
    gewijzigd = (
        voorbeeld()
        .replace(
            "naam: Fatima El Amrani, organisatie: wijkteam-krimpen",
            "naam: Fatima El Amrani, organisatie: osg-het-baken",
        )
        .replace(
            "naam: Wijkteam Krimpen, verwerkingsverantwoordelijke: gemeente-krimpen",
            "naam: W, verwerkingsverantwoordelijke: ander",
        )
        .replace("status: actief", "status: concept")
        .replace(
            "scopes: [signaal:registreren, signaal:beheren, match:behandelen]",
            "scopes: [signaal:registreren]",
        )
    )
    resultaat = importeer(gewijzigd)
    assert {(f[0], f[2]) for f in fouten(resultaat)} == {
        ("organisaties[0].verwerkingsverantwoordelijke", "not_allowed"),
        ("convenanten[0].status", "E_STATE_CONFLICT"),
        ("gebruikers[0].organisatie", "not_allowed"),
        ("gebruikers[0].teams[0]", "invalid"),  # the team belongs to the wijkteam, not the school
        ("apiTokens[0].scopes", "not_allowed"),
    }
    assert Organisatie.objects.get(code="wijkteam-krimpen").naam == "Wijkteam Krimpen"


def test_rg_04_an_active_convenant_needs_all_nine_items_and_the_error_names_the_missing_ones():
    tekst = (
        voorbeeld()
        .replace("      bijzondereGegevens: Geen bijzondere gegevens in de index.\n", "")
        .replace("      escalatie: Binnen een werkdag overleg.\n", "      escalatie: '  '\n")
    )
    resultaat = importeer(tekst)
    assert resultaat.code == 1
    (fout,) = resultaat.as_dict()["errors"]
    assert (fout["path"], fout["code"]) == ("convenanten[0].status", "E_RG_CONVENANT_INCOMPLETE")
    assert fout["line"] == tekst.splitlines().index("    status: actief") + 1
    assert "(b) bijzondereGegevens" in fout["reason"] and "(g) escalatie" in fout["reason"]
    assert "(a)" not in fout["reason"] and "RG-04" in fout["reason"]
    assert not Convenant.objects.exists()
    # The same content as a draft is fine; activating it later is refused until complete.
    assert importeer(tekst.replace("status: actief", "status: concept")).code == 0
    assert Convenant.objects.get().status == "concept"
    resultaat = importeer(tekst.replace("status: actief", "status: actief"))
    assert [f["code"] for f in resultaat.as_dict()["errors"]] == ["E_RG_CONVENANT_INCOMPLETE"]
    assert importeer(voorbeeld()).code == 0  # the complete file activates it
    assert Convenant.objects.get().status == "actief"


def test_vi_23_criterion_l_cannot_be_switched_on_through_import():
    resultaat = importeer(voorbeeld().replace("criterionL: false", "criterionL: true"))
    assert resultaat.code == 1
    (fout,) = resultaat.as_dict()["errors"]
    assert (fout["path"], fout["code"]) == ("profielen[0].vi.criterionL", "E_VI_CRITERION_DISABLED")
    assert "VI-23" in fout["reason"]
    assert not Profiel.objects.exists()
    assert importeer(voorbeeld()).code == 0
    assert Profiel.objects.get(code="vi-standaard").vi_criterion_l is False
    assert Profiel.objects.get(code="vi-standaard").vi_max_age == 23  # the default, under 23


def test_vi_19_profile_deviations_are_stored_and_bounded():
    tekst = voorbeeld().replace(
        "vi: {seekAgreement: true, criterionL: false, termMonths: 6, extensionMonths: 6}",
        "vi: {seekAgreement: false, maxAge: 18, termMonths: 3, extensionMonths: 3}, wgbo: true,\n"
        "     extraCriteria: [{code: verzuim, omschrijving: Verzuim zonder bericht}],\n"
        "     toepasselijkRecht: [Wgbo]",
    )
    assert importeer(tekst).code == 0
    p = Profiel.objects.get(code="vi-standaard")
    assert (p.vi_seek_agreement, p.vi_max_age, p.vi_term_months, p.vi_extension_months) == (False, 18, 3, 3)
    assert p.wgbo and p.toepasselijk_recht == ["Wgbo"]
    assert p.extra_criteria == [{"code": "verzuim", "omschrijving": "Verzuim zonder bericht"}]
    resultaat = importeer(tekst.replace("maxAge: 18, termMonths: 3", "maxAge: 24, termMonths: 0"))
    assert {f[0] for f in fouten(resultaat)} == {"profielen[0].vi.maxAge", "profielen[0].vi.termMonths"}


@pytest.mark.parametrize("sleutel", ["instellingen", "vi"])
def test_gp_04_vi_22_the_file_cannot_widen_the_regional_vi_settings(tmp_path, sleutel):
    """GP-04, VI-22: the field set and family matching are not in the file (no section for them), so
    import-config cannot bypass the FG and her DPIA: such a key is refused and nothing is written."""
    from zorgvuldig.verwijsindex.models import Instellingen

    tekst = f"versie: 1\n{sleutel}:\n  fieldSet: extended_2009\n  familyMatching: true\n"
    code, out = draai(tmp_path, tekst)
    assert code == 1 and f"Onbekende sleutel '{sleutel}'" in out
    inst = Instellingen.huidig()
    assert (inst.field_set, inst.family_matching) == ("statutory", False)
