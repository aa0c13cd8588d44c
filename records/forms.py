from django import forms
from django.utils.translation import gettext_lazy as _

from families.models import Child
from nursery.forms import DateInput, RadioSelect
from nursery.models import User
from nursery.validators import validate_not_future
from records.models import (
    ChildProtectionDecision,
    RequestVia,
    RightsDecision,
    RightsGround,
    RightsKind,
)


class AskForm(forms.Form):
    details = forms.CharField(
        label=_("Anything you would like us to know (optional)"),
        help_text=_("For example: only the records from last year, or only about one child."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RecordRequestForm(forms.Form):
    requester = forms.ModelChoiceField(
        label=_("Who is asking"), queryset=User.objects.filter(is_active=True).order_by("full_name")
    )
    via = forms.ChoiceField(
        label=_("How they asked"),
        choices=[c for c in RequestVia.choices if c[0] != RequestVia.PORTAL],
    )
    received_on = forms.DateField(label=_("Received on"), widget=DateInput())
    identity_checked = forms.CharField(
        label=_("How you checked who they are"),
        help_text=_(
            "For example: known to staff, passport seen, called back on the number we hold."
        ),
        max_length=300,
    )
    details = forms.CharField(
        label=_("What they ask for"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_received_on(self):
        return validate_not_future(self.cleaned_data["received_on"])


class ExtendForm(forms.Form):
    months = forms.TypedChoiceField(
        label=_("How much more time"),
        coerce=int,
        choices=[(1, _("One more month")), (2, _("Two more months"))],
    )
    reason = forms.CharField(
        label=_("Why the request is complex (the requester reads this)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ChildProtectionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Child-protection material in this pack"),
        choices=[c for c in ChildProtectionDecision.choices if c[0]],
        widget=RadioSelect,
    )
    reason = forms.CharField(
        label=_("Why"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class DeliverForm(forms.Form):
    method = forms.CharField(
        label=_("How it was given"),
        help_text=_("For example: in the portal, and printed copy handed over."),
        max_length=200,
        initial=_("In the portal"),
    )


class RetentionForm(forms.Form):
    years = forms.IntegerField(label=_("Years"), min_value=1, max_value=100)
    reason = forms.CharField(
        label=_("Reason for the change"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class HoldForm(forms.Form):
    child = forms.ModelChoiceField(
        label=_("Child"), required=False, queryset=Child.objects.order_by("first_name", "last_name")
    )
    parent = forms.ModelChoiceField(
        label=_("Or a family: a parent or carer"),
        required=False,
        queryset=User.objects.filter(child_links__isnull=False).distinct().order_by("full_name"),
    )
    reason = forms.CharField(
        label=_("Reason (a claim, an investigation)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if bool(data.get("child")) == bool(data.get("parent")):
            raise forms.ValidationError(_("Choose a child or a family, not both."))
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class RightsForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of request"), choices=RightsKind.choices)
    ground = forms.ChoiceField(label=_("Ground"), choices=RightsGround.choices)
    child = forms.ModelChoiceField(
        label=_("Child"), queryset=Child.objects.order_by("first_name", "last_name")
    )
    requester = forms.ModelChoiceField(
        label=_("Who is asking"),
        queryset=User.objects.filter(child_links__isnull=False).distinct().order_by("full_name"),
    )
    received_on = forms.DateField(label=_("Received on"), widget=DateInput())
    details = forms.CharField(
        label=_("What is asked"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class RightsDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(RightsDecision.GRANTED, _("Granted")), (RightsDecision.REFUSED, _("Refused"))],
        widget=RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
