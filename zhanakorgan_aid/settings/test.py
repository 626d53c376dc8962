"""Test runs: fast hashing, in-memory mail, a throwaway upload folder.

The caches follow REDIS_URL as production does: in that Redis when it is set (.ci/run sets it
for the PostgreSQL run), in memory otherwise. A run's keys carry a prefix of its own, and
clearing a cache removes only them, so a run never touches what else that Redis holds.
"""

import secrets
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import STORAGES, env, redis_caches

DEBUG = False
SECRET_KEY = env("SECRET_KEY", default="test-only-not-secret")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="zhanakorgan-aid-media-"))
STORAGES["default"]["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT
ALLOWED_HOSTS = ["*"]
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = redis_caches(REDIS_URL, key_prefix=f"zhanakorgan-aid-test-{secrets.token_hex(6)}")
