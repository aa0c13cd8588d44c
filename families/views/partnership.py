"""The partnership with parents around one child, and the staff follow-up
lists. Every view fetches the child through the person's scope (404 outside
it), checks the permission on the child (403), and fetches the record through
its own `visible_to` (so a parent never reaches an unshared record)."""

from django.contrib import messages
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from families import services
from families.forms import (
    AgreedActionFormSet,
    AnswerForm,
    ChildProtectionTaskForm,
    CommentForm,
    HealthVisitorShareForm,
    MeetingForm,
    MeetingRequestForm,
    ParentNoticeForm,
    ProgressReviewForm,
    SettlingInPlanForm,
    SettlingSessionFormSet,
    SupportPlanForm,
    SupportPlanReviewForm,
    SupportTargetFormSet,
)
from families.models import (
    ChildProtectionTask,
    KeyPersonMeeting,
    MeetingRequest,
    ParentNotice,
    ProgressReview,
    SettlingInPlan,
    SupportPlan,
)
from families.models.partnership import ReviewKind, SharedRecord
from families.selectors import (
    get_action_for,
    get_cp_task_for,
    get_meeting_for,
    get_meeting_request_for,
    get_notice_for,
    get_plan_for,
    get_review_for,
    homes_using_the_portal,
    meeting_cutoff,
    meetings_overdue,
    progress_reviews_due,
    reads_shown_to,
    record_reader,
    review_cutoff,
    two_year_check_state,
    two_year_checks_overdue,
    two_year_checks_to_do,
)
from families.views.core import ChildMixin
from nursery import audit
from nursery.errors import DomainError, form_refused, refuse
from nursery.formdata import fields_of, rows_of
from nursery.links import reverse
from nursery.models import SiteConfig
from nursery.queries import CompiledList
from nursery.views.mixins import FormPageMixin, ListPageView

__all__ = [
    "ActionDoneView",
    "CPTaskCreateView",
    "CPTaskEditView",
    "CPTaskListView",
    "CheckSignOffView",
    "ChecksDueView",
    "HealthVisitorShareView",
    "MeetingCreateView",
    "MeetingDetailView",
    "MeetingEditView",
    "MeetingListView",
    "MeetingRequestAnswerView",
    "MeetingRequestCreateView",
    "MeetingsOverdueView",
    "NoticeAnswerView",
    "NoticeCreateView",
    "NoticeInboxView",
    "NoticeListView",
    "NoticeSeenView",
    "PlanCreateView",
    "PlanDetailView",
    "PlanEditView",
    "PlanListView",
    "PlanReviewCreateView",
    "ProgressReviewCreateView",
    "ProgressReviewEditView",
    "RecordCommentView",
    "RecordReadView",
    "ReviewDetailView",
    "ReviewListView",
    "ReviewsDueView",
    "SettlingEditView",
    "SettlingView",
]


class ChildPageMixin(ChildMixin):
    pk_kwarg = "child_pk"
    permission_required = "families.view_records"

    @cached_property
    def record(self):
        """The record the page is about, fetched once by the page's
        `get_object` (None where the page makes a new one)."""
        return self.get_object()

    def get_context_data(self, **kwargs):
        user, child = self.request.user, self.child
        kwargs.setdefault("can_keep", user.has_perm("families.keep_records", child))
        kwargs.setdefault("can_see_notes", user.has_perm("families.view_staff_notes", child))
        kwargs.setdefault("can_respond", user.has_perm("families.respond_to_record", child))
        record = kwargs.get("record")
        if isinstance(record, SharedRecord) and record.is_shared:
            # Who has confirmed reading it, as far as this person may know.
            kwargs.setdefault("reads", reads_shown_to(user, record))
            # Each adult's view, as far as this person may read them, and
            # theirs to change (each adult gives their own).
            comments = list(record.comments.visible_to(user).select_related("written_by"))
            own = next((c for c in comments if c.written_by_id == user.pk), None)
            kwargs.setdefault("comments", comments)
            kwargs.setdefault("own_comment", own)
            # (A signed check keeps the views it was signed with: its page says.)
            kwargs.setdefault("can_comment", kwargs["can_respond"])
            kwargs.setdefault(
                "comment_form",
                CommentForm(initial={"comment": own.text, "private": own.private} if own else None),
            )
        return super().get_context_data(**kwargs)


# Records with rows (a meeting's actions, a plan's targets, settling-in sessions).


class RecordWithRowsView(ChildPageMixin, TemplateView):
    """A staff form for a record and its rows, saved together or not at all."""

    permission_required = "families.keep_records"
    template_name = "families/record_form.html"
    form_class = formset_class = None
    rows_legend = rows_help = ""
    title = ""

    def get_object(self):
        return None

    def get_forms(self, data=None):
        obj = self.record
        form = self.form_class(data, instance=obj, child=self.child)
        formset = self.formset_class(data, instance=obj, prefix="rows")
        return form, formset

    def get_context_data(self, **kwargs):
        if "form" not in kwargs:
            kwargs["form"], kwargs["formset"] = self.get_forms()
        kwargs.update(title=self.title, rows_legend=self.rows_legend, rows_help=self.rows_help)
        kwargs.setdefault("cancel_url", self.child.get_absolute_url())
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        form, formset = self.get_forms(request.POST)
        if form.is_valid() and formset.is_valid():
            form.instance.child = self.child
            obj = self.save(form, formset)
            messages.success(request, self.success_message(form))
            return redirect(self.success_url(obj))
        return self.render_to_response(self.get_context_data(form=form, formset=formset))

    def success_message(self, form):
        if form.share:
            return _("Saved and shared with the family.")
        return _("Saved.")


class ChildFormPageMixin(FormPageMixin):
    """A form about one child on its own page (the one form page): it says
    whom it is about, and its way back is the child's page."""

    template_name = "families/form_page.html"

    def get_about(self):
        return _("About %(name)s") % {"name": self.child.display_name}

    def get_cancel_url(self):
        return self.child.get_absolute_url()


# Key-person meetings.


def _mark_who_reads(user, child, meetings):
    """For staff, where the child's adults live apart: which home reads each
    meeting record (`who_reads_it`), in the form's words."""
    if not user.is_setting_staff:
        return
    homes = homes_using_the_portal(child)
    for meeting in meetings:
        if len(homes) > 1 or meeting.for_household is not None:
            meeting.who_reads_it = record_reader(meeting.for_household, homes)


class MeetingListView(ChildPageMixin, TemplateView):
    """Staff: every meeting of the child. The child's parents: those shared
    with them, and their meeting requests."""

    template_name = "families/meetings.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        kwargs["meetings"] = meetings = list(
            KeyPersonMeeting.objects.visible_to(user)
            .filter(child=self.child)
            .with_homes_read(user)
            .select_related("recorded_by")
            .prefetch_related("actions")
        )
        _mark_who_reads(user, self.child, meetings)
        kwargs["requests"] = (
            MeetingRequest.objects.visible_to(user)
            .filter(child=self.child)
            .select_related("requested_by", "answered_by")[:20]
        )
        kwargs["can_ask"] = user.has_perm("families.ask_for_meeting", self.child)
        kwargs["can_answer"] = user.has_perm("families.answer_meeting_request", self.child)
        return super().get_context_data(**kwargs)


class MeetingCreateView(RecordWithRowsView):
    """The key person and the manager: log a meeting with the family."""

    form_class = MeetingForm
    formset_class = AgreedActionFormSet
    title = gettext_lazy("Log a key-person meeting")
    rows_legend = gettext_lazy("Actions agreed")
    rows_help = gettext_lazy("Who does what, by when. Leave a row empty if not needed.")

    def save(self, form, formset):
        values = {
            "by": self.request.user,
            "fields": fields_of(form),
            "actions": rows_of(formset),
            "share": form.share,
            "request": self.request,
        }
        if self.record is None:
            return services.meeting_record(child=self.child, **values)
        return services.meeting_change(meeting=self.record, **values)

    def success_url(self, meeting):
        return meeting_url(meeting)


class MeetingEditView(MeetingCreateView):
    """The key person and the manager: correct a meeting, add actions, share it."""

    title = gettext_lazy("Change the meeting record")

    def get_object(self):
        return get_meeting_for(self.request.user, self.child, self.kwargs["pk"])


def meeting_url(meeting):
    return reverse("families:meeting_detail", args=[meeting.child_id, meeting.pk])


class MeetingDetailView(ChildPageMixin, TemplateView):
    """Staff (with the staff-only notes); the child's parents, once shared."""

    template_name = "families/meeting_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        meeting = get_meeting_for(user, self.child, self.kwargs["pk"])
        actions = list(meeting.actions.select_related("done_by"))
        for action in actions:
            action.can_complete = action.done_at is None and user.has_perm(
                "families.complete_action", action
            )
        kwargs.update(record=meeting, actions=actions)
        _mark_who_reads(user, self.child, [meeting])
        kwargs["comment_url_name"] = "families:meeting_comment"
        kwargs["read_url_name"] = "families:meeting_read"
        return super().get_context_data(**kwargs)


# Responses to a shared record: the parent's view and "I have read this".

RECORDS = {
    "meeting": (get_meeting_for, "families:meeting_detail"),
    "review": (get_review_for, "families:review_detail"),
    "plan": (get_plan_for, "families:plan_detail"),
}


class RecordResponseMixin(ChildPageMixin):
    permission_required = "families.respond_to_record"
    http_method_names = ["post"]
    kind = None

    def get_record(self):
        if self.kind == "settling":
            plan = (
                SettlingInPlan.objects.visible_to(self.request.user)
                .filter(child=self.child)
                .first()
            )
            if plan is None:
                raise Http404
            return plan
        getter, _name = RECORDS[self.kind]
        return getter(self.request.user, self.child, self.kwargs["pk"])

    def back(self, record):
        if self.kind == "settling":
            return reverse("families:settling", args=[self.child.pk])
        return reverse(RECORDS[self.kind][1], args=[self.child.pk, record.pk])


class RecordCommentView(RecordResponseMixin, View):
    """The child's linked parents: add their view to a shared record."""

    def post(self, request, *args, **kwargs):
        record = self.get_record()
        form = CommentForm(request.POST)
        if not form.is_valid():
            # Show the record again with the message on the field.
            page = DETAIL_VIEWS[self.kind]()
            page.setup(request, *args, **kwargs)
            return page.render_to_response(page.get_context_data(comment_form=form))
        try:
            services.record_comment(
                record=record,
                by=request.user,
                comment=form.cleaned_data["comment"],
                private=form.cleaned_data["private"],
                request=request,
            )
        except DomainError as error:
            return refuse(request, error, redirect_to=self.back(record))
        messages.success(request, _("Thank you. Your comment was added."))
        return redirect(self.back(record))


class RecordReadView(RecordResponseMixin, View):
    """The child's linked parents: confirm they have read a shared record."""

    def post(self, request, *args, **kwargs):
        record = self.get_record()
        services.record_mark_read(record=record, by=request.user, request=request)
        messages.success(request, _("Thank you for confirming you have read it."))
        return redirect(self.back(record))


class ActionDoneView(ChildPageMixin, View):
    """Mark an agreed action done: the family's by a linked parent, the
    nursery's by the key person or the manager."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        action = get_action_for(
            request.user, self.child, self.kwargs["pk"], perm="families.complete_action"
        )
        services.action_complete(action=action, by=request.user, request=request)
        messages.success(request, _("The action is marked as done."))
        return redirect(meeting_url(action.meeting))


class MeetingRequestCreateView(ChildFormPageMixin, ChildPageMixin, FormView):
    """The child's linked parents: ask the key person for a meeting."""

    permission_required = "families.ask_for_meeting"
    form_class = MeetingRequestForm
    heading = gettext_lazy("Ask for a meeting with the key person")
    intro = gettext_lazy("Tell us when suits you and what you would like to talk about.")
    submit_label = gettext_lazy("Send request")

    def form_valid(self, form):
        services.meeting_request_create(
            child=self.child, by=self.request.user, request=self.request, **fields_of(form)
        )
        messages.success(self.request, _("Your request was sent. The key person will answer soon."))
        return redirect("families:meetings", child_pk=self.child.pk)


class MeetingRequestAnswerView(ChildFormPageMixin, ChildPageMixin, FormView):
    """The key person and the manager: answer a parent's meeting request."""

    permission_required = "families.answer_meeting_request"
    form_class = AnswerForm
    heading = gettext_lazy("Answer the meeting request")
    submit_label = gettext_lazy("Send answer")

    @property
    def meeting_request(self):
        return get_meeting_request_for(self.request.user, self.child, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        r = self.meeting_request
        kwargs["quoted"] = {
            "who": r.requested_by,
            "when": r.created_at,
            "time": r.preferred_time,
            "text": r.about,
        }
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        try:
            services.meeting_request_answer(
                meeting_request=self.meeting_request,
                by=self.request.user,
                answer=form.cleaned_data["answer"],
                request=self.request,
            )
        except DomainError as error:
            return refuse(
                self.request,
                error,
                redirect_to=reverse("families:meetings", args=[self.child.pk]),
                level=messages.INFO,
            )
        messages.success(self.request, _("Your answer was sent."))
        return redirect("families:meetings", child_pk=self.child.pk)


# Progress reviews and the check at age two.


class ReviewListView(ChildPageMixin, TemplateView):
    """Staff: every review; the child's parents: those shared with them."""

    template_name = "families/reviews.html"

    def get_context_data(self, **kwargs):
        kwargs["reviews"] = (
            ProgressReview.objects.visible_to(self.request.user)
            .filter(child=self.child)
            .with_homes_read(self.request.user)
            .select_related("signed_off_by")
        )
        state = two_year_check_state(self.child)
        kwargs["check_due"] = state == "due"
        kwargs["check_overdue"] = state == "overdue"
        return super().get_context_data(**kwargs)


class ProgressReviewCreateView(ChildFormPageMixin, ChildPageMixin, FormView):
    """The key person and the manager: write a progress review or the check at age two."""

    permission_required = "families.keep_records"
    form_class = ProgressReviewForm
    heading = gettext_lazy("Write a progress review")

    def get_object(self):
        return None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(child=self.child, instance=self.record)
        return kwargs

    def get_initial(self):
        kind = self.request.GET.get("kind")
        return {"kind": kind if kind in ReviewKind.values else ReviewKind.REVIEW}

    def form_valid(self, form):
        values = {
            "by": self.request.user,
            "fields": fields_of(form),
            "share": form.share,
            "request": self.request,
        }
        before = self.record
        if before is None:
            review = services.review_record(child=self.child, **values)
        else:
            try:
                review = services.review_change(review=before, **values)
            except DomainError as error:
                return form_refused(self, form, error)
        if before is not None and review.pk != before.pk:
            messages.success(
                self.request,
                _(
                    "The signed check is kept as it was. Your changes are a new version, "
                    "which the family is asked to sign off again."
                ),
            )
        else:
            messages.success(
                self.request,
                _("Saved and shared with the family.") if review.is_shared else _("Saved."),
            )
        return redirect("families:review_detail", child_pk=self.child.pk, pk=review.pk)


class ProgressReviewEditView(ProgressReviewCreateView):
    """The key person and the manager: correct a review, or share it."""

    heading = gettext_lazy("Change the progress review")

    def get_object(self):
        return get_review_for(self.request.user, self.child, self.kwargs["pk"])


class ReviewDetailView(ChildPageMixin, TemplateView):
    """Staff (with the staff-only notes); the child's parents, once shared."""

    template_name = "families/review_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        review = get_review_for(user, self.child, self.kwargs["pk"])
        kwargs["record"] = review
        kwargs["newer"] = review.newer_version
        kwargs["earlier"] = review.supersedes
        if review.is_signed_off:
            # The views it was signed with are kept; each home still confirms
            # reading it.
            kwargs["can_comment"] = False
            kwargs["comments_closed"] = _(
                "The check is signed off, so the views on it are kept as they were signed."
            )
        kwargs["comment_url_name"] = "families:review_comment"
        kwargs["read_url_name"] = "families:review_read"
        kwargs["can_sign_off"] = (
            review.is_two_year_check
            and review.signed_off_at is None
            and user.has_perm("families.sign_off_check", self.child)
        )
        if review.is_two_year_check and user.has_perm("families.keep_records", self.child):
            kwargs["hv_consented"] = services.two_year_check_share_consented(child=self.child)
        return super().get_context_data(**kwargs)


class CheckSignOffView(ChildPageMixin, View):
    """A linked parent with parental responsibility: sign off the check at age two."""

    permission_required = "families.sign_off_check"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        review = get_review_for(request.user, self.child, self.kwargs["pk"])
        if not review.is_two_year_check:
            raise Http404
        try:
            services.check_sign_off(review=review, by=request.user, request=request)
        except DomainError as error:
            return refuse(
                request,
                error,
                redirect_to=reverse("families:review_detail", args=[self.child.pk, review.pk]),
            )
        messages.success(request, _("Thank you. You have signed off the check."))
        return redirect("families:review_detail", child_pk=self.child.pk, pk=review.pk)


class HealthVisitorShareView(ChildFormPageMixin, ChildPageMixin, FormView):
    """The key person and the manager: record that the check at age two went
    to the health visitor, refused without the family's consent to it."""

    permission_required = "families.keep_records"
    form_class = HealthVisitorShareForm
    heading = gettext_lazy("Record sharing with the health visitor")
    submit_label = gettext_lazy("Record")

    @cached_property
    def review(self):
        review = get_review_for(self.request.user, self.child, self.kwargs["pk"])
        if not review.is_two_year_check:
            raise Http404
        return review

    def get_initial(self):
        return {"shared_on": timezone.localdate()}

    def get_context_data(self, **kwargs):
        self.review  # noqa: B018  (404 before anything is shown)
        if not services.two_year_check_share_consented(child=self.child):
            kwargs["intro"] = _(
                "No consent to share the check with the health visitor is recorded, "
                "so it cannot be shared."
            )
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        try:
            services.check_share_with_health_visitor(
                review=self.review,
                by=self.request.user,
                shared_on=form.cleaned_data["shared_on"],
                request=self.request,
            )
        except DomainError as error:
            return form_refused(self, form, error)
        messages.success(self.request, _("Recorded as shared with the health visitor."))
        return redirect("families:review_detail", child_pk=self.child.pk, pk=self.review.pk)


# Support plans.


class PlanListView(ChildPageMixin, TemplateView):
    """Staff: the child's support plans; the child's parents: those shared."""

    template_name = "families/plans.html"

    def get_context_data(self, **kwargs):
        kwargs["plans"] = (
            SupportPlan.objects.visible_to(self.request.user)
            .filter(child=self.child)
            .annotate(target_count=Count("targets"))
        )
        return super().get_context_data(**kwargs)


class PlanCreateView(RecordWithRowsView):
    """The key person and the manager: agree a support plan with the parents."""

    form_class = SupportPlanForm
    formset_class = SupportTargetFormSet
    title = gettext_lazy("Write a support plan")
    rows_legend = gettext_lazy("Targets agreed with the parents")
    rows_help = gettext_lazy("For each target: what the nursery and the family will do.")

    def save(self, form, formset):
        values = {
            "by": self.request.user,
            "fields": fields_of(form),
            "targets": rows_of(formset),
            "share": form.share,
            "request": self.request,
        }
        if self.record is None:
            return services.support_plan_record(child=self.child, **values)
        return services.support_plan_change(plan=self.record, **values)

    def success_url(self, plan):
        return reverse("families:plan_detail", args=[plan.child_id, plan.pk])


class PlanEditView(PlanCreateView):
    """The key person and the manager: change a plan, its targets, share it."""

    title = gettext_lazy("Change the support plan")

    def get_object(self):
        return get_plan_for(self.request.user, self.child, self.kwargs["pk"])


class PlanDetailView(ChildPageMixin, TemplateView):
    """Staff (with the staff-only notes); the child's parents, once shared."""

    template_name = "families/plan_detail.html"

    def get_context_data(self, **kwargs):
        plan = get_plan_for(self.request.user, self.child, self.kwargs["pk"])
        kwargs.update(record=plan, targets=plan.targets.all(), reviews=plan.reviews.all())
        kwargs["comment_url_name"] = "families:plan_comment"
        kwargs["read_url_name"] = "families:plan_read"
        return super().get_context_data(**kwargs)


class PlanReviewCreateView(ChildFormPageMixin, ChildPageMixin, FormView):
    """The key person and the manager: record a review of a support plan."""

    permission_required = "families.keep_records"
    form_class = SupportPlanReviewForm
    heading = gettext_lazy("Review the support plan")

    @cached_property
    def plan(self):
        return get_plan_for(self.request.user, self.child, self.kwargs["pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "plan": self.plan}

    def form_valid(self, form):
        services.support_plan_review_add(
            plan=self.plan, by=self.request.user, fields=fields_of(form), request=self.request
        )
        messages.success(self.request, _("The review was saved."))
        return redirect("families:plan_detail", child_pk=self.child.pk, pk=self.plan.pk)


# Settling in.


class SettlingView(ChildPageMixin, TemplateView):
    """Staff; the child's parents once the plan is shared with them."""

    template_name = "families/settling.html"

    def get_context_data(self, **kwargs):
        plan = (
            SettlingInPlan.objects.visible_to(self.request.user)
            .filter(child=self.child)
            .prefetch_related("sessions")
            .first()
        )
        kwargs["record"] = plan
        return super().get_context_data(**kwargs)


class SettlingEditView(RecordWithRowsView):
    """The key person and the manager: write or change the settling-in plan."""

    form_class = SettlingInPlanForm
    formset_class = SettlingSessionFormSet
    title = gettext_lazy("Settling-in plan")
    rows_legend = gettext_lazy("Settling-in sessions")
    rows_help = gettext_lazy("When, for how long, who stays, and afterwards how it went.")

    def get_object(self):
        return SettlingInPlan.objects.filter(child=self.child).first()

    def save(self, form, formset):
        return services.settling_plan_save(
            child=self.child,
            by=self.request.user,
            fields=fields_of(form),
            sessions=rows_of(formset),
            share=form.share,
            request=self.request,
        )

    def success_url(self, plan):
        return reverse("families:settling", args=[self.child.pk])


# What parents tell the setting.


class NoticeListView(ChildPageMixin, TemplateView):
    """The child's family and staff: every message from the family, with answers."""

    template_name = "families/notices.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        kwargs["notices"] = (
            ParentNotice.objects.visible_to(user)
            .filter(child=self.child)
            .select_related("sent_by", "seen_by", "replied_by")[:100]
        )
        kwargs["can_tell"] = user.has_perm("families.tell_setting", self.child)
        kwargs["can_answer"] = user.has_perm("families.answer_notice", self.child)
        return super().get_context_data(**kwargs)


class NoticeCreateView(ChildFormPageMixin, ChildPageMixin, FormView):
    """The child's linked parents: report an absence, a change at home, or
    anything else."""

    permission_required = "families.tell_setting"
    form_class = ParentNoticeForm
    heading = gettext_lazy("Tell the nursery")
    intro = gettext_lazy(
        "Staff see your message today. Tell us if your child will be away, "
        "or about a change at home that may affect them."
    )
    submit_label = gettext_lazy("Send")

    def get_initial(self):
        kind = self.request.GET.get("kind")
        return {"kind": kind} if kind else {}

    def form_valid(self, form):
        services.notice_send(
            child=self.child, by=self.request.user, fields=fields_of(form), request=self.request
        )
        messages.success(self.request, _("Thank you. Your message was sent to the nursery."))
        return redirect("families:notices", child_pk=self.child.pk)


class NoticeSeenView(ChildPageMixin, View):
    """Staff: mark a message from the family as seen."""

    permission_required = "families.answer_notice"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        notice = get_notice_for(request.user, self.child, self.kwargs["pk"])
        services.notice_mark_seen(notice=notice, by=request.user, request=request)
        messages.success(request, _("Marked as seen."))
        return redirect("families:inbox" if request.POST.get("next") == "inbox" else "home")


class NoticeAnswerView(ChildFormPageMixin, ChildPageMixin, FormView):
    """Staff: answer a message from the family."""

    permission_required = "families.answer_notice"
    form_class = AnswerForm
    heading = gettext_lazy("Answer the family's message")
    submit_label = gettext_lazy("Send answer")

    @property
    def notice(self):
        return get_notice_for(self.request.user, self.child, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        n = self.notice
        kwargs["quoted"] = {"who": n.sent_by, "when": n.created_at, "text": n.message}
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        try:
            services.notice_answer(
                notice=self.notice,
                by=self.request.user,
                reply=form.cleaned_data["answer"],
                request=self.request,
            )
        except DomainError as error:
            return refuse(
                self.request,
                error,
                redirect_to=reverse("families:notices", args=[self.child.pk]),
                level=messages.INFO,
            )
        messages.success(self.request, _("Your answer was sent."))
        return redirect("families:notices", child_pk=self.child.pk)


def _inbox(user, unseen):
    qs = ParentNotice.objects.visible_to(user).select_related(
        "child", "sent_by", "seen_by", "replied_by"
    )
    return qs.unseen() if unseen else qs


class NoticeInboxView(PermissionRequiredMixin, ListPageView):
    """Staff: every message from families, newest first, unseen ones marked."""

    permission_required = "families.view_follow_up"
    template_name = "families/inbox.html"
    paginate_by = 50

    def get_queryset(self):
        return CompiledList(
            "families.inbox",
            _inbox,
            user=self.request.user,
            unseen=self.request.GET.get("show") == "unseen",
        )


# Child-protection-plan tasks (restricted).


class RestrictedMixin(ChildPageMixin):
    permission_required = "families.view_cp_tasks"


class CPTaskListView(RestrictedMixin, TemplateView):
    """Restricted: the child's key person, the DSL, the manager. The read is logged."""

    template_name = "families/cp_tasks.html"

    def get_context_data(self, **kwargs):
        tasks = list(
            ChildProtectionTask.objects.visible_to(self.request.user)
            .filter(child=self.child)
            .select_related("recorded_by")
        )
        audit.log_read(
            "families.cp_tasks.read",
            request=self.request,
            obj=self.child,
            child=self.child,
            data={"tasks": len(tasks)},
        )
        kwargs["tasks"] = tasks
        return super().get_context_data(**kwargs)


class CPTaskCreateView(ChildFormPageMixin, RestrictedMixin, FormView):
    """Restricted (key person, DSL, manager): add a task under a child-protection plan."""

    permission_required = "families.record_cp_tasks"
    form_class = ChildProtectionTaskForm
    heading = gettext_lazy("Add a child-protection-plan task")

    def get_object(self):
        return None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.record}

    def get_context_data(self, **kwargs):
        kwargs["cancel_url"] = reverse("families:cp_tasks", args=[self.child.pk])
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        if self.record is None:
            services.cp_task_record(
                child=self.child, by=self.request.user, fields=fields_of(form), request=self.request
            )
        else:
            services.cp_task_change(
                task=self.record,
                by=self.request.user,
                fields=fields_of(form),
                request=self.request,
            )
        messages.success(self.request, _("The task was saved."))
        return redirect("families:cp_tasks", child_pk=self.child.pk)


class CPTaskEditView(CPTaskCreateView):
    """Restricted (key person, DSL, manager): update a task's status and notes.
    Opening it is logged."""

    heading = gettext_lazy("Child-protection-plan task")

    def get_object(self):
        task = get_cp_task_for(self.request.user, self.child, self.kwargs["pk"])
        if self.request.method == "GET":
            audit.log_read(
                "families.cp_task.read", request=self.request, obj=task, child=self.child
            )
        return task


# Staff follow-up across the setting.


def _meetings_overdue_rows():
    return meetings_overdue().select_related("room").with_key_person()


class MeetingsOverdueView(PermissionRequiredMixin, ListPageView):
    """Staff: children with no key-person meeting within the setting's interval."""

    permission_required = "families.view_follow_up"
    template_name = "families/meetings_overdue.html"
    paginate_by = 50

    def get_queryset(self):
        return CompiledList("families.meetings_overdue", _meetings_overdue_rows, reads_config=True)

    def get_context_data(self, **kwargs):
        kwargs["weeks"] = SiteConfig.load().meeting_interval_weeks
        kwargs["cutoff"] = meeting_cutoff()
        return super().get_context_data(**kwargs)


def _reviews_due_rows():
    return progress_reviews_due().select_related("room").with_key_person()


class ReviewsDueView(PermissionRequiredMixin, ListPageView):
    """Staff: children with no progress review within the setting's interval."""

    permission_required = "families.view_follow_up"
    template_name = "families/reviews_due.html"
    paginate_by = 50

    def get_queryset(self):
        return CompiledList("families.reviews_due", _reviews_due_rows, reads_config=True)

    def get_context_data(self, **kwargs):
        kwargs["weeks"] = SiteConfig.load().review_interval_weeks
        kwargs["cutoff"] = review_cutoff()
        return super().get_context_data(**kwargs)


def _checks_to_do_rows():
    return two_year_checks_to_do().select_related("room").with_key_person()


class ChecksDueView(PermissionRequiredMixin, ListPageView):
    """Staff: children overdue, then due, the progress check at age two,
    fifty to a page."""

    permission_required = "families.view_follow_up"
    template_name = "families/checks_due.html"
    paginate_by = 50

    def get_queryset(self):
        return CompiledList("families.checks_to_do", _checks_to_do_rows)

    def get(self, request, *args, **kwargs):
        if request.GET.get("part") == "due":
            # The page where the checks due now begin, after every overdue one.
            page = two_year_checks_overdue().count() // self.paginate_by + 1
            return redirect(f"{request.path}?page={page}#due-now")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows, page = list(context["object_list"]), context["page_obj"]
        # Overdue come first: the first page says when none is, the last
        # page when none is due.
        context["none_overdue"] = page.number == 1 and not (rows and rows[0].check_overdue)
        context["none_due"] = not page.has_next() and not (rows and not rows[-1].check_overdue)
        return context


DETAIL_VIEWS = {
    "meeting": MeetingDetailView,
    "review": ReviewDetailView,
    "plan": PlanDetailView,
    "settling": SettlingView,
}
