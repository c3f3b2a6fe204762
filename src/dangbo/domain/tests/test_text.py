"""The characters no document can hold, found whatever the text around them."""

from hypothesis import given
from hypothesis import strategies as st

from dangbo.domain.text import unwritable_character, writable

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
