"""A clerk types the Vietnamese label where a column is coded (issue 20, item 9): "Nữ" for
nu, "Chuyển đến" for chuyen_den; the label read is stored as its code, and anything else is
still refused by cell."""

from __future__ import annotations

from dangbo.exchange.importer import import_workbook
from dangbo.fixtures.workbooks import write_xlsx
from dangbo.members.models import MemberEvent, Person


def test_labels_in_coded_columns_are_read_as_their_codes(imported_bloc, tmp_path):
    data = {"nguoi": [{"ma": "V1", "ho_ten": "Lò Thị Mai", "ngay_sinh": "1990-01-01", "gioi_tinh": "Nữ"}],
            "bien_dong_dang_vien": [{"ngay": "2017-03-01", "loai": "Chuyển đến", "ma_nguoi": "V1", "ma_to_chuc": "S1",
                                     "trang_thai": "chính thức", "ngay_ket_nap": "2010-05-01"}]}
    result = import_workbook(write_xlsx(data, tmp_path / "nhan.xlsx", labels=True))
    assert result.status == "applied", [str(p) for p in result.errors]
    assert Person.objects.get(code="V1").sex == "nu"
    assert MemberEvent.objects.get(person__code="V1").kind == "chuyen_den"


def test_a_word_that_is_neither_code_nor_label_is_refused_by_cell(rules, tmp_path):
    data = {"nguoi": [{"ma": "V2", "ho_ten": "Lò Văn Pọm", "ngay_sinh": "1990-01-01", "gioi_tinh": "Nam giới"}]}
    result = import_workbook(write_xlsx(data, tmp_path / "sai.xlsx"))
    assert [(p.ref, p.column) for p in result.errors] == [(("nguoi", 2), "gioi_tinh")]
