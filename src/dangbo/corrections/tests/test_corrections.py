"""Voiding and correcting the work areas' records (issue 20, item 2), from their pages and by
the API: the record stays, struck through, with who, when and why; the copy supersedes it."""

import datetime as dt

import pytest

from dangbo.accounts.services import issue_token
from dangbo.audit.models import AuditEntry
from dangbo.domain.problems import DomainError

D = dt.date


def _api(client, user, path, body):
    return client.post(path, body, content_type="application/json",
                       HTTP_AUTHORIZATION=f"Bearer {issue_token(user=user, name='thử')}")


def test_a_voided_award_leaves_the_list_and_is_shown_struck_through_with_the_reason(people, as_user):
    from dangbo.awards.models import Award

    award = Award.objects.get(subject_org__code="D1")
    client = as_user("board")
    response = client.post(f"/huy/khen-thuong/{award.pk}/", {"ly_do": "Trùng với quyết định 15"})
    assert response.status_code == 302 and response["Location"] == "/khen-thuong/"
    award.refresh_from_db()
    assert award.voided_at is not None and award.void_reason == "Trùng với quyết định 15"
    page = client.get("/khen-thuong/").content.decode()
    voided = page.split("Bản ghi đã hủy hoặc đã sửa")[1]
    assert "<s>Giấy khen của Đảng ủy Khối — D1, ngày 15/01/2016</s>" in voided and "Trùng với quyết định 15" in voided
    assert AuditEntry.objects.filter(action="award.void", object_id=str(award.pk)).exists()


def test_a_void_without_a_reason_is_refused_and_writes_nothing(people, as_user):
    from dangbo.awards.models import Award

    award = Award.objects.get(subject_org__code="D1")
    client = as_user("board")
    before = AuditEntry.objects.count()
    client.post(f"/huy/khen-thuong/{award.pk}/", {"ly_do": "   "})
    award.refresh_from_db()
    assert award.voided_at is None and AuditEntry.objects.count() == before


def test_a_corrected_award_supersedes_the_old_one(people, as_user):
    from dangbo.awards.models import Award

    old = Award.objects.get(subject_org__code="D1")
    client = as_user("board")
    form = client.get(f"/sua/khen-thuong/{old.pk}/").content.decode()
    assert 'value="15/01/2016"' in form  # the form starts from the record
    response = client.post(f"/sua/khen-thuong/{old.pk}/", {
        "ly_do": "Sai số quyết định", "ngay": "15/01/2016", "hinh_thuc": "giay_khen", "doi_tuong": "tap_the",
        "ma_doi_tuong": "D1", "trang_thai": "quyet_dinh", "ma_co_quan": "R1", "so_quyet_dinh": "15-QĐ/ĐUK"})
    assert response.status_code == 302
    old.refresh_from_db()
    new = Award.objects.current().get(subject_org__code="D1")
    assert old.superseded_by == new and old.void_reason == "Sai số quyết định" and new.decision_no == "15-QĐ/ĐUK"


def test_a_correction_refused_by_its_checks_keeps_the_old_record(people):
    from dangbo.awards import services
    from dangbo.awards.models import Award
    from dangbo.orgs.models import Org

    old = Award.objects.get(subject_org__code="D1")
    with pytest.raises(DomainError) as refused:
        services.correct_award(user=people["board"], award=old, reason="Sai", date=D(2016, 1, 15), form="giay_khen",
                               subject_kind="tap_the", subject="D1", granted_by=Org.objects.get(code="R1"), decision_no="")
    assert refused.value.problems[0].column == "so_quyet_dinh"
    old.refresh_from_db()
    assert old.voided_at is None


def test_voiding_an_expulsion_gives_the_membership_back(people, client):
    from dangbo.inspection import services
    from dangbo.members.models import MemberSpell
    from dangbo.orgs.models import Org

    expulsion = services.record_discipline(user=people["inspector"], date=D(2018, 3, 1), subject_kind="dang_vien",
                                           subject="P4", form="khai_tru", decided_by=Org.objects.get(code="S1"))
    assert MemberSpell.objects.get(person__code="P4", valid_to=D(2018, 3, 1))
    response = _api(client, people["inspector"], f"/api/disciplines/{expulsion.pk}/void", {"ly_do": "Quyết định bị hủy"})
    assert response.status_code == 201
    assert MemberSpell.objects.filter(person__code="P4", valid_to__isnull=True).exists()


def test_a_corrected_class_keeps_its_learners_and_certificates(people, client):
    from dangbo.training.models import TrainingClass

    old = TrainingClass.objects.get(code="L2")
    response = _api(client, people["board"], f"/api/classes/{old.pk}/correct", {
        "ly_do": "Sai ngày bế giảng", "ten": "Lớp đảng viên mới 2015", "loai": "dang_vien_moi", "tu_ngay": "2015-09-01",
        "den_ngay": "2015-09-06", "ma_to_chuc": "R1"})
    assert response.status_code == 201, response.content
    new = TrainingClass.objects.current().get(code="L2")
    assert new.end == D(2015, 9, 6) and new.pk == response.json()["id"]
    assert list(new.enrolments.current().values_list("person__code", "certificate_date")) == [("P5", D(2015, 9, 10))]
    assert old.enrolments.current().count() == 0


def test_a_voided_term_frees_its_code_and_voids_its_targets(people):
    from dangbo.orgs.models import Org
    from dangbo.terms import services
    from dangbo.terms.models import Target, Term

    term = Term.objects.get(code="2015-2020")
    services.void_term(user=people["board"], term=term, reason="Nhập nhầm đảng bộ")
    assert not Target.objects.current().filter(term=term).exists()
    again = services.create_term(user=people["board"], code="2015-2020", org=Org.objects.get(code="R1"),
                                 start=D(2015, 10, 1), end=D(2020, 6, 30))
    assert Term.objects.current().get(code="2015-2020") == again


def test_a_voided_rating_leaves_the_member_unrated(people, client):
    from dangbo.assessment.models import Rating

    rating = Rating.objects.get(person__code="P1", year=2015)
    assert _api(client, people["board"], f"/api/rating-records/{rating.pk}/void", {"ly_do": "Nhầm người"}).status_code == 201
    assert not Rating.objects.current().filter(person__code="P1", year=2015).exists()


def test_a_secretary_cannot_void_another_units_study_report(people, as_user):
    from dangbo.study.models import StudyReport

    report = StudyReport.objects.get(org__code="D1")
    assert as_user("secretary_b").post(f"/huy/hoc-tap/{report.pk}/", {"ly_do": "x"}).status_code == 404
    report.refresh_from_db()
    assert report.voided_at is None


def test_a_learner_enrolled_by_mistake_is_taken_out_from_the_class_page(people, as_user):
    from dangbo.training.models import Enrolment

    enrolment = Enrolment.objects.get(training_class__code="L1", person__code="P6")
    client = as_user("board")
    page = client.get("/lop-hoc/L1/").content.decode()
    assert f'id="huy-hoc-vien-{enrolment.pk}"' in page  # its own form, outside the results' form
    response = client.post(f"/huy/hoc-vien/{enrolment.pk}/", {"ly_do": "Không học lớp này"})
    assert response["Location"] == "/lop-hoc/L1/"
    assert not Enrolment.objects.current().filter(training_class__code="L1", person__code="P6").exists()


def test_an_inspection_record_cannot_be_voided_by_a_board_officer(people, client):
    from dangbo.inspection.models import Inspection

    record = Inspection.objects.first()
    assert _api(client, people["board"], f"/api/inspections/{record.pk}/void", {"ly_do": "x"}).status_code == 403
