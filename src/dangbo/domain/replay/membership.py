"""The membership's moves: one handler per member event code of domain.md (`m_<code>`), the
come-back table (who may enter by which event, from where they stand), the ways of leaving,
an expulsion by discipline, and a spell emitted whenever a membership changed."""

from __future__ import annotations

import datetime as dt

from ..dates import add_months, months_between
from . import rules as RULES
from .events import Expulsion, MemberEvent
from .result import Spell, same_spell
from .state import PersonState, Phase, ReplayState

# domain.md's come-back table: the phases from which each entering event is allowed.
ENTERS_FROM = {
    "khoi_tao": frozenset({Phase.NONE}),
    "chuyen_den": frozenset({Phase.NONE, Phase.LEFT_TRANSFER}),
    "ket_nap": frozenset({Phase.NONE, Phase.LEFT_STRUCK}),
}
# Why an entering event is refused, by where the person stands.
STANDS = {
    Phase.MEMBER: "đang là đảng viên",
    Phase.LEFT_TRANSFER: "đã chuyển đi (chỉ có thể chuyển đến)",
    Phase.LEFT_STRUCK: "đã bị xóa tên hoặc khai trừ (chỉ có thể kết nạp lại)",
    Phase.DEAD: "đã từ trần",
}
ENTERING = {"chuyen_den": "chuyển đến", "ket_nap": "kết nạp"}
# The events that end a membership, and where each leaves the person.
LEAVES_TO = {
    "chuyen_di": Phase.LEFT_TRANSFER,
    "tu_tran": Phase.DEAD,
    "xoa_ten": Phase.LEFT_STRUCK,
    "khai_tru": Phase.LEFT_STRUCK,
}


class Membership(ReplayState):
    """The member events' handlers; `MEMBER_HANDLERS` (below) names them by event code."""

    def _person(self, code: str) -> PersonState:
        p = self.people.get(code)
        if p is None:
            p = self.people[code] = PersonState(code)
        return p

    def _join(self, p: PersonState, ev: MemberEvent, status: str) -> None:
        p.phase, p.status, p.exempt = Phase.MEMBER, status, False
        self._move(p, ev.cell)  # type: ignore[arg-type]

    def _member(self, ev: MemberEvent, day: dt.date) -> None:
        MEMBER_HANDLERS[ev.kind](self, ev, self._person(ev.person), day)

    def _need_member(self, ev: MemberEvent, p: PersonState) -> bool:
        if p.phase != Phase.MEMBER:
            self.error(ev, "not_a_member", "ma_nguoi", ev.person, f"{ev.person} không phải là đảng viên vào ngày {ev.date:%d/%m/%Y}.")
            return False
        return True

    def _may_enter(self, ev: MemberEvent, p: PersonState) -> bool:
        if p.phase in ENTERS_FROM[ev.kind]:
            return True
        if ev.kind == "khoi_tao":
            self.error(ev, "opening_after_history", "ma_nguoi", ev.person, f"{ev.person} đã có quá trình sinh hoạt đảng trong hệ thống; số dư đầu kỳ chỉ dùng cho người chưa có.")
        else:
            self.error(ev, "cannot_enter_from_phase", "loai", ev.kind, f"Không thể {ENTERING[ev.kind]}: {ev.person} {STANDS[p.phase]}.")
        return False

    def m_khoi_tao(self, ev: MemberEvent, p: PersonState, day: dt.date) -> None:
        if self._may_enter(ev, p):
            self._arrive(ev, p, day)

    m_chuyen_den = m_khoi_tao

    def _arrive(self, ev: MemberEvent, p: PersonState, day: dt.date) -> None:
        ok = True
        if not ev.status:
            self.error(ev, "status_missing", "trang_thai", None, "Thiếu trạng thái (du_bi / chinh_thuc).")
            ok = False
        if not ev.admission_date:
            self.error(ev, "admission_date_missing", "ngay_ket_nap", None, "Thiếu ngày kết nạp (ngày bắt đầu tuổi đảng).")
            ok = False
        elif ev.admission_date > day:
            self.error(ev, "admission_after_event", "ngay_ket_nap", ev.admission_date, "Ngày kết nạp sau ngày của sự kiện.")
            ok = False
        if ev.status == "du_bi" and not ev.ceremony_date:
            self.error(ev, "ceremony_date_missing", "ngay_le_ket_nap", None, "Đảng viên dự bị cần ngày lễ kết nạp.")
            ok = False
        if not self._is_cell_now(ev, ev.cell, "ma_to_chuc", day) or not ok:
            return
        if p.phase == Phase.NONE or p.first_admission is None:
            p.first_admission = ev.admission_date
        p.ceremony = ev.ceremony_date
        p.official = ev.official_date
        if ev.card_no:
            p.card = ev.card_no
        if ev.badge_received:
            p.badge = ev.badge_received
        self._join(p, ev, ev.status)  # type: ignore[arg-type]

    def m_ket_nap(self, ev: MemberEvent, p: PersonState, day: dt.date) -> None:
        if not self._may_enter(ev, p) or not self._is_cell_now(ev, ev.cell, "ma_to_chuc", day):
            return
        decided = ev.decision_date or day
        self.breaches(ev, RULES.admission_breaches(ev, p, decided, self.ctx))
        if p.phase == Phase.LEFT_STRUCK and p.first_admission is not None:
            p.gap_months += months_between(p.left_on, decided)  # type: ignore[arg-type]
            p.readmissions += 1
        else:
            p.first_admission = decided
        p.ceremony, p.official, p.card = day, None, None
        self._join(p, ev, "du_bi")

    def m_chuyen_chinh_thuc(self, ev: MemberEvent, p: PersonState, day: dt.date) -> None:
        if not self._need_member(ev, p):
            return
        if p.status != "du_bi":
            self.error(ev, "not_probationary", "loai", ev.kind, f"{ev.person} không phải đảng viên dự bị: chỉ công nhận chính thức cho đảng viên dự bị.")
            return
        self.breaches(ev, RULES.recognition_breaches(ev, p, day, self.ctx))
        p.status, p.official = "chinh_thuc", day
        self.dirty_people.add(p.code)

    def m_phat_the(self, ev: MemberEvent, p: PersonState, day: dt.date) -> None:
        if not self._need_member(ev, p):
            return
        if p.status != "chinh_thuc":
            self.error(ev, "not_official", "loai", ev.kind, f"{ev.person} chưa là đảng viên chính thức: chỉ phát thẻ cho đảng viên chính thức.")
            return
        if not ev.card_no:
            self.error(ev, "card_no_missing", "so_the", None, "Thiếu số thẻ đảng viên.")
            return
        p.card = ev.card_no
        self.dirty_people.add(p.code)

    def m_huy_hieu(self, ev: MemberEvent, p: PersonState, day: dt.date) -> None:
        if not self._need_member(ev, p):
            return
        milestones = RULES.badge_milestones(self.ctx, day)
        if ev.years is None or ev.years not in milestones:
            self.error(ev, "badge_milestone_unknown", "so_nam", ev.years, f"Mốc Huy hiệu phải là một trong {', '.join(map(str, milestones))} năm.")
            return
        self.breaches(ev, RULES.badge_breaches(ev, p, day, self.ctx))
        p.badge = ev.years
        self.dirty_people.add(p.code)

    def m_chuyen_noi_bo(self, ev: MemberEvent, p: PersonState, day: dt.date) -> None:
        if not self._need_member(ev, p) or not self._is_cell_now(ev, ev.cell, "ma_to_chuc", day):
            return
        if ev.cell == p.cell:
            self.error(ev, "same_cell", "ma_to_chuc", ev.cell, "Đảng viên đã sinh hoạt ở chi bộ này.")
            return
        if self._root_of(ev.cell) != self._root_of(p.cell):  # type: ignore[arg-type]
            self.error(ev, "internal_transfer_across_roots", "ma_to_chuc", ev.cell, "Chuyển sinh hoạt nội bộ chỉ giữa các chi bộ cùng một đảng bộ cấp trên; dùng chuyển đi / chuyển đến.")
            return
        self._move(p, ev.cell)  # type: ignore[arg-type]

    def m_leave(self, ev: MemberEvent, p: PersonState, day: dt.date) -> None:
        """chuyen_di, tu_tran, xoa_ten, khai_tru: a member leaves, to where `LEAVES_TO` says."""
        if self._need_member(ev, p):
            self._leave(p, day, LEAVES_TO[ev.kind], ev.kind)

    def m_mien_sinh_hoat(self, ev: MemberEvent, p: PersonState, day: dt.date) -> None:
        if not self._need_member(ev, p):
            return
        if p.exempt:
            self.error(ev, "already_exempt", "loai", ev.kind, f"{ev.person} đang được miễn sinh hoạt.")
            return
        p.exempt = True
        self.dirty_people.add(p.code)

    def m_tro_lai_sinh_hoat(self, ev: MemberEvent, p: PersonState, day: dt.date) -> None:
        if not self._need_member(ev, p):
            return
        if not p.exempt:
            self.error(ev, "not_exempt", "loai", ev.kind, f"{ev.person} không đang được miễn sinh hoạt.")
            return
        p.exempt = False
        self.dirty_people.add(p.code)

    def _expel(self, ev: Expulsion, day: dt.date) -> None:
        p = self._person(ev.person)
        if p.phase == Phase.LEFT_STRUCK and p.left_on == day and p.left_by == "khai_tru":
            return  # the same expulsion, also written as a member event
        if p.phase != Phase.MEMBER:
            self.error(ev, "expelled_not_a_member", "ma_doi_tuong", ev.person, f"{ev.person} không phải là đảng viên vào ngày {day:%d/%m/%Y}: không khai trừ được.")
            return
        self._leave(p, day, Phase.LEFT_STRUCK, "khai_tru")

    def party_age(self, p: PersonState, day: dt.date) -> int:
        return RULES.party_age(p, day)

    def _emit_spell(self, p: PersonState, day: dt.date) -> None:
        old = p.spell
        new = None
        if p.phase == Phase.MEMBER:
            new = Spell(p.code, day, None, p.cell, p.status, p.exempt,  # type: ignore[arg-type]
                        add_months(p.first_admission, p.gap_months),  # type: ignore[arg-type]
                        p.ceremony, p.official, p.card, p.badge)
            if old is not None and same_spell(old, new):
                return
        if old is not None:
            old.valid_to = day
        p.spell = new
        if new is not None:
            self.spells[p.code].append(new)


# Each member event code of domain.md and its handler: compare them with the spec side by side.
MEMBER_HANDLERS = {
    "khoi_tao": Membership.m_khoi_tao,
    "chuyen_den": Membership.m_chuyen_den,
    "ket_nap": Membership.m_ket_nap,
    "chuyen_chinh_thuc": Membership.m_chuyen_chinh_thuc,
    "phat_the": Membership.m_phat_the,
    "huy_hieu": Membership.m_huy_hieu,
    "chuyen_noi_bo": Membership.m_chuyen_noi_bo,
    "chuyen_di": Membership.m_leave,
    "mien_sinh_hoat": Membership.m_mien_sinh_hoat,
    "tro_lai_sinh_hoat": Membership.m_tro_lai_sinh_hoat,
    "tu_tran": Membership.m_leave,
    "xoa_ten": Membership.m_leave,
    "khai_tru": Membership.m_leave,
}
