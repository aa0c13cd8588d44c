"""Events and activities families take part in, and who signs up or helps."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nursery.links import reverse


def has_portal_child(user):
    """A filter: true when this parent may see at least one child. A parent
    whose only link is restricted (a court order, say) sees nothing of the
    families' side of the setting: no events, announcements or consultations."""
    from families.models import ParentLink

    return models.Exists(ParentLink.objects.filter(parent=user, portal_access=True))


def parent_room_ids(user):
    """The rooms of the children this parent may see (a subquery)."""
    from families.models import Child

    return Child.objects.visible_to(user).filter(room__isnull=False).values("room")


class EventQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff see every event; a parent the setting's own and their children's rooms'."""
        if not user.is_authenticated:
            return self.none()
        if user.is_setting_staff:
            return self.all()
        if user.is_parent:
            return self.filter(has_portal_child(user)).filter(
                Q(room__isnull=True) | Q(room__in=parent_room_ids(user))
            )
        return self.none()

    def upcoming(self, now=None):
        return self.filter(starts_at__gte=now or timezone.now())


class Event(models.Model):
    class Kind(models.TextChoices):
        FAMILY_LEARNING = "family_learning", _("Family learning")
        STAY_AND_PLAY = "stay_and_play", _("Stay and play")
        CELEBRATION = "celebration", _("Cultural celebration")
        OUTING = "outing", _("Outing")
        PROJECT = "project", _("Learning project with parents")
        OTHER = "other", _("Other")

    title = models.CharField(_("title"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("what it is"), max_length=20_000, blank=True)
    room = models.ForeignKey(
        "families.Room",
        verbose_name=_("room"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
        help_text=_("Leave empty for an event for the whole setting."),
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    location = models.CharField(_("where"), max_length=150, blank=True)
    helpers_wanted = models.PositiveSmallIntegerField(
        _("parent helpers wanted"), default=0, help_text=_("For outings, say. 0 if none.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        db_table = "nursery_event"  # the table it had in the kernel app
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=models.F("starts_at")),
                name="event_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("event_detail", kwargs={"pk": self.pk})

    @property
    def is_past(self):
        return self.starts_at < timezone.now()


class EventSignup(models.Model):
    """A parent's place at an event, with the children coming and any offer to help."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="signups")
    parent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="event_signups"
    )
    children = models.ManyToManyField(
        "families.Child", verbose_name=_("children coming"), blank=True, related_name="+"
    )
    adults = models.PositiveSmallIntegerField(_("adults coming"), default=1)
    offers_help = models.BooleanField(_("I can help"), default=False)
    note = models.CharField(_("anything we should know"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "nursery_eventsignup"  # the table it had in the kernel app
        verbose_name = _("event sign-up")
        verbose_name_plural = _("event sign-ups")
        ordering = ["event", "parent__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["event", "parent"], name="one_signup_per_parent")
        ]

    def __str__(self):
        return f"{self.parent} at {self.event}"
