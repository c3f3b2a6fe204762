"""The tree's moves: one handler per unit event code of domain.md (`org_<code>`), and the
settling of every unit changed on a day (its level from its parent's, its path, a new version
when anything changed)."""

from __future__ import annotations

import datetime as dt

from .. import codes as C
from .events import Group, OrgEvent
from .result import Occupancy, OrgVersion
from .state import Phase, ReplayState, UnitState
from .units import UnitEffect


class Tree(ReplayState):
    """The unit events' handlers; `ORG_HANDLERS` (below) names them by event code."""

    def _effect(self, ev: OrgEvent, kind: str, *codes: str, group: int = Group.END) -> None:
        if self.view is not None:
            self.view.effects.append(UnitEffect(ev.date, group, ev.seq, ev.ref, kind, codes))

    def _alive(self, ev: OrgEvent, code: str | None, column: str, day: dt.date) -> UnitState | None:
        org = self.orgs.get(code) if code else None
        if org is None or not org.alive:
            self.error(ev, "unit_missing", column, code, f"Tổ chức {code} không tồn tại vào ngày {day:%d/%m/%Y}.")
            return None
        return org

    def _touch(self, org: UnitState, ev: OrgEvent, moved: bool = False) -> None:
        self.dirty_orgs.setdefault(org.code, ev)
        if moved:
            self.moved_orgs.add(org.code)

    def _new_org(self, ev: OrgEvent, day: dt.date, returning: UnitState | None) -> None:
        level = ev.level or (returning.level if returning else None)
        name = ev.name or (returning.name if returning else None)
        if not name:
            self.error(ev, "name_missing", "ten", None, "Thiếu tên tổ chức.")
        if not level:
            self.error(ev, "level_missing", "cap", None, "Thiếu cấp của tổ chức.")
            return
        if level == C.ROOT and ev.parent:
            self.error(ev, "root_has_no_parent", "ma_cap_tren", ev.parent, "Đảng bộ cấp trên trực tiếp cơ sở không có tổ chức cấp trên trong hệ thống.")
            return
        if level != C.ROOT and not ev.parent:
            self.error(ev, "parent_missing", "ma_cap_tren", None, "Thiếu mã tổ chức cấp trên.")
            return
        org = returning or UnitState(ev.code, name or ev.code, level in C.CELL_LEVELS, level, ev.org_type, ev.parent)
        org.name, org.is_cell, org.level = name or org.name, level in C.CELL_LEVELS, level
        org.org_type = ev.org_type or org.org_type
        org.parent, org.alive, org.ended_by = ev.parent, True, None
        org.declared_level = level
        self.orgs[ev.code] = org
        if ev.parent:
            self.children[ev.parent].add(ev.code)
        self._touch(org, ev, moved=True)

    def org_khoi_tao(self, ev: OrgEvent, day: dt.date) -> None:
        if ev.code in self.orgs:
            self.error(ev, "code_taken", "ma", ev.code, f"Mã tổ chức {ev.code} đã có trong hệ thống.")
            return
        self._new_org(ev, day, None)

    org_thanh_lap = org_khoi_tao

    def org_tiep_nhan(self, ev: OrgEvent, day: dt.date) -> None:
        old = self.orgs.get(ev.code)
        if old is not None and (old.alive or old.ended_by != "chuyen_giao"):
            why = "đang tồn tại" if old.alive else "đã kết thúc (không phải do chuyển giao)"
            self.error(ev, "takeover_not_allowed", "ma", ev.code, f"Không thể tiếp nhận tổ chức {ev.code}: mã này {why}.")
            return
        if old is not None and old.parent:
            self.children[old.parent].discard(old.code)
        self._new_org(ev, day, old)

    def org_doi_ten(self, ev: OrgEvent, day: dt.date) -> None:
        org = self._alive(ev, ev.code, "ma", day)
        if org is None:
            return
        if not ev.name:
            self.error(ev, "name_missing", "ten", None, "Đổi tên cần tên mới.")
            return
        org.name = ev.name
        self._touch(org, ev)

    def org_nang_cap(self, ev: OrgEvent, day: dt.date) -> None:
        org = self._alive(ev, ev.code, "ma", day)
        if org is None:
            return
        target = C.UPGRADE.get(org.level)
        if not org.is_cell or target is None:
            self.error(ev, "upgrade_not_a_cell", "ma", ev.code, "Chỉ nâng cấp được chi bộ cơ sở (thành đảng bộ cơ sở) hoặc chi bộ trực thuộc đảng bộ cơ sở (thành đảng bộ bộ phận).")
            return
        if not ev.level:
            self.error(ev, "level_missing", "cap", None, f"Nâng cấp cần cấp mới ({target}).")
            return
        if ev.level != target:
            self.error(ev, "upgrade_wrong_level", "cap", ev.level, f"Tổ chức cấp {org.level} chỉ nâng cấp thành {target}.")
            return
        org.is_cell, org.level = False, target
        org.declared_level = target
        self._touch(org, ev, moved=True)

    def org_chuyen_cap_tren(self, ev: OrgEvent, day: dt.date) -> None:
        org = self._alive(ev, ev.code, "ma", day)
        if org is None:
            return
        if not ev.parent:
            self.error(ev, "parent_missing", "ma_cap_tren", None, "Điều chuyển cần mã tổ chức cấp trên mới.")
            return
        if org.level == C.ROOT:
            self.error(ev, "root_cannot_move", "ma", ev.code, "Không điều chuyển đảng bộ cấp trên trực tiếp cơ sở.")
            return
        if ev.parent == org.parent:
            self.error(ev, "same_parent", "ma_cap_tren", ev.parent, "Tổ chức đã trực thuộc cấp trên này.")
            return
        if ev.parent in self._subtree(org.code):
            self.error(ev, "move_into_own_subtree", "ma_cap_tren", ev.parent, "Không điều chuyển một tổ chức về dưới chính nó hoặc đơn vị trực thuộc nó.")
            return
        if org.parent:
            self.children[org.parent].discard(org.code)
        org.parent = ev.parent
        self.children[ev.parent].add(org.code)
        if ev.org_type:
            org.org_type = ev.org_type
        org.declared_level = ev.level
        self._touch(org, ev, moved=True)

    def org_doi_loai_hinh(self, ev: OrgEvent, day: dt.date) -> None:
        org = self._alive(ev, ev.code, "ma", day)
        if org is None:
            return
        if not ev.org_type:
            self.error(ev, "org_type_missing", "loai_hinh", None, "Đổi loại hình cần loại hình mới.")
            return
        org.org_type = ev.org_type
        self._touch(org, ev)

    def _subtree(self, code: str) -> list[str]:
        out, seen, stack = [], set(), [code]
        while stack:
            c = stack.pop()
            if c in seen:
                continue
            seen.add(c)
            out.append(c)
            stack.extend(self.children.get(c, ()))
        return out

    def _end(self, org: UnitState, how: str) -> None:
        org.alive, org.ended_by = False, how
        if org.parent:
            self.children[org.parent].discard(org.code)

    def org_sap_nhap(self, ev: OrgEvent, day: dt.date) -> None:
        org = self._alive(ev, ev.code, "ma", day)
        if org is None:
            return
        if not ev.target:
            self.error(ev, "merge_target_missing", "ma_dich", None, "Sáp nhập cần mã tổ chức nhận (ma_dich).")
            return
        target = self._alive(ev, ev.target, "ma_dich", day)
        if target is None:
            return
        if target.code == org.code or target.code in self._subtree(org.code):
            self.error(ev, "merge_into_own_subtree", "ma_dich", ev.target, "Không sáp nhập một tổ chức vào chính nó hoặc vào đơn vị trực thuộc nó.")
            return
        same_kind = (org.is_cell == target.is_cell) and ((org.level == C.ROOT) == (target.level == C.ROOT))
        if not same_kind:
            self.error(ev, "merge_kind_mismatch", "ma_dich", ev.target, "Chỉ sáp nhập chi bộ vào chi bộ, đảng bộ vào đảng bộ, đảng bộ cấp trên vào đảng bộ cấp trên.")
            return
        for child in list(self.children.get(org.code, ())):
            c = self.orgs[child]
            c.parent = target.code
            self.children[target.code].add(child)
            self._touch(c, ev, moved=True)
        self.children[org.code] = set()
        self._effect(ev, "merge", org.code, target.code)
        for person in list(self.cell_members.get(org.code, ())):
            self._move(self.people[person], target.code)
        self._end(org, "sap_nhap")
        if org.level == C.ROOT:
            self.merges.append((org.code, target.code, day))
        self._touch(org, ev)
        self._touch(target, ev)

    def org_giai_the(self, ev: OrgEvent, day: dt.date) -> None:
        org = self._alive(ev, ev.code, "ma", day)
        if org is None:
            return
        kids = sorted(self.children.get(org.code, ()))
        if kids:
            self.error(ev, "dissolve_with_children", "ma", ev.code, f"Không giải thể được: tổ chức còn đơn vị trực thuộc ({', '.join(kids[:5])}).")
            return
        self._effect(ev, "dissolve", org.code)
        members = self.cell_members.get(org.code)
        if members:
            # Refused, but the unit still ends in this replay: what happens to the tree must not
            # depend on which persons a replay holds (see Occupancy).
            self.occupancy.append(Occupancy(ev.ref, org.code, day, "dissolve", frozenset(members)))
            self.dissolved_full.add(org.code)
        self._end(org, "giai_the")
        self._touch(org, ev)

    def org_chuyen_giao(self, ev: OrgEvent, day: dt.date) -> None:
        org = self._alive(ev, ev.code, "ma", day)
        if org is None:
            return
        if org.level == C.ROOT:
            self.error(ev, "root_cannot_hand_over", "ma", ev.code, "Không chuyển giao đảng bộ cấp trên trực tiếp cơ sở.")
            return
        subtree = self._subtree(org.code)
        self._effect(ev, "hand_over", *subtree)
        for code in subtree:
            unit = self.orgs[code]
            for person in list(self.cell_members.get(code, ())):
                p = self.people[person]
                self._leave(p, day, Phase.LEFT_TRANSFER, "chuyen_giao")
            unit.alive, unit.ended_by = False, "chuyen_giao"
            self._touch(unit, ev)
        if org.parent:
            self.children[org.parent].discard(org.code)
        for code in self._subtree(org.code):
            self.children[code] = set()

    def _settle_org(self, org: UnitState, day: dt.date) -> None:
        ev = self.dirty_orgs.get(org.code)
        if not org.alive:
            org.declared_level = None
            return
        if org.parent is None:
            derived = C.ROOT if not org.is_cell else None
        else:
            parent = self.orgs.get(org.parent)
            if parent is None or not parent.alive:
                if ev is not None:
                    self.error(ev, "parent_gone", "ma_cap_tren", org.parent, f"Tổ chức cấp trên {org.parent} không tồn tại vào ngày {day:%d/%m/%Y}.")
                org.declared_level = None
                return
            if self._root_of(org.code) is None:
                if ev is not None:
                    self.error(ev, "tree_cycle", "ma_cap_tren", org.parent, "Điều chuyển tạo vòng lặp trong cây tổ chức.")
                return
            derived = C.child_level(parent.level, org.is_cell)
        declared = org.declared_level
        org.declared_level = None
        if derived is None:
            if ev is not None:
                self.error(ev, "level_not_allowed_under_parent", "cap", org.level, f"{org.code} ({'chi bộ' if org.is_cell else 'đảng bộ'}) không thể trực thuộc {org.parent}.")
            return
        if declared is not None and declared != derived and ev is not None:
            self.error(ev, "level_disagrees_with_parent", "cap", declared, f"Cấp {declared} không khớp với cấp trên {org.parent}: đơn vị này phải là {derived}.")
            return
        org.level = derived
        if derived in C.TCCSD_LEVELS and not org.org_type and ev is not None:
            self.error(ev, "tccsd_type_missing", "loai_hinh", None, f"Tổ chức cơ sở đảng {org.code} phải có loại hình.")

    def _path(self, org: UnitState) -> tuple[str, ...]:
        parent = self.orgs.get(org.parent) if org.parent else None
        if parent is not None and parent.alive and parent.version is not None:
            # The parent's version is current: emitted earlier today if its chain changed
            # (versions are emitted parents first), else unchanged since.
            return parent.version.path + (org.code,)
        chain = [org.code]
        cur = org
        while cur.parent and cur.parent in self.orgs and len(chain) < 64:
            cur = self.orgs[cur.parent]
            chain.append(cur.code)
        return tuple(reversed(chain))

    def _emit_version(self, org: UnitState, day: dt.date) -> None:
        # Called at most once per unit and day, so a version never starts and ends the same day.
        old = org.version
        new = None
        if org.alive:
            new = OrgVersion(org.code, day, None, org.name, org.level, org.org_type, org.parent, self._path(org))
            if old is not None and (old.name, old.level, old.org_type, old.parent, old.path) == (
                    new.name, new.level, new.org_type, new.parent, new.path):
                return
        if old is not None:
            old.valid_to = day
        org.version = new
        if new is not None:
            self.versions[org.code].append(new)


# Each unit event code of domain.md and its handler: compare them with the spec side by side.
ORG_HANDLERS = {
    "khoi_tao": Tree.org_khoi_tao,
    "thanh_lap": Tree.org_thanh_lap,
    "tiep_nhan": Tree.org_tiep_nhan,
    "doi_ten": Tree.org_doi_ten,
    "nang_cap": Tree.org_nang_cap,
    "chuyen_cap_tren": Tree.org_chuyen_cap_tren,
    "doi_loai_hinh": Tree.org_doi_loai_hinh,
    "sap_nhap": Tree.org_sap_nhap,
    "giai_the": Tree.org_giai_the,
    "chuyen_giao": Tree.org_chuyen_giao,
}
