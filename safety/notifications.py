"""What safety tells people (nursery.notifications): the family of an
accident record, always by email at once; the key person and the room's
staff of a parent's change to a health alert, always by email at once."""

from django.utils.translation import gettext_lazy as _

from families.models import KeyPersonAssignment
from families.selectors import adults_told
from nursery.links import reverse
from nursery.models import User
from nursery.notifications import notify
from nursery.registry import notification_kind

notification_kind(
    key="safety.accident",
    title=_("An accident, incident or injury record"),
    message=_("There is an accident or injury record for %(child)s: please read it"),
    audience="parents",
    always_email=True,
    order=20,
)
notification_kind(
    key="safety.alert_changed",
    title=_("A parent's change to a health alert"),
    message=_("A parent changed a health alert for %(child)s"),
    audience="staff",
    always_email=True,
    order=20,
)


def tell_family_of_accident(accident):
    """The child's record: every adult who may see the child."""
    notify(
        recipients=adults_told(child=accident.child),
        kind="safety.accident",
        child=accident.child,
        url=reverse("safety:accident_detail", kwargs={"pk": accident.pk}),
    )


def room_staff(child):
    """The key person and the staff of the child's room (the key persons of
    the room's children), active ones only."""
    assignments = KeyPersonAssignment.objects.filter(ended_on__isnull=True)
    if child.room_id is not None:
        assignments = assignments.filter(child__room_id=child.room_id) | assignments.filter(
            child=child
        )
    else:
        assignments = assignments.filter(child=child)
    return User.objects.filter(pk__in=assignments.values("practitioner"), is_active=True).distinct()


def tell_staff_of_alert(alert):
    notify(
        recipients=room_staff(alert.child),
        kind="safety.alert_changed",
        child=alert.child,
        url=alert.child.get_absolute_url(),
    )
