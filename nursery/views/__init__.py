from allauth.account import views as allauth_views
from allauth.account.internal.flows.reauthentication import raise_if_reauthentication_required
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from nursery import audit
from nursery.forms import AccountEditForm, AccountForm, SiteConfigForm
from nursery.models import AuditEvent, SiteConfig, User
from nursery.queries import CompiledList
from nursery.registry import hide_unreadable_lines, panels_for
from nursery.services import (
    account_create,
    account_invite,
    account_update,
    password_reset_send,
)
from nursery.tokens import invitation_tokens
from nursery.validators import parse_id
from nursery.views.mixins import ListPageView


class HomeView(TemplateView):
    """Everyone logged in: what needs their attention, by role."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["panels"] = panels_for(self.request)
        return context


class LoginView(allauth_views.LoginView):
    """Anyone: email and password, then the second factor when the person has one."""

    template_name = "registration/login.html"


class PasswordResetView(auth_views.PasswordResetView):
    """Anyone: ask for a reset link. The page only enqueues the work, so it
    answers the same, as fast, for an address with an account and one
    without; the task worker looks the address up and sends the email."""

    def form_valid(self, form):
        password_reset_send.enqueue(
            email=form.cleaned_data["email"],
            domain=self.request.get_host(),
            use_https=self.request.is_secure(),
        )
        return redirect(self.get_success_url())


class InvitationView(auth_views.PasswordResetConfirmView):
    """Anyone holding a valid invitation link: choose a first password."""

    template_name = "registration/invitation_confirm.html"
    success_url = reverse_lazy("invitation_complete")
    post_reset_login = False
    token_generator = invitation_tokens


def _accounts(role, q):
    """Every account (with `role`, of that role; with `q`, whose name or
    email holds it), by name."""
    qs = User.objects.with_role_name().order_by("full_name", "pk")
    if role:
        qs = qs.filter(groups__name=role)
    if q:
        qs = qs.filter(full_name__icontains=q) | qs.filter(email__icontains=q)
    return qs


class AccountListView(PermissionRequiredMixin, ListPageView):
    """Manager: every account, by role."""

    permission_required = "nursery.manage_accounts"
    template_name = "nursery/account_list.html"
    paginate_by = 50

    def get_queryset(self):
        role = self.request.GET.get("role")
        q = (self.request.GET.get("q") or "").replace("\x00", "").strip()[:80]
        return CompiledList(
            "nursery.accounts",
            _accounts,
            role=role if role in {"parent", "practitioner", "manager"} else None,
            q=q or None,
        )


class AccountCreateView(PermissionRequiredMixin, FormView):
    """Manager: create a login for a member of staff or a parent/carer."""

    permission_required = "nursery.manage_accounts"
    template_name = "nursery/account_form.html"
    form_class = AccountForm

    def form_valid(self, form):
        user = account_create(by=self.request.user, request=self.request, **form.cleaned_data)
        messages.success(
            self.request,
            _("The account for %(name)s was created and an invitation sent to %(email)s.")
            % {"name": user.full_name, "email": user.email},
        )
        return redirect("accounts")


class AccountUpdateView(PermissionRequiredMixin, FormView):
    """Manager: change a person's name, role, safeguarding flag or access."""

    permission_required = "nursery.manage_accounts"
    template_name = "nursery/account_form.html"
    form_class = AccountEditForm

    def dispatch(self, request, *args, **kwargs):
        self.person = get_object_or_404(User, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.person
        return kwargs

    def get_initial(self):
        p = self.person
        return {
            "full_name": p.full_name,
            "email": p.email,
            "phone": p.phone,
            "role": p.role,
            "is_dsl": p.is_dsl,
            "is_active": p.is_active,
        }

    def get_context_data(self, **kwargs):
        kwargs["person"] = self.person
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        if self.person == self.request.user and (
            data["role"] != self.person.role or not data["is_active"]
        ):
            form.add_error(None, _("You cannot remove your own manager role or access."))
            return self.form_invalid(form)
        if data["role"] != self.person.role or data["is_dsl"] != self.person.is_dsl:
            # Changing what someone may see asks for the password or second
            # factor again after ten minutes; the form is sent on afterwards.
            raise_if_reauthentication_required(self.request, app="nursery")
        account_update(
            user=self.person,
            by=self.request.user,
            full_name=data["full_name"],
            phone=data["phone"],
            role=data["role"],
            is_dsl=data["is_dsl"],
            is_active=data["is_active"],
            request=self.request,
        )
        if self.request.POST.get("resend") == "1" and self.person.is_active:
            account_invite(user=self.person, by=self.request.user, request=self.request)
            messages.success(self.request, _("A new invitation was sent."))
        messages.success(self.request, _("The account was saved."))
        return redirect("accounts")


def _audit_log(child, actor, action, viewer):
    """The audit log, newest first: about one child, by one person, of one
    kind of action (any, where None), without the lines about records the
    viewer may not read (`hide_unreadable_lines`)."""
    qs = hide_unreadable_lines(
        AuditEvent.objects.select_related("actor", "child", "content_type"), viewer
    )
    if child is not None:
        qs = qs.filter(child_id=child)
    if actor is not None:
        qs = qs.filter(actor_id=actor)
    if action is not None:
        qs = qs.filter(action=action)
    return qs


class AuditLogView(PermissionRequiredMixin, ListPageView):
    """Manager: the audit log, for one child or one person, newest first."""

    permission_required = "nursery.view_audit"
    template_name = "nursery/audit_log.html"
    paginate_by = 100

    def get_queryset(self):
        self.filters = {}
        for key in ("child", "actor"):
            value = parse_id(self.request.GET.get(key))
            if value is not None:
                self.filters[key] = value
        action = self.request.GET.get("action", "")
        if audit.is_action(action):
            self.filters["action"] = action
        return CompiledList(
            "nursery.audit_log",
            _audit_log,
            child=self.filters.get("child"),
            actor=self.filters.get("actor"),
            action=self.filters.get("action"),
            viewer=self.request.user,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filters"] = self.filters
        context["actions"] = audit.actions()
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_string"] = query.urlencode()
        return context


class SiteConfigView(PermissionRequiredMixin, FormView):
    """Manager: the setting's own intervals."""

    permission_required = "nursery.edit_config"
    template_name = "nursery/config_form.html"
    form_class = SiteConfigForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = SiteConfig.load()
        return kwargs

    def form_valid(self, form):
        form.save()
        messages.success(self.request, _("The settings were saved."))
        return redirect("config")
