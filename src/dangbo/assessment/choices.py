from dangbo.domain import labels
from dangbo.domain.labels import choices

RATING_CHOICES = choices(labels.RATING)
SUBJECT_CHOICES = choices(labels.SUBJECT_KIND)
