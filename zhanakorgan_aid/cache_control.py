"""Personal data is never kept by a browser's or a proxy's cache (issue 22, item 3).

Every response to a signed-in user, a page, a printed PDF, a scan or an export alike, says
`Cache-Control: private, no-store`. Static files never come this far: whitenoise (production)
or runserver's static handler (development) answer them before the middlewares, with their long
cache. Anonymous pages (the log-in form) keep Django's defaults.
"""

from django.utils.cache import patch_cache_control


class PrivateResponsesMiddleware:
    """After AuthenticationMiddleware. A response that already forbids storing (the 503 page
    while the database is down, the admin's never_cache pages) is left as it is, so its user
    is not looked up again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "no-store" not in response.get("Cache-Control", "") and _signed_in(request):
            patch_cache_control(response, private=True, no_store=True)
        return response


def _signed_in(request) -> bool:
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated
