"""URL configuration."""

from django.contrib.auth import views as auth_views
from django.http import JsonResponse
from django.urls import include, path, register_converter

from dangbo.accounts import two_factor
from dangbo.accounts import views as account_views
from dangbo.api import api
from dangbo.assessment import views as rating_views
from dangbo.audit import views as audit_views
from dangbo.awards import views as award_views
from dangbo.corrections import views as corrections
from dangbo.dashboard import views as dashboard_views
from dangbo.inspection import views as inspection_views
from dangbo.meetings import views as meeting_views
from dangbo.members import views as member_views
from dangbo.members.views import candidates, edit, file_lines, open_file, unclear
from dangbo.members.views import events as member_actions
from dangbo.members.views import papers as member_papers
from dangbo.members.views import pickers as person_pickers
from dangbo.orgs import views as org_views
from dangbo.orgs.views import document_settings
from dangbo.orgs.views import events as org_actions
from dangbo.orgs.views import pickers as unit_pickers
from dangbo.reports import views as report_views
from dangbo.study import views as study_views
from dangbo.terms import views as term_views
from dangbo.training import views as training_views


class RowId:
    """A row's id or a year in an address: a whole number the database can hold (a
    31-digit number typed into the address is a 404, not an overflow in the query)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(RowId, "id")


def health(request):
    """A liveness probe for `dangbo serve`."""
    return JsonResponse({"ok": True})


urlpatterns = [
    path("health", health, name="health"),
    path("api/", api.urls),
    path("dang-nhap/", auth_views.LoginView.as_view(), name="dang-nhap"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="dang-xuat"),
    path("xac-thuc/", two_factor.verify, name="xac-thuc-hai-buoc"),
    path("", dashboard_views.dashboard, name="dashboard"),
    path("to-chuc/", org_views.tree, name="org-tree"),
    path("to-chuc/bien-dong/", org_actions.record_event, name="org-event"),
    path("to-chuc/id/<id:org_id>/", org_views.by_id, name="org-by-id"),
    path("to-chuc/<str:code>/", org_views.detail, name="org-detail"),
    path("to-chuc/<str:code>/vi-sao/", account_views.why, name="why-visible"),
    path("to-chuc/<str:code>/van-ban/", document_settings.document_settings, name="document-settings"),
    path("to-chuc/bien-dong/<id:pk>/huy/", org_actions.void_event, name="org-event-void"),
    path("to-chuc/<str:code>/sinh-hoat/", meeting_views.hold_meeting, name="meeting-hold"),
    path("to-chuc/<str:code>/cac-buoi-sinh-hoat/", meeting_views.cell_meetings, name="cell-meetings"),
    path("dang-vien/", member_views.member_list, name="member-list"),
    path("dang-vien/ho-so-can-sua/", unclear.unclear_files, name="member-file-unclear"),
    path("dang-vien/bien-dong/", member_actions.record_event, name="member-event"),
    path("dang-vien/bien-dong/<id:pk>/huy/", member_actions.void_event, name="member-event-void"),
    path("dang-vien/bien-dong/<id:pk>/sua/", member_actions.correct_event, name="member-event-correct"),
    path("dang-vien/id/<id:person_id>/", member_views.by_id, name="member-by-id"),
    path("dang-vien/<str:code>/", member_views.member_detail, name="member-detail"),
    path("dang-vien/<str:code>/sua/", edit.edit_person, name="member-edit"),
    path("dang-vien/<str:code>/qua-trinh-cong-tac/", file_lines.add_work_history, name="member-work-history-add"),
    path("dang-vien/<str:code>/gia-dinh/", file_lines.add_family_member, name="member-family-add"),
    path("dang-vien/<str:code>/anh/", file_lines.upload_photo, name="member-photo-upload"),
    path("dang-vien/<str:code>/anh.jpg", file_lines.photo, name="member-photo"),
    path("dang-vien/<str:code>/in/<str:paper>/<str:fmt>/", member_papers.member_paper, name="member-paper"),
    path("dang-vien/bien-dong/<id:pk>/in/<str:fmt>/", member_papers.event_paper, name="member-event-paper"),
    path("to-chuc/<str:code>/so-danh-sach/<str:fmt>/", member_papers.unit_book, name="unit-member-book"),
    path("nhap-du-lieu/", include("dangbo.exchange.urls")),
    path("quan-chung/", candidates.candidate_list, name="candidate-list"),
    path("quan-chung/moi/", open_file.open_file, name="candidate-open"),
    path("quan-chung/<id:pk>/", candidates.candidate_detail, name="candidate-detail"),
    path("nhat-ky/", audit_views.audit_log, name="audit-log"),
    path("thong-ke/", include("dangbo.stats.urls")),
    path("bao-cao/", report_views.report_page, name="report"),
    path("bao-cao/tai-ve/<str:fmt>/", report_views.report_download, name="report-download"),
    path("bao-cao/ban-hanh/", report_views.report_issue, name="report-issue"),
    path("bao-cao/da-ban-hanh/<id:pk>/<str:fmt>/", report_views.issued_download, name="report-issued"),
    path("bao-cao/chi-so/<str:key>/", report_views.report_figure, name="report-figure"),
    path("nhiem-ky/", term_views.term_progress, name="term-progress"),
    path("nhiem-ky/moi/", term_views.new_term, name="term-new"),
    path("nhiem-ky/<str:code>/chi-tieu/", term_views.add_target, name="target-add"),
    path("nhiem-ky/chi-tieu/<id:pk>/", term_views.judge_target, name="target-judge"),
    path("sinh-hoat/<str:code>/", meeting_views.meeting_detail, name="meeting-detail"),
    path("lop-hoc/", training_views.class_list, name="class-list"),
    path("lop-hoc/<str:code>/", training_views.class_detail, name="class-detail"),
    path("hoc-tap/", study_views.study_list, name="study"),
    path("danh-gia/", rating_views.rating_home, name="ratings"),
    path("danh-gia/<id:year>/<str:code>/", rating_views.rating_grid, name="rating-grid"),
    path("danh-gia/<id:year>/<str:code>/so-sanh/", rating_views.calibration, name="rating-calibration"),
    path("danh-gia/<id:year>/<str:code>/khoa/", rating_views.close_year, name="rating-close"),
    path("kiem-tra/", inspection_views.inspection_list, name="inspections"),
    path("kiem-tra/ghi-kiem-tra/", inspection_views.record_inspection, name="inspection-record"),
    path("kiem-tra/ghi-ky-luat/", inspection_views.record_discipline, name="discipline-record"),
    path("kiem-tra/<id:pk>/ket-luan/", inspection_views.conclude, name="inspection-conclude"),
    path("khen-thuong/", award_views.award_list, name="awards"),
    path("khen-thuong/ghi/", award_views.record_award, name="award-record"),
    path("khen-thuong/<id:pk>/ket-qua/", award_views.decide, name="award-decide"),
    path("huy/<str:kind>/<id:pk>/", corrections.void_view, name="record-void"),
    path("tim/nguoi/", person_pickers.pick_person, name="pick-person"),
    path("tim/don-vi/", unit_pickers.pick_unit, name="pick-unit"),
    path("sua/<str:kind>/<id:pk>/", corrections.correct_view, name="record-correct"),
]
