"""The import's process plumbing, apart from its business steps: a large sheet read by a
forked process while the others are read, groups of persons checked by forked workers whose
rows reach the database as COPY files streamed in by the process holding the transaction,
and the memory care that makes forking cheap (`gc.freeze`, `malloc_trim`)."""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections import deque
from pathlib import Path

from django.conf import settings
from django.db import connection

from dangbo.core import faults
from dangbo.core.bulk import CopyPayload, copy_payload, reserve_ids
from dangbo.domain.problems import Problem
from dangbo.members.models import Person

from . import checks
from .cells import RowParser
from .limits import Limits
from .persons import PersonCheck
from .reader import SheetLayout, WorkbookStream
from .routing import NGUOI, PARTS, PERSON_ROWS_BUFFERED, route_rows
from .schema import SHEET_BY_NAME
from .spill import BUDGET as SPILL_BUDGET
from .spill import Spill, partition_of
from .state import ImportState


class Parallel(ImportState):
    """The importer's parallel steps over its state (`importer.Importer` is one)."""

    @property
    def _writing(self) -> bool:
        raise NotImplementedError

    def _read(self, layout, n: int) -> None:
        raise NotImplementedError

    def _progress(self, k: int, n: int) -> None:
        raise NotImplementedError

    def _persons(self, parts: list[int], ids: list[int] | None = None) -> None:
        raise NotImplementedError

    def _read_apart(self, name: str):
        """Read a large sheet (the ratings) in a forked process while this one reads the
        others: its rows go to that process's own spill files, taken over at the end."""
        size = self.stream.sheet_size(name) if self.stream.has(name) else None
        threshold = settings.DANGBO_IMPORT_APART_BYTES
        if not size or size < threshold or not hasattr(os, "fork"):
            return None
        receive, send = multiprocessing.get_context("fork").Pipe(duplex=False)
        process = multiprocessing.get_context("fork").Process(
            target=_read_sheet_apart, args=(self.path, name, self.spill.folder, send, self.limits), daemon=True)
        process.start()
        send.close()
        return process, receive

    def _join_apart(self, name: str, process, receive) -> None:
        try:
            found = receive.recv()
        except EOFError as exc:
            raise RuntimeError(f"the process reading {name} ended with {process.exitcode}") from exc
        finally:
            process.join()
        if isinstance(found, Exception):
            raise found
        if found is None:  # the sheet has no header row: nothing to read
            return
        header, codes, title, n, digest, paths, counts, layout_problems, problems, persons = found
        layout = SheetLayout(SHEET_BY_NAME[name], title, header, codes)
        self.spill.attach(paths, counts)
        self.stream.add_digest(name, digest)
        self.stream.problems.extend(layout_problems)
        self.problems.extend(problems)
        if persons is not None:
            self.new_persons, self.updated = persons
        self._read(layout, n)

    def _workers(self, groups: int) -> int:
        """Processes to check groups side by side: only for a first load into PostgreSQL (no
        person or meeting stored before, so a group's checks ask the database nothing and its
        rows go in by COPY), when there are groups enough."""
        wanted = settings.DANGBO_IMPORT_WORKERS or min(2, os.cpu_count() or 1)
        if wanted < 2 or groups < 2 or connection.vendor != "postgresql":
            return 1
        if self.stored_persons or self.stored_meetings:
            return 1
        return wanted

    def _persons_in_parallel(self, groups: list[list[int]], workers: int) -> None:
        """Check the groups in forked worker processes, each writing its rows as COPY data to
        files, which this process — the one holding the transaction — streams in, group by
        group, while the workers check the next ones."""
        global _WORKER
        locked = self.bulk.holds(Person)
        ids = [reserve_ids(Person, sum(self.spill.count(p, NGUOI) for p in parts), locked) if self._writing else None
               for parts in groups]
        self.spill.flush()
        self.step(f"Kiểm tra {len(groups)} nhóm người bằng {workers} tiến trình song song")
        _WORKER = self
        _return_free_memory()  # pages freed since the files were read: not shared with every worker
        # Every object alive now goes to the collector's permanent generation: a worker's
        # collection between groups then never walks (and so never copies) the pages it shares
        # with this process — the unit replay, the spill's index (Python's advice for fork).
        gc.freeze()
        pool = multiprocessing.get_context("fork").Pool(workers)
        try:
            tasks = iter([(k, parts, ids[k]) for k, parts in enumerate(groups)])
            # At most one group more than the workers handed out at a time: when the backend
            # taking in the COPY files is the slower side, finished groups (their files on disk,
            # their results in this process's memory) would otherwise pile up, and the workers
            # would take the CPU the backend needs.
            running: deque = deque()

            def submit() -> None:
                task = next(tasks, None)
                if task is not None:
                    running.append(pool.apply_async(_check_group, (task,)))
            for _ in range(workers + 1):
                submit()
            self._progress(1, len(groups))
            k = 0
            while running:
                problems, occupancy, tally, files, introductions, officials = running.popleft().get()
                submit()
                k += 1
                self.problems.extend(problems)
                self.occupancy.extend(occupancy)
                self.introductions.extend(introductions)
                self.officials.update(officials)
                self.quota.merge(tally)
                for sql, path in files:
                    if self._writing:
                        copy_payload(sql, path)
                    else:
                        os.remove(path)
                if k == 1:
                    faults.hit("import.after_persons")
                if k < len(groups):
                    self._progress(k + 1, len(groups))
        finally:
            pool.terminate()
            pool.join()
            gc.unfreeze()
            _WORKER = None


def _read_sheet_apart(path: Path, name: str, folder: str, send, limits: Limits | None = None) -> None:
    """In a forked process: read one sheet into a spill of its own (no database)."""
    _no_database()
    found: object = None
    try:
        stream = WorkbookStream(path, limits)
        before = len(stream.problems)
        spill = Spill(PARTS + 1, lanes=3, folder=folder, prefix=f"{name}-",
                      budget=PERSON_ROWS_BUFFERED if name == "nguoi" else SPILL_BUDGET)
        for layout, rows in stream.sheets(only={name}):
            problems: list[Problem] = []
            persons = None
            if name == "nguoi":  # a first load: no stored person to ask the database about
                check = PersonCheck(problems, lambda i, number, v, update: spill.add(
                    partition_of(v["ma"], PARTS), (0, i, number, v, update), NGUOI), stored=False)
                parser, n = RowParser(layout.sheet, layout.codes), 0
                for n, (number, cells) in enumerate(rows, start=1):
                    check.add(n - 1, number, parser.parse(number, cells, problems))
                check.flush()
                persons = (check.new, check.updates)
            else:
                n = route_rows(layout, rows, spill)
            spill.flush()
            found = (layout.header, layout.codes, layout.source_name, n, stream.digest_of(name), spill.paths(),
                     spill.counts, stream.problems[before:], problems, persons)
    except Exception as exc:  # given to the importing process, which raises it
        found = exc
    send.send(found)
    send.close()


_WORKER: Parallel | None = None  # the importer a forked worker inherits


def _check_group(task):
    """In a worker process: check one group and write its rows as COPY data to files.
    Returns what the parent merges: the group's problems, occupancies, quota counts and the
    files to stream in."""
    k, parts, ids = task
    imp = _WORKER
    assert imp is not None
    _no_database()
    imp.step = lambda message: None
    problems, occupancy = len(imp.problems), len(imp.occupancy)
    imp.introductions, imp.officials = [], {}
    imp.quota = checks.QuotaTally(imp.rules, imp.groups)
    payload = CopyPayload(imp.spill.folder, f"group{k}")
    if imp.writer is not None:
        imp.writer.insert = payload
    imp._persons(parts, ids)
    out = (imp.problems[problems:], imp.occupancy[occupancy:], imp.quota.state(), payload.files, imp.introductions,
           imp.officials)
    del imp.problems[problems:], imp.occupancy[occupancy:]
    gc.collect()
    return out


def _return_free_memory() -> None:
    """Give the C allocator's free pages back to the system (glibc's `malloc_trim`): freed
    while the files were read, they would otherwise stay resident in this process and in
    each worker forked from it. A no-op where the C library has no such call."""
    import ctypes.util  # only here: the web process loads this module too

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _no_database() -> None:
    """A worker shares its parent's database socket: any query from it would corrupt the
    parent's session, so it fails loudly instead."""
    from django.db import connections

    def forbidden(*args, **kwargs):
        raise RuntimeError("a worker process of the import must not use the database")
    for conn in connections.all(initialized_only=True):
        conn.cursor = forbidden  # type: ignore[method-assign]
        conn.ensure_connection = forbidden  # type: ignore[method-assign]
