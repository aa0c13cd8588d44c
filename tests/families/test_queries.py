"""Home panels, lists and follow-up pages hold a fixed number of queries at
1 and at 50 records."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from families.models import HouseholdRead
from nursery.dates import months_before
from tests.factories import (
    ChildFactory,
    KeyPersonAssignmentFactory,
    ParentFactory,
    ParentLinkFactory,
)
from tests.families.factories import (
    ActionFactory,
    CommentFactory,
    CPTaskFactory,
    MeetingFactory,
    MeetingRequestFactory,
    NoticeFactory,
    ReviewFactory,
    SessionFactory,
    SettlingPlanFactory,
    SupportPlanFactory,
    TargetFactory,
)
from tests.utils import assert_fixed_queries


def long_ago(days=200):
    return timezone.localdate() - timedelta(days=days)


def key_child(cast, n):
    """A key child of `cast.key_person`, overdue a meeting, due a check, with
    a request, an absence today and an unseen message."""
    child = ChildFactory(
        date_of_birth=months_before(timezone.localdate(), 28), started_on=long_ago()
    )
    KeyPersonAssignmentFactory(child=child, practitioner=cast.key_person)
    MeetingFactory(child=child, held_on=long_ago(100))
    MeetingRequestFactory(child=child, requested_by=cast.parent_a)
    NoticeFactory(child=child, sent_by=cast.parent_a)
    return child


def grow_key_children(cast):
    return lambda n: [key_child(cast, i) for i in range(n)]


@pytest.mark.parametrize("member", ["key_person", "manager"])
def test_staff_home_page_holds_its_query_count(member, cast, client_for):
    client = client_for(getattr(cast, member))
    assert_fixed_queries(
        fetch=lambda: client.get(reverse("home")),
        grow=grow_key_children(cast),
    )


def test_parent_home_page_holds_its_query_count(cast, client_for):
    client = client_for(cast.parent_a)

    def grow(n):
        for _ in range(n):
            child = ChildFactory()
            ParentLinkFactory(parent=cast.parent_a, child=child)
            ActionFactory(meeting=MeetingFactory(child=child))
            ReviewFactory(child=child, kind="two_year")
            SupportPlanFactory(child=child)
            SettlingPlanFactory(child=child)
            NoticeFactory(
                child=child,
                sent_by=cast.parent_a,
                replied_at=timezone.now(),
                reply="Thanks",
                replied_by=cast.key_person,
            )

    response = assert_fixed_queries(
        fetch=lambda: client.get(reverse("home")),
        grow=grow,
    )
    assert "Waiting for you" in response.content.decode()


def per_child_list(name, make, members=("key_person",)):
    @pytest.mark.parametrize("member", members)
    def test(member, cast, client_for):
        client = client_for(getattr(cast, member))
        assert_fixed_queries(
            fetch=lambda: client.get(reverse(name, args=[cast.child_a.pk])),
            grow=lambda n: [make(cast) for _ in range(n)],
        )

    return test


# The lists of records shared with the family, as staff and as a parent see
# them, each record read in a home of its own.
SHARED_LIST_READERS = ("key_person", "parent_a")


def _meeting(cast):
    meeting = ActionFactory(meeting=MeetingFactory(child=cast.child_a)).meeting
    MeetingRequestFactory(child=cast.child_a, requested_by=cast.parent_a)
    _read_in_a_new_home(meeting)


def _review(cast):
    _read_in_a_new_home(ReviewFactory(child=cast.child_a))


def _plan(cast):
    _read_in_a_new_home(TargetFactory(plan=SupportPlanFactory(child=cast.child_a)).plan)


test_meetings_list_holds_its_query_count = per_child_list(
    "families:meetings", _meeting, SHARED_LIST_READERS
)
test_reviews_list_holds_its_query_count = per_child_list(
    "families:reviews", _review, SHARED_LIST_READERS
)
test_plans_list_holds_its_query_count = per_child_list("families:plans", _plan, SHARED_LIST_READERS)
test_messages_list_holds_its_query_count = per_child_list(
    "families:notices", lambda cast: NoticeFactory(child=cast.child_a, sent_by=cast.parent_a)
)
test_child_protection_list_holds_its_query_count = per_child_list(
    "families:cp_tasks", lambda cast: CPTaskFactory(child=cast.child_a)
)


@pytest.mark.parametrize(
    "name",
    [
        "families:meetings_overdue",
        "families:checks_due",
        "families:reviews_due",
        "families:inbox",
    ],
)
def test_follow_up_lists_hold_their_query_count(name, cast, client_for):
    client = client_for(cast.manager)

    def grow(n):
        for i in range(n):
            child = key_child(cast, i)
            overdue = ChildFactory(
                date_of_birth=months_before(timezone.localdate(), 40),
                started_on=long_ago(500),
            )
            KeyPersonAssignmentFactory(child=overdue, practitioner=cast.practitioner)
            assert child.pk

    response = assert_fixed_queries(
        fetch=lambda: client.get(reverse(name)),
        grow=grow,
    )
    assert response.status_code == 200


def test_the_current_key_person_is_joined_to_each_child_in_the_same_query(
    cast, django_assert_num_queries
):
    """A child whose key person changed shows the new one, a child without
    one shows none, and neither asks the database again."""
    from families.models import Child
    from families.services import key_person_assign

    changed, without = ChildFactory(), ChildFactory()
    KeyPersonAssignmentFactory(child=changed, practitioner=cast.practitioner)
    key_person_assign(
        child=changed,
        practitioner=cast.key_person,
        started_on=timezone.localdate(),
        by=cast.manager,
    )
    with django_assert_num_queries(1):
        children = {
            c.pk: c for c in Child.objects.filter(pk__in=[changed.pk, without.pk]).with_key_person()
        }
        assert children[changed.pk].key_person == cast.key_person
        assert children[without.pk].key_person is None
        assert children[without.pk].key_person_assignment is None


@pytest.mark.parametrize("role", ["key_person", "manager"])
def test_key_children_are_marked_for_the_key_persons_panel_and_a_manager_pays_only_with_some(
    cast, role, django_assert_num_queries
):
    """A practitioner's key children are read with their follow-up marks in
    one query; a manager's are marked by a second query only when they are
    someone's key person, so a manager who is nobody's builds no marks."""
    from django.test import RequestFactory

    from families.selectors import key_children, marked_key_children
    from nursery.models import SiteConfig

    person = getattr(cast, role)
    person.role  # noqa: B018  (read once per request, before the panels)

    def request():
        made = RequestFactory().get("/")
        made.user = person
        return made

    with SiteConfig.loaded_once():
        SiteConfig.load()
        if role == "manager":
            with django_assert_num_queries(1):
                assert marked_key_children(request()) == []
        never_met = ChildFactory(first_name="Never", last_name="Met")
        KeyPersonAssignmentFactory(child=never_met, practitioner=person)
        asked = request()
        with django_assert_num_queries(1 if role == "key_person" else 2):
            marked = {child.pk: child for child in marked_key_children(asked)}
            assert key_children(asked)  # read once for the request
        assert marked[never_met.pk].is_meeting_overdue
        assert marked[never_met.pk].last_meeting is None
        assert marked[never_met.pk].is_current


# The child's partnership pages: the lists of records and each record, with
# its rows and each home's confirmation of reading.

_homes = iter(range(10, 10_000))


def _read_in_a_new_home(record):
    """Another adult, in a home of their own, has read `record`."""
    adult = ParentFactory()
    home = next(_homes)
    ParentLinkFactory(parent=adult, child=record.child, household=home)
    HouseholdRead.objects.create(record=record, household=home, read_by=adult)
    CommentFactory(record=record, written_by=adult, text="A VIEW FROM ANOTHER HOME")


def _grow_rows(record, add_row):
    def grow(n):
        for _ in range(n):
            add_row(record)
            _read_in_a_new_home(record)

    return grow


@pytest.mark.parametrize("member", ["key_person", "parent_a"])
@pytest.mark.parametrize(
    ("kind", "make", "add_row"),
    [
        ("meeting", MeetingFactory, lambda record: ActionFactory(meeting=record)),
        ("review", ReviewFactory, lambda record: None),
        ("plan", SupportPlanFactory, lambda record: TargetFactory(plan=record)),
        ("settling", SettlingPlanFactory, lambda record: SessionFactory(plan=record)),
    ],
    ids=["meeting", "review", "plan", "settling"],
)
def test_each_shared_record_holds_its_query_count(member, kind, make, add_row, cast, client_for):
    record = make(child=cast.child_a)
    args = [cast.child_a.pk] if kind == "settling" else [cast.child_a.pk, record.pk]
    url = reverse(
        "families:settling" if kind == "settling" else f"families:{kind}_detail", args=args
    )
    client = client_for(getattr(cast, member))
    response = assert_fixed_queries(fetch=lambda: client.get(url), grow=_grow_rows(record, add_row))
    # A parent is shown their own home's confirmation, never another's.
    html = response.content.decode()
    shown = html.count("Read by ")
    assert shown == (50 if member == "key_person" else 0)
    # So too each adult's view: staff read every home's, a parent none of another's.
    assert html.count("A VIEW FROM ANOTHER HOME") == (50 if member == "key_person" else 0)
