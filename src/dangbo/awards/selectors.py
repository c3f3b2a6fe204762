"""Reading awards: those in a user's reach, and one unit's or member's history."""

from django.db.models import Q

from dangbo.accounts.access import reach, visible_people
from dangbo.orgs.models import OrgVersion

from .models import Award


def awards_in_reach(user, day, roles: frozenset[str] | None = None):
    """Current awards and proposals whose subject (or proposing unit) the user reaches
    (through the grants of `roles`: WRITERS for the ones they may answer)."""
    units = OrgVersion.objects.filter(reach(user, day, roles).org_q()).values("org_id")
    return Award.objects.current().filter(Q(subject_org_id__in=units) | Q(granted_by_id__in=units)
                                          | Q(subject_person_id__in=visible_people(user, day, roles)))


def history_of_unit(org_id: int):
    return Award.objects.current().filter(subject_org_id=org_id).order_by("-date")


def history_of_person(person_id: int):
    return Award.objects.current().filter(subject_person_id=person_id).order_by("-date")
