"""Telling people: the items of each person's "What's new", their choice of
channel for each kind, and the emails that could not be sent."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    """How a person hears of a kind of item (besides "What's new", always)."""

    EMAIL = "email", _("By email straight away")
    DIGEST = "digest", _("In one email a day")
    PORTAL = "portal", _("Only in the portal")


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """One item of a person's "What's new": what kind of thing is new, for
    which child, and where it is. Never the record's content."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=80)
    child = models.ForeignKey(
        "families.Child",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    # The child's name as the person knows it, kept so that the list and the
    # emails never read the child's row again.
    child_name = models.CharField(max_length=170, blank=True)
    url = models.CharField(max_length=500)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    # Set when the digest that carried it was queued.
    digested_at = models.DateTimeField(null=True, blank=True)
    # Marks an item told once only (a consent expiring, an event tomorrow).
    once_key = models.CharField(max_length=120, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"]),
            models.Index(fields=["channel", "digested_at"]),
            models.Index(fields=["once_key"]),
        ]

    def __str__(self):
        return f"{self.kind} for {self.recipient_id}"


class NotificationPreference(models.Model):
    """A person's channel for one kind (no row: the kind's default)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=80)
    channel = models.CharField(max_length=10, choices=Channel.choices)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self):
        return f"{self.user_id} {self.kind}: {self.channel}"


class KeptEmail(models.Model):
    """An email the worker could not send after every retry: kept for the
    manager, who sends it again once the mail server is back."""

    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("message"))
    attempts = models.PositiveSmallIntegerField(_("attempts"))
    error = models.CharField(_("last error"), max_length=500, blank=True)
    failed_at = models.DateTimeField(_("gave up"), default=timezone.now, db_index=True)
    resent_at = models.DateTimeField(_("sent again"), null=True, blank=True)

    class Meta:
        verbose_name = _("email not sent")
        verbose_name_plural = _("emails not sent")
        ordering = ["-failed_at", "-pk"]

    def __str__(self):
        return f"{self.subject} to {self.to}"
