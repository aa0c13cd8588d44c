"""The safeguarding lead's home panel and every list hold an exact number of
queries, the same at 1 and at 50 records, and at most 15 a page."""

from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from nursery.registry import home_panel, panel_alone
from tests.agencies.factories import AgencyFactory
from tests.factories import ChildFactory
from tests.families.factories import CPTaskFactory
from tests.safeguarding.factories import ConcernFactory, ReferralFactory, StatusFactory
from tests.transitions.factories import HandoverFactory
from tests.utils import assert_fixed_queries, count_queries

PAGE_QUERIES = 15


def grow_everything(cast):
    agency = AgencyFactory()

    def grow(n):
        for _ in range(n):
            child = ChildFactory()
            concern = ConcernFactory(child=child, recorded_by=cast.practitioner)
            ConcernFactory(child=child, recorded_by=cast.practitioner, about_staff=cast.key_person)
            ReferralFactory(concern=concern, agency=agency, made_by=cast.dsl)
            StatusFactory(child=child, recorded_by=cast.dsl)
            CPTaskFactory(
                child=child, recorded_by=cast.dsl, due_on=timezone.localdate() + timedelta(3)
            )
            HandoverFactory(child=child, handed_by=cast.dsl)
            # Readings for the audit page.
            ConcernFactory(child=child, recorded_by=cast.key_person)

    return grow


@pytest.mark.parametrize("member", ["dsl", "manager"])
def test_the_to_do_panel_counts_its_figures_in_one_query_whatever_the_data(member, cast):
    user = getattr(cast, member)
    request = RequestFactory().get("/")
    request.user = user
    user.role  # noqa: B018  (read once per request, before the panels)
    grow = grow_everything(cast)
    panel = home_panel.registry.get("safeguarding.to_do")

    def run():
        # On the home page its figures are counted with the other panels'
        # figures, in one query; here on their own, in one query too.
        return panel_alone(panel, request)

    grow(1)
    small = count_queries(run)
    grow(49)
    large = count_queries(run)
    assert small == large == 1
    context = run()
    assert context["status_count"] == 50
    assert context["file_count"] == 50
    assert context["task_count"] == 50
    assert context["tasks_overdue"] == 0
    # Three concerns about each child grown, none decided nor opened; one
    # of them an allegation about the key person, which both leads read.
    assert context["concern_count"] == context["concerns_unopened"] == 150
    assert context["allegations_waiting"] == 50


def test_the_dsls_home_page_holds_its_query_count(cast, client_for):
    client = client_for(cast.dsl)
    response = assert_fixed_queries(
        fetch=lambda: client.get(reverse("home")),
        grow=grow_everything(cast),
    )
    assert "concerns waiting for your decision" in response.content.decode()


def _exact(client, url, grow):
    grow(1)
    client.get(url)  # the first request after logging in does one-off work
    small = count_queries(lambda: client.get(url))
    grow(49)
    large = count_queries(lambda: client.get(url))
    return small, large


# Session, user, role, the audit line, the page's own queries (and the
# pagination count).
PAGES = [
    ("safeguarding:concern_list", "dsl", 5),
    ("safeguarding:referral_list", "dsl", 5),
    ("safeguarding:cp_tasks_due", "dsl", 5),
    ("safeguarding:cp_tasks_due", "manager", 5),
    ("safeguarding:status_children", "dsl", 6),
    ("safeguarding:audit", "dsl", 4),
    ("safeguarding:my_concerns", "practitioner", 4),
    ("safeguarding:concern_list", "manager", 5),
]


@pytest.mark.parametrize(("name", "member", "expected"), PAGES)
def test_each_list_holds_an_exact_query_count(name, member, expected, cast, client_for):
    client = client_for(getattr(cast, member))
    url = reverse(name)
    grow = grow_everything(cast)
    if name == "safeguarding:audit":
        base = grow

        def grow(n):
            base(n)
            from safeguarding.models import Concern

            reader = client_for(cast.dsl)
            for concern in Concern.objects.order_by("-pk")[:n]:
                reader.get(concern.get_absolute_url())

    small, large = _exact(client, url, grow)
    assert (small, large) == (expected, expected)
    # The chronology asks each of its eleven registered sources once.
    assert expected <= PAGE_QUERIES + (4 if name == "safeguarding:chronology" else 0)


def grow_child_a(cast):
    agency = AgencyFactory()

    def grow(n):
        for _ in range(n):
            concern = ConcernFactory(child=cast.child_a, recorded_by=cast.practitioner)
            ReferralFactory(concern=concern, agency=agency, made_by=cast.dsl)
            StatusFactory(child=cast.child_a, recorded_by=cast.dsl)
            CPTaskFactory(child=cast.child_a, recorded_by=cast.dsl)

    return grow


# The chronology asks each registered source once (one query each).
@pytest.mark.parametrize(
    ("name", "expected"), [("safeguarding:child", 7), ("safeguarding:chronology", 15)]
)
@pytest.mark.parametrize("member", ["key_person", "dsl"])
def test_the_childs_pages_hold_an_exact_query_count(name, expected, member, cast, client_for):
    client = client_for(getattr(cast, member))
    url = reverse(name, args=[cast.child_a.pk])
    small, large = _exact(client, url, grow_child_a(cast))
    assert (small, large) == (expected, expected)
    # The chronology asks each of its eleven registered sources once.
    assert expected <= PAGE_QUERIES + (4 if name == "safeguarding:chronology" else 0)
