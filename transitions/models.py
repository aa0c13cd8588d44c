"""Schools and the partnership with each, children's moves to school, the
transfer of records to the school, and the child-protection file handover."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from families.models import ChildScopedQuerySet, RestrictedChildQuerySet, WrittenItemQuerySet
from nursery.dates import day_in_words
from nursery.links import reverse
from nursery.validators import validate_not_future, validate_phone

SCHOOL_DAYS_FOR_RECEIPT = 5


def add_school_days(day, count):
    """The date `count` school days after `day`. School days are Monday to
    Friday; bank holidays and school closures are ignored on purpose (they
    differ by area and year), so the warning may come a day or two early."""
    while count > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


class SchoolQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff see the schools directory; parents and others do not."""
        if user.is_authenticated and user.is_setting_staff:
            return self.all()
        return self.none()

    def review_due(self, on=None):
        on = on or timezone.localdate()
        return self.filter(is_active=True).filter(
            Q(next_review_due__isnull=True) | Q(next_review_due__lte=on)
        )


class School(models.Model):
    name = models.CharField(_("name"), max_length=150, unique=True)
    address = models.TextField(_("address"), max_length=20_000, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_phone])
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(
        _("current partner"), default=True, help_text=_("Untick for a school no longer in use.")
    )
    review_interval_months = models.PositiveSmallIntegerField(
        _("review the partnership every (months)"), default=12
    )
    next_review_due = models.DateField(_("next review due"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SchoolQuerySet.as_manager()

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("transitions:school_detail", kwargs={"pk": self.pk})

    @property
    def review_is_due(self):
        return self.next_review_due is None or self.next_review_due <= timezone.localdate()


class SchoolContact(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(
        _("role at the school"), max_length=120, help_text=_("For example: reception teacher.")
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_phone])

    class Meta:
        verbose_name = _("school contact")
        verbose_name_plural = _("school contacts")
        ordering = ["school", "name"]

    def __str__(self):
        return f"{self.name} ({self.role})"


class PartnershipActivity(models.Model):
    class Kind(models.TextChoices):
        SHARING_PRACTICE = "sharing_practice", _("Sharing practice")
        VISIT = "visit", _("Visit")
        JOINT_TRAINING = "joint_training", _("Joint training")
        MODERATION = "moderation", _("Moderation")
        TRANSITION_MEETING = "transition_meeting", _("Transition meeting")
        OTHER = "other", _("Other")

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("kind of activity"), max_length=30, choices=Kind.choices)
    happened_on = models.DateField(_("date"), validators=[validate_not_future])
    description = models.TextField(_("what happened"), max_length=20_000)
    outcome = models.TextField(_("outcome"), max_length=20_000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("partnership activity")
        verbose_name_plural = _("partnership activities")
        ordering = ["school", "-happened_on", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} with {self.school} on {day_in_words(self.happened_on)}"


class SchoolReview(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField(_("reviewed on"), validators=[validate_not_future])
    summary = models.TextField(_("how the partnership is working"), max_length=20_000)
    actions = models.TextField(_("what we will do next"), max_length=20_000, blank=True)
    next_review_due = models.DateField(_("next review due"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("partnership review")
        verbose_name_plural = _("partnership reviews")
        ordering = ["school", "-reviewed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(next_review_due__gt=models.F("reviewed_on")),
                name="school_review_next_after_this",
            )
        ]

    def __str__(self):
        return f"Review of {self.school} on {day_in_words(self.reviewed_on)}"


class Move(models.Model):
    """A child's move to school: which school, when."""

    child = models.OneToOneField("families.Child", on_delete=models.CASCADE, related_name="move")
    school = models.ForeignKey(
        School, verbose_name=_("school"), on_delete=models.PROTECT, related_name="moves"
    )
    starts_on = models.DateField(_("starts school on"))
    class_name = models.CharField(_("class"), max_length=80, blank=True)
    teacher = models.CharField(_("class teacher"), max_length=120, blank=True)
    staff_notes = models.TextField(
        _("notes for staff only"),
        max_length=20_000,
        blank=True,
        help_text=_("Never shown to parents, never sent to the school."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ChildScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("move to school")
        verbose_name_plural = _("moves to school")
        ordering = ["starts_on", "child__last_name", "pk"]

    def __str__(self):
        return f"{self.child} to {self.school}"

    def get_absolute_url(self):
        return reverse("transitions:move_detail", kwargs={"pk": self.pk})


class MoveEvent(models.Model):
    """A visit or meeting that helps the child move: planned, then how it went."""

    class Kind(models.TextChoices):
        CHILD_VISITS_SCHOOL = "child_visit", _("The child visits the school")
        TEACHER_VISITS_SETTING = "teacher_visit", _("The teacher visits the nursery")
        MEETING_WITH_PARENTS = "parent_meeting", _("Meeting with the family")
        MEETING_WITH_SCHOOL = "school_meeting", _("Meeting with the school")
        OTHER = "other", _("Other")

    move = models.ForeignKey(Move, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("what"), max_length=20, choices=Kind.choices)
    planned_on = models.DateField(_("date"))
    who = models.CharField(_("who will take part"), max_length=200, blank=True)
    outcome = models.TextField(_("how it went"), max_length=20_000, blank=True)
    outcome_recorded_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("transition visit or meeting")
        verbose_name_plural = _("transition visits and meetings")
        ordering = ["move", "planned_on", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} on {day_in_words(self.planned_on)}"


class ParentViewQuerySet(WrittenItemQuerySet):
    """Staff see every view; a parent their own, and those of their
    household that were not kept to the nursery."""

    child_path = "move__child"
    writer_path = "parent"

    def for_school(self):
        """Only views whose writer agreed to send them to the school."""
        return self.filter(send_to_school=True)


class ParentView(models.Model):
    """What a parent/carer wants the school to know. Kept as written."""

    move = models.ForeignKey(Move, on_delete=models.CASCADE, related_name="parent_views")
    parent = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    views = models.TextField(_("your views on your child's move to school"), max_length=20_000)
    school_should_know = models.TextField(
        _("anything the school should know"), max_length=20_000, blank=True
    )
    private = models.BooleanField(
        _("Only the nursery and me"),
        default=False,
        help_text=_(
            "Tick this and the other adults in your home will not see it. "
            "Adults who live in another home never see what you write."
        ),
    )
    send_to_school = models.BooleanField(
        _("Send this to the school in the move-to-school pack"), default=True
    )
    written_at = models.DateTimeField(default=timezone.now)

    objects = ParentViewQuerySet.as_manager()

    class Meta:
        verbose_name = _("parent's view")
        verbose_name_plural = _("parents' views")
        ordering = ["move", "written_at", "pk"]

    def __str__(self):
        return f"View of {self.parent} on {self.move}"


AREAS_OF_LEARNING = [
    ("communication_language", _("Communication and language")),
    ("physical", _("Physical development")),
    ("personal_social_emotional", _("Personal, social and emotional development")),
    ("literacy", _("Literacy")),
    ("mathematics", _("Mathematics")),
    ("understanding_world", _("Understanding the world")),
    ("expressive_arts", _("Expressive arts and design")),
]


class TransferSummary(models.Model):
    """The key person's own summary of the child for the school: the seven
    areas of learning, what the child enjoys, and what the school should know."""

    move = models.OneToOneField(Move, on_delete=models.CASCADE, related_name="summary")
    communication_language = models.TextField(
        _("Communication and language"), max_length=20_000, blank=True
    )
    physical = models.TextField(_("Physical development"), max_length=20_000, blank=True)
    personal_social_emotional = models.TextField(
        _("Personal, social and emotional development"), max_length=20_000, blank=True
    )
    literacy = models.TextField(_("Literacy"), max_length=20_000, blank=True)
    mathematics = models.TextField(_("Mathematics"), max_length=20_000, blank=True)
    understanding_world = models.TextField(
        _("Understanding the world"), max_length=20_000, blank=True
    )
    expressive_arts = models.TextField(
        _("Expressive arts and design"), max_length=20_000, blank=True
    )
    interests = models.TextField(
        _("what the child enjoys and how they learn best"), max_length=20_000, blank=True
    )
    school_should_know = models.TextField(
        _("what the school should know"), max_length=20_000, blank=True
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("transfer summary")
        verbose_name_plural = _("transfer summaries")

    def __str__(self):
        return f"Summary for {self.move.child}"

    @property
    def areas(self):
        return [(label, getattr(self, name)) for name, label in AREAS_OF_LEARNING]


class Transfer(models.Model):
    """The transfer pack to one school: what was chosen, the parent's consent
    (as evidence), when and how it was sent, and the school's receipt."""

    class Method(models.TextChoices):
        SECURE_EMAIL = "secure_email", _("Secure email")
        TRANSFER_SYSTEM = "transfer_system", _("Local authority transfer system")
        BY_HAND = "by_hand", _("By hand")
        POST = "post", _("Recorded post")

    child = models.ForeignKey(
        "families.Child", on_delete=models.PROTECT, related_name="school_transfers"
    )
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="transfers")
    sections = models.JSONField(_("records chosen"), default=list)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    prepared_at = models.DateTimeField(default=timezone.now)
    consent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("consent given by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    # What the parent consented to, as it was shown to them: each section's
    # key and its title at that moment ([{"key": ..., "title": ...}]). A
    # consent covers these sections only: when the pack's sections change,
    # it no longer counts and the parents are asked again.
    consented_sections = models.JSONField(default=list, blank=True, editable=False)
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    sent_method = models.CharField(
        _("how it was sent"), max_length=20, choices=Method.choices, blank=True
    )
    sent_to = models.CharField(_("sent to"), max_length=200, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The pack exactly as it was sent: later changes to records do not alter it.
    sent_html = models.TextField(max_length=20_000, blank=True, editable=False)
    received_on = models.DateField(_("school confirmed receipt on"), null=True, blank=True)
    received_by = models.CharField(_("confirmed by (at the school)"), max_length=200, blank=True)
    received_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = ChildScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("transfer of records")
        verbose_name_plural = _("transfers of records")
        ordering = ["-prepared_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(received_on__isnull=True)
                | (Q(sent_on__isnull=False) & Q(received_on__gte=models.F("sent_on"))),
                name="transfer_received_after_sent",
            )
        ]

    def __str__(self):
        return f"Records of {self.child} for {self.school}"

    def get_absolute_url(self):
        return reverse("transitions:transfer_detail", kwargs={"pk": self.pk})

    @property
    def consent_covers_sections(self):
        """Whether a parent consented to this pack as it is now: the sections
        they consented to are the sections it holds."""
        if self.consent_at is None:
            return False
        consented = sorted(item["key"] for item in self.consented_sections)
        return consented == sorted(self.sections)

    @property
    def sections_version(self):
        """An opaque name for the pack's sections as they are now: the
        consent form carries it, so that consent is to the pack the parent
        read, and the page never names a section it does not show (a
        restricted one)."""
        keys = " ".join(sorted(self.sections))
        digest = salted_hmac("transitions.pack.sections", f"{self.pk}:{keys}", algorithm="sha256")
        return digest.hexdigest()[:32]

    @property
    def consent_needed_again(self):
        """A parent consented, but the pack's sections changed since."""
        return self.consent_at is not None and not self.consent_covers_sections

    @property
    def status(self):
        if self.received_on:
            return _("Received by the school")
        if self.sent_on:
            return _("Sent, waiting for the school to confirm")
        if self.consent_covers_sections:
            return _("Ready to send")
        return _("Waiting for the parent's consent")


class HandoverQuerySet(RestrictedChildQuerySet):
    """Restricted: the DSL and the manager only (not the key person)."""

    key_person_sees = False

    def overdue(self, on=None):
        on = on or timezone.localdate()
        return self.filter(received_on__isnull=True, receipt_due_on__lt=on)


class ChildProtectionHandover(models.Model):
    """The child-protection file, handed to the school separately by the DSL.
    Restricted: every read is audited."""

    # Child protection goes on while the family restricts the processing
    # of the child's records (families.restriction).
    kept_under_restriction = True

    class Method(models.TextChoices):
        IN_PERSON = "in_person", _("In person, DSL to DSL")
        SECURE_EMAIL = "secure_email", _("Secure email")
        TRANSFER_SYSTEM = "transfer_system", _("Local authority transfer system")
        POST = "post", _("Recorded post")

    child = models.ForeignKey(
        "families.Child", on_delete=models.PROTECT, related_name="cp_handovers"
    )
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="cp_handovers")
    sent_on = models.DateField(_("handed over on"), validators=[validate_not_future])
    method = models.CharField(_("how"), max_length=20, choices=Method.choices)
    sent_to = models.CharField(
        _("handed to"), max_length=200, help_text=_("Name and role, usually the school's DSL.")
    )
    notes = models.TextField(_("notes"), max_length=20_000, blank=True)
    handed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    receipt_due_on = models.DateField(_("receipt due by"), editable=False)
    received_on = models.DateField(_("school confirmed receipt on"), null=True, blank=True)
    received_by = models.CharField(_("confirmed by (at the school)"), max_length=200, blank=True)
    received_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = HandoverQuerySet.as_manager()

    class Meta:
        verbose_name = _("child-protection file handover")
        verbose_name_plural = _("child-protection file handovers")
        ordering = ["-sent_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(received_on__isnull=True) | Q(received_on__gte=models.F("sent_on")),
                name="cp_handover_received_after_sent",
            )
        ]

    def __str__(self):
        return f"Child-protection file of {self.child} to {self.school}"

    def save(self, *args, **kwargs):
        self.receipt_due_on = add_school_days(self.sent_on, SCHOOL_DAYS_FOR_RECEIPT)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("transitions:handover_detail", kwargs={"pk": self.pk})

    @property
    def is_overdue(self):
        return self.received_on is None and self.receipt_due_on < timezone.localdate()
