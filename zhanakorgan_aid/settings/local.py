"""Development on a workstation: DEBUG on, a fixed development-only secret."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-only-not-secret-zhanakorgan-aid")
