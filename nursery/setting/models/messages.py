"""Announcements to families, and how each parent prefers to be contacted."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nursery.setting.models.involvement import has_portal_child, parent_room_ids


class AnnouncementQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff see every announcement; a parent those addressed to them:
        to all families, to a room one of their children is in, or to one of
        their children."""
        if not user.is_authenticated:
            return self.none()
        if user.is_setting_staff:
            return self.all()
        if user.is_parent:
            from families.models import Child

            mine = Child.objects.visible_to(user).values("pk")
            addressed = Announcement.objects.filter(
                Q(audience=Announcement.Audience.ALL)
                | Q(audience=Announcement.Audience.ROOM, room__in=parent_room_ids(user))
                | Q(audience=Announcement.Audience.CHILDREN, children__in=mine)
            ).values("pk")
            return self.filter(has_portal_child(user), pk__in=addressed)
        return self.none()


class Announcement(models.Model):
    class Audience(models.TextChoices):
        ALL = "all", _("All families")
        ROOM = "room", _("The families of one room")
        CHILDREN = "children", _("The families of chosen children")

    title = models.CharField(_("title"), max_length=150)
    body = models.TextField(_("message"), max_length=20_000)
    audience = models.CharField(_("send to"), max_length=10, choices=Audience.choices)
    room = models.ForeignKey(
        "families.Room",
        verbose_name=_("room"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="announcements",
    )
    children = models.ManyToManyField(
        "families.Child", verbose_name=_("children"), blank=True, related_name="announcements"
    )
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    emailed_to = models.PositiveIntegerField(_("emailed to"), default=0)

    objects = AnnouncementQuerySet.as_manager()

    class Meta:
        db_table = "nursery_announcement"  # the table it had in the kernel app
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-published_at", "-pk"]

    def __str__(self):
        return self.title

    def recipients(self):
        """The parents it is addressed to (portal access only), with their
        needs: of the children chosen, or of every child still at the nursery
        (or in the room), not the families of children who have left."""
        from families.models import Child, ParentLink

        links = ParentLink.objects.filter(portal_access=True, parent__is_active=True)
        if self.audience != self.Audience.CHILDREN:
            links = links.filter(child__in=Child.objects.here())
        if self.audience == self.Audience.ROOM:
            links = links.filter(child__room=self.room)
        elif self.audience == self.Audience.CHILDREN:
            links = links.filter(child__in=self.children.all())
        from nursery.models import User

        return (
            User.objects.filter(pk__in=links.values("parent"))
            .select_related("communication_needs")
            .order_by("full_name")
        )


class CommunicationNeeds(models.Model):
    """How the setting can best communicate with one parent/carer, in their words."""

    parent = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="communication_needs"
    )
    preferred_language = models.CharField(_("the language you prefer"), max_length=80, blank=True)
    needs_interpreter = models.BooleanField(_("I would like an interpreter"), default=False)
    accessibility = models.TextField(
        _("a disability or impairment we should take into account"),
        max_length=20_000,
        blank=True,
        help_text=_(
            "For example: large print, a hearing loop, British Sign Language, "
            "phone rather than email, or anything else that helps."
        ),
    )
    email_announcements = models.BooleanField(
        _("email me the setting's announcements as well"), default=False
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "nursery_communicationneeds"  # the table it had in the kernel app
        verbose_name = _("communication needs")
        verbose_name_plural = _("communication needs")

    def __str__(self):
        return f"{self.parent}"

    @property
    def has_needs(self):
        return bool(self.preferred_language or self.needs_interpreter or self.accessibility)
