"""A parent's home page: what they must do now comes first, then news; they
are never asked to do what they may not, and a carer linked today is not
shown years-old records as new."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from families.models import Relationship
from tests.factories import ParentFactory, ParentLinkFactory
from tests.families.factories import MeetingFactory, ReviewFactory
from tests.setting.factories import AnnouncementFactory


def home_of(client_for, user):
    return client_for(user).get(reverse("home")).content.decode()


def test_a_parent_without_parental_responsibility_is_not_asked_to_sign_off(cast, client_for):
    step_dad = ParentFactory(full_name="Sam Step")
    ParentLinkFactory(
        parent=step_dad,
        child=cast.child_a,
        relationship=Relationship.OTHER,
        has_parental_responsibility=False,
    )
    check = ReviewFactory(child=cast.child_a, kind="two_year")
    html = home_of(client_for, step_dad)
    assert "sign off" not in html
    # They may still read it: it is new to them.
    assert reverse("families:review_detail", args=[cast.child_a.pk, check.pk]) in html
    assert "sign off" in home_of(client_for, cast.parent_a)


def test_a_carer_linked_today_is_not_shown_older_records_as_new(cast, client_for):
    long_ago = timezone.now() - timedelta(days=800)
    MeetingFactory(child=cast.child_a, shared_at=long_ago)
    grandma = ParentFactory(full_name="Gran Ashworth")
    ParentLinkFactory(parent=grandma, child=cast.child_a, relationship=Relationship.OTHER)
    assert "New to read" not in home_of(client_for, grandma)
    # Shared after the link was made: new to her too.
    MeetingFactory(child=cast.child_a)
    assert "New to read" in home_of(client_for, grandma)


def test_the_home_page_starts_with_what_to_do_and_ends_with_news(cast, client_for):
    AnnouncementFactory(title="Sports day")
    ReviewFactory(child=cast.child_a, kind="two_year")
    html = home_of(client_for, cast.parent_a)
    assert html.index("Waiting for you") < html.index("Your children") < html.index("Sports day")
