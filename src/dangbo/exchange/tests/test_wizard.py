"""The import wizard: upload, every problem shown, annotated copy, confirm."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from dangbo.members.models import Person
from dangbo.testing.workbooks import write_xlsx


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
    assert wb["nguoi"]["A1"].value == "Mã người" and len(wb.sheetnames) == 15
    assert as_user("leader").get(reverse("import-wizard")).status_code == 403
