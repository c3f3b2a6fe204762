"""Text normalisation: diacritic-insensitive keys for search and for column labels."""

import unicodedata


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
