"""Bounds on an uploaded file, checked before it is read (issue 19, finding 5).

A workbook is a zip of XML parts, a CSV upload a zip of text files: both are unpacked by
the reader, so a small file can hold gigabytes. What is checked, each against a setting
(`DANGBO_UPLOAD_*`), each refusal naming the limit in Vietnamese:

- the file as sent (before it is read from the request);
- every zip member's declared size, their sum, and each one's ratio to its packed size
  (Python's zipfile never unpacks more than a member declares, so the declared sizes bound
  what is read);
- a workbook's shared strings (openpyxl loads them all when the workbook opens), counted
  by streaming the part before it is opened;
- the rows of each sheet and the cells of the file, counted as the reader reads them
  (`Limits.count_row`), since an .xlsx's own `<dimension>` tag is not to be trusted.

The command line (`dangbo import`, an administrator's tool for national loads) has no limits.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from dangbo.domain.problems import Problem

MB = 1024 * 1024
CHUNK = 1 << 20


class FileRefused(Exception):
    """A file refused as a whole (too large, or unreadable): the problem says why and where."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


class TooLarge(FileRefused):
    """An upload over one of the limits: the problem names the limit and where."""


class Unreadable(FileRefused):
    """A file that is not the workbook or CSV it claims to be (random bytes, a broken zip, XML
    that does not parse, or XML with a DTD or entities, which defusedxml refuses)."""


def _refuse(message: str, sheet: str = "tệp", row: int = 1) -> TooLarge:
    return TooLarge(Problem((sheet, row), None, None, message, code="file_too_large"))


def _n(x: int) -> str:
    return f"{x:,}".replace(",", ".")


@dataclass(frozen=True)
class Limits:
    upload_bytes: int
    unpacked_bytes: int
    ratio: int
    rows: int
    cells: int
    shared_strings: int

    @classmethod
    def from_settings(cls) -> Limits:
        from django.conf import settings

        return cls(settings.DANGBO_UPLOAD_MAX_MB * MB, settings.DANGBO_UPLOAD_MAX_UNPACKED_MB * MB,
                   settings.DANGBO_UPLOAD_MAX_RATIO, settings.DANGBO_UPLOAD_MAX_ROWS, settings.DANGBO_UPLOAD_MAX_CELLS,
                   settings.DANGBO_UPLOAD_MAX_SHARED_STRINGS)

    # ---- the file as sent -------------------------------------------------------------------
    def check_upload_size(self, size: int) -> None:
        if size > self.upload_bytes:
            raise _refuse(f"Tệp {size / MB:.1f} MB lớn hơn giới hạn {self.upload_bytes // MB} MB của trang nhập "
                          "(DANGBO_UPLOAD_MAX_MB); tệp lớn hơn dùng lệnh dangbo import.")

    # ---- a zip (an .xlsx, or a .zip of CSV files) -------------------------------------------
    def check_members(self, z: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
        """Every member's declared size and ratio, and their sum; the members."""
        members = z.infolist()
        total = sum(m.file_size for m in members)
        if total > self.unpacked_bytes:
            raise _refuse(f"Nội dung của tệp khi giải nén là {total / MB:.0f} MB, lớn hơn giới hạn "
                          f"{self.unpacked_bytes // MB} MB (DANGBO_UPLOAD_MAX_UNPACKED_MB).")
        for m in members:  # a small member may pack well; a large one this well is a bomb
            if m.file_size > 10 * MB and m.file_size > self.ratio * max(m.compress_size, 1):
                raise _refuse(f"Phần {m.filename} của tệp nén giãn ra {m.file_size // max(m.compress_size, 1):,}".replace(",", ".")
                              + f" lần, quá {self.ratio} lần (DANGBO_UPLOAD_MAX_RATIO): tệp giống một quả bom nén.")
        return members

    def check_workbook(self, path: Path) -> None:
        """An .xlsx: its members, then its shared strings counted before openpyxl loads them.
        A file that is no zip at all is left to the reader, which refuses it by name."""
        try:
            z = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError):
            return
        with z:
            members = self.check_members(z)
            for m in members:
                if PurePosixPath(m.filename).name.lower() == "sharedstrings.xml":
                    with z.open(m) as part:
                        n = count_tags(part, b"<si", self.shared_strings + 1)
                    if n > self.shared_strings:
                        raise _refuse(f"Tệp có hơn {_n(self.shared_strings)} chuỗi văn bản dùng chung "
                                      "(DANGBO_UPLOAD_MAX_SHARED_STRINGS).")

    def extract_csvs(self, source: IO[bytes] | Path, folder: Path) -> None:
        """The `<sheet>.csv` members of a .zip into `folder`, each streamed and cut at its
        declared size (members in sub-folders taken by their own name)."""
        try:
            z = zipfile.ZipFile(source)
        except zipfile.BadZipFile as exc:
            raise _refuse("Tệp .zip bị hỏng hoặc không phải tệp .zip.") from exc
        with z:
            for m in self.check_members(z):
                name = PurePosixPath(m.filename).name
                if m.is_dir() or not name.lower().endswith(".csv") or name.startswith("."):
                    continue
                left = m.file_size
                with z.open(m) as src, open(folder / name, "wb") as out:
                    while left > 0:
                        chunk = src.read(min(CHUNK, left))
                        if not chunk:
                            break
                        out.write(chunk)
                        left -= len(chunk)

    # ---- as the rows are read -----------------------------------------------------------
    def counter(self) -> RowCounter:
        return RowCounter(self)


class RowCounter:
    """Counts the rows of each sheet and the cells of the whole file as they are read."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.cells = 0

    def sheet(self, name: str) -> SheetCounter:
        return SheetCounter(self, name)


class SheetCounter:
    def __init__(self, total: RowCounter, name: str):
        self.total, self.name, self.rows = total, name, 0

    def add(self, number: int, width: int) -> None:
        self.rows += 1
        limits = self.total.limits
        if self.rows > limits.rows:
            raise _refuse(f"Sheet {self.name} có hơn {_n(limits.rows)} dòng (DANGBO_UPLOAD_MAX_ROWS): hãy chia tệp, "
                          "hoặc dùng lệnh dangbo import.", self.name, number)
        self.total.cells += width
        if self.total.cells > limits.cells:
            raise _refuse(f"Tệp có hơn {_n(limits.cells)} ô dữ liệu (DANGBO_UPLOAD_MAX_CELLS), vượt tới sheet "
                          f"{self.name}, dòng {number}.", self.name, number)


def count_tags(stream: IO[bytes], tag: bytes, stop: int) -> int:
    """Occurrences of `tag` followed by `>`, `/` or white space in a stream, counted up to
    `stop`. The last len(tag) bytes of each chunk are carried into the next: too short to hold
    a whole occurrence, they may hold the start of one."""
    pattern = re.compile(re.escape(tag) + rb"[>/\s]")
    n, tail = 0, b""
    while n < stop:
        chunk = stream.read(CHUNK)
        if not chunk:
            break
        data = tail + chunk
        n += len(pattern.findall(data))
        tail = data[-len(tag):]
    return n
