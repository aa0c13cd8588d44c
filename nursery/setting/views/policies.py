from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from nursery.formdata import fields_of
from nursery.setting.forms import PolicyForm
from nursery.setting.models import Policy, PolicyAcknowledgement
from nursery.setting.services import get_policy_for, policy_acknowledge, policy_add, policy_change
from nursery.views.mixins import ListPageView, ScopedObjectMixin


class PolicyListView(PermissionRequiredMixin, ListPageView):
    """Everyone logged in: the setting's policies and information for families.
    Parents see which ones ask for their acknowledgement."""

    permission_required = "setting.view_setting_pages"
    template_name = "setting/policy_list.html"

    def get_queryset(self):
        qs = Policy.objects.listed().visible_to(self.request.user)
        if self.request.user.is_parent:
            qs = qs.with_acknowledged_by(self.request.user)
        return qs


class PolicyOverdueView(PermissionRequiredMixin, ListPageView):
    """Manager: the policies whose review date has passed."""

    permission_required = "setting.manage_policies"
    template_name = "setting/policy_list.html"
    extra_context = {"overdue_only": True}

    def get_queryset(self):
        return Policy.objects.listed().overdue().order_by("next_review_due")


class PolicyDetailView(ScopedObjectMixin, TemplateView):
    """Everyone logged in reads a published policy; the manager sees who has
    acknowledged the current version."""

    permission_required = "setting.view_setting_pages"
    template_name = "setting/policy_detail.html"
    getter = staticmethod(get_policy_for)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        policy, user = self.object, self.request.user
        if user.is_parent:
            context["my_acknowledgements"] = list(
                PolicyAcknowledgement.objects.filter(policy=policy, parent=user).order_by(
                    "-version"
                )
            )
            context["acknowledged"] = any(
                a.version == policy.version for a in context["my_acknowledgements"]
            )
        if user.has_perm("setting.manage_policies"):
            context["acknowledgements"] = list(
                PolicyAcknowledgement.objects.filter(policy=policy, version=policy.version)
                .select_related("parent")
                .order_by("parent__full_name")
            )
        return context


class PolicyAcknowledgeView(ScopedObjectMixin, View):
    """A parent: 'I have read this version'."""

    permission_required = "setting.acknowledge_policy"
    getter = staticmethod(get_policy_for)
    http_method_names = ["post"]

    def post(self, request, pk):
        policy_acknowledge(policy=self.object, parent=request.user, request=request)
        messages.success(
            request,
            _("Thank you. We have recorded that you read version %(v)s of “%(title)s”.")
            % {"v": self.object.version, "title": self.object.title},
        )
        return redirect(self.object)


class PolicyCreateView(PermissionRequiredMixin, FormView):
    """Manager: publish a new policy or piece of information for families."""

    permission_required = "setting.manage_policies"
    template_name = "setting/policy_form.html"
    form_class = PolicyForm

    def form_valid(self, form):
        policy = policy_add(by=self.request.user, fields=fields_of(form), request=self.request)
        messages.success(self.request, _("The policy was saved."))
        return redirect(policy)


class PolicyEditView(ScopedObjectMixin, FormView):
    """Manager: change a policy, record its review, or publish a new version."""

    permission_required = "setting.manage_policies"
    template_name = "setting/policy_form.html"
    form_class = PolicyForm
    getter = staticmethod(get_policy_for)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.object
        return kwargs

    def form_valid(self, form):
        policy = policy_change(
            policy=self.object,
            fields=fields_of(form),
            by=self.request.user,
            new_version=form.cleaned_data.get("new_version", False),
            request=self.request,
        )
        messages.success(self.request, _("The policy was saved."))
        return redirect(policy)
