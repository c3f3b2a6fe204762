"""Vietnamese labels of the public codes (used by messages, choices and the template), read
off the one list of each in `codes.py`."""

from . import codes as C

LEVEL = C.Level.labels()
ORG_TYPE = C.OrgType.labels()
ORG_EVENT = C.OrgEvent.labels()
MEMBER_EVENT = C.MemberEvent.labels()
MEMBER_STATUS = C.MemberStatus.labels()
SEX = C.Sex.labels()
CLASS_KIND = C.ClassKind.labels()
CLASS_RESULT = C.ClassResult.labels()
RATING = C.Rating.labels()
SUBJECT_KIND = C.SubjectKind.labels()
AWARD_SUBJECT_KIND = C.AwardSubjectKind.labels()
INSPECTION_FORM = C.InspectionForm.labels()
BODY = C.Body.labels()
DISCIPLINE = C.Discipline.labels()
AWARD_FORM = C.AwardForm.labels()
AWARD_STATUS = C.AwardStatus.labels()
MEETING_KIND = C.MeetingKind.labels()
ATTENDANCE = C.Attendance.labels()


def choices(mapping: dict) -> list[tuple[str, object]]:
    """Django `choices` from a code → label mapping."""
    return list(mapping.items())
