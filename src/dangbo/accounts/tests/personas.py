"""The people who use dangbo, as test users: each with the grant of their role."""

import datetime as dt

from django.contrib.auth import get_user_model

from dangbo.accounts.models import Grant
from dangbo.orgs.models import Org

PASSWORD = "Mat-khau-dai-2026"


def make(username: str, role: str | None = None, unit: str | None = None, superuser: bool = False):
    user = get_user_model().objects.create_user(username, password=PASSWORD, is_superuser=superuser, is_staff=superuser)
    if role:
        Grant.objects.create(user=user, role=role, org=Org.objects.get(code=unit) if unit else None,
                             valid_from=dt.date(1900, 1, 1))
    return user


def personas():
    """admin; board officer and inspector of R1; secretaries of D1 and of S1; leadership; a user with no grant."""
    return {
        "admin": make("quantri", superuser=True),
        "board": make("bantochuc", "ban_to_chuc", "R1"),
        "inspector": make("kiemtra", "kiem_tra", "R1"),
        "secretary_a": make("bithu_d1", "bi_thu", "D1"),
        "secretary_b": make("bithu_s1", "bi_thu", "S1"),
        "leader": make("lanhdao", "lanh_dao", "R1"),
        "outsider": make("ngoai"),
    }


def sign_in(client, user):
    """Sign `user` in on a test client, as the sign-in page would, with the TOTP code too
    for those who must give one."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from dangbo.accounts.security import needs_two_factor

    client.force_login(user)
    if needs_two_factor(user):
        device, _ = TOTPDevice.objects.get_or_create(user=user, confirmed=True, defaults={"name": "điện thoại"})
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client
