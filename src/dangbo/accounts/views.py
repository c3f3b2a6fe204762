"""'Why can I see this?': the grants that give the user access to a unit on a day."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from dangbo.core.temporal import on
from dangbo.core.web import day_of
from dangbo.domain.dates import FIRST_YEAR
from dangbo.orgs.models import OrgVersion

from .access import active_grants, visible_version


@login_required
def why(request, code: str):
    day, _ = day_of(request)
    version = visible_version(request.user, code, day)  # 404 when nothing gives access
    reasons = []
    if request.user.is_superuser:
        reasons.append("Bạn là quản trị hệ thống: được xem toàn bộ dữ liệu.")
    paths = dict(OrgVersion.objects.filter(on(day)).filter(org_id__in=[g.org_id for g in active_grants(request.user, day) if g.org_id])
                 .values_list("org_id", "path"))
    names = dict(OrgVersion.objects.filter(on(day), org_id__in=list(paths)).values_list("org_id", "name"))
    for g in active_grants(request.user, day).select_related("org"):
        until = f" đến {g.valid_to:%d/%m/%Y}" if g.valid_to else ""
        # a grant made without a start date (createuser) holds from the register's first day
        since = f" từ {g.valid_from:%d/%m/%Y}" if g.valid_from.year >= FIRST_YEAR else ""
        period = f"hiệu lực{since}{until}" if since or until else "không thời hạn"
        if g.org_id is None:
            reasons.append(f"Vai trò {g.get_role_display()} trên toàn hệ thống ({period}).")
        elif g.include_subunits and version.path.startswith(paths.get(g.org_id, "\0")):
            reasons.append(f"Vai trò {g.get_role_display()} tại {names[g.org_id]} và các đơn vị trực thuộc ({period}); "
                           f"{version.name} nằm trong đơn vị đó vào ngày {day:%d/%m/%Y}.")
        elif not g.include_subunits and version.path == paths.get(g.org_id):
            reasons.append(f"Vai trò {g.get_role_display()} riêng tại {names[g.org_id]} ({period}).")
    return render(request, "accounts/why.html", {"v": version, "day": day, "reasons": reasons})
