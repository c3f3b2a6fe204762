"""Text normalisation: diacritic-insensitive keys for search and for column labels; the
characters no document can hold."""

import re
import unicodedata

# The control characters XML 1.0 forbids (tab, line feed and carriage return are allowed):
# a workbook, a Word report or a PDF cannot be written with one of them in it. They are
# invisible, and come pasted from other programs (Word's manual line break is U+000B).
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def fold(text: str) -> str:
    """Lower-case ASCII-ish key of Vietnamese text: "Nguyễn Văn Ân" -> "nguyen van an"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return " ".join(stripped.lower().split())


# The Vietnamese alphabet with the Latin letters of foreign names in their places; the tones
# in dictionary order (ngang, huyền, hỏi, ngã, sắc, nặng).
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
# Two digits a character: digits 10-19 before letters 20-52; "00" ends a word's letters.
_RANK = {c: f"{i + 20:02d}" for i, c in enumerate(_ALPHABET)} | {str(d): f"1{d}" for d in range(10)}
_MARKED = {"a\u0306": "ă", "a\u0302": "â", "e\u0302": "ê", "o\u0302": "ô", "o\u031b": "ơ", "u\u031b": "ư"}
_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
SORT_KEY_LENGTH = 640


def _letter(ch: str) -> tuple[str, str]:
    """(the character's two-digit rank, its tone digit) of one lower-case character; no rank
    for one that is neither a letter nor a digit (a hyphen, an apostrophe)."""
    if ch == "đ":
        return _RANK["đ"], "0"
    decomposed = unicodedata.normalize("NFD", ch)
    base, marks = decomposed[0], decomposed[1:]
    tone = next((_TONES[m] for m in marks if m in _TONES), "0")
    for m in marks:
        base = _MARKED.get(base + m, base)
    return _RANK.get(base, ""), tone


def _words_key(words: list[str]) -> str:
    """Word by word: the letters' ranks, an end lower than any letter ("An" before "Anh"),
    then the word's tones (a tone decides only between the same letters: "Anh" before "Ánh")."""
    out = []
    for word in words:
        ranks, tones = [], []
        for ch in word:
            rank, tone = _letter(ch)
            if rank:
                ranks.append(rank)
                tones.append(tone)
        out.append("".join(ranks) + "00" + "".join(tones))
    return "".join(out)[:SORT_KEY_LENGTH]


def sort_key(full_name: str) -> str:
    """The key that sorts names the Vietnamese way: by tên, then họ and đệm, letter by letter
    in the Vietnamese alphabet (a, ă, â, b, …, đ after d), each word's tones after its letters
    ("Nguyễn Văn An" before "Lê Thị Anh" before "Trần Ân"). Only digits, so that every database
    collation orders it as written."""
    words = full_name.lower().split()
    return _words_key(words[-1:] + words[:-1])


def collation_key(text: str) -> str:
    """The key that sorts any other text (a unit's name) in the Vietnamese alphabet, word by
    word as written ("Chi bộ 4" before "Chi bộ 6" before "Chi bộ Đảng")."""
    return _words_key(text.lower().split())


def name_keys(search_name: str) -> list[str]:
    """What a search may begin with, one per word of a folded name: the name from each word
    on ("nguyen van an" -> "nguyen van an", "van an", "an")."""
    words = search_name.split()
    return [" ".join(words[i:]) for i in range(len(words))]


def format_number(n: int) -> str:
    """Vietnamese thousands notation: 3281 -> "3.281"."""
    return f"{n:,}".replace(",", ".")


def unwritable_character(text: str) -> str | None:
    """The first character of `text` that no document can hold, or None."""
    if text.isprintable():  # nearly every cell, and checked faster than by the pattern
        return None
    found = _UNWRITABLE.search(text)
    return found.group() if found else None


def writable(text: str) -> str:
    """`text` with each character no document can hold shown as U+FFFD (a copy to correct)."""
    return _UNWRITABLE.sub("\ufffd", text)
