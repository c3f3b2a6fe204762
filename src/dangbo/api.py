"""The REST API (django-ninja): reads of units, members, events and metrics, and every
lifecycle action, through the same scope and services as the pages. Bearer tokens.

Each app owns its router (`orgs/api.py`, `members/api.py`, …); what they share, and the one
place where an error becomes an answer, is `core/api.py`."""

from __future__ import annotations

from ninja import NinjaAPI
from ninja.security import HttpBearer

from dangbo.accounts.services import user_for_token
from dangbo.assessment.api import router as ratings
from dangbo.awards.api import router as awards
from dangbo.core.api import install_error_handlers
from dangbo.corrections.api import router as corrections
from dangbo.inspection.api import router as inspections
from dangbo.meetings.api import router as meetings
from dangbo.members.api import router as members
from dangbo.orgs.api import router as units
from dangbo.reports.api import router as reports
from dangbo.stats.api import router as stats
from dangbo.study.api import router as study
from dangbo.terms.api import router as terms
from dangbo.training.api import router as training


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(title="dangbo API", version="1", auth=TokenAuth(), urls_namespace="api",
               description="Tổ chức đảng, đảng viên, biến động và chỉ số báo cáo. Xác thực: Authorization: Bearer <khóa>.")
install_error_handlers(api)

# the order is the document's: units, members, reports, then the work areas and corrections
for router in (units, members, reports, stats, training, study, ratings, inspections, awards, meetings, terms, corrections):
    api.add_router("/", router)
