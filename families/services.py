"""Writes about children and families that touch several records."""

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from families import notifications as tell
from families.models import (
    Child,
    EmergencyContact,
    KeyPersonAssignment,
    ParentLink,
    PracticalDetails,
)
from families.models.homes import confirm_for_home
from families.selectors import adults_told
from nursery import audit, hooks
from nursery.access import get_object_for
from nursery.errors import DomainError
from nursery.formdata import save_rows
from nursery.links import reverse
from nursery.locking import retry_when_locked
from nursery.queries import compiled_rows
from nursery.registry import child_page_joins


def get_child_for(user, pk, perm=None):
    """The child with this id if this person may open it, else 404; then 403
    if they may open it but not do `perm`."""
    children = Child.objects.select_related("room").with_access_facts(user)
    return get_object_for(user, children, perm=perm, pk=pk)


def get_child_page_for(user, pk):
    """The child for their own page, as `get_child_for`, read with what the
    page shows beside: the practical details, every key person, and what
    the page's sections join to the child (`child_page_joins`)."""
    found = compiled_rows("families.child_page", _child_page, user=user, pk=pk)
    if not found:
        raise Http404
    return found[0]


def _child_page(user, pk):
    child_joins, _link_joins = child_page_joins()
    return (
        Child.objects.select_related("room", "details__last_confirmed_by", *child_joins)
        .with_access_facts(user, history=True)
        .visible_to(user)
        .filter(pk=pk)
    )


@transaction.atomic
def key_person_assign(*, child, practitioner, by, started_on, request=None):
    """End the current key-person assignment (if any) and start a new one;
    tell the child's parents/carers by email."""
    # Lock the child's row so that two managers cannot assign at once.
    Child.objects.select_for_update().get(pk=child.pk)
    current = (
        KeyPersonAssignment.objects.select_for_update()
        .filter(child=child, ended_on__isnull=True)
        .first()
    )
    if current is not None:
        if current.practitioner_id == practitioner.pk:
            return current
        current.ended_on = max(started_on, current.started_on)
        current.save(update_fields=["ended_on"])
    assignment = KeyPersonAssignment.objects.create(
        child=child, practitioner=practitioner, started_on=started_on, assigned_by=by
    )
    child.__dict__.pop("key_person_joined", None)
    child.__dict__.pop("current_assignment", None)
    child.__dict__.pop("key_person_history", None)
    audit.log(
        "families.key_person.assigned",
        actor=by,
        obj=assignment,
        child=child,
        request=request,
        data={"key_person": practitioner.full_name},
    )
    tell.notify(
        recipients=adults_told(child=child),
        kind="families.key_person_changed",
        child=child,
        url=child.get_absolute_url(),
    )
    return assignment


@transaction.atomic
def child_add(*, by, fields, request=None):
    """Add a child to the setting."""
    child = Child(**fields)
    child.save()
    audit.log("families.child.added", actor=by, obj=child, child=child, request=request)
    return child


@transaction.atomic
def child_change(*, child, by, fields, request=None):
    """Change a child's name, room or dates."""
    child = Child.objects.select_for_update().get(pk=child.pk)
    for name, value in fields.items():
        setattr(child, name, value)
    child.save()
    audit.log("families.child.changed", actor=by, obj=child, child=child, request=request)
    return child


@retry_when_locked
@transaction.atomic
def parent_link_create(*, child, parent, by, fields, household=1, request=None):
    """Link a parent/carer to a child (once: a second link is refused), in
    the household the manager chose: a new one or that of an adult already
    linked (what an adult writes reaches only their own household)."""
    Child.objects.select_for_update().get(pk=child.pk)
    if ParentLink.objects.filter(child=child, parent=parent).exists():
        raise DomainError(
            _("%(parent)s is already linked to this child.") % {"parent": parent},
            code="already_linked",
        )
    link = ParentLink(child=child, parent=parent, household=household, **fields)
    link.save()
    audit.log(
        "families.parent_link.created",
        actor=by,
        obj=link,
        child=child,
        request=request,
        data={"household": household},
    )
    return link


@transaction.atomic
def parent_link_change(*, link, by, fields, household=None, request=None):
    """Change a link's relationship, responsibility, portal access or
    household (a change of household is audited on its own line)."""
    link = ParentLink.objects.select_for_update().get(pk=link.pk)
    for name, value in fields.items():
        setattr(link, name, value)
    moved = household is not None and household != link.household
    if moved:
        before, link.household = link.household, household
    if household is not None:
        link.household_confirmed = True
    link.save()
    audit.log("families.parent_link.changed", actor=by, obj=link, child=link.child, request=request)
    if moved:
        audit.log(
            "families.parent_link.household_changed",
            actor=by,
            obj=link,
            child=link.child,
            request=request,
            data={"from_household": before, "household": household},
        )
    return link


@transaction.atomic
def households_confirm(*, child, by, request=None):
    """The manager checked the households of the child's adults as they are."""
    Child.objects.select_for_update().get(pk=child.pk)
    changed = ParentLink.objects.filter(child=child, household_confirmed=False).update(
        household_confirmed=True
    )
    if changed:
        audit.log(
            "families.households.confirmed", actor=by, obj=child, child=child, request=request
        )
    return changed


@retry_when_locked
@transaction.atomic
def details_save(*, child, by, details, contacts, request=None):
    """Save the practical details (a dict of field values) and the emergency
    contacts (rows, see nursery.formdata) together, as a confirmation that
    they are correct now. A parent's change is told to the key person."""
    Child.objects.select_for_update().get(pk=child.pk)
    record = PracticalDetails.objects.filter(child=child).first() or PracticalDetails(child=child)
    for name, value in details.items():
        setattr(record, name, value)
    record.last_confirmed_at = timezone.now()
    record.last_confirmed_by = by
    record.save()
    save_rows(model=EmergencyContact, parent_field="child", parent=child, rows=contacts)
    audit.log("families.details.saved", actor=by, obj=record, child=child, request=request)
    if by.is_parent:
        tell.tell_key_staff(child, kind="families.details_changed", url=child.get_absolute_url())
    return record


@retry_when_locked
@transaction.atomic
def details_confirm(*, child, by, request=None):
    """Record that the details were checked and are still correct."""
    details = PracticalDetails.objects.select_for_update().filter(child=child).first()
    if details is None:
        raise DomainError(_("Please fill in the details first."), code="details_missing")
    details.last_confirmed_at = timezone.now()
    details.last_confirmed_by = by
    details._change_reason = "confirmed as still correct"
    details.save(update_fields=["last_confirmed_at", "last_confirmed_by"])
    audit.log("families.details.confirmed", actor=by, obj=details, child=child, request=request)
    return details


def emergency_contacts_of(child):
    return EmergencyContact.objects.filter(child=child)


def links_of(child):
    return ParentLink.objects.filter(child=child).select_related("parent")


# The partnership with parents: meetings, reviews, plans, settling in, notices.
#
# Each use case has its own service taking plain values: `fields` is a dict of
# the record's own field values (nursery.formdata.fields_of), `rows` a list of
# rows under it (nursery.formdata.rows_of). State rules are checked here,
# under a row lock, and refused with DomainError.

HEALTH_VISITOR_CONSENT = "health_visitor_two_year_check"


def _lock(record):
    """The record's row, locked until the end of the transaction."""
    return type(record).objects.select_for_update().get(pk=record.pk)


def _confirm_read(record, by, at=None):
    """`by`'s home has read `record` (see `families.models.homes`). True
    when this is new. The record must be locked."""
    return confirm_for_home(
        record.reads, by=by, child_id=record.child_id, read_by=by, read_at=at or timezone.now()
    )


def _apply(record, fields):
    for name, value in fields.items():
        setattr(record, name, value)


def _share(record, share):
    """Share a record with the family once; sharing cannot be taken back, as
    the family may already have read it. True when shared just now."""
    if share and record.shared_at is None:
        record.shared_at = timezone.now()
        return True
    return False


def _save_shared(*, record, fields, by, share, created):
    _apply(record, fields)
    if created:
        record.recorded_by = by
    record.newly_shared = _share(record, share)
    record.save()
    return record


def record_url(record):
    """The page of a shared record (meeting, review, support plan, settling-in plan)."""
    child_pk = record.child.pk
    name = type(record).__name__
    if name == "SettlingInPlan":
        return reverse("families:settling", kwargs={"child_pk": child_pk})
    page = {
        "KeyPersonMeeting": "meeting_detail",
        "ProgressReview": "review_detail",
        "SupportPlan": "plan_detail",
    }[name]
    return reverse(f"families:{page}", kwargs={"child_pk": child_pk, "pk": record.pk})


@transaction.atomic
def meeting_record(*, child, by, fields, actions, share, request=None):
    """Log a key-person meeting with the actions agreed."""
    from families.models import AgreedAction, KeyPersonMeeting

    meeting = _save_shared(
        record=KeyPersonMeeting(child=child), fields=fields, by=by, share=share, created=True
    )
    save_rows(model=AgreedAction, parent_field="meeting", parent=meeting, rows=actions)
    audit.log(
        "families.meeting.recorded",
        actor=by,
        obj=meeting,
        child=child,
        request=request,
        data={"shared": meeting.is_shared},
    )
    if meeting.newly_shared:
        tell.tell_family_of_record(
            meeting, kind="families.meeting_shared", url_name="meeting_detail"
        )
    return meeting


def _reader_code(for_household):
    """Who reads a meeting, as the audit log keeps it: a home's number, or
    "every" (every home)."""
    return "every" if for_household is None else for_household


@transaction.atomic
def meeting_change(*, meeting, by, fields, actions, share, request=None):
    """Correct a meeting record, add or change its actions, share it.

    A shared record given to another home (it went to the wrong one, or now
    goes to every home) is kept in the audit log with the homes before and
    after, and the adults who read it now and did not before are told, as
    when it was shared."""
    from families.models import AgreedAction

    meeting = _lock(meeting)
    reader_before, shared_before = meeting.for_household, meeting.is_shared
    meeting = _save_shared(record=meeting, fields=fields, by=by, share=share, created=False)
    save_rows(model=AgreedAction, parent_field="meeting", parent=meeting, rows=actions)
    moved = shared_before and meeting.for_household != reader_before
    data = {"shared": meeting.is_shared}
    if moved:
        data["reader_before"] = _reader_code(reader_before)
        data["reader"] = _reader_code(meeting.for_household)
    audit.log(
        "families.meeting.changed",
        actor=by,
        obj=meeting,
        child=meeting.child,
        request=request,
        data=data,
    )
    if meeting.newly_shared:
        tell.tell_family_of_record(
            meeting, kind="families.meeting_shared", url_name="meeting_detail"
        )
    elif moved and reader_before is not None:
        # From every home to one, nobody reads it who did not.
        tell.tell_family_of_record(
            meeting,
            kind="families.meeting_shared",
            url_name="meeting_detail",
            already_told=reader_before,
        )
    return meeting


@retry_when_locked
@transaction.atomic
def record_comment(*, record, by, comment, private=False, request=None):
    """`by`'s view on a shared record: each adult of the child gives their
    own, beside the others', and changes only their own. Giving it also
    confirms reading. A signed check keeps the views it was signed with
    (DomainError)."""
    record = _lock(record)
    if getattr(record, "is_signed_off", False):
        raise DomainError(
            _("The check is signed off, so your view on it is kept as it was signed."),
            code="signed_off",
        )
    written_at = timezone.now()
    record.comments.update_or_create(
        written_by=by,
        defaults={
            "child_id": record.child_id,
            "text": comment,
            "private": private,
            "written_at": written_at,
        },
    )
    _confirm_read(record, by, at=written_at)
    audit.log(
        "families.record.commented",
        actor=by,
        obj=record,
        child=record.child,
        request=request,
        data={"private": private},
    )
    tell.tell_key_staff(record.child, kind="families.parent_comment", url=record_url(record))
    return record


@retry_when_locked
@transaction.atomic
def record_mark_read(*, record, by, request=None):
    """A home of the child has read a shared record (once for each home: a
    second time changes nothing)."""
    record = _lock(record)
    if _confirm_read(record, by):
        audit.log("families.record.read", actor=by, obj=record, child=record.child, request=request)
    return record


@retry_when_locked
@transaction.atomic
def action_complete(*, action, by, request=None):
    action = _lock(action)
    if action.done_at is None:
        action.done_at, action.done_by = timezone.now(), by
        action.save(update_fields=["done_at", "done_by"])
        audit.log(
            "families.action.done",
            actor=by,
            obj=action,
            child=action.meeting.child,
            request=request,
        )
        if by.is_parent:
            tell.tell_key_staff(
                action.meeting.child, kind="families.action_done", url=record_url(action.meeting)
            )
    return action


@transaction.atomic
def meeting_request_create(*, child, by, preferred_time, about, private=False, request=None):
    from families.models import MeetingRequest

    meeting_request = MeetingRequest.objects.create(
        child=child, requested_by=by, preferred_time=preferred_time, about=about, private=private
    )
    audit.log(
        "families.meeting_request.made",
        actor=by,
        obj=meeting_request,
        child=child,
        request=request,
    )
    tell.tell_key_staff(
        child,
        kind="families.meeting_request",
        url=reverse("families:meetings", kwargs={"child_pk": child.pk}),
    )
    return meeting_request


@retry_when_locked
@transaction.atomic
def meeting_request_answer(*, meeting_request, by, answer, request=None):
    """Answer a parent's meeting request, once (the answer was sent to them)."""
    meeting_request = _lock(meeting_request)
    if meeting_request.answered_at is not None:
        raise DomainError(_("This request was already answered."), code="already_answered")
    meeting_request.answer = answer
    meeting_request.answered_by, meeting_request.answered_at = by, timezone.now()
    meeting_request.save()
    audit.log(
        "families.meeting_request.answered",
        actor=by,
        obj=meeting_request,
        child=meeting_request.child,
        request=request,
    )
    # Addressed to the adult who asked (their household, once recorded).
    child = meeting_request.child
    tell.notify(
        recipients=adults_told(
            child=child, writer=meeting_request.requested_by, private=meeting_request.private
        ),
        kind="families.request_answered",
        child=child,
        url=reverse("families:meetings", kwargs={"child_pk": child.pk}),
    )
    return meeting_request


@transaction.atomic
def review_record(*, child, by, fields, share, request=None):
    """Write a progress review or the check at age two."""
    from families.models import ProgressReview

    review = _save_shared(
        record=ProgressReview(child=child), fields=fields, by=by, share=share, created=True
    )
    audit.log(
        "families.review.recorded",
        actor=by,
        obj=review,
        child=child,
        request=request,
        data={"review_kind": review.kind, "shared": review.is_shared},
    )
    if review.newly_shared:
        tell.tell_family_of_review(review)
    return review


# What a new version of a signed check starts without: the parent's part.
_PARENTS_PART = {
    "signed_off_at": None,
    "signed_off_by": None,
    "health_visitor_shared_on": None,
    "health_visitor_shared_by": None,
}


@retry_when_locked
@transaction.atomic
def review_change(*, review, by, fields, share, request=None):
    """Correct a review, or share it; returns the review as it now stands.

    A check at age two that the parent signed off is evidence: it is never
    changed. Changing it writes a new version (which the parent signs again),
    and the signed version stays as it was, readable. Only the latest
    version may be changed (DomainError)."""
    from families.models import ProgressReview

    review = ProgressReview.objects.select_for_update().get(pk=review.pk)
    if review.newer_version is not None:
        raise DomainError(
            _("A newer version of this check exists: change that one. Nothing was saved."),
            code="superseded",
        )
    if not review.is_signed_off:
        review = _save_shared(record=review, fields=fields, by=by, share=share, created=False)
        audit.log(
            "families.review.changed",
            actor=by,
            obj=review,
            child=review.child,
            request=request,
            data={"review_kind": review.kind, "shared": review.is_shared},
        )
        if review.newly_shared:
            tell.tell_family_of_review(review)
        return review
    signed = review
    new = ProgressReview.objects.get(pk=signed.pk)
    new.pk = new.id = None
    new._state.adding = True
    _apply(new, {**_PARENTS_PART, **fields})
    new.kind = signed.kind
    new.supersedes = signed
    new.version = signed.version + 1
    new.recorded_by = by
    # The family had the signed version; the new one is theirs to sign.
    new.shared_at = timezone.now() if (signed.is_shared or share) else None
    new.save()
    audit.log(
        "families.check.new_version",
        actor=by,
        obj=new,
        child=new.child,
        request=request,
        data={"version": new.version},
    )
    if new.shared_at is not None:
        tell.tell_family_of_review(new)
    return new


@retry_when_locked
@transaction.atomic
def check_sign_off(*, review, by, request=None):
    """The parent signs off the check at age two (which confirms reading).
    Signing twice changes nothing; an earlier version cannot be signed."""
    from families.models import ProgressReview

    review = ProgressReview.objects.select_for_update().get(pk=review.pk)
    if not review.is_two_year_check:
        raise DomainError(_("Only the check at age two is signed off."), code="not_a_check")
    if review.newer_version is not None:
        raise DomainError(
            _("A newer version of this check exists: please read and sign that one."),
            code="superseded",
        )
    if review.is_signed_off:
        return review
    now = timezone.now()
    review.signed_off_at, review.signed_off_by = now, by
    review.save()
    _confirm_read(review, by, at=now)
    audit.log(
        "families.check.signed_off",
        actor=by,
        obj=review,
        child=review.child,
        request=request,
        data={"version": review.version},
    )
    return review


def two_year_check_share_consented(*, child):
    """Whether a parent has consented to the check at age two going to the
    health visitor. The consent ledger answers through the kernel's hook
    (families sits below consents and never imports it); this is the one
    place asking."""
    return hooks.consent_is_given(child=child, code=HEALTH_VISITOR_CONSENT)


@retry_when_locked
@transaction.atomic
def check_share_with_health_visitor(*, review, by, shared_on, request=None):
    """Record that the check at age two went to the health visitor: refused
    without the family's recorded consent to it, and recorded once."""
    review = _lock(review)
    if review.health_visitor_shared_on is not None:
        raise DomainError(
            _("Sharing with the health visitor was already recorded. Nothing was changed."),
            code="already_shared",
        )
    if not two_year_check_share_consented(child=review.child):
        raise DomainError(
            _(
                "The family has not consented to sharing the check with the "
                "health visitor. Nothing was recorded."
            ),
            code="consent_missing",
        )
    review.health_visitor_shared_on, review.health_visitor_shared_by = shared_on, by
    review.save()
    audit.log(
        "families.check.shared_with_health_visitor",
        actor=by,
        obj=review,
        child=review.child,
        request=request,
    )
    return review


@transaction.atomic
def support_plan_record(*, child, by, fields, targets, share, request=None):
    from families.models import SupportPlan, SupportTarget

    plan = _save_shared(
        record=SupportPlan(child=child), fields=fields, by=by, share=share, created=True
    )
    save_rows(model=SupportTarget, parent_field="plan", parent=plan, rows=targets)
    audit.log("families.support_plan.recorded", actor=by, obj=plan, child=child, request=request)
    if plan.newly_shared:
        tell.tell_family_of_record(plan, kind="families.plan_shared", url_name="plan_detail")
    return plan


@transaction.atomic
def support_plan_change(*, plan, by, fields, targets, share, request=None):
    from families.models import SupportTarget

    plan = _save_shared(record=_lock(plan), fields=fields, by=by, share=share, created=False)
    save_rows(model=SupportTarget, parent_field="plan", parent=plan, rows=targets)
    audit.log(
        "families.support_plan.changed", actor=by, obj=plan, child=plan.child, request=request
    )
    if plan.newly_shared:
        tell.tell_family_of_record(plan, kind="families.plan_shared", url_name="plan_detail")
    return plan


@transaction.atomic
def support_plan_review_add(*, plan, by, fields, request=None):
    from families.models import SupportPlanReview

    plan = _lock(plan)
    review = SupportPlanReview(plan=plan, recorded_by=by)
    _apply(review, fields)
    review.save()
    if review.next_review_on:
        plan.next_review_on = review.next_review_on
        plan.save(update_fields=["next_review_on", "updated_at"])
    audit.log(
        "families.support_plan.reviewed", actor=by, obj=review, child=plan.child, request=request
    )
    return review


@retry_when_locked
@transaction.atomic
def settling_plan_save(*, child, by, fields, sessions, share, request=None):
    """Write the child's one settling-in plan, or change it."""
    from families.models import SettlingInPlan, SettlingSession

    Child.objects.select_for_update().get(pk=child.pk)
    plan = SettlingInPlan.objects.filter(child=child).first()
    created = plan is None
    plan = _save_shared(
        record=plan or SettlingInPlan(child=child),
        fields=fields,
        by=by,
        share=share,
        created=created,
    )
    save_rows(model=SettlingSession, parent_field="plan", parent=plan, rows=sessions)
    audit.log(
        "families.settling_plan.recorded" if created else "families.settling_plan.changed",
        actor=by,
        obj=plan,
        child=child,
        request=request,
    )
    if plan.newly_shared:
        tell.notify(
            recipients=adults_told(child=child),
            kind="families.settling_shared",
            child=child,
            url=record_url(plan),
        )
    return plan


@transaction.atomic
def notice_send(*, child, by, fields, request=None):
    from families.models import ParentNotice

    notice = ParentNotice(child=child, sent_by=by)
    _apply(notice, fields)
    notice.save()
    audit.log(
        "families.notice.sent",
        actor=by,
        obj=notice,
        child=child,
        request=request,
        data={"notice_kind": notice.kind},
    )
    tell.tell_key_staff(
        child,
        kind="families.absence" if notice.kind == "absence" else "families.message",
        url=reverse("families:notices", kwargs={"child_pk": child.pk}),
    )
    return notice


@retry_when_locked
@transaction.atomic
def notice_mark_seen(*, notice, by, request=None):
    notice = _lock(notice)
    if notice.seen_at is None:
        notice.seen_at, notice.seen_by = timezone.now(), by
        notice.save(update_fields=["seen_at", "seen_by"])
        audit.log("families.notice.seen", actor=by, obj=notice, child=notice.child, request=request)
    return notice


@retry_when_locked
@transaction.atomic
def notice_answer(*, notice, by, reply, request=None):
    """Answer a family's message, once (the answer reaches the family)."""
    notice = _lock(notice)
    if notice.replied_at is not None:
        raise DomainError(_("This message was already answered."), code="already_answered")
    now = timezone.now()
    notice.reply, notice.replied_by, notice.replied_at = reply, by, now
    if notice.seen_at is None:
        notice.seen_at, notice.seen_by = now, by
    notice.save()
    audit.log("families.notice.answered", actor=by, obj=notice, child=notice.child, request=request)
    # Addressed to the adult who wrote (their household, once recorded).
    tell.notify(
        recipients=adults_told(child=notice.child, writer=notice.sent_by, private=notice.private),
        kind="families.message_answered",
        child=notice.child,
        url=reverse("families:notices", kwargs={"child_pk": notice.child.pk}),
    )
    return notice


@transaction.atomic
def cp_task_record(*, child, by, fields, request=None):
    from families.models import ChildProtectionTask

    task = ChildProtectionTask(child=child, recorded_by=by)
    _apply(task, fields)
    task.save()
    audit.log("families.cp_task.recorded", actor=by, obj=task, child=child, request=request)
    return task


@transaction.atomic
def cp_task_change(*, task, by, fields, request=None):
    task = _lock(task)
    _apply(task, fields)
    task.save()
    audit.log("families.cp_task.changed", actor=by, obj=task, child=task.child, request=request)
    return task
