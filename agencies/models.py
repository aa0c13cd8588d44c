"""Outside agencies: the directory and its partnership reviews, signposting
families, and the restricted records (the information-sharing log,
third-party information and supervised visits)."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from families.models import ChildScopedQuerySet, RestrictedChildQuerySet, WrittenItemQuerySet
from nursery.dates import day_in_words
from nursery.links import reverse
from nursery.registry import is_subject_access
from nursery.validators import validate_not_future, validate_phone

# A review this close to its due date is listed as "due soon".
DUE_SOON_DAYS = 30


class AgencyKind(models.TextChoices):
    HEALTH_VISITING = "health_visiting", _("Health visiting and health")
    SOCIAL_CARE = "social_care", _("Children's social care")
    SEN = "sen", _("Special educational needs and inclusion")
    SPEECH = "speech", _("Speech and language")
    FAMILY_SUPPORT = "family_support", _("Family support")
    CULTURAL = "cultural", _("Ethnic and cultural organisations")
    DRUG_ALCOHOL = "drug_alcohol", _("Drug and alcohol services")
    WELFARE = "welfare", _("Welfare rights and money advice")
    EARLY_EDUCATION = "early_education", _("Childcare and early education")
    OTHER = "other", _("Other")


class AgencyQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff see every agency; parents see the active ones listed for
        families (the public part of the directory)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_setting_staff:
            return self.all()
        if user.is_parent:
            return self.filter(is_active=True, listed_for_families=True)
        return self.none()

    def review_due(self, *, on=None):
        """Active agencies whose partnership review is overdue, due within
        DUE_SOON_DAYS, or never reviewed."""
        on = on or timezone.localdate()
        return self.filter(is_active=True).filter(
            Q(next_review_due__isnull=True) | Q(next_review_due__lte=on + timedelta(DUE_SOON_DAYS))
        )


class Agency(models.Model):
    name = models.CharField(_("name"), max_length=150, unique=True)
    kind = models.CharField(_("kind of agency"), max_length=20, choices=AgencyKind.choices)
    is_local = models.BooleanField(
        _("local agency"), default=True, help_text=_("Untick for a national organisation.")
    )
    offers = models.TextField(
        _("what they offer"),
        max_length=20_000,
        help_text=_("In plain words: families can read this."),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_phone])
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    address = models.TextField(_("address"), max_length=20_000, blank=True)
    how_to_contact = models.CharField(
        _("how families can get in touch"),
        max_length=300,
        blank=True,
        help_text=_("For example: drop in on Tuesdays, or ask your key person to refer you."),
    )
    listed_for_families = models.BooleanField(
        _("listed for families"),
        default=True,
        help_text=_("Untick for agencies families do not contact themselves."),
    )
    protocol = models.TextField(
        _("protocol for working with them (staff only)"),
        max_length=20_000,
        blank=True,
        help_text=_("For example the child-protection referral route."),
    )
    staff_notes = models.TextField(_("notes (staff only)"), max_length=20_000, blank=True)
    review_interval_months = models.PositiveSmallIntegerField(
        _("review the partnership every (months)"), default=12
    )
    next_review_due = models.DateField(_("next review due"), null=True, blank=True)
    is_active = models.BooleanField(_("still working with them"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("agencies:agency_detail", kwargs={"pk": self.pk})

    def review_status(self, on=None):
        """'overdue', 'due' (within DUE_SOON_DAYS or never reviewed) or ''."""
        on = on or timezone.localdate()
        if self.next_review_due is None:
            return "due"
        if self.next_review_due < on:
            return "overdue"
        if self.next_review_due <= on + timedelta(DUE_SOON_DAYS):
            return "due"
        return ""


class AgencyContact(models.Model):
    """A named person at an agency (staff only)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=120)
    job_title = models.CharField(_("role"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_phone])
    email = models.EmailField(_("email"), blank=True)

    class Meta:
        verbose_name = _("agency contact")
        verbose_name_plural = _("agency contacts")
        ordering = ["agency", "name"]

    def __str__(self):
        return f"{self.name} ({self.job_title})" if self.job_title else self.name


class AgencyReview(models.Model):
    """One review of a partnership by the manager. Only ever appended to."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField(_("reviewed on"), validators=[validate_not_future])
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    agreed = models.TextField(_("what was agreed"), max_length=20_000)
    next_review_due = models.DateField(_("next review due"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("partnership review")
        verbose_name_plural = _("partnership reviews")
        ordering = ["agency", "-reviewed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(next_review_due__gt=models.F("reviewed_on")),
                name="agency_review_next_after_this",
            )
        ]

    def __str__(self):
        return f"Review of {self.agency} on {day_in_words(self.reviewed_on)}"


class SignpostQuerySet(WrittenItemQuerySet):
    """Staff see every signpost; a parent those given to them, or to an adult
    of their household, or (older signposts, given to no one adult) to the
    family of a child they may see."""

    writer_path = "given_to"
    private_path = None

    def visible_to(self, user):
        qs = ChildScopedQuerySet.visible_to(self, user)
        if user.is_authenticated and not user.is_setting_staff:
            qs = qs.filter(Q(given_to__isnull=True) | self.heard_by_condition(user))
        return qs


class Signpost(models.Model):
    """A family pointed to an agency, through one of their children."""

    child = models.ForeignKey(
        "families.Child",
        verbose_name=_("child"),
        on_delete=models.CASCADE,
        related_name="signposts",
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="signposts"
    )
    signposted_on = models.DateField(_("date"), validators=[validate_not_future])
    given_to_family = models.CharField(
        _("what the family was given"),
        max_length=300,
        help_text=_("Families see this, for example: leaflet and the drop-in times."),
    )
    reason = models.TextField(_("why (staff only)"), max_length=20_000)
    given_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("given to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The adult you spoke to. Only they, and adults of their household, see it."),
    )
    signposted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SignpostQuerySet.as_manager()

    class Meta:
        verbose_name = _("signpost")
        verbose_name_plural = _("signposts")
        ordering = ["-signposted_on", "-pk"]

    def __str__(self):
        return f"{self.child} to {self.agency}"


class RestrictedQuerySet(RestrictedChildQuerySet):
    """Restricted records: the DSL and the manager see all; a practitioner
    only those about their current key children; parents nothing."""


class SharingQuerySet(RestrictedQuerySet):
    def visible_to(self, user):
        """As other restricted records; an entry made for an allegation about
        a member of staff (a referral to the LADO, say) only as
        `nursery.rules.allegation_reach` allows: never the key person."""
        from nursery.rules import allegation_reach

        return (
            super()
            .visible_to(user)
            .filter(
                Q(allegation_about__isnull=True) | allegation_reach(user, about="allegation_about")
            )
        )


class ConsentToShare(models.TextChoices):
    GIVEN = "given", _("Consent sought and given")
    REFUSED = "refused", _("Consent sought and refused")
    NOT_SOUGHT = "not_sought", _("Consent not sought")


class SendMethod(models.TextChoices):
    SECURE_EMAIL = "secure_email", _("Secure email")
    PHONE = "phone", _("Phone call")
    MEETING = "meeting", _("In a meeting")
    LETTER = "letter", _("Letter or form by hand")
    PORTAL = "portal", _("The agency's secure portal")


class SharingDecision(models.Model):
    """One decision to share information about a child with an agency, or
    not to. Only ever appended to: a correction is a new decision that
    points at the one it corrects."""

    child = models.ForeignKey(
        "families.Child",
        verbose_name=_("child"),
        on_delete=models.PROTECT,
        related_name="sharing_decisions",
    )
    shared = models.BooleanField(_("information was shared"))
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    agency_contact = models.CharField(
        _("contact at the agency"), max_length=150, help_text=_("Name and role.")
    )
    information = models.TextField(_("what information"), max_length=20_000)
    purpose = models.TextField(_("for what purpose"), max_length=20_000)
    consent = models.CharField(_("parents' consent"), max_length=12, choices=ConsentToShare.choices)
    reason_without_consent = models.TextField(
        _("why it was shared without consent"),
        max_length=20_000,
        blank=True,
        help_text=_("Needed when consent was not sought or was refused: to protect the child."),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decision made by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_on = models.DateField(_("date of the decision"), validators=[validate_not_future])
    method = models.CharField(
        _("how it was sent"), max_length=15, choices=SendMethod.choices, blank=True
    )
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    allegation_about = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("about an allegation concerning"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Set when sharing about an allegation against a member of staff."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SharingQuerySet.as_manager()

    class Meta:
        verbose_name = _("information-sharing decision")
        verbose_name_plural = _("information-sharing log")
        ordering = ["-decided_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(shared=True, consent__in=["refused", "not_sought"])
                | ~Q(reason_without_consent=""),
                name="sharing_without_consent_has_reason",
            )
        ]

    def __str__(self):
        verb = "Shared with" if self.shared else "Not shared with"
        return f"{verb} {self.agency} about {self.child} on {day_in_words(self.decided_on)}"

    def get_absolute_url(self):
        return reverse("agencies:sharing_detail", kwargs={"pk": self.pk})

    @property
    def without_consent(self):
        return self.shared and self.consent != ConsentToShare.GIVEN


class ThirdPartyInformation(models.Model):
    """Information an agency gave the setting about a child. Kept in
    confidence: it goes nowhere without that agency's consent for the
    recipient (see agencies.services.third_party_information_for)."""

    child = models.ForeignKey(
        "families.Child",
        verbose_name=_("child"),
        on_delete=models.PROTECT,
        related_name="third_party_information",
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("from the agency"), on_delete=models.PROTECT, related_name="+"
    )
    given_by = models.CharField(
        _("given by"), max_length=150, help_text=_("Name and role of the person.")
    )
    received_on = models.DateField(_("received on"), validators=[validate_not_future])
    title = models.CharField(_("in short"), max_length=150)
    content = models.TextField(_("the information"), max_length=20_000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("third-party information")
        verbose_name_plural = _("third-party information")
        ordering = ["-received_on", "-pk"]

    def __str__(self):
        return f"{self.title} ({self.agency}, {day_in_words(self.received_on)})"

    def get_absolute_url(self):
        return reverse("agencies:third_party_detail", kwargs={"pk": self.pk})


class OnwardConsentQuerySet(RestrictedChildQuerySet):
    """As the third-party information it is about (restricted)."""

    child_path = "item__child"

    def current(self):
        return self.filter(withdrawn_on__isnull=True)

    def for_recipient(self, recipient):
        """Consents for this exact recipient: "parents" or a model instance.
        One adult's subject-access pack receives what the agency agreed may
        go to the child's parents or carers."""
        if recipient == OnwardConsent.PARENTS or is_subject_access(recipient):
            return self.filter(recipient_kind=OnwardConsent.Kind.PARENTS)
        if isinstance(recipient, str) or getattr(recipient, "pk", None) is None:
            raise ValueError(f"not a recipient: {recipient!r}")
        return self.filter(
            recipient_kind=OnwardConsent.Kind.ORGANISATION,
            recipient_type=ContentType.objects.get_for_model(recipient),
            recipient_id=recipient.pk,
        )


class OnwardConsent(models.Model):
    """An agency's consent for one piece of its information to be passed to
    one recipient: the child's parents, or an organisation of any kind (an
    agency now, a school later) through a generic relation."""

    PARENTS = "parents"

    class Kind(models.TextChoices):
        PARENTS = "parents", _("The child's parents or carers")
        ORGANISATION = "organisation", _("An organisation")

    item = models.ForeignKey(
        ThirdPartyInformation, on_delete=models.CASCADE, related_name="onward_consents"
    )
    recipient_kind = models.CharField(max_length=15, choices=Kind.choices)
    recipient_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recipient_id = models.PositiveBigIntegerField(null=True, blank=True)
    recipient = GenericForeignKey("recipient_type", "recipient_id")
    given_by = models.CharField(_("consent given by"), max_length=150)
    given_on = models.DateField(_("consent given on"), validators=[validate_not_future])
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = OnwardConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent to pass on")
        verbose_name_plural = _("consents to pass on")
        ordering = ["item", "-given_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(recipient_kind="parents", recipient_type__isnull=True)
                | Q(
                    recipient_kind="organisation",
                    recipient_type__isnull=False,
                    recipient_id__isnull=False,
                ),
                name="onward_consent_names_its_recipient",
            ),
            models.UniqueConstraint(
                fields=["item"],
                condition=Q(withdrawn_on__isnull=True, recipient_kind="parents"),
                name="one_current_onward_consent_for_parents",
            ),
            models.UniqueConstraint(
                fields=["item", "recipient_type", "recipient_id"],
                condition=Q(withdrawn_on__isnull=True, recipient_kind="organisation"),
                name="one_current_onward_consent_per_organisation",
            ),
        ]

    def __str__(self):
        return f"Consent to pass {self.item} to {self.recipient_label}"

    @property
    def recipient_label(self):
        if self.recipient_kind == self.Kind.PARENTS:
            return str(self.Kind.PARENTS.label)
        return str(self.recipient) if self.recipient is not None else "?"


class SupervisedVisit(models.Model):
    """A visit to a child in the setting by someone from an agency, with the
    member of staff who supervised it from arrival to departure."""

    child = models.ForeignKey(
        "families.Child",
        verbose_name=_("child"),
        on_delete=models.PROTECT,
        related_name="agency_visits",
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    visitor_name = models.CharField(_("visitor's name"), max_length=150)
    visitor_role = models.CharField(_("visitor's role"), max_length=150)
    identity_checked = models.BooleanField(_("identity checked"))
    identity_evidence = models.CharField(
        _("how identity was checked"),
        max_length=200,
        help_text=_("For example: council ID badge seen, call to the office."),
    )
    purpose = models.TextField(_("purpose of the visit"), max_length=20_000)
    arrived_at = models.DateTimeField(_("arrived"))
    left_at = models.DateTimeField(_("left"))
    supervised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("supervised throughout by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    notes = models.TextField(_("notes of the visit"), max_length=20_000, blank=True)
    # A lapse in supervision is never a reason to lose the record: the visit
    # is kept with the lapse as an incident, for the manager to review.
    supervision_lapsed = models.BooleanField(_("supervision lapsed"), default=False)
    lapse_detail = models.TextField(
        _("what happened while the visitor was not supervised"), max_length=20_000, blank=True
    )
    lapse_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lapse_reviewed_at = models.DateTimeField(null=True, blank=True)
    lapse_review_note = models.TextField(_("manager's review"), max_length=20_000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("supervised visit")
        verbose_name_plural = _("supervised visits")
        ordering = ["-arrived_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_at__gt=models.F("arrived_at")),
                name="visit_leaves_after_arriving",
            ),
            models.CheckConstraint(
                condition=Q(identity_checked=True), name="visit_identity_checked"
            ),
            models.CheckConstraint(
                condition=Q(supervision_lapsed=False) | ~Q(lapse_detail=""),
                name="visit_lapse_described",
            ),
        ]

    def __str__(self):
        return f"Visit by {self.visitor_name} ({self.agency}) to {self.child}"

    def get_absolute_url(self):
        return reverse("agencies:visit_detail", kwargs={"pk": self.pk})
