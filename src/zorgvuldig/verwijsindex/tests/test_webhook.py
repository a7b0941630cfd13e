"""Partner systems get match notices by a signed webhook (API §2.3), through the outbox: a real HTTP
server on this machine receives them."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
import time_machine

from zorgvuldig.berichten import bezorging
from zorgvuldig.conftest import BSN_SAM, als_systeem, partner_token
from zorgvuldig.organisaties.services import zet_webhook

pytestmark = pytest.mark.django_db


class Ontvanger:
    """A partner system's webhook endpoint: records calls; answers with the next queued status."""

    def __init__(self):
        self.ontvangen: list[tuple[dict, bytes]] = []
        self.antwoorden: list[int] = []
        ontvanger = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                ontvanger.ontvangen.append(({k.lower(): v for k, v in self.headers.items()}, body))
                self.send_response(ontvanger.antwoorden.pop(0) if ontvanger.antwoorden else 204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/zorgvuldig"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()


@pytest.fixture
def ontvanger():
    o = Ontvanger()
    yield o
    o.stop()


def _geldig(geheim: str, headers: dict, body: bytes) -> bool:
    mac = hmac.new(
        geheim.encode(),
        f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body,
        hashlib.sha256,
    )
    return headers["webhook-signature"] == "v1," + base64.b64encode(mac.digest()).decode()


def test_api_match_notice_reaches_the_partner_system_signed_and_without_personal_data(vi, regio, ontvanger):
    token, _ = partner_token(regio, scopes=("signaal:registreren", "match:behandelen"))
    geheim = zet_webhook(actor=regio.actor(regio.beheerder), token=token, url=ontvanger.url)
    vi.signaleer(regio.leraar)
    vi.signaleer(regio.medewerker)
    als_systeem()
    bezorging.bezorg()
    [(headers, body)] = ontvanger.ontvangen  # only the school has a partner system
    assert _geldig(geheim, headers, body)
    inhoud = json.loads(body)
    assert inhoud["type"] == "vi.match" and "/api/v1/matches/" in inhoud["match"]
    assert inhoud["aanleiding"] == "nieuw"  # a new match, as docs/integrators.md says (API review)
    assert inhoud["signaleerder"] == str(regio.leraar.uuid)
    assert BSN_SAM not in body.decode() and "Sam" not in body.decode()
    assert not _geldig("whsec_ander", headers, body)


def test_api_webhook_retried_with_the_same_id_until_the_partner_accepts(vi, regio, ontvanger):
    """DESIGN §4: at least once; a 500 or an unreachable receiver backs off and retries with the same
    `webhook-id`, so the partner drops the duplicate."""
    token, _ = partner_token(regio, scopes=("signaal:registreren", "match:behandelen"))
    zet_webhook(actor=regio.actor(regio.beheerder), token=token, url=ontvanger.url)
    ontvanger.antwoorden = [500]
    vi.signaleer(regio.leraar)
    vi.signaleer(regio.medewerker)
    als_systeem()
    nu = dt.datetime.now(dt.UTC)
    uitkomst = bezorging.bezorg(nu)
    assert uitkomst["mislukt"] == 1
    with time_machine.travel(nu + dt.timedelta(minutes=2), tick=False):
        assert bezorging.bezorg()["verzonden"] == 1
    ids = [h["webhook-id"] for h, _ in ontvanger.ontvangen]
    assert len(ids) == 2 and ids[0] == ids[1]


def test_api_webhook_only_https_outside_this_machine(regio):
    from zorgvuldig.core.errors import DomainError

    token, _ = partner_token(regio, scopes=("match:behandelen",))
    with pytest.raises(DomainError):
        zet_webhook(actor=regio.actor(regio.beheerder), token=token, url="http://partner.example.org/hook")
    assert zet_webhook(
        actor=regio.actor(regio.beheerder), token=token, url="https://partner.example.org/hook"
    )


def test_api_no_webhook_without_the_match_scope(vi, regio, ontvanger):
    token, _ = partner_token(regio, scopes=("signaal:registreren",))
    zet_webhook(actor=regio.actor(regio.beheerder), token=token, url=ontvanger.url)
    vi.signaleer(regio.leraar)
    vi.signaleer(regio.medewerker)
    als_systeem()
    bezorging.bezorg()
    assert ontvanger.ontvangen == []
