"""The admin serves configuration only: no model with personal content is registered (AC-06).

Controllers and organisations are saved through the services, as over the API: every change is audited
(AU-02) and checked the same way. A beheerder records a new controller with its FG and changes those of
its own controller (AC-15), and sees the others read-only; nothing is deleted here."""

from django import forms
from django.contrib import admin

from zorgvuldig.core.context import Actor
from zorgvuldig.core.errors import DomainError
from zorgvuldig.organisaties import services
from zorgvuldig.organisaties.models import Organisatie, Team, Verwerkingsverantwoordelijke
from zorgvuldig.organisaties.selectors import eigen_verwerkingsverantwoordelijke

VV_VELDEN = [*services.VV_VELDEN, *services.BEZWAAR_VELDEN]
# the services' error names (API §2.1) → the admin's fields
VELD_VAN = {api: veld for veld, api in [*services.ORGANISATIE_NAMEN.items(), *services.VV_NAMEN.items()]}


def _actor(request) -> Actor:
    return Actor.voor(request.user, kanaal="ui")


def _naar_formulier(form, exc: DomainError) -> None:
    for p in exc.invalid_params:
        veld = VELD_VAN.get(p.name, p.name)
        form.add_error(veld if veld in form.fields else None, p.reason)
    if not exc.invalid_params:
        form.add_error(None, exc.detail)


class _EigenVerwerkingsverantwoordelijke(admin.ModelAdmin):
    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or eigen_verwerkingsverantwoordelijke(_actor(request), self.vv_id(obj))

    def vv_id(self, obj) -> int:
        raise NotImplementedError


class VerwerkingsverantwoordelijkeForm(forms.ModelForm):
    actor: Actor | None = None  # set per request by the admin

    class Meta:
        model = Verwerkingsverantwoordelijke
        fields = ["code", *VV_VELDEN]

    def validate_unique(self) -> None:
        pass  # the service names a taken code, as over the API

    def clean(self):
        data = super().clean()
        if self.errors or self.actor is None:
            return data
        if self.instance.pk is not None:
            if fouten := services.wijziging_fouten(self.instance, {v: data.get(v) for v in VV_VELDEN}):
                _naar_formulier(self, DomainError("E_INVALID_INPUT", "", fouten))
            return data
        try:
            services.controleer_verwerkingsverantwoordelijke(
                actor=self.actor, data={veld: data.get(veld) for veld in ["code", *VV_VELDEN]}
            )
        except DomainError as exc:
            _naar_formulier(self, exc)
        return data


@admin.register(Verwerkingsverantwoordelijke)
class VerwerkingsverantwoordelijkeAdmin(_EigenVerwerkingsverantwoordelijke):
    list_display = ["code", "naam"]
    fields = ["code", *VV_VELDEN]
    form = VerwerkingsverantwoordelijkeForm

    def vv_id(self, obj) -> int:
        return obj.pk

    def get_readonly_fields(self, request, obj=None):
        return ["code"] if obj is not None else []  # fixed once created, as over the API

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.actor = _actor(request)
        return form

    def has_add_permission(self, request) -> bool:
        # a new controller with its FG (AC-15); its organisations and users follow through import-config
        return super().has_add_permission(request) and _actor(request).heeft(services.ORGANISATIE_BEHEREN)

    def save_model(self, request, obj, form, change) -> None:
        if change:
            data = {veld: form.cleaned_data[veld] for veld in VV_VELDEN if veld in form.changed_data}
            services.wijzig_verwerkingsverantwoordelijke(actor=_actor(request), uuid=obj.uuid, data=data)
        else:
            data = {veld: form.cleaned_data.get(veld) for veld in ["code", *VV_VELDEN]}
            nieuw = services.maak_verwerkingsverantwoordelijke(actor=_actor(request), data=data)
            obj.pk, obj.uuid = nieuw.pk, nieuw.uuid  # the admin's redirect and message use them


class OrganisatieForm(forms.ModelForm):
    actor: Actor | None = None  # set per request by the admin

    class Meta:
        model = Organisatie
        fields = ["verwerkingsverantwoordelijke", "code", *services.ORGANISATIE_VELDEN]

    def clean(self):
        data = super().clean()
        if self.errors or self.actor is None:
            return data
        nieuw = self.instance.pk is None
        gewijzigd = {
            veld: data.get(veld)
            for veld in (services.ORGANISATIE_VELDEN if not nieuw else [*services.ORGANISATIE_VELDEN, "code"])
            if veld in self.changed_data or nieuw
        }
        if nieuw:
            gewijzigd["verwerkingsverantwoordelijke"] = data.get("verwerkingsverantwoordelijke")
        try:
            services.controleer_organisatie(
                actor=self.actor, organisatie=None if nieuw else self._opgeslagen(), data=gewijzigd
            )
        except DomainError as exc:
            _naar_formulier(self, exc)
        return data

    def _opgeslagen(self) -> Organisatie:
        return Organisatie.objects.select_related("profiel").get(pk=self.instance.pk)


@admin.register(Organisatie)
class OrganisatieAdmin(_EigenVerwerkingsverantwoordelijke):
    list_display = ["code", "naam", "type"]
    form = OrganisatieForm

    def vv_id(self, obj) -> int:
        return obj.verwerkingsverantwoordelijke_id

    def get_readonly_fields(self, request, obj=None):
        # fixed once created, as over the API
        return ["code", "verwerkingsverantwoordelijke"] if obj is not None else []

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.actor = _actor(request)
        return form

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "verwerkingsverantwoordelijke":
            kwargs["queryset"] = Verwerkingsverantwoordelijke.objects.filter(
                pk=request.user.organisatie.verwerkingsverantwoordelijke_id
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change) -> None:
        d = form.cleaned_data
        if change:
            data = {veld: d.get(veld) for veld in services.ORGANISATIE_VELDEN if veld in form.changed_data}
            services.wijzig_organisatie(actor=_actor(request), uuid=obj.uuid, data=data)
        else:
            data = {veld: d.get(veld) for veld in [*services.ORGANISATIE_VELDEN, "code"]}
            data["verwerkingsverantwoordelijke"] = d["verwerkingsverantwoordelijke"]
            nieuw = services.maak_organisatie(actor=_actor(request), data=data)
            obj.pk, obj.uuid = nieuw.pk, nieuw.uuid  # the admin's redirect and message use them


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["code", "naam", "organisatie"]
