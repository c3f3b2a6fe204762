"""The audit log, searchable by administrators; read-only (no page or API edits it)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone

from dangbo.accounts.access import reach
from dangbo.accounts.choices import ADMIN
from dangbo.domain.text import fold

from . import describe
from .models import AuditEntry


@login_required
def audit_log(request):
    if ADMIN not in reach(request.user, timezone.localdate()).roles:
        raise PermissionDenied
    qs = AuditEntry.objects.select_related("user").order_by("-at", "-id")
    action, who, obj = request.GET.get("hanh_dong", "").strip(), request.GET.get("nguoi", "").strip(), request.GET.get("doi_tuong", "").strip()
    if action:  # by its code or by words of its Vietnamese name
        codes = [code for code, label in describe.ACTIONS.items() if fold(action) in fold(label)]
        qs = qs.filter(Q(action__icontains=action) | Q(action__in=codes))
    if who:
        qs = qs.filter(user__username__icontains=who)
    if obj:
        qs = qs.filter(Q(object_id__icontains=obj) | Q(object_type__icontains=obj))
    page = Paginator(qs, 50).get_page(request.GET.get("trang"))
    for e in page:  # in words: the stored entry is never rewritten
        e.action_text = describe.action_label(e.action)
        e.source_text = describe.SOURCES.get(e.source, e.source)
        e.object_text = describe.object_label(e.object_type, e.object_id)
        e.before_text, e.after_text = describe.changes(e.before), describe.changes(e.after)
    query = request.GET.copy()
    query.pop("trang", None)
    return render(request, "audit/log.html", {"page": page, "query": query.urlencode(), "filters": request.GET})
