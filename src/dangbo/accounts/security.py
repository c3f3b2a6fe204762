"""Sign-in hardening: who must use a second factor, the lock-out page, and the audit of
sign-ins, failures and sign-outs."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.shortcuts import render
from django.utils import timezone

from dangbo.audit.services import record_audit

from .choices import ADMIN


def needs_two_factor(user) -> bool:
    """Administrators and everyone granted a whole root (the bloc's officers and leaders)
    must confirm sign-in with a TOTP code; a grassroots secretary need not."""
    if not getattr(settings, "DANGBO_REQUIRE_2FA", True) or not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    from dangbo.core.temporal import on
    from dangbo.orgs.models import OrgVersion

    from .access import active_grants

    today = timezone.localdate()
    grants = list(active_grants(user, today).values_list("role", "org_id"))
    if any(role == ADMIN or org is None for role, org in grants):
        return True
    roots = OrgVersion.objects.filter(on(today), depth=0, org_id__in=[org for _, org in grants])
    return roots.exists()


def locked_out(request, credentials=None, *args, **kwargs):
    """django-axes' lock-out answer, in Vietnamese."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes, "limit": settings.AXES_FAILURE_LIMIT},
                  status=429)


@receiver(user_logged_in)
def _signed_in(sender, request, user, **kwargs):
    record_audit(user=user, action="sign_in", object_type="user", object_id=user.username)


@receiver(user_login_failed)
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    # The password is never kept; the name typed is, to see who is being guessed.
    record_audit(action="sign_in.failed", object_type="user", object_id=str(credentials.get("username", ""))[:150])


@receiver(user_logged_out)
def _signed_out(sender, request, user, **kwargs):
    if user is not None:
        record_audit(user=user, action="sign_out", object_type="user", object_id=user.username)
