"""Children, their parents/carers, key persons, rooms and practical details."""

import functools
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext
from simple_history.models import HistoricalRecords

from families.restriction import restricted_children
from nursery.dates import day_in_words, months_between
from nursery.links import reverse
from nursery.validators import validate_not_future, validate_phone


class Room(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    description = models.CharField(_("description"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


def portal_children(user):
    """The subquery of the children `user`, a parent or carer, may open: those
    of their links with portal access. Built once per user object (a
    request's), and Django copies it into every query that filters on it
    rather than building it again: the query is kept, not its answer, so
    each query reads the links as they are when it runs."""
    query = user.__dict__.get("_portal_children")
    if query is None:
        query = ParentLink.objects.filter(parent=user, portal_access=True).values("child")
        user.__dict__["_portal_children"] = query
    return query


class ChildQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The children this person may open: all for staff, their own for parents.

        A parent sees a child only through a link that allows portal access,
        so a restricted link (a court order, say) shows nothing.
        """
        if not user.is_authenticated:
            return self.none()
        if user.is_setting_staff:
            return self.all()
        if user.is_parent:
            return self.filter(pk__in=portal_children(user))
        return self.none()

    def here(self):
        """The children who have not left: those whose families the nursery
        writes to (a child whose records are restricted is still here)."""
        return self.filter(_here_on(timezone.localdate()))

    def current(self):
        """The children of everyday lists: not left, and whose records are not
        restricted at the family's request (families.restriction)."""
        return self.filter(_current_on(timezone.localdate()))

    def with_access_facts(self, user, history=False):
        """Fetch with each child what the rules ask about it for `user`, so
        that checking this person's permissions on it asks nothing more: the
        current key person (as `with_key_person`, with `history` every key
        person) and, for a parent, their
        own link: `viewer_pk`, `viewer_linked` (with portal access) and
        `viewer_has_pr` (with parental responsibility too). For the child of
        one request (families.rules reads them); a later change is not seen."""
        qs = self.with_key_person(history=history)
        if user.is_authenticated and user.is_parent:
            links = ParentLink.objects.filter(
                parent=user, child=models.OuterRef("pk"), portal_access=True
            )
            qs = qs.annotate(
                viewer_pk=models.Value(user.pk),
                viewer_linked=models.Exists(links),
                viewer_has_pr=models.Exists(links.filter(has_parental_responsibility=True)),
            )
        return qs

    def with_key_person(self, history=False):
        """Join the current key person to each child (a child has at most
        one), read through `child.key_person_assignment` (None when the child
        has none; Django leaves `current_assignment` unset then, rather than
        None); with `history`, prefetch every key-person assignment
        instead, newest first, into `child.key_person_history` (the current
        one among them)."""
        if history:
            return self.prefetch_related(
                models.Prefetch(
                    "key_person_assignments",
                    queryset=KeyPersonAssignment.objects.select_related("practitioner"),
                    to_attr="key_person_history",
                )
            )
        return self.annotate(
            current_assignment=models.FilteredRelation(
                "key_person_assignments",
                condition=Q(key_person_assignments__ended_on__isnull=True),
            ),
            # Django sets `current_assignment` only where the join found one.
            key_person_joined=models.Value(True),
        ).select_related("current_assignment__practitioner")


@functools.lru_cache(maxsize=4)
def _here_on(day):
    """The rule of `here()` on `day`, as a `Q`."""
    return Q(leaving_on__isnull=True) | Q(leaving_on__gte=day)


@functools.lru_cache(maxsize=4)
def _current_on(day):
    """The rule of `current()` on `day`, as a `Q` built once a day in each
    process (every page asks it, some several times): it holds the day and
    the SQL of the restrictions in force, never their rows."""
    restricted = restricted_children()
    here = _here_on(day)
    return here if restricted is None else here & ~Q(pk__in=restricted)


class Child(models.Model):
    first_name = models.CharField(_("first name"), max_length=80)
    last_name = models.CharField(_("last name"), max_length=80)
    preferred_name = models.CharField(
        _("known as"), max_length=80, blank=True, help_text=_("Leave blank if the same.")
    )
    date_of_birth = models.DateField(_("date of birth"), validators=[validate_not_future])
    room = models.ForeignKey(
        Room,
        verbose_name=_("room"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    started_on = models.DateField(_("start date"), default=date.today)
    leaving_on = models.DateField(_("leaving date"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()
    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("child")
        verbose_name_plural = _("children")
        ordering = ["last_name", "first_name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(leaving_on__isnull=True) | Q(leaving_on__gte=models.F("started_on")),
                name="child_leaves_after_starting",
            )
        ]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("families:child_detail", kwargs={"pk": self.pk})

    @property
    def display_name(self):
        return f"{self.preferred_name or self.first_name} {self.last_name}"

    def age_in_months(self, on=None):
        return months_between(self.date_of_birth, on or timezone.localdate())

    @property
    def age_display(self):
        years, rest = divmod(self.age_in_months(), 12)
        months = ngettext("%(m)d month", "%(m)d months", rest) % {"m": rest}
        if years == 0:
            return months
        return pgettext("an age: years and months", "%(years)s %(months)s") % {
            "years": ngettext("%(y)d year", "%(y)d years", years) % {"y": years},
            "months": months,
        }

    @property
    def key_person_assignment(self):
        """The current assignment, from the join or the prefetch when the
        child was read with one (`with_key_person`)."""
        if hasattr(self, "key_person_history"):
            return next((a for a in self.key_person_history if a.ended_on is None), None)
        if "key_person_joined" in self.__dict__:
            return self.__dict__.get("current_assignment")
        return (
            self.key_person_assignments.filter(ended_on__isnull=True)
            .select_related("practitioner")
            .first()
        )

    @property
    def key_person(self):
        assignment = self.key_person_assignment
        return assignment.practitioner if assignment else None


class Relationship(models.TextChoices):
    MOTHER = "mother", _("Mother")
    FATHER = "father", _("Father")
    PARENT = "parent", _("Parent")
    STEP_PARENT = "step_parent", _("Step-parent")
    GRANDPARENT = "grandparent", _("Grandparent")
    FOSTER_CARER = "foster_carer", _("Foster carer")
    GUARDIAN = "guardian", _("Guardian")
    OTHER = "other", _("Other carer")


class ParentLink(models.Model):
    """A parent/carer's link to a child. Each link has its own access, so that
    one parent's access can be restricted without touching the other's."""

    parent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("parent or carer"),
        on_delete=models.PROTECT,
        related_name="child_links",
    )
    child = models.ForeignKey(
        Child, verbose_name=_("child"), on_delete=models.CASCADE, related_name="parent_links"
    )
    relationship = models.CharField(
        _("relationship to the child"), max_length=20, choices=Relationship.choices
    )
    has_parental_responsibility = models.BooleanField(_("has parental responsibility"))
    portal_access = models.BooleanField(
        _("may see the child in the portal"),
        default=True,
        help_text=_("Untick where access is restricted, for example by a court order."),
    )
    restriction_note = models.CharField(
        _("reason for restriction (staff only)"), max_length=300, blank=True
    )
    # Adults of one child who live together share a number; what one adult
    # writes (or is told) reaches the others only within the same household
    # (families.selectors.adults_told and families.models.scoping).
    household = models.PositiveSmallIntegerField(_("household"), default=1)
    household_confirmed = models.BooleanField(_("household confirmed by the manager"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("parent/carer link")
        verbose_name_plural = _("parent/carer links")
        ordering = ["child", "parent__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "child"], name="one_link_per_parent_child")
        ]

    def __str__(self):
        return f"{self.parent} → {self.child} ({self.get_relationship_display()})"


class KeyPersonAssignment(models.Model):
    """Who was the child's key person, from when to when. Only ever appended
    to: a change ends the current assignment and starts a new one."""

    child = models.ForeignKey(
        Child, on_delete=models.CASCADE, related_name="key_person_assignments"
    )
    practitioner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("key person"),
        on_delete=models.PROTECT,
        related_name="key_assignments",
    )
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("key-person assignment")
        verbose_name_plural = _("key-person assignments")
        ordering = ["child", "-started_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["child"],
                condition=Q(ended_on__isnull=True),
                name="one_current_key_person",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="assignment_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.practitioner} for {self.child} from {day_in_words(self.started_on)}"


# Why a version of the practical details was kept where it was not an edit of
# the form: the words kept in its history (`_change_reason`), and what the
# history page says for them in the reader's language.
DETAILS_CHANGES = {
    "confirmed as still correct": _("Confirmed as still correct"),
    "allergies dealt with": _("Allergies marked as dealt with by staff"),
    "medical_notes dealt with": _("Health conditions marked as dealt with by staff"),
    "dietary_needs dealt with": _("Diet marked as dealt with by staff"),
    "shown again": _("Shown to staff again: a health alert changed or ended"),
}


class PracticalDetails(models.Model):
    """What the setting must keep accurate: address, phones, GP, allergies, diet."""

    child = models.OneToOneField(Child, on_delete=models.CASCADE, related_name="details")
    address = models.TextField(_("home address"), max_length=20_000)
    postcode = models.CharField(_("postcode"), max_length=10)
    home_phone = models.CharField(
        _("home phone"), max_length=30, blank=True, validators=[validate_phone]
    )
    gp_name = models.CharField(_("GP's name"), max_length=120)
    gp_practice = models.CharField(_("GP practice"), max_length=150)
    gp_phone = models.CharField(_("GP phone"), max_length=30, validators=[validate_phone])
    allergies = models.TextField(
        _("allergies"),
        max_length=20_000,
        blank=True,
        help_text=_("Write 'none known' if there are none."),
    )
    dietary_needs = models.TextField(_("diet and dietary needs"), max_length=20_000, blank=True)
    medical_notes = models.TextField(
        _("health conditions staff should know about"), max_length=20_000, blank=True
    )
    last_confirmed_at = models.DateTimeField(_("last confirmed"), null=True, blank=True)
    last_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # {field: the digest of its text} for the allergies, health conditions
    # and diet that staff marked as dealt with (each has its own health
    # alert, or needs none) as the text read then: a text the family changes
    # afterwards is shown to staff again (safety.services.written_health).
    dealt_with = models.JSONField(
        _("written health facts dealt with"), default=dict, blank=True, editable=False
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("practical details")
        verbose_name_plural = _("practical details")

    def __str__(self):
        return f"Details for {self.child}"


class EmergencyContact(models.Model):
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="emergency_contacts")
    name = models.CharField(_("name"), max_length=120)
    relationship = models.CharField(_("relationship to the child"), max_length=60)
    phone = models.CharField(_("phone"), max_length=30, validators=[validate_phone])
    can_collect = models.BooleanField(_("may collect the child"), default=False)
    priority = models.PositiveSmallIntegerField(_("order to call"), default=1)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("emergency contact")
        verbose_name_plural = _("emergency contacts")
        ordering = ["child", "priority", "pk"]

    def __str__(self):
        return f"{self.name} ({self.relationship})"
