"""Writes for records and rights: subject-access requests and their packs,
the retention schedule, legal holds, disposal, and requests for erasure and
restriction. Each checks its rule under a row lock and refuses with a
DomainError before anything is written."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from families.models import Child
from families.restriction import restricted_children
from nursery import audit, mail
from nursery.access import get_object_for
from nursery.dates import add_months, day_in_words
from nursery.errors import DomainError
from nursery.locking import retry_when_locked
from nursery.models import User
from nursery.notifications import language_of
from records import pack, retention
from records.models import (
    ERASURE_GROUNDS,
    ChildProtectionDecision,
    DisposalLine,
    DisposalRun,
    LegalHold,
    RequestVia,
    RetentionKind,
    RetentionPeriod,
    RightsDecision,
    RightsKind,
    RightsRequest,
    SubjectAccessRequest,
)


def get_request_for(user, pk):
    """A subject-access request this person may open, else 404."""
    return get_object_for(
        user,
        SubjectAccessRequest.objects.select_related(
            "requester", "recorded_by", "cp_decided_by", "prepared_by", "delivered_by"
        ),
        pk=pk,
    )


def get_rights_request_for(user, pk):
    """A request for erasure or restriction this person may open, else 404."""
    return get_object_for(
        user, RightsRequest.objects.select_related("child", "requester", "decided_by"), pk=pk
    )


def _text(value, *, required=False, name=""):
    value = (value or "").strip()
    if "\x00" in value:
        raise DomainError(_("The text holds a character that cannot be saved."), code="nul")
    if required and not value:
        raise DomainError(_("Please give %(what)s.") % {"what": name}, code="required")
    return value


def _not_future(day):
    if day > timezone.localdate():
        raise DomainError(_("The date cannot be in the future."), code="future")
    return day


# Subject access -------------------------------------------------------------


@retry_when_locked
@transaction.atomic
def sar_make(
    *, requester, by, via, received_on=None, details="", identity_checked="", request=None
):
    """A person asks for their data: in the portal (`by` is the requester),
    or a member of the management records a request made on paper, by email,
    by phone or in person, with how the requester's identity was checked."""
    User.objects.select_for_update().get(pk=requester.pk)
    details = _text(details)
    received_on = _not_future(received_on or timezone.localdate())
    if via == RequestVia.PORTAL:
        if by.pk != requester.pk:
            raise DomainError(_("Only the person themself asks in the portal."), code="not_self")
    else:
        identity_checked = _text(
            identity_checked, required=True, name=_("how the requester's identity was checked")
        )
    if via not in RequestVia.values:
        raise DomainError(_("Choose how the request was made."), code="via")
    if SubjectAccessRequest.objects.open().filter(requester=requester).exists():
        raise DomainError(
            _("You have asked already: your request is being answered.")
            if by.pk == requester.pk
            else _("A request for this person's data is already being answered."),
            code="open",
        )
    sar = SubjectAccessRequest.objects.create(
        requester=requester,
        via=via,
        details=details,
        identity_checked=identity_checked,
        received_on=received_on,
        due_on=SubjectAccessRequest.first_deadline(received_on),
        recorded_by=by,
    )
    audit.log(
        "records.subject_access.requested",
        actor=by,
        obj=sar,
        request=request,
        data={"via": via, "due_on": sar.due_on.isoformat()},
    )
    return sar


def _tell_requester(sar, *, subject, body):
    """Email the requester, in their language, from the task queue once the
    change is saved (retried, and kept for the manager if it never goes)."""
    with translation.override(language_of(sar.requester)):
        email = mail.message(to=sar.requester.email, subject=str(subject), body=str(body))
    mail.queue_on_commit([email])


def _locked(sar):
    sar = SubjectAccessRequest.objects.select_for_update().get(pk=sar.pk)
    if not sar.is_open:
        raise DomainError(_("This request has already been answered."), code="closed")
    return sar


@retry_when_locked
@transaction.atomic
def sar_extend(*, sar, by, months, reason, request=None):
    """More time for a complex request: one or two further months, with the
    reason told to the requester, decided before the first month ends."""
    sar = _locked(sar)
    reason = _text(reason, required=True, name=_("the reason"))
    if sar.extended_to is not None:
        raise DomainError(_("This request has already been given more time."), code="extended")
    if timezone.localdate() > sar.due_on:
        raise DomainError(
            _("More time can only be taken before the first month ends."), code="too_late"
        )
    if months not in (1, 2):
        raise DomainError(_("A request can be given one or two more months."), code="months")
    sar.extended_to = add_months(sar.due_on, months)
    sar.extension_reason = reason
    sar.extension_notice_on = timezone.localdate()
    sar.extended_by = by
    sar.save()
    _tell_requester(
        sar,
        subject=_("%(setting)s: more time to answer your request for your data")
        % {"setting": settings.NURSERY_NAME},
        body=_(
            "We need more time to answer your request for your data. We will answer by "
            "%(date)s. Open the portal to read why."
        )
        % {"date": day_in_words(sar.extended_to)},
    )
    audit.log(
        "records.subject_access.extended",
        actor=by,
        obj=sar,
        request=request,
        data={"extended_to": sar.extended_to.isoformat()},
    )
    return sar


@retry_when_locked
@transaction.atomic
def sar_decide_child_protection(*, sar, by, decision, reason, request=None):
    """The safeguarding lead decides, with a reason, whether the pack holds
    child-protection material. Before the pack is prepared."""
    sar = _locked(sar)
    if not by.is_dsl:
        raise DomainError(_("Only the safeguarding lead decides this."), code="not_dsl")
    if sar.prepared_at is not None:
        raise DomainError(_("The pack is already prepared."), code="prepared")
    if decision not in ChildProtectionDecision.values or not decision:
        raise DomainError(_("Choose a decision."), code="decision")
    sar.cp_decision = decision
    sar.cp_reason = _text(reason, required=True, name=_("the reason"))
    sar.cp_decided_by = by
    sar.cp_decided_on = timezone.localdate()
    sar.save()
    audit.log(
        "records.subject_access.cp_decided",
        actor=by,
        obj=sar,
        request=request,
        data={"decision": decision},
    )
    return sar


@retry_when_locked
@transaction.atomic
def sar_prepare(*, sar, by, request=None):
    """Gather the pack and keep it as prepared, in the requester's language
    (the one their account chose; it is kept as written, whoever prepares
    it). Where the requester's children have child-protection records, the
    safeguarding lead must have decided first."""
    sar = _locked(sar)
    if not sar.cp_decision and pack.holds_child_protection_material(sar.requester):
        raise DomainError(
            _(
                "The safeguarding lead must first decide about child-protection material "
                "for this request."
            ),
            code="cp_undecided",
        )
    with translation.override(language_of(sar.requester)):
        built = pack.build(sar=sar)
    sar.pack_html = built["html"]
    sar.pack_data = built["data"]
    sar.pack_sections = built["sections"]
    sar.prepared_at = timezone.now()
    sar.prepared_by = by
    sar.save()
    audit.log(
        "records.subject_access.pack_prepared",
        actor=by,
        obj=sar,
        request=request,
        data={"sections": built["sections"]},
    )
    return sar


@retry_when_locked
@transaction.atomic
def sar_deliver(*, sar, by, method, request=None):
    """The pack is given to the requester (in the portal, and however else)."""
    sar = _locked(sar)
    if sar.prepared_at is None:
        raise DomainError(_("Prepare the pack first."), code="not_prepared")
    sar.delivery_method = _text(method, required=True, name=_("how it was delivered"))[:200]
    sar.delivered_at = timezone.now()
    sar.delivered_by = by
    sar.save()
    _tell_requester(
        sar,
        subject=_("%(setting)s: your data is ready") % {"setting": settings.NURSERY_NAME},
        body=_("The records you asked for are ready. Open the portal to read or download them."),
    )
    audit.log(
        "records.subject_access.delivered",
        actor=by,
        obj=sar,
        request=request,
        data={"on_time": timezone.localdate() <= sar.deadline},
    )
    return sar


# Retention, holds and disposal ----------------------------------------------


@retry_when_locked
@transaction.atomic
def retention_change(*, kind, years, reason, by, request=None):
    """The manager sets a kind of record's period, with a reason."""
    if kind not in RetentionKind.values:
        raise DomainError(_("Unknown kind of record."), code="kind")
    reason = _text(reason, required=True, name=_("the reason"))
    if not isinstance(years, int) or not 1 <= years <= 100:
        raise DomainError(_("A period is from 1 to 100 years."), code="years")
    current = RetentionPeriod.objects.select_for_update().filter(kind=kind).first()
    before = current.years if current else retention.BY_KIND[kind].default_years
    period = current or RetentionPeriod(kind=kind)
    period.years = years
    period.reason = reason
    period.changed_by = by
    period.save()
    audit.log(
        "records.retention.changed",
        actor=by,
        obj=period,
        request=request,
        data={"kind": kind, "years_before": before, "years_after": years},
    )
    return period


@transaction.atomic
def hold_place(*, by, reason, child=None, parent=None, request=None):
    if (child is None) == (parent is None):
        raise DomainError(_("Choose a child or a family."), code="subject")
    hold = LegalHold.objects.create(
        child=child,
        parent=parent,
        reason=_text(reason, required=True, name=_("the reason")),
        placed_by=by,
    )
    audit.log("records.hold.placed", actor=by, obj=hold, child=child, request=request)
    return hold


@retry_when_locked
@transaction.atomic
def hold_lift(*, hold, by, reason, request=None):
    hold = LegalHold.objects.select_for_update().get(pk=hold.pk)
    if hold.lifted_at is not None:
        raise DomainError(_("This hold has already been lifted."), code="lifted")
    hold.lift_reason = _text(reason, required=True, name=_("the reason"))
    hold.lifted_at = timezone.now()
    hold.lifted_by = by
    hold.save()
    audit.log("records.hold.lifted", actor=by, obj=hold, child=hold.child, request=request)
    return hold


def spared_children():
    """Children nothing of whose is disposed of: a legal hold in force, or a
    restriction of processing in force."""
    held = LegalHold.objects.held_children()
    restricted = restricted_children()
    spared = Child.objects.filter(pk__in=held)
    if restricted is not None:
        spared = Child.objects.filter(pk__in=held) | Child.objects.filter(pk__in=restricted)
    return spared.values("pk")


def _past_their_period(today):
    """[(kind, years, [querysets])] for every kind of the schedule."""
    spared = spared_children()
    found = []
    for row in retention.schedule():
        kind = row["kind"]
        cutoff = kind.cutoff(today=today, years=row["years"])
        found.append((kind, row["years"], retention.rows_past(kind, cutoff=cutoff, spared=spared)))
    return found


@retry_when_locked
@transaction.atomic
def disposal_scan(*, today=None):
    """List what has passed its period (the nightly task): a disposal waiting
    for the manager's approval, with a count per kind; the waiting one is
    brought up to date rather than repeated. None when nothing is past."""
    today = today or timezone.localdate()
    counts = []
    for kind, years, querysets in _past_their_period(today):
        n = sum(qs.count() for qs in querysets)
        if n:
            counts.append((kind, years, n))
    run = DisposalRun.objects.select_for_update().filter(status=DisposalRun.Status.WAITING).first()
    if not counts:
        if run is not None:
            run.lines.all().delete()
            run.delete()
        return None
    if run is None:
        run = DisposalRun(found_on=today)
    run.found_on = today
    run.found_at = timezone.now()
    run.save()
    run.lines.all().delete()
    DisposalLine.objects.bulk_create(
        DisposalLine(
            run=run, kind=kind.kind, period=str(kind.describe(years)), found=n, action=kind.action
        )
        for kind, years, n in counts
    )
    audit.log(
        "records.disposal.found",
        actor=None,
        obj=run,
        data={"counts": [f"{kind.kind}:{n}" for kind, _years, n in counts]},
    )
    return run


@retry_when_locked
@transaction.atomic
def disposal_approve(*, run, by, request=None):
    """The manager approves: what is past its period today (a hold placed
    since the scan still spares its records) is deleted, or anonymised
    where counts are kept; the run keeps how many, never what."""
    run = DisposalRun.objects.select_for_update().get(pk=run.pk)
    if run.status != DisposalRun.Status.WAITING:
        raise DomainError(_("This disposal has already been decided."), code="decided")
    lines = {line.kind: line for line in run.lines.all()}
    for kind, years, querysets in _past_their_period(timezone.localdate()):
        disposed = sum(retention.dispose(qs) for qs in querysets)
        line = lines.get(kind.kind)
        if line is None and not disposed:
            continue
        if line is None:
            line = DisposalLine(run=run, kind=kind.kind, found=disposed, action=kind.action)
        line.period = str(kind.describe(years))
        line.disposed = disposed
        line.save()
    run.status = DisposalRun.Status.APPROVED
    run.decided_by = by
    run.decided_at = timezone.now()
    run.save()
    audit.log(
        "records.disposal.approved",
        actor=by,
        obj=run,
        request=request,
        data={"counts": [f"{line.kind}:{line.disposed}" for line in run.lines.all()]},
    )
    return run


@retry_when_locked
@transaction.atomic
def disposal_dismiss(*, run, by, request=None):
    run = DisposalRun.objects.select_for_update().get(pk=run.pk)
    if run.status != DisposalRun.Status.WAITING:
        raise DomainError(_("This disposal has already been decided."), code="decided")
    run.status = DisposalRun.Status.DISMISSED
    run.decided_by = by
    run.decided_at = timezone.now()
    run.save()
    audit.log("records.disposal.dismissed", actor=by, obj=run, request=request)
    return run


# Erasure and restriction -------------------------------------------------------


@transaction.atomic
def rights_record(*, kind, ground, child, requester, details, received_on, by, request=None):
    """Record a request to erase a child's records or restrict their
    processing, with its ground; answered within a month."""
    if kind not in RightsKind.values:
        raise DomainError(_("Choose erasure or restriction."), code="kind")
    if (ground in ERASURE_GROUNDS) != (kind == RightsKind.ERASURE):
        raise DomainError(_("That ground is not one for this kind of request."), code="ground")
    if not child.parent_links.filter(parent=requester).exists():
        raise DomainError(_("The requester is not linked to this child."), code="not_linked")
    received_on = _not_future(received_on)
    rr = RightsRequest.objects.create(
        kind=kind,
        ground=ground,
        child=child,
        requester=requester,
        details=_text(details, required=True, name=_("what is asked")),
        received_on=received_on,
        due_on=add_months(received_on, 1),
        recorded_by=by,
    )
    audit.log(
        "records.rights.requested",
        actor=by,
        obj=rr,
        child=child,
        request=request,
        data={"kind": kind, "ground": ground},
    )
    return rr


@retry_when_locked
@transaction.atomic
def rights_decide(*, rr, decision, reason, by, request=None):
    """The manager's decision and reason. A granted restriction is in force
    from now: the child's records are read-only and out of everyday lists."""
    rr = RightsRequest.objects.select_for_update().get(pk=rr.pk)
    if rr.decision != RightsDecision.PENDING:
        raise DomainError(_("This request has already been decided."), code="decided")
    if decision not in (RightsDecision.GRANTED, RightsDecision.REFUSED):
        raise DomainError(_("Choose a decision."), code="decision")
    rr.decision = decision
    rr.decision_reason = _text(reason, required=True, name=_("the reason"))
    rr.decided_by = by
    rr.decided_on = timezone.localdate()
    rr.save()
    if rr.kind == RightsKind.ERASURE and decision == RightsDecision.GRANTED:
        _erase_general_records(rr=rr, by=by)
    audit.log(
        "records.rights.decided",
        actor=by,
        obj=rr,
        child=rr.child,
        request=request,
        data={"kind": rr.kind, "decision": decision},
    )
    return rr


def _erase_general_records(*, rr, by):
    """A granted erasure removes the child's general records at once (the
    records the law makes the setting keep, accidents, medicines, consents,
    child protection, complaints, stay to the end of their own period:
    Art. 17(3)), logged like any disposal: how many, never what."""
    if Child.objects.filter(pk=rr.child_id, pk__in=spared_children()).exists():
        raise DomainError(
            _("A legal hold or a restriction is in force on this child: nothing can be erased."),
            code="held",
        )
    kind = retention.BY_KIND[RetentionKind.GENERAL]
    children = Child.objects.filter(pk=rr.child_id).values("pk")
    erased = sum(retention.dispose(qs) for qs in retention.rows_of(kind, children))
    run = DisposalRun.objects.create(
        found_on=timezone.localdate(),
        status=DisposalRun.Status.APPROVED,
        decided_by=by,
        decided_at=timezone.now(),
    )
    DisposalLine.objects.create(
        run=run,
        kind=kind.kind,
        period=str(_("Erased on request (Article 17)")),
        found=erased,
        disposed=erased,
        action=DisposalLine.Action.DELETED,
    )
    audit.log(
        "records.disposal.approved",
        actor=by,
        obj=run,
        child=rr.child,
        data={"counts": [f"{kind.kind}:{erased}"]},
    )


@retry_when_locked
@transaction.atomic
def restriction_lift(*, rr, reason, by, request=None):
    rr = RightsRequest.objects.select_for_update().get(pk=rr.pk)
    if not rr.in_force:
        raise DomainError(_("This restriction is not in force."), code="not_in_force")
    rr.lifted_on = timezone.localdate()
    rr.lifted_by = by
    rr.lift_reason = _text(reason, required=True, name=_("the reason"))
    rr.save()
    audit.log("records.rights.lifted", actor=by, obj=rr, child=rr.child, request=request)
    return rr
