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
