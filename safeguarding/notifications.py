"""What safeguarding tells people (nursery.notifications): the DSL of a new
concern, always by email at once. The email and the list never name the
child: the concern itself opens only on its own audited page."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nursery.links import reverse
from nursery.models import Role, User
from nursery.notifications import notify
from nursery.registry import notification_kind
from safeguarding.models import Concern

notification_kind(
    key="safeguarding.concern",
    title=_("New safeguarding concerns"),
    message=_("A new safeguarding concern is waiting for you"),
    audience="staff",
    always_email=True,
    order=1,
)


def tell_dsl_of_concern(concern):
    """The DSLs, and for an allegation about a member of staff whoever may
    read it (the manager when it is about a DSL), never the person it is about."""
    who = Q(is_dsl=True)
    if concern.about_staff_id is not None:
        who |= Q(groups__name=Role.MANAGER)
    told = [
        person
        for person in User.objects.filter(who, is_active=True).distinct()
        if person.is_setting_staff
        and Concern.objects.visible_to(person).filter(pk=concern.pk).exists()
    ]
    notify(
        recipients=told,
        kind="safeguarding.concern",
        url=reverse("safeguarding:concern_detail", kwargs={"pk": concern.pk}),
    )
