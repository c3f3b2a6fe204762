"""The confidential inspection page: refused to everyone but the inspection roles; refusals named."""

from django.urls import reverse

from dangbo.inspection.models import Discipline


def test_only_inspection_roles(as_user):
    for persona in ("board", "secretary_a", "leader"):
        assert as_user(persona).get(reverse("inspections")).status_code == 403
    page = as_user("inspector").get(reverse("inspections")).content.decode()
    assert "Kiểm tra thu chi" in page and "<td>Khiển trách</td>" in page  # the label, not the code


def test_a_probationary_member_discipline_needs_a_reason(as_user):
    client = as_user("inspector")
    form = {"ngay": "2015-08-01", "doi_tuong": "dang_vien", "ma_doi_tuong": "P5", "hinh_thuc": "cach_chuc",
            "ma_co_quan": "R1"}
    refused = client.post(reverse("discipline-record"), form)
    assert refused.status_code == 400 and "Đảng viên dự bị chỉ bị kỷ luật" in refused.content.decode()
    assert "Lý do vượt quy định" in refused.content.decode()
    assert client.post(reverse("discipline-record"), form | {"ly_do_vuot": "Theo chỉ đạo của UBKT Tỉnh ủy"}).status_code == 302
    assert Discipline.objects.filter(subject_person__code="P5", form="cach_chuc").exists()


def test_menu_link_only_for_inspectors(as_user):
    assert "/kiem-tra/" in as_user("inspector").get("/").content.decode()
    assert "/kiem-tra/" not in as_user("board").get("/").content.decode()
