from decimal import Decimal
from urllib.parse import quote

from django import template

from dangbo.domain.text import format_number

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key, "") if mapping else ""


@register.filter
def number(n):
    """A number in Vietnamese notation: 1.000, 99,46 (a decimal comma, no trailing zeros)."""
    if isinstance(n, bool) or n is None or n == "":
        return n
    if isinstance(n, int):
        return format_number(n)
    if isinstance(n, (float, Decimal)):
        whole, _, frac = f"{Decimal(str(n)).normalize():f}".partition(".")
        return format_number(int(whole)) + ("," + frac if frac else "") if whole.lstrip("-").isdigit() else n
    return n


COMPARATORS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "="}


@register.filter
def comparator(text):
    """A target's comparison as a clerk writes it (≥ for >=)."""
    return COMPARATORS.get(text, text)


@register.simple_tag
def org_tree(node, day):
    """A unit and its descendants as nested lists, rendered in Python: a recursive template
    include costs a template render per unit (a bloc's tree has hundreds)."""
    from django.urls import reverse
    from django.utils.html import escape
    from django.utils.safestring import mark_safe

    prefix = reverse("org-detail", args=["X"])[:-2]
    suffix = f"/?ngay={day:%Y-%m-%d}"
    out: list[str] = []

    def walk(n):
        out.append(f'<li><a href="{escape(prefix + quote(n.code) + suffix)}">{escape(n.name)}</a> '
                   f'<span class="tag">{escape(n.level_label)}</span>')
        if n.children:
            out.append('<ul class="tree">')
            for child in n.children:
                walk(child)
            out.append("</ul>")
        out.append("</li>")

    walk(node)
    return mark_safe("".join(out))
