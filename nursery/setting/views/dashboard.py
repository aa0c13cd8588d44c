from django.db.models import Q
from django.views.generic import ListView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from families.models import Child
from nursery.models import SiteConfig
from nursery.registry import dashboard_figures


def details_unconfirmed_children(due_before):
    """Current children whose practical details were never confirmed, or not since `due_before`."""
    return (
        Child.objects.current()
        .filter(
            Q(details__isnull=True)
            | Q(details__last_confirmed_at__isnull=True)
            | Q(details__last_confirmed_at__lt=due_before)
        )
        .select_related("room", "details")
        .order_by("details__last_confirmed_at", "last_name", "first_name", "pk")
    )


class DashboardView(PermissionRequiredMixin, TemplateView):
    """Manager: every figure that needs attention across the setting, each
    linking to the list behind it."""

    permission_required = "setting.view_dashboard"
    template_name = "setting/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["figures"] = dashboard_figures(self.request)
        return context


class DetailsUnconfirmedView(PermissionRequiredMixin, ListView):
    """Manager: children whose practical details have not been confirmed for
    the setting's interval."""

    permission_required = "setting.view_dashboard"
    template_name = "setting/details_unconfirmed.html"
    paginate_by = 100

    def get_queryset(self):
        from families.panels import details_due_before

        return details_unconfirmed_children(details_due_before())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["months"] = SiteConfig.load().details_confirm_months
        return context
