"""The setting and its families: policies, events, consultations,
suggestions, complaints, announcements, communication needs."""

from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from nursery.setting.models import (
    Announcement,
    Complaint,
    Consultation,
    ConsultationResponse,
    Event,
    EventSignup,
    Policy,
    PolicyAcknowledgement,
    Suggestion,
)
from tests.factories import ChildFactory, ParentLinkFactory, RoomFactory
from tests.setting.factories import (
    AnnouncementFactory,
    CommunicationNeedsFactory,
    ComplaintFactory,
    ConsultationFactory,
    ConsultationResponseFactory,
    EventFactory,
    EventSignupFactory,
    PolicyFactory,
    SuggestionFactory,
)
from tests.utils import run_tasks


def day(n):
    return (timezone.localdate() + timedelta(days=n)).isoformat()


def moment(days):
    return (timezone.localtime() + timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


# Policies


def test_parent_acknowledges_a_policy_and_a_new_version_asks_again(cast, client_for):
    policy = PolicyFactory(title="Sick children")
    parent = client_for(cast.parent_a)
    assert "Sick children" in parent.get(reverse("home")).text
    response = parent.post(reverse("policy_acknowledge", args=[policy.pk]))
    assert response.status_code == 302
    ack = PolicyAcknowledgement.objects.get(policy=policy, parent=cast.parent_a)
    assert ack.version == 1
    assert "policies-to-read-heading" not in parent.get(reverse("home")).text

    manager = client_for(cast.manager)
    data = {
        "title": "Sick children",
        "category": "health",
        "body": "Now 48 hours after sickness.",
        "last_reviewed_on": day(0),
        "next_review_due": day(365),
        "requires_acknowledgement": "on",
        "is_published": "on",
        "new_version": "on",
    }
    assert manager.post(reverse("policy_edit", args=[policy.pk]), data).status_code == 302
    policy.refresh_from_db()
    assert policy.version == 2

    parent = client_for(cast.parent_a)
    home = parent.get(reverse("home")).text
    assert "Sick children" in home and "new version 2" in home
    parent.post(reverse("policy_acknowledge", args=[policy.pk]))
    assert sorted(
        PolicyAcknowledgement.objects.filter(parent=cast.parent_a).values_list("version", flat=True)
    ) == [1, 2]


def test_policy_review_due_before_last_review_is_refused_and_saves_nothing(cast, client_for):
    response = client_for(cast.manager).post(
        reverse("policy_create"),
        {
            "title": "Behaviour",
            "category": "behaviour",
            "body": "Kindness.",
            "last_reviewed_on": day(-1),
            "next_review_due": day(-10),
        },
    )
    assert response.status_code == 200
    assert "The next review must come after the last one." in response.text
    assert not Policy.objects.exists()


def test_overdue_policies_are_listed_for_the_manager_and_counted_on_the_dashboard(cast, client_for):
    PolicyFactory(title="Safeguarding", last_reviewed_on=day(-400), next_review_due=day(-35))
    PolicyFactory(title="Behaviour")
    manager = client_for(cast.manager)
    overdue = manager.get(reverse("policies_overdue")).text
    assert "Safeguarding" in overdue and "Behaviour" not in overdue
    dashboard = manager.get(reverse("dashboard")).context["figures"]
    assert {f["title"]: f["count"] for f in dashboard}["Policies overdue for review"] == 1


def test_parents_never_see_draft_policies(cast, client_for):
    draft = PolicyFactory(title="Draft fees policy", is_published=False)
    parent = client_for(cast.parent_a)
    assert "Draft fees policy" not in parent.get(reverse("policies")).text
    assert parent.get(reverse("policy_detail", args=[draft.pk])).status_code == 404


# Events


def test_an_event_in_the_past_is_refused_with_a_message_and_saves_nothing(cast, client_for):
    response = client_for(cast.key_person).post(
        reverse("event_create"),
        {"title": "Picnic", "kind": "outing", "starts_at": moment(-1), "helpers_wanted": "0"},
    )
    assert response.status_code == 200
    assert "The event cannot start in the past." in response.text
    assert not Event.objects.exists()


def test_an_event_ending_before_it_starts_is_refused(cast, client_for):
    response = client_for(cast.manager).post(
        reverse("event_create"),
        {
            "title": "Picnic",
            "kind": "outing",
            "starts_at": moment(3),
            "ends_at": moment(2),
            "helpers_wanted": "0",
        },
    )
    assert "The event must end after it starts." in response.text
    assert not Event.objects.exists()


def test_parent_signs_up_and_the_key_person_sees_who_is_coming(cast, client_for):
    event = EventFactory(title="Stay and play", room=cast.child_a.room)
    response = client_for(cast.parent_a).post(
        reverse("event_detail", args=[event.pk]),
        {"children": [cast.child_a.pk], "adults": "1", "offers_help": "on"},
    )
    assert response.status_code == 302
    signup = EventSignup.objects.get(event=event, parent=cast.parent_a)
    assert list(signup.children.all()) == [cast.child_a] and signup.offers_help

    home = client_for(cast.key_person).get(reverse("home")).text
    assert "Stay and play" in home and "Alex Ashworth" in home
    assert "Stay and play" not in client_for(cast.practitioner).get(reverse("home")).text
    page = client_for(cast.key_person).get(reverse("event_detail", args=[event.pk])).text
    assert "Alex Ashworth" in page and "your key child" in page


def test_parent_cannot_bring_another_familys_child_to_an_event(cast, client_for):
    event = EventFactory()
    response = client_for(cast.parent_b).post(
        reverse("event_detail", args=[event.pk]), {"children": [cast.child_a.pk], "adults": "1"}
    )
    assert response.status_code == 200
    assert not EventSignup.objects.exists()


def test_parents_do_not_see_who_else_is_coming(cast, client_for):
    event = EventFactory()
    EventSignupFactory(event=event, parent=cast.parent_a, note="Bringing grandma")
    page = client_for(cast.parent_b).get(reverse("event_detail", args=[event.pk])).text
    assert "Alex Ashworth" not in page and "Bringing grandma" not in page


def test_room_events_reach_only_that_rooms_families(cast, client_for):
    other_room = RoomFactory(name="Little Stars")
    event = EventFactory(title="Baby massage", room=other_room)
    assert "Baby massage" not in client_for(cast.parent_a).get(reverse("events")).text
    assert (
        client_for(cast.parent_a).get(reverse("event_detail", args=[event.pk])).status_code == 404
    )
    assert "Baby massage" in client_for(cast.practitioner).get(reverse("events")).text


def test_parent_with_only_a_restricted_link_sees_no_events(cast, client_for):
    EventFactory(title="Whole nursery picnic")
    assert (
        "Whole nursery picnic" not in client_for(cast.parent_restricted).get(reverse("events")).text
    )


# Consultations


def test_a_consultation_closing_before_it_opens_is_refused(cast, client_for):
    response = client_for(cast.manager).post(
        reverse("consultation_create"),
        {
            "title": "Hours",
            "question": "Earlier start?",
            "opens_on": day(10),
            "closes_on": day(5),
            "options": "Yes\nNo",
        },
    )
    assert response.status_code == 200
    assert "The consultation must close after it opens." in response.text
    assert not Consultation.objects.exists()


def test_parent_answers_once_and_may_change_the_answer_while_open(cast, client_for):
    consultation = ConsultationFactory()
    yes, no = consultation.options.all()
    parent = client_for(cast.parent_a)
    url = reverse("consultation_detail", args=[consultation.pk])
    parent.post(url, {"option": yes.pk, "comment": "Mondays please"})
    parent.post(url, {"option": no.pk, "comment": ""})
    answer = ConsultationResponse.objects.get()
    assert answer.option == no and answer.comment == ""


def test_a_closed_consultation_refuses_answers(cast, client_for):
    consultation = ConsultationFactory(opens_on=day(-20), closes_on=day(-1))
    response = client_for(cast.parent_a).post(
        reverse("consultation_detail", args=[consultation.pk]),
        {"option": consultation.options.first().pk},
    )
    assert response.status_code == 403
    assert not ConsultationResponse.objects.exists()


def test_parents_never_see_other_parents_consultation_answers(cast, client_for):
    consultation = ConsultationFactory()
    ConsultationResponseFactory(
        consultation=consultation, parent=cast.parent_a, comment="Secret opinion of A"
    )
    page = client_for(cast.parent_b).get(reverse("consultation_detail", args=[consultation.pk]))
    assert "Secret opinion of A" not in page.text and "Alex Ashworth" not in page.text
    results = client_for(cast.manager).get(reverse("consultation_results", args=[consultation.pk]))
    assert "Secret opinion of A" in results.text


def test_manager_records_the_decision_and_parents_read_it(cast, client_for):
    consultation = ConsultationFactory()
    client_for(cast.manager).post(
        reverse("consultation_results", args=[consultation.pk]),
        {"decision": "We open at 7.30 from September."},
    )
    page = client_for(cast.parent_b).get(reverse("consultation_detail", args=[consultation.pk]))
    assert "We open at 7.30 from September." in page.text


# Suggestions


def test_parents_never_see_other_parents_suggestions(cast, client_for):
    SuggestionFactory(parent=cast.parent_a, body="Suggestion from family A")
    assert (
        "Suggestion from family A" not in client_for(cast.parent_b).get(reverse("suggestions")).text
    )
    assert "Suggestion from family A" in client_for(cast.parent_a).get(reverse("suggestions")).text


def test_manager_answers_a_suggestion_and_the_parent_reads_it(cast, client_for):
    suggestion = SuggestionFactory(parent=cast.parent_a)
    client_for(cast.manager).post(
        reverse("suggestion_detail", args=[suggestion.pk]), {"response": "Starting next month."}
    )
    page = client_for(cast.parent_a).get(reverse("suggestion_detail", args=[suggestion.pk]))
    assert "Starting next month." in page.text
    assert Suggestion.objects.get().responded_by == cast.manager


# Complaints


def test_an_empty_complaint_is_refused_and_saves_nothing(cast, client_for):
    response = client_for(cast.parent_a).post(
        reverse("complaint_create"), {"summary": "", "details": ""}
    )
    assert response.status_code == 200
    assert "This field is required." in response.text
    assert not Complaint.objects.exists()


def test_parent_complaint_is_due_within_28_days_and_the_manager_is_told(
    cast, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(cast.parent_a).post(
            reverse("complaint_create"),
            {"summary": "Lost coat", "details": "The coat went missing.", "child": cast.child_a.pk},
        )
    complaint = Complaint.objects.get()
    assert complaint.complainant == cast.parent_a
    assert complaint.received_via == Complaint.Via.PORTAL
    assert complaint.due_on == timezone.localdate() + timedelta(days=28)
    assert mail.outbox == []  # nothing is sent inside the request
    run_tasks()
    assert [m.to for m in mail.outbox] == [[cast.manager.email]]
    assert "Lost coat" not in mail.outbox[0].body  # never the record itself


def test_a_complaint_made_in_person_has_no_written_deadline(cast, client_for):
    client_for(cast.key_person).post(
        reverse("complaint_create"),
        {
            "complainant": cast.parent_b.pk,
            "received_via": "in_person",
            "received_on": day(0),
            "summary": "Parking",
            "details": "Cars block the gate.",
        },
    )
    complaint = Complaint.objects.get()
    assert complaint.complainant_name == "Bo Bennett" and complaint.due_on is None


def test_a_complaint_received_in_the_future_is_refused(cast, client_for):
    response = client_for(cast.manager).post(
        reverse("complaint_create"),
        {
            "complainant_name": "A grandparent",
            "received_via": "writing",
            "received_on": day(3),
            "summary": "Noise",
            "details": "Too loud.",
        },
    )
    assert "This date cannot be in the future." in response.text
    assert not Complaint.objects.exists()


def test_complaints_near_or_past_their_deadline_show_on_the_dashboard(cast, client_for):
    near = ComplaintFactory(
        summary="Near deadline", received_on=timezone.localdate() - timedelta(days=24)
    )
    ComplaintFactory(summary="Fresh complaint")
    ComplaintFactory(
        summary="In person long ago",
        received_via=Complaint.Via.IN_PERSON,
        received_on=timezone.localdate() - timedelta(days=40),
    )
    manager = client_for(cast.manager)
    figures = {f["title"]: f["count"] for f in manager.get(reverse("dashboard")).context["figures"]}
    assert figures["Complaints near or past their 28-day deadline"] == 1
    due = manager.get(reverse("complaints_due")).text
    assert "Near deadline" in due and "Fresh complaint" not in due
    assert "Complaints near or past their 28-day deadline" in manager.get(reverse("home")).text

    manager.post(
        reverse("complaint_detail", args=[near.pk]),
        {"acknowledged_on": day(-20), "outcome": "We apologised.", "outcome_on": day(0)},
    )
    near.refresh_from_db()
    assert near.is_closed and near.outcome_by == cast.manager
    assert Complaint.objects.near_deadline().count() == 0


def test_an_outcome_without_its_date_is_refused_and_changes_nothing(cast, client_for):
    complaint = ComplaintFactory()
    response = client_for(cast.manager).post(
        reverse("complaint_detail", args=[complaint.pk]), {"outcome": "Sorted."}
    )
    assert "Give the date the outcome was sent." in response.text
    complaint.refresh_from_db()
    assert complaint.outcome == ""


def test_parents_never_see_other_parents_complaints(cast, client_for):
    ComplaintFactory(complainant=cast.parent_a, summary="Complaint of family A")
    assert "Complaint of family A" not in client_for(cast.parent_b).get(reverse("complaints")).text
    assert (
        "Complaint of family A" not in client_for(cast.practitioner).get(reverse("complaints")).text
    )


def test_complaints_record_exports_as_csv_and_printable_page(cast, client_for):
    ComplaintFactory(summary="=HYPERLINK(evil)", details="Coat lost")
    manager = client_for(cast.manager)
    csv_response = manager.get(reverse("complaints_export"))
    body = csv_response.content.decode()
    assert csv_response["Content-Type"].startswith("text/csv")
    assert "Coat lost" in body and "'=HYPERLINK(evil)" in body
    assert "Coat lost" in manager.get(reverse("complaints_print")).text


def test_staff_see_the_complainants_communication_needs(cast, client_for):
    CommunicationNeedsFactory(parent=cast.parent_a, preferred_language="Polish")
    complaint = ComplaintFactory(complainant=cast.parent_a)
    page = client_for(cast.manager).get(reverse("complaint_detail", args=[complaint.pk])).text
    assert "Prefers Polish" in page and "Needs an interpreter" in page


# Announcements and communication needs


def test_announcements_reach_the_families_they_address(cast, client_for):
    other = ChildFactory(room=RoomFactory(name="Little Stars"))
    parent_c = ParentLinkFactory(child=other).parent
    AnnouncementFactory(title="For everyone")
    room = AnnouncementFactory(
        title="For Bright Stars", audience=Announcement.Audience.ROOM, room=cast.child_a.room
    )
    chosen = AnnouncementFactory(title="For Ada", audience=Announcement.Audience.CHILDREN)
    chosen.children.set([cast.child_a])
    assert room.pk and chosen.pk
    home_a = client_for(cast.parent_a).get(reverse("home")).text
    assert "For everyone" in home_a and "For Bright Stars" in home_a and "For Ada" in home_a
    home_b = client_for(cast.parent_b).get(reverse("announcements")).text
    assert "For Bright Stars" in home_b and "For Ada" not in home_b
    home_c = client_for(parent_c).get(reverse("announcements")).text
    assert "For everyone" in home_c and "For Bright Stars" not in home_c
    assert "For everyone" not in client_for(cast.parent_restricted).get(reverse("home")).text


def test_announcement_is_emailed_only_to_parents_who_asked(
    cast, client_for, django_capture_on_commit_callbacks
):
    CommunicationNeedsFactory(parent=cast.parent_b, email_announcements=True)
    CommunicationNeedsFactory(parent=cast.parent_a, email_announcements=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(cast.manager).post(
            reverse("announcement_create"),
            {"title": "Closed Monday", "body": "Training day.", "audience": "all"},
        )
    assert response.status_code == 302
    assert mail.outbox == []  # the worker tells the families
    run_tasks()
    assert [m.to for m in mail.outbox] == [[cast.parent_b.email]]
    recipients = client_for(cast.manager).get(response["Location"]).text
    assert "Bo Bennett" in recipients and "Prefers Polish" in recipients
    assert "Rory Ashworth" not in recipients


def test_an_announcement_to_a_room_needs_the_room(cast, client_for):
    response = client_for(cast.manager).post(
        reverse("announcement_create"),
        {"title": "Wellies", "body": "Bring them.", "audience": "room"},
    )
    assert "Choose the room." in response.text
    assert not Announcement.objects.exists()


def test_parent_records_communication_needs_and_staff_see_them_on_the_child_page(cast, client_for):
    client_for(cast.parent_a).post(
        reverse("communication_needs"),
        {"preferred_language": "Urdu", "accessibility": "Large print, please"},
    )
    staff_page = client_for(cast.key_person).get(cast.child_a.get_absolute_url()).text
    assert "Prefers Urdu" in staff_page and "Large print, please" in staff_page
    parent_page = client_for(cast.parent_a).get(cast.child_a.get_absolute_url()).text
    assert "How to communicate with the parents" not in parent_page


def test_details_unconfirmed_list_shows_children_whose_details_are_stale(cast, client_for):
    stale = ChildFactory(first_name="Stale", last_name="Details")
    page = client_for(cast.manager).get(reverse("details_unconfirmed")).text
    assert "Stale Details" in page and "Ada Ashworth" not in page
    assert stale.pk
