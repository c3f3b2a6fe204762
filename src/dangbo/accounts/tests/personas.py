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
    """admin; board officer of R1; secretaries of D1 and of S1; leadership; a user with no grant."""
    return {
        "admin": make("quantri", superuser=True),
        "board": make("bantochuc", "ban_to_chuc", "R1"),
        "secretary_a": make("bithu_d1", "bi_thu", "D1"),
        "secretary_b": make("bithu_s1", "bi_thu", "S1"),
        "leader": make("lanhdao", "lanh_dao", "R1"),
        "outsider": make("ngoai"),
    }
