from django import forms
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from families.models import Child, EmergencyContact, ParentLink, PracticalDetails, Room
from nursery.models import User


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%Y-%m-%d")
        super().__init__(**kwargs)


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
    class Meta:
        model = EmergencyContact
        fields = ["name", "relationship", "phone", "can_collect", "priority"]
        widgets = {"phone": forms.TextInput(attrs={"inputmode": "tel"})}


EmergencyContactFormSet = inlineformset_factory(
    Child,
    EmergencyContact,
    form=EmergencyContactForm,
    extra=1,
    min_num=1,
    validate_min=True,
    max_num=6,
    validate_max=True,
    can_delete=True,
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
        value = self.cleaned_data["started_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The change cannot start in the future."))
        return value


class ParentLinkForm(forms.ModelForm):
    """Link a parent/carer to a child: an existing account, or a new one."""

    existing_parent = forms.ModelChoiceField(
        label=_("Existing parent/carer account"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Choose an account, or fill in the name and email below to create one."),
    )
    new_full_name = forms.CharField(label=_("New parent/carer's full name"), required=False)
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


class ParentLinkEditForm(forms.ModelForm):
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
        label=_("Room"), queryset=Room.objects.all(), required=False, empty_label=_("All rooms")
    )
    include_leavers = forms.BooleanField(label=_("Include children who have left"), required=False)
