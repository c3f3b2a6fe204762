"""Template context shared by every page."""

from django.utils import timezone


def navigation(request):
    """What the menu needs; evaluated only when a template asks (templates call callables)."""

    def can_see_inspections() -> bool:
        from dangbo.accounts.scope import reach

        return reach(request.user, timezone.localdate()).sees_inspections

    return {"can_see_inspections": can_see_inspections}
