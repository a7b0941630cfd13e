"""Domain errors with stable codes and Dutch text (DESIGN §3, API §1.5).

A service refuses by raising `DomainError(code, detail, invalid_params)`. The code fixes the HTTP status
and the Dutch title; `detail` names the rule and never holds personal data.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Code:
    status: int
    title: str


# The one table of error codes (API §1.5); later modules add theirs here, next to the others.
CODES: dict[str, Code] = {
    "E_INVALID_INPUT": Code(400, "Ongeldige invoer"),
    "E_UNAUTHENTICATED": Code(401, "Niet aangemeld"),
    "E_NOT_FOUND": Code(404, "Niet gevonden"),
    "E_METHOD_NOT_ALLOWED": Code(405, "Methode niet toegestaan"),
    "E_NOT_ACCEPTABLE": Code(406, "Gevraagd formaat niet beschikbaar"),
    "E_UNSUPPORTED_MEDIA_TYPE": Code(415, "Formaat van de invoer niet ondersteund"),
    "E_THROTTLED": Code(429, "Te veel verzoeken"),
    "E_SERVER": Code(500, "Interne fout"),
    "E_STATE_CONFLICT": Code(409, "Niet mogelijk in deze status"),
    "E_IDEMPOTENCY_CONFLICT": Code(409, "Verzoek met deze Idempotency-Key loopt al of verschilt"),
    "E_NO_PURPOSE": Code(400, "Geen (toegestaan) verwerkingsdoel"),
    # Access (AC)
    "E_AC_NOT_AUTHORISED": Code(403, "Geen toegang"),
    "E_AC_NOT_SIGNATORY": Code(403, "Organisatie is geen deelnemer aan het convenant"),
    "E_AC_NOT_MANDATED": Code(403, "Gebruiker is niet gemandateerd"),
    "E_AC_ADMIN_CONTENT": Code(403, "Beheerders hebben geen toegang tot inhoud"),
    "E_AC_NO_UNDERTAKING": Code(403, "Geheimhoudingsverklaring nog niet aanvaard"),
    "E_AC_GRANT_EXPIRED": Code(403, "Toegang verlopen"),
    "E_AC_BREAKGLASS_REASON": Code(400, "Noodtoegang vraagt concrete aanwijzingen"),
    "E_AC_PARTNER_DATA": Code(403, "Partnergegevens alleen via de medewerker van die partner"),
    # Persons (PE)
    "E_PE_BSN_REQUIRED": Code(400, "BSN vereist"),
    "E_PE_BSN_INVALID": Code(400, "Ongeldig BSN"),
    "E_PE_AGE_UNKNOWN": Code(409, "Leeftijd onbekend"),
    "E_PE_RELATION_INVALID": Code(400, "Relatie niet toegestaan"),
    # Verwijsindex (VI)
    "E_VI_AGE": Code(400, "Signaal niet toegestaan"),
    "E_VI_NO_CRITERION": Code(400, "Geen criterium of vermoeden"),
    "E_VI_NO_BASIS": Code(400, "Instemming of afweging ontbreekt"),
    "E_VI_INFO_DUTY": Code(400, "Informatieplicht niet vastgelegd"),
    "E_VI_FIELD_NOT_ALLOWED": Code(400, "Veld niet toegestaan in de verwijsindex"),
    "E_VI_NO_MELDRECHT": Code(403, "Geen meldrecht"),
    "E_VI_DUPLICATE": Code(409, "Er is al een actief signaal"),
    "E_VI_EXTEND_WINDOW": Code(409, "Verlengen nu niet mogelijk"),
    "E_VI_CONTACT_FIRST": Code(409, "Eerst contact tussen signaleerders"),
    "E_VI_CRITERION_DISABLED": Code(409, "Criterium staat uit"),
    "E_VI_FAMILY_MATCH_BASIS": Code(409, "Geen grondslag voor gezinsmatching"),
    # Dossier (DS)
    "E_DS_NOTE_TYPE": Code(400, "Notitie zonder soort of bron"),
    "E_DS_SPECIAL_BASIS": Code(400, "Geen grondslag voor bijzondere persoonsgegevens"),
    "E_DS_HIDDEN_IN_JOINT_PLAN": Code(400, "Afgeschermd item in gezamenlijk plan"),
    # Consent (CS)
    "E_CS_NOT_SPECIFIC": Code(400, "Toestemming niet specifiek"),
    "E_CS_WRONG_GIVER": Code(400, "Verkeerde gever van toestemming"),
    "E_CS_PARENT_OBJECTS": Code(409, "Een gezaghebbende ouder maakt bezwaar"),
    # Sharing decisions (SH)
    "E_SH_NO_PURPOSE": Code(400, "Verzoek zonder doel en context"),
    "E_SH_NO_BASIS": Code(400, "Geen grondslag"),
    "E_SH_NOT_NECESSARY": Code(400, "Niet noodzakelijk"),
    "E_SH_SPECIAL_BASIS": Code(400, "Geen grond voor bijzondere gegevens"),
    "E_SH_NO_GROUND": Code(400, "Geen grond om te delen"),
    "E_SH_INFORM_GROUND": Code(400, "Informeren niet geregeld"),
    "E_SH_RIGHTS": Code(400, "Rechten van de cliënt niet geborgd"),
    "E_SH_RECIPIENT_TASK_ONLY": Code(400, "Alleen voor de taak van de ontvanger"),
    "E_SH_COD_NOT_MET": Code(400, "Niet voldaan aan conflict van plichten"),
    "E_SH_NO_WRITTEN_REQUEST": Code(400, "Geen schriftelijk verzoek"),
    "E_SH_CONSULT_REQUIRED": Code(409, "Eerst de leidinggevende raadplegen"),
    "E_SH_ENRICH_WINDOW": Code(409, "Buiten de termijn voor verrijken"),
    "E_SH_G5_DISABLED": Code(403, "Verstrekken aan toezichthouder staat uit"),
    # Case tables (CT)
    "E_CT_MIN_AGE": Code(400, "Jonger dan de minimumleeftijd van het overleg"),
    "E_CT_NO_GROUND": Code(400, "Geen grond om in te brengen"),
    # Rights (RI)
    "E_RI_NOT_ENTITLED": Code(400, "Niet bevoegd dit recht uit te oefenen"),
    "E_RI_EXTENSION_LATE": Code(409, "Termijn niet meer te verlengen"),
    # Registers (RG)
    "E_RG_CONVENANT_INCOMPLETE": Code(409, "Convenant onvolledig"),
    # Reports (RP)
    "E_RP_MONITORING_NOT_APPROVED": Code(409, "Bewaking van toegangspatronen niet toegestaan"),
}


@dataclass
class InvalidParam:
    name: str
    code: str
    reason: str

    def as_dict(self) -> dict[str, str]:
        return {"name": self.name, "code": self.code, "reason": self.reason}


@dataclass
class DomainError(Exception):
    """A refusal. Changes nothing; the caller audits it (AU-04)."""

    code: str
    detail: str
    invalid_params: list[InvalidParam] = field(default_factory=list)
    # Rarely, one code answers two statuses by context (E_VI_CRITERION_DISABLED: 409 enabling, 400 using).
    http_status: int | None = None

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown error code {self.code}")
        super().__init__(self.code, self.detail)

    @property
    def status(self) -> int:
        return self.http_status or CODES[self.code].status

    @property
    def title(self) -> str:
        return CODES[self.code].title


class NotFound(DomainError):
    """Missing or not visible: the two must be indistinguishable (DESIGN §5.2)."""

    def __init__(self) -> None:
        super().__init__("E_NOT_FOUND", "Het gevraagde object bestaat niet of is niet zichtbaar voor u.")


def problem(code: str, detail: str, *, trace_id: str | None = None, invalid_params=None, status=None) -> dict:
    """The RFC 9457 problem body."""
    body: dict = {
        "type": f"urn:zorgvuldig:fout:{code}",
        "title": CODES[code].title,
        "status": status or CODES[code].status,
        "detail": detail,
        "code": code,
    }
    if trace_id:
        body["traceId"] = trace_id
    if invalid_params:
        body["invalidParams"] = [p.as_dict() if isinstance(p, InvalidParam) else p for p in invalid_params]
    return body


def weiger(fouten, detail: str | None = None, code: str | None = None) -> None:
    """Raise a rule's failures (objects with `code`, `naam`, `reden`) as one refusal, or return if none.

    `code` (default: the first failure's) decides status and title; a lone failure's reason is the detail,
    several share `detail`; `invalidParams` lists them all (API §1.5).
    """
    fouten = list(fouten)
    if not fouten:
        return
    code = code or fouten[0].code
    eerste = next(f for f in fouten if f.code == code)
    raise DomainError(
        code,
        eerste.reden if len(fouten) == 1 or not detail else detail,
        [InvalidParam(f.naam, f.code, f.reden) for f in fouten],
    )
