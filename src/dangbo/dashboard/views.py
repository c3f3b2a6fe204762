"""The dashboard: the counts that open the seed article and the alerts, for the user's units."""

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db.models import Count, Q
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from dangbo.accounts.access import tops, visible_cells
from dangbo.core.temporal import on
from dangbo.core.web import data_version, day_of
from dangbo.domain import codes as C
from dangbo.members.models import MemberSpell
from dangbo.members.selectors import alerts_on, files_to_correct
from dangbo.orgs.models import OrgVersion


@login_required
def dashboard(request):
    day, problem = day_of(request)
    r, units = tops(request.user, day)
    org_q = r.org_q()
    versions = OrgVersion.objects.filter(on(day)).filter(org_q)
    levels = dict(versions.values_list("level").annotate(n=Count("id")))
    types = dict(versions.filter(level__in=C.TCCSD_LEVELS).values_list("org_type").annotate(n=Count("id")))
    members = MemberSpell.objects.filter(on(day), cell_id__in=visible_cells(request.user, day)).aggregate(
        tong=Count("id"), chinh_thuc=Count("id", filter=Q(status="chinh_thuc")), du_bi=Count("id", filter=Q(status="du_bi")),
        nu=Count("id", filter=Q(person__sex="nu")), mien=Count("id", filter=Q(exempt=True)))
    alerts, version = [], data_version()
    for unit in units:
        alerts.extend(cache.get_or_set(f"alerts:{unit.org_id}:{day}:{version}", lambda u=unit: alerts_on(u.org_id, day), 3600))
    # files kept from before the details were coded, as of today (the file is not dated)
    to_correct = cache.get_or_set(f"to-correct:{request.user.pk}:{version}",
                                  lambda: files_to_correct(request.user, timezone.localdate()).count(), 3600)
    # the seed article counts the cells under a grassroots committee apart from those under a
    # committee's section (150 and 17), not as one "chi bộ trực thuộc"
    under_sections = versions.filter(level=C.CB, parent_id__in=OrgVersion.objects.filter(on(day), level=C.DBBP)
                                     .values("org_id")).count()
    members_url = f"{reverse('member-list')}?ngay={day:%Y-%m-%d}"
    tree_url = f"{reverse('org-tree')}?ngay={day:%Y-%m-%d}"
    cards = [
        ("Đảng viên", members["tong"], members_url), ("Chính thức", members["chinh_thuc"], members_url + "&trang_thai=chinh_thuc"),
        ("Dự bị", members["du_bi"], members_url + "&trang_thai=du_bi"), ("Nữ", members["nu"], members_url + "&gioi_tinh=nu"),
        ("Miễn sinh hoạt", members["mien"], members_url + "&mien=1"),
        ("TCCSĐ", levels.get(C.DBCS, 0) + levels.get(C.CBCS, 0), tree_url), ("Đảng bộ cơ sở", levels.get(C.DBCS, 0), tree_url),
        ("Chi bộ cơ sở", levels.get(C.CBCS, 0), tree_url), ("Đảng bộ bộ phận", levels.get(C.DBBP, 0), tree_url),
        ("Chi bộ trực thuộc đảng bộ cơ sở", levels.get(C.CB, 0) - under_sections, tree_url),
        ("Chi bộ trực thuộc đảng bộ bộ phận", under_sections, tree_url),
    ]
    type_cards = [("Hành chính", types.get("hanh_chinh", 0), tree_url), ("Sự nghiệp", types.get("su_nghiep", 0), tree_url),
                  ("Doanh nghiệp", types.get("doanh_nghiep", 0), tree_url), ("Khác", types.get("khac", 0), tree_url)]
    kinds = {"probation_overdue": "Quá hạn xét chính thức", "card_missing": "Chưa phát thẻ", "badge_due": "Đến hạn Huy hiệu",
             "cell_small": "Chi bộ dưới 3 đảng viên chính thức", "cell_upgrade": "Chi bộ cơ sở đủ điều kiện nâng cấp",
             "no_meeting": "Chi bộ không sinh hoạt thường kỳ trong tháng", "absent": "Vắng sinh hoạt không lý do"}
    grouped = {}
    for a in alerts:
        grouped.setdefault(kinds[a.kind], []).append(a)
    return render(request, "dangbo/dashboard.html", {"day": day, "problem": problem, "units": units, "cards": cards,
                                                     "type_cards": type_cards, "alerts": grouped,
                                                     "to_correct": to_correct,
                                                     # one reverse() per kind of link, not one per alert
                                                     "person_url": reverse("member-by-id", args=[0])[:-2],
                                                     "org_url": reverse("org-by-id", args=[0])[:-2]})
