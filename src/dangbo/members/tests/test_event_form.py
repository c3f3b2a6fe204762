"""The member event form shows each kind's own fields and ignores the others (issue 20, item 4)."""


def test_an_admission_form_hides_the_card_number_and_the_badge(people, as_user):
    page = as_user("board").get("/dang-vien/bien-dong/?loai=ket_nap").content.decode()
    card = page.split('<p data-kinds="phat_the chuyen_den"')[1].split(">")[0]
    assert "hidden" in card
    assert "Chi bộ kết nạp" in page and "Ngày lễ kết nạp: bắt đầu 12 tháng dự bị" not in page.split("data-help")[0]


def test_a_field_of_another_kind_is_not_saved(people, as_user):
    from dangbo.members.models import MemberEvent

    response = as_user("board").post("/dang-vien/bien-dong/", {
        "loai": "mien_sinh_hoat", "ngay": "05/01/2017", "ma_nguoi": "P1", "so_the": "12345678", "so_nam": "40"})
    assert response.status_code == 302
    event = MemberEvent.objects.get(person__code="P1", kind="mien_sinh_hoat")
    assert event.card_no == "" and event.badge_years is None


def test_a_malformed_value_in_a_hidden_field_does_not_refuse_the_form(people, as_user):
    response = as_user("board").post("/dang-vien/bien-dong/", {
        "loai": "mien_sinh_hoat", "ngay": "05/01/2017", "ma_nguoi": "P1", "so_the": "12"})
    assert response.status_code == 302
