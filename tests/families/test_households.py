"""Each adult's own voice: what one adult writes, or is told, reaches staff,
that adult, and the child's other adults of the same household unless it was
kept to "only the nursery and me"; adults of another household never see it.

In the cast, parent_a (household 1) and parent_a_home2 (household 2) are
both adults of child A with parental responsibility and portal access.
"""

import re
from datetime import timedelta

import pytest
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from agencies.models import Signpost
from families.models import (
    HouseholdRead,
    KeyPersonMeeting,
    MeetingRequest,
    ParentLink,
    ParentNotice,
    RecordComment,
)
from families.selectors import adults_told, get_meeting_request_for
from nursery.models import AuditEvent, Notification
from tests.agencies.factories import SignpostFactory
from tests.factories import ParentFactory, ParentLinkFactory
from tests.families.factories import (
    CommentFactory,
    MeetingFactory,
    MeetingRequestFactory,
    NoticeFactory,
)
from tests.transitions.factories import MoveFactory, ParentViewFactory
from transitions.models import ParentView
from transitions.services import render_bundle

SECRET = "Dad has moved out"


@pytest.fixture
def housemate(cast):
    """A second adult in parent_a's own household."""
    adult = ParentFactory(email="gran@example.org", full_name="Gwen Ashworth")
    ParentLinkFactory(parent=adult, child=cast.child_a, household=1)
    return adult


def page(client, name, *args):
    return client.get(reverse(name, args=args)).content.decode()


# The one rule -----------------------------------------------------------------


def test_adults_told_of_the_childs_record_are_every_adult_with_access(cast, housemate):
    told = set(adults_told(child=cast.child_a))
    assert told == {cast.parent_a, cast.parent_a_home2, housemate}


def test_adults_told_of_what_an_adult_wrote_are_their_household(cast, housemate):
    told = set(adults_told(child=cast.child_a, writer=cast.parent_a))
    assert told == {cast.parent_a, housemate}
    assert set(adults_told(child=cast.child_a, writer=cast.parent_a_home2)) == {cast.parent_a_home2}


def test_adults_told_of_a_private_item_are_the_writer_alone(cast, housemate):
    told = set(adults_told(child=cast.child_a, writer=cast.parent_a, private=True))
    assert told == {cast.parent_a}


def test_the_restricted_link_is_never_told(cast):
    ParentLink.objects.filter(parent=cast.parent_restricted).update(household=1)
    told = set(adults_told(child=cast.child_a, writer=cast.parent_a))
    assert cast.parent_restricted not in told


# Messages and notices ---------------------------------------------------------


@pytest.mark.parametrize("private", [False, True])
def test_a_message_reaches_its_writer_staff_and_only_its_household(
    cast, housemate, client_for, private
):
    client_for(cast.parent_a).post(
        reverse("families:notice_create", args=[cast.child_a.pk]),
        {"kind": "change", "message": SECRET, **({"private": "on"} if private else {})},
    )
    notice = ParentNotice.objects.get()
    assert notice.private is private
    for who in (cast.parent_a, cast.key_person, cast.manager):
        assert SECRET in page(client_for(who), "families:notices", cast.child_a.pk)
    for who in (cast.parent_a_home2,):
        client = client_for(who)
        assert SECRET not in page(client, "families:notices", cast.child_a.pk)
        assert SECRET not in page(client, "home")
    housemate_sees = SECRET in page(client_for(housemate), "families:notices", cast.child_a.pk)
    assert housemate_sees is (not private)
    assert SECRET in page(client_for(cast.key_person), "families:inbox")


def test_the_answer_to_a_message_follows_the_writers_household(cast, client_for):
    notice = NoticeFactory(child=cast.child_a, sent_by=cast.parent_a, message=SECRET)
    client_for(cast.key_person).post(
        reverse("families:notice_answer", args=[cast.child_a.pk, notice.pk]),
        {"answer": "We will keep an eye on her."},
    )
    assert "We will keep an eye on her." in page(
        client_for(cast.parent_a), "families:notices", cast.child_a.pk
    )
    other = page(client_for(cast.parent_a_home2), "families:notices", cast.child_a.pk)
    assert "We will keep an eye on her." not in other and SECRET not in other


def test_staff_pages_about_a_message_refuse_both_households_alike(cast, client_for):
    # Refused as any parent is, before the message is looked up: the answer
    # tells the other household nothing about it.
    notice = NoticeFactory(child=cast.child_a, sent_by=cast.parent_a)
    url = reverse("families:notice_seen", args=[cast.child_a.pk, notice.pk])
    missing = reverse("families:notice_seen", args=[cast.child_a.pk, notice.pk + 100])
    assert client_for(cast.parent_a_home2).post(url).status_code == 403
    assert client_for(cast.parent_a_home2).post(missing).status_code == 403
    assert client_for(cast.parent_a).post(url).status_code == 403
    assert ParentNotice.objects.get().seen_at is None


def test_the_home_count_of_messages_is_per_household(cast, client_for):
    NoticeFactory(child=cast.child_a, sent_by=cast.parent_a, message=SECRET, private=True)
    assert ParentNotice.objects.visible_to(cast.parent_a_home2).count() == 0
    assert ParentNotice.objects.visible_to(cast.parent_a).count() == 1
    assert ParentNotice.objects.visible_to(cast.key_person).count() == 1


# Meeting requests -------------------------------------------------------------


@pytest.mark.parametrize("private", [False, True])
def test_a_meeting_request_reaches_only_its_household(cast, housemate, client_for, private):
    client_for(cast.parent_a).post(
        reverse("families:meeting_request", args=[cast.child_a.pk]),
        {
            "preferred_time": "Friday",
            "about": SECRET,
            **({"private": "on"} if private else {}),
        },
    )
    assert MeetingRequest.objects.get().private is private
    assert SECRET in page(client_for(cast.parent_a), "families:meetings", cast.child_a.pk)
    assert SECRET in page(client_for(cast.key_person), "families:meetings", cast.child_a.pk)
    assert SECRET not in page(client_for(cast.parent_a_home2), "families:meetings", cast.child_a.pk)
    assert (
        SECRET in page(client_for(housemate), "families:meetings", cast.child_a.pk)
    ) is not private


def test_a_request_from_another_household_is_404_even_for_lookups_in_the_scope(cast):
    request = MeetingRequestFactory(child=cast.child_a, requested_by=cast.parent_a)

    with pytest.raises(Http404):
        get_meeting_request_for(cast.parent_a_home2, cast.child_a, request.pk)
    assert get_meeting_request_for(cast.parent_a, cast.child_a, request.pk) == request


# Comments on shared records ---------------------------------------------------


@pytest.mark.parametrize("private", [False, True])
def test_a_comment_on_a_meeting_is_heard_only_in_its_household(
    cast, housemate, client_for, private
):
    meeting = MeetingFactory(child=cast.child_a)
    client_for(cast.parent_a).post(
        reverse("families:meeting_comment", args=[cast.child_a.pk, meeting.pk]),
        {"comment": SECRET, **({"private": "on"} if private else {})},
    )
    comment = meeting.comments.all().get()
    assert (comment.text, comment.private, comment.written_by) == (SECRET, private, cast.parent_a)
    detail = ("families:meeting_detail", cast.child_a.pk, meeting.pk)
    assert SECRET in page(client_for(cast.parent_a), *detail)
    assert SECRET in page(client_for(cast.key_person), *detail)
    other = client_for(cast.parent_a_home2).get(reverse(detail[0], args=detail[1:]))
    assert other.status_code == 200  # the record is the child's: every adult sees it
    assert "Loves the sand tray" in other.content.decode()
    assert SECRET not in other.content.decode()
    assert (SECRET in page(client_for(housemate), *detail)) is not private


def test_each_home_gives_its_own_view_without_reading_or_learning_of_the_other(cast, client_for):
    """The other home is offered the form as if no one had commented, adds
    its own view beside the first, and neither home reads the other's; the
    key person reads both."""
    meeting = MeetingFactory(child=cast.child_a)
    CommentFactory(record=meeting, written_by=cast.parent_a, text=SECRET)
    detail = ("families:meeting_detail", cast.child_a.pk, meeting.pk)
    before = page(client_for(cast.parent_a_home2), *detail)
    assert SECRET not in before
    assert "Add your comment" in before and "already given" not in before
    response = client_for(cast.parent_a_home2).post(
        reverse("families:meeting_comment", args=[cast.child_a.pk, meeting.pk]),
        {"comment": "A VIEW FROM HOME TWO"},
    )
    assert response.status_code == 302
    views = {c.written_by: c.text for c in meeting.comments.all()}
    assert views == {cast.parent_a: SECRET, cast.parent_a_home2: "A VIEW FROM HOME TWO"}
    mine = page(client_for(cast.parent_a), *detail)
    theirs = page(client_for(cast.parent_a_home2), *detail)
    staff = page(client_for(cast.key_person), *detail)
    assert SECRET in mine and "A VIEW FROM HOME TWO" not in mine
    assert "A VIEW FROM HOME TWO" in theirs and SECRET not in theirs
    assert "Change your comment" in theirs
    assert SECRET in staff and "A VIEW FROM HOME TWO" in staff


def test_an_adult_changes_only_their_own_view(cast, client_for, housemate):
    meeting = MeetingFactory(child=cast.child_a)
    CommentFactory(record=meeting, written_by=cast.parent_a, text=SECRET)
    client_for(housemate).post(
        reverse("families:meeting_comment", args=[cast.child_a.pk, meeting.pk]),
        {"comment": "The housemate's own"},
    )
    client_for(cast.parent_a).post(
        reverse("families:meeting_comment", args=[cast.child_a.pk, meeting.pk]),
        {"comment": "Changed on reflection", "private": "on"},
    )
    views = {c.written_by: (c.text, c.private) for c in meeting.comments.all()}
    assert views == {
        cast.parent_a: ("Changed on reflection", True),
        housemate: ("The housemate's own", False),
    }
    # The earlier wording stays in the comment's history.
    mine = meeting.comments.all().get(written_by=cast.parent_a)
    assert [h.text for h in mine.history.order_by("history_date")] == [
        SECRET,
        "Changed on reflection",
    ]


def test_each_adults_leavers_bundle_holds_only_what_they_may_read(cast, client_for):
    CommentFactory(record=MeetingFactory(child=cast.child_a), written_by=cast.parent_a, text=SECRET)
    move = MoveFactory(child=cast.child_a)
    ParentViewFactory(move=move, parent=cast.parent_a, views="Worried about mornings")
    mine = render_bundle(child=cast.child_a, reader=cast.parent_a)
    theirs = render_bundle(child=cast.child_a, reader=cast.parent_a_home2)
    assert SECRET in mine and "Worried about mornings" in mine
    assert SECRET not in theirs and "Worried about mornings" not in theirs
    assert "Loves the sand tray" in theirs  # the child's record itself goes to both


# Signposting ------------------------------------------------------------------


def test_signposting_given_to_one_adult_reaches_only_their_household(cast, client_for):
    SignpostFactory(
        child=cast.child_a,
        given_to=cast.parent_a,
        agency__name="Newtown Refuge Line",
        given_to_family="Phone number",
    )
    assert Signpost.objects.visible_to(cast.parent_a).count() == 1
    assert Signpost.objects.visible_to(cast.parent_a_home2).count() == 0
    assert Signpost.objects.visible_to(cast.key_person).count() == 1
    assert "Newtown Refuge Line" in page(client_for(cast.parent_a), "home")
    assert "Newtown Refuge Line" not in page(client_for(cast.parent_a_home2), "home")
    child_page = page(client_for(cast.parent_a_home2), "families:child_detail", cast.child_a.pk)
    assert "Newtown Refuge Line" not in child_page
    staff_page = page(client_for(cast.key_person), "families:child_detail", cast.child_a.pk)
    assert "Newtown Refuge Line" in staff_page and "Given to Alex Ashworth" in staff_page


# Views on the move to school --------------------------------------------------


def test_views_on_the_move_to_school_follow_the_household_and_the_school_choice(cast):
    move = MoveFactory(child=cast.child_a)
    shared = ParentViewFactory(move=move, parent=cast.parent_a, views="Shared view")
    kept = ParentViewFactory(
        move=move, parent=cast.parent_a, views="Kept view", send_to_school=False
    )
    assert set(ParentView.objects.visible_to(cast.parent_a)) == {shared, kept}
    assert not ParentView.objects.visible_to(cast.parent_a_home2).exists()
    assert set(ParentView.objects.for_school()) == {shared}


def test_the_move_page_shows_another_households_views_to_nobody_but_staff(cast, client_for):
    move = MoveFactory(child=cast.child_a)
    ParentViewFactory(move=move, parent=cast.parent_a, views="Worried about mornings")
    url = reverse("transitions:move_detail", args=[move.pk])
    assert "Worried about mornings" in client_for(cast.key_person).get(url).content.decode()
    assert "Worried about mornings" in client_for(cast.parent_a).get(url).content.decode()
    other = client_for(cast.parent_a_home2).get(url)
    assert other.status_code == 200
    assert "Worried about mornings" not in other.content.decode()


# Households on the link -------------------------------------------------------


def test_the_manager_moves_an_adult_to_another_household_audited(cast, client_for):
    link = ParentLink.objects.get(parent=cast.parent_a_home2)
    response = client_for(cast.manager).post(
        reverse("families:link_edit", args=[cast.child_a.pk, link.pk]),
        {
            "relationship": "father",
            "has_parental_responsibility": "on",
            "portal_access": "on",
            "household": "1",
        },
    )
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.household == 1 and link.household_confirmed
    event = AuditEvent.objects.get(action="families.parent_link.household_changed")
    assert event.data == {"from_household": 2, "household": 1}


def test_the_manager_links_an_adult_in_a_new_household(cast, client_for):
    response = client_for(cast.manager).post(
        reverse("families:link_create", args=[cast.child_a.pk]),
        {
            "new_full_name": "Nat Newhome",
            "new_email": "nat@example.org",
            "relationship": "step_parent",
            "portal_access": "on",
            "household": "3",
        },
    )
    assert response.status_code == 302
    assert ParentLink.objects.get(parent__email="nat@example.org").household == 3


def test_unconfirmed_households_are_shown_to_the_manager_until_confirmed(cast, client_for):
    ParentLink.objects.filter(child=cast.child_a).update(household_confirmed=False)
    client = client_for(cast.manager)
    assert "Households not yet confirmed" in page(client, "families:child_detail", cast.child_a.pk)
    client.post(reverse("families:households_confirm", args=[cast.child_a.pk]))
    assert "Households not yet confirmed" not in page(
        client, "families:child_detail", cast.child_a.pk
    )
    assert AuditEvent.objects.filter(action="families.households.confirmed").count() == 1


# A meeting record for a child whose adults live in two homes ---------------------


def test_the_key_person_shares_a_meeting_with_one_home_only(cast, client_for):
    url = reverse("families:meeting_create", args=[cast.child_a.pk])
    form = client_for(cast.key_person).get(url).content.decode()
    assert "Who reads this record?" in form and "private matters" in form
    response = client_for(cast.key_person).post(
        url,
        {
            "held_on": cast.child_a.date_of_birth.isoformat(),
            "method": "in_person",
            "attendees": "Kim, Alex (mum)",
            "discussion": "Talked about the move between homes.",
            "for_household": "1",
            "share": "on",
            "rows-TOTAL_FORMS": "0",
            "rows-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    meeting = KeyPersonMeeting.objects.get()
    assert meeting.for_household == 1
    # Only that home is told: the other is not told there is anything at all.
    told = set(
        Notification.objects.filter(kind="families.meeting_shared").values_list(
            "recipient", flat=True
        )
    )
    assert cast.parent_a.pk in told and cast.parent_a_home2.pk not in told
    assert KeyPersonMeeting.objects.visible_to(cast.parent_a).count() == 1
    assert KeyPersonMeeting.objects.visible_to(cast.parent_a_home2).count() == 0
    detail = reverse("families:meeting_detail", args=[cast.child_a.pk, meeting.pk])
    assert client_for(cast.parent_a_home2).get(detail).status_code == 404
    assert "move between homes" not in render_bundle(child=cast.child_a, reader=cast.parent_a_home2)
    assert "move between homes" in render_bundle(child=cast.child_a, reader=cast.parent_a)


def meeting_for_two_homes(**overrides):
    return {
        "held_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "method": "in_person",
        "attendees": "Kim, Alex (mum)",
        "discussion": "Talked about the move between homes.",
        "share": "on",
        "rows-TOTAL_FORMS": "0",
        "rows-INITIAL_FORMS": "0",
        **overrides,
    }


def test_a_meeting_for_two_homes_is_refused_until_the_key_person_says_who_reads_it(
    cast, client_for
):
    url = reverse("families:meeting_create", args=[cast.child_a.pk])
    response = client_for(cast.key_person).post(url, meeting_for_two_homes())
    assert response.status_code == 200
    assert "Choose which home reads this record." in response.text
    assert not KeyPersonMeeting.objects.exists()
    assert not Notification.objects.exists()
    # The key person's other answers are kept on the page.
    assert "move between homes" in response.text


def test_a_meeting_for_every_home_reaches_both_homes(cast, client_for):
    url = reverse("families:meeting_create", args=[cast.child_a.pk])
    response = client_for(cast.key_person).post(url, meeting_for_two_homes(for_household="every"))
    assert response.status_code == 302
    meeting = KeyPersonMeeting.objects.get()
    assert meeting.for_household is None
    told = set(
        Notification.objects.filter(kind="families.meeting_shared").values_list(
            "recipient", flat=True
        )
    )
    assert told == {cast.parent_a.pk, cast.parent_a_home2.pk}


@pytest.mark.parametrize(("home", "ticked"), [(None, "every"), (2, "2")])
def test_changing_a_meeting_shows_who_reads_it_now(cast, client_for, home, ticked):
    meeting = MeetingFactory(child=cast.child_a, for_household=home)
    page = (
        client_for(cast.key_person)
        .get(reverse("families:meeting_edit", args=[cast.child_a.pk, meeting.pk]))
        .text
    )
    checked = re.findall(r'<input type="radio"[^>]*name="for_household"[^>]*checked[^>]*>', page)
    assert len(checked) == 1 and f'value="{ticked}"' in checked[0]


def meeting_told(meeting):
    return set(
        Notification.objects.filter(
            kind="families.meeting_shared", url__contains=f"/{meeting.pk}/"
        ).values_list("recipient", flat=True)
    )


@pytest.mark.parametrize(
    ("before", "after", "newly_told"),
    [(1, "2", {"home2"}), (1, "every", {"home2"}), (None, "1", set()), (2, "1", {"home1"})],
)
def test_a_shared_meeting_given_to_another_home_tells_its_adults_and_is_kept_in_the_log(
    cast, client_for, before, after, newly_told
):
    """A meeting shared with the wrong home is given to the right one: the
    adults who read it now for the first time are told, those who read it
    already are not told again, a home it is taken from no longer reads it,
    and the audit log keeps who read it before and after. A read by the
    home it was taken from does not count as the new home's."""
    meeting = MeetingFactory(child=cast.child_a, for_household=before, shared_at=timezone.now())
    if before is not None:
        reader = cast.parent_a if before == 1 else cast.parent_a_home2
        HouseholdRead.objects.create(record=meeting, household=before, read_by=reader)
    url = reverse("families:meeting_edit", args=[cast.child_a.pk, meeting.pk])
    form = client_for(cast.key_person).get(url).text
    assert "This record is already shared." in form
    response = client_for(cast.key_person).post(url, meeting_for_two_homes(for_household=after))
    assert response.status_code == 302, response.text[:2000]
    people = {"home1": cast.parent_a.pk, "home2": cast.parent_a_home2.pk}
    assert meeting_told(meeting) == {people[home] for home in newly_told}
    meeting.refresh_from_db()
    expected = None if after == "every" else int(after)
    assert meeting.for_household == expected
    event = AuditEvent.objects.get(action="families.meeting.changed", object_id=str(meeting.pk))
    code = {None: "every"}
    assert event.data["reader_before"] == code.get(before, before)
    assert event.data["reader"] == code.get(expected, expected)
    readers = {
        home
        for home, person in (("home1", cast.parent_a), ("home2", cast.parent_a_home2))
        if KeyPersonMeeting.objects.visible_to(person).filter(pk=meeting.pk).exists()
    }
    assert readers == ({"home1", "home2"} if expected is None else {f"home{expected}"})
    if expected is not None and expected != before:
        listed = KeyPersonMeeting.objects.with_homes_read(cast.key_person).get(pk=meeting.pk)
        assert not listed.confirmed_by_every_home
        # The record's page agrees with the list: no one has read it yet.
        detail = reverse("families:meeting_detail", args=[cast.child_a.pk, meeting.pk])
        assert "Read by" not in client_for(cast.key_person).get(detail).text


def test_changing_a_shared_meeting_for_the_same_home_tells_nobody(cast, client_for):
    meeting = MeetingFactory(child=cast.child_a, for_household=1, shared_at=timezone.now())
    url = reverse("families:meeting_edit", args=[cast.child_a.pk, meeting.pk])
    client_for(cast.key_person).post(url, meeting_for_two_homes(for_household="1"))
    assert not Notification.objects.exists()
    event = AuditEvent.objects.get(action="families.meeting.changed")
    assert "reader" not in event.data and "reader_before" not in event.data


def test_staff_see_which_home_reads_a_meeting_record(cast, client_for):
    """On the record and in the list of meetings, staff read whether it
    went to every home or to one; the family are not shown it."""
    mine = MeetingFactory(child=cast.child_a, for_household=2, shared_at=timezone.now())
    every = MeetingFactory(child=cast.child_a, for_household=None, shared_at=timezone.now())
    key_person = client_for(cast.key_person)
    detail = key_person.get(reverse("families:meeting_detail", args=[cast.child_a.pk, mine.pk]))
    assert "Who reads this record?" in detail.text and "Only the home of Sam Cole" in detail.text
    detail = key_person.get(reverse("families:meeting_detail", args=[cast.child_a.pk, every.pk]))
    assert "Every home" in detail.text
    listed = key_person.get(reverse("families:meetings", args=[cast.child_a.pk])).text
    assert "Only the home of Sam Cole" in listed and "Every home" in listed
    dad = client_for(cast.parent_a_home2)
    detail = dad.get(reverse("families:meeting_detail", args=[cast.child_a.pk, mine.pk]))
    assert detail.status_code == 200 and "Who reads this record?" not in detail.text
    # A child whose adults share one home: nothing to say.
    one_home = MeetingFactory(child=cast.child_b)
    detail = client_for(cast.manager).get(
        reverse("families:meeting_detail", args=[cast.child_b.pk, one_home.pk])
    )
    assert "Who reads this record?" not in detail.text


def test_a_child_with_one_home_has_no_choice_of_home(cast, client_for):
    url = reverse("families:meeting_create", args=[cast.child_b.pk])
    assert "Who reads this record?" not in client_for(cast.practitioner).get(url).content.decode()


# The setting's own items: complaints, suggestions, consultation answers and
# communication needs are seen by their writer and the manager only -----------


def test_what_an_adult_tells_the_setting_never_reaches_another_adult(cast, client_for):
    from nursery.setting.models import Complaint, ConsultationResponse, Suggestion
    from tests.setting.factories import (
        ComplaintFactory,
        ConsultationResponseFactory,
        SuggestionFactory,
    )

    suggestion = SuggestionFactory(parent=cast.parent_a, body=SECRET)
    complaint = ComplaintFactory(complainant=cast.parent_a, summary=SECRET)
    ConsultationResponseFactory(parent=cast.parent_a, comment=SECRET)
    for other in (cast.parent_a_home2,):
        assert not Suggestion.objects.visible_to(other).exists()
        assert not Complaint.objects.visible_to(other).exists()
        assert not ConsultationResponse.objects.filter(parent=other).exists()
        client = client_for(other)
        for name, pk in (("suggestion_detail", suggestion.pk), ("complaint_detail", complaint.pk)):
            assert client.get(reverse(name, args=[pk])).status_code == 404
        for name in ("suggestions", "complaints"):
            assert SECRET not in client.get(reverse(name)).content.decode()
    assert SECRET in client_for(cast.parent_a).get(reverse("suggestions")).content.decode()


def test_a_meeting_shared_with_one_home_waits_only_for_that_home(cast, client_for):
    """The other home is not told that there is something to read: not the
    record, not that it exists, not its date."""
    meeting = MeetingFactory(
        child=cast.child_a, for_household=1, shared_at=timezone.now(), discussion=SECRET
    )
    mine = client_for(cast.parent_a).get(reverse("home")).content.decode()
    other = client_for(cast.parent_a_home2).get(reverse("home")).content.decode()
    detail = reverse("families:meeting_detail", args=[cast.child_a.pk, meeting.pk])
    assert detail in mine
    assert detail not in other and "New to read: Key-person meeting" not in other


# What one home wrote or was shared reaches no further ------------------------


def test_the_other_homes_data_pack_holds_neither_a_meeting_for_one_home_nor_its_comments(cast):
    """An adult's subject-access pack follows the household rule as their
    copy of the leaver's bundle does."""
    from records import services as records
    from tests.families.factories import ActionFactory, ReviewFactory
    from tests.records.factories import make_request

    meeting = MeetingFactory(child=cast.child_a, for_household=1, discussion=SECRET)
    ActionFactory(meeting=meeting, description="AN ACTION FROM HOME ONE")
    CommentFactory(
        record=ReviewFactory(child=cast.child_a),
        written_by=cast.parent_a,
        text="A VIEW FROM HOME ONE",
    )
    other = records.sar_prepare(sar=make_request(cast.parent_a_home2), by=cast.manager)
    mine = records.sar_prepare(sar=make_request(cast.parent_a), by=cast.manager)
    for text in (SECRET, "AN ACTION FROM HOME ONE", "A VIEW FROM HOME ONE"):
        assert text not in other.pack_html and text not in str(other.pack_data), text
        assert text in mine.pack_html, text


@pytest.mark.parametrize("kind", ["notice", "meeting_request"])
def test_the_answer_to_a_private_item_is_told_to_its_writer_alone(kind, cast, housemate):
    from families import services
    from tests.utils import committed, told

    with committed():
        if kind == "notice":
            item = NoticeFactory(child=cast.child_a, sent_by=cast.parent_a, private=True)
            services.notice_answer(notice=item, by=cast.key_person, reply="Thank you.")
            answered = told("families.message_answered")
        else:
            item = MeetingRequestFactory(
                child=cast.child_a, requested_by=cast.parent_a, private=True
            )
            services.meeting_request_answer(meeting_request=item, by=cast.key_person, answer="Fri")
            answered = told("families.request_answered")
    assert set(answered) == {cast.parent_a.email}


def test_a_comment_on_reading_an_accident_stays_in_its_writers_home(cast, client_for, housemate):
    from safety.services import accident_acknowledge
    from tests.safety.factories import AccidentFactory

    accident = AccidentFactory(child=cast.child_a)
    accident_acknowledge(accident=accident, by=cast.parent_a, comment="WORDS OF HOME ONE ON IT")
    for adult, reads in ((cast.parent_a, True), (housemate, True), (cast.parent_a_home2, False)):
        page = client_for(adult).get(accident.get_absolute_url()).content.decode()
        assert ("WORDS OF HOME ONE ON IT" in page) is reads, adult
    assert (
        "WORDS OF HOME ONE ON IT"
        in client_for(cast.key_person).get(accident.get_absolute_url()).content.decode()
    )


def test_who_collects_as_one_home_said_is_not_shown_to_the_other(cast, client_for, housemate):
    from tests.safety.factories import CollectionNoticeFactory

    CollectionNoticeFactory(
        child=cast.child_a,
        told_by=cast.parent_a,
        on=timezone.localdate(),
        name="A NEW PARTNER",
        phone="07700 900123",
    )
    pages = [
        reverse("safety:child", kwargs={"pk": cast.child_a.pk}),
        cast.child_a.get_absolute_url(),
    ]
    for adult, reads in ((cast.parent_a, True), (housemate, True), (cast.parent_a_home2, False)):
        for url in pages:
            page = client_for(adult).get(url).content.decode()
            assert ("A NEW PARTNER" in page) is reads, (adult, url)
    for url in pages:
        assert "A NEW PARTNER" in client_for(cast.key_person).get(url).content.decode()


def test_a_meeting_for_one_home_does_not_go_to_the_school(cast, client_for):
    """Either home may consent to the school's pack: what one home alone
    was told stays out of it, and the other home's page does not name it."""
    from tests.transitions.factories import (
        MoveFactory,
        SchoolFactory,
        SummaryFactory,
        TransferFactory,
    )
    from transitions.services import SUMMARY_SECTION, render_pack

    school = SchoolFactory(name="Riverside Primary")
    move = MoveFactory(child=cast.child_a, school=school, created_by=cast.key_person)
    SummaryFactory(move=move, updated_by=cast.key_person)
    MeetingFactory(child=cast.child_a, for_household=1, discussion=SECRET)
    transfer = TransferFactory(
        child=cast.child_a,
        school=school,
        prepared_by=cast.key_person,
        sections=[SUMMARY_SECTION, "families.meetings"],
    )
    assert SECRET not in render_pack(transfer=transfer)
    page = client_for(cast.parent_a_home2).get(transfer.get_absolute_url()).content.decode()
    assert "Key-person meetings with the family" not in page


@pytest.mark.django_db(transaction=True)
def test_the_comments_kept_before_become_their_writers_own_with_their_history():
    """Nothing is lost: a record's one comment becomes its writer's own
    comment, and its earlier wordings, from the record's history, its
    history, each with its writer (an adult of the same home could replace
    another's). Going back, the record holds its latest view again."""
    from datetime import UTC, date, datetime

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("families", "0009_reads_per_household")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    mum = ParentFactory(email="mum@example.org")
    gran = ParentFactory(email="gran@example.org")
    child = old.get_model("families", "Child").objects.create(
        first_name="Ada", last_name="Ashworth", date_of_birth=date(2024, 1, 1)
    )
    first = datetime(2026, 11, 2, 18, tzinfo=UTC)
    then = datetime(2026, 11, 3, 18, tzinfo=UTC)
    values = {
        "child_id": child.pk,
        "held_on": date(2026, 11, 1),
        "method": "in_person",
        "shared_at": first,
        "parent_comment_by_id": mum.pk,
        "parent_comment_private": True,
    }
    Meeting = old.get_model("families", "KeyPersonMeeting")
    meeting = Meeting.objects.create(**values, parent_comment="Changed", parent_comment_at=then)
    Meeting.objects.create(**{**values, "parent_comment_by_id": None}, parent_comment="")
    Historical = old.get_model("families", "HistoricalKeyPersonMeeting")
    earlier = datetime(2026, 11, 2, 9, tzinfo=UTC)
    versions = [
        ("Gran's", gran, earlier),
        ("First", mum, first),
        ("First", mum, first),
        ("Changed", mum, then),
    ]
    for text, writer, when in versions:
        Historical.objects.create(
            **{**values, "parent_comment_by_id": writer.pk},
            id=meeting.pk,
            created_at=first,
            updated_at=when,
            parent_comment=text,
            parent_comment_at=when,
            history_date=when,
            history_type="~",
            history_user_id=writer.pk,
        )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    comment = RecordComment.objects.get()
    assert comment.record == KeyPersonMeeting.objects.get(pk=meeting.pk)
    assert (comment.written_by, comment.text, comment.private) == (mum, "Changed", True)
    assert comment.written_at == then
    history = comment.history.order_by("history_date", "history_id")
    assert [(h.text, h.written_by, h.history_type, h.history_date) for h in history] == [
        ("Gran's", gran, "+", earlier),
        ("First", mum, "~", first),
        ("Changed", mum, "~", then),
    ]

    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    back = old.get_model("families", "KeyPersonMeeting").objects.get(pk=meeting.pk)
    assert (back.parent_comment, back.parent_comment_by_id) == ("Changed", mum.pk)
    assert back.parent_comment_private is True
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_in_the_demo_a_meeting_one_home_came_to_is_read_by_that_home(db, capsys):
    """The demo's key people record a meeting with one home of a child who
    lives in two for that home, as the form lets them: the father reads none
    of the meetings the mother came to, with her concerns."""
    from django.core.management import call_command

    from nursery.models import User

    call_command("demo")
    capsys.readouterr()
    mum = User.objects.get(email="shared.mum@demo.example")
    dad = User.objects.get(email="shared.dad@demo.example")
    child = mum.child_links.get().child
    meetings = KeyPersonMeeting.objects.filter(child=child)
    assert meetings.exists()
    mums_home = mum.child_links.get().household
    assert set(meetings.values_list("for_household", flat=True)) == {mums_home}
    assert not meetings.visible_to(dad).exists()
    assert meetings.visible_to(mum).count() == meetings.filter(shared_at__isnull=False).count()
