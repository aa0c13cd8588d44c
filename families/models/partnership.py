"""The partnership with parents around one child: key-person meetings and the
actions agreed, meeting requests, progress reviews (including the check at
age two), support plans, the settling-in plan, what parents tell the setting,
and the restricted child-protection-plan tasks.

Meetings, reviews, support plans and the settling-in plan have a part shared
with the family and a staff-only note; parents see a record only once staff
have shared it, and never its staff-only note.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import OuterRef, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from families.models.core import Child, ParentLink
from families.models.homes import (
    confirmed_by_every_home,
    not_confirmed_by_home_of,
    with_homes_confirmed,
)
from families.models.scoping import (
    ChildScopedQuerySet,
    RestrictedChildQuerySet,
    WrittenItemQuerySet,
)
from nursery.dates import day_in_words, moment_in_words
from nursery.validators import validate_not_future

PRIVATE_LABEL = _("Only the nursery and me")
PRIVATE_HELP = _(
    "Tick this and the other adults in your home will not see it. "
    "Adults who live in another home never see what you write."
)


def _private():
    return models.BooleanField(PRIVATE_LABEL, default=False, help_text=PRIVATE_HELP)


def _person(related_name="+", label=None, null=True):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=label or _("by"),
        null=null,
        blank=null,
        on_delete=models.PROTECT,
        related_name=related_name,
    )


class SharedRecordQuerySet(ChildScopedQuerySet):
    """Staff see every record; a parent sees only what was shared with them.
    What each adult said of a record is kept apart (`RecordComment`), under
    its own rule."""

    def visible_to(self, user):
        qs = super().visible_to(user)
        if user.is_authenticated and user.is_parent:
            qs = qs.filter(shared_at__isnull=False)
        return qs

    def shared(self):
        return self.filter(shared_at__isnull=False)

    def unread_by_home_of(self, user):
        """The shared records that no adult of `user`'s home has yet
        confirmed reading (see `families.models.homes`)."""
        return not_confirmed_by_home_of(self.filter(shared_at__isnull=False), user, self._reads())

    def with_homes_read(self, user):
        """Annotate `homes_confirmed` and `homes_asked`, for the lists of
        records (see `families.models.homes.with_homes_confirmed`)."""
        return with_homes_confirmed(self, user, self._reads(), "object_id")

    def _reads(self):
        return HouseholdRead.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model), object_id=OuterRef("pk")
        )


class SharedRecord(models.Model):
    """A record with a part for the family and a staff-only note, which the
    family reads, comments on and confirms they have read."""

    staff_notes = models.TextField(
        _("staff-only notes"),
        max_length=20_000,
        blank=True,
        help_text=_("Never shown to the family or passed on outside the setting."),
    )
    shared_at = models.DateTimeField(_("shared with the family"), null=True, blank=True)
    recorded_by = _person(label=_("recorded by"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Each home's confirmation that it has read the record.
    reads = GenericRelation("families.HouseholdRead")
    # Each adult's view on the record.
    comments = GenericRelation("families.RecordComment")

    objects = SharedRecordQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_shared(self):
        return self.shared_at is not None

    @property
    def confirmed_by_every_home(self):
        """On a list (`with_homes_read`): every home it is for has confirmed
        reading it (a record for one home: that home)."""
        if getattr(self, "for_household", None) is not None:
            return self.homes_confirmed >= 1
        return confirmed_by_every_home(self)


class HouseholdRead(models.Model):
    """One home's confirmation that it has read a record shared with the
    family (a meeting, a review, a support plan, the settling-in plan).

    The adults of a child may live in two homes. Each home confirms for
    itself: what one home has read stays on the other's "Waiting for you",
    and a parent is shown only their own home's confirmation (staff see
    every home's)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    household = models.PositiveSmallIntegerField(_("household"))
    read_by = _person(label=_("read by"), null=False)
    read_at = models.DateTimeField(_("read on"), default=timezone.now)

    class Meta:
        verbose_name = _("confirmation of reading")
        verbose_name_plural = _("confirmations of reading")
        ordering = ["read_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "household"],
                name="one_read_per_household",
            )
        ]

    def __str__(self):
        return f"Read by household {self.household} at {moment_in_words(self.read_at)}"


class RecordCommentQuerySet(WrittenItemQuerySet):
    """Staff read every adult's comment; a parent their own, and those of
    the adults of their home that were not kept to the nursery. Another
    home's comment is never read, nor shown to exist."""

    writer_path = "written_by"


class RecordComment(models.Model):
    """One adult's view on a record shared with the family (a meeting, a
    review, a support plan, the settling-in plan).

    Each adult of the child gives their own and changes only their own: the
    adults of another home add theirs beside it without reading it."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="+")
    # Empty only for a comment kept before each adult's was kept apart,
    # whose writer was not recorded.
    written_by = _person(label=_("comment by"))
    text = models.TextField(_("the parent's view"), max_length=20_000)
    private = _private()
    written_at = models.DateTimeField(_("comment added"), default=timezone.now)

    history = HistoricalRecords()
    objects = RecordCommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("parent's comment")
        verbose_name_plural = _("parents' comments")
        ordering = ["written_at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "written_by"],
                name="one_comment_per_adult",
            )
        ]

    def __str__(self):
        return f"Comment on {self.content_type.model} {self.object_id}"


class MeetingMethod(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("Phone")
    VIDEO = "video", _("Video call")


class KeyPersonMeetingQuerySet(SharedRecordQuerySet):
    def visible_to(self, user):
        """A record shared with one household only is read by that household:
        the rows' own rule, so that every list of them (what waits for a
        parent too) keeps it."""
        qs = super().visible_to(user)
        if user.is_authenticated and user.is_parent:
            qs = qs.filter(self.read_by_household_of(user))
        return qs

    @staticmethod
    def read_by_household_of(user):
        mine = ParentLink.objects.filter(
            parent=user,
            portal_access=True,
            child=models.OuterRef("child"),
            household=models.OuterRef("for_household"),
        )
        return Q(for_household__isnull=True) | Q(models.Exists(mine))

    def _reads(self):
        # A record for one home is confirmed by that home: given to another
        # home after it was read, it waits for the other's confirmation.
        return (
            super()
            ._reads()
            .filter(household=Coalesce(OuterRef("for_household"), models.F("household")))
        )


class KeyPersonMeeting(SharedRecord):
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="meetings")
    for_household = models.PositiveSmallIntegerField(
        _("which home reads it"),
        null=True,
        blank=True,
        help_text=_("Empty: every adult of the child who uses the portal."),
    )
    held_on = models.DateField(_("date of the meeting"), validators=[validate_not_future])
    method = models.CharField(_("how"), max_length=20, choices=MeetingMethod.choices)
    attendees = models.CharField(
        _("who attended"),
        max_length=300,
        help_text=_("Everyone who took part, for example: Kim (key person), Alex (mum)."),
    )
    discussion = models.TextField(
        _("what we talked about: learning and development"), max_length=20_000
    )
    concerns = models.TextField(
        _("any concern raised"),
        max_length=20_000,
        blank=True,
        help_text=_("By the family or by the setting. Leave blank if none."),
    )

    history = HistoricalRecords()
    objects = KeyPersonMeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("key-person meeting")
        verbose_name_plural = _("key-person meetings")
        ordering = ["child", "-held_on", "-pk"]
        indexes = [models.Index(fields=["child", "-held_on"])]

    def __str__(self):
        return f"Meeting about {self.child} on {day_in_words(self.held_on)}"


class ActionOwner(models.TextChoices):
    SETTING = "setting", _("The nursery")
    FAMILY = "family", _("The family")


class AgreedActionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """As the meeting the action was agreed at (shared with the family or
        not, with one home or both)."""
        return self.filter(meeting__in=KeyPersonMeeting.objects.visible_to(user))

    def open(self):
        return self.filter(done_at__isnull=True)


class AgreedAction(models.Model):
    """Who does what by when, agreed at a meeting."""

    meeting = models.ForeignKey(KeyPersonMeeting, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("what"), max_length=300)
    owner = models.CharField(_("who"), max_length=20, choices=ActionOwner.choices)
    due_on = models.DateField(_("by when"), null=True, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = _person(label=_("marked done by"))

    history = HistoricalRecords()
    objects = AgreedActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("agreed action")
        verbose_name_plural = _("agreed actions")
        ordering = ["meeting", "due_on", "pk"]

    def __str__(self):
        return self.description

    @property
    def child(self):
        return self.meeting.child


class MeetingRequestQuerySet(WrittenItemQuerySet):
    writer_path = "requested_by"


class MeetingRequest(models.Model):
    """A parent asks the key person for a meeting; the key person answers."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="meeting_requests")
    requested_by = _person(label=_("asked by"), null=False)
    preferred_time = models.CharField(
        _("when would suit you"),
        max_length=200,
        help_text=_("For example: any weekday after 5pm, or Friday morning."),
    )
    about = models.TextField(_("what would you like to talk about"), max_length=20_000)
    private = _private()
    created_at = models.DateTimeField(_("asked on"), auto_now_add=True)
    answer = models.TextField(_("answer"), max_length=20_000, blank=True)
    answered_by = _person(label=_("answered by"))
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    objects = MeetingRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        ordering = ["child", "-created_at", "-pk"]

    def __str__(self):
        return f"Meeting request about {self.child}"


class ReviewKind(models.TextChoices):
    REVIEW = "review", _("Progress review")
    TWO_YEAR = "two_year", _("Progress check at age two")


class Concern(models.TextChoices):
    NONE = "none", _("No concern")
    DELAY = "delay", _("A possible delay in development")
    SEN = "sen", _("Possible special educational needs")


class ProgressReview(SharedRecord):
    """A regular progress review, or the progress check at age two."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="progress_reviews")
    kind = models.CharField(_("kind"), max_length=20, choices=ReviewKind.choices)
    reviewed_on = models.DateField(_("date of the review"), validators=[validate_not_future])
    communication = models.TextField(_("communication and language"), max_length=20_000)
    physical = models.TextField(_("physical development"), max_length=20_000)
    personal_social = models.TextField(
        _("personal, social and emotional development"), max_length=20_000
    )
    strengths = models.TextField(_("strengths"), max_length=20_000)
    support_needed = models.TextField(
        _("where support may be needed"), max_length=20_000, blank=True
    )
    concern = models.CharField(
        _("any concern"), max_length=20, choices=Concern.choices, default=Concern.NONE
    )
    concern_detail = models.TextField(_("about the concern"), max_length=20_000, blank=True)
    setting_will = models.TextField(_("what the nursery will do"), max_length=20_000)
    family_will = models.TextField(
        _("what the family might do at home"), max_length=20_000, blank=True
    )
    signed_off_by = _person(label=_("signed off by"))
    signed_off_at = models.DateTimeField(_("signed off by the parent"), null=True, blank=True)
    health_visitor_shared_on = models.DateField(
        _("shared with the health visitor on"), null=True, blank=True
    )
    health_visitor_shared_by = _person(label=_("shared with the health visitor by"))
    # A check the parent signed is evidence: changing it later makes a new
    # version (which needs signing again) pointing at the signed one.
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("earlier version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("progress review")
        verbose_name_plural = _("progress reviews")
        ordering = ["child", "-reviewed_on", "-pk"]
        indexes = [models.Index(fields=["child", "kind"])]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.child} on {day_in_words(self.reviewed_on)}"

    @property
    def is_two_year_check(self):
        return self.kind == ReviewKind.TWO_YEAR

    @property
    def is_signed_off(self):
        return self.signed_off_at is not None

    @property
    def newer_version(self):
        """The version that replaced this one, or None (this is the latest)."""
        try:
            return self.superseded_by
        except ProgressReview.DoesNotExist:
            return None


class SupportPlan(SharedRecord):
    """A plan for a child with special educational needs, agreed with the parents."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="support_plans")
    title = models.CharField(_("title"), max_length=150)
    started_on = models.DateField(_("agreed on"), validators=[validate_not_future])
    needs = models.TextField(_("the child's needs, in brief"), max_length=20_000)
    agreed_with = models.CharField(_("agreed with"), max_length=300)
    next_review_on = models.DateField(_("next review"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("support plan")
        verbose_name_plural = _("support plans")
        ordering = ["child", "-started_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(next_review_on__gte=models.F("started_on")),
                name="support_plan_review_after_start",
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.child})"


class SupportTarget(models.Model):
    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="targets")
    target = models.CharField(_("target"), max_length=300)
    setting_tasks = models.TextField(_("what the nursery will do"), max_length=20_000)
    home_tasks = models.TextField(
        _("what the family will do at home"), max_length=20_000, blank=True
    )
    by_date = models.DateField(_("by when"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("support-plan target")
        verbose_name_plural = _("support-plan targets")
        ordering = ["plan", "pk"]

    def __str__(self):
        return self.target


class SupportPlanReview(models.Model):
    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField(_("date of the review"), validators=[validate_not_future])
    progress = models.TextField(_("progress towards the targets"), max_length=20_000)
    parent_contribution = models.TextField(_("what the parents said"), max_length=20_000)
    next_review_on = models.DateField(_("next review"), null=True, blank=True)
    recorded_by = _person(label=_("recorded by"))
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("support-plan review")
        verbose_name_plural = _("support-plan reviews")
        ordering = ["plan", "-reviewed_on", "-pk"]

    def __str__(self):
        return f"Review of {self.plan} on {day_in_words(self.reviewed_on)}"


class SettlingInPlan(SharedRecord):
    """How a child's first weeks are arranged, agreed with the parents."""

    child = models.OneToOneField(Child, on_delete=models.CASCADE, related_name="settling_in_plan")
    agreed_on = models.DateField(_("agreed on"))
    arrangements = models.TextField(
        _("what we agreed"),
        max_length=20_000,
        help_text=_("Routines, comforters, how we will keep in touch with the family."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("settling-in plan")
        verbose_name_plural = _("settling-in plans")

    def __str__(self):
        return f"Settling-in plan for {self.child}"


class SettlingSession(models.Model):
    plan = models.ForeignKey(SettlingInPlan, on_delete=models.CASCADE, related_name="sessions")
    on = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"))
    length_minutes = models.PositiveSmallIntegerField(_("how long (minutes)"))
    who_stays = models.CharField(
        _("who stays with the child"),
        max_length=200,
        help_text=_("For example: mum stays for the whole session, or nobody stays."),
    )
    how_it_went = models.TextField(_("how it went"), max_length=20_000, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("settling-in session")
        verbose_name_plural = _("settling-in sessions")
        ordering = ["plan", "on", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(length_minutes__gte=10) & Q(length_minutes__lte=600),
                name="settling_session_length",
            )
        ]

    def __str__(self):
        return f"{day_in_words(self.on)} {self.starts_at:%H:%M}"


class NoticeKind(models.TextChoices):
    ABSENCE = "absence", _("My child will be away")
    CHANGE = "change", _("A change at home")
    OTHER = "other", _("Something else")


# The rules of the staff's lists of notices, as conditions: also drawn
# together, in one query, on the home page (`families.panels.from_families`).
NOT_SEEN = Q(seen_at__isnull=True)


def absent_on_condition(day):
    return Q(kind=NoticeKind.ABSENCE, starts_on__lte=day, ends_on__gte=day)


class ParentNoticeQuerySet(WrittenItemQuerySet):
    writer_path = "sent_by"

    def unseen(self):
        return self.filter(NOT_SEEN)

    def absent_on(self, day):
        return self.filter(absent_on_condition(day))


class ParentNotice(models.Model):
    """What a parent tells the setting: an absence, a change at home that may
    affect their child, or anything else. Kept, seen and answered by staff."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(_("what is it about"), max_length=20, choices=NoticeKind.choices)
    starts_on = models.DateField(_("first day away"), null=True, blank=True)
    ends_on = models.DateField(_("last day away"), null=True, blank=True)
    message = models.TextField(_("your message"), max_length=20_000)
    private = _private()
    sent_by = _person(label=_("from"), null=False)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)
    seen_by = _person(label=_("seen by"))
    seen_at = models.DateTimeField(_("seen"), null=True, blank=True)
    reply = models.TextField(_("answer"), max_length=20_000, blank=True)
    replied_by = _person(label=_("answered by"))
    replied_at = models.DateTimeField(_("answered"), null=True, blank=True)

    objects = ParentNoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("message from parents")
        verbose_name_plural = _("messages from parents")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="notice_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.child} ({day_in_words(self.created_at)})"


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class ChildProtectionTaskQuerySet(RestrictedChildQuerySet):
    """Restricted: the child's key person, the DSL and the manager."""

    def due_or_overdue(self, *, on=None, within_days=14):
        """Tasks not done whose date is past or within `within_days` days."""
        on = on or timezone.localdate()
        return self.exclude(status=TaskStatus.DONE).filter(
            due_on__isnull=False, due_on__lte=on + timedelta(days=within_days)
        )


class ChildProtectionTask(models.Model):
    """A task for the setting under a child-protection plan. Restricted:
    every read is written to the audit log."""

    # Child protection goes on while the family restricts the processing
    # of the child's records (families.restriction).
    kept_under_restriction = True

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="cp_tasks")
    task = models.TextField(_("task agreed for the nursery"), max_length=20_000)
    responsible = models.CharField(_("who in the nursery does it"), max_length=150)
    due_on = models.DateField(_("by when"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )
    notes = models.TextField(_("notes"), max_length=20_000, blank=True)
    recorded_by = _person(label=_("recorded by"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    history = HistoricalRecords()
    objects = ChildProtectionTaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("child-protection-plan task")
        verbose_name_plural = _("child-protection-plan tasks")
        ordering = ["child", "status", "due_on", "pk"]

    def __str__(self):
        return f"Child-protection task {self.pk}"
