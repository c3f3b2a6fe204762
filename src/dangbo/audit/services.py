"""Writing the audit log (called inside the caller's transaction)."""

from __future__ import annotations

from typing import Any

from .context import current
from .models import AuditEntry


def record_audit(*, user=None, action: str, object_type: str = "", object_id: object = "",
                 before: Any = None, after: Any = None, reason: str = "", source: str = "",
                 address: str = "") -> AuditEntry:
    """Append one entry; never updates an existing one. The source and address default to
    the request being served (see `context`)."""
    origin = current()
    source, address = source or origin.source, address or origin.address
    return AuditEntry.objects.create(
        user=user if getattr(user, "pk", None) else None, action=action,
        object_type=object_type, object_id=str(object_id), before=before, after=after,
        reason=reason, source=source, address=address,
    )
