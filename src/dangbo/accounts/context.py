"""Template context shared by every page."""

from django.utils import timezone


def navigation(request):
    """What the menu needs: it shows only what the user's roles can open. Evaluated only when
    a template asks (templates call callables), each reach remembered for the request."""

    def today_reach():
        from dangbo.accounts.access import reach

        return reach(request.user, timezone.localdate())

    return {
        "can_see_inspections": lambda: today_reach().sees_inspections,
        # reports and the term's targets are made for a whole root (a bloc)
        "can_report": lambda: today_reach().whole_root,
        "can_import": lambda: today_reach().can_write,
    }
