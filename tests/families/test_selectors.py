"""One selector per rule: every page, panel and list that shows a rule
agrees with the others, because they all call the same selector."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from families.models import PracticalDetails
from families.selectors import (
    details_due_before,
    details_unconfirmed,
    two_year_check_state,
    two_year_checks_overdue,
)
from nursery.dates import add_months, months_before
from tests.factories import ChildFactory

pytestmark = pytest.mark.django_db

OVERDUE = "The progress check at age two is overdue"
DUE = "The progress check at age two is due now"


def born_months_ago(months, extra_days=0):
    return months_before(timezone.localdate(), months) - timedelta(days=extra_days)


def test_a_child_who_joined_after_turning_three_is_not_overdue_anywhere(cast, client_for):
    child = ChildFactory(date_of_birth=born_months_ago(44), started_on=born_months_ago(1))
    assert child not in two_year_checks_overdue()
    assert two_year_check_state(child) is None
    html = client_for(cast.manager).get(reverse("families:reviews", args=[child.pk]))
    assert OVERDUE not in html.content.decode()
    checks = client_for(cast.manager).get(reverse("families:checks_due")).content.decode()
    assert escape(child.display_name) not in checks


def test_a_child_here_before_three_without_the_check_is_overdue_everywhere(cast, client_for):
    child = ChildFactory(date_of_birth=born_months_ago(40), started_on=born_months_ago(20))
    assert child in two_year_checks_overdue()
    assert two_year_check_state(child) == "overdue"
    html = client_for(cast.manager).get(reverse("families:reviews", args=[child.pk]))
    assert OVERDUE in html.content.decode()
    checks = client_for(cast.manager).get(reverse("families:checks_due")).content.decode()
    assert escape(child.display_name) in checks


def test_joining_on_the_third_birthday_is_too_late_for_the_check(cast):
    dob = born_months_ago(40)
    on_birthday = ChildFactory(date_of_birth=dob, started_on=add_months(dob, 36))
    day_before = ChildFactory(date_of_birth=dob, started_on=add_months(dob, 36) - timedelta(days=1))
    overdue = set(two_year_checks_overdue())
    assert on_birthday not in overdue
    assert day_before in overdue


def test_a_child_of_thirty_months_is_due_on_the_child_page_and_the_list(cast, client_for):
    child = ChildFactory(date_of_birth=born_months_ago(30))
    assert two_year_check_state(child) == "due"
    html = client_for(cast.manager).get(reverse("families:reviews", args=[child.pk]))
    assert DUE in html.content.decode()


def test_details_unconfirmed_is_the_same_on_every_page_and_panel(cast, client_for):
    stale = timezone.now() - timedelta(days=400)
    PracticalDetails.objects.filter(child=cast.child_a).update(last_confirmed_at=stale)
    assert list(details_unconfirmed()) == [cast.child_a]
    # The manager's list, and the figure on the home page and the dashboard.
    manager = client_for(cast.manager)
    listing = manager.get(reverse("details_unconfirmed")).content.decode()
    assert cast.child_a.display_name in listing
    assert cast.child_b.display_name not in listing
    for page in ("home", "dashboard"):
        html = manager.get(reverse(page)).content.decode()
        assert "Children whose practical details are not confirmed" in html
        assert reverse("details_unconfirmed") in html
    [dashboard] = [
        panel
        for panel in manager.get(reverse("home")).context["panels"]
        if panel["key"] == "setting.dashboard"
    ]
    figures = {f["key"]: f["count"] for f in dashboard["context"]["figures"]}
    assert figures["setting.details_unconfirmed"] == 1
    # The parent's own panel asks them to check, and only for that child.
    parent_home = client_for(cast.parent_a).get(reverse("home")).content.decode()
    assert "Please check that your child" in parent_home
    other_home = client_for(cast.parent_b).get(reverse("home")).content.decode()
    assert "Please check that your child" not in other_home


def test_the_confirmation_interval_is_counted_in_calendar_months(cast, settings):
    from nursery.models import SiteConfig

    config = SiteConfig.load()
    config.details_confirm_months = 6
    config.save()
    now = timezone.now().replace(year=2026, month=8, day=31, hour=12)
    assert details_due_before(now).date() == now.date().replace(month=2, day=28)
