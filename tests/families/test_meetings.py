"""Key-person meetings: logged by the key person, shared with the family,
read and commented on by the parent, actions completed by their own side."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from families.models import AgreedAction, KeyPersonMeeting, MeetingRequest
from tests.families.factories import ActionFactory, MeetingFactory, MeetingRequestFactory


def meeting_post(**overrides):
    data = {
        "held_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "method": "in_person",
        "attendees": "Kim (key person), Alex (mum)",
        "discussion": "Ada is building towers and naming colours.",
        "concerns": "",
        "staff_notes": "STAFF-ONLY: check on sleep at home",
        # Ada's adults live in two homes: the key person says who reads it.
        "for_household": "every",
        "share": "on",
        "rows-TOTAL_FORMS": "2",
        "rows-INITIAL_FORMS": "0",
        "rows-0-description": "Send photos of weekend outings",
        "rows-0-owner": "family",
        "rows-1-description": "Share a song sheet",
        "rows-1-owner": "setting",
    }
    data.update(overrides)
    return data


def test_key_person_logs_a_meeting_with_actions_and_shares_it(cast, client_for):
    client = client_for(cast.key_person)
    response = client.post(
        reverse("families:meeting_create", args=[cast.child_a.pk]), meeting_post()
    )
    meeting = KeyPersonMeeting.objects.get(child=cast.child_a)
    assert response.status_code == 302
    assert meeting.is_shared and meeting.recorded_by == cast.key_person
    assert sorted(meeting.actions.values_list("owner", flat=True)) == ["family", "setting"]


def test_meeting_with_no_attendee_is_refused_and_saves_nothing(cast, client_for):
    client = client_for(cast.key_person)
    response = client.post(
        reverse("families:meeting_create", args=[cast.child_a.pk]),
        meeting_post(attendees="   "),
    )
    assert response.status_code == 200
    assert "Say who attended the meeting." in response.content.decode()
    assert not KeyPersonMeeting.objects.exists()
    assert not AgreedAction.objects.exists()


def test_meeting_dated_in_the_future_is_refused(cast, client_for):
    client = client_for(cast.key_person)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(
        reverse("families:meeting_create", args=[cast.child_a.pk]), meeting_post(held_on=tomorrow)
    )
    assert "This date cannot be in the future." in response.content.decode()
    assert not KeyPersonMeeting.objects.exists()


def test_bad_action_row_saves_neither_meeting_nor_actions(cast, client_for):
    client = client_for(cast.key_person)
    client.post(
        reverse("families:meeting_create", args=[cast.child_a.pk]),
        meeting_post(**{"rows-1-owner": "nobody"}),
    )
    assert not KeyPersonMeeting.objects.exists()


def test_parent_never_sees_staff_only_notes_of_a_meeting(cast, client_for):
    meeting = MeetingFactory(child=cast.child_a)
    client = client_for(cast.parent_a)
    for url in (
        reverse("families:meeting_detail", args=[cast.child_a.pk, meeting.pk]),
        reverse("families:meetings", args=[cast.child_a.pk]),
        reverse("home"),
    ):
        html = client.get(url).content.decode()
        assert "STAFF-ONLY" not in html
        assert "Staff-only notes" not in html
    detail = client.get(reverse("families:meeting_detail", args=[cast.child_a.pk, meeting.pk]))
    assert meeting.discussion in detail.content.decode()


def test_staff_see_the_staff_only_notes(cast, client_for):
    meeting = MeetingFactory(child=cast.child_a)
    html = (
        client_for(cast.practitioner)
        .get(reverse("families:meeting_detail", args=[cast.child_a.pk, meeting.pk]))
        .content.decode()
    )
    assert "STAFF-ONLY: mum seemed tired" in html


def test_parent_gets_404_for_a_meeting_not_yet_shared(cast, client_for):
    meeting = MeetingFactory(child=cast.child_a, shared_at=None)
    client = client_for(cast.parent_a)
    url = reverse("families:meeting_detail", args=[cast.child_a.pk, meeting.pk])
    assert client.get(url).status_code == 404
    listing = client.get(reverse("families:meetings", args=[cast.child_a.pk])).content.decode()
    assert meeting.discussion not in listing


def test_other_family_gets_404_for_a_meeting(cast, client_for):
    meeting = MeetingFactory(child=cast.child_a)
    url = reverse("families:meeting_detail", args=[cast.child_a.pk, meeting.pk])
    assert client_for(cast.parent_b).get(url).status_code == 404
    assert client_for(cast.parent_restricted).get(url).status_code == 404


def test_meeting_of_another_child_gets_404_through_this_childs_address(cast, client_for):
    meeting = MeetingFactory(child=cast.child_b)
    url = reverse("families:meeting_detail", args=[cast.child_a.pk, meeting.pk])
    assert client_for(cast.parent_a).get(url).status_code == 404


def test_parent_comments_and_the_comment_confirms_reading(cast, client_for):
    meeting = MeetingFactory(child=cast.child_a)
    client = client_for(cast.parent_a)
    client.post(
        reverse("families:meeting_comment", args=[cast.child_a.pk, meeting.pk]),
        {"comment": "She talks about the sand tray at home too."},
    )
    comment = meeting.comments.all().get()
    assert comment.text == "She talks about the sand tray at home too."
    assert comment.written_by == cast.parent_a
    assert [(r.read_by, r.household) for r in meeting.reads.all()] == [(cast.parent_a, 1)]


def test_empty_comment_is_refused_with_a_message_on_the_field(cast, client_for):
    meeting = MeetingFactory(child=cast.child_a)
    response = client_for(cast.parent_a).post(
        reverse("families:meeting_comment", args=[cast.child_a.pk, meeting.pk]),
        {"comment": "   "},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Write your comment before sending it." in html
    assert "is-invalid" in html
    assert not meeting.comments.all().exists() and not meeting.reads.exists()


def test_parent_confirms_reading_a_meeting(cast, client_for):
    meeting = MeetingFactory(child=cast.child_a)
    client_for(cast.parent_a).post(
        reverse("families:meeting_read", args=[cast.child_a.pk, meeting.pk])
    )
    [read] = meeting.reads.all()
    assert read.read_by == cast.parent_a and read.household == 1 and read.read_at is not None


def test_parent_marks_the_familys_action_done(cast, client_for):
    action = ActionFactory(meeting=MeetingFactory(child=cast.child_a))
    client_for(cast.parent_a).post(
        reverse("families:action_done", args=[cast.child_a.pk, action.pk])
    )
    action.refresh_from_db()
    assert action.done_by == cast.parent_a


def test_parent_cannot_mark_the_nurserys_action_done(cast, client_for):
    action = ActionFactory(meeting=MeetingFactory(child=cast.child_a), owner="setting")
    response = client_for(cast.parent_a).post(
        reverse("families:action_done", args=[cast.child_a.pk, action.pk])
    )
    assert response.status_code == 403
    action.refresh_from_db()
    assert action.done_at is None


def test_key_person_marks_the_nurserys_action_done(cast, client_for):
    action = ActionFactory(meeting=MeetingFactory(child=cast.child_a), owner="setting")
    client_for(cast.key_person).post(
        reverse("families:action_done", args=[cast.child_a.pk, action.pk])
    )
    action.refresh_from_db()
    assert action.done_by == cast.key_person


def test_parent_asks_for_a_meeting_and_the_key_person_sees_it_at_home(cast, client_for):
    client_for(cast.parent_a).post(
        reverse("families:meeting_request", args=[cast.child_a.pk]),
        {"preferred_time": "Friday after 4pm", "about": "Toilet training"},
    )
    request = MeetingRequest.objects.get()
    assert request.requested_by == cast.parent_a
    home = client_for(cast.key_person).get(reverse("home")).content.decode()
    assert "Toilet training" in home
    assert reverse("families:request_answer", args=[cast.child_a.pk, request.pk]) in home
    other = client_for(cast.practitioner).get(reverse("home")).content.decode()
    assert "Toilet training" not in other


def test_key_person_answers_a_meeting_request_and_the_parent_sees_it(cast, client_for):
    request = MeetingRequestFactory(child=cast.child_a, requested_by=cast.parent_a)
    client_for(cast.key_person).post(
        reverse("families:request_answer", args=[cast.child_a.pk, request.pk]),
        {"answer": "Friday at 4.30 in the garden room."},
    )
    request.refresh_from_db()
    assert request.answered_by == cast.key_person
    page = client_for(cast.parent_a).get(reverse("families:meetings", args=[cast.child_a.pk]))
    assert "Friday at 4.30 in the garden room." in page.content.decode()


def test_empty_answer_to_a_meeting_request_is_refused(cast, client_for):
    request = MeetingRequestFactory(child=cast.child_a, requested_by=cast.parent_a)
    response = client_for(cast.key_person).post(
        reverse("families:request_answer", args=[cast.child_a.pk, request.pk]), {"answer": " "}
    )
    assert response.status_code == 200
    request.refresh_from_db()
    assert request.answered_at is None


def test_editing_a_meeting_keeps_it_shared_and_adds_an_action(cast, client_for):
    meeting = MeetingFactory(child=cast.child_a)
    shared_at = meeting.shared_at
    client_for(cast.key_person).post(
        reverse("families:meeting_edit", args=[cast.child_a.pk, meeting.pk]),
        meeting_post(**{"rows-TOTAL_FORMS": "1", "share": ""}),
    )
    meeting.refresh_from_db()
    assert meeting.shared_at == shared_at
    assert meeting.actions.count() == 1


def test_an_empty_action_row_offers_no_delete_box(cast, client_for):
    """A row not yet saved has nothing to remove; a saved one may be removed."""
    page = (
        client_for(cast.key_person)
        .get(reverse("families:meeting_create", args=[cast.child_a.pk]))
        .text
    )
    assert 'name="rows-0-DELETE"' not in page
    meeting = MeetingFactory(child=cast.child_a, recorded_by=cast.key_person)
    ActionFactory(meeting=meeting)
    page = (
        client_for(cast.key_person)
        .get(reverse("families:meeting_edit", args=[cast.child_a.pk, meeting.pk]))
        .text
    )
    assert 'name="rows-0-DELETE"' in page and 'name="rows-1-DELETE"' not in page
