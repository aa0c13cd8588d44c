"""The kernel's telling of people: notify, What's new, choices, the email
queue with its retries and kept failures, the password reset, the digest
and the daily round. Tasks run through the real queue (django-tasks-db)
and its own worker (tests.utils.run_tasks)."""

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from nursery.models import Channel, KeptEmail, Notification, NotificationPreference
from nursery.notifications import (
    daily_round,
    next_round_at,
    notify,
    run_daily_jobs,
    schedule_daily_round,
)
from nursery.registry import daily_job, notification_kind, register_temporarily
from tests.utils import committed, run_tasks, waiting_tasks

pytestmark = pytest.mark.django_db


class RefusingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, messages):
        raise ConnectionRefusedError("the mail server is down")


class FlakyBackend(BaseEmailBackend):
    """A mail server that refuses the first message it is given, then works."""

    calls = 0

    def send_messages(self, messages):
        type(self).calls += 1
        if type(self).calls == 1:
            raise TimeoutError("timed out")
        mail.outbox.extend(messages)
        return len(messages)


def meeting_shared(recipients, cast, **extra):
    with committed():
        return notify(
            recipients=recipients,
            kind="families.meeting_shared",
            child=cast.child_a,
            url=cast.child_a.get_absolute_url(),
            **extra,
        )


def test_notify_writes_an_item_and_emails_only_after_the_worker_runs(cast):
    with transaction.atomic():
        meeting_shared([cast.parent_a], cast)
    item = Notification.objects.get()
    assert (item.recipient, item.child_name, item.channel) == (cast.parent_a, "Ada", "email")
    cast.parent_a.refresh_from_db()
    assert cast.parent_a.unread_notifications == 1
    assert mail.outbox == []
    run_tasks()
    [email] = mail.outbox
    assert email.to == [cast.parent_a.email]
    assert "There is a new key-person meeting record for Ada" in email.subject
    # A link that opens the item (and marks it read), never the record's content.
    assert f"/whats-new/{item.pk}/" in email.body
    assert "Ada Ashworth" not in email.body


def test_the_email_is_in_the_language_the_account_has(cast, monkeypatch):
    from django.utils import translation

    seen = []
    real = translation.override

    def spy(language, *args, **kwargs):
        seen.append(language)
        return real(language, *args, **kwargs)

    monkeypatch.setattr("nursery.notifications.translation.override", spy)
    cast.parent_a.language = "en-gb"
    meeting_shared([cast.parent_a], cast)
    assert seen == ["en-gb"]


def test_a_rolled_back_write_tells_nobody(cast):
    with pytest.raises(RuntimeError), transaction.atomic():
        meeting_shared([cast.parent_a], cast)
        raise RuntimeError
    assert not Notification.objects.exists()
    assert waiting_tasks() == []


def test_portal_only_and_digest_choices_send_no_email_at_once(cast):
    NotificationPreference.objects.create(
        user=cast.parent_a, kind="families.meeting_shared", channel=Channel.PORTAL
    )
    NotificationPreference.objects.create(
        user=cast.parent_b, kind="families.meeting_shared", channel=Channel.DIGEST
    )
    meeting_shared([cast.parent_a, cast.parent_b], cast)
    run_tasks()
    assert mail.outbox == []
    assert Notification.objects.count() == 2


def test_a_safety_kind_is_emailed_at_once_whatever_was_chosen(cast):
    NotificationPreference.objects.create(
        user=cast.parent_a, kind="safety.accident", channel=Channel.PORTAL
    )
    with committed():
        notify(recipients=[cast.parent_a], kind="safety.accident", child=cast.child_a, url="/")
    run_tasks()
    assert [m.to for m in mail.outbox] == [[cast.parent_a.email]]


def test_once_key_tells_each_person_once(cast):
    meeting_shared([cast.parent_a], cast, once_key="x:1")
    meeting_shared([cast.parent_a, cast.parent_b], cast, once_key="x:1")
    assert sorted(Notification.objects.values_list("recipient__email", flat=True)) == [
        cast.parent_a.email,
        cast.parent_b.email,
    ]


def test_an_inactive_account_is_told_nothing(cast):
    cast.parent_a.is_active = False
    cast.parent_a.save()
    assert meeting_shared([cast.parent_a], cast) == []


def test_notify_takes_the_same_queries_for_one_person_or_fifty(cast):
    from tests.factories import ParentFactory

    few = [cast.parent_a]
    many = [cast.parent_a, *ParentFactory.create_batch(49)]
    with CaptureQueriesContext(transaction.get_connection()) as one:
        meeting_shared(few, cast)
    with CaptureQueriesContext(transaction.get_connection()) as fifty:
        meeting_shared(many, cast)
    assert len(one) == len(fifty)


def test_an_unknown_kind_stops_at_once(cast):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        notify(recipients=[cast.parent_a], kind="families.nothing", url="/")


# What's new.


def test_whats_new_lists_the_persons_own_items_newest_first(cast, client_for):
    meeting_shared([cast.parent_a], cast)
    notify(recipients=[cast.parent_a], kind="families.review_shared", child=cast.child_a, url="/")
    meeting_shared([cast.parent_b], cast)
    page = client_for(cast.parent_a).get(reverse("whats_new")).text
    assert page.index("new progress review for Ada") < page.index("meeting record for Ada")
    assert page.count("for Ada") == 2
    assert "You have 2 new things to read." in page


def test_opening_an_item_marks_it_read_and_goes_to_the_record(cast, client_for):
    [item] = meeting_shared([cast.parent_a], cast)
    client = client_for(cast.parent_a)
    response = client.get(reverse("notification_open", kwargs={"pk": item.pk}))
    assert response.status_code == 302
    assert response["Location"] == cast.child_a.get_absolute_url()
    item.refresh_from_db()
    cast.parent_a.refresh_from_db()
    assert item.read_at is not None
    assert cast.parent_a.unread_notifications == 0
    # Opening it again changes nothing.
    client.get(reverse("notification_open", kwargs={"pk": item.pk}))
    cast.parent_a.refresh_from_db()
    assert cast.parent_a.unread_notifications == 0


def test_another_persons_item_is_not_found_and_stays_unread(cast, client_for):
    [item] = meeting_shared([cast.parent_a], cast)
    response = client_for(cast.parent_b).get(reverse("notification_open", kwargs={"pk": item.pk}))
    assert response.status_code == 404
    item.refresh_from_db()
    assert item.read_at is None


def test_mark_everything_read(cast, client_for):
    meeting_shared([cast.parent_a], cast)
    meeting_shared([cast.parent_a], cast)
    client_for(cast.parent_a).post(reverse("notifications_read"))
    cast.parent_a.refresh_from_db()
    assert cast.parent_a.unread_notifications == 0
    assert not Notification.objects.unread().exists()


def test_the_unread_count_shows_in_the_navigation_without_a_query(cast, client_for):
    client = client_for(cast.parent_a)
    page = reverse("password_change")  # a page with nothing of its own about news
    client.get(page)
    with CaptureQueriesContext(transaction.get_connection()) as none:
        assert "unread-count" not in client.get(page).text
    for _ in range(50):
        meeting_shared([cast.parent_a], cast)
    with CaptureQueriesContext(transaction.get_connection()) as fifty:
        text = client.get(page).text
    # The count is kept on the account, which every page reads anyway.
    assert len(none) == len(fifty)
    assert '<span class="badge rounded-pill text-bg-warning unread-count">50' in text


def test_the_home_page_shows_the_newest_unread_with_one_query_whatever_their_number(
    cast, client_for
):
    client = client_for(cast.key_person)
    with committed():
        notify(recipients=[cast.key_person], kind="families.absence", child=cast.child_a, url="/")
    client.get(reverse("home"))
    with CaptureQueriesContext(transaction.get_connection()) as one:
        text = client.get(reverse("home")).text
    assert "A parent says Ada will be away" in text
    with committed():
        for _ in range(49):
            notify(
                recipients=[cast.key_person], kind="families.message", child=cast.child_a, url="/"
            )
    with CaptureQueriesContext(transaction.get_connection()) as fifty:
        text = client.get(reverse("home")).text
    assert text.count("A parent sent a message about Ada") == 5
    assert "(50 unread)" in text
    assert len(one) == len(fifty)


def test_whats_new_takes_the_same_queries_at_1_and_50_items(cast, client_for):
    client = client_for(cast.parent_a)
    meeting_shared([cast.parent_a], cast)
    client.get(reverse("whats_new"))
    with CaptureQueriesContext(transaction.get_connection()) as one:
        assert client.get(reverse("whats_new")).status_code == 200
    for _ in range(49):
        meeting_shared([cast.parent_a], cast)
    with CaptureQueriesContext(transaction.get_connection()) as fifty:
        page = client.get(reverse("whats_new")).text
    assert page.count("meeting record for Ada") == 30  # one page of them
    assert len(one) == len(fifty) == WHATS_NEW_QUERIES


# The session, the account (read with its role), the page of items and its
# count: measured once, asserted exactly.
WHATS_NEW_QUERIES = 4


# Choices.


def test_a_parent_chooses_how_to_be_told_and_safety_kinds_stay_by_email(cast, client_for):
    client = client_for(cast.parent_a)
    page = client.get(reverse("notification_choices")).text
    assert "Key-person meeting records" in page
    assert "An accident, incident or injury record" in page  # listed as always emailed
    assert "safety__accident" not in page
    assert "families.meeting_shared" not in page  # no internal names
    data = dict.fromkeys(
        client.get(reverse("notification_choices")).context["form"].fields, "portal"
    )
    data["safety__accident"] = "portal"  # not offered: ignored
    response = client.post(reverse("notification_choices"), data)
    assert response.status_code == 302
    chosen = dict(
        NotificationPreference.objects.filter(user=cast.parent_a).values_list("kind", "channel")
    )
    assert chosen["families.meeting_shared"] == "portal"
    assert "safety.accident" not in chosen
    assert "families.parent_comment" not in chosen  # a staff kind


def test_staff_choose_among_the_staff_kinds(cast, client_for):
    page = client_for(cast.key_person).get(reverse("notification_choices")).text
    assert "Messages from parents" in page
    assert "Key-person meeting records" not in page


# The email queue: retries and kept failures.


def test_a_refused_email_is_retried_then_kept_for_the_manager(cast, client_for, settings):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.RefusingBackend"}}
    settings.MAIL_RETRY_DELAYS = [0, 0]
    meeting_shared([cast.parent_a], cast)
    run_tasks()
    kept = KeptEmail.objects.get()
    assert (kept.to, kept.attempts) == (cast.parent_a.email, 3)
    assert "mail server is down" in kept.error
    assert "meeting record for Ada" in kept.subject
    # The manager sees it counted on the dashboard and listed.
    manager = client_for(cast.manager)
    dashboard = manager.get(reverse("dashboard")).text
    assert "Emails not sent" in dashboard
    listing = manager.get(reverse("kept_emails")).text
    assert cast.parent_a.email in listing
    # Once the server works again, the manager sends it again.
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    with committed():
        manager.post(reverse("kept_email_resend", kwargs={"pk": kept.pk}))
        manager.post(reverse("kept_email_resend", kwargs={"pk": kept.pk}))  # twice: once
    run_tasks()
    assert [m.to for m in mail.outbox] == [[cast.parent_a.email]]
    kept.refresh_from_db()
    assert kept.resent_at is not None


def test_a_retry_waits_for_its_delay(cast, settings):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.RefusingBackend"}}
    settings.MAIL_RETRY_DELAYS = [60]
    meeting_shared([cast.parent_a], cast)
    run_tasks()
    retry = DBTaskResult.objects.filter(status="READY").get()
    assert retry.run_after > timezone.now() + timedelta(seconds=50)
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert not KeptEmail.objects.exists()


def test_a_message_that_fails_once_is_sent_on_the_retry(cast, settings):
    FlakyBackend.calls = 0
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.FlakyBackend"}}
    settings.MAIL_RETRY_DELAYS = [0]
    meeting_shared([cast.parent_a], cast)
    run_tasks()
    assert [m.to for m in mail.outbox] == [[cast.parent_a.email]]
    assert not KeptEmail.objects.exists()


def test_a_kept_sign_in_link_is_not_kept_in_the_clear(cast, settings):
    from nursery import mail as portal_mail

    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.RefusingBackend"}}
    settings.MAIL_RETRY_DELAYS = []
    portal_mail.queue(
        [portal_mail.message(to="x@example.org", subject="Reset", body="/reset/abc/", secret=True)]
    )
    run_tasks()
    kept = KeptEmail.objects.get()
    assert "/reset/abc/" not in kept.body


# The password reset: the page sends nothing itself.


def test_the_reset_page_only_enqueues_whatever_the_address(client, cast):
    for email in (cast.parent_a.email, "ghost@example.org"):
        with CaptureQueriesContext(transaction.get_connection()) as queries:
            response = client.post(reverse("password_reset"), {"email": email})
        assert response.status_code == 302
        # No lookup of the address in the request: one insert into the queue.
        assert not any('"nursery_user"' in q["sql"] for q in queries.captured_queries)
    assert mail.outbox == []
    assert len(waiting_tasks("password_reset_send")) == 2
    run_tasks()
    [email] = mail.outbox
    assert email.to == [cast.parent_a.email]
    assert "/accounts/password/reset/" in email.body


# The digest and the daily round.


def test_the_digest_gathers_a_persons_waiting_items_in_one_email(cast):
    NotificationPreference.objects.create(
        user=cast.key_person, kind="families.message", channel=Channel.DIGEST
    )
    NotificationPreference.objects.create(
        user=cast.key_person, kind="families.absence", channel=Channel.DIGEST
    )
    with committed():
        for kind in ("families.message", "families.absence"):
            notify(recipients=[cast.key_person], kind=kind, child=cast.child_a, url="/")
    run_tasks()
    assert mail.outbox == []
    with committed():
        run_daily_jobs()
    run_tasks()
    [email] = [m for m in mail.outbox if m.to == [cast.key_person.email]]
    assert "2 new things" in email.subject
    assert "A parent sent a message about Ada" in email.body
    assert "A parent says Ada will be away" in email.body
    # Each item goes in one digest only.
    with committed():
        run_daily_jobs()
    run_tasks()
    assert len([m for m in mail.outbox if m.to == [cast.key_person.email]]) == 1


def test_the_daily_round_runs_each_apps_job_and_enqueues_the_next(cast):
    ran = []

    def job(*, today):
        ran.append(today)

    with register_temporarily(daily_job, job, key="tests.job", title="A job"):
        daily_round.enqueue()
        run_tasks()
    assert ran == [timezone.localdate()]
    [next_one] = DBTaskResult.objects.filter(status="READY", task_path=daily_round.module_path)
    assert next_one.run_after == next_round_at()
    # Scheduling again while one waits adds nothing.
    assert schedule_daily_round() == next_one.run_after
    assert DBTaskResult.objects.filter(status="READY").count() == 1


def test_the_round_is_at_seven_the_next_morning(settings):
    tz = timezone.get_current_timezone()
    evening = timezone.make_aware(datetime(2026, 3, 2, 19, 0), tz)
    early = timezone.make_aware(datetime(2026, 3, 2, 6, 0), tz)
    assert timezone.localtime(next_round_at(evening)).replace(tzinfo=None) == datetime(
        2026, 3, 3, 7, 0
    )
    assert timezone.localtime(next_round_at(early)).replace(tzinfo=None) == datetime(
        2026, 3, 2, 7, 0
    )


def test_a_kind_registered_for_a_while_can_be_told(cast):
    with register_temporarily(
        notification_kind,
        key="tests.kind",
        title="A test kind",
        message="Something for %(child)s",
        audience="parents",
    ):
        with committed():
            notify(recipients=[cast.parent_a], kind="tests.kind", child=cast.child_a, url="/")
        run_tasks()
    assert mail.outbox[0].subject.endswith("Something for Ada")


def test_allauths_emails_are_queued_not_sent_in_the_request(rf, cast):
    from allauth.account.adapter import get_adapter
    from allauth.core.context import request_context

    request = rf.get("/")
    request.user = cast.parent_a
    with request_context(request), committed():
        get_adapter(request).send_mail(
            "account/email/password_changed", cast.parent_a.email, {"user": cast.parent_a}
        )
    assert mail.outbox == []
    assert len(waiting_tasks("send_messages")) == 1
    run_tasks()
    assert [m.to for m in mail.outbox] == [[cast.parent_a.email]]
