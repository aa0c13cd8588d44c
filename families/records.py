"""The child's partnership records in the packs that leave the setting: the
transfer pack for a school and the leaver's bundle for parents.

Only what was shared with the family goes out, and only its shared part:
never staff-only notes, never a record still in draft, never the
child-protection tasks (which travel separately, by the DSL)."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from families.models import (
    ChildProtectionTask,
    KeyPersonMeeting,
    MeetingRequest,
    ParentNotice,
    ProgressReview,
    RecordComment,
    SettlingInPlan,
    SupportPlan,
)
from nursery.registry import for_family, is_subject_access, reader_of, record_source


def _with_comments_for(queryset, recipient):
    """Each record's `comments_sent`: the parents' views that go out, as the
    household rule allows. In an adult's copy (of the bundle, or their
    subject-access pack): those that adult may read. To a school: those
    whose writers did not keep them to the nursery (and in an adult's copy
    of the school's pack, of those, the ones this adult may read). In a
    family copy with no reader: none."""
    comments = RecordComment.objects.all()
    if for_family(recipient):
        reader = reader_of(recipient)
        if reader is None:
            comments = comments.none()
        else:
            comments = comments.visible_to(reader)
            if getattr(recipient, "school", None) is not None:
                comments = comments.filter(private=False)
    else:
        comments = comments.filter(private=False)
    return queryset.prefetch_related(
        Prefetch("comments", queryset=comments, to_attr="comments_sent")
    )


@record_source(key="families.meetings", title=_("Key-person meetings with the family"), order=20)
def meetings_record(*, child, recipient):
    meetings = _with_comments_for(KeyPersonMeeting.objects.shared(), recipient)
    reader = reader_of(recipient)
    # The school's pack (or its copy an adult reads before consenting),
    # and any other recipient outside the family.
    outside = getattr(recipient, "school", None) is not None or not for_family(recipient)
    if not outside and reader is not None and reader.is_parent:
        # A record shared with one home goes only into that home's copies.
        meetings = meetings.filter(KeyPersonMeeting.objects.read_by_household_of(reader))
    else:
        # Not outside it (either home may consent to the school's pack),
        # nor into a family copy with no reader.
        meetings = meetings.filter(for_household__isnull=True)
    meetings = list(meetings.filter(child=child).prefetch_related("actions").order_by("held_on"))
    if not meetings:
        return None
    return {"template": "families/records/meetings.html", "context": {"meetings": meetings}}


@record_source(
    key="families.progress", title=_("Progress reviews and the check at age two"), order=21
)
def progress_record(*, child, recipient):
    reviews = list(
        _with_comments_for(ProgressReview.objects.shared(), recipient)
        .filter(child=child)
        .order_by("reviewed_on")
    )
    if not reviews:
        return None
    return {"template": "families/records/progress.html", "context": {"reviews": reviews}}


@record_source(key="families.support_plans", title=_("Support plans"), order=22)
def support_plans_record(*, child, recipient):
    plans = list(
        _with_comments_for(SupportPlan.objects.shared(), recipient)
        .filter(child=child)
        .prefetch_related("targets", "reviews")
        .order_by("started_on")
    )
    if not plans:
        return None
    return {"template": "families/records/support_plans.html", "context": {"plans": plans}}


@record_source(key="families.settling_in", title=_("Settling in"), order=23)
def settling_in_record(*, child, recipient):
    """For the family only: how their child settled in."""
    if not for_family(recipient):
        return None
    plan = (
        _with_comments_for(SettlingInPlan.objects.shared(), recipient)
        .filter(child=child)
        .prefetch_related("sessions")
        .first()
    )
    if plan is None:
        return None
    return {"template": "families/records/settling_in.html", "context": {"plan": plan}}


@record_source(key="families.from_home", title=_("Messages and meeting requests"), order=24)
def from_home_record(*, child, recipient):
    """For one adult's subject-access pack: what they wrote to the setting
    (messages, meeting requests) and the answers, with what other adults
    wrote only where `adults_told` lets this adult receive it."""
    if not is_subject_access(recipient):
        return None
    # The one scope of written items: this adult's own, and what the adults
    # of their home wrote that was not kept to "only the nursery and me".
    notices = list(
        ParentNotice.objects.filter(child=child)
        .visible_to(recipient.adult)
        .select_related("sent_by", "replied_by")
        .order_by("created_at", "pk")
    )
    requests = list(
        MeetingRequest.objects.filter(child=child)
        .visible_to(recipient.adult)
        .select_related("requested_by", "answered_by")
        .order_by("created_at", "pk")
    )
    if not notices and not requests:
        return None
    return {
        "template": "families/records/from_home.html",
        "context": {"notices": notices, "requests": requests},
    }


@record_source(
    key="families.child_protection", title=_("Child-protection plan: the nursery's tasks"), order=90
)
def child_protection_record(*, child, recipient):
    """Only in a subject-access pack, and only when the safeguarding lead
    recorded the decision that this material may be given."""
    if not is_subject_access(recipient) or not recipient.child_protection:
        return None
    tasks = list(ChildProtectionTask.objects.filter(child=child).order_by("due_on", "pk"))
    if not tasks:
        return None
    return {"template": "families/records/child_protection.html", "context": {"tasks": tasks}}
