"""Access rows for the setting's life: policies, events, consultations,
suggestions, complaints, announcements, communication needs, the dashboard."""

from tests.access import ONLY_MANAGER, STAFF, Row, statuses


# The setting and its families. Objects are made once per cast, when the
# URL is built (before the database is fingerprinted).
def _once(cast, name, make):
    if not hasattr(cast, name):
        setattr(cast, name, make(cast))
    return getattr(cast, name)


def policy(cast):
    from tests.setting.factories import PolicyFactory

    return {"pk": _once(cast, "_policy", lambda c: PolicyFactory(title="Sick children")).pk}


def room_event(cast):
    from tests.setting.factories import EventFactory, EventSignupFactory

    def make(c):
        event = EventFactory(room=c.child_a.room, created_by=c.manager)
        EventSignupFactory(event=event, parent=c.parent_a)
        return event

    return {"pk": _once(cast, "_event", make).pk}


def open_consultation(cast):
    from tests.setting.factories import ConsultationFactory

    return {"pk": _once(cast, "_consultation", lambda c: ConsultationFactory()).pk}


def consultation_answer(cast):
    return {"option": str(cast._consultation.options.first().pk), "comment": "Fine by us"}


def suggestion_a(cast):
    from tests.setting.factories import SuggestionFactory

    return {"pk": _once(cast, "_suggestion", lambda c: SuggestionFactory(parent=c.parent_a)).pk}


def complaint_a(cast):
    from tests.setting.factories import ComplaintFactory

    return {"pk": _once(cast, "_complaint", lambda c: ComplaintFactory(complainant=c.parent_a)).pk}


def announcement(cast):
    from tests.setting.factories import AnnouncementFactory

    return {"pk": _once(cast, "_announcement", lambda c: AnnouncementFactory()).pk}


def _day(days):
    from datetime import timedelta

    from django.utils import timezone

    return (timezone.localdate() + timedelta(days=days)).isoformat()


def _future(days):
    from datetime import timedelta

    from django.utils import timezone

    return (timezone.localtime() + timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


POLICY_DATA = {
    "title": "Sick children",
    "category": "health",
    "body": "Keep a child with a fever at home.",
    "last_reviewed_on": _day(-1),
    "next_review_due": _day(364),
    "requires_acknowledgement": "on",
    "is_published": "on",
}
READ_ALL = statuses(everyone=200)
ALL_405 = statuses(everyone=405)
MANAGER_ONLY_LIST = statuses(everyone=403, manager=405)
STAFF_POSTS = statuses(parents=403, staff=302)
FAMILY_READ = statuses(everyone=200, parent_restricted=404)
# What parent_a wrote: the other household's adult of child A never reaches it.
PARENT_OWN = statuses(everyone=404, parent_a=200, manager=200, parent_a_home2=404)

ROWS = [
    Row("dashboard", get=ONLY_MANAGER, post=MANAGER_ONLY_LIST),
    Row("details_unconfirmed", get=ONLY_MANAGER, post=MANAGER_ONLY_LIST),
    Row("policies", get=READ_ALL, post=ALL_405),
    Row("policies_overdue", get=ONLY_MANAGER, post=MANAGER_ONLY_LIST),
    Row(
        "policy_create",
        get=ONLY_MANAGER,
        post=statuses(everyone=403, manager=302),
        data=lambda cast: POLICY_DATA,
    ),
    Row("policy_detail", get=READ_ALL, post=ALL_405, kwargs=policy),
    Row(
        "policy_edit",
        get=ONLY_MANAGER,
        post=statuses(everyone=403, manager=302),
        kwargs=policy,
        data=lambda cast: {**POLICY_DATA, "new_version": "on"},
    ),
    Row(
        "policy_acknowledge",
        get=statuses(parents=405, staff=403),
        post=statuses(parents=302, staff=403),
        kwargs=policy,
    ),
    Row("events", get=READ_ALL, post=ALL_405),
    Row(
        "event_create",
        get=STAFF,
        post=STAFF_POSTS,
        data=lambda cast: {
            "title": "Diwali celebration",
            "kind": "celebration",
            "starts_at": _future(10),
            "helpers_wanted": "0",
        },
    ),
    Row(
        "event_detail",
        get=FAMILY_READ,
        post=statuses(parents=302, parent_restricted=404, staff=403),
        kwargs=room_event,
        data=lambda cast: {"adults": "2", "offers_help": "on"},
    ),
    Row(
        "event_edit",
        get=statuses(parents=403, parent_restricted=404, staff=200),
        post=statuses(parents=403, parent_restricted=404, staff=302),
        kwargs=room_event,
        data=lambda cast: {
            "title": "Stay and play (moved)",
            "kind": "stay_and_play",
            "starts_at": _future(8),
            "helpers_wanted": "2",
        },
    ),
    Row(
        "event_cancel_signup",
        get=statuses(parents=405, parent_restricted=404, staff=403),
        post=statuses(parents=302, parent_restricted=404, staff=403),
        kwargs=room_event,
    ),
    Row("consultations", get=READ_ALL, post=ALL_405),
    Row(
        "consultation_create",
        get=ONLY_MANAGER,
        post=statuses(everyone=403, manager=302),
        data=lambda cast: {
            "title": "Menus",
            "question": "Which lunch menu?",
            "opens_on": _day(0),
            "closes_on": _day(14),
            "options": "Menu A\nMenu B",
        },
    ),
    Row(
        "consultation_detail",
        get=FAMILY_READ,
        post=statuses(parents=302, parent_restricted=404, staff=403),
        kwargs=open_consultation,
        data=consultation_answer,
    ),
    Row(
        "consultation_results",
        get=statuses(everyone=403, parent_restricted=404, manager=200),
        post=statuses(everyone=403, parent_restricted=404, manager=302),
        kwargs=open_consultation,
        data=lambda cast: {"decision": "We will open at 7.30 from September."},
    ),
    Row(
        "suggestions",
        get=statuses(everyone=403, parents=200, manager=200),
        post=statuses(everyone=403, parents=405, manager=405),
    ),
    Row(
        "suggestion_create",
        get=statuses(parents=200, staff=403),
        post=statuses(parents=302, staff=403),
        data=lambda cast: {"body": "A lending library of picture books"},
    ),
    Row(
        "suggestion_detail",
        get=PARENT_OWN,
        post=statuses(everyone=404, parent_a=403, manager=302, parent_a_home2=404),
        kwargs=suggestion_a,
        data=lambda cast: {"response": "Good idea: starting next month."},
    ),
    Row("complaints", get=READ_ALL, post=ALL_405),
    Row("complaints_due", get=ONLY_MANAGER, post=MANAGER_ONLY_LIST),
    Row(
        "complaint_create",
        get=READ_ALL,
        post=statuses(everyone=302),
        data=lambda cast: {
            "summary": "Lost coat",
            "details": "My child's coat went missing.",
            "complainant_name": "A visitor",
            "received_via": "in_person",
            "received_on": _day(0),
        },
    ),
    Row(
        "complaint_detail",
        get=PARENT_OWN,
        post=statuses(everyone=404, parent_a=403, manager=302, parent_a_home2=404),
        kwargs=complaint_a,
        data=lambda cast: {"acknowledged_on": _day(0)},
    ),
    Row("complaints_export", get=ONLY_MANAGER, post=MANAGER_ONLY_LIST),
    Row("complaints_print", get=ONLY_MANAGER, post=MANAGER_ONLY_LIST),
    Row("announcements", get=READ_ALL, post=ALL_405),
    Row(
        "announcement_create",
        get=STAFF,
        post=STAFF_POSTS,
        data=lambda cast: {"title": "Closed Monday", "body": "Training day.", "audience": "all"},
    ),
    Row(
        "announcement_recipients",
        get=statuses(parents=403, parent_restricted=404, staff=200),
        post=statuses(parents=403, parent_restricted=404, staff=405),
        kwargs=announcement,
    ),
    Row(
        "communication_needs",
        get=statuses(parents=200, staff=403),
        post=statuses(parents=302, staff=403),
        data=lambda cast: {"preferred_language": "Polish", "needs_interpreter": "on"},
    ),
]
