from django import forms
from django.conf import settings
from django.forms import BaseInlineFormSet
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from nursery.dates import add_months, months_before
from nursery.models import Role, SiteConfig, User
from nursery.validators import parse_id, validate_phone


class RowsFormSet(BaseInlineFormSet):
    """The rows under one record (a child's emergency contacts, a meeting's
    actions): every formset of rows is built on it. A row the page says it
    holds must be one of this record's; an id that is not (changed in the
    page, or the row removed since by someone else) stops the save, rather
    than become a new row."""

    def clean(self):
        super().clean()
        for form in self.initial_forms:
            if form.instance.pk is None:
                raise forms.ValidationError(
                    _(
                        "One of these rows is no longer on this record. Nothing was saved: "
                        "please open the page again."
                    ),
                    code="unknown_row",
                )


class AccountForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("Email address"))
    phone = forms.CharField(
        label=_("Phone number"), max_length=30, required=False, validators=[validate_phone]
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    is_dsl = forms.BooleanField(
        label=_("Designated safeguarding lead"),
        required=False,
        help_text=_("Only for staff. Gives access to restricted safeguarding records."),
    )

    def __init__(self, *args, instance=None, **kwargs):
        self.instance = instance
        super().__init__(*args, **kwargs)

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        others = User.objects.filter(email__iexact=email)
        if self.instance is not None:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("Another account already uses this email address."))
        return email

    def clean(self):
        data = super().clean()
        if data.get("is_dsl") and data.get("role") == Role.PARENT:
            self.add_error("is_dsl", _("Only a member of staff can be the safeguarding lead."))
        return data


class AccountEditForm(AccountForm):
    is_active = forms.BooleanField(
        label=_("Account active"),
        required=False,
        help_text=_("Untick to stop this person logging in. Their records are kept."),
    )

    def __init__(self, *args, instance, **kwargs):
        super().__init__(*args, instance=instance, **kwargs)
        # The email is the login; changing it is done in the admin, on purpose.
        self.fields["email"].disabled = True


class SiteConfigForm(forms.ModelForm):
    class Meta:
        model = SiteConfig
        fields = [
            "meeting_interval_weeks",
            "review_interval_weeks",
            "details_confirm_months",
        ]

    def _weeks(self, name):
        value = self.cleaned_data[name]
        if not 1 <= value <= 52:
            raise forms.ValidationError(_("Choose between 1 and 52 weeks."))
        return value

    def clean_meeting_interval_weeks(self):
        return self._weeks("meeting_interval_weeks")

    def clean_review_interval_weeks(self):
        return self._weeks("review_interval_weeks")

    def clean_details_confirm_months(self):
        value = self.cleaned_data["details_confirm_months"]
        if not 1 <= value <= 24:
            raise forms.ValidationError(_("Choose between 1 and 24 months."))
        return value


class AuditFilterForm(forms.Form):
    actor = forms.ModelChoiceField(label=_("Person"), queryset=User.objects.all(), required=False)
    child = forms.IntegerField(label=_("Child"), required=False, widget=forms.HiddenInput)


class RecordsChoiceField(forms.ModelMultipleChoiceField):
    """Several records chosen by id. An id no record can have (forty digits,
    '²') is refused like any choice not in the list: Django's own field
    looks every id up in one IN query, which SQLite answers with an
    OverflowError."""

    def _check_values(self, value):
        if not self.to_field_name and isinstance(value, list | tuple):
            for pk in value:
                if parse_id(str(pk)) is None:
                    raise forms.ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": pk},
                    )
        return super()._check_values(value)


class RadioSelect(forms.RadioSelect):
    """Radio buttons for a required answer start with none ticked: the empty
    choice a model's choices bring ("Choose one", ticked) is not offered.
    Where the answer may be left out, its empty choice stays."""

    def optgroups(self, name, value, attrs=None):
        groups = super().optgroups(name, value, attrs)
        if not self.is_required:
            return groups
        return [
            (group, [option for option in options if option["value"] not in ("", None)], index)
            for group, options, index in groups
        ]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%Y-%m-%d")
        super().__init__(**kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%Y-%m-%dT%H:%M")
        super().__init__(**kwargs)


def language_choices(*, browser_choice):
    """Each language named in itself ("Polski", "اردو"), so that a person
    finds their own whatever language the page is in."""
    choices = [(code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES]
    if browser_choice:
        choices.insert(0, ("", _("The language of my browser")))
    return choices


class LanguageForm(forms.Form):
    """The language of the pages: one of the portal's, or (in the account's
    settings) the browser's own."""

    language = forms.ChoiceField(label=_("Language"), required=False)
    next = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)

    def __init__(self, *args, browser_choice=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices(browser_choice=browser_choice)


# A partnership's review (an agency's, a school's): held in the last ten
# years, and the next one due within five years of it (the longest interval
# a partnership may have), so that a mistyped year neither hides the
# partnership from the reviews due nor fills its history with year 1.
REVIEW_OLDEST_YEARS = 10
REVIEW_LONGEST_MONTHS = 60


class ReviewDatesMixin:
    """For a form with `reviewed_on` and `next_review_due`."""

    def clean(self):
        data = super().clean()
        reviewed, following = data.get("reviewed_on"), data.get("next_review_due")
        if reviewed and reviewed < months_before(timezone.localdate(), 12 * REVIEW_OLDEST_YEARS):
            self.add_error(
                "reviewed_on",
                _("A review held more than ten years ago cannot be recorded. Check the year."),
            )
        elif reviewed and following:
            if following <= reviewed:
                self.add_error("next_review_due", _("The next review must come after this one."))
            elif following > add_months(reviewed, REVIEW_LONGEST_MONTHS):
                self.add_error(
                    "next_review_due",
                    _("The next review must be within five years of this one. Check the year."),
                )
        return data
