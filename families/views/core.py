from django.contrib import messages
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from families.forms import (
    ChildForm,
    EmergencyContactFormSet,
    KeyPersonForm,
    ParentLinkEditForm,
    ParentLinkForm,
    PracticalDetailsForm,
    RosterFilterForm,
)
from families.models import Child, KeyPersonAssignment, ParentLink, PracticalDetails
from families.models.core import DETAILS_CHANGES
from families.selectors import child_parent_links
from families.services import (
    child_add,
    child_change,
    details_confirm,
    details_save,
    get_child_for,
    get_child_page_for,
    households_confirm,
    key_person_assign,
    parent_link_change,
    parent_link_create,
)
from nursery.errors import DomainError, form_refused, refuse
from nursery.formdata import fields_of, rows_of
from nursery.links import reverse
from nursery.models import Role
from nursery.queries import CompiledList
from nursery.registry import flags_for, sections_for
from nursery.services import account_create
from nursery.views.mixins import ListPageView, ScopedObjectMixin


class ChildMixin(ScopedObjectMixin):
    """The child in the URL (`pk_kwarg`), through the person's scope (404
    outside it), with `permission_required` checked on it (403)."""

    permission_required = "families.see_child"
    getter = staticmethod(get_child_for)
    context_name = "child"

    @property
    def child(self):
        return self.object


def _roster(user, leavers, room, **words):
    """The children `user` may see (with `leavers`, those who have left
    too; in `room`, its id, if given), naming each of `words` (`word0`,
    `word1`...), the person's key children first."""
    qs = Child.objects.visible_to(user).select_related("room", "details").with_key_person()
    if not leavers:
        qs = qs.current()
    if room is not None:
        qs = qs.filter(room_id=room)
    for word in words.values():
        qs = qs.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(preferred_name__icontains=word)
        )
    mine = KeyPersonAssignment.objects.filter(
        child=OuterRef("pk"), ended_on__isnull=True, practitioner=user
    )
    return qs.annotate(is_my_key_child=Exists(mine)).order_by(
        "-is_my_key_child", "last_name", "first_name", "pk"
    )


class RosterView(PermissionRequiredMixin, ListPageView):
    """Staff: every child, searchable and by room, the person's key children first."""

    permission_required = "families.view_roster"
    template_name = "families/roster.html"
    paginate_by = 50

    def get_queryset(self):
        self.filter_form = RosterFilterForm(self.request.GET or None)
        data = self.filter_form.cleaned_data if self.filter_form.is_valid() else {}
        words = (data.get("q") or "").split()
        return CompiledList(
            "families.roster",
            _roster,
            user=self.request.user,
            leavers=bool(data.get("include_leavers")),
            room=data["room"].pk if data.get("room") else None,
            **{f"word{i}": word for i, word in enumerate(words)},
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_string"] = query.urlencode()
        context["object_list"] = flags_for(self.request, context["object_list"])
        return context


class ChildDetailView(ChildMixin, TemplateView):
    """The child's page. Staff and the child's linked parents/carers."""

    getter = staticmethod(get_child_page_for)

    template_name = "families/child_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        child = self.child
        user = self.request.user
        try:
            context["details"] = child.details  # read with the child
        except PracticalDetails.DoesNotExist:
            context["details"] = None
        context["contacts"] = child.emergency_contacts.all()
        context["key_person"] = child.key_person
        context["flags"] = flags_for(self.request, [child])[0].flags
        context["sections"] = sections_for(self.request, child)
        if user.has_perm("families.view_parent_links", child):
            links = child_parent_links(self.request, child)
            context["links"] = links
            context["households_unconfirmed"] = any(not link.household_confirmed for link in links)
            # Why an adult's access is restricted (a court order) is
            # restricted too: every member of staff reads the fact.
            context["can_read_restriction"] = user.has_perm(
                "families.view_restriction_detail", child
            )
            context["assignments"] = child.key_person_history
        return context


class ChildCreateView(PermissionRequiredMixin, FormView):
    """Manager: add a child to the setting."""

    permission_required = "families.manage_child"
    template_name = "families/child_form.html"
    form_class = ChildForm

    def form_valid(self, form):
        child = child_add(by=self.request.user, fields=fields_of(form), request=self.request)
        messages.success(self.request, _("%(child)s was added.") % {"child": child})
        return redirect(child)


class ChildUpdateView(ChildMixin, FormView):
    """Manager: change a child's name, room, dates."""

    permission_required = "families.manage_child"
    template_name = "families/child_form.html"
    form_class = ChildForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.child
        return kwargs

    def form_valid(self, form):
        child = child_change(
            child=self.child, by=self.request.user, fields=fields_of(form), request=self.request
        )
        messages.success(self.request, _("The changes were saved."))
        return redirect(child)


class DetailsUpdateView(ChildMixin, TemplateView):
    """Parents/carers (linked), the key person, the DSL, the manager: change
    or check the practical details. Saving confirms them as correct."""

    permission_required = "families.edit_details"
    template_name = "families/details_form.html"

    def get_forms(self, data=None):
        details = PracticalDetails.objects.filter(child=self.child).first()
        may_authorise = self.request.user.has_perm("families.authorise_collection", self.child)
        return (
            PracticalDetailsForm(data, instance=details, prefix="details"),
            EmergencyContactFormSet(
                data,
                instance=self.child,
                prefix="contacts",
                form_kwargs={"may_authorise_collection": may_authorise},
            ),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if "form" not in kwargs:
            context["form"], context["contacts"] = self.get_forms()
        return context

    def post(self, request, *args, **kwargs):
        form, contacts = self.get_forms(request.POST)
        if form.is_valid() and contacts.is_valid():
            details_save(
                child=self.child,
                by=request.user,
                details=fields_of(form),
                contacts=rows_of(contacts),
                request=request,
            )
            messages.success(request, _("Thank you. The details were saved."))
            return redirect(self.child)
        return self.render_to_response(self.get_context_data(form=form, contacts=contacts))


class DetailsConfirmView(ChildMixin, View):
    """As DetailsUpdateView: confirm the details are still correct (POST)."""

    permission_required = "families.edit_details"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            details_confirm(child=self.child, by=request.user, request=request)
        except DomainError as error:
            return refuse(
                request, error, redirect_to=reverse("families:details_edit", args=[self.child.pk])
            )
        messages.success(request, _("Thank you for confirming the details are still correct."))
        return redirect(self.child)


class DetailsHistoryView(ChildMixin, TemplateView):
    """Staff and linked parents: every earlier version of the practical details."""

    template_name = "families/details_history.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        versions = list(
            PracticalDetails.history.filter(child_id=self.child.pk)
            .select_related("history_user")
            .order_by("-history_date")[:100]
        )
        for version in versions:
            reason = version.history_change_reason
            version.reason = DETAILS_CHANGES.get(reason, reason) if reason else ""
        context["versions"] = versions
        context["contact_versions"] = (
            self.child.emergency_contacts.model.history.filter(child_id=self.child.pk)
            .select_related("history_user")
            .order_by("-history_date")[:100]
        )
        return context


class KeyPersonView(ChildMixin, FormView):
    """Manager: assign or change the child's key person."""

    permission_required = "families.manage_child"
    template_name = "families/key_person_form.html"
    form_class = KeyPersonForm

    def get_initial(self):
        return {"practitioner": self.child.key_person}

    def form_valid(self, form):
        key_person_assign(
            child=self.child,
            practitioner=form.cleaned_data["practitioner"],
            started_on=form.cleaned_data["started_on"],
            by=self.request.user,
            request=self.request,
        )
        messages.success(
            self.request,
            _("%(person)s is now the key person. The family has been told.")
            % {"person": form.cleaned_data["practitioner"]},
        )
        return redirect(self.child)


class ParentLinkCreateView(ChildMixin, FormView):
    """Manager: link a parent/carer (an existing account or a new one) to the child."""

    permission_required = "families.manage_child"
    template_name = "families/parent_link_form.html"
    form_class = ParentLinkForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["child"] = self.child
        return kwargs

    @transaction.atomic
    def form_valid(self, form):
        parent = form.cleaned_data["existing_parent"]
        if parent is None:
            parent = account_create(
                by=self.request.user,
                email=form.cleaned_data["new_email"],
                full_name=form.cleaned_data["new_full_name"],
                role=Role.PARENT,
                request=self.request,
            )
        try:
            parent_link_create(
                child=self.child,
                parent=parent,
                by=self.request.user,
                fields=fields_of(form),
                household=form.cleaned_data["household"] or 1,
                request=self.request,
            )
        except DomainError as error:
            transaction.set_rollback(True)
            return form_refused(self, form, error)
        messages.success(self.request, _("%(parent)s was linked.") % {"parent": parent})
        return HttpResponseRedirect(self.child.get_absolute_url())


class HouseholdsConfirmView(ChildMixin, View):
    """Manager: confirm the households the portal guessed for the child's adults."""

    permission_required = "families.manage_child"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        households_confirm(child=self.child, by=request.user, request=request)
        messages.success(request, _("The households are confirmed."))
        return redirect(self.child)


class ParentLinkUpdateView(ChildMixin, FormView):
    """Manager: change a link's relationship, responsibility or portal access."""

    permission_required = "families.manage_child"
    template_name = "families/parent_link_edit.html"
    form_class = ParentLinkEditForm
    pk_kwarg = "child_pk"

    @cached_property
    def link(self):
        return get_object_or_404(
            ParentLink.objects.select_related("parent"), child=self.child, pk=self.kwargs["pk"]
        )

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.link
        return kwargs

    def get_context_data(self, **kwargs):
        kwargs["link"] = self.link
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        parent_link_change(
            link=self.link,
            by=self.request.user,
            fields=fields_of(form),
            household=form.cleaned_data["household"],
            request=self.request,
        )
        messages.success(self.request, _("The link was saved."))
        return redirect(self.child)
