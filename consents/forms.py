from datetime import timedelta
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consents.models import (
    ConsentType,
    Decision,
    MedicationIncident,
    MedicationPermission,
    Method,
)
from families.models import Room
from nursery.forms import DateInput, DateTimeInput, RadioSelect
from nursery.models import User
from nursery.validators import validate_not_future

NUMBER_MESSAGE = _("Enter a number, for example 5 or 2.5.")


class ConsentTypeForm(forms.ModelForm):
    class Meta:
        model = ConsentType
        fields = [
            "code",
            "name",
            "explanation",
            "renewal_months",
            "every_parent_must_answer",
            "staff_flag",
            "is_active",
            "order",
        ]
        widgets = {"explanation": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Other parts of the portal look purposes up by their code.
            self.fields["code"].disabled = True
            self.fields["code"].help_text = _("The code cannot be changed.")


class ParentDecisionForm(forms.Form):
    """A parent/carer answers for one purpose: give or not give."""

    decision = forms.ChoiceField(
        label=_("Your answer"),
        choices=[
            (Decision.GIVEN, _("Yes, I give my consent")),
            (Decision.REFUSED, _("No, I do not give my consent")),
        ],
        widget=RadioSelect,
        error_messages={"required": _("Choose yes or no.")},
    )
    confirm = forms.BooleanField(
        label=_("I confirm that I have parental responsibility for this child."),
        error_messages={"required": _("Please confirm that you have parental responsibility.")},
    )


class StaffDecisionForm(forms.Form):
    """Staff record a decision given on paper or in person."""

    decided_by = forms.ModelChoiceField(
        label=_("Who decided"),
        queryset=User.objects.none(),
        help_text=_("Only people with parental responsibility are listed."),
    )
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices)
    method = forms.ChoiceField(
        label=_("How it was given"),
        choices=[(Method.PAPER, Method.PAPER.label), (Method.IN_PERSON, Method.IN_PERSON.label)],
    )
    decided_on = forms.DateField(label=_("Date of the decision"), widget=DateInput())
    note = forms.CharField(label=_("Note (the family sees it)"), max_length=300, required=False)

    def __init__(self, *args, child, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decided_by"].queryset = User.objects.filter(
            child_links__child=child, child_links__has_parental_responsibility=True
        ).order_by("full_name")
        self.fields["decided_on"].initial = timezone.localdate()

    def clean_decided_on(self):
        value = validate_not_future(self.cleaned_data["decided_on"])
        today = timezone.localdate()
        if value < today - timedelta(days=92):
            raise forms.ValidationError(
                _("Record a decision within three months; ask the family to decide again.")
            )
        return value


class MedicationPermissionForm(forms.ModelForm):
    """A parent's written permission for one medicine (or staff copying a paper one)."""

    declaration = forms.BooleanField(
        label=_(
            "I give permission for staff to give my child this medicine as written above. "
            "I have parental responsibility, the information is correct, and I will tell "
            "the nursery of any change."
        ),
        error_messages={"required": _("Please tick the declaration to give permission.")},
    )

    class Meta:
        model = MedicationPermission
        fields = [
            "medicine",
            "prescribed",
            "prescriber",
            "dose_amount",
            "dose_unit",
            "timing",
            "min_interval_hours",
            "max_doses_per_day",
            "starts_on",
            "ends_on",
            "storage",
            "declaration",
        ]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "dose_amount": forms.TextInput(attrs={"inputmode": "decimal"}),
            "min_interval_hours": forms.TextInput(attrs={"inputmode": "decimal"}),
        }
        error_messages = {
            "dose_amount": {"invalid": NUMBER_MESSAGE},
            "min_interval_hours": {"invalid": NUMBER_MESSAGE},
            "max_doses_per_day": {"invalid": _("Enter a whole number, for example 2.")},
        }

    def __init__(self, *args, child, staff=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.staff = staff
        today = timezone.localdate()
        self.fields["starts_on"].initial = today
        self.fields["ends_on"].initial = today + timedelta(days=7)
        if staff:
            self.fields["given_by"] = forms.ModelChoiceField(
                label=_("Permission given by"),
                queryset=User.objects.filter(
                    child_links__child=child, child_links__has_parental_responsibility=True
                ).order_by("full_name"),
                help_text=_("Only people with parental responsibility are listed."),
            )
            self.fields["method"] = forms.ChoiceField(
                label=_("How it was given"),
                choices=[(Method.PAPER, Method.PAPER.label)],
                initial=Method.PAPER,
            )
            self.fields["declaration"].label = _(
                "The parent or carer signed the declaration on the paper form."
            )

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end date must be on or after the start date."))
        elif ends and ends < today:
            self.add_error("ends_on", _("The end date has already passed."))
        if starts and starts < today - timedelta(days=(7 if self.staff else 0)):
            self.add_error(
                "starts_on",
                _("The start date cannot be in the past.")
                if not self.staff
                else _("The start date cannot be more than a week ago."),
            )
        if starts and (starts - today).days > 366:
            self.add_error("starts_on", _("The start date must be within the next year."))
        if starts and ends and (ends - starts).days > 366:
            self.add_error("ends_on", _("A permission lasts a year at most; renew it after."))
        if data.get("prescribed") and not (data.get("prescriber") or "").strip():
            self.add_error("prescriber", _("Say who prescribed it."))
        return data


class DoseForm(forms.Form):
    medicine = forms.CharField(
        label=_("Medicine (as written on the label)"),
        max_length=120,
        help_text=_("It must match a written permission for this child."),
    )
    given_at = forms.DateTimeField(
        label=_("Time given"),
        widget=DateTimeInput(),
        error_messages={"invalid": _("Enter the date and time, for example 23/11/2026 12:30.")},
    )
    amount = forms.DecimalField(
        label=_("Amount given"),
        max_digits=6,
        decimal_places=2,
        min_value=Decimal("0.01"),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        error_messages={"invalid": NUMBER_MESSAGE},
        help_text=_("A number, in the unit written on the permission."),
    )
    given_by = forms.ModelChoiceField(label=_("Given by"), queryset=User.objects.none())
    witnessed_by = forms.ModelChoiceField(label=_("Witnessed by"), queryset=User.objects.none())
    note = forms.CharField(label=_("Note for the family"), max_length=300, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        staff = User.objects.staff().order_by("full_name")
        self.fields["given_by"].queryset = staff
        self.fields["witnessed_by"].queryset = staff
        self.fields["given_by"].initial = user.pk
        self.fields["given_at"].initial = timezone.localtime().replace(second=0, microsecond=0)

    def clean_given_at(self):
        value = self.cleaned_data["given_at"]
        if value > timezone.now() + timedelta(minutes=5):
            raise forms.ValidationError(_("The time cannot be in the future."))
        if value < timezone.now() - timedelta(days=7):
            raise forms.ValidationError(
                _("Record a dose within a week; speak to the manager about older records.")
            )
        return value

    def clean(self):
        data = super().clean()
        if data.get("given_by") and data.get("given_by") == data.get("witnessed_by"):
            self.add_error(
                "witnessed_by", _("Someone other than the person giving it must witness it.")
            )
        return data


class MedicationIncidentForm(forms.ModelForm):
    """A medicine given outside the permission: what, when, who; the parent told."""

    class Meta:
        model = MedicationIncident
        fields = [
            "medicine",
            "amount",
            "given_at",
            "given_by",
            "what_went_wrong",
            "action_taken",
            "parent_told_at",
            "parent_told",
        ]
        widgets = {
            "given_at": DateTimeInput(),
            "parent_told_at": DateTimeInput(),
            "what_went_wrong": forms.Textarea(attrs={"rows": 3}),
            "action_taken": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["given_by"].queryset = User.objects.staff().order_by("full_name")
        self.fields["given_by"].initial = user.pk
        # No time is filled in for them: the record says when the family was
        # really told, or tried, never the moment the form was opened.
        self.fields["parent_told_at"].label = _("When the family was told, or you tried")
        self.fields["parent_told"].help_text = _(
            "For example: mother, by phone. If you could not reach anyone, say whom you "
            "tried and how, and try again: the manager sees it when reviewing."
        )

    def clean(self):
        data = super().clean()
        now = timezone.now() + timedelta(minutes=5)
        for name in ("given_at", "parent_told_at"):
            if data.get(name) and data[name] > now:
                self.add_error(name, _("The time cannot be in the future."))
        if (
            data.get("given_at")
            and data.get("parent_told_at")
            and data["parent_told_at"] < data["given_at"]
        ):
            self.add_error("parent_told_at", _("The parent was told after it was given."))
        return data


class OutingForm(forms.Form):
    room = forms.ModelChoiceField(
        label=_("Room"),
        queryset=Room.objects.all(),
        required=False,
        empty_label=_("All rooms"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    day = forms.DateField(
        label=_("Date of the outing"),
        widget=DateInput(attrs={"class": "form-control"}),
        required=False,
    )

    def clean_day(self):
        value = self.cleaned_data["day"]
        if value and abs((value - timezone.localdate()).days) > 366:
            raise forms.ValidationError(_("Choose a date within a year of today."))
        return value
