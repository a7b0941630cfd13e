"""Prometheus metrics at `/metrics`: requests by route pattern, audit backlog, heartbeats, tasks.

No personal data: a request is labelled by its URL *pattern* (`api/v1/personen/<uuid:uuid>`), never its
path, and everything else is a count or an age. Access: from `ZORGVULDIG_METRICS_ALLOWED_NETWORKS` when
the request did not pass the reverse proxy, or with `Authorization: Bearer ZORGVULDIG_METRICS_TOKEN`;
otherwise 404, like an unknown page.
"""

from __future__ import annotations

import functools
import hmac
import ipaddress
import math
import time
from collections.abc import Iterator

import structlog
from django.conf import settings
from django.http import Http404, HttpResponse
from prometheus_client import (
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.process_collector import ProcessCollector
from prometheus_client.registry import Collector

log = structlog.get_logger(__name__)

disable_created_metrics()  # no `_created` series: they double the output and nobody alerts on them
# Request metrics live in their own registry (never prometheus-client's global one), so a re-import in
# tests or a second WSGI app cannot register them twice.
VERZOEKEN = CollectorRegistry(auto_describe=True)
AANTAL = Counter(
    "zorgvuldig_http_requests",
    "HTTP responses by method, URL pattern and status.",
    ["method", "route", "status"],
    registry=VERZOEKEN,
)
DUUR = Histogram(
    "zorgvuldig_http_request_duration_seconds",
    "Time to answer a request, by method and URL pattern.",
    ["method", "route"],
    registry=VERZOEKEN,
)
ProcessCollector(registry=VERZOEKEN)
METHODEN = {"GET", "HEAD", "POST", "PATCH", "PUT", "DELETE", "OPTIONS"}


def route(request) -> str:
    """The URL pattern that answered, or a fixed word: never the raw path (it holds uuids)."""
    match = getattr(request, "resolver_match", None)
    if match is not None and match.route:
        return "/" + match.route
    if request.path_info.startswith("/" + settings.STATIC_URL.lstrip("/")):
        return "(static)"
    return "(geen)"  # unknown path, or answered by a middleware (HTTPS redirect, …)


class MetricsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        begin = time.perf_counter()
        response = self.get_response(request)
        methode = request.method if request.method in METHODEN else "ANDERS"
        patroon = route(request)
        DUUR.labels(methode, patroon).observe(time.perf_counter() - begin)
        AANTAL.labels(methode, patroon, str(response.status_code)).inc()
        return response


# --- what the database knows, read at scrape time ------------------------------------------------


class DatabaseCollector(Collector):
    def collect(self) -> Iterator[Metric]:
        up = GaugeMetricFamily("zorgvuldig_database_up", "1 when the database answered this scrape.")
        try:
            families = list(self._uit_database())
        except Exception:
            log.warning("metrics_database_unavailable", exc_info=True)
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        yield from families

    def _uit_database(self) -> Iterator[Metric]:
        from zorgvuldig.berichten import bezorging
        from zorgvuldig.taken import bewaking, hartslag

        achterstand = bewaking.verzegelachterstand()
        yield GaugeMetricFamily(
            "zorgvuldig_audit_unsealed_entries",
            "Audit entries waiting to be sealed into the hash chain.",
            value=achterstand.aantal,
        )
        yield GaugeMetricFamily(
            "zorgvuldig_audit_oldest_unsealed_age_seconds",
            "Age of the oldest audit entry waiting to be sealed (0 when none).",
            value=achterstand.oudste_seconden or 0,
        )
        leeftijd = GaugeMetricFamily(
            "zorgvuldig_heartbeat_age_seconds",
            "Seconds since the newest heartbeat of the component (+Inf: never).",
            labels=["component"],
        )
        for component, toestand in hartslag.toestand().items():
            leeftijd.add_metric([component], math.inf if toestand.leeftijd is None else toestand.leeftijd)
        yield leeftijd
        taken = GaugeMetricFamily(
            "zorgvuldig_tasks",
            "Task results in the database queue, by queue and status.",
            labels=["queue", "status"],
        )
        for queue, status, n in bewaking.taakaantallen():
            taken.add_metric([queue, status.lower()], n)
        yield taken
        laatst = GaugeMetricFamily(
            "zorgvuldig_periodic_job_last_enqueued_timestamp_seconds",
            "When a run of the periodic job was last queued (Unix time).",
            labels=["job"],
        )
        for naam, moment in bewaking.laatst_ingepland():
            laatst.add_metric([naam], moment.timestamp())
        yield laatst
        berichten = GaugeMetricFamily(
            "zorgvuldig_outbox_messages",
            "Outbox messages waiting longer than 15 minutes (late) and given up (failed).",
            labels=["state"],
        )
        cijfers = bezorging.bewaking()
        berichten.add_metric(["late"], cijfers["teLaat"])
        berichten.add_metric(["failed"], cijfers["mislukt"])
        yield berichten


# --- the view ------------------------------------------------------------------------------------


@functools.cache
def _netwerken(cidrs: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(c, strict=False) for c in cidrs)


def toegestaan(request) -> bool:
    token = settings.METRICS_TOKEN
    kop = request.headers.get("Authorization", "")
    if token and kop.startswith("Bearer ") and hmac.compare_digest(kop[7:].encode(), token.encode()):
        return True
    # Behind a proxy on the same host every request comes from 127.0.0.1: one that passed the proxy
    # (which sets these headers) is never "local".
    if "X-Forwarded-For" in request.headers or "X-Forwarded-Proto" in request.headers:
        return False
    try:
        adres = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(adres in net for net in _netwerken(tuple(settings.METRICS_NETWORKS)))


def metrics(request):
    if not toegestaan(request):
        raise Http404
    registry = CollectorRegistry()
    if settings.METRICS_MULTIPROC_DIR:
        multiprocess.MultiProcessCollector(registry, path=settings.METRICS_MULTIPROC_DIR)
    else:
        registry.register(_Verzoeken())
    registry.register(DatabaseCollector())
    return HttpResponse(generate_latest(registry), content_type="text/plain; version=0.0.4; charset=utf-8")


class _Verzoeken(Collector):
    def collect(self) -> Iterator[Metric]:
        yield from VERZOEKEN.collect()
