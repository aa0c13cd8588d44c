"""Fetching with access checks, and the writes of the transitions app."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from nursery.models import AuditEvent
from nursery.registry import gather_child_records
from nursery.services import audit_read_restricted, audit_record
from transitions.models import (
    ChildProtectionHandover,
    School,
    Transfer,
    Transition,
)

CONSENT_CODE = "school_records_transfer"
# The key person's summary always goes in the pack; other sections are chosen.
SUMMARY_SECTION = "transitions.summary"


def _check(user, perm, child):
    if perm is not None and not user.has_perm(perm, child):
        raise PermissionDenied


def get_school_for(user, pk, perm=None):
    school = get_object_or_404(School.objects.visible_to(user), pk=pk)
    if perm is not None and not user.has_perm(perm):
        raise PermissionDenied
    return school


def get_transition_for(user, pk, perm=None):
    transition = get_object_or_404(
        Transition.objects.visible_to(user).select_related("child", "school"), pk=pk
    )
    _check(user, perm, transition.child)
    return transition


def get_transfer_for(user, pk, perm=None):
    transfer = get_object_or_404(
        Transfer.objects.visible_to(user).select_related(
            "child", "school", "consent_by", "sent_by", "prepared_by"
        ),
        pk=pk,
    )
    _check(user, perm, transfer.child)
    return transfer


def get_handover_for(request, pk, perm=None):
    """A child-protection handover (restricted): 404 outside the DSL and the
    manager; the read is written to the audit log."""
    handover = get_object_or_404(
        ChildProtectionHandover.objects.visible_to(request.user).select_related(
            "child", "school", "handed_by"
        ),
        pk=pk,
    )
    _check(request.user, perm, handover.child)
    audit_read_restricted(request=request, obj=handover, child=handover.child)
    return handover


# Consent ------------------------------------------------------------------


def transfer_consented(*, child, school):
    """Whether a parent has consented to the child's records going to this
    school: the consent to school transfers is in force in the consents
    ledger (so a withdrawal there stops it), and a parent with parental
    responsibility gave it for this school's pack."""
    from consents import services as consents_services

    if not consents_services.consent_is_given(child=child, code=CONSENT_CODE):
        return False
    return Transfer.objects.filter(child=child, school=school, consent_by__isnull=False).exists()


@transaction.atomic
def transfer_consent_record(*, transfer, parent, request=None):
    """A parent/carer with parental responsibility consents to this pack
    going to this school: a decision in the consents ledger (which decides
    whether the pack may be sent), with the evidence kept on the transfer."""
    from consents.models import ConsentType, Decision, Method
    from consents.services import consent_decide

    consent_decide(
        child=transfer.child,
        consent_type=ConsentType.objects.get(code=CONSENT_CODE),
        decision=Decision.GIVEN,
        decided_by=parent,
        recorded_by=parent,
        method=Method.ONLINE,
        confirmed_parental_responsibility=True,
        note=f"for the records going to {transfer.school}"[:300],
        request=request,
    )
    transfer.consent_by = parent
    transfer.consent_at = timezone.now()
    transfer.save(update_fields=["consent_by", "consent_at"])
    audit_record(
        actor=parent,
        action=AuditEvent.Action.UPDATE,
        obj=transfer,
        child=transfer.child,
        detail=f"consented to records going to {transfer.school}",
        request=request,
    )
    return transfer


@transaction.atomic
def transfer_consent_withdraw(*, transfer, parent, request=None):
    """Withdrawing is as easy as giving: the ledger records the withdrawal and
    the pack can no longer be sent."""
    from consents.models import ConsentType, Decision, Method
    from consents.services import consent_decide

    if transfer_consented(child=transfer.child, school=transfer.school):
        consent_decide(
            child=transfer.child,
            consent_type=ConsentType.objects.get(code=CONSENT_CODE),
            decision=Decision.WITHDRAWN,
            decided_by=parent,
            recorded_by=parent,
            method=Method.ONLINE,
            note=f"withdrawn from the records pack for {transfer.school}"[:300],
            request=request,
        )
    transfer.consent_by = None
    transfer.consent_at = None
    transfer.save(update_fields=["consent_by", "consent_at"])
    audit_record(
        actor=parent,
        action=AuditEvent.Action.UPDATE,
        obj=transfer,
        child=transfer.child,
        detail=f"withdrew consent to records going to {transfer.school}",
        request=request,
    )
    return transfer


# Schools -------------------------------------------------------------------


@transaction.atomic
def school_review_record(*, school, by, review, request=None):
    """Record a partnership review and move the school's next review date."""
    review.school = school
    review.reviewed_by = by
    review.save()
    school.review_due_on = review.next_review_on
    school.save(update_fields=["review_due_on"])
    audit_record(
        actor=by,
        action=AuditEvent.Action.CREATE,
        obj=review,
        detail="school review",
        request=request,
    )
    return review


# Moves to school ----------------------------------------------------------


@transaction.atomic
def record_save(*, obj, by, child, detail, request=None):
    """Save one record about a child's move and note it in the audit log."""
    created = obj.pk is None
    obj.save()
    audit_record(
        actor=by,
        action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
        obj=obj,
        child=child,
        detail=detail,
        request=request,
    )
    return obj


# The transfer pack ----------------------------------------------------------


def pack_sections(*, child, school, chosen=None):
    """The parts of the child's records that may go to this school, as the
    record sources give them; only the `chosen` keys when given."""
    sections = gather_child_records(child=child, recipient=school)
    if chosen is not None:
        sections = [s for s in sections if s["key"] in chosen or s["key"] == SUMMARY_SECTION]
    return sections


def render_pack(*, transfer):
    """The pack's printable body (HTML): the copy kept when it was sent, or
    the records as they are now."""
    if transfer.sent_html:
        # Our own rendering, stored when the pack was sent.
        return mark_safe(transfer.sent_html)
    sections = pack_sections(child=transfer.child, school=transfer.school, chosen=transfer.sections)
    return render_to_string(
        "transitions/pack/body.html",
        {
            "transfer": transfer,
            "child": transfer.child,
            "school": transfer.school,
            "sections": sections,
            "nursery_name": settings.NURSERY_NAME,
            "today": timezone.localdate(),
        },
    )


def render_bundle(*, child):
    """The leaver's records for parents (HTML body)."""
    sections = gather_child_records(child=child, recipient="parents")
    return render_to_string(
        "transitions/bundle/body.html",
        {
            "child": child,
            "sections": sections,
            "nursery_name": settings.NURSERY_NAME,
            "today": timezone.localdate(),
        },
    )


def html_to_pdf(*, body, title):
    """A PDF of a printable body. WeasyPrint reads no network resources."""
    from weasyprint import HTML

    document = render_to_string("transitions/pdf.html", {"body": body, "title": title})
    return HTML(string=document, url_fetcher=_no_fetch).write_pdf()


def _no_fetch(url, *args, **kwargs):
    raise ValueError(f"the PDF may not fetch {url}")


@transaction.atomic
def transfer_prepare(*, child, school, sections, by, request=None):
    transfer = Transfer.objects.create(
        child=child, school=school, sections=sorted(set(sections)), prepared_by=by
    )
    audit_record(
        actor=by,
        action=AuditEvent.Action.CREATE,
        obj=transfer,
        child=child,
        detail="transfer pack prepared",
        request=request,
    )
    return transfer


@transaction.atomic
def transfer_mark_sent(*, transfer, by, sent_on, method, sent_to, request=None):
    """Record that the pack went to the school. Refused (ValidationError)
    without the parent's consent; the pack is kept exactly as sent."""
    transfer = Transfer.objects.select_for_update().get(pk=transfer.pk)
    if transfer.sent_on is not None:
        raise ValidationError(_("This pack has already been sent."))
    if not transfer_consented(child=transfer.child, school=transfer.school):
        raise ValidationError(
            _("The parent has not consented to the records going to this school. Nothing was sent.")
        )
    transfer.sent_html = render_pack(transfer=transfer)
    transfer.sent_on = sent_on
    transfer.sent_method = method
    transfer.sent_to = sent_to
    transfer.sent_by = by
    transfer.save()
    audit_record(
        actor=by,
        action=AuditEvent.Action.EXPORT,
        obj=transfer,
        child=transfer.child,
        detail=f"transfer pack sent to {transfer.school}",
        request=request,
    )
    return transfer


@transaction.atomic
def transfer_mark_received(*, transfer, by, received_on, received_by, request=None):
    transfer = Transfer.objects.select_for_update().get(pk=transfer.pk)
    if transfer.sent_on is None:
        raise ValidationError(_("Record when the pack was sent first."))
    if received_on < transfer.sent_on:
        raise ValidationError(_("The school cannot have received it before it was sent."))
    transfer.received_on = received_on
    transfer.received_by = received_by
    transfer.received_recorded_by = by
    transfer.save(update_fields=["received_on", "received_by", "received_recorded_by"])
    audit_record(
        actor=by,
        action=AuditEvent.Action.UPDATE,
        obj=transfer,
        child=transfer.child,
        detail="school confirmed receipt",
        request=request,
    )
    return transfer


# The child-protection file ------------------------------------------------------


@transaction.atomic
def cp_handover_record(*, handover, by, request=None):
    handover.handed_by = by
    handover.save()
    audit_record(
        actor=by,
        action=AuditEvent.Action.CREATE,
        obj=handover,
        child=handover.child,
        detail="child-protection file handed over",
        request=request,
    )
    return handover


@transaction.atomic
def cp_handover_receipt(*, handover, by, received_on, received_by, request=None):
    if received_on < handover.sent_on:
        raise ValidationError(_("The school cannot have received it before it was handed over."))
    handover.received_on = received_on
    handover.received_by = received_by
    handover.received_recorded_by = by
    handover.save()
    audit_record(
        actor=by,
        action=AuditEvent.Action.UPDATE,
        obj=handover,
        child=handover.child,
        detail="school confirmed receipt of child-protection file",
        request=request,
    )
    return handover
