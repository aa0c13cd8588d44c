from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from agencies.forms import (
    AgencyContactForm,
    AgencyForm,
    AgencyReviewForm,
    DirectoryFilterForm,
    OnwardConsentForm,
    SharingDecisionForm,
    SignpostForm,
    SupervisedVisitForm,
    ThirdPartyInformationForm,
)
from agencies.models import (
    Agency,
    SharingDecision,
    SupervisedVisit,
    ThirdPartyInformation,
)
from agencies.services import (
    agency_add,
    agency_change,
    agency_contact_add,
    get_agency_for,
    get_child_restricted_for,
    get_onward_consent_for,
    get_sharing_for,
    get_third_party_for,
    get_visit_for,
    onward_consent_record,
    onward_consent_withdraw,
    partnership_review_record,
    sharing_decision_record,
    signpost_record,
    third_party_record,
    visit_record,
)
from families.views import ChildMixin
from nursery import audit
from nursery.dates import day_in_words
from nursery.formdata import fields_of
from nursery.queries import CompiledList
from nursery.validators import parse_id
from nursery.views.mixins import ListPageView, ScopedObjectMixin


class AgencyMixin(ScopedObjectMixin):
    """The agency in the URL within the person's reach (404), with
    `permission_required` checked on it (403)."""

    permission_required = "agencies.view_directory"
    getter = staticmethod(get_agency_for)
    context_name = "agency"

    @property
    def agency(self):
        return self.object


class RestrictedChildMixin(ChildMixin):
    """The child in the URL, for those who may see its restricted records
    (the key person, the DSL, the manager); 404 for everyone else."""

    permission_required = "agencies.record_restricted"
    getter = staticmethod(get_child_restricted_for)
    pk_kwarg = "child_pk"


def _directory(user, kind, **words):
    """The agencies `user` may see, of `kind` (any, None), each naming every
    one of `words` (`word0`, `word1`...) in its name or what it offers."""
    qs = Agency.objects.visible_to(user)
    if kind:
        qs = qs.filter(kind=kind)
    for word in words.values():
        qs = qs.filter(Q(name__icontains=word) | Q(offers__icontains=word))
    return qs.order_by("-is_active", "name")


class DirectoryView(PermissionRequiredMixin, ListPageView):
    """Everyone logged in: the directory. Parents see the public part of the
    agencies listed for families; staff see every agency and its review."""

    permission_required = "agencies.view_directory"
    template_name = "agencies/directory.html"
    paginate_by = 50

    def get_queryset(self):
        self.filter_form = DirectoryFilterForm(self.request.GET or None)
        data = self.filter_form.cleaned_data if self.filter_form.is_valid() else {}
        words = (data.get("q") or "").split()
        return CompiledList(
            "agencies.directory",
            _directory,
            user=self.request.user,
            kind=data.get("kind") or None,
            **{f"word{i}": word for i, word in enumerate(words)},
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_string"] = query.urlencode()
        context["today"] = timezone.localdate()
        return context


class AgencyDetailView(AgencyMixin, TemplateView):
    """Everyone logged in: one agency. Parents see what it offers and how to
    get in touch; staff also see contacts, protocol, notes and reviews."""

    template_name = "agencies/agency_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.request.user.has_perm("agencies.view_agency_staff_part", self.agency):
            context["staff_part"] = True
            context["contacts"] = self.agency.contacts.all()
            context["reviews"] = self.agency.reviews.select_related("reviewed_by")
        return context


class AgencyCreateView(PermissionRequiredMixin, FormView):
    """The DSL and the manager: add an agency to the directory."""

    permission_required = "agencies.manage_directory"
    template_name = "agencies/agency_form.html"
    form_class = AgencyForm

    def form_valid(self, form):
        agency = agency_add(by=self.request.user, fields=fields_of(form), request=self.request)
        messages.success(self.request, _("%(agency)s was added.") % {"agency": agency})
        return redirect(agency)


class AgencyUpdateView(AgencyMixin, FormView):
    """The DSL and the manager: change an agency's entry."""

    permission_required = "agencies.manage_directory"
    template_name = "agencies/agency_form.html"
    form_class = AgencyForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.agency
        return kwargs

    def form_valid(self, form):
        agency_change(
            agency=self.agency, by=self.request.user, fields=fields_of(form), request=self.request
        )
        messages.success(self.request, _("The changes were saved."))
        return redirect(self.agency)


class ContactCreateView(AgencyMixin, FormView):
    """The DSL and the manager: add a named contact at an agency."""

    permission_required = "agencies.manage_directory"
    template_name = "agencies/contact_form.html"
    form_class = AgencyContactForm

    def form_valid(self, form):
        agency_contact_add(
            agency=self.agency,
            fields=fields_of(form),
            by=self.request.user,
            request=self.request,
        )
        messages.success(self.request, _("The contact was added."))
        return redirect(self.agency)


class AgencyReviewCreateView(AgencyMixin, FormView):
    """The manager: record a review of the partnership with an agency."""

    permission_required = "agencies.review_partnership"
    template_name = "agencies/review_form.html"
    form_class = AgencyReviewForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["agency"] = self.agency
        return kwargs

    def form_valid(self, form):
        review = partnership_review_record(
            agency=self.agency,
            fields=fields_of(form),
            by=self.request.user,
            request=self.request,
        )
        messages.success(
            self.request,
            _("The review was recorded. The next is due on %(date)s.")
            % {"date": day_in_words(review.next_review_due)},
        )
        return redirect("agencies:reviews_due")


def _reviews_due():
    return (
        Agency.objects.review_due()
        .annotate(review_count=Count("reviews"))
        .order_by("next_review_due", "name")
    )


class ReviewsDueView(PermissionRequiredMixin, ListPageView):
    """The manager: partnerships overdue for review or due soon, most
    overdue first."""

    permission_required = "agencies.review_partnership"
    template_name = "agencies/reviews_due.html"
    paginate_by = 50

    def get_queryset(self):
        return CompiledList("agencies.reviews_due", _reviews_due)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
        return context


class SignpostCreateView(ChildMixin, FormView):
    """The key person, the DSL and the manager: signpost a child's family to
    an agency."""

    permission_required = "agencies.signpost_family"
    pk_kwarg = "child_pk"
    template_name = "agencies/signpost_form.html"
    form_class = SignpostForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["child"] = self.child
        return kwargs

    def form_valid(self, form):
        signpost = signpost_record(
            child=self.child,
            fields=fields_of(form),
            by=self.request.user,
            request=self.request,
        )
        messages.success(
            self.request,
            _("The family's signpost to %(agency)s was recorded.") % {"agency": signpost.agency},
        )
        return redirect(self.child)


class ChildRecordsView(RestrictedChildMixin, TemplateView):
    """The key person, the DSL and the manager: a child's information-sharing
    log, third-party information and supervised visits. Each opening is
    audited."""

    permission_required = "agencies.view_restricted"
    template_name = "agencies/child_records.html"

    def get(self, request, *args, **kwargs):
        audit.log_read(
            "agencies.child_records.read", request=request, obj=self.child, child=self.child
        )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        child = self.child
        context["decisions"] = (
            SharingDecision.objects.visible_to(self.request.user)
            .filter(child=child)
            .select_related("agency", "decided_by")
        )
        context["items"] = (
            ThirdPartyInformation.objects.filter(child=child)
            .select_related("agency")
            .annotate(
                consent_count=Count(
                    "onward_consents", filter=Q(onward_consents__withdrawn_on__isnull=True)
                )
            )
        )
        context["visits"] = SupervisedVisit.objects.filter(child=child).select_related(
            "agency", "supervised_by"
        )
        return context


class SharingCreateView(RestrictedChildMixin, FormView):
    """The key person, the DSL and the manager: record a decision to share
    information about the child with an agency, or not to."""

    template_name = "agencies/sharing_form.html"
    form_class = SharingDecisionForm

    @cached_property
    def corrected(self):
        """The decision this one corrects (`?corrects=<id>`), if any: the log
        is never edited, a correction is a new entry pointing at the old."""
        value = parse_id(self.request.GET.get("corrects"))
        if value is None:
            return None
        found = get_sharing_for(self.request.user, value)
        if found.child_id != self.child.pk:
            raise Http404
        return found

    def get_initial(self):
        old = self.corrected
        if old is None:
            return {}
        fields = SharingDecisionForm._meta.fields
        initial = {name: getattr(old, name) for name in fields if name != "shared"}
        initial.update(
            shared="yes" if old.shared else "no",
            agency=old.agency_id,
            decided_by=old.decided_by_id,
        )
        return initial

    def get(self, request, *args, **kwargs):
        # A correction's form is filled in from the earlier decision: that
        # is a reading of it.
        if self.corrected is not None:
            audit.log_read(
                "agencies.sharing.read",
                request=request,
                obj=self.corrected,
                child=self.corrected.child,
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs["corrected"] = self.corrected
        return super().get_context_data(**kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def form_valid(self, form):
        decision = sharing_decision_record(
            child=self.child,
            by=self.request.user,
            fields=fields_of(form),
            corrects=self.corrected,
            request=self.request,
        )
        messages.success(self.request, _("The decision was recorded in the log."))
        return redirect(decision)


class SharingDetailView(PermissionRequiredMixin, TemplateView):
    """The key person, the DSL and the manager: one decision of the log
    (audited)."""

    permission_required = "agencies.view_restricted"
    template_name = "agencies/sharing_detail.html"

    def get_permission_object(self):
        self.decision = get_sharing_for(self.request.user, self.kwargs["pk"])
        return self.decision.child

    def get(self, request, *args, **kwargs):
        audit.log_read(
            "agencies.sharing.read", request=request, obj=self.decision, child=self.decision.child
        )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["decision"] = self.decision
        context["child"] = self.decision.child
        return context


class ThirdPartyCreateView(RestrictedChildMixin, FormView):
    """The key person, the DSL and the manager: record information an agency
    gave about the child."""

    template_name = "agencies/third_party_form.html"
    form_class = ThirdPartyInformationForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "child": self.child}

    def form_valid(self, form):
        item = third_party_record(
            child=self.child,
            fields=fields_of(form),
            by=self.request.user,
            request=self.request,
        )
        messages.success(
            self.request,
            _(
                "The information was recorded. It stays confidential until the agency agrees "
                "to it being passed on."
            ),
        )
        return redirect(item)


class ThirdPartyDetailView(PermissionRequiredMixin, FormView):
    """The key person, the DSL and the manager: one piece of third-party
    information (audited), its consents to pass on, and the form to record
    a new consent."""

    permission_required = "agencies.view_restricted"
    template_name = "agencies/third_party_detail.html"
    form_class = OnwardConsentForm

    def get_permission_object(self):
        self.item = get_third_party_for(self.request.user, self.kwargs["pk"])
        return self.item.child

    def get(self, request, *args, **kwargs):
        audit.log_read(
            "agencies.third_party.read", request=request, obj=self.item, child=self.item.child
        )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["item"] = self.item
        context["child"] = self.item.child
        context["consents"] = list(
            self.item.onward_consents.select_related("recorded_by").prefetch_related("recipient")
        )
        for consent in context["consents"]:
            consent.label = consent.recipient_label
        return context

    def form_valid(self, form):
        onward_consent_record(
            item=self.item,
            recipient=form.cleaned_data["recipient"],
            given_by=form.cleaned_data["given_by"],
            given_on=form.cleaned_data["given_on"],
            by=self.request.user,
            request=self.request,
        )
        messages.success(self.request, _("The agency's consent was recorded."))
        return redirect(self.item)

    def form_invalid(self, form):
        audit.log_read(
            "agencies.third_party.read", request=self.request, obj=self.item, child=self.item.child
        )
        return super().form_invalid(form)


class ConsentWithdrawView(PermissionRequiredMixin, View):
    """The key person, the DSL and the manager: the agency withdrew its
    consent to pass the information on (POST)."""

    permission_required = "agencies.record_restricted"
    http_method_names = ["post"]

    def get_permission_object(self):
        self.consent = get_onward_consent_for(self.request.user, self.kwargs["pk"])
        return self.consent.item.child

    def post(self, request, *args, **kwargs):
        onward_consent_withdraw(
            consent=self.consent, on=timezone.localdate(), by=request.user, request=request
        )
        messages.success(
            request, _("The consent was withdrawn. The information is no longer passed on.")
        )
        return redirect(self.consent.item)


class VisitCreateView(RestrictedChildMixin, FormView):
    """The key person, the DSL and the manager: record a supervised visit by
    someone from an agency."""

    template_name = "agencies/visit_form.html"
    form_class = SupervisedVisitForm

    def get_initial(self):
        return {"supervised_by": self.request.user.pk}

    def form_valid(self, form):
        visit = visit_record(
            child=self.child,
            fields=fields_of(form),
            by=self.request.user,
            supervised_throughout=form.cleaned_data["supervised_throughout"],
            request=self.request,
        )
        if visit.supervision_lapsed:
            messages.warning(
                self.request,
                _("The visit was recorded with the lapse in supervision as an incident."),
            )
        else:
            messages.success(self.request, _("The visit was recorded."))
        return redirect(visit)


class VisitDetailView(PermissionRequiredMixin, TemplateView):
    """The key person, the DSL and the manager: one supervised visit and its
    notes (audited)."""

    permission_required = "agencies.view_restricted"
    template_name = "agencies/visit_detail.html"

    def get_permission_object(self):
        self.visit = get_visit_for(self.request.user, self.kwargs["pk"])
        return self.visit.child

    def get(self, request, *args, **kwargs):
        audit.log_read(
            "agencies.visit.read", request=request, obj=self.visit, child=self.visit.child
        )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["visit"] = self.visit
        context["child"] = self.visit.child
        return context
