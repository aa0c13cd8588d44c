"""Parents' voice: consultations on service changes, suggestions, complaints."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from nursery.links import reverse
from nursery.validators import validate_not_future

COMPLAINT_DAYS = 28
COMPLAINT_WARNING_DAYS = 7


class ConsultationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff see every consultation; parents those that have opened."""
        if not user.is_authenticated:
            return self.none()
        if user.is_setting_staff:
            return self.all()
        if user.is_parent:
            from nursery.setting.models.involvement import has_portal_child

            return self.filter(has_portal_child(user), opens_on__lte=timezone.localdate())
        return self.none()

    def open(self):
        today = timezone.localdate()
        return self.filter(opens_on__lte=today, closes_on__gte=today)


class Consultation(models.Model):
    """The manager asks parents' views before changing how the service runs."""

    title = models.CharField(_("title"), max_length=150)
    background = models.TextField(_("what may change and why"), max_length=20_000, blank=True)
    question = models.CharField(_("question"), max_length=300)
    opens_on = models.DateField(_("opens"))
    closes_on = models.DateField(_("closes"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decision = models.TextField(_("decision taken"), max_length=20_000, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        db_table = "nursery_consultation"  # the table it had in the kernel app
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="consultation_closes_after_opening",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("consultation_detail", kwargs={"pk": self.pk})

    @property
    def is_open(self):
        return self.opens_on <= timezone.localdate() <= self.closes_on


class ConsultationOption(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="options")
    text = models.CharField(_("option"), max_length=200)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        db_table = "nursery_consultationoption"  # the table it had in the kernel app
        ordering = ["consultation", "order", "pk"]

    def __str__(self):
        return self.text


class ConsultationResponse(models.Model):
    """One parent's answer; they may change it while the consultation is open."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="responses"
    )
    parent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="consultation_responses"
    )
    option = models.ForeignKey(
        ConsultationOption,
        verbose_name=_("your choice"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="responses",
    )
    comment = models.TextField(_("your comments"), max_length=20_000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "nursery_consultationresponse"  # the table it had in the kernel app
        verbose_name = _("consultation answer")
        verbose_name_plural = _("consultation answers")
        ordering = ["consultation", "-updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "parent"], name="one_answer_per_parent")
        ]

    def __str__(self):
        return f"{self.parent} on {self.consultation}"


class SuggestionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The manager sees every suggestion; a parent only their own."""
        if not user.is_authenticated:
            return self.none()
        if user.is_manager:
            return self.all()
        if user.is_parent:
            return self.filter(parent=user)
        return self.none()


class Suggestion(models.Model):
    parent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="suggestions"
    )
    body = models.TextField(_("your suggestion"), max_length=20_000)
    created_at = models.DateTimeField(_("made"), default=timezone.now)
    response = models.TextField(_("our answer"), max_length=20_000, blank=True)
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        db_table = "nursery_suggestion"  # the table it had in the kernel app
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.body[:60]

    def get_absolute_url(self):
        return reverse("suggestion_detail", kwargs={"pk": self.pk})


class ComplaintQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The manager sees every complaint; a parent those they made; a
        practitioner those they recorded."""
        if not user.is_authenticated:
            return self.none()
        if user.is_manager:
            return self.all()
        if user.is_parent:
            return self.filter(complainant=user)
        if user.is_setting_staff:
            return self.filter(recorded_by=user)
        return self.none()

    def open(self):
        return self.filter(outcome_on__isnull=True)

    def near_deadline(self, today=None):
        """Open written complaints whose outcome is due within a week, or overdue."""
        today = today or timezone.localdate()
        return self.open().filter(
            due_on__isnull=False, due_on__lte=today + timedelta(days=COMPLAINT_WARNING_DAYS)
        )


class Complaint(models.Model):
    """A complaint and what the setting did about it, kept for inspection."""

    class Via(models.TextChoices):
        PORTAL = "portal", _("In the portal")
        WRITING = "writing", _("In writing (letter or email)")
        IN_PERSON = "in_person", _("In person")
        PHONE = "phone", _("By phone")

    WRITTEN = (Via.PORTAL, Via.WRITING)

    complainant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("parent or carer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    complainant_name = models.CharField(_("made by"), max_length=150)
    child = models.ForeignKey(
        "families.Child",
        verbose_name=_("child it concerns"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    received_via = models.CharField(_("how it was made"), max_length=20, choices=Via.choices)
    received_on = models.DateField(
        _("received on"), default=timezone.localdate, validators=[validate_not_future]
    )
    summary = models.CharField(_("what the complaint is about"), max_length=200)
    details = models.TextField(_("details"), max_length=20_000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    due_on = models.DateField(_("outcome due by"), null=True, blank=True, editable=False)
    acknowledged_on = models.DateField(
        _("acknowledged on"), null=True, blank=True, validators=[validate_not_future]
    )
    investigation = models.TextField(_("investigation notes"), max_length=20_000, blank=True)
    outcome = models.TextField(_("outcome"), max_length=20_000, blank=True)
    outcome_on = models.DateField(
        _("outcome given on"), null=True, blank=True, validators=[validate_not_future]
    )
    outcome_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords(table_name="nursery_historicalcomplaint")
    objects = ComplaintQuerySet.as_manager()

    class Meta:
        db_table = "nursery_complaint"  # the table it had in the kernel app
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome_on__isnull=True) | Q(outcome_on__gte=models.F("received_on")),
                name="complaint_outcome_after_receipt",
            ),
            models.CheckConstraint(
                condition=Q(acknowledged_on__isnull=True)
                | Q(acknowledged_on__gte=models.F("received_on")),
                name="complaint_acknowledged_after_receipt",
            ),
        ]
        indexes = [models.Index(fields=["outcome_on", "due_on"])]

    def __str__(self):
        return f"{self.received_on:%d %b %Y}: {self.summary}"

    def save(self, *args, **kwargs):
        # The 28 days run from a written complaint (the portal counts as writing).
        self.due_on = (
            self.received_on + timedelta(days=COMPLAINT_DAYS)
            if self.received_via in self.WRITTEN and self.received_on
            else None
        )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("complaint_detail", kwargs={"pk": self.pk})

    @property
    def is_closed(self):
        return self.outcome_on is not None

    @property
    def status(self):
        if self.outcome_on:
            return _("Outcome given")
        if self.acknowledged_on:
            return _("Being investigated")
        return _("Received")

    @property
    def is_near_deadline(self):
        return (
            not self.is_closed
            and self.due_on is not None
            and self.due_on <= timezone.localdate() + timedelta(days=COMPLAINT_WARNING_DAYS)
        )

    @property
    def is_overdue(self):
        return not self.is_closed and self.due_on is not None and self.due_on < timezone.localdate()
