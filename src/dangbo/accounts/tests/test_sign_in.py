"""Sign-in hardening: the second factor for administrators and whole-root officers, the
lock-out after wrong passwords, the audit of sign-ins, and the production settings."""

import os
import subprocess
import sys

from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from dangbo.audit.models import AuditEntry

from .personas import PASSWORD


def _code(device) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def _password(client, username, password=PASSWORD, **extra):
    return client.post(reverse("dang-nhap"), {"username": username, "password": password}, **extra)


def test_a_secretary_needs_no_second_factor(client, people):
    assert _password(client, "bithu_d1")["Location"] == reverse("dashboard")
    assert client.get(reverse("dashboard")).status_code == 200


def test_a_board_officer_sets_up_then_gives_a_code(client, people):
    _password(client, "bantochuc")
    held = client.get(reverse("member-list"))
    assert held.status_code == 302 and held["Location"].startswith("/xac-thuc/?next=/dang-vien/")
    setup = client.get("/xac-thuc/").content.decode()
    assert "<svg" in setup and "Khóa:" in setup  # the QR code and the key to type in
    device = TOTPDevice.objects.get(user=people["board"])
    assert not device.confirmed
    wrong = client.post("/xac-thuc/", {"ma": "000000", "next": "/dang-vien/"})
    assert wrong.status_code == 400 and "Mã không đúng" in wrong.content.decode()
    # after a wrong code, even the right one waits (django-otp's growing delay against guessing)
    throttled = client.post("/xac-thuc/", {"ma": _code(device), "next": "/dang-vien/"})
    assert throttled.status_code == 400 and "chờ một lát" in throttled.content.decode()
    device.refresh_from_db()
    device.throttle_reset()
    ok = client.post("/xac-thuc/", {"ma": _code(device), "next": "/dang-vien/"})
    assert ok.status_code == 302 and ok["Location"] == "/dang-vien/"
    assert client.get(reverse("member-list")).status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    actions = list(AuditEntry.objects.filter(user=people["board"]).values_list("action", flat=True))
    assert {"sign_in", "sign_in.otp_failed", "otp.setup", "sign_in.otp"} <= set(actions)
    # the next sign-in asks for a code from the same app, not a new set-up
    client.post(reverse("dang-xuat"))
    _password(client, "bantochuc")
    page = client.get("/xac-thuc/").content.decode()
    assert "<svg" not in page and "Nhập mã 6 chữ số" in page


def test_an_offsite_next_is_not_followed(client, people):
    _password(client, "bantochuc")
    client.get("/xac-thuc/")
    device = TOTPDevice.objects.get(user=people["board"])
    ok = client.post("/xac-thuc/", {"ma": _code(device), "next": "https://ke-gian.example/"})
    assert ok["Location"] == "/"


def test_lock_out_after_five_wrong_passwords(client, people):
    for _ in range(4):
        assert _password(client, "bithu_d1", "sai").status_code == 200
    locked = _password(client, "bithu_d1", "sai")
    assert locked.status_code == 429 and "tạm khóa" in locked.content.decode()
    # even the right password is refused while locked, from this machine
    assert _password(client, "bithu_d1").status_code == 429
    # another machine is not locked out by these guesses
    assert _password(client, "bithu_d1", REMOTE_ADDR="10.0.0.9").status_code == 302
    failures = AuditEntry.objects.filter(action="sign_in.failed", object_id="bithu_d1").count()
    assert failures >= 5


def test_unlock_command(client, people):
    from django.core.management import call_command

    for _ in range(5):
        _password(client, "bithu_d1", "sai")
    assert _password(client, "bithu_d1").status_code == 429
    call_command("unlock", "bithu_d1")
    assert _password(client, "bithu_d1").status_code == 302
    assert AuditEntry.objects.filter(action="sign_in.unlock", object_id="bithu_d1").exists()


def test_reset_two_factor_command(people):
    from django.core.management import call_command

    TOTPDevice.objects.create(user=people["board"], name="cũ", confirmed=True)
    call_command("reset-2fa", "bantochuc")
    assert not TOTPDevice.objects.filter(user=people["board"]).exists()
    assert AuditEntry.objects.filter(action="otp.reset", object_id="bantochuc").exists()


def test_security_headers_and_session_cookie(client, people):
    response = client.get(reverse("dang-nhap"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response["Content-Security-Policy"] and "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
    _password(client, "bithu_d1")
    cookie = client.cookies["dangbo_phien"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert client.session.get_expire_at_browser_close()


def test_writes_record_where_they_come_from(client, people):
    client.post(reverse("dang-nhap"), {"username": "bithu_s1", "password": PASSWORD}, REMOTE_ADDR="10.1.2.3")
    entry = AuditEntry.objects.filter(action="sign_in").latest("pk")
    assert entry.address == "10.1.2.3" and entry.source == "web"


def test_check_deploy_is_clean_in_production_settings(tmp_path):
    env = dict(os.environ, DANGBO_HTTPS="1", DANGBO_SECRET_KEY="k" * 20 + "-Ab3$" * 12, DANGBO_DATA_DIR=str(tmp_path),
               DJANGO_SETTINGS_MODULE="dangbo.settings", DANGBO_ALLOWED_HOSTS="dangbo.example.vn")
    for dev_only in ("DANGBO_DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"):  # the browser tests set the latter
        env.pop(dev_only, None)
    done = subprocess.run([sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout
