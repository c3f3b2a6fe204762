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
