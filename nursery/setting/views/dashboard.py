from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from families.selectors import details_unconfirmed
from nursery.models import SiteConfig
from nursery.registry import dashboard_figures
from nursery.views.mixins import ListPageView


class DashboardView(PermissionRequiredMixin, TemplateView):
    """Manager: every figure that needs attention across the setting, each
    linking to the list behind it."""

    permission_required = "setting.view_dashboard"
    template_name = "setting/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["figures"] = dashboard_figures(self.request)
        return context


class DetailsUnconfirmedView(PermissionRequiredMixin, ListPageView):
    """Manager: children whose practical details have not been confirmed for
    the setting's interval."""

    permission_required = "setting.view_dashboard"
    template_name = "setting/details_unconfirmed.html"
    paginate_by = 100

    def get_queryset(self):
        return details_unconfirmed()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["months"] = SiteConfig.load().details_confirm_months
        return context
