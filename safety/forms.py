from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from families.models import Child, ParentLink, Room
from nursery.dates import add_months
from nursery.forms import DateInput, DateTimeInput, RadioSelect, RecordsChoiceField
from nursery.models import User
from safety.models import (
    Accident,
    AccidentKind,
    AlertKind,
    Basis,
    CollectionNotice,
    Collector,
    HealthAlert,
    MustNotCollect,
    ParentContact,
)


def _now():
    return timezone.localtime().replace(second=0, microsecond=0)


# Longer than any medicine kept at the setting keeps (an adrenaline pen, an
# inhaler: a year or two).
MEDICINE_KEEPS_YEARS = 5


class HealthAlertForm(forms.ModelForm):
    class Meta:
        model = HealthAlert
        fields = [
            "kind",
            "what",
            "severity",
            "diet_kind",
            "what_to_do",
            "medicine_kept",
            "medicine_expires_on",
        ]
        widgets = {
            "kind": RadioSelect,
            "what_to_do": forms.Textarea(attrs={"rows": 3}),
            "medicine_expires_on": DateInput(),
        }
        help_texts = {
            "severity": _("For an allergy or a medical condition."),
            "diet_kind": _("For a dietary need."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = AlertKind.choices

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind in (AlertKind.ALLERGY, AlertKind.CONDITION) and not data.get("severity"):
            self.add_error("severity", _("Say how severe it is."))
        if kind == AlertKind.DIET and not data.get("diet_kind"):
            self.add_error("diet_kind", _("Say what kind of dietary need it is."))
        if data.get("medicine_kept") and not data.get("medicine_expires_on"):
            self.add_error(
                "medicine_expires_on", _("Give the expiry date of the medicine kept here.")
            )
        if data.get("medicine_expires_on") and not data.get("medicine_kept"):
            self.add_error("medicine_kept", _("Say which medicine is kept here."))
        expires = data.get("medicine_expires_on")
        if expires and expires > add_months(timezone.localdate(), 12 * MEDICINE_KEEPS_YEARS):
            # A year mistyped (2062 for 2026) would never show the medicine
            # as expired. An expiry already past is kept, and shown expired.
            self.add_error(
                "medicine_expires_on",
                _(
                    "Check the expiry date: it is more than %(n)d years away. "
                    "Medicines do not keep that long."
                )
                % {"n": MEDICINE_KEEPS_YEARS},
            )
        return data


class CollectorForm(forms.ModelForm):
    class Meta:
        model = Collector
        fields = ["name", "relationship", "phone"]


class CollectionPasswordForm(forms.Form):
    password = forms.CharField(
        label=_("New collection password"),
        max_length=60,
        min_length=4,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_(
            "A word anyone collecting your child must say. It is kept scrambled: nobody can "
            "read it back, staff can only check it."
        ),
    )


class MustNotCollectForm(forms.ModelForm):
    class Meta:
        model = MustNotCollect
        fields = ["name", "basis", "description", "detail"]
        widgets = {"detail": forms.Textarea(attrs={"rows": 3}), "basis": RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["basis"].choices = Basis.choices


class AdultChoiceField(forms.ModelChoiceField):
    """One of the child's adults, by their link: "Alex Ashworth (Mother,
    household 1)", or none (`empty_label`: someone else). Staff choose in a
    hurry: the household tells two homes apart (what is recorded reaches
    only the chosen adult's home), and a link whose portal access is
    restricted, by a court order for example, says so."""

    def __init__(self, child, **kwargs):
        links = ParentLink.objects.filter(child=child).select_related("parent")
        super().__init__(queryset=links.order_by("household", "pk"), required=False, **kwargs)

    def label_from_instance(self, obj):
        words = {
            "name": obj.parent,
            "relationship": obj.get_relationship_display(),
            "household": obj.household,
        }
        if not obj.portal_access:
            return (
                _("%(name)s (%(relationship)s, household %(household)s): access restricted") % words
            )
        return _("%(name)s (%(relationship)s, household %(household)s)") % words


class CollectionNoticeForm(forms.ModelForm):
    """Who else collects on a day. Staff, taking it down on someone's word,
    say whose (`on_word_of`: a link of the child's, or none)."""

    class Meta:
        model = CollectionNotice
        fields = ["on", "name", "relationship", "phone", "note"]
        widgets = {"on": DateInput()}

    def __init__(self, *args, child=None, staff=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()
        if staff:
            self.fields["on_word_of"] = AdultChoiceField(
                child,
                label=_("Who told us"),
                empty_label=_("Someone else: the notice stays with the nursery"),
                help_text=_(
                    "The parent or carer whose word it is: they, and the adults of "
                    "their home, will see it. On the word of an adult whose access is "
                    "restricted, the child is handed over only with the family's collection "
                    "password or the manager's confirmation."
                ),
            )
            self.order_fields(["on_word_of"])

    def clean_on(self):
        value = self.cleaned_data["on"]
        if value < timezone.localdate():
            raise forms.ValidationError(_("The day cannot be in the past."))
        if value > timezone.localdate() + timedelta(days=60):
            raise forms.ValidationError(_("Tell us at most two months ahead."))
        return value


class RegisterFilterForm(forms.Form):
    room = forms.ModelChoiceField(
        label=_("Room"),
        queryset=Room.objects.all(),
        required=False,
        empty_label=_("All rooms"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    day = forms.DateField(
        label=_("Day"),
        required=False,
        widget=DateInput(attrs={"class": "form-control"}),
        error_messages={"invalid": _("Enter a date, for example 23/11/2026.")},
    )


class SignInForm(forms.Form):
    at = forms.DateTimeField(
        label=_("Time of arrival"),
        widget=DateTimeInput(),
        error_messages={"invalid": _("Enter the date and time, for example 23/11/2026 08:30.")},
    )
    brought_by = forms.CharField(label=_("Brought by"), max_length=120)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["at"].initial = _now()


class SignOutForm(forms.Form):
    at = forms.DateTimeField(
        label=_("Time of leaving"),
        widget=DateTimeInput(),
        error_messages={"invalid": _("Enter the date and time, for example 23/11/2026 17:30.")},
    )
    who = forms.ChoiceField(label=_("Who is collecting"), widget=RadioSelect)
    other_name = forms.CharField(
        label=_("Name of the person collecting, if not listed"), max_length=120, required=False
    )
    password = forms.CharField(
        label=_("Collection password they gave"),
        max_length=60,
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=_(
            "Needed for someone not on the list, an adult whose access is restricted, or "
            "someone told of by such an adult, unless the manager confirms."
        ),
    )
    manager_confirms = forms.BooleanField(
        label=_("I am the manager and I confirm this person may collect"), required=False
    )

    def __init__(self, *args, choices, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["at"].initial = _now()
        self.fields["who"].choices = [(key, label) for key, label in choices] + [
            ("other", _("Someone not on the list"))
        ]
        if not user.is_manager:
            # Only the manager can confirm someone not on the list: the
            # others are told to ask, never offered a box they may not tick.
            del self.fields["manager_confirms"]
            self.fields["password"].help_text = _(
                "Needed for someone not on the list, an adult whose access is restricted, or "
                "someone told of by such an adult. If they do not know it, ask the manager to "
                "sign the child out."
            )


class AccidentForm(forms.ModelForm):
    field_order = [
        "kind",
        "occurred_at",
        "location",
        "what_happened",
        "injury",
        "body_area",
        "first_aid",
        "first_aid_by",
        "witness",
        "parent_explanation",
        "serious",
        "hospital",
        "riddor",
        "lcpa",
        "medical_emergency",
        "other_children",
    ]
    riddor = forms.BooleanField(
        label=_("RIDDOR applies (the child was taken from the setting to hospital)"),
        required=False,
    )
    lcpa = forms.BooleanField(
        label=_("The local child-protection agency must be told"), required=False
    )

    class Meta:
        model = Accident
        fields = [
            "kind",
            "occurred_at",
            "location",
            "what_happened",
            "injury",
            "body_area",
            "first_aid",
            "first_aid_by",
            "witness",
            "parent_explanation",
            "serious",
            "hospital",
            "medical_emergency",
            "other_children",
        ]
        field_classes = {"other_children": RecordsChoiceField}
        widgets = {
            "kind": RadioSelect,
            "occurred_at": DateTimeInput(),
            "what_happened": forms.Textarea(attrs={"rows": 3}),
            "first_aid": forms.Textarea(attrs={"rows": 2}),
            "parent_explanation": forms.Textarea(attrs={"rows": 2}),
            "other_children": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, child, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = AccidentKind.choices
        self.fields["occurred_at"].initial = _now()
        self.fields["first_aid_by"].queryset = User.objects.staff().order_by("full_name")
        others = Child.objects.current().exclude(pk=child.pk)
        if child.room_id:
            others = others.filter(room_id=child.room_id)
        self.fields["other_children"].queryset = others.order_by("first_name", "last_name")
        self.fields["other_children"].label_from_instance = lambda c: c.display_name
        self.fields["other_children"].help_text = _(
            "Staff only. Each family sees only their own child's record."
        )

    def clean(self):
        data = super().clean()
        if data.get("occurred_at") and data["occurred_at"] > timezone.now() + timedelta(minutes=5):
            self.add_error("occurred_at", _("The time cannot be in the future."))
        if (
            data.get("kind") == AccidentKind.EXISTING
            and not (data.get("parent_explanation") or "").strip()
        ):
            self.add_error(
                "parent_explanation",
                _("For an injury seen at arrival, write what the parent or carer said."),
            )
        if data.get("first_aid") and not data.get("first_aid_by"):
            self.add_error("first_aid_by", _("Say who gave the first aid."))
        if (data.get("riddor") or data.get("lcpa")) and not (
            data.get("serious") or data.get("hospital")
        ):
            self.add_error(
                "serious",
                _("These notifications are for a serious injury or hospital treatment."),
            )
        return data


class AcknowledgeForm(forms.Form):
    comment = forms.CharField(label=_("Your comment (optional)"), max_length=300, required=False)


class ParentContactForm(forms.ModelForm):
    """One contact with the family in a medical emergency. Both homes of the
    child read the timeline: a contact with one of the child's parents or
    carers (`on_link`) is read by that adult's home only."""

    class Meta:
        model = ParentContact
        fields = ["at", "contacted", "how", "told"]
        widgets = {"at": DateTimeInput(), "told": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, child=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["at"].initial = _now()
        self.fields["on_link"] = AdultChoiceField(
            child,
            label=_("Which parent or carer"),
            empty_label=_("Someone else: write who below"),
            help_text=_(
                "Only the parent or carer chosen, and the adults of their home once the "
                "manager has confirmed it, read this contact: the child's other home does "
                "not see it. A contact with an adult whose access is restricted is read by "
                "staff only."
            ),
        )
        self.order_fields(["at", "on_link", "contacted", "how", "told"])
        contacted = self.fields["contacted"]
        contacted.required = False
        contacted.help_text = _(
            "For someone else (a grandparent, an emergency contact): their name and who "
            "they are to the child. Both of the child's homes read it."
        )

    def clean(self):
        cleaned = super().clean()
        link = cleaned.get("on_link")
        if link is not None:
            # The name is the chosen adult's, whatever was written below.
            cleaned["contacted"] = link.parent.full_name
            self.instance.contacted = cleaned["contacted"]
        elif not cleaned.get("contacted") and not {"contacted", "on_link"} & set(self.errors):
            self.add_error(
                "contacted", _("Say who was contacted, or choose the parent or carer above.")
            )
        return cleaned


class ReviewForm(forms.Form):
    note = forms.CharField(
        label=_("Your review: what you found and what will change"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class NotificationDoneForm(forms.Form):
    reference = forms.CharField(label=_("Reference or note"), max_length=200, required=False)
