"""Who families tell, and how: parents through `adults_told` (the child's
record to every adult who may see the child, never a restricted one;
what was addressed to one adult to that adult), the key person of what a
family does. Emails go through the real queue and its worker."""

import pytest
from django.core import mail
from django.urls import reverse

from families import services
from nursery.models import Channel, NotificationPreference
from tests.factories import ParentFactory, ParentLinkFactory
from tests.families.factories import (
    ActionFactory,
    MeetingFactory,
    MeetingRequestFactory,
    NoticeFactory,
    ReviewFactory,
    SettlingPlanFactory,
    SupportPlanFactory,
)
from tests.utils import committed, emailed, told

pytestmark = pytest.mark.django_db


@pytest.fixture
def carer(cast):
    """A second adult of child A who may see the child but has no parental
    responsibility (a grandparent, say)."""
    grandma = ParentFactory(email="gran@example.org", full_name="Gwen Ashworth")
    ParentLinkFactory(parent=grandma, child=cast.child_a, has_parental_responsibility=False)
    return grandma


def test_a_meeting_shared_tells_every_adult_who_may_see_the_child(cast, carer):
    meeting = MeetingFactory(child=cast.child_a, shared_at=None)
    with committed():
        services.meeting_change(
            meeting=meeting, by=cast.key_person, fields={}, actions=[], share=True
        )
    # The child's record: every adult who may see the child, in either home.
    assert told("families.meeting_shared") == {
        cast.parent_a.email: Channel.EMAIL,
        cast.parent_a_home2.email: Channel.EMAIL,
        carer.email: Channel.EMAIL,
    }
    # Not the restricted parent, not another family.
    assert emailed() == sorted([cast.parent_a.email, cast.parent_a_home2.email, carer.email])
    assert "There is a new key-person meeting record for Ada" in mail.outbox[0].body
    assert "sand tray" not in mail.outbox[0].body  # never the record itself


def test_a_meeting_kept_unshared_or_shared_again_tells_nobody_more(cast):
    with committed():
        meeting = services.meeting_record(
            child=cast.child_a,
            by=cast.key_person,
            fields={"held_on": "2026-01-05", "method": "in_person", "discussion": "x"},
            actions=[],
            share=False,
        )
    assert told("families.meeting_shared") == {}
    with committed():
        services.meeting_change(
            meeting=meeting, by=cast.key_person, fields={}, actions=[], share=True
        )
        services.meeting_change(
            meeting=meeting, by=cast.key_person, fields={}, actions=[], share=True
        )
    both = sorted([cast.parent_a.email, cast.parent_a_home2.email])
    assert sorted(told("families.meeting_shared")) == both
    assert emailed() == both


def test_a_parent_who_chose_the_portal_only_is_not_emailed(cast):
    NotificationPreference.objects.create(
        user=cast.parent_a, kind="families.meeting_shared", channel=Channel.PORTAL
    )
    with committed():
        services.meeting_change(
            meeting=MeetingFactory(child=cast.child_a, shared_at=None),
            by=cast.key_person,
            fields={},
            actions=[],
            share=True,
        )
    assert told("families.meeting_shared") == {
        cast.parent_a.email: Channel.PORTAL,
        cast.parent_a_home2.email: Channel.EMAIL,
    }
    assert emailed() == [cast.parent_a_home2.email]


def test_the_check_at_two_asks_only_adults_with_parental_responsibility_to_sign(cast, carer):
    check = ReviewFactory(child=cast.child_a, kind="two_year", shared_at=None)
    with committed():
        services.review_change(review=check, by=cast.key_person, fields={}, share=True)
    both = sorted([cast.parent_a.email, cast.parent_a_home2.email])
    assert sorted(told("families.check_to_sign")) == both
    assert list(told("families.review_shared")) == [carer.email]
    assert emailed() == sorted([*both, carer.email])


def test_a_progress_review_plan_and_settling_plan_shared_tell_the_family(cast):
    with committed():
        services.review_change(
            review=ReviewFactory(child=cast.child_a, shared_at=None),
            by=cast.key_person,
            fields={},
            share=True,
        )
        services.support_plan_change(
            plan=SupportPlanFactory(child=cast.child_a, shared_at=None),
            by=cast.key_person,
            fields={},
            targets=[],
            share=True,
        )
        SettlingPlanFactory(child=cast.child_a, shared_at=None)
        services.settling_plan_save(
            child=cast.child_a, by=cast.key_person, fields={}, sessions=[], share=True
        )
    for kind in ("families.review_shared", "families.plan_shared", "families.settling_shared"):
        assert sorted(told(kind)) == sorted([cast.parent_a.email, cast.parent_a_home2.email]), kind
    assert emailed() == sorted([cast.parent_a.email, cast.parent_a_home2.email] * 3)


def test_an_answer_to_a_message_tells_the_adult_who_wrote_it(cast, carer):
    notice = NoticeFactory(child=cast.child_a, sent_by=carer, kind="other", starts_on=None)
    with committed():
        services.notice_answer(notice=notice, by=cast.key_person, reply="Thank you")
    # The writer and the adults of their home; never the other home.
    home = sorted([carer.email, cast.parent_a.email])
    assert sorted(told("families.message_answered")) == home
    assert emailed() == home
    assert "Thank you" not in mail.outbox[0].body


def test_an_answer_to_a_meeting_request_tells_the_adult_who_asked(cast, carer):
    asked = MeetingRequestFactory(child=cast.child_a, requested_by=cast.parent_a)
    with committed():
        services.meeting_request_answer(
            meeting_request=asked, by=cast.key_person, answer="Friday at 4"
        )
    home = sorted([carer.email, cast.parent_a.email])
    assert sorted(told("families.request_answered")) == home
    assert emailed() == home


def test_what_a_family_does_tells_the_key_person_only(cast, client_for):
    meeting = MeetingFactory(child=cast.child_a)
    action = ActionFactory(meeting=meeting)
    with committed():
        services.record_comment(record=meeting, by=cast.parent_a, comment="Lovely, thanks")
        services.action_complete(action=action, by=cast.parent_a)
        services.meeting_request_create(
            child=cast.child_a, by=cast.parent_a, preferred_time="Friday", about="Sleep"
        )
        services.notice_send(
            child=cast.child_a,
            by=cast.parent_a,
            fields={"kind": "absence", "message": "Ill", "starts_on": "2026-12-04"},
        )
        services.notice_send(
            child=cast.child_a, by=cast.parent_a, fields={"kind": "other", "message": "Hi"}
        )
    for kind in (
        "families.parent_comment",
        "families.action_done",
        "families.meeting_request",
        "families.absence",
        "families.message",
    ):
        assert list(told(kind)) == [cast.key_person.email], kind
    # The key person's What's new shows each, and opening one goes to the record.
    page = client_for(cast.key_person).get(reverse("whats_new")).text
    assert "A parent added their view to a record for Ada" in page
    assert "A parent says Ada will be away" in page


def test_a_parents_change_to_practical_details_tells_the_key_person(cast):
    with committed():
        services.details_save(child=cast.child_a, by=cast.parent_a, details={}, contacts=[])
        services.details_save(child=cast.child_a, by=cast.key_person, details={}, contacts=[])
    # Once: the key person's own change is not news to them.
    assert told("families.details_changed") == {cast.key_person.email: Channel.EMAIL}


def test_a_child_without_a_key_person_has_the_managers_told(cast):
    cast.child_a.key_person_assignments.all().delete()
    with committed():
        services.notice_send(
            child=cast.child_a, by=cast.parent_a, fields={"kind": "other", "message": "Hi"}
        )
    assert list(told("families.message")) == [cast.manager.email]


def test_a_new_key_person_is_told_to_the_family_not_the_restricted_parent(cast):
    with committed():
        services.key_person_assign(
            child=cast.child_a,
            practitioner=cast.practitioner,
            by=cast.manager,
            started_on=cast.child_a.started_on,
        )
    both = sorted([cast.parent_a.email, cast.parent_a_home2.email])
    assert sorted(told("families.key_person_changed")) == both
    assert emailed() == both


def test_the_family_reads_the_shared_meeting_from_whats_new(cast, client_for):
    meeting = MeetingFactory(child=cast.child_a, shared_at=None)
    with committed():
        services.meeting_change(
            meeting=meeting, by=cast.key_person, fields={}, actions=[], share=True
        )
    client = client_for(cast.parent_a)
    assert "unread-count" in client.get(reverse("home")).text
    response = client.get(reverse("whats_new"))
    item = response.context["object_list"][0]
    opened = client.get(reverse("notification_open", kwargs={"pk": item.pk}), follow=True)
    assert opened.status_code == 200
    assert "sand tray" in opened.text
    assert "unread-count" not in opened.text


def test_the_demo_fills_whats_new_for_the_demo_parent_and_key_person_without_email(db, capsys):
    from django.core.management import call_command

    from nursery.models import Notification, User
    from tests.utils import waiting_tasks

    call_command("demo")
    capsys.readouterr()
    parent = User.objects.get(email="parent@demo.example")
    keyperson = User.objects.get(email="keyperson@demo.example")
    assert parent.unread_notifications == parent.notifications.count() > 0
    assert keyperson.notifications.filter(kind="families.parent_comment").exists()
    assert set(Notification.objects.values_list("channel", flat=True)) == {"portal"}
    assert waiting_tasks("send_messages") == []
