from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from consents.forms import (
    ConsentTypeForm,
    DoseForm,
    MedicationIncidentForm,
    MedicationPermissionForm,
    OutingForm,
    ParentDecisionForm,
    StaffDecisionForm,
)
from consents.models import (
    EXPIRY_WARNING_DAYS,
    ConsentEvent,
    ConsentType,
    Decision,
    MedicationDose,
    MedicationIncident,
    MedicationPermission,
    Method,
)
from consents.services import (
    children_states,
    consent_decide,
    consent_state,
    consent_states,
    consent_type_add,
    consent_type_change,
    dose_acknowledge,
    dose_record,
    expiring_consents,
    get_consent_type,
    get_dose_for,
    get_permission_for,
    medication_incident_record,
    medication_permission_give,
    medication_permission_stop,
    permission_named,
)
from families.models import Child, ParentLink
from families.selectors import with_reported_absence
from families.views import ChildMixin
from nursery.dates import format_date
from nursery.errors import DomainError, refuse
from nursery.formdata import fields_of
from nursery.links import reverse
from nursery.queries import compiled_rows
from nursery.registry import flags_for
from nursery.validators import parse_id
from nursery.views.mixins import ListPageView


def _form_errors_from(form, error):
    """Put a service's refusal on the form's fields (or the form as a whole)."""
    for field, messages_ in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages_)


# ---------------------------------------------------------------- purposes


class ConsentTypeListView(PermissionRequiredMixin, ListPageView):
    """Staff: the purposes families are asked about; the manager changes them."""

    permission_required = "consents.view_consent_types"
    template_name = "consents/type_list.html"
    queryset = ConsentType.objects.all()


class ConsentTypeCreateView(PermissionRequiredMixin, FormView):
    """Manager: add a purpose."""

    permission_required = "consents.manage_consent_types"
    template_name = "consents/type_form.html"
    form_class = ConsentTypeForm

    def form_valid(self, form):
        consent_type_add(by=self.request.user, fields=fields_of(form), request=self.request)
        messages.success(self.request, _("The purpose was added."))
        return redirect("consents:type_list")


class ConsentTypeUpdateView(ConsentTypeCreateView):
    """Manager: change a purpose's wording or settings. Decisions already
    made keep the wording they were shown."""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = get_object_or_404(ConsentType, pk=self.kwargs["pk"])
        return kwargs

    def form_valid(self, form):
        consent_type_change(
            consent_type=form.instance,
            by=self.request.user,
            fields=fields_of(form),
            request=self.request,
        )
        messages.success(self.request, _("The changes were saved."))
        return redirect("consents:type_list")


# ---------------------------------------------------------------- overviews


class ExpiringView(PermissionRequiredMixin, ListPageView):
    """Staff: consents that have expired or expire within 30 days, for
    children at the setting now, soonest first, fifty to a page."""

    permission_required = "consents.view_consent_overview"
    template_name = "consents/expiring.html"
    context_object_name = "rows"
    paginate_by = 50

    def get_queryset(self):
        return expiring_consents()

    def get_context_data(self, **kwargs):
        kwargs["days"] = EXPIRY_WARNING_DAYS
        return super().get_context_data(**kwargs)


class OutingView(PermissionRequiredMixin, TemplateView):
    """Staff: for a room and a date, which children may go on an outing."""

    permission_required = "consents.view_consent_overview"
    template_name = "consents/outings.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = OutingForm(self.request.GET or None)
        data = form.cleaned_data if form.is_valid() else {}
        day = data.get("day") or timezone.localdate()
        children = (
            Child.objects.filter(started_on__lte=day)
            .filter(Q(leaving_on__isnull=True) | Q(leaving_on__gte=day))
            .select_related("room", "details")
            .order_by("last_name", "first_name", "pk")
        )
        if data.get("room"):
            children = children.filter(room=data["room"])
        # A child the family reported away that day is marked, so that the
        # list is not read as who is going.
        children = with_reported_absence(children, day)
        # Every flag staff must know on the outing (a life-threatening
        # allergy, who must not collect) from every app's flag source.
        children = flags_for(self.request, children)
        outings = ConsentType.objects.filter(code="outings").first()
        states = (
            consent_states(children=children, consent_types=[outings], on=day, who_decided=False)
            if outings
            else {}
        )
        may_go, may_not = [], []
        for child in children:
            state = states.get((child.pk, outings.pk)) if outings else None
            child.outing_state = state
            (may_go if state is not None and state.is_given else may_not).append(child)
        context.update(
            form=form,
            day=day,
            room=data.get("room"),
            may_go=may_go,
            may_not=may_not,
            # The outing purpose's own mark: "may not go" says it once.
            outing_flag=outings.shown_flag if outings else "",
        )
        return context


def _my_children(user):
    return Child.objects.visible_to(user).order_by("first_name", "pk")


def _answers_for(user):
    return ParentLink.objects.filter(
        parent=user, portal_access=True, has_parental_responsibility=True
    ).values_list("child_id", flat=True)


class MyConsentsView(PermissionRequiredMixin, TemplateView):
    """Parents/carers: each of their children's consents in one place."""

    permission_required = "consents.view_family_consents"
    template_name = "consents/mine.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        children = children_states(
            children=compiled_rows("consents.my_children", _my_children, user=user)
        )
        # The same rule as consents.decide_online, for every child in one query.
        answers_for = set(compiled_rows("consents.answers_for", _answers_for, user=user))
        for child in children:
            child.can_decide = child.pk in answers_for
        context["children"] = children
        return context


# ---------------------------------------------------------------- one child's consents


class ChildConsentsView(ChildMixin, TemplateView):
    """Staff and the child's linked parents/carers: each purpose, what it
    covers, and the current decision."""

    permission_required = "consents.view_child_consents"
    template_name = "consents/child_consents.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["states"] = children_states(children=[self.child])[0].consent_states
        return context


class ConsentHistoryView(ChildMixin, TemplateView):
    """Staff and the child's linked parents/carers: every decision ever recorded."""

    permission_required = "consents.view_child_consents"
    template_name = "consents/history.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["events"] = ConsentEvent.objects.filter(child=self.child).select_related(
            "consent_type", "decided_by", "recorded_by"
        )
        return context


class PurposeMixin(ChildMixin):
    @cached_property
    def consent_type(self):
        return get_consent_type(self.kwargs["type_pk"])

    def get_context_data(self, **kwargs):
        kwargs["consent_type"] = self.consent_type
        kwargs["state"] = consent_state(child=self.child, consent_type=self.consent_type)
        return super().get_context_data(**kwargs)


class DecideView(PurposeMixin, FormView):
    """The child's parents/carers with parental responsibility: read what one
    purpose covers and give or refuse consent online."""

    permission_required = "consents.decide_online"
    template_name = "consents/decide.html"
    form_class = ParentDecisionForm

    def dispatch(self, request, *args, **kwargs):
        if not self.consent_type.is_active:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        decision = form.cleaned_data["decision"]
        try:
            consent_decide(
                child=self.child,
                consent_type=self.consent_type,
                decision=decision,
                decided_by=self.request.user,
                recorded_by=self.request.user,
                method=Method.ONLINE,
                confirmed_parental_responsibility=form.cleaned_data["confirm"],
                request=self.request,
            )
        except ValidationError as error:
            _form_errors_from(form, error)
            return self.form_invalid(form)
        if decision == Decision.GIVEN:
            messages.success(self.request, _("Thank you. Your consent was recorded."))
        else:
            messages.success(self.request, _("Thank you. Your answer was recorded: not given."))
        return redirect("consents:child_consents", pk=self.child.pk)


class WithdrawView(PurposeMixin, View):
    """As DecideView: withdraw consent, at once, in one step (POST)."""

    permission_required = "consents.decide_online"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            consent_decide(
                child=self.child,
                consent_type=self.consent_type,
                decision=Decision.WITHDRAWN,
                decided_by=request.user,
                recorded_by=request.user,
                method=Method.ONLINE,
                confirmed_parental_responsibility=True,
                request=request,
            )
        except ValidationError as error:
            return refuse(
                request,
                DomainError(" ".join(error.messages), code="not_in_force"),
                redirect_to=reverse("consents:child_consents", args=[self.child.pk]),
            )
        messages.success(
            request,
            _("Your consent for %(purpose)s is withdrawn from now.")
            % {"purpose": self.consent_type.shown_name.lower()},
        )
        return redirect("consents:child_consents", pk=self.child.pk)


class RecordDecisionView(PurposeMixin, FormView):
    """The key person, the DSL, the manager: record a decision given on
    paper or in person."""

    permission_required = "consents.record_decision"
    template_name = "consents/record.html"
    form_class = StaffDecisionForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["child"] = self.child
        return kwargs

    def form_valid(self, form):
        try:
            consent_decide(
                child=self.child,
                consent_type=self.consent_type,
                recorded_by=self.request.user,
                request=self.request,
                **form.cleaned_data,
            )
        except ValidationError as error:
            _form_errors_from(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The decision was recorded."))
        return redirect("consents:child_consents", pk=self.child.pk)


# ---------------------------------------------------------------- medication


def doses_of(child, user):
    """The child's doses as `user` reads them: with how many homes have
    acknowledged each and the acknowledgements `user` may see (staff, every
    home's; a parent, their own home's)."""
    return (
        MedicationDose.objects.filter(child=child)
        .with_homes_acknowledged(user)
        .with_acknowledgements_shown_to(user, child)
        .select_related("permission", "given_by", "witnessed_by")
    )


class MedicationView(ChildMixin, TemplateView):
    """Staff and the child's linked parents/carers: written permissions and
    every dose given; parents acknowledge doses here."""

    permission_required = "consents.view_child_medication"
    template_name = "consents/medication.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        permissions = list(
            MedicationPermission.objects.filter(child=self.child).select_related(
                "given_by", "recorded_by", "stop__stopped_by"
            )
        )
        current = [p for p in permissions if p.ends_on >= today and p.stopped is None]
        context["current_permissions"] = current
        context["past_permissions"] = [p for p in permissions if p not in current]
        context["doses"] = doses_of(self.child, self.request.user)[:200]
        context["incidents"] = MedicationIncident.objects.filter(child=self.child).select_related(
            "given_by", "reviewed_by"
        )[:50]
        return context


class PermissionCreateView(ChildMixin, FormView):
    """Parents/carers with parental responsibility give written permission
    online; the key person, the DSL or the manager copy a paper one."""

    permission_required = "consents.give_medication_permission"
    template_name = "consents/permission_form.html"
    form_class = MedicationPermissionForm

    @property
    def staff(self):
        return self.request.user.is_setting_staff

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(child=self.child, staff=self.staff)
        return kwargs

    def form_valid(self, form):
        try:
            permission = medication_permission_give(
                child=self.child,
                by=self.request.user,
                fields=fields_of(form),
                given_by=form.cleaned_data.get("given_by"),
                method=form.cleaned_data.get("method") or Method.PAPER,
                request=self.request,
            )
        except ValidationError as error:
            _form_errors_from(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The permission for %(medicine)s was saved.") % {"medicine": permission.medicine},
        )
        return redirect("consents:medication", pk=self.child.pk)


class PermissionStopView(ChildMixin, View):
    """As PermissionCreateView: stop giving a medicine, from now (POST)."""

    permission_required = "consents.give_medication_permission"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        permission = get_permission_for(request.user, self.kwargs["perm_pk"], child=self.child)
        medication_permission_stop(permission=permission, by=request.user, request=request)
        messages.success(
            request,
            _("%(medicine)s will not be given from now.") % {"medicine": permission.medicine},
        )
        return redirect("consents:medication", pk=self.child.pk)


class DoseCreateView(ChildMixin, FormView):
    """Every member of staff: record a dose given. The page shows, before
    the dose is given, what the permission allows (how much, how often),
    the doses already given today and the child's safety marks (an
    allergy); a dose outside the written permission is refused with the
    reason."""

    permission_required = "consents.record_dose"
    template_name = "consents/dose_form.html"
    form_class = DoseForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def get_initial(self):
        initial = super().get_initial()
        permission_id = parse_id(self.request.GET.get("permission"))
        if permission_id is not None:
            permission = MedicationPermission.objects.filter(
                child=self.child, pk=permission_id
            ).first()
            if permission is not None:
                initial["medicine"] = permission.medicine
                initial["amount"] = permission.dose_amount
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context["permissions"] = (
            MedicationPermission.objects.filter(child=self.child)
            .active_on(today)
            .prefetch_related(
                Prefetch(
                    "doses",
                    queryset=MedicationDose.objects.filter(given_at__date=today).order_by(
                        "given_at"
                    ),
                    to_attr="given_today",
                )
            )
        )
        for permission in context["permissions"]:
            permission.times_given_today = ", ".join(
                format_date(timezone.localtime(dose.given_at), "H:i")
                for dose in permission.given_today
            )
        context["flags"] = flags_for(self.request, [self.child])[0].flags
        return context

    def form_valid(self, form):
        try:
            dose = dose_record(child=self.child, recorded_by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            # Refused as a dose; if it was already given, the error is kept
            # as a medication incident instead of being lost.
            data = dict(form.cleaned_data)
            _form_errors_from(form, error)
            amount = f"{data['amount']:f}" if data.get("amount") else ""
            written = permission_named(self.child, data.get("medicine") or "")
            if amount and written is not None:
                amount = f"{amount} {written.dose_unit}"  # "10 ml", as the permission says it
            query = QueryDict(mutable=True)
            query.update(
                {
                    "medicine": data.get("medicine", ""),
                    "amount": amount,
                    "given_at": timezone.localtime(data["given_at"]).strftime("%Y-%m-%dT%H:%M")
                    if data.get("given_at")
                    else "",
                    "given_by": data["given_by"].pk if data.get("given_by") else "",
                    "why": " ".join(error.messages),
                }
            )
            return self.render_to_response(
                self.get_context_data(form=form, refused=True, incident_query=query.urlencode())
            )
        messages.success(
            self.request,
            _("The dose of %(medicine)s was recorded. The family will see it.")
            % {"medicine": dose.permission.medicine},
        )
        return redirect("consents:medication", pk=self.child.pk)


class DoseAcknowledgeView(PermissionRequiredMixin, View):
    """Linked parents/carers: acknowledge that they have seen a dose (POST)."""

    permission_required = "consents.acknowledge_dose"
    http_method_names = ["post"]

    def get_permission_object(self):
        self.dose = get_dose_for(self.request.user, self.kwargs["pk"])
        return self.dose.child

    def post(self, request, *args, **kwargs):
        dose_acknowledge(dose=self.dose, by=request.user, request=request)
        messages.success(request, _("Thank you for acknowledging the dose."))
        return redirect("consents:medication", pk=self.dose.child_id)


class MedicationIncidentCreateView(ChildMixin, FormView):
    """Every member of staff: record a medicine given outside the written
    permission (or with none) as a medication incident, whoever finds it."""

    permission_required = "consents.record_medication_incident"
    template_name = "consents/incident_form.html"
    form_class = MedicationIncidentForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def get_initial(self):
        initial = super().get_initial()
        get = self.request.GET
        for name in ("medicine", "amount", "given_at"):
            if get.get(name):
                initial[name] = get[name][:120]
        given_by = parse_id(get.get("given_by"))
        if given_by is not None:
            initial["given_by"] = given_by
        if get.get("why"):
            initial["what_went_wrong"] = get["why"][:1000]
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["incidents"] = MedicationIncident.objects.filter(child=self.child).select_related(
            "given_by", "reviewed_by"
        )[:20]
        return context

    def form_valid(self, form):
        medication_incident_record(
            incident=form.save(commit=False),
            child=self.child,
            by=self.request.user,
            request=self.request,
        )
        messages.success(
            self.request,
            _("The medication incident was recorded. The manager will review it."),
        )
        return redirect("consents:medication", pk=self.child.pk)
