"""Forms of the beheerder's table-type pages (SPEC §8, CT-01, CT-16). Like the case-table forms they only
parse what was typed; `casusoverleg.services` decides, and its Dutch reasons are put next to the fields.
Partners are a fixed number of rows so the page works without JavaScript; a row without organisation and
task is ignored (a template only suggests roles)."""

from __future__ import annotations

from typing import cast

from django import forms

from zorgvuldig.casusoverleg import policies
from zorgvuldig.registers.catalogus import GRONDSLAGEN
from zorgvuldig.ui.forms import Formulier
from zorgvuldig.ui.forms_casus import GRONDEN, SOORTEN, _stijl
from zorgvuldig.ui.forms_dossier import _keuzelijst, _regel, _tekstveld, regels
from zorgvuldig.ui.forms_vi import RADIO

PARTNERRIJEN = 8

PARTNERROLLEN = {
    policies.ZORG: "Zorg (bijvoorbeeld jeugdhulp, ggz, verslavingszorg)",
    policies.POLITIE: "Politie",
    policies.OM: "Openbaar Ministerie",
    policies.OVERHEID: "Overheid (bijvoorbeeld gemeente, leerplicht)",
}
TOESTEMMINGSMODI = {
    policies.REQUIRED: "Toestemming nodig: zonder toestemming brengt zorg alleen in op grond G4 tot en "
    "met G7",
    policies.INFORM_ONLY: "Informeren is genoeg: zorg brengt in op toestemming of een grond uit SH-03",
}
STATUS = {"concept": "Concept", "actief": "Actief"}


def _getal(label: str, help_text: str = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        help_text=help_text,
        error_messages={"invalid": "Vul een heel getal in."},
    )


class SjabloonFormulier(Formulier):
    """Step 1 of a new table type: one of the six kinds of SPEC §8 as a ready-made template."""

    sjabloon = forms.ChoiceField(
        label="Met welk soort overleg begint u?",
        choices=[(k, SOORTEN.get(k, k)) for k in policies.SJABLONEN],
        help_text="Het sjabloon vult doel, criteria, leeftijd en bewaartermijn alvast in. U kunt alles "
        "daarna nog aanpassen.",
        widget=forms.RadioSelect(attrs=dict(RADIO)),
        error_messages={
            "required": "Kies een soort overleg.",
            "invalid_choice": "Kies een van de mogelijkheden.",
        },
    )


class OverlegtypeFormulier(Formulier):
    """A table type with its partners. `met_convenant=False` for editing: the convenant stays as it is."""

    VELDNAMEN = {"bewaartermijnMaanden": "bewaartermijn_maanden"}

    naam = _regel("Naam van het overleg", max_length=200)
    soort = _keuzelijst("Soort overleg", list(SOORTEN.items()), leeg="Kies het soort overleg")
    doel = _tekstveld(
        "Doel",
        "Waarvoor is dit overleg? Het overleg gebruikt gegevens alleen voor dit doel (CT-03).",
        max_length=2000,
    )
    grondslag = _keuzelijst(
        "Grondslag (AVG artikel 6 lid 1)",
        list(GRONDSLAGEN.items()),
        "De FG keurt de grondslag goed (CT-16).",
        leeg="Kies de grondslag",
    )
    criteria = _tekstveld(
        "Criteria voor aanmelding",
        "Eén criterium per regel. Bij de aanmelding wordt elk criterium met ja of nee beantwoord (CT-02).",
        max_length=4000,
    )
    minimumleeftijd = _getal("Minimumleeftijd (jaren)", "Van 0 tot en met 120 jaar.")
    toestemmingsmodus = forms.ChoiceField(
        label="Toestemming van de cliënt",
        choices=list(TOESTEMMINGSMODI.items()),
        required=False,
        help_text="Wat geldt als een zorgpartner inbrengt zonder toestemming van de cliënt (CT-08)?",
        widget=forms.RadioSelect(attrs=dict(RADIO)),
        error_messages={"invalid_choice": "Kies een van de mogelijkheden."},
    )
    bewaartermijn_maanden = _getal(
        "Bewaartermijn (maanden)", "Zo lang worden gegevens na het sluiten bewaard. Van 1 tot en met 240."
    )
    convenant = _keuzelijst(
        "Convenant",
        [],
        "Alle partners moeten tot dit convenant zijn toegetreden voordat u het type activeert (CT-01).",
        leeg="Kies het convenant",
    )

    def __init__(self, *args, organisaties, convenanten=(), met_convenant: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if met_convenant:
            cast(forms.ChoiceField, self.fields["convenant"]).choices = [
                ("", "Kies het convenant"),
                *[(c.code, f"{c.naam} ({c.code}, {c.get_status_display().lower()})") for c in convenanten],
            ]
        else:
            del self.fields["convenant"]
        org_keuzes = [("", "Geen partner in deze rij"), *[(str(o.uuid), o.naam) for o in organisaties]]
        for i in range(1, PARTNERRIJEN + 1):
            self.fields[f"partner_{i}_organisatie"] = _stijl(
                forms.ChoiceField(
                    label=f"Organisatie van partner {i}",
                    choices=org_keuzes,
                    required=False,
                    error_messages={"invalid_choice": "Kies een van de mogelijkheden."},
                )
            )
            self.fields[f"partner_{i}_taak"] = _stijl(
                forms.CharField(label=f"Taak van partner {i} aan tafel", max_length=500, required=False)
            )
            self.fields[f"partner_{i}_rol"] = _stijl(
                _keuzelijst(f"Rol van partner {i}", list(PARTNERROLLEN.items()), leeg="Kies de rol")
            )
            self.fields[f"partner_{i}_grond"] = _stijl(
                _keuzelijst(
                    f"Grond van partner {i} om in te brengen", list(GRONDEN.items()), leeg="Kies de grond"
                )
            )
        self.rijen: list[int] = []  # the form rows of the partners sent to the service, in order

    @property
    def algemeen(self) -> list:
        return [self[n] for n in self.fields if not n.startswith("partner_")]

    @property
    def partnerrijen(self) -> list[dict]:
        return [
            {
                "nummer": i,
                "velden": [self[f"partner_{i}_{v}"] for v in ("organisatie", "taak", "rol", "grond")],
            }
            for i in range(1, PARTNERRIJEN + 1)
        ]

    def veld_van(self, naam: str) -> str:
        """The service's `partners.<n>.<veld>` → the form row it came from."""
        delen = naam.split(".")
        if (
            len(delen) == 3
            and delen[0] == "partners"
            and delen[1].isdigit()
            and int(delen[1]) < len(self.rijen)
        ):
            return f"partner_{self.rijen[int(delen[1])]}_{delen[2]}"
        return self.VELDNAMEN.get(naam, naam)

    def data_voor_service(self) -> dict:
        d = self.cleaned_data
        partners = []
        self.rijen = []
        for i in range(1, PARTNERRIJEN + 1):
            rij = {
                v: (d.get(f"partner_{i}_{v}") or "").strip() for v in ("organisatie", "taak", "rol", "grond")
            }
            if rij["organisatie"] or rij["taak"]:  # a suggested role alone is no partner yet
                partners.append(rij)
                self.rijen.append(i)
        data = {
            "naam": d.get("naam") or "",
            "soort": d.get("soort") or "",
            "doel": d.get("doel") or "",
            "grondslag": d.get("grondslag") or "",
            "criteria": regels(d.get("criteria")),
            "minimumleeftijd": d.get("minimumleeftijd"),
            "partners": partners,
            "toestemmingsmodus": d.get("toestemmingsmodus") or "",
            "bewaartermijn_maanden": d.get("bewaartermijn_maanden"),
        }
        if "convenant" in self.fields:
            data["convenant"] = d.get("convenant") or ""
        return data


def beginwaarden(bron: dict, soort: str) -> dict:
    """A template (`policies.SJABLONEN`) or a stored type as the form's initial values."""
    waarden = {
        "naam": bron.get("naam", ""),
        "soort": soort,
        "doel": bron.get("doel", ""),
        "grondslag": bron.get("grondslag", ""),
        "criteria": "\n".join(bron.get("criteria") or []),
        "minimumleeftijd": bron.get("minimumleeftijd"),
        "toestemmingsmodus": bron.get("toestemmingsmodus", ""),
        "bewaartermijn_maanden": bron.get("bewaartermijn_maanden"),
    }
    if "partners" in bron:
        for i, p in enumerate(bron["partners"][:PARTNERRIJEN], start=1):
            for v in ("organisatie", "taak", "rol", "grond"):
                waarden[f"partner_{i}_{v}"] = p.get(v, "")
    else:  # a template suggests the roles, the beheerder picks the organisations
        for i, rol in enumerate(bron.get("partnerrollen") or [], start=1):
            waarden[f"partner_{i}_rol"] = rol
            grond = policies.STATUTAIRE_GROND.get(rol)
            if grond:
                waarden[f"partner_{i}_grond"] = grond
    if "convenant" in bron:
        waarden["convenant"] = bron["convenant"]
    return waarden
