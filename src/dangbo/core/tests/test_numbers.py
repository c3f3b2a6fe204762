"""Numbers as a Vietnamese clerk writes them (issue 20, item 7): 3.281 and 99,46."""

from decimal import Decimal

import pytest

from dangbo.core.templatetags.dangbo_tags import comparator, number


@pytest.mark.parametrize(("value", "shown"), [
    (3281, "3.281"), (150, "150"), (1_000_000, "1.000.000"), (99.46, "99,46"), (Decimal("1000.50"), "1.000,5"),
    (Decimal("500"), "500"), (-2.5, "-2,5"), (None, None), ("", ""), (True, True)])
def test_numbers_in_vietnamese_notation(value, shown):
    assert number(value) == shown


def test_a_targets_comparison_is_written_with_its_sign():
    assert (comparator(">="), comparator("<="), comparator("=")) == ("≥", "≤", "=")

