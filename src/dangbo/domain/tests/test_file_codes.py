"""The coded details of the member's file read as clerks write them (member-file.md)."""

import pytest

from dangbo.domain import file_codes as F
from dangbo.domain import member_file as MF


def test_the_list_of_ethnic_groups_is_the_54_of_the_statistics_office_and_foreign_origin():
    codes = F.codes("dan_toc")
    assert codes[:54] == tuple(f"{n:02d}" for n in range(1, 55)) and codes[54:] == ("nuoc_ngoai",)
    assert (F.labels("dan_toc")["01"], F.labels("dan_toc")["08"], F.labels("dan_toc")["42"], F.labels("dan_toc")["54"]) == (
        "Kinh", "Mông", "Lự", "Rơ-măm")


@pytest.mark.parametrize(("typed", "code"), [
    ("Kinh", "01"), ("kinh", "01"), ("01", "01"), ("1", "01"), (1, "01"), (8.0, "08"), ("Thái", "03"), ("thai", "03"),
    ("H'Mông", "08"), ("Hmông", "08"), ("Mông", "08"), ("Hà Nhì", "35"), ("ha nhi", "35"), ("Khmer", "05"), ("Khơ-me", "05"),
    ("Bru - Vân Kiều", "23"), ("Người nước ngoài", "nuoc_ngoai"), ("nuoc_ngoai", "nuoc_ngoai"),
])
def test_an_ethnic_group_is_read_by_number_label_or_usual_name(typed, code):
    assert F.match("dan_toc", typed) == code


@pytest.mark.parametrize("typed", ["Kinh Thái", "55", "0", "Việt Nam", "", "Mong Co"])
def test_a_value_naming_no_ethnic_group_is_not_read(typed):
    assert F.match("dan_toc", typed) is None


@pytest.mark.parametrize(("kind", "typed", "code"), [
    ("ton_giao", "Không", "khong"), ("ton_giao", "Phật giáo", "phat_giao"), ("ton_giao", "Thiên Chúa giáo", "cong_giao"),
    ("ton_giao", "Tin lành", "tin_lanh"), ("ton_giao", "Khác", "khac"),
    ("chuyen_mon", "Đại học", "dai_hoc"), ("chuyen_mon", "Kỹ sư", "dai_hoc"), ("chuyen_mon", "Tiến sĩ khoa học", "tien_si"),
    ("chuyen_mon", "thac_si", "thac_si"), ("hoc_ham", "Phó Giáo sư", "pgs"), ("llct", "Cao cấp", "cao_cap"),
    ("llct", "Cử nhân chính trị", "cu_nhan"),
])
def test_levels_and_religions_are_read_by_code_label_or_usual_name(kind, typed, code):
    assert F.match(kind, typed) == code


@pytest.mark.parametrize(("typed", "stored"), [
    ("12/12", "12/12"), (" 9 / 12 ", "9/12"), ("10/10", "10/10"), ("12/12 bổ túc", "12/12 bo_tuc"),
    ("12/12 (BT)", "12/12 bo_tuc"), ("7/10 bo_tuc", "7/10 bo_tuc"),
])
def test_general_education_is_grade_over_system_with_the_complementary_mark(typed, stored):
    assert F.gdpt(typed) == stored


@pytest.mark.parametrize("typed", ["13/12", "0/12", "12/11", "12", "lớp 12", "11/10"])
def test_a_grade_outside_its_system_is_not_general_education(typed):
    assert F.gdpt(typed) is None


def test_a_stored_text_matching_no_code_is_shown_as_written_and_unclear():
    ethnicity = MF.BY_COLUMN["dan_toc"]
    assert (MF.shown(ethnicity, "03"), MF.shown(ethnicity, "Tai Dam")) == ("Thái", "Tai Dam (chưa rõ)")
    assert (MF.needs_correcting(ethnicity, "Tai Dam"), MF.needs_correcting(ethnicity, "03"),
            MF.needs_correcting(ethnicity, "")) == (True, False, False)


def test_the_sensitive_details_are_ethnicity_religion_and_family_background():
    assert MF.SENSITIVE_COLUMNS == {"dan_toc", "ton_giao", "thanh_phan_gia_dinh"}
