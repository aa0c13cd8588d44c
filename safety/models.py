"""The facts that keep a child safe where staff stand: health alerts, who may
collect, the daily register, accidents and incidents with their clocks."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from families.models import Child, ChildScopedQuerySet, ParentLink, WrittenItemQuerySet
from families.models.homes import (
    confirmed_by_every_home,
    not_confirmed_by_home_of,
    waiting_for_a_home,
    with_homes_confirmed,
)
from families.selectors import who_reads
from nursery.dates import day_in_words, moment_in_words
from nursery.links import reverse
from nursery.validators import validate_phone


class CollectionNoticeQuerySet(WrittenItemQuerySet):
    """What one adult told the setting about who collects: staff, that adult
    and the adults of their household (the other home is not told who
    collects from this one). A notice staff took down on the word of one of
    the child's adults is that adult's, as if they had told the portal; one
    taken on the word of someone else is staff's own record."""

    writer_path = "told_by"
    private_path = None

    def standing(self):
        """Not withdrawn: who is still coming."""
        return self.filter(withdrawn_at__isnull=True)


# ---------------------------------------------------------------- health alerts


class AlertKind(models.TextChoices):
    ALLERGY = "allergy", _("Allergy")
    CONDITION = "condition", _("Medical condition")
    DIET = "diet", _("Dietary need")


class Severity(models.TextChoices):
    LIFE_THREATENING = "life_threatening", _("Life-threatening")
    SEVERE = "severe", _("Severe")
    MILD = "mild", _("Mild")


class DietKind(models.TextChoices):
    ALLERGY = "allergy", _("Because of an allergy")
    MEDICAL = "medical", _("Medical")
    RELIGIOUS = "religious", _("Religious or cultural")
    PREFERENCE = "preference", _("Family preference")


class HealthAlertQuerySet(ChildScopedQuerySet):
    def current(self):
        return self.filter(ended_at__isnull=True)

    def life_threatening(self):
        return self.current().filter(severity=Severity.LIFE_THREATENING)

    def unseen(self):
        """Added or changed by a parent and not yet confirmed seen by staff."""
        return self.current().filter(seen_at__isnull=True)


class HealthAlert(models.Model):
    """One allergy, medical condition or dietary need. A change keeps its
    history; when a parent makes it, it waits as "new" until a member of
    staff confirms seeing it."""

    child = models.ForeignKey(
        Child, verbose_name=_("child"), on_delete=models.PROTECT, related_name="health_alerts"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=AlertKind.choices)
    what = models.CharField(
        _("what"), max_length=120, help_text=_("For example: peanuts, asthma, no pork.")
    )
    severity = models.CharField(
        _("how severe"), max_length=20, choices=Severity.choices, blank=True
    )
    diet_kind = models.CharField(
        _("kind of dietary need"), max_length=12, choices=DietKind.choices, blank=True
    )
    what_to_do = models.TextField(
        _("what staff must do"),
        max_length=20_000,
        blank=True,
        help_text=_(
            "Signs to look for and what to do, for example: give the auto-injector, call 999."
        ),
    )
    medicine_kept = models.CharField(
        _("medicine kept at the nursery"),
        max_length=120,
        blank=True,
        help_text=_("For example: an adrenaline auto-injector in the office cupboard."),
    )
    medicine_expires_on = models.DateField(_("medicine expiry date"), null=True, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)
    seen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("seen by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    seen_at = models.DateTimeField(_("seen"), null=True, blank=True)
    ended_at = models.DateTimeField(_("no longer applies from"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()
    objects = HealthAlertQuerySet.as_manager()

    class Meta:
        verbose_name = _("health alert")
        verbose_name_plural = _("health alerts")
        ordering = ["child", "kind", "what", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="diet") | ~Q(severity=""), name="alert_has_severity"
            ),
            models.CheckConstraint(
                condition=~Q(kind="diet") | ~Q(diet_kind=""), name="diet_has_kind"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.what} ({self.child})"

    @property
    def is_life_threatening(self):
        return self.severity == Severity.LIFE_THREATENING

    @property
    def is_new(self):
        return self.seen_at is None

    @property
    def medicine_expired(self):
        return (
            self.medicine_expires_on is not None and self.medicine_expires_on < timezone.localdate()
        )

    @property
    def flag_text(self):
        """What follows "Life-threatening:" beside the child's name."""
        if self.medicine_kept:
            return f"{self.what} · {self.medicine_kept}"
        return self.what

    @property
    def summary(self):
        """A short line for badges: "Peanuts (life-threatening, auto-injector kept)"."""
        parts = [self.get_severity_display() if self.severity else self.get_diet_kind_display()]
        if self.medicine_kept:
            parts.append(self.medicine_kept)
        return f"{self.what} ({', '.join(str(p) for p in parts)})"


# ---------------------------------------------------------------- who may collect


class Collector(models.Model):
    """A person the family has authorised to collect the child."""

    child = models.ForeignKey(
        Child, verbose_name=_("child"), on_delete=models.PROTECT, related_name="collectors"
    )
    name = models.CharField(_("name"), max_length=120)
    relationship = models.CharField(_("relationship to the child"), max_length=60)
    phone = models.CharField(_("phone"), max_length=30, validators=[validate_phone])
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()
    objects = ChildScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("authorised collector")
        verbose_name_plural = _("authorised collectors")
        ordering = ["child", "name", "pk"]

    def __str__(self):
        return f"{self.name} ({self.relationship})"


class CollectionPassword(models.Model):
    """The family's collection password, kept only as a hash: staff type
    what a collector says at the door and the portal checks it."""

    child = models.OneToOneField(
        Child, on_delete=models.PROTECT, related_name="collection_password"
    )
    password_hash = models.CharField(max_length=200)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(default=timezone.now)

    objects = ChildScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("collection password")
        verbose_name_plural = _("collection passwords")

    def __str__(self):
        return f"Collection password for {self.child}"


class Basis(models.TextChoices):
    COURT_ORDER = "court_order", _("A court order")
    PARENT = "parent", _("A parent's instruction")


class MustNotCollectQuerySet(ChildScopedQuerySet):
    def visible_to(self, user):
        """Staff only: who must not collect is never shown to a parent."""
        if not (user.is_authenticated and user.is_setting_staff):
            return self.none()
        return super().visible_to(user)

    def current(self):
        return self.filter(ended_at__isnull=True)


class MustNotCollect(models.Model):
    """A person who must not collect the child. Every member of staff sees
    the fact and the name; the basis and its detail are restricted."""

    child = models.ForeignKey(
        Child, verbose_name=_("child"), on_delete=models.PROTECT, related_name="must_not_collect"
    )
    name = models.CharField(_("name"), max_length=120)
    basis = models.CharField(_("because of"), max_length=12, choices=Basis.choices)
    detail = models.TextField(
        _("details (restricted)"),
        max_length=20_000,
        blank=True,
        help_text=_("Seen only by the key person, the DSL and the manager."),
    )
    description = models.CharField(
        _("how to recognise them"),
        max_length=200,
        blank=True,
        help_text=_("Shown to every member of staff, for example: tall, grey beard."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()
    objects = MustNotCollectQuerySet.as_manager()

    class Meta:
        verbose_name = _("person who must not collect")
        verbose_name_plural = _("people who must not collect")
        ordering = ["child", "name", "pk"]

    def __str__(self):
        return f"Must not collect {self.child}: {self.name}"


class CollectionNotice(models.Model):
    """A parent tells the setting that someone else is collecting on a day
    (in the portal, or to staff, who take it down: `taken_by`)."""

    child = models.ForeignKey(
        Child, verbose_name=_("child"), on_delete=models.PROTECT, related_name="collection_notices"
    )
    on = models.DateField(_("day"))
    name = models.CharField(_("who is collecting"), max_length=120)
    relationship = models.CharField(_("relationship to the child"), max_length=60)
    phone = models.CharField(_("their phone"), max_length=30, validators=[validate_phone])
    note = models.CharField(_("anything staff should know"), max_length=200, blank=True)
    told_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    told_at = models.DateTimeField(default=timezone.now)
    # Staff who took it down on `told_by`'s word (empty: told in the portal).
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("taken down by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Plans change: the adult who told, or staff, say the person is no
    # longer coming. The notice is kept, marked, and leaves the day's lists.
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = CollectionNoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("someone else collecting")
        verbose_name_plural = _("others collecting")
        ordering = ["-on", "-told_at", "-pk"]

    def __str__(self):
        return f"{self.name} collects {self.child} on {day_in_words(self.on)}"


# ---------------------------------------------------------------- the register


class CollectedBy(models.TextChoices):
    PARENT = "parent", _("A parent or carer")
    COLLECTOR = "collector", _("An authorised collector")
    NOTICE = "notice", _("The person the family said is collecting today")
    OTHER = "other", _("Someone not on the list")


class CollectionCheck(models.TextChoices):
    LISTED = "listed", _("On the list")
    PASSWORD = "password", _("Gave the collection password")
    MANAGER = "manager", _("Confirmed by the manager")


class Attendance(models.Model):
    """One child's day in the register: the EYFS daily record of attendance."""

    child = models.ForeignKey(
        Child, verbose_name=_("child"), on_delete=models.PROTECT, related_name="attendances"
    )
    on = models.DateField(_("day"))
    signed_in_at = models.DateTimeField(_("arrived"))
    brought_by = models.CharField(_("brought by"), max_length=120)
    signed_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    signed_out_at = models.DateTimeField(_("left"), null=True, blank=True)
    collected_by = models.CharField(_("collected by"), max_length=120, blank=True)
    collected_kind = models.CharField(max_length=10, choices=CollectedBy.choices, blank=True)
    collection_check = models.CharField(max_length=10, choices=CollectionCheck.choices, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by the manager"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_out_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()
    objects = ChildScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("register")
        ordering = ["on", "child__last_name", "child__first_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["child", "on"], name="one_attendance_a_day"),
            models.CheckConstraint(
                condition=Q(signed_out_at__isnull=True)
                | Q(signed_out_at__gte=models.F("signed_in_at")),
                name="leaves_after_arriving",
            ),
        ]

    def __str__(self):
        return f"{self.child} on {day_in_words(self.on)}"

    @property
    def hours(self):
        if self.signed_out_at is None:
            return None
        return round((self.signed_out_at - self.signed_in_at).total_seconds() / 3600, 2)


class RefusedCollection(models.Model):
    """Someone tried to collect a child and was stopped: kept and shown to the DSL."""

    child = models.ForeignKey(
        Child, verbose_name=_("child"), on_delete=models.PROTECT, related_name="refused_collections"
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    person = models.CharField(_("who tried to collect"), max_length=120)
    must_not_collect = models.ForeignKey(
        MustNotCollect, null=True, blank=True, on_delete=models.PROTECT, related_name="attempts"
    )
    reason = models.CharField(_("why it was stopped"), max_length=300)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    dsl_seen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    dsl_seen_at = models.DateTimeField(null=True, blank=True)

    objects = ChildScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("stopped collection")
        verbose_name_plural = _("stopped collections")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.person} stopped collecting {self.child}"


# ---------------------------------------------------------------- accidents and incidents


class AccidentKind(models.TextChoices):
    ACCIDENT = "accident", _("Accident")
    INCIDENT = "incident", _("Incident")
    EXISTING = "existing", _("Injury seen at arrival")


class Injury(models.TextChoices):
    NONE = "none", _("No visible injury")
    BUMP = "bump", _("Bump or swelling")
    BRUISE = "bruise", _("Bruise")
    GRAZE = "graze", _("Graze or scratch")
    CUT = "cut", _("Cut")
    BITE = "bite", _("Bite")
    BURN = "burn", _("Burn or scald")
    NOSEBLEED = "nosebleed", _("Nosebleed")
    SPRAIN = "sprain", _("Sprain or strain")
    FRACTURE = "fracture", _("Suspected broken bone")
    HEAD = "head", _("Head injury")
    ALLERGIC = "allergic", _("Allergic reaction")
    ILLNESS = "illness", _("Became unwell")
    OTHER = "other", _("Other")


class BodyArea(models.TextChoices):
    NONE = "none", _("Not applicable")
    HEAD = "head", _("Head")
    FACE = "face", _("Face")
    MOUTH = "mouth", _("Mouth or teeth")
    NECK = "neck", _("Neck")
    CHEST = "chest", _("Chest")
    BACK = "back", _("Back")
    TUMMY = "tummy", _("Tummy")
    ARM = "arm", _("Arm")
    HAND = "hand", _("Hand or fingers")
    LEG = "leg", _("Leg or knee")
    FOOT = "foot", _("Foot or toes")
    BOTTOM = "bottom", _("Bottom or genitals")
    WHOLE = "whole", _("Whole body")


class AccidentQuerySet(ChildScopedQuerySet):
    def awaiting_acknowledgement(self, user):
        """The accidents and incidents (not the injuries seen at arrival)
        still waiting to be read: for a parent, those no adult of their home
        has acknowledged; for staff, those some home has not."""
        qs = self.exclude(kind=AccidentKind.EXISTING)
        if user.is_setting_staff:
            return waiting_for_a_home(qs, _acknowledgements(), "accident")
        return not_confirmed_by_home_of(qs, user, _acknowledgements())

    def with_homes_read(self, user):
        """Annotate how many homes have acknowledged each (see
        `families.models.homes.with_homes_confirmed`)."""
        return with_homes_confirmed(self, user, _acknowledgements(), "accident")


def _acknowledgements():
    return AcknowledgementOfAccident.objects.filter(accident=models.OuterRef("pk"))


class Accident(models.Model):
    """An accident, an incident, or an injury seen when the child arrived."""

    child = models.ForeignKey(
        Child, verbose_name=_("child"), on_delete=models.PROTECT, related_name="accidents"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=AccidentKind.choices)
    occurred_at = models.DateTimeField(_("when"))
    location = models.CharField(_("where"), max_length=120)
    what_happened = models.TextField(
        _("what happened"),
        max_length=20_000,
        help_text=_(
            "The family reads this. Do not name any other child: each family sees only "
            "their own child's record."
        ),
    )
    injury = models.CharField(_("injury"), max_length=12, choices=Injury.choices)
    body_area = models.CharField(_("part of the body"), max_length=10, choices=BodyArea.choices)
    first_aid = models.TextField(_("first aid given"), max_length=20_000, blank=True)
    first_aid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("first aid given by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    witness = models.CharField(_("witness"), max_length=120, blank=True)
    parent_explanation = models.TextField(
        _("the parent's explanation"),
        max_length=20_000,
        blank=True,
        help_text=_("For an injury seen at arrival: what the parent or carer said."),
    )
    serious = models.BooleanField(_("serious injury"), default=False)
    hospital = models.BooleanField(_("taken to hospital or treated by a doctor"), default=False)
    medical_emergency = models.BooleanField(_("medical emergency"), default=False)
    other_children = models.ManyToManyField(
        Child,
        verbose_name=_("other children involved (staff only)"),
        blank=True,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(_("manager's review"), max_length=20_000, blank=True)
    dsl_seen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    dsl_seen_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["other_children"])
    objects = AccidentQuerySet.as_manager()

    class Meta:
        verbose_name = _("accident or incident")
        verbose_name_plural = _("accidents and incidents")
        ordering = ["-occurred_at", "-pk"]
        indexes = [models.Index(fields=["child", "-occurred_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.child} at {moment_in_words(self.occurred_at)}"

    def get_absolute_url(self):
        return reverse("safety:accident_detail", kwargs={"pk": self.pk})

    @property
    def starts_clocks(self):
        return self.serious or self.hospital

    @property
    def confirmed_by_every_home(self):
        """On a list annotated by `with_homes_read`: every home has read it."""
        return confirmed_by_every_home(self)


class AcknowledgementOfAccident(models.Model):
    """One home's acknowledgement that it has read the record of an accident:
    each home of the child acknowledges for itself (see
    `families.models.homes`)."""

    accident = models.ForeignKey(
        Accident, on_delete=models.PROTECT, related_name="acknowledgements"
    )
    household = models.PositiveSmallIntegerField(_("household"))
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    acknowledged_at = models.DateTimeField(default=timezone.now)
    comment = models.CharField(_("your comment (optional)"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("accident acknowledgement")
        verbose_name_plural = _("accident acknowledgements")
        ordering = ["acknowledged_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["accident", "household"],
                name="one_accident_acknowledgement_per_household",
            )
        ]

    def __str__(self):
        return f"{self.accident} seen by {self.acknowledged_by}"


class ParentContactQuerySet(WrittenItemQuerySet):
    """What staff told one of the child's parents or carers in an emergency
    (`adult`) is theirs and their home's, as anything addressed to one
    adult; a contact with someone written in (no `adult`) is read by every
    adult of the child."""

    writer_path = "adult"
    child_path = "accident__child"
    private_path = None

    def heard_by_condition(self, user):
        return Q(adult__isnull=True) | super().heard_by_condition(user)

    def with_adults_link(self):
        """Each contact with the household, the portal access and whether
        the manager confirmed the household, of the contacted adult's link to
        the child (`adult_household`, `adult_access`, `adult_home_confirmed`;
        None for someone written in or a link since removed): for staff, who
        else reads the line."""
        link = ParentLink.objects.filter(
            child=OuterRef("accident__child"), parent=OuterRef("adult")
        )
        return self.annotate(
            adult_household=Subquery(link.values("household")[:1]),
            adult_access=Subquery(link.values("portal_access")[:1]),
            adult_home_confirmed=Subquery(link.values("household_confirmed")[:1]),
        )


class ParentContact(models.Model):
    """In a medical emergency, each time the parents were contacted and what they were told."""

    accident = models.ForeignKey(Accident, on_delete=models.PROTECT, related_name="contacts")
    at = models.DateTimeField(_("when"))
    # The child's parent or carer contacted, where it was one: only the
    # adults of their home read the contact (staff read every one).
    adult = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("parent or carer contacted"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    contacted = models.CharField(_("who was contacted"), max_length=120)
    how = models.CharField(_("how"), max_length=60, help_text=_("For example: phone call."))
    told = models.TextField(_("what they were told"), max_length=20_000)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )

    objects = ParentContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact with parents")
        verbose_name_plural = _("contacts with parents")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.contacted} at {self.at:%H:%M}"

    @property
    def readers(self):
        """For staff: who else reads this line (read with
        `ParentContact.objects.with_adults_link()`)."""
        return who_reads(
            addressed=self.adult_id is not None,
            household=self.adult_household,
            portal_access=self.adult_access,
            household_confirmed=self.adult_home_confirmed,
        )


class Body(models.TextChoices):
    OFSTED = "ofsted", _("Ofsted")
    RIDDOR = "riddor", _("RIDDOR (the Health and Safety Executive)")
    LCPA = "lcpa", _("The local child-protection agency")


# Days allowed for each notification after a serious accident.
DUE_DAYS = {Body.OFSTED: 14, Body.RIDDOR: 10, Body.LCPA: 14}


class NotificationClockQuerySet(models.QuerySet):
    def open(self):
        return self.filter(done_at__isnull=True)


class NotificationClock(models.Model):
    """A notification the setting must make after a serious accident, open
    until it is recorded as done."""

    accident = models.ForeignKey(Accident, on_delete=models.PROTECT, related_name="clocks")
    body = models.CharField(_("who must be told"), max_length=10, choices=Body.choices)
    due_on = models.DateField(_("due by"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reference = models.CharField(_("reference or note"), max_length=200, blank=True)

    objects = NotificationClockQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification due")
        verbose_name_plural = _("notifications due")
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["accident", "body"], name="one_clock_per_body")
        ]

    def __str__(self):
        return f"{self.get_body_display()} for {self.accident}"

    @property
    def is_overdue(self):
        return self.done_at is None and self.due_on < timezone.localdate()

    @property
    def days_left(self):
        return (self.due_on - timezone.localdate()).days


def due_on_for(body, occurred_at):
    return timezone.localtime(occurred_at).date() + timedelta(days=DUE_DAYS[body])
