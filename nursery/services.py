"""Writes about the setting as a whole: the audit log, accounts, invitations."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from nursery import audit
from nursery.access import get_object_for
from nursery.errors import DomainError
from nursery.locking import retry_when_locked
from nursery.models import Role, User

PORTAL_APPS = ("nursery", "families", "consents", "agencies", "transitions")


def sync_role_permissions(*, using="default"):
    """Give the role groups the Django model permissions the admin uses.

    Managers get every permission of the portal's apps; practitioners may
    view them; parents get none (they never open the admin). Object-level
    access in the portal itself is decided by each app's rules.py.
    """
    from django.contrib.auth.models import Group, Permission

    perms = Permission.objects.using(using).filter(content_type__app_label__in=PORTAL_APPS)
    for role in Role.values:
        Group.objects.using(using).get_or_create(name=role)
    Group.objects.using(using).get(name=Role.MANAGER).permissions.set(perms)
    Group.objects.using(using).get(name=Role.PRACTITIONER).permissions.set(
        perms.filter(codename__startswith="view_")
    )
    Group.objects.using(using).get(name=Role.PARENT).permissions.clear()


def invitation_url(*, user, request=None):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("invitation", kwargs={"uidb64": uid, "token": token})
    return request.build_absolute_uri(path) if request is not None else path


def account_invite(*, user, by, request=None):
    """Email the person a link to choose their password."""
    context = {
        "user": user,
        "url": invitation_url(user=user, request=request),
        "nursery_name": settings.NURSERY_NAME,
        "days": settings.PASSWORD_RESET_TIMEOUT // (24 * 3600),
    }
    send_mail(
        subject=render_to_string("registration/invitation_subject.txt", context).strip(),
        message=render_to_string("registration/invitation_email.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )
    audit.log("accounts.account.invited", actor=by, obj=user, request=request)


@transaction.atomic
def account_create(*, by, email, full_name, role, phone="", is_dsl=False, request=None):
    """Create a login for a parent/carer or a member of staff and invite them."""
    user = User.objects.create_user(
        email=email,
        full_name=full_name,
        phone=phone,
        is_dsl=is_dsl and role in (Role.PRACTITIONER, Role.MANAGER),
        is_staff=role == Role.MANAGER,
    )
    user.set_role(role)
    audit.log("accounts.account.created", actor=by, obj=user, request=request, data={"role": role})
    transaction.on_commit(lambda: account_invite(user=user, by=by, request=request))
    return user


@transaction.atomic
def account_update(*, user, by, full_name, phone, role, is_dsl, is_active, request=None):
    user.full_name = full_name
    user.phone = phone
    user.is_dsl = is_dsl and role in (Role.PRACTITIONER, Role.MANAGER)
    user.is_active = is_active
    user.is_staff = role == Role.MANAGER
    user.save()
    user.set_role(role)
    audit.log(
        "accounts.account.changed",
        actor=by,
        obj=user,
        request=request,
        data={"role": role, "is_dsl": user.is_dsl, "is_active": is_active},
    )
    return user


# The setting and its families: policies, events, consultations, suggestions,
# complaints, announcements and communication needs.


def _apply(record, fields):
    for name, value in fields.items():
        setattr(record, name, value)
    return record


@transaction.atomic
def policy_add(*, by, fields, request=None):
    """Publish a new policy or piece of information for families."""
    from nursery.models import Policy

    return _policy_save(policy=_apply(Policy(), fields), by=by, request=request)


@transaction.atomic
def policy_change(*, policy, by, fields, new_version=False, request=None):
    """Change a policy or record its review; a new version asks parents to
    acknowledge it again."""
    from nursery.models import Policy

    policy = _apply(Policy.objects.select_for_update().get(pk=policy.pk), fields)
    return _policy_save(policy=policy, by=by, new_version=new_version, request=request)


def _policy_save(*, policy, by, new_version=False, request=None):
    from django.utils import timezone

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
    from nursery.models import PolicyAcknowledgement

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
    from nursery.models import Event

    return _event_save(event=_apply(Event(created_by=by), fields), by=by, request=request)


@transaction.atomic
def event_change(*, event, by, fields, request=None):
    from nursery.models import Event

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
    from nursery.models import EventSignup

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
    from nursery.models import Consultation, ConsultationOption

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
    from nursery.models import ConsultationResponse

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
    from django.utils import timezone

    consultation.decision = decision
    consultation.decided_on = timezone.localdate()
    consultation.decided_by = by
    consultation.save(update_fields=["decision", "decided_on", "decided_by"])
    audit.log("setting.consultation.decided", actor=by, obj=consultation, request=request)
    return consultation


@transaction.atomic
def suggestion_make(*, parent, body, request=None):
    from nursery.models import Suggestion

    suggestion = Suggestion.objects.create(parent=parent, body=body)
    audit.log("setting.suggestion.made", actor=parent, obj=suggestion, request=request)
    return suggestion


@transaction.atomic
def suggestion_answer(*, suggestion, by, response, request=None):
    from django.utils import timezone

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
    from django.utils import timezone

    from nursery.models import Complaint

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
        transaction.on_commit(
            lambda: send_mail(
                subject=subject, message=body, from_email=None, recipient_list=recipients
            )
        )
    return complaint


@retry_when_locked
@transaction.atomic
def complaint_progress(
    *, complaint, by, acknowledged_on, investigation, outcome, outcome_on, request=None
):
    """Save the manager's acknowledgement, investigation notes and outcome.

    A recorded fact is never erased: an acknowledgement date, the notes, an
    outcome and its date may be corrected but not emptied (DomainError)."""
    from nursery.models import Complaint

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
    from nursery.models import Announcement

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
        transaction.on_commit(
            lambda: [
                send_mail(subject=subject, message=message, from_email=None, recipient_list=[e])
                for e in emails
            ]
        )
    return announcement


@transaction.atomic
def communication_needs_save(*, parent, data, request=None):
    from nursery.models import CommunicationNeeds

    needs, _created = CommunicationNeeds.objects.update_or_create(parent=parent, defaults=data)
    audit.log("setting.communication_needs.saved", actor=parent, obj=needs, request=request)
    return needs


def get_policy_for(user, pk, perm=None):
    from nursery.models import Policy

    return get_object_for(user, Policy.objects.all(), perm=perm, pk=pk)


def get_event_for(user, pk, perm=None):
    from nursery.models import Event

    return get_object_for(user, Event.objects.select_related("room"), perm=perm, pk=pk)


def get_consultation_for(user, pk, perm=None):
    from nursery.models import Consultation

    return get_object_for(user, Consultation.objects.all(), perm=perm, pk=pk)


def get_suggestion_for(user, pk, perm=None):
    from nursery.models import Suggestion

    qs = Suggestion.objects.select_related("parent", "responded_by")
    return get_object_for(user, qs, perm=perm, pk=pk)


def get_complaint_for(user, pk, perm=None):
    from nursery.models import Complaint

    qs = Complaint.objects.select_related(
        "complainant__communication_needs", "child", "recorded_by", "outcome_by"
    )
    return get_object_for(user, qs, perm=perm, pk=pk)


def get_announcement_for(user, pk, perm=None):
    from nursery.models import Announcement

    qs = Announcement.objects.select_related("room", "created_by")
    return get_object_for(user, qs, perm=perm, pk=pk)
