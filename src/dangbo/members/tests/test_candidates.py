"""The candidates' pipeline: deadlines, certificate validity, age, the file checklist."""

import datetime as dt

from django.urls import reverse

from dangbo.audit.models import AuditEntry
from dangbo.members.models import Candidate, Person
from dangbo.orgs.models import Org


def test_pipeline_and_checklist(as_user):
    p6, s1 = Person.objects.get(code="P6"), Org.objects.get(code="S1")
    Candidate.objects.create(person=p6, cell=s1, file_opened=dt.date(2016, 1, 10))
    client = as_user("secretary_b")
    page = client.get(reverse("candidate-list"), {"ngay": "2016-06-30"}).content.decode()
    assert "Vũ Thị Phương" in page and "chưa có" in page and "10/01/2017" in page and "quá 12 tháng" not in page
    assert "quá 12 tháng" in client.get(reverse("candidate-list"), {"ngay": "2017-02-01"}).content.decode()
    # P5 (admitted in 2015) is no longer a candidate; P6 failed the awareness class: no certificate.
    candidate = Candidate.objects.get(person=p6)
    response = client.post(reverse("candidate-detail", args=[candidate.pk]), {"giay_to": ["1-KNĐ", "2-KNĐ"]})
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.documents == ["1-KNĐ", "2-KNĐ"]
    assert AuditEntry.objects.get(action="candidate.documents").after == {"giay_to": ["1-KNĐ", "2-KNĐ"]}
    assert "2/9" in client.get(reverse("candidate-list"), {"ngay": "2016-06-30"}).content.decode()
    assert as_user("secretary_a").get(reverse("candidate-detail", args=[candidate.pk])).status_code == 404
    assert "Vũ Thị Phương" not in as_user("secretary_a").get(reverse("candidate-list"), {"ngay": "2016-06-30"}).content.decode()
