from django.contrib import messages
from django.db.models import Count, Exists, Max, OuterRef
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from families import views as families_views
from families.models import Child
from nursery import audit
from nursery.dates import add_months, day_in_words
from nursery.errors import DomainError, form_refused, refuse
from nursery.formdata import fields_of
from nursery.links import reverse
from nursery.queries import CompiledList
from nursery.registry import sections_named_to
from nursery.views.mixins import FormPageMixin, ListPageView, ScopedObjectMixin
from transitions import forms, services
from transitions.models import (
    ChildProtectionHandover,
    Move,
    ParentView,
    School,
    Transfer,
    TransferSummary,
)


class SchoolMixin(ScopedObjectMixin):
    permission_required = "transitions.manage_schools"
    getter = staticmethod(services.get_school_for)
    context_name = "school"

    @property
    def school(self):
        return self.object


class ChildMixin(families_views.ChildMixin):
    pk_kwarg = "child_pk"


class MoveMixin(ScopedObjectMixin):
    getter = staticmethod(services.get_move_for)
    permission_on_child = True


class TransferMixin(ScopedObjectMixin):
    permission_required = "transitions.send_pack"
    getter = staticmethod(services.get_transfer_for)
    permission_on_child = True


# Schools ---------------------------------------------------------------------


class SchoolListView(PermissionRequiredMixin, ListPageView):
    """Staff: the local schools; the manager adds, edits and reviews them."""

    permission_required = "transitions.view_schools"
    template_name = "transitions/school_list.html"
    paginate_by = 50

    def get_queryset(self):
        qs = School.objects.visible_to(self.request.user)
        self.only_due = self.request.GET.get("due") == "1"
        if self.only_due:
            qs = qs.review_due()
        return qs.annotate(
            last_activity=Max("activities__happened_on"),
            children_moving=Count("moves", distinct=True),
        ).order_by("-is_active", "name")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["only_due"] = self.only_due
        context["query_string"] = "due=1" if self.only_due else ""
        return context


class SchoolCreateView(PermissionRequiredMixin, FormPageMixin, FormView):
    """Manager: add a school."""

    permission_required = "transitions.manage_schools"
    form_class = forms.SchoolForm

    def get_heading(self):
        return _("Add a school")

    def form_valid(self, form):
        school = services.school_add(
            by=self.request.user, fields=fields_of(form), request=self.request
        )
        messages.success(self.request, _("%(school)s was added.") % {"school": school})
        return redirect(school)


class SchoolDetailView(SchoolMixin, TemplateView):
    """Staff: a school, its contacts, the activities and the reviews."""

    permission_required = "transitions.view_schools"
    template_name = "transitions/school_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        school = self.school
        context["contacts"] = school.contacts.all()
        context["activities"] = school.activities.select_related("recorded_by")[:50]
        context["reviews"] = school.reviews.select_related("reviewed_by")[:20]
        context["moves"] = school.moves.select_related("child").order_by("starts_on")[:50]
        return context


class SchoolUpdateView(SchoolMixin, FormPageMixin, FormView):
    """Manager: change a school's details."""

    form_class = forms.SchoolEditForm

    def get_heading(self):
        return _("Edit %(school)s") % {"school": self.school}

    def get_cancel_url(self):
        return self.school.get_absolute_url()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.school}

    def form_valid(self, form):
        services.school_change(
            school=self.school, by=self.request.user, fields=fields_of(form), request=self.request
        )
        messages.success(self.request, _("The changes were saved."))
        return redirect(self.school)


class SchoolChildFormView(SchoolMixin, FormPageMixin, FormView):
    """Manager: add a contact, an activity or a review to a school."""

    def get_cancel_url(self):
        return self.school.get_absolute_url()

    def form_valid(self, form):
        self.save(fields_of(form))
        messages.success(self.request, self.success_message)
        return redirect(self.school)


class ContactCreateView(SchoolChildFormView):
    form_class = forms.SchoolContactForm
    success_message = gettext_lazy("The contact was added.")

    def get_heading(self):
        return _("Add a contact at %(school)s") % {"school": self.school}

    def save(self, fields):
        services.school_contact_add(
            school=self.school, by=self.request.user, fields=fields, request=self.request
        )


class ActivityCreateView(SchoolChildFormView):
    form_class = forms.ActivityForm
    success_message = gettext_lazy("The activity was recorded.")

    def get_heading(self):
        return _("Record an activity with %(school)s") % {"school": self.school}

    def save(self, fields):
        services.school_activity_record(
            school=self.school, by=self.request.user, fields=fields, request=self.request
        )


class SchoolReviewCreateView(SchoolChildFormView):
    form_class = forms.ReviewForm
    success_message = gettext_lazy("The review was recorded.")
    submit_label = gettext_lazy("Record the review")

    def get_heading(self):
        return _("Review the partnership with %(school)s") % {"school": self.school}

    def get_initial(self):
        from django.utils import timezone

        today = timezone.localdate()
        return {
            "reviewed_on": today,
            "next_review_due": add_months(today, self.school.review_interval_months),
        }

    def save(self, fields):
        services.school_review_record(
            school=self.school, by=self.request.user, fields=fields, request=self.request
        )


# Moves to school ---------------------------------------------------------------


def _moves(user):
    transfers = Transfer.objects.filter(child=OuterRef("child"))
    return (
        Move.objects.visible_to(user)
        .select_related("child", "school")
        .annotate(
            pack_sent=Exists(transfers.filter(sent_on__isnull=False)),
            pack_received=Exists(transfers.filter(received_on__isnull=False)),
            visits=Count("events", distinct=True),
        )
        .order_by("starts_on", "child__last_name", "pk")
    )


class MoveListView(PermissionRequiredMixin, ListPageView):
    """Staff: every child's move to school, soonest first, with the pack's state."""

    permission_required = "transitions.view_moves"
    template_name = "transitions/move_list.html"
    paginate_by = 50

    def get_queryset(self):
        return CompiledList("transitions.moves", _moves, user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["unplanned"] = list(
            Child.objects.visible_to(self.request.user)
            .current()
            .filter(leaving_on__isnull=False, move__isnull=True)
            .order_by("leaving_on", "last_name")[:20]
        )
        return context


class MoveCreateView(ChildMixin, FormPageMixin, FormView):
    """The key person, the DSL, the manager: record the child's school and start date."""

    permission_required = "transitions.plan_move"
    form_class = forms.MoveForm

    def get(self, request, *args, **kwargs):
        # Opening the form for a child who already has a move shows that move
        # (the child is read, and the permission checked on it, first); the
        # rule itself (one move per child) is the service's.
        existing = Move.objects.filter(child=self.child).first()
        if existing is not None:
            return redirect(existing)
        return super().get(request, *args, **kwargs)

    def get_heading(self):
        return _("Move to school for %(child)s") % {"child": self.child}

    def get_cancel_url(self):
        return self.child.get_absolute_url()

    def form_valid(self, form):
        try:
            move = services.move_plan(
                child=self.child, by=self.request.user, fields=fields_of(form), request=self.request
            )
        except DomainError as error:
            return refuse(self.request, error, redirect_to=self.child.move, level=messages.INFO)
        messages.success(self.request, _("The move to school was recorded."))
        return redirect(move)


class MoveDetailView(MoveMixin, TemplateView):
    """Staff and the child's parents/carers: the plan for the move to school."""

    permission_required = "transitions.see_move"
    template_name = "transitions/move_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        move = self.object
        context["move"] = move
        context["events"] = move.events.all()
        context["views"] = (
            ParentView.objects.visible_to(self.request.user)
            .filter(move=move)
            .select_related("parent")
        )
        context["summary"] = TransferSummary.objects.filter(move=move).first()
        context["transfers"] = Transfer.objects.filter(child=move.child).select_related("school")
        return context


class MoveUpdateView(MoveMixin, FormPageMixin, FormView):
    """As MoveCreateView: change the school, date or class."""

    permission_required = "transitions.plan_move"
    form_class = forms.MoveForm

    def get_heading(self):
        return _("Change the move to school for %(child)s") % {"child": self.object.child}

    def get_cancel_url(self):
        return self.object.get_absolute_url()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.object}

    def form_valid(self, form):
        services.move_change(
            move=self.object, by=self.request.user, fields=fields_of(form), request=self.request
        )
        messages.success(self.request, _("The changes were saved."))
        return redirect(self.object)


class EventCreateView(MoveMixin, FormPageMixin, FormView):
    """As MoveCreateView: plan a visit or a meeting."""

    permission_required = "transitions.plan_move"
    form_class = forms.EventForm
    submit_label = gettext_lazy("Plan it")

    def get_heading(self):
        return _("Plan a visit or meeting")

    def get_cancel_url(self):
        return self.object.get_absolute_url()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "move": self.object}

    def form_valid(self, form):
        services.move_event_plan(
            move=self.object, by=self.request.user, fields=fields_of(form), request=self.request
        )
        messages.success(self.request, _("The visit or meeting was planned."))
        return redirect(self.object)


class EventOutcomeView(MoveMixin, FormPageMixin, FormView):
    """As MoveCreateView: record how a visit or meeting went."""

    permission_required = "transitions.plan_move"
    form_class = forms.EventOutcomeForm
    submit_label = gettext_lazy("Save how it went")

    @cached_property
    def event(self):
        return get_object_or_404(self.object.events, pk=self.kwargs["event_pk"])

    def get_heading(self):
        return _("How it went: %(event)s, %(day)s") % {
            "event": self.event.get_kind_display(),
            "day": day_in_words(self.event.planned_on),
        }

    def get_cancel_url(self):
        return self.object.get_absolute_url()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.event}

    def form_valid(self, form):
        try:
            services.move_event_outcome(
                event=self.event,
                by=self.request.user,
                outcome=form.cleaned_data["outcome"],
                request=self.request,
            )
        except DomainError as error:
            return form_refused(self, form, error)
        messages.success(self.request, _("Saved."))
        return redirect(self.object)


class ParentViewCreateView(MoveMixin, FormPageMixin, FormView):
    """The child's parents/carers: their views, and what the school should know."""

    permission_required = "transitions.add_parent_view"
    form_class = forms.ParentViewForm
    submit_label = gettext_lazy("Send to the nursery")

    def get_heading(self):
        return _("Your views on %(child)s's move to school") % {"child": self.object.child}

    def get_cancel_url(self):
        return self.object.get_absolute_url()

    def form_valid(self, form):
        services.parent_view_add(
            move=self.object, parent=self.request.user, fields=fields_of(form), request=self.request
        )
        messages.success(
            self.request, _("Thank you. Your views will go to the school with the records.")
        )
        return redirect(self.object)


class SummaryView(MoveMixin, FormPageMixin, FormView):
    """The key person, the DSL, the manager: the summary for the school."""

    permission_required = "transitions.plan_move"
    form_class = forms.SummaryForm
    template_name = "transitions/summary_form.html"

    def get_heading(self):
        return _("Summary for the school: %(child)s") % {"child": self.object.child}

    def get_cancel_url(self):
        return self.object.get_absolute_url()

    def get_form_kwargs(self):
        summary = TransferSummary.objects.filter(move=self.object).first()
        return {**super().get_form_kwargs(), "instance": summary}

    def form_valid(self, form):
        services.summary_save(
            move=self.object, by=self.request.user, fields=fields_of(form), request=self.request
        )
        messages.success(self.request, _("The summary was saved."))
        return redirect(self.object)


# The transfer pack ---------------------------------------------------------------


class TransferPrepareView(MoveMixin, FormPageMixin, FormView):
    """The key person, the DSL, the manager: prepare the pack for the school."""

    permission_required = "transitions.send_pack"
    form_class = forms.PrepareForm
    submit_label = gettext_lazy("Prepare the pack")
    template_name = "transitions/prepare_form.html"

    def get_heading(self):
        return _("Prepare the records for %(school)s") % {"school": self.object.school}

    def get_cancel_url(self):
        return self.object.get_absolute_url()

    def get_form_kwargs(self):
        sections = services.pack_sections(child=self.object.child, school=self.object.school)
        choices = [(s["key"], s["title"]) for s in sections if s["key"] != services.SUMMARY_SECTION]
        return {**super().get_form_kwargs(), "choices": choices}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["has_summary"] = services.summary_written(self.object)
        return context

    def form_valid(self, form):
        try:
            transfer = services.transfer_prepare(
                child=self.object.child,
                school=self.object.school,
                sections=[*form.cleaned_data["sections"], services.SUMMARY_SECTION],
                by=self.request.user,
                request=self.request,
            )
        except DomainError as error:
            return refuse(
                self.request,
                error,
                redirect_to=reverse("transitions:move_summary", args=[self.object.pk]),
            )
        messages.success(
            self.request,
            _("The pack is ready. It can be sent once a parent has consented."),
        )
        return redirect(transfer)


class TransferChangeView(TransferMixin, FormPageMixin, FormView):
    """The key person, the DSL, the manager: change what a pack not yet sent
    holds. A parent's consent covers what they consented to only: after a
    change, the parents are asked again."""

    form_class = forms.PrepareForm
    submit_label = gettext_lazy("Save the changes")
    template_name = "transitions/transfer_change_form.html"

    def get_heading(self):
        return _("Change what the pack for %(school)s holds") % {"school": self.object.school}

    def get_cancel_url(self):
        return self.object.get_absolute_url()

    def get(self, request, *args, **kwargs):
        """A pack already sent is not offered for changing: the person is
        told so on the pack's page (a POST is refused by the service)."""
        if self.object.sent_on is not None:
            messages.info(request, _("This pack has already been sent."))
            return redirect(self.object)
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        transfer = self.object
        sections = services.pack_sections(child=transfer.child, school=transfer.school)
        choices = [(s["key"], s["title"]) for s in sections if s["key"] != services.SUMMARY_SECTION]
        kwargs = {**super().get_form_kwargs(), "choices": choices}
        return kwargs

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["sections"].initial = list(self.object.sections)
        return form

    def form_valid(self, form):
        try:
            transfer = services.transfer_sections_change(
                transfer=self.object,
                sections=form.cleaned_data["sections"],
                by=self.request.user,
                request=self.request,
            )
        except DomainError as error:
            return form_refused(self, form, error)
        if transfer.consent_needed_again:
            messages.success(
                self.request,
                _("The changes were saved. The parents are asked to consent again."),
            )
        else:
            messages.success(self.request, _("The changes were saved."))
        return redirect(transfer)


def _transfers(user):
    return Transfer.objects.visible_to(user).select_related("child", "school")


class TransferListView(PermissionRequiredMixin, ListPageView):
    """Staff: every transfer pack and where it has got to."""

    permission_required = "transitions.view_moves"
    template_name = "transitions/transfer_list.html"
    paginate_by = 50

    def get_queryset(self):
        return CompiledList("transitions.transfers", _transfers, user=self.request.user)


class TransferDetailView(TransferMixin, TemplateView):
    """Staff and the child's parents/carers: the pack's state, what it holds
    and what a parent consented to. A parent with parental responsibility
    gives consent here; staff change the pack, record sending and receipt."""

    permission_required = "transitions.see_move"
    template_name = "transitions/transfer_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        transfer, user = self.object, self.request.user
        child = transfer.child
        context["transfer"] = transfer
        context["move"] = Move.objects.filter(child=child).first()
        context["consented"] = services.transfer_consented(transfer=transfer)
        context["consented_titles"] = services.titles_named_to(
            user, child, transfer.consented_sections
        )
        if not transfer.sent_on:
            sections = services.pack_sections(
                child=child, school=transfer.school, chosen=transfer.sections
            )
            context["titles"] = [s["title"] for s in sections_named_to(user, child, sections)]
        context["can_read_pack"] = user.has_perm("transitions.read_this_pack", transfer)
        context["staff_pack"] = user.has_perm("transitions.view_pack", child)
        if not transfer.sent_on and user.has_perm("transitions.consent_to_transfer", child):
            context["may_consent"] = True
            # One rule for "consented" (the pack's own consent and the
            # ledger's): a consent withdrawn in the ledger is asked again.
            context["may_withdraw"] = context["consented"]
            if not context["consented"]:
                context["consent_form"] = forms.ConsentForm(
                    initial=forms.ConsentForm.initial_for(transfer)
                )
        if user.has_perm("transitions.send_pack", child):
            if not transfer.sent_on:
                context["may_change"] = True
                # Offered once it may go: "Record as sent" before a parent's
                # consent would only be refused.
                if context["consented"]:
                    context["sent_form"] = forms.SentForm(instance=transfer)
            elif not transfer.received_on:
                context["received_form"] = forms.ReceivedForm(sent_on=transfer.sent_on)
        return context


class TransferPackView(TransferMixin, TemplateView):
    """Staff (the key person, the DSL, the manager): the printable pack,
    exactly as the school gets it. The child's parents/carers: the pack
    they are asked to consent to, before it is sent, as far as they may
    read it."""

    permission_required = "transitions.read_this_pack"
    template_name = "transitions/pack.html"

    def get_permission_object(self):
        return self.object

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        transfer, user = self.object, self.request.user
        context["staff_pack"] = user.has_perm("transitions.view_pack", transfer.child)
        if context["staff_pack"]:
            context["body"] = services.render_pack(transfer=transfer)
            audit_pack_read(self.request, obj=transfer, child=transfer.child)
        else:
            context["body"] = services.render_pack_for_reader(transfer=transfer, reader=user)
        return context


class TransferPdfView(TransferMixin, View):
    """Staff: the pack as a PDF."""

    permission_required = "transitions.view_pack"

    def get(self, request, *args, **kwargs):
        transfer = self.object
        audit_pack_read(request, obj=transfer, child=transfer.child)
        pdf = services.html_to_pdf(
            body=services.render_pack(transfer=transfer),
            title=_("Records of %(child)s for %(school)s")
            % {"child": transfer.child, "school": transfer.school},
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="records-{transfer.pk}.pdf"'
        return response


class TransferConsentView(TransferMixin, FormView):
    """A linked parent/carer with parental responsibility: consent to the pack
    going to the school (POST)."""

    permission_required = "transitions.consent_to_transfer"
    form_class = forms.ConsentForm
    http_method_names = ["post"]

    def form_valid(self, form):
        try:
            services.transfer_consent_record(
                transfer=self.object,
                parent=self.request.user,
                version_seen=form.cleaned_data["version"],
                request=self.request,
            )
        except DomainError as error:
            return refuse(self.request, error, redirect_to=self.object, level=messages.INFO)
        messages.success(self.request, _("Thank you. Your consent was recorded."))
        return redirect(self.object)

    def form_invalid(self, form):
        message = _("Tick the box to give your consent. Nothing was saved.")
        return refuse(self.request, message, redirect_to=self.object)


class TransferConsentWithdrawView(TransferMixin, View):
    """As TransferConsentView: withdraw consent before the pack is sent (POST)."""

    permission_required = "transitions.consent_to_transfer"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if self.object.consent_at is None and not self.object.sent_on:
            return redirect(self.object)
        try:
            services.transfer_consent_withdraw(
                transfer=self.object, parent=request.user, request=request
            )
        except DomainError as error:
            return refuse(request, error, redirect_to=self.object, level=messages.INFO)
        messages.success(request, _("Your consent was withdrawn. The records will not be sent."))
        return redirect(self.object)


class TransferSentView(TransferMixin, FormPageMixin, FormView):
    """The key person, the DSL, the manager: record that the pack was sent."""

    form_class = forms.SentForm
    submit_label = gettext_lazy("Record as sent")

    def get_heading(self):
        return _("Record the pack as sent to %(school)s") % {"school": self.object.school}

    def get_cancel_url(self):
        return self.object.get_absolute_url()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": Transfer.objects.get(pk=self.object.pk)}

    def form_valid(self, form):
        try:
            services.transfer_mark_sent(
                transfer=self.object,
                by=self.request.user,
                sent_on=form.cleaned_data["sent_on"],
                method=form.cleaned_data["sent_method"],
                sent_to=form.cleaned_data["sent_to"],
                request=self.request,
            )
        except DomainError as error:
            return form_refused(self, form, error)
        messages.success(self.request, _("The pack was recorded as sent."))
        return redirect(self.object)


class SchoolReceiptView(FormPageMixin, FormView):
    """The school's confirmation that it received what was sent (a pack, a
    child-protection file): recorded once, never overwritten, and never
    before it was sent (the service refuses either with a DomainError,
    shown on the form). Subclasses name the object and `record` it."""

    form_class = forms.ReceivedForm
    submit_label = gettext_lazy("Record receipt")

    def get_heading(self):
        return _("The school's confirmation of receipt")

    def get_cancel_url(self):
        return self.object.get_absolute_url()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "sent_on": self.object.sent_on}

    def record(self, *, received_on, received_by):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.record(
                received_on=form.cleaned_data["received_on"],
                received_by=form.cleaned_data["received_by"],
            )
        except DomainError as error:
            return form_refused(self, form, error)
        messages.success(self.request, _("The school's receipt was recorded."))
        return redirect(self.object)


class TransferReceivedView(TransferMixin, SchoolReceiptView):
    """The key person, the DSL, the manager: record the school's receipt of
    the pack."""

    def record(self, **receipt):
        services.transfer_mark_received(
            transfer=self.object, by=self.request.user, request=self.request, **receipt
        )


# The child-protection file (restricted) ------------------------------------------


class HandoverListView(PermissionRequiredMixin, ListPageView):
    """The DSL and the manager: child-protection files handed to schools."""

    permission_required = "transitions.view_cp_handovers"
    template_name = "transitions/handover_list.html"
    paginate_by = 50

    def get_queryset(self):
        return ChildProtectionHandover.objects.visible_to(self.request.user).select_related(
            "child", "school"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        audit.log_read("transitions.cp_handovers.read", request=self.request)
        return context


class HandoverMixin(ScopedObjectMixin):
    permission_required = "transitions.view_cp_handovers"
    permission_on_child = True

    @cached_property
    def object(self):
        # The fetch takes the request: it is what writes the read to the log.
        return services.get_handover_for(self.request, self.kwargs["pk"])


class HandoverCreateView(ChildMixin, FormPageMixin, FormView):
    """The DSL: record the handover of the child's child-protection file."""

    permission_required = "transitions.record_cp_handover"
    form_class = forms.HandoverForm
    submit_label = gettext_lazy("Record the handover")

    def get_heading(self):
        return _("Hand over the child-protection file of %(child)s") % {"child": self.child}

    def get_initial(self):
        move = Move.objects.filter(child=self.child).first()
        return {"school": move.school_id} if move else {}

    def get_cancel_url(self):
        return self.child.get_absolute_url()

    def form_valid(self, form):
        handover = services.cp_handover_record(
            child=self.child, by=self.request.user, fields=fields_of(form), request=self.request
        )
        messages.success(
            self.request, _("The handover was recorded. Record the school's receipt when it comes.")
        )
        return redirect(handover)


class HandoverDetailView(HandoverMixin, TemplateView):
    """The DSL and the manager: one handover (the read is audited)."""

    template_name = "transitions/handover_detail.html"

    def get(self, request, *args, **kwargs):
        # Reached only once access is decided, and only for a GET: a refused
        # request or a wrong method is not a read.
        services.handover_read(request=request, handover=self.object)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["handover"] = self.object
        if not self.object.received_on and self.request.user.has_perm(
            "transitions.record_cp_handover", self.object.child
        ):
            context["received_form"] = forms.ReceivedForm(sent_on=self.object.sent_on)
        return context


class HandoverReceiptView(HandoverMixin, SchoolReceiptView):
    """The DSL: record the school's confirmation of receipt of the
    child-protection file."""

    permission_required = "transitions.record_cp_handover"

    def record(self, **receipt):
        services.cp_handover_receipt(
            handover=self.object, by=self.request.user, request=self.request, **receipt
        )


# The leaver's records for parents ----------------------------------------------


def audit_pack_read(request, *, obj, child, action="transitions.pack.read"):
    """Packs may hold third-party information: every reading by staff is
    logged like any other restricted material."""
    if request.user.is_setting_staff:
        audit.log_read(action, request=request, obj=obj, child=child)


class LeaverRecordsView(ChildMixin, TemplateView):
    """The child's parents/carers (and staff, to check): the records the
    setting gives the family, once the leaving date is set."""

    permission_required = "transitions.view_leaver_records"
    template_name = "transitions/bundle.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["body"] = services.render_bundle(child=self.child, reader=self.request.user)
        audit_pack_read(
            self.request, obj=self.child, child=self.child, action="transitions.leaver_records.read"
        )
        return context


class LeaverRecordsPdfView(ChildMixin, View):
    """As LeaverRecordsView, as a PDF to keep."""

    permission_required = "transitions.view_leaver_records"

    def get(self, request, *args, **kwargs):
        pdf = services.html_to_pdf(
            body=services.render_bundle(child=self.child, reader=self.request.user),
            title=_("Records of %(child)s") % {"child": self.child},
        )
        audit.log(
            "transitions.leaver_records.downloaded",
            actor=request.user,
            obj=self.child,
            child=self.child,
            request=request,
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="records-{self.child.pk}.pdf"'
        return response
