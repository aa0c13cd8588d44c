"""Reads that decide who gets what, and writes that touch several records."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404

from agencies.models import (
    Agency,
    OnwardConsent,
    SharingDecision,
    Signpost,
    SupervisedVisit,
    ThirdPartyInformation,
)
from families.services import get_child_for
from nursery.models import AuditEvent
from nursery.services import audit_record

# --- Fetching within reach -------------------------------------------------


def get_agency_for(user, pk):
    return get_object_or_404(Agency.objects.visible_to(user), pk=pk)


def get_child_restricted_for(user, pk):
    """The child, if this person may see its restricted records; else 404
    (see agencies/rules.py for why never 403)."""
    child = get_child_for(user, pk)
    if not user.has_perm("agencies.view_restricted", child):
        raise Http404
    return child


def get_sharing_for(user, pk):
    return get_object_or_404(
        SharingDecision.objects.visible_to(user).select_related(
            "child", "agency", "decided_by", "recorded_by", "corrects"
        ),
        pk=pk,
    )


def get_third_party_for(user, pk):
    return get_object_or_404(
        ThirdPartyInformation.objects.visible_to(user).select_related(
            "child", "agency", "recorded_by"
        ),
        pk=pk,
    )


def get_onward_consent_for(user, pk):
    return get_object_or_404(
        OnwardConsent.objects.filter(
            item__in=ThirdPartyInformation.objects.visible_to(user)
        ).select_related("item", "item__child"),
        pk=pk,
    )


def get_visit_for(user, pk):
    return get_object_or_404(
        SupervisedVisit.objects.visible_to(user).select_related(
            "child", "agency", "supervised_by", "recorded_by"
        ),
        pk=pk,
    )


# --- The gathering rule ----------------------------------------------------


def third_party_information_for(*, child, recipient):
    """The third-party information about `child` that may be passed to
    `recipient`: "parents" (the child's parents/carers) or a model instance
    (an Agency, a School...). An item is included only when the agency that
    gave it has a recorded, not withdrawn, consent for this exact recipient.

    Every feature that gathers a child's records for someone outside the
    restricted circle (a parent's view, an export, a transfer pack, a
    search) must get third-party information from here and nowhere else.
    """
    consents = OnwardConsent.objects.current().for_recipient(recipient).filter(item=OuterRef("pk"))
    return (
        ThirdPartyInformation.objects.filter(child=child)
        .filter(Exists(consents))
        .select_related("agency")
        .order_by("received_on", "pk")
    )


# --- Writes ------------------------------------------------------------------


def _audit(*, by, obj, child=None, detail, request, action=AuditEvent.Action.CREATE):
    audit_record(actor=by, action=action, obj=obj, child=child, detail=detail, request=request)


@transaction.atomic
def agency_save(*, agency, by, request=None):
    created = agency.pk is None
    agency.save()
    _audit(
        by=by,
        obj=agency,
        detail="agency",
        request=request,
        action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
    )
    return agency


@transaction.atomic
def agency_contact_add(*, contact, agency, by, request=None):
    contact.agency = agency
    contact.save()
    _audit(by=by, obj=contact, detail="agency contact", request=request)
    return contact


@transaction.atomic
def partnership_review_record(*, review, agency, by, request=None):
    """Record a review and move the agency's next due date on."""
    Agency.objects.select_for_update().filter(pk=agency.pk).first()
    review.agency = agency
    review.reviewed_by = by
    review.save()
    agency.next_review_due = review.next_due
    agency.save(update_fields=["next_review_due"])
    _audit(by=by, obj=review, detail="partnership review", request=request)
    return review


@transaction.atomic
def signpost_record(*, signpost, child, by, request=None):
    signpost.child = child
    signpost.signposted_by = by
    signpost.save()
    _audit(by=by, obj=signpost, child=child, detail="signposted", request=request)
    return signpost


@transaction.atomic
def sharing_decision_record(*, decision, child, by, request=None):
    decision.child = child
    decision.recorded_by = by
    if not decision.shared:
        decision.method = ""
    decision.save()
    _audit(by=by, obj=decision, child=child, detail="information-sharing decision", request=request)
    return decision


@transaction.atomic
def third_party_record(*, item, child, by, request=None):
    item.child = child
    item.recorded_by = by
    item.save()
    _audit(by=by, obj=item, child=child, detail="third-party information", request=request)
    return item


@transaction.atomic
def onward_consent_record(*, item, recipient, given_by, given_on, by, request=None):
    """Record the agency's consent to pass `item` to `recipient` ("parents"
    or a model instance). A current consent for the same recipient is kept
    as it is."""
    existing = OnwardConsent.objects.current().for_recipient(recipient).filter(item=item).first()
    if existing is not None:
        return existing
    consent = OnwardConsent(item=item, given_by=given_by, given_on=given_on, recorded_by=by)
    if recipient == OnwardConsent.PARENTS:
        consent.recipient_kind = OnwardConsent.Kind.PARENTS
    else:
        consent.recipient_kind = OnwardConsent.Kind.ORGANISATION
        consent.recipient_type = ContentType.objects.get_for_model(recipient)
        consent.recipient_id = recipient.pk
    consent.save()
    _audit(
        by=by,
        obj=consent,
        child=item.child,
        detail=f"consent to pass on to {consent.recipient_label}",
        request=request,
    )
    return consent


@transaction.atomic
def onward_consent_withdraw(*, consent, on, by, request=None):
    """The agency withdrew its consent: it stops at once."""
    consent = OnwardConsent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_on is not None:
        return consent
    consent.withdrawn_on = on
    consent.withdrawn_by = by
    consent.save(update_fields=["withdrawn_on", "withdrawn_by"])
    _audit(
        by=by,
        obj=consent,
        child=consent.item.child,
        detail="consent to pass on withdrawn",
        request=request,
        action=AuditEvent.Action.UPDATE,
    )
    return consent


@transaction.atomic
def visit_record(*, visit, child, by, supervised_throughout=True, request=None):
    """Keep a visit. One whose supervision lapsed is kept all the same, with
    the lapse recorded as an incident for the manager to review."""
    visit.child = child
    visit.recorded_by = by
    visit.supervision_lapsed = not supervised_throughout
    if supervised_throughout:
        visit.lapse_detail = ""
    visit.save()
    detail = "supervised visit" + (" (supervision lapsed)" if visit.supervision_lapsed else "")
    _audit(by=by, obj=visit, child=child, detail=detail, request=request)
    return visit


def signposts_for_child(child):
    return Signpost.objects.filter(child=child).select_related("agency", "signposted_by")
