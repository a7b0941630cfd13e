"""Django settings. Every value comes from `config()` so docs/config.md documents it (DESIGN §5.9)."""

from __future__ import annotations

import ipaddress
import json
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from zorgvuldig.conf.config import config
from zorgvuldig.ui import oidc_config

SRC_DIR = Path(__file__).resolve().parents[1]
BASE_DIR = Path(
    config(
        "ZORGVULDIG_VAR_DIR",
        str(SRC_DIR.parents[1] / "var"),
        "Folder for the demo database, demo keys and local files.",
        doc_default="`var/` in the checkout",
    )
)

MODE = (
    config(
        "ZORGVULDIG_MODE",
        "production",
        "`production` (default, also when empty: PostgreSQL, secrets and key files required), `demo` "
        "(SQLite, generated keys, demo log-ins) or `test`.",
    ).strip()
    or "production"
)
if MODE not in {"production", "demo", "test"}:
    raise ImproperlyConfigured(f"ZORGVULDIG_MODE must be production, demo or test, not {MODE!r}")
DEMO = MODE == "demo"
if MODE != "production":
    BASE_DIR.mkdir(parents=True, exist_ok=True)
TESTING = MODE == "test"
PRODUCTION = MODE == "production"

DEBUG = config("DEBUG", False, "Django debug pages. Never on in production; refused there.")
if DEBUG and PRODUCTION:
    raise ImproperlyConfigured("DEBUG may not be on in production mode")

SECRET_KEY = config("SECRET_KEY", "", "Django secret key; required in production.")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY is required in production mode")
    SECRET_KEY = "insecure-" + MODE + "-only-key-for-local-use-not-for-production"

ALLOWED_HOSTS = config(
    "ALLOWED_HOSTS",
    ["localhost", "127.0.0.1"] + ([] if PRODUCTION else ["testserver"]),
    "Host names this server answers to.",
    "list",
    doc_default="`localhost,127.0.0.1`; demo/test also `testserver`",
)
CSRF_TRUSTED_ORIGINS = config("CSRF_TRUSTED_ORIGINS", [], "Origins trusted for CSRF (https://host).", "list")

_default_db = "" if PRODUCTION else f"sqlite:///{BASE_DIR / (MODE + '.sqlite3')}"
DATABASE_URL = config(
    "DATABASE_URL",
    _default_db,
    "Database URL. PostgreSQL in production (`postgres://user@host/db`); SQLite only in demo and test.",
    doc_default="required in production; demo/test: SQLite in the var folder",
)
if not DATABASE_URL:
    raise ImproperlyConfigured("DATABASE_URL is required in production mode")
_db = dj_database_url.parse(
    DATABASE_URL, conn_max_age=config("DB_CONN_MAX_AGE", 60, "Seconds to keep DB connections.")
)
_prepared = config(
    "DB_PREPARED_STATEMENTS",
    True,
    "PostgreSQL: bind parameters on the server and let psycopg prepare statements a connection runs "
    "repeatedly, so PostgreSQL does not plan the row-level-security policies again on every query "
    "(ADR 0016). Switch off behind a connection pooler in transaction mode (PgBouncer without "
    "`max_prepared_statements`).",
)
if _db["ENGINE"] == "django.db.backends.sqlite3":
    if PRODUCTION:
        raise ImproperlyConfigured("Production mode refuses SQLite: set DATABASE_URL to PostgreSQL")
    # WAL and IMMEDIATE transactions: concurrent readers, writers queue instead of failing (DESIGN §1).
    _db["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
    _db["CONN_MAX_AGE"] = 0
elif _prepared:
    # keep what the URL says (e.g. ?sslmode=verify-full), add the prepared-statement options (ADR 0016)
    _db["OPTIONS"] = {**_db.get("OPTIONS", {}), "server_side_binding": True, "prepare_threshold": 5}
_db["TEST"] = {
    "NAME": config("TEST_DATABASE_NAME", "", "Name of the database the test suite creates.") or None
}
DATABASES = {"default": _db}
BASE_URL = config(
    "ZORGVULDIG_BASE_URL",
    "" if PRODUCTION else "http://127.0.0.1:8000",
    "Address where users reach this installation (scheme and host, no trailing path); used in links "
    "that leave the application, such as the one-time activation links in e-mails. Required in "
    "production, with https.",
    doc_default="required in production (`https://…`); demo/test: `http://127.0.0.1:8000`",
)
if PRODUCTION:
    from zorgvuldig.conf.config import basisadres_fout

    if fout := basisadres_fout(BASE_URL):
        raise ImproperlyConfigured(f"ZORGVULDIG_BASE_URL {fout} in production mode")
DB_RUNTIME_ROLE = config(
    "ZORGVULDIG_DB_RUNTIME_ROLE",
    "",
    "PostgreSQL role the application runs as (not the owner that runs migrations). Migrations grant it "
    "table rights and only INSERT/SELECT on the audit log; row-level security applies to it. Set it for "
    "every `migrate` (production mode warns when it is not). Production refuses to start as a superuser, "
    "a role with BYPASSRLS or the owner of the tables.",
)
API_POLL_SETTLE_MS = config(
    "API_POLL_SETTLE_MS",
    1000,
    "Milliseconds a polled change (`GET /matches` with a cursor) is held back after the start of the "
    "oldest transaction still open, so a change that commits late never falls behind a partner's cursor "
    "(docs/integrators.md). Must exceed the clock difference between application servers and the database.",
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_tasks_db",
    "zorgvuldig.core",
    "zorgvuldig.audit",
    "zorgvuldig.organisaties",
    "zorgvuldig.toegang",
    "zorgvuldig.registers",
    "zorgvuldig.personen",
    "zorgvuldig.verstrekkingen",
    "zorgvuldig.convenanten",
    "zorgvuldig.taken",
    "zorgvuldig.berichten",
    "zorgvuldig.verwijsindex",
    "zorgvuldig.dossiers",
    "zorgvuldig.toestemmingen",
    "zorgvuldig.casusoverleg",
    "zorgvuldig.rechten",
    "zorgvuldig.bewaren",
    "zorgvuldig.rapportages",
    "zorgvuldig.datalekken",
    "zorgvuldig.toegangsbewaking",
    "zorgvuldig.monitoring",
    "zorgvuldig.werkvoorraad",
    "zorgvuldig.ui",
    # Client portal "Mijn gegevens" with DigiD (django-digid-eherkenning; its mock IdP in demo and tests).
    "simple_certmanager",
    "digid_eherkenning",
    "zorgvuldig.portaal",
]

MIDDLEWARE = [
    "zorgvuldig.core.metrics.MetricsMiddleware",  # first: counts and times every response
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "zorgvuldig.core.middleware.TraceContextMiddleware",
    "zorgvuldig.core.middleware.OngeldigTekenMiddleware",
    "zorgvuldig.core.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "zorgvuldig.ui.middleware.SessieVerloopMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "zorgvuldig.core.middleware.TenancyMiddleware",
    "axes.middleware.AxesMiddleware",
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # counts failures and locks out (django-axes) before checking
    "django.contrib.auth.backends.ModelBackend",
    "zorgvuldig.ui.oidc.OrganisatieBackend",  # single sign-on per organisation (ZORGVULDIG_OIDC_FILE)
]

ROOT_URLCONF = "zorgvuldig.conf.urls"
WSGI_APPLICATION = "zorgvuldig.conf.wsgi.application"
AUTH_USER_MODEL = "organisaties.Gebruiker"
APPEND_SLASH = False  # API rule: no trailing slashes (trailing slash → 404)

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "zorgvuldig.ui.toegang.context",
                "zorgvuldig.ui.oidc.context",
            ]
        },
    }
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only; never outside tests

LANGUAGE_CODE = "nl"
TIME_ZONE = config(
    "TIME_ZONE",
    "Europe/Amsterdam",
    "Time zone for display. Dates, ages and deadlines are always computed in Europe/Amsterdam (SPEC §0).",
)
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "static"
# Demo and test serve the app folders' static files directly (no collectstatic step); production
# serves what `zorgvuldig collectstatic` gathered.
WHITENOISE_USE_FINDERS = not PRODUCTION
if MODE != "production":
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Bad input must never become a 500: bodies are capped and rejected with problem+json.
DATA_UPLOAD_MAX_MEMORY_SIZE = config(
    "ZORGVULDIG_MAX_BODY_BYTES", 262_144, "Largest request body accepted (bytes); larger → 400."
)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000

SESSION_COOKIE_SECURE = not (DEMO or TESTING)
CSRF_COOKIE_SECURE = not (DEMO or TESTING)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Strict"
SESSION_COOKIE_AGE = config("ZORGVULDIG_SESSION_SECONDS", 8 * 3600, "Session lifetime in seconds.")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "no-referrer"
SECURE_HSTS_SECONDS = 0 if (DEMO or TESTING) else 31_536_000
SECURE_SSL_REDIRECT = config(
    "ZORGVULDIG_SSL_REDIRECT",
    PRODUCTION,
    "Redirect plain HTTP to HTTPS (AC-13).",
    doc_default="on in production",
)
# The load balancer's probe and the Prometheus scrape may use plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^health$", r"^metrics$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"

_email_backend = config(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if not PRODUCTION
    else "django.core.mail.backends.smtp.EmailBackend",
    "Django e-mail backend: console in the demo, SMTP in production, filebased for tests of delivery.",
    doc_default="production: SMTP; demo/test: console",
)
_smtp = {
    "host": config("EMAIL_HOST", "localhost", "SMTP server."),
    "port": config("EMAIL_PORT", 25, "SMTP port."),
    "username": config("EMAIL_HOST_USER", "", "SMTP user."),
    "password": config("EMAIL_HOST_PASSWORD", "", "SMTP password."),
    "use_tls": config("EMAIL_USE_TLS", False, "STARTTLS to the SMTP server."),
    # A hanging SMTP server must not hold the worker: the outbox retries later (zorgvuldig.berichten).
    "timeout": config("EMAIL_TIMEOUT", 30, "Seconds before an SMTP connection or send is given up."),
}
_file_path = config(
    "EMAIL_FILE_PATH", str(BASE_DIR / "mail"), "Folder for the file backend.", doc_default="`var/mail`"
)
_email_options: dict = {}
if _email_backend.endswith("smtp.EmailBackend"):
    _email_options = _smtp
elif _email_backend.endswith("filebased.EmailBackend"):
    _email_options = {"file_path": _file_path}
# Django 6.1's MAILERS, fed from the EMAIL_* variables operators already know (DESIGN §5.9).
MAILERS = {"default": {"BACKEND": _email_backend, "OPTIONS": _email_options}}
DEFAULT_FROM_EMAIL = config(
    "DEFAULT_FROM_EMAIL",
    "" if PRODUCTION else "zorgvuldig@example.org",
    "Sender of notifications (activation links, reminders). Required in production: an address of "
    "your organisation that your mail server may send from.",
    doc_default="required in production; demo/test: `zorgvuldig@example.org`",
)
if PRODUCTION and "@" not in DEFAULT_FROM_EMAIL:
    raise ImproperlyConfigured(
        "DEFAULT_FROM_EMAIL is required in production mode: the sender address of notifications"
    )
BERICHTEN_MAX_POGINGEN = config(
    "ZORGVULDIG_MAIL_MAX_ATTEMPTS",
    8,
    "Delivery attempts of a notification before it counts as failed (`/health`: berichtenMislukt). "
    "Retries back off 1, 2, 4 … minutes, at most 6 hours.",
)

# Keys (DESIGN §4 "Keys"): never in the database or the repository.
KEK_FILE = config(
    "ZORGVULDIG_KEK_FILE",
    "" if PRODUCTION else str(BASE_DIR / "keys" / "kek.key"),
    "File with the key-encryption key (base64, 32 bytes) that wraps every controller's data key. "
    "Required in production; escrow it with the backups. Generated in demo/test mode. Mode 0600: "
    "production refuses to start when it is missing, unreadable, malformed or readable by others.",
    doc_default="required in production; demo/test: `var/keys/kek.key`",
)
BLIND_INDEX_KEY_FILE = config(
    "ZORGVULDIG_BLIND_INDEX_KEY_FILE",
    "" if PRODUCTION else str(BASE_DIR / "keys" / "blind-index.json"),
    "File with the versioned HMAC keys of the BSN blind index (JSON {version: base64 key}). Guard it like "
    "the KEK: with it every valid BSN can be found by brute force. Checked at start-up like the KEK.",
    doc_default="required in production; demo/test: `var/keys/blind-index.json`",
)
AUDIT_PUBLIC_KEYS_FILE = config(
    "ZORGVULDIG_AUDIT_PUBLIC_KEYS_FILE",
    "" if PRODUCTION else str(BASE_DIR / "keys" / "audit-public-keys.json"),
    "JSON {key id: base64 Ed25519 public key} of the keys that sign audit checkpoints off the server "
    "(AU-08).",
    doc_default="production: set it; demo/test: `var/keys/audit-public-keys.json`",
)
AUDIT_UNSEALED_GRACE_SECONDS = config(
    "ZORGVULDIG_AUDIT_UNSEALED_GRACE_SECONDS",
    3600,
    "`audit verify` reports audit entries older than this that are still unsealed.",
)

# Retention (SPEC §10, RT-11): transfer packages of record types that are permanent under the Archiefwet.
ZORGVULDIG_ARCHIEF_MAP = config(
    "ZORGVULDIG_ARCHIEF_MAP",
    str(BASE_DIR / "archief"),
    "Folder where the retention sweep writes transfer packages (JSON, content in clear) of record types "
    "configured as permanent (RT-11), for the archive (e-Depot) to collect. Protect it like the database.",
    doc_default="`var/archief`",
)

# Background work (DESIGN §1, `zorgvuldig.taken`): django.tasks with the database backend by default.
TASKS_BACKEND = config(
    "ZORGVULDIG_TASKS_BACKEND",
    "django_tasks_db.DatabaseBackend",
    "django.tasks backend (dotted path). The default queues tasks in the database for `zorgvuldig worker`; "
    "another backend (e.g. Celery or RQ) runs its own workers.",
)
_tasks_options = config(
    "ZORGVULDIG_TASKS_OPTIONS", "{}", "OPTIONS of the tasks backend, as a JSON object.", kind="str"
)
try:
    _tasks_options = json.loads(_tasks_options)
except ValueError as exc:
    raise ImproperlyConfigured("ZORGVULDIG_TASKS_OPTIONS must be a JSON object") from exc
if not isinstance(_tasks_options, dict):
    raise ImproperlyConfigured("ZORGVULDIG_TASKS_OPTIONS must be a JSON object")
TASKS = {"default": {"BACKEND": TASKS_BACKEND, "QUEUES": ["default"], "OPTIONS": _tasks_options}}
HEARTBEAT_SECONDS = config(
    "ZORGVULDIG_HEARTBEAT_SECONDS", 30, "How often the worker and scheduler record a heartbeat (seconds)."
)
HEARTBEAT_MAX_AGE_SECONDS = config(
    "ZORGVULDIG_HEARTBEAT_MAX_AGE_SECONDS",
    300,
    "`/health` reports a worker or scheduler as `te_laat` when its last heartbeat is older (seconds). Keep "
    "it above the cron interval when `tick` or `worker --once` run from cron.",
)
TAKEN_RESULTATEN_DAGEN = config(
    "ZORGVULDIG_TASK_RESULTS_DAYS", 7, "Days a finished task's result is kept before clean-up."
)
# /metrics (Prometheus): from these networks when the request did not come through the reverse proxy, or
# with the bearer token; anything else gets 404.
METRICS_NETWORKS = config(
    "ZORGVULDIG_METRICS_ALLOWED_NETWORKS",
    ["127.0.0.1/32", "::1/128"],
    "Networks (CIDR) that may read `/metrics` directly, without a token. Requests that carry "
    "X-Forwarded-For or X-Forwarded-Proto came through the proxy and need the token.",
    "list",
)
try:
    [ipaddress.ip_network(net, strict=False) for net in METRICS_NETWORKS]
except ValueError as exc:
    raise ImproperlyConfigured(f"ZORGVULDIG_METRICS_ALLOWED_NETWORKS: {exc}") from exc
METRICS_TOKEN = config(
    "ZORGVULDIG_METRICS_TOKEN", "", "Bearer token for `/metrics` from elsewhere; empty: no token access."
)
METRICS_MULTIPROC_DIR = config(
    "PROMETHEUS_MULTIPROC_DIR",
    "",
    "prometheus-client's folder for request metrics shared by several gunicorn workers; empty: one "
    "process. Empty it at every start.",
)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "zorgvuldig.api.authentication.TokenAuthenticatie",
        "zorgvuldig.api.authentication.SessieAuthenticatie",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["zorgvuldig.api.permissions.ScopePermission"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["zorgvuldig.api.parsers.StrictJSONParser"],
    "EXCEPTION_HANDLER": "zorgvuldig.api.errors.exception_handler",
    "DEFAULT_PAGINATION_CLASS": "zorgvuldig.api.pagination.Paginering",
    "DEFAULT_SCHEMA_CLASS": "zorgvuldig.api.schema.AutoSchema",
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_VERSIONING_CLASS": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "zorgvuldig API",
    "DESCRIPTION": "REST API voor partnersystemen en de gebruikersinterface. Zie API.md.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "OverlegsoortEnum": "zorgvuldig.casusoverleg.policies.SOORTEN",
        "VerzoekgrondEnum": "zorgvuldig.rechten.policies.GRONDCODES",
        "UitvoervormEnum": "zorgvuldig.rechten.policies.UITVOERVORMEN",
        "VormEnum": "zorgvuldig.toestemmingen.policies.VORMEN",
        "UitkomstEnum": "zorgvuldig.verwijsindex.policies.INSTEMMING_UITKOMSTEN",
        "VerzoekuitkomstEnum": "zorgvuldig.rechten.policies.UITKOMSTEN",
        # `reden` is also a hold's ground (RT-07): keep the dossier closure's name
        "RedenEnum": "zorgvuldig.dossiers.policies.AFSLUITREDENEN",
        "BlokkaderedenEnum": "zorgvuldig.bewaren.policies.BLOKKADEREDENEN",
        "VernietigingsbeoordelingEnum": "zorgvuldig.bewaren.policies.BEOORDELINGEN",
        # two `type` fields: an organisation's (API §2.1) and a recipient's, which keeps its earlier name
        "OrganisatietypeEnum": "zorgvuldig.organisaties.models.OrganisatieType",
        "TypeEnum": "zorgvuldig.verstrekkingen.api.ONTVANGER_TYPES",
        # a sharing decision's answers (SH-21): the legal bases a–f of step 2 (GP-03), the recipients a
        # statutory duty is toward (G5), the grounds to postpone informing (step 6, as `_uitstellen`)
        "GrondslagEnum": "zorgvuldig.verstrekkingen.policies.GRONDSLAGEN",
        "PlichtontvangerEnum": "zorgvuldig.verstrekkingen.policies.PLICHT_ONTVANGERS",
        "UitstellenGrondEnum": "zorgvuldig.verstrekkingen.policies.UITSTEL_GRONDEN",
        # a consent's purpose: the processing activities it may name (GP-02, CS-02)
        "ToestemmingsdoelEnum": "zorgvuldig.toestemmingen.api.DOELCODES",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "zorgvuldig.api.schema.postprocess",
    ],
    "APPEND_COMPONENTS": {
        "schemas": {
            "Fout": {
                "type": "object",
                "description": "RFC 9457 problem (API §1.5)",
                "required": ["type", "title", "status", "detail", "code"],
                "properties": {
                    "type": {"type": "string"},
                    "title": {"type": "string"},
                    "status": {"type": "integer"},
                    "detail": {"type": "string"},
                    "code": {"type": "string"},
                    "traceId": {"type": "string"},
                    "invalidParams": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "name": {"type": "string"},
                                "code": {"type": "string"},
                                "reason": {"type": "string"},
                            },
                        },
                    },
                },
            }
        }
    },
}

if DEMO:
    # Until the web UI lands, the demo offers DRF's browsable API with session log-in.
    REST_FRAMEWORK["DEFAULT_RENDERER_CLASSES"] = [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ]
LOGIN_URL = "/inloggen"
LOGIN_REDIRECT_URL = "/overzicht"

LOG_LEVEL = config(
    "LOG_LEVEL", "INFO", "Log level. Logs go to stderr: the application's as JSON, without personal data."
)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Django's own records: plain text, and an exception only as its type and location (no traceback
    # text or locals, which can hold personal data).
    "formatters": {
        "plain": {
            "()": "zorgvuldig.core.logging.VeiligFormatter",
            "format": "%(levelname)s %(name)s %(message)s",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "stream": "ext://sys.stderr"}
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # Django's request logger writes paths of failed requests; paths never hold personal data (API §1.2).
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Log-in hardening (issue "front door"): lock an account after repeated failures (django-axes).
AXES_FAILURE_LIMIT = config("ZORGVULDIG_LOGIN_MAX_FAILURES", 5, "Failed log-ins before an account is locked.")
AXES_COOLOFF_TIME = (
    config("ZORGVULDIG_LOGIN_LOCK_MINUTES", 30, "Minutes an account stays locked after too many failures.")
    / 60
)
# Lock the account, whatever the address it is tried from. Not by IP address: a municipality's staff share
# a few NAT addresses, and one attacker would lock them all out.
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_USERNAME_FORM_FIELD = "email"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # axes would log e-mail addresses and IP addresses: no personal data in logs
AXES_LOCKOUT_CALLABLE = "zorgvuldig.ui.views_aanmelden.geblokkeerd"
UI_SESSIE_INACTIEF_SECONDEN = config(
    "ZORGVULDIG_SESSION_IDLE_SECONDS", 30 * 60, "A web session ends after this many seconds without activity."
)
OTP_TOTP_ISSUER = config("ZORGVULDIG_TOTP_ISSUER", "zorgvuldig", "Name shown in the authenticator app.")
# Single sign-on per organisation (ui/oidc.py): it replaces the password step; the TOTP code stays.
OIDC_FILE = config(
    "ZORGVULDIG_OIDC_FILE",
    "",
    "YAML or JSON file: organisation code → its OpenID Connect provider (endpoints, client id and secret). "
    "Holds secrets: guard it like the key files. Empty: no single sign-on. Checked at start-up; "
    "production mode accepts https endpoints only. See docs/operators.md.",
)
OIDC_PROVIDERS = oidc_config.laad(OIDC_FILE, productie=PRODUCTION)
UI_THEMA_NAAM = config(
    "ZORGVULDIG_THEME_NAME", "zorgvuldig", "Name in the page header (e.g. the municipality or region)."
)
UI_THEMA_CSS = config(
    "ZORGVULDIG_THEME_CSS",
    "ui/thema.css",
    "Static path of the theme stylesheet: NL Design System token overrides (colours, fonts) of the "
    "municipality. Put your own file in STATIC_ROOT or a static folder and name it here.",
)
UI_VERKLARING_VERSIE = config(
    "ZORGVULDIG_UNDERTAKING_VERSION",
    "2026-1",
    "Version of the confidentiality undertaking text users accept at first log-in (AC-07).",
)
CSRF_FAILURE_VIEW = "zorgvuldig.core.views.csrf_fout"

# --- Client portal "Mijn gegevens" (portaal/) ---
PORTAAL_DIGID_MOCK = config(
    "ZORGVULDIG_PORTAL_DIGID_MOCK",
    not PRODUCTION,
    'Clients log in to "Mijn gegevens" (`/mijn`) through the DigiD mock of django-digid-eherkenning: '
    "anyone types any valid BSN. For the demo and tests only; production mode refuses it at start-up. "
    "Real DigiD (SAML) is not yet available, so in production the portal shows that log-in is not "
    "possible yet (docs/operators.md).",
    doc_default="on in demo and test, off in production",
)
if PORTAAL_DIGID_MOCK and PRODUCTION:
    raise ImproperlyConfigured("ZORGVULDIG_PORTAL_DIGID_MOCK may not be on in production mode")
PORTAAL_INACTIEF_SECONDEN = config(
    "ZORGVULDIG_PORTAL_IDLE_SECONDS",
    15 * 60,
    'A "Mijn gegevens" session ends after this many seconds without activity (DigiD: 15 minutes).',
)
DIGID_MOCK_APP_TITLE = "Mijn gegevens – oefen-DigiD (geen echte DigiD)"
DIGID_MOCK_RETURN_URL = "/mijn/overzicht"
DIGID_MOCK_CANCEL_URL = "/mijn"
DIGID_MOCK_IDP_VALIDATE_CALLBACK_URLS = True  # the mock only returns to this host

# --- Retention (SPEC §10) ---
RETENTION_SECTOR_TERMS = config(
    "ZORGVULDIG_RETENTION_SECTOR_TERMS",
    ["wgbo_zorg:20"],
    "SPEC `retention.sector_terms`: organisation type:years, comma-separated. A closed dossier of an "
    "organisation of that type is due that many years after its last change instead of on 1 January of "
    "end year + 15 (RT-01). Wgbo care: 20 (BW 7:454(3)); add e.g. `gecertificeerde_instelling:20` "
    "(Jeugdwet 7.3.8) or `veilig_thuis:20` (Wmo 2015 5.3.4) as your statutes require. Empty: RT-01 for all.",
)


def _sectortermijnen() -> dict[str, int]:
    from zorgvuldig.bewaren.policies import sectortermijnen

    try:  # the types are checked against the organisation types when the retention app starts
        return sectortermijnen(RETENTION_SECTOR_TERMS)
    except ValueError as exc:
        raise ImproperlyConfigured(str(exc)) from exc


RETENTION_SECTOR_TERMS = _sectortermijnen()

# --- Data breaches (RG-03) ---
BREACH_NOTIFY_HOURS = config(
    "ZORGVULDIG_BREACH_NOTIFY_HOURS",
    72,
    "SPEC `breach.notify_hours`: the term, in hours from discovery, to notify the Autoriteit "
    "Persoonsgegevens (GDPR art 33: at most 72). The register warns at 24 and 48 hours and at the term.",
)
if not 49 <= BREACH_NOTIFY_HOURS <= 72:
    raise ImproperlyConfigured(
        "ZORGVULDIG_BREACH_NOTIFY_HOURS: between 49 and 72 (GDPR art 33; alerts at 24 and 48 h)"
    )

# --- Reports (RP-03) ---
REPORTS_MIN_CELL = config(
    "ZORGVULDIG_REPORTS_MIN_CELL",
    5,
    "SPEC `reports.min_cell`: counts from 1 to this value minus 1 are suppressed in reports (RP-03); "
    "at least 3.",
)
if REPORTS_MIN_CELL < 3:
    raise ImproperlyConfigured("ZORGVULDIG_REPORTS_MIN_CELL must be at least 3 (RP-03)")

# --- Monitoring exports (RP-04, RP-05) ---
MONITORING_EXPORT_DAYS = config(
    "ZORGVULDIG_MONITORING_EXPORT_DAYS",
    30,
    "Days a monitoring export waits, encrypted, for its recipient to fetch it; after that the job "
    "`monitoring.opruimen` wipes its content and it shows as expired (RP-04). From 1 to 90.",
)
if not 1 <= MONITORING_EXPORT_DAYS <= 90:
    raise ImproperlyConfigured("ZORGVULDIG_MONITORING_EXPORT_DAYS: between 1 and 90 (RP-04)")
