"""Everything an import holds from one stage to the next, declared in one place.

The stages (`importer.Importer.STAGES`) read and write these fields only: the reading fills
the parsers, layouts and spill; the units' stage the replayed tree, the touched units and the
stored world; the persons' groups add problems, occupancies and quota counts; the end
writes. `parallel.Parallel` and `stored.StoredReads` are stages' helpers over the same state.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings

from dangbo.core.bulk import BulkLoad
from dangbo.domain import records as REC
from dangbo.domain import replay as R
from dangbo.domain.problems import Problem
from dangbo.domain.rulebook import RuleBook

from .cells import RowParser
from .limits import Limits
from .routing import PARTS
from .spill import Spill
from .writer import Writer


def quiet(message: str) -> None:
    """No progress shown."""


@dataclass(eq=False)
class ImportState:
    # the file and how it is imported
    path: Path
    user: Any = None
    write: bool = True  # False: a dry run
    step: Callable[[str], None] = quiet  # told each stage as it begins
    group_rows: int = field(default_factory=lambda: settings.DANGBO_IMPORT_GROUP_ROWS)  # rows of persons checked at a time
    limits: Limits | None = None  # an upload's bounds (the web wizard's)
    # what is found, and kept until the end
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # rows read per sheet
    occupancy: list[R.Occupancy] = field(default_factory=list)
    # the introducers of the file's admissions: (ref, kind, day, person, (1st, 2nd)), and the
    # official spells of every person the file replays, kept only when the file names any
    introductions: list[tuple] = field(default_factory=list)
    officials: dict[str, list[tuple]] = field(default_factory=dict)
    # the photos of a CSV folder (anh/<ma>.jpg): their files, the persons of the file they
    # name, and (checked) the JPEG each person gets
    photos: dict[str, Path] = field(default_factory=dict)
    photo_persons: set[str] = field(default_factory=set)
    photo_images: dict[str, bytes] = field(default_factory=dict)
    spill: Spill = field(default_factory=lambda: Spill(PARTS + 1, lanes=3))  # rows set aside by partition
    writer: Writer | None = None  # set once writing begins (no hard error so far)
    bulk: BulkLoad = field(default_factory=BulkLoad)
    # 1. reading
    stream: Any = None  # the WorkbookStream, once the file opened
    parsers: dict[str, RowParser] = field(default_factory=dict)
    layouts: dict = field(default_factory=dict)
    stored_persons: bool = False  # a first load when none
    narrow: bool = False  # a small file into a stored register: checked against the units it names
    new_persons: int = 0
    updated: int = 0
    # 2. the units
    rules: RuleBook = field(default_factory=lambda: RuleBook([]))  # empty until `_prepare` reads them
    oid: dict[str, int] = field(default_factory=dict)  # unit code -> id
    named: set[str] = field(default_factory=set)  # a narrow import's: every text of its cells (importer._named_codes)
    units: Any = None  # a narrow import's projections.narrow.Units: codes and ids looked up as needed
    org_events: list[R.OrgEvent] = field(default_factory=list)
    # the unit replay every group of persons is checked against (empty until the units' stage)
    tree: R.ReplayResult = field(default_factory=lambda: R.ReplayResult({}, {}, [], []))
    touched: set[str] = field(default_factory=set)  # units the file's unit events change
    below: set[str] = field(default_factory=set)  # the touched units and every unit ever under them
    replayed: set[str] = field(default_factory=set)  # the units of the tree (a narrow import's closure)
    affected: dict[int, dict[int, str]] = field(default_factory=dict)  # partition -> stored persons touched
    groups: Any = None  # checks.GroupIndex of the quota groups
    quota: Any = None  # checks.QuotaTally
    unit_world: REC.World | None = None  # for the units' ratings, checked last
    # what the import reads of the register as stored (stored.StoredReads)
    class_info: dict[str, tuple] = field(default_factory=dict)  # class code -> (kind, start, end)
    writer_class_codes: set[str] = field(default_factory=set)
    terms: dict[str, tuple] = field(default_factory=dict)
    closed_years: set[tuple] = field(default_factory=set)
    meetings: dict[str, tuple] = field(default_factory=dict)
    meeting_ids: dict[str, int] = field(default_factory=dict)
    stored_meetings: bool = False
    stored_unit_ratings: bool = False
    world_classes: dict = field(default_factory=dict)  # the file's classes, once the units' rows are checked
