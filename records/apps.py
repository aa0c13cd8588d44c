from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "records"
    verbose_name = _("Records and rights")

    def ready(self):
        # Declares audit codes; registers navigation, panels and figures;
        # answers the restriction hook.
        from nursery import hooks
        from records import audit, panels  # noqa: F401
        from records.models import RightsRequest

        hooks.restrictions_in_force.answer(RightsRequest.restrictions_in_force)
