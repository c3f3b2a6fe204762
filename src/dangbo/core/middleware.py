"""Security headers Django 5.2 does not set itself: a content security policy (every asset
is served from this server, no CDN), a permissions policy, and no caching of what a signed-in
user or an API key was shown (personal data must not stay in a shared browser's or a proxy's
cache)."""

from django.utils.cache import patch_cache_control, patch_vary_headers

CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'")
# The interactive API docs (django-ninja's Swagger UI) start with an inline script.
CSP_DOCS = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CSP_DOCS if request.path.startswith("/api/docs") else CSP)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS)
        if _personal(request):
            patch_cache_control(response, no_store=True, private=True)
        return response


class VaryOnHtmxMiddleware:
    """A page answers an HTMX request with a fragment and a plain one with the whole page at
    the same address: `Vary: HX-Request` keeps the browser from showing the cached fragment
    when the user goes Back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        patch_vary_headers(response, ("HX-Request",))
        return response


def _personal(request) -> bool:
    """Pages of a signed-in user, downloads among them, and every API answer."""
    return request.path.startswith("/api/") or getattr(getattr(request, "user", None), "is_authenticated", False)
