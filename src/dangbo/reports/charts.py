"""The report's charts, drawn once by matplotlib for the documents and the web pages."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from dangbo.domain.metrics import Report  # noqa: E402

# DejaVu Serif (bundled with matplotlib) has every Vietnamese letter; Liberation Serif 1.x does not.
FONT = ["DejaVu Serif"]
LEVEL_LABELS = {"xuat_sac": "Xuất sắc", "tot": "Tốt", "hoan_thanh": "Hoàn thành", "khong_hoan_thanh": "Không hoàn thành"}
COLORS = {"xuat_sac": "#b71c1c", "tot": "#e57373", "hoan_thanh": "#ffcdd2", "khong_hoan_thanh": "#9e9e9e"}


def _render(fig, fmt: str) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, dpi=150, bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


def _figure(title: str):
    plt.rcParams["font.family"] = "serif"
    plt.rcParams["font.serif"] = FONT
    fig, ax = plt.subplots(figsize=(6.4, 3.2))
    ax.set_title(title, fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    return fig, ax


def members_chart(rep: Report, fmt: str = "png") -> bytes:
    data = rep.series.get("members", {})
    fig, ax = _figure("Số đảng viên cuối mỗi năm")
    labels = [d[8:10] + "/" + d[5:7] + "/" + d[:4] for d in data]
    bars = ax.bar(labels, list(data.values()), color="#c62828")
    ax.bar_label(bars, labels=[f"{v:,}".replace(",", ".") for v in data.values()], fontsize=8)
    ax.tick_params(axis="x", labelsize=8)
    return _render(fig, fmt)


def admissions_chart(rep: Report, fmt: str = "png") -> bytes:
    data = rep.series.get("admissions", {})
    fig, ax = _figure("Kết nạp đảng viên theo năm")
    bars = ax.bar([str(y) for y in data], list(data.values()), color="#ad1457")
    ax.bar_label(bars, fontsize=8)
    return _render(fig, fmt)


def ratings_chart(rep: Report, fmt: str = "png") -> bytes:
    data = rep.series.get("ratings", {})
    fig, ax = _figure("Xếp loại chất lượng đảng viên theo năm (%)")
    years = [str(y) for y in data]
    bottom = [0.0] * len(years)
    for level, label in LEVEL_LABELS.items():
        shares = []
        for counts in data.values():
            total = sum(counts.values()) or 1
            shares.append(100 * counts.get(level, 0) / total)
        ax.bar(years, shares, bottom=bottom, label=label, color=COLORS[level])
        bottom = [b + s for b, s in zip(bottom, shares, strict=True)]
    ax.set_ylim(0, 100)
    ax.legend(fontsize=7, loc="lower right")
    return _render(fig, fmt)


CHARTS = [("Số đảng viên qua các năm", members_chart), ("Kết nạp đảng viên theo năm", admissions_chart),
          ("Xếp loại chất lượng đảng viên theo năm", ratings_chart)]
