"""What transitions adds to home pages, the navigation, the dashboard and
the child's page."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from families.selectors import parents_children
from nursery.models import Role
from nursery.navigation import PARTNERSHIPS
from nursery.registry import child_section, dashboard_figure, home_panel, nav_item
from transitions.models import ChildProtectionHandover, School

STAFF = [Role.PRACTITIONER, Role.MANAGER]

nav_item(
    key="transitions.moves",
    title=_("Moves to school"),
    url_name="transitions:move_list",
    roles=STAFF,
    order=50,
    group=PARTNERSHIPS,
)
nav_item(
    key="transitions.schools",
    title=_("Schools"),
    url_name="transitions:school_list",
    roles=STAFF,
    order=55,
    group=PARTNERSHIPS,
)


@home_panel(
    key="transitions.my_children_moves",
    title=_("Moving to school"),
    roles=[Role.PARENT],
    template="transitions/panels/moves.html",
    order=20,
    child_joins=["move__school"],
)
def my_children_moves(request):
    """The moves to school of the parent's current children (not one who
    has left, nor one whose records are restricted at the family's request,
    as the other panels), soonest first: joined to the children the page
    reads anyway (the children they may open)."""
    moves = [
        move
        for child in parents_children(request)
        if child.is_current and (move := getattr(child, "move", None)) is not None
    ]
    if not moves:
        return None
    moves.sort(key=lambda m: (m.starts_on, m.child.last_name, m.pk))
    return {"moves": moves}


@dashboard_figure(
    key="transitions.cp_receipts_overdue_count",
    title=_("Child-protection files awaiting the school's receipt"),
    url_name="transitions:handover_list",
    order=60,
)
def cp_receipts_overdue_count(request):
    return ChildProtectionHandover.objects.overdue()


@dashboard_figure(
    key="transitions.school_reviews_due_count",
    title=_("School partnership reviews due"),
    url_name="transitions:school_list",
    order=65,
    query="due=1",
)
def school_reviews_due_count(request):
    return School.objects.review_due()


@child_section(
    key="transitions.move",
    title=_("Moving to school"),
    template="transitions/panels/child_move.html",
    order=60,
    child_joins=["move__school"],
)
def child_move(request, child):
    user = request.user
    if not user.has_perm("transitions.see_move", child):
        return None
    move = getattr(child, "move", None)  # joined to the child by the page (child_joins)
    # Only for children near school age, or already leaving or planned.
    if move is None and child.leaving_on is None and child.age_in_months() < 36:
        return None
    return {
        "child": child,
        "move": move,
        "can_plan": user.has_perm("transitions.plan_move", child),
        "can_download": user.has_perm("transitions.view_leaver_records", child),
        "today": timezone.localdate(),
    }
