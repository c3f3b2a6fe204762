"""Choices of the organization app, with Vietnamese labels."""

from dangbo.domain import labels
from dangbo.domain.labels import choices

LEVEL_CHOICES = choices(labels.LEVEL)
ORG_TYPE_CHOICES = choices(labels.ORG_TYPE)
ORG_EVENT_CHOICES = choices(labels.ORG_EVENT)
