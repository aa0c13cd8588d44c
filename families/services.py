"""Writes about children and families that touch several records."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from families.models import Child, EmergencyContact, KeyPersonAssignment, ParentLink
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
