"""What families and key persons are told of (nursery.notifications), and
who: parents always through `selectors.adults_told`, staff through the
child's key person (the managers when the child has none)."""

from django.utils.translation import gettext_lazy as _

from families.selectors import adults_told
from nursery.links import reverse
from nursery.models import Role, User
from nursery.notifications import notify
from nursery.registry import notification_kind

# For parents and carers.
notification_kind(
    key="families.key_person_changed",
    title=_("A new key person for your child"),
    message=_("%(child)s has a new key person"),
    audience="parents",
    order=10,
)
notification_kind(
    key="families.meeting_shared",
    title=_("Key-person meeting records"),
    message=_("There is a new key-person meeting record for %(child)s"),
    audience="parents",
    order=11,
)
notification_kind(
    key="families.review_shared",
    title=_("Progress reviews and checks"),
    message=_("There is a new progress review for %(child)s"),
    audience="parents",
    order=12,
)
notification_kind(
    key="families.check_to_sign",
    title=_("The check at age two, waiting for you to sign"),
    message=_("The progress check at age two for %(child)s is waiting for you to sign it"),
    audience="parents",
    order=13,
)
notification_kind(
    key="families.plan_shared",
    title=_("Support plans"),
    message=_("There is a new support plan for %(child)s"),
    audience="parents",
    order=14,
)
notification_kind(
    key="families.settling_shared",
    title=_("Settling-in plans"),
    message=_("There is a settling-in plan for %(child)s"),
    audience="parents",
    order=15,
)
notification_kind(
    key="families.request_answered",
    title=_("Answers to your meeting requests"),
    message=_("Your request for a meeting about %(child)s has an answer"),
    audience="parents",
    order=16,
)
notification_kind(
    key="families.message_answered",
    title=_("Answers to your messages"),
    message=_("Your message about %(child)s has an answer"),
    audience="parents",
    order=17,
)

# For the key person.
notification_kind(
    key="families.parent_comment",
    title=_("A parent's view on a record"),
    message=_("A parent added their view to a record for %(child)s"),
    audience="staff",
    order=10,
)
notification_kind(
    key="families.action_done",
    title=_("A family's agreed action done"),
    message=_("A family action agreed for %(child)s is done"),
    audience="staff",
    order=11,
)
notification_kind(
    key="families.details_changed",
    title=_("Practical details changed by a parent"),
    message=_("A parent changed the practical details of %(child)s"),
    audience="staff",
    order=12,
)
notification_kind(
    key="families.absence",
    title=_("Absences"),
    message=_("A parent says %(child)s will be away"),
    audience="staff",
    order=13,
)
notification_kind(
    key="families.message",
    title=_("Messages from parents"),
    message=_("A parent sent a message about %(child)s"),
    audience="staff",
    order=14,
)
notification_kind(
    key="families.meeting_request",
    title=_("Meeting requests from parents"),
    message=_("A parent asked for a meeting about %(child)s"),
    audience="staff",
    order=15,
)


def key_staff(child):
    """Who on the staff hears of what a family does: the key person, or,
    when the child has none, the managers."""
    key_person = child.key_person
    if key_person is not None and key_person.is_active:
        return [key_person]
    return list(User.objects.with_role(Role.MANAGER).filter(is_active=True))


def _url(name, child, pk=None):
    kwargs = {"child_pk": child.pk}
    if pk is not None:
        kwargs["pk"] = pk
    return reverse(f"families:{name}", kwargs=kwargs)


def tell_family_of_record(record, *, kind, url_name, already_told=None):
    """A record newly shared with the family: every adult who may see the
    child, or, for a record shared with one home only, the adults of that
    home. `already_told`: the home that read it before it was given to
    another (or to every home), whose adults are not told again."""
    recipients = adults_told(child=record.child, household=getattr(record, "for_household", None))
    if already_told is not None:
        home = record.child.parent_links.filter(household=already_told)
        recipients = recipients.exclude(pk__in=home.values("parent"))
    notify(
        recipients=recipients,
        kind=kind,
        child=record.child,
        url=_url(url_name, record.child, record.pk),
    )


def tell_family_of_review(review):
    """A review shared: the check at age two asks the adults with parental
    responsibility to sign; the others who may see the child are told of it."""
    child = review.child
    url = _url("review_detail", child, review.pk)
    told = adults_told(child=child)
    if not review.is_two_year_check:
        notify(recipients=told, kind="families.review_shared", child=child, url=url)
        return
    responsible = set(
        child.parent_links.filter(has_parental_responsibility=True).values_list(
            "parent_id", flat=True
        )
    )
    told = list(told)
    notify(
        recipients=[u for u in told if u.pk in responsible],
        kind="families.check_to_sign",
        child=child,
        url=url,
    )
    notify(
        recipients=[u for u in told if u.pk not in responsible],
        kind="families.review_shared",
        child=child,
        url=url,
    )


def tell_key_staff(child, *, kind, url):
    notify(recipients=key_staff(child), kind=kind, child=child, url=url)
