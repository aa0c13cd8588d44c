"""What the setting's life tells people (nursery.notifications): families of
announcements, policies to read, events tomorrow, their complaint and
suggestion answered; the managers of a new complaint and, each morning, of
what is overdue."""

from datetime import timedelta
from types import SimpleNamespace

from django.db import transaction
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nursery.links import reverse
from nursery.models import Channel, Role, User
from nursery.notifications import notify
from nursery.registry import daily_job, dashboard_figures, notification_kind

notification_kind(
    key="setting.announcement",
    title=_("Announcements from the nursery"),
    message=_("There is a new announcement from the nursery"),
    audience="parents",
    default=Channel.PORTAL,
    order=40,
)
notification_kind(
    key="setting.policy_to_read",
    title=_("Policies to read"),
    message=_("There is a new version of a nursery policy for you to read"),
    audience="parents",
    order=41,
)
notification_kind(
    key="setting.event_tomorrow",
    title=_("Events you signed up for, the day before"),
    message=_("Reminder: an event you signed up for is tomorrow"),
    audience="parents",
    order=42,
)
notification_kind(
    key="setting.complaint_acknowledged",
    title=_("Your complaint received"),
    message=_("We have received your complaint and are looking into it"),
    audience="parents",
    order=43,
)
notification_kind(
    key="setting.complaint_outcome",
    title=_("The outcome of your complaint"),
    message=_("There is an outcome to your complaint"),
    audience="parents",
    order=44,
)
notification_kind(
    key="setting.suggestion_answered",
    title=_("Answers to your suggestions"),
    message=_("Your suggestion has an answer"),
    audience="parents",
    order=45,
)
notification_kind(
    key="setting.complaint_made",
    title=_("New complaints (managers)"),
    message=_("A new complaint was recorded"),
    audience="staff",
    order=40,
)
notification_kind(
    key="setting.overdue",
    title=_("What is overdue, each morning (managers)"),
    message=_("Some things are overdue today: see the dashboard"),
    audience="staff",
    order=41,
)


def managers():
    return User.objects.with_role(Role.MANAGER).filter(is_active=True)


def tell_managers_of_complaint(complaint):
    notify(
        recipients=managers(),
        kind="setting.complaint_made",
        child=complaint.child,
        url=reverse("complaint_detail", kwargs={"pk": complaint.pk}),
    )


def tell_complainant(complaint, *, kind):
    person = complaint.complainant
    if person is None or not person.is_parent:
        return
    notify(
        recipients=[person],
        kind=kind,
        url=reverse("complaint_detail", kwargs={"pk": complaint.pk}),
    )


def tell_of_suggestion_answer(suggestion):
    notify(
        recipients=[suggestion.parent],
        kind="setting.suggestion_answered",
        url=reverse("suggestion_detail", kwargs={"pk": suggestion.pk}),
    )


@task
def announcement_deliver(*, announcement_id):
    """In the worker: every family the announcement is for gets it in What's
    new, and by email those who asked for announcements by email."""
    from nursery.setting.models import Announcement

    announcement = Announcement.objects.get(pk=announcement_id)
    people = list(announcement.recipients())
    # The older choice on the communication-needs page still counts, until
    # the person chooses on "How we tell you".
    channels = {
        p.pk: Channel.EMAIL
        for p in people
        if getattr(p, "communication_needs", None) and p.communication_needs.email_announcements
    }
    with transaction.atomic():
        rows = notify(
            recipients=people,
            kind="setting.announcement",
            url=reverse("home"),
            once_key=f"setting.announcement:{announcement.pk}",
            channels=channels,
        )
        emailed = sum(1 for row in rows if row.channel == Channel.EMAIL)
        Announcement.objects.filter(pk=announcement.pk).update(emailed_to=emailed)
    return emailed


@task
def policy_deliver(*, policy_id, version):
    """In the worker: every parent of a child still at the nursery, with
    portal access, is asked to read the new version."""
    from families.models import Child, ParentLink

    links = ParentLink.objects.filter(portal_access=True, child__in=Child.objects.here())
    parents = User.objects.filter(pk__in=links.values("parent"), is_active=True)
    with transaction.atomic():
        notify(
            recipients=parents,
            kind="setting.policy_to_read",
            url=reverse("policy_detail", kwargs={"pk": policy_id}),
            once_key=f"setting.policy:{policy_id}:{version}",
        )


@daily_job(key="setting.event_tomorrow", title=_("Reminders of tomorrow's events"))
def remind_of_events(*, today):
    from nursery.setting.models import EventSignup

    tomorrow = today + timedelta(days=1)
    start = timezone.make_aware(timezone.datetime.combine(tomorrow, timezone.datetime.min.time()))
    signups = EventSignup.objects.filter(
        event__starts_at__gte=start, event__starts_at__lt=start + timedelta(days=1)
    ).select_related("parent", "event")
    by_event = {}
    for signup in signups:
        by_event.setdefault(signup.event, []).append(signup.parent)
    for event, parents in by_event.items():
        notify(
            recipients=parents,
            kind="setting.event_tomorrow",
            url=event.get_absolute_url(),
            once_key=f"setting.event_tomorrow:{event.pk}:{tomorrow}",
        )


@daily_job(key="setting.overdue", title=_("The managers' morning digest of what is overdue"))
def tell_managers_what_is_overdue(*, today):
    people = list(managers())
    if not people:
        return
    # The dashboard's own figures: the same selectors, never a second copy.
    figures = dashboard_figures(SimpleNamespace(user=people[0]))
    if not any(f["count"] for f in figures):
        return
    notify(
        recipients=people,
        kind="setting.overdue",
        url=reverse("dashboard"),
        once_key=f"setting.overdue:{today}",
    )
