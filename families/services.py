"""Writes about children and families that touch several records."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from families.models import Child, EmergencyContact, KeyPersonAssignment, ParentLink
from nursery import hooks
from nursery.models import AuditEvent
from nursery.services import audit_record


def get_child_for(user, pk, perm=None):
    """The child with this id if this person may open it, else 404; then 403
    if they may open it but not do `perm`."""
    from django.core.exceptions import PermissionDenied
    from django.shortcuts import get_object_or_404

    child = get_object_or_404(Child.objects.visible_to(user).select_related("room"), pk=pk)
    if perm is not None and not user.has_perm(perm, child):
        raise PermissionDenied
    return child


def _portal_parents(child):
    return [
        link.parent
        for link in child.parent_links.filter(
            portal_access=True, parent__is_active=True
        ).select_related("parent")
    ]


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
    child.__dict__.pop("current_assignments", None)
    audit_record(
        actor=by,
        action=AuditEvent.Action.UPDATE,
        obj=assignment,
        child=child,
        detail="key person assigned",
        request=request,
    )
    parents = _portal_parents(child)
    if parents:
        context = {
            "child": child,
            "key_person": practitioner,
            "nursery_name": settings.NURSERY_NAME,
            "started_on": started_on,
        }
        message = render_to_string("families/email/key_person_changed.txt", context)
        subject = render_to_string("families/email/key_person_changed_subject.txt", context)
        transaction.on_commit(
            lambda: send_mail(
                subject=subject.strip(),
                message=message,
                from_email=None,
                recipient_list=[p.email for p in parents],
            )
        )
    return assignment


@transaction.atomic
def parent_link_save(*, link, by, request=None):
    """Create or change a parent/carer's link to a child."""
    created = link.pk is None
    link.save()
    audit_record(
        actor=by,
        action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
        obj=link,
        child=link.child,
        detail="parent link",
        request=request,
    )
    return link


@transaction.atomic
def details_save(*, child, by, details_form, contacts_formset, request=None):
    """Save the practical details and emergency contacts together, as a
    confirmation that they are correct now. Both forms are valid on entry."""
    details = details_form.save(commit=False)
    details.child = child
    details.last_confirmed_at = timezone.now()
    details.last_confirmed_by = by
    details.save()
    contacts = contacts_formset.save(commit=False)
    for contact in contacts_formset.deleted_objects:
        contact.delete()
    for contact in contacts:
        contact.child = child
        contact.save()
    audit_record(
        actor=by,
        action=AuditEvent.Action.UPDATE,
        obj=details,
        child=child,
        detail="practical details",
        request=request,
    )
    return details


@transaction.atomic
def details_confirm(*, child, by, request=None):
    """Record that the details were checked and are still correct."""
    details = child.details
    details.last_confirmed_at = timezone.now()
    details.last_confirmed_by = by
    details._change_reason = "confirmed as still correct"
    details.save(update_fields=["last_confirmed_at", "last_confirmed_by"])
    audit_record(
        actor=by,
        action=AuditEvent.Action.UPDATE,
        obj=details,
        child=child,
        detail="details confirmed",
        request=request,
    )
    return details


def emergency_contacts_of(child):
    return EmergencyContact.objects.filter(child=child)


def links_of(child):
    return ParentLink.objects.filter(child=child).select_related("parent")


# The partnership with parents: meetings, reviews, plans, settling in, notices.

HEALTH_VISITOR_CONSENT = "health_visitor_two_year_check"


def _audit(*, by, obj, child, detail, request, created=False):
    audit_record(
        actor=by,
        action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
        obj=obj,
        child=child,
        detail=detail,
        request=request,
    )


def _share(record, share):
    """Share a record with the family once; sharing cannot be taken back, as
    the family may already have read it."""
    if share and record.shared_at is None:
        record.shared_at = timezone.now()


@transaction.atomic
def meeting_save(*, meeting, actions, by, share, request=None):
    """Save a key-person meeting with its agreed actions (a valid formset)."""
    created = meeting.pk is None
    if created:
        meeting.recorded_by = by
    _share(meeting, share)
    meeting.save()
    for action in actions.save(commit=False):
        action.meeting = meeting
        action.save()
    for action in actions.deleted_objects:
        action.delete()
    _audit(
        by=by,
        obj=meeting,
        child=meeting.child,
        detail="key-person meeting",
        request=request,
        created=created,
    )
    return meeting


@transaction.atomic
def record_comment(*, record, by, comment, request=None):
    """The parent's view on a shared record; adding it also confirms reading."""
    record.parent_comment = comment
    record.parent_comment_by = by
    record.parent_comment_at = timezone.now()
    if record.read_at is None:
        record.read_at, record.read_by = record.parent_comment_at, by
    record.save()
    _audit(by=by, obj=record, child=record.child, detail="parent's comment", request=request)
    return record


@transaction.atomic
def record_mark_read(*, record, by, request=None):
    if record.read_at is None:
        record.read_at, record.read_by = timezone.now(), by
        record.save(update_fields=["read_at", "read_by", "updated_at"])
        _audit(by=by, obj=record, child=record.child, detail="read by parent", request=request)
    return record


@transaction.atomic
def action_complete(*, action, by, request=None):
    if action.done_at is None:
        action.done_at, action.done_by = timezone.now(), by
        action.save(update_fields=["done_at", "done_by"])
        _audit(by=by, obj=action, child=action.meeting.child, detail="action done", request=request)
    return action


@transaction.atomic
def meeting_request_create(*, meeting_request, child, by, request=None):
    meeting_request.child, meeting_request.requested_by = child, by
    meeting_request.save()
    _audit(
        by=by,
        obj=meeting_request,
        child=child,
        detail="meeting requested",
        request=request,
        created=True,
    )
    return meeting_request


@transaction.atomic
def meeting_request_answer(*, meeting_request, by, answer, request=None):
    meeting_request.answer = answer
    meeting_request.answered_by, meeting_request.answered_at = by, timezone.now()
    meeting_request.save()
    _audit(
        by=by,
        obj=meeting_request,
        child=meeting_request.child,
        detail="meeting request answered",
        request=request,
    )
    return meeting_request


@transaction.atomic
def review_save(*, review, by, share, request=None):
    created = review.pk is None
    if created:
        review.recorded_by = by
    _share(review, share)
    review.save()
    _audit(
        by=by,
        obj=review,
        child=review.child,
        detail=review.get_kind_display(),
        request=request,
        created=created,
    )
    return review


@transaction.atomic
def check_sign_off(*, review, by, request=None):
    """The parent signs off the check at age two (which confirms reading)."""
    now = timezone.now()
    review.signed_off_at, review.signed_off_by = now, by
    if review.read_at is None:
        review.read_at, review.read_by = now, by
    review.save()
    _audit(
        by=by, obj=review, child=review.child, detail="check signed off by parent", request=request
    )
    return review


def two_year_check_share_consented(*, child):
    """Whether a parent has consented to the check at age two going to the
    health visitor. The consent ledger answers through the kernel's hook
    (families sits below consents and never imports it); this is the one
    place asking."""
    return hooks.consent_is_given(child=child, code=HEALTH_VISITOR_CONSENT)


class ConsentMissing(Exception):
    pass


@transaction.atomic
def check_share_with_health_visitor(*, review, by, shared_on, request=None):
    """Record that the check at age two went to the health visitor: refused
    without the family's recorded consent to it."""
    if not two_year_check_share_consented(child=review.child):
        raise ConsentMissing
    review.health_visitor_shared_on, review.health_visitor_shared_by = shared_on, by
    review.save()
    _audit(
        by=by,
        obj=review,
        child=review.child,
        detail="check shared with health visitor",
        request=request,
    )
    return review


@transaction.atomic
def support_plan_save(*, plan, targets, by, share, request=None):
    created = plan.pk is None
    if created:
        plan.recorded_by = by
    _share(plan, share)
    plan.save()
    for target in targets.save(commit=False):
        target.plan = plan
        target.save()
    for target in targets.deleted_objects:
        target.delete()
    _audit(
        by=by, obj=plan, child=plan.child, detail="support plan", request=request, created=created
    )
    return plan


@transaction.atomic
def support_plan_review_add(*, plan, review, by, request=None):
    review.plan, review.recorded_by = plan, by
    review.save()
    if review.next_review_on:
        plan.next_review_on = review.next_review_on
        plan.save(update_fields=["next_review_on", "updated_at"])
    _audit(
        by=by,
        obj=review,
        child=plan.child,
        detail="support plan reviewed",
        request=request,
        created=True,
    )
    return review


@transaction.atomic
def settling_plan_save(*, plan, sessions, by, share, request=None):
    created = plan.pk is None
    if created:
        plan.recorded_by = by
    _share(plan, share)
    plan.save()
    for session in sessions.save(commit=False):
        session.plan = plan
        session.save()
    for session in sessions.deleted_objects:
        session.delete()
    _audit(
        by=by,
        obj=plan,
        child=plan.child,
        detail="settling-in plan",
        request=request,
        created=created,
    )
    return plan


@transaction.atomic
def notice_send(*, notice, child, by, request=None):
    notice.child, notice.sent_by = child, by
    notice.save()
    _audit(
        by=by,
        obj=notice,
        child=child,
        detail=notice.get_kind_display(),
        request=request,
        created=True,
    )
    return notice


@transaction.atomic
def notice_mark_seen(*, notice, by, request=None):
    if notice.seen_at is None:
        notice.seen_at, notice.seen_by = timezone.now(), by
        notice.save(update_fields=["seen_at", "seen_by"])
        _audit(by=by, obj=notice, child=notice.child, detail="message seen", request=request)
    return notice


@transaction.atomic
def notice_answer(*, notice, by, reply, request=None):
    now = timezone.now()
    notice.reply, notice.replied_by, notice.replied_at = reply, by, now
    if notice.seen_at is None:
        notice.seen_at, notice.seen_by = now, by
    notice.save()
    _audit(by=by, obj=notice, child=notice.child, detail="message answered", request=request)
    return notice


@transaction.atomic
def cp_task_save(*, task, by, request=None):
    created = task.pk is None
    if created:
        task.recorded_by = by
    task.save()
    _audit(
        by=by,
        obj=task,
        child=task.child,
        detail="child-protection task",
        request=request,
        created=created,
    )
    return task
