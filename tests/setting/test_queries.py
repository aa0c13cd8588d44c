"""List, home and dashboard pages hold a fixed number of queries however
much data lies behind them."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from nursery.setting.models import Announcement, Policy
from tests.factories import ChildFactory, ParentLinkFactory
from tests.setting.factories import (
    AnnouncementFactory,
    CommunicationNeedsFactory,
    ComplaintFactory,
    ConsultationFactory,
    ConsultationResponseFactory,
    EventFactory,
    EventSignupFactory,
    PolicyFactory,
    SuggestionFactory,
)
from tests.utils import (
    assert_columns_unread,
    assert_fixed_queries,
)


def _setting_grows(cast, n):
    """n more of everything the manager's dashboard and the lists count."""
    today = timezone.localdate()
    for _ in range(n):
        PolicyFactory(
            last_reviewed_on=today - timedelta(days=400), next_review_due=today - timedelta(days=2)
        )
        ComplaintFactory(complainant=cast.parent_a, received_on=today - timedelta(days=25))
        ChildFactory(room=cast.child_a.room)
        SuggestionFactory(parent=cast.parent_a)
        event = EventFactory(room=cast.child_a.room)
        signup = EventSignupFactory(event=event, parent=cast.parent_a)
        signup.children.add(cast.child_a)
        AnnouncementFactory()
        ConsultationFactory()


PAGES = [
    ("manager", "dashboard"),
    ("manager", "details_unconfirmed"),
    ("manager", "home"),
    ("parent_a", "home"),
    ("key_person", "home"),
    ("parent_a", "policies"),
    ("manager", "policies"),
    ("manager", "policies_overdue"),
    ("parent_a", "events"),
    ("manager", "events"),
    ("parent_a", "consultations"),
    ("manager", "consultations"),
    ("parent_a", "suggestions"),
    ("manager", "suggestions"),
    ("parent_a", "complaints"),
    ("manager", "complaints"),
    ("manager", "complaints_due"),
    ("manager", "complaints_print"),
    ("parent_a", "announcements"),
    ("manager", "announcements"),
]


@pytest.mark.parametrize(("member", "name"), PAGES)
def test_page_has_a_fixed_query_count(member, name, cast, client_for):
    client = client_for(getattr(cast, member))
    assert_fixed_queries(
        fetch=lambda: client.get(reverse(name)),
        grow=lambda n: _setting_grows(cast, n),
    )


def test_event_page_with_its_signups_has_a_fixed_query_count(cast, client_for):
    event = EventFactory(room=cast.child_a.room)
    client = client_for(cast.key_person)

    def grow(n):
        for _ in range(n):
            child = ChildFactory(room=cast.child_a.room)
            parent = ParentLinkFactory(child=child).parent
            CommunicationNeedsFactory(parent=parent)
            EventSignupFactory(event=event, parent=parent).children.add(child)

    assert_fixed_queries(
        fetch=lambda: client.get(reverse("event_detail", args=[event.pk])),
        grow=grow,
    )


def test_consultation_results_have_a_fixed_query_count(cast, client_for):
    consultation = ConsultationFactory()
    client = client_for(cast.manager)

    def grow(n):
        for _ in range(n):
            ConsultationResponseFactory(consultation=consultation, comment="A view")

    assert_fixed_queries(
        fetch=lambda: client.get(reverse("consultation_results", args=[consultation.pk])),
        grow=grow,
    )


def test_announcement_recipients_have_a_fixed_query_count(cast, client_for):
    announcement = AnnouncementFactory(audience=Announcement.Audience.ALL)
    client = client_for(cast.manager)

    def grow(n):
        for _ in range(n):
            parent = ParentLinkFactory(child=ChildFactory()).parent
            CommunicationNeedsFactory(parent=parent)

    assert_fixed_queries(
        fetch=lambda: client.get(reverse("announcement_recipients", args=[announcement.pk])),
        grow=grow,
    )


def test_child_page_with_parents_needs_has_a_fixed_query_count(cast, client_for):
    client = client_for(cast.key_person)

    def grow(n):
        for _ in range(n):
            link = ParentLinkFactory(child=cast.child_a)
            CommunicationNeedsFactory(parent=link.parent)

    assert_fixed_queries(
        fetch=lambda: client.get(cast.child_a.get_absolute_url()),
        grow=grow,
    )


def test_key_children_at_events_cost_the_same_query_with_or_without_signups(cast, client_for):
    """The key person's home names each key child coming to an event, with
    the brothers and sisters coming too, in one query: the same count before
    anyone signs up as after, so the page's budget does not move with the
    data."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(cast.key_person)
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as before:
        assert "Your key children at events" not in client.get(reverse("home")).content.decode()
    event = EventFactory(room=cast.child_a.room, title="Teddy bears' picnic")
    sibling = ChildFactory(first_name="Sam", last_name="Ashworth", room=cast.child_a.room)
    EventSignupFactory(event=event, parent=cast.parent_a).children.add(cast.child_a, sibling)
    EventSignupFactory(event=event, parent=cast.parent_b).children.add(cast.child_b)
    with CaptureQueriesContext(connection) as after:
        html = client.get(reverse("home")).content.decode()
    assert "Teddy bears&#x27; picnic" in html
    assert "with Ada Ashworth, Sam Ashworth" in html
    assert "Ben Bennett" not in html  # not a key child of this person
    assert len(after) == len(before)


@pytest.mark.parametrize(
    ("member", "name"),
    [
        ("parent_a", "home"),
        ("parent_a", "policies"),
        ("manager", "policies"),
        ("manager", "policies_overdue"),
    ],
)
def test_lists_of_policies_leave_their_whole_text_unread(member, name, cast, client_for):
    """A policy's text runs to pages: lists and the parent's "Please read"
    show titles and summaries, and only the policy's own page reads it."""
    today = timezone.localdate()
    PolicyFactory(
        requires_acknowledgement=True,
        next_review_due=today - timedelta(days=2),
        body="THE-WHOLE-TEXT " * 500,
    )
    client = client_for(getattr(cast, member))
    response = assert_columns_unread(lambda: client.get(reverse(name)), Policy, "body")
    assert "THE-WHOLE-TEXT" not in response.content.decode()
