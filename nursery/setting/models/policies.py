"""The setting's published policies and information for families, their
review dates, and parents' acknowledgements of each version."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from nursery.links import reverse


class PolicyQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff see every policy, drafts included; parents the published ones."""
        if not user.is_authenticated:
            return self.none()
        if user.is_setting_staff:
            return self.all()
        if user.is_parent:
            return self.filter(is_published=True)
        return self.none()

    def overdue(self, today=None):
        return self.filter(next_review_due__lt=today or timezone.localdate())

    def listed(self):
        """As lists and panels show policies: by title and summary, without
        the whole text, which only the policy's own page shows."""
        return self.defer("body")

    def with_acknowledged_by(self, user):
        """Annotate `acknowledged` (this person acknowledged the current version)."""
        return self.annotate(
            acknowledged=Exists(
                PolicyAcknowledgement.objects.filter(
                    policy=OuterRef("pk"), parent=user, version=OuterRef("version")
                )
            )
        )

    def awaiting_acknowledgement_by(self, user):
        return (
            self.filter(is_published=True, requires_acknowledgement=True)
            .with_acknowledged_by(user)
            .filter(acknowledged=False)
        )


class Policy(models.Model):
    class Category(models.TextChoices):
        PARTNERSHIP = "partnership", _("Working with parents")
        SAFEGUARDING = "safeguarding", _("Safeguarding and the Prevent duty")
        BEHAVIOUR = "behaviour", _("Behaviour")
        HEALTH = "health", _("Health and sick children")
        COMPLAINTS = "complaints", _("Complaints")
        REGISTRATION = "registration", _("Registration and what we expect of parents")
        OTHER = "other", _("Other information")

    title = models.CharField(_("title"), max_length=150)
    category = models.CharField(_("kind"), max_length=20, choices=Category.choices)
    summary = models.CharField(
        _("summary"), max_length=300, blank=True, help_text=_("One or two plain sentences.")
    )
    body = models.TextField(_("text"), max_length=20_000)
    version = models.PositiveIntegerField(_("version"), default=1)
    version_date = models.DateField(_("version date"), default=timezone.localdate)
    last_reviewed_on = models.DateField(_("last reviewed"))
    next_review_due = models.DateField(_("next review due"))
    requires_acknowledgement = models.BooleanField(
        _("parents must read and acknowledge it"), default=False
    )
    is_published = models.BooleanField(_("published to parents"), default=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords(table_name="nursery_historicalpolicy")
    objects = PolicyQuerySet.as_manager()

    class Meta:
        db_table = "nursery_policy"  # the table it had in the kernel app
        verbose_name = _("policy")
        verbose_name_plural = _("policies")
        ordering = ["category", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(next_review_due__gt=models.F("last_reviewed_on")),
                name="policy_review_due_after_review",
            )
        ]

    def __str__(self):
        return f"{self.title} (v{self.version})"

    def get_absolute_url(self):
        return reverse("policy_detail", kwargs={"pk": self.pk})

    @property
    def is_overdue(self):
        return self.next_review_due < timezone.localdate()


class PolicyAcknowledgement(models.Model):
    """A parent's acknowledgement that they read one version of a policy."""

    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="acknowledgements")
    parent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="policy_acknowledgements"
    )
    version = models.PositiveIntegerField(_("version"))
    acknowledged_at = models.DateTimeField(_("acknowledged"), default=timezone.now)

    class Meta:
        db_table = "nursery_policyacknowledgement"  # the table it had in the kernel app
        verbose_name = _("policy acknowledgement")
        verbose_name_plural = _("policy acknowledgements")
        ordering = ["-acknowledged_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["policy", "parent", "version"], name="one_acknowledgement_per_version"
            )
        ]

    def __str__(self):
        return f"{self.parent} read {self.policy.title} v{self.version}"
