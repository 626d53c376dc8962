"""WSGI entry point. WeasyPrint is imported here, at worker start, not on a user's first PDF."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhanakorgan_aid.settings.production")
application = get_wsgi_application()

import weasyprint  # noqa: E402,F401  (warm import: ~0.8 s once per worker)
