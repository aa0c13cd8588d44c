"""The manager's side of the second factor: resetting a lost one."""

from allauth.account.internal.flows.reauthentication import raise_if_reauthentication_required
from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.webauthn import views as webauthn_views
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from nursery.errors import refuse
from nursery.links import reverse
from nursery.models import User
from nursery.services import second_factor_reset


class SecondFactorResetView(PermissionRequiredMixin, TemplateView):
    """Manager: reset another person's second factor (a lost phone). Asks for
    the manager's password or code again after ten minutes."""

    permission_required = "nursery.reset_second_factor"
    template_name = "nursery/second_factor_reset.html"

    @cached_property
    def person(self):
        return get_object_or_404(User, pk=self.kwargs["pk"])

    def get_permission_object(self):
        return self.person

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["person"] = self.person
        context["authenticators"] = Authenticator.objects.filter(user=self.person).order_by(
            "type", "pk"
        )
        return context

    def post(self, request, *args, **kwargs):
        raise_if_reauthentication_required(request, app="nursery")
        second_factor_reset(user=self.person, by=request.user, request=request)
        messages.success(
            request,
            _(
                "The second factor of %(name)s was reset. They set up a new one "
                "the next time they log in."
            )
            % {"name": self.person.full_name},
        )
        return redirect("account_edit", pk=self.person.pk)


class RemoveKeyView(webauthn_views.RemoveWebAuthnView):
    """The person themself: remove a passkey or security key, unless it is a
    member of staff's last second factor."""

    def form_valid(self, form):
        authenticator = self.get_object()
        if not get_mfa_adapter().can_delete_authenticator(authenticator):
            message = get_mfa_adapter().error_messages["cannot_delete_authenticator"]
            return refuse(self.request, message, redirect_to=reverse("mfa_list_webauthn"))
        return super().form_valid(form)
