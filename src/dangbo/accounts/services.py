"""Issuing and checking API tokens."""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from dangbo.audit.services import record_audit

from .models import ApiToken


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def issue_token(*, user, name: str) -> str:
    """A new token for `user`; the key is shown once and only its hash is kept."""
    key = secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, name=name, key_hash=_hash(key))
    record_audit(user=user, action="api_token.issue", object_type="user", object_id=user.username, after={"name": name})
    return key


def user_for_token(key: str):
    token = ApiToken.objects.select_related("user").filter(key_hash=_hash(key), revoked_at__isnull=True).first()
    if token is None or not token.user.is_active:
        return None
    return token.user


@transaction.atomic
def revoke_token(*, user, token: ApiToken) -> None:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record_audit(user=user, action="api_token.revoke", object_type="api_token", object_id=token.pk)


@transaction.atomic
def unlock_sign_in(*, user, username: str) -> int:
    """Lift django-axes' lock-out of `username` (after too many wrong passwords); audited."""
    from axes.utils import reset

    count = reset(username=username)
    record_audit(user=user, action="sign_in.unlock", object_type="user", object_id=username, after={"attempts_cleared": count})
    return count


@transaction.atomic
def reset_two_factor(*, user, target) -> int:
    """Forget `target`'s authenticator (a lost phone): the next sign-in sets up a new one.
    The device is a credential, not a record, so it is removed; the audit entry remains."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    count, _ = TOTPDevice.objects.filter(user=target).delete()
    record_audit(user=user, action="otp.reset", object_type="user", object_id=target.username, after={"devices": count})
    return count
