"""One-time activation links for new accounts (API §3.1): valid 72 hours, void once a password is set.

The token is an HMAC over the account's state (Django's password-reset mechanism with its own salt), so
nothing is stored: setting the password, logging in or deactivating the account changes the state and
thereby voids every link issued before.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int

GELDIGHEID = dt.timedelta(hours=72)


class ActivatieTokens(PasswordResetTokenGenerator):
    key_salt = "zorgvuldig.organisaties.activatie"

    def _now(self):
        # UTC: Django's naive local time would make a link live 71 or 73 hours across a DST change.
        return dt.datetime.now(dt.UTC).replace(tzinfo=None)

    def _make_hash_value(self, user, timestamp):
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"

    def check_token(self, user, token):
        # Own expiry (72 h) instead of PASSWORD_RESET_TIMEOUT, which governs other links.
        if not (user and token) or user.has_usable_password() or not user.is_active:
            return False
        from zorgvuldig.organisaties.selectors import is_geactiveerd

        if is_geactiveerd(user):
            return False  # already activated (an OIDC user never gets a password)
        try:
            ts_b36, _ = token.split("-")
            ts = base36_to_int(ts_b36)
        except ValueError:
            return False
        if not any(
            constant_time_compare(self._make_token_with_timestamp(user, ts, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        ):
            return False
        return 0 <= self._num_seconds(self._now()) - ts <= GELDIGHEID.total_seconds()


_tokens = ActivatieTokens()


def activatie_token(gebruiker) -> str:
    return _tokens.make_token(gebruiker)


def controleer_activatie(gebruiker, token: str) -> bool:
    return _tokens.check_token(gebruiker, token)


def activatie_pad(gebruiker) -> str:
    return f"/activeren/{gebruiker.uuid}/{activatie_token(gebruiker)}"


def activatie_url(gebruiker) -> str:
    return settings.BASE_URL.rstrip("/") + activatie_pad(gebruiker)
