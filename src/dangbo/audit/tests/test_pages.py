"""The audit page (administrators only) and the 'why can I see this?' page."""

from django.urls import reverse

from dangbo.members.models import Person
from dangbo.members.services import update_person


def test_audit_log_search_for_administrators_only(as_user, people):
    update_person(user=people["board"], person=Person.objects.get(code="P1"), position="Bí thư chi bộ")
    page = as_user("admin").get(reverse("audit-log"), {"hanh_dong": "person.update"}).content.decode()
    assert "bantochuc" in page and "Bí thư chi bộ" in page and "import.apply" not in page
    assert as_user("admin").get(reverse("audit-log"), {"nguoi": "khong-co-ai"}).content.decode().count("<tr>") == 2
    for persona in ("board", "secretary_a", "leader", "outsider"):
        assert as_user(persona).get(reverse("audit-log")).status_code == 403


def test_why_can_i_see_this(as_user, people):
    page = as_user("secretary_a").get(reverse("why-visible", args=["C1"]), {"ngay": "2016-12-31"}).content.decode()
    assert "Bí thư / văn thư cơ sở tại Đảng bộ Sở Tài chính và các đơn vị trực thuộc" in page
    assert as_user("secretary_a").get(reverse("why-visible", args=["S1"]), {"ngay": "2016-12-31"}).status_code == 404
    assert "quản trị hệ thống" in as_user("admin").get(reverse("why-visible", args=["S1"])).content.decode()
