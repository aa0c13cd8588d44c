from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from families.models import Child, PracticalDetails, Room
from families.models.homes import confirmations_shown_to
from families.selectors import with_reported_absence
from families.views import ChildMixin
from nursery.errors import DomainError, form_refused, refuse
from nursery.links import reverse
from nursery.registry import flags_for
from nursery.validators import local_url
from nursery.views.mixins import FormPageMixin, ScopedObjectMixin
from safety.forms import (
    AccidentForm,
    AcknowledgeForm,
    CollectionNoticeForm,
    CollectionPasswordForm,
    CollectorForm,
    HealthAlertForm,
    MustNotCollectForm,
    NotificationDoneForm,
    ParentContactForm,
    RegisterFilterForm,
    ReviewForm,
    SignInForm,
    SignOutForm,
)
from safety.models import (
    Accident,
    AccidentKind,
    Attendance,
    CollectionNotice,
    CollectionPassword,
    Collector,
    HealthAlert,
    MustNotCollect,
    NotificationClock,
    ParentContact,
    RefusedCollection,
)
from safety.services import (
    REVIEWED,
    CollectionStopped,
    accident_acknowledge,
    accident_record,
    accidents_awaiting_acknowledgement,
    alert_confirm_seen,
    alert_end,
    alert_save,
    alerts_and_barred,
    attendance_sign_in,
    attendance_sign_out,
    awaiting_review,
    board_for,
    collection_choices,
    collection_notice_record,
    collection_notice_withdraw,
    collection_password_set,
    collector_add,
    collector_remove,
    dsl_mark_seen,
    get_accident_for,
    has_alert_for,
    incident_review,
    may_withdraw_notice,
    must_not_collect_end,
    must_not_collect_record,
    names_match,
    notification_done,
    open_clocks,
    parent_contact_record,
    register_for,
    why_checked,
    written_digest,
    written_health,
    written_health_dealt_with,
)

# How a page names each part of the details form written about health.
WRITTEN_LABELS = {
    "allergies": gettext_lazy("Allergies"),
    "medical_notes": gettext_lazy("Health"),
    "dietary_needs": gettext_lazy("Diet"),
}


def _errors_onto(form, error):
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


# ---------------------------------------------------------------- one child's safety page


class ChildSafetyView(ChildMixin, TemplateView):
    """Staff and the child's linked parents/carers: health alerts, who may
    collect, register times and accident records. The detail behind a
    must-not-collect restriction: the key person, the DSL and the manager."""

    permission_required = "safety.view_child_safety"
    template_name = "safety/child.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        child, user = self.child, self.request.user
        alerts = list(
            HealthAlert.objects.current()
            .filter(child=child)
            .select_related("seen_by", "changed_by")
        )
        details = PracticalDetails.objects.filter(child=child).first()
        notices = list(
            CollectionNotice.objects.visible_to(user)
            .filter(child=child, on__gte=timezone.localdate())
            .select_related("told_by", "taken_by", "withdrawn_by")
        )
        for notice in notices:
            notice.can_withdraw = notice.withdrawn_at is None and may_withdraw_notice(user, notice)
        kinds = {alert.kind for alert in alerts}
        context.update(
            alerts=alerts,
            written_health=[
                {
                    "field": field,
                    "label": WRITTEN_LABELS[field],
                    "text": text,
                    "seen": written_digest(text),
                    "has_alert": has_alert_for(field, kinds),
                }
                for field, text in written_health(details).items()
            ],
            collectors=Collector.objects.filter(child=child, removed_at__isnull=True),
            password=CollectionPassword.objects.filter(child=child)
            .select_related("set_by")
            .first(),
            notices=notices,
            attendances=Attendance.objects.filter(child=child).order_by("-on")[:14],
            accidents=Accident.objects.filter(child=child).with_homes_read(user)[:50],
        )
        if user.is_setting_staff:
            context["barred"] = MustNotCollect.objects.current().filter(child=child)
            context["show_detail"] = user.has_perm("safety.view_must_not_collect_detail", child)
        return context


class AlertMixin(ChildMixin):
    permission_required = "safety.change_alerts"

    @cached_property
    def alert(self):
        if "alert_pk" not in self.kwargs:
            return None
        return get_object_or_404(
            HealthAlert.objects.current(), child=self.child, pk=self.kwargs["alert_pk"]
        )


class AlertFormView(AlertMixin, FormView):
    """Linked parents/carers, the key person, the DSL, the manager: add or
    change an allergy, a medical condition or a dietary need."""

    template_name = "safety/alert_form.html"
    form_class = HealthAlertForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.alert
        return kwargs

    def form_valid(self, form):
        alert_save(
            alert=form.save(commit=False),
            child=self.child,
            by=self.request.user,
            request=self.request,
        )
        if self.request.user.is_parent:
            messages.success(
                self.request,
                _("Thank you. Staff will see it straight away and confirm they have read it."),
            )
        else:
            messages.success(self.request, _("The alert was saved."))
        return redirect("safety:child", pk=self.child.pk)

    def form_invalid(self, form):
        if self.alert is not None:
            self.__dict__.pop("alert", None)
        return super().form_invalid(form)


class AlertEndView(AlertMixin, View):
    """As AlertFormView: the alert no longer applies (POST); it stays in the history."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        alert_end(alert=self.alert, by=request.user, request=request)
        messages.success(request, _("The alert was removed. Its history is kept."))
        return redirect("safety:child", pk=self.child.pk)


class WrittenHealthDealtWithView(ChildMixin, View):
    """The key person, the DSL, the manager: what the family wrote about
    allergies, health or diet on the details form is dealt with, each thing
    it names an alert or needing none (POST, with the digest of the text as
    they read it)."""

    permission_required = "safety.deal_with_written_health"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            written_health_dealt_with(
                child=self.child,
                field=kwargs["field"],
                seen=request.POST.get("seen", ""),
                by=request.user,
                request=request,
            )
        except DomainError as error:
            return refuse(request, error, redirect_to=reverse("safety:child", args=[self.child.pk]))
        messages.success(
            request,
            _("Marked as dealt with. If the family changes what they wrote, it shows again."),
        )
        return redirect("safety:child", pk=self.child.pk)


class AlertSeenView(AlertMixin, View):
    """Every member of staff: confirm having read a new or changed alert (POST)."""

    permission_required = "safety.confirm_alert_seen"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        alert_confirm_seen(alert=self.alert, by=request.user, request=request)
        messages.success(
            request,
            _("Thank you. You confirmed you have read %(what)s for %(child)s.")
            % {"what": self.alert.what, "child": self.child.display_name},
        )
        target = local_url(request, request.POST.get("next", ""))
        if target:
            return redirect(target)
        return redirect("safety:child", pk=self.child.pk)


class ChildFormPageMixin(FormPageMixin):
    """A form about one child's safety: it says whom it is about, and its
    way back is the child's safety page."""

    def form_child(self):
        return self.child

    def get_about(self):
        return _("About %(name)s") % {"name": self.form_child().display_name}

    def get_cancel_url(self):
        return reverse("safety:child", args=[self.form_child().pk])


class CollectorCreateView(ChildMixin, ChildFormPageMixin, FormView):
    """Linked parents/carers with parental responsibility, the key person,
    the DSL, the manager: add a person who may collect the child."""

    permission_required = "safety.change_collectors"
    form_class = CollectorForm
    heading = gettext_lazy("Add a person who may collect")

    def form_valid(self, form):
        collector_add(
            collector=form.save(commit=False),
            child=self.child,
            by=self.request.user,
            request=self.request,
        )
        messages.success(
            self.request, _("%(name)s may now collect.") % {"name": form.instance.name}
        )
        return redirect("safety:child", pk=self.child.pk)


class CollectorRemoveView(ChildMixin, View):
    """As CollectorCreateView: this person may no longer collect (POST)."""

    permission_required = "safety.change_collectors"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        collector = get_object_or_404(
            Collector, child=self.child, pk=self.kwargs["collector_pk"], removed_at__isnull=True
        )
        collector_remove(collector=collector, by=request.user, request=request)
        messages.success(request, _("%(name)s may no longer collect.") % {"name": collector.name})
        return redirect("safety:child", pk=self.child.pk)


class CollectionPasswordView(ChildMixin, ChildFormPageMixin, FormView):
    """As CollectorCreateView: set the family's collection password. It is
    kept scrambled and never shown again."""

    permission_required = "safety.change_collectors"
    form_class = CollectionPasswordForm
    heading = gettext_lazy("Set the collection password")

    def form_valid(self, form):
        try:
            collection_password_set(
                child=self.child,
                password=form.cleaned_data["password"],
                by=self.request.user,
                request=self.request,
            )
        except ValidationError as error:
            _errors_onto(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The collection password was saved."))
        return redirect("safety:child", pk=self.child.pk)


class MustNotCollectCreateView(ChildMixin, ChildFormPageMixin, FormView):
    """The key person, the DSL, the manager: record a person who must not collect."""

    permission_required = "safety.record_must_not_collect"
    form_class = MustNotCollectForm
    heading = gettext_lazy("Record a person who must not collect")

    def form_valid(self, form):
        must_not_collect_record(
            entry=form.save(commit=False),
            child=self.child,
            by=self.request.user,
            request=self.request,
        )
        messages.success(self.request, _("Every member of staff will see this restriction."))
        return redirect("safety:child", pk=self.child.pk)


class MustNotCollectEndView(ChildMixin, View):
    """As MustNotCollectCreateView: the restriction has ended (POST)."""

    permission_required = "safety.record_must_not_collect"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        entry = get_object_or_404(
            MustNotCollect.objects.current(), child=self.child, pk=self.kwargs["entry_pk"]
        )
        must_not_collect_end(entry=entry, by=request.user, request=request)
        messages.success(request, _("The restriction was ended. Its history is kept."))
        return redirect("safety:child", pk=self.child.pk)


class CollectingTodayView(ChildMixin, ChildFormPageMixin, FormView):
    """Linked parents/carers (and staff, on their word): tell the setting
    that someone else is collecting on a day."""

    permission_required = "safety.tell_collecting_today"
    form_class = CollectionNoticeForm
    heading = gettext_lazy("Someone else is collecting")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "child": self.child,
            "staff": self.request.user.is_setting_staff,
        }

    def form_valid(self, form):
        link = form.cleaned_data.get("on_word_of")
        try:
            collection_notice_record(
                notice=form.save(commit=False),
                child=self.child,
                by=self.request.user,
                on_word_of=link.parent if link else None,
                request=self.request,
            )
        except ValidationError as error:
            _errors_onto(form, error)
            return self.form_invalid(form)
        if self.request.user.is_setting_staff:
            messages.success(
                self.request, _("Saved. It is on the room's board and the sign-out form today.")
            )
        else:
            messages.success(self.request, _("Thank you. Staff will see who is collecting."))
        return redirect("safety:child", pk=self.child.pk)


class CollectionNoticeWithdrawView(ChildMixin, View):
    """The adult who told (or staff, on anyone's word): the person is no
    longer coming. Read through the same rule as the page that lists it:
    another home's notice is not found."""

    permission_required = "safety.tell_collecting_today"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        notice = get_object_or_404(
            CollectionNotice.objects.visible_to(request.user),
            child=self.child,
            pk=self.kwargs["notice_pk"],
        )
        if not may_withdraw_notice(request.user, notice):
            raise PermissionDenied
        try:
            collection_notice_withdraw(notice=notice, by=request.user, request=request)
        except DomainError as error:
            return refuse(request, error, redirect_to=self.child_url())
        messages.success(
            request,
            _("Thank you. Staff will see that %(name)s is no longer collecting.")
            % {"name": notice.name},
        )
        return redirect(self.child_url())

    def child_url(self):
        return reverse("safety:child", kwargs={"pk": self.child.pk})


# ---------------------------------------------------------------- the register and the board


def _day_and_room(request):
    form = RegisterFilterForm(request.GET or None, initial={"day": timezone.localdate()})
    data = form.cleaned_data if form.is_valid() else {}
    return form, data.get("day") or timezone.localdate(), data.get("room")


class BoardIndexView(PermissionRequiredMixin, TemplateView):
    """Every member of staff: the rooms, each with its board for today."""

    permission_required = "safety.view_board"
    template_name = "safety/boards.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rooms"] = Room.objects.all()
        return context


class BoardView(PermissionRequiredMixin, TemplateView):
    """Every member of staff: one room today, fit for a tablet: who is
    expected, in and gone, with each child's safety facts."""

    permission_required = "safety.view_board"
    template_name = "safety/board.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        room = get_object_or_404(Room, pk=self.kwargs["pk"])
        today = timezone.localdate()
        context.update(
            room=room, today=today, **board_for(request=self.request, room=room, day=today)
        )
        return context


class RegisterView(PermissionRequiredMixin, TemplateView):
    """Every member of staff: the day's register by room, to sign children in and out."""

    permission_required = "safety.keep_register"
    template_name = "safety/register.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form, day, room = _day_and_room(self.request)
        children = flags_for(self.request, register_for(room=room, day=day))
        context.update(form=form, day=day, room=room, children=children, today=timezone.localdate())
        return context


class RegisterPrintView(RegisterView):
    """As RegisterView: the EYFS daily record of attendance, printable."""

    template_name = "safety/register_print.html"


class SignInView(ChildMixin, FormView):
    """Every member of staff: sign a child in (time, who brought them)."""

    permission_required = "safety.keep_register"
    template_name = "safety/sign_form.html"
    form_class = SignInForm
    extra_context = {"signing": "in"}

    def get_context_data(self, **kwargs):
        # A child the family reported away: staff signing them in read it,
        # and may ask whoever brought them whether the rest still stands.
        today = timezone.localdate()
        away = with_reported_absence(Child.objects.filter(pk=self.child.pk), today)
        return super().get_context_data(
            away_until=away.values_list("away_until", flat=True).first(), today=today, **kwargs
        )

    def form_valid(self, form):
        try:
            attendance_sign_in(
                child=self.child,
                at=form.cleaned_data["at"],
                brought_by=form.cleaned_data["brought_by"],
                by=self.request.user,
                request=self.request,
            )
        except DomainError as error:
            return form_refused(self, form, error)
        except ValidationError as error:
            _errors_onto(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("%(child)s is signed in.") % {"child": self.child.display_name}
        )
        return redirect(_back_to_room(self.child))


def _back_to_room(child):
    if child.room_id:
        return reverse("safety:board", kwargs={"pk": child.room_id})
    return reverse("safety:register")


class SignOutView(ChildMixin, FormView):
    """Every member of staff: sign a child out to the person collecting. A
    person who must not collect is stopped; someone not on the list needs
    the collection password or the manager's confirmation."""

    permission_required = "safety.keep_register"
    template_name = "safety/sign_form.html"
    form_class = SignOutForm
    extra_context = {"signing": "out"}

    @cached_property
    def choices(self):
        return collection_choices(self.child, timezone.localdate())

    @cached_property
    def barred(self):
        return list(MustNotCollect.objects.current().filter(child=self.child))

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["choices"] = [
            (
                key,
                _label(
                    name,
                    kind,
                    barred=any(names_match(e.name, name) for e in self.barred),
                    checked=why_checked(kind, obj),
                ),
            )
            for key, name, kind, obj in self.choices
        ]
        kwargs["user"] = self.request.user
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["barred"] = self.barred
        return context

    def form_valid(self, form):
        try:
            attendance_sign_out(
                child=self.child, by=self.request.user, request=self.request, **form.cleaned_data
            )
        except CollectionStopped as stop:
            # The form is shown afresh: the person stopped is not left
            # chosen, for a second press to record a second attempt.
            kwargs = self.get_form_kwargs()
            kwargs.pop("data", None)
            kwargs.pop("files", None)
            return self.render_to_response(
                self.get_context_data(
                    form=self.get_form_class()(**kwargs), stopped=stop.messages[0]
                )
            )
        except DomainError as error:
            return form_refused(self, form, error)
        except ValidationError as error:
            _errors_onto(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("%(child)s is signed out.") % {"child": self.child.display_name}
        )
        return redirect(_back_to_room(self.child))


def _label(name, kind, *, barred=False, checked=None):
    labels = {
        "parent": _("parent or carer"),
        "collector": _("may collect"),
        "notice": _("collecting today, as we were told"),
    }
    if barred:
        # Stopped whatever else applies: nothing else is said of them.
        return _("%(label)s: MUST NOT COLLECT") % {"label": f"{name} ({labels[kind]})"}
    if checked == "restricted_adult":
        label = _(
            "%(name)s (parent or carer, access restricted: the password or the manager is needed)"
        ) % {"name": name}
    elif checked == "restricted_word":
        label = _(
            "%(name)s (collecting today, told by an adult whose access is restricted: "
            "the password or the manager is needed)"
        ) % {"name": name}
    else:
        label = f"{name} ({labels[kind]})"
    return label


# ---------------------------------------------------------------- accidents


class AccidentListView(PermissionRequiredMixin, TemplateView):
    """Every member of staff: accidents the family has not acknowledged yet,
    and the last thirty days."""

    permission_required = "safety.view_accident_list"
    template_name = "safety/accidents.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        since = timezone.now() - timedelta(days=30)
        user = self.request.user
        context["waiting"] = list(
            accidents_awaiting_acknowledgement(Child.objects.all(), user)[:200]
        )
        context["today"] = timezone.localdate()
        context["recent"] = list(
            Accident.objects.filter(occurred_at__gte=since)
            .with_homes_read(user)
            .select_related("child", "reviewed_by")
            .order_by("-occurred_at", "-pk")[:200]
        )
        return context


class AccidentCreateView(ChildMixin, FormView):
    """Every member of staff: record an accident, an incident or an injury seen at arrival."""

    permission_required = "safety.record_accident"
    template_name = "safety/accident_form.html"
    form_class = AccidentForm

    def get_context_data(self, **kwargs):
        # The child's current health alerts, with what to do: an allergic
        # reaction is recorded with the plan for it in sight.
        alerts, _barred = alerts_and_barred(self.request, [self.child])
        return super().get_context_data(alerts=alerts.get(self.child.pk, []), **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["child"] = self.child
        return kwargs

    def get_initial(self):
        initial = super().get_initial()
        kind = self.request.GET.get("kind")
        initial["kind"] = kind if kind in AccidentKind.values else AccidentKind.ACCIDENT
        return initial

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            accident = accident_record(
                accident=form.save(commit=False),
                child=self.child,
                other_children=list(data.get("other_children") or []),
                riddor=data.get("riddor", False),
                lcpa=data.get("lcpa", False),
                by=self.request.user,
                request=self.request,
            )
        except ValidationError as error:
            _errors_onto(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The record was saved. The family sees it on their home page today."),
        )
        return redirect(accident)


class AccidentMixin(ScopedObjectMixin):
    permission_required = "safety.view_child_safety"
    getter = staticmethod(get_accident_for)
    permission_on_child = True
    context_name = "accident"

    @property
    def accident(self):
        return self.object


class AccidentDetailView(AccidentMixin, TemplateView):
    """Staff and the child's linked parents/carers: one record. Other
    children involved are named to staff only."""

    template_name = "safety/accident_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        accident = self.accident
        context.update(
            accident=accident,
            child=accident.child,
            # What staff told another home's adult is not this reader's.
            contacts=ParentContact.objects.filter(accident=accident)
            .visible_to(self.request.user)
            .with_adults_link()
            .select_related("by"),
            clocks=accident.clocks.select_related("done_by")
            if self.request.user.is_setting_staff
            else [],
            ack_form=AcknowledgeForm(),
            acknowledgements=self.acknowledgements_shown(accident),
        )
        if self.request.user.is_setting_staff:
            context["others"] = accident.other_children.all()
        return context

    def acknowledgements_shown(self, accident):
        """Each home's acknowledgement for staff; a parent's own home's
        only. A comment on reading it is the words of the adult who read
        it: staff, that adult and their household read it, so each is
        shown with its home's acknowledgement and no further."""
        return confirmations_shown_to(
            self.request.user,
            accident.acknowledgements.select_related("acknowledged_by"),
            accident.child_id,
        )


class AccidentAcknowledgeView(AccidentMixin, FormView):
    """Linked parents/carers: acknowledge the record of an accident (POST)."""

    permission_required = "safety.acknowledge_accident"
    http_method_names = ["post"]
    form_class = AcknowledgeForm

    def form_valid(self, form):
        if self.accident.kind == AccidentKind.EXISTING:
            raise Http404
        accident_acknowledge(
            accident=self.accident,
            by=self.request.user,
            comment=form.cleaned_data["comment"],
            request=self.request,
        )
        messages.success(self.request, _("Thank you for letting us know you have read it."))
        return redirect(self.accident)

    def form_invalid(self, form):
        message = _("The comment is too long. Nothing was saved.")
        return refuse(self.request, message, redirect_to=self.accident)


class ParentContactCreateView(AccidentMixin, ChildFormPageMixin, FormView):
    """Every member of staff: in a medical emergency, note each contact with
    the parents and what they were told."""

    permission_required = "safety.record_accident"
    form_class = ParentContactForm
    heading = gettext_lazy("Note a contact with the parents")

    def form_child(self):
        return self.accident.child

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "child": self.accident.child}

    def get_cancel_url(self):
        return self.accident.get_absolute_url()

    def form_valid(self, form):
        link = form.cleaned_data.get("on_link")
        try:
            parent_contact_record(
                contact=form.save(commit=False),
                accident=self.accident,
                by=self.request.user,
                adult=link.parent if link else None,
                request=self.request,
            )
        except ValidationError as error:
            _errors_onto(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The contact was added to the timeline."))
        return redirect(self.accident)


# ---------------------------------------------------------------- the manager and the DSL


class ReviewListView(PermissionRequiredMixin, TemplateView):
    """Manager: accidents, medication incidents and lapses in supervision
    waiting for review, and the notifications due after serious accidents."""

    permission_required = "safety.review_incidents"
    template_name = "safety/reviews.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update({k: list(v[:200]) for k, v in awaiting_review().items()})
        context["clocks"] = list(open_clocks()[:200])
        context["done_form"] = NotificationDoneForm()
        return context


class ReviewView(PermissionRequiredMixin, FormView):
    """Manager: review one accident, medication incident or lapse in supervision."""

    permission_required = "safety.review_incidents"
    template_name = "safety/review_form.html"
    form_class = ReviewForm

    @cached_property
    def record(self):
        if self.kwargs["kind"] not in REVIEWED:
            raise Http404
        model = REVIEWED[self.kwargs["kind"]][0]
        records = model.objects.select_related("child")
        if self.kwargs["kind"] == "lapse":
            records = records.filter(supervision_lapsed=True)
        return get_object_or_404(records, pk=self.kwargs["pk"])

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.has_perm(self.permission_required):
            self.record  # noqa: B018  (404 before anything else for an unknown record)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(record=self.record, kind=self.kwargs["kind"], child=self.record.child)
        return context

    def form_valid(self, form):
        try:
            incident_review(
                kind=self.kwargs["kind"],
                pk=self.record.pk,
                by=self.request.user,
                note=form.cleaned_data["note"],
                request=self.request,
            )
        except DomainError as error:
            return form_refused(self, form, error)
        except ValidationError as error:
            _errors_onto(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Your review was recorded."))
        return redirect("safety:reviews")


class NotificationDoneView(PermissionRequiredMixin, FormView):
    """Manager: record that Ofsted, RIDDOR or the local child-protection
    agency was told (POST); the clock stops."""

    permission_required = "safety.record_notification"
    http_method_names = ["post"]
    form_class = NotificationDoneForm

    def form_valid(self, form):
        clock = get_object_or_404(NotificationClock, pk=self.kwargs["pk"])
        notification_done(
            clock=clock,
            by=self.request.user,
            reference=form.cleaned_data["reference"],
            request=self.request,
        )
        messages.success(self.request, _("The notification was recorded as done."))
        return redirect("safety:reviews")

    def form_invalid(self, form):
        message = _("The reference is too long. Nothing was saved.")
        return refuse(self.request, message, redirect_to=reverse("safety:reviews"))


class DslSeenView(PermissionRequiredMixin, View):
    """The DSL: mark a stopped collection or an injury seen at arrival as seen (POST)."""

    permission_required = "safety.see_dsl_items"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        models = {
            "attempt": RefusedCollection.objects.all(),
            "injury": Accident.objects.filter(kind=AccidentKind.EXISTING),
        }
        if kwargs["kind"] not in models:
            raise Http404
        item = get_object_or_404(models[kwargs["kind"]], pk=kwargs["pk"])
        dsl_mark_seen(item=item, by=request.user, request=request)
        messages.success(request, _("Marked as seen."))
        return redirect("home")
