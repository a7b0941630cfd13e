"""The data-category registry (DESIGN §5.6): every model field has a category, every model a retention rule.

Models declare `DATACATEGORIEEN = {field: category}` and `BEWAARREGEL = rule`. `ontbrekend()` lists what is
missing; it runs as a Django system check at start-up (RT-10) and in the test suite.
"""

from __future__ import annotations

from django.apps import apps
from django.core import checks

from zorgvuldig.bewaren.policies import REGELS

CATEGORIEEN = {
    "technisch": "Technische sleutel, tijdstempel of referentie zonder betekenis over een persoon",
    "organisatorisch": "Gegevens over organisaties, rollen, configuratie",
    "medewerker": "Gegevens van medewerkers (naam, functie, contact)",
    "authenticatie": "Wachtwoord-hash en andere inloggegevens",
    "sleutel": "Versleutelde sleutels",
    "identificerend": "Naam, geboortedatum en andere identificerende gegevens van betrokkenen",
    "bsn": "Burgerservicenummer (versleuteld of als blinde index)",
    "adres": "Adres van betrokkenen (kan geheim zijn, PE-03)",
    "contact": "Telefoon en e-mail van betrokkenen",
    "relatie": "Relaties en huishouden van betrokkenen",
    "gevoelig": "Beoordelingen van bekwaamheid en wilsonbekwaamheid",
    "vrije_tekst": "Vrije tekst (redenen, toelichtingen)",
    "bijzonder": "Bijzondere categorie (gezondheid, ras, religie, seksuele leven, …)",
    "strafrechtelijk": "Strafrechtelijke gegevens",
    "verstrekking": "Verstrekkingenregister (ontvanger, doel, grond)",
    "pseudoniem": "Pseudoniem van een betrokkene in het logboek",
    "audit": "Logboekgegevens (handeling, doel, grondslag, status)",
}

# The categories as a client reads them in the inzage answer (RI-05; B1): what the data are about, not how
# they are stored ("blinde index") or which rule marks them.
CATEGORIEEN_CLIENT = {
    "identificerend": "Naam, geboortedatum en andere gegevens die laten zien wie iemand is",
    "bsn": "Burgerservicenummer (BSN). Wij bewaren het zo dat anderen het niet kunnen lezen.",
    "adres": "Adres",
    "contact": "Telefoonnummer en e-mailadres",
    "relatie": "Gezin, familie en andere mensen in de omgeving",
    "gevoelig": "Of iemand zelf beslissingen kan nemen",
    "vrije_tekst": "Wat hulpverleners opschreven",
    "bijzonder": "Gevoelige gegevens, zoals over gezondheid",
    "strafrechtelijk": "Gegevens over politie en justitie",
    "verstrekking": "Aan wie wij gegevens gaven, waarvoor en waarom dat mocht",
}
_CATEGORIE_VAN_TEKST = {tekst: code for code, tekst in CATEGORIEEN.items()}


def categorie_voor_client(code_of_tekst: str) -> str:
    """A category as a client reads it; takes the staff description too (stored answers of earlier
    requests hold those), so every answer reads the same."""
    from zorgvuldig.core.teksten import zonder_spec_ids

    code = code_of_tekst if code_of_tekst in CATEGORIEEN else _CATEGORIE_VAN_TEKST.get(code_of_tekst)
    if code in CATEGORIEEN_CLIENT:
        return CATEGORIEEN_CLIENT[code]
    return zonder_spec_ids(code_of_tekst)


# One rule per record type (RT-10), kept in the retention engine with its start event, term and derivation.
BEWAARREGELS = {code: regel.omschrijving for code, regel in REGELS.items()}

EIGEN_APPS = {
    "datalekken",
    "toegangsbewaking",
    "monitoring",
    "core",
    "audit",
    "organisaties",
    "toegang",
    "registers",
    "personen",
    "verstrekkingen",
    "taken",
    "convenanten",
    "berichten",
    "verwijsindex",
    "dossiers",
    "toestemmingen",
    "casusoverleg",
    "rechten",
    "bewaren",
    "werkvoorraad",
}


def ontbrekend() -> list[str]:
    problems = []
    for model in apps.get_models():
        if model._meta.app_label not in EIGEN_APPS:
            continue
        name = f"{model._meta.app_label}.{model.__name__}"
        declared = getattr(model, "DATACATEGORIEEN", None) or {}
        regel = getattr(model, "BEWAARREGEL", None)
        if regel not in BEWAARREGELS:
            problems.append(f"{name}: no retention rule (BEWAARREGEL)")
        elif REGELS[regel].eenheid and not _valt_onder_eenheid(model, regel):
            problems.append(f"{name}: rule {regel!r} needs a retention row or a CASCADE link to one (RT-10)")
        for field in model._meta.get_fields():
            if field.auto_created and not field.concrete:
                continue  # reverse relations belong to the other model
            cat = declared.get(field.name)
            if cat is None:
                problems.append(f"{name}.{field.name}: no data category")
            elif cat not in CATEGORIEEN:
                problems.append(f"{name}.{field.name}: unknown data category {cat!r}")
    return problems


def _valt_onder_eenheid(model, regel: str, gezien: frozenset = frozenset()) -> bool:
    """RT-10: a model of a rule with its own dates is a unit (bewaren.eenheden), or is deleted by CASCADE
    with a model of the same rule that is — so the sweep cannot leave it behind."""
    from django.db import models

    from zorgvuldig.bewaren.eenheden import van_model

    if van_model(model) is not None:
        return True
    for field in model._meta.concrete_fields:
        doel = field.related_model if field.is_relation else None
        if (
            doel is not None
            and doel not in gezien
            and field.remote_field.on_delete is models.CASCADE
            and getattr(doel, "BEWAARREGEL", None) == regel
            and _valt_onder_eenheid(doel, regel, gezien | {model})
        ):
            return True
    return False


@checks.register("zorgvuldig")
def check_datacategorieen(app_configs=None, **kwargs):
    return [checks.Error(p, id="zorgvuldig.E001") for p in ontbrekend()]
