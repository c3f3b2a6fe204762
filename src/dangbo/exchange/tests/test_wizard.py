"""The import wizard: upload, every problem shown, annotated copy, confirm."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from dangbo.fixtures.workbooks import write_xlsx
from dangbo.members.models import Person


def upload(client, path, name=None):
    return client.post(reverse("import-wizard"), {"tep": SimpleUploadedFile(name or path.name, path.read_bytes())})


def test_errors_then_fixed_then_confirmed(as_user, tmp_path, settings):
    settings.DATA_DIR = tmp_path
    client = as_user("board")
    data = {"nguoi": [{"ma": "Q1", "ho_ten": "Ngô Văn Quý", "ngay_sinh": "31/02/1990", "gioi_tinh": "nam"}]}
    checked = upload(client, write_xlsx(data, tmp_path / "sai.xlsx"))
    page = checked.content.decode()
    assert "1 lỗi" in page and "Không phải ngày hợp lệ" in page and "ngay_sinh" in page
    link = next(part.split('"')[0] for part in page.split('href="')[1:] if "loi.xlsx" in part)
    annotated = client.get(link)
    wb = load_workbook(io.BytesIO(b"".join(annotated.streaming_content)))
    assert "Không phải ngày hợp lệ" in wb["nguoi"].cell(row=2, column=wb["nguoi"].max_column).value
    assert not Person.objects.filter(code="Q1").exists()
    data["nguoi"][0]["ngay_sinh"] = "28/02/1990"
    checked = upload(client, write_xlsx(data, tmp_path / "dung.xlsx"))
    page = checked.content.decode()
    assert "Không có lỗi" in page and not Person.objects.filter(code="Q1").exists()
    confirm = next(part.split('"')[0] for part in page.split('action="')[1:] if "xac-nhan" in part)
    done = client.post(confirm, follow=True).content.decode()
    assert "Đã nhập xong" in done and Person.objects.filter(code="Q1").exists()
    again = upload(client, tmp_path / "dung.xlsx").content.decode()
    assert "đã được nhập trước đây" in again


def test_zip_of_csv_files_and_wrong_kinds(as_user, tmp_path, settings):
    settings.DATA_DIR = tmp_path
    client = as_user("admin")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("nguoi.csv", "ma,ho_ten,ngay_sinh,gioi_tinh\nQ2,Lý Thị Mai,1991-05-05,nu\n")
    page = client.post(reverse("import-wizard"), {"tep": SimpleUploadedFile("thang1.zip", buf.getvalue())}).content.decode()
    assert "Không có lỗi" in page
    wrong = client.post(reverse("import-wizard"), {"tep": SimpleUploadedFile("a.txt", b"x")})
    assert wrong.status_code == 400 and "Chỉ nhận" in wrong.content.decode()


def test_template_and_access(as_user, tmp_path, settings):
    settings.DATA_DIR = tmp_path
    wb = load_workbook(io.BytesIO(b"".join(as_user("board").get(reverse("import-template")).streaming_content)))
    assert wb["nguoi"]["A1"].value == "Mã người" and len(wb.sheetnames) == 17 + 2  # and the guide, the lists
    assert as_user("leader").get(reverse("import-wizard")).status_code == 403


# ---- issue 19, finding 5: uploads bounded, removed, checked without a lock, run in the background
def _files(folder):
    uploads = folder / "uploads"
    return sorted(p.name.split(".", 1)[1] if "." in p.name else "(thư mục)" for p in uploads.iterdir()) if uploads.exists() else []


def test_finding_5_a_refused_upload_keeps_only_its_annotated_copy(as_user, tmp_path, settings):
    settings.DATA_DIR = tmp_path
    bad = write_xlsx({"nguoi": [{"ma": "Q1", "ho_ten": "Ngô Văn Quý", "ngay_sinh": "31/02/1990", "gioi_tinh": "nam"}]},
                     tmp_path / "sai.xlsx")
    assert upload(as_user("board"), bad).status_code == 400
    assert _files(tmp_path) == ["json", "loi.xlsx"]


def test_finding_5_a_confirmed_upload_is_removed(as_user, tmp_path, settings):
    settings.DATA_DIR = tmp_path
    client = as_user("board")
    page = upload(client, write_xlsx({"nguoi": [{"ma": "Q3", "ho_ten": "Hà Văn Sơn", "ngay_sinh": "1990-01-01",
                                                 "gioi_tinh": "nam"}]}, tmp_path / "q3.xlsx")).content.decode()
    assert _files(tmp_path) == ["json", "xlsx"]
    confirm = next(part.split('"')[0] for part in page.split('action="')[1:] if "xac-nhan" in part)
    assert "Đã nhập xong" in client.post(confirm, follow=True).content.decode()
    assert _files(tmp_path) == ["json"]


def test_finding_5_old_uploads_are_swept(tmp_path, settings):
    import os
    import time

    from dangbo.exchange.uploads import sweep

    settings.DATA_DIR, settings.DANGBO_UPLOAD_KEEP_HOURS = tmp_path, 24
    (tmp_path / "uploads" / "cu").mkdir(parents=True)
    for name, hours in (("cu.xlsx", 25), ("moi.xlsx", 1)):
        (tmp_path / "uploads" / name).write_bytes(b"x")
        os.utime(tmp_path / "uploads" / name, (time.time() - hours * 3600,) * 2)
    os.utime(tmp_path / "uploads" / "cu", (time.time() - 30 * 3600,) * 2)
    assert sweep() == 2
    assert [p.name for p in (tmp_path / "uploads").iterdir()] == ["moi.xlsx"]


def test_finding_5_a_dry_run_takes_no_lock(rules, tmp_path, monkeypatch):
    from dangbo.exchange import importer

    def locked(**kwargs):
        raise AssertionError("a dry run took the register's lock")
    monkeypatch.setattr(importer, "lock_register", locked)
    data = {"nguoi": [{"ma": "Q4", "ho_ten": "Lò Thị Hoa", "ngay_sinh": "1990-01-01", "gioi_tinh": "nu"}]}
    assert importer.import_workbook(write_xlsx(data, tmp_path / "q4.xlsx"), dry_run=True).status == "checked"


def test_finding_5_an_upload_belongs_to_its_sender(as_user, tmp_path, settings):
    settings.DATA_DIR = tmp_path
    page = upload(as_user("board"), write_xlsx({"nguoi": [{"ma": "Q5", "ho_ten": "Lò Thị Hoa", "ngay_sinh": "1990-01-01",
                                                           "gioi_tinh": "nu"}]}, tmp_path / "q5.xlsx")).content.decode()
    confirm = next(part.split('"')[0] for part in page.split('action="')[1:] if "xac-nhan" in part)
    assert as_user("admin").post(confirm).status_code == 404
    assert not Person.objects.filter(code="Q5").exists()


@pytest.mark.django_db(transaction=True)
def test_finding_5_a_large_import_runs_in_the_background_and_shows_its_stages(as_user, tmp_path, settings):
    from dangbo.exchange import jobs

    settings.DATA_DIR, settings.DANGBO_IMPORT_INLINE_ROWS = tmp_path, 0
    client = as_user("board")
    page = upload(client, write_xlsx({"nguoi": [{"ma": "Q6", "ho_ten": "Tòng Văn Lả", "ngay_sinh": "1990-01-01",
                                                 "gioi_tinh": "nam"}]}, tmp_path / "q6.xlsx")).content.decode()
    assert "việc nhập chạy nền" in page
    confirm = next(part.split('"')[0] for part in page.split('action="')[1:] if "xac-nhan" in part)
    status = client.post(confirm)
    assert status.status_code == 302
    # The request returned before the import ended; waiting for the thread before reading
    # keeps the test's SQLite database (in memory, shared between threads) free of lock errors.
    jobs.STARTED[-1].join(timeout=60)
    shown = client.get(status["Location"]).content.decode()
    assert "Đã nhập xong" in shown and Person.objects.filter(code="Q6").exists()
    from dangbo.exchange.uploads import folder

    state = next(folder().glob("*.json")).read_text()
    assert "Xác nhận giao dịch" in state  # the stages, as the page showed them while it ran


def _running(user, pid: int):
    from dangbo.exchange.uploads import Upload, folder

    folder().mkdir(parents=True, exist_ok=True)
    upload = Upload(id="7d5b1f0e-2a7c-4c59-8f7e-1a2b3c4d5e6f", owner=user.pk, name="lon.zip", kind="csv", rows=90_000,
                    status="running", pid=pid, progress=["[   0.1 s] Đọc lon…", "[   2.0 s] Nhóm người 1/3 (0%)…"])
    upload.save()
    return upload


def test_a_running_import_shows_its_stages_and_refreshes_itself(as_user, people, tmp_path, settings):
    import os

    settings.DATA_DIR = tmp_path
    upload = _running(people["board"], os.getpid())
    page = as_user("board").get(reverse("import-status", args=[upload.id])).content.decode()
    assert "Đang nhập" in page and "Nhóm người 1/3" in page and 'hx-trigger="every 2s"' in page


def test_an_import_whose_process_died_is_shown_as_stopped(as_user, people, tmp_path, settings):
    import subprocess
    import sys

    settings.DATA_DIR = tmp_path
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    upload = _running(people["board"], int(gone.stdout))
    page = as_user("board").get(reverse("import-status", args=[upload.id])).content.decode()
    assert "bị dừng giữa chừng" in page and "không có gì được ghi" in page
