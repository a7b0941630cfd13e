"""Logs are JSON events on stderr without personal data (DESIGN §5.11)."""

from __future__ import annotations

import json

import pytest
import structlog

from zorgvuldig.conftest import BSN_SAM


def test_exceptions_are_logged_without_their_message_or_locals(capsys):
    log = structlog.get_logger("test")
    geheim = BSN_SAM
    try:
        raise ValueError(f"kapot bij {geheim}")
    except ValueError:
        log.exception("api_error")
    err = capsys.readouterr().err.strip().splitlines()[-1]
    event = json.loads(err)
    assert event["event"] == "api_error" and event["error_type"] == "ValueError"
    assert BSN_SAM not in err


@pytest.mark.django_db
def test_a_server_error_answers_problem_json_and_logs_no_data(regio, api, capsys, monkeypatch):
    from zorgvuldig.personen import selectors

    def stuk(*args, **kwargs):
        raise RuntimeError(f"onverwacht {BSN_SAM}")

    monkeypatch.setattr(selectors, "personen_zichtbaar_voor", stuk)
    r = api(regio.medewerker).get("/api/v1/personen")
    assert r.status_code == 500 and r.json()["code"] == "E_SERVER"
    assert BSN_SAM not in r.content.decode()
    assert BSN_SAM not in capsys.readouterr().err


def test_django_log_records_carry_no_traceback_text():
    """Django's own error records (outside the API) show the exception type and place only."""
    import logging
    import sys

    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    geheim = BSN_SAM
    try:
        raise KeyError(f"sleutel {geheim}")
    except KeyError:
        record = logging.getLogger("django.request").makeRecord(
            "django.request", logging.ERROR, __file__, 1, "Internal Server Error: /admin/", (), sys.exc_info()
        )
    text = handler.format(record)
    assert "KeyError at test_logging.py:" in text
    assert BSN_SAM not in text and "Traceback" not in text


def test_a_one_time_token_in_a_logged_path_is_left_out():
    """Defence in depth behind the token-less activation form: whatever logs the path of an activation
    link (Django's 404 or 405 record, an event) writes the uuid, never the token."""
    import logging

    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    uuid, token = "0b1c5a4e-7f3e-4c1a-9d7e-2a6b8f0c1d2e", "cz1x2y-0123456789abcdef0123456789abcdef"
    for bericht, args in (
        ("Not Found: %s", (f"/activeren/{uuid}/{token}",)),
        ("Method Not Allowed (%s): %s", ("POST", f"/activeren/{uuid}/{token}")),
    ):
        record = logging.getLogger("django.request").makeRecord(
            "django.request", logging.WARNING, __file__, 1, bericht, args, None
        )
        text = handler.format(record)
        assert uuid in text and token not in text and "[verborgen]" in text


def test_a_bsn_in_a_logged_request_line_is_left_out():
    """No BSN in logs (security review): the demo server logs every request line; a client that puts a BSN
    in the query string (refused by the API) still does not get it into the log."""
    import logging

    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    record = logging.getLogger("django.server").makeRecord(
        "django.server",
        logging.WARNING,
        __file__,
        1,
        '"%s" %s %s',
        ("GET /api/v1/personen?bsn=999993653 HTTP/1.1", 400, 120),
        None,
    )
    text = handler.format(record)
    assert "999993653" not in text and "GET /api/v1/personen?[verborgen] HTTP/1.1" in text


def test_structlog_events_leave_the_token_out_too(capsys):
    structlog.get_logger("test").warning("pad", pad="/activeren/abc/geheim-token-123")
    err = capsys.readouterr().err
    assert "geheim-token-123" not in err and "/activeren/abc/[verborgen]" in err


def test_a_configuration_error_is_logged_with_its_message():
    """A 500 from a missing key file says so in the log (the message names a variable or a file, never
    personal data); any other exception still shows only its type and place."""
    import logging
    import sys

    from django.core.exceptions import ImproperlyConfigured

    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    try:
        raise ImproperlyConfigured("key file /etc/zorgvuldig/keys/kek.key is missing")
    except ImproperlyConfigured:
        record = logging.getLogger("django.request").makeRecord(
            "django.request",
            logging.ERROR,
            __file__,
            1,
            "Internal Server Error: /api/v1/personen",
            (),
            sys.exc_info(),
        )
    assert "ImproperlyConfigured at test_logging.py:" in handler.format(record)
    assert handler.format(record).endswith(": key file /etc/zorgvuldig/keys/kek.key is missing")
