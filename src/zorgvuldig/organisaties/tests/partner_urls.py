"""A URL conf for the partner-credential tests: the real API plus one view that needs a VI scope, until
the verwijsindex endpoints exist (its scope check is the production ScopePermission)."""

from django.urls import path
from rest_framework.response import Response

from zorgvuldig.api.base import BasisView
from zorgvuldig.api.permissions import actor_van
from zorgvuldig.audit import services as audit
from zorgvuldig.conf.urls import urlpatterns as basis


class SignaalProefView(BasisView):
    scopes = {"post": "signaal:registreren"}
    verwerkingsactiviteit = "beheer-platform"

    def post(self, request):
        actor = actor_van(request)
        audit.record(actor=actor, actie="configuratie.gewijzigd", activiteit="beheer-platform")
        return Response({"kanaal": actor.kanaal, "namens": actor.namens})


urlpatterns = [*basis, path("api/v1/_proef/signaal", SignaalProefView.as_view())]
