"""The printed papers of a member's file and of the admission and transfer procedures
(member-file.md), each a `core.documents.Document` written as Word and PDF in the layout of
Hướng dẫn 36-HD/VPTW: the admission decision (9-KNĐ), the recognition decision, the letter
of introduction numbered in the register of introductions (10-SHĐ), the member's sheet
(2-HSĐV), the member's life record (Lý lịch đảng viên) and a unit's register of members
(7-HSĐV). The texts cited are dated (`domain.papers`)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from dangbo.core.documents import Document, Header
from dangbo.core.temporal import on
from dangbo.domain import labels as L
from dangbo.domain import member_file as MF
from dangbo.domain import papers as P
from dangbo.orgs.letterhead import committee_header, document_settings
from dangbo.orgs.models import OrgVersion
from dangbo.orgs.selectors import nearest_version

from .file import details_on, latest_photo, value_of, values_changed_after
from .models import IntroductionLetter, MemberEvent, MemberSpell, Person


def _shown(details: dict, column: str) -> str:
    """A detail (of `details`, field → value) as the papers print it."""
    d = MF.BY_COLUMN[column]
    return MF.shown(d, details[d.field])


def _cell_name(cell_id: int | None, day: dt.date) -> str:
    v = nearest_version(cell_id, day) if cell_id is not None else None
    return v.name if v else ""


def admitted_on(person: Person) -> dt.date | None:
    """The day the person joined the Party (the admission decision, or the original admission
    date an opening balance or an arrival carries)."""
    return admitted_on_many([person.pk]).get(person.pk)


def admitted_on_many(person_ids: list[int]) -> dict[int, dt.date]:
    """`admitted_on` of many persons, read at once: each one's first event that says it."""
    out: dict[int, dt.date] = {}
    for pid, kind, date, decided, admission in (
            MemberEvent.objects.filter(person_id__in=person_ids, voided_at__isnull=True,
                                       kind__in=("ket_nap", "khoi_tao", "chuyen_den"))
            .order_by("person_id", "date", "id").values_list("person_id", "kind", "date", "decision_date", "admission_date")):
        if pid in out:
            continue
        if kind == "ket_nap":
            out[pid] = decided or date
        elif admission:
            out[pid] = admission
    return out


def _cell_of(event: MemberEvent):
    """The cell an event is about: its own, or the member's on its day."""
    if event.cell is not None:
        return event.cell
    spell = MemberSpell.objects.filter(person=event.person, valid_from__lte=event.date).order_by("-valid_from").first()
    return spell.cell if spell else None


def _decision(event: MemberEvent, title: str, basis: list[str], articles: list[str]) -> Document:
    """A decision of the grassroots committee: its grounds, the deciding body, its articles."""
    day = event.decision_date or event.date
    number = f"Số {event.decision_no}" if event.decision_no else "Số       -QĐ/ĐU"
    head = committee_header(_cell_of(event), day, number)
    doc = Document(head, "QUYẾT ĐỊNH", title, captions=False)
    doc.blocks += [("para", line) for line in basis]
    doc.blocks.append(("heading", f"{head.issuer} QUYẾT ĐỊNH:"))
    doc.blocks += [("para", a) for a in articles]
    doc.header = Header(head.upper, head.issuer, head.place, head.number, head.short, head.bloc, head.day, False, "T/M",
                        "BÍ THƯ", "", ("Như Điều 2", "Lưu hồ sơ đảng viên", "Lưu Văn phòng cấp ủy"))
    return doc


def admission_decision(event: MemberEvent) -> Document:
    """Quyết định kết nạp đảng viên (9-KNĐ), from an admission."""
    p, day = event.person, event.decision_date or event.date
    cell = _cell_name(event.cell_id, event.date)
    introducers = [t for t in (event.introducer_1, event.introducer_2) if t]
    named = dict(Person.objects.filter(code__in=introducers).values_list("code", "full_name"))
    by = ", ".join(named.get(t, t) for t in introducers)
    return _decision(event, "Về việc kết nạp đảng viên", [
        "- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;",
        f"- Căn cứ {P.statute_rule(day)};",
        f"- Xét đơn xin vào Đảng của quần chúng {p.full_name}" + (f", giấy giới thiệu của đảng viên {by}" if by else "")
        + f" và nghị quyết đề nghị kết nạp của Chi bộ {cell.removeprefix('Chi bộ ')};",
    ], [
        f"Điều 1. Kết nạp quần chúng {p.full_name}, sinh ngày {P.short_date(p.birth_date)}, quê quán "
        f"{p.hometown or '……………'}, vào Đảng Cộng sản Việt Nam. Tuổi đảng của đồng chí tính từ ngày ký quyết định "
        f"này; thời gian dự bị {P.PROBATION_MONTHS_TEXT} kể từ ngày chi bộ tổ chức lễ kết nạp.",
        f"Điều 2. Chi bộ {cell.removeprefix('Chi bộ ')} và đồng chí có tên tại Điều 1 chịu trách nhiệm thi hành "
        "Quyết định này.",
    ])


def recognition_decision(event: MemberEvent) -> Document:
    """Quyết định công nhận đảng viên chính thức, from a recognition."""
    p, day = event.person, event.decision_date or event.date
    of = _cell_of(event)
    cell = _cell_name(of.pk if of else None, event.date)
    admitted = admitted_on(p)
    return _decision(event, "Về việc công nhận đảng viên chính thức", [
        "- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;",
        f"- Căn cứ {P.statute_rule(day)};",
        f"- Xét nghị quyết đề nghị của Chi bộ {cell.removeprefix('Chi bộ ')} về việc công nhận đảng viên chính thức "
        f"cho đồng chí {p.full_name};",
    ], [
        f"Điều 1. Công nhận đồng chí {p.full_name}, sinh ngày {P.short_date(p.birth_date)}, vào Đảng ngày "
        f"{P.short_date(admitted)}, là đảng viên chính thức kể từ ngày {P.short_date(event.date)}.",
        f"Điều 2. Chi bộ {cell.removeprefix('Chi bộ ')} và đồng chí có tên tại Điều 1 chịu trách nhiệm thi hành "
        "Quyết định này.",
    ])


def introduction_letter(event: MemberEvent, letter: IntroductionLetter) -> Document:
    """Giấy giới thiệu sinh hoạt đảng, numbered in the issuer's register (10-SHĐ). Party dues
    are not recorded: "đã đóng đảng phí hết tháng …" is left for the committee to fill."""
    p = event.person
    before = event.date - dt.timedelta(days=1)
    spell = MemberSpell.objects.filter(person=p, valid_from__lte=before).order_by("-valid_from").first()
    from_cell = _cell_name(spell.cell_id if spell else None, before)
    head = committee_header(spell.cell if spell else event.cell, letter.issued_on,  # type: ignore[arg-type]
                            f"Số {letter.number:02d}/GTSHĐ")
    status = L.MEMBER_STATUS.get(spell.status, "") if spell else ""
    valid_until = letter.issued_on + dt.timedelta(days=P.INTRODUCTION_VALID_DAYS)
    signer = head.bloc.replace("Đảng bộ ", "Đảng ủy ", 1) if head.bloc.startswith("Đảng bộ ") else head.bloc
    doc = Document(head, "GIẤY GIỚI THIỆU SINH HOẠT ĐẢNG", f"{signer} trân trọng giới thiệu", captions=False)
    doc.blocks.append(("fields", [
        ("Đồng chí:", p.full_name),
        ("Sinh ngày:", P.short_date(p.birth_date)),
        ("Quê quán:", p.hometown),
        ("Là đảng viên:", status.lower()),
        ("Vào Đảng ngày:", P.short_date(admitted_on(p))),
        ("Chính thức ngày:", P.short_date(spell.official_date) if spell and spell.official_date else ""),
        ("Số thẻ đảng viên:", spell.card_no if spell else ""),
        ("Số lý lịch đảng viên:", p.file_no),
        ("Hiện sinh hoạt tại:", from_cell),
        ("Đã đóng đảng phí hết tháng:", "……… năm ………"),
        ("Được chuyển sinh hoạt đảng đến:", letter.destination),
    ]))
    doc.blocks.append(("para", "Đề nghị các đồng chí tiếp nhận và giới thiệu đồng chí "
                               f"{p.full_name} sinh hoạt đảng theo quy định."))
    doc.blocks.append(("para", f"Giấy giới thiệu có giá trị đến hết ngày {P.short_date(valid_until)}."))
    doc.header = Header(head.upper, head.issuer, head.place, head.number, head.short, head.bloc, letter.issued_on, False,
                        "T/M", "BÍ THƯ", "", ("Như trên", "Lưu Sổ giới thiệu sinh hoạt đảng (10-SHĐ)"))
    return doc


def _photo(person: Person) -> bytes | None:
    latest = latest_photo(person)
    return bytes(latest.image) if latest else None


def _file_fields(person: Person, day: dt.date) -> list[tuple[str, str]]:
    spell = MemberSpell.objects.filter(person=person, valid_from__lte=day).order_by("-valid_from").first()
    detail = details_on(person, day)
    rows = [("1. Họ và tên đang dùng:", person.full_name), ("2. Họ và tên khai sinh:", str(detail["birth_name"] or person.full_name)),
            ("3. Tên gọi khác:", str(detail["other_names"])),
            ("4. Giới tính:", L.SEX.get(person.sex, person.sex)), ("5. Sinh ngày:", P.short_date(person.birth_date))]
    rows += [(f"{n}. {MF.BY_COLUMN[c].label}:", _shown(detail, c)) for n, c in enumerate(
        ("noi_sinh", "que_quan", "noi_thuong_tru", "noi_tam_tru", "dan_toc", "ton_giao", "thanh_phan_gia_dinh", "nghe_nghiep",
         "gdpt", "trinh_do_chuyen_mon", "chuyen_nganh", "hoc_ham", "trinh_do_llct", "ngoai_ngu", "tin_hoc",
         "tieng_dan_toc", "ngay_vao_doan"), start=6)]
    rows += [("23. Ngày vào Đảng:", P.short_date(admitted_on(person))),
             ("24. Ngày chính thức:", P.short_date(spell.official_date) if spell and spell.official_date else ""),
             ("25. Chi bộ sinh hoạt:", _cell_name(spell.cell_id if spell else None, day)),
             ("26. Chức vụ:", _shown(detail, "chuc_vu")),
             ("27. Số thẻ đảng viên:", spell.card_no if spell else ""), ("28. Số lý lịch:", person.file_no),
             ("29. Ngày nhập ngũ, xuất ngũ:", " – ".join(P.short_date(x) for x in (person.enlistment_date, person.discharge_date))
              if person.enlistment_date else "")]
    return rows


def _closing(place: str, day: dt.date, left: str, right: str) -> tuple[list, list]:
    return ([(left, True, False), ("(Ký, đóng dấu)", False, True)],
            [(f"{place or '…………'}, {P.long_date(day)}", False, True), (right, True, False), ("(Ký, ghi rõ họ tên)", False, True)])


def _plain_header(person_cell_id: int | None, day: dt.date) -> Header:
    """The header of a form about one member: the committee the member belongs to, no number."""
    from dangbo.orgs.models import Org

    org = Org.objects.filter(pk=person_cell_id).first() if person_cell_id is not None else None
    if org is None:
        return Header("", "", "", "", "Đảng ủy", "", day, False)
    return committee_header(org, day, "")


def member_sheet(person: Person, day: dt.date) -> Document:
    """Phiếu đảng viên (2-HSĐV)."""
    spell = MemberSpell.objects.filter(person=person, valid_from__lte=day).order_by("-valid_from").first()
    head = _plain_header(spell.cell_id if spell else None, day)
    doc = Document(head, "PHIẾU ĐẢNG VIÊN", person.full_name, captions=False, form_code="Mẫu 2-HSĐV")
    if photo := _photo(person):
        doc.blocks.append(("image", photo, 3.0))
    doc.blocks.append(("fields", _file_fields(person, day)))
    doc.closing = _closing(head.place, day, "XÁC NHẬN CỦA CẤP ỦY", "NGƯỜI KHAI")
    return doc


def life_record(person: Person, day: dt.date) -> Document:
    """Lý lịch đảng viên: the file, the work history and the family."""
    spell = MemberSpell.objects.filter(person=person, valid_from__lte=day).order_by("-valid_from").first()
    head = _plain_header(spell.cell_id if spell else None, day)
    doc = Document(head, "LÝ LỊCH ĐẢNG VIÊN", person.full_name, captions=False, form_code=f"Số lý lịch: {person.file_no or '……'}")
    if photo := _photo(person):
        doc.blocks.append(("image", photo, 3.0))
    doc.blocks.append(("heading", "I. SƠ LƯỢC LÝ LỊCH"))
    doc.blocks.append(("fields", _file_fields(person, day)))
    doc.blocks.append(("heading", "II. QUÁ TRÌNH CÔNG TÁC"))
    work = [[f"{w.from_month:%m/%Y}", f"{w.to_month:%m/%Y}" if w.to_month else "nay", w.content]
            for w in person.work_history.current().order_by("from_month", "id")]
    doc.blocks.append(("table", ["Từ tháng", "Đến tháng", "Công việc, chức vụ, đơn vị"], work or [["", "", ""]]))
    doc.blocks.append(("heading", "III. QUAN HỆ GIA ĐÌNH"))
    family = [[f.relation, f.full_name, str(f.birth_year or ""), f.content] for f in person.family.current().order_by("id")]
    doc.blocks.append(("table", ["Quan hệ", "Họ và tên", "Năm sinh", "Quê quán, nơi ở, nghề nghiệp, thái độ chính trị"],
                       family or [["", "", "", ""]]))
    doc.closing = _closing(head.place, day, "XÁC NHẬN CỦA CẤP ỦY", "NGƯỜI KHAI")
    return doc


# The moves the register's columns show, in the year up to its day.
BOOK_MOVES = ("chuyen_di", "chuyen_den", "chuyen_noi_bo", "tu_tran", "xoa_ten", "khai_tru")
# 7-HSĐV's columns on the 24.7 cm of a landscape page, in cm
BOOK_WIDTHS = (0.9, 3.2, 2.4, 2.2, 3.2, 2.0, 2.2, 2.2, 1.4, 1.4, 1.2, 1.2, 1.2)


def member_book(version: OrgVersion, day: dt.date) -> Document:
    """Sổ danh sách đảng viên (7-HSĐV) of a unit on `day`: those in it that day, and those
    who left it earlier that year (with the day and how). Read a few queries for the whole
    unit, not a few per member."""
    cells = list(OrgVersion.objects.filter(on(day), path__startswith=version.path).values_list("org_id", flat=True))
    year_start = day.replace(month=1, day=1)
    spells = (MemberSpell.objects.filter(cell_id__in=cells, valid_from__lte=day)
              .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=year_start))
              .select_related("person").order_by("person__sort_name", "valid_from"))
    latest: dict[int, MemberSpell] = {}
    for s in spells:
        latest[s.person_id] = s
    ids = list(latest)
    events: dict[int, dict[str, dt.date]] = {}
    for pid, kind, date in (MemberEvent.objects.filter(person_id__in=ids, voided_at__isnull=True, date__gte=year_start,
                                                       date__lte=day, kind__in=BOOK_MOVES)
                            .order_by("date").values_list("person_id", "kind", "date")):
        events.setdefault(pid, {})[kind] = date
    admitted = admitted_on_many(ids)
    earlier = values_changed_after(day, [d.column for d in MF.ALL], ids)
    rows = []
    for n, s in enumerate(latest.values(), start=1):
        p, ev = s.person, events.get(s.person_id, {})
        d = {det.field: earlier.get((p.pk, det.column), getattr(p, det.field)) for det in MF.ALL}
        gone = s.valid_to is not None and s.valid_to <= day
        rows.append([str(n), p.full_name,
                     " / ".join(x for x in (L.SEX.get(p.sex, ""), _shown(d, "dan_toc"), _shown(d, "ton_giao")) if x),
                     str(d["hometown"]),
                     " / ".join(x for x in (_shown(d, "gdpt"), _shown(d, "trinh_do_llct"), _shown(d, "trinh_do_chuyen_mon"),
                                            str(d["foreign_language"])) if x),
                     str(d["occupation"]),
                     f"{P.short_date(admitted.get(p.pk))} / {P.short_date(s.official_date) if s.official_date else ''}",
                     f"{s.card_no} / {p.file_no}",
                     P.short_date(ev["chuyen_di"]) if "chuyen_di" in ev else
                     (P.short_date(ev["chuyen_noi_bo"]) if "chuyen_noi_bo" in ev and gone else ""),
                     P.short_date(ev.get("chuyen_den") or (ev.get("chuyen_noi_bo") if not gone else None)) if
                     ("chuyen_den" in ev or ("chuyen_noi_bo" in ev and not gone)) else "",
                     P.short_date(ev["tu_tran"]) if "tu_tran" in ev else "",
                     P.short_date(ev.get("xoa_ten") or ev.get("khai_tru")) if ("xoa_ten" in ev or "khai_tru" in ev) else "",
                     "Dự bị" if s.status == "du_bi" else ""])
    root = OrgVersion.objects.filter(on(day), org_id=int(version.path.strip("/").split("/")[0])).first()
    settings = document_settings(root.org if root else None)
    head = Header(settings["co_quan_cap_tren"], version.name.upper(), settings["dia_danh"], "", "Đảng ủy", version.name,
                  day, False)
    doc = Document(head, "SỔ DANH SÁCH ĐẢNG VIÊN", f"{version.name} — đến ngày {day:%d/%m/%Y}", landscape=True,
                   captions=False, form_code="Mẫu 7-HSĐV")
    doc.blocks.append(("table", ["STT", "Họ và tên", "Giới tính / dân tộc / tôn giáo", "Quê quán",
                                 "Văn hóa / lý luận / chuyên môn / ngoại ngữ", "Nghề nghiệp", "Vào Đảng / chính thức",
                                 "Số thẻ / số lý lịch", "Chuyển đi", "Chuyển đến", "Từ trần", "Ra khỏi Đảng", "Ghi chú"],
                       rows or [[""] * 13], BOOK_WIDTHS, 10))
    doc.closing = _closing(head.place, day, "", "T/M CẤP ỦY")
    return doc


def supplement(person: Person, day: dt.date) -> Document:
    """Phiếu bổ sung hồ sơ đảng viên of `day`'s year: what changed in the member's file that
    year (the details kept by date, the posts begun), for the file kept at the committee."""
    year = day.year
    spell = MemberSpell.objects.filter(person=person, valid_from__lte=day).order_by("-valid_from").first()
    head = _plain_header(spell.cell_id if spell else None, min(day, timezone.localdate()))
    doc = Document(head, "PHIẾU BỔ SUNG HỒ SƠ ĐẢNG VIÊN", f"Năm {year}", captions=False)
    doc.blocks.append(("fields", [("Họ và tên:", person.full_name), ("Sinh ngày:", P.short_date(person.birth_date)),
                                  ("Chi bộ sinh hoạt:", _cell_name(spell.cell_id if spell else None, day)),
                                  ("Số thẻ đảng viên:", spell.card_no if spell else ""), ("Số lý lịch:", person.file_no)]))
    rows = []
    for change in person.detail_changes.filter(date__year=year).order_by("date", "id"):
        detail = MF.BY_COLUMN.get(change.column)
        if detail is not None:
            rows.append([P.short_date(change.date), detail.label, MF.shown(detail, value_of(detail, change.before)),
                         MF.shown(detail, value_of(detail, change.after))])
    for w in person.work_history.current().filter(from_month__year=year).order_by("from_month", "id"):
        rows.append([f"{w.from_month:%m/%Y}", "Công tác", "", w.content])
    doc.blocks.append(("heading", "NHỮNG THAY ĐỔI TRONG NĂM"))
    doc.blocks.append(("table", ["Ngày", "Nội dung", "Trước", "Sau"], rows or [["", "Không có thay đổi", "", ""]],
                       (2.6, 4.4, 4.5, 4.5)))
    doc.closing = _closing(head.place, min(day, timezone.localdate()), "XÁC NHẬN CỦA CẤP ỦY", "NGƯỜI KHAI")
    return doc
