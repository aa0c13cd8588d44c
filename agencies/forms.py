from django import forms
from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import (
    Agency,
    AgencyContact,
    AgencyKind,
    AgencyReview,
    ConsentToShare,
    OnwardConsent,
    SharingDecision,
    Signpost,
    SupervisedVisit,
    ThirdPartyInformation,
)
from nursery.dates import add_months
from nursery.forms import (
    REVIEW_LONGEST_MONTHS,
    DateInput,
    DateTimeInput,
    RadioSelect,
    ReviewDatesMixin,
)
from nursery.models import User
from nursery.validators import parse_id, validate_born_by, validate_not_future


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=80)
    kind = forms.ChoiceField(
        label=_("Kind of support"),
        required=False,
        choices=[("", _("All kinds")), *AgencyKind.choices],
    )


class AgencyForm(forms.ModelForm):
    class Meta:
        model = Agency
        fields = [
            "name",
            "kind",
            "is_local",
            "offers",
            "phone",
            "email",
            "website",
            "address",
            "how_to_contact",
            "listed_for_families",
            "protocol",
            "staff_notes",
            "review_interval_months",
            "next_review_due",
            "is_active",
        ]
        widgets = {
            "offers": forms.Textarea(attrs={"rows": 3}),
            "address": forms.Textarea(attrs={"rows": 2}),
            "protocol": forms.Textarea(attrs={"rows": 4}),
            "staff_notes": forms.Textarea(attrs={"rows": 3}),
            "next_review_due": DateInput(),
        }

    def clean_review_interval_months(self):
        value = self.cleaned_data["review_interval_months"]
        if not 1 <= value <= REVIEW_LONGEST_MONTHS:
            raise forms.ValidationError(_("Choose between 1 and 60 months."))
        return value


class AgencyContactForm(forms.ModelForm):
    class Meta:
        model = AgencyContact
        fields = ["name", "job_title", "phone", "email"]


class AgencyReviewForm(ReviewDatesMixin, forms.ModelForm):
    class Meta:
        model = AgencyReview
        fields = ["reviewed_on", "agreed", "next_review_due"]
        widgets = {
            "reviewed_on": DateInput(),
            "next_review_due": DateInput(),
            "agreed": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["reviewed_on"].initial = today
        self.fields["next_review_due"].initial = add_months(today, agency.review_interval_months)


class SignpostForm(forms.ModelForm):
    class Meta:
        model = Signpost
        fields = ["agency", "signposted_on", "given_to", "given_to_family", "reason"]
        widgets = {"signposted_on": DateInput(), "reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, child, **kwargs):
        super().__init__(*args, **kwargs)
        # The adults who may see the child; the signpost reaches the chosen
        # adult's household only.
        self.fields["given_to"].queryset = User.objects.filter(
            child_links__child=child, child_links__portal_access=True
        ).order_by("full_name")
        self.fields["given_to"].required = True
        self.fields["given_to"].empty_label = None
        self.fields["agency"].queryset = Agency.objects.filter(
            is_active=True, listed_for_families=True
        )
        self.fields["signposted_on"].initial = timezone.localdate()

    def clean_signposted_on(self):
        return validate_not_future(self.cleaned_data["signposted_on"])


class SharingDecisionForm(forms.ModelForm):
    shared = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("yes", _("Share the information")), ("no", _("Do not share it"))],
        coerce=lambda v: v == "yes",
        widget=RadioSelect,
    )

    class Meta:
        model = SharingDecision
        fields = [
            "shared",
            "agency",
            "agency_contact",
            "information",
            "purpose",
            "consent",
            "reason_without_consent",
            "decided_by",
            "decided_on",
            "method",
        ]
        widgets = {
            "information": forms.Textarea(attrs={"rows": 3}),
            "purpose": forms.Textarea(attrs={"rows": 2}),
            "reason_without_consent": forms.Textarea(attrs={"rows": 3}),
            "decided_on": DateInput(),
            "consent": RadioSelect,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(is_active=True)
        self.fields["decided_by"].queryset = User.objects.staff().order_by("full_name")
        self.fields["decided_by"].initial = user.pk
        self.fields["decided_on"].initial = timezone.localdate()
        self.fields["consent"].choices = ConsentToShare.choices
        self.fields["method"].help_text = _("Leave empty when nothing was shared.")

    def clean_decided_on(self):
        return validate_not_future(self.cleaned_data["decided_on"])

    def clean(self):
        data = super().clean()
        shared, consent = data.get("shared"), data.get("consent")
        reason = (data.get("reason_without_consent") or "").strip()
        if shared and consent and consent != ConsentToShare.GIVEN and not reason:
            self.add_error(
                "reason_without_consent",
                _(
                    "Information shared without the parents' consent needs the reason: "
                    "how sharing protects the child."
                ),
            )
        if shared and not data.get("method"):
            self.add_error("method", _("Say how the information was sent."))
        if shared is False and data.get("method"):
            self.add_error("method", _("Nothing was shared, so leave this empty."))
        return data


class ThirdPartyInformationForm(forms.ModelForm):
    class Meta:
        model = ThirdPartyInformation
        fields = ["agency", "given_by", "received_on", "title", "content"]
        widgets = {"received_on": DateInput(), "content": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, child, **kwargs):
        super().__init__(*args, **kwargs)
        self.child = child
        self.fields["received_on"].initial = timezone.localdate()

    def clean_received_on(self):
        return validate_born_by(
            validate_not_future(self.cleaned_data["received_on"]), self.child.date_of_birth
        )


def recipient_choices():
    """The child's parents, every active agency, and (once the transitions
    app has them) every school: ("parents" | "<app>.<model>:<pk>", label)."""
    choices = [(OnwardConsent.PARENTS, OnwardConsent.Kind.PARENTS.label)]
    sources = [("agencies.agency", Agency.objects.filter(is_active=True), _("Agency"))]
    try:
        school = apps.get_model("transitions", "School")
    except LookupError:
        school = None
    if school is not None:
        sources.append(("transitions.school", school.objects.all(), _("School")))
    for label, qs, kind in sources:
        choices += [(f"{label}:{obj.pk}", f"{kind}: {obj}") for obj in qs]
    return choices


def resolve_recipient(value):
    """The recipient a choice value stands for (None when it is not one)."""
    if value == OnwardConsent.PARENTS:
        return value
    label, _sep, pk = value.partition(":")
    if label not in {"agencies.agency", "transitions.school"} or parse_id(pk) is None:
        return None
    try:
        model = apps.get_model(label)
    except LookupError:
        return None
    return model.objects.filter(pk=int(pk)).first()


class OnwardConsentForm(forms.Form):
    recipient = forms.ChoiceField(label=_("May be passed on to"))
    given_by = forms.CharField(
        label=_("Consent given by"), max_length=150, help_text=_("Name and role at the agency.")
    )
    given_on = forms.DateField(label=_("Consent given on"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient"].choices = recipient_choices()
        self.fields["given_on"].initial = timezone.localdate()

    def clean_recipient(self):
        recipient = resolve_recipient(self.cleaned_data["recipient"])
        if recipient is None:
            raise forms.ValidationError(_("Choose who the information may go to."))
        return recipient

    def clean_given_on(self):
        return validate_not_future(self.cleaned_data["given_on"])


class SupervisedVisitForm(forms.ModelForm):
    supervised_throughout = forms.BooleanField(
        label=_("The supervising member of staff was with the child for the whole visit"),
        required=False,
    )

    class Meta:
        model = SupervisedVisit
        fields = [
            "agency",
            "visitor_name",
            "visitor_role",
            "identity_checked",
            "identity_evidence",
            "purpose",
            "arrived_at",
            "left_at",
            "supervised_by",
            "supervised_throughout",
            "lapse_detail",
            "notes",
        ]
        widgets = {
            "lapse_detail": forms.Textarea(attrs={"rows": 3}),
            "arrived_at": DateTimeInput(),
            "left_at": DateTimeInput(),
            "purpose": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(is_active=True)
        self.fields["supervised_by"].queryset = User.objects.staff().order_by("full_name")
        self.fields["supervised_by"].required = False
        self.fields["identity_checked"].required = False
        self.fields["lapse_detail"].help_text = _(
            "Only if supervision lapsed: when, for how long, and what the visitor did."
        )

    def clean_identity_checked(self):
        if not self.cleaned_data.get("identity_checked"):
            raise forms.ValidationError(
                _("Check the visitor's identity before they see the child.")
            )
        return True

    def clean_supervised_by(self):
        value = self.cleaned_data.get("supervised_by")
        if value is None:
            raise forms.ValidationError(
                _("A visit cannot be recorded without the member of staff who supervised it.")
            )
        return value

    def clean(self):
        data = super().clean()
        arrived, left = data.get("arrived_at"), data.get("left_at")
        now = timezone.now()
        if arrived and arrived > now:
            self.add_error("arrived_at", _("The arrival cannot be in the future."))
        if left and left > now:
            self.add_error("left_at", _("Record the visit once the visitor has left."))
        if arrived and left and left <= arrived:
            self.add_error("left_at", _("The departure must be after the arrival."))
        # A lapse is recorded, never refused: the visit is kept with the lapse
        # as an incident for the manager to review.
        if not data.get("supervised_throughout") and not (data.get("lapse_detail") or "").strip():
            self.add_error(
                "lapse_detail",
                _(
                    "Visitors never have unsupervised access to a child. If the member of "
                    "staff was not there for the whole visit, say what happened: the visit "
                    "is then recorded with the lapse as an incident."
                ),
            )
        return data
