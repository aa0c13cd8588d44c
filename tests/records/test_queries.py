"""The lists of records and rights run the same number of queries at 1 row
and at 50."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from records.models import LegalHold, SubjectAccessRequest
from tests.factories import ParentFactory, ParentLinkFactory
from tests.records.factories import make_prepared, make_request, make_rights
from tests.utils import assert_columns_unread, assert_recorded_count


def queries_at_1_and_50(fetch, grow):
    fetch()  # the first page of a session reads what later pages find cached
    counts = []
    for n in (1, 49):
        grow(n)
        with CaptureQueriesContext(connection) as ctx:
            response = fetch()
        assert response.status_code == 200
        counts.append(len(ctx))
    return counts


def parents(n):
    return ParentFactory.create_batch(n)


@pytest.mark.parametrize(("member", "expected"), [("manager", 4), ("dsl", 4)])
def test_request_list_queries_are_exact(member, expected, cast, client_for):
    client = client_for(getattr(cast, member))
    counts = queries_at_1_and_50(
        lambda: client.get(reverse("records:request_list")),
        lambda n: [make_request(p) for p in parents(n)],
    )
    assert counts == [expected, expected]


def test_my_requests_queries_are_exact(cast, client_for):
    client = client_for(cast.parent_a)

    def grow(n):
        for _ in range(n):
            sar = make_request(cast.parent_a)
            sar.withdrawn_at = sar.created_at
            sar.save()

    assert queries_at_1_and_50(lambda: client.get(reverse("records:my_requests")), grow) == [3, 3]


def test_rights_list_queries_are_exact(cast, client_for):
    client = client_for(cast.manager)

    def grow(n):
        for p in parents(n):
            ParentLinkFactory(parent=p, child=cast.child_b)
            make_rights(cast.child_b, p, cast.manager)

    counts = queries_at_1_and_50(lambda: client.get(reverse("records:rights_list")), grow)
    assert counts == [4, 4]


def test_retention_page_queries_are_exact(cast, client_for):
    client = client_for(cast.manager)

    def grow(n):
        for _ in range(n):
            LegalHold.objects.create(child=cast.child_a, reason="A claim", placed_by=cast.manager)

    counts = queries_at_1_and_50(lambda: client.get(reverse("records:retention")), grow)
    assert counts == [6, 6]


@pytest.mark.parametrize("member", ["manager", "dsl", "parent_a"])
def test_home_with_requests_takes_its_recorded_queries(member, cast, client_for):
    client = client_for(getattr(cast, member))
    counts = queries_at_1_and_50(
        lambda: client.get(reverse("home")),
        lambda n: [make_request(p) for p in [cast.parent_a] * min(n, 1) + parents(n - 1)],
    )
    assert counts[0] == counts[1]
    assert_recorded_count(counts[0])


def test_dashboard_with_requests_takes_its_recorded_queries(cast, client_for):
    client = client_for(cast.manager)
    counts = queries_at_1_and_50(
        lambda: client.get(reverse("dashboard")),
        lambda n: [make_request(p) for p in parents(n)],
    )
    assert counts[0] == counts[1]
    assert_recorded_count(counts[0])


@pytest.mark.parametrize(
    ("member", "name"),
    [
        ("parent_a", "home"),
        ("parent_a", "records:my_requests"),
        ("manager", "home"),
        ("manager", "records:request_list"),
        ("dsl", "home"),
        ("dsl", "records:request_list"),
    ],
)
def test_lists_and_panels_of_requests_leave_the_pack_unread(member, name, cast, client_for):
    """A prepared pack is the whole record, often hundreds of kilobytes: the
    pages that list requests show the request, not the pack, and never read
    it (nor ask for it row by row)."""
    make_prepared(cast.parent_a, cast.manager, delivered=True)
    make_prepared(cast.parent_b, cast.manager)
    client = client_for(getattr(cast, member))
    assert_columns_unread(
        lambda: client.get(reverse(name)), SubjectAccessRequest, "pack_html", "pack_data"
    )
