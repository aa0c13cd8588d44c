"""Reads that decide who gets what, and writes that touch several records."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.http import Http404

from agencies.models import (
    Agency,
    AgencyContact,
    AgencyReview,
    OnwardConsent,
    SharingDecision,
    Signpost,
    SupervisedVisit,
    ThirdPartyInformation,
)
from agencies.notifications import tell_family_of_signpost
from families.services import get_child_for
from nursery import audit
from nursery.access import get_object_for
from nursery.locking import retry_when_locked

# --- Fetching within reach -------------------------------------------------


def get_agency_for(user, pk):
    return get_object_for(user, Agency, pk=pk)


def get_child_restricted_for(user, pk):
    """The child, if this person may see its restricted records; else 404
    (see agencies/rules.py for why never 403)."""
    child = get_child_for(user, pk)
    if not user.has_perm("agencies.view_restricted", child):
        raise Http404
    return child


def get_sharing_for(user, pk):
    return get_object_for(
        user,
        SharingDecision.objects.select_related(
            "child", "agency", "decided_by", "recorded_by", "corrects"
        ),
        pk=pk,
    )


def get_third_party_for(user, pk):
    return get_object_for(
        user, ThirdPartyInformation.objects.select_related("child", "agency", "recorded_by"), pk=pk
    )


def get_onward_consent_for(user, pk):
    return get_object_for(user, OnwardConsent.objects.select_related("item", "item__child"), pk=pk)


def get_visit_for(user, pk):
    return get_object_for(
        user,
        SupervisedVisit.objects.select_related("child", "agency", "supervised_by", "recorded_by"),
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


def _apply(record, fields):
    for name, value in fields.items():
        setattr(record, name, value)
    return record


@transaction.atomic
def agency_add(*, by, fields, request=None):
    """Add an agency to the directory."""
    agency = _apply(Agency(), fields)
    agency.save()
    audit.log("agencies.agency.created", actor=by, obj=agency, request=request)
    return agency


@transaction.atomic
def agency_change(*, agency, by, fields, request=None):
    """Change an agency's entry in the directory."""
    agency = _apply(Agency.objects.select_for_update().get(pk=agency.pk), fields)
    agency.save()
    audit.log("agencies.agency.changed", actor=by, obj=agency, request=request)
    return agency


@transaction.atomic
def agency_contact_add(*, agency, by, fields, request=None):
    contact = _apply(AgencyContact(agency=agency), fields)
    contact.save()
    audit.log("agencies.contact.added", actor=by, obj=contact, request=request)
    return contact


@transaction.atomic
def partnership_review_record(*, agency, by, fields, request=None):
    """Record a review and move the agency's next due date on."""
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    review = _apply(AgencyReview(agency=agency, reviewed_by=by), fields)
    review.save()
    agency.next_review_due = review.next_review_due
    agency.save(update_fields=["next_review_due"])
    audit.log("agencies.review.recorded", actor=by, obj=review, request=request)
    return review


@transaction.atomic
def signpost_record(*, child, by, fields, request=None):
    signpost = _apply(Signpost(child=child, signposted_by=by), fields)
    signpost.save()
    audit.log("agencies.signpost.recorded", actor=by, obj=signpost, child=child, request=request)
    tell_family_of_signpost(signpost)
    return signpost


@transaction.atomic
def sharing_decision_record(*, child, by, fields, corrects=None, request=None):
    """Record a decision to share, or not to share, information about a
    child; `corrects` is the earlier decision this one corrects (the log is
    never edited)."""
    decision = _apply(SharingDecision(child=child, recorded_by=by, corrects=corrects), fields)
    if not decision.shared:
        decision.method = ""
    decision.save()
    audit.log("agencies.sharing.recorded", actor=by, obj=decision, child=child, request=request)
    return decision


@transaction.atomic
def third_party_record(*, child, by, fields, request=None):
    item = _apply(ThirdPartyInformation(child=child, recorded_by=by), fields)
    item.save()
    audit.log("agencies.third_party.recorded", actor=by, obj=item, child=child, request=request)
    return item


@retry_when_locked
@transaction.atomic
def onward_consent_record(*, item, recipient, given_by, given_on, by, request=None):
    """Record the agency's consent to pass `item` to `recipient` ("parents"
    or a model instance). A current consent for the same recipient is kept
    as it is, so that the same consent recorded twice (a double submission,
    two people at once) is recorded once."""
    # Queue writes about one item here: the unique constraint on current
    # consents must never be what answers a second request.
    ThirdPartyInformation.objects.select_for_update().get(pk=item.pk)
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
    audit.log(
        "agencies.onward_consent.recorded",
        actor=by,
        obj=consent,
        child=item.child,
        request=request,
        data={"recipient": consent.recipient_label},
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
    audit.log(
        "agencies.onward_consent.withdrawn",
        actor=by,
        obj=consent,
        child=consent.item.child,
        request=request,
    )
    return consent


@transaction.atomic
def visit_record(*, child, by, fields, supervised_throughout=True, request=None):
    """Keep a visit. One whose supervision lapsed is kept all the same, with
    the lapse recorded as an incident for the manager to review."""
    visit = _apply(SupervisedVisit(child=child, recorded_by=by), fields)
    visit.supervision_lapsed = not supervised_throughout
    if supervised_throughout:
        visit.lapse_detail = ""
    visit.save()
    audit.log(
        "agencies.visit.recorded",
        actor=by,
        obj=visit,
        child=child,
        request=request,
        data={"supervision_lapsed": visit.supervision_lapsed},
    )
    return visit


def signposts_for_child(child, user):
    """The child's signposts this person may see (the household rule)."""
    return (
        Signpost.objects.visible_to(user)
        .filter(child=child)
        .select_related("agency", "signposted_by", "given_to")
    )
