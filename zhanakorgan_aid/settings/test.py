"""Test runs: fast hashing, in-memory mail, a throwaway upload folder."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import STORAGES, env

DEBUG = False
SECRET_KEY = env("SECRET_KEY", default="test-only-not-secret")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="zhanakorgan-aid-media-"))
STORAGES["default"]["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT
ALLOWED_HOSTS = ["*"]
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
