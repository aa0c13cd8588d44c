"""Records and rights: subject-access requests and their packs, the
retention schedule, disposal with its log, legal holds, and requests for
erasure and restriction (UK GDPR Articles 15, 17 and 18)."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from families.models import Child
from nursery.dates import add_months
from nursery.links import reverse

USER = settings.AUTH_USER_MODEL
# An extension may be sent to the requester in the last days of the first
# month; the manager's list shows a request as "decide about more time" then.
EXTENSION_WARNING_DAYS = 7


class RequestVia(models.TextChoices):
    PORTAL = "portal", _("In the portal")
    PAPER = "paper", _("On paper or by letter")
    EMAIL = "email", _("By email")
    PHONE = "phone", _("By phone")
    IN_PERSON = "in_person", _("In person")


class ChildProtectionDecision(models.TextChoices):
    UNDECIDED = "", _("Not decided yet")
    NONE_HELD = "none_held", _("No child-protection material is held")
    WITHHELD = "withheld", _("Withheld: giving it could cause serious harm")
    INCLUDED = "included", _("Included in the pack")


class SubjectAccessQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The requester sees their own requests; the manager and the DSL see
        every request (the DSL decides on child-protection material)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_setting_staff and (user.is_manager or user.is_dsl):
            return self.all()
        return self.filter(requester=user)

    def open(self):
        return self.filter(delivered_at__isnull=True, withdrawn_at__isnull=True)

    def due_soon(self, today=None):
        """Open requests whose answer is due within a week (by the date more
        time was taken to, where it was), or overdue: the dashboard's figure
        and the list it opens."""
        soon = (today or timezone.localdate()) + timedelta(days=EXTENSION_WARNING_DAYS)
        return self.open().filter(
            models.Q(extended_to__isnull=True, due_on__lte=soon) | models.Q(extended_to__lte=soon)
        )

    def awaiting_cp_decision(self):
        """Open requests whose pack waits for the DSL's decision on
        child-protection material."""
        return self.open().filter(cp_decision="", prepared_at__isnull=True)

    def overdue(self, today=None):
        """Open requests past their deadline (the date more time was taken
        to, where it was): as `SubjectAccessRequest.is_overdue`."""
        today = today or timezone.localdate()
        return self.open().filter(
            models.Q(extended_to__isnull=True, due_on__lt=today) | models.Q(extended_to__lt=today)
        )

    def listed(self):
        """As lists and panels show requests: without the prepared pack (the
        whole record, often hundreds of kilobytes), which only the pack's own
        pages open."""
        return self.defer("pack_html", "pack_data")


class SubjectAccessRequest(models.Model):
    """A person's request for the data the setting holds about them (and, for
    a parent, about their children): answered within one month of receipt,
    to the same date of the next month (or that month's last day), or up to
    two months later for a complex request, with the requester told why
    before the first month ends."""

    requester = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="subject_access_requests"
    )
    via = models.CharField(_("how it was made"), max_length=20, choices=RequestVia.choices)
    identity_checked = models.CharField(
        _("how the requester's identity was checked"), max_length=300, blank=True
    )
    details = models.TextField(_("what the request asks for"), max_length=2000, blank=True)
    received_on = models.DateField(_("received on"))
    due_on = models.DateField(_("answer due by"))
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    extended_to = models.DateField(_("extended to"), null=True, blank=True)
    extension_reason = models.TextField(_("why more time is needed"), max_length=1000, blank=True)
    extension_notice_on = models.DateField(_("requester told on"), null=True, blank=True)
    extended_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    cp_decision = models.CharField(
        _("child-protection material"),
        max_length=20,
        choices=ChildProtectionDecision.choices,
        blank=True,
    )
    cp_reason = models.TextField(_("the safeguarding lead's reason"), max_length=1000, blank=True)
    cp_decided_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    cp_decided_on = models.DateField(null=True, blank=True)

    prepared_at = models.DateTimeField(_("pack prepared"), null=True, blank=True)
    prepared_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    pack_html = models.TextField(blank=True, editable=False)
    pack_data = models.JSONField(null=True, blank=True, editable=False)
    pack_sections = models.JSONField(default=list, blank=True, editable=False)

    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    delivered_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    delivery_method = models.CharField(_("how it was delivered"), max_length=200, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = SubjectAccessQuerySet.as_manager()

    class Meta:
        verbose_name = _("subject-access request")
        verbose_name_plural = _("subject-access requests")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(extended_to__isnull=True) | Q(extended_to__gt=models.F("due_on")),
                name="sar_extension_after_first_deadline",
            ),
        ]

    def __str__(self):
        return f"Subject-access request {self.pk}"

    def get_absolute_url(self):
        return reverse("records:request_detail", kwargs={"pk": self.pk})

    @staticmethod
    def first_deadline(received_on):
        """One month: the same date of the next month, or its last day."""
        return add_months(received_on, 1)

    @property
    def deadline(self):
        return self.extended_to or self.due_on

    @property
    def latest_extension(self):
        """Two further months at most."""
        return add_months(self.due_on, 2)

    @property
    def is_open(self):
        return self.delivered_at is None and self.withdrawn_at is None

    @property
    def is_overdue(self):
        return self.is_open and timezone.localdate() > self.deadline

    @property
    def extension_may_be_sent(self):
        return self.is_open and self.extended_to is None and timezone.localdate() <= self.due_on

    @property
    def extension_to_decide(self):
        """Near the end of the first month, not yet answered nor extended."""
        today = timezone.localdate()
        return (
            self.extension_may_be_sent
            and self.prepared_at is None
            and self.due_on - today <= timedelta(days=EXTENSION_WARNING_DAYS)
        )

    @property
    def status(self):
        if self.withdrawn_at:
            return _("Withdrawn")
        if self.delivered_at:
            return _("Answered")
        if self.prepared_at:
            return _("Pack ready to deliver")
        return _("Received")


class RetentionKind(models.TextChoices):
    GENERAL = "general", _("A child's general records")
    ACCIDENTS = "accidents", _("Accidents, incidents and injuries")
    MEDICINES = "medicines", _("Medicines: permissions and doses given")
    CONSENTS = "consents", _("Consent decisions")
    CHILD_PROTECTION = "child_protection", _("Child-protection records")
    COMPLAINTS = "complaints", _("Complaints")
    AUDIT_LOG = "audit_log", _("The audit log")


class RetentionPeriod(models.Model):
    """The manager's own period for one kind of record, replacing the
    default (records/retention.py) with a reason; each change is audited."""

    kind = models.CharField(_("kind of record"), max_length=30, choices=RetentionKind.choices)
    years = models.PositiveSmallIntegerField(_("years"))
    reason = models.TextField(_("reason for the change"), max_length=1000)
    changed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("retention period")
        verbose_name_plural = _("retention periods")
        constraints = [
            models.UniqueConstraint(fields=["kind"], name="one_retention_period_per_kind"),
            models.CheckConstraint(
                condition=Q(years__gte=1) & Q(years__lte=100), name="retention_years_in_range"
            ),
        ]

    def __str__(self):
        return f"{self.kind}: {self.years} years"


class LegalHoldQuerySet(models.QuerySet):
    def in_force(self):
        return self.filter(lifted_at__isnull=True)

    def held_children(self):
        """A subquery of the children under a hold in force, directly or
        through a family (a parent linked to them)."""
        holds = self.in_force()
        return Child.objects.filter(
            Q(pk__in=holds.filter(child__isnull=False).values("child"))
            | Q(parent_links__parent__in=holds.filter(parent__isnull=False).values("parent"))
        ).values("pk")


class LegalHold(models.Model):
    """A claim or an investigation about a child or a family: nothing of
    theirs is disposed of until the hold is lifted."""

    child = models.ForeignKey(
        Child, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    parent = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    reason = models.TextField(_("reason"), max_length=1000)
    placed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    placed_at = models.DateTimeField(auto_now_add=True)
    lifted_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    lifted_at = models.DateTimeField(null=True, blank=True)
    lift_reason = models.TextField(_("why it is lifted"), max_length=1000, blank=True)

    objects = LegalHoldQuerySet.as_manager()

    class Meta:
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")
        ordering = ["-placed_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(child__isnull=False) & Q(parent__isnull=True))
                | (Q(child__isnull=True) & Q(parent__isnull=False)),
                name="hold_on_a_child_or_a_family",
            )
        ]

    def __str__(self):
        return f"Legal hold {self.pk}"

    @property
    def subject(self):
        if self.child_id:
            return self.child
        return _("The family of %(name)s") % {"name": self.parent.full_name}


class DisposalRun(models.Model):
    """What one scan found past its period; nothing is disposed of until the
    manager approves. Its lines are the disposal log: kind, how many, which
    period, who approved, when; never the content."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting for approval")
        APPROVED = "approved", _("Approved and carried out")
        DISMISSED = "dismissed", _("Dismissed")

    found_at = models.DateTimeField(_("found"), default=timezone.now)
    found_on = models.DateField(_("counted on"))
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.WAITING)
    decided_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("disposal")
        verbose_name_plural = _("disposals")
        ordering = ["-found_at", "-pk"]

    def __str__(self):
        return f"Disposal {self.pk}"

    def get_absolute_url(self):
        return reverse("records:disposal_detail", kwargs={"pk": self.pk})


class DisposalLine(models.Model):
    class Action(models.TextChoices):
        DELETED = "deleted", _("Deleted")
        ANONYMISED = "anonymised", _("Anonymised (counts kept)")

    run = models.ForeignKey(DisposalRun, on_delete=models.PROTECT, related_name="lines")
    kind = models.CharField(_("kind of record"), max_length=30, choices=RetentionKind.choices)
    period = models.CharField(_("period applied"), max_length=200)
    found = models.PositiveIntegerField(_("found"))
    disposed = models.PositiveIntegerField(_("disposed of"), default=0)
    action = models.CharField(_("what was done"), max_length=20, choices=Action.choices)

    class Meta:
        ordering = ["run", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["run", "kind"], name="one_line_per_kind_per_run")
        ]

    def __str__(self):
        return f"{self.kind}: {self.found}"


class RightsKind(models.TextChoices):
    ERASURE = "erasure", _("Erasure (Article 17)")
    RESTRICTION = "restriction", _("Restriction of processing (Article 18)")


class RightsGround(models.TextChoices):
    # Article 17(1)
    NO_LONGER_NEEDED = "no_longer_needed", _("Erasure: no longer needed for its purpose")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("Erasure: consent withdrawn")
    OBJECTION = "objection", _("Erasure: objection to the processing")
    UNLAWFUL = "unlawful", _("Erasure: processed unlawfully")
    LEGAL_OBLIGATION = "legal_obligation", _("Erasure: a legal obligation to erase")
    # Article 18(1)
    ACCURACY_CONTESTED = "accuracy_contested", _("Restriction: accuracy contested")
    UNLAWFUL_RESTRICT = "unlawful_restrict", _("Restriction: unlawful, but not to be erased")
    LEGAL_CLAIMS = "legal_claims", _("Restriction: needed for a legal claim")
    OBJECTION_PENDING = "objection_pending", _("Restriction: objection being considered")


ERASURE_GROUNDS = {
    RightsGround.NO_LONGER_NEEDED,
    RightsGround.CONSENT_WITHDRAWN,
    RightsGround.OBJECTION,
    RightsGround.UNLAWFUL,
    RightsGround.LEGAL_OBLIGATION,
}


class RightsDecision(models.TextChoices):
    PENDING = "pending", _("Not decided yet")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")


class RightsRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.is_setting_staff and user.is_manager:
            return self.all()
        return self.filter(requester=user)


class RightsRequest(models.Model):
    """A request to erase a child's records or to restrict their processing,
    with its ground, the manager's decision and reason. A granted
    restriction keeps the records read-only and out of everyday lists until
    it is lifted."""

    kind = models.CharField(_("kind of request"), max_length=20, choices=RightsKind.choices)
    ground = models.CharField(_("ground"), max_length=30, choices=RightsGround.choices)
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="+")
    requester = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    details = models.TextField(_("what is asked"), max_length=2000)
    received_on = models.DateField(_("received on"))
    due_on = models.DateField(_("answer due by"))
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(
        _("decision"),
        max_length=20,
        choices=RightsDecision.choices,
        default=RightsDecision.PENDING,
    )
    decision_reason = models.TextField(_("reason for the decision"), max_length=1000, blank=True)
    decided_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    decided_on = models.DateField(null=True, blank=True)
    lifted_on = models.DateField(_("lifted on"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    lift_reason = models.TextField(_("why it is lifted"), max_length=1000, blank=True)

    objects = RightsRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("erasure or restriction request")
        verbose_name_plural = _("erasure and restriction requests")
        ordering = ["-received_on", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} request {self.pk}"

    def get_absolute_url(self):
        return reverse("records:rights_detail", kwargs={"pk": self.pk})

    @classmethod
    def restrictions_in_force(cls):
        return cls.objects.filter(
            kind=RightsKind.RESTRICTION,
            decision=RightsDecision.GRANTED,
            lifted_on__isnull=True,
        )

    @property
    def in_force(self):
        return (
            self.kind == RightsKind.RESTRICTION
            and self.decision == RightsDecision.GRANTED
            and self.lifted_on is None
        )
