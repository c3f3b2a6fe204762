"""Reading inspections and disciplines: those in an inspection officer's reach."""

from django.db.models import Q

from dangbo.accounts.access import INSPECTORS, Reach, visible_people
from dangbo.orgs.models import OrgVersion


def records_in_reach(model, r: Reach, user, day, actor_field: str):
    """Current records of `model` whose acting unit, subject unit or subject member is in reach."""
    units = OrgVersion.objects.filter(r.org_q()).values("org_id")
    return model.objects.current().filter(Q(**{f"{actor_field}_id__in": units}) | Q(subject_org_id__in=units)
                                          | Q(subject_person_id__in=visible_people(user, day, INSPECTORS)))
