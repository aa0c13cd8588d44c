from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, ConsentToShare, SendMethod
from families.models import Child
from nursery.forms import DateInput, DateTimeInput, RadioSelect
from nursery.models import User
from nursery.validators import validate_not_future
from safeguarding.models import BodyArea, Outcome, StatusKind


class ConcernForm(forms.Form):
    child = forms.ModelChoiceField(label=_("Which child"), queryset=Child.objects.none())
    observed_at = forms.DateTimeField(label=_("When you saw or heard it"), widget=DateTimeInput())
    what_happened = forms.CharField(
        label=_("What you saw or heard"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Facts only: what, where, who was there. Not what you think it means."),
        max_length=5000,
    )
    child_words = forms.CharField(
        label=_("The child's own words"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Exactly as the child said them, even if unclear. Leave empty if none."),
        max_length=5000,
    )
    body_area = forms.ChoiceField(
        label=_("Body area"),
        required=False,
        choices=[("", _("Not about a mark or injury")), *BodyArea.choices],
        help_text=_("Where on the body, for a mark or injury."),
    )
    action_taken = forms.CharField(
        label=_("What you did"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: listened, reassured the child, did not ask leading questions."),
        max_length=5000,
    )
    about_staff = forms.ModelChoiceField(
        label=_("Is this an allegation about a member of staff? If so, who"),
        required=False,
        queryset=User.objects.none(),
        empty_label=_("No, it is not about a member of staff"),
        help_text=_(
            "The person it is about will never see it. If it is about the safeguarding lead, "
            "only the manager sees it; if about the manager, only the safeguarding lead."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = (
            Child.objects.visible_to(user).current().order_by("first_name", "last_name")
        )
        self.fields["about_staff"].queryset = (
            User.objects.staff().exclude(pk=user.pk).order_by("full_name")
        )

    def clean_observed_at(self):
        value = self.cleaned_data["observed_at"]
        if value and value > timezone.now():
            raise forms.ValidationError(_("This cannot be in the future."))
        return value


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Your decision"), widget=RadioSelect)
    reason = forms.CharField(
        label=_("Why"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )

    def __init__(self, *args, concern, **kwargs):
        super().__init__(*args, **kwargs)
        choices = Outcome.choices
        if not concern.is_allegation:
            choices = [c for c in choices if c[0] != Outcome.LADO]
        self.fields["outcome"].choices = choices


class ReferralForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Referred to"), queryset=Agency.objects.none())
    contact = forms.CharField(
        label=_("Contact at the agency"), max_length=150, help_text=_("Name and role.")
    )
    reference = forms.CharField(
        label=_("Their reference number"),
        max_length=60,
        required=False,
        help_text=_("Add it later with the outcome if they have not given one yet."),
    )
    made_on = forms.DateField(label=_("Referred on"), widget=DateInput())
    method = forms.ChoiceField(label=_("How it was made"), choices=SendMethod.choices)
    information = forms.CharField(
        label=_("What was shared"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=_("This goes into the information-sharing log, once."),
    )
    consent = forms.ChoiceField(
        label=_("Parents' consent"), choices=ConsentToShare.choices, widget=RadioSelect
    )
    reason_without_consent = forms.CharField(
        label=_("Why it was shared without consent"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        help_text=_("Needed when consent was not sought or was refused: to protect the child."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(is_active=True).order_by("name")
        self.fields["made_on"].initial = timezone.localdate()

    def clean_made_on(self):
        return validate_not_future(self.cleaned_data["made_on"])

    def clean(self):
        data = super().clean()
        consent = data.get("consent")
        reason = (data.get("reason_without_consent") or "").strip()
        if consent and consent != ConsentToShare.GIVEN and not reason:
            self.add_error(
                "reason_without_consent",
                _(
                    "Information shared without the parents' consent needs the reason: "
                    "how sharing protects the child."
                ),
            )
        return data


class OutcomeForm(forms.Form):
    outcome = forms.CharField(
        label=_("Outcome"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    outcome_on = forms.DateField(label=_("Received on"), widget=DateInput())
    reference = forms.CharField(label=_("Their reference number"), max_length=60, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome_on"].initial = timezone.localdate()


class StatusForm(forms.Form):
    kind = forms.ChoiceField(label=_("Status"), choices=StatusKind.choices)
    started_on = forms.DateField(label=_("From"), widget=DateInput())
    ended_on = forms.DateField(
        label=_("Until"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty while it lasts."),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("started_on"), data.get("ended_on")
        if start and end and end < start:
            self.add_error("ended_on", _("The end cannot come before the start."))
        return data


class StatusEndForm(forms.Form):
    ended_on = forms.DateField(label=_("Ended on"), widget=DateInput())
