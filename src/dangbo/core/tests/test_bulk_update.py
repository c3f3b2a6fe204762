"""`core.bulk.bulk_update`: a batch whose new values of a column are all NULL (every rating
of a member leaving the register's scope) is written as NULLs, on both databases."""

from dangbo.assessment.models import Rating
from dangbo.core.bulk import bulk_update


def test_a_column_set_to_null_in_every_row_of_the_batch(imported_bloc):
    rows = list(Rating.objects.filter(scope_root__isnull=False).values_list("id", flat=True)[:3])
    assert rows, "the small bloc holds rated members"
    assert bulk_update(Rating, ["scope_root", "scope_group"], [(pk, None, None) for pk in rows]) == len(rows)
    assert not Rating.objects.filter(id__in=rows, scope_root__isnull=False).exists()
