"""`/metrics` (Prometheus): what it shows, that it holds no personal data, and who may read it."""

from __future__ import annotations

import re

import pytest
from prometheus_client.parser import text_string_to_metric_families

from zorgvuldig.conftest import BSN_SAM
from zorgvuldig.personen.services import registreer_persoon
from zorgvuldig.taken import hartslag
from zorgvuldig.taken.models import Component
from zorgvuldig.taken.tests import voorbeeldtaken

pytestmark = pytest.mark.django_db
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


def samples(tekst: str) -> dict[tuple[str, frozenset], float]:
    return {
        (s.name, frozenset(s.labels.items())): s.value
        for family in text_string_to_metric_families(tekst)
        for s in family.samples
    }


def lab(**labels) -> frozenset:
    return frozenset(labels.items())


def scrape(client, **extra) -> str:
    r = client.get("/metrics", **extra)
    assert r.status_code == 200, r.status_code
    assert r["Content-Type"].startswith("text/plain")
    return r.content.decode()


def test_requests_are_counted_by_route_pattern_and_nothing_personal_leaks(client, regio, api):
    p = registreer_persoon(
        actor=regio.actor(regio.medewerker),
        data={"geslachtsnaam": "Vermeulen", "bsn": BSN_SAM, "bsn_ontbreekt_reden": ""},
    )
    medewerker = api(regio.medewerker)
    detail = medewerker.get(f"/api/v1/personen/{p.uuid}")
    voor = samples(scrape(client))
    sleutel = (
        "zorgvuldig_http_requests_total",
        lab(method="GET", route="/api/v1/personen/<uuid:uuid>", status=str(detail.status_code)),
    )
    medewerker.get(f"/api/v1/personen/{p.uuid}")
    medewerker.get(f"/api/v1/personen/{BSN_SAM}")  # no such route: 404
    client.get("/zoek/f.elamrani@krimpen.example.org")
    client.get(f"/api/v1/personen?bsn={BSN_SAM}&email=j.devries@hetbaken.example.org")

    tekst = scrape(client)
    na = samples(tekst)
    assert na[sleutel] == voor.get(sleutel, 0) + 1
    geen_route = ("zorgvuldig_http_requests_total", lab(method="GET", route="(geen)", status="404"))
    assert na[geen_route] >= voor.get(geen_route, 0) + 2
    assert not UUID.search(tekst), UUID.search(tekst)
    assert not EMAIL.search(tekst)
    assert BSN_SAM not in tekst and "Vermeulen" not in tekst and str(p.uuid) not in tekst


def test_operational_gauges_backlog_heartbeats_and_tasks(client, regio):
    registreer_persoon(
        actor=regio.actor(regio.medewerker),
        data={"geslachtsnaam": "Jansen", "bsn_ontbreekt_reden": "Nog niet bekend bij de intake"},
    )
    from zorgvuldig.audit.models import Wachtrij

    hartslag.slag(Component.WORKER, "w:1", hartslag.now())
    voorbeeldtaken.schrijf.enqueue("x")
    voorbeeldtaken.schrijf.enqueue("y")

    s = samples(scrape(client))
    assert s[("zorgvuldig_database_up", frozenset())] == 1
    assert s[("zorgvuldig_audit_unsealed_entries", frozenset())] == Wachtrij.objects.count() > 0
    assert s[("zorgvuldig_heartbeat_age_seconds", lab(component="worker"))] < 60
    assert s[("zorgvuldig_heartbeat_age_seconds", lab(component="scheduler"))] == float("inf")
    assert s[("zorgvuldig_tasks", lab(queue="default", status="ready"))] == 2


@pytest.mark.parametrize(
    "extra",
    [
        {"REMOTE_ADDR": "203.0.113.7"},  # outside the allowed networks
        {"REMOTE_ADDR": "10.1.2.3"},
        {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.7"},  # came through the proxy
        {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_PROTO": "https"},
        {"REMOTE_ADDR": "203.0.113.7", "HTTP_AUTHORIZATION": "Bearer "},  # no token configured
    ],
)
def test_metrics_are_refused_with_a_plain_404_from_elsewhere(client, extra):
    r = client.get("/metrics", **extra)
    assert r.status_code == 404
    assert b"zorgvuldig_" not in r.content
    onbekend = client.get("/bestaat-niet", REMOTE_ADDR="203.0.113.7").json()
    assert {**r.json(), "traceId": ""} == {**onbekend, "traceId": ""}  # the same as an unknown page


def test_allowed_networks_and_token_come_from_the_configuration(client, settings):
    settings.METRICS_NETWORKS = ["10.0.0.0/8"]
    settings.METRICS_TOKEN = "geheim-token-voor-prometheus"
    assert client.get("/metrics", REMOTE_ADDR="10.1.2.3").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 404
    goed = {"REMOTE_ADDR": "203.0.113.7", "HTTP_AUTHORIZATION": "Bearer geheim-token-voor-prometheus"}
    assert client.get("/metrics", **goed).status_code == 200
    # The token also works through the proxy; a wrong one does not.
    assert client.get("/metrics", HTTP_X_FORWARDED_FOR="203.0.113.7", **goed).status_code == 200
    fout = {"REMOTE_ADDR": "203.0.113.7", "HTTP_AUTHORIZATION": "Bearer geheim-token-voor-prometheuS"}
    assert client.get("/metrics", **fout).status_code == 404
