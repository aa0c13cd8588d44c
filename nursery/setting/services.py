"""Writes of the setting's life: policies, events, consultations,
suggestions, complaints, announcements and communication needs. Each use
case is its own service taking plain values; state rules are checked here
and refused with DomainError."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nursery import audit, mail
from nursery.access import get_object_for
from nursery.errors import DomainError
from nursery.locking import retry_when_locked
from nursery.models import Role, User
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


def _apply(record, fields):
    for name, value in fields.items():
        setattr(record, name, value)
    return record


@transaction.atomic
def policy_add(*, by, fields, request=None):
    """Publish a new policy or piece of information for families."""

    return _policy_save(policy=_apply(Policy(), fields), by=by, request=request)


@transaction.atomic
def policy_change(*, policy, by, fields, new_version=False, request=None):
    """Change a policy or record its review; a new version asks parents to
    acknowledge it again."""

    policy = _apply(Policy.objects.select_for_update().get(pk=policy.pk), fields)
    return _policy_save(policy=policy, by=by, new_version=new_version, request=request)


def _policy_save(*, policy, by, new_version=False, request=None):

    created = policy.pk is None
    if new_version and not created:
        policy.version += 1
        policy.version_date = timezone.localdate()
    policy.updated_by = by
    policy.save()
    audit.log(
        "setting.policy.created" if created else "setting.policy.changed",
        actor=by,
        obj=policy,
        request=request,
        data={"version": policy.version},
    )
    return policy


@transaction.atomic
def policy_acknowledge(*, policy, parent, request=None):
    """Record that the parent read the current version (once per version)."""

    ack, created = PolicyAcknowledgement.objects.get_or_create(
        policy=policy, parent=parent, version=policy.version
    )
    if created:
        audit.log(
            "setting.policy.acknowledged",
            actor=parent,
            obj=ack,
            request=request,
            data={"version": policy.version},
        )
    return ack


@transaction.atomic
def event_add(*, by, fields, request=None):
    """Publish an event for the whole setting or one room."""

    return _event_save(event=_apply(Event(created_by=by), fields), by=by, request=request)


@transaction.atomic
def event_change(*, event, by, fields, request=None):

    event = _apply(Event.objects.select_for_update().get(pk=event.pk), fields)
    return _event_save(event=event, by=by, request=request)


def _event_save(*, event, by, request=None):
    created = event.pk is None
    event.save()
    audit.log(
        "setting.event.created" if created else "setting.event.changed",
        actor=by,
        obj=event,
        request=request,
    )
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
    audit.log(
        "setting.event_signup.created" if created else "setting.event_signup.changed",
        actor=parent,
        obj=signup,
        request=request,
        data={"adults": adults, "offers_help": offers_help},
    )
    return signup


@transaction.atomic
def event_signup_cancel(*, signup, by, request=None):
    audit.log("setting.event_signup.cancelled", actor=by, obj=signup, request=request)
    signup.delete()


@transaction.atomic
def consultation_create(*, by, fields, options, request=None):
    """Open a consultation with its options."""

    consultation = _apply(Consultation(created_by=by), fields)
    consultation.save()
    ConsultationOption.objects.bulk_create(
        ConsultationOption(consultation=consultation, text=text, order=i)
        for i, text in enumerate(options)
    )
    audit.log("setting.consultation.created", actor=by, obj=consultation, request=request)
    return consultation


@transaction.atomic
def consultation_answer(*, consultation, parent, option, comment, request=None):
    """Record or change a parent's one answer to an open consultation."""

    answer, created = ConsultationResponse.objects.update_or_create(
        consultation=consultation, parent=parent, defaults={"option": option, "comment": comment}
    )
    audit.log(
        "setting.consultation.answered" if created else "setting.consultation.answer_changed",
        actor=parent,
        obj=answer,
        request=request,
    )
    return answer


@transaction.atomic
def consultation_decide(*, consultation, by, decision, request=None):

    consultation.decision = decision
    consultation.decided_on = timezone.localdate()
    consultation.decided_by = by
    consultation.save(update_fields=["decision", "decided_on", "decided_by"])
    audit.log("setting.consultation.decided", actor=by, obj=consultation, request=request)
    return consultation


@transaction.atomic
def suggestion_make(*, parent, body, request=None):

    suggestion = Suggestion.objects.create(parent=parent, body=body)
    audit.log("setting.suggestion.made", actor=parent, obj=suggestion, request=request)
    return suggestion


@transaction.atomic
def suggestion_answer(*, suggestion, by, response, request=None):

    suggestion.response = response
    suggestion.responded_at = timezone.now()
    suggestion.responded_by = by
    suggestion.save(update_fields=["response", "responded_at", "responded_by"])
    audit.log("setting.suggestion.answered", actor=by, obj=suggestion, request=request)
    return suggestion


def _managers_emails():
    return list(
        User.objects.with_role(Role.MANAGER).filter(is_active=True).values_list("email", flat=True)
    )


@transaction.atomic
def complaint_make(*, by, fields, request=None):
    """Record a complaint: a parent's own in the portal, or one staff took
    in person, by phone or in writing. The managers are told by email."""

    complaint = _apply(Complaint(), fields)
    if by.is_parent:
        complaint.complainant = by
        complaint.complainant_name = by.full_name
        complaint.received_via = complaint.Via.PORTAL
        complaint.received_on = timezone.localdate()
    elif complaint.complainant is not None and not complaint.complainant_name:
        complaint.complainant_name = complaint.complainant.full_name
    complaint.recorded_by = by
    complaint.save()
    audit.log(
        "setting.complaint.recorded",
        actor=by,
        obj=complaint,
        child=complaint.child,
        request=request,
        data={"via": complaint.received_via},
    )
    recipients = _managers_emails()
    if recipients:
        subject = f"{settings.NURSERY_NAME}: new complaint recorded"
        body = (
            f"A complaint was recorded on {complaint.received_on:%d %B %Y}: "
            f"{complaint.summary}\n\nOpen the portal to read it and acknowledge it."
        )
        mail.send_after_commit(subject=subject, message=body, recipient_list=recipients)
    return complaint


@retry_when_locked
@transaction.atomic
def complaint_progress(
    *, complaint, by, acknowledged_on, investigation, outcome, outcome_on, request=None
):
    """Save the manager's acknowledgement, investigation notes and outcome.

    A recorded fact is never erased: an acknowledgement date, the notes, an
    outcome and its date may be corrected but not emptied (DomainError)."""

    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    new = {
        "acknowledged_on": acknowledged_on,
        "investigation": investigation or "",
        "outcome": outcome or "",
        "outcome_on": outcome_on,
    }
    for name, value in new.items():
        if getattr(complaint, name) not in (None, "") and value in (None, ""):
            raise DomainError(
                _("What was recorded cannot be emptied: correct it instead. Nothing was saved."),
                code="recorded_fact_erased",
            )
    changed = [name for name, value in new.items() if getattr(complaint, name) != value]
    if not changed:
        return complaint
    for name, value in new.items():
        setattr(complaint, name, value)
    if complaint.outcome_on and complaint.outcome_by_id is None:
        complaint.outcome_by = by
    complaint.save()
    audit.log(
        "setting.complaint.progressed",
        actor=by,
        obj=complaint,
        child=complaint.child,
        request=request,
        data={"changed": [str(Complaint._meta.get_field(name).verbose_name) for name in changed]},
    )
    return complaint


@transaction.atomic
def announcement_publish(*, by, fields, children, request=None):
    """Publish an announcement on its families' home pages and email those
    who asked for announcements by email."""

    announcement = _apply(Announcement(created_by=by), fields)
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
    audit.log(
        "setting.announcement.published",
        actor=by,
        obj=announcement,
        request=request,
        data={"audience": announcement.audience, "emailed_to": len(emails)},
    )
    if emails:
        subject = f"{settings.NURSERY_NAME}: {announcement.title}"
        message = announcement.body
        mail.send_after_commit(subject=subject, message=message, recipient_list=emails, each=True)
    return announcement


@transaction.atomic
def communication_needs_save(*, parent, data, request=None):

    needs, _created = CommunicationNeeds.objects.update_or_create(parent=parent, defaults=data)
    audit.log("setting.communication_needs.saved", actor=parent, obj=needs, request=request)
    return needs


def get_policy_for(user, pk, perm=None):

    return get_object_for(user, Policy.objects.all(), perm=perm, pk=pk)


def get_event_for(user, pk, perm=None):

    return get_object_for(user, Event.objects.select_related("room"), perm=perm, pk=pk)


def get_consultation_for(user, pk, perm=None):

    return get_object_for(user, Consultation.objects.all(), perm=perm, pk=pk)


def get_suggestion_for(user, pk, perm=None):

    qs = Suggestion.objects.select_related("parent", "responded_by")
    return get_object_for(user, qs, perm=perm, pk=pk)


def get_complaint_for(user, pk, perm=None):

    qs = Complaint.objects.select_related(
        "complainant__communication_needs", "child", "recorded_by", "outcome_by"
    )
    return get_object_for(user, qs, perm=perm, pk=pk)


def get_announcement_for(user, pk, perm=None):

    qs = Announcement.objects.select_related("room", "created_by")
    return get_object_for(user, qs, perm=perm, pk=pk)
