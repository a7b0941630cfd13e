from django.contrib import admin
from django.urls import include, path

from zorgvuldig.api import views as api_views
from zorgvuldig.audit import api as audit_api
from zorgvuldig.bewaren import api as bewaar_api
from zorgvuldig.casusoverleg import api as casus_api
from zorgvuldig.convenanten import api as convenant_api
from zorgvuldig.core import metrics as core_metrics
from zorgvuldig.core import views as core_views
from zorgvuldig.core.beheersite import BeheerSite
from zorgvuldig.datalekken import api as datalek_api
from zorgvuldig.dossiers import api as dossier_api
from zorgvuldig.monitoring import api as monitoring_api
from zorgvuldig.organisaties import api as org_api
from zorgvuldig.personen import api as personen_api
from zorgvuldig.rapportages import api as rapportage_api
from zorgvuldig.rechten import api as verzoek_api
from zorgvuldig.registers import api as register_api
from zorgvuldig.toegang import api as toegang_api
from zorgvuldig.toegangsbewaking import api as bewaking_api
from zorgvuldig.toestemmingen import api as toestemming_api
from zorgvuldig.verstrekkingen import api as delen_api
from zorgvuldig.verwijsindex import api as vi_api
from zorgvuldig.werkvoorraad import api as taken_api

U = "<uuid:uuid>"
api_v1 = [
    path("personen", personen_api.PersonenView.as_view()),
    path("personen/_zoek", personen_api.PersonenZoekView.as_view()),
    path(f"personen/{U}", personen_api.PersoonView.as_view()),
    path(f"personen/{U}/relaties", personen_api.RelatiesView.as_view()),
    path(f"personen/{U}/relaties/<uuid:relatie_uuid>", personen_api.RelatieView.as_view()),
    path(f"personen/{U}/beoordelingen", personen_api.BeoordelingenView.as_view()),
    path(f"personen/{U}/audittrail", audit_api.AuditTrailView.as_view()),
    path("huishoudens", personen_api.HuishoudensView.as_view()),
    path(f"huishoudens/{U}", personen_api.HuishoudenView.as_view()),
    path("dossiers", dossier_api.DossiersView.as_view()),
    path("dossiers/_zoek", dossier_api.DossiersZoekView.as_view()),
    path(f"dossiers/{U}", dossier_api.DossierView.as_view()),
    path(f"dossiers/{U}/_informeren", dossier_api.InformerenView.as_view()),
    path(f"dossiers/{U}/_starten", dossier_api.StartenView.as_view()),
    path(f"dossiers/{U}/_monitoren", dossier_api.MonitorenView.as_view()),
    path(f"dossiers/{U}/_herzien", dossier_api.HerzienView.as_view()),
    path(f"dossiers/{U}/_afsluiten", dossier_api.AfsluitenView.as_view()),
    path(f"dossiers/{U}/_bevestigen", dossier_api.BevestigenView.as_view()),
    path(f"dossiers/{U}/notities", dossier_api.NotitiesView.as_view()),
    path(f"dossiers/{U}/notities/<uuid:notitie_uuid>/_verbergen", dossier_api.VerbergenView.as_view()),
    path(f"dossiers/{U}/notities/<uuid:notitie_uuid>/_markeren", dossier_api.MarkerenView.as_view()),
    path(f"dossiers/{U}/clientverklaringen", dossier_api.ClientverklaringenView.as_view()),
    path(f"dossiers/{U}/veiligheidsbeoordelingen", dossier_api.VeiligheidsbeoordelingenView.as_view()),
    path(f"dossiers/{U}/teambesprekingen", dossier_api.TeambesprekingenView.as_view()),
    path(f"dossiers/{U}/samenvatting", dossier_api.SamenvattingView.as_view()),
    path(f"dossiers/{U}/audittrail", audit_api.DossierTrailView.as_view()),
    path(f"dossiers/{U}/zrm-scores", dossier_api.ZrmView.as_view()),
    path(f"dossiers/{U}/plannen", dossier_api.PlannenView.as_view()),
    path(f"dossiers/{U}/plannen/<uuid:plan_uuid>/_vaststellen", dossier_api.PlanVaststellenView.as_view()),
    path(f"dossiers/{U}/verwijzingen", dossier_api.VerwijzingenView.as_view()),
    path(f"dossiers/{U}/instemmingen", dossier_api.InstemmingenView.as_view()),
    path(f"dossiers/{U}/kaderwijzigingen", dossier_api.KaderwijzigingenView.as_view()),
    path(f"dossiers/{U}/toewijzingen", dossier_api.ToewijzingenView.as_view()),
    path(f"dossiers/{U}/toewijzingen/<uuid:toewijzing_uuid>", dossier_api.ToewijzingView.as_view()),
    path(f"dossiers/{U}/noodtoegangen", dossier_api.NoodtoegangenView.as_view()),
    path("zorgsignalen", dossier_api.ZorgsignalenView.as_view()),
    path(f"zorgsignalen/{U}", dossier_api.ZorgsignaalView.as_view()),
    path(f"zorgsignalen/{U}/_beoordelen", dossier_api.ZorgsignaalBeoordelenView.as_view()),
    path(f"zorgsignalen/{U}/_afwijzen", dossier_api.ZorgsignaalAfwijzenView.as_view()),
    path(f"zorgsignalen/{U}/_omzetten", dossier_api.ZorgsignaalOmzettenView.as_view()),
    path("overlegtypen", casus_api.OverlegtypenView.as_view()),
    path("overlegtypen/sjablonen", casus_api.OverlegtypeSjablonenView.as_view()),
    path(f"overlegtypen/{U}", casus_api.OverlegtypeView.as_view()),
    path(f"overlegtypen/{U}/_activeren", casus_api.OverlegtypeActiverenView.as_view()),
    path(f"overlegtypen/{U}/_goedkeuren", casus_api.OverlegtypeGoedkeurenView.as_view()),
    path("casusoverleggen", casus_api.CasussenView.as_view()),
    path(f"casusoverleggen/{U}", casus_api.CasusView.as_view()),
    path(f"casusoverleggen/{U}/identificatie", casus_api.IdentificatieView.as_view()),
    path(f"casusoverleggen/{U}/_wegen", casus_api.WegenView.as_view()),
    path(f"casusoverleggen/{U}/_accepteren", casus_api.AccepterenView.as_view()),
    path(f"casusoverleggen/{U}/_afwijzen", casus_api.AfwijzenView.as_view()),
    path(f"casusoverleggen/{U}/_trieren", casus_api.TrierenView.as_view()),
    path(f"casusoverleggen/{U}/_agenderen", casus_api.AgenderenView.as_view()),
    path(f"casusoverleggen/{U}/_starten", casus_api.StartenView.as_view()),
    path(f"casusoverleggen/{U}/_vaststellen", casus_api.VaststellenView.as_view()),
    path(f"casusoverleggen/{U}/_monitoren", casus_api.MonitorenView.as_view()),
    path(f"casusoverleggen/{U}/_herzien", casus_api.HerzienView.as_view()),
    path(f"casusoverleggen/{U}/_afschalen", casus_api.AfschalenView.as_view()),
    path(f"casusoverleggen/{U}/_afsluiten", casus_api.AfsluitenView.as_view()),
    path(f"casusoverleggen/{U}/_veiligheidsplan", casus_api.VeiligheidsplanView.as_view()),
    path(f"casusoverleggen/{U}/deelnemers", casus_api.DeelnemersView.as_view()),
    path(f"casusoverleggen/{U}/deelnemers/<uuid:deelnemer_uuid>/_triage", casus_api.TriageView.as_view()),
    path(f"casusoverleggen/{U}/bijdragen", casus_api.BijdragenView.as_view()),
    path(
        f"casusoverleggen/{U}/bijdragen/<uuid:bijdrage_uuid>/_intrekken",
        casus_api.BijdrageIntrekkenView.as_view(),
    ),
    path(
        f"casusoverleggen/{U}/bijdragen/<uuid:bijdrage_uuid>/_bevestigen",
        casus_api.BijdrageBevestigenView.as_view(),
    ),
    path(
        f"casusoverleggen/{U}/bijdragen/<uuid:bijdrage_uuid>/_overdragen",
        casus_api.BijdrageOverdragenView.as_view(),
    ),
    path(f"casusoverleggen/{U}/toedelingen", casus_api.ToedelingenView.as_view()),
    path(
        f"casusoverleggen/{U}/toedelingen/<uuid:toedeling_uuid>/_goedkeuren",
        casus_api.ToedelingGoedkeurenView.as_view(),
    ),
    path(f"casusoverleggen/{U}/bijeenkomsten", casus_api.BijeenkomstenView.as_view()),
    path(f"casusoverleggen/{U}/actiepunten", casus_api.ActiepuntenView.as_view()),
    path(
        f"casusoverleggen/{U}/actiepunten/<uuid:actiepunt_uuid>/_afronden",
        casus_api.ActiepuntAfrondenView.as_view(),
    ),
    path("verzoeken", verzoek_api.VerzoekenView.as_view()),
    path("verzoeken/_zoek", verzoek_api.VerzoekenZoekView.as_view()),
    path(f"verzoeken/{U}", verzoek_api.VerzoekView.as_view()),
    path(f"verzoeken/{U}/_verifieren", verzoek_api.VerifierenView.as_view()),
    path(f"verzoeken/{U}/_beoordelen", verzoek_api.BeoordelenView.as_view()),
    path(f"verzoeken/{U}/_verlengen", verzoek_api.VerlengenView.as_view()),
    path(f"verzoeken/{U}/_besluiten", verzoek_api.BesluitenView.as_view()),
    path(f"verzoeken/{U}/_uitvoeren", verzoek_api.UitvoerenView.as_view()),
    path(f"verzoeken/{U}/_afsluiten", verzoek_api.AfsluitenView.as_view()),
    path(f"verzoeken/{U}/overzicht", verzoek_api.OverzichtView.as_view()),
    path(f"verzoeken/{U}/audittrail", audit_api.VerzoekTrailView.as_view()),
    path("bewaarregels", bewaar_api.BewaarregelsView.as_view()),
    path(f"bewaarregels/{U}", bewaar_api.BewaarregelView.as_view()),
    path("bewaartermijnen", bewaar_api.BewaartermijnenView.as_view()),
    path(f"bewaartermijnen/{U}", bewaar_api.BewaartermijnView.as_view()),
    path(f"bewaartermijnen/{U}/_verlengen", bewaar_api.VerlengenView.as_view()),
    path(f"bewaartermijnen/{U}/blokkades", bewaar_api.BlokkadesView.as_view()),
    path(f"bewaartermijnen/{U}/blokkades/<uuid:blokkade_uuid>", bewaar_api.BlokkadeView.as_view()),
    path(f"bewaartermijnen/{U}/blokkades/<uuid:blokkade_uuid>/_opheffen", bewaar_api.OpheffenView.as_view()),
    path("vernietigingslijsten", bewaar_api.VernietigingslijstenView.as_view()),
    path(f"vernietigingslijsten/{U}", bewaar_api.VernietigingslijstView.as_view()),
    path(f"vernietigingslijsten/{U}/_beoordelen", bewaar_api.BeoordelenView.as_view()),
    path(f"vernietigingslijsten/{U}/_goedkeuren", bewaar_api.GoedkeurenView.as_view()),
    path("vernietigingsbewijzen", bewaar_api.VernietigingsbewijzenView.as_view()),
    path("opschoonrondes", bewaar_api.OpschoonrondesView.as_view()),
    path(f"opschoonrondes/{U}", bewaar_api.OpschoonrondeView.as_view()),
    path("toestemmingen", toestemming_api.ToestemmingenView.as_view()),
    path(f"toestemmingen/{U}", toestemming_api.ToestemmingView.as_view()),
    path(f"toestemmingen/{U}/_geven", toestemming_api.GevenView.as_view()),
    path(f"toestemmingen/{U}/_weigeren", toestemming_api.WeigerenView.as_view()),
    path(f"toestemmingen/{U}/_intrekken", toestemming_api.IntrekkenView.as_view()),
    path(f"toestemmingen/{U}/_terzijdeleggen", toestemming_api.TerzijdeleggenView.as_view()),
    path(f"toestemmingen/{U}/audittrail", audit_api.ToestemmingTrailView.as_view()),
    path("deelbesluiten", delen_api.DeelbesluitenView.as_view()),
    path(f"deelbesluiten/{U}", delen_api.DeelbesluitView.as_view()),
    path(f"deelbesluiten/{U}/_consulteren", delen_api.ConsulterenView.as_view()),
    path(f"deelbesluiten/{U}/_besluiten", delen_api.BesluitenView.as_view()),
    path(f"deelbesluiten/{U}/_uitvoeren", delen_api.UitvoerenView.as_view()),
    path(f"deelbesluiten/{U}/_informeren", delen_api.DeelbesluitInformerenView.as_view()),
    path(f"deelbesluiten/{U}/_uitstellen", delen_api.UitstellenView.as_view()),
    path(f"deelbesluiten/{U}/_afwijzen", delen_api.UitstelAfwijzenView.as_view()),
    path(f"deelbesluiten/{U}/_intrekken", delen_api.DeelbesluitIntrekkenView.as_view()),
    path(f"deelbesluiten/{U}/audittrail", audit_api.DeelbesluitTrailView.as_view()),
    path("verstrekkingen", delen_api.VerstrekkingenView.as_view()),
    path(f"verstrekkingen/{U}", delen_api.VerstrekkingView.as_view()),
    path("informatieverzoeken", delen_api.InformatieverzoekenView.as_view()),
    path("signalen", vi_api.SignalenView.as_view()),
    path(f"signalen/{U}", vi_api.SignaalView.as_view()),
    path(f"signalen/{U}/_activeren", vi_api.ActiverenView.as_view()),
    path(f"signalen/{U}/_verlengen", vi_api.VerlengenView.as_view()),
    path(f"signalen/{U}/_intrekken", vi_api.IntrekkenView.as_view()),
    path(f"signalen/{U}/_overdragen", vi_api.OverdragenView.as_view()),
    path(f"signalen/{U}/_aanvaarden", vi_api.AanvaardenView.as_view()),
    path(f"signalen/{U}/verantwoording", vi_api.VerantwoordingView.as_view()),
    path("matches", vi_api.MatchesView.as_view()),
    path(f"matches/{U}", vi_api.MatchView.as_view()),
    path(f"matches/{U}/_afstemmen", vi_api.AfstemmenView.as_view()),
    path(f"matches/{U}/_aanwijzen", vi_api.AanwijzenView.as_view()),
    path(f"matches/{U}/_informeren", vi_api.InformerenView.as_view()),
    path("uittredingen", vi_api.UittredingenView.as_view()),
    path(f"uittredingen/{U}", vi_api.UittredingView.as_view()),
    path("archiefsignalen/_zoek", vi_api.ArchiefZoekView.as_view()),
    *rapportage_api.URLS,
    *register_api.URLS,
    *convenant_api.URLS,
    *datalek_api.URLS,
    *bewaking_api.URLS,
    *monitoring_api.URLS,
    path("toegangen", toegang_api.ToegangenView.as_view()),
    path("toegangen/_verlenen", toegang_api.VerleenView.as_view()),
    path(f"toegangen/{U}", toegang_api.ToegangView.as_view()),
    path(f"toegangen/{U}/_intrekken", toegang_api.IntrekkenView.as_view()),
    path("taken", taken_api.TakenView.as_view()),
    path(f"taken/{U}", taken_api.TaakView.as_view()),
    path(f"taken/{U}/_afronden", taken_api.AfrondenView.as_view()),
    path("auditregels", audit_api.AuditRegelsView.as_view()),
    path("auditregels/_zoek", audit_api.AuditZoekView.as_view()),
    path(f"auditregels/{U}", audit_api.AuditRegelView.as_view()),
    path("auditcontrolepunten", audit_api.ControlepuntenView.as_view()),
    path("verwerkingsverantwoordelijken", org_api.VerwerkingsverantwoordelijkenView.as_view()),
    path(f"verwerkingsverantwoordelijken/{U}", org_api.VerwerkingsverantwoordelijkeView.as_view()),
    path("organisaties", org_api.OrganisatiesView.as_view()),
    path(f"organisaties/{U}", org_api.OrganisatieView.as_view()),
    path("profielen", org_api.ProfielenView.as_view()),
    path(f"profielen/{U}", org_api.ProfielView.as_view()),
    path("instellingen", org_api.InstellingenView.as_view()),
    path("gebruikers", org_api.GebruikersView.as_view()),
    path(f"gebruikers/{U}", org_api.GebruikerView.as_view()),
    path("teams", org_api.TeamsView.as_view()),
    path(f"teams/{U}", org_api.TeamView.as_view()),
    path("api-tokens", org_api.ApiTokensView.as_view()),
    path(f"api-tokens/{U}", org_api.ApiTokenView.as_view()),
    path(f"api-tokens/{U}/_intrekken", org_api.ApiTokenIntrekkenView.as_view()),
    path("gebruikersprofiel", org_api.GebruikersprofielView.as_view()),
    path("gebruikersprofiel/geheimhoudingsverklaring", org_api.GeheimhoudingsverklaringView.as_view()),
]

# Only a fully signed-in beheerder gets into the admin; for anyone else it is "not found" (AC-06, AC-13).
admin.site.__class__ = BeheerSite

urlpatterns = [
    path("health", core_views.health),
    path("metrics", core_metrics.metrics),
    path("api/v1/openapi.yaml", api_views.openapi_yaml),
    path("api/v1/openapi.json", api_views.openapi_json),
    path("admin/", admin.site.urls),
    *[path(f"api/v1/{p.pattern}", p.callback, name=p.name) for p in api_v1],
    path("mijn", include("zorgvuldig.portaal.urls")),  # client portal "Mijn gegevens" (DigiD)
    path("", include("zorgvuldig.ui.urls")),
]


handler404 = "zorgvuldig.core.views.niet_gevonden"
handler500 = "zorgvuldig.core.views.serverfout"
handler400 = "zorgvuldig.core.views.ongeldig"
handler403 = "zorgvuldig.core.views.verboden"
