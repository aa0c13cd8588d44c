"""Each home confirms for itself that it has read a shared record.

In the cast, parent_a (Alex, household 1) and parent_a_home2 (Sam Cole,
household 2) are both adults of child A. When one home reads a record shared
with the family, the other home still finds it waiting, is never shown who
in the other home read it, and confirms for its own home; staff see each
home's confirmation.
"""

from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from families.models import HouseholdRead, KeyPersonMeeting
from nursery.models import AuditEvent
from tests.factories import ParentFactory, ParentLinkFactory
from tests.families.factories import (
    MeetingFactory,
    ReviewFactory,
    SettlingPlanFactory,
    SupportPlanFactory,
)

NOT_YET = "No one in your home has confirmed reading this yet."


@pytest.fixture
def meeting(cast):
    return MeetingFactory(child=cast.child_a, recorded_by=cast.key_person)


def read(client, meeting):
    return client.post(reverse("families:meeting_read", args=[meeting.child_id, meeting.pk]))


def page(client, name, *args):
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    return response.content.decode()


def detail(client, meeting):
    return page(client, "families:meeting_detail", meeting.child_id, meeting.pk)


def waiting(client, meeting):
    """Whether the meeting is on the person's "Waiting for you"."""
    url = reverse("families:meeting_detail", args=[meeting.child_id, meeting.pk])
    return f'href="{url}"' in page(client, "home")


def test_one_homes_reading_leaves_the_record_waiting_for_the_other(cast, client_for, meeting):
    home1, home2 = cast.parent_a, cast.parent_a_home2
    assert waiting(client_for(home1), meeting) and waiting(client_for(home2), meeting)
    read(client_for(home1), meeting)
    assert not waiting(client_for(home1), meeting)
    assert waiting(client_for(home2), meeting)
    read(client_for(home2), meeting)
    assert not waiting(client_for(home2), meeting)


def test_the_other_home_is_not_told_who_read_it_nor_that_it_was_read(cast, client_for, meeting):
    read(client_for(cast.parent_a), meeting)
    html = detail(client_for(cast.parent_a_home2), meeting)
    assert cast.parent_a.full_name not in html
    assert NOT_YET in html
    assert "I have read this" in html
    meetings = page(client_for(cast.parent_a_home2), "families:meetings", cast.child_a.pk)
    assert "Not read yet" in meetings and "Read by" not in meetings


def test_the_other_home_confirms_for_itself(cast, client_for, meeting):
    read(client_for(cast.parent_a), meeting)
    read(client_for(cast.parent_a_home2), meeting)
    reads = [(r.household, r.read_by) for r in meeting.reads.order_by("household")]
    assert reads == [(1, cast.parent_a), (2, cast.parent_a_home2)]
    html = detail(client_for(cast.parent_a_home2), meeting)
    assert f"Read by {cast.parent_a_home2.full_name}" in html
    assert cast.parent_a.full_name not in html
    assert "I have read this" not in html


def test_an_adult_of_the_same_home_reads_for_the_home(cast, client_for, meeting):
    gran = ParentFactory(email="gran@example.org", full_name="Gwen Ashworth")
    ParentLinkFactory(parent=gran, child=cast.child_a, household=1)
    read(client_for(gran), meeting)
    assert not waiting(client_for(cast.parent_a), meeting)
    html = detail(client_for(cast.parent_a), meeting)
    assert "Read by Gwen Ashworth" in html and "I have read this" not in html
    assert waiting(client_for(cast.parent_a_home2), meeting)


def test_a_home_confirms_once(cast, client_for, meeting):
    read(client_for(cast.parent_a), meeting)
    first = meeting.reads.get()
    read(client_for(cast.parent_a), meeting)
    assert meeting.reads.get() == first
    assert AuditEvent.objects.filter(action="families.record.read").count() == 1


def test_staff_see_each_homes_confirmation(cast, client_for, meeting):
    def staff_page(*args):
        return page(client_for(cast.key_person), *args)

    assert "Not read yet" in staff_page("families:meetings", cast.child_a.pk)
    assert "Not yet confirmed as read by the family." in detail(
        client_for(cast.key_person), meeting
    )
    read(client_for(cast.parent_a), meeting)
    assert "Read by 1 of 2 homes" in staff_page("families:meetings", cast.child_a.pk)
    read(client_for(cast.parent_a_home2), meeting)
    html = detail(client_for(cast.key_person), meeting)
    assert f"Read by {cast.parent_a.full_name}" in html
    assert f"Read by {cast.parent_a_home2.full_name}" in html
    meetings = staff_page("families:meetings", cast.child_a.pk)
    assert "Read by" not in meetings and "Not read yet" not in meetings


def test_a_meeting_for_one_home_is_read_when_that_home_has_read_it(cast, client_for):
    meeting = MeetingFactory(child=cast.child_a, for_household=2)
    read(client_for(cast.parent_a_home2), meeting)
    meetings = page(client_for(cast.key_person), "families:meetings", cast.child_a.pk)
    assert "Not read yet" not in meetings and "Read by" not in meetings


def test_a_comment_confirms_reading_for_the_writers_home_only(cast, client_for, meeting):
    client_for(cast.parent_a_home2).post(
        reverse("families:meeting_comment", args=[cast.child_a.pk, meeting.pk]),
        {"comment": "At my house he counts the stairs."},
    )
    assert [r.household for r in meeting.reads.all()] == [2]
    assert waiting(client_for(cast.parent_a), meeting)


@pytest.mark.parametrize(
    ("make", "url_name", "args"),
    [
        (lambda c: ReviewFactory(child=c), "families:review_read", lambda r: [r.child_id, r.pk]),
        (
            lambda c: SupportPlanFactory(child=c),
            "families:plan_read",
            lambda r: [r.child_id, r.pk],
        ),
        (lambda c: SettlingPlanFactory(child=c), "families:settling_read", lambda r: [r.child_id]),
    ],
    ids=["review", "plan", "settling"],
)
def test_every_shared_record_is_confirmed_by_each_home(cast, client_for, make, url_name, args):
    record = make(cast.child_a)
    client_for(cast.parent_a).post(reverse(url_name, args=args(record)))
    client_for(cast.parent_a_home2).post(reverse(url_name, args=args(record)))
    assert sorted(record.reads.values_list("household", flat=True)) == [1, 2]


def test_the_reads_go_with_the_record(cast, meeting):
    HouseholdRead.objects.create(record=meeting, household=1, read_by=cast.parent_a)
    KeyPersonMeeting.objects.filter(pk=meeting.pk).delete()
    assert not HouseholdRead.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_reads_recorded_before_are_kept_as_the_readers_homes():
    """Nothing is lost: each record read before the change keeps its reading,
    as the confirmation of the home of the adult who read it."""
    before = [("families", "0008_households_after_bounded_text")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    # The accounts' table is as it is now (only the families app went back).
    mum = ParentFactory(email="mum@example.org")
    dad = ParentFactory(email="dad@example.org")
    child = old.get_model("families", "Child").objects.create(
        first_name="Ada", last_name="Ashworth", date_of_birth=date(2024, 1, 1)
    )
    Link = old.get_model("families", "ParentLink")
    for parent, household in ((mum, 1), (dad, 2)):
        Link.objects.create(
            parent_id=parent.pk,
            child=child,
            relationship="parent",
            has_parental_responsibility=True,
            household=household,
        )
    when = datetime(2026, 11, 2, 18, tzinfo=UTC)
    Meeting = old.get_model("families", "KeyPersonMeeting")
    common = {"child": child, "held_on": date(2026, 11, 1), "method": "in_person"}
    read = Meeting.objects.create(**common, shared_at=when, read_by_id=dad.pk, read_at=when)
    Meeting.objects.create(**common, shared_at=when)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    rows = [
        (r.object_id, r.household, r.read_by_id, r.read_at) for r in HouseholdRead.objects.all()
    ]
    assert rows == [(read.pk, 2, dad.pk, when)]
    assert HouseholdRead.objects.get().record == KeyPersonMeeting.objects.get(pk=read.pk)


def test_the_other_home_reads_a_signed_check_without_learning_who_signed(cast, client_for):
    """After one home signs the check off, the other home is not told which
    adult signed it, keeps the view it was signed with, and still confirms
    reading it for itself."""
    check = ReviewFactory(child=cast.child_a, kind="two_year")
    signer = client_for(cast.parent_a)
    signer.post(
        reverse("families:review_comment", args=[cast.child_a.pk, check.pk]),
        {"comment": "She sings all day."},
    )
    signer.post(reverse("families:review_sign_off", args=[cast.child_a.pk, check.pk]))
    shown = page(signer, "families:review_detail", cast.child_a.pk, check.pk)
    assert f"Signed off by {cast.parent_a.full_name}" in shown

    other = client_for(cast.parent_a_home2)
    shown = page(other, "families:review_detail", cast.child_a.pk, check.pk)
    assert "Signed off by a parent on" in shown
    assert cast.parent_a.full_name not in shown and "She sings all day." not in shown
    assert "Send comment" not in shown
    assert "the views on it are kept as they were signed" in shown
    assert "I have read this" in shown
    url = reverse("families:review_detail", args=[cast.child_a.pk, check.pk])
    assert f'href="{url}"' in page(other, "home")
    other.post(reverse("families:review_read", args=[cast.child_a.pk, check.pk]))
    assert sorted(check.reads.values_list("household", flat=True)) == [1, 2]
    assert f'href="{url}"' not in page(other, "home")

    staff = page(client_for(cast.key_person), "families:review_detail", cast.child_a.pk, check.pk)
    assert f"Signed off by {cast.parent_a.full_name}" in staff


def test_the_other_home_gives_its_own_view_and_is_not_told_of_the_first(cast, client_for, meeting):
    """A view given by one home is not shown to the other home, nor that it
    exists: the other home is offered the form to give its own."""
    url = reverse("families:meeting_comment", args=[meeting.child_id, meeting.pk])
    client_for(cast.parent_a).post(url, {"comment": "Thank you."})
    shown = detail(client_for(cast.parent_a_home2), meeting)
    assert "Thank you." not in shown and "already given" not in shown
    assert "Add your comment" in shown and "Send comment" in shown
    assert "I have read this" in shown
    # The writer changes their own.
    assert "Change your comment" in detail(client_for(cast.parent_a), meeting)
