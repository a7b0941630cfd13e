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
