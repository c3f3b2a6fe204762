"""Where the current write comes from (the web, the API, a command), for the audit log.

A middleware sets it per request; `record_audit` reads it when the caller does not say, so
every service's entry carries the address without each view passing it down."""

from __future__ import annotations

import contextvars
from dataclasses import dataclass


@dataclass(frozen=True)
class Origin:
    source: str = ""
    address: str = ""


_origin: contextvars.ContextVar[Origin | None] = contextvars.ContextVar("dangbo_audit_origin", default=None)


def current() -> Origin:
    """The origin of the request being served (empty outside a request: a command, a test)."""
    return _origin.get() or Origin()


class AuditOriginMiddleware:
    """Remember the client address and whether the request is for the API or a page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        source = "api" if request.path.startswith("/api/") else "web"
        token = _origin.set(Origin(source, request.META.get("REMOTE_ADDR", "")[:64]))
        try:
            return self.get_response(request)
        finally:
            _origin.reset(token)
