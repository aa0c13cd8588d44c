"""Writes of the setting's life: policies, events, consultations,
suggestions, complaints, announcements and communication needs."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from nursery.models import AuditEvent, Role, User
from nursery.services import audit_record, get_for
from nursery.setting.models import (
    Announcement,
    CommunicationNeeds,
    Complaint,
    Consultation,
    ConsultationOption,
    ConsultationResponse,
    Event,
    EventSignup,
    Policy,
    PolicyAcknowledgement,
    Suggestion,
)


def _audit(by, obj, detail, *, created=False, child=None, request=None):
    audit_record(
        actor=by,
        action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
        obj=obj,
        child=child,
        detail=detail,
        request=request,
    )


@transaction.atomic
def policy_save(*, policy, by, new_version=False, request=None):
    """Create or change a policy; a new version asks parents to acknowledge again."""

    created = policy.pk is None
    if new_version and not created:
        policy.version += 1
        policy.version_date = timezone.localdate()
    policy.updated_by = by
    policy.save()
    _audit(by, policy, f"policy v{policy.version}", created=created, request=request)
    return policy


@transaction.atomic
def policy_acknowledge(*, policy, parent, request=None):
    """Record that the parent read the current version (once per version)."""

    ack, created = PolicyAcknowledgement.objects.get_or_create(
        policy=policy, parent=parent, version=policy.version
    )
    if created:
        _audit(parent, ack, "policy acknowledged", created=True, request=request)
    return ack


@transaction.atomic
def event_save(*, event, by, request=None):
    created = event.pk is None
    if created:
        event.created_by = by
    event.save()
    _audit(by, event, "event", created=created, request=request)
    return event


@transaction.atomic
def event_signup_save(*, event, parent, children, adults, offers_help, note="", request=None):
    """Sign a parent up for an event, or change their sign-up."""

    signup, created = EventSignup.objects.update_or_create(
        event=event,
        parent=parent,
        defaults={"adults": adults, "offers_help": offers_help, "note": note},
    )
    signup.children.set(children)
    _audit(parent, signup, "event sign-up", created=created, request=request)
    return signup


@transaction.atomic
def event_signup_cancel(*, signup, by, request=None):
    _audit(by, signup, "event sign-up cancelled", request=request)
    signup.delete()


@transaction.atomic
def consultation_create(*, consultation, options, by, request=None):

    consultation.created_by = by
    consultation.save()
    ConsultationOption.objects.bulk_create(
        ConsultationOption(consultation=consultation, text=text, order=i)
        for i, text in enumerate(options)
    )
    _audit(by, consultation, "consultation", created=True, request=request)
    return consultation


@transaction.atomic
def consultation_answer(*, consultation, parent, option, comment, request=None):
    """Record or change a parent's one answer to an open consultation."""

    answer, created = ConsultationResponse.objects.update_or_create(
        consultation=consultation, parent=parent, defaults={"option": option, "comment": comment}
    )
    _audit(parent, answer, "consultation answer", created=created, request=request)
    return answer


@transaction.atomic
def consultation_decide(*, consultation, by, decision, request=None):

    consultation.decision = decision
    consultation.decided_on = timezone.localdate()
    consultation.decided_by = by
    consultation.save(update_fields=["decision", "decided_on", "decided_by"])
    _audit(by, consultation, "consultation decision", request=request)
    return consultation


@transaction.atomic
def suggestion_make(*, parent, body, request=None):

    suggestion = Suggestion.objects.create(parent=parent, body=body)
    _audit(parent, suggestion, "suggestion", created=True, request=request)
    return suggestion


@transaction.atomic
def suggestion_answer(*, suggestion, by, response, request=None):

    suggestion.response = response
    suggestion.responded_at = timezone.now()
    suggestion.responded_by = by
    suggestion.save(update_fields=["response", "responded_at", "responded_by"])
    _audit(by, suggestion, "suggestion answered", request=request)
    return suggestion


def _managers_emails():
    return list(
        User.objects.with_role(Role.MANAGER).filter(is_active=True).values_list("email", flat=True)
    )


@transaction.atomic
def complaint_make(*, complaint, by, request=None):
    """Record a complaint: a parent's own in the portal, or one staff took
    in person, by phone or in writing. The managers are told by email."""

    if by.is_parent:
        complaint.complainant = by
        complaint.complainant_name = by.full_name
        complaint.received_via = complaint.Via.PORTAL
        complaint.received_on = timezone.localdate()
    elif complaint.complainant is not None and not complaint.complainant_name:
        complaint.complainant_name = complaint.complainant.full_name
    complaint.recorded_by = by
    complaint.save()
    _audit(by, complaint, "complaint", created=True, child=complaint.child, request=request)
    recipients = _managers_emails()
    if recipients:
        subject = f"{settings.NURSERY_NAME}: new complaint recorded"
        body = (
            f"A complaint was recorded on {complaint.received_on:%d %B %Y}: "
            f"{complaint.summary}\n\nOpen the portal to read it and acknowledge it."
        )
        transaction.on_commit(
            lambda: send_mail(
                subject=subject, message=body, from_email=None, recipient_list=recipients
            )
        )
    return complaint


@transaction.atomic
def complaint_progress(*, complaint, by, request=None):
    """Save the manager's acknowledgement, investigation notes and outcome."""
    if complaint.outcome_on and complaint.outcome_by_id is None:
        complaint.outcome_by = by
    complaint.save()
    _audit(by, complaint, "complaint progress", child=complaint.child, request=request)
    return complaint


@transaction.atomic
def announcement_publish(*, announcement, children, by, request=None):
    """Publish an announcement on its families' home pages and email those
    who asked for announcements by email."""
    announcement.created_by = by
    announcement.save()
    if announcement.audience == announcement.Audience.CHILDREN:
        announcement.children.set(children)
    emails = [
        p.email
        for p in announcement.recipients()
        if getattr(p, "communication_needs", None) and p.communication_needs.email_announcements
    ]
    announcement.emailed_to = len(emails)
    announcement.save(update_fields=["emailed_to"])
    _audit(by, announcement, "announcement", created=True, request=request)
    if emails:
        subject = f"{settings.NURSERY_NAME}: {announcement.title}"
        message = announcement.body
        transaction.on_commit(
            lambda: [
                send_mail(subject=subject, message=message, from_email=None, recipient_list=[e])
                for e in emails
            ]
        )
    return announcement


@transaction.atomic
def communication_needs_save(*, parent, data, request=None):

    needs, created = CommunicationNeeds.objects.update_or_create(parent=parent, defaults=data)
    _audit(parent, needs, "communication needs", created=created, request=request)
    return needs


def get_policy_for(user, pk, perm=None):

    return get_for(Policy.objects.all(), user, pk, perm)


def get_event_for(user, pk, perm=None):

    return get_for(Event.objects.select_related("room"), user, pk, perm)


def get_consultation_for(user, pk, perm=None):

    return get_for(Consultation.objects.all(), user, pk, perm)


def get_suggestion_for(user, pk, perm=None):

    return get_for(Suggestion.objects.select_related("parent", "responded_by"), user, pk, perm)


def get_complaint_for(user, pk, perm=None):

    qs = Complaint.objects.select_related(
        "complainant__communication_needs", "child", "recorded_by", "outcome_by"
    )
    return get_for(qs, user, pk, perm)


def get_announcement_for(user, pk, perm=None):

    return get_for(Announcement.objects.select_related("room", "created_by"), user, pk, perm)
