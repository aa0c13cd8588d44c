"""Writes about the setting as a whole: the audit log, accounts, invitations."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from nursery.models import AuditEvent, Role, User

PORTAL_APPS = ("nursery", "families", "consents", "agencies", "transitions", "safety")


def client_ip(request):
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def audit_record(*, actor, action, obj=None, child=None, detail="", request=None):
    """Append one line to the audit log."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    event = AuditEvent(
        actor=actor,
        action=action,
        child=child,
        detail=detail[:300],
        ip_address=client_ip(request),
    )
    if obj is not None:
        event.content_type = ContentType.objects.get_for_model(obj)
        event.object_id = str(obj.pk)
        event.object_repr = str(obj)[:200]
    event.save()
    return event


def audit_read_restricted(*, request, obj, child, detail=""):
    """Record that someone opened restricted material about a child."""
    return audit_record(
        actor=request.user,
        action=AuditEvent.Action.READ_RESTRICTED,
        obj=obj,
        child=child,
        detail=detail,
        request=request,
    )


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
    audit_record(actor=by, action=AuditEvent.Action.INVITE, obj=user, request=request)


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
    audit_record(actor=by, action=AuditEvent.Action.CREATE, obj=user, request=request)
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
    audit_record(actor=by, action=AuditEvent.Action.UPDATE, obj=user, request=request)
    return user


# The setting and its families: policies, events, consultations, suggestions,
# complaints, announcements and communication needs.


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
    from django.utils import timezone

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
    from nursery.models import PolicyAcknowledgement

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
    from nursery.models import EventSignup

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
    from nursery.models import ConsultationOption

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
    from nursery.models import ConsultationResponse

    answer, created = ConsultationResponse.objects.update_or_create(
        consultation=consultation, parent=parent, defaults={"option": option, "comment": comment}
    )
    _audit(parent, answer, "consultation answer", created=created, request=request)
    return answer


@transaction.atomic
def consultation_decide(*, consultation, by, decision, request=None):
    from django.utils import timezone

    consultation.decision = decision
    consultation.decided_on = timezone.localdate()
    consultation.decided_by = by
    consultation.save(update_fields=["decision", "decided_on", "decided_by"])
    _audit(by, consultation, "consultation decision", request=request)
    return consultation


@transaction.atomic
def suggestion_make(*, parent, body, request=None):
    from nursery.models import Suggestion

    suggestion = Suggestion.objects.create(parent=parent, body=body)
    _audit(parent, suggestion, "suggestion", created=True, request=request)
    return suggestion


@transaction.atomic
def suggestion_answer(*, suggestion, by, response, request=None):
    from django.utils import timezone

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
    from django.utils import timezone

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
    from nursery.models import CommunicationNeeds

    needs, created = CommunicationNeeds.objects.update_or_create(parent=parent, defaults=data)
    _audit(parent, needs, "communication needs", created=created, request=request)
    return needs


def get_for(queryset, user, pk, perm=None):
    """The object with this id within this person's scope, else 404; then 403
    if they may see it but not do `perm` on it."""
    from django.core.exceptions import PermissionDenied
    from django.shortcuts import get_object_or_404

    obj = get_object_or_404(queryset.visible_to(user), pk=pk)
    if perm is not None and not user.has_perm(perm, obj):
        raise PermissionDenied
    return obj


def get_policy_for(user, pk, perm=None):
    from nursery.models import Policy

    return get_for(Policy.objects.all(), user, pk, perm)


def get_event_for(user, pk, perm=None):
    from nursery.models import Event

    return get_for(Event.objects.select_related("room"), user, pk, perm)


def get_consultation_for(user, pk, perm=None):
    from nursery.models import Consultation

    return get_for(Consultation.objects.all(), user, pk, perm)


def get_suggestion_for(user, pk, perm=None):
    from nursery.models import Suggestion

    return get_for(Suggestion.objects.select_related("parent", "responded_by"), user, pk, perm)


def get_complaint_for(user, pk, perm=None):
    from nursery.models import Complaint

    qs = Complaint.objects.select_related(
        "complainant__communication_needs", "child", "recorded_by", "outcome_by"
    )
    return get_for(qs, user, pk, perm)


def get_announcement_for(user, pk, perm=None):
    from nursery.models import Announcement

    return get_for(Announcement.objects.select_related("room", "created_by"), user, pk, perm)
