from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from families.models import ParentLink
from nursery.formdata import fields_of
from nursery.setting.forms import AnnouncementForm, CommunicationNeedsForm
from nursery.setting.models import Announcement, CommunicationNeeds
from nursery.setting.services import (
    announcement_publish,
    communication_needs_save,
    get_announcement_for,
)
from nursery.views.mixins import ListPageView, ScopedObjectMixin


class AnnouncementListView(PermissionRequiredMixin, ListPageView):
    """Everyone logged in: the announcements addressed to them (staff: all)."""

    permission_required = "setting.view_setting_pages"
    template_name = "setting/announcement_list.html"
    paginate_by = 30

    def get_queryset(self):
        return Announcement.objects.visible_to(self.request.user).select_related(
            "room", "created_by"
        )


class AnnouncementCreateView(PermissionRequiredMixin, FormView):
    """Staff: announce something to all families, one room, or chosen children's families."""

    permission_required = "setting.send_announcements"
    template_name = "setting/announcement_form.html"
    form_class = AnnouncementForm

    def form_valid(self, form):
        announcement = announcement_publish(
            fields=fields_of(form, exclude=("children",)),
            children=form.cleaned_data.get("children") or [],
            by=self.request.user,
            request=self.request,
        )
        messages.success(
            self.request,
            _(
                "The announcement was published. Its families are being told now, by "
                "email too for those who asked."
            ),
        )
        return redirect("announcement_recipients", pk=announcement.pk)


class AnnouncementRecipientsView(ScopedObjectMixin, TemplateView):
    """Staff: who an announcement reaches, with how each parent prefers to be
    contacted (so that staff can follow up in their language or format)."""

    permission_required = "setting.see_announcement_recipients"
    template_name = "setting/announcement_recipients.html"
    getter = staticmethod(get_announcement_for)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        recipients = list(self.object.recipients())
        for r in recipients:
            r.needs = getattr(r, "communication_needs", None)
        context["recipients"] = recipients
        context["chosen_children"] = list(self.object.children.all())
        return context


class CommunicationNeedsView(PermissionRequiredMixin, FormView):
    """A parent: how the setting can best communicate with them."""

    permission_required = "setting.record_communication_needs"
    template_name = "setting/communication_needs_form.html"
    form_class = CommunicationNeedsForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = CommunicationNeeds.objects.filter(parent=self.request.user).first()
        return kwargs

    def form_valid(self, form):
        communication_needs_save(
            parent=self.request.user, data=form.cleaned_data, request=self.request
        )
        messages.success(self.request, _("Thank you. Staff will see this when they contact you."))
        return redirect("home")


def parent_needs_for_children(children):
    """{child_id: [parent with .needs]} for portal and non-portal links alike."""
    links = (
        ParentLink.objects.filter(child__in=children)
        .select_related("parent__communication_needs")
        .order_by("parent__full_name")
    )
    found = {}
    for link in links:
        link.parent.needs = getattr(link.parent, "communication_needs", None)
        found.setdefault(link.child_id, []).append(link.parent)
    return found
