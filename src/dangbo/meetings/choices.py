from dangbo.domain import labels
from dangbo.domain.labels import choices

KIND_CHOICES = choices(labels.MEETING_KIND)
ATTENDANCE_CHOICES = choices(labels.ATTENDANCE)
