"""The audit log reads as sentences: actions by their Vietnamese names, changes as
"Label: value" with labels for codes and dates as dd/mm/yyyy (issue 20, item 7)."""

from dangbo.audit import describe


def test_actions_are_named_in_vietnamese():
    assert describe.action_label("sign_in") == "Đăng nhập"
    assert describe.action_label("rating.save") == "Ghi bảng xếp loại"
    assert describe.action_label("member_event.chuyen_di") == "Biến động đảng viên: chuyển đi"
    assert describe.action_label("inspection.giam_sat") == "Giám sát"


def test_a_change_names_its_field_and_shows_labels_and_dates():
    assert describe.changes({"ngay": "2017-02-01", "ma_to_chuc": "C1", "trang_thai": "chinh_thuc"}) == [
        "Ngày: 01/02/2017", "Đơn vị: C1", "Trạng thái: Chính thức"]


def test_a_rating_grid_change_is_read_by_subject_code():
    assert describe.changes({"P4": "tot"}) == ["P4: Hoàn thành tốt nhiệm vụ"]


def test_person_fields_and_numbers_read_in_vietnamese():
    assert describe.changes({"full_name": "Lò Văn Páo", "badge_years": None}) == ["Họ và tên: Lò Văn Páo", "Badge years: (trống)"]
    assert describe.changes({"dv_tong": 3281}) == ["Đảng viên phải học: 3.281"]


def test_the_log_page_shows_the_words_not_the_codes(people, as_user):
    from dangbo.audit.services import record_audit

    record_audit(user=people["board"], action="member_event.chuyen_di", object_type="person", object_id="P4",
                 after={"ngay": "2017-02-01", "trang_thai": "du_bi"})
    page = as_user("admin").get("/nhat-ky/").content.decode()
    assert "Biến động đảng viên: chuyển đi" in page and "Trạng thái: Dự bị" in page
    assert "member_event.chuyen_di" not in page and "&#x27;trang_thai&#x27;" not in page
