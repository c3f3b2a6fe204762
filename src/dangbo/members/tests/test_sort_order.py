"""Lists of people are in the Vietnamese order: by tên, then họ đệm (issue 20, item 7)."""

from dangbo.accounts.services import issue_token


def test_the_member_list_is_ordered_by_ten(people, client):
    from dangbo.members.models import Person
    from dangbo.members.services import update_person

    # "Hoàng Văn Em" renamed "Hoàng Văn Ánh": by tên he comes right after An, before Bình
    update_person(user=people["admin"], person=Person.objects.get(code="P5"), full_name="Hoàng Văn Ánh")
    token = issue_token(user=people["admin"], name="thử")
    rows = client.get("/api/members?ngay=2016-12-31", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    names = [r["ho_ten"] for r in rows]
    assert names == ["Nguyễn Văn An", "Hoàng Văn Ánh", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung"]
