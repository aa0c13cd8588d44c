"""Telling people of what is new: one service, `notify`, for every app.

    from nursery.notifications import notify

    notify(
        recipients=adults_told(child=meeting.child),
        kind="families.meeting_shared",
        child=meeting.child,
        url=reverse("families:meeting_detail", ...),
    )

Call it inside the transaction that writes the record: each recipient gets
an item in their "What's new" (rolled back with the write), and, as they
chose for that kind (a `notification_kind` in nursery/registry.py), an
email at once, a line in the day's digest, or nothing more. Kinds marked
`always_email` (accidents, medicines, safeguarding) are emailed at once
whatever the choice. The emails are queued for the task worker once the
transaction commits (nursery.mail).

An email never carries the record: it says what kind of thing is new, for
which child, with a link, in the recipient's language. Whoever calls
`notify` chooses the recipients through the rule of its own app (for
parents, `families.selectors.adults_told`), so only people who may see the
item are told.

The daily round (`daily_round`, a task that enqueues itself for the next
morning) runs each app's `daily_job` (events tomorrow, consents expiring,
the manager's overdue digest) and sends the digests.
"""

import logging
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone, translation

from nursery import audit, mail
from nursery.links import reverse
from nursery.models import Channel, Notification, NotificationPreference, User
from nursery.registry import daily_jobs, notification_kinds

logger = logging.getLogger(__name__)


def kind_of(key):
    entry = notification_kinds.get(key)
    if entry is None:
        raise ImproperlyConfigured(f"Unknown notification kind {key!r}: declare it first.")
    return entry


def child_name(child):
    """The name the family and staff use for the child (first name only:
    enough to tell children apart in a family, nothing more)."""
    if child is None:
        return ""
    return child.preferred_name or child.first_name


def absolute(url):
    return settings.PORTAL_URL.rstrip("/") + url


def language_of(user):
    # A language field on the account, when there is one, chooses.
    return getattr(user, "language", None) or settings.LANGUAGE_CODE


def message_for(kind, name):
    """What the person is told, in the active language."""
    return str(kind_of(kind).message) % {"child": name}


def channel_for(entry, chosen):
    if entry.always_email:
        return Channel.EMAIL
    return chosen or entry.default


def _email(notification, *, entry, recipient):
    with translation.override(language_of(recipient)):
        text = message_for(entry.key, notification.child_name)
        context = {
            "recipient": recipient,
            "text": text,
            "url": absolute(reverse("notification_open", kwargs={"pk": notification.pk})),
            "choices_url": absolute(reverse("notification_choices")),
            "always": entry.always_email,
            "nursery_name": settings.NURSERY_NAME,
        }
        return mail.message(
            to=recipient.email,
            subject=f"{settings.NURSERY_NAME}: {text}",
            body=render_to_string("nursery/email/notification.txt", context),
        )


def notify(*, recipients, kind, url, child=None, once_key="", channels=None):
    """Tell each of `recipients` (users, or a queryset of them) that there is
    something new of `kind` at `url`, about `child`.

    `once_key` tells each person once only (a second call with the same key
    tells nobody twice). `channels` ({user_id: channel}) gives a channel for
    people who have not chosen one for this kind (an older opt-in, say).
    A fixed number of queries whatever the number of recipients. Returns
    the items written."""
    entry = kind_of(kind)
    people = {user.pk: user for user in recipients if user.is_active}
    if once_key and people:
        already = Notification.objects.filter(
            once_key=once_key, recipient_id__in=list(people)
        ).values_list("recipient_id", flat=True)
        for pk in set(already):
            people.pop(pk, None)
    if not people:
        return []
    chosen = dict(
        NotificationPreference.objects.filter(user_id__in=list(people), kind=kind).values_list(
            "user_id", "channel"
        )
    )
    name = child_name(child)
    now = timezone.now()
    rows = Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=pk,
                kind=kind,
                child=child,
                child_name=name,
                url=url,
                created_at=now,
                channel=channel_for(entry, chosen.get(pk) or (channels or {}).get(pk)),
                once_key=once_key,
            )
            for pk in people
        ]
    )
    User.objects.filter(pk__in=list(people)).update(
        unread_notifications=F("unread_notifications") + 1
    )
    mail.queue_on_commit(
        _email(row, entry=entry, recipient=people[row.recipient_id])
        for row in rows
        if row.channel == Channel.EMAIL
    )
    return rows


# Reading.


def whats_new(user):
    return Notification.objects.filter(recipient=user)


@transaction.atomic
def notification_open(*, notification, by):
    """The person opens an item: it is read from now (once)."""
    if notification.read_at is None:
        updated = Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        if updated:
            User.objects.filter(pk=by.pk).update(
                unread_notifications=Greatest(F("unread_notifications") - 1, 0)
            )
    return notification


@transaction.atomic
def notifications_mark_all_read(*, user):
    Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
    User.objects.filter(pk=user.pk).update(unread_notifications=0)


def kinds_for(user):
    """The kinds this person may choose for, in order."""
    audience = "parents" if user.is_parent else "staff"
    return [entry for entry in notification_kinds if entry.audience == audience]


def choices_of(user):
    """{kind: channel} as this person hears of each of their kinds now."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "channel"))
    return {entry.key: channel_for(entry, chosen.get(entry.key)) for entry in kinds_for(user)}


@transaction.atomic
def notification_choices_save(*, user, choices, request=None):
    """Save the person's channel for each kind they may choose (a safety
    kind stays by email whatever is sent)."""
    kinds = {entry.key: entry for entry in kinds_for(user)}
    changed = []
    for key, channel in choices.items():
        entry = kinds.get(key)
        if entry is None or entry.always_email or channel not in Channel.values:
            continue
        NotificationPreference.objects.update_or_create(
            user=user, kind=key, defaults={"channel": channel}
        )
        changed.append(key)
    audit.log(
        "accounts.notification_choices.saved",
        actor=user,
        obj=user,
        request=request,
        data={"kinds": len(changed)},
    )


# The daily round.


def send_digests(*, now=None):
    """One email a person for the digest items not yet sent and not yet
    read; each item goes in one digest only."""
    now = now or timezone.now()
    waiting = list(
        Notification.objects.filter(channel=Channel.DIGEST, digested_at__isnull=True)
        .select_related("recipient")
        .order_by("recipient_id", "created_at", "pk")
    )
    if not waiting:
        return 0
    by_person = {}
    for item in waiting:
        if item.read_at is None and item.recipient.is_active:
            by_person.setdefault(item.recipient_id, []).append(item)
    messages = []
    for items in by_person.values():
        recipient = items[0].recipient
        with translation.override(language_of(recipient)):
            lines = []
            for item in items:
                if notification_kinds.get(item.kind) is not None:
                    lines.append(message_for(item.kind, item.child_name))
            if not lines:
                continue
            context = {
                "recipient": recipient,
                "lines": lines,
                "url": absolute(reverse("whats_new")),
                "choices_url": absolute(reverse("notification_choices")),
                "nursery_name": settings.NURSERY_NAME,
            }
            messages.append(
                mail.message(
                    to=recipient.email,
                    subject=render_to_string("nursery/email/digest_subject.txt", context),
                    body=render_to_string("nursery/email/digest.txt", context),
                )
            )
    Notification.objects.filter(pk__in=[item.pk for item in waiting]).update(digested_at=now)
    mail.queue_on_commit(messages)
    return len(messages)


def next_round_at(after=None):
    """The next morning's round, in the setting's time zone."""
    after = timezone.localtime(after or timezone.now())
    at = timezone.make_aware(
        datetime.combine(after.date(), time(settings.DAILY_ROUND_HOUR)), after.tzinfo
    )
    if at <= after:
        at = timezone.make_aware(
            datetime.combine(after.date() + timedelta(days=1), time(settings.DAILY_ROUND_HOUR)),
            after.tzinfo,
        )
    return at


def schedule_daily_round(*, after=None):
    """Enqueue the next daily round unless one is already waiting; returns
    when it runs. Safe to call at every start of the worker."""
    from django_tasks_db.models import DBTaskResult

    waiting = (
        DBTaskResult.objects.filter(task_path=daily_round.module_path, status="READY")
        .order_by("run_after")
        .first()
    )
    if waiting is not None:
        return waiting.run_after
    at = next_round_at(after)
    daily_round.using(run_after=at).enqueue()
    return at


def run_daily_jobs(*, today=None):
    today = today or timezone.localdate()
    for job in daily_jobs:
        with transaction.atomic():
            job.run(today=today)
    with transaction.atomic():
        send_digests()


@task
def daily_round():
    """Once a day: each app's daily jobs, then the digests; then the next
    round is enqueued for the next morning."""
    try:
        run_daily_jobs()
    finally:
        schedule_daily_round()
