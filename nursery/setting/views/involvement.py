from django.contrib import messages
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, View
from rules.contrib.views import PermissionRequiredMixin

from families.models import Child
from nursery.formdata import fields_of
from nursery.queries import CompiledList
from nursery.registry import flags_for
from nursery.setting.forms import EventForm, EventSignupForm
from nursery.setting.models import Event, EventSignup
from nursery.setting.services import (
    event_add,
    event_change,
    event_signup_cancel,
    event_signup_save,
    get_event_for,
)
from nursery.views.mixins import ListPageView, ScopedObjectMixin


def _events(user, now):
    qs = (
        Event.objects.visible_to(user)
        .upcoming(now)
        .select_related("room")
        .annotate(
            coming=Count("signups", distinct=True),
            helpers=Count("signups", filter=Q(signups__offers_help=True), distinct=True),
        )
    )
    if user.is_parent:
        qs = qs.annotate(
            signed_up=Exists(EventSignup.objects.filter(event=OuterRef("pk"), parent=user))
        )
    return qs.order_by("starts_at", "pk")


class EventListView(PermissionRequiredMixin, ListPageView):
    """Everyone logged in: upcoming events and activities; parents see the
    setting's own and their children's rooms'."""

    permission_required = "setting.view_setting_pages"
    template_name = "setting/event_list.html"
    paginate_by = 50

    def get_queryset(self):
        return CompiledList("setting.events", _events, user=self.request.user, now=timezone.now())


class EventDetailView(ScopedObjectMixin, FormView):
    """Everyone who can see the event. A parent signs up or offers to help
    (POST); staff see who is coming, with each parent's communication needs."""

    permission_required = "setting.view_setting_pages"
    post_permission = "setting.sign_up_for_event"
    template_name = "setting/event_detail.html"
    form_class = EventSignupForm
    getter = staticmethod(get_event_for)

    def my_children(self):
        qs = Child.objects.visible_to(self.request.user).current()
        if self.object.room_id:
            qs = qs.filter(room_id=self.object.room_id)
        return qs

    @cached_property
    def my_signup(self):
        return (
            EventSignup.objects.filter(event=self.object, parent=self.request.user)
            .prefetch_related("children")
            .first()
        )

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["children"] = self.my_children()
        return kwargs

    def get_initial(self):
        signup = self.my_signup if self.request.user.is_parent else None
        if signup is None:
            return {"adults": 1}
        return {
            "children": list(signup.children.all()),
            "adults": signup.adults,
            "offers_help": signup.offers_help,
            "note": signup.note,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        if user.is_parent:
            context["signup"] = self.my_signup
            context["can_sign_up"] = user.has_perm("setting.sign_up_for_event", self.object)
        else:
            context.pop("form", None)
        if user.has_perm("setting.see_event_signups"):
            signups = list(
                EventSignup.objects.filter(event=self.object)
                .select_related("parent__communication_needs")
                .prefetch_related(
                    Prefetch(
                        "children",
                        queryset=Child.objects.with_key_person()
                        .select_related("details")
                        .order_by("first_name"),
                    )
                )
            )
            for s in signups:
                s.needs = getattr(s.parent, "communication_needs", None)
                s.key_children = [c for c in s.children.all() if c.key_person == user]
            # Safety facts beside each child, from every app's flag source.
            flags_for(self.request, [c for s in signups for c in s.children.all()])
            context["signups"] = signups
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        event_signup_save(
            event=self.object,
            parent=self.request.user,
            children=data["children"],
            adults=data["adults"] or 0,
            offers_help=data["offers_help"],
            note=data["note"],
            request=self.request,
        )
        messages.success(self.request, _("Thank you: you are signed up. See you there!"))
        return redirect(self.object)


class EventCancelSignupView(ScopedObjectMixin, View):
    """A parent withdraws their sign-up."""

    permission_required = "setting.sign_up_for_event"
    getter = staticmethod(get_event_for)
    http_method_names = ["post"]

    def post(self, request, pk):
        signup = EventSignup.objects.filter(event=self.object, parent=request.user).first()
        if signup is not None:
            event_signup_cancel(signup=signup, by=request.user, request=request)
            messages.success(request, _("Your sign-up was cancelled."))
        return redirect(self.object)


class EventCreateView(PermissionRequiredMixin, FormView):
    """Staff: publish an event for the whole setting or one room."""

    permission_required = "setting.publish_events"
    template_name = "setting/event_form.html"
    form_class = EventForm

    def form_valid(self, form):
        event = event_add(by=self.request.user, fields=fields_of(form), request=self.request)
        messages.success(self.request, _("The event was published."))
        return redirect(event)


class EventEditView(ScopedObjectMixin, FormView):
    """Staff: change an event."""

    permission_required = "setting.publish_events"
    template_name = "setting/event_form.html"
    form_class = EventForm
    getter = staticmethod(get_event_for)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.object
        return kwargs

    def form_valid(self, form):
        event = event_change(
            event=self.object, by=self.request.user, fields=fields_of(form), request=self.request
        )
        messages.success(self.request, _("The event was saved."))
        return redirect(event)
