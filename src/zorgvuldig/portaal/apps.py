from django.apps import AppConfig


class PortaalConfig(AppConfig):
    name = "zorgvuldig.portaal"
    label = "portaal"
    verbose_name = "Mijn gegevens (cliëntportaal)"

    def ready(self) -> None:
        # The DigiD library registers its models in the admin: the mock's users hold a BSN in clear, the
        # SAML configuration and certificates come with real DigiD (docs/operators.md, "Not yet"). The
        # admin serves our own configuration only (AC-06).
        from digid_eherkenning.models import ConfigCertificate, DigidConfiguration, EherkenningConfiguration
        from digid_eherkenning.models.digid import MockDigidUser
        from django.contrib import admin
        from django.contrib.auth.signals import user_logged_in
        from simple_certmanager.models import Certificate

        for model in (
            ConfigCertificate,
            DigidConfiguration,
            EherkenningConfiguration,
            MockDigidUser,
            Certificate,
        ):
            if admin.site.is_registered(model):
                admin.site.unregister(model)

        # A staff log-in in the same browser ends a portal session: one session is never both.
        user_logged_in.connect(vergeet_bij_aanmelden, dispatch_uid="portaal_vergeet_bij_aanmelden")


def vergeet_bij_aanmelden(sender, request, user, **kwargs) -> None:
    from zorgvuldig.portaal.sessie import vergeet

    if request is not None and hasattr(request, "session"):
        vergeet(request)
