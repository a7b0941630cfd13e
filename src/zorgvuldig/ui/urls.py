from django.urls import path

from zorgvuldig.ui import (
    oidc,
    views,
    views_aanmelden,
    views_beheer,
    views_casus,
    views_delen,
    views_dossier,
    views_overlegtypen,
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
    # Sharing (SPEC §6, §7): the dossier's "Delen" tab, the wizard, decisions, consents, the register.
    path("dossiers/<uuid:uuid>/delen", views_delen.delen, name="dossier_delen"),
    path("dossiers/<uuid:uuid>/delen/nieuw", views_delen.deelbesluit_nieuw, name="deelbesluit_nieuw"),
    path("dossiers/<uuid:uuid>/delen/grondvragen", views_delen.grondvragen, name="deelbesluit_grondvragen"),
    path(
        "dossiers/<uuid:uuid>/toestemmingen/nieuw",
        views_delen.toestemming_nieuw,
        name="toestemming_nieuw",
    ),
    path("deelbesluiten/<uuid:uuid>", views_delen.deelbesluit, name="deelbesluit"),
    path("deelbesluiten/<uuid:uuid>/wizard", views_delen.deelbesluit_wizard, name="deelbesluit_wizard"),
    path("deelbesluiten/<uuid:uuid>/consulteren", views_delen.consulteren, name="deelbesluit_consulteren"),
    path("deelbesluiten/<uuid:uuid>/besluiten", views_delen.besluiten, name="deelbesluit_besluiten"),
    path("deelbesluiten/<uuid:uuid>/uitvoeren", views_delen.uitvoeren, name="deelbesluit_uitvoeren"),
    path("deelbesluiten/<uuid:uuid>/informeren", views_delen.informeren, name="deelbesluit_informeren"),
    path("deelbesluiten/<uuid:uuid>/uitstellen", views_delen.uitstellen, name="deelbesluit_uitstellen"),
    path("toestemmingen/<uuid:uuid>", views_delen.toestemming, name="toestemming"),
    path("toestemmingen/<uuid:uuid>/geven", views_delen.toestemming_geven, name="toestemming_geven"),
    path("toestemmingen/<uuid:uuid>/weigeren", views_delen.toestemming_weigeren, name="toestemming_weigeren"),
    path(
        "toestemmingen/<uuid:uuid>/intrekken", views_delen.toestemming_intrekken, name="toestemming_intrekken"
    ),
    path(
        "toestemmingen/<uuid:uuid>/terzijdeleggen",
        views_delen.toestemming_terzijdeleggen,
        name="toestemming_terzijdeleggen",
    ),
    path("personen/<uuid:uuid>/gedeeld", views_delen.gedeeld, name="persoon_gedeeld"),
    path("verstrekkingenregister", views_delen.register, name="verstrekkingenregister"),
    # Case tables (SPEC §8): the case page shows what the viewer's place at the table allows; every act is a
    # POST to its own URL. No export, download or print of contributions (CT-11).
    path("casusoverleggen", views_casus.casussen, name="casussen"),
    path("casusoverleggen/nieuw", views_casus.casus_nieuw, name="casus_nieuw"),
    path("casusoverleggen/<uuid:uuid>", views_casus.casus, name="casus"),
    path("casusoverleggen/<uuid:uuid>/accepteren", views_casus.accepteren, name="casus_accepteren"),
    path("casusoverleggen/<uuid:uuid>/afwijzen", views_casus.afwijzen, name="casus_afwijzen"),
    path("casusoverleggen/<uuid:uuid>/wegen", views_casus.wegen, name="casus_wegen"),
    path("casusoverleggen/<uuid:uuid>/persoon", views_casus.persoon, name="casus_persoon"),
    path("casusoverleggen/<uuid:uuid>/fase", views_casus.fase, name="casus_fase"),
    path("casusoverleggen/<uuid:uuid>/deelnemers/nieuw", views_casus.uitnodigen, name="casus_uitnodigen"),
    path("casusoverleggen/<uuid:uuid>/client", views_casus.betrokkenheid, name="casus_betrokkenheid"),
    path("casusoverleggen/<uuid:uuid>/triage", views_casus.triage, name="casus_triage"),
    path("casusoverleggen/<uuid:uuid>/bijdragen/nieuw", views_casus.bijdrage_nieuw, name="casus_bijdrage"),
    path(
        "casusoverleggen/<uuid:uuid>/bijdragen/<uuid:bijdrage_uuid>/intrekken",
        views_casus.bijdrage_intrekken,
        name="casus_bijdrage_intrekken",
    ),
    path(
        "casusoverleggen/<uuid:uuid>/bijdragen/<uuid:bijdrage_uuid>/beperken",
        views_casus.bijdrage_beperken,
        name="casus_bijdrage_beperken",
    ),
    path(
        "casusoverleggen/<uuid:uuid>/bijdragen/<uuid:bijdrage_uuid>/bevestigen",
        views_casus.bijdrage_bevestigen,
        name="casus_bijdrage_bevestigen",
    ),
    path(
        "casusoverleggen/<uuid:uuid>/bijdragen/<uuid:bijdrage_uuid>/overdragen",
        views_casus.bijdrage_overdragen,
        name="casus_bijdrage_overdragen",
    ),
    path(
        "casusoverleggen/<uuid:uuid>/toedelingen/nieuw", views_casus.toedeling_nieuw, name="casus_toedeling"
    ),
    path(
        "casusoverleggen/<uuid:uuid>/toedelingen/<uuid:toedeling_uuid>/goedkeuren",
        views_casus.toedeling_goedkeuren,
        name="casus_toedeling_goedkeuren",
    ),
    path("casusoverleggen/<uuid:uuid>/plan", views_casus.plan, name="casus_plan"),
    path(
        "casusoverleggen/<uuid:uuid>/veiligheidsplan",
        views_casus.veiligheidsplan,
        name="casus_veiligheidsplan",
    ),
    path(
        "casusoverleggen/<uuid:uuid>/bijeenkomsten/nieuw",
        views_casus.bijeenkomst_nieuw,
        name="casus_bijeenkomst",
    ),
    path(
        "casusoverleggen/<uuid:uuid>/actiepunten/nieuw", views_casus.actiepunt_nieuw, name="casus_actiepunt"
    ),
    path(
        "casusoverleggen/<uuid:uuid>/actiepunten/<uuid:actiepunt_uuid>/gereed",
        views_casus.actiepunt_gereed,
        name="casus_actiepunt_gereed",
    ),
    path("casusoverleggen/<uuid:uuid>/afsluiten", views_casus.afsluiten, name="casus_afsluiten"),
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
    # Table types (SPEC §8, CT-01, CT-16): the beheerder configures and activates, the FG approves.
    path("beheer/overlegtypen", views_overlegtypen.overlegtypen, name="overlegtypen"),
    path("beheer/overlegtypen/nieuw", views_overlegtypen.overlegtype_nieuw, name="overlegtype_nieuw"),
    path("beheer/overlegtypen/<uuid:uuid>", views_overlegtypen.overlegtype, name="overlegtype"),
    path(
        "beheer/overlegtypen/<uuid:uuid>/activeren",
        views_overlegtypen.overlegtype_activeren,
        name="overlegtype_activeren",
    ),
    path(
        "beheer/overlegtypen/<uuid:uuid>/goedkeuren",
        views_overlegtypen.overlegtype_goedkeuren,
        name="overlegtype_goedkeuren",
    ),
]
