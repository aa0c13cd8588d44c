"""What moving on to school tells families (nursery.notifications): the
school pack waiting for the consent of an adult with parental responsibility."""

from django.utils.translation import gettext_lazy as _

from families.selectors import adults_told
from nursery.links import reverse
from nursery.notifications import notify
from nursery.registry import notification_kind

notification_kind(
    key="transitions.pack_to_consent",
    title=_("The school pack, waiting for your consent"),
    message=_("The records for %(child)s's new school are waiting for your consent"),
    audience="parents",
    order=60,
)


def tell_family_of_pack(transfer):
    child = transfer.child
    notify(
        recipients=adults_told(child=child, responsible=True),
        kind="transitions.pack_to_consent",
        child=child,
        url=reverse("transitions:transfer_detail", kwargs={"pk": transfer.pk}),
    )
