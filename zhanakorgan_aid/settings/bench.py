"""Benchmarks (bench/): production settings served over plain HTTP on 127.0.0.1.

With BENCH_BASELINES=1 two baseline views are mounted beside the product (bench/baselines.py):
a bare view returning a short text and a minimal list of 50 rows of one table. They exist only
under these settings, so they are never part of the product.
"""

from .production import *  # noqa: F403
from .production import BASE_DIR, TEMPLATES, env

SECRET_KEY = env("SECRET_KEY", default="bench-only-not-secret")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
AXES_ENABLED = False  # the bench logs in by session cookie, not by password
STATIC_ROOT = env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
LOGGING = {"version": 1, "disable_existing_loggers": False}

if env.bool("BENCH_BASELINES", default=False):
    ROOT_URLCONF = "bench.urls"
    TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]
