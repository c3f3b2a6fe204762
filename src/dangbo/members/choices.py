"""Choices of the member app, with Vietnamese labels."""

from dangbo.domain import labels
from dangbo.domain.labels import choices

MEMBER_EVENT_CHOICES = choices(labels.MEMBER_EVENT)
STATUS_CHOICES = choices(labels.MEMBER_STATUS)
SEX_CHOICES = choices(labels.SEX)
