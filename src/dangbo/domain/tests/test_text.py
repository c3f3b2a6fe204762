"""The characters no document can hold, found whatever the text around them."""

from hypothesis import given
from hypothesis import strategies as st

from dangbo.domain.text import collation_key, sort_key, unwritable_character, writable

CONTROL = [chr(c) for c in range(32) if chr(c) not in "\t\n\r"]


def test_tab_and_line_breaks_are_kept_and_word_s_manual_break_is_not():
    assert unwritable_character("Nguyễn Văn An\tTổ 3\r\nPhường 1") is None
    assert unwritable_character("Nguyễn\xa0Văn An") is None  # a non-breaking space is text
    assert unwritable_character("Nguyễn Văn\x0bAn") == "\x0b"
    assert writable("Nguyễn Văn\x0bAn\x00") == "Nguyễn Văn\ufffdAn\ufffd"


@given(st.text(), st.sampled_from(CONTROL), st.text())
def test_a_control_character_is_found_anywhere(before, bad, after):
    text = before + bad + after
    found = unwritable_character(text)
    assert found is not None and found in CONTROL
    assert unwritable_character(writable(text)) is None


def test_names_sort_by_ten_then_ho_dem():
    names = ["Trần Văn Bình", "Nguyễn Thị An", "Lê Văn An", "Lê An"]
    assert sorted(names, key=sort_key) == ["Lê An", "Lê Văn An", "Nguyễn Thị An", "Trần Văn Bình"]


def test_letters_follow_the_vietnamese_alphabet():
    # a < ă < â, d < đ < e, o < ô < ơ, u < ư: not the order of the letters without their marks
    assert sorted(["Lê Ân", "Lê Ăn", "Lê An"], key=sort_key) == ["Lê An", "Lê Ăn", "Lê Ân"]
    assert sorted(["Vũ Đông", "Vũ Em", "Vũ Dung"], key=sort_key) == ["Vũ Dung", "Vũ Đông", "Vũ Em"]
    assert sorted(["Hà Ơn", "Hà Ôn", "Hà On"], key=sort_key) == ["Hà On", "Hà Ôn", "Hà Ơn"]
    assert sorted(["Lò Ưng", "Lò Ung"], key=sort_key) == ["Lò Ung", "Lò Ưng"]


def test_a_shorter_name_comes_first_and_tones_decide_last():
    assert sorted(["Mai Anh", "Mai An"], key=sort_key) == ["Mai An", "Mai Anh"]
    # ngang, huyền, hỏi, ngã, sắc, nặng; and a tone never outweighs a letter
    assert sorted(["Bế Mạ", "Bế Má", "Bế Mã", "Bế Mả", "Bế Mà", "Bế Ma"], key=sort_key) == [
        "Bế Ma", "Bế Mà", "Bế Mả", "Bế Mã", "Bế Má", "Bế Mạ"]
    assert sorted(["Lê Ánh", "Lê Anh", "Lê Ao"], key=sort_key) == ["Lê Anh", "Lê Ánh", "Lê Ao"]
    # the tên's tone decides before the họ đệm: every Anh before every Ánh
    assert sorted(["Hoàng Thị Ánh", "Lê Đức Anh"], key=sort_key) == ["Lê Đức Anh", "Hoàng Thị Ánh"]


def test_unit_names_sort_word_by_word_with_their_numbers():
    names = ["Chi bộ 6 - Sở Tài chính", "Chi bộ Đảng", "Chi bộ 4 - Sở Tài chính", "Chi bộ Dân"]
    assert sorted(names, key=collation_key) == ["Chi bộ 4 - Sở Tài chính", "Chi bộ 6 - Sở Tài chính", "Chi bộ Dân",
                                                "Chi bộ Đảng"]


def test_the_sort_key_is_digits_alone_so_any_collation_orders_it_as_written():
    assert sort_key("Đặng Thị Ngọc Ánh-Hồng").isdigit()
