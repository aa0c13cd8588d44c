"""Records and rights made directly, for tests."""

from django.utils import timezone

from records.models import (
    DisposalLine,
    DisposalRun,
    RequestVia,
    RightsDecision,
    RightsGround,
    RightsKind,
    RightsRequest,
    SubjectAccessRequest,
)


def make_request(requester, *, received_on=None, **fields):
    received_on = received_on or timezone.localdate()
    return SubjectAccessRequest.objects.create(
        requester=requester,
        via=fields.pop("via", RequestVia.PORTAL),
        received_on=received_on,
        due_on=SubjectAccessRequest.first_deadline(received_on),
        recorded_by=fields.pop("recorded_by", requester),
        **fields,
    )


def make_prepared(requester, by, *, delivered=False):
    sar = make_request(requester)
    sar.prepared_at = timezone.now()
    sar.prepared_by = by
    sar.pack_html = "<p>The records.</p>"
    sar.pack_data = {"format": "subject-access-pack/1"}
    if delivered:
        sar.delivered_at = timezone.now()
        sar.delivered_by = by
        sar.delivery_method = "In the portal"
    sar.save()
    return sar


def make_waiting_run():
    run = DisposalRun.objects.create(found_on=timezone.localdate())
    DisposalLine.objects.create(
        run=run, kind="audit_log", period="6 years", found=1, action=DisposalLine.Action.DELETED
    )
    return run


def make_rights(child, requester, by, *, kind=RightsKind.RESTRICTION, granted=False):
    ground = (
        RightsGround.ACCURACY_CONTESTED
        if kind == RightsKind.RESTRICTION
        else RightsGround.NO_LONGER_NEEDED
    )
    today = timezone.localdate()
    rr = RightsRequest.objects.create(
        kind=kind,
        ground=ground,
        child=child,
        requester=requester,
        details="Please stop using the records while the dates are checked.",
        received_on=today,
        due_on=today,
        recorded_by=by,
    )
    if granted:
        rr.decision = RightsDecision.GRANTED
        rr.decision_reason = "The dates are being checked."
        rr.decided_by = by
        rr.decided_on = today
        rr.save()
    return rr
