"""The class pages, by persona: who sees which classes and learners, and what a refusal says."""

from django.urls import reverse

from dangbo.training.models import TrainingClass


def test_secretary_sees_only_learners_in_reach(as_user):
    page = as_user("secretary_b").get(reverse("class-detail", args=["L1"])).content.decode()
    assert "Hoàng Văn Em" in page and "Vũ Thị Phương" not in page and "Và 1 học viên của các đơn vị khác" in page


def test_secretary_plans_a_class_for_their_unit_only(as_user):
    client = as_user("secretary_b")
    ok = client.post(reverse("class-list"), {"ma": "S1-01", "ten": "Giao ban quý I", "loai": "giao_ban", "tu_ngay": "2017-01-10",
                                             "ma_to_chuc": "S1"})
    assert ok.status_code == 302 and TrainingClass.objects.filter(code="S1-01", org__code="S1").exists()
    bad = client.post(reverse("class-list"), {"ma": "S1-02", "ten": "", "loai": "giao_ban", "tu_ngay": "10/13/2017", "ma_to_chuc": "S1"})
    assert bad.status_code == 400 and "Từ ngày: &#x27;10/13/2017&#x27; không phải là ngày hợp lệ: gõ dạng dd/mm/yyyy" in bad.content.decode()
    assert client.post(reverse("class-list"), {"ma": "X", "ten": "X", "loai": "giao_ban", "tu_ngay": "2017-01-10",
                                               "ma_to_chuc": "D1"}).status_code == 404


def test_class_list_query_count(as_user, django_assert_max_num_queries):
    client = as_user("board")
    with django_assert_max_num_queries(12):
        assert client.get(reverse("class-list")).status_code == 200


def test_followed_candidates_are_ticked_rather_than_typed(as_user):
    from dangbo.members.models import Candidate, Person
    from dangbo.orgs.models import Org

    Candidate.objects.create(person=Person.objects.get(code="P6"), cell=Org.objects.get(code="S1"), file_opened="2016-05-01")
    client = as_user("secretary_b")
    page = client.get(reverse("class-detail", args=["L2"])).content.decode()
    assert 'name="chon" value="P6"' in page and 'value="P5"' not in page  # P5 is a member already
    assert client.post(reverse("class-detail", args=["L2"]), {"buoc": "ghi_danh", "chon": ["P6"]}).status_code == 302
    assert TrainingClass.objects.get(code="L2").enrolments.filter(person__code="P6").exists()
