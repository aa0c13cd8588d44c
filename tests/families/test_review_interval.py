"""Progress reviews at the setting's regular interval."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from families.selectors import progress_reviews_due
from nursery.models import SiteConfig
from tests.families.factories import ReviewFactory

pytestmark = pytest.mark.django_db


def test_a_child_with_no_recent_review_is_due_one(cast):
    ReviewFactory(child=cast.child_a, reviewed_on=timezone.localdate() - timedelta(weeks=20))
    ReviewFactory(child=cast.child_b, reviewed_on=timezone.localdate() - timedelta(weeks=2))
    assert list(progress_reviews_due()) == [cast.child_a]


def test_the_manager_sets_the_interval(cast, client_for):
    ReviewFactory(child=cast.child_a, reviewed_on=timezone.localdate() - timedelta(weeks=6))
    ReviewFactory(child=cast.child_b, reviewed_on=timezone.localdate() - timedelta(weeks=2))
    assert not progress_reviews_due().exists()
    response = client_for(cast.manager).post(
        reverse("config"),
        {
            "name": "Stars",
            "meeting_interval_weeks": "8",
            "review_interval_weeks": "4",
            "details_confirm_months": "6",
        },
    )
    assert response.status_code == 302
    assert SiteConfig.load().review_interval_weeks == 4
    assert list(progress_reviews_due()) == [cast.child_a]


def test_an_interval_out_of_range_is_refused(cast, client_for):
    response = client_for(cast.manager).post(
        reverse("config"),
        {
            "name": "Stars",
            "meeting_interval_weeks": "8",
            "review_interval_weeks": "0",
            "details_confirm_months": "6",
        },
    )
    assert response.status_code == 200
    assert "Choose between 1 and 52 weeks" in response.content.decode()
    assert SiteConfig.load().review_interval_weeks == 13


def test_the_key_person_and_manager_see_reviews_due_on_their_home_pages(cast, client_for):
    ReviewFactory(child=cast.child_a, reviewed_on=timezone.localdate() - timedelta(weeks=20))
    key_person = client_for(cast.key_person).get(reverse("home")).content.decode()
    assert "No progress review for more than 13 weeks" in key_person
    assert "Ada Ashworth" in key_person
    manager = client_for(cast.manager).get(reverse("home")).content.decode()
    assert "without a progress review in 13 weeks" in manager
