"""Records and rights pages. Each request and pack is fetched through
`SubjectAccessRequest.objects.visible_to` (404 outside reach) and its
permission checked (403); every write is a service."""

import json

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from nursery import audit
from nursery.errors import DomainError, refuse
from nursery.links import reverse
from nursery.views.mixins import FormPageMixin, ListPageView, ScopedObjectMixin
from records import forms, retention, services
from records.models import (
    DisposalRun,
    LegalHold,
    RequestVia,
    RetentionKind,
    RightsDecision,
    RightsRequest,
    SubjectAccessRequest,
)
from transitions.services import html_to_pdf


class ServiceFormView(FormPageMixin, FormView):
    """A form whose valid data goes to one service; a refusal shows on the form."""

    template_name = "records/form.html"
    created = None  # what `act` made, once it has

    def get_cancel_url(self):
        return self.get_success_url()

    def form_valid(self, form):
        try:
            self.act(form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        return redirect(self.get_success_url())


# Subject access: the person's own requests ----------------------------------


class MyRequestsView(PermissionRequiredMixin, ListPageView):
    """Anyone with an account: their own requests for their data."""

    permission_required = "records.ask"
    template_name = "records/my_requests.html"
    context_object_name = "requests"

    def get_queryset(self):
        return (
            SubjectAccessRequest.objects.listed()
            .filter(requester=self.request.user)
            .order_by("-received_on", "-pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # One request is answered at a time: while it is, the page points
        # to it rather than offer a form that would be refused.
        context["open_request"] = next((sar for sar in context["requests"] if sar.is_open), None)
        return context


class AskView(PermissionRequiredMixin, ServiceFormView):
    """Anyone with an account asks for the data the setting holds about them."""

    permission_required = "records.ask"
    form_class = forms.AskForm
    template_name = "records/ask.html"
    heading = gettext_lazy("Ask for your data")
    submit_label = gettext_lazy("Send my request")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            open_request = (
                SubjectAccessRequest.objects.open().filter(requester=request.user).first()
            )
            if open_request is not None:
                messages.info(request, _("You have asked already: your request is being answered."))
                return redirect(open_request)
        return super().dispatch(request, *args, **kwargs)

    def get_success_url(self):
        return self.created.get_absolute_url() if self.created else _my_requests()

    def act(self, data):
        self.created = services.sar_make(
            requester=self.request.user,
            by=self.request.user,
            via=RequestVia.PORTAL,
            details=data["details"],
            request=self.request,
        )
        messages.success(self.request, _("Your request has been sent."))


def _my_requests():
    return reverse("records:my_requests")


class RequestMixin(ScopedObjectMixin):
    permission_required = "records.view_request"
    getter = staticmethod(services.get_request_for)
    context_name = "sar"

    @property
    def sar(self):
        return self.object

    def get_success_url(self):
        return self.sar.get_absolute_url()


class RequestDetailView(RequestMixin, TemplateView):
    """The requester, the manager and the DSL: one request, its deadline, and
    what was done."""

    template_name = "records/request_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["can_manage"] = user.has_perm("records.manage_requests")
        context["can_decide_cp"] = user.has_perm("records.decide_child_protection")
        context["can_read_pack"] = user.has_perm("records.read_pack", self.sar)
        context["deliver_form"] = forms.DeliverForm()
        return context


# Subject access: the manager's work -----------------------------------------


class RequestListView(PermissionRequiredMixin, ListPageView):
    """The manager and the DSL: every request with its deadline, open first."""

    permission_required = "records.view_requests"
    template_name = "records/request_list.html"
    context_object_name = "requests"
    paginate_by = 50

    def get_queryset(self):
        qs = (
            SubjectAccessRequest.objects.listed()
            .visible_to(self.request.user)
            .select_related("requester")
        )
        if self.showing_due:
            qs = qs.due_soon()
        elif self.showing_undecided:
            qs = qs.awaiting_cp_decision()
        elif not self.showing_all:
            qs = qs.open()
        return qs.order_by("due_on", "pk")

    @cached_property
    def showing_all(self):
        return self.request.GET.get("all") == "1"

    @cached_property
    def showing_due(self):
        """Only those due within a week, or overdue (the dashboard's figure)."""
        return self.request.GET.get("due") == "1"

    @cached_property
    def showing_undecided(self):
        """Only those waiting for the DSL's decision on child-protection
        material (the DSL's home figure)."""
        return self.request.GET.get("decide") == "1"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["showing_all"] = self.showing_all
        context["showing_due"] = self.showing_due
        context["showing_undecided"] = self.showing_undecided
        # The page links keep the list's filter.
        context["query_string"] = (
            "due=1"
            if self.showing_due
            else "decide=1"
            if self.showing_undecided
            else "all=1"
            if self.showing_all
            else ""
        )
        return context


class RecordRequestView(PermissionRequiredMixin, ServiceFormView):
    """The manager: a request made on paper, by email, by phone or in person."""

    permission_required = "records.manage_requests"
    form_class = forms.RecordRequestForm
    heading = gettext_lazy("Record a request for data")
    intro = gettext_lazy(
        "A request made on paper, by email, by phone or in person. The answer is due one "
        "month after it was received."
    )
    submit_label = gettext_lazy("Record the request")

    def get_initial(self):
        return {"received_on": timezone.localdate()}

    def get_success_url(self):
        if self.created:
            return self.created.get_absolute_url()
        return reverse("records:request_list")

    def act(self, data):
        self.created = services.sar_make(by=self.request.user, request=self.request, **data)


class ExtendView(RequestMixin, ServiceFormView):
    """The manager: more time for a complex request, before the first month ends."""

    permission_required = "records.manage_requests"
    form_class = forms.ExtendForm
    heading = gettext_lazy("Take more time to answer")
    intro = gettext_lazy(
        "Up to two more months for a complex request. The requester is told why at once, "
        "in the portal. This can only be done before the first month ends."
    )
    submit_label = gettext_lazy("Take more time and tell the requester")

    def act(self, data):
        services.sar_extend(sar=self.sar, by=self.request.user, request=self.request, **data)
        messages.success(self.request, _("The requester has been told."))


class ChildProtectionView(RequestMixin, ServiceFormView):
    """The DSL: whether child-protection material goes in the pack, and why."""

    permission_required = "records.decide_child_protection"
    form_class = forms.ChildProtectionForm
    heading = gettext_lazy("Child-protection material in this pack")
    intro = gettext_lazy(
        "Decide whether child-protection records may be given to this person. Withhold "
        "them where giving them could cause serious harm. Your reason is kept."
    )
    submit_label = gettext_lazy("Record the decision")

    def act(self, data):
        services.sar_decide_child_protection(
            sar=self.sar, by=self.request.user, request=self.request, **data
        )


class PrepareView(RequestMixin, View):
    """The manager: gather the pack (POST)."""

    permission_required = "records.manage_requests"

    def post(self, request, *args, **kwargs):
        try:
            services.sar_prepare(sar=self.sar, by=request.user, request=request)
        except DomainError as error:
            return refuse(request, error, redirect_to=self.sar)
        messages.success(request, _("The pack is ready. Read it through before you deliver it."))
        return redirect(self.sar)


class DeliverView(RequestMixin, View):
    """The manager: the pack was given to the requester (POST)."""

    permission_required = "records.manage_requests"

    def post(self, request, *args, **kwargs):
        form = forms.DeliverForm(request.POST)
        if not form.is_valid():
            return refuse(
                request,
                DomainError(_("Say how the pack was given.")),
                redirect_to=self.sar,
            )
        try:
            services.sar_deliver(
                sar=self.sar, by=request.user, method=form.cleaned_data["method"], request=request
            )
        except DomainError as error:
            return refuse(request, error, redirect_to=self.sar)
        messages.success(request, _("Delivered: the requester can now open the pack."))
        return redirect(self.sar)


class PackMixin(RequestMixin):
    permission_required = "records.read_pack"
    fmt = "html"

    def audit(self):
        action = (
            "records.subject_access.pack_read"
            if self.fmt == "html"
            else "records.subject_access.pack_downloaded"
        )
        audit.log(
            action,
            actor=self.request.user,
            obj=self.sar,
            request=self.request,
            data={"format": self.fmt},
        )


class PackView(PackMixin, TemplateView):
    """The requester once delivered, the manager once prepared: the pack."""

    template_name = "records/pack.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Our own rendering, kept when the pack was prepared.
        context["body"] = mark_safe(self.sar.pack_html)
        self.audit()
        return context


class PackPdfView(PackMixin, View):
    fmt = "pdf"

    def get(self, request, *args, **kwargs):
        pdf = html_to_pdf(
            body=mark_safe(self.sar.pack_html),
            title=_("Your data held by the nursery"),
        )
        self.audit()
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="my-data-{self.sar.pk}.pdf"'
        return response


class PackJsonView(PackMixin, View):
    fmt = "json"

    def get(self, request, *args, **kwargs):
        self.audit()
        response = HttpResponse(
            json.dumps(self.sar.pack_data, indent=2, ensure_ascii=False),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="my-data-{self.sar.pk}.json"'
        return response


# Retention, holds and disposal ----------------------------------------------


class ManagerMixin(PermissionRequiredMixin):
    permission_required = "records.manage_retention"


class RetentionView(ManagerMixin, TemplateView):
    """The manager: the retention schedule, holds, and what waits for disposal."""

    template_name = "records/retention.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["schedule"] = retention.schedule()
        context["holds"] = list(
            LegalHold.objects.in_force().select_related("child", "parent", "placed_by")
        )
        context["waiting"] = (
            DisposalRun.objects.filter(status=DisposalRun.Status.WAITING)
            .prefetch_related("lines")
            .first()
        )
        context["log"] = list(
            DisposalRun.objects.exclude(status=DisposalRun.Status.WAITING)
            .select_related("decided_by")
            .prefetch_related("lines")[:50]
        )
        return context


class RetentionEditView(ManagerMixin, ServiceFormView):
    form_class = forms.RetentionForm
    heading = gettext_lazy("Change a retention period")
    submit_label = gettext_lazy("Change the period")

    @cached_property
    def kind(self):
        if self.kwargs["kind"] not in RetentionKind.values:
            raise Http404
        return retention.BY_KIND[self.kwargs["kind"]]

    def get_initial(self):
        row = next(r for r in retention.schedule() if r["kind"] == self.kind)
        return {"years": row["years"]}

    def get_context_data(self, **kwargs):
        kwargs["intro"] = _("%(kind)s. Default: %(period)s. Source: %(source)s") % {
            "kind": self.kind.title,
            "period": self.kind.describe(self.kind.default_years),
            "source": self.kind.source,
        }
        return super().get_context_data(**kwargs)

    def get_success_url(self):
        return reverse("records:retention")

    def act(self, data):
        services.retention_change(
            kind=self.kind.kind, by=self.request.user, request=self.request, **data
        )


class HoldCreateView(ManagerMixin, ServiceFormView):
    form_class = forms.HoldForm
    heading = gettext_lazy("Place a legal hold")
    intro = gettext_lazy(
        "Nothing of this child's or family's records is disposed of until the hold is lifted."
    )
    submit_label = gettext_lazy("Place the hold")

    def get_success_url(self):
        return reverse("records:retention")

    def act(self, data):
        services.hold_place(by=self.request.user, request=self.request, **data)


class HoldLiftView(ManagerMixin, ServiceFormView):
    form_class = forms.ReasonForm
    heading = gettext_lazy("Lift a legal hold")
    submit_label = gettext_lazy("Lift the hold")

    @cached_property
    def hold(self):
        return get_object_or_404(LegalHold, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        kwargs["intro"] = _("On: %(subject)s. Placed because: %(reason)s") % {
            "subject": self.hold.subject,
            "reason": self.hold.reason,
        }
        return super().get_context_data(**kwargs)

    get_success_url = HoldCreateView.get_success_url

    def act(self, data):
        services.hold_lift(hold=self.hold, by=self.request.user, request=self.request, **data)


class DisposalScanView(ManagerMixin, View):
    """The manager: list what has passed its period now (as the nightly task does)."""

    def post(self, request, *args, **kwargs):
        run = services.disposal_scan()
        if run is None:
            messages.info(request, _("Nothing has passed its retention period."))
        else:
            messages.success(request, _("The list is ready for your approval."))
        return redirect("records:retention")


class DisposalDecideView(ManagerMixin, View):
    """The manager: approve (records go) or dismiss a waiting disposal (POST)."""

    approve = True

    def post(self, request, *args, **kwargs):
        run = get_object_or_404(DisposalRun, pk=self.kwargs["pk"])
        action = services.disposal_approve if self.approve else services.disposal_dismiss
        try:
            action(run=run, by=request.user, request=request)
        except DomainError as error:
            return refuse(request, error, redirect_to="records:retention")
        if self.approve:
            messages.success(request, _("The records were disposed of and the log kept."))
        return redirect("records:retention")


# Erasure and restriction ------------------------------------------------------


class RightsListView(PermissionRequiredMixin, ListPageView):
    """The manager: requests for erasure and restriction, newest first."""

    permission_required = "records.manage_rights"
    template_name = "records/rights_list.html"
    context_object_name = "rights"
    paginate_by = 50

    def get_queryset(self):
        return RightsRequest.objects.visible_to(self.request.user).select_related(
            "child", "requester"
        )


class RightsCreateView(PermissionRequiredMixin, ServiceFormView):
    permission_required = "records.manage_rights"
    form_class = forms.RightsForm
    heading = gettext_lazy("Record a request for erasure or restriction")
    submit_label = gettext_lazy("Record the request")

    def get_initial(self):
        return {"received_on": timezone.localdate()}

    def get_success_url(self):
        if self.created:
            return self.created.get_absolute_url()
        return reverse("records:rights_list")

    def act(self, data):
        self.created = services.rights_record(by=self.request.user, request=self.request, **data)


class RightsMixin(ScopedObjectMixin):
    permission_required = "records.manage_rights"
    getter = staticmethod(services.get_rights_request_for)
    context_name = "rr"

    @property
    def rr(self):
        return self.object

    def get_success_url(self):
        return self.rr.get_absolute_url()


class RightsDetailView(RightsMixin, TemplateView):
    template_name = "records/rights_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["pending"] = self.rr.decision == RightsDecision.PENDING
        return context


class RightsDecideView(RightsMixin, ServiceFormView):
    form_class = forms.RightsDecisionForm
    heading = gettext_lazy("Decide on the request")
    intro = gettext_lazy(
        "A granted restriction makes the child's records read-only and keeps the child off "
        "everyday lists until you lift it."
    )
    submit_label = gettext_lazy("Record the decision")

    def act(self, data):
        services.rights_decide(rr=self.rr, by=self.request.user, request=self.request, **data)


class RestrictionLiftView(RightsMixin, ServiceFormView):
    form_class = forms.ReasonForm
    heading = gettext_lazy("Lift the restriction")
    submit_label = gettext_lazy("Lift the restriction")

    def act(self, data):
        services.restriction_lift(rr=self.rr, by=self.request.user, request=self.request, **data)
