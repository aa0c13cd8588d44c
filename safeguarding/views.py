"""The safeguarding workspace's pages. Each fetches through a scoped helper
(404 outside a person's reach), checks its permission (403), and audits
every reading of safeguarding material."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Prefetch, Subquery
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from families import views as families_views
from families.models import Child, ChildProtectionTask
from nursery.errors import DomainError, refuse
from nursery.links import reverse
from nursery.models import AuditEvent
from nursery.registry import chronology_for, hide_unreadable_lines
from nursery.validators import parse_id
from nursery.views.mixins import ListPageView, ScopedObjectMixin
from safeguarding import forms, services
from safeguarding.models import Concern, Decision, Referral, SafeguardingStatus


def _form_errors(form, error):
    """Turn a service's refusal into messages on the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class ChildMixin(families_views.ChildMixin):
    """The child in the URL, for those who may read its safeguarding records
    (the key person, the DSL, the manager); 404 for everyone else."""

    permission_required = "safeguarding.view_child"
    getter = staticmethod(services.get_child_safeguarding_for)
    pk_kwarg = "child_pk"


class ConcernMixin(ScopedObjectMixin):
    """The concern in the URL, within Concern.objects.visible_to (else 404)."""

    permission_required = "safeguarding.see_concern"
    getter = staticmethod(services.get_concern_for)
    context_name = "concern"

    @property
    def concern(self):
        return self.object

    def get_context_data(self, **kwargs):
        kwargs.setdefault("child", self.concern.child)
        return super().get_context_data(**kwargs)


class ConcernCreateView(PermissionRequiredMixin, FormView):
    """Any member of staff: record a safeguarding concern about a child. It
    goes to the safeguarding lead at once."""

    permission_required = "safeguarding.record_concern"
    template_name = "safeguarding/concern_form.html"
    form_class = forms.ConcernForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def get_initial(self):
        child = parse_id(self.request.GET.get("child"))
        return {
            "child": child,
            "observed_at": timezone.localtime().replace(second=0, microsecond=0),
        }

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.concern_record(
                child=data["child"],
                by=self.request.user,
                observed_at=data["observed_at"],
                what_happened=data["what_happened"],
                child_words=data["child_words"],
                body_area=data["body_area"],
                action_taken=data["action_taken"],
                about_staff=data["about_staff"],
                request=self.request,
            )
        except ValidationError as error:
            _form_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Thank you. Your concern was sent to the safeguarding lead straight away."),
        )
        return redirect("safeguarding:my_concerns")


class MyConcernsView(PermissionRequiredMixin, ListPageView):
    """Any member of staff: the concerns they recorded and whether the
    safeguarding lead has received them (never what was decided)."""

    permission_required = "safeguarding.record_concern"
    template_name = "safeguarding/my_concerns.html"
    paginate_by = 50

    def get_queryset(self):
        return Concern.objects.filter(recorded_by=self.request.user).select_related(
            "child", "about_staff"
        )


def _latest_outcome():
    return Subquery(
        Decision.objects.filter(concern=OuterRef("pk"))
        .order_by("-decided_at", "-pk")
        .values("outcome")[:1]
    )


class LeadsListMixin(PermissionRequiredMixin):
    """A list of safeguarding material for the DSL and the manager: each
    showing of it is a reading, logged as `read_code`."""

    permission_required = "safeguarding.view_workspace"
    paginate_by = 50
    read_code = ""

    def get(self, request, *args, **kwargs):
        services.audit_read(self.read_code, request=request)
        return super().get(request, *args, **kwargs)


class ConcernListView(LeadsListMixin, ListPageView):
    """The DSL and the manager: concerns waiting for a decision, waiting
    longest first, each not yet opened marked (or all, newest first)."""

    template_name = "safeguarding/concern_list.html"
    read_code = "safeguarding.concern_list.read"

    @cached_property
    def show_all(self):
        return self.request.GET.get("all") == "1"

    def get_queryset(self):
        qs = Concern.objects.visible_to(self.request.user)
        if not self.show_all:
            # Those waiting longest first, as the DSL works through them.
            qs = qs.waiting().order_by("recorded_at", "pk")
        return qs.select_related("child", "recorded_by").annotate(latest_outcome=_latest_outcome())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["show_all"] = self.show_all
        context["query_string"] = "all=1" if self.show_all else ""
        context["outcomes"] = dict(forms.Outcome.choices)
        return context


class ConcernDetailView(ConcernMixin, TemplateView):
    """The DSL, the manager and the child's key person (not for an allegation
    about staff): one concern, its decisions and referrals (audited)."""

    template_name = "safeguarding/concern_detail.html"

    def get(self, request, *args, **kwargs):
        services.concern_open(concern=self.concern, by=request.user, request=request)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["decisions"] = self.concern.decisions.select_related("decided_by")
        context["referrals"] = self.concern.referrals.select_related("agency", "sharing")
        context["can_decide"] = user.has_perm("safeguarding.decide", self.concern)
        context["can_refer"] = user.has_perm("safeguarding.refer", self.concern)
        return context


class DecisionCreateView(ConcernMixin, FormView):
    """The DSL and the manager: decide on a concern, with the reason."""

    permission_required = "safeguarding.decide"
    template_name = "safeguarding/decision_form.html"
    form_class = forms.DecisionForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["concern"] = self.concern
        return kwargs

    def form_valid(self, form):
        try:
            decision = services.decision_record(
                concern=self.concern,
                by=self.request.user,
                outcome=form.cleaned_data["outcome"],
                reason=form.cleaned_data["reason"],
                request=self.request,
            )
        except ValidationError as error:
            _form_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Your decision was recorded."))
        if decision.is_referral:
            return redirect("safeguarding:referral_create", pk=self.concern.pk)
        return redirect(self.concern)


class ReferralCreateView(ConcernMixin, FormView):
    """The DSL and the manager: record a referral made on a concern. What was
    shared is written into the information-sharing log."""

    permission_required = "safeguarding.refer"
    template_name = "safeguarding/referral_form.html"
    form_class = forms.ReferralForm

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            referral = services.referral_record(
                concern=self.concern,
                by=self.request.user,
                agency=data["agency"],
                contact=data["contact"],
                reference=data["reference"],
                made_on=data["made_on"],
                method=data["method"],
                information=data["information"],
                consent=data["consent"],
                reason_without_consent=data["reason_without_consent"],
                request=self.request,
            )
        except ValidationError as error:
            _form_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The referral was recorded, and entered in the information-sharing log."),
        )
        return redirect(referral)


class ReferralDetailView(PermissionRequiredMixin, FormView):
    """The DSL, the manager and the child's key person: one referral
    (audited). The DSL and the manager record its outcome (POST)."""

    template_name = "safeguarding/referral_detail.html"
    form_class = forms.OutcomeForm

    @cached_property
    def referral(self):
        return services.get_referral_for(self.request.user, self.kwargs["pk"])

    def get_permission_required(self):
        if self.request.method == "POST":
            return ("safeguarding.record_referral_outcome",)
        return ("safeguarding.see_concern",)

    def get_permission_object(self):
        return self.referral.concern

    def get(self, request, *args, **kwargs):
        services.audit_read(
            "safeguarding.referral.read",
            request=request,
            obj=self.referral,
            child=self.referral.concern.child,
        )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["referral"] = self.referral
        context["child"] = self.referral.concern.child
        context["can_record_outcome"] = self.referral.outcome_on is None and (
            self.request.user.has_perm(
                "safeguarding.record_referral_outcome", self.referral.concern
            )
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.referral_outcome_record(
                referral=self.referral,
                by=self.request.user,
                outcome=data["outcome"],
                outcome_on=data["outcome_on"],
                reference=data["reference"],
                request=self.request,
            )
        except DomainError as error:
            return refuse(self.request, error, redirect_to=self.referral)
        except ValidationError as error:
            _form_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The outcome was recorded."))
        return redirect(self.referral)


class ReferralListView(LeadsListMixin, ListPageView):
    """The DSL and the manager: referrals waiting for an outcome."""

    template_name = "safeguarding/referral_list.html"
    read_code = "safeguarding.referral_list.read"

    def get_queryset(self):
        return (
            Referral.objects.visible_to(self.request.user)
            .awaiting_outcome()
            .select_related("concern__child", "agency")
            .order_by("made_on", "pk")
        )


class TasksDueView(LeadsListMixin, ListPageView):
    """The DSL and the manager: the child-protection-plan tasks of every
    child that are due within two weeks or overdue, soonest first (the
    home's figure leads here). Each child's own page of tasks shows the
    rest."""

    template_name = "safeguarding/cp_tasks_due.html"
    read_code = "safeguarding.cp_tasks_due.read"

    def get_queryset(self):
        return (
            ChildProtectionTask.objects.visible_to(self.request.user)
            .due_or_overdue(on=self.today)
            .select_related("child")
            .order_by("due_on", "pk")
        )

    @cached_property
    def today(self):
        return timezone.localdate()

    def get_context_data(self, **kwargs):
        return super().get_context_data(today=self.today, **kwargs)


class ChildSafeguardingView(ChildMixin, TemplateView):
    """The DSL, the manager and the child's key person: the child's concerns,
    referrals and safeguarding status (audited)."""

    template_name = "safeguarding/child.html"

    def get(self, request, *args, **kwargs):
        services.audit_read(
            "safeguarding.child.read", request=request, obj=self.child, child=self.child
        )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, child = self.request.user, self.child
        concerns = Concern.objects.visible_to(user).filter(child=child)
        context["concerns"] = concerns.select_related("recorded_by").annotate(
            latest_outcome=_latest_outcome()
        )
        context["outcomes"] = dict(forms.Outcome.choices)
        context["referrals"] = Referral.objects.filter(concern__in=concerns).select_related(
            "agency"
        )
        today = timezone.localdate()
        statuses = list(SafeguardingStatus.objects.filter(child=child))
        for status in statuses:
            status.current = status.is_current(today)
        context["statuses"] = statuses
        context["today"] = today
        context["can_keep_status"] = user.has_perm("safeguarding.keep_status", child)
        return context


class StatusCreateView(ChildMixin, FormView):
    """The DSL and the manager: record a safeguarding status for the child."""

    permission_required = "safeguarding.keep_status"
    template_name = "safeguarding/status_form.html"
    form_class = forms.StatusForm

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.status_record(
                child=self.child,
                by=self.request.user,
                kind=data["kind"],
                started_on=data["started_on"],
                ended_on=data["ended_on"],
                notes=data["notes"],
                request=self.request,
            )
        except ValidationError as error:
            _form_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The status was recorded."))
        return redirect("safeguarding:child", child_pk=self.child.pk)


class StatusEndView(PermissionRequiredMixin, View):
    """The DSL and the manager: end a status (POST)."""

    permission_required = "safeguarding.keep_status"
    http_method_names = ["post"]

    @cached_property
    def status(self):
        return services.get_status_for(self.request.user, self.kwargs["pk"])

    def get_permission_object(self):
        return self.status.child

    def post(self, request, *args, **kwargs):
        back = reverse("safeguarding:child", args=[self.status.child_id])
        form = forms.StatusEndForm(request.POST)
        if not form.is_valid():
            message = _("Give the date the status ended. Nothing was changed.")
            return refuse(request, message, redirect_to=back)
        try:
            services.status_end(
                status=self.status,
                by=request.user,
                ended_on=form.cleaned_data["ended_on"],
                request=request,
            )
        except DomainError as error:
            return refuse(request, error, redirect_to=back)
        except ValidationError as error:
            return refuse(request, " ".join(error.messages), redirect_to=back)
        messages.success(request, _("The status was ended."))
        return redirect(back)


class StatusChildrenView(LeadsListMixin, ListPageView):
    """The DSL and the manager: every child with a current safeguarding status."""

    template_name = "safeguarding/status_children.html"
    read_code = "safeguarding.status_list.read"

    def get_queryset(self):
        current = SafeguardingStatus.objects.current()
        return (
            Child.objects.filter(Exists(current.filter(child=OuterRef("pk"))))
            .with_key_person()
            .select_related("room")
            .prefetch_related(
                Prefetch(
                    "safeguarding_statuses",
                    queryset=current.order_by("started_on", "pk"),
                    to_attr="current_statuses",
                )
            )
            .order_by("last_name", "first_name", "pk")
        )


def _chronology_context(request, child):
    return {
        "child": child,
        "entries": chronology_for(child=child, user=request.user),
        "printed_at": timezone.localtime(),
        "printed_by": request.user,
    }


class ChronologyView(ChildMixin, TemplateView):
    """The DSL, the manager and the child's key person: the child's
    chronology, oldest first (audited). Printable."""

    template_name = "safeguarding/chronology.html"

    def get(self, request, *args, **kwargs):
        services.audit_read(
            "safeguarding.chronology.read", request=request, obj=self.child, child=self.child
        )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(_chronology_context(self.request, self.child))
        return context


class ChronologyPdfView(ChildMixin, View):
    """As ChronologyView, as a PDF (audited)."""

    def get(self, request, *args, **kwargs):
        from transitions.services import html_to_pdf

        child = self.child
        services.audit_read(
            "safeguarding.chronology_pdf.read", request=request, obj=child, child=child
        )
        body = render_to_string(
            "safeguarding/chronology_body.html",
            {**_chronology_context(request, child), "printing": True},
            request,
        )
        pdf = html_to_pdf(
            body=body, title=_("Safeguarding chronology: %(child)s") % {"child": child}
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="chronology-{child.pk}.pdf"'
        return response


class RestrictedAuditView(PermissionRequiredMixin, ListPageView):
    """The DSL and the manager: who read restricted material, and when.
    Readings of a concern this person may not see are left out."""

    permission_required = "safeguarding.view_restricted_audit"
    template_name = "safeguarding/audit.html"
    paginate_by = 50

    @cached_property
    def child(self):
        pk = parse_id(self.request.GET.get("child"))
        if pk is None:
            return None
        return Child.objects.filter(pk=pk).first()

    def get_queryset(self):
        qs = AuditEvent.objects.reads().select_related("actor", "child")
        if self.child is not None:
            qs = qs.filter(child=self.child)
        # A line about an allegation is read as the allegation is (never by
        # the person it is about), as on the audit log.
        return hide_unreadable_lines(qs, self.request.user).order_by("-created_at", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for event in context["object_list"]:
            event.what = services.read_label(event)
        context["filter_child"] = self.child
        context["query_string"] = f"child={self.child.pk}" if self.child else ""
        return context
