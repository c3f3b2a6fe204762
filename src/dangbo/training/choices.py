from dangbo.domain import labels
from dangbo.domain.labels import choices

CLASS_KIND_CHOICES = choices(labels.CLASS_KIND)
RESULT_CHOICES = choices(labels.CLASS_RESULT)
