"""The register's search: a substring of the name without diacritics, a code as typed, and
one or two letters read as a whole word of the name."""

from django.urls import reverse


def _names(client, q):
    page = client.get(reverse("member-list"), {"q": q, "ngay": "2016-12-31"}).content.decode()
    return {n for n in ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em") if n in page}


def test_search(as_user):
    client = as_user("board")
    assert _names(client, "van") == {"Nguyễn Văn An", "Lê Văn Cường", "Hoàng Văn Em"}
    assert _names(client, "THỊ bình") == {"Trần Thị Bình"}
    assert _names(client, "p4") == {"Phạm Thị Dung"}  # a code, whatever the case typed
    assert _names(client, "an") == {"Nguyễn Văn An"}  # a word, not the "an" inside "Trần"
    assert _names(client, "em") == {"Hoàng Văn Em"}


def test_words_are_matched_from_their_beginning_and_each_member_is_listed_once(as_user, people):
    from dangbo.members.models import Person
    from dangbo.members.services import update_person

    client = as_user("board")
    assert _names(client, "van a") == {"Nguyễn Văn An"}
    assert _names(client, "guyen") == set()  # inside a word: not where a name is typed from
    update_person(user=people["board"], person=Person.objects.get(code="P2"), full_name="Nguyễn Thị Nguyên")
    page = client.get(reverse("member-list"), {"q": "nguyen", "ngay": "2016-12-31"}).content.decode()
    assert page.count("Nguyễn Thị Nguyên</a>") == 1 and "Nguyễn Văn An" in page
    assert "2 đảng viên" in page
    assert _names(client, "binh") == set()  # the old name's keys went with it


def test_a_count_past_the_cap_says_there_are_more(imported_bloc):
    from dangbo.core.web import page_with_capped_count
    from dangbo.members.models import Person

    people = Person.objects.order_by("code")
    first = page_with_capped_count(people, "1", per_page=2, cap=3)
    assert [p.code for p in first] == ["P1", "P2"] and first.paginator.count == 3 and first.paginator.more
    assert first.paginator.num_pages == 2
    assert [p.code for p in page_with_capped_count(people, "9", per_page=2, cap=3)] == ["P3", "P4"]  # pages end at the cap
    few = page_with_capped_count(people.filter(code="P1"), "1", per_page=2, cap=3)
    assert few.paginator.count == 1 and not few.paginator.more


def test_an_import_writes_the_keys_of_its_names(imported_bloc):
    from dangbo.members.models import NameKey

    assert sorted(NameKey.objects.filter(person__code="P1").values_list("position", "key")) == [
        (0, "nguyen van an"), (1, "van an"), (2, "an")]
