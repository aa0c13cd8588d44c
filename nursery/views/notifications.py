"""What's new, how each person wants to be told, and the emails that could
not be sent."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView
from rules.contrib.views import PermissionRequiredMixin

from nursery.forms import RadioSelect
from nursery.mail import kept_email_resend
from nursery.models import Channel, KeptEmail
from nursery.notifications import (
    choices_of,
    kinds_for,
    message_for,
    notification_choices_save,
    notification_open,
    notifications_mark_all_read,
    whats_new,
)
from nursery.registry import notification_kinds
from nursery.views.mixins import ListPageView


class WhatsNewView(ListPageView):
    """Everyone logged in: what they were told, newest first."""

    template_name = "nursery/whats_new.html"
    paginate_by = 30

    def get_queryset(self):
        return whats_new(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for item in context["object_list"]:
            item.text = (
                message_for(item.kind, item.child_name)
                if notification_kinds.get(item.kind) is not None
                else _("Something new")
            )
        return context


class NotificationOpenView(View):
    """The person the item is for (404 for anyone else): marks it read and
    opens the record."""

    def get(self, request, pk):
        item = whats_new(request.user).filter(pk=pk).first()
        if item is None:
            raise Http404
        notification_open(notification=item, by=request.user)
        if not url_has_allowed_host_and_scheme(item.url, allowed_hosts=None):
            return redirect("whats_new")
        return redirect(item.url)


class MarkAllReadView(View):
    """Everyone logged in: mark every item of their own list read."""

    def post(self, request):
        notifications_mark_all_read(user=request.user)
        messages.success(request, _("Everything is marked as read."))
        return redirect("whats_new")


class ChoicesForm(forms.Form):
    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        for entry in kinds_for(user):
            if entry.always_email:
                continue
            self.fields[entry.key.replace(".", "__")] = forms.ChoiceField(
                label=entry.title, choices=Channel.choices, widget=RadioSelect
            )

    def choices(self):
        return {name.replace("__", "."): value for name, value in self.cleaned_data.items()}


class NotificationChoicesView(FormView):
    """Everyone logged in: how they hear of each kind of news (their own)."""

    template_name = "nursery/notification_choices.html"

    def get_form(self, form_class=None):
        return ChoicesForm(user=self.request.user, **self.get_form_kwargs())

    def get_initial(self):
        return {
            key.replace(".", "__"): channel
            for key, channel in choices_of(self.request.user).items()
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["always"] = [e for e in kinds_for(self.request.user) if e.always_email]
        return context

    def form_valid(self, form):
        notification_choices_save(
            user=self.request.user, choices=form.choices(), request=self.request
        )
        messages.success(self.request, _("Your choices are saved."))
        return redirect("notification_choices")


class KeptEmailListView(PermissionRequiredMixin, ListPageView):
    """Manager: emails the mail server did not take after every retry."""

    permission_required = "nursery.manage_accounts"
    template_name = "nursery/kept_emails.html"
    paginate_by = 50
    title = gettext_lazy("Emails not sent")

    def get_queryset(self):
        return KeptEmail.objects.all()


class KeptEmailResendView(PermissionRequiredMixin, View):
    """Manager: send a kept email again."""

    permission_required = "nursery.manage_accounts"

    def post(self, request, pk):
        kept = KeptEmail.objects.filter(pk=pk).first()
        if kept is None:
            raise Http404
        kept_email_resend(kept=kept, by=request.user, request=request)
        messages.success(request, _("The email is queued to be sent again."))
        return redirect("kept_emails")
