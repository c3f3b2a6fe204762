"""Query helpers for effective-dated rows (valid_from inclusive, valid_to exclusive)."""

import datetime as dt

from django.db.models import Q


def on(day: dt.date, prefix: str = "") -> Q:
    """Rows in force at the end of `day`."""
    return Q(**{f"{prefix}valid_from__lte": day}) & (Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gt": day}))
