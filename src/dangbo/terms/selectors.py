"""Reading terms for those who record on them."""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from django.utils import timezone

from dangbo.accounts.access import writable_version
from dangbo.domain import codes as C
from dangbo.orgs.models import OrgVersion

from .models import Term


def writable_root(user, code: str, day: dt.date) -> OrgVersion:
    """A root the user reaches and may record on (Http404 / PermissionDenied otherwise)."""
    version = writable_version(user, code, day)
    if version.level != C.ROOT:
        raise Http404
    return version


def term_for_writer(user, code: str) -> Term:
    """A current term of a root the user records on, judged on today (or the term's last day)."""
    term = Term.objects.current().select_related("org").filter(code=code).first()
    if term is None:
        raise Http404
    writable_root(user, term.org.code, min(timezone.localdate(), term.end))
    return term
