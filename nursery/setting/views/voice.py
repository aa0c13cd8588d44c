import csv

from django.contrib import messages
from django.db.models import Count, Exists, OuterRef
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from families.models import Child
from nursery import audit
from nursery.dates import day_in_words
from nursery.errors import DomainError, form_refused
from nursery.formdata import fields_of
from nursery.queries import CompiledList
from nursery.setting.forms import (
    ComplaintProgressForm,
    ConsultationAnswerForm,
    ConsultationDecisionForm,
    ConsultationForm,
    ParentComplaintForm,
    StaffComplaintForm,
    SuggestionAnswerForm,
    SuggestionForm,
)
from nursery.setting.models import Complaint, Consultation, ConsultationResponse, Suggestion
from nursery.setting.services import (
    complaint_make,
    complaint_progress,
    consultation_answer,
    consultation_create,
    consultation_decide,
    get_complaint_for,
    get_consultation_for,
    get_suggestion_for,
    suggestion_answer,
    suggestion_make,
)
from nursery.views.mixins import ListPageView, ScopedObjectMixin

# Consultations


class ConsultationListView(PermissionRequiredMixin, ListPageView):
    """Everyone logged in: consultations on changes to the service; parents
    see whether they have answered."""

    permission_required = "setting.view_setting_pages"
    template_name = "setting/consultation_list.html"
    paginate_by = 50

    def get_queryset(self):
        user = self.request.user
        qs = Consultation.objects.visible_to(user)
        if user.is_parent:
            qs = qs.annotate(
                answered=Exists(
                    ConsultationResponse.objects.filter(consultation=OuterRef("pk"), parent=user)
                )
            )
        else:
            qs = qs.annotate(answers=Count("responses"))
        return qs.order_by("-opens_on", "-pk")


class ConsultationDetailView(ScopedObjectMixin, FormView):
    """Everyone who can see it reads the question; a parent answers once
    (POST) and may change the answer while it is open. Parents never see
    other parents' answers."""

    permission_required = "setting.view_setting_pages"
    post_permission = "setting.answer_consultation"
    template_name = "setting/consultation_detail.html"
    form_class = ConsultationAnswerForm
    getter = staticmethod(get_consultation_for)

    def my_answer(self):
        if not self.request.user.is_parent:
            return None
        return ConsultationResponse.objects.filter(
            consultation=self.object, parent=self.request.user
        ).first()

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["consultation"] = self.object
        kwargs["instance"] = self.my_answer()
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["options"] = list(self.object.options.all())
        context["can_answer"] = user.has_perm("setting.answer_consultation", self.object)
        context["answer"] = self.my_answer()
        if not context["can_answer"]:
            context.pop("form", None)
        return context

    def form_valid(self, form):
        consultation_answer(
            consultation=self.object,
            parent=self.request.user,
            option=form.cleaned_data["option"],
            comment=form.cleaned_data["comment"],
            request=self.request,
        )
        messages.success(self.request, _("Thank you: your answer was saved."))
        return redirect(self.object)


class ConsultationResultsView(ScopedObjectMixin, FormView):
    """Manager: the answers so far, and the decision taken (POST)."""

    permission_required = "setting.run_consultations"
    template_name = "setting/consultation_results.html"
    form_class = ConsultationDecisionForm
    getter = staticmethod(get_consultation_for)

    def get_initial(self):
        return {"decision": self.object.decision}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        options = list(self.object.options.annotate(votes=Count("responses")))
        total = sum(o.votes for o in options)
        for o in options:
            o.percent = round(100 * o.votes / total) if total else 0
        context["options"] = options
        context["answers"] = list(
            self.object.responses.select_related("parent", "option").exclude(comment="")
        )
        context["total"] = self.object.responses.count()
        return context

    def form_valid(self, form):
        consultation_decide(
            consultation=self.object,
            by=self.request.user,
            decision=form.cleaned_data["decision"],
            request=self.request,
        )
        messages.success(self.request, _("The decision was recorded and is shown to parents."))
        return redirect("consultation_results", pk=self.object.pk)


class ConsultationCreateView(PermissionRequiredMixin, FormView):
    """Manager: ask parents' views before changing the service."""

    permission_required = "setting.run_consultations"
    template_name = "setting/consultation_form.html"
    form_class = ConsultationForm

    def get_initial(self):
        return {"opens_on": timezone.localdate()}

    def form_valid(self, form):
        consultation = consultation_create(
            fields=fields_of(form),
            options=form.cleaned_data["options"],
            by=self.request.user,
            request=self.request,
        )
        messages.success(self.request, _("The consultation was published."))
        return redirect(consultation)


# Suggestions


class SuggestionListView(PermissionRequiredMixin, ListPageView):
    """A parent: their own suggestions and our answers. Manager: every suggestion."""

    permission_required = "setting.view_suggestions"
    template_name = "setting/suggestion_list.html"
    paginate_by = 50

    def get_queryset(self):
        return Suggestion.objects.visible_to(self.request.user).select_related("parent")


class SuggestionCreateView(PermissionRequiredMixin, FormView):
    """A parent: make a suggestion at any time."""

    permission_required = "setting.make_suggestion"
    template_name = "setting/suggestion_form.html"
    form_class = SuggestionForm

    def form_valid(self, form):
        suggestion_make(
            parent=self.request.user, body=form.cleaned_data["body"], request=self.request
        )
        messages.success(self.request, _("Thank you for your suggestion. The manager will answer."))
        return redirect("suggestions")


class SuggestionDetailView(ScopedObjectMixin, FormView):
    """Its author and the manager read it; the manager answers (POST)."""

    permission_required = "setting.view_suggestions"
    post_permission = "setting.answer_suggestion"
    template_name = "setting/suggestion_detail.html"
    form_class = SuggestionAnswerForm
    getter = staticmethod(get_suggestion_for)

    def get_initial(self):
        return {"response": self.object.response}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.request.user.has_perm("setting.answer_suggestion"):
            context.pop("form", None)
        return context

    def form_valid(self, form):
        suggestion_answer(
            suggestion=self.object,
            by=self.request.user,
            response=form.cleaned_data["response"],
            request=self.request,
        )
        messages.success(self.request, _("Your answer was saved."))
        return redirect(self.object)


# Complaints


def _complaints(user):
    return Complaint.objects.visible_to(user).select_related("child")


class ComplaintListView(PermissionRequiredMixin, ListPageView):
    """A parent: the complaints they made. A practitioner: those they
    recorded. Manager: every complaint, with its deadline."""

    permission_required = "setting.make_complaint"
    template_name = "setting/complaint_list.html"
    paginate_by = 50

    def get_queryset(self):
        return CompiledList("setting.complaints", _complaints, user=self.request.user)


class ComplaintsDueView(PermissionRequiredMixin, ListPageView):
    """Manager: open complaints whose outcome is due within a week, or overdue."""

    permission_required = "setting.handle_complaints"
    template_name = "setting/complaint_list.html"
    extra_context = {"due_only": True}

    def get_queryset(self):
        return Complaint.objects.near_deadline().select_related("child").order_by("due_on")


class ComplaintCreateView(PermissionRequiredMixin, FormView):
    """A parent makes a complaint; staff record one made in person, by phone
    or in writing."""

    permission_required = "setting.make_complaint"
    template_name = "setting/complaint_form.html"

    def get_form_class(self):
        return ParentComplaintForm if self.request.user.is_parent else StaffComplaintForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["children"] = Child.objects.visible_to(self.request.user).order_by(
            "last_name", "first_name"
        )
        return kwargs

    def form_valid(self, form):
        complaint = complaint_make(
            by=self.request.user, fields=fields_of(form), request=self.request
        )
        if self.request.user.is_parent:
            messages.success(
                self.request,
                _(
                    "Your complaint was received. The manager will contact you, and you "
                    "will have the outcome by %(date)s at the latest."
                )
                % {"date": day_in_words(complaint.due_on)},
            )
        else:
            messages.success(self.request, _("The complaint was recorded."))
        return redirect(complaint)


class ComplaintDetailView(ScopedObjectMixin, FormView):
    """The complainant, the member of staff who recorded it, and the manager
    read it; the manager records acknowledgement, investigation and outcome."""

    permission_required = "setting.make_complaint"
    post_permission = "setting.handle_complaints"
    template_name = "setting/complaint_detail.html"
    form_class = ComplaintProgressForm
    getter = staticmethod(get_complaint_for)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.object
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        if not user.has_perm("setting.handle_complaints"):
            context.pop("form", None)
        if user.is_setting_staff and self.object.complainant:
            context["needs"] = getattr(self.object.complainant, "communication_needs", None)
        return context

    def form_valid(self, form):
        try:
            complaint_progress(
                complaint=self.object,
                by=self.request.user,
                request=self.request,
                **{name: form.cleaned_data[name] for name in form.Meta.fields},
            )
        except DomainError as error:
            return form_refused(self, form, error)
        messages.success(self.request, _("The complaint record was saved."))
        return redirect(self.object)


EXPORT_FIELDS = [
    ("received_on", "Received"),
    ("received_via", "How"),
    ("complainant_name", "Made by"),
    ("child", "Child"),
    ("summary", "About"),
    ("details", "Details"),
    ("due_on", "Outcome due"),
    ("acknowledged_on", "Acknowledged"),
    ("investigation", "Investigation"),
    ("outcome", "Outcome"),
    ("outcome_on", "Outcome given"),
]


def _export_rows():
    return Complaint.objects.select_related("child").order_by("received_on", "pk")


class ComplaintExportView(PermissionRequiredMixin, View):
    """Manager: the complaints record as CSV, for an inspector."""

    permission_required = "setting.handle_complaints"
    http_method_names = ["get"]

    def get(self, request):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="complaints-record.csv"'
        writer = csv.writer(response)
        writer.writerow([label for _name, label in EXPORT_FIELDS])
        for c in _export_rows():
            row = []
            for name, _label in EXPORT_FIELDS:
                value = c.get_received_via_display() if name == "received_via" else getattr(c, name)
                row.append("" if value is None else _csv_safe(str(value)))
            writer.writerow(row)
        audit.log("setting.complaints.exported", actor=request.user, request=request)
        return response


def _csv_safe(text):
    # A cell starting with = + - @ would run as a formula in a spreadsheet.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


class ComplaintPrintView(PermissionRequiredMixin, TemplateView):
    """Manager: the complaints record, printable, for an inspector."""

    permission_required = "setting.handle_complaints"
    template_name = "setting/complaint_print.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["complaints"] = list(_export_rows())
        context["today"] = timezone.localdate()
        audit.log("setting.complaints.printed", actor=self.request.user, request=self.request)
        return context
