"""Refusing what no column can store before the API reads it, for a caller with a valid key."""

from django.http import JsonResponse
from django.http.multipartparser import MultiPartParserError

from .services import user_for_token


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
    if request.method not in ("POST", "PUT", "PATCH"):
        return False
    if request.content_type == "multipart/form-data":  # a picture's bytes hold NULs: only the fields are text
        try:
            return any("\x00" in v for values in request.POST.lists() for v in values[1])
        except MultiPartParserError:  # a malformed body: the API refuses it (after asking for a key)
            return False
    body = request.body
    return b"\x00" in body or b"\\u0000" in body.lower()


def _signed(request) -> bool:
    scheme, _, key = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    return scheme.lower() == "bearer" and "\x00" not in key and user_for_token(key.strip()) is not None
