"""Rules compiled to SQL once (`nursery.queries.compiled_rows`): what people
rely on is that each person still reads exactly their own rows, as they are
at that moment, and that a rule which would carry one person's values, the
clock or the setting's configuration into another's query is refused when
it is compiled rather than run."""

from datetime import date, timedelta

import pytest
import time_machine
from dateutil.relativedelta import relativedelta
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from families.models import Child, ParentLink
from families.panels import ANSWERS_FOR_DAYS, _waiting_query, _waiting_rows
from families.selectors import _parents_children, details_due_before
from nursery.models import SiteConfig, User
from nursery.queries import (
    CompiledList,
    NotCompilable,
    compiled_counts,
    compiled_rows,
    count_many,
    fixed,
    forget_built_rules,
)
from tests.conftest import MEMBERS
from tests.factories import (
    ChildFactory,
    ParentFactory,
    ParentLinkFactory,
    PracticalDetailsFactory,
)
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


def _named_but(ids, others):
    again = Child.objects.filter(pk__in=ids).values("pk")
    return (
        Child.objects.filter(pk__in=ids).exclude(pk__in=others).filter(pk__in=again).order_by("pk")
    )


def test_sets_of_ids_used_twice_or_excluded_find_the_same_rows(cast):
    """A set of ids is one parameter on PostgreSQL (`= ANY(%s)`, not
    hundreds of `%s`), and finds the rows `IN (...)` finds, wherever the
    rule uses it: twice, excluded, in a subquery."""
    children = [cast.child_a, cast.child_b, *ChildFactory.create_batch(5)]
    ids = [c.pk for c in children]
    for n, m in ((0, 0), (1, 0), (3, 1), (7, 2), (5, 5)):
        with CaptureQueriesContext(connection) as queries:
            rows = compiled_rows("test.named_but", _named_but, ids=ids[:n], others=ids[:m])
        assert rows == list(_named_but(ids[:n], ids[:m])), (n, m)
        if connection.vendor == "postgresql" and n > 1:
            assert queries[0]["sql"].count("= ANY(") == (3 if m > 1 else 2), (n, m)


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


# Figures counted in one compiled query (`compiled_counts`) ----------------


def _home_counts_of(user):
    from nursery.registry import _figures_registered, home_panels

    counting = tuple(
        (p.key, p.counts) for p in home_panels if user.role in p.roles and p.counts is not None
    )
    return counting, _figures_registered()


def test_the_home_figures_are_those_counted_as_built(cast):
    """Every member of the cast: the figures of their home page, counted in
    the compiled query, are the figures counted from the querysets as
    built for them (the manager's "needs your attention", the DSL's and
    the manager's safeguarding figures, the requests for data)."""
    from nursery.registry import _home_counts

    for member in _people(cast):
        user = _fresh_user(member)
        counting, figures = _home_counts_of(user)
        with SiteConfig.loaded_once():
            compiled = compiled_counts(
                "test.home_counts",
                _home_counts,
                reads_config=True,
                user=user,
                counting=fixed(counting),
                figures=fixed(figures),
            )
            built = count_many(_home_counts(user, counting, figures))
        assert compiled == built, member


def _details_unconfirmed():
    from families.selectors import details_unconfirmed

    return {"unconfirmed": details_unconfirmed()}


def test_a_moment_worked_out_from_the_clock_is_worked_out_on_each_run(cast):
    """Details confirmed six months ago at noon fall due at noon, not at
    the start of the day the rule was compiled on."""
    from families.models import PracticalDetails

    config = SiteConfig.load()
    config.details_confirm_months = 6
    config.save()
    PracticalDetails.objects.filter(child__in=[cast.child_a, cast.child_b]).delete()
    noon = timezone.make_aware(timezone.datetime(2031, 3, 10, 12, 0))
    PracticalDetailsFactory(child=cast.child_a, last_confirmed_at=noon - relativedelta(months=6))
    PracticalDetailsFactory(child=cast.child_b, last_confirmed_at=noon)

    def unconfirmed():
        with SiteConfig.loaded_once():
            return compiled_counts("test.details", _details_unconfirmed, reads_config=True)[
                "unconfirmed"
            ]

    with time_machine.travel(noon - timedelta(hours=3), tick=False):
        before = unconfirmed()
    with time_machine.travel(noon + timedelta(hours=3), tick=False):
        after = unconfirmed()
    assert after == before + 1
    with time_machine.travel(noon + timedelta(hours=3), tick=False):
        assert after == count_many(_details_unconfirmed())["unconfirmed"]


def test_a_change_of_the_configuration_compiles_the_figures_anew(cast):
    from families.models import PracticalDetails

    PracticalDetails.objects.filter(child=cast.child_a).update(
        last_confirmed_at=timezone.now() - relativedelta(months=4)
    )

    def unconfirmed(months):
        config = SiteConfig.load()
        config.details_confirm_months = months
        config.save()
        with SiteConfig.loaded_once():
            return compiled_counts("test.details", _details_unconfirmed, reads_config=True)[
                "unconfirmed"
            ]

    assert unconfirmed(3) == unconfirmed(6) + 1


def _meetings_overdue():
    from families.selectors import meetings_overdue

    return {"overdue": meetings_overdue()}


def test_figures_that_read_the_configuration_unasked_are_refused(cast):
    with pytest.raises(NotCompilable):
        compiled_counts("test.meetings", _meetings_overdue)
    with SiteConfig.loaded_once():
        assert compiled_counts("test.meetings", _meetings_overdue, reads_config=True) == count_many(
            _meetings_overdue()
        )


# Lists paginated through compiled rules (`CompiledList`) -------------------


def _children_named(user, word):
    qs = Child.objects.visible_to(user)
    if word is not None:
        qs = qs.filter(first_name__icontains=word)
    return qs.order_by("first_name", "pk")


def test_a_compiled_list_pages_as_the_queryset_does(cast):
    from django.core.paginator import Paginator

    for i in range(7):
        ChildFactory(first_name=f"Robin{i}")
    ChildFactory(first_name="Per%cent_")
    for member in _people(cast):
        user = _fresh_user(member)
        for word in (None, "robin", "ROBIN3", "%", "_", "nobody"):
            compiled = Paginator(
                CompiledList("test.named", _children_named, user=user, word=word), 3
            )
            built = Paginator(_children_named(user, word), 3)
            assert compiled.count == built.count, (member, word)
            for number in compiled.page_range:
                assert list(compiled.page(number)) == list(built.page(number)), (member, word)


def test_the_last_page_of_a_longer_list_shows_every_row(cast):
    """The last page is read as far as a longer list would go: a row added
    between the count and the page does not push a row off it."""
    from django.core.paginator import Paginator

    for i in range(4):
        ChildFactory(first_name=f"Robin{i}")
    user = _fresh_user(cast.manager)
    for extra in range(3):
        paginator = Paginator(
            CompiledList("test.named", _children_named, user=user, word="robin"), 3
        )
        last = paginator.page(paginator.num_pages)
        assert [c.first_name for c in last] == [
            c.first_name for c in _children_named(user, "robin")[3:6]
        ]
        ChildFactory(first_name=f"Robin{4 + extra}")


def _unordered(user):
    return Child.objects.visible_to(user).order_by()


def test_an_unordered_list_is_refused_rather_than_paged(cast):
    from django.core.paginator import Paginator

    paginator = Paginator(
        CompiledList("test.unordered", _unordered, user=_fresh_user(cast.manager)), 3
    )
    with pytest.raises(NotCompilable):
        paginator.page(1)
