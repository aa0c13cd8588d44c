"""Consent types, the append-only consent ledger, medication permissions and doses.

Records the law expects the setting to keep (each consent decision, each
written permission for a medicine, each dose given, each acknowledgement)
are only ever appended to: `save()` refuses to change a stored row and
`delete()` refuses to remove one, and so do their querysets.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from consents.purposes import CORE_WORDING
from families.models import Child, ChildScopedQuerySet
from families.models.homes import (
    confirmed_by_every_home,
    homes_of,
    not_confirmed_by_home_of,
    waiting_for_a_home,
    with_homes_confirmed,
)
from nursery.dates import add_months, day_in_words, moment_in_words
from nursery.links import reverse

EXPIRY_WARNING_DAYS = 30


class AppendOnlyError(Exception):
    """Raised when something tries to change or remove a kept record."""


class AppendOnlyQuerySet(ChildScopedQuerySet):
    """Rows about the children a person may open; never changed or deleted."""

    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model.__name__} rows are never changed.")

    def delete(self):
        raise AppendOnlyError(f"{self.model.__name__} rows are never deleted.")

    def dispose_past_retention(self):
        """The one way these rows leave the database: disposal at the end of
        their retention period, approved by the manager and logged
        (records.disposal, which alone calls this, inside its transaction,
        with every row that points at these in the same disposal). Returns
        how many rows went."""
        return self._raw_delete(self.db)


class AppendOnlyModel(models.Model):
    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} rows are never changed.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{type(self).__name__} rows are never deleted.")


class ConsentTypeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class ConsentType(models.Model):
    """A purpose parents are asked to consent to. Data, not code: the
    manager adds types in the portal; some codes are relied on elsewhere."""

    code = models.SlugField(
        _("code"),
        max_length=50,
        unique=True,
        help_text=_("A short fixed name used by the portal, for example sun_cream."),
    )
    name = models.CharField(_("purpose"), max_length=120)
    explanation = models.TextField(
        _("what it covers"),
        max_length=20_000,
        help_text=_("In plain language: this is what parents read before they answer."),
    )
    renewal_months = models.PositiveSmallIntegerField(
        _("renew every (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave blank when it is asked once and lasts until withdrawn."),
    )
    every_parent_must_answer = models.BooleanField(
        _("every person with parental responsibility must agree"),
        default=False,
        help_text=_("Otherwise any one person with parental responsibility may answer."),
    )
    staff_flag = models.CharField(
        _("mark shown to staff when not given"),
        max_length=60,
        blank=True,
        help_text=_('For example "No photographs". Leave blank for no mark.'),
    )
    is_active = models.BooleanField(_("asked of families"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    created_at = models.DateTimeField(auto_now_add=True)

    # Each decision keeps the words it was shown; this keeps every wording.
    history = HistoricalRecords()
    objects = ConsentTypeQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent type")
        verbose_name_plural = _("consent types")
        ordering = ["order", "name"]

    def __str__(self):
        return self.shown_name

    # What families and staff read: a core purpose's words in the reader's
    # language while the manager has not changed them (the portal translates
    # its own words, not the manager's); changed words as the manager wrote
    # them. The manager's own pages show and edit the stored words.
    @property
    def shown_name(self):
        return self._shown("name")

    @property
    def shown_explanation(self):
        return self._shown("explanation")

    @property
    def shown_flag(self):
        return self._shown("staff_flag")

    def _shown(self, field):
        words = getattr(self, field)
        if words and CORE_WORDING.get(self.code, {}).get(field) == words:
            return gettext(words)
        return words

    def expiry_from(self, day):
        if not self.renewal_months:
            return None
        return add_months(day, self.renewal_months)


class Method(models.TextChoices):
    ONLINE = "online", _("Online, by the parent or carer")
    PAPER = "paper", _("On a paper form")
    IN_PERSON = "in_person", _("In person, spoken to staff")


class Decision(models.TextChoices):
    GIVEN = "given", _("Given")
    REFUSED = "refused", _("Not given")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ConsentEventQuerySet(AppendOnlyQuerySet):
    def latest_of_each(self):
        """Of these decisions, each that is the latest of its person for its
        child and purpose: those with no later one in the ledger (an
        anti-join on the ledger's index, rather than grouping the whole
        ledger to find each latest)."""
        later = ConsentEvent.objects.filter(
            child=OuterRef("child"),
            consent_type=OuterRef("consent_type"),
            decided_by=OuterRef("decided_by"),
            pk__gt=OuterRef("pk"),
        )
        return self.filter(~Exists(later))

    def states_for(self, children, consent_types=None, on=None):
        """{(child_id, consent_type_id): ConsentState} for many children in
        at most three queries (see consents.services.consent_states)."""
        from consents.services import consent_states

        return consent_states(children=children, consent_types=consent_types, on=on)


class ConsentEvent(AppendOnlyModel):
    """One decision in the ledger. The current state of a consent is derived
    from the latest rows, never stored or edited."""

    child = models.ForeignKey(
        Child, verbose_name=_("child"), on_delete=models.PROTECT, related_name="consent_events"
    )
    consent_type = models.ForeignKey(
        ConsentType, verbose_name=_("purpose"), on_delete=models.PROTECT, related_name="events"
    )
    # Position in this child's ledger for this purpose: unique, so two
    # decisions written at once can never both claim to be the latest.
    sequence = models.PositiveIntegerField(editable=False)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        related_name="consent_decisions",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="consent_recordings",
    )
    method = models.CharField(_("how"), max_length=10, choices=Method.choices)
    decided_on = models.DateField(_("date of the decision"))
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    explanation_shown = models.TextField(_("explanation shown"), max_length=20_000)
    confirmed_parental_responsibility = models.BooleanField(default=False)
    expires_on = models.DateField(_("expires"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = ConsentEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent decision")
        verbose_name_plural = _("consent decisions")
        ordering = ["-recorded_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "consent_type", "sequence"], name="consent_ledger_sequence"
            ),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(decision="given"),
                name="only_given_consent_expires",
            ),
        ]
        indexes = [models.Index(fields=["child", "consent_type", "decided_by"])]

    def __str__(self):
        return f"{self.consent_type} for {self.child}: {self.get_decision_display()}"

    def is_expired(self, on=None):
        return self.expires_on is not None and self.expires_on < (on or timezone.localdate())


@dataclass(frozen=True, slots=True)
class DecisionFacts:
    """What a consent's state is worked out from in one ledger row, read as
    plain values: for the lists that show a state but not who decided (the
    children's marks, the outing list, the room board, consents to renew, a
    parent's home),
    which then build no decision or person objects."""

    FIELDS = ("pk", "child_id", "consent_type_id", "decided_by_id", "decision", "expires_on")

    pk: int
    child_id: int
    consent_type_id: int
    decided_by_id: int | None
    decision: str
    expires_on: date | None

    is_expired = ConsentEvent.is_expired


class State(models.TextChoices):
    GIVEN = "given", _("Given")
    EXPIRING = "expiring", _("Given, renewal due soon")
    PARTLY = "partly", _("Waiting for another parent")
    REFUSED = "refused", _("Not given")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", _("Expired")
    NOT_ASKED = "not_asked", _("Not answered yet")


GIVEN_STATES = {State.GIVEN, State.EXPIRING}


class ConsentState:
    """A child's current consent for one purpose, derived from the ledger.

    `latest` are the latest decisions that count: the single latest row, or
    for a purpose every person with parental responsibility must agree to,
    each such person's latest row."""

    def __init__(self, *, child_id, consent_type, latest, responsible_ids, on):
        self.child_id = child_id
        self.consent_type = consent_type
        self.on = on
        if consent_type.every_parent_must_answer:
            by_person = {e.decided_by_id: e for e in latest}
            self.events = [by_person[p] for p in responsible_ids if p in by_person]
            self.waiting = len(responsible_ids) - len(self.events)
        else:
            self.events = [max(latest, key=lambda e: e.pk)] if latest else []
            self.waiting = 0 if latest else 1
        self.latest = max(self.events, key=lambda e: e.pk) if self.events else None
        self.state = self._derive()

    def _derive(self):
        if not self.events:
            return State.NOT_ASKED
        decisions = {e.decision for e in self.events}
        if Decision.WITHDRAWN in decisions:
            return State.WITHDRAWN
        if Decision.REFUSED in decisions:
            return State.REFUSED
        if any(e.is_expired(self.on) for e in self.events):
            return State.EXPIRED
        if self.waiting:
            return State.PARTLY
        expiry = self.expires_on
        if expiry and expiry <= self.on + timedelta(days=EXPIRY_WARNING_DAYS):
            return State.EXPIRING
        return State.GIVEN

    @property
    def expires_on(self):
        dates = [e.expires_on for e in self.events if e.expires_on]
        return min(dates) if dates else None

    @property
    def is_given(self):
        return self.state in GIVEN_STATES

    @property
    def needs_answer(self):
        """The family should answer or renew (not for a refusal or withdrawal:
        those are answers, and asking again would be pressure)."""
        return self.state in {State.NOT_ASKED, State.EXPIRED, State.EXPIRING, State.PARTLY}

    def get_state_display(self):
        return State(self.state).label

    @property
    def badge(self):
        return {
            State.GIVEN: "text-bg-success",
            State.EXPIRING: "text-bg-warning",
            State.PARTLY: "text-bg-warning",
            State.EXPIRED: "text-bg-danger",
            State.REFUSED: "text-bg-danger",
            State.WITHDRAWN: "text-bg-danger",
        }.get(self.state, "text-bg-secondary")


class MedicationPermissionQuerySet(AppendOnlyQuerySet):
    def active_on(self, day):
        """Permissions covering `day` and not stopped on or before it."""
        return self.filter(starts_on__lte=day, ends_on__gte=day).exclude(
            stop__stopped_at__date__lte=day
        )


class DoseUnit(models.TextChoices):
    ML = "ml", _("ml")
    MG = "mg", _("mg")
    TABLET = "tablet", _("tablet(s)")
    PUFF = "puff", _("puff(s)")
    DROP = "drop", _("drop(s)")
    SACHET = "sachet", _("sachet(s)")
    APPLICATION = "application", _("application(s)")


class MedicationPermission(AppendOnlyModel):
    """A parent's written permission for staff to give one medicine."""

    child = models.ForeignKey(
        Child,
        verbose_name=_("child"),
        on_delete=models.PROTECT,
        related_name="medication_permissions",
    )
    medicine = models.CharField(_("name of the medicine"), max_length=120)
    prescribed = models.BooleanField(_("prescribed by a doctor or nurse"), default=False)
    prescriber = models.CharField(
        _("prescribed by"), max_length=120, blank=True, help_text=_("For example Dr A. Shah.")
    )
    dose_amount = models.DecimalField(
        _("dose"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("A number, for example 5 or 2.5."),
    )
    dose_unit = models.CharField(_("unit"), max_length=12, choices=DoseUnit.choices)
    timing = models.CharField(
        _("when it may be given"),
        max_length=200,
        help_text=_("For example: at 12 noon with lunch, or if temperature is above 38°C."),
    )
    min_interval_hours = models.DecimalField(
        _("at least this many hours between doses"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.5"))],
    )
    max_doses_per_day = models.PositiveSmallIntegerField(
        _("no more than this many doses in a day"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    storage = models.CharField(
        _("how it must be stored"), max_length=200, help_text=_("For example: in the fridge.")
    )
    declaration = models.BooleanField(default=False)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("permission given by"),
        on_delete=models.PROTECT,
        related_name="medication_permissions_given",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    method = models.CharField(_("how"), max_length=10, choices=Method.choices)
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)

    objects = MedicationPermissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("medication permission")
        verbose_name_plural = _("medication permissions")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="medication_ends_after_start",
            ),
            models.CheckConstraint(condition=Q(declaration=True), name="medication_declared"),
        ]

    def __str__(self):
        return f"{self.medicine} for {self.child}"

    def get_absolute_url(self):
        return reverse("consents:medication", kwargs={"pk": self.child_id})

    @property
    def dose_display(self):
        return f"{self.dose_amount.normalize():f} {self.get_dose_unit_display()}"

    @property
    def stopped(self):
        """The stop of this permission, or None."""
        try:
            return self.stop
        except MedicationStop.DoesNotExist:
            return None

    def is_active(self, on=None):
        on = on or timezone.localdate()
        stopped = self.stopped
        if stopped is not None and timezone.localtime(stopped.stopped_at).date() <= on:
            return False
        return self.starts_on <= on <= self.ends_on

    def refusal_for(self, *, given_at, amount, earlier_doses):
        """Why a dose would fall outside this permission (a dict of field →
        message), or an empty dict when it may be given."""
        errors = {}
        day = timezone.localtime(given_at).date()
        stopped = self.stopped
        if stopped is not None and given_at >= stopped.stopped_at:
            errors["given_at"] = _(
                "The permission for %(medicine)s was stopped at %(time)s. It must not be given."
            ) % {
                "medicine": self.medicine,
                "time": moment_in_words(stopped.stopped_at),
            }
        elif not self.starts_on <= day <= self.ends_on:
            errors["given_at"] = _(
                "The permission for %(medicine)s covers %(start)s to %(end)s only."
            ) % {
                "medicine": self.medicine,
                "start": day_in_words(self.starts_on),
                "end": day_in_words(self.ends_on),
            }
        if amount is not None and amount > self.dose_amount:
            errors["amount"] = _("This is more than the permitted dose of %(dose)s.") % {
                "dose": self.dose_display
            }
        if self.min_interval_hours and "given_at" not in errors:
            gap = timedelta(hours=float(self.min_interval_hours))
            for dose in earlier_doses:
                if abs(given_at - dose.given_at) < gap:
                    errors["given_at"] = _(
                        "Too soon: a dose was given at %(time)s and at least %(hours)s hours "
                        "must pass between doses."
                    ) % {
                        "time": moment_in_words(dose.given_at),
                        "hours": f"{self.min_interval_hours.normalize():f}",
                    }
                    break
        if self.max_doses_per_day and "given_at" not in errors:
            same_day = [d for d in earlier_doses if timezone.localtime(d.given_at).date() == day]
            if len(same_day) >= self.max_doses_per_day:
                errors["given_at"] = _(
                    "No more than %(n)s doses may be given in a day, and %(n)s have been given."
                ) % {"n": self.max_doses_per_day}
        return errors


class MedicationStop(AppendOnlyModel):
    """The family (or staff, on their word) stopped a permission early. A
    permission is never edited: stopping it is a row of its own."""

    permission = models.OneToOneField(
        MedicationPermission, on_delete=models.PROTECT, related_name="stop"
    )
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="+")
    stopped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("stopped by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    method = models.CharField(_("how"), max_length=10, choices=Method.choices)
    stopped_at = models.DateTimeField(_("stopped"), default=timezone.now)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("medication stop")
        verbose_name_plural = _("medication stops")

    def __str__(self):
        return f"{self.permission} stopped by {self.stopped_by}"


class MedicationDoseQuerySet(AppendOnlyQuerySet):
    def awaiting_acknowledgement(self, user):
        """The doses still waiting to be seen: for a parent, those no adult
        of their home has acknowledged (another home's acknowledgement
        leaves them waiting); for staff, those some home has not."""
        if user.is_setting_staff:
            return waiting_for_a_home(self, _dose_acknowledgements(), "dose")
        return not_confirmed_by_home_of(self, user, _dose_acknowledgements())

    def with_homes_acknowledged(self, user):
        """Annotate how many homes have acknowledged each dose: for staff,
        of the homes asked; for a parent, their own home only (see
        `families.models.homes.with_homes_confirmed`)."""
        return with_homes_confirmed(self, user, _dose_acknowledgements(), "dose")

    def with_acknowledgements_shown_to(self, user, child):
        """Prefetch `acknowledgements` as `user` may see them, for doses of
        one `child`: staff, every home's; a parent, their own home's only,
        never whether or by whom another home acknowledged."""
        acknowledgements = DoseAcknowledgement.objects.select_related("acknowledged_by")
        if not user.is_setting_staff:
            acknowledgements = acknowledgements.filter(household__in=homes_of(user, child))
        return self.prefetch_related(models.Prefetch("acknowledgements", acknowledgements))


def _dose_acknowledgements():
    return DoseAcknowledgement.objects.filter(dose=models.OuterRef("pk"))


class MedicationDose(AppendOnlyModel):
    """One dose given at the setting, under one written permission."""

    child = models.ForeignKey(
        Child, verbose_name=_("child"), on_delete=models.PROTECT, related_name="medication_doses"
    )
    permission = models.ForeignKey(
        MedicationPermission,
        verbose_name=_("permission"),
        on_delete=models.PROTECT,
        related_name="doses",
    )
    given_at = models.DateTimeField(_("time given"))
    amount = models.DecimalField(_("amount given"), max_digits=6, decimal_places=2)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("given by"),
        on_delete=models.PROTECT,
        related_name="doses_given",
    )
    witnessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("witnessed by"),
        on_delete=models.PROTECT,
        related_name="doses_witnessed",
    )
    note = models.CharField(_("note for the family"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = MedicationDoseQuerySet.as_manager()

    class Meta:
        verbose_name = _("medication dose")
        verbose_name_plural = _("medication doses")
        ordering = ["-given_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(given_by=models.F("witnessed_by")), name="dose_witnessed_by_another"
            ),
        ]

    def __str__(self):
        return f"{self.permission.medicine} for {self.child} at {moment_in_words(self.given_at)}"

    @property
    def amount_display(self):
        return f"{self.amount.normalize():f} {self.permission.get_dose_unit_display()}"

    @property
    def confirmed_by_every_home(self):
        """On a list annotated by `with_homes_acknowledged`: every home
        asked has acknowledged it (for a parent, their own home)."""
        return confirmed_by_every_home(self)

    def clean(self):
        if self.given_by_id and self.given_by_id == self.witnessed_by_id:
            raise ValidationError(
                {"witnessed_by": _("Someone other than the person giving it must witness it.")}
            )


class DoseAcknowledgement(AppendOnlyModel):
    """One home's acknowledgement that it has seen the record of a dose:
    each home of the child acknowledges for itself, and the first adult of
    a home to do so answers for it (see `families.models.homes`)."""

    dose = models.ForeignKey(
        MedicationDose, on_delete=models.PROTECT, related_name="acknowledgements"
    )
    household = models.PositiveSmallIntegerField(_("household"))
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="+")
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acknowledged by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    acknowledged_at = models.DateTimeField(_("acknowledged"), default=timezone.now)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("dose acknowledgement")
        verbose_name_plural = _("dose acknowledgements")
        ordering = ["acknowledged_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["dose", "household"], name="one_dose_acknowledgement_per_household"
            )
        ]

    def __str__(self):
        return f"{self.dose} seen by {self.acknowledged_by}"


class MedicationIncidentQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(child__in=Child.objects.visible_to(user))

    def awaiting_review(self):
        return self.filter(reviewed_at__isnull=True)


class MedicationIncident(models.Model):
    """A medicine given outside the written permission (or with none): the
    dose is still refused as a dose, and the error is kept here instead, for
    the family to be told and the manager to review."""

    child = models.ForeignKey(
        Child,
        verbose_name=_("child"),
        on_delete=models.PROTECT,
        related_name="medication_incidents",
    )
    permission = models.ForeignKey(
        MedicationPermission,
        verbose_name=_("written permission"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="incidents",
    )
    medicine = models.CharField(_("what was given"), max_length=120)
    amount = models.CharField(_("how much"), max_length=60)
    given_at = models.DateTimeField(_("when it was given"))
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("given by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    what_went_wrong = models.TextField(_("what went wrong"), max_length=20_000)
    action_taken = models.TextField(
        _("what was done"),
        max_length=20_000,
        help_text=_("For example: NHS 111 called, child watched closely."),
    )
    parent_told_at = models.DateTimeField(_("when the parent was told"))
    parent_told = models.CharField(
        _("who was told, and how"), max_length=200, help_text=_("For example: mother, by phone.")
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

    objects = MedicationIncidentQuerySet.as_manager()

    class Meta:
        verbose_name = _("medication incident")
        verbose_name_plural = _("medication incidents")
        ordering = ["-given_at", "-pk"]

    def __str__(self):
        return f"Medication incident: {self.medicine} for {self.child}"

    def get_absolute_url(self):
        return reverse("consents:medication", kwargs={"pk": self.child_id})
