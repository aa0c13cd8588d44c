"""The whole setting's follow-up rules, a key person's follow-up marks and
"children of everyday lists" are built once a day in each process
(`nursery.queries.built_once`): what people rely on is that every page still
reads the rows of the moment, the day's dates and the setting's intervals as
they are now."""

from datetime import date, timedelta

import pytest
import time_machine
from django.utils import timezone

from families.models import Child
from families.selectors import (
    meetings_overdue,
    two_year_checks_due,
    with_follow_up_marks,
)
from nursery.dates import months_before
from nursery.models import SiteConfig
from tests.factories import ChildFactory
from tests.families.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def test_a_rule_built_once_reads_the_rows_of_the_moment():
    child = ChildFactory(started_on=timezone.localdate() - timedelta(days=200))
    first = meetings_overdue()
    assert child in list(first)
    # A meeting held now takes the child off the list at once.
    MeetingFactory(child=child, held_on=timezone.localdate())
    again = meetings_overdue()
    assert again is not first
    assert again._result_cache is None  # a copy of its own, never read before
    assert child not in list(again)
    # A child who joins long ago is on it at once.
    newcomer = ChildFactory(started_on=timezone.localdate() - timedelta(days=300))
    assert newcomer in list(meetings_overdue())


def test_a_rule_built_once_moves_on_with_the_day():
    day = date(2031, 3, 10)
    # Twenty-four months old on 10 April 2031: not yet due a check on
    # 10 March, due on 10 May.
    child = ChildFactory(
        date_of_birth=months_before(date(2031, 4, 10), 24), started_on=date(2030, 1, 6)
    )
    with time_machine.travel(day, tick=False):
        assert child not in set(two_year_checks_due())
    with time_machine.travel(day + timedelta(days=61), tick=False):
        assert child in set(two_year_checks_due())


def test_the_follow_up_marks_follow_the_meeting_interval_as_it_is_now():
    child = ChildFactory(started_on=timezone.localdate() - timedelta(days=400))
    MeetingFactory(child=child, held_on=timezone.localdate() - timedelta(weeks=5))

    def marked():
        return with_follow_up_marks(Child.objects.filter(pk=child.pk)).get()

    SiteConfig.objects.update_or_create(pk=1, defaults={"meeting_interval_weeks": 8})
    assert not marked().is_meeting_overdue
    SiteConfig.objects.filter(pk=1).update(meeting_interval_weeks=4)
    assert marked().is_meeting_overdue
    SiteConfig.objects.filter(pk=1).update(meeting_interval_weeks=8)
    assert not marked().is_meeting_overdue


def test_children_of_everyday_lists_are_those_of_the_day():
    today = timezone.localdate()
    leaving = ChildFactory(leaving_on=today + timedelta(days=1))
    assert leaving in set(Child.objects.current())
    assert leaving in set(Child.objects.here())
    with time_machine.travel(today + timedelta(days=2), tick=False):
        assert leaving not in set(Child.objects.current())
        assert leaving not in set(Child.objects.here())
