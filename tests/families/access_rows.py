from datetime import timedelta

from django.utils import timezone

from families.models import (
    AgreedAction,
    ChildProtectionTask,
    KeyPersonMeeting,
    MeetingRequest,
    ParentNotice,
    ProgressReview,
    SettlingInPlan,
    SupportPlan,
)
from families.models.partnership import ReviewKind
from tests.access import ONLY_MANAGER, STAFF, Row, statuses
from tests.families.factories import (
    ActionFactory,
    CPTaskFactory,
    MeetingFactory,
    MeetingRequestFactory,
    NoticeFactory,
    ReviewFactory,
    SettlingPlanFactory,
    SupportPlanFactory,
)


def child_a(cast):
    return {"pk": cast.child_a.pk}


def details_data(cast):
    contact = cast.child_a.emergency_contacts.get()
    return {
        "details-address": "1 New Street\nNewtown",
        "details-postcode": "nt1 1aa",
        "details-home_phone": "01632 960999",
        "details-gp_name": "Dr B. Jones",
        "details-gp_practice": "Parkview Surgery",
        "details-gp_phone": "01632 960200",
        "details-allergies": "none known",
        "contacts-TOTAL_FORMS": "1",
        "contacts-INITIAL_FORMS": "1",
        "contacts-MIN_NUM_FORMS": "1",
        "contacts-MAX_NUM_FORMS": "6",
        "contacts-0-id": str(contact.pk),
        "contacts-0-name": "Grace Jones",
        "contacts-0-relationship": "Grandmother",
        "contacts-0-phone": "07700 900124",
        "contacts-0-priority": "1",
    }


def child_data(cast):
    return {
        "first_name": "Ada",
        "last_name": "Ashworth-Reid",
        "date_of_birth": cast.child_a.date_of_birth.isoformat(),
        "room": str(cast.child_a.room_id),
        "started_on": cast.child_a.started_on.isoformat(),
    }


# Family A's child: her parent reads it, other parents get 404.
CHILD_A_READ = statuses(parents=404, parent_a=200, staff=200)
# Writing details: parent A, the key person, the DSL and the manager.
DETAILS_WRITE = statuses(parents=404, parent_a=200, staff=200, practitioner=403)
MANAGER_ON_CHILD_A = statuses(parents=404, parent_a=403, staff=403, manager=200)

ROWS = [
    Row("families:roster", get=STAFF, post=statuses(parents=403, staff=405)),
    Row(
        "families:child_create",
        get=ONLY_MANAGER,
        post=statuses(everyone=403, manager=302),
        data=lambda cast: {**child_data(cast), "last_name": "Newchild"},
    ),
    Row(
        "families:child_detail",
        get=CHILD_A_READ,
        post=statuses(parents=404, parent_a=405, staff=405),
        kwargs=child_a,
    ),
    Row(
        "families:child_edit",
        get=MANAGER_ON_CHILD_A,
        post={**MANAGER_ON_CHILD_A, "manager": 302},
        kwargs=child_a,
        data=child_data,
    ),
    Row(
        "families:details_edit",
        get=DETAILS_WRITE,
        post=statuses(parents=404, parent_a=302, staff=302, practitioner=403),
        kwargs=child_a,
        data=details_data,
    ),
    Row(
        "families:details_confirm",
        get=statuses(parents=404, parent_a=405, staff=405, practitioner=403),
        post=statuses(parents=404, parent_a=302, staff=302, practitioner=403),
        kwargs=child_a,
    ),
    Row(
        "families:details_history",
        get=CHILD_A_READ,
        post=statuses(parents=404, parent_a=405, staff=405),
        kwargs=child_a,
    ),
    Row(
        "families:key_person",
        get=MANAGER_ON_CHILD_A,
        post={**MANAGER_ON_CHILD_A, "manager": 302},
        kwargs=child_a,
        data=lambda cast: {
            "practitioner": str(cast.practitioner.pk),
            "started_on": cast.child_a.started_on.isoformat(),
        },
    ),
    Row(
        "families:link_create",
        get=MANAGER_ON_CHILD_A,
        post={**MANAGER_ON_CHILD_A, "manager": 302},
        kwargs=child_a,
        data=lambda cast: {
            "new_full_name": "Gran Ashworth",
            "new_email": "gran@example.org",
            "relationship": "grandparent",
            "portal_access": "on",
        },
    ),
    Row(
        "families:households_confirm",
        get={**MANAGER_ON_CHILD_A, "manager": 405},
        post={**MANAGER_ON_CHILD_A, "manager": 302},
        kwargs=child_a,
    ),
    Row(
        "families:link_edit",
        get=MANAGER_ON_CHILD_A,
        post={**MANAGER_ON_CHILD_A, "manager": 302},
        kwargs=lambda cast: {
            "child_pk": cast.child_a.pk,
            "pk": cast.child_a.parent_links.get(parent=cast.parent_a).pk,
        },
        data=lambda cast: {
            "relationship": "mother",
            "has_parental_responsibility": "on",
            "portal_access": "on",
        },
    ),
]


# The partnership with parents. Each kwargs function makes the record it
# names on first use (before the matrix takes its fingerprint of the data).


def _first_or(model, factory, **fields):
    return model.objects.filter(**fields).first() or factory(**fields)


def meeting_kw(cast):
    meeting = _first_or(KeyPersonMeeting, MeetingFactory, child=cast.child_a)
    return {"child_pk": cast.child_a.pk, "pk": meeting.pk}


def action_kw(cast):
    meeting = _first_or(KeyPersonMeeting, MeetingFactory, child=cast.child_a)
    action = _first_or(AgreedAction, ActionFactory, meeting=meeting)
    return {"child_pk": cast.child_a.pk, "pk": action.pk}


def request_kw(cast):
    request = MeetingRequest.objects.filter(child=cast.child_a).first() or (
        MeetingRequestFactory(child=cast.child_a, requested_by=cast.parent_a)
    )
    return {"child_pk": cast.child_a.pk, "pk": request.pk}


def check_kw(cast):
    review = _first_or(ProgressReview, ReviewFactory, child=cast.child_a, kind=ReviewKind.TWO_YEAR)
    return {"child_pk": cast.child_a.pk, "pk": review.pk}


def plan_kw(cast):
    plan = _first_or(SupportPlan, SupportPlanFactory, child=cast.child_a)
    return {"child_pk": cast.child_a.pk, "pk": plan.pk}


def settling_kw(cast):
    _first_or(SettlingInPlan, SettlingPlanFactory, child=cast.child_a)
    return {"child_pk": cast.child_a.pk}


def notice_kw(cast):
    notice = ParentNotice.objects.filter(child=cast.child_a).first() or NoticeFactory(
        child=cast.child_a, sent_by=cast.parent_a
    )
    return {"child_pk": cast.child_a.pk, "pk": notice.pk}


def cp_task_kw(cast):
    task = _first_or(ChildProtectionTask, CPTaskFactory, child=cast.child_a)
    return {"child_pk": cast.child_a.pk, "pk": task.pk}


def child_kw(cast):
    return {"child_pk": cast.child_a.pk}


def rows(prefix, total=0, **fields):
    data = {"rows-TOTAL_FORMS": str(total), "rows-INITIAL_FORMS": "0"}
    for i in range(total):
        data.update({f"rows-{i}-{k}": v for k, v in fields.items()})
    return data


def meeting_data(cast):
    return {
        "held_on": cast.child_a.started_on.isoformat(),
        "method": "phone",
        "attendees": "Kim and Alex",
        "discussion": "Talked about mealtimes.",
        "for_household": "every",
        **rows("rows", 1, description="Try a new food", owner="family"),
    }


def review_data(cast):
    return {
        "kind": "review",
        "reviewed_on": cast.child_a.started_on.isoformat(),
        "communication": "c",
        "physical": "p",
        "personal_social": "s",
        "strengths": "st",
        "concern": "none",
        "setting_will": "sw",
    }


def plan_data(cast):
    return {
        "title": "Plan",
        "started_on": cast.child_a.started_on.isoformat(),
        "agreed_with": "Alex",
        "needs": "Words",
        "next_review_on": (cast.child_a.started_on + timedelta(days=90)).isoformat(),
        **rows("rows", 1, target="Two words", setting_tasks="Games"),
    }


def settling_data(cast):
    return {
        "agreed_on": cast.child_a.started_on.isoformat(),
        "arrangements": "Blanket",
        **rows(
            "rows",
            1,
            on=cast.child_a.started_on.isoformat(),
            starts_at="09:30",
            length_minutes="60",
            who_stays="Mum",
        ),
    }


def cp_data(cast):
    return {"task": "Check in daily", "responsible": "Kim", "status": "in_progress"}


FAMILY_A = statuses(parents=404, parent_a=200, staff=200)
FAMILY_A_405 = statuses(parents=404, parent_a=405, staff=405)
# Keeping the records: the key person and the manager.
KEEP = statuses(parents=404, parent_a=403, staff=403, key_person=200, manager=200)
KEEP_SAVED = {**KEEP, "key_person": 302, "manager": 302}
# The family's answers to a shared record (POST only).
RESPOND_GET = statuses(parents=404, parent_a=405, staff=403)
RESPOND_POST = statuses(parents=404, parent_a=302, staff=403)
PARENT_FORM = statuses(parents=404, parent_a=200, staff=403)
PARENT_SAVED = statuses(parents=404, parent_a=302, staff=403)
RESTRICTED = statuses(parents=404, parent_a=403, staff=200, practitioner=403)
RESTRICTED_405 = statuses(parents=404, parent_a=403, staff=405, practitioner=403)
RESTRICTED_SAVED = statuses(parents=404, parent_a=403, staff=302, practitioner=403)
STAFF_405 = statuses(parents=403, staff=405)
STAFF_ON_CHILD_A = statuses(parents=404, parent_a=403, staff=200)

ROWS += [
    Row("families:meetings", get=FAMILY_A, post=FAMILY_A_405, kwargs=child_kw),
    Row(
        "families:meeting_create",
        get=KEEP,
        post=KEEP_SAVED,
        kwargs=child_kw,
        data=meeting_data,
    ),
    Row(
        "families:meeting_request",
        get=PARENT_FORM,
        post=PARENT_SAVED,
        kwargs=child_kw,
        data=lambda cast: {"preferred_time": "Monday", "about": "Sleep"},
    ),
    Row("families:meeting_detail", get=FAMILY_A, post=FAMILY_A_405, kwargs=meeting_kw),
    Row(
        "families:meeting_edit",
        get=KEEP,
        post=KEEP_SAVED,
        kwargs=meeting_kw,
        data=lambda cast: {**meeting_data(cast), **rows("rows", 0)},
    ),
    Row(
        "families:meeting_comment",
        get=RESPOND_GET,
        post=RESPOND_POST,
        kwargs=meeting_kw,
        data=lambda cast: {"comment": "Thank you"},
    ),
    Row("families:meeting_read", get=RESPOND_GET, post=RESPOND_POST, kwargs=meeting_kw),
    Row(
        "families:action_done",
        get=FAMILY_A_405,
        post=statuses(parents=404, parent_a=302, staff=403),
        kwargs=action_kw,
    ),
    Row(
        "families:request_answer",
        get=KEEP,
        post=KEEP_SAVED,
        kwargs=request_kw,
        data=lambda cast: {"answer": "Friday at 4 is fine."},
    ),
    Row("families:reviews", get=FAMILY_A, post=FAMILY_A_405, kwargs=child_kw),
    Row(
        "families:review_create",
        get=KEEP,
        post=KEEP_SAVED,
        kwargs=child_kw,
        data=review_data,
    ),
    Row("families:review_detail", get=FAMILY_A, post=FAMILY_A_405, kwargs=check_kw),
    Row(
        "families:review_edit",
        get=KEEP,
        post=KEEP_SAVED,
        kwargs=check_kw,
        data=review_data,
    ),
    Row(
        "families:review_comment",
        get=RESPOND_GET,
        post=RESPOND_POST,
        kwargs=check_kw,
        data=lambda cast: {"comment": "We agree"},
    ),
    Row("families:review_read", get=RESPOND_GET, post=RESPOND_POST, kwargs=check_kw),
    Row("families:review_sign_off", get=RESPOND_GET, post=RESPOND_POST, kwargs=check_kw),
    Row(
        "families:review_health_visitor",
        get=KEEP,
        # Without the family's consent the form answers again and records nothing.
        post=KEEP,
        kwargs=check_kw,
        data=lambda cast: {"shared_on": cast.child_a.started_on.isoformat()},
    ),
    Row("families:plans", get=FAMILY_A, post=FAMILY_A_405, kwargs=child_kw),
    Row("families:plan_create", get=KEEP, post=KEEP_SAVED, kwargs=child_kw, data=plan_data),
    Row("families:plan_detail", get=FAMILY_A, post=FAMILY_A_405, kwargs=plan_kw),
    Row("families:plan_edit", get=KEEP, post=KEEP_SAVED, kwargs=plan_kw, data=plan_data),
    Row(
        "families:plan_review",
        get=KEEP,
        post=KEEP_SAVED,
        kwargs=plan_kw,
        data=lambda cast: {
            "reviewed_on": timezone.localdate().isoformat(),
            "progress": "Better",
            "parent_contribution": "Agreed",
        },
    ),
    Row(
        "families:plan_comment",
        get=RESPOND_GET,
        post=RESPOND_POST,
        kwargs=plan_kw,
        data=lambda cast: {"comment": "Helpful"},
    ),
    Row("families:plan_read", get=RESPOND_GET, post=RESPOND_POST, kwargs=plan_kw),
    Row("families:settling", get=FAMILY_A, post=FAMILY_A_405, kwargs=settling_kw),
    Row(
        "families:settling_edit",
        get=KEEP,
        post=KEEP_SAVED,
        kwargs=settling_kw,
        data=settling_data,
    ),
    Row(
        "families:settling_comment",
        get=RESPOND_GET,
        post=RESPOND_POST,
        kwargs=settling_kw,
        data=lambda cast: {"comment": "She loved it"},
    ),
    Row("families:settling_read", get=RESPOND_GET, post=RESPOND_POST, kwargs=settling_kw),
    Row("families:notices", get=FAMILY_A, post=FAMILY_A_405, kwargs=child_kw),
    Row(
        "families:notice_create",
        get=PARENT_FORM,
        post=PARENT_SAVED,
        kwargs=child_kw,
        data=lambda cast: {
            "kind": "absence",
            "starts_on": timezone.localdate().isoformat(),
            "message": "Dentist",
        },
    ),
    Row(
        "families:notice_seen",
        get=statuses(parents=404, parent_a=403, staff=405),
        post=statuses(parents=404, parent_a=403, staff=302),
        kwargs=notice_kw,
    ),
    Row(
        "families:notice_answer",
        get=STAFF_ON_CHILD_A,
        post=statuses(parents=404, parent_a=403, staff=302),
        kwargs=notice_kw,
        data=lambda cast: {"answer": "Get well soon"},
    ),
    Row("families:cp_tasks", get=RESTRICTED, post=RESTRICTED_405, kwargs=child_kw),
    Row(
        "families:cp_task_create",
        get=RESTRICTED,
        post=RESTRICTED_SAVED,
        kwargs=child_kw,
        data=cp_data,
    ),
    Row(
        "families:cp_task_edit",
        get=RESTRICTED,
        post=RESTRICTED_SAVED,
        kwargs=cp_task_kw,
        data=cp_data,
    ),
    Row("families:meetings_overdue", get=STAFF, post=STAFF_405),
    Row("families:reviews_due", get=STAFF, post=STAFF_405),
    Row("families:checks_due", get=STAFF, post=STAFF_405),
    Row("families:inbox", get=STAFF, post=STAFF_405),
    # A parent's own pages list only what their links let them see.
    Row(
        "families:my_children",
        get=statuses(parents=200, staff=403),
        post=statuses(parents=405, staff=403),
    ),
    Row(
        "families:my_messages",
        get=statuses(parents=200, staff=403),
        post=statuses(parents=405, staff=403),
    ),
]
