"""URLs of "Mijn gegevens" under /mijn (no trailing slashes, like every page; the DigiD library's
routes keep theirs): the portal pages (namespace `portaal`) and the DigiD flow.

The DigiD names (`digid:login`, `digid:acs`, `digid:logout`) are what django-digid-eherkenning's views
reverse. `digid:login` and the mock IdP (`digid-mock:*`) are the library's own mock views; `digid:acs` is
ours: it keeps a portal identity in the session instead of creating a Django user (clients are never
staff users). Without the mock (production) there is no DigiD route yet: real DigiD is future work.
"""

from django.conf import settings
from django.urls import include, path

from zorgvuldig.portaal import views

pagina_urls = [
    path("", views.start, name="start"),
    path("/overzicht", views.overzicht, name="overzicht"),
    path("/verzoeken/nieuw", views.verzoek_nieuw, name="verzoek_nieuw"),
    path("/verzoeken/<uuid:uuid>", views.verzoek, name="verzoek"),
    path("/verzoeken/<uuid:uuid>/antwoord.pdf", views.antwoord_pdf, name="antwoord_pdf"),
    path("/toestemmingen/<uuid:uuid>/intrekken", views.intrekken, name="intrekken"),
    path("/uitloggen", views.uitloggen, name="uitloggen"),
]

urlpatterns = [path("", include((pagina_urls, "portaal")))]

if settings.PORTAAL_DIGID_MOCK:
    from digid_eherkenning.mock.idp.views.digid import DigiDMockIDPLoginView
    from digid_eherkenning.mock.views.digid import DigiDLoginMockView

    digid_urls = [
        path("login/", DigiDLoginMockView.as_view(), name="login"),
        path("acs/", views.DigidMockAcs.as_view(), name="acs"),
        path("logout/", views.uitloggen, name="logout"),
    ]
    # The library's mock IdP pages; the BSN page hands our ACS an artifact, never the BSN (views.py).
    mock_idp_urls = [
        path("inloggen/", DigiDMockIDPLoginView.as_view(), name="login"),
        path("inloggen_bsn/", views.mock_bsn_view().as_view(), name="bsn"),
    ]
    urlpatterns += [
        path("/digid/", include((digid_urls, "digid"))),
        path("/digid-mock/", include((mock_idp_urls, "digid-mock"))),
    ]
