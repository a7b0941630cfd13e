"""Pure rules for partner-system credentials (API §1.4, AC-08). No database, no clock."""

from __future__ import annotations

import datetime as dt

from zorgvuldig.toegang.policies import CONTENT_ROLLEN, MANDAAT_SCOPES, MANDAAT_VEREIST_ROL

# A partner system acts in the verwijsindex only (API §1.4: at most the three VI scopes).
PARTNER_SCOPES = frozenset({"signaal:registreren", "signaal:beheren", "match:behandelen"})
MAX_GELDIGHEID_DAGEN = 731  # a credential is re-issued at least every two years


def token_status(*, ingetrokken: bool, geldig_tot: dt.date, vandaag: dt.date) -> str:
    """`actief`, `verlopen` or `ingetrokken`, derived at read time (RT-12)."""
    if ingetrokken:
        return "ingetrokken"
    if vandaag > geldig_tot:
        return "verlopen"
    return "actief"


def token_fouten(*, scopes: list[str], geldig_tot: dt.date, vandaag: dt.date) -> dict[str, str]:
    """Why a new credential may not be issued, per field (empty: it may)."""
    fouten = {}
    if not scopes:
        fouten["scopes"] = "Kies ten minste één scope."
    elif not set(scopes) <= PARTNER_SCOPES:
        niet = ", ".join(sorted(set(scopes) - PARTNER_SCOPES))
        fouten["scopes"] = f"Een partnersysteem krijgt alleen verwijsindex-scopes, niet: {niet}."
    if geldig_tot < vandaag:
        fouten["geldigTot"] = "De einddatum ligt in het verleden."
    elif (geldig_tot - vandaag).days > MAX_GELDIGHEID_DAGEN:
        fouten["geldigTot"] = "Een API-sleutel is hoogstens twee jaar geldig."
    return fouten


def namens_weigering(
    *,
    gevonden: bool,
    actief: bool,
    zelfde_organisatie: bool,
    heeft_verklaring: bool,
    token_scopes: frozenset[str],
    rollen: frozenset[str],
    mandaten: frozenset[str],
) -> str | None:
    """AC-08: the professional a partner call names must be an active user of the token's own
    organisation and, for a token with verwijsindex scopes, one of its individually mandated users:
    a `vi_signaleren` mandate valid today (`mandaten`) in a role that can hold it. A role alone — the
    *leidinggevende*'s `signaal:beheren` — is no mandate: a token could otherwise read the
    organisation's signals in the name of anyone with that role (security review: a beheerder-made
    token naming an unmandated leidinggevende). Every failure looks the same to the caller, and the
    mandate comes before the undertaking so the answer says nothing about the named person (AC-07)."""
    if not (gevonden and actief and zelfde_organisatie):
        return "E_AC_NOT_MANDATED"
    if token_scopes & PARTNER_SCOPES and not (
        "vi_signaleren" in mandaten and rollen & MANDAAT_VEREIST_ROL["vi_signaleren"]
    ):
        return "E_AC_NOT_MANDATED"
    if not heeft_verklaring:
        return "E_AC_NO_UNDERTAKING"
    return None


def partner_weigering(
    *, token_scopes: frozenset[str], gebruiker_scopes: frozenset[str], scope: str
) -> str | None:
    """AC-08: the token allows the act but the named professional may not do it himself (e.g. has no
    `vi_signaleren` mandate) → `E_AC_NOT_MANDATED`. Other refusals follow the normal scope rule.
    `scope` may name alternatives, `a|b`: either suffices."""
    via_token = [s for s in scope.split("|") if s in token_scopes]
    if via_token and not any(s in gebruiker_scopes for s in via_token):
        return "E_AC_NOT_MANDATED"
    return None


# --- verwijsindex profiles (VI-19, VI-23) ---------------------------------------------------------

VI_MAX_LEEFTIJD = 23  # SPEC §0.2 `vi.max_age`: under 23; a profile may only lower it


def criterion_l_weigering(*, aan: bool, dpia_goedgekeurd: bool, door_fg: bool) -> str | None:
    """VI-23: criterion (l) ships disabled; switching it on needs an approved DPIA and the FG."""
    if aan and not (dpia_goedgekeurd and door_fg):
        return "E_VI_CRITERION_DISABLED"
    return None


# A removal date is capped at the maxAge birthday (VI-16): a longer term than a whole youth never applies.
VI_MAX_TERMIJN_MAANDEN = VI_MAX_LEEFTIJD * 12


def criterion_l_controller_weigering(
    *, dpia_verwerkingsverantwoordelijke: int | None, organisatie_verwerkingsverantwoordelijken: set[int]
) -> str | None:
    """VI-23 per controller (AC-15): criterion (l) rests on one controller's approved DPIA, so a profile
    with (l) on serves only that controller's organisations. `dpia_verwerkingsverantwoordelijke` is None
    when no DPIA is recorded: then it serves none."""
    if any(vv != dpia_verwerkingsverantwoordelijke for vv in organisatie_verwerkingsverantwoordelijken):
        return "E_VI_CRITERION_DISABLED"
    return None


def profiel_vi_fouten(
    *, max_age: int | None, term_months: int | None, extension_months: int | None
) -> dict[str, str]:
    """Why a profile's VI deviations are out of bounds, per API key under `vi` (empty: fine)."""
    fouten = {}
    if max_age is not None and not 1 <= max_age <= VI_MAX_LEEFTIJD:
        fouten["maxAge"] = f"De leeftijdsgrens ligt tussen 1 en {VI_MAX_LEEFTIJD} (VI-02)."
    if term_months is not None and not 1 <= term_months <= VI_MAX_TERMIJN_MAANDEN:
        fouten["termMonths"] = (
            f"De termijn is ten minste één en ten hoogste {VI_MAX_TERMIJN_MAANDEN} maanden (VI-16)."
        )
    if extension_months is not None and not 1 <= extension_months <= VI_MAX_TERMIJN_MAANDEN:
        fouten["extensionMonths"] = (
            f"Een verlenging is ten minste één en ten hoogste {VI_MAX_TERMIJN_MAANDEN} maanden (VI-16)."
        )
    return fouten


def extra_criteria_fouten(criteria: list[dict]) -> dict[int, str]:
    """VI-19: a profile's extra criteria, per position: a code once, and a description (empty: fine)."""
    fouten: dict[int, str] = {}
    gezien: set[str] = set()
    for i, criterium in enumerate(criteria):
        code = (criterium.get("code") or "").strip()
        if not code or not (criterium.get("omschrijving") or "").strip():
            fouten[i] = "Geef elk extra criterium een code en een omschrijving."
        elif code in gezien:
            fouten[i] = "Deze code staat er al."
        gezien.add(code)
    return fouten


# --- import-config guards (API §3.1) ----------------------------------------------------------------


def demo_weigering(
    *, bestand_demo: bool, productie: bool, echte_gegevens: bool, demogegevens: bool
) -> str | None:
    """Fictional and real data never mix: a `demo: true` file (fixed passwords, printed TOTP secrets) is
    refused in production mode and on a database with real data; a real file on a demo database too.
    The reason (Dutch) or None."""
    if bestand_demo and productie:
        return "Een demobestand (demo: true) wordt in productiemodus geweigerd."
    if bestand_demo and echte_gegevens:
        return "Een demobestand (demo: true) wordt geweigerd: deze database bevat echte gegevens."
    if not bestand_demo and demogegevens:
        return (
            "Een bestand met demo: false wordt geweigerd: deze database bevat demogegevens. "
            "Gebruik een lege database."
        )
    return None


# --- a controller and its FG (API §2.1, AC-15) ----------------------------------------------------------


def controller_fouten(*, naam: str, fg_naam: str, fg_email: str) -> dict[str, str]:
    """Why a controller may not be recorded as it would be, per API field (empty: it may). AC-15: every
    controller has its own FG, reachable by e-mail — the contact the verwerkingsregister (AVG art.
    30(1)(a)), breach notices and data subjects need — so a controller is neither recorded without one
    nor changed into one without (a PATCH or an import-config file that empties them)."""
    fouten = {}
    if not naam.strip():
        fouten["naam"] = "Geef de verwerkingsverantwoordelijke een naam."
    if not fg_naam.strip():
        fouten["fg.naam"] = "Noem de functionaris gegevensbescherming (FG) van deze verantwoordelijke."
    if not fg_email.strip():
        fouten["fg.email"] = "Geef het e-mailadres van de FG: daar kunnen betrokkenen en de AP terecht."
    return fouten


# --- separation of duties (AC-06) ----------------------------------------------------------------------

# The technical beheerder reaches no content; the FG and the auditor supervise. None of them may also
# hold another role, or one account could grant itself content or supervise its own work.
ALLEENSTAANDE_ROLLEN = frozenset({"beheerder", "fg", "auditor"})


def rollen_fout(rollen) -> str | None:
    rollen = set(rollen)
    if not rollen:
        return "Kies ten minste één rol."
    for rol in sorted(rollen & ALLEENSTAANDE_ROLLEN):
        if len(rollen) > 1:
            return f"De rol '{rol}' gaat niet samen met een andere rol (functiescheiding)."
    return None


def rollen_koppeling(*, oud, nieuw) -> dict:
    """AU-02: a user's roles before and after a creation or role change, for the audit entry (the FG sees
    which roles were given, not only that `rollen` changed). Roles are configuration, not personal data."""
    return {"rollen": {"oud": sorted(set(oud or [])), "nieuw": sorted(set(nieuw or []))}}


# AC-05, AC-06: content roles that open content without a grant per record, grant it, or supervise it. A
# medewerker opens nothing until a leidinggevende grants it (AC-05): the routine new account is not told.
FG_MELDING_ROLLEN = CONTENT_ROLLEN - {"medewerker"}


def fg_te_melden_rollen(*, oud, nieuw) -> list[str]:
    """AC-05, AC-06, AU-02: the newly granted roles the controller's FG hears of (leidinggevende,
    VI-beheerder, FG, auditor). The FG is the second pair of eyes on what the (technical) beheerder
    grants; taking a role away is no risk and needs no notice."""
    return sorted((set(nieuw or []) - set(oud or [])) & FG_MELDING_ROLLEN)


def zelfbeheer_fout(
    *, zichzelf: bool, rollen_gewijzigd: bool, gedeactiveerd: bool, mandaten_gewijzigd: bool = False
) -> str | None:
    """A beheerder does not change his own roles or mandates or switch off his own account: another
    beheerder does, so no one extends his own rights unseen and the last beheerder cannot lock everyone
    out."""
    if zichzelf and (rollen_gewijzigd or gedeactiveerd or mandaten_gewijzigd):
        return "U kunt uw eigen rollen, mandaten en account niet wijzigen; vraag een andere beheerder."
    return None


# --- who manages whom (API §2.1) ------------------------------------------------------------------------


def beheert_controller(rollen) -> bool:
    """API §2.1 "own organisation (*beheerder*: all)": the technical beheerder keeps the accounts and teams
    of every organisation of **his own controller** (AC-15); others read their own organisation's. Another
    controller's users are that controller's business: a beheerder who could create an account there could
    give himself its content (AC-06). Cross-controller set-up is `import-config`, run by the operator."""
    return "beheerder" in set(rollen or ())


def beheert_organisatie(*, rollen, eigen_organisatie_id, organisatie_id, eigen_vv_id, vv_id) -> bool:
    return eigen_organisatie_id == organisatie_id or (beheert_controller(rollen) and eigen_vv_id == vv_id)


REGISTERS = frozenset({"big", "skj"})


def registratie_fout(register: str, nummer: str) -> str | None:
    """A Wet BIG or SKJ registration has both a register and a number, or neither (→ secrecy-bound)."""
    if register and register not in REGISTERS:
        return "Kies het BIG- of SKJ-register."
    if bool(register) != bool(nummer):
        return "Een registratie heeft een register en een nummer."
    return None


def mandaat_status(vanaf, tot, op) -> str:
    """A mandate's state on `op`, as `Gebruiker.actieve_mandaten` counts it (`tot` is the last day)."""
    if tot is not None and tot < op:
        return "beëindigd"
    return "actief" if vanaf <= op else "nog niet ingegaan"


def mandaten_fouten(mandaten, bestaand=frozenset()) -> list[tuple[str, str, str]]:
    """Why a user's new list of written mandates is refused: (path, code, reason) per problem.

    `mandaten`: [{soort, vanaf, tot}]; `bestaand`: the (soort, vanaf) of the mandates already recorded.
    A mandate is a register entry (kept after it ends): it is ended with `tot`, never dropped from the
    list, and (soort, vanaf) identifies it, as in import-config."""
    fouten = []
    gezien = set()
    for i, m in enumerate(mandaten):
        if m["soort"] not in MANDAAT_SCOPES:
            fouten.append((f"mandaten.{i}.soort", "invalid", "Onbekende soort mandaat."))
        if m.get("tot") is not None and m["tot"] < m["vanaf"]:
            fouten.append((f"mandaten.{i}.tot", "invalid", "Het mandaat eindigt vóór het begint."))
        sleutel = (m["soort"], m["vanaf"])
        if sleutel in gezien:
            fouten.append((f"mandaten.{i}", "invalid", "Dit mandaat (soort en vanaf) staat er al."))
        gezien.add(sleutel)
    if set(bestaand) - gezien:
        fouten.append(
            (
                "mandaten",
                "not_allowed",
                "Een vastgelegd mandaat blijft in de lijst; beëindig het met 'tot'.",
            )
        )
    return fouten


def mandaat_rol_fouten(mandaten, rollen, vandaag) -> list[tuple[int, str]]:
    """AC-08, RI-13: a mandate only works with a role that can use it (signalling: medewerker or
    leidinggevende; deciding on requests: leidinggevende). A running or future mandate of a user without
    such a role would be a register entry that grants nothing, so it is refused: (index, reason) each.
    One that has ended, or ends today, stays as the record it is."""
    fouten = []
    for i, m in enumerate(mandaten):
        nodig = MANDAAT_VEREIST_ROL.get(m["soort"])
        if not nodig or (m.get("tot") is not None and m["tot"] <= vandaag) or set(rollen) & nodig:
            continue
        fouten.append(
            (
                i,
                f"Dit mandaat werkt alleen met de rol {' of '.join(sorted(nodig))}; geef die rol of "
                "beëindig het mandaat met 'tot'.",
            )
        )
    return fouten
