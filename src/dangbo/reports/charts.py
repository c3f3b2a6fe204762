"""The report's charts, drawn once by matplotlib for the documents and the web pages.

Numbers are written the Vietnamese way (3.281; 12,5%). A year the period covers only in
part (a term from 01/10/2015 to 30/09/2020) is marked with * and named under the chart, so
fewer admissions in 2015 are not read as a bad year. Every rating level keeps a visible bar
and its value, however small.
"""

from __future__ import annotations

import datetime as dt
import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from dangbo.domain.metrics import Report  # noqa: E402

from .formatting import count, rate  # noqa: E402

# DejaVu Serif (bundled with matplotlib) has every Vietnamese letter; Liberation Serif 1.x does not.
FONT = ["DejaVu Serif"]
LEVEL_LABELS = {"xuat_sac": "Xuất sắc", "tot": "Tốt", "hoan_thanh": "Hoàn thành", "khong_hoan_thanh": "Không hoàn thành"}
COLORS = {"xuat_sac": "#b71c1c", "tot": "#e57373", "hoan_thanh": "#f4a3a3", "khong_hoan_thanh": "#616161"}


def _render(fig, fmt: str) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, dpi=150, bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


def _figure(title: str):
    plt.rcParams["font.family"] = "serif"
    plt.rcParams["font.serif"] = FONT
    fig, ax = plt.subplots(figsize=(6.4, 3.4))
    ax.set_title(title, fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: count(int(v)) if v == int(v) else rate(round(v, 2))))
    return fig, ax


def partial_years(rep: Report) -> tuple[int | None, int | None]:
    """The first and last years of the period when it covers them only in part."""
    first = rep.start.year if (rep.start.month, rep.start.day) != (1, 1) else None
    last = rep.end.year if (rep.end.month, rep.end.day) != (12, 31) else None
    return first, last


def _year_label(year: int, partial: tuple[int | None, int | None]) -> str:
    return f"{year}*" if year in partial else str(year)


def _note_partial(fig, rep: Report, years) -> None:
    first, last = partial_years(rep)
    parts = []
    if first in years:
        parts.append(f"{first}: từ {rep.start:%d/%m/%Y}")
    if last in years:
        parts.append(f"{last}: đến {rep.end:%d/%m/%Y}")
    if parts:
        fig.text(0.01, -0.02, "* Một phần năm (" + "; ".join(parts) + ").", fontsize=7, ha="left", va="top")


def members_chart(rep: Report, fmt: str = "png") -> bytes:
    data = rep.series.get("members", {})
    fig, ax = _figure("Số đảng viên cuối mỗi năm")
    # the last bar is the day of the figures when the period does not end on 31/12
    labels = [f"{dt.date.fromisoformat(d):%d/%m/%Y}" for d in data]
    bars = ax.bar(labels, list(data.values()), color="#c62828")
    ax.bar_label(bars, labels=[count(v) for v in data.values()], fontsize=8)
    ax.tick_params(axis="x", labelsize=8)
    return _render(fig, fmt)


def admissions_chart(rep: Report, fmt: str = "png") -> bytes:
    data = rep.series.get("admissions", {})
    partial = partial_years(rep)
    fig, ax = _figure("Kết nạp đảng viên theo năm")
    bars = ax.bar([_year_label(y, partial) for y in data], list(data.values()), color="#ad1457")
    ax.bar_label(bars, labels=[count(v) for v in data.values()], fontsize=8)
    _note_partial(fig, rep, set(data))
    return _render(fig, fmt)


def ratings_chart(rep: Report, fmt: str = "png") -> bytes:
    """Side by side, one bar per level and year, each with its share: a level of 0,4% keeps
    a bar and a number (in a stacked bar it would vanish)."""
    data = rep.series.get("ratings", {})  # a whole year's rating (31/12): never a part of a year
    fig, ax = _figure("Xếp loại chất lượng đảng viên theo năm (%)")
    years = list(data)
    width = 0.8 / len(LEVEL_LABELS)
    for i, (level, label) in enumerate(LEVEL_LABELS.items()):
        shares = []
        for counts in data.values():
            total = sum(counts.values()) or 1
            shares.append(100 * counts.get(level, 0) / total)
        xs = [k + (i - (len(LEVEL_LABELS) - 1) / 2) * width for k in range(len(years))]
        bars = ax.bar(xs, [max(s, 0.6) if s else 0 for s in shares], width, label=label, color=COLORS[level])
        ax.bar_label(bars, labels=[rate(round(s, 1)) if s else "" for s in shares], fontsize=5.5, padding=1)
    ax.set_xticks(range(len(years)), [str(y) for y in years])
    ax.set_ylim(0, 100)
    ax.legend(fontsize=7, loc="upper left", ncol=4, frameon=False, bbox_to_anchor=(0, -0.1))
    return _render(fig, fmt)


CHARTS = [("Số đảng viên qua các năm", members_chart), ("Kết nạp đảng viên theo năm", admissions_chart),
          ("Xếp loại chất lượng đảng viên theo năm", ratings_chart)]
