"""Personal data is never kept by a browser's or a proxy's cache (issue 22, item 3).

Every response to a signed-in user, a page, a printed PDF, a scan or an export alike, says
`Cache-Control: private, no-store`. Static files never come this far: whitenoise (production)
or runserver's static handler (development) answer them before the middlewares, with their long
cache. Anonymous pages (the log-in form) keep Django's defaults.
"""

from django.utils.cache import patch_cache_control


class PrivateResponsesMiddleware:
    """After AuthenticationMiddleware. The user is the one signed in before the view or after
    it. A response that already forbids storing (the 503 page while the database is down, the
    admin's and the log-in form's never_cache pages) is left as it is."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        signed_in = _signed_in(request)  # before the view: the log-out's answer too
        response = self.get_response(request)
        if "no-store" in response.get("Cache-Control", ""):
            return response
        if signed_in or _signed_in(request):  # after: the log-in's answer too
            patch_cache_control(response, private=True, no_store=True)
        return response


def _signed_in(request) -> bool:
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated
