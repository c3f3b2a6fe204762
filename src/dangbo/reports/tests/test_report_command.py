"""`dangbo report` as a clerk calls it: refusals (exit 1), wrong usage (exit 2), outputs."""

import json

import pytest
from django.core.management import CommandError, call_command

from dangbo.reports.models import IssuedReport


def run(*args):
    with pytest.raises(CommandError) as failed:
        call_command("report", *args)
    return failed.value


def test_refusals_exit_1(imported_bloc):
    assert run("--bloc", "KHONG", "--term", "2015-2020").returncode == 1
    assert run("--bloc", "D1", "--term", "2015-2020").returncode == 1  # not a root
    assert run("--bloc", "R1", "--term", "1990-1995").returncode == 1


def test_term_of_another_root_is_refused(imported_bloc):
    from dangbo.orgs.services import record_org_event

    record_org_event(user=None, kind="khoi_tao", org="R2", date=__import__("datetime").date(2015, 1, 1),
                     name="Khối 2", level="dang_bo_cap_tren")
    err = run("--bloc", "R2", "--term", "2015-2020")
    assert err.returncode == 1 and "thuộc R1" in str(err)


def test_wrong_usage_exits_2(imported_bloc):
    assert run("--bloc", "R1", "--term", "2015-2020", "--from", "2015-01-01").returncode == 2
    assert run("--bloc", "R1", "--from", "2016-01-01", "--to", "2016-12-31", "--as-of", "2017-01-01").returncode == 2
    assert run("--bloc", "R1", "--from", "2016-01-01").returncode == 2
    assert run("--bloc", "R1", "--from", "01-01-2016", "--to", "2016-12-31").returncode == 2


def test_period_report_to_a_file_is_a_draft(imported_bloc, tmp_path):
    out = tmp_path / "r.json"
    call_command("report", "--bloc", "R1", "--from", "2015-01-01", "--to", "2016-12-31", "--as-of", "2015-12-31", "-o", str(out))
    data = json.loads(out.read_text())
    assert data["tu_ngay"] == "2015-01-01" and data["ngay_so_lieu"] == "2015-12-31"
    assert data["chi_so"]["dang_vien.ket_nap"] == 1 and data["chi_so"]["chi_tieu.tong"] == 0
    assert not IssuedReport.objects.exists()


def test_issue_numbers_and_records_the_report(imported_bloc, tmp_path):
    out = tmp_path / "r.json"
    call_command("report", "--bloc", "R1", "--term", "2015-2020", "--issue", "-o", str(out))
    issued = IssuedReport.objects.get()
    assert issued.roots == "R1" and issued.format == "json" and issued.number == 1


def test_all_roots_and_documents(imported_bloc, tmp_path, capsys):
    call_command("report", "--all", "--term", "2015-2020")
    assert json.loads(capsys.readouterr().out)["to_chuc"] == "R1"
    for fmt in ("xlsx", "docx", "pdf"):
        out = tmp_path / f"bc.{fmt}"
        call_command("report", "--bloc", "R1", "--term", "2015-2020", "--format", fmt, "-o", str(out))
        assert out.stat().st_size > 1000


def test_demo_refuses_a_database_with_data(imported_bloc):
    with pytest.raises(CommandError) as refused:
        call_command("demo")
    assert refused.value.returncode == 1 and "--replace" in str(refused.value)
