"""`{% record_actions "khen-thuong" record %}`: the Sửa link and the Hủy form of a record;
`{% voided_records "khen-thuong" %}`: the voided and corrected ones, struck through, with
who, when and why."""

from django import template

from ..kinds import KINDS, describe, voided

register = template.Library()


@register.inclusion_tag("corrections/_actions.html", takes_context=True)
def record_actions(context, slug: str, record, outside: bool = False):
    """`outside`: the row is inside another form (a grid): its Hủy controls name the form
    that `void_form` renders after it (forms cannot nest)."""
    kind = KINDS[slug]
    return {"kind": kind, "record": record, "can_write": context.get("can_write", False), "outside": outside,
            "label": describe(kind, record), "csrf_token": context.get("csrf_token")}


@register.inclusion_tag("corrections/_void_form.html", takes_context=True)
def void_form(context, slug: str, record):
    return {"kind": KINDS[slug], "record": record, "can_write": context.get("can_write", False),
            "csrf_token": context.get("csrf_token")}


@register.inclusion_tag("corrections/_voided.html", takes_context=True)
def voided_records(context, slug: str):
    kind = KINDS[slug]
    request = context["request"]
    return {"kind": kind, "rows": [(r, describe(kind, r)) for r in voided(request.user, kind)]}
