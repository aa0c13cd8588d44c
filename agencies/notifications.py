"""What agencies tell families (nursery.notifications): signposting."""

from django.utils.translation import gettext_lazy as _

from families.selectors import adults_told
from nursery.notifications import notify
from nursery.registry import notification_kind

notification_kind(
    key="agencies.signposted",
    title=_("Help and services we suggest"),
    message=_("We have suggested a service that may help you and %(child)s"),
    audience="parents",
    order=50,
)


def tell_family_of_signpost(signpost):
    """Signposting is given to the family through the child; when it names
    the adult it was given to, the rule for what is addressed to one adult."""
    notify(
        recipients=adults_told(child=signpost.child, writer=getattr(signpost, "given_to", None)),
        kind="agencies.signposted",
        child=signpost.child,
        url=signpost.child.get_absolute_url(),
    )
