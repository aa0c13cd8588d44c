"""A parent's home page: what they must do now comes first, then news; they
are never asked to do what they may not, and a carer linked today is not
shown years-old records as new."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from families.models import Relationship
from tests.factories import (
    ChildFactory,
    KeyPersonAssignmentFactory,
    ParentFactory,
    ParentLinkFactory,
    carer_without_responsibility,
)
from tests.families.factories import (
    ActionFactory,
    MeetingFactory,
    NoticeFactory,
    ReviewFactory,
    SupportPlanFactory,
)
from tests.setting.factories import AnnouncementFactory


def home_of(client_for, user):
    return client_for(user).get(reverse("home")).content.decode()


def test_a_parent_without_parental_responsibility_is_not_asked_to_sign_off(cast, client_for):
    step_dad = carer_without_responsibility(cast.child_a, Relationship.OTHER, full_name="Sam Step")
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


def test_records_of_every_kind_wait_for_the_parent_newest_first(cast, client_for):
    """One list of what to read, whatever its kind: the newest first, each
    linking to its own page."""
    now = timezone.now()
    meeting = MeetingFactory(child=cast.child_a, shared_at=now - timedelta(days=3))
    review = ReviewFactory(child=cast.child_a, shared_at=now - timedelta(days=1))
    plan = SupportPlanFactory(child=cast.child_a, shared_at=now - timedelta(days=2))
    html = home_of(client_for, cast.parent_a)
    links = [
        reverse("families:review_detail", args=[cast.child_a.pk, review.pk]),
        reverse("families:plan_detail", args=[cast.child_a.pk, plan.pk]),
        reverse("families:meeting_detail", args=[cast.child_a.pk, meeting.pk]),
    ]
    positions = [html.index(f'href="{link}"') for link in links]
    assert positions == sorted(positions)
    # Another family's records never wait here.
    other = MeetingFactory(child=cast.child_b)
    assert reverse("families:meeting_detail", args=[cast.child_b.pk, other.pk]) not in home_of(
        client_for, cast.parent_a
    )


def test_actions_and_answers_wait_beside_records_and_none_crowds_out_the_others(cast, client_for):
    """The family's actions, the nursery's answers, the check to sign off
    and the records to read come in one list: many of one kind still leave
    room for the others, each shown up to its own number."""
    now = timezone.now()
    for n in range(45):
        MeetingFactory(child=cast.child_a, shared_at=now - timedelta(minutes=n))
    meeting = MeetingFactory(child=cast.child_a, shared_at=now - timedelta(days=400))
    for n in range(25):
        ActionFactory(meeting=meeting, description=f"Family action {n:02}")
    ActionFactory(meeting=meeting, description="Done already", done_at=now)
    for days_ago in (1, 20):  # an answer of yesterday, and one of long ago
        NoticeFactory(
            child=cast.child_a,
            sent_by=cast.parent_a,
            replied_at=now - timedelta(days=days_ago),
            replied_by=cast.key_person,
            reply="Thank you, we will.",
        )
    check = ReviewFactory(child=cast.child_a, kind="two_year")
    html = home_of(client_for, cast.parent_a)
    assert html.count("New to read:") == 40
    assert html.count("Agreed at a meeting:") == 20
    assert "Family action 00" in html
    assert "Done already" not in html
    assert html.count("answered your message about") == 1
    assert escape(cast.key_person.full_name) in html
    assert reverse("families:review_detail", args=[cast.child_a.pk, check.pk]) in html
    assert reverse("families:meeting_detail", args=[cast.child_a.pk, meeting.pk]) in html
    assert reverse("families:notices", args=[cast.child_a.pk]) in html


def test_the_key_persons_panel_lists_whom_the_follow_up_list_lists(cast, client_for):
    """The panel marks the key children by the very rule of the list of
    meetings overdue: never met first, then the longest ago; a child met
    recently is not listed."""
    long_ago = timezone.localdate() - timedelta(days=180)
    never = ChildFactory(first_name="Nell", last_name="Never", started_on=long_ago)
    old = ChildFactory(first_name="Olly", last_name="Old", started_on=long_ago)
    recent = ChildFactory(first_name="Remy", last_name="Recent", started_on=long_ago)
    for child in (never, old, recent):
        KeyPersonAssignmentFactory(child=child, practitioner=cast.key_person)
    MeetingFactory(child=old, held_on=long_ago)
    MeetingFactory(child=recent, held_on=timezone.localdate())
    client = client_for(cast.key_person)
    panel = client.get(reverse("home")).content.decode()
    panel = panel[panel.index("No meeting for more than") :]
    panel = panel[: panel.index("<h3")]
    assert panel.index("Nell Never") < panel.index("Olly Old")
    assert "Remy Recent" not in panel
    overdue_list = client.get(reverse("families:meetings_overdue")).content.decode()
    for child in (never, old):
        assert escape(child.display_name) in overdue_list
    assert escape(recent.display_name) not in overdue_list


def test_the_progress_reviews_due_list_lists_whom_the_panels_count(cast, client_for):
    """The key person's panel and the list of progress reviews due follow
    one rule: a child never reviewed first, then the longest ago; a child
    reviewed recently, or here for less than the interval, is not listed.
    The manager's figure links to the same list."""
    long_ago = timezone.localdate() - timedelta(days=180)
    never = ChildFactory(first_name="Nell", last_name="Never", started_on=long_ago)
    old = ChildFactory(first_name="Olly", last_name="Old", started_on=long_ago)
    recent = ChildFactory(first_name="Remy", last_name="Recent", started_on=long_ago)
    new = ChildFactory(first_name="Nina", last_name="New", started_on=timezone.localdate())
    for child in (never, old, recent, new):
        KeyPersonAssignmentFactory(child=child, practitioner=cast.key_person)
    ReviewFactory(child=old, reviewed_on=long_ago)
    ReviewFactory(child=recent, reviewed_on=timezone.localdate())
    client = client_for(cast.key_person)
    panel = client.get(reverse("home")).content.decode()
    panel = panel[panel.index("No progress review for more than") :]
    panel = panel[: panel.index("<h3")]
    assert panel.index("Nell Never") < panel.index("Olly Old")
    assert "Remy Recent" not in panel and "Nina New" not in panel
    due = client.get(reverse("families:reviews_due")).content.decode()
    assert due.index("Nell Never") < due.index("Olly Old")
    assert "Remy Recent" not in due and "Nina New" not in due
    home = client_for(cast.manager).get(reverse("home")).content.decode()
    assert f'href="{reverse("families:reviews_due")}"' in home
    assert f'href="{reverse("families:checks_due")}?part=due"' in home


def test_the_key_persons_panel_links_to_every_review_due_when_it_shows_only_some(cast, client_for):
    from families.panels import PANEL_ROWS

    long_ago = timezone.localdate() - timedelta(days=180)
    for i in range(PANEL_ROWS + 1):
        child = ChildFactory(first_name=f"Kid{i:02}", started_on=long_ago)
        KeyPersonAssignmentFactory(child=child, practitioner=cast.key_person)
    home = client_for(cast.key_person).get(reverse("home")).content.decode()
    panel = home[home.index("No progress review for more than") :]
    panel = panel[: panel.index("<h3")]
    assert panel.count("<li>") == PANEL_ROWS
    assert f'href="{reverse("families:reviews_due")}"' in panel
