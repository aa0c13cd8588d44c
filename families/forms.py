from datetime import timedelta

from django import forms
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from families.models import (
    AgreedAction,
    Child,
    ChildProtectionTask,
    EmergencyContact,
    KeyPersonMeeting,
    MeetingRequest,
    ParentLink,
    ParentNotice,
    PracticalDetails,
    ProgressReview,
    Room,
    SettlingInPlan,
    SettlingSession,
    SupportPlan,
    SupportPlanReview,
    SupportTarget,
)
from families.models.partnership import (
    PRIVATE_HELP,
    PRIVATE_LABEL,
    Concern,
    NoticeKind,
    ReviewKind,
)
from families.selectors import homes_using_the_portal, record_reader, two_year_check_state
from nursery.dates import add_months
from nursery.forms import DateInput, RadioSelect, RowsFormSet
from nursery.models import User
from nursery.validators import (
    validate_not_before,
    validate_not_far_ahead,
    validate_not_future,
)


class ChildForm(forms.ModelForm):
    class Meta:
        model = Child
        fields = [
            "first_name",
            "last_name",
            "preferred_name",
            "date_of_birth",
            "room",
            "started_on",
            "leaving_on",
        ]
        widgets = {
            "date_of_birth": DateInput(),
            "started_on": DateInput(),
            "leaving_on": DateInput(),
        }

    def clean(self):
        data = super().clean()
        started, leaving = data.get("started_on"), data.get("leaving_on")
        if started and leaving and leaving < started:
            self.add_error("leaving_on", _("The leaving date must be after the start date."))
        born = data.get("date_of_birth")
        if born and started and started < born:
            self.add_error("started_on", _("The start date cannot be before the child was born."))
        return data


class PracticalDetailsForm(forms.ModelForm):
    class Meta:
        model = PracticalDetails
        fields = [
            "address",
            "postcode",
            "home_phone",
            "gp_name",
            "gp_practice",
            "gp_phone",
            "allergies",
            "dietary_needs",
            "medical_notes",
        ]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
            "postcode": forms.TextInput(attrs={"autocomplete": "postal-code"}),
            "home_phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "gp_phone": forms.TextInput(attrs={"inputmode": "tel"}),
            "allergies": forms.Textarea(attrs={"rows": 2}),
            "dietary_needs": forms.Textarea(attrs={"rows": 2}),
            "medical_notes": forms.Textarea(attrs={"rows": 2}),
        }

    def clean_postcode(self):
        return self.cleaned_data["postcode"].strip().upper()

    def clean_allergies(self):
        value = self.cleaned_data["allergies"].strip()
        if not value:
            raise forms.ValidationError(_("Tell us about any allergies, or write 'none known'."))
        return value


class EmergencyContactForm(forms.ModelForm):
    """A contact; whether they may collect the child is for an adult with
    parental responsibility or staff to say (`may_authorise_collection`):
    for anyone else the box shows what is recorded and is not theirs to
    change (a new contact may not collect)."""

    class Meta:
        model = EmergencyContact
        fields = ["name", "relationship", "phone", "can_collect", "priority"]
        widgets = {"phone": forms.TextInput(attrs={"inputmode": "tel"})}

    def __init__(self, *args, may_authorise_collection=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_authorise_collection:
            field = self.fields["can_collect"]
            field.disabled = True
            field.help_text = _(
                "Only a parent or carer with parental responsibility, or the nursery, "
                "can change this."
            )


EmergencyContactFormSet = inlineformset_factory(
    Child,
    EmergencyContact,
    formset=RowsFormSet,
    form=EmergencyContactForm,
    extra=1,
    min_num=1,
    validate_min=True,
    max_num=6,
    # Build no more rows than that, whatever TOTAL_FORMS says (Django's
    # default builds up to 1,000 more: seconds of work for one post).
    absolute_max=6,
    validate_max=True,
    can_delete=True,
    # A row not yet saved has nothing to remove: it is left empty instead.
    can_delete_extra=False,
)


class KeyPersonForm(forms.Form):
    practitioner = forms.ModelChoiceField(
        label=_("Key person"), queryset=User.objects.none(), empty_label=None
    )
    started_on = forms.DateField(label=_("From"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practitioner"].queryset = User.objects.staff().order_by("full_name")
        self.fields["started_on"].initial = timezone.localdate()

    def clean_started_on(self):
        return validate_not_future(
            self.cleaned_data["started_on"], _("The change cannot start in the future.")
        )


def household_choices(child, *, exclude_link=None):
    """ "A new household", or the household of an adult already linked."""
    links = child.parent_links.select_related("parent").order_by("household", "pk")
    if exclude_link is not None:
        links = links.exclude(pk=exclude_link.pk)
    names = {}
    for link in links:
        names.setdefault(link.household, []).append(link.parent.full_name)
    choices = [
        (str(number), _("The same home as %(names)s") % {"names": ", ".join(people)})
        for number, people in names.items()
    ]
    used = set(names) | ({exclude_link.household} if exclude_link else set())
    new = max(used, default=0) + 1
    if exclude_link is not None and exclude_link.household not in names:
        new = exclude_link.household
    choices.append((str(new), _("A home of their own (a new household)")))
    return choices


class HouseholdFieldMixin:
    """Which household the adult lives in: what they write reaches only the
    other adults of the same household."""

    def add_household_field(self, child, *, link=None):
        choices = household_choices(child, exclude_link=link)
        self.fields["household"] = forms.TypedChoiceField(
            label=_("Which home does this adult live in?"),
            help_text=_(
                "What an adult writes in the portal is seen by the other adults of "
                "the same home only. Adults living apart never see each other's messages."
            ),
            choices=choices,
            coerce=int,
            widget=RadioSelect,
            # Pre-chosen: the adult's own household, or, for a new link, the
            # household of the first adult linked (as before households).
            initial=choices[0][0] if link is None else str(link.household),
            required=False,
            empty_value=None,
        )


class ParentLinkForm(HouseholdFieldMixin, forms.ModelForm):
    """Link a parent/carer to a child: an existing account, or a new one."""

    existing_parent = forms.ModelChoiceField(
        label=_("Existing parent/carer account"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Choose an account, or fill in the name and email below to create one."),
    )
    new_full_name = forms.CharField(
        max_length=150, label=_("New parent/carer's full name"), required=False
    )
    new_email = forms.EmailField(label=_("New parent/carer's email"), required=False)

    class Meta:
        model = ParentLink
        fields = [
            "relationship",
            "has_parental_responsibility",
            "portal_access",
            "restriction_note",
        ]

    def __init__(self, *args, child, **kwargs):
        super().__init__(*args, **kwargs)
        self.child = child
        self.fields["existing_parent"].queryset = (
            User.objects.parents().exclude(child_links__child=child).order_by("full_name")
        )
        self.fields["has_parental_responsibility"].required = False
        self.add_household_field(child)

    def clean(self):
        data = super().clean()
        existing = data.get("existing_parent")
        name, email = data.get("new_full_name"), data.get("new_email")
        if existing and (name or email):
            raise forms.ValidationError(
                _("Choose an existing account or enter a new one, not both.")
            )
        if not existing:
            if not name:
                self.add_error("new_full_name", _("Enter the parent/carer's name."))
            if not email:
                self.add_error("new_email", _("Enter the parent/carer's email."))
            elif User.objects.filter(email__iexact=email).exists():
                self.add_error(
                    "new_email",
                    _("An account with this email exists; choose it from the list instead."),
                )
        return data


class ParentLinkEditForm(HouseholdFieldMixin, forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_household_field(self.instance.child, link=self.instance)

    class Meta:
        model = ParentLink
        fields = [
            "relationship",
            "has_parental_responsibility",
            "portal_access",
            "restriction_note",
        ]

    def clean(self):
        data = super().clean()
        if not data.get("portal_access") and not (data.get("restriction_note") or "").strip():
            self.add_error("restriction_note", _("Say why this person's access is restricted."))
        return data


class RosterFilterForm(forms.Form):
    q = forms.CharField(label=_("Search by name"), required=False, max_length=80)
    room = forms.ModelChoiceField(
        label=_("Room"),
        queryset=Room.objects.all(),
        required=False,
        empty_label=_("All rooms"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    include_leavers = forms.BooleanField(label=_("Include children who have left"), required=False)


# The partnership with parents.


class ShareMixin:
    """Adds "share with the family now" to a staff form, until it is shared."""

    share_label = _("Share with the family now")
    share_help = _(
        "The family sees everything except the staff-only notes. Once shared, it stays shared."
    )

    def add_share_field(self):
        if self.instance.shared_at is None:
            self.fields["share"] = forms.BooleanField(
                label=self.share_label, help_text=self.share_help, required=False
            )

    @property
    def share(self):
        return bool(self.cleaned_data.get("share"))


def _text(rows=3):
    return forms.Textarea(attrs={"rows": rows})


EVERY_HOME = "every"


def home_number(value):
    """A meeting's reader as stored: a home's number, or none for every home."""
    return None if value == EVERY_HOME else int(value)


class MeetingForm(ShareMixin, forms.ModelForm):
    class Meta:
        model = KeyPersonMeeting
        fields = [
            "held_on",
            "method",
            "attendees",
            "discussion",
            "concerns",
            "staff_notes",
            "for_household",
        ]
        widgets = {
            "held_on": DateInput(),
            "discussion": _text(5),
            "concerns": _text(2),
            "staff_notes": _text(3),
        }
        error_messages = {"attendees": {"required": _("Say who attended the meeting.")}}

    def __init__(self, *args, child, **kwargs):
        super().__init__(*args, **kwargs)
        self.child = child
        self.fields["held_on"].initial = timezone.localdate()
        self.add_share_field()
        self.add_household_choice()

    def add_household_choice(self):
        """Where the child's adults live in two homes or more, the key person
        chooses whether the record goes to every home or to one: nothing is
        ticked for a new record, so that no home reads another's matters
        because the question was passed over."""
        homes = homes_using_the_portal(self.child)
        if len(homes) < 2:
            del self.fields["for_household"]
            return
        choices = [(EVERY_HOME, record_reader(None, homes))] + [
            (str(number), record_reader(number, homes)) for number in homes
        ]
        self.fields["for_household"] = forms.TypedChoiceField(
            label=_("Who reads this record?"),
            help_text=_(
                "This child's adults live in different homes. If every home reads it, "
                "leave out one home's private matters (put them in the staff-only notes)."
            ),
            choices=choices,
            coerce=home_number,
            error_messages={"required": _("Choose which home reads this record.")},
            widget=RadioSelect,
        )
        if self.instance.pk is not None:
            home = self.instance.for_household
            self.initial["for_household"] = EVERY_HOME if home is None else str(home)
            if self.instance.is_shared:
                self.fields["for_household"].help_text = _(
                    "This record is already shared. If you give it to another home, "
                    "the adults who read it for the first time are told, and a home "
                    "you take it from no longer sees it."
                )

    def clean_attendees(self):
        value = self.cleaned_data["attendees"].strip()
        if not value:
            raise forms.ValidationError(_("Say who attended the meeting."))
        return value

    def clean_held_on(self):
        return validate_not_before(
            self.cleaned_data["held_on"],
            self.child.date_of_birth,
            _("The meeting cannot be before the child was born."),
        )


class AgreedActionForm(forms.ModelForm):
    class Meta:
        model = AgreedAction
        fields = ["description", "owner", "due_on"]
        widgets = {"due_on": DateInput()}


AgreedActionFormSet = inlineformset_factory(
    KeyPersonMeeting,
    AgreedAction,
    formset=RowsFormSet,
    form=AgreedActionForm,
    extra=2,
    max_num=10,
    # Build no more rows than that, whatever TOTAL_FORMS says (Django's
    # default builds up to 1,000 more: seconds of work for one post).
    absolute_max=10,
    validate_max=True,
    can_delete=True,
    # A row not yet saved has nothing to remove: it is left empty instead.
    can_delete_extra=False,
)


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Your comment"),
        widget=_text(4),
        max_length=4000,
        help_text=_("What you think, anything we missed, or what you would like us to know."),
        error_messages={"required": _("Write your comment before sending it.")},
    )
    private = forms.BooleanField(label=PRIVATE_LABEL, help_text=PRIVATE_HELP, required=False)

    def clean_comment(self):
        value = self.cleaned_data["comment"].strip()
        if not value:
            raise forms.ValidationError(_("Write your comment before sending it."))
        return value


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer"),
        widget=_text(3),
        max_length=4000,
        error_messages={"required": _("Write an answer before sending it.")},
    )

    def clean_answer(self):
        value = self.cleaned_data["answer"].strip()
        if not value:
            raise forms.ValidationError(_("Write an answer before sending it."))
        return value


class MeetingRequestForm(forms.ModelForm):
    class Meta:
        model = MeetingRequest
        fields = ["preferred_time", "about", "private"]
        widgets = {"about": _text(4)}
        error_messages = {"about": {"required": _("Tell us what you would like to talk about.")}}

    def clean_about(self):
        value = self.cleaned_data["about"].strip()
        if not value:
            raise forms.ValidationError(_("Tell us what you would like to talk about."))
        return value


class ProgressReviewForm(ShareMixin, forms.ModelForm):
    class Meta:
        model = ProgressReview
        fields = [
            "kind",
            "reviewed_on",
            "communication",
            "physical",
            "personal_social",
            "strengths",
            "support_needed",
            "concern",
            "concern_detail",
            "setting_will",
            "family_will",
            "staff_notes",
        ]
        widgets = {
            "reviewed_on": DateInput(),
            **{
                f: _text(3)
                for f in (
                    "communication",
                    "physical",
                    "personal_social",
                    "strengths",
                    "support_needed",
                    "concern_detail",
                    "setting_will",
                    "family_will",
                    "staff_notes",
                )
            },
        }

    def __init__(self, *args, child, **kwargs):
        super().__init__(*args, **kwargs)
        self.child = child
        self.fields["reviewed_on"].initial = timezone.localdate()
        self.add_share_field()

    def clean(self):
        data = super().clean()
        day, kind = data.get("reviewed_on"), data.get("kind")
        if day and day < self.child.date_of_birth:
            self.add_error("reviewed_on", _("The review cannot be before the child was born."))
        elif day and day > timezone.localdate():
            pass  # The date's own check says it cannot be in the future.
        elif day and kind == ReviewKind.TWO_YEAR:
            months = self.child.age_in_months(on=day)
            if months >= 36 and self._late_check_allowed():
                pass  # Done late, but done: recorded rather than left overdue for good.
            elif not 24 <= months < 36:
                self.add_error(
                    "reviewed_on",
                    _(
                        "The check at age two is done between 24 and 36 months; "
                        "on this date the child was %(m)d months old."
                    )
                    % {"m": months},
                )
        if (
            data.get("concern") not in (None, Concern.NONE)
            and not (data.get("concern_detail") or "").strip()
        ):
            self.add_error("concern_detail", _("Describe the concern."))
        return data

    def _late_check_allowed(self):
        """A check at age two after the third birthday is recorded where it
        was ours to do and is overdue (or this record is that check)."""
        if self.instance.pk is not None and self.instance.kind == ReviewKind.TWO_YEAR:
            return True
        return two_year_check_state(self.child) == "overdue"


class HealthVisitorShareForm(forms.Form):
    shared_on = forms.DateField(label=_("Date sent to the health visitor"), widget=DateInput())

    def clean_shared_on(self):
        return validate_not_future(self.cleaned_data["shared_on"])


class SupportPlanForm(ShareMixin, forms.ModelForm):
    class Meta:
        model = SupportPlan
        fields = ["title", "started_on", "agreed_with", "needs", "next_review_on", "staff_notes"]
        widgets = {
            "started_on": DateInput(),
            "next_review_on": DateInput(),
            "needs": _text(4),
            "staff_notes": _text(3),
        }

    def __init__(self, *args, child, **kwargs):
        super().__init__(*args, **kwargs)
        self.child = child
        self.add_share_field()

    def clean(self):
        data = super().clean()
        start, review = data.get("started_on"), data.get("next_review_on")
        if start and review and review <= start:
            self.add_error("next_review_on", _("The review must be after the plan was agreed."))
        return data


class SupportTargetForm(forms.ModelForm):
    class Meta:
        model = SupportTarget
        fields = ["target", "setting_tasks", "home_tasks", "by_date"]
        widgets = {"setting_tasks": _text(2), "home_tasks": _text(2), "by_date": DateInput()}


SupportTargetFormSet = inlineformset_factory(
    SupportPlan,
    SupportTarget,
    formset=RowsFormSet,
    form=SupportTargetForm,
    extra=1,
    min_num=1,
    validate_min=True,
    max_num=12,
    # Build no more rows than that, whatever TOTAL_FORMS says (Django's
    # default builds up to 1,000 more: seconds of work for one post).
    absolute_max=12,
    validate_max=True,
    can_delete=True,
    # A row not yet saved has nothing to remove: it is left empty instead.
    can_delete_extra=False,
)


class SupportPlanReviewForm(forms.ModelForm):
    class Meta:
        model = SupportPlanReview
        fields = ["reviewed_on", "progress", "parent_contribution", "next_review_on"]
        widgets = {
            "reviewed_on": DateInput(),
            "next_review_on": DateInput(),
            "progress": _text(4),
            "parent_contribution": _text(3),
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["reviewed_on"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        day, following = data.get("reviewed_on"), data.get("next_review_on")
        if day and day < self.plan.started_on:
            self.add_error("reviewed_on", _("The review cannot be before the plan was agreed."))
        if day and following and following <= day:
            self.add_error("next_review_on", _("The next review must be after this one."))
        return data


class SettlingInPlanForm(ShareMixin, forms.ModelForm):
    class Meta:
        model = SettlingInPlan
        fields = ["agreed_on", "arrangements", "staff_notes"]
        widgets = {"agreed_on": DateInput(), "arrangements": _text(4), "staff_notes": _text(2)}

    def __init__(self, *args, child, **kwargs):
        super().__init__(*args, **kwargs)
        self.child = child
        self.add_share_field()

    def clean_agreed_on(self):
        return validate_not_future(self.cleaned_data["agreed_on"])


class SettlingSessionForm(forms.ModelForm):
    class Meta:
        model = SettlingSession
        fields = ["on", "starts_at", "length_minutes", "who_stays", "how_it_went"]
        widgets = {
            "on": DateInput(),
            "starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "how_it_went": _text(2),
        }

    def clean_length_minutes(self):
        value = self.cleaned_data["length_minutes"]
        if not 10 <= value <= 600:
            raise forms.ValidationError(_("A session lasts between 10 and 600 minutes."))
        return value

    def clean(self):
        data = super().clean()
        day = data.get("on")
        if day and day > timezone.localdate() and (data.get("how_it_went") or "").strip():
            self.add_error("how_it_went", _("Say how it went once the session has happened."))
        return data


SettlingSessionFormSet = inlineformset_factory(
    SettlingInPlan,
    SettlingSession,
    formset=RowsFormSet,
    form=SettlingSessionForm,
    extra=2,
    min_num=1,
    validate_min=True,
    max_num=15,
    # Build no more rows than that, whatever TOTAL_FORMS says (Django's
    # default builds up to 1,000 more: seconds of work for one post).
    absolute_max=15,
    validate_max=True,
    can_delete=True,
    # A row not yet saved has nothing to remove: it is left empty instead.
    can_delete_extra=False,
)

ABSENCE_LOOKBACK_DAYS = 14
# A year, a leap year's included: counted in days, so that no date a person
# can type (31 December 9999) is worked out beyond the calendar.
ABSENCE_LONGEST_DAYS = 366


class ParentNoticeForm(forms.ModelForm):
    class Meta:
        model = ParentNotice
        fields = ["kind", "starts_on", "ends_on", "message", "private"]
        widgets = {
            "kind": RadioSelect,
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "message": _text(4),
        }
        help_texts = {
            "starts_on": _("Only for an absence."),
            "ends_on": _("Only for an absence. The same as the first day if just one day."),
            "message": _("For an absence, tell us why (for example: poorly, holiday)."),
        }
        error_messages = {"message": {"required": _("Write your message.")}}

    def clean_message(self):
        value = self.cleaned_data["message"].strip()
        if not value:
            raise forms.ValidationError(_("Write your message."))
        return value

    def clean(self):
        data = super().clean()
        if data.get("kind") == NoticeKind.ABSENCE:
            start, end = data.get("starts_on"), data.get("ends_on")
            if start is None and "starts_on" not in self.errors:
                self.add_error("starts_on", _("Tell us the first day your child will be away."))
            if start and end is None and "ends_on" not in self.errors:
                data["ends_on"] = end = start
            if start and end and end < start:
                self.add_error("ends_on", _("The last day must be on or after the first day."))
            if start and end and (end - start).days > ABSENCE_LONGEST_DAYS:
                self.add_error(
                    "ends_on",
                    _(
                        "An absence can be reported for up to a year. For a longer "
                        "one, please speak to the manager."
                    ),
                )
            if start and start > add_months(timezone.localdate(), 12):
                self.add_error("starts_on", _("Absences can be reported up to a year ahead."))
            earliest = timezone.localdate() - timedelta(days=ABSENCE_LOOKBACK_DAYS)
            if start and start < earliest:
                self.add_error(
                    "starts_on",
                    _("Absences can be reported up to %(n)d days back.")
                    % {"n": ABSENCE_LOOKBACK_DAYS},
                )
        else:
            data["starts_on"] = data["ends_on"] = None
        return data


class ChildProtectionTaskForm(forms.ModelForm):
    class Meta:
        model = ChildProtectionTask
        fields = ["task", "responsible", "due_on", "status", "notes"]
        widgets = {"task": _text(3), "due_on": DateInput(), "notes": _text(4)}

    def clean_task(self):
        value = self.cleaned_data["task"].strip()
        if not value:
            raise forms.ValidationError(_("Describe the task."))
        return value

    def clean_due_on(self):
        # A plan's tasks fall due within months: years ahead is a year typed wrong.
        return validate_not_far_ahead(self.cleaned_data["due_on"], 2)
