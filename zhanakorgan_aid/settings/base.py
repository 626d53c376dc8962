"""Settings shared by every environment; values come from the environment (django-environ) or a
.env file beside manage.py (.env.example lists them):

- DEBUG (off), SECRET_KEY, ALLOWED_HOSTS (127.0.0.1,localhost).
- DATABASE_URL: sqlite:///db.sqlite3 by default; postgres://user:password@host:5432/name.
- DB_PREPARED_STATEMENTS (on): PostgreSQL keeps a connection's frequent statements prepared;
  switch off behind a pooler in transaction mode.
- SESSION_COOKIE_AGE: seconds without a request after which a session ends (1800).
- AXES_FAILURE_LIMIT (5) failed log-ins lock an account at that address; TRUSTED_PROXY_COUNT (0)
  reverse proxies whose X-Forwarded-For is believed.
- PRIVATE_MEDIA_ROOT: the folder of uploaded scans; UPLOAD_MAX_BYTES (10 MB) per file.
- EMAIL_BACKEND, DEFAULT_FROM_EMAIL, LOG_LEVEL (WARNING).

The caches and REDIS_URL: settings/production.py.
"""

from pathlib import Path

import environ
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "import_export",
    "simple_history",
    "axes",
    "django_filters",
    "zhanakorgan_aid",
    "applications.reference",
    "applications.cases",
    "commissions",
    "benefits",
    "applications.workflow",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before the sessions: /healthz and /readyz, and the 503 page while the database is down.
    "zhanakorgan_aid.availability.AvailabilityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "zhanakorgan_aid.cache_control.PrivateResponsesMiddleware",
    "zhanakorgan_aid.sessions.IdleExpiryMiddleware",
    "zhanakorgan_aid.i18n.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "zhanakorgan_aid.passwords.PasswordChangeRequiredMiddleware",
    "zhanakorgan_aid.busy.BusyDatabaseMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "zhanakorgan_aid.urls"
WSGI_APPLICATION = "zhanakorgan_aid.wsgi.application"
AUTH_USER_MODEL = "zhanakorgan_aid.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "zhanakorgan_aid.context_processors.roles",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env.bool(
    "DB_PREPARED_STATEMENTS", default=True
):
    # Parameters bound by the server, and a statement a connection has run five times kept
    # prepared there, so PostgreSQL stops parsing and planning it (issue 9: 1-2 ms a page at
    # region size). Switch off behind a pooler in transaction mode, which cannot keep a
    # statement prepared on one server connection for the next client.
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        "server_side_binding": True,
        "prepare_threshold": 5,
    }

# "default" holds what every process must agree on (long lists' counts, the dashboard's figures,
# sessions); "fragments" holds rendered template fragments that are the same for everyone of a
# language and role set ({% cache … using="fragments" %}), and must never cost a database query.
# Production puts both in Redis when REDIS_URL is set, else "default" in the database
# (settings/production.py); the tests follow REDIS_URL the same way (settings/test.py).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "fragments",
    },
}


def redis_caches(url: str, key_prefix: str) -> dict:
    """Both caches in the Redis at `url` (django-redis), each alias under a key prefix of its
    own, "<key_prefix>:default" and "<key_prefix>:fragments", so that clearing one alias leaves
    the other, and anything else in that Redis, alone (zhanakorgan_aid.cache.RedisCache)."""
    return {
        alias: {
            "BACKEND": "zhanakorgan_aid.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": f"{key_prefix}:{alias}",
            # A Redis that does not answer fails the request within seconds, not minutes.
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 2, "SOCKET_TIMEOUT": 2},
        }
        for alias in ("default", "fragments")
    }


AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Django's four checks, their messages in Russian and Kazakh (zhanakorgan_aid/passwords.py).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "zhanakorgan_aid.passwords.UserAttributeSimilarityValidator"},
    {"NAME": "zhanakorgan_aid.passwords.MinimumLengthValidator"},
    {"NAME": "zhanakorgan_aid.passwords.CommonPasswordValidator"},
    {"NAME": "zhanakorgan_aid.passwords.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workflow:home"
LOGOUT_REDIRECT_URL = "login"

# Django's sessions, read from the default cache and written through to the database
# (cached_db): a page reads its session without a query, and a session outlives a restart of
# the cache. A session ends after SESSION_COOKIE_AGE seconds (30 minutes) without a request;
# zhanakorgan_aid.sessions renews it at most once a minute, so a page view does not write it.
# A password change ends the account's other sessions (Django's session auth hash).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_CACHE_ALIAS = "default"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1  # hours
# Lock an account at the address it failed from, after 5 failures there: the inner list is
# "username AND ip_address" (django-axes). One person's typos behind an office NAT lock neither
# their colleagues there nor themselves elsewhere, and nobody can lock an account from afar.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "zhanakorgan_aid.account.client_ip"
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", _("Русский")), ("kk", _("Қазақша"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Qyzylorda"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]

# Uploaded scans hold personal data: they live outside any public URL and are served only
# through a view that checks access.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private_media")))
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": "/documents/"},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Browser-side protection in every environment, so a page that breaks it breaks in development
# too: no inline scripts or handlers (behaviour lives in static/js/app.js), no framing.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
# The proxy's health checks may come over plain HTTP from inside (availability.py).
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
CSRF_FAILURE_VIEW = "zhanakorgan_aid.errors.csrf_failure"

MAILERS = {
    "default": {
        "BACKEND": env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"),
    },
}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="aid@zhanakorgan.local")

SIMPLE_HISTORY_HISTORY_ID_USE_UUID = False
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}
FORMAT_MODULE_PATH = ["zhanakorgan_aid.formats"]

# The open-cases index carries status, channel and okrug as non-key columns on PostgreSQL (an
# index-only count of the work queue, issue 9); SQLite, for development, builds it without them.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# The authorized body as a party to the education aid contract (p10): its BIN and address as
# the contract prints them, in Russian and Kazakh.
AUTHORIZED_BODY_BIN = env("AUTHORIZED_BODY_BIN", default="")
AUTHORIZED_BODY_ADDRESS_RU = env(
    "AUTHORIZED_BODY_ADDRESS_RU",
    default="Кызылординская область, Жанакорганский район, пос. Жанакорган",
)
AUTHORIZED_BODY_ADDRESS_KK = env(
    "AUTHORIZED_BODY_ADDRESS_KK",
    default="Қызылорда облысы, Жаңақорған ауданы, Жаңақорған кенті",
)
