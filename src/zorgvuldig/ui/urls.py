from django.urls import path

from zorgvuldig.ui import oidc, views, views_aanmelden, views_beheer

app_name = "ui"
urlpatterns = [
    path("", views.start, name="start"),
    path("inloggen", views_aanmelden.inloggen, name="inloggen"),
    path("inloggen/code", views_aanmelden.tweede_stap, name="tweede_stap"),
    path("uitloggen", views_aanmelden.uitloggen, name="uitloggen"),
    # Single sign-on per organisation: start, the provider's redirect_uri, and the same-site second step.
    path("oidc/<slug:organisatie>/start", oidc.StartView.as_view(), name="oidc_start"),
    path("oidc/<slug:organisatie>/callback", oidc.callback, name="oidc_callback"),
    path("oidc/<slug:organisatie>/voltooien", oidc.VoltooienView.as_view(), name="oidc_voltooien"),
    path("activeren/<uuid:uuid>/<str:token>", views_aanmelden.activeren, name="activeren"),
    path("bevestigen", views_aanmelden.bevestigen, name="bevestigen"),
    path("geheimhouding", views_aanmelden.geheimhouding, name="geheimhouding"),
    path("overzicht", views.dashboard, name="dashboard"),
    path("personen", views.personen_zoeken, name="personen"),
    path("personen/<uuid:uuid>", views.persoon, name="persoon"),
    path("noodtoegang", views.noodtoegang, name="noodtoegang"),
    path("noodtoegang/<uuid:uuid>/beoordelen", views.noodtoegang_beoordelen, name="noodtoegang_beoordelen"),
    path("toegangen", views.toegangen, name="toegangen"),
    path("logboek", views.audit, name="audit"),
    path("profiel", views.profiel, name="profiel"),
    path("beheer/gebruikers", views_beheer.gebruikers, name="gebruikers"),
    path("beheer/gebruikers/nieuw", views_beheer.gebruiker_nieuw, name="gebruiker_nieuw"),
    path("beheer/gebruikers/<uuid:uuid>", views_beheer.gebruiker, name="gebruiker"),
    path("beheer/gebruikers/<uuid:uuid>/activatielink", views_beheer.activatielink, name="activatielink"),
    path("beheer/toegangen/<uuid:uuid>/intrekken", views_beheer.toegang_intrekken, name="toegang_intrekken"),
    path("beheer/teams", views_beheer.teams, name="teams"),
    path("beheer/api-sleutels", views_beheer.tokens, name="tokens"),
    path("beheer/api-sleutels/<uuid:uuid>/intrekken", views_beheer.token_intrekken, name="token_intrekken"),
]
