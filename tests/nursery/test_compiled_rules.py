"""Rules compiled to SQL once (`nursery.queries.compiled_rows`): what people
rely on is that each person still reads exactly their own rows, as they are
at that moment, and that a rule which would carry one person's values, the
clock or the setting's configuration into another's query is refused when
it is compiled rather than run."""

from datetime import date, timedelta

import pytest
import time_machine
from django.db.models import Q
from django.utils import timezone

from families.models import Child, ParentLink
from families.panels import ANSWERS_FOR_DAYS, _waiting_query, _waiting_rows
from families.selectors import _parents_children, details_due_before
from nursery.models import SiteConfig, User
from nursery.queries import NotCompilable, compiled_rows, forget_built_rules
from tests.conftest import MEMBERS
from tests.factories import ChildFactory, ParentFactory, ParentLinkFactory
from tests.families.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh():
    forget_built_rules()
    yield
    forget_built_rules()


def _people(cast):
    """Every signed-in member of the test cast."""
    return [getattr(cast, name) for name in MEMBERS if name != "anon"]


def _visible_children(user):
    return Child.objects.visible_to(user).order_by("pk")


def _fresh_user(user):
    """The account as a request reads it (its role looked up anew)."""
    return User.objects.get(pk=user.pk)


def test_each_person_reads_their_own_rows(cast):
    for member in _people(cast):
        user = _fresh_user(member)
        assert compiled_rows("test.children", _visible_children, user=user) == list(
            _visible_children(user)
        ), member
    # Two parents of the same shape share the SQL, never the rows.
    a = compiled_rows("test.children", _visible_children, user=_fresh_user(cast.parent_a))
    b = compiled_rows("test.children", _visible_children, user=_fresh_user(cast.parent_b))
    assert a == [cast.child_a]
    assert b == [cast.child_b]
    assert (
        compiled_rows("test.children", _visible_children, user=_fresh_user(cast.parent_restricted))
        == []
    )


def test_the_rows_are_those_of_the_moment(cast):
    parent = _fresh_user(cast.parent_b)
    assert compiled_rows("test.children", _visible_children, user=parent) == [cast.child_b]
    sibling = ChildFactory(first_name="Bea", last_name="Bennett")
    ParentLinkFactory(parent=parent, child=sibling)
    assert compiled_rows("test.children", _visible_children, user=parent) == [
        cast.child_b,
        sibling,
    ]
    ParentLink.objects.filter(parent=parent, child=sibling).update(portal_access=False)
    assert compiled_rows("test.children", _visible_children, user=parent) == [cast.child_b]


def _named(ids, since):
    return Child.objects.filter(pk__in=ids, started_on__lte=since).order_by("pk")


def test_lists_of_any_length_and_dates_take_their_places(cast):
    children = [cast.child_a, cast.child_b, *ChildFactory.create_batch(3)]
    today = timezone.localdate()
    for n in (0, 1, 2, 5):
        ids = [c.pk for c in children[:n]]
        assert compiled_rows("test.named", _named, ids=ids, since=today) == list(_named(ids, today))
    # A date before any child started leaves none.
    ids = [c.pk for c in children]
    assert compiled_rows("test.named", _named, ids=ids, since=date(1990, 1, 1)) == []


def test_the_parents_home_rules_match_the_rules_as_built(cast):
    """The parent's children and "Waiting for you", compiled, for every
    member of the cast: the rows of the queryset as built for them."""
    MeetingFactory(child=cast.child_a, shared_at=timezone.now())
    MeetingFactory(child=cast.child_b, shared_at=timezone.now())
    for member in _people(cast):
        user = _fresh_user(member)
        due_before = details_due_before()
        assert compiled_rows(
            "families.parents_children", _parents_children, user=user, due_before=due_before
        ) == list(_parents_children(user, due_before)), member
        ids = [c.pk for c in Child.objects.visible_to(user)]
        since = timezone.now() - timedelta(days=ANSWERS_FOR_DAYS)
        assert _waiting_rows(user, ids) == list(_waiting_query(user, ids, since)), member


def _reads_the_clock(user):
    return Child.objects.visible_to(user).filter(created_at__lte=timezone.now())


def _works_out_a_date(since):
    return Child.objects.filter(started_on__lte=since - timedelta(days=1))


def _runs_a_query(user):
    return Child.objects.filter(pk__in=list(Child.objects.visible_to(user).values_list("pk")))


def _reads_the_configuration(since):
    weeks = SiteConfig.load().meeting_interval_weeks
    return Child.objects.filter(started_on__lte=since).filter(Q(pk__gte=weeks) | Q(pk__lt=weeks))


def _reads_an_email(user):
    return ParentLink.objects.filter(parent__email=user.email)


@pytest.mark.parametrize(
    "build, inputs",
    [
        (_reads_the_clock, "user"),
        (_works_out_a_date, "since"),
        (_runs_a_query, "user"),
        (_reads_the_configuration, "since"),
        (_reads_an_email, "user"),
    ],
)
def test_a_rule_that_reads_more_than_its_inputs_is_refused(cast, build, inputs):
    values = {"user": _fresh_user(cast.parent_a), "since": timezone.localdate()}
    with pytest.raises(NotCompilable):
        compiled_rows(f"test.{build.__name__}", build, **{inputs: values[inputs]})


def test_a_rule_reading_the_clock_is_refused_even_when_a_test_stops_time(cast):
    with time_machine.travel(timezone.now(), tick=False), pytest.raises(NotCompilable):
        compiled_rows("test.clock", _reads_the_clock, user=_fresh_user(cast.parent_a))


def _started_by_today():
    return Child.objects.filter(started_on__lte=timezone.localdate()).order_by("pk")


def test_a_rule_of_the_day_moves_on_with_the_day(cast):
    day = date(2031, 3, 10)
    newcomer = ChildFactory(started_on=day + timedelta(days=1))
    with time_machine.travel(day, tick=False):
        assert newcomer not in compiled_rows("test.today", _started_by_today)
    with time_machine.travel(day + timedelta(days=1), tick=False):
        assert newcomer in compiled_rows("test.today", _started_by_today)


def test_an_account_of_another_role_gets_its_own_sql(cast):
    """A parent and a member of staff never share a compiled rule: the
    role decides the rule's shape."""
    parent = _fresh_user(ParentFactory())
    assert compiled_rows("test.children", _visible_children, user=parent) == []
    staff = _fresh_user(cast.key_person)
    assert len(compiled_rows("test.children", _visible_children, user=staff)) == 2


def _one_child(user, pk):
    return Child.objects.visible_to(user).filter(pk=pk)


def test_an_id_out_of_the_databases_range_matches_nothing(cast):
    """An id typed in a URL beyond what an integer column holds finds no
    row, as Django's own lookups say, rather than the database refusing
    the number."""
    user = _fresh_user(cast.parent_a)
    assert compiled_rows("test.one", _one_child, user=user, pk=2**70) == []
    assert compiled_rows("test.one", _one_child, user=user, pk=cast.child_a.pk) == [cast.child_a]
