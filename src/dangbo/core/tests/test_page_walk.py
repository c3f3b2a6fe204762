"""Every page, walked as an administrator and as a grassroots secretary: in Vietnamese
(lang="vi"), no English word of the interface, no internal code where a label exists, no
server error (issue 20, done-when). The pages and their addresses are the access matrix's."""

import re
from html.parser import HTMLParser

import pytest

from dangbo.accounts.tests.personas import sign_in
from dangbo.accounts.tests.test_access_matrix import MATRIX, _fill, _ids
from dangbo.domain import labels as L

# Words of an English interface a clerk should never meet (whole words, case as written).
ENGLISH = re.compile(r"\b(Not Found|Forbidden|Server Error|Submit|Save|Cancel|Delete|Edit|Search|Next|Previous|Login|"
                     r"Logout|Sign in|Home|None|True|False|Error|Page \d|Yes|No)\b")
# The codes of the domain's lists: a page shows their labels.
CODES = {code for table in (L.LEVEL, L.ORG_TYPE, L.ORG_EVENT, L.MEMBER_EVENT, L.MEMBER_STATUS, L.CLASS_KIND,
                            L.CLASS_RESULT, L.RATING, L.SUBJECT_KIND, L.AWARD_SUBJECT_KIND, L.INSPECTION_FORM,
                            L.DISCIPLINE, L.AWARD_FORM, L.AWARD_STATUS, L.MEETING_KIND, L.ATTENDANCE)
         for code in table if "_" in code}
CODE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, CODES), key=len, reverse=True)) + r")\b")


class Visible(HTMLParser):
    """The text a reader sees: not scripts, styles, attributes or <code> samples."""

    HIDDEN = {"script", "style", "code", "datalist", "template"}

    def __init__(self):
        super().__init__()
        self.depth, self.parts, self.lang = 0, [], None

    def handle_starttag(self, tag, attrs):
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        if tag in self.HIDDEN:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if not self.depth:
            self.parts.append(data)


def _pages():
    for name, entries in sorted(MATRIX.items()):
        for method, path, data, expected in entries:
            if method == "get":
                yield name, path, data, expected


@pytest.mark.parametrize("persona", ["admin", "secretary_b"])
def test_every_page_speaks_vietnamese_with_labels_and_no_error(persona, people, client):
    ids = _ids()
    sign_in(client, people[persona])
    found, walked = [], 0
    for name, path, data, expected in _pages():
        if expected.get(persona) != 200:
            continue
        response = client.get(path.format(**ids), _fill(data, 1))
        if response.status_code >= 500:
            found.append(f"{name}: {response.status_code}")
            continue
        if not response.get("Content-Type", "").startswith("text/html") or response.status_code != 200:
            continue
        walked += 1
        parser = Visible()
        parser.feed(response.content.decode())
        text = " ".join(" ".join(parser.parts).split())
        if parser.lang != "vi" and "<html" in response.content.decode():
            found.append(f"{name}: lang={parser.lang}")
        for pattern, what in ((ENGLISH, "tiếng Anh"), (CODE, "mã nội bộ")):
            for match in pattern.finditer(text):
                found.append(f"{name} ({path}): {what} «{match.group()}» trong «{text[max(0, match.start() - 40):match.end() + 40]}»")
    assert not found, "\n".join(found)
    assert walked >= (40 if persona == "admin" else 20), walked  # the walk itself cannot come out empty
