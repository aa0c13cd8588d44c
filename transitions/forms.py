from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nursery.forms import DateInput, ReviewDatesMixin
from nursery.validators import (
    validate_born_by,
    validate_not_before,
    validate_not_far_ahead,
    validate_not_future,
)
from transitions.models import (
    ChildProtectionHandover,
    Move,
    MoveEvent,
    ParentView,
    PartnershipActivity,
    School,
    SchoolContact,
    SchoolReview,
    Transfer,
    TransferSummary,
)

# A child under five starts school within five years; a later date is a
# year typed wrong.
MOVE_YEARS_AHEAD = 5


class SchoolForm(forms.ModelForm):
    class Meta:
        model = School
        fields = ["name", "address", "phone", "email", "website", "review_interval_months"]
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}

    def clean_review_interval_months(self):
        value = self.cleaned_data["review_interval_months"]
        if not 1 <= value <= 36:
            raise forms.ValidationError(_("Choose between 1 and 36 months."))
        return value


class SchoolEditForm(SchoolForm):
    class Meta(SchoolForm.Meta):
        fields = [*SchoolForm.Meta.fields, "is_active"]


class SchoolContactForm(forms.ModelForm):
    class Meta:
        model = SchoolContact
        fields = ["name", "role", "email", "phone"]


class ActivityForm(forms.ModelForm):
    class Meta:
        model = PartnershipActivity
        fields = ["kind", "happened_on", "description", "outcome"]
        widgets = {
            "happened_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
            "outcome": forms.Textarea(attrs={"rows": 3}),
        }


class ReviewForm(ReviewDatesMixin, forms.ModelForm):
    class Meta:
        model = SchoolReview
        fields = ["reviewed_on", "summary", "actions", "next_review_due"]
        widgets = {
            "reviewed_on": DateInput(),
            "next_review_due": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "actions": forms.Textarea(attrs={"rows": 3}),
        }


class MoveForm(forms.ModelForm):
    class Meta:
        model = Move
        fields = ["school", "starts_on", "class_name", "teacher", "staff_notes"]
        widgets = {"starts_on": DateInput(), "staff_notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        schools = School.objects.filter(is_active=True)
        if self.instance.pk:
            schools = schools | School.objects.filter(pk=self.instance.school_id)
        self.fields["school"].queryset = schools.order_by("name")

    def clean_starts_on(self):
        value = self.cleaned_data["starts_on"]
        changed = self.instance.pk is None or value != self.instance.starts_on
        if not changed:
            # A date already saved stays until it is changed (to a day that
            # has come, should the saved one be past).
            return value
        if value < timezone.localdate():
            raise forms.ValidationError(_("A move to school cannot start in the past."))
        return validate_not_far_ahead(value, MOVE_YEARS_AHEAD)


class EventForm(forms.ModelForm):
    class Meta:
        model = MoveEvent
        fields = ["kind", "planned_on", "who"]
        widgets = {"planned_on": DateInput()}

    def __init__(self, *args, move, **kwargs):
        super().__init__(*args, **kwargs)
        self.move = move

    def clean_planned_on(self):
        value = self.cleaned_data["planned_on"]
        if value > self.move.starts_on:
            raise forms.ValidationError(_("Plan it before the child starts school."))
        return validate_born_by(value, self.move.child.date_of_birth)


class EventOutcomeForm(forms.ModelForm):
    class Meta:
        model = MoveEvent
        fields = ["outcome"]
        widgets = {"outcome": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].required = True

    def clean(self):
        data = super().clean()
        if self.instance.planned_on > timezone.localdate():
            raise forms.ValidationError(_("You can record how it went once it has happened."))
        return data


class ParentViewForm(forms.ModelForm):
    class Meta:
        model = ParentView
        fields = ["views", "school_should_know", "send_to_school", "private"]
        widgets = {
            "views": forms.Textarea(attrs={"rows": 4}),
            "school_should_know": forms.Textarea(attrs={"rows": 4}),
        }


class SummaryForm(forms.ModelForm):
    class Meta:
        model = TransferSummary
        fields = [
            "communication_language",
            "physical",
            "personal_social_emotional",
            "literacy",
            "mathematics",
            "understanding_world",
            "expressive_arts",
            "interests",
            "school_should_know",
        ]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields}

    def clean(self):
        data = super().clean()
        if not any((data.get(name) or "").strip() for name in self.Meta.fields):
            raise forms.ValidationError(_("Write at least one part of the summary."))
        return data


class PrepareForm(forms.Form):
    # Sent by the form's own button: a POST without it (an empty or forged
    # request) prepares no pack.
    prepare = forms.BooleanField(
        widget=forms.HiddenInput,
        initial=True,
        error_messages={"required": _("Use the button on this page to prepare the pack.")},
    )
    sections = forms.MultipleChoiceField(
        label=_("Records to include as well as the summary"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sections"].choices = choices
        self.fields["sections"].initial = [key for key, _label in choices]


class ConsentForm(forms.Form):
    # The pack as the parent was shown it (Transfer.sections_version):
    # consent is to that pack.
    version = forms.CharField(widget=forms.HiddenInput, max_length=64)
    confirm = forms.BooleanField(
        label=_(
            "I have parental responsibility for my child and I agree to these records "
            "going to the school."
        ),
        error_messages={"required": _("Tick the box to give your consent.")},
    )

    @staticmethod
    def initial_for(transfer):
        return {"version": transfer.sections_version}


class SentForm(forms.ModelForm):
    class Meta:
        model = Transfer
        fields = ["sent_on", "sent_method", "sent_to"]
        widgets = {"sent_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.Meta.fields:
            self.fields[name].required = True
        if not self.initial.get("sent_on"):
            self.initial["sent_on"] = timezone.localdate()

    def clean_sent_on(self):
        return validate_not_before(
            validate_not_future(self.cleaned_data["sent_on"]),
            self.instance.prepared_at.date(),
            _("It cannot have been sent before it was prepared."),
        )


class ReceivedForm(forms.Form):
    received_on = forms.DateField(label=_("The school confirmed receipt on"), widget=DateInput())
    received_by = forms.CharField(
        max_length=200, label=_("Confirmed by (name and role at the school)")
    )

    def __init__(self, *args, sent_on, **kwargs):
        super().__init__(*args, **kwargs)
        self.sent_on = sent_on
        self.fields["received_on"].initial = timezone.localdate()

    def clean_received_on(self):
        return validate_not_before(
            validate_not_future(self.cleaned_data["received_on"]),
            self.sent_on,
            _("Receipt cannot come before the sending date."),
        )


class HandoverForm(forms.ModelForm):
    class Meta:
        model = ChildProtectionHandover
        fields = ["school", "sent_on", "method", "sent_to", "notes"]
        widgets = {"sent_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = School.objects.order_by("name")
        self.fields["sent_on"].initial = timezone.localdate()
