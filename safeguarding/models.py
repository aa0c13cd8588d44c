"""The designated safeguarding lead's workspace: concerns recorded by any
member of staff, the DSL's decisions on them, referrals to agencies, and
each child's safeguarding status.

Everything here is restricted. Who reads what is decided once, in the
querysets' `visible_to` and in rules.py: the DSL, the manager and the
child's key person; an allegation about a member of staff only as
`Concern.objects.visible_to` says (never the key person, never the person
it is about).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nursery.links import reverse
from nursery.rules import allegation_reach


def _person(label, related_name="+", null=False):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=label,
        null=null,
        blank=null,
        on_delete=models.PROTECT,
        related_name=related_name,
    )


def _key_children(user):
    from families.models import KeyPersonAssignment

    return KeyPersonAssignment.objects.filter(practitioner=user, ended_on__isnull=True).values(
        "child"
    )


class BodyArea(models.TextChoices):
    HEAD = "head", _("Head or scalp")
    FACE = "face", _("Face")
    EARS = "ears", _("Ears")
    NECK = "neck", _("Neck")
    CHEST = "chest", _("Chest or tummy")
    BACK = "back", _("Back")
    ARMS = "arms", _("Arms")
    HANDS = "hands", _("Hands or wrists")
    BOTTOM = "bottom", _("Bottom")
    GENITALS = "genitals", _("Genital area")
    LEGS = "legs", _("Legs")
    FEET = "feet", _("Feet or ankles")
    OTHER = "other", _("Elsewhere (say where in what you saw)")


class ConcernQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The concerns this person may read in full.

        The DSL and the manager read every concern about a child, the key
        person those about their current key children. An allegation about
        a member of staff is read by the manager and the DSL only; when it
        is about a DSL, by the manager alone; when it is about a manager, by
        the DSL alone; never by the person it is about.
        """
        if not user.is_authenticated or not user.is_setting_staff:
            return self.none()
        children = Q(about_staff__isnull=True)
        if not (user.is_manager or user.is_dsl):
            return self.filter(children, child__in=_key_children(user))
        allegations = Q(about_staff__isnull=False) & allegation_reach(user, about="about_staff")
        return self.filter(children | allegations)

    def waiting(self):
        """Concerns the DSL has not yet decided on."""
        return self.filter(decisions__isnull=True)


class Concern(models.Model):
    """What a member of staff saw or heard that worries them about a child,
    in their own words and the child's. Never edited: a later thought is a
    new concern."""

    child = models.ForeignKey(
        "families.Child",
        verbose_name=_("child"),
        on_delete=models.PROTECT,
        related_name="safeguarding_concerns",
    )
    observed_at = models.DateTimeField(_("when you saw or heard it"))
    what_happened = models.TextField(
        _("what you saw or heard"),
        max_length=20_000,
        help_text=_("Facts only: what, where, who was there. Not what you think it means."),
    )
    child_words = models.TextField(
        _("the child's own words"),
        max_length=20_000,
        blank=True,
        help_text=_(
            "Exactly as the child said them, even if they are unclear. Leave empty if none."
        ),
    )
    body_area = models.CharField(
        _("body area"),
        max_length=12,
        choices=BodyArea.choices,
        blank=True,
        help_text=_("Where on the body, for a mark or injury."),
    )
    action_taken = models.TextField(
        _("what you did"),
        max_length=20_000,
        help_text=_("For example: listened, did not ask leading questions."),
    )
    about_staff = _person(_("allegation about a member of staff"), null=True)
    recorded_by = _person(_("recorded by"), related_name="safeguarding_concerns_recorded")
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now, editable=False)
    opened_at = models.DateTimeField(_("first opened by the safeguarding lead"), null=True)
    opened_by = _person(_("opened by"), null=True)

    objects = ConcernQuerySet.as_manager()

    class Meta:
        verbose_name = _("safeguarding concern")
        verbose_name_plural = _("safeguarding concerns")
        ordering = ["-recorded_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(about_staff__isnull=True) | ~Q(about_staff=models.F("recorded_by")),
                name="concern_allegation_not_about_recorder",
            )
        ]

    def __str__(self):
        # Shown in the audit log: never what the concern says or whom it is about.
        return f"Safeguarding concern {self.pk}"

    def get_absolute_url(self):
        return reverse("safeguarding:concern_detail", kwargs={"pk": self.pk})

    @property
    def is_allegation(self):
        return self.about_staff_id is not None


class Outcome(models.TextChoices):
    NO_FURTHER_ACTION = "nfa", _("No further action")
    MONITOR = "monitor", _("Monitor")
    EARLY_HELP = "early_help", _("Early help")
    SOCIAL_CARE = "social_care", _("Referral to children's social care")
    POLICE = "police", _("Referral to the police")
    LADO = "lado", _("Referral to the local authority designated officer (LADO)")


REFERRAL_OUTCOMES = {Outcome.EARLY_HELP, Outcome.SOCIAL_CARE, Outcome.POLICE, Outcome.LADO}


class Decision(models.Model):
    """The DSL's decision on a concern and why. Only ever appended to: a
    change of mind is a new decision, and the latest is the current one."""

    concern = models.ForeignKey(
        Concern, verbose_name=_("concern"), on_delete=models.PROTECT, related_name="decisions"
    )
    outcome = models.CharField(_("decision"), max_length=12, choices=Outcome.choices)
    reason = models.TextField(_("why"), max_length=20_000)
    decided_by = _person(_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("safeguarding decision")
        verbose_name_plural = _("safeguarding decisions")
        ordering = ["-decided_at", "-pk"]

    def __str__(self):
        return f"Decision {self.pk} on safeguarding concern {self.concern_id}"

    @property
    def is_referral(self):
        return self.outcome in REFERRAL_OUTCOMES


class ReferralQuerySet(models.QuerySet):
    def visible_to(self, user):
        """As the concern it comes from."""
        return self.filter(concern__in=Concern.objects.visible_to(user))

    def awaiting_outcome(self):
        return self.filter(outcome_on__isnull=True)


class Referral(models.Model):
    """A referral made on a concern: to whom, the reference they gave, and
    the outcome when it comes. What was shared is the entry it wrote into
    the information-sharing log (`sharing`), kept there once."""

    concern = models.ForeignKey(
        Concern, verbose_name=_("concern"), on_delete=models.PROTECT, related_name="referrals"
    )
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    contact = models.CharField(
        _("contact at the agency"), max_length=150, help_text=_("Name and role.")
    )
    reference = models.CharField(_("their reference number"), max_length=60, blank=True)
    made_on = models.DateField(_("referred on"))
    sharing = models.OneToOneField(
        "agencies.SharingDecision",
        verbose_name=_("entry in the information-sharing log"),
        on_delete=models.PROTECT,
        related_name="safeguarding_referral",
    )
    made_by = _person(_("referred by"))
    outcome = models.TextField(_("outcome"), max_length=20_000, blank=True)
    outcome_on = models.DateField(_("outcome received on"), null=True, blank=True)
    outcome_recorded_by = _person(_("outcome recorded by"), null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-made_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome_on__isnull=True) | ~Q(outcome=""),
                name="referral_outcome_has_text",
            )
        ]

    def __str__(self):
        return f"Referral {self.pk} on safeguarding concern {self.concern_id}"

    def get_absolute_url(self):
        return reverse("safeguarding:referral_detail", kwargs={"pk": self.pk})


class StatusKind(models.TextChoices):
    CP_PLAN = "cp_plan", _("Child-protection plan")
    CHILD_IN_NEED = "child_in_need", _("Child in need")
    EARLY_HELP = "early_help", _("Early help")
    LOOKED_AFTER = "looked_after", _("Looked after")
    PREVIOUS_CONCERNS = "previous", _("Previous concerns")


class StatusQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The DSL and the manager: every child's; the key person: their key children's."""
        if not user.is_authenticated or not user.is_setting_staff:
            return self.none()
        if user.is_manager or user.is_dsl:
            return self.all()
        return self.filter(child__in=_key_children(user))

    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=on), started_on__lte=on)


class SafeguardingStatus(models.Model):
    """A safeguarding status a child has, from when and until when."""

    child = models.ForeignKey(
        "families.Child",
        verbose_name=_("child"),
        on_delete=models.PROTECT,
        related_name="safeguarding_statuses",
    )
    kind = models.CharField(_("status"), max_length=15, choices=StatusKind.choices)
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)
    notes = models.TextField(_("notes"), max_length=20_000, blank=True)
    recorded_by = _person(_("recorded by"))
    ended_by = _person(_("ended by"), null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = StatusQuerySet.as_manager()

    class Meta:
        verbose_name = _("safeguarding status")
        verbose_name_plural = _("safeguarding statuses")
        ordering = ["child", "-started_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="safeguarding_status_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return f"Safeguarding status {self.pk}"

    def is_current(self, on=None):
        on = on or timezone.localdate()
        return self.started_on <= on and (self.ended_on is None or self.ended_on >= on)
