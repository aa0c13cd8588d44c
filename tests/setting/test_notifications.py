"""Who the setting's life tells: families of announcements (from the worker,
the page answering at once with the same queries for one family or fifty),
policies to read, tomorrow's events, their complaint and suggestion; the
managers of a new complaint and, each morning, of what is overdue."""

from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from nursery.models import Channel, Notification
from nursery.notifications import run_daily_jobs
from nursery.setting import services
from nursery.setting.models import Announcement
from tests.factories import ChildFactory, ParentFactory, ParentLinkFactory
from tests.setting.factories import (
    CommunicationNeedsFactory,
    ComplaintFactory,
    EventFactory,
    EventSignupFactory,
    PolicyFactory,
    SuggestionFactory,
)
from tests.utils import committed, emailed, told, waiting_tasks

pytestmark = pytest.mark.django_db


def add_families(n):
    for _ in range(n):
        ParentLinkFactory(parent=ParentFactory(), child=ChildFactory())


def publish(client):
    with committed(), CaptureQueriesContext(connection) as queries:
        response = client.post(
            reverse("announcement_create"),
            {"title": "Closed Monday", "body": "Training day.", "audience": "all"},
        )
    assert response.status_code == 302
    return len(queries)


def test_publishing_to_every_family_takes_the_same_queries_for_one_or_fifty(cast, client_for):
    client = client_for(cast.manager)
    publish(client)  # the first request of a login does its own bookkeeping
    few = publish(client)
    add_families(50)
    many = publish(client)
    # Measured once and held exactly: the page's own bookkeeping, the
    # announcement, its audit line and the one task enqueued.
    assert few == many == 6
    # The request only enqueued the work; nothing was told or sent yet.
    assert not Notification.objects.exists()
    assert mail.outbox == []
    assert len(waiting_tasks("announcement_deliver")) == 3


def test_an_announcement_reaches_every_family_and_emails_those_who_asked(cast, client_for):
    CommunicationNeedsFactory(parent=cast.parent_b, email_announcements=True)
    publish(client_for(cast.manager))
    assert emailed() == [cast.parent_b.email]
    assert told("setting.announcement") == {
        cast.parent_a.email: Channel.PORTAL,
        cast.parent_a_home2.email: Channel.PORTAL,
        cast.parent_b.email: Channel.EMAIL,
    }
    assert Announcement.objects.get().emailed_to == 1


def test_a_new_policy_version_asks_every_family_to_read_it(cast):
    policy = PolicyFactory()
    with committed():
        services.policy_change(policy=policy, by=cast.manager, fields={}, new_version=True)
    assert emailed() == sorted(
        [cast.parent_a.email, cast.parent_a_home2.email, cast.parent_b.email]
    )
    assert "new version of a nursery policy" in mail.outbox[0].body


def test_the_complainant_is_told_of_the_acknowledgement_and_the_outcome(cast):
    complaint = ComplaintFactory(complainant=cast.parent_a, child=cast.child_a)
    today = timezone.localdate()
    with committed():
        services.complaint_progress(
            complaint=complaint,
            by=cast.manager,
            acknowledged_on=today,
            investigation="",
            outcome="",
            outcome_on=None,
        )
        services.complaint_progress(
            complaint=complaint,
            by=cast.manager,
            acknowledged_on=today,
            investigation="Looked",
            outcome="Found",
            outcome_on=today,
        )
    assert list(told("setting.complaint_acknowledged")) == [cast.parent_a.email]
    assert list(told("setting.complaint_outcome")) == [cast.parent_a.email]
    assert emailed() == [cast.parent_a.email] * 2


def test_a_new_complaint_tells_the_managers(cast, client_for):
    with committed():
        client_for(cast.parent_a).post(
            reverse("complaint_create"),
            {"summary": "Lost coat", "details": "Gone.", "child": cast.child_a.pk},
        )
    assert list(told("setting.complaint_made")) == [cast.manager.email]


def test_a_suggestion_answered_is_told_to_its_parent_once(cast):
    suggestion = SuggestionFactory(parent=cast.parent_b)
    with committed():
        services.suggestion_answer(suggestion=suggestion, by=cast.manager, response="Yes")
        services.suggestion_answer(suggestion=suggestion, by=cast.manager, response="Yes!")
    assert emailed() == [cast.parent_b.email]


def test_the_day_before_an_event_its_parents_are_reminded(cast):
    tomorrow = timezone.localdate() + timedelta(days=1)
    at = timezone.make_aware(datetime.combine(tomorrow, time(10)))
    EventSignupFactory(event=EventFactory(starts_at=at), parent=cast.parent_a)
    EventSignupFactory(event=EventFactory(starts_at=at + timedelta(days=2)), parent=cast.parent_b)
    with committed():
        run_daily_jobs()
        run_daily_jobs()
    assert list(told("setting.event_tomorrow")) == [cast.parent_a.email]


def test_the_managers_morning_digest_of_what_is_overdue(cast):
    PolicyFactory(next_review_due=timezone.localdate() - timedelta(days=1))
    with committed():
        run_daily_jobs()
        run_daily_jobs()
    assert list(told("setting.overdue")) == [cast.manager.email]
    assert cast.manager.email in emailed()
