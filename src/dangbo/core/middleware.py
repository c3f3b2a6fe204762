"""Security headers Django 5.2 does not set itself: a content security policy (every asset
is served from this server, no CDN), a permissions policy, and no caching of what a signed-in
user or an API key was shown (personal data must not stay in a shared browser's or a proxy's
cache)."""

from django.http import JsonResponse
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


class RefuseNulMiddleware:
    """A NUL character (\\u0000) sent to the API, in its body, query or address, is refused
    with 422 before anything reads it: no text column can store one, and PostgreSQL refuses it
    even in a query (a server error otherwise). Forms refuse it themselves (Django's fields)."""

    MESSAGE = "Dữ liệu gửi lên có ký tự NUL (\\u0000): không lưu được, hãy bỏ ký tự đó."

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # a caller without a valid key is answered 401 by the API first, whatever it sent
        if request.path.startswith("/api/") and _carries_nul(request) and _signed(request):
            return JsonResponse({"loi": [self.MESSAGE]}, status=422, json_dumps_params={"ensure_ascii": False})
        return self.get_response(request)


def _carries_nul(request) -> bool:
    if "\x00" in request.path or any("\x00" in v for values in request.GET.lists() for v in values[1]):
        return True
    body = request.body if request.method in ("POST", "PUT", "PATCH") else b""
    return b"\x00" in body or b"\\u0000" in body.lower()


def _signed(request) -> bool:
    from dangbo.accounts.services import user_for_token

    scheme, _, key = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    return scheme.lower() == "bearer" and "\x00" not in key and user_for_token(key.strip()) is not None
