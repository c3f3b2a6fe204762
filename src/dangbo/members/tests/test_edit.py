"""Editing a person's details: saved with an audit entry, and a second clerk working from an
older copy gets a conflict instead of overwriting the first one's change."""

from django.urls import reverse

from dangbo.audit.models import AuditEntry
from dangbo.members.models import Person


def _form(person, **changes):
    data = {f: getattr(person, f) or "" for f in ("full_name", "sex", "citizen_id", "ethnicity", "religion", "hometown",
                                                   "position", "qualification", "theory_level")}
    data["birth_date"] = person.birth_date.isoformat()
    data["version"] = person.version
    return {**data, **changes}


def test_edit_is_saved_and_audited(as_user):
    client = as_user("secretary_a")
    p1 = Person.objects.get(code="P1")
    page = client.get(reverse("member-edit", args=["P1"])).content.decode()
    assert "Nguyễn Văn An" in page and 'name="version"' in page
    done = client.post(reverse("member-edit", args=["P1"]), _form(p1, position="Phó Giám đốc Sở"))
    assert done.status_code == 302
    p1.refresh_from_db()
    assert p1.position == "Phó Giám đốc Sở" and p1.version == 2
    entry = AuditEntry.objects.filter(action="person.update", object_id="P1").latest("pk")
    assert entry.after == {"position": "Phó Giám đốc Sở"} and entry.user.username == "bithu_d1"


def test_second_clerk_gets_a_conflict(client, people):
    from dangbo.accounts.tests.personas import sign_in

    p1 = Person.objects.get(code="P1")
    stale = _form(p1, hometown="Hà Nam")  # both opened the form on version 1
    first = _form(p1, hometown="Nam Định")
    sign_in(client, people["board"])
    assert client.post(reverse("member-edit", args=["P1"]), first).status_code == 302
    sign_in(client, people["secretary_a"])
    clash = client.post(reverse("member-edit", args=["P1"]), stale)
    text = clash.content.decode()
    assert clash.status_code == 409 and "đã được bantochuc sửa" in text and "chưa được ghi" in text
    assert 'value="Nam Định"' in text  # the form comes back with the latest values
    p1.refresh_from_db()
    assert p1.hometown == "Nam Định" and p1.version == 2


def test_bad_input_is_named_and_nothing_written(as_user):
    client = as_user("secretary_a")
    p1 = Person.objects.get(code="P1")
    bad = client.post(reverse("member-edit", args=["P1"]), _form(p1, citizen_id="12ab", birth_date="31/02/1980"))
    assert bad.status_code == 400 and "12 chữ số" in bad.content.decode()
    taken = client.post(reverse("member-edit", args=["P1"]), _form(p1, citizen_id=Person.objects.get(code="P2").citizen_id))
    assert taken.status_code == 400 and "đã thuộc về một người khác" in taken.content.decode()
    assert Person.objects.get(code="P1").version == 1


def test_an_import_counts_as_a_change(as_user, tmp_path):
    from dangbo.exchange.importer import import_workbook
    from dangbo.fixtures.workbooks import write_csv_folder

    client = as_user("secretary_a")
    p1 = Person.objects.get(code="P1")
    opened = _form(p1, position="Chuyên viên")
    more = write_csv_folder({"nguoi": [{"ma": "P1", "ho_ten": "Nguyễn Văn An", "ngay_sinh": "1981-01-15", "gioi_tinh": "nam",
                                        "chuc_vu": "Trưởng phòng"}]}, tmp_path / "thang")
    assert import_workbook(more).status == "applied"
    assert client.post(reverse("member-edit", args=["P1"]), opened).status_code == 409
