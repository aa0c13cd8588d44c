"""The retention schedule: for each kind of record, how long it is kept,
counted from what, on whose guidance, and which rows it covers.

The defaults follow published guidance for early-years settings; the
manager may set another period with a reason (records.services). A kind's
`rows(cutoff, spared)` gives, in the order they must go, the querysets of
rows past their period, leaving out the children in `spared` (a legal hold
or a restriction in force)."""

from dataclasses import dataclass
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from consents.models import (
    ConsentEvent,
    DoseAcknowledgement,
    MedicationDose,
    MedicationIncident,
    MedicationPermission,
    MedicationStop,
)
from families.models import (
    Child,
    ChildProtectionTask,
    KeyPersonMeeting,
    MeetingRequest,
    ParentNotice,
    ProgressReview,
    SettlingInPlan,
    SupportPlan,
)
from nursery.models import AuditEvent
from nursery.setting.models import Complaint
from records.models import DisposalLine, RetentionKind, RetentionPeriod
from safeguarding.models import Concern, Decision, Referral, SafeguardingStatus
from safety.models import Accident, AcknowledgementOfAccident, NotificationClock, ParentContact


class Anchor:
    AFTER_LEAVING = "after_leaving"
    UNTIL_AGE = "until_age"
    AFTER_RECORD = "after_record"


@dataclass(frozen=True)
class Kind:
    kind: str
    default_years: int
    anchor: str
    source: str
    action: str = DisposalLine.Action.DELETED

    @property
    def title(self):
        return RetentionKind(self.kind).label

    def describe(self, years):
        """The period in words, as the schedule and the disposal log show it."""
        if self.anchor == Anchor.AFTER_LEAVING:
            return _("%(n)d years after the child leaves") % {"n": years}
        if self.anchor == Anchor.UNTIL_AGE:
            return _("until the child is %(n)d") % {"n": years}
        return _("%(n)d years after the record was made") % {"n": years}

    def cutoff(self, *, today, years):
        """Rows anchored on or before this day are past their period."""
        return today - relativedelta(years=years)


SCHEDULE = [
    Kind(
        RetentionKind.GENERAL,
        3,
        Anchor.AFTER_LEAVING,
        _(
            "EYFS statutory framework (records kept for a reasonable period after the "
            "child leaves); Early Years Alliance and IRMS guidance: three years."
        ),
    ),
    Kind(
        RetentionKind.ACCIDENTS,
        21,
        Anchor.UNTIL_AGE,
        _("Limitation Act 1980: a claim may be made until three years after the child is 18."),
    ),
    Kind(
        RetentionKind.MEDICINES,
        21,
        Anchor.UNTIL_AGE,
        _("Limitation Act 1980; EYFS: written records of medicines given."),
    ),
    Kind(
        RetentionKind.CONSENTS,
        21,
        Anchor.UNTIL_AGE,
        _("Limitation Act 1980: kept as long as a claim about what was agreed may be made."),
    ),
    Kind(
        RetentionKind.CHILD_PROTECTION,
        25,
        Anchor.UNTIL_AGE,
        _(
            "IRMS toolkit and Working Together to Safeguard Children: until the child is "
            "25, or as the local safeguarding partnership says."
        ),
    ),
    Kind(
        RetentionKind.COMPLAINTS,
        3,
        Anchor.AFTER_RECORD,
        _("EYFS and Ofsted: a record of complaints for inspection; three years."),
        action=DisposalLine.Action.ANONYMISED,
    ),
    Kind(
        RetentionKind.AUDIT_LOG,
        6,
        Anchor.AFTER_RECORD,
        _("Limitation Act 1980: six years for most claims."),
    ),
]
BY_KIND = {k.kind: k for k in SCHEDULE}


def schedule():
    """Every kind with the period in force: the manager's, else the default."""
    chosen = {p.kind: p for p in RetentionPeriod.objects.select_related("changed_by")}
    rows = []
    for kind in SCHEDULE:
        period = chosen.get(kind.kind)
        years = period.years if period else kind.default_years
        rows.append(
            {
                "kind": kind,
                "years": years,
                "period": kind.describe(years),
                "default": kind.describe(kind.default_years),
                "changed": period,
            }
        )
    return rows


def _children_past(kind, cutoff):
    if kind.anchor == Anchor.AFTER_LEAVING:
        return Child.objects.filter(leaving_on__isnull=False, leaving_on__lte=cutoff)
    return Child.objects.filter(date_of_birth__lte=cutoff)


def rows_past(kind, *, cutoff, spared):
    """The querysets of rows of `kind` past their period, in the order they
    are disposed of (rows pointing at others first)."""
    if kind.anchor == Anchor.AFTER_RECORD:
        if kind.kind == RetentionKind.COMPLAINTS:
            return [
                Complaint.objects.filter(received_on__lte=cutoff)
                .exclude(child__in=spared)
                .exclude(summary=ANONYMISED)
            ]
        end = _end_of(cutoff)
        return [AuditEvent.objects.filter(created_at__lt=end).exclude(child__in=spared)]
    children = _children_past(kind, cutoff).exclude(pk__in=spared).values("pk")
    return rows_of(kind, children)


def rows_of(kind, children):
    """The querysets of rows of a child-anchored `kind` about `children`."""
    models = {
        RetentionKind.GENERAL: [
            KeyPersonMeeting,
            ProgressReview,
            SupportPlan,
            SettlingInPlan,
            ParentNotice,
            MeetingRequest,
        ],
        RetentionKind.ACCIDENTS: [Accident],
        RetentionKind.MEDICINES: [
            DoseAcknowledgement,
            MedicationIncident,
            MedicationDose,
            MedicationStop,
            MedicationPermission,
        ],
        RetentionKind.CONSENTS: [ConsentEvent],
        RetentionKind.CHILD_PROTECTION: [ChildProtectionTask, Concern, SafeguardingStatus],
    }[kind.kind]
    return [model._default_manager.filter(child__in=children) for model in models]


ANONYMISED = "—"


def _end_of(day):
    from datetime import datetime

    from django.utils import timezone

    return timezone.make_aware(datetime.combine(day + timedelta(days=1), datetime.min.time()))


def dispose(queryset):
    """Delete (or, for complaints, anonymise) the rows of one queryset, with
    what depends on them and their kept histories. Returns how many."""
    model = queryset.model
    if model is Complaint:
        ids = list(queryset.values_list("pk", flat=True))
        _forget_history(model, ids)
        return Complaint.objects.filter(pk__in=ids).update(
            complainant=None,
            complainant_name=ANONYMISED,
            child=None,
            summary=ANONYMISED,
            details="",
            investigation="",
            outcome="",
        )
    ids = list(queryset.values_list("pk", flat=True))
    if not ids:
        return 0
    rows = model._default_manager.filter(pk__in=ids)
    if model is Accident:
        AcknowledgementOfAccident.objects.filter(accident__in=ids).delete()
        ParentContact.objects.filter(accident__in=ids).delete()
        NotificationClock.objects.filter(accident__in=ids).delete()
    if model is Concern:
        Referral.objects.filter(concern__in=ids).delete()
        Decision.objects.filter(concern__in=ids).delete()
    if hasattr(rows, "dispose_past_retention"):
        # An append-only ledger: its one explicit way out.
        count = rows.dispose_past_retention()
    else:
        count = len(ids)
        rows.delete()
    _forget_history(model, ids)
    return count


def _history_models():
    return [m for m in apps.get_models() if hasattr(m, "instance_type")]


def _forget_history(model, ids):
    """The kept versions of the disposed rows, and of the rows that went with
    them (a meeting's agreed actions, the parents' comments on a record):
    disposal leaves no copy behind."""
    content_type = ContentType.objects.get_for_model(model)
    for history in _history_models():
        if history.instance_type is model:
            history.objects.filter(id__in=ids).delete()
            continue
        names = {field.name for field in history._meta.fields}
        if {"content_type", "object_id"} <= names:
            # Rows that name the disposed ones through a generic relation.
            history.objects.filter(content_type=content_type, object_id__in=ids).delete()
        for field in history._meta.fields:
            if field.is_relation and field.related_model is model:
                history.objects.filter(**{f"{field.attname}__in": ids}).delete()
