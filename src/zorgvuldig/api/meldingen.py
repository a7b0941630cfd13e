"""Dutch for the field messages Django REST framework's own Dutch catalogue leaves in English (API §1.5:
`reason` is Dutch), and one wording for dates. Applied once at start-up (`core.apps`)."""

from __future__ import annotations

from rest_framework import fields

NEDERLANDS: dict[type[fields.Field], dict[str, str]] = {
    fields.CharField: {"invalid": "Verwacht tekst."},
    fields.BooleanField: {"invalid": "Verwacht true of false."},
    fields.UUIDField: {"invalid": "Verwacht een geldige UUID."},
    fields.IntegerField: {"max_string_length": "Het getal is te lang."},
    fields.FloatField: {"overflow": "Het getal is te groot."},
    fields.DateField: {
        "invalid": "Verwacht een datum als JJJJ-MM-DD.",
        "datetime": "Verwacht een datum, geen tijdstip.",
    },
    fields.DateTimeField: {
        "invalid": "Verwacht een tijdstip als RFC 3339 (JJJJ-MM-DDTuu:mm:ss met tijdzone).",
        "date": "Verwacht een tijdstip, geen datum.",
        "make_aware": "Dit tijdstip bestaat niet in de tijdzone {timezone}.",
        "overflow": "Het tijdstip valt buiten het bereik.",
    },
    fields.ListField: {
        "min_length": "Geef ten minste {min_length} waarden.",
        "max_length": "Geef ten hoogste {max_length} waarden.",
    },
    fields.DictField: {"empty": "Dit object mag niet leeg zijn."},
    fields.SlugField: {"invalid_unicode": "Alleen letters, cijfers, liggende streepjes en koppeltekens."},
}


def nederlands() -> None:
    for veldklasse, meldingen in NEDERLANDS.items():
        veldklasse.default_error_messages = {**veldklasse.default_error_messages, **meldingen}
