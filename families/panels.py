"""What families adds to each role's home page and to the navigation."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from families.models import Child
from nursery.models import Role, SiteConfig
from nursery.registry import home_panel, nav_item

nav_item(
    label=_("Children"),
    url_name="families:roster",
    roles=[Role.PRACTITIONER, Role.MANAGER],
    order=10,
)


def details_due_before():
    months = SiteConfig.load().details_confirm_months
    return timezone.now() - timedelta(days=round(months * 30.44))


@home_panel(roles=[Role.PARENT], template="families/panels/my_children.html", order=10)
def my_children(request):
    children = list(
        Child.objects.visible_to(request.user).select_related("room", "details").with_key_person()
    )
    due_before = details_due_before()
    for child in children:
        details = getattr(child, "details", None)
        child.details_due = details is None or (
            details.last_confirmed_at is None or details.last_confirmed_at < due_before
        )
    return {"children": children}


@home_panel(
    roles=[Role.PRACTITIONER, Role.MANAGER],
    template="families/panels/key_children.html",
    order=10,
)
def key_children(request):
    children = list(
        Child.objects.current()
        .filter(
            key_person_assignments__practitioner=request.user,
            key_person_assignments__ended_on__isnull=True,
        )
        .select_related("room")
    )
    if not children and request.user.role == Role.MANAGER:
        return None
    return {"children": children}


@home_panel(roles=[Role.MANAGER], template="families/panels/details_unconfirmed.html", order=80)
def details_unconfirmed(request):
    due_before = details_due_before()
    stale = (
        Child.objects.current()
        .filter(
            Q(details__isnull=True)
            | Q(details__last_confirmed_at__isnull=True)
            | Q(details__last_confirmed_at__lt=due_before)
        )
        .select_related("room", "details")
        .order_by("details__last_confirmed_at", "last_name")
    )
    return {
        "count": stale.count(),
        "children": list(stale[:10]),
        "months": SiteConfig.load().details_confirm_months,
    }
