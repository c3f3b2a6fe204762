from dangbo.domain import labels
from dangbo.domain.labels import choices

FORM_CHOICES = choices(labels.AWARD_FORM)
SUBJECT_CHOICES = choices(labels.AWARD_SUBJECT_KIND)
STATUS_CHOICES = choices(labels.AWARD_STATUS)
