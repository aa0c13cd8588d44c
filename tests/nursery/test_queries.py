"""Counting many things in one query, the first rows with their total, and
the setting's configuration read once per request."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import Count, Max
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from families.models import Child, ParentLink
from nursery.models import SiteConfig, User
from nursery.queries import count_many, once_per_request
from tests.factories import ChildFactory, ParentLinkFactory, RoomFactory

pytestmark = pytest.mark.django_db


def test_count_many_counts_each_queryset_in_one_query(cast):
    room = RoomFactory()
    for _ in range(3):
        ChildFactory(room=room)
    with_two_parents = ChildFactory(room=room)
    ParentLinkFactory(child=with_two_parents)
    ParentLinkFactory(child=with_two_parents)
    querysets = {
        "in_room": Child.objects.filter(room=room),
        # A join that repeats rows, made distinct again.
        "with_parents": Child.objects.filter(room=room, parent_links__isnull=False).distinct(),
        # A grouping with a condition on the aggregate.
        "two_or_more": Child.objects.annotate(n=Count("parent_links")).filter(room=room, n__gte=2),
        "none": User.objects.filter(email="nobody@example.org"),
        "grouped_values": ParentLink.objects.values("child").annotate(latest=Max("pk")),
    }
    with CaptureQueriesContext(connection) as queries:
        counts = count_many(querysets)
    assert len(queries) == 1
    assert counts == {name: qs.count() for name, qs in querysets.items()}
    assert counts["in_room"] == 4
    assert counts["with_parents"] == 1
    assert counts["two_or_more"] == 1
    assert counts["none"] == 0


def test_count_many_of_nothing_asks_nothing():
    with CaptureQueriesContext(connection) as queries:
        assert count_many({}) == {}
    assert len(queries) == 0


def test_count_many_counts_a_queryset_that_can_hold_nothing_as_zero(cast):
    """A person out of scope gets `.none()` from visible_to: counted, not a 500."""
    with CaptureQueriesContext(connection) as queries:
        counts = count_many(
            {
                "none": Child.objects.none(),
                "no_ids": Child.objects.filter(pk__in=[]),
                "out_of_scope": Child.objects.visible_to(AnonymousUser()),
                "all": Child.objects.all(),
            }
        )
    assert counts == {"none": 0, "no_ids": 0, "out_of_scope": 0, "all": 2}
    assert len(queries.captured_queries) == 1


def test_once_per_request_works_an_answer_out_once():
    class Request:
        pass

    request, calls = Request(), []
    for _ in range(3):
        answer = once_per_request(request, "question", lambda: calls.append(1) or 42)
    assert answer == 42
    assert calls == [1]


def test_the_configuration_is_read_once_however_many_panels_ask(cast, client_for):
    client = client_for(cast.manager)
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("home")).status_code == 200
    reads = [q for q in queries.captured_queries if "nursery_siteconfig" in q["sql"]]
    # Read with the logged-in person, in the query every request makes.
    assert len(reads) == 1
    assert "nursery_user" in reads[0]["sql"]


def test_the_configuration_read_with_the_person_is_the_one_on_record(cast, client_for):
    """A change made between two requests shows on the next; before the row
    exists, the page creates it as before."""
    client = client_for(cast.key_person)
    SiteConfig.objects.all().delete()
    assert client.get(reverse("families:meetings_overdue")).status_code == 200
    assert SiteConfig.objects.get().meeting_interval_weeks == 8
    SiteConfig.objects.update(meeting_interval_weeks=3)
    page = client.get(reverse("families:meetings_overdue")).content.decode()
    assert "3 weeks" in page
    SiteConfig.objects.update(meeting_interval_weeks=11)
    page = client.get(reverse("families:meetings_overdue")).content.decode()
    assert "11 weeks" in page
    assert "3 weeks" not in page


def test_a_change_to_the_configuration_shows_on_the_next_request(cast, client_for):
    client = client_for(cast.manager)
    client.get(reverse("home"))
    config = SiteConfig.load()
    config.meeting_interval_weeks = 3
    config.save()
    with SiteConfig.loaded_once():
        assert SiteConfig.load().meeting_interval_weeks == 3
        SiteConfig.objects.filter(pk=1).update(meeting_interval_weeks=5)
        assert SiteConfig.load().meeting_interval_weeks == 3  # read once in the block
    assert SiteConfig.load().meeting_interval_weeks == 5


def test_the_settings_name_is_the_one_set_for_the_portal(cast, client_for, settings):
    settings.NURSERY_NAME = "Little Acorns"
    page = client_for(cast.parent_a).get(reverse("home")).content.decode()
    assert "Little Acorns" in page
    assert str(SiteConfig.load()) == "Little Acorns"
