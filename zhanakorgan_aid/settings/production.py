"""Production: DEBUG off, the secret from the environment with no default, HTTPS only, no state
in a process (any gunicorn worker on any host can answer any request).

Read from the environment (or a .env file beside manage.py; .env.example lists them), besides
those of settings/base.py (DATABASE_URL, ALLOWED_HOSTS, DB_PREPARED_STATEMENTS,
SESSION_COOKIE_AGE, PRIVATE_MEDIA_ROOT, DEFAULT_FROM_EMAIL, LOG_LEVEL, …):

- SECRET_KEY: required, no default.
- CONN_MAX_AGE: seconds a worker keeps its PostgreSQL connection (600).
- REDIS_URL: the cache and the sessions' cache in Redis, e.g. redis://cache.internal:6379/0
  (a password as redis://:password@host:6379/0, TLS as rediss://). Both aliases live in the
  database of that URL, under the key prefixes CACHE_KEY_PREFIX:default and
  CACHE_KEY_PREFIX:fragments, so either can be cleared alone.
- CACHE_KEY_PREFIX: "zhanakorgan-aid"; give each installation sharing one Redis its own.
- CACHE_TABLE: without REDIS_URL the default cache is this database table ("django_cache",
  made by `manage.py createcachetable`), and the fragments are kept by each worker in memory.
- SECURE_SSL_REDIRECT (true), SECURE_HSTS_SECONDS (one year), TRUSTED_PROXY_COUNT (1).
- EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT: the SMTP server for notices (localhost:25).
"""

from .base import *  # noqa: F403
from .base import DATABASES, MIDDLEWARE, env, redis_caches

DEBUG = False
SECRET_KEY = env("SECRET_KEY")

# A new PostgreSQL connection costs ~11 ms here: keep connections between requests.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=600)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# Sessions (cached_db over the default cache) and the cache are shared by every worker: in
# Redis when REDIS_URL names one, else in the database. Template fragments must never cost a
# query: without Redis each worker keeps its own in memory.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = redis_caches(REDIS_URL, key_prefix=env("CACHE_KEY_PREFIX", default="zhanakorgan-aid"))
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": env("CACHE_TABLE", default="django_cache"),
        },
        "fragments": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "fragments",
        },
    }

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Static files are served by the app server itself (whitenoise), right after SecurityMiddleware.
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]

# Notices to applicants go out by SMTP (host and port as the mail backend's OPTIONS).
MAILERS = {
    "default": {
        "BACKEND": env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend"),
        "OPTIONS": {
            "host": env("EMAIL_HOST", default="localhost"),
            "port": env.int("EMAIL_PORT", default=25),
        },
    },
}
