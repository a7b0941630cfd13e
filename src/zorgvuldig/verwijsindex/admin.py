"""The region's `vi.*` settings in the admin (configuration only, AC-06). Saving goes through the
service, so the change is audited (AU-02) and family matching needs its basis (VI-22). Widening the field
set or switching family matching on is the FG's, not the admin's (GP-04)."""

from __future__ import annotations

from django import forms
from django.contrib import admin

from zorgvuldig.core.context import Actor
from zorgvuldig.verwijsindex import policies, services
from zorgvuldig.verwijsindex.models import Instellingen

VELDEN = ["field_set", "match_scope", "family_matching", "huishoudverwerking", "archive_months", "exit_days"]
VELD_VAN = {  # the API key of a bound (policies.instellingen_fouten) → the form field
    "fieldSet": "field_set",
    "matchScope": "match_scope",
    "archiveMonths": "archive_months",
    "exitDays": "exit_days",
    "huishoudverwerking": "huishoudverwerking",
}


class InstellingenForm(forms.ModelForm):
    class Meta:
        model = Instellingen
        fields = VELDEN

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        fouten = policies.instellingen_fouten(
            field_set=data["field_set"],
            match_scope=data["match_scope"],
            archive_months=data["archive_months"],
            exit_days=data["exit_days"],
            huishoudverwerking=(data.get("huishoudverwerking") or "").strip(),
        )
        for sleutel, reden in fouten.items():
            self.add_error(VELD_VAN[sleutel], reden)
        fout = policies.familie_matching_fout(
            aan=bool(data.get("family_matching")),
            field_set=data.get("field_set") or policies.STATUTORY,
            huishoudverwerking_goedgekeurd=bool((data.get("huishoudverwerking") or "").strip()),
        )
        if fout:
            raise forms.ValidationError(fout, code="E_VI_FAMILY_MATCH_BASIS")
        oud = {k: getattr(self.instance, k) for k in ("field_set", "family_matching")}
        if policies.verruimingen(oud=oud, nieuw=data):
            # GP-04, VI-22: widening is the FG's, with an approved DPIA; the admin is the beheerder's
            raise forms.ValidationError(
                "Meer gegevens opslaan of gezinnen matchen beslist alleen de FG, met een goedgekeurde DPIA "
                "van de verwijsindex (PATCH /api/v1/instellingen met verruimingDpia; GP-04, VI-22).",
                code="E_VI_CRITERION_DISABLED",
            )
        return data


@admin.register(Instellingen)
class InstellingenAdmin(admin.ModelAdmin):
    form = InstellingenForm
    list_display = tuple(VELDEN)

    def has_add_permission(self, request) -> bool:
        return not Instellingen.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change) -> None:
        services.wijzig_instellingen(actor=Actor.voor(request.user, kanaal="ui"), **form.cleaned_data)
