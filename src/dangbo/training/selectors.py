"""Reading training classes: those a user reaches."""

from django.db.models import Q

from dangbo.accounts.access import reach, visible_people
from dangbo.accounts.choices import WRITERS
from dangbo.members.models import Person
from dangbo.orgs.models import OrgVersion

from .models import Enrolment, TrainingClass


def classes_in_reach(user, day):
    """Current classes organized by a unit in reach, or with a learner in reach."""
    r, classes = reach(user, day), TrainingClass.objects.current()
    if r.everything:
        return classes
    units = OrgVersion.objects.filter(r.org_q()).values("org_id")
    return classes.filter(Q(org_id__in=units) | Q(id__in=Enrolment.objects.current().filter(
        person_id__in=visible_people(user, day)).values("training_class_id")))


def learners_named(user, day, codes: list[str]) -> tuple[dict[str, Person], list[str]]:
    """The persons `codes` name whom the user writes about on `day`, by code, and the codes
    of those they do not (unknown, or outside the write reach: the same answer)."""
    found = {p.code: p for p in Person.objects.filter(code__in=codes, id__in=visible_people(user, day, WRITERS))}
    return found, [c for c in codes if c not in found]
