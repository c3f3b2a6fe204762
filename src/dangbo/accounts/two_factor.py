"""The TOTP second factor (django-otp): setting up an authenticator app, confirming each
sign-in with a code, and the middleware that holds back those who must and have not."""

from __future__ import annotations

import segno
from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from dangbo.audit.services import record_audit

from .security import needs_two_factor

EXEMPT = ("/dang-nhap/", "/dang-xuat/", "/xac-thuc/", "/static/", "/health", "/api/")


class CodeForm(forms.Form):
    ma = forms.RegexField(label="Mã 6 chữ số", regex=r"^\s*\d{6}\s*$",
                          error_messages={"invalid": "Mã gồm đúng 6 chữ số, đọc từ ứng dụng xác thực."},
                          widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}))
    next = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)


def _next(request, form: CodeForm) -> str:
    """Where to go once verified: the page asked for (kept in the form), on this site only."""
    posted = form.cleaned_data.get("next") if form.is_bound and form.is_valid() else None
    target = posted or request.GET.get("next") or "/"
    return target if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}) else "/"


@login_required
def verify(request):
    """Set up (first time) or enter the code of the user's authenticator app."""
    user = request.user
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    setup = device is None
    if setup:
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first() or TOTPDevice.objects.create(
            user=user, name="Ứng dụng xác thực", confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _ = device.verify_is_allowed()
        if allowed and device.verify_token(form.cleaned_data["ma"].strip()):
            if setup:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                record_audit(user=user, action="otp.setup", object_type="user", object_id=user.username)
            otp_login(request, device)
            record_audit(user=user, action="sign_in.otp", object_type="user", object_id=user.username)
            return redirect(_next(request, form))
        record_audit(user=user, action="sign_in.otp_failed", object_type="user", object_id=user.username)
        form.add_error("ma", "Mã không đúng hoặc đã hết hạn; chờ mã mới rồi nhập lại." if allowed
                       else "Nhập sai nhiều lần: hãy chờ một lát rồi thử lại.")
    qr = mark_safe(segno.make(device.config_url, error="m").svg_inline(scale=4, title="Mã QR cho ứng dụng xác thực")) if setup else ""
    return render(request, "accounts/two_factor.html", {
        "form": form, "setup": setup, "qr": qr, "secret": _base32(device.bin_key) if setup else "",
        "required": needs_two_factor(user), "verified": user.is_verified(), "next": _next(request, form)},
        status=400 if request.method == "POST" else 200)


def _base32(key: bytes) -> str:
    from base64 import b32encode

    text = b32encode(key).decode().rstrip("=")
    return " ".join(text[i:i + 4] for i in range(0, len(text), 4))


class RequireTwoFactorMiddleware:
    """Send a signed-in user who must confirm with a code, and has not, to the code page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated and not request.path.startswith(EXEMPT)
                and not user.is_verified() and needs_two_factor(user)):
            return redirect(f"/xac-thuc/?next={request.get_full_path()}")
        return self.get_response(request)
