"""The data-category registry (DESIGN §5.6): every model field has a category, every model a retention rule.

Models declare `DATACATEGORIEEN = {field: category}` and `BEWAARREGEL = rule`. `ontbrekend()` lists what is
missing; it runs as a Django system check at start-up (RT-10) and in the test suite.
"""

from __future__ import annotations

from django.apps import apps
from django.core import checks

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

BEWAARREGELS = {
    "configuratie": "Zolang de configuratie geldt; daarna retention.admin_years",
    "administratie": "retention.admin_years (5) na beëindiging",
    "register": "retention.admin_years (5) na vervanging of beëindiging",
    "sleutel": "Zolang er gegevens onder de sleutel staan",
    "persoon": "Tot het laatste dossier of signaal over de persoon is vernietigd (SPEC §10)",
    "toegang": "Met het object waarop de toegang betrekking heeft",
    "verstrekking": "Met het dossier of de casus; niet zolang verstrekte gegevens bestaan (SPEC §10)",
    "audit": "retention.audit_years (7), als ketenbegin tot een ondertekend controlepunt (AU-03)",
    "pseudoniem": "Tot de gegevens van de betrokkene zijn vernietigd (AU-07)",
    "idempotentie": "24 uur (API §1.6)",
    "signaal": "Tot de verwijderdatum of intrekking (VI-16); dan alleen het archiefrecord (RT-04)",
    "vi_archief": "vi.archive_months (24) na het einde van het signaal (VI-21, RT-04)",
    "dossier": "retention.dossier_years (15): vernietigen op 1 januari van eindjaar + 15 (RT-01)",
    "zorgsignaal": "retention.unconfirmed_signal_months (6) na ontvangst zonder melding (RT-05)",
    "toestemming": "retention.consent_years (5) na verval of intrekking, niet vóór verstrekkingen erop",
    "casusoverleg": "Termijn van het overlegtype na sluiten (RT-08); overdracht via het deelbesluit",
    "bericht": "Tekst gewist na bezorging; adres en onderwerp als administratie (retention.admin_years)",
}

EIGEN_APPS = {
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
        for field in model._meta.get_fields():
            if field.auto_created and not field.concrete:
                continue  # reverse relations belong to the other model
            cat = declared.get(field.name)
            if cat is None:
                problems.append(f"{name}.{field.name}: no data category")
            elif cat not in CATEGORIEEN:
                problems.append(f"{name}.{field.name}: unknown data category {cat!r}")
    return problems


@checks.register("zorgvuldig")
def check_datacategorieen(app_configs=None, **kwargs):
    return [checks.Error(p, id="zorgvuldig.E001") for p in ontbrekend()]
