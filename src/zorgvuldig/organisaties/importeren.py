"""`zorgvuldig import-config FILE.yaml` (API §3.1): the region's configuration as one YAML file.

Three steps. **Read** the file with the line of every value (`yaml_regels`). **Check** all of it — schema
(unknown keys, types, choices), references by code or e-mail, create-only fields, the demo guards, RG-04
for active convenants, VI-23 — collecting every error with path and line. **Apply** it in one
transaction: upsert by natural key (`code`; users `email`; tokens `naam` per organisation), never delete
what the file leaves out, audit each change as the system (`kanaal: systeem`). A key left out of an entry
keeps the stored value; on creation the model's default (the narrowest option, GP-06) applies.

Secrets are returned once: new API tokens, a one-time activation link per new user (72 h), and in a
demo file the TOTP secret of a new demo device. A second run of the same file changes nothing and
returns no secrets.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from zorgvuldig.audit import services as audit
from zorgvuldig.convenanten import policies as convenant_policies
from zorgvuldig.convenanten.models import INHOUD_VELDEN, Convenant, Toetreding
from zorgvuldig.core import tenancy
from zorgvuldig.core.clock import now, today
from zorgvuldig.core.context import Actor
from zorgvuldig.organisaties import activatie, policies, services
from zorgvuldig.organisaties.models import (
    ApiToken,
    Gebruiker,
    Mandaat,
    Organisatie,
    OrganisatieType,
    Profiel,
    Rol,
    Team,
    Verwerkingsverantwoordelijke,
)
from zorgvuldig.organisaties.yaml_regels import ONGELDIG, Gelezen, Pad, YamlFout, lees, pad_tekst

OK, MISLUKT, GEWEIGERD = 0, 1, 4  # exit codes (API §3); 2 (usage) is the command's
VERSIE = 1
PAPIER = "papier"  # undertaking version of a signed paper declaration (AC-07)
DEMO_TOTP = "demo"  # name of the TOTP device a demo file creates
SLUG = re.compile(r"[-a-zA-Z0-9_]+")
ACTOR = Actor.systeem()  # every change is the system's (`kanaal: systeem`)


# --- schema ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Veld:
    soort: str  # tekst | code | email | bool | getal | datum | lijst | map | maplijst
    verplicht: bool = False
    max: int | None = None
    keuzes: frozenset[str] | None = None  # tekst, or the items of a lijst
    null: bool = False
    velden: dict[str, Veld] | None = None  # map, maplijst


def _tekst(max: int | None = None, verplicht: bool = False, keuzes=None) -> Veld:
    return Veld("tekst", verplicht, max, frozenset(keuzes) if keuzes else None)


CODE = Veld("code", verplicht=True, max=64)
VERWIJZING = Veld("code", verplicht=True, max=64)
BOOL = Veld("bool")
GETAL = Veld("getal")

VERWERKINGSVERANTWOORDELIJKE = {
    "code": CODE,
    "naam": _tekst(200, True),
    "fg": Veld("map", velden={"naam": _tekst(200), "email": Veld("email"), "telefoon": _tekst(32)}),
    "bezwaar": Veld("map", velden={"adres": _tekst(300), "email": Veld("email")}),  # RI-16
}
PROFIEL = {
    "code": CODE,
    "naam": _tekst(200, True),
    "meldrecht": Veld("map", null=True, velden={"bepaling": _tekst(200, True)}),
    "extraCriteria": Veld(
        "maplijst", velden={"code": Veld("code", True, 32), "omschrijving": _tekst(300, True)}
    ),
    "vi": Veld(
        "map",
        velden={
            "seekAgreement": BOOL,
            "criterionL": BOOL,
            "maxAge": GETAL,
            "termMonths": GETAL,
            "extensionMonths": GETAL,
        },
    ),
    "wgbo": BOOL,
    "toepasselijkRecht": Veld("lijst", max=200),
    "toestemmingEnInformatieplicht": _tekst(2000),
}
ORGANISATIE = {
    "code": CODE,
    "naam": _tekst(200, True),
    "verwerkingsverantwoordelijke": VERWIJZING,
    "type": _tekst(verplicht=True, keuzes=OrganisatieType.values),
    "sectorwetten": Veld("lijst", max=100),
    "bestuursorgaan": BOOL,
    "adres": Veld(
        "map",
        velden={
            "straat": _tekst(200),
            "huisnummer": _tekst(16),
            "postcode": _tekst(7),
            "plaats": _tekst(100),
        },
    ),
    "profiel": Veld("code", max=64, null=True),
    "sharing": Veld("map", velden={"g5Participatiewet": BOOL}),
}
CONVENANT = {
    "code": CODE,
    "naam": _tekst(200, True),
    "status": _tekst(keuzes=Convenant.Status.values),
    "inhoud": Veld("map", velden={sleutel: _tekst() for sleutel in INHOUD_VELDEN}),
    "toetredingen": Veld(
        "maplijst",
        velden={
            "organisatie": VERWIJZING,
            "datum": Veld("datum", True),
            "einddatum": Veld("datum", null=True),
        },
    ),
}
TEAM = {"code": CODE, "organisatie": VERWIJZING, "naam": _tekst(200, True)}
GEBRUIKER = {
    "email": Veld("email", verplicht=True),
    "naam": _tekst(200, True),
    "organisatie": VERWIJZING,
    # AC-12: the partner organisation that employs (seconds) the user; null or left out: its own organisation.
    "werkgever": Veld("code", max=64, null=True),
    "functie": _tekst(200),
    "telefoon": _tekst(32),
    "registratie": Veld(
        "map",
        null=True,
        velden={"register": _tekst(verplicht=True, keuzes={"big", "skj"}), "nummer": _tekst(32, True)},
    ),
    "rollen": Veld("lijst", verplicht=True, keuzes=frozenset(Rol.values)),
    "teams": Veld("lijst", max=64),
    "mandaten": Veld(
        "maplijst",
        velden={
            "soort": _tekst(verplicht=True, keuzes=Mandaat.Soort.values),
            "vanaf": Veld("datum", True),
            "tot": Veld("datum", null=True),
            "besluit": _tekst(200),
        },
    ),
    "geheimhoudingsverklaringOp": Veld("datum"),
    "actief": BOOL,
    "oidc": BOOL,  # logs in through the organisation's SSO: no password (the link only enrols TOTP)
    "wachtwoord": _tekst(128),  # demo only
    "totp": BOOL,  # false: demo only; true in a demo file: a confirmed device whose secret is printed
}
API_TOKEN = {
    "naam": _tekst(100, True),
    "organisatie": VERWIJZING,
    "scopes": Veld("lijst"),
    "geldigTot": Veld("datum"),
    "ingetrokken": BOOL,
    "webhook": Veld("map", velden={"url": _tekst(500, True)}),
}
SECTIES = {
    "verwerkingsverantwoordelijken": VERWERKINGSVERANTWOORDELIJKE,
    "profielen": PROFIEL,
    "organisaties": ORGANISATIE,
    "convenanten": CONVENANT,
    "teams": TEAM,
    "gebruikers": GEBRUIKER,
    "apiTokens": API_TOKEN,
}
BESTAND = {
    "versie": Veld("getal", verplicht=True),
    "demo": BOOL,
    **{sectie: Veld("maplijst", null=True, velden=velden) for sectie, velden in SECTIES.items()},
}


# --- result ---------------------------------------------------------------------------------------


@dataclass
class Fout:
    pad: Pad
    regel: int
    code: str
    reden: str

    def as_dict(self) -> dict:
        return {"path": pad_tekst(self.pad), "line": self.regel, "code": self.code, "reason": self.reden}


@dataclass
class Resultaat:
    code: int = OK
    dry_run: bool = False
    regels: list[str] = field(default_factory=list)
    aangemaakt: int = 0
    bijgewerkt: int = 0
    ongewijzigd: int = 0
    geheimen: list[dict] = field(default_factory=list)
    fouten: list[Fout] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "ok": self.code == OK,
            "dryRun": self.dry_run,
            "created": self.aangemaakt,
            "updated": self.bijgewerkt,
            "unchanged": self.ongewijzigd,
            "secrets": self.geheimen,
            "errors": [f.as_dict() for f in self.fouten],
        }

    def tekst(self) -> str:
        regels = list(self.regels)
        if self.fouten:
            regels += [
                f"fout regel {f.regel} {pad_tekst(f.pad) or '(bestand)'}: {f.reden} [{f.code}]"
                for f in self.fouten
            ]
            regels.append("Niets opgeslagen." if self.code == MISLUKT else "Geweigerd; niets opgeslagen.")
        elif self.dry_run:
            regels.append("Proefdraai: het bestand is geldig; niets opgeslagen.")
        if self.geheimen:
            regels += ["", "Geheimen — worden maar één keer getoond; geef ze veilig door:"]
            for g in self.geheimen:
                wie = g.get("naam") or g.get("email")
                tot = f" (geldig tot {g['geldigTot']})" if g.get("geldigTot") else ""
                regels.append(f"  {g['soort']} {wie} — {g['organisatie']}{tot}: {g['waarde']}")
        return "\n".join(regels)

    def _telling(self, actie: str, soort: str, sleutel: str, velden: list[str] | None = None) -> None:
        setattr(self, actie, getattr(self, actie) + 1)  # actie: aangemaakt | bijgewerkt | ongewijzigd
        extra = f" ({', '.join(velden)})" if velden and actie == "bijgewerkt" else ""
        self.regels.append(f"{actie} {soort} {sleutel}{extra}")


# --- entry point ----------------------------------------------------------------------------------


def importeer(tekst: str, *, dry_run: bool = False) -> Resultaat:
    """Check the whole file; if it is valid, apply it in one transaction (rolled back with `dry_run`, so
    a dry run reports exactly what a real run would do)."""
    resultaat = Resultaat(dry_run=dry_run)
    try:
        gelezen = lees(tekst)
    except YamlFout as fout:
        resultaat.code = MISLUKT
        resultaat.fouten.append(Fout(fout.pad, fout.regel, "invalid", fout.reden))
        return resultaat
    controle = _Controle(gelezen)
    tenancy.activeer(ACTOR)
    weigering = controle.demo_bewaking()
    if weigering:
        resultaat.code = GEWEIGERD
        resultaat.fouten.append(weigering)
        return resultaat
    controle.alles()
    if controle.fouten:
        resultaat.code = MISLUKT
        resultaat.fouten = sorted(controle.fouten, key=lambda f: f.regel)
        return resultaat
    with transaction.atomic():
        _Toepassing(controle, resultaat).alles()
        if dry_run:
            transaction.set_rollback(True)
    if dry_run:
        resultaat.geheimen = []  # nothing was stored, so nothing was issued
    return resultaat


# --- checking -------------------------------------------------------------------------------------


class _Controle:
    def __init__(self, gelezen: Gelezen):
        self.gelezen = gelezen
        self.fouten: list[Fout] = [Fout(f.pad, f.regel, "invalid", f.reden) for f in gelezen.fouten]
        self.vandaag = today()
        data = gelezen.data if isinstance(gelezen.data, dict) else {}
        self.ruw = data
        self.demo = data.get("demo") is True
        # section → [(index, checked entry)]: only well-formed values remain in an entry
        self.items: dict[str, list[tuple[int, dict]]] = {}

    def fout(self, pad: Pad, code: str, reden: str) -> None:
        self.fouten.append(Fout(pad, self.gelezen.regel(pad), code, reden))

    # -- demo guard (exit 4) --

    def demo_bewaking(self) -> Fout | None:
        if not isinstance(self.gelezen.data, dict) or not isinstance(self.ruw.get("demo", False), bool):
            return None  # a schema error, reported by alles()
        reden = policies.demo_weigering(
            bestand_demo=self.demo,
            productie=settings.PRODUCTION,
            echte_gegevens=Verwerkingsverantwoordelijke.objects.filter(demo=False).exists(),
            demogegevens=Verwerkingsverantwoordelijke.objects.filter(demo=True).exists(),
        )
        if reden is None:
            return None
        pad: Pad = ("demo",) if "demo" in self.ruw else ()
        return Fout(pad, self.gelezen.regel(pad), "not_allowed", reden)

    # -- whole file --

    def alles(self) -> None:
        if not isinstance(self.gelezen.data, dict):
            self.fout((), "invalid", "Het bestand moet een YAML-mapping zijn (versie, demo, secties).")
            return
        top = self.schema(self.gelezen.data, BESTAND, ())
        if "versie" in top and top["versie"] != VERSIE:
            self.fout(("versie",), "invalid", f"Alleen versie {VERSIE} wordt ondersteund.")
        for sectie in SECTIES:
            self.items[sectie] = [
                (i, item) for i, item in enumerate(top.get(sectie) or []) if item is not None
            ]
        self.laad_bestaande()
        self.verwerkingsverantwoordelijken()
        self.profielen()
        self.organisaties()
        self.convenanten()
        self.teams()
        self.gebruikers()
        self.api_tokens()

    # -- schema: types, unknown keys, required keys --

    def schema(self, waarde: Any, velden: dict[str, Veld], pad: Pad) -> dict:
        """The entry with only its well-formed values; every problem is reported."""
        if not isinstance(waarde, dict):
            if waarde is not ONGELDIG:
                self.fout(pad, "invalid", "Verwacht een mapping (sleutel: waarde).")
            return {}
        schoon = {}
        for sleutel in waarde:
            if sleutel not in velden:
                self.fout((*pad, sleutel), "unknown", f"Onbekende sleutel '{sleutel}'.")
        for sleutel, veld in velden.items():
            if sleutel not in waarde:
                if veld.verplicht:
                    self.fout(pad, "required", f"Sleutel '{sleutel}' ontbreekt.")
                continue
            ok, gelezen = self.waarde(waarde[sleutel], veld, (*pad, sleutel))
            if ok:
                schoon[sleutel] = gelezen
        return schoon

    def waarde(self, waarde: Any, veld: Veld, pad: Pad) -> tuple[bool, Any]:
        if waarde is ONGELDIG:
            return False, None
        if waarde is None:
            if veld.null:
                return True, None
            self.fout(pad, "required" if veld.verplicht else "invalid", "Een waarde is verplicht.")
            return False, None
        soort = veld.soort
        if soort == "map":
            assert veld.velden is not None
            return isinstance(waarde, dict), self.schema(waarde, veld.velden, pad)
        if soort in {"maplijst", "lijst"}:
            if not isinstance(waarde, list):
                self.fout(pad, "invalid", "Verwacht een lijst.")
                return False, None
            if soort == "maplijst":
                assert veld.velden is not None
                return True, [self.schema(item, veld.velden, (*pad, i)) for i, item in enumerate(waarde)]
            element = Veld("tekst", max=veld.max, keuzes=veld.keuzes)
            goed = [self.waarde(item, element, (*pad, i)) for i, item in enumerate(waarde)]
            if veld.verplicht and not waarde:
                self.fout(pad, "required", "Geef ten minste één waarde.")
                return False, None
            return all(ok for ok, _ in goed), [w for _, w in goed]
        if soort == "bool":
            if isinstance(waarde, bool):
                return True, waarde
            self.fout(pad, "invalid", "Verwacht true of false.")
            return False, None
        if soort == "getal":
            if isinstance(waarde, int) and not isinstance(waarde, bool):
                return True, waarde
            self.fout(pad, "invalid", "Verwacht een geheel getal.")
            return False, None
        if soort == "datum":
            if isinstance(waarde, str):
                with contextlib.suppress(ValueError):
                    waarde = dt.date.fromisoformat(waarde)
            if isinstance(waarde, dt.date) and not isinstance(waarde, dt.datetime):
                return True, waarde
            self.fout(pad, "invalid", "Verwacht een datum JJJJ-MM-DD.")
            return False, None
        # tekst, code, email
        if not isinstance(waarde, str):
            self.fout(
                pad, "invalid", "Verwacht tekst (zet getallen en telefoonnummers tussen aanhalingstekens)."
            )
            return False, None
        if "\x00" in waarde:
            self.fout(pad, "invalid", "Tekst mag geen NUL-teken bevatten.")
            return False, None
        if veld.verplicht and not waarde.strip():
            self.fout(pad, "required", "Een waarde is verplicht.")
            return False, None
        if veld.max is not None and len(waarde) > veld.max:
            self.fout(pad, "invalid", f"Ten hoogste {veld.max} tekens.")
            return False, None
        if veld.keuzes is not None and waarde not in veld.keuzes:
            self.fout(pad, "invalid", f"'{waarde}' is geen van: {', '.join(sorted(veld.keuzes))}.")
            return False, None
        if soort == "code" and not SLUG.fullmatch(waarde):
            self.fout(pad, "invalid", "Een code bestaat uit letters, cijfers, '-' en '_'.")
            return False, None
        if soort == "email":
            waarde = waarde.strip().lower()
            try:
                validate_email(waarde)
            except ValidationError:
                self.fout(pad, "invalid", "Geen geldig e-mailadres.")
                return False, None
            if len(waarde) > 254:
                self.fout(pad, "invalid", "Ten hoogste 254 tekens.")
                return False, None
        return True, waarde

    # -- what exists already --

    def laad_bestaande(self) -> None:
        def codes(sectie: str, sleutel: str = "code") -> set:
            return {item[sleutel] for _, item in self.items[sectie] if sleutel in item}

        def verwijzingen(sectie: str, sleutel: str) -> set:
            return {item[sleutel] for _, item in self.items[sectie] if item.get(sleutel)}

        vv = codes("verwerkingsverantwoordelijken") | verwijzingen(
            "organisaties", "verwerkingsverantwoordelijke"
        )
        self.vv_db: dict[Any, Verwerkingsverantwoordelijke] = {
            v.code: v for v in Verwerkingsverantwoordelijke.objects.filter(code__in=vv)
        }
        profielen = codes("profielen") | verwijzingen("organisaties", "profiel")
        self.profiel_db: dict[Any, Profiel] = {p.code: p for p in Profiel.objects.filter(code__in=profielen)}
        orgs = (
            codes("organisaties")
            | verwijzingen("teams", "organisatie")
            | verwijzingen("gebruikers", "organisatie")
            | verwijzingen("gebruikers", "werkgever")
            | verwijzingen("apiTokens", "organisatie")
            | {
                t["organisatie"]
                for _, c in self.items["convenanten"]
                for t in c.get("toetredingen", [])
                if "organisatie" in t
            }
        )
        self.org_db: dict[Any, Organisatie] = {
            o.code: o
            for o in Organisatie.objects.select_related("verwerkingsverantwoordelijke").filter(code__in=orgs)
        }
        self.convenant_db: dict[Any, Convenant] = {
            c.code: c for c in Convenant.objects.filter(code__in=codes("convenanten"))
        }
        teams = codes("teams") | {t for _, g in self.items["gebruikers"] for t in g.get("teams", [])}
        self.team_db: dict[Any, Team] = {
            t.code: t for t in Team.objects.select_related("organisatie").filter(code__in=teams)
        }
        self.gebruiker_db: dict[Any, Gebruiker] = {
            g.email: g
            for g in Gebruiker.objects.select_related("organisatie").filter(
                email__in=codes("gebruikers", "email")
            )
        }
        self.token_db: dict[Any, ApiToken] = {
            (t.organisatie.code, t.naam): t
            for t in ApiToken.objects.select_related("organisatie").filter(
                organisatie__code__in=verwijzingen("apiTokens", "organisatie"), ingetrokken_op__isnull=True
            )
        }

    def uniek(self, sectie: str, sleutel: Callable[[dict], Any], veld: str) -> None:
        """A natural key occurs once per file."""
        gezien: dict[Any, int] = {}
        for i, item in self.items[sectie]:
            k = sleutel(item)
            if k is None:
                continue
            if k in gezien:
                self.fout((sectie, i, veld), "invalid", f"Staat al in {sectie}[{gezien[k]}].")
            else:
                gezien[k] = i

    def bestaat(self, pad: Pad, code: str | None, in_bestand: set, in_db: dict, wat: str) -> bool:
        if code is None or code in in_bestand or code in in_db:
            return True
        self.fout(pad, "invalid", f"Onbekende {wat} '{code}' (niet in dit bestand en niet in de database).")
        return False

    def alleen_bij_aanmaken(self, pad: Pad, bestaand: Any, nieuw: Any, wat: str) -> None:
        if bestaand != nieuw:
            self.fout(pad, "not_allowed", f"{wat} ligt vast na het aanmaken (nu '{bestaand}').")

    # -- per section --

    def verwerkingsverantwoordelijken(self) -> None:
        self.uniek("verwerkingsverantwoordelijken", lambda v: v.get("code"), "code")
        self.vv_bestand = {v["code"] for _, v in self.items["verwerkingsverantwoordelijken"] if "code" in v}
        for i, v in self.items["verwerkingsverantwoordelijken"]:
            # AC-15: with its FG as the file leaves it (a key left out keeps what is stored)
            fg, oud = v.get("fg") or {}, self.vv_db.get(v.get("code"))
            fouten = policies.controller_fouten(
                naam="-",  # a missing or malformed name is the schema's error already
                fg_naam=fg.get("naam", oud.fg_naam if oud else "") or "",
                fg_email=fg.get("email", oud.fg_email if oud else "") or "",
            )
            for naam, reden in fouten.items():
                self.fout(("verwerkingsverantwoordelijken", i, *naam.split(".")), "required", reden)

    def profielen(self) -> None:
        self.uniek("profielen", lambda p: p.get("code"), "code")
        self.profiel_bestand = {p["code"] for _, p in self.items["profielen"] if "code" in p}
        for i, p in self.items["profielen"]:
            pad: Pad = ("profielen", i)
            vi = p.get("vi", {})
            bestaand = self.profiel_db.get(p.get("code"))
            # the FG switches (l) on over the API, with an approved DPIA; a file repeating it changes nothing
            al_aan = bestaand is not None and bestaand.vi_criterion_l
            if policies.criterion_l_weigering(
                aan=vi.get("criterionL") is True and not al_aan, dpia_goedgekeurd=False, door_fg=False
            ):
                self.fout(
                    (*pad, "vi", "criterionL"),
                    "E_VI_CRITERION_DISABLED",
                    "Criterium (l) staat uit (VI-23). Alleen de FG zet het aan, met een goedgekeurde DPIA; "
                    "niet via import-config.",
                )
            for sleutel, reden in policies.profiel_vi_fouten(
                max_age=vi.get("maxAge"),
                term_months=vi.get("termMonths"),
                extension_months=vi.get("extensionMonths"),
            ).items():
                self.fout((*pad, "vi", sleutel), "invalid", reden)
            gezien: set[str] = set()
            for j, criterium in enumerate(p.get("extraCriteria", [])):
                code = criterium.get("code")
                if code is not None and code in gezien:
                    self.fout((*pad, "extraCriteria", j, "code"), "invalid", "Deze code staat er al.")
                gezien.add(code)

    def organisaties(self) -> None:
        self.uniek("organisaties", lambda o: o.get("code"), "code")
        self.org_bestand = {o["code"]: o for _, o in self.items["organisaties"] if "code" in o}
        for i, o in self.items["organisaties"]:
            pad: Pad = ("organisaties", i)
            vv = o.get("verwerkingsverantwoordelijke")
            self.bestaat(
                (*pad, "verwerkingsverantwoordelijke"),
                vv,
                self.vv_bestand,
                self.vv_db,
                "verwerkingsverantwoordelijke",
            )
            if o.get("profiel"):
                self.bestaat(
                    (*pad, "profiel"), o["profiel"], self.profiel_bestand, self.profiel_db, "profiel"
                )
                self.criterion_l_toewijzing((*pad, "profiel"), o["profiel"], vv)
            bestaand = self.org_db.get(o.get("code"))
            if bestaand is not None and vv:
                self.alleen_bij_aanmaken(
                    (*pad, "verwerkingsverantwoordelijke"),
                    bestaand.verwerkingsverantwoordelijke.code,
                    vv,
                    "De verwerkingsverantwoordelijke",
                )

    def criterion_l_toewijzing(self, pad: Pad, profiel_code: str, vv_code: str | None) -> None:
        """VI-23: a profile with criterion (l) on serves only the controller whose DPIA allowed it. A file
        sets (l) off or leaves it as stored, so only a stored profile that keeps it on matters."""
        profiel = self.profiel_db.get(profiel_code)
        bestand = next((p for _, p in self.items["profielen"] if p.get("code") == profiel_code), {})
        if profiel is None or not profiel.vi_criterion_l or bestand.get("vi", {}).get("criterionL") is False:
            return
        vv = self.vv_db.get(vv_code) if vv_code else None
        if policies.criterion_l_controller_weigering(
            dpia_verwerkingsverantwoordelijke=services.criterion_l_verwerkingsverantwoordelijke(profiel),
            organisatie_verwerkingsverantwoordelijken={vv.pk if vv else -1},
        ):
            self.fout(
                pad,
                "E_VI_CRITERION_DISABLED",
                f"Profiel '{profiel_code}' heeft criterium (l) aan op grond van de DPIA van een andere "
                "verwerkingsverantwoordelijke (VI-23).",
            )

    def org_bekend(self, pad: Pad, code: str | None) -> bool:
        return self.bestaat(pad, code, set(self.org_bestand), self.org_db, "organisatie")

    def convenanten(self) -> None:
        self.uniek("convenanten", lambda c: c.get("code"), "code")
        for i, c in self.items["convenanten"]:
            pad: Pad = ("convenanten", i)
            bestaand = self.convenant_db.get(c.get("code"))
            van = bestaand.status if bestaand else None
            naar = c.get("status", van or convenant_policies.CONCEPT)
            if van is not None and not convenant_policies.overgang_toegestaan(van, naar):
                self.fout(
                    (*pad, "status"),
                    "E_STATE_CONFLICT",
                    f"Een convenant met status {van} kan niet naar {naar} (concept → actief → beeindigd).",
                )
            if naar == convenant_policies.ACTIEF:
                inhoud = {**(bestaand.inhoud() if bestaand else {}), **c.get("inhoud", {})}
                reden = convenant_policies.activering_weigering(inhoud)
                if reden:
                    self.fout(
                        (*pad, "status") if "status" in c else pad,
                        "E_RG_CONVENANT_INCOMPLETE",
                        reden + " (RG-04)",
                    )
            gezien: dict[tuple, int] = {}
            for j, t in enumerate(c.get("toetredingen", [])):
                tpad: Pad = (*pad, "toetredingen", j)
                self.org_bekend((*tpad, "organisatie"), t.get("organisatie"))
                if "datum" in t:
                    reden = convenant_policies.toetreding_fout(datum=t["datum"], tot=t.get("einddatum"))
                    if reden:
                        self.fout((*tpad, "einddatum"), "invalid", reden)
                sleutel = (t.get("organisatie"), t.get("datum"))
                if None not in sleutel and sleutel in gezien:
                    self.fout(tpad, "invalid", f"Dezelfde toetreding staat al op plaats {gezien[sleutel]}.")
                gezien.setdefault(sleutel, j)

    def teams(self) -> None:
        self.uniek("teams", lambda t: t.get("code"), "code")
        self.team_bestand = {t["code"]: t.get("organisatie") for _, t in self.items["teams"] if "code" in t}
        for i, t in self.items["teams"]:
            pad: Pad = ("teams", i)
            self.org_bekend((*pad, "organisatie"), t.get("organisatie"))
            bestaand = self.team_db.get(t.get("code"))
            if bestaand is not None and t.get("organisatie"):
                self.alleen_bij_aanmaken(
                    (*pad, "organisatie"), bestaand.organisatie.code, t["organisatie"], "De organisatie"
                )

    def team_organisatie(self, code: str) -> str | None:
        if code in self.team_bestand:
            return self.team_bestand[code]
        team = self.team_db.get(code)
        return team.organisatie.code if team else None

    def gebruikers(self) -> None:
        self.uniek("gebruikers", lambda g: g.get("email"), "email")
        for i, g in self.items["gebruikers"]:
            pad: Pad = ("gebruikers", i)
            org = g.get("organisatie")
            self.org_bekend((*pad, "organisatie"), org)
            if g.get("werkgever"):
                self.org_bekend((*pad, "werkgever"), g["werkgever"])
            bestaand = self.gebruiker_db.get(g.get("email"))
            if bestaand is not None and org:
                self.alleen_bij_aanmaken(
                    (*pad, "organisatie"), bestaand.organisatie.code, org, "De organisatie"
                )
            for j, team in enumerate(g.get("teams", [])):
                if not self.bestaat((*pad, "teams", j), team, set(self.team_bestand), self.team_db, "team"):
                    continue
                if org and self.team_organisatie(team) != org:
                    self.fout(
                        (*pad, "teams", j), "invalid", f"Team '{team}' hoort niet bij organisatie '{org}'."
                    )
            if isinstance(g.get("rollen"), list) and (reden := policies.rollen_fout(g["rollen"])):
                self.fout((*pad, "rollen"), "invalid", reden)
            gezien: set[tuple] = set()
            for j, m in enumerate(g.get("mandaten", [])):
                if m.get("tot") and m.get("vanaf") and m["tot"] < m["vanaf"]:
                    self.fout((*pad, "mandaten", j, "tot"), "invalid", "Het mandaat eindigt vóór het begint.")
                sleutel = (m.get("soort"), m.get("vanaf"))
                if None not in sleutel and sleutel in gezien:
                    self.fout((*pad, "mandaten", j), "invalid", "Dit mandaat (soort en vanaf) staat er al.")
                gezien.add(sleutel)
            rollen = g.get("rollen") if isinstance(g.get("rollen"), list) else (bestaand and bestaand.rollen)
            mandaten = [
                m
                for m in g.get("mandaten", [])
                if isinstance(m, dict) and m.get("soort") and isinstance(m.get("tot"), dt.date | None)
            ]
            if rollen is not None and len(mandaten) == len(g.get("mandaten", [])):  # else already refused
                for j, reden in policies.mandaat_rol_fouten(mandaten, rollen or [], self.vandaag):
                    self.fout((*pad, "mandaten", j, "soort"), "invalid", reden)
            if "wachtwoord" in g:
                if not self.demo:
                    self.fout(
                        (*pad, "wachtwoord"),
                        "not_allowed",
                        "Een wachtwoord in het bestand mag alleen met demo: true; "
                        "gebruikers kiezen het zelf via de activatielink.",
                    )
                elif g.get("oidc"):
                    self.fout(
                        (*pad, "wachtwoord"), "not_allowed", "Een OIDC-gebruiker heeft geen wachtwoord."
                    )
                else:
                    try:
                        password_validation.validate_password(g["wachtwoord"])
                    except ValidationError as exc:
                        self.fout((*pad, "wachtwoord"), "invalid", " ".join(exc.messages))
            if g.get("totp") is False and not self.demo:
                self.fout(
                    (*pad, "totp"),
                    "not_allowed",
                    "De tweede factor (TOTP) is verplicht; totp: false mag alleen met demo: true.",
                )

    def api_tokens(self) -> None:
        self.uniek(
            "apiTokens", lambda t: (t.get("organisatie"), t.get("naam")) if "naam" in t else None, "naam"
        )
        for i, t in self.items["apiTokens"]:
            pad: Pad = ("apiTokens", i)
            if not self.org_bekend((*pad, "organisatie"), t.get("organisatie")):
                continue
            if t.get("ingetrokken"):
                continue  # revoking needs nothing else
            bestaand = self.token_db.get((t.get("organisatie"), t.get("naam")))
            if bestaand is not None:
                if "scopes" in t and sorted(set(t["scopes"])) != sorted(bestaand.scopes):
                    self.fout(
                        (*pad, "scopes"),
                        "not_allowed",
                        "De scopes van een uitgegeven sleutel liggen vast: trek hem in (ingetrokken: true) "
                        "en geef hem opnieuw uit.",
                    )
                if "webhook" in t and (t["webhook"] or {}).get("url") != bestaand.webhook_url:
                    self.fout(
                        (*pad, "webhook"),
                        "not_allowed",
                        "De webhook van een uitgegeven sleutel ligt vast: trek hem in en geef hem "
                        "opnieuw uit.",
                    )
                if "geldigTot" in t and t["geldigTot"] != bestaand.geldig_tot:
                    self.fout(
                        (*pad, "geldigTot"),
                        "not_allowed",
                        "De geldigheid van een uitgegeven sleutel ligt vast: trek hem in en geef hem "
                        "opnieuw uit.",
                    )
                continue
            for sleutel in ("scopes", "geldigTot"):
                if sleutel not in t and sleutel not in self.ruw_item("apiTokens", i):
                    self.fout(
                        pad, "required", f"Sleutel '{sleutel}' ontbreekt (nodig voor een nieuwe sleutel)."
                    )
            url = (t.get("webhook") or {}).get("url")
            if url and (reden := services.webhook_url_fout(url)):
                self.fout((*pad, "webhook", "url"), "invalid", reden)
            if "scopes" in t and "geldigTot" in t:
                for sleutel, reden in policies.token_fouten(
                    scopes=t["scopes"], geldig_tot=t["geldigTot"], vandaag=self.vandaag
                ).items():
                    self.fout((*pad, sleutel), "invalid", reden)

    def ruw_item(self, sectie: str, i: int) -> dict:
        item = (self.ruw.get(sectie) or [])[i]
        return item if isinstance(item, dict) else {}


# --- applying -------------------------------------------------------------------------------------


def _verschil(obj: Any, waarden: dict[str, tuple[str, Any]]) -> list[str]:
    """Set `waarden` (model field → (file key, value)) on `obj`; the file keys that changed."""
    gewijzigd = []
    for veld, (sleutel, waarde) in waarden.items():
        if getattr(obj, veld) != waarde:
            setattr(obj, veld, waarde)
            gewijzigd.append(sleutel)
    return gewijzigd


def _audit(
    obj: Any, velden: list[str], vv: Verwerkingsverantwoordelijke | None, koppeling: dict | None = None
) -> None:
    """A system entry naming the controller it concerns, so that controller's FG sees it (regional: none)."""
    audit.record(
        actor=ACTOR,
        actie="configuratie.gewijzigd",
        activiteit="beheer-platform",
        object=obj,
        velden=velden,
        verwerkingsverantwoordelijke=str(vv.uuid) if vv else "",
        koppeling=koppeling,
    )


class _Toepassing:
    def __init__(self, controle: _Controle, resultaat: Resultaat):
        self.c = controle
        self.r = resultaat
        self.vv: dict[str, Verwerkingsverantwoordelijke] = {}
        self.profielen: dict[str, Profiel] = {}
        self.orgs: dict[str, Organisatie] = {}
        self.teams: dict[str, Team] = {}
        self.hashes: dict[str, str] = {}

    def alles(self) -> None:
        for _, item in self.c.items["verwerkingsverantwoordelijken"]:
            self.verwerkingsverantwoordelijke(item)
        for _, item in self.c.items["profielen"]:
            self.profiel(item)
        for _, item in self.c.items["organisaties"]:
            self.organisatie(item)
        for _, item in self.c.items["convenanten"]:
            self.convenant(item)
        for _, item in self.c.items["teams"]:
            self.team(item)
        for _, item in self.c.items["gebruikers"]:
            self.gebruiker(item)
        for _, item in self.c.items["apiTokens"]:
            self.api_token(item)

    def _opslaan(self, soort: str, sleutel: str, obj: Any, nieuw: bool, velden: list[str], vv) -> None:
        if nieuw or velden:
            obj.save()
            _audit(obj, velden, vv)
        actie = "aangemaakt" if nieuw else "bijgewerkt" if velden else "ongewijzigd"
        self.r._telling(actie, soort, sleutel, velden)

    def _org(self, code: str) -> Organisatie:
        if code not in self.orgs:
            self.orgs[code] = Organisatie.objects.select_related("verwerkingsverantwoordelijke").get(
                code=code
            )
        return self.orgs[code]

    def _team(self, code: str) -> Team:
        if code not in self.teams:
            self.teams[code] = Team.objects.get(code=code)
        return self.teams[code]

    def verwerkingsverantwoordelijke(self, item: dict) -> None:
        obj = Verwerkingsverantwoordelijke.objects.filter(code=item["code"]).first()
        nieuw = obj is None
        if obj is None:
            obj = Verwerkingsverantwoordelijke(code=item["code"], demo=self.c.demo)
        fg = item.get("fg", {})
        waarden = {"naam": ("naam", item["naam"])}
        for sleutel, veld in (("naam", "fg_naam"), ("email", "fg_email"), ("telefoon", "fg_telefoon")):
            if sleutel in fg:
                waarden[veld] = (f"fg.{sleutel}", fg[sleutel])
        bezwaar = item.get("bezwaar", {})
        for sleutel in ("adres", "email"):
            if sleutel in bezwaar:
                waarden[f"bezwaar_{sleutel}"] = (f"bezwaar.{sleutel}", bezwaar[sleutel])
        velden = _verschil(obj, waarden)
        self._opslaan("verwerkingsverantwoordelijke", item["code"], obj, nieuw, velden, obj)
        self.vv[obj.code] = obj

    def profiel(self, item: dict) -> None:
        obj = Profiel.objects.filter(code=item["code"]).first()
        nieuw = obj is None
        if obj is None:
            obj = Profiel(code=item["code"])
        waarden: dict[str, tuple[str, Any]] = {"naam": ("naam", item["naam"])}
        if "meldrecht" in item:
            waarden["meldrecht_bepaling"] = ("meldrecht", (item["meldrecht"] or {}).get("bepaling", ""))
        if "extraCriteria" in item:
            waarden["extra_criteria"] = ("extraCriteria", item["extraCriteria"])
        vi = item.get("vi", {})
        for sleutel, veld in (
            ("seekAgreement", "vi_seek_agreement"),
            ("criterionL", "vi_criterion_l"),
            ("maxAge", "vi_max_age"),
            ("termMonths", "vi_term_months"),
            ("extensionMonths", "vi_extension_months"),
        ):
            if sleutel in vi:
                waarden[veld] = (f"vi.{sleutel}", vi[sleutel])
        if "wgbo" in item:
            waarden["wgbo"] = ("wgbo", item["wgbo"])
        if "toepasselijkRecht" in item:
            waarden["toepasselijk_recht"] = ("toepasselijkRecht", item["toepasselijkRecht"])
        if "toestemmingEnInformatieplicht" in item:
            waarden["toestemming_en_informatieplicht"] = (
                "toestemmingEnInformatieplicht",
                item["toestemmingEnInformatieplicht"] or "",
            )
        if waarden.get("vi_criterion_l", ("", True))[1] is False:
            waarden["vi_criterion_l_dpia"] = ("vi.criterionL", None)  # (l) off: its DPIA no longer applies
        velden = list(dict.fromkeys(_verschil(obj, waarden)))
        self._opslaan("profiel", item["code"], obj, nieuw, velden, None)
        self.profielen[obj.code] = obj

    def organisatie(self, item: dict) -> None:
        obj = (
            Organisatie.objects.select_related("verwerkingsverantwoordelijke")
            .filter(code=item["code"])
            .first()
        )
        nieuw = obj is None
        if obj is None:
            vv = self.vv.get(
                item["verwerkingsverantwoordelijke"]
            ) or Verwerkingsverantwoordelijke.objects.get(code=item["verwerkingsverantwoordelijke"])
            obj = Organisatie(code=item["code"], verwerkingsverantwoordelijke=vv)
        waarden: dict[str, tuple[str, Any]] = {"naam": ("naam", item["naam"]), "type": ("type", item["type"])}
        if "sectorwetten" in item:
            waarden["sectorwetten"] = ("sectorwetten", item["sectorwetten"])
        if "bestuursorgaan" in item:
            waarden["bestuursorgaan"] = ("bestuursorgaan", item["bestuursorgaan"])
        for sleutel, waarde in item.get("adres", {}).items():
            waarden[f"adres_{sleutel}"] = (f"adres.{sleutel}", waarde)
        if "g5Participatiewet" in item.get("sharing", {}):
            waarden["g5_participatiewet"] = (
                "sharing.g5Participatiewet",
                item["sharing"]["g5Participatiewet"],
            )
        if "profiel" in item:
            code = item["profiel"]
            profiel = (self.profielen.get(code) or Profiel.objects.get(code=code)) if code else None
            waarden["profiel_id"] = ("profiel", profiel.pk if profiel else None)
        velden = _verschil(obj, waarden)
        self._opslaan("organisatie", item["code"], obj, nieuw, velden, obj.verwerkingsverantwoordelijke)
        self.orgs[obj.code] = obj

    def convenant(self, item: dict) -> None:
        obj = Convenant.objects.filter(code=item["code"]).first()
        nieuw = obj is None
        if obj is None:
            obj = Convenant(code=item["code"])
        waarden: dict[str, tuple[str, Any]] = {"naam": ("naam", item["naam"])}
        if "status" in item:
            waarden["status"] = ("status", item["status"])
        for sleutel, waarde in item.get("inhoud", {}).items():
            waarden[INHOUD_VELDEN[sleutel]] = (f"inhoud.{sleutel}", waarde)
        velden = _verschil(obj, waarden)
        if nieuw or velden:
            obj.save()
            _audit(obj, velden, None)  # regional: a joint processing (AC-15)
        for t in item.get("toetredingen", []):
            if self.toetreding(obj, t):
                velden.append("toetredingen")
        actie = "aangemaakt" if nieuw else "bijgewerkt" if velden else "ongewijzigd"
        self.r._telling(actie, "convenant", item["code"], sorted(set(velden), key=velden.index))

    def toetreding(self, convenant: Convenant, item: dict) -> bool:
        org = self._org(item["organisatie"])
        obj = Toetreding.objects.filter(convenant=convenant, organisatie=org, datum=item["datum"]).first()
        nieuw = obj is None
        if obj is None:
            obj = Toetreding(convenant=convenant, organisatie=org, datum=item["datum"])
        velden = _verschil(obj, {"tot": ("einddatum", item["einddatum"])} if "einddatum" in item else {})
        if nieuw or velden:
            obj.save()
            _audit(obj, velden or ["organisatie", "datum"], org.verwerkingsverantwoordelijke)
        return nieuw or bool(velden)

    def team(self, item: dict) -> None:
        obj = Team.objects.filter(code=item["code"]).first()
        nieuw = obj is None
        if obj is None:
            obj = Team(code=item["code"], organisatie=self._org(item["organisatie"]))
        velden = _verschil(obj, {"naam": ("naam", item["naam"])})
        self._opslaan(
            "team",
            item["code"],
            obj,
            nieuw,
            velden,
            self._org(item["organisatie"]).verwerkingsverantwoordelijke,
        )
        self.teams[obj.code] = obj

    def gebruiker(self, item: dict) -> None:
        email = item["email"]
        org = self._org(item["organisatie"])
        obj = Gebruiker.objects.filter(email=email).first()
        nieuw = obj is None
        if obj is None:
            obj = Gebruiker(email=email, organisatie=org)
            if (
                "wachtwoord" in item
            ):  # demo only (checked); one hash per distinct password keeps the demo fast
                if item["wachtwoord"] not in self.hashes:
                    self.hashes[item["wachtwoord"]] = make_password(item["wachtwoord"])
                obj.password = self.hashes[item["wachtwoord"]]
            else:
                obj.set_unusable_password()  # chosen by the user through the activation link
        waarden: dict[str, tuple[str, Any]] = {
            "naam": ("naam", item["naam"]),
            "rollen": ("rollen", sorted(set(item["rollen"]))),
        }
        for sleutel in ("functie", "telefoon"):
            if sleutel in item:
                waarden[sleutel] = (sleutel, item[sleutel])
        if "registratie" in item:
            reg = item["registratie"] or {}
            waarden["registratie_register"] = ("registratie", reg.get("register", ""))
            waarden["registratie_nummer"] = ("registratie", reg.get("nummer", ""))
        if "werkgever" in item:
            # AC-12: employed by the organisation it acts for is stored as none.
            werkgever = item["werkgever"]
            waarden["werkgever"] = (
                "werkgever",
                self._org(werkgever) if werkgever and werkgever != item["organisatie"] else None,
            )
        if "actief" in item:
            waarden["is_active"] = ("actief", item["actief"])
        if "geheimhoudingsverklaringOp" in item:
            datum = item["geheimhoudingsverklaringOp"]
            if obj.geheimhoudingsverklaring_op != datum:
                waarden["geheimhoudingsverklaring_op"] = ("geheimhoudingsverklaringOp", datum)
                waarden["geheimhoudingsverklaring_versie"] = ("geheimhoudingsverklaringOp", PAPIER)
        rollen_voor = [] if nieuw else list(obj.rollen or [])
        velden = _verschil(obj, waarden)
        if nieuw or velden:
            obj.save()
        if "teams" in item:
            teams = {self._team(code) for code in item["teams"]}
            if nieuw or set(obj.teams.all()) != teams:
                obj.teams.set(teams)
                velden.append("teams")
        for m in item.get("mandaten", []):
            if self.mandaat(obj, m, org.verwerkingsverantwoordelijke):
                velden.append("mandaten")
        nieuw_apparaat = None
        if (
            item.get("totp")
            and self.c.demo
            and not TOTPDevice.objects.filter(user=obj, name=DEMO_TOTP).exists()
        ):
            nieuw_apparaat = TOTPDevice.objects.create(user=obj, name=DEMO_TOTP, confirmed=True)
            velden.append("totp")
        velden = list(dict.fromkeys(velden))
        if nieuw or velden:
            # AU-02: which roles the file gave, as the web UI and the API record them
            rollen = nieuw or "rollen" in velden
            _audit(
                obj,
                velden,
                org.verwerkingsverantwoordelijke,
                policies.rollen_koppeling(oud=rollen_voor, nieuw=obj.rollen) if rollen else None,
            )
        self.r._telling(
            "aangemaakt" if nieuw else "bijgewerkt" if velden else "ongewijzigd", "gebruiker", email, velden
        )
        # OIDC users get a link too: it only links the authenticator app (ADR 0007: always a TOTP code).
        if nieuw and "wachtwoord" not in item and obj.is_active:
            self.r.geheimen.append(
                {
                    "soort": "activatielink",
                    "email": email,
                    "organisatie": org.code,
                    "waarde": activatie.activatie_url(obj),
                    "geldigTot": _utc(now() + activatie.GELDIGHEID),
                }
            )
        if nieuw_apparaat is not None:
            self.r.geheimen.append(
                {
                    "soort": "totp",
                    "email": email,
                    "organisatie": org.code,
                    "waarde": totp_geheim(nieuw_apparaat),
                    "geldigTot": None,
                }
            )

    def mandaat(self, gebruiker: Gebruiker, item: dict, vv) -> bool:
        obj = Mandaat.objects.filter(gebruiker=gebruiker, soort=item["soort"], vanaf=item["vanaf"]).first()
        nieuw = obj is None
        if obj is None:
            obj = Mandaat(gebruiker=gebruiker, soort=item["soort"], vanaf=item["vanaf"])
        waarden = {veld: (veld, item[veld]) for veld in ("tot", "besluit") if veld in item}
        velden = _verschil(obj, waarden)
        if nieuw or velden:
            obj.save()
            _audit(obj, velden or ["soort", "vanaf"], vv)
        return nieuw or bool(velden)

    def api_token(self, item: dict) -> None:
        org = self._org(item["organisatie"])
        sleutel = f"{org.code}/{item['naam']}"
        obj = ApiToken.objects.filter(organisatie=org, naam=item["naam"], ingetrokken_op__isnull=True).first()
        if item.get("ingetrokken"):
            if obj is None:
                self.r._telling("ongewijzigd", "api-token", sleutel)
            else:
                services.trek_token_in(actor=ACTOR, token=obj)
                self.r._telling("bijgewerkt", "api-token", sleutel, ["ingetrokken"])
            return
        if obj is not None:
            self.r._telling("ongewijzigd", "api-token", sleutel)
            return
        # New, or the previous one was revoked: issue (API §3.1 "rotate by _intrekken and re-run").
        obj, waarde = services.maak_token(
            actor=ACTOR,
            organisatie=org,
            naam=item["naam"],
            scopes=item["scopes"],
            geldig_tot=item["geldigTot"],
        )
        self.r._telling("aangemaakt", "api-token", sleutel)
        self.r.geheimen.append(
            {
                "soort": "api-token",
                "naam": item["naam"],
                "organisatie": org.code,
                "waarde": waarde,
                "geldigTot": obj.geldig_tot.isoformat(),
            }
        )
        if url := (item.get("webhook") or {}).get("url"):
            self.r.geheimen.append(
                {
                    "soort": "webhook-geheim",
                    "naam": item["naam"],
                    "organisatie": org.code,
                    "waarde": services.zet_webhook(actor=ACTOR, token=obj, url=url),
                    "geldigTot": obj.geldig_tot.isoformat(),
                }
            )


def totp_geheim(apparaat) -> str:
    """The base32 secret an authenticator app takes."""
    return base64.b32encode(apparaat.bin_key).decode()


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
