"""The access matrix: every URL pattern and every API operation of the project, for every
persona, on objects inside and outside a secretary's unit. A URL or operation with no entry
here fails the test, so nothing new is published without deciding who may use it.

Objects: D1's subtree (D1, C1, P1) is secretary A's; S1 (S1, P4, candidate P5) is
secretary B's. The board officer, the inspector and the leadership reach the whole root R1.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from dangbo.accounts.services import issue_token

from .personas import sign_in

ANON, OUT = "anonymous", "outsider"
PERSONAS = ("admin", "board", "inspector", "secretary_a", "secretary_b", "leader", OUT, ANON)
SIGNED_IN = frozenset(PERSONAS) - {ANON}
BLOC = frozenset({"admin", "board", "inspector", "leader"})  # the whole root
SEES_A = BLOC | {"secretary_a"}
SEES_B = BLOC | {"secretary_b"}
WRITERS = frozenset({"admin", "board", "secretary_a", "secretary_b"})
BLOC_WRITERS = frozenset({"admin", "board"})
CONFIDENTIAL = frozenset({"admin", "inspector"})  # inspection and discipline records


def page(allowed, denied: int = 404):
    """200 for `allowed`, `denied` for other signed-in users, the sign-in page for anonymous."""
    return {p: 200 if p in allowed else (302 if p == ANON else denied) for p in PERSONAS}


def same(status: int):
    return {p: status for p in PERSONAS}


def redirect_if(allowed, denied: int = 404):
    return {p: 302 if p in allowed or p == ANON else denied for p in PERSONAS}


D = dt.date
Q = "?goc=R1&nhiem_ky=2015-2020"
NO_UPLOAD = "3f1e5a56-0c1b-4a57-9a51-6f1f2b0d6c11"
# url name -> [(method, path, data, expected status per persona)]
MATRIX: dict[str, list[tuple[str, str, dict | None, dict[str, int]]]] = {
    "health": [("get", "/health", None, same(200))],
    "dang-nhap": [("get", "/dang-nhap/", None, same(200))],
    "dang-xuat": [("get", "/dang-xuat/", None, same(405)), ("post", "/dang-xuat/", {}, same(302))],
    "xac-thuc-hai-buoc": [("get", "/xac-thuc/", None, page(SIGNED_IN))],
    "dashboard": [("get", "/", None, page(SIGNED_IN))],
    "org-tree": [("get", "/to-chuc/", None, page(SIGNED_IN))],
    "org-detail": [("get", "/to-chuc/D1/?ngay=2016-12-31", None, page(SEES_A)),
                   ("get", "/to-chuc/S1/?ngay=2016-12-31", None, page(SEES_B))],
    "org-by-id": [("get", "/to-chuc/id/{S1}/?ngay=2016-12-31", None, redirect_if(SEES_B))],
    "meeting-hold": [("get", "/to-chuc/C1/sinh-hoat/?ngay=2016-12-31", None, page(SEES_A & WRITERS, 403) | {p: 404 for p in ("secretary_b", OUT)}),
                     ("post", "/to-chuc/S1/sinh-hoat/", {"ngay": "2016-12-{i:02d}", "danh_sach_ngay": "2016-12-{i:02d}", "loai": "thuong_ky",
                                                        "dv_P4": "co_mat", "dv_P5": "co_mat"},
                      page(set(), 403) | {p: 302 for p in ("admin", "board", "secretary_b")} | {p: 404 for p in ("secretary_a", OUT)})],
    "cell-meetings": [("get", "/to-chuc/C1/cac-buoi-sinh-hoat/?ngay=2016-12-31", None, page(SEES_A)),
                      ("get", "/to-chuc/S1/cac-buoi-sinh-hoat/?ngay=2016-12-31", None, page(SEES_B))],
    "why-visible": [("get", "/to-chuc/C1/vi-sao/?ngay=2016-12-31", None, page(SEES_A)),
                    ("get", "/to-chuc/S1/vi-sao/?ngay=2016-12-31", None, page(SEES_B))],
    "org-event": [("get", "/to-chuc/bien-dong/", None, page(WRITERS, 403)),
                  ("post", "/to-chuc/bien-dong/", {"loai": "doi_ten", "ngay": "2018-01-{i:02d}", "ma": "S1", "ten": "Chi bộ Điện lực {i}"},
                   {**page(WRITERS - {"secretary_a"}, 403), "secretary_a": 404, "admin": 302, "board": 302, "secretary_b": 302})],
    "member-list": [("get", "/dang-vien/?ngay=2016-12-31", None, page(SIGNED_IN))],
    "member-detail": [("get", "/dang-vien/P1/?ngay=2016-12-31", None, page(SEES_A)),
                      ("get", "/dang-vien/P4/?ngay=2016-12-31", None, page(SEES_B))],
    "member-edit": [("get", "/dang-vien/P1/sua/", None, page(SEES_A & WRITERS, 403) | {"secretary_b": 404})],
    "member-by-id": [("get", "/dang-vien/id/{P4}/?ngay=2016-12-31", None, redirect_if(SEES_B))],
    "member-event": [("get", "/dang-vien/bien-dong/", None, page(WRITERS, 403)),
                     ("post", "/dang-vien/bien-dong/", {"loai": "huy_hieu", "ngay": "2017-01-05", "ma_nguoi": "P4", "so_nam": 30},
                      # a member outside the reach is refused on the form as an unknown code is
                      {**page(WRITERS, 403), "admin": 400, "board": 400, "secretary_a": 400, "secretary_b": 400})],
    "candidate-open": [("get", "/quan-chung/moi/", None, page(WRITERS, 403)),
                       # P6 is attached to no unit; a secretary opens a file for them in their own cell, not in another's
                       ("post", "/quan-chung/moi/", {"ma_to_chuc": "S1", "ngay_mo_ho_so": "2018-0{i}-01", "ma_nguoi": "Q{i}",
                                                     "ho_ten": "Lò Thị Mai {i}", "ngay_sinh": "1998-02-02", "gioi_tinh": "nu"},
                        {**page(set(), 403), "admin": 302, "board": 302, "secretary_b": 302, "secretary_a": 400})],
    "member-event-void": [("post", "/dang-vien/bien-dong/{event_P4}/huy/", {"ly_do": "Ghi nhầm"},
                           {**page(WRITERS - {"secretary_a"}, 403), "secretary_a": 404, "admin": 302, "board": 302, "secretary_b": 302})],
    "member-event-correct": [("get", "/dang-vien/bien-dong/{event_P5}/sua/", None,
                              {**page(WRITERS - {"secretary_a"}, 403), "secretary_a": 404})],
    "org-event-void": [("post", "/to-chuc/bien-dong/{org_event_S1}/huy/", {"ly_do": "Ghi nhầm"},
                        {**page(WRITERS - {"secretary_a"}, 403), "secretary_a": 404, OUT: 404, "admin": 302, "board": 302,
                         "secretary_b": 302})],
    # the first writer voids the report, the next finds it gone; the forms of a correction by reach
    "record-void": [("post", "/huy/hoc-tap/{study_D1}/", {"ly_do": "Ghi nhầm"},
                     {**page(set(), 403), "admin": 302, "board": 404, "secretary_a": 404, "secretary_b": 404})],
    "record-correct": [("get", "/sua/khen-thuong/{award_P1}/", None, {**page(SEES_A & WRITERS, 403), "secretary_b": 404}),
                       ("get", "/sua/ky-luat/{disc_P4}/", None, page(CONFIDENTIAL, 403)),
                       ("get", "/sua/lop-hoc/{class_L1}/", None, {**page(BLOC_WRITERS, 403), "secretary_a": 404, "secretary_b": 404})],
    # the pickers answer everyone signed in, each with what their reach holds (tested apart)
    "pick-person": [("get", "/tim/nguoi/?ma_nguoi=P4", None, page(SIGNED_IN))],
    "pick-unit": [("get", "/tim/don-vi/?ma=S", None, page(SIGNED_IN))],
    # the bloc's officers issue reports and set how they are printed; leadership reads them
    "report-issue": [("post", "/bao-cao/ban-hanh/" + Q, {}, {**page(set(), 404), "admin": 302, "board": 302, "inspector": 403,
                                                          "leader": 403, "secretary_a": 403, "secretary_b": 403, OUT: 403})],
    "report-issued": [("get", "/bao-cao/da-ban-hanh/{issued}/pdf/", None, page(BLOC))],
    "document-settings": [("get", "/to-chuc/R1/van-ban/", None, {**page(BLOC_WRITERS, 404), "leader": 403, "inspector": 403})],
    "candidate-list": [("get", "/quan-chung/", None, page(SIGNED_IN))],
    "candidate-detail": [("get", "/quan-chung/{cand_P5}/?ngay=2015-05-01", None, page(SEES_B))],
    # every writer imports, each row judged by their reach (exchange/reach.py)
    "import-wizard": [("get", "/nhap-du-lieu/", None, page(WRITERS, 403))],
    "import-template": [("get", "/nhap-du-lieu/mau.xlsx", None, page(SIGNED_IN))],
    "import-annotated": [("get", "/nhap-du-lieu/khong-co/loi.xlsx", None, page(set(), 403) | {p: 404 for p in WRITERS})],
    # an upload is its sender's alone: another user's (here none) is a 404
    "import-status": [("get", "/nhap-du-lieu/" + NO_UPLOAD + "/", None, page(set(), 403) | {p: 404 for p in WRITERS})],
    "import-confirm": [("post", "/nhap-du-lieu/" + NO_UPLOAD + "/xac-nhan/", {}, page(set(), 403) | {p: 404 for p in WRITERS})],
    "audit-log": [("get", "/nhat-ky/", None, page({"admin"}, 403))],
    "report": [("get", "/bao-cao/" + Q, None, page(BLOC))],
    # the statistics of a unit for everyone who sees it; who a figure of ethnicity or religion
    # counts only for the roles that read those details (Decree 13/2023/NĐ-CP)
    "stats": [("get", "/thong-ke/?don_vi=R1&ngay=31/12/2016", None, page(BLOC)),
              ("get", "/thong-ke/?don_vi=S1&ngay=31/12/2016", None, page(SEES_B))],
    "stats-members": [("get", "/thong-ke/danh-sach/?don_vi=R1&ngay=31/12/2016&chi_so=gioi_tinh.nu", None, page(BLOC)),
                      ("get", "/thong-ke/danh-sach/?don_vi=R1&ngay=31/12/2016&chi_so=dan_toc.kinh", None,
                       {**page({"admin", "board"}), "inspector": 403, "leader": 403}),
                      ("get", "/thong-ke/danh-sach/?don_vi=S1&ngay=31/12/2016&chi_so=ton_giao.chua_ro", None,
                       {**page({"admin", "board", "secretary_b"}), "inspector": 403, "leader": 403})],
    "stats-download": [("get", "/thong-ke/tai-ve/xlsx/?don_vi=R1&ngay=31/12/2016", None, page(BLOC))],
    "member-file-unclear": [("get", "/dang-vien/ho-so-can-sua/", None, page(SIGNED_IN))],
    # the lines of a member's file: the writers who reach the member (the family too: they are
    # the roles that read it); the photo for whoever sees the member
    "member-work-history-add": [("post", "/dang-vien/P4/qua-trinh-cong-tac/", {"tu_thang": "09/2010", "noi_dung": "Kế toán {i}"},
                                 {**page(set(), 404), "admin": 302, "board": 302, "secretary_b": 302})],
    "member-family-add": [("post", "/dang-vien/P4/gia-dinh/", {"quan_he": "Mẹ", "ho_ten": "Lò Thị Ón {i}"},
                           {**page(set(), 404), "admin": 302, "board": 302, "secretary_b": 302})],
    "member-photo-upload": [("post", "/dang-vien/P4/anh/", {}, {**page(set(), 404), "admin": 302, "board": 302, "secretary_b": 302})],
    "member-photo": [("get", "/dang-vien/P4/anh.jpg", None, page(SEES_B))],
    # papers: a member's sheet and life record, a unit's register hold sensitive details (the
    # writing roles); an event's decision or letter is printed by whoever writes about the member
    "member-paper": [("get", "/dang-vien/P4/in/phieu-dang-vien/pdf/", None,
                      {**page({"admin", "board", "secretary_b"}), "inspector": 403, "leader": 403})],
    "member-event-paper": [("get", "/dang-vien/bien-dong/{event_P5_recognised}/in/pdf/", None,
                            page({"admin", "board", "secretary_b"}))],
    "unit-member-book": [("get", "/to-chuc/S1/so-danh-sach/pdf/?ngay=2016-12-31", None,
                          {**page({"admin", "board", "secretary_b"}), "inspector": 403, "leader": 403})],
    "term-progress": [("get", "/nhiem-ky/?nhiem_ky=2015-2020", None, page(BLOC))],
    "report-download": [("get", "/bao-cao/tai-ve/xlsx/" + Q, None, page(BLOC))],
    "report-figure": [("get", "/bao-cao/chi-so/dang_vien.nu/" + Q, None, page(BLOC)),
                      ("get", "/bao-cao/chi-so/ky_luat.dang_vien/" + Q, None, page(CONFIDENTIAL, 403) | {
                          p: 404 for p in SIGNED_IN - BLOC}),
                      # finding 3: an expulsion is a discipline; its list is as confidential
                      ("get", "/bao-cao/chi-so/dang_vien.khai_tru/" + Q, None, page(CONFIDENTIAL, 403) | {
                          p: 404 for p in SIGNED_IN - BLOC})],
    "term-new": [("post", "/nhiem-ky/moi/", {"ma": "T{i}", "ma_to_chuc": "R1", "tu_ngay": "2030-01-01", "den_ngay": "2035-01-01"},
                  {**page(BLOC_WRITERS, 404), "inspector": 403, "leader": 403, "admin": 302, "board": 302})],
    "target-add": [("post", "/nhiem-ky/2015-2020/chi-tieu/", {"stt": "{i}0", "noi_dung": "Chỉ tiêu {i}", "dat": "1"},
                    {**page(BLOC_WRITERS, 404), "inspector": 403, "leader": 403, "admin": 302, "board": 302})],
    "target-judge": [("get", "/nhiem-ky/chi-tieu/{target2}/", None,
                      {**page(BLOC_WRITERS, 404), "inspector": 403, "leader": 403, "admin": 302, "board": 302})],
    "meeting-detail": [("get", "/sinh-hoat/SH1/", None, page(SEES_A))],
    "class-list": [("get", "/lop-hoc/", None, page(SIGNED_IN)),
                   ("post", "/lop-hoc/", {"ma": "LX{i}", "ten": "Lớp {i}", "loai": "nghiep_vu", "tu_ngay": "2017-02-{i:02d}", "ma_to_chuc": "S1"},
                    page(set()) | {p: 302 for p in ("admin", "board", "secretary_b")})],
    "class-detail": [("get", "/lop-hoc/L1/", None, page(SEES_B))],
    "study": [("get", "/hoc-tap/", None, page(SIGNED_IN)),
              ("post", "/hoc-tap/", {"ma_dot": "NQ{i}", "ngay": "2017-02-01", "ma_to_chuc": "S1", "dv_tong": 2, "dv_tham_gia": 2,
                                     "cnvc_tong": 9, "cnvc_tham_gia": 9},
               page(set()) | {p: 302 for p in ("admin", "board", "secretary_b")})],
    "ratings": [("get", "/danh-gia/?nam=2016", None, page(SIGNED_IN))],
    "rating-grid": [("get", "/danh-gia/2016/D1/", None, page(SEES_A)), ("get", "/danh-gia/2016/S1/", None, page(SEES_B))],
    "rating-calibration": [("get", "/danh-gia/2016/R1/so-sanh/", None, page(BLOC))],
    "rating-close": [("get", "/danh-gia/2016/R1/khoa/", None, redirect_if(BLOC)),
                     ("post", "/danh-gia/2016/R1/khoa/", {}, {**redirect_if(BLOC), "inspector": 403, "leader": 403})],
    "inspections": [("get", "/kiem-tra/", None, page(CONFIDENTIAL, 403))],
    "inspection-conclude": [("get", "/kiem-tra/{ins}/ket-luan/", None, {**redirect_if(CONFIDENTIAL, 403)})],
    "awards": [("get", "/khen-thuong/", None, page(SIGNED_IN))],
    # an empty form: refused by the form for writers (400), nothing to do for the others
    "inspection-record": [("post", "/kiem-tra/ghi-kiem-tra/", {}, {**page(CONFIDENTIAL, 403), "admin": 400, "inspector": 400})],
    "discipline-record": [("post", "/kiem-tra/ghi-ky-luat/", {}, {**page(CONFIDENTIAL, 403), "admin": 400, "inspector": 400})],
    "award-record": [("post", "/khen-thuong/ghi/", {}, {**page(set(), 404), **{p: 400 for p in WRITERS}})],
    "award-decide": [("get", "/khen-thuong/{award_P1}/ket-qua/", None, redirect_if(SEES_A & WRITERS))],
}

# A write on S1 (secretary B's): the read-only roles are refused, secretary A does not see S1.
S1_WRITE = {**page(WRITERS - {"secretary_a"}, 403), "secretary_a": 404}
# API operations (method, path) -> [(path with values, body, expected per persona)]; anonymous is 401.
API = {
    ("get", "/api/units"): [("/api/units", None, same(200))],
    ("get", "/api/units/{code}"): [("/api/units/D1?ngay=2016-12-31", None, page(SEES_A)),
                                   ("/api/units/S1?ngay=2016-12-31", None, page(SEES_B))],
    ("get", "/api/members"): [("/api/members?ngay=2016-12-31", None, same(200))],
    ("get", "/api/members/{code}/events"): [("/api/members/P1/events", None, page(SEES_A)),
                                            ("/api/members/P4/events", None, page(SEES_B))],
    ("get", "/api/metrics"): [("/api/metrics" + Q.replace("?goc", "?goc"), None, page(BLOC))],
    ("post", "/api/member-events"): [("/api/member-events", {"loai": "huy_hieu", "ngay": "2017-01-05", "ma_nguoi": "P4", "so_nam": 30},
                                      {**page(WRITERS - {"secretary_a"}, 403), "secretary_a": 404, "admin": 422, "board": 422,
                                       "secretary_b": 422})],
    ("post", "/api/org-events"): [("/api/org-events", {"loai": "doi_ten", "ngay": "2018-02-{i:02d}", "ma": "S1", "ten": "Chi bộ Điện {i}"},
                                   {**page(WRITERS - {"secretary_a"}, 403), "secretary_a": 404, "admin": 201, "board": 201,
                                    "secretary_b": 201})],
    ("post", "/api/persons"): [("/api/persons", {"ma": "N{i}", "ho_ten": "Lò Văn Nọi {i}", "ngay_sinh": "1990-01-01", "gioi_tinh": "nam"},
                                {**page(WRITERS, 403), "admin": 201, "board": 201, "secretary_a": 201, "secretary_b": 201})],
    ("get", "/api/persons/{code}"): [("/api/persons/P1", None, page(SEES_A)), ("/api/persons/P4", None, page(SEES_B))],
    ("get", "/api/persons/{code}/file"): [("/api/persons/P4/file", None, page(SEES_B))],
    ("post", "/api/persons/{code}/work-history"): [("/api/persons/P4/work-history", {"tu_thang": "09/2010", "noi_dung": "Kế toán {i}"},
                                                    {**S1_WRITE, "admin": 201, "board": 201, "secretary_b": 201})],
    ("post", "/api/persons/{code}/family"): [("/api/persons/P4/family", {"quan_he": "Mẹ", "ho_ten": "Lò Thị Ón {i}"},
                                              {**S1_WRITE, "admin": 201, "board": 201, "secretary_b": 201})],
    # a body without the picture is refused before anyone's rights are asked about
    ("post", "/api/persons/{code}/photo"): [("/api/persons/P4/photo", {}, same(422))],
    ("get", "/api/stats/{code}"): [("/api/stats/R1?ngay=2016-12-31", None, page(BLOC)),
                                   ("/api/stats/S1?ngay=2016-12-31", None, page(SEES_B))],
    ("patch", "/api/persons/{code}"): [("/api/persons/P4", {"chuc_vu": "Kế toán {i}"},
                                        {**S1_WRITE, "admin": 200, "board": 200, "secretary_b": 200})],
    # P6 is attached to no unit: only whole-root officers open a file for them in S1 (secretary B as the cell's writer too)
    ("post", "/api/candidates"): [("/api/candidates", {"ma_nguoi": "P6", "ma_to_chuc": "S1", "ngay_mo_ho_so": "2018-0{i}-01"},
                                   {**S1_WRITE, "admin": 201, "board": 422, "secretary_b": 422})],
    # wrong events of P4 and P5 (S1, secretary B's): the first writer voids or corrects it, the next finds it done
    ("post", "/api/member-events/{event_id}/void"): [("/api/member-events/{event_P4}/void", {"ly_do": "Ghi nhầm"},
                                                       {**S1_WRITE, "admin": 201, "board": 422, "secretary_b": 422})],
    ("post", "/api/member-events/{event_id}/correct"): [("/api/member-events/{event_P5}/correct", {"ly_do": "Sai ngày", "ngay": "2017-02-0{i}"},
                                                          {**S1_WRITE, "admin": 201, "board": 422, "secretary_b": 422})],
    ("post", "/api/org-events/{event_id}/void"): [("/api/org-events/{org_event_S1}/void", {"ly_do": "Ghi nhầm"},
                                                    {**S1_WRITE, OUT: 404, "admin": 201, "board": 422, "secretary_b": 422})],
    ("get", "/api/classes"): [("/api/classes", None, same(200))],
    ("post", "/api/classes"): [("/api/classes", {"ma": "AX{i}", "ten": "Lớp {i}", "loai": "nghiep_vu", "tu_ngay": "2017-02-01", "ma_to_chuc": "S1"},
                                S1_WRITE | {"admin": 201, "board": 201, "secretary_b": 201})],
    ("post", "/api/classes/{code}/enrolments"): [("/api/classes/L1/enrolments", {"ma_nguoi": ["P4"]},
                                                  S1_WRITE | {"admin": 201, "board": 422, "secretary_b": 422})],
    ("post", "/api/classes/{code}/results"): [("/api/classes/L1/results", [{"ma_nguoi": "P5", "ket_qua": "hoan_thanh"}],
                                               S1_WRITE | {"admin": 201, "board": 201, "secretary_b": 201})],
    ("get", "/api/study"): [("/api/study", None, same(200))],
    ("post", "/api/study"): [("/api/study", {"ma_dot": "NQ{i}", "ngay": "2017-02-01", "ma_to_chuc": "S1", "dv_tong": 2, "dv_tham_gia": 2,
                                             "cnvc_tong": 9, "cnvc_tham_gia": 9}, S1_WRITE | {"admin": 201, "board": 201, "secretary_b": 201})],
    ("get", "/api/ratings/{year}/{code}"): [("/api/ratings/2016/D1", None, page(SEES_A)), ("/api/ratings/2016/S1", None, page(SEES_B))],
    ("post", "/api/ratings/{year}/{code}"): [("/api/ratings/2016/S1", {"xep_loai": [{"ma": "P4", "xep_loai": "tot"}]},
                                              S1_WRITE | {"admin": 201, "board": 201, "secretary_b": 201, OUT: 404})],
    ("get", "/api/inspections"): [("/api/inspections", None, page(CONFIDENTIAL, 403))],
    ("post", "/api/inspections"): [("/api/inspections", {"ngay": "2017-03-{i:02d}", "hinh_thuc": "giam_sat", "ma_chu_the": "R1", "co_quan": "ubkt",
                                                         "doi_tuong": "dang_vien", "ma_doi_tuong": "P1"},
                                    {p: 201 if p in CONFIDENTIAL else 403 for p in PERSONAS})],
    ("post", "/api/disciplines"): [("/api/disciplines", {"ngay": "2017-03-01", "doi_tuong": "dang_vien", "ma_doi_tuong": "P1",
                                                         "hinh_thuc": "khien_trach", "ma_co_quan": "R1"},
                                    {p: 201 if p in CONFIDENTIAL else 403 for p in PERSONAS})],
    ("get", "/api/awards"): [("/api/awards", None, same(200))],
    ("post", "/api/awards"): [("/api/awards", {"ngay": "2017-02-01", "hinh_thuc": "giay_khen", "doi_tuong": "tap_the", "ma_doi_tuong": "S1",
                                               "so_quyet_dinh": "{i}"}, S1_WRITE | {"admin": 201, "board": 201, "secretary_b": 201})],
    ("post", "/api/awards/{award_id}/decision"): [("/api/awards/{award_P1}/decision", {"duoc_khen": True},
                                                   {**page(set(), 403), "secretary_b": 404, "admin": 422, "board": 422, "secretary_a": 422})],
    ("get", "/api/units/{code}/meetings"): [("/api/units/C1/meetings?tu=2015-01-01&den=2015-12-31", None, page(SEES_A))],
    ("post", "/api/meetings"): [("/api/meetings", {"ma_to_chuc": "S1", "ngay": "2017-02-{i:02d}", "loai": "thuong_ky", "du_sinh_hoat": {"P4": "co_mat"}},
                                 S1_WRITE | {"admin": 201, "board": 201, "secretary_b": 201, OUT: 404})],
    ("post", "/api/terms/{code}/targets"): [("/api/terms/2015-2020/targets", {"stt": "{i}0", "noi_dung": "Chỉ tiêu {i}", "dat": True},
                                             {**page(set(), 404), "inspector": 403, "leader": 403, "admin": 201, "board": 201})],
}


def _void_once(writers=WRITERS):
    """The first writer (the administrator) voids the record; the next writers find it gone."""
    return {p: 201 if p == "admin" else 404 if p in writers else 403 for p in PERSONAS}


def _refused_in_reach(reached, writers=WRITERS):
    """A correction refused by its form (422) for writers who reach the record, 404 for the others."""
    return {p: 422 if p in reached else 404 if p in writers else 403 for p in PERSONAS}


VOID = {"ly_do": "Ghi nhầm"}
for _api, _id, _writers in (("awards", "award_P1", WRITERS), ("inspections", "ins", CONFIDENTIAL),
                            ("disciplines", "disc_P4", CONFIDENTIAL), ("classes", "class_L1", WRITERS),
                            ("enrolments", "enrol_P6", WRITERS), ("rating-records", "rating_P1", WRITERS),
                            ("study-reports", "study_D1", WRITERS), ("terms", "term", WRITERS), ("targets", "target2", WRITERS),
                            ("candidates", "cand_P5", WRITERS), ("meetings", "meeting_SH1", WRITERS),
                            ("work-history", "work_P4", WRITERS), ("family", "family_P4", WRITERS)):
    API[("post", f"/api/{_api}/{{record_id}}/void")] = [(f"/api/{_api}/{{{_id}}}/void", VOID, _void_once(_writers))]
API.update({
    ("post", "/api/awards/{record_id}/correct"): [("/api/awards/{award_P1}/correct", {
        "ly_do": "Sai", "ngay": "2016-01-15", "hinh_thuc": "khong_co", "doi_tuong": "ca_nhan", "ma_doi_tuong": "P1"},
        _refused_in_reach(SEES_A & WRITERS))],
    ("post", "/api/inspections/{record_id}/correct"): [("/api/inspections/{ins}/correct", {
        "ly_do": "Sai", "ngay": "2015-10-01", "hinh_thuc": "khong_co", "ma_chu_the": "R1", "co_quan": "ubkt",
        "doi_tuong": "to_chuc", "ma_doi_tuong": "D1"}, _refused_in_reach(CONFIDENTIAL, CONFIDENTIAL))],
    ("post", "/api/disciplines/{record_id}/correct"): [("/api/disciplines/{disc_P4}/correct", {
        "ly_do": "Sai", "ngay": "2015-12-01", "doi_tuong": "dang_vien", "ma_doi_tuong": "P4", "hinh_thuc": "khong_co",
        "ma_co_quan": "S1"}, _refused_in_reach(CONFIDENTIAL, CONFIDENTIAL))],
    ("post", "/api/classes/{record_id}/correct"): [("/api/classes/{class_L1}/correct", {
        "ly_do": "Sai", "ten": "Lớp", "loai": "khong_co", "tu_ngay": "2015-03-01", "ma_to_chuc": "R1"},
        _refused_in_reach(BLOC_WRITERS))],
    ("post", "/api/study-reports/{record_id}/correct"): [("/api/study-reports/{study_D1}/correct", {
        "ly_do": "Sai", "ngay": "2015-11-01", "dv_tong": 1, "dv_tham_gia": 5, "cnvc_tong": 0, "cnvc_tham_gia": 0},
        _refused_in_reach(SEES_A & WRITERS))],
    ("post", "/api/targets/{record_id}/correct"): [("/api/targets/{target2}/correct", {"ly_do": "Sai", "stt": 1, "noi_dung": "Chỉ tiêu", "chi_so": "khong_co"},
                                                   _refused_in_reach(BLOC_WRITERS))],
})
API_PUBLIC = {("get", "/api/openapi.json"), ("get", "/api/docs")}  # the document itself, for anyone


def _fill(data, i: int):
    """The form or body for the i-th persona: a rename needs its own date and name each time."""
    if isinstance(data, list):
        return [_fill(d, i) for d in data]
    return {k: v.format(i=i) if isinstance(v, str) else v for k, v in (data or {}).items()}


def url_names(patterns=None, prefix="") -> set[str]:
    """Every named URL of the project, outside the API (which is checked by operation)."""
    names = set()
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(p, URLResolver):
            if str(p.pattern).startswith("api/"):
                continue
            names |= url_names(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern) and p.name:
            names.add(p.name)
    return names


def test_every_url_and_operation_has_an_entry():
    assert url_names() == set(MATRIX), "a URL without an entry in the access matrix"
    from dangbo.api import api

    ops = {(m.lower(), path) for path, item in api.get_openapi_schema(path_prefix="/api")["paths"].items() for m in item}
    assert ops == set(API), "an API operation without an entry in the access matrix"


def _ids():
    from dangbo.assessment.models import Rating
    from dangbo.awards.models import Award
    from dangbo.inspection.models import Discipline, Inspection
    from dangbo.meetings.models import Meeting
    from dangbo.members.models import Candidate, MemberEvent, Person
    from dangbo.orgs.models import Org
    from dangbo.study.models import StudyReport
    from dangbo.terms.models import Target, Term
    from dangbo.training.models import Enrolment, TrainingClass

    return {"S1": Org.objects.get(code="S1").pk, "P4": Person.objects.get(code="P4").pk,
            "cand_P5": Candidate.objects.get(person__code="P5").pk, "ins": Inspection.objects.order_by("pk").first().pk,
            "award_P1": Award.objects.get(subject_person__code="P1").pk, "target2": Target.objects.get(number=2).pk,
            "event_P4": _event("P4", "mien_sinh_hoat", D(2017, 1, 20)), "event_P5": _event("P5", "mien_sinh_hoat", D(2017, 1, 21)),
            "org_event_S1": _rename("S1", D(2017, 1, 22)), "disc_P4": Discipline.objects.get(subject_person__code="P4").pk,
            "class_L1": TrainingClass.objects.get(code="L1").pk, "rating_P1": Rating.objects.get(person__code="P1", year=2015).pk,
            "enrol_P6": Enrolment.objects.get(training_class__code="L1", person__code="P6").pk,
            "study_D1": StudyReport.objects.get(org__code="D1").pk, "term": Term.objects.get(code="2015-2020").pk,
            "meeting_SH1": Meeting.objects.get(code="SH1").pk, "issued": _issued(), **_file_lines(),
            "event_P5_recognised": MemberEvent.objects.get(person__code="P5", kind="chuyen_chinh_thuc").pk}


def _file_lines():
    """A line of P4's work history and family, and a photo, made once for the whole matrix."""
    from dangbo.audit.tests.test_every_service_audits import _jpeg
    from dangbo.members.models import FamilyMember, Person, Photo, WorkHistory

    p4 = Person.objects.get(code="P4")
    work = WorkHistory.objects.filter(person=p4, content="Dòng thử").first() or WorkHistory.objects.create(
        person=p4, from_month=D(2010, 9, 1), content="Dòng thử")
    family = FamilyMember.objects.filter(person=p4, full_name="Người thử").first() or FamilyMember.objects.create(
        person=p4, relation="Bố", full_name="Người thử")
    if not Photo.objects.filter(person=p4).exists():
        Photo.objects.create(person=p4, image=_jpeg(), uploaded_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    return {"work_P4": work.pk, "family_P4": family.pk}


def _issued():
    """A report of R1 issued once for the whole matrix."""
    from dangbo.reports.models import IssuedReport
    from dangbo.reports.services import issue_report, make_request

    found = IssuedReport.objects.filter(roots="R1").first()
    return (found or issue_report(user=None, req=make_request(roots=["R1"], term="2015-2020"), fmt="docx")[1]).pk


def _rename(code: str, day):
    """A rename of a unit to void, recorded once for the whole matrix."""
    from dangbo.orgs.models import OrgEvent
    from dangbo.orgs.services import record_org_event

    found = OrgEvent.objects.filter(org__code=code, kind="doi_ten", date=day).first()
    return (found or record_org_event(user=None, kind="doi_ten", org=code, date=day, name="Chi bộ Điện lực tỉnh")).pk


def _event(code: str, kind: str, day):
    """A member event to void or correct, recorded once for the whole matrix."""
    from dangbo.members.models import MemberEvent, Person
    from dangbo.members.services import record_member_event

    found = MemberEvent.objects.filter(person__code=code, kind=kind, date=day).first()
    if found is None:
        found = record_member_event(user=None, kind=kind, person=Person.objects.get(code=code), date=day)
    return found.pk


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_pages(name, people, client):
    ids = _ids()
    wrong = []
    for i, persona in enumerate(PERSONAS, start=1):
        for method, path, data, expected in MATRIX[name]:
            client.logout()
            if persona != ANON:
                sign_in(client, people[persona])
            response = getattr(client, method)(path.format(**ids), _fill(data, i))
            if response.status_code != expected[persona]:
                wrong.append(f"{persona} {method.upper()} {path}: {response.status_code}, cần {expected[persona]}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("operation", sorted(API), ids=lambda op: f"{op[0].upper()} {op[1]}")
def test_api(operation, people, client):
    keys = {p: issue_token(user=people[p], name="ma trận") for p in SIGNED_IN}
    wrong = []
    for i, persona in enumerate(PERSONAS, start=1):
        for path, body, expected in API[operation]:
            path = path.format(**_ids())
            auth = {"HTTP_AUTHORIZATION": f"Bearer {keys[persona]}"} if persona != ANON else {}
            if operation[0] == "get":
                response = client.get(path, **auth)
            else:
                response = getattr(client, operation[0])(path, _fill(body, i), content_type="application/json", **auth)
            want = 401 if persona == ANON else expected[persona]
            if response.status_code != want:
                wrong.append(f"{persona} {operation[0].upper()} {path}: {response.status_code}, cần {want}")
    assert not wrong, "\n".join(wrong)


def test_api_document_is_public(client, imported_bloc):
    for _method, path in API_PUBLIC:
        assert client.get(path).status_code == 200
