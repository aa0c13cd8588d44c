"""What families are told of about consents and medicines
(nursery.notifications); parents always through `adults_told`."""

from django.utils.translation import gettext_lazy as _

from families.selectors import adults_told
from nursery.links import reverse
from nursery.notifications import notify
from nursery.registry import daily_job, notification_kind

notification_kind(
    key="consents.dose_given",
    title=_("A medicine given to your child"),
    message=_("%(child)s was given a medicine today: please read and acknowledge it"),
    audience="parents",
    always_email=True,
    order=30,
)
notification_kind(
    key="consents.decision",
    title=_("A consent decision for your child"),
    message=_("A consent for %(child)s was given, refused or withdrawn: please look at it"),
    audience="parents",
    default="digest",
    order=29,
)
notification_kind(
    key="consents.expiring",
    title=_("A consent ending soon"),
    message=_("A consent you gave for %(child)s ends soon: please look at it again"),
    audience="parents",
    order=31,
)


def tell_family_of_dose(dose):
    """A dose given: the adults who may see the child, at once by email."""
    notify(
        recipients=adults_told(child=dose.child),
        kind="consents.dose_given",
        child=dose.child,
        url=reverse("consents:medication", kwargs={"pk": dose.child.pk}),
    )


def tell_of_decision(event):
    """A decision recorded: the child's other adults with parental
    responsibility (each may answer, and may want to); never who decided,
    which the consent page names only where the rules allow. The link opens
    that purpose's page (the message itself never says which, as an email
    would carry it), where the adult reads it and may answer."""
    notify(
        recipients=adults_told(child=event.child, responsible=True).exclude(pk=event.decided_by_id),
        kind="consents.decision",
        child=event.child,
        url=reverse(
            "consents:decide", kwargs={"pk": event.child_id, "type_pk": event.consent_type_id}
        ),
    )


@daily_job(key="consents.expiring", title=_("Consents ending within 30 days"))
def tell_of_expiring(*, today):
    """Each consent expiring within the warning days is told once (for that
    end date) to the adults who may see the child."""
    from consents.models import State
    from consents.services import expiring_consents

    for child, state in expiring_consents():
        if state.state != State.EXPIRING:
            continue
        # Asked of those who may renew it: the adults with parental
        # responsibility.
        notify(
            recipients=adults_told(child=child, responsible=True),
            kind="consents.expiring",
            child=child,
            url=reverse(
                "consents:decide", kwargs={"pk": child.pk, "type_pk": state.consent_type.pk}
            ),
            once_key=f"consents.expiring:{child.pk}:{state.consent_type.pk}:{state.expires_on}",
        )
