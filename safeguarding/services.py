"""Fetching safeguarding records within reach, and the writes.

Each event is written to the audit log through `nursery.audit.log`, with a
namespaced code of its own (`safeguarding.concern.recorded`).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.services import sharing_decision_record
from families.services import get_child_for
from nursery import audit
from nursery.errors import DomainError
from nursery.validators import validate_not_future
from safeguarding.models import (
    Concern,
    Decision,
    Outcome,
    Referral,
    SafeguardingStatus,
)
from safeguarding.notifications import tell_dsl_of_concern

# --- The audit log: one place per event ----------------------------------

_WRITES = {
    "safeguarding.concern.recorded": gettext_lazy("Safeguarding concern recorded"),
    "safeguarding.decision.recorded": gettext_lazy("Safeguarding decision recorded"),
    "safeguarding.referral.recorded": gettext_lazy("Referral recorded"),
    "safeguarding.referral.outcome_recorded": gettext_lazy("Referral outcome recorded"),
    "safeguarding.status.recorded": gettext_lazy("Safeguarding status recorded"),
    "safeguarding.status.ended": gettext_lazy("Safeguarding status ended"),
}


# What a person reads for each reading recorded here (never the code).
READ_LABELS = {
    "safeguarding.concern.read": gettext_lazy("A safeguarding concern"),
    "safeguarding.concern_list.read": gettext_lazy("The list of safeguarding concerns"),
    "safeguarding.referral.read": gettext_lazy("A referral"),
    "safeguarding.referral_list.read": gettext_lazy("The list of referrals awaiting an outcome"),
    "safeguarding.cp_tasks_due.read": gettext_lazy(
        "The list of child-protection-plan tasks due or overdue"
    ),
    "safeguarding.child.read": gettext_lazy("The child's safeguarding records"),
    "safeguarding.status_list.read": gettext_lazy(
        "The list of children with a safeguarding status"
    ),
    "safeguarding.chronology.read": gettext_lazy("The child's chronology"),
    "safeguarding.chronology_pdf.read": gettext_lazy("The child's chronology, as a PDF"),
}


def read_label(event):
    """What the audit pages show for one reading."""
    label = READ_LABELS.get(event.action) or audit.label_for(event.action)
    named = event.object_repr
    if event.child is not None and named == str(event.child):
        named = ""  # the child's column already says it
    if label and named:
        return f"{label}: {named}"
    return label or named


def audit_read(code, *, request, obj=None, child=None):
    """Record a reading of safeguarding material (`safeguarding.<thing>.read`)."""
    return audit.log_read(code, request=request, obj=obj, child=child)


audit.declare({**_WRITES, **READ_LABELS})


# --- Fetching within reach --------------------------------------------------


def get_child_safeguarding_for(user, pk):
    """The child, if this person may read its safeguarding records; else 404."""
    child = get_child_for(user, pk)
    if not user.has_perm("safeguarding.view_child", child):
        raise Http404
    return child


def get_concern_for(user, pk):
    return get_object_or_404(
        Concern.objects.visible_to(user).select_related(
            "child", "recorded_by", "about_staff", "opened_by"
        ),
        pk=pk,
    )


def get_referral_for(user, pk):
    return get_object_or_404(
        Referral.objects.visible_to(user).select_related(
            "concern__child", "agency", "sharing", "made_by", "outcome_recorded_by"
        ),
        pk=pk,
    )


def get_status_for(user, pk):
    return get_object_or_404(
        SafeguardingStatus.objects.visible_to(user).select_related("child"), pk=pk
    )


# --- Writes -------------------------------------------------------------------


@transaction.atomic
def concern_record(
    *,
    child,
    by,
    observed_at,
    what_happened,
    action_taken,
    child_words="",
    body_area="",
    about_staff=None,
    request=None,
):
    """Any member of staff: record a concern. It waits for the DSL at once."""
    if observed_at > timezone.now():
        raise ValidationError({"observed_at": _("This cannot be in the future.")})
    if about_staff is not None and about_staff.pk == by.pk:
        raise ValidationError(
            {"about_staff": _("You cannot record an allegation about yourself here.")}
        )
    concern = Concern.objects.create(
        child=child,
        observed_at=observed_at,
        what_happened=what_happened,
        child_words=child_words,
        body_area=body_area,
        action_taken=action_taken,
        about_staff=about_staff,
        recorded_by=by,
    )
    audit.log("safeguarding.concern.recorded", actor=by, obj=concern, child=child, request=request)
    tell_dsl_of_concern(concern)
    return concern


@transaction.atomic
def concern_open(*, concern, by, request=None):
    """A reading of the concern (audited); the first by the DSL or the
    manager is what the recorder sees as "received"."""
    if concern.opened_at is None and (by.is_dsl or by.is_manager):
        updated = Concern.objects.filter(pk=concern.pk, opened_at__isnull=True).update(
            opened_at=timezone.now(), opened_by=by
        )
        if updated:
            concern.refresh_from_db(fields=["opened_at", "opened_by"])
    if request is not None:
        audit_read("safeguarding.concern.read", request=request, obj=concern, child=concern.child)
    return concern


@transaction.atomic
def decision_record(*, concern, by, outcome, reason, request=None):
    """The DSL (or the manager): decide on a concern, with the reason."""
    Concern.objects.select_for_update().filter(pk=concern.pk).first()
    if outcome == Outcome.LADO and not concern.is_allegation:
        raise ValidationError(
            {"outcome": _("The LADO is for an allegation about a member of staff.")}
        )
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why.")})
    decision = Decision.objects.create(
        concern=concern, outcome=outcome, reason=reason, decided_by=by
    )
    if concern.opened_at is None:
        Concern.objects.filter(pk=concern.pk).update(opened_at=timezone.now(), opened_by=by)
    audit.log(
        "safeguarding.decision.recorded",
        actor=by,
        obj=decision,
        child=concern.child,
        request=request,
    )
    return decision


@transaction.atomic
def referral_record(
    *,
    concern,
    by,
    agency,
    contact,
    made_on,
    information,
    consent,
    reason_without_consent="",
    method,
    reference="",
    request=None,
):
    """Record a referral on a concern. What was shared goes into the
    information-sharing log once, through agencies' own service; the
    referral points at that entry."""
    validate_not_future(made_on, field="made_on")
    sharing = sharing_decision_record(
        child=concern.child,
        by=by,
        fields={
            "shared": True,
            "agency": agency,
            "agency_contact": contact,
            "information": information,
            "purpose": _("Safeguarding referral"),
            "consent": consent,
            "reason_without_consent": reason_without_consent,
            "decided_by": by,
            "decided_on": made_on,
            "method": method,
            "allegation_about": concern.about_staff,
        },
        request=request,
    )
    referral = Referral.objects.create(
        concern=concern,
        agency=agency,
        contact=contact,
        reference=reference,
        made_on=made_on,
        sharing=sharing,
        made_by=by,
    )
    audit.log(
        "safeguarding.referral.recorded",
        actor=by,
        obj=referral,
        child=concern.child,
        request=request,
    )
    return referral


@transaction.atomic
def referral_outcome_record(*, referral, by, outcome, outcome_on, reference="", request=None):
    """The outcome of a referral, when it comes. Recorded once."""
    referral = (
        Referral.objects.select_for_update().select_related("concern__child").get(pk=referral.pk)
    )
    if referral.outcome_on is not None:
        raise DomainError(
            _("The outcome of this referral is already recorded."), code="already_recorded"
        )
    validate_not_future(outcome_on, field="outcome_on")
    if outcome_on < referral.made_on:
        raise ValidationError({"outcome_on": _("The outcome cannot come before the referral.")})
    if not (outcome or "").strip():
        raise ValidationError({"outcome": _("Say what the outcome was.")})
    referral.outcome, referral.outcome_on, referral.outcome_recorded_by = outcome, outcome_on, by
    fields = ["outcome", "outcome_on", "outcome_recorded_by"]
    if reference and not referral.reference:
        referral.reference = reference
        fields.append("reference")
    referral.save(update_fields=fields)
    audit.log(
        "safeguarding.referral.outcome_recorded",
        actor=by,
        obj=referral,
        child=referral.concern.child,
        request=request,
    )
    return referral


@transaction.atomic
def status_record(*, child, by, kind, started_on, ended_on=None, notes="", request=None):
    if ended_on is not None and ended_on < started_on:
        raise ValidationError({"ended_on": _("The end cannot come before the start.")})
    status = SafeguardingStatus.objects.create(
        child=child,
        kind=kind,
        started_on=started_on,
        ended_on=ended_on,
        notes=notes,
        recorded_by=by,
        ended_by=by if ended_on else None,
    )
    audit.log("safeguarding.status.recorded", actor=by, obj=status, child=child, request=request)
    return status


@transaction.atomic
def status_end(*, status, by, ended_on, request=None):
    status = SafeguardingStatus.objects.select_for_update().get(pk=status.pk)
    if status.ended_on is not None and status.ended_on <= timezone.localdate():
        raise DomainError(_("This status has already ended."), code="already_ended")
    if ended_on < status.started_on:
        raise ValidationError({"ended_on": _("The end cannot come before the start.")})
    status.ended_on, status.ended_by = ended_on, by
    status.save(update_fields=["ended_on", "ended_by"])
    audit.log(
        "safeguarding.status.ended", actor=by, obj=status, child=status.child, request=request
    )
    return status
