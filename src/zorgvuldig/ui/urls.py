from django.urls import path

from zorgvuldig.ui import (
    oidc,
    views,
    views_aanmelden,
    views_beheer,
    views_rapportage,
    views_vi,
    views_vi_beheer,
)

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
    # Verwijsindex (SPEC §4): no search, no browse (VI-01); `signalen/<uuid>` is the match e-mail's link.
    path("verwijsindex", views_vi.overzicht, name="vi_overzicht"),
    path("verwijsindex/beheer", views_vi_beheer.beheer, name="vi_beheer"),
    path("rapportage/verwijsindex", views_rapportage.verwijsindex, name="rapportage_verwijsindex"),
    path("verwijsindex/signaal-afgeven", views_vi.signaal_afgeven, name="vi_signaal_afgeven"),
    path("verwijsindex/signaal-afgeven/vier-vragen", views_vi.vier_vragen, name="vi_vier_vragen"),
    path("verwijsindex/signalen/<uuid:uuid>", views_vi.signaal, name="vi_signaal"),
    path("verwijsindex/signalen/<uuid:uuid>/afmaken", views_vi.concept_afmaken, name="vi_concept_afmaken"),
    path(
        "verwijsindex/signalen/<uuid:uuid>/verantwoording", views_vi.verantwoording, name="vi_verantwoording"
    ),
    path("verwijsindex/signalen/<uuid:uuid>/verlengen", views_vi.verlengen, name="vi_verlengen"),
    path("verwijsindex/signalen/<uuid:uuid>/intrekken", views_vi.intrekken, name="vi_intrekken"),
    path("verwijsindex/signalen/<uuid:uuid>/overdragen", views_vi.overdragen, name="vi_overdragen"),
    path("verwijsindex/matches/<uuid:uuid>", views_vi.match, name="vi_match"),
    path("verwijsindex/matches/<uuid:uuid>/afstemmen", views_vi.afstemmen, name="vi_afstemmen"),
    path(
        "verwijsindex/matches/<uuid:uuid>/zorgcoordinator",
        views_vi.zorgcoordinator,
        name="vi_zorgcoordinator",
    ),
    path("verwijsindex/matches/<uuid:uuid>/informeren", views_vi.informeren, name="vi_informeren"),
    path("beheer/gebruikers", views_beheer.gebruikers, name="gebruikers"),
    path("beheer/gebruikers/nieuw", views_beheer.gebruiker_nieuw, name="gebruiker_nieuw"),
    path("beheer/gebruikers/<uuid:uuid>", views_beheer.gebruiker, name="gebruiker"),
    path("beheer/gebruikers/<uuid:uuid>/activatielink", views_beheer.activatielink, name="activatielink"),
    path("beheer/toegangen/<uuid:uuid>/intrekken", views_beheer.toegang_intrekken, name="toegang_intrekken"),
    path("beheer/teams", views_beheer.teams, name="teams"),
    path("beheer/api-sleutels", views_beheer.tokens, name="tokens"),
    path("beheer/api-sleutels/<uuid:uuid>/intrekken", views_beheer.token_intrekken, name="token_intrekken"),
]
