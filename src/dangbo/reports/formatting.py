"""Numbers as the seed article writes them: 3.281 đảng viên; 99,46%; 91,6%; trên 98,2%."""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal


def count(n: object) -> str:
    """A count of the report (its values are typed `object`: an int here), dot-grouped: 3.281."""
    return "—" if n is None else f"{n:,}".replace(",", ".")


def rate(value: object) -> str:
    """A rate without trailing zeros, decimal comma: 91.6 -> "91,6"; 98.0 -> "98"."""
    if value is None:
        return "—"
    text = format(Decimal(str(value)).quantize(Decimal("0.01")).normalize(), "f")
    return text.replace(".", ",")


def rate_at_least(value: object) -> str:
    """"trên 98,2" for 98.25 (the article's wording when the second decimal is cut)."""
    if value is None:
        return "—"
    d = Decimal(str(value))
    one = d.quantize(Decimal("0.1"), rounding=ROUND_DOWN)
    return rate(float(d)) if one == d else f"trên {rate(float(one))}"


def value(key: str, v) -> str:
    from dangbo.domain.metric_keys import RATE_KEYS

    return rate(v) if key in RATE_KEYS else count(v)
