from dangbo.domain import labels
from dangbo.domain.labels import choices

FORM_CHOICES = choices(labels.INSPECTION_FORM)
BODY_CHOICES = choices(labels.BODY)
SUBJECT_CHOICES = choices(labels.SUBJECT_KIND)
DISCIPLINE_CHOICES = choices(labels.DISCIPLINE)
