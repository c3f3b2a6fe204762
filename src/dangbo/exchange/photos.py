"""The members' photos beside a CSV folder (member-file.md): `anh/<ma>.jpg` (or .jpeg, .png),
written by the export and read by the import — each named after a person of the file or the
register, each a picture (read as the person's page reads an upload)."""

from __future__ import annotations

from pathlib import Path

from dangbo.domain.problems import DomainError, Problem

FOLDER = "anh"
SUFFIXES = (".jpg", ".jpeg", ".png")


def photo_files(path: Path) -> dict[str, Path]:
    """Person code → photo file, for a CSV folder with an `anh` folder (none otherwise)."""
    folder = path / FOLDER
    if not path.is_dir() or not folder.is_dir():
        return {}
    return {p.stem: p for p in sorted(folder.iterdir()) if p.is_file() and p.suffix.lower() in SUFFIXES}


def checked(files: dict[str, Path], persons: set[str], problems: list[Problem]) -> dict[str, bytes]:
    """The stored JPEG of each photo named after one of `persons`; a problem for any other."""
    from dangbo.members.photos import normalized

    out: dict[str, bytes] = {}
    for n, (code, file) in enumerate(files.items(), start=1):
        where = (FOLDER, n)
        if code not in persons:
            problems.append(Problem(where, "tep", file.name, f"Ảnh {FOLDER}/{file.name}: không có người mang mã {code}.",
                                    code="unknown_person"))
            continue
        try:
            out[code] = normalized(file.read_bytes(), "tep")
        except DomainError as exc:
            problems.append(Problem(where, "tep", file.name, f"Ảnh {FOLDER}/{file.name}: {exc.problems[0].message}",
                                    code="photo_invalid"))
    return out
