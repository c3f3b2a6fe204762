import pytest

from dangbo.exchange.importer import import_workbook
from dangbo.fixtures.workbooks import write_csv_folder


@pytest.fixture
def world(rules, tmp_path):
    """The small world of `test_counts`, worked out by hand there."""
    from .test_counts import WORLD

    result = import_workbook(write_csv_folder(WORLD, tmp_path / "the_gioi"))
    assert result.status == "applied", [str(p) for p in result.errors]
