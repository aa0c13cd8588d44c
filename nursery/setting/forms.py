"""Forms of the setting's life."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from families.models import Child
from nursery.forms import DateInput, DateTimeInput, RadioSelect, RecordsChoiceField
from nursery.models import User
from nursery.setting.models import (
    Announcement,
    CommunicationNeeds,
    Complaint,
    Consultation,
    ConsultationResponse,
    Event,
    Policy,
    Suggestion,
)
from nursery.validators import validate_not_future


class PolicyForm(forms.ModelForm):
    new_version = forms.BooleanField(
        label=_("This is a new version"),
        required=False,
        help_text=_(
            "Tick when the text changed in substance: parents who must acknowledge "
            "it are asked again."
        ),
    )

    class Meta:
        model = Policy
        fields = [
            "title",
            "category",
            "summary",
            "body",
            "last_reviewed_on",
            "next_review_due",
            "requires_acknowledgement",
            "is_published",
        ]
        widgets = {"last_reviewed_on": DateInput(), "next_review_due": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].help_text = _(
            "Write in Markdown: a line starting with ## is a heading, - starts a "
            "list item, **words** are bold, [text](https://...) is a link."
        )
        if self.instance.pk is None:
            del self.fields["new_version"]

    def clean_last_reviewed_on(self):
        return validate_not_future(self.cleaned_data["last_reviewed_on"])

    def clean(self):
        data = super().clean()
        reviewed, due = data.get("last_reviewed_on"), data.get("next_review_due")
        if reviewed and due and due <= reviewed:
            self.add_error("next_review_due", _("The next review must come after the last one."))
        return data


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = [
            "title",
            "kind",
            "description",
            "room",
            "starts_at",
            "ends_at",
            "location",
            "helpers_wanted",
        ]
        widgets = {"starts_at": DateTimeInput(), "ends_at": DateTimeInput()}

    def clean_starts_at(self):
        value = self.cleaned_data["starts_at"]
        if value < timezone.now():
            raise forms.ValidationError(_("The event cannot start in the past."))
        return value

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The event must end after it starts."))
        return data


class EventSignupForm(forms.Form):
    children = RecordsChoiceField(
        label=_("Which children are coming?"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    adults = forms.IntegerField(label=_("How many adults are coming?"), min_value=0, max_value=6)
    offers_help = forms.BooleanField(label=_("I can help on the day"), required=False)
    note = forms.CharField(label=_("Anything we should know"), max_length=300, required=False)

    def __init__(self, *args, children, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["children"].queryset = children

    def clean(self):
        data = super().clean()
        if not data.get("children") and not data.get("adults") and not data.get("offers_help"):
            self.add_error("adults", _("Tell us who is coming, or that you can help."))
        return data


class ConsultationForm(forms.ModelForm):
    options = forms.CharField(
        max_length=20_000,
        label=_("Choices parents can pick"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line, at least two. Parents can also write their own comments."),
    )

    class Meta:
        model = Consultation
        fields = ["title", "background", "question", "opens_on", "closes_on"]
        widgets = {"opens_on": DateInput(), "closes_on": DateInput()}

    def clean_options(self):
        lines = [line.strip()[:200] for line in self.cleaned_data["options"].splitlines()]
        lines = list(dict.fromkeys(line for line in lines if line))
        if len(lines) < 2:
            raise forms.ValidationError(_("Give at least two choices, one per line."))
        return lines

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if closes and closes < timezone.localdate():
            self.add_error("closes_on", _("The closing date cannot be in the past."))
        elif opens and closes and closes < opens:
            self.add_error("closes_on", _("The consultation must close after it opens."))
        return data


class ConsultationAnswerForm(forms.ModelForm):
    class Meta:
        model = ConsultationResponse
        fields = ["option", "comment"]
        widgets = {"option": RadioSelect, "comment": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["option"].queryset = consultation.options.all()
        self.fields["option"].empty_label = None

    def clean(self):
        data = super().clean()
        if not data.get("option") and not (data.get("comment") or "").strip():
            self.add_error("option", _("Choose an answer or write a comment."))
        return data


class ConsultationDecisionForm(forms.Form):
    decision = forms.CharField(
        max_length=20_000,
        label=_("The decision taken, and why"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class SuggestionForm(forms.ModelForm):
    class Meta:
        model = Suggestion
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 5})}


class SuggestionAnswerForm(forms.Form):
    response = forms.CharField(
        max_length=20_000, label=_("Your answer"), widget=forms.Textarea(attrs={"rows": 5})
    )


class ParentComplaintForm(forms.ModelForm):
    class Meta:
        model = Complaint
        fields = ["child", "summary", "details"]
        labels = {"summary": _("In a few words, what is your complaint about?")}
        widgets = {"details": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, children, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = children
        self.fields["child"].empty_label = _("Not about one child")


class StaffComplaintForm(forms.ModelForm):
    class Meta:
        model = Complaint
        fields = [
            "complainant",
            "complainant_name",
            "child",
            "received_via",
            "received_on",
            "summary",
            "details",
        ]
        labels = {"complainant_name": _("Made by (name, if not a parent with a login)")}
        widgets = {"received_on": DateInput(), "details": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, children, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["complainant"].queryset = User.objects.parents().order_by("full_name")
        self.fields["complainant"].required = False
        self.fields["complainant_name"].required = False
        self.fields["child"].queryset = children
        self.fields["received_via"].choices = [
            c for c in Complaint.Via.choices if c[0] != Complaint.Via.PORTAL
        ]

    def clean(self):
        data = super().clean()
        if not data.get("complainant") and not (data.get("complainant_name") or "").strip():
            self.add_error("complainant_name", _("Say who made the complaint."))
        complainant, child = data.get("complainant"), data.get("child")
        if (
            complainant
            and child
            and not child.parent_links.filter(parent=complainant, portal_access=True).exists()
        ):
            # The complainant sees the complaint, and with it the child named.
            self.add_error(
                "child",
                _("This parent or carer is not linked to this child with access to the portal."),
            )
        return data


class ComplaintProgressForm(forms.ModelForm):
    class Meta:
        model = Complaint
        fields = ["acknowledged_on", "investigation", "outcome", "outcome_on"]
        widgets = {
            "acknowledged_on": DateInput(),
            "outcome_on": DateInput(),
            "investigation": forms.Textarea(attrs={"rows": 5}),
            "outcome": forms.Textarea(attrs={"rows": 5}),
        }

    def clean(self):
        data = super().clean()
        for name in self.Meta.fields:
            recorded = self.initial.get(name)
            if recorded not in (None, "") and data.get(name) in (None, "") and name in data:
                self.add_error(
                    name, _("This was recorded and cannot be emptied: correct it instead.")
                )
        received = self.instance.received_on
        for name in ("acknowledged_on", "outcome_on"):
            value = data.get(name)
            if value and received and value < received:
                self.add_error(name, _("This date cannot be before the complaint was received."))
        if data.get("outcome_on") and not (data.get("outcome") or "").strip():
            self.add_error("outcome", _("Write the outcome given to the complainant."))
        if (data.get("outcome") or "").strip() and not data.get("outcome_on"):
            self.add_error("outcome_on", _("Give the date the outcome was sent."))
        return data


class AnnouncementForm(forms.ModelForm):
    class Meta:
        model = Announcement
        fields = ["title", "body", "audience", "room", "children"]
        field_classes = {"children": RecordsChoiceField}
        widgets = {
            "body": forms.Textarea(attrs={"rows": 6}),
            "audience": RadioSelect,
            "children": forms.SelectMultiple(attrs={"size": 8}),
        }
        help_texts = {"children": _("Only used when sending to the families of chosen children.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["children"].queryset = Child.objects.current().order_by(
            "last_name", "first_name"
        )

    def clean(self):
        data = super().clean()
        audience = data.get("audience")
        if audience == Announcement.Audience.ROOM and not data.get("room"):
            self.add_error("room", _("Choose the room."))
        if audience == Announcement.Audience.CHILDREN and not data.get("children"):
            self.add_error("children", _("Choose at least one child."))
        if audience != Announcement.Audience.ROOM:
            data["room"] = None
        return data


class CommunicationNeedsForm(forms.ModelForm):
    class Meta:
        model = CommunicationNeeds
        fields = ["preferred_language", "needs_interpreter", "accessibility", "email_announcements"]
        widgets = {"accessibility": forms.Textarea(attrs={"rows": 3})}
