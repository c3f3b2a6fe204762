"""Terms and targets entered from the web: checked, numbered, judged by hand with a reason."""

import datetime as dt
from decimal import Decimal

import pytest

from dangbo.domain.problems import DomainError
from dangbo.orgs.models import Org
from dangbo.terms import services
from dangbo.terms.models import Target, Term

D = dt.date


def test_a_term_and_its_targets(people):
    board = people["board"]
    term = services.create_term(user=board, code="2020-2025", org=Org.objects.get(code="R1"), start=D(2020, 7, 1), end=D(2025, 6, 30))
    services.add_target(user=board, term=term, number=1, text="Kết nạp 5 đảng viên", metric="dang_vien.ket_nap", comparator=">=",
                        threshold=Decimal(5))
    with pytest.raises(DomainError, match="cần cột dat"):
        services.add_target(user=board, term=term, number=2, text="Giữ vững đoàn kết")
    hand = services.add_target(user=board, term=term, number=2, text="Giữ vững đoàn kết", met=False)
    new = services.judge_target(user=board, target=hand, met=True, reason="Nghị quyết tổng kết năm 2024")
    assert list(Target.objects.current().filter(term=term).order_by("number").values_list("number", "met")) == [(1, None), (2, True)]
    with pytest.raises(DomainError, match="được tính từ số liệu"):
        services.judge_target(user=board, target=Target.objects.get(term=term, number=1), met=True, reason="x")
    assert new.text == "Giữ vững đoàn kết"


def test_refusals(people):
    board, r1 = people["board"], Org.objects.get(code="R1")
    with pytest.raises(DomainError, match="đã có"):
        services.create_term(user=board, code="2015-2020", org=r1, start=D(2015, 1, 1), end=D(2020, 1, 1))
    with pytest.raises(DomainError, match="Nhiệm kỳ thuộc về một đảng bộ cấp trên"):
        services.create_term(user=board, code="X", org=Org.objects.get(code="D1"), start=D(2020, 1, 1), end=D(2025, 1, 1))
    term = Term.objects.get(code="2015-2020")
    with pytest.raises(DomainError, match="đã có chỉ tiêu số 1"):
        services.add_target(user=board, term=term, number=1, text="Trùng", met=True)
    with pytest.raises(DomainError, match="Không phải là chỉ số"):
        services.add_target(user=board, term=term, number=3, text="Sai", metric="khong.co", comparator=">=", threshold=Decimal(1))
