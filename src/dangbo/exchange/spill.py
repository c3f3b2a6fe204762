"""Rows set aside by partition until they are checked: in memory while they fit, then in
temporary files, so that an import's memory does not grow with the size of the file.

A national register does not fit in memory as Python objects, but each person's rows can
be checked with that person's other rows only (and the tree of units, which is small): the
importer sends every row about a person to that person's partition, and later takes a few
partitions at a time (`Importer`). Each partition has lanes (the importer streams the
ratings, the largest sheet, apart from the rest). Items come back in the order they were
added.
"""

from __future__ import annotations

import marshal
import os
import pickle
import tempfile
import zlib
from collections.abc import Iterator
from typing import BinaryIO

MARSHAL, PICKLE = b"m", b"p"
BUDGET = 400_000  # items buffered in memory by default (each a row: its cells, or its parsed values)


def partition_of(code: str, parts: int) -> int:
    """The partition of a person code: stable across runs and machines (not Python's
    per-process string hash), so that an import is reproducible."""
    return zlib.crc32(code.encode("utf-8")) % parts


class Spill:
    """`parts` partitions × `lanes` lanes of items, buffered up to `budget` items in all,
    beyond which every buffer is appended to its own file. Items of plain values (the cells
    of a CSV file) are written with `marshal`, others (a workbook's dates) with `pickle`."""

    def __init__(self, parts: int, lanes: int = 1, budget: int = BUDGET, folder: str | None = None, prefix: str = ""):
        self.parts, self.lanes = parts, lanes
        self.budget = budget
        self.buffers: list[list] = [[] for _ in range(parts * lanes)]
        self.counts = [0] * (parts * lanes)
        self._buffered = 0
        self._dir: tempfile.TemporaryDirectory | None = None
        self._folder = folder  # a folder someone else cleans up (a spill of another process's)
        self._prefix = prefix
        self._files: dict[int, BinaryIO] = {}
        self._attached: dict[int, list[str]] = {}

    def add(self, part: int, item, lane: int = 0) -> None:
        slot = part * self.lanes + lane
        self.buffers[slot].append(item)
        self.counts[slot] += 1
        self._buffered += 1
        if self._buffered >= self.budget:
            self._flush()

    def count(self, part: int, lane: int | None = None) -> int:
        if lane is not None:
            return self.counts[part * self.lanes + lane]
        return sum(self.counts[part * self.lanes:(part + 1) * self.lanes])

    def _flush(self) -> None:
        folder = self.folder
        for slot, buf in enumerate(self.buffers):
            if not buf:
                continue
            fh = self._files.get(slot)
            if fh is None:
                fh = self._files[slot] = open(os.path.join(folder, f"{self._prefix}{slot}.bin"), "wb")
            try:
                data, tag = marshal.dumps(buf), MARSHAL
            except ValueError:
                data, tag = pickle.dumps(buf, protocol=pickle.HIGHEST_PROTOCOL), PICKLE
            fh.write(tag + len(data).to_bytes(8, "little") + data)
            self.buffers[slot] = []
        self._buffered = 0

    def flush(self) -> None:
        """Everything to the files (before other processes read the partitions)."""
        self._flush()
        for fh in self._files.values():
            fh.flush()

    @property
    def folder(self) -> str:
        if self._folder is not None:
            return self._folder
        if self._dir is None:
            self._dir = tempfile.TemporaryDirectory(prefix="dangbo-import-")
        return self._dir.name

    def paths(self) -> dict[int, str]:
        """slot -> file, once flushed (to hand a spill over to another process)."""
        return {slot: fh.name for slot, fh in self._files.items()}

    def attach(self, paths: dict[int, str], counts: list[int]) -> None:
        """Take over the files and counts of a spill written by another process (read after
        this spill's own items of the same slots)."""
        for slot, path in paths.items():
            self._attached.setdefault(slot, []).append(path)
        for slot, n in enumerate(counts):
            self.counts[slot] += n

    def items(self, part: int, lane: int = 0) -> Iterator:
        """The items of one lane of a partition, in the order added (read through a handle of
        its own, so processes forked from this one can read their partitions side by side)."""
        slot = part * self.lanes + lane
        paths = []
        fh = self._files.get(slot)
        if fh is not None:
            fh.flush()
            paths.append(fh.name)
        for path in paths + self._attached.get(slot, []):
            with open(path, "rb") as reader:
                while head := reader.read(9):
                    data = reader.read(int.from_bytes(head[1:], "little"))
                    yield from (marshal.loads(data) if head[:1] == MARSHAL else pickle.loads(data))
        yield from self.buffers[slot]

    def close(self) -> None:
        for fh in self._files.values():
            fh.close()
        self._files.clear()
        if self._dir is not None:
            self._dir.cleanup()
            self._dir = None
