from django.urls import path

from zorgvuldig.ui import (
    oidc,
    views,
    views_aanmelden,
    views_beheer,
    views_dossier,
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
    # Dossiers (SPEC §5): uuids only in URLs, never a BSN; actions are POST to their own URL.
    path("dossiers", views_dossier.dossiers, name="dossiers"),
    path("dossiers/nieuw", views_dossier.dossier_nieuw, name="dossier_nieuw"),
    path("dossiers/<uuid:uuid>", views_dossier.dossier, name="dossier"),
    path("dossiers/<uuid:uuid>/informeren", views_dossier.dossier_informeren, name="dossier_informeren"),
    path("dossiers/<uuid:uuid>/instemming", views_dossier.dossier_instemming, name="dossier_instemming"),
    path("dossiers/<uuid:uuid>/starten", views_dossier.dossier_starten, name="dossier_starten"),
    path("dossiers/<uuid:uuid>/afwijking", views_dossier.afwijking, name="dossier_afwijking"),
    path("dossiers/<uuid:uuid>/notities", views_dossier.notities, name="dossier_notities"),
    path("dossiers/<uuid:uuid>/notities/nieuw", views_dossier.notitie_nieuw, name="dossier_notitie_nieuw"),
    path(
        "dossiers/<uuid:uuid>/notities/<uuid:notitie_uuid>/verklaring",
        views_dossier.notitie_verklaring,
        name="dossier_notitie_verklaring",
    ),
    path(
        "dossiers/<uuid:uuid>/notities/<uuid:notitie_uuid>/verbergen",
        views_dossier.notitie_verbergen,
        name="dossier_notitie_verbergen",
    ),
    path(
        "dossiers/<uuid:uuid>/notities/<uuid:notitie_uuid>/markeren",
        views_dossier.notitie_markeren,
        name="dossier_notitie_markeren",
    ),
    path("dossiers/<uuid:uuid>/zrm", views_dossier.zrm, name="dossier_zrm"),
    path("dossiers/<uuid:uuid>/zrm/nieuw", views_dossier.zrm_nieuw, name="dossier_zrm_nieuw"),
    path("dossiers/<uuid:uuid>/plan", views_dossier.plan, name="dossier_plan"),
    path("dossiers/<uuid:uuid>/plan/nieuw", views_dossier.plan_nieuw, name="dossier_plan_nieuw"),
    path(
        "dossiers/<uuid:uuid>/plan/<uuid:plan_uuid>/vaststellen",
        views_dossier.plan_vaststellen,
        name="dossier_plan_vaststellen",
    ),
    path("dossiers/<uuid:uuid>/monitoren", views_dossier.plan_monitoren, name="dossier_monitoren"),
    path("dossiers/<uuid:uuid>/herzien", views_dossier.plan_herzien, name="dossier_herzien"),
    path("dossiers/<uuid:uuid>/verwijzing", views_dossier.verwijzing, name="dossier_verwijzing"),
    path(
        "dossiers/<uuid:uuid>/verwijzing/nieuw",
        views_dossier.verwijzing_nieuw,
        name="dossier_verwijzing_nieuw",
    ),
    path("dossiers/<uuid:uuid>/kader", views_dossier.kader, name="dossier_kader"),
    path("dossiers/<uuid:uuid>/kader/wijzigen", views_dossier.kader_wijzigen, name="dossier_kader_wijzigen"),
    path("dossiers/<uuid:uuid>/veiligheid", views_dossier.veiligheid, name="dossier_veiligheid"),
    path(
        "dossiers/<uuid:uuid>/veiligheid/nieuw",
        views_dossier.veiligheid_nieuw,
        name="dossier_veiligheid_nieuw",
    ),
    path("dossiers/<uuid:uuid>/afsluiten", views_dossier.afsluiten_pagina, name="dossier_afsluiten"),
    path("dossiers/<uuid:uuid>/afsluiten/vastleggen", views_dossier.afsluiten, name="dossier_sluit_af"),
    path("dossiers/<uuid:uuid>/bevestigen", views_dossier.bevestigen, name="dossier_bevestigen"),
    path(
        "dossiers/<uuid:uuid>/teambespreking",
        views_dossier.teambespreking_pagina,
        name="dossier_teambespreking",
    ),
    path(
        "dossiers/<uuid:uuid>/teambespreking/vastleggen",
        views_dossier.teambespreking,
        name="dossier_teambespreking_vastleggen",
    ),
    path("dossiers/<uuid:uuid>/samenvatting", views_dossier.samenvatting, name="dossier_samenvatting"),
    path("dossiers/<uuid:uuid>/toewijzingen", views_dossier.toewijzingen, name="dossier_toewijzingen"),
    path(
        "dossiers/<uuid:uuid>/toewijzingen/nieuw",
        views_dossier.toewijzing_nieuw,
        name="dossier_toewijzing_nieuw",
    ),
    path(
        "dossiers/<uuid:uuid>/toewijzingen/<uuid:toewijzing_uuid>/beeindigen",
        views_dossier.toewijzing_beeindigen,
        name="dossier_toewijzing_beeindigen",
    ),
    path("zorgsignalen", views_dossier.zorgsignalen, name="zorgsignalen"),
    path("zorgsignalen/nieuw", views_dossier.zorgsignaal_nieuw, name="zorgsignaal_nieuw"),
    path("zorgsignalen/<uuid:uuid>", views_dossier.zorgsignaal, name="zorgsignaal"),
    path(
        "zorgsignalen/<uuid:uuid>/beoordelen",
        views_dossier.zorgsignaal_beoordelen,
        name="zorgsignaal_beoordelen",
    ),
    path(
        "zorgsignalen/<uuid:uuid>/koppelen", views_dossier.zorgsignaal_koppelen, name="zorgsignaal_koppelen"
    ),
    path(
        "zorgsignalen/<uuid:uuid>/afwijzen", views_dossier.zorgsignaal_afwijzen, name="zorgsignaal_afwijzen"
    ),
    path(
        "zorgsignalen/<uuid:uuid>/omzetten", views_dossier.zorgsignaal_omzetten, name="zorgsignaal_omzetten"
    ),
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
